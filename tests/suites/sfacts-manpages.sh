#!/bin/sh
# sfacts on text that is no news: the Chinese man pages of manpages-zh
# (zh_CN and zh_TW, every section), rendered as one paragraph per line. Every
# place, organisation and person extracted must be in the hand-checked list
# tests/facts/manpages-entities.tsv (an entity missing there fails: check it
# in its sentence and add it with its verdict), and at most 3% of those
# extracted may be false. Quoted slogans are counted and printed, not checked
# (most quoted terms of a man page still come out as slogans).
t_name=sfacts-manpages
. ./tests/lib.sh
list=tests/facts/manpages-entities.tsv
if ! ls /usr/share/man/zh_CN/man1/*.gz >/dev/null 2>&1; then
    echo "sfacts-manpages: skipped (manpages-zh is not installed)"
    t_done
    exit 0
fi
mkdir "$T_TMP/man"
for f in /usr/share/man/zh_CN/man*/*.gz /usr/share/man/zh_TW/man*/*.gz; do
    lang=$(basename "$(dirname "$(dirname "$f")")")
    zcat "$f" 2>/dev/null | mandoc -Tutf8 -Owidth=250 2>/dev/null | col -bx \
        > "$T_TMP/man/$lang-$(basename "$f" .gz)"
done
(cd "$T_TMP/man" && sfacts --no-header -t place,org,person,slogan -- *) > "$T_TMP/facts" ||
    t_fail "sfacts failed on the man pages"
awk -F'\t' '$4 != "slogan" { print $1 "\t" $4 "\t" $5 }' "$T_TMP/facts" > "$T_TMP/ents"
# entities not in the list, and the false share of those extracted
awk -F'\t' 'NR == FNR { if ($0 !~ /^#/) verdict[$1 "\t" $2 "\t" $3] = $4; next }
     { n++; k = $0; if (!(k in verdict)) { print "unchecked: " k; miss++ }
       else if (verdict[k] == "false") bad++ }
     END { printf "sfacts-manpages: %d places, organisations and people extracted, %d false (%.1f%%), %d not hand-checked\n",
                  n, bad, n ? 100 * bad / n : 0, miss > "/dev/stderr"
           exit (miss > 0) * 1 + (n && bad > 0.03 * n) * 2 }' "$list" "$T_TMP/ents" > "$T_TMP/unchecked"
st=$?
[ $((st & 1)) = 0 ] && t_ok || t_fail "entities not hand-checked in $list: $(head -20 "$T_TMP/unchecked")"
[ $((st & 2)) = 0 ] && t_ok || t_fail "more than 3% of the entities extracted from the man pages are false"
echo "sfacts-manpages: $(grep -c '	slogan	' "$T_TMP/facts") quoted slogans (not checked)"
t_done
