/* clean_charlm.c - a character language model over jieba's dictionary:
 * unigram counts and in-word bigram counts (data/sclean-tables.py), used to
 * tell mojibake (rare characters in unlikely sequences) from text. */
#include <math.h>
#include <string.h>

#include "sino_clean.h"
#include "clean_int.h"

int sino_charlm_init(sino_charlm *lm, const sino_dict *charlm)
{
    sino_dict_value v;
    memset(lm, 0, sizeof *lm);
    lm->d = charlm;
    if (!charlm || !sino_dict_get(charlm, "=total", 6, &v) || v.num == 0)
        return SINO_ERR_FORMAT;
    lm->log_total = log((double)v.num);
    /* a bit per character U+4E00..U+9FFF */
    if (!sino_dict_get(charlm, "=common", 7, &v) || v.len != (0x9FFF - 0x4E00 + 1 + 7) / 8)
        return SINO_ERR_FORMAT;
    lm->common = v.str;
    lm->common_len = v.len;
    return SINO_OK;
}

int sino_charlm_common(const sino_charlm *lm, uint32_t cp)
{
    if (cp < 0x80) return 1;
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
        size_t i = cp - 0x4E00;
        if (!lm->common || (i >> 3) >= lm->common_len) return 0;
        return ((unsigned char)lm->common[i >> 3] >> (i & 7)) & 1;
    }
    if (sino_is_cjk_punct(cp) || (cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x3000 ||
        cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
        cp == 0x2014 || cp == 0x2026 || cp == 0xB7 || cp == 0xFFFD)
        return 1;
    return 0;
}

static uint32_t count1(const sino_charlm *lm, uint32_t cp)
{
    unsigned char k[4];
    int n = sino_utf8_encode(cp, k);
    sino_dict_value v;
    return n && sino_dict_get(lm->d, k, (size_t)n, &v) ? v.num : 0;
}

static uint32_t count2(const sino_charlm *lm, uint32_t a, uint32_t b)
{
    unsigned char k[8];
    int n = sino_utf8_encode(a, k);
    int m = sino_utf8_encode(b, k + n);
    sino_dict_value v;
    return n && m && sino_dict_get(lm->d, k, (size_t)(n + m), &v) ? v.num : 0;
}

uint32_t sino_charlm_count(const sino_charlm *lm, uint32_t cp)
{
    return count1(lm, cp);
}

/* Cost of one character after prev. ASCII gets fixed moderate costs; the
 * replacement character a fixed cost (a lost character is not noise). */
static double char_cost(const sino_charlm *lm, uint32_t prev, uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= '0' && cp <= '9')) return 7.0;
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return 9.0;
        return cp == ' ' ? 8.0 : 9.0;
    }
    if (cp == 0xFFFD) return 10.0;
    double u = count1(lm, cp);
    double p = 0.4 * (u + 0.5) / exp(lm->log_total);
    if (prev >= 0x80 && prev != 0xFFFD) {
        double up = count1(lm, prev);
        if (up > 0) {
            double b = count2(lm, prev, cp);
            p += 0.6 * b / up;
        }
    }
    return -log(p);
}

double sino_charlm_cost(const sino_charlm *lm, uint32_t prev, const char *s,
                        size_t n, size_t *chars)
{
    const unsigned char *u = (const unsigned char *)s;
    double c = 0;
    size_t m = 0, i = 0;
    while (i < n) {
        int32_t cp;
        int k = sino_utf8_decode_fast(u + i, n - i, &cp);
        if (cp < 0) cp = 0xFFFD;
        c += char_cost(lm, prev, (uint32_t)cp);
        prev = (uint32_t)cp;
        m++;
        i += (size_t)k;
    }
    if (chars) *chars = m;
    return c;
}
