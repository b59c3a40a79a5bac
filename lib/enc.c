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
    {"shift_jis", SINO_ENC_SJIS}, {"shift-jis", SINO_ENC_SJIS}, {"sjis", SINO_ENC_SJIS},
    {"euc-jp", SINO_ENC_EUCJP}, {"eucjp", SINO_ENC_EUCJP},
    {"iso-2022-jp", SINO_ENC_ISO2022JP}, {"iso2022jp", SINO_ENC_ISO2022JP},
    {"euc-kr", SINO_ENC_EUCKR}, {"euckr", SINO_ENC_EUCKR},
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
 * decoded as GB18030, their superset; Shift_JIS as CP932, its superset that
 * also keeps 0x5C a backslash and 0x7E a tilde (glibc's SHIFT_JIS makes them
 * a yen sign and an overline, which would damage paths and code). */
static const char *iconv_name(const char *enc)
{
    if (!strcasecmp(enc, "gbk") || !strcasecmp(enc, "gb2312")) return "GB18030";
    if (!strcasecmp(enc, SINO_ENC_SJIS)) return "CP932";
    return enc;
}

/* ---- detection ---- */

#define DETECT_WINDOW 4096

/* A Han character's two statistics scores, remembered during one
 * detection: every reading of the sample looks up mostly the same
 * characters, and each lookup is two dictionary walks and two logarithms. */
#define HAN_CACHE 1024
struct han_score {
    uint32_t cp;          /* 0: empty (no Han character is U+0000) */
    double v[2];
};

struct model {
    const sino_dict *stats;
    double log_total[2];
    struct han_score *cache;   /* HAN_CACHE entries, or NULL */
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

/* The readings a detection compares, by the language their characters are
 * scored in. */
enum lang { L_CHINESE, L_JAPANESE, L_KOREAN };

/* A kana in Japanese text: common, but for the small vowels and small ya,
 * yu, yo (which only follow certain kana). */
static double kana_score(uint32_t cp)
{
    uint32_t k = cp >= 0x30A0 ? cp - 0x60 : cp;   /* katakana as hiragana */
    static const uint32_t small[] = {0x3041, 0x3043, 0x3045, 0x3047, 0x3049,
                                     0x3083, 0x3085, 0x3087, 0x308E};
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
        if (k == small[i]) return -10.0;
    return -5.5;
}

/* Log-likelihood of a code point that is not a Han character, in a reading
 * of language lang: kana are common in Japanese text and rare otherwise,
 * hangul likewise in Korean. */
static double other_score(uint32_t cp, enum lang lang)
{
    if (cp == '\n' || cp == '\r' || cp == '\t') return -2.0;
    if (cp < 0x20 || cp == 0x7F) return -20.0;
    if (cp < 0x7F) return -2.5;
    if (cp >= 0x3000 && cp <= 0x303F) return -4.5;   /* CJK punctuation */
    if (cp >= 0xFF01 && cp <= 0xFF5E) return -5.0;   /* full-width forms */
    if (cp >= 0x2010 && cp <= 0x2027) return -5.0;   /* — … “” ‘’ */
    if (cp == 0xFEFF) return -8.0;
    if (cp >= 0x3040 && cp <= 0x30FF) return lang == L_JAPANESE ? kana_score(cp) : -11.0;
    if (cp >= 0xAC00 && cp <= 0xD7A3) return -12.0;  /* hangul (Korean: hangul_score) */
    if (cp >= 0xA0 && cp <= 0x24FF) return -12.0;    /* Latin, Greek, symbols */
    if (cp >= 0x2500 && cp <= 0x2FFF) return -12.0;  /* box drawing, radicals */
    if (cp >= 0x3100 && cp <= 0x33FF) return -12.0;  /* bopomofo, CJK compat */
    if (cp >= 0xE000 && cp <= 0xF8FF) return -18.0;  /* private use */
    return -16.0;
}

/* The most frequent hangul syllables of Korean text (particles, endings and
 * common Sino-Korean morphemes; together about half of the syllables of
 * running text). Chinese text misread as EUC-KR spreads evenly over all
 * 2,350 KS X 1001 syllables and so hits them seldom. */
static const char common_hangul[] =
    "이다는의에가하고을를지서한기로사으도리자대수나시어인아정일해국적들게부상"
    "있주전장과만보세여제경구원화요면라소연성공중것니동문우비그였러각했";

static double hangul_score(uint32_t cp)
{
    unsigned char u[4];
    int k = sino_utf8_encode(cp, u);
    for (size_t i = 0; i + (size_t)k <= sizeof common_hangul - 1; i += 3)
        if (!memcmp(common_hangul + i, u, (size_t)k)) return -4.0;
    return -8.5;
}

/* The alphabet of a letter beyond ASCII: 1 Latin (with the ASCII letters),
 * 2 Greek, 3 Cyrillic; 0 for anything else. */
static int alphabet(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) return 1;
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return 1;
    if (cp >= 0x370 && cp <= 0x3FF) return 2;
    if (cp >= 0x400 && cp <= 0x4FF) return 3;
    return 0;
}

/* cp, beyond ASCII, continues a word of the alphabet of prev */
static int same_alphabet(uint32_t prev, uint32_t cp)
{
    int a = alphabet(cp);
    return cp >= 0x80 && a && a == alphabet(prev);
}

/* A reading's score: sum over its characters, and the part of it and the
 * count of its characters beyond ASCII (their average tells text from
 * noise). */
struct score {
    double sum, high_sum;
    long high;
    long han;
};

/* The log-likelihood of Han character cp under the Simplified (v[0]) and
 * Traditional (v[1]) statistics. */
static void han_stats(const struct model *md, uint32_t cp, double v[2])
{
    struct han_score *e = md->cache ? &md->cache[(cp * 2654435761u) >> 22] : NULL;
    if (e && e->cp == cp) {
        v[0] = e->v[0];
        v[1] = e->v[1];
        return;
    }
    unsigned char key[8];
    int kl = sino_utf8_encode(cp, key + 1);
    for (int m = 0; m < 2; m++) {
        key[0] = m ? 'T' : 'S';
        sino_dict_value dv;
        double f = 0.3;
        if (sino_dict_get(md->stats, key, (size_t)kl + 1, &dv)) f += dv.num;
        double l = log(f) - md->log_total[m];
        v[m] = l < -17.0 ? -17.0 : l;
    }
    if (e) {
        e->cp = cp;
        e->v[0] = v[0];
        e->v[1] = v[1];
    }
}

/* Score of a decoded sequence under the Simplified (m = 0) and Traditional
 * (m = 1) statistics; the better of the two is kept. */
static struct score score_cps(const struct model *md, const uint32_t *cps, long n,
                              enum lang lang)
{
    double s[2] = {0, 0}, hs[2] = {0, 0};
    struct score sc = {0, 0, 0, 0};
    for (long i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        double v[2];
        if (sino_is_han(cp)) {
            sc.han++;
            if (!md->stats) {
                v[0] = v[1] = (cp >= 0x4E00 && cp <= 0x9FFF) ? -8.0 : -14.0;
            } else {
                han_stats(md, cp, v);
            }
            /* hanja are a small part of modern Korean text */
            if (lang == L_KOREAN) v[0] -= 3.0, v[1] -= 3.0;
        } else if (lang == L_KOREAN && cp >= 0xAC00 && cp <= 0xD7A3) {
            v[0] = v[1] = hangul_score(cp);
        } else if (i > 0 && same_alphabet(cps[i - 1], cp)) {
            /* a word of Latin, Greek or Cyrillic letters: ordinary text,
             * where a legacy reading misread as UTF-8 jumps between blocks */
            v[0] = v[1] = -5.0;
        } else {
            v[0] = v[1] = other_score(cp, lang);
        }
        s[0] += v[0];
        s[1] += v[1];
        if (cp >= 0x80) {
            hs[0] += v[0];
            hs[1] += v[1];
            sc.high++;
        }
    }
    int m = s[0] > s[1] ? 0 : 1;
    sc.sum = s[m];
    sc.high_sum = hs[m];
    return sc;
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
    enum lang lang;
};

static const struct candidate cands[] = {
    {SINO_ENC_UTF8, "UTF-8", 1, 3, L_CHINESE},
    {SINO_ENC_GB18030, "GB18030", 1, 3, L_CHINESE},
    {SINO_ENC_BIG5, "BIG5", 1, 1, L_CHINESE},
    {SINO_ENC_BIG5HKSCS, "BIG5-HKSCS", 1, 1, L_CHINESE},
    {SINO_ENC_UTF16LE, "UTF-16LE", 2, 1, L_CHINESE},
    {SINO_ENC_UTF16BE, "UTF-16BE", 2, 1, L_CHINESE},
    {SINO_ENC_SJIS, "CP932", 1, 1, L_JAPANESE},
    {SINO_ENC_EUCJP, "EUC-JP", 1, 2, L_JAPANESE},
    {SINO_ENC_EUCKR, "EUC-KR", 1, 1, L_KOREAN},
};
#define NCANDS (sizeof cands / sizeof cands[0])

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

/* UTF-8 with a little damage: many valid multi-byte characters and few
 * invalid bytes (at least four valid characters for each invalid sequence;
 * a character cut at either end of the sample does not count). Text in a
 * legacy encoding practically never forms valid UTF-8 sequences that often. */
static int damaged_utf8(const unsigned char *p, size_t n)
{
    size_t i = 0, multi = 0, bad = 0;
    while (i < n && (p[i] & 0xC0) == 0x80 && i < 3) i++;   /* cut at the start */
    size_t tail = sino_utf8_incomplete_tail(p, n);
    size_t end = n - tail;
    while (i < end) {
        int32_t cp;
        int k = sino_utf8_decode(p + i, end - i, &cp);
        if (cp < 0) bad++;
        else if (k > 1) multi++;
        i += (size_t)k;
    }
    return bad > 0 && multi >= 3 && multi >= 4 * bad;
}

/* ISO-2022-JP: seven-bit text with its escape sequences into JIS X 0208
 * (ESC $ @, ESC $ B) or JIS X 0212 (ESC $ ( D). */
static int iso2022jp(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (p[i] == 0x1B && p[i + 1] == '$' &&
            (p[i + 2] == 'B' || p[i + 2] == '@' || p[i + 2] == '('))
            return 1;
    return 0;
}

#define UTF16_SHORT_READING 8   /* characters: below, a BOM-less UTF-16 reading needs more Han */

/* Evidence for BOM-less UTF-16 in p[0..n) beyond the score: its reading has
 * no invalid sequence (no lone or reversed surrogates) and no byte 0A or 0D
 * outside a line break of its own, and either its NUL bytes fall on one
 * parity (the high bytes of ASCII characters) or most of its characters
 * are Han characters. used counts the bytes the reading decoded; in
 * little-endian a NUL byte left over at the end would be the low byte of a
 * character U+xx00, which text has seldom ('ax\0' is no U+7861 and a cut
 * character). In big-endian it is the high byte of a cut ASCII character. */
static int utf16_evidence(const unsigned char *p, size_t n, size_t used, int le, size_t inv,
                          const struct score *sc, const uint32_t *cps, long count)
{
    if (inv || (le && used < n && !p[used])) return 0;
    /* A byte 0A or 0D is a line break of other text unless it is half of
     * a line break (0A 00) or of an East Asian character (上 is 4E 0A, 《
     * 30 0A): U+0A61 from "\na" is no UTF-16 text. */
    for (long i = 0; i < count; i++) {
        unsigned lo = cps[i] & 0xFF, hi = (cps[i] >> 8) & 0xFF;
        if ((lo == 0x0A || lo == 0x0D || hi == 0x0A || hi == 0x0D) && cps[i] > 0xFF && cps[i] < 0x2E80)
            return 0;
    }
    size_t nul[2] = {0, 0};
    for (size_t i = 0; i < used; i++)
        if (!p[i]) nul[i & 1]++;
    /* a Han character such as U+4E00 puts a NUL on the other parity now
     * and then: most, not all, on one parity. A few characters are too
     * little to go by: 'be\n\0' is no U+6562 and a newline, and ' \0',
     * read from the second byte of 'a \0', is no space. */
    size_t most = nul[0] > nul[1] ? nul[0] : nul[1];
    if (count >= UTF16_SHORT_READING && most && most * 5 >= 4 * (nul[0] + nul[1])) return 1;
    /* mostly Han; in a reading of a few characters, two thirds: a dozen
     * bytes of anything pair up into a few Han characters now and then
     * (half of a reading of 'a.b\377\naxb\377\n') */
    if (count < UTF16_SHORT_READING) return count > 0 && sc->han * 3 >= 2 * count;
    return sc->han * 2 >= count;
}

/* The head start of a valid UTF-8 reading, and its gain per valid
 * multi-byte character (log 12: see read_as). */
#define UTF8_PRIOR 5.0
#define UTF8_VALID_CHAR 2.5

/* A reading whose characters beyond ASCII average below this log-likelihood
 * (each invalid sequence counted as one at -25) is noise, not text. */
#define NOISE_AVERAGE -12.5

struct reading {
    double score;          /* -INFINITY: not possible */
    double average;        /* per character beyond ASCII */
    int allowed;           /* UTF-16 only with evidence */
};

/* Best reading of p[0..n) by candidate c over the start offsets tried.
 * A reading whose penalties alone put it at or below floor is not scored:
 * every character scores at most 0, so its score is at most that bound,
 * which stands for it (it can then be neither the best reading nor one
 * that lowers the confidence: see the caller). */
static struct reading read_as(const struct model *md, const struct candidate *c,
                              const unsigned char *p, size_t n, uint32_t *cps, double floor)
{
    struct reading best = {-INFINITY, 0, 1};
    for (size_t skip = 0; skip <= c->max_skip && skip < n; skip++) {
        size_t inv, left;
        long k = decode_cps(c->iconv, p + skip, n - skip, c->unit, cps, n + 4, &inv, &left);
        if (k < 0) continue;
        double bound = -25.0 * (double)inv - 6.0 * (double)skip - 3.0 * (double)left;
        if (bound <= floor) {
            if (bound > best.score) best.score = bound;
            continue;
        }
        struct score sc = score_cps(md, cps, k, c->lang);
        /* Bytes left undecoded at the end (a cut character) cost little;
         * invalid sequences and skipped bytes more. */
        double s = sc.sum - 25.0 * (double)inv - 6.0 * (double)skip - 3.0 * (double)left;
        if (c->unit == 1 && c->max_skip == 3 && !strcmp(c->name, SINO_ENC_UTF8) && !inv &&
            !skip && sc.high > 0) {
            /* Valid UTF-8 is evidence in itself: a character of GBK, Big5,
             * EUC-KR or Shift_JIS text forms a valid UTF-8 sequence about
             * one time in twelve (lead C2-DF with trail 80-BF), so each
             * valid multi-byte character counts log(12) for this reading,
             * and UTF-8, today's usual encoding, starts ahead. Without
             * this, a word such as "café" reads better as one rare hangul
             * syllable of EUC-KR than as a Latin letter. */
            s += UTF8_PRIOR + UTF8_VALID_CHAR * (double)sc.high;
        }
        if (c->unit == 2) {
            /* Two printable ASCII bytes read as one UTF-16 character are
             * more likely ASCII text than that character. */
            for (long i = 0; i < k; i++) {
                unsigned lo = cps[i] & 0xFF, hi = (cps[i] >> 8) & 0xFF;
                if (cps[i] < 0x10000 && ascii_like(lo) && ascii_like(hi)) s -= 4.0;
            }
        }
        if (s > best.score) {
            best.score = s;
            long m = sc.high + (long)inv;
            best.average = m ? (sc.high_sum - 25.0 * (double)inv) / (double)m : 0;
            best.allowed = c->unit != 2 ||
                           utf16_evidence(p + skip, n - skip, n - skip - left,
                                          !strcmp(c->name, SINO_ENC_UTF16LE), inv, &sc, cps, k);
        }
    }
    return best;
}

/* Big5 and its superset Big5-HKSCS are one answer, not rivals. */
static int same_family(const char *a, const char *b)
{
    if (!strcmp(a, b)) return 1;
    int ba = !strncmp(a, "big5", 4), bb = !strncmp(b, "big5", 4);
    return ba && bb;
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
        r.name = iso2022jp(p, n) ? SINO_ENC_ISO2022JP : SINO_ENC_ASCII;
        goto done;
    }
    if (!nul && damaged_utf8(p, n)) {
        /* decoded as UTF-8: the few invalid bytes become U+FFFD */
        r.confidence = 0.9;
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
    struct model md = {stats, {0, 0}, NULL};
    if (stats) {
        md.log_total[0] = log((double)sino_dict_aux(stats, 0) + 1);
        md.log_total[1] = log((double)sino_dict_aux(stats, 1) + 1);
    }
    uint32_t *cps = malloc((n + 4) * sizeof *cps);
    if (!cps) goto done;   /* allocation failure: plain guess */
    if (stats) md.cache = calloc(HAN_CACHE, sizeof *md.cache);   /* NULL: no cache */
    struct reading rd[NCANDS];
    size_t best = NCANDS;
    for (size_t c = 0; c < NCANDS; c++) {
        /* A reading more than 40 below the best so far is not the best, and
         * as the second best it gives the confidence 1.0 whatever its exact
         * score: it need not be scored (the UTF-8 bonus is only UTF-8's). */
        double floor = best == NCANDS ? -INFINITY : rd[best].score - 41.0;
        rd[c] = read_as(&md, &cands[c], p, n, cps, floor);
        if (rd[c].allowed && rd[c].score > -INFINITY &&
            (best == NCANDS || rd[c].score > rd[best].score))
            best = c;
    }
    free(cps);
    free(md.cache);
    if (best == NCANDS || rd[best].average < NOISE_AVERAGE) {
        size_t nhigh = 0;
        for (size_t i = 0; i < n; i++) nhigh += p[i] >= 0x80;
        if (!nul && (valid_utf8_text(p, n) || nhigh <= 2)) {
            /* valid UTF-8 of unusual characters is still UTF-8, and so is
             * ASCII text with a stray byte or two (read as U+FFFD) */
            r.confidence = 0.9;
            goto done;
        }
        r.name = SINO_ENC_UNKNOWN;
        r.confidence = 0;
        goto done;
    }
    double second = -INFINITY;
    for (size_t c = 0; c < NCANDS; c++)
        if (!same_family(cands[c].name, cands[best].name) && rd[c].score > second)
            second = rd[c].score;
    const char *name = cands[best].name;
    if (!strcmp(name, SINO_ENC_GB18030) && !has_gb4(p, n)) name = SINO_ENC_GBK;
    r.name = name;
    if (second == -INFINITY) r.confidence = 1.0;
    else {
        double d = rd[best].score - second;
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
    const char *target = canon && !strcasecmp(canon, SINO_ENC_SJIS) ? "CP932" : canon;
    e->cd = canon ? iconv_open(target, "UTF-8") : (iconv_t)-1;
    if (e->cd == (iconv_t)-1) {
        free(e);
        sino_fail(err, SINO_ERR_USAGE, "unknown encoding '%s'", enc);
        return NULL;
    }
    e->strict = strict;
    char q[] = "?";
    char *ip = q, *op = e->repl;
    size_t il = 1, ol = sizeof e->repl;
    iconv_t cq = iconv_open(target, "UTF-8");
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
