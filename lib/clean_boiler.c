/* clean_boiler.c - boilerplate by a per-line model.
 *
 * Every line of a document gets numeric features: its shape (width, share
 * of Han characters, sentence punctuation, separators, short tokens), the
 * classes of what it holds (dates, times, web addresses, phone numbers,
 * copyright and filing numbers, page numbers, bracketed widgets) and the
 * phrase list data/sclean-boilerplate.tsv as one feature among others (its
 * old verdict, and how many furniture words the line holds for its length).
 * A first logistic model scores the line alone. A second one scores it in
 * its document: where it stands relative to the body (the lines the first
 * model surely takes for text), what its neighbours scored, whether it
 * recurs in the document or in other documents of the run. A line whose
 * second score passes one half is dropped.
 *
 * The weights are data: "=w1:NAME" and "=w2:NAME" keys (payload: the weight)
 * of sclean-boilerplate.sdict, from data/sclean-boilerplate-model.tsv, which
 * tests/eval/boiler-fit.py fits (see sclean(1), MODEL). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino_clean.h"
#include "clean_int.h"

#define START_MAX_CHARS 200
#define CONTAINS_MAX_CHARS 60
#define LINKS_MAX_CHARS 20
#define SITE_MAX_CHARS 50
#define FEATURE_MAX_CHARS 320   /* characters of a line looked at for its features */

/* ---------------------------------------------------------------- phrases */

struct match_ctx {
    size_t at;             /* offset of the match */
    size_t rest_len;       /* bytes of the line from the match on */
    const char *rest;
    unsigned flags;
    unsigned words;        /* furniture words and phrases seen */
    unsigned suffixes;     /* site-name endings followed by a break */
};

static int only_trailer(const char *s, size_t n)
{
    /* spaces and end punctuation only */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '|' || c == ':' || c == '>' || c == '-') { i++; continue; }
        int32_t cp;
        int k = sino_utf8_decode_fast((const unsigned char *)s + i, n - i, &cp);
        if (cp != 0xFF1A && cp != 0x3002 && cp != 0xFF01 && cp != 0x3000) return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Whether the text after a site-name ending breaks the name: the line's
 * end, a space, punctuation or a separator (not another Han character). */
static int name_break(const char *s, size_t n)
{
    if (n == 0) return 1;
    int32_t cp;
    sino_utf8_decode_fast((const unsigned char *)s, n, &cp);
    return cp >= 0 && !sino_is_han((uint32_t)cp);
}

static int on_prefix(void *ctx, size_t key_len, const sino_dict_value *v)
{
    struct match_ctx *m = ctx;
    unsigned f = v->num;
    if (m->rest[0] == '=') return 0;   /* the model's weights */
    int at_start = m->at == 0;
    int whole = at_start && only_trailer(m->rest + key_len, m->rest_len - key_len);
    if (at_start && (f & SINO_BP_START)) m->flags |= SINO_BP_START;
    if (f & SINO_BP_CONTAINS) m->flags |= SINO_BP_CONTAINS;
    if (whole && (f & SINO_BP_WHOLE)) m->flags |= SINO_BP_WHOLE;
    if (at_start && (f & SINO_BP_BLOCK)) m->flags |= SINO_BP_BLOCK | (whole ? SINO_BP_WHOLE : 0);
    if (at_start && (f & SINO_BP_LINKS)) m->flags |= SINO_BP_LINKS;
    if (f & ~(unsigned)SINO_BP_SUFFIX) m->words++;
    if ((f & SINO_BP_SUFFIX) && !at_start && name_break(m->rest + key_len, m->rest_len - key_len))
        m->suffixes++;
    return 0;
}

/* A short line that names a web address or is a row of "|"-separated
 * items: site furniture, not prose. */
static int site_line(const char *s, size_t n, size_t chars)
{
    if (chars > SITE_MAX_CHARS || clean_contains(s, n, "\xe3\x80\x82") || clean_contains(s, n, "\xef\xbc\x8c"))
        return 0;
    int dot = memchr(s, '.', n) != NULL, colon = memchr(s, ':', n) != NULL;
    if ((dot && (clean_contains(s, n, "www.") || clean_contains(s, n, ".com") || clean_contains(s, n, ".cn") || clean_contains(s, n, ".net"))) ||
        (colon && (clean_contains(s, n, "http://") || clean_contains(s, n, "https://"))))
        return 1;
    const char *bar = memchr(s, '|', n);
    return bar && memchr(bar + 1, '|', (size_t)(s + n - bar - 1)) != NULL;   /* two or more */
}

/* A code point's bit in the filter; keys starting outside the BMP set the
 * bit of U+FFFF, which the matcher tests for every such character. */
static unsigned filter_bit(int32_t cp)
{
    return cp >= 0 && cp < 0xFFFF ? (unsigned)cp : 0xFFFF;
}

static int add_first_char(void *ctx, const char *key, size_t key_len, const sino_dict_value *v)
{
    unsigned char *f = ctx;
    (void)v;
    if (key_len && key[0] == '=') return 0;   /* the model's weights */
    int32_t cp;
    sino_utf8_decode_fast((const unsigned char *)key, key_len, &cp);
    unsigned i = filter_bit(cp);
    f[i >> 3] |= (unsigned char)(1u << (i & 7));
    return 0;
}

void sino_clean_boiler_filter(const sino_dict *boiler, unsigned char filter[8192])
{
    memset(filter, 0, 8192);
    if (boiler) sino_dict_each(boiler, add_first_char, filter);
}

/* The bit of the pair of characters a, b in clean_bp_filter.pairs. */
static unsigned pair_bit(uint32_t a, uint32_t b)
{
    return (unsigned)(((a * 0x9E3779B1u) ^ (b * 0x85EBCA77u)) >> 16);
}

static void set_bit(unsigned char *bits, unsigned i) { bits[i >> 3] |= (unsigned char)(1u << (i & 7)); }
static int has_bit(const unsigned char *bits, unsigned i) { return (bits[i >> 3] >> (i & 7)) & 1; }

static int add_key_start(void *ctx, const char *key, size_t key_len, const sino_dict_value *v)
{
    clean_bp_filter *f = ctx;
    const unsigned char *u = (const unsigned char *)key;
    add_first_char(f->first, key, key_len, v);   /* as sino_clean_boiler_filter */
    if (key_len == 0 || key[0] == '=') return 0;   /* the model's weights */
    int32_t a, b = -1;
    size_t k = (size_t)sino_utf8_decode_fast(u, key_len, &a);
    if (k < key_len) sino_utf8_decode_fast(u + k, key_len - k, &b);
    if (a < 0 || b < 0) set_bit(f->always, filter_bit(a));
    else set_bit(f->pairs, pair_bit((uint32_t)a, (uint32_t)b));
    return 0;
}

void clean_bp_filter_build(const sino_dict *boiler, clean_bp_filter *f)
{
    memset(f, 0, sizeof *f);
    if (boiler) sino_dict_each(boiler, add_key_start, f);   /* one walk for the three */
}

/* Every key that occurs in s[0..n) (within its first CONTAINS_MAX_CHARS
 * characters, or FEATURE_MAX_CHARS when all is set), into m. */
static void scan_phrases(const sino_dict *boiler, const unsigned char *filter, const char *s,
                         size_t n, size_t max_chars, struct match_ctx *m)
{
    size_t chars = 0;
    for (size_t i = 0, step; i < n; i += step) {
        unsigned char b = (unsigned char)s[i];
        /* from character start to character start */
        step = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if ((b & 0xC0) == 0x80) continue;
        if (chars++ >= max_chars) break;
        /* ASCII and three-byte characters (all of the BMP's CJK) by the
         * filter; a sequence that is not UTF-8 matches no key anyway */
        if (filter && (step == 1 || (step == 3 && i + 2 < n))) {
            unsigned k = step == 1 ? b
                         : (b & 0x0Fu) << 12 | ((unsigned char)s[i + 1] & 0x3Fu) << 6 |
                               ((unsigned char)s[i + 2] & 0x3Fu);
            if (!(filter[k >> 3] & (1u << (k & 7)))) continue;
        }
        m->at = i;
        m->rest = s + i;
        m->rest_len = n - i;
        sino_dict_prefixes(boiler, s + i, n - i, on_prefix, m);
    }
}

/* scan_phrases over the decoded characters c[0..k) of s[0..n) (off: the
 * byte offset of each; whole: c holds all the line's characters), for a
 * line that is valid UTF-8: the same keys at the same positions, without
 * decoding the line again, and looked up only where the filter lets a key
 * start (its first character, and its first two). */
static void scan_phrases_decoded(const sino_dict *boiler, const clean_bp_filter *filter, const char *s,
                                 size_t n, const uint32_t *c, const size_t *off, size_t k, int whole,
                                 struct match_ctx *m)
{
    for (size_t j = 0; j < k; j++) {
        unsigned b = filter_bit((int32_t)c[j]);
        if (filter && (!has_bit(filter->first, b) ||
                       (!has_bit(filter->always, b) &&
                        (j + 1 < k ? !has_bit(filter->pairs, pair_bit(c[j], c[j + 1]))
                                   : whole))))   /* the last character: no pair follows */
            continue;
        size_t i = off[j];
        m->at = i;
        m->rest = s + i;
        m->rest_len = n - i;
        sino_dict_prefixes(boiler, s + i, n - i, on_prefix, m);
    }
}

/* The old verdict of the list from the flags found. */
static unsigned list_verdict(unsigned found, const char *s, size_t n, size_t chars)
{
    unsigned f = 0;
    if ((found & SINO_BP_START) && clean_nchars_upto(s, n, START_MAX_CHARS) < START_MAX_CHARS)
        f |= SINO_BP_START;
    if ((found & SINO_BP_CONTAINS) && chars < CONTAINS_MAX_CHARS) f |= SINO_BP_CONTAINS;
    if (found & SINO_BP_WHOLE) f |= SINO_BP_WHOLE;
    if (found & SINO_BP_BLOCK) f |= SINO_BP_BLOCK;
    if ((found & SINO_BP_LINKS) && chars <= LINKS_MAX_CHARS) f |= SINO_BP_LINKS;
    return f;
}

unsigned sino_clean_boiler_match(const sino_dict *boiler, const char *s, size_t n)
{
    return sino_clean_boiler_match_f(boiler, NULL, s, n);
}

unsigned sino_clean_boiler_match_f(const sino_dict *boiler, const unsigned char *filter,
                                   const char *s, size_t n)
{
    if (!boiler || n == 0) return 0;
    size_t chars = clean_nchars_upto(s, n, CONTAINS_MAX_CHARS);
    if (site_line(s, n, chars)) return SINO_BP_CONTAINS;
    struct match_ctx m = {0, 0, NULL, 0, 0, 0};
    scan_phrases(boiler, filter, s, n, CONTAINS_MAX_CHARS, &m);
    return list_verdict(m.flags, s, n, chars);
}

/* ---------------------------------------------------------------- the model */

static const char *const line_feature_names[BP_NLINE] = {
#define NAME(x) #x,
    BP_LINE_FEATURES(NAME)
};
static const char *const doc_feature_names[BP_NFEAT - BP_NLINE] = {
    BP_DOC_FEATURES(NAME)
#undef NAME
};

const char *clean_bp_feature_name(int i)
{
    return i < BP_NLINE ? line_feature_names[i] : doc_feature_names[i - BP_NLINE];
}

static int weight(const sino_dict *d, const char *stage, const char *name, float *w)
{
    char key[64];
    size_t k = (size_t)snprintf(key, sizeof key, "=%s:%s", stage, name);
    sino_dict_value v;
    if (!sino_dict_get(d, key, k, &v) || !v.str || v.len == 0 || v.len > 31) return 0;
    char num[32];
    memcpy(num, v.str, v.len);
    num[v.len] = 0;
    char *end;
    *w = strtof(num, &end);
    return *end == 0;
}

int clean_bp_model_load(clean_bp_model *m, const sino_dict *boiler)
{
    memset(m, 0, sizeof *m);
    if (!boiler) return 0;
    for (int i = 0; i < BP_NLINE; i++)
        if (!weight(boiler, "w1", clean_bp_feature_name(i), &m->w1[i])) return 0;
    for (int i = 0; i < BP_NFEAT; i++)
        if (!weight(boiler, "w2", clean_bp_feature_name(i), &m->w2[i])) return 0;
    m->ok = 1;
    return 1;
}

/* ---- character classes of the features ---- */

static int is_digit(uint32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
static int is_latin(uint32_t c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= 0xFF21 && c <= 0xFF3A) ||
           (c >= 0xFF41 && c <= 0xFF5A);
}
static int is_blank(uint32_t c) { return c == ' ' || c == 0x3000 || c == 0xA0; }
static int is_closer(uint32_t c)
{
    return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')' ||
           c == 0x300B || c == '"';
}
static int is_stop(uint32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?' || c == 0x2026;
}
static int is_comma(uint32_t c) { return c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == ';' || c == ','; }
static int is_opener(uint32_t c)
{
    return c == 0xFF08 || c == '(' || c == 0x3010 || c == '[' || c == 0x3014 || c == 0xFF3B;
}
static int closes(uint32_t o, uint32_t c)
{
    return (o == 0xFF08 && c == 0xFF09) || (o == '(' && c == ')') || (o == 0x3010 && c == 0x3011) ||
           (o == '[' && c == ']') || (o == 0x3014 && c == 0x3015) || (o == 0xFF3B && c == 0xFF3D) ||
           ((o == 0xFF08 || o == '(') && (c == ')' || c == 0xFF09));
}
/* Separators of menu rows and breadcrumbs (a hyphen counts between words,
 * not inside a number). */
static int is_sep(uint32_t c)
{
    return c == '|' || c == 0xFF5C || c == '>' || c == 0xFF1E || c == 0xBB || c == 0x203A ||
           c == '/' || c == 0xFF0F || c == 0xB7 || c == 0x30FB || c == 0x2022 || c == 0x25CF ||
           c == 0x25AA || c == 0x25C6 || c == 0x25A0 || c == 0x2605 || c == 0x3010 || c == 0x3011 ||
           c == '[' || c == ']' || c == 0x3014 || c == 0x3015 || c == 0x2014 || c == 0x2013 ||
           c == 0x2192 || c == 0x2190 || c == 0x2500;
}
/* The index of the ] or 】 closing the bracket opened at i, when it closes
 * within 8 characters around at least one; else 0. *han_in: its Han count. */
static size_t bracket_close(const uint32_t *c, size_t m, size_t i, size_t *han_in)
{
    size_t j = i + 1;
    *han_in = 0;
    for (; j < m && j <= i + 9 && c[j] != 0x3011 && c[j] != ']'; j++) *han_in += sino_is_han(c[j]);
    return j < m && j > i + 1 && j <= i + 9 ? j : 0;
}
static int han_numeral(uint32_t c)
{
    switch (c) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:   /* 一二三四五 */
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:   /* 六七八九十 */
    case 0x3007: case 0x767E:                                          /* 〇 百 */
        return 1;
    default:
        return 0;
    }
}
static int width_of(uint32_t c)
{
    return (c >= 0x1100 && (sino_is_han(c) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                            (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                            (c >= 0xFFE0 && c <= 0xFFE6))) ? 2 : 1;
}
static uint32_t lower(uint32_t c) { return c < 0x80 ? (c | ((c >= 'A' && c <= 'Z') ? 0x20 : 0)) : c; }

/* The ASCII words looked for in a line, as bits of ascii_words(), in the
 * order of their first characters. */
enum { AW_COPYRIGHT, AW_PAREN_C, AW_ICP, AW_URL };
static const struct {
    const char *w;
    int bit;
} ascii_word_list[] = {
    {"(c)", AW_PAREN_C}, {".cn", AW_URL},        {".com", AW_URL}, {".gov", AW_URL},
    {".net", AW_URL},    {".org", AW_URL},       {"copyright", AW_COPYRIGHT},
    {"http", AW_URL},    {"icp", AW_ICP},        {"www.", AW_URL},
};
#define NASCII_WORDS (sizeof ascii_word_list / sizeof ascii_word_list[0])
/* For a lower-cased first character, 1 + the index of the first word that
 * starts with it (0: none does). */
static const unsigned char ascii_word_start[128] = {
    ['('] = 1, ['.'] = 2, ['c'] = 7, ['h'] = 8, ['i'] = 9, ['w'] = 10};

/* Which of ascii_word_list occur in c[0..n), lower-cased, in one pass:
 * most characters of a Chinese line are not ASCII and cost one test, most
 * ASCII ones a look-up in ascii_word_start. */
static unsigned ascii_words(const uint32_t *c, size_t n)
{
    unsigned found = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i] >= 0x80) continue;
        uint32_t first = lower(c[i]);
        unsigned k0 = ascii_word_start[first];
        if (!k0) continue;
        for (size_t k = k0 - 1; k < NASCII_WORDS && (unsigned char)ascii_word_list[k].w[0] == first; k++) {
            const char *w = ascii_word_list[k].w;
            if (found >> ascii_word_list[k].bit & 1) continue;
            size_t j = 1;
            while (w[j] && i + j < n && lower(c[i + j]) == (unsigned char)w[j]) j++;
            if (!w[j]) found |= 1u << ascii_word_list[k].bit;
        }
    }
    return found;
}

/* Digits from c[i]: their count. */
static size_t digit_run(const uint32_t *c, size_t n, size_t i)
{
    size_t k = 0;
    while (i + k < n && is_digit(c[i + k])) k++;
    return k;
}

/* A date at c[i] (2023-05-12, 2023年5月, 5月12日): the index after it, or 0. */
static size_t date_at(const uint32_t *c, size_t n, size_t i)
{
    size_t a = digit_run(c, n, i);
    if (a == 4 && i + a < n) {
        uint32_t s = c[i + a];
        if (s == '-' || s == '/' || s == '.' || s == 0x5E74 /* 年 */) {
            size_t e = i + a + 1, b = digit_run(c, n, e);
            if (b < 1 || b > 2) return 0;
            e += b;
            if (s == 0x5E74 && e < n && c[e] == 0x6708) e++;   /* 月 */
            size_t d = e < n && (c[e] == s || c[e - 1] == 0x6708) ? digit_run(c, n, e + (c[e] == s)) : 0;
            if (d >= 1 && d <= 2) {
                e += (c[e] == s) + d;
                if (e < n && (c[e] == 0x65E5 || c[e] == 0x53F7)) e++;   /* 日 号 */
            }
            return e;
        }
    }
    if (a >= 1 && a <= 2 && i + a < n && c[i + a] == 0x6708 /* 月 */) {
        size_t b = digit_run(c, n, i + a + 1);
        if (b >= 1 && b <= 2 && i + a + 1 + b < n && (c[i + a + 1 + b] == 0x65E5 || c[i + a + 1 + b] == 0x53F7))
            return i + a + 2 + b;   /* 日 号 */
    }
    return 0;
}

/* A date is a field of furniture (2023-05-12 来源：…) unless it sits in a
 * clause, Han characters on both sides (以1970年1月1日为起点); a weekday
 * after it (2023年5月12日星期三) is a field too. */
static int field_date_at(const uint32_t *c, size_t n, size_t i)
{
    size_t e = date_at(c, n, i);
    if (!e) return 0;
    int inside = i > 0 && sino_is_han(c[i - 1]) && e < n && sino_is_han(c[e]) &&
                 c[e] != 0x661F && c[e] != 0x5468;   /* 星期 周 */
    return !inside;
}

static int time_at(const uint32_t *c, size_t n, size_t i)
{
    size_t a = digit_run(c, n, i);
    if (a < 1 || a > 2 || i + a >= n || (c[i + a] != ':' && c[i + a] != 0xFF1A)) return 0;
    return digit_run(c, n, i + a + 1) == 2;
}

/* A label of one to six characters and a colon at the start (来源： 编辑:),
 * after an opening bracket perhaps; not a time (12:30). */
static int label_start(const uint32_t *c, size_t n)
{
    size_t i = n && is_opener(c[0]) ? 1 : 0, k = 0;
    while (i + k < n && k < 7 && (sino_is_han(c[i + k]) || is_latin(c[i + k]))) k++;
    return k >= 1 && k <= 6 && i + k < n && (c[i + k] == 0xFF1A || c[i + k] == ':');
}

/* Heading and list numbering: 一、 （二） 3. 第四章 */
static int list_mark(const uint32_t *c, size_t n)
{
    size_t i = 0;
    if (n && (c[0] == 0xFF08 || c[0] == '(')) {
        i = 1;
        while (i < n && (han_numeral(c[i]) || is_digit(c[i]))) i++;
        return i > 1 && i < n && (c[i] == 0xFF09 || c[i] == ')');
    }
    while (i < n && han_numeral(c[i])) i++;
    if (i && i < n && c[i] == 0x3001) return 1;   /* 、 */
    i = digit_run(c, n, 0);
    if (i && i <= 2 && i < n && (c[i] == '.' || c[i] == 0x3001 || c[i] == 0xFF0E) &&
        !(i + 1 < n && is_digit(c[i + 1])))
        return 1;
    if (n > 2 && c[0] == 0x7B2C /* 第 */) {
        i = 1;
        while (i < n && (han_numeral(c[i]) || is_digit(c[i]))) i++;
        return i > 1 && i < n && (c[i] == 0x7AE0 || c[i] == 0x8282 || c[i] == 0x6761 || c[i] == 0x7BC7);
        /* 章 节 条 篇 */
    }
    return 0;
}

/* Page furniture: 第N版, 第N页, 星期X. */
/* Whether c[i] starts the line or follows a date (a digit, 日 or 号,
 * blanks between): where a page header has its weekday. */
static int after_date(const uint32_t *c, size_t i)
{
    while (i > 0 && is_blank(c[i - 1])) i--;
    return i == 0 || is_digit(c[i - 1]) || c[i - 1] == 0x65E5 || c[i - 1] == 0x53F7;
}

static int page_words(const uint32_t *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i] == 0x7B2C /* 第 */) {
            size_t j = i + 1;
            while (j < n && is_blank(c[j])) j++;
            size_t d = digit_run(c, n, j);
            j += d;
            while (j < n && is_blank(c[j])) j++;
            if (d && j < n && (c[j] == 0x7248 || c[j] == 0x9875 || c[j] == 0x9801)) return 1;   /* 版 页 頁 */
        }
        if (c[i] == 0x661F && i + 2 < n && c[i + 1] == 0x671F &&
            (han_numeral(c[i + 2]) || c[i + 2] == 0x65E5 || c[i + 2] == 0x5929) && after_date(c, i))
            return 1;   /* 星期X after a date or at the start, not in a clause (例如：星期日) */
    }
    return 0;
}

/* Nothing but a number and its dressing: "- 7 -", "3 / 18", "12". */
static int number_line(const uint32_t *c, size_t n)
{
    size_t digits = 0, other = 0;
    if (n > 16) return 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = c[i];
        if (is_digit(x)) digits++;
        else if (!(is_blank(x) || x == '-' || x == 0x2014 || x == 0x2013 || x == 0xFF0D || x == '/' ||
                   x == 0x7B2C || x == 0x9875 || x == 0x9801 || x == 0x5171 || x == 0xB7))
            other++;   /* 第 页 頁 共 */
    }
    return digits && !other && n <= 16;
}

/* Characters that end a line only when a sentence goes on past it (的 了
 * 和 与 在 ...): a piece of broken text, not a title or furniture. */
static int open_end(uint32_t c)
{
    /* 的了和与及或在是对将把被为从并而向以于给让使其之着过也都就还又很更最所地得,
     * sorted: a code point table, not a string decoded at every call */
    static const uint16_t list[] = {
        0x4E0E, 0x4E3A, 0x4E4B, 0x4E5F, 0x4E86, 0x4E8E, 0x4ECE, 0x4EE5, 0x4F7F, 0x5176,
        0x53C8, 0x53CA, 0x5411, 0x548C, 0x5728, 0x5730, 0x5BF9, 0x5C06, 0x5C31, 0x5E76,
        0x5F88, 0x5F97, 0x6216, 0x6240, 0x628A, 0x662F, 0x66F4, 0x6700, 0x7684, 0x7740,
        0x7ED9, 0x800C, 0x88AB, 0x8BA9, 0x8FC7, 0x8FD8, 0x90FD};
    if (c < list[0] || c > list[sizeof list / sizeof list[0] - 1]) return 0;
    size_t lo = 0, hi = sizeof list / sizeof list[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (list[mid] == c) return 1;
        if (list[mid] < c) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

static float cap1(double x) { return x > 1 ? 1.0f : (float)x; }

/* Whether the line holds a tab between fields, or a box-drawing character
 * other than a plain horizontal rule (│ ┼ ├ ┌), or is a row drawn with | and
 * + (clean_drawn_row): a table row, never dropped. */
static int table_row(const char *s, size_t n, const uint32_t *c, size_t m)
{
    const char *t = memchr(s, '\t', n);
    if (t && t > s && t + 1 < s + n) return 1;
    for (size_t i = 0; i < m; i++)
        if (c[i] >= 0x2502 && c[i] <= 0x257F) return 1;
    return clean_drawn_row(s, n);
}

/* Whether a web address in c[0..m) is cited in running text: Han text on
 * both sides of it, across at most a blank, a bracket or a quotation mark
 * (网站（https://www.debian.org）上的, 例如 “http://…”。档案库). Site
 * furniture gives an address after a label (网址：www…) or at an end.
 * Before the address a Latin name may stand (Debian Wiki（https://…）). */
static int url_start(const uint32_t *c, size_t m, size_t i)
{
    static const char *const heads[] = {"http", "www.", NULL};
    for (int h = 0; heads[h]; h++) {
        size_t k = 0;
        while (heads[h][k] && i + k < m && lower(c[i + k]) == (uint32_t)heads[h][k]) k++;
        if (!heads[h][k]) return 1;
    }
    return 0;
}

static int cite_skip(uint32_t c)
{
    return is_blank(c) || c == 0xFF08 || c == 0xFF09 || c == '(' || c == ')' || c == 0x201C ||
           c == 0x201D || c == '"' || c == 0x3002 || c == 0xFF0C;
}

static int url_char(uint32_t c) { return c > ' ' && c < 0x80 && c != '"' && c != ')'; }

/* Han characters and clause marks in c[from, to): the signs of prose. */
static void prose_in(const uint32_t *c, size_t from, size_t to, size_t *han, int *clause)
{
    *han = 0, *clause = 0;
    for (size_t i = from; i < to; i++) {
        *han += sino_is_han(c[i]);
        *clause |= is_comma(c[i]) || is_stop(c[i]);
    }
}

/* A web address cited in running text is no sign of furniture: Chinese on
 * both sides of it, or, where a hard wrap cut the sentence, a clause of
 * prose before an address that runs to the end of the line (可以从
 * http://ww) or after one that starts it (w.cpan.org/ports/ 找到。…). */
static int cited_url(const uint32_t *c, size_t m)
{
    /* the address: the line's first word when a domain is in it, else the
     * first one starting http or www. */
    size_t i = 0, e = 0;
    while (e < m && url_char(c[e])) e++;
    if (!e || !(ascii_words(c, e) >> AW_URL & 1)) {
        while (i < m && !url_start(c, m, i)) i++;
        if (i == m) return 0;
        for (e = i; e < m && url_char(c[e]); e++) {}
    }
    size_t b = i, a = e, han;
    int clause;
    for (int k = 0; k < 2 && b > 0 && cite_skip(c[b - 1]); k++) b--;
    for (int k = 0; k < 3 && a < m && cite_skip(c[a]); k++) a++;
    int text_before = b > 0 && (sino_is_han(c[b - 1]) || is_latin(c[b - 1]));
    int han_after = a < m && sino_is_han(c[a]);
    if (e == m && text_before) {
        prose_in(c, 0, b, &han, &clause);
        return clause && han >= 8;
    }
    if (i == 0 && han_after) {
        prose_in(c, a, m, &han, &clause);
        return clause && han >= 8;
    }
    return text_before && han_after;
}

/* Lines of technical documents, text whatever their score: a numbered
 * section heading of two levels or more (6.3.4. 处理其它 SSH 客户端), a
 * shell command after its prompt ($ ls -l), a configuration section
 * ([Unit]). */
static int command_char(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || is_digit(cp) || cp == '_' || cp == '.' || cp == '+' || cp == '-';
}

/* Lower-case command names (separated by ", "), " - ", then Han text. */
static int name_line(const uint32_t *c, size_t m)
{
    size_t i = 0;
    for (;;) {
        size_t start = i;
        while (i < m && command_char(c[i])) i++;
        if (i == start || !(c[start] >= 'a' && c[start] <= 'z')) return 0;
        if (i + 1 < m && c[i] == ',' && c[i + 1] == ' ') {
            i += 2;
            continue;
        }
        break;
    }
    if (!(i + 3 < m && c[i] == ' ' && c[i + 1] == '-' && c[i + 2] == ' ')) return 0;
    return sino_is_han(c[i + 3]);
}

static int technical_line(const uint32_t *c, size_t m)
{
    if (m >= 2 && (c[0] == '$' || c[0] == '#') && c[1] == ' ') return m > 2;
    /* a manual's NAME line: command names, a dash, what they do
     * (cp - 复制文件和目录, bzip2, bunzip2 - 压缩软件) */
    if (name_line(c, m)) return 1;
    /* an entry of a table of format specifiers (%J - 作业名, %%  一个 %) */
    if (m >= 4 && c[0] == '%' && (is_latin(c[1]) || c[1] == '%') && is_blank(c[2])) return 1;
    if (m >= 3 && c[0] == '[' && c[m - 1] == ']' && is_latin(c[1])) {
        for (size_t i = 1; i + 1 < m; i++)
            if (!(is_latin(c[i]) || is_digit(c[i]) || c[i] == '_' || c[i] == '-' || c[i] == '.' || c[i] == ' '))
                return 0;
        return 1;
    }
    size_t i = 0, levels = 0;
    while (i < m && is_digit(c[i])) {
        size_t d = i;
        while (i < m && is_digit(c[i])) i++;
        if (i - d > 3 || i >= m || c[i] != '.') break;
        i++, levels++;
    }
    return levels >= 2 && i < m && is_blank(c[i]) && i + 1 < m && !is_blank(c[i + 1]);
}

static int is_dash(uint32_t c) { return c == '-' || c == 0x2014 || c == 0x2015 || c == 0xFF0D; }

/* The source of a quotation: dashes, then a name or a title (-- 《论语》,
 * —— 钱钟书, -- Debian 参考卡片); not a page number (- 6 -, —3—). Kept
 * where it follows a sentence (clean_bp_decide). */
static int attribution(const uint32_t *c, size_t m)
{
    size_t i = 0;
    while (i < m && is_dash(c[i])) i++;
    if (i == 0 || (i == 1 && c[0] == '-') || m > 40) return 0;
    while (i < m && is_blank(c[i])) i++;
    if (i == m || is_dash(c[m - 1])) return 0;
    return sino_is_han(c[i]) || is_latin(c[i]) || c[i] == 0x300A || c[i] == 0x3008;
}

/* Bytes of the label a line starts with (label_start), colon included. */
static size_t label_bytes(const char *s, size_t n, const uint32_t *c, size_t m)
{
    size_t k = 0;
    while (k < m && c[k] != 0xFF1A && c[k] != ':') k++;
    size_t b = 0;
    for (size_t i = 0; i <= k && b < n; i++) {
        int32_t d;
        int len = sino_utf8_decode_fast((const unsigned char *)s + b, n - b, &d);
        b += (size_t)(len > 0 ? len : 1);
    }
    return b;
}

void clean_bp_line_features(const sino_dict *boiler, const clean_bp_filter *filter, const char *s,
                            size_t n, signed char *byline, signed char *headline, float *x,
                            clean_bp_shape *shape)
{
    uint32_t c[FEATURE_MAX_CHARS];
    size_t off[FEATURE_MAX_CHARS];   /* where each of c starts in s */
    size_t m = 0, total = 0;
    uint32_t last = 0, prev_last = 0;
    int valid = 1;                   /* s is valid UTF-8 */
    /* the characters, and the last two of the whole line */
    for (size_t i = 0; i < n;) {
        int32_t d;
        size_t at = i;
        i += (size_t)sino_utf8_decode_fast((const unsigned char *)s + i, n - i, &d);
        valid &= d >= 0;
        uint32_t cp = d < 0 ? 0xFFFD : (uint32_t)d;
        if (m < FEATURE_MAX_CHARS) off[m] = at, c[m++] = cp;
        total++;
        /* no blank is above U+3000: most characters take one test */
        if (cp > 0x3000 || !(is_blank(cp) || cp == '\t')) prev_last = last, last = cp;
    }
    size_t decoded = m;   /* before the trailing blanks go */
    /* trailing blanks do not count */
    while (m && is_blank(c[m - 1])) m--;
    size_t cols = 0, han = 0, latin = 0, digits = 0, seps = 0, commas = 0, stops = 0, chars = 0;
    size_t tokens = 0, short_tokens = 0, tok_len = 0, widgets = 0, ascii = 0, note_end = 0;
    int date = 0, time = 0;
    /* characters that the rarer features below start with: a pass looks
     * for those only when the line holds them */
    int copy_sign = 0, fw_paren = 0, page_char = 0, at_sign = 0;
    for (size_t i = 0; i < m; i++) {
        uint32_t cp = c[i];
        if (cp >= 0x4E00 && cp <= 0x9FFF) {   /* the common case: a Han character of the URO */
            cols += 2;
            chars++;
            tok_len++;
            han++;
            page_char |= cp == 0x7B2C || cp == 0x661F;   /* 第 星 */
            continue;
        }
        cols += (size_t)width_of(cp);
        if (is_blank(cp) || cp == '\t') {
            if (tok_len) tokens++, short_tokens += tok_len <= 4;
            tok_len = 0;
            continue;
        }
        chars++;
        tok_len++;
        ascii += cp < 0x80;
        at_sign |= cp == '@';
        if (sino_is_han(cp)) {
            han++;
            page_char |= cp == 0x7B2C || cp == 0x661F;   /* 第 星 */
        } else if (is_latin(cp)) latin++;
        else if (is_digit(cp)) {
            digits++;
            if (!date && (i == 0 || !is_digit(c[i - 1]))) date = field_date_at(c, m, i);
            if (!time && (i == 0 || !is_digit(c[i - 1]))) time = time_at(c, m, i);
        } else if (is_comma(cp)) commas++;
        else if (is_stop(cp)) stops++;
        else if (i < note_end) ;   /* inside [-] or [1]: syntax, not a menu */
        else if (cp == '-' || cp == 0xFF0D) {
            int num = i > 0 && i + 1 < m && is_digit(c[i - 1]) && is_digit(c[i + 1]);
            seps += !num;
        } else if (is_sep(cp)) {
            size_t han_in, close = cp == 0x3010 || cp == '[' ? bracket_close(c, m, i, &han_in) : 0;
            /* a widget's label is a word: 【打印】 [关闭]; a [] without a Han
             * character ([-]arp, [1], [x]) is syntax or a note */
            if (close && cp == '[' && !han_in) note_end = close + 1;
            else seps++;
            widgets += close && (cp == 0x3010 || han_in);
        } else if (cp == 0xA9) copy_sign = 1;
        else if (cp == 0xFF08) fw_paren = 1;
    }
    if (tok_len) tokens++, short_tokens += tok_len <= 4;
    uint32_t end = is_closer(last) ? prev_last : last;
    int end_stop = is_stop(end) || end == 0x3002;
    if (end_stop && stops) stops--;   /* the final one */
    size_t longest_digits = 0;
    for (size_t i = 0; digits && i < m; i++) {
        if (!is_digit(c[i])) continue;
        size_t k = i, d = 0;
        while (k < m && (is_digit(c[k]) || c[k] == '-')) d += is_digit(c[k]), k++;
        if (d > longest_digits) longest_digits = d;
        i = k;
    }
    int year = 0;
    for (size_t i = 0; digits >= 4 && i + 3 < m && !year; i++)
        year = digit_run(c, m, i) == 4 && (c[i] == '1' || c[i] == '2') && (i == 0 || !is_digit(c[i - 1]));
    unsigned words = ascii ? ascii_words(c, m) : 0;
    int copyright = copy_sign || (words & (1u << AW_COPYRIGHT | 1u << AW_PAREN_C));
    for (size_t i = 0; fw_paren && i + 2 < m && !copyright; i++)   /* （C） */
        copyright = c[i] == 0xFF08 && lower(c[i + 1]) == 'c' && c[i + 2] == 0xFF09;
    for (size_t i = 0; year && i + 1 < m && !copyright; i++)   /* 版权 版權 and a year */
        copyright = c[i] == 0x7248 && (c[i + 1] == 0x6743 || c[i + 1] == 0x6B0A);
    int icp = (words >> AW_ICP) & 1;
    if (!icp && longest_digits >= 4) {
        for (size_t i = 0; i < m && !icp; i++) icp = c[i] == 0x5907 || c[i] == 0x5099;   /* 备 備 */
    }
    int url = (words >> AW_URL) & 1 && !cited_url(c, m);
    for (size_t i = 1; at_sign && i + 1 < m && !url; i++)
        url = c[i] == '@' && (is_latin(c[i - 1]) || is_digit(c[i - 1])) && is_latin(c[i + 1]);
    /* [ , INITCOND = x ] is syntax: a [] without Han is no widget */
    int bracketed = m >= 2 && is_opener(c[0]) && closes(c[0], c[m - 1]) && chars <= 60 &&
                    (c[0] != '[' || han > 0);

    struct match_ctx pm = {0, 0, NULL, 0, 0, 0};
    unsigned verdict = 0;
    if (boiler) {
        /* invalid UTF-8: scan_phrases steps over the bytes its own way */
        if (valid) scan_phrases_decoded(boiler, filter, s, n, c, off, decoded, decoded == total, &pm);
        else scan_phrases(boiler, filter ? filter->first : NULL, s, n, FEATURE_MAX_CHARS, &pm);
        size_t k = chars < CONTAINS_MAX_CHARS ? chars : CONTAINS_MAX_CHARS;
        verdict = site_line(s, n, k) ? SINO_BP_CONTAINS : list_verdict(pm.flags, s, n, total);
    }
    double nonspace = chars ? (double)chars : 1.0;
    double vocab = pm.words > 4 ? 4 : pm.words;
    int label = label_start(c, m);
    memset(x, 0, BP_NLINE * sizeof *x);
    x[BP_bias] = 1;
    x[BP_cols] = cap1((double)(cols > 160 ? 160 : cols) / 40.0 / 4.0) * 4;
    x[BP_short] = cols <= 16;
    x[BP_tiny] = chars <= 3;
    x[BP_han] = (float)(han / nonspace);
    x[BP_latin] = (float)(latin / nonspace);
    x[BP_digits] = (float)(digits / nonspace);
    x[BP_end_stop] = end_stop;
    x[BP_commas] = cap1(commas / 4.0);
    x[BP_stops_in] = cap1(stops / 2.0);
    x[BP_seps] = cap1(seps / 4.0);
    x[BP_spaced] = tokens >= 3 && short_tokens * 2 >= tokens;
    x[BP_tokens] = cap1((tokens > 1 ? tokens - 1 : 0) / 5.0);
    x[BP_label] = label;
    x[BP_date] = date;
    x[BP_time] = time;
    x[BP_url] = url;
    x[BP_phone] = longest_digits >= 7;
    x[BP_copyright] = copyright;
    x[BP_icp] = icp;
    x[BP_page] = page_char && page_words(c, m);
    x[BP_numline] = number_line(c, m);
    x[BP_bracketed] = bracketed;
    x[BP_widgets] = cap1(widgets / 3.0);
    if (*byline < 0) *byline = (signed char)sino_clean_is_byline(s, n);
    if (*headline < 0)
        *headline = (signed char)(valid ? clean_is_headline_chars(c, total, n) : sino_clean_is_headline(s, n));
    x[BP_byline] = *byline;
    x[BP_headline] = *headline;
    x[BP_listmark] = list_mark(c, m);
    x[BP_quote] = m && (c[0] == 0x201C || c[0] == 0x300C || c[0] == 0x300E || c[0] == 0x2018);
    x[BP_phrase] = verdict != 0;
    x[BP_vocab] = (float)(vocab / 4.0);
    x[BP_density] = cap1(3.0 * pm.words / (nonspace > 3 ? nonspace : 3));
    x[BP_suffix] = pm.suffixes > 0;
    x[BP_label_vocab] = label && pm.words;
    x[BP_stop_vocab] = end_stop ? (float)(vocab / 4.0) : 0;
    x[BP_long_stop] = end_stop && cols >= 40 && han * 2 >= chars;
    x[BP_open_end] = open_end(last);
    if (shape) {
        shape->cols = cols;
        shape->chars = total;
        shape->end_stop = end_stop;
        shape->label_only = label && chars <= 10 && (end == 0xFF1A || end == ':');
        shape->table = table_row(s, n, c, m);
        shape->attribution = attribution(c, m);
        shape->technical = technical_line(c, m);
        shape->label_bytes = label ? label_bytes(s, n, c, m) : 0;
    }
}

/* z + w . x[0..k), summed in the order of the features. Most features
 * are 0; adding their +-0 products changes no sum (at most the sign of a
 * zero, which the sigmoid does not see). */
static double dot_from(double z, const float *w, const float *x, int k)
{
    for (int i = 0; i < k; i++)
        if (x[i] != 0) z += (double)w[i] * x[i];
    return z;
}

/* w1 . x[0..k) and w2 . x[0..k) in one loop, each summed as dot_from
 * sums it: two chains of additions that do not wait for each other. */
static void dot2(const float *w1, const float *w2, const float *x, int k, double *z1, double *z2)
{
    double a = 0, b = 0;
    for (int i = 0; i < k; i++) {
        if (x[i] == 0) continue;
        a += (double)w1[i] * x[i];
        b += (double)w2[i] * x[i];
    }
    *z1 = a;
    *z2 = b;
}

static float sigmoid(float z) { return (float)(1.0 / (1.0 + exp(-(double)z))); }

#define ANCHOR_P 0.3f        /* a line the first model surely takes for text ... */
#define ANCHOR_COLS 20       /* ... that is this wide: the body */
#define TAIL_LINE_COLS 60    /* a link-list item is at most this wide */

/* What no running text says of itself: a web address, a copyright or ICP
 * line, UI widgets ([打印] [关闭]); or the line recurs in other files. */
static int furniture_by_content(const float *x, const clean_bp_line *line)
{
    return x[BP_url] > 0 || x[BP_copyright] > 0 || x[BP_icp] > 0 || x[BP_widgets] > 0 || line->rep_run;
}

/* Position may confirm furniture, never make it. A line is dropped for its
 * place only when its block -- the run of non-body lines it sits in,
 * between body lines or the document's edges -- holds a line the first
 * model takes for furniture by itself (p1 >= 0.5), or when it recurs.
 * Without this, the closing lines of a letter or notice (此致 / 敬礼 / a
 * name / a date), a lone 参考文献 after the last paragraph, or the fields
 * of minutes (时间：… 地点：…) went as a footer: short lines after the body
 * is all they share with one. */
static void keep_unproven_blocks(clean_bp_line *lines, const clean_bp_shape *sh, size_t n)
{
    for (size_t start = 0; start < n;) {
        if (sh[start].anchor) {
            start++;
            continue;
        }
        size_t end = start;
        int proven = 0;
        while (end < n && !sh[end].anchor) proven |= lines[end].p1 >= 0.5f, end++;
        for (size_t i = start; i < end && !proven; i++)
            if (!lines[i].rep_doc && !lines[i].rep_run) lines[i].drop = 0;
        start = end;
    }
}

/* Copies of one line in a document are one piece of furniture or none:
 * a slogan at the head and again at the foot (东海热线 记录每一天) goes
 * whole when one copy is dropped, except copies that are body lines or
 * that the first model takes for text (p1 under REPEAT_SHARE_P1). */
#define REPEAT_SHARE_P1 0.2f

typedef struct {
    const char *s;
    size_t n, line;
} copy_ref;

static int copy_cmp(const void *va, const void *vb)
{
    const copy_ref *a = va, *b = vb;
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    int c = memcmp(a->s, b->s, a->n);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

static int share_repeat_verdicts(clean_bp_line *lines, const clean_bp_shape *sh, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += lines[i].rep_doc;
    if (k < 2) return SINO_OK;
    copy_ref *r = malloc(k * sizeof *r);
    if (!r) return SINO_ERR_NOMEM;
    k = 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i].rep_doc) r[k++] = (copy_ref){lines[i].s, lines[i].n, i};
    qsort(r, k, sizeof *r, copy_cmp);
    for (size_t a = 0, b; a < k; a = b) {
        int dropped = 0;
        for (b = a; b < k && r[b].n == r[a].n && memcmp(r[b].s, r[a].s, r[a].n) == 0; b++)
            dropped |= lines[r[b].line].drop;
        for (size_t j = a; dropped && j < b; j++) {
            size_t i = r[j].line;
            if (!sh[i].anchor && !sh[i].table && !lines[i].keep && lines[i].p1 >= REPEAT_SHARE_P1)
                lines[i].drop = 1;
        }
    }
    free(r);
    return SINO_OK;
}

/* A link list at the end of a document goes whole: when the lines after
 * the last sentence of the body are all list-like (short, no final stop) and two or
 * more of them, at least half, are dropped, the rest go with them -- its
 * heading (24小时热文, 相关阅读) and items that read like prose (这个街道…).
 * The dropped items prove the block; the others share its shape. */
static void drop_tail_lists(clean_bp_line *lines, const clean_bp_shape *sh, size_t n)
{
    size_t k = n;   /* the block after the last body line that ends a sentence */
    while (k > 0 && !(sh[k - 1].anchor && sh[k - 1].end_stop)) k--;
    if (k == 0 || k == n) return;
    size_t dropped = 0;
    for (size_t i = k; i < n; i++) {
        if (sh[i].cols > TAIL_LINE_COLS || sh[i].end_stop || sh[i].table || lines[i].keep) return;
        dropped += lines[i].drop;
    }
    /* a list under a heading that is surely furniture (相关阅读, 热门推荐)
     * goes with it, however its items read */
    int headed = lines[k].drop && lines[k].p1 >= 0.9f && n - k >= 3;
    if (!headed && (dropped < 2 || dropped * 2 < n - k)) return;
    for (size_t i = k; i < n; i++) lines[i].drop = 1;
}

/* A document that is a collection of entries (an anthology: 题目：…
 * 作者：杜甫, a glossary, minutes) repeats the labels of its fields with
 * other values; those lines are its content, not the furniture of a page,
 * whose labels (来源：, 编辑：) come once, or recur with one value. A label
 * that starts COLLECTION_MIN lines or more, not all alike, keeps them. */
#define COLLECTION_MIN 3

typedef struct {
    const char *s;
    size_t n, label, line;
} field_line;

static int field_cmp(const void *va, const void *vb)
{
    const field_line *a = va, *b = vb;
    size_t k = a->label < b->label ? a->label : b->label;
    int c = memcmp(a->s, b->s, k);
    if (c || a->label != b->label) return c ? c : (a->label < b->label ? -1 : 1);
    k = a->n < b->n ? a->n : b->n;   /* then by the whole line: values apart */
    c = memcmp(a->s, b->s, k);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

static int same_label(const field_line *a, const field_line *b)
{
    return a->label == b->label && memcmp(a->s, b->s, a->label) == 0;
}

static int keep_collection_fields(clean_bp_line *lines, const clean_bp_shape *sh, size_t n)
{
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) nf += sh[i].label_bytes > 0;
    if (nf < COLLECTION_MIN) return SINO_OK;
    field_line *f = malloc(nf * sizeof *f);
    if (!f) return SINO_ERR_NOMEM;
    nf = 0;
    for (size_t i = 0; i < n; i++)
        if (sh[i].label_bytes) f[nf++] = (field_line){lines[i].s, lines[i].n, sh[i].label_bytes, i};
    qsort(f, nf, sizeof *f, field_cmp);
    for (size_t a = 0, b; a < nf; a = b) {
        b = a + 1;
        while (b < nf && same_label(&f[a], &f[b])) b++;
        int alike = f[a].n == f[b - 1].n && memcmp(f[a].s, f[b - 1].s, f[a].n) == 0;
        if (b - a >= COLLECTION_MIN && !alike)
            for (size_t k = a; k < b; k++) lines[f[k].line].drop = 0;
    }
    free(f);
    return SINO_OK;
}

/* The source under a quotation (a sentence or a table, then -- 《论语》)
 * is text, and so are the headings, commands and sections of a technical
 * document (technical_line). */
static void keep_attributions(clean_bp_line *lines, const clean_bp_shape *sh, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (sh[i].technical || (i > 0 && sh[i].attribution && (sh[i - 1].end_stop || sh[i - 1].table)))
            lines[i].drop = 0;
}

int clean_bp_decide(const clean_bp_model *m, const sino_dict *boiler, const clean_bp_filter *filter,
                    clean_bp_line *lines, size_t n, clean_bp_trace_fn trace, void *trace_ctx)
{
    float *x = malloc((n ? n : 1) * BP_NFEAT * sizeof *x);
    clean_bp_shape *sh = malloc((n ? n : 1) * sizeof *sh);
    double *z2 = malloc((n ? n : 1) * sizeof *z2);   /* w2 . the line features */
    if (!x || !sh || !z2) {
        free(x);
        free(sh);
        free(z2);
        return SINO_ERR_NOMEM;
    }
    long first = -1, last = -1;
    int prose = 0;
    for (size_t i = 0; i < n; i++) {
        float *xi = x + i * BP_NFEAT;
        clean_bp_line_features(boiler, filter, lines[i].s, lines[i].n, &lines[i].byline,
                               &lines[i].headline, xi, &sh[i]);
        double z1;
        dot2(m->w1, m->w2, xi, BP_NLINE, &z1, &z2[i]);
        lines[i].p1 = sigmoid((float)z1);
        int anchor = sh[i].table || lines[i].keep || (lines[i].p1 < ANCHOR_P && sh[i].cols >= ANCHOR_COLS);
        sh[i].anchor = anchor;
        prose |= lines[i].p1 < ANCHOR_P && sh[i].end_stop;
        if (anchor) {
            if (first < 0) first = (long)i;
            last = (long)i;
        }
    }
    /* the link-list runs of the tail: short lines without a full stop */
    size_t run_start = 0;
    for (size_t i = 0; i < n; i++) {
        float *xi = x + i * BP_NFEAT, *d = xi + BP_NLINE;
        float p1 = lines[i].p1;
        long li = (long)i;
        int head = first >= 0 && li < first, tail = last >= 0 && li > last;
        int inner = first >= 0 && li > first && li < last && !sh[i].anchor;
        size_t dist = 6;
        for (size_t k = 1; k < 6; k++) {
            if ((i >= k && sh[i - k].anchor) || (i + k < n && sh[i + k].anchor)) {
                dist = k;
                break;
            }
        }
        if (sh[i].anchor) dist = 0;
        int itemish = sh[i].cols <= TAIL_LINE_COLS && !sh[i].end_stop && !sh[i].anchor;
        if (!itemish || i == 0 || !(sh[i - 1].cols <= TAIL_LINE_COLS && !sh[i - 1].end_stop && !sh[i - 1].anchor))
            run_start = i;
        size_t run_end = i;
        while (itemish && run_end + 1 < n && sh[run_end + 1].cols <= TAIL_LINE_COLS &&
               !sh[run_end + 1].end_stop && !sh[run_end + 1].anchor)
            run_end++;
        size_t run = itemish ? run_end - run_start + 1 : 0;
        d[BP_p1 - BP_NLINE] = p1;
        d[BP_head - BP_NLINE] = head;
        d[BP_tail - BP_NLINE] = tail;
        d[BP_inner - BP_NLINE] = inner;
        d[BP_nobody - BP_NLINE] = first < 0;
        d[BP_dist - BP_NLINE] = first < 0 ? 1 : (float)dist / 6.0f;
        d[BP_edge - BP_NLINE] = i == 0 || i + 1 == n;
        d[BP_prev_label - BP_NLINE] = i > 0 && sh[i - 1].label_only;
        d[BP_prev_p - BP_NLINE] = i > 0 ? lines[i - 1].p1 : 0;
        d[BP_next_p - BP_NLINE] = i + 1 < n ? lines[i + 1].p1 : 0;
        d[BP_tail_run - BP_NLINE] = tail ? cap1(run / 5.0) : 0;
        d[BP_rep_doc - BP_NLINE] = lines[i].rep_doc;
        d[BP_rep_run - BP_NLINE] = lines[i].rep_run;
        d[BP_head_p1 - BP_NLINE] = head ? p1 : 0;
        d[BP_tail_p1 - BP_NLINE] = tail ? p1 : 0;
        d[BP_inner_p1 - BP_NLINE] = inner ? p1 : 0;
        d[BP_tail_short - BP_NLINE] = tail && xi[BP_short];
        /* w2 . all features: the line's, then these */
        float p2 = sigmoid((float)dot_from(z2[i], m->w2 + BP_NLINE, d, BP_NFEAT - BP_NLINE));
        /* a table row, a piece of a line longer than the window, a line
         * the caller keeps: never dropped */
        lines[i].drop = p2 >= 0.5f && !sh[i].table && !lines[i].keep;
        /* without a sentence to stand against (an address card, a list of
         * fields), shape and position tell nothing; only what a line says
         * itself, or its recurring in other files */
        if (!prose && !furniture_by_content(xi, &lines[i])) lines[i].drop = 0;
        lines[i].p2 = p2;
        if (trace) trace(trace_ctx, lines[i].s, lines[i].n, xi, BP_NFEAT, lines[i].p1, p2);
    }
    keep_unproven_blocks(lines, sh, n);
    int rc = share_repeat_verdicts(lines, sh, n);
    drop_tail_lists(lines, sh, n);
    keep_attributions(lines, sh, n);
    if (rc == SINO_OK) rc = keep_collection_fields(lines, sh, n);
    free(x);
    free(sh);
    free(z2);
    return rc;
}
