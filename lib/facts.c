/* facts.c - the fact scanner: folding, candidates, overlap resolution, output.
 *
 * A record is decoded once into an array of folded code points (Traditional
 * -> Simplified, full-width ASCII -> ASCII, inserted pinyin readings such as
 * "(qū)" dropped), each with the byte offset of its first byte in the
 * original text. Recognisers (facts_num.c, facts_ent.c) add candidates over
 * that array; overlapping candidates are resolved longest-first and the
 * survivors are reported in order with original byte offsets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_int.h"
#include "grow_int.h"
#include "sino_data.h"

static const char *const type_names[SINO_FACT_NTYPES] = {
    "quantity", "money", "percent", "range", "date", "duration",
    "numeral", "place", "org", "person", "slogan"
};

const char *sino_fact_type_name(int type)
{
    if (type < 0 || type >= SINO_FACT_NTYPES) return "?";
    return type_names[type];
}

int sino_fact_type_from_name(const char *name, size_t n)
{
    for (int i = 0; i < SINO_FACT_NTYPES; i++)
        if (strlen(type_names[i]) == n && memcmp(type_names[i], name, n) == 0)
            return i;
    if (n == 12 && memcmp(name, "organisation", 12) == 0) return SINO_FACT_ORG;
    if (n == 12 && memcmp(name, "organization", 12) == 0) return SINO_FACT_ORG;
    if (n == 6 && memcmp(name, "people", 6) == 0) return SINO_FACT_PERSON;
    if (n == 4 && memcmp(name, "time", 4) == 0) return SINO_FACT_DATE;
    return -1;
}

long sino_fact_types_parse(const char *list, size_t *bad)
{
    long mask = 0;
    const char *p = list;
    for (;;) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (n == 3 && memcmp(p, "all", 3) == 0) {
            mask |= SINO_FACT_ALL;
        } else if (n > 0) {
            int t = sino_fact_type_from_name(p, n);
            if (t < 0) {
                if (bad) *bad = (size_t)(p - list);
                return -1;
            }
            mask |= 1L << t;
        }
        if (!q) break;
        p = q + 1;
    }
    return mask;
}

static int t2s_flag(void *ctx, const char *key, size_t key_len, const sino_dict_value *v)
{
    (void)v;
    uint8_t *flags = ctx;
    int32_t d;
    if (sino_utf8_decode((const unsigned char *)key, key_len, &d) > 0 && d >= 0 && d < 65536)
        flags[d] |= FX_G_T2S;
    return 0;
}

sino_facts *sino_facts_open(sino_error *err)
{
    sino_facts *fx = calloc(1, sizeof *fx);
    if (!fx) {
        sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    sino_buf_init(&fx->nu);
    if (!(fx->t2s = sino_data_open_dict("sfacts-t2s.sdict", "sfacts-t2s", err)) ||
        !(fx->places = sino_data_open_dict("sfacts-places.sdict", "sfacts-places", err)) ||
        !(fx->surnames = sino_data_open_dict("sfacts-surnames.sdict", "sfacts-surnames", err)) ||
        !(fx->words = sino_data_open_dict("jieba.sdict", "jieba-words", err))) {
        sino_facts_close(fx);
        return NULL;
    }
    sino_dict_each(fx->t2s, t2s_flag, fx->flags);
    fx_num_init_flags(fx->flags);
    fx_ent_init_flags(fx->flags);
    return fx;
}

void sino_facts_close(sino_facts *fx)
{
    if (!fx) return;
    sino_dict_close(fx->t2s);
    sino_dict_close(fx->places);
    sino_dict_close(fx->surnames);
    sino_dict_close(fx->words);
    free(fx->cp);
    free(fx->ob);
    free(fx->nb);
    free(fx->c);
    sino_buf_free(&fx->nu);
    free(fx);
}

void sino_facts_set_ref_date(sino_facts *fx, int year, int month, int day)
{
    fx->ry = year;
    fx->rm = month;
    fx->rd = day;
}

/* ---- folding ---- */

static int grow_chars(sino_facts *fx, size_t need)
{
    if (need <= fx->cap) return 0;
    /* three arrays of one capacity: each grows from fx->cap to the same cap */
    size_t cap = fx->cap;
    uint32_t **arrs[] = {&fx->cp, &fx->ob, &fx->nb};
    for (size_t i = 0; i < sizeof arrs / sizeof arrs[0]; i++) {
        cap = fx->cap;
        if (sino_grow(arrs[i], &cap, need, sizeof **arrs[i]) != SINO_OK) return -1;
    }
    fx->cap = cap;
    return 0;
}

static int is_pinyin_letter(uint32_t c)
{
    if (c >= 'a' && c <= 'z') return 1;
    switch (c) {
    case 0xE0: case 0xE1: case 0xE8: case 0xE9: case 0xEC: case 0xED:
    case 0xF2: case 0xF3: case 0xF9: case 0xFA: case 0xFC:
    case 0x101: case 0x113: case 0x11B: case 0x12B: case 0x14D: case 0x16B:
    case 0x1CE: case 0x1D0: case 0x1D2: case 0x1D4: case 0x1D6: case 0x1D8:
    case 0x1DA: case 0x1DC: case 0x144: case 0x148: case 0x1F9: case 0x1E3F:
    case 0x251: case 0x261:
        return 1;
    }
    return 0;
}

/* Length in bytes of an inserted reading "(xxx)" / "（xxx）" at s, or 0. */
static size_t pinyin_reading(const unsigned char *s, size_t n)
{
    int32_t c;
    size_t i = 0;
    int k = sino_utf8_decode(s, n, &c);
    if (c != '(' && c != 0xFF08) return 0;
    i += (size_t)k;
    int letters = 0;
    while (i < n && letters <= 8) {
        k = sino_utf8_decode(s + i, n - i, &c);
        if (c == ')' || c == 0xFF09) {
            return letters >= 1 ? i + (size_t)k : 0;
        }
        if (c < 0 || !is_pinyin_letter((uint32_t)c)) return 0;
        letters++;
        i += (size_t)k;
    }
    return 0;
}

static int fold(sino_facts *fx, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    fx->n = 0;
    sino_buf_clear(&fx->nu);
    if (sino_buf_reserve(&fx->nu, len + 8) != SINO_OK) return -1;
    uint32_t prev = 0;
    while (i < len) {
        int32_t c;
        int k;
        if (s[i] < 0x80) {
            c = s[i];
            k = 1;
        } else {
            k = sino_utf8_decode(s + i, len - i, &c);
        }
        if (c < 0) c = (int32_t)SINO_REPLACEMENT_CHAR;
        uint32_t u = (uint32_t)c;
        if ((u == '(' || u == 0xFF08) && sino_is_han(prev)) {
            size_t r = pinyin_reading(s + i, len - i);
            if (r) {
                i += r;
                continue;
            }
        }
        if (u >= 0xFF01 && u <= 0xFF5E) u = sino_fullwidth_to_ascii(u);
        else if (u == 0x3000) u = ' ';
        else if (u >= 0x3400 && k >= 3 && (u >= 65536 || (fx->flags[u] & FX_G_T2S))) {
            sino_dict_value v;
            if (sino_dict_get(fx->t2s, s + i, (size_t)k, &v) && v.len > 0) {
                int32_t t;
                if (sino_utf8_decode((const unsigned char *)v.str, v.len, &t) > 0 && t > 0)
                    u = (uint32_t)t;
            }
        }
        if (fx->n + 2 > fx->cap && grow_chars(fx, fx->n + 2) < 0) return -1;
        fx->cp[fx->n] = u;
        fx->ob[fx->n] = (uint32_t)i;
        fx->nb[fx->n] = (uint32_t)fx->nu.len;
        fx->n++;
        unsigned char enc[4];
        int e = sino_utf8_encode(u, enc);
        if (fx->nu.len + 4 > fx->nu.cap && sino_buf_reserve(&fx->nu, 4) != SINO_OK) return -1;
        memcpy(fx->nu.data + fx->nu.len, enc, (size_t)e);
        fx->nu.len += (size_t)e;
        prev = u;
        i += (size_t)k;
    }
    if (grow_chars(fx, fx->n + 2) < 0) return -1;
    if (sino_buf_reserve(&fx->nu, 4) != SINO_OK) return -1;
    memset(fx->nu.data + fx->nu.len, 0, 4);
    fx->ob[fx->n] = (uint32_t)len;
    fx->nb[fx->n] = (uint32_t)fx->nu.len;
    fx->cp[fx->n] = 0;
    return 0;
}

/* ---- helpers shared by the recognisers ---- */

size_t fx_match(const sino_facts *fx, size_t i, const char *lit)
{
    if (i >= fx->n) return 0;
    const char *t = fx->nu.data + fx->nb[i];
    /* quick reject on the first two bytes (the text is NUL-padded) */
    if (t[0] != lit[0] || (lit[0] && t[1] != lit[1])) return 0;
    size_t bl = strlen(lit);
    if (fx->nb[i] + bl > fx->nb[fx->n]) return 0;
    if (memcmp(fx->nu.data + fx->nb[i], lit, bl) != 0) return 0;
    size_t chars = 0;
    for (size_t b = 0; b < bl; b++)
        if (((unsigned char)lit[b] & 0xC0) != 0x80) chars++;
    return chars;
}

size_t fx_match_any(const sino_facts *fx, size_t i, const char *const *list, int *which)
{
    size_t best = 0;
    if (i >= fx->n) return 0;
    const char *t = fx->nu.data + fx->nb[i];
    for (int k = 0; list[k]; k++) {
        if (list[k][0] != t[0] || list[k][1] != t[1] || list[k][2] != t[2]) continue;
        size_t m = fx_match(fx, i, list[k]);
        if (m > best) {
            best = m;
            if (which) *which = k;
        }
    }
    return best;
}

int fx_in(uint32_t c, const char *set)
{
    const unsigned char *p = (const unsigned char *)set;
    size_t n = strlen(set);
    size_t i = 0;
    while (i < n) {
        int32_t d;
        int k = sino_utf8_decode(p + i, n - i, &d);
        if ((uint32_t)d == c) return 1;
        i += (size_t)k;
    }
    return 0;
}

void fx_flags_chars(uint8_t *flags, const char *chars, uint8_t bit)
{
    const unsigned char *p = (const unsigned char *)chars;
    size_t n = strlen(chars), i = 0;
    while (i < n) {
        int32_t d;
        int k = sino_utf8_decode(p + i, n - i, &d);
        if (d >= 0 && d < 65536) flags[d] |= bit;
        i += (size_t)k;
    }
}

void fx_flags_list(uint8_t *flags, const char *const *list, uint8_t bit)
{
    for (int k = 0; list[k]; k++) {
        int32_t d;
        size_t n = strlen(list[k]);
        if (n && sino_utf8_decode((const unsigned char *)list[k], n, &d) > 0 && d >= 0 && d < 65536)
            flags[d] |= bit;
    }
}

/* Index of the char that starts at normalised byte offset b (from hint). */
size_t fx_char_at_byte(const sino_facts *fx, size_t from, size_t b)
{
    size_t i = from;
    while (i < fx->n && fx->nb[i] < b) i++;
    return i;
}

int fx_text(const sino_facts *fx, size_t s, size_t e, char *out, size_t size, int skip_space)
{
    size_t o = 0;
    for (size_t i = s; i < e && i < fx->n; i++) {
        if (skip_space && (fx->cp[i] == ' ' || fx->cp[i] == '\t')) continue;
        size_t bl = fx->nb[i + 1] - fx->nb[i];
        if (o + bl + 1 > size) break;
        memcpy(out + o, fx->nu.data + fx->nb[i], bl);
        o += bl;
    }
    out[o] = 0;
    return (int)o;
}

fx_cand *fx_add(sino_facts *fx, int type, size_t s, size_t e)
{
    if (!(fx->mask & (1u << type)) && !(fx->keep_mask & (1u << type))) return NULL;
    if (e <= s) return NULL;
    if (SINO_GROW(fx->c, fx->ccap, fx->nc + 1)) {
        fx->oom = 1;
        return NULL;
    }
    fx_cand *c = &fx->c[fx->nc++];
    memset(c, 0, sizeof *c);
    c->type = type;
    c->s = (uint32_t)s;
    c->e = (uint32_t)e;
    return c;
}

/* ---- decimal values ---- */

void fx_dec_format(fx_dec d, char *out, size_t size)
{
    int64_t m = d.m;
    int e = d.e;
    while (e < 0 && m % 10 == 0 && m != 0) {
        m /= 10;
        e++;
    }
    if (m == 0) e = 0;
    int neg = m < 0;
    uint64_t um = neg ? (uint64_t)(-m) : (uint64_t)m;
    char digits[32];
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)um);
    size_t o = 0;
    char buf[64];
    if (neg) buf[o++] = '-';
    if (e >= 0) {
        memcpy(buf + o, digits, (size_t)nd);
        o += (size_t)nd;
        for (int k = 0; k < e && o < sizeof buf - 1; k++) buf[o++] = '0';
    } else {
        int frac = -e;
        if (nd <= frac) {
            buf[o++] = '0';
            buf[o++] = '.';
            for (int k = 0; k < frac - nd; k++) buf[o++] = '0';
            memcpy(buf + o, digits, (size_t)nd);
            o += (size_t)nd;
        } else {
            memcpy(buf + o, digits, (size_t)(nd - frac));
            o += (size_t)(nd - frac);
            buf[o++] = '.';
            memcpy(buf + o, digits + nd - frac, (size_t)frac);
            o += (size_t)frac;
        }
    }
    buf[o] = 0;
    snprintf(out, size, "%s", buf);
}

/* ---- resolution and output ---- */

static int cand_cmp(const void *a, const void *b)
{
    const fx_cand *x = a, *y = b;
    uint32_t lx = x->e - x->s, ly = y->e - y->s;
    if (x->prio != y->prio) return y->prio - x->prio;
    if (lx != ly) return lx > ly ? -1 : 1;
    if (x->s != y->s) return x->s < y->s ? -1 : 1;
    return x->type - y->type;
}

static int cand_pos_cmp(const void *a, const void *b)
{
    const fx_cand *x = a, *y = b;
    if (x->s != y->s) return x->s < y->s ? -1 : 1;
    return x->e < y->e ? -1 : (x->e > y->e);
}

static void sentence_bounds(const sino_facts *fx, size_t s, size_t e, size_t *cs, size_t *ce)
{
    size_t a = s;
    while (a > 0 && s - a < 300) {
        uint32_t c = fx->cp[a - 1];
        if (c == 0x3002 || c == '!' || c == '?' || c == 0xFF01 || c == 0xFF1F ||
            c == 0xFF1B || c == ';' || c == '\n')
            break;
        a--;
    }
    while (a < s && (fx->cp[a] == ' ' || fx->cp[a] == '\t')) a++;
    size_t b = e;
    while (b < fx->n && b - e < 300) {
        uint32_t c = fx->cp[b];
        b++;
        if (c == 0x3002 || c == '!' || c == '?' || c == 0xFF1B || c == ';' || c == '\n') {
            if (b < fx->n && (fx->cp[b] == 0x201D || fx->cp[b] == 0x300D)) b++;
            break;
        }
    }
    *cs = fx->ob[a];
    *ce = fx->ob[b];
}

int sino_facts_scan(sino_facts *fx, const char *text, size_t len,
                    unsigned mask, sino_fact_fn fn, void *ctx)
{
    if (len == 0 || mask == 0) return SINO_OK;
    if (len > UINT32_MAX - 8) len = UINT32_MAX - 8;
    if (fold(fx, text, len) < 0) return SINO_ERR_NOMEM;
    fx->mask = mask;
    /* places feed organisations; keep them as building blocks */
    /* slogans always claim their span (the numerals inside a programme name
     * are part of it); places are building blocks of organisations */
    fx->keep_mask = (1u << SINO_FACT_SLOGAN);
    if (mask & (1u << SINO_FACT_ORG)) fx->keep_mask |= 1u << SINO_FACT_PLACE;
    fx->nc = 0;
    fx->oom = 0;
    fx_scan_numbers(fx);
    fx->ent_start = fx->nc;
    fx_scan_entities(fx);
    if (fx->oom) return SINO_ERR_NOMEM;
    if (fx->nc == 0) return SINO_OK;

    /* longest-first (within priority) greedy selection of non-overlapping spans */
    qsort(fx->c, fx->nc, sizeof *fx->c, cand_cmp);
    /* occupancy of chars by kept spans: linear in the total span length */
    uint8_t *occ = calloc(fx->n + 1, 1);
    if (!occ) return SINO_ERR_NOMEM;
    size_t kept = 0;
    for (size_t i = 0; i < fx->nc; i++) {
        fx_cand *c = &fx->c[i];
        int ok = 1;
        for (uint32_t k = c->s; ok && k < c->e && k < fx->n; k++)
            if (occ[k]) ok = 0;
        if (!ok) continue;
        for (uint32_t k = c->s; k < c->e && k < fx->n; k++) occ[k] = 1;
        fx->c[kept++] = *c;
    }
    free(occ);
    qsort(fx->c, kept, sizeof *fx->c, cand_pos_cmp);
    for (size_t i = 0; i < kept; i++) {
        fx_cand *c = &fx->c[i];
        if (!(mask & (1u << c->type))) continue;
        sino_fact f;
        memset(&f, 0, sizeof f);
        f.type = c->type;
        f.start = fx->ob[c->s];
        /* the span ends after the last kept char, including a dropped reading */
        f.end = c->e < fx->n ? fx->ob[c->e] : len;
        if (c->e < fx->n && c->e > c->s) {
            /* do not swallow trailing bytes that are not part of the fact */
            size_t last = c->e - 1;
            size_t cend = fx->ob[last] + (fx->nb[last + 1] - fx->nb[last]);
            /* a folded char may differ in length from the original: find
             * the original end of the last char by decoding it */
            int32_t d;
            int k = sino_utf8_decode((const unsigned char *)text + fx->ob[last],
                                     len - fx->ob[last], &d);
            cend = fx->ob[last] + (size_t)k;
            size_t r = pinyin_reading((const unsigned char *)text + cend, len - cend);
            if (r && cend + r == f.end) cend += r;
            f.end = cend;
        }
        f.value = c->value;
        f.unit = c->unit;
        f.approx = c->approx;
        f.rel = c->rel;
        f.resolved = c->resolved;
        f.mod = c->mod;
        f.level = c->level;
        f.code = c->code;
        sentence_bounds(fx, c->s, c->e, &f.ctx_start, &f.ctx_end);
        int r = fn(ctx, &f);
        if (r) return r;
    }
    return SINO_OK;
}
