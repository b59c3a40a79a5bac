#!/usr/bin/python3
"""sfacts on the held-out sentences of sfacts-heldout.tsv (written before
sfacts ran on them; see the file's header). Prints recall, precision and the
number of WRONG values; with --list every expected fact that is not right and
every reported fact that matches none.

An expected fact is right when a reported fact overlapping its span has its
value (and unit, when one is given); WRONG when a fact covering the span
has another value, or a fact on part of it cuts a number (两年 of 两年半);
a miss otherwise. A reported numeric or date fact
overlapping no expected span is a false positive (precision). Place, org,
person and slogan facts are not scored here.
"""
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("conf", os.path.join(HERE, "sfacts-conformance.py"))
conf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(conf)

REF = "2024-06-15"
SCORED = {"numeral", "quantity", "money", "range", "percent", "duration", "date"}


def load(path):
    cases = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        text, facts = line.split("\t")
        exp = []
        if facts != "-":
            for f in facts.split(" ; "):
                parts = f.split("|")
                exp.append({"kind": parts[0], "span": parts[1], "value": json.loads(parts[2])
                            if parts[0] == "N" else parts[2], "unit": parts[3] if len(parts) > 3 else None})
        cases.append((text, exp))
    return cases


def value_right(f, e):
    v = f.get("value")
    if v in (None, ""):
        return None
    if e["kind"] == "N":
        if e["unit"] is not None and f.get("unit") != e["unit"]:
            return False
        w = e["value"]
        if isinstance(w, list):
            return isinstance(v, list) and len(v) == 2 and all(conf.num_eq(a, b) for a, b in zip(v, w))
        return not isinstance(v, list) and conf.num_eq(v, w)
    if e["kind"] == "T":
        got = conf.duration_of(f)
        return got is not None and not isinstance(got, list) and conf.dur_eq(got, conf.iso_duration(e["value"]))
    if not isinstance(v, str):
        return False
    w = e["value"]
    if w.startswith("XXXX-WXX"):
        return v == w
    a, b = conf.date_interval(v), conf.date_interval(w)
    return a is not None and a == b


def judge_one(f, e, span, text):
    """True right, False WRONG, None no value / a part that is not wrong.
    A fact on part of the span is WRONG only when it cuts a number (两年 of
    两年半), as in the conformance test; otherwise (2019年 of 2019年至2021年)
    it is about its own span and counts as a miss."""
    r = value_right(f, e)
    if r is False and not (f["start_in_line"] <= span[0] and span[1] <= f["end_in_line"]):
        return False if conf.cuts_number(f, text) else None
    return r


def main():
    args = sys.argv[1:]
    listing = args and args[0] == "--list"
    if listing:
        args.pop(0)
    path, binary = args
    cases = load(path)
    got = conf.run_sfacts(binary, REF, [t for t, _ in cases])
    n_exp = right = wrong = reported = false_pos = 0
    for (text, exp), facts in zip(cases, got):
        facts = [f for f in facts if f["type"] in SCORED]
        used = set()
        for e in exp:
            n_exp += 1
            b = text.encode()
            s = b.find(e["span"].encode())
            span = (s, s + len(e["span"].encode()))
            hit = [k for k, f in enumerate(facts)
                   if f["start_in_line"] < span[1] and span[0] < f["end_in_line"]]
            used.update(hit)
            res = [judge_one(facts[k], e, span, text) for k in hit]
            if any(r for r in res):
                right += 1
                continue
            kind = "WRONG" if any(r is False for r in res) else "miss"
            wrong += kind == "WRONG"
            if listing:
                print("%s\t%s\t%s=%s\tgot %s" % (kind, text, e["span"], json.dumps(e["value"], ensure_ascii=False),
                      " ".join("%s:%s=%s" % (facts[k]["type"], facts[k]["text"],
                                             json.dumps(facts[k].get("value"), ensure_ascii=False)) for k in hit)))
        for k, f in enumerate(facts):
            reported += 1
            if k not in used:
                false_pos += 1
                if listing:
                    print("FALSE\t%s\t%s:%s=%s" % (text, f["type"], f["text"], json.dumps(f.get("value"), ensure_ascii=False)))
    recall = right / max(n_exp, 1)
    precision = (reported - false_pos) / max(reported, 1)
    print("held-out: %d sentences, %d expected facts: right %d, WRONG %d, miss %d; "
          "recall %.3f, precision %.3f (%d reported, %d false)" % (
              len(cases), n_exp, right, wrong, n_exp - right - wrong, recall, precision, reported, false_pos))


if __name__ == "__main__":
    main()
