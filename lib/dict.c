/* dict.c - opening and querying compiled dictionaries. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dict_format.h"
#include "sino_dict.h"

struct sino_dict {
    const unsigned char *base;     /* the whole image */
    size_t size;
    int mapped;                    /* munmap on close, else free */
    const struct dict_header *hdr;
    const struct dict_unit *units;
    const struct dict_value_rec *values;
    const char *payload;
    uint32_t n_units;
};

uint64_t sino_hash64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)len;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h ^= w;
        h *= 0xFF51AFD7ED558CCDULL;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    uint64_t tail = 0;
    memcpy(&tail, p, len);
    h ^= tail;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 32;
    return h;
}

static int section_ok(uint64_t off, uint64_t size, uint64_t file)
{
    return off <= file && size <= file - off && (off % 8) == 0;
}

/* Validate header and section bounds of the image in d. */
static int check_image(sino_dict *d, const char *kind, sino_error *err)
{
    const struct dict_header *h = (const void *)d->base;
    if (d->size < sizeof *h || memcmp(h->magic, DICT_MAGIC, 8) != 0)
        return sino_fail(err, SINO_ERR_FORMAT, "not a sino dictionary (bad magic)");
    if (h->endian != DICT_ENDIAN_MARK)
        return sino_fail(err, SINO_ERR_FORMAT, "dictionary built for another byte order");
    if (h->version != SINO_DICT_VERSION)
        return sino_fail(err, SINO_ERR_FORMAT,
                         "dictionary format version %u, this program reads %u; rebuild it",
                         h->version, SINO_DICT_VERSION);
    size_t hashed = offsetof(struct dict_header, header_hash);
    if ((uint32_t)sino_hash64(h, hashed) != h->header_hash)
        return sino_fail(err, SINO_ERR_FORMAT, "corrupt dictionary header (checksum mismatch)");
    if (h->file_size != d->size)
        return sino_fail(err, SINO_ERR_FORMAT,
                         "truncated or padded dictionary: %llu bytes, header says %llu",
                         (unsigned long long)d->size, (unsigned long long)h->file_size);
    if (h->header_size != sizeof *h || h->n_units == 0 ||
        !section_ok(h->units_off, (uint64_t)h->n_units * sizeof(struct dict_unit), d->size) ||
        !section_ok(h->values_off, (uint64_t)h->n_keys * sizeof(struct dict_value_rec), d->size) ||
        !section_ok(h->payload_off, h->payload_size, d->size))
        return sino_fail(err, SINO_ERR_FORMAT, "corrupt dictionary (section out of bounds)");
    if (kind && strncmp(h->kind, kind, DICT_KIND_LEN) != 0)
        return sino_fail(err, SINO_ERR_FORMAT, "dictionary holds '%.32s', expected '%s'",
                         h->kind, kind);
    d->hdr = h;
    d->units = (const void *)(d->base + h->units_off);
    d->values = (const void *)(d->base + h->values_off);
    d->payload = (const char *)d->base + h->payload_off;
    d->n_units = h->n_units;
    return SINO_OK;
}

sino_dict *sino_dict_open(const char *path, const char *kind, sino_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        sino_fail(err, SINO_ERR_IO, "cannot open dictionary: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        sino_fail(err, SINO_ERR_FORMAT, "not a regular file");
        close(fd);
        return NULL;
    }
    if ((size_t)st.st_size < sizeof(struct dict_header)) {
        sino_fail(err, SINO_ERR_FORMAT, "truncated dictionary (%lld bytes)",
                  (long long)st.st_size);
        close(fd);
        return NULL;
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        sino_fail(err, SINO_ERR_IO, "cannot map dictionary: %s", strerror(errno));
        return NULL;
    }
    sino_dict *d = calloc(1, sizeof *d);
    if (!d) {
        munmap(map, (size_t)st.st_size);
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    d->base = map;
    d->size = (size_t)st.st_size;
    d->mapped = 1;
    if (check_image(d, kind, err) != SINO_OK) {
        sino_dict_close(d);
        return NULL;
    }
    return d;
}

/* Wrap a malloc'd image (takes ownership); used by the builder. */
sino_dict *sino_dict_from_image(void *image, size_t size, const char *kind,
                                sino_error *err);
sino_dict *sino_dict_from_image(void *image, size_t size, const char *kind,
                                sino_error *err)
{
    sino_dict *d = calloc(1, sizeof *d);
    if (!d) {
        free(image);
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    d->base = image;
    d->size = size;
    if (check_image(d, kind, err) != SINO_OK) {
        sino_dict_close(d);
        return NULL;
    }
    return d;
}

void sino_dict_close(sino_dict *d)
{
    if (!d) return;
    if (d->mapped) munmap((void *)d->base, d->size);
    else free((void *)d->base);
    free(d);
}

int sino_dict_verify(const sino_dict *d, sino_error *err)
{
    const struct dict_header *h = d->hdr;
    uint64_t got = sino_hash64(d->base + h->header_size, d->size - h->header_size);
    if (got != h->body_hash)
        return sino_fail(err, SINO_ERR_FORMAT, "corrupt dictionary (body checksum mismatch)");
    return SINO_OK;
}

uint32_t sino_dict_count(const sino_dict *d) { return d->hdr->n_keys; }
uint32_t sino_dict_max_key_len(const sino_dict *d) { return d->hdr->max_key_len; }
const char *sino_dict_kind(const sino_dict *d) { return d->hdr->kind; }
uint64_t sino_dict_aux(const sino_dict *d, int i) { return d->hdr->aux[i & 1]; }

/* Child of node s by code c (0 = terminal, byte + 1 otherwise), or -1. */
static int64_t child(const sino_dict *d, uint32_t s, uint32_t c)
{
    int64_t t = (int64_t)d->units[s].base + c;
    if (t < 0 || t >= d->n_units || d->units[t].check != (int32_t)s) return -1;
    return t;
}

int sino_dict_walk(const sino_dict *d, uint32_t *node, const void *bytes, size_t n)
{
    const unsigned char *p = bytes;
    uint32_t s = *node;
    for (size_t i = 0; i < n; i++) {
        int64_t t = child(d, s, (uint32_t)p[i] + 1);
        if (t < 0) return 0;
        s = (uint32_t)t;
    }
    *node = s;
    return 1;
}

int sino_dict_node_value(const sino_dict *d, uint32_t node, sino_dict_value *v)
{
    int64_t t = child(d, node, 0);
    if (t < 0) return 0;
    int32_t idx = d->units[t].base;
    if (idx < 0 || (uint32_t)idx >= d->hdr->n_keys) return 0;   /* corrupt */
    if (v) {
        const struct dict_value_rec *r = &d->values[idx];
        v->num = r->num;
        v->index = (uint32_t)idx;
        if ((uint64_t)r->str_off + r->str_len <= d->hdr->payload_size) {
            v->str = d->payload + r->str_off;
            v->len = r->str_len;
        } else {
            v->str = "";
            v->len = 0;
        }
    }
    return 1;
}

int sino_dict_step(const sino_dict *d, uint32_t *node, const void *bytes,
                   size_t n, uint32_t *num)
{
    const unsigned char *p = bytes;
    const struct dict_unit *u = d->units;
    uint32_t s = *node;
    for (size_t i = 0; i < n; i++) {
        int64_t t = (int64_t)u[s].base + p[i] + 1;
        if (t < 0 || t >= d->n_units || u[t].check != (int32_t)s) return 0;
        s = (uint32_t)t;
    }
    *node = s;
    int64_t t = (int64_t)u[s].base;   /* the terminal child, code 0 */
    if (t < 0 || t >= d->n_units || u[t].check != (int32_t)s) return 1;
    int32_t idx = u[t].base;
    if (idx < 0 || (uint32_t)idx >= d->hdr->n_keys) return 1;   /* corrupt */
    if (num) *num = d->values[idx].num;
    return 2;
}

int sino_dict_get(const sino_dict *d, const void *key, size_t len, sino_dict_value *v)
{
    uint32_t node = SINO_DICT_ROOT;
    if (!sino_dict_walk(d, &node, key, len)) return 0;
    return sino_dict_node_value(d, node, v);
}

/* Whether the path to node is a key (the value check of node_value). */
static int is_key(const sino_dict *d, uint32_t node)
{
    int64_t t = child(d, node, 0);
    if (t < 0) return 0;
    int32_t idx = d->units[t].base;
    return idx >= 0 && (uint32_t)idx < d->hdr->n_keys;
}

size_t sino_dict_longest(const sino_dict *d, const void *text, size_t len,
                         sino_dict_value *v)
{
    const unsigned char *p = text;
    uint32_t node = SINO_DICT_ROOT, best_node = SINO_DICT_ROOT;
    size_t best = 0;
    for (size_t i = 0; i < len; i++) {
        int64_t t = child(d, node, (uint32_t)p[i] + 1);
        if (t < 0) break;
        node = (uint32_t)t;
        if (is_key(d, node)) {
            best = i + 1;
            best_node = node;
        }
    }
    if (best && v) sino_dict_node_value(d, best_node, v);   /* the value once */
    return best;
}

int sino_dict_prefixes(const sino_dict *d, const void *text, size_t len,
                       sino_dict_prefix_fn fn, void *ctx)
{
    const unsigned char *p = text;
    uint32_t node = SINO_DICT_ROOT;
    for (size_t i = 0; i < len; i++) {
        int64_t t = child(d, node, (uint32_t)p[i] + 1);
        if (t < 0) break;
        node = (uint32_t)t;
        sino_dict_value v;
        if (sino_dict_node_value(d, node, &v)) {
            int r = fn(ctx, i + 1, &v);
            if (r) return r;
        }
    }
    return 0;
}

/* Depth-first walk in byte order; key holds the path so far. */
static int each_from(const sino_dict *d, uint32_t node, sino_buf *key,
                     sino_dict_each_fn fn, void *ctx)
{
    sino_dict_value v;
    if (sino_dict_node_value(d, node, &v)) {
        int r = fn(ctx, key->data ? key->data : "", key->len, &v);
        if (r) return r;
    }
    for (uint32_t c = 1; c <= 256; c++) {
        int64_t t = child(d, node, c);
        if (t < 0) continue;
        if (sino_buf_putc(key, (char)(c - 1)) != SINO_OK) return SINO_ERR_NOMEM;
        int r = each_from(d, (uint32_t)t, key, fn, ctx);
        key->len--;
        if (r) return r;
    }
    return 0;
}

int sino_dict_each(const sino_dict *d, sino_dict_each_fn fn, void *ctx)
{
    sino_buf key;
    sino_buf_init(&key);
    int r = each_from(d, SINO_DICT_ROOT, &key, fn, ctx);
    sino_buf_free(&key);
    return r;
}
