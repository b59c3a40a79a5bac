#!/bin/sh
# sgrep against GNU grep: the same options on plain ASCII input (where no
# folding applies) must give the same output and exit status.
t_name=sgrep-compat
. ./tests/lib.sh
if ! command -v grep >/dev/null || ! grep --version 2>/dev/null | grep -q GNU; then
    echo "$t_name: GNU grep not found, skipped"
    t_done
    exit $?
fi
cd "$T_TMP" || exit 2
printf 'alpha beta\ngamma\nBeta delta\n\nepsilon beta beta\nzeta\neta\ntheta beta\niota\n' > a.txt
printf 'one\ntwo beta\nthree\n' > b.txt
printf 'no newline at the end beta' > c.txt
: > empty.txt
mkdir -p tree/sub tree/skip
printf 'beta in tree\n' > tree/one.txt
printf 'beta in sub\n' > tree/sub/two.log
printf 'beta skipped\n' > tree/skip/three.txt
printf 'bin\000beta\n' > tree/bin.dat

while IFS= read -r opts; do
    [ -n "$opts" ] || continue
    for files in "a.txt" "a.txt b.txt" "b.txt c.txt a.txt" "empty.txt"; do
        # shellcheck disable=SC2086
        LC_ALL=C.UTF-8 grep $opts $files > g.out 2> g.err
        gs=$?
        # shellcheck disable=SC2086
        sgrep $opts $files > s.out 2> s.err
        ss=$?
        if [ "$gs" != "$ss" ]; then
            t_fail "sgrep $opts $files: exit $ss, grep $gs"
        elif ! cmp -s g.out s.out; then
            t_fail "sgrep $opts $files: output differs from grep"
            diff g.out s.out | head -5 >&2
        else
            t_ok
        fi
    done
done <<'OPTS'
beta
-c beta
-n beta
-o beta
-v beta
-i beta
-x gamma
-l beta
-L gamma
-L beta
-h beta
-H beta
-A1 beta
-B1 beta
-C1 beta
-B2 -n zeta
-m2 beta
-m1 -A1 beta
-m 0 beta
-c -v beta
-n -o -i beta
-e beta -e zeta
-e eta -e beta -o
-q beta
-q nomatch
nomatch
-c nomatch
-v -c nomatch
-n -v -x gamma
-E b.t+a
-E -o (al|ga)[a-z]+
-E -x [a-z]+
-E ^e
-E a$
-E -c ^$
-E -o [[:alpha:]]+a\b
-E -n et{1,2}a
-E -i -o B[E]T?A
-E -v (beta|eta)
-E -o a|e
-nv -C1 beta
-Z -l beta
-Z beta
-c -Z beta
--color=always beta
--color=always -n -H beta
--color=always -o beta
--color=always -c beta
--color=always -l beta
--color=always -A1 -n beta
-x -v beta
-F -i BETA
-F -x gamma
-b beta
-b -o -n beta
-T -n beta
-T -b -H -C1 beta
-z beta
-z -c a
-A0 beta
-o -C1 beta
-v --color=always -A1 beta
-q -c beta
-c -l beta
-c -L beta
OPTS

# recursion, --include/--exclude/--exclude-dir, binary files
for opts in "-r beta tree" "-r -c beta tree" "-r -l beta tree" "-r --include=*.txt beta tree" \
            "-r --exclude=*.txt beta tree" "-r --exclude-dir=skip beta tree" "-r -I beta tree" \
            "-r -h beta tree" "-c beta tree/bin.dat" "-l beta tree/bin.dat" \
            "-r --exclude-dir=skip/ beta tree" "-r --exclude-dir=tree/ beta tree"; do
    # shellcheck disable=SC2086
    LC_ALL=C.UTF-8 grep $opts 2>/dev/null | sort > g.out
    gs=$?
    # shellcheck disable=SC2086
    sgrep $opts 2>/dev/null | sort > s.out
    if cmp -s g.out s.out; then t_ok; else
        t_fail "sgrep $opts: output differs from grep"
        diff g.out s.out | head -5 >&2
    fi
done

# the last of -r, -R and -d says what a directory is; -R's links stay
ln -s sub tree/link 2>/dev/null
for opts in "-R -d read beta tree" "-R -r beta tree" "-R -d skip beta tree" "-d skip -R beta tree" \
            "-r -d recurse beta tree" "-R -d recurse beta tree"; do
    # shellcheck disable=SC2086
    LC_ALL=C.UTF-8 grep $opts 2>&1 | sort > g.out
    # shellcheck disable=SC2086
    sgrep $opts 2>&1 | sed 's/^sgrep:/grep:/' | sort > s.out
    if cmp -s g.out s.out; then t_ok; else
        t_fail "sgrep $opts: output differs from grep"
        diff g.out s.out | head -5 >&2
    fi
done
rm -f tree/link

# -f: patterns from a file (an empty one matches nothing; an empty line everything)
printf 'zeta\ngamma\n' > pats
for opts in "-f pats" "-f /dev/null" "-v -f /dev/null" "-c -f pats"; do
    # shellcheck disable=SC2086
    grep $opts a.txt > g.out; gs=$?
    # shellcheck disable=SC2086
    sgrep $opts a.txt > s.out; ss=$?
    [ "$gs" = "$ss" ] && cmp -s g.out s.out && t_ok || t_fail "sgrep $opts: differs from grep ($ss/$gs)"
done

# the empty pattern: every line, or with -x the empty lines
printf 'a\n\nb\n\n' > blank.txt
for opts in "-c" "-n" "-x -n" "-x -c" "-x -v -c" "-o"; do
    for f in blank.txt a.txt c.txt empty.txt; do
        # shellcheck disable=SC2086
        grep $opts -e '' "$f" > g.out; gs=$?
        # shellcheck disable=SC2086
        sgrep $opts -e '' "$f" > s.out; ss=$?
        [ "$gs" = "$ss" ] && cmp -s g.out s.out && t_ok || t_fail "sgrep $opts -e '' $f: differs from grep"
    done
done

# pattern corners: grep selects lines with its DFA, whose parser reads some
# expressions unlike the C library's regex (from which it takes the bounds
# of -o and --color): a leading repetition, an operator after an anchor, a
# '{' that opens no interval, [:alpha:]; stdout, exit status and whether
# there is a message must agree
printf 'a\nxa\nab\nb a\n{1}a\n1}a\n*a\n\n{\nx{1}\na{1\n^a\nx)\n)\nAbc\n+\nx\n' > syn.txt
# each line of standard input: arguments (no spaces in a pattern) for grep
# and sgrep over file $1
same_args() {
    set -f
    while IFS= read -r args; do
        [ -n "$args" ] || continue
        # shellcheck disable=SC2086
        LC_ALL=C.UTF-8 grep $args "$1" > g.out 2> g.err; gs=$?
        # shellcheck disable=SC2086
        sgrep $args "$1" > s.out 2> s.err; ss=$?
        ge=0; [ -s g.err ] && ge=1
        se=0; [ -s s.err ] && se=1
        if [ "$gs" != "$ss" ] || ! cmp -s g.out s.out || [ "$ge" != "$se" ]; then
            t_fail "sgrep $args $1: differs from grep (exit $ss/$gs)"
        else
            t_ok
        fi
    done
    set +f
}
same_args syn.txt <<'ARGS'
-E -e ^*a
-E -o -e ^*a
-E -c -e ^+a
-E -e ^?a
-E -e $*a
-E -e x$*
-E -o -e {1
-E -e {
-E -x -e {
-E -e {1}
-E -o -e {1}
-E -e ^{1}a
-E -e ({1}a)
-E -o -e ({1}a)
-E -w -e ({1}a)
-E -w -e {a
-E -e a|{1}
-E -e {,}
-E -e {1,0}
-E -e {99999}
-E -e *{1}*a
-E -e \<{0}a
-E -x -e x|)
-E -w -e x|*)
-E -x -e x|*)
-e \<**a
-e [:alpha:]
-E -e [^:alpha:]
-e [:a]
-e [::]
-i -e \a
-i -o -e \a
-i --color=always -e \a
-x -n -e \(\)\B\+
-x -n -e x\`*
ARGS

# -w over all the patterns at once: a match that is no whole word is
# shortened to another pattern's at the same start; two or more patterns
# without an operator are fixed strings for grep (a final backslash is one);
# -x with -w (and -G/-E): -o and --color take the newline into the match
printf 'foo-barx\nfoo-bar\nfoobarx foo\na\\b\nx y\n\nabc\nlast' > w.txt
same_args w.txt <<'ARGS'
-n -w -e foo -e foo-bar
-o -w -e foo -e foo-bar
-o -w -e fo* -e foo-bar
-c -w -E -e foo|foo-bar
-e x -e \
-E -c -e x -e \
-e \ -e x
-i -e \A -e z
-x -w -o -e abc
-x -w -o -e last
-x -w -o -e abc -e last
-x -w -o -E -e a.c|last
-x -w -o -e x*
-x -w --color=always -e abc
-x -w --color=always -n -b -e a.c
-x -w -v --color=always -C1 -e abc
-x -w -F -o -e abc
-c -w -P -e a++
-w -P -e a(?=b)
-o -E -e {1 -e (a*)+
-x -w -E -e ^{1}
ARGS

# binary files: a file that matched as binary counts as output for the next
# group's "--"; a selected line that is not UTF-8 is left out with its
# trailing context; -w looks at an invalid byte alone; GREP_COLOR's warning
# only when grep goes on to read
printf 'text abc\nmore\000binary abc\n' > nul.dat
printf 'abc\200\201 def\nabc ok\nzz\n' > inv.dat
printf 'abc\nxyz\nabc\n' > ok.txt
for args in "-A1 -e a.c nul.dat ok.txt" "-A1 -e a.c inv.dat" "-A1 -e a.c nul.dat inv.dat" \
            "-o -A1 -e abc nul.dat inv.dat" "-m1 -A1 -v -e x nul.dat inv.dat" "-B1 -e zz inv.dat" \
            "-w -a -e '' inv.dat" "-w -c -e '' inv.dat" "-o -A1 -e '' nul.dat ok.txt"; do
    eval "grep $args" > g.out 2>/dev/null; gs=$?
    eval "sgrep $args" > s.out 2>/dev/null; ss=$?
    [ "$gs" = "$ss" ] && cmp -s g.out s.out && t_ok || t_fail "sgrep $args: differs from grep ($ss/$gs)"
done
# -z: a newline inside a record is white space for \s, \S and [[:space:]]
printf 'a b\nc\000d\ne\000\000x\ny z\000' > z.dat
for args in "-zo '\\S*'" "-zo '\\s'" "-zc '[[:space:]]'" "-zo '[^[:space:]]*'" "-z 'c\\sd'" \
            "-zo -E '\\S+'"; do
    eval "grep $args z.dat" > g.out 2>/dev/null; gs=$?
    eval "sgrep $args z.dat" > s.out 2>/dev/null; ss=$?
    [ "$gs" = "$ss" ] && cmp -s g.out s.out && t_ok || t_fail "sgrep $args: differs from grep ($ss/$gs)"
done
GREP_COLOR=1 sgrep --color=always -v -e '' ok.txt 2> s.err
[ -s s.err ] && t_fail "GREP_COLOR warning without reading" || t_ok
GREP_COLOR=1 sgrep --color=always abc ok.txt > /dev/null 2> s.err
grep -q "GREP_COLOR='1' is deprecated" s.err && t_ok || t_fail "GREP_COLOR warning"

# -F with a string that is not UTF-8: grep searches its bytes (it was sgrep's
# "invalid UTF-8 in pattern")
printf 'alpha beta\nbad \377 beta\n\nthe end beta\nzeta\n' > inv.txt
for p in 'bad \377' 'beta\377' '.\377'; do
    for o in -c -x -o -w; do
        grep -F $o "$(printf "$p")" inv.txt > g.out 2>/dev/null; gs=$?
        sgrep -F $o "$(printf "$p")" inv.txt > s.out 2>/dev/null; ss=$?
        [ "$gs" = "$ss" ] && cmp -s g.out s.out && t_ok || t_fail "sgrep -F $o '$p': differs from grep ($ss/$gs)"
    done
done

# errors: a missing file is exit 2 with a message; -s hides it; -q with a match wins
sgrep beta a.txt missing.txt > s.out 2> s.err; ss=$?
grep beta a.txt missing.txt > g.out 2> /dev/null; gs=$?
[ "$ss" = "$gs" ] && cmp -s g.out s.out && grep -q "^sgrep: missing.txt: No such file" s.err &&
    t_ok || t_fail "missing file"
sgrep -s beta missing.txt 2> s.err; ss=$?
[ "$ss" = 2 ] && [ ! -s s.err ] && t_ok || t_fail "-s"
sgrep -q beta missing.txt a.txt 2>/dev/null; ss=$?
grep -q beta missing.txt a.txt 2>/dev/null; gs=$?
[ "$ss" = "$gs" ] && t_ok || t_fail "-q with an error: $ss, grep $gs"
sgrep -E 'a(' a.txt 2>/dev/null; [ $? = 2 ] && t_ok || t_fail "bad regex is exit 2"
NO_COLOR=1 sgrep --color=auto beta a.txt | grep -q "$(printf '\033')" && t_fail "NO_COLOR" || t_ok
t_done
