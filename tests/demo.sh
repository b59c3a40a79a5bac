#!/bin/sh
# The demo pipeline of the README's quick start, over a bundled sample (a
# scraped Traditional-Chinese page with inserted pinyin readings).
set -e
: "${SINO_BUILD:=build}"
PATH="$PWD/$SINO_BUILD/bin:$PATH"
sample=tests/data/samples/003_679177dc6b913787.txt
echo "== sconv < $sample | sclean | sseg (first 3 lines)"
sconv < "$sample" | sclean | sseg | head -3
