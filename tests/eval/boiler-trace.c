/* boiler-trace - the boilerplate model's features of every line, for
 * tests/eval/boiler-fit.py (built by it; not installed).
 *
 * Reads documents on standard input: a line "\f" ends a document, a line
 * "\f\f" ends a run (the documents of one sclean invocation; a run of two
 * or more is surveyed first, as sclean does with several files). Every line
 * the boilerplate model decides comes out as
 *   RUN TAB DOC TAB P1 TAB P2 TAB FEATURES (space separated) TAB TEXT
 * with all of sclean's passes on, so that the text is the one sclean's
 * model sees. With -n, the feature names, one per line, and nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino.h"
#include "clean_int.h"

struct ctx {
    unsigned run, doc;
};

static void on_trace(void *vctx, const char *s, size_t n, const float *x, int nx, float p1, float p2)
{
    struct ctx *c = vctx;
    printf("%u\t%u\t%.6f\t%.6f\t", c->run, c->doc, p1, p2);
    for (int i = 0; i < nx; i++) printf(i ? " %.6g" : "%.6g", x[i]);
    putchar('\t');
    for (size_t i = 0; i < n; i++) putchar(s[i] == '\t' ? ' ' : s[i]);
    putchar('\n');
}

static int no_emit(void *ctx, const char *s, size_t n, int end, sino_error *err)
{
    (void)ctx, (void)s, (void)n, (void)end, (void)err;
    return SINO_OK;
}

/* Documents of a run: the lines, each document's ending at a "\f" line. */
struct run {
    char **lines;
    size_t n, cap;
};

static int pass(sino_clean *c, struct run *r, struct ctx *x, sino_error *err)
{
    x->doc = 0;
    sino_clean_begin(c, no_emit, NULL);
    for (size_t i = 0; i < r->n; i++) {
        if (strcmp(r->lines[i], "\f") == 0) {
            if (sino_clean_end(c, err) != SINO_OK) return 1;
            x->doc++;
            sino_clean_begin(c, no_emit, NULL);
            continue;
        }
        if (sino_clean_line(c, r->lines[i], strlen(r->lines[i]), 0, err) != SINO_OK) return 1;
    }
    return sino_clean_end(c, err) != SINO_OK;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "-n") == 0) {
        for (int i = 0; i < BP_NFEAT; i++) puts(clean_bp_feature_name(i));
        return 0;
    }
    sino_clean_tables t;
    sino_error err;
    sino_error_clear(&err);
    if (sino_clean_tables_open(&t, SINO_CLEAN_ALL, &err) != SINO_OK) {
        fprintf(stderr, "boiler-trace: %s\n", err.msg);
        return 2;
    }
    struct ctx x = {0, 0};
    struct run r = {NULL, 0, 0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int eof = 0;
    while (!eof) {
        len = getline(&line, &cap, stdin);
        eof = len < 0;
        if (!eof && line[len - 1] == '\n') line[--len] = 0;
        if (eof || strcmp(line, "\f\f") == 0) {
            if (r.n) {
                /* a fresh cleaner per run: nothing carried from the last one */
                sino_clean *c = sino_clean_new(&t, SINO_CLEAN_ALL, &err);
                if (!c) {
                    fprintf(stderr, "boiler-trace: %s\n", err.msg);
                    return 2;
                }
                size_t docs = 1;
                for (size_t i = 0; i < r.n; i++) docs += strcmp(r.lines[i], "\f") == 0;
                if (docs > 1) {
                    sino_clean_set_survey(c, 1);
                    if (pass(c, &r, &x, &err)) return 2;
                    sino_clean_set_survey(c, 0);
                }
                clean_set_bp_trace(c, on_trace, &x);
                if (pass(c, &r, &x, &err)) return 2;
                sino_clean_free(c);
                for (size_t i = 0; i < r.n; i++) free(r.lines[i]);
                r.n = 0;
                x.run++;
            }
            continue;
        }
        if (r.n == r.cap) {
            r.cap = r.cap ? 2 * r.cap : 256;
            r.lines = realloc(r.lines, r.cap * sizeof *r.lines);
            if (!r.lines) return 2;
        }
        r.lines[r.n++] = strdup(line);
    }
    free(line);
    free(r.lines);
    sino_clean_tables_close(&t);
    return 0;
}
