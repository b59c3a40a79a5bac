#!/usr/bin/python3
"""Anthologies and a manual through sclean: how much text its boilerplate
pass removes.

usage: sclean-anthology.py [--ceiling SHARE] SCLEAN

The corpus is Debian's fortunes-zh, which nobody tuned sclean on: Tang
poems (tang300), Song ci (song100) and a collection of sayings, classics
and Debian tips (chinese). Every entry has a title, an author or source
line (作者：杜甫, --《论语》) and the text; the same labels and sources
recur hundreds of times, the shape site furniture has, but all of it is
content. The colour escapes are removed and each '%' separator becomes a
blank line; each file is one document. Beside them, the plain-text
Debian Reference (debian-reference-zh-cn, when installed): tables drawn
with | and +, commands, configuration and numbered headings. Its figure
is not a held-out one: the rules that keep those lines were written after
reading what it lost.

A line counts as removed when sclean --report lists it as boilerplate. The
share printed is of the Han characters of the input in removed lines.
--ceiling S: exit 1 when that share exceeds S in any file.
"""
import gzip
import os
import re
import subprocess
import sys
import tempfile

FORTUNES = "/usr/share/games/fortunes"
FILES = ("tang300", "song100", "chinese")
MANUAL = "/usr/share/debian-reference/debian-reference.zh-cn.txt.gz"
HAN = re.compile(r"[\u3400-\u9fff]")


def load(name):
    with open(os.path.join(FORTUNES, name), encoding="utf-8") as fh:
        text = fh.read()
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return re.sub(r"(?m)^%$", "", text)


def removed_han(sclean, path):
    with tempfile.NamedTemporaryFile("r", suffix=".rep", encoding="utf-8") as rep:
        subprocess.run([sclean, "--report=" + rep.name, path], stdout=subprocess.DEVNULL, check=True)
        lines = [x for x in rep.read().split("\n") if ": boilerplate: " in x]
    texts = [x.split(": boilerplate: ", 1)[1].rsplit(" \u2192 ", 1)[0] for x in lines]
    return len(texts), sum(len(HAN.findall(t)) for t in texts)


def main():
    args = sys.argv[1:]
    ceiling = None
    if len(args) >= 2 and args[0] == "--ceiling":
        ceiling = float(args[1])
        args = args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    sclean = os.path.abspath(args[0])
    if not all(os.path.exists(os.path.join(FORTUNES, f)) for f in FILES):
        print("sclean-anthology: fortunes-zh absent: skipped")
        return 0
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in FILES:
            text = load(name)
            path = os.path.join(tmp, name + ".txt")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            nlines, han = removed_han(sclean, path)
            total = len(HAN.findall(text)) or 1
            share = han / total
            worst = max(worst, share)
            print("%s: %d lines removed as boilerplate, %d of %d Han characters (%.3f%%)"
                  % (name, nlines, han, total, 100 * share))
        if os.path.exists(MANUAL):
            with gzip.open(MANUAL, "rt", encoding="utf-8") as fh:
                text = fh.read()
            path = os.path.join(tmp, "debian-reference.txt")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            nlines, han = removed_han(sclean, path)
            share = han / (len(HAN.findall(text)) or 1)
            worst = max(worst, share)
            print("debian-reference: %d lines removed as boilerplate, %d Han characters (%.3f%%)"
                  % (nlines, han, 100 * share))
    if ceiling is not None and worst > ceiling:
        print("over the ceiling %.3f%%" % (100 * ceiling))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
