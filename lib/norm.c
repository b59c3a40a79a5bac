/* norm.c - NFC/NFKC with a quick check, and width folding. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sino_norm.h"

int sino_norm_stable(unsigned cp, int flags)
{
    if (flags & SINO_NORM_NFKC) {
        if (cp < 0xA0) return 1;
    } else {
        if (cp < 0x300) return 1;
        if (cp >= 0xFF01 && cp <= 0xFF5E) return 1;   /* compat only */
        if (cp == 0x3000) return 1;
        if (cp >= 0x2010 && cp <= 0x2027) return 1;
    }
    if (cp >= 0x4E00 && cp <= 0x9FFF) return 1;
    if (cp >= 0x3400 && cp <= 0x4DBF) return 1;
    if (cp >= 0x3001 && cp <= 0x3029) return 1;
    if (cp == 0x2013 || cp == 0x2014 || cp == 0x2018 || cp == 0x2019 ||
        cp == 0x201C || cp == 0x201D)
        return 1;
    return 0;
}

/* The quick check over whole blocks: from i (a character boundary) skip
 * sixteen bytes at a time while every lead byte in them is E4..E9 (the
 * ideographs U+4000..U+9FFF, stable) and the rest ASCII or continuation
 * bytes. Returns a character boundary at or after i: the first other lead
 * byte, or where fewer than sixteen bytes remain. */
static size_t skip_stable_blocks(const unsigned char *u, size_t n, size_t i)
{
#if defined(__SSE2__)
    const __m128i c0 = _mm_set1_epi8((char)0xC0), e4 = _mm_set1_epi8((char)0xE4),
                  five = _mm_set1_epi8(5);
    size_t start = i;
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(v, c0), v);   /* C0..FF */
        __m128i d = _mm_sub_epi8(v, e4);
        __m128i han = _mm_cmpeq_epi8(_mm_min_epu8(d, five), d);   /* E4..E9 */
        unsigned other = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(han, lead));
        if (other) return i + (size_t)__builtin_ctz(other);
        i += 16;
    }
    /* back to the start of a character cut by the last block */
    while (i > start && i < n && (u[i] & 0xC0) == 0x80) i--;
#else
    (void)u;
    (void)n;
#endif
    return i;
}

/* Whether the character at u[i] (valid UTF-8) is stable; *len its length. */
static int stable_at(const unsigned char *u, size_t n, size_t i, int flags, size_t *len)
{
    if (u[i] < 0x80) {
        *len = 1;
        return 1;
    }
    if (u[i] >= 0xE4 && u[i] <= 0xE9 && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
        (u[i + 2] & 0xC0) == 0x80) {
        *len = 3;   /* U+4000..U+9FFF: within the stable ideograph ranges */
        return 1;
    }
    int32_t cp;
    *len = (size_t)sino_utf8_decode(u + i, n - i, &cp);
    return cp >= 0 && sino_norm_stable((unsigned)cp, flags);
}

int sino_norm_unchanged(const char *s, size_t n, int flags)
{
    if (flags & (SINO_NORM_HALF | SINO_NORM_FULL)) return 0;
    if (!(flags & (SINO_NORM_NFC | SINO_NORM_NFKC))) return 1;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        i = skip_stable_blocks(u, n, i);
        if (i >= n) break;
        size_t len;
        if (!stable_at(u, n, i, flags, &len)) return 0;
        i += len;
    }
    return 1;
}

static int normalise(const char *s, size_t n, int flags, sino_buf *out, sino_error *err)
{
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (flags & SINO_NORM_NFKC) opt |= UTF8PROC_COMPAT;
    size_t i = 0, copied = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < n) {
        /* fast paths: blocks of ASCII and CJK ideographs, then one
         * character at a time */
        i = skip_stable_blocks(u, n, i);
        if (i >= n) break;
        size_t len;
        if (stable_at(u, n, i, flags, &len)) {
            i += len;
            continue;
        }
        /* Unstable: normalise from the character before it (it may combine)
         * up to the next stable character. */
        size_t start = i > copied ? sino_utf8_char_start((const unsigned char *)s, i - 1) : i;
        if (start < copied) start = copied;
        size_t end = i + len;
        while (end < n) {
            int32_t c2;
            int l2 = sino_utf8_decode((const unsigned char *)s + end, n - end, &c2);
            if (c2 >= 0 && sino_norm_stable((unsigned)c2, flags)) break;
            end += (size_t)l2;
        }
        if (sino_buf_append(out, s + copied, start - copied) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        utf8proc_uint8_t *res = NULL;
        utf8proc_ssize_t rl = utf8proc_map((const utf8proc_uint8_t *)s + start,
                                           (utf8proc_ssize_t)(end - start), &res, opt);
        if (rl < 0) {
            /* cannot happen on valid UTF-8; keep the text */
            if (sino_buf_append(out, s + start, end - start) != SINO_OK)
                return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        } else {
            int st = sino_buf_append(out, res, (size_t)rl);
            free(res);
            if (st != SINO_OK) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        }
        copied = i = end;
    }
    if (sino_buf_append(out, s + copied, n - copied) != SINO_OK)
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    return SINO_OK;
}

static int keep_fullwidth(uint32_t cp)
{
    switch (cp) {
    case 0xFF0C: case 0xFF01: case 0xFF1F: case 0xFF1A: case 0xFF1B:
    case 0xFF08: case 0xFF09:
        return 1;
    }
    return 0;
}

static uint32_t to_full(uint32_t c)
{
    switch (c) {
    case ',': return 0xFF0C;
    case '.': return 0x3002;
    case '!': return 0xFF01;
    case '?': return 0xFF1F;
    case ':': return 0xFF1A;
    case ';': return 0xFF1B;
    case '(': return 0xFF08;
    case ')': return 0xFF09;
    }
    return 0;
}

static int chinese(int32_t cp)
{
    return cp > 0 && (sino_is_han((uint32_t)cp) || sino_is_cjk_punct((uint32_t)cp));
}

static int width(const char *s, size_t n, int flags, sino_buf *out, sino_error *err)
{
    const unsigned char *u = (const unsigned char *)s;
    int32_t prev = -1;   /* previous non-space character */
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        int len = sino_utf8_decode(u + i, n - i, &cp);
        uint32_t outc = 0;
        size_t consumed = (size_t)len;
        if (cp >= 0 && (flags & SINO_NORM_HALF) && sino_is_fullwidth_ascii((uint32_t)cp) &&
            !keep_fullwidth((uint32_t)cp)) {
            outc = sino_fullwidth_to_ascii((uint32_t)cp);
        } else if (cp >= 0 && (flags & SINO_NORM_FULL) && to_full((uint32_t)cp)) {
            /* next non-space character after it */
            size_t j = i + (size_t)len;
            while (j < n && u[j] == ' ') j++;
            int32_t next = -1;
            if (j < n) sino_utf8_decode(u + j, n - j, &next);
            int conv;
            if (cp == '(') conv = chinese(next) || chinese(prev);
            else if (cp == ')') conv = chinese(prev);
            else if (cp == '.')
                conv = prev > 0 && sino_is_han((uint32_t)prev) &&
                       (next < 0 || next == '\n' || chinese(next));
            else conv = chinese(prev);
            if (conv) {
                outc = to_full((uint32_t)cp);
                if (cp != '(' && j > i + (size_t)len && next != '\n')
                    consumed = j - i;   /* drop the spaces after it */
            }
        }
        int st = outc ? sino_buf_put_cp(out, outc) : sino_buf_append(out, s + i, (size_t)len);
        if (st != SINO_OK) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        if (cp >= 0 && cp != ' ') prev = outc ? (int32_t)outc : cp;
        if (cp == '\n') prev = -1;
        i += consumed;
    }
    return SINO_OK;
}

int sino_norm(const char *s, size_t n, int flags, sino_buf *out, sino_error *err)
{
    if (!(flags & (SINO_NORM_HALF | SINO_NORM_FULL)))
        return normalise(s, n, flags, out, err);
    if (!(flags & (SINO_NORM_NFC | SINO_NORM_NFKC))) return width(s, n, flags, out, err);
    sino_buf tmp;
    sino_buf_init(&tmp);
    int st = normalise(s, n, flags, &tmp, err);
    if (st == SINO_OK) st = width(tmp.data ? tmp.data : "", tmp.len, flags, out, err);
    sino_buf_free(&tmp);
    return st;
}
