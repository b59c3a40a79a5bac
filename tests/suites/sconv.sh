#!/bin/sh
# sconv conformance: byte-identical to Debian's opencc (1.1.6) for all 14
# configurations on real text (the bundled samples, slices of the bench
# corpus when built, mixed-script text), a long line cut into chunks, and
# encodings: round trips, invalid and unmappable bytes, --strict.
t_name=sconv
. ./tests/lib.sh
CONFIGS="s2t t2s s2tw tw2s s2twp tw2sp s2hk hk2s t2tw tw2t t2hk hk2t t2jp jp2t"
texts=
for f in tests/data/samples/*.txt; do texts="$texts $f"; done
B=${BENCH_DIR:-build/bench}
for v in hans hant; do
    if [ -s "$B/zh-$v.txt" ]; then
        # a slice from the middle, whole lines, under opencc's 1 MiB chunk
        tail -c +5000000 "$B/zh-$v.txt" | head -c 900000 | sed '1d;$d' > "$T_TMP/corpus-$v.txt"
        texts="$texts $T_TMP/corpus-$v.txt"
    fi
done
cat > "$T_TMP/mixed.txt" <<'TXT'
日本語の文章と中文混合：東京都の桜が咲いた。漢字、ひらがな、カタカナ。
한국어 문장과 中文：서울特别市的天气很好。
English text with 中文 inside, numbers 1234.5678, e-mail a@b.cn, URL https://例子.中国/路径?参数=值
香港特別行政區的居民说粤语，澳門也一樣。臺灣的台北市與台灣大學。
emoji 😀 和符号 ①②③ ™ © ® — “引号” ‘单引号’ 《书名》 〈篇名〉 【括号】
全角ＡＢＣ１２３！？ and 半角 abc!? 以及 ｶﾀｶﾅ 半角片假名
繁體中文與简体中文混合在一起：頭髮和头发，乾燥和干燥，後面和后面。
计算机软件的内存和硬盘，網路與網絡，程式與程序，滑鼠与鼠标。
罕用字：䶮、㐀、𠀋、𪚥、𡃁；组合字符：é、ñ、a\u0301。
TXT
texts="$texts $T_TMP/mixed.txt"
for c in $CONFIGS; do
    for f in $texts; do
        opencc -c "$c.json" < "$f" > "$T_TMP/want" 2>/dev/null
        sconv -f utf-8 -c "$c" < "$f" > "$T_TMP/got" 2>"$T_TMP/err"
        cmp -s "$T_TMP/want" "$T_TMP/got" && t_ok || t_fail "-c $c differs from opencc on $f"
    done
done
# .json suffix and an unknown configuration
printf '头发\n' | sconv -c s2t.json | grep -qx '頭髮' && t_ok || t_fail "-c s2t.json"
printf 'x\n' | sconv -c nope 2>"$T_TMP/err" >/dev/null
[ $? -eq 2 ] && grep -q "unknown configuration 'nope'" "$T_TMP/err" && t_ok || t_fail "unknown config"

# One line of 6 MB without a newline (the reader hands it out in chunks):
# the result equals opencc's on the same text with a newline after every
# full-width comma and full stop (cut points no phrase spans), newlines
# then removed. Also checks bounded memory.
if [ -s "$T_TMP/corpus-hans.txt" ]; then src="$T_TMP/corpus-hans.txt"; else src=tests/data/samples/000_00bebd0b521cd893.txt; fi
: > "$T_TMP/big"
while [ "$(wc -c < "$T_TMP/big")" -lt 6000000 ]; do tr -d '\n' < "$src" >> "$T_TMP/big"; done
for c in s2t s2twp; do
    /usr/bin/time -f '%M' -o "$T_TMP/rss" sconv -f utf-8 -c $c < "$T_TMP/big" > "$T_TMP/got"
    sed 's/，/，\n/g; s/。/。\n/g' "$T_TMP/big" | split -l 20000 --filter="opencc -c $c.json" - | tr -d '\n' > "$T_TMP/want"
    cmp -s "$T_TMP/want" "$T_TMP/got" && t_ok || t_fail "6 MB line with -c $c differs"
    rss=$(cat "$T_TMP/rss")
    [ "$rss" -lt 100000 ] && t_ok || t_fail "6 MB line with -c $c: RSS $rss KB"
done

# A long line in which no character allows a safe cut (every character
# occurs in some key): the stream converts only what its lookahead has
# decided, so 头发 never splits into 頭發 at a buffer boundary.
for c in s2t s2twp; do
    unit=$(echo 头发中文简体转换测试 | opencc -c $c.json)
    yes 头发中文简体转换测试 | head -n 250000 | tr -d '\n' | sconv -c $c > "$T_TMP/got"
    yes "$unit" | head -n 250000 | tr -d '\n' | cmp -s - "$T_TMP/got" && t_ok ||
        t_fail "7.5 MB line without a safe cut point, -c $c"
done

# Encodings: round trips through every output encoding and back.
f=tests/data/samples/000_00bebd0b521cd893.txt
sconv -c t2s "$f" > "$T_TMP/hans"
for e in gb18030 gbk utf-16le utf-16be utf-8; do
    sconv -t $e "$T_TMP/hans" > "$T_TMP/enc" 2>"$T_TMP/err" || t_fail "-t $e failed"
    sconv -f $e "$T_TMP/enc" | cmp -s - "$T_TMP/hans" && t_ok || t_fail "round trip through $e"
    sconv "$T_TMP/enc" | cmp -s - "$T_TMP/hans" && t_ok || t_fail "round trip through $e (detected)"
    iconv -f utf-8 -t $e "$T_TMP/hans" | cmp -s - "$T_TMP/enc" && t_ok || t_fail "-t $e differs from iconv"
done
sconv -c s2t "$T_TMP/hans" | sed 's/爲/為/g; s/裏/裡/g; s/啓/啟/g; s/着/著/g; s/羣/群/g; s/僞/偽/g; s/衆/眾/g' > "$T_TMP/hant"
iconv -f utf-8 -t big5 "$T_TMP/hant" > "$T_TMP/big5" 2>/dev/null && {
    sconv "$T_TMP/big5" | cmp -s - "$T_TMP/hant" && t_ok || t_fail "Big5 detected and decoded"
    sconv --detect "$T_TMP/big5" | grep -q ': big5$' && t_ok || t_fail "--detect big5"
}
# BOMs are recognised and dropped
printf '\357\273\277中文\n' | sconv | grep -qx '中文' && t_ok || t_fail "UTF-8 BOM"
printf '\377\376-N\207e\n\000' | sconv | grep -qx '中文' && t_ok || t_fail "UTF-16LE BOM"
printf '\376\377N-e\207\000\n' | sconv | grep -qx '中文' && t_ok || t_fail "UTF-16BE BOM"
# --detect output form, -v confidence, stdin as -
printf '中文' | iconv -t gb18030 | sconv --detect | grep -qx -- '-: gbk' && t_ok || t_fail "--detect stdin"
printf '中文' | iconv -t gb18030 | sconv --detect -v | grep -q -- '^-: gbk (confidence [01]\.[0-9]*)$' && t_ok || t_fail "--detect -v"
printf '😀中文' | iconv -t gb18030 > "$T_TMP/gb4"
sconv --detect "$T_TMP/gb4" | grep -qx "$T_TMP/gb4: gb18030" && t_ok || t_fail "--detect gb18030 4-byte"
printf 'hello\n' | sconv --detect | grep -qx -- '-: ascii' && t_ok || t_fail "--detect ascii"
# a long ASCII start (past the detection window), then GBK
{ i=0; while [ $i -lt 300 ]; do echo "ascii header line $i"; i=$((i + 1)); done
  printf '中文的句子，这是一个测试。\n' | iconv -t gb18030; } > "$T_TMP/late"
sconv "$T_TMP/late" | tail -1 | grep -qx '中文的句子，这是一个测试。' && t_ok || t_fail "GBK after a long ASCII start"
sconv --detect "$T_TMP/late" | grep -q ': gbk$' && t_ok || t_fail "--detect GBK after a long ASCII start"

# Invalid input bytes: U+FFFD and a warning with the offset, or --strict.
printf '中文\201\n' | iconv -f utf-8 -t gb18030 2>/dev/null > /dev/null
printf '\326\320\316\304\377\326\320\n' > "$T_TMP/badgb"    # 中文 0xFF 中
sconv -f gbk "$T_TMP/badgb" > "$T_TMP/out" 2>"$T_TMP/err"
[ $? -eq 0 ] && grep -qx '中文�中' "$T_TMP/out" &&
    grep -q "1 invalid gbk sequence replaced by U+FFFD (first at byte offset 4)" "$T_TMP/err" &&
    t_ok || t_fail "invalid GBK replaced"
sconv --strict -f gbk "$T_TMP/badgb" > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q "^sconv: $T_TMP/badgb: invalid gbk at byte offset 4" "$T_TMP/err" && t_ok ||
    t_fail "--strict on invalid GBK"
printf 'ok\nb\377x\n' | sconv -c s2t > "$T_TMP/out" 2>"$T_TMP/err"
[ $? -eq 0 ] && grep -q 'b�x' "$T_TMP/out" &&
    grep -q "1 invalid UTF-8 sequence replaced by U+FFFD (first at byte offset 4)" "$T_TMP/err" &&
    t_ok || t_fail "invalid UTF-8 with -c"
printf 'ok\nb\377x\n' | sconv --strict -f utf-8 -c s2t >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q "^sconv: -: invalid UTF-8 at byte offset 4" "$T_TMP/err" && t_ok || t_fail "--strict UTF-8 with -c"
# a truncated final character
printf '\326\320\316' | sconv -f gb18030 > "$T_TMP/out" 2>"$T_TMP/err"
grep -q '中�' "$T_TMP/out" && grep -q "first at byte offset 2" "$T_TMP/err" && t_ok || t_fail "truncated GB18030"
# a truncated final UTF-8 character after whole lines (alone, and after more
# than one read block): U+FFFD at the end, with or without -c; --strict stops
for opt in "" "-c s2t" "--nfc"; do
    { printf 'ab\n'; [ -z "$opt" ] || yes '头发的句子，测试。' | head -n 8000; printf '中\344\270'; } > "$T_TMP/trunc"
    sconv -f utf-8 $opt "$T_TMP/trunc" > "$T_TMP/out" 2>"$T_TMP/err"
    [ $? -eq 0 ] && [ "$(tail -c 6 "$T_TMP/out")" = '中�' ] &&
        grep -q "1 invalid UTF-8 sequence replaced by U+FFFD" "$T_TMP/err" &&
        t_ok || t_fail "truncated final UTF-8 character ($opt)"
done
printf 'ab\n中\344\270' | sconv --strict -f utf-8 > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q "^sconv: -: invalid UTF-8 at byte offset 6" "$T_TMP/err" && t_ok ||
    t_fail "--strict on a truncated final UTF-8 character"
# unmappable on output: '?' and a warning, or --strict
printf '头发\n' | sconv -t big5 > "$T_TMP/out" 2>"$T_TMP/err"
[ $? -eq 0 ] && grep -q "replaced by '?'" "$T_TMP/err" && t_ok || t_fail "unmappable to Big5"
printf '头发\n' | sconv --strict -t big5 > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q "cannot be encoded" "$T_TMP/err" && t_ok || t_fail "--strict unmappable"
printf 'x\n' | sconv -f nosuch 2>"$T_TMP/err" >/dev/null
[ $? -eq 2 ] && grep -q "Try 'sconv --help'" "$T_TMP/err" && t_ok || t_fail "unknown encoding"
# a 500 MB-style hostile input in small: NUL bytes pass through UTF-8 input
printf 'a\000b\n中\n' > "$T_TMP/nul"
sconv -f utf-8 -c s2t < "$T_TMP/nul" | cmp -s - "$T_TMP/nul" && t_ok || t_fail "NUL bytes with -c"
t_done
