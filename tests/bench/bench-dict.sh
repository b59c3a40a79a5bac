#!/bin/sh
# Dictionary micro-benchmark: open + first lookup, and lookups per second, on
# jieba's 349k-word table (no peer: the point is the absolute start-up cost).
. ./tests/bench/lib.sh
"$SINO_BUILD/tests/dictbench" "$SINO_DATA/jieba.sdict" build/text/jieba-words.tsv
