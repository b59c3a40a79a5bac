/* utf8.c - UTF-8 decoding, encoding and validation. */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sino_text.h"

/* Valid ranges of the second byte for each lead byte (Unicode table 3-7). */
static int second_byte_ok(unsigned char lead, unsigned char b)
{
    if (lead == 0xE0) return b >= 0xA0 && b <= 0xBF;
    if (lead == 0xED) return b >= 0x80 && b <= 0x9F;
    if (lead == 0xF0) return b >= 0x90 && b <= 0xBF;
    if (lead == 0xF4) return b >= 0x80 && b <= 0x8F;
    return b >= 0x80 && b <= 0xBF;
}

static int sequence_length(unsigned char lead)
{
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

int sino_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char lead = s[0];
    int len = sequence_length(lead);
    if (len == 1) {
        *cp = lead;
        return 1;
    }
    *cp = -1;
    if (len == 0) return 1;
    if (n < 2 || !second_byte_ok(lead, s[1])) return 1;
    uint32_t v = (uint32_t)(lead & (0xFF >> (len + 1)));
    v = (v << 6) | (s[1] & 0x3F);
    for (int i = 2; i < len; i++) {
        if ((size_t)i >= n || (s[i] & 0xC0) != 0x80) return i;
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = (int32_t)v;
    return len;
}

int sino_utf8_encode(uint32_t cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (unsigned char)(0xF0 | (cp >> 18));
        out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

/* True when the eight bytes at p are all ASCII. */
static int eight_ascii(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return (w & 0x8080808080808080ULL) == 0;
}

#if defined(__SSE2__)
/* Validation sixteen bytes at a time by bit masks: every lead byte C2..EF
 * wants its continuation bytes right after it (a character may run into the
 * next block: carry), and every continuation byte must be wanted. Bytes that
 * need more than that (E0, ED and F0..F4, whose second byte has a narrower
 * range; C0, C1, F5..FF, never valid) are left to the byte-wise check.
 * Returns where the byte-wise check must take over (a character boundary at
 * or after i; the bytes before it are valid). */
static size_t sse2_valid_blocks(const unsigned char *s, size_t n, size_t i)
{
    const __m128i c0 = _mm_set1_epi8((char)0xC0), f0 = _mm_set1_epi8((char)0xF0),
                  e0 = _mm_set1_epi8((char)0xE0), ed = _mm_set1_epi8((char)0xED),
                  fe = _mm_set1_epi8((char)0xFE);
    unsigned carry = 0;   /* continuation bytes wanted at the block's bytes 0, 1 */
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        if (high == 0 && carry == 0) {
            i += 16;
            continue;
        }
        /* continuation bytes 80..BF are the signed bytes below (char)0xC0 */
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, c0));
        unsigned lead3 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, f0), e0));
        __m128i odd = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, f0), v),
                         _mm_cmpeq_epi8(_mm_and_si128(v, fe), c0)),
            _mm_or_si128(_mm_cmpeq_epi8(v, e0), _mm_cmpeq_epi8(v, ed)));
        unsigned special = (unsigned)_mm_movemask_epi8(odd);
        unsigned lead = high & ~cont;
        unsigned want = (lead << 1 | lead3 << 2) | carry;
        unsigned bad = ((want ^ cont) | special) & 0xFFFFu;
        if (bad) {
            /* the characters before the last start ahead of the problem
             * are whole and valid */
            unsigned starts = ~cont & ((1u << __builtin_ctz(bad)) - 1);
            if (starts) return i + (size_t)(31 - __builtin_clz(starts));
            break;
        }
        carry = want >> 16;
        i += 16;
    }
    if (carry) {
        /* back to the lead of the character cut by the block's end */
        do i--;
        while ((s[i] & 0xC0) == 0x80);
    }
    return i;
}
#endif

size_t sino_utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
#if defined(__SSE2__)
        if (n - i >= 16) {
            i = sse2_valid_blocks(s, n, i);
            if (i >= n) break;
        }
#endif
        if (s[i] < 0x80) {
            while (i + 8 <= n && eight_ascii(s + i)) i += 8;
            while (i < n && s[i] < 0x80) i++;
            continue;
        }
        /* Fast path: three-byte sequences whose lead allows any second
         * continuation byte (E1..EC, EE, EF: nearly all CJK text). */
        unsigned char c = s[i];
        if (c >= 0xE1 && c != 0xED && c <= 0xEF && i + 2 < n &&
            (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        int32_t cp;
        int len = sino_utf8_decode(s + i, n - i, &cp);
        if (cp < 0) return i;
        i += (size_t)len;
    }
    return n;
}

size_t sino_utf8_incomplete_tail(const unsigned char *s, size_t n)
{
    /* Look back at most 3 bytes for a lead byte whose sequence runs past n. */
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        unsigned char c = s[n - back];
        if ((c & 0xC0) == 0x80) continue;       /* continuation: keep looking */
        int len = sequence_length(c);
        if (len > (int)back) {
            int32_t cp;
            /* only a prefix that is valid so far counts as incomplete */
            int used = sino_utf8_decode(s + n - back, back, &cp);
            return (size_t)used == back ? back : 0;
        }
        return 0;
    }
    return 0;
}

size_t sino_utf8_char_start(const unsigned char *s, size_t i)
{
    size_t steps = 0;
    while (i > 0 && steps < 3 && (s[i] & 0xC0) == 0x80) {
        i--;
        steps++;
    }
    return i;
}

long sino_utf8_repair(const unsigned char *s, size_t n, sino_buf *out,
                      uint64_t *first_bad)
{
    long replaced = 0;
    size_t i = 0;
    while (i < n) {
        size_t good = sino_utf8_valid_prefix(s + i, n - i);
        if (sino_buf_append(out, s + i, good) != SINO_OK) return -1;
        i += good;
        if (i >= n) break;
        int32_t cp;
        int bad = sino_utf8_decode(s + i, n - i, &cp);
        if (replaced == 0 && first_bad) *first_bad = i;
        replaced++;
        if (sino_buf_put_cp(out, SINO_REPLACEMENT_CHAR) != SINO_OK) return -1;
        i += (size_t)bad;
    }
    return replaced;
}
