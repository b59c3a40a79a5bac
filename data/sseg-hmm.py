# sseg-hmm.py - export jieba's HMM for unknown words (finalseg/prob_*.p,
# Debian python3-jieba, MIT) to a TSV for `sino-dict compile`.
#   KEY<TAB>PAYLOAD, no number column.
#   "start": 4 doubles, "trans": 16 doubles (from-state major), and one line
#   per character: its 4 emission log-probabilities.
# States are in the order B E M S. Every double is written as the 16 hex
# digits of its IEEE-754 bit pattern, so the C side reads back the exact
# value jieba uses. Missing entries are jieba's MIN_FLOAT (-3.14e100), which
# is what jieba's dict.get(..., MIN_FLOAT) gives.
# "E" holds the same emissions densely for U+4E00..U+9FD5 (the only
# characters jieba's Viterbi sees), 64 hex digits per character, so the
# segmenter indexes it instead of looking each character up.
# Usage: /usr/bin/python3 data/sseg-hmm.py JIEBA_DIR > out.tsv
import os
import pickle
import struct
import sys

MIN_FLOAT = -3.14e100
STATES = "BEMS"
d = os.path.join(sys.argv[1], "finalseg")


def load(name):
    with open(os.path.join(d, "prob_%s.p" % name), "rb") as f:
        return pickle.load(f)


def hexd(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


start, trans, emit = load("start"), load("trans"), load("emit")
out = sys.stdout
out.write("start\t" + "".join(hexd(start.get(s, MIN_FLOAT)) for s in STATES) + "\n")
out.write("trans\t" + "".join(hexd(trans.get(a, {}).get(b, MIN_FLOAT))
                                for a in STATES for b in STATES) + "\n")
out.write("E\t" + "".join("".join(hexd(emit.get(s, {}).get(chr(c), MIN_FLOAT)) for s in STATES)
                           for c in range(0x4E00, 0x9FD6)) + "\n")
chars = set()
for s in STATES:
    chars.update(emit.get(s, {}).keys())
for c in sorted(chars):
    if c in ("\t", "\n", "\r", "#") or len(c) != 1:
        continue
    out.write(c + "\t" + "".join(hexd(emit.get(s, {}).get(c, MIN_FLOAT)) for s in STATES) + "\n")
