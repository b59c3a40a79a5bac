# Character statistics for encoding detection (see sconv.mk): argv[1] is
# jieba's word list (WORD<TAB>FREQ<TAB>TAG), argv[2] the same words converted
# to Traditional, one per line. Prints S<char><TAB>freq and T<char><TAB>freq
# for every non-ASCII character, each word's characters weighted by its
# frequency.
import sys
from collections import Counter

simp, trad = Counter(), Counter()
with open(sys.argv[1], encoding="utf-8") as fw, open(sys.argv[2], encoding="utf-8") as ft:
    for line, tline in zip(fw, ft):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2:
            continue
        freq = int(cols[1]) + 1
        for ch in cols[0]:
            if ord(ch) > 0x7F:
                simp[ch] += freq
        for ch in tline.rstrip("\n"):
            if ord(ch) > 0x7F:
                trad[ch] += freq
for ch, n in sorted(simp.items()):
    print("S%s\t%d" % (ch, n))
for ch, n in sorted(trad.items()):
    print("T%s\t%d" % (ch, n))
