#!/bin/sh
# The seed tutorial ("Linux networking 101: Namespaces"), done with ipbox
# alone.  Run it through `make demo`, which puts it in a throwaway sandbox
# (tests/sandbox): nothing here touches the machine's own network, and
# everything is gone when it ends.
set -u
cd "$(dirname "$0")/.." || exit 1
[ -n "${IPBOX_SANDBOX:-}" ] || exec tests/sandbox ./demo/tutorial.sh "$@"
IPBOX=${IPBOX:-$PWD/ipbox}
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
# `ip` in this demo is ipbox, through its applet link.
"$IPBOX" --install -s "$bindir"
PATH=$bindir:$PATH
failed=0

say() { printf '\n\033[1m# %s\033[0m\n' "$*"; }
run() {
	printf '$ %s\n' "$*"
	"$@" || { echo "(exit status $?)"; failed=$((failed + 1)); }
}

say "Create three namespaces and list them"
run ip netns add namespace_A
run ip netns add namespace_B
run ip netns add namespace_C
run ip netns list

say "A new namespace has only a loopback interface"
run ip netns exec namespace_A ip link
say "Its routing table and its neighbour (ARP) table are empty"
run ip netns exec namespace_A ip route
run ip netns exec namespace_A ip neigh

say "A software switch (bridge) on the host, brought up"
run ip link add bridge_0 type bridge
run ip link show bridge_0
run ip link set bridge_0 up
run ip -br link show bridge_0

for n in A B C; do
	say "A veth pair for namespace_$n: one end inside it, the other on the bridge"
	run ip link add veth_$n type veth peer name veth_${n}_bridge
	run ip link set veth_$n netns namespace_$n
	run ip link set veth_${n}_bridge master bridge_0
	run ip link set veth_${n}_bridge up
	run ip -n namespace_$n link set lo up
	run ip -n namespace_$n link set veth_$n up
done
run ip -br link show master bridge_0

say "Addresses for the namespaces"
i=1
for n in A B C; do
	run ip -n namespace_$n addr add 192.168.1.$i/24 dev veth_$n
	i=$((i + 1))
done
run ip -n namespace_A -br addr

say "The bridge gets an address, so the host reaches the namespaces"
run ip addr add 192.168.1.10/24 dev bridge_0
run ip -br addr show bridge_0
run ping -c 1 -W 2 192.168.1.1
run ip netns exec namespace_A ping -c 1 -W 2 192.168.1.2
run ip netns exec namespace_B ping -c 1 -W 2 192.168.1.3

say "A default route lets namespace_A's packets find their way out"
run ip -n namespace_A route add default via 192.168.1.10
run ip -n namespace_A route

say "The host's eth0, here a veth to a pretend remote machine"
run ip netns add remote
run ip link add eth0 type veth peer name eth0 netns remote
run ip addr add 198.51.100.1/24 dev eth0
run ip link set eth0 up
run ip -n remote addr add 198.51.100.2/24 dev eth0
run ip -n remote link set eth0 up

say "NAT: leave through eth0 with the host's address"
run ip nat forward on
run ip nat add masquerade src 192.168.1.0/24 oif eth0
run ip nat show
run ip netns exec namespace_A ping -c 1 -W 2 198.51.100.2
say "The remote saw the host's address as the source"
run ip -n remote neigh show dev eth0
run ip -s nat show

echo
if [ "$failed" -eq 0 ]; then
	echo "Tutorial complete: every step worked. The sandbox now disappears with all of it."
else
	echo "Tutorial finished with $failed failed step(s)."
fi
[ "$failed" -eq 0 ]
