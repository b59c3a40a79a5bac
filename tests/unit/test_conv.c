/* test_conv.c - sconv's library side: OpenCC-compatible conversion (whole
 * spans and streams cut anywhere), encoding detection, the iconv stream
 * decoder and encoder, normalisation. Needs SINO_DATA (make check sets it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "check.h"
#include "sino.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    if (p) p[n] = 0;
    *len = (size_t)n;
    return p;
}

static int conv_eq(const sino_conv *c, const char *in, const char *want)
{
    sino_buf out;
    sino_buf_init(&out);
    sino_error err;
    sino_error_clear(&err);
    int ok = sino_conv_convert(c, in, strlen(in), &out, &err) == SINO_OK &&
             out.len == strlen(want) && (!out.len || memcmp(out.data, want, out.len) == 0);
    if (!ok) fprintf(stderr, "got '%.*s' want '%s'\n", (int)out.len, out.data ? out.data : "", want);
    sino_buf_free(&out);
    return ok;
}

/* Text with its newlines removed, converted whole and through a stream fed
 * by a reader with a tiny max_record (chunks cut anywhere): same bytes. */
static void stream_vs_whole(const char *config, const char *text, size_t len)
{
    sino_error err;
    sino_error_clear(&err);
    sino_conv *c = sino_conv_open(config, &err);
    CHECK(c != NULL);
    if (!c) return;
    sino_buf whole, streamed;
    sino_buf_init(&whole);
    sino_buf_init(&streamed);
    CHECK_INT(sino_conv_convert(c, text, len, &whole, &err), SINO_OK);
    size_t limits[] = {16, 37, 100};
    for (size_t k = 0; k < 3; k++) {
        sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_REPLACE, limits[k]};
        sino_reader *r = sino_reader_from_mem(text, len, &ro, &err);
        /* the stream's own carry limit small too, to exercise forced cuts */
        sino_conv_stream *st = sino_conv_stream_new(c, 64, &err);
        sino_buf_clear(&streamed);
        sino_record rec;
        int got;
        while ((got = sino_reader_next(r, &rec, &err)) > 0) {
            CHECK_INT(sino_conv_stream_feed(st, rec.data, rec.len, 0, &streamed, &err), SINO_OK);
            if (rec.newline) sino_conv_stream_feed(st, "\n", 1, 0, &streamed, &err);
        }
        CHECK_INT(sino_conv_stream_feed(st, NULL, 0, 1, &streamed, &err), SINO_OK);
        int same = streamed.len == whole.len && !memcmp(streamed.data, whole.data, whole.len);
        if (!same) fprintf(stderr, "%s: stream (max_record %zu) differs\n", config, limits[k]);
        CHECK(same);
        sino_conv_stream_free(st);
        sino_reader_close(r);
    }
    sino_buf_free(&whole);
    sino_buf_free(&streamed);
    sino_conv_close(c);
}

/* --ambiguities records, fed a byte at a time: the same records as fed
 * whole, and the expected ones. */
static void test_ambiguities(void)
{
    sino_error err;
    sino_conv *c = sino_conv_open("s2t", &err);
    CHECK(c != NULL);
    if (!c) return;
    const char *in = "干 头发 干\n";
    sino_buf whole, bytes;
    sino_buf_init(&whole);
    sino_buf_init(&bytes);
    sino_conv_stream *st = sino_conv_stream_new_ambiguities(c, 0, &err);
    CHECK(st != NULL);
    if (st) {
        CHECK(sino_conv_stream_feed(st, in, strlen(in), 1, &whole, &err) == SINO_OK);
        CHECK(sino_conv_stream_end(st, &whole, &err) == SINO_OK);
        sino_conv_stream_free(st);
    }
    CHECK_MEM(whole.data, whole.len,
              "{\"type\":\"def\",\"id\":0,\"s\":\"干\",\"c\":[\"幹\",\"乾\",\"干\"]}\n"
              "{\"type\":\"amb\",\"t\":\"幹\",\"s\":0}\n"
              "{\"type\":\"lit\",\"t\":\" 頭髮 \"}\n"
              "{\"type\":\"amb\",\"t\":\"幹\",\"s\":0}\n"
              "{\"type\":\"lit\",\"t\":\"\\n\"}\n"
              "{\"type\":\"end\",\"output_bytes\":15,\"ambiguities\":2,\"sources\":1}\n");
    st = sino_conv_stream_new_ambiguities(c, 0, &err);
    CHECK(st != NULL);
    if (st) {
        /* pieces at character boundaries */
        for (const char *p = in; *p;) {
            size_t l = ((unsigned char)*p >= 0xE0) ? 3 : 1;
            CHECK(sino_conv_stream_feed(st, p, l, 0, &bytes, &err) == SINO_OK);
            p += l;
        }
        CHECK(sino_conv_stream_feed(st, NULL, 0, 1, &bytes, &err) == SINO_OK);
        CHECK(sino_conv_stream_end(st, &bytes, &err) == SINO_OK);
        sino_conv_stream_free(st);
    }
    /* lit records may be cut differently; the amb and end records may not */
    CHECK(bytes.len > 0 && strstr(bytes.data, "\"ambiguities\":2,\"sources\":1}") != NULL);
    sino_buf_free(&whole);
    sino_buf_free(&bytes);
    sino_conv_close(c);
}

static void test_conv(void)
{
    sino_error err;
    sino_error_clear(&err);
    sino_conv *c = sino_conv_open("s2t.json", &err);
    CHECK(c != NULL);
    if (!c) return;
    CHECK_STR(sino_conv_name(c), "s2t");
    CHECK(conv_eq(c, "头发和发展", "頭髮和發展"));
    CHECK(conv_eq(c, "", ""));
    CHECK(conv_eq(c, "abc 123", "abc 123"));
    sino_conv_close(c);
    CHECK(sino_conv_open("nope", &err) == NULL && err.code == SINO_ERR_USAGE);
    for (int i = 0; sino_conv_configs[i]; i++) {
        sino_conv *d = sino_conv_open(sino_conv_configs[i], &err);
        CHECK(d != NULL);
        sino_conv_close(d);
    }
    c = sino_conv_open("s2twp", &err);
    CHECK(conv_eq(c, "鼠标和软件", "滑鼠和軟體"));
    sino_conv_close(c);
    /* stream == whole on real text, newlines removed (one long line) */
    size_t len;
    char *text = slurp("tests/data/samples/000_00bebd0b521cd893.txt", &len);
    CHECK(text != NULL);
    if (!text) return;
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '\n') text[w++] = text[i];
    /* Simplified text: convert the sample (Traditional) to Simplified first */
    sino_conv *t2s = sino_conv_open("t2s", &err);
    sino_buf hans;
    sino_buf_init(&hans);
    sino_conv_convert(t2s, text, w, &hans, &err);
    sino_conv_close(t2s);
    stream_vs_whole("s2t", hans.data, hans.len);
    stream_vs_whole("s2twp", hans.data, hans.len);
    stream_vs_whole("tw2sp", text, w);
    stream_vs_whole("t2s", text, w);
    sino_buf_free(&hans);
    free(text);
}

static const char *detect(const char *s, size_t n)
{
    sino_error err;
    sino_error_clear(&err);
    sino_dict *stats = sino_enc_stats_open(&err);
    const char *name = sino_detect_encoding((const unsigned char *)s, n, stats, NULL);
    sino_dict_close(stats);
    return name;
}

static void test_detect(void)
{
    CHECK_STR(detect("", 0), "utf-8");
    CHECK_STR(detect("hello\n", 6), "ascii");
    CHECK_STR(detect("\xEF\xBB\xBFhi", 5), "utf-8");
    CHECK_STR(detect("\xFF\xFEh\0", 4), "utf-16le");
    CHECK_STR(detect("中文的句子", strlen("中文的句子")), "utf-8");
    /* 我们的国家 in GBK, and 我們的國家 in Big5 */
    CHECK_STR(detect("\xCE\xD2\xC3\xC7\xB5\xC4\xB9\xFA\xBC\xD2", 10), "gbk");
    CHECK_STR(detect("\xA7\xDA\xAD\xCC\xAA\xBA\xB0\xEA\xAE\x61", 10), "big5");
    /* BOM-less UTF-16 of 中文的句子 */
    CHECK_STR(detect("\x2D\x4E\x87\x65\x84\x76\xE5\x53\x50\x5B", 10), "utf-16le");
    CHECK_STR(detect("\x4E\x2D\x65\x87\x76\x84\x53\xE5\x5B\x50", 10), "utf-16be");
    /* a GB18030 four-byte code (U+20AC € is A2E3; 😀 is 9439FC36) */
    CHECK_STR(detect("\xCE\xD2\x94\x39\xFC\x36\xC3\xC7", 8), "gb18030");
}

static void test_decoder(void)
{
    sino_error err;
    sino_error_clear(&err);
    /* 中文 0xFF 中, fed byte by byte */
    const char in[] = "\xD6\xD0\xCE\xC4\xFF\xD6\xD0";
    sino_decoder *d = sino_decoder_open("gbk", 0, &err);
    CHECK(d != NULL);
    sino_buf out;
    sino_buf_init(&out);
    for (size_t i = 0; i < 7; i++) CHECK_INT(sino_decoder_feed(d, in + i, 1, 0, &out, &err), SINO_OK);
    CHECK_INT(sino_decoder_feed(d, NULL, 0, 1, &out, &err), SINO_OK);
    CHECK_MEM(out.data, out.len, "中文\xEF\xBF\xBD中");
    CHECK(sino_decoder_invalid_count(d) == 1 && sino_decoder_first_invalid(d) == 4);
    sino_decoder_close(d);
    /* truncated at the end */
    d = sino_decoder_open("gb18030", 0, &err);
    sino_buf_clear(&out);
    CHECK_INT(sino_decoder_feed(d, "\xD6\xD0\xCE", 3, 1, &out, &err), SINO_OK);
    CHECK_MEM(out.data, out.len, "中\xEF\xBF\xBD");
    sino_decoder_close(d);
    /* strict */
    d = sino_decoder_open("gbk", 1, &err);
    sino_buf_clear(&out);
    CHECK(sino_decoder_feed(d, in, 7, 1, &out, &err) == SINO_ERR_UTF8 && err.offset == 4);
    sino_decoder_close(d);
    /* UTF-16LE with a BOM: the BOM is dropped */
    d = sino_decoder_open("utf-16le", 0, &err);
    sino_buf_clear(&out);
    CHECK_INT(sino_decoder_feed(d, "\xFF\xFE\x2D\x4E", 4, 1, &out, &err), SINO_OK);
    CHECK_MEM(out.data, out.len, "中");
    sino_decoder_close(d);
    CHECK(sino_decoder_open("no-such-encoding", 0, &err) == NULL);
    /* encoder: unmappable becomes '?' */
    sino_encoder *e = sino_encoder_open("big5", 0, &err);
    sino_buf_clear(&out);
    CHECK_INT(sino_encoder_feed(e, "中头", strlen("中头"), &out, &err), SINO_OK);
    CHECK_MEM(out.data, out.len, "\xA4\xA4?");
    CHECK(sino_encoder_unmappable_count(e) == 1 && sino_encoder_first_unmappable(e) == 3);
    sino_encoder_close(e);
    sino_buf_free(&out);
    CHECK_STR(sino_enc_canonical("GB2312"), "gb2312");
    CHECK_STR(sino_enc_canonical("UTF8"), "utf-8");
    CHECK(sino_enc_canonical("no-such-encoding") == NULL);
}

static int norm_eq(const char *in, int flags, const char *want)
{
    sino_buf out;
    sino_buf_init(&out);
    sino_error err;
    sino_error_clear(&err);
    int ok = sino_norm(in, strlen(in), flags, &out, &err) == SINO_OK &&
             out.len == strlen(want) && (!out.len || memcmp(out.data, want, out.len) == 0);
    if (!ok) fprintf(stderr, "norm got '%.*s' want '%s'\n", (int)out.len, out.data ? out.data : "", want);
    sino_buf_free(&out);
    return ok;
}

static void test_norm(void)
{
    CHECK(norm_eq("e\xCC\x81 中文", SINO_NORM_NFC, "é 中文"));
    CHECK(norm_eq("中e\xCC\x81", SINO_NORM_NFC, "中é"));
    CHECK(norm_eq("ｶﾀｶﾅ①", SINO_NORM_NFKC, "カタカナ1"));
    CHECK(norm_eq("中文，ＡＢＣ１２３！", SINO_NORM_HALF, "中文，ABC123！"));
    CHECK(norm_eq("你好, 世界! (注意)", SINO_NORM_FULL, "你好，世界！（注意）"));
    CHECK(norm_eq("pi = 3.14, ok", SINO_NORM_FULL, "pi = 3.14, ok"));
    CHECK(sino_norm_stable(0x4E2D, SINO_NORM_NFC) && !sino_norm_stable(0x301, SINO_NORM_NFC));
    CHECK(!sino_norm_stable(0xFF21, SINO_NORM_NFKC) && sino_norm_stable(0xFF21, SINO_NORM_NFC));
}

/* The block-wise quick check agrees with utf8proc on long mixtures of
 * ideographs, ASCII and characters that normalisation changes or combines,
 * at every position; sino_norm_unchanged says yes exactly when nothing
 * changes. */
static void test_norm_random(void)
{
    static const char *const pieces[] = {
        "中", "文", "字", "a", " ", "\n", "，", "。", "ǎ",
        "e\xCC\x81", "\xCC\x81", "\xEF\xA4\x80" /* U+F900 */, "\xE2\x84\xAB" /* U+212B */,
        "\xE3\x82\xAB\xE3\x82\x99" /* カ + U+3099 */, "ｶ", "①", "\xF0\xA0\x80\x80"};
    const size_t np = sizeof pieces / sizeof pieces[0];
    char buf[512];
    uint32_t seed = 7;
    int agree = 1, unchanged_ok = 1;
    sino_buf out;
    sino_buf_init(&out);
    sino_error err;
    for (int round = 0; round < 3000 && agree && unchanged_ok; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        unsigned rare = 2 + (seed >> 16) % 60;   /* one odd piece in about rare */
        while (len < 400) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % (rare * 9);
            const char *p = r < 9 * (rare - 1) ? pieces[r % 9] : pieces[9 + r % (np - 9)];
            size_t pl = strlen(p);
            memcpy(buf + len, p, pl);
            len += pl;
        }
        int flags = round % 2 ? SINO_NORM_NFKC : SINO_NORM_NFC;
        utf8proc_uint8_t *want = NULL;
        utf8proc_ssize_t wl = utf8proc_map((const utf8proc_uint8_t *)buf, (utf8proc_ssize_t)len,
                                           &want, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                           (flags == SINO_NORM_NFKC ? UTF8PROC_COMPAT : 0));
        sino_buf_clear(&out);
        if (wl < 0 || sino_norm(buf, len, flags, &out, &err) != SINO_OK ||
            out.len != (size_t)wl || memcmp(out.data, want, out.len))
            agree = 0;
        int same = wl >= 0 && (size_t)wl == len && !memcmp(want, buf, len);
        if (sino_norm_unchanged(buf, len, flags) && !same) unchanged_ok = 0;
        free(want);
    }
    sino_buf_free(&out);
    CHECK(agree);
    CHECK(unchanged_ok);
    const char *han = "中文字中文字中文字中文字中文字中文字, abc 中文字中文字中文字";
    CHECK(sino_norm_unchanged(han, strlen(han), SINO_NORM_NFC));
    CHECK(!sino_norm_unchanged(han, strlen(han), SINO_NORM_NFC | SINO_NORM_HALF));
    const char *comb = "中文字中文字中文字中文字中文字中文字e\xCC\x81";
    CHECK(!sino_norm_unchanged(comb, strlen(comb), SINO_NORM_NFC));
}

int main(void)
{
    test_conv();
    test_ambiguities();
    test_detect();
    test_decoder();
    test_norm();
    test_norm_random();
    return check_summary("test_conv");
}
