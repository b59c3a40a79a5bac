/* clean_int.h - internal helpers shared by sclean's passes (not installed
 * API; lib/sino_clean.h is the module's interface). */
#ifndef SINO_CLEAN_INT_H
#define SINO_CLEAN_INT_H

#include <stdint.h>
#include <string.h>

#include "sino_text.h"

/* Characters (bytes that are not UTF-8 continuation bytes) of s[0..n),
 * counted eight bytes at a time, stopping once the count exceeds limit. */
static inline size_t clean_nchars_upto(const char *s, size_t n, size_t limit)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t c = 0, i = 0;
    while (i + 8 <= n && c <= limit) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        uint64_t x = ((~w >> 7) | (w >> 6)) & 0x0101010101010101ull;
        c += (size_t)((x * 0x0101010101010101ull) >> 56);
        i += 8;
    }
    for (; i < n && c <= limit; i++)
        if ((u[i] & 0xC0) != 0x80) c++;
    return c;
}

/* Whether the line is a table row: a tab between two characters that are
 * not blanks (clean_punct.c). Its tabs are field separators and stay. */
int clean_table_row(const char *s, size_t n);
/* Whether the line is a row or rule of a table drawn in text (|…|…|,
 * +----+, box-drawing characters): left as drawn, never joined or dropped
 * (clean_punct.c). */
int clean_drawn_row(const char *s, size_t n);

/* Whether the string pat occurs in s[0..n) (memchr on its first byte). */
static inline int clean_contains(const char *s, size_t n, const char *pat)
{
    size_t m = strlen(pat);
    for (const char *p = s, *e = s + n;
         (size_t)(e - p) >= m && (p = memchr(p, pat[0], (size_t)(e - p) - m + 1)) != NULL; p++)
        if (memcmp(p, pat, m) == 0) return 1;
    return 0;
}

/* ---- the boilerplate model (clean_boiler.c) ---- */

#include "sino_dict.h"

/* Features of a line alone (the first model) ... */
#define BP_LINE_FEATURES(X) X(bias) X(cols) X(short) X(tiny) X(han) X(latin) X(digits) \
    X(end_stop) X(commas) X(stops_in) X(seps) X(spaced) X(tokens) X(label) X(date) X(time) \
    X(url) X(phone) X(copyright) X(icp) X(page) X(numline) X(bracketed) X(widgets) X(byline) \
    X(headline) X(listmark) X(quote) X(phrase) X(vocab) X(density) X(suffix) X(label_vocab) \
    X(stop_vocab) X(long_stop) X(open_end)
/* ... and of the line in its document (the second model has both) */
#define BP_DOC_FEATURES(X) X(p1) X(head) X(tail) X(inner) X(nobody) X(dist) X(edge) \
    X(prev_label) X(prev_p) X(next_p) X(tail_run) X(rep_doc) X(rep_run) X(head_p1) X(tail_p1) \
    X(inner_p1) X(tail_short)

enum {
#define BP_ENUM(x) BP_##x,
    BP_LINE_FEATURES(BP_ENUM) BP_NLINE,
    BP_DOC_FIRST = BP_NLINE - 1,
    BP_DOC_FEATURES(BP_ENUM) BP_NFEAT
#undef BP_ENUM
};

typedef struct clean_bp_model {
    float w1[BP_NLINE];    /* the line alone */
    float w2[BP_NFEAT];    /* the line in its document */
    int ok;
} clean_bp_model;

/* The weights from the =w1:NAME and =w2:NAME keys of the boilerplate
 * table: 1, or 0 when one is missing (a table built by an older sino). */
int clean_bp_model_load(clean_bp_model *m, const sino_dict *boiler);
/* A feature's name, 0 <= i < BP_NFEAT. */
const char *clean_bp_feature_name(int i);

/* What the document model needs of a line beyond its features. */
typedef struct clean_bp_shape {
    size_t cols, chars;
    size_t label_bytes;   /* of the label the line starts with (来源：), or 0 */
    int end_stop, label_only, table, anchor, attribution, technical;
} clean_bp_shape;

/* What the features' phrase scan looks up: a key may start at a
 * character only when its bit is in first (as sino_clean_boiler_filter
 * sets it) and, unless it is in always (it starts a key of one character,
 * or one whose second character is not whole), when the hash of the two
 * characters there is in pairs. */
typedef struct clean_bp_filter {
    unsigned char first[8192], always[8192], pairs[8192];
} clean_bp_filter;

void clean_bp_filter_build(const sino_dict *boiler, clean_bp_filter *f);

/* The first BP_NLINE features of s[0..n) into x; shape may be NULL.
 * *byline and *headline: sino_clean_is_byline and _is_headline of the
 * line when the caller knows them (1/0), or -1: found out here and set. */
void clean_bp_line_features(const sino_dict *boiler, const clean_bp_filter *filter, const char *s,
                            size_t n, signed char *byline, signed char *headline, float *x,
                            clean_bp_shape *shape);

/* A line of a document for the decision: rep_doc, rep_run (it recurs in
 * the document, in another document of the run) and keep (never drop: a
 * piece of an over-long line) from the caller; the scores and drop out. */
typedef struct clean_bp_line {
    const char *s;
    size_t n;
    unsigned char rep_doc, rep_run, keep, drop;
    signed char byline, headline;   /* as for clean_bp_line_features */
    float p1, p2;
} clean_bp_line;

/* Called for every line decided: its features and both scores. */
typedef void (*clean_bp_trace_fn)(void *ctx, const char *s, size_t n, const float *x, int nx,
                                  float p1, float p2);

/* Decide the lines of a document window. SINO_OK or SINO_ERR_NOMEM. */
int clean_bp_decide(const clean_bp_model *m, const sino_dict *boiler, const clean_bp_filter *filter,
                    clean_bp_line *lines, size_t n, clean_bp_trace_fn trace, void *trace_ctx);

/* Trace the boilerplate decisions of c (NULL: stop). For the fitting tool. */
struct sino_clean;
void clean_set_bp_trace(struct sino_clean *c, clean_bp_trace_fn fn, void *ctx);

/* ---- layout (clean_layout.c; moved from sino_clean.h) ---- */

#include "sino_clean.h"

/* Whether a sentence is surely cut between lines a and b (a word or a
 * particle spans the break). */
int clean_ends_open(const char *a, size_t an);
int clean_word_spans(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn);
int clean_reads_into(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn);
int clean_sentence_cut(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn);
/* How surely a sentence goes on from line a to line b: 2 surely (as
 * clean_sentence_cut), 1 maybe (a two-character word spans the break),
 * 0 no sign of it. */
int clean_sentence_goes_on(const sino_clean_tables *t, const char *a, size_t an, const char *b, size_t bn);
/* Whether a page marker dropped between lines a and b cut a paragraph
 * (a does not end a sentence; Chinese text goes on in b). */
int clean_page_cut(const char *a, size_t an, const char *b, size_t bn);
/* A short line without sentence punctuation, not a list item: the shape
 * of a running header or a section label. */
int clean_short_piece(const char *s, size_t n);

/* sino_clean_is_headline of s[0..n) when it is valid UTF-8, from its
 * characters c[0..m) (all of them; m > 40 is enough to say no). It must
 * agree with sino_clean_is_headline (the boilerplate features use it). */
int clean_is_headline_chars(const uint32_t *c, size_t m, size_t n);

/* sino_clean_should_join when the caller knows whether a and b are bylines
 * (1/0; -1 = find out). */
int sino_clean_should_join_ex(const sino_clean_tables *t, const char *a, size_t an,
                              int a_byline, const char *b, size_t bn, int b_byline);
/* The same when the caller also knows whether they are headlines
 * (sino_clean_is_headline: 1/0; -1 = find out). */
int clean_should_join_facts(const sino_clean_tables *t, const char *a, size_t an, int a_byline,
                            int a_head, const char *b, size_t bn, int b_byline, int b_head);

/* ---- hard-wrapped documents (clean_layout_wrap.c) ---- */

/* A line as it was read, before its blanks were normalised: its display
 * columns (East Asian wide = 2) without trailing blanks, those of its
 * indent, whether it ends in sentence-final punctuation, and the blank
 * lines before it (set by the caller). */
typedef struct clean_shape {
    unsigned cols, indent, blank;
    int ends_stop, drawn;   /* drawn: clean_drawn_row */
} clean_shape;

void clean_line_shape(const char *s, size_t n, clean_shape *sh);

/* A document's wrap width: cols (0 when it is not hard-wrapped), the band
 * below it that wrapped lines end in, and how it marks its paragraphs. */
typedef struct clean_wrap {
    unsigned cols, band, over;
    int indent_paras, blank_paras;
} clean_wrap;

void clean_wrap_detect(const clean_shape *lines, size_t n, clean_wrap *w);

/* Whether s starts a list item or a numbered heading (clean_layout.c). */
int clean_starts_item(const char *s, size_t n);

/* Whether line a ends at the wrap width and b goes on with its paragraph. */
int clean_wrap_continues(const clean_wrap *w, const clean_shape *a, const clean_shape *b);

#endif
