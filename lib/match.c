/* match.c - folded literal search over raw UTF-8 bytes (see sino_match.h). */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_DISPATCH 1
#endif

#include "match_int.h"
#include "sino_match.h"
#include "sino_seg.h"

#define MAX_CLASS 24     /* folded code points one pattern character stands for */
#define MAX_FORMS 64     /* byte forms of the anchor character */
#define MAX_NEXT 8       /* byte forms of the character after it, at most */
#define GAP_PINYIN 48    /* longest inserted reading "（zhuàng）" we skip */
#define GAP_BREAK 40     /* longest line break gap (spaces, one blank line) */
#define MAX_GAP (2 * GAP_PINYIN + GAP_BREAK)

struct mpos {
    uint32_t cps[MAX_CLASS];
    int n;
};

struct lit {
    struct mpos *pos;
    size_t n;
    size_t anchor;
    unsigned char form[MAX_FORMS][4];
    unsigned char flen[MAX_FORMS], rare[MAX_FORMS];
    int nforms;
    unsigned char first[256];          /* possible first bytes of a match */
    /* the forms of the character after the anchor (nnext < 0: not known) */
    unsigned char next[MAX_NEXT][4], nextlen[MAX_NEXT];
    int nnext;
    int gaps;                          /* the flags it was made with allow gaps */
    /* next occurrence of each form, valid for (ctext, clen) */
    const unsigned char *ctext;
    size_t clen;
    size_t cnext[MAX_FORMS];
    int avx2;                          /* the CPU has AVX2 */
    sino_multi *multi;                 /* the forms are found with others' */
    int mid[MAX_FORMS];                /* their ids there */
};

struct pattern {
    struct lit *lit;
    sino_match_posix *px;        /* grep -G / -E */
    sino_match_pcre *pc;         /* grep -P */
    struct lit *pre;             /* regex: a literal every match contains */
    int in_ac;                   /* searched through the matcher's automaton */
    /* last answer, reused while the caller searches the same buffer */
    const char *ctext;
    size_t clen, cfrom, cms, cme;
    int cres, ceof;
};

struct sino_matcher {
    const sino_dict *variants;
    int flags;
    const sino_seg *seg;         /* -w: word boundaries by segmentation */
    sino_tokens tokens;
    locale_t loc;                /* C.UTF-8, for grep's word characters */
    sino_error find_err;         /* a -P matching error (match limit) */
    struct pattern *pats;
    size_t n, cap;
    sino_ac *ac;                 /* many literals: one Aho-Corasick pass */
    int ac_state;                /* 0 = not decided, 1 = built, -1 = none */
    size_t *rest, nrest;         /* with the automaton: the other patterns */
    sino_multi *multi;           /* a few literals: their forms in one pass */
    int sel_state;               /* 0 = not decided, 1 = lines by grep's DFA
                                    reading (sino_match_posix_sel), -1 = not */
    /* the line [lb_start, lb_end) of the last regex search in (lb_text,
     * lb_len): -o searches one long line again and again, and finding its
     * bounds each time made that quadratic */
    const unsigned char *lb_text;
    size_t lb_len, lb_start, lb_end;
};

/* From this many literal patterns on they are searched together. */
#define AC_MIN_PATTERNS 8

/* -i: the lower-case characters whose upper case has another lower case
 * (micro sign and mu, dotless i and i, long s and s, final sigma and
 * sigma, ...), listed as (character, folded form): GNU grep -i takes each
 * for its folded form, and unfold() cannot find them from that form.
 * tests/unit/test_match.c checks the list against utf8proc over all of
 * Unicode. (For U+1C80..U+1C88 grep's line selection is one-way: 'в' does
 * not select a line with U+1C80 alone, but -o shows it in a selected line;
 * sgrep folds them both ways, see sgrep(1) BUGS.) */
static const uint32_t odd_case[][2] = {
    {0x00B5, 0x03BC}, {0x0131, 0x0069}, {0x017F, 0x0073}, {0x0345, 0x03B9},
    {0x03C2, 0x03C3}, {0x03D0, 0x03B2}, {0x03D1, 0x03B8}, {0x03D5, 0x03C6},
    {0x03D6, 0x03C0}, {0x03F0, 0x03BA}, {0x03F1, 0x03C1}, {0x03F5, 0x03B5},
    {0x1C80, 0x0432}, {0x1C81, 0x0434}, {0x1C82, 0x043E}, {0x1C83, 0x0441},
    {0x1C84, 0x0442}, {0x1C85, 0x0442}, {0x1C86, 0x044A}, {0x1C87, 0x0463},
    {0x1C88, 0xA64B}, {0x1E9B, 0x1E61}, {0x1FBE, 0x03B9},
};

size_t sino_match_odd_case(const uint32_t (**pairs)[2])
{
    *pairs = odd_case;
    return sizeof odd_case / sizeof odd_case[0];
}

/* The upper case as the C library has it: utf8proc makes the sharp s's
 * the capital sharp s, glibc leaves it alone. */
static uint32_t upper_of(uint32_t cp)
{
    return cp == 0xDF ? cp : (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
}

static int is_odd_case(uint32_t cp)
{
    for (size_t i = 0; i < sizeof odd_case / sizeof odd_case[0]; i++)
        if (odd_case[i][0] == cp) return 1;
    return 0;
}

/* -i folds a character to the lower case of its upper case when GNU grep -i
 * takes the two for one: an upper or title case letter whose lower case
 * leads back to it (K and k), or a letter of odd_case (long s and s). The
 * others match only themselves, as in grep: the Kelvin, Angstrom and Ohm
 * signs, capital theta symbol, capital I with a dot and capital sharp s,
 * whose lower case has another upper case. */
uint32_t sino_match_fold_cp(uint32_t cp, int flags)
{
    if (!(flags & SINO_MATCH_EXACT)) cp = sino_fullwidth_to_ascii(cp);
    if (!(flags & SINO_MATCH_ICASE)) return cp;
    if (cp < 128) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    uint32_t up = upper_of(cp);
    uint32_t low = (uint32_t)utf8proc_tolower((utf8proc_int32_t)up);
    if (low == cp) return cp;
    if (upper_of(low) != up) return cp;
    if (cp == up || cp == (uint32_t)utf8proc_totitle((utf8proc_int32_t)low) || is_odd_case(cp))
        return low;
    return cp;
}

static int add_cp(uint32_t *out, int n, int max, uint32_t cp)
{
    for (int i = 0; i < n; i++)
        if (out[i] == cp) return n;
    if (n < max) out[n++] = cp;
    return n;
}

int sino_match_char_class(const sino_dict *variants, int flags, uint32_t cp,
                          uint32_t *out, int max)
{
    int n = add_cp(out, 0, max, sino_match_fold_cp(cp, flags));
    if ((flags & SINO_MATCH_EXACT) || !variants) return n;
    unsigned char key[4];
    int kl = sino_utf8_encode(cp, key);
    sino_dict_value v;
    if (kl <= 0 || !sino_dict_get(variants, key, (size_t)kl, &v)) return n;
    const unsigned char *s = (const unsigned char *)v.str;
    size_t i = 0;
    while (i < v.len) {
        int32_t c;
        i += (size_t)sino_utf8_decode(s + i, v.len - i, &c);
        if (c >= 0) n = add_cp(out, n, max, sino_match_fold_cp((uint32_t)c, flags));
    }
    return n;
}

/* ---- inserted pinyin readings and line breaks between two characters ---- */

static int is_tone_letter(uint32_t c)
{
    static const uint32_t marked[] = {
        0x101, 0xE1, 0x1CE, 0xE0, 0x113, 0xE9, 0x11B, 0xE8, 0x12B, 0xED, 0x1D0,
        0xEC, 0x14D, 0xF3, 0x1D2, 0xF2, 0x16B, 0xFA, 0x1D4, 0xF9, 0x1D6, 0x1D8,
        0x1DA, 0x1DC, 0xFC, 0xEA, 0x1E3F, 0x144, 0x148, 0x1F9,
        0x100, 0xC1, 0x1CD, 0xC0, 0x112, 0xC9, 0x11A, 0xC8, 0x14C, 0xD3, 0x1D1,
        0xD2, 0xDC};
    for (size_t i = 0; i < sizeof marked / sizeof marked[0]; i++)
        if (marked[i] == c) return 1;
    return 0;
}

size_t sino_match_pinyin_len(const unsigned char *s, size_t n)
{
    size_t i;
    int full;
    if (n >= 1 && s[0] == '(') {
        i = 1;
        full = 0;
    } else if (n >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x88) {
        i = 3;
        full = 1;
    } else {
        return 0;
    }
    size_t letters = 0, lower = 0, marks = 0, other = 0;
    while (i < n && i < GAP_PINYIN) {
        unsigned char b = s[i];
        if (!full && b == ')') break;
        if (full && b == 0xEF && i + 2 < n && s[i + 1] == 0xBC && s[i + 2] == 0x89) break;
        if (b >= 'a' && b <= 'z') {
            letters++;
            lower++;
            i++;
        } else if (b >= 'A' && b <= 'Z') {
            letters++;
            other++;
            i++;
        } else if (b >= '1' && b <= '5' && letters > 0) {
            marks++;
            i++;
        } else if ((b == ' ' || b == '\'') && letters > 0) {
            other++;
            i++;
        } else if (b >= 0x80) {
            int32_t c;
            int k = sino_utf8_decode(s + i, n - i, &c);
            if (c < 0 || !is_tone_letter((uint32_t)c)) return 0;
            letters++;
            marks++;
            i += (size_t)k;
        } else {
            return 0;
        }
    }
    if (i >= n || i >= GAP_PINYIN || letters == 0) return 0;
    /* a tone mark, or a short unmarked lower-case syllable (的(de)) */
    if (marks == 0 && (other > 0 || lower > 6)) return 0;
    return i + (full ? 3 : 1);
}

static int is_hspace(unsigned char b)
{
    return b == ' ' || b == '\t' || b == '\r';
}

/* Skip a gap at p: an inserted reading and/or a line break (with at most one
 * blank line). Returns the position after it (p when there is none), or
 * SIZE_MAX when the gap may continue after len. */
static size_t skip_gap(const unsigned char *t, size_t len, size_t p, int at_eof)
{
    size_t q = p;
    size_t pin = sino_match_pinyin_len(t + q, len - q);
    if (!pin && !at_eof && len - q < GAP_PINYIN && q < len &&
        (t[q] == '(' || t[q] == 0xEF))
        return SIZE_MAX;
    q += pin;
    size_t r = q;
    while (r < len && r - q < GAP_BREAK && is_hspace(t[r])) r++;
    if (r == len && !at_eof) return SIZE_MAX;
    if (r < len && t[r] == '\n') {
        r++;
        size_t r2 = r;
        while (r2 < len && r2 - r < GAP_BREAK && is_hspace(t[r2])) r2++;
        if (r2 == len && !at_eof) return SIZE_MAX;
        if (r2 < len && t[r2] == '\n') r = r2 + 1;
        while (r < len && r - q < GAP_BREAK && (t[r] == ' ' || t[r] == '\t')) r++;
        if (r == len && !at_eof) return SIZE_MAX;
        q = r;
        if (!pin) {
            pin = sino_match_pinyin_len(t + q, len - q);
            if (!pin && !at_eof && len - q < GAP_PINYIN && (t[q] == '(' || t[q] == 0xEF))
                return SIZE_MAX;
            q += pin;
        }
    }
    return q;
}

static int in_class(const struct mpos *m, uint32_t c)
{
    for (int i = 0; i < m->n; i++)
        if (m->cps[i] == c) return 1;
    return 0;
}

/* Character at p: folded code point and length; 0 when the input ends inside
 * it (more needed), -1 when invalid. */
static int char_at(const unsigned char *t, size_t len, size_t p, int flags,
                   int at_eof, uint32_t *cp, size_t *k)
{
    if (t[p] < 0x80) {
        *cp = sino_match_fold_cp(t[p], flags);
        *k = 1;
        return 1;
    }
    int32_t c;
    int n = sino_utf8_decode(t + p, len - p, &c);
    *k = (size_t)n;
    if (c < 0) {
        if (!at_eof && sino_utf8_incomplete_tail(t + p, len - p) == len - p) return 0;
        return -1;
    }
    *cp = sino_match_fold_cp((uint32_t)c, flags);
    return 1;
}

/* Chinese text, where wraps and inserted readings are folded: Han, CJK
 * punctuation and full-width forms. */
static int is_cjk_text(int32_t c)
{
    return sino_is_han((uint32_t)c) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF00 && c <= 0xFFEF);
}

/* The character that ends at t[p] (p > s) is Chinese text. */
static int cjk_before(const unsigned char *t, size_t s, size_t p)
{
    size_t b = p - 1;
    while (b > s && p - b < 4 && (t[b] & 0xC0) == 0x80) b--;
    int32_t c;
    if (sino_utf8_decode(t + b, p - b, &c) != (int)(p - b)) return 0;
    return c >= 0 && is_cjk_text(c);
}

/* Match the pattern from s. 1 = match (end in *end), 0 = none, 2 = more needed.
 * A gap (a line break, an inserted reading) is skipped only between Chinese
 * characters, so text without Chinese matches as grep matches it. */
static int verify(const struct lit *L, int flags, const unsigned char *t,
                  size_t len, size_t s, int at_eof, size_t *end)
{
    int gaps = !(flags & (SINO_MATCH_EXACT | SINO_MATCH_NO_GAPS));
    size_t p = s;
    for (size_t i = 0; i < L->n; i++) {
        uint32_t c;
        size_t k;
        int st = 1;
        if (p >= len) {
            if (!at_eof) return 2;
            st = -1;
        } else {
            st = char_at(t, len, p, flags, at_eof, &c, &k);
            if (st == 0) return 2;
        }
        if (st < 0 || !in_class(&L->pos[i], c)) {
            if (i == 0 || !gaps || !cjk_before(t, s, p)) return 0;
            size_t q = skip_gap(t, len, p, at_eof);
            if (q == SIZE_MAX) return 2;
            if (q == p) return 0;
            if (in_class(&L->pos[i], ' ') && memchr(t + p, '\n', q - p)) {
                /* a space of the pattern where the text wraps the line */
                p = q;
                continue;
            }
            p = q;
            if (p >= len) return at_eof ? 0 : 2;
            st = char_at(t, len, p, flags, at_eof, &c, &k);
            if (st == 0) return 2;
            if (st < 0 || !in_class(&L->pos[i], c)) return 0;
            {
                int32_t raw;
                if (sino_utf8_decode(t + p, len - p, &raw) <= 0 || raw < 0 ||
                    !is_cjk_text(raw))
                    return 0;
            }
        }
        p += k;
    }
    *end = p;
    return 1;
}

/* ---- building a literal pattern ---- */

static int byte_score(unsigned char b)
{
    if (b >= 0xE4 && b <= 0xE9) return 9;
    if (b == ' ' || b == 'e' || b == 't' || b == 'a' || b == 'o' || b == 'i' || b == 'n') return 8;
    if (b >= 'a' && b <= 'z') return 6;
    if (b == 0xE3 || b == 0xEF || b == 0xE2) return 6;
    if (b == '\n' || (b >= '0' && b <= '9')) return 5;
    if (b >= 0x80 && b <= 0xBF) return 4;
    if (b >= 'A' && b <= 'Z') return 4;
    return 3;
}

static void add_form(struct lit *L, uint32_t cp)
{
    unsigned char buf[4];
    int n = sino_utf8_encode(cp, buf);
    if (n <= 0 || L->nforms >= MAX_FORMS) return;
    for (int i = 0; i < L->nforms; i++)
        if (L->flen[i] == n && !memcmp(L->form[i], buf, (size_t)n)) return;
    int f = L->nforms++;
    memcpy(L->form[f], buf, (size_t)n);
    L->flen[f] = (unsigned char)n;
    int best = 0;
    for (int i = 1; i < n; i++)
        if (byte_score(buf[i]) <= byte_score(buf[best])) best = i;
    L->rare[f] = (unsigned char)best;
}

/* Every text code point that folds to c (c itself, its other width and case). */
static int unfold(uint32_t c, int flags, uint32_t *out, int max)
{
    int n = add_cp(out, 0, max, c);
    uint32_t cases[3] = {c, c, c};
    if (flags & SINO_MATCH_ICASE) {
        cases[1] = c < 128 ? (c >= 'a' && c <= 'z' ? c - 32 : c)
                           : (uint32_t)utf8proc_toupper((utf8proc_int32_t)c);
        cases[2] = c < 128 ? c : (uint32_t)utf8proc_totitle((utf8proc_int32_t)c);
    }
    uint32_t odd[4];
    int nodd = 0;
    if (flags & SINO_MATCH_ICASE)
        for (size_t i = 0; i < sizeof odd_case / sizeof odd_case[0] && nodd < 4; i++)
            if (odd_case[i][1] == c) odd[nodd++] = odd_case[i][0];
    for (int i = 0; i < nodd; i++) n = add_cp(out, n, max, odd[i]);
    for (int i = 0; i < 3; i++) {
        uint32_t x = cases[i];
        n = add_cp(out, n, max, x);
        if (!(flags & SINO_MATCH_EXACT)) {
            if (x >= 0x21 && x <= 0x7E) n = add_cp(out, n, max, x + 0xFEE0);
            if (x == ' ') n = add_cp(out, n, max, 0x3000);
        }
    }
    return n;
}

static int first_byte_of(uint32_t cp)
{
    unsigned char b[4];
    return sino_utf8_encode(cp, b) > 0 ? b[0] : -1;
}

/* The forms of the pattern character after the anchor, when there is one
 * and it has few: a hit of the anchor that is followed by none of them (nor
 * by the start of a gap) is no match (anchor_follows). */
static void next_forms(struct lit *L, int flags)
{
    L->nnext = -1;
    if (L->anchor + 1 >= L->n) return;
    struct lit tmp;
    tmp.nforms = 0;
    const struct mpos *m = &L->pos[L->anchor + 1];
    for (int k = 0; k < m->n; k++) {
        uint32_t u[8];
        int nu = unfold(m->cps[k], flags, u, 8);
        for (int j = 0; j < nu; j++) add_form(&tmp, u[j]);
    }
    if (tmp.nforms > MAX_NEXT) return;
    for (int f = 0; f < tmp.nforms; f++) {
        memcpy(L->next[f], tmp.form[f], 4);
        L->nextlen[f] = tmp.flen[f];
    }
    L->nnext = tmp.nforms;
}

static struct lit *lit_compile(const sino_dict *variants, int flags,
                               const char *pat, size_t len, sino_error *err)
{
    struct lit *L = calloc(1, sizeof *L);
    if (!L) return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    L->pos = calloc(len ? len : 1, sizeof *L->pos);
    if (!L->pos) {
        free(L);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    }
#ifdef HAVE_AVX2_DISPATCH
    L->avx2 = __builtin_cpu_supports("avx2") != 0;
#endif
    L->gaps = !(flags & (SINO_MATCH_EXACT | SINO_MATCH_NO_GAPS));
    const unsigned char *s = (const unsigned char *)pat;
    size_t i = 0;
    while (i < len) {
        int32_t c;
        i += (size_t)sino_utf8_decode(s + i, len - i, &c);
        if (c < 0) {
            free(L->pos);
            free(L);
            return sino_fail(err, SINO_ERR_USAGE, "invalid UTF-8 in pattern"), NULL;
        }
        struct mpos *m = &L->pos[L->n++];
        m->n = sino_match_char_class(variants, flags, (uint32_t)c, m->cps, MAX_CLASS);
    }
    if (L->n == 0) return L;
    /* anchor: the position with the fewest byte forms, rarest bytes */
    long best_score = -1;
    for (size_t p = 0; p < L->n; p++) {
        struct lit tmp;
        tmp.nforms = 0;
        for (int k = 0; k < L->pos[p].n; k++) {
            uint32_t u[8];
            int nu = unfold(L->pos[p].cps[k], flags, u, 8);
            for (int j = 0; j < nu; j++) add_form(&tmp, u[j]);
        }
        long score = 0;
        for (int f = 0; f < tmp.nforms; f++) score += 1 + byte_score(tmp.form[f][tmp.rare[f]]);
        if (best_score < 0 || score < best_score) {
            best_score = score;
            L->anchor = p;
        }
    }
    for (int k = 0; k < L->pos[L->anchor].n; k++) {
        uint32_t u[8];
        int nu = unfold(L->pos[L->anchor].cps[k], flags, u, 8);
        for (int j = 0; j < nu; j++) add_form(L, u[j]);
    }
    next_forms(L, flags);
    for (int k = 0; k < L->pos[0].n; k++) {
        uint32_t u[8];
        int nu = unfold(L->pos[0].cps[k], flags, u, 8);
        for (int j = 0; j < nu; j++) {
            int b = first_byte_of(u[j]);
            if (b >= 0) L->first[b] = 1;
        }
    }
    return L;
}

static void lit_free(struct lit *L)
{
    if (!L) return;
    free(L->pos);
    free(L);
}

/* Whether a match can have its anchor character at h (fl bytes): verify
 * takes the next pattern character right after it or after a gap, and a gap
 * starts with a blank, a line break or a reading's opening parenthesis
 * ('(' or the full-width one, EF BC 88). Near the end of the text it is
 * left to verify (which may ask for more). Most hits of a frequent anchor
 * (中 in 中国) end here, without decoding anything. */
static int anchor_follows(const struct lit *L, int gaps, const unsigned char *t, size_t len,
                          size_t h, size_t fl)
{
    size_t p = h + fl;
    if (L->nnext < 0 || p + 4 > len) return 1;
    unsigned char b = t[p];
    if (gaps && (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '(' || b == 0xEF)) return 1;
    for (int i = 0; i < L->nnext; i++)
        if (!memcmp(t + p, L->next[i], L->nextlen[i])) return 1;
    return 0;
}

#ifdef HAVE_AVX2_DISPATCH
/* The AVX2 version of the byte filter below, 32 positions at a time;
 * returns the hit or SIZE_MAX with *next where the caller goes on. */
__attribute__((target("avx2")))
static size_t scan_avx2(const struct lit *L, int gaps, const unsigned char *t, size_t len,
                        size_t p, const unsigned char *F, size_t fl, size_t *next)
{
    size_t last = fl - 1;
    const __m256i b0 = _mm256_set1_epi8((char)F[0]);
    const __m256i b1 = _mm256_set1_epi8((char)F[1]);
    const __m256i bl = _mm256_set1_epi8((char)F[last]);
    while (p + last + 32 <= len) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(t + p));
        __m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + 1));
        __m256i z = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + last));
        unsigned mask = (unsigned)_mm256_movemask_epi8(
            _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(x, b0), _mm256_cmpeq_epi8(y, b1)),
                             _mm256_cmpeq_epi8(z, bl)));
        while (mask) {
            unsigned bit = (unsigned)__builtin_ctz(mask);
            if ((fl <= 3 || !memcmp(t + p + bit + 2, F + 2, fl - 3)) &&
                anchor_follows(L, gaps, t, len, p + bit, fl))
                return p + bit;
            mask &= mask - 1;
        }
        p += 32;
    }
    *next = p;
    return SIZE_MAX;
}
#endif

/* Next occurrence of form f at or after from that anchor_follows keeps (the
 * others cannot be the anchor of a match), or SIZE_MAX. Forms of two or
 * more bytes are found by comparing their first, second and last bytes
 * sixteen positions at a time (SSE2), then the whole form; one-byte forms by
 * memchr. The second byte matters: a Chinese form's first byte is the lead
 * byte of a sixth of all Han characters, and its last alone is frequent. */
static size_t form_next(const struct lit *L, int f, int gaps, const unsigned char *t,
                        size_t len, size_t from)
{
    size_t fl = L->flen[f];
    const unsigned char *F = L->form[f];
    if (fl > 1 && len >= fl) {
        size_t last = fl - 1;
        size_t p = from;
#ifdef HAVE_AVX2_DISPATCH
        if (L->avx2) {
            size_t h = scan_avx2(L, gaps, t, len, p, F, fl, &p);
            if (h != SIZE_MAX) return h;
        }
#endif
#if defined(__SSE2__)
        const __m128i b0 = _mm_set1_epi8((char)F[0]);
        const __m128i b1 = _mm_set1_epi8((char)F[1]);
        const __m128i bl = _mm_set1_epi8((char)F[last]);
        while (p + last + 16 <= len) {
            __m128i x = _mm_loadu_si128((const __m128i *)(t + p));
            __m128i y = _mm_loadu_si128((const __m128i *)(t + p + 1));
            __m128i z = _mm_loadu_si128((const __m128i *)(t + p + last));
            unsigned mask = (unsigned)_mm_movemask_epi8(
                _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(x, b0), _mm_cmpeq_epi8(y, b1)),
                              _mm_cmpeq_epi8(z, bl)));
            while (mask) {
                unsigned bit = (unsigned)__builtin_ctz(mask);
                if ((fl <= 3 || !memcmp(t + p + bit + 2, F + 2, fl - 3)) &&
                    anchor_follows(L, gaps, t, len, p + bit, fl))
                    return p + bit;
                mask &= mask - 1;
            }
            p += 16;
        }
#endif
        size_t r = L->rare[f];
        unsigned char b = F[r];
        size_t q = p + r;
        while (q < len) {
            const unsigned char *hit = memchr(t + q, b, len - q);
            if (!hit) return SIZE_MAX;
            size_t h = (size_t)(hit - t) - r;
            if (h + fl <= len && !memcmp(t + h, F, fl) && anchor_follows(L, gaps, t, len, h, fl))
                return h;
            q = (size_t)(hit - t) + 1;
        }
        return SIZE_MAX;
    }
    if (fl == 1 && from < len) {
        const unsigned char *hit = memchr(t + from, F[0], len - from);
        return hit ? (size_t)(hit - t) : SIZE_MAX;
    }
    return SIZE_MAX;
}

static int line_bounds_ok(const unsigned char *t, size_t len, size_t s, size_t e,
                          int at_eof)
{
    if (s > 0 && t[s - 1] != '\n') return 0;
    if (e < len) return t[e] == '\n';
    return at_eof;
}

static int lit_find_anchored(struct lit *L, int flags, const unsigned char *t, size_t len,
                             size_t from, int at_eof, size_t *ms, size_t *me);

static int lit_find(struct lit *L, int flags, const unsigned char *t, size_t len,
                    size_t from, int at_eof, size_t *ms, size_t *me)
{
    int whole = (flags & SINO_MATCH_LINE) != 0;
    if (L->n == 0) {
        for (size_t p = from; p <= len; p++) {
            if (whole && p == len) break;   /* after the last newline: no line */
            if (!whole || line_bounds_ok(t, len, p, p, at_eof)) {
                *ms = *me = p;
                return SINO_MATCH_FOUND;
            }
            const unsigned char *nl = p < len ? memchr(t + p, '\n', len - p) : NULL;
            if (!nl) break;
            p = (size_t)(nl - t);
        }
        return SINO_MATCH_NONE;
    }
    if (L->ctext != t || L->clen != len) {
        L->ctext = t;
        L->clen = len;
        for (int f = 0; f < L->nforms; f++) L->cnext[f] = SIZE_MAX - 1;
    }
    int gaps = !(flags & (SINO_MATCH_EXACT | SINO_MATCH_NO_GAPS));
    size_t per = 4 + (gaps ? MAX_GAP : 0);
    if (!at_eof) {
        /* A match may run past len, its anchor not yet in the text: look at
         * the candidates near the end first. */
        size_t span = L->n * per;
        size_t tail = len - from > span ? len - span : from;
        size_t s, e;
        int r = lit_find_anchored(L, flags, t, len, from, 0, &s, &e);
        if (r == SINO_MATCH_FOUND && s < tail) {
            *ms = s;
            *me = e;
            return r;
        }
        while (tail < len && (t[tail] & 0xC0) == 0x80) tail++;
        for (size_t p = tail; p < len; p++) {
            if ((t[p] & 0xC0) == 0x80 || !L->first[t[p]]) continue;
            int v = verify(L, flags, t, len, p, 0, &e);
            if (v == 2 || (v == 1 && whole && e == len)) {
                *ms = p;
                return SINO_MATCH_MORE;
            }
            if (v == 1 && (!whole || line_bounds_ok(t, len, p, e, 0))) {
                *ms = p;
                *me = e;
                return SINO_MATCH_FOUND;
            }
        }
        return SINO_MATCH_NONE;
    }
    return lit_find_anchored(L, flags, t, len, from, at_eof, ms, me);
}

static int lit_find_anchored(struct lit *L, int flags, const unsigned char *t, size_t len,
                             size_t from, int at_eof, size_t *ms, size_t *me)
{
    int whole = (flags & SINO_MATCH_LINE) != 0;
    int gaps = !(flags & (SINO_MATCH_EXACT | SINO_MATCH_NO_GAPS));
    size_t per = 4 + (gaps ? MAX_GAP : 0);
    size_t apos = from;
    for (;;) {
        size_t h = SIZE_MAX;
        int hf = 0;
        for (int f = 0; f < L->nforms; f++) {
            if (L->cnext[f] == SIZE_MAX - 1 || L->cnext[f] < apos)
                L->cnext[f] = L->multi ? sino_multi_next(L->multi, L->mid[f], t, len, apos)
                                       : form_next(L, f, gaps, t, len, apos);
            if (L->cnext[f] < h) {
                h = L->cnext[f];
                hf = f;
            }
        }
        if (h == SIZE_MAX) break;
        if (!anchor_follows(L, gaps, t, len, h, L->flen[hf])) {
            apos = h + 1;
            continue;
        }
        size_t lo = h;
        if (L->anchor > 0) {
            /* Fast path: step back over the characters before the anchor.
             * Only when one of them is missing and the text just before is
             * the end of a possible gap (a line break, spaces, a reading's
             * closing parenthesis) are all starts in the window tried. */
            size_t s = h;
            int state = 1;   /* 1 = all found, 0 = impossible, 2 = try the window */
            for (size_t i = L->anchor; i-- > 0;) {
                if (s <= from) {
                    state = 0;
                    break;
                }
                size_t q = s - 1;
                while (q > from && (t[q] & 0xC0) == 0x80 && s - q < 4) q--;
                uint32_t c;
                size_t k;
                if (char_at(t, len, q, flags, 1, &c, &k) > 0 && q + k == s &&
                    in_class(&L->pos[i], c)) {
                    s = q;
                    continue;
                }
                unsigned char b = t[s - 1];
                if (gaps && (b == '\n' || b == ' ' || b == '\t' || b == '\r' || b == ')' ||
                             (b == 0x89 && s >= 3 && t[s - 3] == 0xEF && t[s - 2] == 0xBC)))
                    state = 2;
                else
                    state = 0;
                break;
            }
            if (state != 2) {
                if (state == 1) {
                    size_t e;
                    int r = verify(L, flags, t, len, s, at_eof, &e);
                    if (r == 2) {
                        *ms = s;
                        return SINO_MATCH_MORE;
                    }
                    if (r == 1 && (!whole || line_bounds_ok(t, len, s, e, at_eof))) {
                        *ms = s;
                        *me = e;
                        return SINO_MATCH_FOUND;
                    }
                    if (r == 1 && whole && e == len && !at_eof) {
                        *ms = s;
                        return SINO_MATCH_MORE;
                    }
                }
                apos = h + 1;
                continue;
            }
            size_t back = L->anchor * per;
            lo = h - from > back ? h - back : from;
            while (lo < h && (t[lo] & 0xC0) == 0x80) lo++;
        }
        for (size_t s = lo; s <= h; s++) {
            if ((t[s] & 0xC0) == 0x80 || !L->first[t[s]]) continue;
            size_t e;
            int r = verify(L, flags, t, len, s, at_eof, &e);
            if (r == 2) {
                *ms = s;
                return SINO_MATCH_MORE;
            }
            if (r == 1) {
                if (whole && !line_bounds_ok(t, len, s, e, at_eof)) {
                    if (e == len && !at_eof) {
                        *ms = s;
                        return SINO_MATCH_MORE;
                    }
                    continue;
                }
                *ms = s;
                *me = e;
                return SINO_MATCH_FOUND;
            }
        }
        apos = h + 1;
    }
    return SINO_MATCH_NONE;
}

/* ---- the matcher ---- */

sino_matcher *sino_matcher_new(const sino_dict *variants, int flags, sino_error *err)
{
    sino_matcher *m = calloc(1, sizeof *m);
    if (!m) return sino_fail(err, SINO_ERR_NOMEM, "out of memory"), NULL;
    m->variants = variants;
    m->flags = flags;
    m->loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    sino_tokens_init(&m->tokens);
    sino_error_clear(&m->find_err);
    return m;
}

void sino_matcher_free(sino_matcher *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) {
        lit_free(m->pats[i].lit);
        lit_free(m->pats[i].pre);
        sino_match_posix_free(m->pats[i].px);
        sino_match_pcre_free(m->pats[i].pc);
    }
    free(m->pats);
    free(m->rest);
    sino_ac_free(m->ac);
    sino_multi_free(m->multi);
    sino_tokens_free(&m->tokens);
    if (m->loc) freelocale(m->loc);
    free(m);
}

void sino_matcher_set_words(sino_matcher *m, const sino_seg *seg)
{
    m->seg = seg;
    if (seg && !(m->flags & SINO_MATCH_PERL)) m->flags |= SINO_MATCH_WORD;
}

size_t sino_matcher_count(const sino_matcher *m) { return m->n; }

size_t sino_matcher_warnings(const sino_matcher *m, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (!m->pats[i].px) continue;
        const char *w[8];
        size_t k = sino_match_posix_warnings(m->pats[i].px, w, 8);
        for (size_t j = 0; j < k; j++, n++)
            if (n < max) out[n] = w[j];
    }
    return n;
}

void sino_matcher_reset(sino_matcher *m)
{
    for (size_t i = 0; i < m->n; i++) {
        m->pats[i].ctext = NULL;
        if (m->pats[i].lit) m->pats[i].lit->ctext = NULL;
        if (m->pats[i].pre) m->pats[i].pre->ctext = NULL;
    }
    if (m->multi) sino_multi_reset(m->multi);
    m->lb_text = NULL;
    /* the automaton keeps nothing between searches */
}

/* Whether a regular expression is a plain string: then it is searched as
 * a literal, with folding. Writes the string (escapes removed) to out. */
static int plain_regex(const char *pat, size_t len, int basic, char *out, size_t *olen)
{
    const char *special = basic ? "\\[*.^$" : "\\[*.^$+?{}()|";
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (strchr(special, pat[i]) || pat[i] == 0) return 0;
        out[n++] = pat[i];
    }
    *olen = n;
    return 1;
}

/* The longest run of literal characters every match of a grep regular
 * expression contains (none when there is a top-level alternation): the
 * run ends at a bracket, group, anchor or escape, and a character followed
 * by a repetition operator is not part of it. */
static size_t required_literal(const char *pat, size_t len, int basic, size_t *start)
{
    const unsigned char *p = (const unsigned char *)pat;
    size_t best = 0, bs = 0, rs = 0, rl = 0, last = 0;   /* last: start of the last char */
    int depth = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        int lit = 0;
        size_t k = 1;
        if (c == '\\' && i + 1 < len) {
            unsigned char d = p[i + 1];
            k = 2;
            if (basic && (d == '|')) return 0;
            if (basic && d == '(') depth++;
            if (basic && d == ')') depth--;
            if (basic && (d == '{' || d == '?' || d == '+')) {
                if (rl) rl = last - rs;   /* the repeated char leaves the run */
                if (d == '{') {           /* and so does the interval \{m,n\} */
                    const char *e = memchr(pat + i, '}', len - i);
                    k = e ? (size_t)(e - pat) + 1 - i : len - i;
                }
                goto flush;
            }
            k = 2;
            goto flush;
        }
        if (c == '|' && !basic) return 0;
        if (c == '(' && !basic) { depth++; goto flush; }
        if (c == ')' && !basic) { depth--; goto flush; }
        if (c == '*' || (!basic && (c == '?' || c == '+' || c == '{'))) {
            if (rl) rl = last - rs;
            if (c == '{') {
                const char *e = memchr(pat + i, '}', len - i);
                k = e ? (size_t)(e - pat) + 1 - i : len - i;
            }
            goto flush;
        }
        if (c == '[' || c == '.' || c == '^' || c == '$' || c == '\n') goto flush;
        if (depth == 0) {
            int32_t cp;
            k = (size_t)sino_utf8_decode(p + i, len - i, &cp);
            lit = cp >= 0;
        }
    flush:
        if (lit) {
            if (!rl) rs = i;
            last = i;
            rl = i + k - rs;
        } else {
            if (rl > best) {
                best = rl;
                bs = rs;
            }
            rl = 0;
            if (c == '[') {   /* skip the bracket expression */
                size_t j = i + 1;
                if (j < len && p[j] == '^') j++;
                if (j < len && p[j] == ']') j++;
                while (j < len && p[j] != ']') {
                    if (p[j] == '[' && j + 1 < len && (p[j + 1] == ':' || p[j + 1] == '.' || p[j + 1] == '=')) {
                        unsigned char d = p[j + 1];
                        j += 2;
                        while (j + 1 < len && !(p[j] == d && p[j + 1] == ']')) j++;
                        j += 2;
                    } else {
                        j++;
                    }
                }
                k = j + 1 - i;
            }
        }
        i += k;
    }
    if (rl > best) {
        best = rl;
        bs = rs;
    }
    *start = bs;
    return best;
}

static int add_regex(sino_matcher *m, struct pattern *p, const char *pat, size_t len,
                     sino_error *err)
{
    int basic = (m->flags & SINO_MATCH_BASIC) != 0;
    char *plain = malloc(len + 1);
    if (!plain) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    size_t plen;
    if (plain_regex(pat, len, basic, plain, &plen) && sino_utf8_valid_prefix((const unsigned char *)plain, plen) == plen) {
        p->lit = lit_compile(m->variants, m->flags, plain, plen, err);
        free(plain);
        return p->lit ? SINO_OK : err->code;
    }
    free(plain);
    p->px = sino_match_posix_compile(pat, len, m->flags, m->variants, err);
    if (!p->px) return err->code;
    if (sino_match_posix_sel(p->px)) return SINO_OK;   /* its lines need no literal of its matches */
    size_t rs, rl = required_literal(pat, len, basic, &rs);
    if (rl > 0 && sino_utf8_valid_prefix((const unsigned char *)pat + rs, rl) == rl) {
        int pf = (m->flags | SINO_MATCH_NO_GAPS) & ~(SINO_MATCH_LINE | SINO_MATCH_WORD);
        sino_error e2;
        sino_error_clear(&e2);
        p->pre = lit_compile(m->variants, pf, pat + rs, rl, &e2);   /* none on failure */
    }
    return SINO_OK;
}

int sino_matcher_add(sino_matcher *m, const char *pat, size_t len, sino_error *err)
{
    if ((m->flags & SINO_MATCH_PERL) && m->n > 0)
        return sino_fail(err, SINO_ERR_USAGE, "the -P option only supports a single pattern");
    if (SINO_GROW(m->pats, m->cap, m->n + 1)) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    struct pattern *p = &m->pats[m->n];
    memset(p, 0, sizeof *p);
    if (m->flags & SINO_MATCH_PERL) {
        p->pc = sino_match_pcre_compile(pat, len, m->flags, m->variants, err);
        if (!p->pc) return err->code;
    } else if (m->flags & SINO_MATCH_REGEX) {
        int r = add_regex(m, p, pat, len, err);
        if (r != SINO_OK) return r;
    } else if (sino_utf8_valid_prefix((const unsigned char *)pat, len) < len) {
        /* grep -F searches a string that is not UTF-8 as a basic regular
         * expression, each byte standing for itself */
        struct sino_pat_buf b = {0};
        sino_pat_put(&b, "", 0);
        for (size_t i = 0; i < len; i++) {
            if (pat[i] && strchr("\\[*.^$", pat[i])) sino_pat_put(&b, "\\", 1);
            sino_pat_put(&b, pat + i, 1);
        }
        if (b.oom) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        p->px = sino_match_posix_compile(b.s, b.n, m->flags | SINO_MATCH_BASIC, m->variants, err);
        free(b.s);
        if (!p->px) return err->code;
    } else {
        p->lit = lit_compile(m->variants, m->flags, pat, len, err);
        if (!p->lit) return err->code;
    }
    m->n++;
    return SINO_OK;
}

int sino_match_fixed_keys(char *keys, size_t *len, int flags)
{
    if (!(flags & SINO_MATCH_REGEX) || (flags & SINO_MATCH_PERL)) return 0;
    int basic = (flags & SINO_MATCH_BASIC) != 0;
    size_t n = *len;
    /* two different patterns at least */
    const char *nl = memchr(keys, '\n', n);
    size_t first = nl ? (size_t)(nl - keys) : n;
    int differ = 0;
    for (size_t i = first + 1; i < n && !differ;) {
        nl = memchr(keys + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - keys) : n;
        differ = e - i != first || memcmp(keys + i, keys, first);
        i = e + 1;
    }
    if (!differ) return 0;
    if (sino_utf8_valid_prefix((const unsigned char *)keys, n) < n) return 0;
    size_t end = keys[n - 1] == '\n' ? n - 1 : n;   /* grep drops the last newline */
    for (size_t i = 0; i < end; i++) {
        unsigned char c = (unsigned char)keys[i];
        if (c >= 0x80 && (flags & SINO_MATCH_ICASE)) return 0;
        if (strchr("$*.[^", c) && c) return 0;
        if (!basic && strchr("(+?{|", c) && c) return 0;
        if (c == '\\' && i + 1 < end) {
            unsigned char d = (unsigned char)keys[i + 1];
            if (d == '\n' || (d && strchr("BSW'<bsw`>123456789", d))) return 0;
            if (basic && d && strchr("(+?{|", d)) return 0;
            i++;
        }
    }
    /* the strings: an escaped character is itself (a final backslash too) */
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (keys[i] == '\\' && i + 1 < end) i++;
        keys[o++] = keys[i];
    }
    *len = o;
    return 1;
}

int sino_matcher_match_eol(const sino_matcher *m)
{
    int f = m->flags;
    return (f & SINO_MATCH_LINE) && (f & SINO_MATCH_WORD) && (f & SINO_MATCH_REGEX) &&
           !(f & SINO_MATCH_PERL);
}

size_t sino_matcher_max_span(const sino_matcher *m)
{
    size_t max = 0;
    int gaps = !(m->flags & (SINO_MATCH_EXACT | SINO_MATCH_NO_GAPS));
    for (size_t i = 0; i < m->n; i++) {
        size_t s = 4096;
        if (m->pats[i].lit) s = m->pats[i].lit->n * (4 + (gaps ? MAX_GAP : 0));
        if (s > max) max = s;
    }
    return max;
}

/* ---- whole words ---- */

#define WORD_WINDOW 96   /* bytes of context segmented on each side */

static int cp_at(const unsigned char *t, size_t len, size_t p, uint32_t *cp)
{
    int32_t c;
    int k = sino_utf8_decode(t + p, len - p, &c);
    *cp = c < 0 ? 0 : (uint32_t)c;
    return k;
}

/* The character that ends at p, or that holds the byte before p (-w: grep
 * looks at the character a byte belongs to), of t[0..len). */
static int cp_before(const unsigned char *t, size_t len, size_t p, uint32_t *cp)
{
    size_t q = sino_utf8_char_start(t, p - 1);
    int32_t c;
    int k = sino_utf8_decode(t + q, len - q, &c);
    if (q + (size_t)k < p) {   /* the byte before p is not in that character */
        *cp = 0;
        return 1;
    }
    *cp = c < 0 ? 0 : (uint32_t)c;
    return (int)(p - q);
}

/* grep's word constituent: a letter or digit of the locale, or '_'. */
static int is_word_cp(const sino_matcher *m, uint32_t c)
{
    if (c < 128) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (m->loc) return iswalnum_l((wint_t)c, m->loc) != 0;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           cat == UTF8PROC_CATEGORY_ND;
}

/* Whether the segmentation of the Han run around [s, e) has token bounds
 * at s (when need_s) and at e (when need_e). */
static int seg_bounds(sino_matcher *m, const unsigned char *t, size_t len, size_t s, size_t e,
                      int need_s, int need_e)
{
    size_t ws = s, we = e;
    while (ws > 0 && s - ws < WORD_WINDOW) {
        uint32_t x;
        int k = cp_before(t, len, ws, &x);
        if (!sino_is_han(x)) break;
        ws -= (size_t)k;
    }
    while (we < len && we - e < WORD_WINDOW) {
        uint32_t x;
        int k = cp_at(t, len, we, &x);
        if (!sino_is_han(x)) break;
        we += (size_t)k;
    }
    m->tokens.n = 0;
    sino_error err;
    sino_error_clear(&err);
    if (sino_seg_cut(m->seg, (const char *)t + ws, we - ws, SINO_SEG_HMM | SINO_SEG_T2S,
                     &m->tokens, &err) != SINO_OK)
        return 1;   /* no segmentation: accept */
    int ok_s = !need_s, ok_e = !need_e;
    for (size_t i = 0; i < m->tokens.n; i++) {
        if (ws + m->tokens.v[i].start == s) ok_s = 1;
        if (ws + m->tokens.v[i].end == e) ok_e = 1;
    }
    return ok_s && ok_e;
}

/* Whether [s, e) is a whole word: grep's rule (no word character just
 * before or after it); between two Han characters segmentation decides,
 * and a Han character next to a non-Han one is a boundary. */
static int word_ok(sino_matcher *m, const unsigned char *t, size_t len, size_t s, size_t e)
{
    uint32_t a = 0, b = 0, c = 0, d = 0;
    int has_a = s > 0 && t[s - 1] != '\n', has_d = e < len && t[e] != '\n';
    if (has_a) cp_before(t, len, s, &a);
    if (s < e) cp_at(t, len, s, &b);
    if (e > s) cp_before(t, len, e, &c);
    if (has_d) cp_at(t, len, e, &d);
    int need_s = 0, need_e = 0;
    if (has_a && is_word_cp(m, a)) {
        if (!sino_is_han(a) || s == e || !is_word_cp(m, b)) return 0;
        if (sino_is_han(b)) need_s = 1;   /* Han before Latin: a boundary */
    }
    if (has_d && is_word_cp(m, d)) {
        if (!sino_is_han(d) || s == e || !is_word_cp(m, c)) return 0;
        if (sino_is_han(c)) need_e = 1;
    }
    if (!need_s && !need_e) return 1;
    if (!m->seg) return 0;   /* inside a Han run without segmentation: grep's answer */
    return seg_bounds(m, t, len, s, e, need_s, need_e);
}

/* ---- regular expressions, one line at a time ---- */

/* The longest match of any pattern that starts at s and ends by limit, in
 * bytes, or -1 (-w shortens a match that is not a whole word this way). */
static long match_at_any(sino_matcher *m, const unsigned char *t, size_t len, size_t s,
                         size_t limit)
{
    const unsigned char *nl = memrchr(t, '\n', s);
    size_t ls = nl ? (size_t)(nl - t) + 1 : 0;
    nl = memchr(t + s, '\n', len - s);
    size_t le = nl ? (size_t)(nl - t) : len;
    long best = -1;
    for (size_t i = 0; i < m->n; i++) {
        struct pattern *p = &m->pats[i];
        long k = -1;
        if (p->lit) {
            size_t e;
            if (p->lit->n == 0) k = 0;
            else if (s < len && p->lit->first[t[s]] &&
                     verify(p->lit, m->flags, t, len, s, 1, &e) == 1 && e <= limit)
                k = (long)(e - s);
        } else if (p->px && limit <= le) {
            k = sino_match_posix_match_at(p->px, t + ls, le - ls, s - ls, limit - ls);
            if (k < -1) return k;
        }
        if (k > best) best = k;
    }
    return best;
}

/* How grep's DFA reading of a pattern (sino_match_posix_sel) counts: when
 * its DFA decides every pattern's lines by itself (1), a line is selected
 * by that reading alone; else (-1, and always with -w) the reading only
 * filters the lines the library's regex then decides, and not even that
 * (-2) when no pattern has a character. */
static void sel_prepare(sino_matcher *m)
{
    m->sel_state = 1;
    if ((m->flags & SINO_MATCH_WORD) && !(m->flags & SINO_MATCH_LINE)) m->sel_state = -1;
    int chars = 0;
    for (size_t i = 0; i < m->n; i++) {
        struct pattern *p = &m->pats[i];
        if (p->px && !sino_match_posix_dfa_ok(p->px)) m->sel_state = -1;
        if ((p->px && sino_match_posix_has_char(p->px)) || (p->lit && p->lit->n > 0)) chars = 1;
    }
    /* grep keeps its DFA's superset only when a pattern has a character */
    if (m->sel_state < 0 && !chars) m->sel_state = -2;
}

/* Whether a pattern other than pt selects the line s[0..len): grep reads
 * all its patterns as one expression, so the matches of one are shown in
 * a line another selects. */
static int other_selects(sino_matcher *m, const struct pattern *pt, const unsigned char *s,
                         size_t len)
{
    for (size_t i = 0; i < m->n; i++) {
        struct pattern *p = &m->pats[i];
        size_t a, b;
        int r = 0;
        if (p == pt) continue;
        if (p->px) {
            sino_match_posix *sel = sino_match_posix_sel(p->px);
            r = sino_match_posix_find(sel ? sel : p->px, s, len, 0, &a, &b);
        } else if (p->lit) {
            int f = m->flags & ~(SINO_MATCH_LINE | SINO_MATCH_WORD);
            r = lit_find(p->lit, f, s, len, 0, 1, &a, &b);
            p->lit->ctext = NULL;   /* its cache is for the whole buffer */
            if (r == SINO_MATCH_FOUND) r = 1;
        }
        if (r != 0) return r;
    }
    return 0;
}

/* A match of pattern pt in the line s[0..len) at or after from. */
static int line_find(sino_matcher *m, struct pattern *pt, const unsigned char *s, size_t len,
                     size_t from, size_t *ms, size_t *me)
{
    if (pt->pc) {
        int r = sino_match_pcre_find(pt->pc, s, len, from, ms, me, &m->find_err);
        return r;
    }
    sino_match_posix *sel = sino_match_posix_sel(pt->px);
    if (sel && m->sel_state == 0) sel_prepare(m);
    if (m->sel_state == -2) sel = NULL;   /* the library's regex alone */
    int by_sel = sel && m->sel_state > 0;
    if (sel) {
        size_t a, b;
        int r = sino_match_posix_find(sel, s, len, 0, &a, &b);
        if (r == 0 && !(m->flags & SINO_MATCH_LINE)) r = other_selects(m, pt, s, len);
        if (r != 1) return r;
    }
    if (m->flags & SINO_MATCH_LINE) {
        if (from > 0) return 0;
        long r = by_sel ? (long)len : sino_match_posix_match_at(pt->px, s, len, 0, len);
        if (r < -1) return (int)r;
        if (r != (long)len) return 0;
        *ms = 0;
        *me = len;
        return 1;
    }
    int r = sino_match_posix_find(pt->px, s, len, from, ms, me);
    if (r == 0 && by_sel && from == 0) {
        /* the line is the DFA's answer, the match the library's: a
         * selected line may hold none (an empty one at its start stands
         * for the line) */
        *ms = *me = 0;
        return 1;
    }
    return r;
}

/* The bounds of the line that holds t[from] (or ends at from) in t[0..len):
 * its start, and its end (the newline, or len); from the cache when it is
 * that line's. */
static void line_bounds(sino_matcher *m, const unsigned char *t, size_t len, size_t from,
                        size_t *ls, size_t *le)
{
    if (m->lb_text == t && m->lb_len == len && m->lb_start <= from && from <= m->lb_end) {
        *ls = m->lb_start;
        *le = m->lb_end;
        return;
    }
    const unsigned char *nl = from > 0 ? memrchr(t, '\n', from) : NULL;
    *ls = nl ? (size_t)(nl - t) + 1 : 0;
    nl = from < len ? memchr(t + from, '\n', len - from) : NULL;
    *le = nl ? (size_t)(nl - t) : len;
    m->lb_text = t;
    m->lb_len = len;
    m->lb_start = *ls;
    m->lb_end = *le;
}

static int re_find_lines(sino_matcher *m, struct pattern *pt, const unsigned char *t, size_t len,
                         size_t from, int at_eof, size_t *ms, size_t *me);

/* With a required literal: run the regex only on the lines that have it. */
static int re_find(sino_matcher *m, struct pattern *pt, const unsigned char *t, size_t len,
                   size_t from, int at_eof, size_t *ms, size_t *me)
{
    if (!pt->pre) return re_find_lines(m, pt, t, len, from, at_eof, ms, me);
    struct lit *L = pt->pre;
    int pf = (m->flags | SINO_MATCH_NO_GAPS) & ~(SINO_MATCH_LINE | SINO_MATCH_WORD);
    size_t p = from;
    for (;;) {
        size_t h, he;
        int r = lit_find(L, pf, t, len, p, 1, &h, &he);
        if (r != SINO_MATCH_FOUND) {
            if (!at_eof && len > from && t[len - 1] != '\n') {
                size_t ls = len;
                while (ls > from && t[ls - 1] != '\n') ls--;
                if (ls < p) ls = p;
                *ms = ls;
                return SINO_MATCH_MORE;
            }
            return SINO_MATCH_NONE;
        }
        size_t ls, le;
        line_bounds(m, t, len, h, &ls, &le);
        if (ls < p) ls = p;
        const unsigned char *nl = le < len ? t + le : NULL;
        r = re_find_lines(m, pt, t, nl ? le + 1 : len, ls, nl ? 1 : at_eof, ms, me);
        if (r != SINO_MATCH_NONE) return r;
        if (!nl) return SINO_MATCH_NONE;
        p = le + 1;
    }
}

static int re_find_lines(sino_matcher *m, struct pattern *pt, const unsigned char *t, size_t len,
                         size_t from, int at_eof, size_t *ms, size_t *me)
{
    if (from > len) return SINO_MATCH_NONE;
    size_t ls, le;   /* the line's start, for ^ and \< */
    line_bounds(m, t, len, from, &ls, &le);
    size_t p = from;
    for (;;) {
        if (p != from) line_bounds(m, t, len, p, &ls, &le);
        const unsigned char *nl = le < len ? t + le : NULL;
        if (!nl && !at_eof) {
            *ms = ls;
            return SINO_MATCH_MORE;
        }
        if (p == len && p == ls && !nl && len > 0 && ls > 0 && t[ls - 1] == '\n')
            return SINO_MATCH_NONE;   /* after the last newline: no line */
        size_t s, e;
        int r = line_find(m, pt, t + ls, le - ls, p - ls, &s, &e);
        if (r < 0) return r;
        if (r == 1) {
            *ms = ls + s;
            *me = ls + e;
            return SINO_MATCH_FOUND;
        }
        if (!nl) return SINO_MATCH_NONE;
        ls = p = le + 1;
        if (p == len && at_eof) return SINO_MATCH_NONE;
    }
}

static int find_any(sino_matcher *m, const char *text, size_t len, size_t from,
                    int at_eof, size_t *ms, size_t *me);

/* ---- a few literals: their anchor forms in one pass (match_multi.c) ---- */

/* A hit of a literal's anchor form that anchor_follows keeps. */
static int multi_keep(const void *ctx, const unsigned char *t, size_t len, size_t pos, size_t flen)
{
    const struct lit *L = ctx;
    return anchor_follows(L, L->gaps, t, len, pos, flen);
}

/* With no automaton, the literal patterns with two or more anchor forms in
 * all (and at most SINO_MULTI_MAX) share one pass; else each form has its own. */
static void multi_prepare(sino_matcher *m)
{
    int nforms = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->pats[i].lit && m->pats[i].lit->n > 0) nforms += m->pats[i].lit->nforms;
    if (nforms < 2 || nforms > SINO_MULTI_MAX || !(m->multi = sino_multi_new())) return;
    for (size_t i = 0; i < m->n; i++) {
        struct lit *L = m->pats[i].lit;
        if (!L || L->n == 0) continue;
        for (int f = 0; f < L->nforms; f++)
            L->mid[f] = sino_multi_add(m->multi, L->form[f], L->flen[f], multi_keep, L);
        L->multi = m->multi;
        L->ctext = NULL;
    }
}

/* ---- many literals: one Aho-Corasick pass (match_ac.c) ---- */

/* Decide once, at the first search, whether the literal patterns are
 * searched together; without memory for the automaton they are not. */
static void ac_prepare(sino_matcher *m)
{
    m->ac_state = -1;
    size_t nlit = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->pats[i].lit && m->pats[i].lit->n > 0) nlit++;
    if (nlit < AC_MIN_PATTERNS) return;
    sino_ac *a = sino_ac_new(m->flags);
    if (!a) return;
    for (size_t i = 0; i < m->n; i++) {
        struct lit *L = m->pats[i].lit;
        if (!L || L->n == 0) continue;
        const uint32_t **cls = malloc(L->n * sizeof *cls);
        int *ncls = malloc(L->n * sizeof *ncls);
        int bad = !cls || !ncls;
        for (size_t j = 0; !bad && j < L->n; j++) {
            cls[j] = L->pos[j].cps;
            ncls[j] = L->pos[j].n;
        }
        if (!bad) bad = sino_ac_add(a, i, cls, ncls, L->n) != 0;
        free(cls);
        free(ncls);
        if (bad) {
            sino_ac_free(a);
            return;
        }
    }
    if (sino_ac_build(a) != 0) {
        sino_ac_free(a);
        return;
    }
    /* the patterns outside the automaton, so that a search with thousands
     * of literals does not walk all of them for the few it must try alone */
    size_t *rest = malloc((m->n - nlit + 1) * sizeof *rest);
    if (!rest) {
        sino_ac_free(a);
        return;
    }
    m->nrest = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (m->pats[i].lit && m->pats[i].lit->n > 0) m->pats[i].in_ac = 1;
        else rest[m->nrest++] = i;
    }
    m->rest = rest;
    m->ac = a;
    m->ac_state = 1;
}

struct ac_ctx {
    sino_matcher *m;
    const unsigned char *t;
    size_t len, from, span;
    int at_eof;
    int r;              /* best so far: SINO_MATCH_NONE, _FOUND or _MORE */
    size_t s, e;
};

static size_t ac_gap(void *ctx, const unsigned char *t, size_t len, size_t p)
{
    return skip_gap(t, len, p, ((struct ac_ctx *)ctx)->at_eof);
}

static void ac_offer(struct ac_ctx *c, int r, size_t s, size_t e)
{
    if (c->r == SINO_MATCH_NONE || s < c->s ||
        (s == c->s && (r == SINO_MATCH_MORE || (c->r == SINO_MATCH_FOUND && e > c->e)))) {
        c->r = r;
        c->s = s;
        c->e = e;
    }
}

/* Verify a candidate of pattern id: at start (exact) or at each start
 * before the gap at start. */
static int ac_hit(void *ctx, size_t id, size_t n, int exact, size_t start, size_t end,
                  size_t *limit)
{
    (void)end;
    struct ac_ctx *c = ctx;
    struct lit *L = c->m->pats[id].lit;
    int flags = c->m->flags, whole = (flags & SINO_MATCH_LINE) != 0;
    size_t lo = start, hi = start + 1;
    if (!exact) {
        size_t back = n * c->span;
        lo = start - c->from > back ? start - back : c->from;
        hi = start;
    }
    for (size_t s = lo; s < hi; s++) {
        if ((c->t[s] & 0xC0) == 0x80 || !L->first[c->t[s]]) continue;
        size_t e;
        int r = verify(L, flags, c->t, c->len, s, c->at_eof, &e);
        if (r == 2) {
            ac_offer(c, SINO_MATCH_MORE, s, s);
            break;
        }
        if (r != 1) continue;
        if (whole && !line_bounds_ok(c->t, c->len, s, e, c->at_eof)) {
            if (e == c->len && !c->at_eof) {
                ac_offer(c, SINO_MATCH_MORE, s, s);
                break;
            }
            continue;
        }
        ac_offer(c, SINO_MATCH_FOUND, s, e);
        break;
    }
    if (c->r != SINO_MATCH_NONE) *limit = c->s;
    return 0;
}

static int ac_find(sino_matcher *m, const unsigned char *t, size_t len, size_t from,
                   int at_eof, size_t *ms, size_t *me)
{
    int gaps = !(m->flags & (SINO_MATCH_EXACT | SINO_MATCH_NO_GAPS));
    struct ac_ctx c = {m, t, len, from, 4 + (gaps ? MAX_GAP : 0), at_eof,
                       SINO_MATCH_NONE, 0, 0};
    struct sino_ac_scan sc = {gaps, c.span, &c, ac_gap, ac_hit};
    size_t pending;
    int r = sino_ac_scan(m->ac, t, len, from, &sc, &pending);
    if (r < 0) return SINO_ERR_NOMEM;
    if (r == 2) {
        /* too many gaps at once: each pattern on its own */
        c.r = SINO_MATCH_NONE;
        for (size_t i = 0; i < m->n; i++) {
            if (!m->pats[i].in_ac) continue;
            size_t s, e;
            int k = lit_find(m->pats[i].lit, m->flags, t, len, from, at_eof, &s, &e);
            if (k != SINO_MATCH_NONE) ac_offer(&c, k, s, e);
        }
    } else if (!at_eof && pending != SIZE_MAX &&
               (c.r == SINO_MATCH_NONE || pending <= c.s)) {
        c.r = SINO_MATCH_MORE;
        c.s = c.e = pending;
    }
    *ms = c.s;
    *me = c.e;
    return c.r;
}

/* -w as grep does it over all its patterns at once: the leftmost match
 * (the longest of those that start there) that is a whole word; one that is
 * not is shortened at the same start to the longest match of any pattern
 * that ends before it, then the search goes on one byte later. */
int sino_matcher_find(sino_matcher *m, const char *text, size_t len, size_t from,
                      int at_eof, size_t *ms, size_t *me)
{
    if (!(m->flags & SINO_MATCH_WORD) || (m->flags & SINO_MATCH_PERL))   /* -P: in the pattern */
        return find_any(m, text, len, from, at_eof, ms, me);
    const unsigned char *t = (const unsigned char *)text;
    for (;;) {
        int r = find_any(m, text, len, from, at_eof, ms, me);
        if (r != SINO_MATCH_FOUND) return r;
        size_t s = *ms, e = *me;
        while (!word_ok(m, t, len, s, e)) {
            long k = e > s ? match_at_any(m, t, len, s, e - 1) : -1;
            if (k < -1) return (int)k;
            if (k <= 0) break;
            e = s + (size_t)k;
        }
        if (word_ok(m, t, len, s, e)) {
            *me = e;
            return r;
        }
        if (s >= len) return SINO_MATCH_NONE;
        from = s + 1;
    }
}

static int find_any(sino_matcher *m, const char *text, size_t len, size_t from,
                    int at_eof, size_t *ms, size_t *me)
{
    const unsigned char *t = (const unsigned char *)text;
    int best = SINO_MATCH_NONE;
    size_t bs = SIZE_MAX, be = SIZE_MAX;
    if (m->ac_state == 0) {
        ac_prepare(m);
        if (m->ac_state < 0) multi_prepare(m);
    }
    size_t nalone = m->ac_state > 0 ? m->nrest : m->n;
    for (size_t k = 0; k < nalone; k++) {
        struct pattern *p = &m->pats[m->ac_state > 0 ? m->rest[k] : k];
        int r;
        size_t s = 0, e = 0;
        if (p->ctext == text && p->clen == len && p->ceof == at_eof &&
            p->cfrom <= from && (p->cres == SINO_MATCH_NONE || p->cms >= from)) {
            r = p->cres;
            s = p->cms;
            e = p->cme;
        } else {
            r = p->lit ? lit_find(p->lit, m->flags, t, len, from, at_eof, &s, &e)
                       : re_find(m, p, t, len, from, at_eof, &s, &e);
            if (r < 0) return r;
            p->ctext = text;
            p->clen = len;
            p->ceof = at_eof;
            p->cfrom = from;
            p->cres = r;
            p->cms = s;
            p->cme = e;
        }
        if (r == SINO_MATCH_NONE) continue;
        if (s < bs || (s == bs && r == SINO_MATCH_FOUND && best == SINO_MATCH_FOUND && e > be) ||
            (s == bs && r == SINO_MATCH_MORE)) {
            best = r;
            bs = s;
            be = e;
        }
    }
    if (m->ac_state > 0) {
        size_t s = 0, e = 0;
        int r = ac_find(m, t, len, from, at_eof, &s, &e);
        if (r < 0) return r;
        if (r != SINO_MATCH_NONE &&
            (s < bs || (s == bs && r == SINO_MATCH_FOUND && best == SINO_MATCH_FOUND && e > be) ||
             (s == bs && r == SINO_MATCH_MORE) || best == SINO_MATCH_NONE)) {
            best = r;
            bs = s;
            be = e;
        }
    }
    if (best != SINO_MATCH_NONE) {
        *ms = bs;
        *me = be;
    }
    return best;
}
