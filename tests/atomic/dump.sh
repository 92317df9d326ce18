#!/bin/sh
# Print every object the atomic tests compare, read with /bin/ip (the
# ground truth) in the sandbox's own namespace and in every named one:
# links with -d, addresses, routes of every table, neighbours that do not
# age (permanent, noarp, proxy), rules, nexthops, the netns list and the
# nat table.  Counters and timers are masked, so two dumps of the same
# state are identical.
IP=/bin/ip
NFT=${NFT:-nft}
# A link that was up once keeps the queueing discipline the kernel gave
# it (noop before): masked on links that are down (ipbox(8) ATOMIC).
qdisc='/state DOWN/s/qdisc [a-z_]+/qdisc -/'
one() {
	$IP "$@" -d link show | sed -E -e 's/_timer +[0-9.]+/_timer/g' -e "$qdisc"
	# duplicate address detection ends on its own time (in namespaces
	# a batch makes)
	$IP "$@" addr show | sed -E -e "$qdisc" -e 's/ tentative//'
	# sorted: routes of one prefix through different links are listed
	# in the order they were made, which a rollback cannot keep; a
	# route's linkdown follows its link's carrier a moment later (a
	# bridge's follows its ports): the link's own line says the state
	$IP "$@" -4 route show table all | sed 's/ linkdown//' | sort
	$IP "$@" -6 route show table all | sed 's/ linkdown//' | sort
	$IP "$@" neigh show nud permanent
	$IP "$@" neigh show nud noarp | grep -v 'lladdr 33:33:\|lladdr 01:00:5e:'
	$IP "$@" neigh show proxy
	$IP "$@" -4 rule show
	$IP "$@" -6 rule show
	$IP "$@" nexthop show
	$X sysctl net.ipv4.ip_forward net.ipv6.conf.all.forwarding
	$X $NFT list ruleset
}
echo "== netns"
$IP netns list
echo "== host"
X= one
for ns in $($IP netns list | cut -d' ' -f1); do
	echo "== $ns"
	X="$IP netns exec $ns" one -n "$ns"
done
