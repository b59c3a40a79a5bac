#!/bin/sh
# sfacts throughput on build/bench/zh-hans.txt (and the Traditional copy).
# No extraction peer (Duckling, JioNLP, cn2an) is installed; the reference is
# a plain validating byte pass, iconv -f utf-8 -t utf-8, run in the same
# hyperfine session. Prints Markdown table rows and the peak RSS.
. ./tests/bench/lib.sh
sh tests/bench/corpus.sh
in=$BENCH_DIR/zh-hans.txt
bench_compare "sfacts (zh-hans, all types)" "$in" "sfacts" "iconv -f utf-8 -t utf-8"
bench_compare "sfacts --json (zh-hans)" "$in" "sfacts --json" "iconv -f utf-8 -t utf-8"
bench_compare "sfacts -t money,date (zh-hans)" "$in" "sfacts -t money,date" "iconv -f utf-8 -t utf-8"
[ -s "$BENCH_DIR/zh-hant.txt" ] &&
    bench_compare "sfacts (zh-hant, all types)" "$BENCH_DIR/zh-hant.txt" "sfacts" "iconv -f utf-8 -t utf-8"
echo "| sfacts peak RSS on zh-hans | $(bench_rss "$in" sfacts) MB | | |"
