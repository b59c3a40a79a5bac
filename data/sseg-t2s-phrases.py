# sseg-t2s-phrases.py - OpenCC's t2s for sseg's view of Traditional
# sentences: the keys of TSPhrases and TSCharacters (text exports,
# KEY<TAB>VAL[ VAL...]) with their first candidate, as `opencc -c t2s`
# converts (greedy longest match over both tables, a phrase before a
# character). The segmenter maps a view character by character onto the
# original text, so a value must have as many characters as its key: one
# that has not (none in OpenCC 1.1.6) is replaced by the character-level
# conversion of its key, and counted on standard error.
# Also a line " S<TAB>HEX": a bitmap of the Basic Multilingual Plane (bit
# cp % 8 of byte cp / 8) of the characters only Simplified text uses (keys
# of STCharacters that are not among their own candidates), which tell a
# sentence written in Simplified.
# Usage: python3 sseg-t2s-phrases.py TSPhrases.txt TSCharacters.txt STCharacters.txt > tsv
import sys


def read(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if "\t" not in line:
            continue
        key, vals = line.split("\t", 1)
        if key and key not in out and not key.startswith("#") and " " not in key:
            out[key] = vals.split(" ")[0]
    return out


phrases, chars = read(sys.argv[1]), read(sys.argv[2])
table = dict(chars)
table.update(phrases)   # a phrase table entry wins, as in OpenCC's group
uneven = 0
for key, val in table.items():
    if len(val) != len(key):
        uneven += 1
        table[key] = "".join(chars.get(c, c) if len(chars.get(c, c)) == 1 else c for c in key)
if uneven:
    sys.stderr.write("sseg-t2s-phrases: %d entries of another length converted by character\n" % uneven)
simp_only = bytearray(8192)
for line in open(sys.argv[3], encoding="utf-8"):
    key, _, vals = line.rstrip("\n").partition("\t")
    if len(key) == 1 and ord(key) < 0x10000 and key not in vals.split(" "):
        simp_only[ord(key) >> 3] |= 1 << (ord(key) & 7)
out = sys.stdout.buffer
out.write(b" S\t" + simp_only.hex().encode() + b"\n")
for key in sorted(table, key=lambda k: k.encode("utf-8")):
    out.write(("%s\t%s\n" % (key, table[key])).encode("utf-8"))
