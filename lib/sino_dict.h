/* sino_dict.h - the one compiled dictionary format of sino.
 *
 * A dictionary maps byte-string keys (UTF-8 words, phrases, characters) to a
 * number and an optional byte-string payload. It is a double-array trie over
 * bytes, stored in a file with a header (magic, format version, kind, sizes,
 * checksums) and opened with mmap: opening checks the header and bounds but
 * parses nothing, so a tool starts in well under a millisecond. */
#ifndef SINO_DICT_H
#define SINO_DICT_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "sino_text.h"

#define SINO_DICT_VERSION 1
#define SINO_DICT_ROOT 0u
#define SINO_DICT_MAX_KEY 512      /* longest key in bytes */

typedef struct sino_dict sino_dict;

typedef struct sino_dict_value {
    uint32_t num;          /* the key's number (frequency, flags, index...) */
    const char *str;       /* payload bytes (not NUL-terminated), or "" */
    uint32_t len;          /* payload length */
    uint32_t index;        /* the key's rank in byte order, 0..count-1 */
} sino_dict_value;

/* Open and map a compiled dictionary. kind, when not NULL, must equal the
 * kind recorded by the compiler (a jieba table cannot be opened as a pinyin
 * table). Errors name no file: the caller adds it. */
sino_dict *sino_dict_open(const char *path, const char *kind, sino_error *err);
void sino_dict_close(sino_dict *d);

/* Check the body checksum (reads every page); open checks only the header. */
int sino_dict_verify(const sino_dict *d, sino_error *err);

uint32_t sino_dict_count(const sino_dict *d);
uint32_t sino_dict_max_key_len(const sino_dict *d);
const char *sino_dict_kind(const sino_dict *d);
uint64_t sino_dict_aux(const sino_dict *d, int i);   /* i = 0 or 1 */

/* Exact lookup: 1 and *v filled when key is present, else 0. */
int sino_dict_get(const sino_dict *d, const void *key, size_t len,
                  sino_dict_value *v);

/* Cursor walking, for callers that extend a match step by step (e.g. the
 * segmenter's DAG): start with node = SINO_DICT_ROOT; sino_dict_walk follows
 * n bytes and returns 1 when that path exists (some key starts with it). */
int sino_dict_walk(const sino_dict *d, uint32_t *node, const void *bytes,
                   size_t n);
/* 1 and *v filled when the path that led to node is itself a key. */
int sino_dict_node_value(const sino_dict *d, uint32_t node, sino_dict_value *v);

/* sino_dict_walk and sino_dict_node_value in one call, for hot loops that
 * extend a match a character at a time: follows n bytes from *node and
 * returns 0 when the path does not exist (*node unchanged), 1 when it does
 * but is not itself a key, 2 when it is a key (*num = its number). */
int sino_dict_step(const sino_dict *d, uint32_t *node, const void *bytes,
                   size_t n, uint32_t *num);

/* Length of the longest key that is a prefix of text[0..len), 0 if none. */
size_t sino_dict_longest(const sino_dict *d, const void *text, size_t len,
                         sino_dict_value *v);

/* Call fn for every key that is a prefix of text, shortest first; stops early
 * and returns fn's value when fn returns non-zero. */
typedef int (*sino_dict_prefix_fn)(void *ctx, size_t key_len,
                                   const sino_dict_value *v);
int sino_dict_prefixes(const sino_dict *d, const void *text, size_t len,
                       sino_dict_prefix_fn fn, void *ctx);

/* Visit every key in byte order (for dumping and tests). */
typedef int (*sino_dict_each_fn)(void *ctx, const char *key, size_t key_len,
                                 const sino_dict_value *v);
int sino_dict_each(const sino_dict *d, sino_dict_each_fn fn, void *ctx);

/* ---- building (the compiler program, and user dictionaries at run time) ---- */

typedef struct sino_dict_builder sino_dict_builder;

sino_dict_builder *sino_dict_builder_new(void);
void sino_dict_builder_free(sino_dict_builder *b);
/* Add a key; a key added again replaces the earlier entry. */
int sino_dict_builder_add(sino_dict_builder *b, const void *key, size_t key_len,
                          uint32_t num, const void *str, size_t str_len,
                          sino_error *err);
size_t sino_dict_builder_count(const sino_dict_builder *b);
/* Write the compiled file (atomically: to path.tmp, then renamed). */
int sino_dict_builder_write(sino_dict_builder *b, const char *path,
                            const char *kind, const uint64_t aux[2],
                            sino_error *err);
/* Compile into memory and open the result (user dictionaries). */
sino_dict *sino_dict_builder_to_dict(sino_dict_builder *b, const char *kind,
                                     const uint64_t aux[2], sino_error *err);

/* Add the entries of a TSV source, one per line: KEY, then (with
 * SINO_TSV_NUM) a decimal NUMBER column, then the rest of the line as the
 * payload; with SINO_TSV_HEX the payload is written in hexadecimal and
 * stored as the bytes it spells (binary tables used in place). Missing
 * columns mean 0 and "". Blank lines and lines starting with '#' are
 * skipped. Errors carry the line number. */
#define SINO_TSV_NUM 1u
#define SINO_TSV_HEX 2u
struct sino_reader;
int sino_dict_builder_add_tsv(sino_dict_builder *b, struct sino_reader *r,
                              unsigned flags, sino_error *err);

/* 64-bit checksum used by the format (exposed for tests). */
uint64_t sino_hash64(const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
