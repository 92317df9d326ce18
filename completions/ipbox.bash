# bash completion for ipbox and its applet names (ip, netns, link, addr,
# route, neigh, nat, ipnetns, iplink, ...).  Names of namespaces come from
# /run/netns, interface names from the live system (inside -n NS too).

_ipbox_options='-Version -stats -statistics -details -human -human-readable
	-json -pretty -family -4 -6 -0 -brief -oneline -batch -force -netns -all
	-color -help'
_ipbox_objects='address link nat neighbor netns route help'
_ipbox_netns_cmds='list add attach set delete identify pids exec monitor list-id help'

_ipbox_netns_names()
{
	local f
	for f in /run/netns/*; do
		[ -e "$f" ] && printf '%s\n' "${f##*/}"
	done
}

# _ipbox_object WORD: the object a (possibly abbreviated) word names, in
# iproute2's order.
_ipbox_object()
{
	local o
	for o in address route neighbor neighbour link netns nat help; do
		[[ -n $1 && $o == "$1"* ]] && { printf '%s\n' "$o"; return; }
	done
}

_ipbox()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local prog=${COMP_WORDS[0]##*/} obj="" i=1 args=()

	case $prog in
	netns|ipnetns) obj=netns ;;
	link|iplink) obj=link ;;
	addr|ipaddr) obj=address ;;
	route|iproute) obj=route ;;
	neigh|ipneigh) obj=neighbor ;;
	nat|ipnat) obj=nat ;;
	esac

	# Skip global options (and their values) before the object.
	while [ $i -lt $COMP_CWORD ]; do
		case ${COMP_WORDS[i]} in
		-n|-netns|--netns|-f|-family|--family|-b|-batch|--batch) i=$((i + 2)); continue ;;
		--install) [ "$prev" = -s ] || [ "$prev" = --install ] && { COMPREPLY=($(compgen -d -- "$cur")); return; } ;;
		-*) i=$((i + 1)); continue ;;
		esac
		break
	done

	case $prev in
	-n|-netns|--netns) COMPREPLY=($(compgen -W "$(_ipbox_netns_names)" -- "$cur")); return ;;
	-f|-family|--family) COMPREPLY=($(compgen -W 'inet inet6 link' -- "$cur")); return ;;
	-b|-batch|--batch) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac

	if [ -z "$obj" ]; then
		if [ $i -ge $COMP_CWORD ]; then
			if [[ $cur == -* ]]; then
				COMPREPLY=($(compgen -W "$_ipbox_options --install --list" -- "$cur"))
			else
				COMPREPLY=($(compgen -W "$_ipbox_objects" -- "$cur"))
			fi
			return
		fi
		obj=$(_ipbox_object "${COMP_WORDS[i]}")
		i=$((i + 1))
	else
		[[ $cur == -* && $i -ge $COMP_CWORD ]] &&
			{ COMPREPLY=($(compgen -W "$_ipbox_options" -- "$cur")); return; }
	fi
	args=("${COMP_WORDS[@]:i:COMP_CWORD-i}")

	case $obj in
	netns) _ipbox_netns "${args[@]}" ;;
	esac
}

# _ipbox_netns WORDS...: complete after `netns` (WORDS are those before cur).
_ipbox_netns()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	if [ $# -eq 0 ]; then
		COMPREPLY=($(compgen -W "$_ipbox_netns_cmds" -- "$cur"))
		return
	fi
	case $1 in
	delete|del|d|exec|e|set|pids|p|attach)
		if [ $# -eq 1 ]; then
			COMPREPLY=($(compgen -W "$(_ipbox_netns_names)" -- "$cur"))
		elif [[ $1 == e* && $# -ge 2 ]]; then
			COMPREPLY=($(compgen -c -- "$cur"))
		elif [ "$1" = set ] && [ $# -eq 2 ]; then
			COMPREPLY=($(compgen -W 'auto' -- "$cur"))
		fi ;;
	list-id)
		COMPREPLY=($(compgen -W 'target-nsid nsid' -- "$cur")) ;;
	esac
}

complete -F _ipbox ipbox ip netns link addr route neigh nat \
	ipnetns iplink ipaddr iproute ipneigh ipnat
