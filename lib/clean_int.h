/* clean_int.h - internal helpers shared by sclean's passes (not installed
 * API; lib/sino_clean.h is the module's interface). */
#ifndef SINO_CLEAN_INT_H
#define SINO_CLEAN_INT_H

#include <stdint.h>
#include <string.h>

#include "sino_text.h"

/* Characters (bytes that are not UTF-8 continuation bytes) of s[0..n),
 * counted eight bytes at a time, stopping once the count exceeds limit. */
static inline size_t clean_nchars_upto(const char *s, size_t n, size_t limit)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t c = 0, i = 0;
    while (i + 8 <= n && c <= limit) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        uint64_t x = ((~w >> 7) | (w >> 6)) & 0x0101010101010101ull;
        c += (size_t)((x * 0x0101010101010101ull) >> 56);
        i += 8;
    }
    for (; i < n && c <= limit; i++)
        if ((u[i] & 0xC0) != 0x80) c++;
    return c;
}

/* Whether the string pat occurs in s[0..n) (memchr on its first byte). */
static inline int clean_contains(const char *s, size_t n, const char *pat)
{
    size_t m = strlen(pat);
    for (const char *p = s, *e = s + n;
         (size_t)(e - p) >= m && (p = memchr(p, pat[0], (size_t)(e - p) - m + 1)) != NULL; p++)
        if (memcmp(p, pat, m) == 0) return 1;
    return 0;
}

#endif
