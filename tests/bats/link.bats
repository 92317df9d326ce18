#!/usr/bin/env bats
# link: `ip link` output (plain, -o, -br, -j, -p, -d, -s, colour) and
# every change (add, set, delete, property) must match /bin/ip, including
# errors and exit codes; the kernel state is read back with /bin/ip.

load helpers

# A small zoo of what this kernel can make: ifb, veth (one end in a
# named namespace), a bridge with a port, macvlan/macvtap, a tun device,
# an alias and an altname.
zoo() {
	"$IP" link add d0 type ifb
	"$IP" link add v0 type veth peer name v1
	"$IP" link add br0 type bridge
	"$IP" link set v1 master br0
	"$IP" link set br0 up
	"$IP" link set v1 up
	"$IP" link set v0 up
	"$IP" link add link v0 name mv type macvlan mode bridge
	"$IP" link add link v0 name mt type macvtap
	"$IP" link set d0 mtu 1400 alias "hello"
	"$IP" link property add dev d0 altname dummyzero
	"$IP" link set lo up
	"$IP" tuntap add tun0 mode tun
	"$IP" netns add n
	"$IP" link add vx0 type veth peer name vx1 netns n
}

SETUP='ip link add v0 type veth peer name v1; ip link add br0 type bridge;
ip link add d0 type ifb; ip addr add 10.0.0.1/24 dev v0; ip netns add n'

@test "show: every output mode matches /bin/ip" {
	zoo
	for opts in "" -o -br -j "-j -p" -c "-c -br" -0; do
		same $opts link
		same $opts link show
	done
	COLORFGBG="15;0" same -c link
	same l
	same link lst
	same link list
}

@test "show -s: counters, their columns and JSON" {
	# nothing up but lo: no stray IPv6 traffic changes counters mid-test
	"$IP" link add d0 type ifb
	"$IP" link add v0 type veth peer name v1
	"$IP" link set lo up
	ping -c 3 -q 127.0.0.1 >/dev/null
	for opts in -s "-s -s" "-s -j" "-s -s -j" "-s -h" "-s -o" "-s -s -o"; do
		same $opts link
	done
	same -s link show lo
}

@test "show -d: generic details, veth, ifb, macvlan, macvtap, tun" {
	zoo
	for dev in lo d0 v0 mv mt tun0 vx0; do
		same -d link show dev "$dev"
		same -d -j link show dev "$dev"
	done
}

@test "show: filters by device, state, type, master and group" {
	zoo
	same link show d0
	same link show dev d0
	same link show dummyzero
	same -j link show dev mv
	same link show up
	same link show type veth
	same link show type bridge_slave
	same link show master br0
	same link show nomaster
	same -br link show master br0
	same link show group default
	same link show group 5
	same link show up type veth
}

@test "show: errors and exit codes" {
	zoo
	same link show dev nope
	same link show nope
	same link show dev
	same link show lo lo
	same link show group foo
	same link show master nope
	same link show to 1.2.3.4
	same link xyz
}

@test "a peer in a named namespace shows as link-netns NAME" {
	zoo
	run "$IPBOX" link show vx0
	assert_output --partial "vx0@if2:"
	assert_output --partial "link-netns n"
	same -j link show vx0
}

@test "peers in several named namespaces, one dump: each shows its own name" {
	"$IP" netns add n1
	"$IP" netns add n2
	"$IP" netns set n2 7
	"$IP" link add a1 type veth peer name b1 netns n1
	"$IP" link add a2 type veth peer name b2 netns n2
	"$IP" link add a3 type veth peer name b3 netns n1
	run "$IPBOX" -o link show
	assert_line --partial "a1@if2: "
	assert_output --regexp "a2@if[0-9]+: .* link-netns n2"
	same link show
	same -j link show
	same -br link show
	# an entry that is no namespace: the kernel's refusal, once, as iproute2
	touch /run/netns/plain
	same link show
}

@test "M-DOWN: a macvlan over a down link" {
	"$IP" link add v0 type veth peer name v1
	"$IP" link add link v0 name mv type macvlan
	run "$IPBOX" -br link show mv
	assert_output --partial "<BROADCAST,MULTICAST,M-DOWN>"
	same link show mv
	"$IP" link set v0 up
	same link show mv
}

@test "add: kinds and their options" {
	for args in "x type ifb" "name x type ifb" "dev x type ifb" "x type veth" \
		"x type veth peer name y" "x type veth peer y" \
		"x type veth peer name y mtu 1400 address 02:00:00:00:00:09" \
		"x mtu 1300 type veth peer name y netns n" "x type bridge" \
		"link v0 name m type macvlan mode bridge" "link v0 m type macvtap" \
		"x index 50 type ifb" "x address 02:aa:bb:cc:dd:ee type ifb" \
		"x txqueuelen 5 type ifb" "x group 7 type ifb" "x type ifb foo"; do
		same_effect "$SETUP" link add $args
	done
}

@test "add: errors match" {
	for args in "link v0 name m type macvlan mode private nopromisc" \
		"link v0 name m type macvlan mode bogus" "link v0 name m type macvlan foo" \
		"link nope name m type macvlan" "x" "x type nosuchkind" "v0 type ifb" \
		"x name y type ifb" "x address zz:aa type ifb" "x mtu abc type ifb" \
		"x mtu 100 mtu 200 type ifb" "x name this_name_is_far_too_long type ifb"; do
		same_effect "$SETUP" link add $args
	done
}

@test "set: flags, names, addresses, master, netns" {
	for args in up "dev v0 up" down "mtu 1400" "mtu 100000" "name vv" \
		"address 02:11:22:33:44:55" "address 02:11:22" "alias my-link" "txqlen 77" \
		"promisc on" "promisc maybe" "arp off" "multicast off" "allmulticast on" \
		"master br0" "master nope" nomaster "netns n" "netns nope" "group 3" \
		"addrgenmode none" "addrgenmode bogus" "mode dormant" "state up" "index 5" \
		bogus "carrier on" "up mtu 1400 alias x name q"; do
		same_effect "$SETUP" link set v0 $args
	done
	same_effect "$SETUP" link set nope up
	same_effect "$SETUP" link set up
	same_effect "$SETUP" link s v0 up
	same_effect "$SETUP" link change v0 mtu 1450
}

@test "delete and property" {
	for args in "delete v0" "del dev v0" "delete nope" "delete v0 type veth" \
		"delete br0" delete "property add dev v0 altname vzero" \
		"property add dev v0 altname vzero altname vone" "property add dev v0" \
		"property del dev v0 altname nope"; do
		same_effect "$SETUP" link $args
	done
}

@test "changes made by ipbox are seen by /bin/ip" {
	run "$IPBOX" link add x type veth peer name y
	assert_success
	"$IPBOX" link set x up mtu 1400 alias "from ipbox"
	run "$IP" -o link show x
	assert_output --partial "x@y: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1400"
	assert_output --partial "alias from ipbox"
	"$IPBOX" link delete x
	run "$IP" link show y
	assert_failure
}

@test "link inside -batch and with -n" {
	"$IP" netns add n
	printf 'link add x type ifb\nlink set x up\nlink show x\n' >"$BATS_TEST_TMPDIR/b"
	same_effect "" -batch "$BATS_TEST_TMPDIR/b"
	"$IP" -n n link add x type ifb
	same -n n link show
	same -n n -j link show x
}

# same, with running timers masked (a bridge's gc_timer ticks between runs)
same_timers() {
	local d=$BATS_TEST_TMPDIR ip_rc box_rc
	"$IP" "$@" 2>&1 | sed -E 's/ *[0-9]+\.[0-9]{2}([ ,}]|$)/ T\1/g' >"$d/ip.out"
	"$IPBOX" "$@" 2>&1 | sed -E 's/ *[0-9]+\.[0-9]{2}([ ,}]|$)/ T\1/g' >"$d/box.out"
	diff -u --label "ip $*" --label "ipbox $*" "$d/ip.out" "$d/box.out" ||
		fail "output differs for: $*"
}

@test "bridge: options at creation and by set, -d details" {
	for args in "" "stp_state 1" "forward_delay 400 hello_time 100 max_age 1000" \
		"ageing_time 1000 priority 100" "mcast_snooping 0" "vlan_filtering 0" \
		"group_fwd_mask 0x4000 group_address 01:80:c2:00:00:0e" fdb_flush \
		"no_linklocal_learn 1 mcast_vlan_snooping 0" "mcast_router 2 mcast_querier 1" \
		"mcast_hash_max 512 mcast_last_member_count 3 mcast_last_member_interval 200" \
		"mcast_igmp_version 3 mcast_mld_version 2 mcast_stats_enabled 1" \
		"nf_call_iptables 1" "max_age 0x10"; do
		same_effect "" link add br0 type bridge $args
		same_effect "ip link add br0 type bridge" link set br0 type bridge $args
	done
	"$IPBOX" link add br0 type bridge stp_state 1 priority 4096 mcast_snooping 0
	"$IP" link add v0 type veth peer name v1
	"$IP" link set v1 master br0
	"$IP" link set br0 address 02:0a:00:00:00:01
	for dev in br0 v0 v1; do
		for opts in -d "-d -j" "-d -j -p" "-d -o"; do
			same_timers $opts link show dev "$dev"
		done
	done
	run "$IP" -d link show br0
	assert_output --partial "stp_state 1 priority 4096"
	assert_output --partial "bridge_id 1000.2:a:0:0:0:1"
}

@test "bridge: errors match" {
	for args in "stp_state x" "stp_state" "priority 70000" "priority -1" \
		"forward_delay 99999999999" "vlan_filtering 256" "ageing_time -1" \
		"group_address zz" "vlan_protocol foo" foo help "mcast_querier_interval x"; do
		same_effect "" link add br0 type bridge $args
	done
}

@test "link help lists every bridge option the parser takes" {
	run "$IPBOX" link add br0 type bridge help
	for w in forward_delay hello_time max_age ageing_time stp_state priority \
		vlan_filtering mcast_snooping fdb_flush group_address; do
		assert_output --partial "[ $w"
	done
}

@test "vxlan: options at creation, -d details" {
	local setup='ip link add v0 type veth peer name v1'
	for args in "id 1" "id 2 learning dstport 0" "vni 3 dstport 4789" \
		"id 4 remote 10.1.1.1 local 10.0.0.1 dstport 4789 ttl 5 nolearning" \
		"id 5 group 239.1.1.1 dev v0 dstport 0" "id 6 remote 2001:db8::1 local 2001:db8::2" \
		"id 7 group ff05::1 dev v0" "id 8 ttl 0" "id 9 ttl inherit" "id 10 ttl auto" \
		"id 11 noudpcsum proxy l2miss noproxy rsc l3miss" "id 12 ageing 20 udp6zerocsumtx" \
		"id 16777215 udp6zerocsumrx nol2miss"; do
		same_effect "$setup" link add vx type vxlan $args
	done
	"$IP" link add v0 type veth peer name v1
	"$IP" link add vx1 type vxlan id 1 remote 10.1.1.1 local 10.0.0.1 dstport 4789 ttl 5 nolearning
	"$IP" link add vx2 type vxlan id 2 group ff05::1 dev v0 dstport 0 noudpcsum proxy
	"$IP" link add vx3 type vxlan external dstport 0 rsc l3miss maxaddress 5 gbp remcsumtx
	"$IP" link add vx4 type vxlan id 4 df set tos 16 ttl inherit dstport 0
	for dev in vx1 vx2 vx3 vx4; do
		for opts in -d "-d -j" "-d -j -p" "-d -o"; do
			same $opts link show dev "$dev"
		done
	done
}

@test "vxlan: errors match" {
	for args in "" "id 16777216" "id x" "remote 1.1.1.1" "id 1 remote 239.1.1.1" \
		"id 1 group 1.1.1.1" "id 1 foo" "id 1 ttl 256" "id 1 ttl x" "id 1 dstport 70000" \
		"id 1 local x" "id 1 local any" "id 1 dev nope" "id 1 remote" \
		"id 1 remote 1.2.3.4 group 239.1.1.1" "id 1 ageing x" help "id 1 remote x" \
		"id 1 id 2" "id 1 ttl 3 ttl 4" "id 1 nolearning learning" "id 1 proxy noproxy"; do
		same_effect "" link add vx type vxlan $args
	done
}

@test "link help: iproute2's shape, only the words ipbox takes, all of them" {
	run "$IPBOX" link help
	assert_failure 255
	assert_line --index 0 "Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME"
	for w in link parentdev name txqueuelen address broadcast mtu index numtxqueues \
		numrxqueues netns type up down arp dynamic multicast allmulticast promisc \
		trailers carrier link-netnsid alias group mode state master nomaster \
		addrgenmode protodown gso_max_size gso_max_segs gro_max_size dev property \
		altname help vrf link-netns protodown_reason xstats afstats vf xdp xdpgeneric \
		xdpdrv xdpoffload; do
		assert_output --regexp "[[ ({|]$w[] ]"
	done
	run "$IPBOX" link show help
	assert_failure 255
	assert_line --index 0 "Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME"
}

@test "xdp off|none detaches as iproute2 (any mode, -force); loading a program and vf are refused in one line, 255" {
	local s='/bin/ip link add v0 type veth peer name v1'
	same_effect "$s" link set v0 xdp off
	same_effect "$s" link set dev v0 xdpgeneric none
	same_effect "$s" link set v0 xdpdrv off
	same_effect "$s" -force link set v0 xdp off
	same_effect "$s" link set nosuch xdp off
	eval "$s"
	same link set v0 xdp
	same link set v0 vf
	same link set v0 vf 0
	same link set v0 vf x
	for args in "xdp off mtu 1400" "xdp object /x.o" "xdpgeneric pinned /sys/fs/bpf/x"; do
		run "$IPBOX" link set v0 $args
		assert_failure 255
		assert_output --regexp '^Error: xdp[a-z]*: loading a BPF program is not implemented in ipbox \(only "xdp[a-z]* off"\)\.$'
	done
	run "$IPBOX" link set v0 vf 0 mac 02:00:00:00:00:01
	assert_failure 255
	assert_output "Error: vf: SR-IOV virtual functions are not implemented in ipbox."
	run "$IP" link show v0
	assert_output --partial "mtu 1500"
}

@test "bridge: words abbreviate exactly as iproute2's (some by prefix, some only whole)" {
	for args in "f 400 h 150 m 1000 a 1000 s 1 p 100" fd "v 1" "vlan_s 1" "vlan_stats_p x" \
		"mcast_ml 2 mcast_i 3 nf_call_ip6 1 nf_call_a 1 n 1 mcast_st 3" \
		"no_linklocal_lear 1" "mcast_vlan_snoopin 0" "group_a 01:80:c2:00:00:0e group 5" \
		"mc 2 mcast_q 1 mcast_queri 1 mcast_querier_ 300 mcast_query_i 200 mcast_query_r 50"; do
		same_effect "" link add br0 type bridge $args
	done
}

@test "vxlan: tos, df, flowlabel, srcport, maxaddress, external, gbp, gpe, remcsum, vnifilter" {
	local setup='ip link add v0 type veth peer name v1'
	for args in "id 1 tos 16" "id 1 tos inherit" "id 1 dsfield 0x20" "id 1 df set" \
		"id 1 df inherit" "id 1 df unset" "id 1 flowlabel 5 remote 2001:db8::1" \
		"id 1 label 7 remote 2001:db8::1" "id 1 maxaddress 7" "id 1 maxaddress unlimited" \
		"id 1 ageing none" "id 1 srcport 1000 2000" "id 1 port 1000 2000" "id 1 srcport 0 0" \
		"external" "external learning" "learning external" "external noexternal id 1" \
		"id 1 gbp" "external gpe" "id 1 remcsumtx remcsumrx" "id 1 noremcsumtx noremcsumrx" \
		"external vnifilter" "external novnifilter" "id 1 hoplimit 7" \
		"i 3 d v0 g 239.1.1.1 ds 4 h 3 t 5 l2 nol3 rs nop" \
		"id 3 df set flowlabel 5 remote 2001:db8::5 remc remcsumr gb" \
		"id 3 df inherit remote 2001:db8::5 noudpcsum udp6 udp6zerocsumr noudp6zerocsumtx" \
		"id 3 label 7 remote 2001:db8::5" "id 1 udp6zerocsumrx noudp6zerocsum"; do
		same_effect "$setup" link add vx type vxlan dstport 0 $args
	done
	same_effect "$setup" link add vx type vxlan id 1 gpe
	# -4/-6 without an address: the family goes as a zero group
	for opts in -4 -6; do
		same_effect "$setup" $opts link add vx type vxlan id 1 dstport 0 flowlabel 5
		same_effect "$setup" $opts link add vx type vxlan id 1 dstport 0 remote 10.0.0.1
		same_effect "ip link add vx type vxlan id 1 dstport 0" $opts link set vx type vxlan ttl 5
	done
	same_effect "ip link add vx type vxlan id 1 dstport 0" link set vx type vxlan learning
	"$IP" link add v0 type veth peer name v1
	"$IP" link add vx1 type vxlan id 3 dstport 0 df set flowlabel 5 remote 2001:db8::5 \
		remcsumtx remcsumrx gbp tos inherit
	"$IP" link add vx2 type vxlan external vnifilter dstport 0
	"$IP" link add vx3 type vxlan id 4 dstport 0 df inherit maxaddress 9 ageing none \
		srcport 1000 2000 tos 0x20 ttl 9
	"$IP" link add vx4 type vxlan external gpe
	for dev in vx1 vx2 vx3 vx4; do
		for opts in -d "-d -j" "-d -j -p" "-d -o"; do
			same $opts link show dev "$dev"
		done
	done
	run "$IP" -d link show vx3
	assert_output --partial "srcport 1000 2000 dstport 8472 tos 0x20 ttl 9 df inherit ageing 300 maxaddr 9"
}

@test "vxlan: family, external, vnifilter, group and abbreviation errors match" {
	local setup='ip link add v0 type veth peer name v1'
	for args in "id 1 local 10.0.0.1 remote 2001:db8::1" "id 1 remote 2001:db8::1 local 10.0.0.1" \
		"id 1 local 2001:db8::1 group 239.1.1.1 dev v0" "id 1 remote 1.1.1.1 local ::1" \
		"id 1 df foo" "id 1 tos foo" "id 1 tos af11" "id 1 tos 100" "id 1 flowlabel 1048576" \
		"id 1 maxaddress x" "id 1 srcport x 5" "id 1 srcport 5 x" "id 1 srcport 5" \
		"external id 1" "id 1 group 239.1.1.1" "id 1 vnifilter" "vnifilter" \
		"vnifilter group 239.1.1.1 id 1" "id 1 udp6zerocsumrx noudp6zerocsumr" \
		"id 1 remcsumtx nore" "id 1 remcsumrx noremcsumr" "id 1 vni 2" "id 1 ttl 2 hoplimit 3" \
		"id 1 remote 1.1.1.1 remote 2.2.2.2" "id 1 remote 1.1.1.1 group" "id 1 df set df unset" \
		"id 3 vnifilte" "id 3 he" "id 3 id" "id 3 ttl inherit ttl 3" "id 3 tos 0x10 tos 3" \
		"id 3 gbp gbp" "external noexternal" "id 1 label 5 flowlabel 6"; do
		same_effect "$setup" link add vx type vxlan dstport 0 $args
	done
}

# A bridge with two veth ports, v0 and v2.
PORTS='ip link add br0 type bridge; ip link add v0 type veth peer name v1;
ip link add v2 type veth peer name v3; ip link set v0 master br0; ip link set v2 master br0'

@test "bridge_slave: link set DEV type bridge_slave ARGS, and -d shows them back" {
	for args in "" "priority 5 cost 7 guard on hairpin on fastleave on root_block on" \
		"learning off flood off proxy_arp on proxy_arp_wifi on mcast_router 2" \
		"mcast_fast_leave on mcast_flood off bcast_flood off mcast_to_unicast on" \
		"group_fwd_mask 0x4000 neigh_suppress on vlan_tunnel on isolated on locked on" \
		"backup_port v2" "backup_port v2 nobackup_port" fdb_flush f "state 0" \
		"p 5 c 7 g on h on fa on r on l off fl off pro on proxy_arp_w on mcast_r 2" \
		"mcast_fa on m off b off mcast_t on gr 8 n on v on i on lo on ba v2" \
		"learning on learning off"; do
		same_effect "$PORTS" link set v0 type bridge_slave $args
	done
	same_effect "$PORTS" link set br0 type bridge hello_time 150 st 1
	"$IPBOX" link add br0 type bridge
	"$IP" link add v0 type veth peer name v1
	"$IP" link add v2 type veth peer name v3
	"$IPBOX" link set v0 master br0
	"$IPBOX" link set v2 master br0
	"$IPBOX" link set v0 type bridge_slave cost 9 hairpin on backup_port v2 \
		group_fwd_mask 0x4005 mcast_to_unicast on
	run "$IP" -d link show v0
	assert_output --partial "cost 9 hairpin on"
	assert_output --partial "group_fwd_mask 0x4005 group_fwd_mask_str stp,lacp,lldp"
	assert_output --partial "backup_port v2"
	for opts in -d "-d -j" "-d -j -p" "-d -o"; do
		same_timers $opts link show dev v0
	done
}

@test "bridge_slave: errors match" {
	for args in "state x" "priority x" "cost x" "hairpin x" "mcast_router x" \
		"group_fwd_mask x" "backup_port nope" foo help state "state 3" "proxy_arp_wif on"; do
		same_effect "$PORTS" link set v0 type bridge_slave $args
	done
	same_effect "$PORTS" link set v1 type bridge_slave state 1
	same_effect "$PORTS" link set br0 type bridge_slave priority 1
	same_effect "$PORTS" link set v0 type bridge hello_time 100
	same_effect "$PORTS" link add x type bridge_slave
}

@test "macvlan, veth and vlan words as iproute2 takes them" {
	local setup='ip link add v0 type veth peer name v1'
	for args in "mo bridge" "m private" "mode bri" "mode passthru n" "mode passthru no" \
		"mode source nod" "mode source nodst" "bcq 5" "b 7" "bcqueuelen x" \
		"mode passthru flag nopromisc" "mode passthru flag x" "mode passthru f nodst" \
		"mode passthru flag null" flag h; do
		same_effect "$setup" link add link v0 name m type macvlan $args
	done
	for args in "x type veth pe name y" "x type veth p name y" "x type veth help" \
		"x type veth peer name y foo"; do
		same_effect "$setup" link add $args
	done
	# no vlan in this kernel: the request is built and refused as iproute2's is
	for args in "i 5" "prot 802.1Q id 5" "id x" "protocol x" "id 5000"; do
		same_effect "$setup" link add link v0 name vl type vlan $args
	done
	"$IP" link add v0 type veth peer name v1
	run "$IPBOX" link add link v0 name vl type vlan foo
	assert_failure 1
	assert_line --index 0 'vlan: unknown command "foo"?'
	assert_line --index 1 'Usage: ... vlan id VLANID'
}

@test "property on a missing device: Cannot find device, as iproute2" {
	for args in "add altname X dev missing" "add dev missing altname X" "del dev missing" \
		"add altname X" "del altname X dev missing"; do
		same_effect "$SETUP" link property $args
	done
}

# peak_rss ARGS...: the peak resident set, in kB, of `ipbox ARGS`.
peak_rss() {
	/usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/rss" "$IPBOX" "$@" >/dev/null
	cat "$BATS_TEST_TMPDIR/rss"
}

@test "1,000 links stream: the same bytes as /bin/ip, and no more memory than 10 take" {
	local b=$BATS_TEST_TMPDIR/batch opts i n
	declare -A small
	for i in $(seq 1 10); do echo "link add s$i type ifb"; done >"$b"
	"$IP" -batch "$b"
	for opts in "" -o -br -j; do
		small[x$opts]=$(peak_rss $opts link show)
	done
	for i in $(seq 11 1000); do echo "link add s$i type ifb"; done >"$b"
	"$IP" -batch "$b"
	n=$("$IP" -o link show | wc -l)
	[ "$n" -eq 1001 ] || fail "expected 1001 links (lo and 1,000), found $n"
	for opts in "" -o -br -j; do
		same $opts link show
		i=$(peak_rss $opts link show)
		[ $((i - ${small[x$opts]})) -lt 1024 ] ||
			fail "ipbox $opts link show: peak RSS $i kB for 1,000 links, ${small[x$opts]} kB for 10"
	done
	# one batch, not a thousand teardown commands
	for i in $(seq 1 1000); do echo "link delete s$i"; done >"$b"
	"$IP" -batch "$b"
}

@test "200 veth pairs (more links than the name cache's 256 slots): every mode the same bytes as /bin/ip" {
	local b=$BATS_TEST_TMPDIR/batch opts
	awk 'BEGIN { for (i = 0; i < 200; i++) printf "link add a%d type veth peer name b%d\n", i, i }' >"$b"
	"$IP" -batch "$b"
	# half of them up, so M-DOWN and the peers' flags vary
	awk 'BEGIN { for (i = 0; i < 200; i += 2) printf "link set a%d up\n", i }' >"$b"
	"$IP" -batch "$b"
	for opts in "" -d -s "-s -s" -j -br -o "-d -j" "-s -j"; do
		same $opts link show
	done
	same link show up
	same -br link show type veth
	same addr show
}

@test "bad input: refused with iproute2's message and status, nothing half-made" {
	local setup="$SETUP; ip link add d0 type ifb; ip link set d0 up"
	for args in "set v0 master d0" "set v0 master v1" "add x type veth peer name y netns missing" \
		"add x netns missing type veth peer name y" "add x type veth peer name y netns n mtu 10" \
		"set lo netns n" "set br0 netns n" "add x mtu 10 type ifb" "add x mtu 70000 type ifb" \
		"set v0 mtu 67" "set v0 mtu -1" "set v0 address 02:11:22:33:44" \
		"set v0 address ff:ff:ff:ff:ff:ff" "add x address 01:00:5e:00:00:01 type veth" \
		"add x type foo" "add x type dummy" "add x type vlan" "add link v0 name vl type vlan id 5" \
		"set v0 name v1" "set v0 name a/b" "set dev v0 name averyveryverylongname" \
		"add x type veth peer name v0" "set v0 netns 999999" "set v0 txqueuelen -1" \
		"set v0 group foo" "del lo" "set d0 name dd"; do
		same_effect "$setup" link $args
	done
	same_effect "$setup" link set v0 name "a b"
	# a veth whose peer cannot be placed is not made at all
	"$IP" netns add n
	run "$IPBOX" link add x type veth peer name y netns missing
	assert_failure
	run "$IP" -o link show
	refute_output --partial "x@"
	run "$IP" -n n -o link show
	refute_output --partial "y@"
}

@test "the veth usage goes to stdout in order inside -batch" {
	printf 'link show lo\nlink add x type veth foo\nlink show lo\n' >"$BATS_TEST_TMPDIR/b"
	same -force -batch "$BATS_TEST_TMPDIR/b"
}

@test "set and delete by group: every device of the group, as iproute2" {
	local setup='ip link add g1 type ifb; ip link add g2 type ifb; ip link add g3 type ifb;
		ip link set g1 group 5; ip link set g2 group 5'
	# (not `up` here: the random link-local routes of two devices sort apart)
	for args in "set group 5 promisc on" "set group 5 mtu 1400" "delete group 5" "del group 0" \
		"set group foo up" "set group 5 name q" "set group 7 up" "set group 5 dev g1 up" \
		"add group 5 type ifb" "add group 5"; do
		same_effect "$setup" link $args
	done
	"$IP" link add g1 type ifb
	"$IP" link add g2 type ifb
	"$IP" link set g1 group 5
	"$IP" link set g2 group 5
	"$IP" link add g3 type ifb
	"$IPBOX" link set group 5 up mtu 1300
	run "$IP" -o link show up
	assert_output --partial "g1: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1300"
	assert_output --partial "g2: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1300"
	refute_output --partial "g3:"
}

@test "link help KIND: every kind's usage on stdout, exit 0, as iproute2 (else the general one)" {
	local kind
	for kind in bridge bridge_slave vxlan veth vxcan macvlan macvtap vlan bond bond_slave \
		vrf ipvlan ipvtap geneve bareudp xfrm gre gretap erspan ip6gre ip6gretap \
		ip6erspan ipip sit ip6tnl dummy ifb nlmon vcan team team_slave virt_wifi \
		netdevsim; do
		same link help $kind
		run "$IPBOX" link help $kind
		assert_success
		assert_line --index 0 --partial "Usage: "
	done
	for kind in tun vrf_slave wireguard nosuch; do
		run "$IPBOX" link help $kind
		assert_failure 255
		assert_line --index 0 "Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME"
	done
}

@test "macvlan source mode: macaddr add, del, set and flush change the kernel's list as iproute2's do" {
	local setup='ip link add v0 type veth peer name v1
		ip link add link v0 name m type macvlan mode source macaddr add 02:00:00:00:00:01'
	for args in "macaddr add 02:00:00:00:00:02" "macaddr del 02:00:00:00:00:01" \
		"macaddr set 02:00:00:00:00:03 02:00:00:00:00:04" "macaddr set" "macaddr flush" \
		"ma add 02:00:00:00:00:05 mode source" "macaddr set 02:00:00:00:00:06 mode source" \
		"macaddr add 1.2.3.4" "macaddr del zz" "macaddr bogus" "macaddr"; do
		same_effect "$setup" link set m type macvlan $args
	done
	"$IP" link add v0 type veth peer name v1
	"$IPBOX" link add link v0 name m type macvlan mode source macaddr set 02:00:00:00:00:0a \
		02:00:00:00:00:0b
	for mode in "" -o -j; do
		same $mode -d link show dev m
	done
	run "$IPBOX" -d link show dev m
	assert_output --regexp "remotes \(2\) (02:00:00:00:00:0a 02:00:00:00:00:0b|02:00:00:00:00:0b 02:00:00:00:00:0a) "
}

@test "issue 12: delete takes no kind words by group, groups of 2^31 up, show's address flags, link-netns, protodown_reason, the word on/off errors name, long lladdrs" {
	local setup="$SETUP; ip link add ifb1 type ifb; ip link set ifb1 group 5; ip netns add ns1;
		ip link add vx0 type vxlan id 5 dstport 4789"
	local long
	long=$(printf 'a%.0s' $(seq 300))
	for args in "delete group 5 type macvlan mode private" "delete v0 type vxcan peer 1000" \
		"delete group 100 type veth peer txqueuelen 4294967295" "set v0 group 2147483648" \
		"set v0 group 4294967295" "set v0 group 2147483647" "delete group 4294967295 type macvtap" \
		"show group 4294967295 master br0" "set group 4294967295 mtu 1300 /" \
		"show permanent" "show dynamic up" "show -tentative" "set d v1" "set v0 m x" \
		"set address $long" "set address aa:$long" "set v0 link-netns ns1" \
		"add x link-netns ns1 type veth peer name y" "set v0 link-netns nosuch" \
		"set v0 link-netns ns1 link-netnsid 0" "set vx0 protodown_reason 3 on" \
		"set vx0 protodown_reason 0 o protodown on" "set vx0 protodown_reason 32 on" \
		"set vx0 protodown_reason x on" "set vx0 protodown_reason 1 yes" \
		"property dele dev v0 altname x"; do
		same_effect "$setup" link $args
	done
	# the whole link usage, as iproute2 (whose words differ: ipbox-link.8)
	for args in property "property help" "property add help"; do
		run "$IPBOX" link $args
		assert_failure 255
		assert_line --index 0 "Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME"
	done
	# the reasons read back from the kernel, plain and JSON
	"$IP" link add vx0 type vxlan id 5 dstport 4789
	"$IPBOX" link set vx0 protodown_reason 2 on protodown on
	"$IPBOX" link set vx0 protodown_reason 0 on
	same link show vx0
	same -j link show vx0
	same -o link show vx0
}

@test "link xstats and afstats: a bridge's and its ports' statistics, plain and JSON, words and errors as iproute2" {
	"$IP" link add br0 type bridge
	"$IP" link add v0 type veth peer name v1
	"$IP" link set v0 master br0
	"$IP" link add br1 type bridge
	"$IP" link set br0 up
	local args
	for args in "link xstats type bridge" "link xstats type bridge_slave" "-j link xstats type bridge" \
		"-j -p link xstats type bridge_slave" "-o link xstats type bridge_slave" \
		"link xstats type bridge dev br0 igmp" "link xstats type bridge_slave stp" \
		"-j link xstats type bridge_slave mcast dev v0" "link xst t bridge_slave d v0" \
		"link xstats type bridge mcast dev v0" "link xstats type bridge foo" \
		"link xstats type bridge dev nosuch" "link xstats type bridge dev" "link xstats foo" "link xstats help" \
		"link xstats type" "link xstats type foo" "link xstats type bridge help" "link xstats type bond help" \
		"link xstats type macvlan" "link xstats" "link afstats" "-j link afstats" "link afstats dev v0" \
		"link afstats dev nosuch" "link afstats dev" "link afstats v0" "-4 link afstats"; do
		same $args
	done
	# the kernel dumps the bridge's xstats to a bond request too: they are
	# not bond's (iproute2 6.1 reads them as bond's and crashes)
	run "$IPBOX" link xstats type bond
	assert_success
	assert_output ""
	run "$IPBOX" link afstats help
	assert_failure 255
	assert_line --index 0 "Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME"
}

@test "ifN names index N where no device has the name (iproute2's ll_idx_a2n), names of 1012 bytes or more overflow the lookup as in iproute2" {
	# ifb0 is index 2 in a fresh sandbox; if5x and if+2 read as sscanf reads
	same_script '
		$IP link add ifb0 type ifb; $IP addr add 10.0.0.1/24 dev ifb0
		$T link set if2 up; $T link set dev if2 mtu 1400 alias a1
		$T addr add 10.0.0.2/24 dev if+2; $T route add 10.5.0.0/16 dev if2
		$T neigh add 10.0.0.9 lladdr 0:1:2:3:4:5 dev if2
		$T link add link if2 name m0 type macvlan
		$T link set ifb0 master if2; echo $?
		for c in "link show if2" "-j link show if2" "link show if5x" "link show if0" \
			"addr show dev if2" "-o -4 addr show if2" "addr show dev if99" "-j addr show dev if99" \
			"-4 addr show dev if99 scope global" "route show dev if2" "neigh show dev if2" \
			"route get 10.0.0.9 oif if2" "link show if-1" "link show ifb0"; do
			echo "== $c"; $T $c; echo "status $?"
		done
		long=$(printf "%01100d" 0)
		for c in "link show" "addr show dev" "link set dev" "route show dev"; do
			echo "== $c LONG"; $T $c "$long"; echo "status $?"
		done'
}

@test "a link add name or show kind of 1011 bytes or more is sent whole and refused (iproute2 drops it: creates ifb0 under the default name)" {
	local long
	long=$(printf "%01020d" 0)
	run "$IPBOX" link add "$long" type ifb
	assert_failure 2
	assert_output "Error: Attribute failed policy validation."
	run "$IP" -br link show type ifb
	assert_output ""
	"$IP" link add ifb7 type ifb
	run "$IPBOX" link show type "$long"
	assert_success
	assert_output ""
}
