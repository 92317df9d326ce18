#!/usr/bin/env bats
# The JSON schemas (schemas/, issue 20): each is a valid draft 2020-12
# schema with its installed $id, every listing in every -j mode of a
# varied state fits its schema, a broken output fails, and each object's
# man page names its schemas.  (Every -j output of the other suites is
# checked too: json_check in helpers.bash.)

load helpers

SCHEMACHECK=$BATS_TEST_DIRNAME/../schemacheck.py

@test "each schema is a valid draft 2020-12 schema, \$id its installed path" {
	run python3 - "$BATS_TEST_DIRNAME/../../schemas" <<-'PY'
	import glob, json, os, sys, jsonschema
	files = sorted(glob.glob(sys.argv[1] + "/*.json"))
	assert len(files) >= 15, files
	for f in files:
	    s = json.load(open(f))
	    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema", f
	    assert s["$id"] == "file:///usr/share/ipbox/schemas/" + os.path.basename(f), f
	    jsonschema.Draft202012Validator.check_schema(s)
	print(len(files))
	PY
	assert_success
}

# wait_up DEV...: until each DEV's operstate is up or unknown (a
# bridge's carrier comes through linkwatch up to a second late, and a
# nexthop through it is refused until then).
wait_up() {
	local dev i
	for dev; do
		for i in $(seq 500); do
			case $(cat "/sys/class/net/$dev/operstate") in up|unknown) break ;; esac
			sleep 0.01
		done
	done
}

# run_state_batch FILE: the fuzzer's state file, its runs of plain and
# "-6 " lines each through one /bin/ip batch, waiting at "# settle:" lines.
run_state_batch() {
	local line run=() six=
	flush_run() {
		[ ${#run[@]} -eq 0 ] && return 0
		printf '%s\n' "${run[@]}" | $IP $six -batch - || return 1
		run=()
	}
	while IFS= read -r line; do
		case $line in
		"# settle: "*) flush_run || return 1; wait_up ${line#\# settle: } ;;
		"#"*|"") ;;
		"-6 "*) [ -n "$six" ] || flush_run || return 1; six=-6; run+=("${line#-6 }") ;;
		*) [ -z "$six" ] || flush_run || return 1; six=; run+=("$line") ;;
		esac
	done <"$1"
	flush_run
}

# A state with every kind of record: links of several kinds (a bridge and
# its port, veths, a macvlan, a vxlan, ifbs, tun/tap), addresses of both
# families with lifetimes and a peer, routes (multipath, blackhole, nhid,
# other tables), neighbours, rules, nexthop groups, nat rules, a netns.
prepare_state() {
	echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad
	echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad
	run_state_batch "$BATS_TEST_DIRNAME/../difffuzz/state.batch" &&
		$IP nexthop add id 2 via 10.0.1.20 dev veth2 &&
		$IP nexthop add id 10 group 1/2 &&
		$IP nexthop add id 11 group 1,3/2 type resilient buckets 8 &&
		$IP nexthop add id 12 blackhole &&
		$IP route add 10.70.0.0/16 nhid 10 &&
		$IP tuntap add tun0 mode tun &&
		$IP tuntap add tap0 mode tap multi_queue &&
		"$IPBOX" nat add masquerade src 10.0.0.0/24 oif veth2 2>/dev/null &&
		"$IPBOX" nat add dnat iif veth2 proto tcp dport 8080 to 10.0.0.7:80 2>/dev/null &&
		"$IPBOX" nat add snat src 10.0.1.0/24 to 1.2.3.4 2>/dev/null &&
		$IP -6 addr add 2001:db8:9::1/64 dev veth2 valid_lft 300 preferred_lft 200 &&
		$IP -6 neigh add 2001:db8::8 lladdr 02:1f:00:00:01:18 dev br0 nud reachable
}

@test "every listing in every -j mode of a varied state fits its schema" {
	prepare_state
	local d=$BATS_TEST_TMPDIR/json n=0 line
	mkdir -p "$d"
	while read -r line; do
		[ -n "$line" ] || continue
		# shellcheck disable=SC2086
		"$IPBOX" $line >"$d/json.$n.out" || fail "ipbox $line failed"
		# shellcheck disable=SC2086
		printf '%s\0' "$line" $line >"$d/json.$n.args"
		[ -s "$d/json.$n.out" ] || fail "ipbox $line printed nothing"
		n=$((n + 1))
	done <<-'EOF'
	-j link show
	-j -p link show
	-j -d link show
	-j -s link show
	-j -s -s link show
	-j -d -s link show
	-j -br link show
	-j link show type bridge_slave
	-j -d -s link show type veth
	-j -br addr show type ifb
	-j addr show
	-j -d addr show
	-j -s addr show
	-j -br addr show
	-j -6 addr show
	-j route show
	-j -d route show
	-j -s route show
	-j -6 route show
	-j route show table all
	-j route get 10.0.1.20
	-j -6 route get 2001:db8::7
	-j neigh show
	-j -s neigh show
	-j -6 neigh show
	-j netns list
	-j netns list-id
	-j rule show
	-j -6 rule show
	-j nexthop show
	-j -s nexthop show
	-j nexthop get id 11
	-j nexthop bucket show
	-j tuntap show
	-j nat show
	-j -s nat show
	EOF
	run python3 "$SCHEMACHECK" "$d"
	assert_success
	assert_output ""
	# Every one of them had a schema to fit.
	run python3 -c '
import glob, sys
sys.path.insert(0, sys.argv[1])
import schemacheck
for a in glob.glob(sys.argv[2] + "/json.*.args"):
    w = open(a).read().split("\0")[1:-1]
    if not schemacheck.schema_for(w):
        print("no schema:", " ".join(w))' "$BATS_TEST_DIRNAME/.." "$d"
	assert_output ""
}

@test "a broken output fails validation: state, type, unknown key, missing key" {
	$IP link add sc0 type ifb
	"$IPBOX" -j link show >"$BATS_TEST_TMPDIR/good"
	run python3 "$SCHEMACHECK" -j link show <"$BATS_TEST_TMPDIR/good"
	assert_success
	local bad
	for bad in 's/"operstate":"DOWN"/"operstate":"down"/' 's/"mtu":\([0-9]*\)/"mtu":"\1"/' \
		's/"ifname":"sc0"/"ifname":"sc0","bogus":1/' 's/"ifname":"sc0",//' \
		's/"flags":\[/"flags":["SHOUTING",/' 's/^\[/[1,/' 's/\]$//'; do
		sed "$bad" "$BATS_TEST_TMPDIR/good" >"$BATS_TEST_TMPDIR/bad"
		! cmp -s "$BATS_TEST_TMPDIR/good" "$BATS_TEST_TMPDIR/bad" || fail "$bad changed nothing"
		run python3 "$SCHEMACHECK" -j link show <"$BATS_TEST_TMPDIR/bad"
		[ "$status" -eq 1 ] && [ -n "$output" ] || fail "$bad: not caught"
	done
}

@test "each object's man page names its schemas, and each schema is named" {
	local f page
	for f in "$BATS_TEST_DIRNAME"/../../schemas/*.json; do
		f=${f##*/}
		page=$(grep -l "^\.It Pa $f\$" "$BATS_TEST_DIRNAME"/../../man8/*.8) || fail "no page names $f"
		grep -q "$f" "$BATS_TEST_DIRNAME/../../man8/ipbox.8" || fail "ipbox(8) does not list $f"
	done
}

@test "the shared helpers check what run \"\$IPBOX\" -j prints" {
	local fake=$BATS_TEST_TMPDIR/box
	printf '#!/bin/sh\necho %s\n' "'[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[],\"bogus\":1}]'" >"$fake"
	chmod +x "$fake"
	if (IPBOX=$fake; run "$IPBOX" -j link show) >/dev/null 2>&1; then
		fail "a key not in the schema went through"
	fi
	(IPBOX=$fake; run "$IPBOX" link show)
	sed -i 's/,"bogus":1//' "$fake"
	(IPBOX=$fake; run "$IPBOX" -j link show)
}
