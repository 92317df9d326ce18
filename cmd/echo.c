#include "echo.h"

#include <linux/rtnetlink.h>

#include "link.h"
#include "nexthop.h"
#include "route_print.h"
#include "rule.h"

static void echo_route(struct ipbox *ib, const struct nlmsghdr *nlh)
{
	struct route_show *s = route_show_new(ib);
	struct route rt;

	if (!s)
		return;
	if (route_read(nlh, &rt) == 0)
		print_route(s, nlh, &rt);
	route_show_free(s);
}

/* An address as flush and monitor print one: "INDEX: DEV" first. */
static void echo_addr(struct ipbox *ib, const struct nlmsghdr *nlh)
{
	struct link_filter f;
	struct addr_ctx *c;

	link_filter_init(&f, ib->family);
	c = addr_events_new(ib, &f);
	if (!c)
		return;
	addr_one(nlh, c);
	addr_events_free(c);
}

static void echo_link(struct ipbox *ib, const struct nlmsghdr *nlh)
{
	struct link_filter f;
	struct link_show ls = { .ib = ib, .f = &f };

	link_filter_init(&f, AF_UNSPEC);
	f.no_qlen = true;	/* as monitor's: iproute2 prints none here */
	print_open_object(ib->pr, NULL);
	link_print(&ls, nlh);
	print_close_object(ib->pr);
	ifcache_close(&ls.names);
}

static void echo_nexthop(struct ipbox *ib, const struct nlmsghdr *nlh)
{
	struct ifcache ifc = { 0 };

	nexthop_print(ib, &ifc, nlh);
	ifcache_close(&ifc);
}

int echo_print(struct ipbox *ib, const struct nlmsghdr *nlh)
{
	switch (nlh->nlmsg_type) {
	case RTM_NEWROUTE: case RTM_DELROUTE:
		echo_route(ib, nlh);
		return 0;
	case RTM_NEWADDR: case RTM_DELADDR:
		echo_addr(ib, nlh);
		return 0;
	case RTM_NEWLINK: case RTM_DELLINK:
		echo_link(ib, nlh);
		return 0;
	case RTM_NEWRULE: case RTM_DELRULE:
		rule_print(ib, nlh);
		return 0;
	case RTM_NEWNEXTHOP: case RTM_DELNEXTHOP:
		echo_nexthop(ib, nlh);
		return 0;
	}
	return -1;
}
