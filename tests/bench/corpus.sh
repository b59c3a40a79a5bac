#!/bin/sh
# Benchmark corpus: real Simplified Chinese text, at least 24 MB, built once
# into build/bench/: the bundled samples (Traditional ones converted with
# Debian's opencc t2s) and the Chinese man pages of Debian's manpages-zh with
# their roff requests stripped, repeated until the size is reached.
set -e
BENCH_DIR=${BENCH_DIR:-build/bench}
mkdir -p "$BENCH_DIR"
out="$BENCH_DIR/zh-hans.txt"
[ -s "$out" ] && exit 0
base="$BENCH_DIR/zh-hans-base.txt"
: > "$base"
for f in tests/data/samples/*.txt; do opencc -c t2s.json < "$f" >> "$base"; done
for f in /usr/share/man/zh_CN/man*/*.gz; do
    zcat "$f" 2>/dev/null | grep -v '^\.\\"' | sed -e 's/^\.[A-Za-z]*[ ]*//' -e 's/\\f[BIRP]//g' -e 's/\\-/-/g'
done | grep -P '\p{Han}' >> "$base" || true
: > "$out.tmp"
while [ "$(wc -c < "$out.tmp")" -lt 24000000 ]; do cat "$base" >> "$out.tmp"; done
mv "$out.tmp" "$out"
# the same text in Traditional script, for t2s and Traditional-input runs
opencc -c s2t.json < "$out" > "$BENCH_DIR/zh-hant.txt"
rm -f "$base"
