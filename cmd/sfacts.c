/* sfacts - the facts a Chinese report states, as records: quantities, money,
 * percentages, ranges, dates, durations, numerals, places, organisations,
 * people and quoted programme names, with byte offsets and normalised values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino.h"
#include "cli_int.h"

static const char usage[] =
    "Usage: sfacts [OPTION]... [FILE]...\n"
    "Extract facts from Chinese text: quantities, money, percentages, ranges,\n"
    "dates, durations, numerals, places, organisations, people and quoted\n"
    "programme names, one record per fact, with byte offsets into the input.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -t, --types=LIST      report only these types (comma-separated): quantity,\n"
    "                        money, percent, range, date, duration, numeral,\n"
    "                        place, org, person, slogan, all (default all)\n"
    "  -j, --json            JSON Lines with extra fields (approx, rel, mod, level...)\n"
    "      --context         add the sentence around each fact\n"
    "  -r, --ref-date=DATE   resolve relative dates (今年, 去年, 5月12日) against\n"
    "                        DATE, given as YYYY-MM-DD\n"
    "  -H, --no-header       do not print the TSV header line\n"
    "  -p, --paragraphs      read blank-line-separated paragraphs, not lines\n"
    "      --line-buffered   flush output after every input record\n"
    "      --encoding=ENC    input encoding (default auto: detected per input;\n"
    "                        utf-8, gbk, gb18030, big5, utf-16le, any iconv name)\n"
    "      --help            display this help and exit\n"
    "      --version         output version information and exit\n"
    "\n"
    "TSV columns: file start end type text value unit [context]. Offsets are\n"
    "bytes into the input as given, end exclusive. See sfacts(1) for the value\n"
    "grammar.\n"
    "\n"
    "Exit status: 0 on success, 2 on error.\n";

enum { OPT_CONTEXT = SINO_OPT_FIRST_TOOL, OPT_LINEBUF };

typedef struct run {
    sino_facts *fx;
    unsigned mask;
    int json, context, header;
    const char *file;
    const char *rec;       /* current record */
    size_t rec_len;
    uint64_t base;         /* input offset of the record */
    sino_cli *cli;
    sino_buf line;
    int werr;
    sino_error err;
    sino_reader *rd;
    const sino_record *mapped;  /* the record, when decoded or repaired */
} run;

/* TSV: escape \t \n \r \\ ; invalid UTF-8 becomes U+FFFD */
static int put_tsv(sino_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            int r = SINO_OK;
            if (c == '\t') r = sino_buf_append(b, "\\t", 2);
            else if (c == '\n') r = sino_buf_append(b, "\\n", 2);
            else if (c == '\r') r = sino_buf_append(b, "\\r", 2);
            else if (c == '\\') r = sino_buf_append(b, "\\\\", 2);
            else r = sino_buf_putc(b, (char)c);
            if (r != SINO_OK) return r;
            i++;
            continue;
        }
        int32_t cp;
        int k = sino_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        int r = cp < 0 ? sino_buf_put_cp(b, SINO_REPLACEMENT_CHAR)
                       : sino_buf_append(b, s + i, (size_t)k);
        if (r != SINO_OK) return r;
        i += (size_t)k;
    }
    return SINO_OK;
}

static int numeric_value(const char *v)
{
    if (*v == '-') v++;
    if (!*v) return 0;
    int dot = 0;
    for (const char *p = v; *p; p++) {
        if (*p == '.' && !dot) dot = 1;
        else if (*p < '0' || *p > '9') return 0;
    }
    return 1;
}

static int on_fact(void *ctx, const sino_fact *f)
{
    run *R = ctx;
    sino_buf *b = &R->line;
    sino_buf_clear(b);
    if (R->header && !R->json) {
        /* the header goes out with the first fact: no facts, no output */
        R->header = 0;
        const char *h = R->context ? "file\tstart\tend\ttype\ttext\tvalue\tunit\tcontext\n"
                                   : "file\tstart\tend\ttype\ttext\tvalue\tunit\n";
        if (sino_buf_append(b, h, strlen(h)) != SINO_OK)
            return SINO_ERR_NOMEM;
    }
    const char *text = R->rec + f->start;
    size_t tlen = f->end - f->start;
    unsigned long long s = R->mapped ? sino_reader_offset(R->rd, R->mapped, f->start)
                                     : R->base + f->start;
    unsigned long long e = R->mapped ? sino_reader_offset(R->rd, R->mapped, f->end)
                                     : R->base + f->end;
    int r = SINO_OK;
    if (R->json) {
        r |= sino_buf_append(b, "{\"file\":", 8);
        r |= sino_buf_put_json(b, R->file, strlen(R->file));
        r |= sino_buf_printf(b, ",\"start\":%llu,\"end\":%llu,\"type\":\"%s\",\"text\":",
                             s, e, sino_fact_type_name(f->type));
        r |= sino_buf_put_json(b, text, tlen);
        r |= sino_buf_append(b, ",\"value\":", 9);
        if (f->type != SINO_FACT_DATE && f->type != SINO_FACT_DURATION &&
            (numeric_value(f->value) || f->value[0] == '['))
            r |= sino_buf_append(b, f->value, strlen(f->value));
        else
            r |= sino_buf_put_json(b, f->value, strlen(f->value));
        r |= sino_buf_append(b, ",\"unit\":", 8);
        r |= sino_buf_put_json(b, f->unit, strlen(f->unit));
        if (f->approx) r |= sino_buf_append(b, ",\"approx\":true", 14);
        if (f->rel) r |= sino_buf_append(b, ",\"rel\":true", 11);
        if (f->resolved) r |= sino_buf_append(b, ",\"resolved\":true", 16);
        if (f->mod[0]) {
            r |= sino_buf_append(b, ",\"mod\":", 7);
            r |= sino_buf_put_json(b, f->mod, strlen(f->mod));
        }
        if (f->level) r |= sino_buf_printf(b, ",\"level\":%d", f->level);
        if (f->code[0]) {
            r |= sino_buf_append(b, ",\"code\":", 8);
            r |= sino_buf_put_json(b, f->code, strlen(f->code));
        }
        if (R->context) {
            r |= sino_buf_append(b, ",\"context\":", 11);
            r |= sino_buf_put_json(b, R->rec + f->ctx_start, f->ctx_end - f->ctx_start);
        }
        r |= sino_buf_append(b, "}\n", 2);
    } else {
        r |= put_tsv(b, R->file, strlen(R->file));
        r |= sino_buf_printf(b, "\t%llu\t%llu\t%s\t", s, e, sino_fact_type_name(f->type));
        r |= put_tsv(b, text, tlen);
        r |= sino_buf_putc(b, '\t');
        r |= put_tsv(b, f->value, strlen(f->value));
        if (f->approx && (f->type <= SINO_FACT_RANGE || f->type == SINO_FACT_NUMERAL))
            r |= sino_buf_putc(b, '~');
        r |= sino_buf_putc(b, '\t');
        r |= put_tsv(b, f->unit, strlen(f->unit));
        if (R->context) {
            r |= sino_buf_putc(b, '\t');
            r |= put_tsv(b, R->rec + f->ctx_start, f->ctx_end - f->ctx_start);
        }
        r |= sino_buf_putc(b, '\n');
    }
    if (r != SINO_OK) return SINO_ERR_NOMEM;
    int w = sino_writer_put(R->cli->out, b->data, b->len, &R->err);
    if (w != SINO_OK) {
        R->werr = 1;
        return w;
    }
    return 0;
}

static int each_input(sino_cli *cli, sino_reader *rd, void *ctx, sino_error *err)
{
    run *R = ctx;
    sino_record rec;
    int rc;
    R->file = sino_reader_name(rd);
    if (!R->file) R->file = "-";
    R->rd = rd;
    sino_reader_keep_offsets(rd, 1);
    while ((rc = sino_reader_next(rd, &rec, err)) > 0) {
        R->mapped = rec.mapped ? &rec : NULL;
        R->rec = rec.data;
        R->rec_len = rec.len;
        R->base = rec.offset;
        int r = sino_facts_scan(R->fx, rec.data, rec.len, R->mask, on_fact, R);
        if (r != SINO_OK) {
            if (R->werr) {
                *err = R->err;
                return err->code ? err->code : SINO_ERR_WRITE;
            }
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        }
    }
    (void)cli;   /* sino_cli_each_input reports replaced invalid UTF-8 */
    return rc < 0 ? err->code : SINO_OK;
}

static int parse_date(const char *s, int *y, int *m, int *d)
{
    char extra;
    if (sscanf(s, "%4d-%2d-%2d%c", y, m, d, &extra) != 3) return -1;
    if (*y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > 31) return -1;
    return 0;
}

int main(int argc, char **argv)
{
    sino_cli cli;
    if (sino_cli_init(&cli, "sfacts", usage) != 0) return 2;
    static const struct option longopts[] = {
        {"types", required_argument, 0, 't'},
        {"type", required_argument, 0, 't'},
        {"json", no_argument, 0, 'j'},
        {"context", no_argument, 0, OPT_CONTEXT},
        {"ref-date", required_argument, 0, 'r'},
        {"no-header", no_argument, 0, 'H'},
        {"paragraphs", no_argument, 0, 'p'},
        {"line-buffered", no_argument, 0, OPT_LINEBUF},
        SINO_CLI_ENCODING_LONGOPT,
        SINO_CLI_COMMON_LONGOPTS,
        {0, 0, 0, 0}
    };
    run R;
    memset(&R, 0, sizeof R);
    R.mask = SINO_FACT_ALL;
    R.header = 1;
    R.cli = &cli;
    int ry = 0, rm = 0, rdd = 0;
    /* records over 1 MiB are scanned in chunks: the per-record tables (folded
     * text, offsets, candidates) stay small even for pathological input */
    sino_reader_opts ro = { SINO_READ_LINES, SINO_UTF8_PASS, 1u << 20 };
    int opt;
    while ((opt = getopt_long(argc, argv, "t:jr:Hp", longopts, NULL)) != -1) {
        switch (opt) {
        case 't': {
            size_t bad = 0;
            long m = sino_fact_types_parse(optarg, &bad);
            if (m < 0) {
                sino_cli_error(&cli, NULL, "unknown fact type '%.*s' (try: quantity, money, "
                               "percent, range, date, duration, numeral, place, org, person, slogan)",
                               (int)strcspn(optarg + bad, ","), optarg + bad);
                return sino_cli_usage_error(&cli);
            }
            R.mask = (unsigned)m;
            break;
        }
        case 'j': R.json = 1; break;
        case OPT_CONTEXT: R.context = 1; break;
        case 'r':
            if (parse_date(optarg, &ry, &rm, &rdd) < 0) {
                sino_cli_error(&cli, NULL, "invalid reference date '%s' (expected YYYY-MM-DD)", optarg);
                return sino_cli_usage_error(&cli);
            }
            break;
        case 'H': R.header = 0; break;
        case 'p': ro.mode = SINO_READ_PARAGRAPHS; break;
        case OPT_LINEBUF: sino_writer_set_line_buffered(cli.out, 1); break;
        default: {
            if (opt == '?') return sino_cli_usage_error(&cli);
            int r = sino_cli_common_option(&cli, opt, optarg);
            if (r != SINO_CLI_CONTINUE) return r;
        }
        }
    }
    sino_error err;
    sino_error_clear(&err);
    R.fx = sino_facts_open(&err);
    if (!R.fx) {
        sino_cli_report(&cli, NULL, &err);
        return sino_cli_finish(&cli);
    }
    if (ry) sino_facts_set_ref_date(R.fx, ry, rm, rdd);
    sino_buf_init(&R.line);
    int status = sino_cli_each_input(&cli, argc - optind, argv + optind, &ro, each_input, &R);
    if (cli.out) status = sino_cli_finish(&cli);
    sino_buf_free(&R.line);
    sino_facts_close(R.fx);
    return status;
}
