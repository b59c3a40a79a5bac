/* conv.c - OpenCC-compatible Simplified/Traditional conversion over sino's
 * compiled dictionaries (see sino_conv.h for the algorithm). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino_conv.h"
#include "sino_data.h"
#include "sino_io.h"

#define MAX_GROUP 3
#define MAX_STEPS 3

/* The tables, in the order of enum below; files are opencc-NAME.sdict. */
enum {
    T_HKVariants, T_HKVariantsRev, T_HKVariantsRevPhrases,
    T_JPShinjitaiCharacters, T_JPShinjitaiPhrases, T_JPVariants, T_JPVariantsRev,
    T_STCharacters, T_STPhrases, T_TSCharacters, T_TSPhrases,
    T_TWPhrases, T_TWPhrasesRev, T_TWVariants, T_TWVariantsRev,
    T_TWVariantsRevPhrases, T_COUNT, T_NONE = -1
};

static const char *const table_names[T_COUNT] = {
    "HKVariants", "HKVariantsRev", "HKVariantsRevPhrases",
    "JPShinjitaiCharacters", "JPShinjitaiPhrases", "JPVariants", "JPVariantsRev",
    "STCharacters", "STPhrases", "TSCharacters", "TSPhrases",
    "TWPhrases", "TWPhrasesRev", "TWVariants", "TWVariantsRev",
    "TWVariantsRevPhrases"};

struct config_def {
    const char *name;
    int seg;
    int steps[MAX_STEPS][MAX_GROUP];   /* T_NONE-terminated groups */
    int n_steps;
};

#define N T_NONE
/* Transcribed from /usr/share/opencc/NAME.json (OpenCC 1.1.6). */
static const struct config_def configs[] = {
    {"s2t", T_STPhrases, {{T_STPhrases, T_STCharacters, N}}, 1},
    {"t2s", T_TSPhrases, {{T_TSPhrases, T_TSCharacters, N}}, 1},
    {"s2tw", T_STPhrases, {{T_STPhrases, T_STCharacters, N}, {T_TWVariants, N, N}}, 2},
    {"tw2s", T_TSPhrases,
     {{T_TWVariantsRevPhrases, T_TWVariantsRev, N}, {T_TSPhrases, T_TSCharacters, N}}, 2},
    {"s2twp", T_STPhrases,
     {{T_STPhrases, T_STCharacters, N}, {T_TWPhrases, N, N}, {T_TWVariants, N, N}}, 3},
    {"tw2sp", T_TSPhrases,
     {{T_TWPhrasesRev, T_TWVariantsRevPhrases, T_TWVariantsRev},
      {T_TSPhrases, T_TSCharacters, N}}, 2},
    {"s2hk", T_STPhrases, {{T_STPhrases, T_STCharacters, N}, {T_HKVariants, N, N}}, 2},
    {"hk2s", T_TSPhrases,
     {{T_HKVariantsRevPhrases, T_HKVariantsRev, N}, {T_TSPhrases, T_TSCharacters, N}}, 2},
    {"t2tw", T_TWVariants, {{T_TWVariants, N, N}}, 1},
    {"tw2t", T_TWVariantsRevPhrases, {{T_TWVariantsRevPhrases, T_TWVariantsRev, N}}, 1},
    {"t2hk", T_HKVariants, {{T_HKVariants, N, N}}, 1},
    {"hk2t", T_HKVariantsRevPhrases, {{T_HKVariantsRevPhrases, T_HKVariantsRev, N}}, 1},
    {"t2jp", T_JPVariants, {{T_JPVariants, N, N}}, 1},
    {"jp2t", T_JPShinjitaiPhrases,
     {{T_JPShinjitaiPhrases, T_JPShinjitaiCharacters, T_JPVariantsRev}}, 1},
};
#undef N
#define N_CONFIGS (sizeof configs / sizeof configs[0])

const char *const sino_conv_configs[] = {
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s",
    "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t", NULL};

struct sino_conv {
    const struct config_def *def;
    sino_dict *tables[T_COUNT];
    sino_dict *keychars;   /* every character that occurs in some key */
    sino_dict *user;       /* user phrases, or NULL */
    sino_conv_bounds_fn bounds_fn;
    void *bounds_ctx;
};

static size_t char_len(unsigned char c)
{
    if (c < 0x80) return 1;
    if (c < 0xC0) return 1;   /* stray continuation byte: one at a time */
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

static sino_dict *open_table(const char *name, const char *kind, sino_error *err)
{
    char file[64];
    snprintf(file, sizeof file, "opencc-%s.sdict", name);
    return sino_data_open_dict(file, kind, err);
}

sino_conv *sino_conv_open(const char *name, sino_error *err)
{
    char base[32];
    size_t len = strlen(name);
    if (len > 5 && !strcmp(name + len - 5, ".json")) len -= 5;
    if (len >= sizeof base) len = sizeof base - 1;
    memcpy(base, name, len);
    base[len] = 0;
    const struct config_def *def = NULL;
    for (size_t i = 0; i < N_CONFIGS; i++)
        if (!strcmp(configs[i].name, base)) def = &configs[i];
    if (!def) {
        sino_fail(err, SINO_ERR_USAGE, "unknown configuration '%s'", name);
        return NULL;
    }
    sino_conv *c = calloc(1, sizeof *c);
    if (!c) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->def = def;
    int need[T_COUNT] = {0};
    need[def->seg] = 1;
    for (int s = 0; s < def->n_steps; s++)
        for (int g = 0; g < MAX_GROUP && def->steps[s][g] != T_NONE; g++)
            need[def->steps[s][g]] = 1;
    for (int t = 0; t < T_COUNT; t++) {
        if (!need[t]) continue;
        c->tables[t] = open_table(table_names[t], SINO_CONV_KIND, err);
        if (!c->tables[t]) {
            sino_conv_close(c);
            return NULL;
        }
    }
    c->keychars = open_table("keychars", "opencc-keychars", err);
    if (!c->keychars) {
        sino_conv_close(c);
        return NULL;
    }
    return c;
}

void sino_conv_close(sino_conv *c)
{
    if (!c) return;
    for (int t = 0; t < T_COUNT; t++) sino_dict_close(c->tables[t]);
    sino_dict_close(c->keychars);
    sino_dict_close(c->user);
    free(c);
}

const char *sino_conv_name(const sino_conv *c) { return c->def->name; }

void sino_conv_set_bounds(sino_conv *c, sino_conv_bounds_fn fn, void *ctx)
{
    c->bounds_fn = fn;
    c->bounds_ctx = ctx;
}

int sino_conv_add_user_dict(sino_conv *c, const char *path, sino_error *err)
{
    sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_FAIL, 0};
    sino_reader *r = sino_reader_open(path, &ro, err);
    if (!r) return err->code;
    sino_dict_builder *b = sino_dict_builder_new();
    if (!b) {
        sino_reader_close(r);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    int st = sino_dict_builder_add_tsv(b, r, 0, err);
    sino_reader_close(r);
    if (st == SINO_OK) {
        sino_dict *d = sino_dict_builder_to_dict(b, "opencc-user", NULL, err);
        if (!d) st = err->code;
        else {
            sino_dict_close(c->user);
            c->user = d;
        }
    }
    sino_dict_builder_free(b);
    return st;
}

/* ---- matching ---- */

/* Longest match of the group at s[0..n): the first table of the group that
 * has a key starting here wins (OpenCC's DictGroup). limit caps the length
 * (word-aware mode); returns the key length, 0 if none. */
static size_t group_match(const sino_conv *c, const int *group, const char *s,
                          size_t n, sino_dict_value *v)
{
    for (int g = 0; g < MAX_GROUP && group[g] != T_NONE; g++) {
        size_t len = sino_dict_longest(c->tables[group[g]], s, n, v);
        if (len) return len;
    }
    return 0;
}

static void first_value(const sino_dict_value *v, const char **p, size_t *n)
{
    const char *sp = memchr(v->str, ' ', v->len);
    *p = v->str;
    *n = sp ? (size_t)(sp - v->str) : v->len;
}

/* One step over a segment: forward maximum matching with the group. */
static int step_convert(const sino_conv *c, const int *group, const char *s,
                        size_t n, sino_buf *out)
{
    size_t pos = 0;
    while (pos < n) {
        sino_dict_value v;
        size_t len = group_match(c, group, s + pos, n - pos, &v);
        int st;
        if (len) {
            const char *vp;
            size_t vn;
            first_value(&v, &vp, &vn);
            st = sino_buf_append(out, vp, vn);
        } else {
            len = char_len((unsigned char)s[pos]);
            if (len > n - pos) len = n - pos;
            st = sino_buf_append(out, s + pos, len);
        }
        if (st != SINO_OK) return st;
        pos += len;
    }
    return SINO_OK;
}

struct scratch {
    sino_buf a, b;
};

/* A segment through the whole chain, appended to out. */
static int chain_convert(const sino_conv *c, struct scratch *sc, const char *s,
                         size_t n, sino_buf *out)
{
    const struct config_def *def = c->def;
    const char *src = s;
    size_t srclen = n;
    for (int i = 0; i < def->n_steps; i++) {
        sino_buf *dst = (i == def->n_steps - 1) ? out : (i % 2 ? &sc->b : &sc->a);
        if (dst != out) sino_buf_clear(dst);
        int st = step_convert(c, def->steps[i], src, srclen, dst);
        if (st != SINO_OK) return st;
        src = dst->data;
        srclen = dst->len;
    }
    return SINO_OK;
}

/* Smallest boundary > pos, given ascending bounds; n when none. */
static size_t next_bound(const size_t *b, size_t nb, size_t *bi, size_t pos, size_t n)
{
    while (*bi < nb && b[*bi] <= pos) (*bi)++;
    return *bi < nb ? b[*bi] : n;
}

static int is_bound(const size_t *b, size_t nb, size_t bi, size_t at)
{
    for (size_t i = bi; i < nb && b[i] <= at; i++)
        if (b[i] == at) return 1;
    return 0;
}

static int convert_span(const sino_conv *c, struct scratch *sc, const char *s,
                        size_t n, sino_buf *out, sino_error *err)
{
    const sino_dict *seg = c->tables[c->def->seg];
    const size_t *bounds = NULL;
    size_t nbounds = 0, bi = 0;
    if (c->bounds_fn) {
        int st = c->bounds_fn(c->bounds_ctx, s, n, &bounds, &nbounds, err);
        if (st != SINO_OK) return st;
    }
    size_t pos = 0, run = 0;   /* run: start of pending unmatched characters */
    int st = SINO_OK;
    while (pos < n) {
        sino_dict_value v;
        if (c->user) {
            size_t ul = sino_dict_longest(c->user, s + pos, n - pos, &v);
            if (ul) {
                if (run < pos && (st = chain_convert(c, sc, s + run, pos - run, out)))
                    break;
                if ((st = sino_buf_append(out, v.str, v.len))) break;
                pos += ul;
                run = pos;
                continue;
            }
        }
        size_t len = sino_dict_longest(seg, s + pos, n - pos, &v);
        if (len && bounds) {
            /* A phrase must end on a word boundary, and may only start
             * inside a word if it covers... the word from its start: only
             * accept matches whose end is a boundary; otherwise try shorter
             * keys ending on one. */
            size_t nb = next_bound(bounds, nbounds, &bi, pos, n);
            if (pos + len != nb && !is_bound(bounds, nbounds, bi, pos + len)) {
                size_t best = 0;
                for (size_t l = 1; l < len; l++) {
                    if ((s[pos + l] & 0xC0) == 0x80) continue;
                    if (!is_bound(bounds, nbounds, bi, pos + l)) continue;
                    sino_dict_value w;
                    if (sino_dict_get(seg, s + pos, l, &w)) best = l;
                }
                len = best;
            }
        }
        if (len) {
            if (run < pos && (st = chain_convert(c, sc, s + run, pos - run, out)))
                break;
            if ((st = chain_convert(c, sc, s + pos, len, out))) break;
            pos += len;
            run = pos;
        } else {
            size_t cl = char_len((unsigned char)s[pos]);
            pos += cl < n - pos ? cl : n - pos;
            if (bounds && is_bound(bounds, nbounds, bi, pos)) {
                /* word-aware: unmatched runs end at word boundaries too */
                if ((st = chain_convert(c, sc, s + run, pos - run, out))) break;
                run = pos;
            }
        }
    }
    if (st == SINO_OK && run < pos) st = chain_convert(c, sc, s + run, pos - run, out);
    if (st != SINO_OK) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    return SINO_OK;
}

int sino_conv_convert(const sino_conv *c, const char *s, size_t n, sino_buf *out,
                      sino_error *err)
{
    struct scratch sc;
    sino_buf_init(&sc.a);
    sino_buf_init(&sc.b);
    int st = convert_span(c, &sc, s, n, out, err);
    sino_buf_free(&sc.a);
    sino_buf_free(&sc.b);
    return st;
}

/* ---- streaming ---- */

struct sino_conv_stream {
    const sino_conv *c;
    size_t limit;
    sino_buf carry;
    struct scratch sc;
};

sino_conv_stream *sino_conv_stream_new(const sino_conv *c, size_t limit,
                                       sino_error *err)
{
    sino_conv_stream *st = calloc(1, sizeof *st);
    if (!st) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    st->c = c;
    st->limit = limit ? limit : (1u << 20);
    sino_buf_init(&st->carry);
    sino_buf_init(&st->sc.a);
    sino_buf_init(&st->sc.b);
    return st;
}

void sino_conv_stream_free(sino_conv_stream *st)
{
    if (!st) return;
    sino_buf_free(&st->carry);
    sino_buf_free(&st->sc.a);
    sino_buf_free(&st->sc.b);
    free(st);
}

/* Whether the character at s[i..i+len) occurs in no dictionary key, so that
 * no phrase can span it. */
static int is_break_char(const sino_conv *c, const char *s, size_t len)
{
    if (c->user || c->bounds_fn) {
        /* user phrases and segmenter contexts may span anything but a line */
        return len == 1 && s[0] == '\n';
    }
    sino_dict_value v;
    return !sino_dict_get(c->keychars, s, len, &v);
}

/* End of the longest prefix of s[0..n) that can be converted on its own: just
 * after the last break character (searched in a bounded window). 0 if none. */
static size_t safe_cut(const sino_conv *c, const char *s, size_t n)
{
    const char *nl = memrchr(s, '\n', n);
    size_t lo = nl ? (size_t)(nl - s) + 1 : 0;
    size_t window = n - lo > 4096 ? n - 4096 : lo;
    /* Scan backwards character by character down to window. */
    size_t i = n;
    while (i > window) {
        size_t start = i - 1;
        while (start > window && ((unsigned char)s[start] & 0xC0) == 0x80) start--;
        if (is_break_char(c, s + start, i - start)) return i;
        i = start;
    }
    return lo;
}

int sino_conv_stream_feed(sino_conv_stream *st, const char *s, size_t n, int final,
                          sino_buf *out, sino_error *err)
{
    const char *p = s;
    size_t len = n;
    if (st->carry.len) {
        if (sino_buf_append(&st->carry, s, n) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        p = st->carry.data;
        len = st->carry.len;
    }
    size_t cut = final ? len : safe_cut(st->c, p, len);
    if (!final && cut == 0 && len > st->limit) {
        /* no safe point in a long stretch: cut at a character boundary */
        cut = len - sino_utf8_incomplete_tail((const unsigned char *)p, len);
    }
    int rc = SINO_OK;
    if (cut) rc = convert_span(st->c, &st->sc, p, cut, out, err);
    if (rc != SINO_OK) return rc;
    if (st->carry.len) {
        memmove(st->carry.data, st->carry.data + cut, len - cut);
        st->carry.len = len - cut;
    } else if (cut < len) {
        if (sino_buf_append(&st->carry, p + cut, len - cut) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    return SINO_OK;
}
