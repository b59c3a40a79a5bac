/* fuzz_common.h - helpers shared by the fuzz targets (included, not a
 * target itself: only tests/fuzz/fuzz_*.c files are built as targets).
 * Targets may keep global state (tables opened once); the library may not. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Set-up failure (a missing table, SINO_DATA unset): say so and stop, so a
 * misconfigured run is never mistaken for a clean one. */
static inline void fz_setup_fail(const char *what, const sino_error *err)
{
    fprintf(stderr, "fuzz set-up: %s: %s (is SINO_DATA set?)\n", what,
            err ? err->msg : "");
    abort();
}

#define FZ_CHECK(cond)                                                         \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            abort();                                                           \
        }                                                                      \
    } while (0)

static inline int fz_valid_utf8(const char *s, size_t n)
{
    return sino_utf8_valid_prefix((const unsigned char *)s, n) == n;
}

/* data[0..size) with each invalid sequence replaced by U+FFFD, into out. */
static inline void fz_repair(const uint8_t *data, size_t size, sino_buf *out)
{
    uint64_t first = 0;
    sino_buf_clear(out);
    if (sino_utf8_repair(data, size, out, &first) < 0) abort();
    /* never hand a NULL pointer on (the library's callers do not) */
    if (!out->data && sino_buf_reserve(out, 1) != SINO_OK) abort();
}

/* A simple deterministic byte stream for piece sizes, seeded from the input. */
typedef struct fz_rng { uint32_t s; } fz_rng;
static inline unsigned fz_next(fz_rng *r, unsigned mod)
{
    r->s = r->s * 1103515245u + 12345u;
    return mod ? (r->s >> 16) % mod : 0;
}

#endif
