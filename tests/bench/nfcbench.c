/* nfcbench - the baseline for sconv --nfc: a plain utf8proc NFC loop over
 * the lines of standard input (what a program without a quick check does). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        utf8proc_uint8_t *out = NULL;
        utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)line, n, &out,
                                            UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (len < 0) {
            fwrite(line, 1, (size_t)n, stdout);
            continue;
        }
        fwrite(out, 1, (size_t)len, stdout);
        free(out);
    }
    free(line);
    return 0;
}
