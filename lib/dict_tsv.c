/* dict_tsv.c - reading dictionary sources in TSV form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino_dict.h"
#include "grow_int.h"
#include "sino_io.h"

static int parse_num(const char *p, size_t n, uint32_t *out)
{
    uint64_t v = 0;
    if (n == 0) {
        *out = 0;
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') return -1;
        v = v * 10 + (uint64_t)(p[i] - '0');
        if (v > UINT32_MAX) return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decode N hex digits at P into *BUF (grown as needed): SINO_OK, or
 * SINO_ERR_FORMAT when malformed, SINO_ERR_NOMEM. */
static int parse_hex(const char *p, size_t n, unsigned char **buf, size_t *cap)
{
    if (n % 2) return SINO_ERR_FORMAT;
    if (SINO_GROW(*buf, *cap, n / 2)) return SINO_ERR_NOMEM;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hex_digit(p[i]), lo = hex_digit(p[i + 1]);
        if (hi < 0 || lo < 0) return SINO_ERR_FORMAT;
        (*buf)[i / 2] = (unsigned char)(hi << 4 | lo);
    }
    return SINO_OK;
}

static int add_lines(sino_dict_builder *b, sino_reader *r, unsigned flags,
                     unsigned char **hex, size_t *hex_cap, sino_error *err)
{
    sino_record rec;
    int got;
    uint64_t line = 0;
    while ((got = sino_reader_next(r, &rec, err)) > 0) {
        line++;
        const char *p = rec.data;
        size_t n = rec.len;
        if (n > 0 && p[n - 1] == '\r') n--;
        if (rec.partial || rec.continued)
            return sino_fail(err, SINO_ERR_FORMAT, "line %llu: line too long",
                             (unsigned long long)line);
        if (n == 0 || p[0] == '#') continue;
        const char *tab = memchr(p, '\t', n);
        size_t klen = tab ? (size_t)(tab - p) : n;
        const char *rest = tab ? tab + 1 : p + n;
        size_t rlen = (size_t)(p + n - rest);
        uint32_t num = 0;
        if (flags & SINO_TSV_NUM) {
            const char *tab2 = memchr(rest, '\t', rlen);
            size_t nlen = tab2 ? (size_t)(tab2 - rest) : rlen;
            if (parse_num(rest, nlen, &num) != 0)
                return sino_fail(err, SINO_ERR_FORMAT, "line %llu: bad number '%.*s'",
                                 (unsigned long long)line, (int)(nlen > 40 ? 40 : nlen), rest);
            rest = tab2 ? tab2 + 1 : rest + rlen;
            rlen = (size_t)(p + n - rest);
        }
        if (klen == 0)
            return sino_fail(err, SINO_ERR_FORMAT, "line %llu: empty key",
                             (unsigned long long)line);
        if ((flags & SINO_TSV_HEX) && rlen > 0) {
            int st = parse_hex(rest, rlen, hex, hex_cap);
            if (st == SINO_ERR_NOMEM) return sino_fail(err, st, "out of memory");
            if (st != SINO_OK)
                return sino_fail(err, st, "line %llu: bad hexadecimal payload",
                                 (unsigned long long)line);
            rest = (const char *)*hex;
            rlen /= 2;
        }
        int st = sino_dict_builder_add(b, p, klen, num, rest, rlen, err);
        if (st != SINO_OK) {
            char where[32];
            snprintf(where, sizeof where, "line %llu", (unsigned long long)line);
            sino_error_prefix(err, where);
            return st;
        }
    }
    return got;
}

int sino_dict_builder_add_tsv(sino_dict_builder *b, sino_reader *r, unsigned flags,
                              sino_error *err)
{
    unsigned char *hex = NULL;
    size_t hex_cap = 0;
    int got = add_lines(b, r, flags, &hex, &hex_cap, err);
    free(hex);
    return got;
}
