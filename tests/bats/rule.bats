#!/usr/bin/env bats
# rule: show in every mode and with every selector, add/del/flush with
# every selector and action, save/restore both ways with /bin/ip, errors,
# batches, and a source rule steering real traffic out of a second uplink.

load helpers

eval "helpers_$(declare -f teardown)"

# Rules outlive links: back to the three (two for IPv6) default rules.
teardown() {
	local f
	for f in -4 -6; do
		$IP $f rule flush 2>/dev/null || true
		# a restored local rule has priority 0 too: one stays
		while [ "$($IP $f rule | grep -c '^0:')" -gt 1 ]; do
			$IP $f rule del pref 0 || break
		done
	done
	$IP rule add pref 32766 table main 2>/dev/null || true
	$IP rule add pref 32767 table default 2>/dev/null || true
	$IP -6 rule add pref 32766 table main 2>/dev/null || true
	helpers_teardown
}

# Rules with every selector and action iproute2 6.1 prints.
RULES='ip rule add from 10.1.0.0/24 table 100
ip rule add not fwmark 0x10/0xff table 200 pref 50
ip rule add table main suppress_prefixlength 0 pref 49
ip rule add iif lo uidrange 100-200 ipproto tcp sport 10-20 dport 80 lookup 5 proto static pref 48
ip rule add to 1.2.3.4 blackhole pref 47
ip rule add goto 32766 pref 10
ip rule add goto 5000 pref 13
ip rule add nop pref 11
ip rule add realms 1/2 table 7 pref 9
ip rule add realms 3 table 7 pref 8
ip rule add nat 1.2.3.4 table 8 pref 7
ip rule add tos 0x10 table 9 pref 6
ip rule add l3mdev pref 1000
ip rule add oif lo tun_id 7 pref 12 suppress_ifgroup 5 lookup 2000
ip rule add unreachable pref 14
ip rule add prohibit pref 15 fwmark 7
ip rule add iif nosuch table 3 pref 16
ip rule add ipproto 132 dport 1000-2000 table 3 pref 17
ip -6 rule add from 2001:db8::/32 to 2001:db9::1 table 10 pref 100 iif lo oif lo
ip -6 rule add not from all ipproto udp sport 53 table 11 pref 101
ip -6 rule add dsfield AF11 table 9 pref 5'

populate() {
	eval "$RULES" 2>/dev/null
	run "$IP" rule show pref 16
	assert_output --partial "[detached]"
}

@test "the default rules, in every mode" {
	for opts in "" -4 -6 -o -j "-j -p" -d "-d -j" -s; do
		same $opts rule
		same $opts rule show
	done
	same ru
	same rule lst
	same -0 rule
}

@test "show prints every selector and action as /bin/ip" {
	populate
	for opts in "" -6 -o -j "-j -p" -d "-6 -d -j"; do
		same $opts rule list
	done
}

@test "show selectors pick the rules /bin/ip picks" {
	populate
	local sel
	while read -r sel; do
		same rule show $sel
	done <<'EOF'
table 3
lookup main
t 7
fwmark 7
fwmark 0x10/0xff
from 10.1.0.0/16
from 10.1.0.0/24
from 10.1.0.0/25
src all
pref 50
order 11
priority 12
not
iif lo
dev nosuch
oif lo
l3mdev
uidrange 100-200
ipproto tcp
ipproto 6 sport 10-20
dport 80
dport 1000-2000
to 1.2.3.4
dst 1.2.3.0/24
1.2.3.0/24
tos 0x10
tun_id 7
protocol static
EOF
	same -6 rule show from 2001:db8::/16
	same -6 rule show to 2001:db9::1
	same -6 rule show not
	same -6 rule show ipproto udp
	same -6 rule show tos AF11
	same -6 rule show dsfield 0x28
}

@test "add and del with every selector and action change the rules as /bin/ip" {
	# one rule a line, as a -force batch: the output line by line and the
	# rules at the end compared
	sed 's/^/rule add /' >"$BATS_TEST_TMPDIR/adds" <<'EOF'
from 10.1.0.0/24 table 100
from 10.2.0.0/24 lookup 100
not fwmark 51820 table 51820
table main suppress_prefixlength 0
to 10.0.0.0/8 tos 0x10 pref 5
from all to all table 5
iif lo oif lo table 5 protocol static
uidrange 0-999 table 6 priority 100
ipproto udp sport 53 dport 1024-65535 table 7 order 200
fwmark 0x1/0x3 realms 5/6 table 8
goto 32766 pref 10
nop
blackhole
unreachable
type prohibit
l3mdev
tun_id 0x1234 table 9
sup_pl 8 sup_group 2 table 9
nat 192.0.2.1
map-to 192.0.2.2
table 1000
table 4294967295
table 4294967295
EOF
	same_effect "" -force -batch "$BATS_TEST_TMPDIR/adds"
	same_effect "" -6 rule add from 2001:db8::/32 table 10
	same_effect "" -6 rule add to 2001:db8::/32 ipproto ipv6-icmp table 10
	printf '%s\n' 'rule del from 10.1.0.0/24' 'rule delete table 100' 'rule d pref 77' \
		'rule del table main' 'rule del pref 12345' >"$BATS_TEST_TMPDIR/dels"
	same_effect "ip rule add from 10.1.0.0/24 table 100; ip rule add from 10.3.0.0/24 table 100
ip rule add pref 77 blackhole" -force -batch "$BATS_TEST_TMPDIR/dels"
}

@test "flush keeps what /bin/ip's flush keeps; protocol selects what it flushes" {
	same_effect "$RULES" rule flush
	same_effect "$RULES" -6 rule flush
	same_effect "$RULES" rule flush table 7
	same_effect "$RULES" rule flush protocol static
	same_effect "$RULES" rule flush protocol all
	same_effect "$RULES" rule flush not
	same_effect "" -j rule flush
	# the local rule stays, read back
	"$IPBOX" rule flush
	run "$IP" rule
	assert_output "0:	from all lookup local"
}

# unseq FILE: a save file with each message's sequence number and port
# id (the dumping socket's) zeroed.
unseq() {
	perl -e 'local $/; my $d = <STDIN>; my $o = 4;
		while ($o + 16 <= length $d) {
			my $len = unpack("V", substr($d, $o, 4));
			last if $len < 16;
			substr($d, $o + 8, 8) = "\0" x 8;
			$o += ($len + 3) & ~3;
		}
		print $d' <"$1" | od -An -tx1
}

@test "save writes /bin/ip's bytes; each restores the other's file" {
	local f
	populate
	for f in "" -6; do
		"$IP" $f rule save >"$BATS_TEST_TMPDIR/ip.bin"
		"$IPBOX" $f rule save >"$BATS_TEST_TMPDIR/box.bin"
		[ "$(wc -c <"$BATS_TEST_TMPDIR/ip.bin")" -gt 200 ]
		diff <(unseq "$BATS_TEST_TMPDIR/ip.bin") <(unseq "$BATS_TEST_TMPDIR/box.bin")
	done
	# ipbox restores what /bin/ip saved, read back
	"$IP" rule save >"$BATS_TEST_TMPDIR/ip.bin"
	"$IP" rule flush
	"$IPBOX" rule restore <"$BATS_TEST_TMPDIR/ip.bin"
	run "$IP" rule show pref 50
	assert_output "50:	not from all fwmark 0x10/0xff lookup 200"
	# a file of one restored by the other, in a namespace without the rules
	printf '%s\n' "$RULES" >"$BATS_TEST_TMPDIR/rules.sh"
	same_script '. '"$BATS_TEST_TMPDIR/rules.sh"' 2>/dev/null
		$IP rule save >/tmp/r.bin; $IP -6 rule save >/tmp/r6.bin
		$T rule save >/tmp/t.bin
		$IP rule flush; $IP -6 rule flush
		$T rule restore </tmp/r.bin; echo $?; $T -6 rule restore </tmp/r6.bin; echo $?
		$IP rule; $IP -6 rule
		$IP rule restore </tmp/t.bin; echo $?; $IP rule'
	# refused: a terminal, arguments, a wrong magic, a cut file
	same_script '$T rule save foo >/dev/null; echo $?
		$T rule restore </dev/null; echo $?
		printf abcd | $T rule restore; echo $?
		$IP rule save | head -c 10 | $T rule restore; echo $?
		$IP rule save | head -c 60 | $T rule restore; echo $?
		(printf "\206\151\160\161\377\377\0\0aaaaaaaaaaaa") | $T rule restore; echo $?
		$IP rule'
	run script -qec "$IPBOX rule save" /dev/null
	assert_output --partial "Not sending a binary stream to stdout"
	run script -qec "$IPBOX rule restore" /dev/null
	assert_output --partial "Can't restore rule dump from a terminal"
}

@test "errors and exit codes as /bin/ip, nothing changed" {
	local line
	while read -r line; do
		same rule $line
	done <<'EOF'
help
foo
add
del
add foo
add type help
add help
add pref
add pref x
add from
add from 300.1.1.1
add to foo
add from 2001:db8::/32 table 5
add fwmark x/5
add fwmark 5/y
add tos 0x100
add dsfield foo
add realms 1/300
add realms foo
add protocol 256
add tun_id x
add table foo
add sup_pl -1
add suppress_prefixlength x
add sup_group 2147483648
add suppress_ifgroup foo
add iif 0123456789abcdef
add oif a/b
add uidrange 5
add uidrange x-y
add nat foo
add ipproto foo
add sport x
add dport x-1
add goto x
add l3mdev table 5
add t
list bar
show from 2001:db8::/32
show fwmark x
show pref -1
show protocol foo
show t x
show sport x
show dport x
show uidrange 5
show iif a/b
show tos foo
show table foo
save foo
EOF
	same -6 rule add from 10.0.0.0/8
	same -0 rule add table 5
	same rule del pref 12345
	run "$IP" rule
	assert_output "$(printf '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default')"
}

@test "a batch of rule, link and route lines under -force reports each failure on its line" {
	printf '%s\n' 'rule add from 10.9.0.0/16 table 9 pref 90' 'rule add from 10.9.0.0/16 table 9 pref 90' \
		'link add r0 type ifb' 'link add r0 type ifb' 'rule del pref 4242' 'route add 10.9.0.0/16 dev r0 table 9' \
		'link set r0 up' 'route add 10.9.0.0/16 dev r0 table 9' 'rule show' 'rule del pref 90' \
		'route show table 9' >"$BATS_TEST_TMPDIR/batch"
	same_effect "" -force -batch "$BATS_TEST_TMPDIR/batch"
	same_effect "" -batch "$BATS_TEST_TMPDIR/batch"
	run "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/batch"
	assert_failure 1
	assert_line "Command failed $BATS_TEST_TMPDIR/batch:5"
}

# Two uplinks: isp1 (192.0.2.0/24) and isp2 (198.51.100.0/24), each a
# namespace holding the same far address 203.0.113.1; two clients c1
# (10.1.0.0/24) and c2 (10.2.0.0/24) behind this namespace, the router.
# The main table's default goes to isp1; table 100's to isp2.
uplinks() {
	sysctl -qw net.ipv4.ip_forward=1
	$IP link set lo up
	local n i
	for n in isp1 isp2 c1 c2; do
		$IP netns add $n
		$IP -n $n link set lo up
		$IP link add "to_$n" type veth peer name eth0 netns $n
		$IP link set "to_$n" up
		$IP -n $n link set eth0 up
	done
	$IP addr add 192.0.2.1/24 dev to_isp1
	$IP addr add 198.51.100.1/24 dev to_isp2
	$IP addr add 10.1.0.1/24 dev to_c1
	$IP addr add 10.2.0.1/24 dev to_c2
	$IP -n isp1 addr add 192.0.2.2/24 dev eth0
	$IP -n isp2 addr add 198.51.100.2/24 dev eth0
	for n in isp1 isp2; do
		$IP -n $n addr add 203.0.113.1/32 dev lo
	done
	$IP -n isp1 route add 10.0.0.0/8 via 192.0.2.1
	$IP -n isp2 route add 10.0.0.0/8 via 198.51.100.1
	$IP -n c1 addr add 10.1.0.2/24 dev eth0
	$IP -n c2 addr add 10.2.0.2/24 dev eth0
	$IP -n c1 route add default via 10.1.0.1
	$IP -n c2 route add default via 10.2.0.1
	$IP route add default via 192.0.2.2
	$IP route add default via 198.51.100.2 table 100
	for i in $(seq 50); do
		[ "$($IP -o link show up | grep -c 'state UP')" -ge 5 ] && break
		sleep 0.1
	done
}

# pings_via CLIENT: send 3 pings from CLIENT to 203.0.113.1 and print
# which uplink's far end answered them (isp1 or isp2).
pings_via() {
	local a1 a2 d1 d2
	a1=$(echos_in isp1) a2=$(echos_in isp2)
	$IP netns exec "$1" ping -c 3 -i 0.2 -W 2 -q 203.0.113.1 >/dev/null || { echo unreachable; return; }
	d1=$(( $(echos_in isp1) - a1 )) d2=$(( $(echos_in isp2) - a2 ))
	if [ $d1 = 0 ] && [ $d2 = 3 ]; then
		echo isp2
	elif [ $d1 = 3 ] && [ $d2 = 0 ]; then
		echo isp1
	else
		echo "isp1 +$d1, isp2 +$d2"
	fi
}

@test "a source rule steers one client's packets out of the second uplink" {
	uplinks
	run pings_via c2
	assert_output isp1
	"$IPBOX" rule add from 10.2.0.0/24 table 100 pref 100
	run "$IP" rule show pref 100
	assert_output "100:	from 10.2.0.0/24 lookup 100"
	run pings_via c2
	assert_output isp2
	# the other client still leaves by the main table
	run pings_via c1
	assert_output isp1
	# the rule gone, c2 leaves by isp1 again; an iif rule moves c1
	"$IPBOX" rule del from 10.2.0.0/24 table 100
	run pings_via c2
	assert_output isp1
	"$IPBOX" rule add iif to_c1 lookup 100 pref 101
	run pings_via c1
	assert_output isp2
	"$IPBOX" rule flush
	run "$IP" rule
	assert_output "0:	from all lookup local"
	run pings_via c1
	assert_output unreachable
}
