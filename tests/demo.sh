#!/bin/sh
# The demo of the README's quick start: the whole chain over a bundled sample
# (a scraped Traditional-Chinese page with inserted pinyin readings, site
# boilerplate and GBK mojibake).
set -e
: "${SINO_BUILD:=build}"
PATH="$PWD/$SINO_BUILD/bin:$PATH"
sample=tests/data/samples/000_00bebd0b521cd893.txt
show() { sed "s/^/    /"; }
echo "== the raw sample ($sample), first 3 lines:"
head -3 "$sample" | show
echo "== sconv -c t2s | sclean  (Simplified, readings, boilerplate and mojibake gone):"
sconv -c t2s "$sample" | sclean | head -3 | show
echo "== ... | sseg  (words, as jieba would cut them):"
sconv -c t2s "$sample" | sclean | sseg | sed -n 2p | show
echo "== ... | sfacts -t money,quantity,percent,date  (facts as TSV records):"
sconv -c t2s "$sample" | sclean | sfacts -t money,quantity,percent,date | head -6 | show
echo "== sgrep -c 发展 on the raw Traditional file (finds 發(fā)展):"
sgrep -c 发展 "$sample" | show
