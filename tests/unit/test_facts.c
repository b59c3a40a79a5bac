/* Unit tests: number parsing (cn2an-like) and the fact scanner. The scanner
 * tests need the compiled tables (SINO_DATA, set by make check). */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "sino.h"

static int num_is(const char *s, const char *want, size_t want_used)
{
    char out[64];
    size_t used = sino_facts_number(s, strlen(s), out, sizeof out);
    if (used != want_used || strcmp(out, want) != 0) {
        fprintf(stderr, "number %s: got %s (%zu bytes), want %s (%zu)\n", s,
                used ? out : "-", used, want, want_used);
        return 0;
    }
    return 1;
}

static void test_numbers(void)
{
    CHECK(num_is("3587", "3587", 4));
    CHECK(num_is("13.48万", "134800", 8));
    CHECK(num_is("1,234,567元", "1234567", 9));
    CHECK(num_is("7.39億", "739000000", 7));
    CHECK(num_is("1.5万", "15000", 6));
    CHECK(num_is("3千万", "30000000", 7));
    CHECK(num_is("三百零五", "305", 12));
    CHECK(num_is("三百五", "350", 9));
    CHECK(num_is("两万五", "25000", 9));
    CHECK(num_is("十五", "15", 6));
    CHECK(num_is("二十一", "21", 9));
    CHECK(num_is("一千零一", "1001", 12));
    CHECK(num_is("三亿五千万", "350000000", 15));
    CHECK(num_is("壹佰贰拾叁", "123", 15));
    CHECK(num_is("二〇二三", "2023", 12));
    CHECK(num_is("三点五", "3.5", 9));
    CHECK(num_is("０.５", "0.5", 7));
    char out[64];
    CHECK_INT(sino_facts_number("万一", 6, out, sizeof out), 0);
    CHECK_INT(sino_facts_number("abc", 3, out, sizeof out), 0);
}

typedef struct got {
    char buf[4096];
    size_t len;
} got;

static int collect(void *ctx, const sino_fact *f)
{
    got *g = ctx;
    int n = snprintf(g->buf + g->len, sizeof g->buf - g->len, "%s:%zu-%zu:%s:%s%s;",
                     sino_fact_type_name(f->type), f->start, f->end, f->value, f->unit,
                     f->approx ? "~" : "");
    if (n > 0 && (size_t)n < sizeof g->buf - g->len) g->len += (size_t)n;
    return 0;
}

static const char *scan(sino_facts *fx, const char *s, unsigned mask, got *g)
{
    g->len = 0;
    g->buf[0] = 0;
    CHECK_INT(sino_facts_scan(fx, s, strlen(s), mask, collect, g), SINO_OK);
    return g->buf;
}

static int has(const char *all, const char *want)
{
    if (strstr(all, want)) return 1;
    fprintf(stderr, "missing %s in %s\n", want, all);
    return 0;
}

static void test_scan(void)
{
    sino_error err;
    sino_error_clear(&err);
    sino_facts *fx = sino_facts_open(&err);
    CHECK(fx != NULL);
    if (!fx) {
        fprintf(stderr, "cannot open tables: %s\n", err.msg);
        return;
    }
    got g;
    const char *r;
    r = scan(fx, "共选派3587名,走访6400余家", SINO_FACT_ALL, &g);
    CHECK(has(r, "quantity:9-16:3587:名;"));
    CHECK(has(r, "quantity:23-33:6400:家~;"));
    r = scan(fx, "增收18.8萬元,投资数千万元", SINO_FACT_ALL, &g);
    CHECK(has(r, "money:6-16:188000:CNY;"));
    CHECK(has(r, ":[10000000,100000000]:CNY~;"));
    r = scan(fx, "同比增长10.64%,百分之五", SINO_FACT_ALL, &g);
    CHECK(has(r, "percent:12-18:10.64:%;"));
    CHECK(has(r, ":5:%;"));
    r = scan(fx, "95%-98%,1星至5星", SINO_FACT_ALL, &g);
    CHECK(has(r, "range:0-7:[95,98]:%;"));
    CHECK(has(r, "[1,5]:星;"));
    r = scan(fx, "2023年5月,2023—2025年,今年1~11月", SINO_FACT_ALL, &g);
    CHECK(has(r, "date:0-11:2023-05:;"));
    CHECK(has(r, ":2023/2025:;"));
    CHECK(has(r, ":Y0-01/Y0-11:;"));
    r = scan(fx, "10分钟,2个月,3年内", SINO_FACT_ALL, &g);
    CHECK(has(r, ":PT10M:;"));
    CHECK(has(r, ":P2M:;"));
    CHECK(has(r, ":P3Y:;"));
    r = scan(fx, "三拨客商,上百名,第十五次,七上八下,一体化,统一", SINO_FACT_ALL, &g);
    CHECK(has(r, ":3:拨;"));
    CHECK(has(r, ":100:名~;"));
    CHECK(has(r, ":15:次;"));
    CHECK(strstr(r, "七") == NULL && !strstr(r, ":1:"));
    /* Traditional script with inserted pinyin: the span keeps the noise */
    r = scan(fx, "指導臨平區(qū)開展", SINO_FACT_ALL, &g);
    CHECK(has(r, "place:6-20:临平区:;"));
    r = scan(fx, "由市發(fā)改委牽頭", SINO_FACT_ALL, &g);
    CHECK(has(r, "org:3-20:市发改委:;"));
    r = scan(fx, "丰产村党总支书记陈慧珍表示", 1u << SINO_FACT_PERSON, &g);
    CHECK(has(r, "person:") && has(r, ":陈慧珍:;"));
    r = scan(fx, "实施“千名干部助千企”活动", SINO_FACT_ALL, &g);
    CHECK(has(r, "slogan:6-33:千名干部助千企:;"));
    CHECK(!strstr(r, "numeral"));   /* the numerals inside the slogan are part of it */
    /* type selection */
    r = scan(fx, "2023年,3587名", 1u << SINO_FACT_DATE, &g);
    CHECK(has(r, "date:") && !strstr(r, "quantity"));
    /* relative spans stay symbolic without a reference date */
    r = scan(fx, "上两天,下三周,后三个月,下三年", 1u << SINO_FACT_DATE, &g);
    CHECK(has(r, ":D-2/D-1:;"));
    CHECK(has(r, ":W+1/W+3:;"));
    CHECK(has(r, ":M+1/M+3:;"));
    CHECK(has(r, ":Y+1/Y+3:;"));
    r = scan(fx, "他上三天班", 1u << SINO_FACT_DATE, &g);
    CHECK_INT((long)g.len, 0);
    /* a count after or before the reference: the one day, year, week it lands in */
    r = scan(fx, "三天后,两年前,4个星期之后", 1u << SINO_FACT_DATE, &g);
    CHECK(has(r, ":D+3:;"));
    CHECK(has(r, ":Y-2:;"));
    CHECK(has(r, ":W+4:;"));
    /* counted from another event, or an ordinal: no date */
    r = scan(fx, "入职三个月后,第 8 天以后", 1u << SINO_FACT_DATE, &g);
    CHECK_INT((long)g.len, 0);
    /* relative dates resolve against a reference date */
    /* lunar dates with their year are Gregorian days; without one no value */
    r = scan(fx, "2012年正月初8,1991年农历8月23号,正月初八", 1u << SINO_FACT_DATE, &g);
    CHECK(has(r, ":2012-01-30:;"));
    CHECK(has(r, ":1991-09-30:;"));
    CHECK(has(r, "::;"));                 /* 正月初八: no year, no value */
    sino_facts_set_ref_date(fx, 2023, 6, 1);
    r = scan(fx, "去年以来,今年5月12日,昨天", SINO_FACT_ALL, &g);
    CHECK(has(r, ":2022:;"));
    CHECK(has(r, ":2023-05-12:;"));
    CHECK(has(r, ":2023-05-31:;"));
    /* 2023-06-01 is a Thursday: the weeks run from Monday 05-29 */
    r = scan(fx, "上两周,本月第1周,上个季度,今年前两个季度", 1u << SINO_FACT_DATE, &g);
    CHECK(has(r, ":2023-05-15/2023-05-28:;"));
    CHECK(has(r, ":2023-06-05/2023-06-11:;"));
    CHECK(has(r, ":2023-Q1:;"));
    CHECK(has(r, ":2023-Q1/2023-Q2:;"));
    sino_facts_close(fx);
}

static void test_types(void)
{
    size_t bad = 0;
    CHECK(sino_fact_types_parse("money,date", &bad) ==
          (long)((1u << SINO_FACT_MONEY) | (1u << SINO_FACT_DATE)));
    CHECK_INT(sino_fact_types_parse("all", &bad), (long)SINO_FACT_ALL);
    CHECK(sino_fact_types_parse("money,bogus", &bad) == -1 && bad == 6);
    CHECK_STR(sino_fact_type_name(SINO_FACT_ORG), "org");
}

int main(void)
{
    test_numbers();
    test_types();
    test_scan();
    return check_summary("test_facts");
}
