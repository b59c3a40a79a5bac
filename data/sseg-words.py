# sseg-words.py - jieba's dictionary re-keyed for the segmenter's DAG walk.
#
# Usage: python3 sseg-words.py < jieba-words.tsv > sseg-words.tsv
#
# The trie walks UTF-8 bytes, three per Chinese character. Here the Chinese
# characters that weigh most in jieba's dictionary (the sum of the
# frequencies of the words that hold them) swap code points with characters
# that jieba never puts in a han block and that UTF-8 writes in fewer bytes:
# the first 25 with ASCII punctuation (one byte), the next with U+0080..U+07FF
# (two bytes). The swap is applied to every character of every key, so it is
# a one-to-one re-keying: prefixes, words and frequencies are unchanged, only
# shorter. Each line: KEY<TAB>ID where ID indexes the distinct frequencies
# (0 is frequency 0), plus three lines the segmenter reads at start-up:
#   " R<TAB>0<TAB>CHARS"  the swapped Chinese characters in slot order
#   " I<TAB>0<TAB>I0 I1..."  the ID of each swapped character as a word
#   " F<TAB>0<TAB>F0 F1..."  the frequency of each ID
# (keys starting with a space: no word of jieba's dictionary has one.)
import sys

HAN_PUNCT = set("+#&._%-")


def slots():
    for c in range(0x21, 0x7F):
        ch = chr(c)
        if not ch.isalnum() and ch not in HAN_PUNCT:
            yield c
    for c in range(0x80, 0x800):
        if c != 0x85:   # NEL: a line break to some readers
            yield c


words = {}
for line in sys.stdin.buffer.read().decode("utf-8").split("\n"):
    if not line:
        continue
    f = line.split("\t")
    words[f[0]] = int(f[1]) if len(f) > 1 and f[1] else 0

weight = {}
for w, fr in words.items():
    for ch in w:
        if 0x4E00 <= ord(ch) <= 0x9FD5:
            weight[ch] = weight.get(ch, 0) + fr
ranked = sorted(weight, key=lambda ch: (-weight[ch], ord(ch)))
swap = {}
for cp, ch in zip(slots(), ranked):
    swap[ch] = chr(cp)
    swap[chr(cp)] = ch
order = "".join(ch for _, ch in zip(slots(), ranked))

freqs = sorted(set(words.values()) | {0})
fid = {v: i for i, v in enumerate(freqs)}
out = sys.stdout
for w, fr in words.items():
    key = "".join(swap.get(ch, ch) for ch in w)
    assert key[0] != "#" and " " not in key and "\t" not in key
    out.write("%s\t%d\n" % (key, fid[fr]))
out.write(" R\t0\t%s\n" % order)
out.write(" I\t0\t%s\n" % " ".join(str(fid[words.get(ch, 0)]) for ch in order))
out.write(" F\t0\t%s\n" % " ".join(str(v) for v in freqs))
