/* Fuzz target: pattern compilation and matching. The first byte picks the
 * matcher flags; the pattern is the input up to the first newline (further
 * patterns may follow, separated by 0x01 bytes), the text is the rest.
 * sino_matcher_find runs over the text from every reported match on (each
 * match in bounds, at or after from, no longer than max_span for literal
 * patterns); a search that reaches the end without at_eof may ask for MORE.
 * sino_grep_mem then runs over the text with several option sets, output
 * to /dev/null. */
#include <fcntl.h>
#include <unistd.h>

#include "fuzz_common.h"

static const sino_dict *variants(void)
{
    static sino_dict *d;
    if (!d) {
        sino_error err;
        d = sino_data_open_dict(SINO_MATCH_VARIANTS_FILE, SINO_MATCH_VARIANTS_KIND, &err);
        if (!d) fz_setup_fail("variants", &err);
    }
    return d;
}

static sino_seg *seg(void)
{
    static sino_seg *s;
    if (!s) {
        sino_error err;
        s = sino_seg_open(&err);
        if (!s) fz_setup_fail("seg", &err);
    }
    return s;
}

static const sino_dict *stats(void)
{
    static sino_dict *d;
    if (!d) {
        sino_error err;
        d = sino_enc_stats_open(&err);
        if (!d) fz_setup_fail("enc-stats", &err);
    }
    return d;
}

static sino_writer *devnull(void)
{
    static sino_writer *w;
    if (!w) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd < 0 || !(w = sino_writer_from_fd(fd, "/dev/null"))) fz_setup_fail("/dev/null", NULL);
    }
    return w;
}

static void find_all(sino_matcher *m, int m_flags, const char *text, size_t len, int at_eof)
{
    size_t from = 0;
    sino_matcher_reset(m);
    for (int rounds = 0; rounds < 256 && from <= len; rounds++) {
        size_t ms = 0, me = 0;
        int rc = sino_matcher_find(m, text, len, from, at_eof, &ms, &me);
        FZ_CHECK(rc == SINO_MATCH_NONE || rc == SINO_MATCH_FOUND || rc == SINO_MATCH_MORE);
        if (rc == SINO_MATCH_NONE) break;
        FZ_CHECK(ms >= from && ms <= len);
        if (rc == SINO_MATCH_MORE) {
            FZ_CHECK(!at_eof);
            break;
        }
        FZ_CHECK(me >= ms && me <= len);
        if (!(m_flags & SINO_MATCH_REGEX)) FZ_CHECK(me - ms <= sino_matcher_max_span(m));
        from = me > ms ? me : ms + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t ctl = data[0];
    const char *p = (const char *)data + 1;
    size_t n = size - 1;
    const char *nl = memchr(p, '\n', n);
    size_t plen = nl ? (size_t)(nl - p) : n;
    const char *text = nl ? nl + 1 : p + n;
    size_t tlen = nl ? n - plen - 1 : 0;

    int flags = ctl & 31;
    sino_error err;
    sino_matcher *m = sino_matcher_new((ctl & 0x80) ? NULL : variants(), flags, &err);
    FZ_CHECK(m != NULL);
    if (ctl & 0x40) sino_matcher_set_words(m, seg());
    int added = 0;
    for (size_t i = 0; i <= plen;) {
        const char *e = memchr(p + i, 0x01, plen - i);
        size_t k = e ? (size_t)(e - (p + i)) : plen - i;
        if (sino_matcher_add(m, p + i, k, &err) == SINO_OK) added++;
        else FZ_CHECK(err.code == SINO_ERR_USAGE || err.code == SINO_ERR_NOMEM);
        i += k + 1;
        if (!e) break;
    }
    FZ_CHECK(sino_matcher_count(m) == (size_t)added);
    if (added) {
        find_all(m, flags, text, tlen, 1);
        find_all(m, flags, text, tlen, 0);
        /* a prefix, as a caller holding part of a long line would */
        find_all(m, flags, text, tlen / 2, 0);

        sino_grep_opts o;
        for (int set = 0; set < 4; set++) {
            memset(&o, 0, sizeof o);
            o.with_name = 0;
            o.max_count = -1;
            o.text = 1;
            switch ((set + ctl) & 3) {
            case 0: o.line_number = 1; o.before = 1; o.after = 2; o.color = 1; break;
            case 1: o.only = 1; o.json = 1; o.max_window = 64; break;
            case 2: o.invert = 1; o.sentence = 1; o.with_name = 1; o.null_name = 1; break;
            case 3: o.count = 1; o.text = 0; o.binary_skip = ctl & 1; o.max_count = 2;
                    o.detect = 1; o.enc_stats = stats(); break;
            }
            sino_grep_result res;
            memset(&res, 0, sizeof res);
            int rc = sino_grep_mem(m, &o, text, tlen, "fuzz", devnull(), &res, &err);
            FZ_CHECK(rc == SINO_OK);
        }
    }
    sino_matcher_free(m);
    return 0;
}
