#!/usr/bin/env bats
# nexthop: show, get and bucket in every mode, add/replace/del/flush of
# every kind (groups, resilient groups, fdb, encap), routes with nhid
# (show, -d's nh_info, deletion with their nexthop), errors, batches, and
# real traffic through a group of two.

load helpers

eval "helpers_$(declare -f teardown)"

# Nexthops without a device (blackhole, groups, fdb) outlive links.
teardown() {
	$IP nexthop flush >/dev/null 2>&1 || true
	helpers_teardown
}

LINKS='ip link set lo up
ip link add va type veth peer name vb
ip link add vc type veth peer name vd
for d in va vb vc vd; do ip link set $d addrgenmode none; ip link set $d up; done
ip addr add 10.0.0.1/24 dev va
ip -6 addr add 2001:db8::1/64 dev va nodad'

# Nexthops of every kind iproute2 6.1 prints.
NEXTHOPS='ip nexthop add id 1 via 10.0.0.2 dev va
ip nexthop add id 2 via 10.0.0.3 dev va onlink
ip nexthop add id 3 blackhole
ip nexthop add id 4 dev va
ip nexthop add id 5 via 2001:db8::2 dev va
ip nexthop add id 6 via inet6 fe80::1 dev va
ip nexthop add id 7 dev vc proto static
ip nexthop add id 10 group 1/2
ip nexthop add id 11 group 1,3/2,5 type resilient buckets 8 idle_timer 10 unbalanced_timer 20
ip nexthop add id 12 group 1 type mpath
ip nexthop add id 13 group 4/7 type resilient buckets 4
ip nexthop add id 20 via 10.0.0.9 fdb
ip nexthop add id 21 group 20 fdb
ip nexthop add id 30 via 10.0.0.2 dev va proto static
ip nexthop add id 41 encap ip id 5 dst 192.0.2.4 via 10.0.0.2 dev va
ip nexthop add id 51 encap ip6 id 7 dst 2001:db8::9 hoplimit 3 tc 4 via 2001:db8::2 dev va
ip nexthop add id 52 encap ip id 7 src 192.0.2.1 dst 192.0.2.2 ttl 3 tos 4 key csum seq dev va
ip route add 192.168.0.0/24 nhid 10
ip route add 192.168.1.0/24 nhid 1
ip route add 192.168.2.0/24 nhid 3
ip route add 192.168.3.0/24 nhid 11
ip -6 route add 2001:db8:5::/64 nhid 5'

populate() {
	eval "$LINKS"
	eval "$NEXTHOPS"
	run "$IP" nexthop show id 52
	assert_output --partial "key csum seq"
}

# same_timed ARGS...: `same`, with the bucket times (which run) masked.
same_timed() {
	local d=$BATS_TEST_TMPDIR ip_rc box_rc mask='s/idle_time"?:? ?[0-9.e+-]*/idle_time T/g'
	"$IP" "$@" >"$d/ip.out" 2>&1 && ip_rc=0 || ip_rc=$?
	"$IPBOX" "$@" >"$d/box.out" 2>&1 && box_rc=0 || box_rc=$?
	diff -u <(sed -E "$mask" "$d/ip.out") <(sed -E "$mask" "$d/box.out") || fail "output differs for: $*"
	[ "$ip_rc" = "$box_rc" ] || fail "exit status differs for: $*: ip $ip_rc, ipbox $box_rc"
}

@test "no nexthops, in every mode" {
	for opts in "" -4 -6 -j "-j -p" -d -s; do
		same $opts nexthop
		same $opts nexthop bucket
	done
	same nex
	same nexthop flush
}

@test "show, get and bucket print every kind of nexthop as /bin/ip" {
	populate
	local sel
	for opts in "" -4 -6 -o -j "-j -p" -d "-d -j" -s; do
		same $opts nexthop
		same $opts nexthop get id 11
	done
	while read -r sel; do
		same nexthop show $sel
	done <<'EOF'
id 11
id 10 garbage after id
dev va
dev vc
groups
fdb
protocol 4
protocol 0
master va
groups dev va
EOF
	same -j nexthop list groups
	same nexthop lst
	same nexthop get id 52
	for opts in "" -j "-j -p" -d; do
		same_timed $opts nexthop bucket
		same_timed $opts nexthop bucket show id 11
		same_timed $opts nexthop bucket list nhid 1
		same_timed $opts nexthop bucket get id 11 index 3
	done
	same_timed nexthop bucket show dev vc
	same_timed nexthop bucket show id 13 nhid 7
}

@test "routes name nexthops with nhid: show, -d (nh_info), -j as /bin/ip" {
	populate
	for opts in "" -d -j "-d -j" "-d -j -p" "-d -o" -6 "-6 -d"; do
		same $opts route
		same $opts route show table all
	done
	same route get 192.168.1.7
	same -d route show 192.168.0.0/24
}

# batch_of PREFIX: the lines on stdin, each after PREFIX, as a batch file.
batch_of() {
	sed "s|^|$1|" >"$BATS_TEST_TMPDIR/lines"
	echo "$BATS_TEST_TMPDIR/lines"
}

@test "add, replace and del of every kind change the nexthops as /bin/ip" {
	# one line each, as a -force batch: the output line by line and the
	# state at the end compared
	same_effect "$LINKS" -force -batch "$(batch_of "nexthop add " <<'EOF'
id 1 via 10.0.0.2 dev va
id 2 via 10.0.0.2 dev va onlink
id 3 dev va
id 4 blackhole
id 5 via 2001:db8::2 dev va
id 6 via inet6 fe80::1 dev va
id 7 via inet 10.0.0.4 dev va protocol static
id 8 via 10.0.0.9 fdb
id 9 dev va encap ip id 7 src 192.0.2.1 dst 192.0.2.2 ttl 3 tos 4 key csum seq
id 10 encap ip6 id 7 dst 2001:db8::9 hoplimit 3 tc 4 via 2001:db8::2 dev va
id 11 encap ip dst 192.0.2.2 tos AF11 dev va
id 12 encap mpls 100/200 ttl 5 via 10.0.0.2 dev va
id 13 dev va proto 99
id 1 dev va
id 20 group 1/2
id 21 group 1,3/2,256
id 22 group 1/2 type mpath
id 23 group 1/2 type resilient buckets 16 idle_timer 10 unbalanced_timer 20
id 24 group 1/2 type resilient
id 25 group 8 fdb
id 26 group 1/99
id 27 group 1/8
EOF
)"
	same_effect "$LINKS" -6 nexthop add id 4 dev va
	local groups='ip nexthop add id 1 via 10.0.0.2 dev va; ip nexthop add id 2 via 10.0.0.3 dev va
ip nexthop add id 10 group 1/2; ip route add 10.6.0.0/16 nhid 10'
	same_effect "$LINKS
$groups" -force -batch "$(batch_of "" <<'EOF'
nexthop replace id 1 via 10.0.0.7 dev va
nexthop replace id 3 blackhole
nexthop replace id 10 group 1,2/2
nexthop del id 2
nexthop d id 77
route add 10.7.0.0/16 nhid 1
route add 10.8.0.0/16 nhid 1 table 5 metric 7
route add 10.9.0.0/16 nhid 77
route add 10.10.0.0/16 nhid 10 dev va
EOF
)"
}

@test "deleting a nexthop takes its routes and shrinks its groups, as the kernel and /bin/ip show" {
	populate
	same_effect "$LINKS
$NEXTHOPS" nexthop del id 1
	same_effect "$LINKS
$NEXTHOPS" nexthop del id 10
	same_effect "$LINKS
$NEXTHOPS" link del va
	"$IPBOX" nexthop del id 1
	# the route on nexthop 1 went with it ...
	run "$IP" route show 192.168.1.0/24
	assert_output ""
	# ... and the group routes stay, on what is left of their groups
	run "$IP" route show 192.168.0.0/24
	assert_output "192.168.0.0/24 nhid 10 via 10.0.0.3 dev va onlink "
	run "$IP" nexthop show id 10
	assert_output "id 10 group 2 "
	run "$IP" nexthop show id 12
	assert_failure 2
	"$IPBOX" nexthop del id 2
	run "$IP" route show 192.168.0.0/24
	assert_output ""
}

@test "flush: everything (groups first) or what the selectors pick, as /bin/ip" {
	same_effect "$LINKS
$NEXTHOPS" nexthop flush
	same_effect "$LINKS
$NEXTHOPS" nexthop flush dev vc
	same_effect "$LINKS
$NEXTHOPS" nexthop flush groups
	same_effect "$LINKS
$NEXTHOPS" nexthop flush protocol 4
	same_effect "$LINKS
$NEXTHOPS" nexthop flush fdb
	same_effect "$LINKS
$NEXTHOPS" nexthop flush id 3
	same_effect "$LINKS
$NEXTHOPS" nexthop flush id 77
	same_effect "$LINKS" -j nexthop flush
	populate
	run "$IPBOX" nexthop flush
	assert_success
	assert_output "Flushed 17 nexthops"
	run "$IP" nexthop
	assert_output ""
}

@test "errors and exit codes as /bin/ip, nothing changed" {
	populate
	local line
	while read -r line; do
		same nexthop $line
	done <<'EOF'
help
foo
add id
add id x
add id 1 foo
add id 1 dev nosuch
add id 1 via
add id 1 via foo
add id 1 via 10.0.0.2 via 2001:db8::1
add id 1 via inet6 10.0.0.2
add id 1 group
add id 1 group x
add id 1 group 1/x
add id 1 group 1,0
add id 1 group 1,257/2
add id 1 group 1,2,3
add id 1 group x,5/6
add id 1 group 1/
add id 1 type
add id 1 type foo
add id 1 group 2 type resilient buckets
add id 1 group 2 type resilient buckets 70000
add id 1 group 2 type resilient idle_timer 99999999
add id 1 group 2 type resilient unbalanced_timer x
add id 1 protocol 999
add id 1 help
add id 1 encap
add id 1 encap foo
add id 1 encap help
add id 1 encap mpls
add id 1 encap mpls 100
add id 1 encap mpls foo dev va
add id 1 encap mpls 100 ttl 5 ttl 6 dev va
add id 1 encap ip id 5 id 6 dev va
add id 1 encap ip key key
add id 1 encap ip dst foo dev va
add id 1 encap ip ttl 300 dev va
add id 1 encap ip6 tc x dev va
add id 1 encap ip6 dst 192.0.2.1 dev va
add id 1 via 10.0.0.2 dev va
del id 77
get
get id
get foo
get id 0
get id 77
show id 77
show id x
show dev nosuch
show master nosuch
show vrf va
show vrf nosuch
show protocol x
show foo
flush foo
bucket foo
bucket help
bucket get
bucket get id 11
bucket get id 11 index x
bucket get id 77 index 1
bucket list foo
bucket show nhid x
bucket show id 77
EOF
	same route add 10.5.0.0/16 nhid x
	same route add 10.5.0.0/16 nhid 77
}

@test "a batch of nexthop, rule, link and route lines under -force reports each failure on its line" {
	printf '%s\n' 'link add n0 type ifb' 'link set n0 up' 'nexthop add id 1 dev n0' \
		'nexthop add id 1 dev n0' 'nexthop add id 2 group 1/77' 'route add 10.9.0.0/16 nhid 1 table 9' \
		'rule add from 10.8.0.0/16 table 9 pref 90' 'route add 10.9.0.0/16 nhid 1 table 9' \
		'nexthop show' 'route show table 9' 'nexthop del id 1' 'route show table 9' >"$BATS_TEST_TMPDIR/batch"
	same_effect "" -force -batch "$BATS_TEST_TMPDIR/batch"
	same_effect "" -batch "$BATS_TEST_TMPDIR/batch"
	run "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/batch"
	assert_failure 1
	assert_line "Command failed $BATS_TEST_TMPDIR/batch:4"
	assert_line "Command failed $BATS_TEST_TMPDIR/batch:5"
	assert_line "Command failed $BATS_TEST_TMPDIR/batch:8"
}

# Two next hops, each a namespace (n1, n2) holding the far address
# 203.0.113.1; this namespace reaches it through a group of the two.
two_paths() {
	local n
	$IP link set lo up
	for n in 1 2; do
		$IP netns add n$n
		$IP -n n$n link set lo up
		$IP link add to_n$n type veth peer name eth0 netns n$n
		$IP link set to_n$n up
		$IP addr add 10.$n.0.1/24 dev to_n$n
		$IP -n n$n link set eth0 up
		$IP -n n$n addr add 10.$n.0.2/24 dev eth0
		$IP -n n$n addr add 203.0.113.1/32 dev lo
		$IP -n n$n route add default via 10.$n.0.1
	done
	# 16 sources on lo: the group hashes each flow to one path
	for n in $(seq 1 16); do
		$IP addr add 192.0.2.$n/32 dev lo
	done
	for n in $(seq 50); do
		[ "$($IP -o link show up | grep -c 'state UP')" -ge 2 ] && break
		sleep 0.1
	done
}

@test "traffic flows through a group of two next hops, over both" {
	local a1 a2 n
	two_paths
	"$IPBOX" nexthop add id 1 via 10.1.0.2 dev to_n1
	"$IPBOX" nexthop add id 2 via 10.2.0.2 dev to_n2
	"$IPBOX" nexthop add id 10 group 1/2
	"$IPBOX" route add 203.0.113.1/32 nhid 10
	a1=$(echos_in n1) a2=$(echos_in n2)
	for n in $(seq 1 16); do
		ping -c 1 -W 2 -q -I 192.0.2.$n 203.0.113.1 >/dev/null || fail "no answer from 192.0.2.$n"
	done
	# all 16 went through the group, and each path carried some
	[ $(( $(echos_in n1) - a1 + $(echos_in n2) - a2 )) -eq 16 ]
	[ $(( $(echos_in n1) - a1 )) -gt 0 ] || fail "nothing went by n1"
	[ $(( $(echos_in n2) - a2 )) -gt 0 ] || fail "nothing went by n2"
	# one member gone, all of it takes the other path
	"$IPBOX" nexthop del id 1
	a1=$(echos_in n1) a2=$(echos_in n2)
	for n in $(seq 1 16); do
		ping -c 1 -W 2 -q -I 192.0.2.$n 203.0.113.1 >/dev/null || fail "no answer from 192.0.2.$n"
	done
	[ $(( $(echos_in n1) - a1 )) -eq 0 ]
	[ $(( $(echos_in n2) - a2 )) -eq 16 ]
	# and with the group gone, so is the route
	"$IPBOX" nexthop del id 10
	run ping -c 1 -W 1 -q 203.0.113.1
	assert_failure
}
