#!/usr/bin/env bats
# The global options beyond the output modes: -r, -N, -iec, -echo, -rc,
# -l, -M, -B and -f mpls|bridge, each compared with /bin/ip on the same
# state (same, same_effect) for the objects that use them.

load helpers

# Fixed MACs (and so fixed link-local and multicast addresses), no DAD.
LINKS='sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip link set lo up
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link add br0 address 02:00:00:00:00:03 type bridge
ip link set v1 master br0
ip addr add 10.0.0.1/24 dev v0
ip addr add 2001:db8::1/64 dev v0 nodad
ip link set v0 up; ip link set v1 up; ip link set br0 up
ip route add 10.5.0.0/24 via 10.0.0.2 proto static
ip route add 127.0.0.5 dev lo table 100
ip neigh add 127.0.0.1 lladdr 02:00:00:00:00:09 dev v0
for i in $(seq 50); do [ $(ip -6 route show table local | grep -c "local fe80") -ge 3 ] && break; sleep 0.1; done'

@test "-r names addresses by reverse lookup where iproute2 does" {
	eval "$LINKS"
	local opts
	for opts in -r -resolve "-r -j" "-r -o"; do
		same $opts route show table all
		same $opts route get 127.0.0.1
		same $opts addr show dev lo
		same $opts neigh show
		same $opts -br neigh show
	done
	run "$IPBOX" -r route get 127.0.0.1
	assert_output --partial "local localhost dev lo"
	run "$IPBOX" route get 127.0.0.1
	refute_output --partial localhost
}

@test "-N prints numbers instead of names" {
	eval "$LINKS"
	local opts
	for opts in -N -Numeric "-N -j"; do
		same $opts route show table all
		same $opts addr
		same $opts link
		same $opts route get 10.0.0.2 ipproto tcp
	done
	same -N -d route show table all
	run "$IPBOX" -N route show table all
	assert_output --partial "10.0.0.0/24 dev v0 proto 2 scope 253 src 10.0.0.1"
}

@test "-iec prints -h sizes in powers of 1024" {
	eval "$LINKS"
	ping -c 3 -s 1400 -q 127.0.0.1 >/dev/null
	same -iec -h -s link show lo
	same -h -s link show lo
	same -iec -s link show lo
	run "$IPBOX" -iec -h -s link show lo
	assert_output --regexp "[0-9.]+ki "
}

@test "-rc sets the receive buffer; a bad size is iproute2's error" {
	eval "$LINKS"
	same -rc 100000 route
	same -rcvbuf 0 addr show dev lo
	same -rcvbuf x route
	# strtoul's reading: a sign and blanks pass, -1 is too big
	local v
	for v in -0 +5 " 7" -1 -4294967295 4294967296 -0x1; do
		same -rcvbuf "$v" link show dev lo
	done
	# (the usage names ipbox's objects)
	run "$IPBOX" -rc
	assert_failure 255
}

@test "-l limits address flush's rounds" {
	local s="$LINKS
ip addr add 10.9.0.1/24 dev v0
ip addr add 10.9.0.2/24 dev v0"
	same_effect "$s" -l 1 addr flush dev v0
	same_effect "$s" -l 0 -s addr flush dev v0
	same_effect "$s" -loops 3 -s addr flush dev v0
	same_effect "$s" -l x addr flush dev v0
	run "$IPBOX" -l
	assert_failure 255
}

@test "-M, -B and -f mpls|bridge read and dump those families" {
	eval "$LINKS"
	local opts cmd
	for opts in -M -B "-f mpls" "-f bridge" "-family bridge"; do
		for cmd in route "route show table all" neigh addr link "-br link"; do
			same $opts $cmd
		done
		same $opts route add 100 dev v0
		same $opts route get 100
		same $opts neigh add 10.0.0.5 lladdr 1:2:3:4:5:6 dev v0
		same $opts addr add 10.9.0.1/24 dev v0
	done
	same -f foo route
	same_effect "$LINKS" -f mpls addr flush dev v0
}

@test "-echo prints the kernel's copy of a change as iproute2" {
	local cmd
	for cmd in "route add 10.6.0.0/24 via 10.0.0.2" "route del 10.5.0.0/24" \
		"route replace 10.5.0.0/24 dev v0 metric 5" "-6 route add 2001:db8:5::/64 via 2001:db8::2" \
		"addr add 10.9.0.1/24 dev v0" "addr del 10.0.0.1/24 dev v0" \
		"neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev v0" \
		"link add d0 address 02:00:00:00:00:08 type ifb" "link del v1" "link set v0 mtu 1400" \
		"rule add from 10.1.0.0/16 table 100 pref 100"; do
		same_effect "$LINKS" -echo $cmd
	done
	same_effect "$LINKS" -echo -o addr add 10.9.0.1/24 dev v0
	same_effect "$LINKS" -echo -s route add 10.6.0.0/24 via 10.0.0.2
	same_effect "$LINKS" -ech route add 10.6.0.0/24 via 10.0.0.2
	same_effect "$LINKS" -echo -j addr add 10.9.0.1/24 dev v0
	same_effect "$LINKS" -echo -j link add d0 address 02:00:00:00:00:08 type ifb
	# -echo on a listing: iproute2 heads every address "INDEX: DEV"
	same_effect "$LINKS" -echo addr show
	same_effect "$LINKS" -echo -j addr show dev v0
	# iproute2 6.1 nests the route in two braces: ipbox prints JSON
	eval "$LINKS"
	run "$IPBOX" -echo -j route add 10.6.0.0/24 via 10.0.0.2
	assert_success
	assert_output '[{"dst":"10.6.0.0/24","gateway":"10.0.0.2","dev":"v0","flags":[]}]'
	run "$IPBOX" -echo -j route add 10.6.0.0/24 via 10.0.0.2
	assert_failure 2
	assert_output "RTNETLINK answers: File exists"
}
