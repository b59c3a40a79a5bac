/* seg_int.h - internals shared by lib/seg*.c (not installed). */
#ifndef SINO_SEG_INT_H
#define SINO_SEG_INT_H

#include <stdint.h>

#include "sino_dict.h"
#include "sino_text.h"

#define EMIT_FIRST 0x4E00    /* jieba's han characters, U+4E00..U+9FD5 */
#define EMIT_COUNT (0x9FD5 - 0x4E00 + 1)
#define SLOT_LIMIT 0x800     /* the swapped-in code points are below this */

/* The code points the DAG's re-keying swaps with Chinese characters, in
 * order: ASCII punctuation outside jieba's han blocks, then U+0080..U+07FF
 * but U+0085 (see data/sseg-words.py and seg_main.c, which both make it). */
static inline int seg_is_slot(uint32_t c)
{
    if (c >= 0x21 && c < 0x7F)
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '+' || c == '#' || c == '&' || c == '.' || c == '_' || c == '%' || c == '-');
    return c >= 0x80 && c < SLOT_LIMIT && c != 0x85;
}

/* A main dictionary in jieba's dict.txt format ("word freq [tag]" per line,
 * UTF-8), compiled in memory into the two tables the data build makes from
 * jieba's own: *words (word -> frequency, tag; aux0 the total over all
 * lines) and *dag (the same words re-keyed, as data/sseg-words.py does).
 * Errors name the line. */
int seg_build_main(const char *path, sino_dict **words, sino_dict **dag, sino_error *err);

#endif
