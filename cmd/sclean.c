/* sclean - repair and remove noise in raw Chinese text. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "sino.h"
#include "cli_int.h"

static const char usage[] =
    "Usage: sclean [OPTION]... [FILE]...\n"
    "Repair and remove noise in raw Chinese text: one clean paragraph per line.\n"
    "Each FILE is one document (boilerplate repetition and line joining look\n"
    "across its lines); with two or more FILEs, a line found in several of\n"
    "them counts as repeated furniture (the files are read twice); with no\n"
    "FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Passes (all on by default):\n"
    "      --no-pinyin       keep inserted pinyin readings such as 網(wǎng)\n"
    "      --no-mojibake     do not repair mojibake\n"
    "      --no-html         keep HTML tags and entities\n"
    "      --no-boilerplate  keep site headers, footers, disclaimers, link lists\n"
    "      --no-layout       do not join broken lines or drop page furniture\n"
    "      --no-punct        keep punctuation, widths, spaces and controls\n"
    "  -r, --report[=FILE]   list every change (line, pass, before -> after) on\n"
    "                        standard error, or in FILE\n"
    "      --encoding=ENC    input encoding (default auto: detected per input;\n"
    "                        utf-8, gbk, gb18030, big5, utf-16le, any iconv name)\n"
    "      --line-buffered   flush output after every line\n"
    "      --help            display this help and exit\n"
    "      --version         output version information and exit\n"
    "\n"
    "Invalid UTF-8 is replaced by U+FFFD and reported on standard error.\n"
    "Exit status: 0 on success, 2 on error.\n";

enum { OPT_NO = SINO_OPT_FIRST_TOOL, OPT_REPORT = OPT_NO + 16 };

static const struct option longopts[] = {
    {"no-pinyin", no_argument, 0, OPT_NO + 0},
    {"no-mojibake", no_argument, 0, OPT_NO + 1},
    {"no-html", no_argument, 0, OPT_NO + 2},
    {"no-boilerplate", no_argument, 0, OPT_NO + 3},
    {"no-layout", no_argument, 0, OPT_NO + 4},
    {"no-punct", no_argument, 0, OPT_NO + 5},
    {"report", optional_argument, 0, 'r'},
    SINO_CLI_ENCODING_LONGOPT,
    SINO_CLI_COMMON_LONGOPTS,
    {0, 0, 0, 0}};

struct run {
    sino_clean *clean;
    FILE *report;
    const char *name;
};

static void put_escaped(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') fputs("\\n", f);
        else if (c == '\t') fputs("\\t", f);
        else if (c < 0x20 || c == 0x7F) fprintf(f, "\\x%02x", c);
        else fputc(c, f);
    }
}

static void on_report(void *ctx, uint64_t line, int pass, const char *before,
                      size_t blen, const char *after, size_t alen)
{
    struct run *r = ctx;
    fprintf(r->report, "%s:%llu: %s: ", r->name, (unsigned long long)line,
            sino_clean_pass_name(pass));
    put_escaped(r->report, before, blen);
    fputs(" \xe2\x86\x92 ", r->report);   /* → */
    put_escaped(r->report, after, alen);
    fputc('\n', r->report);
}

static int on_emit(void *ctx, const char *s, size_t n, int end, sino_error *err)
{
    sino_cli *cli = ctx;
    int rc = sino_writer_put(cli->out, s, n, err);
    if (rc == SINO_OK && end) rc = sino_writer_putc(cli->out, '\n', err);
    return rc;
}

static int survey_emit(void *ctx, const char *s, size_t n, int end, sino_error *err)
{
    (void)ctx, (void)s, (void)n, (void)end, (void)err;
    return SINO_OK;   /* the survey hands nothing out */
}

static int run_input(sino_cli *cli, sino_reader *rd, void *ctx, sino_error *err)
{
    struct run *r = ctx;
    sino_record rec;
    int rc;
    r->name = sino_reader_name(rd);
    sino_clean_begin(r->clean, on_emit, cli);
    while ((rc = sino_reader_next(rd, &rec, err)) > 0) {
        rc = sino_clean_line(r->clean, rec.data, rec.len, rec.partial, err);
        if (rc != SINO_OK) return rc;
    }
    if (rc < 0) {
        /* a read error: still write what was read */
        sino_error e2;
        sino_error_clear(&e2);
        int rc2 = sino_clean_end(r->clean, &e2);
        if (rc2 != SINO_OK) *err = e2;
        return rc2 != SINO_OK ? rc2 : rc;
    }
    rc = sino_clean_end(r->clean, err);
    return rc;
}

/* The survey of a run of files: each regular file read once beforehand,
 * quietly (the real pass reports what goes wrong), its lines counted by the
 * cleaner. Standard input and other files that cannot be read twice are
 * left out. */
static void survey(sino_cli *cli, sino_clean *c, int n, char **files)
{
    int regular = 0;
    struct stat st;
    for (int i = 0; i < n; i++)
        regular += strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0 && S_ISREG(st.st_mode);
    if (regular < 2) return;
    sino_clean_set_survey(c, 1);
    sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_REPLACE, 0};
    for (int i = 0; i < n; i++) {
        if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0 || !S_ISREG(st.st_mode)) continue;
        sino_error err;
        sino_error_clear(&err);
        sino_reader *rd = sino_reader_open(files[i], &ro, &err);
        if (!rd) continue;
        if (sino_reader_set_encoding(rd, cli->encoding, &err) == SINO_OK &&
            !sino_cli_is_output(cli, sino_reader_fd(rd))) {
            sino_record rec;
            sino_clean_begin(c, survey_emit, NULL);
            while (sino_reader_next(rd, &rec, &err) > 0)
                if (sino_clean_line(c, rec.data, rec.len, rec.partial, &err) != SINO_OK) break;
            sino_clean_end(c, &err);
        }
        sino_reader_close(rd);
    }
    sino_clean_set_survey(c, 0);
}

/* Leave early: flush and free standard output, keep the status. */
static int done(sino_cli *cli, int st)
{
    int f = sino_cli_finish(cli);
    return st ? st : f;
}

int main(int argc, char **argv)
{
    sino_cli cli;
    if (sino_cli_init(&cli, "sclean", usage) != 0) return 2;
    unsigned passes = SINO_CLEAN_ALL;
    const char *report = NULL;
    int want_report = 0, c;
    while ((c = getopt_long(argc, argv, "r", longopts, NULL)) != -1) {
        if (c >= OPT_NO && c < OPT_NO + 6) {
            passes &= ~(1u << (c - OPT_NO));
        } else if (c == 'r') {
            want_report = 1;
            report = optarg;
        } else if (c == '?') {
            return done(&cli, sino_cli_usage_error(&cli));
        } else {
            int st = sino_cli_common_option(&cli, c, optarg);
            if (st != SINO_CLI_CONTINUE) return done(&cli, st);
        }
    }
    struct run r = {NULL, NULL, "-"};
    if (want_report) {
        if (report && strcmp(report, "-") != 0) {
            if (sino_cli_refuse_input(&cli, report, argc - optind, argv + optind))
                return done(&cli, 2);
            r.report = fopen(report, "w");
            if (!r.report) {
                sino_cli_error(&cli, report, "%s", strerror(errno));
                return done(&cli, 2);
            }
        } else {
            r.report = stderr;
        }
    }
    sino_clean_tables t;
    sino_error err;
    sino_error_clear(&err);
    if (sino_clean_tables_open(&t, passes, &err) != SINO_OK) {
        sino_cli_report(&cli, NULL, &err);
        if (r.report && r.report != stderr) fclose(r.report);
        return done(&cli, 2);
    }
    r.clean = sino_clean_new(&t, passes, &err);
    if (!r.clean) {
        sino_cli_report(&cli, NULL, &err);
        sino_clean_tables_close(&t);
        if (r.report && r.report != stderr) fclose(r.report);
        return done(&cli, 2);
    }
    if (r.report) sino_clean_set_report(r.clean, on_report, &r);
    if (passes & SINO_CLEAN_BOILERPLATE) survey(&cli, r.clean, argc - optind, argv + optind);
    sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_REPLACE, 0};
    sino_cli_each_input(&cli, argc - optind, argv + optind, &ro, run_input, &r);
    sino_clean_free(r.clean);
    sino_clean_tables_close(&t);
    if (r.report && r.report != stderr && fclose(r.report) != 0) {
        sino_cli_error(&cli, report, "%s", strerror(errno));
    }
    return sino_cli_finish(&cli);
}
