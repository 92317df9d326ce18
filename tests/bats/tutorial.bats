#!/usr/bin/env bats
# The seed tutorial (three namespaces behind a bridge, addresses, a
# default route, NAT out through eth0) done with ipbox alone, each step
# checked with /bin/ip; then the same through applet links and through
# one -batch file.

load helpers

# The tutorial's commands, one per line, as `ip` would take them (the
# leading word is dropped when run through ipbox or a batch).
tutorial_commands() {
	cat <<'CMDS'
netns add namespace_A
netns add namespace_B
netns add namespace_C
link add bridge_0 type bridge
link set bridge_0 up
link add veth_A type veth peer name veth_A_bridge
link set veth_A netns namespace_A
link set veth_A_bridge master bridge_0
link set veth_A_bridge up
link add veth_B type veth peer name veth_B_bridge
link set veth_B netns namespace_B
link set veth_B_bridge master bridge_0
link set veth_B_bridge up
link add veth_C type veth peer name veth_C_bridge
link set veth_C netns namespace_C
link set veth_C_bridge master bridge_0
link set veth_C_bridge up
-n namespace_A link set lo up
-n namespace_A link set veth_A up
-n namespace_B link set veth_B up
-n namespace_C link set veth_C up
-n namespace_A addr add 192.168.1.1/24 dev veth_A
-n namespace_B addr add 192.168.1.2/24 dev veth_B
-n namespace_C addr add 192.168.1.3/24 dev veth_C
addr add 192.168.1.10/24 dev bridge_0
-n namespace_A route add default via 192.168.1.10
netns add remote
link add eth0 type veth peer name eth0 netns remote
addr add 198.51.100.1/24 dev eth0
link set eth0 up
-n remote addr add 198.51.100.2/24 dev eth0
-n remote link set eth0 up
nat forward on
nat add masquerade src 192.168.1.0/24 oif eth0
CMDS
}

# The state every way of running the tutorial must reach, read by /bin/ip
# and by real traffic.
check_topology() {
	run "$IP" netns list
	assert_line --partial namespace_A
	assert_line --partial namespace_B
	assert_line --partial namespace_C
	run "$IP" -o link show master bridge_0
	assert_line --partial "veth_A_bridge@"
	assert_line --partial "veth_B_bridge@"
	assert_line --partial "veth_C_bridge@"
	run "$IP" -br link show bridge_0
	assert_output --regexp '^bridge_0 +UP '
	run "$IP" -n namespace_B -br addr show dev veth_B
	assert_output --regexp '192\.168\.1\.2/24'
	run "$IP" -n namespace_A route show default
	assert_output --partial "default via 192.168.1.10 dev veth_A"
	# namespaces reach each other, the host reaches each one
	run ip netns exec namespace_A ping -c 1 -W 2 192.168.1.2
	assert_success
	run ip netns exec namespace_C ping -c 1 -W 2 192.168.1.1
	assert_success
	local i
	for i in 1 2 3; do
		run ping -c 1 -W 2 "192.168.1.$i"
		assert_success
	done
	# namespace_A reaches the remote, which sees the host's address
	run ip netns exec namespace_A ping -c 1 -W 2 198.51.100.2
	assert_success
	run "$IP" -n remote neigh show dev eth0
	assert_output --partial "198.51.100.1 "
	refute_output --partial "192.168.1."
}

@test "the tutorial, step by step with ipbox, checked with /bin/ip" {
	"$IPBOX" netns add namespace_A
	"$IPBOX" netns add namespace_B
	"$IPBOX" netns add namespace_C
	run "$IPBOX" netns list
	assert_line namespace_A
	same netns list
	# a new namespace: only lo, empty routing and neighbour tables
	run "$IPBOX" netns exec namespace_A "$IPBOX" link
	assert_success
	assert_line --index 0 --partial "1: lo: <LOOPBACK>"
	assert_equal "${#lines[@]}" 2
	run "$IPBOX" -n namespace_A route
	assert_output ""
	run "$IPBOX" -n namespace_A neigh
	assert_output ""
	same -n namespace_A link
	"$IPBOX" link add bridge_0 type bridge
	same link show bridge_0
	"$IPBOX" link set bridge_0 up
	same -br link show bridge_0
	tutorial_commands | sed -n '6,$p' | while read -r line; do
		# shellcheck disable=SC2086
		"$IPBOX" $line || fail "ipbox $line"
	done
	same -n namespace_A route
	same -n namespace_A addr
	same link show master bridge_0
	check_topology
	run "$IPBOX" nat show
	assert_output --partial "masquerade src 192.168.1.0/24 oif eth0"
	same -n namespace_A neigh
}

@test "the tutorial through applet links (ip, netns, link, addr, route, nat)" {
	local bin=$BATS_TEST_TMPDIR/bin
	mkdir "$bin"
	"$IPBOX" --install -s "$bin"
	tutorial_commands | while read -r line; do
		set -- $line
		case $1 in
		netns|link|addr|route|nat) "$bin/$1" "${@:2}" || fail "$bin/$*" ;;
		*) "$bin/ip" "$@" || fail "$bin/ip $*" ;;
		esac
	done
	check_topology
}

@test "the tutorial as one ipbox -batch file" {
	# -n is a global option, not a batch word: run those lines inside
	tutorial_commands | sed 's/^-n \([^ ]*\) \(.*\)/netns exec \1 '"${IPBOX//\//\\/}"' \2/' \
		>"$BATS_TEST_TMPDIR/tutorial.batch"
	run "$IPBOX" -batch "$BATS_TEST_TMPDIR/tutorial.batch"
	assert_success
	check_topology
}
