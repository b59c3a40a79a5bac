/* buf.c - growable byte buffer, growable arrays and error records. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_int.h"
#include "sino_text.h"

int sino_fail(sino_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void sino_error_clear(sino_error *err)
{
    if (!err) return;
    err->code = SINO_OK;
    err->offset = 0;
    err->msg[0] = '\0';
}

void sino_error_prefix(sino_error *err, const char *prefix)
{
    if (!err) return;
    char msg[sizeof err->msg];
    size_t plen = strlen(prefix);
    if (plen > sizeof msg - 3) plen = sizeof msg - 3;
    memcpy(msg, prefix, plen);
    memcpy(msg + plen, ": ", 2);
    size_t room = sizeof msg - plen - 3;
    size_t mlen = strnlen(err->msg, sizeof err->msg);
    if (mlen > room) mlen = room;
    memcpy(msg + plen + 2, err->msg, mlen);
    msg[plen + 2 + mlen] = '\0';
    memcpy(err->msg, msg, sizeof msg);
}

void sino_buf_init(sino_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void sino_buf_free(sino_buf *b)
{
    free(b->data);
    sino_buf_init(b);
}

int sino_buf_grow(sino_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1) return SINO_ERR_NOMEM;
    size_t need = b->len + extra + 1;   /* +1 keeps room for a NUL terminator */
    if (need <= b->cap) return SINO_OK;
    if (b->cap == 0 && need < 64) need = 64;   /* a new buffer starts at 64 bytes */
    return sino_grow(&b->data, &b->cap, need, 1);
}

int sino_grow(void *items_ptr, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap) return SINO_OK;
    size_t max = SIZE_MAX / item_size;
    if (need > max) return SINO_ERR_NOMEM;
    size_t c = *cap ? *cap : 16;
    if (c > max) c = need;   /* items so large that 16 of them overflow */
    while (c < need) c = c > max / 2 ? need : c * 2;
    /* the array's pointer is read and written as bytes: it may point to
     * any object type, and void ** is the address of a void * only */
    void *items;
    memcpy(&items, items_ptr, sizeof items);
    void *p = realloc(items, c * item_size);
    if (!p) return SINO_ERR_NOMEM;
    memcpy(items_ptr, &p, sizeof p);
    *cap = c;
    return SINO_OK;
}

int sino_buf_putc(sino_buf *b, char c)
{
    return sino_buf_append(b, &c, 1);
}

int sino_buf_put_cp(sino_buf *b, uint32_t cp)
{
    unsigned char tmp[4];
    int n = sino_utf8_encode(cp, tmp);
    if (n == 0) n = sino_utf8_encode(SINO_REPLACEMENT_CHAR, tmp);
    return sino_buf_append(b, tmp, (size_t)n);
}

int sino_buf_printf(sino_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return SINO_ERR_USAGE;
    if (sino_buf_reserve(b, (size_t)n) != SINO_OK) return SINO_ERR_NOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return SINO_OK;
}

/* The escape of one byte of a JSON string, or NULL when it stands for
 * itself: the quote, the backslash and the control characters. */
static const char *json_escape(unsigned char c, char tmp[8])
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\t': return "\\t";
    case '\r': return "\\r";
    default:
        if (c >= 0x20) return NULL;
        snprintf(tmp, 8, "\\u%04x", c);
        return tmp;
    }
}

int sino_buf_put_json_chars(sino_buf *b, const char *s, size_t n)
{
    int r = SINO_OK;
    size_t i = 0;
    while (i < n && r == SINO_OK) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int32_t cp;
            int k = sino_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            r = cp < 0 ? sino_buf_put_cp(b, SINO_REPLACEMENT_CHAR)
                       : sino_buf_append(b, s + i, (size_t)k);
            i += (size_t)k;
            continue;
        }
        char tmp[8];
        const char *e = json_escape(c, tmp);
        r = e ? sino_buf_append(b, e, strlen(e)) : sino_buf_putc(b, (char)c);
        i++;
    }
    return r;
}

int sino_buf_put_json(sino_buf *b, const char *s, size_t n)
{
    int r = sino_buf_putc(b, '"');
    if (r == SINO_OK) r = sino_buf_put_json_chars(b, s, n);
    return r == SINO_OK ? sino_buf_putc(b, '"') : r;
}
