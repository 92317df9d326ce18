#!/bin/sh
# The state the 200-line lab (lab.batch) starts from, made with /bin/ip
# (so what is undone is not ipbox's own making): a bridge with ports,
# veth pairs, ifb, macvlan, vxlan, addresses of both families, routes in
# three tables (multipath, blackhole, nexthop objects), permanent and
# proxy neighbours, rules, nexthops, a named namespace with a peer, a nat
# rule.  DAD is off so addresses settle at once.  vp3 keeps br_pre's
# carrier whatever the lab does to its other ports: a bridge that loses
# it makes the kernel flush the nexthops through it, a change of the
# kernel's own that no journal holds (ipbox(8), ATOMIC BATCHES).
set -e
IP=/bin/ip
sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
sysctl -qw net.ipv4.ip_forward=0
$IP -batch - <<'B'
link set lo up
link add br_pre type bridge stp_state 0 forward_delay 400
link set br_pre address 02:00:00:00:01:01 up
link add vp1 address 02:00:00:00:02:01 type veth peer name vp1_br address 02:00:00:00:02:02
link set vp1_br master br_pre up
link set vp1 up mtu 1400
link add vp2 address 02:00:00:00:03:01 type veth peer name vp2_br address 02:00:00:00:03:02
link set vp2_br master br_pre
link set vp2 up
link add vp3 address 02:00:00:00:08:01 type veth peer name vp3_br address 02:00:00:00:08:02
link set vp3_br master br_pre up
link set vp3 up
link add ifb_pre address 02:00:00:00:04:01 type ifb
link set ifb_pre up
link add mv_pre link vp2 address 02:00:00:00:05:01 type macvlan mode bridge
link add vx_pre address 02:00:00:00:06:01 type vxlan id 42 dstport 4789 local 10.1.0.1 ttl 5
link set ifb_pre alias pre-existing
B
# Gateways, nexthops and routes through vp1 and br_pre need their carrier.
for dev in vp1 br_pre; do
	until $IP link show $dev | grep -q LOWER_UP; do sleep 0.1; done
done
$IP -batch - <<'B'
addr add 10.1.0.1/24 dev br_pre
addr add 10.1.0.5/24 dev br_pre
addr add 2001:db8:1::1/64 dev br_pre
addr add 10.2.0.1/24 dev vp1
addr add 2001:db8:2::1/64 dev vp1
addr add 10.3.0.1/24 dev vp2
route add 10.50.0.0/16 via 10.1.0.2
route add 10.51.0.0/16 via 10.2.0.2 metric 10
route add 10.52.0.0/16 table 100 nexthop via 10.1.0.3 nexthop via 10.2.0.3
route add blackhole 10.53.0.0/16 table 100
route add 2001:db8:50::/48 via 2001:db8:1::2
route add 2001:db8:51::/48 via 2001:db8:2::2 table 200
neigh add 10.1.0.9 lladdr 02:00:00:00:09:09 dev br_pre nud permanent
neigh add 2001:db8:1::9 lladdr 02:00:00:00:09:0a dev br_pre nud permanent
neigh add proxy 10.2.0.77 dev vp1
rule add from 10.60.0.0/16 table 100 pref 1000
rule add to 10.61.0.0/16 table 200 pref 1001
nexthop add id 10 via 10.1.0.4 dev br_pre
nexthop add id 11 via 10.2.0.4 dev vp1
nexthop add id 12 group 10/11
route add 10.54.0.0/16 nhid 12
route add 10.55.0.0/16 nhid 10 table 100
netns add pre
link add vx_peer address 02:00:00:00:07:01 type veth peer name vx_in netns pre
link set vx_peer up
addr add 10.7.0.1/24 dev vx_peer
B
$IP netns exec pre sysctl -qw net.ipv6.conf.all.accept_dad=0 \
	net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.vx_in.accept_dad=0
$IP -n pre link set vx_in address 02:00:00:00:07:02 up
$IP -n pre link set lo up
$IP -n pre addr add 10.7.0.2/24 dev vx_in
$IP -n pre route add default via 10.7.0.1
${IPBOX:-./ipbox} nat add masquerade src 10.1.0.0/24 oif vp1
