#!/usr/bin/env bats
# neigh: show in every mode, add/del/change/replace, get, flush and
# errors, each compared with /bin/ip on the same kernel state.

load helpers

# No DAD, and a wait for the link-local routes: nothing changes mid-test.
LINKS="$VETH_V0
$LINKLOCAL_WAIT"

NEIGHS='ip neigh add 10.0.0.2 lladdr aa:bb:cc:dd:ee:ff dev v0
ip neigh add 10.0.0.3 lladdr aa:bb:cc:dd:ee:01 dev v0 nud reachable router
ip neigh add 10.0.0.4 dev v0 nud noarp lladdr 1:2:3:4:5:6
ip neigh add 10.0.0.5 dev v0 nud stale lladdr 1:2:3:4:5:7 extern_learn
ip neigh add 10.0.0.6 dev v0 nud failed
ip neigh add 10.0.0.7 dev v0 nud none
ip neigh add proxy 10.0.0.8 dev v0
ip neigh add 2001:db8::2 lladdr aa:bb:cc:dd:ee:02 dev v0 router
ip neigh add 10.0.0.9 dev v0 lladdr 1:2:3:4:5:9 protocol static'

populate() {
	eval "$LINKS"
	eval "$NEIGHS"
	run "$IP" neigh show 10.0.0.3
	assert_output "10.0.0.3 dev v0 lladdr aa:bb:cc:dd:ee:01 router REACHABLE "
}

@test "ip n is neighbor; an empty cache shows nothing" {
	same n
	same neighbour show
	same -j neigh
	run "$IPBOX" n
	assert_success
	assert_output ""
}

@test "show prints every state and flag as /bin/ip" {
	populate
	for opts in "" -4 -6 -o -j "-j -p"; do
		same $opts neigh
		# (-4: IPv6 multicast NOARP entries come and go on their own)
		same $opts -4 neigh show nud all
		same $opts neigh show proxy
	done
}

# -s adds ages in seconds, which may tick between the two runs: mask them.
same_stats() {
	local d=$BATS_TEST_TMPDIR
	"$IP" "$@" | sed -E 's/[0-9]+/N/g' >"$d/ip.s"
	"$IPBOX" "$@" | sed -E 's/[0-9]+/N/g' >"$d/box.s"
	diff -u "$d/ip.s" "$d/box.s" || fail "stats differ for: $*"
	grep -q used "$d/box.s" || fail "no stats in: $*"
}

@test "show -s prints cache info" {
	populate
	same_stats -s neigh
	same_stats -j -s neigh
	same_stats -s neigh get 10.0.0.3 dev v0
}

@test "show selectors" {
	populate
	same neigh show nud none
	same neigh show nud permanent nud stale
	same neigh show nud noarp
	same neigh show dev v0
	same neigh show dev v1
	same neigh show 10.0.0.0/30
	same neigh show to 10.0.0.2
	same -6 neigh show to 2001:db8::/64
	same neigh show unused
	same neigh show proto static
	same n s
	same n l
}

@test "show errors" {
	populate
	same neigh show nud foo
	same neigh show dev nope
	same neigh show to 10.0.0.0/33
	same neigh show proto foo
	same neigh show dev
	same neigh foo
}

@test "get" {
	populate
	same neigh get 10.0.0.2 dev v0
	same -j neigh get 10.0.0.2 dev v0
	same neigh get proxy 10.0.0.8 dev v0
	same neigh get 2001:db8::2 dev v0
	same neigh get 10.0.0.99 dev v0
	same neigh get 10.0.0.2
	same neigh get 10.0.0.2 dev nope
}

@test "add, change, replace, del land the same entries" {
	same_effect "$LINKS" neigh add 10.0.0.2 lladdr aa:bb:cc:dd:ee:ff dev v0
	same_effect "$LINKS" neigh add 10.0.0.2 lladdr aa:bb:cc:dd:ee:ff dev v0 nud reachable router
	same_effect "$LINKS" neigh add 10.0.0.2 dev v0 nud noarp lladdr 1:2:3:4:5:6
	same_effect "$LINKS" neigh add 10.0.0.2 dev v0 nud stale lladdr 1:2:3:4:5:7 extern_learn
	same_effect "$LINKS" neigh add proxy 10.0.0.8 dev v0
	same_effect "$LINKS" neigh add 2001:db8::2 lladdr aa:bb:cc:dd:ee:02 dev v0 router
	same_effect "$LINKS" neigh add 10.0.0.9 dev v0 lladdr 1:2:3:4:5:9 protocol static
	local s="$LINKS
ip neigh add 10.0.0.2 lladdr aa:bb:cc:dd:ee:ff dev v0"
	same_effect "$s" neigh del 10.0.0.2 dev v0
	same_effect "$s" neigh change 10.0.0.2 lladdr 11:22:33:44:55:66 dev v0 nud stale
	same_effect "$s" neigh replace 10.0.0.2 lladdr 11:22:33:44:55:66 dev v0
	same_effect "$s" neigh replace 10.0.0.3 lladdr 11:22:33:44:55:67 dev v0 nud reachable
	same_effect "$s" neigh change 10.0.0.3 lladdr 11:22:33:44:55:67 dev v0
}

@test "managed, use and an abbreviated extern_learn land as with /bin/ip" {
	# managed starts the entry empty (nud none) unless a later nud says
	# otherwise; use asks the kernel to resolve it
	same_effect "$LINKS" neigh add 10.0.0.2 dev v0 managed
	same_effect "$LINKS" neigh add 10.0.0.2 dev v0 lladdr 1:2:3:4:5:6 nud stale managed
	same_effect "$LINKS" neigh add 10.0.0.2 dev v0 managed nud stale lladdr 1:2:3:4:5:6
	same_effect "$LINKS" neigh replace 10.0.0.2 dev v0 managed extern_learn
	same_effect "$LINKS" neigh add 10.0.0.2 dev v0 lladdr 1:2:3:4:5:6 use
	same_effect "$LINKS" neigh add 10.0.0.2 dev v0 lladdr 1:2:3:4:5:6 ext
	eval "$LINKS"
	# nothing answers for 10.0.0.3: slow probes keep it INCOMPLETE
	sysctl -qw net.ipv4.neigh.v0.retrans_time_ms=60000
	run "$IPBOX" neigh replace 10.0.0.3 dev v0 managed ext
	assert_success
	run "$IP" neigh show 10.0.0.3
	assert_output "10.0.0.3 dev v0 managed extern_learn INCOMPLETE "
	# managed prints before extern_learn, as iproute2 does
	for opts in "" -j; do
		same $opts neigh show 10.0.0.3
		same $opts neigh show all
		same $opts neigh show to any
	done
	same_effect "$LINKS
ip neigh replace 10.0.0.3 dev v0 managed extern_learn" neigh flush all
}

@test "add reads addresses as iproute2 (octal, hex, words, -0 lladdr)" {
	same_effect "$LINKS" neigh add 012.0.0.9 lladdr aa:bb:cc:dd:ee:01 dev v0
	same_effect "$LINKS" neigh add 0xa.0.0.9 lladdr aa:bb:cc:dd:ee:01 dev v0
	same_effect "$LINKS" neigh add any lladdr aa:bb:cc:dd:ee:01 dev v0
	same_effect "$LINKS" neigh add 300.0.0.9 lladdr aa:bb:cc:dd:ee:01 dev v0
	same_effect "$LINKS" -0 neigh add 10.0.0.9 lladdr aa:bb:cc:dd:ee:01 dev v0
}

@test "flush" {
	local s="$LINKS
$NEIGHS"
	same_effect "$s" neigh flush dev v0
	same_effect "$s" -s neigh flush dev v0
	same_effect "$s" neigh flush nud all
	same_effect "$s" -s neigh flush 10.0.0.0/24 nud permanent
	same_effect "$s" neigh flush to 10.0.0.9
	same_effect "$s" neigh flush
	same_effect "$s" neigh flush nud none
	same_effect "$s" neigh flush dev v0 nud noarp
	same_effect "$s" neigh flush proto static
	same_effect "$s" neigh flush unused nud all
	# thousands of deletes: several pipelined chunks, one round
	same_effect "$LINKS
$(many_on_v0 neigh)" -s neigh flush dev v0 nud all
	# a flush is plain text even under -j (its -s -s lines carry timers:
	# read here, not compared)
	same_effect "$s" -j -s neigh flush dev v0
	populate
	run "$IPBOX" -j -s -s neigh flush dev v0 nud all
	assert_success
	refute_output --partial "{"
	assert_line --regexp "^10\.0\.0\.3 lladdr aa:bb:cc:dd:ee:01 router .*REACHABLE $"
	assert_line "*** Flush is complete after 1 round ***"
}

@test "flush: a failed delete fails the flush after the others are deleted, as iproute2" {
	# the bridge's own multicast fdb entries cannot be deleted (ENOENT
	# every round): iproute2 deletes the rest in the same batch, says why
	# once and exits 1 (ipbox took ENOENT for an entry gone and bailed
	# out after ten rounds)
	same_script '$IP link add br0 type bridge; $IP link add v0 type veth peer name v1
		$IP link set v0 master br0; for d in br0 v0 v1; do $IP link set $d up; done
		$T -f bridge neigh flush nud all; echo "status $?"
		$IP -f bridge neigh show dev v1 | wc -l
		$T -s -f bridge neigh flush nud all dev v1; echo "status $?"
		$T -s -f bridge neigh flush nud all dev br0 >/dev/null; echo "status $?"'
	run cat "$BATS_TEST_TMPDIR/box.script"
	assert_line --index 0 "Failed to send flush request: No such file or directory"
	assert_line --index 1 "status 1"
	assert_line --index 2 "0"
}

@test "flush proxy removes the proxy entries" {
	populate
	run "$IP" neigh show proxy
	assert_output "10.0.0.8 dev v0 proxy "
	run "$IPBOX" -s neigh flush proxy
	assert_success
	assert_output "$(printf '\n*** Round 1, deleting 1 entries ***\n*** Flush is complete after 1 round ***')"
	run "$IP" neigh show proxy
	assert_output ""
	run "$IP" neigh show 10.0.0.2
	assert_output --partial PERMANENT
}

@test "add and del errors" {
	populate
	same neigh add 10.0.0.2 lladdr aa:bb:cc:dd:ee:ff dev v0
	same neigh add 10.0.0.12 lladdr zz dev v0
	same neigh add 10.0.0.12 lladdr 1:2:300 dev v0
	same neigh add 10.0.0.12
	same neigh del 10.0.0.99 dev v0
	same neigh add 10.0.0.12 dev v0 nud foo
	same neigh add 10.0.0.12 dev nope
	same neigh add 10.0.0.12 10.0.0.13 dev v0
	same neigh add 10.0.0.12 lladdr 1:2 lladdr 1:3 dev v0
	same neigh add 300.0.0.1 dev v0
	same neigh add 10.0.0.12 dev v0 protocol foo
	same -6 neigh add 10.0.0.12 dev v0
	same neigh add 10.0.0.12 dev
	run "$IP" neigh show 10.0.0.12 nud all
	assert_output ""
}

@test "help prints the usage, exit 255" {
	run "$IPBOX" neigh help
	assert_failure 255
	assert_line --index 0 "Usage: ip neigh { add | del | change | replace }"
}

@test "the usage is iproute2's" {
	diff <("$IP" neigh help 2>&1) <("$IPBOX" neigh help 2>&1)
}

@test "-br prints brief columns, in every mode" {
	populate
	for opts in -br "-br -j" "-br -s" "-br -4" "-br -6"; do
		same $opts neigh
		same $opts neigh show dev v0
		same $opts neigh show proxy
		same $opts neigh show nud all
	done
}

@test "show and flush by master, nomaster and vrf" {
	local s="$LINKS
$NEIGHS
ip link add br0 type bridge
ip link set v1 master br0
ip link set br0 up
ip addr add 10.1.0.1/24 dev br0
ip neigh add 10.1.0.8 lladdr 02:00:00:00:00:08 dev br0"
	eval "$s"
	for w in "master br0" nomaster "master v1" "master nope" "vrf nope" "vrf br0" master; do
		same neigh show $w
		same -br neigh show $w
	done
	same_effect "$s" neigh flush nomaster
	same_effect "$s" neigh flush master br0
	same_effect "$s" neigh flush vrf br0
}

@test "lladdr in dotted form: read as iproute2 (10.1 is 4 bytes), the kernel decides" {
	eval "$LINKS"
	"$IP" link add t0 type ifb
	for l in 10.1 10.1.2.3 0x10.1 010.1 1.2.3.4.5 10. 300.1; do
		same neigh add 10.0.0.5 lladdr $l dev v0
		same neigh add 10.0.0.5 lladdr $l dev t0
	done
	same -0 neigh add 10.0.0.5 lladdr 10.1 dev v0
}
