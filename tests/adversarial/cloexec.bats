#!/usr/bin/env bats
# Issue 12 (batches): the batch file's descriptor leaked into programs
# run by `netns exec`.  Every descriptor ipbox opens is close-on-exec, so
# the program holds exactly what a plain run of it would, after any mix
# of earlier batch lines that opened sockets and files.

load adv

setup() {
	in_sandbox || return 1
	$IP netns add x
	$IP link add i0 type ifb
	$IP addr add 10.5.0.1/24 dev i0
	$IP link set i0 up
	plain=$(fds_of 41.0 sleep 41.0)
}

@test "netns exec alone, with -n, with -all: the program holds what a plain run holds" {
	run fds_of 41.1 "$IPBOX" netns exec x sleep 41.1
	assert_output "$plain"
	run fds_of 41.2 "$IPBOX" -n x netns exec x sleep 41.2
	assert_output "$plain"
	run fds_of 41.3 "$IPBOX" -all netns exec sleep 41.3
	assert_output "$plain"
}

@test "netns exec in a batch, after lines of every object, with and without -force" {
	local b=$BATS_TEST_TMPDIR/batch
	cat >"$b" <<-'EOF'
	link show
	link show dev i0
	address show
	route add 10.6.0.0/16 via 10.5.0.2
	route show table all
	neigh add 10.5.0.3 lladdr 02:00:00:00:00:03 dev i0
	neigh show
	nat add masquerade src 10.5.0.0/24 oif i0
	nat show
	netns list
	netns list-id
	EOF
	cp "$b" "$b.force"
	echo "netns exec x sleep 41.4" >>"$b"
	run fds_of 41.4 "$IPBOX" -batch "$b"
	assert_output "$plain"
	echo "netns exec x sleep 41.5" >>"$b.force"
	sed -i 's/^route add 10.6/route add 10.7/; s/^neigh add 10.5.0.3/neigh add 10.5.0.4/; s/^nat add masq.*/nat add masquerade src 10.9.0.0\/24/' "$b.force"
	run fds_of 41.5 "$IPBOX" -force -batch "$b.force"
	assert_output "$plain"
	# from stdin the program shares stdin, nothing else
	sed -i 's/sleep 41.5/sleep 41.6/' "$b.force"
	run fds_of 41.6 sh -c '"$1" -force -batch - <"$2"' sh "$IPBOX" "$b.force"
	assert_output "$plain"
}

@test "the source opens nothing without close-on-exec" {
	local src=$BATS_TEST_DIRNAME/../..
	[ -d "$src/cmd" ] || skip "no source tree"
	cd "$src"
	# every open, socket, inotify, pipe, dup, memfd and libmnl socket asks
	# for close-on-exec on its line, every fopen mode has 'e'; the calls
	# that cannot ask are not used at all
	run sh -c 'grep -nE "\b(open|openat|socket|mnl_socket_open2|inotify_init1|pipe2|dup3|memfd_create|accept4|fopen|fdopen|opendir)\(" \
		-r --include=*.c args caps cmd names namespace nat netlink output |
		grep -vE "CLOEXEC|\bfopen\([^;]*\"[a-z+]*e[a-z+]*\"|\bopendir\("'
	assert_output ""
	run grep -nE '\b(mnl_socket_open|inotify_init|pipe|dup|dup2|accept|creat|tmpfile|popen)\(' \
		-r --include=*.c args caps cmd names namespace nat netlink output
	assert_output ""
}
