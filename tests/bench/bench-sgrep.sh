#!/bin/sh
# sgrep against ripgrep and GNU grep on the same files in the same hyperfine
# run: the 24 MB corpus and a 147 MB file made by repeating it six times.
# The peers search for the two forms sgrep folds together ([发發]展); sgrep
# also folds width, line breaks and inserted pinyin, so it may count more.
# Output goes to a pipe (GNU grep stops at the first match when its output is
# /dev/null, which would not be a fair comparison). The ratio is of wall-clock
# means, then of CPU time (user + system), which varies less on a busy machine.
. ./tests/bench/lib.sh
# grep in the UTF-8 locale, where [发發] means two characters
LC_ALL=C.UTF-8
export LC_ALL
sh tests/bench/corpus.sh
small="$BENCH_DIR/zh-hans.txt"
big="$BENCH_DIR/zh-hans-x6.txt"
if [ ! -s "$big" ]; then
    for i in 1 2 3 4 5 6; do cat "$small"; done > "$big.tmp" && mv "$big.tmp" "$big"
fi

bench_cpu() {   # JSON file, command index -> mean user + system seconds
    /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]; print(r["user"]+r["system"])' "$1" "$2"
}

bench_files() {   # LABEL FILE OURS PEER (commands take the file as last argument)
    label=$1 file=$2 ours="$3 $2" peer="$4 $2"
    json="$BENCH_DIR/hf.json"
    if ! hyperfine -N -i -w 1 -r "$BENCH_RUNS" --output=pipe --export-json "$json" \
        "$ours" "$peer" >/dev/null 2>&1; then
        echo "| $label | failed | | |"
        return 1
    fi
    t_ours=$(bench_mean "$json" 0)
    t_peer=$(bench_mean "$json" 1)
    c_ours=$(bench_cpu "$json" 0)
    c_peer=$(bench_cpu "$json" 1)
    bytes=$(wc -c < "$file")
    awk -v l="$label" -v b="$bytes" -v a="$t_ours" -v p="$t_peer" -v o="$3" -v q="$4" \
        -v ca="$c_ours" -v cp="$c_peer" 'BEGIN {
        printf "| %s | %.0f MB/s (`%s`) | %.0f MB/s (`%s`) | %.2f× (CPU time %.2f×) |\n",
            l, b/a/1e6, o, b/p/1e6, q, p/a, cp/ca }'
}

for f in "$small" "$big"; do
    mb=$(($(wc -c < "$f") / 1000000))
    bench_files "sgrep count, $mb MB, vs rg" "$f" "sgrep -c 发展" "rg -c [发發]展"
    bench_files "sgrep count, $mb MB, vs grep" "$f" "sgrep -c 发展" "grep -c -E [发發]展"
done
bench_files "sgrep lines -n, 24 MB, vs rg" "$small" "sgrep -n 发展" "rg -n [发發]展"
bench_files "sgrep Traditional input, 24 MB, vs rg" "$BENCH_DIR/zh-hant.txt" "sgrep -c 发展" "rg -c [发發]展"
bench_files "sgrep 4 patterns, 24 MB, vs rg" "$small" "sgrep -c -e 发展 -e 改革 -e 经济 -e 社会" \
    "rg -c -e [发發]展 -e 改革 -e [经經][济濟] -e [社][会會]"
# many literals: 10,000 words of jieba's dictionary (every 30th of two or
# more characters), searched with -F -f by all three
words="$BENCH_DIR/words-10000.txt"
jdict=/usr/lib/python3/dist-packages/jieba/dict.txt
if [ ! -s "$words" ] && [ -r "$jdict" ]; then
    awk 'length($1) >= 2 && NR % 30 == 0 { print $1 }' "$jdict" | head -n 10000 > "$words"
fi
if [ -s "$words" ]; then
    bench_files "sgrep 10,000 -F -f words, 24 MB, vs grep" "$small" "sgrep -c -F -f $words" "grep -c -F -f $words"
    bench_files "sgrep 10,000 -F -f words, 24 MB, vs rg" "$small" "sgrep -c -F -f $words" "rg -c -F -f $words"
fi
bench_files "sgrep -E, 24 MB, vs grep -E" "$small" "sgrep -c -E 发展.{0,6}经济" "grep -c -E [发發]展.{0,6}[经經][济濟]"
bench_files "sgrep -w (segmentation), 24 MB, vs rg -w" "$small" "sgrep -c -w 中国" "rg -c -w 中国"
rss=$(/usr/bin/time -f '%M' sgrep -c 发展 "$big" 2>&1 >/dev/null | tail -1)
echo "| sgrep peak memory, 147 MB file | $((rss / 1024)) MB | | |"
rss=$(head -c 300000000 /dev/zero | tr '\0' 'x' | /usr/bin/time -f '%M' sgrep -c 发展 2>&1 >/dev/null | tail -1)
echo "| sgrep peak memory, one 300 MB line on stdin | $((rss / 1024)) MB | | |"
