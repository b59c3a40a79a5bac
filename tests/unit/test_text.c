/* Unit tests: UTF-8, character classes, buffers. */
#include "check.h"
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
    CHECK(sino_utf8_encode(0x1F600, out) == 4);
    CHECK(sino_utf8_encode(0xD800, out) == 0);
    CHECK(sino_utf8_encode(0x110000, out) == 0);
}

static void test_validate(void)
{
    const char *ok = "plain ASCII text, long enough for the 8-byte path 中文";
    CHECK(sino_utf8_valid_prefix((const unsigned char *)ok, strlen(ok)) == strlen(ok));
    const char *bad = "abcdefghij\xff中";
    CHECK(sino_utf8_valid_prefix((const unsigned char *)bad, strlen(bad)) == 10);
    CHECK(sino_utf8_incomplete_tail((const unsigned char *)"ab\xe4\xb8", 4) == 2);
    CHECK(sino_utf8_incomplete_tail((const unsigned char *)"ab\xe4\xb8\xad", 5) == 0);
    CHECK(sino_utf8_incomplete_tail((const unsigned char *)"ab\xff", 3) == 0);
    CHECK(sino_utf8_char_start((const unsigned char *)"a\xe4\xb8\xad", 3) == 1);
}

static void test_repair(void)
{
    sino_buf b;
    sino_buf_init(&b);
    uint64_t first = 99;
    long n = sino_utf8_repair((const unsigned char *)"a\xff" "b\xe4\xb8", 5, &b, &first);
    CHECK(n == 2);
    CHECK(first == 1);
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
    CHECK(sino_fullwidth_to_ascii(0xFF21) == 'A');
    CHECK(sino_fullwidth_to_ascii(0x3000) == ' ');
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
    CHECK(sino_buf_printf(&b, "%d-%s", 42, "中") == SINO_OK);
    CHECK_MEM(b.data, b.len, "42-中");
    CHECK(sino_buf_put_cp(&b, 0xD800) == SINO_OK);   /* invalid -> U+FFFD */
    CHECK_MEM(b.data, b.len, "42-中\xef\xbf\xbd");
    sino_buf_free(&b);
}

static void test_error(void)
{
    sino_error e;
    sino_error_clear(&e);
    CHECK(sino_fail(&e, SINO_ERR_IO, "bad %d", 7) == SINO_ERR_IO);
    sino_error_prefix(&e, "/some/path");
    CHECK(strcmp(e.msg, "/some/path: bad 7") == 0);
}

int main(void)
{
    test_decode();
    test_encode();
    test_validate();
    test_repair();
    test_classes();
    test_buf();
    test_error();
    return check_summary("test_text");
}
