#!/usr/bin/env bats
# Issue 15, finding 3: iproute2 passes ambient capabilities on to the
# program `netns exec` runs (a service with ambient CAP_NET_ADMIN can fork
# and call ip); ipbox 0.x cleared every set and the program failed.  Only
# what came from file capabilities is dropped.

load adv

ambient() {
	nobody --inh-caps=-all,+net_admin,+sys_admin --ambient-caps=-all,+net_admin,+sys_admin "$@"
}

@test "the program keeps the ambient set and can change the namespace it runs in" {
	$IP netns add x
	run ambient "$IPBOX" netns exec x sh -c 'grep ^CapAmb /proc/self/status; "$0" link add i1 type ifb' "$IPBOX"
	assert_success
	assert_output "$(ambient $IP netns exec x grep ^CapAmb /proc/self/status)"
	run $IP -n x link show i1
	assert_success
	# -all and batch run it in a child: the same
	run ambient "$IPBOX" -all netns exec "$IPBOX" link add i2 type ifb
	assert_success
	run ambient "$IPBOX" -batch - <<<"netns exec x $IPBOX link add i3 type ifb"
	assert_success
	run $IP -n x -br link
	assert_line --regexp '^i2 '
	assert_line --regexp '^i3 '
}

@test "file capabilities still never reach the program" {
	local copy=$BATS_TEST_TMPDIR/copy
	cp "$IPBOX" "$copy"
	setcap cap_sys_admin,cap_net_admin+ep "$copy" || skip "setcap failed"
	chmod 755 "$BATS_TEST_TMPDIR" "$copy"
	$IP netns add x
	run nobody --inh-caps=+net_admin "$copy" netns exec x grep -E '^Cap(Prm|Eff|Amb)' /proc/self/status
	assert_success
	assert_output "$(printf 'CapPrm:\t%016d\nCapEff:\t%016d\nCapAmb:\t%016d' 0 0 0)"
}
