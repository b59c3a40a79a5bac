/* Fuzz target: OpenCC-style conversion. The first byte picks the
 * configuration (s2t ... jp2t), whether the word-aware segmenter is used,
 * and the piece sizes for the streaming API. The rest is converted in one
 * call (raw bytes, as sconv passes them: safety only), then as repaired
 * UTF-8 both in one call and through the stream in random pieces cut at
 * character boundaries: sino_conv.h promises the stream's output does not
 * depend on the cuts, so with a carry limit above the input size it must
 * equal the one-shot conversion. */
#include "fuzz_common.h"

static const char *const configs[] = {"s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp",
                                      "s2hk", "hk2s", "t2tw", "tw2t", "t2hk", "hk2t",
                                      "t2jp", "jp2t"};
#define NCONF (sizeof configs / sizeof configs[0])

static sino_conv *conv[NCONF][2];   /* [config][word-aware] */
static sino_seg *seg;

static const sino_conv *get_conv(unsigned i, int word)
{
    if (!conv[i][word]) {
        sino_error err;
        conv[i][word] = sino_conv_open(configs[i], &err);
        if (!conv[i][word]) fz_setup_fail(configs[i], &err);
        if (word) {
            if (!seg && !(seg = sino_seg_open(&err))) fz_setup_fail("seg", &err);
            sino_conv_set_segmenter(conv[i][word], seg, SINO_SEG_HMM);
        }
    }
    return conv[i][word];
}

static void stream(const sino_conv *c, const char *s, size_t n, size_t limit,
                   fz_rng *rng, unsigned max_piece, sino_buf *out)
{
    sino_error err;
    sino_conv_stream *st = sino_conv_stream_new(c, limit, &err);
    FZ_CHECK(st != NULL);
    sino_buf_clear(out);
    size_t i = 0;
    while (i < n) {
        size_t k = 1 + fz_next(rng, max_piece);
        if (k > n - i) k = n - i;
        size_t end = i + k;
        /* move the cut back to a character boundary (forward if at i) */
        while (end < n && ((unsigned char)s[end] & 0xC0) == 0x80) end++;
        FZ_CHECK(sino_conv_stream_feed(st, s + i, end - i, 0, out, &err) == SINO_OK);
        i = end;
    }
    FZ_CHECK(sino_conv_stream_feed(st, NULL, 0, 1, out, &err) == SINO_OK);
    sino_conv_stream_free(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t ctl = data[0];
    const char *p = (const char *)data + 1;
    size_t n = size - 1;
    int word = (ctl & 0x80) != 0;
    const sino_conv *c = get_conv((ctl & 0x7f) % NCONF, word);
    sino_error err;
    sino_buf raw, text, one, st;
    sino_buf_init(&raw);
    sino_buf_init(&text);
    sino_buf_init(&one);
    sino_buf_init(&st);

    /* raw bytes: must not crash; valid input gives valid output */
    FZ_CHECK(sino_conv_convert(c, p, n, &raw, &err) == SINO_OK);
    if (fz_valid_utf8(p, n)) FZ_CHECK(fz_valid_utf8(raw.data, raw.len));

    fz_repair((const uint8_t *)p, n, &text);
    FZ_CHECK(sino_conv_convert(c, text.data, text.len, &one, &err) == SINO_OK);
    FZ_CHECK(fz_valid_utf8(one.data, one.len));

    fz_rng rng = {ctl * 2246822519u + (uint32_t)n};
    unsigned max_piece = 1u + (unsigned)(n % 37);
    stream(c, text.data, text.len, text.len + 1, &rng, max_piece, &st);
    FZ_CHECK(st.len == one.len && (st.len == 0 || memcmp(st.data, one.data, st.len) == 0));

    /* a tiny carry limit: may differ from the one-shot call, but must be
     * safe and valid UTF-8 */
    stream(c, text.data, text.len, 8, &rng, max_piece, &st);
    FZ_CHECK(fz_valid_utf8(st.data, st.len));

    sino_buf_free(&raw);
    sino_buf_free(&text);
    sino_buf_free(&one);
    sino_buf_free(&st);
    return 0;
}
