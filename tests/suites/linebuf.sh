#!/bin/sh
# --line-buffered: every tool takes it, and with it a line of output reaches
# a reader while the input is still open. The input is a fifo held open
# until the first output line has been read: without the flush that line
# would wait for the end of input, so head gives up after the timeout (a
# guard against hanging, not a timing assertion) and the check fails.
t_name=linebuf
. ./tests/lib.sh
mkfifo "$T_TMP/in" "$T_TMP/out" || { t_fail "mkfifo"; t_done; exit 1; }
line='他们买了3名工人的中文书。'

# first_line LINES TOOL ARGS...: the LINES-th output line written while
# the input is still open.
first_line() {
    nth=$1
    shift
    (timeout 60 "$@" < "$T_TMP/in" > "$T_TMP/out" 2>/dev/null) &
    pid=$!
    exec 3> "$T_TMP/in"
    printf '%s\n' "$line" >&3
    got=$(timeout 20 head -n "$nth" "$T_TMP/out" | tail -n 1)
    exec 3>&-
    wait "$pid"
    printf '%s\n' "$got"
}
# --encoding=utf-8: with detection a tool waits for enough evidence
check_flush() {   # NAME EXPECTED-SUBSTRING LINES TOOL ARGS...
    name=$1 want=$2
    shift 2
    got=$(first_line "$@")
    case $got in *"$want"*) t_ok "$name" ;; *) t_fail "$name: got '$got'" ;; esac
}
check_flush "sseg flushes a line" "中 文书" 1 sseg --line-buffered --encoding=utf-8
check_flush "sconv flushes a line" "中文書" 1 sconv --line-buffered -f utf-8 -c s2t
check_flush "sgrep flushes a line" "$line" 1 sgrep --line-buffered --encoding=utf-8 中文
check_flush "sfacts flushes a record" "3名" 2 sfacts --line-buffered --encoding=utf-8

# sclean holds a window of the document for its document passes (the
# fifo check cannot see its first line early); on an unending input its
# output still comes, line by line, and ends quietly when head has its line
got=$(yes 他们买了中文书。 | sclean --line-buffered 2>"$T_TMP/err" | head -n 1)
case $got in *中文书*) [ ! -s "$T_TMP/err" ] ;; *) false ;; esac &&
    t_ok "sclean --line-buffered on an unending input" ||
    t_fail "sclean --line-buffered: got '$(printf '%s' "$got" | head -c 100)' $(head -c 100 "$T_TMP/err")"
# every tool and the helper accept the option
for t in sconv sclean sseg sfacts sgrep sino-dict; do
    $t --line-buffered --help > "$T_TMP/help" 2>&1 && grep -q -- --line-buffered "$T_TMP/help" &&
        t_ok "$t accepts and lists --line-buffered" ||
        t_fail "$t --line-buffered --help: $(head -c 200 "$T_TMP/help")"
done
t_done
