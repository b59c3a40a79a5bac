/* cli.c - option handling, messages and the input loop shared by the tools. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io_int.h"
#include "cli_int.h"
#include "sino_enc.h"

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
    struct stat st;
    if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
        cli->out_regular = 1;
        cli->out_dev = (unsigned long long)st.st_dev;
        cli->out_ino = (unsigned long long)st.st_ino;
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
    case SINO_OPT_LINE_BUFFERED:
        sino_writer_set_line_buffered(cli->out, 1);
        return SINO_CLI_CONTINUE;
    case SINO_OPT_ENCODING:
        if (!strcasecmp(arg, "auto")) {
            cli->encoding = NULL;
        } else if (!(cli->encoding = sino_enc_canonical(arg))) {
            sino_cli_error(cli, NULL, "unknown encoding '%s'", arg);
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

void sino_cli_report_invalid(sino_cli *cli, sino_reader *r)
{
    uint64_t n = sino_reader_invalid_count(r);
    if (n == 0 || sino_reader_reported(r)) return;
    sino_cli_warn(cli, sino_reader_name(r),
                  "%llu invalid %s sequence%s replaced by U+FFFD (first at byte offset %llu)",
                  (unsigned long long)n, sino_reader_invalid_label(r), n == 1 ? "" : "s",
                  (unsigned long long)sino_reader_first_invalid(r));
}

int sino_cli_is_output(const sino_cli *cli, int fd)
{
    struct stat st;
    if (!cli->out_regular || fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    return (unsigned long long)st.st_dev == cli->out_dev &&
           (unsigned long long)st.st_ino == cli->out_ino;
}

int sino_cli_refuse_input(sino_cli *cli, const char *path, int n, char **files)
{
    struct stat side, in;
    if (!path || stat(path, &side) != 0) return 0;   /* not there yet: no input */
    int uses_stdin = n == 0;
    for (int i = 0; i < n; i++) {
        if (!strcmp(files[i], "-")) {
            uses_stdin = 1;
            continue;
        }
        if (stat(files[i], &in) == 0 && in.st_dev == side.st_dev && in.st_ino == side.st_ino) {
            sino_cli_error(cli, path, "is also an input");
            return 1;
        }
    }
    if (uses_stdin && fstat(STDIN_FILENO, &in) == 0 && in.st_dev == side.st_dev &&
        in.st_ino == side.st_ino) {
        sino_cli_error(cli, path, "is also the standard input");
        return 1;
    }
    return 0;
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
        if (r && sino_reader_set_encoding(r, cli->encoding, &err) != SINO_OK) {
            sino_reader_close(r);
            r = NULL;
        }
        if (!r) {
            sino_cli_report(cli, files[i], &err);
            continue;
        }
        if (sino_cli_is_output(cli, sino_reader_fd(r))) {
            sino_cli_error(cli, files[i], "input file is also the output");
            sino_reader_close(r);
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
