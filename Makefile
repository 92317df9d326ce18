# ipbox: one multi-call binary replacing iproute2's ip for netns, link,
# addr, route and neigh, plus nat.  `make` builds it; `make check` runs
# every test suite; `make demo` runs the seed tutorial in a sandbox.
CC ?= cc
PKGS = libmnl libnftnl libcap
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE $(shell pkg-config --cflags $(PKGS))
LDLIBS += $(shell pkg-config --libs $(PKGS))

LIB_SRCS = $(wildcard args/*.c output/*.c netlink/*.c namespace/*.c caps/*.c names/*.c nat/*.c)
CMD_SRCS = $(wildcard cmd/*.c)
SRCS = $(LIB_SRCS) $(CMD_SRCS)
OBJS = $(SRCS:%.c=build/%.o)
LIB_OBJS = $(LIB_SRCS:%.c=build/%.o)
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/unit/%)

all: ipbox

ipbox: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

build/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# Unit tests link the library layers and cmd/ minus main().
UNIT_LINK = $(LIB_OBJS) $(filter-out build/cmd/main.o,$(CMD_SRCS:%.c=build/%.o)) build/cmd/main_nomain.o

build/cmd/main_nomain.o: cmd/main.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Dmain=ipbox_main -c -o $@ $<

build/unit/%: tests/unit/%.c tests/unit/unit.h $(UNIT_LINK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(UNIT_LINK) $(LDLIBS)

unit: $(UNIT_BINS)
	@tests/unit/run $(UNIT_BINS)

check: ipbox unit
	tests/run-bats

# The same suites under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) clean
	$(MAKE) CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" ipbox unit

clean:
	rm -rf build ipbox

.PHONY: all unit check asan clean
