# Shared by every bats file.  tests/run-bats runs each file inside its own
# sandbox (tests/sandbox): a private network + mount namespace with tmpfs
# on /run/netns and /etc/netns, so tests can change anything they like.

load /usr/lib/bats/bats-support/load
load /usr/lib/bats/bats-assert/load

IPBOX=${IPBOX:-$BATS_TEST_DIRNAME/../../ipbox}
IP=/bin/ip

# Refuse to run outside a sandbox: these tests change network state.
in_sandbox() {
	grep -q ' /run/netns .* ipbox-sandbox ' /proc/self/mountinfo
}

setup() {
	in_sandbox || {
		echo "run the tests through tests/run-bats (they need the sandbox)" >&2
		return 1
	}
}

# Put the sandbox back as it was: no named namespaces, only lo.
teardown() {
	reset_sandbox
}

reset_sandbox() {
	local dev
	$IP -all netns delete 2>/dev/null || true
	rm -rf /etc/netns/* 2>/dev/null || true
	# routes not tied to a device (blackhole, other tables) outlive links
	for proto in boot static; do
		$IP -4 route flush table all proto $proto 2>/dev/null || true
		$IP -6 route flush table all proto $proto 2>/dev/null || true
	done
	for dev in $($IP -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do
		[ "$dev" = lo ] || $IP link delete "$dev" 2>/dev/null || true
	done
}

# reset_sandbox_all: reset_sandbox, and what it leaves: nft tables,
# nexthops, rules (a flush keeps only the local rule: main and default
# come back) and forwarding.  For suites that make all of them.
reset_sandbox_all() {
	nft flush ruleset 2>/dev/null || true
	$IP nexthop flush 2>/dev/null || true
	$IP -4 rule flush 2>/dev/null || true
	$IP -6 rule flush 2>/dev/null || true
	$IP -4 rule add pref 32766 table main
	$IP -4 rule add pref 32767 table default
	$IP -6 rule add pref 32766 table main
	reset_sandbox
	sysctl -qw net.ipv4.ip_forward=0 net.ipv6.conf.all.forwarding=0
}

# same ARGS...: /bin/ip and ipbox, run on the same state, print the same
# stdout and stderr and exit with the same status.  Use it for commands
# that do not change state (or fail without changing it).
same() {
	local d=$BATS_TEST_TMPDIR ip_rc box_rc
	"$IP" "$@" >"$d/ip.out" 2>"$d/ip.err" </dev/null && ip_rc=0 || ip_rc=$?
	"$IPBOX" "$@" >"$d/box.out" 2>"$d/box.err" </dev/null && box_rc=0 || box_rc=$?
	diff -u --label "ip $*" --label "ipbox $*" "$d/ip.out" "$d/box.out" ||
		fail "stdout differs for: $*"
	diff -u --label "ip $* (stderr)" --label "ipbox $* (stderr)" "$d/ip.err" "$d/box.err" ||
		fail "stderr differs for: $*"
	[ "$ip_rc" = "$box_rc" ] || fail "exit status differs for: $*: ip $ip_rc, ipbox $box_rc"
	json_check "$d/box.out" "$@"
}

# Mask what differs between two runs of the same commands: the random
# MACs of new devices (and the fe80:: addresses made from them), running
# timers and remaining lifetimes.
normalize() {
	sed -E 's/[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}/MAC/g; s/fe80::[0-9a-f:]+/LL/g;
		s/ *[0-9]+\.[0-9]{2}( |$)/ T\1/g; s/(valid|preferred)_lft [0-9]+sec/\1_lft Nsec/g'
}

# bin_of TOOL: what the comparisons run as TOOL: /bin/ip for ip, ipbox
# for box.
bin_of() {
	if [ "$1" = box ]; then echo "$IPBOX"; else echo "$IP"; fi
}

# same_effect SETUP ARGS...: in two fresh nested sandboxes prepared by the
# shell snippet SETUP, run ARGS with /bin/ip in one and ipbox in the other;
# output, status and the resulting state (normalized) must be the same.
same_effect() {
	local setup=$1 d=$BATS_TEST_TMPDIR tool bin
	shift
	for tool in ip box; do
		bin=$(bin_of $tool)
		"$BATS_TEST_DIRNAME/../sandbox" sh -c '
			eval "$1" >/dev/null 2>&1 || exit 99
			shift; out=$1; shift
			"$@" >"$out.out" 2>"$out.err" </dev/null; echo $? >"$out.rc"
			/bin/ip -all netns exec true >/dev/null 2>&1
			{ /bin/ip netns list; /bin/ip -d link show; /bin/ip addr show
			  # IPv6 routes of one prefix on several devices come in
			  # the order their link-local addresses arrived (timing)
			  /bin/ip -4 route show table all
			  /bin/ip -6 route show table all | sort
			  /bin/ip rule show; /bin/ip -6 rule show; /bin/ip nexthop show
			  # neighbours come in hash order, which differs per namespace
			  /bin/ip neigh show | sort; } >"$out.state" 2>&1
		' sh "$setup" "$d/$tool" "$bin" "$@" || fail "sandbox for $tool failed"
	done
	for tool in ip box; do
		for f in out state; do
			normalize <"$d/$tool.$f" >"$d/$tool.$f.n" && mv "$d/$tool.$f.n" "$d/$tool.$f"
		done
	done
	same_results "$@"
	json_check "$d/box.out" "$@"
}

# same_results ARGS...: what `ip ARGS` and `ipbox ARGS` left in
# $BATS_TEST_TMPDIR/{ip,box}.{out,err,rc,state} is the same.
same_results() {
	local d=$BATS_TEST_TMPDIR f
	for f in out err rc state; do
		diff -u --label "ip $* ($f)" --label "ipbox $* ($f)" "$d/ip.$f" "$d/box.$f" ||
			fail "$f differs for: $*"
	done
}

# same_script SCRIPT: run the shell SCRIPT in two fresh nested sandboxes,
# with $T set to /bin/ip in one and to ipbox in the other ($IP is /bin/ip
# in both); its output (stdout and stderr, normalized) and status must be
# the same.  For sequences same_effect cannot express: redirections
# (save > file, restore < file), several commands of the tool under test.
same_script() {
	local d=$BATS_TEST_TMPDIR tool bin
	for tool in ip box; do
		bin=$(bin_of $tool)
		T=$bin IP=$IP "$BATS_TEST_DIRNAME/../sandbox" sh -c "$1" >"$d/$tool.script" 2>&1 </dev/null &&
			echo "status 0" >>"$d/$tool.script" || echo "status $?" >>"$d/$tool.script"
		normalize <"$d/$tool.script" >"$d/$tool.script.n"
	done
	diff -u --label "ip (script)" --label "ipbox (script)" "$d/ip.script.n" "$d/box.script.n" ||
		fail "the script's output differs"
}

# echos_in NS: the ICMP echo requests namespace NS has received.
echos_in() {
	$IP netns exec "$1" awk '/^Icmp:/ { if (!n) { for (i = 1; i <= NF; i++) if ($i == "InEchos") c = i; n = 1 } else print $c }' /proc/net/snmp
}

# json_check OUT ARGS...: when ARGS ask for JSON (-j), OUT, ipbox's stdout
# for them, must fit its schema (schemas/, issue 20); the check and the
# choice of schema are tests/schemacheck.py's.  `same`, `same_effect` and
# `run "$IPBOX" -j ...` (when it succeeds and prints JSON) call it.
json_check() {
	local out=$1 a
	shift
	for a in "$@"; do
		case $a in
		-j* | --j*)
			python3 "$BATS_TEST_DIRNAME/../schemacheck.py" "$@" <"$out" ||
				fail "ipbox $*: the output does not fit its schema"
			return ;;
		esac
	done
}

# bats' run, plus json_check of what a successful `run "$IPBOX" -j ...`
# printed (stderr is in $output too: only output that is all JSON).
eval "json_orig_$(declare -f run)"
run() {
	json_orig_run "$@" || return
	local args=("$@")
	while [[ ${args[0]} == -* || ${args[0]} == '!' ]]; do args=("${args[@]:1}"); done
	[ "${args[0]}" = "$IPBOX" ] && [ "$status" -eq 0 ] && [[ $output == [\[{]* ]] || return 0
	printf '%s' "$output" >"$BATS_TEST_TMPDIR/run.json"
	json_check "$BATS_TEST_TMPDIR/run.json" "${args[@]:1}"
}

# many_on_v0 OBJECT: setup text (for same_effect) that adds 5000 routes,
# addresses or neighbours (route, addr, neigh) on v0 in 10.70.0.0/19 by
# one `ip -batch`, and fails unless they are there: a flush of them
# takes several pipelined chunks (netlink/pipe.c).
many_on_v0() {
	cat <<-SETUP
	awk -v o=$1 'BEGIN { for (i = 0; i < 5000; i++) {
		a = sprintf("10.70.%d.%d", i / 256, i % 256)
		if (o == "neigh") printf "neigh add %s lladdr 02:00:00:00:%02x:%02x dev v0\\n", a, i / 256, i % 256
		else printf "%s add %s/32 dev v0\\n", o, a } }' | ip -batch -
	[ \$(ip -4 -o $1 show dev v0 | grep -c '10\.70\.[0-9]*\.[0-9]*\(/32\)\? ') -eq 5000 ]
	SETUP
}

# prepare_i0: an ifb i0 up with an address, a route, a neighbour and a
# nat rule: state for a bad or unprivileged command to leave alone.
prepare_i0() {
	$IP link add i0 type ifb
	$IP link set i0 up
	$IP addr add 10.5.0.1/24 dev i0
	$IP route add 10.6.0.0/16 via 10.5.0.2
	$IP neigh add 10.5.0.3 lladdr 02:00:00:00:00:03 dev i0
	"$IPBOX" nat add masquerade src 10.5.0.0/24 oif i0 2>/dev/null
}

# ip_state: links, addresses, routes of every table, neighbours: the part
# of the state every suite's state() reads.
ip_state() {
	$IP -d link show
	$IP addr show
	$IP route show table all
	$IP -6 route show table all
	$IP neigh show
}

# Setup text (for eval or same_effect): no DAD, a veth pair v0 (10.0.0.1/24,
# 2001:db8::1/64) and v1, both up.
VETH_V0='sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip addr add 10.0.0.1/24 dev v0
ip addr add 2001:db8::1/64 dev v0 nodad
ip link set v0 up; ip link set v1 up'
# Setup text: a wait for two link-local routes, so IPv6 routes do not
# appear between the two runs of a comparison.
LINKLOCAL_WAIT='for i in $(seq 50); do [ $(ip -6 route show table local | grep -c "local fe80") -ge 2 ] && break; sleep 0.1; done'
