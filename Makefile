# Makefile: build, test and install ns (GNU make).
#
#   make                    build the tools into $(BUILDDIR)
#   make check              run every test (unit, CLI golden, man lint, acceptance)
#   make SAN=1 BUILDDIR=build-san check   the same under ASan and UBSan
#   make install / uninstall   honour PREFIX, DESTDIR

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BUILDDIR ?= build
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
INSTALL ?= install

DEPS = jansson libpcre2-8 libutf8proc libxxhash
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS))
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS))
# Debian's libstemmer-dev has no pkg-config file.
STEMMER_LIBS ?= -lstemmer

WARN = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2
ifdef WERROR
WARN += -Werror
endif
ifdef SAN
SANFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
endif

ALL_CFLAGS = $(WARN) -pthread -DNS_VERSION='"$(VERSION)"' -Icommon $(DEP_CFLAGS) \
	$(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
ALL_LIBS = $(DEP_LIBS) $(STEMMER_LIBS) -lm -pthread $(LDLIBS)

TOOLS = ns-split ns-strip-ads ns-entities ns-summarize
MAN1 = $(TOOLS:%=man/%.1)
MAN7 = man/ns.7

# Data files compiled into the library: name of the C array, file.
DATA = ns_builtin_rules:common/data/boilerplate.rules \
	ns_sentences_data:common/data/sentences.txt \
	ns_wordcase_data:common/data/wordcase.txt \
	ns_stopwords_data:common/data/stopwords.txt \
	ns_numex_data:common/data/numex.rules \
	ns_currencies_data:common/data/currencies.tsv \
	ns_curctx_data:common/data/currency-context.tsv \
	ns_gazetteer_data:common/data/gazetteer.tsv \
	ns_orgwords_data:common/data/orgwords.txt \
	ns_heads_data:common/data/heads.tsv \
	ns_orgs_data:common/data/orgs.txt \
	ns_notnames_data:common/data/notnames.txt \
	ns_openers_data:common/data/openers.txt \
	ns_sportwords_data:common/data/sportwords.txt \
	ns_titles_data:common/data/titles.txt \
	ns_clusters_data:common/data/clusters.txt \
	ns_ner_model_data:common/data/ner.model

LIB_SRC = $(wildcard common/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILDDIR)/%.o) \
	$(foreach d,$(DATA),$(BUILDDIR)/gen/$(firstword $(subst :, ,$(d))).o)
LIB = $(BUILDDIR)/libns.a
BINS = $(TOOLS:%=$(BUILDDIR)/%)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(BUILDDIR)/tests/%)
# Fuzz harnesses (tests/fuzz); their replays of tests/fuzz/regress run
# with the unit tests.
FUZZ_NAMES = split record rules sentences text ner numex
FUZZ_REGRESS_BINS = $(FUZZ_NAMES:%=$(BUILDDIR)/tests/test_fuzz_%)

all: $(BINS)

$(BUILDDIR)/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILDDIR)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# A data file becomes a C array (od is in every POSIX system), and its
# length without the NUL added at the end.
define embed
$(BUILDDIR)/gen/$(1).c: $(2)
	@mkdir -p $$(@D)
	{ printf '/* generated from %s */\n#include <stddef.h>\n' '$(2)'; \
	  printf 'extern const char *const $(1);\nextern const size_t $(1)_len;\n'; \
	  printf 'static const unsigned char data[] = {\n'; \
	  od -An -v -tx1 $(2) | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  printf '0x00 };\nconst char *const $(1) = (const char *)data;\n'; \
	  printf 'const size_t $(1)_len = sizeof(data) - 1;\n'; } > $$@.tmp
	mv $$@.tmp $$@
endef
$(foreach d,$(DATA),$(eval $(call embed,$(firstword $(subst :, ,$(d))),$(lastword $(subst :, ,$(d))))))

$(BUILDDIR)/gen/%.o: $(BUILDDIR)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILDDIR)/ns-%: $(BUILDDIR)/cmd/ns-%.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(ALL_LIBS)

$(BUILDDIR)/tests/%: tests/unit/%.c tests/unit/check.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< $(LIB) $(ALL_LIBS)

$(BUILDDIR)/tests/check-articles: tests/accept/check-articles.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(ALL_LIBS)

check: $(BINS) $(UNIT_BINS) $(BUILDDIR)/tests/check-articles $(FUZZ_REGRESS_BINS)
	NS_BINDIR=$(BUILDDIR) NS_UNITDIR=$(BUILDDIR)/tests sh tests/run.sh

# The same tests with the CLI cases under valgrind memcheck.
check-valgrind: $(BINS) $(UNIT_BINS) $(BUILDDIR)/tests/check-articles $(FUZZ_REGRESS_BINS)
	NS_VALGRIND=1 NS_BINDIR=$(BUILDDIR) NS_UNITDIR=$(BUILDDIR)/tests sh tests/run.sh

# Speed and memory on a 200 MB corpus (NS_BENCH_MB in the environment)
# beside cat, jq -c . and the peers of ../shared/peers, with optimized tools
# in their own BUILDDIR. A benchmark: it never fails on speed.
BENCHDIR = build-bench
bench:
	$(MAKE) BUILDDIR=$(BENCHDIR) CFLAGS='-O2 -g' SAN= all $(BENCHDIR)/json-floor \
	    $(BENCHDIR)/work-speed
	NS_BINDIR=$(BENCHDIR) NS_BENCH_OUT=$(BENCHDIR)/bench.jsonl sh scripts/bench.sh

# The jansson floor of make bench: parse every line, write it back.
$(BUILDDIR)/json-floor: scripts/json-floor.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ scripts/json-floor.c $(ALL_LIBS)

# The work alone of make bench: segmenter, summarizer and recognizer over
# records held in memory, no JSON read or written.
$(BUILDDIR)/work-speed: scripts/work-speed.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ scripts/work-speed.c $(LIB) \
	    $(ALL_LIBS)

# Quality on ../shared (skipped with a message when it is not there).
eval: $(BINS)
	NS_BINDIR=$(BUILDDIR) sh scripts/eval.sh

# The entity tagger's model, common/data/ner.model, trained on the
# CoNLL-2003 train split of ../shared (its dev split picks the epoch);
# skipped with a message when the data is not there. Deterministic.
NER_DATA ?= ../shared/data/conll2003
$(BUILDDIR)/train-ner: scripts/train-ner.c $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ scripts/train-ner.c $(LIB) \
	    $(ALL_LIBS)

model: $(BUILDDIR)/train-ner
	@if [ -r $(NER_DATA)/train.txt ] && [ -r $(NER_DATA)/dev.txt ]; then \
	    echo "$(BUILDDIR)/train-ner -o common/data/ner.model $(NER_DATA)/train.txt $(NER_DATA)/dev.txt"; \
	    $(BUILDDIR)/train-ner -o common/data/ner.model \
	        $(NER_DATA)/train.txt $(NER_DATA)/dev.txt; \
	else \
	    echo "make model: $(NER_DATA)/train.txt or dev.txt not found; skipped"; \
	fi

# The README's first command: the pipeline on a bundled example dump.
demo: $(BINS)
	$(BUILDDIR)/ns-split tests/accept/06_inbody_junk.txt | $(BUILDDIR)/ns-strip-ads | \
	    $(BUILDDIR)/ns-entities | $(BUILDDIR)/ns-summarize

# Word clusters for the entity tagger, from ../shared/data (skipped with a
# message when it is not there): common/data/clusters.txt, in about 30 s.
CLUSTERS_DATA = ../shared/data
CLUSTERS_ARGS = -c 1000 -m 2

$(BUILDDIR)/clusters: scripts/clusters.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ scripts/clusters.c -lm

clusters: $(BUILDDIR)/clusters
	@d=$(CLUSTERS_DATA); if [ ! -d "$$d" ]; then \
	    echo "clusters: $$d is absent; common/data/clusters.txt not remade"; \
	    exit 0; fi; \
	echo "$(BUILDDIR)/clusters $(CLUSTERS_ARGS) ... > common/data/clusters.txt"; \
	$(BUILDDIR)/clusters $(CLUSTERS_ARGS) -k "$$d/conll2003/train.txt" \
	    -k "$$d/conll2003/dev.txt" "$$d"/bbc-summary/articles/*/*.txt \
	    > common/data/clusters.txt.tmp || \
	    { rm -f common/data/clusters.txt.tmp; exit 2; }; \
	mv common/data/clusters.txt.tmp common/data/clusters.txt

.PHONY: clusters

# How news text writes words (lower case, capitalised mid-sentence or at a
# sentence's start), for the sentence segmenter, from ../shared/data
# (skipped with a message when it is not there): common/data/wordcase.txt.
WORDCASE_DATA = ../shared/data
wordcase:
	@d=$(WORDCASE_DATA); if [ ! -d "$$d" ]; then \
	    echo "wordcase: $$d is absent; common/data/wordcase.txt not remade"; \
	    exit 0; fi; \
	echo "sh scripts/gen-wordcase.sh $$d > common/data/wordcase.txt"; \
	sh scripts/gen-wordcase.sh "$$d" > common/data/wordcase.txt.tmp || \
	    { rm -f common/data/wordcase.txt.tmp; exit 2; }; \
	mv common/data/wordcase.txt.tmp common/data/wordcase.txt

.PHONY: wordcase

install: $(BINS)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	$(INSTALL) -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)

clean:
	rm -rf $(BUILDDIR)

.PHONY: all bench check check-valgrind demo eval install model uninstall clean

# ---- Fuzzing: tests/fuzz/README.md ----
#   make fuzz                 each harness for FUZZ_SECONDS (60) under libFuzzer
#   make fuzz-smoke           the same, 10 seconds each (what CI runs)
#   make fuzz-regress         replay tests/fuzz/regress/ and the seed corpora
# The harnesses and the library under them are built with clang
# (FUZZ_CC), ASan, UBSan and libFuzzer's coverage, into $(BUILDDIR)/fuzz/.
# The replay programs are built like the unit tests ($(CC), SAN=1 honoured)
# as $(BUILDDIR)/tests/test_fuzz_*, so tests/run.sh runs them too.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_ALL_CFLAGS = $(WARN) -DNS_VERSION='"$(VERSION)"' -Icommon $(DEP_CFLAGS) \
	$(CPPFLAGS) $(FUZZ_SAN) -MMD -MP
FUZZ_OBJ = $(LIB_SRC:%.c=$(BUILDDIR)/fuzz/obj/%.o) \
	$(foreach d,$(DATA),$(BUILDDIR)/fuzz/obj/gen/$(firstword $(subst :, ,$(d))).o)
FUZZ_BINS = $(FUZZ_NAMES:%=$(BUILDDIR)/fuzz/fuzz_%)

$(BUILDDIR)/fuzz/obj/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

# The data arrays made by the embed rule, compiled as they are.
$(BUILDDIR)/fuzz/obj/gen/%.o: $(BUILDDIR)/gen/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) -c -o $@ $<

$(BUILDDIR)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) -Itests/fuzz -fsanitize=fuzzer $(LDFLAGS) \
	    -pthread -o $@ $< $(FUZZ_OBJ) $(ALL_LIBS)

fuzz: $(FUZZ_BINS)
	sh tests/fuzz/run-fuzz.sh $(BUILDDIR)/fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

# A fixed seed: CI runs the same inputs every time.
fuzz-smoke: $(FUZZ_BINS)
	FUZZ_FLAGS="-seed=1 $(FUZZ_FLAGS)" sh tests/fuzz/run-fuzz.sh \
	    $(BUILDDIR)/fuzz 10 $(FUZZ_NAMES)

$(BUILDDIR)/tests/fuzz/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -c -o $@ $<

$(BUILDDIR)/tests/test_fuzz_%: $(BUILDDIR)/tests/fuzz/fuzz_%.o \
    $(BUILDDIR)/tests/fuzz/regress.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -pthread -o $@ $< $(BUILDDIR)/tests/fuzz/regress.o \
	    $(LIB) $(ALL_LIBS)

# Keep the objects: they come from pattern rules only.
.SECONDARY: $(FUZZ_OBJ) $(BUILDDIR)/tests/fuzz/regress.o \
	$(FUZZ_NAMES:%=$(BUILDDIR)/tests/fuzz/fuzz_%.o)

fuzz-regress: $(FUZZ_REGRESS_BINS)
	@st=0; for t in $(FUZZ_REGRESS_BINS); do $$t || st=1; done; exit $$st

.PHONY: fuzz fuzz-smoke fuzz-regress

-include $(FUZZ_OBJ:.o=.d) $(FUZZ_BINS:=.d) $(BUILDDIR)/tests/fuzz/*.d

-include $(LIB_OBJ:.o=.d) $(BINS:$(BUILDDIR)/%=$(BUILDDIR)/cmd/%.d)
