#!/usr/bin/env bats
# Docs and completions stay in step with the parser: every option of the
# dispatcher's table and every verb of each object's table is in the
# usage text, the man page and the three completions; pages lint clean;
# bash completion answers with the live system's names.

load helpers

top=$BATS_TEST_DIRNAME/../..

# The global options, read from cmd/main.c's options[] table.
table_options() {
	sed -n '/^} options\[\] = {/,/^};/p' "$top/cmd/main.c" | grep -o '{ "-[^"]*"' | cut -d'"' -f2
}

# The verbs of an object, read from its verb table in cmd/OBJ.c.
table_verbs() {
	sed -n "/ $1_verbs\[\] = {/,/^};/p" "$top/cmd/$1.c" | grep -o '{ "[^"]*"' | cut -d'"' -f2
}

@test "every global option is in the usage, ipbox(8) and the completions" {
	local usage opt name
	usage=$("$IPBOX" help 2>&1 | tr -d '[]')
	for opt in $(table_options); do
		name=${opt#-}
		[[ $usage == *"$opt"* ]] || fail "usage lacks $opt"
		grep -q "Fl $name\b" "$top/man8/ipbox.8" || fail "ipbox.8 lacks $opt"
		grep -q -- "$opt\b" "$top/completions/ipbox.bash" || fail "bash completion lacks $opt"
		grep -q -- "$opt\b" "$top/completions/_ipbox" || fail "zsh completion lacks $opt"
		grep -q -- "-o $name\b" "$top/completions/ipbox.fish" || fail "fish completion lacks $opt"
	done
}

@test "every netns command is in its usage, ipbox-netns(8) and the completions" {
	local usage verb
	usage=$("$IPBOX" netns help 2>&1) || true
	for verb in $(table_verbs netns); do
		case $verb in show|lst) continue ;; esac	# aliases of list
		# `help` is the usage itself
		[[ $verb == help || $usage == *"netns $verb"* ]] || fail "usage lacks $verb"
		grep -q "Cm $verb\b" "$top/man8/ipbox-netns.8" || fail "ipbox-netns.8 lacks $verb"
		grep -q "\b$verb\b" "$top/completions/ipbox.bash" || fail "bash completion lacks $verb"
		grep -q "\b$verb\b" "$top/completions/_ipbox" || fail "zsh completion lacks $verb"
		grep -q "\b$verb\b" "$top/completions/ipbox.fish" || fail "fish completion lacks $verb"
	done
}

@test "man pages lint clean at warning level and render" {
	local page
	for page in "$top"/man8/*.8; do
		run mandoc -Tlint -W warning "$page"
		assert_success
		assert_output ""
		run man -l "$page"
		assert_success
		assert_output --partial "NAME"
	done
}

@test "zsh and fish completions parse" {
	run zsh -n "$top/completions/_ipbox"
	assert_success
	run fish -n "$top/completions/ipbox.fish"
	assert_success
}

# complete WORDS...: run the bash completion for the words (the last one
# is being typed) and print COMPREPLY, one per line.
complete_words() {
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_ipbox
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$top/completions/ipbox.bash" "$@"
}

@test "bash completion: objects, options, commands and live namespace names" {
	run complete_words ipbox ne
	assert_output "$(printf 'neighbor\nnetns')"
	run complete_words ipbox -j -p netns l
	assert_output "$(printf 'list\nlist-id')"
	run complete_words ipbox -br
	assert_output "-brief"
	"$IPBOX" netns add alpha
	"$IPBOX" netns add beta
	run complete_words ipbox netns exec a
	assert_output alpha
	run complete_words ipbox -n ""
	assert_output "$(printf 'alpha\nbeta')"
	run complete_words netns del b
	assert_output beta
	run complete_words ip netns set alpha ""
	assert_output auto
}
