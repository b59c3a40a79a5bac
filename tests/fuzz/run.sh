#!/bin/sh
# make fuzz: run each libFuzzer target for FUZZ_TIME seconds (all targets, or
# those named as arguments). New corpus entries go to build-fuzz/corpus/;
# a crash is copied into tests/fuzz/regress/TARGET/ so that make check
# replays it forever after.
: "${SINO_BUILD:=build-fuzz}" "${FUZZ_TIME:=60}"
targets=$*
[ -n "$targets" ] || targets=$(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//')
status=0
for t in $targets; do
    name=${t#fuzz_}
    work="$SINO_BUILD/corpus/$name"
    mkdir -p "$work" "$SINO_BUILD/crashes/$name"
    [ -d "tests/fuzz/corpus/$name" ] && cp -n tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null
    echo "== $t: $FUZZ_TIME s"
    if ! "$SINO_BUILD/fuzz/$t" -max_total_time="$FUZZ_TIME" -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$SINO_BUILD/crashes/$name/" "$work" > "$SINO_BUILD/fuzz-$name.log" 2>&1; then
        status=1
        echo "$t: FAILED (see $SINO_BUILD/fuzz-$name.log)"
        mkdir -p "tests/fuzz/regress/$name"
        cp "$SINO_BUILD/crashes/$name"/* "tests/fuzz/regress/$name/" 2>/dev/null
    fi
    grep -E '^#[0-9]+.*DONE|Done [0-9]+ runs' "$SINO_BUILD/fuzz-$name.log" | tail -1
done
exit $status
