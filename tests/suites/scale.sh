#!/bin/sh
# Scale-out: a line-local tool gives byte-identical output when its input is
# cut into blocks, processed by parallel jobs and joined again (GNU parallel
# --pipe -k), as it gives in one run. Input: real text, about 2 MB.
t_name=scale
. ./tests/lib.sh
input="$T_TMP/in.txt"
{
    cat tests/data/samples/*.txt
    for f in tests/data/samples/*.txt; do sed 's/^/  /' "$f"; done
} > "$T_TMP/base.txt"
: > "$input"
while [ "$(wc -c < "$input")" -lt 2000000 ]; do cat "$T_TMP/base.txt" >> "$input"; done

# Tool invocations whose output depends on each line alone (see README).
while IFS= read -r cmdline; do
    case "$cmdline" in ''|'#'*) continue ;; esac
    tool=${cmdline%% *}
    command -v "$tool" >/dev/null || continue
    sh -c "$cmdline" < "$input" > "$T_TMP/one" 2>/dev/null
    parallel --pipe -k --block 100k -j 2 "$cmdline" < "$input" > "$T_TMP/many" 2>/dev/null
    if cmp -s "$T_TMP/one" "$T_TMP/many" && [ -s "$T_TMP/one" ]; then t_ok; else t_fail "$cmdline: parallel output differs"; fi
done < tests/suites/scale.cmds
t_done
