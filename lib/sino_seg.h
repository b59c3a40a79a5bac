/* sino_seg.h - word segmentation, token-identical to jieba 0.42.1.
 *
 * The segmenter maps four compiled tables from the data directory: jieba's
 * dictionary (jieba.sdict), the same words re-keyed for the DAG walk
 * (sseg-words.sdict, see data/sseg-words.py), jieba's HMM for unknown words
 * (sseg-hmm.sdict) and a character-level Traditional-to-Simplified view
 * (sseg-t2s.sdict).
 * A sino_seg is read-only once set up (user dictionaries are added right
 * after sino_seg_open, before the first cut), holds no global state and may
 * be shared by threads. */
#ifndef SINO_SEG_H
#define SINO_SEG_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "sino_text.h"

typedef struct sino_token { size_t start, end; } sino_token;   /* byte offsets, end exclusive */
/* joined: the indices (ascending) of the tokens whose text continues the
 * previous token's, one word in two pieces of the text. Only full mode
 * makes them: jieba's cut_all joins ASCII pieces that are not adjacent
 * when user words of ASCII letters begin other such words. */
typedef struct sino_tokens {
    sino_token *v;
    size_t n, cap;
    size_t *joined, njoined, jcap;
} sino_tokens;

void sino_tokens_init(sino_tokens *t);
void sino_tokens_free(sino_tokens *t);
/* Empty the list (keeping its memory). */
void sino_tokens_clear(sino_tokens *t);
/* Append one token; SINO_OK or SINO_ERR_NOMEM. */
int sino_tokens_push(sino_tokens *t, size_t start, size_t end);

typedef struct sino_seg sino_seg;

/* Open the tables from the data directory (a missing or corrupt table is an
 * error whose message names the path). */
sino_seg *sino_seg_open(sino_error *err);
/* The same with another main dictionary in place of jieba's: a file in
 * jieba's dict.txt format ("word frequency [tag]" per line, UTF-8), as
 * jieba's set_dictionary; compiled in memory. NULL: jieba's. */
sino_seg *sino_seg_open_dict(const char *main_dict, sino_error *err);
void sino_seg_close(sino_seg *s);

/* Add a user dictionary in jieba's format: one "word [freq] [tag]" per line,
 * UTF-8, like jieba.load_userdict (a word without a frequency gets jieba's
 * suggest_freq; frequency 0 deletes a word). Call before the first cut;
 * repeatable. err names the line. */
int sino_seg_add_user_dict(sino_seg *s, const char *path, sino_error *err);
/* The same for one entry (jieba.add_word); freq < 0 means "suggest". */
int sino_seg_add_word(sino_seg *s, const char *word, size_t len, long long freq,
                      const char *tag, size_t tag_len, sino_error *err);

enum {
    SINO_SEG_HMM = 1,      /* find unknown words with jieba's HMM (jieba's default) */
    SINO_SEG_T2S = 2,      /* segment Traditional characters as their Simplified
                              form (output keeps the original characters; text
                              written in Simplified segments exactly as without) */
    SINO_SEG_SEARCH = 4,   /* jieba's cut_for_search: add the dictionary 2- and
                              3-grams inside longer words (tokens then overlap) */
    SINO_SEG_FULL = 8      /* jieba's cut_all=True: every dictionary word of the
                              DAG (tokens overlap; the text outside jieba's blocks
                              is split at whitespace, with jieba's empty pieces as
                              empty tokens). Wins over SEARCH; HMM does not apply */
};

/* Segment text[0..len) and append the tokens to out (out is not cleared).
 * Without SINO_SEG_SEARCH or SINO_SEG_FULL the tokens cover the text exactly,
 * in order.
 * Invalid UTF-8 bytes are tokens of their own. Returns SINO_OK or an error. */
int sino_seg_cut(const sino_seg *s, const char *text, size_t len, unsigned flags,
                 sino_tokens *out, sino_error *err);

/* Part-of-speech tagging, token- and tag-identical to jieba.posseg.cut
 * (its own block split, which leaves % and - out of words, and its own HMM
 * over (position, tag) states for unknown words). SINO_SEG_HMM and
 * SINO_SEG_T2S apply; SINO_SEG_SEARCH does not. One tag per token is
 * appended to tags; a tag points into the segmenter's mapped tables (or a
 * constant) and stays valid while the sino_seg is open. The model
 * (sseg-pos.sdict) is loaded by sino_seg_load_pos, once, during set-up
 * (like user dictionaries); sino_seg_open alone does not pay for it. */
typedef struct sino_tag { const char *s; size_t len; } sino_tag;
typedef struct sino_tags { sino_tag *v; size_t n, cap; } sino_tags;
void sino_tags_init(sino_tags *t);
void sino_tags_free(sino_tags *t);
int sino_seg_load_pos(sino_seg *s, sino_error *err);
int sino_seg_cut_pos(const sino_seg *s, const char *text, size_t len, unsigned flags,
                     sino_tokens *out, sino_tags *tags, sino_error *err);

/* Where a long text may be cut into pieces that segment exactly as the
 * whole (in every mode): the largest offset <= len that follows a character
 * jieba never joins to a neighbour (spaces, punctuation other than
 * + # & . _ % -), or 0 if there is none. */
size_t sino_seg_safe_cut(const char *text, size_t len);
/* The same for the mode in flags: SINO_SEG_FULL cuts only after whitespace
 * that a han-block character follows. */
size_t sino_seg_safe_cut_mode(const char *text, size_t len, unsigned flags);

/* Frequency of a dictionary word (0 if not a word). */
uint32_t sino_seg_word_freq(const sino_seg *s, const char *word, size_t len);

/* jieba's part-of-speech tag of a token (as jieba.posseg tags dictionary
 * words; for other tokens "m" for numbers, "eng" for Latin letters and digits,
 * "x" otherwise). Returns the tag length and sets *tag (not NUL-terminated). */
size_t sino_seg_tag(const sino_seg *s, const char *word, size_t len, unsigned flags,
                    const char **tag);

#ifdef __cplusplus
}
#endif

#endif
