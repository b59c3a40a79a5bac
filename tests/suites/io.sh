#!/bin/sh
# Shared command conventions and hostile input, for every tool.
t_name=io
. ./tests/lib.sh
TOOLS="sconv sclean sseg sfacts sgrep"
: "${BIGLINE_MB:=500}"
[ "${SAN:-}" = 1 ] && BIGLINE_MB=64

for t in $TOOLS; do
    # sgrep needs a pattern: the empty one selects every line, like cat
    a=
    [ "$t" = sgrep ] && a=--regexp=
    out=$($t --help) && [ -n "$out" ] && t_ok || t_fail "$t --help"
    $t --version | grep -q "^$t (sino) " && t_ok || t_fail "$t --version"
    $t --no-such-option </dev/null >/dev/null 2>"$T_TMP/err"
    [ $? -eq 2 ] && grep -q "Try '$t --help'" "$T_TMP/err" && t_ok || t_fail "$t: bad option"
    $t --color=sometimes </dev/null >/dev/null 2>&1
    got=$?
    # sgrep as GNU grep: a bad --color value prints the help, status 0
    want=2; [ "$t" = sgrep ] && want=0
    [ $got -eq $want ] && t_ok || t_fail "$t: bad --color value"

    # empty input: no output, success
    [ -z "$($t $a </dev/null)" ] && t_ok || t_fail "$t: empty input"

    # sfacts prints facts, not its input: give it a fact, and ask for the
    # sentence around it (--context) where the input must show
    fa= fx=
    [ "$t" = sfacts ] && { fa=--context; fx=3名; }

    # an unreadable file among others: reported, the others still processed
    printf '甲%s\n' "$fx" > "$T_TMP/a.txt"
    printf '乙%s\n' "$fx" > "$T_TMP/b.txt"
    $t $a $fa "$T_TMP/a.txt" "$T_TMP/missing.txt" "$T_TMP/b.txt" >"$T_TMP/out" 2>"$T_TMP/err"
    st=$?
    [ $st -eq 2 ] && grep -q "^$t: $T_TMP/missing.txt: " "$T_TMP/err" &&
        grep -q 甲 "$T_TMP/out" && grep -q 乙 "$T_TMP/out" && t_ok ||
        t_fail "$t: missing file among others (status $st)"
    # a directory is an input error too
    $t $a "$T_TMP" </dev/null >/dev/null 2>"$T_TMP/err"
    [ $? -eq 2 ] && grep -q "Is a directory" "$T_TMP/err" && t_ok || t_fail "$t: directory argument"

    # output to a full disk: exit 2 and a message
    printf '中文%s\n' "$fx" | $t $a $fa >/dev/full 2>"$T_TMP/err"
    [ $? -eq 2 ] && grep -q "^$t: write error: No space left" "$T_TMP/err" && t_ok ||
        t_fail "$t: /dev/full"

    # a closed pipe: quiet, no message
    yes 中文中文中文中文 2>/dev/null | head -c 20000000 | $t $a 2>"$T_TMP/err" | head -1 >/dev/null
    [ ! -s "$T_TMP/err" ] && t_ok || t_fail "$t: closed pipe printed $(head -c 200 "$T_TMP/err")"
done

# Random bytes (a binary file) never crash a tool: the exit status is one of
# the documented ones, never a signal or a sanitizer's.
head -c 300000 /dev/urandom > "$T_TMP/random.bin"
for t in $TOOLS; do
    $t < "$T_TMP/random.bin" > /dev/null 2>"$T_TMP/err"
    st=$?
    [ $st -le 2 ] && t_ok || t_fail "$t: random bytes gave exit status $st: $(head -c 300 "$T_TMP/err")"
done

# The minimal filters (until a tool's own behaviour replaces them) keep
# valid text byte for byte, NULs included.
for t in $TOOLS; do
    printf 'a\000b\n中\n' > "$T_TMP/nul.txt"
    if ! $t --help | grep -q -- '--strict'; then continue; fi
    $t < "$T_TMP/nul.txt" | cmp -s - "$T_TMP/nul.txt" && t_ok || t_fail "$t: NUL bytes"
    # invalid UTF-8: replaced and reported with the offset, or refused with --strict
    printf 'ok\nb\377x\n' | $t >"$T_TMP/out" 2>"$T_TMP/err"
    [ $? -eq 0 ] && grep -q 'b�x' "$T_TMP/out" &&
        grep -q "1 invalid UTF-8 sequence replaced by U+FFFD (first at byte offset 4)" "$T_TMP/err" &&
        t_ok || t_fail "$t: invalid UTF-8 replaced"
    printf 'ok\nb\377x\n' | $t --strict >/dev/null 2>"$T_TMP/err"
    [ $? -eq 2 ] && grep -q "^$t: -: invalid UTF-8 at byte offset 4" "$T_TMP/err" && t_ok ||
        t_fail "$t --strict"
done

# One enormous line with no newline goes through in bounded memory.
for t in $TOOLS; do
    if ! $t --help | grep -q -- '--strict'; then continue; fi
    head -c $((BIGLINE_MB * 1000000)) /dev/zero | tr '\0' 'x' |
        /usr/bin/time -f '%M' -o "$T_TMP/rss" $t | wc -c > "$T_TMP/count"
    rss_kb=$(tail -1 "$T_TMP/rss")
    [ "$(cat "$T_TMP/count")" -eq $((BIGLINE_MB * 1000000)) ] && t_ok ||
        t_fail "$t: big line lost bytes"
    limit_kb=100000
    [ "${SAN:-}" = 1 ] && limit_kb=400000
    [ "$rss_kb" -le "$limit_kb" ] && t_ok || t_fail "$t: ${BIGLINE_MB} MB line used $rss_kb KB"
done

# Dictionaries: a missing or corrupt one is a clear error naming the file.
d="$T_TMP/d.sdict"
printf '中国\t1\tns\n' | sino-dict compile -n -k test -o "$d" && t_ok || t_fail "compile"
sino-dict get "$d" 中国 | grep -q "^中国	1	ns$" && t_ok || t_fail "get"
head -c 100 "$d" > "$T_TMP/trunc.sdict"
sino-dict info "$T_TMP/trunc.sdict" >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q "^sino-dict: $T_TMP/trunc.sdict: truncated" "$T_TMP/err" && t_ok ||
    t_fail "truncated dictionary"
sino-dict info "$T_TMP/none.sdict" >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q "none.sdict: cannot open dictionary: No such file" "$T_TMP/err" && t_ok ||
    t_fail "missing dictionary"
sino-dict verify "$SINO_DATA"/*.sdict >/dev/null && t_ok || t_fail "built dictionaries verify"
# -x: hexadecimal payloads stored as the bytes they spell; bad hex is an error
printf 'k\t0\t414243\n' | sino-dict compile -n -x -k test -o "$d" && sino-dict get "$d" k |
    grep -q "^k	0	ABC$" && t_ok || t_fail "compile -x"
printf 'k\t0\t4g\n' | sino-dict compile -n -x -k test -o "$d" 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q "line 1: bad hexadecimal payload" "$T_TMP/err" && t_ok || t_fail "compile -x, bad hex"
# a table of the right kind but the wrong content (sclean's character model
# without its bitmap of common characters, as an older build wrote it)
mkdir -p "$T_TMP/data"
for f in "$SINO_DATA"/*; do ln -s "$f" "$T_TMP/data/"; done
rm "$T_TMP/data/sclean-charlm.sdict"
printf '=total\t5\n甲\t5\n' | sino-dict compile -n -k sclean-charlm -o "$T_TMP/data/sclean-charlm.sdict"
echo 甲 | SINO_DATA="$T_TMP/data" sclean >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q "sclean-charlm.sdict: .*=common.*rebuild it" "$T_TMP/err" && t_ok ||
    t_fail "sclean: character model without its common-character bitmap"
t_done
