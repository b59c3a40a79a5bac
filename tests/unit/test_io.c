/* Unit tests: reader (lines, paragraphs, chunking, UTF-8 policies), writer. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "sino.h"

static int read_all(const char *in, size_t n, sino_reader_opts *o, char *out,
                    size_t cap, int *records)
{
    sino_error e;
    sino_reader *r = sino_reader_from_mem(in, n, o, &e);
    sino_record rec;
    size_t len = 0;
    int got;
    *records = 0;
    while ((got = sino_reader_next(r, &rec, &e)) > 0) {
        (*records)++;
        if (len + rec.len + 1 >= cap) break;
        memcpy(out + len, rec.data, rec.len);
        len += rec.len;
        out[len++] = rec.partial ? '|' : '\n';
    }
    out[len] = '\0';
    sino_reader_close(r);
    return got;
}

static void test_lines(void)
{
    sino_reader_opts o = {SINO_READ_LINES, SINO_UTF8_PASS, 0};
    char out[256];
    int n;
    CHECK_INT(read_all("a\nbb\n\nccc", 9, &o, out, sizeof out, &n), 0);
    CHECK(n == 4 && strcmp(out, "a\nbb\n\nccc\n") == 0);
    CHECK(read_all("", 0, &o, out, sizeof out, &n) == 0 && n == 0);
    CHECK(read_all("x\0y\n", 4, &o, out, sizeof out, &n) == 0 && n == 1);
    CHECK(memcmp(out, "x\0y\n", 4) == 0);   /* NUL bytes pass through */
}

static void test_offsets(void)
{
    sino_reader_opts o = {SINO_READ_LINES, SINO_UTF8_PASS, 0};
    sino_error e;
    sino_reader *r = sino_reader_from_mem("ab\n中\n", 7, &o, &e);
    sino_record rec;
    CHECK(sino_reader_next(r, &rec, &e) == 1 && rec.offset == 0 && rec.newline);
    CHECK(sino_reader_next(r, &rec, &e) == 1 && rec.offset == 3 && rec.len == 3);
    CHECK_INT(sino_reader_next(r, &rec, &e), 0);
    sino_reader_close(r);
}

static void test_paragraphs(void)
{
    sino_reader_opts o = {SINO_READ_PARAGRAPHS, SINO_UTF8_PASS, 0};
    char out[256];
    int n;
    const char *in = "\n\na\nb\n\n  \nc\n\n";
    CHECK_INT(read_all(in, strlen(in), &o, out, sizeof out, &n), 0);
    CHECK(n == 2 && strcmp(out, "a\nb\nc\n") == 0);
}

static void test_chunks(void)
{
    /* a 100-character Han line with a 16-byte limit: chunks end on character
     * boundaries and together give back the line */
    char line[400];
    size_t len = 0;
    for (int i = 0; i < 100; i++) {
        memcpy(line + len, "中", 3);
        len += 3;
    }
    sino_reader_opts o = {SINO_READ_LINES, SINO_UTF8_FAIL, 16};
    sino_error e;
    sino_reader *r = sino_reader_from_mem(line, len, &o, &e);
    sino_record rec;
    size_t total = 0;
    int chunks = 0, all_ok = 1;
    while (sino_reader_next(r, &rec, &e) > 0) {
        chunks++;
        if (rec.len > 16 || rec.len % 3 != 0) all_ok = 0;
        if (memcmp(rec.data, line + total, rec.len) != 0) all_ok = 0;
        total += rec.len;
    }
    CHECK(all_ok);
    CHECK_INT(total, len);
    CHECK(chunks >= 19);
    sino_reader_close(r);

    /* a cut prefers the position after a space */
    const char *s = "aaaa bbbbbbbbbbbbbbbbbbbb";
    sino_reader_opts o2 = {SINO_READ_LINES, SINO_UTF8_PASS, 16};
    r = sino_reader_from_mem(s, strlen(s), &o2, &e);
    CHECK(sino_reader_next(r, &rec, &e) == 1 && rec.len == 5 && rec.partial);
    CHECK(sino_reader_next(r, &rec, &e) == 1 && rec.continued);
    sino_reader_close(r);

    /* never inside a number, a domain name or after an opening bracket:
     * here the only safe cut is after the full-width comma */
    const char *n = "\xe6\x8a\x95\xef\xbc\x8c\xe3\x80\x8ax18.8www.a.b";
    r = sino_reader_from_mem(n, strlen(n), &o2, &e);
    CHECK(sino_reader_next(r, &rec, &e) == 1 && rec.len == 6 && rec.partial);
    sino_reader_close(r);
}

static void test_blocks(void)
{
    /* blocks hold whole lines with their newlines, give the input back
     * byte for byte, and cut over-long lines at the record limit */
    char in[3000];
    size_t len = 0;
    for (int i = 0; len < 2900; i++) {
        int w = i % 7 == 6 ? 40 : i % 5;   /* some lines longer than the limit */
        for (int k = 0; k < w; k++) {
            memcpy(in + len, "文", 3);
            len += 3;
        }
        in[len++] = i % 3 ? '\n' : 'a';
    }
    in[len++] = 'z';   /* no newline at the end */
    for (size_t max = 16; max <= 4096; max *= 4) {
        sino_reader_opts o = {SINO_READ_BLOCKS, SINO_UTF8_FAIL, max};
        sino_error e;
        sino_reader *r = sino_reader_from_mem(in, len, &o, &e);
        sino_record rec;
        size_t total = 0;
        int ok = 1, got, records = 0;
        while ((got = sino_reader_next(r, &rec, &e)) > 0) {
            records++;
            if (rec.offset != total || rec.len > max + 1 || memcmp(rec.data, in + total, rec.len))
                ok = 0;
            total += rec.len;
            /* a block ends at a newline unless it is a chunk or the end */
            if (!rec.partial && total < len && rec.data[rec.len - 1] != '\n') ok = 0;
            if (rec.newline != (rec.data[rec.len - 1] == '\n')) ok = 0;
            if (rec.partial && memchr(rec.data, '\n', rec.len)) ok = 0;
        }
        CHECK_INT(got, 0);
        CHECK(ok);
        CHECK_INT(total, len);
        CHECK(max == 4096 ? records <= 2 : records > 2);
        sino_reader_close(r);
    }
    /* invalid bytes are counted as in line mode */
    sino_reader_opts o = {SINO_READ_BLOCKS, SINO_UTF8_REPLACE, 0};
    sino_error e;
    sino_reader *r = sino_reader_from_mem("a\n\xff\nb\xfe\n", 7, &o, &e);
    sino_record rec;
    CHECK_INT(sino_reader_next(r, &rec, &e), 1);
    CHECK_MEM(rec.data, rec.len, "a\n\xef\xbf\xbd\nb\xef\xbf\xbd\n");
    CHECK(sino_reader_invalid_count(r) == 2 && sino_reader_first_invalid(r) == 2);
    CHECK_INT(sino_reader_next(r, &rec, &e), 0);
    sino_reader_close(r);
}

static void test_policies(void)
{
    const char *in = "ok\nb\xffx\n";
    sino_error e;
    sino_record rec;
    sino_reader_opts rep = {SINO_READ_LINES, SINO_UTF8_REPLACE, 0};
    sino_reader *r = sino_reader_from_mem(in, strlen(in), &rep, &e);
    CHECK_INT(sino_reader_next(r, &rec, &e), 1);
    CHECK_INT(sino_reader_next(r, &rec, &e), 1);
    CHECK_MEM(rec.data, rec.len, "b\xef\xbf\xbdx");
    CHECK(sino_reader_invalid_count(r) == 1 && sino_reader_first_invalid(r) == 4);
    sino_reader_close(r);

    sino_reader_opts fail = {SINO_READ_LINES, SINO_UTF8_FAIL, 0};
    r = sino_reader_from_mem(in, strlen(in), &fail, &e);
    CHECK_INT(sino_reader_next(r, &rec, &e), 1);
    CHECK_INT(sino_reader_next(r, &rec, &e), SINO_ERR_UTF8);
    CHECK_INT(e.offset, 4);
    sino_reader_close(r);
}

static void test_writer(void)
{
    sino_error e;
    sino_error_clear(&e);
    int fd = open("/dev/full", O_WRONLY);
    if (fd < 0) return;
    sino_writer *w = sino_writer_from_fd(fd, "full");
    CHECK_INT(sino_writer_puts(w, "hello\n", &e), SINO_OK);   /* buffered */
    CHECK_INT(sino_writer_flush(w, &e), SINO_ERR_WRITE);
    CHECK_INT(sino_writer_puts(w, "again", &e), SINO_ERR_WRITE);  /* sticky */
    sino_writer_close(w, &e);
    close(fd);

    int p[2];
    CHECK_INT(pipe(p), 0);
    close(p[0]);
    w = sino_writer_from_fd(p[1], "pipe");
    CHECK_INT(sino_writer_puts(w, "x", &e), SINO_OK);
    CHECK_INT(sino_writer_flush(w, &e), SINO_ERR_EPIPE);
    sino_writer_close(w, &e);
    close(p[1]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    test_lines();
    test_offsets();
    test_paragraphs();
    test_chunks();
    test_blocks();
    test_policies();
    test_writer();
    return check_summary("test_io");
}
