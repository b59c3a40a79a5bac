#!/bin/sh
# sconv --ambiguities: the JSON Lines record stream (def, lit, amb, end).
# The text of the lit and amb records, concatenated, is the plain
# conversion, byte for byte, for every configuration (plain and
# --word-aware); every amb names a source defined before it; the end record
# counts what came before and is written only when all input was read.
t_name=sconv-ambiguities
. ./tests/lib.sh
PY=/usr/bin/python3
cat > "$T_TMP/check.py" <<'PYEOF'
import json, sys
text, defs, n_amb, end = [], set(), 0, None
for line in sys.stdin:
    r = json.loads(line)
    assert end is None, "a record after end"
    if r["type"] == "def":
        assert r["id"] == len(defs) and isinstance(r["s"], str), r
        defs.add(r["id"])
    elif r["type"] == "lit":
        text.append(r["t"])
    elif r["type"] == "amb":
        assert r["s"] in defs, r
        text.append(r["t"])
        n_amb += 1
    elif r["type"] == "end":
        end = r
    else:
        raise AssertionError(r)
t = "".join(text)
if "--no-end" in sys.argv:
    assert end is None, "an end record though input failed"
else:
    assert end == {"type": "end", "output_bytes": len(t.encode()), "ambiguities": n_amb,
                   "sources": len(defs)}, (end, len(t.encode()), n_amb, len(defs))
sys.stdout.write(t)
PYEOF
check() { $PY "$T_TMP/check.py" "$@"; }
CONFIGS="s2t t2s s2tw tw2s s2twp tw2sp s2hk hk2s t2tw tw2t t2hk hk2t t2jp jp2t"
for c in $CONFIGS; do
    for f in tests/data/samples/*.txt; do
        sconv -c $c "$f" > "$T_TMP/plain"
        sconv -c $c --ambiguities "$f" | check > "$T_TMP/got" &&
            cmp -s "$T_TMP/plain" "$T_TMP/got" && t_ok || t_fail "-c $c --ambiguities on $f"
    done
done
for c in s2t s2twp tw2sp hk2s; do
    for f in tests/data/samples/*.txt; do
        sconv -c $c --word-aware "$f" > "$T_TMP/plain"
        sconv -c $c --word-aware --ambiguities "$f" | check > "$T_TMP/got" &&
            cmp -s "$T_TMP/plain" "$T_TMP/got" && t_ok || t_fail "-c $c --word-aware --ambiguities on $f"
    done
done
# One-to-many characters: every candidate, the first one in the text.
printf '干\n' | sconv -c s2t --ambiguities > "$T_TMP/out"
grep -qx '{"type":"def","id":0,"s":"干","c":\["幹","乾","干"\]}' "$T_TMP/out" &&
    grep -qx '{"type":"amb","t":"幹","s":0}' "$T_TMP/out" &&
    grep -qx '{"type":"end","output_bytes":4,"ambiguities":1,"sources":1}' "$T_TMP/out" &&
    t_ok || t_fail "干 in s2t: $(cat "$T_TMP/out")"
# A phrase decides: 头发 is one entry, with one value.
printf '头发\n' | sconv -c s2t --ambiguities | grep -q '"type":"amb"' && t_fail "头发 marked" || t_ok
# The same source twice: one def.
printf '干 干\n' | sconv -c s2t --ambiguities | grep -c '"type":"def"' | grep -qx 1 && t_ok || t_fail "one def per source"
# JSON escapes
printf 'a"b\\\t\001\n' | sconv -c s2t --ambiguities | check > "$T_TMP/got" &&
    printf 'a"b\\\t\001\n' | cmp -s - "$T_TMP/got" && t_ok || t_fail "JSON escapes"
# Input that could not be read: no end record, exit 2.
printf '干\n' > "$T_TMP/a.txt"
sconv -c s2t --ambiguities "$T_TMP/a.txt" "$T_TMP/missing" > "$T_TMP/out" 2>/dev/null
[ $? -eq 2 ] && check --no-end < "$T_TMP/out" > /dev/null && t_ok || t_fail "end record after a missing input"
# Usage errors
printf 'x\n' | sconv --ambiguities > /dev/null 2>&1
[ $? -eq 2 ] && t_ok || t_fail "--ambiguities without -c"
printf 'x\n' | sconv -c s2t -t gbk --ambiguities > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'cannot be combined' "$T_TMP/err" && t_ok || t_fail "--ambiguities with -t"
# A long line without newlines: same text, bounded memory.
: > "$T_TMP/big"
while [ "$(wc -c < "$T_TMP/big")" -lt 3000000 ]; do tr -d '\n' < tests/data/samples/000_00bebd0b521cd893.txt >> "$T_TMP/big"; done
sconv -c s2twp "$T_TMP/big" > "$T_TMP/plain"
/usr/bin/time -f '%M' -o "$T_TMP/rss" sconv -c s2twp --ambiguities "$T_TMP/big" > "$T_TMP/out"
check < "$T_TMP/out" | cmp -s - "$T_TMP/plain" && t_ok || t_fail "3 MB line"
rss=$(tail -1 "$T_TMP/rss")
[ "$rss" -lt 100000 ] && t_ok || t_fail "3 MB line: RSS $rss KB"
t_done
