/* clean_mojibake_latin.c - UTF-8 read as a one-byte Latin codec.
 *
 * The decoders modelled: cp1252 (its five undefined bytes 81 8D 8F 90 9D
 * shown as U+FFFD, as '?', as C1 controls, or dropped), ISO-8859-1 (every
 * byte a character) and ISO-8859-15 (eight characters differ from
 * ISO-8859-1). The inverse maps every character of a run back to its byte
 * in the codec and reads the bytes as UTF-8; a byte the decoder lost (a
 * mark, or a continuation byte missing where UTF-8 needs one) is one of
 * the undefined bytes, and the character model completes it only when it
 * is sure, else the character comes back as U+FFFD. Every codec that reads
 * the run is tried and the model's favourite kept. */
#include <math.h>
#include <string.h>

#include "clean_mojibake_int.h"
#include "clean_int.h"

enum { LC_CP1252, LC_LATIN9, LC_N };

/* cp1252 bytes 0x80..0x9F (0: undefined, lost by the decoder) */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
    0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D,
    0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* the eight ISO-8859-15 bytes that differ from ISO-8859-1 */
static const struct { unsigned char byte; uint16_t cp; } latin9[8] = {
    {0xA4, 0x20AC}, {0xA6, 0x0160}, {0xA8, 0x0161}, {0xB4, 0x017D},
    {0xB8, 0x017E}, {0xBC, 0x0152}, {0xBD, 0x0153}, {0xBE, 0x0178}};

/* the bytes cp1252 cannot show: what a lost byte was */
static const unsigned char lost_bytes[5] = {0x81, 0x8D, 0x8F, 0x90, 0x9D};

#define MARK -1      /* a lost byte shown as U+FFFD or '?' */
#define NONE -2      /* not a character of the codec */
#define MAX_LATIN_RUN 1024
#define FILL_POSTERIOR 0.99   /* share of the probability a completion needs */
#define MIN_SURE 2            /* characters decoded whole a run with lost bytes needs */

/* The byte of cp in codec lc (ASCII is itself), NONE, or MARK. The C1
 * controls stand for their own bytes (decoders that show cp1252's
 * undefined bytes, or all of 80..9F, as C1 controls). */
static int latin_byte_of(int lc, uint32_t cp)
{
    if (cp < 0x80) return (int)cp;
    if (cp == 0xFFFD) return lc == LC_CP1252 ? MARK : NONE;
    if (cp <= 0x9F) return (int)cp;
    if (lc == LC_LATIN9) {
        for (int i = 0; i < 8; i++) {
            if (latin9[i].cp == cp) return latin9[i].byte;
            if (latin9[i].byte == cp) return NONE;
        }
        return cp <= 0xFF ? (int)cp : NONE;
    }
    if (cp <= 0xFF) return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_hi[i] == cp) return 0x80 + i;
    return NONE;
}

int clean_moji_latin_lead(uint32_t cp)
{
    for (int lc = 0; lc < LC_N; lc++) {
        int b = latin_byte_of(lc, cp);
        if (b >= 0xC2 && b <= 0xF4) return 1;
    }
    return 0;
}

static int is_cont(int b) { return b >= 0x80 && b <= 0xBF; }

/* One character of the reading: its bytes, of which `unknown` were lost
 * (their places in pos; `free_place` when a dropped byte may have been
 * anywhere after the lead). */
typedef struct {
    unsigned char b[4];
    unsigned char len, unknown, free_place;
    unsigned char known[4];   /* the continuation bytes seen, in order */
    unsigned char nknown;
    unsigned char pos[4];     /* places of marked lost bytes */
    uint32_t cp;              /* decoded, or 0xFFFD until filled */
} lchar;

typedef struct {
    lchar ch[MAX_LATIN_RUN];
    size_t nch, used;         /* characters read, code points consumed */
    size_t whole, lost;       /* characters decoded whole, with lost bytes */
    double cost;
} reading;

/* Read cps[0..n) as UTF-8 bytes of codec lc, as far as they read. */
static void read_run(int lc, const uint32_t *cps, size_t n, reading *r)
{
    r->nch = r->used = r->whole = r->lost = 0;
    size_t p = 0;
    while (p < n && r->nch < MAX_LATIN_RUN) {
        int lead = latin_byte_of(lc, cps[p]);
        if (lead < 0xC2 || lead > 0xF4) break;   /* ASCII, a mark, a stray byte: the end */
        int need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
        lchar *c = &r->ch[r->nch];
        memset(c, 0, sizeof *c);
        c->b[0] = (unsigned char)lead;
        c->len = (unsigned char)(need + 1);
        size_t q = p + 1;
        int got = 0;
        while (got < need && q < n) {
            int b = latin_byte_of(lc, cps[q]);
            if (b == '?' && lc == LC_CP1252) b = MARK;
            if (b == MARK) {
                c->pos[c->unknown++] = (unsigned char)(got + 1);
            } else if (is_cont(b)) {
                c->b[got + 1] = (unsigned char)b;
                c->known[c->nknown++] = (unsigned char)b;
            } else {
                break;
            }
            got++, q++;
        }
        if (got < need) {
            /* bytes dropped by the decoder (cp1252 only, one a character) */
            if (lc != LC_CP1252 || c->unknown) break;
            c->unknown = (unsigned char)(need - got);
            c->free_place = 1;
        }
        if (c->unknown) {
            c->cp = 0xFFFD;
            r->lost++;
        } else {
            int32_t cp;
            if (sino_utf8_decode(c->b, c->len, &cp) != c->len || cp < 0x80) break;
            c->cp = (uint32_t)cp;
            r->whole++;
        }
        r->nch++;
        p = q;
    }
    r->used = p;
}

static double pair_cost(const sino_charlm *lm, uint32_t prev, uint32_t cp, uint32_t next)
{
    unsigned char u[8];
    int k = sino_utf8_encode(cp, u);
    if (next && next != 0xFFFD) k += sino_utf8_encode(next, u + k);
    return sino_charlm_cost(lm, prev, (const char *)u, (size_t)k, NULL);
}

/* Complete a character with lost bytes when the model is sure: every lost
 * byte one of cp1252's undefined bytes, in every place it may have had
 * (a dropped byte anywhere after the lead, the others where they are). */
static uint32_t fill(const sino_charlm *lm, const lchar *c, uint32_t prev, uint32_t next)
{
    if (c->unknown < 1 || c->unknown > 2) return 0xFFFD;
    int slots = c->len - 1;
    double best = 1e30, z = 0;
    uint32_t bcp = 0xFFFD;
    /* places: a bit set of continuation slots that were lost */
    for (unsigned places = 1; places < (1u << slots); places++) {
        if (__builtin_popcount(places) != c->unknown) continue;
        if (!c->free_place) {
            unsigned want = 0;
            for (int k = 0; k < c->unknown; k++) want |= 1u << (c->pos[k] - 1);
            if (places != want) continue;
        }
        int nv = c->unknown == 1 ? 5 : 25;
        for (int v = 0; v < nv; v++) {
            unsigned char b[4];
            b[0] = c->b[0];
            for (int i = 1, k = 0, u = 0; i < c->len; i++) {
                if (places & (1u << (i - 1)))
                    b[i] = lost_bytes[u++ ? v / 5 : v % 5];
                else
                    b[i] = c->free_place ? c->known[k++] : c->b[i];
            }
            int32_t cp;
            if (sino_utf8_decode(b, c->len, &cp) != c->len || cp < 0x80) continue;
            if (!sino_charlm_common(lm, (uint32_t)cp) || cp == 0xFFFD) continue;
            double cost = pair_cost(lm, prev, (uint32_t)cp, next);
            if (cost < best) {
                z = z * exp(cost - best) + 1.0;
                best = cost, bcp = (uint32_t)cp;
            } else {
                z += exp(best - cost);
            }
        }
    }
    return z > 0 && 1.0 / z >= FILL_POSTERIOR ? bcp : 0xFFFD;
}

/* Fill the lost characters of r and score it: cost per character. */
static void finish(const sino_charlm *lm, uint32_t prev, reading *r)
{
    for (size_t i = 0; i < r->nch; i++) {
        if (r->ch[i].cp != 0xFFFD) continue;
        uint32_t p = i ? r->ch[i - 1].cp : prev;
        uint32_t nx = i + 1 < r->nch ? r->ch[i + 1].cp : 0;
        r->ch[i].cp = fill(lm, &r->ch[i], p, nx);
    }
    double cost = 0;
    uint32_t p = prev;
    for (size_t i = 0; i < r->nch; i++) {
        cost += pair_cost(lm, p, r->ch[i].cp, 0);
        p = r->ch[i].cp;
    }
    r->cost = r->nch ? cost / (double)r->nch : 1e30;
}

/* Whether a reading is text: no more than a fifth of its characters rare
 * (above the Latin letters, not in the model's common set), and, when it
 * has lost bytes, enough characters decoded whole or completed with
 * certainty, in it or before it in the line (line_sure), to show that it
 * is mojibake; or one character decoded whole beside the lost ones, as
 * much evidence as a run of one whole character, which is taken (the
 * lost ones come back as U+FFFD where the model is unsure). */
static int plausible(const sino_charlm *lm, const reading *r, size_t line_sure)
{
    if (!r->nch) return 0;
    size_t rare = 0, sure = r->whole;
    for (size_t i = 0; i < r->nch; i++) {
        uint32_t cp = r->ch[i].cp;
        if (cp >= 0x250 && cp != 0xFFFD && !sino_charlm_common(lm, cp)) rare++;
        if (r->ch[i].unknown && cp != 0xFFFD) sure++;
    }
    if (rare * 5 > r->nch) return 0;
    if (!r->lost || line_sure >= MIN_SURE) return 1;
    return r->whole >= 1 && (sure >= MIN_SURE || r->nch >= MIN_SURE);
}

size_t clean_moji_latin(const sino_charlm *lm, uint32_t prev, const uint32_t *cps, size_t n,
                        size_t *line_sure, sino_buf *out)
{
    static _Thread_local reading rs[LC_N];
    int best = -1;
    for (int lc = 0; lc < LC_N; lc++) {
        reading *r = &rs[lc];
        read_run(lc, cps, n, r);
        if (!r->nch) continue;
        finish(lm, prev, r);
        if (!plausible(lm, r, *line_sure)) continue;
        /* the reading that explains more of the run, else the model's choice */
        if (best < 0 || r->used > rs[best].used ||
            (r->used == rs[best].used && r->cost < rs[best].cost))
            best = lc;
    }
    if (best < 0) return 0;
    for (size_t i = 0; i < rs[best].nch; i++) sino_buf_put_cp(out, rs[best].ch[i].cp);
    *line_sure += rs[best].whole;
    return rs[best].used;
}
