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
