#!/usr/bin/python3
"""sfacts against the peers' own test cases (cn2an, JioNLP, Duckling).

Reads ../shared/conformance/facts/external.jsonl (never copied into the
project). Every case is put to sfacts as one input line and the facts sfacts
reports on that line are compared with the peer's expected value. Each case
ends as one of

  right   a fact of a fitting type has the expected value
  WRONG   the fact sfacts reports there has another value (worse than a miss)
  miss    no fitting fact, or one without a value
  out     the category is outside sfacts' scope or convention (listed, with
          the reason, by --list-out)

How a case is put to sfacts and how values compare, per category (the same
table is in README.md, section sfacts):

  cn2an numeral/*          bare numeral N put as "N吨" (a measure word makes a
                           numeral a fact); value compared as a number.
                           daxie-money (壹拾壹元整) is put as it stands.
  Duckling numeral/*       as cn2an; fractions and halves put as they stand.
  ordinal                  as it stands (第七): the numeral's value.
  money/*                  as it stands; value and currency (ISO code) must
                           match; ranges as [low, high]; vague amounts
                           (3000多, 几十万) count right when sfacts gives the
                           peer's range, or the peer's low end marked approx.
  distance, volume,        as it stands; value and unit: sfacts reports the
  quantity, temperature    unit as written, the test maps it to the peer's
                           unit (斤 and 两 converted to grams as Duckling does).
  duration (Duckling,      as it stands; the ISO 8601 value is compared as
  JioNLP time/duration)    (months, seconds) with Y = 12 M, W = 7 D; a range
                           as its two ends; 工作日/交易日 only as business days.
  time/date, weeks, ...    as it stands, with --ref-date set to the peer's
                           reference date; the value is read as an interval
                           and must equal the peer's. A date whose year the
                           text does not give (元旦, 3月3号) is compared on
                           month and day only (Duckling picks the next
                           occurrence, sfacts the reference year). A bare
                           weekday (星期一) is compared on the day of the week:
                           sfacts does not guess which week is meant.
                           A part of day after a date (情人节晚上) is not the
                           date's where the peer's interval is whole days.
  out by convention        case by case, computed from the input (see the
                           *_out_reason functions): Duckling's 这周一/下周三
                           (the next such day), 兩天前/三年後 (the N days or
                           years up to or from the reference; sfacts, as
                           JioNLP, the one day or year N away), a lunar
                           holiday without a year (its next occurrence);
                           JioNLP's month and day with no lunar mark
                           (二月十五, read as lunar; sfacts: Gregorian);
                           JioNLP's 半年后/3年半前 where half a year of
                           182.5 days lands in another month than six
                           calendar months (sfacts); JioNLP's money with
                           no currency (三百万: a number for sfacts, cn2an
                           and Duckling); Duckling's bare 五分 and 7块 (no
                           money by sfacts' convention: points, minutes,
                           pieces; a bare 2角/两毛/两毫/五仙 stays in and is
                           a miss); 前两天 and
                           前两年 (the peers read different spans); N/M (a
                           fraction for cn2an, a month/day for Duckling);
                           JioNLP's 腊月/冬月/大年三十 without 农历 and a
                           written year (which lunar year: readers differ).
  sentences (cn2an, JioNLP money-in-sentence)
                           the sentence as it stands; each expected span must
                           be found with its value; a fact of the type where
                           the peer expects none is WRONG.
"""
import datetime
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

# categories outside sfacts' scope or convention, with the reason
OUT = [
    (r"^time/clock|clock-time", "clock times and parts of a day are not extracted"),
    (r"^time/open-ended", "open-ended spans (未来三天, 近几年, 此前) are not resolved"),
    (r"^time/periodic", "periodic times (每周一) are not extracted"),
    (r"holiday \(religious", "religious and foreign holidays are not extracted"),
    (r"^time/relative N hours", "hour/minute offsets from now are clock times"),
    (r"pair-dozen", "一对 is 1 对 for sfacts, not 2"),
    (r"direct-digits", "a digit string kept as a string (零零三) is not a number"),
    (r"^place/", "place hierarchy completion (JioNLP location parser) is the place type's job, scored on the samples"),
    (r"节气|季节", "solar terms and seasons are not converted to dates"),
]

DUR_SECONDS = {"S": 1, "M": 60, "H": 3600}
DUR_MONTHS = {"Y": 12, "M": 1}
DUR_DAYS = {"W": 7, "D": 1}

# unit as sfacts writes it -> (peer unit, factor)
UNITS = {
    "厘米": ("Centimetre", 1), "cm": ("Centimetre", 1), "公分": ("Centimetre", 1),
    "米": ("Metre", 1), "m": ("Metre", 1), "公尺": ("Metre", 1),
    "公里": ("Kilometre", 1), "千米": ("Kilometre", 1), "km": ("Kilometre", 1),
    "毫米": ("Millimetre", 1), "mm": ("Millimetre", 1),
    "英里": ("Mile", 1), "哩": ("Mile", 1), "英尺": ("Foot", 1), "呎": ("Foot", 1),
    "英寸": ("Inch", 1), "吋": ("Inch", 1), "\"": ("Inch", 1), "'": ("Foot", 1),
    "码": ("Yard", 1),
    "克": ("Gram", 1), "g": ("Gram", 1), "千克": ("Gram", 1000), "公斤": ("Gram", 1000),
    "kg": ("Gram", 1000), "斤": ("Gram", 500), "两": ("Gram", 50), "毫克": ("Gram", 0.001),
    "mg": ("Gram", 0.001), "吨": ("Gram", 1e6),
    "升": ("Litre", 1), "公升": ("Litre", 1), "l": ("Litre", 1), "L": ("Litre", 1),
    "毫升": ("Millilitre", 1), "ml": ("Millilitre", 1), "mL": ("Millilitre", 1),
    "加仑": ("Gallon", 1), "立方米": ("Cubic metre", 1),
    "℃": ("Celsius", 1), "℉": ("Fahrenheit", 1), "°": ("Degree", 1), "度": ("Degree", 1),
    "摄氏度": ("Celsius", 1), "华氏度": ("Fahrenheit", 1), "公里": ("Kilometre", 1),
    "英吋": ("Inch", 1), "feet": ("Foot", 1), "foot": ("Foot", 1), "foots": ("Foot", 1),
    "feets": ("Foot", 1), "ft": ("Foot", 1), "inch": ("Inch", 1), "inches": ("Inch", 1),
    "mile": ("Mile", 1), "miles": ("Mile", 1), "毫克": ("Gram", 0.001), "cc": ("Millilitre", 1),
    "茶匙": ("Millilitre", 5), "汤匙": ("Millilitre", 15),   # teaspoon, tablespoon (Duckling)
}
DUR_UNITS = {"秒": "S", "秒钟": "S", "分钟": "min", "分": "min", "小时": "H", "个小时": "H",
             "钟头": "H", "个钟头": "H", "天": "D", "日": "D", "周": "W", "星期": "W",
             "个星期": "W", "个月": "M", "月": "M", "年": "Y"}


def out_reason(cat):
    for pat, why in OUT:
        if re.search(pat, cat):
            return why
    return None


WEEKDAY = re.compile(r"^(这|這|下|今個|今个|这一|這一)(周|週|星期|礼拜|禮拜)([一二三四五六日天])$")


RELATIVE_N = re.compile(r"^([一二两兩三四五六七八九十\d]+)(个|個)?(天|日|星期|礼拜|禮拜|周|週|月|年)"
                        r"(之)?(前|后|後)$")


def relative_out_reason(case):
    """Duckling reads 兩天前 as the two days before the reference (a span)
    and 三年後 as the three years after it; sfacts, as JioNLP (3年后 is the
    one year 2024 from 2021, 20天后 one day), as the one day, week, month or
    year that far away. Where the two readings differ (a count above one)
    the Duckling case is out; the count is in the input."""
    m = RELATIVE_N.match(case["input"])
    if not m or not case["source"].startswith("Duckling"):
        return None
    n = m.group(1)
    if n in ("一", "1"):
        return None
    return "Duckling reads N天前/N年後 as the N days/years up to the reference, sfacts as the one day/year N away"


LUNAR_NAME = re.compile(r"春节|农历|新春|正月|元宵|端午|中秋|除夕|大年")


def next_lunar_out_reason(case):
    """Duckling takes the next occurrence of a holiday the text gives no
    year for (春节 on 2013-02-12 is 2014-01-31); sfacts the one of the
    reference year (2013-02-10). For a fixed date the two compare on month
    and day; a lunar holiday falls on another day each year, so where the
    peer's year is not the reference year the case is out."""
    if not case["source"].startswith("Duckling") or not LUNAR_NAME.search(case["input"]):
        return None
    iv = case["expected"].get("interval") if isinstance(case["expected"], dict) else None
    if not iv or re.search(r"\d|年", case["input"].replace("新年", "")):
        return None
    if iv[0][:4] != ref_of(case)[:4]:
        return "Duckling takes a lunar holiday's next occurrence, sfacts the one of the reference year"
    return None


LUNAR_MARK = re.compile(r"农历|阴历|正月|冬月|腊月|大年|闰|初|除夕|春节|元宵|端午|中秋")


def unmarked_lunar_out_reason(case):
    """JioNLP reads a month and day in Chinese numerals without 日 or 号
    (二月十五, 去年八月十五, 五月廿二) as a lunar date; sfacts as the
    Gregorian one, unless the text marks the date lunar (农历, 正月, 初五,
    闰四月 ...). Such unmarked cases of the peer's lunar category are out."""
    if "农历" not in case["category"] or LUNAR_MARK.search(case["input"]):
        return None
    return "JioNLP reads an unmarked month and day (二月十五) as lunar, sfacts as Gregorian"


HALF_YEAR = re.compile(r"^([一二两兩三四五六七八九十\d]*)年半|^半年")


def half_year_out_reason(case):
    """JioNLP counts half a year as 182.5 days (半年后 from 2019-06-01 is
    2019-11-30, in November); sfacts as six calendar months (December).
    Where the two land in different months (computed from the input and
    the reference date) the case is out."""
    m = HALF_YEAR.match(case["input"])
    rest = HALF_YEAR.sub("", case["input"])
    if not m or not case["source"].startswith("JioNLP") or not re.fullmatch(r"[之以]?[前后]", rest):
        return None
    n = m.group(1) or ""
    years = 0 if m.group(0) == "半年" else (int(n) if n.isdigit() else
                                             "零一二三四五六七八九十".index(n) if len(n) == 1 and n in "零一二三四五六七八九十"
                                             else 2 if n in "两兩" else None)
    if years is None:
        return None
    sign = -1 if rest.endswith("前") else 1
    ref = datetime.date.fromisoformat(ref_of(case))
    y0 = ref.year + sign * years
    base = datetime.datetime(y0, ref.month, min(ref.day, last_day(y0, ref.month)))
    by_days = base + sign * datetime.timedelta(days=182.5)
    months = ref.year * 12 + ref.month - 1 + sign * (12 * years + 6)
    if (by_days.year, by_days.month) != (months // 12, months % 12 + 1):
        return "JioNLP counts half a year as 182.5 days, sfacts as six calendar months: another month here"
    return None


CURRENCY = re.compile(r"元|圆|块|钱|币|金|镑|[$¥€£]|[A-Z]{3}|刀|法郎|比索|泰铢|卢布|马克")


def no_currency_out_reason(case):
    """JioNLP's money parser takes any amount for money (三百万 is 3,000,000
    CNY, 15k左右 15,000 CNY); for sfacts, as for cn2an and Duckling, a
    number without a currency word or sign is a number. Such JioNLP money
    cases are out (the count of currency words is in the input)."""
    if not case["source"].startswith("JioNLP") or not case["category"].startswith("money"):
        return None
    if not case["expected"] or CURRENCY.search(case["input"]):
        return None
    return "JioNLP takes an amount without a currency for money, sfacts (as cn2an, Duckling) for a number"


SMALL_CHANGE = re.compile(r"^[0-9一二两兩三四五六七八九十]+(分|块|塊)$")


def small_change_out_reason(case):
    """Duckling reads a bare 五分 or 7块 as money; sfacts by its convention
    (man page, money) not: 五分 is as often five points or minutes
    (Duckling's own 五分半 is a duration, cn2an's 两千分 points), 切成7块
    seven pieces. A bare 2角, 两毛, 两毫 or 五仙, which sfacts does not take
    for money either, stays in scope and counts as a miss: the issue asks
    for 角 and 毛, and there the reading is money more often than not."""
    if not case["source"].startswith("Duckling") or not SMALL_CHANGE.match(case["input"]):
        return None
    if not case["category"].startswith("money"):
        return None
    return "a bare 五分/7块 is no money for sfacts (points, minutes, pieces)"


def few_before_out_reason(case):
    """前两天 and 前两年: Duckling reads the two days or years before the
    reference (2013-02-10..11 from 02-12), JioNLP another span (前两天 from
    2021-06-14 is 06-07..06-12, 前两年 2016-2019); colloquially they are
    "a few days/years ago". The peers disagree: the cases are out."""
    if not re.fullmatch(r"前(两|兩|二)(天|年)", case["input"]):
        return None
    return "前两天/前两年: the peers read different spans (Duckling the two before, JioNLP a wider one)"


def slash_out_reason(case):
    """N/M is a fraction for cn2an (概率是1/2 = 0.5) and a month and day for
    Duckling (2/15 = February 15); sfacts reads neither, and the cases of
    both are out."""
    if not re.search(r"(?<![0-9/])[0-9]{1,2}/[0-9]{1,2}(?![0-9/])", case["input"]):
        return None
    if not (case["source"].startswith("cn2an") or case["source"].startswith("Duckling")):
        return None
    return "N/M is a fraction for cn2an and a month/day for Duckling: the peers disagree"


def lunar_year_out_reason(case):
    """The 11th and 12th lunar months and New Year's Eve fall in the next
    Gregorian year, so 腊月初十, 明年腊月 and 2023年大年三十 may mean the
    lunar year named or the one ending in the Gregorian year named: readers
    differ, and sfacts (man page, lunar dates) gives them a value only with
    农历 and the year written; an Arabic day after a lunar month (腊月18) it
    reads not at all, one peer reading the month. JioNLP's such cases are out."""
    t = case["input"]
    if not case["source"].startswith("JioNLP") or not re.search(r"冬月|腊月|大年三十|除夕", t):
        return None
    if re.search(r"(农历|阴历)", t) and re.search(r"\d{4}年|[〇零一二三四五六七八九]{4}年", t):
        return None
    return "腊月/冬月/大年三十 without 农历 and a written year: readers differ on the lunar year"


def case_out_reason(case):
    for reason in (relative_out_reason, next_lunar_out_reason, weekday_out_reason,
                   unmarked_lunar_out_reason, half_year_out_reason, no_currency_out_reason,
                   small_change_out_reason, few_before_out_reason, slash_out_reason,
                   lunar_year_out_reason):
        why = reason(case)
        if why:
            return why
    return None


def weekday_out_reason(case):
    """Duckling reads 这周N and 下周N as the first N after the reference day
    (这周一 on a Tuesday is the next Monday, 下周三 the next day); sfacts as
    the N of this or next calendar week, Monday first. Where the two readings
    differ (computed from the input and the reference date) the case is out."""
    m = WEEKDAY.match(case["input"])
    if not m or not case["source"].startswith("Duckling"):
        return None
    ref = datetime.date.fromisoformat(ref_of(case))
    n = "一二三四五六日天".index(m.group(3)) + 1
    n = min(n, 7)
    monday = ref - datetime.timedelta(days=ref.isoweekday() - 1)
    week = monday + datetime.timedelta(days=7 * (m.group(1) == "下") + n - 1)
    off = (n - ref.isoweekday()) % 7
    if off == 0 and m.group(1) == "下":
        off = 7
    ahead = ref + datetime.timedelta(days=off)
    if week != ahead:
        return "Duckling reads 这/下周N as the next N after the reference day, sfacts as the N of that calendar week"
    return None


def family(cat):
    if cat.startswith("sentence/"):
        return "sentence"
    if cat.startswith("money-in-sentence"):
        return "money-sentence"
    return cat.split("/")[0]


def put(src, cat, text):
    """The line given to sfacts for a case."""
    fam = family(cat)
    if fam == "numeral" and "daxie-money" not in cat and "fraction" not in cat:
        return text + "吨"
    return text


def num_eq(a, b):
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def iso_duration(v):
    """'P1Y6M', 'PT1H15S' -> (months, seconds) or None."""
    m = re.fullmatch(r"P((?:[\d.]+[YMWD])*)(?:T((?:[\d.]+[HMS])*))?", v or "")
    if not m:
        return None
    months = secs = 0.0
    for n, u in re.findall(r"([\d.]+)([YMWD])", m.group(1)):
        if u in DUR_MONTHS:
            months += float(n) * DUR_MONTHS[u]
        else:
            secs += float(n) * DUR_DAYS[u] * 86400
    for n, u in re.findall(r"([\d.]+)([HMS])", m.group(2) or ""):
        secs += float(n) * DUR_SECONDS[u]
    return (months, secs)


def peer_duration(d):
    if d.get("zero"):
        return (0.0, 0.0)
    if d.get("infinite"):
        return None
    months = secs = 0.0
    for k, n in d.items():
        if k == "year":
            months += 12 * n
        elif k == "month":
            months += n
        elif k in ("week",):
            secs += 7 * 86400 * n
        elif k in ("day", "workday"):
            secs += 86400 * n
        elif k == "hour":
            secs += 3600 * n
        elif k == "minute":
            secs += 60 * n
        elif k == "second":
            secs += n
    return (months, secs)


def dur_eq(a, b):
    if a is None or b is None:
        return False
    if num_eq(a[0], b[0]) and num_eq(a[1], b[1]):
        return True
    # Duckling gives 一个半月 in days (45): a month of 30 days when one side has no months
    if a[0] == 0 or b[0] == 0:
        return num_eq(a[0] * 30 * 86400 + a[1], b[0] * 30 * 86400 + b[1])
    return False


def last_day(y, m):
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - datetime.timedelta(days=1)).day


def date_interval(v):
    """sfacts date value -> (start, end) strings YYYY-MM-DD, or None."""
    if "/" in v:
        a, b = v.split("/", 1)
        ia, ib = date_interval(a), date_interval(b)
        return (ia[0], ib[1]) if ia and ib else None
    m = re.fullmatch(r"(\d{4}|XXXX)(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-H([12]))?", v)
    if not m:
        return None
    y = 2000 if m.group(1) == "XXXX" else int(m.group(1))
    ys = m.group(1)
    if m.group(3):
        return (v, v)
    if m.group(2):
        mo = int(m.group(2))
        return ("%s-%02d-01" % (ys, mo), "%s-%02d-%02d" % (ys, mo, last_day(y, mo)))
    if m.group(4):
        q = int(m.group(4))
        return ("%s-%02d-01" % (ys, 3 * q - 2), "%s-%02d-%02d" % (ys, 3 * q, last_day(y, 3 * q)))
    if m.group(5):
        h = int(m.group(5))
        return ("%s-%02d-01" % (ys, 6 * h - 5), "%s-%02d-%02d" % (ys, 6 * h, last_day(y, 6 * h)))
    return ("%s-01-01" % ys, "%s-12-31" % ys)


LUNAR = re.compile(r"-(SF|LF|MAF|DBF|NYE)$")


def date_right(f, want, text):
    v = f.get("value")
    if not isinstance(v, str) or not v:
        return None
    if LUNAR.search(v):
        return None         # a lunar holiday stays symbolic: no Gregorian value given
    wk = re.fullmatch(r"XXXX-WXX-([1-7])", v)
    if wk:
        d = datetime.date.fromisoformat(want[0])
        return want[0] == want[1] and int(wk.group(1)) == d.isoweekday()
    iv = date_interval(v)
    if not iv:
        return False
    if iv[0].startswith("XXXX") or (f.get("resolved") and not re.search(r"\d{2,4}\s*年|[今去明前后]年", text)
                                    and "year" not in f.get("mod", "") and f.get("value", "")[:1].isdigit()
                                    and duckling_year_free(text)):
        # no year in the text: month and day only (a part of a month, 12月底
        # = XXXX-12 with mod end, must hold the peer's days)
        iv, want = (iv[0][5:], iv[1][5:]), (want[0][5:], want[1][5:])
    if f.get("mod") in ("start", "mid", "end"):
        return iv[0] <= want[0] and want[1] <= iv[1]
    return iv == tuple(want)


def duckling_year_free(text):
    """no year, no relative day/week/month word: Duckling's next occurrence
    applies (新年 names a holiday, not a year)"""
    return not re.search(r"[今昨明前后本上下这這][天日周週个個月礼禮星]|年", text.replace("新年", ""))


def money_right(f, exp, text):
    v = f.get("value")
    unit = f.get("unit")
    cur = exp.get("currency") or exp.get("unit")
    if unit != cur:
        return False
    want = exp["value"]
    if isinstance(want, list):
        if isinstance(v, list):
            return len(v) == 2 and num_eq(v[0], want[0]) and num_eq(v[1], want[1])
        # a vague amount given as its low end, marked approximate
        return bool(f.get("approx")) and num_eq(v, want[0])
    if isinstance(v, list):
        return False
    return num_eq(v, want)


def quantity_right(f, exp):
    v = f.get("value")
    unit = f.get("unit", "")
    if unit not in UNITS:
        return False
    peer, k = UNITS[unit]
    if peer != exp["unit"]:
        return False
    want = exp["value"]
    if isinstance(want, list):
        return isinstance(v, list) and num_eq(v[0] * k, want[0]) and num_eq(v[1] * k, want[1])
    return not isinstance(v, list) and num_eq(v * k, want)


def duration_of(f):
    v = f.get("value")
    if f["type"] == "duration":
        if isinstance(v, str) and "/" in v:
            a, b = v.split("/", 1)
            return [iso_duration(a), iso_duration(b)]
        return iso_duration(v)
    if f["type"] == "range" and f.get("unit") in DUR_UNITS and isinstance(v, list):
        u = DUR_UNITS[f["unit"]]
        iso = (lambda n: "PT%s%s" % (n, "M" if u == "min" else u)) if u in ("S", "H", "min") else \
              (lambda n: "P%s%s" % (n, u))
        return [iso_duration(iso(v[0])), iso_duration(iso(v[1]))]
    return None


def duration_right(f, exp):
    got = duration_of(f)
    if got is None:
        return None
    work = isinstance(exp, dict) and "workday" in exp
    if work != (f.get("unit") == "工作日"):
        return False
    if isinstance(exp, list):
        if not isinstance(got, list):
            # an open range: 三十年以上 is P30Y with mod "more", 六个月以下
            # P6M with mod "less" (or "within")
            if exp[1].get("infinite"):
                return f.get("mod") == "more" and dur_eq(got, peer_duration(exp[0]))
            if exp[0].get("zero"):
                return f.get("mod") in ("less", "within") and dur_eq(got, peer_duration(exp[1]))
            return False
        if exp[1].get("infinite"):
            return False
        return dur_eq(got[0], peer_duration(exp[0])) and dur_eq(got[1], peer_duration(exp[1]))
    if isinstance(got, list):
        return False
    return dur_eq(got, peer_duration(exp))


NUMERIC = {"numeral", "quantity", "money", "range", "percent", "duration"}


def fitting(fam, cat):
    if fam in ("numeral", "ordinal"):
        return NUMERIC
    if fam == "money":
        return {"money", "range"}
    if fam in ("distance", "volume", "quantity", "temperature"):
        return {"quantity", "numeral", "range"}   # a Chinese number with a unit is a numeral
    if fam == "duration" or cat.startswith("time/duration"):
        return {"duration", "range"}
    return {"date"}


def judge(case, facts):
    """-> 'right', 'WRONG' or 'miss'"""
    cat, exp, text = case["category"], case["expected"], case["input"]
    fam = family(cat)
    if fam == "sentence":
        if exp is None:
            return "WRONG" if any(f["type"] in NUMERIC for f in facts) else "right"
        span, want = exp["span"], exp["value"]
        hit = [f for f in facts if span in f["text"] or f["text"] in span]
        if not hit:
            return "miss"
        for f in hit:
            v = f.get("value")
            if isinstance(want, str) and want.startswith("XXXX"):
                if isinstance(v, str) and v[5:] == want[5:]:
                    return "right"
            elif isinstance(want, str):
                if v == want:
                    return "right"
            elif isinstance(want, list):
                if isinstance(v, str):
                    # a duration range (一到二个月 = P1M/P2M) against cn2an's bare [1, 2]
                    ends = re.fullmatch(r"PT?([\d.]+)([A-Z])/PT?([\d.]+)\2", v)
                    v = [float(ends.group(1)), float(ends.group(3))] if ends else v
                if isinstance(v, list) and all(num_eq(a, b) for a, b in zip(v, want)):
                    return "right"
            elif num_eq(v, want):
                return "right"
        return "WRONG" if any(f.get("value") not in (None, "") for f in hit) else "miss"
    if fam == "money-sentence":
        money = [f for f in facts if f["type"] in ("money", "range") and f.get("unit", "").isupper()]
        if not exp:
            return "WRONG" if money else "right"
        res = "right"
        for e in exp:
            hit = [f for f in money if e["text"] in f["text"] or f["text"] in e["text"]]
            if not hit:
                res = "miss" if res == "right" else res
            elif not any(money_right(f, e, text) for f in hit):
                return "WRONG"
        return res
    types = fitting(fam, cat)
    cand = [f for f in facts if f["type"] in types]
    if not cand:
        return "miss"
    f = max(cand, key=lambda f: f["end"] - f["start"])
    if f.get("value") in (None, ""):
        return "miss"
    # a part of day or clock time after a date (情人节晚上, 儿童节下午三点十五)
    # is not the date's: where the peer's interval is the day, the date is compared
    daypart = "part of day" in cat or (types == {"date"} and day_grain(exp))
    if not covers(f, text, put(case["source"], cat, text), daypart):
        # a fact on part of the expression: when it cut a number (二 of 负二,
        # 二三 of 一二三, 15年 of 15年3月2日) its value is WRONG; otherwise
        # (2021年 of 2021年首季度) its value is about its own span: a miss
        return "WRONG" if cuts_number(f, put(case["source"], cat, text)) else "miss"
    if fam in ("numeral", "ordinal"):
        ok = not isinstance(f["value"], list) and num_eq(f["value"], exp)
    elif fam == "money":
        ok = money_right(f, exp, text)
    elif fam in ("distance", "volume", "quantity", "temperature"):
        ok = quantity_right(f, exp)
    elif fam == "duration" or cat.startswith("time/duration"):
        ok = duration_right(f, exp["time"] if "time" in exp else exp)
        if ok is None:
            return "miss"
    else:
        want = exp.get("comparable_as") or exp.get("interval")
        ok = date_right(f, want, text)
        if ok is None:
            return "miss"
    return "right" if ok else "WRONG"


def day_grain(exp):
    """is the peer's interval one day or more (not a part of one)?"""
    iv = exp.get("comparable_as") or exp.get("interval") if isinstance(exp, dict) else None
    return isinstance(iv, list) and len(iv) == 2 and len(iv[0]) == 10


# words around an expression that a fact need not cover
AFFIX = re.compile(r"^(从|至少|最少|最多|不到|起码|起碼|约|大约|近|将近|大概|在)|(以上|以下|或以上|或以下|左右|整|正|之间|吨)$")
# for "date + part of day (date part)": the part of day and a clock time after the date
DAYPART = re.compile(r"(早上|早晨|上午|中午|下午|傍晚|晚上|凌晨|夜里|夜間|夜间|[早晚])?"
                     r"([0-9一二三四五六七八九十两兩]+[点點](半|[0-9一二三四五六七八九十]+分?)?)?$")


def covers(f, text, given, daypart=False):
    """does the fact cover the expression, but for affixes and spaces?"""
    line = given.replace("\n", " ").encode()
    rest = (line[:f["start_in_line"]] + b"\0" + line[f["end_in_line"]:]).decode("utf-8", "replace")
    rest = re.sub(r"[\s,，、()（）含的]", "", rest)
    before, _, after = rest.partition("\0")
    if daypart:
        after = DAYPART.sub("", after, count=1)
    while True:
        b2, a2 = AFFIX.sub("", before), AFFIX.sub("", after)
        if (b2, a2) == (before, after):
            break
        before, after = b2, a2
    return before == "" and after == ""


NUMBER_CHARS = set("0123456789.-负負−零〇一二三四五六七八九十百千万萬亿億两兩"
                   "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟廿卅卌点點角分毛半")


def cuts_number(f, given):
    line = given.encode()
    before = line[:f["start_in_line"]].decode("utf-8", "replace").rstrip()
    after = line[f["end_in_line"]:].decode("utf-8", "replace").lstrip()
    return (before[-1:] in NUMBER_CHARS and before[-1:] != "") or \
           (after[:1] in NUMBER_CHARS and after[:1] != "")


def ref_of(case):
    e = case["expected"]
    if isinstance(e, dict) and "ref" in e:
        return e["ref"]
    return "2013-02-12" if case["source"].startswith("Duckling") else "2021-06-14"


def run_sfacts(binary, ref, lines):
    data = "".join(l.replace("\n", " ") + "\n" for l in lines).encode()
    p = subprocess.run([binary, "--json", "--ref-date", ref], input=data,
                       stdout=subprocess.PIPE, check=True)
    starts, pos = [], 0
    for l in data.split(b"\n")[:-1]:
        starts.append(pos)
        pos += len(l) + 1
    out = [[] for _ in lines]
    import bisect
    for row in p.stdout.decode().splitlines():
        f = json.loads(row)
        k = bisect.bisect_right(starts, f["start"]) - 1
        f["start_in_line"] = f["start"] - starts[k]
        f["end_in_line"] = f["end"] - starts[k]
        out[k].append(f)
    return out


def main():
    args = sys.argv[1:]
    opts = {"--list": False, "--list-out": False, "--readme": False}
    limits = None
    while args and args[0].startswith("--"):
        a = args.pop(0)
        if a == "--limits":
            limits = args.pop(0)
        else:
            opts[a] = True
    path, binary = args
    cases = [json.loads(l) for l in open(path, encoding="utf-8")]
    by_ref = defaultdict(list)
    for i, c in enumerate(cases):
        if not (out_reason(c["category"]) or case_out_reason(c)):
            by_ref[ref_of(c)].append(i)
    facts = {}
    for ref, idx in by_ref.items():
        got = run_sfacts(binary, ref, [put(cases[i]["source"], cases[i]["category"], cases[i]["input"]) for i in idx])
        for i, fs in zip(idx, got):
            facts[i] = fs
    table = defaultdict(lambda: defaultdict(int))
    for i, c in enumerate(cases):
        src = c["source"].split()[0]
        cat = re.sub(r" \|.*", "", c["category"])
        why = out_reason(c["category"]) or case_out_reason(c)
        key = (src, cat)
        if why:
            table[key]["out"] += 1
            if opts["--list-out"]:
                print("out\t%s\t%s\t%s\t%s" % (src, cat, c["input"], why))
            continue
        r = judge(c, facts[i])
        table[key][r] += 1
        if opts["--list"] and r != "right":
            vals = ["%s:%s=%s" % (f["type"], f["text"], json.dumps(f.get("value"), ensure_ascii=False)) for f in facts[i]]
            print("%s\t%s\t%s\t%s\texpected %s\tgot %s" % (r, src, cat, c["input"],
                  json.dumps(c["expected"], ensure_ascii=False)[:100], " ".join(vals)))
    tot = defaultdict(int)
    rows = []
    for (src, cat), t in sorted(table.items()):
        n = t["right"] + t["WRONG"] + t["miss"]
        for k in ("right", "WRONG", "miss", "out"):
            tot[k] += t[k]
        acc = t["right"] / n if n else None
        rows.append((src, cat, n, t["right"], t["WRONG"], t["miss"], t["out"], acc))
    if opts["--readme"]:
        print("| source | category | cases | right | WRONG | miss | out of scope | accuracy |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print("| %s | %s | %d | %d | %d | %d | %d | %s |" % (r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                  "%.0f%%" % (100 * r[7]) if r[7] is not None else "-"))
    else:
        for r in rows:
            print("%-9s %-45s n=%-4d right=%-4d WRONG=%-3d miss=%-4d out=%-4d %s" % (
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], "%.3f" % r[7] if r[7] is not None else "-"))
    n = tot["right"] + tot["WRONG"] + tot["miss"]
    print("total: %d in scope, right %d (%.3f), WRONG %d, miss %d; %d out of scope" % (
        n, tot["right"], tot["right"] / max(n, 1), tot["WRONG"], tot["miss"], tot["out"]))
    bad = 0
    if limits:
        # source<TAB>category<TAB>min accuracy<TAB>max WRONG
        for line in open(limits, encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            src, cat, mina, maxw = line.rstrip("\n").split("\t")
            r = next((r for r in rows if r[0] == src and r[1] == cat), None)
            if r is None:
                print("FAIL: no cases for %s %s" % (src, cat))
                bad += 1
            elif (r[7] or 0) < float(mina) - 1e-9 or r[4] > int(maxw):
                print("FAIL: %s %s accuracy %.3f (min %s), WRONG %d (max %s)" % (src, cat, r[7] or 0, mina, r[4], maxw))
                bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
