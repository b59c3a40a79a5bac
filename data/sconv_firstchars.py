# For each OpenCC table (argv: NAME=FILE[+FILE...]), print NAME<TAB>the
# characters that some key starts with, concatenated (see sconv.mk): a
# quick test that lets the converter skip tables without a lookup. A second
# line NAME/multi lists the characters that start a key of two or more
# characters (the others need no lookahead past their own character),
# NAME/second the second characters of such keys, NAME/one the characters
# that are keys on their own. NAME/pairbits is a bit set over hashed pairs:
# bit h is set when some key of two or more characters starts with a pair
# whose hash is h (hash: the top N bits of ((c1 << 21) | c2) *
# 0x9E3779B97F4A7C15 mod 2^64, c1 and c2 the code points, N sized to the
# table: about 32 bits per pair, 10 to 20). The payload is 0x30 + N, then
# six bits per byte stored as 0x30 + bits (bit h is bit h % 6 of byte h / 6),
# so that the converter uses the memory-mapped payload as it is.
# NAME/triplebits is the same over the first three characters of the keys
# of three or more characters (hash of (c1 << 42) | (c2 << 21) | c3).
import sys

def pair_bits(pairs):
    nbits = min(20, max(10, (len(pairs) * 32 - 1).bit_length()))
    bits = bytearray(((1 << nbits) + 5) // 6)
    for p in pairs:
        k = 0
        for ch in p:
            k = (k << 21) | ord(ch)
        k = k * 0x9E3779B97F4A7C15 % (1 << 64)
        h = k >> (64 - nbits)
        bits[h // 6] |= 1 << (h % 6)
    return chr(0x30 + nbits) + "".join(chr(0x30 + b) for b in bits)


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
    print("%s\t%s" % (name, "".join(sorted(first))))
    print("%s/multi\t%s" % (name, "".join(sorted(multi))))
    print("%s/second\t%s" % (name, "".join(sorted(second))))
    print("%s/one\t%s" % (name, "".join(sorted(one))))
    if pairs:
        print("%s/pairbits\t%s" % (name, pair_bits(pairs)))
    if len(triples) >= 1000:
        print("%s/triplebits\t%s" % (name, pair_bits(triples)))
