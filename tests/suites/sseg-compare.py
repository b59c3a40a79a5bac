# sseg-compare.py - compare two token files (one line per input line, tokens
# joined by U+0001): prints "lines same/total, tokens same/total" where a
# token is the same when the other side has a token with the same span, and
# shows the first differences. Exit 1 on any difference.
import sys


def spans(line):
    out, o = set(), 0
    for t in line.split("\x01"):
        out.add((o, o + len(t)))
        o += len(t)
    return out


ref = open(sys.argv[1], encoding="utf-8", errors="surrogateescape", newline="\n").read().split("\n")
got = open(sys.argv[2], encoding="utf-8", errors="surrogateescape", newline="\n").read().split("\n")
label = sys.argv[3]
same_l = same_t = tot_t = 0
shown = 0
for i, r in enumerate(ref):
    g = got[i] if i < len(got) else None
    if r == g:
        same_l += 1
    elif shown < 5:
        shown += 1
        sys.stderr.write("%s: line %d differs:\n  jieba: %s\n  sseg:  %s\n" % (
            label, i + 1, r.replace("\x01", " / "), (g or "").replace("\x01", " / ")))
    rs = spans(r) if "\x01" in r or r else set()
    gs = spans(g) if g is not None else set()
    if search_mode := (len(sys.argv) > 4):
        rs, gs = r.split("\x01"), (g or "").split("\x01")
        tot_t += len(rs)
        same_t += sum(1 for a, b in zip(rs, gs) if a == b)
        continue
    tot_t += len(rs)
    same_t += len(rs & gs)
if len(got) != len(ref):
    sys.stderr.write("%s: %d lines from jieba, %d from sseg\n" % (label, len(ref), len(got)))
print("%s: %d/%d lines identical, %d/%d tokens identical (%.4f%%)" % (
    label, same_l, len(ref), same_t, tot_t, 100.0 * same_t / max(tot_t, 1)))
sys.exit(0 if same_l == len(ref) and len(got) == len(ref) else 1)
