/* clean_pinyin.c - remove inserted pinyin readings: 網(wǎng) -> 網. */
#include <string.h>

#include "sino_clean.h"
#include "clean_int.h"

#define MAX_READING 24   /* bytes of a reading between the parentheses */

/* A pinyin letter: a-z, ü, and the tone-marked vowels (and ḿ ń ň ǹ ê). */
static int pinyin_letter(int32_t cp, int *marked)
{
    if (cp >= 'a' && cp <= 'z') return 1;
    static const uint16_t marks[] = {
        0x101, 0xe1, 0x1ce, 0xe0, 0x113, 0xe9, 0x11b, 0xe8, 0x12b, 0xed, 0x1d0,
        0xec, 0x14d, 0xf3, 0x1d2, 0xf2, 0x16b, 0xfa, 0x1d4, 0xf9, 0x1d6, 0x1d8,
        0x1da, 0x1dc, 0xfc, 0x1e3f, 0x144, 0x148, 0x1f9, 0xea, 0x1ebf, 0x1ec1};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if ((uint32_t)cp == marks[i]) {
            if (cp != 0xfc && cp != 0xea) *marked = 1;
            return 1;
        }
    return 0;
}

/* If s[i..n) starts with pinyin letters and a closing parenthesis, return
 * the bytes of the letters (the reading) and set *close_len; else 0. */
static size_t reading_at(const char *s, size_t n, size_t i, size_t *close_len,
                         int *marked)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t j = i;
    *marked = 0;
    while (j < n && j - i <= MAX_READING) {
        int32_t cp;
        int k = sino_utf8_decode_fast(u + j, n - j, &cp);
        if (cp == ')' || cp == 0xFF09) {
            if (j == i) return 0;
            *close_len = (size_t)k;
            return j - i;
        }
        if (!pinyin_letter(cp, marked)) return 0;
        j += (size_t)k;
    }
    return 0;
}

/* The character that ends at out->len (0 if none). */
static uint32_t last_char(const sino_buf *out, size_t *start)
{
    if (out->len == 0) return 0;
    size_t st = sino_utf8_char_start((const unsigned char *)out->data, out->len - 1);
    int32_t cp;
    sino_utf8_decode_fast((const unsigned char *)out->data + st, out->len - st, &cp);
    *start = st;
    return cp < 0 ? 0 : (uint32_t)cp;
}

int sino_clean_pinyin(const sino_dict *readings, const char *s, size_t n,
                      sino_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    sino_buf_clear(out);
    if (sino_buf_reserve(out, n) != SINO_OK) return SINO_ERR_NOMEM;
    char key[4 + MAX_READING + 8];
    size_t i = 0, copied = 0;
    /* most lines hold no parenthesis, '?' or U+FFFD: nothing to do */
    if (!memchr(s, '(', n) && !memchr(s, '?', n)) {
        /* nor （ or U+FFFD */
        if (!clean_contains(s, n, "\xef\xbc\x88") && !clean_contains(s, n, "\xef\xbf\xbd"))
            return sino_buf_append(out, s, n);
    }
    while (readings && i < n) {
        /* only '(' '?' and the lead byte of （ or U+FFFD can start a reading */
        unsigned char b = u[i];
        if (b != '(' && b != '?' && b != 0xEF) {
            i++;
            while (i < n && u[i] != '(' && u[i] != '?' && u[i] != 0xEF) i++;
            continue;
        }
        /* of the characters that start with EF only （ and U+FFFD */
        if (b == 0xEF && !(i + 2 < n && ((u[i + 1] == 0xBC && u[i + 2] == 0x88) ||
                                          (u[i + 1] == 0xBF && u[i + 2] == 0xBD)))) {
            i++;
            continue;
        }
        int32_t cp;
        int k = sino_utf8_decode_fast(u + i, n - i, &cp);
        int paren = cp == '(' || cp == 0xFF08;
        int lost = cp == '?' || cp == (int32_t)SINO_REPLACEMENT_CHAR;
        if (!paren && !lost) {
            i += (size_t)k;
            continue;
        }
        size_t cl, rl;
        int marked;
        rl = reading_at(s, n, i + (size_t)k, &cl, &marked);
        if (!rl) {
            i += (size_t)k;
            continue;
        }
        /* the text so far goes out, to see the character before */
        sino_buf_append(out, s + copied, i - copied);
        copied = i;
        size_t pstart = 0;
        uint32_t prev = last_char(out, &pstart);
        size_t plen = out->len - pstart;
        int drop = 0;
        if (paren && prev && sino_is_han(prev) && plen + rl <= sizeof key) {
            memcpy(key, out->data + pstart, plen);
            memcpy(key + plen, s + i + k, rl);
            drop = sino_dict_get(readings, key, plen + rl, NULL);
            /* a tone-marked reading cut by one letter (xià for xiàn) */
            for (const char *t = "ngr"; !drop && marked && *t && plen + rl + 1 <= sizeof key; t++) {
                key[plen + rl] = *t;
                drop = sino_dict_get(readings, key, plen + rl + 1, NULL);
            }
        } else if (lost && rl + 1 <= sizeof key && (marked || (prev && sino_is_han(prev)))) {
            /* "?shù)": the leftover of a reading whose character was lost */
            key[0] = '@';
            memcpy(key + 1, s + i + k, rl);
            drop = sino_dict_get(readings, key, rl + 1, NULL);
        }
        if (drop) {
            i += (size_t)k + rl + cl;
            copied = i;
        } else {
            i += (size_t)k;
        }
    }
    sino_buf_append(out, s + copied, n - copied);
    return SINO_OK;
}
