#!/usr/bin/env bats
# Issue 15, class "concurrent writers": 20 ipbox processes at once, of
# every kind (namespaces, links, addresses, routes, neighbours, rules,
# nexthops, tuntap, nat rules and nat batches, and all of them mixed).
# Every writer succeeds and the state read back holds exactly what they
# wrote: nothing lost, nothing doubled, no stray mount, one nat table.

load adv

# parallel N CMD...: run CMD N times at once with {} replaced by 1..N;
# prints the failures.
parallel() {
	local n=$1 i
	shift
	for i in $(seq 1 "$n"); do
		# shellcheck disable=SC2001
		( "${@//\{\}/$i}" >/dev/null 2>"$BATS_TEST_TMPDIR/err.$i" ||
			echo "writer $i ($*): $(cat "$BATS_TEST_TMPDIR/err.$i")" ) &
	done
	wait
}

setup() {
	in_sandbox || return 1
	$IP link add i0 type ifb
	$IP link set i0 up
	$IP addr add 10.5.0.1/16 dev i0
	"$IPBOX" netns add warm	# /run/netns already shared
}

@test "namespaces: 20 adds, 20 -n link adds, 20 deletes" {
	local mounts named
	mounts=$(grep -c ' /run/netns' /proc/self/mountinfo)
	# Counted from what is there: the machine's own /run/netns, covered
	# by the sandbox's, may hold mounts of its own (one named nsx once).
	named=$(grep -c ' /run/netns/n' /proc/self/mountinfo || true)
	run parallel 20 "$IPBOX" netns add n{}
	assert_output ""
	[ "$(ls /run/netns | wc -l)" -eq 21 ]
	[ "$(grep -c ' /run/netns/n' /proc/self/mountinfo)" -eq $((named + 20)) ]
	run parallel 20 "$IPBOX" -n n{} link add x{} type ifb
	assert_output ""
	for i in $(seq 1 20); do
		$IP -n "n$i" link show "x$i" >/dev/null || fail "x$i not in n$i"
	done
	run parallel 20 "$IPBOX" netns delete n{}
	assert_output ""
	run ls /run/netns
	assert_output warm
	[ "$(grep -c ' /run/netns' /proc/self/mountinfo)" -eq "$mounts" ]
}

@test "links, addresses, routes, neighbours, rules, nexthops, tuntap: 20 writers each" {
	run parallel 20 "$IPBOX" link add l{} type ifb
	assert_output ""
	[ "$($IP -o link show type ifb | grep -c ': l[0-9]*:')" -eq 20 ]
	run parallel 20 "$IPBOX" address add 10.6.0.{}/32 dev i0
	assert_output ""
	[ "$($IP -4 -o addr show dev i0 | grep -c 'inet 10\.6\.0\.')" -eq 20 ]
	run parallel 20 "$IPBOX" route add 10.7.{}.0/24 via 10.5.0.2
	assert_output ""
	[ "$($IP route show root 10.7.0.0/16 | wc -l)" -eq 20 ]
	run parallel 20 "$IPBOX" neigh add 10.5.1.{} lladdr 02:00:00:00:01:01 dev i0
	assert_output ""
	[ "$($IP neigh show dev i0 | grep -c '^10\.5\.1\.')" -eq 20 ]
	run parallel 20 "$IPBOX" rule add from 10.8.{}.0/24 table 100
	assert_output ""
	[ "$($IP rule show | grep -c 'from 10\.8\.')" -eq 20 ]
	run parallel 20 "$IPBOX" nexthop add id {} via 10.5.0.2 dev i0
	assert_output ""
	[ "$($IP nexthop show | wc -l)" -eq 20 ]
	run parallel 20 "$IPBOX" tuntap add dev tap{} mode tap
	assert_output ""
	[ "$($IP -o link show | grep -c ': tap[0-9]*:')" -eq 20 ]
	# and 20 pipelined batches of 50 routes each
	for i in $(seq 1 20); do
		for j in $(seq 1 50); do echo "route add 10.9.$i.$j/32 dev i0"; done >"$BATS_TEST_TMPDIR/b$i"
	done
	run parallel 20 "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/b{}"
	assert_output ""
	[ "$($IP route show root 10.9.0.0/16 | wc -l)" -eq 1000 ]
}

@test "nat: 20 adds, 20 batches, 20 replaces of one rule, 20 deletes: one table, each rule once and whole" {
	run parallel 20 "$IPBOX" nat add dnat proto tcp dport 1{} to 10.5.2.{}
	assert_output ""
	[ "$(nft list tables | grep -c 'inet ipbox')" -eq 1 ]
	run "$IPBOX" nat show
	[ "$(grep -c '^dnat proto tcp dport 1[0-9]* to 10\.5\.2\.[0-9]* handle [0-9]*$' <<<"$output")" -eq 20 ]
	for i in $(seq 1 20); do
		for j in $(seq 1 20); do echo "nat add masquerade src 10.$((100 + i)).$j.0/24"; done >"$BATS_TEST_TMPDIR/n$i"
	done
	run parallel 20 "$IPBOX" -batch "$BATS_TEST_TMPDIR/n{}"
	assert_output ""
	[ "$(nft list chain inet ipbox srcnat | grep -c 'masquerade comment')" -eq 400 ]
	# replace is add-if-absent: 20 racing replaces leave one rule
	run parallel 20 "$IPBOX" nat replace snat src 10.99.0.0/24 to 192.0.2.{}
	assert_output ""
	run parallel 20 "$IPBOX" nat replace masquerade src 10.98.0.0/24
	assert_output ""
	run "$IPBOX" nat show
	[ "$(grep -c '^masquerade src 10\.98\.0\.0/24 handle' <<<"$output")" -eq 1 ]
	[ "$(grep -c '^snat src 10\.99\.0\.0/24 ' <<<"$output")" -eq 20 ]
	refute_output --partial incomplete
	# every half of every dnat rule is there: 2 nft rules each
	[ "$(nft list table inet ipbox | grep -c 'comment "dnat ')" -eq 40 ]
	run parallel 20 "$IPBOX" nat del dnat proto tcp dport 1{} to 10.5.2.{}
	assert_output ""
	run nft list table inet ipbox
	refute_output --partial 'comment "dnat '
}

@test "everything at once: 20 writers of mixed kinds, then a consistent state" {
	local i
	for i in $(seq 1 20); do
		case $((i % 5)) in
		0) echo "netns add m$i" ;;
		1) echo "link add m$i type ifb" ;;
		2) echo "route add 10.10.$i.0/24 via 10.5.0.2" ;;
		3) echo "nat add masquerade src 10.11.$i.0/24" ;;
		4) printf 'address add 10.12.0.%d/32 dev i0\nneigh add 10.5.3.%d lladdr 02:00:00:00:03:01 dev i0\n' "$i" "$i" ;;
		esac >"$BATS_TEST_TMPDIR/m$i"
	done
	run parallel 20 "$IPBOX" -batch "$BATS_TEST_TMPDIR/m{}"
	assert_output ""
	[ "$(ls /run/netns | grep -c '^m')" -eq 4 ]
	[ "$($IP -o link show | grep -c ': m[0-9]*:')" -eq 4 ]
	[ "$($IP route show root 10.10.0.0/16 | wc -l)" -eq 4 ]
	[ "$("$IPBOX" nat show | grep -c '^masquerade src 10\.11\.')" -eq 4 ]
	[ "$($IP -o addr show dev i0 | grep -c 'inet 10\.12\.')" -eq 4 ]
	[ "$($IP neigh show dev i0 | grep -c '^10\.5\.3\.')" -eq 4 ]
}
