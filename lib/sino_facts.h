/* sino_facts.h - facts a Chinese report states, as records: quantities,
 * money, percentages, ranges, dates, durations, numerals, places,
 * organisations, people and quoted programme names.
 *
 * The scanner works on one record (a line or paragraph) at a time. Text is
 * folded internally (Traditional -> Simplified characters, full-width ASCII
 * -> ASCII, inserted pinyin readings such as "(qū)" skipped), but every fact
 * carries byte offsets into the text exactly as given. */
#ifndef SINO_FACTS_H
#define SINO_FACTS_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "sino_dict.h"
#include "sino_text.h"

enum sino_fact_type {
    SINO_FACT_QUANTITY,
    SINO_FACT_MONEY,
    SINO_FACT_PERCENT,
    SINO_FACT_RANGE,
    SINO_FACT_DATE,
    SINO_FACT_DURATION,
    SINO_FACT_NUMERAL,
    SINO_FACT_PLACE,
    SINO_FACT_ORG,
    SINO_FACT_PERSON,
    SINO_FACT_SLOGAN,
    SINO_FACT_NTYPES
};

#define SINO_FACT_ALL ((1u << SINO_FACT_NTYPES) - 1)

typedef struct sino_fact {
    int type;              /* enum sino_fact_type */
    size_t start, end;     /* byte offsets in the scanned text, end exclusive */
    const char *value;     /* normalised value (NUL-terminated; see sfacts(1)) */
    const char *unit;      /* unit or measure word, "" when none */
    int approx;            /* 余, 多, 约, 近, 上百...: the value is approximate */
    int rel;               /* a relative date (今年, 去年, 5月12日 without year) */
    int resolved;          /* rel and resolved against the reference date */
    const char *mod;       /* "" or a modifier: since, start, mid, end, more,
                            * less, ordinal, plan, first-half... */
    int level;             /* place: 1 province .. 4 township, 5 village; else 0 */
    const char *code;      /* place: statistics bureau code when known, else "" */
    size_t ctx_start, ctx_end; /* the sentence around the fact (byte offsets) */
} sino_fact;

typedef struct sino_facts sino_facts;

/* Open the scanner with its tables from the data directory (sino_data):
 * sfacts-t2s.sdict, sfacts-places.sdict, sfacts-surnames.sdict and
 * jieba.sdict. NULL and err filled (naming the path) on failure. */
sino_facts *sino_facts_open(sino_error *err);
void sino_facts_close(sino_facts *fx);

/* Reference date for relative dates (0,0,0 = none: they stay relative). */
void sino_facts_set_ref_date(sino_facts *fx, int year, int month, int day);

/* Scan text[0..len) for the types in mask (bits 1u << type); call fn for each
 * fact in order of start offset. fn returns 0 to go on, non-zero to stop
 * (that value is returned). Returns SINO_OK, SINO_ERR_NOMEM, or fn's value. */
typedef int (*sino_fact_fn)(void *ctx, const sino_fact *f);
int sino_facts_scan(sino_facts *fx, const char *text, size_t len,
                    unsigned mask, sino_fact_fn fn, void *ctx);

const char *sino_fact_type_name(int type);
/* -1 when name[0..n) is not a type name. */
int sino_fact_type_from_name(const char *name, size_t n);
/* Parse a comma-separated list of type names into a mask; -1 on error with
 * *bad set to the offending name's offset. */
long sino_fact_types_parse(const char *list, size_t *bad);

/* cn2an-like number parsing: Arabic digits (with , and .), Chinese numerals
 * 〇一二三…十百千万亿, 两, 大写 (壹贰叁…拾佰仟), and mixed forms (1.5万,
 * 3千万, 三百零五, 二〇二三). Reads the longest number at the start of
 * s[0..n); returns the bytes used (0 when there is no number) and writes
 * the value as a decimal string (no exponent, no trailing zeros) to out. */
size_t sino_facts_number(const char *s, size_t n, char *out, size_t outsize);

#ifdef __cplusplus
}
#endif

#endif
