#!/bin/sh
# sconv --detect: accuracy on samples of 30, 200 and 1000 bytes cut at random
# points (mid-character included) from real text in each encoding, compared
# with uchardet and enca on the same samples. Prints the accuracy table;
# asserts only sconv's own thresholds. The text: the bench corpus slices when
# built (build/bench), else the bundled samples; Traditional text converted
# with our s2t; GB18030 four-byte codes from real mixed-script sentences.
t_name=sconv-detect
. ./tests/lib.sh
dir="$T_TMP/det"
mkdir -p "$dir"
hans="$T_TMP/hans.txt"
hant="$T_TMP/hant.txt"
if [ -s "${BENCH_DIR:-build/bench}/zh-hans.txt" ]; then
    # whole lines: a cut at 3 MB may fall inside a character
    head -c 3000000 "${BENCH_DIR:-build/bench}/zh-hans.txt" | sed '$d' > "$hans"
    corpus=bench
else
    cat tests/data/samples/*.txt | sconv -c t2s > "$hans"
    corpus=samples
fi
sconv -c s2t < "$hans" > "$hant"
# Japanese and Korean text: the installed Japanese and Korean manual pages
# (roff requests dropped; lines with kana / hangul); rows skipped without them.
jpn="$T_TMP/jpn.txt"
kor="$T_TMP/kor.txt"
for m in /usr/share/man/ja/man*/*.gz; do [ -f "$m" ] && zcat "$m"; done 2>/dev/null |
    grep -v '^[.'"'"']' | grep -P '[\x{3040}-\x{30FF}]' > "$jpn" 2>/dev/null
for m in /usr/share/man/ko/man*/*.gz; do [ -f "$m" ] && zcat "$m"; done 2>/dev/null |
    grep -v '^[.'"'"']' | grep -P '[\x{AC00}-\x{D7A3}]' > "$kor" 2>/dev/null
N=${SCONV_DETECT_SAMPLES:-40}
/usr/bin/python3 - "$hans" "$hant" "$dir" "$N" "$jpn" "$kor" <<'PY'
import random, sys, os
hans = open(sys.argv[1], encoding="utf-8").read()
hant = open(sys.argv[2], encoding="utf-8").read()
out, N = sys.argv[3], int(sys.argv[4])
def text_of(fn):
    try:
        t = open(fn, encoding="utf-8", errors="ignore").read()
    except OSError:
        return ""
    return t if len(t) > 20000 else ""
jpn, kor = text_of(sys.argv[5]), text_of(sys.argv[6])
rng = random.Random(20261122)
# Characters outside GBK that occur in real Chinese-context text: Hangul,
# emoji, CJK extension A/B ideographs, accented Latin.
extra = ["한국어", "서울", "😀", "👍", "🎉", "䶮", "㐀", "𠀋", "𪚥", "Ő", "ǹ", "€"]
lines = [l for l in hans.split("\n") if len(l) > 20]
mixed = []
for l in lines[:20000]:
    k = rng.randrange(len(l))
    mixed.append(l[:k] + rng.choice(extra) + l[k:])
mixed = "\n".join(mixed)
def enc_text(text, codec):
    # encode, dropping what the codec cannot represent; note where each
    # character starts
    parts = [ch.encode(codec, errors="ignore") for ch in text]
    starts, pos = set(), 0
    for p in parts:
        if p:
            starts.add(pos)
        pos += len(p)
    return b"".join(parts), starts
sources = {
    "utf-8": (hans, "utf-8"),
    "gbk": (hans, "gbk"),
    "gb18030-4": (mixed, "gb18030"),
    "big5": (hant, "big5"),
    "utf-16le": (hans, "utf-16-le"),
    "utf-16be": (hant, "utf-16-be"),
}
if jpn:
    sources["shift_jis"] = (jpn, "shift_jis")
    sources["euc-jp"] = (jpn, "euc-jp")
    sources["iso-2022-jp"] = (jpn, "iso2022_jp")
if kor:
    sources["euc-kr"] = (kor, "euc-kr")
# damaged UTF-8: Simplified UTF-8 with one byte in 100 (at least one per
# sample) overwritten by an invalid byte
sources["utf-8-damaged"] = (hans, "utf-8")
manifest = open(os.path.join(out, "manifest"), "w")
for name, (text, codec) in sources.items():
    data, starts = enc_text(text[:400000], codec)
    for size in (30, 200, 1000):
        made = 0
        while made < N:
            s = rng.randrange(len(data) - size)
            if name == "iso-2022-jp":
                # a stateful encoding: samples start at a line start (each
                # line ends back in ASCII), so that they can be decoded
                s = data.find(b"\n", s) + 1
                if s == 0 or s + size > len(data): continue
            chunk = data[s:s + size]
            if name == "utf-8-damaged":
                chunk = bytearray(chunk)
                for _ in range(max(1, size // 100)):
                    chunk[rng.randrange(len(chunk))] = 0xFF
                chunk = bytes(chunk)
            if name == "gb18030-4":
                # a sample with a four-byte code in it
                if not any(0x81 <= chunk[i] <= 0xFE and 0x30 <= chunk[i+1] <= 0x39 and
                           0x81 <= chunk[i+2] <= 0xFE and 0x30 <= chunk[i+3] <= 0x39
                           for i in range(len(chunk) - 3)):
                    continue
            if (not any(b >= 0x80 for b in chunk) and "utf-16" not in name and
                    not (name == "iso-2022-jp" and b"\x1b$" in chunk)):
                continue
            # where the first whole character starts (Python's euc-kr writes
            # a syllable outside KS X 1001 as an eight-byte make-up sequence)
            skip = next((k for k in range(9) if s + k in starts), None)
            if skip is None:
                continue
            fn = os.path.join(out, "%s-%d-%d" % (name, size, made))
            open(fn, "wb").write(chunk)
            manifest.write("%s\t%s\t%d\t%s\t%d\n" % (fn, name, size, codec, skip))
            made += 1
PY
cut -f1 "$dir/manifest" > "$dir/files"
xargs sconv --detect < "$dir/files" > "$dir/sconv.out" 2>/dev/null
have_uchardet=0; have_enca=0
if command -v uchardet >/dev/null; then
    have_uchardet=1
    while read -r f; do printf '%s: %s\n' "$f" "$(uchardet "$f")"; done < "$dir/files" > "$dir/uchardet.out"
fi
if command -v enca >/dev/null; then
    have_enca=1
    while read -r f; do printf '%s: %s\n' "$f" "$(enca -L chinese -i "$f" 2>/dev/null)"; done < "$dir/files" > "$dir/enca.out"
fi
/usr/bin/python3 - "$dir" "$have_uchardet" "$have_enca" > "$dir/report" <<'PY'
import sys, codecs, os
d = sys.argv[1]
tools = ["sconv"] + (["uchardet"] if sys.argv[2] == "1" else []) + (["enca"] if sys.argv[3] == "1" else [])
def read(tool):
    r = {}
    for line in open("%s/%s.out" % (d, tool), encoding="utf-8", errors="replace"):
        f, _, e = line.rstrip("\n").rpartition(": ")
        r[f] = e.strip().lower()
    return r
alias = {"iso-2022-jp": "iso2022_jp", "gb2312": "gb18030", "gbk": "gb18030", "euc-cn": "gb18030", "cp936": "gb18030",
         "big5-hkscs": "big5hkscs", "ucs-2le": "utf-16-le", "ucs-2be": "utf-16-be",
         "utf-16le": "utf-16-le", "utf-16be": "utf-16-be", "ascii": "ascii", "us-ascii": "ascii"}
def codec_of(name, strict_gbk):
    if name == "gbk" and strict_gbk: return "gbk"
    n = alias.get(name, name)
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None
def core(data, codec, skip):
    # the truth: the sample decoded with its own encoding from its first
    # whole character, without the last two characters (which may be cut)
    t = data[skip:].decode(codec, errors="replace")
    return t[:-2]
def ok(data, truth_codec, skip, name):
    c = codec_of(name, True)
    if c is None: return False
    want = core(data, truth_codec, skip)
    for skip in range(4):
        if want in data[skip:].decode(c, errors="replace"):
            return True
    return False
res = {t: read(t) for t in tools}
stats = {}
for line in open(d + "/manifest"):
    f, name, size, codec, skip = line.rstrip("\n").split("\t")
    data = open(f, "rb").read()
    for t in tools:
        k = (t, name, int(size))
        good = ok(data, codec, int(skip), res[t].get(f, "?"))
        if not good and os.environ.get("SCONV_DETECT_DEBUG"):
            sys.stderr.write("%s %s %s -> %s\n" % (t, name, size, res[t].get(f, "?")))
        a, b = stats.get(k, (0, 0))
        stats[k] = (a + good, b + 1)
names = [n for n in ["utf-8", "gbk", "gb18030-4", "big5", "utf-16le", "utf-16be", "shift_jis",
                     "euc-jp", "iso-2022-jp", "euc-kr", "utf-8-damaged"]
         if ("sconv", n, 30) in stats]
print("| encoding | bytes | " + " | ".join(tools) + " |")
print("|---|---|" + "---|" * len(tools))
for n in names:
    for s in (30, 200, 1000):
        row = []
        for t in tools:
            a, b = stats[(t, n, s)]
            row.append("%.0f%%" % (100.0 * a / b))
        print("| %s | %d | %s |" % (n, s, " | ".join(row)))
for s in (30, 200, 1000):
    for t in tools:
        a = sum(stats[(t, n, s)][0] for n in names); b = sum(stats[(t, n, s)][1] for n in names)
        print("TOTAL %s %d %.4f" % (t, s, a / b))
for n in names:
    for s in (30, 200, 1000):
        a, b = stats[("sconv", n, s)]
        print("SCONV %s %d %.4f" % (n, s, a / b))
PY
grep '^|' "$dir/report"
grep '^TOTAL' "$dir/report"
# Our own thresholds (robust margins below what we measure).
while read -r _ n s acc; do
    case $s in 30) min=0.80 ;; 200) min=0.95 ;; *) min=0.97 ;; esac
    # a 30-byte cut of the bench corpus with an overwritten byte is at times
    # too short to tell from a legacy encoding: 31 of 40 measured (README)
    [ "$n:$s:$corpus" = "utf-8-damaged:30:bench" ] && min=0.75
    awk -v a="$acc" -v m="$min" 'BEGIN { exit !(a >= m) }' && t_ok ||
        t_fail "detection of $n at $s bytes: $acc < $min"
done <<EOT
$(grep '^SCONV' "$dir/report")
EOT
# Beat the peers overall at every size.
for s in 30 200 1000; do
    ours=$(awk -v s=$s '$1 == "TOTAL" && $2 == "sconv" && $3 == s { print $4 }' "$dir/report")
    for peer in uchardet enca; do
        theirs=$(awk -v s=$s -v p=$peer '$1 == "TOTAL" && $2 == p && $3 == s { print $4 }' "$dir/report")
        [ -z "$theirs" ] && continue
        awk -v a="$ours" -v b="$theirs" 'BEGIN { exit !(a > b) }' && t_ok ||
            t_fail "sconv ($ours) not better than $peer ($theirs) at $s bytes"
    done
done
t_done
