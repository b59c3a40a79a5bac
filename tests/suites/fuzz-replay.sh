#!/bin/sh
# Replays every fuzz target over its seed corpus and its past crashers.
t_name=fuzz-replay
. ./tests/lib.sh
for src in tests/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    name=${t#fuzz_}
    set --
    for f in tests/fuzz/corpus/"$name"/* tests/fuzz/regress/"$name"/*; do
        [ -f "$f" ] && set -- "$@" "$f"
    done
    [ $# -gt 0 ] || continue
    "$SINO_BUILD/fuzz-replay/$t" "$@" > "$T_TMP/log" 2>&1 && t_ok ||
        t_fail "$t: $(tail -5 "$T_TMP/log")"
done
t_done
