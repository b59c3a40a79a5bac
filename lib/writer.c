/* writer.c - buffered output that reports write errors and closed pipes. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sino_io.h"

#define WRITER_BUF (64u << 10)

struct sino_writer {
    int fd;
    char name[256];
    char *buf;
    size_t len;
    int status;            /* sticky: first error returned forever after */
    char msg[256];
    int line_buffered;
};

sino_writer *sino_writer_from_fd(int fd, const char *name)
{
    sino_writer *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->buf = malloc(WRITER_BUF);
    if (!w->buf) {
        free(w);
        return NULL;
    }
    w->fd = fd;
    snprintf(w->name, sizeof w->name, "%s", name ? name : "standard output");
    return w;
}

static int sticky(sino_writer *w, sino_error *err)
{
    if (w->status == SINO_ERR_EPIPE)
        return sino_fail(err, SINO_ERR_EPIPE, "broken pipe");
    return sino_fail(err, w->status, "%s", w->msg);
}

static int write_all(sino_writer *w, const char *p, size_t n, sino_error *err)
{
    while (n > 0) {
        ssize_t k = write(w->fd, p, n);
        if (k < 0) {
            if (errno == EINTR) continue;
            w->status = errno == EPIPE ? SINO_ERR_EPIPE : SINO_ERR_WRITE;
            snprintf(w->msg, sizeof w->msg, "write error: %s", strerror(errno));
            return sticky(w, err);
        }
        p += k;
        n -= (size_t)k;
    }
    return SINO_OK;
}

int sino_writer_flush(sino_writer *w, sino_error *err)
{
    if (w->status) return sticky(w, err);
    int st = write_all(w, w->buf, w->len, err);
    w->len = 0;
    return st;
}

int sino_writer_put(sino_writer *w, const void *p, size_t n, sino_error *err)
{
    if (w->status) return sticky(w, err);
    if (n == 0) return SINO_OK;    /* p may be NULL for an empty piece */
    if (w->len + n > WRITER_BUF) {
        int st = sino_writer_flush(w, err);
        if (st) return st;
        if (n >= WRITER_BUF) return write_all(w, p, n, err);
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
    if (w->line_buffered && memchr(p, '\n', n)) return sino_writer_flush(w, err);
    return SINO_OK;
}

int sino_writer_puts(sino_writer *w, const char *s, sino_error *err)
{
    return sino_writer_put(w, s, strlen(s), err);
}

int sino_writer_putc(sino_writer *w, char c, sino_error *err)
{
    return sino_writer_put(w, &c, 1, err);
}

int sino_writer_printf(sino_writer *w, sino_error *err, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return sino_fail(err, SINO_ERR_USAGE, "bad format");
    if ((size_t)n < sizeof small) return sino_writer_put(w, small, (size_t)n, err);
    char *big = malloc((size_t)n + 1);
    if (!big) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int st = sino_writer_put(w, big, (size_t)n, err);
    free(big);
    return st;
}

void sino_writer_set_line_buffered(sino_writer *w, int on)
{
    w->line_buffered = on;
}

int sino_writer_close(sino_writer *w, sino_error *err)
{
    if (!w) return SINO_OK;
    int st = sino_writer_flush(w, err);
    free(w->buf);
    free(w);
    return st;
}

int sino_writer_put_json(sino_writer *w, const char *s, size_t n, int quoted, sino_error *err)
{
    sino_buf b;
    sino_buf_init(&b);
    int st = quoted ? sino_buf_put_json(&b, s, n) : sino_buf_put_json_chars(&b, s, n);
    st = st == SINO_OK ? sino_writer_put(w, b.data, b.len, err)
                       : sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    sino_buf_free(&b);
    return st;
}
