/* reader.c - lines or paragraphs from a file, stdin or memory, in bounded
 * memory, decoded to UTF-8: a record longer than max_record is handed out in
 * chunks cut at a character boundary, preferably after a space or
 * punctuation.
 *
 * Records are split on the input's own bytes for every encoding in which a
 * '\n' byte is always a line end (UTF-8, GB18030/GBK, Big5, EUC, Shift_JIS),
 * then decoded one record at a time, so that record offsets are input
 * offsets. UTF-16 and UTF-32 are decoded as they are read and split after;
 * their input offsets follow from the code points (two or four bytes each).
 * Within a record that was decoded or repaired, a map of anchors (record
 * byte, input byte) gives the input offset of any byte. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "grow_int.h"
#include "sino_enc.h"
#include "io_int.h"
#include "sino_io.h"

#define READ_BLOCK (64u << 10)
#define SAFE_CUT_WINDOW (64u << 10)
/* The detection sample: from a little before the first non-ASCII byte to
 * the first line end DETECT_BYTES past it, at most DETECT_MAX bytes. */
#define DETECT_BYTES 4096
#define DETECT_BEFORE 64
#define DETECT_MAX (64u << 10)

enum decision { UNDECIDED, ASCII_SO_FAR, DECIDED };
enum kind {
    K_UTF8,      /* UTF-8 (or unknown): validated per the policy */
    K_RAW,       /* bytes untouched (policy BINARY) */
    K_LEGACY,    /* ASCII-compatible encoding decoded per record */
    K_WIDE       /* UTF-16/UTF-32 decoded as read */
};

struct anchor {
    size_t out;       /* record byte */
    uint64_t in;      /* its offset from the record's first input byte */
};

struct sino_reader {
    int fd;
    int own_fd;
    const unsigned char *mem;      /* memory source, or NULL */
    size_t mem_len, mem_pos;
    char name[256];
    sino_reader_opts opts;
    const char *want_enc;          /* NULL: detect */
    int offsets;                   /* keep the offset map */
    char *buf;
    size_t cap, start, end;
    uint64_t base;                 /* input offset of buf[0] (not K_WIDE) */
    int eof;
    int last_partial;
    sino_buf repaired;
    uint64_t invalid, first_invalid;
    int reported;
    /* encoding */
    int decision, kind;
    size_t ascii_checked;          /* ASCII_SO_FAR: buf[start..this) has no high byte */
    char enc[40];
    double confidence;
    sino_decoder *dec;
    sino_dict *stats;
    int stats_tried;
    /* K_WIDE: raw bytes come through raw and are decoded into buf */
    unsigned char *raw;
    sino_buf wide_out;
    uint64_t raw_start;            /* input offset of buf[start] */
    uint64_t source_bytes;         /* input bytes read so far (bounds raw_start) */
    unsigned wide_unit;            /* 2 (UTF-16) or 4 (UTF-32) */
    uint64_t wide_bom;
    /* the offset map of the last record */
    struct anchor *map;
    size_t nmap, capmap;
    /* sino_reader_read: the rest of the last record */
    int stream;
    const char *pend;
    size_t npend;
};

static int read_source(sino_reader *r, char *dst, size_t want, sino_error *err)
{
    if (r->mem) {
        size_t n = r->mem_len - r->mem_pos;
        if (n > want) n = want;
        memcpy(dst, r->mem + r->mem_pos, n);
        r->mem_pos += n;
        r->source_bytes += n;
        return (int)n;
    }
    for (;;) {
        ssize_t n = read(r->fd, dst, want);
        if (n >= 0) {
            r->source_bytes += (uint64_t)n;
            return (int)n;
        }
        if (errno == EINTR) continue;
        return sino_fail(err, SINO_ERR_IO, "%s", strerror(errno));
    }
}

/* K_WIDE: decode raw[0..n) (eof: the last bytes) onto the end of buf. */
static int wide_append(sino_reader *r, const void *raw, size_t n, int eof, sino_error *err)
{
    sino_buf_clear(&r->wide_out);
    int st = sino_decoder_feed(r->dec, raw, n, eof, &r->wide_out, err);
    if (st != SINO_OK) return st;
    if (r->wide_out.len == 0) return SINO_OK;   /* nothing decoded (data may be NULL) */
    if (r->cap - r->end < r->wide_out.len)   /* cannot happen: reads are sized */
        return sino_fail(err, SINO_ERR_NOMEM, "decoded text too long");
    memcpy(r->buf + r->end, r->wide_out.data, r->wide_out.len);
    r->end += r->wide_out.len;
    return SINO_OK;
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
    if (r->kind == K_WIDE) {
        /* UTF-16 grows by at most 3/2 (a lone byte at the end: 3) */
        size_t want = room / 2 > 8 ? room / 2 - 8 : 0;
        if (want == 0) return SINO_OK;   /* full: the caller cuts a chunk */
        int n = read_source(r, (char *)r->raw, want, err);
        if (n < 0) return n;
        if (n == 0) r->eof = 1;
        return wide_append(r, r->raw, (size_t)n, n == 0, err);
    }
    if (room == 0) return SINO_OK;
    int n = read_source(r, r->buf + r->end, room, err);
    if (n < 0) return n;
    if (n == 0) r->eof = 1;
    r->end += (size_t)n;
    return SINO_OK;
}

/* UTF-16/32 input bytes behind UTF-8 text p[0..n). */
static uint64_t wide_raw_len(const sino_reader *r, const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    uint64_t raw = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)sino_utf8_decode_fast(u + i, n - i, &cp);
        raw += r->wide_unit == 4 || cp >= 0x10000 ? 4 : 2;
    }
    return raw;
}

/* Move the read position to buf[to]. */
static void advance(sino_reader *r, size_t to)
{
    if (r->kind == K_WIDE) {
        /* A U+FFFD for a lone last byte stands for one byte, not a unit. */
        r->raw_start += wide_raw_len(r, r->buf + r->start, to - r->start);
        if (r->raw_start > r->source_bytes) r->raw_start = r->source_bytes;
    }
    r->start = to;
}

static int is_auto(const char *enc)
{
    return !enc || !*enc || !strcasecmp(enc, "auto");
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
    /* room for a record, a read, and the detection sample after it */
    r->cap = r->opts.max_record + READ_BLOCK + DETECT_MAX;
    r->buf = malloc(r->cap);
    if (!r->buf) {
        free(r);
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    snprintf(r->name, sizeof r->name, "%s", name ? name : "-");
    r->fd = -1;
    sino_buf_init(&r->repaired);
    sino_buf_init(&r->wide_out);
    snprintf(r->enc, sizeof r->enc, "%s", SINO_ENC_ASCII);
    r->confidence = 1.0;
    if (r->opts.utf8_policy == SINO_UTF8_BINARY) {
        r->decision = DECIDED;
        r->kind = K_RAW;
    }
    return r;
}

int sino_reader_set_encoding(sino_reader *r, const char *enc, sino_error *err)
{
    if (is_auto(enc)) {
        r->want_enc = NULL;
        return SINO_OK;
    }
    const char *canon = sino_enc_canonical(enc);
    if (!canon) return sino_fail(err, SINO_ERR_USAGE, "unknown encoding '%s'", enc);
    /* the kind is set with the first bytes (a byte order mark) */
    snprintf(r->enc, sizeof r->enc, "%s", canon);
    r->want_enc = r->enc;
    return SINO_OK;
}

void sino_reader_keep_offsets(sino_reader *r, int on) { r->offsets = on; }

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
    free(r->raw);
    free(r->map);
    sino_buf_free(&r->repaired);
    sino_buf_free(&r->wide_out);
    sino_decoder_close(r->dec);
    sino_dict_close(r->stats);
    free(r);
}

uint64_t sino_reader_invalid_count(const sino_reader *r)
{
    return r->kind == K_WIDE ? sino_decoder_invalid_count(r->dec) : r->invalid;
}

uint64_t sino_reader_first_invalid(const sino_reader *r)
{
    return r->kind == K_WIDE ? sino_decoder_first_invalid(r->dec) + r->wide_bom
                             : r->first_invalid;
}

const char *sino_reader_invalid_label(const sino_reader *r)
{
    return r->kind == K_LEGACY || r->kind == K_WIDE ? sino_decoder_encoding(r->dec) : "UTF-8";
}

const char *sino_reader_name(const sino_reader *r) { return r->name; }
int sino_reader_fd(const sino_reader *r) { return r->mem ? -1 : r->fd; }
const char *sino_reader_encoding(const sino_reader *r) { return r->enc; }
double sino_reader_confidence(const sino_reader *r) { return r->confidence; }

int sino_reader_reported(sino_reader *r)
{
    int was = r->reported;
    r->reported = 1;
    return was;
}

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

/* The same in another ASCII-compatible encoding: after an ASCII space or
 * punctuation (never part of a double-byte character in these encodings),
 * else after the last whole character, found by decoding from the start. */
static size_t legacy_chunk_cut(sino_reader *r, const unsigned char *s, size_t max)
{
    size_t lo = max > SAFE_CUT_WINDOW ? max - SAFE_CUT_WINDOW : 0;
    for (size_t i = max; i > lo; i--) {
        unsigned char c = s[i - 1];
        if (c == ' ' || c == '\t' || c == '\r' ||
            ((c == ',' || c == '.' || c == ';' || c == '!' || c == '?') && i < max &&
             !ascii_alnum(s[i])))
            return i;
    }
    size_t i = 0, last = 0;
    sino_buf scratch;
    sino_buf_init(&scratch);
    while (i < max) {
        last = i;
        sino_buf_clear(&scratch);
        int k = s[i] < 0x80 ? 1 : sino_decoder_decode_char(r->dec, s + i, max - i, &scratch);
        i += k > 0 ? (size_t)k : 1;
    }
    sino_buf_free(&scratch);
    return i == max ? max : (last > 0 ? last : max);
}

static int is_blank_line(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return 0;
    return 1;
}

/* ---- the offset map ---- */

static int map_push(sino_reader *r, size_t out, uint64_t in)
{
    if (SINO_GROW(r->map, r->capmap, r->nmap + 1)) return SINO_ERR_NOMEM;
    r->map[r->nmap].out = out;
    r->map[r->nmap].in = in;
    r->nmap++;
    return SINO_OK;
}

/* A character of out_len record bytes from in_len input bytes at (out, in). */
static int map_note(sino_reader *r, size_t out, uint64_t in, size_t out_len, uint64_t in_len)
{
    if (out_len == in_len) return SINO_OK;
    const struct anchor *last = r->nmap ? &r->map[r->nmap - 1] : NULL;
    uint64_t predicted = last ? last->in + (out - last->out) : out;
    if (predicted != in && map_push(r, out, in) != SINO_OK) return SINO_ERR_NOMEM;
    return map_push(r, out + out_len, in + in_len);
}

uint64_t sino_reader_offset(const sino_reader *r, const sino_record *rec, size_t pos)
{
    if (!rec->mapped || r->nmap == 0 || pos < r->map[0].out) return rec->offset + pos;
    size_t lo = 0, hi = r->nmap;   /* the last anchor at or before pos */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->map[mid].out <= pos) lo = mid;
        else hi = mid;
    }
    return rec->offset + r->map[lo].in + (pos - r->map[lo].out);
}

/* ---- decoding a record ---- */

static int note_invalid(sino_reader *r, uint64_t at, sino_error *err)
{
    if (r->opts.utf8_policy == SINO_UTF8_FAIL) {
        if (err) err->offset = at;
        return sino_fail(err, SINO_ERR_UTF8, "invalid %s at byte offset %llu",
                         sino_reader_invalid_label(r), (unsigned long long)at);
    }
    if (r->invalid++ == 0) r->first_invalid = at;
    return SINO_OK;
}

/* UTF-8: apply the policy; may point rec->data at the repaired copy. */
static int decode_utf8(sino_reader *r, sino_record *rec, sino_error *err)
{
    const unsigned char *s = (const unsigned char *)rec->data;
    size_t good = sino_utf8_valid_prefix(s, rec->len);
    if (good == rec->len) return SINO_OK;
    int pass = r->opts.utf8_policy == SINO_UTF8_PASS;
    sino_buf *out = &r->repaired;
    sino_buf_clear(out);
    size_t i = 0;
    while (i < rec->len) {
        if (!pass && sino_buf_append(out, s + i, good) != SINO_OK) goto nomem;
        i += good;
        if (i >= rec->len) break;
        int32_t cp;
        int bad = sino_utf8_decode(s + i, rec->len - i, &cp);
        int st = note_invalid(r, rec->offset + i, err);
        if (st != SINO_OK) return st;
        if (!pass) {
            if (r->offsets && map_note(r, out->len, i, 3, (uint64_t)bad) != SINO_OK)
                goto nomem;
            if (sino_buf_put_cp(out, SINO_REPLACEMENT_CHAR) != SINO_OK) goto nomem;
        }
        i += (size_t)bad;
        good = sino_utf8_valid_prefix(s + i, rec->len - i);
    }
    if (pass) return SINO_OK;   /* counted only; the bytes go out unchanged */
    rec->data = out->data;
    rec->len = out->len;
    rec->mapped = r->offsets;
    return SINO_OK;
nomem:
    return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
}

/* Another ASCII-compatible encoding, one character at a time: exact
 * offsets of every character and of every invalid byte. */
static int decode_legacy_chars(sino_reader *r, sino_record *rec, sino_error *err)
{
    const unsigned char *s = (const unsigned char *)rec->data;
    sino_buf *out = &r->repaired;
    sino_buf_clear(out);
    r->nmap = 0;
    for (size_t i = 0; i < rec->len;) {
        size_t before = out->len;
        int k = sino_decoder_decode_char(r->dec, s + i, rec->len - i, out);
        if (k < 0) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        if (k == 0) {
            int st = note_invalid(r, rec->offset + i, err);
            if (st != SINO_OK) return st;
            if (sino_buf_put_cp(out, SINO_REPLACEMENT_CHAR) != SINO_OK)
                return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
            k = 1;
        }
        if (r->offsets &&
            map_note(r, before, i, out->len - before, (uint64_t)k) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        i += (size_t)k;
    }
    rec->data = out->data;
    rec->len = out->len;
    rec->mapped = r->offsets;
    return SINO_OK;
}

static int decode_legacy(sino_reader *r, sino_record *rec, sino_error *err)
{
    if (r->offsets || r->opts.utf8_policy == SINO_UTF8_FAIL)
        return decode_legacy_chars(r, rec, err);
    /* the whole record in one call; only a record with something invalid
     * in it is done again character by character, to find it exactly */
    uint64_t bad = sino_decoder_invalid_count(r->dec);
    sino_buf_clear(&r->repaired);
    int st = sino_decoder_feed(r->dec, rec->data, rec->len, 1, &r->repaired, err);
    if (st != SINO_OK) return st;
    if (sino_decoder_invalid_count(r->dec) != bad) return decode_legacy_chars(r, rec, err);
    rec->data = r->repaired.data;
    rec->len = r->repaired.len;
    return SINO_OK;
}

/* K_WIDE: the record is decoded already; its map follows from its code points. */
static int map_wide(sino_reader *r, sino_record *rec, sino_error *err)
{
    const unsigned char *u = (const unsigned char *)rec->data;
    uint64_t in = 0;
    for (size_t i = 0; i < rec->len;) {
        int32_t cp;
        int k = sino_utf8_decode_fast(u + i, rec->len - i, &cp);
        uint64_t raw = r->wide_unit == 4 || cp >= 0x10000 ? 4 : 2;
        if (map_note(r, i, in, (size_t)k, raw) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        i += (size_t)k;
        in += raw;
    }
    rec->mapped = 1;
    return SINO_OK;
}

static int decode_record(sino_reader *r, sino_record *rec, sino_error *err)
{
    r->nmap = 0;
    switch (r->kind) {
    case K_RAW: return SINO_OK;
    case K_LEGACY: return decode_legacy(r, rec, err);
    case K_WIDE: return r->offsets ? map_wide(r, rec, err) : SINO_OK;
    default: return decode_utf8(r, rec, err);
    }
}

static void set_record(sino_reader *r, sino_record *rec, size_t from,
                       size_t len, size_t consumed, int newline, int partial)
{
    rec->data = r->buf + from;
    rec->len = len;
    rec->offset = r->kind == K_WIDE ? r->raw_start : r->base + from;
    rec->newline = newline;
    rec->partial = partial;
    rec->continued = r->last_partial;
    r->last_partial = partial;
    uint64_t at = r->raw_start;
    advance(r, from + consumed);
    rec->raw_len = r->kind == K_WIDE ? r->raw_start - at : consumed;
}

/* Emit a chunk of an over-long record starting at r->start. */
static void emit_chunk(sino_reader *r, sino_record *rec)
{
    const unsigned char *s = (const unsigned char *)r->buf + r->start;
    size_t cut = r->kind == K_LEGACY ? legacy_chunk_cut(r, s, r->opts.max_record)
                                     : chunk_cut(s, r->opts.max_record);
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
            advance(r, r->start + len + 1);
            (*count)++;
            continue;
        }
        if (!is_blank_line(r->buf + r->start, r->end - r->start)) return SINO_OK;
        if (r->end - r->start >= r->opts.max_record) return SINO_OK;
        if (r->eof) {
            advance(r, r->end);   /* trailing whitespace without newline */
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

/* ---- deciding the encoding ---- */

static sino_dict *stats_of(sino_reader *r)
{
    if (!r->stats_tried) {
        sino_error ignored;   /* without statistics detection is only weaker */
        sino_error_clear(&ignored);
        r->stats_tried = 1;
        r->stats = sino_enc_stats_open(&ignored);
    }
    return r->stats;
}

static const char *first_high_byte(const char *p, size_t n);

static int is_wide(const char *enc)
{
    static const char *const wide[] = {"utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2",
                                       "ucs-4", "ucs4"};
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (!strncasecmp(enc, wide[i], strlen(wide[i]))) return 1;
    return 0;
}

/* Where the detection sample that starts at p[from] ends: after the first
 * line end at least DETECT_BYTES bytes on, or DETECT_MAX bytes on; 0 when
 * p[0..n) does not reach that far (the same sample however the input
 * arrives). */
static size_t sample_end(const char *p, size_t n, size_t from)
{
    size_t at = from + DETECT_BYTES - 1, cap = from + DETECT_MAX;
    if (at >= n) return 0;
    const char *nl = memchr(p + at, '\n', (n < cap ? n : cap) - at);
    if (nl) return (size_t)(nl - p) + 1;
    return n >= cap ? cap : 0;
}

/* The first byte >= 0x80 in p[0..n), or NULL. */
static const char *first_high(const char *p, size_t n)
{
    const char *h = first_high_byte(p, n);
    /* ISO-2022-JP is seven-bit: its first escape into a double-byte set
     * counts as the first byte that is not ASCII */
    const char *esc = memchr(p, 0x1B, h ? (size_t)(h - p) : n);
    while (esc && (size_t)(esc - p) + 1 < n && esc[1] != '$') {
        size_t at = (size_t)(esc - p) + 1;
        esc = memchr(p + at, 0x1B, (h ? (size_t)(h - p) : n) - at);
    }
    if (esc && (size_t)(esc - p) + 1 < n) return esc;
    return h;
}

/* The first byte >= 0x80 in p[0..n), or NULL. */
static const char *first_high_byte(const char *p, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) break;
    }
    for (; i < n; i++)
        if ((unsigned char)p[i] >= 0x80) return p + i;
    return NULL;
}

/* Switch to decoding UTF-16/32 as it is read: what is in the buffer (the
 * start of the input) is decoded now, after its byte order mark. */
static int start_wide(sino_reader *r, size_t bom_len, sino_error *err)
{
    size_t n = r->end - r->start - bom_len;
    char *copy = malloc(n ? n : 1);
    r->raw = malloc(READ_BLOCK);
    if (!copy || !r->raw) {
        free(copy);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    memcpy(copy, r->buf + r->start + bom_len, n);
    r->raw_start = r->base + r->start + bom_len;
    r->wide_bom = r->raw_start;
    r->start = r->end = 0;
    r->kind = K_WIDE;
    r->wide_unit = strstr(r->enc, "32") || strstr(r->enc, "4") ? 4 : 2;
    /* exact, not sino_grow's doubling: the buffer's size bounds each fill() */
    if (n + n / 2 + 16 > r->cap) {   /* a tiny max_record: make room once */
        char *nb = realloc(r->buf, n + n / 2 + 16);
        if (!nb) {
            free(copy);
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        }
        r->buf = nb;
        r->cap = n + n / 2 + 16;
    }
    int st = wide_append(r, copy, n, r->eof, err);
    free(copy);
    return st;
}

/* Decode the input from enc from now on; bom_len bytes at buf[start] are its
 * byte order mark. */
static int use_encoding(sino_reader *r, const char *enc, size_t bom_len, sino_error *err)
{
    snprintf(r->enc, sizeof r->enc, "%s", enc);
    r->decision = DECIDED;
    const char *canon = sino_enc_canonical(enc);
    int at_start = r->base + r->start == 0;
    if (!canon || !strcasecmp(canon, SINO_ENC_UTF8) || !strcasecmp(canon, SINO_ENC_ASCII) ||
        (is_wide(canon) && !at_start)) {
        r->kind = K_UTF8;
        advance(r, r->start + bom_len);
        return SINO_OK;
    }
    int wide = is_wide(canon);
    r->dec = sino_decoder_open(canon, wide && r->opts.utf8_policy == SINO_UTF8_FAIL, err);
    if (!r->dec) return err->code;
    if (wide) return start_wide(r, bom_len, err);
    r->kind = K_LEGACY;
    advance(r, r->start + bom_len);
    return SINO_OK;
}

/* The byte order mark of a named encoding at the start: its length, and
 * the encoding made precise (UTF-16 by its mark). */
static size_t named_bom(const unsigned char *p, size_t n, const char **enc)
{
    const char *e = *enc;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3) && !strcasecmp(e, SINO_ENC_UTF8)) return 3;
    if (n >= 4 && !memcmp(p, "\x84\x31\x95\x33", 4) && !strcasecmp(e, SINO_ENC_GB18030)) return 4;
    int le = n >= 2 && p[0] == 0xFF && p[1] == 0xFE, be = n >= 2 && p[0] == 0xFE && p[1] == 0xFF;
    if (!strcasecmp(e, "utf-16") && (le || be)) {
        *enc = le ? SINO_ENC_UTF16LE : SINO_ENC_UTF16BE;
        return 2;
    }
    if ((le && !strcasecmp(e, SINO_ENC_UTF16LE)) || (be && !strcasecmp(e, SINO_ENC_UTF16BE)))
        return 2;
    return 0;
}

/* UTF-16 is believed without a byte order mark only with high confidence,
 * and with one unless what follows it is valid UTF-8 holding non-ASCII text
 * and no NUL byte (which UTF-16 text practically never is: the mark is
 * then two damaged bytes). */
static int wide_plausible(const unsigned char *p, size_t n, const sino_enc_result *res, int nul)
{
    if (res->bom_len == 0) return res->confidence >= 0.9;
    const unsigned char *rest = p + res->bom_len;
    size_t m = n - res->bom_len;
    return nul || !first_high((const char *)rest, m) || sino_utf8_valid_prefix(rest, m) + 3 < m;
}

/* Detect on buf[from..to) and decode by the answer. UTF-16 without a byte
 * order mark needs high confidence: NUL bytes are otherwise binary data. */
static int decide_on(sino_reader *r, size_t from, size_t to, sino_error *err)
{
    const unsigned char *p = (const unsigned char *)r->buf + from;
    size_t n = to - from;
    int nul = memchr(p, 0, n) != NULL;
    sino_enc_result res = {SINO_ENC_ASCII, 1.0, 0};
    if (nul || first_high((const char *)p, n))
        sino_detect_encoding(p, n, stats_of(r), &res);
    r->confidence = res.confidence;
    if (!strcmp(res.name, SINO_ENC_ASCII)) {
        r->decision = ASCII_SO_FAR;
        return SINO_OK;
    }
    if (!strcmp(res.name, SINO_ENC_UNKNOWN)) {
        /* read as UTF-8 (U+FFFD for what is invalid); callers that must not
         * guess see "unknown" in sino_reader_encoding */
        snprintf(r->enc, sizeof r->enc, "%s", nul ? "binary" : SINO_ENC_UNKNOWN);
        r->decision = DECIDED;
        r->kind = K_UTF8;
        return SINO_OK;
    }
    if (is_wide(res.name) && !wide_plausible(p, n, &res, nul)) {
        /* NUL bytes that are not UTF-16 are binary data; else the text is
         * (damaged) UTF-8 */
        size_t good = sino_utf8_valid_prefix(p + res.bom_len, n - res.bom_len);
        snprintf(r->enc, sizeof r->enc, "%s",
                 nul ? "binary" : good + 3 >= n - res.bom_len ? SINO_ENC_UTF8 : "unknown");
        r->decision = DECIDED;
        r->kind = K_UTF8;
        return SINO_OK;
    }
    return use_encoding(r, res.name, res.bom_len, err);
}

/* At the start of the input: read the first sample and decide (or, for a
 * named encoding, look for its byte order mark). */
static int decide_start(sino_reader *r, sino_error *err)
{
    int named = r->want_enc != NULL && r->kind != K_RAW;
    for (;;) {
        size_t avail = r->end - r->start;
        if (r->eof || avail >= DETECT_MAX || (named && avail >= 4)) break;
        if (!named && sample_end(r->buf + r->start, avail, 0)) break;
        int st = fill(r, err);
        if (st < 0) return st;
    }
    if (named) {
        const char *enc = r->enc;
        size_t bom = named_bom((const unsigned char *)r->buf + r->start, r->end - r->start, &enc);
        char name[sizeof r->enc];
        snprintf(name, sizeof name, "%s", enc);
        return use_encoding(r, name, bom, err);
    }
    size_t avail = r->end - r->start;
    size_t end = sample_end(r->buf + r->start, avail, 0);
    return decide_on(r, r->start, r->start + (end ? end : avail), err);
}

/* Only ASCII so far, and buf[pos] is the first byte that is not: read the
 * sample that starts there and decide. */
static int decide_at(sino_reader *r, size_t pos, sino_error *err)
{
    size_t rel = pos - r->start;
    size_t end;
    while (!(end = sample_end(r->buf, r->end, r->start + rel)) && !r->eof &&
           r->cap - (r->end - r->start) > READ_BLOCK) {
        int st = fill(r, err);
        if (st < 0) return st;
    }
    pos = r->start + rel;
    size_t from = rel > DETECT_BEFORE ? pos - DETECT_BEFORE : r->start;
    return decide_on(r, from, end ? end : r->end, err);
}

static int split(sino_reader *r, sino_record *rec, sino_error *err)
{
    return r->opts.mode == SINO_READ_PARAGRAPHS ? next_paragraph(r, rec, err)
           : r->opts.mode == SINO_READ_BLOCKS   ? next_block(r, rec, err)
                                                : next_line(r, rec, err);
}

int sino_reader_next(sino_reader *r, sino_record *rec, sino_error *err)
{
    memset(rec, 0, sizeof *rec);
    if (r->decision == UNDECIDED) {
        int st = decide_start(r, err);
        if (st < 0) return st;
    }
    int again = 0;
    unsigned blanks = 0;
    /* At most two decisions per record: the first may be on an escape that
     * turns out to be no ISO-2022 (detection answers ASCII), the second on
     * a byte >= 0x80; the record is then handed out whatever the answer. */
    for (int decisions = 0;; decisions++) {
        int got = split(r, rec, err);
        if (got <= 0) return got;
        if (r->decision != ASCII_SO_FAR || decisions == 2) break;
        const char *h = decisions ? first_high_byte(rec->data, rec->len)
                                  : first_high(rec->data, rec->len);
        if (!h) break;
        /* the first non-ASCII byte: put the record back, decide, split again */
        size_t pos = (size_t)(h - r->buf);
        r->start = (size_t)(rec->offset - r->base);
        r->last_partial = rec->continued;
        blanks = rec->blank_lines;
        again = 1;
        int st = decide_at(r, pos, err);
        if (st < 0) return st;
        memset(rec, 0, sizeof *rec);
    }
    if (again) rec->blank_lines = blanks;
    if (r->stream && r->kind == K_UTF8) return 1;   /* handed out unchanged */
    int st = decode_record(r, rec, err);
    return st < 0 ? st : 1;
}

int sino_reader_detect(sino_reader *r, sino_error *err)
{
    sino_record rec;
    if (r->decision == UNDECIDED) {
        int st = decide_start(r, err);
        if (st < 0) return st;
    }
    while (r->decision == ASCII_SO_FAR) {
        int got = sino_reader_next(r, &rec, err);
        if (got < 0) return got;
        if (got == 0) break;
    }
    return SINO_OK;
}

int sino_reader_passthrough(const sino_reader *r, uint64_t *ahead)
{
    if (r->mem || r->fd < 0 || r->decision != DECIDED || (r->kind != K_UTF8 && r->kind != K_RAW))
        return 0;
    /* the bytes handed out are the input's own: buf[i] is input byte base + i */
    uint64_t next = r->base + (r->npend ? (uint64_t)(r->pend - r->buf) : r->start);
    *ahead = r->source_bytes - next;
    return 1;
}

long sino_reader_read(sino_reader *r, void *dst, size_t want, sino_error *err)
{
    if (r->npend == 0) {
        sino_record rec;
        r->stream = 1;
        r->opts.mode = SINO_READ_BLOCKS;
        int got = sino_reader_next(r, &rec, err);
        if (got <= 0) return got;
        r->pend = rec.data;
        r->npend = rec.len;
    }
    size_t n = r->npend < want ? r->npend : want;
    memcpy(dst, r->pend, n);
    r->pend += n;
    r->npend -= n;
    return (long)n;
}
