#!/bin/sh
# sgrep against GNU grep 3.8 over generated option combinations (see
# sgrep-diff.py): the same arguments, inputs and locale; stdout, whether
# anything is on stderr, and the exit status must agree. Divergences are
# reported by category; SGREP_DIFF_FAIL picks the failing categories
# ("all", every unexplained one, by default; "cli" for the
# command line's alone).
t_name=sgrep-diff
. ./tests/lib.sh
GREP=/usr/bin/grep
if [ ! -x "$GREP" ] || ! "$GREP" --version 2>/dev/null | head -1 | "$GREP" -q 'GNU grep'; then
    echo "$t_name: GNU grep not found, skipped"
    t_done
    exit $?
fi
if [ ! -x /usr/bin/python3 ]; then
    echo "$t_name: /usr/bin/python3 not found, skipped"
    t_done
    exit $?
fi
/usr/bin/python3 tests/suites/sgrep-diff.py "$GREP" "$PWD/$SINO_BUILD/bin/sgrep" \
    "$T_TMP/work" "$PWD/man/sgrep.1"
