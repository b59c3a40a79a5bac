#!/bin/sh
# sclean's mojibake repair: every decoder model and error mode, on text
# written for this suite (tests/suites/sclean-mojibake.py damages it), and
# legitimate text that is never a candidate (kept byte for byte).
t_name=sclean-mojibake
. ./tests/lib.sh

# never a candidate: Japanese, Korean, rare but valid Han, accented Latin,
# maths, and Chinese quoting them
cat > "$T_TMP/keep.txt" <<'TXT'
これは日本語の文です。
他最喜欢的动画电影是《となりのトトロ》，每年都要重看一遍。
東京の天気は晴れ、気温は二十度です。
한국어 문장도 그대로 두어야 합니다.
她在首尔学会了一句“감사합니다”，意思是谢谢。
古籍中的“龘”“靐”“齉”“爨”都是笔画很多的字。
《说文解字》收有“丨”“丶”“丿”“乚”等部首。
我们在 café 里讨论 naïve Bayes，Müller 教授也来了。
Ça coûte 5 €, señor Gómez — très bien.
设 ∀x∈ℝ，有 x² ≥ 0；且 ∑ aᵢ ≤ ∞，∠ABC ≈ 45°。
温度为 ±0.5 ℃，误差 ≤ 1‰，面积约 3 m²。
TXT
sclean "$T_TMP/keep.txt" > "$T_TMP/keep.out"
if cmp -s "$T_TMP/keep.txt" "$T_TMP/keep.out"; then t_ok; else
    t_fail "legitimate text changed: $(diff "$T_TMP/keep.txt" "$T_TMP/keep.out" | grep '^>' | head -3)"
fi

# each decoder x error mode: repaired, with U+FFFD only for lost bytes,
# never a wrong character (the script prints one line per model)
/usr/bin/python3 tests/suites/sclean-mojibake.py "$PWD/$SINO_BUILD/bin/sclean" > "$T_TMP/models" 2>&1 ||
    t_fail "sclean-mojibake.py: $(tail -3 "$T_TMP/models")"
while read -r verdict model detail; do
    case $verdict in
    ok | known) t_ok ;;
    *) t_fail "$model: $detail" ;;
    esac
done < "$T_TMP/models"
t_done
