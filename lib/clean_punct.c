/* clean_punct.c - punctuation and spacing inside one line. */
#include <string.h>

#include "sino_clean.h"
#include "clean_int.h"

#define MAX_CPS 4096   /* characters examined per block (the line is cut) */

/* Chinese context: Han, CJK punctuation, full-width forms, kana/bopomofo. */
static int chinese(uint32_t cp)
{
    return sino_is_han(cp) || sino_is_cjk_punct(cp) ||
           (cp >= 0x3000 && cp <= 0x30FF && cp != 0x3000) ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
           cp == 0x2014 || cp == 0x2026 || cp == 0x00B7 || cp == 0xFFFD;
}

static int ascii_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static int dropped(uint32_t cp)
{
    if ((cp > 0x2060 && cp != 0xFEFF) || (cp >= 0x20 && cp < 0x7F)) return 0;   /* the common cases */
    if (cp < 0x20 && cp != '\t') return 1;          /* C0 controls (not tab) */
    if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return 1;   /* DEL, C1 */
    if (sino_is_zero_width(cp)) return 1;
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
        cp == 0xFEFF || cp == 0x00AD || cp == 0x200E || cp == 0x200F)
        return 1;
    return 0;
}

static inline int blank(uint32_t cp)
{
    if (cp > 0x3000) return 0;
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F;
}

static uint32_t fullwidth_punct(uint32_t cp)
{
    switch (cp) {
    case ',': return 0xFF0C;
    case ';': return 0xFF1B;
    case ':': return 0xFF1A;
    case '?': return 0xFF1F;
    case '!': return 0xFF01;
    default: return 0;
    }
}

/* Append cp; the caller reserved 4 bytes a character. */
static inline void put(sino_buf *out, uint32_t cp)
{
    unsigned char *p = (unsigned char *)out->data + out->len;
    if (cp < 0x80) {
        p[0] = (unsigned char)cp;
        out->len++;
        return;
    }
    if (cp >= 0x800 && cp < 0xD800) {
        p[0] = (unsigned char)(0xE0 | (cp >> 12));
        p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        p[2] = (unsigned char)(0x80 | (cp & 0x3F));
        out->len += 3;
        return;
    }
    int k = sino_utf8_encode(cp, p);
    if (k == 0) k = sino_utf8_encode(SINO_REPLACEMENT_CHAR, p);
    out->len += (size_t)k;
}

/* Whether punct_block writes cp as it is without looking around it: not a
 * blank, a parenthesis, a mark it converts, or a full-width letter or
 * digit (the common case, taken first). */
static inline int unchanged(uint32_t cp)
{
    if (cp > 0x3000) return cp < 0xFF08 || cp > 0xFF5A;
    if (cp >= 0x80) return !blank(cp);
    return cp > ' ' && cp != '(' && cp != ')' && !fullwidth_punct(cp);
}

/* The first character after c[i] that is neither deleted nor a blank, or 0. */
static uint32_t next_solid(const uint32_t *c, size_t m, size_t i)
{
    for (size_t j = i + 1; j < m; j++)
        if (c[j] != 0xFFFFFFFFu && !blank(c[j])) return c[j];
    return 0;
}

/* *plast, *plastnb: the last character written and the last one that is
 * not a blank (0 at the start of the line), carried from block to block;
 * table: the line is a table row (see clean_table_row); latin_style: it
 * writes Latin punctuation after Han (see latin_stops); cjk_marks: it holds
 * Chinese punctuation (see chinese_marks); final: the block ends
 * the line (a run of blanks at its end is trailing) */
static int punct_block(const uint32_t *c, size_t m, sino_buf *out, uint32_t *plast,
                       uint32_t *plastnb, int table, int latin_style, int cjk_marks, int final)
{
    /* parentheses: a stack of "converted" decisions */
    unsigned char stack[64];
    size_t depth = 0;
    uint32_t last = *plast;     /* last character written (0 at line start) */
    uint32_t lastnb = *plastnb; /* last one that is not a blank */
    for (size_t i = 0; i < m; i++) {
        uint32_t cp = c[i];
        if (cp == 0xFFFFFFFFu) continue;           /* deleted */
        if (unchanged(cp)) {
            put(out, cp);
            last = lastnb = cp;
            continue;
        }
        uint32_t next = 0;
        for (size_t j = i + 1; j < m; j++)
            if (c[j] != 0xFFFFFFFFu) { next = c[j]; break; }
        if (blank(cp)) {
            /* blanks at the ends of the line go; inside it, see below;
             * in a table row, a run that holds a tab separates fields and
             * stays as it is, at the ends of the line too (empty fields) */
            size_t j = i;
            int all_ascii = 1, tab = 0;
            while (j < m && (c[j] == 0xFFFFFFFFu || blank(c[j]))) {
                if (c[j] != ' ' && c[j] != 0xFFFFFFFFu) all_ascii = 0;
                tab |= c[j] == '\t';
                j++;
            }
            int nbsp_only = j == i + 1 && cp == 0xA0;
            if (nbsp_only && last != 0 && j < m && !blank(c[j])) {
                /* one no-break space inside the line ("-alias\u00a0file",
                 * "命令\u00a0或", as mandoc writes "\ "): meant, kept (the
                 * HTML pass makes &nbsp; a space) */
                put(out, cp);
                last = cp;
            } else if (table && tab) {
                for (size_t q = i; q < j; q++)
                    if (c[q] != 0xFFFFFFFFu) put(out, c[q]);
                last = '\t';
            } else if (last != 0 && (j < m || !final)) {
                /* inside the line: a run of two or more blanks aligns
                 * columns ("any\u00a0\u00a0\u00a0 T_ANY") and stays; one
                 * blank that is not a space (NBSP, U+3000) becomes one */
                size_t kept = 0;
                for (size_t q = i; q < j; q++) kept += c[q] != 0xFFFFFFFFu;
                if (all_ascii || kept >= 2) {
                    for (size_t q = i; q < j; q++)
                        if (c[q] != 0xFFFFFFFFu) put(out, c[q]);
                } else {
                    put(out, ' ');
                }
                last = ' ';
            }
            i = j - 1;
            continue;
        }
        if (cp >= 0xFF10 && cp <= 0xFF19) cp = cp - 0xFF10 + '0';
        else if (cp >= 0xFF21 && cp <= 0xFF3A) cp = cp - 0xFF21 + 'A';
        else if (cp >= 0xFF41 && cp <= 0xFF5A) cp = cp - 0xFF41 + 'a';
        uint32_t fw = latin_style ? 0 : fullwidth_punct(cp);
        if (latin_style && (cp == '(' || cp == ')')) {
            /* the line writes Latin punctuation: its parentheses stay */
        } else if (fw) {
            int conv = 0;
            int quoted = (lastnb == 0xFF08 || lastnb == '(' || lastnb == 0x201C || lastnb == 0x300C) &&
                         (next == 0xFF09 || next == ')' || next == 0x201D || next == 0x300D);
            if (quoted || (blank(next) && !cjk_marks) ||
                (next && next < 0x80 && strchr("=<>&|!-", (int)next)) || next == cp ||
                (i > 0 && c[i - 1] == cp))
                conv = 0;   /* "(,)"; a blank after the mark in a line without
                             * Chinese marks (Latin typography); an operator
                             * or a face ("!=", "?>", "!!", "::", ":-)") */
            else if (chinese(lastnb) && !(cp == ':' && next == '/'))
                conv = 1;
            else if ((cp == ',' || cp == ';') &&
                     (ascii_alnum(lastnb) || lastnb == '%' || lastnb == '"' || lastnb == '\'' ||
                      lastnb == ')' || lastnb == ']') &&
                     (sino_is_han(next) || (cp == ',' && cjk_marks && sino_is_han(next_solid(c, m, i)))))
                conv = 1;   /* "3,中文", "FROM, 用" (but "return 0; 只在" stays) */
            if (conv) cp = fw;
        } else if (cp == '(' || cp == 0xFF08) {
            /* not after a blank in a line without Chinese marks: "问题
             * (或者…)" is Latin typography */
            int conv = cp == 0xFF08 || ((chinese(last) || chinese(next)) && (cjk_marks || !blank(last)));
            if (depth < sizeof stack) stack[depth] = (unsigned char)conv;
            depth++;
            if (conv) cp = 0xFF08;
        } else if (cp == ')' || cp == 0xFF09) {
            int conv;
            if (depth > 0) {
                depth--;
                conv = depth < sizeof stack ? stack[depth] : 0;
            } else {
                conv = chinese(last) || chinese(next);
            }
            if (cp == 0xFF09 || conv) cp = 0xFF09;
        }
        put(out, cp);
        last = lastnb = cp;
    }
    *plast = last;
    *plastnb = lastnb;
    return SINO_OK;
}

/* The offset of the first byte from which the line may need a change
 * (checked on bytes), n when it certainly needs none: no ASCII punctuation
 * this pass converts, no controls, blanks only as single inner spaces, and
 * none of the code points it changes. */
static size_t first_dirty(const unsigned char *u, size_t n)
{
    /* bytes that may start a change: controls, DEL, the ASCII marks this
     * pass converts, space, and the lead bytes C2 E2 E3 EF */
    static const unsigned char mark[256] = {
        [0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1,
        [9] = 1, [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1, [16] = 1,
        [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1, [24] = 1,
        [25] = 1, [26] = 1, [27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1, [' '] = 1,
        [','] = 1, [';'] = 1, [':'] = 1, ['?'] = 1, ['!'] = 1, ['('] = 1, [')'] = 1,
        [0x7F] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1};
    if (n && u[0] == ' ') return 0;
    for (size_t i = 0; i < n; i++) {
        while (i < n && !mark[u[i]]) i++;
        if (i >= n) break;
        unsigned char b = u[i];
        if (b < 0x80) {
            if (b < 0x20 || b == 0x7F) return i;
            switch (b) {
            case ',': case ';': case ':': case '?': case '!': case '(': case ')': return i;
            case ' ': if (i + 1 < n && u[i + 1] == ' ') return i; break;
            default: break;
            }
            continue;
        }
        if (b == 0xC2) return i;                       /* NBSP, soft hyphen, C1 */
        if (b == 0xE2 && i + 2 < n) {
            unsigned char b1 = u[i + 1], b2 = u[i + 2];
            if (b1 == 0x80 && (b2 <= 0x8F || (b2 >= 0xA8 && b2 <= 0xAF))) return i;
            if (b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0)) return i;
        }
        if (b == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x80) return i;
        if (b == 0xEF && i + 2 < n) {
            unsigned char b1 = u[i + 1], b2 = u[i + 2];
            if (b1 == 0xBB) return i;                  /* BOM */
            if (b1 == 0xBC && (b2 == 0x88 || b2 == 0x89 || (b2 >= 0x90 && b2 <= 0x99) ||
                               (b2 >= 0xA1 && b2 <= 0xBA)))
                return i;
            if (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A) return i;
        }
    }
    if (n && u[n - 1] == ' ') return n - 1;
    return n;
}

/* Whether the line is a table row: a tab between two characters that are
 * not blanks. Its tabs are field separators, kept where they are. */
int clean_table_row(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    const unsigned char *tab = memchr(u, '\t', n);
    if (!tab) return 0;
    size_t first = 0, last = n;
    while (first < n && (u[first] == ' ' || u[first] == '\t')) first++;
    while (last > first && (u[last - 1] == ' ' || u[last - 1] == '\t')) last--;
    for (size_t i = first; i < last; i++)
        if (u[i] == '\t') return 1;
    return 0;
}

static int frame_char(uint32_t c) { return c == '|' || c == '+' || (c >= 0x2500 && c <= 0x257F); }

/* Whether the line is a row or rule of a table drawn in text: after its
 * indentation it starts and ends with a frame character (| + or a
 * box-drawing one), and holds another in between or is a rule (|----+---|,
 * +------+, │ ls │ 列出 │, a Markdown row). Its blanks and punctuation are
 * the drawing's: nothing in it is converted, and it is joined to nothing. */
int clean_drawn_row(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t first = 0, last = n;
    while (first < n && (u[first] == ' ' || u[first] == '\t')) first++;
    while (last > first && (u[last - 1] == ' ' || u[last - 1] == '\t')) last--;
    if (last - first < 2) return 0;
    int32_t a, b;
    sino_utf8_decode_fast(u + first, last - first, &a);
    size_t st = sino_utf8_char_start(u, last - 1);
    sino_utf8_decode_fast(u + st, last - st, &b);
    if (a < 0 || b < 0 || !frame_char((uint32_t)a) || !frame_char((uint32_t)b)) return 0;
    size_t frames = 0, rule = 0, other = 0;
    for (size_t i = first; i < last;) {
        int32_t cp;
        i += (size_t)sino_utf8_decode_fast(u + i, last - i, &cp);
        if (cp >= 0 && frame_char((uint32_t)cp)) frames++;
        else if (cp == '-' || cp == '=' || cp == ':' || cp == 0x2500 || cp == 0x2501) rule++;
        else other++;
    }
    return frames >= 3 || (frames == 2 && rule > 0 && other == 0);
}

/* Whether the line ends a Chinese sentence with a Latin full stop: a Han
 * character, then '.', then a blank, the end, or Han ("退出.  mode",
 * "检查.当"). Such a line is written in Latin punctuation throughout (many
 * translated manuals are); its ',' ':' '(' are the author's, not damage,
 * and converting them would leave it half one style and half the other. */
static int latin_stops(const unsigned char *u, size_t n)
{
    for (const unsigned char *p = memchr(u, '.', n); p; p = memchr(p + 1, '.', n - (size_t)(p + 1 - u))) {
        size_t i = (size_t)(p - u);
        if (i < 3) continue;
        size_t st = sino_utf8_char_start(u, i - 1);
        int32_t before, after = 0;
        sino_utf8_decode_fast(u + st, i - st, &before);
        if (before <= 0 || !sino_is_han((uint32_t)before)) continue;
        if (i + 1 < n) sino_utf8_decode_fast(u + i + 1, n - i - 1, &after);
        if (i + 1 >= n || after == ' ' || (after > 0 && sino_is_han((uint32_t)after))) return 1;
    }
    return 0;
}

/* Whether the line holds Chinese punctuation (、。，；：！？): then it is
 * written in Chinese punctuation, and an ASCII mark in it is damage even
 * with a blank after it (width folding turns "， " into ", "). */
static int chinese_marks(const unsigned char *u, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++) {
        if (u[i] == 0xE3 && u[i + 1] == 0x80 && (u[i + 2] == 0x81 || u[i + 2] == 0x82)) return 1;
        if (u[i] == 0xEF && u[i + 1] == 0xBC &&
            (u[i + 2] == 0x8C || u[i + 2] == 0x9B || u[i + 2] == 0x9A || u[i + 2] == 0x81 || u[i + 2] == 0x9F))
            return 1;
    }
    return 0;
}

int sino_clean_punct(const char *s, size_t n, sino_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = first_dirty(u, n);
    sino_buf_clear(out);
    if (i == n) return sino_buf_append(out, s, n);
    if (clean_drawn_row(s, n)) {   /* as drawn: only the blanks at its ends and invisible characters go */
        size_t a = 0;
        while (a < n && (s[a] == ' ' || s[a] == '\t')) a++;
        while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
        for (size_t k = a; k < n;) {
            int32_t cp;
            int len = sino_utf8_decode_fast(u + k, n - k, &cp);
            if (len <= 0) len = 1;
            if (cp < 0 || !dropped((uint32_t)cp))
                if (sino_buf_append(out, s + k, (size_t)len) != SINO_OK) return SINO_ERR_NOMEM;
            k += (size_t)len;
        }
        return SINO_OK;
    }
    /* the clean start goes out as it is; a single space before the first
     * change may belong to a run of blanks that starts there */
    if (i > 0 && u[i - 1] == ' ') i--;
    uint32_t c[MAX_CPS];
    if (sino_buf_reserve(out, n + 16) != SINO_OK) return SINO_ERR_NOMEM;
    uint32_t last = 0, lastnb = 0;
    int table = clean_table_row(s, n), latin = latin_stops(u, n), marks = chinese_marks(u, n);
    if (i > 0) {
        size_t st = sino_utf8_char_start(u, i - 1);
        int32_t cp;
        sino_utf8_decode_fast(u + st, i - st, &cp);
        last = lastnb = cp < 0 ? (uint32_t)SINO_REPLACEMENT_CHAR : (uint32_t)cp;
        sino_buf_append(out, s, i);
    }
    while (i < n) {
        size_t m = 0;
        while (i < n && m < MAX_CPS) {
            int32_t cp;
            int k = sino_utf8_decode_fast(u + i, n - i, &cp);
            if (cp < 0) cp = (int32_t)SINO_REPLACEMENT_CHAR;
            c[m++] = dropped((uint32_t)cp) ? 0xFFFFFFFFu : (uint32_t)cp;
            i += (size_t)k;
        }
        /* at most 4 bytes a character: the writes below cannot fail */
        if (sino_buf_reserve(out, m * 4 + 4) != SINO_OK) return SINO_ERR_NOMEM;
        punct_block(c, m, out, &last, &lastnb, table, latin, marks, i >= n);
    }
    /* trailing blanks (a table row keeps its trailing tabs) */
    while (out->len && out->data[out->len - 1] == ' ') out->len--;
    return SINO_OK;
}
