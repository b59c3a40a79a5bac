/* Fuzz target: every sclean pass on its own, and the document driver. The
 * input is repaired to valid UTF-8 (sclean reads with the replace policy)
 * and cut into lines; each line pass and line predicate runs on each line,
 * should_join on each pair of neighbours, and the driver (passes chosen by
 * the first byte) over the whole document. Outputs must be valid UTF-8. */
#include "fuzz_common.h"
#include "clean_int.h"   /* sino_clean_should_join_ex (internal) */

static sino_clean_tables tables;
static sino_charlm lm;
static sino_moji *moji;
static unsigned char filter[8192];
static sino_clean *drivers[SINO_CLEAN_ALL + 1];

static void setup(void)
{
    static int done;
    if (done) return;
    done = 1;
    sino_error err;
    if (sino_clean_tables_open(&tables, SINO_CLEAN_ALL, &err) != SINO_OK)
        fz_setup_fail("clean tables", &err);
    if (sino_charlm_init(&lm, tables.charlm) != SINO_OK) fz_setup_fail("charlm", NULL);
    if (!(moji = sino_moji_new())) fz_setup_fail("moji", NULL);
    sino_clean_boiler_filter(tables.boiler, filter);
}

static sino_clean *driver(unsigned passes)
{
    if (!drivers[passes]) {
        sino_error err;
        drivers[passes] = sino_clean_new(&tables, passes, &err);
        if (!drivers[passes]) fz_setup_fail("sino_clean_new", &err);
    }
    return drivers[passes];
}

struct sink { sino_buf out; int open; };

static int on_emit(void *ctx, const char *s, size_t n, int end, sino_error *err)
{
    (void)err;
    struct sink *k = ctx;
    FZ_CHECK(fz_valid_utf8(s, n));
    if (sino_buf_append(&k->out, s, n) != SINO_OK) return SINO_ERR_NOMEM;
    k->open = !end;
    if (end && sino_buf_putc(&k->out, '\n') != SINO_OK) return SINO_ERR_NOMEM;
    return SINO_OK;
}

static void on_report(void *ctx, uint64_t line, int pass, const char *before,
                      size_t blen, const char *after, size_t alen)
{
    (void)ctx;
    (void)before;
    (void)blen;
    (void)after;
    (void)alen;
    FZ_CHECK(line >= 1);
    FZ_CHECK(sino_clean_pass_name(pass) != NULL);
}

static void line_passes(const char *s, size_t n, sino_html_state *hs, sino_buf *out)
{
    sino_error err;
    FZ_CHECK(sino_clean_pinyin(tables.readings, s, n, out) == SINO_OK);
    FZ_CHECK(fz_valid_utf8(out->data, out->len));
    FZ_CHECK(sino_clean_mojibake(moji, &lm, s, n, out, &err) == SINO_OK);
    FZ_CHECK(fz_valid_utf8(out->data, out->len));
    FZ_CHECK(sino_clean_html(hs, s, n, out) == SINO_OK);
    FZ_CHECK(fz_valid_utf8(out->data, out->len));
    FZ_CHECK(sino_clean_punct(s, n, out) == SINO_OK);
    FZ_CHECK(fz_valid_utf8(out->data, out->len));
    FZ_CHECK(sino_clean_markers(s, n, out) == SINO_OK);
    FZ_CHECK(fz_valid_utf8(out->data, out->len));
    FZ_CHECK(sino_clean_byline_close(s, n, out) == SINO_OK);
    FZ_CHECK(fz_valid_utf8(out->data, out->len));
    unsigned f1 = sino_clean_boiler_match(tables.boiler, s, n);
    unsigned f2 = sino_clean_boiler_match_f(tables.boiler, filter, s, n);
    FZ_CHECK(f1 == f2);
    sino_clean_is_page_marker(s, n);
    sino_clean_is_byline(s, n);
    sino_clean_is_headline(s, n);
    size_t chars = 0;
    sino_charlm_cost(&lm, 0, s, n, &chars);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = sino_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        FZ_CHECK(l > 0 && cp >= 0);
        sino_charlm_common(&lm, (uint32_t)cp);
        i += (size_t)l;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size < 1) return 0;
    unsigned passes = data[0] & SINO_CLEAN_ALL;
    sino_buf text, out;
    sino_buf_init(&text);
    sino_buf_init(&out);
    fz_repair(data + 1, size - 1, &text);

    sino_html_state hs = {0, 0};
    const char *prev = NULL;
    size_t prev_n = 0;
    for (size_t i = 0; i < text.len;) {
        const char *nl = memchr(text.data + i, '\n', text.len - i);
        size_t n = nl ? (size_t)(nl - (text.data + i)) : text.len - i;
        const char *s = text.data + i;
        line_passes(s, n, &hs, &out);
        if (prev) {
            sino_clean_should_join(&tables, prev, prev_n, s, n);
            sino_clean_should_join_ex(&tables, prev, prev_n, data[0] & 1, s, n, -1);
        }
        prev = s;
        prev_n = n;
        i += n + (nl ? 1 : 0);
    }

    /* the document driver; a line longer than 200 bytes goes in parts */
    sino_error err;
    sino_clean *c = driver(passes);
    struct sink k;
    sino_buf_init(&k.out);
    k.open = 0;
    sino_clean_set_report(c, on_report, NULL);
    sino_clean_begin(c, on_emit, &k);
    int rc = SINO_OK;
    for (size_t i = 0; i < text.len && rc == SINO_OK;) {
        const char *nl = memchr(text.data + i, '\n', text.len - i);
        size_t n = nl ? (size_t)(nl - (text.data + i)) : text.len - i;
        int partial = 0;
        if (n > 200) {
            n = 200;
            while (n > 0 && ((unsigned char)text.data[i + n] & 0xC0) == 0x80) n--;
            partial = 1;
            nl = NULL;
        }
        rc = sino_clean_line(c, text.data + i, n, partial, &err);
        i += n + (nl ? 1 : 0);
    }
    if (rc == SINO_OK) rc = sino_clean_end(c, &err);
    else sino_clean_end(c, &err);
    FZ_CHECK(rc == SINO_OK);
    FZ_CHECK(!k.open);
    FZ_CHECK(fz_valid_utf8(k.out.data, k.out.len));
    sino_buf_free(&k.out);
    sino_buf_free(&text);
    sino_buf_free(&out);
    return 0;
}
