# For each OpenCC table (argv: NAME=FILE[+FILE...]), print bit sets the
# converter uses in place from the memory-mapped table (see sconv.mk; the
# payloads are hexadecimal, compiled with sino-dict -x into raw bytes):
#   NAME         the characters some key starts with: a quick test that lets
#                the converter skip tables without a lookup
#   NAME/multi   the characters that start a key of two or more characters
#                (the others need no lookahead past their own character)
#   NAME/second  the second characters of such keys
#   NAME/one     the characters that are keys on their own
# each a bitmap over the BMP (8192 bytes; bit c is bit c % 8 of byte c / 8).
#   NAME/pairbits  a bit set over hashed pairs: bit h is set when some key of
#                two or more characters starts with a pair whose hash is h
#                (hash: the top N bits of ((c1 << 21) | c2) *
#                0x9E3779B97F4A7C15 mod 2^64, c1 and c2 the code points, N
#                sized to the table: about 32 bits per pair, 10 to 20). One
#                byte N, then the 2^N bits (bit h is bit h % 8 of byte h / 8).
#   NAME/triplebits  the same over the first three characters of the keys of
#                three or more characters (hash of (c1 << 42) | (c2 << 21) | c3).
import sys

def pair_bits(pairs):
    nbits = min(20, max(10, (len(pairs) * 32 - 1).bit_length()))
    bits = bytearray(1 << (nbits - 3))
    for p in pairs:
        k = 0
        for ch in p:
            k = (k << 21) | ord(ch)
        k = k * 0x9E3779B97F4A7C15 % (1 << 64)
        h = k >> (64 - nbits)
        bits[h // 8] |= 1 << (h % 8)
    return (bytes([nbits]) + bits).hex()


def bmp_bits(chars):
    bits = bytearray(0x10000 // 8)
    for ch in chars:
        c = ord(ch)
        if c < 0x10000:
            bits[c // 8] |= 1 << (c % 8)
    return bits.hex()


for arg in sys.argv[1:]:
    name, _, files = arg.partition("=")
    first = set()
    multi = set()
    second = set()
    one = set()
    pairs = set()
    triples = set()
    for path in files.split("+"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    first.add(line[0])
                    key = line.split("\t")[0]
                    if len(key) > 1:
                        multi.add(key[0])
                        second.add(key[1])
                        pairs.add(key[:2])
                        if len(key) > 2:
                            triples.add(key[:3])
                    else:
                        one.add(key)
    first.discard("\t")
    print("%s\t%s" % (name, bmp_bits(first)))
    print("%s/multi\t%s" % (name, bmp_bits(multi)))
    print("%s/second\t%s" % (name, bmp_bits(second)))
    print("%s/one\t%s" % (name, bmp_bits(one)))
    if pairs:
        print("%s/pairbits\t%s" % (name, pair_bits(pairs)))
    if len(triples) >= 1000:
        print("%s/triplebits\t%s" % (name, pair_bits(triples)))
