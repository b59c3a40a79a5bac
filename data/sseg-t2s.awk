# sseg-t2s.awk - character-level Traditional -> Simplified table for sseg.
# Input files, in order: jieba-words.tsv, STCharacters, TSCharacters,
# TWVariantsRev, HKVariantsRev (OpenCC text exports: KEY<TAB>VAL[ VAL...]).
# A character reached only through the tw/hk variant tables is mapped only
# when jieba's dictionary does not know it as a word (著 is a TW variant of
# 着 but also Simplified).
# Output: TRAD<TAB>SIMP, single characters only, only where TRAD is not also
# a Simplified character (see data/sseg.mk).
function nchars(s) { return length(s) }
FILENAME ~ /jieba-words/ { jw[$1] = 1; next }
FILENAME ~ /STCharacters/ { st[$1] = 1; next }
FILENAME ~ /TSCharacters/ {
    n = split($2, v, " ")
    ts[$1] = v[1]
    for (i = 1; i <= n; i++) if (v[i] == $1) own[$1] = 1
    next
}
{   # variants: KEY -> OpenCC standard form
    n = split($2, v, " ")
    if (!($1 in var)) var[$1] = v[1]
    for (i = 1; i <= n; i++) if (v[i] == $1) own[$1] = 1
}
END {
    for (k in ts) out[k] = ts[k]
    for (k in var) if (!(k in out) && !(k in jw)) {
        s = var[k]
        if (s in ts) s = ts[s]
        out[k] = s
    }
    for (k in out) {
        s = out[k]
        if (k in st || k in own || s == k) continue
        if (k == "#" || k ~ /[ \t]/) continue
        print k "\t" s
    }
}
