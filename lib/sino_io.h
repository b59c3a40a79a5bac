/* sino_io.h - bounded-memory record reader and checked output writer. */
#ifndef SINO_IO_H
#define SINO_IO_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "sino_text.h"

enum sino_read_mode {
    SINO_READ_LINES,       /* a record per '\n'-terminated line */
    SINO_READ_PARAGRAPHS,  /* a record per run of non-blank lines */
    SINO_READ_BLOCKS       /* a record per run of whole lines as read (up to
                            * about 64 KiB), their '\n' bytes included, for
                            * filters that treat the input as one stream */
};

enum sino_utf8_policy {
    SINO_UTF8_PASS,        /* hand bytes out unchanged; still count invalid ones */
    SINO_UTF8_REPLACE,     /* replace each invalid sequence by U+FFFD and count */
    SINO_UTF8_FAIL,        /* stop with SINO_ERR_UTF8 at the first invalid byte */
    SINO_UTF8_BINARY       /* bytes in another encoding: unchanged, not looked at */
};

#define SINO_DEFAULT_MAX_RECORD (4u << 20)   /* 4 MiB */

typedef struct sino_reader_opts {
    int mode;              /* enum sino_read_mode */
    int utf8_policy;       /* enum sino_utf8_policy; for input in another
                            * encoding it applies to the bytes that do not
                            * decode (PASS and REPLACE both give U+FFFD) */
    size_t max_record;     /* longer records are handed out in chunks; 0 = default */
} sino_reader_opts;

typedef struct sino_record {
    const char *data;      /* record bytes, without the terminating newline(s)
                            * (blocks: with every newline, the last included) */
    size_t len;
    uint64_t offset;       /* input byte offset of the record's first byte */
    uint64_t raw_len;      /* input bytes the record spans (before decoding or
                            * repair; newlines included) */
    int newline;           /* a '\n' ended this record (else EOF or a chunk cut) */
    int partial;           /* a chunk of an over-long record: more of it follows */
    int continued;         /* this record continues the previous partial chunk */
    unsigned blank_lines;  /* paragraph mode: blank lines that followed it */
    int mapped;            /* data differs from the input bytes: ask
                            * sino_reader_offset for the offset of a byte */
} sino_record;

typedef struct sino_reader sino_reader;

/* Open path for reading ("-" or NULL = standard input). */
sino_reader *sino_reader_open(const char *path, const sino_reader_opts *opts,
                              sino_error *err);
/* Read from an already open descriptor; name is used in messages only. */
sino_reader *sino_reader_from_fd(int fd, const char *name,
                                 const sino_reader_opts *opts, sino_error *err);
/* Read from memory (tests, fuzzing). The bytes must outlive the reader. */
sino_reader *sino_reader_from_mem(const void *data, size_t len,
                                  const sino_reader_opts *opts, sino_error *err);

/* Next record: 1 = got one, 0 = end of input, <0 = error (err filled). The
 * record's data stays valid until the next call. */
int sino_reader_next(sino_reader *r, sino_record *rec, sino_error *err);

/* Records are always UTF-8 (but under SINO_UTF8_PASS and BINARY). Input in
 * another encoding is decoded; with encoding "auto" the reader decides on
 * the first sample of the input that holds non-ASCII bytes (up to the first
 * line end 4 KiB past the first such byte), however the input arrives: a
 * pure ASCII head is handed out as it is and decides nothing. A byte order
 * mark is dropped. */

/* Before the first record: the input's encoding, NULL or "auto" (the
 * default) to detect it (sino_enc.h). SINO_ERR_USAGE for a name iconv does
 * not know. */
int sino_reader_set_encoding(sino_reader *r, const char *enc, sino_error *err);
/* Before the first record: keep the map sino_reader_offset needs. */
void sino_reader_keep_offsets(sino_reader *r, int on);

/* The input offset of byte pos of rec (pos <= rec->len), for records whose
 * bytes differ from the input's (decoded, or invalid bytes replaced); needs
 * sino_reader_keep_offsets, else it is rec->offset + pos. */
uint64_t sino_reader_offset(const sino_reader *r, const sino_record *rec, size_t pos);

/* Up to want bytes of the input's UTF-8 text as a stream (the same decoding
 * as records; UTF-8 input is handed out unchanged, invalid bytes included).
 * Returns the count, 0 at the end, <0 on error. Do not mix with
 * sino_reader_next. */
long sino_reader_read(sino_reader *r, void *dst, size_t want, sino_error *err);

/* Decide the encoding now, reading (and dropping) pure ASCII lines until
 * non-ASCII bytes or the end of the input decide ("ascii"). For --detect;
 * the records read are lost. Returns SINO_OK or an error. */
int sino_reader_detect(sino_reader *r, sino_error *err);
/* The input's encoding as decided so far ("ascii" while only ASCII has been
 * seen, "binary" for NUL bytes that are not UTF-16), and the detector's
 * confidence (1 for a named encoding). */
const char *sino_reader_encoding(const sino_reader *r);
double sino_reader_confidence(const sino_reader *r);

/* Count of invalid (or, in another encoding, unmappable) sequences seen, and
 * the input offset of the first. */
uint64_t sino_reader_invalid_count(const sino_reader *r);
uint64_t sino_reader_first_invalid(const sino_reader *r);
/* The encoding name to put in a message about them ("UTF-8", "gbk", ...). */
const char *sino_reader_invalid_label(const sino_reader *r);
const char *sino_reader_name(const sino_reader *r);
/* The descriptor read (-1 for memory). */
int sino_reader_fd(const sino_reader *r);
void sino_reader_close(sino_reader *r);

/* ---- writer ---- */

typedef struct sino_writer sino_writer;

sino_writer *sino_writer_from_fd(int fd, const char *name);
/* Buffer bytes; flushes as needed. Returns SINO_OK, SINO_ERR_EPIPE when the
 * reader of a pipe went away, or SINO_ERR_IO (err filled). After an error every
 * later call returns the same error. */
int sino_writer_put(sino_writer *w, const void *p, size_t n, sino_error *err);
int sino_writer_puts(sino_writer *w, const char *s, sino_error *err);
int sino_writer_putc(sino_writer *w, char c, sino_error *err);
int sino_writer_printf(sino_writer *w, sino_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* s[0..n) as a JSON string, quoted or not (see sino_buf_put_json). */
int sino_writer_put_json(sino_writer *w, const char *s, size_t n, int quoted, sino_error *err);
int sino_writer_flush(sino_writer *w, sino_error *err);
/* Flush after every record (for interactive use); default off. */
void sino_writer_set_line_buffered(sino_writer *w, int on);
/* Flush and free; returns the flush status. Does not close the descriptor. */
int sino_writer_close(sino_writer *w, sino_error *err);

#ifdef __cplusplus
}
#endif

#endif
