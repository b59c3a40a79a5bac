/* facts_num.c - numbers (Arabic, Chinese, mixed), quantities, money,
 * percentages, ranges, dates, durations and numerals. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_int.h"
#include "sino_text.h"

/* ---- number parsing ---- */

static int cn_digit(uint32_t c)
{
    switch (c) {
    case 0x3007: case 0x96F6: return 0;            /* 〇 零 */
    case 0x4E00: case 0x58F9: return 1;            /* 一 壹 */
    case 0x4E8C: case 0x8D30: case 0x4E24: return 2; /* 二 贰 两 */
    case 0x4E09: case 0x53C1: case 0x53C2: return 3; /* 三 叁 参 */
    case 0x56DB: case 0x8086: return 4;            /* 四 肆 */
    case 0x4E94: case 0x4F0D: return 5;            /* 五 伍 */
    case 0x516D: case 0x9646: return 6;            /* 六 陆 */
    case 0x4E03: case 0x67D2: return 7;            /* 七 柒 */
    case 0x516B: case 0x634C: return 8;            /* 八 捌 */
    case 0x4E5D: case 0x7396: return 9;            /* 九 玖 */
    }
    return -1;
}

static int64_t cn_unit(uint32_t c)
{
    switch (c) {
    case 0x5341: case 0x62FE: return 10;           /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;          /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;         /* 千 仟 */
    case 0x4E07: return 10000;                     /* 万 */
    case 0x4EBF: return 100000000;                 /* 亿 */
    }
    return 0;
}

static int is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* the exponent of a number too large to give: its span is consumed, no fact */
#define FX_NO_VALUE 99

/* Arabic digits with thousands commas and a decimal point. */
static size_t parse_ar(const sino_facts *fx, size_t i, fx_dec *v)
{
    size_t j = i;
    int64_t m = 0;
    int e = 0, nd = 0;
    while (j < fx->n) {
        uint32_t c = fx->cp[j];
        if (is_digit(c)) {
            if (nd < 17) {
                m = m * 10 + (c - '0');
                nd++;
            } else {
                e++;
            }
            j++;
        } else if (c == ',' && j > i && j + 3 < fx->n + 1 && is_digit(fx_at(fx, j + 1)) &&
                   is_digit(fx_at(fx, j + 2)) && is_digit(fx_at(fx, j + 3)) &&
                   !is_digit(fx_at(fx, j + 4))) {
            j++;
        } else {
            break;
        }
    }
    /* .77 = 0.77 (the caller checks what stands before the dot) */
    if (j == i && !(fx_at(fx, j) == '.' && is_digit(fx_at(fx, j + 1)))) return 0;
    if (fx_at(fx, j) == '.' && is_digit(fx_at(fx, j + 1))) {
        j++;
        while (is_digit(fx_at(fx, j))) {
            if (nd < 17) {
                m = m * 10 + (fx->cp[j] - '0');
                nd++;
                e--;
            }
            j++;
        }
    }
    v->m = m;
    v->e = e;
    return j - i;
}

/* 廿 卅 卌: twenty, thirty, forty in one character (廿二 = 22) */
static int cn_tens(uint32_t c)
{
    return c == 0x5EFF ? 20 : c == 0x5345 ? 30 : c == 0x534C ? 40 : 0;
}

/* Decimals after 点: Chinese digits (三点五) or Arabic ones (一百点123). */
static size_t decimals(const sino_facts *fx, size_t j, fx_dec *v)
{
    size_t k = j + 1;
    if (fx_at(fx, j) != 0x70B9) return 0;
    while (cn_digit(fx_at(fx, k)) >= 0 || is_digit(fx_at(fx, k))) {
        int d = is_digit(fx->cp[k]) ? (int)(fx->cp[k] - '0') : cn_digit(fx->cp[k]);
        if (v->m < INT64_MAX / 100) {
            v->m = v->m * 10 + d;
            v->e--;
        }
        k++;
    }
    return k > j + 1 ? k - j : 0;
}

/* an Arabic integer used as one section inside a Chinese number (1百01,
 * 200亿零四千230): its value, *len its digits */
static int64_t arabic_section(const sino_facts *fx, size_t j, size_t *len)
{
    int64_t v = 0;
    size_t k = j;
    while (is_digit(fx_at(fx, k)) && k - j < 12) v = v * 10 + (fx->cp[k++] - '0');
    *len = k - j;
    return v;
}

/* Chinese numerals, cn2an style. A run of bare digits (一二三, 二〇二三)
 * is read digit by digit; two consecutive digits before a unit (三四百,
 * 八九亿) are a vague range that parse_phrase reads, so here they stop. */
static size_t parse_cn(const sino_facts *fx, size_t i, fx_dec *v)
{
    size_t j = i;
    int64_t total = 0, section = 0, dstr = 0, lastunit = 0;
    int64_t digit = -1;
    int nd = 0, digits_only = 1, zero_seen = 0, after_unit = 0, overflow = 0;
    while (j < fx->n && j - i < 40) {
        uint32_t c = fx->cp[j];
        int d = cn_digit(c);
        size_t al = 0;
        if (d < 0 && !digits_only && is_digit(c)) {
            int64_t a = arabic_section(fx, j, &al);
            if (digit >= 0 || al == 0) break;
            digit = a;
            j += al;
            continue;
        }
        if (d >= 0) {
            if (!digits_only && d == 0) {
                zero_seen = 1;
                digit = -1;
                after_unit = 0;
                j++;
                continue;
            }
            if (digit >= 0 && !digits_only) break;
            if (digits_only) {
                if (nd >= 18) break;
                if (nd >= 1 && (c == 0x4E24 || fx->cp[j - 1] == 0x4E24)) break;   /* 两 is in no digit string: 九两 is not 92 */
                dstr = dstr * 10 + d;
                nd++;
            }
            digit = d;
            j++;
            continue;
        }
        int tens = cn_tens(c);
        if (tens) {
            if (digits_only && nd > 0) break;
            if (!digits_only && digit >= 0) break;
            if (lastunit && lastunit < 100) break;
            section += tens;
            digits_only = 0;
            digit = -1;
            lastunit = 10;
            after_unit = 1;
            zero_seen = 0;
            j++;
            continue;
        }
        int64_t u = cn_unit(c);
        if (u) {
            if (digits_only && nd > 1) break;     /* 二〇二三 then a unit: stop */
            if (digits_only && nd == 1 && digit == 0) digit = -1;   /* 零十五 = 15 */
            if (u < 10000) {
                if (lastunit && lastunit < 10000 && u >= lastunit && digit < 0) break;
                if (section > INT64_MAX / 100000) break;
                if (digit > 9) break;
                section += (digit < 0 ? 1 : digit) * u;
            } else {
                /* 百二万 = 1200000, 三千五万 = 35000000: a digit right after
                 * a unit of 100 or more counts a tenth of that unit */
                if (digit >= 0 && digit <= 9 && after_unit && !zero_seen && lastunit >= 100 &&
                    lastunit < 10000)
                    section += digit * (lastunit / 10);
                else
                    section += digit < 0 ? 0 : digit;
                if (section == 0 && total == 0) {
                    /* 萬九 = 19000 (spoken, 一 left out), as 千一; not 万一 (in case) */
                    if (j != i || u != 10000 || cn_digit(fx_at(fx, j + 1)) < 2) break;
                    section = 1;
                }
                if (u == 100000000) {
                    if (total + section > INT64_MAX / u) { overflow = 1; break; }
                    total = (total + section) * u;
                } else {
                    if (section > INT64_MAX / u || total > INT64_MAX - section * u) { overflow = 1; break; }
                    total += section * u;
                }
                section = 0;
            }
            digits_only = 0;
            digit = -1;
            lastunit = u;
            after_unit = 1;
            zero_seen = 0;
            j++;
            continue;
        }
        break;
    }
    if (j == i) return 0;
    if (overflow) {
        /* too large for us: the whole numeral, with no value */
        while (cn_digit(fx_at(fx, j)) >= 0 || cn_unit(fx_at(fx, j))) j++;
        v->m = 0;
        v->e = FX_NO_VALUE;
        return j - i;
    }
    if (digits_only) {
        if (nd == 2 && cn_digit(fx->cp[i]) >= 1 && cn_digit(fx->cp[i + 1]) == cn_digit(fx->cp[i]) + 1 &&
            (cn_unit(fx_at(fx, j)) || cn_tens(fx_at(fx, j))))
            return 0;                           /* 三四百: parse_phrase's vague range */
        if (nd == 2 && (cn_unit(fx_at(fx, j)) || cn_tens(fx_at(fx, j))))
            return 0;                           /* 三五百: neither 35 nor a number we know */
        v->m = dstr;
        v->e = 0;
        j += decimals(fx, j, v);
        return j - i;
    }
    int64_t val = total + section;
    if (digit >= 0) {
        if (after_unit && !zero_seen && lastunit >= 100 && digit <= 9)
            val += digit * (lastunit / 10);     /* 三百五 = 350, 两万五 = 25000 */
        else
            val += digit;
    }
    v->m = val;
    v->e = 0;
    j += decimals(fx, j, v);
    return j - i;
}

static void dec_mul(fx_dec *v, int64_t k)
{
    while (k >= 10 && k % 10 == 0) {
        v->e++;
        k /= 10;
    }
    if (k > 1 && (v->m > INT64_MAX / k || v->m < -(INT64_MAX / k))) return;
    v->m *= k;
    if (v->e > 30) v->e = 30;
}

/* 万 亿 千 百 after a number: 13.48万, 3千万, 560余万. */
static size_t multipliers(const sino_facts *fx, size_t j, fx_dec *v, int64_t *mult)
{
    size_t k = j;
    int64_t total = 1;
    while (k < fx->n && k - j < 3) {
        uint32_t c = fx->cp[k];
        uint32_t nx = fx_at(fx, k + 1);
        int64_t u = 0;
        if (c == 0x4E07 || c == 0x4EBF) u = cn_unit(c);
        else if (c == 0x5343 && !fx_in(nx, "米克瓦卡")) u = 1000;   /* 千 but not 千米 */
        else if (c == 0x767E && nx != 0x5206 && nx != 0x4E07 + 0) u = 100; /* 百 but not 百分 */
        else if (c == 0x4F70) u = 100;                                  /* 佰 */
        else if (c == 0x4EDF) u = 1000;                                 /* 仟 */
        if (c == 0x767E && (nx == 0x4E07 || nx == 0x4EBF)) u = 100;
        if (!u) break;
        if (u < 10000 && total > 1) break;     /* 万千: no */
        if (total > INT64_MAX / u / 10) break;
        total *= u;
        k++;
    }
    if (k > j) dec_mul(v, total);
    if (mult) *mult = total;
    return k - j;
}

size_t sino_facts_number(const char *s, size_t n, char *out, size_t outsize)
{
    /* a tiny folded view over s without tables (no t2s needed for digits) */
    sino_facts fx;
    memset(&fx, 0, sizeof fx);
    uint32_t cps[64], ob[65];
    size_t i = 0, k = 0;
    while (i < n && k < 63) {
        int32_t c;
        int len = sino_utf8_decode((const unsigned char *)s + i, n - i, &c);
        uint32_t u = c < 0 ? 0xFFFD : (uint32_t)c;
        if (u >= 0xFF01 && u <= 0xFF5E) u = sino_fullwidth_to_ascii(u);
        /* Traditional forms used in numbers */
        if (u == 0x5169) u = 0x4E24;          /* 兩 */
        else if (u == 0x842C) u = 0x4E07;     /* 萬 */
        else if (u == 0x5104) u = 0x4EBF;     /* 億 */
        else if (u == 0x8CB3) u = 0x8D30;     /* 貳 */
        else if (u == 0x9678) u = 0x9646;     /* 陸 */
        else if (u == 0x53C3) u = 0x53C1;     /* 參 */
        else if (u == 0x9EDE) u = 0x70B9;     /* 點 */
        cps[k] = u;
        ob[k] = (uint32_t)i;
        k++;
        i += (size_t)len;
    }
    ob[k] = (uint32_t)i;
    cps[k] = 0;
    fx.cp = cps;
    fx.ob = ob;
    fx.n = k;
    fx_dec v;
    size_t used = parse_ar(&fx, 0, &v);
    if (!used) used = parse_cn(&fx, 0, &v);
    if (!used) return 0;
    if (is_digit(cps[0])) used += multipliers(&fx, used, &v, NULL);
    else if (used < k && (cps[used] == 0x4E07 || cps[used] == 0x4EBF))
        used += multipliers(&fx, used, &v, NULL);
    fx_dec_format(v, out, outsize);
    return ob[used];
}

/* After an Arabic number and its multiplier, the Chinese or Arabic rest of a
 * mixed number: 100万三千, 1万600, 200亿零四千230, 1百01; a single digit
 * right after the multiplier counts a tenth of it (3万5 = 35000). */
static size_t mixed_rest(const sino_facts *fx, size_t j, fx_dec *v, int64_t mult)
{
    if (mult < 100 || v->e < 0) return 0;
    size_t k = j;
    int zero = 0;
    if (cn_digit(fx_at(fx, k)) == 0) { zero = 1; k++; }
    uint32_t c = fx_at(fx, k);
    if (!is_digit(c) && cn_digit(c) < 1) return 0;
    fx_dec r;
    size_t len;
    if (is_digit(c)) {
        int64_t a = arabic_section(fx, k, &len);
        if (fx_at(fx, k + len) == '.' || fx_at(fx, k + len) == ',') return 0;
        if (cn_unit(fx_at(fx, k + len))) {
            len = parse_cn(fx, k, &r);       /* 3千 after 200亿零 */
            if (!len) return 0;
        } else {
            r.m = a;
            r.e = 0;
            if (len == 1 && !zero) r.m = a * (mult / 10);
        }
    } else {
        len = parse_cn(fx, k, &r);
        if (!len || r.e != 0) return 0;
        if (len == 1 && !zero) r.m *= mult / 10;   /* 1万五 */
    }
    if (r.m >= mult || r.m <= 0) return 0;
    fx_dec t = { r.m, 0 };
    int64_t scale = 1;
    for (int e = v->e; e > 0; e--) scale *= 10;
    if (v->m > INT64_MAX / scale - r.m) return 0;
    v->m = v->m * scale + t.m;
    v->e = 0;
    return k + len - j;
}

/* ---- units ---- */

static const char *const money_units[] = {
    "元", "美元", "欧元", "港元", "港币", "日元", "英镑", "块钱", "元人民币", "人民币",
    "圆", "美金", "日币", "泰铢", "卢布", "韩元", "韩币", "澳元", "澳币", "台币",
    "新台币", "加元", "加币", "新加坡元", "新币", "瑞士法郎", "卢比", "澳门元", "澳门币",
    "越南盾", "新西兰元", "纽元", "林吉特", "马币", "比索", "里拉", "兰特", NULL
};
static const char *const money_codes[] = {
    "CNY", "USD", "EUR", "HKD", "HKD", "JPY", "GBP", "CNY", "CNY", "CNY",
    "CNY", "USD", "JPY", "THB", "RUB", "KRW", "KRW", "AUD", "AUD", "TWD",
    "TWD", "CAD", "CAD", "SGD", "SGD", "CHF", "INR", "MOP", "MOP",
    "VND", "NZD", "NZD", "MYR", "MYR", "PHP", "TRY", "ZAR", NULL
};
/* a currency named before the amount: 港币100元, 新台币12亿元 (the 元 after
 * it is that currency's unit, not the yuan) */
static const char *const money_prefixes[] = {
    "人民币", "港币", "港元", "美元", "美金", "日元", "欧元", "英镑", "新台币", "台币",
    "澳门币", "澳元", "韩元", "卢布", "泰铢", "加元", "新加坡元", NULL
};
static const char *const money_prefix_codes[] = {
    "CNY", "HKD", "HKD", "USD", "USD", "JPY", "EUR", "GBP", "TWD", "TWD",
    "MOP", "AUD", "KRW", "RUB", "THB", "CAD", "SGD", NULL
};

/* units of time; 日 (index 14) is a day of the month unless the number
 * cannot be one; those with 多 (17个多月) are approximate */
static const char *const dur_units[] = {
    "秒钟", "秒", "分钟", "小时", "个小时", "天", "周", "个星期", "星期", "个月",
    "年", "个工作日", "工作日", "个季度", "日", "周年", "钟头", "个钟头", "个多月",
    "个多星期", "个多小时", "个多钟头", "多天", "多年", "个礼拜", "礼拜", "个多礼拜",
    "个交易日", "交易日", "个钟", NULL
};
static const char *const dur_code[] = {
    "S", "S", "min", "H", "H", "D", "W", "W", "W", "M", "Y", "BD", "BD", "Q", "D", "Y", "H", "H",
    "M", "W", "H", "H", "D", "Y", "W", "W", "W", "BD", "BD", "H", NULL
};

/* 个钟 (Cantonese and spoken: hours, 十二個鐘) only where no word goes on
 * after it (两个钟表, 三个钟楼); 个钟头 is matched whole before it */
static int hour_zhong_ok(const sino_facts *fx, size_t e)
{
    uint32_t c = fx_at(fx, e);
    return !sino_is_han(c) || fx_in(c, "零半内后前左多");
}

static const char *const measure_multi[] = {
    "平方公里", "平方千米", "平方米", "立方米", "平米", "公里", "千米", "厘米", "毫米",
    "公顷", "千克", "公斤", "千瓦时", "千瓦", "兆瓦", "个百分点", "百分点", "人次",
    "户次", "架次", "车次", "家次", "批次", "标准箱", "万吨", "个", "余个",
    "公分", "公尺", "公升", "毫升", "毫克", "英尺", "英寸", "英吋", "英里", "海里", "加仑",
    "摄氏度", "华氏度", "立方厘米", "平方英尺", "盎司", "磅", "茶匙", "汤匙", "湯匙", NULL
};
/* units of measure (not counters) that may follow an Arabic number after a
 * space (2 厘米, 3.0 公里); the Latin ones only so */
static const char *const physical_units[] = {
    "平方公里", "平方千米", "平方米", "立方米", "平米", "公里", "千米", "厘米", "毫米",
    "公顷", "千克", "公斤", "千瓦时", "千瓦", "兆瓦", "公分", "公尺", "公升", "毫升", "毫克",
    "英尺", "英寸", "英吋", "英里", "海里", "加仑", "摄氏度", "华氏度", "立方厘米",
    "平方英尺", "盎司", "茶匙", "汤匙", "湯匙", "磅", "米", "吨", "克", "斤", "升", "亩", "呎", "吋", "哩",
    "℃", "℉", NULL
};
/* Latin units, as written; long forms before their prefixes */
static const char *const latin_units[] = {
    "km", "cm", "mm", "m", "kg", "mg", "g", "ml", "mL", "L", "ft", "feet", "foot", "foots",
    "feets", "inches", "inch", "miles", "mile", "lb", "lbs", "oz", "kW", "MW", "cc", NULL
};

static int is_physical_unit(const char *unit)
{
    for (int w = 0; physical_units[w]; w++)
        if (strcmp(unit, physical_units[w]) == 0) return 1;
    return 0;
}

/* a Latin unit at j, ended by a non-letter: its length (1 for " and ' right
 * after the number: 5" = 5 inches, 8' = 8 feet) */
static size_t latin_unit_at(const sino_facts *fx, size_t j, int spaced, char *unit, size_t usize)
{
    uint32_t c = fx_at(fx, j);
    if (!spaced && (c == '"' || c == '\'') && !((fx_at(fx, j + 1) | 0x20) >= 'a' && (fx_at(fx, j + 1) | 0x20) <= 'z')) {
        snprintf(unit, usize, "%c", (char)c);
        return 1;
    }
    size_t best = 0;
    for (int w = 0; latin_units[w]; w++) {
        size_t l = strlen(latin_units[w]), k = 0;
        while (k < l && fx_at(fx, j + k) == (unsigned char)latin_units[w][k]) k++;
        if (k < l || l <= best) continue;
        uint32_t nx = fx_at(fx, j + l);
        if ((nx | 0x20) - 'a' < 26u || is_digit(nx) || nx == '_') continue;
        best = l;
        snprintf(unit, usize, "%s", latin_units[w]);
    }
    return best;
}
/* single-character measure words and units */
static const char measure_single[] =
    "名个家次人户项件条座所位批支只头辆台套间栋幢层亩米吨克斤升度倍岁场届期篇本册份张"
    "星拨轮类种款处段站床架艘列趟组队对双片棵株颗粒包箱盒瓶杯级档首部门集章节幅遍番起"
    "例宗笔票村镇口元斤呎吋";

static size_t measure_at(const sino_facts *fx, size_t j, char *unit, size_t usize)
{
    int w = -1;
    size_t m = fx_match_any(fx, j, measure_multi, &w);
    if (m > 1 && w >= 0) {
        const char *u = measure_multi[w];
        if (strncmp(u, "个", 3) == 0 && m > 1) u += 3;   /* 个百分点 -> 百分点 */
        if (strncmp(u, "余", 3) == 0) u += 3;
        snprintf(unit, usize, "%s", u);
        return m;
    }
    uint32_t c = fx_at(fx, j);
    if (c >= 0x4E00 && fx_in(c, measure_single)) {
        fx_text(fx, j, j + 1, unit, usize, 0);
        return 1;
    }
    return 0;
}

/* is the char a range separator (-, —, ~, 至, 到)? returns its length */
static size_t range_sep(const sino_facts *fx, size_t j)
{
    uint32_t c = fx_at(fx, j);
    if (c == '-' || c == 0x2014 || c == 0x2013 || c == '~' || c == 0x301C ||
        c == 0x2212 || c == 0x81F3 || c == 0x5230) {
        if (c == 0x2014 && fx_at(fx, j + 1) == 0x2014) return 2;
        if (c == '-' && fx_at(fx, j + 1) == '-') return 2;
        return 1;
    }
    return 0;
}

/* a single digit, Chinese or Arabic, at j: its value, or -1 */
static int one_digit(const sino_facts *fx, size_t j)
{
    uint32_t c = fx_at(fx, j);
    if (is_digit(c) && !is_digit(fx_at(fx, j + 1))) return (int)(c - '0');
    return c == 0x4E24 ? -1 : cn_digit(c);        /* 两角 is not said */
}

/* may an amount of money end before k? The end, a space, punctuation, a
 * range or 钱, 的, 左右, 以上: 一块二 but not 一块二手表 */
static int money_break(const sino_facts *fx, size_t k)
{
    uint32_t c = fx_at(fx, k);
    if (is_digit(c) || c == '.' || ((c | 0x20) - 'a' < 26u)) return 0;
    return !sino_is_han(c) || fx_in(c, "钱的到至或") || fx_match(fx, k, "左右") ||
           fx_match(fx, k, "以上") || fx_match(fx, k, "以下") || fx_match(fx, k, "上下");
}

/* 角 (or 毛) and 分 after 元: 十一元一角一分, 5元6毛8, 123元1角1分. Adds them
 * to v as tenths and hundredths; returns the characters consumed. */
static size_t small_units(const sino_facts *fx, size_t j, fx_dec *v, int canto);

static size_t jiao_fen(const sino_facts *fx, size_t j, fx_dec *v)
{
    return small_units(fx, j, v, 0);
}

/* jiao_fen() with the Cantonese 毫 for 角 and 仙 for 分 where canto is set
 * (after 蚊: 五蚊七毫八) */
static size_t small_units(const sino_facts *fx, size_t j, fx_dec *v, int canto)
{
    size_t k = j;
    int jiao = 0, fen = 0, seen = 0;
    uint32_t fen_c = canto ? 0x4ED9 : 0x5206;            /* 仙 分 */
    if (cn_digit(fx_at(fx, k)) == 0 && one_digit(fx, k + 1) > 0 &&
        fx_at(fx, k + 2) == fen_c) k++;           /* 三元零五分 */
    int d = one_digit(fx, k);
    uint32_t u = fx_at(fx, k + 1);
    if (d >= 0 && (canto ? u == 0x6BEB : (u == 0x89D2 || u == 0x6BDB))) {  /* 毫; 角 毛 */
        jiao = d;
        seen = 1;
        k += 2;
        if (cn_digit(fx_at(fx, k)) == 0 && one_digit(fx, k + 1) > 0) k++;
        d = one_digit(fx, k);
    }
    if (d >= 0 && fx_at(fx, k + 1) == fen_c && !fx_in(fx_at(fx, k + 2), "钟之")) {  /* 分 */
        fen = d;
        seen = 1;
        k += 2;
    } else if (jiao && d > 0 && money_break(fx, k + 1)) {
        fen = d;                                        /* 七毛八: the 分 unsaid */
        k++;
    }
    if (!seen) return 0;
    while (v->e > -2) {
        if (v->m > INT64_MAX / 10) return 0;
        v->m *= 10;
        v->e--;
    }
    if (v->e != -2 || v->m < 0) return 0;
    v->m += jiao * 10 + fen;
    return k - j;
}

/* ---- numeric phrases ---- */

typedef struct nphrase {
    size_t s, e;          /* chars */
    fx_dec v, hi;         /* value (hi for vague ranges) */
    int has_hi;
    int kind;             /* 1 Arabic, 2 Chinese */
    int approx;
    int64_t mult;
    size_t num_end;       /* after number + multipliers + 余 */
    int utype;            /* fact type suggested by the unit, -1 none */
    char unit[32];
    char mod[16];
    int single_one;       /* the number is a bare 一 */
} nphrase;

static int word_extends(const sino_facts *fx, size_t s, size_t e, int idiom_only);
static fx_dec dec_add_half(fx_dec n);

/* is the character a 大写 (financial) digit: 壹 贰 叁 ... 玖 */
static int daxie_digit(uint32_t c)
{
    return c == 0x58F9 || c == 0x8D30 || c == 0x53C1 || c == 0x8086 || c == 0x4F0D ||
           c == 0x9646 || c == 0x67D2 || c == 0x634C || c == 0x7396;
}

/* 一块二 = 1.2, 三块零四 = 3.04: after 块 a digit at a break is its 角, after
 * 零 its 分. Sets v; returns the characters used at k, or 0. */
static size_t kuai_tail(const sino_facts *fx, size_t k, fx_dec *v)
{
    int zero = cn_digit(fx_at(fx, k)) == 0 && fx_at(fx, k) != 0x3007;
    int d = one_digit(fx, k + (size_t)zero);
    if (d <= 0 || v->e != 0 || v->m < 0 || v->m > INT64_MAX / 100 ||
        !money_break(fx, k + (size_t)zero + 1))
        return 0;
    v->m = v->m * 100 + (zero ? d : 10 * d);
    v->e = -2;
    return (size_t)zero + 1;
}

/* Money in 角/毛/分 without 元, and in 块 with 角/分 after it: 壹角, 肆角叁分,
 * 两角五分, 两毛五, 十块三毛, 一百三十五块六角七分钱. A bare 三角 (a triangle)
 * or 五分 (five points) is no money: 角 and 分 alone count only in 大写
 * digits. Sets p's value and unit; returns the characters consumed at j. */
static size_t small_change(const sino_facts *fx, nphrase *p, size_t j)
{
    uint32_t c = fx_at(fx, j);
    if (c == 0x5757 && p->kind == 1 && p->v.e < 0 && !p->has_hi && p->v.m > 0 &&
        money_break(fx, j + 1 + (fx_at(fx, j + 1) == 0x94B1)))
        return 1 + (fx_at(fx, j + 1) == 0x94B1);        /* 3.04块: pieces are not counted in parts */
    if (c == 0x5757 && fx_in(fx_at(fx, j - 1), "万亿") && money_break(fx, j + 1 + (fx_at(fx, j + 1) == 0x94B1)))
        return 1 + (fx_at(fx, j + 1) == 0x94B1);        /* 几十万块: no pieces come by the ten thousand */
    if (p->has_hi || p->approx || p->v.e != 0 || p->v.m < 0) return 0;
    if (c == 0x868A && !fx_in(fx_at(fx, j + 1), "子帐香虫蝇叮")) {
        /* 七蚊, 三蚊零四, 五蚊七毫八: the Cantonese 块 (no mosquito is
         * counted so: 蚊子, 蚊香), 毫 its 角 and 仙 its 分 */
        fx_dec v = p->v;
        size_t m = small_units(fx, j + 1, &v, 1);
        if (!m) m = kuai_tail(fx, j + 1, &v);
        uint32_t nx = fx_at(fx, j + 1);
        if (!m && (is_digit(nx) || cn_digit(nx) >= 0) && !measure_at(fx, j + 2, (char[32]){0}, 32))
            return 0;                                   /* 十蚊一斤, but 三蚊二十? */
        p->v = v;
        return m + 1;
    }
    if (c == 0x5757) {                                  /* 块 */
        fx_dec v = p->v;
        size_t m = jiao_fen(fx, j + 1, &v);
        if (!m) m = kuai_tail(fx, j + 1, &v);
        if (!m) return 0;
        p->v = v;
        m += 1;
        if (fx_at(fx, j + m) == 0x94B1) m++;            /* 钱 */
        return m;
    }
    int daxie = daxie_digit(fx_at(fx, j - 1));
    if (p->v.m > 9 && !(c == 0x5206 && daxie && p->v.m <= 99)) return 0;
    if (c == 0x5206) {
        if (!daxie || fx_in(fx_at(fx, j + 1), "钟之")) return 0;
        p->v.e = -2;
        return 1;
    }
    if (c != 0x89D2 && c != 0x6BDB) return 0;           /* 角 毛 */
    fx_dec v = { p->v.m, -1 };
    size_t m = 1;
    int d = one_digit(fx, j + 1);
    if (d >= 0 && fx_at(fx, j + 2) == 0x5206 && !fx_in(fx_at(fx, j + 3), "钟之")) {
        v.m = v.m * 10 + d;                             /* 两角五分 */
        v.e = -2;
        m = 3;
    } else if (d > 0 && c == 0x6BDB && cn_digit(fx_at(fx, j + 2)) < 0 && !cn_unit(fx_at(fx, j + 2)) &&
               !is_digit(fx_at(fx, j + 2))) {
        v.m = v.m * 10 + d;                             /* 两毛五 */
        v.e = -2;
        m = 2;
    } else if (!daxie) {
        return 0;
    }
    p->v = v;
    return m;
}


/* May a Latin unit follow the number at i? Only when the number stands
 * after the start, a space or Chinese text (or a sign there): locate(1L),
 * \v'+0.25m' and x2m are code, not quantities. */
static int latin_context(const sino_facts *fx, size_t i)
{
    size_t k = i;
    if (k > 0 && (fx->cp[k - 1] == '-' || fx->cp[k - 1] == '~')) {
        k--;
        /* the second end of a range: 2-3L, 1.6m-3.9m */
        if (k > 0 && is_digit(fx->cp[k - 1])) return 1;
        if (k > 1 && (fx->cp[k - 1] | 0x20) - 'a' < 26u && is_digit(fx->cp[k - 2])) return 1;
    }
    if (k > 1 && fx_in(fx->cp[k - 1], ",;:!?(") && fx->cp[k - 2] >= 0x2E80)
        return 1;                       /* 米饭，250cc: Chinese punctuation, folded to ASCII */
    return k == 0 || fx->cp[k - 1] == ' ' || fx->cp[k - 1] >= 0x2E80;
}

/* Could a quote mark after the number at i close a quotation instead of
 * meaning inches or feet? Yes when the number follows anything but the
 * start, a space or a Chinese character, when any quote mark comes in the
 * 40 characters before it, or when another mark follows (1'' of ``1''). */
static int closes_quote(const sino_facts *fx, size_t i, size_t mark)
{
    static const char quotes[] = "\"'`\u201C\u201D\u2018\u2019";
    if (i > 0 && fx->cp[i - 1] != ' ' && fx->cp[i - 1] < 0x2E80) return 1;
    if (fx_at(fx, mark + 1) < 0x80 && fx_at(fx, mark + 1) > ' ' && fx_at(fx, mark + 1) != ',' &&
        fx_at(fx, mark + 1) != '.')
        return 1;
    for (size_t k = i > 40 ? i - 40 : 0; k < i; k++)
        if (fx_in(fx->cp[k], quotes)) return 1;
    return 0;
}

/* k, w, M, G after an Arabic number as thousand, ten thousand, million and
 * billion (15k元, 30w上下, 1.2M吨), only before a currency, a unit of
 * measure, 左右/上下/以上/以下 or a range to another number: 5G网络, 3M公司,
 * 3W的灯泡 and 4K屏 are names and units, not numbers. Returns the length (1)
 * and multiplies v, or 0. */
static size_t latin_multiplier(const sino_facts *fx, size_t j, fx_dec *v, int64_t *mult)
{
    uint32_t c = fx_at(fx, j);
    int64_t k = c == 'k' || c == 'K' ? 1000 : c == 'w' || c == 'W' ? 10000 :
                c == 'M' ? 1000000 : c == 'G' ? 1000000000 : 0;
    size_t a = j + 1, sl;
    int w;
    if (!k) return 0;
    if (!(fx_match_any(fx, a, money_units, &w) || fx_match_any(fx, a, physical_units, &w) ||
          fx_match(fx, a, "左右") || fx_match(fx, a, "上下") || fx_match(fx, a, "以上") ||
          fx_match(fx, a, "以下") || ((sl = range_sep(fx, a)) > 0 && is_digit(fx_at(fx, a + sl)))))
        return 0;
    uint32_t u = fx_at(fx, a);
    if (u < 0x80 && ((u | 0x20) - 'a' < 26u || is_digit(u))) return 0;
    dec_mul(v, k);
    if (mult) *mult = k;
    return 1;
}

/* A degree sign after a number: °C and 摄氏° are ℃, °F and 华氏° ℉, ° alone
 * stays ° (a temperature or an angle); 45°30′ is an angle in minutes, not
 * taken. Sets unit; returns the length, or 0. */
static size_t degree_at(const sino_facts *fx, size_t j, char *unit, size_t usize)
{
    size_t k = j;
    const char *u = "°";
    if (fx_match(fx, k, "摄氏")) { u = "℃"; k += 2; }
    else if (fx_match(fx, k, "华氏")) { u = "℉"; k += 2; }
    if (fx_at(fx, k) != 0xB0) return 0;
    k++;
    uint32_t x = fx_at(fx, k);
    if (k == j + 1 && (x == 'C' || x == 'F') && !((fx_at(fx, k + 1) | 0x20) - 'a' < 26u)) {
        u = x == 'C' ? "℃" : "℉";
        k++;
    } else if (is_digit(x) || (x | 0x20) - 'a' < 26u) {
        return 0;
    }
    snprintf(unit, usize, "%s", u);
    return k - j;
}

/* 摄氏 or 华氏 before the number at i of a temperature in ° or 度 (摄氏37度,
 * 华氏70°): the candidate cd starts there, in ℃ or ℉ */
static void temperature_scale(const sino_facts *fx, fx_cand *cd, size_t i)
{
    if (i < 2 || (strcmp(cd->unit, "°") != 0 && strcmp(cd->unit, "度") != 0)) return;
    if (fx_match(fx, i - 2, "摄氏")) snprintf(cd->unit, sizeof cd->unit, "℃");
    else if (fx_match(fx, i - 2, "华氏")) snprintf(cd->unit, sizeof cd->unit, "℉");
    else return;
    cd->s = (uint32_t)(i - 2);
}

/* N日 as a count of days, not a day of the month: the number cannot be a
 * day (两日, 90日), or 内/以内/之内/后 follows (3日内) */
static int day_count(const sino_facts *fx, const nphrase *p, size_t j)
{
    if (p->has_hi || p->v.e != 0) return 0;
    if (p->v.m > 31 || fx_at(fx, p->s) == 0x4E24) return 1;
    return fx_at(fx, j + 1) == 0x5185 || fx_match(fx, j + 1, "以内") || fx_match(fx, j + 1, "之内");
}

/* 俩 or 仨 at i counting a unit of time (俩礼拜, 仨月), not the two or
 * three people of 咱俩, 他们仨 (咱俩天天见, 他俩年纪: a pronoun before it,
 * or a word that runs past the unit) */
static int sa_count(const sino_facts *fx, size_t i)
{
    int w = -1;
    size_t m = fx_at(fx, i + 1) == 0x6708 ? 1 : fx_match_any(fx, i + 1, dur_units, &w);
    if (!m || (i > 0 && fx_in(fx->cp[i - 1], "们咱我你您他她它俺哥姐弟妹爷奶爸妈"))) return 0;
    return !word_extends(fx, i + 1, i + 1 + m, 0);
}

/* Number + multipliers + 余/多 + unit, starting at i. Returns 1 on a number. */
static int parse_phrase(const sino_facts *fx, size_t i, nphrase *p)
{
    memset(p, 0, sizeof *p);
    p->s = i;
    p->utype = -1;
    size_t j = i;
    uint32_t c = fx_at(fx, i);
    /* vague: 数千万, 几十, 上百, 十几 */
    if ((c == 0x6570 || c == 0x51E0 || c == 0x4E0A) && cn_unit(fx_at(fx, i + 1)) &&
        cn_unit(fx_at(fx, i + 1)) >= 10) {
        if (c == 0x4E0A && cn_unit(fx_at(fx, i + 1)) < 100) return 0;   /* 上十? no */
        int64_t u = 1;
        j = i + 1;
        while (cn_unit(fx_at(fx, j)) && j - i <= 3 && u <= INT64_MAX / 100000000 / 100) {
            u *= cn_unit(fx->cp[j]);
            j++;
        }
        p->v.m = u;
        p->v.e = 0;
        if (c == 0x4E0A) {
            p->approx = 1;
        } else {
            p->hi.m = u * 10;
            p->has_hi = 1;
            p->approx = 1;
        }
        p->kind = 2;
    } else if (((cn_digit(c) >= 1 && cn_digit(fx_at(fx, i + 1)) == cn_digit(c) + 1) ||
                (c == 0x4E09 && (fx_at(fx, i + 1) == 0x4E24 || fx_at(fx, i + 1) == 0x4E94))) &&
               cn_digit(fx_at(fx, i + 2)) < 0 && fx_at(fx, i + 2) != 0x70B9) {
        /* 三四个, 四五千, 八九亿: two neighbouring digits are "three or four";
         * 三两个 is "two or three", 三五天 "three to five" (not 35) */
        int64_t u = 1;
        j = i + 2;
        while (cn_unit(fx_at(fx, j)) && j - i <= 4 && u <= INT64_MAX / 100000000 / 100) {
            int64_t k = cn_unit(fx->cp[j]);
            if (u > 1 && k < 10000 && k >= u) break;
            u *= k;
            j++;
        }
        int lo = cn_digit(c), hi = cn_digit(fx->cp[i + 1]);
        p->v.m = (lo < hi ? lo : hi) * u;
        p->hi.m = (lo < hi ? hi : lo) * u;
        p->has_hi = 1;
        p->approx = 1;
        p->kind = 2;
    } else if (is_digit(c) || (c == '.' && is_digit(fx_at(fx, i + 1)))) {
        size_t k = parse_ar(fx, j, &p->v);
        j += k;
        p->kind = 1;
        if (fx_at(fx, j) == ' ' && (fx_at(fx, j + 1) == 0x4E07 || fx_at(fx, j + 1) == 0x4EBF))
            j++;                                       /* 177.1 亿元 */
        size_t mk = multipliers(fx, j, &p->v, &p->mult);
        j += mk ? mk : latin_multiplier(fx, j, &p->v, &p->mult);
        j += mixed_rest(fx, j, &p->v, p->mult);
    } else if ((c == 0x4FE9 || c == 0x4EE8) && sa_count(fx, i)) {
        /* 俩礼拜, 仨月: 俩 and 仨 are 两个 and 三个, here before a unit of time */
        p->v.m = c == 0x4FE9 ? 2 : 3;
        p->kind = 2;
        j = i + 1;
    } else {
        size_t k = parse_cn(fx, j, &p->v);
        if (!k) return 0;
        if (p->v.e == FX_NO_VALUE) {
            p->num_end = p->e = j + k;
            return 1;
        }
        if (k == 1 && cn_unit(c) == 10000) return 0;
        p->single_one = (k == 1 && cn_digit(c) == 1);
        j += k;
        p->kind = 2;
        if (fx_at(fx, j) == 0x4E2A && fx_in(fx_at(fx, j + 1), "亿万") && p->v.e == 0 && p->v.m < 10000) {
            j++;                                        /* 两个亿 (spoken): 2亿 */
            j += multipliers(fx, j, &p->v, &p->mult);
            p->single_one = 0;
        }
        /* 十几, 二十几 */
        if (fx_at(fx, j) == 0x51E0 && cn_unit(fx_at(fx, j - 1))) {
            p->approx = 1;
            j++;
        }
    }
    /* 余 多 来 (approximate), then 万/亿 again */
    uint32_t a = fx_at(fx, j);
    if (a == 0x4F59 || a == 0x591A || (a == 0x6765 && p->kind == 2)) {   /* 余 多 来 */
        p->approx = 1;
        j++;
        j += multipliers(fx, j, &p->v, NULL);
    }
    if (p->has_hi) {
        int64_t m2 = 1;
        size_t k = multipliers(fx, j, &p->v, &m2);
        if (k) {
            dec_mul(&p->hi, m2);
            j += k;
        }
    }
    p->num_end = j;
    /* unit */
    c = fx_at(fx, j);
    int w = -1;
    size_t m;
    if (c == '%') {
        p->utype = SINO_FACT_PERCENT;
        snprintf(p->unit, sizeof p->unit, "%%");
        j++;
    } else if (c == 0x2030) {   /* ‰ */
        p->utype = SINO_FACT_QUANTITY;
        snprintf(p->unit, sizeof p->unit, "‰");
        j++;
    } else if ((m = fx_match_any(fx, j, money_units, &w)) > 0) {
        p->utype = SINO_FACT_MONEY;
        snprintf(p->unit, sizeof p->unit, "%s", money_codes[w]);
        j += m;
        int w2 = -1;
        size_t m2 = w == 0 ? fx_match_any(fx, j, money_units, &w2) : 0;
        if (m2 && w2 > 0 && strcmp(money_codes[w2], "CNY") != 0) {
            snprintf(p->unit, sizeof p->unit, "%s", money_codes[w2]);   /* 三万元欧元, 9000元日币 */
            j += m2;
            w = w2;
        }
        if ((w == 0 || w == 10) && !p->has_hi && !p->approx) j += jiao_fen(fx, j, &p->v);
    } else if (c == 0x6708 && j == i + 1 && (fx_at(fx, i) == 0x4FE9 || fx_at(fx, i) == 0x4EE8)) {
        p->utype = SINO_FACT_DURATION;                  /* 俩月: 个 is in 俩 */
        snprintf(p->unit, sizeof p->unit, "M");
        j++;
    } else if (c == 0x4E24 && fx_at(fx, j + 1) == 0x534A && p->kind && !p->has_hi && !p->approx &&
               p->v.e == 0 && p->v.m > 0 && !cn_unit(fx_at(fx, j + 2)) && cn_digit(fx_at(fx, j + 2)) < 0) {
        /* 9两半, 九两半: 两 after a number is the weight (50 g), the half its half */
        p->utype = p->kind == 1 ? SINO_FACT_QUANTITY : SINO_FACT_NUMERAL;
        p->v = dec_add_half(p->v);
        snprintf(p->unit, sizeof p->unit, "两");
        j += 2;
    } else if ((m = small_change(fx, p, j)) > 0) {
        p->utype = SINO_FACT_MONEY;
        snprintf(p->unit, sizeof p->unit, "CNY");
        j += m;
    } else if ((m = fx_match_any(fx, j + (c == ' '), dur_units, &w)) > 0 &&
               !(c == ' ' && (w == 14 || w == 9 || w == 10)) &&    /* 10 月 is October */
               !(w == 14 && !day_count(fx, p, j)) &&
               !(strcmp(dur_units[w], "个钟") == 0 && !hour_zhong_ok(fx, j + (c == ' ') + m)) &&
               !(w == 10 && p->kind == 1 && p->v.e == 0 && p->v.m >= 1000)) {
        p->utype = SINO_FACT_DURATION;
        snprintf(p->unit, sizeof p->unit, "%s", dur_code[w]);
        if (strstr(dur_units[w], "多")) p->approx = 1;
        j += m + (c == ' ');
    } else if (c == 0x4E2A && (m = fx_match_any(fx, j + 1, physical_units, &w)) > 0 && m > 1) {
        /* 六个加仑, 三个公里: 个 before a unit of measure counts that unit */
        snprintf(p->unit, sizeof p->unit, "%s", physical_units[w]);
        p->utype = p->kind == 1 ? SINO_FACT_QUANTITY : SINO_FACT_NUMERAL;
        j += 1 + m;
    } else if ((m = measure_at(fx, j, p->unit, sizeof p->unit)) > 0 ||
               ((c == 0x2103 || c == 0x2109) && (m = 1) &&
                fx_text(fx, j, j + 1, p->unit, sizeof p->unit, 0)) ||
               (m = degree_at(fx, j, p->unit, sizeof p->unit)) > 0) {
        p->utype = p->kind == 1 ? SINO_FACT_QUANTITY : SINO_FACT_NUMERAL;
        j += m;
    } else if (c == 0x5206 && p->kind == 2 && !p->has_hi && p->v.e == 0 && p->v.m >= 20 && j - i >= 2 &&
               !fx_in(fx_at(fx, j + 1), "钟之半秒贝钱") && !(i > 0 && fx_in(fx->cp[i - 1], "点點时時"))) {
        /* 两千分, 九十分: points (or minutes) counted in Chinese numerals of
         * 20 and more, the number sure whatever 分 is; not 五分, 十分 (very),
         * 三点三十分 (a clock time), 六十分贝 */
        p->utype = SINO_FACT_NUMERAL;
        snprintf(p->unit, sizeof p->unit, "分");
        j++;
    } else if (latin_context(fx, i) && (m = latin_unit_at(fx, j, 0, p->unit, sizeof p->unit)) > 0 &&
               (p->kind == 1 || (m > 1 || p->unit[0] == 'L')) &&
               !(m == 1 && (p->unit[0] == '"' || p->unit[0] == '\'') && closes_quote(fx, i, j))) {
        /* 5" and 8' but not the closing quote of "123" or "1 Jan 1998";
         * after Chinese numerals only units of two letters or L (四ml,
         * 七十L: 三m and 五g are too likely something else) */
        p->utype = p->kind == 1 ? SINO_FACT_QUANTITY : SINO_FACT_NUMERAL;
        j += m;
    } else if (p->kind == 1 && c == ' ' && fx_at(fx, j + 1) != ' ') {
        /* one space between the number and a unit of measure: 3 km, 2 厘米 */
        if ((latin_context(fx, i) && (m = latin_unit_at(fx, j + 1, 1, p->unit, sizeof p->unit)) > 0) ||
            ((m = fx_match_any(fx, j + 1, physical_units, &w)) > 0 &&
             snprintf(p->unit, sizeof p->unit, "%s", physical_units[w]) > 0)) {
            p->utype = SINO_FACT_QUANTITY;
            j += 1 + m;
        }
    }
    p->e = j;
    return 1;
}

static void set_value(fx_cand *c, const nphrase *p)
{
    if (p->has_hi) {
        char a[40], b[40];
        fx_dec_format(p->v, a, sizeof a);
        fx_dec_format(p->hi, b, sizeof b);
        snprintf(c->value, sizeof c->value, "[%s,%s]", a, b);
    } else {
        fx_dec_format(p->v, c->value, sizeof c->value);
    }
    snprintf(c->unit, sizeof c->unit, "%s", p->unit);
    c->approx = p->approx;
}

/* an idiom or lexicalised word starts at s and runs past e (七上八下, 一体化) */
struct wx { size_t want; size_t longest; int idiom; };

static int wx_cb(void *ctx, size_t key_len, const sino_dict_value *v)
{
    struct wx *w = ctx;
    if (key_len > w->longest) {
        w->longest = key_len;
        w->idiom = v->len > 0 && (v->str[0] == 'i' || v->str[0] == 'l');
        if (v->len > 0 && v->str[0] == 'm') w->idiom = -1;
    }
    return 0;
}

static int word_extends(const sino_facts *fx, size_t s, size_t e, int idiom_only)
{
    struct wx w = { 0, 0, 0 };
    size_t from = fx->nb[s];
    size_t lim = fx->nb[fx->n] - from;
    if (lim > 24) lim = 24;
    sino_dict_prefixes(fx->words, fx->nu.data + from, lim, wx_cb, &w);
    if (w.longest == 0) return 0;
    if (from + w.longest <= fx->nb[e]) return 0;
    if (w.idiom == -1) return 0;
    if (idiom_only) return w.idiom == 1;
    return 1;
}

/* A duration as its components, largest first: 36天5小时30分 is
 * {D 36, H 5, min 30}. Units: Y M W D H min S, BD (business days), Q. */
enum { DU_Y, DU_M, DU_W, DU_D, DU_H, DU_MIN, DU_S, DU_N };
static const char du_letter[DU_N] = { 'Y', 'M', 'W', 'D', 'H', 'M', 'S' };

typedef struct dur {
    fx_dec part[DU_N];
    int has[DU_N];
    int last;               /* the smallest unit given so far */
    int business;           /* 工作日 */
} dur;

static int du_index(const char *code)
{
    static const char *const codes[] = { "Y", "M", "W", "D", "H", "min", "S" };
    for (int k = 0; k < DU_N; k++)
        if (strcmp(code, codes[k]) == 0) return k;
    if (strcmp(code, "BD") == 0) return DU_D;
    if (strcmp(code, "Q") == 0) return DU_M;
    return -1;
}

/* add n of the unit code; 0 when it does not continue the chain downwards */
static int dur_add(dur *d, fx_dec n, const char *code)
{
    int k = du_index(code);
    if (k < 0 || (d->last >= 0 && k <= d->last)) return 0;
    if (strcmp(code, "Q") == 0) dec_mul(&n, 3);
    if (strcmp(code, "BD") == 0) d->business = 1;
    d->part[k] = n;
    d->has[k] = 1;
    d->last = k;
    return 1;
}

/* n + 1/2 */
static fx_dec dec_add_half(fx_dec n)
{
    while (n.e > -1) {
        if (n.m > INT64_MAX / 10) return n;
        n.m *= 10;
        n.e--;
    }
    int64_t half = 5;
    for (int e = n.e; e < -1; e++) half *= 10;
    n.m += half;
    return n;
}

static void dur_format(const dur *d, char *out, size_t size)
{
    size_t o = (size_t)snprintf(out, size, "P");
    int t = 0;
    for (int k = 0; k < DU_N && o + 1 < size; k++) {
        if (!d->has[k]) continue;
        if (k >= DU_H && !t) {
            o += (size_t)snprintf(out + o, size - o, "T");
            t = 1;
        }
        char num[48];
        fx_dec_format(d->part[k], num, sizeof num);
        o += (size_t)snprintf(out + o, size - o, "%s%c", num, du_letter[k]);
    }
}

static void emit_dur(sino_facts *fx, const dur *d, size_t s, size_t e, const char *mod, int approx)
{
    fx_cand *c = fx_add(fx, SINO_FACT_DURATION, s, e);
    if (!c) return;
    dur_format(d, c->value, sizeof c->value);
    snprintf(c->unit, sizeof c->unit, "%s", d->business ? "工作日" : "");
    c->approx = approx;
    snprintf(c->mod, sizeof c->mod, "%s", mod);
}

/* ---- dates ---- */

static int small_num(const sino_facts *fx, size_t j, size_t *len)
{
    fx_dec v;
    size_t k = 0;
    if (is_digit(fx_at(fx, j))) {
        k = parse_ar(fx, j, &v);
        if (k > 2 || v.e != 0) return -1;
    } else if (cn_digit(fx_at(fx, j)) >= 0 || fx_at(fx, j) == 0x5341 || cn_tens(fx_at(fx, j))) {
        k = parse_cn(fx, j, &v);
        if (!k || k > 3 || v.e != 0) return -1;
    } else {
        return -1;
    }
    *len = k;
    return (int)v.m;
}

static void fmt_year(char *out, size_t size, int y, int yrel, int known)
{
    if (known == 1) snprintf(out, size, "%04d", y);
    else if (known == 2) snprintf(out, size, yrel == 0 ? "Y0" : "Y%+d", yrel);
    else snprintf(out, size, "XXXX");
}

/* Holidays, the fixed ones as MM-DD, the lunar ones symbolic. Those whose
 * name is also an ordinary word or number (五一, 十一, 中秋, 端午, 元宵, 清明
 * as solar term...) need a cue after them: 期间, 假期, 前后... */
static const char *const holidays[] = {
    "国庆节", "国庆", "元旦", "春节", "五一", "劳动节", "中秋节", "中秋", "端午节",
    "端午", "清明节", "清明", "元宵节", "元宵", "除夕", "七一", "八一", "十一",
    "元旦节", "妇女节", "三八妇女节", "儿童节", "国际儿童节", "六一儿童节", "建军节",
    "八一建军节", "建党节", "七一建党节", "圣诞节", "圣诞", "平安夜", "愚人节", "万圣节",
    "情人节", "植树节", "教师节", "青年节", "五四青年节", "护士节", "国际劳动节",
    "五一国际劳动节", "五一劳动节", "十一国庆节", "消费者权益日", "国际消费者权益日",
    "澳门回归纪念日", "香港回归纪念日", "母亲节", "父亲节", "感恩节", "圣瓦伦丁节", "阳历新年", "公历新年", "新历新年", NULL
};
static const char *const holiday_md[] = {
    "10-01", "10-01", "01-01", "SF", "05-01", "05-01", "MAF", "MAF", "DBF",
    "DBF", "04-05", "04-05", "LF", "LF", "NYE", "07-01", "08-01", "10-01",
    "01-01", "03-08", "03-08", "06-01", "06-01", "06-01", "08-01",
    "08-01", "07-01", "07-01", "12-25", "12-25", "12-24", "04-01", "10-31",
    "02-14", "03-12", "09-10", "05-04", "05-04", "05-12", "05-01",
    "05-01", "05-01", "10-01", "03-15", "03-15",
    "12-20", "07-01", "F05-2-7", "F06-3-7", "F11-4-4", "02-14", "01-01", "01-01", "01-01", NULL
};
static const unsigned char holiday_needs_cue[] = {
    0, 0, 0, 0, 1, 0, 0, 1, 0,
    1, 0, 1, 0, 1, 0, 1, 1, 1,
};

static int needs_cue(int w)
{
    return w >= 0 && (size_t)w < sizeof holiday_needs_cue && holiday_needs_cue[w];
}

/* a holiday of the lunar calendar (春节, 中秋, 端午, 元宵, 除夕): its value a code */
static int lunar_holiday(int w)
{
    const char *md = holiday_md[w];
    return md[0] >= 'A' && md[0] <= 'Z' && md[0] != 'F';
}

static const char *const rel_words[] = {
    "今天", "昨天", "明天", "前天", "后天", "今日", "昨日", "本月", "上月", "下月",
    "当月", "本周", "上周", "下周", "上个月", "下个月", "这个月", "这周", "本星期",
    "上星期", "下星期", "这星期", "上个星期", "下个星期", "这个星期", "上礼拜",
    "下礼拜", "这礼拜", "本礼拜", "上个礼拜", "下个礼拜", "这个礼拜", "这一周", "这一星期",
    "这一礼拜", "今个星期", "今个礼拜", "明日", "前日", "大后天", "大前天", "今个月",
    "这一个月", "上一个月", "下一个月", "上一周", "下一周", "上上周", "下下周", "今晚",
    "昨晚", "明晚", "今早", "明早", "今晨", "昨夜", "今星期", "今礼拜", "大大后天", "大大前天", "今明两天", "今明两年", "本日",
    /* Cantonese 听日, 寻日 and literary 后日: see weak_rel_word */
    "后日", "大后日", "听日", "寻日", NULL
};
static const char *const rel_values[] = {
    "D0", "D-1", "D+1", "D-2", "D+2", "D0", "D-1", "M0", "M-1", "M+1",
    "M0", "W0", "W-1", "W+1", "M-1", "M+1", "M0", "W0", "W0",
    "W-1", "W+1", "W0", "W-1", "W+1", "W0", "W-1",
    "W+1", "W0", "W0", "W-1", "W+1", "W0", "W0", "W0",
    "W0", "W0", "W0", "D+1", "D-2", "D+3", "D-3", "M0",
    "M0", "M-1", "M+1", "W-1", "W+1", "W-2", "W+2", "D0",
    "D-1", "D+1", "D0", "D+1", "D0", "D-1", "W0", "W0", "D+4", "D-4", "D0/D+1", "Y0/Y+1", "D0",
    "D+2", "D+3", "D+1", "D-1"
};

/* 后日 (the day after tomorrow), 听日 and 寻日 (Cantonese tomorrow and
 * yesterday) end words as often (今后日子, 以后日常, 打听日期): only after
 * no Han character or one that opens a time (在, 到, 是 ...) and before no
 * Han character that goes on the word. */
static int weak_rel_word(const sino_facts *fx, size_t i, size_t e)
{
    if (!(fx_match(fx, i, "后日") || fx_match(fx, i, "大后日") || fx_match(fx, i, "听日") ||
          fx_match(fx, i, "寻日")))
        return 0;
    if (i > 0 && sino_is_han(fx->cp[i - 1]) && !fx_in(fx->cp[i - 1], "在到是于至从的和或"))
        return 1;
    return fx_in(fx_at(fx, e), "子常期记本报志益后前内里月光头");
}

/* the day of the week after 周, 星期 or 礼拜: 1 Monday .. 7 Sunday, or 0 */
static int weekday_at(const sino_facts *fx, size_t j)
{
    uint32_t c = fx_at(fx, j);
    if (c == 0x65E5 || c == 0x5929) return 7;      /* 日 天 */
    int d = cn_digit(c);
    return d >= 1 && d <= 6 && c != 0x4E24 ? d : 0;
}

/* 星期三, 礼拜五, 周日 on their own: XXXX-WXX-N (the week is not said). 周X
 * also starts names (周一鸣), so it needs a time word or a break after it. */
static size_t bare_weekday(const sino_facts *fx, size_t i, char *val, size_t size)
{
    size_t k = 0;
    if (fx_match(fx, i, "星期") || fx_match(fx, i, "礼拜")) k = 2;
    else if (fx_at(fx, i) == 0x5468) k = 1;          /* 周 */
    if (!k) return 0;
    int wd = weekday_at(fx, i + k);
    if (!wd) return 0;
    if (k == 1) {
        if (fx_at(fx, i + 1) == 0x5929) return 0;    /* 周天 */
        uint32_t nx = fx_at(fx, i + 2);
        if (nx >= 0x4E00 && nx <= 0x9FFF && !fx_in(nx, "上下中早晚凌午起至到前后的和及与或开将在是、"))
            return 0;
        if (i > 0 && fx->cp[i - 1] >= 0x4E00 && fx->cp[i - 1] <= 0x9FFF &&
            !fx_in(fx->cp[i - 1], "在于至到和及与或每逢是从的前后即"))
            return 0;                                  /* 上周一 is handled there; 老周一 no */
        if (fx_in(fx_at(fx, i - 1), "每")) return 0;
    } else if (i > 0 && fx_in(fx->cp[i - 1], "每个")) {
        return 0;                                      /* 每星期一 is periodic */
    }
    snprintf(val, size, "XXXX-WXX-%d", wd);
    return k + 1;
}

/* The offset after a relative-date letter in a value such as "Y-1" or "M+2"
 * ("0" for none); *pp is moved past it. */
static int relative_offset(const char **pp)
{
    const char *p = *pp;
    int off = 0;
    if (*p == '0') {
        *pp = p + 1;
        return 0;
    }
    int sign = *p == '-' ? -1 : 1;
    p++;
    while (*p >= '0' && *p <= '9') off = off * 10 + (*p++ - '0');
    *pp = p;
    return sign * off;
}

/* days since 1970-01-01 of a proleptic Gregorian date, and back */
static long days_of(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void date_of(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static size_t put_day(char *out, size_t size, long z)
{
    int y, m, d;
    date_of(z, &y, &m, &d);
    return (size_t)snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}

/* One relative day, month or week at the start of p ("D-1", "M+2-09",
 * "W-1-3", "W+1"), written as a calendar value. side says which end of a
 * span the point is: a week alone is Monday/Sunday (side 0), the start of a
 * span its Monday (side 1), the end its Sunday (side 2). Returns the
 * characters of p used, or 0 when p holds none. */
static size_t resolve_rel_point(const sino_facts *fx, const char *p, int side, char *out, size_t size,
                                size_t *o)
{
    const char *q = p;
    char kind = q[0];
    if ((kind != 'D' && kind != 'M' && kind != 'W') || (q[1] != '0' && q[1] != '+' && q[1] != '-'))
        return 0;
    q++;
    int off = relative_offset(&q);
    long ref = days_of(fx->ry, fx->rm, fx->rd);
    if (kind == 'M') {
        int mm = fx->rm - 1 + off, yy = fx->ry;
        while (mm < 0) { mm += 12; yy--; }
        while (mm >= 12) { mm -= 12; yy++; }
        *o += (size_t)snprintf(out + *o, size - *o, "%04d-%02d", yy, mm + 1);
    } else if (kind == 'D') {
        *o += put_day(out + *o, size - *o, ref + off);
    } else {
        long monday = ref - (((ref % 7) + 10) % 7) + 7L * off;   /* 1970-01-01 was a Thursday */
        if (q[0] == '-' && q[1] >= '1' && q[1] <= '7') {
            *o += put_day(out + *o, size - *o, monday + (q[1] - '1'));
            q += 2;
        } else if (side == 1) {
            *o += put_day(out + *o, size - *o, monday);
        } else if (side == 2) {
            *o += put_day(out + *o, size - *o, monday + 6);
        } else {
            *o += put_day(out + *o, size - *o, monday);
            out[(*o)++] = '/';
            *o += put_day(out + *o, size - *o, monday + 6);
        }
    }
    return (size_t)(q - p);
}

/* Replace the relative parts of a date value by calendar values of the
 * reference date: Y0/Y-1 years, XXXX the reference year, D/M/W offsets at
 * the start of a point (M-1-09 a day of last month, W+1-3 a weekday of next
 * week, W-1 alone the week Monday to Sunday, W-2/W-1 Monday of the one to
 * Sunday of the other). */
static void resolve_date(const sino_facts *fx, const char *val, char *out, size_t size)
{
    size_t o = 0;
    const char *p = val;
    int span = strchr(val, '/') != NULL;
    int side = span ? 1 : 0;
    const char *point = val;             /* where the current point starts */
    while (*p && o + 24 < size) {
        size_t used;
        if (p[0] == 'Y' && (p[1] == '0' || p[1] == '+' || p[1] == '-')) {
            p++;
            int off = relative_offset(&p);
            o += (size_t)snprintf(out + o, size - o, "%04d", fx->ry + off);
        } else if (p[0] == 'X' && p[1] == 'X' && p[2] == 'X' && p[3] == 'X') {
            o += (size_t)snprintf(out + o, size - o, "%04d", fx->ry);
            p += 4;
        } else if (p == point && (used = resolve_rel_point(fx, p, side, out, size, &o)) > 0) {
            p += used;
        } else {
            if (*p == '/') {
                point = p + 1;
                side = 2;
            }
            out[o++] = *p++;
        }
    }
    out[o] = 0;
}

/* A date relative to the reference (val such as XXXX-06-30 or M+1/M+3):
 * resolved against --ref-date when there is one, else kept as written. */
static void set_relative(const sino_facts *fx, fx_cand *cd, const char *val)
{
    cd->rel = 1;
    if (fx->ry > 0) {
        resolve_date(fx, val, cd->value, sizeof cd->value);
        cd->resolved = 1;
    } else {
        snprintf(cd->value, sizeof cd->value, "%s", val);
    }
}

/* after a day number written without 日: the end, a space or punctuation,
 * or a range separator (1月3至2月10) */
static int day_may_end(const sino_facts *fx, size_t k)
{
    uint32_t c = fx_at(fx, k);
    if (c == 0 || c == ' ' || c == '\t') return 1;
    if (is_digit(c) || c == '.' || c == ':' || c == '%') return 0;
    if (range_sep(fx, k)) return 1;
    return fx_in(c, "，。、；：！？,;!?）)") ;
}

/* 2019-05-27, 2019/04/19, 2019.05.27: a four-digit year, a month and a
 * day joined by one separator, not part of a longer code. Returns the end. */
static size_t numeric_date(sino_facts *fx, size_t i)
{
    int y = 0;
    for (size_t k = i; k < i + 4; k++) {
        if (!is_digit(fx_at(fx, k))) return 0;
        y = y * 10 + (int)(fx->cp[k] - '0');
    }
    if (y < 1900 || y > 2199) return 0;
    uint32_t sep = fx_at(fx, i + 4);
    if (sep != '-' && sep != '/' && sep != '.') return 0;
    size_t j = i + 5, k = j;
    int mo = 0, dd = 0;
    while (is_digit(fx_at(fx, k)) && k - j < 3) mo = mo * 10 + (int)(fx->cp[k++] - '0');
    if (k - j < 1 || k - j > 2 || fx_at(fx, k) != sep) return 0;
    size_t d0 = ++k;
    while (is_digit(fx_at(fx, k)) && k - d0 < 3) dd = dd * 10 + (int)(fx->cp[k++] - '0');
    if (k - d0 < 1 || k - d0 > 2) return 0;
    uint32_t nx = fx_at(fx, k);
    if (is_digit(nx) || nx == sep || ((nx | 0x20) >= 'a' && (nx | 0x20) <= 'z') ||
        (nx == '.' && is_digit(fx_at(fx, k + 1))))
        return 0;
    if (i > 0 && (fx->cp[i - 1] == '.' || fx->cp[i - 1] == '/' || fx->cp[i - 1] == '-' ||
                  ((fx->cp[i - 1] | 0x20) >= 'a' && (fx->cp[i - 1] | 0x20) <= 'z')))
        return 0;
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (mo < 1 || mo > 12 || dd < 1 || dd > mdays[mo - 1]) return 0;
    if (mo == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    if (fx_in(nx, "日号")) k++;
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, k);
    if (cd) snprintf(cd->value, sizeof cd->value, "%04d-%02d-%02d", y, mo, dd);
    return k;
}

/* 第三周, 第2个星期, 第一个星期一: an ordinal week (*wd = 0) or, with 个
 * and a weekday, the Nth such weekday (*wd 1..7). Returns the length, or 0. */
static size_t week_ordinal(const sino_facts *fx, size_t j, int *n, int *wd)
{
    if (fx_at(fx, j) != 0x7B2C) return 0;                      /* 第 */
    size_t l;
    int k = small_num(fx, j + 1, &l);
    if (k < 1 || k > 53) return 0;
    size_t q = j + 1 + l;
    int ge = fx_at(fx, q) == 0x4E2A;                            /* 个 */
    q += (size_t)ge;
    size_t wl = (fx_match(fx, q, "星期") || fx_match(fx, q, "礼拜")) ? 2 : fx_at(fx, q) == 0x5468 ? 1 : 0;
    if (!wl) return 0;
    q += wl;
    *wd = weekday_at(fx, q);
    if (*wd) {
        if (!ge) return 0;                                      /* 第一周一: unclear */
        q++;
    }
    *n = k;
    return q - j;
}

/* 第8个月, 第三个月: the Nth month (1..12) of a year. Returns the length, or 0. */
static size_t month_ordinal(const sino_facts *fx, size_t j, int *n)
{
    size_t l;
    if (fx_at(fx, j) != 0x7B2C) return 0;                      /* 第 */
    *n = small_num(fx, j + 1, &l);
    if (*n < 1 || *n > 12 || !fx_match(fx, j + 1 + l, "个月")) return 0;
    return 1 + l + 2;
}

/* the digits at k, at most max of them: their value, *len their count */
static int digits_at(const sino_facts *fx, size_t k, size_t max, size_t *len)
{
    int v = 0;
    size_t n = 0;
    while (n < max && is_digit(fx_at(fx, k + n))) v = v * 10 + (int)(fx->cp[k + n++] - '0');
    *len = n;
    return is_digit(fx_at(fx, k + n)) ? -1 : v;
}

static int valid_day(int y, int m, int d)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    return !(m == 2 && d == 29 && y > 0 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* the end of a numeric date written without separators or with spaces:
 * the end of the text, a space, punctuation or 日/号 (not a digit, a
 * letter, a unit or more of a table row) */
static int numeric_date_ends(const sino_facts *fx, size_t k)
{
    uint32_t c = fx_at(fx, k);
    if (c == ' ' || c == '\t')
        return !is_digit(fx_at(fx, k + 1));
    return c == 0 || c == '\n' || fx_in(c, "，。、；：！？,;!?）)」』”日号");
}

/* 20240307 and 2022 11 23: eight digits as year, month and day, or the
 * three parts apart by one space. Digit strings are codes as often (order
 * numbers, phone numbers), so only a valid date of 1900-2099 standing
 * alone: no digit, letter, dot or dash before it, no Han character but 于,
 * 在, 从 ... (not 订单20240307), and the end of the text, a space or
 * punctuation after it. Returns the
 * end, or 0. */
static size_t plain_numeric_date(sino_facts *fx, size_t i)
{
    uint32_t pc = i > 0 ? fx->cp[i - 1] : 0;
    if (is_digit(pc) || pc == '.' || pc == '-' || pc == '/' || pc == ':' || pc == '#' ||
        ((pc | 0x20) >= 'a' && (pc | 0x20) <= 'z') || (sino_is_han(pc) && !fx_in(pc, "于在至从到自是的")))
        return 0;
    int y = 0, mo = 0, dd = 0;
    size_t k = i;
    for (; k < i + 4; k++) {
        if (!is_digit(fx_at(fx, k))) return 0;
        y = y * 10 + (int)(fx->cp[k] - '0');
    }
    if (y < 1900 || y > 2099) return 0;
    if (is_digit(fx_at(fx, k))) {
        /* compact: exactly four more digits */
        for (; k < i + 8; k++) {
            if (!is_digit(fx_at(fx, k))) return 0;
        }
        mo = (int)(fx->cp[i + 4] - '0') * 10 + (int)(fx->cp[i + 5] - '0');
        dd = (int)(fx->cp[i + 6] - '0') * 10 + (int)(fx->cp[i + 7] - '0');
    } else if (fx_at(fx, k) == ' ') {
        size_t len;
        mo = digits_at(fx, k + 1, 2, &len);
        if (mo < 0 || !len || fx_at(fx, k + 1 + len) != ' ') return 0;
        k += 2 + len;
        dd = digits_at(fx, k, 2, &len);
        if (dd < 0 || !len) return 0;
        k += len;
    } else {
        return 0;
    }
    if (!valid_day(y, mo, dd) || !numeric_date_ends(fx, k)) return 0;
    if (fx_in(fx_at(fx, k), "日号")) k++;
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, k);
    if (cd) snprintf(cd->value, sizeof cd->value, "%04d-%02d-%02d", y, mo, dd);
    return k;
}

/* 10/31/1974, 3/3/15: month and day before the year (or day and month).
 * The order is taken only where the numbers tell it: a first number above
 * 12 is the day, a second above 12 the day, equal ones either way; 3/4/2015
 * gives no fact. A two-digit year is read as in two_digit_year, and only
 * with a reference date. 6·30 (a month and day with a middle dot, as in
 * names of events) is a day of a year not said. Returns the end, or 0. */
static size_t slash_date(sino_facts *fx, size_t i)
{
    size_t la, lb, ly;
    if (i > 0 && (is_digit(fx->cp[i - 1]) || fx_in(fx->cp[i - 1], "./-:·") ||
                  (fx->cp[i - 1] | 0x20) - 'a' < 26u))
        return 0;
    int a = digits_at(fx, i, 2, &la);
    uint32_t sep = fx_at(fx, i + la);
    if (a < 1 || (sep != '/' && sep != 0xB7)) return 0;
    int b = digits_at(fx, i + la + 1, 2, &lb);
    if (b < 1) return 0;
    size_t k = i + la + 1 + lb;
    if (sep == 0xB7) {
        if (fx_in(fx_at(fx, k), "·./") || !valid_day(0, a, b)) return 0;
        fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, k);
        if (cd) {
            char val[16];
            snprintf(val, sizeof val, "XXXX-%02d-%02d", a, b);
            set_relative(fx, cd, val);
        }
        return k;
    }
    if (fx_at(fx, k) != '/') return 0;
    int y = digits_at(fx, k + 1, 4, &ly);
    uint32_t nx = fx_at(fx, k + 1 + ly);
    if (y < 0 || (ly != 2 && ly != 4) || nx == '/' || nx == '.' || (nx | 0x20) - 'a' < 26u) return 0;
    if (ly == 2) {
        if (fx->ry <= 0) return 0;
        y += 2000;
        if (y > fx->ry + 10) y -= 100;
    }
    int m, d;
    if (a == b || b > 12) { m = a; d = b; }
    else if (a > 12) { m = b; d = a; }
    else return 0;                                  /* 3/4/2015: March 4 or April 3 */
    if (!valid_day(y, m, d)) return 0;
    k += 1 + ly;
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, k);
    if (cd) snprintf(cd->value, sizeof cd->value, "%04d-%02d-%02d", y, m, d);
    return k;
}

/* 1999.08-2002.02, 2008.03-2009: a span from a year and month written
 * YYYY.MM to another (or to a year), as in résumés; YYYY.MM alone is
 * left alone (it reads as a decimal too). Returns the end, or 0. */
static size_t year_month_span(sino_facts *fx, size_t i)
{
    size_t l, sl, l2, l3;
    if (i > 0 && (is_digit(fx->cp[i - 1]) || fx->cp[i - 1] == '.')) return 0;
    int y = digits_at(fx, i, 4, &l);
    if (l != 4 || y < 1900 || y > 2199 || fx_at(fx, i + 4) != '.') return 0;
    int m = digits_at(fx, i + 5, 2, &l2);
    if (l2 != 2 || m < 1 || m > 12 || !(sl = range_sep(fx, i + 7))) return 0;
    size_t k = i + 7 + sl;
    int y2 = digits_at(fx, k, 4, &l3), m2 = 0;
    if (l3 != 4 || y2 < y || y2 > 2199) return 0;
    k += 4;
    if (fx_at(fx, k) == '.') {
        m2 = digits_at(fx, k + 1, 2, &l2);
        if (l2 != 2 || m2 < 1 || m2 > 12 || (y2 == y && m2 <= m)) return 0;
        k += 3;
    } else if (y2 == y) {
        return 0;
    }
    char unit[32];
    int w;
    if (is_digit(fx_at(fx, k)) || fx_at(fx, k) == '.' || measure_at(fx, k, unit, sizeof unit) ||
        fx_match_any(fx, k, money_units, &w) || fx_at(fx, k) == '%')
        return 0;                                       /* 2008.03-2009.05元: numbers */
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, k);
    if (!cd) return k;
    if (m2) snprintf(cd->value, sizeof cd->value, "%04d-%02d/%04d-%02d", y, m, y2, m2);
    else snprintf(cd->value, sizeof cd->value, "%04d-%02d/%04d", y, m, y2);
    return k;
}

/* A year written with two digits at i: 15年 before a month, a quarter, a
 * half or 底/末/初 (15年3月, 07年第三季度, 19年底; 15年 alone is fifteen
 * years), or two bare Chinese digits (九七年, 零七年: never a count). Sets
 * *yy; returns the characters up to and with 年, or 0. */
static size_t two_digit_year(const sino_facts *fx, size_t i, int *yy)
{
    uint32_t a = fx_at(fx, i), b = fx_at(fx, i + 1);
    if (fx_at(fx, i + 2) != 0x5E74 || (i > 0 && is_digit(fx->cp[i - 1])))
        return 0;
    if (cn_digit(a) >= 0 && cn_digit(b) >= 0 && a != 0x4E24 && b != 0x4E24 &&
        !(i > 0 && (cn_digit(fx->cp[i - 1]) >= 0 || cn_unit(fx->cp[i - 1])))) {
        if (cn_digit(b) == cn_digit(a) + 1) return 0;      /* 三四年: three or four years */
        *yy = cn_digit(a) * 10 + cn_digit(b);
        return 3;
    }
    if (!is_digit(a) || !is_digit(b)) return 0;
    size_t k = i + 3, ml;
    int mo = small_num(fx, k, &ml);
    static const char *const after[] = { "第一季度", "第二季度", "第三季度", "第四季度", "一季度",
                                         "二季度", "三季度", "四季度", "上半年", "下半年", "底",
                                         "末", "初", NULL };
    int w, wn, wd;
    if (!((mo >= 1 && mo <= 12 && fx_at(fx, k + ml) == 0x6708) || fx_match_any(fx, k, after, &w) ||
          (week_ordinal(fx, k, &wn, &wd) && !wd) || month_ordinal(fx, k, &wn)))
        return 0;
    *yy = (int)(a - '0') * 10 + (int)(b - '0');
    return 3;
}

/* the part of a century or decade at j (初期, 中, 末...): its mod and length */
static size_t period_part(const sino_facts *fx, size_t j, char *mod, size_t size)
{
    static const char *const parts[] = { "初期", "中期", "末期", "前期", "后期", "中叶", "初", "中", "末", NULL };
    static const char *const partm[] = { "start", "mid", "end", "start", "end", "mid", "start", "mid", "end" };
    int w = -1;
    size_t m = fx_match_any(fx, j, parts, &w);
    if (!m || (m == 1 && fx_in(fx_at(fx, j + 1), "国心央学"))) return 0;
    snprintf(mod, size, "%s", partm[w]);
    return m;
}

/* 18世纪 = 1700/1799, 十一世纪初 (with the part as mod), for a century
 * written with its number from i to e */
static size_t century_span(sino_facts *fx, size_t i, size_t e, int century)
{
    char mod[16] = "";
    e += period_part(fx, e, mod, sizeof mod);
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, e);
    if (!cd) return e;
    snprintf(cd->mod, sizeof cd->mod, "%s", mod);
    snprintf(cd->value, sizeof cd->value, "%04d/%04d", (century - 1) * 100, (century - 1) * 100 + 99);
    return e;
}

/* 80年代, 上世纪80年代, 二十世纪九十年代末期: a decade, 1980/1989. Without a
 * century the decade is reported with no value. Returns the end, or 0. */
static size_t try_decade(sino_facts *fx, size_t i)
{
    size_t j = i, l;
    int century = 0;
    fx_dec v;
    if (fx_match(fx, j, "上世纪") || fx_match(fx, j, "上个世纪")) {
        century = 20;
        j += fx_match(fx, j, "上世纪") ? 3 : 4;
    } else if ((is_digit(fx_at(fx, j)) && (l = parse_ar(fx, j, &v)) <= 2 && l > 0) ||
               ((cn_digit(fx_at(fx, j)) > 0 || fx_at(fx, j) == 0x5341) && (l = parse_cn(fx, j, &v)) > 0)) {
        if (fx_match(fx, j + l, "世纪") && v.e == 0 && v.m >= 1 && v.m <= 30) {
            century = (int)v.m;
            j += l + 2;
        }
    }
    size_t d0 = j;
    int decade = -1;
    if (is_digit(fx_at(fx, j)) && is_digit(fx_at(fx, j + 1)) && fx_at(fx, j + 1) == '0' &&
        !is_digit(fx_at(fx, j + 2))) {
        decade = (int)(fx->cp[j] - '0') * 10;
        j += 2;
    } else if (cn_digit(fx_at(fx, j)) >= 1 && fx_at(fx, j + 1) == 0x5341 && fx_at(fx, j + 1) != 0x4E24) {
        decade = cn_digit(fx->cp[j]) * 10;                 /* 八十年代 */
        j += 2;
    } else if (fx_at(fx, j) == 0x5341) {
        decade = 10;
        j += 1;
    }
    if (decade < 0 && century >= 2 && d0 > i && fx_at(fx, i) != 0x4E0A)   /* not 上世纪 alone */
        return century_span(fx, i, d0, century);
    if (decade < 0 || !fx_match(fx, j, "年代")) return 0;
    if (d0 > i && century == 0) return 0;
    j += 2;
    char mod[16] = "";
    j += period_part(fx, j, mod, sizeof mod);
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, j);
    if (!cd) return j;
    snprintf(cd->mod, sizeof cd->mod, "%s", mod);
    if (century > 0) {
        int base = (century - 1) * 100 + decade;
        snprintf(cd->value, sizeof cd->value, "%04d/%04d", base, base + 9);
    }
    return j;
}

/* days from Monday (0) to Sunday (6) of a day number (1970-01-01 was a Thursday) */
static int weekday_index(long z)
{
    return (int)(((z % 7) + 10) % 7);
}

/* The Nth week of a month or a year, or the Nth weekday of a month, after
 * the date candidate cd (a calendar month YYYY-MM or year YYYY) ending at j
 * (3月第三周, 今年第37个星期, 十月的第一个星期一). Weeks run Monday to
 * Sunday and are counted from the first Monday in the month or year, as a
 * calendar sheet shows them (2021年6月第2周 = 06-14/06-20, June 1st being a
 * Tuesday). Returns the new end, j when nothing follows. */
static size_t week_of(sino_facts *fx, fx_cand *cd, size_t j)
{
    size_t k = j + (fx_at(fx, j) == 0x7684);                   /* 的 */
    int n, wd, y, m = 0;
    size_t l = week_ordinal(fx, k, &n, &wd);
    const char *v = cd->value;
    if (!l && (l = month_ordinal(fx, k, &n)) > 0 && !cd->mod[0] && strlen(v) == 4 &&
        sscanf(v, "%4d", &y) == 1 && v[0] >= '0' && v[0] <= '9') {
        snprintf(cd->value, sizeof cd->value, "%04d-%02d", y, n);   /* 70年第8个月 */
        cd->e = (uint32_t)(k + l);
        return k + l;
    }
    if (!l || cd->mod[0]) return j;
    if (sscanf(v, "%4d-%2d", &y, &m) == 2 && strlen(v) == 7 && v[4] == '-') {
        if (m < 1 || m > 12) return j;
    } else if (strlen(v) == 4 && sscanf(v, "%4d", &y) == 1 && v[0] >= '0' && v[0] <= '9') {
        if (wd) return j;                                       /* the 3rd Monday of a year: no */
    } else {
        return j;
    }
    long first = days_of(y, m ? m : 1, 1), day;
    if (wd) day = first + (wd - 1 - weekday_index(first) + 7) % 7 + 7L * (n - 1);
    else day = first + (7 - weekday_index(first)) % 7 + 7L * (n - 1);
    int dy, dm, dd;
    date_of(day, &dy, &dm, &dd);
    if (dy != y || (m && dm != m)) return j;                    /* no such week */
    size_t o = put_day(cd->value, sizeof cd->value, day);
    if (!wd) {
        cd->value[o++] = '/';
        put_day(cd->value + o, sizeof cd->value - o, day + 6);
    }
    cd->e = (uint32_t)(k + l);
    return k + l;
}

/* 末 or 底 after a quarter: its last month (1); 初: its first (-1); else 0 */
static int quarter_part(const sino_facts *fx, size_t j)
{
    uint32_t x = fx_at(fx, j);
    if (fx_match(fx, j, "末期") || fx_match(fx, j, "初期")) return 0;
    return x == 0x5E95 || x == 0x672B ? 1 : x == 0x521D ? -1 : 0;
}

static int month_days(int y, int m)
{
    return (int)(days_of(y + (m == 12), m % 12 + 1, 1) - days_of(y, m, 1));
}

/* the number and unit of 前两个月, 后3天, 最后五天 at j: *n, *unit ('M'
 * month, 'Q' quarter, 'D' day); 个 is optional before 月. Returns the
 * length, or 0. */
static size_t part_count(const sino_facts *fx, size_t j, int *n, char *unit)
{
    size_t l;
    *n = small_num(fx, j, &l);
    if (*n < 1) return 0;
    size_t q = j + l;
    int ge = fx_at(fx, q) == 0x4E2A;                            /* 个 */
    q += (size_t)ge;
    if (fx_at(fx, q) == 0x6708) *unit = 'M';                    /* 月 */
    else if (ge && fx_match(fx, q, "季度")) { *unit = 'Q'; q++; }
    else if (!ge && fx_at(fx, q) == 0x5929) *unit = 'D';        /* 天 */
    else return 0;
    return q + 1 - j;
}

/* The first or last months or quarters of a year, days of a month, after
 * the date candidate cd (a calendar year YYYY or month YYYY-MM) ending at j:
 * 2022年前十一个月 = 2022-01/2022-11, 二零二一年后三月 = 2021-10/2021-12,
 * 今年前两个季度, 4月前4天 = 04-01/04-04, 上月最后五天, 2005年首月,
 * 2022年首季度. Returns the new end, j when nothing follows. */
static size_t part_of(sino_facts *fx, fx_cand *cd, size_t j)
{
    const char *v = cd->value;
    int y, m = 0, n = 0;
    char unit = 0;
    if (cd->mod[0]) return j;
    if (sscanf(v, "%4d-%2d", &y, &m) == 2 && strlen(v) == 7 && v[4] == '-') {
        if (m < 1 || m > 12) return j;
    } else if (!(strlen(v) == 4 && sscanf(v, "%4d", &y) == 1 && v[0] >= '0' && v[0] <= '9')) {
        return j;
    }
    int last = 0;                                               /* from the end? */
    size_t k = j, l = 0;
    if (!m && fx_match(fx, k, "首月")) { n = 1; unit = 'M'; l = 2; }
    else if (!m && fx_match(fx, k, "首季度")) { n = 1; unit = 'Q'; l = 3; }
    else {
        if (fx_match(fx, k, "最后")) { last = 1; k += 2; }
        else if (fx_at(fx, k) == 0x524D) k++;                   /* 前 */
        else if (fx_at(fx, k) == 0x540E) { last = 1; k++; }     /* 后 */
        else return j;
        l = part_count(fx, k, &n, &unit);
        if (!l) return j;
    }
    if (last && unit == 'D') return j;          /* 最后五天: JioNLP counts six, so no value */
    int whole = unit == 'D' ? (m ? month_days(y, m) : 0) : unit == 'M' ? (m ? 0 : 12) : (m ? 0 : 4);
    if (n > whole || n == whole) return j;                      /* 前十二个月 is no part */
    int lo = last ? whole - n + 1 : 1, hi = last ? whole : n;
    if (lo == hi && unit == 'M')
        snprintf(cd->value, sizeof cd->value, "%04d-%02d", y, lo);          /* 2005年首月 */
    else if (lo == hi && unit == 'Q')
        snprintf(cd->value, sizeof cd->value, "%04d-Q%d", y, lo);
    else if (unit == 'D')
        snprintf(cd->value, sizeof cd->value, "%04d-%02d-%02d/%04d-%02d-%02d", y, m, lo, y, m, hi);
    else if (unit == 'M')
        snprintf(cd->value, sizeof cd->value, "%04d-%02d/%04d-%02d", y, lo, y, hi);
    else
        snprintf(cd->value, sizeof cd->value, "%04d-Q%d/%04d-Q%d", y, lo, y, hi);
    cd->e = (uint32_t)(k + l);
    return k + l;
}

/* 上个季度, 本季度, 下季度: a quarter of the reference date's year, or the
 * one before or after; 季度末 and 季度初 its last and first month (上季度末 =
 * 2021-03 in June 2021). Without a reference date the span has no value
 * (the value grammar has no relative quarter). Returns the end. */
static size_t relative_quarter(sino_facts *fx, size_t i)
{
    static const char *const qw[] = { "上个季度", "上一季度", "上季度", "本季度", "这个季度", "这一季度",
                                      "下个季度", "下一季度", "下季度", NULL };
    static const int qo[] = { -1, -1, -1, 0, 0, 0, 1, 1, 1 };
    int w = -1;
    size_t m = fx_match_any(fx, i, qw, &w), j = i + m;
    if (!m || w < 0) return 0;
    int part = quarter_part(fx, j);
    j += part != 0;
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, j);
    if (!cd || fx->ry <= 0) return j;
    int q = (fx->rm - 1) / 3 + qo[w], y = fx->ry;
    if (q < 0) { q += 4; y--; }
    if (q > 3) { q -= 4; y++; }
    if (part)
        snprintf(cd->value, sizeof cd->value, "%04d-%02d", y, 3 * q + (part > 0 ? 3 : 1));
    else
        snprintf(cd->value, sizeof cd->value, "%04d-Q%d", y, q + 1);
    cd->rel = cd->resolved = 1;
    return j;
}

/* may a relative span start at i and end at e? 上 and 下 are verbs too
 * (上三天班, 下两天雨) and 后 ends words (之后三天, 最后三天 are counted from
 * something else): the span stands apart, after a break or a preposition,
 * and, after 上 and 下, before a break or 的/里/内/来/以来/中. */
static int span_stands_apart(const sino_facts *fx, size_t i, size_t e)
{
    uint32_t b = i > 0 ? fx->cp[i - 1] : 0, a = fx_at(fx, e);
    if (sino_is_han(b) && !fx_in(b, "在从自至到和与或及、是于即"))
        return 0;
    if (fx->cp[i] == 0x540E) return 1;                  /* 后 is no verb: 后三个月继续 */
    return !sino_is_han(a) || fx_in(a, "的里内来中");
}

/* 上两周, 下三个月, 后三天, 下三年: the N whole days, weeks (Monday to
 * Sunday), months or years just before (上) or after (下, 后) the current
 * one: 上两天 = D-2/D-1, 下三周 = W+1/W+3. 前N is left alone: 前两天 is also
 * "a few days ago" and 前三天 "the first three days"; so is N天后 (the one
 * day three days on, or the next three days: readers differ). Returns the
 * end, or 0. */
static size_t relative_span(sino_facts *fx, size_t i)
{
    uint32_t c = fx_at(fx, i);
    int dir;
    if (c == 0x4E0A) dir = -1;                                  /* 上 */
    else if (c == 0x4E0B || c == 0x540E) dir = 1;              /* 下 后 */
    else return 0;
    size_t l;
    int n = small_num(fx, i + 1, &l);
    if (n < 2 || n > 99) return 0;                              /* 上一周 is a relative word */
    size_t j = i + 1 + l;
    int ge = fx_at(fx, j) == 0x4E2A;                            /* 个 */
    j += (size_t)ge;
    char kind;
    if (fx_match(fx, j, "星期") || fx_match(fx, j, "礼拜")) { kind = 'W'; j += 2; }
    else if (fx_at(fx, j) == 0x5468) { kind = 'W'; j++; }       /* 周 */
    else if (fx_at(fx, j) == 0x6708 && ge) { kind = 'M'; j++; } /* 个月 */
    else if (fx_at(fx, j) == 0x5929 && !ge) { kind = 'D'; j++; }/* 天 */
    else if (fx_at(fx, j) == 0x5E74 && !ge && dir > 0) { kind = 'Y'; j++; }   /* 年; 上两年 reads as 前两年 */
    else return 0;
    if (!span_stands_apart(fx, i, j)) return 0;
    int lo = dir < 0 ? -n : 1, hi = dir < 0 ? -1 : n;
    char val[64];
    snprintf(val, sizeof val, "%c%+d/%c%+d", kind, lo, kind, hi);
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, j);
    if (cd) set_relative(fx, cd, val);
    return j;
}

/* The value of holiday w in the year written yb (number y, 0 when not
 * known): MM-DD after it, or for the ones on the Nth weekday of a month
 * (F05-2-7: 母亲节, the second Sunday of May) the day of year y, none
 * without it (a bare 母亲节 gets no value: this year's or the next?). */
static void holiday_value(int w, const char *yb, int y, char *out, size_t size)
{
    const char *md = holiday_md[w];
    int m, n, wd;
    if (md[0] != 'F') {
        snprintf(out, size, "%s-%s", yb, md);
    } else if (y > 0 && sscanf(md, "F%2d-%d-%d", &m, &n, &wd) == 3) {
        long first = days_of(y, m, 1);
        put_day(out, size, first + (wd - 1 - weekday_index(first) + 7) % 7 + 7L * (n - 1));
    } else {
        out[0] = 0;
    }
}

/* ---- lunar dates ---- */

/* a lunar day after its month: 初一..初十 (初8 too), 廿一..廿九, a
 * Chinese number to 三十 (十五, 二十三); with 农历 written (explicit) an
 * Arabic one too (农历8月23号; 腊月18 is left: one peer reads the month).
 * 日 or 号 may follow. The day, its length in *len, or 0. */
static int lunar_day_at(const sino_facts *fx, size_t j, int explicit, size_t *len)
{
    uint32_t c = fx_at(fx, j);
    size_t k;
    int d;
    if (c == 0x521D) {                                          /* 初 */
        d = small_num(fx, j + 1, &k);
        if (d < 1 || d > 10) return 0;
        k++;
    } else if (c == 0x5EFF) {                                   /* 廿 */
        d = cn_digit(fx_at(fx, j + 1));
        if (d < 1 || d > 9) return 0;
        d += 20;
        k = 2;
    } else {
        if (is_digit(c) && !explicit) return 0;
        d = small_num(fx, j, &k);
        if (d < 1 || d > 30) return 0;
    }
    if (fx_in(fx_at(fx, j + k), "日号")) k++;
    *len = k;
    return d;
}

/* was a year written or named before the date (yb not XXXX)? */
static int yb_given(const char *yb)
{
    return strcmp(yb, "XXXX") != 0;
}

/* does a Han character before k, other than one that opens a time (在,
 * 到, 从, 是, 的 ...), leave k inside a word? */
static int word_before(const sino_facts *fx, size_t k)
{
    return k > 0 && sino_is_han(fx->cp[k - 1]) && !fx_in(fx->cp[k - 1], "在于至到从自是的和及与或每逢过");
}

/* Lunar dates at j (after a year, if any, written in yb): 农历 or 阴历
 * before a month (农历8月23号, 农历十月, 农历闰四月, 农历元宵), the lunar
 * month names 正月, 冬月, 腊月 (腊月初十, 正月), a month with 初 (五月初五),
 * 大年初十 and 大年三十. The value is written symbolic: YYYY-Lmm (the
 * month), YYYY-Lmm-dd, YYYY-LLmm for a leap month, or a lunar holiday's
 * code, with yb's year; lunar_value() makes it a Gregorian day or span.
 * Returns the end, or 0. */
static size_t lunar_date(const sino_facts *fx, size_t j, const char *yb, char *val, size_t size,
                         int *explicit_out)
{
    size_t k = j, ml = 0, dl = 0;
    int explicit = *explicit_out, leap = 0, mo = 0, d = 0, w = -1;
    if (fx_match(fx, k, "农历") || fx_match(fx, k, "阴历")) {
        explicit = *explicit_out = 1;
        k += 2;
        size_t m = fx_match_any(fx, k, holidays, &w);
        if (m && (holiday_md[w][0] < '0' || holiday_md[w][0] > '9') && holiday_md[w][0] != 'F') {
            snprintf(val, size, "%s-%s", yb, holiday_md[w]);       /* 农历元宵 */
            return k + m;
        }
        if (fx_match(fx, k, "新年")) {
            snprintf(val, size, "%s-SF", yb);
            return k + 2;
        }
    }
    if (fx_match(fx, k, "大年")) {
        if (fx_match(fx, k + 2, "三十")) {
            snprintf(val, size, "%s-NYE", yb);                     /* New Year's Eve */
            return k + 4;
        }
        mo = 1;
        ml = 2;
        if (fx_at(fx, k + 2) != 0x521D) return 0;                   /* 大年 alone */
    } else {
        if (fx_at(fx, k) == 0x95F0) {                               /* 闰四月: leap months are lunar */
            leap = explicit = 1;
            k++;
        }
        if (fx_match(fx, k, "正月") || fx_match(fx, k, "冬月") || fx_match(fx, k, "腊月")) {
            /* 真正月薪, 寒冬月夜: the month name only where no word ends in it */
            if (k == j && !yb_given(yb) && word_before(fx, k)) return 0;
            mo = fx_match(fx, k, "正月") ? 1 : fx_match(fx, k, "冬月") ? 11 : 12;
            ml = 2;
        } else {
            size_t nl;
            int n = small_num(fx, k, &nl);
            if (n < 1 || n > 12 || fx_at(fx, k + nl) != 0x6708) return 0;
            if (!explicit && fx_at(fx, k + nl + 1) != 0x521D) return 0;   /* 五月初五 */
            mo = n;
            ml = nl + 1;
        }
    }
    d = lunar_day_at(fx, k + ml, explicit, &dl);
    if (!d && fx_at(fx, k + ml) == 0x521D) return 0;                /* 五月初: early May */
    if (!d && (is_digit(fx_at(fx, k + ml)) || cn_digit(fx_at(fx, k + ml)) >= 0))
        return 0;                                                   /* 腊月18: which reading? */
    if (!explicit && !leap && ml != 2 && !d) return 0;
    if (d) snprintf(val, size, "%s-L%s%02d-%02d", yb, leap ? "L" : "", mo, d);
    else snprintf(val, size, "%s-L%s%02d", yb, leap ? "L" : "", mo);
    return k + ml + dl;
}

/* A lunar value with its year (2012-L01-15, 2020-L10, 2021-LL04, 2019-SF)
 * as the Gregorian day or span: the 11th and 12th months and New Year's
 * Eve only with 农历 and the year written (腊月 in 2022 may be the one of
 * lunar 2021 or 2022: readers differ), as is a lunar month of a year not
 * given. A value that cannot be had (no year, outside 1960-2099, a day in
 * doubt) is emptied: no value. Returns 1 for a lunar value, else 0 (the
 * value is left alone). */
static int lunar_value(fx_cand *cd, int sure_year)
{
    char *v = cd->value;
    int y, mo = 0, d = 0, leap = 0, n = 0;
    char code[8] = "";
    if (strlen(v) < 7 || (v[4] != '-' && v[0] != 'Y')) return 0;
    if (sscanf(v, "%4d-LL%2d%n", &y, &mo, &n) == 2 && n > 0) leap = 1;
    else if (sscanf(v, "%4d-L%2d%n", &y, &mo, &n) == 2 && n > 0) leap = 0;
    else if (sscanf(v, "%4d-%3[A-Z]%n", &y, code, &n) == 2 && n == (int)strlen(v)) mo = 0;
    else if (strstr(v, "-L")) { v[0] = 0; return 1; }      /* no year: no value */
    else return 0;
    if (!mo) {
        static const char *const codes[] = { "SF", "LF", "DBF", "MAF", NULL };
        static const int md[][2] = { { 1, 1 }, { 1, 15 }, { 5, 5 }, { 8, 15 } };
        int w;
        for (w = 0; codes[w] && strcmp(code, codes[w]) != 0; w++) {}
        if (!codes[w]) return 1;                            /* NYE stays symbolic */
        mo = md[w][0];
        d = md[w][1];
    } else if (v[n] == '-') {
        d = (int)strtol(v + n + 1, NULL, 10);
    }
    long day;
    if (mo >= 11 && !sure_year) {
        v[0] = 0;
        return 1;
    }
    if (d) {
        if (fx_lunar_day(y, mo, leap, d, &day)) put_day(v, sizeof cd->value, day);
        else if (!code[0]) v[0] = 0;                        /* 2019-SF stays symbolic */
        return 1;
    }
    int len = fx_lunar_month_len(y, mo, leap);
    if (len && fx_lunar_day(y, mo, leap, 1, &day)) {
        size_t o = put_day(v, sizeof cd->value, day);
        v[o++] = '/';
        put_day(v + o, sizeof cd->value - o, day + len - 1);
    } else {
        v[0] = 0;
    }
    return 1;
}

/* 1985到1989年9月(5日): a month, and a day, after the second year of a
 * range of years end the range there (1985/1989-09); the month is not a
 * date of its own. Rewrites val and returns the new end, or j. */
static size_t range_end_month(const sino_facts *fx, size_t j, int y2, char *val, size_t size)
{
    size_t ml, dl;
    int mo = small_num(fx, j, &ml);
    if (mo < 1 || mo > 12 || fx_at(fx, j + ml) != 0x6708 || fx_at(fx, j) == 0x4E24) return j;
    size_t q = j + ml + 1;
    int y1 = atoi(val);
    int d = small_num(fx, q, &dl);
    if (d >= 1 && d <= month_days(y2, mo) && fx_in(fx_at(fx, q + dl), "日号")) {
        snprintf(val, size, "%04d/%04d-%02d-%02d", y1, y2, mo, d);
        return q + dl + 1;
    }
    if (is_digit(fx_at(fx, q)) || cn_digit(fx_at(fx, q)) >= 0) return j;
    if (fx_at(fx, q) == 0x4EFD) q++;                                /* 9月份 */
    snprintf(val, size, "%04d/%04d-%02d", y1, y2, mo);
    return q;
}

static size_t try_date(sino_facts *fx, size_t i)
{
    size_t j = i, k;
    int known = 0, y = 0, yrel = 0, y2 = -1, approx = 0;
    char mod[16] = "";
    fx_dec v;
    uint32_t c = fx_at(fx, i);
    size_t nd = numeric_date(fx, i);
    if (nd) return nd;
    nd = plain_numeric_date(fx, i);
    if (nd) return nd;
    nd = slash_date(fx, i);
    if (nd) return nd;
    nd = year_month_span(fx, i);
    if (nd) return nd;
    nd = relative_span(fx, i);
    if (nd) return nd;
    nd = relative_quarter(fx, i);
    if (nd) return nd;
    nd = try_decade(fx, i);
    if (nd) return nd;
    /* year */
    int yy, no_year = 0;
    size_t yl = two_digit_year(fx, i, &yy);
    if (yl) {
        /* 15年3月2日, 九七年: a year of two digits, read in the century that
         * puts it within 90 years before and 10 after the reference date;
         * without one the year is unknown and the date gets no value */
        if (fx->ry > 0) {
            y = 2000 + yy;
            if (y > fx->ry + 10) y -= 100;
        } else {
            y = 2000;
            no_year = 1;
        }
        known = 1;
        j = i + yl;
    } else if (is_digit(c) && (k = parse_ar(fx, i, &v)) == 4 && v.e == 0 && v.m >= 1900 &&
        v.m <= 2199) {
        size_t q = i + k, sl;
        if (fx_at(fx, q) == 0x5E74) {               /* 年 */
            known = 1; y = (int)v.m; j = q + 1;
        } else if ((sl = range_sep(fx, q)) > 0) {
            fx_dec v2;
            size_t k2 = parse_ar(fx, q + sl, &v2);
            if (k2 == 4 && fx_at(fx, q + sl + k2) == 0x5E74 && v2.m > v.m && v2.m <= 2199) {
                known = 1; y = (int)v.m; y2 = (int)v2.m; j = q + sl + k2 + 1;
            } else if (k2 == 2 && v2.e == 0 && fx_at(fx, q + sl + k2) == 0x5E74) {
                /* 1985到89年, 2020-21年: the second year in the first one's century */
                int y_end = (int)(v.m / 100 * 100 + v2.m);
                if (y_end <= v.m) y_end += 100;
                if (y_end - v.m <= 50 && y_end <= 2199) {
                    known = 1; y = (int)v.m; y2 = y_end; j = q + sl + k2 + 1;
                }
            }
        }
        if (!known) return 0;
    } else if (cn_digit(c) >= 0 && cn_digit(fx_at(fx, i + 1)) >= 0 &&
               (k = parse_cn(fx, i, &v)) == 4 && fx_at(fx, i + 4) == 0x5E74 &&
               v.m >= 1900 && v.m <= 2199) {
        known = 1; y = (int)v.m; j = i + 5;
    } else {
        static const char *const yw[] = { "今年", "去年", "明年", "前年", "后年", "本年", "上年", "当年",
                                          "下年", "上一年", "大前年", "大后年", NULL };
        static const int yo[] = { 0, -1, 1, -2, 2, 0, -1, 0, 1, -1, -3, 3 };
        int w = -1;
        size_t m = fx_match_any(fx, i, yw, &w);
        if (m && w >= 0 && w != 7) {
            known = 2; yrel = yo[w]; j = i + m;
        }
    }
    char val[96];
    char yb[16];
    if (known) {
        fmt_year(yb, sizeof yb, y, yrel, known);
        if (y2 > 0) {
            snprintf(val, sizeof val, "%04d/%04d", y, y2);
            j = range_end_month(fx, j, y2, val, sizeof val);
        } else {
            snprintf(val, sizeof val, "%s", yb);
        }
        /* 2023年底 / 年初 / 年末 / 年中 */
        uint32_t d = fx_at(fx, j);
        if (known == 1 || fx_at(fx, j - 1) == 0x5E74) {
            if (d == 0x5E74 && fx_at(fx, j - 1) == 0x5E74 && fx_in(fx_at(fx, j + 1), "底末初")) {
                d = fx_at(fx, ++j);                     /* 明年年初, 2023年年底 */
            }
            if (fx_match(fx, j, "伊始")) { snprintf(mod, sizeof mod, "start"); j += 2; }
            else if (d == 0x5E95 || d == 0x672B) { snprintf(mod, sizeof mod, "end"); j++; }
            else if (d == 0x521D) { snprintf(mod, sizeof mod, "start"); j++; }
            else if (d == 0x4E2D && !fx_in(fx_at(fx, j + 1), "国央心秋"))   /* 去年中秋节 */ { snprintf(mod, sizeof mod, "mid"); j++; }
        }
    } else {
        snprintf(yb, sizeof yb, "XXXX");
        val[0] = 0;
    }
    /* halves, quarters */
    size_t m;
    int w = -1;
    static const char *const hq[] = {
        "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度", "一季度",
        "二季度", "三季度", "四季度", "前三季度", "1季度", "2季度", "3季度", "4季度",
        "Q1季度", "Q2季度", "Q3季度", "Q4季度", NULL };
    static const char *const hqv[] = {
        "H1", "H2", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4", "Q1/Q3", "Q1", "Q2", "Q3", "Q4",
        "Q1", "Q2", "Q3", "Q4" };
    /* 农历二〇二一年六月: the mark before the year makes the month lunar too */
    int mark_before = known == 1 && i >= 2 && (fx_match(fx, i - 2, "农历") || fx_match(fx, i - 2, "阴历"));
    int explicit_lunar = mark_before;
    size_t le = !mod[0] && y2 < 0 && !no_year ? lunar_date(fx, j, yb, val, sizeof val, &explicit_lunar) : 0;
    if (le) {
        /* 农历8月23号, 正月初八, 腊月: a lunar date, made Gregorian at the end */
        j = le;
        if (!known) known = 3;
    } else if (!mod[0] && y2 < 0 && (m = fx_match_any(fx, j, hq, &w)) > 0) {
        if (!known) { known = 3; }
        if (w == 10) {
            snprintf(val, sizeof val, "%s-Q1/%s-Q3", yb, yb);
        } else {
            snprintf(val, sizeof val, "%s-%s", yb, hqv[w]);
        }
        j += m;
        int part = w >= 2 && w != 10 ? quarter_part(fx, j) : 0;
        if (part) {
            /* 一季度末 = its last month, 四季度初 its first */
            int q = hqv[w][1] - '0';
            snprintf(val, sizeof val, "%s-%02d", yb, 3 * q + (part > 0 ? 0 : -2));
            j++;
        }
    } else if (!mod[0] && y2 < 0) {
        /* month (range), day (range) */
        size_t ml;
        int mo = small_num(fx, j, &ml);
        if (mo >= 1 && mo <= 12 && fx_at(fx, j + ml) == 0x6708 &&
            !(fx_at(fx, j) == 0x4E24)) {              /* 两月 is a duration */
            size_t q = j + ml + 1;
            if (fx_at(fx, q) == 0x4EFD && !is_digit(fx_at(fx, q + 1)) && cn_digit(fx_at(fx, q + 1)) < 0)
                q++;                                    /* 3月份 */
            /* 5月12日 */
            size_t dl;
            int dd = small_num(fx, q, &dl);
            size_t sl0 = dd >= 1 && dd <= 31 ? range_sep(fx, q + dl) : 0, dr = 0;
            int dd2 = sl0 ? small_num(fx, q + dl + sl0, &dr) : -1;
            if (dd2 > dd && dd2 <= 31 && fx_in(fx_at(fx, q + dl + sl0 + dr), "日号")) {
                /* 12-19日 */
                snprintf(val, sizeof val, "%s-%02d-%02d/%s-%02d-%02d", yb, mo, dd, yb, mo, dd2);
                j = q + dl + sl0 + dr + 1;
            } else if (dd >= 1 && dd <= 31 && !fx_in(fx_at(fx, q + dl), "日号") && day_may_end(fx, q + dl)) {
                /* 1月3, 十月31: the day without 日 at a break */
                snprintf(val, sizeof val, "%s-%02d-%02d", yb, mo, dd);
                j = q + dl;
            } else if (dd >= 1 && dd <= 31 && (fx_at(fx, q + dl) == 0x65E5 || fx_at(fx, q + dl) == 0x53F7)) {
                size_t q2 = q + dl + 1, sl;
                snprintf(val, sizeof val, "%s-%02d-%02d", yb, mo, dd);
                /* 12日至14日, 12—14日 */
                if ((sl = range_sep(fx, q2)) > 0) {
                    size_t dl2;
                    int d2 = small_num(fx, q2 + sl, &dl2);
                    if (d2 > dd && d2 <= 31 && (fx_at(fx, q2 + sl + dl2) == 0x65E5 ||
                                               fx_at(fx, q2 + sl + dl2) == 0x53F7)) {
                        size_t l = strlen(val);
                        snprintf(val + l, sizeof val - l, "/%s-%02d-%02d", yb, mo, d2);
                        q2 = q2 + sl + dl2 + 1;
                    }
                }
                j = q2;
            } else if (range_sep(fx, q) > 0 && small_num(fx, q + range_sep(fx, q), &dl) > mo &&
                       small_num(fx, q + range_sep(fx, q), &dl) <= 12 &&
                       fx_at(fx, q + range_sep(fx, q) + dl) == 0x6708) {
                /* 1月至6月 */
                size_t sl = range_sep(fx, q);
                int mo2 = small_num(fx, q + sl, &dl);
                snprintf(val, sizeof val, "%s-%02d/%s-%02d", yb, mo, yb, mo2);
                j = q + sl + dl + 1;
                if (fx_at(fx, j) == 0x4EFD) j++;        /* 1月至6月份 */
            } else {
                snprintf(val, sizeof val, "%s-%02d", yb, mo);
                j = q;
                uint32_t x = fx_at(fx, j);
                if (x == 0x6708 && fx_in(fx_at(fx, j + 1), "底末初") && !fx_match(fx, j + 2, "期"))
                    x = fx_at(fx, ++j);                 /* 十二月月底, 3月月初 */
                if (x == 0x5E95 || x == 0x672B) { snprintf(mod, sizeof mod, "end"); j++; }
                else if (x == 0x521D) { snprintf(mod, sizeof mod, "start"); j++; }
                else if (fx_match(fx, j, "上旬") || fx_match(fx, j, "中旬") || fx_match(fx, j, "下旬")) {
                    /* the ten-day parts of a month: 1-10, 11-20, 21 to the end */
                    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
                    int part = fx_match(fx, j, "上旬") ? 0 : fx_match(fx, j, "中旬") ? 1 : 2;
                    int last = part < 2 ? 10 * part + 10 : mdays[mo - 1];
                    if (part == 2 && mo == 2 && known == 1 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
                        last = 28;
                    if (part == 2 && mo == 2 && known != 1) {
                        snprintf(mod, sizeof mod, "end");        /* February's end needs the year */
                    } else {
                        snprintf(val, sizeof val, "%s-%02d-%02d/%s-%02d-%02d", yb, mo, 10 * part + 1, yb, mo, last);
                    }
                    j += 2;
                }
            }
            if (!known) known = 3;
        } else if (mo >= 1 && mo <= 12 && range_sep(fx, j + ml) > 0) {
            /* 1~11月, 1至11月 */
            size_t sl = range_sep(fx, j + ml), ml2;
            int mo2 = small_num(fx, j + ml + sl, &ml2);
            if (mo2 > mo && mo2 <= 12 && fx_at(fx, j + ml + sl + ml2) == 0x6708) {
                snprintf(val, sizeof val, "%s-%02d/%s-%02d", yb, mo, yb, mo2);
                j = j + ml + sl + ml2 + 1;
                if (fx_at(fx, j) == 0x4EFD) j++;        /* 1－9月份 */
                if (!known) known = 3;
            }
        } else if (!known) {
            /* 12日 alone: a day of this month only after a verb-less context; skip */
        }
    }
    if (known && y2 < 0 && !mod[0] && strcmp(val, yb) == 0 && j > i &&
        (fx_at(fx, j - 1) == 0x5E74) && (m = fx_match_any(fx, j, holidays, &w)) > 0 &&
        (!needs_cue(w) || lunar_holiday(w))) {
        /* 今年春节, 2024年国庆期间, 零六年端午 (the year is the cue) */
        int hy = known == 1 ? y : fx->ry > 0 ? fx->ry + yrel : 0;
        holiday_value(w, yb, hy, val, sizeof val);
        j += m;
        if (fx_match(fx, j, "期间")) j += 2;
        else if (fx_match(fx, j, "前后")) { j += 2; approx = 1; }   /* 去年中秋节前后: about then */
    }
    if (!known) {
        /* 年初 年底 年末 年中 (this year), relative words, holidays */
        static const char *const yp[] = { "年初", "年底", "年末", "年中", NULL };
        static const char *const ypm[] = { "start", "end", "end", "mid" };
        if ((m = fx_match_any(fx, i, yp, &w)) > 0 && !(i > 0 && fx_in(fx->cp[i - 1], "每新周两百千万多大")) &&
            !(w == 0 && (cn_digit(fx_at(fx, i + 2)) >= 0 || fx_at(fx, i + 2) == 0x5341))) {   /* 年初一: lunar */
            snprintf(val, sizeof val, "Y0");
            snprintf(mod, sizeof mod, "%s", ypm[w]);
            j = i + m;
            known = 2;
        } else if ((m = fx_match_any(fx, i, rel_words, &w)) > 0) {
            if (weak_rel_word(fx, i, i + m)) return 0;
            snprintf(val, sizeof val, "%s", rel_values[w]);
            j = i + m;
            known = 2;
            uint32_t x = fx_at(fx, j);
            if (rel_values[w][0] == 'M' && fx_at(fx, j - 1) == 0x6708 && fx_in(x, "底末初") &&
                fx->cp[i] != 0x5F53 &&                  /* 当月底: the month just spoken of */
                !fx_match(fx, j, "初期") && !fx_match(fx, j, "末期")) {
                snprintf(mod, sizeof mod, "%s", x == 0x521D ? "start" : "end");   /* 本月初, 上月底 */
                j++;
            }
            size_t dl;
            int wd, dd;
            size_t wl = (fx_match(fx, j, "星期") || fx_match(fx, j, "礼拜")) ? 2 :
                        fx_at(fx, j) == 0x5468 ? 1 : 0;       /* 下周周六, 上周星期三 */
            if (rel_values[w][0] == 'W' && wl && (wd = weekday_at(fx, j + wl)) > 0 &&
                !(wl == 1 && fx_at(fx, j + 1) == 0x5929)) {
                size_t l = strlen(val);
                snprintf(val + l, sizeof val - l, "-%d", wd);
                j += wl + 1;
            } else if (rel_values[w][0] == 'W' && (wd = weekday_at(fx, j)) > 0 &&
                fx_at(fx, j - 1) != 0x5929) {
                /* 下周三, 上星期五, 本周日 */
                size_t l = strlen(val);
                snprintf(val + l, sizeof val - l, "-%d", wd);
                j++;
            } else if (rel_values[w][0] == 'M' && (dd = small_num(fx, j, &dl)) >= 1 && dd <= 31 &&
                       fx_in(fx_at(fx, j + dl), "日号")) {
                /* 本月9日, 下月九号 */
                size_t l = strlen(val);
                snprintf(val + l, sizeof val - l, "-%02d", dd);
                j += dl + 1;
            }
        } else if ((m = bare_weekday(fx, i, val, sizeof val)) > 0) {
            j = i + m;
            known = 3;
        } else if ((m = fx_match_any(fx, i, holidays, &w)) > 0) {
            /* 十一 and 七一 only as holidays when followed by 期间/假期/前后/节 */
            if (needs_cue(w) && !fx_match(fx, i + m, "期间") && !fx_match(fx, i + m, "假期") &&
                !fx_match(fx, i + m, "长假") && !fx_match(fx, i + m, "前后") && !fx_match(fx, i + m, "黄金周"))
                return 0;
            holiday_value(w, "XXXX", 0, val, sizeof val);   /* 母亲节 of which year? */
            j = i + m;
            if (fx_match(fx, i + m, "期间")) j += 2;
            else if (fx_match(fx, i + m, "前后")) { j += 2; approx = 1; }
            known = 3;
        } else {
            return 0;
        }
    }
    if (known && !mod[0] && strcmp(val, yb) == 0 && fx_at(fx, j - 1) == 0x5E74 && fx_at(fx, j) == 0x5185 &&
        fx_at(fx, j + 1) != 0x8499) {
        j++;                                            /* 2024年内 (not 内蒙古) */
    } else if (fx_match(fx, j, "以来")) {
        snprintf(mod, sizeof mod, "since");
        j += 2;
    } else if (fx_at(fx, j) == 0x6765 && known == 2 && fx_at(fx, j - 1) == 0x5E74) {
        /* 近年来: not a date; 今年来: since */
        snprintf(mod, sizeof mod, "since");
        j += 1;
    }
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, mark_before ? i - 2 : i, j);
    if (!cd) return j;
    if (no_year) return j;                           /* the span, no value */
    cd->rel = known >= 2;
    snprintf(cd->mod, sizeof cd->mod, "%s", mod);
    /* resolve against the reference date (a bare weekday stays unresolved:
     * which week is meant is not said) */
    if (cd->rel && fx->ry > 0 && strncmp(val, "XXXX-WXX", 8) != 0) {
        resolve_date(fx, val, cd->value, sizeof cd->value);
        cd->resolved = 1;
    } else {
        snprintf(cd->value, sizeof cd->value, "%s", val);
    }
    cd->lunar = lunar_value(cd, explicit_lunar && known == 1);
    cd->approx = approx;
    size_t e = week_of(fx, cd, j);
    return e > j ? e : part_of(fx, cd, j);
}

/* ---- driver ---- */

void fx_num_init_flags(uint8_t *flags)
{
    /* first characters of the date words: years, halves, quarters, 年初,
     * relative days and months, holidays */
    fx_flags_chars(flags, "今去明前后本上当下第一二三四年这星礼周大Q农阴正腊冬闰", FX_G_DATE);
    fx_flags_list(flags, rel_words, FX_G_DATE);
    fx_flags_list(flags, holidays, FX_G_DATE);
}

static int starts_number(uint32_t c)
{
    return is_digit(c) || cn_digit(c) >= 0 || cn_unit(c) || cn_tens(c) || c == 0x6570 /* 数 */ ||
           c == 0x51E0 /* 几 */ || c == 0x4E0A /* 上 */ || c == 0x7B2C /* 第 */ ||
           c == 0x534A /* 半 */ || c == 0x4E2A /* 个 (个半小时) */ || c == 0x4FE9 /* 俩 */ ||
           c == 0x4EE8 /* 仨 */ || c == 0x5206 /* 分 (分半钟) */ || c == 0x7C73 /* 米 (米九) */;
}

/* a < b for two decimals of sane size */
static int dec_less(fx_dec a, fx_dec b)
{
    while (a.e > b.e) {
        if (a.m > INT64_MAX / 10 || a.m < -(INT64_MAX / 10)) return 0;
        a.m *= 10;
        a.e--;
    }
    while (b.e > a.e) {
        if (b.m > INT64_MAX / 10 || b.m < -(INT64_MAX / 10)) return 0;
        b.m *= 10;
        b.e--;
    }
    return a.m < b.m;
}

/* the 万/亿 that ends the number of a phrase (三十万 -> 10000, 2千亿 -> 1e8;
 * 余/多 before it skipped), 1 when it has none */
static int64_t trailing_multiplier(const sino_facts *fx, const nphrase *p, int small)
{
    size_t k = p->num_end;
    int64_t m = 1;
    while (k > p->s && (fx->cp[k - 1] == 0x4F59 || fx->cp[k - 1] == 0x591A)) k--;
    if (p->kind == 1 && k > p->s + 1 && fx_in(fx->cp[k - 1], "kKwWMG") && is_digit(fx->cp[k - 2]))
        return p->mult;                                 /* 10~15k元 */
    while (k > p->s && (fx->cp[k - 1] == 0x4E07 || fx->cp[k - 1] == 0x4EBF) && m < 100000000) {
        m *= cn_unit(fx->cp[k - 1]);
        k--;
    }
    /* 三千, 五百, 3百 (a digit and 千 or 百 alone): 两到三千 = [2000,3000],
     * 2~3百 = [200,300] */
    if (small && m == 1 && k == p->s + 2 && cn_unit(fx->cp[k - 1]) >= 100 &&
        cn_unit(fx->cp[k - 1]) <= 1000 && (cn_digit(fx->cp[k - 2]) >= 1 ||
                                            (is_digit(fx->cp[k - 2]) && fx->cp[k - 2] != '0')))
        m = cn_unit(fx->cp[k - 1]);
    return m;
}

/* The low end of a range whose multiplier is written once, at the high end:
 * 两到三万 = [20000,30000], 一千到两千万 = [1e7,2e7]. It is shared only when
 * the first number has none of its own and the shared reading still rises
 * (5000至1万 stays [5000,10000]). */
static void share_multiplier(const sino_facts *fx, const nphrase *p, const nphrase *q, fx_dec *lo)
{
    int64_t mp = trailing_multiplier(fx, p, 0), mq = trailing_multiplier(fx, q, 1);
    if (mp > 1 || mq <= 1 || p->mult > 1) return;
    fx_dec shared = p->v;
    dec_mul(&shared, mq);
    if (!dec_less(q->v, shared)) *lo = shared;
}

/* half of the smallest unit given, as whole parts of the next one: 两年半
 * P2Y6M, 一个半月 P1M15D (a month of 30 days, as 半个月), 两个半小时 PT2H30M */
static void add_half(dur *d)
{
    static const int next[DU_N] = { DU_M, DU_D, -1, DU_H, DU_MIN, DU_S, -1 };
    static const int amount[DU_N] = { 6, 15, 0, 12, 30, 30, 0 };
    int k = d->last, n = next[k];
    if (n < 0 || d->has[n]) {
        d->part[k] = dec_add_half(d->part[k]);
        return;
    }
    d->part[n] = (fx_dec){ amount[k], 0 };
    d->has[n] = 1;
    d->last = n;
}

/* 半 right after a unit of time: 两年半, 三天半 (not 一年半载, 两天半岛) */
static int half_follows(const sino_facts *fx, size_t e)
{
    return fx_at(fx, e) == 0x534A && !fx_in(fx_at(fx, e + 1), "载岛导数夜径球场边壁价年月天日小个百");
}

/* 三天后, 两年前, 4个星期之后: a whole number of days, weeks, months or
 * years after or before the reference date, read as the one day, week,
 * month or year it lands in (三年后 in 2021 is 2024, as a reader says it;
 * not the span 2022-2024). Only where the count frames the clause: at its
 * start or after 在, 于, a pronoun ...; in 入职三个月后 the months count from
 * another event and stay a duration. The count n of the unit letter
 * (Y M W D) runs from i to e; returns the end after 后 or 前, or 0. */
static size_t relative_at(sino_facts *fx, size_t i, size_t e, char letter, long n)
{
    static const char *const after[] = { "之后", "以后", "后", NULL };
    static const char *const before[] = { "之前", "以前", "前", NULL };
    size_t b = i;
    while (b > 0 && fx->cp[b - 1] == ' ') b--;
    if (b > 0 && (fx->cp[b - 1] == 0x7B2C ||                        /* 第 8 天以后: an ordinal */
                  (sino_is_han(fx->cp[b - 1]) && !fx_in(fx->cp[b - 1], "在于约就才仅已到是将他她它我你们其"))))
        return 0;
    int w, sign = 1;
    size_t k = fx_match_any(fx, e, after, &w);
    if (k) {
        if (fx_in(fx_at(fx, e + k), "者面来方果勤代人事续期悔盾卫台门天年"))
            return 0;                                  /* 后者, 后来, 三天后天 */
    } else if ((k = fx_match_any(fx, e, before, &w)) != 0) {
        if (fx_in(fx_at(fx, e + k), "往来去进行后夕者面列提景途线方台天年"))
            return 0;                                  /* 前往, 前来: 三天前往 is a verb */
        sign = -1;
    } else {
        return 0;
    }
    fx_cand *cd = fx_add(fx, SINO_FACT_DATE, i, e + k);
    if (!cd) return 0;
    char val[24];
    snprintf(val, sizeof val, "%c%+ld", letter, sign * n);
    set_relative(fx, cd, val);
    return e + k;
}

/* the count of relative_at() for a duration of one unit, whole: 三天,
 * 两个月; 七年半 as 90 months, 三个季度 as 9 (half a year is six calendar
 * months; 两个半月 has no whole count and stays a duration) */
static size_t relative_point(sino_facts *fx, size_t i, size_t e, const nphrase *p, const dur *d, int half)
{
    static const char letter[] = { 'Y', 'M', 'W', 'D' };
    if (p->has_hi || p->approx || p->v.e != 0 || p->v.m < 1 || p->v.m > 9999 || d->business ||
        d->last > DU_D)
        return 0;
    if (half)
        return d->has[DU_Y] && d->last == DU_M ? relative_at(fx, i, e, 'M', 12 * (long)p->v.m + 6) : 0;
    if (strcmp(p->unit, "Q") == 0) return relative_at(fx, i, e, 'M', 3 * (long)p->v.m);
    return relative_at(fx, i, e, letter[d->last], (long)p->v.m);
}

/* a duration of one unit in seconds, months taken as 30 days: only to
 * see which of two durations is the longer */
static double dur_seconds(fx_dec n, const char *code)
{
    static const char *const codes[] = { "Y", "M", "W", "D", "H", "min", "S", NULL };
    static const double secs[] = { 365 * 86400.0, 30 * 86400.0, 7 * 86400.0, 86400.0, 3600.0, 60.0, 1.0 };
    double v = (double)n.m;
    for (int e = n.e; e > 0; e--) v *= 10;
    for (int e = n.e; e < 0; e++) v /= 10;
    for (int k = 0; codes[k]; k++)
        if (strcmp(code, codes[k]) == 0) return v * secs[k];
    return -1;
}

/* 13天—8周: two durations of different units joined by a range separator,
 * the second the longer, are one range (P13D/P8W); the same unit is the
 * phrase's own range (三到五天). Returns the end, or 0. */
static size_t unit_range(sino_facts *fx, size_t i, size_t e, const nphrase *p, const dur *d)
{
    size_t sl = range_sep(fx, e);
    nphrase q;
    if (!sl || p->has_hi || d->business || !parse_phrase(fx, e + sl, &q) || q.utype != SINO_FACT_DURATION ||
        q.has_hi || q.v.e == FX_NO_VALUE || strcmp(q.unit, p->unit) == 0)
        return 0;
    double a = dur_seconds(p->v, p->unit), b = dur_seconds(q.v, q.unit);
    if (a <= 0 || b <= a || strcmp(q.unit, "BD") == 0) return 0;
    dur hi;
    memset(&hi, 0, sizeof hi);
    hi.last = -1;
    if (!dur_add(&hi, q.v, q.unit)) return 0;
    fx_cand *c = fx_add(fx, SINO_FACT_DURATION, i, q.e);
    if (!c) return 0;
    char lo_s[48], hi_s[48];
    dur_format(d, lo_s, sizeof lo_s);
    dur_format(&hi, hi_s, sizeof hi_s);
    snprintf(c->value, sizeof c->value, "%s/%s", lo_s, hi_s);
    c->approx = p->approx || q.approx;
    return q.e;
}

/* the unit of time after 个半 at j (小时, 钟头, 月, 星期, 分钟, 钟 as hours):
 * its code, and its length in *len; NULL for none */
static const char *half_unit_at(const sino_facts *fx, size_t j, size_t *len)
{
    static const char *const units[] = { "小时", "钟头", "月", "星期", "分钟", "钟", NULL };
    static const char *const codes[] = { "H", "H", "M", "W", "min", "H" };
    int w = -1;
    size_t m = fx_match_any(fx, j, units, &w);
    if (!m || (w == 5 && !hour_zhong_ok(fx, j + 1))) return NULL;
    *len = m;
    return codes[w];
}

/* A duration starting with phrase p at i: a chain of falling units
 * (一小时零十五分钟, 36天5小时30分, 五分三十秒, 27分钟7秒), 半 (两年半, 两个半小时),
 * business days, 3年以上7年以下 as a range, 6天5晚. Returns the end, or 0
 * when p starts no duration. */
static size_t try_duration(sino_facts *fx, size_t i, const nphrase *p)
{
    size_t hl;
    dur d;
    memset(&d, 0, sizeof d);
    d.last = -1;
    size_t e;
    int parts = 0, half = 0;
    if (p->utype == SINO_FACT_DURATION && p->has_hi) {
        /* 一两天, 三五年: "one or two days", a range of durations */
        dur hi;
        memset(&hi, 0, sizeof hi);
        hi.last = -1;
        if (!dur_add(&d, p->v, p->unit) || !dur_add(&hi, p->hi, p->unit)) return 0;
        fx_cand *c = fx_add(fx, SINO_FACT_DURATION, i, p->e);
        if (c) {
            char a[48], b[48];
            dur_format(&d, a, sizeof a);
            dur_format(&hi, b, sizeof b);
            snprintf(c->value, sizeof c->value, "%s/%s", a, b);
            c->approx = p->approx;
        }
        return p->e;
    }
    if (p->utype == SINO_FACT_DURATION) {
        dur_add(&d, p->v, p->unit);
        e = p->e;
    } else if (strcmp(p->unit, "个") == 0 && fx_at(fx, p->e) == 0x534A &&
               half_unit_at(fx, p->e + 1, &hl) != NULL) {
        /* 两个半小时, 三个半月, 五个半分钟, 一個半鐘 */
        dur_add(&d, p->v, half_unit_at(fx, p->e + 1, &hl));
        add_half(&d);
        e = p->e + 1 + hl;
        half = 1;
    } else if (p->utype < 0 && !p->has_hi && p->v.e == 0 && p->v.m >= 1 && p->v.m <= 3 &&
               fx_match(fx, p->num_end, "刻钟")) {
        /* 一刻钟, 3刻钟: quarters of an hour */
        dur_add(&d, (fx_dec){ p->v.m * 15, 0 }, "min");
        e = p->num_end + 2;
    } else if (p->utype < 0 && !p->has_hi && fx_at(fx, p->num_end) == 0x5206 &&
               fx_match(fx, p->num_end + 1, "半钟")) {
        /* 一分半钟, 五分半钟: minutes and a half */
        dur_add(&d, p->v, "min");
        add_half(&d);
        e = p->num_end + 3;
        half = 1;
    } else if (p->utype < 0 && fx_at(fx, p->num_end) == 0x5206 && p->kind == 2) {
        /* 五分三十秒: 分 as minutes only before seconds */
        nphrase q;
        size_t k = p->num_end + 1;
        if (!parse_phrase(fx, k, &q) || q.utype != SINO_FACT_DURATION || strcmp(q.unit, "S") != 0)
            return 0;
        dur_add(&d, p->v, "min");
        e = k;
    } else {
        return 0;
    }
    parts = 1;
    if (!half && d.last != DU_MIN && d.last != DU_S && half_follows(fx, e)) {
        /* 两年半 = 2.5 years; 三天半 */
        add_half(&d);
        e++;
        half = 1;
    }
    /* the falling chain */
    while (!half) {
        size_t k = e;
        if (cn_digit(fx_at(fx, k)) == 0) k++;                     /* 零 */
        nphrase q;
        if (!parse_phrase(fx, k, &q) || q.has_hi || q.kind == 0 || q.v.e == FX_NO_VALUE) break;
        if (q.utype == SINO_FACT_DURATION && dur_add(&d, q.v, q.unit)) {
            e = q.e;
        } else if (q.utype < 0 && fx_at(fx, q.num_end) == 0x5206 && !fx_in(fx_at(fx, q.num_end + 1), "钟之") &&
                   d.last == DU_H && dur_add(&d, q.v, "min")) {
            e = q.num_end + 1;                                      /* 兩小時十分 */
        } else {
            break;
        }
        parts++;
    }
    if (p->kind == 2 && parts == 1 && !half) {
        if (p->num_end == i + 1 && cn_unit(fx->cp[i])) return p->e;    /* 千年, 百年 */
        /* 一年, 一天 (有一天: some day) but 一小时, 一分钟, 一个月, 一周; not
         * the unit itself (一周的第一天, 一个月当中的日子, 一个星期中) */
        if (p->single_one && !p->approx &&
            (d.last == DU_Y || d.last == DU_D || d.business || fx_match(fx, e, "的第") ||
             fx_match(fx, e, "当中") || fx_in(fx_at(fx, e), "中里名")) &&
            !(fx_in(fx_at(fx, e), "来内后多") || fx_match(fx, e, "以来") ||
              fx_match(fx, e, "以上") || fx_match(fx, e, "左右")))
            return p->e;
    }
    const char *mod = "";
    int approx = p->approx;
    if (fx_at(fx, e) == 0x5185) { mod = "within"; e++; }                 /* 内 */
    else if (fx_match(fx, e, "以来")) { mod = "since"; e += 2; }
    else if (fx_at(fx, e) == 0x6765 && fx_at(fx, e - 1) == 0x5E74) { mod = "since"; e++; }
    else if (fx_match(fx, e, "以内")) { mod = "within"; e += 2; }
    else if (fx_match(fx, e, "以下")) { mod = "less"; e += 2; }
    else if (fx_match(fx, e, "以上")) { mod = "more"; e += 2; }
    else if (fx_match(fx, e, "左右")) { e += 2; approx = 1; }
    if (parts == 1 && !half && strcmp(mod, "more") == 0) {
        /* 3年以上7年以下, 十五年以上,30年以下: a range of durations */
        nphrase q;
        size_t k = e + (fx_at(fx, e) == ',');
        if (parse_phrase(fx, k, &q) && q.utype == SINO_FACT_DURATION && strcmp(q.unit, p->unit) == 0 &&
            (fx_match(fx, q.e, "以下") || fx_match(fx, q.e, "以内")) && dec_less(p->v, q.v)) {
            dur hi;
            memset(&hi, 0, sizeof hi);
            hi.last = -1;
            dur_add(&hi, q.v, q.unit);
            fx_cand *c = fx_add(fx, SINO_FACT_DURATION, i, q.e + 2);
            if (c) {
                char a[48], b[48];
                dur_format(&d, a, sizeof a);
                dur_format(&hi, b, sizeof b);
                snprintf(c->value, sizeof c->value, "%s/%s", a, b);
            }
            return q.e + 2;
        }
    }
    if (parts == 1 && d.last == DU_D && !mod[0]) {
        /* 6天5晚, 三天三夜: the nights are part of the same stay */
        size_t k = e;
        nphrase q;
        if (parse_phrase(fx, k, &q) && q.utype < 0 && !q.has_hi && fx_in(fx_at(fx, q.num_end), "晚夜"))
            e = q.num_end + 1;
    }
    if (parts == 1 && !mod[0]) {
        size_t re = relative_point(fx, i, e, p, &d, half);
        if (re) return re;
        re = half ? 0 : unit_range(fx, i, e, p, &d);
        if (re) return re;
    }
    emit_dur(fx, &d, i, e, mod, approx);
    return e;
}

/* 3斤半 = 3.5斤, 一米半, 两倍半; 3斤5两 = 3.5斤 (ten 两 to the 斤): the new end */
static size_t half_and_tenths(const sino_facts *fx, nphrase *p)
{
    static const char *const halves[] = { "斤", "岁", "米", "吨", "倍", "公里", "公斤", "亩", "元", NULL };
    for (int w = 0; halves[w]; w++) {
        if (strcmp(p->unit, halves[w]) != 0) continue;
        if (half_follows(fx, p->e)) {
            p->v = dec_add_half(p->v);
            return p->e + 1;
        }
        int d = one_digit(fx, p->e);
        uint32_t nx = fx_at(fx, p->e + 1);
        if (w == 2 && d > 0 && p->v.e == 0 && !is_digit(fx_at(fx, p->e)) && cn_digit(nx) < 0 &&
            !cn_unit(nx) && nx != 0x70B9 && !measure_at(fx, p->e + 1, (char[32]){0}, 32)) {
            p->v.m = p->v.m * 10 + d;             /* 三米九 = 3.9 米, 一米八 */
            p->v.e = -1;
            return p->e + 1;
        }
        if (w == 0 && d > 0 && fx_at(fx, p->e + 1) == 0x4E24 && p->v.e >= 0) {
            while (p->v.e > 0) { p->v.m *= 10; p->v.e--; }
            p->v.m = p->v.m * 10 + d;
            p->v.e = -1;
            return p->e + 2;
        }
    }
    return p->e;
}

/* num/den as an exact decimal; 0 when it has none (1/3) */
static int exact_fraction(int64_t num, int64_t den, fx_dec *out)
{
    if (den <= 0 || num < 0 || num > INT64_MAX / 1000000) return 0;
    int64_t m = num;
    int e = 0;
    while (m % den != 0 && e > -12) {
        if (m > INT64_MAX / 10) return 0;
        m *= 10;
        e--;
    }
    if (m % den != 0) return 0;
    out->m = m / den;
    out->e = e;
    return 1;
}

/* X分之Y and X份Y (Duckling's 十份十一): the fraction Y/X. Returns the end,
 * or 0 when none starts at p; a fraction with no exact decimal (三分之一)
 * is reported with no value. */
static size_t try_fraction(sino_facts *fx, size_t i, const nphrase *p)
{
    size_t k;
    if (p->kind != 2 || p->has_hi || p->v.e != 0 || p->approx) return 0;
    int plain = 0;
    if (strcmp(p->unit, "份") == 0 && p->e == p->num_end + 1) k = p->e;
    else if (fx_match(fx, p->num_end, "分之")) k = p->num_end + 2;
    else if (fx_at(fx, p->num_end) == 0x5206 && cn_digit(fx_at(fx, p->num_end + 1)) >= 1) {
        k = p->num_end + 1;                       /* 四分一升: Cantonese for 四分之一 */
        plain = 1;
    } else {
        return 0;
    }
    fx_dec q;
    size_t len = parse_cn(fx, k, &q);
    if (!len || q.e != 0) return 0;
    uint32_t nx = fx_at(fx, k + len);
    if (cn_unit(nx) || fx_in(nx, "点")) return 0;
    fx_dec v;
    char unit[32] = "";
    size_t ul = 0;
    if (plain) {
        /* only before a unit of measure, and less than one */
        int w = -1;
        ul = fx_match_any(fx, k + len, physical_units, &w);
        if (!ul || len != 1 || q.m >= p->v.m) return 0;
        snprintf(unit, sizeof unit, "%s", physical_units[w]);
    } else {
        /* 四分之一公升: a unit of measure after it is the fraction's; a one-
         * character unit only when no Han character goes on (三分之一米饭) */
        int w = -1;
        ul = fx_match_any(fx, k + len, physical_units, &w);
        if (ul == 1 && sino_is_han(fx_at(fx, k + len + 1))) ul = 0;
        if (ul) snprintf(unit, sizeof unit, "%s", physical_units[w]);
    }
    fx_cand *cd = fx_add(fx, SINO_FACT_NUMERAL, i, k + len + ul);
    if (cd && exact_fraction(q.m, p->v.m, &v)) fx_dec_format(v, cd->value, sizeof cd->value);
    if (cd) snprintf(cd->unit, sizeof cd->unit, "%s", unit);
    return k + len + ul;
}

/* the currency named right before i (港币100元, 人民币 3.14): its index in
 * money_prefixes, *len its characters; -1 for none */
static int currency_before(const sino_facts *fx, size_t i, size_t *len)
{
    size_t at = i > 0 && fx->cp[i - 1] == ' ' ? i - 1 : i;
    for (int w = 0; money_prefixes[w]; w++) {
        size_t l = 0;
        for (const char *p = money_prefixes[w]; *p; p++) l += ((unsigned char)*p & 0xC0) != 0x80;
        if (at < l || fx_match(fx, at - l, money_prefixes[w]) != l) continue;
        *len = i - (at - l);
        return w;
    }
    return -1;
}

static size_t try_number(sino_facts *fx, size_t i)
{
    uint32_t c = fx->cp[i];
    nphrase p;
    /* ordinals: 第十五次, 第1 */
    if (c == 0x7B2C) {
        if (!parse_phrase(fx, i + 1, &p) || p.has_hi) return i + 1;
        size_t e = p.num_end;
        char unit[32] = "";
        size_t m = measure_at(fx, e, unit, sizeof unit);
        if (p.kind == 2 && word_extends(fx, i, e + m, 0)) return e + m;   /* 第三方 */
        fx_cand *cd = fx_add(fx, SINO_FACT_NUMERAL, i, e + m);
        if (cd) {
            fx_dec_format(p.v, cd->value, sizeof cd->value);
            snprintf(cd->unit, sizeof cd->unit, "%s", unit);
            snprintf(cd->mod, sizeof cd->mod, "ordinal");
        }
        return e + m;
    }
    /* 百分之五 */
    if (fx_match(fx, i, "百分之")) {
        int neg = fx_at(fx, i + 3) == 0x8D1F;          /* 百分之负三点八 */
        if (parse_phrase(fx, i + 3 + neg, &p) && !p.has_hi) {
            size_t e = p.num_end;
            fx_cand *cd = fx_add(fx, SINO_FACT_PERCENT, i, e);
            if (cd) {
                if (neg) p.v.m = -p.v.m;
                fx_dec_format(p.v, cd->value, sizeof cd->value);
                snprintf(cd->unit, sizeof cd->unit, "%%");
            }
            return e;
        }
        return i + 3;
    }
    /* 十四五 (five-year plans) */
    if (c == 0x5341 && cn_digit(fx_at(fx, i + 1)) >= 1 && fx_at(fx, i + 2) == 0x4E94 &&
        !(i > 0 && (cn_digit(fx->cp[i - 1]) >= 0 || cn_unit(fx->cp[i - 1]))) &&
        !measure_at(fx, i + 3, (char[32]){0}, 32)) {
        fx_cand *cd = fx_add(fx, SINO_FACT_NUMERAL, i, i + 3);
        if (cd) {
            snprintf(cd->value, sizeof cd->value, "%d", 10 + cn_digit(fx->cp[i + 1]));
            snprintf(cd->mod, sizeof cd->mod, "plan");
        }
        return i + 3;
    }
    /* 米九 (spoken: 一米九, 1.9 m) where no word ends in 米 (小米九, 玉米) and
     * nothing but 的, 到, 至 or 左右 follows the digit (米五块一斤 is rice) */
    if (c == 0x7C73 && one_digit(fx, i + 1) > 0 && !is_digit(fx_at(fx, i + 1)) &&
        !(i > 0 && (sino_is_han(fx->cp[i - 1]) || is_digit(fx->cp[i - 1]))) &&
        (!sino_is_han(fx_at(fx, i + 2)) || fx_in(fx_at(fx, i + 2), "的到至") || fx_match(fx, i + 2, "左右"))) {
        fx_cand *cd = fx_add(fx, SINO_FACT_NUMERAL, i, i + 2);
        if (cd) {
            snprintf(cd->value, sizeof cd->value, "1.%d", one_digit(fx, i + 1));
            snprintf(cd->unit, sizeof cd->unit, "米");
        }
        return i + 2;
    }
    /* 分半钟 (spoken: a minute and a half); 五分半钟 is the number's */
    if (c == 0x5206 && fx_match(fx, i + 1, "半钟") &&
        !(i > 0 && (is_digit(fx->cp[i - 1]) || cn_digit(fx->cp[i - 1]) >= 0 || cn_unit(fx->cp[i - 1])))) {
        fx_cand *cd = fx_add(fx, SINO_FACT_DURATION, i, i + 3);
        if (cd) snprintf(cd->value, sizeof cd->value, "PT1M30S");
        return i + 3;
    }
    /* 个半小时, 个半月 (spoken: one and a half), after a break only (这个半小时) */
    if (c == 0x4E2A && fx_at(fx, i + 1) == 0x534A && !(i > 0 && (sino_is_han(fx->cp[i - 1]) ||
                                                                 is_digit(fx->cp[i - 1])))) {
        static const char *const gw[] = { "小时", "钟头", "月", "钟", NULL };
        static const char *const gv[] = { "PT1H30M", "PT1H30M", "P1M15D", "PT1H30M" };
        int w = -1;
        size_t m = fx_match_any(fx, i + 2, gw, &w);
        if (m && !(w == 3 && !hour_zhong_ok(fx, i + 3))) {
            fx_cand *cd = fx_add(fx, SINO_FACT_DURATION, i, i + 2 + m);
            if (cd) snprintf(cd->value, sizeof cd->value, "%s", gv[w]);
            return i + 2 + m;
        }
    }
    /* 半小时, 半年, 半个月 */
    if (c == 0x534A) {
        static const char *const hw[] = { "半小时", "半个小时", "半年", "半个月", "半天", "半个世纪", "半日",
                                          "半个钟", "半个钟头", NULL };
        static const char *const hv[] = { "PT30M", "PT30M", "P6M", "P15D", "PT12H", "P50Y", "PT12H", "PT30M",
                                          "PT30M" };
        int w = -1;
        size_t m = fx_match_any(fx, i, hw, &w);
        if (m && !(i > 0 && cn_digit(fx->cp[i - 1]) >= 0) && !(w == 7 && !hour_zhong_ok(fx, i + m))) {
            size_t e = i + m, re = w == 2 ? relative_at(fx, i, e, 'M', 6) : 0;
            if (re) return re;                          /* 半年后: six months on */
            fx_cand *cd = fx_add(fx, SINO_FACT_DURATION, i, e);
            if (cd) snprintf(cd->value, sizeof cd->value, "%s", hv[w]);
            return e;
        }
        /* 一半 (降低一半): the fraction, 0.5; not 另一半 (a spouse), 一半儿 */
        if (i > 0 && fx->cp[i - 1] == 0x4E00 && !(i > 1 && fx_in(fx->cp[i - 2], "另大多小第")) &&
            !fx_in(fx_at(fx, i + 1), "儿半个")) {
            fx_cand *cd = fx_add(fx, SINO_FACT_NUMERAL, i - 1, i + 1);
            if (cd) snprintf(cd->value, sizeof cd->value, "0.5");
            return i + 1;
        }
        /* 半个 (半个苹果): half of one, 0.5 个 (半个月 is a duration, 大半个 most of one) */
        if (fx_at(fx, i + 1) == 0x4E2A && fx_at(fx, i + 2) != 0x591A &&
            !(i > 0 && (cn_digit(fx->cp[i - 1]) >= 0 || fx_in(fx->cp[i - 1], "多大过小")))) {
            fx_cand *cd = fx_add(fx, SINO_FACT_NUMERAL, i, i + 2);
            if (cd) {
                snprintf(cd->value, sizeof cd->value, "0.5");
                snprintf(cd->unit, sizeof cd->unit, "个");
            }
            return i + 2;
        }
        /* 半公升, 半斤: half a unit of measure (not 半斤八两, 多半) */
        m = fx_match_any(fx, i + 1, physical_units, &w);
        if (m && !(i > 0 && (cn_digit(fx->cp[i - 1]) >= 0 || fx_in(fx->cp[i - 1], "多大过一"))) &&
            !word_extends(fx, i, i + 1 + m, 1)) {
            fx_cand *cd = fx_add(fx, SINO_FACT_NUMERAL, i, i + 1 + m);
            if (cd) {
                snprintf(cd->value, sizeof cd->value, "0.5");
                snprintf(cd->unit, sizeof cd->unit, "%s", physical_units[w]);
            }
            return i + 1 + m;
        }
        return i + 1;
    }
    /* a number glued to a preceding Latin letter or digit is a code, not a number */
    if (i > 0 && is_digit(c) && ((fx->cp[i - 1] | 0x20) >= 'a' && (fx->cp[i - 1] | 0x20) <= 'z'))
        return i + parse_ar(fx, i, &p.v) + 1;
    if (!parse_phrase(fx, i, &p)) return i + 1;
    if (p.v.e == FX_NO_VALUE) return p.num_end;
    if (p.kind == 1 && i > 0 && (fx->cp[i - 1] == '.' || is_digit(fx->cp[i - 1]))) return p.num_end;
    /* range: first [unit] sep second unit */
    size_t after = p.utype >= 0 ? p.e : p.num_end;
    if (fx_match(fx, after, "(含)")) after += 3;             /* 1万(含)-5万元 */
    size_t sl = range_sep(fx, after);
    if (sl && !p.has_hi) {
        nphrase q;
        if (parse_phrase(fx, after + sl, &q) && !q.has_hi && q.utype >= 0 &&
            (q.kind == p.kind || (q.utype == SINO_FACT_DURATION && p.utype < 0) ||  /* 两万四千到3万秒 */
             (p.utype < 0 && q.num_end > q.s && cn_unit(fx->cp[q.num_end - 1]) >= 100)) && /* 两~3百日元 */
            (p.utype < 0 || strcmp(p.unit, q.unit) == 0)) {
            fx_dec lo = p.v;
            if (p.utype < 0) share_multiplier(fx, &p, &q, &lo);
            if (dec_less(q.v, lo)) return q.e;      /* 六到三米 (of 米六到三米九): no value */
            if (q.utype == SINO_FACT_DURATION) {
                /* 3~6个月 = P3M/P6M */
                dur a, b;
                memset(&a, 0, sizeof a);
                memset(&b, 0, sizeof b);
                a.last = b.last = -1;
                if (!dur_add(&a, lo, q.unit) || !dur_add(&b, q.v, q.unit)) return q.e;
                fx_cand *dc = fx_add(fx, SINO_FACT_DURATION, i, q.e);
                if (dc) {
                    char x[48], y[48];
                    dur_format(&a, x, sizeof x);
                    dur_format(&b, y, sizeof y);
                    snprintf(dc->value, sizeof dc->value, "%s/%s", x, y);
                    snprintf(dc->unit, sizeof dc->unit, "%s", a.business ? "工作日" : "");
                    dc->approx = p.approx || q.approx;
                }
                return q.e;
            }
            fx_cand *cd = fx_add(fx, SINO_FACT_RANGE, i, q.e);
            if (cd) {
                char a[40], b[40];
                fx_dec_format(lo, a, sizeof a);
                fx_dec_format(q.v, b, sizeof b);
                snprintf(cd->value, sizeof cd->value, "[%s,%s]", a, b);
                snprintf(cd->unit, sizeof cd->unit, "%s", q.unit);
                cd->approx = p.approx || q.approx;
            }
            return q.e;
        }
    }
    size_t fe = try_fraction(fx, i, &p);
    if (fe) return fe;
    if (p.kind == 2 && word_extends(fx, i, p.e, p.utype != SINO_FACT_NUMERAL)) return p.e;
    size_t de = try_duration(fx, i, &p);
    if (de) return de;
    size_t cl;
    int cw;
    if (p.utype < 0 && p.kind == 1 && !p.has_hi && (cw = currency_before(fx, i, &cl)) >= 0 &&
        !is_digit(fx_at(fx, p.num_end)) && fx_at(fx, p.num_end) != '.') {
        /* 人民币3.14, 港币 500万: the amount in the currency named before it */
        fx_cand *cd = fx_add(fx, SINO_FACT_MONEY, i - cl, p.num_end);
        if (cd) {
            fx_dec_format(p.v, cd->value, sizeof cd->value);
            snprintf(cd->unit, sizeof cd->unit, "%s", money_prefix_codes[cw]);
            cd->approx = p.approx;
        }
        return p.num_end;
    }
    if (p.utype < 0) return p.num_end > i ? p.num_end : i + 1;
    if (p.kind == 2) {
        /* idioms and lexicalised words: 七上八下, 一线, 千方百计 */
        if (word_extends(fx, i, p.e, p.utype != SINO_FACT_NUMERAL)) return p.e;
        if (p.single_one && !p.approx && !is_physical_unit(p.unit) &&
            p.utype != SINO_FACT_MONEY) {
            /* 一个, 一批: indefinite, not a count (but 一吨, 一公升 are one of a
             * unit of measure, and 一元 one yuan); 一年来 stays a duration */
            if (!(p.utype == SINO_FACT_DURATION &&
                  (fx_in(fx_at(fx, p.e), "来内后多") || fx_match(fx, p.e, "以来") ||
                   fx_match(fx, p.e, "以上") || fx_match(fx, p.e, "左右"))))
                return p.e;
        }
        if (p.utype == SINO_FACT_NUMERAL && i > 0 && fx->cp[i - 1] >= 0x4E00 &&
            fx_in(fx->cp[i - 1], "统唯万之其专")) return p.e;
    }
    if (!p.has_hi && p.utype != SINO_FACT_MONEY && p.utype != SINO_FACT_PERCENT)
        p.e = half_and_tenths(fx, &p);
    fx_cand *cd = fx_add(fx, p.has_hi && p.utype != SINO_FACT_MONEY ? SINO_FACT_RANGE : p.utype, i, p.e);
    if (cd) {
        set_value(cd, &p);
        temperature_scale(fx, cd, i);
    }
    return p.e;
}

/* A minus sign before the number at i: "-", "−", 负 or 零下 (for 零下四度),
 * with an optional space. Returns where the sign starts, or i. A hyphen
 * after a letter, digit or closing bracket joins codes and ranges instead. */
static size_t sign_start(const sino_facts *fx, size_t i)
{
    size_t k = i;
    if (k > 0 && fx->cp[k - 1] == ' ') k--;
    if (k == 0) return i;
    uint32_t c = fx->cp[k - 1];
    if (c == 0x8D1F) return k - 1;                                /* 负 */
    if (c == 0x4E0B && k >= 2 && fx->cp[k - 2] == 0x96F6) return k - 2;   /* 零下 */
    if (c == '-' || c == 0x2212) {
        uint32_t b = k >= 2 ? fx->cp[k - 2] : 0;
        if (is_digit(b) || (b | 0x20) - 'a' < 26u || b == ')' || b == '-' || b == '%' ||
            b == 0x2014 || cn_unit(b) || cn_digit(b) >= 0 || b == '_' || b == '/')
            return i;
        return k - 1;
    }
    return i;
}

/* Numeric candidates added from index first on that start at i and have a
 * plain number as value: make them negative and start them at the sign. */
static void apply_sign(sino_facts *fx, size_t first, size_t i, size_t sign)
{
    for (size_t k = first; k < fx->nc; k++) {
        fx_cand *c = &fx->c[k];
        if (c->s != i || c->type == SINO_FACT_DATE) continue;
        char *v = c->value;
        if (!((v[0] >= '0' && v[0] <= '9') || (c->type == SINO_FACT_DURATION && v[0] == 'P')))
            continue;
        if (c->type == SINO_FACT_DURATION) {
            c->value[0] = 0;                /* a negative duration: no value */
        } else if (strcmp(v, "0") != 0) {
            size_t l = strlen(v);
            if (l + 2 > sizeof c->value) continue;
            memmove(v + 1, v, l + 1);
            v[0] = '-';
        }
        c->s = (uint32_t)sign;
    }
}

/* A currency written before an amount in 元 (港币100元, 新台币12亿元, 人民币5元):
 * money candidates added from first that start at i take its code and
 * start at it. */
static void apply_currency(sino_facts *fx, size_t first, size_t i)
{
    size_t len;
    int w = currency_before(fx, i, &len);
    if (w < 0) return;
    for (size_t k = first; k < fx->nc; k++) {
        fx_cand *c = &fx->c[k];
        if (c->s != i || (c->type != SINO_FACT_MONEY && c->type != SINO_FACT_RANGE)) continue;
        if (strcmp(c->unit, "CNY") != 0) continue;
        if (!fx_match(fx, c->e - 1, "元") && !fx_match(fx, c->e - 1, "圆") &&
            !fx_match(fx, c->e - 1, "角") && !fx_match(fx, c->e - 1, "分"))
            continue;                           /* 人民币5万元 yes; 港币100人民币? no */
        snprintf(c->unit, sizeof c->unit, "%s", money_prefix_codes[w]);
        c->s = (uint32_t)(i - len);
    }
}

/* 约, 大约, 近, 将近, 接近, 大概 before a number, 左右 after it: approximate */
static void apply_approx(sino_facts *fx, size_t first, size_t i)
{
    static const char *const before[] = { "约", "大约", "约为", "近", "将近", "接近", "大概", "大致", NULL };
    int marked = 0;
    for (int w = 0; before[w] && !marked; w++) {
        size_t len = 0;
        for (const char *p = before[w]; *p; p++) len += ((unsigned char)*p & 0xC0) != 0x80;
        marked = i >= len && fx_match(fx, i - len, before[w]) == len;
    }
    for (size_t k = first; k < fx->nc; k++) {
        fx_cand *c = &fx->c[k];
        if (c->type == SINO_FACT_DATE || !c->value[0]) continue;
        if ((c->s == i && marked) || fx_match(fx, c->e, "左右")) c->approx = 1;
    }
}

/* does the value start with a calendar year (or XXXX), as a point? */
static int dated_point(const char *v)
{
    if (strchr(v, '/')) return 0;
    if (strncmp(v, "XXXX", 4) == 0) return strncmp(v, "XXXX-W", 6) != 0 && strncmp(v, "XXXX-", 5) == 0 &&
                                          v[5] >= '0' && v[5] <= '9';
    for (int k = 0; k < 4; k++)
        if (v[k] < '0' || v[k] > '9') return 0;
    return v[4] == 0 || (v[4] == '-' && v[5] >= '0' && v[5] <= '9');
}

static size_t join_date_range(sino_facts *fx, size_t first, size_t e);

/* the weekday (1..7) of a value YYYY-MM-DD, or 0 */
static int day_weekday(const char *v)
{
    int y, m, d;
    if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3) return 0;
    return weekday_index(days_of(y, m, d)) + 1;
}

/* A weekday and a date side by side (周日, 二月十号; 2月10日(星期日)) are one
 * date when the day falls on that weekday; when they disagree (or the date
 * has no year) both stay as they are. The candidate at index first ends at
 * e. Returns the new end. */
static size_t join_weekday(sino_facts *fx, size_t first, size_t e)
{
    if (first + 1 != fx->nc || fx->c[first].type != SINO_FACT_DATE) return e;
    size_t k = e;
    while (k < e + 2 && fx_in(fx_at(fx, k), " ,，、")) k++;
    int paren = fx_at(fx, k) == '(';
    k += (size_t)paren;
    int wd = 0;
    const char *v = fx->c[first].value;
    if (strncmp(v, "XXXX-WXX-", 9) == 0 && !paren) {
        wd = v[9] - '0';
        size_t e2 = try_date(fx, k);
        if (e2 <= k || fx->nc != first + 2) return e2 > k ? e2 : e;
        fx_cand *a = &fx->c[first], *b = &fx->c[first + 1];
        if (day_weekday(b->value) != wd)
            return join_date_range(fx, first + 1, e2);  /* 周一, 5月1日至3日: the date's own range */
        memcpy(a->value, b->value, sizeof a->value);
        a->e = b->e;
        a->rel = b->rel;
        a->resolved = b->resolved;
        fx->nc--;
        return e2;
    }
    wd = day_weekday(v);
    char wv[32];
    size_t m = wd ? bare_weekday(fx, k, wv, sizeof wv) : 0;
    if (!m || wv[9] - '0' != wd) return e;
    k += m;
    if (paren) {
        if (fx_at(fx, k) != ')') return e;
        k++;
    }
    fx->c[first].e = (uint32_t)k;
    return k;
}

/* Two dates joined by 至, 到, - or ~ are one span: 2017年8月11日至8月22日 =
 * 2017-08-11/2017-08-22. The second end takes the first's year when it
 * states none (the year after, when it would fall before the first). The
 * date candidate at index first ends at e. Returns the new end. */
static size_t join_date_range(sino_facts *fx, size_t first, size_t e)
{
    size_t sl = range_sep(fx, e);
    if (!sl && fx_at(fx, e) == 0x8D77 && range_sep(fx, e + 1))
        sl = 1 + range_sep(fx, e + 1);                  /* 自5月26日起至5月29日止 */
    if (!sl || first + 1 != fx->nc) return e;
    fx_cand *a = &fx->c[first];
    if (a->type != SINO_FACT_DATE || !dated_point(a->value) || a->lunar) return e;
    size_t e2 = try_date(fx, e + sl);
    if (e2 <= e + sl) return e;
    if (fx->nc != first + 2) return e2;
    a = &fx->c[first];
    fx_cand *b = &fx->c[first + 1];
    if (!dated_point(b->value) || b->lunar ||
        strlen(b->value) < strlen(a->value) - (strlen(a->value) == 4 ? 0 : 3)) {
        return e2;                        /* 5月12日至6月: left as two dates */
    }
    char bv[96];
    snprintf(bv, sizeof bv, "%s", b->value);
    int own_year = 0;
    for (size_t k = b->s; k < b->e; k++)
        if (fx->cp[k] == 0x5E74) own_year = 1;      /* 年 */
    uint32_t b0 = fx->cp[b->s];
    if (!is_digit(b0) && cn_digit(b0) < 0 && b0 != 0x5341) own_year = 1;   /* 下个月9号: its own */
    if (!own_year) {
        memcpy(bv, a->value, 4);                    /* the first end's year */
        if (strlen(bv) == strlen(a->value) && strcmp(bv, a->value) < 0 && bv[0] != 'X') {
            int y = (bv[0] - '0') * 1000 + (bv[1] - '0') * 100 + (bv[2] - '0') * 10 + (bv[3] - '0') + 1;
            char yy[8];
            snprintf(yy, sizeof yy, "%04d", y);
            memcpy(bv, yy, 4);
        }
    }
    if (strlen(bv) == strlen(a->value) && strcmp(bv, a->value) <= 0) return e2;   /* not a rising span */
    size_t l = strlen(a->value);
    snprintf(a->value + l, sizeof a->value - l, "/%s", bv);
    a->e = b->e;
    a->rel |= b->rel;
    a->resolved |= b->resolved;
    fx->nc--;
    if (fx_at(fx, e2) == 0x6B62) {                      /* 止 closes 自/从 ... 至 ... */
        a->e = (uint32_t)++e2;
        if (a->s > 0 && fx_in(fx->cp[a->s - 1], "自从")) a->s--;
    }
    return e2;
}

/* Does a number written without its leading zero (.77) start at the dot
 * at i? Only after the start, a space, a sign or Chinese text: 1.77,
 * v.77, ..5 and file.7z are something else. */
static int leading_dot(const sino_facts *fx, size_t i)
{
    if (!is_digit(fx_at(fx, i + 1))) return 0;
    if (i == 0) return 1;
    uint32_t b = fx->cp[i - 1];
    if (b == '-' || b == 0x2212) b = i >= 2 ? fx->cp[i - 2] : ' ';
    return b == ' ' || b == '\t' || (sino_is_han(b) && b != 0x3007);
}

void fx_scan_numbers(sino_facts *fx)
{
    size_t i = 0;
    while (i < fx->n) {
        uint32_t c = fx->cp[i];
        if (c == '.' && leading_dot(fx, i)) {
            size_t first = fx->nc, sign = sign_start(fx, i);
            size_t e = try_number(fx, i);                  /* .77, -.0012G */
            if (sign < i) apply_sign(fx, first, i, sign);
            i = e > i ? e : i + 1;
            continue;
        }
        if (c < 0x30 || (c > 0x39 && c < 0x4E00 && c != 0x3007 && !(c == 'Q' && fx_match(fx, i + 2, "季度")))) {
            /* 〇 starts numbers too, Q dates (Q1季度) */
            i++;
            continue;
        }
        if (!starts_number(c) && !fx_flag(fx, c, FX_G_DATE)) {
            i++;
            continue;
        }
        size_t before = fx->nc;
        size_t e = try_date(fx, i);
        if (e > i) {
            e = join_weekday(fx, before, e);
            i = join_date_range(fx, before, e);
            continue;
        }
        if (starts_number(c)) {
            size_t prev_ok = !(i > 0 && is_digit(fx->cp[i - 1]) && is_digit(c));
            if (prev_ok) {
                size_t first = fx->nc, sign = sign_start(fx, i);
                e = try_number(fx, i);
                apply_currency(fx, first, i);
                apply_approx(fx, first, i);
                if (sign < i) apply_sign(fx, first, i, sign);
                i = e > i ? e : i + 1;
                continue;
            }
        }
        i++;
    }
}
