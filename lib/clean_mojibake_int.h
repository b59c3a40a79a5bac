/* clean_mojibake_int.h - the decoder models of clean_mojibake*.c (not
 * installed API). */
#ifndef SINO_CLEAN_MOJIBAKE_INT_H
#define SINO_CLEAN_MOJIBAKE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "sino_clean.h"

/* UTF-8 read as a one-byte Latin codec (cp1252, ISO-8859-1 or -15) with
 * any of their error modes (an undefined byte shown as U+FFFD, as '?', as
 * a C1 control, or dropped): if a run of such mojibake starts at cps[0]
 * (the rest of the line, n code points; prev the character before it),
 * append its repair to out and return the count of code points it
 * replaces; 0 (out unchanged) when there is none or the repair is not
 * sure. A byte the decoder lost comes back as the character the model is
 * sure of, else as U+FFFD. *line_sure (0 at the start of a line) counts
 * the characters repaired whole so far: a run with lost bytes needs such
 * evidence, in itself or earlier in the line. */
size_t clean_moji_latin(const sino_charlm *lm, uint32_t prev, const uint32_t *cps, size_t n,
                        size_t *line_sure, sino_buf *out);

/* Whether cp is what a Latin one-byte codec shows for a UTF-8 lead byte
 * (the only place a Latin run can start). */
int clean_moji_latin_lead(uint32_t cp);

#endif
