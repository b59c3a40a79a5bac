#!/bin/sh
# sseg on real Traditional text: the zh_TW man pages of manpages-zh (written
# in Traditional), rendered with mandoc -Tutf8 | col -bx, one line per
# distinct line that holds Chinese; each line segmented by sseg must have
# the same token boundaries as its `opencc -c t2s` twin segmented by sseg
# (which is jieba's segmentation of it: see sseg.sh). Floor: 99.5% of the
# lines (99.88% measured; 91.50% with the character-level view alone).
# Also the two Traditional samples (held out: not looked at while tuning).
# Skipped without manpages-zh, mandoc or opencc.
t_name=sseg-trad
. ./tests/lib.sh
PY=/usr/bin/python3
here=tests/suites
S="sseg -d $(printf '\001')"
if ! command -v opencc >/dev/null 2>&1 || ! command -v mandoc >/dev/null 2>&1 ||
        [ ! -d /usr/share/man/zh_TW ]; then
    echo "sseg-trad: manpages-zh (zh_TW), mandoc or opencc absent; skipped" >&2
    t_done
    exit $?
fi
chinese_lines() {   # the distinct lines that hold Chinese, stripped
    $PY -c '
import re, sys
seen = set()
for line in sys.stdin.buffer.read().decode("utf-8", "replace").split("\n"):
    line = line.strip()
    if re.search("[\u4e00-\u9fff]", line) and line not in seen:
        seen.add(line)
        sys.stdout.buffer.write(line.encode("utf-8") + b"\n")
'
}
find /usr/share/man/zh_TW -type f | LC_ALL=C sort | while read -r f; do
    mandoc -Tutf8 -Owidth=250 "$f" 2>/dev/null | col -bx
done | chinese_lines > "$T_TMP/hant"
opencc -c t2s < "$T_TMP/hant" > "$T_TMP/hans"
$S < "$T_TMP/hant" > "$T_TMP/hant.tok"
$S < "$T_TMP/hans" > "$T_TMP/hans.tok"
res=$($PY $here/sseg-trad-compare.py "$T_TMP/hant.tok" "$T_TMP/hans.tok" 5)
echo "sseg-trad: zh_TW man pages, lines segmented like their opencc t2s twin: $res" >&2
pct=$(printf '%s\n' "$res" | sed 's/.*(\([0-9.]*\)%).*/\1/')
if awk -v p="$pct" 'BEGIN { exit !(p >= 99.5) }'; then t_ok; else t_fail "zh_TW agreement $pct% < 99.5%"; fi

cat tests/data/samples/000_*.txt tests/data/samples/003_*.txt 2>/dev/null | chinese_lines > "$T_TMP/samp"
if [ -s "$T_TMP/samp" ]; then
    opencc -c t2s < "$T_TMP/samp" > "$T_TMP/samp.s"
    $S < "$T_TMP/samp" > "$T_TMP/samp.tok"
    $S < "$T_TMP/samp.s" > "$T_TMP/samp.s.tok"
    res=$($PY $here/sseg-trad-compare.py "$T_TMP/samp.tok" "$T_TMP/samp.s.tok" 5)
    echo "sseg-trad: Traditional samples (held out): $res" >&2
    pct=$(printf '%s\n' "$res" | sed 's/.*(\([0-9.]*\)%).*/\1/')
    if awk -v p="$pct" 'BEGIN { exit !(p >= 95) }'; then t_ok; else t_fail "samples agreement $pct% < 95%"; fi
fi
t_done
