# fish completion for ipbox and its applet names.  Interface names come
# from /sys/class/net (or `ipbox -n NS -o link show` after -n NS), nat
# handles from `ipbox nat show`.

function __ipbox_netns_names
    for f in /run/netns/*
        test -e $f; and basename $f
    end
end

set -g __ipbox_bridge_args fdb_flush forward_delay hello_time max_age ageing_time stp_state \
    priority vlan_filtering vlan_protocol vlan_default_pvid \
    vlan_stats_enabled vlan_stats_per_port group_fwd_mask group_address \
    mcast_snooping no_linklocal_learn mcast_vlan_snooping mcast_router \
    mcast_query_use_ifaddr mcast_querier mcast_hash_elasticity \
    mcast_hash_max mcast_last_member_count mcast_startup_query_count \
    mcast_last_member_interval mcast_membership_interval \
    mcast_querier_interval mcast_query_interval \
    mcast_query_response_interval mcast_startup_query_interval \
    mcast_stats_enabled mcast_igmp_version mcast_mld_version \
    nf_call_iptables nf_call_ip6tables nf_call_arptables
set -g __ipbox_bridge_slave_args fdb_flush state priority cost hairpin guard root_block fastleave \
    learning flood proxy_arp proxy_arp_wifi mcast_router mcast_fast_leave \
    mcast_flood bcast_flood mcast_to_unicast neigh_suppress group_fwd_mask \
    vlan_tunnel isolated locked backup_port nobackup_port
set -g __ipbox_bridge_slave_onoff hairpin guard root_block fastleave learning flood proxy_arp \
    proxy_arp_wifi mcast_fast_leave mcast_flood bcast_flood mcast_to_unicast \
    neigh_suppress vlan_tunnel isolated locked
set -g __ipbox_vlan_args id protocol reorder_hdr gvrp mvrp loose_binding bridge_binding \
    ingress-qos-map egress-qos-map
set -g __ipbox_vlan_onoff reorder_hdr gvrp mvrp loose_binding bridge_binding
set -g __ipbox_bond_args mode active_slave clear_active_slave miimon updelay downdelay \
    peer_notify_delay use_carrier arp_interval arp_ip_target ns_ip6_target \
    arp_validate arp_all_targets arp_missed_max primary primary_reselect \
    fail_over_mac xmit_hash_policy resend_igmp num_grat_arp num_unsol_na \
    all_slaves_active min_links lp_interval packets_per_slave lacp_rate \
    lacp_active ad_select ad_user_port_key ad_actor_sys_prio ad_actor_system \
    tlb_dynamic_lb
set -g __ipbox_bond_slave_args queue_id prio
set -g __ipbox_vrf_args table
set -g __ipbox_ipvlan_args mode private vepa bridge
set -g __ipbox_geneve_args id vni remote ttl hoplimit tos dsfield df label flowlabel dstport \
    external noexternal udpcsum noudpcsum udp6zerocsumtx noudp6zerocsumtx \
    udp6zerocsumrx noudp6zerocsumrx innerprotoinherit
set -g __ipbox_bareudp_args dstport ethertype srcportmin multiproto nomultiproto
set -g __ipbox_xfrm_args dev if_id external
set -g __ipbox_gre_args csum dev dsfield encap encap-csum encap-dport encap-remcsum encap-sport \
    encap-udp6-csum external fwmark hlim hoplimit icsum ignore-df ikey iseq \
    key local nocsum noencap noencap-csum noencap-remcsum noencap-udp6-csum \
    noicsum noignore-df noikey noiseq nokey noocsum nookey nooseq nopmtudisc \
    noseq ocsum okey oseq pmtudisc remote seq tclass tos ttl
set -g __ipbox_erspan_args csum dev dsfield encap encap-csum encap-dport encap-remcsum encap-sport \
    encap-udp6-csum erspan erspan_dir erspan_hwid erspan_ver external fwmark \
    hlim hoplimit icsum ignore-df ikey iseq key local nocsum noencap \
    noencap-csum noencap-remcsum noencap-udp6-csum noicsum noignore-df \
    noikey noiseq nokey noocsum nookey nooseq nopmtudisc noseq ocsum okey \
    oseq pmtudisc remote seq tclass tos ttl
set -g __ipbox_ip6gre_args allow-localremote csum dev dscp dsfield encap encap-csum encap-dport \
    encap-remcsum encap-sport encap-udp6-csum encaplimit erspan erspan_dir \
    erspan_hwid erspan_ver external fl flowlabel fwmark hlim hoplimit icsum \
    ikey iseq key local noallow-localremote nocsum noencap noencap-csum \
    noencap-remcsum noencap-udp6-csum noicsum noikey noiseq nokey noocsum \
    nookey nooseq noseq ocsum okey oseq remote seq tclass tos ttl
set -g __ipbox_ipip_args 6rd-prefix 6rd-relay_prefix 6rd-reset dev dsfield encap encap-csum \
    encap-dport encap-remcsum encap-sport encap-udp6-csum external fwmark \
    hlim hoplimit local mode noencap noencap-csum noencap-remcsum \
    noencap-udp6-csum nopmtudisc pmtudisc remote tc tclass tos ttl
set -g __ipbox_sit_args 6rd-prefix 6rd-relay_prefix 6rd-reset dev dsfield encap encap-csum \
    encap-dport encap-remcsum encap-sport encap-udp6-csum external fwmark \
    hlim hoplimit isatap local mode noencap noencap-csum noencap-remcsum \
    noencap-udp6-csum nopmtudisc pmtudisc remote tc tclass tos ttl
set -g __ipbox_ip6tnl_args allow-localremote dev dscp dsfield encap encap-csum encap-dport \
    encap-remcsum encap-sport encap-udp6-csum encaplimit external fl \
    flowlabel fwmark hlim hoplimit local mode noallow-localremote noencap \
    noencap-csum noencap-remcsum noencap-udp6-csum remote tc tclass tos ttl
set -g __ipbox_vxlan_args id vni group remote local dev srcport port dstport ttl hoplimit tos \
    dsfield df flowlabel label ageing maxaddress learning nolearning proxy \
    noproxy rsc norsc l2miss nol2miss l3miss nol3miss udpcsum noudpcsum \
    udp6zerocsumtx noudp6zerocsumtx udp6zerocsumrx noudp6zerocsumrx \
    remcsumtx noremcsumtx remcsumrx noremcsumrx external noexternal \
    vnifilter novnifilter gbp gpe
set -g __ipbox_link_types amt bareudp bond bond_slave bridge bridge_slave dsa \
    dummy erspan geneve gre gretap gtp ifb ip6erspan ip6gre ip6gretap ip6tnl \
    ipip ipoib ipvlan ipvtap macsec macvlan macvtap netdevsim nlmon rmnet sit \
    team team_slave vcan veth vlan vrf vti vxcan vxlan wwan xfrm virt_wifi
set -g __ipbox_link_cmds add set change replace delete show lst list xstats afstats property help
set -g __ipbox_link_attrs dev name up down link parentdev index address \
    broadcast brd txqueuelen qlen txqlen mtu numtxqueues numrxqueues netns \
    link-netns link-netnsid arp dynamic multicast allmulticast promisc trailers carrier \
    protodown protodown_reason alias group master vrf nomaster mode state addrgenmode gso_max_size \
    gso_max_segs gro_max_size vf xdp xdpgeneric xdpdrv xdpoffload type help
set -g __ipbox_link_show dev group up master vrf nomaster type to scope label help
set -g __ipbox_link_onoff arp dynamic multicast allmulticast promisc trailers carrier protodown
set -g __ipbox_link_novalue name index address broadcast brd txqueuelen qlen \
    txqlen mtu numtxqueues numrxqueues link-netns link-netnsid alias group gso_max_size \
    gso_max_segs gro_max_size parentdev bcqueuelen id remote local dstport ttl \
    forward_delay hello_time max_age ageing_time priority
set -g __ipbox_addr_cmds add change chg replace delete list show lst flush save showdump restore help
set -g __ipbox_addr_flags secondary temporary nodad optimistic dadfailed home \
    deprecated tentative permanent mngtmpaddr noprefixroute autojoin stable-privacy
set -g __ipbox_nat_cmds add delete replace list show save flush forward check help
set -g __ipbox_nat_types masquerade snat dnat redirect

# route: verbs (cmd/route.c route_verbs), types (route_print.c
# type_words), words of add/... (mod_words, metric_words, NH), of
# show/flush (filter_words, root/match/exact) and of get.
set -g __ipbox_route_cmds add change chg replace prepend append test delete list show lst get flush save restore showdump help
set -g __ipbox_route_types unicast local broadcast brd multicast throw \
    unreachable prohibit blackhole nat anycast xresolve
set -g __ipbox_route_metrics mtu hoplimit advmss reordering rtt rto_min window \
    cwnd initcwnd initrwnd features quickack congctl rttvar ssthresh \
    fastopen_no_cookie
set -g __ipbox_route_mod to src as via from tos dsfield expires metric priority \
    preference scope realms onlink nhid protocol table vrf dev oif pref encap \
    ttl-propagate weight nexthop $__ipbox_route_metrics help
set -g __ipbox_route_filter to root match exact table vrf cached cloned tos \
    dsfield protocol scope type dev oif iif metric priority preference via src \
    realms from help
set -g __ipbox_route_get to tos dsfield from iif mark oif dev notify connected \
    vrf uid fibmatch as sport dport ipproto help
set -g __ipbox_route_nh via dev weight onlink realms encap as nexthop
set -g __ipbox_route_encap mpls ip ip6
set -g __ipbox_route_encap_ip id dst src tos ttl tc hoplimit key csum seq
set -g __ipbox_route_novalue to root match exact from src tos dsfield expires \
    metric priority preference realms weight mark lock inet inet6 mpls bridge \
    link as vrf uid sport dport id ttl tc nhid
# tuntap: verbs (cmd/tuntap.c tuntap_verbs), words (tuntap_words);
# monitor: its words (cmd/monitor.c monitor_words).
set -g __ipbox_tuntap_cmds add delete show lst list help
set -g __ipbox_tuntap_args mode user group pi one_queue vnet_hdr multi_queue dev name help
set -g __ipbox_monitor_args all link address route mroute prefix neigh netconf \
    rule nsid nexthop stats label all-nsid dev file help
# neighbor: verbs (cmd/neigh.c neigh_verbs), words, nud states (nud_words).
set -g __ipbox_neigh_cmds add change chg replace delete get show lst list flush help
set -g __ipbox_neigh_nud permanent reachable noarp none stale incomplete delay probe failed

# rule: verbs (cmd/rule.c rule_verbs), words of add/delete (mod_words and
# the actions) and of list/flush (filter_words).
set -g __ipbox_rule_cmds list lst show save restore add delete flush help
set -g __ipbox_rule_mod not from to preference order priority tos dsfield \
    fwmark realms protocol tun_id table lookup suppress_prefixlength sup_pl \
    suppress_ifgroup sup_group dev iif oif l3mdev uidrange nat map-to ipproto \
    sport dport type goto nop unicast blackhole unreachable prohibit help
set -g __ipbox_rule_filter preference order priority not tos dsfield fwmark \
    dev iif oif l3mdev uidrange tun_id lookup table from src protocol ipproto \
    sport dport dst to
set -g __ipbox_rule_novalue from to src dst preference order priority pref \
    fwmark realms tun_id suppress_prefixlength sup_pl uidrange nat map-to \
    sport dport goto
# nexthop: verbs (cmd/nexthop.c nexthop_verbs, bucket_verbs), words of
# add/replace/delete (mod_words, the group type's, encap's of
# cmd/lwt.c), of show/flush (filter_words) and bucket (bucket_words).
set -g __ipbox_nexthop_cmds add replace delete list show lst get flush bucket help
set -g __ipbox_nexthop_mod id dev via encap blackhole fdb onlink group type protocol help
set -g __ipbox_nexthop_bucket_cmds list show lst get help
set -g __ipbox_nexthop_novalue id nhid index group buckets idle_timer \
    unbalanced_timer inet inet6 dst src tos tc ttl hoplimit

# __ipbox_rt_names FILE: the names of /etc/iproute2/FILE and FILE.d/*.conf.
function __ipbox_rt_names
    set -l files /etc/iproute2/$argv[1] /etc/iproute2/$argv[1].d/*.conf
    cat $files 2>/dev/null |
        awk '$1 !~ /^#/ && NF >= 2 { print $2 }' | sort -u
end

function __ipbox_rt_tables
    begin
        __ipbox_rt_names rt_tables
        printf '%s\n' all main local default
    end | sort -u
end

# __ipbox_parse: set __ipbox_obj (the object), __ipbox_ns (-n NS) and
# __ipbox_rest (the words after the object, before the current one).
function __ipbox_parse
    set -l toks (commandline -opc)
    set -g __ipbox_obj ''
    set -g __ipbox_ns ''
    set -g __ipbox_rest
    switch (basename -- $toks[1])
        case netns ipnetns
            set __ipbox_obj netns
        case link iplink
            set __ipbox_obj link
        case addr ipaddr
            set __ipbox_obj address
        case route iproute
            set __ipbox_obj route
        case neigh ipneigh
            set __ipbox_obj neighbor
        case nat ipnat
            set __ipbox_obj nat
        case tuntap
            set __ipbox_obj tuntap
        case monitor
            set __ipbox_obj monitor
        case rule iprule
            set __ipbox_obj rule
        case nexthop
            set __ipbox_obj nexthop
    end
    set -l i 2
    if test -z "$__ipbox_obj"
        while test $i -le (count $toks)
            switch $toks[$i]
                case -n -netns --netns
                    set -q toks[(math $i + 1)]; and set __ipbox_ns $toks[(math $i + 1)]
                    set i (math $i + 2)
                    continue
                case -f -family --family -b -batch --batch
                    set i (math $i + 2)
                    continue
                case '-*'
                    set i (math $i + 1)
                    continue
            end
            set __ipbox_obj (__ipbox_verb $toks[$i] address route rule neighbor neighbour link tuntap tap monitor netns nexthop nat help)
            set i (math $i + 1)
            break
        end
    end
    set -q toks[$i]; and set __ipbox_rest $toks[$i..-1]
    return 0
end

function __ipbox_object_is
    __ipbox_parse
    contains -- "$__ipbox_obj" $argv
end

# __ipbox_verb WORD VERBS...: the verb an abbreviation names.
function __ipbox_verb
    set -l w $argv[1]
    for v in $argv[2..-1]
        if test -n "$w"; and string match -q -- "$w*" $v
            echo $v
            return
        end
    end
    echo $w
end

function __ipbox_prog
    set -l p (commandline -opc)[1]
    switch (basename -- $p)
        case ipbox ip
            if command -q $p
                echo $p
                return
            end
    end
    command -q ipbox; and echo ipbox; or echo ip
end

function __ipbox_ifnames
    if test -n "$__ipbox_ns"
        set -l prog (__ipbox_prog)
        command $prog -n $__ipbox_ns -o link show 2>/dev/null |
            sed -n 's/^[0-9]*: \([^:@ ]*\)[@:].*/\1/p'
        return
    end
    for f in /sys/class/net/*
        test -e $f; and basename $f
    end
end

function __ipbox_nat_handles
    set -l prog (__ipbox_prog)
    if test -n "$__ipbox_ns"
        command $prog -n $__ipbox_ns nat show 2>/dev/null
    else
        command $prog nat show 2>/dev/null
    end | sed -n 's/.* handle \([0-9][0-9]*\).*/\1/p'
end

# __ipbox_complete: the candidates for link, address and nat.
function __ipbox_complete
    __ipbox_parse
    set -l rest $__ipbox_rest
    set -l prev (commandline -opc)[-1]
    set -l n (count $rest)
    switch $__ipbox_obj
        case link
            if test $n -eq 0
                printf '%s\n' $__ipbox_link_cmds
                return
            end
            set -l verb (__ipbox_verb $rest[1] $__ipbox_link_cmds)
            switch $verb
                case show list lst
                    switch $prev
                        case dev master vrf
                            __ipbox_ifnames
                        case type
                            printf '%s\n' $__ipbox_link_types
                        case scope
                            printf '%s\n' host link global all
                        case group to label
                        case '*'
                            printf '%s\n' $__ipbox_link_show
                            __ipbox_ifnames
                    end
                case property
                    if test $n -eq 1
                        printf '%s\n' add del
                    else if test "$prev" = dev
                        __ipbox_ifnames
                    else if test "$prev" != altname
                        printf '%s\n' dev altname
                    end
                case help
                    test $n -eq 1; and printf '%s\n' $__ipbox_link_types
                case add set change replace delete
                    # after `type KIND` the kind's words; after a veth's
                    # `peer`, the attributes of the other end
                    set -l kind ''
                    for w in $rest[2..-1]
                        if test "$kind" = '?'
                            set kind $w
                        else if test "$w" = type -a "$kind" != peer
                            set kind '?'
                        else if test "$w" = peer; and contains -- "$kind" veth vxcan
                            set kind peer
                        end
                    end
                    switch $prev
                        case type
                            printf '%s\n' $__ipbox_link_types
                            return
                        case dev master link
                            __ipbox_ifnames
                            return
                        case netns
                            __ipbox_netns_names
                            return
                        case state
                            printf '%s\n' UNKNOWN NOTPRESENT DOWN LOWERLAYERDOWN TESTING DORMANT UP
                            return
                        case addrgenmode
                            printf '%s\n' eui64 none stable_secret random
                            return
                        case protocol
                            printf '%s\n' 802.1Q 802.1ad
                            return
                        case stp_state vlan_filtering mcast_snooping
                            printf '%s\n' 0 1
                            return
                        case vlan_protocol
                            printf '%s\n' 802.1Q 802.1ad
                            return
                        case df
                            printf '%s\n' unset set inherit
                            return
                        case flag
                            printf '%s\n' nopromisc nodst null
                            return
                        case macaddr
                            printf '%s\n' add del set flush
                            return
                        case arp_validate
                            printf '%s\n' none active backup all filter filter_active filter_backup
                            return
                        case arp_all_targets
                            printf '%s\n' any all
                            return
                        case primary_reselect
                            printf '%s\n' always better failure
                            return
                        case fail_over_mac
                            printf '%s\n' none active follow
                            return
                        case xmit_hash_policy
                            printf '%s\n' layer2 layer2+3 layer3+4 encap2+3 encap3+4 vlan+srcmac
                            return
                        case lacp_rate
                            printf '%s\n' slow fast
                            return
                        case lacp_active
                            printf '%s\n' off on
                            return
                        case ad_select
                            printf '%s\n' stable bandwidth count
                            return
                        case ethertype
                            printf '%s\n' ipv4 ipv6 mpls_uc mpls_mc
                            return
                        case active_slave primary
                            __ipbox_ifnames
                            return
                        case encap
                            printf '%s\n' fou gue none
                            return
                        case erspan_dir
                            printf '%s\n' ingress egress
                            return
                        case backup_port
                            __ipbox_ifnames
                            return
                        case mode
                            if contains -- "$kind" macvlan macvtap
                                printf '%s\n' private vepa bridge passthru source
                            else if test "$kind" = bond
                                printf '%s\n' balance-rr active-backup balance-xor broadcast 802.3ad balance-tlb balance-alb
                            else if contains -- "$kind" ipvlan ipvtap
                                printf '%s\n' l2 l3 l3s
                            else if test "$kind" = ipip
                                printf '%s\n' ipip ipv4/ipv4 ip4ip4 mplsip mpls/ipv4 any any/ipv4
                            else if test "$kind" = sit
                                printf '%s\n' ip6ip ipv6/ipv4 ipip ipv4/ipv4 ip4ip4 mplsip mpls/ipv4 any any/ipv4
                            else if test "$kind" = ip6tnl
                                printf '%s\n' ip6ip6 ipv6/ipv6 ipip6 ip/ipv6 ipv4/ipv6 ip4ip6 any any/ipv6
                            else
                                printf '%s\n' default dormant
                            end
                            return
                    end
                    if contains -- "$prev" $__ipbox_link_onoff; or begin
                            test "$kind" = bridge_slave; and contains -- "$prev" $__ipbox_bridge_slave_onoff
                        end; or begin
                            test "$kind" = vlan; and contains -- "$prev" $__ipbox_vlan_onoff
                        end
                        printf '%s\n' on off
                        return
                    end
                    contains -- "$prev" $__ipbox_link_novalue; and return
                    switch "$kind"
                        case '' peer
                            printf '%s\n' $__ipbox_link_attrs
                            test $n -eq 1 -a $verb != add; and __ipbox_ifnames
                        case veth vxcan
                            echo peer
                        case macvlan macvtap
                            printf '%s\n' mode flag macaddr nopromisc nodst bcqueuelen
                        case vlan
                            printf '%s\n' $__ipbox_vlan_args
                        case bridge
                            printf '%s\n' $__ipbox_bridge_args
                        case bridge_slave
                            printf '%s\n' $__ipbox_bridge_slave_args
                        case vxlan
                            printf '%s\n' $__ipbox_vxlan_args
                        case bond
                            printf '%s\n' $__ipbox_bond_args
                        case bond_slave
                            printf '%s\n' $__ipbox_bond_slave_args
                        case vrf
                            printf '%s\n' $__ipbox_vrf_args
                        case ipvlan ipvtap
                            printf '%s\n' $__ipbox_ipvlan_args
                        case geneve
                            printf '%s\n' $__ipbox_geneve_args
                        case bareudp
                            printf '%s\n' $__ipbox_bareudp_args
                        case xfrm
                            printf '%s\n' $__ipbox_xfrm_args
                        case gre gretap
                            printf '%s\n' $__ipbox_gre_args
                        case erspan
                            printf '%s\n' $__ipbox_erspan_args
                        case ip6gre ip6gretap ip6erspan
                            printf '%s\n' $__ipbox_ip6gre_args
                        case ipip
                            printf '%s\n' $__ipbox_ipip_args
                        case sit
                            printf '%s\n' $__ipbox_sit_args
                        case ip6tnl
                            printf '%s\n' $__ipbox_ip6tnl_args
                    end
            end
        case address
            if test $n -eq 0
                printf '%s\n' $__ipbox_addr_cmds
                return
            end
            switch (__ipbox_verb $rest[1] $__ipbox_addr_cmds)
                case add change chg replace delete
                    switch $prev
                        case dev
                            __ipbox_ifnames
                        case scope
                            printf '%s\n' host link global
                        case valid_lft preferred_lft
                            echo forever
                        case broadcast brd
                            printf '%s\n' + -
                        case local peer remote anycast label metric priority preference
                        case '*'
                            test $n -gt 1; and printf '%s\n' local peer remote broadcast brd anycast \
                                label scope metric priority preference dev valid_lft preferred_lft \
                                $__ipbox_addr_flags help
                    end
                case show list lst flush save
                    switch $prev
                        case dev master vrf
                            __ipbox_ifnames
                        case scope
                            printf '%s\n' host link global all
                        case type
                            printf '%s\n' $__ipbox_link_types
                        case to label group
                        case '*'
                            printf '%s\n' dev to scope label up group master vrf nomaster type \
                                $__ipbox_addr_flags dynamic primary -tentative -deprecated -dadfailed help
                            __ipbox_ifnames
                    end
            end
        case nat
            if test $n -eq 0
                printf '%s\n' $__ipbox_nat_cmds
                return
            end
            set -l verb (__ipbox_verb $rest[1] $__ipbox_nat_cmds)
            switch $verb
                case add replace delete
                    if test $n -eq 1
                        printf '%s\n' $__ipbox_nat_types
                        test $verb = delete; and echo handle
                        return
                    end
                    switch $prev
                        case handle
                            __ipbox_nat_handles
                            return
                        case family
                            printf '%s\n' inet inet6
                            return
                        case proto
                            printf '%s\n' tcp udp sctp icmp icmpv6
                            return
                        case iif oif
                            echo '!='
                            __ipbox_ifnames
                            return
                        case src dst
                            echo '!='
                            return
                        case '!='
                            contains -- "$rest[-2]" iif oif; and __ipbox_ifnames
                            return
                        case hairpin
                            __ipbox_ifnames
                            return
                        case sport dport to to-ports
                            return
                    end
                    test "$rest[2]" = handle; and return
                    set -l words
                    switch (__ipbox_verb $rest[2] $__ipbox_nat_types)
                        case masquerade
                            set words family src dst oif proto to-ports random fully-random persistent tag handle incomplete
                        case snat
                            set words family src dst oif proto sport dport to random fully-random persistent tag handle incomplete
                        case dnat
                            set words family src dst iif proto dport to hairpin localhost random fully-random persistent tag handle incomplete
                        case redirect
                            set words family src dst iif proto dport to-ports random fully-random persistent tag handle incomplete
                    end
                    for w in $words
                        contains -- $w $rest; or echo $w
                    end
                case forward
                    test $n -eq 1; and printf '%s\n' on off
                case list show save flush
                    test $n -eq 1; and echo tag
                case check
                    switch $prev
                        case proto
                            printf '%s\n' tcp udp sctp icmp icmpv6
                        case iif
                            __ipbox_ifnames
                        case dport
                        case '*'
                            test $n -ge 3; and printf '%s\n' proto dport iif
                    end
            end
        case route
            if test $n -eq 0
                printf '%s\n' $__ipbox_route_cmds
                return
            end
            set -l verb (__ipbox_verb $rest[1] $__ipbox_route_cmds)
            switch $prev
                case dev oif iif
                    __ipbox_ifnames
                    return
                case table
                    __ipbox_rt_tables
                    test $verb = add; or echo cache
                    return
                case proto protocol
                    __ipbox_rt_names rt_protos
                    return
                case scope
                    __ipbox_rt_names rt_scopes
                    return
                case type
                    printf '%s\n' $__ipbox_route_types
                    return
                case via
                    printf '%s\n' inet inet6 mpls bridge link
                    return
                case encap
                    printf '%s\n' $__ipbox_route_encap
                    return
                case ttl-propagate
                    printf '%s\n' enabled disabled
                    return
                case fastopen_no_cookie
                    printf '%s\n' 1 0
                    return
                case ipproto
                    printf '%s\n' tcp udp icmp ipv6-icmp sctp
                    return
                case features
                    echo ecn
                    return
                case quickack
                    printf '%s\n' 1 0
                    return
                case pref
                    printf '%s\n' low medium high
                    return
            end
            if contains -- "$prev" $__ipbox_route_metrics
                echo lock
                return
            end
            contains -- "$prev" $__ipbox_route_novalue; and return
            switch $verb
                case add change chg replace prepend append test delete
                    if test $n -eq 1
                        printf '%s\n' to $__ipbox_route_types
                    else if contains -- nexthop $rest
                        printf '%s\n' $__ipbox_route_nh
                        contains -- encap $rest; and printf '%s\n' $__ipbox_route_encap_ip
                    else if contains -- encap $rest
                        printf '%s\n' $__ipbox_route_encap_ip $__ipbox_route_mod
                    else
                        printf '%s\n' $__ipbox_route_mod
                    end
                case show list lst flush save
                    printf '%s\n' $__ipbox_route_filter
                case get
                    printf '%s\n' $__ipbox_route_get
            end
        case neighbor neighbour
            if test $n -eq 0
                printf '%s\n' $__ipbox_neigh_cmds
                return
            end
            set -l verb (__ipbox_verb $rest[1] $__ipbox_neigh_cmds)
            switch $prev
                case dev master vrf
                    __ipbox_ifnames
                    return
                case nud
                    printf '%s\n' $__ipbox_neigh_nud
                    contains -- $verb show list lst flush; and echo all
                    return
                case proto protocol
                    __ipbox_rt_names rt_protos
                    return
                case lladdr proxy to
                    return
            end
            switch $verb
                case add change chg replace delete
                    test $n -gt 1; and printf '%s\n' lladdr nud proxy dev router use managed extern_learn protocol
                case show list lst flush
                    printf '%s\n' proxy to dev master vrf nomaster nud unused protocol help
                case get
                    printf '%s\n' proxy dev
            end
        case rule
            if test $n -eq 0
                printf '%s\n' $__ipbox_rule_cmds
                return
            end
            set -l verb (__ipbox_verb $rest[1] $__ipbox_rule_cmds)
            switch $prev
                case dev iif oif
                    __ipbox_ifnames
                    return
                case table lookup
                    __ipbox_rt_tables
                    return
                case proto protocol
                    __ipbox_rt_names rt_protos
                    test $verb = flush; and echo all
                    return
                case tos dsfield
                    __ipbox_rt_names rt_dsfield
                    return
                case suppress_ifgroup sup_group
                    __ipbox_rt_names group
                    return
                case ipproto
                    printf '%s\n' tcp udp icmp ipv6-icmp sctp dccp udplite gre esp ah
                    return
                case type
                    printf '%s\n' unicast blackhole unreachable prohibit nop goto
                    return
            end
            contains -- "$prev" $__ipbox_rule_novalue; and return
            switch $verb
                case add delete
                    printf '%s\n' $__ipbox_rule_mod
                case list lst show flush
                    printf '%s\n' $__ipbox_rule_filter
            end
        case nexthop
            if test $n -eq 0
                printf '%s\n' $__ipbox_nexthop_cmds
                return
            end
            set -l verb (__ipbox_verb $rest[1] $__ipbox_nexthop_cmds)
            switch $prev
                case dev master vrf
                    __ipbox_ifnames
                    return
                case protocol
                    contains -- $verb add replace; and __ipbox_rt_names rt_protos
                    return
                case via
                    printf '%s\n' inet inet6
                    return
                case type
                    printf '%s\n' mpath resilient
                    return
                case encap
                    printf '%s\n' mpls ip ip6 help
                    return
            end
            contains -- "$prev" $__ipbox_nexthop_novalue; and return
            set -l encap ''
            for w in $rest
                test "$encap" = '?'; and set encap $w
                test "$w" = encap; and set encap '?'
            end
            switch $verb
                case add replace delete
                    switch $encap
                        case ip
                            printf '%s\n' id dst src tos ttl key csum seq
                        case ip6
                            printf '%s\n' id dst src tc hoplimit key csum seq
                        case mpls
                            echo ttl
                    end
                    if contains -- resilient $rest; and test -z "$encap"
                        printf '%s\n' buckets idle_timer unbalanced_timer
                    else
                        printf '%s\n' $__ipbox_nexthop_mod
                    end
                case list show lst flush
                    printf '%s\n' dev groups master vrf id protocol fdb help
                case get
                    echo id
                case bucket
                    if test $n -eq 1
                        printf '%s\n' $__ipbox_nexthop_bucket_cmds
                    else if test (__ipbox_verb $rest[2] $__ipbox_nexthop_bucket_cmds) = get
                        printf '%s\n' id index
                    else
                        printf '%s\n' dev master vrf id nhid help
                    end
            end
        case tuntap tap
            if test $n -eq 0
                printf '%s\n' $__ipbox_tuntap_cmds
                return
            end
            set -l verb (__ipbox_verb $rest[1] $__ipbox_tuntap_cmds)
            contains -- $verb add delete; or return
            switch $prev
                case mode
                    printf '%s\n' tun tap
                case user
                    test $verb = add; and __fish_complete_users | cut -f1
                case group
                    test $verb = add; and __fish_complete_groups | cut -f1
                case dev name
                    test $verb = delete; and __ipbox_ifnames
                case '*'
                    printf '%s\n' $__ipbox_tuntap_args
            end
        case monitor
            switch $prev
                case dev
                    __ipbox_ifnames
                case file
                    __fish_complete_path (commandline -ct)
                case '*'
                    printf '%s\n' $__ipbox_monitor_args
            end
    end
end

for prog in ipbox ip
    complete -c $prog -f
    complete -c $prog -o V -o Version -d 'print the version'
    complete -c $prog -o s -o stats -o statistics -d 'show statistics'
    complete -c $prog -o d -o details -d 'show details'
    complete -c $prog -o r -o resolve -d 'host names of addresses'
    complete -c $prog -o h -o human -o human-readable -d 'human-readable sizes'
    complete -c $prog -o iec -d 'sizes in powers of 1024'
    complete -c $prog -o j -o json -d 'JSON output'
    complete -c $prog -o p -o pretty -d 'indented JSON'
    complete -c $prog -o f -o family -x -a 'inet inet6 mpls bridge link' -d 'address family'
    complete -c $prog -o 4 -d 'IPv4 only'
    complete -c $prog -o 6 -d 'IPv6 only'
    complete -c $prog -o 0 -d 'link layer only'
    complete -c $prog -o M -d 'MPLS only'
    complete -c $prog -o B -d 'bridge only'
    complete -c $prog -o l -o loops -x -d 'address flush rounds'
    complete -c $prog -o br -o brief -d 'brief output'
    complete -c $prog -o o -o oneline -d 'one line per record'
    complete -c $prog -o t -o timestamp -d 'time of each monitor event'
    complete -c $prog -o ts -o tshort -d 'short time of each monitor event'
    complete -c $prog -o b -o batch -r -F -d 'read commands from a file'
    complete -c $prog -o force -d 'go on after errors in a batch'
    complete -c $prog -o atomic -d 'apply a batch whole or roll it back'
    complete -c $prog -o check -d 'say which lines of a batch would fail, changing nothing'
    complete -c $prog -o undo -r -a '(__fish_complete_path /run/ipbox/)' -d 'roll back what a killed atomic batch applied'
    complete -c $prog -o rc -o rcvbuf -x -d 'netlink receive buffer'
    complete -c $prog -o n -o netns -x -a '(__ipbox_netns_names)' -d 'run in a network namespace'
    complete -c $prog -o N -o Numeric -d 'numbers, not names'
    complete -c $prog -o a -o all -d 'all objects'
    complete -c $prog -o echo -d "print the kernel's copy of a change"
    complete -c $prog -o c -o color -d 'colour output'
    complete -c $prog -o help -d usage
    complete -c $prog -n '__ipbox_object_is ""' -a 'address link nat neighbor netns nexthop route rule tuntap monitor help'
end
complete -c ipbox -l install -r -d 'make applet links in DIR'
complete -c ipbox -l list -d 'list applet names'
for prog in ipbox ip netns ipnetns
    complete -c $prog -f -n '__ipbox_object_is netns; and not __fish_seen_subcommand_from list add attach set delete identify pids exec monitor list-id help' \
        -a 'list add attach set delete identify pids exec monitor list-id help'
    complete -c $prog -n '__ipbox_object_is netns; and __fish_seen_subcommand_from delete exec set pids attach' -a '(__ipbox_netns_names)'
end
for prog in ipbox ip link iplink addr ipaddr nat ipnat route iproute neigh ipneigh tuntap monitor rule iprule nexthop
    complete -c $prog -f -n '__ipbox_object_is link address nat route neighbor neighbour tuntap monitor rule nexthop' -a '(__ipbox_complete)'
end
