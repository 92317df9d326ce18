#!/usr/bin/env bats
# valgrind memcheck over a representative set of commands: zero errors,
# zero definite leaks.  Each object adds its add/show/del here.

load helpers

vg() {
	valgrind --quiet --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--track-fds=no "$IPBOX" "$@"
}

setup() {
	in_sandbox || return 1
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	[ -z "${IPBOX_SANITIZED:-}" ] || skip "valgrind cannot run an ASan build"
}

@test "netns: add, set, list, list-id, identify, pids, exec, delete under memcheck" {
	run vg netns add x
	assert_success
	run vg netns set x 4
	assert_success
	for args in "netns list" "-j -p netns list" "netns list-id" "-j netns list-id" \
		"netns identify" "netns pids x" "-n x netns list-id"; do
		run vg $args
		[ "$status" -ne 99 ] || fail "memcheck errors in: $args: $output"
	done
	run vg netns exec x true
	assert_success
	printf 'netns add y\nnetns list\nnetns delete y\nnetns add x\n' >"$BATS_TEST_TMPDIR/b"
	run vg -force -batch "$BATS_TEST_TMPDIR/b"
	[ "$status" -ne 99 ] || fail "memcheck errors in batch: $output"
	run vg netns delete x
	assert_success
}

@test "link, address, route, neigh and nat: add, show, del under memcheck" {
	local args
	"$IP" link add v0 type veth peer name v1
	"$IP" link set v0 up
	"$IP" link set v1 up
	for args in "link add br0 type bridge" "link set v1 master br0" "-d -j link show" \
		"-s -s link show" "-br -c link show" "addr add 10.0.0.1/24 dev v0" \
		"addr add 2001:db8::1/64 dev v0 nodad" "-j -p addr show" "-o addr show" \
		"route add 10.9.0.0/16 via 10.0.0.2" "route show table all" "-j route show" \
		"route get 10.9.1.1" "neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev v0" \
		"neigh show" "-j neigh show" "nat add masquerade src 10.0.0.0/24 oif v1" \
		"-s nat show" "-j nat show" "nat del masquerade src 10.0.0.0/24 oif v1" \
		"neigh del 10.0.0.7 dev v0" "route del 10.9.0.0/16" "addr del 10.0.0.1/24 dev v0" \
		"link set v1 nomaster" "link del br0" "link show nosuch" "route add 1.2.3.4/33 dev v0"; do
		run vg $args
		[ "$status" -ne 99 ] || fail "memcheck errors in: $args: $output"
	done
	printf 'link add b1 type bridge\nroute add 10.8.0.0/16 dev v0\nneigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev v0\nnat add masquerade oif v1\nlink del b1\n' \
		>"$BATS_TEST_TMPDIR/b"
	run vg -force -batch "$BATS_TEST_TMPDIR/b"
	[ "$status" -ne 99 ] || fail "memcheck errors in batch: $output"
}
