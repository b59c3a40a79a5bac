/* Fuzz target: the dictionary loader and lookups. The input is used twice:
 * as a (likely corrupt) compiled file, which must be refused or be safe to
 * query; and as TSV source, compiled and checked key by key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sino.h"

static int visit(void *ctx, const char *k, size_t n, const sino_dict_value *v)
{
    (void)ctx;
    (void)k;
    (void)n;
    (void)v;
    return 0;
}

static int prefix(void *ctx, size_t n, const sino_dict_value *v)
{
    (void)v;
    *(size_t *)ctx += n;
    return 0;
}

static void query(const sino_dict *d, const uint8_t *data, size_t size)
{
    sino_dict_value v;
    size_t sum = 0;
    for (size_t i = 0; i < size && i < 64; i++) {
        sino_dict_get(d, data + i, size - i, &v);
        sino_dict_longest(d, data + i, size - i, &v);
        sino_dict_prefixes(d, data + i, size - i, prefix, &sum);
    }
    sino_dict_each(d, visit, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sino_error err;
    char path[64];
    snprintf(path, sizeof path, "/tmp/sino-fuzz-dict-%d", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, size, f);
        fclose(f);
        sino_dict *d = sino_dict_open(path, NULL, &err);
        if (d) {
            sino_dict_verify(d, &err);
            query(d, data, size);
            sino_dict_close(d);
        }
        unlink(path);
    }
    sino_reader_opts o = {SINO_READ_LINES, SINO_UTF8_PASS, 0};
    sino_reader *r = sino_reader_from_mem(data, size, &o, &err);
    sino_dict_builder *b = sino_dict_builder_new();
    if (r && b && sino_dict_builder_add_tsv(b, r, size & 3, &err) == 0) {
        sino_dict *d = sino_dict_builder_to_dict(b, "fuzz", NULL, &err);
        if (!d) abort();            /* a builder that accepted input must compile */
        if (sino_dict_verify(d, &err) != SINO_OK) abort();
        query(d, data, size);
        sino_dict_close(d);
    }
    sino_dict_builder_free(b);
    sino_reader_close(r);
    return 0;
}
