#!/usr/bin/python3
"""sconv on OpenCC's own test cases (../shared/conformance/opencc/).

For every case and configuration: plain `sconv -c CONFIG` against Debian's
opencc on the same input (they must agree), and `--word-aware` against the
expectation. Counts, per file: plain right, word-aware right, cases that
word-aware gets wrong where plain was right ("worse"; must be none), and
cases it fixes ("better"). The jieba file's `X_jieba` expectations are met
by `--word-aware -c X`; its `X` expectations there record OpenCC's greedy
output (the error the jieba plugin corrects) and are only compared with
plain output.

An expectation whose input carries "[sic]" is one OpenCC itself marks as a
wrong answer kept on purpose; word-aware disagreeing with it is listed and
counted apart ("sic"), not as worse.

Usage: sconv-opencc.py SCONV DIR [--jieba-min N]
Exit status 1 when a check fails."""
import json
import os
import re
import subprocess
import sys


def load(path):
    text = open(path, encoding="utf-8").read()
    return json.loads(re.sub(r",\s*([}\]])", r"\1", text))   # trailing commas


def run_lines(argv, lines):
    """Convert each line (inputs hold no newline): one process per config."""
    data = "".join(line + "\n" for line in lines).encode()
    out = subprocess.run(argv, input=data, capture_output=True, check=True).stdout
    got = out.decode().split("\n")
    assert len(got) == len(lines) + 1, argv
    return got[:-1]


# The configurations of OpenCC 1.1.6 (Debian's, and sconv's); later ones
# (s2hkp, hk2sp) are counted as skipped.
CONFIGS = "s2t t2s s2tw tw2s s2twp tw2sp s2hk hk2s t2tw tw2t t2hk hk2t t2jp jp2t".split()


def main():
    sconv, base = sys.argv[1], sys.argv[2]
    skipped = 0
    jieba_min = int(sys.argv[sys.argv.index("--jieba-min") + 1]) if "--jieba-min" in sys.argv else 0
    jobs = []   # (file, case id, base config, input, expectation, kind)
    for name in ("testcases.json", "jieba_comparison_testcases.json"):
        for case in load(os.path.join(base, name))["cases"]:
            exp = case["expected"]
            for cfg, want in exp.items():
                if cfg.endswith("_jieba"):
                    kind, cfg = "jieba", cfg[: -len("_jieba")]
                elif cfg + "_jieba" in exp:
                    kind = "greedy"
                else:
                    kind = "plain"
                if "\n" in case["input"] or cfg not in CONFIGS:
                    skipped += 1
                    continue
                jobs.append((name, case["id"], cfg, case["input"], want, kind))
    inputs = {}
    for j in jobs:
        inputs.setdefault(j[2], [])
        if j[3] not in inputs[j[2]]:
            inputs[j[2]].append(j[3])
    plain, aware, debian = {}, {}, {}
    for cfg, lines in inputs.items():
        for table, extra in ((plain, []), (aware, ["--word-aware"])):
            for line, out in zip(lines, run_lines([sconv, "-f", "utf-8", "-c", cfg] + extra, lines)):
                table[cfg, line] = out
        for line, out in zip(lines, run_lines(["opencc", "-c", cfg + ".json"], lines)):
            debian[cfg, line] = out
    failed = 0
    counts = {}
    for name, cid, cfg, text, want, kind in jobs:
        p, w = plain[cfg, text], aware[cfg, text]
        if p != debian[cfg, text]:
            failed += 1
            print("FAIL plain differs from opencc: %s %s %s: %s / %s" % (cid, cfg, text, p, debian[cfg, text]))
        c = counts.setdefault((name, kind), dict(cases=0, plain=0, aware=0, worse=0, better=0, sic=0))
        c["cases"] += 1
        c["plain"] += p == want
        if kind == "greedy":
            continue
        c["aware"] += w == want
        if p == want and w != want:
            if "[sic]" in text:
                c["sic"] += 1
                print("sic %s %s %s: expected %s, word-aware %s" % (cid, cfg, text, want, w))
            else:
                c["worse"] += 1
                failed += 1
                print("FAIL worse %s %s %s: expected %s, word-aware %s" % (cid, cfg, text, want, w))
        elif p != want and w == want:
            c["better"] += 1
    jieba_met = 0
    for (name, kind), c in sorted(counts.items()):
        print("%s %s: %d expectations, plain right %d, word-aware right %d, worse %d, better %d, sic %d"
              % (name, kind, c["cases"], c["plain"], c["aware"], c["worse"], c["better"], c["sic"]))
        if kind == "jieba":
            jieba_met += c["aware"]
    if jieba_met < jieba_min:
        failed += 1
        print("FAIL word-aware meets %d _jieba expectations, fewer than %d" % (jieba_met, jieba_min))
    print("skipped %d expectations of configurations newer than OpenCC 1.1.6" % skipped)
    print("failed %d" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
