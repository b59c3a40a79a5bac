#!/bin/sh
# make check-valgrind: the golden tests with every tool run under valgrind's
# memcheck (errors and definite leaks fail the case, through exit status 99).
: "${SINO_BUILD:=build}"
shims=$(mktemp -d)
trap 'rm -rf "$shims"' EXIT
for p in "$SINO_BUILD"/bin/*; do
    name=$(basename "$p")
    real=$(cd "$(dirname "$p")" && pwd)/$name
    printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$@"\n' \
        "$real" > "$shims/$name"
    chmod +x "$shims/$name"
done
# the shims go before the build's bin directory, which tests/lib.sh would
# otherwise put first
PATH="$shims:$PWD/$SINO_BUILD/bin:$PATH" SINO_BUILD="$SINO_BUILD" sh tests/golden/run.sh
