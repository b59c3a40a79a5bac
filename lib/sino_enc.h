/* sino_enc.h - Chinese encoding detection and streaming decoding/encoding
 * over iconv(3).
 *
 * Detection looks at a prefix of the input (a few KiB are plenty; 30 bytes
 * usually suffice): byte order marks, UTF-8 validity, BOM-less UTF-16, and
 * for legacy double-byte text GB18030/GBK versus Big5 (and Shift_JIS,
 * EUC-JP, EUC-KR) by the likelihood of the decoded characters under
 * character statistics of real Simplified and Traditional Chinese text (a
 * compiled table, enc-stats.sdict, built from jieba's dictionary and its
 * OpenCC Traditional conversion), kana scored as common in a Japanese
 * reading and the most frequent hangul syllables in a Korean one.
 * ISO-2022-JP is told by its escape sequences; UTF-8 with a few invalid
 * bytes stays UTF-8; BOM-less UTF-16 needs evidence (NUL bytes on one
 * parity, or mostly Han characters, and no invalid surrogate); a sample
 * that reads as noise in every encoding is "unknown". */
#ifndef SINO_ENC_H
#define SINO_ENC_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "sino_dict.h"
#include "sino_text.h"

/* The names sino_detect_encoding returns (lower-case iconv names). */
#define SINO_ENC_UTF8 "utf-8"
#define SINO_ENC_GB18030 "gb18030"
#define SINO_ENC_GBK "gbk"
#define SINO_ENC_BIG5 "big5"
#define SINO_ENC_BIG5HKSCS "big5-hkscs"
#define SINO_ENC_UTF16LE "utf-16le"
#define SINO_ENC_UTF16BE "utf-16be"
#define SINO_ENC_ASCII "ascii"
#define SINO_ENC_SJIS "shift_jis"
#define SINO_ENC_EUCJP "euc-jp"
#define SINO_ENC_ISO2022JP "iso-2022-jp"
#define SINO_ENC_EUCKR "euc-kr"
/* Detection's answer when no reading is plausible text (noise, or an
 * encoding it does not know): the caller must be told the encoding. */
#define SINO_ENC_UNKNOWN "unknown"

/* Character statistics for detection (kind "enc-stats"): keys "S<char>" and
 * "T<char>" with num = frequency in Simplified / Traditional text, aux0/aux1
 * = the totals. Opened from the data directory; close with sino_dict_close. */
#define SINO_ENC_STATS_FILE "enc-stats.sdict"
#define SINO_ENC_STATS_KIND "enc-stats"
sino_dict *sino_enc_stats_open(sino_error *err);

typedef struct sino_enc_result {
    const char *name;      /* one of the SINO_ENC_* names above */
    double confidence;     /* 0..1 */
    size_t bom_len;        /* bytes of byte order mark at the start (0, 2, 3) */
} sino_enc_result;

/* Detect the encoding of p[0..n) (a prefix of the input; it may be cut in the
 * middle of a character at either end). stats may be NULL: detection then
 * falls back to byte-structure heuristics only (less accurate on GB vs
 * Big5). Returns the name (never NULL: "utf-8" for empty input,
 * SINO_ENC_UNKNOWN when no reading is plausible) and fills
 * *res when res is not NULL. */
const char *sino_detect_encoding(const unsigned char *p, size_t n,
                                 const sino_dict *stats, sino_enc_result *res);

/* Canonical lower-case name for an encoding name given by a user
 * ("GB2312", "cp936", "UTF8", "big5hkscs"...), or NULL when iconv does not
 * know it. The returned string is static or points into name. */
const char *sino_enc_canonical(const char *name);

/* ---- streaming decoder: any encoding -> UTF-8 ---- */

typedef struct sino_decoder sino_decoder;

/* Open a decoder from encoding enc (an iconv name; "gbk" and "gb2312" decode
 * as their superset GB18030). With strict, the first invalid or unmappable
 * sequence is an error (SINO_ERR_UTF8 with err->offset = its input offset)
 * instead of a U+FFFD. A byte order mark at the very start is dropped. */
sino_decoder *sino_decoder_open(const char *enc, int strict, sino_error *err);
/* Decode p[0..n) and append UTF-8 to out. An incomplete sequence at the end is
 * kept for the next call; pass eof = 1 with the last bytes (or n = 0) so that
 * a truncated final sequence becomes U+FFFD. Returns SINO_OK or an error. */
int sino_decoder_feed(sino_decoder *d, const void *p, size_t n, int eof,
                      sino_buf *out, sino_error *err);
/* Invalid/unmappable sequences replaced so far, the input offset of the
 * first, and the total input bytes consumed. */
uint64_t sino_decoder_invalid_count(const sino_decoder *d);
uint64_t sino_decoder_first_invalid(const sino_decoder *d);
const char *sino_decoder_encoding(const sino_decoder *d);
/* Decode only the character at the start of p[0..n) (n >= 1) and append its
 * UTF-8 to out: returns its length in input bytes, 0 when p does not start
 * with a valid complete character (skip one byte), or SINO_ERR_NOMEM. The
 * decoder's counts and pending bytes are not changed. */
int sino_decoder_decode_char(sino_decoder *d, const void *p, size_t n, sino_buf *out);
void sino_decoder_close(sino_decoder *d);

/* ---- streaming encoder: UTF-8 -> any encoding ---- */

typedef struct sino_encoder sino_encoder;

/* Characters the target cannot represent become '?' and are counted, or with
 * strict are an error (SINO_ERR_UTF8, err->offset = UTF-8 offset). */
sino_encoder *sino_encoder_open(const char *enc, int strict, sino_error *err);
/* Encode UTF-8 p[0..n) (complete characters) and append to out. */
int sino_encoder_feed(sino_encoder *e, const void *p, size_t n, sino_buf *out,
                      sino_error *err);
uint64_t sino_encoder_unmappable_count(const sino_encoder *e);
uint64_t sino_encoder_first_unmappable(const sino_encoder *e);
void sino_encoder_close(sino_encoder *e);

#ifdef __cplusplus
}
#endif

#endif
