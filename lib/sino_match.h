/* sino_match.h - folded search for Chinese text (the library side of sgrep).
 *
 * A pattern is compiled into a sequence of character classes: each character
 * of the pattern stands for its Simplified/Traditional/regional variants
 * (a compiled "sgrep-variants" table), its full- and half-width forms and,
 * with SINO_MATCH_ICASE, its other case. Between two matched characters the
 * text may hold a line break (or one blank line) and an inserted pinyin
 * reading in parentheses, as in 發(fā)展. The search runs over the raw bytes
 * of a buffer: the rarest character of the pattern is found with memchr and
 * the match is verified around it, so the input is never converted.
 *
 * With SINO_MATCH_REGEX a pattern is a GNU grep extended regular expression
 * (grep -E), with SINO_MATCH_REGEX | SINO_MATCH_BASIC a basic one (grep -G,
 * grep's default), with SINO_MATCH_PERL a PCRE2 pattern (grep -P). The
 * syntax, back-references and error texts are grep's (match_posix.c runs the
 * C library's GNU regex engine with grep's syntax bits; match_pcre.c runs
 * PCRE2 as grep does). A regular expression that holds no operator at all is
 * searched as a literal string, with the literal search's folding. Folding
 * applies to the Chinese and full-width characters of a regular expression
 * (each stands for its folded forms); a regex match never spans lines.
 * Line-break and reading gaps are skipped only between Chinese characters
 * (a reading only after a Han character). SINO_MATCH_EXACT turns every
 * folding off (bytes must be equal).
 */
#ifndef SINO_MATCH_H
#define SINO_MATCH_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "sino_dict.h"
#include "sino_text.h"

enum sino_match_flags {
    SINO_MATCH_EXACT = 1 << 0,   /* no variant, width, gap or pinyin folding */
    SINO_MATCH_ICASE = 1 << 1,   /* case-insensitive */
    SINO_MATCH_REGEX = 1 << 2,   /* patterns are extended regular expressions */
    SINO_MATCH_LINE = 1 << 3,    /* a match must span whole lines (grep -x) */
    SINO_MATCH_NO_GAPS = 1 << 4, /* fold characters but not line breaks/pinyin */
    /* Added for grep's syntax (keep the values; new flags go after them): */
    SINO_MATCH_BASIC = 1 << 5,   /* with SINO_MATCH_REGEX: basic regular
                                    expressions (grep -G, grep's default) */
    SINO_MATCH_PERL = 1 << 6,    /* PCRE2 (grep -P); only one pattern: a
                                    second sino_matcher_add fails with grep's
                                    "the -P option only supports a single
                                    pattern" */
    SINO_MATCH_WORD = 1 << 7,    /* whole words (grep -w) by grep's rule even
                                    without sino_matcher_set_words: the
                                    characters before and after a match are
                                    not letters, digits or '_' (a shorter
                                    match at the same start, then a later
                                    one, is tried as grep does) */
    SINO_MATCH_FIXED = 1 << 8,   /* fixed strings (grep -F), as without
                                    SINO_MATCH_REGEX; folding still applies */
    SINO_MATCH_NUL_LINES = 1 << 9  /* grep -z: the caller swaps NUL and
                                      newline, so a NUL of the text is a
                                      newline of the input (\s matches it) */
};

/* The name and kind of the compiled variant table. */
#define SINO_MATCH_VARIANTS_FILE "sgrep-variants.sdict"
#define SINO_MATCH_VARIANTS_KIND "sgrep-variants"

typedef struct sino_matcher sino_matcher;

/* variants may be NULL (no Simplified/Traditional folding); it must outlive
 * the matcher. */
sino_matcher *sino_matcher_new(const sino_dict *variants, int flags,
                               sino_error *err);
void sino_matcher_free(sino_matcher *m);

/* Add one pattern (no newline inside; the caller splits -e/-f lists). An
 * empty pattern matches every line; a string that is not UTF-8 is searched
 * byte for byte. Fails with SINO_ERR_USAGE on a bad regular expression. */
int sino_matcher_add(sino_matcher *m, const char *pat, size_t len,
                     sino_error *err);
size_t sino_matcher_count(const sino_matcher *m);

/* GNU grep -G and -E search two or more different patterns as fixed strings
 * (grep -F) when none of them uses an operator: keys[0..*len) holds the
 * patterns, each ended by a newline. Returns 1 and rewrites them in place
 * as the strings (escapes removed, *len updated) when grep would, else 0
 * (keys unchanged). flags are the matcher's. */
int sino_match_fixed_keys(char *keys, size_t *len, int flags);

/* grep's warnings about the patterns added so far (e.g. "* at start of
 * expression" for -E '*a'); the caller prints them as "sgrep: warning: %s".
 * Stores up to max of them in out and returns how many there are. */
size_t sino_matcher_warnings(const sino_matcher *m, const char **out, size_t max);

/* Whole words (grep -w): a match must start and end at word boundaries.
 * Between two Chinese characters the boundary comes from word segmentation
 * (seg, a sino_seg from sino_seg.h, which must outlive the matcher); next to
 * other characters it is grep's rule (letters, digits and '_' make words);
 * a Han character next to a non-Han one is a boundary. Setting seg also
 * turns SINO_MATCH_WORD on (except with SINO_MATCH_PERL, whose -w is grep's
 * lookaround wrapper and must be given as the flag). */
struct sino_seg;
void sino_matcher_set_words(sino_matcher *m, const struct sino_seg *seg);

/* Forget what the matcher remembers about the last buffer: call it whenever
 * the bytes of a buffer passed to sino_matcher_find change. */
void sino_matcher_reset(sino_matcher *m);

/* Whether a match takes the end of its line: GNU grep -G/-E with both -x
 * and -w prints -o and --color matches with the newline (a quirk of its
 * regex matcher, not of -F or of several plain strings). */
int sino_matcher_match_eol(const sino_matcher *m);

/* The longest span of text a match can cover, in bytes (the context a caller
 * must keep around a cut in an over-long line). */
size_t sino_matcher_max_span(const sino_matcher *m);

enum {
    SINO_MATCH_NONE = 0,     /* no match in text[from..len) */
    SINO_MATCH_FOUND = 1,    /* *ms, *me set: the leftmost match */
    SINO_MATCH_MORE = 2      /* a candidate at *ms needs bytes after len */
};

/* Leftmost match (longest at that start) in text[0..len) starting at or
 * after from. at_eof says whether text ends the input (else a candidate that
 * runs to len is reported as SINO_MATCH_MORE). Lines end at '\n'; a literal
 * match may span lines through a folded line break, a regex match does not.
 * With SINO_MATCH_LINE a match starts at a line start and ends at a line end.
 * Returns one of the values above, or SINO_ERR_NOMEM. */
int sino_matcher_find(sino_matcher *m, const char *text, size_t len,
                      size_t from, int at_eof, size_t *ms, size_t *me);

/* Folding helpers (exposed for tests). */
uint32_t sino_match_fold_cp(uint32_t cp, int flags);
/* The characters -i folds to a form that is not their lower, upper or title
 * case, as (character, folded form) pairs; returns their count. */
size_t sino_match_odd_case(const uint32_t (**pairs)[2]);

/* Whether s[0..n) begins with an inserted pinyin reading "(fā)" or "（fā）";
 * returns its length in bytes, or 0. */
size_t sino_match_pinyin_len(const unsigned char *s, size_t n);

/* ---- grep: searching a file and writing grep's output ---- */

#include "sino_io.h"

/* grep's colours (grep_color.c): SGR parameters of each GREP_COLORS
 * capability; "" means uncoloured. */
typedef struct sino_grep_colors {
    const char *ms, *mc;   /* matched text in selected / context lines */
    const char *sl, *cx;   /* whole selected / context lines */
    const char *fn, *ln, *bn, *se;   /* file name, line number, byte offset, separators */
    int rv;                /* with -v, sl and cx trade places */
    int ne;                /* no "erase to end of line" after each sequence */
    char *own;             /* the parsed copy of GREP_COLORS */
} sino_grep_colors;

/* grep's defaults. */
void sino_grep_colors_init(sino_grep_colors *c);
/* Apply GREP_COLOR (deprecated: only the match colour) and then GREP_COLORS
 * (either may be NULL) by grep's rules. Returns GREP_COLOR when it still has
 * an effect (grep then warns that it is deprecated), else NULL. */
const char *sino_grep_colors_parse(sino_grep_colors *c, const char *grep_colors,
                                   const char *grep_color);
void sino_grep_colors_free(sino_grep_colors *c);

typedef struct sino_grep_opts {
    int invert;            /* -v */
    int count;             /* -c */
    int list;              /* 1 = -l, -1 = -L */
    int quiet;             /* -q */
    int only;              /* -o */
    int line_number;       /* -n */
    int with_name;         /* -H (1) / -h (0) */
    int before, after;     /* -B, -A */
    long long max_count;   /* -m; < 0 = no limit */
    int color;             /* colour the output */
    int null_name;         /* --null: NUL after file names */
    int sentence;          /* --sentence */
    int json;              /* --json */
    int binary_skip;       /* -I: a file with NUL bytes never matches */
    int text;              /* -a: never treat a file as binary */
    size_t max_window;     /* bytes kept for one line before it is cut; 0 = default */
    int detect;            /* detect GBK/GB18030/Big5/UTF-16 per input and decode */
    const sino_dict *enc_stats;  /* statistics for detection (sino_enc.h), or
                                    NULL: opened from the data directory when needed */
    const char *encoding;  /* decode every input from this encoding (NULL: UTF-8
                              or detected) */
    const char *group_separator;  /* between context groups: NULL = "--" */
    int no_group_separator;       /* --no-group-separator: none at all */
    int byte_offset;       /* -b: the input offset of each line (or -o match) */
    int initial_tab;       /* -T: a tab after the prefix, numbers padded as grep */
    int null_data;         /* -z: records end with NUL bytes, not newlines */
    int context_set;       /* -A, -B or -C given (even 0): "--" between groups */
    const sino_grep_colors *colors;  /* GREP_COLORS (grep_color.c); NULL = grep's defaults */
} sino_grep_opts;

typedef struct sino_grep_result {
    unsigned long long matches;   /* selected lines (or sentences) */
    int binary;                   /* a binary file matched: no lines were printed */
    int stopped;                  /* stopped early (-q, -l, -m) */
    const char *encoding;         /* the input's encoding when it was decoded */
    int printed;                  /* in/out: lines were printed before (by an
                                     earlier file): context groups get "--" */
} sino_grep_result;

/* Search the input on fd (named name in the output) and write grep's output
 * to out. res is filled; keep res->printed from one file to the next. Returns SINO_OK, or an error: SINO_ERR_IO for a read error (err
 * names no file), SINO_ERR_EPIPE / SINO_ERR_WRITE for output errors. */
int sino_grep_fd(sino_matcher *m, const sino_grep_opts *o, int fd,
                 const char *name, sino_writer *out, sino_grep_result *res,
                 sino_error *err);

/* The same over memory (tests). */
int sino_grep_mem(sino_matcher *m, const sino_grep_opts *o, const void *data,
                  size_t len, const char *name, sino_writer *out,
                  sino_grep_result *res, sino_error *err);

#ifdef __cplusplus
}
#endif

#endif
