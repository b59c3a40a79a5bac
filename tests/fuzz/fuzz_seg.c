/* Fuzz target: word segmentation (with and without HMM and T2S, also in
 * search mode), part-of-speech cutting, the safe cut point and sentence
 * splitting. Tokens must cover the input exactly, in order, non-empty
 * (except search mode, whose tokens overlap but stay in bounds); the safe cut
 * must really be safe: cutting there segments as the whole. */
#include "fuzz_common.h"

static sino_seg *seg_tables(void)
{
    static sino_seg *s;
    if (!s) {
        sino_error err;
        s = sino_seg_open(&err);
        if (!s) fz_setup_fail("seg", &err);
        if (sino_seg_load_pos(s, &err) != SINO_OK) fz_setup_fail("seg pos", &err);
    }
    return s;
}

static void check_cover(const sino_tokens *t, size_t base, size_t len)
{
    size_t at = 0;
    for (size_t i = base; i < t->n; i++) {
        FZ_CHECK(t->v[i].start == at);
        FZ_CHECK(t->v[i].end > t->v[i].start);
        at = t->v[i].end;
    }
    FZ_CHECK(at == len);
}

static int same_tokens(const sino_tokens *a, size_t an, const sino_tokens *b,
                       size_t bfrom, size_t shift)
{
    if (a->n != an) return 0;
    for (size_t i = 0; i < an && i < a->n; i++) {
        if (bfrom + i >= b->n) return 0;
        if (a->v[i].start != b->v[bfrom + i].start + shift ||
            a->v[i].end != b->v[bfrom + i].end + shift)
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const sino_seg *s = seg_tables();
    const char *text = (const char *)data;
    sino_error err;
    sino_tokens t, t2;
    sino_tags tags;
    sino_tokens_init(&t);
    sino_tokens_init(&t2);
    sino_tags_init(&tags);

    for (unsigned flags = 0; flags < 4; flags++) {
        t.n = 0;
        FZ_CHECK(sino_seg_cut(s, text, size, flags, &t, &err) == SINO_OK);
        check_cover(&t, 0, size);

        /* cut at the safe point: both halves segment as the whole did */
        size_t cut = sino_seg_safe_cut(text, size);
        FZ_CHECK(cut <= size);
        if (cut > 0 && cut < size && fz_valid_utf8(text, size)) {
            t2.n = 0;
            FZ_CHECK(sino_seg_cut(s, text, cut, flags, &t2, &err) == SINO_OK);
            size_t first = t2.n;
            FZ_CHECK(sino_seg_cut(s, text + cut, size - cut, flags, &t2, &err) == SINO_OK);
            for (size_t i = first; i < t2.n; i++) {
                t2.v[i].start += cut;
                t2.v[i].end += cut;
            }
            FZ_CHECK(same_tokens(&t, t.n, &t2, 0, 0));
        }

        t.n = 0;
        FZ_CHECK(sino_seg_cut(s, text, size, flags | SINO_SEG_SEARCH, &t, &err) == SINO_OK);
        for (size_t i = 0; i < t.n; i++)
            FZ_CHECK(t.v[i].start < t.v[i].end && t.v[i].end <= size);

        t.n = 0;
        tags.n = 0;
        FZ_CHECK(sino_seg_cut_pos(s, text, size, flags, &t, &tags, &err) == SINO_OK);
        check_cover(&t, 0, size);
        FZ_CHECK(tags.n == t.n);
        for (size_t i = 0; i < tags.n; i++) FZ_CHECK(tags.v[i].s != NULL);
    }
    /* tags and frequencies of the first few tokens */
    t.n = 0;
    FZ_CHECK(sino_seg_cut(s, text, size, SINO_SEG_HMM, &t, &err) == SINO_OK);
    for (size_t i = 0; i < t.n && i < 16; i++) {
        const char *tag;
        sino_seg_tag(s, text + t.v[i].start, t.v[i].end - t.v[i].start, 0, &tag);
        sino_seg_word_freq(s, text + t.v[i].start, t.v[i].end - t.v[i].start);
    }

    for (unsigned flags = 0; flags < 2; flags++) {
        t.n = 0;
        FZ_CHECK(sino_sent_split(text, size, flags, &t, &err) == SINO_OK);
        check_cover(&t, 0, size);
    }
    sino_tokens_free(&t);
    sino_tokens_free(&t2);
    sino_tags_free(&tags);
    return 0;
}
