#!/usr/bin/env bats
# The Debian package (issue 20), built once from this tree (`make deb`):
# lintian finds nothing at its default level, the package owns no path
# another installed package owns (iproute2, bash-completion, ... stay
# untouched), and installed with `dpkg --root` into an empty root it puts
# each file where the README says, runs from there (as ipbox and, through
# the drop-in directory, as ip), and its removal leaves nothing behind.
# Runs in a sandbox (tests/run-bats): the one state change is an ifb.

setup_file() {
	cd "$BATS_TEST_DIRNAME/../.." || return 1
	export SRC=$PWD DEB
	# No -dbgsym package: it is not under test, and it halves the time.
	DEB_BUILD_OPTIONS=noddebs make -s deb >"$BATS_FILE_TMPDIR/build.log" 2>&1 ||
		{ tail -30 "$BATS_FILE_TMPDIR/build.log" >&3; return 1; }
	DEB=$(ls "$SRC"/build/deb/ipbox_*.deb)
	export ROOT=$BATS_FILE_TMPDIR/root
	mkdir -p "$ROOT/var/lib/dpkg/updates" "$ROOT/var/lib/dpkg/info"
	touch "$ROOT/var/lib/dpkg/status"
}

# dpkg into the test root only; the libraries ipbox needs are the host's.
rdpkg() { dpkg --root="$ROOT" --force-depends --force-not-root "$@"; }

@test "lintian: nothing at the default level" {
	# stdout only: lintian warns on stderr that it runs as root.
	local out
	out=$(lintian "$SRC"/build/deb/ipbox_*.changes 2>/dev/null) && [ -z "$out" ] ||
		{ echo "$out"; return 1; }
}

@test "the package owns no path of another package (iproute2 untouched)" {
	local f owned=
	while read -r f; do
		[ -d "$f" ] && [ ! -L "$f" ] && continue
		dpkg -S "$f" >/dev/null 2>&1 && owned="$owned $f"
	done < <(dpkg-deb -c "$DEB" | awk '{ print substr($6, 2) }')
	[ -z "$owned" ] || { echo "owned elsewhere:$owned"; return 1; }
}

@test "install, run as ipbox and as ip from the drop-in dir, remove: nothing left" {
	rdpkg -i "$DEB" >/dev/null
	# Each file where the README says.
	[ -x "$ROOT/usr/sbin/ipbox" ]
	local a n=0
	for a in $("$ROOT/usr/sbin/ipbox" --list); do
		[ "$(readlink -f "$ROOT/usr/libexec/ipbox/bin/$a")" = "$ROOT/usr/sbin/ipbox" ]
		n=$((n + 1))
	done
	[ "$n" -eq "$(ls "$ROOT/usr/libexec/ipbox/bin" | wc -l)" ]
	[ ! -e "$ROOT/usr/sbin/ip" ] && [ ! -e "$ROOT/usr/bin/ip" ]
	for a in ipbox ipbox-link ipbox-address ipbox-route ipbox-nat; do
		[ -f "$ROOT/usr/share/man/man8/$a.8.gz" ]
	done
	[ "$(ls "$ROOT/usr/share/ipbox/schemas")" = "$(ls "$SRC/schemas")" ]
	[ -f "$ROOT/usr/share/bash-completion/completions/ipbox" ]
	[ "$(head -1 "$ROOT/usr/share/zsh/vendor-completions/_ipbox")" = "#compdef ipbox" ]
	[ -f "$ROOT/usr/share/fish/vendor_completions.d/ipbox.fish" ]
	[ "$(readlink -f "$ROOT/usr/share/ipbox/completions/bash-completion/completions/ip")" = \
		"$ROOT/usr/share/bash-completion/completions/ipbox" ]
	# The installed copy runs, as itself and as ip through the drop-in dir.
	run "$ROOT/usr/sbin/ipbox" -V
	[ "$status" -eq 0 ] && [[ $output == *"ipbox $(sed -n '1s/^ipbox (\([^)]*\)).*/\1/p' "$SRC/debian/changelog")" ]]
	run env PATH="$ROOT/usr/libexec/ipbox/bin:$PATH" sh -c \
		'command -v ip && ip link add pk0 type ifb && link set pk0 up && /bin/ip -o link show pk0'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$ROOT/usr/libexec/ipbox/bin/ip" ]
	[[ ${lines[1]} == *": pk0: <"*",UP,LOWER_UP>"* ]]
	# dropin.sh puts the dir first, once, and finds the drop-in completions.
	run sh -c ". '$ROOT/usr/share/ipbox/dropin.sh'; . '$ROOT/usr/share/ipbox/dropin.sh'; echo \"\$PATH\"; echo \"\$XDG_DATA_DIRS\""
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "/usr/libexec/ipbox/bin:$PATH" ]
	[[ ${lines[1]} == /usr/share/ipbox/completions:* ]] && [[ ${lines[1]} != *ipbox/completions:*ipbox/completions* ]]
	run bash -c ". /usr/share/bash-completion/bash_completion; XDG_DATA_DIRS='$ROOT/usr/share/ipbox/completions:/usr/share' __load_completion ip; complete -p ip"
	[ "$output" = "complete -F _ipbox ip" ]
	# Removal leaves nothing outside dpkg's own database.
	dpkg --root="$ROOT" --force-not-root --purge ipbox >/dev/null
	run find "$ROOT" -mindepth 1 -not -path "$ROOT/var" -not -path "$ROOT/var/*"
	[ -z "$output" ] || { echo "left: $output"; return 1; }
}
