/* sconv - convert Chinese text to UTF-8 (encodings, scripts, normalisation). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sino.h"

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
    "                        hk2s t2tw tw2t t2hk hk2t t2jp jp2t (.json accepted)\n"
    "      --user-dict=FILE  extra phrases (SOURCE<TAB>TARGET) that take priority\n"
    "      --word-aware      phrase matches respect the word boundaries of the\n"
    "                        segmenter (sseg's dictionary): fixes OpenCC's matches\n"
    "                        across words, as in 胚胎发育 -> 胚胎髮育\n"
    "      --nfc             normalise to Unicode NFC\n"
    "      --nfkc            normalise to Unicode NFKC\n"
    "      --width=half      full-width ASCII letters, digits and symbols to\n"
    "                        half-width (CJK punctuation stays full-width)\n"
    "      --width=full      half-width punctuation in Chinese text to full-width\n"
    "      --strict          stop with exit status 2 at the first invalid or\n"
    "                        unmappable byte\n"
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
};

struct sconv {
    sino_cli *cli;
    const char *from, *to;
    int detect, verbose, strict;
    int norm_flags;
    sino_conv *conv;
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

static void report_bad(struct sconv *s, const char *name, const char *enc,
                       uint64_t count, uint64_t first)
{
    if (!count) return;
    sino_cli_warn(s->cli, name,
                  "%llu invalid %s sequence%s replaced by U+FFFD (first at byte offset %llu)",
                  (unsigned long long)count, enc, count == 1 ? "" : "s",
                  (unsigned long long)first);
}

#define DETECT_BYTES 4096
#define DETECT_MAX (64u << 10)

/* Where the detection sample that starts at p[from] ends: after the first
 * line end at least DETECT_BYTES bytes on, or DETECT_MAX bytes on; 0 when
 * p[0..n) does not reach that far (the same sample however the input was
 * cut into records). */
static size_t sample_end(const char *p, size_t n, size_t from)
{
    size_t at = from + DETECT_BYTES - 1, cap = from + DETECT_MAX;
    if (at >= n) return 0;
    const char *nl = memchr(p + at, '\n', (n < cap ? n : cap) - at);
    if (nl) return (size_t)(nl - p) + 1;
    return n >= cap ? cap : 0;
}

/* Append a record's bytes (blocks: newlines included) to b. */
static int take(sino_buf *b, const sino_record *rec, size_t from, sino_error *err)
{
    if (sino_buf_append(b, rec->data + from, rec->len - from) != SINO_OK)
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    return SINO_OK;
}

/* One input. Returns SINO_OK, an input error (reported by the caller), or an
 * output error. */
static int process(struct sconv *s, sino_reader *r, const char *name, sino_error *err)
{
    sino_record rec;
    int got = 1;
    sino_buf head;   /* raw bytes read before the encoding is known */
    sino_buf_init(&head);
    const char *enc = s->from;
    sino_enc_result det = {SINO_ENC_UTF8, 1.0, 0};
    int eof = 0, st = SINO_OK;
    if (!enc || s->detect) {
        while (!sample_end(head.data, head.len, 0) && (got = sino_reader_next(r, &rec, err)) > 0)
            if ((st = take(&head, &rec, 0, err)) != SINO_OK) goto early;
        if (got < 0) {
            st = got;
            goto early;
        }
        eof = got == 0;
        size_t end = sample_end(head.data, head.len, 0);
        sino_detect_encoding((const unsigned char *)head.data, end ? end : head.len, s->stats,
                             &det);
        enc = det.name;
        if (s->detect && !strcmp(enc, SINO_ENC_ASCII) && !eof) {
            /* ASCII so far: read on (in bounded pieces) to the first
             * non-ASCII byte, and let it and what follows decide */
            size_t skip = 0;   /* the head may go on past the sample */
            while (skip < head.len && (unsigned char)head.data[skip] < 0x80) skip++;
            memmove(head.data, head.data + skip, head.len - skip);
            head.len -= skip;
            while (!sample_end(head.data, head.len, 0) &&
                   (got = sino_reader_next(r, &rec, err)) > 0) {
                size_t i = 0;
                while (i < rec.len && (unsigned char)rec.data[i] < 0x80) i++;
                if (i == rec.len && head.len == 0) continue;
                if ((st = take(&head, &rec, head.len ? 0 : i, err)) != SINO_OK) goto early;
            }
            if (got < 0) {
                st = got;
                goto early;
            }
            if (head.len) {
                size_t end2 = sample_end(head.data, head.len, 0);
                sino_detect_encoding((const unsigned char *)head.data, end2 ? end2 : head.len,
                                     s->stats, &det);
                enc = det.name;
            }
        }
        if (s->detect) {
            if (s->verbose)
                st = sino_writer_printf(s->cli->out, err, "%s: %s (confidence %.2f)\n",
                                        name, enc, det.confidence);
            else
                st = sino_writer_printf(s->cli->out, err, "%s: %s\n", name, enc);
            goto early;
        }
    }
    const char *canon = sino_enc_canonical(enc);
    int utf8 = canon && (!strcmp(canon, SINO_ENC_UTF8) || !strcmp(canon, SINO_ENC_ASCII));
    sino_decoder *dec = NULL;
    sino_conv_stream *cs = NULL;
    if (!utf8) sino_reader_set_utf8_policy(r, SINO_UTF8_BINARY);
    if (!utf8 && !(dec = sino_decoder_open(enc, s->strict, err))) {
        sino_buf_free(&head);
        return err->code;
    }
    if (s->conv && !(cs = sino_conv_stream_new(s->conv, 0, err))) {
        sino_decoder_close(dec);
        sino_buf_free(&head);
        return err->code;
    }
    uint64_t bad = 0, first_bad = 0, offset = 0;
    /* raw: input bytes not yet passed on (the detection head, an incomplete
     * character, or text held back until detection can decide); a record is
     * used in place when nothing is pending */
    sino_buf *raw = &head;
    int fresh = raw->len > 0;    /* raw holds the head, not yet looked at */
    uint64_t seen_invalid = 0;   /* the reader's count at the last check */
    int ascii_so_far = utf8 && !strcmp(enc, SINO_ENC_ASCII);
    int held = 0;   /* raw starts with an incomplete character kept back */
    for (;;) {
        const char *p;
        size_t n;
        if (fresh) {
            fresh = 0;
        } else if (!eof) {
            got = sino_reader_next(r, &rec, err);
            if (got < 0) {
                st = got;
                goto out;
            }
            if (got == 0) eof = 1;
            else if (raw->len && (st = take(raw, &rec, 0, err)) != SINO_OK) goto out;
        } else {
            break;
        }
        int in_raw = raw->len > 0 || got == 0;
        if (in_raw) {
            p = raw->data ? raw->data : "";
            n = raw->len;
        } else {
            p = rec.data;
            n = rec.len;
        }
        size_t keep = 0;
        if (!dec && ascii_so_far && !s->from) {
            /* Detected as ASCII from its start: the first non-ASCII byte
             * decides (all the text before it reads the same in every
             * candidate encoding). */
            size_t i = 0;
            while (i < n && (unsigned char)p[i] < 0x80) i++;
            if (i < n) {
                size_t end = sample_end(p, n, i);
                if (!end && !eof) {
                    /* read on until the sample is complete */
                    if (!in_raw && (st = take(raw, &rec, 0, err)) != SINO_OK) goto out;
                    continue;
                }
                ascii_so_far = 0;
                size_t from = i > 64 ? i - 64 : 0;
                sino_enc_result again;
                sino_detect_encoding((const unsigned char *)p + from, (end ? end : n) - from,
                                     s->stats, &again);
                if (strcmp(again.name, SINO_ENC_UTF8) && strcmp(again.name, SINO_ENC_ASCII)) {
                    if (!(dec = sino_decoder_open(again.name, s->strict, err))) {
                        st = err->code;
                        goto out;
                    }
                    sino_reader_set_utf8_policy(r, SINO_UTF8_BINARY);
                }
            }
        }
        const char *in = p;   /* the input bytes of this round */
        size_t in_n = n;
        if (dec) {
            sino_buf_clear(&s->a);
            if ((st = sino_decoder_feed(dec, p, n, eof, &s->a, err)) != SINO_OK) goto out;
            p = s->a.data;
            n = s->a.len;
        } else {
            if (offset == 0 && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
                /* a UTF-8 byte order mark is dropped */
                in = p += 3;
                in_n = n -= 3;
                offset = 3;
            }
            /* an incomplete character at the end waits for the next round */
            keep = eof ? 0 : sino_utf8_incomplete_tail((const unsigned char *)p, n);
            /* The reader validates (and counts) as it reads: only a round
             * in which it saw something invalid needs a closer look. */
            uint64_t now_invalid = sino_reader_invalid_count(r);
            size_t vp = now_invalid == seen_invalid && keep == 0 && !held
                            ? n
                            : sino_utf8_valid_prefix((const unsigned char *)p, n - keep);
            seen_invalid = now_invalid;
            if (vp != n - keep) {
                if (s->strict) {
                    err->offset = offset + vp;
                    st = sino_fail(err, SINO_ERR_UTF8, "invalid UTF-8 at byte offset %llu",
                                   (unsigned long long)(offset + vp));
                    goto out;
                }
                sino_buf_clear(&s->a);
                uint64_t fb = 0;
                long k = sino_utf8_repair((const unsigned char *)p, n - keep, &s->a, &fb);
                if (k < 0) {
                    st = sino_fail(err, SINO_ERR_NOMEM, "out of memory");
                    goto out;
                }
                if (bad == 0) first_bad = offset + fb;
                bad += (uint64_t)k;
                p = s->a.data;
                n = s->a.len + keep;   /* keep is subtracted below */
            }
            offset += in_n - keep;
        }
        if ((st = emit(s, cs, p, n - keep, eof, err)) != SINO_OK) goto out;
        held = keep > 0;
        if (keep) {
            const char *tail = in + in_n - keep;
            if (in_raw) {
                memmove(raw->data, tail, keep);
                raw->len = keep;
            } else {
                sino_buf_clear(raw);
                if (sino_buf_append(raw, tail, keep) != SINO_OK) {
                    st = sino_fail(err, SINO_ERR_NOMEM, "out of memory");
                    goto out;
                }
            }
        } else {
            raw->len = 0;
        }
        if (eof) break;
    }
out:
    if (st == SINO_OK) {
        if (dec)
            report_bad(s, name, sino_decoder_encoding(dec), sino_decoder_invalid_count(dec),
                       sino_decoder_first_invalid(dec));
        else
            report_bad(s, name, "UTF-8", bad, first_bad);
    }
    sino_conv_stream_free(cs);
    sino_decoder_close(dec);
    sino_buf_free(&head);
    return st;
early:
    sino_buf_free(&head);
    return st;
}

/* Free everything and flush standard output; returns st, or the flush's
 * status when st is 0. */
static int leave(struct sconv *s, int st)
{
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
    } else if (n_user || word_aware) {
        sino_cli_error(&cli, NULL, "%s needs -c CONFIG", n_user ? "--user-dict" : "--word-aware");
        return leave(&s, sino_cli_usage_error(&cli));
    }
    if (!s.from || s.detect) {
        /* Without statistics detection still works, only less well. */
        s.stats = sino_enc_stats_open(&err);
        if (!s.stats) {
            sino_cli_report(&cli, NULL, &err);
            return leave(&s, 2);
        }
    }
    sino_buf_init(&s.a);
    sino_buf_init(&s.b);
    sino_buf_init(&s.c);
    sino_reader_opts ro = {SINO_READ_BLOCKS, SINO_UTF8_PASS, 0};
    int nfiles = argc - optind;
    char **files = argv + optind;
    static char *dash[] = {"-"};
    if (nfiles == 0) {
        files = dash;
        nfiles = 1;
    }
    int out_failed = 0;
    for (int i = 0; i < nfiles && !out_failed; i++) {
        sino_error_clear(&err);
        sino_reader *r = sino_reader_open(files[i], &ro, &err);
        if (!r) {
            sino_cli_report(&cli, files[i], &err);
            continue;
        }
        int st = process(&s, r, files[i], &err);
        sino_reader_close(r);
        if (st != SINO_OK && is_output_error(&err)) {
            out_failed = 1;
            sino_cli_output_failed(&cli, &err);
        } else if (st != SINO_OK) {
            sino_cli_report(&cli, files[i], &err);
        }
    }
    sino_buf_free(&s.a);
    sino_buf_free(&s.b);
    sino_buf_free(&s.c);
    if (s.enc) {
        uint64_t nb = sino_encoder_unmappable_count(s.enc);
        if (nb)
            sino_cli_warn(&cli, NULL,
                          "%llu character%s not representable in %s replaced by '?' "
                          "(first at output byte offset %llu of the UTF-8 text)",
                          (unsigned long long)nb, nb == 1 ? "" : "s", s.to,
                          (unsigned long long)sino_encoder_first_unmappable(s.enc));
    }
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
