/* Unit tests: UTF-8, character classes, buffers. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "grow_int.h"   /* sino_grow (internal) */
#include "sino.h"

static void test_decode(void)
{
    int32_t cp;
    CHECK(sino_utf8_decode((const unsigned char *)"A", 1, &cp) == 1 && cp == 'A');
    CHECK(sino_utf8_decode((const unsigned char *)"\xe4\xb8\xad", 3, &cp) == 3 && cp == 0x4E2D);
    CHECK(sino_utf8_decode((const unsigned char *)"\xf0\xa0\x80\x80", 4, &cp) == 4 && cp == 0x20000);
    /* truncated sequence: maximal subpart is the 2 valid bytes */
    CHECK(sino_utf8_decode((const unsigned char *)"\xe4\xb8", 2, &cp) == 2 && cp == -1);
    /* overlong, surrogate, lone continuation, out of range */
    CHECK(sino_utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp) == 1 && cp == -1);
    CHECK(sino_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp) == 1 && cp == -1);
    CHECK(sino_utf8_decode((const unsigned char *)"\x80", 1, &cp) == 1 && cp == -1);
    CHECK(sino_utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp) == 1 && cp == -1);
}

static void test_encode(void)
{
    unsigned char out[4];
    CHECK(sino_utf8_encode(0x4E2D, out) == 3 && memcmp(out, "\xe4\xb8\xad", 3) == 0);
    CHECK_INT(sino_utf8_encode(0x1F600, out), 4);
    CHECK_INT(sino_utf8_encode(0xD800, out), 0);
    CHECK_INT(sino_utf8_encode(0x110000, out), 0);
}

static void test_validate(void)
{
    const char *ok = "plain ASCII text, long enough for the 8-byte path 中文";
    CHECK_INT(sino_utf8_valid_prefix((const unsigned char *)ok, strlen(ok)), strlen(ok));
    const char *bad = "abcdefghij\xff中";
    CHECK_INT(sino_utf8_valid_prefix((const unsigned char *)bad, strlen(bad)), 10);
    CHECK_INT(sino_utf8_incomplete_tail((const unsigned char *)"ab\xe4\xb8", 4), 2);
    CHECK_INT(sino_utf8_incomplete_tail((const unsigned char *)"ab\xe4\xb8\xad", 5), 0);
    CHECK_INT(sino_utf8_incomplete_tail((const unsigned char *)"ab\xff", 3), 0);
    CHECK_INT(sino_utf8_char_start((const unsigned char *)"a\xe4\xb8\xad", 3), 1);
}

/* The reference: decode character by character. */
static size_t valid_prefix_ref(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        int len = sino_utf8_decode(s + i, n - i, &cp);
        if (cp < 0) return i;
        i += (size_t)len;
    }
    return n;
}

/* The word-at-a-time paths agree with the reference on random mixtures of
 * ASCII, CJK, other lengths and invalid bytes, at every offset and length. */
static void test_validate_random(void)
{
    static const char *const pieces[] = {
        "a", "\n", "\xe4\xb8\xad", "\xe6\x96\x87", "\xef\xbc\x8c", "\xe3\x80\x82",
        "\xc3\xa9", "\xf0\xa0\x80\x80", "\xe0\xa4\x85", "\xed\x9f\xbf",
        "\xe0\x80\x80", "\xed\xa0\x80", "\xff", "\x80", "\xe4\xb8", "\xc0\xaf",
        "\xf4\x90\x80\x80", "\xee\x80\x80", "0123456789abcdef"};
    const size_t np = sizeof pieces / sizeof pieces[0];
    unsigned char buf[256];
    uint32_t seed = 12345;
    int agree = 1;
    for (int round = 0; round < 20000 && agree; round++) {
        size_t len = 0;
        /* mostly CJK, now and then something else */
        while (len < 200) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 64;
            const char *p = r < 40 ? pieces[2 + r % 4] : pieces[(r - 40) % np];
            size_t pl = strlen(p);
            memcpy(buf + len, p, pl);
            len += pl;
        }
        seed = seed * 1103515245u + 12345u;
        size_t from = (seed >> 16) % 8;
        for (size_t n = 0; n + from <= len && agree; n += 1 + n / 16)
            agree = sino_utf8_valid_prefix(buf + from, n) == valid_prefix_ref(buf + from, n);
    }
    CHECK(agree);
}

static void test_repair(void)
{
    sino_buf b;
    sino_buf_init(&b);
    uint64_t first = 99;
    long n = sino_utf8_repair((const unsigned char *)"a\xff" "b\xe4\xb8", 5, &b, &first);
    CHECK_INT(n, 2);
    CHECK_INT(first, 1);
    CHECK_MEM(b.data, b.len, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
    sino_buf_free(&b);
}

static void test_classes(void)
{
    CHECK(sino_is_han(0x4E2D));
    CHECK(sino_is_han(0x3400));
    CHECK(sino_is_han(0x2A700));
    CHECK(sino_is_han(0x3007));
    CHECK(!sino_is_han('A'));
    CHECK(!sino_is_han(0x3002));
    CHECK(sino_is_cjk_punct(0x3002));
    CHECK(sino_is_cjk_punct(0xFF0C));
    CHECK(sino_is_cjk_punct(0x201C));
    CHECK(!sino_is_cjk_punct(0xFF21));   /* Ａ is a letter */
    CHECK(sino_is_fullwidth_ascii(0xFF21));
    CHECK_INT(sino_fullwidth_to_ascii(0xFF21), 'A');
    CHECK_INT(sino_fullwidth_to_ascii(0x3000), ' ');
    CHECK(sino_is_space(0x3000) && sino_is_space(0xA0) && !sino_is_space('x'));
    CHECK(sino_is_zero_width(0x200B) && sino_is_zero_width(0xFEFF));
    CHECK(sino_is_sentence_end(0x3002) && sino_is_sentence_end('?'));
}

static void test_buf(void)
{
    sino_buf b;
    sino_buf_init(&b);
    int all = 1;
    for (int i = 0; i < 1000; i++) all &= sino_buf_putc(&b, 'x') == SINO_OK;
    CHECK(all);
    CHECK(b.len == 1000 && b.data[1000] == '\0');
    sino_buf_clear(&b);
    CHECK_INT(sino_buf_printf(&b, "%d-%s", 42, "中"), SINO_OK);
    CHECK_MEM(b.data, b.len, "42-中");
    CHECK_INT(sino_buf_put_cp(&b, 0xD800), SINO_OK);   /* invalid -> U+FFFD */
    CHECK_MEM(b.data, b.len, "42-中\xef\xbf\xbd");
    sino_buf_free(&b);
}

/* the array growth helper: doubling from 16, need beyond a doubling taken
 * whole, an overflowing size refused with the array untouched */
static void test_grow(void)
{
    struct item { uint32_t a, b, c; } *v = NULL;
    size_t cap = 0;
    CHECK_INT(sino_grow(&v, &cap, 0, sizeof *v), SINO_OK);
    CHECK(v == NULL && cap == 0);
    CHECK_INT(SINO_GROW(v, cap, 1), SINO_OK);
    CHECK(v != NULL);
    CHECK_INT(cap, 16);
    for (size_t i = 0; i < 16; i++) v[i].a = (uint32_t)i;
    CHECK_INT(SINO_GROW(v, cap, 16), SINO_OK);
    CHECK_INT(cap, 16);
    CHECK_INT(SINO_GROW(v, cap, 17), SINO_OK);
    CHECK_INT(cap, 32);
    CHECK_INT(SINO_GROW(v, cap, 1000), SINO_OK);
    CHECK_INT(cap, 1024);
    CHECK_INT(v[15].a, 15);   /* the items are kept */
    struct item *before = v;
    CHECK_INT(SINO_GROW(v, cap, SIZE_MAX / sizeof *v + 1), SINO_ERR_NOMEM);
    CHECK(v == before);
    CHECK_INT(cap, 1024);
    free(v);
    /* bytes: sino_buf_grow keeps its 64-byte start */
    sino_buf b;
    sino_buf_init(&b);
    CHECK_INT(sino_buf_grow(&b, 1), SINO_OK);
    CHECK_INT(b.cap, 64);
    CHECK_INT(sino_buf_grow(&b, 100), SINO_OK);
    CHECK_INT(b.cap, 128);
    CHECK_INT(sino_buf_grow(&b, SIZE_MAX), SINO_ERR_NOMEM);
    CHECK_INT(b.cap, 128);
    sino_buf_free(&b);
}

static void test_error(void)
{
    sino_error e;
    sino_error_clear(&e);
    CHECK_INT(sino_fail(&e, SINO_ERR_IO, "bad %d", 7), SINO_ERR_IO);
    sino_error_prefix(&e, "/some/path");
    CHECK_STR(e.msg, "/some/path: bad 7");
}

/* the one JSON string writer: escapes, control characters, U+FFFD for each
 * maximal invalid subsequence */
static void test_json(void)
{
    sino_buf b;
    sino_buf_init(&b);
    const char in[] = "a\"b\\c\n\t\r\x01\xe4\xb8x\xff\xfe\xe4\xb8\xad";
    CHECK(sino_buf_put_json(&b, in, sizeof in - 1) == SINO_OK);
    const char *want = "\"a\\\"b\\\\c\\n\\t\\r\\u0001\xef\xbf\xbdx\xef\xbf\xbd\xef\xbf\xbd\xe4\xb8\xad\"";
    CHECK_MEM(b.data, b.len, want);
    sino_buf_clear(&b);
    CHECK(sino_buf_put_json_chars(&b, "", 0) == SINO_OK && b.len == 0);
    CHECK(sino_buf_put_json(&b, "", 0) == SINO_OK);
    CHECK_MEM(b.data, b.len, "\"\"");
    sino_buf_free(&b);
}

int main(void)
{
    test_decode();
    test_json();
    test_encode();
    test_validate();
    test_validate_random();
    test_repair();
    test_classes();
    test_buf();
    test_grow();
    test_error();
    return check_summary("test_text");
}
