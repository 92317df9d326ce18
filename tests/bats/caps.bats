#!/usr/bin/env bats
# Capabilities: a missing one is named before anything changes, and file
# capabilities never reach the program `netns exec` runs.

load helpers

nobody() {
	setpriv --reuid 65534 --regid 65534 --clear-groups "$@"
}

no_caps() {
	nobody --inh-caps=-all --bounding-set=-all "$@"
}

# CAP_NET_ADMIN alone, ambient so that it survives the exec.
net_admin() {
	nobody --inh-caps=-all,+net_admin --ambient-caps=-all,+net_admin \
		--bounding-set=-all,+net_admin "$@"
}

eval "helpers_$(declare -f teardown)"

teardown() {
	nft flush ruleset 2>/dev/null || true
	helpers_teardown
}

# Everything a change could have touched.
state() {
	ip_state
	$IP netns list
	ls -A /run/netns
	grep netns /proc/self/mountinfo || true
	nft list ruleset
}

@test "without capabilities, changes are refused naming the capability" {
	"$IPBOX" netns add x
	run no_caps "$IPBOX" netns add y
	assert_failure 1
	assert_output "Error: netns add requires CAP_SYS_ADMIN."
	[ ! -e /run/netns/y ]
	run no_caps "$IPBOX" netns delete x
	assert_failure 1
	assert_output "Error: netns delete requires CAP_SYS_ADMIN."
	[ -e /run/netns/x ]
	run no_caps "$IPBOX" netns exec x true
	assert_output "Error: netns exec requires CAP_SYS_ADMIN."
	run no_caps "$IPBOX" netns attach z 1
	assert_output "Error: netns attach requires CAP_SYS_ADMIN."
	run no_caps "$IPBOX" netns set x 3
	assert_output "Error: netns set requires CAP_NET_ADMIN."
	run no_caps "$IPBOX" -n x netns list
	assert_failure 255
	assert_output "Error: -netns requires CAP_SYS_ADMIN."
	run ls /run/netns
	assert_output x
}

@test "without capabilities, reads still work" {
	local args
	"$IPBOX" netns add x
	run no_caps "$IPBOX" netns list
	assert_success
	assert_output x
	run no_caps "$IPBOX" netns identify
	assert_success
	prepare_i0
	for args in "link show" "address show" "route show" "neigh show" "-d link show i0" \
		"route show table all" "-6 route show" "route get 10.6.0.1" "-j address show dev i0"; do
		# shellcheck disable=SC2086
		run no_caps "$IPBOX" $args
		assert_success
		refute_output ""
		# as /bin/ip prints it with the same (lack of) privileges
		# shellcheck disable=SC2086
		assert_output "$(no_caps $IP $args)"
	done
}

@test "without capabilities, every change names CAP_NET_ADMIN and changes nothing" {
	local before line what args
	prepare_i0
	before=$(state 2>&1)
	while IFS='|' read -r what args; do
		# shellcheck disable=SC2086
		run no_caps "$IPBOX" $args
		assert_failure 1
		assert_output "Error: $what requires CAP_NET_ADMIN."
	done <<-'EOF'
	link change|link add i1 type ifb
	link change|link set i0 down
	link change|link set i0 mtu 1400 alias x
	link change|link delete i0
	link change|link property add dev i0 altname ifbzero
	address change|address add 10.7.0.1/24 dev i0
	address change|address del 10.5.0.1/24 dev i0
	address change|address replace 10.5.0.1/24 dev i0 valid_lft 100 preferred_lft 50
	address flush|address flush dev i0
	route change|route add 10.8.0.0/16 dev i0
	route change|route replace 10.6.0.0/16 via 10.5.0.3
	route change|route del 10.6.0.0/16
	route flush|route flush dev i0
	neigh change|neigh add 10.5.0.9 lladdr 02:00:00:00:00:09 dev i0
	neigh change|neigh change 10.5.0.3 lladdr 02:00:00:00:00:04 dev i0
	neigh change|neigh del 10.5.0.3 dev i0
	neigh flush|neigh flush dev i0 nud all
	nat add|nat add masquerade oif i0
	nat del|nat del masquerade src 10.5.0.0/24 oif i0
	nat flush|nat flush
	EOF
	run state
	assert_output "$before"
}

@test "with CAP_NET_ADMIN alone, link, address, route, neigh and nat changes work" {
	run net_admin "$IPBOX" link add i0 type ifb
	assert_success
	run net_admin "$IPBOX" link set i0 up
	assert_success
	run $IP -br link show i0
	assert_output --regexp '^i0 +UNKNOWN '
	run net_admin "$IPBOX" address add 10.5.0.1/24 dev i0
	assert_success
	run $IP -br -4 address show dev i0
	assert_output --regexp '^i0 +UNKNOWN +10\.5\.0\.1/24 *$'
	run net_admin "$IPBOX" route add 10.6.0.0/16 via 10.5.0.2
	assert_success
	run $IP route show 10.6.0.0/16
	assert_output "10.6.0.0/16 via 10.5.0.2 dev i0 "
	run net_admin "$IPBOX" neigh add 10.5.0.3 lladdr 02:00:00:00:00:03 dev i0
	assert_success
	run $IP neigh show 10.5.0.3
	assert_output "10.5.0.3 dev i0 lladdr 02:00:00:00:00:03 PERMANENT "
	run net_admin "$IPBOX" nat add masquerade src 10.5.0.0/24 oif i0
	assert_success
	run net_admin "$IPBOX" nat add snat src 10.5.0.0/24 to 192.0.2.1
	assert_success
	run nft list chain inet ipbox srcnat
	assert_line --regexp 'ip saddr 10\.5\.0\.0/24 oifname "i0" .*masquerade'
	assert_line --regexp 'ip saddr 10\.5\.0\.0/24 .*snat ip to 192\.0\.2\.1'
	run net_admin "$IPBOX" nat del masquerade src 10.5.0.0/24 oif i0
	assert_success
	run nft list chain inet ipbox srcnat
	refute_line --partial masquerade
	assert_line --partial "snat ip to 192.0.2.1"
	run net_admin "$IPBOX" nat flush
	assert_success
	run nft list table inet ipbox
	assert_failure
	# and back again
	run net_admin "$IPBOX" neigh del 10.5.0.3 dev i0
	assert_success
	run $IP neigh show 10.5.0.3
	assert_output ""
	run net_admin "$IPBOX" route del 10.6.0.0/16
	assert_success
	run $IP route show 10.6.0.0/16
	assert_output ""
	run net_admin "$IPBOX" address del 10.5.0.1/24 dev i0
	assert_success
	run $IP -4 address show dev i0
	assert_output ""
	run net_admin "$IPBOX" link delete i0
	assert_success
	run $IP link show i0
	assert_failure
}

@test "with CAP_NET_ADMIN alone, netns add, exec and delete name CAP_SYS_ADMIN and change nothing" {
	local before
	"$IPBOX" netns add x
	before=$(state 2>&1)
	run net_admin "$IPBOX" netns add y
	assert_failure 1
	assert_output "Error: netns add requires CAP_SYS_ADMIN."
	run net_admin "$IPBOX" netns exec x touch "$BATS_TEST_TMPDIR/ran"
	assert_failure 1
	assert_output "Error: netns exec requires CAP_SYS_ADMIN."
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
	run net_admin "$IPBOX" netns delete x
	assert_failure 1
	assert_output "Error: netns delete requires CAP_SYS_ADMIN."
	run state
	assert_output "$before"
	run net_admin "$IPBOX" netns list
	assert_success
	assert_output x
}

# A copy of ipbox with file capabilities, runnable by nobody.
setcap_copy() {
	copy=$BATS_TEST_TMPDIR/ipbox-caps
	cp "$IPBOX" "$copy"
	setcap cap_sys_admin,cap_net_admin+ep "$copy" ||
		skip "setcap failed (file system without xattrs?)"
	chmod 755 "$BATS_TEST_TMPDIR" "$copy"
}

# The mount table without mount ids (a bind put back gets a new one).
mounts() {
	cut -d' ' -f3- /proc/self/mountinfo
}

# What a netns change can touch, ids and all.
netns_state() {
	cat /proc/self/mountinfo
	ls -lAi /run/netns
	$IP -all netns exec $IP -br link 2>&1
}

@test "a setcap copy run by a user drops its file capabilities at start, as iproute2" {
	local before
	setcap_copy
	"$IPBOX" netns add victim
	$IP link add i0 type ifb
	before=$(netns_state; state 2>&1)
	run nobody "$copy" netns delete victim
	assert_failure 1
	assert_output "Error: netns delete requires CAP_SYS_ADMIN."
	run nobody "$copy" -n victim link add i1 type ifb
	assert_failure 255
	assert_output "Error: -netns requires CAP_SYS_ADMIN."
	run nobody "$copy" netns add y
	assert_failure 1
	assert_output "Error: netns add requires CAP_SYS_ADMIN."
	run nobody "$copy" link add i1 type ifb
	assert_failure 1
	assert_output "Error: link change requires CAP_NET_ADMIN."
	run nobody "$copy" netns exec victim true
	assert_failure 1
	assert_output "Error: netns exec requires CAP_SYS_ADMIN."
	run nobody "$copy" nat add masquerade oif i0
	assert_failure 1
	run bash -c "$(declare -f netns_state state ip_state); IP=$IP IPBOX=$IPBOX; netns_state; state" 2>&1
	assert_output "$before"
	# reads still work, as the user
	run nobody "$copy" netns list
	assert_success
	assert_output victim
}

@test "a setcap copy kept by an inheritable CAP_NET_ADMIN never half-acts" {
	local before
	setcap_copy
	"$IPBOX" netns add victim
	$IP -n victim link add i9 type ifb
	before=$(netns_state)
	# iproute2's rule keeps the capabilities; the user still cannot
	# write /run/netns, so nothing is unmounted (iproute2 unmounts
	# victim, then fails to unlink it and exits 1)
	run nobody --inh-caps=+net_admin "$copy" netns delete victim
	assert_failure 1
	assert_output 'Cannot remove namespace file "/run/netns/victim": Permission denied'
	run netns_state
	assert_output "$before"
	run nobody --inh-caps=+net_admin "$copy" netns add y
	assert_failure 1
	assert_output 'Cannot create namespace file "/run/netns/y": Permission denied'
	run netns_state
	assert_output "$before"
	# what it reports done, it did: the link is in victim
	run nobody --inh-caps=+net_admin "$copy" -n victim link add i1 type ifb
	assert_success
	run $IP -n victim -br link show i1
	assert_output --regexp '^i1 '
}

@test "a failed netns add leaves an unshared /run/netns as it was" {
	setcap_copy
	# /run/netns as a plain directory (not yet bound onto itself), in a
	# mount namespace of its own
	run unshare --mount --propagation private sh -c '
		mount -t tmpfs t /run && mkdir -m 755 /run/netns || exit 99
		cut -d" " -f3- /proc/self/mountinfo >/run/before
		setpriv --reuid 65534 --regid 65534 --clear-groups --inh-caps=+net_admin \
			"$1" netns add y
		echo "status $?"
		cut -d" " -f3- /proc/self/mountinfo | diff /run/before - && ls -A /run/netns
	' sh "$copy"
	assert_output 'Cannot create namespace file "/run/netns/y": Permission denied
status 1'
}

@test "a namespace unmounted but not removable is bound back" {
	local ino
	setcap_copy
	"$IPBOX" netns add victim
	$IP -n victim link add i9 type ifb
	ino=$(stat -L -c %i /run/netns/victim)
	# a sticky world-writable directory passes the access check, yet
	# root's file is not nobody's to remove
	chmod 1777 /run/netns
	run nobody --inh-caps=+net_admin "$copy" netns delete victim
	assert_failure 1
	assert_output 'Cannot remove namespace file "/run/netns/victim": Operation not permitted'
	chmod 755 /run/netns
	[ "$(stat -L -c %i /run/netns/victim)" = "$ino" ]
	run $IP -n victim -br link show i9
	assert_output --regexp '^i9 '
}

@test "netns exec from a kept setcap copy runs the program without the file's capabilities" {
	setcap_copy
	"$IPBOX" netns add x
	run nobody --inh-caps=+net_admin "$copy" netns exec x grep -E '^Cap(Eff|Prm|Amb)' /proc/self/status
	assert_success
	assert_line "CapEff:	0000000000000000"
	assert_line "CapPrm:	0000000000000000"
	assert_line "CapAmb:	0000000000000000"
	# and it really ran inside x: only lo there
	run nobody --inh-caps=+net_admin "$copy" netns exec x ls /sys/class/net
	assert_output lo
}

# CAP_NET_ADMIN and CAP_SYS_ADMIN, ambient: a service that may run ip.
ambient_admin() {
	nobody --inh-caps=-all,+net_admin,+sys_admin --ambient-caps=-all,+net_admin,+sys_admin "$@"
}

@test "netns exec hands ambient capabilities on, as iproute2 does" {
	"$IPBOX" netns add x
	run ambient_admin "$IPBOX" netns exec x grep -E '^Cap(Eff|Prm|Amb)' /proc/self/status
	assert_success
	assert_output "$(ambient_admin $IP netns exec x grep -E '^Cap(Eff|Prm|Amb)' /proc/self/status)"
	assert_line "CapAmb:	0000000000201000"
	# the program can call ip itself: a link made from inside x is in x
	run ambient_admin "$IPBOX" netns exec x "$IPBOX" link add i1 type ifb
	assert_success
	run $IP -n x -br link show i1
	assert_output --regexp '^i1 '
	# in a batch too (the program runs in a child)
	run ambient_admin "$IPBOX" -batch - <<<"netns exec x $IPBOX link add i2 type ifb"
	assert_success
	run $IP -n x -br link show i2
	assert_output --regexp '^i2 '
}

@test "without CAP_NET_ADMIN inheritable, ambient capabilities go at start, as in iproute2" {
	"$IPBOX" netns add x
	run nobody --inh-caps=-all,+sys_admin --ambient-caps=-all,+sys_admin "$IPBOX" netns exec x true
	assert_failure 1
	assert_output "Error: netns exec requires CAP_SYS_ADMIN."
}
