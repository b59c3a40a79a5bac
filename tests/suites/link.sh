#!/bin/sh
# The library as others use it: a C and a C++ program include the installed
# <sino/sino.h> and link against the installed libsino, shared through
# `pkg-config --libs sino` and static through `pkg-config --static --libs`.
t_name=link
. ./tests/lib.sh
if [ "${SAN:-}" = 1 ]; then
    echo "link: skipped under SAN=1 (the sanitizer build's library needs its runtime)"
    t_done
    exit 0
fi
root=$T_TMP/root
make -s install DESTDIR="$root" PREFIX=/usr > "$T_TMP/install.log" 2>&1 &&
    t_ok || { t_fail "make install DESTDIR: $(tail -3 "$T_TMP/install.log")"; t_done; exit 1; }
[ -f "$root/usr/include/sino/cli_int.h" ] && t_fail "internal cli_int.h installed" || t_ok
pc() { PKG_CONFIG_PATH="$root/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root" pkg-config "$@" sino; }
cat > "$T_TMP/prog.c" <<'SRC'
#include <sino/sino.h>
#include <stdio.h>
int main(void)
{
    int32_t cp = 0;
    int n = sino_utf8_decode((const unsigned char *)"\xe4\xb8\xad", 3, &cp);
    printf("%d %X\n", n, (unsigned)cp);
    return 0;
}
SRC
cp "$T_TMP/prog.c" "$T_TMP/prog.cc"
cflags=$(pc --cflags | sed "s|-I$root/usr/include/sino|-I$root/usr/include|")
# shellcheck disable=SC2086
cc -std=c11 $cflags -I"$root/usr/include" "$T_TMP/prog.c" $(pc --static --libs | sed "s|-lsino |-l:libsino.a |") -o "$T_TMP/prog_c" 2> "$T_TMP/err" &&
    [ "$("$T_TMP/prog_c")" = "3 4E2D" ] && t_ok || t_fail "C program: $(head -c 300 "$T_TMP/err")"
# shellcheck disable=SC2086
c++ $cflags -I"$root/usr/include" "$T_TMP/prog.cc" $(pc --static --libs | sed "s|-lsino |-l:libsino.a |") -o "$T_TMP/prog_cc" 2> "$T_TMP/err" &&
    [ "$("$T_TMP/prog_cc")" = "3 4E2D" ] && t_ok || t_fail "C++ program: $(head -c 300 "$T_TMP/err")"
# the shared library: found through its soname, the C++ program too
# shellcheck disable=SC2086
cc -std=c11 $cflags -I"$root/usr/include" "$T_TMP/prog.c" $(pc --libs) -o "$T_TMP/dyn_c" 2> "$T_TMP/err" &&
    [ "$(LD_LIBRARY_PATH="$root/usr/lib" "$T_TMP/dyn_c")" = "3 4E2D" ] && t_ok || t_fail "C program, shared: $(head -c 300 "$T_TMP/err")"
# shellcheck disable=SC2086
c++ $cflags -I"$root/usr/include" "$T_TMP/prog.cc" $(pc --libs) -o "$T_TMP/dyn_cc" 2> "$T_TMP/err" &&
    [ "$(LD_LIBRARY_PATH="$root/usr/lib" "$T_TMP/dyn_cc")" = "3 4E2D" ] && t_ok || t_fail "C++ program, shared: $(head -c 300 "$T_TMP/err")"
objdump -p "$T_TMP/dyn_c" 2>/dev/null | grep -q 'NEEDED *libsino.so.0$' && t_ok || t_fail "program not linked to libsino.so.0"
t_done
