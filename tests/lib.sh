# tests/lib.sh - helpers for shell test suites. Source it, call t_ok/t_fail
# (or t_check), then t_done, which prints "NAME: N passed, N failed".
t_passed=0
t_failed=0
t_name=${t_name:-suite}
: "${SINO_BUILD:=build}"
case ":$PATH:" in *":$PWD/$SINO_BUILD/bin:"*) ;; *) PATH="$PWD/$SINO_BUILD/bin:$PATH" ;; esac
export PATH
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sino-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT

t_ok() { t_passed=$((t_passed + 1)); }
t_fail() {
    t_failed=$((t_failed + 1))
    printf '%s: FAIL: %s\n' "$t_name" "$*" >&2
}
# t_check DESCRIPTION COMMAND...: passes when COMMAND exits 0.
t_check() {
    desc=$1
    shift
    if "$@"; then t_ok; else t_fail "$desc"; fi
}
t_done() {
    printf '%s: %d passed, %d failed\n' "$t_name" "$t_passed" "$t_failed"
    [ "$t_failed" -eq 0 ]
}
