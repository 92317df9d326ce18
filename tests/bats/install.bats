#!/usr/bin/env bats
# make install / uninstall into a DESTDIR: the tree, working applet links,
# readable man pages, loadable completions; uninstall removes exactly that.

load helpers

top=$BATS_TEST_DIRNAME/../..

@test "make install puts everything where shells and man look, uninstall removes it" {
	local dest=$BATS_TEST_TMPDIR/dest a page
	run make -s -C "$top" install DESTDIR="$dest" PREFIX=/usr/local
	assert_success
	[ -x "$dest/usr/local/sbin/ipbox" ]
	for a in ip netns link addr route neigh nat ipnetns iplink ipaddr iproute ipneigh ipnat tuntap monitor; do
		[ -L "$dest/usr/local/sbin/$a" ] || fail "no applet link $a"
		[ -e "$dest/usr/local/share/bash-completion/completions/$a" ] || fail "no bash completion for $a"
		[ -e "$dest/usr/local/share/fish/vendor_completions.d/$a.fish" ] || fail "no fish completion for $a"
	done
	[ -f "$dest/usr/local/share/zsh/vendor-completions/_ipbox" ]
	# the installed applets work
	"$dest/usr/local/sbin/netns" add installed
	run "$dest/usr/local/sbin/ip" netns list
	assert_output installed
	# every page installed, and man renders it
	for page in "$top"/man8/*.8; do
		[ -f "$dest/usr/local/share/man/man8/${page##*/}" ] || fail "${page##*/} not installed"
		run man -l "$dest/usr/local/share/man/man8/${page##*/}"
		assert_success
	done
	# the JSON schemas, as the man pages name them
	[ -f "$dest/usr/local/share/ipbox/schemas/link.json" ] || fail "schemas not installed"
	# the installed bash completion loads under an applet's name
	run bash -c 'source "$1"; complete -p netns' sh "$dest/usr/local/share/bash-completion/completions/netns"
	assert_output --partial "_ipbox"
	run make -s -C "$top" uninstall DESTDIR="$dest" PREFIX=/usr/local
	assert_success
	run find "$dest" -type f -o -type l
	assert_output ""
}
