/* check.h - a tiny unit-test harness: CHECK counts, the summary line is the
 * one the test runners read ("N passed, N failed"). */
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

#define CHECK_MEM(got, got_len, want)                                        \
    CHECK((got_len) == strlen(want) && memcmp((got), (want), (got_len)) == 0)

static inline int check_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
