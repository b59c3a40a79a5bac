#!/bin/sh
# sfacts on the peers' own test cases (cn2an, JioNLP, Duckling), read from
# ../shared/conformance/facts/ (never copied here). How each case is put to
# sfacts and compared is written down in sfacts-conformance.py and README.md.
# The limits file holds, per source and category, the minimum accuracy and
# the maximum number of WRONG values (set from the last measured run, so a
# regression fails); a category missing from the run fails too.
t_name=sfacts-conformance
. ./tests/lib.sh
PY=/usr/bin/python3
CASES=../shared/conformance/facts/external.jsonl
if [ ! -f "$CASES" ]; then
    echo "sfacts-conformance: skipped ($CASES is absent)"
    t_done
    exit 0
fi
$PY tests/suites/sfacts-conformance.py --limits tests/facts/conformance-limits.tsv \
    "$CASES" "$SINO_BUILD/bin/sfacts" > "$T_TMP/out" && t_ok ||
    t_fail "below the limits: $(grep FAIL "$T_TMP/out")"
tail -1 "$T_TMP/out"
# The comparison can fail: a case with a changed expectation is WRONG.
head -1 "$CASES" | sed 's/"expected": 0,/"expected": 7,/' > "$T_TMP/bad.jsonl"
$PY tests/suites/sfacts-conformance.py "$T_TMP/bad.jsonl" "$SINO_BUILD/bin/sfacts" | grep -q "WRONG 1," &&
    t_ok || t_fail "a changed expectation was not counted WRONG"
t_done
