/* match_posix.c - grep's basic and extended regular expressions (-G, -E).
 *
 * The syntax and the matching rules are those of the GNU regex engine in
 * the C library, compiled with the syntax bits GNU grep uses
 * (RE_SYNTAX_GREP, RE_SYNTAX_EGREP) in the C.UTF-8 locale: back-references,
 * the GNU operators (\w \W \s \S \b \B \< \> \` \'), [[:classes:]],
 * [[=equivalence=]] and [[.collating.]] elements, repeat bounds up to
 * RE_DUP_MAX (32767), grep's handling of a leading '*' and grep's error
 * texts all come from the same code grep itself runs. sgrep's folding is
 * applied by rewriting the pattern before it is compiled: a Chinese or
 * full-width character stands for the bracket expression of its folded
 * forms (see sino_match_char_class); ASCII is left as it is. */
#include <locale.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "match_int.h"
#include "sino_match.h"

#define MAX_CLASS 24

struct sino_match_posix {
    struct re_pattern_buffer buf;
    struct re_registers regs;
    locale_t loc;
    char fastmap[256];
    char *warn[8];              /* "* at start of expression", ... */
    int nwarn;
};

/* Whether a character gets folded forms in a pattern: only Chinese and
 * full-width characters do (grep's answer everywhere else). */
static int folds(uint32_t cp)
{
    return cp >= 0x2E80 && !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* The folded forms of cp other than cp itself, UTF-8, appended to b. */
static int put_forms(struct sino_pat_buf *b, const sino_dict *variants, int flags, uint32_t cp)
{
    uint32_t cls[MAX_CLASS];
    int n = sino_match_char_class(variants, flags & ~SINO_MATCH_ICASE, cp, cls, MAX_CLASS);
    int added = 0;
    for (int i = 0; i < n; i++) {
        if (cls[i] == cp) continue;
        /* an ASCII form inside a bracket: only letters and digits are safe
         * to write bare ('-', ']', '^', '[' would change the bracket) */
        if (cls[i] < 128 && !((cls[i] >= '0' && cls[i] <= '9') ||
                              (cls[i] >= 'a' && cls[i] <= 'z') ||
                              (cls[i] >= 'A' && cls[i] <= 'Z')))
            continue;
        unsigned char u[4];
        int k = sino_utf8_encode(cls[i], u);
        if (k > 0) {
            sino_pat_put(b, u, (size_t)k);
            added++;
        }
    }
    return added;
}

/* Copy a bracket expression starting at p[i] == '[' and add the folded forms
 * of its Chinese members; returns the index after it (len when unclosed:
 * the regex compiler then reports the error). */
static size_t copy_bracket(struct sino_pat_buf *b, const unsigned char *p, size_t len, size_t i,
                           const sino_dict *variants, int flags)
{
    size_t start = i;
    i++;
    if (i < len && p[i] == '^') i++;
    if (i < len && p[i] == ']') i++;
    struct sino_pat_buf extra = {0};
    while (i < len && p[i] != ']') {
        if (p[i] == '[' && i + 1 < len && (p[i + 1] == ':' || p[i + 1] == '.' || p[i + 1] == '=')) {
            unsigned char d = p[i + 1];
            size_t k = i + 2;
            while (k + 1 < len && !(p[k] == d && p[k + 1] == ']')) k++;
            if (k + 1 >= len) break;
            i = k + 2;
            continue;
        }
        int32_t c;
        int k = sino_utf8_decode(p + i, len - i, &c);
        int range = i + (size_t)k < len && p[i + k] == '-' && i + (size_t)k + 1 < len &&
                    p[i + k + 1] != ']';
        if (c >= 0 && folds((uint32_t)c) && !range &&
            !(i > start + 1 && p[i - 1] == '-'))
            put_forms(&extra, variants, flags, (uint32_t)c);
        i += (size_t)k;
    }
    if (i >= len || extra.oom) {
        free(extra.s);
        sino_pat_put(b, p + start, len - start);
        return len;
    }
    sino_pat_put(b, p + start, i - start);
    if (extra.n) sino_pat_put(b, extra.s, extra.n);
    sino_pat_put(b, "]", 1);
    free(extra.s);
    return i + 1;
}

/* The repetition operator at p[i] ('*', '+', '?'; in a basic expression
 * '*', '\\+', '\\?'): its kind ('*', '+' or '?') and length, or 0. */
static int repeat_op(const unsigned char *p, size_t len, size_t i, int basic, size_t *oplen)
{
    *oplen = 1;
    if (p[i] == '*') return '*';
    if (!basic && (p[i] == '+' || p[i] == '?')) return p[i];
    if (basic && p[i] == '\\' && i + 1 < len && (p[i + 1] == '+' || p[i + 1] == '?')) {
        *oplen = 2;
        return p[i + 1];
    }
    return 0;
}

/* Repetition of a repetition is one repetition: (x+)+ is x+, (x?)? is x?,
 * every other pair of '*', '+', '?' is x*. The C library's regex compiler
 * builds an automaton that grows with each operator of a run, so that a run
 * of a hundred '+' exhausts memory (GNU grep too); collapsing the run
 * matches the same strings. */
static int merge_repeat(int a, int b)
{
    return a == b && a != '*' ? a : '*';
}

/* Pattern-rewriting state: whether the last thing written is something a
 * repetition operator applies to, and where the last operator of a run
 * starts in the output. */
struct fold_state {
    int after_atom;
    int last_op;                /* kind of the operator just written, or 0 */
    size_t last_op_at;
};

/* Writes the repetition operator `kind` (source bytes op, oplen), merged
 * into the operator just written when it repeats a repetition. */
static void put_repeat(struct sino_pat_buf *b, struct fold_state *st, int basic, int kind,
                       const unsigned char *op, size_t oplen)
{
    if (!st->after_atom) {          /* at the start of an expression: as grep */
        sino_pat_put(b, op, oplen);
        return;
    }
    if (st->last_op) {
        kind = merge_repeat(st->last_op, kind);
        b->n = st->last_op_at;
        char two[2] = {'\\', (char)kind};
        if (kind == '*' || !basic) sino_pat_put(b, &two[1], 1);
        else sino_pat_put(b, two, 2);
    } else {
        st->last_op_at = b->n;
        sino_pat_put(b, op, oplen);
    }
    st->last_op = kind;
}

/* Whether the escape \\c opens a group or an alternative (the next
 * operator is then at the start of an expression). */
static int opens_expression(const unsigned char *p, size_t len, size_t i, int basic)
{
    if (basic) return i + 1 < len && (p[i + 1] == '(' || p[i + 1] == '|');
    return p[i] == '(' || p[i] == '|' || p[i] == '^';
}

/* The pattern with sgrep's folding written out as bracket expressions. */
static char *fold_pattern(const char *pat, size_t len, int flags, const sino_dict *variants,
                          size_t *outlen)
{
    const unsigned char *p = (const unsigned char *)pat;
    int basic = (flags & SINO_MATCH_BASIC) != 0;
    struct sino_pat_buf b = {0};
    struct fold_state st = {0};
    sino_pat_put(&b, "", 0);
    size_t i = 0;
    while (i < len) {
        size_t oplen;
        int kind = repeat_op(p, len, i, basic, &oplen);
        if (kind) {
            put_repeat(&b, &st, basic, kind, p + i, oplen);
            st.after_atom = 1;
            i += oplen;
            continue;
        }
        st.last_op = 0;
        if (p[i] == '\\' && i + 1 < len) {
            int32_t c;
            int k = sino_utf8_decode(p + i + 1, len - i - 1, &c);
            sino_pat_put(&b, p + i, 1 + (size_t)k);
            st.after_atom = !opens_expression(p, len, i, basic);
            i += 1 + (size_t)k;
            continue;
        }
        st.after_atom = basic ? p[i] != '^' : !opens_expression(p, len, i, basic);
        if (p[i] == '[') {
            i = copy_bracket(&b, p, len, i, variants, flags);
            continue;
        }
        int32_t c;
        int k = sino_utf8_decode(p + i, len - i, &c);
        if (c >= 0 && folds((uint32_t)c) && !(flags & SINO_MATCH_EXACT)) {
            struct sino_pat_buf f = {0};
            if (put_forms(&f, variants, flags, (uint32_t)c) > 0 && !f.oom) {
                sino_pat_put(&b, "[", 1);
                sino_pat_put(&b, p + i, (size_t)k);
                sino_pat_put(&b, f.s, f.n);
                sino_pat_put(&b, "]", 1);
            } else {
                sino_pat_put(&b, p + i, (size_t)k);
            }
            free(f.s);
        } else {
            sino_pat_put(&b, p + i, (size_t)k);
        }
        i += (size_t)k;
    }
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    *outlen = b.n;
    return b.s;
}

/* grep's warnings for a repetition operator that starts an extended
 * expression (at the start, after '(' or '|'), where it is ignored. */
static void ere_warnings(sino_match_posix *re, const unsigned char *p, size_t len)
{
    int at_start = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        if (at_start && (c == '*' || c == '+' || c == '?' || c == '{') && re->nwarn < 8) {
            re->warn[re->nwarn++] = c == '*' ? "* at start of expression"
                                    : c == '+' ? "+ at start of expression"
                                    : c == '?' ? "? at start of expression"
                                    : "{...} at start of expression";
            /* the operator and any that follow it belong to this warning */
            while (i + 1 < len && (p[i + 1] == '*' || p[i + 1] == '+' || p[i + 1] == '?')) i++;
            at_start = 0;
            continue;
        }
        at_start = 0;
        if (c == '\\') {
            i++;
        } else if (c == '[') {
            size_t k = i + 1;
            if (k < len && p[k] == '^') k++;
            if (k < len && p[k] == ']') k++;
            while (k < len && p[k] != ']') {
                if (p[k] == '[' && k + 1 < len && (p[k + 1] == ':' || p[k + 1] == '.' || p[k + 1] == '=')) {
                    unsigned char d = p[k + 1];
                    k += 2;
                    while (k + 1 < len && !(p[k] == d && p[k + 1] == ']')) k++;
                    k += 2;
                } else {
                    k++;
                }
            }
            i = k;
        } else if (c == '(' || c == '|') {
            at_start = 1;
        } else if (c == '^') {
            at_start = 1;
        }
    }
}

void sino_match_posix_free(sino_match_posix *re)
{
    if (!re) return;
    re->buf.fastmap = NULL;
    regfree(&re->buf);
    free(re->regs.start);
    free(re->regs.end);
    if (re->loc) freelocale(re->loc);
    free(re);
}

sino_match_posix *sino_match_posix_compile(const char *pat, size_t len, int flags,
                                           const sino_dict *variants, sino_error *err)
{
    sino_match_posix *re = calloc(1, sizeof *re);
    if (!re) return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    re->loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!re->loc) {
        free(re);
        return sino_fail(err, SINO_ERR_USAGE, "the C.UTF-8 locale is not available"), NULL;
    }
    size_t flen = 0;
    char *folded = fold_pattern(pat, len, flags, variants, &flen);
    if (!folded) {
        sino_match_posix_free(re);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    }
    reg_syntax_t syn = (flags & SINO_MATCH_BASIC) ? RE_SYNTAX_GREP : RE_SYNTAX_EGREP;
    if (flags & SINO_MATCH_ICASE) syn |= RE_ICASE;
    if (!(flags & SINO_MATCH_BASIC)) ere_warnings(re, (const unsigned char *)pat, len);
    locale_t old = uselocale(re->loc);
    re_set_syntax(syn);
    re->buf.fastmap = re->fastmap;
    const char *msg = re_compile_pattern(folded, flen, &re->buf);
    uselocale(old);
    free(folded);
    if (msg) {
        sino_fail(err, SINO_ERR_USAGE, "%s", msg);
        re->buf.fastmap = NULL;
        sino_match_posix_free(re);
        return NULL;
    }
    return re;
}

size_t sino_match_posix_warnings(const sino_match_posix *re, const char **out, size_t max)
{
    size_t n = 0;
    for (int i = 0; i < re->nwarn && n < max; i++) out[n++] = re->warn[i];
    return n;
}

int sino_match_posix_find(sino_match_posix *re, const unsigned char *s, size_t len,
                          size_t from, size_t *ms, size_t *me)
{
    if (from > len || len > (size_t)0x7fffffff) return 0;
    locale_t old = uselocale(re->loc);
    re->buf.not_eol = 0;
    regoff_t r = re_search(&re->buf, (const char *)s, (regoff_t)len, (regoff_t)from,
                           (regoff_t)(len - from), &re->regs);
    uselocale(old);
    if (r == -2) return SINO_ERR_NOMEM;
    if (r < 0) return 0;
    *ms = (size_t)r;
    *me = (size_t)re->regs.end[0];
    return 1;
}

long sino_match_posix_match_at(sino_match_posix *re, const unsigned char *s, size_t len,
                               size_t at, size_t limit)
{
    if (limit > len || at > limit || len > (size_t)0x7fffffff) return -1;
    locale_t old = uselocale(re->loc);
    re->buf.not_eol = limit < len;
    regoff_t r = re_match(&re->buf, (const char *)s, (regoff_t)limit, (regoff_t)at, &re->regs);
    re->buf.not_eol = 0;
    uselocale(old);
    if (r == -2) return SINO_ERR_NOMEM;
    return r < 0 ? -1 : (long)r;
}
