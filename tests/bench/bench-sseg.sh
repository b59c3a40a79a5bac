#!/bin/sh
# sseg against python jieba 0.42.1 (Debian python3-jieba, `python3 -m jieba`,
# whose start includes loading its cached dictionary, about 1 s). jieba runs
# at about 1 MB/s, so the head-to-head uses the first 4 MB of the corpus (the
# same input for both); sseg alone is also timed on the whole 24 MB corpus,
# Simplified and Traditional. Then peak RSS and start-up time.
. ./tests/bench/lib.sh
hans=$BENCH_DIR/zh-hans.txt
hant=$BENCH_DIR/zh-hant.txt
slice=$BENCH_DIR/zh-hans-4mb.txt
head -c 4000000 "$hans" | head -n -1 > "$slice"
JIEBA="/usr/bin/python3 -m jieba -q -d ' '"
# jieba is slow: two timed runs are enough
BENCH_RUNS=${SSEG_BENCH_RUNS:-2}
bench_compare "sseg vs jieba, HMM (4 MB slice)" "$slice" "sseg" "$JIEBA"
bench_compare "sseg vs jieba, no HMM (4 MB slice)" "$slice" "sseg -n" "$JIEBA -n"
# CPU time (user + system) of one run each: less disturbed than wall-clock
# time when other jobs share the cores.
cpu() {   # INPUT CMD... -> seconds
    input=$1
    shift
    /usr/bin/time -f '%U %S' -o "$BENCH_DIR/cpu" "$@" < "$input" > /dev/null 2>&1
    awk '{ printf "%.2f", $1 + $2 }' "$BENCH_DIR/cpu"
}
c_ours=$(cpu "$slice" sseg)
c_peer=$(cpu "$slice" /usr/bin/python3 -m jieba -q -d ' ')
awk -v a="$c_ours" -v p="$c_peer" -v b="$(wc -c < "$slice")" 'BEGIN {
    printf "| CPU time, HMM (4 MB slice) | %.2f s (%.1f MB/s) | %.2f s (%.2f MB/s) | %.1f× |\n", a, b/a/1e6, p, b/p/1e6, p/a }'
for f in "$hans" "$hant"; do
    json=$BENCH_DIR/hf-sseg.json
    hyperfine -w 1 -r 3 --export-json "$json" "sseg < $f > /dev/null" >/dev/null 2>&1 || continue
    t=$(bench_mean "$json" 0)
    awk -v l="sseg alone, $(basename "$f") ($(($(wc -c < "$f") / 1000000)) MB)" -v b="$(wc -c < "$f")" -v t="$t" \
        'BEGIN { printf "| %s | %.1f MB/s | | |\n", l, b/t/1e6 }'
done
echo "| sseg peak RSS, 24 MB corpus | $(bench_rss "$hans" sseg) MB | $(bench_rss "$slice" /usr/bin/python3 -m jieba -q) MB (jieba, 4 MB) | |"
printf '中华人民共和国\n' > "$BENCH_DIR/one-line.txt"
json=$BENCH_DIR/hf-start.json
if hyperfine -w 3 -r 30 --export-json "$json" "sseg < $BENCH_DIR/one-line.txt > /dev/null" \
    "cat < $BENCH_DIR/one-line.txt > /dev/null" >/dev/null 2>&1; then
    # minus the same shell + cat, to leave sseg's own start-up
    awk -v t="$(bench_mean "$json" 0)" -v c="$(bench_mean "$json" 1)" \
        'BEGIN { printf "| sseg start-up, wall (one line; minus `cat` through the same shell) | %.2f ms (%.2f ms with the shell) | | |\n", (t-c)*1000, t*1000 }'
fi
# CPU time of a whole run on one line (perf stat's task-clock), beside cat's
if command -v perf >/dev/null 2>&1; then
    tc() { perf stat -x, -e task-clock -r 30 "$@" < "$BENCH_DIR/one-line.txt" 2>&1 >/dev/null |
           awk -F, '/task-clock/ { printf "%.2f", $1 }'; }
    echo "| sseg start-up, CPU (task-clock, one line) | $(tc sseg) ms | $(tc cat) ms (cat) | |"
fi
