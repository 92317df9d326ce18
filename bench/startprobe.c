/* bench/startprobe: the floor of `link show` as a process: a program
 * linked like ipbox (libc and libmnl, dynamically) that dumps the links
 * and prints "INDEX: NAME" for each, with nothing else: no options, no
 * tables, no checks.  The start-up row's second ip column runs it, so
 * what ipbox costs above it is ipbox's own (issue 19: start-up against
 * /bin/true).  Not part of ipbox: a measuring stick, built by `make bench`. */
#include <stdio.h>
#include <time.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

static int print_link(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;

	(void)data;
	mnl_attr_for_each(a, nlh, sizeof(*ifi))
		if (mnl_attr_get_type(a) == IFLA_IFNAME)
			printf("%d: %s\n", ifi->ifi_index, mnl_attr_get_str(a));
	return MNL_CB_OK;
}

int main(void)
{
	static char buf[32768] __attribute__((aligned(8)));
	struct mnl_socket *sk = mnl_socket_open(NETLINK_ROUTE);
	struct nlmsghdr *nlh;
	unsigned int seq = (unsigned int)time(NULL);
	ssize_t n;
	int ret = MNL_CB_OK;

	if (!sk || mnl_socket_bind(sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("netlink");
		return 2;
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	if (mnl_socket_sendto(sk, nlh, nlh->nlmsg_len) < 0) {
		perror("sendto");
		return 2;
	}
	while (ret > MNL_CB_STOP && (n = mnl_socket_recvfrom(sk, buf, sizeof(buf))) > 0)
		ret = mnl_cb_run(buf, (size_t)n, seq, mnl_socket_get_portid(sk), print_link, NULL);
	mnl_socket_close(sk);
	return ret < 0 ? 1 : 0;
}
