#!/bin/sh
# sconv against its peers in the same run: opencc (Debian 1.1.6) for s2t,
# t2s and s2twp on the 24 MB corpus, iconv for GB18030 -> UTF-8, a plain
# utf8proc NFC loop for --nfc; peak RSS and start-up.
. ./tests/bench/lib.sh
# bench_compare needs hyperfine >= 1.16 (--input/--output); this does the
# same with the redirections in the commands, for older ones too.
compare() {
    label=$1 input=$2 ours=$3 peer=$4
    json="$BENCH_DIR/hf-sconv.json"
    if ! hyperfine -w 1 -r "$BENCH_RUNS" --export-json "$json" \
        "$ours < $input > /dev/null" "$peer < $input > /dev/null" >/dev/null 2>&1; then
        echo "| $label | failed | | |"
        return 1
    fi
    t_ours=$(bench_mean "$json" 0)
    t_peer=$(bench_mean "$json" 1)
    bytes=$(wc -c < "$input")
    awk -v l="$label" -v b="$bytes" -v a="$t_ours" -v p="$t_peer" -v o="$ours" -v q="$peer" 'BEGIN {
        if (b > 0) printf "| %s | %.1f MB/s (`%s`) | %.1f MB/s (`%s`) | %.2f× |\n", l, b/a/1e6, o, b/p/1e6, q, p/a
        else printf "| %s | %.1f ms (`%s`) | %.1f ms (`%s`) | %.2f× |\n", l, a*1e3, o, p*1e3, q, p/a }'
}
hans="$BENCH_DIR/zh-hans.txt"
hant="$BENCH_DIR/zh-hant.txt"
gb="$BENCH_DIR/zh-hans.gb18030"
[ -s "$gb" ] || iconv -f UTF-8 -t GB18030 "$hans" > "$gb"
nfc="$BENCH_DIR/nfcbench"
cc -O2 -o "$nfc" tests/bench/nfcbench.c $(pkg-config --cflags --libs libutf8proc 2>/dev/null || echo -lutf8proc)
compare "sconv -c s2t (24 MB)" "$hans" "sconv -f utf-8 -c s2t" "opencc -c s2t.json"
compare "sconv -c t2s (24 MB)" "$hant" "sconv -f utf-8 -c t2s" "opencc -c t2s.json"
compare "sconv -c s2twp (24 MB)" "$hans" "sconv -f utf-8 -c s2twp" "opencc -c s2twp.json"
compare "sconv GB18030 -> UTF-8, detected (24 MB)" "$gb" "sconv" "iconv -f GB18030 -t UTF-8"
compare "sconv --nfc (24 MB)" "$hans" "sconv -f utf-8 --nfc" "$nfc"
for c in s2t s2twp; do
    echo "| sconv -c $c peak RSS | $(bench_rss "$hans" sconv -f utf-8 -c $c) MB | $(bench_rss "$hans" opencc -c $c.json) MB (opencc) | |"
done
echo "| sconv GB18030 peak RSS | $(bench_rss "$gb" sconv) MB | $(bench_rss "$gb" iconv -f GB18030 -t UTF-8) MB (iconv) | |"
# start-up: empty input, opening the s2twp tables (the largest set)
: > "$BENCH_DIR/empty"
compare "start-up, sconv -c s2twp on empty input" "$BENCH_DIR/empty" "sconv -c s2twp" "opencc -c s2twp.json"
