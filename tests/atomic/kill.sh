#!/bin/bash
# tests/atomic/kill.sh BATCH [POINTS]: run BATCH (plus a last line that
# fails, so a run that ends by itself rolls back too) as an atomic batch,
# kill -9 it at a random moment, and check that a new -atomic batch
# refuses to start while the journal is there (nothing changed), that
# `ipbox -undo JOURNAL` brings back the dump of the start, and that it
# removes the journal.  Repeats until POINTS (default 20) kills landed
# mid-batch.  Prints `kill: N points (N tries), N differ`.  KEEP=FILE
# keeps a copy of the last journal, to read after a failure.
IPBOX=${IPBOX:-./ipbox}
here=$(dirname "$0")
batch=$1 points=${2:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$batch" "$tmp/b"
echo "link set atomic_nosuch up" >>"$tmp/b"
sh "$here/dump.sh" >"$tmp/start" 2>&1
hit=0 tries=0 bad=0
while [ $hit -lt "$points" ] && [ $tries -lt $((points * 4)) ]; do
	tries=$((tries + 1))
	"$IPBOX" -atomic -batch "$tmp/b" >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf '%03d' $((RANDOM % 700)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	journal=$(ls /run/ipbox/*.journal 2>/dev/null | head -n1)
	[ -n "$journal" ] || continue
	hit=$((hit + 1))
	# (links still settle after a kill: carrier, state, qdisc, link-local masked)
	sh "$here/dump.sh" | sed -E -e 's/<[^>]*>|state [A-Z]+|qdisc [a-z_-]+//g' -e '/fe80::/d' >"$tmp/killed" 2>&1
	"$IPBOX" -atomic -batch "$tmp/b" >"$tmp/refused" 2>&1
	rc=$?
	sh "$here/dump.sh" | sed -E -e 's/<[^>]*>|state [A-Z]+|qdisc [a-z_-]+//g' -e '/fe80::/d' >"$tmp/after" 2>&1
	[ -z "$KEEP" ] || cp "$journal" "$KEEP"
	"$IPBOX" -undo "$journal" >"$tmp/undo" 2>&1
	urc=$?
	sh "$here/dump.sh" >"$tmp/now" 2>&1
	if [ $rc -ne 1 ] || ! grep -qF "ipbox -undo $journal" "$tmp/refused" ||
	   ! cmp -s "$tmp/killed" "$tmp/after" || [ $urc -ne 0 ] || [ -e "$journal" ] ||
	   ! cmp -s "$tmp/start" "$tmp/now"; then
		bad=$((bad + 1))
		echo "# kill $hit: refused exit $rc, undo exit $urc"
		sed 's/^/# /' "$tmp/refused" "$tmp/undo"
		diff "$tmp/killed" "$tmp/after" | head -n 20 | sed 's/^/# refused changed: /'
		diff "$tmp/start" "$tmp/now" | head -n 40 | sed 's/^/# /'
		break
	fi
done
echo "kill: $hit points ($tries tries), $bad differ"
[ $bad -eq 0 ] && [ $hit -eq "$points" ]
