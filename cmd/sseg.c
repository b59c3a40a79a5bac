/* sseg - split Chinese text into sentences and words (jieba-exact). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino.h"
#include "cli_int.h"

static const char usage[] =
    "Usage: sseg [OPTION]... [FILE]...\n"
    "Split Chinese text into words (token-identical to jieba 0.42.1) or sentences.\n"
    "Each input line gives one output line of tokens joined by the delimiter.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "Invalid UTF-8 is replaced by U+FFFD and reported on standard error.\n"
    "\n"
    "  -d, --delimiter=STR   put STR between tokens (default: one space)\n"
    "  -n, --no-hmm          no HMM for unknown words (jieba's HMM=False)\n"
    "  -m, --mode=MODE       default, search (jieba's cut_for_search) or full\n"
    "                        (jieba's cut_all=True: every dictionary word)\n"
    "  -a, --cut-all         the same as --mode=full\n"
    "  -u, --user-dict=FILE  add a jieba-format user dictionary (repeatable)\n"
    "  -p, --pos[=DELIM]     print word, DELIM (default /) and tag, as\n"
    "                        jieba.posseg tags (DELIM attached: -p_)\n"
    "  -q, --quiet           accepted for jieba (sseg prints no loading messages)\n"
    "      --offsets         print START<TAB>END<TAB>TOKEN lines (byte offsets\n"
    "                        in the input); whitespace tokens are left out\n"
    "      --json            print one JSON array per line\n"
    "  -s, --sentences       one sentence per output line instead of words\n"
    "  -w, --words           with --sentences: segment each sentence into words\n"
    "      --semicolon       with --sentences: also split after ； and ;\n"
    "      --no-t2s          segment Traditional characters as they are, not\n"
    "                        as their Simplified form\n"
    "      --encoding=ENC    input encoding (default auto: detected per input;\n"
    "                        utf-8, gbk, gb18030, big5, utf-16le, any iconv name)\n"
    "  -h, --help            display this help and exit\n"
    "  -V, --version         output version information and exit\n"
    "\n"
    "Exit status: 0 on success, 2 on error.\n";

enum {
    OPT_OFFSETS = SINO_OPT_FIRST_TOOL,
    OPT_JSON,
    OPT_SEMICOLON,
    OPT_NO_T2S
};

static const struct option longopts[] = {
    {"delimiter", required_argument, 0, 'd'},
    {"no-hmm", no_argument, 0, 'n'},
    {"mode", required_argument, 0, 'm'},
    {"cut-all", no_argument, 0, 'a'},
    {"quiet", no_argument, 0, 'q'},
    {"user-dict", required_argument, 0, 'u'},
    {"pos", optional_argument, 0, 'p'},
    {"offsets", no_argument, 0, OPT_OFFSETS},
    {"json", no_argument, 0, OPT_JSON},
    {"sentences", no_argument, 0, 's'},
    {"words", no_argument, 0, 'w'},
    {"semicolon", no_argument, 0, OPT_SEMICOLON},
    {"no-t2s", no_argument, 0, OPT_NO_T2S},
    SINO_CLI_ENCODING_LONGOPT,
    SINO_CLI_COMMON_LONGOPTS,
    {0, 0, 0, 0}};

#define MAX_CARRY (1u << 20)

typedef struct ctx {
    sino_seg *seg;
    unsigned seg_flags;
    unsigned sent_flags;
    const char *delim;
    size_t delim_len;
    const char *pos_delim;   /* between a word and its tag */
    size_t pos_delim_len;
    int sentences, words, pos, offsets, json;
    sino_tokens sents, toks;
    sino_tags tags;
    int line_open;   /* output line begun by an earlier chunk of the same line */
    sino_buf line;         /* plain output of print_tokens, written at once */
    sino_buf carry, tmp;   /* the unfinished tail of a chunk of an over-long line */
    uint64_t carry_off;
    size_t json_items;
    /* the record being segmented, when its bytes are not the input's
     * (decoded or repaired): offsets go through the reader's map */
    sino_reader *rd;
    const sino_record *mapped;
} ctx;

static int put(sino_cli *cli, const void *p, size_t n, sino_error *err)
{
    return sino_writer_put(cli->out, p, n, err);
}

/* Does token i continue the previous one's text (full mode, see
 * sino_tokens)? *j walks t->joined along with i. */
static int joined_at(const sino_tokens *t, size_t i, size_t *j)
{
    while (*j < t->njoined && t->joined[*j] < i) (*j)++;
    return *j < t->njoined && t->joined[*j] == i;
}

static int only_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t c;
        int l = sino_utf8_decode((const unsigned char *)p + i, n - i, &c);
        if (c < 0 || !sino_is_space((uint32_t)c)) return 0;
        i += (size_t)l;
    }
    return 1;
}

/* The input offset of text[pos]. */
static unsigned long long at(const ctx *c, const char *text, uint64_t base, size_t pos)
{
    if (c->mapped)
        return sino_reader_offset(c->rd, c->mapped, (size_t)(text - c->mapped->data) + pos);
    return base + pos;
}

/* Print the tokens of text[0..len) (one output line's worth, or a chunk of it). */
static int print_tokens(sino_cli *cli, ctx *c, const char *text, size_t len, uint64_t base,
                        const sino_tokens *t, sino_error *err)
{
    int r = SINO_OK;
    if (!c->json && !c->offsets && !c->pos) {   /* the common case: one write */
        if (t->n == 0) return SINO_OK;
        size_t need = t->n * c->delim_len + 16;   /* search mode's tokens overlap: sum them */
        for (size_t i = 0; i < t->n; i++) need += t->v[i].end - t->v[i].start;
        sino_buf_clear(&c->line);
        if (sino_buf_reserve(&c->line, need) != SINO_OK)
            return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        char *o = c->line.data;
        const char *d = c->delim;
        size_t dl = c->delim_len;
        int started = c->line_open;
        size_t jn = 0;
        for (size_t i = 0; i < t->n; i++) {
            if (started && !(t->njoined && joined_at(t, i, &jn))) {
                if (dl == 1) *o++ = *d;
                else o = (char *)memcpy(o, d, dl) + dl;
            }
            started = 1;
            size_t st = t->v[i].start, wl = t->v[i].end - st;
            /* most words are short: copy 16 bytes (the buffer has room) */
            if (wl <= 16 && st + 16 <= len) memcpy(o, text + st, 16);
            else memcpy(o, text + st, wl);
            o += wl;
        }
        c->line_open = started;
        return put(cli, c->line.data, (size_t)(o - c->line.data), err);
    }
    size_t jn = 0;
    for (size_t i = 0; i < t->n && !r; i++) {
        const char *w = text + t->v[i].start;
        size_t wl = t->v[i].end - t->v[i].start;
        /* a word in pieces: one string in plain JSON, its pieces (each with
         * its offsets) otherwise */
        int joined = t->njoined && joined_at(t, i, &jn);
        int next_joined = t->njoined && i + 1 < t->n && joined_at(t, i + 1, &jn);
        const char *tag = NULL;
        size_t tl = 0;
        if (c->pos && i < c->tags.n) {
            tag = c->tags.v[i].s;
            tl = c->tags.v[i].len;
        }
        if (c->json) {
            int plain = !c->offsets && !c->pos;
            if (c->json_items++ && !(plain && joined)) r = sino_writer_putc(cli->out, ',', err);
            if (!r && (c->offsets || c->pos)) {
                r = sino_writer_puts(cli->out, "{\"w\":", err);
                if (!r) r = sino_writer_put_json(cli->out, w, wl, 1, err);
                if (!r && c->offsets)
                    r = sino_writer_printf(cli->out, err, ",\"start\":%llu,\"end\":%llu",
                                           at(c, text, base, t->v[i].start),
                                           at(c, text, base, t->v[i].end));
                if (!r && c->pos) {
                    r = sino_writer_puts(cli->out, ",\"pos\":", err);
                    if (!r) r = sino_writer_put_json(cli->out, tag, tl, 1, err);
                }
                if (!r) r = sino_writer_putc(cli->out, '}', err);
            } else if (!r) {
                if (!joined) r = sino_writer_putc(cli->out, '"', err);
                if (!r) r = sino_writer_put_json(cli->out, w, wl, 0, err);
                if (!r && !next_joined) r = sino_writer_putc(cli->out, '"', err);
            }
            continue;
        }
        if (c->offsets) {
            if (only_space(w, wl)) continue;
            r = sino_writer_printf(cli->out, err, "%llu\t%llu\t",
                                   at(c, text, base, t->v[i].start),
                                   at(c, text, base, t->v[i].end));
            if (!r) r = put(cli, w, wl, err);
            if (!r && c->pos) r = sino_writer_putc(cli->out, '\t', err);
            if (!r && c->pos) r = put(cli, tag, tl, err);
            if (!r) r = sino_writer_putc(cli->out, '\n', err);
            continue;
        }
        if (c->line_open && !joined) r = put(cli, c->delim, c->delim_len, err);
        c->line_open = 1;
        if (!r) r = put(cli, w, wl, err);
        if (!r && c->pos) r = put(cli, c->pos_delim, c->pos_delim_len, err);
        if (!r && c->pos) r = put(cli, tag, tl, err);
    }
    return r;
}

static int begin_line(sino_cli *cli, ctx *c, sino_error *err)
{
    if (c->json && !c->line_open) {
        c->json_items = 0;
        c->line_open = 1;
        return sino_writer_putc(cli->out, '[', err);
    }
    return SINO_OK;
}

static int end_line(sino_cli *cli, ctx *c, sino_error *err)
{
    int r = SINO_OK;
    if (c->json) r = sino_writer_putc(cli->out, ']', err);
    if (!r && (!c->offsets || c->json)) r = sino_writer_putc(cli->out, '\n', err);
    if (!r && c->offsets && !c->json && c->sentences) r = sino_writer_putc(cli->out, '\n', err);
    c->line_open = 0;
    return r;
}

/* Words of text[0..n) onto the current output line. */
static int words(sino_cli *cli, ctx *c, const char *text, size_t n, uint64_t base,
                 sino_error *err)
{
    sino_tokens_clear(&c->toks);
    c->tags.n = 0;
    int r = c->pos ? sino_seg_cut_pos(c->seg, text, n, c->seg_flags, &c->toks, &c->tags, err)
                   : sino_seg_cut(c->seg, text, n, c->seg_flags, &c->toks, err);
    if (!r) r = begin_line(cli, c, err);
    if (!r) r = print_tokens(cli, c, text, n, base, &c->toks, err);
    return r;
}

static int process(sino_cli *cli, sino_reader *rd, void *vctx, sino_error *err)
{
    ctx *c = vctx;
    sino_record rec;
    int st;
    sino_buf_clear(&c->carry);
    c->rd = rd;
    sino_reader_keep_offsets(rd, c->offsets);
    while ((st = sino_reader_next(rd, &rec, err)) > 0) {
        int r = SINO_OK;
        /* an over-long line comes in chunks: cut each where the result is
         * the same as for the whole line, and carry the rest over */
        const char *data = rec.data;
        size_t len = rec.len;
        uint64_t base = rec.offset;
        if (c->carry.len) {
            if (sino_buf_append(&c->carry, rec.data, rec.len) != SINO_OK)
                return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
            data = c->carry.data;
            len = c->carry.len;
            base = c->carry_off;
        }
        c->mapped = rec.mapped && data == rec.data ? &rec : NULL;
        size_t cut = len;
        if (!c->sentences) {
            if (rec.partial) {
                cut = sino_seg_safe_cut_mode(data, len, c->seg_flags);
                if (cut == 0 || len - cut > MAX_CARRY) cut = len;
            }
            r = words(cli, c, data, cut, base, err);
            if (!r && !rec.partial) {
                if (!c->line_open) r = begin_line(cli, c, err);
                if (!r) r = end_line(cli, c, err);
            }
        } else {
            sino_tokens_clear(&c->sents);
            r = sino_sent_split(data, len, c->sent_flags, &c->sents, err);
            size_t ns = c->sents.n;
            if (!r && rec.partial && ns >= 2 && len - c->sents.v[ns - 1].start <= MAX_CARRY) {
                cut = c->sents.v[ns - 1].start;
                ns--;
            }
            for (size_t i = 0; i < ns && !r; i++) {
                const char *p = data + c->sents.v[i].start;
                size_t n = c->sents.v[i].end - c->sents.v[i].start;
                if (c->words || c->offsets || c->json || c->pos) {
                    r = words(cli, c, p, n, base + c->sents.v[i].start, err);
                } else {
                    r = put(cli, p, n, err);
                    c->line_open = 1;
                }
                if (!r && (i + 1 < ns || !rec.partial || cut < len)) r = end_line(cli, c, err);
            }
            if (!r && ns == 0 && !rec.partial) {
                r = begin_line(cli, c, err);
                if (!r) r = end_line(cli, c, err);
            }
        }
        if (!r) {   /* keep data[cut..len) */
            sino_buf_clear(&c->tmp);
            if (cut < len && sino_buf_append(&c->tmp, data + cut, len - cut) != SINO_OK)
                return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
            sino_buf t = c->carry;
            c->carry = c->tmp;
            c->tmp = t;
            c->carry_off = base + cut;
        }
        if (r) return r;
    }
    c->mapped = NULL;
    if (st < 0) return st;
    if (c->line_open) return end_line(cli, c, err);
    return SINO_OK;
}

/* Early exit: flush and free standard output too. */
static int leave(sino_cli *cli, const char **udicts, int st)
{
    free(udicts);
    int f = sino_cli_finish(cli);
    return st ? st : f;
}

int main(int argc, char **argv)
{
    sino_cli cli;
    if (sino_cli_init(&cli, "sseg", usage) != 0) return 2;
    ctx c;
    memset(&c, 0, sizeof c);
    c.seg_flags = SINO_SEG_HMM | SINO_SEG_T2S;
    c.delim = " ";
    c.pos_delim = "/";
    const char **udicts = calloc((size_t)argc + 1, sizeof *udicts);
    size_t n_udicts = 0;
    if (!udicts) {
        sino_cli_error(&cli, NULL, "out of memory");
        return leave(&cli, NULL, 2);
    }
    int opt;
    while ((opt = getopt_long(argc, argv, "d:nm:au:p::qswhVD:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd': c.delim = optarg; break;
        case 'n': c.seg_flags &= ~(unsigned)SINO_SEG_HMM; break;
        case 'm':
            c.seg_flags &= ~(unsigned)(SINO_SEG_SEARCH | SINO_SEG_FULL);
            if (!strcmp(optarg, "search")) c.seg_flags |= SINO_SEG_SEARCH;
            else if (!strcmp(optarg, "full")) c.seg_flags |= SINO_SEG_FULL;
            else if (strcmp(optarg, "default")) {
                sino_cli_error(&cli, NULL, "invalid mode '%s' (default, search or full)", optarg);
                return leave(&cli, udicts, sino_cli_usage_error(&cli));
            }
            break;
        case 'a':
            c.seg_flags &= ~(unsigned)SINO_SEG_SEARCH;
            c.seg_flags |= SINO_SEG_FULL;
            break;
        case 'q': break;   /* jieba's: no loading messages (sseg prints none) */
        case 'D':   /* jieba's own main dictionary: ours is compiled at build time */
            sino_cli_error(&cli, NULL, "-D (a main dictionary other than jieba's) is not supported; "
                           "add or delete words with -u");
            return leave(&cli, udicts, sino_cli_usage_error(&cli));
        case 'h': opt = SINO_OPT_HELP; goto common;
        case 'V': opt = SINO_OPT_VERSION; goto common;
        case 'u': udicts[n_udicts++] = optarg; break;
        case 'p':
            c.pos = 1;
            if (optarg) c.pos_delim = optarg;
            break;
        case 's': c.sentences = 1; break;
        case 'w': c.words = 1; break;
        case OPT_OFFSETS: c.offsets = 1; break;
        case OPT_JSON: c.json = 1; break;
        case OPT_SEMICOLON: c.sent_flags |= SINO_SENT_SEMICOLON; break;
        case OPT_NO_T2S: c.seg_flags &= ~(unsigned)SINO_SEG_T2S; break;
        case '?': return leave(&cli, udicts, sino_cli_usage_error(&cli));
        default:
        common: {
            int st = sino_cli_common_option(&cli, opt, optarg);
            if (st != SINO_CLI_CONTINUE) return leave(&cli, udicts, st);
        }
        }
    }
    c.delim_len = strlen(c.delim);
    c.pos_delim_len = strlen(c.pos_delim);
    if (c.pos && (c.seg_flags & SINO_SEG_SEARCH)) {
        sino_cli_error(&cli, NULL, "--pos cannot be combined with --mode search (as in jieba)");
        return leave(&cli, udicts, sino_cli_usage_error(&cli));
    }
    if (c.pos) c.seg_flags &= ~(unsigned)SINO_SEG_FULL;   /* jieba: -a is ignored with -p */
    int need_seg = !c.sentences || c.words || c.offsets || c.json || c.pos;
    if (need_seg) {
        sino_error err;
        sino_error_clear(&err);
        c.seg = sino_seg_open(&err);
        if (!c.seg) {
            sino_cli_report(&cli, NULL, &err);
            return leave(&cli, udicts, 2);
        }
        if (c.pos && sino_seg_load_pos(c.seg, &err) != SINO_OK) {
            sino_cli_report(&cli, NULL, &err);
            sino_seg_close(c.seg);
            return leave(&cli, udicts, 2);
        }
        for (size_t i = 0; i < n_udicts; i++) {
            sino_error_clear(&err);
            if (sino_seg_add_user_dict(c.seg, udicts[i], &err) != SINO_OK) {
                sino_cli_report(&cli, udicts[i], &err);
                sino_seg_close(c.seg);
                return leave(&cli, udicts, 2);
            }
        }
    }
    free(udicts);
    sino_tokens_init(&c.sents);
    sino_tokens_init(&c.toks);
    sino_tags_init(&c.tags);
    sino_buf_init(&c.line);
    sino_buf_init(&c.carry);
    sino_buf_init(&c.tmp);
    sino_reader_opts ro = {SINO_READ_LINES, SINO_UTF8_REPLACE, 1u << 20};
    sino_cli_each_input(&cli, argc - optind, argv + optind, &ro, process, &c);
    sino_tokens_free(&c.sents);
    sino_tokens_free(&c.toks);
    sino_tags_free(&c.tags);
    sino_buf_free(&c.line);
    sino_buf_free(&c.carry);
    sino_buf_free(&c.tmp);
    sino_seg_close(c.seg);
    return sino_cli_finish(&cli);
}
