#!/usr/bin/env bats
# tuntap: add and del through /dev/net/tun's ioctls, show with flags,
# owner and attached processes; every answer, error and exit status as
# /bin/ip's, the devices read back with /bin/ip.

load helpers

# hold DEV FLAGS: a process with /dev/net/tun attached to DEV (TUNSETIFF
# with FLAGS) in the background until the test ends; waits until it is.
hold() {
	local out=$BATS_TEST_TMPDIR/hold.$RANDOM i
	perl -e 'open(my $f, "+<", "/dev/net/tun") or die "open: $!";
		ioctl($f, 0x400454ca, pack("a16 s", $ARGV[0], hex $ARGV[1])) or die "TUNSETIFF: $!";
		$| = 1; print "ready\n"; sleep 60;' "$@" >"$out" 2>&1 &
	echo $! >>"$BATS_TEST_TMPDIR/holders"
	for i in $(seq 50); do
		grep -q ready "$out" && return 0
		sleep 0.1
	done
	fail "could not attach to $1: $(cat "$out")"
}

teardown_holders() {
	[ ! -e "$BATS_TEST_TMPDIR/holders" ] || kill $(cat "$BATS_TEST_TMPDIR/holders") 2>/dev/null || true
}

# the holders go first, then what helpers.bash cleans
eval "helpers_$(declare -f teardown)"
teardown() {
	teardown_holders
	helpers_teardown
}

@test "usage and unknown commands as /bin/ip, abbreviations in iproute2's order" {
	same tuntap help
	same tunt help
	same tuntap add help
	same tuntap del mode tap help
	same tuntap frob
	same tuntap ""
	run "$IPBOX" tuntap help
	assert_failure 255
}

@test "add: every flag, owner and group; the device as /bin/ip makes it" {
	local args
	for args in "dev tap0 mode tap" "tun0 mode tun" "name t0 mode tun pi one_queue vnet_hdr multi_queue" \
		"mode tap user nobody group nogroup dev tap1" "dev tap2 mode tap user 4242 group 4243" \
		"mode tap user -1 tap3" "a m tap u 0 g 0 mu v tap4" "dev x mode tap dev tap5"; do
		same_effect "" tuntap add $args
	done
	# no name: the kernel picks one
	same_effect "" tuntap add mode tun
	same_effect "" tuntap add mode tap
}

@test "del: as /bin/ip, including a mode or flags that do not fit" {
	local setup='ip tuntap add tap0 mode tap; ip tuntap add tun0 mode tun multi_queue'
	same_effect "$setup" tuntap del tap0 mode tap
	same_effect "$setup" tuntap d dev tap0 mode tap
	same_effect "$setup" tuntap del tap0 mode tun
	same_effect "$setup" tuntap del tun0 mode tun
	same_effect "$setup" tuntap del tun0 mode tun multi_queue
	same_effect "$setup" tuntap del nosuch mode tap
	# user and group are names for del
	same_effect "$setup" tuntap del mode tap user tap0
}

@test "refused: bad words, users, groups and an existing device change nothing" {
	"$IP" tuntap add tap0 mode tap
	local before after
	before=$("$IP" -d link show)
	same tuntap add tap1
	same tuntap add tap1 mode tap foo
	same tuntap add tap1 mode tap mode tun
	same tuntap add tap1 mode tip
	same tuntap add tap1 mode
	same tuntap add tap1 mode tap user no_such_user
	same tuntap add tap1 mode tap group no_such_group
	same tuntap add tap1 mode tap user ""
	same tuntap add tap1 mode tap user
	same tuntap add "" mode tap
	same tuntap add dev "a b" mode tap
	same tuntap add name "$(printf %020d 0)" mode tap
	same tuntap add dev tap0 mode tap
	same tuntap add dev tap0 mode tun
	same tuntap del tap1
	after=$("$IP" -d link show)
	[ "$before" = "$after" ] || fail "a refused command changed the links"
}

@test "no /dev/net/tun: iproute2's error and status" {
	local tool
	for tool in "$IP" "$IPBOX"; do
		unshare -m sh -c 'mount -t tmpfs none /dev/net && "$@"' sh "$tool" tuntap add tap0 mode tap \
			>"$BATS_TEST_TMPDIR/$(basename "$tool").out" 2>&1 && echo 0 || echo $?
	done >"$BATS_TEST_TMPDIR/rc"
	diff "$BATS_TEST_TMPDIR/ip.out" "$BATS_TEST_TMPDIR/ipbox.out"
	run cat "$BATS_TEST_TMPDIR/ipbox.out"
	assert_output "open: No such file or directory"
	run cat "$BATS_TEST_TMPDIR/rc"
	assert_output "$(printf '1\n1')"
	run "$IP" link show tap0
	assert_failure
}

@test "show, list, lst: flags, owner and attached processes in every mode" {
	"$IPBOX" tuntap add tap0 mode tap user nobody group nogroup
	"$IPBOX" tuntap add tun0 mode tun pi multi_queue vnet_hdr one_queue
	"$IPBOX" tuntap add tap1 mode tap user 4242
	"$IP" link add d0 type ifb
	local opts
	for opts in "" -d -o "-o -d" -j "-j -p"; do
		same $opts tuntap
		same $opts tuntap show
		same $opts tuntap list foo
		same $opts tuntap lst
	done
	same tunt
	# a multi_queue device takes two processes
	"$IPBOX" tuntap add tap2 mode tap multi_queue
	hold tap2 0x1102
	hold tap2 0x1102
	hold tap1 0x1002
	same -d tuntap show
	same -o -d tuntap show
	run "$IPBOX" -d tuntap show
	assert_line --regexp '^	Attached to processes:perl\([0-9]+\)perl\([0-9]+\)$'
	assert_line --regexp '^	Attached to processes:perl\([0-9]+\)$'
	# the process list is valid JSON (iproute2's is not: ipbox(8) DIFFERENCES)
	run "$IPBOX" -j -d tuntap show
	assert_success
	local pids
	pids=$(jq -r '.[] | select(.ifname == "tap2") | .processes[] | "\(.name) \(.pid)"' <<<"$output")
	[ "$(wc -l <<<"$pids")" -eq 2 ] || fail "two holders expected: $pids"
	[ "$(cut -d' ' -f1 <<<"$pids" | sort -u)" = perl ]
	[ "$(cut -d' ' -f2 <<<"$pids" | sort)" = "$(head -2 "$BATS_TEST_TMPDIR/holders" | sort)" ]
	teardown_holders
}

@test "show inside a named namespace reads that namespace's /sys" {
	"$IP" netns add n
	"$IPBOX" -n n tuntap add tap9 mode tap user 7
	"$IPBOX" tuntap add tap0 mode tap
	same -n n tuntap show
	same tuntap show
	run "$IPBOX" -n n tuntap show
	assert_output "tap9: tap persist user 7"
}

@test "a tap attached to a bridge, then deleted" {
	"$IPBOX" tuntap add dev tap0 mode tap user nobody
	"$IPBOX" link add br0 type bridge
	"$IPBOX" link set tap0 master br0
	"$IPBOX" link set tap0 up
	run "$IP" -d link show tap0
	assert_output --partial "master br0"
	assert_output --partial "tun type tap pi off vnet_hdr off persist on user nobody"
	same -d link show tap0
	same -j -d link show tap0
	run "$IP" link show master br0
	assert_output --partial "tap0"
	run "$IPBOX" tuntap del dev tap0 mode tap
	assert_success
	assert_output ""
	run "$IP" link show tap0
	assert_failure
	run "$IP" link show master br0
	assert_output ""
}

@test "a batch of tuntap and link lines, failures reported per line" {
	printf '%s\n' "tuntap add tap0 mode tap" "tuntap add tap0 mode tap" "link set tap0 up" \
		"tuntap add tap1" "tuntap show" >"$BATS_TEST_TMPDIR/b"
	run "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/b"
	assert_failure 1
	assert_output "$(printf '%s\n' "ioctl(TUNSETIFF): Device or resource busy" \
		"Command failed $BATS_TEST_TMPDIR/b:2" "You failed to specify a tunnel mode" \
		"Command failed $BATS_TEST_TMPDIR/b:4" "tap0: tap persist")"
	run "$IP" link show tap0
	assert_output --partial "UP"
}
