# sseg-t2s-bitmap.py - append to the t2s TSV (read on stdin, copied to
# stdout) a line "B<TAB>HEX": a bitmap of the Basic Multilingual Plane, bit
# (cp % 8) of byte (cp / 8) set when cp is a key, so the segmenter can skip
# the lookup of characters that never map. Usage: python3 ... < tsv > tsv
import sys

bits = bytearray(8192)
data = sys.stdin.buffer.read()
sys.stdout.buffer.write(data)
for line in data.decode("utf-8").split("\n"):
    if "\t" not in line:
        continue
    key = line.split("\t", 1)[0]
    if len(key) == 1 and ord(key) < 0x10000:
        bits[ord(key) >> 3] |= 1 << (ord(key) & 7)
sys.stdout.buffer.write(b"B\t" + bits.hex().encode() + b"\n")
