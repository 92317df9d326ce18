# ipbox: one multi-call binary replacing iproute2's ip for netns, link,
# addr, route and neigh, plus nat.
#   make          build ./ipbox
#   make check    install test deps, build, run unit + bats suites (also
#                 under ASan+UBSan); ends with `N passed, N failed`
#   make demo     install deps, build, run the seed tutorial in a sandbox
#   make difffuzz N=... SEED=...   ipbox against /bin/ip, random commands
CC ?= cc
PKGS = libmnl libnftnl
# No .eh_frame (C has no exceptions; -g keeps .debug_frame for debuggers):
# 43 KB of the stripped binary.
CFLAGS ?= -O2 -g -fno-asynchronous-unwind-tables
# Flags the code needs whatever CFLAGS the user (or check-asan) passes.
ALL_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE $(shell pkg-config --cflags $(PKGS)) $(CPPFLAGS) $(CFLAGS)
# Linked with libmnl alone: nat/nftnl.c maps libnftnl when nat first
# needs it (by the soname of the library built against).
LDLIBS += $(shell pkg-config --libs libmnl)
NFTNL_SONAME := $(shell objdump -p $$(pkg-config --variable=libdir libnftnl)/libnftnl.so | sed -n 's/^ *SONAME *//p')
B ?= build
BIN ?= ipbox

LIB_SRCS = $(wildcard args/*.c output/*.c netlink/*.c namespace/*.c caps/*.c names/*.c nat/*.c)
CMD_SRCS = $(wildcard cmd/*.c cmd/kinds/*.c)
OBJS = $(patsubst %.c,$(B)/%.o,$(LIB_SRCS) $(CMD_SRCS)) $(B)/usage_packed.o
# The sources' headers (not the word pools generated under $(B)).
HDRS = $(filter-out %.words.h,$(wildcard */*.h */*/*.h))
UNIT_BINS = $(patsubst tests/unit/%.c,$(B)/unit/%,$(wildcard tests/unit/test_*.c))
# Unit tests and fuzz targets link everything but main() (cmd/main.c).
UNIT_LINK = $(filter-out $(B)/cmd/main.o,$(OBJS))

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

all: $(BIN)

# Relative relocations packed (DT_RELR, glibc 2.36): 56 KB less of
# .rela.dyn; no page padding between segments.  The budget of the
# stripped binary is 300 KiB (issue 19); 2026-12-05 it is 344,184 bytes
# (was 389,080): tests/bats/dispatch.bats holds the ceiling,
# bench/RESULTS.md the figures.
SIZE_LDFLAGS = -Wl,-z,pack-relative-relocs -Wl,-z,noseparate-code

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(SIZE_LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

# Optimised for size (-Oz, gcc 12: 3,344 bytes of .text less than -Os,
# bench/count's rows within 0.01%): the link kinds, nat, namespaces,
# -atomic and -check, rule, nexthop, monitor and link's parser
# (parsers, -d rows, rollbacks, nothing a large dump or a plain batch
# spends its time in; bench/count's rows and a route batch lost no
# instructions).  A nat
# listing builds and reads back every rule: nat/rule.c and
# cmd/nat_words.c are not cold.
COLD_OBJS = $(patsubst %.c,$(B)/%.o,$(filter-out nat/rule.c,$(wildcard cmd/kinds/*.c nat/*.c namespace/*.c \
	cmd/undo*.c)) cmd/nat.c cmd/nat_batch.c cmd/tuntap.c cmd/netns.c cmd/rollback.c \
	cmd/link_xstats.c cmd/check.c cmd/check_model.c netlink/dry.c cmd/atomic.c cmd/journal.c \
	cmd/nat_check.c cmd/nat_explain.c cmd/rule.c cmd/rule_print.c cmd/nexthop.c \
	cmd/nexthop_print.c cmd/monitor.c netlink/listen.c cmd/lwt.c cmd/link.c cmd/usage.c cmd/route_save.c \
	names/names.c netlink/vrf.c cmd/echo.c)
$(COLD_OBJS): ALL_CFLAGS += -Oz

# No padding to align functions, jumps and loops: 8 KB, and fewer
# instructions run (the nops), no slower in bench/count.  gcc's flags
# (clang, which builds the fuzz targets, knows only the first).
ifneq ($(findstring gcc version,$(shell $(CC) -v 2>&1)),)
$(OBJS): ALL_CFLAGS += -falign-functions=1 -falign-jumps=1 -falign-loops=1 -falign-labels=1
endif

$(B)/nat/nftnl.o: ALL_CFLAGS += -DNFTNL_SONAME='"$(or $(NFTNL_SONAME),libnftnl.so.11)"'

# The usage texts: every USAGE(name, text) of the sources, packed into
# one stream by a host tool (tools/usagepack.c, cmd/usage.h) and unpacked
# by cmd/usage.c when a usage is printed.
HOSTCC ?= cc
USAGE_SRCS = $(shell grep -lw '^USAGE' $(CMD_SRCS))
$(B)/usagepack: tools/usagepack.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

$(B)/usage_packed.c: $(B)/usagepack $(USAGE_SRCS) $(HDRS)
	for f in $(USAGE_SRCS); do $(CC) $(ALL_CFLAGS) -DUSAGE_PACK -E -P $$f || exit 1; done >$@.i
	$(B)/usagepack $@ <$@.i

$(B)/usage_packed.o: $(B)/usage_packed.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The word pools (args/wordpool.h): a file that includes it gets its
# words' pool and offsets from tools/wordpack, a host tool, reading the
# file preprocessed without WORDS_H.
WORD_SRCS = $(shell grep -l '^\#include "\(\.\./\)*args/wordpool.h"' $(LIB_SRCS) $(CMD_SRCS))
WORD_OBJS = $(patsubst %.c,$(B)/%.o,$(WORD_SRCS))
$(B)/wordpack: tools/wordpack.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

$(B)/%.words.h: %.c $(HDRS) $(B)/wordpack
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -UWORDS_H -E -P $< >$@.i
	$(B)/wordpack $@ <$@.i

$(WORD_OBJS): $(B)/%.o: $(B)/%.words.h
$(WORD_OBJS): ALL_CFLAGS += -DWORDS_H='"$(abspath $(B))/$*.words.h"'

$(B)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/unit/%: tests/unit/%.c tests/unit/unit.h $(UNIT_LINK)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(UNIT_LINK) $(LDLIBS)

# The kind harness (tests/kinds/run): an LD_PRELOAD shim that logs
# rtnetlink requests and answers link dumps from recorded answers, and the
# tool that builds those answers and prints the requests; tests only.
KIND_HDRS = /usr/include/linux/if_link.h /usr/include/linux/if_tunnel.h /usr/include/linux/veth.h
$(B)/tests/names.h: $(KIND_HDRS)
	@mkdir -p $(dir $@)
	grep -hoE '^\s+(IFLA|VETH)_[A-Z0-9_]+\s*(=[^,]*)?,?\s*(/\*.*)?$$' $(KIND_HDRS) | \
		sed -E 's/^\s+([A-Z0-9_]+).*/{ "\1", \1 },/' | sort -u >$@

$(B)/tests/nlshim.so: tests/kinds/nlshim.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -shared -o $@ $< -ldl

$(B)/tests/nlmsg: tests/kinds/nlmsg.c $(B)/tests/names.h
	$(CC) $(ALL_CFLAGS) -I$(B)/tests -o $@ $<

test-tools: $(B)/tests/nlshim.so $(B)/tests/nlmsg

unit: $(UNIT_BINS)
	tests/unit/run $(UNIT_BINS)

deps:
	tests/deps

# The adversarial suite (issue 15): one bats file per finding or class of
# attack, each in its own sandbox; ends with `adversarial: N passed, ...`.
adversarial: $(BIN)
	SUITE=adversarial tests/run-bats tests/adversarial/*.bats

# The differential fuzzer (tests/difffuzz): random command lines, each run
# by /bin/ip and ipbox on twin sandboxes of one prepared state and
# compared (status, stdout, stderr, state).  `make difffuzz N=100000
# SEED=7` (default 1000 commands, a new seed each run) writes its
# findings to $(B)/difffuzz/summary.md; `make difffuzz-ci` is the
# fixed-seed slice tests/check runs (`difffuzz: N passed, N failed`).
difffuzz: $(BIN)
	tests/sandbox python3 tests/difffuzz/difffuzz.py -n $(or $(N),1000) \
		$(if $(SEED),--seed $(SEED)) --ipbox $(BIN) --out $(B)/difffuzz

difffuzz-ci: $(BIN)
	tests/sandbox python3 tests/difffuzz/difffuzz.py --ci --ipbox $(BIN)

# Every suite, plain then under ASan+UBSan; the last line is the total.
check: deps
	tests/check

# The unit and bats suites against an ASan+UBSan build in build-asan/.
check-asan:
	$(MAKE) B=build-asan BIN=build-asan/ipbox CFLAGS="$(ASAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" build-asan/ipbox unit
	IPBOX=$(CURDIR)/build-asan/ipbox IPBOX_SANITIZED=1 tests/run-bats

# libFuzzer targets (clang): `make fuzz` runs each for FUZZ_TIME seconds
# on its corpus (fuzz/corpus/TARGET); `make fuzz-smoke` replays the corpora
# and fuzzes each target briefly (CI).  They run in a sandbox: the netlink
# dry run sends nothing, and a slip could still not reach the machine's
# network.  ipbox's own messages are muted (-close_fd_mask), findings go
# to build-fuzz/.
FUZZ_TIME ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS = $(patsubst fuzz/%.c,build-fuzz/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_RUN = tests/sandbox
FUZZ_OPTS = -close_fd_mask=3 -artifact_prefix=build-fuzz/

build-fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/harness.c fuzz/harness.h fuzz/json_check.c fuzz/json_check.h $(HDRS) $(LIB_SRCS) $(CMD_SRCS)
	$(MAKE) B=build-fuzz CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
		$(patsubst $(B)/%,build-fuzz/%,$(UNIT_LINK))
	clang $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< fuzz/harness.c fuzz/json_check.c \
		$(patsubst $(B)/%,build-fuzz/%,$(UNIT_LINK)) $(LDLIBS)

# Real kernel answers as fuzz_reply seeds (fuzz/seed-reply, in a sandbox).
$(B)/capture: fuzz/capture.c $(UNIT_LINK)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(UNIT_LINK) $(LDLIBS)

fuzz: $(FUZZ_TARGETS)
	for t in $(FUZZ_TARGETS); do n=$${t##*/fuzz_}; mkdir -p build-fuzz/corpus/$$n; \
		$(FUZZ_RUN) $$t $(FUZZ_OPTS) -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		build-fuzz/corpus/$$n fuzz/corpus/$$n || exit 1; done

# New inputs go to build-fuzz/, never into the committed corpus.
fuzz-smoke: $(FUZZ_TARGETS)
	for t in $(FUZZ_TARGETS); do n=$${t##*/fuzz_}; mkdir -p build-fuzz/smoke/$$n; \
		$(FUZZ_RUN) $$t $(FUZZ_OPTS) -runs=0 fuzz/corpus/$$n >build-fuzz/$$n.log 2>&1 && \
		$(FUZZ_RUN) $$t $(FUZZ_OPTS) -max_total_time=$${FUZZ_SMOKE:-10} -seed=1 \
		-print_final_stats=1 build-fuzz/smoke/$$n fuzz/corpus/$$n >build-fuzz/$$n.log 2>&1 || \
		{ cat build-fuzz/$$n.log; exit 1; }; \
		echo "fuzz $$n: $$(sed -n 's/^stat::number_of_executed_units: *//p' build-fuzz/$$n.log) runs, no crash"; done

# ipbox against /bin/ip, side by side; writes bench/RESULTS.md.  FULL=1
# runs only the full-table scenario (bench/full: 1.2M routes; opt-in,
# never in CI) and appends its table.
bench: deps $(BIN) $(B)/bench/probe $(B)/bench/startprobe
	$(if $(FULL),PROBE=$(B)/bench/probe bench/full,PROBE=$(B)/bench/probe bench/run)

# The raw netlink floor bench/run measures -batch -force against, and
# the floor of a start-up (a process that dumps links and prints names).
$(B)/bench/probe $(B)/bench/startprobe: $(B)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS)

demo: deps $(BIN)
	tests/sandbox ./demo/tutorial.sh

# The same tutorial as one atomic batch: every line applies, or none stays.
demo-batch: deps $(BIN)
	tests/sandbox sh -c './$(BIN) -atomic -batch demo/tutorial.batch && ./$(BIN) -n namespace_A route'

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary and its applet
# links in sbin, the man pages, the JSON schemas, and bash/zsh/fish
# completions (one link per applet name, since shells look completions up
# by command name).
# `make uninstall` removes exactly that.
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MAN8DIR ?= $(PREFIX)/share/man/man8
# bash-completion's own directory (pkg-config) under its prefix, rebased
# onto ours: it also searches PREFIX/share (XDG_DATA_DIRS).
BASHCOMPDIR ?= $(shell pkg-config --define-variable=datadir=$(PREFIX)/share \
	--variable=completionsdir bash-completion 2>/dev/null || echo $(PREFIX)/share/bash-completion/completions)
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
SCHEMADIR ?= $(PREFIX)/share/ipbox/schemas
APPLETS = ip netns link addr route neigh nat ipnetns iplink ipaddr iproute ipneigh ipnat tuntap monitor rule iprule nexthop
MANPAGES = $(wildcard man8/*.8)

install: $(BIN)
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MAN8DIR) $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(SBINDIR)/ipbox
	for a in $(APPLETS); do ln -sf ipbox $(DESTDIR)$(SBINDIR)/$$a; done
	install -m 644 $(MANPAGES) $(DESTDIR)$(MAN8DIR)
	install -m 644 completions/ipbox.bash $(DESTDIR)$(BASHCOMPDIR)/ipbox
	for a in $(APPLETS); do ln -sf ipbox $(DESTDIR)$(BASHCOMPDIR)/$$a; done
	install -m 644 completions/_ipbox $(DESTDIR)$(ZSHCOMPDIR)/_ipbox
	install -m 644 completions/ipbox.fish $(DESTDIR)$(FISHCOMPDIR)/ipbox.fish
	for a in $(APPLETS); do ln -sf ipbox.fish $(DESTDIR)$(FISHCOMPDIR)/$$a.fish; done
	install -d $(DESTDIR)$(SCHEMADIR)
	install -m 644 schemas/*.json $(DESTDIR)$(SCHEMADIR)

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/ipbox $(addprefix $(DESTDIR)$(SBINDIR)/,$(APPLETS))
	rm -f $(addprefix $(DESTDIR)$(MAN8DIR)/,$(notdir $(MANPAGES)))
	rm -f $(DESTDIR)$(BASHCOMPDIR)/ipbox $(addprefix $(DESTDIR)$(BASHCOMPDIR)/,$(APPLETS))
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_ipbox
	rm -f $(DESTDIR)$(FISHCOMPDIR)/ipbox.fish $(addsuffix .fish,$(addprefix $(DESTDIR)$(FISHCOMPDIR)/,$(APPLETS)))
	rm -f $(addprefix $(DESTDIR)$(SCHEMADIR)/,$(notdir $(wildcard schemas/*.json)))
	-rmdir $(DESTDIR)$(SCHEMADIR) $(DESTDIR)$(PREFIX)/share/ipbox 2>/dev/null

# The Debian package (debian/), built from a copy of the tree in
# build/deb/ so the worktree stays clean: build/deb/ipbox_VERSION_ARCH.deb
# (two jobs, as `make -j2`).
deb:
	rm -rf $(B)/deb && mkdir -p $(B)/deb/src
	tar -c --exclude=./build --exclude=./build-asan --exclude=./build-fuzz \
		--exclude=./.git --exclude=./ipbox . | tar -x -C $(B)/deb/src
	cd $(B)/deb/src && dpkg-buildpackage -us -uc -b -J2
	@ls $(B)/deb/*.deb

# Build the package, lint it, install it into an empty root, run it from
# there, remove it (tests/pkg; `pkg: N passed, N failed`).
pkg-check:
	SUITE=pkg tests/run-bats tests/pkg/pkg.bats

clean:
	rm -rf build build-asan build-fuzz ipbox

.PHONY: all unit test-tools adversarial difffuzz difffuzz-ci deps check check-asan fuzz fuzz-smoke bench demo demo-batch install uninstall deb pkg-check clean
