# Shared by the adversarial suite (issue 15): each file is one finding or
# one class of attack, run in its own sandbox by `make adversarial`.  A
# probe asserts what the kernel holds afterwards, never timings.

load ../bats/helpers

bats_require_minimum_version 1.5.0

eval "helpers_$(declare -f teardown)"

teardown() {
	nft flush ruleset 2>/dev/null || true
	kill $(jobs -p) 2>/dev/null || true
	wait 2>/dev/null || true
	chmod 755 /run/netns 2>/dev/null || true
	find /run/netns -mindepth 1 -maxdepth 1 ! -type f -exec rm -rf {} + 2>/dev/null || true
	helpers_teardown
}

# The unprivileged user, and the capability sets a caller may hand on.
nobody() {
	setpriv --reuid 65534 --regid 65534 --clear-groups "$@"
}

# One of some state of every object: a namespace, links, an address, a
# route, a neighbour, a nat rule.
prepare_all() {
	$IP netns add victim
	$IP netns set victim 7
	$IP -n victim link add v0 type ifb
	prepare_i0
}

# Everything a command could have changed, in three processes (the rest
# is read by the shell itself): links, addresses, routes of every table,
# neighbours, rules, nexthops, namespaces (names, ids, mounts, what is in
# victim), nft, forwarding.
state() {
	$IP -d -batch - <<-'EOF' 2>&1
	link show
	address show
	route show table all
	neigh show
	rule show
	nexthop show
	netns list
	EOF
	$IP -n victim -d link show 2>&1
	nft list ruleset
	echo /run/netns/* /etc/netns/*
	# IPv6 routes of every table, without their reference and use counts
	while read -r dst dlen src slen via metric _ _ flags dev; do
		echo "$dst/$dlen $src/$slen $via $metric $flags $dev"
	done </proc/net/ipv6_route
	echo "$(</proc/self/mountinfo)"
	echo "$(</proc/sys/net/ipv4/ip_forward) $(</proc/sys/net/ipv6/conf/all/forwarding)"
}

# run_timed SECONDS CMD...: run CMD; a hang is a failure, not a stuck suite.
run_timed() {
	local t=$1
	shift
	run timeout -k 2 "$t" "$@"
	[ "$status" -ne 124 ] && [ "$status" -ne 137 ] || fail "hung (killed after ${t}s): $*"
}

# fds_of TAG CMD...: start CMD, which runs `sleep TAG` somewhere below it,
# and print the descriptors that sleep holds, seen from outside (a
# program listing its own would open one more).
fds_of() {
	local tag=$1 pid i
	shift
	# quiet (bash reports the killed sleep), and not a job of this shell
	( "$@" >/dev/null 2>&1 & )
	for i in $(seq 200); do
		pid=$(pgrep -x -f "sleep $tag") && break
		sleep 0.05
	done
	[ -n "$pid" ] || return 1
	ls /proc/"$pid"/fd | sort -n | tr '\n' ' '
	kill "$pid"
}
