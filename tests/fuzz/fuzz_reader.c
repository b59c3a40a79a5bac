/* Fuzz target: the record reader. The first byte picks the mode (lines,
 * paragraphs, blocks), policy and a small record limit; the second whether
 * the input is named UTF-8 or its encoding detected. Named UTF-8 with the
 * pass policy: line and block records must cover the input exactly.
 * Detected: every record's raw span lies inside the input, in order. */
#include <stdlib.h>
#include <string.h>

#include "sino.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    uint8_t ctl = data[0];
    int detect = data[1] & 1;
    data += 2;
    size -= 2;
    sino_reader_opts o;
    static const enum sino_read_mode modes[] = {SINO_READ_LINES, SINO_READ_PARAGRAPHS,
                                                SINO_READ_BLOCKS};
    o.mode = modes[ctl % 3];
    o.utf8_policy = (ctl / 3) % 3;
    o.max_record = 16 + (size_t)(ctl / 9) * 8;
    int blocks = o.mode == SINO_READ_BLOCKS;
    int exact = !detect && o.utf8_policy == SINO_UTF8_PASS && o.mode != SINO_READ_PARAGRAPHS;
    sino_error err;
    sino_reader *r = sino_reader_from_mem(data, size, &o, &err);
    if (!r) return 0;
    if (!detect && sino_reader_set_encoding(r, "utf-8", &err) != SINO_OK) abort();
    sino_record rec;
    int got;
    /* a UTF-8 byte order mark is dropped: the records start after it */
    uint64_t covered = size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0, last_end = 0;
    while ((got = sino_reader_next(r, &rec, &err)) > 0) {
        if (rec.offset < last_end || rec.offset + rec.raw_len > size) abort();
        last_end = rec.offset + rec.raw_len;
        if (detect) continue;
        /* a block may end with the newline just past the limit */
        if (rec.len > o.max_record + (size_t)blocks && o.utf8_policy != SINO_UTF8_REPLACE)
            abort();
        if (exact) {
            /* data is exactly the input bytes at rec.offset; a block
             * record includes its newlines, a line record does not */
            if (rec.offset != covered) abort();
            if (memcmp(rec.data, data + rec.offset, rec.len) != 0) abort();
            covered = rec.offset + rec.len + (rec.newline && !blocks ? 1 : 0);
        }
        if (o.utf8_policy == SINO_UTF8_REPLACE &&
            sino_utf8_valid_prefix((const unsigned char *)rec.data, rec.len) != rec.len)
            abort();
    }
    if (got == 0 && exact && covered != size) abort();
    sino_reader_close(r);
    return 0;
}
