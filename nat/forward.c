/* IP forwarding of the current network namespace: without it the host
 * never routes the traffic its nat rules are for. */
#include "table.h"

#include <sys/socket.h>

#include "../namespace/sysctl.h"

static const char *forward_name(int family)
{
	return family == AF_INET6 ? "net/ipv6/conf/all/forwarding" : "net/ipv4/ip_forward";
}

int nat_forward_get(int family)
{
	int v = sysctl_read_int(forward_name(family));

	return v < 0 ? -1 : v != 0;
}

/* Under the dry run (-check, a fuzzer) the sysctl is not touched. */
int nat_forward_set(int family, bool on)
{
	return sysctl_write(forward_name(family), on ? "1\n" : "0\n") ? -1 : 0;
}
