/* sino_norm.h - Unicode normalisation (utf8proc, with a quick check that
 * copies the already normalised runs typical of Chinese text untouched) and
 * full-/half-width folding. */
#ifndef SINO_NORM_H
#define SINO_NORM_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>

#include "sino_text.h"

enum sino_norm_flags {
    SINO_NORM_NFC = 1,     /* canonical composition */
    SINO_NORM_NFKC = 2,    /* compatibility composition (implies width folding of
                            * full-width forms, including CJK punctuation) */
    SINO_NORM_HALF = 4,    /* U+FF01..FF5E to ASCII, except the CJK punctuation
                            * ，。！？：；（） which stays full-width */
    SINO_NORM_FULL = 8     /* ASCII , . ! ? : ; ( ) next to Chinese text to full-width */
};

/* Normalise UTF-8 s[0..n) (valid UTF-8, whole characters) per flags and
 * append to out. NFC/NFKC run first, then the width folding. */
int sino_norm(const char *s, size_t n, int flags, sino_buf *out, sino_error *err);

/* Whether sino_norm(s, n, flags) would certainly give s back unchanged
 * (NFC or NFKC alone, and the quick check passes every character): the
 * caller can then use s itself. Always 0 with a width flag. */
int sino_norm_unchanged(const char *s, size_t n, int flags);

/* Whether cp is certainly unchanged by NFC (flags SINO_NORM_NFC) or NFKC and
 * cannot combine with its neighbours: the quick check. */
int sino_norm_stable(unsigned cp, int flags);

#ifdef __cplusplus
}
#endif

#endif
