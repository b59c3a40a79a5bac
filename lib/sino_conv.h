/* sino_conv.h - Simplified/Traditional conversion with OpenCC's
 * configurations and dictionaries (byte-identical to opencc 1.1.6).
 *
 * A configuration is a segmentation dictionary and a chain of steps, each a
 * group of dictionaries. Text is cut into segments by forward maximum
 * matching with the segmentation dictionary (runs of unmatched characters
 * form one segment); each step then rewrites every segment by forward
 * maximum matching with its group (the first dictionary of the group that
 * matches at a position wins; a multi-valued entry gives its first value).
 * The tables are compiled from OpenCC's at build time (opencc-NAME.sdict). */
#ifndef SINO_CONV_H
#define SINO_CONV_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>

#include "sino_dict.h"
#include "sino_text.h"

#define SINO_CONV_KIND "opencc"

typedef struct sino_conv sino_conv;

/* Names of the 14 configurations, NULL-terminated. */
extern const char *const sino_conv_configs[];

/* Open configuration name ("s2t", "s2twp.json", ...). Unknown name:
 * SINO_ERR_USAGE; missing table: the message names its path. */
sino_conv *sino_conv_open(const char *name, sino_error *err);
void sino_conv_close(sino_conv *c);
const char *sino_conv_name(const sino_conv *c);

/* Add a user dictionary: TSV lines SOURCE<TAB>TARGET (blank lines and '#'
 * comments skipped). User phrases take priority over the configuration: at
 * each position the longest user phrase is replaced by its target before
 * OpenCC's segmentation is consulted. */
int sino_conv_add_user_dict(sino_conv *c, const char *path, sino_error *err);

/* Word-aware matching (--word-aware): phrase matches respect the word
 * boundaries that seg finds (sino_seg_cut with flags, e.g. SINO_SEG_HMM):
 * a phrase must end on a boundary and may cross one only when it starts on
 * one, so OpenCC's greedy match no longer joins the end of one word and the
 * start of the next (胚胎发育 stays 胚胎發育). seg must outlive c; NULL
 * turns it off. */
struct sino_seg;
void sino_conv_set_segmenter(sino_conv *c, const struct sino_seg *seg, unsigned flags);

/* Convert the UTF-8 span s[0..n) as one text and append to out. */
int sino_conv_convert(const sino_conv *c, const char *s, size_t n,
                      sino_buf *out, sino_error *err);

/* Streaming: feed arbitrary pieces (cut anywhere at a character boundary);
 * the stream converts everything up to the last point where no dictionary
 * phrase can span the cut (a newline, or a character that occurs in no key)
 * and carries the rest, so the output never depends on where the input was
 * cut. final = 1 flushes. The carry is bounded: beyond limit bytes without a
 * safe point it is converted as is. */
typedef struct sino_conv_stream sino_conv_stream;
sino_conv_stream *sino_conv_stream_new(const sino_conv *c, size_t limit,
                                       sino_error *err);
int sino_conv_stream_feed(sino_conv_stream *st, const char *s, size_t n,
                          int final, sino_buf *out, sino_error *err);
void sino_conv_stream_free(sino_conv_stream *st);

/* --ambiguities: a stream whose output is JSON Lines instead of text, one
 * record a line (the record contract of OpenCC's --ambiguities):
 *   {"type":"def","id":N,"s":SOURCE[,"c":[CANDIDATE...]]} before the first
 *       use of a source: the input text of a span that a one-to-many entry
 *       converted; c, every candidate of that entry (through the later
 *       steps of the chain) when the span is that entry alone;
 *   {"type":"lit","t":TEXT}  converted text without a one-to-many entry;
 *   {"type":"amb","t":TEXT,"s":N}  the converted text of such a span;
 * concatenating every lit and amb t gives the plain conversion. Source ids
 * are per stream; memory is bounded as for plain streams (plus the set of
 * distinct sources, a few hundred at most for OpenCC's tables). */
sino_conv_stream *sino_conv_stream_new_ambiguities(const sino_conv *c, size_t limit,
                                                   sino_error *err);
/* The closing record {"type":"end","output_bytes":B,"ambiguities":A,
 * "sources":S}, appended to out (nothing for a plain stream). Call it only
 * when the whole input was read. */
int sino_conv_stream_end(sino_conv_stream *st, sino_buf *out, sino_error *err);

#ifdef __cplusplus
}
#endif

#endif
