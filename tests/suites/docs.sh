#!/bin/sh
# Man pages are clean mdoc, and every page documents the options its --help lists.
t_name=docs
. ./tests/lib.sh
for m in man/*.[17]; do
    mandoc -Tlint -W warning "$m" > "$T_TMP/lint" 2>&1 && t_ok ||
        t_fail "$m: $(head -3 "$T_TMP/lint")"
done
for t in sconv sclean sseg sfacts sgrep sino-dict; do
    page=man/$t.1
    [ -f "$page" ] || continue
    # every long option in --help appears in the man page
    for opt in $($t --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
        name=${opt#--}
        grep -q -- "Fl -$name" "$page" && t_ok || t_fail "$page does not document $opt"
    done
done
# sino(7)'s table has every long option of every tool (the table lists
# for each its letter per tool)
for t in sconv sclean sseg sfacts sgrep sino-dict; do
    for opt in $($t --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
        grep -q -- "^\.It Fl -${opt#--} Ta" man/sino.7 && t_ok "sino.7 lists $t $opt" ||
            t_fail "man/sino.7 option table lacks $t $opt"
    done
done
t_done
