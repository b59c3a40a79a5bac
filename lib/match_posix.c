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
    int dfa_ok;                 /* grep's DFA decides the lines by itself */
    int has_char;               /* it has a character or a bracket the DFA can do */
    struct sino_match_posix *sel;   /* the expression as the DFA reads it,
                                       when that differs (see dfa_read) */
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
            if ((flags & SINO_MATCH_NUL_LINES) && d == ':' && k - i - 2 == 5 &&
                !memcmp(p + i + 2, "space", 5))
                sino_pat_put(&extra, "", 1);   /* -z: a NUL is the input's newline */
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
        if (p[i] == '\\' && i + 1 < len && (p[i + 1] == 's' || p[i + 1] == 'S') &&
            (flags & SINO_MATCH_NUL_LINES)) {
            /* -z: the newline of the input is a NUL here */
            sino_pat_put(&b, p[i + 1] == 's' ? "[[:space:]\0]" : "[^[:space:]\0]",
                         p[i + 1] == 's' ? 12 : 13);
            st.after_atom = 1;
            i += 2;
            continue;
        }
        if (p[i] == '\\' && i + 1 < len) {
            int32_t c;
            int k = sino_utf8_decode(p + i + 1, len - i - 1, &c);
            sino_pat_put(&b, p + i, 1 + (size_t)k);
            /* an anchor is not repeated: a '*' after it is a literal
             * (basic) or ignored (extended), as at the start */
            st.after_atom = !opens_expression(p, len, i, basic) &&
                           !(p[i + 1] && strchr("<>bB`'", p[i + 1]));
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

/* ---- grep's own reading of an expression ----
 *
 * GNU grep selects lines with its DFA matcher, and runs the C library's
 * regex only where the DFA cannot decide (back-references, -w, and in UTF-8
 * \< \> \b \B \w \W \s \S and most bracket expressions) and for the bounds
 * of a match (-o, --color). The DFA's parser reads a few corners of the
 * syntax differently from the library:
 *   - in an extended expression, a repetition operator at the start (or
 *     after '(' or '|') repeats the empty string, a whole {m,n} included
 *     (the library drops the '{' and reads "m,n}" as text);
 *   - an operator after an anchor repeats the anchor: ^*a finds an a
 *     anywhere, ^+a only at the start (the library drops the operator);
 *   - a '{' that opens no valid interval is a literal, at the start too;
 *   - with -i, an escaped letter (\a) is the letter (the library then
 *     finds nothing);
 *   - [:alpha:] is an error, and so is an interval over RE_DUP_MAX at the
 *     start, where the library drops the '{'.
 * dfa_read writes the expression as the DFA reads it, in the library's
 * syntax, collects grep's warnings ("* at start of expression") and says
 * whether the DFA decides the pattern's lines by itself. */

#define DFA_DUP_MAX 32767

struct dfa_read {
    struct sino_pat_buf out;   /* the expression as the DFA reads it */
    int supported;             /* the DFA decides the lines by itself */
    const char *error;         /* a syntax error only the DFA reports */
    int has_char;              /* a character or bracket the DFA can do: its
                                  superset filters lines (else it has none) */
    int unmatched_close;       /* an extended expression's lone ')' (it
                                  closes grep's own group around -x/-w) */
    char *warn[8];
    int nwarn;
};

static void dfa_warn(struct dfa_read *d, const char *w)
{
    if (d->nwarn < 8) d->warn[d->nwarn++] = (char *)w;
}

/* A valid interval at p[i] (just after its '{'): {m}, {m,}, {m,n}, {,n} or
 * {,}, closed by "}" (extended) or "\}" (basic). Returns the length from i
 * to the end of the close, or 0; *min and *max are its bounds (*max -1:
 * none), *big whether a bound is over RE_DUP_MAX. */
static size_t interval(const unsigned char *p, size_t len, size_t i, int basic, long *min,
                       long *max, int *big)
{
    size_t j = i;
    long lo = -1, hi = -1;
    *big = 0;
    while (j < len && p[j] >= '0' && p[j] <= '9') {
        lo = (lo < 0 ? 0 : lo) * 10 + (p[j] - '0');
        if (lo > DFA_DUP_MAX) lo = DFA_DUP_MAX + 1;
        j++;
    }
    int comma = j < len && p[j] == ',';
    if (comma) {
        j++;
        while (j < len && p[j] >= '0' && p[j] <= '9') {
            hi = (hi < 0 ? 0 : hi) * 10 + (p[j] - '0');
            if (hi > DFA_DUP_MAX) hi = DFA_DUP_MAX + 1;
            j++;
        }
    } else {
        hi = lo;
    }
    if (basic) {
        if (j + 1 >= len || p[j] != '\\' || p[j + 1] != '}') return 0;
        j += 2;
    } else {
        if (j >= len || p[j] != '}') return 0;
        j++;
    }
    if (!comma && lo < 0) return 0;              /* {} */
    if (lo >= 0 && hi >= 0 && lo > hi) return 0;  /* {2,1} */
    *min = lo < 0 ? 0 : lo;
    *max = hi;
    *big = lo > DFA_DUP_MAX || hi > DFA_DUP_MAX;
    return j - i;
}

/* The bracket expression at p[i] == '[': its end (after the ']', or len
 * when unclosed); notes what the DFA cannot do with it in UTF-8 (negation,
 * ranges other than digits, classes other than [:digit:], equivalence
 * classes and collating elements) and the [:alpha:] mistake. */
static size_t dfa_bracket(struct dfa_read *d, const unsigned char *p, size_t len, size_t i,
                          int *unknown)
{
    size_t j = i + 1;
    *unknown = 0;
    if (j < len && p[j] == '^') {
        *unknown = 1;
        j++;
    }
    size_t first = j;
    int nested = 0, range = 0, other = 0;
    if (j < len && p[j] == ']') j++;
    while (j < len && p[j] != ']') {
        if (p[j] == '[' && j + 1 < len && (p[j + 1] == ':' || p[j + 1] == '.' || p[j + 1] == '=')) {
            unsigned char k = p[j + 1];
            size_t s = j + 2, e = s;
            while (e + 1 < len && !(p[e] == k && p[e + 1] == ']')) e++;
            if (e + 1 >= len) return len;
            if (k != ':' || e - s != 5 || memcmp(p + s, "digit", 5)) *unknown = 1;
            nested = 1;
            j = e + 2;
            continue;
        }
        int32_t c;
        size_t k = (size_t)sino_utf8_decode(p + j, len - j, &c);
        if (p[j] != ':') other = 1;
        if (j + k + 1 < len && p[j + k] == '-' && p[j + k + 1] != ']') {
            size_t e = j + k + 1;
            int32_t c2;
            size_t k2 = (size_t)sino_utf8_decode(p + e, len - e, &c2);
            if (!(c == c2 || (c >= '0' && c <= '9' && c2 >= '0' && c2 <= '9'))) *unknown = 1;
            range = 1;
            j = e + k2;
            continue;
        }
        if (p[j] == '-') range = 1;
        j += k;
    }
    if (j >= len) return len;
    if (!nested && !range && other && j - first >= 2 && p[first] == ':' && p[j - 1] == ':' &&
        !d->error)
        d->error = "character class syntax is [[:space:]], not [:space:]";
    return j + 1;
}

/* Read p[0..len) as grep's DFA does (see above). With relax, what the DFA
 * cannot do in UTF-8 is written as its superset (what grep's DFA filters
 * lines with before the library decides): a word anchor as nothing, a
 * back-reference, \w \W \s \S and an unknown bracket as ".*". */
static int dfa_read(const unsigned char *p, size_t len, int flags, int relax, struct dfa_read *d)
{
    enum { P_START, P_ATOM, P_ANCHOR, P_EMPTY };
    int basic = (flags & SINO_MATCH_BASIC) != 0, icase = (flags & SINO_MATCH_ICASE) != 0;
    int laststart = 1, prev = P_START, depth = 0;
    int unknown_prev = 0;   /* the last thing is one the DFA cannot do */
    int nunknown = 0;
    size_t anchor_at = 0;
    sino_pat_put(&d->out, "", 0);
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        /* a repetition operator: its length and lower bound */
        size_t oplen = 0;
        long min = 0, max = -1;
        int is_interval = 0, big = 0;
        if (c == '*') {
            oplen = 1;
        } else if (!basic && (c == '+' || c == '?')) {
            oplen = 1;
            min = c == '+';
        } else if (basic && c == '\\' && i + 1 < len && (p[i + 1] == '+' || p[i + 1] == '?')) {
            oplen = 2;
            min = p[i + 1] == '+';
        } else if (!basic && c == '{') {
            size_t k = interval(p, len, i + 1, 0, &min, &max, &big);
            if (k) oplen = 1 + k, is_interval = 1;
        } else if (basic && c == '\\' && i + 1 < len && p[i + 1] == '{' && !laststart) {
            size_t k = interval(p, len, i + 2, 1, &min, &max, &big);
            if (k) oplen = 2 + k, is_interval = 1;
        }
        if (oplen && basic && laststart) oplen = 0;   /* a literal there */
        if (oplen) {
            if (!basic && laststart)
                dfa_warn(d, c == '*' ? "* at start of expression"
                            : c == '+' ? "+ at start of expression"
                            : c == '?' ? "? at start of expression"
                                       : "{...} at start of expression");
            if (big && !d->error) d->error = "regular expression too big";
            if (prev == P_ATOM) {
                sino_pat_put(&d->out, p + i, oplen);
            } else if (prev == P_ANCHOR && min == 0) {
                d->out.n = anchor_at;   /* an optional anchor: nothing */
                if (d->out.s) d->out.s[d->out.n] = 0;
                prev = P_EMPTY;
            } else if (prev != P_ANCHOR) {
                prev = P_EMPTY;         /* the empty string repeated */
            }
            if (is_interval) laststart = 0;
            if (is_interval && max == 0 && unknown_prev) nunknown--;   /* x{0}: gone */
            unknown_prev = 0;
            i += oplen;
            continue;
        }
        /* anything else: what it is, and what is written for it */
        enum { T_ATOM, T_ANCHOR, T_OPEN, T_CLOSE, T_ALT } kind = T_ATOM;
        const void *w = p + i;
        size_t k = 1, wlen = 0;
        int unknown = 0;   /* the DFA cannot do it in UTF-8 */
        if (c == '\\' && i + 1 < len) {
            unsigned char e = p[i + 1];
            k = 2;
            if (basic && e == '(') kind = T_OPEN;
            else if (basic && e == ')') kind = T_CLOSE;
            else if (basic && e == '|') kind = T_ALT;
            else if (e == '<' || e == '>' || e == 'b' || e == 'B') kind = T_ANCHOR, unknown = 1;
            else if (e == '`' || e == '\'') kind = T_ANCHOR;
            else if ((e >= '1' && e <= '9') || e == 'w' || e == 'W' || e == 's' || e == 'S')
                unknown = 1;
            else if (e >= 0x80) {
                int32_t cp;
                k = 1 + (size_t)sino_utf8_decode(p + i + 1, len - i - 1, &cp);
            } else if (icase && ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z'))) {
                w = p + i + 1;   /* \a is a */
                wlen = 1;
            }
        } else if (c == '[') {
            k = dfa_bracket(d, p, len, i, &unknown) - i;
        } else if (!basic && c == '(') {
            kind = T_OPEN;
        } else if (!basic && c == ')') {
            kind = T_CLOSE;
        } else if (!basic && c == '|') {
            kind = T_ALT;
        } else if (c == '^') {
            if (!basic || prev == P_START) kind = T_ANCHOR;
        } else if (c == '$') {
            if (!basic || i + 1 == len ||
                (i + 2 < len && p[i + 1] == '\\' && (p[i + 2] == ')' || p[i + 2] == '|')))
                kind = T_ANCHOR;
        } else if (c == '{') {
            w = "\\{";   /* no interval: a literal */
        } else if (c >= 0x80) {
            int32_t cp;
            k = (size_t)sino_utf8_decode(p + i, len - i, &cp);
        }
        if (w == p + i) wlen = k;
        else if (c == '{') wlen = 2;
        if (kind == T_CLOSE && !basic && depth == 0) {
            kind = T_ATOM;                        /* a lone ')' is a literal */
            d->unmatched_close = 1;
        }
        if (kind == T_ATOM && !unknown && !(c == '.' && k == 1)) d->has_char = 1;
        unknown_prev = unknown;
        if (unknown) {
            nunknown++;
            if (relax) {
                w = kind == T_ANCHOR ? "" : ".*";
                wlen = kind == T_ANCHOR ? 0 : 2;
            }
        }
        if (kind == T_ANCHOR) anchor_at = d->out.n;
        sino_pat_put(&d->out, w, wlen);
        i += k;
        if (kind == T_OPEN) depth++;
        if (kind == T_CLOSE) depth--;
        if (kind == T_OPEN || kind == T_ALT) {
            prev = P_START;
            laststart = 1;
        } else if (kind == T_ANCHOR) {
            prev = P_ANCHOR;
        } else {
            prev = P_ATOM;
            laststart = 0;
        }
    }
    d->supported = nunknown == 0;
    return d->out.oom ? SINO_ERR_NOMEM : SINO_OK;
}

void sino_match_posix_free(sino_match_posix *re)
{
    if (!re) return;
    sino_match_posix_free(re->sel);
    re->buf.fastmap = NULL;
    regfree(&re->buf);
    free(re->regs.start);
    free(re->regs.end);
    if (re->loc) freelocale(re->loc);
    free(re);
}

/* The C library's regex for the pattern (folded), without grep's reading. */
static sino_match_posix *compile_regex(const char *pat, size_t len, int flags,
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

sino_match_posix *sino_match_posix_compile(const char *pat, size_t len, int flags,
                                           const sino_dict *variants, sino_error *err)
{
    sino_match_posix *re = compile_regex(pat, len, flags, variants, err);
    if (!re) return NULL;
    /* then grep's DFA parses it: its warnings and errors come after the
     * library's errors */
    struct dfa_read d = {0};
    int st = dfa_read((const unsigned char *)pat, len, flags, 0, &d);
    if (st == SINO_OK && d.error) {
        sino_fail(err, SINO_ERR_USAGE, "%s", d.error);
        free(d.out.s);
        sino_match_posix_free(re);
        return NULL;
    }
    memcpy(re->warn, d.warn, sizeof d.warn);
    re->nwarn = d.nwarn;
    re->dfa_ok = d.supported;
    re->has_char = d.has_char;
    int around = (flags & (SINO_MATCH_LINE | SINO_MATCH_WORD)) != 0;
    int basic = (flags & SINO_MATCH_BASIC) != 0;
    if (st == SINO_OK && ((d.out.n != len || memcmp(d.out.s, pat, len)) ||
                          (d.unmatched_close && around))) {
        if (!d.supported) {   /* the DFA's superset filters the lines */
            free(d.out.s);
            memset(&d, 0, sizeof d);
            st = dfa_read((const unsigned char *)pat, len, flags, 1, &d);
        }
        /* -x and -w: grep's DFA reads the pattern inside a group of its own */
        struct sino_pat_buf w = {0};
        if (flags & SINO_MATCH_LINE) sino_pat_put(&w, basic ? "^\\(" : "^(", basic ? 3 : 2);
        else if (around) sino_pat_put(&w, basic ? "\\(" : "(", basic ? 2 : 1);
        sino_pat_put(&w, d.out.s, d.out.n);
        if (flags & SINO_MATCH_LINE) sino_pat_put(&w, basic ? "\\)$" : ")$", basic ? 3 : 2);
        else if (around) sino_pat_put(&w, basic ? "\\)" : ")", basic ? 2 : 1);
        sino_error e2;
        sino_error_clear(&e2);
        if (st == SINO_OK && !w.oom) {
            re->sel = compile_regex(w.s, w.n, flags, variants, &e2);
            /* (a reading the library cannot compile: the library's own) */
            if (!re->sel && e2.code == SINO_ERR_NOMEM) st = SINO_ERR_NOMEM;
        } else {
            st = SINO_ERR_NOMEM;
        }
        free(w.s);
    }
    free(d.out.s);
    if (st != SINO_OK) {
        sino_match_posix_free(re);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    }
    return re;
}

int sino_match_posix_dfa_ok(const sino_match_posix *re)
{
    return re->dfa_ok;
}

int sino_match_posix_has_char(const sino_match_posix *re)
{
    return re->has_char;
}

sino_match_posix *sino_match_posix_sel(const sino_match_posix *re)
{
    return re->sel;
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
