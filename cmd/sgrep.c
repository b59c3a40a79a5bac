/* sgrep - search Chinese text across scripts, widths, line breaks and
 * inserted pinyin, with grep's interface. The search is in lib/match*.c. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sino.h"
#include "cli_int.h"
#include "grow_int.h"

static const char usage[] =
    "Usage: sgrep [OPTION]... PATTERN [FILE]...\n"
    "Search for PATTERN in each FILE: a match is found whatever the Simplified or\n"
    "Traditional form of each character, full or half width, across a line break\n"
    "inside a paragraph, and across inserted pinyin readings like 發(fā)展.\n"
    "With no FILE, read standard input (with -r, the working directory).\n"
    "\n"
    "Patterns:\n"
    "  -e, --regexp=PATTERN      use PATTERN (may be repeated)\n"
    "  -f, --file=FILE           take patterns from FILE, one per line\n"
    "  -G, --basic-regexp        PATTERN is a basic regular expression (default)\n"
    "  -E, --extended-regexp     PATTERN is an extended regular expression\n"
    "  -F, --fixed-strings       PATTERN is a string\n"
    "  -P, --perl-regexp         PATTERN is a Perl-compatible regular expression\n"
    "      --exact               no folding: match the characters exactly\n"
    "  -i, -y, --ignore-case     ignore case distinctions\n"
    "      --no-ignore-case      do not ignore case (default)\n"
    "  -x, --line-regexp         match only whole lines\n"
    "\n"
    "Output:\n"
    "  -c, --count               print only a count of selected lines per file\n"
    "  -l, --files-with-matches  print only names of files with selected lines\n"
    "  -L, --files-without-match print only names of files with no selected line\n"
    "  -o, --only-matching       print only the matched text, as found in the file\n"
    "  -q, --quiet, --silent     print nothing; exit 0 at the first match\n"
    "  -s, --no-messages         suppress messages about unreadable files\n"
    "  -v, --invert-match        select non-matching lines\n"
    "  -n, --line-number         print line numbers\n"
    "  -H, --with-filename       print the file name for each match\n"
    "  -h, --no-filename         never print file names\n"
    "      --label=LABEL         name standard input LABEL in the output\n"
    "  -A, --after-context=NUM   print NUM lines of trailing context\n"
    "  -B, --before-context=NUM  print NUM lines of leading context\n"
    "  -C, --context=NUM, -NUM   print NUM lines of context on both sides\n"
    "      --group-separator=SEP print SEP between context groups (default --)\n"
    "      --no-group-separator  print nothing between context groups\n"
    "  -m, --max-count=NUM       stop after NUM selected lines\n"
    "  -Z, --null                print a NUL byte after each file name\n"
    "  -b, --byte-offset         print the byte offset of each line (or -o match)\n"
    "  -T, --initial-tab         a tab before each line's text (numbers aligned)\n"
    "  -z, --null-data           lines end with a NUL byte, not a newline\n"
    "      --sentence            print the sentence around each match, not the line\n"
    "      --json                print each selected line as a JSON object\n"
    "      --line-buffered       flush output after every line\n"
    "      --color[=WHEN]        colour matches: always, never or auto (NO_COLOR)\n"
    "\n"
    "Files:\n"
    "  -r, --recursive           search directories recursively\n"
    "  -R, --dereference-recursive  the same, following symbolic links\n"
    "      --include=GLOB        search only files whose name matches GLOB\n"
    "      --exclude=GLOB        skip files whose name matches GLOB\n"
    "      --exclude-from=FILE   skip files matching any glob in FILE\n"
    "      --exclude-dir=GLOB    skip directories whose name matches GLOB\n"
    "  -d, --directories=ACTION  read, skip or recurse into directories\n"
    "  -D, --devices=ACTION      read or skip devices, FIFOs and sockets\n"
    "      --binary-files=TYPE   binary, text or without-match\n"
    "  -U, --binary              no effect (as in grep on POSIX systems)\n"
    "  -a, --text                search binary files as text\n"
    "  -I                        skip binary files (files with NUL bytes)\n"
    "\n"
    "      --help                display this help and exit\n"
    "      --version             output version information and exit\n"
    "\n"
    "Exit status: 0 if a line is selected, 1 if none, 2 on error (with -q, a\n"
    "selected line wins over an error).\n";

enum {
    OPT_SENTENCE = SINO_OPT_FIRST_TOOL,
    OPT_JSON,
    OPT_INCLUDE,
    OPT_EXCLUDE,
    OPT_EXCLUDE_DIR,
    OPT_LABEL,
    OPT_LINE_BUFFERED,
    OPT_NO_ICASE,
    OPT_ENCODING,
    OPT_EXACT,
    OPT_EXCLUDE_FROM,
    OPT_BINARY_FILES,
    OPT_GROUP_SEP,
    OPT_NO_GROUP_SEP
};

static const struct option longopts[] = {
    {"regexp", required_argument, 0, 'e'},
    {"file", required_argument, 0, 'f'},
    {"extended-regexp", no_argument, 0, 'E'},
    {"basic-regexp", no_argument, 0, 'G'},
    {"perl-regexp", no_argument, 0, 'P'},
    {"exact", no_argument, 0, OPT_EXACT},
    {"exclude-from", required_argument, 0, OPT_EXCLUDE_FROM},
    {"binary-files", required_argument, 0, OPT_BINARY_FILES},
    {"group-separator", required_argument, 0, OPT_GROUP_SEP},
    {"no-group-separator", no_argument, 0, OPT_NO_GROUP_SEP},
    {"directories", required_argument, 0, 'd'},
    {"devices", required_argument, 0, 'D'},
    {"binary", no_argument, 0, 'U'},
    {"unix-byte-offsets", no_argument, 0, 'u'},
    {"fixed-strings", no_argument, 0, 'F'},
    {"ignore-case", no_argument, 0, 'i'},
    {"no-ignore-case", no_argument, 0, OPT_NO_ICASE},
    {"line-regexp", no_argument, 0, 'x'},
    {"word-regexp", no_argument, 0, 'w'},
    {"encoding", required_argument, 0, OPT_ENCODING},
    {"count", no_argument, 0, 'c'},
    {"files-with-matches", no_argument, 0, 'l'},
    {"files-without-match", no_argument, 0, 'L'},
    {"only-matching", no_argument, 0, 'o'},
    {"quiet", no_argument, 0, 'q'},
    {"silent", no_argument, 0, 'q'},
    {"no-messages", no_argument, 0, 's'},
    {"invert-match", no_argument, 0, 'v'},
    {"line-number", no_argument, 0, 'n'},
    {"with-filename", no_argument, 0, 'H'},
    {"no-filename", no_argument, 0, 'h'},
    {"label", required_argument, 0, OPT_LABEL},
    {"after-context", required_argument, 0, 'A'},
    {"before-context", required_argument, 0, 'B'},
    {"context", required_argument, 0, 'C'},
    {"max-count", required_argument, 0, 'm'},
    {"null", no_argument, 0, 'Z'},
    {"sentence", no_argument, 0, OPT_SENTENCE},
    {"json", no_argument, 0, OPT_JSON},
    {"line-buffered", no_argument, 0, OPT_LINE_BUFFERED},
    {"recursive", no_argument, 0, 'r'},
    {"dereference-recursive", no_argument, 0, 'R'},
    {"include", required_argument, 0, OPT_INCLUDE},
    {"exclude", required_argument, 0, OPT_EXCLUDE},
    {"exclude-dir", required_argument, 0, OPT_EXCLUDE_DIR},
    {"text", no_argument, 0, 'a'},
    {"byte-offset", no_argument, 0, 'b'},
    {"initial-tab", no_argument, 0, 'T'},
    {"null-data", no_argument, 0, 'z'},
    SINO_CLI_COMMON_LONGOPTS,
    {0, 0, 0, 0}};

struct globs {
    char **v;
    unsigned char *include;   /* file filters: 1 for --include, 0 for --exclude */
    size_t n, cap;
};

struct state {
    sino_cli cli;
    sino_matcher *m;
    sino_grep_opts o;
    int no_messages;
    int recursive;        /* 1 = -r, 2 = -R */
    const char *label;
    struct globs files, exclude_dir;   /* --include/--exclude in order, --exclude-dir */
    struct globs owned;   /* globs read from --exclude-from files (freed at the end) */
    int any_selected;     /* some line was selected */
    int stop;             /* -q matched: nothing more to do */
    int printed;          /* output so far: context groups are separated */
    int implicit_dot;     /* -r without a file: search "." */
    int skip_dirs;        /* -d skip */
    size_t npatterns, nonempty_patterns;
    struct dir_id { dev_t dev; ino_t ino; } *dirs;   /* directories being searched */
    size_t ndirs, capdirs;
    int skip_devices;     /* -D skip */
    int name_in_dirs;     /* -r on one operand: names only for files in a directory */
};

static int push_glob(struct globs *g, char *s, int include)
{
    if (g->n == g->cap) {   /* two arrays of one capacity: each grows to the same cap */
        size_t cap = g->cap;
        if (sino_grow(&g->v, &cap, g->n + 1, sizeof *g->v) != SINO_OK) return -1;
        cap = g->cap;
        if (sino_grow(&g->include, &cap, g->n + 1, sizeof *g->include) != SINO_OK) return -1;
        g->cap = cap;
    }
    g->include[g->n] = (unsigned char)include;
    g->v[g->n++] = s;
    return 0;
}

static int push(struct globs *g, char *s)
{
    return push_glob(g, s, 0);
}

/* Whether glob matches name as grep matches it: a name found inside a
 * directory by its last component; a command-line name whole or by any
 * part that follows a '/'. */
static int name_matches(const char *glob, const char *path, int top)
{
    if (!top) {
        const char *base = strrchr(path, '/');
        return fnmatch(glob, base ? base + 1 : path, 0) == 0;
    }
    if (fnmatch(glob, path, 0) == 0) return 1;
    for (const char *p = path; *p; p++)
        if (*p == '/' && p[1] && p[1] != '/' && fnmatch(glob, p + 1, 0) == 0) return 1;
    return 0;
}

/* grep's rule for --include and --exclude: the last option whose glob
 * matches decides; when none matches, the file is skipped only if the
 * first option was an --include. */
static int filtered_out(const struct globs *g, const char *path, int top)
{
    if (!g->n) return 0;
    for (size_t i = g->n; i-- > 0;)
        if (name_matches(g->v[i], path, top)) return !g->include[i];
    return g->include[0];
}

/* A count: for -m a negative value means no limit; for both, a value beyond
 * the range of long long means "infinite" (as grep). */
static int parse_num(sino_cli *cli, const char *arg, const char *what, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(arg, &end, 10);
    int is_max = !strcmp(what, "max count");
    if (errno == ERANGE && end != arg && !*end) {
        *out = v < 0 ? (is_max ? -1 : 0) : LLONG_MAX;
        if (v >= 0 || is_max) return 0;
    }
    if (is_max && !errno && end != arg && !*end && v < 0) {
        *out = -1;
        return 0;
    }
    if (errno || end == arg || *end || v < 0) {
        sino_cli_error(cli, NULL, "%s: invalid %s argument", arg, what);
        return -1;
    }
    *out = v;
    return 0;
}

/* Add each line of text[0..n) as a pattern. */
static int add_patterns(struct state *s, const char *text, size_t n)
{
    size_t i = 0;
    for (;;) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - text) : n;
        sino_error err;
        sino_error_clear(&err);
        s->npatterns++;
        if (e > i) s->nonempty_patterns++;
        if (sino_matcher_add(s->m, text + i, e - i, &err) != SINO_OK) {
            sino_cli_error(&s->cli, NULL, "%s", err.msg);
            return -1;
        }
        if (!nl) break;
        i = e + 1;
        if (i == n) break;   /* a final newline ends the last pattern */
    }
    return 0;
}

static int read_pattern_file(struct state *s, const char *path, sino_buf *out)
{
    int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0) {
        sino_cli_error(&s->cli, path, "%s", strerror(errno));
        return -1;
    }
    char block[65536];
    for (;;) {
        ssize_t n = read(fd, block, sizeof block);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            sino_cli_error(&s->cli, path, "%s", strerror(errno));
            if (fd != STDIN_FILENO) close(fd);
            return -1;
        }
        if (n == 0) break;
        if (sino_buf_append(out, block, (size_t)n) != SINO_OK) {
            sino_cli_error(&s->cli, NULL, "out of memory");
            if (fd != STDIN_FILENO) close(fd);
            return -1;
        }
    }
    if (fd != STDIN_FILENO) close(fd);
    return 0;
}

/* --exclude-from: each line of path is a glob to exclude. */
static int read_globs(struct state *s, const char *path)
{
    sino_buf b;
    sino_buf_init(&b);
    if (read_pattern_file(s, path, &b) < 0) {
        sino_buf_free(&b);
        return -1;
    }
    size_t i = 0;
    while (i < b.len) {
        const char *nl = memchr(b.data + i, '\n', b.len - i);
        size_t e = nl ? (size_t)(nl - b.data) : b.len;
        char *g = strndup(b.data + i, e - i);
        if (!g || push(&s->files, g) < 0 || push(&s->owned, g) < 0) {
            free(g);
            sino_buf_free(&b);
            sino_cli_error(&s->cli, NULL, "out of memory");
            return -1;
        }
        i = e + 1;
    }
    sino_buf_free(&b);
    return 0;
}

/* Search one open descriptor. Returns 0, or 2 after an output error. */
static int search_fd(struct state *s, int fd, const char *name)
{
    /* grep's rule: only output that repeats input lines could feed on itself */
    if (!s->o.quiet && !s->o.list && !s->o.count && s->o.max_count != 1 &&
        sino_cli_is_output(&s->cli, fd)) {
        if (!s->no_messages) sino_cli_error(&s->cli, name, "input file is also the output");
        s->cli.status = 2;
        return 0;
    }
    sino_grep_result res;
    res.printed = s->printed;
    sino_error err;
    sino_error_clear(&err);
    int st = sino_grep_fd(s->m, &s->o, fd, name, s->cli.out, &res, &err);
    if (st == SINO_ERR_EPIPE || st == SINO_ERR_WRITE) {
        sino_cli_output_failed(&s->cli, &err);
        return 2;
    }
    if (st != SINO_OK) {
        if (!s->no_messages) sino_cli_report(&s->cli, name, &err);
        else s->cli.status = 2;
    }
    if (res.binary) {
        sino_error ferr;
        sino_error_clear(&ferr);
        if (sino_writer_flush(s->cli.out, &ferr) != SINO_OK) {
            sino_cli_output_failed(&s->cli, &ferr);
            return 2;
        }
        sino_cli_warn(&s->cli, name, "binary file matches");
    }
    s->printed = res.printed;
    if (res.matches > 0) s->any_selected = 1;
    if (s->o.quiet && res.matches > 0) s->stop = 1;
    return 0;
}

static int search_path(struct state *s, const char *path, int top);
static int search_dir_entries(struct state *s, const char *path);

/* Whether the directory sb is already being searched (a loop through
 * symbolic links with -R, or a bind mount): grep warns and goes on. */
static int dir_loop(struct state *s, const struct stat *sb)
{
    for (size_t i = 0; i < s->ndirs; i++)
        if (s->dirs[i].dev == sb->st_dev && s->dirs[i].ino == sb->st_ino) return 1;
    return 0;
}

static int search_dir(struct state *s, const char *path, const struct stat *sb)
{
    if (dir_loop(s, sb)) {
        if (!s->no_messages) sino_cli_warn(&s->cli, path, "warning: recursive directory loop");
        return 0;
    }
    if (SINO_GROW(s->dirs, s->capdirs, s->ndirs + 1)) {
        sino_cli_error(&s->cli, NULL, "out of memory");
        return 2;
    }
    s->dirs[s->ndirs].dev = sb->st_dev;
    s->dirs[s->ndirs].ino = sb->st_ino;
    s->ndirs++;
    int rc = search_dir_entries(s, path);
    s->ndirs--;
    return rc;
}

static int search_dir_entries(struct state *s, const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        if (!s->no_messages) sino_cli_error(&s->cli, path, "%s", strerror(errno));
        else s->cli.status = 2;
        return 0;
    }
    struct globs names = {0};
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *n = strdup(e->d_name);
        if (!n || push(&names, n) < 0) {
            free(n);
            sino_cli_error(&s->cli, NULL, "out of memory");
            rc = 2;
            break;
        }
    }
    closedir(d);
    /* in the order the directory lists them, as grep (fts) searches them */
    size_t plen = strlen(path);
    for (size_t i = 0; i < names.n && rc == 0 && !s->stop; i++) {
        size_t len = plen + strlen(names.v[i]) + 2;
        char *child = malloc(len);
        if (!child) {
            sino_cli_error(&s->cli, NULL, "out of memory");
            rc = 2;
            break;
        }
        if (s->implicit_dot && !strcmp(path, "."))   /* like grep -r: no "./" */
            snprintf(child, len, "%s", names.v[i]);
        else if (plen && path[plen - 1] == '/') snprintf(child, len, "%s%s", path, names.v[i]);
        else snprintf(child, len, "%s/%s", path, names.v[i]);
        rc = search_path(s, child, 0);
        free(child);
    }
    for (size_t i = 0; i < names.n; i++) free(names.v[i]);
    free(names.v);
    free(names.include);
    return rc;
}

/* A directory operand without -r: grep reads it as a file, which fails
 * ("Is a directory"), and reports it as one with no selected line (-c
 * prints 0, -L its name). */
static int read_directory(struct state *s, const char *path)
{
    if (!s->no_messages) sino_cli_error(&s->cli, path, "Is a directory");
    else s->cli.status = 2;
    sino_grep_result res;
    res.printed = s->printed;
    sino_error err;
    sino_error_clear(&err);
    int st = sino_grep_mem(s->m, &s->o, "", 0, path, s->cli.out, &res, &err);
    if (st == SINO_ERR_EPIPE || st == SINO_ERR_WRITE) {
        sino_cli_output_failed(&s->cli, &err);
        return 2;
    }
    return 0;
}

static int search_path(struct state *s, const char *path, int top)
{
    if (!strcmp(path, "-") && top)
        return search_fd(s, STDIN_FILENO, s->label ? s->label : "(standard input)");
    struct stat sb;
    int follow = top || s->recursive == 2;
    if ((follow ? stat(path, &sb) : lstat(path, &sb)) != 0) {
        /* inside a tree grep filters a name before it looks at the file */
        if (!top && filtered_out(&s->files, path, top)) return 0;
        if (!s->no_messages) sino_cli_error(&s->cli, path, "%s", strerror(errno));
        else s->cli.status = 2;
        return 0;
    }
    if (S_ISLNK(sb.st_mode)) return 0;   /* -r does not follow links inside trees */
    if (S_ISDIR(sb.st_mode)) {
        /* --exclude-dir applies to command-line directories too (not to
         * the "." that -r searches by default) */
        if (!(top && s->implicit_dot) && filtered_out(&s->exclude_dir, path, top)) return 0;
        if (s->skip_dirs && !s->recursive) return 0;
        if (!s->recursive) return read_directory(s, path);
        if (s->name_in_dirs) s->o.with_name = 1;
        return search_dir(s, path, &sb);
    }
    if (filtered_out(&s->files, path, top)) return 0;
    if (!S_ISREG(sb.st_mode) && (!top || s->skip_devices)) return 0;   /* devices, fifos */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (!s->no_messages) sino_cli_error(&s->cli, path, "%s", strerror(errno));
        else s->cli.status = 2;
        return 0;
    }
    int rc = search_fd(s, fd, path);
    close(fd);
    return rc;
}

/* The values grep takes for --color=WHEN. */
static int color_word(const char *w)
{
    static const char *const words[] = {"always", "yes", "force", "never", "no", "none",
                                        "auto", "tty", "if-tty"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(w, words[i])) return 1;
    return 0;
}

int main(int argc, char **argv)
{
    struct state s;
    memset(&s, 0, sizeof s);
    if (sino_cli_init(&s.cli, "sgrep", usage) != 0) return 2;
    int rc = 2;
    sino_dict *variants = NULL;
    sino_grep_colors colors;
    memset(&colors, 0, sizeof colors);
    sino_seg *seg = NULL;
    s.o.max_count = -1;
    s.o.with_name = -1;
    int flags = 0;
    long long before = -1, after = -1, ctx = -1;
    struct globs pats = {0};   /* -e arguments */
    struct globs pfiles = {0}; /* -f arguments */
    sino_buf keys;             /* all the patterns, each ended by a newline */
    const char *legacy_color = NULL;   /* GREP_COLOR, when it still counts */
    sino_buf_init(&keys);
    int pattern_given = 0;
    int line_buffered = 0;
    int max_negative = 0;  /* -m with a negative number (no limit) */
    int show_help = 0;     /* a bad --color value: the help, as grep */
    int words = 0;
    int deref = 0;             /* -R given */
    int matcher = 0;       /* 'G', 'E', 'F' or 'P' once chosen */
    long long digits = -1; /* -NUM being read */
    int digits_ind = -1;   /* the argument -NUM is read from */
    int c;
    int prev_ind = optind;
    while ((c = getopt_long(argc, argv, "0123456789e:f:EFGPixywclLoqsvnHhA:B:C:m:ZrRaIUuVd:D:bTz",
                            longopts, NULL)) != -1) {
        long long v;
        if (c >= '0' && c <= '9') {
            /* -NUM: digits in one argument make one number (-12), a new
             * argument starts a new one */
            if (digits_ind != prev_ind || digits < 0) digits = 0;
            if (digits > (LLONG_MAX - 9) / 10) digits = LLONG_MAX;
            else digits = digits * 10 + (c - '0');
            digits_ind = prev_ind;
            ctx = digits;
            prev_ind = optind;
            continue;
        }
        prev_ind = optind;
        if (c == 'E' || c == 'F' || c == 'G' || c == 'P') {
            if (matcher && matcher != c) {
                sino_cli_error(&s.cli, NULL, "conflicting matchers specified");
                rc = 2;
                goto out;
            }
            matcher = c;
            continue;
        }
        switch (c) {
        case 'e':
            if (push(&pats, optarg) < 0) goto nomem;
            pattern_given = 1;
            break;
        case 'f':
            if (push(&pfiles, optarg) < 0) goto nomem;
            pattern_given = 1;
            break;
        case OPT_EXACT: flags |= SINO_MATCH_EXACT; break;
        case 'i': case 'y': flags |= SINO_MATCH_ICASE; break;
        case 'U': break;   /* binary mode: no effect on POSIX systems */
        case 'u':
            sino_cli_warn(&s.cli, NULL, "warning: --unix-byte-offsets (-u) is obsolete");
            break;
        case 'V': rc = sino_cli_common_option(&s.cli, SINO_OPT_VERSION, NULL); goto out;
        case 'd':
            /* the last of -d, -r, -R says what directories are; -R's
             * following of links stays (grep) */
            if (!strcmp(optarg, "recurse")) { s.recursive = deref ? 2 : 1; s.skip_dirs = 0; }
            else if (!strcmp(optarg, "skip")) { s.skip_dirs = 1; s.recursive = 0; }
            else if (!strcmp(optarg, "read")) { s.skip_dirs = 0; s.recursive = 0; }
            else {
                sino_cli_error(&s.cli, NULL, "invalid argument '%s' for '--directories'", optarg);
                sino_cli_usage_error(&s.cli);
                rc = 1;   /* grep's status here (its argmatch failure) */
                goto out;
            }
            break;
        case 'D':
            if (!strcmp(optarg, "skip")) s.skip_devices = 1;
            else if (!strcmp(optarg, "read")) s.skip_devices = 0;
            else {
                sino_cli_error(&s.cli, NULL, "unknown devices method");
                rc = 2;
                goto out;
            }
            break;
        case OPT_BINARY_FILES:
            if (!strcmp(optarg, "text")) { s.o.text = 1; s.o.binary_skip = 0; }
            else if (!strcmp(optarg, "without-match")) { s.o.text = 0; s.o.binary_skip = 1; }
            else if (!strcmp(optarg, "binary")) { s.o.text = 0; s.o.binary_skip = 0; }
            else {
                sino_cli_error(&s.cli, NULL, "unknown binary-files type");
                rc = 2;
                goto out;
            }
            break;
        case OPT_GROUP_SEP: s.o.group_separator = optarg; s.o.no_group_separator = 0; break;
        case OPT_NO_GROUP_SEP: s.o.no_group_separator = 1; break;
        case OPT_EXCLUDE_FROM:
            if (read_globs(&s, optarg) < 0) { rc = 2; goto out; }
            break;
        case OPT_NO_ICASE: flags &= ~SINO_MATCH_ICASE; break;
        case 'x': flags |= SINO_MATCH_LINE; break;
        case 'w': words = 1; break;
        case OPT_ENCODING:
            s.o.encoding = sino_enc_canonical(optarg);
            if (!s.o.encoding) {
                sino_cli_error(&s.cli, NULL, "unknown encoding '%s'", optarg);
                { rc = sino_cli_usage_error(&s.cli); goto out; }
            }
            break;
        case 'c': s.o.count = 1; break;
        case 'l': s.o.list = 1; break;
        case 'L': s.o.list = -1; break;
        case 'o': s.o.only = 1; break;
        case 'q': s.o.quiet = 1; break;
        case 's': s.no_messages = 1; break;
        case 'v': s.o.invert = 1; break;
        case 'n': s.o.line_number = 1; break;
        case 'H': s.o.with_name = 1; break;
        case 'h': s.o.with_name = 0; break;
        case OPT_LABEL: s.label = optarg; break;
        case 'A': case 'B': case 'C': case 'm':
            if (parse_num(&s.cli, optarg, c == 'm' ? "max count" : "context length", &v) < 0)
                { rc = sino_cli_usage_error(&s.cli); goto out; }
            if (c == 'A') after = v;
            else if (c == 'B') before = v;
            else if (c == 'C') ctx = v;
            else {
                s.o.max_count = v;
                max_negative = v < 0;
            }
            break;
        case 'Z': s.o.null_name = 1; break;
        case 'b': s.o.byte_offset = 1; break;
        case 'T': s.o.initial_tab = 1; break;
        case 'z': s.o.null_data = 1; break;
        case OPT_SENTENCE: s.o.sentence = 1; break;
        case OPT_JSON: s.o.json = 1; break;
        case OPT_LINE_BUFFERED: line_buffered = 1; break;
        case 'r': s.recursive = deref ? 2 : 1; s.skip_dirs = 0; break;
        case 'R': s.recursive = 2; deref = 1; s.skip_dirs = 0; break;
        case OPT_INCLUDE: if (push_glob(&s.files, optarg, 1) < 0) goto nomem; break;
        case OPT_EXCLUDE: if (push(&s.files, optarg) < 0) goto nomem; break;
        case OPT_EXCLUDE_DIR: {
            /* grep drops the trailing slashes of the glob ("dir/" is "dir") */
            size_t n = strlen(optarg);
            while (n > 1 && optarg[n - 1] == '/') optarg[--n] = 0;
            if (push(&s.exclude_dir, optarg) < 0) goto nomem;
            break;
        }
        case 'a': s.o.text = 1; s.o.binary_skip = 0; break;
        case 'I': s.o.binary_skip = 1; s.o.text = 0; break;
        case SINO_OPT_COLOR:
            if (!optarg) {   /* grep: --color alone means auto */
                s.cli.color_mode = SINO_COLOR_AUTO;
                break;
            }
            if (!color_word(optarg)) {   /* grep then prints its help, status 0 */
                show_help = 1;
                break;
            }
            {
                int st = sino_cli_common_option(&s.cli, c, optarg);
                if (st != SINO_CLI_CONTINUE) { rc = st; goto out; }
            }
            break;
        case '?': { rc = sino_cli_usage_error(&s.cli); goto out; }
        default: {
            int st = sino_cli_common_option(&s.cli, c, optarg);
            if (st != SINO_CLI_CONTINUE) { rc = st; goto out; }
        }
        }
    }
    /* grep reads -f files while it parses the options: a missing one is
     * an error before the help, and before -m 0 ends the run */
    if (show_help || (s.o.max_count == 0 && s.o.list >= 0)) {
        for (size_t i = 0; i < pfiles.n; i++) {
            sino_buf b;
            sino_buf_init(&b);
            int bad = read_pattern_file(&s, pfiles.v[i], &b) < 0;
            sino_buf_free(&b);
            if (bad) { rc = 2; goto out; }
        }
        /* -m 0: grep stops before it compiles the patterns */
        rc = show_help ? sino_cli_common_option(&s.cli, SINO_OPT_HELP, NULL) : 1;
        goto out;
    }
    if (matcher == 'E') flags |= SINO_MATCH_REGEX;
    else if (matcher == 'F') flags |= SINO_MATCH_FIXED;
    else if (matcher == 'P') flags |= SINO_MATCH_PERL;
    else flags |= SINO_MATCH_REGEX | SINO_MATCH_BASIC;
    if (!pattern_given) {
        if (optind >= argc) {
            fprintf(stderr, "Usage: sgrep [OPTION]... PATTERN [FILE]...\n");
            { rc = sino_cli_usage_error(&s.cli); goto out; }
        }
        if (push(&pats, argv[optind++]) < 0) goto nomem;
    }
    if (s.o.list) s.o.count = 0;               /* grep: -l/-L win over -c */
    if (s.o.quiet) s.o.count = s.o.list = 0;   /* and -q over both */
    if (ctx >= 0) {
        if (before < 0) before = ctx;
        if (after < 0) after = ctx;
    }
    if (before > 1000000) before = 1000000;
    if (after > 1000000) after = 1000000;
    s.o.before = before > 0 ? (int)before : 0;
    s.o.after = after > 0 ? (int)after : 0;
    s.o.context_set = before >= 0 || after >= 0;
    if (s.o.json) s.o.before = s.o.after = s.o.context_set = 0;
    if (s.o.invert && (s.o.only || s.o.sentence)) {   /* nothing to show, as grep -v -o */
        s.o.only = 1;
        s.o.sentence = 0;
    }
    s.o.color = !s.o.json && sino_cli_use_color(&s.cli, STDOUT_FILENO);
    sino_grep_colors_init(&colors);
    if (s.o.color) {
        legacy_color = sino_grep_colors_parse(&colors, getenv("GREP_COLORS"),
                                              getenv("GREP_COLOR"));
        s.o.colors = &colors;
    }
    if (line_buffered) sino_writer_set_line_buffered(s.cli.out, 1);

    /* every pattern, each ended by a newline, as grep takes them: two or
     * more that use no operator are fixed strings */
    for (size_t i = 0; i < pats.n; i++) {
        size_t n = strlen(pats.v[i]);
        if (sino_buf_append(&keys, pats.v[i], n) != SINO_OK ||
            sino_buf_append(&keys, "\n", 1) != SINO_OK)
            goto nomem;
    }
    for (size_t i = 0; i < pfiles.n; i++) {
        size_t at = keys.len;
        if (read_pattern_file(&s, pfiles.v[i], &keys) < 0) { rc = 2; goto out; }
        if (keys.len > at && keys.data[keys.len - 1] != '\n' &&
            sino_buf_append(&keys, "\n", 1) != SINO_OK)
            goto nomem;
    }
    if (keys.len && sino_match_fixed_keys(keys.data, &keys.len, flags))
        flags = (flags & ~(SINO_MATCH_REGEX | SINO_MATCH_BASIC)) | SINO_MATCH_FIXED;

    if (!(flags & SINO_MATCH_EXACT)) {
        sino_error err;
        sino_error_clear(&err);
        variants = sino_data_open_dict(SINO_MATCH_VARIANTS_FILE, SINO_MATCH_VARIANTS_KIND, &err);
        if (!variants) {
            sino_cli_report(&s.cli, NULL, &err);
            { rc = 2; goto out; }
        }
    }
    if (words && (flags & SINO_MATCH_PERL)) flags |= SINO_MATCH_WORD;   /* grep's wrapper */
    if (s.o.null_data) flags |= SINO_MATCH_NUL_LINES;
    sino_error err;
    sino_error_clear(&err);
    s.m = sino_matcher_new(variants, flags, &err);
    if (!s.m) goto nomem;
    if (words) {
        seg = sino_seg_open(&err);
        if (!seg) {
            sino_cli_report(&s.cli, NULL, &err);
            { rc = 2; goto out; }
        }
        sino_matcher_set_words(s.m, seg);
    }
    if (!s.o.encoding) s.o.detect = 1;   /* statistics opened when a file needs them */
    if (keys.len && add_patterns(&s, keys.data, keys.len) < 0) { rc = 2; goto out; }

    {   /* grep's warnings about the patterns ("* at start of expression") */
        const char *warn[16];
        size_t nw = sino_matcher_warnings(s.m, warn, 16);
        for (size_t i = 0; i < nw && i < 16; i++) sino_cli_warn(&s.cli, NULL, "warning: %s", warn[i]);
    }
    /* grep quits without reading when nothing can be selected: -m 0, no
     * pattern (-f /dev/null), or -v with only empty patterns */
    if ((s.o.max_count == 0 || (s.npatterns == 0 && !s.o.invert) ||
         (s.nonempty_patterns == 0 && !words && !(flags & SINO_MATCH_LINE) && s.o.invert &&
          s.npatterns > 0)) &&
        s.o.list >= 0) {
        rc = 1;
        goto out;
    }
    if (legacy_color)   /* (grep warns only when it goes on to read) */
        sino_cli_warn(&s.cli, NULL, "warning: GREP_COLOR='%s' is deprecated; use GREP_COLORS='mt=%s'",
                      legacy_color, legacy_color);
    /* GNU grep 3.8 selects nothing with -v and a negative -m, yet reads the
     * files (-c prints 0, -L lists them) */
    if (s.o.invert && max_negative) s.o.max_count = 0;
    int nfiles = argc - optind;
    char **files = argv + optind;
    static char *dot[] = {"."}, *dash[] = {"-"};
    if (nfiles == 0) {
        files = s.recursive ? dot : dash;
        nfiles = 1;
        s.implicit_dot = s.recursive != 0;
        if (s.recursive && s.o.with_name < 0) s.o.with_name = 1;
    }
    if (s.o.with_name < 0) {
        /* as grep: names with two or more operands, or for the files -r
         * finds inside a directory */
        s.name_in_dirs = nfiles == 1 && s.recursive;
        s.o.with_name = nfiles > 1;
    }
    for (int i = 0; i < nfiles && !s.stop; i++) {
        if (search_path(&s, files[i], 1) != 0) break;
    }
    int status = sino_cli_finish(&s.cli);
    if (s.o.quiet && s.any_selected) rc = 0;
    else if (status == 2) rc = 2;
    else rc = s.any_selected ? 0 : 1;
    goto out;
nomem:
    sino_cli_error(&s.cli, NULL, "out of memory");
    rc = 2;
out:
    if (s.cli.out) {
        sino_error ferr;
        sino_error_clear(&ferr);
        sino_writer_close(s.cli.out, &ferr);
    }
    sino_matcher_free(s.m);
    sino_dict_close(variants);
    sino_seg_close(seg);
    free(pats.v);
    free(pfiles.v);
    sino_buf_free(&keys);
    free(s.files.v);
    free(s.files.include);
    free(s.exclude_dir.v);
    free(s.exclude_dir.include);
    free(pats.include);
    free(pfiles.include);
    free(s.owned.include);
    for (size_t i = 0; i < s.owned.n; i++) free(s.owned.v[i]);
    free(s.owned.v);
    free(s.dirs);
    sino_grep_colors_free(&colors);
    return rc;
}
