# bash completion for ipbox and its applet names (ip, netns, link, addr,
# route, neigh, nat, ipnetns, iplink, ...).  Names of namespaces come from
# /run/netns, interface names from the live system (/sys/class/net, or
# `ipbox -n NS -o link show` after -n NS), nat handles from `ipbox nat show`,
# route table, protocol and scope names from /etc/iproute2/rt_*.

_ipbox_options='-Version -stats -statistics -details -human -human-readable
	-json -pretty -family -4 -6 -0 -brief -oneline -timestamp -tshort -batch
	-force -netns -all -color -help'
_ipbox_objects='address link nat neighbor netns route tuntap monitor help'
_ipbox_netns_cmds='list add attach set delete identify pids exec monitor list-id help'

# link: the verbs (cmd/link.c link_verbs), the attributes of add/set/...
# (link_parse), the filters of show (link_show_args), the kinds (the TYPE
# list of the usage) and the arguments each kind takes.
_ipbox_link_cmds='add set change replace delete show lst list property help'
_ipbox_link_attrs='dev name up down link parentdev index address broadcast brd
	txqueuelen qlen txqlen mtu numtxqueues numrxqueues netns link-netnsid arp
	dynamic multicast allmulticast promisc trailers carrier protodown alias
	group master nomaster mode state addrgenmode gso_max_size gso_max_segs
	gro_max_size type help'
_ipbox_link_show='dev group up master nomaster type to scope label help'
_ipbox_link_types='amt bareudp bond bond_slave bridge bridge_slave dsa dummy
	erspan geneve gre gretap gtp ifb ip6erspan ip6gre ip6gretap ip6tnl ipip
	ipoib ipvlan ipvtap macsec macvlan macvtap netdevsim nlmon rmnet sit team
	team_slave vcan veth vlan vrf vti vxcan vxlan wwan xfrm virt_wifi'
_ipbox_link_onoff='arp dynamic multicast allmulticast promisc trailers carrier protodown'
_ipbox_macvlan_args='mode flag nopromisc nodst bcqueuelen help'
_ipbox_vlan_args='id protocol'
_ipbox_bridge_args='fdb_flush forward_delay hello_time max_age ageing_time stp_state
	priority vlan_filtering vlan_protocol vlan_default_pvid
	vlan_stats_enabled vlan_stats_per_port group_fwd_mask group_address
	mcast_snooping no_linklocal_learn mcast_vlan_snooping mcast_router
	mcast_query_use_ifaddr mcast_querier mcast_hash_elasticity
	mcast_hash_max mcast_last_member_count mcast_startup_query_count
	mcast_last_member_interval mcast_membership_interval
	mcast_querier_interval mcast_query_interval
	mcast_query_response_interval mcast_startup_query_interval
	mcast_stats_enabled mcast_igmp_version mcast_mld_version
	nf_call_iptables nf_call_ip6tables nf_call_arptables'
_ipbox_bridge_slave_args='fdb_flush state priority cost hairpin guard root_block fastleave
	learning flood proxy_arp proxy_arp_wifi mcast_router mcast_fast_leave
	mcast_flood bcast_flood mcast_to_unicast neigh_suppress group_fwd_mask
	vlan_tunnel isolated locked backup_port nobackup_port'
# bridge_slave flags, which take on or off
_ipbox_bridge_slave_onoff='hairpin guard root_block fastleave learning flood proxy_arp
	proxy_arp_wifi mcast_fast_leave mcast_flood bcast_flood
	mcast_to_unicast neigh_suppress vlan_tunnel isolated locked'
_ipbox_vxlan_args='id vni group remote local dev srcport port dstport ttl hoplimit tos
	dsfield df flowlabel label ageing maxaddress learning nolearning proxy
	noproxy rsc norsc l2miss nol2miss l3miss nol3miss udpcsum noudpcsum
	udp6zerocsumtx noudp6zerocsumtx udp6zerocsumrx noudp6zerocsumrx
	remcsumtx noremcsumtx remcsumrx noremcsumrx external noexternal
	vnifilter novnifilter gbp gpe'

# address: verbs (addr_verbs), words of add/change/replace/delete
# (addr_modify, ifa_flags) and of show/flush (link_show_args, FLAG-LIST).
_ipbox_addr_cmds='add change chg replace delete list show lst flush help'
_ipbox_addr_flags='secondary temporary nodad optimistic dadfailed home
	deprecated tentative permanent mngtmpaddr noprefixroute autojoin
	stable-privacy'
_ipbox_addr_mod="local peer remote broadcast brd anycast label scope metric
	priority preference dev valid_lft preferred_lft $_ipbox_addr_flags help"
_ipbox_addr_filter="dev to scope label up group master nomaster type
	$_ipbox_addr_flags dynamic primary -tentative -deprecated -dadfailed help"

# nat: verbs (nat_verbs), rule types and the keywords[] table, by type.
_ipbox_nat_cmds='add delete replace list show flush forward help'
_ipbox_nat_types='masquerade snat dnat redirect'
_ipbox_nat_masquerade='family src dst oif proto to-ports random fully-random persistent handle incomplete'
_ipbox_nat_snat='family src dst oif proto sport dport to random fully-random persistent handle incomplete'
_ipbox_nat_dnat='family src dst iif proto dport to hairpin random fully-random persistent handle incomplete'
_ipbox_nat_redirect='family src dst iif proto dport to-ports random fully-random persistent handle incomplete'

# route: verbs (cmd/route.c route_verbs), types (route_print.c
# type_words), the words of add/change/... (mod_words, metric_words, NH),
# of show/flush (filter_words, root/match/exact) and of get.
_ipbox_route_cmds='add change chg replace prepend append test delete list show lst get flush help'
_ipbox_route_types='unicast local broadcast brd multicast throw unreachable
	prohibit blackhole nat anycast xresolve'
_ipbox_route_metrics='mtu hoplimit advmss reordering rtt rto_min window cwnd
	initcwnd initrwnd features quickack congctl rttvar ssthresh'
_ipbox_route_mod="to src via from tos dsfield expires metric priority
	preference scope realms onlink protocol table dev oif pref weight nexthop
	$_ipbox_route_metrics help"
_ipbox_route_filter='to root match exact table cached cloned tos dsfield
	protocol scope type dev oif iif metric priority preference via src realms
	from help'
_ipbox_route_get='to from iif mark oif dev notify fibmatch help'
_ipbox_route_nh='via dev weight onlink'

# neighbor: verbs (cmd/neigh.c neigh_verbs), words of add/... and of
# show/flush, the nud states (nud_words).
_ipbox_neigh_cmds='add change chg replace delete get show lst list flush help'
_ipbox_neigh_mod='lladdr nud proxy dev router use managed extern_learn protocol'
_ipbox_neigh_filter='proxy to dev nud unused protocol help'
_ipbox_neigh_nud='permanent reachable noarp none stale incomplete delay probe failed'

# tuntap: verbs (cmd/tuntap.c tuntap_verbs) and words (tuntap_words,
# name, help); monitor: its words (cmd/monitor.c monitor_words), objects
# first.
_ipbox_tuntap_cmds='add delete show lst list help'
_ipbox_tuntap_args='mode user group pi one_queue vnet_hdr multi_queue dev name help'
_ipbox_monitor_objects='link address route mroute prefix neigh netconf rule nsid nexthop stats'
_ipbox_monitor_args="all $_ipbox_monitor_objects label all-nsid dev file help"

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
	for o in address route neighbor neighbour link tuntap monitor netns nat help; do
		[[ -n $1 && $o == "$1"* ]] && { printf '%s\n' "$o"; return; }
	done
}

# _ipbox_prog: the program to ask for live names: the one being completed
# when it is ipbox or ip, else ipbox (applet names are ipbox's).
_ipbox_prog()
{
	local p=${COMP_WORDS[0]}
	case ${p##*/} in
	ipbox|ip) command -v "$p" >/dev/null 2>&1 && { printf '%s\n' "$p"; return; } ;;
	esac
	command -v ipbox >/dev/null 2>&1 && { echo ipbox; return; }
	echo ip
}

# _ipbox_ifnames: interface names, of namespace $_ipbox_ns when -n NS was
# given (asked of `PROG -n NS -o link show`), else of /sys/class/net.
_ipbox_ifnames()
{
	local f
	if [ -n "$_ipbox_ns" ]; then
		"$(_ipbox_prog)" -n "$_ipbox_ns" -o link show 2>/dev/null |
			sed -n 's/^[0-9]*: \([^:@ ]*\)[@:].*/\1/p'
		return
	fi
	for f in /sys/class/net/*; do
		[ -e "$f" ] && printf '%s\n' "${f##*/}"
	done
}

# _ipbox_rt_names FILE: the names of /etc/iproute2/FILE and FILE.d/*.conf
# (rt_tables, rt_protos, rt_scopes).
_ipbox_rt_names()
{
	cat "/etc/iproute2/$1" /etc/iproute2/"$1".d/*.conf 2>/dev/null |
		awk '$1 !~ /^#/ && NF >= 2 { print $2 }'
}

# _ipbox_rt_tables: route table names, with all, main, local, default.
_ipbox_rt_tables()
{
	{ _ipbox_rt_names rt_tables; printf '%s\n' all main local default; } | sort -u
}

# _ipbox_nat_handles: the handles `PROG nat show` prints.
_ipbox_nat_handles()
{
	"$(_ipbox_prog)" ${_ipbox_ns:+-n "$_ipbox_ns"} nat show 2>/dev/null |
		sed -n 's/.* handle \([0-9][0-9]*\).*/\1/p'
}

# _ipbox_verb WORD VERBS: the verb an abbreviation names (first match in
# the table's order, as iproute2's matches()).
_ipbox_verb()
{
	local v
	for v in $2; do
		[[ -n $1 && $v == "$1"* ]] && { printf '%s\n' "$v"; return; }
	done
	printf '%s\n' "$1"
}

# _ipbox_reply WORDS: COMPREPLY from WORDS for the current word.
_ipbox_reply()
{
	COMPREPLY=($(compgen -W "$*" -- "${COMP_WORDS[COMP_CWORD]}"))
}

_ipbox()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local prog=${COMP_WORDS[0]##*/} obj="" i=1 args=()
	_ipbox_ns=""

	case $prog in
	netns|ipnetns) obj=netns ;;
	link|iplink) obj=link ;;
	addr|ipaddr) obj=address ;;
	route|iproute) obj=route ;;
	neigh|ipneigh) obj=neighbor ;;
	nat|ipnat) obj=nat ;;
	tuntap) obj=tuntap ;;
	monitor) obj=monitor ;;
	esac

	# Skip global options (and their values) before the object.
	while [ $i -lt $COMP_CWORD ]; do
		case ${COMP_WORDS[i]} in
		-n|-netns|--netns) _ipbox_ns=${COMP_WORDS[i+1]}; i=$((i + 2)); continue ;;
		-f|-family|--family|-b|-batch|--batch) i=$((i + 2)); continue ;;
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
	link) _ipbox_link "${args[@]}" ;;
	address) _ipbox_address "${args[@]}" ;;
	nat) _ipbox_nat "${args[@]}" ;;
	route) _ipbox_route "${args[@]}" ;;
	neighbor|neighbour) _ipbox_neigh "${args[@]}" ;;
	tuntap) _ipbox_tuntap "${args[@]}" ;;
	monitor) _ipbox_monitor "${args[@]}" ;;
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

# _ipbox_link WORDS...: complete after `link` (WORDS are those before cur).
_ipbox_link()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]} verb kind="" w
	if [ $# -eq 0 ]; then
		_ipbox_reply "$_ipbox_link_cmds"
		return
	fi
	verb=$(_ipbox_verb "$1" "$_ipbox_link_cmds")
	shift
	case $verb in
	show|list|lst)
		case $prev in
		dev|master) _ipbox_reply "$(_ipbox_ifnames)" ;;
		type) _ipbox_reply "$_ipbox_link_types" ;;
		scope) _ipbox_reply 'host link global all' ;;
		group|to|label) ;;
		*) _ipbox_reply "$_ipbox_link_show $(_ipbox_ifnames)" ;;
		esac ;;
	property)
		if [ $# -eq 0 ]; then
			_ipbox_reply 'add del'
			return
		fi
		case $prev in
		dev) _ipbox_reply "$(_ipbox_ifnames)" ;;
		altname) ;;
		*) _ipbox_reply 'dev altname' ;;
		esac ;;
	help)
		[ $# -eq 0 ] && _ipbox_reply "$_ipbox_link_types" ;;
	add|set|change|replace|delete)
		# After `type KIND` come the kind's own words; after a veth's
		# `peer`, the attributes of the other end.
		for w in "$@"; do
			if [ "$kind" = '?' ]; then
				kind=$w
			elif [ "$w" = type ] && [ "$kind" != peer ]; then
				kind='?'
			elif [ "$w" = peer ] && { [ "$kind" = veth ] || [ "$kind" = vxcan ]; }; then
				kind=peer
			fi
		done
		case $prev in
		type) _ipbox_reply "$_ipbox_link_types"; return ;;
		dev|master|link) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
		netns) _ipbox_reply "$(_ipbox_netns_names)"; return ;;
		state) _ipbox_reply 'UNKNOWN NOTPRESENT DOWN LOWERLAYERDOWN TESTING DORMANT UP'; return ;;
		addrgenmode) _ipbox_reply 'eui64 none stable_secret random'; return ;;
		protocol) _ipbox_reply '802.1Q 802.1ad'; return ;;
		stp_state|vlan_filtering|mcast_snooping) _ipbox_reply '0 1'; return ;;
		vlan_protocol) _ipbox_reply '802.1Q 802.1ad'; return ;;
		df) _ipbox_reply 'unset set inherit'; return ;;
		flag) _ipbox_reply 'nopromisc nodst null'; return ;;
		backup_port) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
		mode)
			case $kind in
			macvlan|macvtap) _ipbox_reply 'private vepa bridge passthru source' ;;
			*) _ipbox_reply 'default dormant' ;;
			esac
			return ;;
		name|index|address|broadcast|brd|txqueuelen|qlen|txqlen|mtu|numtxqueues|\
		numrxqueues|link-netnsid|alias|group|gso_max_size|gso_max_segs|\
		gro_max_size|parentdev|bcqueuelen|id|remote|local|dstport|ttl|\
		forward_delay|hello_time|max_age|ageing_time|priority)
			return ;;
		esac
		if [[ " $_ipbox_link_onoff " == *" $prev "* ]] ||
		   [[ $kind == bridge_slave && " $_ipbox_bridge_slave_onoff " == *" $prev "* ]]; then
			_ipbox_reply 'on off'
			return
		fi
		case $kind in
		''|peer)
			if [ $# -eq 0 ] && [ "$verb" != add ]; then
				_ipbox_reply "$_ipbox_link_attrs $(_ipbox_ifnames)"
			else
				_ipbox_reply "$_ipbox_link_attrs"
			fi ;;
		veth|vxcan) _ipbox_reply peer ;;
		macvlan|macvtap) _ipbox_reply "$_ipbox_macvlan_args" ;;
		vlan) _ipbox_reply "$_ipbox_vlan_args" ;;
		bridge) _ipbox_reply "$_ipbox_bridge_args" ;;
		bridge_slave) _ipbox_reply "$_ipbox_bridge_slave_args" ;;
		vxlan) _ipbox_reply "$_ipbox_vxlan_args" ;;
		esac ;;
	esac
}

# _ipbox_address WORDS...: complete after `address`.
_ipbox_address()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]} verb
	if [ $# -eq 0 ]; then
		_ipbox_reply "$_ipbox_addr_cmds"
		return
	fi
	verb=$(_ipbox_verb "$1" "$_ipbox_addr_cmds")
	shift
	case $verb in
	add|change|chg|replace|delete)
		case $prev in
		dev) _ipbox_reply "$(_ipbox_ifnames)" ;;
		scope) _ipbox_reply 'host link global' ;;
		valid_lft|preferred_lft) _ipbox_reply forever ;;
		broadcast|brd) _ipbox_reply '+ -' ;;
		local|peer|remote|anycast|label|metric|priority|preference) ;;
		*) [ $# -gt 0 ] && _ipbox_reply "$_ipbox_addr_mod" ;;
		esac ;;
	show|list|lst|flush)
		case $prev in
		dev|master) _ipbox_reply "$(_ipbox_ifnames)" ;;
		scope) _ipbox_reply 'host link global all' ;;
		type) _ipbox_reply "$_ipbox_link_types" ;;
		to|label|group) ;;
		*) _ipbox_reply "$_ipbox_addr_filter $(_ipbox_ifnames)" ;;
		esac ;;
	esac
}

# _ipbox_nat WORDS...: complete after `nat`.
_ipbox_nat()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]} verb type words w left=""
	if [ $# -eq 0 ]; then
		_ipbox_reply "$_ipbox_nat_cmds"
		return
	fi
	verb=$(_ipbox_verb "$1" "$_ipbox_nat_cmds")
	shift
	case $verb in
	add|replace|delete)
		if [ $# -eq 0 ]; then
			if [ "$verb" = delete ]; then
				_ipbox_reply "$_ipbox_nat_types handle"
			else
				_ipbox_reply "$_ipbox_nat_types"
			fi
			return
		fi
		case $prev in
		handle) _ipbox_reply "$(_ipbox_nat_handles)"; return ;;
		family) _ipbox_reply 'inet inet6'; return ;;
		proto) _ipbox_reply 'tcp udp sctp icmp icmpv6'; return ;;
		iif|oif) _ipbox_reply "!= $(_ipbox_ifnames)"; return ;;
		src|dst) _ipbox_reply '!='; return ;;
		'!=')
			case ${COMP_WORDS[COMP_CWORD-2]} in
			iif|oif) _ipbox_reply "$(_ipbox_ifnames)" ;;
			esac
			return ;;
		hairpin) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
		sport|dport|to|to-ports) return ;;
		esac
		[ "$1" = handle ] && return
		type=$(_ipbox_verb "$1" "$_ipbox_nat_types")
		case $type in
		masquerade) words=$_ipbox_nat_masquerade ;;
		snat) words=$_ipbox_nat_snat ;;
		dnat) words=$_ipbox_nat_dnat ;;
		redirect) words=$_ipbox_nat_redirect ;;
		*) return ;;
		esac
		# each keyword once
		for w in $words; do
			[[ " $* " == *" $w "* ]] || left="$left $w"
		done
		_ipbox_reply "$left" ;;
	forward)
		[ $# -eq 0 ] && _ipbox_reply 'on off' ;;
	esac
}

# _ipbox_route WORDS...: complete after `route`.
_ipbox_route()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]} verb
	if [ $# -eq 0 ]; then
		_ipbox_reply "$_ipbox_route_cmds"
		return
	fi
	verb=$(_ipbox_verb "$1" "$_ipbox_route_cmds")
	shift
	case $prev in
	dev|oif|iif) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
	table) _ipbox_reply "$(_ipbox_rt_tables)$([ "$verb" = add ] || echo ' cache')"; return ;;
	proto|protocol) _ipbox_reply "$(_ipbox_rt_names rt_protos)"; return ;;
	scope) _ipbox_reply "$(_ipbox_rt_names rt_scopes | sort -u)"; return ;;
	type) _ipbox_reply "$_ipbox_route_types"; return ;;
	via) _ipbox_reply 'inet inet6'; return ;;
	features) _ipbox_reply ecn; return ;;
	quickack) _ipbox_reply '1 0'; return ;;
	pref) _ipbox_reply 'low medium high'; return ;;
	mtu|hoplimit|advmss|reordering|rtt|rto_min|window|cwnd|initcwnd|initrwnd|congctl|rttvar|ssthresh)
		_ipbox_reply lock; return ;;
	to|root|match|exact|from|src|tos|dsfield|expires|metric|priority|preference|\
	realms|weight|mark|lock|inet|inet6)
		return ;;
	esac
	case $verb in
	add|change|chg|replace|prepend|append|test|delete)
		if [ $# -eq 0 ]; then
			_ipbox_reply "to $_ipbox_route_types"
		elif [[ " $* " == *" nexthop "* ]]; then
			_ipbox_reply "$_ipbox_route_nh nexthop"
		else
			_ipbox_reply "$_ipbox_route_mod"
		fi ;;
	show|list|lst|flush)
		_ipbox_reply "$_ipbox_route_filter" ;;
	get)
		_ipbox_reply "$_ipbox_route_get" ;;
	esac
}

# _ipbox_neigh WORDS...: complete after `neighbor`.
_ipbox_neigh()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]} verb
	if [ $# -eq 0 ]; then
		_ipbox_reply "$_ipbox_neigh_cmds"
		return
	fi
	verb=$(_ipbox_verb "$1" "$_ipbox_neigh_cmds")
	shift
	case $prev in
	dev) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
	nud)
		case $verb in
		show|list|lst|flush) _ipbox_reply "$_ipbox_neigh_nud all" ;;
		*) _ipbox_reply "$_ipbox_neigh_nud" ;;
		esac
		return ;;
	proto|protocol) _ipbox_reply "$(_ipbox_rt_names rt_protos)"; return ;;
	lladdr|proxy|to) return ;;
	esac
	case $verb in
	add|change|chg|replace|delete)
		[ $# -gt 0 ] && _ipbox_reply "$_ipbox_neigh_mod" ;;
	show|list|lst|flush)
		_ipbox_reply "$_ipbox_neigh_filter" ;;
	get)
		_ipbox_reply 'proxy dev' ;;
	esac
}

# _ipbox_tuntap WORDS...: complete after `tuntap`.
_ipbox_tuntap()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]} verb
	if [ $# -eq 0 ]; then
		_ipbox_reply "$_ipbox_tuntap_cmds"
		return
	fi
	verb=$(_ipbox_verb "$1" "$_ipbox_tuntap_cmds")
	case $verb in
	add|delete)
		case $prev in
		mode) _ipbox_reply 'tun tap' ;;
		user) [ "$verb" = add ] && COMPREPLY=($(compgen -u -- "${COMP_WORDS[COMP_CWORD]}")) ;;
		group) [ "$verb" = add ] && COMPREPLY=($(compgen -g -- "${COMP_WORDS[COMP_CWORD]}")) ;;
		dev|name) [ "$verb" = delete ] && _ipbox_reply "$(_ipbox_ifnames)" ;;
		*) _ipbox_reply "$_ipbox_tuntap_args" ;;
		esac ;;
	esac
}

# _ipbox_monitor WORDS...: complete after `monitor`.
_ipbox_monitor()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	dev) _ipbox_reply "$(_ipbox_ifnames)" ;;
	file) COMPREPLY=($(compgen -f -- "${COMP_WORDS[COMP_CWORD]}")) ;;
	*) _ipbox_reply "$_ipbox_monitor_args" ;;
	esac
}

complete -F _ipbox ipbox ip netns link addr route neigh nat \
	ipnetns iplink ipaddr iproute ipneigh ipnat tuntap monitor
