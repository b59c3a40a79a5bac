#!/bin/sh
# sconv -c PATH: an OpenCC JSON configuration file. Debian's own files give
# the same output as the configuration names (and as opencc); a
# configuration of text dictionaries is compiled in memory; a binary
# dictionary that is not Debian's, a corrupt or missing file, each stop with
# exit status 2 and a message that names the file.
t_name=sconv-config
. ./tests/lib.sh
CONFIGS="s2t t2s s2tw tw2s s2twp tw2sp s2hk hk2s t2tw tw2t t2hk hk2t t2jp jp2t"
DIR=/usr/share/opencc
TEXTDIR=${SINO_TEXT:-$SINO_BUILD/text}/opencc
if [ -f "$DIR/s2t.json" ]; then
    for c in $CONFIGS; do
        for f in tests/data/samples/*.txt; do
            opencc -c "$c.json" < "$f" > "$T_TMP/want" 2>/dev/null
            sconv -c "$DIR/$c.json" "$f" > "$T_TMP/got" 2>"$T_TMP/err"
            cmp -s "$T_TMP/want" "$T_TMP/got" && t_ok || t_fail "-c $DIR/$c.json differs from opencc on $f"
        done
    done
else
    echo "sconv-config: Debian's configurations absent, their part skipped"
fi
# Text dictionaries (OpenCC's text format), a group, the segmentation
# dictionary used again in the chain, a relative path.
if [ -f "$TEXTDIR/STPhrases.txt" ]; then
    mkdir -p "$T_TMP/cfg"
    cp "$TEXTDIR/STPhrases.txt" "$TEXTDIR/STCharacters.txt" "$TEXTDIR/TWVariants.txt" "$T_TMP/cfg/"
    cat > "$T_TMP/cfg/my.json" <<'JSON'
{
  "name": "Simplified to Taiwan, text dictionaries",
  "segmentation": {"type": "mmseg", "dict": {"type": "text", "file": "STPhrases.txt"}},
  "conversion_chain": [
    {"dict": {"type": "group", "dicts": [
      {"type": "text", "file": "STPhrases.txt"},
      {"type": "text", "file": "STCharacters.txt"}]}},
    {"dict": {"type": "text", "file": "TWVariants.txt"}}
  ]
}
JSON
    for f in tests/data/samples/*.txt; do
        opencc -c s2tw.json < "$f" > "$T_TMP/want" 2>/dev/null
        (cd "$T_TMP" && sconv -c cfg/my.json) < "$f" > "$T_TMP/got" 2>"$T_TMP/err"
        cmp -s "$T_TMP/want" "$T_TMP/got" && t_ok || t_fail "text-dictionary s2tw differs on $f: $(cat "$T_TMP/err")"
    done
    # a long line without newlines goes through in pieces, same result
    tr -d '\n' < tests/data/samples/000_00bebd0b521cd893.txt > "$T_TMP/line"
    for i in 1 2 3 4 5 6 7 8; do cat "$T_TMP/line"; done > "$T_TMP/long"
    sconv -c s2tw "$T_TMP/long" > "$T_TMP/want"
    sconv -c "$T_TMP/cfg/my.json" "$T_TMP/long" | cmp -s - "$T_TMP/want" && t_ok || t_fail "long line, text dictionaries"
    # a user's own phrase in a text dictionary
    printf '头发\t頭毛\n' > "$T_TMP/cfg/Mine.txt"
    cat > "$T_TMP/cfg/mine.json" <<'JSON'
{"segmentation": {"type": "mmseg", "dict": {"type": "text", "file": "Mine.txt"}},
 "conversion_chain": [{"dict": {"type": "group", "dicts": [
   {"type": "text", "file": "Mine.txt"}, {"type": "text", "file": "STCharacters.txt"}]}}]}
JSON
    printf '头发干\n' | sconv -c "$T_TMP/cfg/mine.json" | grep -qx '頭毛幹' && t_ok || t_fail "own text dictionary"
else
    echo "sconv-config: $TEXTDIR absent, text-dictionary part skipped"
fi
# Errors: exit 2, the file named.
printf '{"segmentation": {"type": "mmseg", "dict": {"type": "ocd2", "file": "Other.ocd2"}},
 "conversion_chain": [{"dict": {"type": "ocd2", "file": "Other.ocd2"}}]}\n' > "$T_TMP/ocd2.json"
printf 'not really\n' > "$T_TMP/Other.ocd2"
printf 'x\n' | sconv -c "$T_TMP/ocd2.json" > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'Other.ocd2: binary OpenCC dictionaries' "$T_TMP/err" && grep -q 'opencc_dict' "$T_TMP/err" &&
    t_ok || t_fail "a foreign .ocd2: $(cat "$T_TMP/err")"
printf '{"segmentation": {"type": "mmseg", "dict": {"type": "text", "file": "Gone.txt"}},
 "conversion_chain": [{"dict": {"type": "text", "file": "Gone.txt"}}]}\n' > "$T_TMP/gone.json"
printf 'x\n' | sconv -c "$T_TMP/gone.json" > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'Gone.txt' "$T_TMP/err" && t_ok || t_fail "a missing dictionary: $(cat "$T_TMP/err")"
printf '{"segmentation": {"type": "mmseg", "dict": {"type": "text", "file": ' > "$T_TMP/corrupt.json"
printf 'x\n' | sconv -c "$T_TMP/corrupt.json" > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'corrupt.json: not valid JSON' "$T_TMP/err" && t_ok || t_fail "corrupt JSON: $(cat "$T_TMP/err")"
printf '{"name": "x"}\n' > "$T_TMP/empty.json"
printf 'x\n' | sconv -c "$T_TMP/empty.json" > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'not an OpenCC configuration' "$T_TMP/err" && t_ok || t_fail "not a configuration: $(cat "$T_TMP/err")"
printf '{"segmentation": {"type": "jieba", "dict": {"type": "text", "file": "a.txt"}}, "conversion_chain": []}\n' > "$T_TMP/jieba.json"
printf 'x\n' | sconv -c "$T_TMP/jieba.json" > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'only "mmseg"' "$T_TMP/err" && t_ok || t_fail "another segmentation: $(cat "$T_TMP/err")"
printf 'x\n' | sconv -c "$T_TMP/missing.json" > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'missing.json: cannot open' "$T_TMP/err" && t_ok || t_fail "a missing configuration: $(cat "$T_TMP/err")"
printf 'a\tb\nbad line\n' > "$T_TMP/Bad.txt"
printf '{"segmentation": {"type": "mmseg", "dict": {"type": "text", "file": "Bad.txt"}},
 "conversion_chain": [{"dict": {"type": "text", "file": "Bad.txt"}}]}\n' > "$T_TMP/badtxt.json"
printf 'x\n' | sconv -c "$T_TMP/badtxt.json" > /dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'Bad.txt:2: expected KEY<TAB>VALUE' "$T_TMP/err" && t_ok || t_fail "a corrupt text dictionary: $(cat "$T_TMP/err")"
t_done
