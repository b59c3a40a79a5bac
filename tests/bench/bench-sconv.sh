#!/bin/sh
# sconv against its peers in the same run: opencc (Debian 1.1.6) for s2t,
# t2s and s2twp on the 24 MB corpus, iconv for GB18030 -> UTF-8, a plain
# utf8proc NFC loop for --nfc; peak RSS and start-up.
. ./tests/bench/lib.sh
hans="$BENCH_DIR/zh-hans.txt"
hant="$BENCH_DIR/zh-hant.txt"
gb="$BENCH_DIR/zh-hans.gb18030"
[ -s "$gb" ] || iconv -f UTF-8 -t GB18030 "$hans" > "$gb"
nfc="$BENCH_DIR/nfcbench"
cc -O2 -o "$nfc" tests/bench/nfcbench.c $(pkg-config --cflags --libs libutf8proc 2>/dev/null || echo -lutf8proc)
bench_compare "sconv -c s2t (24 MB)" "$hans" "sconv -f utf-8 -c s2t" "opencc -c s2t.json"
bench_compare "sconv -c t2s (24 MB)" "$hant" "sconv -f utf-8 -c t2s" "opencc -c t2s.json"
bench_compare "sconv -c s2twp (24 MB)" "$hans" "sconv -f utf-8 -c s2twp" "opencc -c s2twp.json"
bench_compare "sconv GB18030 -> UTF-8, detected (24 MB)" "$gb" "sconv" "iconv -f GB18030 -t UTF-8"
bench_compare "sconv --nfc (24 MB)" "$hans" "sconv -f utf-8 --nfc" "$nfc"
for c in s2t s2twp; do
    echo "| sconv -c $c peak RSS | $(bench_rss "$hans" sconv -f utf-8 -c $c) MB | $(bench_rss "$hans" opencc -c $c.json) MB (opencc) | |"
done
echo "| sconv GB18030 peak RSS | $(bench_rss "$gb" sconv) MB | $(bench_rss "$gb" iconv -f GB18030 -t UTF-8) MB (iconv) | |"
# start-up: empty input, opening the s2twp tables (the largest set)
bench_startup "start-up, sconv -c s2twp on empty input" "sconv -c s2twp" "opencc -c s2twp.json -i"
# the same against cat: what any dynamically linked program costs to start
# here, so the difference is sconv's own start-up
bench_startup "start-up, sconv -c s2twp against cat" "sconv -c s2twp" "cat"
