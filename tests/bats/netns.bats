#!/usr/bin/env bats
# netns: namespaces made by either tool are usable by the other, output
# and errors match /bin/ip, and the kernel state is read back.

load helpers

@test "add creates a pinned namespace that /bin/ip lists and uses" {
	run "$IPBOX" netns add x
	assert_success
	assert_output ""
	# a bind mount of an nsfs inode, not a plain file
	run stat -f -c %T /run/netns/x
	assert_output nsfs
	run "$IP" netns list
	assert_output "x"
	run "$IP" -n x link show
	assert_success
	assert_line --index 0 --partial "1: lo: <LOOPBACK>"
}

@test "a namespace added by /bin/ip is listed and usable by ipbox" {
	"$IP" netns add y
	same netns list
	run "$IPBOX" -n y link show
	[ "$status" -ne 0 ] || true	# link object may not exist yet; exec is the check
	run "$IPBOX" netns exec y cat /proc/net/dev
	assert_success
	assert_output --partial "lo:"
	refute_output --partial "eth"
}

@test "exec runs in the namespace: only lo, its own /sys" {
	"$IPBOX" netns add x
	"$IP" link add hostonly type ifb
	run "$IPBOX" netns exec x /bin/ip -o link
	assert_success
	assert_line --index 0 --partial "1: lo:"
	assert_equal "${#lines[@]}" 1
	run "$IPBOX" netns exec x ls /sys/class/net
	assert_output "lo"
	run ls /sys/class/net
	assert_output --partial hostonly
}

@test "exec bind-mounts /etc/netns/NAME over /etc" {
	"$IPBOX" netns add x
	mkdir -p /etc/netns/x
	echo "nameserver 192.0.2.53" >/etc/netns/x/resolv.conf
	run "$IPBOX" netns exec x cat /etc/resolv.conf
	assert_success
	assert_output "nameserver 192.0.2.53"
	# not leaked outside
	run grep -c 192.0.2.53 /etc/resolv.conf
	refute_output 1
}

@test "exec returns the program's status and reports a missing program" {
	"$IPBOX" netns add x
	same netns exec x sh -c 'exit 7'
	same netns exec x /nonexistent/cmd
	same netns exec x true
}

@test "delete removes the file and the namespace mount" {
	"$IPBOX" netns add x
	run "$IPBOX" netns delete x
	assert_success
	[ ! -e /run/netns/x ]
	run grep -c ' /run/netns/x ' /proc/self/mountinfo
	assert_output 0
	same netns list
}

@test "ids: set, auto and list show (id: N) as /bin/ip" {
	"$IPBOX" netns add a
	"$IPBOX" netns add b
	same netns list
	run "$IPBOX" netns set a 5
	assert_success
	run "$IPBOX" netns set b auto
	assert_success
	same netns list
	same -j netns list
	same -j -p netns list
	same netns list-id
	same -j netns list-id
	same -j -p netns list-id
	same netns list-id nsid 5
	same netns list-id nsid 9
	# a refused get prints no JSON array (a refused dump does)
	same -j netns list-id nsid 9
	same -j netns list-id nsid 0
	same -j netns list-id nsid 5
	same -j netns list-id target-nsid 77
	same netns list-id target-nsid 5
	same netns list-id target-nsid 77
	same netns set a 6
	same netns set a 5
	same netns set nosuch 1
	same netns set a abc
	same netns set a -1
	same netns set a
}

@test "list with and without a run directory, plain and JSON" {
	same netns list
	same -j netns list
	# hide /run behind an empty tmpfs: no /run/netns at all
	mount -t tmpfs none /run
	same netns
	same -j netns
	umount /run
}

@test "identify and pids agree with /bin/ip" {
	"$IPBOX" netns add x
	"$IPBOX" netns exec x sleep 30 &
	local pid=$!
	sleep 0.3
	same netns identify "$pid"
	run "$IPBOX" netns identify "$pid"
	assert_output x
	run "$IPBOX" netns pids x
	assert_output --partial "$pid"
	same netns identify
	same netns identify abc
	same netns identify 999999999
	same netns identify 1 2
	same netns pids nosuch
	same netns pids x y
	same netns pids
	kill "$pid"
}

@test "attach pins the namespace of a process" {
	"$IPBOX" netns add x
	"$IPBOX" netns exec x sleep 30 &
	local pid=$!
	sleep 0.3
	run "$IPBOX" netns attach y "$pid"
	assert_success
	[ "$(stat -L -c %i /run/netns/x)" = "$(stat -L -c %i /run/netns/y)" ]
	same netns attach z abc
	same netns attach z
	same netns attach z 999999999
	same netns attach z 0
	same netns attach z 0x0
	same netns attach z 2147483648
	# PID as iproute2's get_s32(, 0): negative, octal and hex numbers
	# pass, and their /proc entry is what fails; the name file first.
	same netns attach x -1
	same netns attach z -1
	same netns attach z -010
	same netns attach z -0x7fffffff
	same netns attach z -2147483648
	[ ! -e /run/netns/z ]
	same netns attach y "$pid"
	kill "$pid"
}

@test "errors and exit codes match /bin/ip" {
	"$IPBOX" netns add x
	same netns add
	same netns add x
	same netns add a/b
	same netns add .
	same netns add ..
	same netns add ""
	same netns add "$(printf 'n%.0s' $(seq 1 256))"
	same netns del
	same netns del nosuch
	same netns exec
	same netns exec x
	same netns exec nosuch true
	same netns exec a/b true
	same netns foo
	same netns help
	same netns h
	same netns list-id foo
	same netns list-id target-nsid
	same netns list-id target-nsid abc
	# iproute2 prints "(null)" for the argument here; ipbox names it
	run "$IPBOX" netns list-id target-nsid -3
	assert_failure 255
	assert_output 'Error: argument "-3" is wrong: "target-nsid" value should be >= 0'
	same netns list-id nsid 1 nsid 2
	same -n nosuch netns list
	same -n "" netns list
	same -n a/b netns list
	same -all netns exec
}

@test "a failed add leaves no file behind" {
	"$IPBOX" netns add x
	run "$IPBOX" netns add x
	assert_failure 1
	run "$IPBOX" netns add "$(printf 'n%.0s' $(seq 1 300))"
	assert_failure 255
	run ls /run/netns
	assert_output x
}

@test "abbreviations resolve as in iproute2" {
	"$IPBOX" netns a x
	same netns s
	same netns l
	same netns ls
	same netns lst
	same netns li
	"$IPBOX" netns d x
	same netns
}

@test "-all delete and -all exec" {
	"$IPBOX" netns add a
	"$IPBOX" netns add b
	same -all netns exec echo hi
	run "$IPBOX" -all netns delete
	assert_success
	run ls /run/netns
	assert_output ""
}

@test "-n NAME runs the command inside the namespace" {
	"$IPBOX" netns add x
	"$IPBOX" netns set x 3
	"$IPBOX" netns add y
	# inside y, x has no id yet; the same holds for /bin/ip
	same -n y netns list-id
	same -n y netns list
}

@test "monitor reports add and delete" {
	"$IPBOX" netns monitor >"$BATS_TEST_TMPDIR/mon" &
	local pid=$!
	sleep 0.3
	"$IP" netns add m1
	"$IPBOX" netns delete m1
	sleep 0.3
	kill "$pid"
	run cat "$BATS_TEST_TMPDIR/mon"
	assert_line --index 0 "add m1"
	assert_line --index 1 "delete m1"
}

@test "batch: lines run in order, failures reported with file and line" {
	printf 'netns add a\n# comment\nnetns add b \\\n\nnetns add a\nnetns add c\n' >"$BATS_TEST_TMPDIR/b"
	run "$IPBOX" -batch "$BATS_TEST_TMPDIR/b"
	assert_failure 1
	assert_output --partial 'Command failed'
	run ls /run/netns
	assert_output "$(printf 'a\nb')"
	"$IPBOX" -all netns delete
	run "$IPBOX" -force -batch "$BATS_TEST_TMPDIR/b"
	assert_failure 1
	run ls /run/netns
	assert_output "$(printf 'a\nb\nc')"
	"$IPBOX" -all netns delete
	same_effect "" -batch "$BATS_TEST_TMPDIR/b"
	same_effect "" -force -batch "$BATS_TEST_TMPDIR/b"
	same -batch /nonexistent
	printf 'netns list\nnetns bogus\nnetns list\n' >"$BATS_TEST_TMPDIR/c"
	same -batch "$BATS_TEST_TMPDIR/c"
	printf 'netns exec a sh -c "exit 3"\nnetns list\n' >"$BATS_TEST_TMPDIR/d"
	"$IP" netns add a
	same -force -batch "$BATS_TEST_TMPDIR/d"
}

@test "a batch of adds: each a namespace of its own, not the batch's; /run/netns shared" {
	printf 'netns add a\nnetns add b\nnetns add c\n' >"$BATS_TEST_TMPDIR/b"
	run "$IPBOX" -batch "$BATS_TEST_TMPDIR/b"
	assert_success
	# four distinct namespaces: a, b, c and the one the batch ran in
	run sh -c 'stat -L -c %i /run/netns/a /run/netns/b /run/netns/c /proc/self/ns/net | sort -u | wc -l'
	assert_output 4
	# the top mount there (the sandbox's tmpfs may cover one of the host)
	run sh -c 'findmnt -n -o PROPAGATION /run/netns | tail -n 1'
	assert_output shared
	run "$IP" -n b link show lo
	assert_success
}
