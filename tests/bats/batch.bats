#!/usr/bin/env bats
# -batch under -force pipelines route, address and neighbour changes
# (netlink/pipe.c): many requests per sendmsg, failures matched back to
# their lines.  Every test here holds it to what /bin/ip -batch does line
# by line: the same stdout, stderr, exit status and resulting state.

load helpers

LINKS='sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v0 up; ip link set v1 up'

batch() {
	printf '%s\n' "$@" >"$BATS_TEST_TMPDIR/batch"
}

@test "pipelined failures are reported per line, in line order, as /bin/ip" {
	batch 'route add 10.0.0.0/24 dev v0' \
		'route add 10.0.0.0/24 dev v0' \
		'route add 10.0.1.0/24 via 192.0.2.77' \
		'route add 10.0.2.0/24 dev nosuch' \
		'addr add 10.9.0.1/24 dev v0' \
		'addr add 10.9.0.1/24 dev v0' \
		'route add 2001:db8:1::/64 dev v0' \
		'route add 2001:db8:1::/64 dev v0' \
		'neigh add 10.9.0.5 lladdr 02:00:00:00:00:09 dev v0' \
		'route show' \
		'route del 10.0.0.0/24' \
		'route del 10.0.0.0/24' \
		'addr del 10.9.9.9/24 dev v0' \
		'route add 10.0.4.0/24 dev v0'
	same_effect "$LINKS" -force -batch "$BATS_TEST_TMPDIR/batch"
	same_effect "$LINKS" -batch "$BATS_TEST_TMPDIR/batch"
}

@test "a line that needs an earlier line's result sees it" {
	# v9 exists only after the link line; the rename changes what v0
	# means; link down drops v0's routes before the show.
	batch 'route add 10.1.0.0/16 dev v0' \
		'link add v9 type veth peer name v8' \
		'link set v9 up' \
		'route add 10.2.0.0/16 dev v9' \
		'link set v0 down' \
		'link set v0 name v5' \
		'route add 10.3.0.0/16 dev v0' \
		'link set v5 name v0' \
		'link set v0 up' \
		'route add 10.4.0.0/16 dev v0' \
		'route show' \
		'addr add 10.4.0.1/16 dev v0' \
		'addr show dev v0 scope global' \
		'route add 10.4.0.0/16 dev v0'
	same_effect "$LINKS" -force -batch "$BATS_TEST_TMPDIR/batch"
}

@test "thousands of lines over several chunks: every failure on its line" {
	awk 'BEGIN { for (i = 0; i < 12000; i++) {
		printf "route add 10.%d.%d.0/24 dev v0\n", int(i / 256) + 16, i % 256
		if (i % 997 == 0) printf "route add 10.%d.%d.0/24 dev v0\n", int(i / 256) + 16, i % 256
		if (i % 1499 == 0) printf "addr del 10.99.%d.1/24 dev v0\n", i % 256 } }' \
		>"$BATS_TEST_TMPDIR/batch"
	same_effect "$LINKS" -force -batch "$BATS_TEST_TMPDIR/batch"
}

@test "bad syntax ends a pipelined batch after the failures before it" {
	batch 'route add 10.0.0.0/24 dev v0' \
		'route add 10.0.0.0/24 dev v0' \
		'route add 10.0.5.0/24 dev v0 mtu 99999999999' \
		'route add 10.0.6.0/24 dev v0'
	same_effect "$LINKS" -force -batch "$BATS_TEST_TMPDIR/batch"
}

@test "a flush line sees the changes queued before it (-force)" {
	batch 'addr add 10.0.5.1/24 dev v0' 'addr add 10.0.6.1/24 dev v0' \
		'route add 10.7.0.0/16 dev v0' 'neigh add 10.0.5.9 lladdr 02:00:00:00:00:09 dev v0' \
		'addr flush dev v0 to 10.0.5.0/24' 'addr flush dev v0 to 10.0.6.0/24' \
		'route flush 10.7.0.0/16' 'neigh flush dev v0 nud all'
	same_effect "$LINKS" -force -batch "$BATS_TEST_TMPDIR/batch"
}

@test "a failed neigh change does not end a -force batch (iproute2 exits)" {
	eval "$LINKS"
	batch 'neigh add 10.9.0.5 lladdr 02:00:00:00:00:09 dev v0' \
		'neigh add 10.9.0.5 lladdr 02:00:00:00:00:09 dev v0' \
		'route add 10.7.0.0/16 dev v0'
	# iproute2's ipneigh_modify() calls exit(2) even under -force: the
	# documented difference (ipbox(8)) is that the batch goes on.
	run "$IP" -force -batch "$BATS_TEST_TMPDIR/batch"
	assert_failure 2
	[ -z "$("$IP" route show 10.7.0.0/16)" ]
	"$IP" neigh flush dev v0 nud permanent
	run "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/batch"
	assert_failure 1
	assert_output "RTNETLINK answers: File exists
Command failed $BATS_TEST_TMPDIR/batch:2"
	[ -n "$("$IP" route show 10.7.0.0/16)" ]
	"$IP" neigh show 10.9.0.5 dev v0 | grep -q PERMANENT
}

@test "pipelined batch memory is flat: 1,000 and 100,000 lines" {
	local small big
	# ASan's quarantine holds every freed block (up to 256 MB): its RSS
	# measures the sanitizer, not ipbox.
	[ -z "${IPBOX_SANITIZED:-}" ] || skip "RSS of an ASan build measures its quarantine"
	eval "$LINKS"
	awk 'BEGIN { for (i = 0; i < 100000; i++)
		printf "route add 10.%d.%d.%d/32 dev v0\n", int(i / 65536) + 16, int(i / 256) % 256, i % 256 }' \
		>"$BATS_TEST_TMPDIR/big"
	head -n 1000 "$BATS_TEST_TMPDIR/big" | sed 's/ 10\./ 11./; s/dev v0/dev v1/' >"$BATS_TEST_TMPDIR/small"
	small=$(/usr/bin/time -f %M "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/small" 2>&1)
	big=$(/usr/bin/time -f %M "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/big" 2>&1)
	[ "$("$IP" route show dev v0 | wc -l)" -eq 100000 ]
	[ "$("$IP" route show dev v1 | wc -l)" -eq 1000 ]
	[ "$big" -le $((small + 1024)) ] || fail "RSS grew: ${small} KB for 1k lines, ${big} KB for 100k"
}

@test "route and nat lines in one -force batch: failures in line order" {
	eval "$LINKS"
	batch 'route add 10.0.0.0/24 dev v0' \
		'route add 10.0.0.0/24 dev v0' \
		'nat add masquerade src 10.0.0.0/24 oif v0' \
		'nat del masquerade src 10.9.0.0/24 oif v0' \
		'nat add masquerade src 10.1.0.0/24 oif v0' \
		'route add 10.0.0.0/24 dev v0' \
		'route add 10.0.1.0/24 dev v0'
	run "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/batch"
	assert_failure 1
	# each failing line's own message, then its line, in line order
	# (forwarding is off here: nat add warns, which is not a failure)
	assert_equal "$(grep -v '^Warning: IPv4 forwarding is off' <<<"$output")" \
"RTNETLINK answers: File exists
Command failed $BATS_TEST_TMPDIR/batch:2
Error: no such nat rule.
Command failed $BATS_TEST_TMPDIR/batch:4
RTNETLINK answers: File exists
Command failed $BATS_TEST_TMPDIR/batch:6"
	[ "$("$IP" route show dev v0 | wc -l)" -eq 2 ]
	[ "$("$IPBOX" nat show | grep -c masquerade)" -eq 2 ]
}

# The silent-loss class: every line of a batch either takes effect or is
# reported (`Command failed FILE:LINE`, LINE its last physical line);
# nothing vanishes.  loss_case CHECK LINE...: the physical LINEs of one
# command, and a shell test true once it took effect.
loss_lines=() loss_checks=() loss_ends=()
loss_case() {
	local check=$1
	shift
	loss_lines+=("$@")
	loss_checks+=("$check")
	loss_ends+=("${#loss_lines[@]}")
}

# The words of a line: route add PREFIX dev lo, then `metric 1` pairs.
metric_line() {
	local words="route add $1 dev lo" n
	for ((n = 5; n + 2 <= $2; n += 2)); do words+=" metric 1"; done
	[ "$n" -eq "$2" ] || words+=" metric"
	echo "$words"
}

assert_no_loss() {
	local f=$BATS_TEST_TMPDIR/loss i lost=
	printf '%s\n' "${loss_lines[@]}" >"$f"
	run "$IPBOX" -force -batch "$f"
	for i in "${!loss_checks[@]}"; do
		eval "${loss_checks[$i]}" ||
			grep -qx "Command failed $f:${loss_ends[$i]}" <<<"$output" ||
			lost+="line ${loss_ends[$i]}: ${loss_checks[$i]}"$'\n'
	done
	[ -z "$lost" ] || fail "lines neither run nor reported:"$'\n'"$lost$output"
}

@test "silent loss: comments, continuations, quotes and long lines all run or are reported" {
	"$IP" link set lo up
	loss_case '"$IP" link show k1' '# an old line \' 'link add k1 type ifb'
	loss_case '"$IP" link show k2' 'link add k2 type ifb # a comment \'
	loss_case '"$IP" link show k3' 'link add k3 type ifb'
	loss_case '"$IP" link show k4' '   # \\' 'link add k4 \' '  type ifb # and \'
	loss_case '"$IP" link show k5' 'link add "k5" type '"'ifb'"$'\r'
	loss_case '[ -n "$("$IP" route show 10.0.5.0/24)" ]' "$(metric_line 10.0.5.0/24 511)"
	loss_case '[ -n "$("$IP" route show 10.0.6.0/24)" ]' "$(metric_line 10.0.6.0/24 512)"
	loss_case '"$IP" link show k7' 'link add "k7 type ifb'
	loss_case '"$IP" link show k8' 'link add k8 type ifb'
	assert_no_loss
	# the lines iproute2 takes too behave as in /bin/ip, byte for byte
	head -n 9 "$BATS_TEST_TMPDIR/loss" >"$BATS_TEST_TMPDIR/agreed"
	same_effect 'ip link set lo up' -batch "$BATS_TEST_TMPDIR/agreed"
	# without -force a line of 512 words ends the batch, status 1
	sed -n '10,11p' "$BATS_TEST_TMPDIR/loss" >"$BATS_TEST_TMPDIR/long"
	same_effect 'ip link set lo up' -batch "$BATS_TEST_TMPDIR/long"
}

@test "a line that does not split: -force reports it after the nat run before it, and goes on" {
	local f=$BATS_TEST_TMPDIR/batch
	batch 'nat del masquerade src 10.9.0.0/24 oif lo' \
		'link add "k1 type ifb' \
		"$(metric_line 10.0.6.0/24 600)" \
		'link add k2 type ifb'
	run "$IPBOX" -force -batch "$f"
	assert_failure 1
	assert_output "Error: no such nat rule.
Command failed $f:1
Unterminated quoted string
Command failed $f:2
Too many arguments to command
Command failed $f:3"
	"$IP" link show k2
}

@test "address show after link show in a batch prints as alone (iproute2 leaks link show's state)" {
	local f=$BATS_TEST_TMPDIR/batch alone opt
	"$IP" link set lo up
	"$IP" addr add 10.1.1.1/24 dev lo
	batch 'link show dev lo' 'address show dev lo'
	for opt in -d -s -j -br; do
		alone=$("$IP" $opt link show dev lo; "$IP" $opt address show dev lo)
		run "$IPBOX" $opt -batch "$f"
		assert_success
		assert_output "$alone"
		# the documented difference (ipbox(8)): /bin/ip's batch does not
		run "$IP" $opt -batch "$f"
		[ "$output" != "$alone" ]
	done
}

@test "a -force batch of several chunks, failures among output, in one stream as /bin/ip" {
	# stdout and stderr in one file: a kernel failure of a line comes
	# before anything a later line prints (a route show, another line's
	# missing device), whichever chunk it was sent in.
	awk 'BEGIN { for (i = 0; i < 8000; i++) {
		r = sprintf("10.%d.%d.0/24", int(i / 256) + 16, i % 256)
		printf "route add %s dev v0\n", r
		if (i % 997 == 0) printf "route add %s dev v0\n", r
		if (i % 3 == 0) printf "neigh add 10.50.%d.%d lladdr 02:00:00:00:%02x:%02x dev v0\n", int(i / 256), i % 256, int(i / 256), i % 256
		if (i % 1499 == 0) printf "addr del 10.99.%d.1/24 dev v0\n", i % 256
		if (i % 1201 == 0) printf "route add 10.200.%d.0/24 dev nosuch\n", i % 256
		if (i % 1301 == 0) printf "neigh add 10.51.0.%d lladdr 02:00:00:00:00:01 dev nosuch\n", i % 256
		if (i % 2003 == 0) printf "addr add 10.98.%d.1/24 dev v0\naddr add 10.98.%d.1/24 dev v0\n", i % 256, i % 256
		if (i % 1777 == 5) printf "route show %s\n", r } }' >"$BATS_TEST_TMPDIR/batch"
	# with two CPUs a sender thread sends the chunks; with one (taskset),
	# one chunk at a time: both ways as /bin/ip
	for cpus in 0-1 0; do
		same_script "$LINKS"'
			taskset -c '"$cpus"' $T -force -batch '"$BATS_TEST_TMPDIR/batch"' 2>&1; echo "status $?"
			$IP route show | md5sum; $IP addr show | md5sum
			$IP neigh show | sort | md5sum; $IP neigh show | wc -l'
	done
}
