/* enc.c - encoding detection and streaming conversion over iconv(3). */
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sino_data.h"
#include "sino_enc.h"

sino_dict *sino_enc_stats_open(sino_error *err)
{
    return sino_data_open_dict(SINO_ENC_STATS_FILE, SINO_ENC_STATS_KIND, err);
}

/* ---- names ---- */

static const struct {
    const char *alias, *name;
} aliases[] = {
    {"utf-8", SINO_ENC_UTF8}, {"utf8", SINO_ENC_UTF8},
    {"gb18030", SINO_ENC_GB18030}, {"gb-18030", SINO_ENC_GB18030},
    {"gbk", SINO_ENC_GBK}, {"cp936", SINO_ENC_GBK}, {"gb2312", "gb2312"},
    {"euc-cn", "gb2312"}, {"euccn", "gb2312"},
    {"big5", SINO_ENC_BIG5}, {"big-5", SINO_ENC_BIG5}, {"cp950", "cp950"},
    {"big5-hkscs", SINO_ENC_BIG5HKSCS}, {"big5hkscs", SINO_ENC_BIG5HKSCS},
    {"utf-16le", SINO_ENC_UTF16LE}, {"utf16le", SINO_ENC_UTF16LE},
    {"utf-16be", SINO_ENC_UTF16BE}, {"utf16be", SINO_ENC_UTF16BE},
    {"utf-16", "utf-16"}, {"utf16", "utf-16"},
    {"ascii", SINO_ENC_ASCII}, {"us-ascii", SINO_ENC_ASCII},
};

const char *sino_enc_canonical(const char *name)
{
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcasecmp(name, aliases[i].alias)) return aliases[i].name;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1) return NULL;
    iconv_close(cd);
    return name;
}

/* The iconv name used to decode a canonical name: GBK and GB2312 text is
 * decoded as GB18030, their superset. */
static const char *iconv_name(const char *enc)
{
    if (!strcasecmp(enc, "gbk") || !strcasecmp(enc, "gb2312")) return "GB18030";
    return enc;
}

/* ---- detection ---- */

#define DETECT_WINDOW 4096

struct model {
    const sino_dict *stats;
    double log_total[2];
};

/* Decode p[0..n) with iconv into code points (UTF-32); invalid sequences are
 * counted and skipped (unit bytes at a time); an incomplete sequence at the
 * end stops. Returns the number of code points, or -1 if iconv cannot. */
static long decode_cps(const char *enc, const unsigned char *p, size_t n, size_t unit,
                       uint32_t *cps, size_t max, size_t *invalid, size_t *left)
{
    iconv_t cd = iconv_open("UTF-32LE", enc);
    if (cd == (iconv_t)-1) return -1;
    char *ip = (char *)p;
    size_t il = n;
    char *op = (char *)cps;
    size_t ol = max * 4;
    *invalid = 0;
    while (il > 0 && ol >= 4) {
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        if (r != (size_t)-1) break;
        if (errno == EILSEQ) {
            (*invalid)++;
            size_t skip = il < unit ? il : unit;
            ip += skip;
            il -= skip;
            iconv(cd, NULL, NULL, NULL, NULL);
            continue;
        }
        break;   /* EINVAL: truncated at the end; E2BIG: window full */
    }
    iconv_close(cd);
    *left = il;
    long count = (long)((char *)op - (char *)cps) / 4;
    for (long i = 0; i < count; i++) {
        const unsigned char *b = (const unsigned char *)&cps[i];
        cps[i] = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
                 (uint32_t)b[3] << 24;
    }
    return count;
}

/* Log-likelihood of a code point that is not a Han character. */
static double other_score(uint32_t cp)
{
    if (cp == '\n' || cp == '\r' || cp == '\t') return -2.0;
    if (cp < 0x20 || cp == 0x7F) return -20.0;
    if (cp < 0x7F) return -2.5;
    if (cp >= 0x3000 && cp <= 0x303F) return -4.5;   /* CJK punctuation */
    if (cp >= 0xFF01 && cp <= 0xFF5E) return -5.0;   /* full-width forms */
    if (cp >= 0x2010 && cp <= 0x2027) return -5.0;   /* — … “” ‘’ */
    if (cp == 0xFEFF) return -8.0;
    if (cp >= 0x3040 && cp <= 0x30FF) return -11.0;  /* kana */
    if (cp >= 0xAC00 && cp <= 0xD7A3) return -12.0;  /* hangul */
    if (cp >= 0xA0 && cp <= 0x24FF) return -12.0;    /* Latin, Greek, symbols */
    if (cp >= 0x2500 && cp <= 0x2FFF) return -12.0;  /* box drawing, radicals */
    if (cp >= 0x3100 && cp <= 0x33FF) return -12.0;  /* bopomofo, CJK compat */
    if (cp >= 0xE000 && cp <= 0xF8FF) return -18.0;  /* private use */
    return -16.0;
}

/* Score of a decoded sequence under the Simplified (m = 0) and Traditional
 * (m = 1) statistics; the better of the two is returned. */
static double score_cps(const struct model *md, const uint32_t *cps, long n)
{
    double s[2] = {0, 0};
    for (long i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        if (sino_is_han(cp)) {
            if (!md->stats) {
                double v = (cp >= 0x4E00 && cp <= 0x9FFF) ? -8.0 : -14.0;
                s[0] += v;
                s[1] += v;
                continue;
            }
            unsigned char key[8];
            int kl = sino_utf8_encode(cp, key + 1);
            for (int m = 0; m < 2; m++) {
                key[0] = m ? 'T' : 'S';
                sino_dict_value v;
                double f = 0.3;
                if (sino_dict_get(md->stats, key, (size_t)kl + 1, &v)) f += v.num;
                double l = log(f) - md->log_total[m];
                if (l < -17.0) l = -17.0;
                s[m] += l;
            }
        } else {
            double v = other_score(cp);
            s[0] += v;
            s[1] += v;
        }
    }
    return s[0] > s[1] ? s[0] : s[1];
}

static int ascii_like(unsigned b)
{
    return (b >= 0x20 && b < 0x7F) || b == '\n' || b == '\r' || b == '\t';
}

struct candidate {
    const char *name;     /* reported name */
    const char *iconv;    /* decoder */
    size_t unit;          /* bytes skipped after an invalid sequence */
    size_t max_skip;      /* start offsets tried (cut in mid-character) */
};

static const struct candidate cands[] = {
    {SINO_ENC_UTF8, "UTF-8", 1, 3},
    {SINO_ENC_GB18030, "GB18030", 1, 3},
    {SINO_ENC_BIG5, "BIG5", 1, 1},
    {SINO_ENC_BIG5HKSCS, "BIG5-HKSCS", 1, 1},
    {SINO_ENC_UTF16LE, "UTF-16LE", 2, 1},
    {SINO_ENC_UTF16BE, "UTF-16BE", 2, 1},
};

/* GB18030 four-byte sequences present (81-FE 30-39 81-FE 30-39)? The pattern
 * cannot occur at any offset of two-byte GBK text, so no alignment needed. */
static int has_gb4(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++) {
        if (p[i] >= 0x81 && p[i] <= 0xFE) {
            if (p[i + 1] >= 0x30 && p[i + 1] <= 0x39 && p[i + 2] >= 0x81 &&
                p[i + 2] <= 0xFE && p[i + 3] >= 0x30 && p[i + 3] <= 0x39)
                return 1;
        }
    }
    return 0;
}

/* p[0..n) is valid UTF-8 holding a non-ASCII character, but for a
 * character cut at the end. */
static int valid_utf8_text(const unsigned char *p, size_t n)
{
    size_t v = sino_utf8_valid_prefix(p, n);
    if (v < n && sino_utf8_incomplete_tail(p, n) != n - v) return 0;
    for (size_t i = 0; i < v; i++)
        if (p[i] >= 0x80) return 1;
    return 0;
}

const char *sino_detect_encoding(const unsigned char *p, size_t n,
                                 const sino_dict *stats, sino_enc_result *res)
{
    sino_enc_result r = {SINO_ENC_UTF8, 1.0, 0};
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        r.bom_len = 3;
        goto done;
    }
    if (n >= 4 && p[0] == 0x84 && p[1] == 0x31 && p[2] == 0x95 && p[3] == 0x33) {
        r.name = SINO_ENC_GB18030;
        r.bom_len = 4;
        goto done;
    }
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        r.name = SINO_ENC_UTF16LE;
        r.bom_len = 2;
        goto done;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        r.name = SINO_ENC_UTF16BE;
        r.bom_len = 2;
        goto done;
    }
    if (n > DETECT_WINDOW) n = DETECT_WINDOW;
    int high = 0, nul = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 0x80) high = 1;
        if (p[i] == 0) nul = 1;
    }
    if (n == 0) goto done;
    if (!high && !nul) {
        r.name = SINO_ENC_ASCII;
        goto done;
    }
    /* Whole valid UTF-8 (but for a character cut at either end) with some
     * non-ASCII is UTF-8 unless another reading is far more plausible, which
     * the scoring below decides. */
    if (!stats && !nul && valid_utf8_text(p, n)) {
        /* Without the character statistics nothing can show another reading
         * to be more plausible: valid UTF-8 stays UTF-8. */
        r.confidence = 0.9;
        goto done;
    }
    struct model md = {stats, {0, 0}};
    if (stats) {
        md.log_total[0] = log((double)sino_dict_aux(stats, 0) + 1);
        md.log_total[1] = log((double)sino_dict_aux(stats, 1) + 1);
    }
    uint32_t *cps = malloc((n + 4) * sizeof *cps);
    if (!cps) goto done;   /* allocation failure: plain guess */
    double best = -INFINITY, second = -INFINITY;
    const char *best_name = SINO_ENC_UTF8;
    for (size_t c = 0; c < sizeof cands / sizeof cands[0]; c++) {
        double cbest = -INFINITY;
        for (size_t skip = 0; skip <= cands[c].max_skip && skip < n; skip++) {
            size_t inv, left;
            long k = decode_cps(cands[c].iconv, p + skip, n - skip, cands[c].unit,
                                cps, n + 4, &inv, &left);
            if (k < 0) continue;
            /* Bytes left undecoded at the end (a cut character) cost little;
             * invalid sequences and skipped bytes more. */
            double s = score_cps(&md, cps, k) - 25.0 * (double)inv - 6.0 * (double)skip -
                       3.0 * (double)left;
            if (cands[c].unit == 2) {
                /* Two printable ASCII bytes read as one UTF-16 character are
                 * more likely ASCII text than that character. */
                for (long i = 0; i < k; i++) {
                    unsigned lo = cps[i] & 0xFF, hi = (cps[i] >> 8) & 0xFF;
                    if (cps[i] < 0x10000 && ascii_like(lo) && ascii_like(hi))
                        s -= 4.0;
                }
            }
            if (s > cbest) cbest = s;
        }
        if (cbest > best) {
            if (strcmp(best_name, cands[c].name) &&
                !(!strcmp(cands[c].name, SINO_ENC_BIG5HKSCS) &&
                  !strcmp(best_name, SINO_ENC_BIG5)))
                second = best;
            best = cbest;
            best_name = cands[c].name;
        } else if (cbest > second &&
                   !(!strcmp(cands[c].name, SINO_ENC_BIG5HKSCS) &&
                     !strcmp(best_name, SINO_ENC_BIG5))) {
            second = cbest;
        }
    }
    free(cps);
    if (!strcmp(best_name, SINO_ENC_GB18030) && !has_gb4(p, n)) best_name = SINO_ENC_GBK;
    r.name = best_name;
    if (second == -INFINITY) r.confidence = 1.0;
    else {
        double d = best - second;
        r.confidence = d > 40 ? 1.0 : 1.0 / (1.0 + exp(-d / 4.0));
    }
done:
    if (res) *res = r;
    return r.name;
}

/* ---- decoder ---- */

struct sino_decoder {
    iconv_t cd;
    char name[32];
    int strict;
    int started;          /* first output written (BOM check done) */
    int utf8;             /* input is UTF-8: validated without iconv */
    size_t unit;
    sino_buf in;          /* bytes not yet converted */
    uint64_t offset;      /* input offset of in.data[0] */
    uint64_t invalid, first_invalid;
};

sino_decoder *sino_decoder_open(const char *enc, int strict, sino_error *err)
{
    const char *canon = sino_enc_canonical(enc);
    if (!canon) {
        sino_fail(err, SINO_ERR_USAGE, "unknown encoding '%s'", enc);
        return NULL;
    }
    sino_decoder *d = calloc(1, sizeof *d);
    if (!d) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    d->cd = iconv_open("UTF-8", iconv_name(canon));
    if (d->cd == (iconv_t)-1) {
        free(d);
        sino_fail(err, SINO_ERR_USAGE, "unknown encoding '%s'", enc);
        return NULL;
    }
    snprintf(d->name, sizeof d->name, "%s", canon);
    d->strict = strict;
    d->unit = !strncasecmp(canon, "utf-16", 6) ? 2 : !strncasecmp(canon, "utf-32", 6) ? 4 : 1;
    d->utf8 = !strcasecmp(canon, "utf-8");
    sino_buf_init(&d->in);
    return d;
}

void sino_decoder_close(sino_decoder *d)
{
    if (!d) return;
    iconv_close(d->cd);
    sino_buf_free(&d->in);
    free(d);
}

uint64_t sino_decoder_invalid_count(const sino_decoder *d) { return d->invalid; }
uint64_t sino_decoder_first_invalid(const sino_decoder *d) { return d->first_invalid; }
const char *sino_decoder_encoding(const sino_decoder *d) { return d->name; }

static int bad_input(sino_decoder *d, uint64_t at, sino_buf *out, sino_error *err)
{
    if (d->strict) {
        err->offset = at;
        return sino_fail(err, SINO_ERR_UTF8, "invalid %s at byte offset %llu", d->name,
                         (unsigned long long)at);
    }
    if (d->invalid++ == 0) d->first_invalid = at;
    if (sino_buf_put_cp(out, SINO_REPLACEMENT_CHAR) != SINO_OK)
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    return SINO_OK;
}

/* UTF-8 input is checked with the library's own validator, not iconv:
 * glibc's UTF-8 -> UTF-8 conversion passes sequences above U+10FFFF (and
 * five- and six-byte forms) through unchanged, which would let invalid UTF-8
 * reach the output. Same contract as decode_some. */
static long decode_utf8_some(sino_decoder *d, const char *in, size_t n, int eof,
                             sino_buf *out, sino_error *err)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0;
    while (i < n) {
        size_t good = sino_utf8_valid_prefix(s + i, n - i);
        if (sino_buf_append(out, s + i, good) != SINO_OK) {
            sino_fail(err, SINO_ERR_NOMEM, "out of memory");
            return -1;
        }
        i += good;
        if (i >= n) break;
        if (!eof && sino_utf8_incomplete_tail(s + i, n - i) == n - i)
            break;   /* a sequence cut by the end of this piece: wait for more */
        int32_t cp;
        int bad = sino_utf8_decode(s + i, n - i, &cp);
        if (bad_input(d, d->offset + i, out, err) != SINO_OK) return -1;
        i += (size_t)bad;
    }
    d->offset += i;
    return (long)i;
}

/* Convert in[0..n) (at input offset base) into out; returns the bytes
 * consumed (the rest is an incomplete sequence to keep) or -1 (err). */
static long decode_some(sino_decoder *d, const char *in, size_t n, int eof,
                        sino_buf *out, sino_error *err)
{
    if (d->utf8) return decode_utf8_some(d, in, n, eof, out, err);
    char *ip = (char *)in;
    size_t il = n;
    while (il > 0) {
        if (sino_buf_reserve(out, il * 2 + 64) != SINO_OK) {
            sino_fail(err, SINO_ERR_NOMEM, "out of memory");
            return -1;
        }
        char *op = out->data + out->len;
        size_t ol = out->cap - out->len;
        size_t r = iconv(d->cd, &ip, &il, &op, &ol);
        out->len = (size_t)(op - out->data);
        if (r != (size_t)-1) break;
        int e = errno;
        if (e == E2BIG) continue;
        uint64_t at = d->offset + (uint64_t)(ip - in);
        if (e == EINVAL && !eof) break;   /* incomplete: wait for more */
        if (e == EINVAL || e == EILSEQ) {
            if (bad_input(d, at, out, err) != SINO_OK) return -1;
            size_t skip = e == EINVAL ? il : (il < d->unit ? il : d->unit);
            ip += skip;
            il -= skip;
            iconv(d->cd, NULL, NULL, NULL, NULL);
            continue;
        }
        sino_fail(err, SINO_ERR_IO, "iconv: %s", strerror(e));
        return -1;
    }
    size_t used = (size_t)(ip - in);
    d->offset += used;
    return (long)used;
}

int sino_decoder_feed(sino_decoder *d, const void *p, size_t n, int eof,
                      sino_buf *out, sino_error *err)
{
    size_t out_start = out->len;
    const char *in = p;
    if (d->in.len) {
        /* complete the pending sequence with a few new bytes first */
        size_t take = n < 16 ? n : 16;
        size_t had = d->in.len;
        if (sino_buf_append(&d->in, p, take) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        long used = decode_some(d, d->in.data, d->in.len, eof && take == n, out, err);
        if (used < 0) return err->code;
        if ((size_t)used < had) {
            /* still incomplete (only possible when n is tiny) */
            memmove(d->in.data, d->in.data + used, d->in.len - (size_t)used);
            d->in.len -= (size_t)used;
            if (take == n) goto done;
            /* more input: fall back to the simple path */
            if (sino_buf_append(&d->in, (const char *)p + take, n - take) != SINO_OK)
                return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
            used = decode_some(d, d->in.data, d->in.len, eof, out, err);
            if (used < 0) return err->code;
            memmove(d->in.data, d->in.data + used, d->in.len - (size_t)used);
            d->in.len -= (size_t)used;
            goto done;
        }
        /* the pending bytes are done; skip what of the new ones was used */
        size_t skip = (size_t)used - had;
        d->in.len = 0;
        if (skip) {   /* in may be NULL (n == 0 at the end of input) */
            in += skip;
            n -= skip;
        }
    }
    if (n) {
        long used = decode_some(d, in, n, eof, out, err);
        if (used < 0) return err->code;
        if ((size_t)used < n && sino_buf_append(&d->in, in + used, n - (size_t)used) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
done:
    if (!d->started && out->len > out_start) {
        d->started = 1;
        if (out->len - out_start >= 3 && !memcmp(out->data + out_start, "\xEF\xBB\xBF", 3)) {
            memmove(out->data + out_start, out->data + out_start + 3, out->len - out_start - 3);
            out->len -= 3;
        }
    }
    return SINO_OK;
}

/* One character on its own (the reader's offset map): the shortest prefix
 * of p[0..n) that converts completely is the character. Neither the
 * decoder's counts nor its pending bytes are touched. */
int sino_decoder_decode_char(sino_decoder *d, const void *p, size_t n, sino_buf *out)
{
    const unsigned char *s = p;
    if (n == 0) return 0;
    if (d->utf8) {
        int32_t cp;
        int k = sino_utf8_decode(s, n, &cp);
        if (cp < 0) return 0;
        return sino_buf_append(out, s, (size_t)k) == SINO_OK ? k : SINO_ERR_NOMEM;
    }
    size_t max = n < 4 * d->unit ? n : 4 * d->unit;
    for (size_t len = d->unit; len <= max; len++) {
        char tmp[64];
        char *ip = (char *)s, *op = tmp;
        size_t il = len, ol = sizeof tmp;
        iconv(d->cd, NULL, NULL, NULL, NULL);
        size_t r = iconv(d->cd, &ip, &il, &op, &ol);
        int e = errno;
        if (r != (size_t)-1 && il == 0) {
            iconv(d->cd, NULL, NULL, &op, &ol);
            iconv(d->cd, NULL, NULL, NULL, NULL);
            if (sino_buf_append(out, tmp, (size_t)(op - tmp)) != SINO_OK) return SINO_ERR_NOMEM;
            return (int)len;
        }
        iconv(d->cd, NULL, NULL, NULL, NULL);
        if (r == (size_t)-1 && e != EINVAL) return 0;
    }
    return 0;
}

/* ---- encoder ---- */

struct sino_encoder {
    iconv_t cd;
    int strict;
    char repl[8];         /* '?' in the target encoding */
    size_t repl_len;
    uint64_t offset;      /* UTF-8 bytes consumed so far */
    uint64_t bad, first_bad;
};

sino_encoder *sino_encoder_open(const char *enc, int strict, sino_error *err)
{
    const char *canon = sino_enc_canonical(enc);
    sino_encoder *e = calloc(1, sizeof *e);
    if (!e) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    e->cd = canon ? iconv_open(canon, "UTF-8") : (iconv_t)-1;
    if (e->cd == (iconv_t)-1) {
        free(e);
        sino_fail(err, SINO_ERR_USAGE, "unknown encoding '%s'", enc);
        return NULL;
    }
    e->strict = strict;
    char q[] = "?";
    char *ip = q, *op = e->repl;
    size_t il = 1, ol = sizeof e->repl;
    iconv_t cq = iconv_open(canon, "UTF-8");
    if (cq != (iconv_t)-1) {
        if (iconv(cq, &ip, &il, &op, &ol) != (size_t)-1) e->repl_len = sizeof e->repl - ol;
        iconv_close(cq);
    }
    /* A byte order mark that "utf-16" emits first is part of repl: drop it. */
    if (e->repl_len == 4 && !strcasecmp(canon, "utf-16")) {
        memmove(e->repl, e->repl + 2, 2);
        e->repl_len = 2;
    }
    return e;
}

void sino_encoder_close(sino_encoder *e)
{
    if (!e) return;
    iconv_close(e->cd);
    free(e);
}

uint64_t sino_encoder_unmappable_count(const sino_encoder *e) { return e->bad; }
uint64_t sino_encoder_first_unmappable(const sino_encoder *e) { return e->first_bad; }

int sino_encoder_feed(sino_encoder *e, const void *p, size_t n, sino_buf *out,
                      sino_error *err)
{
    char *ip = (char *)p;
    size_t il = n;
    while (il > 0) {
        if (sino_buf_reserve(out, il * 2 + 64) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        char *op = out->data + out->len;
        size_t ol = out->cap - out->len;
        size_t r = iconv(e->cd, &ip, &il, &op, &ol);
        out->len = (size_t)(op - out->data);
        if (r != (size_t)-1) break;
        if (errno == E2BIG) continue;
        uint64_t at = e->offset + (uint64_t)(ip - (char *)p);
        if (errno == EILSEQ || errno == EINVAL) {
            int32_t cp;
            int len = sino_utf8_decode((const unsigned char *)ip, il, &cp);
            if (e->strict) {
                err->offset = at;
                return sino_fail(err, SINO_ERR_UTF8,
                                 "character U+%04X at byte offset %llu cannot be encoded",
                                 cp < 0 ? 0xFFFDu : (unsigned)cp, (unsigned long long)at);
            }
            if (e->bad++ == 0) e->first_bad = at;
            if (sino_buf_append(out, e->repl, e->repl_len) != SINO_OK)
                return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
            ip += len;
            il -= (size_t)len;
            continue;
        }
        return sino_fail(err, SINO_ERR_IO, "iconv: %s", strerror(errno));
    }
    e->offset += n;
    return SINO_OK;
}
