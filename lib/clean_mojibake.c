/* clean_mojibake.c - repair mojibake: UTF-8 read as GBK, Big5, Latin-1 or
 * cp1252, and GBK decoded one byte off.
 *
 * A run is suspected where rare characters cluster (the character model's
 * "common" set); candidate repairs are made by re-encoding the run and
 * decoding it again, and one is kept only when the character model prefers
 * it by a clear margin. Fine text is never re-encoded: only suspected runs
 * are tried, and the check is cheap for every other line. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sino_clean.h"
#include "clean_int.h"
#include "clean_mojibake_int.h"

#define MAX_RUN 2048         /* characters of a run tried at once */
#define MAX_RIGHT 8          /* fine characters a run may end before its end */
#define MAX_LEFT 8           /* fine characters a run may start before its first rare one */
#define MAX_LEFT_SHIFT 12    /* the same before the end of a run of GBK one byte off */
#define LOST_MARGIN 1.5      /* nats the best completion of a lost byte must win by (else U+FFFD) */
#define BODY_SLACK 3.0       /* nats per character a decoded body may lose before its ends are added */
#define MARGIN 2.0           /* nats per character the repair must win by */

/* GB18030 is a charset of its own here only where it differs from GBK in
 * two bytes: the euro sign (A2E3 there, 80 in CP936); it is tried for runs
 * that have one. */
enum { CS_GBK, CS_BIG5, CS_GB18030, CS_N };
static const char *const cs_names[CS_N] = {"GBK", "BIG5", "GB18030"};
/* The other decoders of each family: the characters they show that the
 * first does not have (CP936's euro sign for byte 80, GB18030's private
 * use characters for the user-defined pairs, HKSCS's additions) are
 * encoded by them. */
#define CS_ALTS 2
static const char *const cs_alt_names[CS_N][CS_ALTS] = {{"CP936", "GB18030"},
                                                        {"CP950", "BIG5-HKSCS"},
                                                        {"GBK", "CP936"}};

struct sino_moji {
    iconv_t to[CS_N];        /* UTF-8 -> charset */
    iconv_t to_alt[CS_N][CS_ALTS];   /* UTF-8 -> the family's other charsets */
    iconv_t from_gbk;        /* GBK -> UTF-8 */
    iconv_t from[CS_N];      /* charset -> UTF-8, for the pair table */
    unsigned char *pairs[CS_N];   /* bit (lead-0x80)*256+trail: a mapped pair */
    uint16_t *gbk;           /* (lead-0x81)*192+(trail-0x40): the BMP character, 0 none */
    unsigned char rcache[0x10000 / 4];   /* BMP: 2 bits a character, 0 unknown, 1 fine, 2 rare */
    int ready;
};

sino_moji *sino_moji_new(void)
{
    sino_moji *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    for (int i = 0; i < CS_N; i++) {
        m->to[i] = m->from[i] = (iconv_t)-1;
        for (int a = 0; a < CS_ALTS; a++) m->to_alt[i][a] = (iconv_t)-1;
    }
    m->from_gbk = (iconv_t)-1;
    return m;
}

void sino_moji_free(sino_moji *m)
{
    if (!m) return;
    for (int i = 0; i < CS_N; i++)
    {
        if (m->to[i] != (iconv_t)-1) iconv_close(m->to[i]);
        for (int a = 0; a < CS_ALTS; a++)
            if (m->to_alt[i][a] != (iconv_t)-1) iconv_close(m->to_alt[i][a]);
    }
    for (int i = 0; i < CS_N; i++) {
        if (m->from[i] != (iconv_t)-1) iconv_close(m->from[i]);
        free(m->pairs[i]);
    }
    if (m->from_gbk != (iconv_t)-1) iconv_close(m->from_gbk);
    free(m->gbk);
    free(m);
}

/* The one place iconv(3) is used: convert in[0..n) with cd (opened on
 * first use) into out (cap bytes), as far as it goes. Returns the output
 * length (-1 when cd cannot be opened); *used is the input converted, n
 * when all of it was (then the conversion is also flushed), else errno
 * says why it stopped. */
static long convert_prefix(iconv_t *cd, const char *to, const char *from, const char *in,
                           size_t n, char *out, size_t cap, size_t *used)
{
    *used = 0;
    if (*cd == (iconv_t)-1) {
        *cd = iconv_open(to, from);
        if (*cd == (iconv_t)-1) return -1;
    }
    iconv(*cd, NULL, NULL, NULL, NULL);
    char *ip = (char *)in, *op = out;
    size_t il = n, ol = cap;
    size_t rc = iconv(*cd, &ip, &il, &op, &ol);
    *used = n - il;
    if (rc != (size_t)-1 && iconv(*cd, NULL, NULL, &op, &ol) == (size_t)-1) *used = 0;
    return (long)(cap - ol);
}

/* Convert all of in[0..n): the output length, or -1 when the input does
 * not convert completely. */
static long moji_iconv(sino_moji *m, iconv_t *cd, const char *to, const char *from,
                       const char *in, size_t n, char *out, size_t cap)
{
    (void)m;
    size_t used;
    long k = convert_prefix(cd, to, from, in, n, out, cap, &used);
    return k >= 0 && used == n ? k : -1;
}

/* Encode UTF-8 in[0..n) in the family of charset cs: with cs itself, or
 * where it lacks a character, that character with the first other charset
 * of the family that has it as one or two bytes. -1 when one has none. */
static long encode_family(sino_moji *m, int cs, const char *in, size_t n, char *out, size_t cap)
{
    long k = moji_iconv(m, &m->to[cs], cs_names[cs], "UTF-8", in, n, out, cap);
    if (k >= 0) return k;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int len = sino_utf8_decode_fast((const unsigned char *)in + i, n - i, &cp);
        long got = moji_iconv(m, &m->to[cs], cs_names[cs], "UTF-8", in + i, (size_t)len, out + o, cap - o);
        for (int a = 0; got < 0 && a < CS_ALTS; a++) {
            got = moji_iconv(m, &m->to_alt[cs][a], cs_alt_names[cs][a], "UTF-8", in + i, (size_t)len,
                             out + o, cap - o);
            if (got > 2) got = -1;
        }
        if (got < 0) return -1;
        o += (size_t)got;
        i += (size_t)len;
    }
    return (long)o;
}

#define ROW 192                  /* the trail bytes 0x40..0xFF of a lead byte */
#define ROW_MULTI 0xFFFFFFFFu    /* a pair that converts to more than one character */

/* What the pair (lead, trail) of charset `from` converts to: its code
 * point, ROW_MULTI, or 0 when it is not a character. */
static uint32_t pair_cp(iconv_t *cd, const char *from, unsigned lead, unsigned trail)
{
    char in[2] = {(char)lead, (char)trail}, out[16];
    long k = moji_iconv(NULL, cd, "UTF-8", from, in, 2, out, sizeof out);
    if (k <= 0) return 0;
    int32_t cp;
    if (sino_utf8_decode((const unsigned char *)out, (size_t)k, &cp) != (int)k || cp <= 0)
        return ROW_MULTI;
    return (uint32_t)cp;
}

/* pair_cp() of the pairs (lead, 0x40..0xFF), in one conversion per run of
 * pairs that are characters (a conversion stops at the first that is not,
 * which is then skipped): the tables below need all 24,000 pairs of a
 * charset, and a conversion per pair costs more than the rest of a run. */
static void decode_row(iconv_t *cd, const char *from, unsigned lead, uint32_t cps[ROW])
{
    char in[2 * ROW], out[8 * ROW];
    for (size_t t = 0; t < ROW; t++) {
        in[2 * t] = (char)lead;
        in[2 * t + 1] = (char)(0x40 + t);
        cps[t] = 0;
    }
    for (size_t p = 0; p < ROW;) {
        size_t used;
        long k = convert_prefix(cd, "UTF-8", from, in + 2 * p, 2 * (ROW - p), out, sizeof out, &used);
        if (k < 0) return;
        int stopped_bad = used < 2 * (ROW - p) && errno == EILSEQ;
        /* one character a pair; anything else: the row pair by pair */
        size_t pairs = used / 2, q = p, o = 0;
        while (q < p + pairs && o < (size_t)k) {
            int32_t cp;
            o += (size_t)sino_utf8_decode((const unsigned char *)out + o, (size_t)k - o, &cp);
            cps[q++] = cp > 0 ? (uint32_t)cp : ROW_MULTI;
        }
        if (used % 2 || q != p + pairs || o != (size_t)k) {
            for (size_t t = 0; t < ROW; t++) cps[t] = pair_cp(cd, from, lead, 0x40 + (unsigned)t);
            return;
        }
        p += pairs;
        if (p < ROW && !stopped_bad) cps[p] = pair_cp(cd, from, lead, 0x40 + (unsigned)p);
        p++;   /* past the pair that stopped the conversion */
    }
}

/* cp1252 bytes 0x80..0x9F */
static const uint16_t cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
    0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D,
    0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static int latin_byte(uint32_t cp)
{
    if (cp >= 0x80 && cp <= 0xFF) return (int)cp;
    if (cp < 0x152 || cp > 0x2122) return -1;
    for (int i = 0; i < 32; i++)
        if (cp1252[i] && cp1252[i] == cp) return 0x80 + i;
    return -1;
}

/* Is (lead, trail) a mapped double-byte character of charset cs? The table
 * is made on first use (only lines with suspected mojibake need it); 1 when
 * it cannot be made (no constraint). */
static int pair_ok(sino_moji *m, int cs, unsigned lead, unsigned trail)
{
    if (lead < 0x80 || lead > 0xFF || trail > 0xFF) return 0;
    if (!m->pairs[cs]) {
        unsigned char *t = calloc(128 * 256 / 8, 1);
        if (!t) return 1;
        for (unsigned l = 0x81; l <= 0xFE; l++) {
            uint32_t cps[ROW];
            decode_row(&m->from[cs], cs_names[cs], l, cps);
            for (unsigned r = 0x40; r <= 0xFE; r++) {
                if (!cps[r - 0x40]) continue;
                unsigned bit = (l - 0x80) * 256 + r;
                t[bit >> 3] |= (unsigned char)(1u << (bit & 7));
            }
        }
        m->pairs[cs] = t;
    }
    unsigned bit = (lead - 0x80) * 256 + trail;
    return (m->pairs[cs][bit >> 3] >> (bit & 7)) & 1;
}

typedef struct { uint32_t cp; size_t off, len; } chr;

static int rare(const sino_charlm *lm, uint32_t cp);
/* noise: a rare character or a replacement character */
static int suspicious(const sino_charlm *lm, uint32_t cp)
{
    return cp == 0xFFFD || rare(lm, cp);
}

static int rare(const sino_charlm *lm, uint32_t cp)
{
    return cp >= 0x80 && !sino_charlm_common(lm, cp) && latin_byte(cp) < 0;
}

/* Whether the GBK form of cp is a UTF-8 lead byte of a three-byte
 * character and a continuation byte (E3..E9 or EF, then 80..BF): the first
 * character of every pair of Chinese characters or full-width marks in
 * UTF-8 read as GBK (锛 from "，", 鐨 from "的", 鍛 from "命"). Such a
 * character that is also uncommon in text is evidence of mojibake. */
#define U8LEAD_MAX_COUNT 20000
static int u8lead(sino_moji *m, const sino_charlm *lm, uint32_t cp)
{
    if (cp < 0x3000) return 0;
    unsigned char u8[4], g[8];
    int k = sino_utf8_encode(cp, u8);
    long n = moji_iconv(m, &m->to[CS_GBK], cs_names[CS_GBK], "UTF-8", (const char *)u8,
                        (size_t)k, (char *)g, sizeof g);
    if (n != 2 || !((g[0] >= 0xE3 && g[0] <= 0xE9) || g[0] == 0xEF) || g[1] < 0x80 || g[1] > 0xBF)
        return 0;
    return sino_charlm_count(lm, cp) < U8LEAD_MAX_COUNT;
}

/* 0 fine, 1 a UTF-8-lead-like character (u8lead), 2 suspicious;
 * remembered per BMP character in m (one model per m): the quick scan of
 * every line then looks each character up once per run */
static int level_slow(sino_moji *m, const sino_charlm *lm, uint32_t cp)
{
    if (cp >= 0x10000) return suspicious(lm, cp) ? 2 : 0;
    unsigned sh = (cp & 3) * 2;
    int r = suspicious(lm, cp) ? 2 : u8lead(m, lm, cp) ? 1 : 0;
    m->rcache[cp >> 2] |= (unsigned char)((unsigned)(r + 1) << sh);
    return r;
}

static inline int level(sino_moji *m, const sino_charlm *lm, uint32_t cp)
{
    if (cp < 0x80) return 0;
    if (cp < 0x10000) {
        unsigned v = (m->rcache[cp >> 2] >> ((cp & 3) * 2)) & 3;
        if (v) return (int)v - 1;
    }
    return level_slow(m, lm, cp);
}

/* ASCII that ends a run of GBK decoded one byte off when it stands between
 * Chinese characters (a trail byte 0x40..0x7E read alone): marks that
 * Chinese text has there only by mistake */
static int odd_trail(uint32_t cp)
{
    return cp == '@' || cp == '\\' || cp == '^' || cp == '_' || cp == '`' || cp == '|' ||
           cp == '~' || cp == '[' || cp == ']' || cp == '{' || cp == '}';
}

static double cost_with(const sino_charlm *lm, uint32_t prev, const char *s,
                        size_t n, uint32_t next, size_t *chars)
{
    double c = sino_charlm_cost(lm, prev, s, n, chars);
    if (next) {
        unsigned char b[4];
        int k = sino_utf8_encode(next, b);
        uint32_t last = prev;
        /* cost of next after the last character of s */
        size_t i = n;
        if (n) {
            i = sino_utf8_char_start((const unsigned char *)s, n - 1);
            int32_t cp;
            sino_utf8_decode_fast((const unsigned char *)s + i, n - i, &cp);
            last = cp < 0 ? 0xFFFD : (uint32_t)cp;
        }
        c += sino_charlm_cost(lm, last, (const char *)b, (size_t)k, NULL);
        (*chars)++;
    }
    return c;
}

static int count_rare(const sino_charlm *lm, const char *s, size_t n)
{
    int r = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = sino_utf8_decode_fast((const unsigned char *)s + i, n - i, &cp);
        if (cp >= 0 && cp != 0xFFFD && rare(lm, (uint32_t)cp)) r++;
        if (cp < 0 || (cp < 0x20 && cp != '\t')) r += 4;
        i += (size_t)k;
    }
    return r;
}

/* Encode chars c[s..e) in charset cs; ASCII punctuation at the start may be
 * the half-width form of a full-width mark (set fw). */
static long encode_run(sino_moji *m, int cs, const char *line, const chr *c,
                       size_t s, size_t e, int fw, char *out, size_t cap)
{
    char tmp[MAX_RUN * 4 + 8];
    size_t tl = 0;
    for (size_t i = s; i < e; i++) {
        if (fw && i == s && c[i].cp < 0x80) {
            unsigned char b[4];
            int k = sino_utf8_encode(c[i].cp - 0x21 + 0xFF01, b);
            memcpy(tmp + tl, b, (size_t)k);
            tl += (size_t)k;
        } else {
            memcpy(tmp + tl, line + c[i].off, c[i].len);
            tl += c[i].len;
        }
    }
    return encode_family(m, cs, tmp, tl, out, cap);
}

/* A U+FFFD of WIDTH_EITHER stands for one lost byte or two, each on its
 * own: a decoder that marks an invalid pair with one U+FFFD and a byte
 * that starts no pair with another (Python's "replace" is one per byte).
 * The second byte is then a wildcard the parse may leave out. */
#define WIDTH_EITHER 3
#define MASK_OPTIONAL 2

/* Encode c[s..e) in charset cs where each U+FFFD stands for `width` lost
 * bytes (wildcards, marked in mask). Returns the byte count or -1. */
static long encode_wild(sino_moji *m, int cs, const char *line, const chr *c,
                        size_t s, size_t e, int width, unsigned char *out,
                        unsigned char *mask, size_t cap)
{
    size_t n = 0, i = s;
    while (i < e) {
        if (c[i].cp == 0xFFFD) {
            /* width WIDTH_EITHER: one byte, and a second one that may be */
            int bytes = width == WIDTH_EITHER ? 2 : width;
            for (int w = 0; w < bytes; w++) {
                if (n >= cap) return -1;
                out[n] = 0, mask[n] = width == WIDTH_EITHER && w == 1 ? MASK_OPTIONAL : 1, n++;
            }
            i++;
            continue;
        }
        size_t j = i;
        while (j < e && c[j].cp != 0xFFFD) j++;
        long k = encode_family(m, cs, line + c[i].off, c[j - 1].off + c[j - 1].len - c[i].off,
                               (char *)out + n, cap - n);
        if (k < 0) return -1;
        memset(mask + n, 0, (size_t)k);
        n += (size_t)k;
        i = j;
    }
    return (long)n;
}

#define MAX_HOLES 64
#define LONE_LOST_COST 5     /* parse penalty of a lost byte read as no character */
#define LONE_STEP 0x40       /* step[]: a lost byte alone */
#define STEP_LEN 0x3F        /* step[]: the length */
#ifndef HOLE_POSTERIOR
#define HOLE_POSTERIOR 0.995 /* share of the probability the completion of lost bytes must have */
#define HOLE_POSTERIOR2 0.999 /* the same for two lost bytes of one character */
#endif

typedef struct {
    size_t at;               /* offset of the U+FFFD placeholder in out */
    unsigned char ch[4];     /* the character's bytes, one or two unknown */
    unsigned char len, nu;   /* length, count of unknown bytes */
    unsigned char upos[2];   /* indexes of the unknown bytes */
    int after;               /* the known byte after the character, or -1 */
} hole;

/* The completion of a hole the model prefers by a margin, or U+FFFD. */
static uint32_t fill_hole_as(sino_moji *m, int cs, const sino_charlm *lm, const hole *h,
                             uint32_t prev, uint32_t next, int use_fits, int *sure);

/* The completion of a hole the model prefers by a margin, or U+FFFD. The
 * pairs the decoder could have made (fits) narrow the choice, but only
 * under one model of the decoder (how many bytes a mark stands for); the
 * completion must also be the model's favourite without them, so that a
 * wrong decoder model gives U+FFFD rather than a wrong character. */
static uint32_t fill_hole(sino_moji *m, int cs, const sino_charlm *lm, const hole *h,
                          uint32_t prev, uint32_t next)
{
    int sure, sure_any;
    uint32_t a = fill_hole_as(m, cs, lm, h, prev, next, 1, &sure);
    if (!sure) return 0xFFFD;
    uint32_t b = fill_hole_as(m, cs, lm, h, prev, next, 0, &sure_any);
    return a == b ? a : 0xFFFD;
}

static uint32_t fill_hole_as(sino_moji *m, int cs, const sino_charlm *lm, const hole *h,
                             uint32_t prev, uint32_t next, int use_fits, int *sure)
{
    unsigned char ch[4];
    memcpy(ch, h->ch, 4);
    int lo[2], hi[2];
    for (int k = 0; k < 2; k++) {
        lo[k] = 0x80, hi[k] = 0xBF;
        if (k < h->nu && h->upos[k] == 0) {
            lo[k] = h->len == 2 ? 0xC2 : h->len == 3 ? 0xE0 : 0xF0;
            hi[k] = h->len == 2 ? 0xDF : h->len == 3 ? 0xEF : 0xF4;
        }
    }
    if (h->nu < 2) lo[1] = hi[1] = 0;
    double best = 1e9, z = 0;   /* z: sum of exp(best - cost) */
    uint32_t bcp = 0xFFFD;
    for (int v = lo[0]; v <= hi[0]; v++) {
        for (int w = lo[1]; w <= hi[1]; w++) {
            int32_t cp;
            ch[h->upos[0]] = (unsigned char)v;
            if (h->nu == 2) ch[h->upos[1]] = (unsigned char)w;
            if (sino_utf8_decode_fast(ch, h->len, &cp) != (int)h->len || cp < 0) continue;
            /* a lost byte is one the decoder could not pair with the byte
             * after it */
            int fits = 1;
            for (int k = 0; k < h->nu && fits; k++) {
                unsigned q = h->upos[k];
                int nb = q + 1 < h->len ? ch[q + 1] : h->after;
                if (nb >= 0 && pair_ok(m, cs, ch[q], (unsigned)nb)) fits = 0;
            }
            if (!fits && use_fits) continue;
            if (cp < 0x80 || !sino_charlm_common(lm, (uint32_t)cp) || cp == 0xFFFD) continue;
            unsigned char u8[8];
            int ul = sino_utf8_encode((uint32_t)cp, u8);
            if (next && next != 0xFFFD) ul += sino_utf8_encode(next, u8 + ul);
            double cost = sino_charlm_cost(lm, prev, (const char *)u8, (size_t)ul, NULL);
            if (!next && (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F)) cost -= 1.5;
            if (cost < best) {
                z = z * exp(cost - best) + 1.0;
                best = cost, bcp = (uint32_t)cp;
            } else {
                z += exp(best - cost);
            }
        }
    }
    /* keep a completion only when the model is sure of it: its share of
     * the probability of all completions that fit */
    *sure = z > 0 && 1.0 / z >= (h->nu > 1 ? HOLE_POSTERIOR2 : HOLE_POSTERIOR);
    return bcp;
}

/* Lost bytes that were no part of a character are one U+FFFD, or none
 * right after a lost character (one gap: how many characters it held is
 * not known). LONE_MARK held their place until the holes were filled. */
#define LONE_MARK 0x10FFFF
static void place_lone(sino_buf *b)
{
    static const char mark[4] = {(char)0xF4, (char)0x8F, (char)0xBF, (char)0xBF};
    static const char fffd[3] = {(char)0xEF, (char)0xBF, (char)0xBD};
    size_t o = 0;
    for (size_t i = 0; i < b->len;) {
        if (i + 4 <= b->len && memcmp(b->data + i, mark, 4) == 0) {
            i += 4;
            if (o >= 3 && memcmp(b->data + o - 3, fffd, 3) == 0) continue;
            memcpy(b->data + o, fffd, 3);
            o += 3;
            continue;
        }
        b->data[o++] = b->data[i++];
    }
    b->len = o;
}

/* The bytes of the character at positions [from, to) of b, those in gaps
 * (bit k: position from + k was left out) skipped, into ch (at most 4);
 * returns how many. */
static size_t char_bytes(const unsigned char *b, size_t from, size_t to, unsigned gaps,
                         unsigned char *ch)
{
    size_t k = 0;
    for (size_t q = from; q < to && k < 4; q++)
        if (!(gaps >> (q - from) & 1)) ch[k++] = b[q];
    return k;
}

/* Decode UTF-8 bytes with wildcards: a character with one unknown byte is
 * completed with the candidate the model prefers (given its neighbours) by
 * a margin, else U+FFFD; an incomplete tail becomes U+FFFD. Returns 0, or
 * -1 if the bytes cannot be UTF-8. */
static int utf8_wild(sino_moji *m, int cs, const sino_charlm *lm, uint32_t prev, const unsigned char *b,
                     const unsigned char *mask, size_t n, sino_buf *tmp, sino_buf *out)
{
    hole holes[MAX_HOLES];
    size_t nh = 0;
    sino_buf_clear(tmp);
    /* Segment the bytes into UTF-8 characters: a shortest-penalty parse in
     * which three-byte characters (Chinese) are free, other lengths cost
     * more, and an incomplete character may end the run. Wildcards fit
     * any position their byte could hold. */
    if (n > MAX_RUN * 4 + 16) return -1;
    unsigned short cost[MAX_RUN * 4 + 17];
    unsigned char step[MAX_RUN * 4 + 17];
    const unsigned short INF = 0xFFFF;
    unsigned char skip[MAX_RUN * 4 + 17];   /* reached by leaving out an optional wildcard */
    unsigned char gap[MAX_RUN * 4 + 17];    /* the character ending here: positions left out */
    cost[0] = 0, skip[0] = 0, gap[0] = 0;
    for (size_t q = 1; q <= n; q++) cost[q] = INF, skip[q] = 0, gap[q] = 0;
    for (size_t q = 0; q < n; q++) {
        if (cost[q] == INF) continue;
        if (mask[q] == MASK_OPTIONAL && cost[q] < cost[q + 1])
            cost[q + 1] = cost[q], step[q + 1] = 0, skip[q + 1] = 1;
        if (!mask[q] && b[q] < 0x80) {
            if (b[q] < 0x20) return -1;
            if (cost[q] < cost[q + 1]) cost[q + 1] = cost[q], step[q + 1] = 1, skip[q + 1] = 0, gap[q + 1] = 0;
            continue;
        }
        /* a lost byte that was no part of a character: the ASCII byte a
         * decoder swallowed with an invalid lead, or a stray byte */
        if (mask[q] && cost[q] + LONE_LOST_COST < cost[q + 1])
            cost[q + 1] = (unsigned short)(cost[q] + LONE_LOST_COST), step[q + 1] = LONE_STEP | 1, skip[q + 1] = 0, gap[q + 1] = 0;
        for (size_t len = 2; len <= 4; len++) {
            unsigned lo = len == 2 ? 0xC2 : len == 3 ? 0xE0 : 0xF0;
            unsigned hi = len == 2 ? 0xDF : len == 3 ? 0xEF : 0xF4;
            if (!mask[q] && (b[q] < lo || b[q] > hi)) continue;
            unsigned short pen = len == 3 ? 0 : len == 2 ? 3 : 6;
            /* the ways the character's other bytes may follow: an optional
             * wildcard among them taken or left out (a gap) */
            struct { size_t r; unsigned got, gaps; } st[16];
            int ns = 0;
            st[ns].r = q + 1, st[ns].got = 1, st[ns].gaps = 0, ns++;
            while (ns > 0) {
                ns--;
                size_t r = st[ns].r;
                unsigned got = st[ns].got, gaps = st[ns].gaps;
                if (got == len) {
                    unsigned char ch[4];
                    int known = char_bytes(b, q, r, gaps, ch) == len;
                    for (size_t u = q; u < r && known; u++) known = !(mask[u] && !(gaps >> (u - q) & 1));
                    int32_t cp;
                    if (known && (sino_utf8_decode_fast(ch, len, &cp) != (int)len || cp < 0)) continue;
                    if (cost[q] + pen < cost[r])
                        cost[r] = (unsigned short)(cost[q] + pen), step[r] = (unsigned char)(r - q),
                        gap[r] = (unsigned char)gaps, skip[r] = 0;
                    continue;
                }
                if (r == n) {
                    if (cost[q] + pen + 4 < cost[n]) {   /* incomplete tail */
                        cost[n] = (unsigned short)(cost[q] + pen + 4);
                        step[n] = (unsigned char)(0x80 | (n - q));
                        gap[n] = 0, skip[n] = 0;
                    }
                    continue;
                }
                if (r - q >= 7 || ns + 2 > 16) continue;
                if (mask[r] == MASK_OPTIONAL)
                    st[ns].r = r + 1, st[ns].got = got, st[ns].gaps = gaps | 1u << (r - q), ns++;
                if (mask[r] || (b[r] & 0xC0) == 0x80)
                    st[ns].r = r + 1, st[ns].got = got + 1, st[ns].gaps = gaps, ns++;
            }
        }
    }
    if (cost[n] == INF) return -1;
    /* the characters, from the end back */
    size_t bounds[MAX_RUN * 4 + 17];
    size_t nb = 0;
    for (size_t q = n; q > 0;) {
        if (skip[q]) {   /* an optional wildcard left out: no character */
            q--;
            continue;
        }
        bounds[nb++] = q;
        q -= step[q] & STEP_LEN;
    }
    int nonascii = 0, lone_before = 0;
    for (size_t t = nb; t-- > 0;) {
        size_t end = bounds[t], len = step[end] & STEP_LEN, i = end - len;
        if (step[end] & LONE_STEP) {
            /* lost bytes in a row are one U+FFFD */
            if (!lone_before) sino_buf_put_cp(tmp, LONE_MARK);
            lone_before = nonascii = 1;
            continue;
        }
        lone_before = 0;
        if (step[end] & 0x80) {
            nonascii = 1;
            sino_buf_put_cp(tmp, 0xFFFD);
            continue;
        }
        if (len == 1) {
            sino_buf_putc(tmp, (char)b[i]);
            continue;
        }
        nonascii = 1;
        /* the character's bytes, the positions left out skipped */
        unsigned char chb[4];
        unsigned gaps = gap[end];
        size_t nbytes = char_bytes(b, i, end, gaps, chb);
        size_t unknown = 0;
        for (size_t q = i; q < end; q++) unknown += mask[q] && !(gaps >> (q - i) & 1);
        if (unknown == 0) {
            int32_t cp;
            sino_utf8_decode_fast(chb, nbytes, &cp);
            if (cp == LONE_MARK) return -1;   /* the placeholder itself: no repair */
            sino_buf_append(tmp, chb, nbytes);
        } else {
            if (unknown <= 2 && nh < MAX_HOLES) {
                hole *h = &holes[nh++];
                h->at = tmp->len;
                memset(h->ch, 0, 4);
                memcpy(h->ch, chb, nbytes);
                h->len = (unsigned char)nbytes;
                h->nu = 0;
                for (size_t q = i, k = 0; q < end; q++) {
                    if (gaps >> (q - i) & 1) continue;
                    if (mask[q]) h->upos[h->nu++] = (unsigned char)k;
                    k++;
                }
                h->after = end < n && !mask[end] ? b[end] : -1;
            }
            sino_buf_put_cp(tmp, 0xFFFD);
        }
    }
    if (!nonascii) return -1;
    /* fill the holes, left to right, with both neighbours as context */
    sino_buf_clear(out);
    size_t pos = 0;
    for (size_t h = 0; h < nh; h++) {
        sino_buf_append(out, tmp->data + pos, holes[h].at - pos);
        uint32_t p = prev;
        if (out->len) {
            size_t st = sino_utf8_char_start((const unsigned char *)out->data, out->len - 1);
            int32_t cp;
            sino_utf8_decode_fast((const unsigned char *)out->data + st, out->len - st, &cp);
            p = cp < 0 ? 0 : (uint32_t)cp;
        }
        uint32_t nx = 0;
        size_t after = holes[h].at + 3;
        if (after < tmp->len) {
            int32_t cp;
            sino_utf8_decode_fast((const unsigned char *)tmp->data + after, tmp->len - after, &cp);
            nx = cp < 0 ? 0 : (uint32_t)cp;
        }
        sino_buf_put_cp(out, fill_hole(m, cs, lm, &holes[h], p, nx));
        pos = after;
    }
    sino_buf_append(out, tmp->data + pos, tmp->len - pos);
    place_lone(out);
    return 0;
}

/* The GBK character (lead, trail) as UTF-8 in out; 0 if none. */
static int gbk_char(sino_moji *m, int lead, int trail, char *out)
{
    if (lead < 0x81 || lead > 0xFE || trail < 0x40 || trail > 0xFF) return 0;
    if (!m->gbk) {
        /* the table of all pairs, made once (the repairs look up every
         * lead for a trail byte) */
        uint16_t *t = calloc(126 * 192, sizeof *t);
        if (!t) {
            char in[2] = {(char)lead, (char)trail};
            long k = moji_iconv(m, &m->from_gbk, "UTF-8", "GBK", in, 2, out, 8);
            return k > 0 ? (int)k : 0;
        }
        for (unsigned l = 0x81; l <= 0xFE; l++) {
            uint32_t cps[ROW];
            decode_row(&m->from_gbk, "GBK", l, cps);
            for (unsigned r = 0; r < ROW; r++)
                if (cps[r] < 0x10000) t[(l - 0x81) * ROW + r] = (uint16_t)cps[r];
        }
        m->gbk = t;
    }
    uint16_t cp = m->gbk[(lead - 0x81) * 192 + (trail - 0x40)];
    return cp ? sino_utf8_encode(cp, (unsigned char *)out) : 0;
}

typedef struct {
    double best;             /* cost per character of the best candidate */
    size_t s, e;             /* chars replaced */
    sino_buf text;
    /* the model's costs of the original characters of the run, summed:
     * cum[q - cum_from] is the cost of c[cum_from..q) (each after the one
     * before it), so that every candidate compares without rescoring */
    size_t cum_from, cum_to;
    double cum[MAX_RUN + 4];
} best_t;

static void orig_costs(const sino_charlm *lm, const char *line, const chr *c, size_t from,
                       size_t to, best_t *b)
{
    b->cum_from = from, b->cum_to = to;
    b->cum[0] = 0;
    for (size_t q = from; q < to; q++)
        b->cum[q - from + 1] = b->cum[q - from] +
                               sino_charlm_cost(lm, q > 0 ? c[q - 1].cp : 0, line + c[q].off, c[q].len, NULL);
}

/* Cost of the original c[s..e), and of c[e] after it when e < nc (as
 * cost_with() scores it); *chars gets the count. */
static double orig_cost(const best_t *b, size_t nc, size_t s, size_t e, size_t *chars)
{
    size_t t = e < nc ? e + 1 : e;
    *chars = t - s;
    return b->cum[t - b->cum_from] - b->cum[s - b->cum_from];
}

/* Whether cand has a letter of another alphabet (Greek, Cyrillic and the
 * other two-byte UTF-8 scripts, U+0370..U+1FFF) that the run c[s..e) did
 * not have: lost bytes completed as a two-byte character, not Chinese. */
static int foreign_letters(const char *line, const chr *c, size_t s, size_t e, const sino_buf *cand)
{
    (void)line;
    for (size_t i = 0; i < cand->len;) {
        int32_t cp;
        int k = sino_utf8_decode_fast((const unsigned char *)cand->data + i, cand->len - i, &cp);
        i += (size_t)k;
        if (cp < 0x370 || cp >= 0x2000) continue;
        size_t q = s;
        while (q < e && c[q].cp != (uint32_t)cp) q++;
        if (q == e) return 1;
    }
    return 0;
}

static void consider(sino_moji *m, const sino_charlm *lm, best_t *b, const char *line,
                     const chr *c, size_t nc, size_t s, size_t e, const sino_buf *cand)
{
    uint32_t prev = s > 0 ? c[s - 1].cp : 0;
    uint32_t next = e < nc ? c[e].cp : 0;
    /* a run that ends in fine text must not end in a lost character: that
     * is good text re-encoded with the mojibake before it, and lost */
    if (cand->len >= 3 && e > s && c[e - 1].cp != 0xFFFD && level(m, lm, c[e - 1].cp) == 0 &&
        memcmp(cand->data + cand->len - 3, "\xEF\xBF\xBD", 3) == 0)
        return;
    if (foreign_letters(line, c, s, e, cand)) return;
    size_t ch, och;
    double cost = cost_with(lm, prev, cand->data, cand->len, next, &ch);
    int r = count_rare(lm, cand->data, cand->len);
    if ((size_t)r * 4 > ch + 2) return;
    size_t lost = 0;
    for (size_t q = 0; q + 2 < cand->len; q++)
        lost += (unsigned char)cand->data[q] == 0xEF && (unsigned char)cand->data[q + 1] == 0xBF &&
                (unsigned char)cand->data[q + 2] == 0xBD;
    size_t cand_chars = 0;
    for (size_t q = 0; q < cand->len; q++)
        cand_chars += (((unsigned char)cand->data[q]) & 0xC0) != 0x80;
    size_t olost = 0, orare = 0;
    for (size_t q = s; q < e; q++) {
        olost += c[q].cp == 0xFFFD;
        orare += c[q].cp != 0xFFFD && level(m, lm, c[q].cp) > 0;
    }
    /* nothing recovered but the places of lost characters: only where the
     * run lost bytes itself and holds rare characters, and so shrinks */
    if (lost == cand_chars && (olost < 1 || (!orare && olost < 3) || olost < cand_chars || cand_chars >= e - s))
        return;
    (void)line;
    double orig = orig_cost(b, nc, s, e, &och);
    /* lost characters cost the same everywhere: compare the rest */
    double per = (cost - 10.0 * (double)lost) / (double)(ch > lost ? ch - lost : 1);
    double oper = (orig - 10.0 * (double)olost) / (double)(och > olost ? och - olost : 1);
    double gain = orig - cost;
    if (lost < cand_chars && per + MARGIN > oper) return;
    if (gain > b->best) {
        b->best = gain;
        b->s = s, b->e = e;
        sino_buf_clear(&b->text);
        sino_buf_append(&b->text, cand->data, cand->len);
    }
}

/* Whether s[0..n) has an ASCII byte. Read one byte off, the characters of
 * a run are all two-byte pairs again: an ASCII byte inside means a trail
 * byte was read as a lead, so the shift is wrong. */
static int has_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x80) return 1;
    return 0;
}

/* The cost of the character cp after prev (0: none, and U+FFFD is none). */
static double char_cost(const sino_charlm *lm, uint32_t prev, uint32_t cp)
{
    unsigned char u8[4];
    int k = sino_utf8_encode(cp, u8);
    return sino_charlm_cost(lm, prev == 0xFFFD ? 0 : prev, (const char *)u8, (size_t)k, NULL);
}

/* The lost lead of the GBK character whose trail byte is `trail`: the
 * common character the model prefers by LOST_MARGIN between prev and next,
 * as UTF-8 in out; 0 when it is not that sure. */
static int best_lead(sino_moji *m, const sino_charlm *lm, uint32_t prev, int trail,
                     uint32_t next, char *out)
{
    if (trail < 0x40 || trail == 0x7F || trail == 0xFF) return 0;
    double c1 = 1e9, c2 = 1e9;
    int len = 0;
    for (int lead = 0x81; lead <= 0xFE; lead++) {
        char u8[8];
        int ul = gbk_char(m, lead, trail, u8);
        if (!ul) continue;
        int32_t cp;
        sino_utf8_decode_fast((const unsigned char *)u8, (size_t)ul, &cp);
        if (cp < 0 || rare(lm, (uint32_t)cp)) continue;
        size_t ch;
        double cc = cost_with(lm, prev, u8, (size_t)ul, next, &ch);
        if (cc < c1) {
            c2 = c1, c1 = cc;
            memcpy(out, u8, (size_t)ul);
            len = ul;
        } else if (cc < c2) {
            c2 = cc;
        }
    }
    return len && c2 - c1 > LOST_MARGIN ? len : 0;
}

/* One side of a mark: the characters a realigned GBK character can be when
 * one of its bytes is unknown (the other, `known`, is its lead when
 * known_is_lead): the unknown byte 0x81..0xFE (it made or ended an invalid
 * pair) and a common character. */
#define SIDE_MAX 126
#ifndef PAIR_POSTERIOR
#define PAIR_POSTERIOR 0.995 /* share a character around a mark must have */
#endif
typedef struct { int n; unsigned char byte[SIDE_MAX]; uint32_t cp[SIDE_MAX]; } side_t;

static void side_options(sino_moji *m, const sino_charlm *lm, int known, int known_is_lead,
                         side_t *sd)
{
    sd->n = 0;
    if (known < 0) return;
    for (int v = 0x81; v <= 0xFE; v++) {
        char u8[8];
        int ul = known_is_lead ? gbk_char(m, known, v, u8) : gbk_char(m, v, known, u8);
        if (!ul) continue;
        int32_t cp;
        sino_utf8_decode_fast((const unsigned char *)u8, (size_t)ul, &cp);
        if (cp < 0x80 || !sino_charlm_common(lm, (uint32_t)cp)) continue;
        sd->byte[sd->n] = (unsigned char)v;
        sd->cp[sd->n++] = (uint32_t)cp;
    }
}

/* The most probable of the options of a side under the marginal weights
 * w, when it has at least share HOLE_POSTERIOR of them; else U+FFFD. */
static uint32_t side_pick(const side_t *sd, const double *w)
{
    double z = 0, best = -1;
    uint32_t cp = 0xFFFD;
    for (int i = 0; i < sd->n; i++) {
        z += w[i];
        if (w[i] > best) best = w[i], cp = sd->cp[i];
    }
    return z > 0 && best / z >= PAIR_POSTERIOR ? cp : 0xFFFD;
}

/* The two characters around a mark of a pair decoder one byte off: the
 * first has lead `lead` and lost its trail, the second lost its lead and
 * has trail `trail` (-1: unknown too, the character is lost). The pair
 * (lost trail, lost lead) is one the decoder could not decode; each
 * character is kept only where the model is sure of it with that
 * constraint and without it (a wrong model of the decoder then gives
 * U+FFFD, not a wrong character). */
static void fill_mark(sino_moji *m, const sino_charlm *lm, uint32_t prev, int lead,
                      int trail, uint32_t next, uint32_t out[2])
{
    side_t a, b;
    side_options(m, lm, lead, 1, &a);
    side_options(m, lm, trail, 0, &b);
    out[0] = out[1] = 0xFFFD;
    if (!a.n && !b.n) return;
    /* a side without options is lost: one placeholder option for it */
    int na = a.n ? a.n : 1, nb = b.n ? b.n : 1;
    double ca[SIDE_MAX], cb[SIDE_MAX];
    for (int i = 0; i < na; i++) ca[i] = a.n ? char_cost(lm, prev, a.cp[i]) : 0;
    for (int j = 0; j < nb; j++) cb[j] = b.n && next ? char_cost(lm, b.cp[j], next) : 0;
    /* the costs of each combination: the bigram between the two, once */
    double *cost = malloc(sizeof *cost * (size_t)na * (size_t)nb);
    if (!cost) return;
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            cost[i * nb + j] = ca[i] + cb[j] + (b.n ? char_cost(lm, a.n ? a.cp[i] : 0, b.cp[j]) : 0);
    uint32_t pick[2][2];
    for (int constrained = 0; constrained < 2; constrained++) {
        double wa[SIDE_MAX] = {0}, wb[SIDE_MAX] = {0}, best = 1e300;
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < na; i++)
                for (int j = 0; j < nb; j++) {
                    /* a pair the decoder could decode is no mark */
                    if (constrained && a.n && b.n && pair_ok(m, CS_GBK, a.byte[i], b.byte[j])) continue;
                    double k = cost[i * nb + j];
                    if (!pass) {
                        if (k < best) best = k;
                    } else {
                        double w = exp(best - k);
                        wa[i] += w, wb[j] += w;
                    }
                }
        pick[constrained][0] = a.n ? side_pick(&a, wa) : 0xFFFD;
        pick[constrained][1] = b.n ? side_pick(&b, wb) : 0xFFFD;
    }
    free(cost);
    for (int k = 0; k < 2; k++)
        if (pick[0][k] == pick[1][k]) out[k] = pick[1][k];
}

/* The character whose lead byte was lost at the start of a run one byte
 * off, from its trail byte and the characters around it: kept only at
 * PAIR_POSTERIOR of the probability, else U+FFFD. */
static uint32_t fill_orphan(sino_moji *m, const sino_charlm *lm, uint32_t prev, int trail,
                            uint32_t next)
{
    side_t sd;
    side_options(m, lm, trail, 0, &sd);
    double cost[SIDE_MAX], w[SIDE_MAX], best = 1e300;
    for (int i = 0; i < sd.n; i++) {
        cost[i] = char_cost(lm, prev, sd.cp[i]) + (next ? char_cost(lm, sd.cp[i], next) : 0);
        if (cost[i] < best) best = cost[i];
    }
    for (int i = 0; i < sd.n; i++) w[i] = exp(best - cost[i]);
    return side_pick(&sd, w);
}

/* GBK decoded one byte off by a pair decoder: one that reads every lead
 * byte with the byte after it, and shows an invalid pair as one mark
 * (U+FFFD or '?') for both bytes, even when the second is ASCII. Such a
 * decoder stays one byte off until a trail byte 0x40..0x7E shows as ASCII
 * (c[e], the trail of the last character) or a mark swallows the ASCII
 * byte after the run. Read back aligned, every mark leaves the trail of one
 * character and the lead of the next unknown; they are filled by the model
 * (fill_mark), the orphan trail byte at the start too (best_lead). Tried
 * only for runs c[s..e) that have a mark (the others are GBK again and
 * decode in one piece). */
static void try_shift_pairs_to(sino_moji *m, const sino_charlm *lm, const char *line,
                               const chr *c, size_t nc, size_t s, size_t e, best_t *b,
                               sino_buf *cand)
{
    size_t n = e - s, marks = 0;
    if (n < 2 || n > MAX_RUN) return;
    /* the decoder's pairs, as bytes; -1 unknown */
    int by[2 * MAX_RUN + 2];
    for (size_t q = s; q < e; q++) {
        int *p = by + 2 * (q - s);
        if (c[q].cp == 0xFFFD) {
            p[0] = p[1] = -1;
            marks++;
            continue;
        }
        char g[8];
        long k = encode_family(m, CS_GBK, line + c[q].off, c[q].len, g, sizeof g);
        if (k != 2) return;
        p[0] = (unsigned char)g[0], p[1] = (unsigned char)g[1];
        /* the second byte of a pair before the last was the next lead */
        if (q + 1 < e && p[1] < 0x81) return;
    }
    if (!marks) return;
    int last_mark = c[e - 1].cp == 0xFFFD, qmark = last_mark && line[c[e - 1].off] == '?';
    int swallowed = -1;      /* an ASCII byte the last pair took */
    size_t nr = 2 * n, ee = e;   /* realigned bytes: by[0..nr) */
    if (last_mark) {
        nr--;                /* the byte after the run, lost in the mark */
    } else if (by[2 * n - 1] < 0x80) {
        swallowed = by[2 * n - 1];
        nr--;
    } else {
        if (e >= nc || c[e].cp < 0x40 || c[e].cp > 0x7E) return;
        by[nr++] = (int)c[e].cp;
        ee = e + 1;
    }
    /* realigned characters: the orphan trail by[0], then pairs */
    size_t ns = (nr + 1) / 2;
    uint32_t out[MAX_RUN + 2];
    unsigned char done[MAX_RUN + 2];
    memset(done, 0, ns);
    for (size_t k = 1; k < ns; k++) {
        int lead = by[2 * k - 1], trail = by[2 * k];
        if (trail >= 0 && trail < 0x80 && !(k == ns - 1 && ee == e + 1)) return;
        if (lead >= 0 && trail >= 0 && !pair_ok(m, CS_GBK, (unsigned)lead, (unsigned)trail)) return;
    }
    for (size_t k = 0; k < ns; k++) {
        if (done[k]) continue;
        uint32_t prev = k ? out[k - 1] : s > 0 ? c[s - 1].cp : 0;
        int lead = k ? by[2 * k - 1] : -1, trail = by[2 * k];
        char u8[8];
        if (lead >= 0 && trail >= 0) {
            int ul = gbk_char(m, lead, trail, u8);
            int32_t cp;
            sino_utf8_decode_fast((const unsigned char *)u8, (size_t)ul, &cp);
            out[k] = ul && cp > 0 ? (uint32_t)cp : 0xFFFD;
        } else if (trail >= 0) {
            /* the orphan: its lead was lost */
            uint32_t next = 0;
            if (ns > 1 && by[1] >= 0 && by[2] >= 0 && gbk_char(m, by[1], by[2], u8)) {
                int32_t cp;
                sino_utf8_decode_fast((const unsigned char *)u8, 4, &cp);
                next = cp > 0 ? (uint32_t)cp : 0;
            }
            out[k] = fill_orphan(m, lm, prev, trail, next);
        } else if (k + 1 < ns) {
            /* a mark: this character's trail and the next one's lead */
            int next_trail = by[2 * k + 2];
            uint32_t after = 0;
            if (k + 2 < ns && by[2 * k + 3] >= 0 && by[2 * k + 4] >= 0 &&
                gbk_char(m, by[2 * k + 3], by[2 * k + 4], u8)) {
                int32_t cp;
                sino_utf8_decode_fast((const unsigned char *)u8, 4, &cp);
                after = cp > 0 ? (uint32_t)cp : 0;
            }
            uint32_t two[2];
            fill_mark(m, lm, prev, lead, next_trail, after, two);
            out[k] = two[0], out[k + 1] = two[1];
            done[k + 1] = 1;
        } else {
            /* the last character, its trail in a final mark: known only
             * where the mark was a '?' (a U+FFFD there may stand for the
             * trail alone, and the byte after it is not lost) */
            uint32_t two[2];
            fill_mark(m, lm, prev, qmark ? lead : -1, -1, 0, two);
            out[k] = two[0];
        }
    }
    sino_buf_clear(cand);
    for (size_t k = 0; k < ns; k++) sino_buf_put_cp(cand, out[k]);
    if (qmark && out[ns - 1] != 0xFFFD) sino_buf_put_cp(cand, 0xFFFD);   /* the swallowed byte */
    if (swallowed >= 0) sino_buf_put_cp(cand, (uint32_t)swallowed);
    consider(m, lm, b, line, c, nc, s, ee, cand);
}

/* try_shift_pairs_to() for the run c[s..e) and for the runs that end at a
 * mark inside it (a mark that swallowed an ASCII byte: the decoder is back
 * in step after it, and what follows is fine text). */
static void try_shift_pairs(sino_moji *m, const sino_charlm *lm, const char *line,
                            const chr *c, size_t nc, size_t s, size_t e, best_t *b,
                            sino_buf *cand)
{
    for (size_t q = s + 1; q + 1 < e; q++)
        if (c[q].cp == 0xFFFD) try_shift_pairs_to(m, lm, line, c, nc, s, q + 1, b, cand);
    try_shift_pairs_to(m, lm, line, c, nc, s, e, b, cand);
}

/* Try the repairs of the run c[s0..e) starting anywhere in [s0, first]. */
static void try_run(sino_moji *m, const sino_charlm *lm, const char *line,
                    const chr *c, size_t nc, size_t s0, size_t first, size_t last,
                    size_t e, int shift_only, best_t *b, sino_buf *cand, sino_buf *tmp)
{
    char enc[MAX_RUN * 4 + 16];
    orig_costs(lm, line, c, s0, e + 2 < nc ? e + 2 : nc, b);
    for (size_t s = s0; s <= first; s++) {
        int fw = c[s].cp < 0x80;
        /* UTF-8 read as GBK or Big5: the run may end before fine text that
         * follows it without an ASCII byte between */
        for (size_t ee = e + 1; !fw && !shift_only && ee-- > last + 1;) {
            if (ee != e && ee > last + 1 + MAX_RIGHT) continue;
            int has_lost = 0, has_euro = 0;
            for (size_t q = s; q < ee; q++) {
                has_lost |= c[q].cp == 0xFFFD;
                has_euro |= c[q].cp == 0x20AC;
            }
            for (int cs = 0; cs < CS_N; cs++) {
                if (cs == CS_GB18030 && !has_euro) continue;
                for (int width = 1; width <= (has_lost ? WIDTH_EITHER : 1); width++) {
                    unsigned char wb[MAX_RUN * 4 + 16], wm[MAX_RUN * 4 + 16];
                    long k = encode_wild(m, cs, line, c, s, ee, width, wb, wm, sizeof wb);
                    if (k > 0 && utf8_wild(m, cs, lm, s > 0 ? c[s - 1].cp : 0, wb, wm, (size_t)k, tmp, cand) == 0)
                        consider(m, lm, b, line, c, nc, s, ee, cand);
                }
            }
        }
        try_shift_pairs(m, lm, line, c, nc, s, e, b, cand);
        /* GBK decoded one byte off: the run's first byte was the trail of a
         * character whose lead was lost; the run ends where the decoder
         * resynchronised: at an ASCII byte that was the trail of its last
         * character, or at a U+FFFD (the last trail byte, lost), or before
         * fine text. */
        for (size_t e2 = e + 2; e2-- > last + 1;) {
            if (e2 != e + 1 && e2 != e && e2 > last + 1 + MAX_RIGHT) continue;
            int with_ascii = e2 == e + 1;
            size_t ee = e2;
            if (with_ascii && (e >= nc || c[e].cp < 0x40 || c[e].cp > 0x7E)) continue;
            size_t enc_end = with_ascii ? e : ee;
            int wild_tail = !with_ascii && enc_end > s + 1 && c[enc_end - 1].cp == 0xFFFD;
            if (wild_tail) enc_end--;
            long k = encode_run(m, CS_GBK, line, c, s, enc_end, fw, enc, sizeof enc - 2);
            if (k < 2) continue;
            if (with_ascii) enc[k++] = (char)c[e].cp;
            uint32_t after = ee < nc ? c[ee].cp : 0;
            int tail_lead = -1;
            if (wild_tail) {
                /* enc[k-1] is the lead of the last character, its trail lost */
                if (((size_t)k - 1) % 2 != 1) continue;
                tail_lead = (unsigned char)enc[k - 1];
                k--;
            }
            int orphan = (unsigned char)enc[0];
            char dec[MAX_RUN * 4 + 16];
            size_t body = (size_t)k - 1;
            int lost_tail = 0;
            if (!with_ascii && (body & 1)) {
                /* odd: the last byte's partner was lost */
                body--;
                lost_tail = 1;
            }
            long d = moji_iconv(m, &m->from_gbk, "UTF-8", "GBK", enc + 1, body, dec, sizeof dec);
            if (d <= 0 || has_ascii(dec, (size_t)d)) continue;
            {
                /* the decoded body must already look like text, per
                 * character, by a margin (with slack for the characters
                 * still to come): else the searches below are wasted */
                size_t bch, och = ee - s;
                double bc = sino_charlm_cost(lm, 0, dec, (size_t)d, &bch);
                double oc = b->cum[ee - b->cum_from] - b->cum[s - b->cum_from];
                if (bch && och && bc / (double)bch + MARGIN - BODY_SLACK > oc / (double)och) continue;
            }
            /* the lost character: the best lead for the orphan trail byte */
            char lead_best[8];
            uint32_t prev = s > 0 ? c[s - 1].cp : 0;
            int32_t first_dec;
            sino_utf8_decode_fast((const unsigned char *)dec, (size_t)d, &first_dec);
            int lb_len = best_lead(m, lm, prev, orphan, first_dec > 0 ? (uint32_t)first_dec : 0, lead_best);
            sino_buf_clear(cand);
            if (lb_len) sino_buf_append(cand, lead_best, (size_t)lb_len);
            else sino_buf_put_cp(cand, 0xFFFD);
            sino_buf_append(cand, dec, (size_t)d);
            if (lost_tail) sino_buf_put_cp(cand, 0xFFFD);
            if (tail_lead >= 0x81) {
                /* the last character: its lead is known, its trail was lost */
                uint32_t lastc = 0;
                if (d > 0) {
                    size_t st = sino_utf8_char_start((const unsigned char *)dec, (size_t)d - 1);
                    int32_t cp;
                    sino_utf8_decode_fast((const unsigned char *)dec + st, (size_t)d - st, &cp);
                    lastc = cp < 0 ? 0 : (uint32_t)cp;
                }
                double t1 = 1e9, t2 = 1e9;
                char tb[8];
                int tl = 0;
                for (int trail = 0x40; trail <= 0xFE; trail++) {
                    if (trail == 0x7F) continue;
                    char u8[8];
                    int ul = gbk_char(m, tail_lead, trail, u8);
                    if (!ul) continue;
                    int32_t cp;
                    sino_utf8_decode_fast((const unsigned char *)u8, (size_t)ul, &cp);
                    if (cp < 0 || rare(lm, (uint32_t)cp)) continue;
                    size_t ch;
                    double cc = cost_with(lm, lastc, u8, (size_t)ul, after, &ch);
                    if (cc < t1) t2 = t1, t1 = cc, memcpy(tb, u8, (size_t)ul), tl = ul;
                    else if (cc < t2) t2 = cc;
                }
                if (tl && t2 - t1 > LOST_MARGIN)
                    sino_buf_append(cand, tb, (size_t)tl);
                else sino_buf_put_cp(cand, 0xFFFD);
            }
            consider(m, lm, b, line, c, nc, s, ee, cand);
        }
    }
}

/* Whether the GBK form of the character u8[0..n) is a UTF-8 continuation
 * byte and a three-byte lead, as the character after a UTF-8-lead-like one
 * is in UTF-8 read as GBK (鍛戒: E5 91 | BD E4), and 览 after 浏 is not. */
static int gbk_continues(sino_moji *m, const char *u8, size_t n)
{
    char g[8];
    long k = moji_iconv(m, &m->to[CS_GBK], cs_names[CS_GBK], "UTF-8", u8, n, g, sizeof g);
    /* the last byte of the first character, then the lead of the next */
    return k == 2 && (unsigned char)g[0] >= 0x80 && (unsigned char)g[0] <= 0xBF &&
           (unsigned char)g[1] >= 0xE2 && (unsigned char)g[1] <= 0xEF;
}

/* a rare character directly followed by an ASCII letter (a GBK trail byte) */
static int e_ascii_trail(const chr *c, size_t nc, size_t i)
{
    return i > 0 && c[i - 1].cp >= 0x80 && i + 1 < nc &&
           (c[i + 1].cp | 0x20) >= 'a' && (c[i + 1].cp | 0x20) <= 'z';
}

static int is_kana(uint32_t cp) { return cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB; }

/* Whether c[s..e) is Japanese: two kana in a row. GBK and Big5 have kana,
 * so mojibake shows one now and then, but a run of them is text (これは,
 * トトロ), and text is never a candidate. */
static int kana_text(const chr *c, size_t s, size_t e)
{
    for (size_t i = s; i + 1 < e; i++)
        if (is_kana(c[i].cp) && is_kana(c[i + 1].cp)) return 1;
    return 0;
}

/* A decoder that shows an invalid byte or pair as '?' (swallowing the
 * byte after the lead, ASCII or not) leaves '?' among the characters of
 * mojibake: a '?' next to a suspicious character is taken for a lost
 * character, as U+FFFD is (its bytes in the line stay '?', so that the
 * text is copied unchanged where nothing is repaired). */
static void mark_qmarks(sino_moji *m, const sino_charlm *lm, chr *c, size_t nc)
{
    for (size_t i = 0; i < nc; i++) {
        if (c[i].cp != '?') continue;
        size_t j = i;      /* the group c[i..j) of '?' */
        while (j < nc && c[j].cp == '?') j++;
        /* next to a non-ASCII character, with a suspicious one near (a
         * pair decoder shows the characters of a run one byte off as often
         * common ones; a '?' taken for a mark before counts) */
        int suspect = 0;
        if ((i > 0 && c[i - 1].cp >= 0x80) || (j < nc && c[j].cp >= 0x80))
            for (size_t q = i > 3 ? i - 3 : 0; q < j + 3 && q < nc && !suspect; q++)
                suspect = (q < i || q >= j) && c[q].cp >= 0x80 && level(m, lm, c[q].cp);
        for (size_t q = i; suspect && q < j; q++) c[q].cp = 0xFFFD;
        i = j - 1;
    }
}

static int is_ascii_alnum(uint32_t cp) { return cp < 0x80 && isalnum((int)cp); }

/* a full-width digit or Latin letter (Ｐ, ５) */
static int is_fullwidth_alnum(uint32_t cp)
{
    return sino_is_fullwidth_ascii(cp) && is_ascii_alnum(sino_fullwidth_to_ascii(cp));
}

/* Whether c[s..e) is full-width Latin text (Ｐｅrｌ, ＶＥＲSＩＯＮ, ｆile):
 * a full-width letter or digit next to another, after an ASCII one, or
 * before two ASCII ones. Mojibake shows a full-width form now and then (a
 * GBK pair A3xx), but two in a row only by a rare chance; read one byte
 * off, a run may end in one and an ASCII trail byte (案ｎA設 for 案。預設),
 * so one full-width form and one ASCII letter between Chinese ones is not
 * taken for text. The width fold repairs what is. */
static int fullwidth_text(const chr *c, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        if (!is_fullwidth_alnum(c[i].cp)) continue;
        uint32_t before = i > s ? c[i - 1].cp : 0;
        uint32_t after = i + 1 < e ? c[i + 1].cp : 0, after2 = i + 2 < e ? c[i + 2].cp : 0;
        if (is_fullwidth_alnum(after) || is_ascii_alnum(before) ||
            (is_ascii_alnum(after) && (is_ascii_alnum(after2) || is_fullwidth_alnum(after2))))
            return 1;
    }
    return 0;
}

int sino_clean_mojibake(sino_moji *m, const sino_charlm *lm, const char *s,
                        size_t n, sino_buf *out, sino_error *err)
{
    const unsigned char *u = (const unsigned char *)s;
    sino_buf_clear(out);
    if (sino_buf_reserve(out, n + 8) != SINO_OK)
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    /* quick scan: any cluster of rare characters, a UTF-8-lead-like
     * character before another Chinese one, a GBK trail byte left alone
     * between Chinese characters, a lost character, or Latin mojibake? */
    int suspect = 0;
    {
        size_t i = 0, last_rare = (size_t)-1, idx = 0;
        uint32_t prevcp = 0, prev2 = 0;
        while (i < n && !suspect) {
            if (u[i] < 0x80) {
                if (prevcp >= 0x80 && i + 1 < n && u[i + 1] >= 0x80 &&
                    (odd_trail(u[i]) || u[i] == '?' || ((u[i] | 0x20) >= 'a' && (u[i] | 0x20) <= 'z')))
                    suspect = 1;
                /* the rest of an ASCII run follows ASCII: nothing to test */
                size_t j = i + 1;
                while (j < n && u[j] < 0x80) j++;
                idx += j - i;
                prev2 = j - i >= 2 ? u[j - 2] : prevcp;
                prevcp = u[j - 1];
                i = j;
                continue;
            }
            int32_t cp;
            int k = sino_utf8_decode_fast(u + i, n - i, &cp);
            /* the common case: a character above the Latin-1 and cp1252
             * range that is fine (level 0) starts nothing below */
            if (cp > 0x2122 && level(m, lm, (uint32_t)cp) == 0) {
                prev2 = prevcp, prevcp = (uint32_t)cp;
                i += (size_t)k, idx++;
                continue;
            }
            if (cp >= 0) {
                int lv = level(m, lm, (uint32_t)cp);
                if (lv == 2) {
                    if (i + (size_t)k < n && prevcp >= 0x80 &&
                        ((u[i + k] | 0x20) >= 'a' && (u[i + k] | 0x20) <= 'z'))
                        suspect = 1;
                    if (cp == 0xFFFD && prevcp >= 0x80 && prev2 >= 0x80) suspect = 1;
                }
                if (lv) {
                    if (last_rare != (size_t)-1 && idx - last_rare <= 2) suspect = 1;
                    last_rare = idx;
                }
                if (lv == 1 && i + (size_t)k < n && u[i + k] >= 0x80) suspect = 1;
                int a = latin_byte(prevcp), b = latin_byte((uint32_t)cp);
                if (a >= 0xC2 && a <= 0xF4 && b >= 0x80 && b <= 0xBF) suspect = 1;
                prev2 = prevcp, prevcp = (uint32_t)cp;
            }
            i += (size_t)k, idx++;
        }
    }
    if (!suspect) return sino_buf_append(out, s, n);

    /* characters of the line, in blocks of MAX_RUN */
    size_t pos = 0, latin_sure = 0;
    chr c[MAX_RUN + 1];
    best_t b;
    sino_buf cand;
    sino_buf_init(&b.text);
    sino_buf_init(&cand);
    sino_buf tmp;
    sino_buf_init(&tmp);
    while (pos < n) {
        size_t nc = 0, i = pos;
        while (i < n && nc < MAX_RUN) {
            int32_t cp;
            int k = sino_utf8_decode_fast(u + i, n - i, &cp);
            c[nc].cp = cp < 0 ? 0xFFFD : (uint32_t)cp;
            c[nc].off = i;
            c[nc].len = (size_t)k;
            nc++;
            i += (size_t)k;
        }
        mark_qmarks(m, lm, c, nc);
        /* a full block ends after its last ASCII character (where decoders
         * resynchronise), so that runs are not cut */
        if (i < n && nc == MAX_RUN) {
            size_t k = nc;
            while (k > MAX_RUN / 2 && c[k - 1].cp >= 0x80) k--;
            if (k <= MAX_RUN / 2) {
                /* no ASCII: before a Latin-1 lead byte (Latin mojibake) */
                k = nc;
                while (k > MAX_RUN / 2 && !(latin_byte(c[k - 1].cp) >= 0xC2 && latin_byte(c[k - 1].cp) <= 0xF4))
                    k--;
                if (k > MAX_RUN / 2) k--;
            }
            if (k > MAX_RUN / 2) {
                nc = k;
                i = c[k - 1].off + c[k - 1].len;
            }
        }
        size_t block_end = i;
        size_t j = 0, verbatim = 0;   /* c[verbatim..j) were copied unchanged */
        while (j < nc) {
            /* UTF-8 read as a Latin one-byte codec */
            if (clean_moji_latin_lead(c[j].cp) && j + 1 < nc) {
                uint32_t cps[MAX_RUN];
                size_t q = j;
                /* as far as characters a Latin codec shows for bytes 80..FF, or marks */
                for (; q < nc && (c[q].cp == '?' || (c[q].cp >= 0x80 && (c[q].cp <= 0x2122 || c[q].cp == 0xFFFD))); q++)
                    cps[q - j] = c[q].cp;
                size_t used = clean_moji_latin(lm, j > 0 ? c[j - 1].cp : 0, cps, q - j, &latin_sure, out);
                if (used) {
                    j = verbatim = j + used;
                    continue;
                }
            }
            int lv = level(m, lm, c[j].cp);
            /* a Chinese character before a lone GBK trail byte (眠@條): the
             * end of a run of GBK decoded one byte off */
            int odd = c[j].cp >= 0x80 && j + 2 < nc && c[j + 2].cp >= 0x80 &&
                      (odd_trail(c[j + 1].cp) || ((c[j + 1].cp | 0x20) >= 'a' && (c[j + 1].cp | 0x20) <= 'z'));
            /* a lost character after Chinese ones (创�码) may end such a run */
            int lone_lost = c[j].cp == 0xFFFD && j >= 2 && c[j - 1].cp >= 0x80 && c[j - 2].cp >= 0x80;
            if (!lv && !odd) {
                sino_buf_append(out, s + c[j].off, c[j].len);
                j++;
                continue;
            }
            /* a rare character: is it part of a cluster? */
            size_t first = j, last = j, k2 = j + 1;
            while (k2 < nc && c[k2].cp >= 0x80 && k2 - last <= 3) {
                if (level(m, lm, c[k2].cp)) last = k2;
                k2++;
            }
            int ascii_trail = e_ascii_trail(c, nc, last) || odd;
            int lead_pair = lv == 1 && j + 1 < nc && c[j + 1].cp >= 0x80 &&
                            gbk_continues(m, s + c[j + 1].off, c[j + 1].len);
            if (last == first && !ascii_trail && !lead_pair && !lone_lost) {
                sino_buf_append(out, s + c[j].off, c[j].len);
                j++;
                continue;
            }
            size_t max_left = odd || lone_lost ? MAX_LEFT_SHIFT : MAX_LEFT;
            /* run: non-ASCII characters around the cluster */
            size_t e = last + 1;
            while (e < nc && c[e].cp >= 0x80) e++;
            /* start: already written characters may be part of the run;
             * rewind the output over at most MAX_LEFT of them */
            size_t s0 = first, back = 0;
            while (s0 > verbatim && back < max_left && c[s0 - 1].cp >= 0x80) {
                s0--, back++;
            }
            if (s0 > verbatim && c[s0 - 1].cp < 0x80 && c[s0 - 1].cp > 0x20 &&
                strchr("!?,.:;", (int)c[s0 - 1].cp))
                s0--;
            /* s0 may reach back into text already written: only if it was
             * copied unchanged (always true here since repairs jump ahead) */
            b.best = 0;
            b.s = b.e = 0;
            /* UTF-8 read as GBK or Big5 leaves no lone ASCII between
             * Chinese characters: a run found only by one is GBK one byte
             * off */
            int shift_only = (odd || lone_lost) && !lv && last == first && !lead_pair;
            if (!kana_text(c, s0 > 2 ? s0 - 2 : 0, e + 2 < nc ? e + 2 : nc) &&
                !fullwidth_text(c, s0 > 0 ? s0 - 1 : 0, e + 2 < nc ? e + 2 : nc))
                try_run(m, lm, s, c, nc, s0, first, last, e, shift_only, &b, &cand, &tmp);
            if (b.best > 0 && b.s >= s0) {
                /* drop what was already written of c[b.s..first) */
                size_t written_from = c[b.s].off;
                size_t cut = c[first].off - written_from;
                if (cut <= out->len) out->len -= cut;
                sino_buf_append(out, b.text.data, b.text.len);
                j = verbatim = b.e;
                continue;
            }
            /* no repair: copy the cluster as it is */
            for (; j <= last; j++) sino_buf_append(out, s + c[j].off, c[j].len);
        }
        pos = block_end;
    }
    sino_buf_free(&b.text);
    sino_buf_free(&cand);
    sino_buf_free(&tmp);
    (void)err;
    return SINO_OK;
}
