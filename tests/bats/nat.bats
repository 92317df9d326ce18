#!/usr/bin/env bats
# nat: rules read back from the kernel (nft), real traffic between
# namespaces, one transaction per command, coexistence with iptables and
# other nft tables.
#
# Topology (lan_setup), all inside the sandbox:
#   remote (198.51.100.2/24, r0) == veth == eth0 (198.51.100.1/24) host
#   host br0 (192.168.1.10/24) -- a (192.168.1.1/24), b (192.168.1.2/24),
#   both with default route via 192.168.1.10; remote has no route back
#   to 192.168.1.0/24, so only NAT makes LAN -> remote traffic work.

load helpers

bats_require_minimum_version 1.5.0

eval "helpers_$(declare -f teardown)"

teardown() {
	nft flush ruleset 2>/dev/null || true
	echo 1 >/proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null || true
	echo 0 >/proc/sys/net/ipv4/ip_forward
	echo 0 >/proc/sys/net/ipv6/conf/all/forwarding
	kill $(jobs -p) 2>/dev/null || true
	helpers_teardown
}

lan_host() {	# lan_host NAME ADDR: a namespace behind br0
	$IP netns add "$1"
	$IP link add "$1-br" type veth peer name lan0 netns "$1"
	$IP link set "$1-br" master br0 up
	$IP -n "$1" addr add "$2/24" dev lan0
	$IP -n "$1" link set lan0 up
	$IP -n "$1" link set lo up
	$IP -n "$1" route add default via 192.168.1.10
}

lan_setup() {
	$IP link set lo up
	$IP netns add remote
	$IP link add eth0 type veth peer name r0 netns remote
	$IP addr add 198.51.100.1/24 dev eth0
	$IP link set eth0 up
	$IP -n remote addr add 198.51.100.2/24 dev r0
	$IP -n remote link set r0 up
	$IP -n remote link set lo up
	$IP link add br0 type bridge
	$IP addr add 192.168.1.10/24 dev br0
	$IP link set br0 up
	lan_host a 192.168.1.1
	lan_host b 192.168.1.2
	# remote counts the echo requests it gets, by source address
	$IP netns exec remote nft -f - <<-'EOF'
	table ip seen {
		chain in {
			type filter hook input priority 0;
			ip saddr 198.51.100.1 icmp type echo-request counter
			ip saddr 192.168.1.1 icmp type echo-request counter
		}
	}
	EOF
}

seen_from() {	# echo requests remote got from ADDR
	$IP netns exec remote nft list chain ip seen in |
		awk -v a="$1" '$3 == a { for (i = 1; i <= NF; i++) if ($i == "packets") print $(i + 1) }'
}

listen() {	# listen NS PORT TEXT [tcp6]: serve TEXT on PORT, ready on return
	$IP netns exec "$1" socat "${4:-TCP}-LISTEN:$2,fork,reuseaddr" SYSTEM:"echo $3" &
	bound "$1" -t "$2"
}

listen_udp() {	# listen_udp NS PORT TEXT: answer TEXT to a datagram on PORT
	$IP netns exec "$1" socat "UDP-RECVFROM:$2,fork" SYSTEM:"echo $3" &
	bound "$1" -u "$2"
}

bound() {	# bound NS|host -t|-u PORT: wait until a socket is bound there
	local i in=()
	[ "$1" = host ] || in=($IP netns exec "$1")
	for i in $(seq 50); do
		"${in[@]}" ss -Hln "$2" "sport = :$3" | grep -q . && return 0
		sleep 0.1
	done
	fail "nothing listens on $1 port $3"
}

nft_rules() {	# the table's rules, in order, without counters (nor handles)
	nft list table inet ipbox | sed 's/ counter packets [0-9]* bytes [0-9]*/ counter/'
}

rule_count() {
	nft -j list table inet ipbox | grep -o '"rule":' | wc -l
}

@test "masquerade: the LAN reaches the remote with the host's eth0 address" {
	lan_setup
	run "$IPBOX" nat forward on
	assert_success
	# without the rule the remote cannot answer 192.168.1.1
	run $IP netns exec a ping -c1 -W1 198.51.100.2
	assert_failure
	assert_equal "$(seen_from 192.168.1.1)" 1

	run "$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0
	assert_success
	assert_output ""
	run $IP netns exec a ping -c2 -W2 198.51.100.2
	assert_success
	assert_equal "$(seen_from 198.51.100.1)" 2
	assert_equal "$(seen_from 192.168.1.1)" 1

	run nft list chain inet ipbox srcnat
	assert_output --partial 'ip saddr 192.168.1.0/24 oifname "eth0" counter packets 1 '
	assert_output --partial 'type nat hook postrouting priority srcnat; policy accept;'
	# counters: the connection's first packet goes through nat
	run "$IPBOX" -s nat show
	assert_output --regexp '^masquerade src 192.168.1.0/24 oif eth0 handle [0-9]+ packets 1 bytes 84$'
}

@test "IPv6: masquerade and dnat, the family read from the addresses" {
	lan_setup
	$IP addr add 2001:db8:ff::1/64 dev eth0 nodad
	$IP -n remote addr add 2001:db8:ff::2/64 dev r0 nodad
	$IP addr add 2001:db8:1::10/64 dev br0 nodad
	$IP -n a addr add 2001:db8:1::1/64 dev lan0 nodad
	$IP -n b addr add 2001:db8:1::2/64 dev lan0 nodad
	$IP -n a route add default via 2001:db8:1::10
	$IP -n b route add default via 2001:db8:1::10
	$IP netns exec remote nft add table ip6 seen6
	$IP netns exec remote nft add chain ip6 seen6 in '{ type filter hook input priority 0; }'
	$IP netns exec remote nft add rule ip6 seen6 in ip6 saddr 2001:db8:ff::1 icmpv6 type echo-request counter
	"$IPBOX" -6 nat forward on
	run $IP netns exec a ping -6 -c1 -W1 2001:db8:ff::2
	assert_failure

	"$IPBOX" nat add masquerade src 2001:db8:1::/64 oif eth0
	run $IP netns exec a ping -6 -c1 -W2 2001:db8:ff::2
	assert_success
	run $IP netns exec remote nft list table ip6 seen6
	assert_output --partial 'counter packets 1 '

	listen b 80 "hello over ipv6" TCP6
	"$IPBOX" nat add dnat iif eth0 proto tcp dport 8080 to [2001:db8:1::2]:80
	run $IP netns exec remote socat -T2 - TCP6:[2001:db8:ff::1]:8080,connect-timeout=2
	assert_output "hello over ipv6"
	run "$IPBOX" nat show
	assert_line --index 0 --regexp '^masquerade src 2001:db8:1::/64 oif eth0 handle [0-9]+$'
	assert_line --index 1 --regexp '^dnat iif eth0 proto tcp dport 8080 to \[2001:db8:1::2\]:80 handle [0-9]+$'
}

@test "-n NS: the rules go to that namespace's ruleset" {
	$IP netns add x
	run "$IPBOX" -n x nat add masquerade oif eth0
	assert_success
	run $IP netns exec x nft list table inet ipbox
	assert_output --partial 'oifname "eth0" counter packets 0 bytes 0 masquerade'
	run nft list ruleset
	assert_output ""
	run "$IPBOX" -n x nat show
	assert_output --regexp '^masquerade oif eth0 handle [0-9]+$'
}

@test "dnat forwards a port from eth0 to the LAN, and for the host itself" {
	lan_setup
	"$IPBOX" nat forward on
	listen b 80 "hello from b"
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_failure

	run "$IPBOX" nat add dnat iif eth0 proto tcp dport 8080 to 192.168.1.2:80
	assert_success
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_success
	assert_output "hello from b"

	# iif eth0 does not match the host's own traffic: a rule without it does
	run socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_failure
	"$IPBOX" nat add dnat dst 198.51.100.1 proto tcp dport 8080 to 192.168.1.2:80
	run socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "hello from b"

	run nft list chain inet ipbox dstnat
	assert_output --partial 'iifname "eth0" tcp dport 8080 counter packets 1 '
	assert_output --partial 'type nat hook prerouting priority dstnat; policy accept;'
	run nft list chain inet ipbox dstnat_output
	assert_output --partial 'type nat hook output priority -100; policy accept;'
	assert_output --partial 'ip daddr 198.51.100.1 tcp dport 8080 counter packets 1 '
	run "$IPBOX" nat show
	assert_line --index 0 --regexp '^dnat iif eth0 proto tcp dport 8080 to 192.168.1.2:80 handle [0-9]+$'
	assert_line --index 1 --regexp '^dnat dst 198.51.100.1 proto tcp dport 8080 to 192.168.1.2:80 handle [0-9]+$'
	assert_equal "${#lines[@]}" 2
}

@test "dnat without dst takes what is addressed to the host: the host's connections to others keep their destination" {
	lan_setup
	"$IPBOX" nat forward on
	"$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0
	listen b 80 "hello from b"
	listen remote 80 "hello from remote"
	socat TCP-LISTEN:80,bind=127.0.0.1,fork,reuseaddr SYSTEM:"echo hello from lo" &
	bound host -t 80
	run "$IPBOX" nat add dnat proto tcp dport 80 to 192.168.1.2
	assert_success
	# the host to a third host, and a LAN host through it: untouched
	run socat -T2 - TCP:198.51.100.2:80,connect-timeout=2
	assert_output "hello from remote"
	run $IP netns exec a socat -T2 - TCP:198.51.100.2:80,connect-timeout=2
	assert_output "hello from remote"
	# the host to its own loopback: untouched (a packet from 127.0.0.1
	# cannot leave), to its own address: forwarded
	run socat -T2 - TCP:127.0.0.1:80,connect-timeout=2
	assert_output "hello from lo"
	run socat -T2 - TCP:198.51.100.1:80,connect-timeout=2
	assert_output "hello from b"
	# the remote to the host's address: forwarded
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:80,connect-timeout=2
	assert_output "hello from b"
	run nft list chain inet ipbox dstnat
	assert_output --partial 'fib daddr type local tcp dport 80 counter packets 1 '
	run nft list chain inet ipbox dstnat_output
	assert_output --partial 'ip daddr != 127.0.0.0/8 fib daddr type local tcp dport 80 counter packets 1 '

	# iif: only what comes in by that interface, so no output twin
	"$IPBOX" nat flush
	"$IPBOX" nat add dnat iif eth0 proto tcp dport 80 to 192.168.1.2
	run nft list chain inet ipbox dstnat_output
	refute_output --partial dnat
	run "$IPBOX" nat show
	assert_output --regexp '^dnat iif eth0 proto tcp dport 80 to 192.168.1.2 handle [0-9]+$'
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:80,connect-timeout=2
	assert_output "hello from b"
	run socat -T2 - TCP:198.51.100.1:80,connect-timeout=2
	assert_failure
	run $IP netns exec remote socat -T2 - TCP:198.51.100.2:80,connect-timeout=2
	assert_output "hello from remote"
}

@test "exclusions: src, dst, oif and iif != VALUE, several per rule, keep traffic out of a rule" {
	lan_setup
	"$IPBOX" nat forward on
	# dst !=: the excluded remote gets the LAN address (and cannot answer)
	"$IPBOX" nat add masquerade src 192.168.1.0/24 dst != 198.51.100.2 dst != 10.0.0.0/8
	run $IP netns exec a ping -c1 -W1 198.51.100.2
	assert_failure
	assert_equal "$(seen_from 192.168.1.1)" 1
	assert_equal "$(seen_from 198.51.100.1)" 0
	# oif !=: Docker's ! -o docker0; traffic out of eth0 is masqueraded
	"$IPBOX" nat flush
	"$IPBOX" nat add masquerade src 192.168.1.0/24 oif != br0 oif != lo
	run $IP netns exec a ping -c1 -W2 198.51.100.2
	assert_success
	assert_equal "$(seen_from 198.51.100.1)" 1
	"$IPBOX" nat flush
	"$IPBOX" nat add masquerade src 192.168.1.0/24 oif != eth0
	run $IP netns exec a ping -c1 -W1 198.51.100.2
	assert_failure
	assert_equal "$(seen_from 192.168.1.1)" 2
	# src !=: a is left out, b is masqueraded
	"$IPBOX" nat flush
	"$IPBOX" nat add masquerade src 192.168.1.0/24 src != 192.168.1.1 oif eth0
	run $IP netns exec b ping -c1 -W2 198.51.100.2
	assert_success
	run $IP netns exec a ping -c1 -W1 198.51.100.2
	assert_failure
	assert_equal "$(seen_from 198.51.100.1)" 2
	assert_equal "$(seen_from 192.168.1.1)" 3
	run "$IPBOX" -j nat show
	assert_output --regexp '"src":"192.168.1.0/24","not-src":\["192.168.1.1"\],"oif":"eth0"'
	# iif !=: the port is forwarded for the remote, not for the LAN;
	# the host's own traffic comes in by no interface, so it matches
	"$IPBOX" nat flush
	listen b 80 "hello from b"
	"$IPBOX" nat add dnat iif != br0 proto tcp dport 8080 to 192.168.1.2:80
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "hello from b"
	run $IP netns exec a socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_failure
	run socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "hello from b"
	run "$IPBOX" nat show
	assert_output --regexp '^dnat iif != br0 proto tcp dport 8080 to 192.168.1.2:80 handle [0-9]+$'
	run nft list chain inet ipbox dstnat_output
	refute_output --partial iifname
}

# sctp_init NS DST PORT: one SCTP INIT from NS (this kernel has no SCTP
# sockets; raw IP carries it, conntrack takes it as a new association)
sctp_init() {
	$IP netns exec "$1" python3 - "$2" "$3" <<-'EOF'
	import socket, struct, sys
	def crc32c(data):
	    crc = 0xffffffff
	    for b in data:
	        crc ^= b
	        for _ in range(8):
	            crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
	    return crc ^ 0xffffffff
	init = struct.pack('!BBHIIHHI', 1, 0, 20, 0x12345678, 65535, 1, 1, 1)
	pkt = struct.pack('!HHII', 5000, int(sys.argv[2]), 0, 0) + init
	pkt = pkt[:8] + struct.pack('<I', crc32c(pkt)) + pkt[12:]
	s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 132)
	s.sendto(pkt, (sys.argv[1], 0))
	EOF
}

@test "lists: proto tcp,udp, sctp, and port lists and ranges, one rule" {
	lan_setup
	"$IPBOX" nat forward on
	listen b 80 "hello from b"
	listen_udp b 80 "udp from b"
	# b counts the SCTP packets it gets
	$IP netns exec b nft add table ip seen
	$IP netns exec b nft add chain ip seen in '{ type filter hook input priority 0; }'
	$IP netns exec b nft add rule ip seen in ip daddr 192.168.1.2 meta l4proto sctp counter
	run "$IPBOX" nat add dnat proto tcp,udp,sctp dport 8080,9090-9091 to 192.168.1.2:80
	assert_success
	run "$IPBOX" nat show
	assert_output --regexp '^dnat proto tcp,udp,sctp dport 8080,9090-9091 to 192.168.1.2:80 handle [0-9]+$'
	for port in 8080 9090 9091; do
		run $IP netns exec remote socat -T2 - TCP:198.51.100.1:$port,connect-timeout=2
		assert_output "hello from b"
	done
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:9092,connect-timeout=2
	assert_failure
	run $IP netns exec remote sh -c 'echo x | socat -T2 - UDP:198.51.100.1:9090'
	assert_output "udp from b"
	sctp_init remote 198.51.100.1 9091
	sctp_init remote 198.51.100.1 9092
	sleep 0.2
	run $IP netns exec b nft list chain ip seen in
	assert_output --partial 'meta l4proto sctp counter packets 1 '
	run nft list chain inet ipbox dstnat
	assert_output --partial 'sctp dport 9090-9091 counter packets 1 '
	# each protocol and port item is an nft rule of its own: 3 x 2, twice
	assert_equal "$(rule_count)" 12
	# one rule all the same: deleted whole by its words
	"$IPBOX" nat del dnat proto tcp,udp,sctp dport 8080,9090-9091 to 192.168.1.2:80
	assert_equal "$(rule_count)" 0
	# sctp ports for snat too
	run "$IPBOX" nat add snat proto sctp sport 100-200 to 198.51.100.1
	assert_success
	run nft list chain inet ipbox srcnat
	assert_output --partial 'sctp sport 100-200 counter'
}

@test "1:1 port ranges: dnat dport 8000-8002 to ADDR:9000-9002 maps each port onto its own" {
	lan_setup
	"$IPBOX" nat forward on
	listen b 9000 "port 9000"
	listen b 9001 "port 9001"
	listen b 9002 "port 9002"
	run "$IPBOX" nat add dnat proto tcp dport 8000-8002 to 192.168.1.2:9000-9002
	assert_success
	for i in 0 1 2; do
		run $IP netns exec remote socat -T2 - TCP:198.51.100.1:800$i,connect-timeout=2
		assert_output "port 900$i"
	done
	# the host's own connections, through the twin
	run socat -T2 - TCP:198.51.100.1:8001,connect-timeout=2
	assert_output "port 9001"
	run "$IPBOX" nat show
	assert_output --regexp '^dnat proto tcp dport 8000-8002 to 192.168.1.2:9000-9002 handle [0-9]+$'
	# ranges of different lengths are refused, nothing changes
	nft list ruleset >"$BATS_TEST_TMPDIR/before"
	run --separate-stderr "$IPBOX" nat add dnat proto tcp dport 8000-8010 to 192.168.1.2:9000-9005
	assert_failure 255
	assert_equal "$stderr" "Error: a to port range maps one dport range of the same length 1:1 (or give one port)."
	nft list ruleset | diff -u "$BATS_TEST_TMPDIR/before" -
	# one to port takes the whole range, as before
	"$IPBOX" nat flush
	"$IPBOX" nat add dnat proto tcp dport 8000-8002 to 192.168.1.2:9001
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8002,connect-timeout=2
	assert_output "port 9001"
}

@test "hairpin: a LAN host reaching a forwarded port through the host's address gets its answer" {
	lan_setup
	"$IPBOX" nat forward on
	# b answers with the address its client came from
	listen b 80 '$SOCAT_PEERADDR'
	"$IPBOX" nat add dnat proto tcp dport 8080 to 192.168.1.2:80
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "198.51.100.2"
	# with br_netfilter's hooks on the bridge, conntrack un-NATs b's
	# bridged answer anyway; without them (a plain switch, this sysctl
	# off) b answers a directly, from an address a never asked
	run $IP netns exec a socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "192.168.1.1"
	echo 0 >/proc/sys/net/bridge/bridge-nf-call-iptables
	run $IP netns exec a socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_failure
	"$IPBOX" nat flush
	run "$IPBOX" nat add dnat proto tcp dport 8080 to 192.168.1.2:80 hairpin br0
	assert_success
	run $IP netns exec a socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "192.168.1.10"
	# only clients behind br0 are masqueraded: the remote's address stays
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "198.51.100.2"
	run nft list chain inet ipbox srcnat
	assert_output --partial 'ct status dnat ip daddr 192.168.1.2 iifname "br0" oifname "br0" tcp dport 80 counter packets 1 '
	run "$IPBOX" -j nat show
	assert_output --regexp '"to":"192.168.1.2:80","hairpin":"br0"\}\]$'
	# one rule: deleted whole, hairpin included
	"$IPBOX" nat del dnat proto tcp dport 8080 to 192.168.1.2:80 hairpin br0
	assert_equal "$(rule_count)" 0
}

@test "localhost: the host reaches a published port on 127.0.0.1; route_localnet follows the rules, -atomic and -check included" {
	lan_setup
	listen b 80 '$SOCAT_PEERADDR'
	local lnet=/proc/sys/net/ipv4/conf/br0/route_localnet
	# the default leaves the loopback alone
	"$IPBOX" nat add dnat proto tcp dport 8080 to 192.168.1.2:80
	run socat -T2 - TCP:127.0.0.1:8080,connect-timeout=2
	assert_failure
	assert_equal "$(cat $lnet)" 0
	run "$IPBOX" nat check 127.0.0.1 127.0.0.1 proto tcp dport 8080
	assert_line 'dnat: no rule'
	# -check writes nothing: neither the rule nor the sysctl
	run "$IPBOX" -check nat add dnat proto tcp dport 8080 to 192.168.1.2:80 localhost
	assert_success
	assert_output --partial 'would set net.ipv4.conf.br0.route_localnet to 1'
	assert_equal "$(cat $lnet)" 0
	assert_equal "$("$IPBOX" nat show | grep -c localhost)" 0
	# a failed -atomic batch puts the rule and the sysctl back
	printf '%s\n' 'nat add dnat proto tcp dport 8080 to 192.168.1.2:80 localhost' 'link set nosuchdev up' \
		>"$BATS_TEST_TMPDIR/b"
	run "$IPBOX" -atomic -batch "$BATS_TEST_TMPDIR/b"
	assert_failure
	assert_equal "$(cat $lnet)" 0
	assert_equal "$("$IPBOX" nat show | grep -c localhost)" 0

	"$IPBOX" nat flush
	run "$IPBOX" nat add dnat proto tcp dport 8080 to 192.168.1.2:80 localhost
	assert_success
	assert_equal "$(cat $lnet)" 1
	# the host's 127.0.0.1 reaches b, masqueraded behind br0's address
	run socat -T2 - TCP:127.0.0.1:8080,connect-timeout=2
	assert_success
	assert_output "192.168.1.10"
	run socat -T2 - TCP:127.0.0.53:8080,connect-timeout=2
	assert_output "192.168.1.10"
	run nft list chain inet ipbox srcnat
	assert_output --partial 'ct status dnat ip saddr 127.0.0.0/8 ip daddr 192.168.1.2 tcp dport 80 counter packets 2 '
	# other hosts' clients are not masqueraded by it
	"$IPBOX" nat forward on
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "198.51.100.2"
	run "$IPBOX" nat show
	assert_output --regexp '^dnat proto tcp dport 8080 to 192.168.1.2:80 localhost handle [0-9]+$'
	run "$IPBOX" -j nat show
	assert_output --regexp '"to":"192.168.1.2:80","localhost":true\}\]$'
	run "$IPBOX" nat save
	assert_output 'nat add dnat proto tcp dport 8080 to 192.168.1.2:80 localhost'
	# save -> flush -> restore: the rule, the sysctl and the traffic again
	"$IPBOX" nat save >"$BATS_TEST_TMPDIR/saved"
	"$IPBOX" nat flush
	assert_equal "$(cat $lnet)" 0
	"$IPBOX" -batch "$BATS_TEST_TMPDIR/saved"
	assert_equal "$(cat $lnet)" 1
	run socat -T2 - TCP:127.0.0.1:8080,connect-timeout=2
	assert_output "192.168.1.10"
	# check follows the packet; check and show see route_localnet off
	run "$IPBOX" nat check 127.0.0.1 127.0.0.1 proto tcp dport 8080
	assert_success
	assert_line 'verdict: translated to 192.168.1.2:80 from 192.168.1.10, sent via br0'
	echo 0 >$lnet
	run "$IPBOX" nat check 127.0.0.1 127.0.0.1 proto tcp dport 8080
	assert_failure
	assert_line 'verdict: dropped: a source in 127.0.0.0/8 cannot leave by br0 (net.ipv4.conf.br0.route_localnet is off)'
	run "$IPBOX" nat show
	assert_line --partial 'Warning: route_localnet is off on br0 '
	"$IPBOX" nat replace dnat proto tcp dport 8080 to 192.168.1.2:80 localhost
	assert_equal "$(cat $lnet)" 1
	# a second rule through br0: the sysctl stays until the last one goes
	"$IPBOX" nat add dnat proto udp dport 8080 to 192.168.1.2:80 localhost
	"$IPBOX" nat del dnat proto tcp dport 8080 to 192.168.1.2:80 localhost
	assert_equal "$(cat $lnet)" 1
	"$IPBOX" nat del dnat proto udp dport 8080 to 192.168.1.2:80 localhost
	assert_equal "$(cat $lnet)" 0
	# a value ipbox found on is not its own: left on
	echo 1 >$lnet
	"$IPBOX" nat add dnat proto tcp dport 8080 to 192.168.1.2:80 localhost
	"$IPBOX" nat flush
	assert_equal "$(cat $lnet)" 1
	# a target without a route out: said, the rule added all the same
	run "$IPBOX" nat add dnat proto tcp dport 8080 to 10.9.9.9:80 localhost
	assert_success
	assert_output --partial 'Warning: no route out to 10.9.9.9: route_localnet cannot be turned on'
}

@test "redirect: to a local port, for what is addressed to the host; a port range 1:1; a transparent proxy with dst" {
	lan_setup
	"$IPBOX" nat forward on
	"$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0
	listen remote 80 "hello from remote"
	socat TCP-LISTEN:8080,fork,reuseaddr SYSTEM:"echo local 8080" &
	socat TCP-LISTEN:8081,fork,reuseaddr SYSTEM:"echo local 8081" &
	socat TCP-LISTEN:3128,fork,reuseaddr SYSTEM:"echo proxy" &
	bound host -t 8080 && bound host -t 8081 && bound host -t 3128
	run --separate-stderr "$IPBOX" nat add redirect proto tcp dport 80 to-ports 8080
	assert_success
	assert_equal "$stderr" ""	# no forwarding warning: nothing is forwarded
	# the remote to the host, the host to itself (loopback too): port 8080
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:80,connect-timeout=2
	assert_output "local 8080"
	run socat -T2 - TCP:127.0.0.1:80,connect-timeout=2
	assert_output "local 8080"
	# the host and the LAN to another host: untouched
	run socat -T2 - TCP:198.51.100.2:80,connect-timeout=2
	assert_output "hello from remote"
	run $IP netns exec a socat -T2 - TCP:198.51.100.2:80,connect-timeout=2
	assert_output "hello from remote"
	run nft list chain inet ipbox dstnat
	assert_output --partial 'fib daddr type local tcp dport 80 counter packets 1 bytes'
	assert_output --partial 'redirect to :8080 comment "redirect proto tcp dport 80 to-ports 8080"'
	run nft list chain inet ipbox dstnat_output
	assert_output --partial 'fib daddr type local tcp dport 80 counter packets 1 bytes'
	run "$IPBOX" -j nat show
	assert_output --partial '"type":"redirect","proto":"tcp","dport":"80","to-ports":"8080"}'
	# 1:1 ranges, as dnat's
	"$IPBOX" nat flush
	"$IPBOX" nat add redirect proto tcp dport 90-91 to-ports 8080-8081
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:91,connect-timeout=2
	assert_output "local 8081"
	# a transparent proxy: everything from br0 to port 80, wherever to
	"$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0
	"$IPBOX" nat add redirect iif br0 dst 0.0.0.0/0 proto tcp dport 80 to-ports 3128
	run $IP netns exec a socat -T2 - TCP:198.51.100.2:80,connect-timeout=2
	assert_output "proxy"
	run socat -T2 - TCP:198.51.100.2:80,connect-timeout=2
	assert_output "hello from remote"
	run "$IPBOX" nat show
	assert_line --index 1 --regexp '^redirect proto tcp dport 90-91 to-ports 8080-8081 handle [0-9]+$'
	assert_line --index 2 --regexp '^redirect dst 0.0.0.0/0 iif br0 proto tcp dport 80 to-ports 3128 handle [0-9]+$'
	"$IPBOX" nat del redirect iif br0 dst 0.0.0.0/0 proto tcp dport 80 to-ports 3128
	"$IPBOX" nat del redirect proto tcp dport 90-91 to-ports 8080-8081
	run "$IPBOX" nat show
	assert_output --regexp '^masquerade src 192.168.1.0/24 oif eth0 handle [0-9]+$'
}

@test "owner tags: tag NAME is stored with the rule; show and flush tag NAME act on that owner's rules only" {
	lan_setup
	"$IPBOX" nat forward on
	listen b 80 "hello from b"
	"$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0 tag cni-a
	"$IPBOX" nat add dnat iif eth0 proto tcp dport 8080 to 192.168.1.2:80 tag cni-b
	"$IPBOX" nat add dnat iif eth0 proto tcp dport 8081 to 192.168.1.2:80 tag cni-a
	"$IPBOX" nat add snat src 10.9.0.0/16 to 198.51.100.1
	run $IP netns exec a ping -c1 -W2 198.51.100.2
	assert_success
	assert_equal "$(seen_from 198.51.100.1)" 1
	run nft list chain inet ipbox srcnat
	assert_output --partial 'masquerade comment "masquerade src 192.168.1.0/24 oif eth0 tag cni-a"'
	run "$IPBOX" nat show tag cni-a
	assert_line --index 0 --regexp '^masquerade src 192.168.1.0/24 oif eth0 tag cni-a handle [0-9]+$'
	assert_line --index 1 --regexp '^dnat iif eth0 proto tcp dport 8081 to 192.168.1.2:80 tag cni-a handle [0-9]+$'
	assert_equal "${#lines[@]}" 2
	run "$IPBOX" -j nat show tag cni-b
	assert_output --regexp '^\[\{"handle":[0-9]+,"type":"dnat","iif":"eth0","proto":"tcp","dport":"8080","to":"192.168.1.2:80","tag":"cni-b"\}\]$'
	# flush tag cni-a: its rules go, traffic through them stops; the others stay
	run "$IPBOX" nat flush tag cni-a
	assert_success
	assert_output ""
	run $IP netns exec a ping -c1 -W1 198.51.100.2
	assert_failure
	assert_equal "$(seen_from 198.51.100.1)" 1
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8081,connect-timeout=2
	assert_failure
	run $IP netns exec remote socat -T2 - TCP:198.51.100.1:8080,connect-timeout=2
	assert_output "hello from b"
	run "$IPBOX" nat show
	assert_line --index 0 --regexp '^snat src 10.9.0.0/16 to 198.51.100.1 handle [0-9]+$'
	assert_line --index 1 --regexp '^dnat iif eth0 proto tcp dport 8080 to 192.168.1.2:80 tag cni-b handle [0-9]+$'
	assert_equal "${#lines[@]}" 2
	# an owner with no rules: nothing to do, nothing sent
	nft list ruleset >"$BATS_TEST_TMPDIR/before"
	run "$IPBOX" nat flush tag nobody
	assert_success
	nft list ruleset | diff -u "$BATS_TEST_TMPDIR/before" -
}

@test "show prints the words add takes; they paste back into del" {
	local rules=(
		"masquerade src 192.168.1.0/24 oif eth0"
		"masquerade family inet6 oif eth0 fully-random"
		"masquerade proto udp to-ports 1024-2048 random persistent"
		"snat src 10.0.0.0/20 dst 10.64.0.0/10 proto udp sport 100-200 to 198.51.100.1-198.51.100.5:1000-2000"
		"snat src 2001:db8::/64 oif eth0 to 2001:db8:1::1"
		"dnat iif eth0 proto tcp dport 2222 to [2001:db8::2]:22"
		"dnat dst 198.51.100.1 proto udp dport 53 to 192.168.1.2"
	) r i
	for r in "${rules[@]}"; do
		run --separate-stderr "$IPBOX" nat add $r
		assert_success
	done
	run "$IPBOX" nat show
	assert_equal "${#lines[@]}" ${#rules[@]}
	# srcnat's rules first, then dstnat's, each in order
	for i in "${!rules[@]}"; do
		assert_equal "${lines[$i]% handle *}" "${rules[$i]}"
		[[ "${lines[$i]}" =~ \ handle\ [0-9]+$ ]] || fail "no handle: ${lines[$i]}"
	done
	# the kernel's idea of them, in nft's words
	run nft list table inet ipbox
	assert_output --partial 'ip6 saddr 2001:db8::/64 oifname "eth0" counter packets 0 bytes 0 snat ip6 to 2001:db8:1::1'
	assert_output --partial 'ip saddr 10.0.0.0/20 ip daddr 10.64.0.0/10 udp sport 100-200 counter packets 0 bytes 0 snat ip to 198.51.100.1-198.51.100.5:1000-2000'
	assert_output --partial 'masquerade to :1024-2048 random,persistent'
	# valid nft syntax: nft takes its own listing back
	nft list ruleset >"$BATS_TEST_TMPDIR/rs"
	nft flush ruleset
	nft -f "$BATS_TEST_TMPDIR/rs"
	run "$IPBOX" nat show
	assert_equal "${#lines[@]}" ${#rules[@]}
	refute_output --partial unknown

	# a pasted line (handle included) deletes that rule, dnat's twin too
	for i in "${!lines[@]}"; do
		"$IPBOX" nat del ${lines[$i]}
	done
	assert_equal "$(rule_count)" 0
}

@test "save prints a batch that restores the table exactly: same nft rules in the same order, traffic flows again" {
	local d=$BATS_TEST_TMPDIR
	lan_setup
	"$IPBOX" nat forward on
	# a dnat before a hairpin dnat (whose first nft rule is in srcnat):
	# save keeps the order the rules were added in, in every chain
	{
		echo "nat add dnat iif eth0 proto tcp,udp dport 80,443 to 192.168.1.2 tag web"
		echo "nat add masquerade src 192.168.1.0/24 oif eth0 tag cni-a"
		echo "nat add dnat proto tcp dport 8000-8002 to 192.168.1.2:9000-9002 hairpin br0"
		echo "nat add dnat proto udp dport 5353 to 192.168.1.1:53 localhost tag dns"
		echo "nat add snat src 10.9.0.0/16 src != 10.9.1.0/24 oif != br0 proto udp sport 1000-2000 to 198.51.100.1-198.51.100.3 random persistent"
		echo "nat add redirect iif != eth0 proto tcp dport 8080 to-ports 3128"
		echo "nat add masquerade family inet6 oif eth0 proto tcp to-ports 1024-2048 fully-random tag v6"
		echo "nat add dnat dst 2001:db8::9 proto sctp dport 5000 to [2001:db8::1]:6000"
	} >"$d/rules"
	"$IPBOX" -batch "$d/rules" 2>/dev/null
	nft_rules >"$d/nft.before"
	run --separate-stderr "$IPBOX" nat save
	assert_success
	assert_equal "$stderr" ""
	diff -u "$d/rules" - <<<"$output" || fail "save is not the lines that made the rules"
	echo "$output" >"$d/saved"
	# -j changes nothing; tag NAME saves that owner's rules
	run "$IPBOX" -j nat save
	assert_output "$(cat "$d/saved")"
	run "$IPBOX" nat sa tag cni-a
	assert_output "nat add masquerade src 192.168.1.0/24 oif eth0 tag cni-a"

	"$IPBOX" nat flush
	run $IP netns exec a ping -c1 -W1 198.51.100.2
	assert_failure
	run "$IPBOX" -batch "$d/saved"
	assert_success
	nft_rules | diff -u "$d/nft.before" - || fail "nft rules differ after the round trip"
	run "$IPBOX" nat save
	assert_output "$(cat "$d/saved")"
	run $IP netns exec a ping -c1 -W2 198.51.100.2
	assert_success
	# restored again over itself: add is idempotent, nothing changes
	"$IPBOX" -batch "$d/saved" 2>/dev/null
	nft_rules | diff -u "$d/nft.before" - || fail "a second restore changed the rules"

	# rules ipbox did not write: one line each on stderr, not saved,
	# exit 0; an incomplete rule is saved whole (with a line)
	nft add rule inet ipbox srcnat counter
	nft add rule inet ipbox dstnat tcp dport 1 counter
	nft delete rule inet ipbox dstnat_output handle "$(nft -a list chain inet ipbox dstnat_output | sed -n 's/.*comment "redirect.* # handle //p')"
	run --separate-stderr "$IPBOX" nat save
	assert_success
	assert_output "$(cat "$d/saved")"
	assert_equal "${#stderr_lines[@]}" 3
	assert_equal "$(grep -c '^Warning: unknown rule handle [0-9]* not saved: ipbox did not write it.$' <<<"$stderr")" 2
	assert_equal "$(grep -c '^Warning: incomplete rule handle [0-9]* saved whole.$' <<<"$stderr")" 1
}

@test "show -j: keys are the argument names" {
	"$IPBOX" nat add masquerade src 192.168.1.0/24 oif eth0 2>/dev/null
	"$IPBOX" nat add dnat proto tcp dport 80-90 to 10.0.0.1:8080 2>/dev/null
	run "$IPBOX" -j nat show
	assert_output '[{"handle":4,"type":"masquerade","src":"192.168.1.0/24","oif":"eth0"},{"handle":5,"type":"dnat","proto":"tcp","dport":"80-90","to":"10.0.0.1:8080"}]'
	run "$IPBOX" -j -s nat show
	assert_output --partial '"oif":"eth0","packets":0,"bytes":0}'
}

@test "rules ipbox did not write show as unknown" {
	"$IPBOX" nat add masquerade oif eth0 2>/dev/null
	nft add rule inet ipbox srcnat ip saddr 10.1.1.1 counter accept
	# a comment alone does not make a rule ipbox's: the rule must match it
	nft add rule inet ipbox srcnat counter masquerade comment '"masquerade oif eth9"'
	nft add rule inet ipbox srcnat oifname eth0 counter masquerade comment '"masquerade oif eth0"'
	run "$IPBOX" nat show
	assert_line --index 0 --regexp '^masquerade oif eth0 handle [0-9]+$'
	assert_line --index 1 --regexp '^unknown rule handle [0-9]+$'
	assert_line --index 2 --regexp '^unknown rule handle [0-9]+$'
	# the same rule written by nft is the same rule
	assert_line --index 3 --regexp '^masquerade oif eth0 handle [0-9]+$'
	handle=${lines[1]##* }
	run "$IPBOX" -j nat show
	assert_output --partial "{\"handle\":$handle,\"type\":\"unknown\"}"
	"$IPBOX" nat del handle "$handle"
	run nft list chain inet ipbox srcnat
	refute_output --partial 10.1.1.1
}

@test "rules in chains ipbox did not make are unknown rules: deleted by handle, alone and in -batch" {
	"$IPBOX" nat add masquerade oif eth0 2>/dev/null
	# foreign objects of every kind in ipbox's table, and a table of
	# another family and one of another name with ipbox's chain names
	nft add chain inet ipbox mychain
	nft add rule inet ipbox mychain counter
	nft add rule inet ipbox mychain ip saddr 10.9.9.9 counter
	nft add chain inet ipbox mybase '{ type filter hook forward priority 0; }'
	nft add rule inet ipbox mybase counter accept
	nft add set inet ipbox myset '{ type ipv4_addr; elements = { 10.1.1.1 }; }'
	nft add counter inet ipbox mycounter
	nft add table ip ipbox
	nft add chain ip ipbox srcnat '{ type nat hook postrouting priority 100; }'
	nft add rule ip ipbox srcnat oifname eth0 counter masquerade comment '"masquerade oif eth0"'
	nft add table inet other
	nft add chain inet other srcnat
	nft add rule inet other srcnat counter
	run "$IPBOX" nat show
	assert_line --index 0 --regexp '^masquerade oif eth0 handle [0-9]+$'
	assert_line --index 1 --regexp '^unknown rule handle [0-9]+$'
	assert_line --index 2 --regexp '^unknown rule handle [0-9]+$'
	assert_line --index 3 --regexp '^unknown rule handle [0-9]+$'
	assert_equal "${#lines[@]}" 4
	local h1=${lines[1]##* } h2=${lines[2]##* } h3=${lines[3]##* }
	run "$IPBOX" nat del handle "$h1"
	assert_success
	run nft -a list chain inet ipbox mychain
	refute_output --partial "# handle $h1"
	assert_output --partial "ip saddr 10.9.9.9 counter packets 0 bytes 0 # handle $h2"
	printf 'nat del handle %s\nnat del handle %s\n' "$h2" "$h3" >"$BATS_TEST_TMPDIR/b"
	run "$IPBOX" -batch "$BATS_TEST_TMPDIR/b"
	assert_success
	run "$IPBOX" nat show
	assert_output --regexp '^masquerade oif eth0 handle [0-9]+$'
	# the other tables' rules are no nat rules of ipbox's
	local other
	other=$(nft -a list chain inet other srcnat | sed -n 's/.*counter.* # handle //p')
	run "$IPBOX" nat del handle "$other"
	assert_failure 1
	assert_output "Error: no such nat rule."
	run nft list ruleset
	assert_output --partial 'oifname "eth0" counter packets 0 bytes 0 masquerade comment "masquerade oif eth0"'
	assert_output --partial 'chain mychain {'
	assert_output --partial 'elements = { 10.1.1.1 }'
	assert_output --partial 'counter mycounter {'
	assert_equal "$(nft list chain inet other srcnat | grep -c counter)" 1
}

@test "a dnat rule and its output twin are one object: either handle deletes both; a lone half shows as incomplete" {
	local twin pre f=$BATS_TEST_TMPDIR/b
	"$IPBOX" nat add dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null
	twin=$(nft -a list chain inet ipbox dstnat_output | sed -n 's/.*dnat.* # handle //p')
	run "$IPBOX" nat del handle "$twin"
	assert_success
	assert_equal "$(rule_count)" 0
	"$IPBOX" nat add dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null
	twin=$(nft -a list chain inet ipbox dstnat_output | sed -n 's/.*dnat.* # handle //p')
	echo "nat del handle $twin" >"$f"
	run "$IPBOX" -batch "$f"
	assert_success
	assert_equal "$(rule_count)" 0

	# another tool deletes a half: show says so, in both forms
	"$IPBOX" nat add dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null
	pre=$(nft -a list chain inet ipbox dstnat | sed -n 's/.*dnat.* # handle //p')
	twin=$(nft -a list chain inet ipbox dstnat_output | sed -n 's/.*dnat.* # handle //p')
	nft delete rule inet ipbox dstnat_output handle "$twin"
	run "$IPBOX" nat show
	assert_output "dnat proto tcp dport 80 to 10.0.0.1 handle $pre incomplete"
	run "$IPBOX" -j nat show
	assert_output "[{\"handle\":$pre,\"type\":\"dnat\",\"proto\":\"tcp\",\"dport\":\"80\",\"to\":\"10.0.0.1\",\"incomplete\":true}]"
	# the line pastes back into del
	run "$IPBOX" nat del dnat proto tcp dport 80 to 10.0.0.1 handle "$pre" incomplete
	assert_success
	assert_equal "$(rule_count)" 0
	# replace makes a lone half whole again: one complete rule
	"$IPBOX" nat add dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null
	pre=$(nft -a list chain inet ipbox dstnat | sed -n 's/.*dnat.* # handle //p')
	nft delete rule inet ipbox dstnat handle "$pre"
	run "$IPBOX" nat show
	assert_output --regexp '^dnat proto tcp dport 80 to 10.0.0.1 handle [0-9]+ incomplete$'
	"$IPBOX" nat replace dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null
	run "$IPBOX" nat show
	assert_output --regexp '^dnat proto tcp dport 80 to 10.0.0.1 handle [0-9]+$'
	assert_equal "$(rule_count)" 2
	# add of the whole rule adds nothing; beside a lone half it adds the
	# rule whole and leaves the half (replace would delete it)
	"$IPBOX" nat add dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null
	assert_equal "$(rule_count)" 2
	twin=$(nft -a list chain inet ipbox dstnat_output | sed -n 's/.*dnat.* # handle //p')
	nft delete rule inet ipbox dstnat_output handle "$twin"
	"$IPBOX" nat add dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null
	assert_equal "$(rule_count)" 3
	run "$IPBOX" nat show
	assert_equal "${#lines[@]}" 2
	assert_equal "$(grep -c ' incomplete$' <<<"$output")" 1
	# two of the same rule: each deleted whole, one per command
	"$IPBOX" nat del dnat proto tcp dport 80 to 10.0.0.1
	run "$IPBOX" nat show
	assert_equal "${#lines[@]}" 1
	"$IPBOX" nat del dnat proto tcp dport 80 to 10.0.0.1
	assert_equal "$(rule_count)" 0
}

@test "20 concurrent adds give exactly 20 rules; concurrent replaces, or adds, of one rule give one" {
	local i pids=()
	for i in $(seq 20); do
		"$IPBOX" nat add masquerade src 10.$i.0.0/16 oif eth0 2>/dev/null &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		wait "$i" || fail "a concurrent add failed"
	done
	assert_equal "$(rule_count)" 20
	assert_equal "$(nft list table inet ipbox | grep -c '^	chain ')" 3
	run "$IPBOX" nat show
	assert_equal "${#lines[@]}" 20
	for i in $(seq 20); do
		assert_line --regexp "^masquerade src 10.$i.0.0/16 oif eth0 handle"
	done

	# each replace looks, then adds unless the ruleset changed meanwhile
	# (then it looks again): all succeed, one rule results
	"$IPBOX" nat flush
	pids=()
	for i in $(seq 20); do
		"$IPBOX" nat replace snat oif eth0 to 198.51.100.1 2>/dev/null &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		wait "$i" || fail "a concurrent replace failed"
	done
	assert_equal "$(rule_count)" 1

	# so do concurrent adds of one rule: each looks, adds unless it is
	# there, and its commit is checked against what it looked at
	"$IPBOX" nat flush
	pids=()
	for i in $(seq 20); do
		"$IPBOX" nat add dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		wait "$i" || fail "a concurrent add failed"
	done
	assert_equal "$(rule_count)" 2
	run "$IPBOX" nat show
	assert_output --regexp '^dnat proto tcp dport 80 to 10.0.0.1 handle [0-9]+$'
}

@test "replace adds once; del by words; del handle removes dnat's twin; flush drops the table" {
	"$IPBOX" nat replace masquerade oif eth0 2>/dev/null
	"$IPBOX" nat replace masquerade oif eth0 2>/dev/null
	assert_equal "$(rule_count)" 1
	"$IPBOX" nat add masquerade oif eth0 2>/dev/null
	assert_equal "$(rule_count)" 1
	"$IPBOX" nat add masquerade oif eth2 2>/dev/null
	assert_equal "$(rule_count)" 2
	"$IPBOX" nat del masquerade oif eth2
	assert_equal "$(rule_count)" 1
	run "$IPBOX" nat del masquerade oif eth1
	assert_failure 1
	assert_output "Error: no such nat rule."

	"$IPBOX" nat add dnat proto tcp dport 80 to 10.0.0.1 2>/dev/null
	assert_equal "$(rule_count)" 3
	handle=$("$IPBOX" -j nat show | grep -o '"handle":[0-9]*,"type":"dnat"' | grep -o '[0-9]*')
	run "$IPBOX" nat del handle "$handle"
	assert_success
	assert_equal "$(rule_count)" 1
	# words and handle must name the same rule
	run "$IPBOX" nat del masquerade oif eth1 handle 4
	assert_failure 1
	assert_equal "$(rule_count)" 1

	run "$IPBOX" nat flush
	assert_success
	run nft list table inet ipbox
	assert_failure
	run "$IPBOX" nat flush
	assert_success
	run "$IPBOX" -j nat show
	assert_output "[]"
}

@test "add is idempotent: the tutorial's nat lines twice, alone or in one batch, leave one rule" {
	local f=$BATS_TEST_TMPDIR/nat i line
	grep '^nat ' "$BATS_TEST_DIRNAME/../../demo/tutorial.batch" >"$f"
	assert_equal "$(grep -c '^nat add ' "$f")" 1
	for i in 1 2; do
		while read -r line; do
			# shellcheck disable=SC2086
			run "$IPBOX" $line
			assert_success
		done <"$f"
	done
	assert_equal "$(rule_count)" 1
	run nft list chain inet ipbox srcnat
	assert_equal "$(grep -c 'comment "masquerade src 192.168.1.0/24 oif eth0"' <<<"$output")" 1

	# twice in one batch: one transaction, one rule; and the batch again
	nft flush ruleset
	cat "$f" "$f" >"$f.twice"
	run "$IPBOX" -batch "$f.twice"
	assert_success
	assert_equal "$(rule_count)" 1
	run "$IPBOX" -batch "$f.twice"
	assert_success
	assert_equal "$(rule_count)" 1

	# a dnat (two nft rules) and a tagged rule; another owner's copy is
	# another rule, added once too
	cat >"$f" <<-'EOF2'
	nat add dnat proto tcp,udp dport 80 to 10.0.0.1 tag web
	nat add masquerade oif eth0 tag a
	nat add dnat proto tcp,udp dport 80 to 10.0.0.1 tag web
	nat add masquerade oif eth0 tag b
	nat add masquerade oif eth0 tag a
	EOF2
	run "$IPBOX" -batch "$f"
	assert_success
	"$IPBOX" -batch "$f" 2>/dev/null
	"$IPBOX" nat add masquerade oif eth0 tag b 2>/dev/null
	assert_equal "$(rule_count)" $((1 + 4 + 2))
	run "$IPBOX" nat show
	assert_equal "${#lines[@]}" 4
}

@test "iptables nat rules and other nft tables keep working" {
	lan_setup
	"$IPBOX" nat forward on
	iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -o eth0 -j MASQUERADE
	nft add table ip other
	nft add chain ip other in '{ type filter hook input priority 0; }'
	nft add rule ip other in icmp type echo-request counter
	"$IPBOX" nat add masquerade src 10.0.0.0/8 oif eth0
	"$IPBOX" nat add dnat proto tcp dport 8080 to 192.168.1.2
	run $IP netns exec a ping -c1 -W2 198.51.100.2
	assert_success
	$IP netns exec remote ping -c1 -W2 198.51.100.1
	"$IPBOX" nat del masquerade src 10.0.0.0/8 oif eth0
	"$IPBOX" nat flush
	run $IP netns exec a ping -c1 -W2 198.51.100.2
	assert_success
	assert_equal "$(seen_from 198.51.100.1)" 2
	$IP netns exec remote ping -c1 -W2 198.51.100.1
	run nft list table ip other
	assert_output --partial 'icmp type echo-request counter packets 2 '
	run iptables -t nat -S POSTROUTING
	assert_line -- '-A POSTROUTING -s 192.168.1.0/24 -o eth0 -j MASQUERADE'
}

@test "a refused command leaves the ruleset as it was" {
	iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
	$IP link add eth0 type veth peer name eth0p
	"$IPBOX" nat forward on
	# a chain ipbox would create, at another priority: the kernel refuses
	# the whole batch after the other chains were already in it
	nft add table inet ipbox
	nft add chain inet ipbox dstnat_output '{ type nat hook output priority 50; }'
	nft list ruleset >"$BATS_TEST_TMPDIR/before"
	run --separate-stderr "$IPBOX" nat add masquerade oif eth0
	assert_failure 2
	assert_equal "${#stderr_lines[@]}" 1
	assert_equal "$stderr" "Error: nftables: Operation not supported."
	nft list ruleset | diff -u "$BATS_TEST_TMPDIR/before" -
}

@test "bad input: one line, exit 255, ruleset untouched" {
	local cmd
	local -a bad=(
		"add masquerade src 300.1.1.1/24"
		"add masquerade src 10.0.0.0/33"
		"add masquerade proto tcp to-ports 0"
		"add snat proto tcp sport 65536 to 1.2.3.4"
		"add snat proto tcp sport 10-5 to 1.2.3.4"
		"add snat src 10.0.0.0/8"
		"add snat to"
		"add dnat to 10.0.0.1"
		"add dnat proto tcp to 10.0.0.1"
		"add dnat proto icmp dport 80 to 10.0.0.1"
		"add masquerade dport 80 proto tcp"
		"add masquerade oif eth0 oif eth1"
		"add masquerade src 10.0.0.0/8 dst 2001:db8::/32"
		"add snat to 1.2.3.9-1.2.3.1"
		"add snat proto tcp to 2001:db8::1]:80"
		"add snat proto tcp to [2001:db8::1:80"
		"add masquerade oif this-name-is-too-long"
		"add bogus"
		"del handle x"
	)
	"$IPBOX" nat add masquerade oif eth0 2>/dev/null
	nft list ruleset >"$BATS_TEST_TMPDIR/before"
	for cmd in "${bad[@]}"; do
		run --separate-stderr "$IPBOX" nat $cmd
		[ "$status" -eq 255 ] || fail "exit $status for: nat $cmd"
		[ "${#stderr_lines[@]}" -eq 1 ] || fail "not one line for: nat $cmd: $stderr"
		assert_equal "$output" ""
	done
	run --separate-stderr "$IPBOX" -6 nat add snat to 10.0.0.1
	assert_failure 255
	nft list ruleset | diff -u "$BATS_TEST_TMPDIR/before" -
}

@test "without CAP_NET_ADMIN: one clear line, nothing changed" {
	run setpriv --bounding-set -net_admin --inh-caps -net_admin "$IPBOX" nat add masquerade oif eth0
	assert_failure 1
	assert_output "Error: nat add requires CAP_NET_ADMIN."
	run nft list ruleset
	assert_output ""
}

@test "forward shows and sets forwarding; add warns once when it is off" {
	run "$IPBOX" nat forward
	assert_output $'ipv4 off\nipv6 off'
	run "$IPBOX" nat forward on
	assert_success
	assert_equal "$(cat /proc/sys/net/ipv4/ip_forward)" 1
	assert_equal "$(cat /proc/sys/net/ipv6/conf/all/forwarding)" 1
	run "$IPBOX" -j nat forward
	assert_output '[{"ipv4":true,"ipv6":true}]'
	"$IPBOX" -6 nat forward off
	run "$IPBOX" nat forward
	assert_output $'ipv4 on\nipv6 off'

	$IP link add eth0 type veth peer name eth0p
	run --separate-stderr "$IPBOX" nat add masquerade src 10.0.0.0/8 oif eth0
	assert_equal "$stderr" ""
	run --separate-stderr "$IPBOX" nat add masquerade oif eth0
	assert_equal "$stderr" 'Warning: IPv6 forwarding is off; "ip nat forward on" turns it on.'
	"$IPBOX" nat forward off
	run --separate-stderr "$IPBOX" nat add masquerade src 10.0.0.0/8 oif ppp0
	assert_success
	assert_equal "${#stderr_lines[@]}" 2
	assert_equal "${stderr_lines[0]}" 'Warning: interface "ppp0" does not exist (yet).'
	assert_equal "${stderr_lines[1]}" 'Warning: IPv4 forwarding is off; "ip nat forward on" turns it on.'
	run nft list chain inet ipbox srcnat
	assert_output --partial 'oifname "ppp0"'
}

@test "help documents every keyword on stderr and exits 255" {
	local w
	run --separate-stderr "$IPBOX" nat help
	assert_failure 255
	assert_equal "$output" ""
	for w in add replace del show list flush forward masquerade snat dnat redirect tag family src dst \
		 iif oif proto sport dport to to-ports random fully-random persistent handle; do
		[[ "$stderr" =~ (^|[^a-z-])$w([^a-z-]|$) ]] || fail "help lacks $w"
	done
}

@test "nftables refused by the kernel (no CAP_NET_ADMIN over the namespace): one line, exit 2" {
	# A user namespace gives ipbox every capability, but the network
	# namespace belongs to the parent one: nfnetlink answers EPERM.
	"$IPBOX" nat add masquerade oif eth0 2>/dev/null
	nft list ruleset >"$BATS_TEST_TMPDIR/before"
	local cmd
	for cmd in "nat add masquerade oif eth1" "nat del masquerade oif eth0" "nat replace masquerade oif eth1" \
		   "nat flush" "nat show"; do
		run --separate-stderr unshare --user --map-root-user "$IPBOX" $cmd
		[ "$status" -eq 2 ] || fail "exit $status for: $cmd"
		assert_equal "${stderr_lines[-1]}" "Error: nftables: Operation not permitted."
		[[ "$stderr" != *Error*Error* ]] || fail "two errors for: $cmd: $stderr"
		assert_equal "$output" ""
	done
	nft list ruleset | diff -u "$BATS_TEST_TMPDIR/before" -
	run "$IPBOX" nat show
	assert_output "masquerade oif eth0 handle 4"
}

@test "nftables missing from the kernel (no nfnetlink): one line, exit 1" {
	local nonf=$BATS_TEST_TMPDIR/no-nfnetlink cmd
	gcc -std=gnu11 -Wall -Werror -o "$nonf" "$BATS_TEST_DIRNAME/../no-nfnetlink.c"
	run "$nonf" true
	[ "$status" -ne 77 ] || skip "the no-nfnetlink filter is for x86_64 only"
	"$IPBOX" nat add masquerade oif eth0 2>/dev/null
	nft list ruleset >"$BATS_TEST_TMPDIR/before"
	for cmd in "nat add masquerade oif eth1" "nat del handle 4" "nat flush" "nat show"; do
		run --separate-stderr "$nonf" "$IPBOX" $cmd
		[ "$status" -eq 1 ] || fail "exit $status for: $cmd"
		assert_equal "${stderr_lines[-1]}" "Error: cannot open nftables: Protocol not supported."
		assert_equal "$output" ""
	done
	# the rest of ipbox does not need it
	run "$nonf" "$IPBOX" link show lo
	assert_success
	printf 'nat add masquerade oif eth1\nnat add masquerade oif eth2\n' >"$BATS_TEST_TMPDIR/b"
	run --separate-stderr "$nonf" "$IPBOX" -batch "$BATS_TEST_TMPDIR/b"
	assert_failure 1
	assert_equal "${stderr_lines[-2]}" "Error: cannot open nftables: Protocol not supported."
	assert_equal "${stderr_lines[-1]}" "Command failed $BATS_TEST_TMPDIR/b:1"
	nft list ruleset | diff -u "$BATS_TEST_TMPDIR/before" -
	run "$IPBOX" nat show
	assert_output "masquerade oif eth0 handle 4"
}

@test "a rule's words are its nft comment: 128 characters fit, 129 are refused before any change" {
	local head="snat src 2001:db8::1:2:3:6 dst 2001:db8::1:2:3:7 oif"
	local tail="proto udp sport 1000-2000 dport 3000-4000 to [2001:db8::1]:5000-6000"
	local fits="$head eth123 $tail" long="$head eth1234 $tail"
	assert_equal "${#fits}" 128
	run --separate-stderr "$IPBOX" nat add $fits
	assert_success
	run "$IPBOX" nat show
	assert_equal "${output% handle *}" "$fits"
	run nft list chain inet ipbox srcnat
	assert_output --partial "comment \"$fits\""
	# nft takes it back: its own limit is 128 characters too
	nft list ruleset >"$BATS_TEST_TMPDIR/rs"
	nft flush ruleset
	nft -f "$BATS_TEST_TMPDIR/rs"
	run "$IPBOX" nat show
	refute_output --partial unknown

	nft list ruleset >"$BATS_TEST_TMPDIR/before"
	for verb in add replace del; do
		run --separate-stderr "$IPBOX" nat $verb $long
		assert_failure 255
		assert_equal "$stderr" "Error: rule too long: its words must fit in 128 characters."
	done
	# words longer still (every keyword given) are refused the same way
	run --separate-stderr "$IPBOX" nat add $long random fully-random persistent
	assert_equal "$stderr" "Error: rule too long: its words must fit in 128 characters."
	nft list ruleset | diff -u "$BATS_TEST_TMPDIR/before" -
}

@test "del by words deletes the first matching rule, one per command" {
	"$IPBOX" nat add masquerade oif eth0 2>/dev/null
	"$IPBOX" nat add masquerade oif eth1 2>/dev/null
	# add never doubles a rule: another tool (or an older ipbox) does
	nft add rule inet ipbox srcnat oifname "eth0" counter masquerade comment '"masquerade oif eth0"'
	run "$IPBOX" nat show
	local first=${lines[0]##* } second=${lines[2]##* }
	[ "$first" -lt "$second" ] || fail "handles $first $second"
	run "$IPBOX" nat del masquerade oif eth0
	assert_success
	run "$IPBOX" nat show
	assert_output $'masquerade oif eth1 handle '$((first + 1))$'\nmasquerade oif eth0 handle '$second
	run nft -a list chain inet ipbox srcnat
	assert_output --partial "masquerade comment \"masquerade oif eth0\" # handle $second"
	refute_output --partial "# handle $first"
	"$IPBOX" nat del masquerade oif eth0
	run "$IPBOX" nat show
	assert_output --regexp '^masquerade oif eth1 handle [0-9]+$'
	run "$IPBOX" nat del masquerade oif eth0
	assert_failure 1
	assert_output "Error: no such nat rule."
	assert_equal "$(rule_count)" 1
}

# batch_alone FILE [-force]: what ipbox -batch FILE must do, line by line
# with one ipbox each: iproute2's batch semantics, in shell (nat lines
# only; no quotes or comments).
batch_alone() {
	local file=$1 force=${2:-} n=0 line rc=0
	while IFS= read -r line; do
		n=$((n + 1))
		[ -n "$line" ] || continue
		"$IPBOX" $line && continue
		# bad syntax ends the batch at once, as iproute2's usage() exits
		[ $? -ne 255 ] || return 255
		echo "Command failed $file:$n" >&2
		rc=1
		[ -n "$force" ] || break
	done <"$file"
	return $rc
}

# batch_same FILE [-force]: ipbox -batch FILE gives the same output,
# messages, exit status and ruleset as its lines run one by one.
batch_same() {
	local file=$1 d=$BATS_TEST_TMPDIR rc
	nft flush ruleset
	$IP link del a0 2>/dev/null || true
	"$IPBOX" ${2:-} -batch "$file" >"$d/batch.out" 2>"$d/batch.err" && rc=0 || rc=$?
	echo "$rc" >>"$d/batch.err"
	{ "$IPBOX" nat show; nft list ruleset; } >"$d/batch.state"
	nft flush ruleset
	$IP link del a0 2>/dev/null || true
	batch_alone "$file" ${2:-} >"$d/alone.out" 2>"$d/alone.err" && rc=0 || rc=$?
	echo "$rc" >>"$d/alone.err"
	{ "$IPBOX" nat show; nft list ruleset; } >"$d/alone.state"
	diff -u "$d/alone.out" "$d/batch.out" || fail "stdout differs"
	diff -u "$d/alone.err" "$d/batch.err" || fail "stderr or status differs"
	diff -u "$d/alone.state" "$d/batch.state" || fail "ruleset differs"
}

@test "-batch: a run of nat lines is one transaction, with the effect of its lines one by one" {
	local f=$BATS_TEST_TMPDIR/b i
	for i in $(seq 200); do
		echo "nat add masquerade src 10.$((i / 256)).$((i % 256)).0/24 oif eth0"
	done >"$f"
	echo "nat add dnat proto tcp dport 80 to 10.0.0.1" >>"$f"
	nft monitor >"$BATS_TEST_TMPDIR/monitor" 2>&1 &
	sleep 0.3
	run "$IPBOX" -batch "$f"
	assert_success
	sleep 0.3
	kill %1
	assert_equal "$(grep -c '^# new generation' "$BATS_TEST_TMPDIR/monitor")" 1
	assert_equal "$(rule_count)" 202
	run "$IPBOX" nat show
	assert_equal "${#lines[@]}" 201
	assert_line --index 199 --regexp '^masquerade src 10.0.200.0/24 oif eth0 handle 203$'
	assert_line --index 200 --regexp '^dnat proto tcp dport 80 to 10.0.0.1 handle 204$'

	# runs end at other lines; each line sees the lines before it
	cat >"$f" <<-'EOF2'
	nat add masquerade oif a0
	nat add masquerade oif a0
	nat add dnat proto tcp dport 80 to 10.0.0.1
	nat show
	link add a0 type veth peer name b0
	nat replace masquerade oif a0
	nat replace masquerade oif b0
	nat replace masquerade oif b0
	nat del masquerade oif a0
	nat add masquerade oif b0
	nat add masquerade oif a0
	nat del dnat proto tcp dport 80 to 10.0.0.1

	nat add snat oif b0 to 198.51.100.1
	nat del snat oif b0 to 198.51.100.1
	nat add snat oif b0 to 198.51.100.1
	nat show
	link del a0
	EOF2
	batch_same "$f"
	"$IPBOX" nat forward on
	batch_same "$f"
	run "$IPBOX" nat show
	assert_output --regexp '^masquerade oif b0 handle [0-9]+'$'\n''masquerade oif a0 handle [0-9]+'$'\n''snat oif b0 to 198.51.100.1 handle [0-9]+$'

	# lookups in the run's index: dnat pairs, duplicates, handles of
	# twins, rules the run deleted or added
	cat >"$f" <<-'EOF2'
	nat add dnat proto tcp dport 80 to 10.0.0.1
	nat add dnat proto tcp dport 80 to 10.0.0.1
	nat add masquerade oif a0
	nat show
	nat del handle 5
	nat replace dnat proto tcp dport 80 to 10.0.0.1
	nat del dnat proto tcp dport 80 to 10.0.0.1
	nat del dnat proto tcp dport 80 to 10.0.0.1
	nat replace masquerade oif a0
	nat del masquerade oif a0
	nat replace masquerade oif a0
	nat add masquerade oif a0
	nat del masquerade oif a0
	nat del handle 4
	nat del handle 7
	nat replace dnat proto tcp dport 81 to 10.0.0.1
	nat del dnat proto tcp dport 81 to 10.0.0.1
	nat show
	EOF2
	batch_same "$f" -force
}

@test "-batch: a failing nat line stops the batch, earlier lines applied; -force goes on" {
	local f=$BATS_TEST_TMPDIR/b
	"$IPBOX" nat forward on
	cat >"$f" <<-'EOF2'
	nat add masquerade src 10.0.0.1
	nat del masquerade src 10.0.0.9
	nat add masquerade src 10.0.0.2
	nat del handle 999
	nat add masquerade src 10.0.0.3
	EOF2
	run --separate-stderr "$IPBOX" -batch "$f"
	assert_failure 1
	assert_equal "$stderr" "Error: no such nat rule."$'\n'"Command failed $f:2"
	run "$IPBOX" nat show
	assert_output --regexp '^masquerade src 10.0.0.1 handle [0-9]+$'
	batch_same "$f"
	batch_same "$f" -force
	run "$IPBOX" nat show
	assert_equal "${#lines[@]}" 3

	# bad words end the batch even under -force, after the lines before
	printf 'nat add masquerade src 10.0.0.1\nnat add masquerade bogus\nnat add masquerade src 10.0.0.3\n' >"$f"
	batch_same "$f" -force
	run --separate-stderr "$IPBOX" -force -batch "$f"
	assert_failure 255
}

@test "-batch: a refused transaction is retried one line at a time" {
	local f=$BATS_TEST_TMPDIR/b
	"$IPBOX" nat forward on
	# every add fails: a chain ipbox would create, at another priority
	nft add table inet ipbox
	nft add chain inet ipbox dstnat_output '{ type nat hook output priority 50; }'
	nft list ruleset >"$BATS_TEST_TMPDIR/before"
	printf 'nat add masquerade src 10.0.0.1\nnat add masquerade src 10.0.0.2\nnat add masquerade src 10.0.0.3\n' >"$f"
	run --separate-stderr "$IPBOX" -batch "$f"
	assert_failure 1
	assert_equal "$stderr" "Error: nftables: Operation not supported."$'\n'"Command failed $f:1"
	run --separate-stderr "$IPBOX" -force -batch "$f"
	assert_failure 1
	assert_equal "${#stderr_lines[@]}" 6
	assert_equal "${stderr_lines[5]}" "Command failed $f:3"
	nft list ruleset | diff -u "$BATS_TEST_TMPDIR/before" -
	run "$IPBOX" nat show
	assert_output ""
}

@test "-batch: a run whose ruleset moved meanwhile is retried line by line; a run that changes nothing sends nothing" {
	"$IPBOX" nat forward on
	"$IPBOX" nat add masquerade oif eth0 2>/dev/null
	nft monitor >"$BATS_TEST_TMPDIR/monitor" 2>&1 &
	sleep 0.3
	# the del looks at the ruleset; nft changes it before the run commits
	{ echo "nat del masquerade oif eth0"; sleep 1; echo "nat add masquerade oif eth9"; } |
		"$IPBOX" -batch - 2>"$BATS_TEST_TMPDIR/err" &
	sleep 0.5
	nft add rule inet ipbox srcnat counter
	wait %2
	sleep 0.3
	kill %1
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" 'Warning: interface "eth9" does not exist (yet).'
	# the checked transaction was refused (no generation), then one per line
	assert_equal "$(grep -c '^# new generation .*(ipbox)' "$BATS_TEST_TMPDIR/monitor")" 2
	run "$IPBOX" nat show
	assert_line --index 0 --regexp '^unknown rule handle [0-9]+$'
	assert_line --index 1 --regexp '^masquerade oif eth9 handle [0-9]+$'
	assert_equal "${#lines[@]}" 2

	nft monitor >"$BATS_TEST_TMPDIR/monitor" 2>&1 &
	sleep 0.3
	printf 'nat replace masquerade oif eth9\nnat replace masquerade oif eth9\n' >"$BATS_TEST_TMPDIR/b"
	run "$IPBOX" -batch "$BATS_TEST_TMPDIR/b"
	assert_success
	sleep 0.3
	kill %1
	refute grep -q 'new generation' "$BATS_TEST_TMPDIR/monitor"
	assert_equal "$(rule_count)" 2
}
