#!/usr/bin/env bats
# Races and faults around /run/netns: nothing lost, nothing stray.

load helpers

mounts() {
	grep -c ' /run/netns' /proc/self/mountinfo
}

@test "20 parallel adds of one name: exactly one wins, no stray mounts" {
	local before i ok=0
	"$IPBOX" netns add warmup	# /run/netns already shared
	"$IPBOX" netns delete warmup
	before=$(mounts)
	for i in $(seq 20); do
		( "$IPBOX" netns add same 2>/dev/null && echo won >>"$BATS_TEST_TMPDIR/won" ) &
	done
	wait
	run wc -l <"$BATS_TEST_TMPDIR/won"
	assert_output 1
	run ls /run/netns
	assert_output same
	[ "$(mounts)" -eq $((before + 1)) ]
	"$IPBOX" netns delete same
	[ "$(mounts)" -eq "$before" ]
}

@test "50 parallel adds and deletes of distinct names end consistent" {
	local i before
	"$IPBOX" netns add warmup
	"$IPBOX" netns delete warmup
	before=$(mounts)
	for i in $(seq 50); do "$IPBOX" netns add "n$i" & done
	wait
	run sh -c 'ls /run/netns | wc -l'
	assert_output 50
	[ "$(mounts)" -eq $((before + 50)) ]
	for i in $(seq 50); do "$IPBOX" netns delete "n$i" & done
	wait
	run ls /run/netns
	assert_output ""
	[ "$(mounts)" -eq "$before" ]
}

@test "an add killed at any point leaves a name that delete removes" {
	local i
	for i in $(seq 30); do
		"$IPBOX" netns add "k$i" &
		local pid=$!
		# kill at a spread of moments, from before exec to after the bind
		sleep "0.000$((i % 10))"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		if [ -e "/run/netns/k$i" ]; then
			run "$IPBOX" netns delete "k$i"
			assert_success
		fi
		[ ! -e "/run/netns/k$i" ]
		# and the name is usable again
		run "$IPBOX" netns add "k$i"
		assert_success
		"$IPBOX" netns delete "k$i"
	done
	run grep -c ' /run/netns/k' /proc/self/mountinfo
	assert_output 0
}
