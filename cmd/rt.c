/* The rtnetlink service every object shares: ib->rt, opened on first use,
 * and rt_talk(), which sends one change and takes its ack, naming a
 * missing CAP_NET_ADMIN first and queueing the change instead under a
 * pipelined batch (-batch -force). */
#include "ipbox.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "../caps/caps.h"
#include "../netlink/pipe.h"

struct nl *rt_socket(struct ipbox *ib)
{
	if (!ib->rt && !(ib->rt = nl_new(NETLINK_ROUTE)))
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
	return ib->rt;
}

/* What a change request changes, for the missing-capability message. */
static const char *rt_change_what(uint16_t type)
{
	switch (type) {
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return "address change";
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return "route change";
	case RTM_NEWNEIGH:
	case RTM_DELNEIGH:
		return "neigh change";
	case RTM_NEWRULE:
	case RTM_DELRULE:
		return "rule change";
	case RTM_NEWNEXTHOP:
	case RTM_DELNEXTHOP:
		return "nexthop change";
	default:
		return "link change";
	}
}

/* Changes nothing but kernel tables that later lines reach through ib->rt
 * (whose every other request drains the pipeline first). */
static bool rt_pipelinable(const struct nlreq *req)
{
	switch (req->nlh->nlmsg_type) {
	case RTM_NEWROUTE: case RTM_DELROUTE:
	case RTM_NEWADDR: case RTM_DELADDR:
	case RTM_NEWNEIGH: case RTM_DELNEIGH:
		return true;
	}
	return false;
}

int rt_talk(struct ipbox *ib, struct nlreq *req)
{
	struct nl *nl;

	/* Every change needs CAP_NET_ADMIN: name it instead of the kernel's
	 * bare EPERM.  Capabilities do not change while ipbox runs, so once
	 * seen, a batch of many changes asks no more. */
	static bool net_admin;

	if (!net_admin && caps_require(CAP_NET_ADMIN, rt_change_what(req->nlh->nlmsg_type)) < 0)
		return EXIT_FAIL;
	net_admin = true;
	nl = rt_socket(ib);
	if (!nl)
		return EXIT_FAIL;
	/* A request the pipeline refuses (too big) fails as it would alone. */
	if (ib->pipe && rt_pipelinable(req) && nl_pipe_queue(ib->pipe, nl, req) == 0)
		return EXIT_OK;
	if (nl_talk(nl, req, NULL, NULL) < 0) {
		nl_perror(nl);
		return EXIT_KERNEL;
	}
	return EXIT_OK;
}
