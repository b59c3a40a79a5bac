#!/bin/sh
# sfacts throughput on build/bench/zh-hans.txt (and the Traditional copy).
# No extraction peer (Duckling, JioNLP, cn2an) is installed; the reference is
# a plain validating byte pass, iconv -f utf-8 -t utf-8, timed in the same
# hyperfine run. Prints Markdown table rows and the peak RSS. (The file is
# given as an argument: the installed hyperfine has no --input.)
. ./tests/bench/lib.sh
sh tests/bench/corpus.sh
sf_compare() {
    label=$1 input=$2 opts=$3
    json="$BENCH_DIR/hf-sfacts.json"
    if ! hyperfine -w 1 -r "$BENCH_RUNS" --export-json "$json" \
        "sfacts $opts $input > /dev/null" "iconv -f utf-8 -t utf-8 $input > /dev/null" >/dev/null 2>&1; then
        echo "| $label | failed | | |"
        return 1
    fi
    t_ours=$(bench_mean "$json" 0)
    t_peer=$(bench_mean "$json" 1)
    bytes=$(wc -c < "$input")
    awk -v l="$label" -v b="$bytes" -v a="$t_ours" -v p="$t_peer" -v o="sfacts $opts" 'BEGIN {
        printf "| %s | %.1f MB/s (`%s`) | %.1f MB/s (`iconv -f utf-8 -t utf-8`) | %.2f× |\n", l, b/a/1e6, o, b/p/1e6, p/a }'
}
in=$BENCH_DIR/zh-hans.txt
sf_compare "sfacts, all types (zh-hans, 24 MB)" "$in" ""
sf_compare "sfacts --json (zh-hans)" "$in" "--json"
sf_compare "sfacts -t money,date (zh-hans)" "$in" "-t money,date"
[ -s "$BENCH_DIR/zh-hant.txt" ] &&
    sf_compare "sfacts, all types (zh-hant)" "$BENCH_DIR/zh-hant.txt" ""
echo "| sfacts peak RSS on zh-hans | $(bench_rss "$in" sfacts) MB | | |"
