#!/usr/bin/python3
"""Score sfacts --json output against gold JSON Lines.

usage: score.py [--min GROUP=F1]... GOLD.jsonl SYS.jsonl [GOLD SYS]...

A system fact counts as right when type, start and end equal a gold fact's
and its value equals the gold value (numbers compared as numbers; the gold
value of a range is "[lo,hi]"). Prints per-type precision, recall and F1
(Markdown), plus span-only F1 and the share of matched spans whose value is
right. GROUPs for --min: numeric (quantity money percent range numeral
duration), date, entity (place org person), slogan, or a type name; the
script exits 1 when a group's value-checked F1 is below its minimum."""
import json, sys

NUMERIC = ["quantity", "money", "percent", "range", "numeral", "duration"]
GROUPS = {"numeric": NUMERIC, "date": ["date"], "entity": ["place", "org", "person"],
          "slogan": ["slogan"]}
TYPES = NUMERIC[:3] + ["range", "date", "duration", "numeral", "place", "org", "person", "slogan"]

def norm(v):
    if isinstance(v, (int, float)):
        return ("n", float(v))
    if isinstance(v, list):
        return ("l", tuple(float(x) for x in v))
    s = str(v)
    try:
        return ("n", float(s))
    except ValueError:
        pass
    if s.startswith("[") and s.endswith("]"):
        try:
            return ("l", tuple(float(x) for x in s[1:-1].split(",")))
        except ValueError:
            pass
    return ("s", s)

def load(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line:
            out.append(json.loads(line))
    return out

mins = {}
args = sys.argv[1:]
while args and args[0] == "--min":
    g, v = args[1].split("=")
    mins[g] = float(v)
    args = args[2:]
if len(args) < 2 or len(args) % 2:
    sys.exit(__doc__)

tp = {}; tps = {}; ng = {}; ns = {}
for gpath, spath in zip(args[0::2], args[1::2]):
    gold = load(gpath)
    sysf = load(spath)
    gmap = {}
    for g in gold:
        gmap[(g["type"], g["start"], g["end"])] = norm(g["value"])
        ng[g["type"]] = ng.get(g["type"], 0) + 1
    for f in sysf:
        t = f["type"]
        ns[t] = ns.get(t, 0) + 1
        k = (t, f["start"], f["end"])
        if k in gmap:
            tps[t] = tps.get(t, 0) + 1
            if norm(f["value"]) == gmap[k]:
                tp[t] = tp.get(t, 0) + 1

def prf(types, counts):
    c = sum(counts.get(t, 0) for t in types)
    g = sum(ng.get(t, 0) for t in types)
    s = sum(ns.get(t, 0) for t in types)
    p = c / s if s else (1.0 if g == 0 else 0.0)
    r = c / g if g else (1.0 if s == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, g, s

print("| type | gold | found | P | R | F1 | span F1 | values right |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
rows = [(t, [t]) for t in TYPES] + [("numeric", NUMERIC), ("date", ["date"]),
                                     ("entity", GROUPS["entity"]),
                                     ("all", TYPES)]
result = {}
for name, types in rows:
    p, r, f, g, s = prf(types, tp)
    _, _, fs, _, _ = prf(types, tps)
    m = sum(tps.get(t, 0) for t in types)
    vr = sum(tp.get(t, 0) for t in types) / m if m else 1.0
    result[name] = f
    if g == 0 and s == 0:
        continue
    label = f"**{name}**" if name in ("numeric", "date", "entity", "all") and len(types) > 1 or name == "all" else name
    print(f"| {label} | {g} | {s} | {p:.3f} | {r:.3f} | {f:.3f} | {fs:.3f} | {vr:.3f} |")
bad = 0
for gname, want in mins.items():
    got = result.get(gname)
    if got is None:
        got = prf(GROUPS.get(gname, [gname]), tp)[2]
    if got < want:
        print(f"score: {gname} F1 {got:.3f} is below {want}", file=sys.stderr)
        bad = 1
sys.exit(bad)
