#!/bin/sh
# Golden tests. Each case is a directory tests/golden/TOOL/CASE/ with
#   cmd     a shell command line (the tools are on PATH; cwd is the case dir)
#   in      standard input (optional; else empty input)
#   out     expected standard output, byte for byte
#   status  expected exit status (optional; default 0)
#   err     a fixed string expected in standard error (optional)
# Arguments select cases: TOOL (all of its cases) or TOOL/CASE, with or
# without a leading "golden/"; none runs every case. make check T=sseg and
# make check T=golden/sseg/trad come here.
t_name=golden
. ./tests/lib.sh
root=$PWD/tests/golden
[ $# -eq 0 ] && set -- '*'

# The case directories the arguments select, one a line.
select_cases() {
    for sel in "$@"; do
        sel=${sel#golden/}
        sel=${sel%/}
        case $sel in
        */*) pattern="$root/$sel/" ;;
        *) pattern="$root/$sel/*/" ;;
        esac
        for dir in $pattern; do
            [ -f "$dir/cmd" ] && printf '%s\n' "$dir"
        done
    done
}

run_case() {
    dir=$1
    case_name=${dir#"$root"/}
    case_name=${case_name%/}
    want_status=0
    [ -f "$dir/status" ] && want_status=$(cat "$dir/status")
    input=/dev/null
    [ -f "$dir/in" ] && input="$dir/in"
    (cd "$dir" && sh ./cmd) < "$input" > "$T_TMP/out" 2> "$T_TMP/err"
    got_status=$?
    if [ "$got_status" != "$want_status" ]; then
        t_fail "$case_name: exit status $got_status, expected $want_status ($(head -c 300 "$T_TMP/err"))"
    elif ! cmp -s "$T_TMP/out" "$dir/out"; then
        t_fail "$case_name: output differs"
        diff "$dir/out" "$T_TMP/out" | head -10 >&2
    elif [ -f "$dir/err" ] && ! grep -qF -- "$(cat "$dir/err")" "$T_TMP/err"; then
        t_fail "$case_name: stderr lacks '$(cat "$dir/err")': $(head -c 300 "$T_TMP/err")"
    else
        t_ok "$case_name"
    fi
}

select_cases "$@" > "$T_TMP/cases"
[ -s "$T_TMP/cases" ] || t_fail "no golden case matches: $*"
while IFS= read -r dir; do
    run_case "$dir" < /dev/null
done < "$T_TMP/cases"
t_done
