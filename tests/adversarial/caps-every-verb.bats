#!/usr/bin/env bats
# Issue 15, class "capabilities": every verb of every object, run by an
# unprivileged user with no capabilities, with a setcap copy (its file
# capabilities dropped, or kept by an inheritable CAP_NET_ADMIN as
# iproute2 keeps them), and with ambient capabilities.  Whatever reports
# failure leaves the state (links, addresses, routes, neighbours, rules,
# nexthops, namespaces, /run/netns, the mount table, nft, forwarding) as
# it was; each add is followed by its delete, so after the whole list the
# state is the prepared one again, in every mode.

load adv

# Every verb of every object, in pairs that undo each other.
verbs() {
	cat <<-EOF
	netns list
	netns list-id
	netns identify
	netns pids victim
	netns add y
	netns attach z $$
	netns set victim 9
	netns exec victim true
	-n victim link show
	-n victim link add v1 type ifb
	-n victim link del v1
	netns delete victim
	-all netns delete
	link show
	-d -s link show dev i0
	link add i1 type ifb
	link set i1 up
	link set i1 mtu 1400
	link property add dev i1 altname i1alt
	link property del dev i1 altname i1alt
	link del i1
	address show
	address add 10.5.1.1/24 dev i0
	address change 10.5.1.1/24 dev i0 valid_lft 100 preferred_lft 50
	address replace 10.5.1.1/24 dev i0
	address del 10.5.1.1/24 dev i0
	route show table all
	route add 10.7.0.0/16 via 10.5.0.2
	route change 10.7.0.0/16 via 10.5.0.3
	route replace 10.7.0.0/16 via 10.5.0.2
	route append 10.7.0.0/16 via 10.5.0.4 metric 5
	route get 10.7.0.1
	route del 10.7.0.0/16 metric 5
	route del 10.7.0.0/16
	neigh show
	neigh add 10.5.0.9 lladdr 02:00:00:00:00:09 dev i0
	neigh change 10.5.0.9 lladdr 02:00:00:00:00:0a dev i0
	neigh replace 10.5.0.9 lladdr 02:00:00:00:00:09 dev i0
	neigh get 10.5.0.3 dev i0
	neigh del 10.5.0.9 dev i0
	neigh flush dev i0
	address add 10.5.1.1/24 dev i0
	address flush dev i0 to 10.5.1.0/24
	route add 10.7.0.0/16 via 10.5.0.2
	route flush 10.7.0.0/16
	rule list
	rule add from 10.5.0.0/24 table 100
	rule del from 10.5.0.0/24 table 100
	nexthop show
	nexthop add id 10 via 10.5.0.2 dev i0
	nexthop replace id 10 via 10.5.0.3 dev i0
	nexthop get id 10
	nexthop del id 10
	nexthop flush
	tuntap show
	tuntap add dev tap9 mode tap
	tuntap del dev tap9 mode tap
	nat show
	nat add masquerade src 10.9.0.0/24
	nat replace masquerade src 10.9.0.0/24
	nat del masquerade src 10.9.0.0/24
	nat flush
	nat add masquerade src 10.5.0.0/24 oif i0
	nat forward
	nat forward on
	nat forward off
	EOF
}

# Verbs that only read: checked for not crashing, not for the state.
reads='^(-[a-z]+ )*(netns (list|list-id|identify|pids)|link show|address show|route (show|get)|neigh (show|get)|rule list|nexthop (show|get)|tuntap show|nat show|nat forward$)'

# every_verb RUNNER...: each line of verbs() through RUNNER; a failed
# change must change nothing; the end state is the start state.
every_verb() {
	local line start before after n=0 failed=0
	start=$(state)
	before=$start
	while read -r line; do
		# shellcheck disable=SC2086
		"$@" $line >"$BATS_TEST_TMPDIR/out" 2>&1 </dev/null && status=0 || status=$?
		[ "$status" -lt 128 ] || [ "$status" -eq 255 ] || fail "crashed ($status): $line"
		n=$((n + 1))
		[[ $line =~ $reads ]] && continue
		after=$(state)
		if [ "$status" -ne 0 ]; then
			failed=$((failed + 1))
			diff <(echo "$before") <(echo "$after") >"$BATS_TEST_TMPDIR/diff" ||
				fail "'$line' failed (status $status: $(cat "$BATS_TEST_TMPDIR/out")) yet changed: $(cat "$BATS_TEST_TMPDIR/diff")"
		fi
		before=$after
	done < <(verbs)
	diff <(echo "$start") <(echo "$before") || fail "the list did not end where it began"
	echo "# $n commands, $failed changes refused" >&3
}

# every_change_refused RUNNER...: for a runner without the capabilities
# any change needs: every change fails, and the state
# never moves (read once at the end; on a difference the list runs again
# from the start with the state read after each line, to name the line).
every_change_refused() {
	local line start n=0
	start=$(state)
	while read -r line; do
		# shellcheck disable=SC2086
		"$@" $line >"$BATS_TEST_TMPDIR/out" 2>&1 </dev/null && status=0 || status=$?
		[ "$status" -lt 128 ] || [ "$status" -eq 255 ] || fail "crashed ($status): $line"
		[[ $line =~ $reads ]] && continue
		[ "$status" -ne 0 ] || fail "'$line' worked without the capabilities"
		n=$((n + 1))
	done < <(verbs)
	if [ "$(state)" != "$start" ]; then
		teardown
		prepare_all
		every_verb "$@"
	fi
	echo "# $n changes refused" >&3
}

setcap_copy() {
	copy=$BATS_TEST_TMPDIR/ipbox-caps
	cp "$IPBOX" "$copy"
	setcap cap_sys_admin,cap_net_admin+ep "$copy" || skip "setcap failed"
	chmod 755 "$BATS_TEST_TMPDIR" "$copy"
}

setup() {
	in_sandbox || return 1
	prepare_all
}

@test "no capabilities" {
	every_change_refused nobody --inh-caps=-all --bounding-set=-all "$IPBOX"
}

@test "a setcap copy: its file capabilities dropped at start" {
	setcap_copy
	every_change_refused nobody "$copy"
}

@test "a setcap copy kept by an inheritable CAP_NET_ADMIN (iproute2's rule)" {
	setcap_copy
	every_verb nobody --inh-caps=+net_admin "$copy"
}

@test "ambient CAP_NET_ADMIN" {
	every_verb nobody --inh-caps=-all,+net_admin --ambient-caps=-all,+net_admin "$IPBOX"
}

@test "ambient CAP_NET_ADMIN and CAP_SYS_ADMIN" {
	every_verb nobody --inh-caps=-all,+net_admin,+sys_admin \
		--ambient-caps=-all,+net_admin,+sys_admin "$IPBOX"
}
