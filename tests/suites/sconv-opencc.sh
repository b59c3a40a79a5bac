#!/bin/sh
# sconv on OpenCC's own test cases, read from ../shared/conformance/opencc/
# (never copied here): plain -c equals Debian's opencc on every input, and
# --word-aware never gets a case wrong that plain conversion gets right
# (see sconv-opencc.py); it meets at least JIEBA_MIN of the expectations of
# OpenCC's jieba plugin (the count measured when this was written, so a
# regression fails).
t_name=sconv-opencc
. ./tests/lib.sh
PY=/usr/bin/python3
DIR=../shared/conformance/opencc
JIEBA_MIN=20
if [ ! -f "$DIR/testcases.json" ]; then
    echo "sconv-opencc: skipped ($DIR is absent)"
    t_done
    exit 0
fi
if ! command -v opencc > /dev/null; then
    echo "sconv-opencc: skipped (no opencc to compare with)"
    t_done
    exit 0
fi
$PY tests/suites/sconv-opencc.py "$SINO_BUILD/bin/sconv" "$DIR" --jieba-min $JIEBA_MIN > "$T_TMP/out" 2>&1 &&
    t_ok || t_fail "$(grep FAIL "$T_TMP/out" | head -5)"
grep -v '^FAIL' "$T_TMP/out" | grep 'expectations'
# The comparison can fail: a changed expectation that plain gets right and
# a word-aware one that it no longer meets.
mkdir -p "$T_TMP/bad"
cat > "$T_TMP/bad/testcases.json" <<'JSON'
{"cases": [{"id": "t1", "input": "胚胎发育", "expected": {"s2t": "胚胎髮育"},},]}
JSON
echo '{"cases": []}' > "$T_TMP/bad/jieba_comparison_testcases.json"
$PY tests/suites/sconv-opencc.py "$SINO_BUILD/bin/sconv" "$T_TMP/bad" > "$T_TMP/out2" 2>&1
[ $? -eq 1 ] && grep -q 'FAIL worse t1' "$T_TMP/out2" && t_ok || t_fail "a word-aware regression was not caught"
t_done
