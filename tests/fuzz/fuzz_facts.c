/* Fuzz target: fact extraction over raw bytes (sfacts reads with the pass
 * policy), with and without a reference date and for a type mask chosen by
 * the first byte. Every fact lies within the text (start < end <= len), its
 * sentence is within the text, facts come in order of start, the value and unit are
 * strings. Also the number parser at every offset of the first bytes. */
#include "fuzz_common.h"

static sino_facts *tables(void)
{
    static sino_facts *fx;
    if (!fx) {
        sino_error err;
        fx = sino_facts_open(&err);
        if (!fx) fz_setup_fail("facts", &err);
    }
    return fx;
}

struct ctx { size_t len, last_start, count; };

static int on_fact(void *vctx, const sino_fact *f)
{
    struct ctx *c = vctx;
    FZ_CHECK(f->type >= 0 && f->type < SINO_FACT_NTYPES);
    FZ_CHECK(f->start < f->end && f->end <= c->len);
    FZ_CHECK(f->start >= c->last_start);
    FZ_CHECK(f->ctx_start <= f->ctx_end && f->ctx_end <= c->len);
    FZ_CHECK(f->value != NULL && f->unit != NULL && f->mod != NULL && f->code != NULL);
    (void)strlen(f->value);
    (void)strlen(f->unit);
    (void)strlen(f->mod);
    (void)strlen(f->code);
    FZ_CHECK(sino_fact_type_name(f->type) != NULL);
    c->last_start = f->start;
    c->count++;
    return 0;
}

static int stop_at_first(void *vctx, const sino_fact *f)
{
    (void)vctx;
    (void)f;
    return 7;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sino_facts *fx = tables();
    if (size < 1) return 0;
    uint8_t ctl = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    unsigned mask = (ctl & 0x80) ? SINO_FACT_ALL : (ctl * 37u) & SINO_FACT_ALL;
    if (ctl & 0x40) sino_facts_set_ref_date(fx, 2023, 5, 12);
    else sino_facts_set_ref_date(fx, 0, 0, 0);

    struct ctx c = {len, 0, 0};
    FZ_CHECK(sino_facts_scan(fx, text, len, mask, on_fact, &c) == SINO_OK);
    struct ctx all = {len, 0, 0};
    FZ_CHECK(sino_facts_scan(fx, text, len, SINO_FACT_ALL, on_fact, &all) == SINO_OK);
    int rc = sino_facts_scan(fx, text, len, SINO_FACT_ALL, stop_at_first, NULL);
    FZ_CHECK(rc == (all.count ? 7 : SINO_OK));

    char num[128];
    for (size_t i = 0; i < len && i < 32; i++) {
        size_t used = sino_facts_number(text + i, len - i, num, sizeof num);
        FZ_CHECK(used <= len - i);
        if (used) FZ_CHECK(memchr(num, '\0', sizeof num) != NULL);
        sino_facts_number(text + i, len - i, num, 4);
    }
    size_t bad = 0;
    char list[64];
    size_t ln = len < sizeof list - 1 ? len : sizeof list - 1;
    memcpy(list, text, ln);
    list[ln] = '\0';
    sino_fact_types_parse(list, &bad);
    sino_fact_type_from_name(text, len < 32 ? len : 32);
    return 0;
}
