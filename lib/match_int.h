/* match_int.h - internals shared by the matcher's regex back ends
 * (match_posix.c, match_pcre.c); not installed. */
#ifndef SINO_MATCH_INT_H
#define SINO_MATCH_INT_H

#include <stdlib.h>
#include <string.h>

/* A growable, always NUL-terminated byte string for a rewritten pattern. An
 * allocation failure is sticky: later appends do nothing and oom stays set,
 * so a chain of appends is checked once at the end. */
struct sino_pat_buf {
    char *s;
    size_t n, cap;
    int oom;
};

static inline void sino_pat_put(struct sino_pat_buf *b, const void *p, size_t n)
{
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + n + 1) cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->n, p, n);
    b->n += n;
    b->s[b->n] = 0;
}

#endif
