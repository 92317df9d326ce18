#!/usr/bin/env bats
# Issue 15, finding 1 and the class "foreign nft objects": objects of
# every type that ipbox did not make (tables of every family, base and
# regular chains, rules, sets, maps, verdict maps, named counters, quotas,
# limits, ct helpers), in table inet ipbox and in other tables.  nat
# never crashes on them (0.x: `nat del handle N` of a rule in a foreign
# chain segfaulted), lists a foreign rule as an unknown rule, deletes one
# only when asked by its handle, and leaves every other object as it was.

load adv

# The ruleset without ipbox's own rules (those with a comment in its
# three chains), with handles: the foreign objects, whatever ipbox adds
# or deletes.
foreign() {
	nft -a list ruleset | awk '
		/^table / { ours = /^table inet ipbox / }
		ours && /^\tchain / { mine = /^\tchain (srcnat|dstnat|dstnat_output) / }
		!(ours && mine && / comment "/)'
}

# status of the last run is one of iproute2's (0, 1, 2, 255), not a
# signal's (128+N)
no_crash() {
	[ "$status" -lt 128 ] || [ "$status" -eq 255 ] || fail "crashed (status $status): $output"
}

setup() {
	in_sandbox || return 1
	$IP link add i0 type ifb
	"$IPBOX" nat add masquerade src 10.5.0.0/24 oif i0 2>/dev/null
	"$IPBOX" nat add dnat proto tcp dport 80 to 10.5.0.9 2>/dev/null
	nft -f "$BATS_TEST_DIRNAME/data/foreign.nft"
	# a foreign rule inside one of ipbox's own chains
	nft add rule inet ipbox srcnat ip saddr 10.8.0.0/16 counter accept
	before=$(foreign)
	unknown=$("$IPBOX" nat show | sed -n 's/^unknown rule handle \([0-9]*\)$/\1/p')
}

@test "show lists each foreign rule of ipbox's table as unknown, in every mode" {
	local args
	[ "$(wc -w <<<"$unknown")" -eq 9 ] || fail "unknown rules: $unknown"
	for args in "nat show" "nat list" "-s nat show" "-j nat show" "-j -p -s nat show" "nat"; do
		# shellcheck disable=SC2086
		run "$IPBOX" $args
		no_crash
		assert_success
	done
	run "$IPBOX" nat show
	assert_line "masquerade src 10.5.0.0/24 oif i0 handle 4"
	assert_line "dnat proto tcp dport 80 to 10.5.0.9 handle 5"
	"$IPBOX" -j -s nat show | python3 -c 'import json,sys; json.loads(sys.stdin.buffer.read().decode())'
	run foreign
	assert_output "$before"
}

@test "add, replace and del of ipbox's rules leave every foreign object as it was" {
	local words
	for words in "masquerade src 10.6.0.0/24" "snat src 10.7.0.0/24 to 192.0.2.1" \
		"dnat proto udp dport 53 to 10.5.0.53"; do
		# shellcheck disable=SC2086
		run "$IPBOX" nat add $words
		no_crash
		assert_success
		# shellcheck disable=SC2086
		run "$IPBOX" nat replace $words
		no_crash
		assert_success
		# shellcheck disable=SC2086
		run "$IPBOX" nat del $words
		no_crash
		assert_success
	done
	run "$IPBOX" nat del masquerade src 10.5.0.0/24 oif i0
	assert_success
	run "$IPBOX" nat del handle 5
	assert_success
	run "$IPBOX" nat show
	refute_line --regexp '^(masquerade|snat|dnat) '
	run foreign
	assert_output "$before"
}

@test "del handle of each foreign rule deletes that rule alone, alone and in a batch" {
	local h left
	for h in $unknown; do
		run "$IPBOX" nat del handle "$h"
		no_crash
		assert_success
		run sh -c 'nft -a list table inet ipbox | grep -c "# handle $1\$"' sh "$h"
		assert_output 0
		# everything else of the foreign objects stays
		left=$(foreign)
		[ "$(diff <(echo "$before") <(echo "$left") | grep -c '^[<>]')" -eq 1 ] ||
			fail "del handle $h took more than its rule: $(diff <(echo "$before") <(echo "$left"))"
		before=$left
	done
	run "$IPBOX" nat show
	refute_line --partial unknown
	assert_line "masquerade src 10.5.0.0/24 oif i0 handle 4"
	# again through -batch, on a fresh copy of the foreign rules
	nft delete table inet ipbox
	"$IPBOX" nat add masquerade src 10.5.0.0/24 oif i0 2>/dev/null
	nft -f "$BATS_TEST_DIRNAME/data/foreign.nft"
	unknown=$("$IPBOX" nat show | sed -n 's/^unknown rule handle \([0-9]*\)$/\1/p')
	run "$IPBOX" -batch - < <(for h in $unknown; do echo "nat del handle $h"; done; echo "nat show")
	no_crash
	assert_success
	refute_line --partial unknown
	assert_line --regexp '^masquerade src 10.5.0.0/24 oif i0 handle [0-9]+$'
}

@test "a handle that is not in ipbox's table, or a rule that is not there: refused, nothing changes" {
	local all
	all=$(nft -a list ruleset)
	run "$IPBOX" nat del handle 999
	no_crash
	assert_failure
	run "$IPBOX" nat del handle 4 masquerade src 10.9.0.0/24
	no_crash
	assert_failure
	run "$IPBOX" nat del masquerade src 10.9.0.0/24
	no_crash
	assert_failure
	run "$IPBOX" -batch - <<-'EOF'
	nat del handle 999
	EOF
	no_crash
	assert_failure
	run nft -a list ruleset
	assert_output "$all"
}

@test "a forged rule (ipbox's comment, other expressions) is unknown and never taken for ipbox's" {
	nft add rule inet ipbox srcnat ip saddr 10.4.0.0/24 counter accept comment '"masquerade src 10.4.0.0/24"'
	run "$IPBOX" nat show
	refute_line --regexp '^masquerade src 10\.4\.0\.0/24 handle'
	run "$IPBOX" nat del masquerade src 10.4.0.0/24
	no_crash
	assert_failure
	run nft list chain inet ipbox srcnat
	assert_line --partial 'ip saddr 10.4.0.0/24 counter packets 0 bytes 0 accept comment "masquerade src 10.4.0.0/24"'
	run "$IPBOX" nat replace masquerade src 10.4.0.0/24
	no_crash
	assert_success
	run "$IPBOX" nat show
	assert_line --regexp '^masquerade src 10\.4\.0\.0/24 handle [0-9]+$'
	run nft list chain inet ipbox srcnat
	assert_line --partial 'accept comment "masquerade src 10.4.0.0/24"'
}

@test "chains of ipbox's names in other tables, or of another type in its own: never ipbox's" {
	local all
	run "$IPBOX" nat show
	refute_line --partial "counter"
	# ipbox's own srcnat made a filter chain by someone else
	nft delete table inet ipbox
	nft add table inet ipbox
	nft add chain inet ipbox srcnat '{ type filter hook forward priority 0; policy accept; }'
	nft add rule inet ipbox srcnat counter
	all=$(nft -a list ruleset)
	run "$IPBOX" nat show
	no_crash
	run "$IPBOX" nat add masquerade src 10.5.0.0/24
	no_crash
	if [ "$status" -ne 0 ]; then
		run nft -a list ruleset
		assert_output "$all"
	else
		run "$IPBOX" nat show
		assert_line --regexp '^masquerade src 10\.5\.0\.0/24 handle'
	fi
	run "$IPBOX" nat flush
	no_crash
	run nft list table inet other
	assert_success
}

@test "flush deletes ipbox's table alone" {
	local others
	others=$(nft -a list ruleset | awk '/^table inet ipbox /{s=1} /^table / && !/^table inet ipbox /{s=0} !s')
	run "$IPBOX" nat flush
	no_crash
	assert_success
	run nft list table inet ipbox
	assert_failure
	run nft -a list ruleset
	assert_output "$others"
}
