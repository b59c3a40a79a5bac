/* Fuzz target: UTF-8 decoding, validation and repair agree with each other. */
#include <stdlib.h>

#include "sino.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t valid = sino_utf8_valid_prefix(data, size);
    /* decoding step by step finds the first error exactly where validation does */
    size_t i = 0;
    while (i < size) {
        int32_t cp;
        int n = sino_utf8_decode(data + i, size - i, &cp);
        if (n < 1 || (size_t)n > size - i) abort();
        if (cp < 0) break;
        unsigned char enc[4];
        if (sino_utf8_encode((uint32_t)cp, enc) != n) abort();
        i += (size_t)n;
    }
    if (i != valid) abort();
    sino_buf out;
    sino_buf_init(&out);
    uint64_t first = 0;
    long bad = sino_utf8_repair(data, size, &out, &first);
    if (bad < 0) abort();
    if (sino_utf8_valid_prefix((const unsigned char *)out.data, out.len) != out.len) abort();
    if ((bad == 0) != (valid == size)) abort();
    if (bad > 0 && first != valid) abort();
    size_t tail = sino_utf8_incomplete_tail(data, size);
    if (tail > 3 || tail > size) abort();
    sino_buf_free(&out);
    return 0;
}
