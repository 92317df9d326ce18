#!/usr/bin/env bats
# Issue 15, finding 2, as reported: a copy of ipbox with
# `setcap cap_sys_admin,cap_net_admin+ep`, run by an unprivileged user.
# 0.x: `copy netns delete victim` unmounted the namespace, failed to
# unlink it (exit 1) and the namespace was gone; `-n ns link add` worked;
# a failed `netns add` left a shared bind mount on /run/netns.  Now file
# capabilities go at start (iproute2's rule) and, where a caller keeps
# them, a command does all it reports or nothing.

load adv

setup() {
	in_sandbox || return 1
	copy=$BATS_TEST_TMPDIR/copy
	cp "$IPBOX" "$copy"
	setcap cap_sys_admin,cap_net_admin+ep "$copy" || skip "setcap failed"
	chmod 755 "$BATS_TEST_TMPDIR" "$copy"
	prepare_all
	before=$(state)
}

@test "run by a user: the copy acts with the user's privileges" {
	run nobody "$copy" netns delete victim
	assert_failure 1
	run nobody "$copy" -n victim link add x0 type ifb
	assert_failure
	run nobody "$copy" netns add y
	assert_failure 1
	run state
	assert_output "$before"
}

@test "run with CAP_NET_ADMIN inheritable: kept, and never half-acting" {
	run nobody --inh-caps=+net_admin "$copy" netns delete victim
	assert_failure 1
	run nobody --inh-caps=+net_admin "$copy" netns add y
	assert_failure 1
	# -all reports the failure yet exits 0, as iproute2
	run nobody --inh-caps=+net_admin "$copy" -all netns delete
	assert_output --partial "Permission denied"
	run state
	assert_output "$before"
	# and it did what it reported
	run nobody --inh-caps=+net_admin "$copy" -n victim link add x0 type ifb
	assert_success
	run $IP -n victim link show x0
	assert_success
}
