/* sino_clean.h - repair and remove noise in raw Chinese text (sclean).
 *
 * Six passes, each in its own file and usable alone:
 *   pinyin       clean_pinyin.c   inserted readings: 網(wǎng) -> 網, ?shù) leftovers
 *   mojibake     clean_mojibake.c UTF-8 read as GBK/Big5/Latin-1/cp1252, GBK one byte off
 *   html         clean_html.c     tags, entities, hidden elements, script/style
 *   boilerplate  clean_boiler.c   site headers/footers, disclaimers, link lists
 *   layout       clean_layout.c   line joining, page headers/footers, markers
 *   punct        clean_punct.c    punctuation, widths, spaces, controls
 * clean.c runs them over a document: the line passes on each line, then the
 * document passes (boilerplate, layout) over a bounded window of lines. */
#ifndef SINO_CLEAN_H
#define SINO_CLEAN_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "sino_dict.h"
#include "sino_text.h"

enum sino_clean_pass {
    SINO_CLEAN_PINYIN = 1 << 0,
    SINO_CLEAN_MOJIBAKE = 1 << 1,
    SINO_CLEAN_HTML = 1 << 2,
    SINO_CLEAN_BOILERPLATE = 1 << 3,
    SINO_CLEAN_LAYOUT = 1 << 4,
    SINO_CLEAN_PUNCT = 1 << 5,
    SINO_CLEAN_ALL = (1 << 6) - 1
};

/* "pinyin", "mojibake", ... for one pass bit; NULL for another value. */
const char *sino_clean_pass_name(int pass);
/* The pass bit for a name, or 0. */
int sino_clean_pass_by_name(const char *name);

/* The compiled tables (see data/sclean.mk); any may be NULL when the pass
 * that needs it is off. */
typedef struct sino_clean_tables {
    sino_dict *readings;   /* kind "sclean-readings" */
    sino_dict *charlm;     /* kind "sclean-charlm" */
    sino_dict *words;      /* kind "jieba-words" */
    sino_dict *boiler;     /* kind "sclean-boilerplate" */
} sino_clean_tables;

/* Open the tables the passes need from the data directory; on failure the
 * message names the path. */
int sino_clean_tables_open(sino_clean_tables *t, unsigned passes, sino_error *err);
void sino_clean_tables_close(sino_clean_tables *t);

/* ---- line passes: s[0..n) in, the result replaces out's contents ---- */

/* Remove (reading) after a character when it is one of its readings, in
 * ASCII or full-width parentheses; remove broken "?reading)" leftovers. */
int sino_clean_pinyin(const sino_dict *readings, const char *s, size_t n,
                      sino_buf *out);

/* Character language model over the charlm table. */
typedef struct sino_charlm {
    const sino_dict *d;
    double log_total;
    const char *common;     /* bitmap of the common characters U+4E00..U+9FFF */
    size_t common_len;
} sino_charlm;
/* SINO_ERR_FORMAT when the table lacks =total or a =common bitmap of the
 * right size (a table built by an older sino: rebuild it). */
int sino_charlm_init(sino_charlm *lm, const sino_dict *charlm);
/* Whether cp is a common character (Han in the bitmap, ASCII, common marks). */
int sino_charlm_common(const sino_charlm *lm, uint32_t cp);
/* Unigram count of cp in the model (0 if none). */
uint32_t sino_charlm_count(const sino_charlm *lm, uint32_t cp);
/* Cost (negative natural log probability) of text[0..n), in total; *chars
 * gets the number of characters scored. prev (0 = none) is the character
 * before the text. */
double sino_charlm_cost(const sino_charlm *lm, uint32_t prev, const char *s,
                        size_t n, size_t *chars);

typedef struct sino_moji sino_moji;   /* iconv descriptors, made on first use */
sino_moji *sino_moji_new(void);
void sino_moji_free(sino_moji *m);
/* Repair mojibake runs; unsure runs are left as they are. */
int sino_clean_mojibake(sino_moji *m, const sino_charlm *lm, const char *s,
                        size_t n, sino_buf *out, sino_error *err);

/* HTML state carried across lines (inside script/style/comment). */
typedef struct sino_html_state {
    int skip;              /* 0, or 1 script, 2 style, 3 comment */
    unsigned skip_lines;   /* lines skipped so far (bounded) */
} sino_html_state;
/* Tags, entities, hidden elements. Block-level tags become '\n' in out. */
int sino_clean_html(sino_html_state *st, const char *s, size_t n, sino_buf *out);

/* Punctuation and spacing within one line (see sclean(1)). */
int sino_clean_punct(const char *s, size_t n, sino_buf *out);

/* ---- document passes ---- */

/* Boilerplate pattern flags (the numbers of data/sclean-boilerplate.tsv). */
enum {
    SINO_BP_START = 1, SINO_BP_CONTAINS = 2, SINO_BP_WHOLE = 4,
    SINO_BP_BLOCK = 8, SINO_BP_LINKS = 16,
    SINO_BP_WORD = 32,     /* a furniture word: counted, no verdict of its own */
    SINO_BP_SUFFIX = 64    /* a site-name ending (网, 日报): counted before a break */
};
/* The pattern flags that apply to a line (0 = none). */
unsigned sino_clean_boiler_match(const sino_dict *boiler, const char *s, size_t n);
/* The same with a filter of the keys' first characters (a bit per BMP code
 * point, made by sino_clean_boiler_filter) that skips most positions of a
 * line. */
void sino_clean_boiler_filter(const sino_dict *boiler, unsigned char filter[8192]);
unsigned sino_clean_boiler_match_f(const sino_dict *boiler, const unsigned char *filter,
                                   const char *s, size_t n);

/* Whether a line is a running page header/footer ("- 7 -", "第 3 页 共 18 页",
 * "杭州日报 2023-05-12 星期三 第4版"). */
int sino_clean_is_page_marker(const char *s, size_t n);
/* Remove continuation markers such as (紧接4版), （下转第6版）. */
int sino_clean_markers(const char *s, size_t n, sino_buf *out);
/* A byline: names only (丁劲涛, 王培欣 毕云蔚, 本刊记者/施安南 ...). */
int sino_clean_is_byline(const char *s, size_t n);
/* Close up padded two-character names in a byline (谢 婷 -> 谢婷). */
int sino_clean_byline_close(const char *s, size_t n, sino_buf *out);
/* A headline: short, no sentence punctuation. */
int sino_clean_is_headline(const char *s, size_t n);
/* Whether line b continues the paragraph that ends with line a (the words
 * and charlm tables tell whether the characters across the break form a
 * word; either may be NULL). */
int sino_clean_should_join(const sino_clean_tables *t, const char *a, size_t an,
                           const char *b, size_t bn);
/* Whether line b surely continues a paragraph that ends with a although
 * other lines come between (newspaper columns interleaved): a ends without
 * sentence punctuation, both are long lines of prose, not bylines, b
 * starts with one character and then punctuation (a word cut in two), and
 * a word spans the break (a word of three or more characters, or a pair
 * of characters that is a word by a wide margin). */
int sino_clean_continues_column(const sino_clean_tables *t, const char *a, size_t an,
                                const char *b, size_t bn);
/* Whether line b may be such a fragment at all (its part of the test that
 * does not depend on a). */
int sino_clean_column_start(const char *b, size_t bn);

/* ---- the document driver ---- */

typedef struct sino_clean sino_clean;

/* A change: input line number (1-based), pass bit, text before and after. */
typedef void (*sino_clean_report_fn)(void *ctx, uint64_t line, int pass,
                                     const char *before, size_t blen,
                                     const char *after, size_t alen);
/* Paragraph text (no newline); end = 1 when the paragraph ends here (the
 * caller writes the newline), 0 when more of it follows (a line longer than
 * the window). Return SINO_OK or an error. */
typedef int (*sino_clean_emit_fn)(void *ctx, const char *s, size_t n, int end,
                                  sino_error *err);

sino_clean *sino_clean_new(const sino_clean_tables *t, unsigned passes,
                           sino_error *err);
void sino_clean_free(sino_clean *c);
void sino_clean_set_report(sino_clean *c, sino_clean_report_fn fn, void *ctx);
/* Start a document: its paragraphs go to emit. */
void sino_clean_begin(sino_clean *c, sino_clean_emit_fn emit, void *ctx);
/* One input line without its '\n' (a trailing '\r' is dropped). A partial
 * line (an over-long line handed out in chunks) is passed with partial = 1. */
int sino_clean_line(sino_clean *c, const char *s, size_t n, int partial,
                    sino_error *err);
/* End the document: flush what is held. */
int sino_clean_end(sino_clean *c, sino_error *err);

/* Lines that recur across the documents of a run (sclean a.txt b.txt ...):
 * with the survey on, documents go through as usual but nothing is handed
 * out or reported; the lines of each are counted. With it off again, a line
 * that was in two or more surveyed documents counts as repeated for the
 * boilerplate model (memory: at most about a million distinct lines). */
void sino_clean_set_survey(sino_clean *c, int on);

/* Window of a document held for the document passes. */
#define SINO_CLEAN_WINDOW_BYTES (4u << 20)
#define SINO_CLEAN_WINDOW_LINES 8192u

#ifdef __cplusplus
}
#endif

#endif
