#!/usr/bin/env bats
# address: `ip address` output (per-link, -o, -br, -j, families, filters)
# and add/change/replace/del/flush must match /bin/ip, errors included.

load helpers

zoo() {
	"$IP" link add d0 type ifb
	"$IP" link add v0 type veth peer name v1
	"$IP" link property add dev d0 altname dummyzero
	"$IP" addr add 10.0.0.1/24 dev d0
	"$IP" addr add 10.0.0.2/24 dev d0
	"$IP" addr add 10.9.0.1/16 brd + dev d0 label d0:x
	"$IP" addr add 2001:db8::1/64 dev d0
	"$IP" addr add 192.168.5.1 peer 192.168.5.2/32 dev v0
	"$IP" addr add 2001:db8:1::5/64 dev v0 nodad noprefixroute
	"$IP" addr add 10.3.0.1/24 dev v0 metric 9
	"$IP" link set lo up
	"$IP" netns add n
	"$IP" link add vx0 type veth peer name vx1 netns n
}

SETUP='ip link add v0 type veth peer name v1; ip link add br0 type bridge;
ip addr add 10.0.0.1/24 dev v0; ip addr add 10.0.0.2/24 dev v0;
ip addr add 2001:db8::1/64 dev v0; ip netns add n'

@test "show: every output mode and family matches /bin/ip" {
	zoo
	for opts in "" -o -br -j "-j -p" -4 -6 -0 "-o -4" "-br -4" "-j -4" "-j -6" -c "-o -c" -d "-d -j"; do
		same $opts addr
		same $opts address show
	done
	same a
	same addr list
	same addr lst
}

@test "show -o -0 / -o -f link: each link's one-line record, as /bin/ip" {
	zoo
	"$IP" link add br0 type bridge
	"$IP" link set v1 master br0
	local opts f
	for opts in "-o -0" "-o -f link" "-o -0 -d" "-o -0 -j" "-o -0 -br" "-0 -br" "-0"; do
		for f in "" "dev d0" "dev lo" up "master br0" "type veth" "label d0*" "scope global"; do
			same $opts addr show $f
		done
	done
}

@test "show: filters" {
	zoo
	for f in "dev d0" "dev dummyzero" "scope global" "scope host" "scope link" "scope all" \
		"to 10.0.0.0/8" "to 10.9.0.1" "to 2001:db8::/32" "label d0:x" "label d0*" \
		"label d0" up permanent dynamic -tentative nodad secondary primary \
		noprefixroute "type veth" "master nope" "dev d0 scope global"; do
		same addr show $f
		same -j addr show $f
	done
}

@test "show: errors" {
	zoo
	same addr show dev nope
	same addr show scope bogus
	same addr show to bogus
	same addr show dev d0 dev v0
	same addr help
	same addr bogus
}

@test "show -s: counters after the addresses" {
	"$IP" link set lo up
	ping -c 2 -q 127.0.0.1 >/dev/null
	same -s addr
	same -s -j addr show lo
}

@test "add: forms, flags and lifetimes" {
	for args in "10.1.0.1/24 dev v0" "10.1.0.1 dev v0" "10.1.0.1/24 brd + dev v0" \
		"10.1.0.1/24 brd - dev v0" "10.1.0.1/24 broadcast 10.1.0.9 dev v0" \
		"10.1.0.1/24 dev v0 label v0:foo" "10.1.0.1/24 dev v0 label foo" \
		"10.1.0.1/24 dev v0 scope link" "10.1.0.1 peer 10.1.0.2 dev v0" \
		"10.1.0.1/24 dev v0 valid_lft 100 preferred_lft 50" "10.1.0.1/24 dev v0 metric 5" \
		"10.1.0.1/24 dev v0 noprefixroute" "10.1.0.1/24 dev v0 nodad" \
		"2001:db8:5::1/64 dev v0 nodad" "2001:db8:5::1/64 dev v0 tentative" \
		"127.0.0.5/8 dev v0" "10.1.0.1/255.255.255.0 dev v0" "10.1 dev v0" \
		"224.0.0.5/24 dev v0 autojoin" "local 10.1.0.1/24 dev v0"; do
		same_effect "$SETUP" addr add $args
	done
}

@test "add: errors" {
	for args in "10.0.0.1/24 dev v0" "10.1.0.1/24 dev v0 scope bogus" \
		"10.1.0.1/24 dev v0 valid_lft 10 preferred_lft 50" "10.1.0.1/24 dev v0 valid_lft 0" \
		"10.1.0.1/24" "bogus dev v0" "10.1.0.1/33 dev v0" "10.1.0.1/24 dev nope" \
		"10.1.0.1/24 10.2.0.1/24 dev v0" "2001:db8:5::1/64 brd + dev v0" \
		"10.1.0.1/24 dev v0 autojoin"; do
		same_effect "$SETUP" addr add $args
	done
	same_effect "$SETUP" -6 addr add 10.1.0.1/24 dev v0
	same_effect "$SETUP" -4 addr add 2001:db8:5::1/64 dev v0
}

@test "add: addresses read as iproute2's get_prefix (octal, hex, masks, words, -0)" {
	for args in "013.0.0.1/8 dev v0" "0x0b.1/16 dev v0" "10.1.0.1/0x18 dev v0" \
		"10.1.0.1/255.255.0 dev v0" "10.1.0.1/24 brd 010.1.0.255 dev v0" \
		"10.1.0.1/24 brd any dev v0" "10.1.0.1/24 anycast default dev v0" \
		"any dev v0" "default dev v0" "default/8 dev v0" "1.2.3.4/33 dev v0" \
		"300.1.1.1 dev v0" "::1/129 dev v0" "08.1.1.1 dev v0" "0x100.1 dev v0" \
		"10.1.0.1/24 brd ::1 dev v0" "peer 1.2.3.4/-1 dev v0"; do
		same_effect "$SETUP" addr add $args
	done
	same_effect "$SETUP" -4 addr add default dev v0
	same_effect "$SETUP" -4 addr del default dev v0
	same_effect "$SETUP" -0 addr add 10.1.0.1/24 dev v0
	same_effect "$SETUP" -0 addr add brd 1.2.3.4 dev v0
	same_effect "$SETUP" -0 addr add brd zz dev v0
	same_effect "$SETUP" -0 addr add brd default dev v0
	same -0 addr show to 10.0.0.1
	same addr show to 012.0.0.0/8
	same addr show to 0xa.0.0.2
	same addr show to default/8
}

@test "del, change, replace" {
	for args in "del 10.0.0.1/24 dev v0" "del 10.0.0.1 dev v0" "del 10.0.0.2/24 dev v0" \
		"del 10.5.0.1/24 dev v0" "del 2001:db8::1/64 dev v0" "del dev v0" \
		"d 10.0.0.1/24 dev v0" \
		"change 10.0.0.1/24 dev v0 valid_lft 300 preferred_lft 200" \
		"replace 10.0.0.1/24 dev v0 metric 7" "replace 10.7.0.1/24 dev v0" \
		"change 10.7.0.1/24 dev v0"; do
		same_effect "$SETUP" addr $args
	done
}

@test "flush" {
	for args in "flush dev v0" "flush dev v0 scope global" flush "flush dev nope" \
		"flush to 10.0.0.0/8" "flush label v0"; do
		same_effect "$SETUP" addr $args
	done
	for opts in -6 -4 -s "-s -s" -0 "-j -s" "-j -p -s -s" "-o -s -s"; do
		same_effect "$SETUP" $opts addr flush dev v0
	done
	# thousands of deletes: several pipelined chunks (how many rounds
	# it takes depends on when the deletes meet the dump, for
	# /bin/ip too: no -s here)
	same_effect "$SETUP
ip link set v0 up
$(many_on_v0 addr)" addr flush dev v0
}

@test "flush primary: one round, the promoted secondaries stay (as iproute2)" {
	local s="ip link add v0 type veth peer name v1
sysctl -qw net.ipv4.conf.v0.promote_secondaries=1
ip addr add 10.0.0.1/24 dev v0; ip addr add 10.0.0.2/24 dev v0; ip addr add 10.0.0.3/24 dev v0"
	same_effect "$s" -s addr flush dev v0 primary
	same_effect "$s" -s addr flush dev v0 secondary
	same_effect "$s" -s addr flush dev v0
}

@test "addresses added by ipbox are seen by /bin/ip and back" {
	"$IP" link add v0 type veth peer name v1
	run "$IPBOX" addr add 192.0.2.1/24 brd + dev v0 label v0:a
	assert_success
	run "$IP" -o -4 addr show dev v0
	assert_output --partial "inet 192.0.2.1/24 brd 192.0.2.255 scope global v0:a"
	"$IP" addr add 2001:db8::7/64 dev v0
	same -6 addr show dev v0
	"$IPBOX" addr flush dev v0
	run "$IP" addr show dev v0
	refute_output --partial "inet "
}

@test "save, restore and showdump: iproute2's dump format, both ways" {
	zoo
	local d=$BATS_TEST_TMPDIR saver restorer before opts f
	before=$("$IP" -br addr)
	for saver in "$IP" "$IPBOX"; do
		for restorer in "$IP" "$IPBOX"; do
			"$saver" addr save >"$d/dump"
			"$IP" addr flush dev d0
			"$IP" addr flush dev v0
			run "$restorer" addr restore <"$d/dump"
			assert_success
			assert_equal "$("$IP" -br addr)" "$before"
		done
	done
	for opts in "" -j "-j -p" -o -br; do
		same $opts addr showdump <"$d/dump"
	done
	# the same messages, but for seq and pid (and ticking lifetimes)
	for f in "addr save" "addr save dev d0" "-4 addr save"; do
		"$IP" $f >"$d/ip.dump"
		"$IPBOX" $f >"$d/box.dump"
		[ "$(wc -c <"$d/ip.dump")" -eq "$(wc -c <"$d/box.dump")" ]
	done
	head -c 30 "$d/dump" >"$d/trunc"
	printf 'garbage!' >"$d/garbage"
	"$IP" route save >"$d/route"
	for f in dump trunc garbage route; do
		same addr restore <"$d/$f"
		same addr showdump <"$d/$f"
	done
	same addr save dev nope
}
