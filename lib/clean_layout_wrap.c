/* clean_layout_wrap.c - hard-wrapped documents: the wrap width from the
 * document's line widths (display columns), and whether a line that ends
 * at it goes on in the next one. */
#include <stdlib.h>
#include <utf8proc.h>

#include "clean_int.h"

/* Lines narrower than this never count for the wrap width: verse, lists
 * and headlines are short lines of similar widths, wraps are wider. */
#define WRAP_MIN_COLS 30
/* The widest lines tried as the wrap width (the ones beyond it may be
 * unbreakable: a long URL, a line of a table). */
#define WRAP_TRIES 3

static unsigned char_cols(uint32_t cp)
{
    if (cp < 0x80) return cp == '\t' ? 1 : cp >= 0x20;
    if (cp >= 0x4E00 && cp <= 0x9FFF) return 2;   /* the common case: a CJK ideograph */
    int w = utf8proc_charwidth((utf8proc_int32_t)cp);
    return w < 0 ? 1u : (unsigned)w;
}

static int blank_char(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0; }

/* Punctuation that may end a paragraph, and closers that may follow it. */
static int stop_char(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?' || cp == '.' ||
           cp == 0x2026 || cp == 0xFF1B || cp == ';' || cp == 0xFF1A || cp == ':';
}
static int closer(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0xFF09 || cp == ')' ||
           cp == 0x300B || cp == '"';
}

void clean_line_shape(const char *s, size_t n, clean_shape *sh)
{
    unsigned cols = 0, indent = 0;
    int leading = 1;
    uint32_t last = 0, before_last = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        /* a run of ASCII: a column each but for controls (a tab counts
         * one); blanks are space and tab */
        while (i < n && u[i] < 0x80) {
            unsigned char a = u[i];
            if (a == ' ' || a == '\t') {
                indent += leading;
                cols++;
            } else {
                leading = 0;
                before_last = last;
                last = (uint32_t)a;
                cols += a >= 0x20;
            }
            i++;
        }
        if (i >= n) break;
        /* the common case: a Han character of U+4E00..U+9FFF (lead byte
         * E5..E9, or E4 and B8..BF), two columns and no blank */
        if (u[i] >= 0xE4 && u[i] <= 0xE9 && n - i >= 3 && (u[i] > 0xE4 || u[i + 1] >= 0xB8) &&
            (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            leading = 0;
            before_last = last;
            last = (uint32_t)(u[i] & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
            cols += 2;
            i += 3;
            continue;
        }
        int32_t cp;
        i += (size_t)sino_utf8_decode_fast(u + i, n - i, &cp);
        uint32_t c = cp < 0 ? 0xFFFD : (uint32_t)cp;
        unsigned w = char_cols(c);
        if (leading && blank_char(c)) indent += w;
        else leading = 0;
        if (!blank_char(c)) before_last = last, last = c;
        cols += w;
    }
    sh->ends_stop = stop_char(last) || (closer(last) && stop_char(before_last));
    sh->drawn = clean_drawn_row(s, n);
    /* trailing blanks are not text: a wrapper does not count them */
    size_t e = n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--, cols--;
    sh->cols = cols;
    sh->indent = leading ? 0 : indent;
}

/* Whether the line ends at the wrap width. */
static int at_width(const clean_wrap *w, const clean_shape *l)
{
    return w->cols && l->cols <= w->cols + w->over && l->cols + w->band >= w->cols;
}

/* The band below the wrap width that wrapped lines end in: a wide
 * character that does not fit ends the line a column early, and a wrapper
 * that keeps punctuation off the start of a line ends it a few early. */
static unsigned band_of(unsigned cols) { return 2 + cols / 40; }

void clean_wrap_detect(const clean_shape *l, size_t n, clean_wrap *w)
{
    w->cols = w->band = w->over = 0;
    w->indent_paras = w->blank_paras = 0;
    /* the widest distinct widths, widest first */
    unsigned top[WRAP_TRIES] = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned c = l[i].cols;
        if (c < WRAP_MIN_COLS) continue;
        for (int k = 0; k < WRAP_TRIES; k++) {
            if (c == top[k]) break;
            if (c > top[k]) {
                memmove(top + k + 1, top + k, (WRAP_TRIES - 1 - (size_t)k) * sizeof *top);
                top[k] = c;
                break;
            }
        }
    }
    for (int k = 0; k < WRAP_TRIES && top[k]; k++) {
        clean_wrap t = {top[k], band_of(top[k]), 0, 0, 0};
        size_t in = 0, beyond = 0, open = 0, followed = 0;
        for (size_t i = 0; i < n; i++) {
            if (l[i].cols > t.cols) beyond++;
            else if (at_width(&t, &l[i])) {
                in++;
                if (i + 1 < n && !l[i + 1].blank) {
                    followed++;
                    open += !l[i].ends_stop;
                }
            }
        }
        /* wrapped: several lines end at the width, few go beyond it, and
         * most of those that end there end mid-sentence (a document of
         * one paragraph a line ends its lines with full stops); with four
         * or more at the width, half will do (a wrapped line ends at a
         * stop by chance, often where the sentences are short) */
        int mid_sentence = in >= 4 ? open * 2 >= followed : open * 5 >= followed * 3;
        if (in < 2 || beyond * 4 > in || followed < 2 || !mid_sentence) continue;
        *w = t;
        break;
    }
    if (!w->cols) return;
    /* how the document marks its paragraphs: an indented first line after
     * a line that ends at the width, or blank lines between them */
    int indented = 0, flush_after_width = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && l[i].blank) w->blank_paras = 1;
        if (l[i].indent) indented = 1;
        else if (i && !l[i].blank && at_width(w, &l[i - 1])) flush_after_width = 1;
    }
    w->indent_paras = indented && flush_after_width;
}

int clean_wrap_continues(const clean_wrap *w, const clean_shape *a, const clean_shape *b)
{
    /* an indented line starts a paragraph (or a block of its own) */
    if (!at_width(w, a) || b->blank || b->indent || a->drawn || b->drawn) return 0;
    /* a full stop at the width: the paragraph may end there, unless the
     * document marks where its paragraphs start (and b is not one) */
    if (a->ends_stop && !w->indent_paras && !w->blank_paras) return 0;
    return 1;
}
