# pe - structured records from policy documents.
#
#   make            build programs into build/
#   make check      unit tests, bats tests, man page examples
#   make demo       run the pipeline over examples/
#   make sanitize   ASan + UBSan build (build-san/) running the whole suite
#   make bench      throughput and peak memory on generated text
#   make fuzz       libFuzzer targets (clang), FUZZ_RUNS executions each
#   make lint       mandoc -Tlint over man/
#   make install    PREFIX=/usr/local DESTDIR=
#
# GNU make; dependencies through pkg-config.  Sources are found by
# wildcard: lib/*.c make libpe.a, cmd/pe-NAME.c (plus its private
# cmd/pe-NAME-*.c) make build/pe-NAME.

VERSION  = 0.1.0
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/pe
MANDIR   = $(PREFIX)/share/man

B       ?= build
CC      ?= cc
PKGS     = icu-uc icu-i18n libpcre2-8 jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
override CFLAGS += -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -Iinclude \
	   -DPE_VERSION='"$(VERSION)"' -DPE_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm

# cmd/pe-NAME.c holds a main(); cmd/pe-NAME-PART.c is private to pe-NAME.
PROGS    = $(foreach f,$(wildcard cmd/pe-*.c),$(if $(findstring -,$(patsubst cmd/pe-%.c,%,$f)),,$(patsubst cmd/%.c,%,$f)))
LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(patsubst lib/%.c,$(B)/obj/lib/%.o,$(LIB_SRC))
UNIT_SRC = $(wildcard tests/unit/test-*.c)
UNITS    = $(patsubst tests/unit/%.c,$(B)/unit/%,$(UNIT_SRC))
MANS     = $(wildcard man/*.[1-9])

all: $(addprefix $(B)/,$(PROGS)) $(UNITS)

$(B)/obj/%.o: %.c $(wildcard include/pe/*.h) $(wildcard cmd/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/libpe.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# A program links its own main file, its private pe-NAME-*.c files and libpe.a.
.SECONDEXPANSION:
obj_of = $(patsubst cmd/%.c,$(B)/obj/cmd/%.o,$(1))
$(B)/pe-%: $(B)/obj/cmd/pe-%.o $$(call obj_of,$$(wildcard cmd/pe-$$*-*.c)) $(B)/libpe.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# tests/unit/test-NAME*.c links the private parts of pe-NAME, if any.
unit_prog = $(firstword $(subst -, ,$(patsubst test-%,%,$(1))))
$(B)/unit/%: tests/unit/%.c tests/unit/unit.h $(B)/libpe.a $$(call obj_of,$$(wildcard cmd/pe-$$(call unit_prog,$$*)-*.c))
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $(filter %.c %.o,$^) $(B)/libpe.a $(LDLIBS)

# --- tests ---------------------------------------------------------------

check: all
	@set -e; for t in $(UNITS); do echo "== $$t"; $$t; done
	PE_BIN=$(CURDIR)/$(B) PE_DATA=$(CURDIR)/data bats tests/
	@$(MAKE) --no-print-directory lint

unit: $(UNITS)
	@set -e; for t in $(UNITS); do echo "== $$t"; $$t; done

# The whole suite again under AddressSanitizer and UBSan, in its own tree.
sanitize:
	$(MAKE) B=build-san OPT=-O1 \
	  CFLAGS_EXTRA= CC=$(CC) \
	  CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' \
	  LDFLAGS='-fsanitize=address,undefined' all
	@set -e; for t in $(patsubst $(B)/%,build-san/%,$(UNITS)); do echo "== $$t"; $$t; done
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  PE_BIN=$(CURDIR)/build-san PE_DATA=$(CURDIR)/data PE_SANITIZE=1 bats tests/

lint:
	@if command -v mandoc >/dev/null; then \
	  mandoc -Tlint -W warning $(MANS) && echo "mandoc -Tlint: clean"; \
	else echo "lint: mandoc not installed, skipped"; fi

# --- demo, bench, fuzz ---------------------------------------------------

demo: all
	@sh examples/demo.sh $(B)

bench: all
	@sh bench/run.sh $(B)

# The sanitizers ride on CC, so every compile in the sub-make gets them
# whatever CFLAGS holds.  tests/fuzz/fuzz-NAME.c links libpe.a and
# pe-NAME's private cmd/pe-NAME-*.c, never cmd/pe-NAME.c and its main().
# Seeds: tests/fixtures/*.txt and tests/fuzz/seeds/*; tests/fuzz/NAME.dict
# is passed to fuzz-NAME's runs when present.  Crashes land in build-fuzz/.
# FUZZ='json cite' runs only those targets.
# A changed FUZZ_SAN (e.g. to step past a known finding) rebuilds the objects.
FUZZ_RUNS ?= 1000000
FUZZ      ?=
FUZZ_SRC   = $(if $(FUZZ),$(patsubst %,tests/fuzz/fuzz-%.c,$(FUZZ)),$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_SAN   = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ   = $(patsubst cmd/%.c,build-fuzz/obj/cmd/%.o,$(foreach f,$(FUZZ_SRC),\
	     $(wildcard cmd/pe-$(patsubst tests/fuzz/fuzz-%.c,%,$f)-*.c)))
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -std=c11 -Wall -Wextra \
	     -D_POSIX_C_SOURCE=200809L -Iinclude -Icmd $(PKG_CFLAGS)
fuzz:
	@command -v clang >/dev/null || { echo "fuzz: clang is needed"; exit 2; }
	@mkdir -p build-fuzz; echo '$(FUZZ_SAN)' | cmp -s - build-fuzz/san-flags || \
	  { rm -rf build-fuzz/obj build-fuzz/libpe.a; echo '$(FUZZ_SAN)' >build-fuzz/san-flags; }
	$(MAKE) B=build-fuzz CC='clang -fsanitize=fuzzer-no-link $(FUZZ_SAN)' \
	  OPT='-O1 -fno-omit-frame-pointer' build-fuzz/libpe.a $(FUZZ_OBJ)
	@set -e; for f in $(FUZZ_SRC); do \
	  n=$$(basename $$f .c); \
	  objs=; for c in cmd/pe-$${n#fuzz-}-*.c; do \
	    if [ -f "$$c" ]; then objs="$$objs build-fuzz/obj/$${c%.c}.o"; fi; \
	  done; \
	  clang -fsanitize=fuzzer $(FUZZ_SAN) $(FUZZ_FLAGS) -o build-fuzz/$$n $$f \
	    $$objs build-fuzz/libpe.a $(LDLIBS); \
	  mkdir -p build-fuzz/corpus-$$n; \
	  for s in tests/fixtures/*.txt tests/fuzz/seeds/*; do \
	    if [ -f "$$s" ]; then cp "$$s" build-fuzz/corpus-$$n/; fi; \
	  done; \
	  d=tests/fuzz/$${n#fuzz-}.dict; \
	  if [ -f $$d ]; then d=-dict=$$d; else d=; fi; \
	  echo "== $$n: $(FUZZ_RUNS) runs"; \
	  PE_DATA=$(CURDIR)/data UBSAN_OPTIONS=print_stacktrace=1 \
	    build-fuzz/$$n -runs=$(FUZZ_RUNS) -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/$$n- $$d build-fuzz/corpus-$$n; \
	done

# --- install -------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(addprefix $(B)/,$(PROGS)) $(DESTDIR)$(BINDIR)
	for f in data/*; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR); done; true
	for m in $(MANS); do s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s; done

# Rewrite the generated data (needs iso-codes and mecab-ipadic installed);
# the build reads only the committed files.
gen-data:
	python3 data/gen-countries.py > data/countries.tsv.tmp && \
	  mv data/countries.tsv.tmp data/countries.tsv
	python3 data/gen-lexicon.py	# writes lexicon-ja.tsv and names-ja.tsv

clean:
	rm -rf build build-san build-fuzz

.PHONY: all check unit sanitize lint demo bench fuzz install clean gen-data
.SECONDARY:
