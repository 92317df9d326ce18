/* What undoes an address, route, neighbour, rule, nexthop or altname
 * change (links: undo_link.c).  An add is undone by the delete its own
 * request names (the request itself, sent back as a delete); a replace
 * or change by the object as it was, read just before; a delete by the
 * object as it was, recreated, with what the kernel drops along with it.
 * Deletes are matched the way the kernel picks its victim: the first
 * object, in dump order, that has every attribute the request gives. */
#include "undo.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "../args/args.h"
#include "../netlink/attr.h"

/* The kernel's "forever" (include/net/addrconf.h). */
#define INFINITY_LIFE_TIME 0xFFFFFFFFu
/* iproute2 and the kernel: an IPv6 route without a metric has 1024. */
#define IP6_RT_PRIO_USER 1024

int undo_refuse(struct undo *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->why, sizeof(u->why), fmt, ap);
	va_end(ap);
	return -1;
}

static int copy_answer(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_len <= NL_RX_SIZE)
		memcpy(data, nlh, nlh->nlmsg_len);
	return NL_CB_STOP;
}

int undo_get(struct undo *u, struct nlreq *req, char *buf)
{
	((struct nlmsghdr *)buf)->nlmsg_len = 0;
	if (nl_talk(u->rd, req, copy_answer, buf) < 0) {
		int e = u->rd->error;

		if (e == ENOENT || e == ENODEV || e == ESRCH || e == EADDRNOTAVAIL || e == ENETUNREACH)
			return 0;
		return undo_refuse(u, "cannot read what it changes: %s", strerror(e));
	}
	return ((struct nlmsghdr *)buf)->nlmsg_len > 0;
}

/* A dump whose messages each go to cb; -1 with u->why on failure. */
static int undo_dump(struct undo *u, struct nlreq *req, nl_cb cb, void *data)
{
	if (nl_dump(u->rd, req, cb, data) < 0 && u->rd->error != ENOENT)
		return undo_refuse(u, "cannot read what it changes: %s", strerror(u->rd->error));
	return 0;
}

/* The request `src` (header of hdrlen bytes, then attributes), as request
 * `type` with `flags`, each attribute kept unless drop says so. */
static int echo_as(struct nlreq *r, const struct nlmsghdr *src, size_t hdrlen, uint16_t type,
		   uint16_t flags, bool (*drop)(uint16_t attr))
{
	const struct nlattr *a;
	void *hdr;

	nlreq_init(r, type, flags, 0);
	if (mnl_nlmsg_get_payload_len(src) < hdrlen || !(hdr = nlreq_reserve(r, hdrlen)))
		return -1;
	memcpy(hdr, mnl_nlmsg_get_payload(src), hdrlen);
	mnl_attr_for_each(a, src, hdrlen)
		if (!drop || !drop(mnl_attr_get_type(a)))
			nlreq_put(r, a->nla_type, mnl_attr_get_payload_len(a), mnl_attr_get_payload(a));
	return r->overflow ? -1 : 0;
}

static int put(struct undo *u, unsigned int flags)
{
	if (u->req->overflow)
		return undo_refuse(u, "its undo does not fit in a request");
	journal_rt(u->j, u->ns, NULL, flags, u->req->nlh);
	return 0;
}

/* The attribute of `type` in a message, or NULL. */
static const struct nlattr *find_attr(const struct nlmsghdr *nlh, size_t hdrlen, uint16_t type)
{
	const struct nlattr *a;

	if (mnl_nlmsg_get_payload_len(nlh) < hdrlen)
		return NULL;
	mnl_attr_for_each(a, nlh, hdrlen)
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

static bool attr_equal(const struct nlattr *a, const struct nlattr *b)
{
	return a && b && mnl_attr_get_payload_len(a) == mnl_attr_get_payload_len(b) &&
	       !memcmp(mnl_attr_get_payload(a), mnl_attr_get_payload(b), mnl_attr_get_payload_len(a));
}

/* ---- routes ------------------------------------------------------------ */

static uint32_t route_table(const struct nlmsghdr *nlh)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *t = find_attr(nlh, sizeof(*rtm), RTA_TABLE);

	if (t && mnl_attr_get_payload_len(t) >= 4)
		return mnl_attr_get_u32(t);
	return rtm->rtm_table ? rtm->rtm_table : RT_TABLE_MAIN;
}

static uint32_t route_u32(const struct nlmsghdr *nlh, uint16_t type, uint32_t none)
{
	const struct nlattr *a = find_attr(nlh, sizeof(struct rtmsg), type);

	return a && mnl_attr_get_payload_len(a) >= 4 ? mnl_attr_get_u32(a) : none;
}

/* A nexthop of `route` (its own or one of RTA_MULTIPATH) has the oif and
 * gateway the request names (those it names). */
static bool route_has_nexthop(const struct nlmsghdr *route, const struct nlattr *oif,
			      const struct nlattr *gw)
{
	const struct nlattr *mp = find_attr(route, sizeof(struct rtmsg), RTA_MULTIPATH);
	const char *p;
	size_t left;

	if (!mp)
		return (!oif || attr_equal(oif, find_attr(route, sizeof(struct rtmsg), RTA_OIF))) &&
		       (!gw || attr_equal(gw, find_attr(route, sizeof(struct rtmsg), RTA_GATEWAY)));
	p = mnl_attr_get_payload(mp);
	left = mnl_attr_get_payload_len(mp);
	while (left >= sizeof(struct rtnexthop)) {
		const struct rtnexthop *nh = (const void *)p;
		const struct nlattr *tb[RTA_MAX + 1];

		if (nh->rtnh_len < sizeof(*nh) || nh->rtnh_len > left)
			break;
		attr_parse_payload(tb, RTA_MAX, NULL, p + sizeof(*nh), nh->rtnh_len - sizeof(*nh));
		if ((!oif || (mnl_attr_get_payload_len(oif) >= 4 &&
			      (int)mnl_attr_get_u32(oif) == nh->rtnh_ifindex)) &&
		    (!gw || attr_equal(gw, tb[RTA_GATEWAY])))
			return true;
		left -= RTA_ALIGN(nh->rtnh_len) < left ? RTA_ALIGN(nh->rtnh_len) : left;
		p += RTA_ALIGN(nh->rtnh_len);
	}
	return false;
}

/* What the kernel's delete (or, replacing: the key) compares. */
static bool route_matches(const struct nlmsghdr *req, const struct nlmsghdr *c, bool replacing)
{
	const struct rtmsg *q = mnl_nlmsg_get_payload(req), *r = mnl_nlmsg_get_payload(c);
	static const uint16_t same[] = { RTA_DST, RTA_SRC, RTA_PREFSRC, RTA_NH_ID };
	uint32_t none = q->rtm_family == AF_INET6 ? IP6_RT_PRIO_USER : 0;

	if (q->rtm_family != r->rtm_family || q->rtm_dst_len != r->rtm_dst_len ||
	    q->rtm_src_len != r->rtm_src_len || q->rtm_tos != r->rtm_tos ||
	    route_table(req) != route_table(c) || (r->rtm_flags & RTM_F_CLONED))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(same); i++) {
		const struct nlattr *a = find_attr(req, sizeof(*q), same[i]);

		if (a ? !attr_equal(a, find_attr(c, sizeof(*r), same[i])) :
		    same[i] == RTA_DST && find_attr(c, sizeof(*r), RTA_DST))
			return false;
		if (replacing && i == 0)
			break;
	}
	if (replacing)	/* the key: destination, tos, metric */
		return route_u32(req, RTA_PRIORITY, none) == route_u32(c, RTA_PRIORITY, none);
	if (find_attr(req, sizeof(*q), RTA_PRIORITY) &&
	    route_u32(req, RTA_PRIORITY, 0) != route_u32(c, RTA_PRIORITY, 0))
		return false;
	if ((q->rtm_protocol && q->rtm_protocol != r->rtm_protocol) ||
	    (q->rtm_type && q->rtm_type != r->rtm_type) ||
	    (q->rtm_scope != RT_SCOPE_NOWHERE && q->rtm_scope != r->rtm_scope))
		return false;
	return route_has_nexthop(c, find_attr(req, sizeof(*q), RTA_OIF),
				 find_attr(req, sizeof(*q), RTA_GATEWAY));
}

static bool route_drop(uint16_t type)
{
	return type == RTA_CACHEINFO || type == RTA_MULTIPATH;
}

int undo_route_restore(struct undo *u, const struct nlmsghdr *route, uint16_t flags, unsigned int jflags)
{
	const struct nlattr *mp = find_attr(route, sizeof(struct rtmsg), RTA_MULTIPATH);
	struct rtmsg *rtm;

	if (echo_as(u->req, route, sizeof(*rtm), RTM_NEWROUTE, flags, route_drop) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	rtm = mnl_nlmsg_get_payload(u->req->nlh);
	/* the kernel sets dead and linkdown itself, and refuses them */
	rtm->rtm_flags &= RTNH_F_ONLINK;
	if (mp) {
		size_t len = mnl_attr_get_payload_len(mp);
		struct nlattr *nest = nlreq_nest_start(u->req, RTA_MULTIPATH);
		char *p = nlreq_reserve(u->req, len);

		if (!p)
			return undo_refuse(u, "its undo does not fit in a request");
		memcpy(p, mnl_attr_get_payload(mp), len);
		u->req->nlh->nlmsg_len -= (uint32_t)(MNL_ALIGN(len) - len);
		for (size_t off = 0; off + sizeof(struct rtnexthop) <= len;) {
			struct rtnexthop *nh = (void *)(p + off);

			if (nh->rtnh_len < sizeof(*nh))
				break;
			nh->rtnh_flags &= RTNH_F_ONLINK;
			off += RTA_ALIGN(nh->rtnh_len);
		}
		u->req->nlh->nlmsg_len = (uint32_t)MNL_ALIGN(u->req->nlh->nlmsg_len);
		nlreq_nest_end(u->req, nest);
	}
	return put(u, jflags);
}

struct route_find {
	struct undo *u;
	const struct nlmsghdr *req;
	bool replacing, found;
};

static int route_find_one(const struct nlmsghdr *nlh, void *data)
{
	struct route_find *f = data;

	if (!f->found && nlh->nlmsg_type == RTM_NEWROUTE && route_matches(f->req, nlh, f->replacing) &&
	    nlh->nlmsg_len <= NL_RX_SIZE) {
		memcpy(f->u->msg, nlh, nlh->nlmsg_len);
		f->found = true;
	}
	return NL_CB_OK;
}

/* The route req would delete (or replace) into u->msg: 1, 0, -1. */
static int route_find(struct undo *u, const struct nlmsghdr *req, bool replacing)
{
	const struct rtmsg *q = mnl_nlmsg_get_payload(req);
	struct route_find f = { u, req, replacing, false };
	struct rtmsg *rtm;
	struct nlreq dump;

	rtm = nlreq_init(&dump, RTM_GETROUTE, 0, sizeof(*rtm));
	rtm->rtm_family = q->rtm_family;
	nlreq_put_u32(&dump, RTA_TABLE, route_table(req));
	if (undo_dump(u, &dump, route_find_one, &f) < 0)
		return -1;
	return f.found;
}

static bool route_add_drop(uint16_t type)
{
	return type == RTA_CACHEINFO;
}

/* An added route goes by its own request, as a delete (IPv6's default
 * metric named, so the delete takes that one and no other). */
static int route_unadd(struct undo *u, const struct nlmsghdr *req)
{
	const struct rtmsg *q = mnl_nlmsg_get_payload(req);

	if (echo_as(u->req, req, sizeof(*q), RTM_DELROUTE, 0, route_add_drop) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	if (q->rtm_family == AF_INET6 && !find_attr(req, sizeof(*q), RTA_PRIORITY))
		nlreq_put_u32(u->req, RTA_PRIORITY, IP6_RT_PRIO_USER);
	return put(u, 0);
}

/* IPv4 puts a deleted route back after any twin; IPv6 replaces what is
 * left of a multipath route it lost one nexthop of. */
static uint16_t route_back_flags(const struct nlmsghdr *route)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(route);

	return NLM_F_CREATE | (rtm->rtm_family == AF_INET6 ? NLM_F_REPLACE : NLM_F_APPEND);
}

int undo_route(struct undo *u, const struct nlmsghdr *req)
{
	uint16_t f = req->nlmsg_flags;
	int found;

	if (req->nlmsg_type == RTM_NEWROUTE && !(f & NLM_F_REPLACE))
		return (f & NLM_F_CREATE) ? route_unadd(u, req) : 0;	/* `test`: no change */
	found = route_find(u, req, req->nlmsg_type == RTM_NEWROUTE);
	if (found < 0)
		return -1;
	if (found)
		return undo_route_restore(u, (const void *)u->msg,
					  req->nlmsg_type == RTM_NEWROUTE ? NLM_F_CREATE | NLM_F_REPLACE :
					  route_back_flags((const void *)u->msg), 0);
	/* nothing to replace: a create adds, anything else fails */
	return req->nlmsg_type == RTM_NEWROUTE && (f & NLM_F_CREATE) ? route_unadd(u, req) : 0;
}

struct route_via {
	struct undo *u;
	const void *src;
	size_t src_len;
	uint32_t nhid;
};

static int route_via_one(const struct nlmsghdr *nlh, void *data)
{
	struct route_via *v = data;
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);

	/* The kernel's own routes come back with the addresses and links
	 * that made them; put back by hand they would be twins. */
	if (nlh->nlmsg_type != RTM_NEWROUTE || (rtm->rtm_flags & RTM_F_CLONED) ||
	    rtm->rtm_protocol == RTPROT_KERNEL)
		return NL_CB_OK;
	if (v->nhid && route_u32(nlh, RTA_NH_ID, 0) != v->nhid)
		return NL_CB_OK;
	if (v->src) {
		const struct nlattr *ps = find_attr(nlh, sizeof(*rtm), RTA_PREFSRC);

		if (!ps || mnl_attr_get_payload_len(ps) != v->src_len ||
		    memcmp(mnl_attr_get_payload(ps), v->src, v->src_len))
			return NL_CB_OK;
	}
	return undo_route_restore(v->u, nlh, NLM_F_CREATE |
				  (rtm->rtm_family == AF_INET6 ? NLM_F_REPLACE : NLM_F_EXCL), J_MAY) < 0 ?
	       NL_CB_ERROR : NL_CB_OK;
}

int undo_routes_via(struct undo *u, int family, int ifindex, const void *src, size_t src_len)
{
	struct route_via v = { u, src, src_len, 0 };
	struct rtmsg *rtm;
	struct nlreq dump;

	rtm = nlreq_init(&dump, RTM_GETROUTE, 0, sizeof(*rtm));
	rtm->rtm_family = (unsigned char)family;
	if (ifindex)
		nlreq_put_u32(&dump, RTA_OIF, (uint32_t)ifindex);
	return undo_dump(u, &dump, route_via_one, &v);
}

/* ---- addresses --------------------------------------------------------- */

static bool addr_drop(uint16_t type)
{
	return type == IFA_CACHEINFO || type == IFA_MULTICAST || type == IFA_ANYCAST;
}

/* A dumped address as the request that puts it back. */
static int addr_restore(struct undo *u, const struct nlmsghdr *addr, uint16_t flags, unsigned int jflags)
{
	const struct nlattr *ci = find_attr(addr, sizeof(struct ifaddrmsg), IFA_CACHEINFO);

	if (echo_as(u->req, addr, sizeof(struct ifaddrmsg), RTM_NEWADDR, flags, addr_drop) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	/* lifetimes as they run now; forever is the default */
	if (ci && mnl_attr_get_payload_len(ci) >= sizeof(struct ifa_cacheinfo)) {
		struct ifa_cacheinfo c = *(const struct ifa_cacheinfo *)mnl_attr_get_payload(ci);

		if (c.ifa_valid != INFINITY_LIFE_TIME || c.ifa_prefered != INFINITY_LIFE_TIME) {
			c.cstamp = c.tstamp = 0;
			nlreq_put(u->req, IFA_CACHEINFO, sizeof(c), &c);
		}
	}
	return put(u, jflags);
}

/* The address an IPv4 delete takes: local, label and subnet, as given. */
static bool addr_matches(const struct nlmsghdr *req, const struct nlmsghdr *c)
{
	const struct ifaddrmsg *q = mnl_nlmsg_get_payload(req), *a = mnl_nlmsg_get_payload(c);
	const struct nlattr *local = find_attr(req, sizeof(*q), IFA_LOCAL);
	const struct nlattr *label = find_attr(req, sizeof(*q), IFA_LABEL);
	const struct nlattr *addr = find_attr(req, sizeof(*q), IFA_ADDRESS);

	if (q->ifa_family != a->ifa_family || q->ifa_index != a->ifa_index)
		return false;
	if (q->ifa_family == AF_INET6) {
		const struct nlattr *mine = local ? local : addr;
		const struct nlattr *theirs = find_attr(c, sizeof(*a), IFA_LOCAL);

		return q->ifa_prefixlen == a->ifa_prefixlen &&
		       attr_equal(mine, theirs ? theirs : find_attr(c, sizeof(*a), IFA_ADDRESS));
	}
	if (local && !attr_equal(local, find_attr(c, sizeof(*a), IFA_LOCAL)))
		return false;
	if (label && !attr_equal(label, find_attr(c, sizeof(*a), IFA_LABEL)))
		return false;
	if (addr) {
		const struct nlattr *theirs = find_attr(c, sizeof(*a), IFA_ADDRESS);
		uint32_t mask = a->ifa_prefixlen ? htonl(~0u << (32 - a->ifa_prefixlen)) : 0;

		if (q->ifa_prefixlen != a->ifa_prefixlen || !theirs ||
		    mnl_attr_get_payload_len(addr) < 4 || mnl_attr_get_payload_len(theirs) < 4 ||
		    ((mnl_attr_get_u32(addr) ^ mnl_attr_get_u32(theirs)) & mask))
			return false;
	}
	return true;
}

/* The first message of a dump of type `type` that matches the request
 * (addresses, rules), copied into u->msg. */
struct msg_find {
	struct undo *u;
	const struct nlmsghdr *req;
	uint16_t type;
	bool (*matches)(const struct nlmsghdr *req, const struct nlmsghdr *c);
	bool found;
};

static int find_one(const struct nlmsghdr *nlh, void *data)
{
	struct msg_find *f = data;

	if (!f->found && nlh->nlmsg_type == f->type && f->matches(f->req, nlh) &&
	    nlh->nlmsg_len <= NL_RX_SIZE) {
		memcpy(f->u->msg, nlh, nlh->nlmsg_len);
		f->found = true;
	}
	return NL_CB_OK;
}

static int addr_dump(struct undo *u, int family, int ifindex, nl_cb cb, void *data)
{
	struct ifaddrmsg *ifa;
	struct nlreq dump;

	ifa = nlreq_init(&dump, RTM_GETADDR, 0, sizeof(*ifa));
	ifa->ifa_family = (unsigned char)family;
	ifa->ifa_index = (unsigned int)ifindex;
	return undo_dump(u, &dump, cb, data);
}

static int addr_all_one(const struct nlmsghdr *nlh, void *data)
{
	struct undo *u = data;

	const struct nlattr *proto = find_attr(nlh, sizeof(struct ifaddrmsg), IFA_PROTO);

	/* The kernel makes link-local (and loopback, RA) addresses again
	 * itself when the link comes up: a second copy would be a twin. */
	if (nlh->nlmsg_type != RTM_NEWADDR ||
	    (proto && mnl_attr_get_payload_len(proto) >= 1 && mnl_attr_get_u8(proto) >= IFAPROT_KERNEL_LO))
		return NL_CB_OK;
	return addr_restore(u, nlh, NLM_F_CREATE | NLM_F_EXCL, J_MAY) < 0 ? NL_CB_ERROR : NL_CB_OK;
}

/* Every address of a link, put back (those still there stay). */
static int addr_all(struct undo *u, int family, int ifindex)
{
	return addr_dump(u, family, ifindex, addr_all_one, u);
}

static bool addr_unadd_drop(uint16_t type)
{
	return type != IFA_LOCAL && type != IFA_ADDRESS;
}

/* Deleting an IPv4 address can take its secondaries and the routes
 * through the link or from the address; put them back after it. */
static int addr_delete_undo(struct undo *u, const struct nlmsghdr *gone)
{
	const struct ifaddrmsg *a = mnl_nlmsg_get_payload(gone);
	const struct nlattr *local = find_attr(gone, sizeof(*a), IFA_LOCAL);

	if (addr_restore(u, gone, NLM_F_CREATE | NLM_F_EXCL, 0) < 0 ||
	    addr_all(u, a->ifa_family, (int)a->ifa_index) < 0 ||
	    undo_routes_via(u, a->ifa_family, (int)a->ifa_index, NULL, 0) < 0)
		return -1;
	if (a->ifa_family == AF_INET && local)
		return undo_routes_via(u, AF_INET, 0, mnl_attr_get_payload(local),
				       mnl_attr_get_payload_len(local));
	return 0;
}

int undo_addr(struct undo *u, const struct nlmsghdr *req)
{
	const struct ifaddrmsg *q = mnl_nlmsg_get_payload(req);
	struct msg_find f = { u, req, RTM_NEWADDR, addr_matches, false };
	bool create = req->nlmsg_flags & NLM_F_CREATE;

	if (req->nlmsg_type == RTM_NEWADDR && !(req->nlmsg_flags & NLM_F_REPLACE))
		goto unadd;
	if (addr_dump(u, q->ifa_family, (int)q->ifa_index, find_one, &f) < 0)
		return -1;
	if (f.found && req->nlmsg_type == RTM_DELADDR)
		return addr_delete_undo(u, (const void *)u->msg);
	if (f.found)
		return addr_restore(u, (const void *)u->msg, NLM_F_REPLACE, 0);
	if (req->nlmsg_type == RTM_DELADDR || !create)
		return 0;	/* it fails: nothing to undo */
unadd:
	if (echo_as(u->req, req, sizeof(*q), RTM_DELADDR, 0, addr_unadd_drop) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	return put(u, 0);
}

/* ---- neighbours -------------------------------------------------------- */

static bool neigh_drop(uint16_t type)
{
	return type == NDA_CACHEINFO || type == NDA_PROBES;
}

static int neigh_restore(struct undo *u, const struct nlmsghdr *n, uint16_t flags, unsigned int jflags)
{
	struct ndmsg *ndm;

	if (echo_as(u->req, n, sizeof(*ndm), RTM_NEWNEIGH, flags, neigh_drop) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	ndm = mnl_nlmsg_get_payload(u->req->nlh);
	ndm->ndm_flags &= NTF_PROXY | NTF_ROUTER | NTF_USE | NTF_EXT_LEARNED;
	return put(u, jflags);
}

static bool neigh_key_drop(uint16_t type)
{
	return type != NDA_DST;
}

int undo_neigh(struct undo *u, const struct nlmsghdr *req)
{
	const struct ndmsg *q = mnl_nlmsg_get_payload(req);
	struct nlreq get;
	int found;

	if (req->nlmsg_type == RTM_NEWNEIGH && !(req->nlmsg_flags & NLM_F_REPLACE))
		goto unadd;
	if (echo_as(&get, req, sizeof(*q), RTM_GETNEIGH, 0, neigh_key_drop) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	((struct ndmsg *)mnl_nlmsg_get_payload(get.nlh))->ndm_flags = q->ndm_flags & NTF_PROXY;
	((struct ndmsg *)mnl_nlmsg_get_payload(get.nlh))->ndm_state = 0;
	found = undo_get(u, &get, u->msg);
	if (found < 0)
		return -1;
	if (found)
		return neigh_restore(u, (const void *)u->msg, NLM_F_CREATE |
				     (req->nlmsg_type == RTM_DELNEIGH ? NLM_F_EXCL : NLM_F_REPLACE), 0);
	if (req->nlmsg_type == RTM_DELNEIGH || !(req->nlmsg_flags & NLM_F_CREATE))
		return 0;
unadd:
	if (echo_as(u->req, req, sizeof(*q), RTM_DELNEIGH, 0, neigh_key_drop) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	((struct ndmsg *)mnl_nlmsg_get_payload(u->req->nlh))->ndm_flags = q->ndm_flags & NTF_PROXY;
	((struct ndmsg *)mnl_nlmsg_get_payload(u->req->nlh))->ndm_state = 0;
	return put(u, 0);
}

/* Permanent neighbours of a link (those a link going down takes). */
static int neigh_keep_one(const struct nlmsghdr *nlh, void *data)
{
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWNEIGH || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ndm) ||
	    !(ndm->ndm_state & (NUD_PERMANENT | NUD_NOARP) || (ndm->ndm_flags & NTF_PROXY)))
		return NL_CB_OK;
	return neigh_restore(data, nlh, NLM_F_CREATE | NLM_F_EXCL, J_MAY) < 0 ? NL_CB_ERROR : NL_CB_OK;
}

static int neigh_all(struct undo *u, int family, int ifindex, bool proxy)
{
	struct ndmsg *ndm;
	struct nlreq dump;

	ndm = nlreq_init(&dump, RTM_GETNEIGH, 0, sizeof(*ndm));
	ndm->ndm_family = (unsigned char)family;
	ndm->ndm_flags = proxy ? NTF_PROXY : 0;
	nlreq_put_u32(&dump, NDA_IFINDEX, (uint32_t)ifindex);
	return undo_dump(u, &dump, neigh_keep_one, u);
}

/* ---- nexthops ---------------------------------------------------------- */

static bool nh_drop(uint16_t type)
{
	return type > NHA_FDB && type != NHA_RES_GROUP;
}

static int nh_restore(struct undo *u, const struct nlmsghdr *nh, uint16_t flags, unsigned int jflags)
{
	struct nhmsg *nhm;

	if (echo_as(u->req, nh, sizeof(*nhm), RTM_NEWNEXTHOP, flags, nh_drop) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	nhm = mnl_nlmsg_get_payload(u->req->nlh);
	nhm->nh_flags &= RTNH_F_ONLINK;
	/* a dump tells the scope; a request must leave it (and resvd) 0 */
	nhm->nh_scope = 0;
	nhm->resvd = 0;
	return put(u, jflags);
}

static uint32_t nh_id(const struct nlmsghdr *nlh)
{
	const struct nlattr *id = find_attr(nlh, sizeof(struct nhmsg), NHA_ID);

	return id && mnl_attr_get_payload_len(id) >= 4 ? mnl_attr_get_u32(id) : 0;
}

static int nh_get(struct undo *u, uint32_t id)
{
	struct nhmsg *nhm;
	struct nlreq get;

	nhm = nlreq_init(&get, RTM_GETNEXTHOP, 0, sizeof(*nhm));
	nhm->nh_family = AF_UNSPEC;
	nlreq_put_u32(&get, NHA_ID, id);
	return undo_get(u, &get, u->msg);
}

struct nh_users {
	struct undo *u;
	uint32_t id;
};

/* A group that has nexthop `id` as a member, put back as it is. */
static int nh_group_one(const struct nlmsghdr *nlh, void *data)
{
	struct nh_users *g = data;
	const struct nlattr *grp = find_attr(nlh, sizeof(struct nhmsg), NHA_GROUP);
	const struct nexthop_grp *m;
	size_t n;

	if (nlh->nlmsg_type != RTM_NEWNEXTHOP || !grp)
		return NL_CB_OK;
	m = mnl_attr_get_payload(grp);
	n = mnl_attr_get_payload_len(grp) / sizeof(*m);
	for (size_t i = 0; i < n; i++)
		if (m[i].id == g->id)
			return nh_restore(g->u, nlh, NLM_F_CREATE | NLM_F_REPLACE, J_MAY) < 0 ?
			       NL_CB_ERROR : NL_CB_OK;
	return NL_CB_OK;
}

/* Routes through nexthop `id`, put back. */
static int nh_routes(struct undo *u, uint32_t id)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct route_via v = { u, NULL, 0, id };

	/* A dump cannot be filtered by nexthop: every route is read. */
	for (size_t i = 0; i < 2; i++) {
		struct rtmsg *rtm;
		struct nlreq dump;

		rtm = nlreq_init(&dump, RTM_GETROUTE, 0, sizeof(*rtm));
		rtm->rtm_family = (unsigned char)families[i];
		if (undo_dump(u, &dump, route_via_one, &v) < 0)
			return -1;
	}
	return 0;
}

/* What deleting nexthop `id` takes away: it, its place in groups, the
 * routes through it. */
static int nh_delete_undo(struct undo *u, const struct nlmsghdr *gone)
{
	struct nh_users g = { u, nh_id(gone) };
	struct nhmsg *nhm;
	struct nlreq dump;

	if (nh_restore(u, gone, NLM_F_CREATE | NLM_F_EXCL, 0) < 0)
		return -1;
	nhm = nlreq_init(&dump, RTM_GETNEXTHOP, 0, sizeof(*nhm));
	nhm->nh_family = AF_UNSPEC;
	nlreq_put(&dump, NHA_GROUPS, 0, NULL);
	if (undo_dump(u, &dump, nh_group_one, &g) < 0)
		return -1;
	return nh_routes(u, g.id);
}

int undo_nh(struct undo *u, const struct nlmsghdr *req)
{
	uint32_t id = nh_id(req);
	int found;

	if (!id)
		return undo_refuse(u, "a nexthop without an id cannot be undone");
	found = nh_get(u, id);
	if (found < 0)
		return -1;
	if (found && req->nlmsg_type == RTM_DELNEXTHOP)
		return nh_delete_undo(u, (const void *)u->msg);
	if (found && (req->nlmsg_flags & NLM_F_REPLACE))
		return nh_restore(u, (const void *)u->msg, NLM_F_CREATE | NLM_F_REPLACE, 0);
	if (found || req->nlmsg_type == RTM_DELNEXTHOP)
		return 0;	/* it fails */
	nlreq_init(u->req, RTM_DELNEXTHOP, 0, sizeof(struct nhmsg));
	nlreq_put_u32(u->req, NHA_ID, id);
	return put(u, 0);
}

/* Nexthops through a link (and the groups and routes that use them). */
static int nh_via_one(const struct nlmsghdr *nlh, void *data)
{
	struct undo *u = data;

	if (nlh->nlmsg_type != RTM_NEWNEXTHOP || nh_restore(u, nlh, NLM_F_CREATE | NLM_F_EXCL, J_MAY) < 0)
		return nlh->nlmsg_type != RTM_NEWNEXTHOP ? NL_CB_OK : NL_CB_ERROR;
	return NL_CB_OK;
}

static int nh_via(struct undo *u, int ifindex)
{
	struct nhmsg *nhm;
	struct nlreq dump;

	nhm = nlreq_init(&dump, RTM_GETNEXTHOP, 0, sizeof(*nhm));
	nhm->nh_family = AF_UNSPEC;
	nlreq_put_u32(&dump, NHA_OIF, (uint32_t)ifindex);
	return undo_dump(u, &dump, nh_via_one, u);
}

/* ---- rules ------------------------------------------------------------- */

/* A rule has every attribute (and set header field) the request gives. */
static bool rule_matches(const struct nlmsghdr *req, const struct nlmsghdr *c)
{
	const struct fib_rule_hdr *q = mnl_nlmsg_get_payload(req), *r = mnl_nlmsg_get_payload(c);
	const struct nlattr *a;

	/* as the kernel's rule_find: a zero length or tos is any */
	if (q->family != r->family || (q->dst_len && q->dst_len != r->dst_len) ||
	    (q->src_len && q->src_len != r->src_len) ||
	    (q->tos && q->tos != r->tos) || (q->action && q->action != r->action) ||
	    (q->table && q->table != r->table) || (q->flags & ~r->flags & FIB_RULE_INVERT))
		return false;
	mnl_attr_for_each(a, req, sizeof(*q))
		if (!attr_equal(a, find_attr(c, sizeof(*r), mnl_attr_get_type(a))))
			return false;
	return true;
}

int undo_rule(struct undo *u, const struct nlmsghdr *req)
{
	const struct fib_rule_hdr *q = mnl_nlmsg_get_payload(req);
	struct msg_find f = { u, req, RTM_NEWRULE, rule_matches, false };
	struct fib_rule_hdr *frh;
	struct nlreq dump;

	if (req->nlmsg_type == RTM_NEWRULE) {
		if (echo_as(u->req, req, sizeof(*q), RTM_DELRULE, 0, NULL) < 0)
			return undo_refuse(u, "its undo does not fit in a request");
		return put(u, 0);
	}
	frh = nlreq_init(&dump, RTM_GETRULE, 0, sizeof(*frh));
	frh->family = q->family;
	if (undo_dump(u, &dump, find_one, &f) < 0)
		return -1;
	if (!f.found)
		return 0;
	if (echo_as(u->req, (const void *)u->msg, sizeof(*q), RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL,
		    NULL) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	return put(u, 0);
}

/* ---- a link's dependents ------------------------------------------------ */

int undo_link_dependents(struct undo *u, int ifindex)
{
	static const int families[] = { AF_INET, AF_INET6 };

	if (addr_all(u, AF_UNSPEC, ifindex) < 0)
		return -1;
	for (size_t i = 0; i < 2; i++)
		if (neigh_all(u, families[i], ifindex, false) < 0 ||
		    neigh_all(u, families[i], ifindex, true) < 0)
			return -1;
	if (nh_via(u, ifindex) < 0)
		return -1;
	for (size_t i = 0; i < 2; i++)
		if (undo_routes_via(u, families[i], ifindex, NULL, 0) < 0)
			return -1;
	return 0;
}

int undo_prop(struct undo *u, const struct nlmsghdr *req)
{
	uint16_t back = req->nlmsg_type == RTM_NEWLINKPROP ? RTM_DELLINKPROP : RTM_NEWLINKPROP;

	if (echo_as(u->req, req, sizeof(struct ifinfomsg), back,
		    back == RTM_NEWLINKPROP ? NLM_F_CREATE | NLM_F_EXCL : 0, NULL) < 0)
		return undo_refuse(u, "its undo does not fit in a request");
	return put(u, 0);
}
