/* match_grep.c - grep's line selection and output over sino_matcher.
 *
 * The input is read in blocks into one buffer; the matcher searches
 * the buffer directly and line bounds are found only around a match. The
 * buffer keeps the unfinished last line (and the lines wanted as leading
 * context); a line longer than the window is searched in cut pieces, so
 * memory stays bounded whatever the line length.
 *
 * A regular file the reader hands out unchanged (UTF-8) is mapped once its
 * first block has been read: the buffer is then a window into the mapping
 * that moves as the reads would have, with the same cuts, so that nothing
 * is copied and every decision is the one the reads would have led to.
 * (Reading copied every byte twice, from the kernel and out of the reader:
 * about half the time of a search.) As with any mapping, a file cut short
 * while it is searched raises SIGBUS on the pages past its new end: the
 * search of that file then stops with an error, as a read error would
 * (grep_reader), and the next one goes on. One that grows is searched up
 * to the size it had when it was mapped. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_DISPATCH 1
#endif

#include "io_int.h"
#include "sino_enc.h"
#include "grow_int.h"
#include "sino_io.h"
#include "sino_match.h"

#define BLOCK (1u << 17)
#define DEFAULT_WINDOW (32u << 20)
#define KEEP_CONTEXT (1u << 20)
/* GNU grep reads a regular file in buffers of this size and looks for NUL
 * bytes in each: where one is found, the file is binary from the line the
 * buffer starts in. sgrep reads regular files in the same pieces, so that
 * the lines printed before "binary file matches" are grep's. */
#define GREP_BUFFER 98304u
#define MAP_AHEAD (4u << 20)   /* a mapped file's pages are mapped in this many at a time */

struct span {
    size_t s, e;
};

struct g {
    sino_matcher *m;
    const sino_grep_opts *o;
    sino_writer *w;
    sino_error *err;
    const char *name;
    sino_grep_result *res;
    /* input: UTF-8 text from the library's reader (which detects and
     * decodes other encodings and drops a byte order mark) */
    sino_reader *rd;
    unsigned char *buf;
    size_t cap, end, window;
    /* a mapped file: buf points into map, and buf + end == map + map_pos */
    unsigned char *map;
    size_t map_len, map_pos;
    size_t map_dropped;          /* pages before this offset were given back */
    size_t map_ready;            /* pages before this offset were mapped in */
    uint64_t base;
    int eof;
    /* position */
    size_t pos;
    size_t ln_pos;               /* line numbers: lineno is that of ln_pos */
    unsigned long long lineno;
    int numbers;
    /* context and stop */
    uint64_t printed_end;        /* absolute offset after the last printed line */
    int printed_any;
    int fresh;                   /* output from an earlier file, none from this one */
    long long after_left;
    int stop_after;              /* -m reached: only trailing context remains */
    int done;
    /* a line longer than the window is searched in pieces; its matches in
     * later pieces belong to the line already counted */
    uint64_t piece_at;           /* absolute start of the last piece */
    uint64_t cut_at;             /* absolute end of the last piece, or UINT64_MAX */
    uint64_t cut_line_start;     /* absolute start of the line that was cut */
    uint64_t counted_line_start; /* start of the last line counted, or UINT64_MAX */
    uint64_t selected_end;       /* absolute end of the last selected line */
    int skip;                    /* -I and a NUL byte: no match at all */
    int binary;                  /* NUL bytes seen: a match is only reported */
    int regular;                 /* a regular file: read in grep's buffers */
    int offset_width;            /* -T: numbers padded to this width */
    const sino_grep_colors *col;
    sino_grep_colors defcol;     /* grep's, when o->colors is NULL */
    int eol_match;               /* a match takes its line's end (grep -x -w) */
    int sel_skipped;             /* the selected line just seen was not UTF-8 */
    /* matches in the current unit */
    struct span *sp;
    size_t nsp, capsp;
    sino_buf tmp;
    sino_buf swap;               /* -z: output with NUL and newline swapped back */
};

static int put(struct g *g, const void *p, size_t n)
{
    if (n == 0) return SINO_OK;   /* p may be NULL (an empty buffer) */
    return sino_writer_put(g->w, p, n, g->err);
}

static int puts_(struct g *g, const char *s)
{
    return sino_writer_puts(g->w, s, g->err);
}

/* ---- line numbers ---- */

/* Newlines in p[0..n): -n counts them over every span between two printed
 * lines, so this is a vectorised count (a memchr per line costs a call for
 * each short line). Bytes equal to '\n' give 0xFF (-1) in a compare; the
 * negated sums are gathered per byte lane for at most 255 rounds, then
 * added up with psadbw. */
#ifdef HAVE_AVX2_DISPATCH
__attribute__((target("avx2")))
static size_t newlines_avx2(const unsigned char *p, size_t n, size_t *done)
{
    const __m256i nl = _mm256_set1_epi8('\n'), zero = _mm256_setzero_si256();
    size_t i = 0, count = 0;
    while (i + 32 <= n) {
        __m256i acc = zero;
        for (int r = 0; r < 255 && i + 32 <= n; r++, i += 32) {
            __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
            acc = _mm256_sub_epi8(acc, _mm256_cmpeq_epi8(x, nl));
        }
        __m256i s = _mm256_sad_epu8(acc, zero);
        count += (size_t)_mm256_extract_epi64(s, 0) + (size_t)_mm256_extract_epi64(s, 1) +
                 (size_t)_mm256_extract_epi64(s, 2) + (size_t)_mm256_extract_epi64(s, 3);
    }
    *done = i;
    return count;
}
#endif

static size_t count_newlines(const unsigned char *p, size_t n)
{
    size_t i = 0, count = 0;
#ifdef HAVE_AVX2_DISPATCH
    if (n >= 64 && __builtin_cpu_supports("avx2")) count = newlines_avx2(p, n, &i);
#endif
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        for (int r = 0; r < 255 && i + 16 <= n; r++, i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + i)), nl));
        __m128i s = _mm_sad_epu8(acc, zero);
        count += (size_t)_mm_cvtsi128_si32(s) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(s, 8));
    }
#endif
    for (; i < n; i++) count += p[i] == '\n';
    return count;
}

/* ---- input ---- */

/* grep's rule: NUL bytes in the buffer just read make the file binary.
 * From then on a NUL ends a line (as grep treats it), and no line is
 * printed: the first selected one ends the search with "binary file
 * matches" (-c goes on counting). */
static void check_binary(struct g *g, size_t from)
{
    if (g->end <= from) return;
    if (!g->binary && !memchr(g->buf + from, 0, g->end - from)) return;
    if (!g->binary && g->o->binary_skip) {   /* -I: the file never matches */
        g->skip = 1;
        return;
    }
    g->binary = 1;
    for (unsigned char *p = g->buf + from, *e = g->buf + g->end;
         (p = memchr(p, 0, (size_t)(e - p))); p++)
        *p = '\n';
}

/* Map the rest of a regular file when the reader hands it out unchanged
 * (not with -z or after NUL bytes, which change the buffer's bytes): the
 * bytes already read are the mapping's just before the file position. */
static void try_map(struct g *g)
{
    uint64_t ahead;
    int fd = sino_reader_fd(g->rd);
    if (!g->regular || g->o->null_data || g->binary || g->eof || fd < 0 ||
        !sino_reader_passthrough(g->rd, &ahead))
        return;
    struct stat sb;
    off_t cur = lseek(fd, 0, SEEK_CUR);
    if (cur < 0 || fstat(fd, &sb) != 0 || (uint64_t)cur < ahead) return;
    uint64_t next = (uint64_t)cur - ahead;   /* the file offset of buf[end] */
    if (next < g->end || (uint64_t)sb.st_size <= next || (uint64_t)sb.st_size > SIZE_MAX) return;
    size_t len = (size_t)sb.st_size;
    /* private and writable: NUL bytes found later become line ends in it */
    void *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) return;
    unsigned char *m = map;
    if (memcmp(m + next - g->end, g->buf, g->end) != 0) {   /* the file changed */
        munmap(map, len);
        return;
    }
    free(g->buf);
    g->map = m;
    g->map_len = len;
    g->map_pos = (size_t)next;
    g->buf = m + next - g->end;
}

/* Give back the mapped pages before the buffer: they are not looked at
 * again, and memory stays bounded as it does with reads (a file of one long
 * line would otherwise become resident as a whole). */
static void drop_behind(struct g *g)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t upto = (size_t)(g->buf - g->map) / page * page;
    if (upto < g->map_dropped + (4u << 20)) return;   /* in steps of 4 MiB at least */
    madvise(g->map + g->map_dropped, upto - g->map_dropped, MADV_DONTNEED);
    g->map_dropped = upto;
}

/* Up to want more bytes at buf + end: read, or taken from the mapping. */
static long read_some(struct g *g, size_t want)
{
    if (!g->map) return sino_reader_read(g->rd, g->buf + g->end, want, g->err);
    size_t n = g->map_len - g->map_pos < want ? g->map_len - g->map_pos : want;
#ifdef MADV_POPULATE_READ
    if (g->map_pos + n > g->map_ready) {
        /* map the next pages in at once: one call instead of a page fault
         * for every few pages */
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        size_t from = g->map_ready > g->map_pos ? g->map_ready : g->map_pos / page * page;
        size_t len = g->map_len - from < MAP_AHEAD ? g->map_len - from : MAP_AHEAD;
        madvise(g->map + from, len, MADV_POPULATE_READ);
        g->map_ready = from + len;
    }
#endif
    g->map_pos += n;
    return (long)n;
}

static int read_more(struct g *g)
{
    /* keep from the current position, plus some lines of leading context */
    size_t keep = g->pos;
    if (g->o->before > 0) {
        size_t lines = 0;
        size_t floor = g->pos > KEEP_CONTEXT ? g->pos - KEEP_CONTEXT : 0;
        while (keep > floor && lines <= (size_t)g->o->before) {
            const unsigned char *nl = keep > 1 ? memrchr(g->buf + floor, '\n', keep - 1 - floor) : NULL;
            lines++;
            if (!nl) {
                keep = floor;
                break;
            }
            keep = (size_t)(nl - g->buf) + 1;
        }
    }
    if (keep > 0) {
        if (g->numbers && g->ln_pos < keep) {
            /* bring the line counter up to keep before dropping bytes */
            g->lineno += count_newlines(g->buf + g->ln_pos, keep - g->ln_pos);
            g->ln_pos = keep;
        }
        if (g->map) {
            g->buf += keep;
            drop_behind(g);
        } else {
            memmove(g->buf, g->buf + keep, g->end - keep);
        }
        g->end -= keep;
        g->pos -= keep;
        g->ln_pos = g->ln_pos >= keep ? g->ln_pos - keep : 0;
        g->base += keep;
        sino_matcher_reset(g->m);
    }
    /* less than BLOCK / 2 free: the buffer doubles (g->cap >= BLOCK); a
     * mapped file's window grows as the buffer would, so the reads stay
     * the same */
    if (g->map) {
        if (g->cap - g->end < BLOCK / 2) g->cap *= 2;
    } else if (SINO_GROW(g->buf, g->cap, g->end + BLOCK / 2)) {
        return sino_fail(g->err, SINO_ERR_NOMEM, "out of memory");
    }
    size_t want = g->cap - g->end;
    if (g->regular) {   /* no read across the end of one of grep's buffers */
        uint64_t at = g->base + g->end, next = (at / GREP_BUFFER + 1) * GREP_BUFFER;
        if (next - at < want) want = (size_t)(next - at);
    }
    size_t old_end = g->end;
    for (;;) {
        long n = read_some(g, want);
        if (n < 0) return (int)n;
        if (n == 0) g->eof = 1;
        g->end += (size_t)n;
        want -= (size_t)n;
        /* a regular file is read, as grep reads it, in whole buffers */
        if (!g->regular || n == 0 || want == 0 || (g->base + g->end) % GREP_BUFFER == 0) break;
    }
    if (g->o->null_data) {
        /* -z: records end with NUL; swap it with the newline, so that the
         * matcher's line ends are NUL's and a newline is an ordinary byte
         * (the output swaps them back) */
        for (size_t i = old_end; i < g->end; i++) {
            if (g->buf[i] == '\n') g->buf[i] = 0;
            else if (g->buf[i] == 0) g->buf[i] = '\n';
        }
    } else if (!g->o->text) {
        check_binary(g, old_end);
    }
    if (!g->map) try_map(g);
    sino_matcher_reset(g->m);
    return SINO_OK;
}

/* ---- output pieces ---- */

static void advance_lineno(struct g *g, size_t to)
{
    if (!g->numbers || to <= g->ln_pos) return;
    g->lineno += count_newlines(g->buf + g->ln_pos, to - g->ln_pos);
    g->ln_pos = to;
}

/* -z: buf[a..a+n) copied to g->swap with NUL and newline swapped back. */
static int swapped_copy(struct g *g, size_t a, size_t n)
{
    sino_buf_clear(&g->swap);
    if (n && sino_buf_append(&g->swap, g->buf + a, n) != SINO_OK)
        return sino_fail(g->err, SINO_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (g->swap.data[i] == '\n') g->swap.data[i] = 0;
        else if (g->swap.data[i] == 0) g->swap.data[i] = '\n';
    }
    return SINO_OK;
}

/* Input text buf[a..a+n): with -z, NUL and newline swapped back. */
static int put_text(struct g *g, size_t a, size_t n)
{
    if (!g->o->null_data) return put(g, g->buf + a, n);
    if (swapped_copy(g, a, n) != SINO_OK) return g->err->code;
    return put(g, g->swap.data, n);
}

/* The end of an output line: a NUL with -z, as grep. */
static int put_eol(struct g *g)
{
    return sino_writer_putc(g->w, g->o->null_data ? 0 : '\n', g->err);
}

/* grep's colour sequences: nothing without --color or for an empty
 * capability; "ne" leaves out the erase to end of line. */
static int sgr_start(struct g *g, const char *cap)
{
    if (!g->o->color || !*cap) return SINO_OK;
    return sino_writer_printf(g->w, g->err, "\033[%sm%s", cap, g->col->ne ? "" : "\033[K");
}

static int sgr_end(struct g *g, const char *cap)
{
    if (!g->o->color || !*cap) return SINO_OK;
    return puts_(g, g->col->ne ? "\033[m" : "\033[m\033[K");
}

static int put_name(struct g *g)
{
    int st = sgr_start(g, g->col->fn);
    if (st == SINO_OK) st = puts_(g, g->name);
    if (st == SINO_OK) st = sgr_end(g, g->col->fn);
    return st;
}

static int put_sep(struct g *g, char sep)
{
    int st = sgr_start(g, g->col->se);
    if (st == SINO_OK) st = sino_writer_putc(g->w, sep, g->err);
    if (st == SINO_OK) st = sgr_end(g, g->col->se);
    return st;
}

/* A line number or byte offset, padded under -T as grep pads it. */
static int put_number(struct g *g, unsigned long long v, const char *cap)
{
    int st = sgr_start(g, cap);
    if (st == SINO_OK) st = sino_writer_printf(g->w, g->err, "%*llu", g->offset_width, v);
    if (st == SINO_OK) st = sgr_end(g, cap);
    return st;
}

/* Name, line number and byte offset before a line of len bytes (or an -o
 * match) that starts at buffer offset at, as grep writes them. */
static int prefix(struct g *g, unsigned long long lineno, size_t at, size_t len, char sep)
{
    const sino_grep_opts *o = g->o;
    int st = SINO_OK;
    if (o->with_name) {
        st = put_name(g);
        if (st == SINO_OK) st = o->null_name ? put(g, "", 1) : put_sep(g, sep);
    }
    if (st == SINO_OK && o->line_number) {
        st = put_number(g, lineno, g->col->ln);
        if (st == SINO_OK) st = put_sep(g, sep);
    }
    if (st == SINO_OK && o->byte_offset) {
        st = put_number(g, (unsigned long long)(g->base + at), g->col->bn);
        if (st == SINO_OK) st = put_sep(g, sep);
    }
    if (st == SINO_OK && o->initial_tab && (o->with_name || o->line_number || o->byte_offset) &&
        len)
        st = sino_writer_putc(g->w, '\t', g->err);
    return st;
}

/* grep -b -T pads numbers to the width of the largest possible one: the
 * file's size (plus one with -n), or INTMAX_MAX when the size is unknown. */
static int number_width(long long size, int line_number)
{
    unsigned long long num = size >= 0 ? (unsigned long long)size : (unsigned long long)INTMAX_MAX;
    if (line_number && num < (unsigned long long)INTMAX_MAX) num++;
    int w = 0;
    do w++; while ((num /= 10) != 0);
    return w;
}

/* Whether buf[a..a+n) holds bytes that are not UTF-8: grep does not print
 * such a line (it reports "binary file matches" instead). */
static int encoding_error(struct g *g, size_t a, size_t n)
{
    if (g->o->text) return 0;
    return sino_utf8_valid_prefix(g->buf + a, n) < n;
}

static int group_separator(struct g *g, size_t a)
{
    const sino_grep_opts *o = g->o;
    /* as grep: with any context option (even -A 0), between groups that
     * are not adjacent in the file */
    if ((o->context_set || o->before > 0 || o->after > 0) && g->printed_any &&
        !o->no_group_separator && !g->binary && (g->fresh || g->base + a > g->printed_end)) {
        const char *sep = o->group_separator ? o->group_separator : "--";
        int st = sgr_start(g, g->col->se);
        if (st == SINO_OK) st = puts_(g, sep);
        if (st == SINO_OK) st = sgr_end(g, g->col->se);
        if (st == SINO_OK) st = sino_writer_putc(g->w, '\n', g->err);
        return st;
    }
    return SINO_OK;
}

/* A line break between two Latin letters or digits stands for a space when
 * the lines are joined (wrapped English); between Chinese characters for
 * nothing. */
static int latin_break(const struct g *g, size_t before_end, size_t after)
{
    if (before_end == 0 || after >= g->end) return 0;
    unsigned char a = g->buf[before_end - 1], b = g->buf[after];
    return a < 0x80 && b < 0x80 && a > ' ' && b > ' ';
}

/* Write buf[a..b) with its line breaks (and the blanks around them) left
 * out, as a match found across them reads; a space stays between Latin words. */
static int put_joined(struct g *g, size_t a, size_t b)
{
    int st = SINO_OK;
    size_t i = a;
    while (i < b && st == SINO_OK) {
        const unsigned char *nl = memchr(g->buf + i, '\n', b - i);
        size_t cut = nl ? (size_t)(nl - g->buf) : b;
        size_t ws = cut;
        if (nl)
            while (ws > i && (g->buf[ws - 1] == ' ' || g->buf[ws - 1] == '\t' || g->buf[ws - 1] == '\r')) ws--;
        st = put_text(g, i, ws - i);
        i = cut;
        if (nl) {
            i++;
            while (i < b && (g->buf[i] == ' ' || g->buf[i] == '\t' || g->buf[i] == '\r' || g->buf[i] == '\n')) i++;
            if (st == SINO_OK && latin_break(g, ws, i)) st = put(g, " ", 1);
        }
    }
    return st;
}

/* Write text[a..b) highlighting the collected matches; the line breaks a
 * match was found across are left out. */
static int write_text(struct g *g, size_t a, size_t b, int highlight)
{
    size_t p = a;
    int st = SINO_OK;
    size_t k = 0;
    while (st == SINO_OK && p < b) {
        size_t q = b, hs = b, he = b;
        if (highlight) {
            while (k < g->nsp && g->sp[k].e <= p && g->sp[k].s < g->sp[k].e) k++;
            if (k < g->nsp && g->sp[k].s < b) {
                hs = g->sp[k].s > p ? g->sp[k].s : p;
                he = g->sp[k].e < b ? g->sp[k].e : b;
                q = hs;
            }
        }
        /* plain part [p, q) */
        st = put_joined(g, p, q);
        if (st != SINO_OK || q >= b) break;
        /* highlighted part */
        if (he > hs) {
            st = sgr_start(g, g->col->ms);
            if (st == SINO_OK) st = put_joined(g, hs, he);   /* leave out the line breaks */
            if (st == SINO_OK) st = sgr_end(g, g->col->ms);
        }
        p = he > p ? he : p + 1;
        k++;
    }
    return st;
}

/* One line buf[p..le) (without its end) in grep's colours: in a line that
 * matches (a selected one, or a context one with -v) each match in the
 * match colour, the rest of the line in the line colour (sl or cx). */
static int put_line(struct g *g, size_t p, size_t le, char sep, int highlight, int *eol_done)
{
    const sino_grep_opts *o = g->o;
    *eol_done = 0;
    if (!o->color) return put_text(g, p, le - p);
    int selected = sep != '-';
    const char *line_color = selected ^ (o->invert && g->col->rv) ? g->col->sl : g->col->cx;
    const char *match_color = selected ? g->col->ms : g->col->mc;
    int st = SINO_OK;
    size_t q = p;
    if (g->eol_match && highlight && (selected ^ o->invert) && *match_color && g->nsp &&
        g->sp[0].s == p) {
        /* grep -x -w: the match is the line with its end, coloured */
        st = sgr_start(g, line_color);
        if (st == SINO_OK) st = sgr_start(g, match_color);
        if (st == SINO_OK) st = put_text(g, p, le - p);
        if (st == SINO_OK) st = put_eol(g);
        if (st == SINO_OK) st = sgr_end(g, match_color);
        *eol_done = 1;
        return st;
    }
    if (highlight && (selected ^ o->invert) && *match_color) {
        for (size_t k = 0; k < g->nsp && st == SINO_OK; k++) {
            size_t hs = g->sp[k].s, he = g->sp[k].e;
            if (he <= q || hs >= le || hs == he) continue;
            if (hs < q) hs = q;
            if (he > le) he = le;
            st = sgr_start(g, line_color);
            if (st == SINO_OK) st = put_text(g, q, hs - q);
            if (st == SINO_OK) st = sgr_start(g, match_color);
            if (st == SINO_OK) st = put_text(g, hs, he - hs);
            if (st == SINO_OK) st = sgr_end(g, match_color);
            q = he;
        }
    }
    if (st == SINO_OK && *line_color) {
        size_t tail = le > q && g->buf[le - 1] == '\r' ? le - 1 : le;   /* not the CR */
        if (tail > q) {
            st = sgr_start(g, line_color);
            if (st == SINO_OK) st = put_text(g, q, tail - q);
            if (st == SINO_OK) st = sgr_end(g, line_color);
            q = tail;
        }
    }
    if (st == SINO_OK) st = put_text(g, q, le - q);
    return st;
}

/* A line grep does not print (it holds bytes that are not UTF-8): it is
 * left out, as if it were not in the output (the next line printed is not
 * adjacent to the one before), and at the end "binary file matches". */
static void skip_line(struct g *g)
{
    if (!g->o->binary_skip) g->res->binary = 1;   /* -I: no message */
}

static int print_only(struct g *g, char sep);
static int add_span(struct g *g, size_t s, size_t e);

/* The matches in line buf[p..le), found again: with -v, context lines are
 * the matching ones, and grep colours (or with -o prints) their matches. */
static int line_spans(struct g *g, size_t p, size_t le)
{
    g->nsp = 0;
    size_t q = p;
    while (q < le) {
        size_t ms, me;
        int r = sino_matcher_find(g->m, (const char *)g->buf, le, q, 1, &ms, &me);
        if (r < 0) return sino_fail(g->err, r, "out of memory");
        if (r != SINO_MATCH_FOUND || ms >= le) break;
        if (add_span(g, ms, me < le ? me : le) != SINO_OK) return g->err->code;
        q = me > ms ? me : ms + 1;
    }
    return SINO_OK;
}

/* Print lines [a, b) (b at a line end or the window end) with separator sep
 * (':' selected, '-' context); with highlight, the collected matches are
 * coloured. With -o, context lines are not printed, but their groups hold
 * (the "--" between them is grep's). */
static int print_lines(struct g *g, size_t a, size_t b, char sep, int highlight)
{
    int st = SINO_OK;
    advance_lineno(g, a);
    unsigned long long ln = g->lineno;
    size_t p = a, le;
    /* with -v a context line matches: its matches are found again */
    int rematch = sep == '-' && g->o->invert && (g->o->color || g->o->only);
    int hidden = g->o->only && sep == '-' && !rematch;
    /* -o -v: a context line's matches are printed, and as for a selected
     * line only they must be text (print_only), not the whole line */
    int whole = !hidden && !(rematch && g->o->only);
    do {
        if (g->binary) return SINO_OK;
        const unsigned char *nl = p < b ? memchr(g->buf + p, '\n', b - p) : NULL;
        le = nl ? (size_t)(nl - g->buf) : b;
        if (whole && encoding_error(g, p, le - p)) {
            skip_line(g);
            /* grep owes its trailing context from the line it could not
             * print, and retries that line for each: none follows */
            if (sep == ':') g->sel_skipped = 1;
            g->printed_any = 1;
        } else {
            if (rematch) {
                st = line_spans(g, p, le);
                highlight = 1;
            }
            if (st == SINO_OK && rematch && g->o->only) {
                st = print_only(g, sep);
            } else if (st == SINO_OK && !hidden) {
                int eol_done = 0;
                st = prefix(g, ln, p, le - p, sep);
                if (st == SINO_OK) st = put_line(g, p, le, sep, highlight, &eol_done);
                if (st == SINO_OK && !eol_done) st = put_eol(g);
            }
            g->printed_any = 1;
            g->fresh = 0;
            g->printed_end = g->base + (le < g->end && g->buf[le] == '\n' ? le + 1 : le);
        }
        ln++;
        p = le + 1;
    } while (st == SINO_OK && le < b);   /* the last line ends at b (it may be empty) */
    return st;
}

/* buf[a..b) as a JSON string (invalid UTF-8 as U+FFFD) */
static int json_string(struct g *g, size_t a, size_t b)
{
    if (!g->o->null_data)
        return sino_writer_put_json(g->w, (const char *)g->buf + a, b - a, 1, g->err);
    if (swapped_copy(g, a, b - a) != SINO_OK) return g->err->code;
    return sino_writer_put_json(g->w, g->swap.data, g->swap.len, 1, g->err);
}

static int print_json(struct g *g, size_t a, size_t b)
{
    advance_lineno(g, a);
    int st = puts_(g, "{\"file\":");
    if (st == SINO_OK) {
        sino_buf_clear(&g->tmp);
        /* the name is not in the buffer: escape it through a copy */
        size_t nl = strlen(g->name);
        unsigned char *save = malloc(nl ? nl : 1);
        if (!save) return sino_fail(g->err, SINO_ERR_NOMEM, "out of memory");
        memcpy(save, g->name, nl);
        sino_buf name;
        sino_buf_init(&name);
        if (sino_utf8_repair(save, nl, &name, NULL) < 0) {
            free(save);
            return sino_fail(g->err, SINO_ERR_NOMEM, "out of memory");
        }
        free(save);
        st = sino_writer_putc(g->w, '"', g->err);
        for (size_t i = 0; i < name.len && st == SINO_OK; i++) {
            unsigned char c = (unsigned char)name.data[i];
            if (c == '"' || c == '\\') st = sino_writer_printf(g->w, g->err, "\\%c", c);
            else if (c < 0x20) st = sino_writer_printf(g->w, g->err, "\\u%04x", c);
            else st = sino_writer_putc(g->w, (char)c, g->err);
        }
        sino_buf_free(&name);
        if (st == SINO_OK) st = sino_writer_putc(g->w, '"', g->err);
    }
    if (st == SINO_OK)
        st = sino_writer_printf(g->w, g->err, ",\"line\":%llu,\"offset\":%llu,\"text\":",
                                g->lineno, (unsigned long long)(g->base + a));
    if (st == SINO_OK) st = json_string(g, a, b);
    if (st == SINO_OK) st = puts_(g, ",\"matches\":[");
    for (size_t k = 0; k < g->nsp && st == SINO_OK; k++) {
        st = sino_writer_printf(g->w, g->err, "%s{\"start\":%zu,\"end\":%zu,\"match\":",
                                k ? "," : "", g->sp[k].s - a, g->sp[k].e - a);
        if (st == SINO_OK) st = json_string(g, g->sp[k].s, g->sp[k].e);
        if (st == SINO_OK) st = sino_writer_putc(g->w, '}', g->err);
    }
    if (st == SINO_OK) st = puts_(g, "]}\n");
    g->printed_any = 1;
    g->fresh = 0;
    return st;
}

static int is_closing(int32_t c)
{
    return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0xFF09 ||
           c == ')' || c == '"' || c == 0x300B || c == 0x3011;
}

/* Sentence around [s, e) inside [a, b). */
static void sentence_bounds(struct g *g, size_t a, size_t b, size_t s, size_t e,
                            size_t *ss, size_t *se)
{
    size_t p = s;
    while (p > a) {
        size_t q = sino_utf8_char_start(g->buf + a, p - 1 - a) + a;
        int32_t c;
        sino_utf8_decode(g->buf + q, b - q, &c);
        if (c >= 0 && (sino_is_sentence_end((uint32_t)c) || c == 0xFF1B || c == ';')) break;
        p = q;
    }
    for (;;) {   /* closing quotes after the previous sentence end belong to it */
        int32_t c;
        int k = p < s ? sino_utf8_decode(g->buf + p, s - p, &c) : 0;
        if (k > 0 && (is_closing(c) || c == ' ' || c == '\t' || c == '\n' || c == 0x3000)) p += (size_t)k;
        else break;
    }
    *ss = p;
    p = e;
    int ended = 0;
    while (p < b) {
        int32_t c;
        int k = sino_utf8_decode(g->buf + p, b - p, &c);
        if (ended) {
            /* closing quotes and brackets stay with the sentence */
            if (is_closing(c))
                p += (size_t)k;
            else
                break;
            continue;
        }
        p += (size_t)k;
        if (c >= 0 && (sino_is_sentence_end((uint32_t)c) || c == 0xFF1B || c == ';')) ended = 1;
    }
    *se = p;
}

static int print_sentences(struct g *g, size_t a, size_t b)
{
    int st = SINO_OK;
    size_t k = 0;
    advance_lineno(g, a);
    while (k < g->nsp && st == SINO_OK) {
        size_t ss, se;
        sentence_bounds(g, a, b, g->sp[k].s, g->sp[k].e, &ss, &se);
        size_t j = k + 1;
        while (j < g->nsp && g->sp[j].s < se) {
            size_t s2, e2;
            sentence_bounds(g, a, b, g->sp[j].s, g->sp[j].e, &s2, &e2);
            if (e2 > se) se = e2;
            j++;
        }
        advance_lineno(g, ss);
        if (encoding_error(g, ss, se - ss)) {
            skip_line(g);
            k = j;
            continue;
        }
        st = prefix(g, g->lineno, ss, se - ss, ':');
        if (st == SINO_OK) st = write_text(g, ss, se, g->o->color);
        if (st == SINO_OK) st = put_eol(g);
        k = j;
    }
    g->printed_any = 1;
    g->fresh = 0;
    return st;
}

static int print_only(struct g *g, char sep)
{
    int st = SINO_OK;
    const char *color = sep == '-' ? g->col->mc : g->col->ms;
    for (size_t k = 0; k < g->nsp && st == SINO_OK; k++) {
        if (g->sp[k].s == g->sp[k].e && !g->eol_match) continue;
        advance_lineno(g, g->sp[k].s);
        /* as grep -o: only the match itself must be text */
        if (encoding_error(g, g->sp[k].s, g->sp[k].e - g->sp[k].s)) {
            skip_line(g);
            continue;
        }
        st = prefix(g, g->lineno, g->sp[k].s, g->sp[k].e - g->sp[k].s, sep);
        if (st == SINO_OK) st = sgr_start(g, color);
        if (st == SINO_OK) st = write_text(g, g->sp[k].s, g->sp[k].e, 0);
        if (st == SINO_OK && g->eol_match) st = put_eol(g);   /* grep -x -w: with its end */
        if (st == SINO_OK) st = sgr_end(g, color);
        if (st == SINO_OK) st = put_eol(g);
    }
    g->printed_any = 1;
    g->fresh = 0;
    return st;
}

/* ---- selection ---- */

static int wants_lines(const sino_grep_opts *o)
{
    return !o->count && !o->list && !o->quiet;
}

/* The end of the line that ends at le, its newline included: what
 * context_lines takes (an empty line is then one byte, not none). */
static size_t with_eol(const struct g *g, size_t le)
{
    return le < g->end && g->buf[le] == '\n' ? le + 1 : le;
}

/* Lines [a, b) that are not selected: trailing context (with highlight,
 * the collected matches are in them: -v). */
static int context_lines(struct g *g, size_t a, size_t b, int highlight)
{
    int st = SINO_OK;
    while (g->after_left > 0 && a < b && st == SINO_OK) {
        const unsigned char *nl = memchr(g->buf + a, '\n', b - a);
        size_t le = nl ? (size_t)(nl - g->buf) : b;
        if (!g->o->only && !g->binary && encoding_error(g, a, le - a)) {
            /* grep retries a trailing context line it cannot print for
             * each line still owed: no more trailing context */
            skip_line(g);
            g->after_left = 0;
            break;
        }
        if (g->fresh || g->base + a >= g->printed_end) {
            st = group_separator(g, a);
            if (st == SINO_OK) st = print_lines(g, a, le, '-', highlight);
        }
        g->after_left--;
        a = nl ? le + 1 : b;
    }
    if (g->stop_after && g->after_left <= 0) g->done = 1;
    return st;
}

/* Lines [a, b) are selected (one unit: counted once). */
static int select_unit(struct g *g, size_t a, size_t b, int highlight)
{
    const sino_grep_opts *o = g->o;
    int st = SINO_OK;
    if (g->stop_after) return context_lines(g, a, with_eol(g, b), highlight);
    uint64_t line = g->base + a;
    if (line == g->piece_at || line == g->cut_at) line = g->cut_line_start;
    if (line != g->counted_line_start) g->res->matches++;
    g->counted_line_start = line;
    if (o->quiet || o->list) {
        g->done = 1;
        g->res->stopped = 1;
        return SINO_OK;
    }
    if (g->skip) return SINO_OK;
    if (wants_lines(o) && g->binary) {
        g->res->binary = 1;
        g->done = 1;
        g->printed_any = 1;   /* as grep: the next group gets its "--" */
        return SINO_OK;
    }
    if (wants_lines(o)) {
        size_t c = a;
        if (o->before > 0 && !g->binary) {
            /* leading context still in the buffer and not yet printed */
            for (int i = 0; i < o->before && c > 0; i++) {
                if (g->base + c <= g->printed_end) break;
                const unsigned char *nl = c >= 2 ? memrchr(g->buf, '\n', c - 1) : NULL;
                size_t ls = nl ? (size_t)(nl - g->buf) + 1 : 0;
                if (g->base + ls < g->printed_end) break;
                c = ls;
            }
        }
        /* one separator, at the start of the group, as grep: a line of the
         * group left out (not UTF-8) adds none; with -v, adjacent selected
         * lines are one group */
        if (!(o->invert && g->base + a == g->selected_end)) st = group_separator(g, c);
        if (st == SINO_OK && c < a) st = print_lines(g, c, a - 1, '-', 0);
        if (st != SINO_OK) return st;
        g->selected_end = g->base + with_eol(g, b);
        if (o->invert) g->nsp = 0;   /* the leading context's matches, not this line's */
        if (o->json) st = print_json(g, a, b);
        else if (o->only) st = print_only(g, ':');
        else if (o->sentence) st = print_sentences(g, a, b);
        else st = print_lines(g, a, b, ':', highlight);   /* sets printed_end */
        if (o->json || o->only || o->sentence)
            g->printed_end = g->base + (b < g->end && g->buf[b] == '\n' ? b + 1 : b);
        g->after_left = g->sel_skipped ? 0 : o->after;
        g->sel_skipped = 0;
    }
    if (o->max_count >= 0 && (long long)g->res->matches >= o->max_count) {
        g->stop_after = 1;
        g->res->stopped = 1;
        if (g->after_left <= 0 || !wants_lines(o)) g->done = 1;
    }
    return st;
}

/* Lines [a, b) with no match. */
static int plain_lines(struct g *g, size_t a, size_t b)
{
    if (a >= b) return SINO_OK;
    if (!g->o->invert) return context_lines(g, a, b, 0);
    int st = SINO_OK;
    while (a < b && st == SINO_OK && !g->done) {
        const unsigned char *nl = memchr(g->buf + a, '\n', b - a);
        size_t le = nl ? (size_t)(nl - g->buf) : b;
        g->nsp = 0;
        st = select_unit(g, a, le, 0);
        a = nl ? le + 1 : b;
    }
    return st;
}

static int add_span(struct g *g, size_t s, size_t e)
{
    if (SINO_GROW(g->sp, g->capsp, g->nsp + 1)) return sino_fail(g->err, SINO_ERR_NOMEM, "out of memory");
    g->sp[g->nsp].s = s;
    g->sp[g->nsp].e = e;
    g->nsp++;
    return SINO_OK;
}

static size_t line_start(const unsigned char *b, size_t floor, size_t p)
{
    if (p <= floor) return floor;
    const unsigned char *nl = memrchr(b + floor, '\n', p - floor);
    return nl ? (size_t)(nl - b) + 1 : floor;
}

/* Process buf[pos..limit). Returns 1 when a candidate needs more input, 0
 * when the region is done, <0 on error. */
static int process(struct g *g, size_t limit, int at_eof)
{
    const sino_grep_opts *o = g->o;
    int need_spans = o->only || o->color || o->json || o->sentence;
    if (o->invert) need_spans = 0;   /* context lines find their matches again */
    size_t p = g->pos;
    while (p < limit && !g->done) {
        size_t ms, me;
        int r = sino_matcher_find(g->m, (const char *)g->buf, limit, p, at_eof, &ms, &me);
        if (r < 0) return sino_fail(g->err, r, "out of memory");
        /* an empty match after the region's last line end is on no line of
         * it (at the end of the input, on none at all: grep) */
        if (r == SINO_MATCH_FOUND && ms >= limit && (limit == 0 || g->buf[limit - 1] == '\n'))
            r = SINO_MATCH_NONE;
        if (r == SINO_MATCH_MORE) {
            size_t ls = line_start(g->buf, p, ms);
            int st = plain_lines(g, p, ls);
            g->pos = ls;
            return st < 0 ? st : 1;
        }
        if (r == SINO_MATCH_NONE) {
            int st = plain_lines(g, p, limit);
            g->pos = limit;
            return st < 0 ? st : 0;
        }
        size_t ls = line_start(g->buf, p, ms);
        size_t last = me > ms ? me - 1 : ms;
        const unsigned char *nl = last < limit ? memchr(g->buf + last, '\n', limit - last) : NULL;
        size_t le = nl ? (size_t)(nl - g->buf) : limit;
        g->nsp = 0;
        if (need_spans) {
            if (add_span(g, ms, me) != SINO_OK) return g->err->code;
            size_t q = me > ms ? me : ms + 1;
            while (q < le) {
                size_t s2, e2;
                int r2 = sino_matcher_find(g->m, (const char *)g->buf, limit, q, at_eof, &s2, &e2);
                if (r2 < 0) return sino_fail(g->err, r2, "out of memory");
                if (r2 != SINO_MATCH_FOUND || s2 >= le) break;
                if (add_span(g, s2, e2) != SINO_OK) return g->err->code;
                if (e2 > le) {
                    const unsigned char *n2 = memchr(g->buf + e2 - 1, '\n', limit - (e2 - 1));
                    le = n2 ? (size_t)(n2 - g->buf) : limit;
                }
                q = e2 > s2 ? e2 : s2 + 1;
            }
        }
        int st = plain_lines(g, p, ls);
        if (st == SINO_OK && !g->done) {
            if (o->invert) st = context_lines(g, ls, with_eol(g, le), 0);
            else st = select_unit(g, ls, le, 1);
        }
        if (st < 0) return st;
        p = le < limit ? le + 1 : limit;
    }
    g->pos = p;
    return 0;
}

static int run(struct g *g)
{
    const sino_grep_opts *o = g->o;
    g->window = o->max_window ? o->max_window : DEFAULT_WINDOW;
    /* blocks that stay in the cache; a regular UTF-8 file is then mapped
     * (try_map), the window keeping the same block sizes */
    g->cap = BLOCK * 2;
    g->buf = malloc(g->cap);
    if (!g->buf) return sino_fail(g->err, SINO_ERR_NOMEM, "out of memory");
    g->lineno = 1;
    g->numbers = o->line_number || o->json;
    g->piece_at = g->cut_at = g->counted_line_start = g->selected_end = UINT64_MAX;
    int st = SINO_OK;
    if (o->max_count == 0) return SINO_OK;
    while (!g->done) {
        if ((st = read_more(g)) != SINO_OK) return st;
        if (g->skip) {   /* -I: as grep, a binary file has no selected line */
            g->res->matches = 0;
            return SINO_OK;
        }
        for (;;) {
            size_t limit;
            int at_eof = g->eof;
            if (g->eof) {
                limit = g->end;
            } else {
                const unsigned char *nl = g->end > g->pos
                    ? memrchr(g->buf + g->pos, '\n', g->end - g->pos) : NULL;
                if (nl) {
                    limit = (size_t)(nl - g->buf) + 1;
                } else if (g->end - g->pos >= g->window) {
                    /* an over-long line: search it in pieces */
                    limit = g->end - sino_utf8_incomplete_tail(g->buf + g->pos, g->end - g->pos);
                    at_eof = 1;
                    g->piece_at = g->base + g->pos;
                    if (g->piece_at != g->cut_at) g->cut_line_start = g->piece_at;
                    g->cut_at = g->base + limit;
                } else {
                    break;
                }
            }
            int r = process(g, limit, at_eof);
            if (r < 0) return r;
            if (g->done || (g->eof && g->pos >= g->end)) break;
            if (r == 1) {
                if (g->end - g->pos >= g->window || g->eof) {
                    r = process(g, limit, 1);
                    if (r < 0) return r;
                    continue;
                }
                break;
            }
            if (g->pos >= limit) break;
        }
        if (g->eof) break;
    }
    return SINO_OK;
}

static int grep_common(struct g *g)
{
    const sino_grep_opts *o = g->o;
    int printed = g->res->printed;
    memset(g->res, 0, sizeof *g->res);
    g->printed_any = printed;
    g->fresh = printed;
    g->after_left = 0;
    sino_buf_init(&g->tmp);
    sino_buf_init(&g->swap);
    sino_grep_colors_init(&g->defcol);
    g->col = o->colors ? o->colors : &g->defcol;
    sino_matcher_reset(g->m);
    int st = run(g);
    g->res->printed = g->printed_any;
    if (st == SINO_OK && o->count) {
        if (o->with_name) {
            st = put_name(g);
            if (st == SINO_OK) st = o->null_name ? put(g, "", 1) : put_sep(g, ':');
        }
        if (st == SINO_OK && !(o->list && g->res->matches))
            st = sino_writer_printf(g->w, g->err, "%llu\n", g->res->matches);
    }
    if (st == SINO_OK && o->list && !o->quiet &&
        ((o->list > 0 && g->res->matches) || (o->list < 0 && !g->res->matches))) {
        st = put_name(g);
        if (st == SINO_OK) st = o->null_name ? put(g, "", 1) : put(g, "\n", 1);
    }
    if (g->map) munmap(g->map, g->map_len);
    else free(g->buf);
    free(g->sp);
    sino_buf_free(&g->tmp);
    sino_buf_free(&g->swap);
    sino_matcher_reset(g->m);
    return st;
}

static void grep_init(struct g *g, sino_matcher *m, const sino_grep_opts *o, const char *name,
                      sino_writer *out, sino_grep_result *res, sino_error *err)
{
    memset(g, 0, sizeof *g);
    g->m = m;
    g->o = o;
    g->w = out;
    g->err = err;
    g->name = name;
    g->res = res;
    g->eol_match = sino_matcher_match_eol(m);
}

/* The reader's blocks: small, since the window above joins them. */
static const sino_reader_opts grep_reader_opts = {SINO_READ_BLOCKS, SINO_UTF8_PASS, 1u << 17};

/* Search the reader's text: the named encoding, else detected (o->detect:
 * the reader tells binary data from UTF-16 text), else UTF-8 as it is; size
 * is the input's size, or -1 when it is not a regular file. */
/* The search of a mapped file (grep_guarded), or NULL; bus_cut: a SIGBUS
 * found its file cut short. */
static struct g *volatile bus_grep;
static volatile sig_atomic_t bus_cut;

/* A page of the mapping past the file's new end: the rest of the mapping
 * becomes zero pages and the search goes on over them (a jump out of the
 * handler could leave a lock of the regex library held); the file's
 * search then ends with an error. A SIGBUS elsewhere: the default action. */
static void on_sigbus(int sig, siginfo_t *si, void *uctx)
{
    (void)uctx;
    struct g *g = bus_grep;
    unsigned char *at = si ? (unsigned char *)si->si_addr : NULL;
    if (g && g->map && at >= g->map && at < g->map + g->map_len) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        unsigned char *from = g->map + (size_t)(at - g->map) / page * page;
        size_t len = (size_t)(g->map + g->map_len - from);
        if (mmap(from, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
            MAP_FAILED) {
            bus_cut = 1;
            return;
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* grep_common for a regular file, which may be mapped: a file cut short
 * under the mapping (SIGBUS) ends its search with an error, and the next
 * file is searched. */
static int grep_guarded(struct g *g)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGBUS, &sa, &old) != 0) return grep_common(g);
    bus_cut = 0;
    bus_grep = g;
    int st = grep_common(g);
    bus_grep = NULL;
    sigaction(SIGBUS, &old, NULL);
    if (bus_cut && st == SINO_OK) st = sino_fail(g->err, SINO_ERR_IO, "file truncated while it was read");
    return st;
}

static int grep_reader(struct g *g, sino_reader *rd, long long size)
{
    if (!rd) return g->err->code;
    const char *enc = g->o->encoding ? g->o->encoding : g->o->detect ? NULL : SINO_ENC_UTF8;
    g->regular = size >= 0;
    if (g->o->initial_tab) g->offset_width = number_width(size, g->o->line_number);
    int st = sino_reader_set_encoding(rd, enc, g->err);
    g->rd = rd;
    if (st == SINO_OK) st = g->regular ? grep_guarded(g) : grep_common(g);
    sino_reader_close(rd);
    return st;
}

int sino_grep_fd(sino_matcher *m, const sino_grep_opts *o, int fd,
                 const char *name, sino_writer *out, sino_grep_result *res,
                 sino_error *err)
{
    struct g g;
    grep_init(&g, m, o, name, out, res, err);
    struct stat sb;
    long long size = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (long long)sb.st_size : -1;
    return grep_reader(&g, sino_reader_from_fd(fd, name, &grep_reader_opts, err), size);
}

int sino_grep_mem(sino_matcher *m, const sino_grep_opts *o, const void *data,
                  size_t len, const char *name, sino_writer *out,
                  sino_grep_result *res, sino_error *err)
{
    struct g g;
    grep_init(&g, m, o, name, out, res, err);
    return grep_reader(&g, sino_reader_from_mem(data, len, &grep_reader_opts, err),
                       (long long)len);
}
