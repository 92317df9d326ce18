#!/usr/bin/env bats
# Issue 12 (netns): whatever sits in /run/netns (a FIFO, a socket, a
# device, symbolic links good and dangling, a directory, a plain file),
# every command that walks or opens its entries terminates, opens no
# device or socket, and answers as /bin/ip does where /bin/ip does not
# hang (it hangs on a FIFO in list, pids, exec, -n, set, list-id and
# -all exec; ipbox answers for a FIFO as for a plain file).

load adv

# A real namespace (nsid 5) and one entry of each other kind but FIFOs
# and devices (/bin/ip hangs on the one and opens the other).
entries() {
	$IP netns add real
	$IP netns set real 5
	cd /run/netns
	python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("sock")'
	ln -s /run/netns/real link
	ln -s /nonexistent dangling
	mkdir dir
	touch plain
	cd - >/dev/null
}

# stdout and status as /bin/ip; stderr's lines as /bin/ip's, each once
# (iproute2 reads the directory twice for list and reports each bad
# entry twice: a documented difference).
same_but_repeats() {
	local d=$BATS_TEST_TMPDIR
	run "$IP" "$@"
	echo "$status" >"$d/ip.rc"
	printf '%s\n' "${lines[@]}" | sort -u >"$d/ip.lines"
	run "$IPBOX" "$@"
	echo "$status" >"$d/box.rc"
	printf '%s\n' "${lines[@]}" | sort -u >"$d/box.lines"
	diff "$d/ip.rc" "$d/box.rc" && diff "$d/ip.lines" "$d/box.lines" ||
		fail "differs from /bin/ip: $*"
}

@test "without a FIFO: every verb answers as /bin/ip for every kind of entry" {
	local e
	entries
	same_but_repeats netns list
	same_but_repeats -j netns list
	same netns list-id
	same netns identify
	same netns identify $$
	for e in real sock link dangling dir plain; do
		same netns pids "$e"
		same -n "$e" link show
		same netns exec "$e" true
	done
	for e in sock dangling dir plain; do
		same netns set "$e" auto
	done
	# each entry once (iproute2's child that failed to switch goes on
	# walking the directory itself: entries run again and again)
	run "$IPBOX" -all netns exec true
	for e in real sock link dangling dir plain; do
		[ "$(grep -cx "netns: $e" <<<"$output")" = 1 ] || fail "netns: $e not once"
	done
}

@test "with a FIFO and a device: nothing hangs, the FIFO answers as a plain file" {
	entries
	mkfifo /run/netns/fifo
	mknod /run/netns/dev c 1 3
	run_timed 10 "$IPBOX" netns list
	assert_success
	assert_line fifo
	assert_line "real (id: 5)"
	run_timed 10 "$IPBOX" netns list-id
	assert_success
	run_timed 10 "$IPBOX" netns identify
	assert_success
	run_timed 10 "$IPBOX" netns identify $$
	assert_success
	run_timed 10 "$IPBOX" netns pids fifo
	assert_success
	assert_output ""
	run_timed 10 "$IPBOX" -n fifo link show
	assert_failure 255
	assert_output 'setting the network namespace "fifo" failed: Invalid argument'
	run_timed 10 "$IPBOX" netns exec fifo true
	assert_failure 255
	assert_output 'setting the network namespace "fifo" failed: Invalid argument'
	run_timed 10 "$IPBOX" netns set fifo auto
	assert_failure 2
	assert_output "Error: Peer netns reference is invalid."
	run_timed 10 "$IPBOX" -all netns exec true
	assert_line "netns: fifo"
	assert_line 'setting the network namespace "fifo" failed: Invalid argument'
	# a device is never opened (iproute2 opens it, then setns refuses)
	run_timed 10 "$IPBOX" -n dev link show
	assert_failure 255
	assert_output 'Cannot open network namespace "dev": No such device or address'
	run_timed 10 "$IPBOX" netns exec dev true
	assert_output 'Cannot open network namespace "dev": No such device or address'
}

@test "what is opened in /run/netns never blocks; sockets and devices are not opened" {
	entries
	mkfifo /run/netns/fifo
	mknod /run/netns/dev c 1 3
	# timeout inside strace: a killed strace could leave ipbox blocked
	run_timed 25 strace -f -e trace=open,openat -o "$BATS_TEST_TMPDIR/trace" \
		timeout -k 2 20 "$IPBOX" -batch - <<-'EOF'
	netns list
	netns list-id
	netns identify
	netns pids fifo
	netns pids dev
	EOF
	run grep '"/run/netns/' "$BATS_TEST_TMPDIR/trace"
	refute_line --partial '"/run/netns/dev"'
	refute_line --partial '"/run/netns/sock"'
	assert_line --partial '"/run/netns/fifo"'
	run sh -c 'grep "\"/run/netns/" "$1" | grep -v O_NONBLOCK' sh "$BATS_TEST_TMPDIR/trace"
	assert_output ""
}

@test "delete: each kind of entry goes alone, a symbolic link without its target" {
	local e
	entries
	mkfifo /run/netns/fifo
	mknod /run/netns/dev c 1 3
	# iproute2 unmounts what the link points to: real would be lost
	run_timed 10 "$IPBOX" netns delete link
	assert_success
	[ ! -L /run/netns/link ]
	run "$IPBOX" netns list
	assert_line "real (id: 5)"
	for e in fifo sock dangling plain dev; do
		run_timed 10 "$IPBOX" netns delete "$e"
		assert_success
		[ ! -e "/run/netns/$e" ] && [ ! -L "/run/netns/$e" ]
	done
	run_timed 10 "$IPBOX" netns delete dir
	assert_failure 1
	assert_output 'Cannot remove namespace file "/run/netns/dir": Is a directory'
	run "$IPBOX" netns list
	assert_line "real (id: 5)"
	# -all stops at the directory, as iproute2, whatever the order
	run_timed 10 "$IPBOX" -all netns delete
	assert_success
	assert_output --partial "Is a directory"
}
