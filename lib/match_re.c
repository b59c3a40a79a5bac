/* match_re.c - POSIX extended regular expressions over code points, with
 * sgrep's folding applied to literal characters and bracket expressions.
 * Parsed into a tree, compiled to a small program and run by a Pike VM
 * (Thompson NFA simulation): linear in the text, leftmost-longest. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "sino_match.h"
#include "match_int.h"

#define MAX_CLASS 24
#define MAX_REPEAT 255
#define MAX_PROG 100000

enum { CC_ALPHA = 1, CC_DIGIT = 2, CC_SPACE = 4, CC_UPPER = 8, CC_LOWER = 16,
       CC_ALNUM = 32, CC_PUNCT = 64, CC_XDIGIT = 128, CC_BLANK = 256,
       CC_CNTRL = 512, CC_PRINT = 1024, CC_GRAPH = 2048, CC_WORD = 4096 };

struct cset {
    uint32_t (*r)[2];      /* ranges of code points */
    size_t n, cap;
    int neg, classes;
};

enum { N_EMPTY, N_SET, N_ANY, N_BOL, N_EOL, N_CAT, N_ALT, N_REP, N_ASSERT };

struct node {
    int type;
    struct node *a, *b;
    int min, max;          /* N_REP; max < 0 = unbounded */
    size_t set;            /* N_SET: index into sets */
};

enum { I_SET, I_ANY, I_BOL, I_EOL, I_SPLIT, I_JMP, I_MATCH, I_WORDB, I_NWORDB, I_BOW, I_EOW };

struct inst {
    int op;
    int x, y;              /* jump targets; x = set index for I_SET */
};

struct sino_match_re {
    int flags;
    uint32_t req[24];      /* a match contains one of these (folded) */
    int nreq;
    int has_wb;            /* uses \\b \\B \\< \\> */
    struct cset *sets;
    size_t nsets, capsets;
    struct inst *prog;
    size_t nprog, capprog;
    /* VM scratch */
    int *clist, *nlist;
    size_t *cstart, *nstart;
    unsigned *mark;
    int *stack;
    unsigned gen;
};

struct parser {
    const unsigned char *s;
    size_t len, i;
    sino_match_re *re;
    const sino_dict *variants;
    sino_error *err;
    struct node **nodes;   /* every node, for freeing */
    size_t nnodes, capnodes;
    int depth;
};

static struct node *mk(struct parser *p, int type)
{
    if (p->nnodes == p->capnodes) {
        size_t cap = p->capnodes ? 2 * p->capnodes : 64;
        struct node **n = realloc(p->nodes, cap * sizeof *n);
        if (!n) return sino_fail(p->err, SINO_ERR_NOMEM, "out of memory"), NULL;
        p->nodes = n;
        p->capnodes = cap;
    }
    struct node *n = calloc(1, sizeof *n);
    if (!n) return sino_fail(p->err, SINO_ERR_NOMEM, "out of memory"), NULL;
    n->type = type;
    p->nodes[p->nnodes++] = n;
    return n;
}

static long new_set(struct parser *p)
{
    sino_match_re *re = p->re;
    if (re->nsets == re->capsets) {
        size_t cap = re->capsets ? 2 * re->capsets : 16;
        struct cset *s = realloc(re->sets, cap * sizeof *s);
        if (!s) return sino_fail(p->err, SINO_ERR_NOMEM, "out of memory");
        re->sets = s;
        re->capsets = cap;
    }
    memset(&re->sets[re->nsets], 0, sizeof re->sets[0]);
    return (long)re->nsets++;
}

static int set_add(struct parser *p, size_t si, uint32_t lo, uint32_t hi)
{
    struct cset *s = &p->re->sets[si];
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        uint32_t (*r)[2] = realloc(s->r, cap * sizeof *r);
        if (!r) return sino_fail(p->err, SINO_ERR_NOMEM, "out of memory");
        s->r = r;
        s->cap = cap;
    }
    s->r[s->n][0] = lo;
    s->r[s->n][1] = hi;
    s->n++;
    return SINO_OK;
}

/* A literal character: its whole folded class. */
static int set_add_char(struct parser *p, size_t si, uint32_t c)
{
    uint32_t cls[MAX_CLASS];
    int n = sino_match_char_class(p->variants, p->re->flags, c, cls, MAX_CLASS);
    for (int i = 0; i < n; i++)
        if (set_add(p, si, cls[i], cls[i]) != SINO_OK) return p->err->code;
    return SINO_OK;
}

static int next_cp(struct parser *p, uint32_t *c)
{
    int32_t cp;
    int k = sino_utf8_decode(p->s + p->i, p->len - p->i, &cp);
    if (cp < 0) return sino_fail(p->err, SINO_ERR_USAGE, "invalid UTF-8 in pattern");
    p->i += (size_t)k;
    *c = (uint32_t)cp;
    return SINO_OK;
}

static int class_bit(const char *name, size_t n)
{
    static const struct { const char *name; int bit; } names[] = {
        {"alpha", CC_ALPHA}, {"digit", CC_DIGIT}, {"space", CC_SPACE},
        {"upper", CC_UPPER}, {"lower", CC_LOWER}, {"alnum", CC_ALNUM},
        {"punct", CC_PUNCT}, {"xdigit", CC_XDIGIT}, {"blank", CC_BLANK},
        {"cntrl", CC_CNTRL}, {"print", CC_PRINT}, {"graph", CC_GRAPH}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && !memcmp(names[i].name, name, n)) return names[i].bit;
    return 0;
}

static struct node *parse_bracket(struct parser *p)
{
    long si = new_set(p);
    if (si < 0) return NULL;
    struct node *n = mk(p, N_SET);
    if (!n) return NULL;
    n->set = (size_t)si;
    if (p->i < p->len && p->s[p->i] == '^') {
        p->re->sets[si].neg = 1;
        p->i++;
    }
    int first = 1;
    for (;;) {
        if (p->i >= p->len) return sino_fail(p->err, SINO_ERR_USAGE, "unmatched [, [^, [:, [., or [="), NULL;
        if (p->s[p->i] == ']' && !first) {
            p->i++;
            break;
        }
        first = 0;
        if (p->s[p->i] == '[' && p->i + 1 < p->len && p->s[p->i + 1] == ':') {
            const unsigned char *end = NULL;
            for (size_t k = p->i + 2; k + 1 < p->len; k++)
                if (p->s[k] == ':' && p->s[k + 1] == ']') {
                    end = p->s + k;
                    break;
                }
            int bit = end ? class_bit((const char *)p->s + p->i + 2,
                                      (size_t)(end - (p->s + p->i + 2))) : 0;
            if (!bit) return sino_fail(p->err, SINO_ERR_USAGE, "invalid character class"), NULL;
            p->re->sets[si].classes |= bit;
            p->i = (size_t)(end - p->s) + 2;
            continue;
        }
        uint32_t lo;
        if (next_cp(p, &lo) != SINO_OK) return NULL;
        if (p->i + 1 < p->len && p->s[p->i] == '-' && p->s[p->i + 1] != ']') {
            p->i++;
            uint32_t hi;
            if (next_cp(p, &hi) != SINO_OK) return NULL;
            if (hi < lo) return sino_fail(p->err, SINO_ERR_USAGE, "invalid range end"), NULL;
            if (set_add(p, (size_t)si, lo, hi) != SINO_OK) return NULL;
        } else if (set_add_char(p, (size_t)si, lo) != SINO_OK) {
            return NULL;
        }
    }
    return n;
}

static struct node *parse_alt(struct parser *p);

static struct node *set_node(struct parser *p, int classes, int neg, uint32_t c, int is_char)
{
    long si = new_set(p);
    if (si < 0) return NULL;
    struct node *n = mk(p, N_SET);
    if (!n) return NULL;
    n->set = (size_t)si;
    p->re->sets[si].classes = classes;
    p->re->sets[si].neg = neg;
    if (is_char && set_add_char(p, (size_t)si, c) != SINO_OK) return NULL;
    return n;
}

static struct node *parse_atom(struct parser *p)
{
    unsigned char c = p->s[p->i];
    if (c == '(') {
        p->i++;
        if (++p->depth > 200) return sino_fail(p->err, SINO_ERR_USAGE, "regular expression too deeply nested"), NULL;
        struct node *n = parse_alt(p);
        p->depth--;
        if (!n) return NULL;
        if (p->i >= p->len || p->s[p->i] != ')')
            return sino_fail(p->err, SINO_ERR_USAGE, "unmatched ( or \\("), NULL;
        p->i++;
        return n;
    }
    if (c == '[') {
        p->i++;
        return parse_bracket(p);
    }
    if (c == '.') {
        p->i++;
        return mk(p, N_ANY);
    }
    if (c == '^') {
        p->i++;
        return mk(p, N_BOL);
    }
    if (c == '$') {
        p->i++;
        return mk(p, N_EOL);
    }
    if (c == '\\') {
        if (p->i + 1 >= p->len) return sino_fail(p->err, SINO_ERR_USAGE, "trailing backslash (\\)"), NULL;
        unsigned char e = p->s[p->i + 1];
        p->i += 2;
        switch (e) {
        case 'w': return set_node(p, CC_WORD, 0, 0, 0);
        case 'W': return set_node(p, CC_WORD, 1, 0, 0);
        case 's': return set_node(p, CC_SPACE, 0, 0, 0);
        case 'b': case 'B': case '<': case '>': {
            struct node *a = mk(p, N_ASSERT);
            if (a) a->min = e == 'b' ? I_WORDB : e == 'B' ? I_NWORDB : e == '<' ? I_BOW : I_EOW;
            return a;
        }
        case 'S': return set_node(p, CC_SPACE, 1, 0, 0);
        default:
            if (e >= '1' && e <= '9')
                return sino_fail(p->err, SINO_ERR_USAGE, "back-references are not supported"), NULL;
            if (e >= 0x80) {
                p->i--;
                uint32_t cp;
                if (next_cp(p, &cp) != SINO_OK) return NULL;
                return set_node(p, 0, 0, cp, 1);
            }
            return set_node(p, 0, 0, e, 1);
        }
    }
    uint32_t cp;
    if (next_cp(p, &cp) != SINO_OK) return NULL;
    return set_node(p, 0, 0, cp, 1);
}

/* {m}, {m,}, {m,n}, {,n} at p->i (after '{'); 0 when not a valid bound. */
static int parse_bound(struct parser *p, int *min, int *max)
{
    size_t i = p->i;
    long a = -1, b;
    if (i < p->len && p->s[i] >= '0' && p->s[i] <= '9') {
        a = 0;
        while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9' && a <= 100000) a = a * 10 + (p->s[i++] - '0');
    }
    if (i < p->len && p->s[i] == '}') {
        if (a < 0) return 0;
        b = a;
    } else if (i < p->len && p->s[i] == ',') {
        i++;
        b = -1;
        if (i < p->len && p->s[i] >= '0' && p->s[i] <= '9') {
            b = 0;
            while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9' && b <= 100000) b = b * 10 + (p->s[i++] - '0');
        }
        if (i >= p->len || p->s[i] != '}') return 0;
        if (a < 0) a = 0;
    } else {
        return 0;
    }
    p->i = i + 1;
    *min = (int)a;
    *max = (int)b;
    return 1;
}

static struct node *parse_cat(struct parser *p)
{
    struct node *left = NULL;
    while (p->i < p->len && p->s[p->i] != '|' && !(p->s[p->i] == ')' && p->depth > 0)) {
        struct node *atom;
        unsigned char c = p->s[p->i];
        if (!left && (c == '*' || c == '+' || c == '?')) {   /* leading: literal */
            p->i++;
            atom = set_node(p, 0, 0, c, 1);
        } else {
            atom = parse_atom(p);
        }
        if (!atom) return NULL;
        while (p->i < p->len) {
            c = p->s[p->i];
            int min, max;
            if (c == '*') { min = 0; max = -1; p->i++; }
            else if (c == '+') { min = 1; max = -1; p->i++; }
            else if (c == '?') { min = 0; max = 1; p->i++; }
            else if (c == '{') {
                p->i++;
                if (!parse_bound(p, &min, &max)) {
                    p->i--;
                    break;
                }
                if ((max >= 0 && max < min))
                    return sino_fail(p->err, SINO_ERR_USAGE, "invalid content of \\{\\}"), NULL;
                if (min > MAX_REPEAT || max > MAX_REPEAT)
                    return sino_fail(p->err, SINO_ERR_USAGE, "regular expression too big"), NULL;
            } else {
                break;
            }
            struct node *r = mk(p, N_REP);
            if (!r) return NULL;
            r->a = atom;
            r->min = min;
            r->max = max;
            atom = r;
        }
        if (!left) {
            left = atom;
        } else {
            struct node *cat = mk(p, N_CAT);
            if (!cat) return NULL;
            cat->a = left;
            cat->b = atom;
            left = cat;
        }
    }
    return left ? left : mk(p, N_EMPTY);
}

static struct node *parse_alt(struct parser *p)
{
    struct node *left = parse_cat(p);
    if (!left) return NULL;
    while (p->i < p->len && p->s[p->i] == '|') {
        p->i++;
        struct node *right = parse_cat(p);
        if (!right) return NULL;
        struct node *alt = mk(p, N_ALT);
        if (!alt) return NULL;
        alt->a = left;
        alt->b = right;
        left = alt;
    }
    return left;
}

/* ---- a required character, for the search's prefilter ---- */

/* Candidate sets a match of n must contain one of; keeps the smallest. */
static void required(sino_match_re *re, const struct node *n, int *best)
{
    if (!n) return;
    if (n->type == N_CAT) {
        required(re, n->a, best);
        required(re, n->b, best);
    } else if (n->type == N_REP && n->min >= 1) {
        required(re, n->a, best);
    } else if (n->type == N_SET) {
        const struct cset *c = &re->sets[n->set];
        if (c->neg || c->classes || c->n == 0) return;
        uint64_t count = 0;
        for (size_t i = 0; i < c->n; i++) count += (uint64_t)c->r[i][1] - c->r[i][0] + 1;
        if (count > 24 || (*best >= 0 && (int)count >= *best)) return;
        /* prefer characters outside ASCII: rarer in Chinese text */
        if (*best >= 0 && c->r[0][0] < 128 && re->req[0] >= 128) return;
        re->nreq = 0;
        for (size_t i = 0; i < c->n; i++)
            for (uint32_t x = c->r[i][0]; x <= c->r[i][1]; x++) re->req[re->nreq++] = x;
        *best = (int)count;
    }
}

int sino_match_re_required(const sino_match_re *re, uint32_t *out, int max)
{
    int n = re->nreq < max ? re->nreq : max;
    for (int i = 0; i < n; i++) out[i] = re->req[i];
    return n;
}

/* ---- code generation ---- */

static int emit(sino_match_re *re, sino_error *err, int op, int x, int y)
{
    if (re->nprog >= MAX_PROG) return sino_fail(err, SINO_ERR_USAGE, "regular expression too big");
    if (re->nprog == re->capprog) {
        size_t cap = re->capprog ? 2 * re->capprog : 64;
        struct inst *n = realloc(re->prog, cap * sizeof *n);
        if (!n) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        re->prog = n;
        re->capprog = cap;
    }
    re->prog[re->nprog].op = op;
    re->prog[re->nprog].x = x;
    re->prog[re->nprog].y = y;
    re->nprog++;
    return (int)re->nprog - 1;
}

static int gen(sino_match_re *re, const struct node *n, sino_error *err)
{
    int r = 0, at;
    switch (n->type) {
    case N_EMPTY: return SINO_OK;
    case N_SET: r = emit(re, err, I_SET, (int)n->set, 0); break;
    case N_ANY: r = emit(re, err, I_ANY, 0, 0); break;
    case N_BOL: r = emit(re, err, I_BOL, 0, 0); break;
    case N_EOL: r = emit(re, err, I_EOL, 0, 0); break;
    case N_ASSERT:
        re->has_wb = 1;
        r = emit(re, err, n->min, 0, 0);
        break;
    case N_CAT:
        r = gen(re, n->a, err);
        if (r >= 0) r = gen(re, n->b, err);
        break;
    case N_ALT:
        at = emit(re, err, I_SPLIT, 0, 0);
        if (at < 0) return at;
        re->prog[at].x = (int)re->nprog;
        if ((r = gen(re, n->a, err)) < 0) return r;
        int j = emit(re, err, I_JMP, 0, 0);
        if (j < 0) return j;
        re->prog[at].y = (int)re->nprog;
        if ((r = gen(re, n->b, err)) < 0) return r;
        re->prog[j].x = (int)re->nprog;
        return SINO_OK;
    case N_REP:
        for (int i = 0; i < n->min; i++)
            if ((r = gen(re, n->a, err)) < 0) return r;
        if (n->max < 0) {
            at = emit(re, err, I_SPLIT, 0, 0);
            if (at < 0) return at;
            re->prog[at].x = (int)re->nprog;
            if ((r = gen(re, n->a, err)) < 0) return r;
            if ((r = emit(re, err, I_JMP, at, 0)) < 0) return r;
            re->prog[at].y = (int)re->nprog;
        } else {
            int opt[MAX_REPEAT + 1];
            int k = n->max - n->min;
            for (int i = 0; i < k; i++) {
                at = emit(re, err, I_SPLIT, 0, 0);
                if (at < 0) return at;
                opt[i] = at;
                re->prog[at].x = (int)re->nprog;
                if ((r = gen(re, n->a, err)) < 0) return r;
            }
            for (int i = 0; i < k; i++) re->prog[opt[i]].y = (int)re->nprog;
        }
        return SINO_OK;
    }
    return r < 0 ? r : SINO_OK;
}

void sino_match_re_free(sino_match_re *re)
{
    if (!re) return;
    for (size_t i = 0; i < re->nsets; i++) free(re->sets[i].r);
    free(re->sets);
    free(re->prog);
    free(re->clist);
    free(re->nlist);
    free(re->cstart);
    free(re->nstart);
    free(re->mark);
    free(re->stack);
    free(re);
}

sino_match_re *sino_match_re_compile(const char *pat, size_t len, int flags,
                                     const sino_dict *variants, sino_error *err)
{
    sino_match_re *re = calloc(1, sizeof *re);
    if (!re) return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    re->flags = flags;
    struct parser p = {(const unsigned char *)pat, len, 0, re, variants, err, NULL, 0, 0, 0};
    struct node *root = parse_alt(&p);
    if (root && p.i < p.len) {   /* a ')' without '(' at top level: literal in ERE */
        root = NULL;
        sino_fail(err, SINO_ERR_USAGE, "unmatched ) or \\)");
    }
    int st = root ? SINO_OK : SINO_ERR_USAGE;
    if (root && (flags & SINO_MATCH_LINE)) st = emit(re, err, I_BOL, 0, 0);
    if (root && st >= 0) st = gen(re, root, err);
    if (root && st >= 0 && (flags & SINO_MATCH_LINE)) st = emit(re, err, I_EOL, 0, 0);
    if (root && st >= 0) st = emit(re, err, I_MATCH, 0, 0);
    if (root && st >= 0 && !(flags & SINO_MATCH_ICASE)) {
        int best = -1;
        required(re, root, &best);
    }
    for (size_t i = 0; i < p.nnodes; i++) free(p.nodes[i]);
    free(p.nodes);
    if (!root || st < 0) {
        if (!err->code) sino_fail(err, SINO_ERR_USAGE, "invalid regular expression");
        sino_match_re_free(re);
        return NULL;
    }
    size_t n = re->nprog;
    re->clist = malloc(n * sizeof *re->clist);
    re->nlist = malloc(n * sizeof *re->nlist);
    re->cstart = malloc(n * sizeof *re->cstart);
    re->nstart = malloc(n * sizeof *re->nstart);
    re->mark = calloc(n, sizeof *re->mark);
    re->stack = malloc(n * sizeof *re->stack);
    if (!re->clist || !re->nlist || !re->cstart || !re->nstart || !re->mark || !re->stack) {
        sino_match_re_free(re);
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    return re;
}

/* ---- matching ---- */

static int in_classes(int classes, uint32_t c, int icase)
{
    if ((classes & CC_DIGIT) && c >= '0' && c <= '9') return 1;
    if ((classes & CC_XDIGIT) && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return 1;
    if ((classes & CC_SPACE) && sino_is_space(c)) return 1;
    if ((classes & CC_BLANK) && (c == ' ' || c == '\t' || c == 0x3000)) return 1;
    if ((classes & CC_CNTRL) && (c < 32 || c == 127)) return 1;
    if (!(classes & (CC_ALPHA | CC_UPPER | CC_LOWER | CC_ALNUM | CC_PUNCT | CC_PRINT | CC_GRAPH | CC_WORD)))
        return 0;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
    int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
    int number = cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
    if ((classes & CC_ALPHA) && letter) return 1;
    if ((classes & (CC_ALNUM | CC_WORD)) && (letter || number)) return 1;
    if ((classes & CC_WORD) && c == '_') return 1;
    if ((classes & CC_UPPER) && (cat == UTF8PROC_CATEGORY_LU || (icase && cat == UTF8PROC_CATEGORY_LL))) return 1;
    if ((classes & CC_LOWER) && (cat == UTF8PROC_CATEGORY_LL || (icase && cat == UTF8PROC_CATEGORY_LU))) return 1;
    int punct = (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) ||
                (cat >= UTF8PROC_CATEGORY_SM && cat <= UTF8PROC_CATEGORY_SO);
    if ((classes & CC_PUNCT) && punct) return 1;
    int graph = letter || number || punct || (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
    if ((classes & CC_GRAPH) && graph) return 1;
    if ((classes & CC_PRINT) && (graph || c == ' ' || cat == UTF8PROC_CATEGORY_ZS)) return 1;
    return 0;
}

static int set_match(const sino_match_re *re, const struct cset *s, uint32_t raw, uint32_t folded)
{
    int hit = 0;
    for (size_t i = 0; i < s->n && !hit; i++)
        if ((folded >= s->r[i][0] && folded <= s->r[i][1]) ||
            (raw >= s->r[i][0] && raw <= s->r[i][1]))
            hit = 1;
    if (!hit && (re->flags & SINO_MATCH_ICASE) && s->n) {
        uint32_t up = folded < 128 ? (folded >= 'a' && folded <= 'z' ? folded - 32 : folded)
                                   : (uint32_t)utf8proc_toupper((utf8proc_int32_t)folded);
        for (size_t i = 0; i < s->n && !hit; i++)
            if (up >= s->r[i][0] && up <= s->r[i][1]) hit = 1;
    }
    if (!hit && s->classes)
        hit = in_classes(s->classes, folded, (re->flags & SINO_MATCH_ICASE) != 0) ||
              in_classes(s->classes, raw, (re->flags & SINO_MATCH_ICASE) != 0);
    return s->neg ? !hit : hit;
}

/* Add pc (and what it reaches without consuming) to the list. */
static void add_thread(sino_match_re *re, int *list, size_t *starts, size_t *n,
                       int pc, size_t start, size_t pos, size_t len, int wb)
{
    int before = wb & 1, after = (wb >> 1) & 1;
    int sp = 0;
    re->stack[sp++] = pc;
    while (sp > 0) {
        int q = re->stack[--sp];
        if (re->mark[q] == re->gen) continue;
        re->mark[q] = re->gen;
        const struct inst *in = &re->prog[q];
        switch (in->op) {
        case I_JMP: re->stack[sp++] = in->x; break;
        case I_SPLIT:   /* x has priority: pushed last, popped first */
            re->stack[sp++] = in->y;
            re->stack[sp++] = in->x;
            break;
        case I_BOL: if (pos == 0) re->stack[sp++] = q + 1; break;
        case I_EOL: if (pos == len) re->stack[sp++] = q + 1; break;
        case I_WORDB: if (before != after) re->stack[sp++] = q + 1; break;
        case I_NWORDB: if (before == after) re->stack[sp++] = q + 1; break;
        case I_BOW: if (!before && after) re->stack[sp++] = q + 1; break;
        case I_EOW: if (before && !after) re->stack[sp++] = q + 1; break;
        default:
            list[*n] = q;
            starts[*n] = start;
            (*n)++;
        }
    }
}

static int is_word_at(const unsigned char *s, size_t len, size_t pos)
{
    if (pos >= len) return 0;
    int32_t c;
    sino_utf8_decode(s + pos, len - pos, &c);
    return c >= 0 && in_classes(CC_WORD, (uint32_t)c, 0);
}

static int is_word_before(const unsigned char *s, size_t len, size_t pos)
{
    if (pos == 0) return 0;
    return is_word_at(s, len, sino_utf8_char_start(s, pos - 1));
}

/* Word flags around pos for \b \< \>: bit 0 before, bit 1 after. */
static int word_flags(const unsigned char *s, size_t len, size_t pos)
{
    return is_word_before(s, len, pos) | (is_word_at(s, len, pos) << 1);
}

int sino_match_re_find(sino_match_re *re, const unsigned char *s, size_t len,
                       size_t from, size_t *ms, size_t *me)
{
    size_t nc = 0;
    int matched = 0;
    size_t best_s = 0, best_e = 0;
    size_t pos = from;
    if (++re->gen == 0) {
        memset(re->mark, 0, re->nprog * sizeof *re->mark);
        re->gen = 1;
    }
    for (;;) {
        int wb = re->has_wb ? word_flags(s, len, pos) : 0;
        if (!matched) add_thread(re, re->clist, re->cstart, &nc, 0, pos, pos, len, wb);
        if (nc == 0) {
            if (matched || pos >= len) break;
            /* skip to the next character */
            int32_t c;
            pos += (size_t)sino_utf8_decode(s + pos, len - pos, &c);
            if (++re->gen == 0) {
                memset(re->mark, 0, re->nprog * sizeof *re->mark);
                re->gen = 1;
            }
            continue;
        }
        uint32_t raw = 0, folded = 0;
        size_t k = 0;
        if (pos < len) {
            int32_t c;
            k = (size_t)sino_utf8_decode(s + pos, len - pos, &c);
            raw = c < 0 ? SINO_REPLACEMENT_CHAR : (uint32_t)c;
            folded = sino_match_fold_cp(raw, re->flags);
        }
        if (++re->gen == 0) {
            memset(re->mark, 0, re->nprog * sizeof *re->mark);
            re->gen = 1;
        }
        size_t nn = 0;
        int wbn = -1;
        for (size_t i = 0; i < nc; i++) {
            const struct inst *in = &re->prog[re->clist[i]];
            size_t st = re->cstart[i];
            if (matched && st > best_s) break;
            if (in->op == I_MATCH) {
                if (!matched || st < best_s || (st == best_s && pos > best_e)) {
                    matched = 1;
                    best_s = st;
                    best_e = pos;
                }
                continue;
            }
            if (pos >= len) continue;
            int ok = in->op == I_ANY ? raw != '\n'
                                     : set_match(re, &re->sets[in->x], raw, folded);
            if (ok) {
                if (wbn < 0) wbn = re->has_wb ? word_flags(s, len, pos + k) : 0;
                add_thread(re, re->nlist, re->nstart, &nn, re->clist[i] + 1, st, pos + k, len, wbn);
            }
        }
        int *tl = re->clist;
        re->clist = re->nlist;
        re->nlist = tl;
        size_t *ts = re->cstart;
        re->cstart = re->nstart;
        re->nstart = ts;
        nc = nn;
        if (pos >= len) break;
        pos += k;
    }
    if (!matched) return 0;
    *ms = best_s;
    *me = best_e;
    return 1;
}
