#!/bin/sh
# Runs every test suite: C unit tests, golden cases, shell suites (conformance
# against real peers, hostile input, ...). Each prints "NAME: N passed, N
# failed"; this adds them up and ends with the total line.
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
for t in "$SINO_BUILD"/tests/test_*; do
    [ -x "$t" ] && run_suite "$(basename "$t")" "$t"
done
run_suite golden sh tests/golden/run.sh
for s in tests/suites/*.sh; do
    [ -f "$s" ] && run_suite "$(basename "$s" .sh)" sh "$s"
done
rm -f "$log"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
