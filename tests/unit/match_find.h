/* match_find.h - the first match of one pattern, for the matcher's unit
 * tests. */
#ifndef MATCH_FIND_H
#define MATCH_FIND_H

#include <string.h>

#include "sino.h"

/* First match of pat in text (variants may be NULL): the matched bytes go
 * to out (empty when none or too long); returns sino_matcher_find's answer,
 * or -1 when the pattern does not compile. */
static int find1(const sino_dict *v, int flags, const char *pat, const char *text,
                 char *out, size_t outsz)
{
    sino_error err;
    sino_error_clear(&err);
    sino_matcher *m = sino_matcher_new(v, flags, &err);
    if (!m || sino_matcher_add(m, pat, strlen(pat), &err) != SINO_OK) {
        sino_matcher_free(m);
        return -1;
    }
    size_t s = 0, e = 0;
    int r = sino_matcher_find(m, text, strlen(text), 0, 1, &s, &e);
    out[0] = 0;
    if (r == SINO_MATCH_FOUND && e - s < outsz) {
        memcpy(out, text + s, e - s);
        out[e - s] = 0;
    }
    sino_matcher_free(m);
    return r;
}

#endif
