/* sino-dict - compile, inspect and check sino's binary dictionaries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino.h"
#include "cli_int.h"

static const char usage[] =
    "Usage: sino-dict compile [-nx] [-k KIND] [-a N] [-A N] -o OUT [FILE]...\n"
    "       sino-dict dump DICT\n"
    "       sino-dict get DICT KEY...\n"
    "       sino-dict info DICT\n"
    "       sino-dict verify DICT...\n"
    "Compile TSV sources (KEY [TAB NUMBER] [TAB PAYLOAD]) into sino's\n"
    "memory-mapped dictionary format, or look into a compiled one.\n"
    "\n"
    "  -n, --num         the second column is a decimal number\n"
    "  -x, --hex         the payload is hexadecimal: store the bytes it spells\n"
    "  -k, --kind KIND   record KIND (checked by the tools that open it)\n"
    "  -a, --aux0 N      store N in the header's first auxiliary field\n"
    "  -A, --aux1 N      ... and in the second\n"
    "  -o, --output OUT  compiled file to write (atomically)\n"
    "      --line-buffered  flush output after every line\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Exit status: 0 on success, 1 when get finds no key, 2 on error.\n";

struct compile_opts {
    unsigned tsv_flags;   /* SINO_TSV_NUM, SINO_TSV_HEX */
    const char *kind, *out;
    uint64_t aux[2];
};

static int compile(sino_cli *cli, struct compile_opts *o, int n, char **files)
{
    sino_dict_builder *b = sino_dict_builder_new();
    if (!b) {
        sino_cli_error(cli, NULL, "out of memory");
        return 2;
    }
    sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_FAIL, 0};
    static char *dash[] = {"-"};
    if (n == 0) {
        files = dash;
        n = 1;
    }
    for (int i = 0; i < n && cli->status == 0; i++) {
        sino_error err;
        sino_error_clear(&err);
        sino_reader *r = sino_reader_open(files[i], &ro, &err);
        /* Dictionary sources are UTF-8 by definition: detection would only
         * guess (and before the statistics table is built it guesses). */
        if (r && sino_reader_set_encoding(r, "utf-8", &err) != SINO_OK) {
            sino_reader_close(r);
            r = NULL;
        }
        if (!r || sino_dict_builder_add_tsv(b, r, o->tsv_flags, &err) < 0)
            sino_cli_report(cli, files[i], &err);
        sino_reader_close(r);
    }
    if (cli->status == 0) {
        sino_error err;
        sino_error_clear(&err);
        if (sino_dict_builder_write(b, o->out, o->kind, o->aux, &err) != SINO_OK)
            sino_cli_report(cli, o->out, &err);
    }
    sino_dict_builder_free(b);
    return cli->status;
}

static int print_entry(void *ctx, const char *key, size_t key_len,
                       const sino_dict_value *v)
{
    sino_cli *cli = ctx;
    sino_error err;
    sino_error_clear(&err);
    sino_writer_put(cli->out, key, key_len, &err);
    sino_writer_printf(cli->out, &err, "\t%u\t", v->num);
    sino_writer_put(cli->out, v->str, v->len, &err);
    if (sino_writer_putc(cli->out, '\n', &err) != SINO_OK)
        return sino_cli_output_failed(cli, &err);
    return 0;
}

static sino_dict *open_or_report(sino_cli *cli, const char *path)
{
    sino_error err;
    sino_error_clear(&err);
    sino_dict *d = sino_dict_open(path, NULL, &err);
    if (!d) sino_cli_report(cli, path, &err);
    return d;
}

static int inspect(sino_cli *cli, const char *cmd, int n, char **args)
{
    if (n < 1) {
        sino_cli_error(cli, NULL, "%s: missing dictionary operand", cmd);
        return sino_cli_usage_error(cli);
    }
    int found_all = 1;
    int last = strcmp(cmd, "verify") == 0 ? n : 1;
    for (int i = 0; i < last; i++) {
        sino_dict *d = open_or_report(cli, args[i]);
        if (!d) continue;
        sino_error err;
        sino_error_clear(&err);
        if (!strcmp(cmd, "dump")) {
            sino_dict_each(d, print_entry, cli);
        } else if (!strcmp(cmd, "info")) {
            sino_writer_printf(cli->out, &err,
                               "kind\t%s\nkeys\t%u\nmax_key_len\t%u\naux0\t%llu\naux1\t%llu\n",
                               sino_dict_kind(d), sino_dict_count(d), sino_dict_max_key_len(d),
                               (unsigned long long)sino_dict_aux(d, 0),
                               (unsigned long long)sino_dict_aux(d, 1));
        } else if (!strcmp(cmd, "verify")) {
            if (sino_dict_verify(d, &err) != SINO_OK) sino_cli_report(cli, args[i], &err);
            else sino_writer_printf(cli->out, &err, "%s: ok\n", args[i]);
        } else {   /* get */
            for (int k = 1; k < n; k++) {
                sino_dict_value v;
                if (sino_dict_get(d, args[k], strlen(args[k]), &v))
                    print_entry(cli, args[k], strlen(args[k]), &v);
                else
                    found_all = 0;
            }
        }
        sino_dict_close(d);
    }
    if (cli->status == 0 && !found_all) cli->status = 1;
    return cli->status;
}

static const struct option longopts[] = {
    {"num", no_argument, 0, 'n'},
    {"hex", no_argument, 0, 'x'},
    {"kind", required_argument, 0, 'k'},
    {"aux0", required_argument, 0, 'a'},
    {"aux1", required_argument, 0, 'A'},
    {"output", required_argument, 0, 'o'},
    SINO_CLI_COMMON_LONGOPTS,
    {0, 0, 0, 0}};

static int parse_options(sino_cli *cli, int argc, char **argv, const char *shortopts,
                         struct compile_opts *o)
{
    int c;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'n': o->tsv_flags |= SINO_TSV_NUM; break;
        case 'x': o->tsv_flags |= SINO_TSV_HEX; break;
        case 'k': o->kind = optarg; break;
        case 'a': o->aux[0] = strtoull(optarg, NULL, 10); break;
        case 'A': o->aux[1] = strtoull(optarg, NULL, 10); break;
        case 'o': o->out = optarg; break;
        case '?': return sino_cli_usage_error(cli);
        default: {
            int st = sino_cli_common_option(cli, c, optarg);
            if (st != SINO_CLI_CONTINUE) return st;
        }
        }
    }
    return SINO_CLI_CONTINUE;
}

int main(int argc, char **argv)
{
    sino_cli cli;
    if (sino_cli_init(&cli, "sino-dict", usage) != 0) return 2;
    struct compile_opts o = {0, NULL, NULL, {0, 0}};
    int st = parse_options(&cli, argc, argv, "+nxk:a:A:o:", &o);
    if (st != SINO_CLI_CONTINUE) return st;
    if (optind >= argc) {
        sino_cli_error(&cli, NULL, "missing command (compile, dump, get, info, verify)");
        return sino_cli_usage_error(&cli);
    }
    const char *cmd = argv[optind++];
    if (!strcmp(cmd, "compile")) {
        /* options may also follow the command word */
        st = parse_options(&cli, argc, argv, "nxk:a:A:o:", &o);
        if (st != SINO_CLI_CONTINUE) return st;
        if (!o.out) {
            sino_cli_error(&cli, NULL, "compile needs -o OUT");
            return sino_cli_usage_error(&cli);
        }
        compile(&cli, &o, argc - optind, argv + optind);
    } else if (!strcmp(cmd, "dump") || !strcmp(cmd, "get") || !strcmp(cmd, "info") ||
               !strcmp(cmd, "verify")) {
        inspect(&cli, cmd, argc - optind, argv + optind);
    } else {
        sino_cli_error(&cli, NULL, "unknown command '%s'", cmd);
        return sino_cli_usage_error(&cli);
    }
    return sino_cli_finish(&cli);
}
