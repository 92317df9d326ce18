#!/usr/bin/env bats
# Issue 15, finding 7: a closed or failing stdout is an error for every
# object (exit 1, one message), and output never goes into a socket that
# took descriptor 1 (ipbox 0.x: `link show >&-` wrote its dump into the
# netlink socket and exited 0, `addr show >&-` exited 1).

load adv

closed() { "$@" >&-; }
full() { "$@" >/dev/full; }

@test "every show with stdout closed or full: exit 1, the error named" {
	local c
	prepare_all
	for c in "link show" "address show" "route show" "neigh show" "netns list" "nat show" \
		"-j link show" "-d -s link show" "-j address show" "-j -p route show table all" \
		"-br neigh show" "netns list-id" "-j nat show" "route get 10.6.0.1"; do
		# shellcheck disable=SC2086
		run closed "$IPBOX" $c
		assert_failure 1
		assert_output "Failed to write output: Bad file descriptor"
		# shellcheck disable=SC2086
		run full "$IPBOX" $c
		assert_failure 1
		assert_output "Failed to write output: No space left on device"
	done
}

@test "a batch with stdout closed fails once, after running every line" {
	prepare_all
	run closed "$IPBOX" -batch - <<-'EOF'
	link show
	link add i1 type ifb
	address show
	EOF
	assert_failure 1
	assert_output "Failed to write output: Bad file descriptor"
	run $IP -br link show i1
	assert_output --regexp '^i1 '
}

@test "netns exec: the program finds stdout closed as ipbox was given it" {
	local plain
	$IP netns add x
	plain=$(fds_of 31.1 closed sleep 31.1)
	[[ " $plain" != *" 1 "* ]]
	run fds_of 31.2 closed "$IPBOX" netns exec x sleep 31.2
	assert_output "$plain"
	echo "netns exec x sleep 31.3" >"$BATS_TEST_TMPDIR/batch"
	run fds_of 31.3 closed "$IPBOX" -batch "$BATS_TEST_TMPDIR/batch"
	assert_output "$plain"
}

# writes_to_sockets REDIRECTION CMD...: run CMD under strace with the
# shell REDIRECTION (closing a descriptor); print every write that went
# into a socket (the output, or a message meant for a closed descriptor
# whose number a socket took).
writes_to_sockets() {
	local redirection=$1
	shift
	eval 'strace -f -y -e trace=write,writev -o "$BATS_TEST_TMPDIR/strace" "$@"' "$redirection"
	grep -E '^[0-9]+ +writev?\([0-9]+<(socket|NETLINK)' "$BATS_TEST_TMPDIR/strace" || true
}

@test "closed 0, 1 or 2: nothing is ever written into a socket that took the number" {
	prepare_all
	run writes_to_sockets '>&-' "$IPBOX" link show
	refute_output --regexp "writev?\\("
	run writes_to_sockets '2>&-' "$IPBOX" link add i0 type ifb
	refute_output --regexp "writev?\\("
	run writes_to_sockets '<&- 2>&-' "$IPBOX" -force -batch - 
	refute_output --regexp "writev?\\("
	run writes_to_sockets '>&- 2>&- <&-' "$IPBOX" nat show
	refute_output --regexp "writev?\\("
	run writes_to_sockets '<&- >&-' "$IPBOX" -j address show
	refute_output --regexp "writev?\\("
	# the failure is still the status
	run "$IPBOX" link add i0 type ifb 2>&-
	assert_failure 2
}
