/* reader.c - lines or paragraphs from a file, stdin or memory, in bounded
 * memory: a record longer than max_record is handed out in chunks cut at a
 * character boundary, preferably after a space or punctuation. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sino_io.h"

#define READ_BLOCK (64u << 10)
#define SAFE_CUT_WINDOW (64u << 10)

struct sino_reader {
    int fd;
    int own_fd;
    const unsigned char *mem;      /* memory source, or NULL */
    size_t mem_len, mem_pos;
    char name[256];
    sino_reader_opts opts;
    char *buf;
    size_t cap, start, end;
    uint64_t base;                 /* input offset of buf[0] */
    int eof;
    int last_partial;
    sino_buf repaired;
    uint64_t invalid, first_invalid;
};

static int read_source(sino_reader *r, char *dst, size_t want, sino_error *err)
{
    if (r->mem) {
        size_t n = r->mem_len - r->mem_pos;
        if (n > want) n = want;
        memcpy(dst, r->mem + r->mem_pos, n);
        r->mem_pos += n;
        return (int)n;
    }
    for (;;) {
        ssize_t n = read(r->fd, dst, want);
        if (n >= 0) return (int)n;
        if (errno == EINTR) continue;
        return sino_fail(err, SINO_ERR_IO, "%s", strerror(errno));
    }
}

/* Make room and read more bytes; sets eof at end of input. The unread
 * bytes move to the front once a block has been read past and they are
 * few, so that reading reuses the same cache-warm block or two of the
 * buffer instead of walking through all of it. */
static int fill(sino_reader *r, sino_error *err)
{
    size_t unread = r->end - r->start;
    if (r->start > 0 && (r->cap - r->end < READ_BLOCK || unread == 0 ||
                         (r->start >= READ_BLOCK && unread <= READ_BLOCK / 4))) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->base += r->start;
        r->end -= r->start;
        r->start = 0;
    }
    size_t room = r->cap - r->end;
    if (room > READ_BLOCK) room = READ_BLOCK;
    int n = read_source(r, r->buf + r->end, room, err);
    if (n < 0) return n;
    if (n == 0) r->eof = 1;
    r->end += (size_t)n;
    return SINO_OK;
}

static sino_reader *reader_new(const sino_reader_opts *opts, const char *name,
                               sino_error *err)
{
    sino_reader *r = calloc(1, sizeof *r);
    if (!r) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (opts) r->opts = *opts;
    if (r->opts.max_record == 0) r->opts.max_record = SINO_DEFAULT_MAX_RECORD;
    if (r->opts.max_record < 16) r->opts.max_record = 16;
    r->cap = r->opts.max_record + READ_BLOCK;
    r->buf = malloc(r->cap);
    if (!r->buf) {
        free(r);
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    snprintf(r->name, sizeof r->name, "%s", name ? name : "-");
    r->fd = -1;
    sino_buf_init(&r->repaired);
    return r;
}

sino_reader *sino_reader_from_fd(int fd, const char *name,
                                 const sino_reader_opts *opts, sino_error *err)
{
    sino_reader *r = reader_new(opts, name, err);
    if (r) r->fd = fd;
    return r;
}

sino_reader *sino_reader_open(const char *path, const sino_reader_opts *opts,
                              sino_error *err)
{
    if (!path || strcmp(path, "-") == 0)
        return sino_reader_from_fd(STDIN_FILENO, "-", opts, err);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        sino_fail(err, SINO_ERR_IO, "%s", strerror(errno));
        return NULL;
    }
    sino_reader *r = sino_reader_from_fd(fd, path, opts, err);
    if (!r) {
        close(fd);
        return NULL;
    }
    r->own_fd = 1;
    return r;
}

sino_reader *sino_reader_from_mem(const void *data, size_t len,
                                  const sino_reader_opts *opts, sino_error *err)
{
    sino_reader *r = reader_new(opts, "<memory>", err);
    if (!r) return NULL;
    static const unsigned char empty[1];
    r->mem = data ? data : empty;
    r->mem_len = len;
    return r;
}

void sino_reader_close(sino_reader *r)
{
    if (!r) return;
    if (r->own_fd) close(r->fd);
    free(r->buf);
    sino_buf_free(&r->repaired);
    free(r);
}

void sino_reader_set_utf8_policy(sino_reader *r, int policy) { r->opts.utf8_policy = policy; }

uint64_t sino_reader_invalid_count(const sino_reader *r) { return r->invalid; }
uint64_t sino_reader_first_invalid(const sino_reader *r) { return r->first_invalid; }
const char *sino_reader_name(const sino_reader *r) { return r->name; }

/* A byte after which a long record may be cut without splitting a word, a
 * number or a character: ASCII whitespace; ASCII , . ; ! ? when no letter or
 * digit follows (so 18.8 and www.example.com stay whole); the last byte of an
 * ideographic space, 、 or 。, a closing CJK bracket (U+3009..U+301B, odd),
 * or a full-width ！ ） ， ： ； ？. */
static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int safe_cut_after(const unsigned char *s, size_t i, size_t n)
{
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r') return 1;
    if (c == ',' || c == '.' || c == ';' || c == '!' || c == '?')
        return i + 1 < n && !ascii_alnum(s[i + 1]);
    if (i >= 2 && (c & 0xC0) == 0x80 && (s[i - 1] & 0xC0) == 0x80) {
        unsigned cp = ((unsigned)(s[i - 2] & 0x0F) << 12) | ((unsigned)(s[i - 1] & 0x3F) << 6) |
                      (c & 0x3Fu);
        if ((s[i - 2] & 0xF0) != 0xE0) return 0;
        if (cp <= 0x3002) return 1;
        if (cp >= 0x3009 && cp <= 0x301B) return cp & 1;
        return cp == 0xFF01 || cp == 0xFF09 || cp == 0xFF0C || cp == 0xFF1A || cp == 0xFF1B ||
               cp == 0xFF1F;
    }
    return 0;
}

/* Where to end a chunk of s[0..max): after a safe byte near the end if there
 * is one, else at the last character boundary. */
static size_t chunk_cut(const unsigned char *s, size_t max)
{
    size_t lo = max > SAFE_CUT_WINDOW ? max - SAFE_CUT_WINDOW : 0;
    for (size_t i = max; i > lo; i--)
        if (safe_cut_after(s, i - 1, max)) return i;
    size_t tail = sino_utf8_incomplete_tail(s, max);
    return max - tail > 0 ? max - tail : max;
}

static int is_blank_line(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return 0;
    return 1;
}

/* Apply the UTF-8 policy to rec; may point rec->data at the repaired copy. */
static int apply_policy(sino_reader *r, sino_record *rec, sino_error *err)
{
    if (r->opts.utf8_policy == SINO_UTF8_BINARY) return SINO_OK;
    const unsigned char *s = (const unsigned char *)rec->data;
    size_t good = sino_utf8_valid_prefix(s, rec->len);
    if (good == rec->len) return SINO_OK;
    uint64_t at = rec->offset + good;
    if (r->opts.utf8_policy == SINO_UTF8_FAIL) {
        if (err) err->offset = at;
        return sino_fail(err, SINO_ERR_UTF8,
                         "invalid UTF-8 at byte offset %llu",
                         (unsigned long long)at);
    }
    if (r->invalid == 0) r->first_invalid = at;
    if (r->opts.utf8_policy == SINO_UTF8_PASS) {
        /* count every invalid sequence without copying */
        size_t i = good;
        while (i < rec->len) {
            int32_t cp;
            i += (size_t)sino_utf8_decode(s + i, rec->len - i, &cp);
            if (cp < 0) r->invalid++;
            i += sino_utf8_valid_prefix(s + i, rec->len - i);
        }
        return SINO_OK;
    }
    sino_buf_clear(&r->repaired);
    long n = sino_utf8_repair(s, rec->len, &r->repaired, NULL);
    if (n < 0) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    r->invalid += (uint64_t)n;
    rec->data = r->repaired.data;
    rec->len = r->repaired.len;
    return SINO_OK;
}

static void set_record(sino_reader *r, sino_record *rec, size_t from,
                       size_t len, size_t consumed, int newline, int partial)
{
    rec->data = r->buf + from;
    rec->len = len;
    rec->offset = r->base + from;
    rec->raw_len = len;
    rec->newline = newline;
    rec->partial = partial;
    rec->continued = r->last_partial;
    r->last_partial = partial;
    r->start = from + consumed;
}

/* Emit a chunk of an over-long record starting at r->start. */
static void emit_chunk(sino_reader *r, sino_record *rec)
{
    size_t cut = chunk_cut((const unsigned char *)r->buf + r->start,
                           r->opts.max_record);
    set_record(r, rec, r->start, cut, cut, 0, 1);
}

static int next_line(sino_reader *r, sino_record *rec, sino_error *err)
{
    size_t scanned = r->start;
    for (;;) {
        char *nl = memchr(r->buf + scanned, '\n', r->end - scanned);
        if (nl && (size_t)(nl - (r->buf + r->start)) <= r->opts.max_record) {
            size_t len = (size_t)(nl - (r->buf + r->start));
            set_record(r, rec, r->start, len, len + 1, 1, 0);
            return 1;
        }
        if (r->end - r->start >= r->opts.max_record) {
            emit_chunk(r, rec);
            return 1;
        }
        if (r->eof) {
            if (r->start == r->end) return 0;
            size_t len = r->end - r->start;
            set_record(r, rec, r->start, len, len, 0, 0);
            return 1;
        }
        size_t rel = r->end - r->start;
        int st = fill(r, err);
        if (st < 0) return st;
        scanned = r->start + rel;
    }
}

/* Blocks: every whole line in the buffer (reading when there is none), at
 * most max_record bytes and their newline; a longer line is cut into chunks
 * as in line mode. */
static int next_block(sino_reader *r, sino_record *rec, sino_error *err)
{
    for (;;) {
        size_t avail = r->end - r->start;
        size_t window = avail <= r->opts.max_record ? avail : r->opts.max_record + 1;
        char *nl = window ? memrchr(r->buf + r->start, '\n', window) : NULL;
        if (nl) {
            size_t len = (size_t)(nl - (r->buf + r->start)) + 1;
            set_record(r, rec, r->start, len, len, 1, 0);
            return 1;
        }
        if (avail >= r->opts.max_record) {
            emit_chunk(r, rec);
            return 1;
        }
        if (r->eof) {
            if (avail == 0) return 0;
            set_record(r, rec, r->start, avail, avail, 0, 0);
            return 1;
        }
        int st = fill(r, err);
        if (st < 0) return st;
    }
}

/* Skip blank lines before a paragraph; returns how many were skipped, or <0. */
static int skip_blank_lines(sino_reader *r, unsigned *count, sino_error *err)
{
    *count = 0;
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        if (nl) {
            size_t len = (size_t)(nl - (r->buf + r->start));
            if (!is_blank_line(r->buf + r->start, len)) return SINO_OK;
            r->start += len + 1;
            (*count)++;
            continue;
        }
        if (!is_blank_line(r->buf + r->start, r->end - r->start)) return SINO_OK;
        if (r->end - r->start >= r->opts.max_record) return SINO_OK;
        if (r->eof) {
            r->start = r->end;   /* trailing whitespace without newline */
            return SINO_OK;
        }
        int st = fill(r, err);
        if (st < 0) return st;
    }
}

static int next_paragraph(sino_reader *r, sino_record *rec, sino_error *err)
{
    unsigned blanks = 0;
    if (!r->last_partial) {
        int st = skip_blank_lines(r, &blanks, err);
        if (st < 0) return st;
    }
    size_t pos = r->start;         /* start of the line being examined */
    for (;;) {
        char *nl = memchr(r->buf + pos, '\n', r->end - pos);
        if (nl && (size_t)(nl - (r->buf + r->start)) <= r->opts.max_record) {
            size_t len = (size_t)(nl - (r->buf + pos));
            if (pos > r->start && is_blank_line(r->buf + pos, len)) {
                size_t plen = pos - 1 - r->start;
                set_record(r, rec, r->start, plen, plen + 1, 1, 0);
                rec->blank_lines = blanks;
                return 1;
            }
            pos += len + 1;
            continue;
        }
        if (r->end - r->start >= r->opts.max_record) {
            if (pos > r->start && pos - r->start <= r->opts.max_record) {
                /* cut at the last line end inside the window */
                size_t plen = pos - 1 - r->start;
                set_record(r, rec, r->start, plen, plen + 1, 1, 1);
            } else {
                emit_chunk(r, rec);
            }
            rec->blank_lines = blanks;
            return 1;
        }
        if (r->eof) {
            if (r->start == r->end) return 0;
            size_t len = r->end - r->start;
            int nl_end = len > 0 && r->buf[r->end - 1] == '\n';
            set_record(r, rec, r->start, len - (size_t)nl_end, len, nl_end, 0);
            rec->blank_lines = blanks;
            return 1;
        }
        size_t rel = pos - r->start;
        int st = fill(r, err);
        if (st < 0) return st;
        pos = r->start + rel;
    }
}

int sino_reader_next(sino_reader *r, sino_record *rec, sino_error *err)
{
    memset(rec, 0, sizeof *rec);
    int got = r->opts.mode == SINO_READ_PARAGRAPHS ? next_paragraph(r, rec, err)
              : r->opts.mode == SINO_READ_BLOCKS   ? next_block(r, rec, err)
                                                   : next_line(r, rec, err);
    if (got <= 0) return got;
    int st = apply_policy(r, rec, err);
    return st < 0 ? st : 1;
}
