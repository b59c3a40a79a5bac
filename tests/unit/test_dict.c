/* Unit tests: dictionary builder, lookups, file checks. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "sino.h"

static sino_dict *small_dict(void)
{
    sino_error e;
    sino_dict_builder *b = sino_dict_builder_new();
    const char *keys[] = {"中", "中国", "中国人", "国", "人民", "a", "ab", "中国"};
    for (int i = 0; i < 8; i++)
        sino_dict_builder_add(b, keys[i], strlen(keys[i]), (uint32_t)i + 1, keys[i],
                              strlen(keys[i]), &e);
    uint64_t aux[2] = {12345, 6};
    sino_dict *d = sino_dict_builder_to_dict(b, "test", aux, &e);
    sino_dict_builder_free(b);
    return d;
}

static int count_prefix(void *ctx, size_t len, const sino_dict_value *v)
{
    (void)v;
    size_t *lens = ctx;
    lens[++lens[0]] = len;
    return 0;
}

static int count_each(void *ctx, const char *k, size_t n, const sino_dict_value *v)
{
    (void)k;
    (void)n;
    (void)v;
    (*(int *)ctx)++;
    return 0;
}

static void test_lookup(void)
{
    sino_dict *d = small_dict();
    CHECK(d != NULL);
    if (!d) return;
    sino_dict_value v;
    CHECK_INT(sino_dict_count(d), 7);               /* duplicate 中国 replaced */
    CHECK_INT(sino_dict_aux(d, 0), 12345);
    CHECK(sino_dict_get(d, "中国", 6, &v) && v.num == 8);   /* last add wins */
    CHECK(sino_dict_get(d, "a", 1, &v) && v.num == 6 && v.len == 1);
    CHECK(!sino_dict_get(d, "中华", 6, &v));
    CHECK(!sino_dict_get(d, "b", 1, &v));
    size_t n = sino_dict_longest(d, "中国人民", 12, &v);
    CHECK(n == 9 && v.num == 3);
    CHECK_INT(sino_dict_longest(d, "x", 1, &v), 0);
    size_t lens[8] = {0};
    sino_dict_prefixes(d, "中国人民", 12, count_prefix, lens);
    CHECK(lens[0] == 3 && lens[1] == 3 && lens[2] == 6 && lens[3] == 9);
    uint32_t node = SINO_DICT_ROOT;
    CHECK(sino_dict_walk(d, &node, "人", 3));      /* prefix of 人民, not a key */
    CHECK(!sino_dict_node_value(d, node, &v));
    CHECK(sino_dict_walk(d, &node, "民", 3) && sino_dict_node_value(d, node, &v));
    uint32_t num = 0, sn = SINO_DICT_ROOT;          /* the same walk in steps */
    CHECK_INT(sino_dict_step(d, &sn, "人", 3, &num), 1);
    CHECK(sino_dict_step(d, &sn, "民", 3, &num) == 2 && sn == node && num == v.num);
    CHECK(sino_dict_step(d, &sn, "x", 1, &num) == 0 && sn == node);
    sn = SINO_DICT_ROOT;
    CHECK(sino_dict_step(d, &sn, "中国", 6, &num) == 2 && num == 8);
    int total = 0;
    sino_dict_each(d, count_each, &total);
    CHECK_INT(total, 7);
    sino_dict_close(d);
}

static void test_many_keys(void)
{
    /* 20000 numeric keys: every one found with its own value */
    sino_error e;
    sino_dict_builder *b = sino_dict_builder_new();
    char key[32];
    for (uint32_t i = 0; i < 20000; i++) {
        int n = snprintf(key, sizeof key, "k%u", i * 7919u % 100003u);
        sino_dict_builder_add(b, key, (size_t)n, i, NULL, 0, &e);
    }
    sino_dict *d = sino_dict_builder_to_dict(b, NULL, NULL, &e);
    sino_dict_builder_free(b);
    CHECK(d != NULL);
    int all = 1;
    for (uint32_t i = 0; i < 20000 && d; i++) {
        int n = snprintf(key, sizeof key, "k%u", i * 7919u % 100003u);
        sino_dict_value v;
        if (!sino_dict_get(d, key, (size_t)n, &v) || v.num != i) all = 0;
    }
    CHECK(all);
    sino_dict_close(d);
}

static void write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(p, 1, n, f);
    fclose(f);
}

static void test_files(void)
{
    char dir[] = "/tmp/sino-dict-test-XXXXXX";
    if (!mkdtemp(dir)) return;
    char path[256], bad[256];
    snprintf(path, sizeof path, "%s/d.sdict", dir);
    snprintf(bad, sizeof bad, "%s/bad.sdict", dir);
    sino_error e;
    sino_dict_builder *b = sino_dict_builder_new();
    sino_dict_builder_add(b, "中国", 6, 1, "China", 5, &e);
    sino_dict_builder_add(b, "发展", 6, 2, NULL, 0, &e);
    CHECK_INT(sino_dict_builder_write(b, path, "test", NULL, &e), SINO_OK);
    sino_dict_builder_free(b);

    sino_dict *d = sino_dict_open(path, "test", &e);
    CHECK(d != NULL);
    sino_dict_value v;
    CHECK(d && sino_dict_get(d, "中国", 6, &v) && v.len == 5 && memcmp(v.str, "China", 5) == 0);
    CHECK(d && sino_dict_verify(d, &e) == SINO_OK);
    sino_dict_close(d);

    CHECK(sino_dict_open(path, "other-kind", &e) == NULL && e.code == SINO_ERR_FORMAT);
    CHECK(sino_dict_open("/nonexistent/x.sdict", NULL, &e) == NULL && e.code == SINO_ERR_IO);

    /* read the image, then damage it in three ways */
    FILE *f = fopen(path, "rb");
    static unsigned char img[1 << 16];
    size_t n = fread(img, 1, sizeof img, f);
    fclose(f);
    write_file(bad, img, n - 10);                     /* truncated */
    CHECK(sino_dict_open(bad, NULL, &e) == NULL && strstr(e.msg, "truncated"));
    write_file(bad, img, 20);                         /* shorter than a header */
    CHECK(sino_dict_open(bad, NULL, &e) == NULL && e.code == SINO_ERR_FORMAT);
    img[20] ^= 1;                                     /* header bit flip */
    write_file(bad, img, n);
    CHECK(sino_dict_open(bad, NULL, &e) == NULL && strstr(e.msg, "header"));
    img[20] ^= 1;
    img[n - 1] ^= 0x55;                               /* body bit flip */
    write_file(bad, img, n);
    d = sino_dict_open(bad, NULL, &e);
    CHECK(d != NULL && sino_dict_verify(d, &e) == SINO_ERR_FORMAT);
    sino_dict_close(d);
    write_file(bad, "not a dictionary at all, just text, long enough....."
                    "..........................................................."
                    "...........................................................", 170);
    CHECK(sino_dict_open(bad, NULL, &e) == NULL && strstr(e.msg, "magic"));
    unlink(path);
    unlink(bad);
    rmdir(dir);
}

static void test_tsv(void)
{
    sino_error e;
    sino_reader_opts o = {SINO_READ_LINES, SINO_UTF8_FAIL, 0};
    const char *src = "# comment\n中国\t12\tns\n\n发展\t7\n人\n";
    sino_reader *r = sino_reader_from_mem(src, strlen(src), &o, &e);
    sino_dict_builder *b = sino_dict_builder_new();
    CHECK_INT(sino_dict_builder_add_tsv(b, r, SINO_TSV_NUM, &e), 0);
    CHECK_INT(sino_dict_builder_count(b), 3);
    sino_dict *d = sino_dict_builder_to_dict(b, NULL, NULL, &e);
    sino_dict_value v;
    CHECK(d && sino_dict_get(d, "中国", 6, &v) && v.num == 12 && v.len == 2);
    CHECK(d && sino_dict_get(d, "人", 3, &v) && v.num == 0 && v.len == 0);
    sino_dict_close(d);
    sino_dict_builder_free(b);
    sino_reader_close(r);

    /* hexadecimal payloads are stored as the bytes they spell */
    const char *hex = "bits\t00ff0a09\nnone\n";
    r = sino_reader_from_mem(hex, strlen(hex), &o, &e);
    b = sino_dict_builder_new();
    CHECK_INT(sino_dict_builder_add_tsv(b, r, SINO_TSV_HEX, &e), 0);
    d = sino_dict_builder_to_dict(b, NULL, NULL, &e);
    CHECK(d && sino_dict_get(d, "bits", 4, &v) && v.len == 4 && !memcmp(v.str, "\0\xff\n\t", 4));
    CHECK(d && sino_dict_get(d, "none", 4, &v) && v.len == 0);
    sino_dict_close(d);
    sino_dict_builder_free(b);
    sino_reader_close(r);
    const char *badhex[] = {"k\t0g\n", "k\t123\n"};
    for (int i = 0; i < 2; i++) {
        r = sino_reader_from_mem(badhex[i], strlen(badhex[i]), &o, &e);
        b = sino_dict_builder_new();
        CHECK(sino_dict_builder_add_tsv(b, r, SINO_TSV_HEX, &e) == SINO_ERR_FORMAT &&
              strstr(e.msg, "line 1") && strstr(e.msg, "hexadecimal"));
        sino_dict_builder_free(b);
        sino_reader_close(r);
    }

    const char *badnum = "中国\tx12\n";
    r = sino_reader_from_mem(badnum, strlen(badnum), &o, &e);
    b = sino_dict_builder_new();
    CHECK(sino_dict_builder_add_tsv(b, r, SINO_TSV_NUM, &e) == SINO_ERR_FORMAT && strstr(e.msg, "line 1"));
    sino_dict_builder_free(b);
    sino_reader_close(r);
}

static void test_data_dir(void)
{
    sino_error e;
    sino_error_clear(&e);
    setenv("SINO_DATA", "/nowhere", 1);
    sino_dict *d = sino_data_open_dict("jieba.sdict", "jieba-words", &e);
    CHECK(d == NULL);
    CHECK(strstr(e.msg, "/nowhere/jieba.sdict: cannot open dictionary") != NULL);
    char dir[256];
    CHECK(sino_data_dir(dir, sizeof dir, &e) == SINO_OK && strcmp(dir, "/nowhere") == 0);
}

int main(void)
{
    test_lookup();
    test_many_keys();
    test_files();
    test_tsv();
    test_data_dir();
    return check_summary("test_dict");
}
