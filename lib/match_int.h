/* match_int.h - internals shared by the matcher's regex back ends
 * (match_posix.c, match_pcre.c); not installed. */
#ifndef SINO_MATCH_INT_H
#define SINO_MATCH_INT_H

#include <stdlib.h>
#include <string.h>
#include <stdint.h>

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

/* match_ac.c: an Aho-Corasick automaton over folded literals (many -F
 * patterns). Candidates are a superset of the matches: verify each. */
typedef struct sino_ac sino_ac;
struct sino_ac_scan {
    int gaps;          /* follow line-break and reading gaps between Chinese */
    size_t per;        /* the most bytes one pattern character can span */
    void *ctx;
    /* the end of the gap at p (p: none, SIZE_MAX: it may go on after len) */
    size_t (*gap)(void *ctx, const unsigned char *t, size_t len, size_t p);
    /* a candidate of the pattern with this id, n characters, ending at end;
     * exact: it starts at start, else it starts before the gap at start.
     * Sets *limit to the start of the best match so far (the scan stops when no
     * partial match starts at or before it); non-zero stops the scan. */
    int (*hit)(void *ctx, size_t id, size_t n, int exact, size_t start, size_t end,
               size_t *limit);
};
sino_ac *sino_ac_new(int flags);
void sino_ac_free(sino_ac *a);
/* classes[i][0..ncls[i]) are the folded code points of character i */
int sino_ac_add(sino_ac *a, size_t id, const uint32_t *const *classes, const int *ncls,
                size_t n);
int sino_ac_build(sino_ac *a);
size_t sino_ac_max_chars(const sino_ac *a);
/* Scan t[from..len). 0: done (*pending: where a partial match at len
 * starts, SIZE_MAX for none), 2: too many gap walkers (search another way),
 * -1: out of memory, else hit's non-zero value. */
int sino_ac_scan(const sino_ac *a, const unsigned char *t, size_t len, size_t from,
                 const struct sino_ac_scan *sc, size_t *pending);

#endif
