# sseg-pos.py - export jieba.posseg's HMM (posseg/*.p, Debian python3-jieba,
# MIT) to a TSV for `sino-dict compile` (KEY<TAB>PAYLOAD, no number column).
# The 256 states (position, tag) are numbered in Python's tuple order, so
# comparing numbers breaks ties as jieba's max() over tuples does. Doubles
# are the 16 hex digits of their IEEE-754 bits (exact).
#   "N"      state names, space-separated, "B:n" ...
#   "S"      start log-probabilities, one double per state
#   "T:<i>"  transitions from state i: entries of 2 hex digits (target state)
#            + 16 (double); states without transitions have an empty list
#   <char>   2 hex digits: how many states char_state_tab lists for the
#            character (00: not listed), those states (2 hex digits each),
#            then its emissions: 2 hex digits (state) + 16 (double) each
# Usage: /usr/bin/python3 data/sseg-pos.py JIEBA_DIR > out.tsv
import os
import pickle
import struct
import sys

d = os.path.join(sys.argv[1], "posseg")


def load(name):
    with open(os.path.join(d, name + ".p"), "rb") as f:
        return pickle.load(f)


def hexd(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


start, trans, emit = load("prob_start"), load("prob_trans"), load("prob_emit")
cstab = load("char_state_tab")
states = sorted(set(start) | set(trans) | set(emit))
assert len(states) <= 256
idx = {s: i for i, s in enumerate(states)}
w = sys.stdout.write
w("N\t" + " ".join("%s:%s" % s for s in states) + "\n")
w("S\t" + "".join(hexd(start.get(s, -3.14e100)) for s in states) + "\n")
for s in states:
    t = trans.get(s, {})
    w("T:%d\t" % idx[s] + "".join("%02x%s" % (idx[y], hexd(p)) for y, p in sorted(t.items())) + "\n")
chars = set(cstab)
for s in states:
    chars.update(emit.get(s, {}))
for c in sorted(chars):
    if len(c) != 1 or c in "\t\n\r#" or ord(c) < 0x80:
        continue
    cs = cstab.get(c, ())
    assert len(cs) < 256
    em = [(idx[s], emit[s][c]) for s in states if c in emit.get(s, {})]
    w(c + "\t" + "%02x" % len(cs) + "".join("%02x" % idx[s] for s in cs)
      + "".join("%02x%s" % (i, hexd(p)) for i, p in em) + "\n")
