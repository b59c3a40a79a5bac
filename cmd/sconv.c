/* sconv - convert Chinese text to UTF-8 (encodings, scripts, normalisation). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino.h"
#include "cli_int.h"

static const char usage[] =
    "Usage: sconv [OPTION]... [FILE]...\n"
    "Convert Chinese text between encodings and scripts: decode any Chinese\n"
    "encoding (detected per file unless -f is given) to UTF-8, convert between\n"
    "Simplified and Traditional with OpenCC's configurations, normalise.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "Invalid or unmappable bytes become U+FFFD and are reported on standard error.\n"
    "\n"
    "  -f, --from=ENC        input encoding (utf-8, gb18030, gbk, big5, big5-hkscs,\n"
    "                        utf-16le, utf-16be, any iconv name); default: detect\n"
    "  -t, --to=ENC          output encoding (default utf-8)\n"
    "      --detect          print NAME: ENCODING for each input instead\n"
    "  -v, --verbose         with --detect, add the confidence\n"
    "  -c, --config=CONFIG   OpenCC conversion: s2t t2s s2tw tw2s s2twp tw2sp s2hk\n"
    "                        hk2s t2tw tw2t t2hk hk2t t2jp jp2t (.json accepted),\n"
    "                        or the path of an OpenCC JSON configuration file\n"
    "      --user-dict=FILE  extra phrases (SOURCE<TAB>TARGET) that take priority\n"
    "      --word-aware      phrase matches respect the word boundaries of the\n"
    "                        segmenter (sseg's dictionary): fixes OpenCC's matches\n"
    "                        across words, as in 胚胎发育 -> 胚胎髮育\n"
    "      --ambiguities     with -c: write JSON Lines instead of text, marking\n"
    "                        each span a one-to-many entry converted (records\n"
    "                        def, lit, amb and a closing end, as OpenCC's)\n"
    "      --nfc             normalise to Unicode NFC\n"
    "      --nfkc            normalise to Unicode NFKC\n"
    "      --width=half      full-width ASCII letters, digits and symbols to\n"
    "                        half-width (CJK punctuation stays full-width)\n"
    "      --width=full      half-width punctuation in Chinese text to full-width\n"
    "      --strict          stop with exit status 2 at the first invalid or\n"
    "                        unmappable byte\n"
    "      --line-buffered   flush output after every line\n"
    "      --help            display this help and exit\n"
    "      --version         output version information and exit\n"
    "\n"
    "Exit status: 0 on success, 2 on error.\n";

enum {
    OPT_DETECT = SINO_OPT_FIRST_TOOL,
    OPT_STRICT,
    OPT_USER_DICT,
    OPT_NFC,
    OPT_NFKC,
    OPT_WIDTH,
    OPT_WORD_AWARE,
    OPT_AMBIGUITIES,
};

struct sconv {
    sino_cli *cli;
    const char *from, *to;
    int detect, verbose, strict, ambiguities;
    int norm_flags;
    sino_conv *conv;
    sino_conv_stream *amb;   /* --ambiguities: one stream over all inputs */
    sino_seg *seg;
    sino_dict *stats;
    sino_encoder *enc;
    sino_buf a, b, c;     /* scratch: decoded, converted, normalised/encoded */
};

/* Push UTF-8 text through conversion, normalisation and encoding, then out. */
static int emit(struct sconv *s, sino_conv_stream *cs, const char *p, size_t n,
                int final, sino_error *err)
{
    int st;
    if (cs) {
        sino_buf_clear(&s->b);
        if ((st = sino_conv_stream_feed(cs, p, n, final, &s->b, err)) != SINO_OK) return st;
        p = s->b.data;
        n = s->b.len;
    }
    if (s->norm_flags && n && !sino_norm_unchanged(p, n, s->norm_flags)) {
        sino_buf_clear(&s->c);
        if ((st = sino_norm(p, n, s->norm_flags, &s->c, err)) != SINO_OK) return st;
        /* swap into a so that c is free for the encoder */
        sino_buf t = s->a;
        s->a = s->c;
        s->c = t;
        p = s->a.data;
        n = s->a.len;
    }
    if (s->enc && n) {
        sino_buf_clear(&s->c);
        if ((st = sino_encoder_feed(s->enc, p, n, &s->c, err)) != SINO_OK) return st;
        p = s->c.data;
        n = s->c.len;
    }
    if (!n) return SINO_OK;
    return sino_writer_put(s->cli->out, p, n, err);
}

/* One input: decoded by the reader (detected unless -f/--encoding names the
 * encoding), then converted. Returns SINO_OK, an input error (reported by
 * the caller), or an output error. */
static int process(struct sconv *s, sino_reader *r, const char *name, sino_error *err)
{
    int st;
    if (s->detect) {
        if ((st = sino_reader_detect(r, err)) != SINO_OK) return st;
        if (s->verbose)
            return sino_writer_printf(s->cli->out, err, "%s: %s (confidence %.2f)\n", name,
                                      sino_reader_encoding(r), sino_reader_confidence(r));
        return sino_writer_printf(s->cli->out, err, "%s: %s\n", name, sino_reader_encoding(r));
    }
    sino_conv_stream *cs = s->amb;
    if (s->conv && !cs && !(cs = sino_conv_stream_new(s->conv, 0, err))) return err->code;
    sino_record rec;
    int got;
    st = SINO_OK;
    while (st == SINO_OK && (got = sino_reader_next(r, &rec, err)) > 0) {
        if (!strcmp(sino_reader_encoding(r), SINO_ENC_UNKNOWN)) {
            /* never convert a guess: the user must name the encoding */
            if (cs != s->amb) sino_conv_stream_free(cs);
            return sino_fail(err, SINO_ERR_FORMAT,
                             "encoding not recognised; name it with -f ENCODING");
        }
        st = emit(s, cs, rec.data, rec.len, 0, err);
    }
    if (st == SINO_OK) st = got < 0 ? got : emit(s, cs, "", 0, 1, err);
    if (cs != s->amb) sino_conv_stream_free(cs);
    return st;
}

/* Free everything and flush standard output; returns st, or the flush's
 * status when st is 0. */
static int leave(struct sconv *s, int st)
{
    sino_conv_stream_free(s->amb);
    s->amb = NULL;
    sino_encoder_close(s->enc);
    sino_conv_close(s->conv);
    sino_seg_close(s->seg);
    sino_dict_close(s->stats);
    s->enc = NULL;
    s->conv = NULL;
    s->seg = NULL;
    s->stats = NULL;
    if (!s->cli->out) return st;
    int f = sino_cli_finish(s->cli);
    return st ? st : f;
}

/* After an input converted to another encoding (-t): its unmappable
 * characters, once, with its name; a fresh encoder for the next input so
 * that counts and offsets are per input. */
static int report_unmappable(struct sconv *s, const char *name, sino_error *err)
{
    if (!s->enc) return SINO_OK;
    uint64_t nb = sino_encoder_unmappable_count(s->enc);
    if (nb == 0) return SINO_OK;
    sino_cli_warn(s->cli, name,
                  "%llu character%s not representable in %s replaced by '?' "
                  "(first at byte offset %llu of the UTF-8 text)",
                  (unsigned long long)nb, nb == 1 ? "" : "s", s->to,
                  (unsigned long long)sino_encoder_first_unmappable(s->enc));
    sino_encoder_close(s->enc);
    s->enc = sino_encoder_open(sino_enc_canonical(s->to), s->strict, err);
    return s->enc ? SINO_OK : err->code;
}

static int is_output_error(const sino_error *err)
{
    return err->code == SINO_ERR_EPIPE || err->code == SINO_ERR_WRITE;
}

int main(int argc, char **argv)
{
    sino_cli cli;
    if (sino_cli_init(&cli, "sconv", usage) != 0) return 2;
    static const struct option longopts[] = {
        {"from", required_argument, 0, 'f'},
        {"encoding", required_argument, 0, 'f'},
        {"to", required_argument, 0, 't'},
        {"config", required_argument, 0, 'c'},
        {"verbose", no_argument, 0, 'v'},
        {"detect", no_argument, 0, OPT_DETECT},
        {"strict", no_argument, 0, OPT_STRICT},
        {"user-dict", required_argument, 0, OPT_USER_DICT},
        {"nfc", no_argument, 0, OPT_NFC},
        {"nfkc", no_argument, 0, OPT_NFKC},
        {"width", required_argument, 0, OPT_WIDTH},
        {"word-aware", no_argument, 0, OPT_WORD_AWARE},
        {"ambiguities", no_argument, 0, OPT_AMBIGUITIES},
        SINO_CLI_COMMON_LONGOPTS,
        {0, 0, 0, 0}};
    struct sconv s;
    memset(&s, 0, sizeof s);
    s.cli = &cli;
    const char *config = NULL;
    const char *user_dicts[16];
    int n_user = 0, word_aware = 0;
    int c;
    while ((c = getopt_long(argc, argv, "f:t:c:v", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': s.from = optarg; break;
        case 't': s.to = optarg; break;
        case 'c': config = optarg; break;
        case 'v': s.verbose = 1; break;
        case OPT_DETECT: s.detect = 1; break;
        case OPT_STRICT: s.strict = 1; break;
        case OPT_WORD_AWARE: word_aware = 1; break;
        case OPT_AMBIGUITIES: s.ambiguities = 1; break;
        case OPT_USER_DICT:
            if (n_user == 16) {
                sino_cli_error(&cli, NULL, "too many --user-dict options");
                return leave(&s, 2);
            }
            user_dicts[n_user++] = optarg;
            break;
        case OPT_NFC: s.norm_flags = (s.norm_flags & ~SINO_NORM_NFKC) | SINO_NORM_NFC; break;
        case OPT_NFKC: s.norm_flags = (s.norm_flags & ~SINO_NORM_NFC) | SINO_NORM_NFKC; break;
        case OPT_WIDTH:
            s.norm_flags &= ~(SINO_NORM_HALF | SINO_NORM_FULL);
            if (!strcmp(optarg, "half")) s.norm_flags |= SINO_NORM_HALF;
            else if (!strcmp(optarg, "full")) s.norm_flags |= SINO_NORM_FULL;
            else {
                sino_cli_error(&cli, NULL, "invalid --width '%s' (half or full)", optarg);
                return leave(&s, sino_cli_usage_error(&cli));
            }
            break;
        case '?': return leave(&s, sino_cli_usage_error(&cli));
        default: {
            int st = sino_cli_common_option(&cli, c, optarg);
            if (st != SINO_CLI_CONTINUE) return leave(&s, st);
        }
        }
    }
    sino_error err;
    sino_error_clear(&err);
    if (s.from && !sino_enc_canonical(s.from)) {
        sino_cli_error(&cli, NULL, "unknown input encoding '%s'", s.from);
        return leave(&s, sino_cli_usage_error(&cli));
    }
    if (s.to) {
        const char *canon = sino_enc_canonical(s.to);
        if (!canon) {
            sino_cli_error(&cli, NULL, "unknown output encoding '%s'", s.to);
            return leave(&s, sino_cli_usage_error(&cli));
        }
        if (strcmp(canon, SINO_ENC_UTF8) && !(s.enc = sino_encoder_open(canon, s.strict, &err))) {
            sino_cli_report(&cli, NULL, &err);
            return leave(&s, 2);
        }
    }
    if (config) {
        if (!(s.conv = sino_conv_open(config, &err))) {
            sino_cli_report(&cli, NULL, &err);
            return leave(&s, err.code == SINO_ERR_USAGE ? sino_cli_usage_error(&cli) : 2);
        }
        for (int i = 0; i < n_user; i++)
            if (sino_conv_add_user_dict(s.conv, user_dicts[i], &err) != SINO_OK) {
                sino_cli_report(&cli, user_dicts[i], &err);
                return leave(&s, 2);
            }
        if (word_aware) {
            if (!(s.seg = sino_seg_open(&err))) {
                sino_cli_report(&cli, NULL, &err);
                return leave(&s, 2);
            }
            sino_conv_set_segmenter(s.conv, s.seg, SINO_SEG_HMM | SINO_SEG_T2S);
        }
    } else if (n_user || word_aware || s.ambiguities) {
        sino_cli_error(&cli, NULL, "%s needs -c CONFIG",
                       n_user ? "--user-dict" : word_aware ? "--word-aware" : "--ambiguities");
        return leave(&s, sino_cli_usage_error(&cli));
    }
    if (s.ambiguities) {
        /* the records hold the converted UTF-8 text itself */
        if (s.enc || s.norm_flags || s.detect) {
            sino_cli_error(&cli, NULL, "--ambiguities cannot be combined with %s",
                           s.detect ? "--detect" : s.enc ? "-t" : "--nfc, --nfkc or --width");
            return leave(&s, sino_cli_usage_error(&cli));
        }
        if (!(s.amb = sino_conv_stream_new_ambiguities(s.conv, 0, &err))) {
            sino_cli_report(&cli, NULL, &err);
            return leave(&s, 2);
        }
    }
    sino_buf_init(&s.a);
    sino_buf_init(&s.b);
    sino_buf_init(&s.c);
    sino_reader_opts ro = {SINO_READ_BLOCKS, s.strict ? SINO_UTF8_FAIL : SINO_UTF8_REPLACE, 0};
    int nfiles = argc - optind;
    char **files = argv + optind;
    static char *dash[] = {"-"};
    if (nfiles == 0) {
        files = dash;
        nfiles = 1;
    }
    int out_failed = 0, in_failed = 0;
    for (int i = 0; i < nfiles && !out_failed; i++) {
        sino_error_clear(&err);
        sino_reader *r = sino_reader_open(files[i], &ro, &err);
        if (r && sino_reader_set_encoding(r, s.from, &err) != SINO_OK) {
            sino_reader_close(r);
            r = NULL;
        }
        if (!r) {
            sino_cli_report(&cli, files[i], &err);
            in_failed = 1;
            continue;
        }
        if (sino_cli_is_output(&cli, sino_reader_fd(r))) {
            sino_cli_error(&cli, files[i], "input file is also the output");
            sino_reader_close(r);
            in_failed = 1;
            continue;
        }
        int st = process(&s, r, files[i], &err);
        if (st != SINO_OK && is_output_error(&err)) {
            out_failed = 1;
            sino_cli_output_failed(&cli, &err);
        } else if (st != SINO_OK) {
            sino_cli_report(&cli, files[i], &err);
            in_failed = 1;
        } else if (!s.detect) {
            sino_cli_report_invalid(&cli, r);
            if (report_unmappable(&s, files[i], &err) != SINO_OK) {
                sino_cli_report(&cli, NULL, &err);
                out_failed = 1;
            }
        }
        sino_reader_close(r);
    }
    if (s.amb && !out_failed && !in_failed) {
        /* the closing record: only when all input was read */
        sino_buf_clear(&s.b);
        if (sino_conv_stream_end(s.amb, &s.b, &err) != SINO_OK ||
            sino_writer_put(cli.out, s.b.data, s.b.len, &err) != SINO_OK) {
            out_failed = 1;
            sino_cli_output_failed(&cli, &err);
        }
    }
    sino_conv_stream_free(s.amb);
    sino_buf_free(&s.a);
    sino_buf_free(&s.b);
    sino_buf_free(&s.c);
    sino_encoder_close(s.enc);
    sino_conv_close(s.conv);
    sino_seg_close(s.seg);
    sino_dict_close(s.stats);
    if (out_failed) {
        sino_writer_close(cli.out, &err);
        return 2;
    }
    return sino_cli_finish(&cli);
}
