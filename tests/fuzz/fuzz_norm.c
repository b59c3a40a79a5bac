/* Fuzz target: Unicode normalisation and width folding with every flag
 * combination, over the input repaired to valid UTF-8 (sino_norm's
 * contract). Output must be valid UTF-8; NFC and NFKC must be idempotent. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sino_buf text, out, again;
    sino_buf_init(&text);
    sino_buf_init(&out);
    sino_buf_init(&again);
    fz_repair(data, size, &text);
    sino_error err;
    for (int flags = 0; flags < 16; flags++) {
        sino_buf_clear(&out);
        FZ_CHECK(sino_norm(text.data, text.len, flags, &out, &err) == SINO_OK);
        FZ_CHECK(fz_valid_utf8(out.data, out.len));
        if (flags <= SINO_NORM_NFKC) {   /* 0 is NFC too */
            sino_buf_clear(&again);
            FZ_CHECK(sino_norm(out.data, out.len, flags, &again, &err) == SINO_OK);
            FZ_CHECK(again.len == out.len &&
                     (out.len == 0 || memcmp(again.data, out.data, out.len) == 0));
        }
    }
    /* the quick check on every code point of the input */
    for (size_t i = 0; i < text.len;) {
        int32_t cp;
        int l = sino_utf8_decode((const unsigned char *)text.data + i, text.len - i, &cp);
        FZ_CHECK(l > 0 && cp >= 0);
        sino_norm_stable((unsigned)cp, SINO_NORM_NFC);
        sino_norm_stable((unsigned)cp, SINO_NORM_NFKC);
        i += (size_t)l;
    }
    sino_buf_free(&text);
    sino_buf_free(&out);
    sino_buf_free(&again);
    return 0;
}
