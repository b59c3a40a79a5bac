/* sino_sent.h - sentence splitting. */
#ifndef SINO_SENT_H
#define SINO_SENT_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>

#include "sino_seg.h"
#include "sino_text.h"

enum {
    SINO_SENT_SEMICOLON = 1   /* also split after ； and ; */
};

/* Split text[0..len) into sentences and append them to out: the pieces cover
 * the text exactly, in order (nothing is lost). A boundary falls after
 * 。！？ (and runs of them) and after ……; after ! or ? followed by Chinese or
 * the end of the text; after . only where it ends a sentence, not inside a
 * number, URL, version or abbreviation. Closing quotes and brackets stay with
 * their sentence; there is no split inside 《》 or inside a quotation that
 * does not end there. Spaces after a boundary stay with the sentence before. */
int sino_sent_split(const char *text, size_t len, unsigned flags, sino_tokens *out,
                    sino_error *err);

#ifdef __cplusplus
}
#endif

#endif
