/* Fuzz target: the record reader. The first byte picks the mode, policy and a
 * small record limit; records must cover the input exactly (pass policy). */
#include <stdlib.h>
#include <string.h>

#include "sino.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t ctl = data[0];
    data++;
    size--;
    sino_reader_opts o;
    o.mode = (ctl & 1) ? SINO_READ_PARAGRAPHS : SINO_READ_LINES;
    o.utf8_policy = (ctl >> 1) % 3;
    o.max_record = 16 + (size_t)(ctl >> 3) * 8;
    sino_error err;
    sino_reader *r = sino_reader_from_mem(data, size, &o, &err);
    if (!r) return 0;
    sino_record rec;
    int got;
    uint64_t covered = 0;
    while ((got = sino_reader_next(r, &rec, &err)) > 0) {
        if (rec.len > o.max_record && o.utf8_policy != SINO_UTF8_REPLACE) abort();
        if (o.utf8_policy == SINO_UTF8_PASS && o.mode == SINO_READ_LINES) {
            /* lines: data is exactly the input bytes at rec.offset */
            if (rec.offset != covered) abort();
            if (memcmp(rec.data, data + rec.offset, rec.len) != 0) abort();
            covered = rec.offset + rec.len + (rec.newline ? 1 : 0);
        }
        if (o.utf8_policy == SINO_UTF8_REPLACE &&
            sino_utf8_valid_prefix((const unsigned char *)rec.data, rec.len) != rec.len)
            abort();
    }
    if (got == 0 && o.utf8_policy == SINO_UTF8_PASS && o.mode == SINO_READ_LINES &&
        covered != size)
        abort();
    sino_reader_close(r);
    return 0;
}
