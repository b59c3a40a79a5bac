/* match_int.h - internals shared by the matcher's modules (match.c,
 * match_posix.c, match_pcre.c, match_ac.c); not installed. */
#ifndef SINO_MATCH_INT_H
#define SINO_MATCH_INT_H

#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "grow_int.h"
#include "sino_match.h"

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
    if (SINO_GROW(b->s, b->cap, b->n + n + 1)) {
        b->oom = 1;
        return;
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

/* match_multi.c: up to SINO_MULTI_MAX literal forms (1 to 4 bytes) found
 * in one pass; NULL from _new where the CPU cannot (no AVX2): search each
 * form alone. */
#define SINO_MULTI_MAX 8
typedef struct sino_multi sino_multi;
sino_multi *sino_multi_new(void);
void sino_multi_free(sino_multi *m);
/* forget the last text (the caller's buffer may now hold other bytes) */
void sino_multi_reset(sino_multi *m);
/* A hit of a form at t[pos] that keep(ctx, t, len, pos, form length)
 * rejects is not recorded (keep may be NULL). */
typedef int (*sino_multi_keep)(const void *ctx, const unsigned char *t, size_t len, size_t pos,
                               size_t flen);
/* the form's id, or -1 when there are too many */
int sino_multi_add(sino_multi *m, const unsigned char *form, size_t len, sino_multi_keep keep,
                   const void *ctx);
/* The next occurrence of form id in t[0..len) at or after from, or SIZE_MAX
 * (one its keep rejects may be returned, from a queue that had filled up).
 * For one (t, len), from must not decrease between calls for the same id. */
size_t sino_multi_next(sino_multi *m, int id, const unsigned char *t, size_t len, size_t from);

/* ---- shared by match.c, match_ac.c and match_posix.c (moved from sino_match.h) ---- */

/* The folded code points a pattern character stands for (itself, its
 * variants, its other width); returns how many were stored in out[0..max). */
int sino_match_char_class(const sino_dict *variants, int flags, uint32_t cp,
                          uint32_t *out, int max);

/* match_posix.c: grep -G / -E through the C library's GNU regex engine. */
typedef struct sino_match_posix sino_match_posix;
sino_match_posix *sino_match_posix_compile(const char *pat, size_t len, int flags,
                                           const sino_dict *variants, sino_error *err);
void sino_match_posix_free(sino_match_posix *re);
size_t sino_match_posix_warnings(const sino_match_posix *re, const char **out, size_t max);
/* Whether GNU grep's DFA decides the pattern's lines by itself (no
 * back-reference, word anchor, \w \s or bracket it cannot do in UTF-8). */
int sino_match_posix_dfa_ok(const sino_match_posix *re);
/* The pattern as grep's DFA reads it, where that differs from the C
 * library's reading ("^*a" finds an a anywhere), or NULL: grep selects
 * lines by it and takes the bounds of a match from the library's. */
sino_match_posix *sino_match_posix_sel(const sino_match_posix *re);
/* Whether it holds a character or a bracket expression grep's DFA can do:
 * where the DFA cannot decide, it filters lines by its superset only when
 * one of the patterns has one. */
int sino_match_posix_has_char(const sino_match_posix *re);
/* Leftmost-longest match in the line s[0..len) at or after from: 1 (and
 * *ms, *me), 0, or SINO_ERR_NOMEM. */
int sino_match_posix_find(sino_match_posix *re, const unsigned char *s, size_t len,
                          size_t from, size_t *ms, size_t *me);
/* Length of the longest match starting at at and ending by limit (<= len;
 * '$' does not match at limit < len), -1 for none, or SINO_ERR_NOMEM. */
long sino_match_posix_match_at(sino_match_posix *re, const unsigned char *s, size_t len,
                               size_t at, size_t limit);

/* match_pcre.c: grep -P through PCRE2 (flags may hold SINO_MATCH_WORD and
 * SINO_MATCH_LINE, compiled into the pattern as grep does). */
typedef struct sino_match_pcre sino_match_pcre;
sino_match_pcre *sino_match_pcre_compile(const char *pat, size_t len, int flags,
                                         const sino_dict *variants, sino_error *err);
void sino_match_pcre_free(sino_match_pcre *re);
/* First match in the line s[0..len) at or after from: 1, 0, or an error
 * (SINO_ERR_USAGE with PCRE2's message, e.g. a match limit). */
int sino_match_pcre_find(sino_match_pcre *re, const unsigned char *s, size_t len,
                         size_t from, size_t *ms, size_t *me, sino_error *err);

#endif
