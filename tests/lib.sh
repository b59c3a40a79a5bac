# tests/lib.sh - helpers for shell test suites. Source it, call t_ok/t_fail
# (or t_check), then t_done, which prints "NAME: N passed, N failed".
#
# Every check is numbered; t_ok NAME and t_fail NAME name it. A failure
# always prints "SUITE: FAIL #N: NAME" on stderr; with T_VERBOSE=1 (make
# check V=1) a pass prints "SUITE: ok #N: NAME" too (a pass without a name
# prints only its number). T_ONLY=PATTERN (a shell pattern) lets suites skip
# what does not match: see t_want.
t_passed=0
t_failed=0
t_count=0
t_name=${t_name:-suite}
: "${SINO_BUILD:=build}"
: "${T_VERBOSE:=0}"
case ":$PATH:" in *":$PWD/$SINO_BUILD/bin:"*) ;; *) PATH="$PWD/$SINO_BUILD/bin:$PATH" ;; esac
export PATH
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sino-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT

# t_ok [NAME]: one check passed.
t_ok() {
    t_count=$((t_count + 1))
    t_passed=$((t_passed + 1))
    [ "$T_VERBOSE" = 1 ] && printf '%s: ok #%d%s\n' "$t_name" "$t_count" "${1:+: $*}"
    return 0
}
# t_fail NAME...: one check failed; NAME says which and why.
t_fail() {
    t_count=$((t_count + 1))
    t_failed=$((t_failed + 1))
    printf '%s: FAIL #%d: %s\n' "$t_name" "$t_count" "$*" >&2
}
# t_check NAME COMMAND...: passes when COMMAND exits 0.
t_check() {
    desc=$1
    shift
    if "$@"; then t_ok "$desc"; else t_fail "$desc"; fi
}
# t_want NAME: whether a check or case named NAME is selected by T_ONLY
# (all are when T_ONLY is empty).
t_want() {
    [ -z "${T_ONLY:-}" ] && return 0
    # shellcheck disable=SC2254
    case $1 in $T_ONLY) return 0 ;; esac
    return 1
}
t_done() {
    printf '%s: %d passed, %d failed\n' "$t_name" "$t_passed" "$t_failed"
    [ "$t_failed" -eq 0 ]
}
