# bash completion for ipbox and its applet names (ip, netns, link, addr,
# route, neigh, nat, ipnetns, iplink, ...).  Names of namespaces come from
# /run/netns, interface names from the live system (/sys/class/net, or
# `ipbox -n NS -o link show` after -n NS), nat handles from `ipbox nat show`,
# route table, protocol and scope names from /etc/iproute2/rt_*.

_ipbox_options='-loops -Version -stats -statistics -details -resolve -human
	-human-readable -iec -json -pretty -family -4 -6 -0 -M -B -brief -oneline
	-timestamp -tshort -batch -force -atomic -check -undo -rcvbuf -netns -Numeric -all -echo -color
	-help'
_ipbox_objects='address link nat neighbor netns nexthop route rule tuntap monitor help'
_ipbox_netns_cmds='list add attach set delete identify pids exec monitor list-id help'

# link: the verbs (cmd/link.c link_verbs), the attributes of add/set/...
# (link_parse), the filters of show (link_show_args), the kinds (the TYPE
# list of the usage) and the arguments each kind takes.
_ipbox_link_cmds='add set change replace delete show lst list xstats afstats property help'
_ipbox_link_attrs='dev name up down link parentdev index address broadcast brd
	txqueuelen qlen txqlen mtu numtxqueues numrxqueues netns link-netns link-netnsid arp
	dynamic multicast allmulticast promisc trailers carrier protodown protodown_reason alias
	group master vrf nomaster mode state addrgenmode gso_max_size gso_max_segs
	gro_max_size vf xdp xdpgeneric xdpdrv xdpoffload type help'
_ipbox_link_show='dev group up master vrf nomaster type to scope label help'
_ipbox_link_types='amt bareudp bond bond_slave bridge bridge_slave dsa dummy
	erspan geneve gre gretap gtp ifb ip6erspan ip6gre ip6gretap ip6tnl ipip
	ipoib ipvlan ipvtap macsec macvlan macvtap netdevsim nlmon rmnet sit team
	team_slave vcan veth vlan vrf vti vxcan vxlan wwan xfrm virt_wifi'
_ipbox_link_onoff='arp dynamic multicast allmulticast promisc trailers carrier protodown'
_ipbox_macvlan_args='mode flag macaddr nopromisc nodst bcqueuelen'
_ipbox_vlan_args='id protocol reorder_hdr gvrp mvrp loose_binding bridge_binding
	ingress-qos-map egress-qos-map'
# vlan flags, which take on or off
_ipbox_vlan_onoff='reorder_hdr gvrp mvrp loose_binding bridge_binding'
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

_ipbox_bond_args='mode active_slave clear_active_slave miimon updelay downdelay
	peer_notify_delay use_carrier arp_interval arp_ip_target ns_ip6_target
	arp_validate arp_all_targets arp_missed_max primary primary_reselect
	fail_over_mac xmit_hash_policy resend_igmp num_grat_arp num_unsol_na
	all_slaves_active min_links lp_interval packets_per_slave lacp_rate
	lacp_active ad_select ad_user_port_key ad_actor_sys_prio ad_actor_system
	tlb_dynamic_lb'
_ipbox_bond_slave_args='queue_id prio'
_ipbox_vrf_args='table'
_ipbox_ipvlan_args='mode private vepa bridge'
_ipbox_geneve_args='id vni remote ttl hoplimit tos dsfield df label flowlabel dstport
	external noexternal udpcsum noudpcsum udp6zerocsumtx noudp6zerocsumtx
	udp6zerocsumrx noudp6zerocsumrx innerprotoinherit'
_ipbox_bareudp_args='dstport ethertype srcportmin multiproto nomultiproto'
_ipbox_xfrm_args='dev if_id external'
_ipbox_gre_args='csum dev dsfield encap encap-csum encap-dport encap-remcsum encap-sport
	encap-udp6-csum external fwmark hlim hoplimit icsum ignore-df ikey iseq
	key local nocsum noencap noencap-csum noencap-remcsum noencap-udp6-csum
	noicsum noignore-df noikey noiseq nokey noocsum nookey nooseq nopmtudisc
	noseq ocsum okey oseq pmtudisc remote seq tclass tos ttl'
_ipbox_erspan_args='csum dev dsfield encap encap-csum encap-dport encap-remcsum encap-sport
	encap-udp6-csum erspan erspan_dir erspan_hwid erspan_ver external fwmark
	hlim hoplimit icsum ignore-df ikey iseq key local nocsum noencap
	noencap-csum noencap-remcsum noencap-udp6-csum noicsum noignore-df
	noikey noiseq nokey noocsum nookey nooseq nopmtudisc noseq ocsum okey
	oseq pmtudisc remote seq tclass tos ttl'
_ipbox_ip6gre_args='allow-localremote csum dev dscp dsfield encap encap-csum encap-dport
	encap-remcsum encap-sport encap-udp6-csum encaplimit erspan erspan_dir
	erspan_hwid erspan_ver external fl flowlabel fwmark hlim hoplimit icsum
	ikey iseq key local noallow-localremote nocsum noencap noencap-csum
	noencap-remcsum noencap-udp6-csum noicsum noikey noiseq nokey noocsum
	nookey nooseq noseq ocsum okey oseq remote seq tclass tos ttl'
_ipbox_ipip_args='6rd-prefix 6rd-relay_prefix 6rd-reset dev dsfield encap encap-csum
	encap-dport encap-remcsum encap-sport encap-udp6-csum external fwmark
	hlim hoplimit local mode noencap noencap-csum noencap-remcsum
	noencap-udp6-csum nopmtudisc pmtudisc remote tc tclass tos ttl'
_ipbox_sit_args='6rd-prefix 6rd-relay_prefix 6rd-reset dev dsfield encap encap-csum
	encap-dport encap-remcsum encap-sport encap-udp6-csum external fwmark
	hlim hoplimit isatap local mode noencap noencap-csum noencap-remcsum
	noencap-udp6-csum nopmtudisc pmtudisc remote tc tclass tos ttl'
_ipbox_ip6tnl_args='allow-localremote dev dscp dsfield encap encap-csum encap-dport
	encap-remcsum encap-sport encap-udp6-csum encaplimit external fl
	flowlabel fwmark hlim hoplimit local mode noallow-localremote noencap
	noencap-csum noencap-remcsum noencap-udp6-csum remote tc tclass tos ttl'
# address: verbs (addr_verbs), words of add/change/replace/delete
# (addr_modify, ifa_flags) and of show/flush (link_show_args, FLAG-LIST).
_ipbox_addr_cmds='add change chg replace delete list show lst flush save showdump restore help'
_ipbox_addr_flags='secondary temporary nodad optimistic dadfailed home
	deprecated tentative permanent mngtmpaddr noprefixroute autojoin
	stable-privacy'
_ipbox_addr_mod="local peer remote broadcast brd anycast label scope metric
	priority preference dev valid_lft preferred_lft $_ipbox_addr_flags help"
_ipbox_addr_filter="dev to scope label up group master vrf nomaster type
	$_ipbox_addr_flags dynamic primary -tentative -deprecated -dadfailed help"

# nat: verbs (nat_verbs), rule types and the keywords[] table, by type.
_ipbox_nat_cmds='add delete replace list show save flush forward check help'
_ipbox_nat_types='masquerade snat dnat redirect'
_ipbox_nat_masquerade='family src dst oif proto to-ports random fully-random persistent tag handle incomplete'
_ipbox_nat_snat='family src dst oif proto sport dport to random fully-random persistent tag handle incomplete'
_ipbox_nat_dnat='family src dst iif proto dport to hairpin localhost random fully-random persistent tag handle incomplete'
_ipbox_nat_redirect='family src dst iif proto dport to-ports random fully-random persistent tag handle incomplete'

# route: verbs (cmd/route.c route_verbs), types (route_print.c
# type_words), the words of add/change/... (mod_words, metric_words, NH),
# of show/flush (filter_words, root/match/exact) and of get.
_ipbox_route_cmds='add change chg replace prepend append test delete list show lst get flush save restore showdump help'
_ipbox_route_types='unicast local broadcast brd multicast throw unreachable
	prohibit blackhole nat anycast xresolve'
_ipbox_route_metrics='mtu hoplimit advmss reordering rtt rto_min window cwnd
	initcwnd initrwnd features quickack congctl rttvar ssthresh
	fastopen_no_cookie'
_ipbox_route_mod="to src as via from tos dsfield expires metric priority
	preference scope realms onlink nhid protocol table vrf dev oif pref encap
	ttl-propagate weight nexthop $_ipbox_route_metrics help"
_ipbox_route_filter='to root match exact table vrf cached cloned tos dsfield
	protocol scope type dev oif iif metric priority preference via src realms
	from help'
_ipbox_route_get='to tos dsfield from iif mark oif dev notify connected vrf uid
	fibmatch as sport dport ipproto help'
_ipbox_route_nh='via dev weight onlink realms encap as'
# encap TYPE and the words of each (cmd/route_encap.c)
_ipbox_route_encap='mpls ip ip6'
_ipbox_route_encap_ip='id dst src tos ttl tc hoplimit key csum seq'

# neighbor: verbs (cmd/neigh.c neigh_verbs), words of add/... and of
# show/flush, the nud states (nud_words).
_ipbox_neigh_cmds='add change chg replace delete get show lst list flush help'
_ipbox_neigh_mod='lladdr nud proxy dev router use managed extern_learn protocol'
_ipbox_neigh_filter='proxy to dev master vrf nomaster nud unused protocol help'
_ipbox_neigh_nud='permanent reachable noarp none stale incomplete delay probe failed'

# rule: verbs (cmd/rule.c rule_verbs), the words of add/delete (mod_words
# and the actions), of list/flush (filter_words), the IP protocols.
_ipbox_rule_cmds='list lst show save restore add delete flush help'
_ipbox_rule_mod='not from to preference order priority tos dsfield fwmark realms
	protocol tun_id table lookup suppress_prefixlength sup_pl suppress_ifgroup
	sup_group dev iif oif l3mdev uidrange nat map-to ipproto sport dport type
	goto nop unicast blackhole unreachable prohibit help'
_ipbox_rule_filter='preference order priority not tos dsfield fwmark dev iif oif
	l3mdev uidrange tun_id lookup table from src protocol ipproto sport dport
	dst to'
_ipbox_rule_types='unicast blackhole unreachable prohibit nop goto'
_ipbox_ipprotos='tcp udp icmp ipv6-icmp sctp dccp udplite gre esp ah'

# nexthop: verbs (cmd/nexthop.c nexthop_verbs, bucket_verbs), the words of
# add/replace/delete (mod_words, the group type's, encap's of cmd/lwt.c),
# of show/flush (filter_words) and bucket (bucket_words).
_ipbox_nexthop_cmds='add replace delete list show lst get flush bucket help'
_ipbox_nexthop_mod='id dev via encap blackhole fdb onlink group type protocol help'
_ipbox_nexthop_res='buckets idle_timer unbalanced_timer'
_ipbox_nexthop_filter='dev groups master vrf id protocol fdb help'
_ipbox_nexthop_bucket_cmds='list show lst get help'
_ipbox_nexthop_bucket='dev master vrf id nhid help'
_ipbox_lwt_types='mpls ip ip6 help'
_ipbox_lwt_ip='id dst src tos ttl key csum seq'
_ipbox_lwt_ip6='id dst src tc hoplimit key csum seq'

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
	for o in address route rule neighbor neighbour link tuntap tap monitor netns nexthop nat help; do
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
	rule|iprule) obj=rule ;;
	nexthop) obj=nexthop ;;
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
	rule) _ipbox_rule "${args[@]}" ;;
	nexthop) _ipbox_nexthop "${args[@]}" ;;
	tuntap|tap) _ipbox_tuntap "${args[@]}" ;;
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
		dev|master|vrf) _ipbox_reply "$(_ipbox_ifnames)" ;;
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
		macaddr) _ipbox_reply 'add del set flush'; return ;;
		arp_validate) _ipbox_reply 'none active backup all filter filter_active filter_backup'; return ;;
		arp_all_targets) _ipbox_reply 'any all'; return ;;
		primary_reselect) _ipbox_reply 'always better failure'; return ;;
		fail_over_mac) _ipbox_reply 'none active follow'; return ;;
		xmit_hash_policy) _ipbox_reply 'layer2 layer2+3 layer3+4 encap2+3 encap3+4 vlan+srcmac'; return ;;
		lacp_rate) _ipbox_reply 'slow fast'; return ;;
		lacp_active) _ipbox_reply 'off on'; return ;;
		ad_select) _ipbox_reply 'stable bandwidth count'; return ;;
		ethertype) _ipbox_reply 'ipv4 ipv6 mpls_uc mpls_mc'; return ;;
		active_slave|primary) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
		encap) _ipbox_reply 'fou gue none'; return ;;
		erspan_dir) _ipbox_reply 'ingress egress'; return ;;
		backup_port) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
		mode)
			case $kind in
			macvlan|macvtap) _ipbox_reply 'private vepa bridge passthru source' ;;
			bond) _ipbox_reply 'balance-rr active-backup balance-xor broadcast 802.3ad balance-tlb balance-alb' ;;
			ipvlan|ipvtap) _ipbox_reply 'l2 l3 l3s' ;;
			ipip) _ipbox_reply 'ipip ipv4/ipv4 ip4ip4 mplsip mpls/ipv4 any any/ipv4' ;;
			sit) _ipbox_reply 'ip6ip ipv6/ipv4 ipip ipv4/ipv4 ip4ip4 mplsip mpls/ipv4 any any/ipv4' ;;
			ip6tnl) _ipbox_reply 'ip6ip6 ipv6/ipv6 ipip6 ip/ipv6 ipv4/ipv6 ip4ip6 any any/ipv6' ;;
			*) _ipbox_reply 'default dormant' ;;
			esac
			return ;;
		name|index|address|broadcast|brd|txqueuelen|qlen|txqlen|mtu|numtxqueues|\
		numrxqueues|link-netns|link-netnsid|alias|group|gso_max_size|gso_max_segs|\
		gro_max_size|parentdev|bcqueuelen|id|remote|local|dstport|ttl|\
		forward_delay|hello_time|max_age|ageing_time|priority)
			return ;;
		esac
		local onoff=_ipbox_${kind}_onoff
		if [[ " $_ipbox_link_onoff " == *" $prev "* ]] ||
		   [[ $kind =~ ^[a-z0-9_]+$ && " ${!onoff} " == *" $prev "* ]]; then
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
		ipvtap) _ipbox_reply "$_ipbox_ipvlan_args" ;;
		gretap) _ipbox_reply "$_ipbox_gre_args" ;;
		ip6gretap|ip6erspan) _ipbox_reply "$_ipbox_ip6gre_args" ;;
		*)	# the kind's own words, if it has any
			local args=_ipbox_${kind}_args
			[[ $kind =~ ^[a-z0-9_]+$ ]] && _ipbox_reply "${!args}" ;;
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
	show|list|lst|flush|save)
		case $prev in
		dev|master|vrf) _ipbox_reply "$(_ipbox_ifnames)" ;;
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
	list|show|save|flush)
		[ $# -eq 0 ] && _ipbox_reply 'tag' ;;
	check)
		case $prev in
		proto) _ipbox_reply 'tcp udp sctp icmp icmpv6' ;;
		iif) _ipbox_reply "$(_ipbox_ifnames)" ;;
		dport) ;;
		*) [ $# -ge 2 ] && _ipbox_reply 'proto dport iif' ;;
		esac ;;
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
	via) _ipbox_reply 'inet inet6 mpls bridge link'; return ;;
	encap) _ipbox_reply "$_ipbox_route_encap"; return ;;
	ttl-propagate) _ipbox_reply 'enabled disabled'; return ;;
	fastopen_no_cookie) _ipbox_reply '1 0'; return ;;
	ipproto) _ipbox_reply 'tcp udp icmp ipv6-icmp sctp'; return ;;
	features) _ipbox_reply ecn; return ;;
	quickack) _ipbox_reply '1 0'; return ;;
	pref) _ipbox_reply 'low medium high'; return ;;
	mtu|hoplimit|advmss|reordering|rtt|rto_min|window|cwnd|initcwnd|initrwnd|congctl|rttvar|ssthresh)
		_ipbox_reply lock; return ;;
	to|root|match|exact|from|src|tos|dsfield|expires|metric|priority|preference|\
	realms|weight|mark|lock|inet|inet6|mpls|bridge|link|as|vrf|uid|sport|dport|\
	id|ttl|tc|nhid)
		return ;;
	esac
	case $verb in
	add|change|chg|replace|prepend|append|test|delete)
		if [ $# -eq 0 ]; then
			_ipbox_reply "to $_ipbox_route_types"
		elif [[ " $* " == *" encap "* && " $* " != *" nexthop "* ]]; then
			_ipbox_reply "$_ipbox_route_encap_ip $_ipbox_route_mod"
		elif [[ " $* " == *" nexthop "* ]]; then
			_ipbox_reply "$_ipbox_route_nh $_ipbox_route_encap_ip nexthop"
		else
			_ipbox_reply "$_ipbox_route_mod"
		fi ;;
	show|list|lst|flush|save)
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
	dev|master|vrf) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
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

# _ipbox_rule WORDS...: complete after `rule`.
_ipbox_rule()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]} verb
	if [ $# -eq 0 ]; then
		_ipbox_reply "$_ipbox_rule_cmds"
		return
	fi
	verb=$(_ipbox_verb "$1" "$_ipbox_rule_cmds")
	shift
	case $prev in
	dev|iif|oif) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
	table|lookup) _ipbox_reply "$(_ipbox_rt_tables)"; return ;;
	proto|protocol) _ipbox_reply "$(_ipbox_rt_names rt_protos)$([ "$verb" = flush ] && echo ' all')"; return ;;
	tos|dsfield) _ipbox_reply "$(_ipbox_rt_names rt_dsfield)"; return ;;
	suppress_ifgroup|sup_group) _ipbox_reply "$(_ipbox_rt_names group)"; return ;;
	ipproto) _ipbox_reply "$_ipbox_ipprotos"; return ;;
	type) _ipbox_reply "$_ipbox_rule_types"; return ;;
	from|to|src|dst|preference|order|priority|pref|fwmark|realms|tun_id|\
	suppress_prefixlength|sup_pl|uidrange|nat|map-to|sport|dport|goto)
		return ;;
	esac
	case $verb in
	add|delete) _ipbox_reply "$_ipbox_rule_mod" ;;
	list|lst|show|flush) _ipbox_reply "$_ipbox_rule_filter" ;;
	esac
}

# _ipbox_nexthop WORDS...: complete after `nexthop`.
_ipbox_nexthop()
{
	local prev=${COMP_WORDS[COMP_CWORD-1]} verb w encap=""
	if [ $# -eq 0 ]; then
		_ipbox_reply "$_ipbox_nexthop_cmds"
		return
	fi
	verb=$(_ipbox_verb "$1" "$_ipbox_nexthop_cmds")
	shift
	case $prev in
	dev|master|vrf) _ipbox_reply "$(_ipbox_ifnames)"; return ;;
	protocol) [ "$verb" = add ] || [ "$verb" = replace ] && _ipbox_reply "$(_ipbox_rt_names rt_protos)"; return ;;
	via) _ipbox_reply 'inet inet6'; return ;;
	type) _ipbox_reply 'mpath resilient'; return ;;
	encap) _ipbox_reply "$_ipbox_lwt_types"; return ;;
	id|nhid|index|group|buckets|idle_timer|unbalanced_timer|inet|inet6|dst|src|tos|tc|ttl|hoplimit)
		return ;;
	esac
	for w in "$@"; do
		[ "$encap" = '?' ] && encap=$w
		[ "$w" = encap ] && encap='?'
	done
	case $verb in
	add|replace|delete)
		case $encap in
		ip) _ipbox_reply "$_ipbox_lwt_ip $_ipbox_nexthop_mod" ;;
		ip6) _ipbox_reply "$_ipbox_lwt_ip6 $_ipbox_nexthop_mod" ;;
		mpls) _ipbox_reply "ttl $_ipbox_nexthop_mod" ;;
		*) [[ " $* " == *" resilient "* ]] && _ipbox_reply "$_ipbox_nexthop_res" ||
			_ipbox_reply "$_ipbox_nexthop_mod" ;;
		esac ;;
	list|show|lst|flush) _ipbox_reply "$_ipbox_nexthop_filter" ;;
	get) _ipbox_reply id ;;
	bucket)
		if [ $# -eq 0 ]; then
			_ipbox_reply "$_ipbox_nexthop_bucket_cmds"
		elif [ "$(_ipbox_verb "$1" "$_ipbox_nexthop_bucket_cmds")" = get ]; then
			_ipbox_reply 'id index'
		else
			_ipbox_reply "$_ipbox_nexthop_bucket"
		fi ;;
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

complete -F _ipbox ipbox ip netns link addr route neigh nat rule nexthop tuntap monitor \
	ipnetns iplink ipaddr iproute ipneigh ipnat iprule
