/* ip monitor: the kernel's rtnetlink events as they happen, or as rtmon
 * recorded them, each printed by its object's own printer (the one show
 * uses), behind iproute2's timestamp, nsid and [LABEL] heads. */
#include "link.h"
#include "neigh.h"
#include "nexthop.h"
#include "route_print.h"
#include "rule.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <linux/netconf.h>
#include <linux/rtnetlink.h>

#include "../args/inet.h"
#include "../args/walk.h"
#include "../args/wordpool.h"
#include "../netlink/attr.h"
#include "../netlink/listen.h"
#include "usage.h"
#include "words.h"

USAGE(monitor,
	"Usage: ip monitor [ all | OBJECTS ] [ FILE ] [ label ] [ all-nsid ]\n"
	"                  [ dev DEVICE ]\n"
	"OBJECTS :=  address | link | mroute | neigh | netconf |\n"
	"            nexthop | nsid | prefix | route | rule | stats\n"
	"FILE := file FILENAME\n");

static int monitor_usage(void)
{
	return usage_print("monitor");
}

/* rtmon's clock records (iproute2's libnetlink.h; no uapi name). */
#define NLMSG_TSTAMP 15

/* The objects one can ask for. */
enum {
	MON_LINK = 1 << 0, MON_ADDR = 1 << 1, MON_ROUTE = 1 << 2, MON_MROUTE = 1 << 3,
	MON_PREFIX = 1 << 4, MON_NEIGH = 1 << 5, MON_NETCONF = 1 << 6, MON_STATS = 1 << 7,
	MON_RULE = 1 << 8, MON_NSID = 1 << 9, MON_NEXTHOP = 1 << 10,
};

struct monitor {
	struct ipbox *ib;
	unsigned int objects;	/* MON_*; none named: all */
	bool label;		/* [LINK], [ADDR]... before each event */
	bool all_nsid;		/* peer namespaces' events too, [nsid N] */
	const char *file;	/* rtmon's record instead of the kernel */
	int ifindex;		/* dev DEV, or 0 */
	struct ifcache book;	/* link names as the events tell them */
	/* the objects' own printers */
	struct link_filter lf;
	struct link_show ls;
	struct addr_ctx *addrs;
	struct route_show *routes;
	struct neigh_show *neighs;
	struct netns_names *peers;
};

/* ---- the words ---------------------------------------------------------- */

static int mon_file(struct monitor *m, struct arg_walk *w)
{
	WALK_NEXT(w, m->file);
	return 0;
}

static int mon_label(struct monitor *m, struct arg_walk *w)
{
	(void)w;
	m->label = true;
	return 0;
}

static int mon_all_nsid(struct monitor *m, struct arg_walk *w)
{
	(void)w;
	m->all_nsid = true;
	return 0;
}

static int mon_help(struct monitor *m, struct arg_walk *w)
{
	(void)m, (void)w;
	return monitor_usage();
}

/* iproute2 looks the device up as it reads the word. */
static int mon_dev(struct monitor *m, struct arg_walk *w)
{
	const char *v;

	WALK_NEXT(w, v);
	m->ifindex = ifname_to_index(v);
	if (!m->ifindex)
		return arg_invalid("Device does not exist\n", v);
	return 0;
}

/* iproute2's order: `l` is label, `a` address, `al` all-nsid (`all`
 * must be whole), `n` neigh, `s` nothing (`stats` must be whole).  A
 * row with no handler names objects. */
static const struct monitor_word {
	word_off word;
	bool exact;
	unsigned int objects;
	int (*fn)(struct monitor *m, struct arg_walk *w);
} monitor_words[] = {
	{ W("file"), false, 0, mon_file }, { W("label"), false, 0, mon_label },
	{ W("link"), false, MON_LINK, NULL }, { W("address"), false, MON_ADDR, NULL },
	{ W("route"), false, MON_ROUTE, NULL }, { W("mroute"), false, MON_MROUTE, NULL },
	{ W("prefix"), false, MON_PREFIX, NULL }, { W("neigh"), false, MON_NEIGH, NULL },
	{ W("netconf"), false, MON_NETCONF, NULL }, { W("rule"), false, MON_RULE, NULL },
	{ W("nsid"), false, MON_NSID, NULL }, { W("nexthop"), false, MON_NEXTHOP, NULL },
	{ W("stats"), true, MON_STATS, NULL }, { W("all"), true, 0, mon_label },
	{ W("all-nsid"), false, 0, mon_all_nsid }, { W("help"), false, 0, mon_help },
	{ W("dev"), true, 0, mon_dev },
};

static const struct monitor_word *monitor_word_find(const char *w)
{
	return KEYWORD_FIND(monitor_words, w);
}

static int monitor_parse(struct monitor *m, int argc, char **argv)
{
	struct arg_walk w = { argc, argv };

	for (; w.argc > 0; w.argc--, w.argv++) {
		const struct monitor_word *mw = monitor_word_find(*w.argv);
		int ret;

		if (!mw) {
			fprintf(stderr, "Argument \"%s\" is unknown, try \"ip monitor help\".\n", *w.argv);
			return EXIT_USAGE;
		}
		m->objects |= mw->objects;
		ret = mw->fn ? mw->fn(m, &w) : 0;
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- the groups --------------------------------------------------------- */

/* The groups each object's events come on; a family row only when no
 * other family was asked for (-4, -6, -0). */
static const struct monitor_group {
	unsigned int object;
	int family;		/* AF_UNSPEC: whatever the family */
	unsigned int group;
	const char *name;
} monitor_groups[] = {
	{ MON_LINK, AF_UNSPEC, RTNLGRP_LINK, "link" },
	{ MON_ADDR, AF_INET, RTNLGRP_IPV4_IFADDR, "address" },
	{ MON_ADDR, AF_INET6, RTNLGRP_IPV6_IFADDR, "address" },
	{ MON_ROUTE, AF_INET, RTNLGRP_IPV4_ROUTE, "route" },
	{ MON_ROUTE, AF_INET6, RTNLGRP_IPV6_ROUTE, "route" },
	{ MON_ROUTE, AF_MPLS, RTNLGRP_MPLS_ROUTE, "route" },
	{ MON_MROUTE, AF_INET, RTNLGRP_IPV4_MROUTE, "mroute" },
	{ MON_MROUTE, AF_INET6, RTNLGRP_IPV6_MROUTE, "mroute" },
	{ MON_PREFIX, AF_INET6, RTNLGRP_IPV6_PREFIX, "prefix" },
	{ MON_NEIGH, AF_UNSPEC, RTNLGRP_NEIGH, "neigh" },
	{ MON_NETCONF, AF_INET, RTNLGRP_IPV4_NETCONF, "netconf" },
	{ MON_NETCONF, AF_INET6, RTNLGRP_IPV6_NETCONF, "netconf" },
	{ MON_NETCONF, AF_MPLS, RTNLGRP_MPLS_NETCONF, "netconf" },
	{ MON_RULE, AF_INET, RTNLGRP_IPV4_RULE, "rule" },
	{ MON_RULE, AF_INET6, RTNLGRP_IPV6_RULE, "rule" },
	{ MON_NSID, AF_UNSPEC, RTNLGRP_NSID, "nsid" },
	{ MON_NEXTHOP, AF_UNSPEC, RTNLGRP_NEXTHOP, "nexthop" },
	{ MON_STATS, AF_UNSPEC, RTNLGRP_STATS, "stats" },
};

/* Join every group of the objects asked for (all when none was); a
 * group the kernel lacks is an error only for an object named (iproute2
 * says so for stats, whose group is the newest). */
static int monitor_join(struct monitor *m, struct nl *nl)
{
	unsigned int want = m->objects ? m->objects : ~0u;
	int family = m->ib->family;

	for (size_t i = 0; i < ARRAY_SIZE(monitor_groups); i++) {
		const struct monitor_group *g = &monitor_groups[i];

		if (!(want & g->object) ||
		    (g->family != AF_UNSPEC && family != AF_UNSPEC && family != g->family))
			continue;
		if (nl_join(nl, g->group) < 0 && (m->objects & g->object || g->object != MON_STATS)) {
			fprintf(stderr, "Failed to add %s group to list\n", g->name);
			return -1;
		}
	}
	if (m->all_nsid && nl_listen_all_nsid(nl) < 0)
		return -1;
	return 0;
}

/* ---- heads -------------------------------------------------------------- */

static void print_time_head(struct printer *p, bool tshort)
{
	struct timeval tv;
	char buf[64];

	gettimeofday(&tv, NULL);
	if (tshort) {
		strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", localtime(&tv.tv_sec));
		print_text(p, "[%s.%06ld] ", buf, (long)tv.tv_usec);
	} else {
		asctime_r(localtime(&tv.tv_sec), buf);
		buf[strcspn(buf, "\n")] = '\0';
		print_text(p, "Timestamp: %s %ld usec\n", buf, (long)tv.tv_usec);
	}
}

/* What iproute2 prints before an event: text only (under -j each event
 * is one JSON object, ipbox-monitor(8)). */
static void print_heads(struct monitor *m, const char *label, int nsid)
{
	struct printer *p = m->ib->pr;

	if (m->ib->timestamp)
		print_time_head(p, m->ib->tshort);
	if (m->all_nsid) {
		if (nsid < 0)
			print_text(p, "[nsid current]");
		else
			print_text(p, "[nsid %d]", nsid);
	}
	if (m->label)
		print_text(p, "%s", label);
}

/* ---- the objects' printers ---------------------------------------------- */

static void print_link_event(struct monitor *m, const struct nlmsghdr *nlh)
{
	print_open_object(m->ib->pr, NULL);
	link_print(&m->ls, nlh);
	print_close_object(m->ib->pr);
}

static void print_addr_event(struct monitor *m, const struct nlmsghdr *nlh)
{
	addr_one(nlh, m->addrs);
}

static void print_route_event(struct monitor *m, const struct nlmsghdr *nlh)
{
	struct route rt;

	if (route_read(nlh, &rt) == 0)
		print_route(m->routes, nlh, &rt);
}

static void print_neigh_event(struct monitor *m, const struct nlmsghdr *nlh)
{
	neigh_show_one(nlh, m->neighs);
}

static void print_nsid_event(struct monitor *m, const struct nlmsghdr *nlh)
{
	netns_nsid_event(m->ib, m->peers, nlh);
}

static void print_rule_event(struct monitor *m, const struct nlmsghdr *nlh)
{
	rule_print(m->ib, nlh);
}

static void print_nexthop_event(struct monitor *m, const struct nlmsghdr *nlh)
{
	nexthop_print(m->ib, &m->book, nlh);
}

static void print_bucket_event(struct monitor *m, const struct nlmsghdr *nlh)
{
	nexthop_bucket_print(m->ib, nlh);
}

static const char *family_name(int family)
{
	switch (family) {
	case AF_INET: return "inet";
	case AF_INET6: return "inet6";
	case AF_PACKET: return "link";
	case AF_MPLS: return "mpls";
	case AF_BRIDGE: return "bridge";
	default: return "???";
	}
}

static const enum mnl_attr_data_type netconf_policy[NETCONFA_MAX + 1] = {
	[NETCONFA_IFINDEX] = MNL_TYPE_U32, [NETCONFA_FORWARDING] = MNL_TYPE_U32,
	[NETCONFA_RP_FILTER] = MNL_TYPE_U32, [NETCONFA_MC_FORWARDING] = MNL_TYPE_U32,
	[NETCONFA_PROXY_NEIGH] = MNL_TYPE_U32,
	[NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN] = MNL_TYPE_U32, [NETCONFA_INPUT] = MNL_TYPE_U32,
};

static void netconf_on_off(struct printer *p, const char *key, const char *fmt, const struct nlattr *a)
{
	print_on_off(p, PRINT_ANY, key, fmt, mnl_attr_get_u32(a) != 0);
}

/* The device a netconf message is about: "all", "default" or a link. */
static const char *netconf_dev(struct monitor *m, int ifindex, char buf[IF_NAMESIZE])
{
	if (ifindex == NETCONFA_IFINDEX_ALL)
		return "all";
	if (ifindex == NETCONFA_IFINDEX_DEFAULT)
		return "default";
	return ifcache_name(&m->book, ifindex, buf);
}

static void print_netconf(struct monitor *m, const struct nlmsghdr *nlh)
{
	static const char *const rp_filter[] = { "off", "strict", "loose" };
	const struct netconfmsg *ncm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NETCONFA_MAX + 1];
	struct printer *p = m->ib->pr;
	char dev[IF_NAMESIZE];

	if (attr_parse(tb, NETCONFA_MAX, netconf_policy, nlh, sizeof(*ncm)) < 0)
		return;
	print_open_object(p, NULL);
	if (nlh->nlmsg_type == RTM_DELNETCONF)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	print_string(p, PRINT_ANY, "family", "%s ", family_name(ncm->ncm_family));
	if (tb[NETCONFA_IFINDEX])
		print_color_string(p, PRINT_ANY, COLOR_IFNAME, "interface", "%s ",
				   netconf_dev(m, (int)mnl_attr_get_u32(tb[NETCONFA_IFINDEX]), dev));
	if (tb[NETCONFA_FORWARDING])
		netconf_on_off(p, "forwarding", "forwarding %s ", tb[NETCONFA_FORWARDING]);
	if (tb[NETCONFA_RP_FILTER]) {
		uint32_t rp = mnl_attr_get_u32(tb[NETCONFA_RP_FILTER]);

		if (rp < ARRAY_SIZE(rp_filter))
			print_string(p, PRINT_ANY, "rp_filter", "rp_filter %s ", rp_filter[rp]);
		else
			print_uint(p, PRINT_ANY, "rp_filter", "rp_filter %u ", rp);
	}
	if (tb[NETCONFA_MC_FORWARDING])
		netconf_on_off(p, "mc_forwarding", "mc_forwarding %s ", tb[NETCONFA_MC_FORWARDING]);
	if (tb[NETCONFA_PROXY_NEIGH])
		netconf_on_off(p, "proxy_neigh", "proxy_neigh %s ", tb[NETCONFA_PROXY_NEIGH]);
	if (tb[NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN])
		netconf_on_off(p, "ignore_routes_with_linkdown", "ignore_routes_with_linkdown %s ",
			     tb[NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN]);
	if (tb[NETCONFA_INPUT])
		netconf_on_off(p, "input", "input %s ", tb[NETCONFA_INPUT]);
	print_close_object(p);
	print_text(p, "\n");
}

/* The kernel's prefix flags (net/ipv6/addrconf.c), not in uapi. */
#define IF_PREFIX_ONLINK 0x01
#define IF_PREFIX_AUTOCONF 0x02

static const enum mnl_attr_data_type prefix_policy[PREFIX_MAX + 1] = {
	[PREFIX_ADDRESS] = MNL_TYPE_BINARY, [PREFIX_CACHEINFO] = MNL_TYPE_BINARY,
};

/* An IPv6 router advertisement's prefix (iproute2's print_prefix, with
 * the space it leaves out before "dev"). */
static void print_prefix(struct monitor *m, const struct nlmsghdr *nlh)
{
	const struct prefixmsg *pm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[PREFIX_MAX + 1];
	struct printer *p = m->ib->pr;
	char addr[INET6_ADDRSTRLEN], dev[IF_NAMESIZE];

	if (pm->prefix_family != AF_INET6) {
		fprintf(stderr, "incorrect protocol family: %d\n", pm->prefix_family);
		return;
	}
	if (pm->prefix_type != 3 /* ND_OPT_PREFIX_INFORMATION */) {
		fprintf(stderr, "wrong ND type %d\n", pm->prefix_type);
		return;
	}
	if (attr_parse(tb, PREFIX_MAX, prefix_policy, nlh, sizeof(*pm)) < 0)
		return;
	print_open_object(p, NULL);
	if (tb[PREFIX_ADDRESS] && mnl_attr_get_payload_len(tb[PREFIX_ADDRESS]) == 16) {
		print_string(p, PRINT_ANY, "prefix", "prefix %s",
			     inet_ntop_raw(AF_INET6, mnl_attr_get_payload(tb[PREFIX_ADDRESS]), addr));
		print_uint(p, PRINT_ANY, "prefixlen", "/%u ", pm->prefix_len);
	}
	print_string(p, PRINT_ANY, "dev", "dev %s ", ifcache_name(&m->book, pm->prefix_ifindex, dev));
	if (pm->prefix_flags & IF_PREFIX_ONLINK)
		print_bool(p, PRINT_ANY, "onlink", "onlink ", true);
	if (pm->prefix_flags & IF_PREFIX_AUTOCONF)
		print_bool(p, PRINT_ANY, "autoconf", "autoconf ", true);
	if (tb[PREFIX_CACHEINFO] &&
	    mnl_attr_get_payload_len(tb[PREFIX_CACHEINFO]) >= sizeof(struct prefix_cacheinfo)) {
		struct prefix_cacheinfo ci;

		memcpy(&ci, mnl_attr_get_payload(tb[PREFIX_CACHEINFO]), sizeof(ci));
		print_uint(p, PRINT_ANY, "valid", "valid %u ", ci.valid_time);
		print_uint(p, PRINT_ANY, "preferred", "preferred %u ", ci.preferred_time);
	}
	print_close_object(p);
	print_text(p, "\n");
}

/* rtmon's clock records, between the events it wrote. */
static void print_record_time(struct monitor *m, const struct nlmsghdr *nlh)
{
	struct printer *p = m->ib->pr;
	uint32_t t[2];
	time_t secs;
	char buf[64];

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(t))
		return;
	memcpy(t, mnl_nlmsg_get_payload(nlh), sizeof(t));
	secs = t[0];
	asctime_r(localtime(&secs), buf);
	buf[strcspn(buf, "\n")] = '\0';
	print_open_object(p, NULL);
	print_string(p, PRINT_ANY, "timestamp", "Timestamp: %s", buf);
	print_uint(p, PRINT_ANY, "usec", " %u us\n", t[1]);
	print_close_object(p);
}

/* ---- which events print ------------------------------------------------- */

static int route_oif(const struct nlmsghdr *nlh)
{
	struct route rt;

	return route_read(nlh, &rt) == 0 && rt.tb[RTA_OIF] ? (int)mnl_attr_get_u32(rt.tb[RTA_OIF]) : 0;
}

static int netconf_ifindex(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[NETCONFA_MAX + 1];

	if (attr_parse(tb, NETCONFA_MAX, netconf_policy, nlh, sizeof(struct netconfmsg)) < 0 ||
	    !tb[NETCONFA_IFINDEX])
		return 0;
	return (int)mnl_attr_get_u32(tb[NETCONFA_IFINDEX]);
}

/* What `dev DEV` compares: the device an event is about. */
static int event_ifindex(const struct nlmsghdr *nlh)
{
	const void *hdr = mnl_nlmsg_get_payload(nlh);

	switch (nlh->nlmsg_type) {
	case RTM_NEWLINK: case RTM_DELLINK:
		return ((const struct ifinfomsg *)hdr)->ifi_index;
	case RTM_NEWADDR: case RTM_DELADDR:
		return (int)((const struct ifaddrmsg *)hdr)->ifa_index;
	case RTM_NEWNEIGH: case RTM_DELNEIGH:
		return ((const struct ndmsg *)hdr)->ndm_ifindex;
	case RTM_NEWROUTE: case RTM_DELROUTE:
		return route_oif(nlh);
	case RTM_NEWNETCONF: case RTM_DELNETCONF:
		return netconf_ifindex(nlh);
	}
	return -1;	/* not about a device */
}

/* iproute2's filters (-f for neighbours and prefixes, dev), applied
 * before anything prints: it printed the heads of an event its printer
 * then left out (ipbox-monitor(8)). */
static bool event_wanted(struct monitor *m, const struct nlmsghdr *nlh)
{
	int family = m->ib->family, ifindex = event_ifindex(nlh);

	if (m->ifindex && ifindex >= 0 && ifindex != m->ifindex)
		return false;
	switch (nlh->nlmsg_type) {
	case RTM_NEWNEIGH: case RTM_DELNEIGH:
		return !family || ((const struct ndmsg *)mnl_nlmsg_get_payload(nlh))->ndm_family == family;
	case RTM_NEWPREFIX:
		return !family || family == AF_INET6;
	case RTM_NEWROUTE: case RTM_DELROUTE: {
		const struct rtmsg *r = mnl_nlmsg_get_payload(nlh);

		/* cached clones are not events anyone asked for; multicast
		 * routes have no printer in ipbox */
		return !(r->rtm_flags & RTM_F_CLONED) &&
		       r->rtm_family != RTNL_FAMILY_IPMR && r->rtm_family != RTNL_FAMILY_IP6MR;
	}
	}
	return true;
}

/* Each kind of message: its fixed header's size, iproute2's label and
 * the printer.  Multicast routes and stats have none in ipbox: their
 * events are left out (ipbox-monitor(8)). */
static const struct event_kind {
	uint16_t type[2];
	size_t hdrlen;
	const char *label;
	void (*print)(struct monitor *m, const struct nlmsghdr *nlh);
} event_kinds[] = {
	{ { RTM_NEWROUTE, RTM_DELROUTE }, sizeof(struct rtmsg), "[ROUTE]", print_route_event },
	{ { RTM_NEWLINK, RTM_DELLINK }, sizeof(struct ifinfomsg), "[LINK]", print_link_event },
	{ { RTM_NEWADDR, RTM_DELADDR }, sizeof(struct ifaddrmsg), "[ADDR]", print_addr_event },
	{ { RTM_NEWNEIGH, RTM_DELNEIGH }, sizeof(struct ndmsg), "[NEIGH]", print_neigh_event },
	{ { RTM_NEWPREFIX, RTM_NEWPREFIX }, sizeof(struct prefixmsg), "[PREFIX]", print_prefix },
	{ { RTM_NEWRULE, RTM_DELRULE }, 0, "[RULE]", print_rule_event },
	{ { RTM_NEWNETCONF, RTM_DELNETCONF }, sizeof(struct netconfmsg), "[NETCONF]", print_netconf },
	{ { RTM_NEWNSID, RTM_DELNSID }, sizeof(struct rtgenmsg), "[NSID]", print_nsid_event },
	{ { RTM_NEWNEXTHOP, RTM_DELNEXTHOP }, 0, "[NEXTHOP]", print_nexthop_event },
	{ { RTM_NEWNEXTHOPBUCKET, RTM_DELNEXTHOPBUCKET }, 0, "[NEXTHOPBUCKET]", print_bucket_event },
	{ { RTM_NEWSTATS, RTM_NEWSTATS }, 0, "[STATS]", NULL },
	{ { NLMSG_TSTAMP, NLMSG_TSTAMP }, 0, NULL, print_record_time },
};

static const struct event_kind *event_kind_find(uint16_t type)
{
	for (size_t i = 0; i < ARRAY_SIZE(event_kinds); i++)
		if (type == event_kinds[i].type[0] || type == event_kinds[i].type[1])
			return &event_kinds[i];
	return NULL;
}


static int monitor_event(const struct nlmsghdr *nlh, int nsid, void *data)
{
	struct monitor *m = data;
	struct printer *p = m->ib->pr;
	const struct event_kind *k = event_kind_find(nlh->nlmsg_type);

	if (nlh->nlmsg_type == RTM_NEWLINK || nlh->nlmsg_type == RTM_DELLINK)
		ifcache_learn(&m->book, nlh);
	if (!k) {
		if (nlh->nlmsg_type != NLMSG_NOOP && nlh->nlmsg_type != NLMSG_ERROR &&
		    nlh->nlmsg_type != NLMSG_DONE)
			fprintf(stderr, "Unknown message: type=0x%08x(%d) flags=0x%08x(%d) len=0x%08x(%d)\n",
				nlh->nlmsg_type, nlh->nlmsg_type, nlh->nlmsg_flags, nlh->nlmsg_flags,
				nlh->nlmsg_len, nlh->nlmsg_len);
		return 0;
	}
	if (mnl_nlmsg_get_payload_len(nlh) < k->hdrlen) {
		fprintf(stderr, "BUG: wrong nlmsg len %d\n",
			(int)mnl_nlmsg_get_payload_len(nlh) - (int)k->hdrlen);
		return -1;
	}
	if (!k->print || !event_wanted(m, nlh))
		return 0;
	if (k->label)
		print_heads(m, k->label, nsid);
	k->print(m, nlh);
	print_record_end(p);
	/* events are for someone waiting on them: never sit in a buffer */
	return out_flush(&p->out);
}

/* ---- setting up --------------------------------------------------------- */

static int learn_link(const struct nlmsghdr *nlh, void *data)
{
	ifcache_learn(data, nlh);
	return NL_CB_OK;
}

/* Every link's name before the first event, as iproute2's ll_init_map. */
static int monitor_learn_links(struct monitor *m)
{
	struct nl *nl = rt_socket(m->ib);
	struct nlreq req;
	struct ifinfomsg *ifi;

	if (!nl)
		return -1;
	ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	nlreq_put_u32(&req, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	return nl_dump(nl, &req, learn_link, &m->book);
}

static int monitor_printers_new(struct monitor *m)
{
	struct ipbox *ib = m->ib;

	link_filter_init(&m->lf, AF_UNSPEC);
	m->lf.no_qlen = true;
	m->ls = (struct link_show){ .ib = ib, .f = &m->lf };
	m->addrs = addr_events_new(ib, &m->lf);
	m->routes = route_show_new(ib);
	m->neighs = neigh_events_new(ib, m->ifindex);
	m->peers = netns_events_new(ib);
	if (!m->addrs || !m->routes || !m->neighs || !m->peers)
		return -1;
	/* with dev DEV iproute2 leaves the device out of route lines */
	m->routes->f.oif = m->ifindex;
	ifcache_book(&m->book);
	return 0;
}

static void monitor_printers_free(struct monitor *m)
{
	ifcache_book(NULL);
	ifcache_close(&m->book);
	ifcache_close(&m->ls.names);
	if (m->addrs)
		addr_events_free(m->addrs);
	if (m->routes)
		route_show_free(m->routes);
	if (m->neighs)
		neigh_show_free(m->neighs);
	if (m->peers)
		netns_events_free(m->peers);
}

static int monitor_replay(struct monitor *m)
{
	FILE *f = fopen(m->file, "re");
	int ret;

	if (!f) {
		perror("Cannot fopen");
		return EXIT_USAGE;
	}
	ret = nl_replay(f, monitor_event, m);
	fclose(f);
	return ret < 0 ? EXIT_FAIL : EXIT_OK;
}

/* Listens until killed: only a failure returns (iproute2's exit 2). */
static int monitor_listen(struct monitor *m)
{
	struct nl *nl = nl_new(NETLINK_ROUTE);
	int ret = EXIT_FAIL;

	if (!nl) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	if (monitor_join(m, nl) == 0 && monitor_learn_links(m) == 0) {
		nl_listen(nl, monitor_event, m);
		ret = EXIT_KERNEL;
	}
	nl_free(nl);
	return ret;
}

int do_monitor(struct ipbox *ib, int argc, char **argv)
{
	struct monitor *m = calloc(1, sizeof(*m));
	int ret;

	if (!m) {
		perror("calloc");
		return EXIT_FAIL;
	}
	m->ib = ib;
	ret = monitor_parse(m, argc, argv);
	if (!ret)
		ret = monitor_printers_new(m) < 0 ? EXIT_FAIL :
		      m->file ? monitor_replay(m) : monitor_listen(m);
	monitor_printers_free(m);
	free(m);
	return ret;
}

void words_monitor(void)
{
	WORDS_POOLED("keyword", monitor_words);
}
