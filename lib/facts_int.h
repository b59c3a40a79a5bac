/* facts_int.h - internals shared by lib/facts*.c (not installed). */
#ifndef SINO_FACTS_INT_H
#define SINO_FACTS_INT_H

#include <stdint.h>

#include "sino_facts.h"

typedef struct fx_dec {
    int64_t m;   /* value = m * 10^e */
    int e;
} fx_dec;

enum { FX_G_DATE = 1, FX_G_ORG = 2, FX_G_PERSON = 4, FX_G_PSUF = 8, FX_G_T2S = 16 };

typedef struct fx_cand {
    int type;
    uint32_t s, e;          /* char indices, end exclusive */
    int prio;               /* higher wins before length */
    int approx, rel, resolved, level;
    int lunar;              /* a date made from a lunar one: not joined into a range */
    char value[96];
    char unit[32];
    char mod[16];
    char code[16];
} fx_cand;

struct sino_facts {
    sino_dict *t2s, *places, *surnames, *words;
    int ry, rm, rd;         /* reference date, 0 = none */
    /* the folded record */
    uint32_t *cp;           /* folded code points, cp[n] = 0 */
    uint32_t *ob;           /* original byte offset of each char; ob[n] = len */
    uint32_t *nb;           /* byte offset in nu of each char; nb[n] = nu.len */
    size_t n, cap;
    sino_buf nu;            /* folded UTF-8 */
    /* candidates */
    fx_cand *c;
    size_t nc, ccap;
    unsigned mask, keep_mask;
    size_t ent_start;       /* first candidate added by the entity pass */
    uint8_t flags[65536];   /* FX_G_* bits: which keyword lists a BMP char can start */
    int oom;
};

size_t fx_match(const sino_facts *fx, size_t i, const char *lit);
size_t fx_match_any(const sino_facts *fx, size_t i, const char *const *list, int *which);
int fx_in(uint32_t c, const char *set);
size_t fx_char_at_byte(const sino_facts *fx, size_t from, size_t b);
int fx_text(const sino_facts *fx, size_t s, size_t e, char *out, size_t size, int skip_space);
fx_cand *fx_add(sino_facts *fx, int type, size_t s, size_t e);
void fx_dec_format(fx_dec d, char *out, size_t size);

int fx_word_ends(const sino_facts *fx, size_t e);
int fx_word_tag(const sino_facts *fx, size_t s, size_t e, const char *tags);
int fx_word_spans(const sino_facts *fx, size_t s, size_t e);
int fx_word_is_common(const sino_facts *fx, size_t s, size_t e);
void fx_flags_list(uint8_t *flags, const char *const *list, uint8_t bit);
void fx_flags_chars(uint8_t *flags, const char *chars, uint8_t bit);
void fx_num_init_flags(uint8_t *flags);
void fx_ent_init_flags(uint8_t *flags);
static inline int fx_flag(const sino_facts *fx, uint32_t c, uint8_t bit)
{
    return c < 65536 ? (fx->flags[c] & bit) != 0 : 0;
}
void fx_scan_numbers(sino_facts *fx);
/* facts_lunar.c: day d of lunar month m (leap 1 for the leap month) of
 * lunar year y as days since 1970-01-01 in *day; 0 when there is none or
 * the year is outside 1960-2099 or a first or last day is unsure. The month's length, 0 for none. */
int fx_lunar_day(int y, int m, int leap, int d, long *day);
int fx_lunar_month_len(int y, int m, int leap);
void fx_scan_entities(sino_facts *fx);

static inline uint32_t fx_at(const sino_facts *fx, size_t i)
{
    return i < fx->n ? fx->cp[i] : 0;
}

#endif
