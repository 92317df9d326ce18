#!/usr/bin/env bats
# route: show in every mode, add/del/change and errors, get and flush,
# each compared with /bin/ip on the same kernel state.

load helpers

# Two veth pairs (v2's peer down: linkdown), addresses of both families,
# and routes of every type.  No DAD, and a wait for the link-local routes,
# so IPv6 routes do not appear between the two runs of a comparison.
LINKS="$VETH_V0
ip link add v2 address 02:00:00:00:00:03 type veth peer name v3 address 02:00:00:00:00:04
ip addr add 10.2.0.1/24 dev v2
ip link set v2 up
$LINKLOCAL_WAIT"

ROUTES='ip route add 192.168.5.0/24 via 10.0.0.2 metric 5 mtu lock 1400 advmss 1300
ip route add blackhole 10.9.0.0/16
ip route add unreachable 10.10.0.0/16
ip route add prohibit 10.11.0.0/16 table 100
ip route add throw 10.12.0.0/16 table 1000 proto static
ip route add 10.8.0.0/16 nexthop via 10.0.0.2 dev v0 weight 2 nexthop via 10.0.0.3 weight 1
ip route add 2001:db8:5::/64 via 2001:db8::2
ip route add 10.20.0.0/16 dev v2 src 10.2.0.1 realm 5
ip route add 10.22.0.0/16 via 10.0.0.9 tos 0x10 hoplimit 5 rtt 100 initcwnd 10
ip route add multicast 224.1.0.0/16 dev v0 table 100
ip -6 route add 2001:db8:7::/64 dev v0 pref high metric 7
ip route add 10.55.0.0/16 via inet6 2001:db8::2 dev v0
ip route add 10.56.0.0/16 nexthop via inet6 2001:db8::3 dev v0 nexthop via 10.0.0.4 dev v0
ip route add 10.57.0.0/16 dev v0 rto_min 300 quickack 1 congctl reno features ecn
ip route add 10.58.0.0/16 dev v0 rtt 2s rttvar 1500ms window 1000 cwnd 5 ssthresh 7 reordering 3 initrwnd 9
ip -6 route add 2001:db8:55::/64 nexthop via 2001:db8::3 dev v0 nexthop via 2001:db8::4 dev v0'

populate() {
	eval "$LINKS"
	eval "$ROUTES"
	# the linkdown route of v2 (its peer is down) must be there too
	run "$IP" route show dev v2
	assert_output --partial linkdown
}

@test "an empty namespace shows no routes, in every mode" {
	for opts in "" -4 -6 -o -j "-j -p" -d; do
		same $opts route
		same $opts route show table all
	done
	run "$IPBOX" route
	assert_output ""
}

@test "show prints every route type, multipath and metrics as /bin/ip" {
	populate
	for opts in "" -4 -6 -o -j "-j -p" -d "-d -j" -s; do
		same $opts route
		same $opts route show table all
		same $opts route list table local
		same $opts route show table 100
		same $opts route show table 1000
	done
	same -6 route show table local
}

@test "-c colours the same fields as /bin/ip" {
	populate
	local d=$BATS_TEST_TMPDIR
	for args in "route" "-6 route" "route show table all" "route get 10.0.0.2"; do
		"$IP" -c $args >"$d/ip.c"
		# the shared palette is bold (dark background); only placement counts here
		"$IPBOX" -c $args | sed 's/\x1b\[1;/\x1b[/g' >"$d/box.c"
		grep -q $'\x1b' "$d/box.c" || fail "no colour for: $args"
		cmp "$d/ip.c" "$d/box.c" || fail "colours differ for: $args"
	done
}

@test "show selectors" {
	populate
	same route show 10.8.0.0/16
	same route show root 10.0.0.0/8
	same route show match 10.8.1.1
	same route show exact 10.8.0.0/16
	same route show 10.0.0.0/8
	same route show default
	same route show dev v0
	same -6 route show dev v0
	same route show via 10.0.0.2
	same route show via inet6 2001:db8::2
	same route show via 10.0.0.0/8
	same route show proto kernel
	same route show proto static table all
	same route show scope link
	same route show type blackhole
	same route show type unreachable
	same route show type multicast table all
	same route show src 10.2.0.1
	same route show metric 5
	same route show realms 5
	same route show realms 0/5
	same -4 route show all
	same route show all
	same route list tos 0x10
	same -6 route show 2001:db8::/32
	same -6 route show match 2001:db8:5::1
	same r s t all
}

@test "show errors" {
	populate
	same route show table foo
	same route show table 5000
	same route show dev nope
	same route show 1.2.3.4/33
	same route show table
	same route show type foo
	same -0 route show 10.0.0.0/8
	same -0 route get 10.0.0.1
	same -0 route
	same route foo
}

@test "tutorial: an empty namespace, then a default route inside it" {
	"$IP" netns add t
	same -n t route
	run "$IPBOX" -n t route
	assert_success
	assert_output ""
	"$IP" -n t link add v0 type veth peer name v1
	"$IP" -n t addr add 192.168.1.2/24 dev v0
	"$IP" -n t link set v0 up
	"$IP" -n t link set v1 up
	run "$IPBOX" -n t route add default via 192.168.1.10
	assert_success
	assert_output ""
	run "$IP" -n t route show default
	assert_output "default via 192.168.1.10 dev v0 "
	same -n t route
	# and nothing leaked into the sandbox itself
	run "$IP" route show default
	assert_output ""
}

@test "add default via a gateway, as in the tutorial" {
	same_effect "$LINKS" route add default via 10.0.0.10
	same_effect "$LINKS" -6 route add default via 2001:db8::10
	same_effect "$LINKS" route add 10.50.0.0/16 dev v0
}

@test "add reads addresses as iproute2 (strtoul base 0, masks, words)" {
	same_effect "$LINKS" route add 010.1.0.0/16 dev lo
	same_effect "$LINKS" route add 0x0b.0/16 dev lo
	same_effect "$LINKS" route add 10.9.0.0/0x10 dev v0
	same_effect "$LINKS" route add 10.9.0.0/+16 dev v0
	same_effect "$LINKS" route add 10.9.0.0/255.255.0 dev v0
	same_effect "$LINKS" route add 2001:db8:9::/255.255.0.0 dev v0
	same_effect "$LINKS" route add 10.9.0.0/16 via 012.0.0.2 dev v0
	same_effect "$LINKS" route add 10.9.0.0/16 via any dev v0
	same_effect "$LINKS" route add 10.9.0.0/16 src any dev v0
	same_effect "$LINKS" route add -0.9.0.0/16 dev v0
	for bad in 1.2.3.4/33 300.1.1.1 ::1/129 default/8 1.0.0.0/default 0.0.0.0x \
		1.2.3.0/-24 1.2.3.0/24x 09.1.1.1 1..2; do
		same_effect "$LINKS" route add $bad dev v0
	done
	same_effect "$LINKS" -0 route add 10.9.0.0/16 dev v0
}

@test "add with options lands the same route" {
	same_effect "$LINKS" route add 10.5.0.0/16 via 10.0.0.2 metric 7 table 200 proto static
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 src 10.0.0.1 mtu lock 1300 advmss 1200 scope link
	same_effect "$LINKS" route add blackhole 10.5.0.0/16
	same_effect "$LINKS" route add unreachable 10.5.0.0/16 metric 3
	same_effect "$LINKS" route add prohibit 2001:db8:9::/48
	same_effect "$LINKS" route add throw 10.5.0.0/16 table 7
	same_effect "$LINKS" route add local 10.0.0.77 dev v0 table local
	same_effect "$LINKS" route add 10.5.0.0/16 nexthop via 10.0.0.2 dev v0 weight 3 nexthop via 10.0.0.3 dev v0
	same_effect "$LINKS" route add 10.5.0.0/16 via 10.9.9.9 dev v0 onlink
	same_effect "$LINKS" route add 10.5.0.0/16 via inet6 2001:db8::2 dev v0
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 realm 3 tos 0x10 table 5000
	same_effect "$LINKS" -6 route add 2001:db8:9::/64 via 2001:db8::2 pref low metric 9
}

@test "add with every metric, times and abbreviations" {
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 rtt 2s rttvar 1500ms rto_min 300ms
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 rtt lock 100 rttvar 40 rto_min 250
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 rtt 1.5s
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 quickack 1 congctl reno features ecn
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 congctl lock cubic window 1000 cwnd lock 5 \
		initcwnd 10 initrwnd 9 ssthresh 7 reordering 3 hoplimit 64
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 rttv 10 q 1 co reno f ecn w 5 c 3 i 4 r 2
	# ssthresh is iproute2's first metric taken by any prefix ("s", "ss")
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 s lock 7
	same_effect "$LINKS" route add 10.5.0.0/16 dev v0 ss 9
	eval "$LINKS"
	same route add 10.5.0.0/16 dev v0 rtt x
	same route add 10.5.0.0/16 dev v0 rtt 5min
	same route add 10.5.0.0/16 dev v0 quickack 2
	same route add 10.5.0.0/16 dev v0 quickack x
	same route add 10.5.0.0/16 dev v0 features foo
	same route add 10.5.0.0/16 dev v0 hoplimit 300
	run "$IP" route show 10.5.0.0/16
	assert_output ""
}

@test "expires gives an IPv6 route a lifetime" {
	eval "$LINKS"
	run "$IPBOX" -6 route add 2001:db8:70::/64 dev v0 expires 300
	assert_success
	run "$IP" -6 route show 2001:db8:70::/64
	assert_output --regexp '^2001:db8:70::/64 dev v0 metric 1024 expires (29[0-9]|300)sec pref medium$'
	same route add 10.5.0.0/16 dev v0 expires x
}

@test "del, change, replace, append, prepend" {
	local s="$LINKS
ip route add 10.5.0.0/16 via 10.0.0.2"
	same_effect "$s" route del 10.5.0.0/16
	same_effect "$s" route delete 10.5.0.0/16 via 10.0.0.2
	same_effect "$s" route change 10.5.0.0/16 via 10.0.0.3
	same_effect "$s" route replace 10.5.0.0/16 dev v0 metric 4
	same_effect "$s" route replace 10.6.0.0/16 dev v0
	same_effect "$s" route append 10.5.0.0/16 via 10.0.0.4
	same_effect "$s" route prepend 10.5.0.0/16 via 10.0.0.4 metric 1
	same_effect "$s" route flush 10.5.0.0/16
	same_effect "$s" route flush dev v0
	same_effect "$s" -s route flush table main
	same_effect "$s" route flush table all
	# -s -s prints what it deletes; a flush is plain text even under -j
	same_effect "$s" -s -s route flush dev v0
	same_effect "$s" -j -s route flush dev v0
	same_effect "$s" -j -s -s route flush dev v0
	# flush cache: IPv4's through /proc (and no more, with a table),
	# IPv6's cloned routes; an empty namespace has no main table
	local c
	for c in "-s route flush cache" "route flush table cache" "-s -l 1 route flush cached" \
		"-6 -s route flush cache" "-j -s route flush cache" "-s route flush cache table all"; do
		same_effect "$s" $c
		same_effect "" $c
	done
	# a route on a nexthop object refuses its delete under table all:
	# the flush deletes all the rest first, then fails (status 2)
	same_effect "$s
ip nexthop add id 1 via 10.0.0.2 dev v0
ip route add 10.60.0.0/16 nhid 1" route flush table all
	# thousands of deletes go in several pipelined chunks: the same
	# rounds, and the refusal amid them fails the flush the same way
	same_effect "$s
$(many_on_v0 route)" -s route flush dev v0
	same_effect "$s
ip nexthop add id 1 via 10.0.0.2 dev v0
ip route add 10.70.8.0/24 nhid 1
$(many_on_v0 route)" -s route flush table all
	# without a table an IPv6 local/broadcast/anycast delete looks in
	# table local, so main's unicast route of that prefix stays; a
	# multicast one looks in main (iproute2's rule)
	for t in local broadcast anycast multicast; do
		same_effect "$s
ip -6 route add 2001:db8:7::/64 dev v0" route del $t 2001:db8:7::/64
	done
}

@test "add and del errors" {
	eval "$LINKS"
	same route add 1.2.3.4/33 dev v0
	same route add ::1/129 dev v0
	same route add 300.1.1.1 dev v0
	same route add 10.3.0.0/16 via 10.5.0.1
	same route add 10.4.0.0/16 via 2001:db8::2
	same route add 2001:db8:9::/64 via 10.0.0.2
	same -6 route add 10.0.0.0/8 dev v0
	same route add 10.5.0.0/16 dev nope
	same route add 10.5.0.0/16 dev v0 table foo
	same route add 10.5.0.0/16 10.6.0.0/16
	same route add 10.5.0.0/16 via
	same route add 10.5.0.0/16 metric x dev v0
	same route add 10.5.0.0/16 mtu lock x dev v0
	same route add 10.5.0.0/16 proto foo dev v0
	same route add 10.5.0.0/16 scope foo dev v0
	same route add 10.5.0.0/16 dev v0 realm foo
	same route add 10.5.0.0/16 via 10.0.0.2 via 10.0.0.3
	same route add 10.5.0.0/16 nexthop via 10.0.0.2 dev nope
	same route add 10.5.0.0/16 nexthop via 10.0.0.2 weight 0
	same route add 10.5.0.0/16 nexthop via 10.0.0.2 foo
	same route add 10.5.0.0/16 nexthop
	same route del 10.77.0.0/16
	same route del default
	same route flush
	"$IP" route add 10.5.0.0/16 via 10.0.0.2
	same route add 10.5.0.0/16 via 10.0.0.2
	run "$IP" route show 10.5.0.0/16
	assert_output "10.5.0.0/16 via 10.0.0.2 dev v0 "
}

@test "a missing destination and help print the usage, exit 255" {
	run "$IPBOX" route add dev v0
	assert_failure 255
	assert_line --index 0 "Usage: ip route { list | flush } SELECTOR"
	run "$IPBOX" route help
	assert_failure 255
	assert_line --partial "ip route get [ ROUTE_GET_FLAGS ] ADDRESS"
}

# The usage is iproute2's less the lines and words of what ipbox lacks.
@test "the usage is iproute2's less what ipbox does not implement" {
	diff <("$IP" route help 2>&1 | sed -E '
		/^(SEG6HDR|SEGMODE|SEG6LOCAL|ACTION|OPTION|FLAVORS|FLAVOR|IOAM6HDR|XFRMINFO) :=/d
		/^OPTIONS := OPTION /d
		/^ +(End|table TABLEID)/d
		s/^(ENCAPTYPE := \[ mpls \| ip \| ip6) \|.*/\1 ]/
		s/^(ENCAPHDR := \[ MPLSLABEL) \|.*/\1 ]/
		/^ +$/d') <("$IPBOX" route help 2>&1)
}

@test "-batch runs route and neigh lines as /bin/ip -batch" {
	printf '%s\n' 'route add 10.5.0.0/16 dev v0' 'route add 10.5.0.0/16 dev v0' \
		'route show 10.5.0.0/16' 'neigh add 10.0.0.7 dev v0 lladdr 1:2:3:4:5:6' \
		'neigh show 10.0.0.7' >"$BATS_TEST_TMPDIR/batch"
	same_effect "$LINKS" -force -batch "$BATS_TEST_TMPDIR/batch"
	same_effect "$LINKS" -batch "$BATS_TEST_TMPDIR/batch"
}

@test "get" {
	populate
	ip link set lo up
	for opts in "" -j -o "-j -p"; do
		same $opts route get 10.0.0.2
		same $opts route get 10.0.0.1
		same $opts route get 10.0.0.255
		same $opts route get 10.8.1.1 fibmatch
		same $opts route get 2001:db8::5
		same $opts route get 10.0.0.5 mark 7
		same $opts route get ::	# unreachable: no answer, nothing printed
	done
	same route get 192.168.5.3 from 10.0.0.1
	same route get 10.0.0.0/24
	same route get 10.99.0.1
	same route get 10.0.0.5 oif v2
	same route get 10.0.0.5 oif nope
	same route get
	same route get 10.9.1.1
	same route get 127.0.0.1
}

# peak_rss ARGS...: the peak resident set, in KB, of `ipbox ARGS`.
peak_rss() {
	/usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/rss" "$IPBOX" "$@" >/dev/null
	cat "$BATS_TEST_TMPDIR/rss"
}

@test "100,000 routes stream out as /bin/ip prints them, in flat memory" {
	local d=$BATS_TEST_TMPDIR small small_j big big_j
	"$IP" link add r0 type ifb
	"$IP" link set r0 up
	awk 'BEGIN { for (i = 0; i < 100000; i++)
		printf "route add 10.%d.%d.%d dev r0\n", int(i / 65536) + 16, int(i / 256) % 256, i % 256 }' \
		>"$d/batch"
	# the first 1,000 routes, then the rest: the dump's peak memory at
	# 100,000 stays within 1 MB of that at 1,000 (it streams)
	head -n 1000 "$d/batch" >"$d/batch.1k"
	tail -n +1001 "$d/batch" >"$d/batch.rest"
	"$IP" -batch "$d/batch.1k"
	small=$(peak_rss route show)
	small_j=$(peak_rss -j route show)
	"$IP" -batch "$d/batch.rest"
	big=$(peak_rss route show)
	big_j=$(peak_rss -j route show)
	[ "$big" -le $((small + 1024)) ] || fail "peak RSS $big KB at 100,000 routes, $small KB at 1,000"
	[ "$big_j" -le $((small_j + 1024)) ] || fail "-j: peak RSS $big_j KB at 100,000 routes, $small_j KB at 1,000"
	"$IP" route show >"$d/ip.out"
	"$IPBOX" route show >"$d/box.out"
	[ "$(wc -l <"$d/ip.out")" -ge 100000 ]
	cmp "$d/ip.out" "$d/box.out"
	"$IP" -j route show >"$d/ip.json"
	"$IPBOX" -j route show >"$d/box.json"
	cmp "$d/ip.json" "$d/box.json"
}

# same_change ARGS...: `ip ARGS`, then `ipbox ARGS`, on the same state in
# one sandbox: the same stdout, stderr, status and routes of every table.
# What each adds (proto boot, the default) is flushed after it.
same_change() {
	local d=$BATS_TEST_TMPDIR tool bin
	for tool in ip box; do
		bin=$(bin_of $tool)
		"$bin" "$@" >"$d/$tool.out" 2>"$d/$tool.err" </dev/null && echo 0 >"$d/$tool.rc" ||
			echo $? >"$d/$tool.rc"
		{ "$IP" -d route show table all; "$IP" -6 -d route show table all; } >"$d/$tool.state"
		"$IP" -4 route flush table all proto boot 2>/dev/null || true
		"$IP" -6 route flush table all proto boot 2>/dev/null || true
	done
	same_results "$@"
}

@test "types local, broadcast, anycast and nat go to table local without a table" {
	eval "$LINKS"
	same_change route add local 10.9.0.1 dev v0
	same_change route add broadcast 10.9.0.255 dev v0
	same_change route add brd 10.9.0.254 dev v0 table main
	same_change route add anycast 10.9.0.7 dev v0
	same_change route add nat 10.9.0.8 via 10.0.0.5
	same_change -6 route add anycast 2001:db8:5::1 dev v0
	same_change -6 route add local 2001:db8:5::2 dev v0
	same_change -6 route add 2001:db8:6::/64 dev v0 scope link
	# and /bin/ip deletes what ipbox added
	"$IPBOX" route add local 10.9.0.1 dev v0
	"$IP" route del local 10.9.0.1 dev v0
}

@test "encap ip, ip6 and mpls, as iproute2 reads and prints them" {
	eval "$LINKS"
	local e
	for e in "encap ip id 10 dst 10.0.0.9 ttl 5 tos 0x10 key csum seq" \
		"encap ip6 id 10 src 2001:db8::1 dst 2001:db8::9 hoplimit 4 tc AF11" \
		"encap ip dst 10.0.0.9 csum" "encap mpls 100/200 ttl 3" \
		"encap ip id 10 id 11" "encap ip id x" "encap ip dst 2001:db8::1" \
		"encap ip ttl 300" "encap ip6 tc zz" "encap foo" "encap mpls 100/200 ttl 3 ttl 4" \
		"encap mpls x" "encap ip foo"; do
		same_change route add 10.5.0.0/24 $e dev v0
	done
	same_change -6 route add 2001:db8:5::/64 encap ip6 id 1 dst 2001:db8::9 tc 0x10 seq dev v0
	same_change route add 10.5.0.0/24 dev v0 encap ip id 5
	same_change route add 10.5.0.0/24 dev v0 encap
	same_change route add 10.7.0.0/24 nexthop via 10.0.0.2 encap ip id 3 dst 10.0.0.8 nexthop via 10.0.0.3
	"$IP" route add 10.5.0.0/24 dev v0 encap ip id 10 dst 10.0.0.9 key
	"$IP" -6 route add 2001:db8:5::/64 dev v0 encap ip6 id 7 dst 2001:db8::9 hoplimit 3
	for opts in "" -d -j "-j -p" -o; do
		same $opts route show 10.5.0.0/24
		same $opts -6 route show 2001:db8:5::/64
	done
}

@test "as, ttl-propagate, fastopen_no_cookie, vrf, via of other families, nexthop realms" {
	eval "$LINKS"
	local w
	for w in "ttl-propagate enabled" "ttl-propagate dis" "ttl-propagate x" \
		"fastopen_no_cookie 1" "fastopen_no_cookie 2" "fa 1" "as to 10.0.0.8" "as 10.0.0.8" \
		"as to x" "via inet6 fe80::1" "via link 00:11:22:33:44:55" "via mpls 100" \
		"via bridge 10.0.0.1" "via bridge default" "vrf foo" "vrf default" "vrf v1" \
		"tos CS1" "tos 0x28" "tos nope"; do
		same_change route add 10.7.0.0/24 dev v0 $w
	done
	same_change route add 10.7.0.0/24 nexthop via 10.0.0.2 realms 5 nexthop via 10.0.0.3 as to 10.0.0.9
	same_change route add 10.7.0.0/24 nexthop via 10.0.0.2 re 5/6 weight 3
	"$IP" route add 10.7.0.0/24 dev v0 fastopen_no_cookie 1 tos CS1
	for opts in "" -d -j; do
		same $opts route show 10.7.0.0/24
		same $opts route show vrf default
		same $opts route show vrf nope
	done
}

@test "get: tos, uid, ipproto, sport, dport, connected, vrf as iproute2" {
	populate
	"$IP" link set lo up
	local w
	for w in "uid 5 ipproto tcp sport 5 dport 80 tos 0x10 mark 100" "mark 15" "ipproto 6" \
		"ipproto udp dport 53" "ipproto foo" "ipproto 300" "sport 70000" "sport 0x50" \
		"uid -1" "uid x" "as 10.0.0.4" "dsfield AF11" "ds 0x28" "tos 300" "u 5" "d 0x10" \
		"connected" "c" "from 10.0.0.1 connected" "connected fibmatch" "vrf foo" \
		"vrf default" "dport"; do
		same route get 10.0.0.2 $w
	done
	same -o route get 10.0.0.2 connected
	same route get 192.0.2.1 connected
	same route get 127.0.0.1 connected
	same -6 route get 2001:db8::5 connected
	same route get t 10.0.0.2
	# -j: both answers of connected in one valid array (ipbox(8))
	run "$IPBOX" -j route get 10.0.0.2 connected
	assert_success
	[ "$(jq length <<<"$output")" -eq 2 ]
}

@test "a request too big prints iproute2's error and exits as it does" {
	eval "$LINKS"
	local n hops
	for n in 254 255 256 3000; do
		hops=$(for ((i = 0; i < n; i++)); do printf ' nexthop via 10.0.0.2'; done)
		same_change route add 10.9.0.0/24 $hops
	done
	# dev-only nexthops: iproute2 overflows its stack buffer and aborts
	hops=$(for ((i = 0; i < 600; i++)); do printf ' nexthop dev v0'; done)
	run "$IPBOX" route add 10.9.0.0/24 $hops
	assert_failure 1
	assert_output "addattr_l ERROR: message exceeded bound of 4096"
	# a congctl name too long for iproute2's metrics buffer: the same
	# error, but nothing is added (iproute2 adds the route without it)
	run "$IPBOX" route add 10.9.0.0/24 dev v0 congctl "$(printf '%0300d' 0)"
	assert_failure 1
	assert_output "rta_addattr_l: Error! max allowed bound 256 exceeded"
	[ -z "$("$IP" route show 10.9.0.0/24)" ]
}

# Routes saved by either tool come back by either's restore.
@test "save, restore and showdump: iproute2's dump format, both ways" {
	populate
	local d=$BATS_TEST_TMPDIR saver restorer before i
	# a linkdown route cannot come back (the kernel refuses the flag)
	"$IP" link set v3 up
	for i in $(seq 50); do "$IP" route show table all | grep -q linkdown || break; sleep 0.1; done
	# (IPv6 link-local routes come and go with addrconf, and a restored
	# IPv6 local route comes back with metric 1024 by either tool: IPv6
	# is compared in table main only)
	before=$("$IP" -4 route show table all; "$IP" -6 route show | grep -v fe80)
	for saver in "$IP" "$IPBOX"; do
		for restorer in "$IP" "$IPBOX"; do
			"$saver" route save table all >"$d/dump"
			"$saver" -6 route save >"$d/dump6"
			"$IP" route flush table all proto boot
			"$IP" route flush table all proto static
			"$IP" -6 route flush proto boot
			run "$restorer" route restore <"$d/dump"
			assert_success
			run "$restorer" route restore <"$d/dump6"
			assert_success
			assert_equal "$("$IP" -4 route show table all; "$IP" -6 route show | grep -v fe80)" "$before"
		done
	done
	for opts in "" -j -o -d; do
		same $opts route showdump <"$d/dump"
	done
	for opts in "route save" "route save 10.8.0.0/16" "-6 route save" "route save table 100"; do
		"$IP" $opts >"$d/ip.dump"
		"$IPBOX" $opts >"$d/box.dump"
		cmp <(dump_unstamped "$d/ip.dump") <(dump_unstamped "$d/box.dump")
	done
}

# dump_unstamped FILE: a saved dump with each message's seq and pid
# zeroed (they differ between any two dumps).
dump_unstamped() {
	python3 -c '
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
i = 4
while i + 16 <= len(d):
	n = struct.unpack_from("I", d, i)[0]
	d[i + 8:i + 16] = bytes(8)
	i += max(16, (n + 3) & ~3)
sys.stdout.buffer.write(bytes(d))' "$1" | od -An -tx1
}

@test "restore and showdump refuse garbage, truncated dumps and pipes as iproute2" {
	populate
	local d=$BATS_TEST_TMPDIR f
	"$IP" route save >"$d/good"
	head -c 50 "$d/good" >"$d/trunc"
	printf 'garbage!garbage!' >"$d/garbage"
	printf '\x24\x12\x31\x45\xff\xff\x00\x00xxxxxxxxxxxx' >"$d/huge"
	printf '\x24\x12\x31\x45\x04\x00\x00\x00xxxxxxxxxxxx' >"$d/short"
	"$IP" addr save >"$d/addr"
	: >"$d/empty"
	for f in good trunc garbage huge short addr empty; do
		same route restore <"$d/$f"
		same route showdump <"$d/$f"
	done
	run sh -c 'cat "$1" | "$2" route restore' sh "$d/good" "$IPBOX"
	assert_failure 1
	assert_output "Failed to restore: ftell: Illegal seek"
	run script -qc "$IPBOX route save" /dev/null
	assert_output --partial "Not sending a binary stream to stdout"
}

@test "rt_tables and rt_realms ids read as iproute2 reads them: 2^31 and up (negative as an int) and a fixed table's 256 and up are skipped" {
	same_script '
		mkdir -p /tmp/etcip && cp -a /etc/iproute2/. /tmp/etcip/ && mount --bind /tmp/etcip /etc/iproute2 || exit 99
		printf "4294967295 maxt\n-5 neg\n2147483648 big\n0x80000001 hbig\n2147483647 ok\n" >/etc/iproute2/rt_tables
		printf "255 r255\n256 r256\n" >/etc/iproute2/rt_realms
		$IP link add ifb0 type ifb; $IP link set ifb0 up
		for t in 4294967295 4294967291 2147483648 2147483647; do
			$IP route add 10.$((t % 200)).0.0/16 dev ifb0 table $t realm 255
		done
		$T -4 route show table all
		for c in "table maxt" "table neg" "table big" "table hbig" "table ok" "table all realm r256" "table all realm r255"; do
			echo "== $c"; $T -4 route show $c; echo "status $?"
		done'
}

@test "numbers read as iproute2's get_u32 and strtoul read them: white space and a sign before the number (+5, ' 5', -0), -1 refused" {
	same_script '
		$IP link add ifb0 type ifb; $IP link set ifb0 up; $IP addr add 10.0.0.1/24 dev ifb0
		$T route add 10.1.0.0/16 dev ifb0 metric +5; echo $?
		$T route add 10.2.0.0/16 dev ifb0 metric " 7" mtu -0 table -0x0; echo $?
		$T route add 10.3.0.0/16 dev ifb0 metric -1; echo $?
		$T rule add pref +0x10 fwmark " +3" table 5; echo $?
		$T nexthop add id +9 dev ifb0; echo $?
		$T addr add 10.4.0.1/24 dev ifb0 metric " 4"; echo $?
		$T route add 10.5.0.0/16 dev ifb0 metric "5 "; echo $?
		$IP route; $IP rule; $IP nexthop; $IP -4 -o addr'
}
