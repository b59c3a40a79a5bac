/* match_pcre.c - Perl-compatible regular expressions (grep -P) with PCRE2,
 * compiled as GNU grep 3.8 compiles them: UTF with invalid UTF-8 matched
 * as bytes (PCRE2_MATCH_INVALID_UTF), PCRE2_DOLLAR_ENDONLY, no Unicode
 * properties for \w \d (PCRE2_UCP off), -w as (?<!\w)(?:...)(?!\w) and -x as
 * ^(?:...)$, searched one line at a time with the JIT when available.
 * Folding is applied to the literal Chinese and full-width characters
 * outside character classes and escapes, each written as a class of its
 * folded forms; inside [...] and \Q...\E the pattern is left as it is. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "match_int.h"
#include "sino_match.h"

#define MAX_CLASS 24

struct sino_match_pcre {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *stack;
    int nul_lines;              /* -z: NUL and newline swapped by the caller */
    unsigned char *copy;        /* -z: the line with them swapped back */
    size_t copy_cap;
};

/* Fold literal Chinese characters outside classes, escapes and \Q..\E. */
static void fold_perl(struct sino_pat_buf *b, const unsigned char *p, size_t len, int flags,
                      const sino_dict *variants)
{
    size_t i = 0;
    int depth_class = 0, quoted = 0;
    while (i < len) {
        if (quoted) {
            if (p[i] == '\\' && i + 1 < len && p[i + 1] == 'E') quoted = 0;
            size_t k = quoted ? 1 : 2;
            sino_pat_put(b, p + i, k);
            i += k;
            continue;
        }
        if (p[i] == '\\' && i + 1 < len) {
            if (p[i + 1] == 'Q') quoted = 1;
            sino_pat_put(b, p + i, 2);
            i += 2;
            continue;
        }
        if (p[i] == '[' && !depth_class) {
            depth_class = 1;
            sino_pat_put(b, p + i, 1);
            i++;
            if (i < len && p[i] == '^') sino_pat_put(b, p + i++, 1);
            if (i < len && p[i] == ']') sino_pat_put(b, p + i++, 1);
            continue;
        }
        if (depth_class) {
            if (p[i] == '[' && i + 1 < len && p[i + 1] == ':') {
                const unsigned char *e = memchr(p + i + 2, ']', len - i - 2);
                size_t k = e ? (size_t)(e - p) + 1 - i : len - i;
                sino_pat_put(b, p + i, k);
                i += k;
                continue;
            }
            if (p[i] == ']') depth_class = 0;
            sino_pat_put(b, p + i, 1);
            i++;
            continue;
        }
        int32_t c;
        int k = sino_utf8_decode(p + i, len - i, &c);
        uint32_t cls[MAX_CLASS];
        int n = 0;
        if (c >= 0x2E80 && !(flags & SINO_MATCH_EXACT))
            n = sino_match_char_class(variants, flags & ~SINO_MATCH_ICASE, (uint32_t)c, cls, MAX_CLASS);
        int other = 0;
        for (int j = 0; j < n; j++)
            if (cls[j] != (uint32_t)c && cls[j] >= 128) other++;
        if (other) {
            sino_pat_put(b, "[", 1);
            sino_pat_put(b, p + i, (size_t)k);
            for (int j = 0; j < n; j++) {
                unsigned char u[4];
                int m = cls[j] != (uint32_t)c && cls[j] >= 128 ? sino_utf8_encode(cls[j], u) : 0;
                if (m > 0) sino_pat_put(b, u, (size_t)m);
            }
            sino_pat_put(b, "]", 1);
        } else {
            sino_pat_put(b, p + i, (size_t)k);
        }
        i += (size_t)k;
    }
}

void sino_match_pcre_free(sino_match_pcre *re)
{
    if (!re) return;
    pcre2_match_data_free(re->md);
    pcre2_match_context_free(re->mc);
    if (re->stack) pcre2_jit_stack_free(re->stack);
    pcre2_code_free(re->code);
    free(re->copy);
    free(re);
}

sino_match_pcre *sino_match_pcre_compile(const char *pat, size_t len, int flags,
                                         const sino_dict *variants, sino_error *err)
{
    sino_match_pcre *re = calloc(1, sizeof *re);
    if (!re) return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    struct sino_pat_buf b = {0};
    sino_pat_put(&b, "", 0);
    if (flags & SINO_MATCH_LINE) sino_pat_put(&b, "^(?:", 4);
    else if (flags & SINO_MATCH_WORD) sino_pat_put(&b, "(?<!\\w)(?:", 10);
    fold_perl(&b, (const unsigned char *)pat, len, flags, variants);
    if (flags & SINO_MATCH_LINE) sino_pat_put(&b, ")$", 2);
    else if (flags & SINO_MATCH_WORD) sino_pat_put(&b, ")(?!\\w)", 7);
    if (b.oom) {
        free(b.s);
        free(re);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    }
    uint32_t opts = PCRE2_DOLLAR_ENDONLY | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    if (flags & SINO_MATCH_ICASE) opts |= PCRE2_CASELESS;
    int ec;
    PCRE2_SIZE eo;
    re->code = pcre2_compile((PCRE2_SPTR)b.s, b.n, opts, &ec, &eo, NULL);
    free(b.s);
    if (!re->code) {
        PCRE2_UCHAR msg[256];
        if (pcre2_get_error_message(ec, msg, sizeof msg) < 0) strcpy((char *)msg, "invalid pattern");
        sino_fail(err, SINO_ERR_USAGE, "%s", (const char *)msg);
        free(re);
        return NULL;
    }
    re->nul_lines = (flags & SINO_MATCH_NUL_LINES) != 0;
    re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
    re->mc = pcre2_match_context_create(NULL);
    if (!re->md || !re->mc) {
        sino_match_pcre_free(re);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    }
    if (pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0) {
        re->stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
        if (re->stack) pcre2_jit_stack_assign(re->mc, NULL, re->stack);
    }
    return re;
}

/* -z: the line as it is in the input, its newlines (NULs here) back, so
 * that \n, \s and (?m)^ see them as grep -z -P does; NULL when out of
 * memory. A line without a NUL is used as it is. */
static const unsigned char *input_line(sino_match_pcre *re, const unsigned char *s, size_t len)
{
    if (!memchr(s, '\0', len)) return s;
    if (len > re->copy_cap) {
        unsigned char *c = realloc(re->copy, len);
        if (!c) return NULL;
        re->copy = c;
        re->copy_cap = len;
    }
    for (size_t i = 0; i < len; i++)
        re->copy[i] = s[i] == '\0' ? '\n' : s[i] == '\n' ? '\0' : s[i];
    return re->copy;
}

int sino_match_pcre_find(sino_match_pcre *re, const unsigned char *s, size_t len,
                         size_t from, size_t *ms, size_t *me, sino_error *err)
{
    if (re->nul_lines && len > 0 && !(s = input_line(re, s, len))) {
        if (err) sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return SINO_ERR_NOMEM;
    }
    int r = pcre2_match(re->code, (PCRE2_SPTR)s, len, from, 0, re->md, re->mc);
    if (r == PCRE2_ERROR_NOMATCH) return 0;
    if (r < 0) {
        PCRE2_UCHAR msg[256];
        if (pcre2_get_error_message(r, msg, sizeof msg) < 0) strcpy((char *)msg, "matching failed");
        if (err) sino_fail(err, SINO_ERR_USAGE, "%s", (const char *)msg);
        return SINO_ERR_USAGE;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    *ms = ov[0];
    *me = ov[1];
    return 1;
}
