#!/usr/bin/env bats
# Issue 15, finding 4: a dnat rule is two nft rules (prerouting and its
# twin in the output chain).  Deleting either handle deletes both, in
# one transaction; show never reports a state that is not in the kernel
# (a lone half is shown incomplete).  ipbox 0.x deleted only the twin and
# went on showing the rule whole.

load adv

setup() {
	in_sandbox || return 1
	"$IPBOX" nat add dnat proto tcp dport 80 to 10.5.0.9 2>/dev/null
	"$IPBOX" nat add dnat proto tcp dport 443 to 10.5.0.9 2>/dev/null
}

# The handles of the nft rules carrying this comment, in chain order.
halves() {
	nft -a list table inet ipbox | sed -n "s/.*comment \"$1\" # handle \([0-9]*\)\$/\1/p" |
		paste -sd ' '
}

# lose_half CHAIN HANDLE: delete the rule HANDLE of CHAIN (one half of the
# port 80 dnat) behind ipbox's back; show then calls the rule incomplete.
lose_half() {
	nft delete rule inet ipbox "$1" handle "$2"
	run "$IPBOX" nat show
	assert_line --regexp '^dnat proto tcp dport 80 to 10\.5\.0\.9 handle [0-9]+ incomplete$'
}

@test "del handle of the twin deletes the whole rule, in one transaction" {
	local h
	h=$(halves "dnat proto tcp dport 80 to 10.5.0.9")
	[ "$(wc -w <<<"$h")" -eq 2 ] || fail "not two halves: $h"
	# nft monitor, ready once it reports a marker table: it prints
	# "# new generation" after each transaction
	nft monitor >"$BATS_TEST_TMPDIR/events" 2>&1 &
	until_seen() {
		local i
		for i in $(seq 100); do
			grep -q "$1" "$BATS_TEST_TMPDIR/events" && return 0
			nft list table ip "$2" >/dev/null 2>&1 || nft add table ip "$2"
			sleep 0.1
		done
		return 1
	}
	until_seen "add table ip before" before || fail "nft monitor does not report"
	run "$IPBOX" nat del handle "${h#* }"
	assert_success
	until_seen "add table ip after" after || fail "nft monitor stopped reporting"
	kill %1
	run sed -n '/add table ip before/,/add table ip after/p' "$BATS_TEST_TMPDIR/events"
	assert_output --regexp "delete rule inet ipbox dstnat handle ${h% *}
delete rule inet ipbox dstnat_output handle ${h#* }
# new generation [0-9]+ by process [0-9]+ \(ipbox\)"
	run halves "dnat proto tcp dport 80 to 10.5.0.9"
	assert_output ""
	run "$IPBOX" nat show
	refute_line --partial "dport 80 "
	assert_line --regexp '^dnat proto tcp dport 443 to 10\.5\.0\.9 handle [0-9]+$'
}

@test "del handle of either half, alone and in a batch" {
	local h
	h=$(halves "dnat proto tcp dport 443 to 10.5.0.9")
	run "$IPBOX" -batch - <<<"nat del handle ${h% *}"
	assert_success
	run halves "dnat proto tcp dport 443 to 10.5.0.9"
	assert_output ""
	h=$(halves "dnat proto tcp dport 80 to 10.5.0.9")
	run "$IPBOX" -batch - <<<"nat del handle ${h#* }"
	assert_success
	run nft list table inet ipbox
	refute_output --partial comment
}

@test "a half deleted behind ipbox's back is shown incomplete; replace makes it whole" {
	local h
	h=$(halves "dnat proto tcp dport 80 to 10.5.0.9")
	lose_half dstnat_output "${h#* }"
	run "$IPBOX" -j nat show
	assert_output --partial '"incomplete":true'
	run "$IPBOX" nat replace dnat proto tcp dport 80 to 10.5.0.9
	assert_success
	run "$IPBOX" nat show
	assert_line --regexp '^dnat proto tcp dport 80 to 10\.5\.0\.9 handle [0-9]+$'
	run halves "dnat proto tcp dport 80 to 10.5.0.9"
	[ "$(wc -w <<<"$output")" -eq 2 ]
}

@test "a lone half is deleted by its handle, and show then lists nothing of it" {
	local h
	h=$(halves "dnat proto tcp dport 80 to 10.5.0.9")
	lose_half dstnat "${h% *}"
	run "$IPBOX" nat del handle "${h#* }"
	assert_success
	run "$IPBOX" nat show
	refute_line --partial "dport 80 "
	run halves "dnat proto tcp dport 80 to 10.5.0.9"
	assert_output ""
}
