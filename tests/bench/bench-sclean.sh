#!/bin/sh
# sclean throughput on ordinary text (the bench corpus, Simplified and
# Traditional) against iconv -f utf-8 -t utf-8 as a plain byte-pass
# reference, and sclean's peak memory. Uses bench_compare; when the installed
# hyperfine lacks --input (older releases), the same comparison is made with
# shell redirections.
. ./tests/bench/lib.sh

compare() {
    label=$1 input=$2 ours=$3 peer=$4
    if hyperfine --help 2>/dev/null | grep -q -- '--input'; then
        bench_compare "$label" "$input" "$ours" "$peer"
        return
    fi
    json="$BENCH_DIR/hf-sclean.json"
    if ! hyperfine -w 1 -r "$BENCH_RUNS" --export-json "$json" \
        "$ours < $input > /dev/null" "$peer < $input > /dev/null" >/dev/null 2>&1; then
        echo "| $label | failed | | |"
        return 1
    fi
    t_ours=$(bench_mean "$json" 0)
    t_peer=$(bench_mean "$json" 1)
    bytes=$(wc -c < "$input")
    awk -v l="$label" -v b="$bytes" -v a="$t_ours" -v p="$t_peer" -v o="$ours" -v q="$peer" 'BEGIN {
        printf "| %s | %.1f MB/s (`%s`) | %.1f MB/s (`%s`) | %.2f× |\n", l, b/a/1e6, o, b/p/1e6, q, p/a }'
}

for script in hans hant; do
    in=$BENCH_DIR/zh-$script.txt
    [ -s "$in" ] || continue
    compare "sclean, zh-$script (all passes)" "$in" "sclean" "iconv -f utf-8 -t utf-8"
    compare "sclean --no-layout --no-boilerplate, zh-$script" "$in" \
        "sclean --no-layout --no-boilerplate" "iconv -f utf-8 -t utf-8"
done
echo "| sclean peak RSS on zh-hans.txt | $(bench_rss "$BENCH_DIR/zh-hans.txt" sclean) MB | | |"
