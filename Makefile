# ipbox: one multi-call binary replacing iproute2's ip for netns, link,
# addr, route and neigh, plus nat.
#   make          build ./ipbox
#   make check    install test deps, build, run unit + bats suites (also
#                 under ASan+UBSan); ends with `N passed, N failed`
#   make demo     install deps, build, run the seed tutorial in a sandbox
CC ?= cc
PKGS = libmnl libnftnl libcap
CFLAGS ?= -O2 -g
# Flags the code needs whatever CFLAGS the user (or check-asan) passes.
ALL_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE $(shell pkg-config --cflags $(PKGS)) $(CFLAGS)
LDLIBS += $(shell pkg-config --libs $(PKGS))
B ?= build
BIN ?= ipbox

LIB_SRCS = $(wildcard args/*.c output/*.c netlink/*.c namespace/*.c caps/*.c names/*.c nat/*.c)
CMD_SRCS = $(wildcard cmd/*.c)
OBJS = $(patsubst %.c,$(B)/%.o,$(LIB_SRCS) $(CMD_SRCS))
HDRS = $(wildcard */*.h)
UNIT_BINS = $(patsubst tests/unit/%.c,$(B)/unit/%,$(wildcard tests/unit/test_*.c))
# Unit tests link everything but main() (renamed away).
UNIT_LINK = $(filter-out $(B)/cmd/main.o,$(OBJS)) $(B)/cmd/main_nomain.o

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(B)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/cmd/main_nomain.o: cmd/main.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Dmain=ipbox_main -c -o $@ $<

$(B)/unit/%: tests/unit/%.c tests/unit/unit.h $(UNIT_LINK)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(UNIT_LINK) $(LDLIBS)

unit: $(UNIT_BINS)
	tests/unit/run $(UNIT_BINS)

deps:
	tests/deps

# Every suite, plain then under ASan+UBSan; the last line is the total.
check: deps
	tests/check

# The unit and bats suites against an ASan+UBSan build in build-asan/.
check-asan:
	$(MAKE) B=build-asan BIN=build-asan/ipbox CFLAGS="$(ASAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" build-asan/ipbox unit
	IPBOX=$(CURDIR)/build-asan/ipbox tests/run-bats

# ipbox against /bin/ip, side by side; writes bench/RESULTS.md.
bench: deps $(BIN)
	bench/run

demo: deps $(BIN)
	tests/sandbox ./demo/tutorial.sh

clean:
	rm -rf build build-asan ipbox

.PHONY: all unit deps check check-asan bench demo clean
