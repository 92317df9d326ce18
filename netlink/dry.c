/* Dry run, for the fuzz targets: requests are checked, never sent.  A
 * request the builders got wrong (attributes that do not tile their
 * message or their nests: attr_tiled) is a bug in ipbox, so it aborts
 * where a fuzzer sees it.  The answer is the target's (nl_dry_answer)
 * followed by what ends the exchange: an ack, or the end of a dump. */
#include "nl.h"
#include "attr.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/fib_rules.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

bool nl_dry_run;
size_t (*nl_dry_answer)(const struct nlmsghdr *req, void *buf, size_t size);

/* The answer waiting for nl_dry_recv(): every exchange is one send then
 * one receive on the same socket, so one slot serves them all. */
static size_t pending;

/* The fixed header before a request's attributes, by message type. */
static size_t request_hdrlen(uint16_t type, bool nfnetlink)
{
	if (nfnetlink)
		return sizeof(struct nfgenmsg);
	switch (type & ~3) {
	case RTM_BASE:
		return sizeof(struct ifinfomsg);
	case RTM_NEWADDR:
		return sizeof(struct ifaddrmsg);
	case RTM_NEWROUTE:
		return sizeof(struct rtmsg);
	case RTM_NEWNEIGH:
		return sizeof(struct ndmsg);
	case RTM_NEWNSID:
		return sizeof(struct rtgenmsg);
	case RTM_NEWLINKPROP:
		return sizeof(struct ifinfomsg);
	case RTM_NEWRULE:
		return sizeof(struct fib_rule_hdr);
	case RTM_NEWNEXTHOP:
	case RTM_NEWNEXTHOPBUCKET:
		return sizeof(struct nhmsg);
	case RTM_NEWSTATS:
		return sizeof(struct if_stats_msg);
	}
	abort();	/* a request type this check has not learnt yet */
}

void nl_dry_check(const void *buf, size_t len, bool nfnetlink)
{
	const struct nlmsghdr *nlh = buf;
	int left = (int)len;

	for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		size_t hdrlen = MNL_ALIGN(request_hdrlen(nlh->nlmsg_type, nfnetlink));

		if (!(nlh->nlmsg_flags & NLM_F_REQUEST) || nlh->nlmsg_len < NLMSG_HDRLEN + hdrlen)
			abort();
		if (!attr_tiled((const char *)nlh + NLMSG_HDRLEN + hdrlen,
				nlh->nlmsg_len - NLMSG_HDRLEN - hdrlen, nlh->nlmsg_type, 0))
			abort();
	}
	if (left != 0)
		abort();
}

/* What the kernel ends an exchange with: NLMSG_DONE after a dump, an
 * ack (capped: the request's header only) otherwise. */
static size_t put_end(const struct nlmsghdr *req, char *buf)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	if (req->nlmsg_flags & NLM_F_DUMP) {
		nlh->nlmsg_type = NLMSG_DONE;
		nlh->nlmsg_flags = NLM_F_MULTI;
		*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = 0;
	} else {
		struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

		nlh->nlmsg_type = NLMSG_ERROR;
		nlh->nlmsg_flags = NLM_F_CAPPED;
		e->error = 0;
		e->msg = *req;
	}
	return nlh->nlmsg_len;
}

int nl_dry_send(struct nl *nl, const struct nlmsghdr *req)
{
	const size_t end_room = NLMSG_HDRLEN + sizeof(struct nlmsgerr);
	size_t n = 0, left;
	struct nlmsghdr *nlh;

	/* rtnetlink's types fit a byte; nfnetlink's carry their subsystem. */
	nl_dry_check(req, req->nlmsg_len, req->nlmsg_type >> 8);
	if (nl_dry_answer)
		n = nl_dry_answer(req, nl->rx, sizeof(nl->rx) - end_room - NLMSG_ALIGNTO);
	/* The target's messages answer this request, whatever they say. */
	for (nlh = (void *)nl->rx, left = n; left >= NLMSG_HDRLEN && nlh->nlmsg_len >= NLMSG_HDRLEN &&
	     nlh->nlmsg_len <= left; nlh = (void *)((char *)nlh + NLMSG_ALIGN(nlh->nlmsg_len))) {
		nlh->nlmsg_seq = req->nlmsg_seq;
		nlh->nlmsg_pid = nl->portid;
		left = NLMSG_ALIGN(nlh->nlmsg_len) < left ? left - NLMSG_ALIGN(nlh->nlmsg_len) : 0;
	}
	memset(nl->rx + n, 0, NLMSG_ALIGN(n) - n);
	n = NLMSG_ALIGN(n);
	nlh = (struct nlmsghdr *)(nl->rx + n);
	n += put_end(req, (char *)nlh);
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_pid = nl->portid;
	pending = n;
	return 0;
}

/* ip monitor's events: the target's answers to a request of type 0,
 * which no real request has; 0 when it has none left. */
size_t nl_dry_events(void *buf, size_t size)
{
	struct nlmsghdr req = { .nlmsg_len = sizeof(req) };

	return nl_dry_answer ? nl_dry_answer(&req, buf, size) : 0;
}

ssize_t nl_dry_recv(void)
{
	ssize_t n = (ssize_t)pending;

	pending = 0;
	if (n == 0)
		errno = EIO;	/* nothing was asked: never wait */
	return n ? n : -1;
}
