#!/bin/sh
# Runs the test suites: C unit tests, golden cases, shell suites (conformance
# against real peers, hostile input, ...). Each prints "NAME: N passed, N
# failed"; this adds them up and ends with the total line.
#
# Arguments (make check T="..."), none meaning everything:
#   TOOL               that tool's unit tests, golden cases and suites
#                      (tests/suites/TOOL.sh and TOOL-*.sh)
#   golden             every golden case
#   golden/TOOL[/CASE] that tool's golden cases, or one case
#   unit               every unit test; test_NAME one of them
#   NAME               the suite tests/suites/NAME.sh (docs, io, ...)
: "${SINO_BUILD:=build}"
export SINO_BUILD
total_pass=0
total_fail=0
log=$(mktemp)
run_suite() {
    name=$1
    shift
    "$@" > "$log" 2>&1
    status=$?
    cat "$log"
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    p=$(printf '%s\n' "$line" | sed -n 's/.*[^0-9]\([0-9][0-9]*\) passed.*/\1/p; s/^\([0-9][0-9]*\) passed.*/\1/p' | head -1)
    f=$(printf '%s\n' "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
    if [ -z "$line" ]; then
        echo "$name: no summary line (exit status $status): counted as 1 failure"
        p=0
        f=1
    elif [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
        echo "$name: exit status $status: counted as 1 failure"
        f=1
    fi
    total_pass=$((total_pass + ${p:-0}))
    total_fail=$((total_fail + ${f:-0}))
}
run_unit() {   # test_NAME
    t=$SINO_BUILD/tests/$1
    if [ -x "$t" ]; then run_suite "$1" "$t"; else
        echo "$1: not built: counted as 1 failure"
        total_fail=$((total_fail + 1))
    fi
}
run_shell_suite() {   # tests/suites/NAME.sh
    run_suite "$(basename "$1" .sh)" sh "$1"
}
# The unit tests of a tool's library module.
tool_units() {
    case $1 in
    sconv) echo test_conv ;;
    sclean) echo test_clean ;;
    sseg) echo test_seg ;;
    sfacts) echo test_facts ;;
    sgrep) echo test_match test_re_grep ;;
    sino-dict) echo test_dict ;;
    esac
}
# Run what one argument selects; returns 1 when it selects nothing.
run_selected() {
    sel=$1
    found=0
    case $sel in
    golden)
        run_suite golden sh tests/golden/run.sh
        return 0 ;;
    golden/*)
        run_suite "$sel" sh tests/golden/run.sh "$sel"
        return 0 ;;
    unit)
        for t in "$SINO_BUILD"/tests/test_*; do
            [ -x "$t" ] && run_suite "$(basename "$t")" "$t"
        done
        return 0 ;;
    test_*)
        run_unit "$sel"
        return 0 ;;
    esac
    for u in $(tool_units "$sel"); do
        run_unit "$u"
        found=1
    done
    if [ -d "tests/golden/$sel" ]; then
        run_suite "golden/$sel" sh tests/golden/run.sh "$sel"
        found=1
    fi
    for s in "tests/suites/$sel.sh" "tests/suites/$sel"-*.sh; do
        [ -f "$s" ] || continue
        run_shell_suite "$s"
        found=1
    done
    [ "$found" = 1 ]
}

if [ $# -eq 0 ]; then
    run_selected unit
    run_selected golden
    for s in tests/suites/*.sh; do
        [ -f "$s" ] && run_shell_suite "$s"
    done
else
    for sel in "$@"; do
        run_selected "$sel" || {
            echo "$sel: no test suite, golden case or unit test of that name: counted as 1 failure"
            total_fail=$((total_fail + 1))
        }
    done
fi
rm -f "$log"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
