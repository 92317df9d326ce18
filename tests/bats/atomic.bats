#!/usr/bin/env bats
# -atomic: a batch applies whole or is rolled back (cmd/atomic.c,
# journal.c, undo*.c, rollback.c).  Each test compares a dump of every
# object (tests/atomic/dump.sh: links -d, addresses, routes of every
# table, neighbours, rules, nexthops, netns list, nat table, in every
# namespace, read with /bin/ip) before and after.  CI runs a slice; the
# whole proof: ATOMIC_EVERY=1 ATOMIC_KILLS=20 tests/run-bats tests/bats/atomic.bats

load helpers

ATOMIC=$BATS_TEST_DIRNAME/../atomic

# Also rules, nexthops and nft tables, which helpers' reset_sandbox leaves.
teardown() {
	rm -f /run/ipbox/*.journal
	reset_sandbox_all
}

@test "tutorial: a failure after any line leaves every object as it was" {
	cd "$BATS_TEST_DIRNAME/../.."
	run sh "$ATOMIC/inject.sh" demo/tutorial.batch "${ATOMIC_EVERY:-2}"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"inject: "*" runs, 0 differ"* ]]
}

@test "lab: a failure after any line of 200 leaves every object as it was" {
	cd "$BATS_TEST_DIRNAME/../.."
	IPBOX=$IPBOX sh "$ATOMIC/setup.sh"
	run sh "$ATOMIC/inject.sh" "$ATOMIC/lab.batch" "${ATOMIC_EVERY:-15}"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "lab: applied whole, nothing left behind" {
	cd "$BATS_TEST_DIRNAME/../.."
	IPBOX=$IPBOX sh "$ATOMIC/setup.sh"
	run $IPBOX -atomic -batch "$ATOMIC/lab.batch"
	[ "$status" -eq 0 ]
	[ -z "$(ls /run/ipbox)" ]
	# a few of its effects, read back
	$IP -n lab_ns addr show dev lab_v2 | grep -q 'inet 10.32.0.1/24'
	$IP -n pre link show vp1 | grep -q 'mtu 1300'
	$IP nexthop show id 20 | grep -q 'via 10.20.0.202'
	! $IP link show vx_pre 2>/dev/null
	nft list ruleset | grep -q 'snat ip to 198.51.100.5'
}

@test "kill -9 at random points: the next -atomic refuses, -undo restores" {
	cd "$BATS_TEST_DIRNAME/../.."
	IPBOX=$IPBOX sh "$ATOMIC/setup.sh"
	run bash "$ATOMIC/kill.sh" "$ATOMIC/lab.batch" "${ATOMIC_KILLS:-4}"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "lines that cannot be undone are refused before anything runs" {
	$IP netns add keep
	$IP tuntap add dev tap_keep mode tap
	printf '%s\n' 'link add ab0 type ifb' 'netns delete keep' 'link set ab0 up' \
		'tuntap del dev tap_keep mode tap' 'netns exec keep true' 'link delete lo' \
		>"$BATS_TEST_TMPDIR/b"
	run $IPBOX -atomic -batch "$BATS_TEST_TMPDIR/b"
	[ "$status" -eq 1 ]
	[[ "$output" == *"a deleted namespace takes what is in it"* ]]
	[[ "$output" == *"Command failed $BATS_TEST_TMPDIR/b:2"* ]]
	[[ "$output" == *"Command failed $BATS_TEST_TMPDIR/b:4"* ]]
	[[ "$output" == *"Command failed $BATS_TEST_TMPDIR/b:5"* ]]
	[[ "$output" == *"Command failed $BATS_TEST_TMPDIR/b:6"* ]]
	[[ "$output" == *"Nothing was run: the batch has 4 lines it could not undo."* ]]
	! $IP link show ab0 2>/dev/null
	$IP netns list | grep -q keep
	$IP link show tap_keep
	[ -z "$(ls /run/ipbox)" ]
}

@test "-atomic goes with -batch or one command, never with -force" {
	run $IPBOX -atomic -force -batch /dev/null
	[ "$status" -eq 255 ]
	[[ "$output" == *"cannot go with -force"* ]]
	run $IPBOX -atomic link add ab1 type ifb
	[ "$status" -eq 0 ]
	$IP link show ab1
}
