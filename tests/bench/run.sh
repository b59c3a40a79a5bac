#!/bin/sh
# make bench: builds the corpus, then runs every tests/bench/bench-*.sh. Each
# prints Markdown table rows; all of them are collected in build/bench/results.md.
set -e
. ./tests/bench/lib.sh
sh tests/bench/corpus.sh
out="$BENCH_DIR/results.md"
{
    echo "| what | sino | peer | ratio |"
    echo "|---|---|---|---|"
    for b in tests/bench/bench-*.sh; do
        [ -f "$b" ] && sh "$b"
    done
} | tee "$out"
echo "(saved in $out)"
