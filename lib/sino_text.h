/* sino_text.h - text core: errors, UTF-8, character classes, growable buffer. */
#ifndef SINO_TEXT_H
#define SINO_TEXT_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- errors: the library never prints and never exits; it fills these ---- */

enum sino_status {
    SINO_OK = 0,
    SINO_ERR_IO = -1,      /* read/write/open failed; msg has strerror text */
    SINO_ERR_NOMEM = -2,
    SINO_ERR_UTF8 = -3,    /* invalid UTF-8 under the fail policy */
    SINO_ERR_FORMAT = -4,  /* corrupt or unsupported data file */
    SINO_ERR_USAGE = -5,   /* bad argument from the caller */
    SINO_ERR_EPIPE = -6,   /* output pipe closed by the reader */
    SINO_ERR_WRITE = -7    /* writing the output failed (disk full...) */
};

typedef struct sino_error {
    int code;            /* one of enum sino_status */
    uint64_t offset;     /* byte offset in the input, when it applies */
    char msg[512];       /* human-readable, without program or file name */
} sino_error;

/* Record an error; returns code so callers can `return sino_fail(...)`. */
int sino_fail(sino_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void sino_error_clear(sino_error *err);
/* Put "prefix: " before the message (e.g. a path or a line number). */
void sino_error_prefix(sino_error *err, const char *prefix);

/* ---- UTF-8 ---- */

#define SINO_REPLACEMENT_CHAR 0xFFFDu

/* Decode one code point from s[0..n). Returns bytes consumed (1..4) and stores
 * the code point in *cp; on an invalid or truncated sequence returns the length
 * of the maximal invalid subsequence (>= 1, Unicode's "substitution of maximal
 * subparts") and stores -1. n must be >= 1. */
int sino_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* sino_utf8_decode with the common cases inline, for inner loops: ASCII and
 * a well-formed three-byte sequence (almost all Chinese text); everything
 * else goes to sino_utf8_decode, so the result is always the same. */
static inline int sino_utf8_decode_fast(const unsigned char *u, size_t n, int32_t *cp)
{
    unsigned char b = u[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xE1 && b <= 0xEF && b != 0xED && n >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        *cp = (int32_t)(((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
                        (u[2] & 0x3F));
        return 3;
    }
    return sino_utf8_decode(u, n, cp);
}

/* Encode cp into out (>= 4 bytes); returns the byte count (0 if cp invalid). */
int sino_utf8_encode(uint32_t cp, unsigned char *out);

/* Length of the longest valid UTF-8 prefix of s[0..n). Equals n when valid.
 * ASCII runs are checked eight bytes at a time. */
size_t sino_utf8_valid_prefix(const unsigned char *s, size_t n);

/* Number of bytes (0..3) at the end of s[0..n) that are an incomplete but so
 * far valid sequence: where a chunk must be cut to keep characters whole. */
size_t sino_utf8_incomplete_tail(const unsigned char *s, size_t n);

/* Start of the character containing byte i (steps back over continuation
 * bytes, at most 3). */
size_t sino_utf8_char_start(const unsigned char *s, size_t i);

/* ---- character classes ---- */

/* CJK unified ideographs incl. ext. A-I, compatibility, 〇 (inline: every
 * tool asks it of nearly every character) */
static inline int sino_is_han(uint32_t cp)
{
    if (cp < 0x3007) return 0;
    if (cp >= 0x4E00 && cp <= 0x9FFF) return 1;   /* URO */
    return (cp >= 0x3400 && cp <= 0x4DBF)         /* Ext A */
        || (cp >= 0x20000 && cp <= 0x2A6DF)       /* Ext B */
        || (cp >= 0x2A700 && cp <= 0x2EBEF)       /* Ext C-F, I */
        || (cp >= 0x2EBF0 && cp <= 0x2EE5F)       /* Ext I */
        || (cp >= 0x30000 && cp <= 0x323AF)       /* Ext G, H */
        || (cp >= 0xF900 && cp <= 0xFAFF)         /* compatibility */
        || (cp >= 0x2F800 && cp <= 0x2FA1F)       /* compatibility supplement */
        || cp == 0x3007;                          /* 〇 */
}
int sino_is_cjk_punct(uint32_t cp);    /* 。，、；：？！“”‘’（）《》【】「」『』… — etc. */
int sino_is_fullwidth_ascii(uint32_t cp); /* U+FF01..U+FF5E */
uint32_t sino_fullwidth_to_ascii(uint32_t cp); /* U+FF01..FF5E -> 0x21..0x7E, U+3000 -> ' ' */
int sino_is_space(uint32_t cp);        /* ASCII space/tab/CR/LF/VT/FF, NBSP, U+3000, Zs */
int sino_is_zero_width(uint32_t cp);   /* ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen */
int sino_is_sentence_end(uint32_t cp); /* 。！？!? and the like */

/* ---- growable buffer ---- */

typedef struct sino_buf {
    char *data;
    size_t len;
    size_t cap;
} sino_buf;

void sino_buf_init(sino_buf *b);
void sino_buf_free(sino_buf *b);
/* Make room for extra more bytes (and a NUL): SINO_OK or SINO_ERR_NOMEM. */
int sino_buf_grow(sino_buf *b, size_t extra);

/* The buffer calls below are inline: every pass makes several per line. */
static inline void sino_buf_clear(sino_buf *b) { b->len = 0; }   /* keeps memory */

static inline int sino_buf_reserve(sino_buf *b, size_t extra)
{
    return extra < b->cap - b->len ? SINO_OK : sino_buf_grow(b, extra);
}

/* Append p[0..n), keeping the data NUL-terminated. */
static inline int sino_buf_append(sino_buf *b, const void *p, size_t n)
{
    int st = sino_buf_reserve(b, n);
    if (st != SINO_OK) return st;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return SINO_OK;
}
int sino_buf_putc(sino_buf *b, char c);
int sino_buf_put_cp(sino_buf *b, uint32_t cp);  /* append UTF-8 encoding */
int sino_buf_printf(sino_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append s[0..n) as a quoted JSON string: quote, backslash and control
 * characters escaped, each invalid UTF-8 sequence written as U+FFFD. The
 * one JSON string writer of the library (sino_writer_put_json writes it to a
 * writer). */
int sino_buf_put_json(sino_buf *b, const char *s, size_t n);
/* The same without the quotes (a string written in pieces). */
int sino_buf_put_json_chars(sino_buf *b, const char *s, size_t n);

/* Copy s[0..n) into out, replacing each maximal invalid subsequence by U+FFFD.
 * Returns the number of replacements; *first_bad gets the offset of the first
 * invalid byte (unchanged when none). Returns -1 on allocation failure. */
long sino_utf8_repair(const unsigned char *s, size_t n, sino_buf *out,
                      uint64_t *first_bad);

#ifdef __cplusplus
}
#endif

#endif
