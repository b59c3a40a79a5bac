# sseg-trad-compare.py - how often a Traditional line is segmented like its
# opencc t2s twin: reads two token files (one line per input line, tokens
# joined by U+0001: sseg on the Traditional lines, sseg on their t2s
# conversion) and prints "same/total lines (pct%)". A line agrees when its
# token boundaries (in characters) are the same; lines whose conversion has
# another length are counted as differing. Shows the first differences.
# Usage: python3 sseg-trad-compare.py TRAD.tok SIMP.tok [SHOW]
import sys


def bounds(line):
    out, o = [], 0
    for t in line.split("\x01"):
        o += len(t)
        out.append(o)
    return out


trad = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read().split("\n")
simp = open(sys.argv[2], encoding="utf-8", errors="surrogateescape").read().split("\n")
show = int(sys.argv[3]) if len(sys.argv) > 3 else 0
if trad and trad[-1] == "":
    trad.pop()
if simp and simp[-1] == "":
    simp.pop()
if len(trad) != len(simp):
    sys.exit("line counts differ: %d vs %d" % (len(trad), len(simp)))
same = 0
for t, s in zip(trad, simp):
    if bounds(t) == bounds(s):
        same += 1
    elif show > 0:
        show -= 1
        sys.stderr.write("  trad: %s\n  t2s:  %s\n" % (t.replace("\x01", " / "), s.replace("\x01", " / ")))
print("%d/%d lines (%.2f%%)" % (same, len(trad), 100.0 * same / max(len(trad), 1)))
