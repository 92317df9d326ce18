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
	"$IPBOX" netns add x
	run no_caps "$IPBOX" netns list
	assert_success
	assert_output x
	run no_caps "$IPBOX" netns identify
	assert_success
}

@test "netns exec from a binary with file capabilities runs the program with none" {
	local bin=$BATS_TEST_TMPDIR/ipbox-caps
	cp "$IPBOX" "$bin"
	setcap cap_sys_admin,cap_net_admin+ep "$bin" ||
		skip "setcap failed (file system without xattrs?)"
	chmod 755 "$BATS_TEST_TMPDIR" "$bin"
	"$IPBOX" netns add x
	run nobody "$bin" netns exec x grep -E '^Cap(Eff|Prm|Amb)' /proc/self/status
	assert_success
	assert_line "CapEff:	0000000000000000"
	assert_line "CapPrm:	0000000000000000"
	assert_line "CapAmb:	0000000000000000"
	# and it really ran inside x: only lo there
	run nobody "$bin" netns exec x ls /sys/class/net
	assert_output lo
}
