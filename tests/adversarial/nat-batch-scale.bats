#!/usr/bin/env bats
# Issue 15, finding 5: each nat del or replace line of a batch dumped and
# parsed the whole table again (200 lines on 5,000 rules: 10 s).  A run
# of nat lines reads the table once per transaction: counted here in
# rule dumps sent (strace), not in seconds, with every line's effect
# checked.

load adv

rules() {
	nft list table inet ipbox | grep -c 'comment "'
}

@test "200 del and replace lines on 2,000 rules: a handful of table reads, every line applied" {
	local i b=$BATS_TEST_TMPDIR/batch
	for i in $(seq 0 1999); do
		echo "nat add masquerade src 10.$((i / 250)).$((i % 250)).0/24"
	done | "$IPBOX" -batch - 2>/dev/null
	[ "$(rules)" -eq 2000 ]
	{
		for i in $(seq 0 99); do echo "nat del masquerade src 10.0.$i.0/24"; done
		for i in $(seq 100 149); do echo "nat replace masquerade src 10.0.$i.0/24"; done
		for i in $(seq 0 49); do echo "nat replace masquerade src 10.99.$i.0/24"; done
	} >"$b"
	run strace -f -e trace=sendto,sendmsg -o "$BATS_TEST_TMPDIR/trace" "$IPBOX" -batch "$b"
	assert_success
	run grep -c NFT_MSG_GETRULE "$BATS_TEST_TMPDIR/trace"
	[ "$output" -le 3 ] || fail "$output rule dumps for one run of 200 lines"
	[ "$(rules)" -eq $((2000 - 100 + 50)) ]
	run "$IPBOX" nat show
	refute_line --regexp '^masquerade src 10\.0\.(0|50|99)\.0/24 '
	assert_line --regexp '^masquerade src 10\.0\.149\.0/24 handle'
	assert_line --regexp '^masquerade src 10\.99\.49\.0/24 handle'
	[ "$(grep -c '^masquerade src 10\.0\.120\.0/24 ' <<<"$output")" -eq 1 ]
}
