#!/usr/bin/python3
"""Quick mojibake check over every decoder model and error mode at once.

usage: moji-dev.py [--half tune|test] [--n N] [--show MODEL] SCLEAN

Paragraphs of one half of the split evaluation's clean text (its cache,
build/eval/sources.json, made by sclean-split-eval.py) are damaged by each
decoder model of sclean-split-eval.py, whichever half of its vocabulary the
model belongs to, and run through sclean in one process per model (a blank
line between paragraphs). Prints the share fixed per model (the split
evaluation's "fixed" rule) and the share of clean paragraphs changed.
For development only: the split evaluation is the measurement.
"""
import importlib.util
import json
import os
import random
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location("ev", os.path.join(HERE, "sclean-split-eval.py"))
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)

UTF8 = [("gbk", ("gbk", m)) for m in ("replace", "ignore", "pair-fffd", "pair-qmark")] + \
       [("gb18030", ("gb18030", m)) for m in ("replace", "ignore")] + \
       [("big5", ("big5", m)) for m in ("replace", "ignore", "pair-fffd", "pair-qmark")] + \
       [("cp950", ("cp950", m)) for m in ("replace", "ignore")] + \
       [("big5hkscs", ("big5hkscs", "replace"))] + \
       [("cp1252", m) for m in ("replace", "c1", "ignore", "qmark")] + \
       [("latin", m) for m in ("iso-8859-1", "iso-8859-15")]
SHIFT = [("gbk", m) for m in ("replace", "ignore", "pair-fffd", "pair-qmark")] + \
        [("big5", m) for m in ("replace", "ignore", "pair-fffd", "pair-qmark")]


class C:
    def __init__(self, rng):
        self.rng = rng


def run(sclean, lines):
    """sclean's output per line; a paragraph is a line and ends a sentence,
    so sclean keeps the lines apart (else each is run alone)."""
    data = "\n".join(lines) + "\n"
    out = subprocess.run([sclean], input=data.encode(), capture_output=True).stdout.decode("utf-8", "replace")
    got = out.split("\n")[:-1]
    if len(got) == len(lines):
        return got
    return [subprocess.run([sclean], input=(x + "\n").encode(), capture_output=True).stdout.decode(
        "utf-8", "replace").rstrip("\n") for x in lines]


def main():
    args = sys.argv[1:]
    half, n, show = "tune", 40, None
    while len(args) > 1:
        if args[0] == "--half":
            half, args = args[1], args[2:]
        elif args[0] == "--n":
            n, args = int(args[1]), args[2:]
        elif args[0] == "--show":
            show, args = args[1], args[2:]
        else:
            break
    sclean = args[0]
    with open(os.path.join(ROOT, "build/eval/sources.json")) as fh:
        src = json.load(fh)["paras"][half]
    total_ok = total = total_wrong = 0
    for kind, models in (("utf8", UTF8), ("shift", SHIFT)):
        for enc, model in models:
            rng = random.Random("%s-%s-%s" % (kind, enc, model))
            c = C(rng)
            noisy, truth = [], []
            for k in range(n):
                p = rng.choice(src["hans" if k % 2 else "hant"])
                if kind == "utf8":
                    i, j = ev.span_of(c, p)
                    a, t = ev.misdecode(p[i:j], "utf-8", model)
                    noisy.append(p[:i] + a + p[j:])
                    truth.append(p[:i] + t + p[j:])
                else:
                    r = ev.shift_damage(c, p, enc, model)
                    if r is None:
                        continue
                    noisy.append(r[0])
                    truth.append(r[1])
            got = run(sclean, noisy)
            ok = wrong = 0
            name = "%s:%s:%s" % (kind, enc, model if isinstance(model, str) else model[1])
            for a, g, t in zip(noisy, got, truth):
                good = ev.matches(g, t)
                ok += good
                allowed = set(a) | set(ev.plain(t)) | {"\ufffd", "\uff1f"}
                allowed |= set(unicodedata.normalize("NFKC", "".join(allowed)))
                wrong += any(ch not in allowed for ch in g)
                if not good and show and show in name:
                    print("  in:   %s\n  want: %s\n  got:  %s\n" % (a, ev.plain(t), g))
            print("%-28s %5.1f%%  wrong characters in %d" % (name, 100.0 * ok / max(1, len(noisy)), wrong))
            total_wrong += wrong
            total_ok += ok
            total += len(noisy)
    rng = random.Random("clean-" + half)
    clean = [rng.choice(src["hans" if k % 2 else "hant"]) for k in range(4 * n)]
    got = run(sclean, clean)
    changed = sum(a != b for a, b in zip(clean, got))
    print("%-28s %5.1f%%  wrong characters in %d of %d; clean paragraphs changed: %d of %d" % (
        "mean fixed", 100.0 * total_ok / max(1, total), total_wrong, total, changed, len(clean)))


main()
