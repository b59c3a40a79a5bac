#!/bin/sh
# sgrep: hostile input, encodings, recursion and colours (the behaviour that
# GNU grep cannot be compared with; see sgrep-compat.sh for that).
t_name=sgrep
. ./tests/lib.sh
: "${BIGLINE_MB:=200}"
[ "${SAN:-}" = 1 ] && BIGLINE_MB=48
cd "$T_TMP" || exit 2

# One enormous line without a newline: found, in bounded memory.
{ head -c $((BIGLINE_MB * 500000)) /dev/zero | tr '\0' 'x'; printf '发展'
  head -c $((BIGLINE_MB * 500000)) /dev/zero | tr '\0' 'x'; } |
    /usr/bin/time -f '%M' -o rss sgrep -c 發展 > count
[ "$(cat count)" = 1 ] && t_ok || t_fail "big line: count $(cat count)"
limit_kb=100000
[ "${SAN:-}" = 1 ] && limit_kb=400000
[ "$(tail -1 rss)" -le "$limit_kb" ] && t_ok || t_fail "big line used $(tail -1 rss) KB"

# Invalid UTF-8 in a line: as grep, the line is not printed ("binary file
# matches"); with -a it passes through unchanged.
printf 'a\377b 发展\n' > bad.txt
sgrep -a 发展 bad.txt | cmp -s - bad.txt && t_ok || t_fail "invalid UTF-8 line changed"
[ -z "$(sgrep 发展 bad.txt 2> err)" ] && grep -q 'bad.txt: binary file matches' err && t_ok ||
    t_fail "a line with invalid UTF-8 is binary"
sgrep -o 發展 bad.txt | grep -qx 发展 && t_ok || t_fail "-o on a line with invalid UTF-8"
printf 'x\000发展\n' > nul.bin
sgrep 发展 nul.bin > out 2> err; st=$?
[ $st = 0 ] && [ ! -s out ] && grep -q "nul.bin: binary file matches" err && t_ok ||
    t_fail "binary file: status $st"
sgrep -a -c 发展 nul.bin | grep -qx 1 && t_ok || t_fail "-a"
sgrep -I 发展 nul.bin; [ $? = 1 ] && t_ok || t_fail "-I"

# Encodings detected per file; output in UTF-8.
printf '经济发展很快\n' | iconv -t gbk > gbk.txt
printf '經濟發展很快\n' | iconv -t big5 > big5.txt
printf '经济发展\n第二行\n' | iconv -t utf-16le > u16le.txt
printf '\357\273\277经济发展\n' > bom.txt
for f in gbk.txt big5.txt u16le.txt bom.txt; do
    sgrep -o 发展 "$f" > out
    case $f in big5.txt) want=發展 ;; *) want=发展 ;; esac
    [ "$(cat out)" = "$want" ] && t_ok || t_fail "$f: got '$(cat out)'"
done
sgrep -n 第二 u16le.txt | grep -qx '2:第二行' && t_ok || t_fail "UTF-16 line numbers"
sgrep --encoding=gbk -c 发展 gbk.txt | grep -qx 1 && t_ok || t_fail "--encoding"
sgrep --encoding=nonesuch x gbk.txt 2>/dev/null; [ $? = 2 ] && t_ok || t_fail "bad --encoding"

# Recursion: every encoding, binary files reported (in the order the
# directory lists them, as grep: compared sorted).
mkdir -p tree/a tree/b
cp gbk.txt tree/a/1.txt; cp big5.txt tree/b/2.txt; cp nul.bin tree/b/3.bin
sgrep -r 发展 tree > out 2> err
printf 'tree/a/1.txt:经济发展很快\ntree/b/2.txt:經濟發展很快\n' | cmp -s - "$(sort out > out.s; echo out.s)" &&
    t_ok || t_fail "-r output"
grep -q "tree/b/3.bin: binary file matches" err && t_ok || t_fail "-r binary"
(cd tree && sgrep -rl 发展) | sort | tr '\n' ' ' | grep -qx 'a/1.txt b/2.txt b/3.bin ' && t_ok ||
    t_fail "-r without a directory searches ."

# Colours: always, never, NO_COLOR and auto on a pipe.
printf '一發展二\n' > c.txt
esc=$(printf '\033')
sgrep --color=always 发展 c.txt | grep -q "${esc}\[01;31m${esc}\[K發展${esc}\[m" && t_ok || t_fail "--color=always"
sgrep --color=never 发展 c.txt | grep -q "$esc" && t_fail "--color=never" || t_ok
NO_COLOR=1 sgrep --color=auto 发展 c.txt | grep -q "$esc" && t_fail "NO_COLOR" || t_ok
sgrep 发展 c.txt | grep -q "$esc" && t_fail "auto on a pipe" || t_ok

# Matches across a line break: one selected unit; -c counts it once.
printf '走向共同富\n裕的道路\n另一行\n' > wrap.txt
sgrep -c 共同富裕 wrap.txt | grep -qx 1 && t_ok || t_fail "-c across a break"
sgrep --exact -c 共同富裕 wrap.txt | grep -qx 0 && t_ok || t_fail "--exact across a break"
[ "$(sgrep -v 共同富裕 wrap.txt)" = 另一行 ] && t_ok || t_fail "-v across a break"
[ "$(sgrep --sentence 共同富裕 wrap.txt)" = 走向共同富裕的道路 ] && t_ok || t_fail "--sentence across a break"

# JSON lines are valid JSON.
if /usr/bin/python3 -c 'import json' 2>/dev/null; then
    printf '他说："發展"\tok\n' | sgrep --json -n 发展 |
        /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.readline()); assert d["matches"][0]["match"]=="發展" and d["line"]==1' &&
        t_ok || t_fail "--json"
fi

# Exit statuses.
printf 'a\n' | sgrep b; [ $? = 1 ] && t_ok || t_fail "no match is 1"
printf 'a\n' | sgrep -E 'a{2,1}' 2>/dev/null; [ $? = 2 ] && t_ok || t_fail "bad regex is 2"
sgrep 2>/dev/null; [ $? = 2 ] && t_ok || t_fail "no pattern is 2"
SINO_DATA=/nonexistent sgrep a c.txt 2> err; [ $? = 2 ] && grep -q nonexistent err && t_ok ||
    t_fail "missing data is 2 with the path"

# A mapped file cut short while it is searched: an error for that file (or
# the whole count, when the search was faster than the cut), never SIGBUS;
# the next file is still searched.
seq -f '发展经济 第%g行' 1 3000000 > trunc.txt
printf '发展经济\n' > after.txt
sgrep -c -E '发展.{0,20}经济' trunc.txt after.txt > trunc.out 2> trunc.err &
sleep 0.03
: > trunc.txt
wait $!; st=$?
{ [ $st = 2 ] && grep -q 'truncated' trunc.err || [ $st = 0 ]; } && grep -q '^after.txt:1$' trunc.out &&
    t_ok || t_fail "file truncated under the search (status $st: $(cat trunc.err))"
rm -f trunc.txt
t_done
