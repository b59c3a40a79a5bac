/* check.h - a tiny unit-test harness: the CHECK macros count, the summary
 * line is the one the test runners read ("N passed, N failed").
 *
 *   CHECK(cond)            a condition; on failure prints the expression
 *   CHECK_INT(got, want)   integers (each evaluated once); prints both values
 *   CHECK_STR(got, want)   NUL-terminated strings (NULL allowed); prints both
 *   CHECK_MEM(got, n, want) got[0..n) equals the string want; prints both
 *
 * Use the typed ones wherever a value is compared: a failure then says what
 * came out, not only that something differed. */
#ifndef SINO_CHECK_H
#define SINO_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond) check_passed++;                                            \
        else {                                                               \
            check_failed++;                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

static inline void check_int(const char *file, int line, const char *expr,
                             long long got, long long want)
{
    if (got == want) {
        check_passed++;
        return;
    }
    check_failed++;
    fprintf(stderr, "%s:%d: CHECK_INT failed: %s: got %lld, want %lld\n",
            file, line, expr, got, want);
}

/* got[0..got_len) against want[0..want_len); NULL is a value of its own. */
static inline void check_bytes(const char *file, int line, const char *macro,
                               const char *expr, const char *got, size_t got_len,
                               const char *want, size_t want_len)
{
    int same = (!got || !want) ? got == want
                               : got_len == want_len && memcmp(got, want, got_len) == 0;
    if (same) {
        check_passed++;
        return;
    }
    check_failed++;
    fprintf(stderr, "%s:%d: %s failed: %s:\n", file, line, macro, expr);
    if (got) fprintf(stderr, "    got  \"%.*s\" (%zu bytes)\n", (int)got_len, got, got_len);
    else fprintf(stderr, "    got  NULL\n");
    if (want) fprintf(stderr, "    want \"%.*s\" (%zu bytes)\n", (int)want_len, want, want_len);
    else fprintf(stderr, "    want NULL\n");
}

static inline void check_str(const char *file, int line, const char *expr,
                             const char *got, const char *want)
{
    check_bytes(file, line, "CHECK_STR", expr, got, got ? strlen(got) : 0, want,
                want ? strlen(want) : 0);
}

#define CHECK_INT(got, want)                                                 \
    check_int(__FILE__, __LINE__, #got " == " #want, (long long)(got),       \
              (long long)(want))

#define CHECK_STR(got, want)                                                 \
    check_str(__FILE__, __LINE__, #got " == " #want, (got), (want))

#define CHECK_MEM(got, got_len, want)                                        \
    do {                                                                     \
        const char *check_want_ = (want);                                    \
        check_bytes(__FILE__, __LINE__, "CHECK_MEM", #got " == " #want,      \
                    (const char *)(got), (got_len), check_want_,             \
                    strlen(check_want_));                                    \
    } while (0)

static inline int check_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
