# sino - Unix filters for Chinese text.  Plain GNU make; see README.md.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
LIBDIR    ?= $(PREFIX)/lib
INCDIR    ?= $(PREFIX)/include/sino
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/sino
DESTDIR   ?=

CC        ?= cc
PKG_CONFIG ?= pkg-config
OPT       ?= -O2
CFLAGS    ?= $(OPT) -g
WARN      := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
UTF8PROC_CFLAGS := $(shell $(PKG_CONFIG) --cflags libutf8proc 2>/dev/null)
UTF8PROC_LIBS   := $(shell $(PKG_CONFIG) --libs libutf8proc 2>/dev/null || echo -lutf8proc)
# glibc has iconv(3) built in; elsewhere GNU libiconv is a separate library.
HASH := \#
ICONV_LIBS := $(shell printf '$(HASH)include <iconv.h>\nint main(void){iconv_open("a","b");return 0;}\n' \
                | $(CC) -x c - -o /dev/null >/dev/null 2>&1 || echo -liconv)

# SAN=1 builds everything (library, tools, tests, data) with ASan + UBSan in
# a separate tree so that it never mixes with the normal build.
ifeq ($(SAN),1)
BUILD     := build-san
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LIBA      := $(BUILD)/libsino.a
else ifeq ($(SAN),fuzz)
# libFuzzer builds (clang): make fuzz
CC        := clang
BUILD     := build-fuzz
SANFLAGS  := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
LIBA      := $(BUILD)/libsino.a
else
BUILD     := build
SANFLAGS  :=
LIBA      := lib/libsino.a
# The shared library (normal builds only): position-independent objects.
SOLIB     := $(BUILD)/libsino.so.$(VERSION)
SONAME    := libsino.so.$(firstword $(subst ., ,$(VERSION)))
PICFLAGS  := -fPIC
endif

ALL_CFLAGS  = $(WARN) $(CFLAGS) $(SANFLAGS) $(PICFLAGS) $(UTF8PROC_CFLAGS) -Ilib \
              -DSINO_VERSION='"$(VERSION)"' -DSINO_DATADIR='"$(DATADIR)"'
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS        = $(UTF8PROC_LIBS) $(ICONV_LIBS) -lm
LIBS       += -lpcre2-8

# Rebuild everything when the compiler flags change (e.g. another PREFIX,
# which is compiled in as the data directory).
CFLAGS_STAMP := $(BUILD)/cflags.txt
ifneq ($(file < $(CFLAGS_STAMP)),$(CC) $(ALL_CFLAGS))
$(shell mkdir -p $(BUILD))
$(file > $(CFLAGS_STAMP),$(CC) $(ALL_CFLAGS))
endif

TOOLS     := sconv sclean sseg sfacts sgrep
HELPERS   := sino-dict
LIB_SRC   := $(sort $(wildcard lib/*.c))
LIB_OBJ   := $(LIB_SRC:lib/%.c=$(BUILD)/obj/lib/%.o)
PUB_HDR   := $(sort $(wildcard lib/sino*.h))
BIN       := $(BUILD)/bin
PROGS     := $(TOOLS:%=$(BIN)/%) $(HELPERS:%=$(BIN)/%)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)
FUZZ_BIN  := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_TIME ?= 60
DATA      := $(BUILD)/data
# Text exported from the Debian data packages; shared by normal and SAN builds.
TEXT      := build/text
DICTC     := $(BIN)/sino-dict
DATA_FILES :=

.PHONY: all data check check-valgrind bench fuzz fuzz-run install uninstall clean demo

all: $(LIBA) $(SOLIB) $(PROGS) data

# Each data/*.mk fragment adds its compiled tables to DATA_FILES.
include $(sort $(wildcard data/*.mk))

data: $(DATA)/sino-data.stamp

$(DATA)/sino-data.stamp: $(DATA_FILES)
	@mkdir -p $(@D)
	@echo "sino $(VERSION) data" > $@

$(BUILD)/obj/%.o: %.c $(wildcard lib/*.h) Makefile $(CFLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(SOLIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) -shared -Wl,-soname,$(SONAME) $(ALL_LDFLAGS) $^ $(LIBS) -o $@

$(BIN)/%: $(BUILD)/obj/cmd/%.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) $< $(LIBA) $(LIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) $< $(LIBA) $(LIBS) -o $@

$(BUILD)/tests/dictbench: tests/bench/dictbench.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $< $(LIBA) $(LIBS) -o $@

# Fuzz targets: replayed over their corpus and past crashers by make check
# (plain driver), and run under libFuzzer by make fuzz (FUZZ_TIME seconds each).
$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/driver.c $(wildcard tests/fuzz/*.h) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $< tests/fuzz/driver.c $(LIBA) $(LIBS) -o $@

$(BUILD)/fuzz/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -fsanitize=fuzzer $< $(LIBA) $(LIBS) -o $@

fuzz:
	$(MAKE) SAN=fuzz fuzz-run

fuzz-run: all $(FUZZ_BIN)
	@SINO_BUILD=$(BUILD) SINO_DATA=$(CURDIR)/$(DATA) FUZZ_TIME=$(FUZZ_TIME) sh tests/fuzz/run.sh $(FUZZ_TARGETS)

# Everything the tests need; the runner prints "N passed, N failed".
# T="sseg golden/sgrep/json docs" runs only those (see tests/README);
# V=1 prints a line for every check that passes too.
T ?=
V ?= 0
check: all $(UNIT_BIN) $(FUZZ_REPLAY)
	@SINO_BUILD=$(BUILD) SINO_DATA=$(CURDIR)/$(DATA) SAN=$(SAN) T_VERBOSE=$(V) \
	    sh tests/run-all.sh $(T)

check-valgrind: all
	@SINO_BUILD=$(BUILD) SINO_DATA=$(CURDIR)/$(DATA) sh tests/valgrind-golden.sh

bench: all $(BUILD)/tests/dictbench
	@SINO_BUILD=$(BUILD) SINO_DATA=$(CURDIR)/$(DATA) sh tests/bench/run.sh

# Runs the pipeline over the bundled sample (the README's first command ends here).
demo: all
	@SINO_DATA=$(CURDIR)/$(DATA) sh tests/demo.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	install -m 644 $(LIBA) $(DESTDIR)$(LIBDIR)/libsino.a
	install -m 755 $(SOLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SOLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsino.so
	install -m 644 $(PUB_HDR) $(DESTDIR)$(INCDIR)/
	install -m 644 $(DATA)/* $(DESTDIR)$(DATADIR)/
	for m in man/*.1; do [ -f "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man1/; done; true
	for m in man/*.7; do [ -f "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man7/; done; true
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCDIR@|$(INCDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|; s|@LIBS@|$(ICONV_LIBS) -lm -lpcre2-8|' \
	    lib/sino.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/sino.pc

uninstall:
	rm -f $(PROGS:$(BIN)/%=$(DESTDIR)$(BINDIR)/%) $(DESTDIR)$(LIBDIR)/libsino.a \
	      $(DESTDIR)$(LIBDIR)/libsino.so* \
	      $(DESTDIR)$(LIBDIR)/pkgconfig/sino.pc
	rm -rf $(DESTDIR)$(INCDIR) $(DESTDIR)$(DATADIR)
	for m in man/*.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$$(basename $$m); done
	for m in man/*.7; do rm -f $(DESTDIR)$(MANDIR)/man7/$$(basename $$m); done

clean:
	rm -rf build build-san build-fuzz lib/libsino.a

# Keep partially written targets from looking up to date.
.DELETE_ON_ERROR:
.SECONDARY:
