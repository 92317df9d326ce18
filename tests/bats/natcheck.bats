#!/usr/bin/env bats
# nat's explanations: the warnings add and show give when something the
# kernel holds would drop a rule's traffic (forward chains of other
# tables, strict rp_filter).  The nft ruleset of each test is made with nft.

load helpers

bats_require_minimum_version 1.5.0

eval "helpers_$(declare -f teardown)"

teardown() {
	nft flush ruleset 2>/dev/null || true
	echo 0 >/proc/sys/net/ipv4/ip_forward
	echo 0 >/proc/sys/net/ipv4/conf/all/rp_filter
	kill $(jobs -p) 2>/dev/null || true
	helpers_teardown
}

handle_of() {	# handle_of FAMILY TABLE CHAIN TEXT: the handle of the rule with TEXT
	nft -a list chain "$1" "$2" "$3" | awk -v t="$4" 'index($0, t) { print $NF }'
}

@test "add and show warn once about forward chains of other tables that drop a rule's traffic" {
	$IP link add eth0 type veth peer name eth0p
	"$IPBOX" nat forward on
	nft add table inet filter
	nft add chain inet filter forward '{ type filter hook forward priority 0; policy drop; }'
	run --separate-stderr "$IPBOX" -4 nat add masquerade src 192.168.1.0/24 oif eth0
	assert_success
	assert_equal "${#stderr_lines[@]}" 2
	assert_equal "${stderr_lines[0]}" "Warning: table inet filter chain forward (hook forward) has policy drop: it drops the packets of this rule's connections; accept them there first (nft insert rule inet filter forward ip saddr 192.168.1.0/24 accept)."
	assert_equal "${stderr_lines[1]}" "Warning: table inet filter chain forward (hook forward) has policy drop: it drops the answers to this rule's connections; accept them there first (nft insert rule inet filter forward ct state established,related accept)."
	# the rule is there all the same
	run nft list chain inet ipbox srcnat
	assert_output --partial 'ip saddr 192.168.1.0/24 oifname "eth0"'

	# accepted first: nothing to say; another subnet still dropped
	nft add rule inet filter forward ct state established,related accept
	nft add rule inet filter forward ip saddr 192.168.0.0/16 accept
	run --separate-stderr "$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0
	assert_success
	assert_equal "$stderr" ""
	run --separate-stderr "$IPBOX" nat add masquerade src 10.1.0.0/16 oif eth0
	assert_equal "$stderr" "Warning: table inet filter chain forward (hook forward) has policy drop: it drops the packets of this rule's connections; accept them there first (nft insert rule inet filter forward ip saddr 10.1.0.0/16 accept)."

	# show: each reason once, the listing unchanged, exit 0
	run --separate-stderr "$IPBOX" nat show
	assert_success
	assert_equal "${#lines[@]}" 3
	assert_equal "$stderr" "Warning: table inet filter chain forward (hook forward) has policy drop: it drops the packets of this rule's connections; accept them there first (nft insert rule inet filter forward ip saddr 10.1.0.0/16 accept)."
	run --separate-stderr "$IPBOX" -j nat show
	assert_success
	assert_equal "$(echo "$output" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 3

	# drop and reject rules (iptables-style table ip) whose match covers it
	nft delete table inet filter
	nft add table ip fw
	nft add chain ip fw FORWARD '{ type filter hook forward priority 0; }'
	nft add rule ip fw FORWARD ip saddr 10.0.0.0/8 counter drop
	nft add rule ip fw FORWARD ip daddr 172.16.0.0/12 reject
	nft add rule ip fw FORWARD iifname "other" drop
	local d r
	d=$(handle_of ip fw FORWARD 'ip saddr 10.0.0.0/8')
	r=$(handle_of ip fw FORWARD 'ip daddr 172.16.0.0/12')
	run --separate-stderr "$IPBOX" nat add masquerade src 10.2.0.0/16 oif eth0
	assert_success
	assert_equal "$stderr" "Warning: table ip fw chain FORWARD rule handle $d (hook forward) drops the packets of this rule's connections; delete it or accept them before it."
	run --separate-stderr "$IPBOX" nat add dnat iif eth0 proto tcp dport 80 to 172.16.0.5:8080
	assert_equal "$stderr" "Warning: table ip fw chain FORWARD rule handle $r (hook forward) rejects the packets of this rule's connections; delete it or accept them before it."
	# a drop whose match is elsewhere (another subnet, another interface) is no reason
	run --separate-stderr "$IPBOX" nat add masquerade src 192.168.5.0/24 oif eth0
	assert_equal "$stderr" ""
	# -batch: once per run, however many lines
	printf 'nat add masquerade src 10.3.0.0/16 oif eth0\nnat add masquerade src 10.3.0.0/16 oif eth0\n' >"$BATS_TEST_TMPDIR/b"
	run --separate-stderr "$IPBOX" -batch "$BATS_TEST_TMPDIR/b"
	assert_success
	assert_equal "$stderr" "Warning: table ip fw chain FORWARD rule handle $d (hook forward) drops the packets of this rule's connections; delete it or accept them before it."
}

@test "add and show warn once about strict rp_filter on the rule's interfaces or all" {
	$IP link add eth0 type veth peer name eth0p
	$IP link add br0 type bridge
	"$IPBOX" nat forward on
	echo 1 >/proc/sys/net/ipv4/conf/eth0/rp_filter
	run --separate-stderr "$IPBOX" -4 nat add masquerade src 192.168.1.0/24 oif eth0
	assert_success
	assert_equal "$stderr" "Warning: rp_filter is strict on eth0 (net.ipv4.conf.eth0.rp_filter = 1): a packet that comes in by an interface other than the route back to its source is dropped; set net.ipv4.conf.eth0.rp_filter to 2 (loose)."
	# loose on all wins (max), and a rule of other interfaces or none says nothing
	run --separate-stderr "$IPBOX" -4 nat add dnat iif br0 proto tcp dport 80 to 192.168.1.2
	assert_equal "$stderr" ""
	echo 2 >/proc/sys/net/ipv4/conf/all/rp_filter
	run --separate-stderr "$IPBOX" -4 nat add masquerade oif eth0
	assert_equal "$stderr" ""
	echo 1 >/proc/sys/net/ipv4/conf/all/rp_filter
	run --separate-stderr "$IPBOX" -4 nat add masquerade src 10.0.0.0/8
	assert_equal "$stderr" "Warning: rp_filter is strict (net.ipv4.conf.all.rp_filter = 1): a packet that comes in by an interface other than the route back to its source is dropped; set net.ipv4.conf.all.rp_filter to 2 (loose)."
	run --separate-stderr "$IPBOX" nat show
	assert_success
	assert_equal "${#lines[@]}" 4
	assert_equal "${#stderr_lines[@]}" 3
	assert_equal "${stderr_lines[0]}" "Warning: rp_filter is strict on eth0 (net.ipv4.conf.all.rp_filter and net.ipv4.conf.eth0.rp_filter = 1): a packet that comes in by an interface other than the route back to its source is dropped; set net.ipv4.conf.all.rp_filter and net.ipv4.conf.eth0.rp_filter to 2 (loose)."
	assert_equal "${stderr_lines[2]}" "Warning: rp_filter is strict on br0 (net.ipv4.conf.all.rp_filter = 1): a packet that comes in by an interface other than the route back to its source is dropped; set net.ipv4.conf.all.rp_filter to 2 (loose)."
	# srcnat's rules come first, then dstnat's
	assert_equal "${stderr_lines[1]}" "Warning: rp_filter is strict (net.ipv4.conf.all.rp_filter = 1): a packet that comes in by an interface other than the route back to its source is dropped; set net.ipv4.conf.all.rp_filter to 2 (loose)."
}
