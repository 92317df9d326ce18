#!/usr/bin/env bats
# Link kinds against /bin/ip without the kernel's drivers: the requests
# each tool sends for the command lines of tests/kinds/KIND.cases, and
# what each prints from the recorded answers of tests/kinds/answers/
# (tests/kinds/run; HACKING.md, "Link kinds").  One test per family.

load helpers

top=$BATS_TEST_DIRNAME/../..

kinds() {
	run "$top/tests/kinds/run" "$@"
	echo "$output"
	assert_success
	assert_output --partial " 0 failed"
}

@test "kinds: the kernel's own (veth, macvlan, vxlan, bridge_slave, ...) and word-less kinds" {
	kinds kinds nowords
}

@test "kinds: vlan" {
	kinds vlan
}

@test "kinds: bond and bond_slave" {
	kinds bond
}

@test "kinds: vrf and vrf_slave, link show vrf" {
	kinds vrf
}

@test "kinds: ipvlan, ipvtap, geneve, bareudp and xfrm" {
	kinds ipvlan geneve bareudp xfrm
}

@test "kinds: gre, gretap, erspan, ip6gre, ip6gretap, ip6erspan" {
	kinds gre
}

@test "kinds: ipip, sit, ip6tnl" {
	kinds iptnl
}

@test "kinds: -s and -s -s counters from recorded answers (otherhost, nohandler, transns)" {
	kinds stats
}
