/* seg_main.c - a main dictionary in jieba's dict.txt format, compiled in
 * memory (sseg -D, jieba's -D / set_dictionary): the same two tables the
 * data build makes from jieba's dictionary (data/jieba.mk and
 * data/sseg-words.py), so that segmentation with them is jieba's with that
 * dictionary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_int.h"
#include "seg_int.h"
#include "sino_io.h"

static int is_strip_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* One stripped line, split as jieba's gen_pfdict does: the fields between
 * single spaces; the first is the word, the second its frequency (digits),
 * the third, if any, its part-of-speech tag. 0 when malformed. */
static int parse_entry(const char *p, size_t n, size_t *wl, uint32_t *freq, const char **tag,
                       size_t *tl)
{
    const char *sp = memchr(p, ' ', n);
    if (!sp || sp == p) return 0;
    *wl = (size_t)(sp - p);
    const char *f = sp + 1, *end = p + n;
    const char *fe = memchr(f, ' ', (size_t)(end - f));
    if (!fe) fe = end;
    if (fe == f) return 0;
    uint64_t v = 0;
    for (const char *q = f; q < fe; q++) {
        if (*q < '0' || *q > '9') return 0;
        v = v * 10 + (uint64_t)(*q - '0');
        if (v > UINT32_MAX) return 0;
    }
    *freq = (uint32_t)v;
    *tag = fe < end ? fe + 1 : fe;
    *tl = fe < end ? (size_t)(end - fe - 1) : 0;
    const char *te = memchr(*tag, ' ', *tl);
    if (te) *tl = (size_t)(te - *tag);
    return 1;
}

/* The words table from the file: word -> frequency, tag; the total is the
 * sum over all lines (a word given twice counts twice, as in jieba). */
static sino_dict *read_words(const char *path, sino_error *err)
{
    sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_FAIL, 0};
    sino_reader *r = sino_reader_open(path, &ro, err);
    if (!r) return sino_error_prefix(err, path), NULL;
    /* UTF-8, as jieba reads it: no detection */
    if (sino_reader_set_encoding(r, "utf-8", err) != SINO_OK) {
        sino_reader_close(r);
        return NULL;
    }
    sino_dict_builder *b = sino_dict_builder_new();
    if (!b) {
        sino_reader_close(r);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    }
    uint64_t total = 0, lineno = 0;
    sino_record rec;
    int st;
    while ((st = sino_reader_next(r, &rec, err)) > 0) {
        if (rec.continued) continue;
        lineno++;
        const char *p = rec.data;
        size_t n = rec.len;
        while (n && is_strip_space((unsigned char)p[0])) p++, n--;
        while (n && is_strip_space((unsigned char)p[n - 1])) n--;
        if (!n) continue;
        size_t wl, tl;
        uint32_t freq;
        const char *tag;
        if (!parse_entry(p, n, &wl, &freq, &tag, &tl)) {
            st = sino_fail(err, SINO_ERR_FORMAT, "%s: line %llu: not \"word frequency [tag]\"",
                           path, (unsigned long long)lineno);
            break;
        }
        st = sino_dict_builder_add(b, p, wl, freq, tag, tl, err);
        if (st) break;
        total += freq;
    }
    sino_reader_close(r);
    if (st < 0 && err && err->code == SINO_ERR_UTF8) {
        char pre[64];
        snprintf(pre, sizeof pre, "line %llu", (unsigned long long)lineno + 1);
        sino_error_prefix(err, pre);
        sino_error_prefix(err, path);
    }
    sino_dict *d = NULL;
    if (st == 0 && total == 0)
        sino_fail(err, SINO_ERR_FORMAT, "%s: no word with a frequency above 0", path);
    else if (st == 0) {
        uint64_t aux[2] = {total, 0};
        d = sino_dict_builder_to_dict(b, "jieba-words", aux, err);
    }
    sino_dict_builder_free(b);
    return d;
}

/* What the re-keying needs to know of the words: how much each Chinese
 * character weighs (the sum of the frequencies of the words holding it) and
 * the distinct frequencies. */
struct survey {
    uint64_t *weight;
    uint8_t *seen;
    uint32_t *freqs;
    size_t nfreqs, capfreqs;
};

static int add_freq(struct survey *sv, uint32_t f)
{
    if (SINO_GROW(sv->freqs, sv->capfreqs, sv->nfreqs + 1)) return -1;
    sv->freqs[sv->nfreqs++] = f;
    return 0;
}

static int survey_word(void *ctx, const char *key, size_t len, const sino_dict_value *v)
{
    struct survey *sv = ctx;
    for (size_t i = 0; i < len;) {
        int32_t c;
        i += (size_t)sino_utf8_decode((const unsigned char *)key + i, len - i, &c);
        if (c >= EMIT_FIRST && c < EMIT_FIRST + EMIT_COUNT) {
            sv->weight[c - EMIT_FIRST] += v->num;
            sv->seen[c - EMIT_FIRST] = 1;
        }
    }
    return add_freq(sv, v->num);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static const uint64_t *rank_weight;   /* for cmp_rank (qsort has no context) */

/* heavier first; equal weights by code point */
static int cmp_rank(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    uint64_t wx = rank_weight[x - EMIT_FIRST], wy = rank_weight[y - EMIT_FIRST];
    if (wx != wy) return wx > wy ? -1 : 1;
    return x < y ? -1 : x > y;
}

struct rekey {
    sino_dict_builder *b;
    const uint32_t *swap;    /* code point < 0x10000 -> the one it swaps with, or 0 */
    const uint32_t *freqs;
    size_t nfreqs;
    sino_error *err;
};

static uint32_t freq_id(const uint32_t *freqs, size_t n, uint32_t f)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (freqs[mid] < f) lo = mid + 1;
        else hi = mid;
    }
    return (uint32_t)lo;
}

static int rekey_word(void *ctx, const char *key, size_t len, const sino_dict_value *v)
{
    struct rekey *rk = ctx;
    sino_buf k;
    sino_buf_init(&k);
    int st = SINO_OK;
    for (size_t i = 0; i < len && st == SINO_OK;) {
        int32_t c;
        i += (size_t)sino_utf8_decode((const unsigned char *)key + i, len - i, &c);
        uint32_t u = c < 0 ? SINO_REPLACEMENT_CHAR : (uint32_t)c;
        if (u < 0x10000 && rk->swap[u]) u = rk->swap[u];
        st = sino_buf_put_cp(&k, u);
    }
    if (st == SINO_OK)
        st = sino_dict_builder_add(rk->b, k.data, k.len, freq_id(rk->freqs, rk->nfreqs, v->num),
                                   "", 0, rk->err);
    sino_buf_free(&k);
    return st == SINO_OK ? 0 : -1;
}

/* The " R", " I" and " F" entries (see data/sseg-words.py). */
static int add_tables(sino_dict_builder *b, const sino_dict *words, const uint32_t *ranked,
                      size_t nslots, const uint32_t *freqs, size_t nfreqs, sino_error *err)
{
    sino_buf r, ids, fs;
    sino_buf_init(&r);
    sino_buf_init(&ids);
    sino_buf_init(&fs);
    int st = SINO_OK;
    for (size_t i = 0; i < nslots && st == SINO_OK; i++) {
        unsigned char u[4];
        int n = sino_utf8_encode(ranked[i], u);
        sino_dict_value v;
        uint32_t f = sino_dict_get(words, u, (size_t)n, &v) ? v.num : 0;
        st = sino_buf_put_cp(&r, ranked[i]);
        if (st == SINO_OK)
            st = sino_buf_printf(&ids, "%s%u", i ? " " : "", freq_id(freqs, nfreqs, f));
    }
    for (size_t i = 0; i < nfreqs && st == SINO_OK; i++)
        st = sino_buf_printf(&fs, "%s%u", i ? " " : "", freqs[i]);
    if (st != SINO_OK) st = sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    if (st == SINO_OK) st = sino_dict_builder_add(b, " R", 2, 0, r.data, r.len, err);
    if (st == SINO_OK) st = sino_dict_builder_add(b, " I", 2, 0, ids.data, ids.len, err);
    if (st == SINO_OK) st = sino_dict_builder_add(b, " F", 2, 0, fs.data, fs.len, err);
    sino_buf_free(&r);
    sino_buf_free(&ids);
    sino_buf_free(&fs);
    return st;
}

/* The DAG table: the heaviest Chinese characters swap code points with the
 * slots (shorter in UTF-8), in every key. */
static sino_dict *rekey_words(const sino_dict *words, sino_error *err)
{
    struct survey sv = {calloc(EMIT_COUNT, sizeof(uint64_t)), calloc(EMIT_COUNT, 1), NULL, 0, 0};
    uint32_t *ranked = malloc(EMIT_COUNT * sizeof *ranked);
    uint32_t *swap = calloc(0x10000, sizeof *swap);
    sino_dict_builder *b = sino_dict_builder_new();
    sino_dict *dag = NULL;
    if (!sv.weight || !sv.seen || !ranked || !swap || !b ||
        sino_dict_each(words, survey_word, &sv) != 0 || add_freq(&sv, 0) != 0) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        goto done;
    }
    qsort(sv.freqs, sv.nfreqs, sizeof *sv.freqs, cmp_u32);
    size_t nf = 0;
    for (size_t i = 0; i < sv.nfreqs; i++)
        if (!nf || sv.freqs[nf - 1] != sv.freqs[i]) sv.freqs[nf++] = sv.freqs[i];
    size_t nranked = 0;
    for (uint32_t i = 0; i < EMIT_COUNT; i++)
        if (sv.seen[i]) ranked[nranked++] = EMIT_FIRST + i;
    rank_weight = sv.weight;
    qsort(ranked, nranked, sizeof *ranked, cmp_rank);
    size_t nslots = 0;
    for (uint32_t slot = 0x21; slot < SLOT_LIMIT && nslots < nranked; slot++) {
        if (!seg_is_slot(slot)) continue;
        swap[ranked[nslots]] = slot;
        swap[slot] = ranked[nslots];
        nslots++;
    }
    struct rekey rk = {b, swap, sv.freqs, nf, err};
    if (sino_dict_each(words, rekey_word, &rk) != 0) {
        if (err && err->code == 0) sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (add_tables(b, words, ranked, nslots, sv.freqs, nf, err) != SINO_OK) goto done;
    dag = sino_dict_builder_to_dict(b, "sseg-words", NULL, err);
done:
    sino_dict_builder_free(b);
    free(sv.weight);
    free(sv.seen);
    free(sv.freqs);
    free(ranked);
    free(swap);
    return dag;
}

int seg_build_main(const char *path, sino_dict **words, sino_dict **dag, sino_error *err)
{
    *words = read_words(path, err);
    if (!*words) return err && err->code ? err->code : SINO_ERR_FORMAT;
    *dag = rekey_words(*words, err);
    if (!*dag) {
        sino_dict_close(*words);
        *words = NULL;
        return err && err->code ? err->code : SINO_ERR_NOMEM;
    }
    return SINO_OK;
}
