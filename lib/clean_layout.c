/* clean_layout.c - layout damage: page headers/footers, continuation
 * markers, headlines and bylines, and whether two lines form one paragraph. */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "sino_clean.h"
#include "clean_int.h"

#define HEADLINE_MAX_CHARS 40
#define BYLINE_MAX_CHARS 24
#define JOIN_CONTEXT 3       /* characters each side looked up as a word */

typedef struct { uint32_t cp; size_t off, len; } lchr;

/* Decode up to max characters of s into c; returns the count. */
static size_t decode(const char *s, size_t n, lchr *c, size_t max)
{
    size_t m = 0, i = 0;
    while (i < n && m < max) {
        int32_t cp;
        int k = sino_utf8_decode_fast((const unsigned char *)s + i, n - i, &cp);
        c[m].cp = cp < 0 ? 0xFFFD : (uint32_t)cp;
        c[m].off = i;
        c[m].len = (size_t)k;
        m++;
        i += (size_t)k;
    }
    return m;
}

/* Characters in s[0..n), counted up to a limit (enough to compare). */
#define nchars_upto clean_nchars_upto
#define nchars(s, n) nchars_upto((s), (n), 200)

static int is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

/* 一 to 十, the numerals of numbered headings */
static int cn_numeral(uint32_t cp)
{
    switch (cp) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:
        return 1;
    default:
        return 0;
    }
}

static int is_blank(uint32_t cp) { return cp == ' ' || cp == 0x3000 || cp == '\t'; }

/* Whether s[0..n) holds an ASCII digit, eight bytes at a time: a byte b
 * is a digit when b ^ 0x30 < 10 ("some byte less than 10", exact). */
static int memchr_digit(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t x = w ^ 0x3030303030303030ull;
        if ((x - 0x0A0A0A0A0A0A0A0Aull) & ~x & 0x8080808080808080ull) return 1;
    }
    for (; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') return 1;
    return 0;
}

/* Match a tiny pattern language against c[i..): literal characters, '#' =
 * one or more digits, '_' = optional blanks. Returns the end or 0. */
static size_t pat(const lchr *c, size_t m, size_t i, const char *p)
{
    lchr pc[32];
    size_t pm = decode(p, strlen(p), pc, 32);
    for (size_t k = 0; k < pm; k++) {
        if (pc[k].cp == '#') {
            if (i >= m || !is_digit(c[i].cp)) return 0;
            while (i < m && is_digit(c[i].cp)) i++;
        } else if (pc[k].cp == '_') {
            while (i < m && is_blank(c[i].cp)) i++;
        } else {
            if (i >= m || c[i].cp != pc[k].cp) return 0;
            i++;
        }
    }
    return i;
}

int sino_clean_is_page_marker(const char *s, size_t n)
{
    lchr c[128];
    if (n > 240 || !memchr_digit(s, n)) return 0;
    if (nchars_upto(s, n, 61) > 60) return 0;
    /* - 7 -, — 7 —, －7－ */
    static const char *const whole[] = {
        "-_#_-", "—_#_—", "－_#_－", "第_#_页_共_#_页", "第_#_頁_共_#_頁",
        "第_#_页_/_共_#_页", "第_#_頁_/_共_#_頁", "第_#_页", "第_#_頁", "#_/_#",
        "共_#_页_第_#_页", "Page_#_of_#", "- #/#_-", NULL};
    /* the line must start as a pattern does (see the loop below) or name a
     * paper (报 報); most lines do neither and are not decoded */
    int may_whole = 0;
    for (size_t k = 0; whole[k] && !may_whole; k++)
        may_whole = whole[k][0] == '#' ? is_digit((unsigned char)s[0])
                                       : (unsigned char)whole[k][0] == (unsigned char)s[0];
    if (!may_whole && !clean_contains(s, n, "\xe6\x8a\xa5") && !clean_contains(s, n, "\xe5\xa0\xb1"))
        return 0;
    size_t m = decode(s, n, c, 128);
    int digit = 0;
    for (size_t i = 0; i < m && !digit; i++) digit = is_digit(c[i].cp);
    if (!digit) return 0;
    for (size_t k = 0; whole[k]; k++) {
        /* the first byte must agree (a digit for '#') before a full match */
        if (whole[k][0] == '#' ? !is_digit(c[0].cp) : (unsigned char)whole[k][0] != (unsigned char)s[0])
            continue;
        if (pat(c, m, 0, whole[k]) == m) return 1;
    }
    /* 杭州日报 2023-05-12 星期三 第4版: a paper's name, a date and a page */
    int has_paper = 0, has_digit = 0;
    for (size_t i = 0; i < m; i++) {
        if (c[i].cp == 0x62A5 || c[i].cp == 0x5831) has_paper = 1;   /* 报 報 */
        if (is_digit(c[i].cp)) has_digit = 1;
    }
    if (!has_paper || !has_digit) return 0;
    int has_date = 0, has_page = 0;
    for (size_t i = 0; i < m; i++) {
        if (!is_digit(c[i].cp) && c[i].cp != 0x7B2C) continue;   /* 第 */
        if (pat(c, m, i, "#-#-#") || pat(c, m, i, "#年#月#日")) has_date = 1;
        if (pat(c, m, i, "第_#_版") || pat(c, m, i, "#_版")) has_page = 1;
    }
    return has_date && has_page;
}

/* The verbs of a continuation: 2 for 转 轉 接 续 續, 1 for 见 見 (which
 * also makes a cross-reference, 参见第3页: taken only before 版, a
 * newspaper's page). */
static int continuation_verb(uint32_t cp)
{
    if (cp == 0x8F6C || cp == 0x8F49 || cp == 0x63A5 || cp == 0x7EED || cp == 0x7E8C) return 2;
    return cp == 0x89C1 || cp == 0x898B;
}

/* A continuation marker at c[i] by its shape: a parenthesis, up to four
 * Chinese characters with a verb of continuation among them, a page
 * number, 版 or 页, the closing parenthesis: (紧接4版) （下转第6版）
 * （上接第2版） (转第3版) （续见第12版）. A book's edition （第2版） has no
 * such verb and stays. */
static size_t marker_at(const lchr *c, size_t m, size_t i)
{
    if (c[i].cp != '(' && c[i].cp != 0xFF08) return 0;
    size_t j = i + 1;
    int verb = 0;
    while (j < m && j <= i + 4 && sino_is_han(c[j].cp) && c[j].cp != 0x7B2C) {   /* 第 */
        int v = continuation_verb(c[j].cp);
        if (v > verb) verb = v;
        j++;
    }
    if (!verb) return 0;
    static const char *const page[] = {"第_#_版", "#_版", "第_#_页", "#_页", "第_#_頁", "#_頁", NULL};
    for (size_t k = 0; page[k] && (verb == 2 || k < 2); k++) {
        size_t e = pat(c, m, j, page[k]);
        if (e && e < m && (c[e].cp == ')' || c[e].cp == 0xFF09)) return e + 1 - i;
    }
    return 0;
}

int sino_clean_markers(const char *s, size_t n, sino_buf *out)
{
    sino_buf_clear(out);
    /* every marker is in parentheses and names a page: 版 or 页 */
    int paren = memchr(s, '(', n) != NULL || clean_contains(s, n, "\xef\xbc\x88");
    if (!paren || (!clean_contains(s, n, "\xe7\x89\x88") && !clean_contains(s, n, "\xe9\xa1\xb5")))
        return sino_buf_append(out, s, n);
    if (sino_buf_reserve(out, n) != SINO_OK) return SINO_ERR_NOMEM;
    size_t i = 0;
    while (i < n) {
        const char *p = memchr(s + i, '(', n - i);
        const char *q = NULL;
        /* also the full-width parenthesis EF BC 88 */
        for (size_t k = i; k + 2 < n; k++)
            if ((unsigned char)s[k] == 0xEF && (unsigned char)s[k + 1] == 0xBC &&
                (unsigned char)s[k + 2] == 0x88) { q = s + k; break; }
        if (!p || (q && q < p)) p = q;
        if (!p) break;
        size_t at = (size_t)(p - s);
        lchr c[24];
        size_t m = decode(p, n - at, c, 24);
        size_t len = marker_at(c, m, 0);
        sino_buf_append(out, s + i, at - i);
        if (len) {
            i = at + c[len - 1].off + c[len - 1].len;
        } else {
            sino_buf_append(out, p, c[0].len);
            i = at + c[0].len;
        }
    }
    sino_buf_append(out, s + i, n - i);
    return SINO_OK;
}

/* ---- headlines and bylines ---- */

/* Name tokens: 2-4 Han characters each, or single characters in pairs. */
int sino_clean_is_byline(const char *s, size_t n)
{
    lchr c[64];
    /* at most BYLINE_MAX_CHARS + 12 characters of at most 4 bytes */
    if (n == 0 || n > (BYLINE_MAX_CHARS + 12) * 4) return 0;
    /* no sentence punctuation (，。) in names */
    if (clean_contains(s, n, "\xef\xbc\x8c") || clean_contains(s, n, "\xe3\x80\x82")) return 0;
    /* names and roles: no ASCII but spaces and slashes */
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && b != ' ' && b != '/' && b != '\t') return 0;
    }
    size_t total = nchars(s, n);
    if (total == 0 || total > BYLINE_MAX_CHARS + 12) return 0;
    size_t m = decode(s, n, c, 64);
    /* 本刊记者/施安南 通讯员/杭组文, 记者 张三, 文/李四 */
    static const char *const roles[] = {"记者", "記者", "通讯员", "通訊員", "文/", "图/", "圖/", "文／", "撰文", "摄影", "攝影", NULL};
    lchr rc[8];
    int maybe_role = 0;
    static const uint32_t role_chars[] = {0x8BB0, 0x8A18, 0x901A, 0x6587, 0x56FE,
                                          0x5716, 0x64B0, 0x6444, 0x651D};
    for (size_t i = 0; i < m && !maybe_role; i++)
        for (size_t q = 0; q < sizeof role_chars / sizeof role_chars[0]; q++)
            if (c[i].cp == role_chars[q]) maybe_role = 1;
    for (size_t k = 0; maybe_role && roles[k]; k++) {
        size_t rm = decode(roles[k], strlen(roles[k]), rc, 8);   /* rare: a role character was seen */
        for (size_t i = 0; i + rm <= m; i++) {
            size_t j = 0;
            while (j < rm && c[i + j].cp == rc[j].cp) j++;
            if (j == rm && total <= BYLINE_MAX_CHARS + 12) return 1;
        }
    }
    if (total > BYLINE_MAX_CHARS) return 0;
    size_t i = 0, tokens = 0, singles = 0;
    while (i < m) {
        while (i < m && is_blank(c[i].cp)) i++;
        if (i >= m) break;
        size_t t = 0;
        while (i < m && !is_blank(c[i].cp)) {
            if (!sino_is_han(c[i].cp)) return 0;
            t++, i++;
        }
        if (t > 4) return 0;
        if (t == 1) singles++;
        tokens++;
    }
    if (tokens == 0 || tokens > 6) return 0;
    if (singles % 2) return 0;
    /* a lone 2-character token could be a word ("杭州"): only when paired
     * single characters or several tokens, or 3 characters (a full name) */
    if (tokens == 1 && total != 3) return 0;
    return 1;
}

int sino_clean_byline_close(const char *s, size_t n, sino_buf *out)
{
    lchr c[64];
    sino_buf_clear(out);
    size_t m = decode(s, n, c, 64);
    if (nchars(s, n) > 64) return sino_buf_append(out, s, n);
    /* tokens */
    size_t starts[32], ends[32], nt = 0;
    size_t i = 0;
    while (i < m && nt < 32) {
        while (i < m && is_blank(c[i].cp)) i++;
        if (i >= m) break;
        starts[nt] = i;
        while (i < m && !is_blank(c[i].cp)) i++;
        ends[nt++] = i;
    }
    for (size_t t = 0; t < nt; t++) {
        if (t) {
            int single_pair = ends[t - 1] - starts[t - 1] == 1 && ends[t] - starts[t] == 1;
            /* join X Y when X starts a pair (an even count of singles before) */
            size_t run = 0;
            for (size_t q = t; q-- > 0 && ends[q] - starts[q] == 1;) run++;
            if (!(single_pair && run % 2 == 1)) sino_buf_putc(out, ' ');
        }
        sino_buf_append(out, s + c[starts[t]].off,
                        c[ends[t] - 1].off + c[ends[t] - 1].len - c[starts[t]].off);
    }
    return SINO_OK;
}

static int sentence_mark(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';' ||
           cp == 0xFF01 || cp == 0xFF1F || cp == '.' ;
}

int sino_clean_is_headline(const char *s, size_t n)
{
    if (n == 0 || n > HEADLINE_MAX_CHARS * 4) return 0;
    size_t total = nchars(s, n);
    if (total == 0 || total > HEADLINE_MAX_CHARS) return 0;
    int han = 0;
    uint32_t prev = 0, cp = 0;
    for (size_t i = 0; i < n; prev = cp) {
        int32_t d;
        i += (size_t)sino_utf8_decode_fast((const unsigned char *)s + i, n - i, &d);
        cp = d < 0 ? 0xFFFD : (uint32_t)d;
        if (cp >= 0x4E00 && cp <= 0x9FFF) {   /* the common case: Han, no mark */
            han = 1;
            continue;
        }
        if (sentence_mark(cp) && !(cp == '.' && is_digit(prev))) return 0;
        if (!han && sino_is_han(cp)) han = 1;
    }
    if (cp == 0x3001 || cp == 0xFF1A || cp == ':') return 0;
    return han;
}

int clean_is_headline_chars(const uint32_t *c, size_t m, size_t n)
{
    /* as sino_clean_is_headline: for valid UTF-8, its characters are the
     * bytes that are not continuation bytes */
    if (n == 0 || n > HEADLINE_MAX_CHARS * 4 || m == 0 || m > HEADLINE_MAX_CHARS) return 0;
    int han = 0;
    for (size_t i = 0; i < m; i++) {
        uint32_t cp = c[i];
        if (cp >= 0x4E00 && cp <= 0x9FFF) {
            han = 1;
            continue;
        }
        if (sentence_mark(cp) && !(cp == '.' && i > 0 && is_digit(c[i - 1]))) return 0;
        if (!han && sino_is_han(cp)) han = 1;
    }
    uint32_t last = c[m - 1];
    if (last == 0x3001 || last == 0xFF1A || last == ':') return 0;
    return han;
}

/* Characters that do not start a paragraph. */
static int no_start(uint32_t cp)
{
    static const uint32_t list[] = {
        0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D,
        0x300F, 0x300B, 0x201D, 0x2019, ',', '.', ';', ':', '?', '!', ')',
        0x7684, 0x4E86, 0x7740, 0x8457, 0x8FC7, 0x904E, 0x5730, 0x5F97, 0x4E48,
        0x9EBC, 0x5417, 0x55CE, 0x5462, 0x5427, 0x554A, 0x4E5F, 0x548C, 0x53CA,
        0x6216, 0x662F};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (cp == list[i]) return 1;
    return 0;
}

/* b, starting with first, cannot start a paragraph after a[...ac]: a
 * character of no_start, or a % after a number (50 / %); a % after text
 * starts an item of its own (%a 星期几的缩写 / %A …). */
static int cannot_start(uint32_t first, const lchr *ac, size_t am)
{
    if (first == '%') return am && is_digit(ac[am - 1].cp);
    return no_start(first);
}

/* Characters that do not end a paragraph (it goes on after them). */
static int no_end(uint32_t cp)
{
    static const uint32_t list[] = {
        0xFF0C, 0x3001, ',', 0x7684, 0x548C, 0x4E0E, 0x8207, 0x5728, 0x5BF9,
        0x5C0D, 0x628A, 0x88AB, 0x4ECE, 0x5F9E, 0x5411, 0x4E3A, 0x70BA, 0x5E76,
        0x4E26, 0x53CA, 0x201C, 0x2018, 0x300A, 0x300C, 0xFF08, '(', 0x7B49,
        0x4E0D, 0x5C06, 0x5C07, 0x8BA9, 0x8B93, 0x4F7F, 0x7ED9, 0x7D66, 0x4E8E, 0x65BC,
        0x5176, 0x6240, 0x6216, 0x800C, 0x4E14, 0x4F46, 0x82E5, 0x56E0, 0x4E4B, 0x88AB,
        0x65E2, 0x867D, 0x96D6,    /* ... 既 虽 雖: conjunctions a clause must follow */
        0x4F75,                    /* 併, as converters write 并 */
        0x4E2A, 0x500B};           /* 个 個: a measure word, its noun must follow */
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (cp == list[i]) return 1;
    return 0;
}

/* Words a clause must follow (如果, 虽然, 通过 ...): a line ending in one
 * goes on, as after a character of no_end. */
static int open_word_end(const lchr *ac, size_t am)
{
    static const uint32_t words[][2] = {
        {0x5982, 0x679C}, {0x867D, 0x7136}, {0x96D6, 0x7136}, {0x4F46, 0x662F}, {0x6216, 0x8005},
        {0x6240, 0x4EE5}, {0x901A, 0x8FC7}, {0x901A, 0x904E}, {0x6839, 0x636E}, {0x6839, 0x64DA},
        {0x6309, 0x7167}, {0x9664, 0x4E86}, {0x4E3A, 0x4E86}, {0x70BA, 0x4E86}, {0x7232, 0x4E86},
        {0x53EA, 0x8981}, {0x5373, 0x4F7F}, {0x5C3D, 0x7BA1}, {0x5118, 0x7BA1}, {0x65E0, 0x8BBA},
        {0x7121, 0x8AD6}, {0x4E0D, 0x8BBA}, {0x4E0D, 0x8AD6}, {0x5047, 0x5982}, {0x4E00, 0x65E6},
        {0x751A, 0x81F3}, {0x4E0D, 0x4EC5}, {0x4E0D, 0x50C5}};
    if (am < 2) return 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (ac[am - 2].cp == words[i][0] && ac[am - 1].cp == words[i][1]) return 1;
    return 0;
}

/* a[...ac] cannot end there: a character or a word the sentence goes on after. */
static int ends_open(const lchr *ac, size_t am)
{
    return am && (no_end(ac[am - 1].cp) || open_word_end(ac, am));
}

static int final_mark(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?' ||
           cp == 0x2026 || cp == 0xFF1B || cp == 0xFF1A || cp == ':' || cp == '.';
}

/* Words found across the break by word_across: a key of the k characters
 * before it and j >= 1 after (ending at bends[j - 1]). */
struct across {
    const size_t *bends;
    size_t nb, alen, k;
    int weak;
};

static int across_word(void *p, size_t key_len, const sino_dict_value *v)
{
    struct across *x = p;
    if (key_len <= x->alen || v->num < 3) return 0;
    for (size_t j = 1; j <= x->nb; j++) {
        if (x->alen + x->bends[j - 1] != key_len) continue;
        if (x->k + j >= 3) return 1;   /* a word of three or more characters */
        x->weak = 1;
    }
    return 0;
}

/* Whether a word spans the break between a and b: 2 = surely (a word of
 * three or more characters, or a pair with a high PMI), 1 = maybe, 0 = no. */
#define ACROSS_BIGRAM 20   /* in-word count of the two characters at the break */
#define ACROSS_PMI 2.0
#define ACROSS_PMI_STRONG 3.5

static int word_across(const sino_dict *words, const sino_dict *charlm, const lchr *ac,
                       size_t am, const char *a, const lchr *bc, size_t bm, const char *b)
{
    char key[64];
    int weak = 0;
    if (charlm && am && bm && sino_is_han(ac[am - 1].cp) && sino_is_han(bc[0].cp)) {
        /* the two characters at the break are a word's inside (both scripts) */
        size_t al = ac[am - 1].len, bl = bc[0].len;
        memcpy(key, a + ac[am - 1].off, al);
        memcpy(key + al, b, bl);
        sino_dict_value v, ua, ub, tot;
        if (sino_dict_get(charlm, key, al + bl, &v) && v.num >= ACROSS_BIGRAM &&
            sino_dict_get(charlm, key, al, &ua) && sino_dict_get(charlm, key + al, bl, &ub) &&
            sino_dict_get(charlm, "=total", 6, &tot) && ua.num && ub.num) {
            /* pointwise mutual information: the pair is a word, not chance */
            double pmi = log((double)v.num * (double)tot.num / ((double)ua.num * (double)ub.num));
            if (pmi >= ACROSS_PMI_STRONG && v.num >= 50) return 2;
            if (pmi >= ACROSS_PMI) weak = 1;
        }
    }
    if (!words) return weak;
    /* b's leading Han characters (at most JOIN_CONTEXT) and where each ends */
    size_t bends[JOIN_CONTEXT], nb = 0;
    while (nb < JOIN_CONTEXT && nb < bm && sino_is_han(bc[nb].cp)) {
        bends[nb] = bc[nb].off + bc[nb].len;
        nb++;
    }
    if (nb == 0) return weak;
    struct across ctx = {bends, nb, 0, 0, weak};
    for (size_t k = 1; k <= JOIN_CONTEXT && k <= am; k++) {
        if (!sino_is_han(ac[am - k].cp)) break;
        size_t aoff = ac[am - k].off;
        size_t alen = ac[am - 1].off + ac[am - 1].len - aoff;
        if (alen + bends[nb - 1] > sizeof key) break;
        memcpy(key, a + aoff, alen);
        memcpy(key + alen, b, bends[nb - 1]);
        ctx.alen = alen;
        ctx.k = k;
        /* one walk finds the words of the k characters and 1..nb of b's */
        if (sino_dict_prefixes(words, key, alen + bends[nb - 1], across_word, &ctx)) return 2;
    }
    return ctx.weak;
}

/* "3.", "（三）", "四、", "第二章": a numbered heading or list item. */
static int numbered(const lchr *c, size_t m)
{
    size_t i = 0;
    if (m && (c[0].cp == 0xFF08 || c[0].cp == '(')) i = 1;
    size_t d = i;
    while (d < m && (is_digit(c[d].cp) || (c[d].cp >= 0xFF10 && c[d].cp <= 0xFF19) ||
                     cn_numeral(c[d].cp)))
        d++;
    if (d == i || d >= m || d - i > 3) return 0;
    uint32_t p = c[d].cp;
    if (i == 1) return p == 0xFF09 || p == ')';
    return p == '.' || p == 0x3001 || p == 0xFF0E || (p == ' ' && is_digit(c[0].cp));
}

/* Whether s starts a numbered heading: its first character is one a
 * number starts with (most lines are rejected on it alone), then numbered()
 * on the first characters. */
static int numbered_start(const char *s, size_t n)
{
    lchr c[6];
    if (!decode(s, n, c, 1)) return 0;
    uint32_t cp = c[0].cp;
    if (!(cp == '(' || cp == 0xFF08 || is_digit(cp) || (cp >= 0xFF10 && cp <= 0xFF19) ||
          cn_numeral(cp)))
        return 0;
    return numbered(c, decode(s, n, c, 6));
}

int clean_starts_item(const char *s, size_t n)
{
    /* "3 " is a list number only with more to tell it: a wrap may leave
     * the end of a number (3.⏎0 之前) at the start of a line */
    size_t d = 0;
    while (d < n && is_digit((unsigned char)s[d])) d++;
    if (d && d < n && s[d] == ' ') return 0;
    if (numbered_start(s, n)) return 1;
    /* bullets: "- ", "* ", "• ", "· " */
    if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') return 1;
    return clean_contains(s, n < 3 ? n : 3, "\xe2\x80\xa2") || clean_contains(s, n < 2 ? n : 2, "\xc2\xb7");
}

/* Whether the blank of bl bytes at u[i] stands between Han characters. */
static int han_around(const unsigned char *u, size_t n, size_t i, size_t bl)
{
    /* Han characters take three or four bytes: ASCII on either side is not */
    if (i == 0 || i + bl >= n || u[i - 1] < 0x80 || u[i + bl] < 0xE3) return 0;
    size_t st = sino_utf8_char_start(u, i - 1);
    int32_t a, b;
    sino_utf8_decode_fast(u + st, i - st, &a);
    sino_utf8_decode_fast(u + i + bl, n - i - bl, &b);
    return a >= 0 && b >= 0 && sino_is_han((uint32_t)a) && sino_is_han((uint32_t)b);
}

/* Han, a blank, Han somewhere in s[0..n): a spaced headline (新 闻 中 心),
 * tested at each blank (found by memchr) without decoding the line. */
static int spaced_han(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    static const char blanks[] = {' ', '\t', (char)0xE3};
    for (size_t k = 0; k < sizeof blanks; k++) {
        for (const char *p = s; (p = memchr(p, blanks[k], (size_t)(s + n - p))) != NULL; p++) {
            size_t i = (size_t)(p - s), bl = 1;
            if (blanks[k] == (char)0xE3) {
                if (i + 2 >= n || u[i + 1] != 0x80 || u[i + 2] != 0x80) continue;   /* U+3000 */
                bl = 3;
            }
            if (han_around(u, n, i, bl)) return 1;
        }
    }
    return 0;
}

/* Sentence punctuation (。，；！？) in s[0..n), on bytes. */
static int has_sentence_punct(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i + 2 < n; i++) {
        if (u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82) return 1;
        if (u[i] == 0xEF && u[i + 1] == 0xBC &&
            (u[i + 2] == 0x8C || u[i + 2] == 0x9B || u[i + 2] == 0x81 || u[i + 2] == 0x9F))
            return 1;
    }
    return 0;
}

/* Two or more menu separators and no sentence punctuation: a menu or a
 * breadcrumb. An ASCII > or | counts only standing apart (首页 > 要闻,
 * 登录 | 注册, >>), not in <name> or a|b; » › ＞ ｜ count anywhere. */
#define MENU_MAX_BYTES 240   /* a menu is a short line; a paragraph is none */

static int menu_line(const char *s, size_t n)
{
    if (n > MENU_MAX_BYTES) return 0;
    const unsigned char *u = (const unsigned char *)s;
    size_t seps = 0;
    for (size_t i = 0; i < n; i++) {   /* bytes: the separators are few */
        if (u[i] == '>' || u[i] == '|') {
            int before = i == 0 || u[i - 1] == ' ' || u[i - 1] == u[i];
            int after = i + 1 >= n || u[i + 1] == ' ' || u[i + 1] == u[i];
            seps += before && after;
        } else if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xBB) {
            seps++;   /* » */
        } else if (i + 2 < n && ((u[i] == 0xEF && ((u[i + 1] == 0xBC && u[i + 2] == 0x9E) ||   /* ＞ */
                                                  (u[i + 1] == 0xBD && u[i + 2] == 0x9C))) ||  /* ｜ */
                                 (u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0xBA))) {     /* › */
            seps++;
        }
    }
    return seps >= 2 && !has_sentence_punct(s, n);
}

/* Whether c[0..m) is letter-spaced: a Han character with a blank on each
 * side and Han characters beyond them (新 闻 中 心), not words set apart
 * (打通致富路 花灯点亮未来 is a headline of two phrases, and a piece of it
 * may be a broken line). */
static int letter_spaced(const lchr *c, size_t m)
{
    for (size_t k = 2; k + 2 < m; k++)
        if (sino_is_han(c[k].cp) && is_blank(c[k - 1].cp) && is_blank(c[k + 1].cp) &&
            sino_is_han(c[k - 2].cp) && sino_is_han(c[k + 2].cp))
            return 1;
    return 0;
}

/* A short line of phrases set apart by a blank, without sentence
 * punctuation (打通致富路 花灯点亮未来). */
static int spaced_phrases(const char *s, size_t n, size_t chars)
{
    return chars <= 64 && spaced_han(s, n) && !has_sentence_punct(s, n);
}

/* A spaced headline: spaced phrases (phrases = spaced_phrases()) whose Han
 * characters are set apart by blanks (新 闻 中 心). */
static int spaced_headline(const char *s, size_t n, int phrases)
{
    if (!phrases) return 0;
    lchr c[64];
    return letter_spaced(c, decode(s, n, c, 64));
}

/* More opening than closing double quotes. */
static int open_quote(const char *s, size_t n)
{
    int depth = 0;
    size_t from = n > 600 ? n - 600 : 0;   /* the end of a long paragraph */
    for (size_t i = from; i + 2 < n; i++) {
        const char *p = memchr(s + i, 0xE2, n - 2 - i);
        if (!p) break;
        i = (size_t)(p - s);
        if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80) {
            if ((unsigned char)s[i + 2] == 0x9C) depth++;
            else if ((unsigned char)s[i + 2] == 0x9D && depth > 0) depth--;
        }
    }
    return depth > 0;
}

/* Function words of running text that headlines, being telegraphic, do
 * without (both scripts). */
static const char *const prose[] = {
    "如果", "一个", "一個", "这个", "這個", "那个", "那個", "每个", "每個", "了",
    "您", "你", "我", "可能", "就", "才", "纔", "很", "吗", "嗎", "呢", "必须",
    "必須", "可以", "使得", "比如", "通常", "正在", "已经", "已經", "直到", "所有",
    "这样", "這樣", "因为", "因為", "因爲", "但是", "然后", "然後", "只有", NULL};

/* Whether cp is in the sorted list[0..n). */
static int in_sorted(const uint32_t *list, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (list[mid] == cp) return 1;
        if (list[mid] < cp) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

/* Whether the character of k bytes at s[i] is inside a word of two
 * characters of the dictionary with a neighbour (才 of 人才 is no prose). */
static int in_pair_word(const sino_dict *words, const char *s, size_t n, size_t i, size_t k)
{
    sino_dict_value v;
    if (!words) return 0;
    if (i > 0) {
        size_t p = sino_utf8_char_start((const unsigned char *)s, i - 1);
        if (sino_dict_get(words, s + p, i + k - p, &v)) return 1;
    }
    if (i + k < n) {
        int32_t cp;
        size_t l = (size_t)sino_utf8_decode_fast((const unsigned char *)s + i + k, n - i - k, &cp);
        if (sino_dict_get(words, s + i, k + l, &v)) return 1;
    }
    return 0;
}

static int prose_words(const sino_dict *words, const char *s, size_t n)
{
    /* the first characters of the words, sorted (one pass over the line) */
    static const uint32_t first[] = {
        0x4E00, 0x4E86, 0x4F46, 0x4F60, 0x4F7F, 0x53EA, 0x53EF, 0x5417, 0x5462, 0x55CE,
        0x56E0, 0x5982, 0x5C31, 0x5DF2, 0x5F88, 0x5FC5, 0x60A8, 0x6211, 0x6240, 0x624D,
        0x6B63, 0x6BCF, 0x6BD4, 0x7136, 0x76F4, 0x7E94, 0x8FD9, 0x9019, 0x901A, 0x90A3};
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = sino_utf8_decode_fast((const unsigned char *)s + i, n - i, &cp);
        int hit = cp >= 0x4E00 && in_sorted(first, sizeof first / sizeof first[0], (uint32_t)cp);
        if (hit)
            for (size_t w = 0; prose[w]; w++) {
                size_t len = strlen(prose[w]);
                if (len <= n - i && memcmp(s + i, prose[w], len) == 0 &&
                    !(len == (size_t)k && in_pair_word(words, s, n, i, (size_t)k)))
                    return 1;
            }
        i += (size_t)k;
    }
    return 0;
}

/* b opens with a bare postposition (中 上 里 时 …) whose noun ended a:
 * 在單獨的環境 / 中啟動的命令…. Bare: the character and the one after it are
 * not the inside of a word (中國, 上海, 时间 start words). */
static int bare_postposition(const sino_dict *charlm, const lchr *bc, size_t bm, const char *b)
{
    static const uint32_t list[] = {   /* sorted */
        0x4E0A, 0x4E0B, 0x4E2D, 0x5167, 0x5185, 0x524D, 0x540E, 0x5916, 0x5F8C,
        0x65C1, 0x65F6, 0x6642, 0x88CF, 0x88E1, 0x91CC, 0x9593, 0x95F4};
    if (!charlm || bm < 2 || !in_sorted(list, sizeof list / sizeof list[0], bc[0].cp)) return 0;
    uint32_t next = bc[1].cp;
    if (next == 0xFF0C || next == 0x3001 || next == 0x3002) return 1;   /* 中， */
    if (!sino_is_han(next)) return 0;
    sino_dict_value v;
    size_t len = bc[1].off + bc[1].len;
    return !(sino_dict_get(charlm, b, len, &v) && v.num >= ACROSS_BIGRAM);
}

int sino_clean_should_join(const sino_clean_tables *t, const char *a, size_t an,
                           const char *b, size_t bn)
{
    return sino_clean_should_join_ex(t, a, an, -1, b, bn, -1);
}

/* The last (at most JOIN_CONTEXT) characters of a[0..an), offsets into a. */
static size_t last_chars(const char *a, size_t an, lchr ac[JOIN_CONTEXT])
{
    size_t start = an;
    for (int k = 0; k < JOIN_CONTEXT && start > 0; k++)
        start = sino_utf8_char_start((const unsigned char *)a, start - 1);
    lchr tail[JOIN_CONTEXT + 1];
    size_t tm = decode(a + start, an - start, tail, JOIN_CONTEXT + 1);
    size_t am = tm < JOIN_CONTEXT ? tm : JOIN_CONTEXT;
    for (size_t i = 0; i < am; i++) {
        ac[i] = tail[tm - am + i];
        ac[i].off += start;
    }
    return am;
}

/* Whether a paragraph ending in ac[0..am) ends a sentence (or may have:
 * a lost character may have been the full stop). */
static int ends_sentence(const lchr *ac, size_t am)
{
    uint32_t last = ac[am - 1].cp, before_last = am >= 2 ? ac[am - 2].cp : 0;
    return final_mark(last) || last == 0xFFFD ||
           ((last == 0x201D || last == 0x300D || last == 0xFF09 || last == ')') &&
            final_mark(before_last));
}

/* column fragments: long lines of prose (the one before the cut longer) */
#define COLUMN_MIN_CHARS_BEFORE 50
#define COLUMN_MIN_CHARS_AFTER 20

int sino_clean_column_start(const char *b, size_t bn)
{
    /* a character cut from its word, then punctuation (站、邻里中心 after
     * 儿童成长驿), in a long line */
    const unsigned char *u = (const unsigned char *)b;
    int32_t c1, c2;
    if (bn == 0) return 0;
    size_t l1 = (size_t)sino_utf8_decode_fast(u, bn, &c1);
    /* CJK punctuation starts with C2 (·), E2, E3 or EF */
    if (c1 < 0 || !sino_is_han((uint32_t)c1) || l1 >= bn ||
        !(u[l1] == 0xE3 || u[l1] == 0xEF || u[l1] == 0xE2 || u[l1] == 0xC2))
        return 0;
    sino_utf8_decode_fast(u + l1, bn - l1, &c2);
    return c2 >= 0 && sino_is_cjk_punct((uint32_t)c2) &&
           nchars_upto(b, bn, COLUMN_MIN_CHARS_AFTER) >= COLUMN_MIN_CHARS_AFTER &&
           !sino_clean_is_byline(b, bn);
}

int sino_clean_continues_column(const sino_clean_tables *t, const char *a, size_t an,
                                const char *b, size_t bn)
{
    if (!t || an == 0 || !sino_clean_column_start(b, bn)) return 0;
    lchr ac[JOIN_CONTEXT + 1], bc[JOIN_CONTEXT + 1];
    size_t am = last_chars(a, an, ac), bm = decode(b, bn, bc, JOIN_CONTEXT);
    if (!am || ends_sentence(ac, am) || !sino_is_han(ac[am - 1].cp) ||
        nchars_upto(a, an, COLUMN_MIN_CHARS_BEFORE) < COLUMN_MIN_CHARS_BEFORE ||
        sino_clean_is_byline(a, an))
        return 0;
    return word_across(t->words, t->charlm, ac, am, a, bc, bm, b) == 2;
}

/* Whether s starts with a label and a colon (时间：, 电话: ), a field of a
 * form. c[0..m) may hold its first characters (m = 0: decoded here). */
static int field_line(const lchr *c, size_t m, const char *s, size_t n)
{
    lchr d[8];
    if (m < 8) {
        m = decode(s, n, d, 8);
        c = d;
    }
    size_t k = 0;
    while (k < m && sino_is_han(c[k].cp)) k++;
    return k >= 2 && k <= 6 && k < m && (c[k].cp == 0xFF1A || c[k].cp == ':');
}

/* The first blank (space or tab) in s[i..n), or n. */
static size_t next_blank(const char *s, size_t n, size_t i)
{
    const char *sp = memchr(s + i, ' ', n - i), *tab = memchr(s + i, '\t', n - i);
    if (sp && (!tab || sp < tab)) return (size_t)(sp - s);
    return tab ? (size_t)(tab - s) : n;
}

/* Blank-separated fields of s (counted up to 3); memchr finds the blanks,
 * since a paragraph of Chinese text may have none. */
static int fields(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n && k < 3;) {
        if (s[i] == ' ' || s[i] == '\t') {
            i++;
            continue;
        }
        k++;
        i = next_blank(s, n, i);
    }
    return k;
}

/* Characters of the first (at the start) or last blank-separated token. */
static size_t edge_token(const char *s, size_t n, int at_end)
{
    lchr c[64];
    size_t m = decode(s, n, c, 64), k = 0;
    if (at_end) {
        if (m == 64) return 64;   /* not the true end: taken as long */
        while (k < m && !is_blank(c[m - 1 - k].cp)) k++;
    } else {
        while (k < m && !is_blank(c[k].cp)) k++;
    }
    return k;
}

/* Whether a and b may be pieces of one headline cut apart: together they
 * are a headline. They are when the cut left a piece of a phrase of one or
 * two characters (智慧云监⏎管 扬清风正气, 打通致富路 花⏎灯点亮未来) or a
 * word may span it (乡贤助⏎力乡村振兴). */
static int headline_pieces(const char *a, size_t an, const char *b, size_t bn)
{
    char both[2 * HEADLINE_MAX_CHARS * 4];
    if (an + bn > sizeof both) return 0;
    memcpy(both, a, an);
    memcpy(both + an, b, bn);
    return sino_clean_is_headline(both, an + bn);
}

/* A byline cut apart (曹杰 杨海⏎艳 徐莹莹, 曹杰 杨⏎海艳 徐莹莹, 本刊记者/施安南
 * 通⏎讯员/杭组文): together the lines are a byline, and one of them alone
 * is none, or b starts with a lone character of a name. */
static int byline_broken(const char *a, size_t an, int a_byline, const char *b, size_t bn, int b_byline)
{
    char both[2 * (BYLINE_MAX_CHARS + 12) * 4];
    if (an + bn > sizeof both) return 0;
    memcpy(both, a, an);
    memcpy(both + an, b, bn);
    if (!sino_clean_is_byline(both, an + bn)) return 0;
    /* a headline before a byline is no piece of it: a piece of a list of
     * names ends in a name cut short (曹杰 杨) */
    if (!a_byline)
        return (memchr(a, ' ', an) != NULL || clean_contains(a, an, "\xe3\x80\x80")) &&
               edge_token(a, an, 1) <= 2;
    if (!b_byline) return 1;
    lchr c[3];
    size_t m = decode(b, bn, c, 3);
    return m >= 2 && sino_is_han(c[0].cp) && is_blank(c[1].cp);
}

/* Whether s[0..n) is ASCII throughout (memchr-free: a byte test). */
/* Whether s has no character of Chinese, Japanese or Korean text (Han,
 * kana, Hangul, CJK punctuation, full-width forms): a line of Latin text,
 * ASCII or not (Müller’s Straße, a command, a path). */
static int no_cjk(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) { i++; continue; }
        int32_t cp;
        i += (size_t)sino_utf8_decode_fast(u + i, n - i, &cp);
        if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
            (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
            (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000)
            return 0;
    }
    return 1;
}

/* Counts below this are rare characters (the table's =common bitmap uses
 * the same bound, data/sclean-tables.py). */
#define RARE_COUNT 1000

/* Whether the characters c[0..m) (offsets into s) look like mojibake left
 * as it was: a Han character the character model has never seen (銆 for
 * 。), or two rare ones (嚗, 啜 from UTF-8 read as Big5). Such a line is
 * not text to join: joined, it takes the next paragraph with it. */
static int mojibake_edge(const sino_dict *charlm, const char *s, const lchr *c, size_t m)
{
    int rare = 0;
    for (size_t i = 0; i < m; i++) {
        if (!sino_is_han(c[i].cp)) continue;
        sino_dict_value v;
        if (!sino_dict_get(charlm, s + c[i].off, c[i].len, &v)) return 1;
        if (v.num < RARE_COUNT && ++rare >= 2) return 1;
    }
    return 0;
}

/* Whether a sentence is surely cut between a and b: a ends without a
 * sentence mark, and b starts with a character no paragraph starts with,
 * a ends with one no paragraph ends with, or a word surely spans the
 * break (替⏎换). Stricter than sino_clean_should_join_ex, which also joins
 * any two lines of running text. */
/* Whether a ends where its sentence cannot (的, 和, 如果 ...). */
int clean_ends_open(const char *a, size_t an)
{
    lchr ac[JOIN_CONTEXT + 1];
    size_t am = an ? last_chars(a, an, ac) : 0;
    return am && !ends_sentence(ac, am) && ends_open(ac, am);
}

/* How b reads on from a by its own start, whatever a's end asks for: 2
 * surely (with by_start, a character that cannot start a paragraph; a
 * word of three or more characters across the break), 1 maybe, 0 no. */
static int reads_on(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn,
                    int by_start)
{
    if (an == 0 || bn == 0) return 0;
    lchr ac[JOIN_CONTEXT + 1], bc[JOIN_CONTEXT + 1];
    size_t am = last_chars(a, an, ac);
    size_t bm = decode(b, bn, bc, JOIN_CONTEXT);
    if (!am || !bm || ends_sentence(ac, am)) return 0;
    if (by_start && cannot_start(bc[0].cp, ac, am)) return 2;
    return word_across(t ? t->words : NULL, t ? t->charlm : NULL, ac, am, a, bc, bm, b);
}

int clean_sentence_goes_on(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn)
{
    if (an == 0 || bn == 0 || menu_line(a, an)) return 0;
    if (clean_ends_open(a, an)) return 2;
    return reads_on(t, a, an, b, bn, 1);
}

/* Whether a word of three or more characters, or a pair with a high PMI,
 * spans the break between a and b. */
int clean_word_spans(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn)
{
    return reads_on(t, a, an, b, bn, 0) == 2;
}

/* Whether b reads on from a by its own start (a character that does not
 * start a paragraph, a word across the break). */
int clean_reads_into(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn)
{
    return reads_on(t, a, an, b, bn, 1);
}

int clean_sentence_cut(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn)
{
    return clean_sentence_goes_on(t, a, an, b, bn) == 2;
}

/* A short piece without sentence punctuation, item mark or ASCII syntax:
 * a line that may interrupt a sentence as furniture. */
int clean_short_piece(const char *s, size_t n)
{
    if (n == 0 || nchars_upto(s, n, 25) > 24 || has_sentence_punct(s, n) || clean_starts_item(s, n))
        return 0;
    /* ASCII punctuation but a separator is syntax: an option, a path */
    for (size_t i = 0; i < n; i++)
        if (ispunct((unsigned char)s[i]) && s[i] != '|' && s[i] != '/') return 0;
    return 1;
}
/* Whether a page header or footer (a page marker, dropped) between a and
 * b cut one paragraph: a page break falls where the column runs out, so
 * the text before it goes on after it unless it ended a sentence. Not
 * where b starts a heading or an item, or either is a byline. */
int clean_page_cut(const char *a, size_t an, const char *b, size_t bn)
{
    if (an == 0 || bn == 0 || menu_line(a, an)) return 0;
    lchr ac[JOIN_CONTEXT + 1], bc[2];
    size_t am = last_chars(a, an, ac);
    if (!am || !decode(b, bn, bc, 1) || ends_sentence(ac, am)) return 0;
    /* Chinese text on both sides (a line of code or an address before a
     * page number is a line of its own) */
    uint32_t last = ac[am - 1].cp, first = bc[0].cp;
    if (!(sino_is_han(last) || last >= 0x3000) || !(sino_is_han(first) || first >= 0x3000)) return 0;
    if (clean_starts_item(b, bn) || sino_clean_is_byline(a, an) || sino_clean_is_byline(b, bn)) return 0;
    return 1;
}

int sino_clean_should_join_ex(const sino_clean_tables *t, const char *a, size_t an,
                              int a_byline, const char *b, size_t bn, int b_byline)
{
    return clean_should_join_facts(t, a, an, a_byline, -1, b, bn, b_byline, -1);
}

int clean_should_join_facts(const sino_clean_tables *t, const char *a, size_t an, int a_byline,
                            int a_head, const char *b, size_t bn, int b_byline, int b_head)
{
    if (an == 0 || bn == 0) return 0;
    lchr ac[JOIN_CONTEXT + 1], bc[JOIN_CONTEXT + 1];
    size_t am = last_chars(a, an, ac);
    size_t bm = decode(b, bn, bc, JOIN_CONTEXT);
    uint32_t last = ac[am - 1].cp, first = bc[0].cp;
    if (ends_sentence(ac, am)) return 0;
    /* mojibake left as it was at either side (the JOIN_CONTEXT characters) */
    if (t && t->charlm && (mojibake_edge(t->charlm, a, ac, am) || mojibake_edge(t->charlm, b, bc, bm)))
        return 0;
    if (a_byline < 0) a_byline = sino_clean_is_byline(a, an);
    if (b_byline < 0) b_byline = sino_clean_is_byline(b, bn);
    if (a_byline || b_byline) return byline_broken(a, an, a_byline, b, bn, b_byline);
    /* numbered headings and spaced headlines on either side (characters
     * counted as far as the limits need) */
    size_t achars = nchars_upto(a, an, 81), bchars = nchars_upto(b, bn, 65);
    /* a headline of phrases set apart by a blank; tested once, for the
     * spaced headlines here and for the phrases below */
    int a_phrases = spaced_phrases(a, an, achars), b_phrases = spaced_phrases(b, bn, bchars);
    if (achars <= 80 && (spaced_headline(a, an, a_phrases) || numbered_start(a, an))) return 0;
    if (spaced_headline(b, bn, b_phrases) || numbered_start(b, bn)) return 0;
    /* lines of a form or letter: 时间：… after a short line, 此致⏎敬礼 (not
     * after a word its noun must follow: 还是个⏎特例：…) */
    if (field_line(bc, bm, b, bn) && (achars <= 20 || field_line(ac, 0, a, an)) && !ends_open(ac, am)) return 0;
    if (achars <= 3 && bchars <= 3) return 0;
    /* Latin meets Latin: lines of code, configuration or an address; only
     * a hard wrap (decided from the widths) joins them */
    if (last < 0x80 && last != ' ' && first < 0x80 && isalnum((int)first)) return 0;
    /* a line of Latin text alone (a command, a path, configuration, a
     * line of French) is a line of its own, before or after Chinese text */
    if (no_cjk(a, an) || no_cjk(b, bn)) return 0;
    /* a menu or a breadcrumb (首页 > 要闻 > 正文, 登录 | 注册) kept for its
     * place ends there: what follows is not its sentence */
    if (menu_line(a, an)) return 0;
    /* a line with a tab between two fields is a row of a table (TSV) */
    if (clean_table_row(a, an) || clean_table_row(b, bn)) return 0;
    /* nor is one drawn in text (|…|…|, +----+) */
    if (clean_drawn_row(a, an) || clean_drawn_row(b, bn)) return 0;
    /* rows of a table: three or more fields on each line, no sentences */
    if (fields(b, bn) >= 3 && fields(a, an) >= 3 && !has_sentence_punct(a, an) &&
        !has_sentence_punct(b, bn))
        return 0;
    /* a headline of phrases set apart by a blank (打通致富路 花灯点亮未来) */
    if (a_phrases || b_phrases) {
        int across = word_across(t ? t->words : NULL, t ? t->charlm : NULL, ac, am, a, bc, bm, b);
        if (!headline_pieces(a, an, b, bn)) return across == 2;
        /* the short piece is on the side of the spaced phrases */
        return across || (a_phrases && edge_token(a, an, 1) <= 2) ||
               (b_phrases && edge_token(b, bn, 0) <= 2);
    }
    if (cannot_start(first, ac, am) || ends_open(ac, am) || open_quote(a, an)) return 1;
    if (sino_is_han(last) && bare_postposition(t ? t->charlm : NULL, bc, bm, b)) return 1;
    /* "上。這個選項…": a one-character sentence continues a */
    if (bm >= 2 && sino_is_han(bc[0].cp) && bc[1].cp == 0x3002) return 1;
    /* a short line with the function words of running text (如果, 一个,
     * 了, 您 ...) is the start of a sentence, not a headline */
    if (a_head < 0) a_head = sino_clean_is_headline(a, an);
    a_head = a_head && !prose_words(t ? t->words : NULL, a, an);
    /* a headline is joined only with a word across the break; before a
     * headline, the break stays without one */
    if (b_head < 0) b_head = sino_clean_is_headline(b, bn);
    if (!a_head && !b_head) return 1;
    return word_across(t ? t->words : NULL, t ? t->charlm : NULL, ac, am, a, bc, bm, b) != 0;
}
