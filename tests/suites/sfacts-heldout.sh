#!/bin/sh
# sfacts on the held-out sentences (tests/suites/sfacts-heldout.tsv, written
# with their expected values before sfacts ran on them; never tuned on). No
# wrong value is allowed; recall and precision must stay at the measured level.
t_name=sfacts-heldout
. ./tests/lib.sh
PY=/usr/bin/python3
$PY tests/suites/sfacts-heldout.py tests/suites/sfacts-heldout.tsv "$SINO_BUILD/bin/sfacts" > "$T_TMP/out"
cat "$T_TMP/out"
grep -q "WRONG 0," "$T_TMP/out" && t_ok || t_fail "wrong values on the held-out set"
awk '{for (i = 1; i <= NF; i++) { if ($i == "recall") r = $(i + 1); if ($i == "precision") p = $(i + 1) }}
     END { exit !(r + 0 >= 0.95 && p + 0 >= 0.95) }' "$T_TMP/out" && t_ok ||
    t_fail "recall or precision below 0.95"
t_done
