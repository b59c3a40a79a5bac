#!/usr/bin/python3
"""Build sgrep's variant-class table (TSV) from OpenCC and Unihan exports.

Usage: sgrep-variants.py OPENCC_TEXT_DIR UNIHAN_VARIANTS_TSV > out.tsv

Two characters are variants when one OpenCC character table maps one to the
other (STCharacters, TSCharacters, TW/HK/JP variant tables and their reverses)
or Unihan links them by kTraditionalVariant / kSimplifiedVariant. Each output
line is CHAR<TAB>CLASS where CLASS is the character followed by its direct
variants (one step, both directions), concatenated; characters without
variants are left out. A search for CHAR matches any character of CLASS.
"""
import os
import sys

TABLES = ["STCharacters", "TSCharacters", "TWVariants", "TWVariantsRev",
          "HKVariants", "HKVariantsRev", "JPVariants", "JPVariantsRev"]
MAX_CLASS = 16


def main():
    opencc_dir, unihan = sys.argv[1], sys.argv[2]
    nbr = {}

    def link(a, b):
        if a == b or len(a) != 1 or len(b) != 1:
            return
        nbr.setdefault(a, set()).add(b)
        nbr.setdefault(b, set()).add(a)

    for t in TABLES:
        path = os.path.join(opencc_dir, t + ".txt")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 2:
                    continue
                for v in parts[1].split(" "):
                    link(parts[0], v)
    with open(unihan, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[1] not in ("kTraditionalVariant",
                                                   "kSimplifiedVariant"):
                continue
            a = chr(int(parts[0][2:], 16))
            for v in parts[2].split(" "):
                v = v.split("<")[0]
                if v.startswith("U+"):
                    link(a, chr(int(v[2:], 16)))
    out = sys.stdout
    for c in sorted(nbr):
        cls = [c] + sorted(nbr[c])[:MAX_CLASS - 1]
        out.write(c + "\t" + "".join(cls) + "\n")


if __name__ == "__main__":
    main()
