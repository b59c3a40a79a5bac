#!/bin/sh
# Every tool on one line of ordinary Chinese text hundreds of megabytes long
# with no newline (issue 8: 300 MB, peak RSS <= 100 MB), each with its default
# options: nothing lost, memory bounded. io.sh does the same with a line of
# 'x' for the byte-transparent tools; this one makes each tool do its real
# work (segment, extract, clean) across the reader's chunk boundaries.
t_name=bigline
. ./tests/lib.sh
: "${BIGLINE_MB:=300}"
limit_kb=100000
if [ "${SAN:-}" = 1 ]; then BIGLINE_MB=32; limit_kb=400000; fi

sentence='2023年5月，杭州市投资18.8万元建设新的文化中心。'
reps=$((BIGLINE_MB * 1000000 / $(printf '%s' "$sentence" | wc -c)))
awk -v s="$sentence" -v n=$reps 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }' > "$T_TMP/big"

# run_big TOOL ARGS...: run on the big line, output to $T_TMP/out; checks
# the exit status and the peak RSS.
run_big() {
    tool=$1
    /usr/bin/time -f '%M' -o "$T_TMP/rss" "$@" < "$T_TMP/big" > "$T_TMP/out" 2> "$T_TMP/err"
    st=$?
    rss_kb=$(tail -1 "$T_TMP/rss")
    [ $st -eq 0 ] && t_ok || t_fail "$tool: exit status $st: $(head -c 300 "$T_TMP/err")"
    [ "$rss_kb" -le "$limit_kb" ] && t_ok || t_fail "$tool: ${BIGLINE_MB} MB line used $rss_kb KB"
}

run_big sconv
cmp -s "$T_TMP/out" "$T_TMP/big" && t_ok || t_fail "sconv changed the line"

run_big sconv -c s2t
[ "$(wc -c < "$T_TMP/out")" -eq "$(wc -c < "$T_TMP/big")" ] &&
    [ "$(head -c 66 "$T_TMP/out")" = "2023年5月，杭州市投資18.8萬元建設新的文化中心。" ] &&
    t_ok || t_fail "sconv -c s2t: $(head -c 66 "$T_TMP/out")"

# sclean: the text is clean, so it comes out unchanged with a final newline
run_big sclean
printf '\n' | cat "$T_TMP/big" - | cmp -s - "$T_TMP/out" && t_ok || t_fail "sclean changed the line"

# sseg: the tokens put back together are the line (it has no spaces)
run_big sseg
tr -d ' \n' < "$T_TMP/out" | cmp -s - "$T_TMP/big" && t_ok || t_fail "sseg lost or added text"
[ "$(wc -l < "$T_TMP/out")" -eq 1 ] && t_ok || t_fail "sseg: more than one output line"

# sfacts: every sentence's amount of money is found, none twice
run_big sfacts
n=$(grep -c '18.8万元' "$T_TMP/out")
[ "$n" -eq $reps ] && t_ok || t_fail "sfacts found $n amounts of money in $reps sentences"

run_big sgrep -c 投資
[ "$(cat "$T_TMP/out")" = 1 ] && t_ok || t_fail "sgrep -c: $(cat "$T_TMP/out")"
t_done
