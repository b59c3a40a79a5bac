/* cli_int.h - conventions shared by the command-line tools. Internal: not
 * installed, not part of the public API (sino.h does not include it).
 *
 * This is the only part of libsino that writes to stderr, and it does so only
 * when a tool asks it to report something. Core modules never print. */
#ifndef SINO_CLI_INT_H
#define SINO_CLI_INT_H

#include <getopt.h>

#include "sino_io.h"

#ifndef SINO_VERSION
#define SINO_VERSION "0.1.0"
#endif

enum sino_color_mode { SINO_COLOR_AUTO, SINO_COLOR_ALWAYS, SINO_COLOR_NEVER };

/* Option codes for the long options every tool has. */
enum {
    SINO_OPT_HELP = 0x1000,
    SINO_OPT_VERSION,
    SINO_OPT_COLOR,
    SINO_OPT_ENCODING,
    SINO_OPT_LINE_BUFFERED,
    SINO_OPT_FIRST_TOOL = 0x1100   /* tools number their own long-only options from here */
};

#define SINO_CLI_COMMON_LONGOPTS                              \
    {"help", no_argument, 0, SINO_OPT_HELP},                  \
    {"version", no_argument, 0, SINO_OPT_VERSION},            \
    {"color", optional_argument, 0, SINO_OPT_COLOR},          \
    {"colour", optional_argument, 0, SINO_OPT_COLOR},         \
    {"line-buffered", no_argument, 0, SINO_OPT_LINE_BUFFERED}

/* --encoding=ENC (auto, the default, or an encoding name): tools that take
 * it list this in their long options and leave it to
 * sino_cli_common_option; sino_cli_each_input then reads by it. */
#define SINO_CLI_ENCODING_LONGOPT {"encoding", required_argument, 0, SINO_OPT_ENCODING}

#define SINO_CLI_CONTINUE (-1)

typedef struct sino_cli {
    const char *prog;      /* program name for messages */
    const char *usage;     /* full --help text */
    int status;            /* exit status so far: 0, or 2 after an error */
    int color_mode;        /* enum sino_color_mode */
    sino_writer *out;      /* standard output */
    const char *encoding;  /* --encoding, or NULL (detect) */
    int out_regular;       /* standard output is a regular file: */
    unsigned long long out_dev, out_ino;   /* ... this one */
} sino_cli;

/* Set up: program name, help text, stdout writer. Returns 0, or 2 when
 * standard output cannot be set up. */
int sino_cli_init(sino_cli *cli, const char *prog, const char *usage);

/* Handle --help, --version, --color and --line-buffered (standard output
 * is flushed after every write that ends a line, so that a reader at the
 * other end of a pipe sees each line or record as soon as it is made). Returns SINO_CLI_CONTINUE when the
 * tool should go on, else the exit status to return now (0 after --help or
 * --version, 2 after a bad --color value).
 * Every function here that returns "the exit status to return now"
 * (this one, sino_cli_usage_error, sino_cli_output_failed, sino_cli_finish)
 * has already flushed or released standard output. */
int sino_cli_common_option(sino_cli *cli, int opt, const char *arg);

/* The message for an unknown option or a missing argument (getopt printed
 * its own line): "Try 'prog --help'". Returns 2. */
int sino_cli_usage_error(sino_cli *cli);

/* "prog: file: message" (or "prog: message" when file is NULL) on stderr;
 * sets the exit status to 2. */
void sino_cli_error(sino_cli *cli, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for a library error record. */
void sino_cli_report(sino_cli *cli, const char *file, const sino_error *err);
/* A warning: same format, exit status unchanged. */
void sino_cli_warn(sino_cli *cli, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Whether to colour output written to fd: --color, NO_COLOR, TERM, isatty. */
int sino_cli_use_color(const sino_cli *cli, int fd);

/* Called by a tool when writing its output failed: on a closed pipe the tool
 * ends quietly as if killed by SIGPIPE (like cat); on another error the
 * message is printed once. Returns 2. */
int sino_cli_output_failed(sino_cli *cli, const sino_error *err);

/* Process each input: the files named in files[0..n), or standard input when
 * n == 0; "-" is standard input. An input that cannot be opened or read is
 * reported and skipped (exit status 2), the others are still processed. fn
 * returns SINO_OK, or an error: a read error skips to the next input, an
 * output error (SINO_ERR_EPIPE or a write failure reported through the
 * writer) stops everything. Returns the exit status so far. */
typedef int (*sino_cli_input_fn)(sino_cli *cli, sino_reader *r, void *ctx,
                                 sino_error *err);
int sino_cli_each_input(sino_cli *cli, int n, char **files,
                        const sino_reader_opts *opts, sino_cli_input_fn fn,
                        void *ctx);

/* After an input: warn once about invalid or unmappable bytes that were
 * replaced ("prog: file: N invalid gbk sequences replaced by U+FFFD (first
 * at byte offset X)"); a second call for the same input says nothing. */
void sino_cli_report_invalid(sino_cli *cli, sino_reader *r);

/* Whether descriptor fd is a regular file that is also standard output
 * (same device and inode): reading it would read the tool's own output
 * (cat's and grep's check). sino_cli_each_input refuses such an input with
 * "input file is also the output"; tools with their own loop call this. */
int sino_cli_is_output(const sino_cli *cli, int fd);

/* Whether path names one of the inputs (files[0..n), standard input when
 * n == 0 or for "-"): a side file (--report=F) must never be opened for
 * writing over an input. Reports "prog: path: is also an input" and returns
 * 1 when it is. */
int sino_cli_refuse_input(sino_cli *cli, const char *path, int n, char **files);

/* Flush standard output; returns the final exit status. */
int sino_cli_finish(sino_cli *cli);

#endif
