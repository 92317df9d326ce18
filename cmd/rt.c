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
	if (ib->rt)
		return ib->rt;
	ib->rt = nl_new(NETLINK_ROUTE);
	if (!ib->rt) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		return NULL;
	}
	if (ib->rcvbuf_set && nl_set_rcvbuf(ib->rt, ib->rcvbuf) < 0) {
		perror("SO_RCVBUF");
		nl_free(ib->rt);
		ib->rt = NULL;
	}
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

/* The changes iproute2 echoes under -echo: not neighbours (6.1's
 * ipneigh_modify does not ask). */
static bool rt_echoes(const struct nlreq *req)
{
	switch (req->nlh->nlmsg_type) {
	case RTM_NEWROUTE: case RTM_DELROUTE:
	case RTM_NEWADDR: case RTM_DELADDR:
	case RTM_NEWLINK: case RTM_DELLINK:
	case RTM_NEWRULE: case RTM_DELRULE:
	case RTM_NEWNEXTHOP: case RTM_DELNEXTHOP:
		return true;
	}
	return false;
}

/* The kernel's copy of the change, before its ack: one JSON document,
 * begun with the first copy, so a refused change prints nothing. */
struct rt_echo {
	struct ipbox *ib;
	bool begun;
};

static int rt_echo_answer(const struct nlmsghdr *nlh, void *data)
{
	struct rt_echo *e = data;

	if (!e->begun)
		print_doc_begin(e->ib->pr);
	e->begun = true;
	e->ib->print_echoed(e->ib, nlh);
	return NL_CB_STOP;
}

static int rt_talk_echo(struct ipbox *ib, struct nl *nl, struct nlreq *req)
{
	struct rt_echo e = { ib, false };
	int ret = EXIT_OK;

	req->nlh->nlmsg_flags |= NLM_F_ECHO | NLM_F_ACK;
	if (nl_talk(nl, req, rt_echo_answer, &e) < 0) {
		nl_perror(nl);
		ret = nl->overflowed ? EXIT_FAIL : EXIT_KERNEL;
	}
	if (e.begun)
		print_doc_end(ib->pr);
	return ret;
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
	if (ib->echo && ib->print_echoed && rt_echoes(req))
		return rt_talk_echo(ib, nl, req);
	/* A request the pipeline refuses (too big) fails as it would alone. */
	if (ib->pipe && rt_pipelinable(req)) {
		int queued = nl_pipe_queue(ib->pipe, nl, req);

		if (queued == 0)
			return EXIT_OK;
		if (queued == -2) {	/* refused by -atomic's watcher */
			nl_perror(nl);
			return EXIT_KERNEL;
		}
	}
	if (nl_talk(nl, req, NULL, NULL) < 0) {
		nl_perror(nl);
		/* Too big to send is iproute2's -1 (status 1), not the kernel's. */
		return nl->overflowed ? EXIT_FAIL : EXIT_KERNEL;
	}
	return EXIT_OK;
}
