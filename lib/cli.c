/* cli.c - option handling, messages and the input loop shared by the tools. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sino_cli.h"

int sino_cli_init(sino_cli *cli, const char *prog, const char *usage)
{
    memset(cli, 0, sizeof *cli);
    cli->prog = prog;
    cli->usage = usage;
    cli->color_mode = SINO_COLOR_AUTO;
    cli->out = sino_writer_from_fd(STDOUT_FILENO, "standard output");
    if (!cli->out) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
    }
    return 0;
}

static void vmessage(sino_cli *cli, const char *file, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (file) fprintf(stderr, "%s: %s: %s\n", cli->prog, file, msg);
    else fprintf(stderr, "%s: %s\n", cli->prog, msg);
}

void sino_cli_error(sino_cli *cli, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cli, file, fmt, ap);
    va_end(ap);
    cli->status = 2;
}

void sino_cli_warn(sino_cli *cli, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cli, file, fmt, ap);
    va_end(ap);
}

void sino_cli_report(sino_cli *cli, const char *file, const sino_error *err)
{
    sino_cli_error(cli, file, "%s", err->msg[0] ? err->msg : "error");
}

/* Free what init allocated (without flushing); for early exits. */
static void cli_release(sino_cli *cli)
{
    sino_error err;
    if (cli->out) {
        sino_writer_close(cli->out, &err);
        cli->out = NULL;
    }
}

int sino_cli_usage_error(sino_cli *cli)
{
    fprintf(stderr, "Try '%s --help' for more information.\n", cli->prog);
    cli->status = 2;
    cli_release(cli);
    return 2;
}

int sino_cli_common_option(sino_cli *cli, int opt, const char *arg)
{
    switch (opt) {
    case SINO_OPT_HELP: {
        sino_error err;
        sino_error_clear(&err);
        if (sino_writer_puts(cli->out, cli->usage, &err) != SINO_OK)
            return sino_cli_output_failed(cli, &err);
        return sino_cli_finish(cli);
    }
    case SINO_OPT_VERSION: {
        sino_error err;
        sino_error_clear(&err);
        if (sino_writer_printf(cli->out, &err, "%s (sino) %s\n", cli->prog,
                               SINO_VERSION) != SINO_OK)
            return sino_cli_output_failed(cli, &err);
        return sino_cli_finish(cli);
    }
    case SINO_OPT_COLOR:
        if (!arg || !strcmp(arg, "always") || !strcmp(arg, "yes") || !strcmp(arg, "force"))
            cli->color_mode = SINO_COLOR_ALWAYS;
        else if (!strcmp(arg, "never") || !strcmp(arg, "no") || !strcmp(arg, "none"))
            cli->color_mode = SINO_COLOR_NEVER;
        else if (!strcmp(arg, "auto") || !strcmp(arg, "tty") || !strcmp(arg, "if-tty"))
            cli->color_mode = SINO_COLOR_AUTO;
        else {
            sino_cli_error(cli, NULL, "invalid argument '%s' for '--color' "
                           "(valid: always, never, auto)", arg);
            return sino_cli_usage_error(cli);
        }
        return SINO_CLI_CONTINUE;
    default:
        return SINO_CLI_CONTINUE;
    }
}

int sino_cli_use_color(const sino_cli *cli, int fd)
{
    if (cli->color_mode == SINO_COLOR_ALWAYS) return 1;
    if (cli->color_mode == SINO_COLOR_NEVER) return 0;
    const char *no = getenv("NO_COLOR");
    if (no && *no) return 0;
    const char *term = getenv("TERM");
    if (term && !strcmp(term, "dumb")) return 0;
    return isatty(fd);
}

int sino_cli_output_failed(sino_cli *cli, const sino_error *err)
{
    if (err->code == SINO_ERR_EPIPE) {
        /* Behave like cat in a pipeline: die quietly by SIGPIPE. */
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
        _exit(141);   /* not reached unless SIGPIPE is blocked */
    }
    sino_cli_error(cli, NULL, "%s", err->msg[0] ? err->msg : "write error");
    cli_release(cli);
    return 2;
}

void sino_cli_report_invalid(sino_cli *cli, const sino_reader *r)
{
    uint64_t n = sino_reader_invalid_count(r);
    if (n == 0) return;
    sino_cli_warn(cli, sino_reader_name(r),
                  "%llu invalid UTF-8 sequence%s replaced by U+FFFD (first at byte offset %llu)",
                  (unsigned long long)n, n == 1 ? "" : "s",
                  (unsigned long long)sino_reader_first_invalid(r));
}

/* Output errors stop every input; input errors only the current one. */
static int is_output_error(sino_cli *cli, const sino_error *err)
{
    (void)cli;
    return err->code == SINO_ERR_EPIPE || err->code == SINO_ERR_WRITE;
}

int sino_cli_each_input(sino_cli *cli, int n, char **files,
                        const sino_reader_opts *opts, sino_cli_input_fn fn, void *ctx)
{
    static char *dash[] = {"-"};
    if (n == 0) {
        files = dash;
        n = 1;
    }
    for (int i = 0; i < n; i++) {
        sino_error err;
        sino_error_clear(&err);
        sino_reader *r = sino_reader_open(files[i], opts, &err);
        if (!r) {
            sino_cli_report(cli, files[i], &err);
            continue;
        }
        int st = fn(cli, r, ctx, &err);
        if (st != SINO_OK && is_output_error(cli, &err)) {
            sino_reader_close(r);
            return sino_cli_output_failed(cli, &err);
        }
        if (st != SINO_OK) sino_cli_report(cli, files[i], &err);
        else sino_cli_report_invalid(cli, r);
        sino_reader_close(r);
    }
    return cli->status;
}

int sino_cli_finish(sino_cli *cli)
{
    sino_error err;
    sino_error_clear(&err);
    if (!cli->out) return cli->status;
    int st = sino_writer_close(cli->out, &err);
    cli->out = NULL;
    if (st != SINO_OK) return sino_cli_output_failed(cli, &err);
    return cli->status;
}

int sino_cli_copy_records(sino_cli *cli, sino_reader *r, void *ctx, sino_error *err)
{
    (void)ctx;
    sino_record rec;
    int got;
    while ((got = sino_reader_next(r, &rec, err)) > 0) {
        int st = sino_writer_put(cli->out, rec.data, rec.len, err);
        if (st == SINO_OK && rec.newline) st = sino_writer_putc(cli->out, '\n', err);
        if (st != SINO_OK) return st;
    }
    return got;
}

int sino_cli_minimal_filter(int argc, char **argv, const char *prog, const char *usage)
{
    sino_cli cli;
    if (sino_cli_init(&cli, prog, usage) != 0) return 2;
    static const struct option longopts[] = {
        {"strict", no_argument, 0, 's'},
        SINO_CLI_COMMON_LONGOPTS,
        {0, 0, 0, 0}};
    sino_reader_opts opts = {SINO_READ_LINES, SINO_UTF8_REPLACE, 0};
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 's') {
            opts.utf8_policy = SINO_UTF8_FAIL;
            continue;
        }
        if (c == '?') return sino_cli_usage_error(&cli);
        int st = sino_cli_common_option(&cli, c, optarg);
        if (st != SINO_CLI_CONTINUE) return st;
    }
    sino_cli_each_input(&cli, argc - optind, argv + optind, &opts,
                        sino_cli_copy_records, NULL);
    return sino_cli_finish(&cli);
}
