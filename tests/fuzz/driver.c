/* driver.c - runs a fuzz target over files, without libFuzzer: used by make
 * check to replay the corpus and every past crasher as regression tests. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int done = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "%s: cannot open\n", argv[i]);
            return 2;
        }
        uint8_t *buf = malloc(1 << 20);
        if (!buf) return 2;
        size_t n = fread(buf, 1, 1 << 20, f);
        fclose(f);
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
        done++;
    }
    printf("%d inputs replayed\n", done);
    return 0;
}
