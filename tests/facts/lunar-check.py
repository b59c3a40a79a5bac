#!/usr/bin/python3
"""Check sfacts' computed lunar calendar against the table of
python3-lunardate (Debian package; not a dependency of the project: the
check says "skipped" without it). For every lunar year 1960-2099 sfacts is
given the first and the 29th/30th day of every month (and leap month) as
'YYYY年农历M月初一' / '...三十'; each value it gives must equal the table's
day, and each month the table has must get a value unless sfacts leaves it
without one on purpose (a new moon near midnight). Prints the counts;
exits 1 on any disagreement.

    /usr/bin/python3 tests/facts/lunar-check.py build/bin/sfacts
"""
import datetime
import subprocess
import sys

try:
    from lunardate import LunarDate
except ImportError:
    print("lunar-check: skipped (python3-lunardate is not installed)")
    sys.exit(0)

CN = "零一二三四五六七八九十"


def cn_day(d):
    if d <= 10:
        return "初" + CN[d]
    if d < 20:
        return "十" + CN[d - 10]
    if d == 20:
        return "二十"
    if d < 30:
        return "廿" + CN[d - 20]
    return "三十"


def main():
    binary = sys.argv[1]
    lines, want = [], []
    for y in range(1960, 2100):
        for m in range(1, 13):
            for leap in (0, 1):
                for d in (1, 29, 30):
                    try:
                        day = LunarDate(y, m, d, leap).toSolarDate().isoformat()
                    except ValueError:
                        day = None
                    if day is None and d == 1:
                        continue
                    lines.append("%d年农历%s%d月%s" % (y, "闰" if leap else "", m, cn_day(d)))
                    want.append(day)
    out = subprocess.run([binary, "--no-header", "-t", "date"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    got = {}
    starts = []
    pos = 0
    for l in lines:
        starts.append(pos)
        pos += len(l.encode()) + 1
    import bisect
    for row in out:
        f = row.split("\t")
        got[bisect.bisect_right(starts, int(f[1])) - 1] = f[5]
    agree = bad = none = 0
    for k, w in enumerate(want):
        g = got.get(k, "")
        if g == (w or ""):
            agree += 1
        elif g == "":
            none += 1                  # left without a value
        else:
            bad += 1
            print("differs: %s sfacts %s table %s" % (lines[k], g, w))
    print("lunar-check: %d days agree, %d without a value, %d differ" % (agree, none, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
