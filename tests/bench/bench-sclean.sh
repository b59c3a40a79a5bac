#!/bin/sh
# sclean throughput on ordinary text (the bench corpus, Simplified and
# Traditional) against iconv -f utf-8 -t utf-8 as a plain byte-pass
# reference, and sclean's peak memory.
. ./tests/bench/lib.sh

for script in hans hant; do
    in=$BENCH_DIR/zh-$script.txt
    [ -s "$in" ] || continue
    bench_compare "sclean, zh-$script (all passes)" "$in" "sclean" "iconv -f utf-8 -t utf-8"
    bench_compare "sclean --no-layout --no-boilerplate, zh-$script" "$in" \
        "sclean --no-layout --no-boilerplate" "iconv -f utf-8 -t utf-8"
done
echo "| sclean peak RSS on zh-hans.txt | $(bench_rss "$BENCH_DIR/zh-hans.txt" sclean) MB | | |"
