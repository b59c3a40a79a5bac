#!/bin/sh
# input.sh - the shared decoding reader as every tool sees it: detection
# after an ASCII head and through a pipe in small pieces, BOM dropped,
# warnings once, offsets into the input bytes, input file that is the output.
t_name=input
. tests/lib.sh
cd "$T_TMP" || exit 2
u2g() { iconv -f utf-8 -t gbk; }
# 70 KB of ASCII, then a GBK line: every tool decodes it
{ head -c 70000 /dev/zero | tr '\0' a | fold -w 70; printf '发展经济，中国人民\n' | u2g; } > ag
t_check "sgrep finds GBK after a 70 KB ASCII head" [ "$(sgrep -c 发展 ag)" = 1 ]
t_check "sconv --detect says gbk after the ASCII head" [ "$(sconv --detect ag)" = "ag: gbk" ]
t_check "sseg decodes GBK" sh -c 'sseg ag | tail -1 | grep -q "发展 经济"'
t_check "sclean decodes GBK" sh -c 'sclean ag | tail -1 | grep -q "发展经济"'
t_check "--encoding=gbk names it" sh -c 'printf "发展\n" | iconv -t gbk | sseg --encoding=gbk | grep -qx 发展'
# GBK through a pipe three bytes at a time
printf '国务院今天在北京主持会议，发展经济。\n' | u2g > g1
for i in 1 2 3 4 5 6; do cat g1; done > g6
/usr/bin/python3 -c '
import sys, time
d = open("g6", "rb").read()
for i in range(0, len(d), 3):
    sys.stdout.buffer.write(d[i:i + 3]); sys.stdout.flush(); time.sleep(0.0005)
' | sseg > pipe.out
t_check "GBK in small pieces through a pipe" sh -c 'iconv -f gbk g6 | sseg | cmp -s - pipe.out'
# a UTF-8 byte order mark is dropped
printf '我们\n' > nobom
t_check "sseg output without BOM" sh -c "printf '\357\273\277我们\n' | sseg | cmp -s - nobom"
t_check "sgrep output without BOM" sh -c "printf '\357\273\277我们\n' | sgrep 我 | cmp -s - nobom"
# invalid bytes: one warning, with the file and the first offset
printf 'ab\377\n' > bad
for t in sclean sseg sconv; do
    $t bad > /dev/null 2> err
    printf '%s: bad: 1 invalid UTF-8 sequence replaced by U+FFFD (first at byte offset 2)\n' $t > want
    t_check "$t warns once, exactly" cmp -s err want
done
# offsets point into the input bytes
printf '发展\377\376好，投资\n发展\n' | sseg --offsets 2>/dev/null > off
printf '0\t6\t发展\n6\t7\t\357\277\275\n7\t8\t\357\277\275\n8\t11\t好\n11\t14\t，\n14\t20\t投资\n21\t27\t发展\n' > off.want
t_check "sseg --offsets after invalid bytes" cmp -s off off.want
printf '投资5亿元\n' | u2g > money.gbk
t_check "sfacts offsets in GBK input" sh -c 'sfacts money.gbk | grep -q "^money.gbk	4	9	money"'
# the input file is also the output: refused, exit 2, nothing appended
for t in sconv sclean sseg sfacts "sgrep 投"; do
    printf '投资\n' > f
    timeout 10 $t f >> f 2> err
    st=$?
    t_check "$t refuses f >> f (exit 2)" [ "$st" = 2 ]
    t_check "$t: nothing appended to f" [ "$(wc -c < f)" = 7 ]
    t_check "$t says so" grep -q 'input file is also the output' err
done
printf '投资\n' > f
printf 'x\n' > other
sseg other f >> f 2>/dev/null
t_check "other inputs still processed" grep -qx x f
printf '投资\n' > f
sclean --report=f f > /dev/null 2> err
t_check "sclean --report=F refuses an input" [ $? = 2 ]
t_check "sclean --report=F leaves the input alone" [ "$(cat f)" = 投资 ]
# valid UTF-8 of other scripts is UTF-8, however short (a Latin letter
# must not read better as a rare EUC-KR syllable or a Big5 character)
for w in 'é' 'café au lait' 'naïve Müller' 'Ωμέγα' 'Привет мир' 'Ça va? Très bien.'; do
    printf '%s\n' "$w" > eu.txt
    t_check "'$w' detected as utf-8" sh -c 'sconv --detect eu.txt | grep -qx "eu.txt: utf-8"'
    t_check "sgrep finds '$w' in itself" sh -c "sgrep -c -F '$w' eu.txt | grep -qx 1"
    t_check "sclean keeps '$w'" sh -c "sclean eu.txt | grep -qxF '$w'"
done
# an escape that starts no ISO-2022 sequence is seven-bit text: read, not a
# detection loop (a fuzz_reader hang); GBK after it is still detected
printf ' \033$eun\n' > esc.txt
timeout 10 sconv esc.txt > esc.out
t_check "ESC \$ that is no ISO-2022: sconv ends, exit 0" [ $? = 0 ]
t_check "ESC \$ line passes through" cmp -s esc.txt esc.out
printf ' \033$eun\n投资发展经济\n' | u2g > esc2.txt
t_check "GBK after a stray ESC \$ is detected" sh -c 'timeout 10 sconv esc2.txt | grep -q 投资发展'
# a run of repetition operators is one operator (the C library's regex
# compiler exhausts memory on a hundred of them, GNU grep's too)
plus=$(printf '%0100d' 0 | tr 0 +)
printf 'aaa\nb\n' > rep.txt
t_check "sgrep -E 'a+++…' (100 +) finds the line" sh -c "timeout 20 sgrep -c -E 'a$plus' rep.txt | grep -qx 1"
t_check "sgrep -E '^a+?$' (that is a*) matches aaa, not b" sh -c "sgrep -c -E '^a+?\$' rep.txt | grep -qx 1"
t_check "sgrep -G 'a\\+\\+' finds the line" sh -c "sgrep -c 'a\\+\\+' rep.txt | grep -qx 1"
# a dozen bytes of ASCII and invalid bytes pair up into a few Han
# characters: that is no evidence of BOM-less UTF-16 (grep: binary file)
printf 'a.b\377\naxb\377\n' > short.bin
t_check "12 bytes with 0xFF and newlines are not UTF-16" sh -c "sconv --detect short.bin | grep -qv utf-16"
t_check "sgrep on them says what grep says" sh -c "sgrep a short.bin 2>&1 | grep -q 'binary file matches'"
t_done
