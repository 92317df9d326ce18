#!/usr/bin/env bats
# Issue 15, class "kill -9": a batch killed at random points leaves whole
# nat transactions (a run of nat lines is one: all its rules or none,
# runs in order) and a prefix of its rtnetlink lines (each request is
# whole), and the next run of the same batch completes it.  Kill points
# follow the batch's progress as the kernel shows it (a seeded RANDOM
# picks them; the seed is printed on failure); nothing is timed.

load adv

RUNS=24
LINES=40

# A batch of RUNS nat runs of LINES lines (masquerade and dnat, whose two
# nft rules must come together), each run closed by a link line.
nat_batch() {
	local r l
	for r in $(seq 1 $RUNS); do
		for l in $(seq 1 $LINES); do
			if [ $((l % 4)) -eq 0 ]; then
				echo "nat add dnat proto tcp dport $((r * 100 + l)) to 10.5.$r.$l"
			else
				echo "nat add masquerade src 10.$r.$l.0/24"
			fi
		done
		echo "link set dev i0 alias run$r"
	done
}

# Rules per run, from the kernel: "r count" for each run that has any;
# a dnat line counts its two halves.
nat_per_run() {
	nft list table inet ipbox 2>/dev/null |
		sed -n 's/.*comment "masquerade src 10\.\([0-9]*\)\..*/\1/p; s/.*comment "dnat proto tcp dport \([0-9]*\)[0-9][0-9] .*/\1/p' |
		sort -n | uniq -c | awk '{print $2, $1}'
}

# until_run R PID: poll i0's alias (no process started) until run R or a
# later one is done, or PID is gone.
until_run() {
	local alias
	while kill -0 "$2" 2>/dev/null; do
		alias=$(</sys/class/net/i0/ifalias)
		[ "${alias#run}" -lt "$1" ] || return 0
	done
	return 0
}

# until_routes N PID: until N routes are in the main table (read by the
# shell from /proc/net/route: no process started), or PID is gone.
until_routes() {
	local table
	while kill -0 "$2" 2>/dev/null; do
		mapfile -t table </proc/net/route
		[ "${#table[@]}" -le "$1" ] || return 0
	done
	return 0
}

# each run present is whole (LINES/4 dnat lines count twice), and the
# present runs are 1..k
assert_whole_runs() {
	local r n k=0 whole=$((LINES + LINES / 4))
	while read -r r n; do
		[ "$n" -eq "$whole" ] || fail "seed $seed: run $r has $n of $whole nft rules"
		k=$((k + 1))
		[ "$r" -eq "$k" ] || fail "seed $seed: run $r present, run $k missing"
	done < <(nat_per_run)
	echo "$k"
}

setup() {
	in_sandbox || return 1
	$IP link add i0 type ifb
	$IP link set i0 up
	$IP addr add 10.200.0.1/16 dev i0
	seed=${ADV_SEED:-4242}
	RANDOM=$seed
}

@test "nat batches killed at random points: whole transactions, in order, then completed" {
	local b=$BATS_TEST_TMPDIR/nat.batch i pid k seen=""
	nat_batch >"$b"
	"$IPBOX" -batch "$b" 2>/dev/null
	[ "$(assert_whole_runs)" -eq $RUNS ]
	for i in $(seq 1 5); do
		nft flush ruleset
		$IP link set dev i0 alias run0
		"$IPBOX" -batch "$b" 2>/dev/null &
		pid=$!
		# into the batch: once run R is done (its link line), so the
		# kill lands in or around the next commit
		until_run $((RANDOM % RUNS)) "$pid"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		k=$(assert_whole_runs)
		seen="$seen $k"
		# the same batch with replace: whole runs stay as they are (no
		# second copy), the rest is added, every run ends whole
		sed 's/^nat add /nat replace /' "$b" | "$IPBOX" -batch - >/dev/null 2>&1
		[ "$(assert_whole_runs)" -eq $RUNS ]
	done
	echo "# runs whole at each kill:$seen (seed $seed)" >&3
}

@test "rtnetlink batches killed at random points: a prefix of the lines, then completed" {
	local b=$BATS_TEST_TMPDIR/rt.batch i pid n lines force seen=""
	# one request per line, or many per message under -force: more lines
	# there, so that kills land inside the batch
	for force in "" -force; do
		lines=600
		[ -z "$force" ] || lines=6000
		for i in $(seq 0 $((lines - 1))); do
			echo "route add 10.$((201 + i / 40000)).$((i / 200 % 200)).$((i % 200))/32 dev i0 metric $i"
		done >"$b"
		for i in $(seq 1 3); do
			$IP route flush root 10.201.0.0/16
			$IPBOX $force -batch "$b" 2>/dev/null &
			pid=$!
			until_routes $((RANDOM % lines)) "$pid"
			kill -9 "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
			n=$($IP route show root 10.201.0.0/16 | wc -l)
			seen="$seen $n"
			# the routes present are exactly the first n lines
			diff <(head -n "$n" "$b" | cut -d' ' -f3 | sort) \
				<($IP route show root 10.201.0.0/16 | sed 's/ .*/\/32/' | sort) ||
				fail "seed $seed: not a prefix of the batch after $n routes ($force)"
			$IPBOX -force -batch "$b" >/dev/null 2>&1 || true
			[ "$($IP route show root 10.201.0.0/16 | wc -l)" -eq "$lines" ]
		done
		seen="$seen;"
	done
	echo "# routes present at each kill:$seen (seed $seed)" >&3
}
