#!/usr/bin/python3
"""Export the tables sclean compiles (run at build time with /usr/bin/python3).

  sclean-tables.py readings UNIHAN_READINGS_TSV > OUT
      KEY<TAB>1 lines: CHAR+READING (tone-marked, e.g. "網wǎng") for every
      reading Unihan gives in kMandarin, kHanyuPinyin or kXHC1983, and
      "@"+READING for every syllable seen (the broken-leftover check).

  sclean-tables.py charlm JIEBA_WORDS_TSV ST_CHARACTERS_TXT [VARIANTS_TXT...] > OUT
      A character language model from jieba's dictionary: KEY<TAB>COUNT with
      KEY one character (unigram count: sum of the frequencies of the words it
      occurs in) or two characters (bigram inside a word). Every word is also
      counted in Traditional characters (OpenCC STCharacters, first choice) so
      that Traditional text is as likely as Simplified text. The key "=total"
      is the total unigram count.
"""
import sys
import unicodedata


def readings(path):
    keys = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3 or not parts[0].startswith("U+"):
            continue
        ch = chr(int(parts[0][2:], 16))
        value = parts[2]
        for item in value.split():
            if ":" in item:
                item = item.split(":", 1)[1]
            for r in item.split(","):
                r = unicodedata.normalize("NFC", r.strip())
                if not r or not r.isalpha():
                    continue
                keys.add(ch + r)
                keys.add("@" + r)
    out = sys.stdout
    for k in sorted(keys):
        out.write(k + "\t1\n")


COMMON = 1000
# rough shares of the marks relative to the most frequent character
PUNCT_SHARE = {"，": 2.0, "。": 1.2, "、": 0.5, "“": 0.3, "”": 0.3, "：": 0.15, "；": 0.08,
               "？": 0.06, "！": 0.05, "（": 0.08, "）": 0.08, "《": 0.05, "》": 0.05}
PUNCT = "。，、；：？！“”‘’（）《》【】—…·「」『』"


def charlm(jieba, stchars, *variants):
    s2t = {}
    for line in open(stchars, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            s2t[parts[0]] = parts[1].split(" ")[:3]
    # regional forms (Taiwan, Hong Kong: 爲 -> 為) of the Traditional ones
    var = {}
    for path in variants:
        for line in open(path, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1:
                var.setdefault(parts[0], []).extend(v for v in parts[1].split(" ") if len(v) == 1)
    for k, ts in s2t.items():
        extra = [v for t in ts for v in var.get(t, []) if v not in ts]
        s2t[k] = ts + extra[:2]
    for k, vs in var.items():
        if k not in s2t and len(k) == 1:
            s2t[k] = vs[:2]
    uni = {}
    bi = {}
    total = 0
    entries = []
    in_words = set()
    for line in open(jieba, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        if freq > 0:
            entries.append((word, freq))
            if len(word) > 1:
                in_words.update(word)
    for word, freq in entries:
        # a character listed alone but found in no longer word is noise of
        # jieba's own training text (e.g. "銆", itself mojibake): skip it
        if len(word) == 1 and word not in in_words:
            continue
        # each character in Simplified and in its Traditional forms (OpenCC
        # lists alternatives: 为 -> 爲 為; all of them are counted)
        alts = [[c] + [t for t in s2t.get(c, []) if t != c] for c in word]
        for opts in alts:
            for c in opts:
                uni[c] = uni.get(c, 0) + freq
            total += freq
        for x, y in zip(alts, alts[1:]):
            for a in x:
                for b in y:
                    k = a + b
                    bi[k] = bi.get(k, 0) + freq
    # punctuation does not occur in jieba's words: give the common marks the
    # count of a very common character so that they never look like noise.
    top = max(uni.values())
    for p in PUNCT:
        uni[p] = max(uni.get(p, 0), int(top * PUNCT_SHARE.get(p, 0.02)))
    out = sys.stdout
    out.write("=total\t%d\n" % min(total, 4294967295))
    for k, v in uni.items():
        out.write("%s\t%d\n" % (k, min(v, 4294967295)))
    # "=common": a bitmap of the characters U+4E00..U+9FFF counted at
    # least COMMON times (bit i is bit i % 8 of byte i / 8), written in
    # hexadecimal like every payload of this table (compiled with
    # sino-dict -x, used in place as bytes).
    bits = bytearray((0x9FFF - 0x4E00 + 1 + 7) // 8)
    for k, v in uni.items():
        cp = ord(k)
        if len(k) == 1 and 0x4E00 <= cp <= 0x9FFF and v >= COMMON:
            i = cp - 0x4E00
            bits[i >> 3] |= 1 << (i & 7)
    out.write("=common\t0\t%s\n" % bits.hex())
    for k, v in bi.items():
        if v >= 2:
            out.write("%s\t%d\n" % (k, min(v, 4294967295)))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "readings":
        readings(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "charlm":
        charlm(*sys.argv[2:])
    else:
        sys.exit("usage: sclean-tables.py readings TSV | charlm JIEBA STCHARS")
