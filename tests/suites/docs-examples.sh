#!/bin/sh
# Documentation that cannot rot: every command of README.md's "Pipeline
# cookbook" and of each man page's EXAMPLES section is taken from the text
# itself and run in a scratch directory whose files (every name the command
# mentions: page.txt, report.txt, archive/, ...) hold the bundled samples and
# a few lines with the things the examples look for. A command passes when
# it exits 0 and prints something or writes a non-empty file. A command
# that needs a program which is not installed (hadoop) or other machines
# (parallel --sshlogin) is listed as skipped.
t_name=docs-examples
. ./tests/lib.sh
SAMPLES=$PWD/tests/data/samples
work=$T_TMP/work

# The commands of README.md's cookbook (indented lines, comments dropped,
# continuation lines joined), one a line.
readme_commands() {
    awk '/^## Pipeline cookbook/ { f = 1; next }
         /^## / { f = 0 }
         f && /^    [^ #]/ {
             line = substr($0, 5)
             while (line ~ /\\$/ && (getline next_line) > 0) {
                 sub(/\\$/, "", line)
                 sub(/^ +/, " ", next_line)
                 line = line next_line
             }
             print line
         }' README.md
}

# The commands of a man page's EXAMPLES section (.Dl lines and the lines of
# literal displays, a display being one script: its lines joined by ";"),
# roff escapes undone.
man_commands() {
    awk '/^\.Sh EXAMPLES/ { f = 1; next }
         /^\.Sh / { f = 0 }
         !f { next }
         /^\.Bd -literal/ { lit = 1; block = ""; next }
         /^\.Ed/ { lit = 0; if (block != "") print block; next }
         lit { block = block == "" ? $0 : block "; " $0; next }
         /^\.Dl / { print substr($0, 5) }' "$1" |
        sed -e 's/\\e/\\/g' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' -e 's/\\&//g'
}

# What the examples look for, so that a search finds something.
fixture_text() {
    cat "$SAMPLES"/*.txt
    printf '%s\n' '中国经济在发展，共同富裕是目标。' \
        '2023年5月12日，北京市的投资增长5.2%，达到300万元。' \
        '他们是勇敢的士兵，昨天去了上海。' '發展中國家的經濟。'
}

# Give every file and directory the command names the fixture text.
make_fixture() {
    rm -rf "$work"
    mkdir -p "$work"
    fixture_text > "$T_TMP/fixture.txt"
    for f in "$SAMPLES"/*.txt; do cp "$f" "$work/"; done
    for word in $(printf '%s\n' "$1" | tr -s " \t'\"|;<>(){}=" '\n\n\n\n\n\n\n\n\n\n\n\n'); do
        case $word in
        -* | /* | '$'* | '*'*) ;;
        */*) dir=${word%%/*}   # the first component: archive/, corpus/*.txt
            case $dir in *'$'* | *'*'*) continue ;; esac
            mkdir -p "$work/$dir"
            cp "$T_TMP/fixture.txt" "$work/$dir/sample.txt" ;;
        *'$'* | *'*'*) ;;
        *.txt | *.html) cp "$T_TMP/fixture.txt" "$work/$word" ;;
        esac
    done
}

# The programs a command line runs that are missing here (first words of
# its pipeline stages; shell keywords and assignments are fine).
missing_programs() {
    printf '%s\n' "$1" | sed -e "s/'[^']*'//g" -e 's/"[^"]*"//g' |
        tr '|;&' '\n\n\n' | while read -r first _; do
        case $first in '' | do | then | *=*) continue ;; esac
        command -v "$first" >/dev/null 2>&1 || printf '%s ' "$first"
    done
}

run_example() {   # SOURCE COMMAND
    src=$1 cmd=$2
    missing=$(missing_programs "$cmd")
    case $cmd in *--sshlogin*) missing="other machines" ;; esac
    if [ -n "$missing" ]; then
        echo "$t_name: skipped ($src, needs ${missing% }): $cmd" >&2
        return
    fi
    make_fixture "$cmd"
    touch "$T_TMP/stamp"
    (cd "$work" && timeout 120 sh -c "$cmd") < /dev/null > "$T_TMP/out" 2> "$T_TMP/err"
    st=$?
    wrote=$(find "$work" -type f -newer "$T_TMP/stamp" -size +0 | head -1)
    if [ "$st" -ne 0 ]; then
        t_fail "$src: exit status $st: $cmd: $(head -c 300 "$T_TMP/err")"
    elif [ ! -s "$T_TMP/out" ] && [ -z "$wrote" ]; then
        t_fail "$src: no output: $cmd: $(head -c 300 "$T_TMP/err")"
    else
        t_ok "$src: $cmd"
    fi
}

n=0
readme_commands > "$T_TMP/cmds"
while IFS= read -r cmd; do
    run_example README.md "$cmd" < /dev/null
    n=$((n + 1))
done < "$T_TMP/cmds"
[ "$n" -ge 10 ] && t_ok "README cookbook has $n commands" ||
    t_fail "README cookbook: only $n commands found (section renamed?)"
for page in man/*.[17]; do
    man_commands "$page" > "$T_TMP/cmds"
    [ -s "$T_TMP/cmds" ] && t_ok "$page has examples" || t_fail "$page: no EXAMPLES commands"
    while IFS= read -r cmd; do
        run_example "$page" "$cmd" < /dev/null
    done < "$T_TMP/cmds"
done
t_done
