/* Fuzz target: sgrep's pattern compiler (literal and regular expression) and
 * search. The first byte chooses the flags, the bytes up to the first
 * newline are the pattern, the rest is the text. Results stay inside the
 * text; the search never reads outside it. No variant table: folding of
 * width, case, line breaks and readings is still exercised. */
#include <stdlib.h>
#include <string.h>

#include "sino.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int flags = data[0] & (SINO_MATCH_EXACT | SINO_MATCH_ICASE | SINO_MATCH_REGEX |
                           SINO_MATCH_LINE | SINO_MATCH_NO_GAPS);
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    const uint8_t *nl = memchr(p, '\n', n);
    size_t pl = nl ? (size_t)(nl - p) : n;
    size_t tl = nl ? n - pl - 1 : 0;
    if (pl > 256) return 0;
    /* the text in a block of its own size, so that overreads are caught */
    char *text = malloc(tl ? tl : 1);
    if (!text) return 0;
    if (tl) memcpy(text, nl + 1, tl);
    sino_error err;
    sino_error_clear(&err);
    sino_matcher *m = sino_matcher_new(NULL, flags, &err);
    if (m && sino_matcher_add(m, (const char *)p, pl, &err) == SINO_OK) {
        for (int eof = 0; eof < 2; eof++) {
            size_t from = 0;
            sino_matcher_reset(m);
            while (from <= tl) {
                size_t s = 0, e = 0;
                int r = sino_matcher_find(m, text, tl, from, eof, &s, &e);
                if (r < 0) abort();
                if (r == SINO_MATCH_NONE) break;
                if (r == SINO_MATCH_MORE) {
                    if (eof || s > tl) abort();
                    break;
                }
                if (s < from || e < s || e > tl) abort();
                from = e > s ? e : s + 1;
            }
        }
    }
    sino_matcher_free(m);
    free(text);
    return 0;
}
