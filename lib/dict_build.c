/* dict_build.c - compiling keys into the double-array trie image. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict_format.h"
#include "grow_int.h"
#include "sino_dict.h"

struct entry {
    size_t key_off, str_off;
    uint32_t key_len, str_len, num;
    uint32_t seq;                  /* insertion order: a later add wins */
    const unsigned char *kp;       /* key bytes, set just before sorting */
};

struct sino_dict_builder {
    sino_buf keys, strs;
    struct entry *ents;
    size_t n, cap;
};

/* The double array under construction, with a doubly linked free list so a
 * base can be found without rescanning occupied units. */
struct dat {
    int32_t *base, *check;
    int32_t *next_free, *prev_free;   /* free-list links, -1 = none */
    int32_t free_head, free_tail;
    size_t cap, used_max;
};

sino_dict_builder *sino_dict_builder_new(void)
{
    sino_dict_builder *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    sino_buf_init(&b->keys);
    sino_buf_init(&b->strs);
    return b;
}

void sino_dict_builder_free(sino_dict_builder *b)
{
    if (!b) return;
    sino_buf_free(&b->keys);
    sino_buf_free(&b->strs);
    free(b->ents);
    free(b);
}

size_t sino_dict_builder_count(const sino_dict_builder *b) { return b->n; }

int sino_dict_builder_add(sino_dict_builder *b, const void *key, size_t key_len,
                          uint32_t num, const void *str, size_t str_len,
                          sino_error *err)
{
    /* the trie is built recursively, one frame per key byte: keep keys short */
    if (key_len == 0 || key_len > SINO_DICT_MAX_KEY)
        return sino_fail(err, SINO_ERR_USAGE, "key length %zu out of range", key_len);
    if (str_len > UINT32_MAX / 2 || b->n >= INT32_MAX / 2)
        return sino_fail(err, SINO_ERR_USAGE, "dictionary too large");
    if (SINO_GROW(b->ents, b->cap, b->n + 1)) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    struct entry *e = &b->ents[b->n];
    e->key_off = b->keys.len;
    e->key_len = (uint32_t)key_len;
    e->str_off = b->strs.len;
    e->str_len = (uint32_t)str_len;
    e->num = num;
    e->seq = (uint32_t)b->n;
    if (sino_buf_append(&b->keys, key, key_len) != SINO_OK ||
        sino_buf_append(&b->strs, str ? str : "", str_len) != SINO_OK)
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    b->n++;
    return SINO_OK;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const struct entry *a = pa, *b = pb;
    size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
    int c = memcmp(a->kp, b->kp, n);
    if (c) return c;
    if (a->key_len != b->key_len) return a->key_len < b->key_len ? -1 : 1;
    return a->seq < b->seq ? -1 : (a->seq > b->seq);
}

/* Sort by key and keep the last-added entry of each key. */
static void sort_and_dedupe(sino_dict_builder *b)
{
    for (size_t i = 0; i < b->n; i++)
        b->ents[i].kp = (const unsigned char *)b->keys.data + b->ents[i].key_off;
    if (b->n > 1)   /* ents is NULL when nothing was added */
        qsort(b->ents, b->n, sizeof *b->ents, cmp_entry);
    size_t out = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct entry *e = &b->ents[i];
        if (i + 1 < b->n && e->key_len == b->ents[i + 1].key_len &&
            memcmp(e->kp, b->ents[i + 1].kp, e->key_len) == 0)
            continue;
        b->ents[out++] = *e;
    }
    b->n = out;
}

static int dat_grow(struct dat *a, size_t need)
{
    if (need <= a->cap) return 0;
    /* four arrays of one capacity: each grows from a->cap to the same cap */
    size_t cap = a->cap;
    int32_t **arr[4] = {&a->base, &a->check, &a->next_free, &a->prev_free};
    for (int k = 0; k < 4; k++) {
        cap = a->cap;
        if (sino_grow(arr[k], &cap, need, sizeof **arr[k]) != SINO_OK) return -1;
    }
    if (cap > INT32_MAX) return -1;   /* units are int32_t indices */
    for (size_t i = a->cap; i < cap; i++) {      /* append to the free list */
        a->base[i] = 0;
        a->check[i] = DICT_FREE;
        a->prev_free[i] = a->free_tail;
        a->next_free[i] = -1;
        if (a->free_tail >= 0) a->next_free[a->free_tail] = (int32_t)i;
        else a->free_head = (int32_t)i;
        a->free_tail = (int32_t)i;
    }
    a->cap = cap;
    return 0;
}

static void dat_take(struct dat *a, int32_t i, int32_t parent)
{
    int32_t nx = a->next_free[i], pv = a->prev_free[i];
    if (pv >= 0) a->next_free[pv] = nx;
    else a->free_head = nx;
    if (nx >= 0) a->prev_free[nx] = pv;
    else a->free_tail = pv;
    a->check[i] = parent;
    if ((size_t)i + 1 > a->used_max) a->used_max = (size_t)i + 1;
}

/* Find a base where every code of codes[0..k) lands on a free unit. */
static int64_t dat_find_base(struct dat *a, const uint32_t *codes, size_t k)
{
    int32_t pos = a->free_head;
    for (;;) {
        if (pos < 0) {
            size_t old = a->cap;
            if (dat_grow(a, a->cap * 2) != 0) return -1;
            pos = (int32_t)old;
        }
        int64_t b = (int64_t)pos - codes[0];
        if (b >= 1) {
            if (dat_grow(a, (size_t)b + codes[k - 1] + 1) != 0) return -1;
            size_t i = 1;
            while (i < k && a->check[b + codes[i]] == DICT_FREE) i++;
            if (i == k) return b;
        }
        pos = a->next_free[pos];
    }
}

/* Place the children of node for keys ents[lo..hi) sharing a prefix of depth
 * bytes, then recurse into each child. */
static int dat_insert(struct dat *a, const sino_dict_builder *bd, int32_t node,
                      size_t lo, size_t hi, size_t depth)
{
    const unsigned char *keys = (const unsigned char *)bd->keys.data;
    uint32_t codes[257];
    size_t starts[258], k = 0;
    for (size_t i = lo; i < hi; i++) {
        const struct entry *e = &bd->ents[i];
        uint32_t c = depth < e->key_len ? (uint32_t)keys[e->key_off + depth] + 1 : 0;
        if (k == 0 || codes[k - 1] != c) {
            codes[k] = c;
            starts[k] = i;
            k++;
        }
    }
    starts[k] = hi;
    int64_t b = dat_find_base(a, codes, k);
    if (b < 0) return -1;
    a->base[node] = (int32_t)b;
    for (size_t j = 0; j < k; j++) dat_take(a, (int32_t)(b + codes[j]), node);
    for (size_t j = 0; j < k; j++) {
        int32_t t = (int32_t)(b + codes[j]);
        if (codes[j] == 0) {
            a->base[t] = (int32_t)starts[j];   /* key index */
            continue;
        }
        if (dat_insert(a, bd, t, starts[j], starts[j + 1], depth + 1) != 0) return -1;
    }
    return 0;
}

static void dat_free(struct dat *a)
{
    free(a->base);
    free(a->check);
    free(a->next_free);
    free(a->prev_free);
}

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Build the complete file image in memory. */
static int build_image(sino_dict_builder *b, const char *kind, const uint64_t aux[2],
                       unsigned char **out, size_t *out_size, sino_error *err)
{
    if (kind && strlen(kind) >= DICT_KIND_LEN)
        return sino_fail(err, SINO_ERR_USAGE, "kind name too long");
    sort_and_dedupe(b);
    struct dat a = {0};
    a.free_head = -1;
    a.free_tail = -1;
    if (dat_grow(&a, 1024) != 0) {
        dat_free(&a);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    dat_take(&a, 0, DICT_ROOT_CHECK);
    a.base[0] = 1;
    if (b->n > 0 && dat_insert(&a, b, 0, 0, b->n, 0) != 0) {
        dat_free(&a);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory building trie");
    }
    size_t n_units = a.used_max + 257;        /* room so base + code stays in range */
    if (dat_grow(&a, n_units) != 0) {
        dat_free(&a);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    uint32_t max_key = 0;
    size_t payload = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->ents[i].key_len > max_key) max_key = b->ents[i].key_len;
        payload += b->ents[i].str_len;
    }
    struct dict_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, DICT_MAGIC, 8);
    h.version = SINO_DICT_VERSION;
    h.header_size = sizeof h;
    h.endian = DICT_ENDIAN_MARK;
    h.n_units = (uint32_t)n_units;
    h.n_keys = (uint32_t)b->n;
    h.max_key_len = max_key;
    h.units_off = align8(sizeof h);
    h.values_off = align8(h.units_off + n_units * sizeof(struct dict_unit));
    h.payload_off = align8(h.values_off + b->n * sizeof(struct dict_value_rec));
    h.payload_size = payload;
    h.file_size = h.payload_off + payload;
    if (kind) memcpy(h.kind, kind, strlen(kind));
    if (aux) {
        h.aux[0] = aux[0];
        h.aux[1] = aux[1];
    }
    unsigned char *img = calloc(1, h.file_size);
    if (!img) {
        dat_free(&a);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    struct dict_unit *units = (void *)(img + h.units_off);
    for (size_t i = 0; i < n_units; i++) {
        units[i].base = a.base[i];
        units[i].check = a.check[i];
    }
    dat_free(&a);
    struct dict_value_rec *vals = (void *)(img + h.values_off);
    size_t off = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct entry *e = &b->ents[i];
        vals[i].num = e->num;
        vals[i].str_off = (uint32_t)off;
        vals[i].str_len = e->str_len;
        memcpy(img + h.payload_off + off, b->strs.data + e->str_off, e->str_len);
        off += e->str_len;
    }
    h.body_hash = sino_hash64(img + sizeof h, h.file_size - sizeof h);
    h.header_hash = (uint32_t)sino_hash64(&h, offsetof(struct dict_header, header_hash));
    memcpy(img, &h, sizeof h);
    *out = img;
    *out_size = h.file_size;
    return SINO_OK;
}

int sino_dict_builder_write(sino_dict_builder *b, const char *path,
                            const char *kind, const uint64_t aux[2], sino_error *err)
{
    unsigned char *img;
    size_t size;
    int st = build_image(b, kind, aux, &img, &size, err);
    if (st != SINO_OK) return st;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        free(img);
        return sino_fail(err, SINO_ERR_IO, "%s: %s", tmp, strerror(errno));
    }
    size_t wrote = fwrite(img, 1, size, f);
    free(img);
    if (fclose(f) != 0 || wrote != size) {
        unlink(tmp);
        return sino_fail(err, SINO_ERR_IO, "%s: write failed", tmp);
    }
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return sino_fail(err, SINO_ERR_IO, "%s: %s", path, strerror(errno));
    }
    return SINO_OK;
}

sino_dict *sino_dict_from_image(void *image, size_t size, const char *kind,
                                sino_error *err);

sino_dict *sino_dict_builder_to_dict(sino_dict_builder *b, const char *kind,
                                     const uint64_t aux[2], sino_error *err)
{
    unsigned char *img;
    size_t size;
    if (build_image(b, kind, aux, &img, &size, err) != SINO_OK) return NULL;
    return sino_dict_from_image(img, size, kind, err);
}
