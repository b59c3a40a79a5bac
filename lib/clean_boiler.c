/* clean_boiler.c - boilerplate by phrase patterns (data/sclean-boilerplate.tsv).
 * Repetition within and across documents is counted by the driver (clean.c). */
#include <string.h>

#include "sino_clean.h"
#include "clean_int.h"

#define START_MAX_CHARS 200
#define CONTAINS_MAX_CHARS 60
#define LINKS_MAX_CHARS 20
#define SITE_MAX_CHARS 50

/* Characters of s[0..n), counted up to a little past limit. */
#define count_chars clean_nchars_upto

struct match_ctx {
    size_t line_len;
    size_t at;             /* offset of the match */
    size_t rest_len;       /* bytes of the line after the key's end, trimmed */
    const char *rest;
    unsigned flags;
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

static int on_prefix(void *ctx, size_t key_len, const sino_dict_value *v)
{
    struct match_ctx *m = ctx;
    unsigned f = v->num;
    int at_start = m->at == 0;
    int whole = at_start && only_trailer(m->rest + key_len, m->rest_len - key_len);
    if (at_start && (f & SINO_BP_START)) m->flags |= SINO_BP_START;
    if (f & SINO_BP_CONTAINS) m->flags |= SINO_BP_CONTAINS;
    if (whole && (f & SINO_BP_WHOLE)) m->flags |= SINO_BP_WHOLE;
    if (at_start && (f & SINO_BP_BLOCK)) m->flags |= SINO_BP_BLOCK | (whole ? SINO_BP_WHOLE : 0);
    if (at_start && (f & SINO_BP_LINKS)) m->flags |= SINO_BP_LINKS;
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
    size_t bars = 0;
    for (size_t i = 0; i < n; i++) bars += s[i] == '|';
    return bars >= 2;
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

unsigned sino_clean_boiler_match(const sino_dict *boiler, const char *s, size_t n)
{
    return sino_clean_boiler_match_f(boiler, NULL, s, n);
}

unsigned sino_clean_boiler_match_f(const sino_dict *boiler, const unsigned char *filter,
                                   const char *s, size_t n)
{
    if (!boiler || n == 0) return 0;
    /* counted up to CONTAINS_MAX_CHARS; the longer START limit only when
     * a START pattern matched */
    size_t chars = count_chars(s, n, CONTAINS_MAX_CHARS);
    if (site_line(s, n, chars)) return SINO_BP_CONTAINS;
    struct match_ctx m = {n, 0, 0, NULL, 0};
    for (size_t i = 0, step; i < n; i += step) {
        unsigned char b = (unsigned char)s[i];
        /* from character start to character start */
        step = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if ((b & 0xC0) == 0x80) continue;
        if (i > 0 && chars >= CONTAINS_MAX_CHARS) break;
        /* ASCII and three-byte characters (all of the BMP's CJK) by the
         * filter; a sequence that is not UTF-8 matches no key anyway */
        if (filter && (step == 1 || (step == 3 && i + 2 < n))) {
            unsigned k = step == 1 ? b
                         : (b & 0x0Fu) << 12 | ((unsigned char)s[i + 1] & 0x3Fu) << 6 |
                               ((unsigned char)s[i + 2] & 0x3Fu);
            if (!(filter[k >> 3] & (1u << (k & 7)))) continue;
        }
        m.at = i;
        m.rest = s + i;
        m.rest_len = n - i;
        sino_dict_prefixes(boiler, s + i, n - i, on_prefix, &m);
    }
    unsigned f = 0;
    if ((m.flags & SINO_BP_START) && count_chars(s, n, START_MAX_CHARS) < START_MAX_CHARS)
        f |= SINO_BP_START;
    if ((m.flags & SINO_BP_CONTAINS) && chars < CONTAINS_MAX_CHARS) f |= SINO_BP_CONTAINS;
    if (m.flags & SINO_BP_WHOLE) f |= SINO_BP_WHOLE;
    if (m.flags & SINO_BP_BLOCK) f |= SINO_BP_BLOCK;
    if ((m.flags & SINO_BP_LINKS) && chars <= LINKS_MAX_CHARS) f |= SINO_BP_LINKS;
    return f;
}
