/* conv.c - OpenCC-compatible Simplified/Traditional conversion over sino's
 * compiled dictionaries (see sino_conv.h for the algorithm). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conv_int.h"
#include "grow_int.h"
#include "sino_conv.h"
#include "sino_data.h"
#include "sino_io.h"
#include "sino_seg.h"

#define MAX_GROUP CONV_MAX_GROUP
#define MAX_STEPS CONV_MAX_STEPS

/* Where Debian's opencc keeps the dictionaries our tables are compiled
 * from (an .ocd2 file of a configuration is used when it is one of them). */
#ifndef SINO_OPENCC_DIR
#define SINO_OPENCC_DIR "/usr/share/opencc"
#endif

/* The tables, in the order of enum below; files are opencc-NAME.sdict. */
enum {
    T_HKVariants, T_HKVariantsRev, T_HKVariantsRevPhrases,
    T_JPShinjitaiCharacters, T_JPShinjitaiPhrases, T_JPVariants, T_JPVariantsRev,
    T_STCharacters, T_STPhrases, T_TSCharacters, T_TSPhrases,
    T_TWPhrases, T_TWPhrasesRev, T_TWVariants, T_TWVariantsRev,
    T_TWVariantsRevPhrases,
    /* fused first steps (see data/sconv.mk) */
    T_F_ST, T_F_TS, T_F_TWRev, T_F_HKRev, T_F_JP,
    T_COUNT,
    /* the text dictionaries of a configuration file, compiled in memory */
    T_CUSTOM = T_COUNT,
    T_ALL = T_CUSTOM + 1 + CONV_MAX_STEPS * CONV_MAX_GROUP,
    T_NONE = -1
};
#define T_FIRST_FUSED T_F_ST

static const char *const table_names[T_COUNT] = {
    "HKVariants", "HKVariantsRev", "HKVariantsRevPhrases",
    "JPShinjitaiCharacters", "JPShinjitaiPhrases", "JPVariants", "JPVariantsRev",
    "STCharacters", "STPhrases", "TSCharacters", "TSPhrases",
    "TWPhrases", "TWPhrasesRev", "TWVariants", "TWVariantsRev",
    "TWVariantsRevPhrases",
    "fused-STPhrases", "fused-TSPhrases", "fused-TWVariantsRevPhrases",
    "fused-HKVariantsRevPhrases", "fused-JPShinjitaiPhrases"};

struct config_def {
    const char *name;
    int seg;
    int steps[MAX_STEPS][MAX_GROUP];   /* T_NONE-terminated groups */
    int n_steps;
    /* The segmentation table heads the first group: fused, the table that
     * fuses it with the rest of the group (T_NONE when the group is that
     * table alone). */
    int fused;
};

#define N T_NONE
/* Transcribed from /usr/share/opencc/NAME.json (OpenCC 1.1.6). */
static const struct config_def configs[] = {
    {"s2t", T_STPhrases, {{T_STPhrases, T_STCharacters, N}}, 1, T_F_ST},
    {"t2s", T_TSPhrases, {{T_TSPhrases, T_TSCharacters, N}}, 1, T_F_TS},
    {"s2tw", T_STPhrases, {{T_STPhrases, T_STCharacters, N}, {T_TWVariants, N, N}}, 2, T_F_ST},
    {"tw2s", T_TSPhrases,
     {{T_TWVariantsRevPhrases, T_TWVariantsRev, N}, {T_TSPhrases, T_TSCharacters, N}}, 2, N},
    {"s2twp", T_STPhrases,
     {{T_STPhrases, T_STCharacters, N}, {T_TWPhrases, N, N}, {T_TWVariants, N, N}}, 3, T_F_ST},
    {"tw2sp", T_TSPhrases,
     {{T_TWPhrasesRev, T_TWVariantsRevPhrases, T_TWVariantsRev},
      {T_TSPhrases, T_TSCharacters, N}}, 2, N},
    {"s2hk", T_STPhrases, {{T_STPhrases, T_STCharacters, N}, {T_HKVariants, N, N}}, 2, T_F_ST},
    {"hk2s", T_TSPhrases,
     {{T_HKVariantsRevPhrases, T_HKVariantsRev, N}, {T_TSPhrases, T_TSCharacters, N}}, 2, N},
    {"t2tw", T_TWVariants, {{T_TWVariants, N, N}}, 1, N},
    {"tw2t", T_TWVariantsRevPhrases, {{T_TWVariantsRevPhrases, T_TWVariantsRev, N}}, 1, T_F_TWRev},
    {"t2hk", T_HKVariants, {{T_HKVariants, N, N}}, 1, N},
    {"hk2t", T_HKVariantsRevPhrases, {{T_HKVariantsRevPhrases, T_HKVariantsRev, N}}, 1, T_F_HKRev},
    {"t2jp", T_JPVariants, {{T_JPVariants, N, N}}, 1, N},
    {"jp2t", T_JPShinjitaiPhrases,
     {{T_JPShinjitaiPhrases, T_JPShinjitaiCharacters, T_JPVariantsRev}}, 1, T_F_JP},
};
#undef N
#define N_CONFIGS (sizeof configs / sizeof configs[0])

const char *const sino_conv_configs[] = {
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s",
    "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t", NULL};

/* For each open table, a bit per BMP code point: set when some key starts
 * with it, so that most lookups that cannot match are skipped without
 * walking the trie. These bitmaps (and the pair sets below) are used in
 * place in the memory-mapped opencc-firstchars.sdict (built by
 * data/sconv_firstchars.py), so that opening costs no decoding. */
#define FIRST_BYTES (0x10000 / 8)

/* A set of character pairs (or triples) as hashed bits. */
struct pairset {
    const unsigned char *bits;   /* NULL: no set, every pair may start a key */
    unsigned nbits;              /* the hash's width */
};

struct sino_conv {
    const struct config_def *def;
    sino_dict *tables[T_ALL];
    const unsigned char *first[T_ALL];
    /* per step, the union of its group's bits (a character outside it
     * leaves the step unchanged) */
    unsigned char step_first[MAX_STEPS][FIRST_BYTES];
    unsigned char step_ascii_free[MAX_STEPS];   /* no ASCII in step_first */
    /* the union of step_first over the steps after the first */
    unsigned char later_first[FIRST_BYTES];
    unsigned char later_ascii_free;
    unsigned char ascii_free[T_ALL];   /* no key starts with ASCII */
    /* for each open table, the second characters of its longer keys and
     * the characters that are keys on their own */
    const unsigned char *second[T_ALL];
    const unsigned char *one[T_ALL];
    /* a bit per BMP code point that starts a key of two or more characters
     * of the fused (or segmentation) table that heads the conversion */
    const unsigned char *multi;
    /* for each open table, a bit per hashed pair of the first two
     * characters of its longer keys (bits NULL: unknown, always look): a
     * clear bit means no key of two or more characters starts there */
    struct pairset pairs[T_ALL];
    struct pairset triples;   /* the same for three characters (that table) */
    sino_dict *firstchars;    /* holds those bits */
    sino_dict *keychars;   /* every character that occurs in some key */
    sino_dict *user;       /* user phrases, or NULL */
    const sino_seg *seg;   /* word-aware: the segmenter, or NULL */
    unsigned seg_flags;
    /* a configuration file: its own definition and name; custom, some of
     * its tables are not ours (so keychars does not cover their keys) */
    struct config_def own;
    char own_name[64];
    int custom;
    /* word-aware: every candidate of the one-to-many entries (NULL: none) */
    sino_dict *cands;
};

static size_t char_len(unsigned char c)
{
    if (c < 0x80) return 1;
    if (c < 0xC0) return 1;   /* stray continuation byte: one at a time */
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

/* k: the code points of the pair (or triple), 21 bits each */
static inline int pair_may_start(const struct pairset *ps, uint64_t k)
{
    if (!ps->bits) return 1;
    uint32_t h = (uint32_t)((k * 0x9E3779B97F4A7C15ull) >> (64 - ps->nbits));
    return (ps->bits[h >> 3] >> (h & 7)) & 1;
}

/* The set NAME/WHATbits of the firstchars table; none (bits NULL) when the
 * entry is missing or malformed. */
static struct pairset find_pairs(const sino_dict *fc, const char *name, const char *what)
{
    struct pairset ps = {NULL, 0};
    char key[64];
    snprintf(key, sizeof key, "%s/%sbits", name, what);
    sino_dict_value v;
    if (!sino_dict_get(fc, key, strlen(key), &v) || v.len < 1) return ps;
    unsigned nbits = (unsigned char)v.str[0];
    if (nbits < 6 || nbits > 24 || v.len != 1 + (1u << (nbits - 3))) return ps;
    ps.bits = (const unsigned char *)v.str + 1;
    ps.nbits = nbits;
    return ps;
}

static sino_dict *open_table(const char *name, const char *kind, sino_error *err)
{
    char file[64];
    snprintf(file, sizeof file, "opencc-%s.sdict", name);
    return sino_data_open_dict(file, kind, err);
}

/* Every bit set: a table without a bitmap is always looked into. */
static const unsigned char all_bits[FIRST_BYTES] = {
    [0 ... FIRST_BYTES - 1] = 0xFF};

/* The bitmap NAME SUFFIX of the firstchars table (all_bits when it has
 * none, or one of the wrong size). */
static const unsigned char *find_bits(const sino_dict *fc, const char *name,
                                      const char *suffix)
{
    char key[64];
    snprintf(key, sizeof key, "%s%s", name, suffix);
    sino_dict_value v;
    if (!sino_dict_get(fc, key, strlen(key), &v) || v.len != FIRST_BYTES) return all_bits;
    return (const unsigned char *)v.str;
}

static void or_bits(unsigned char *restrict dst, const unsigned char *restrict src)
{
    for (size_t i = 0; i < FIRST_BYTES; i++) dst[i] |= src[i];
}

/* Whether no ASCII character's bit is set. */
static int no_ascii(const unsigned char *bits)
{
    for (int i = 0; i < 0x80 / 8; i++)
        if (bits[i]) return 0;
    return 1;
}

/* The configuration named name (a suffix .json allowed), NULL if none. */
static const struct config_def *builtin_config(const char *name)
{
    char base[32];
    size_t len = strlen(name);
    if (len > 5 && !strcmp(name + len - 5, ".json")) len -= 5;
    if (len >= sizeof base) return NULL;
    memcpy(base, name, len);
    base[len] = 0;
    for (size_t i = 0; i < N_CONFIGS; i++)
        if (!strcmp(configs[i].name, base)) return &configs[i];
    return NULL;
}

static int open_tables(sino_conv *c, sino_error *err);
static int open_config_file(sino_conv *c, const char *path, sino_error *err);

sino_conv *sino_conv_open(const char *name, sino_error *err)
{
    const struct config_def *def = strchr(name, '/') ? NULL : builtin_config(name);
    size_t len = strlen(name);
    int is_file = !def && (strchr(name, '/') || (len > 5 && !strcmp(name + len - 5, ".json")));
    if (!def && !is_file) {
        sino_fail(err, SINO_ERR_USAGE, "unknown configuration '%s'", name);
        return NULL;
    }
    sino_conv *c = calloc(1, sizeof *c);
    if (!c) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->def = def;
    if ((is_file ? open_config_file(c, name, err) : open_tables(c, err)) != SINO_OK) {
        sino_conv_close(c);
        return NULL;
    }
    return c;
}

/* Open the compiled tables c->def needs (those not open yet) and the bit
 * sets that speed up matching. */
static int open_tables(sino_conv *c, sino_error *err)
{
    const struct config_def *def = c->def;
    int need[T_COUNT] = {0};
    if (def->seg < T_COUNT) need[def->seg] = 1;
    if (def->fused != T_NONE) need[def->fused] = 1;
    for (int s = 0; s < def->n_steps; s++)
        for (int g = 0; g < MAX_GROUP && def->steps[s][g] != T_NONE; g++)
            if (def->steps[s][g] < T_COUNT) need[def->steps[s][g]] = 1;
    for (int t = 0; t < T_COUNT; t++) {
        if (!need[t] || c->tables[t]) continue;
        c->tables[t] = open_table(table_names[t],
                                  t >= T_FIRST_FUSED ? "opencc-fused" : SINO_CONV_KIND, err);
        if (!c->tables[t]) return err->code;
    }
    sino_dict *fc = open_table("firstchars", "opencc-firstchars", err);
    if (!fc) return err->code;
    c->firstchars = fc;
    /* the multi bits of the table convert_fused matches with */
    int ft = def->fused != T_NONE ? def->fused : def->seg;
    c->multi = ft < T_COUNT ? find_bits(fc, table_names[ft], "/multi") : all_bits;
    if (ft < T_COUNT) c->triples = find_pairs(fc, table_names[ft], "triple");
    for (int t = 0; t < T_ALL; t++) {
        c->first[t] = c->second[t] = c->one[t] = all_bits;
        if (!c->tables[t] || t >= T_COUNT) continue;   /* custom: no bit sets */
        c->first[t] = find_bits(fc, table_names[t], "");
        c->second[t] = find_bits(fc, table_names[t], "/second");
        c->one[t] = find_bits(fc, table_names[t], "/one");
        c->pairs[t] = find_pairs(fc, table_names[t], "pair");
    }
    for (int t = 0; t < T_ALL; t++) c->ascii_free[t] = no_ascii(c->first[t]);
    for (int s = 0; s < def->n_steps; s++) {
        for (int g = 0; g < MAX_GROUP && def->steps[s][g] != T_NONE; g++)
            or_bits(c->step_first[s], c->first[def->steps[s][g]]);
        c->step_ascii_free[s] = no_ascii(c->step_first[s]);
        if (s > 0) or_bits(c->later_first, c->step_first[s]);
    }
    c->later_ascii_free = no_ascii(c->later_first);
    c->keychars = open_table("keychars", "opencc-keychars", err);
    if (!c->keychars) return err->code;
    return SINO_OK;
}

/* ---- configuration files (-c PATH) ---- */

/* Whether files a and b have the same bytes. */
static int same_file_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    char ba[8192], bb[8192];
    while (same) {
        size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
        if (na != nb || memcmp(ba, bb, na)) same = 0;
        if (na < sizeof ba) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

/* A text dictionary (KEY<TAB>VALUE[ VALUE...] a line, OpenCC's text
 * format) compiled in memory; the first value is kept, as OpenCC uses it. */
static sino_dict *compile_text_dict(const char *path, sino_error *err)
{
    sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_FAIL, 0};
    sino_reader *r = sino_reader_open(path, &ro, err);
    if (!r) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        sino_fail(err, err->code, "%s: cannot open the dictionary: %s", path, why);
        return NULL;
    }
    sino_dict_builder *b = sino_dict_builder_new();
    if (!b) {
        sino_reader_close(r);
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    sino_record rec;
    int got, st = SINO_OK;
    uint64_t line = 0;
    while (st == SINO_OK && (got = sino_reader_next(r, &rec, err)) > 0) {
        line++;
        const char *tab = memchr(rec.data, '\t', rec.len);
        if (!rec.len) continue;
        if (!tab || tab == rec.data || tab + 1 == rec.data + rec.len) {
            st = sino_fail(err, SINO_ERR_FORMAT, "%s:%llu: expected KEY<TAB>VALUE", path,
                           (unsigned long long)line);
            break;
        }
        const char *v = tab + 1, *end = rec.data + rec.len;
        const char *sp = memchr(v, ' ', (size_t)(end - v));
        st = sino_dict_builder_add(b, rec.data, (size_t)(tab - rec.data), 0, v,
                                   (size_t)((sp ? sp : end) - v), err);
    }
    if (st == SINO_OK && got < 0) st = got;
    sino_reader_close(r);
    sino_dict *d = NULL;
    if (st == SINO_OK) d = sino_dict_builder_to_dict(b, SINO_CONV_KIND, NULL, err);
    sino_dict_builder_free(b);
    return d;
}

/* The table for dictionary file path: one of ours when it is a copy of
 * the Debian .ocd2 file it was compiled from, else (a .txt) compiled into
 * the next custom slot. */
static int table_for_file(sino_conv *c, const char *path, int *slot, sino_error *err)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot && (!strcmp(dot, ".ocd2") || !strcmp(dot, ".ocd"))) {
        for (int t = 0; t < T_FIRST_FUSED; t++) {
            char want[256];
            size_t nl = strlen(table_names[t]);
            if ((size_t)(dot - base) != nl || memcmp(base, table_names[t], nl)) continue;
            snprintf(want, sizeof want, "%s/%s", SINO_OPENCC_DIR, base);
            if (same_file_bytes(path, want)) return t;
        }
        if (access(path, R_OK) != 0)
            return sino_fail(err, SINO_ERR_IO, "%s: cannot open the dictionary: %s", path, strerror(errno));
        return sino_fail(err, SINO_ERR_FORMAT,
                         "%s: binary OpenCC dictionaries are read only when they are those of "
                         "Debian's opencc (%s); export it to text with 'opencc_dict -i %s -o "
                         "%.*s.txt -f ocd2 -t text' and name the .txt file (type \"text\") in "
                         "the configuration", path, SINO_OPENCC_DIR, path,
                         (int)(dot - path), path);
    }
    if (*slot >= T_ALL) return sino_fail(err, SINO_ERR_FORMAT, "%s: too many dictionaries", path);
    if (!(c->tables[*slot] = compile_text_dict(path, err))) return err->code;
    c->custom = 1;
    return (*slot)++;
}

static int open_config_file(sino_conv *c, const char *path, sino_error *err)
{
    struct conv_file_config fc;
    int st = conv_read_config(path, &fc, err);
    if (st != SINO_OK) return st;
    struct config_def *d = &c->own;
    memset(d, 0, sizeof *d);
    const char *base = strrchr(path, '/');
    snprintf(c->own_name, sizeof c->own_name, "%s", base ? base + 1 : path);
    d->name = c->own_name;
    d->fused = T_NONE;
    int slot = T_CUSTOM;
    int t = table_for_file(c, fc.seg, &slot, err);
    if (t < 0) goto out;
    d->seg = t;
    for (int s = 0; s < fc.n_steps; s++) {
        for (int g = 0; g < MAX_GROUP; g++) d->steps[s][g] = T_NONE;
        for (int g = 0; g < fc.n_dicts[s]; g++) {
            /* the segmentation dictionary again: the same table */
            if (!strcmp(fc.steps[s][g], fc.seg)) t = d->seg;
            else if ((t = table_for_file(c, fc.steps[s][g], &slot, err)) < 0) goto out;
            d->steps[s][g] = t;
        }
    }
    d->n_steps = fc.n_steps;
    c->def = d;
    /* one of ours in a file of its own: the same fast path */
    for (size_t i = 0; i < N_CONFIGS && !c->custom; i++)
        if (configs[i].seg == d->seg && configs[i].n_steps == d->n_steps &&
            !memcmp(configs[i].steps, d->steps, sizeof d->steps)) {
            d->fused = configs[i].fused;
        }
    t = open_tables(c, err);
out:
    conv_file_config_free(&fc);
    return t < 0 ? t : SINO_OK;
}

void sino_conv_close(sino_conv *c)
{
    if (!c) return;
    for (int t = 0; t < T_ALL; t++) sino_dict_close(c->tables[t]);
    sino_dict_close(c->keychars);
    sino_dict_close(c->user);
    sino_dict_close(c->firstchars);
    sino_dict_close(c->cands);
    free(c);
}

const char *sino_conv_name(const sino_conv *c) { return c->def->name; }

void sino_conv_set_segmenter(sino_conv *c, const sino_seg *seg, unsigned flags)
{
    /* Only the script conversions segment with a Simplified/Traditional
     * phrase table; the variant tables (t2tw, jp2t, ...) hold the target's
     * own lexicalised terms, and jieba knows no Japanese: those stay as
     * OpenCC converts them. */
    if (c->def->seg != T_STPhrases && c->def->seg != T_TSPhrases) seg = NULL;
    c->seg = seg;
    c->seg_flags = flags;
    if (seg && !c->cands) {
        /* without it word-aware only loses its caution about phrases that
         * may stay as they are (see may_stay) */
        sino_error e;
        c->cands = sino_data_open_dict("opencc-cands.sdict", "opencc-cands", &e);
    }
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

static inline int32_t decode_fast(const unsigned char *u, size_t n, size_t *len)
{
    int32_t cp;
    *len = (size_t)sino_utf8_decode_fast(u, n, &cp);
    return cp;
}

static inline int bit_clear(const unsigned char *bits, int32_t cp)
{
    return cp >= 0 && cp < 0x10000 && !((bits[cp >> 3] >> (cp & 7)) & 1);
}

/* Whether a key of table t may start at s (the first-character bits). */
static inline int may_start(const sino_conv *c, int t, const unsigned char *u, size_t n)
{
    uint32_t cp;
    if (u[0] < 0x80) cp = u[0];
    else if (u[0] >= 0xE0 && u[0] < 0xF0 && n >= 3)
        cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    else if (u[0] >= 0xC0 && u[0] < 0xE0 && n >= 2)
        cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    else return 1;
    return (c->first[t][cp >> 3] >> (cp & 7)) & 1;
}

static size_t longest_t(const sino_conv *c, int t, const char *s, size_t n,
                        sino_dict_value *v)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!may_start(c, t, u, n)) return 0;
    size_t l1, l2;
    int32_t c1 = decode_fast(u, n, &l1);
    if (bit_clear(c->one[t], c1)) {
        /* no one-character key: a key needs a possible second character */
        if (l1 >= n) return 0;
        int32_t c2 = decode_fast(u + l1, n - l1, &l2);
        if (bit_clear(c->second[t], c2)) return 0;
        if (c2 >= 0 && !pair_may_start(&c->pairs[t], (uint64_t)c1 << 21 | (uint32_t)c2))
            return 0;
    }
    return sino_dict_longest(c->tables[t], s, n, v);
}

/* Longest match of the group at s[0..n): the first table of the group that
 * has a key starting here wins (OpenCC's DictGroup). limit caps the length
 * (word-aware mode); returns the key length, 0 if none. */
static size_t group_match(const sino_conv *c, const int *group, const char *s,
                          size_t n, sino_dict_value *v, int skip_first)
{
    for (int g = skip_first ? 1 : 0; g < MAX_GROUP && group[g] != T_NONE; g++) {
        size_t len = longest_t(c, group[g], s, n, v);
        if (len) return len;
    }
    return 0;
}

/* The value OpenCC uses: the tables hold only the first candidate (cut at
 * build time). */
static void first_value(const sino_dict_value *v, const char **p, size_t *n)
{
    *p = v->str;
    *n = v->len;
}

/* Append without a call for the few bytes of a character or phrase. */
static inline int put(sino_buf *b, const char *p, size_t n)
{
    if (!n) return SINO_OK;
    if (b->cap - b->len < n && sino_buf_reserve(b, n < 4096 ? 4096 : n) != SINO_OK)
        return SINO_ERR_NOMEM;
    char *d = b->data + b->len;
    if (n == 3) {   /* one CJK character: most values */
        d[0] = p[0];
        d[1] = p[1];
        d[2] = p[2];
    } else if (n < 3) {
        for (size_t i = 0; i < n; i++) d[i] = p[i];
    } else {
        memcpy(d, p, n);
    }
    b->len += n;
    return SINO_OK;
}

/* Whether some table of the group may have a key that starts at u: the
 * filters of longest_t with each character decoded once. */
static inline int group_may_match(const sino_conv *c, const int *group, int skip_first,
                                  const unsigned char *u, size_t n)
{
    size_t l1, l2 = 0;
    int32_t c1 = decode_fast(u, n, &l1), c2 = -2;   /* -2: not decoded yet */
    if (c1 < 0 || c1 >= 0x10000) return 1;
    for (int g = skip_first ? 1 : 0; g < MAX_GROUP && group[g] != T_NONE; g++) {
        int t = group[g];
        if (bit_clear(c->first[t], c1)) continue;
        if (!bit_clear(c->one[t], c1)) return 1;
        if (c2 == -2) c2 = l1 < n ? decode_fast(u + l1, n - l1, &l2) : -3;
        if (c2 == -3) continue;   /* no second character */
        if (c2 < 0) return 1;
        if (bit_clear(c->second[t], c2)) continue;
        if (pair_may_start(&c->pairs[t], (uint64_t)c1 << 21 | (uint32_t)c2)) return 1;
    }
    return 0;
}

/* One step over a segment: forward maximum matching with the group; text
 * between matches is copied in one piece. */
/* Whether eight bytes are ASCII. */
static inline int eight_ascii(const unsigned char *u)
{
    uint64_t w;
    memcpy(&w, u, 8);
    return !(w & 0x8080808080808080ull);
}

/* The first character of s[from..n) whose bit is set in bits (from a
 * character boundary), n if none; ascii_free: no ASCII bit is set. */
static inline size_t first_marked(const unsigned char *bits, int ascii_free, const char *s,
                           size_t n, size_t from)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t pos = from;
    while (pos < n) {
        unsigned char b0 = u[pos];
        if (b0 >= 0xE0 && b0 < 0xF0 && n - pos >= 3) {
            uint32_t c3 = (uint32_t)(b0 & 0x0F) << 12 | (uint32_t)(u[pos + 1] & 0x3F) << 6 |
                          (u[pos + 2] & 0x3F);
            if ((bits[c3 >> 3] >> (c3 & 7)) & 1) return pos;
            pos += 3;
            continue;
        }
        if (ascii_free && b0 < 0x80) {
            while (n - pos >= 8 && eight_ascii(u + pos)) pos += 8;
            while (pos < n && u[pos] < 0x80) pos++;
            continue;
        }
        size_t cl;
        if (!bit_clear(bits, decode_fast(u + pos, n - pos, &cl))) return pos;
        pos += cl;
    }
    return n;
}

/* Number of characters of s[0..n). */
static size_t count_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
}

/* Word-aware caution: is the phrase key s[0..n), an entry of a table of
 * group other than the segmentation table, one whose candidates include
 * the key itself (TWPhrases' 通過 -> 透過 通過: the phrase may as well stay)?
 * Such an entry is not applied where word-aware changed OpenCC's segments,
 * since OpenCC's own segmentation may be what kept it away (重新通过后生效
 * stays 重新通過後生效, not 重新透過後生效). */
static int may_stay(const sino_conv *c, const int *group, int skip_first, const char *s, size_t n)
{
    if (!c->cands || n <= char_len((unsigned char)s[0])) return 0;   /* characters */
    for (int g = skip_first ? 1 : 0; g < MAX_GROUP && group[g] != T_NONE; g++) {
        int t = group[g];
        sino_dict_value v;
        if (!longest_t(c, t, s, n, &v)) continue;
        if (t == c->def->seg || t >= T_COUNT) return 0;
        char key[256];
        int kl = snprintf(key, sizeof key, "%s/%.*s", table_names[t], (int)n, s);
        if (kl <= 0 || (size_t)kl >= sizeof key) return 0;
        if (!sino_dict_get(c->cands, key, (size_t)kl, &v)) return 0;
        for (size_t i = 0; i < v.len;) {   /* space-separated candidates */
            const char *sp = memchr(v.str + i, ' ', v.len - i);
            size_t e = sp ? (size_t)(sp - v.str) : v.len;
            if (e - i == n && !memcmp(v.str + i, s, n)) return 1;
            i = e + 1;
        }
        return 0;
    }
    return 0;
}

/* Word-aware caution: does the phrase entry key[0..n) -> v leave a
 * character as it is that the group's character table maps to exactly one
 * other (STPhrases' 出戏 -> 出戏, where 戏 is always 戲)? Such an entry is a
 * slip of the data that OpenCC's own segmentation rarely reaches; where
 * word-aware reaches it instead of OpenCC's phrase, the span converts
 * character by character. A character with several candidates (出 -> 出 齣)
 * left as it is, is the entry's choice. */
static int keeps_convertible(const sino_conv *c, const char *key, size_t n, const sino_dict_value *v)
{
    const int *group = c->def->steps[0];
    if (!c->cands || group[0] != c->def->seg) return 0;
    const char *vp;
    size_t vn;
    first_value(v, &vp, &vn);
    if (count_chars(key, n) != count_chars(vp, vn)) return 0;
    for (size_t i = 0, j = 0; i < n && j < vn;) {
        size_t kl = char_len((unsigned char)key[i]), vl = char_len((unsigned char)vp[j]);
        if (kl > n - i || vl > vn - j) return 0;
        if (kl == vl && !memcmp(key + i, vp + j, kl)) {
            for (int g = 1; g < MAX_GROUP && group[g] != T_NONE; g++) {
                int t = group[g];
                sino_dict_value cv;
                if (t >= T_COUNT || !c->tables[t] || !sino_dict_get(c->tables[t], key + i, kl, &cv)) continue;
                if (cv.len == kl && !memcmp(cv.str, key + i, kl)) break;
                char ck[64];
                int cl = snprintf(ck, sizeof ck, "%s/%.*s", table_names[t], (int)kl, key + i);
                if (cl > 0 && (size_t)cl < sizeof ck && sino_dict_get(c->cands, ck, (size_t)cl, &cv)) break;
                return 1;
            }
        }
        i += kl;
        j += vl;
    }
    return 0;
}

static int step_convert(const sino_conv *c, const int *group, const char *s,
                        size_t n, sino_buf *out, int skip_first, const unsigned char *bits,
                        int ascii_free, size_t from, size_t cau_lo, size_t cau_hi)
{
    size_t pos = from, copied = 0;   /* nothing before from can match */
    size_t counted = 0, chars = 0;   /* chars: characters in s[0..counted) */
    while (pos < n) {
        size_t len = 0;
        sino_dict_value v;
        if (bits) {
            /* on to the next character that may start a key */
            pos = first_marked(bits, ascii_free, s, n, pos);
            if (pos >= n) break;
        }
        if (group_may_match(c, group, skip_first, (const unsigned char *)s + pos, n - pos))
            len = group_match(c, group, s + pos, n - pos, &v, skip_first);
        if (len && cau_hi) {
            /* the match's characters against the refused phrase's */
            for (; counted < pos; counted++)
                if (((unsigned char)s[counted] & 0xC0) != 0x80) chars++;
            size_t lo = chars, hi = chars + count_chars(s + pos, len);
            if (!(lo < cau_hi && hi > cau_lo)) goto take;
        }
        if (len && cau_hi && may_stay(c, group, skip_first, s + pos, len)) {
            /* left as it is, but never matched again from inside */
            pos += len;
            continue;
        }
    take:
        if (len) {
            const char *vp;
            size_t vn;
            first_value(&v, &vp, &vn);
            if ((pos > copied && put(out, s + copied, pos - copied) != SINO_OK) ||
                put(out, vp, vn) != SINO_OK)
                return SINO_ERR_NOMEM;
            pos += len;
            copied = pos;
        } else {
            len = char_len((unsigned char)s[pos]);
            pos += len < n - pos ? len : n - pos;
        }
    }
    if (pos > copied && put(out, s + copied, pos - copied) != SINO_OK) return SINO_ERR_NOMEM;
    return SINO_OK;
}

/* A memo of the fused table's longest match by the first two characters
 * (per stream: no shared mutable state). The match at a position depends on
 * the text after it only while the trie path goes on; the memo keeps, for a
 * two-character context, the best match within it and the trie node after
 * it (or that the path ended), so most positions cost one probe instead of
 * a walk from the root. */
#define MEMO_BITS 16
struct memo_ent {
    uint64_t key;          /* cp1 << 21 | cp2, plus 1; 0 = empty */
    const char *best_str;  /* the best match's value (payload, num) */
    uint32_t best_len;
    uint32_t best_num;
    uint32_t node;         /* trie node after both characters */
    uint8_t live;          /* the path continues past the two characters */
    uint8_t best;          /* bytes of the best match within them, 0 if none */
};

/* The fused table's match for a character that starts no longer key, by
 * code point (filled on first use). */
struct single_ent {
    const char *str;       /* NULL: not filled yet */
    uint32_t len, num;
    uint32_t key;          /* the character is a key */
};

/* Phrase values that the later steps leave unchanged, by payload address
 * (direct-mapped; the payload of a table never moves while it is open). */
#define SAME_BITS 12

struct amb_state;

struct scratch {
    struct single_ent *single;
    struct {
        const char *str;
        size_t len;
    } same[1u << SAME_BITS];
    sino_buf a, b, r;
    sino_tokens toks;      /* word-aware */
    sino_buf isb;
    sino_buf w;            /* word-aware: a token in Simplified */
    struct memo_ent *memo;
    int memo_failed;
    struct amb_state *amb;   /* --ambiguities: annotate instead of converting */
    /* word-aware: the span being converted, and the last phrase refused in
     * it (offsets; end 0: none) */
    const char *span;
    size_t refused_start, refused_end;
};

static void scratch_init(struct scratch *sc)
{
    memset(sc, 0, sizeof *sc);
    sino_buf_init(&sc->a);
    sino_buf_init(&sc->b);
    sino_buf_init(&sc->r);
    sino_buf_init(&sc->isb);
    sino_buf_init(&sc->w);
    sino_tokens_init(&sc->toks);
}

static void scratch_free(struct scratch *sc)
{
    sino_buf_free(&sc->a);
    sino_buf_free(&sc->b);
    sino_buf_free(&sc->r);
    sino_buf_free(&sc->isb);
    sino_buf_free(&sc->w);
    sino_tokens_free(&sc->toks);
    free(sc->memo);
    free(sc->single);
}

/* Longest match of table d at s[0..n) through the memo; c1 (l1 bytes) is
 * the character at s, already decoded. */
static size_t memo_longest(struct scratch *sc, const sino_dict *d, const struct pairset *triples,
                           const char *s, size_t n, int32_t c1, size_t l1, sino_dict_value *v)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t l2;
    if (c1 < 0 || l1 >= n) return sino_dict_longest(d, s, n, v);
    int32_t c2 = decode_fast(u + l1, n - l1, &l2);
    if (c2 < 0) return sino_dict_longest(d, s, n, v);
    uint64_t key = ((uint64_t)c1 << 21 | (uint64_t)c2) + 1;
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    struct memo_ent *e = &sc->memo[h >> (64 - MEMO_BITS)];
    if (e->key != key) {
        /* fill: walk the two characters */
        e->key = key;
        e->live = 0;
        e->best = 0;
        uint32_t node = SINO_DICT_ROOT;
        sino_dict_value bv;
        if (sino_dict_walk(d, &node, u, l1)) {
            if (sino_dict_node_value(d, node, &bv)) {
                e->best = (uint8_t)l1;
                e->best_num = bv.num;
                e->best_str = bv.str;
                e->best_len = bv.len;
            }
            if (sino_dict_walk(d, &node, u + l1, l2)) {
                if (sino_dict_node_value(d, node, &bv)) {
                    e->best = (uint8_t)(l1 + l2);
                        e->best_num = bv.num;
                    e->best_str = bv.str;
                    e->best_len = bv.len;
                }
                e->live = 1;
                e->node = node;
            }
        }
    }
    size_t best = e->best;
    int walk = e->live;
    if (walk && triples->bits) {
        /* no longer key starts with these three characters: the match is
         * within the first two */
        size_t l3;
        int32_t c3 = l1 + l2 < n ? decode_fast(u + l1 + l2, n - l1 - l2, &l3) : -1;
        walk = c3 >= 0 &&
               pair_may_start(triples, ((uint64_t)c1 << 42) | ((uint64_t)c2 << 21) | (uint32_t)c3);
    }
    if (walk) {
        uint32_t node = e->node, best_node = 0;
        size_t i = l1 + l2, far = 0;
        while (i < n) {
            size_t l;
            uint32_t num;
            if (decode_fast(u + i, n - i, &l) < 0) break;
            int r = sino_dict_step(d, &node, u + i, l, &num);
            if (!r) break;
            i += l;
            if (r == 2) {
                far = i;
                best_node = node;
            }
        }
        if (far) {
            sino_dict_node_value(d, best_node, v);
            return far;
        }
    }
    if (best) {
        v->num = e->best_num;
        v->str = e->best_str;
        v->len = e->best_len;
    }
    return best;
}

/* Steps first.. of the chain over src[0..n), appended to out. */
static int steps_from(const sino_conv *c, struct scratch *sc, int first,
                      const char *src, size_t n, sino_buf *out)
{
    const struct config_def *def = c->def;
    sino_buf *bufs[2] = {&sc->a, &sc->b};
    int k = 0;
    /* Nothing before the first character that may start a key of some
     * later step changes, in any of them (each copies what lies before
     * its first match). */
    size_t from_any = first == 1 ? first_marked(c->later_first, c->later_ascii_free, src, n, 0) : 0;
    if (from_any == n) return put(out, src, n);
    for (int i = first; i < def->n_steps; i++) {
        size_t from = first_marked(c->step_first[i], c->step_ascii_free[i], src, n, from_any);
        if (from == n) continue;   /* unchanged: no copy */
        sino_buf *dst = bufs[k];
        k ^= 1;
        sino_buf_clear(dst);
        int st = step_convert(c, def->steps[i], src, n, dst, 0, c->step_first[i],
                              c->step_ascii_free[i], from, 0, 0);
        if (st != SINO_OK) return st;
        src = dst->data;
        n = dst->len;
    }
    return put(out, src, n);
}

/* Segmentation and the first step in one longest match over the fused
 * table (or the segmentation table itself when it is the whole first
 * group): a phrase is a segment of its own; characters between phrases form
 * one segment, converted character by character, then the later steps run
 * over each segment. */
/* Bytes of lookahead a longest match at a position may need. */
static size_t lookahead(const sino_conv *c, int t)
{
    size_t m = sino_dict_max_key_len(c->tables[t]);
    if (c->user && sino_dict_max_key_len(c->user) > m) m = sino_dict_max_key_len(c->user);
    return m + 4;
}

/* With stop (a stream cut in the middle of text that no break character
 * allows cutting): convert only what the rest of the text cannot change,
 * i.e. stop at the first position whose longest match could reach past n,
 * or at the start of the pending run of unmatched characters (later steps
 * match across it); *stop gets where the caller must resume. */
static int convert_fused(const sino_conv *c, struct scratch *sc, const char *s,
                         size_t n, sino_buf *out, size_t *stop)
{
    const struct config_def *def = c->def;
    int single = def->fused == T_NONE;
    int f = single ? def->seg : def->fused;
    int direct = def->n_steps == 1;   /* runs need no later steps */
    sino_buf *run = direct ? out : &sc->r;
    if (!direct) sino_buf_clear(run);
    if (!sc->memo && !sc->memo_failed && n >= 4096) {
        sc->memo = calloc((size_t)1 << MEMO_BITS, sizeof *sc->memo);
        sc->single = calloc(0x10000, sizeof *sc->single);
        if (!sc->memo || !sc->single) {
            free(sc->memo);
            free(sc->single);
            sc->memo = NULL;
            sc->single = NULL;
            sc->memo_failed = 1;   /* works without, only slower */
        }
    }
    size_t pos = 0, copied = 0;   /* s[copied..pos): unchanged, not yet in run */
    size_t run_src = 0;           /* where the text in run (and the copy) starts */
    size_t look = stop ? lookahead(c, f) : 0;
    /* stop when n - pos < look */
    size_t stop_at = !stop ? (size_t)-1 : n >= look ? n - look + 1 : 0;
    const sino_dict *user = c->user, *ft = c->tables[f];
    const unsigned char *fb = c->first[f], *us = (const unsigned char *)s;
    int ascii_free = c->ascii_free[f];
    int st = SINO_OK;
#define FLUSH_COPY()                                                       \
    do {                                                                   \
        if (pos > copied && (st = put(run, s + copied, pos - copied))) goto out; \
    } while (0)
#define FLUSH_RUN()                                                        \
    do {                                                                   \
        FLUSH_COPY();                                                      \
        if (!direct && run->len) {                                         \
            if ((st = steps_from(c, sc, 1, run->data, run->len, out))) goto out; \
            sino_buf_clear(run);                                           \
        }                                                                  \
    } while (0)
    while (pos < n) {
        sino_dict_value v;
        if (pos >= stop_at) {
            if (direct) {
                FLUSH_COPY();
                *stop = pos;
            } else {
                sino_buf_clear(run);   /* redone from run_src next time */
                *stop = run_src;
            }
            goto out;
        }
        if (user) {
            size_t ul = sino_dict_longest(user, s + pos, n - pos, &v);
            if (ul) {
                FLUSH_RUN();
                if ((st = put(out, v.str, v.len))) goto out;
                pos += ul;
                copied = run_src = pos;
                continue;
            }
        }
        size_t len, cl;
        int32_t cp = decode_fast(us + pos, n - pos, &cl);
        if (bit_clear(fb, cp)) {
            /* no key starts here: skip ahead over such characters */
            pos += cl;
            if (!user) pos = first_marked(fb, ascii_free, s, n, pos);
            continue;
        }
        int alone = sc->single && bit_clear(c->multi, cp);
        if (!alone && sc->single && c->pairs[f].bits && cp >= 0 && cp < 0x10000) {
            /* no longer key starts with this character and the next one
             * (or there is no next one) */
            size_t l2;
            if (pos + cl >= n) alone = 1;
            else {
                int32_t c2 = decode_fast(us + pos + cl, n - pos - cl, &l2);
                alone = c2 >= 0 &&
                        !pair_may_start(&c->pairs[f], (uint64_t)cp << 21 | (uint32_t)c2);
            }
        }
        if (alone) {
            /* no longer key starts here: the character alone */
            struct single_ent *e = &sc->single[cp];
            if (!e->str) {
                sino_dict_value sv;
                e->key = (uint32_t)sino_dict_get(ft, us + pos, cl, &sv);
                e->str = e->key ? sv.str : "";
                e->len = e->key ? sv.len : 0;
                e->num = e->key ? sv.num : 0;
            }
            len = e->key ? cl : 0;
            v.str = e->str;
            v.len = e->len;
            v.num = e->num;
        } else if (sc->memo) {
            len = memo_longest(sc, ft, &c->triples, s + pos, n - pos, cp, cl, &v);
        } else {
            len = sino_dict_longest(ft, s + pos, n - pos, &v);
        }
        if (len && (single || v.num == 1)) {
            FLUSH_RUN();
            if (direct) {
                st = put(out, v.str, v.len);
            } else {
                size_t h = ((uintptr_t)v.str >> 1) & ((1u << SAME_BITS) - 1);
                if (sc->same[h].str == v.str && sc->same[h].len == v.len) {
                    st = put(out, v.str, v.len);
                } else {
                    size_t before = out->len;
                    st = steps_from(c, sc, 1, v.str, v.len, out);
                    if (!st && out->len - before == v.len &&
                        !memcmp(out->data + before, v.str, v.len))
                    {
                        sc->same[h].str = v.str;
                        sc->same[h].len = v.len;
                    }
                }
            }
            if (st) goto out;
            pos += len;
            copied = run_src = pos;
        } else if (len) {
            FLUSH_COPY();
            if ((st = put(run, v.str, v.len))) goto out;
            pos += len;
            copied = pos;
        } else {
            len = char_len((unsigned char)s[pos]);
            pos += len < n - pos ? len : n - pos;
        }
    }
    FLUSH_RUN();
    if (stop) *stop = n;
out:
#undef FLUSH_COPY
#undef FLUSH_RUN
    return st;
}

/* A segment through the whole chain, appended to out. kind tells what the
 * segmentation knows about it: SEG_MATCHED, a key of the segmentation table
 * (whose value v is then the first step's result when that table heads the
 * first group); SEG_RUN, characters at which no key of it starts. */
enum { SEG_MATCHED, SEG_RUN, SEG_OTHER };

static int annotate_segment(const sino_conv *c, struct scratch *sc, const char *s, size_t n,
                            sino_buf *out);

static int chain_convert(const sino_conv *c, struct scratch *sc, const char *s,
                         size_t n, sino_buf *out, int kind, const sino_dict_value *v)
{
    if (sc->amb) return annotate_segment(c, sc, s, n, out);
    const struct config_def *def = c->def;
    /* word-aware: where the segment overlaps a phrase that word-aware
     * refused, in characters of the segment (later steps rarely change the
     * number of characters; 0, 0: no overlap) */
    size_t at = (size_t)(s - sc->span), cau_lo = 0, cau_hi = 0;
    if (sc->refused_end && at < sc->refused_end && at + n > sc->refused_start) {
        size_t lo = sc->refused_start > at ? sc->refused_start - at : 0;
        size_t hi = sc->refused_end - at < n ? sc->refused_end - at : n;
        cau_lo = count_chars(s, lo);
        cau_hi = count_chars(s, hi);
    }
    const char *src = s;
    size_t srclen = n;
    int seg_heads = def->steps[0][0] == def->seg;
    for (int i = 0; i < def->n_steps; i++) {
        sino_buf *dst = (i == def->n_steps - 1) ? out : (i % 2 ? &sc->b : &sc->a);
        if (dst != out) sino_buf_clear(dst);
        int st;
        if (i == 0 && seg_heads && kind == SEG_MATCHED) {
            const char *vp;
            size_t vn;
            first_value(v, &vp, &vn);
            st = sino_buf_append(dst, vp, vn);
        } else {
            int skip = i == 0 && seg_heads && kind == SEG_RUN;
            st = step_convert(c, def->steps[i], src, srclen, dst, skip,
                              skip ? NULL : c->step_first[i], c->step_ascii_free[i], 0,
                              cau_lo, cau_hi);
        }
        if (st != SINO_OK) return st;
        src = dst->data;
        srclen = dst->len;
    }
    return SINO_OK;
}

/* Word-aware matching. The segmenter's boundaries are kept per byte of the
 * text as flags: a word starts or ends here (WB_BOUND); the words on both
 * sides are dictionary words, so the segmenter is confident of the
 * boundary (WB_SURE); the word that ends (WB_LONG_L) or starts (WB_LONG_R)
 * here is a dictionary word of two or more characters. A boundary the
 * segmenter only guessed (an unknown word, a character the HMM left alone,
 * Japanese text) never changes OpenCC's choice. */
enum { WB_BOUND = 1, WB_SURE = 2, WB_LONG_L = 4, WB_LONG_R = 8 };

/* May the phrase s[pos..end) be taken? A phrase that covers whole words, or
 * lies inside one word, may. Otherwise it is refused only when it cuts into
 * a dictionary word of two or more characters across a confident boundary
 * (胎发 in 胚胎/发育, 个中 in 一个/中学生). */
static int phrase_ok(const unsigned char *isb, size_t pos, size_t end)
{
    if ((isb[pos] & WB_BOUND) && (isb[end] & WB_BOUND)) return 1;
    size_t first = 0, last = 0;   /* inner boundaries crossed (0: none) */
    for (size_t i = pos + 1; i < end; i++)
        if (isb[i] & WB_BOUND) {
            if (!first) first = i;
            last = i;
        }
    if (!first) return 1;
    if (!(isb[pos] & WB_BOUND) && (isb[first] & WB_LONG_L)) return 0;
    if (!(isb[end] & WB_BOUND) && (isb[last] & WB_LONG_R)) return 0;
    return 1;
}

struct prefix_ctx {
    const unsigned char *isb;
    size_t pos, best;
    sino_dict_value v;
};

static int keep_ok_prefix(void *ctx, size_t key_len, const sino_dict_value *v)
{
    struct prefix_ctx *p = ctx;
    if (phrase_ok(p->isb, p->pos, p->pos + key_len)) {
        p->best = key_len;
        p->v = *v;
    }
    return 0;
}

/* Whether the token s[0..n) is a word of the segmenter's dictionary. The
 * dictionary is Simplified: Traditional text (a configuration that reads
 * it) is looked up through the TSCharacters table, character by character. */
static int is_dict_word(const sino_conv *c, struct scratch *sc, const char *s, size_t n)
{
    const sino_dict *ts = c->tables[T_TSCharacters];
    if (!ts || c->def->seg != T_TSPhrases) return sino_seg_word_freq(c->seg, s, n) > 0;
    sino_buf_clear(&sc->w);
    for (size_t i = 0; i < n;) {
        size_t cl = char_len((unsigned char)s[i]);
        if (cl > n - i) cl = n - i;
        sino_dict_value v;
        int hit = sino_dict_get(ts, s + i, cl, &v);
        if (sino_buf_append(&sc->w, hit ? v.str : s + i, hit ? v.len : cl) != SINO_OK) return 0;
        i += cl;
    }
    return sino_seg_word_freq(c->seg, sc->w.data, sc->w.len) > 0;
}

/* Word boundaries of s[0..n) from the segmenter, as WB_ flags (isb has
 * n + 1 entries). */
static int word_bounds(const sino_conv *c, struct scratch *sc, const char *s, size_t n,
                       const unsigned char **isb, sino_error *err)
{
    sc->toks.n = 0;
    int st = sino_seg_cut(c->seg, s, n, c->seg_flags, &sc->toks, err);
    if (st != SINO_OK) return st;
    sino_buf_clear(&sc->isb);
    if (sino_buf_reserve(&sc->isb, n + 1) != SINO_OK)
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    memset(sc->isb.data, 0, n + 1);
    sc->isb.len = n + 1;
    unsigned char *b = (unsigned char *)sc->isb.data;
    b[0] = b[n] = WB_BOUND;
    int prev_dict = 0;   /* the token before is a dictionary word */
    for (size_t i = 0; i < sc->toks.n; i++) {
        size_t ts = sc->toks.v[i].start, te = sc->toks.v[i].end;
        if (ts > n || te > n || te <= ts) continue;
        int dict = is_dict_word(c, sc, s + ts, te - ts);
        int is_long = dict && count_chars(s + ts, te - ts) >= 2;
        b[ts] |= WB_BOUND;
        b[te] |= WB_BOUND;
        if (i > 0 && dict && prev_dict) b[ts] |= WB_SURE;
        if (is_long) {
            b[ts] |= WB_LONG_R;
            b[te] |= WB_LONG_L;
        }
        prev_dict = dict;
    }
    *isb = b;
    return SINO_OK;
}

/* Word-aware: may a run of unmatched characters be cut at the boundary b
 * (so that no phrase of a later step joins the words on both sides)? Only
 * at a confident boundary, and never inside a phrase of the first group's
 * other tables (a regional term such as 寮國 or 正規表示式) that starts on a
 * boundary of the run and ends on one: such a term is the target table's
 * own word, whatever the segmenter says. */
static int may_cut_run(const sino_conv *c, const unsigned char *isb, const char *s, size_t n,
                       size_t run, size_t b)
{
    if (!(isb[b] & WB_SURE)) return 0;
    const int *group = c->def->steps[0];
    int skip = group[0] == c->def->seg;
    for (size_t p = run; p < b; p++) {
        if (!(isb[p] & WB_BOUND)) continue;
        sino_dict_value v;
        size_t len = group_match(c, group, s + p, n - p, &v, skip);
        if (len > b - p && (isb[p + len] & WB_BOUND)) return 0;
    }
    return 1;
}

/* ---- --ambiguities: the conversion annotated ----
 *
 * Each segment is walked through the chain step by step, keeping the
 * alignment between the segment and each step's output as a list of pieces
 * (source bytes -> output bytes, and whether a one-to-many entry made
 * them). Pieces of consecutive steps are composed: where their boundaries
 * differ, the composed piece covers the whole stretch, ambiguous when any
 * part is. The output pieces are then written as JSON Lines (see
 * sino_conv_stream_new_ambiguities); the text is the plain conversion's. */

struct piece {
    size_t src, dst;       /* bytes in the step's input and output */
    const char *cands;     /* the one-to-many entry's candidates, or NULL */
    size_t cands_len;
    int step;              /* the step that matched it */
    int whole;             /* the piece is that entry alone */
};

struct pieces {
    struct piece *v;
    size_t n, cap;
};

struct amb_state {
    const sino_dict *cands;   /* opencc-cands.sdict */
    sino_buf lit;             /* literal text not yet written */
    sino_buf *out;            /* where records go during a feed */
    struct pieces have, step, comp;
    sino_buf cur, next, key, tmp;
    /* sources seen: "text" NUL-separated in names, found through a hash of
     * ids (open addressing, -1 empty) */
    sino_buf names;
    size_t *name_off;
    size_t n_names, name_cap;
    long *slots;
    size_t n_slots;
    uint64_t output_bytes, n_amb;
};

static int pieces_push(struct pieces *p, struct piece x)
{
    if (SINO_GROW(p->v, p->cap, p->n + 1)) return SINO_ERR_NOMEM;
    p->v[p->n++] = x;
    return SINO_OK;
}

static int amb_literal(struct amb_state *a, const char *p, size_t n)
{
    a->output_bytes += n;
    return sino_buf_append(&a->lit, p, n);
}

/* Write the pending literal text as a "lit" record. */
static int amb_flush_lit(struct amb_state *a)
{
    if (!a->lit.len) return SINO_OK;
    sino_buf *o = a->out;
    int st = sino_buf_append(o, "{\"type\":\"lit\",\"t\":", 18);
    if (!st) st = sino_buf_put_json(o, a->lit.data, a->lit.len);
    if (!st) st = sino_buf_append(o, "}\n", 2);
    sino_buf_clear(&a->lit);
    return st;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* The id of source s[0..n), added when new (*is_new = 1); -1: no memory. */
static long amb_source_id(struct amb_state *a, const char *s, size_t n, int *is_new)
{
    *is_new = 0;
    if (a->n_names * 2 >= a->n_slots) {
        /* grow the hash and re-insert */
        size_t ns = a->n_slots ? a->n_slots * 2 : 256;
        long *sl = malloc(ns * sizeof *sl);
        if (!sl) return -1;
        for (size_t i = 0; i < ns; i++) sl[i] = -1;
        for (size_t id = 0; id < a->n_names; id++) {
            const char *t = a->names.data + a->name_off[id];
            size_t h = hash_bytes(t, strlen(t)) & (ns - 1);
            while (sl[h] >= 0) h = (h + 1) & (ns - 1);
            sl[h] = (long)id;
        }
        free(a->slots);
        a->slots = sl;
        a->n_slots = ns;
    }
    size_t h = hash_bytes(s, n) & (a->n_slots - 1);
    for (; a->slots[h] >= 0; h = (h + 1) & (a->n_slots - 1)) {
        const char *t = a->names.data + a->name_off[a->slots[h]];
        if (strlen(t) == n && !memcmp(t, s, n)) return a->slots[h];
    }
    if (SINO_GROW(a->name_off, a->name_cap, a->n_names + 1)) return -1;
    a->name_off[a->n_names] = a->names.len;
    if (sino_buf_append(&a->names, s, n) != SINO_OK || sino_buf_putc(&a->names, '\0') != SINO_OK)
        return -1;
    a->slots[h] = (long)a->n_names;
    *is_new = 1;
    return (long)a->n_names++;
}

/* Longest match of the group at s[0..n), and which table of it matched. */
static size_t group_match_table(const sino_conv *c, const int *group, const char *s, size_t n,
                                sino_dict_value *v, int *table)
{
    for (int g = 0; g < MAX_GROUP && group[g] != T_NONE; g++) {
        size_t len = longest_t(c, group[g], s, n, v);
        if (len) {
            *table = group[g];
            return len;
        }
    }
    return 0;
}

/* One step over in[0..n) into a->next, its pieces into a->step. */
static int amb_walk_step(const sino_conv *c, struct amb_state *a, int step, const char *in, size_t n)
{
    sino_buf_clear(&a->next);
    a->step.n = 0;
    for (size_t pos = 0; pos < n;) {
        sino_dict_value v;
        int t = T_NONE;
        size_t len = group_match_table(c, c->def->steps[step], in + pos, n - pos, &v, &t);
        struct piece p = {0, 0, NULL, 0, step, 1};
        if (len) {
            const char *vp;
            size_t vn;
            first_value(&v, &vp, &vn);
            if (sino_buf_append(&a->next, vp, vn) != SINO_OK) return SINO_ERR_NOMEM;
            p.src = len;
            p.dst = vn;
            /* one-to-many: the entry has candidates in opencc-cands */
            sino_buf_clear(&a->key);
            sino_dict_value cv;
            if (t >= T_COUNT) goto pushed;   /* a configuration file's own table */
            if (sino_buf_printf(&a->key, "%s/", table_names[t]) != SINO_OK ||
                sino_buf_append(&a->key, in + pos, len) != SINO_OK)
                return SINO_ERR_NOMEM;
            if (sino_dict_get(a->cands, a->key.data, a->key.len, &cv)) {
                p.cands = cv.str;
                p.cands_len = cv.len;
            }
        pushed:;
        } else {
            len = char_len((unsigned char)in[pos]);
            if (len > n - pos) len = n - pos;
            if (sino_buf_append(&a->next, in + pos, len) != SINO_OK) return SINO_ERR_NOMEM;
            p.src = p.dst = len;
        }
        if (pieces_push(&a->step, p) != SINO_OK) return SINO_ERR_NOMEM;
        pos += len;
    }
    return SINO_OK;
}

/* a->have (segment -> previous output) composed with a->step (previous
 * output -> this step's), into a->have. */
static int amb_compose(struct amb_state *a)
{
    struct pieces *x = &a->have, *y = &a->step;
    a->comp.n = 0;
    size_t i = 0, j = 0;
    while (i < x->n || j < y->n) {
        struct piece p = {0, 0, NULL, 0, 0, 1};
        size_t mid_x = 0, mid_y = 0;
        int parts = 0;
        /* take pieces from both sides until they end at the same place */
        do {
            struct piece *q = NULL;
            if (i < x->n && (mid_x <= mid_y || j >= y->n)) {
                q = &x->v[i++];
                p.src += q->src;
                mid_x += q->dst;
            } else if (j < y->n) {
                q = &y->v[j++];
                p.dst += q->dst;
                mid_y += q->src;
            } else {
                break;
            }
            parts++;
            if (q->cands && !p.cands) {
                p.cands = q->cands;
                p.cands_len = q->cands_len;
                p.step = q->step;
                p.whole = q->whole;
            }
        } while (mid_x != mid_y || (mid_x == 0 && (i < x->n || j < y->n)));
        if (parts > 2) p.whole = 0;   /* the entry is only part of the stretch */
        if (pieces_push(&a->comp, p) != SINO_OK) return SINO_ERR_NOMEM;
    }
    struct pieces t = a->have;
    a->have = a->comp;
    a->comp = t;
    return SINO_OK;
}

/* A "def" record for a new source: its text and every candidate of the
 * entry (through the later steps of the chain) when the span is that entry
 * alone. */
static int amb_def(const sino_conv *c, struct scratch *sc, struct amb_state *a, long id,
                   const char *src, size_t n, const struct piece *p)
{
    sino_buf *o = a->out;
    int st = sino_buf_printf(o, "{\"type\":\"def\",\"id\":%ld,\"s\":", id);
    if (!st) st = sino_buf_put_json(o, src, n);
    if (!st && p->whole && p->cands) {
        st = sino_buf_append(o, ",\"c\":[", 6);
        size_t i = 0, k = 0;
        while (!st && i < p->cands_len) {
            const char *sp = memchr(p->cands + i, ' ', p->cands_len - i);
            size_t e = sp ? (size_t)(sp - p->cands) : p->cands_len;
            sino_buf_clear(&a->tmp);
            st = steps_from(c, sc, p->step + 1, p->cands + i, e - i, &a->tmp);
            if (!st && k++) st = sino_buf_putc(o, ',');
            if (!st) st = sino_buf_put_json(o, a->tmp.data, a->tmp.len);
            i = e + 1;
        }
        if (!st) st = sino_buf_putc(o, ']');
    }
    if (!st) st = sino_buf_append(o, "}\n", 2);
    return st;
}

static int annotate_segment(const sino_conv *c, struct scratch *sc, const char *s, size_t n,
                            sino_buf *out)
{
    (void)out;
    struct amb_state *a = sc->amb;
    const struct config_def *def = c->def;
    sino_buf_clear(&a->cur);
    if (sino_buf_append(&a->cur, s, n) != SINO_OK) return SINO_ERR_NOMEM;
    a->have.n = 0;
    for (int i = 0; i < def->n_steps; i++) {
        if (amb_walk_step(c, a, i, a->cur.data, a->cur.len) != SINO_OK) return SINO_ERR_NOMEM;
        if (i == 0) {
            struct pieces t = a->have;
            a->have = a->step;
            a->step = t;
        } else if (amb_compose(a) != SINO_OK) {
            return SINO_ERR_NOMEM;
        }
        sino_buf t = a->cur;
        a->cur = a->next;
        a->next = t;
    }
    size_t so = 0, d = 0;
    int st = SINO_OK;
    for (size_t k = 0; k < a->have.n && st == SINO_OK; k++) {
        const struct piece *p = &a->have.v[k];
        const char *t = a->cur.data + d;
        if (!p->cands) {
            st = amb_literal(a, t, p->dst);
        } else {
            int is_new;
            long id = amb_source_id(a, s + so, p->src, &is_new);
            if (id < 0) return SINO_ERR_NOMEM;
            st = amb_flush_lit(a);
            if (!st && is_new) st = amb_def(c, sc, a, id, s + so, p->src, p);
            if (!st) st = sino_buf_append(a->out, "{\"type\":\"amb\",\"t\":", 18);
            if (!st) st = sino_buf_put_json(a->out, t, p->dst);
            if (!st) st = sino_buf_printf(a->out, ",\"s\":%ld}\n", id);
            a->output_bytes += p->dst;
            a->n_amb++;
        }
        so += p->src;
        d += p->dst;
    }
    return st;
}

static int convert_span(const sino_conv *c, struct scratch *sc, const char *s,
                        size_t n, sino_buf *out, size_t *stop, sino_error *err)
{
    const struct config_def *def = c->def;
    if (stop) *stop = 0;
    if (!c->seg && !sc->amb && def->steps[0][0] == def->seg &&
        (def->fused != T_NONE || def->steps[0][1] == T_NONE)) {
        if (convert_fused(c, sc, s, n, out, stop) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return SINO_OK;
    }
    const sino_dict *seg = c->tables[c->def->seg];
    const unsigned char *isb = NULL;
    if (stop && c->seg) return SINO_OK;   /* word-aware: no partial conversion */
    size_t look = stop ? lookahead(c, c->def->seg) : 0;
    if (c->seg && n) {
        int st = word_bounds(c, sc, s, n, &isb, err);
        if (st != SINO_OK) return st;
    }
    size_t pos = 0, run = 0;   /* run: start of pending unmatched characters */
    sc->span = s;
    sc->refused_start = sc->refused_end = 0;
    /* word-aware runs may hold rejected phrase starts */
    int run_kind = isb ? SEG_OTHER : SEG_RUN;
    int st = SINO_OK;
    while (pos < n) {
        sino_dict_value v;
        if (stop && n - pos < look) {
            *stop = run;   /* the pending run is redone with what follows */
            return SINO_OK;
        }
        if (c->user) {
            size_t ul = sino_dict_longest(c->user, s + pos, n - pos, &v);
            if (ul) {
                if (run < pos && (st = chain_convert(c, sc, s + run, pos - run, out, run_kind, NULL)))
                    break;
                if ((st = sc->amb ? amb_literal(sc->amb, v.str, v.len)
                              : sino_buf_append(out, v.str, v.len))) break;
                pos += ul;
                run = pos;
                continue;
            }
        }
        size_t len = longest_t(c, c->def->seg, s + pos, n - pos, &v);
        if (len && isb && !phrase_ok(isb, pos, pos + len)) {
            sc->refused_start = pos;
            sc->refused_end = pos + len;
            /* the longest key that respects the word boundaries, if any */
            struct prefix_ctx pc = {isb, pos, 0, v};
            sino_dict_prefixes(seg, s + pos, len, keep_ok_prefix, &pc);
            len = pc.best;
            v = pc.v;
        }
        if (len) {
            if (run < pos && (st = chain_convert(c, sc, s + run, pos - run, out, run_kind, NULL)))
                break;
            /* where word-aware departs from OpenCC's phrase, a phrase that
             * leaves a convertible character alone is not trusted */
            int kind = isb && pos > sc->refused_start && pos < sc->refused_end &&
                               keeps_convertible(c, s + pos, len, &v)
                           ? SEG_RUN : SEG_MATCHED;
            if ((st = chain_convert(c, sc, s + pos, len, out, kind, kind == SEG_MATCHED ? &v : NULL))) break;
            pos += len;
            run = pos;
        } else {
            size_t cl = char_len((unsigned char)s[pos]);
            pos += cl < n - pos ? cl : n - pos;
            if (isb && run < pos && may_cut_run(c, isb, s, n, run, pos)) {
                /* word-aware: unmatched runs end at word boundaries too */
                if ((st = chain_convert(c, sc, s + run, pos - run, out, run_kind, NULL))) break;
                run = pos;
            }
        }
    }
    if (st == SINO_OK && run < pos) st = chain_convert(c, sc, s + run, pos - run, out, run_kind, NULL);
    if (st != SINO_OK) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    if (stop) *stop = n;
    return SINO_OK;
}

int sino_conv_convert(const sino_conv *c, const char *s, size_t n, sino_buf *out,
                      sino_error *err)
{
    struct scratch sc;
    scratch_init(&sc);
    int st = convert_span(c, &sc, s, n, out, NULL, err);
    scratch_free(&sc);
    return st;
}

/* ---- streaming ---- */

struct sino_conv_stream {
    const sino_conv *c;
    size_t limit;
    sino_buf carry;
    struct scratch sc;
    struct amb_state *amb;   /* --ambiguities, or NULL */
    sino_dict *cands;
};

static void amb_free(struct amb_state *a)
{
    if (!a) return;
    sino_buf_free(&a->lit);
    sino_buf_free(&a->cur);
    sino_buf_free(&a->next);
    sino_buf_free(&a->key);
    sino_buf_free(&a->tmp);
    sino_buf_free(&a->names);
    free(a->have.v);
    free(a->step.v);
    free(a->comp.v);
    free(a->name_off);
    free(a->slots);
    free(a);
}

sino_conv_stream *sino_conv_stream_new_ambiguities(const sino_conv *c, size_t limit,
                                                   sino_error *err)
{
    sino_conv_stream *st = sino_conv_stream_new(c, limit, err);
    if (!st) return NULL;
    st->cands = sino_data_open_dict("opencc-cands.sdict", "opencc-cands", err);
    st->amb = st->cands ? calloc(1, sizeof *st->amb) : NULL;
    if (!st->amb) {
        if (st->cands) sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        sino_conv_stream_free(st);
        return NULL;
    }
    struct amb_state *a = st->amb;
    a->cands = st->cands;
    sino_buf_init(&a->lit);
    sino_buf_init(&a->cur);
    sino_buf_init(&a->next);
    sino_buf_init(&a->key);
    sino_buf_init(&a->tmp);
    sino_buf_init(&a->names);
    st->sc.amb = a;
    return st;
}

int sino_conv_stream_end(sino_conv_stream *st, sino_buf *out, sino_error *err)
{
    struct amb_state *a = st->amb;
    if (!a) return SINO_OK;
    if (sino_buf_printf(out, "{\"type\":\"end\",\"output_bytes\":%llu,\"ambiguities\":%llu,"
                             "\"sources\":%llu}\n",
                        (unsigned long long)a->output_bytes, (unsigned long long)a->n_amb,
                        (unsigned long long)a->n_names) != SINO_OK)
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    return SINO_OK;
}

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
    scratch_init(&st->sc);
    return st;
}

void sino_conv_stream_free(sino_conv_stream *st)
{
    if (!st) return;
    sino_buf_free(&st->carry);
    scratch_free(&st->sc);
    amb_free(st->amb);
    sino_dict_close(st->cands);
    free(st);
}

/* Whether the character at s[i..i+len) occurs in no dictionary key, so that
 * no phrase can span it. */
static int is_break_char(const sino_conv *c, const char *s, size_t len)
{
    if (c->user || c->custom) {
        /* user phrases (and the keys of a configuration file's own
         * dictionaries) may span anything but a line */
        return len == 1 && s[0] == '\n';
    }
    if (c->seg) {
        /* where the segmenter splits its blocks anyway: a space or a
         * Chinese punctuation mark (and no key contains it) */
        static const char *const seps[] = {" ", "\t", "，", "。", "！", "？", "；", "：", "、"};
        int sep = 0;
        for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
            if (strlen(seps[i]) == len && !memcmp(seps[i], s, len)) sep = 1;
        if (!sep) return len == 1 && s[0] == '\n';
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
        if (((unsigned char)s[start] & 0xC0) == 0x80) break;   /* window edge mid-character */
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
        if (n && sino_buf_append(&st->carry, s, n) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        p = st->carry.data;
        len = st->carry.len;
    }
    size_t cut = final ? len : safe_cut(st->c, p, len);
    int rc = SINO_OK;
    if (st->amb) st->amb->out = out;
    if (cut) {
        rc = convert_span(st->c, &st->sc, p, cut, out, NULL, err);
    } else if (len > st->limit) {
        /* No safe point in a long stretch: convert what the rest cannot
         * change (greedy matches whose lookahead is complete) ... */
        size_t done = 0;
        rc = convert_span(st->c, &st->sc, p, len, out, &done, err);
        cut = done;
        if (rc == SINO_OK && cut == 0) {
            /* ... or, when even that is impossible (word-aware, or one
             * pending run as long as the limit), cut at a character */
            cut = len - sino_utf8_incomplete_tail((const unsigned char *)p, len);
            rc = convert_span(st->c, &st->sc, p, cut, out, NULL, err);
        }
    }
    if (rc == SINO_OK && st->amb && amb_flush_lit(st->amb) != SINO_OK)
        rc = sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    if (rc != SINO_OK) return rc;
    if (st->carry.len) {
        if (cut) memmove(st->carry.data, st->carry.data + cut, len - cut);
        st->carry.len = len - cut;
    } else if (cut < len) {
        if (sino_buf_append(&st->carry, p + cut, len - cut) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    return SINO_OK;
}
