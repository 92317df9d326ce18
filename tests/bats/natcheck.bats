#!/usr/bin/env bats
# nat's explanations: the warnings add and show give when something the
# kernel holds would drop a rule's traffic (forward chains of other
# tables, strict rp_filter), and `nat check`, held against what real
# connections do.  The nft ruleset of each test is made with nft.

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
	# (another rule: the same words again would add nothing, nat.bats)
	run --separate-stderr "$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0 tag web
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

# remote (198.51.100.2, r0) == eth0 (198.51.100.1) host br0 (192.168.1.10)
# -- a (192.168.1.1, default via the host)
check_setup() {
	$IP netns add remote
	$IP netns add a
	$IP -batch - <<-'EOF'
	link set lo up
	link add eth0 type veth peer name r0 netns remote
	link add br0 type bridge
	link add a-br type veth peer name lan0 netns a
	addr add 198.51.100.1/24 dev eth0
	addr add 192.168.1.10/24 dev br0
	link set a-br master br0 up
	link set eth0 up
	link set br0 up
	EOF
	printf '%s\n' 'addr add 198.51.100.2/24 dev r0' 'link set r0 up' | $IP -n remote -batch -
	$IP -n a -batch - <<-'EOF'
	addr add 192.168.1.1/24 dev lan0
	link set lan0 up
	link set lo up
	route add default via 192.168.1.10
	EOF
	"$IPBOX" nat forward on >/dev/null
	$IP netns exec a socat TCP-LISTEN:80,fork,reuseaddr SYSTEM:"echo hello from a" &
	local i
	for i in $(seq 50); do
		$IP netns exec a ss -Hltn "sport = :80" | grep -q . && return 0
		sleep 0.1
	done
	fail "nothing listens on a port 80"
}

connect() {	# the remote connects to the host's port 8080
	$IP netns exec remote socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
}

@test "nat check predicts what real connections do: translated and forwarded, or dropped" {
	check_setup
	"$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0
	"$IPBOX" nat add dnat iif eth0 proto tcp dport 8080 to 192.168.1.1:80
	local m d
	m=$("$IPBOX" nat show | awk '/^masquerade/ { print $NF }')
	d=$("$IPBOX" nat show | awk '/^dnat/ { print $NF }')

	# flowing: port forwarding from the remote to a
	run "$IPBOX" nat check 198.51.100.2 198.51.100.1 proto tcp dport 8080
	assert_success
	assert_output "packet: 198.51.100.2 -> 198.51.100.1 proto tcp dport 8080 iif eth0 (the route back to the source)
dnat: dnat iif eth0 proto tcp dport 8080 to 192.168.1.1:80 handle $d: destination becomes 192.168.1.1:80
route: 192.168.1.1 dev br0 (unicast)
forwarding: on
rp_filter: eth0 0 (off)
filter: no forward chain
snat: no rule
verdict: translated to 192.168.1.1:80 from 198.51.100.2, forwarded via br0"
	run connect
	assert_output "hello from a"
	run "$IPBOX" -s nat show
	assert_line --regexp "^dnat iif eth0 .* handle $d packets 1 bytes [0-9]+$"

	# flowing: a's ping out, masqueraded
	run "$IPBOX" nat check 192.168.1.1 198.51.100.2 proto icmp
	assert_success
	assert_line "snat: masquerade src 192.168.1.0/24 oif eth0 handle $m: source becomes 198.51.100.1"
	assert_line "verdict: translated to 198.51.100.2 from 198.51.100.1, forwarded via eth0"
	run $IP netns exec a ping -c1 -W2 198.51.100.2
	assert_success
	run "$IPBOX" -s nat show
	assert_line --regexp "^masquerade src 192.168.1.0/24 oif eth0 handle $m packets 1 bytes 84$"

	# -j: one object
	run "$IPBOX" -j nat check 198.51.100.2 198.51.100.1 dport 8080
	assert_success
	assert_equal "$(echo "$output" | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["flows"], o["dnat"]["handle"], o["route"]["dev"], o["verdict"])')" \
		"True $d br0 translated to 192.168.1.1:80 from 198.51.100.2, forwarded via br0"

	# no rule: the host's own port 8081 is no forwarding
	run "$IPBOX" nat check 198.51.100.2 198.51.100.1 dport 8081
	assert_failure 1
	assert_line "verdict: no nat rule matches (delivered to the host as it is)"

	# blocked: a firewall whose forward chain drops all but answers
	nft add table inet filter
	nft add chain inet filter forward '{ type filter hook forward priority 0; policy accept; }'
	nft add rule inet filter forward ct state established,related accept
	nft add rule inet filter forward counter drop
	local h
	h=$(handle_of inet filter forward 'counter packets')
	run "$IPBOX" nat check 198.51.100.2 198.51.100.1 dport 8080
	assert_failure 1
	assert_line "filter: table inet filter chain forward: drop (rule handle $h)"
	assert_line "verdict: dropped by table inet filter chain forward rule handle $h"
	refute_line --partial "snat:"
	run connect
	assert_failure
	run nft list chain inet filter forward
	assert_output --regexp "counter packets [1-9][0-9]* bytes [0-9]+ drop"	# the SYN (and its retries)
	run "$IPBOX" -j nat check 198.51.100.2 198.51.100.1 dport 8080
	assert_failure 1
	assert_equal "$(echo "$output" | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["flows"], o["filter"][0]["verdict"], o["filter"][0]["handle"])')" "False drop $h"

	# accepted again by the interfaces: flows, and so does a real connection
	nft insert rule inet filter forward iifname eth0 oifname br0 tcp dport 80 accept
	run "$IPBOX" nat check 198.51.100.2 198.51.100.1 dport 8080
	assert_success
	run connect
	assert_output "hello from a"

	# forwarding off: dropped, said and done
	"$IPBOX" nat forward off >/dev/null
	run "$IPBOX" nat check 198.51.100.2 198.51.100.1 dport 8080
	assert_failure 1
	assert_line "verdict: dropped: forwarding is off (ip nat forward on)"
	run connect
	assert_failure
}

@test "nat check: strict rp_filter drops what comes in by the wrong interface" {
	check_setup
	"$IPBOX" nat add dnat proto tcp dport 8080 to 192.168.1.1:80
	echo 1 >/proc/sys/net/ipv4/conf/all/rp_filter
	run "$IPBOX" nat check 198.51.100.2 198.51.100.1 dport 8080
	assert_success
	assert_line "rp_filter: eth0 1 (strict)"
	run "$IPBOX" nat check 198.51.100.2 198.51.100.1 dport 8080 iif br0
	assert_failure 1
	assert_line "verdict: dropped by rp_filter on br0: the route back to the source leaves by another interface"
}
