#!/usr/bin/env bats
# -check (cmd/check.c, check_model.c): every line of a batch is checked
# against the state as the lines before it would leave it, nothing is
# changed (tests/atomic/dump.sh before and after, read with /bin/ip), and
# every line that would fail is reported with its line number and the
# reason a real run gives.

load helpers

DUMP=$BATS_TEST_DIRNAME/../atomic/dump.sh
TUTORIAL=$BATS_TEST_DIRNAME/../../demo/tutorial.batch

# Also rules and nexthops (the lab's setup makes them).
teardown() {
	reset_sandbox_all
}

# The state, less IPv6 link-local addresses and their routes: they come
# a moment after a link goes up (duplicate address detection), which may
# fall between two dumps.
dump() {
	sh "$DUMP" | grep -v 'fe80:'
}

# The line numbers of the `Command failed FILE:LINE` lines in $output.
failed_lines() {
	sed -n 's/^Command failed .*:\([0-9]*\)$/\1/p' <<<"$output" | tr '\n' ' '
}

# check_fails BATCH LINES REASON...: `-check -atomic -batch BATCH` fails
# at exactly LINES ("N N ... ") and prints a line matching each REASON.
check_fails() {
	local reason
	run $IPBOX -check -atomic -batch "$1"
	echo "$output"
	[ "$status" -eq 1 ]
	[ "$(failed_lines)" = "$2" ]
	for reason in "${@:3}"; do
		grep -qx -- "$reason" <<<"$output" || fail "no line says: $reason"
	done
}

@test "tutorial: passes on a fresh sandbox and applies; applied, the lines that would fail are named" {
	dump >"$BATS_TEST_TMPDIR/fresh"
	run $IPBOX -check -atomic -batch "$TUTORIAL"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	dump | diff "$BATS_TEST_TMPDIR/fresh" -
	# without -atomic, `-n NAME` lines fail as in a plain batch
	run $IPBOX -check -batch "$TUTORIAL"
	[ "$status" -eq 1 ]
	[ "$(failed_lines)" = "28 29 30 31 34 35 36 40 47 48 " ]
	grep -q 'Object "-n" is unknown' <<<"$output"

	run $IPBOX -atomic -batch "$TUTORIAL"
	[ "$status" -eq 0 ]
	dump >"$BATS_TEST_TMPDIR/applied"
	! diff -q "$BATS_TEST_TMPDIR/fresh" "$BATS_TEST_TMPDIR/applied"
	# the adds would fail, and moving the veths that are gone from the
	# host (a veth moved into namespace_A is no longer on the host);
	# master and up lines would apply
	check_fails "$TUTORIAL" "7 8 9 12 16 17 20 21 24 25 34 35 36 37 40 43 44 45 47 52 " \
		'Cannot create namespace file "/run/netns/namespace_A": File exists' \
		'Error: ipv4: Address already assigned.' \
		'Error: this nat rule is there already: the add would change nothing.' \
		'Cannot find device "veth_A"'
	dump | diff "$BATS_TEST_TMPDIR/applied" -
}

@test "injected failures are each flagged at their line, the lines between still checked" {
	# each injected line ends in "# BAD" (a comment: the batch cuts it)
	awk '{ print }
	     NR == 12 { print "link add bridge_0 type bridge # BAD exists by then" }
	     NR == 17 { print "link set veth_X up # BAD no such device" }
	     NR == 37 { print "addr add 192.168.1.10/24 dev bridge_0 # BAD duplicate address" }
	     NR == 40 { print "-n namespace_A route add default via 192.168.1.10 # BAD route exists";
	                print "route del 10.99.0.0/24 # BAD no such route";
	                print "route add 10.98.0.0/24 dev bridge_0 table nosuch # BAD unknown table";
	                print "-n namespace_A addr del 192.168.1.1/24 dev veth_A";
	                print "-n namespace_A addr del 192.168.1.1/24 dev veth_A # BAD address gone" }
	     NR == 44 { print "link add veth_Z type veth peer name eth0 netns remote # BAD peer name taken" }
	     END { print "nat add masquerade src 192.168.1.0/24 oif eth0 # BAD nat rule there";
	           print "nat del snat src 10.1.0.0/16 to 198.51.100.1 # BAD no such nat rule";
	           print "netns add namespace_B # BAD namespace exists" }' \
		"$TUTORIAL" >"$BATS_TEST_TMPDIR/bad.batch"
	want=$(grep -n '# BAD' "$BATS_TEST_TMPDIR/bad.batch" | cut -d: -f1 | tr '\n' ' ')
	dump >"$BATS_TEST_TMPDIR/before"
	check_fails "$BATS_TEST_TMPDIR/bad.batch" "$want" \
		'Cannot find device "veth_X"' \
		'RTNETLINK answers: No such process' \
		'Error: ipv4: Address not found.' \
		'Error: no such nat rule.'
	grep -q 'argument "nosuch" is wrong' <<<"$output"
	dump | diff "$BATS_TEST_TMPDIR/before" -
}

@test "one command: the reason is the one /bin/ip gives when it fails, nothing changes" {
	$IP link add br0 type bridge
	$IP link set br0 up
	$IP link add dn0 type ifb
	$IP addr add 10.9.0.1/24 dev br0
	$IP route add 10.8.0.0/24 dev br0
	$IP netns add ns1
	dump >"$BATS_TEST_TMPDIR/before"
	while IFS= read -r cmd; do
		run $IP $cmd
		[ "$status" -ne 0 ]
		want=$output
		run $IPBOX -check $cmd
		[ "$status" -eq 1 ] || fail "-check $cmd: status $status"
		[ "$output" = "$want" ] || fail "-check $cmd: '$output', /bin/ip: '$want'"
	done <<-'EOF'
		link add br0 type bridge
		link set nosuch up
		link del nosuch
		addr add 10.9.0.1/24 dev br0
		addr del 10.9.0.7/24 dev br0
		route add 10.8.0.0/24 dev br0
		route del 10.7.0.0/24
		route change 10.5.0.0/24 dev br0
		neigh change 10.9.0.5 lladdr 02:00:00:00:00:05 dev br0
		route add 10.6.0.0/24 dev dn0
		neigh del 10.9.0.9 dev br0
		netns add ns1
		netns del ns2
	EOF
	dump | diff "$BATS_TEST_TMPDIR/before" -
	# what would apply: status 0, and still nothing is made
	run $IPBOX -check link add new0 type ifb
	[ "$status" -eq 0 ]
	run $IPBOX -check route add 10.8.0.0/24 dev br0 metric 5
	[ "$status" -eq 0 ]
	! $IP link show new0 2>/dev/null
	dump | diff "$BATS_TEST_TMPDIR/before" -
}

@test "lab: 200 lines on a busy state (rules, nexthops, proxies, namespaces, nat) pass -check and change nothing" {
	cd "$BATS_TEST_DIRNAME/../.."
	IPBOX=$IPBOX sh tests/atomic/setup.sh
	dump >"$BATS_TEST_TMPDIR/before"
	run $IPBOX -check -atomic -batch tests/atomic/lab.batch
	echo "$output"
	[ "$status" -eq 0 ]
	dump | diff "$BATS_TEST_TMPDIR/before" -
}
