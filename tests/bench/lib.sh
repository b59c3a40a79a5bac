# tests/bench/lib.sh - helpers for benchmark scripts.
# bench_compare LABEL INPUT OURS PEER: times both commands with hyperfine in
# the same run (INPUT on stdin, output discarded) and prints a table row with
# throughput in MB/s and the ratio peer-time / our-time (> 1: sino is faster).
# bench_startup LABEL OURS PEER: start-up on empty input (/dev/null as the
# file operand), run directly (no shell) 200 times each, in ms.
# bench_rss INPUT CMD...: peak resident memory of CMD in MB.
: "${SINO_BUILD:=build}"
PATH="$PWD/$SINO_BUILD/bin:$PATH"
export PATH
BENCH_DIR=${BENCH_DIR:-build/bench}
BENCH_RUNS=${BENCH_RUNS:-3}
mkdir -p "$BENCH_DIR"

bench_mean() {   # JSON file, command index -> mean seconds
    /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["mean"])' "$1" "$2"
}

bench_compare() {
    label=$1 input=$2 ours=$3 peer=$4
    json="$BENCH_DIR/hf.json"
    # hyperfine 1.15 (Debian 12) has no --input: redirect inside the command
    if ! hyperfine -w 1 -r "$BENCH_RUNS" --export-json "$json" \
        "$ours < '$input' > /dev/null" "$peer < '$input' > /dev/null" >/dev/null 2>&1; then
        echo "| $label | failed | | |"
        return 1
    fi
    t_ours=$(bench_mean "$json" 0)
    t_peer=$(bench_mean "$json" 1)
    bytes=$(wc -c < "$input")
    # an empty INPUT measures start-up: times in ms instead of MB/s
    awk -v l="$label" -v b="$bytes" -v a="$t_ours" -v p="$t_peer" -v o="$ours" -v q="$peer" 'BEGIN {
        if (b > 0) printf "| %s | %.1f MB/s (`%s`) | %.1f MB/s (`%s`) | %.2f× |\n", l, b/a/1e6, o, b/p/1e6, q, p/a
        else printf "| %s | %.1f ms (`%s`) | %.1f ms (`%s`) | %.2f× |\n", l, a*1e3, o, p*1e3, q, p/a }'
}

bench_startup() {
    label=$1 ours=$2 peer=$3
    json="$BENCH_DIR/hf.json"
    if ! hyperfine -N -w 20 -r 200 --export-json "$json" "$ours /dev/null" "$peer /dev/null" \
        >/dev/null 2>&1; then
        echo "| $label | failed | | |"
        return 1
    fi
    awk -v l="$label" -v a="$(bench_mean "$json" 0)" -v p="$(bench_mean "$json" 1)" \
        -v o="$ours" -v q="$peer" 'BEGIN {
        printf "| %s | %.1f ms (`%s`) | %.1f ms (`%s`) | %.2f× |\n", l, a*1e3, o, p*1e3, q, p/a }'
}

bench_rss() {
    input=$1
    shift
    /usr/bin/time -f '%M' -o "$BENCH_DIR/rss" "$@" < "$input" > /dev/null 2>&1
    awk '{ printf "%.1f", $1 / 1024 }' "$BENCH_DIR/rss"
}
