#!/bin/sh
# tests/atomic/inject.sh BATCH [EVERY]: for each command line N of BATCH
# (every EVERY-th, default 1), run lines 1..N plus one line that fails
# as one `ipbox -atomic` batch, and compare the dump (dump.sh) after it
# with the one before.  The failing line takes turns: a device that does
# not exist (found when the line runs) and a route the kernel refuses
# (a pipelined change).  Prints `inject: N runs, N differ` and the first
# difference; exit 1 if any run differs, did not fail, or left a journal.
IPBOX=${IPBOX:-./ipbox}
here=$(dirname "$0")
batch=$1 every=${2:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$here/dump.sh" >"$tmp/start" 2>&1
lines=$(grep -n -v '^[[:space:]]*\(#\|$\)' "$batch" | cut -d: -f1)
runs=0 bad=0
for n in $lines; do
	[ $((n % every)) -eq 0 ] || [ "$n" = "$(echo "$lines" | tail -n1)" ] || continue
	runs=$((runs + 1))
	head -n "$n" "$batch" >"$tmp/b"
	if [ $((runs % 2)) -eq 0 ]; then
		echo "link set atomic_nosuch up" >>"$tmp/b"
	else
		echo "route add 10.250.0.0/16 via 10.251.0.1" >>"$tmp/b"
	fi
	"$IPBOX" -atomic -batch "$tmp/b" >"$tmp/out" 2>&1
	rc=$?
	sh "$here/dump.sh" >"$tmp/now" 2>&1
	if [ $rc -ne 1 ] || ! grep -q "^Command failed $tmp/b:$((n + 1))\$" "$tmp/out" ||
	   ! grep -q '^Rolled back: ' "$tmp/out" || ls /run/ipbox | grep -q . ||
	   ! cmp -s "$tmp/start" "$tmp/now"; then
		bad=$((bad + 1))
		if [ $bad -eq 1 ]; then
			echo "# failure injected after line $n: $(sed -n "${n}p" "$batch") (exit $rc)"
			sed 's/^/# /' "$tmp/out"
			ls /run/ipbox | sed 's/^/# journal left: /'
			diff "$tmp/start" "$tmp/now" | head -n 40 | sed 's/^/# /'
			# later runs would only repeat this difference
			break
		fi
	fi
done
echo "inject: $runs runs, $bad differ"
[ $bad -eq 0 ]
