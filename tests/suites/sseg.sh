#!/bin/sh
# sseg conformance: tokens identical to jieba 0.42.1 (Debian python3-jieba,
# run with /usr/bin/python3) on real text -- the bundled samples converted
# to Simplified with opencc, a slice of the Chinese man pages (manpages-zh)
# -- and on generated adversarial lines; HMM on and off, cut_for_search, a
# user dictionary. Also: a Traditional line segments as its Simplified form,
# Simplified text is unchanged by the t2s view, hostile input.
t_name=sseg
. ./tests/lib.sh
PY=/usr/bin/python3
here=tests/suites
S="sseg -d $(printf '\001')"

if ! $PY -c 'import jieba' 2>/dev/null; then
    echo "sseg: jieba not available to $PY; conformance skipped" >&2
    t_ok
    t_done
    exit $?
fi

# ---- the corpus ----
corpus=$T_TMP/corpus.txt
: > "$corpus"
if command -v opencc >/dev/null 2>&1; then
    for f in tests/data/samples/*.txt; do opencc -c t2s.json < "$f" >> "$corpus"; done
else
    cat tests/data/samples/*.txt >> "$corpus"
fi
# about 400 KB of the man pages (roff requests stripped, as the bench corpus)
for f in /usr/share/man/zh_CN/man1/*.gz; do
    zcat "$f" 2>/dev/null | grep -v '^\.\\"' | sed -e 's/^\.[A-Za-z]*[ ]*//' -e 's/\\f[BIRP]//g' -e 's/\\-/-/g'
done 2>/dev/null | head -c 400000 | head -n -1 >> "$corpus"
$PY $here/sseg-gen.py 5 "$T_TMP/user-mix.txt" < "$corpus" > "$T_TMP/gen.txt"
# jieba.posseg is slower still: its runs use the samples and generated lines
small=$T_TMP/small.txt
grep -av '^$' "$corpus" | head -c 40000 | head -n -1 > "$small"
head -n 1200 "$T_TMP/gen.txt" >> "$small"
tail -n 600 "$T_TMP/gen.txt" >> "$small"
cat "$T_TMP/gen.txt" >> "$corpus"
printf '%s\n' '' ' ' 'a' '\r\n' '中' '3.14%' 'C++ c# AT&T a.b_c-d%' '...' '２０２０年' >> "$corpus"

compare() {   # LABEL JIEBA-MODE SSEG-OPTIONS [USER-DICT] [order] (on $input)
    label=$1 mode=$2 opts=$3 udict=$4
    $PY $here/sseg-jieba.py "$mode" $udict < "$input" > "$T_TMP/ref" 2> "$T_TMP/pyerr" ||
        { t_fail "$label: jieba failed: $(head -c 300 "$T_TMP/pyerr")"; return; }
    # shellcheck disable=SC2086
    $S $opts ${udict:+-u "$udict"} < "$input" > "$T_TMP/got" ||
        { t_fail "$label: sseg failed"; return; }
    if $PY $here/sseg-compare.py "$T_TMP/ref" "$T_TMP/got" "$label" $5; then t_ok
    else t_fail "$label: tokens differ from jieba"; fi
}
echo "sseg: corpus $(wc -c < "$corpus") bytes, $(wc -l < "$corpus") lines" >&2
input=$corpus
compare "HMM on" hmm ""
compare "HMM off" nohmm "--no-hmm"
compare "cut_for_search" search "--mode search" "" order
compare "full mode (cut_all=True)" full "--mode full" "" order
printf '云计算 5\n创新办 3 i\n台中\n杭研\n中国科学院 0\n小明硕士\n大学深造 20000 n\n命令行 0\n选项 3\n' > "$T_TMP/user.txt"
compare "user dict" hmm "" "$T_TMP/user.txt"
input=$small
echo "sseg: posseg corpus $(wc -c < "$small") bytes, $(wc -l < "$small") lines" >&2
compare "pos (jieba.posseg)" pos "--pos" "" order
compare "pos, HMM off" pos-nohmm "--pos --no-hmm" "" order
compare "pos + user dict" pos "--pos" "$T_TMP/user.txt" order
compare "HMM on + generated user dict (suggest_freq)" hmm "" "$T_TMP/user-mix.txt"
compare "HMM off + generated user dict" nohmm "--no-hmm" "$T_TMP/user-mix.txt"
compare "full mode + user dict" full "-a" "$T_TMP/user.txt" order
compare "full mode + generated user dict" full "-a" "$T_TMP/user-mix.txt" order

# ---- jieba's command line: python3 -m jieba and sseg with the same letters ----
# (jieba strips \r from line ends; -p takes its DELIM attached on both sides)
tr -d '\r' < "$small" > "$T_TMP/cli.txt"
for opts in "-d|" "-a -d|" "-n -d|" "-p_ -d|" "-p: -n -d|" "-a -p_ -d|" "-q -a -n -d|" \
        "-u $T_TMP/user.txt -d|" "-a -u $T_TMP/user.txt -d|"; do
    # shellcheck disable=SC2086
    $PY -m jieba $opts "$T_TMP/cli.txt" > "$T_TMP/cli.ref" 2> "$T_TMP/pyerr" ||
        { t_fail "python3 -m jieba $opts failed: $(head -c 300 "$T_TMP/pyerr")"; continue; }
    # shellcheck disable=SC2086
    sseg $opts "$T_TMP/cli.txt" > "$T_TMP/cli.got" 2>&1
    t_check "sseg $opts prints what python3 -m jieba $opts prints" cmp -s "$T_TMP/cli.ref" "$T_TMP/cli.got"
done

# -D: another main dictionary (jieba's own without every third line, so
# that the character ranking, the total and the words all differ), against
# python3 -m jieba -D with the same file
jdict=$($PY -c 'import jieba, os; print(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))')
awk 'NR % 3 != 0' "$jdict" > "$T_TMP/main.dict"
for opts in "-d|" "-n -d|" "-a -d|" "-u $T_TMP/user.txt -d|"; do
    # shellcheck disable=SC2086
    $PY -m jieba -D "$T_TMP/main.dict" $opts "$T_TMP/cli.txt" > "$T_TMP/cli.ref" 2> "$T_TMP/pyerr" ||
        { t_fail "python3 -m jieba -D $opts failed: $(head -c 300 "$T_TMP/pyerr")"; continue; }
    # shellcheck disable=SC2086
    sseg -D "$T_TMP/main.dict" $opts "$T_TMP/cli.txt" > "$T_TMP/cli.got" 2>&1
    t_check "sseg -D DICT $opts prints what python3 -m jieba -D DICT $opts prints" \
        cmp -s "$T_TMP/cli.ref" "$T_TMP/cli.got"
done
# -D -p: tags from DICT, as jieba.posseg.POSTokenizer(jieba.Tokenizer(DICT))
# gives them (python3 -m jieba -D -p tags from jieba's default dictionary,
# since it imports jieba.posseg before it loads DICT)
$PY - "$T_TMP/main.dict" "$T_TMP/cli.txt" > "$T_TMP/pos.ref" 2> "$T_TMP/pyerr" <<'PY'
import sys, jieba, jieba.posseg
jieba.setLogLevel(60)
pt = jieba.posseg.POSTokenizer(jieba.Tokenizer(dictionary=sys.argv[1]))
for line in open(sys.argv[2], encoding="utf-8"):
    print("|".join(w + "_" + f for w, f in pt.cut(line.rstrip("\r\n"))))
PY
sseg -D "$T_TMP/main.dict" -p_ -d'|' "$T_TMP/cli.txt" > "$T_TMP/pos.got"
t_check "sseg -D DICT -p: the tags jieba.posseg takes from DICT" cmp -s "$T_TMP/pos.ref" "$T_TMP/pos.got"
sseg "$T_TMP/cli.txt" > "$T_TMP/builtin.out"
t_check "-D with jieba's own dict.txt equals the built-in tables" \
    sh -c "sseg -D '$jdict' '$T_TMP/cli.txt' | cmp -s - '$T_TMP/builtin.out'"
printf '中文 x\n' > "$T_TMP/bad.dict"
: > "$T_TMP/empty.dict"
printf '中文 3\n中\377 3\n' > "$T_TMP/inv.dict"
for d in "$T_TMP/nonexistent.dict" "$T_TMP/bad.dict" "$T_TMP/empty.dict" "$T_TMP/inv.dict"; do
    echo 中文 | sseg -D "$d" > "$T_TMP/out" 2> "$T_TMP/err"
    t_check "-D $(basename "$d"): exit 2" [ $? = 2 ]
    t_check "-D $(basename "$d"): the message names the file" grep -q "$(basename "$d")" "$T_TMP/err"
    t_check "-D $(basename "$d"): no output" [ ! -s "$T_TMP/out" ]
done
t_check "-D invalid UTF-8: the line is named" grep -q 'line 2' "$T_TMP/err"

# user words with the characters sseg-words.sdict swaps (its " R" line) and
# with the code points they swap with (é ß ! ·...): the user table is
# re-keyed the same way
$PY - "$T_TMP/swap.dict" "$T_TMP/swap.txt" "$small" "$SINO_BUILD/data/sseg-words.sdict" <<'PY'
import subprocess, sys
r = subprocess.run(["sino-dict", "get", sys.argv[4], " R"], capture_output=True)
order = r.stdout.decode("utf-8").rstrip("\n").split("\t")[-1]
a, b, c = order[0], order[29], order[99]
d = ["é的 50", "β射线 5", "x·y 10", "卡拉OK 100", a + b + " 7", "!" + a + " 9", b + "! 9",
     "数据é 3", c + "é" + a + " 8", "ß" + a, a + "ß" + b + " 4"]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(d) + "\n")
# the characters that stand in for é ß · β in the table (data/sseg-words.py's slots)
slots = [x for x in range(0x21, 0x7F) if not chr(x).isalnum() and chr(x) not in "+#&._%-"]
slots += [x for x in range(0x80, 0x800) if x != 0x85]
own = {chr(x): ch for x, ch in zip(slots, order)}
e, s, m = own["é"], own["ß"], own["·"]
t = [a + b + "和é的以及β射线x·y卡拉OK!" + a + b + "!数据é的", "他来到了" + b + a + c + a + "ß" + a + "ß" + b,
     order[:60], order[25:90], e + "的" + s + a + a + s + b + "数据" + e + c + e + a + "x" + m + "y" + own["β"] + "射线"]
body = open(sys.argv[3], encoding="utf-8").read()[:6000].rsplit("\n", 1)[0]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(t) + "\n" + body + "\n")
PY
input=$T_TMP/swap.txt
compare "user dict with swapped characters" hmm "" "$T_TMP/swap.dict"
compare "user dict with swapped characters, HMM off" nohmm "--no-hmm" "$T_TMP/swap.dict"
compare "user dict with swapped characters, search" search "--mode search" "$T_TMP/swap.dict" order

# ---- Traditional: the t2s view ----
if command -v opencc >/dev/null 2>&1; then
    head -c 200000 "$corpus" | head -n -1 > "$T_TMP/hans"
    opencc -c s2t.json < "$T_TMP/hans" > "$T_TMP/hant"
    $S < "$T_TMP/hans" > "$T_TMP/a"
    $S --no-t2s < "$T_TMP/hans" > "$T_TMP/b"
    t_check "t2s view leaves Simplified text unchanged" cmp -s "$T_TMP/a" "$T_TMP/b"
    $S < "$T_TMP/hant" > "$T_TMP/c"
    # the Traditional tokens, converted, give the Simplified tokens
    agree=$($PY - "$T_TMP/a" "$T_TMP/c" <<'PY'
import sys
def spans(f):
    r = []
    for line in open(f, encoding="utf-8", errors="replace"):
        o, s = 0, set()
        for t in line.rstrip("\n").split("\x01"):
            s.add((o, o + len(t))); o += len(t)
        r.append(s)
    return r
a, c = spans(sys.argv[1]), spans(sys.argv[2])
same = sum(len(x & y) for x, y in zip(a, c)); tot = sum(len(x) for x in a)
print("%.4f" % (same / max(tot, 1)))
PY
)
    echo "sseg: Traditional text (opencc s2t) segmented like its Simplified source: $agree of tokens" >&2
    if awk -v a="$agree" 'BEGIN { exit !(a >= 0.98) }'; then t_ok; else t_fail "t2s agreement $agree < 0.98"; fi
fi

# ---- an over-long line is cut only where jieba's result does not change ----
grep -av '^$' "$corpus" | head -n 12000 > "$T_TMP/lines"
for i in 1 2 3; do cat "$T_TMP/lines"; done > "$T_TMP/lines3"
tr '\n' ' ' < "$T_TMP/lines3" > "$T_TMP/oneline"
$S < "$T_TMP/oneline" | tr '\001' '\n' > "$T_TMP/one.tok"
$S < "$T_TMP/lines3" | sed 's/$/\x01 /' | tr '\001' '\n' | grep -av '^$' > "$T_TMP/lines.tok"
t_check "a $(wc -c < "$T_TMP/oneline")-byte line (read in 1 MB chunks) segments as its parts" \
    cmp -s "$T_TMP/one.tok" "$T_TMP/lines.tok"
sseg -s < "$T_TMP/oneline" | tr -d '\n' > "$T_TMP/one.sent"
t_check "--sentences on a long line loses nothing" cmp -s "$T_TMP/one.sent" "$T_TMP/oneline"

# ---- hostile input ----
printf 'a\0b\n' | sseg > "$T_TMP/nul"
printf 'a \0 b\n' > "$T_TMP/nul.want"
t_check "NUL byte is a token" cmp -s "$T_TMP/nul" "$T_TMP/nul.want"
printf '\377\376中国\n' | sseg > "$T_TMP/bad" 2> "$T_TMP/bad.err"
t_check "invalid UTF-8 replaced and reported" grep -q 'invalid UTF-8' "$T_TMP/bad.err"
t_check "invalid UTF-8 becomes U+FFFD tokens" grep -q "$(printf '\357\277\275 \357\277\275 中国')" "$T_TMP/bad"
# a 32 MB line (8 MB under SAN) without a newline: all bytes kept (tokens joined by nothing), bounded memory
long_lines=800000
[ "${SAN:-}" = 1 ] && long_lines=200000
yes '中华人民共和国成立了abc 3.14。' 2>/dev/null | head -n $long_lines | tr -d '\n' > "$T_TMP/long"
/usr/bin/time -f '%M' -o "$T_TMP/rss" sseg -d '' < "$T_TMP/long" > "$T_TMP/long.out" 2>/dev/null
n_in=$(wc -c < "$T_TMP/long")
n_out=$(wc -c < "$T_TMP/long.out")
t_check "long line: every byte kept ($n_in + newline vs $n_out)" test "$n_out" -eq $((n_in + 1))
rss=$(cat "$T_TMP/rss" 2>/dev/null || echo 0)
limit_kb=102400
[ "${SAN:-}" = 1 ] && limit_kb=400000   # ASan's shadow memory
t_check "long line: peak RSS ${rss} KB <= $limit_kb KB" test "$rss" -le $limit_kb
t_done
