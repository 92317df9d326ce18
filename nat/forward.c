/* IP forwarding of the current network namespace: without it the host
 * never routes the traffic its nat rules are for. */
#include "nat.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *forward_path(int family)
{
	return family == AF_INET6 ? "/proc/sys/net/ipv6/conf/all/forwarding"
				  : "/proc/sys/net/ipv4/ip_forward";
}

int nat_forward_get(int family)
{
	int fd = open(forward_path(family), O_RDONLY | O_CLOEXEC);
	char c = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, &c, 1);
	close(fd);
	return n == 1 ? c != '0' : -1;
}

int nat_forward_set(int family, bool on)
{
	int fd;
	ssize_t n;

	if (nl_dry_run)		/* a fuzzer never touches the sysctls */
		return 0;
	fd = open(forward_path(family), O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, on ? "1\n" : "0\n", 2);
	close(fd);
	return n == 2 ? 0 : -1;
}
