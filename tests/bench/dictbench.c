/* dictbench - open + first lookup time and lookup throughput of a compiled
 * dictionary; prints Markdown table rows for make bench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sino.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: dictbench DICT KEYS.tsv\n");
        return 2;
    }
    sino_error err;
    double t0 = now();
    sino_dict *d = sino_dict_open(argv[1], NULL, &err);
    sino_dict_value v;
    int found = d && sino_dict_get(d, "中国", strlen("中国"), &v);
    double t1 = now();
    if (!d) {
        fprintf(stderr, "dictbench: %s: %s\n", argv[1], err.msg);
        return 2;
    }
    /* load the keys (first TSV column) to look them all up */
    FILE *f = fopen(argv[2], "r");
    if (!f) return 2;
    sino_buf keys;
    sino_buf_init(&keys);
    char line[1024];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\t\n")] = '\0';
        sino_buf_append(&keys, line, strlen(line) + 1);
        n++;
    }
    fclose(f);
    size_t hits = 0, rounds = 5;
    double t2 = now();
    for (size_t r = 0; r < rounds; r++)
        for (const char *k = keys.data; k < keys.data + keys.len; k += strlen(k) + 1)
            hits += (size_t)sino_dict_get(d, k, strlen(k), &v);
    double t3 = now();
    printf("| dictionary open + first lookup (%u keys, found=%d) | %.3f ms | — | — |\n",
           sino_dict_count(d), found, (t1 - t0) * 1e3);
    printf("| dictionary exact lookups (%zu hits) | %.1f M lookups/s | — | — |\n",
           hits, (double)(n * rounds) / (t3 - t2) / 1e6);
    sino_buf_free(&keys);
    sino_dict_close(d);
    return 0;
}
