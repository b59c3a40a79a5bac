/* Fuzz target: encoding detection, the streaming decoders (several
 * encodings, fed in random-sized pieces chosen by the first byte's low three
 * bits (bit 3: end with feed(NULL, 0, eof)): the output
 * must be valid UTF-8 and must not depend on the cuts), and the encoder round
 * trip UTF-8 -> ENC -> UTF-8 for text the encoding can represent. */
#include "fuzz_common.h"

static const sino_dict *stats(void)
{
    static sino_dict *d;
    static int tried;
    if (!tried) {
        sino_error err;
        tried = 1;
        d = sino_enc_stats_open(&err);
        if (!d) fz_setup_fail("enc-stats", &err);
    }
    return d;
}

static const char *const encs[] = {"utf-8", "gb18030", "gbk", "big5", "utf-16le"};
#define NENC (sizeof encs / sizeof encs[0])

/* Decode p[0..n) in pieces (sizes from rng; max_piece 0 = one call). */
static void decode(const char *enc, int strict, const uint8_t *p, size_t n,
                   fz_rng *rng, unsigned max_piece, int null_eof, sino_buf *out,
                   int *failed)
{
    sino_error err;
    sino_decoder *d = sino_decoder_open(enc, strict, &err);
    if (!d) fz_setup_fail(enc, &err);
    sino_buf_clear(out);
    *failed = 0;
    size_t i = 0;
    while (i < n) {
        size_t k = max_piece ? 1 + fz_next(rng, max_piece) : n - i;
        if (k > n - i) k = n - i;
        int rc = sino_decoder_feed(d, p + i, k, 0, out, &err);
        if (rc != SINO_OK) {
            FZ_CHECK(strict && rc == SINO_ERR_UTF8);
            *failed = 1;
            break;
        }
        i += k;
    }
    if (!*failed) {
        /* the header allows the last call to pass no bytes: as NULL, 0
         * (control bit 3) or as an empty span */
        int rc = sino_decoder_feed(d, null_eof ? NULL : (const void *)(p + n), 0, 1, out, &err);
        if (rc != SINO_OK) {
            FZ_CHECK(strict && rc == SINO_ERR_UTF8);
            *failed = 1;
        }
    }
    if (!strict) {
        FZ_CHECK(!*failed);
        if (sino_decoder_invalid_count(d) > 0)
            FZ_CHECK(sino_decoder_first_invalid(d) <= n);
    }
    sino_decoder_close(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sino_enc_result res;
    const char *name = sino_detect_encoding(data, size, stats(), &res);
    FZ_CHECK(name != NULL);
    FZ_CHECK(res.bom_len <= size && res.bom_len <= 4);
    FZ_CHECK(res.confidence >= 0.0 && res.confidence <= 1.0);
    sino_detect_encoding(data, size, NULL, NULL);

    if (size < 1) return 0;
    uint8_t ctl = data[0];
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    unsigned max_piece = 1u + (ctl & 7u);
    int null_eof = (ctl & 8) != 0;

    sino_buf whole, pieces, enc, back;
    sino_buf_init(&whole);
    sino_buf_init(&pieces);
    sino_buf_init(&enc);
    sino_buf_init(&back);
    for (size_t e = 0; e < NENC; e++) {
        int f1, f2;
        fz_rng rng = {ctl * 2654435761u + (uint32_t)e};
        decode(encs[e], 0, p, n, &rng, 0, null_eof, &whole, &f1);
        FZ_CHECK(fz_valid_utf8(whole.data, whole.len));
        decode(encs[e], 0, p, n, &rng, max_piece, null_eof, &pieces, &f2);
        FZ_CHECK(fz_valid_utf8(pieces.data, pieces.len));
        FZ_CHECK(whole.len == pieces.len &&
                 (whole.len == 0 || memcmp(whole.data, pieces.data, whole.len) == 0));
        /* strict: either fails or agrees with the lenient decoding */
        decode(encs[e], 1, p, n, &rng, max_piece, null_eof, &pieces, &f2);
        FZ_CHECK(fz_valid_utf8(pieces.data, pieces.len));
    }

    /* Encoder round trip: valid UTF-8 (the repaired input) -> ENC -> UTF-8
     * gives the text back when nothing was unmappable. */
    sino_buf text;
    sino_buf_init(&text);
    fz_repair(p, n, &text);
    const char *enc_name = encs[(ctl >> 4) % NENC];
    sino_error err;
    sino_encoder *en = sino_encoder_open(enc_name, ctl & 0x80 ? 1 : 0, &err);
    if (!en) fz_setup_fail(enc_name, &err);
    int rc = sino_encoder_feed(en, text.data, text.len, &enc, &err);
    if (rc == SINO_OK && sino_encoder_unmappable_count(en) == 0) {
        int failed;
        fz_rng rng = {ctl};
        decode(enc_name, 1, (const uint8_t *)(enc.data ? enc.data : ""), enc.len, &rng,
               max_piece, null_eof, &back, &failed);
        FZ_CHECK(!failed);
        /* a leading U+FEFF may be taken for a byte order mark and dropped */
        size_t skip = (text.len >= 3 && memcmp(text.data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
        int same = back.len == text.len &&
                   (back.len == 0 || memcmp(back.data, text.data, back.len) == 0);
        int same_nobom = skip && back.len == text.len - skip &&
                         (back.len == 0 || memcmp(back.data, text.data + skip, back.len) == 0);
        FZ_CHECK(same || same_nobom);
    } else if (rc != SINO_OK) {
        FZ_CHECK(rc == SINO_ERR_UTF8 && (ctl & 0x80));
    }
    sino_encoder_close(en);
    sino_buf_free(&text);
    sino_buf_free(&whole);
    sino_buf_free(&pieces);
    sino_buf_free(&enc);
    sino_buf_free(&back);
    return 0;
}
