#!/usr/bin/env bats
# The bad-input table (bad-input.tsv): every malformed invocation in it
# fails with the table's error and exit status -- the same as /bin/ip's
# where iproute2 has a twin -- and leaves the kernel's state as it was.
# All rows run in one test on one prepared state, so the table stays
# cheap however long it grows.  How to add a row: HACKING.md, Tests.

load helpers

# A row that hangs fails the test instead of the whole run.
BATS_TEST_TIMEOUT=600

TABLE=$BATS_TEST_DIRNAME/bad-input.tsv

eval "helpers_$(declare -f teardown)"

teardown() {
	nft flush ruleset 2>/dev/null || true
	helpers_teardown
}

# Something of every kind for a bad input to damage: links (a veth pair
# up, a bridge, an ifb), addresses, routes in main, table 100 and IPv6,
# neighbours, a namespace and a nat rule.  No link-local addresses (no
# DAD timers) and carrier settled, so two dumps differ only by a change.
prepare() {
	local dev i
	$IP link set lo up
	$IP link add veth0 type veth peer name veth1
	$IP link add br0 type bridge
	$IP link add ifb5 type ifb
	for dev in veth0 veth1; do
		$IP link set "$dev" addrgenmode none
		$IP link set "$dev" up
	done
	$IP addr add 10.0.0.1/24 dev veth0
	$IP addr add 2001:db8::1/64 dev veth0 nodad
	$IP addr add 192.0.2.1/24 dev br0 label br0:1
	$IP route add 10.1.0.0/16 via 10.0.0.2
	$IP route add 198.51.100.0/24 dev veth0 table 100
	$IP route add blackhole 203.0.113.0/24 proto static
	$IP -6 route add 2001:db8:1::/48 via 2001:db8::2
	$IP neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0
	$IP neigh add 2001:db8::2 lladdr 02:00:00:00:00:03 dev veth0
	$IP netns add ns1
	$IP rule add from 10.0.0.0/24 table 100 pref 100
	$IP nexthop add id 1 via 10.0.0.2 dev veth0
	$IP nexthop add id 10 group 1
	"$IPBOX" nat add masquerade src 10.0.0.0/24 oif veth1 2>/dev/null
	for i in $(seq 50); do
		[ "$($IP -o link show up | grep -c 'state UP')" -eq 2 ] && break
		sleep 0.1
	done
	# the files the -batch rows read
	printf 'link add name a/b type ifb\n' >bad-syntax.batch
	printf 'link show "veth0\n' >bad-quote.batch
	printf 'nosuch\n' >bad-object.batch
	printf 'route add 10.9.0.0/16 dev nosuch\n' >bad-device.batch
	printf 'netns add a/b\n' >bad-netns.batch
	printf -- '-n ns1 link\n' >bad-option.batch
	printf 'addr add 10.9.0.1/33 dev veth0\nneigh add 300.1.1.1 dev veth0\n' >bad-prefix.batch
}

# Everything a bad input could have changed.
state() {
	ip_state
	$IP rule show; $IP -6 rule show; $IP nexthop show
	$IP netns list
	ls -A /run/netns /etc/netns
	grep netns /proc/self/mountinfo
	"$IPBOX" nat show
	nft list ruleset
}

# run_tool BIN WORDS...: sets rc, err (as the table writes it: one field,
# the last newline dropped, \\, \n and \t escaped) and out (whether
# anything went to stdout).  No subshells: the table is long.
run_tool() {
	local bin=$1 d=$BATS_TEST_TMPDIR
	shift
	"$bin" "$@" >"$d/row.out" 2>"$d/row.err" </dev/null && rc=0 || rc=$?
	IFS= read -r -d '' err <"$d/row.err" || true
	err=${err%$'\n'}
	err=${err//\\/\\\\}
	err=${err//$'\t'/\\t}
	err=${err//$'\n'/\\n}
	out=
	[ ! -s "$d/row.out" ] || out=$(<"$d/row.out")
}

# check_row KIND STATUS STDERR WORDS...: prints what is wrong, if anything.
# A usage text is compared by its first line: ipbox's lists only the
# words it implements.
check_row() {
	local kind=$1 status=$2 want=$3 rc out err tool
	shift 3
	for tool in ipbox /bin/ip; do
		case $tool:$kind in
		ipbox:*) run_tool "$IPBOX" "$@" ;;
		/bin/ip:ip) run_tool "$IP" "$@" ;;
		/bin/ip:box | /bin/ip:doc) continue ;;
		*) echo "  unknown kind \"$kind\""; return ;;
		esac
		[ "${want#Usage:}" = "$want" ] || err=${err%%\\n*}
		[ "$rc" = "$status" ] && [ "$err" = "$want" ] || printf '  %s: %s\t%s\n' "$tool" "$rc" "$err"
		[ -z "$out" ] || printf '  %s printed: %s\n' "$tool" "$out"
	done
}

@test "every bad input fails as the table says and changes nothing" {
	local kind status words want lineno=0 rows=0 report before after failures= changed
	cd "$BATS_TEST_TMPDIR"
	prepare
	before=$(state 2>&1)
	while IFS=$'\t' read -r kind status words want; do
		lineno=$((lineno + 1))
		[ -z "$kind" ] || [ "${kind:0:1}" = "#" ] && continue
		rows=$((rows + 1))
		eval "set -- $words"
		report=$(check_row "$kind" "$status" "$want" "$@")
		[ -z "$report" ] ||
			failures+="bad-input.tsv:$lineno: $kind $status $words"$'\n'"$report"$'\n'
	done <"$TABLE"
	after=$(state 2>&1)
	echo "# $rows rows" >&3
	changed=$(diff -u --label before --label after <(echo "$before") <(echo "$after")) || true
	[ -z "$failures" ] || failures="rows that do not fail as written:"$'\n'"$failures"
	[ -z "$changed" ] || failures+="the state changed:"$'\n'"$changed"
	[ -z "$failures" ] || fail "$failures"
}

@test "the table covers every object and the global options" {
	local obj
	run grep -c -v -e '^#' -e '^$' "$TABLE"
	[ "$output" -ge 150 ]
	for obj in netns link addr route neigh nat rule nexthop; do
		grep -qP "^\w+\t\d+\t(-\S+ )*$obj " "$TABLE" || fail "no row for $obj"
	done
	for opt in -n -batch -family -foo; do
		grep -qP "^\w+\t\d+\t$opt\b" "$TABLE" || fail "no row for $opt"
	done
	# every row has its four fields and a known kind
	run awk -F'\t' '!/^#/ && NF && (NF != 4 || $1 !~ /^(ip|box|doc)$/ || $2 !~ /^[0-9]+$/)' "$TABLE"
	assert_output ""
}
