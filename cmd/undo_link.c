/* What undoes a link change (see undo.h).  add: delete by name, in the
 * namespace it is made in.  set: the attributes the request names, as
 * they were (read just before), and when the link goes down, changes its
 * MTU or leaves for another namespace, what the kernel drops then.
 * delete: the link recreated with its index, kind data, veth peer, master
 * and ports, then its addresses, neighbours, nexthops and routes.  A
 * physical device, a tun/tap device (its index cannot be chosen) and a
 * link with devices on top of it are refused. */
#include "undo.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sys/socket.h>

#include "../args/args.h"
#include "../namespace/named.h"
#include "../netlink/attr.h"

static const struct nlattr *link_attr(const struct nlmsghdr *nlh, uint16_t type)
{
	const struct nlattr *a;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifinfomsg))
		return NULL;
	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg))
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

static const struct nlattr *nest_attr(const struct nlattr *nest, uint16_t type)
{
	const struct nlattr *a;

	if (!nest)
		return NULL;
	mnl_attr_for_each_nested(a, nest)
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

static const char *link_kind(const struct nlmsghdr *l, uint16_t which)
{
	const struct nlattr *k = nest_attr(link_attr(l, IFLA_LINKINFO), which);

	return k && mnl_attr_validate(k, MNL_TYPE_NUL_STRING) == 0 ? mnl_attr_get_str(k) : NULL;
}

static const char *link_name(const struct nlmsghdr *l)
{
	const struct nlattr *n = link_attr(l, IFLA_IFNAME);

	return n && mnl_attr_validate(n, MNL_TYPE_NUL_STRING) == 0 ? mnl_attr_get_str(n) : "?";
}

static int link_index(const struct nlmsghdr *l)
{
	return ((const struct ifinfomsg *)mnl_nlmsg_get_payload(l))->ifi_index;
}

static uint32_t attr_u32(const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) >= 4 ? mnl_attr_get_u32(a) : 0;
}

/* The link of this index (or, index 0, name) into buf: 1, 0, -1. */
static int link_get(struct undo *u, int index, const struct nlattr *name, char *buf)
{
	struct ifinfomsg *ifi;
	struct nlreq get;

	ifi = nlreq_init(&get, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_index = index;
	if (!index && name)
		nlreq_put(&get, IFLA_IFNAME, mnl_attr_get_payload_len(name), mnl_attr_get_payload(name));
	nlreq_put_u32(&get, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	return undo_get(u, &get, buf);
}

/* The name in /run/netns of the namespace an IFLA_NET_NS_FD names ("" for
 * the batch's own); -1 if it has none (no undo could find it again). */
static int fd_ns_name(struct undo *u, int fd, char *buf, size_t size)
{
	struct stat target, st;
	struct dirent *e;
	DIR *d;
	int ret = -1;

	if (fstat(fd, &target) < 0)
		return -1;
	if (target.st_dev == u->home_dev && target.st_ino == u->home_ino) {
		buf[0] = '\0';
		return 0;
	}
	d = opendir(NETNS_RUN_DIR);
	while (d && ret < 0 && (e = readdir(d))) {
		char path[PATH_MAX];

		if (e->d_name[0] == '.' || netns_path(path, sizeof(path), e->d_name) < 0)
			continue;
		if (stat(path, &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino &&
		    strlen(e->d_name) < size) {
			strcpy(buf, e->d_name);
			ret = 0;
		}
	}
	if (d)
		closedir(d);
	return ret;
}

/* The namespace a request sends a link to: 1 (its name in buf), 0 (it
 * stays), -1 refused. */
static int target_ns(struct undo *u, const struct nlmsghdr *req, char *buf, size_t size)
{
	const struct nlattr *fd = link_attr(req, IFLA_NET_NS_FD);

	if (link_attr(req, IFLA_NET_NS_PID) || link_attr(req, IFLA_TARGET_NETNSID))
		return undo_refuse(u, "a namespace named by a process or an id cannot be found again to undo it");
	if (!fd)
		return 0;
	if (fd_ns_name(u, (int)attr_u32(fd), buf, size) < 0)
		return undo_refuse(u, "the namespace has no name in %s to undo it in", NETNS_RUN_DIR);
	return 1;
}

static int put(struct undo *u, const char *ns, const char *fdns, unsigned int flags)
{
	if (u->req->overflow)
		return undo_refuse(u, "its undo does not fit in a request");
	journal_rt(u->j, ns, fdns, flags, u->req->nlh);
	return 0;
}

/* A bridge takes the lowest address of its ports until one is set: put
 * its address back after a port of it comes or goes. */
static int master_address(struct undo *u, int master)
{
	const struct nlattr *addr;
	struct ifinfomsg *ifi;
	const char *kind;

	if (!master || link_get(u, master, NULL, u->peer) <= 0)
		return 0;
	kind = link_kind((const void *)u->peer, IFLA_INFO_KIND);
	addr = link_attr((const void *)u->peer, IFLA_ADDRESS);
	if (!kind || strcmp(kind, "bridge") || !addr)
		return 0;
	ifi = nlreq_init(u->req, RTM_NEWLINK, 0, sizeof(*ifi));
	ifi->ifi_index = master;
	nlreq_put(u->req, IFLA_ADDRESS, mnl_attr_get_payload_len(addr), mnl_attr_get_payload(addr));
	return put(u, u->ns, NULL, J_MAY);
}

/* ---- add ---------------------------------------------------------------- */

int undo_link_create(struct undo *u, const struct nlmsghdr *req)
{
	const struct nlattr *name = link_attr(req, IFLA_IFNAME);
	char ns[NAME_MAX + 1];
	int moved, found;

	if (req->nlmsg_flags & NLM_F_REPLACE) {
		/* replace of a link that is there: a change of it */
		found = link_get(u, ((const struct ifinfomsg *)mnl_nlmsg_get_payload(req))->ifi_index,
				 name, u->msg);
		if (found)
			return found < 0 ? -1 : undo_link_set(u, req);
	}
	if (!name || mnl_attr_validate(name, MNL_TYPE_NUL_STRING) < 0)
		return undo_refuse(u, "a link made without a name cannot be found again to undo it");
	moved = target_ns(u, req, ns, sizeof(ns));
	if (moved < 0)
		return -1;
	nlreq_init(u->req, RTM_DELLINK, 0, sizeof(struct ifinfomsg));
	nlreq_put_str(u->req, IFLA_IFNAME, mnl_attr_get_str(name));
	if (put(u, moved ? ns : u->ns, NULL, 0) < 0)
		return -1;
	return moved ? 0 : master_address(u, (int)attr_u32(link_attr(req, IFLA_MASTER)));
}

/* ---- set ---------------------------------------------------------------- */

/* Attributes a set names that are put back as the link had them. */
static bool restored_as_is(uint16_t type)
{
	switch (type) {
	case IFLA_ADDRESS: case IFLA_BROADCAST: case IFLA_MTU: case IFLA_TXQLEN:
	case IFLA_GROUP: case IFLA_LINKMODE: case IFLA_OPERSTATE: case IFLA_CARRIER:
	case IFLA_PROTO_DOWN: case IFLA_GSO_MAX_SIZE: case IFLA_GSO_MAX_SEGS:
	case IFLA_GRO_MAX_SIZE: case IFLA_NUM_TX_QUEUES: case IFLA_NUM_RX_QUEUES:
		return true;
	}
	return false;
}

/* One nest of IFLA_LINKINFO (the kind's data, or its port data): each
 * attribute the request names, as the link has it. */
static int linkinfo_back(struct undo *u, const struct nlattr *req_info, const struct nlattr *old_info,
			 uint16_t kind_type, uint16_t data_type)
{
	const struct nlattr *kind = nest_attr(req_info, kind_type);
	const struct nlattr *data = nest_attr(req_info, data_type), *a;
	const struct nlattr *old = nest_attr(old_info, data_type);
	struct nlattr *nest;

	if (!kind)
		return 0;
	nlreq_put(u->req, kind_type, mnl_attr_get_payload_len(kind), mnl_attr_get_payload(kind));
	if (!data)
		return 0;
	nest = nlreq_nest_start(u->req, data_type);
	mnl_attr_for_each_nested(a, data) {
		const struct nlattr *was = nest_attr(old, mnl_attr_get_type(a));

		/* VETH_INFO_PEER is 1, as other kinds' first attribute. */
		if (kind_type == IFLA_INFO_KIND && !strcmp(mnl_attr_get_str(kind), "veth") &&
		    mnl_attr_get_type(a) == VETH_INFO_PEER)
			return undo_refuse(u, "a change of a veth peer cannot be undone");
		if (!was)
			return undo_refuse(u, "its old %s setting cannot be read back",
					   data_type == IFLA_INFO_DATA ? "kind" : "port");
		nlreq_put(u->req, was->nla_type, mnl_attr_get_payload_len(was), mnl_attr_get_payload(was));
	}
	nlreq_nest_end(u->req, nest);
	return 0;
}

static int linkinfo_undo(struct undo *u, const struct nlattr *req_info, const struct nlmsghdr *l)
{
	const struct nlattr *old = link_attr(l, IFLA_LINKINFO);
	const struct nlattr *kind = nest_attr(req_info, IFLA_INFO_KIND);
	struct nlattr *nest = nlreq_nest_start(u->req, IFLA_LINKINFO);
	size_t n = kind ? strnlen(mnl_attr_get_payload(kind), mnl_attr_get_payload_len(kind)) : 0;
	/* `type bridge_slave ...` (iproute2's form): the port's data under
	 * IFLA_INFO_KIND "KIND_slave", no IFLA_INFO_SLAVE_KIND */
	bool port = n > 6 && !memcmp((const char *)mnl_attr_get_payload(kind) + n - 6, "_slave", 6);

	if (linkinfo_back(u, req_info, old, IFLA_INFO_KIND, port ? IFLA_INFO_SLAVE_DATA : IFLA_INFO_DATA) < 0 ||
	    linkinfo_back(u, req_info, old, IFLA_INFO_SLAVE_KIND, IFLA_INFO_SLAVE_DATA) < 0)
		return -1;
	nlreq_nest_end(u->req, nest);
	return 0;
}

/* addrgenmode, the one IFLA_AF_SPEC setting ipbox makes. */
static int af_spec_undo(struct undo *u, const struct nlattr *spec, const struct nlmsghdr *l)
{
	const struct nlattr *inet6 = nest_attr(spec, AF_INET6), *a;
	const struct nlattr *mode = nest_attr(nest_attr(link_attr(l, IFLA_AF_SPEC), AF_INET6),
					      IFLA_INET6_ADDR_GEN_MODE);
	struct nlattr *outer, *inner;

	mnl_attr_for_each_nested(a, spec)
		if (mnl_attr_get_type(a) != AF_INET6)
			return undo_refuse(u, "this address family setting cannot be undone");
	mnl_attr_for_each_nested(a, inet6)
		if (mnl_attr_get_type(a) != IFLA_INET6_ADDR_GEN_MODE)
			return undo_refuse(u, "this IPv6 setting cannot be undone");
	if (!mode)
		return undo_refuse(u, "its old addrgenmode cannot be read back");
	outer = nlreq_nest_start(u->req, IFLA_AF_SPEC);
	inner = nlreq_nest_start(u->req, AF_INET6);
	nlreq_put_u8(u->req, IFLA_INET6_ADDR_GEN_MODE, mnl_attr_get_u8(mode));
	nlreq_nest_end(u->req, inner);
	nlreq_nest_end(u->req, outer);
	return 0;
}

/* One attribute of a set, put back into u->req from the link l. */
static int set_attr_undo(struct undo *u, const struct nlattr *a, const struct nlmsghdr *l,
			 bool by_name)
{
	uint16_t type = mnl_attr_get_type(a);
	const struct nlattr *was = link_attr(l, type);

	if (restored_as_is(type)) {
		if (!was)
			return undo_refuse(u, "its old setting (attribute %u) cannot be read back", type);
		nlreq_put(u->req, type, mnl_attr_get_payload_len(was), mnl_attr_get_payload(was));
		return 0;
	}
	switch (type) {
	case IFLA_IFNAME:
		if (!by_name)	/* a rename: the old name back */
			nlreq_put_str(u->req, IFLA_IFNAME, link_name(l));
		return 0;
	case IFLA_IFALIAS:
		nlreq_put(u->req, IFLA_IFALIAS, was ? mnl_attr_get_payload_len(was) : 0,
			  was ? mnl_attr_get_payload(was) : "");
		return 0;
	case IFLA_MASTER:
		nlreq_put_u32(u->req, IFLA_MASTER, attr_u32(was));
		return 0;
	case IFLA_LINKINFO:
		return linkinfo_undo(u, a, l);
	case IFLA_AF_SPEC:
		return af_spec_undo(u, a, l);
	case IFLA_NET_NS_FD: case IFLA_NEW_IFINDEX: case IFLA_EXT_MASK:
		return 0;	/* a move: see set_move */
	}
	return undo_refuse(u, "this link setting (attribute %u) cannot be undone", type);
}

/* Back from the namespace it went to, by its name there; then the
 * settings are put back by name too (its index may differ). */
static int set_move(struct undo *u, const struct nlmsghdr *req, const struct nlmsghdr *l,
		    const char *ns)
{
	const struct nlattr *rename = link_attr(req, IFLA_IFNAME);

	if (rename && strcmp(mnl_attr_get_str(rename), link_name(l)))
		return undo_refuse(u, "a link renamed as it moves cannot be found again to undo it");
	nlreq_init(u->req, RTM_NEWLINK, 0, sizeof(struct ifinfomsg));
	nlreq_put_str(u->req, IFLA_IFNAME, link_name(l));
	return put(u, ns, u->ns, 0);
}

/* The port settings a link had in its bridge, put back (enslaving again
 * starts from the defaults). */
static int port_data(struct undo *u, const struct nlmsghdr *l, bool by_name, unsigned int flags);

/* The link goes down, changes MTU (IPv6 leaves below 1280) or moves:
 * what the kernel then drops must come back. */
static bool set_drops(const struct nlmsghdr *req, const struct nlmsghdr *l, bool moves)
{
	const struct ifinfomsg *q = mnl_nlmsg_get_payload(req), *o = mnl_nlmsg_get_payload(l);
	const struct nlattr *mtu = link_attr(req, IFLA_MTU);

	return moves || ((q->ifi_change & IFF_UP) && !(q->ifi_flags & IFF_UP) && (o->ifi_flags & IFF_UP)) ||
	       (mtu && attr_u32(mtu) != attr_u32(link_attr(l, IFLA_MTU)));
}

int undo_link_set(struct undo *u, const struct nlmsghdr *req)
{
	const struct ifinfomsg *q = mnl_nlmsg_get_payload(req);
	const struct nlmsghdr *l = (const void *)u->msg;
	const struct nlattr *a, *master;
	struct ifinfomsg *ifi;
	char ns[NAME_MAX + 1];
	bool by_name;
	int moved, found;

	if (!q->ifi_index && !link_attr(req, IFLA_IFNAME))
		return undo_refuse(u, "a change of a whole group of links cannot be undone");
	found = link_get(u, q->ifi_index, link_attr(req, IFLA_IFNAME), u->msg);
	if (found <= 0)
		return found;	/* no such link: it fails */
	moved = target_ns(u, req, ns, sizeof(ns));
	if (moved < 0 || (moved && set_move(u, req, l, ns) < 0))
		return -1;
	by_name = moved || !q->ifi_index;
	ifi = nlreq_init(u->req, RTM_NEWLINK, 0, sizeof(*ifi));
	ifi->ifi_index = by_name ? 0 : link_index(l);
	ifi->ifi_change = q->ifi_change;
	ifi->ifi_flags = ((const struct ifinfomsg *)mnl_nlmsg_get_payload(l))->ifi_flags & q->ifi_change;
	if (by_name)
		nlreq_put_str(u->req, IFLA_IFNAME, link_name(l));
	mnl_attr_for_each(a, req, sizeof(*q))
		if (set_attr_undo(u, a, l, by_name) < 0)
			return -1;
	if (moved) {	/* leaving takes its bridge, and its up flag */
		nlreq_put_u32(u->req, IFLA_MASTER, attr_u32(link_attr(l, IFLA_MASTER)));
		ifi->ifi_change = IFF_UP;
		ifi->ifi_flags = ((const struct ifinfomsg *)mnl_nlmsg_get_payload(l))->ifi_flags & IFF_UP;
	}
	if (put(u, u->ns, NULL, 0) < 0)
		return -1;
	master = link_attr(req, IFLA_MASTER);
	if ((master || moved) && link_attr(l, IFLA_MASTER) && port_data(u, l, by_name, J_MAY) < 0)
		return -1;
	if (master && master_address(u, (int)attr_u32(master)) < 0)
		return -1;
	if (set_drops(req, l, moved) && undo_link_dependents(u, link_index(l)) < 0)
		return -1;
	return 0;
}

/* ---- delete ------------------------------------------------------------- */

/* What a kind's data may say when the link is made (its read-only and
 * deprecated attributes left out). */
static bool kind_settable(const char *kind, uint16_t type)
{
	if (!strcmp(kind, "bridge"))
		return type != IFLA_BR_HELLO_TIMER && type != IFLA_BR_TCN_TIMER &&
		       type != IFLA_BR_TOPOLOGY_CHANGE_TIMER && type != IFLA_BR_GC_TIMER &&
		       (type < IFLA_BR_ROOT_ID || type > IFLA_BR_TOPOLOGY_CHANGE_DETECTED) &&
		       type != IFLA_BR_FDB_FLUSH && type != IFLA_BR_MCAST_HASH_ELASTICITY &&
		       type != IFLA_BR_PAD && type < IFLA_BR_MCAST_QUERIER_STATE;
	if (!strcmp(kind, "vxlan"))
		return type <= IFLA_VXLAN_VNIFILTER;
	if (!strcmp(kind, "macvlan"))
		return type == IFLA_MACVLAN_MODE || type == IFLA_MACVLAN_FLAGS ||
		       type == IFLA_MACVLAN_BC_QUEUE_LEN;
	return false;
}

static bool port_settable(uint16_t type)
{
	return (type >= IFLA_BRPORT_PRIORITY && type <= IFLA_BRPORT_PROXYARP_WIFI) ||
	       type == IFLA_BRPORT_MULTICAST_ROUTER ||
	       (type >= IFLA_BRPORT_MCAST_FLOOD && type <= IFLA_BRPORT_ISOLATED) ||
	       type == IFLA_BRPORT_LOCKED;
}

static const char *const recreatable[] = { "bridge", "veth", "ifb", "macvlan", "vxlan" };

static void put_filtered(struct undo *u, const struct nlattr *data, uint16_t type, const char *kind)
{
	const struct nlattr *a;
	struct nlattr *nest;

	if (!data)
		return;
	nest = nlreq_nest_start(u->req, type);
	mnl_attr_for_each_nested(a, data) {
		/* vxlan dumps ttl_inherit as a u8 but takes it as a flag */
		if (kind && !strcmp(kind, "vxlan") && mnl_attr_get_type(a) == IFLA_VXLAN_TTL_INHERIT) {
			if (mnl_attr_get_payload_len(a) >= 1 && mnl_attr_get_u8(a))
				nlreq_put(u->req, IFLA_VXLAN_TTL_INHERIT, 0, NULL);
			continue;
		}
		if (kind ? kind_settable(kind, mnl_attr_get_type(a)) : port_settable(mnl_attr_get_type(a)))
			nlreq_put(u->req, a->nla_type, mnl_attr_get_payload_len(a), mnl_attr_get_payload(a));
	}
	nlreq_nest_end(u->req, nest);
}

static int port_data(struct undo *u, const struct nlmsghdr *l, bool by_name, unsigned int flags)
{
	const struct nlattr *info = link_attr(l, IFLA_LINKINFO);
	const struct nlattr *kind = nest_attr(info, IFLA_INFO_SLAVE_KIND);
	struct ifinfomsg *ifi;
	struct nlattr *nest;

	if (!kind || !nest_attr(info, IFLA_INFO_SLAVE_DATA))
		return 0;
	ifi = nlreq_init(u->req, RTM_NEWLINK, 0, sizeof(*ifi));
	ifi->ifi_index = by_name ? 0 : link_index(l);
	if (by_name)
		nlreq_put_str(u->req, IFLA_IFNAME, link_name(l));
	nest = nlreq_nest_start(u->req, IFLA_LINKINFO);
	nlreq_put(u->req, IFLA_INFO_SLAVE_KIND, mnl_attr_get_payload_len(kind), mnl_attr_get_payload(kind));
	put_filtered(u, nest_attr(info, IFLA_INFO_SLAVE_DATA), IFLA_INFO_SLAVE_DATA, NULL);
	nlreq_nest_end(u->req, nest);
	return put(u, u->ns, NULL, flags);
}

/* The flags a new link can be given. */
#define LINK_FLAGS (IFF_UP | IFF_NOARP | IFF_MULTICAST | IFF_ALLMULTI | IFF_PROMISC | IFF_DYNAMIC | \
		    IFF_DEBUG | IFF_NOTRAILERS)

/* A link's own settings, as they go into a request that makes it. */
static void link_settings(struct undo *u, const struct nlmsghdr *l, bool lower)
{
	static const uint16_t copied[] = { IFLA_IFNAME, IFLA_ADDRESS, IFLA_BROADCAST, IFLA_MTU,
		IFLA_TXQLEN, IFLA_GROUP, IFLA_IFALIAS, IFLA_LINKMODE, IFLA_NUM_TX_QUEUES,
		IFLA_NUM_RX_QUEUES, IFLA_GSO_MAX_SIZE, IFLA_GSO_MAX_SEGS, IFLA_GRO_MAX_SIZE,
		IFLA_MASTER, IFLA_LINK };

	for (size_t i = 0; i < ARRAY_SIZE(copied); i++) {
		const struct nlattr *a = link_attr(l, copied[i]);

		if (a && (lower || copied[i] != IFLA_LINK))
			nlreq_put(u->req, copied[i], mnl_attr_get_payload_len(a), mnl_attr_get_payload(a));
	}
}

/* addrgenmode goes in a set of its own once the link is back: the
 * kernel refuses IFLA_AF_SPEC in a request that makes a link
 * (EAFNOSUPPORT, no inet6 device yet). */
static int addr_gen_mode_back(struct undo *u, const struct nlmsghdr *l)
{
	const struct nlattr *mode = nest_attr(nest_attr(link_attr(l, IFLA_AF_SPEC), AF_INET6),
					      IFLA_INET6_ADDR_GEN_MODE);
	struct nlattr *outer, *inner;
	struct ifinfomsg *ifi;

	if (!mode)
		return 0;
	ifi = nlreq_init(u->req, RTM_NEWLINK, 0, sizeof(*ifi));
	ifi->ifi_index = link_index(l);
	outer = nlreq_nest_start(u->req, IFLA_AF_SPEC);
	inner = nlreq_nest_start(u->req, AF_INET6);
	nlreq_put_u8(u->req, IFLA_INET6_ADDR_GEN_MODE, mnl_attr_get_u8(mode));
	nlreq_nest_end(u->req, inner);
	nlreq_nest_end(u->req, outer);
	return put(u, u->ns, NULL, J_MAY);
}

static void link_header(struct ifinfomsg *ifi, const struct nlmsghdr *l)
{
	const struct ifinfomsg *o = mnl_nlmsg_get_payload(l);

	ifi->ifi_index = o->ifi_index;
	ifi->ifi_change = LINK_FLAGS;
	ifi->ifi_flags = o->ifi_flags & LINK_FLAGS;
}

/* The link l (and its veth peer p) made again, with their indexes. */
static int link_recreate(struct undo *u, const struct nlmsghdr *l, const struct nlmsghdr *p,
			 const char *kind)
{
	const struct nlattr *info = link_attr(l, IFLA_LINKINFO);
	struct nlattr *li, *data, *peer;
	struct ifinfomsg *ifi;

	ifi = nlreq_init(u->req, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(*ifi));
	link_header(ifi, l);
	link_settings(u, l, !p);
	li = nlreq_nest_start(u->req, IFLA_LINKINFO);
	nlreq_put_str(u->req, IFLA_INFO_KIND, kind);
	if (p) {
		data = nlreq_nest_start(u->req, IFLA_INFO_DATA);
		peer = nlreq_nest_start(u->req, VETH_INFO_PEER);
		ifi = nlreq_reserve(u->req, sizeof(*ifi));
		if (ifi)
			link_header(ifi, p);
		link_settings(u, p, false);
		nlreq_nest_end(u->req, peer);
		nlreq_nest_end(u->req, data);
	} else {
		put_filtered(u, nest_attr(info, IFLA_INFO_DATA), IFLA_INFO_DATA, kind);
	}
	nlreq_nest_end(u->req, li);
	if (put(u, u->ns, NULL, 0) < 0 || addr_gen_mode_back(u, l) < 0)
		return -1;
	return p ? addr_gen_mode_back(u, p) : 0;
}

struct uppers {
	struct undo *u;
	int index, peer;
	const char *found;
	char name[IFNAMSIZ];
};

/* Devices on top of the link (macvlan, vlan ...) go with it. */
static int upper_one(const struct nlmsghdr *nlh, void *data)
{
	struct uppers *up = data;

	if (nlh->nlmsg_type == RTM_NEWLINK && (int)attr_u32(link_attr(nlh, IFLA_LINK)) == up->index &&
	    link_index(nlh) != up->peer && link_index(nlh) != up->index &&
	    !link_attr(nlh, IFLA_LINK_NETNSID) && !up->found) {
		snprintf(up->name, sizeof(up->name), "%s", link_name(nlh));
		up->found = up->name;
	}
	return NL_CB_OK;
}

/* Ports of a bridge, enslaved again. */
static int port_one(const struct nlmsghdr *nlh, void *data)
{
	struct uppers *up = data;
	struct ifinfomsg *ifi;

	if (nlh->nlmsg_type != RTM_NEWLINK || (int)attr_u32(link_attr(nlh, IFLA_MASTER)) != up->index)
		return NL_CB_OK;
	ifi = nlreq_init(up->u->req, RTM_NEWLINK, 0, sizeof(*ifi));
	ifi->ifi_index = link_index(nlh);
	nlreq_put_u32(up->u->req, IFLA_MASTER, (uint32_t)up->index);
	if (put(up->u, up->u->ns, NULL, J_MAY) < 0 || port_data(up->u, nlh, false, J_MAY) < 0)
		return NL_CB_ERROR;
	return NL_CB_OK;
}

static int links_dump(struct undo *u, nl_cb cb, struct uppers *up)
{
	struct ifinfomsg *ifi;
	struct nlreq dump;

	ifi = nlreq_init(&dump, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	nlreq_put_u32(&dump, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	if (nl_dump(u->rd, &dump, cb, up) < 0)
		return undo_refuse(u, "cannot read the links: %s", strerror(u->rd->error));
	return 0;
}

/* Whether a link of this kind can be made again as it was. */
static int delete_refusal(struct undo *u, const struct nlmsghdr *l, const char *kind)
{
	if (!kind)
		return undo_refuse(u, "%s is a physical device: it could not be made again", link_name(l));
	if (!strcmp(kind, "tun"))
		return undo_refuse(u, "%s is a tun/tap device: it could not be made again with its index",
				   link_name(l));
	for (size_t i = 0; i < ARRAY_SIZE(recreatable); i++)
		if (!strcmp(kind, recreatable[i]))
			return 0;
	return undo_refuse(u, "a %s link could not be made again", kind);
}

int undo_link_delete(struct undo *u, const struct nlmsghdr *req)
{
	const struct ifinfomsg *q = mnl_nlmsg_get_payload(req);
	const struct nlmsghdr *l = (const void *)u->msg, *p = NULL;
	struct uppers up = { .u = u };
	const char *kind;
	int found;

	if (!q->ifi_index && !link_attr(req, IFLA_IFNAME))
		return undo_refuse(u, "a delete of a whole group of links cannot be undone");
	found = link_get(u, q->ifi_index, link_attr(req, IFLA_IFNAME), u->msg);
	if (found <= 0)
		return found;
	kind = link_kind(l, IFLA_INFO_KIND);
	if (delete_refusal(u, l, kind) < 0)
		return -1;
	up.index = link_index(l);
	if (!strcmp(kind, "veth")) {
		if (link_attr(l, IFLA_LINK_NETNSID))
			return undo_refuse(u, "the peer of %s is in another namespace", link_name(l));
		up.peer = (int)attr_u32(link_attr(l, IFLA_LINK));
		if (link_get(u, up.peer, NULL, u->peer) <= 0)
			return undo_refuse(u, "the peer of %s cannot be read", link_name(l));
		p = (const void *)u->peer;
	}
	if (links_dump(u, upper_one, &up) < 0)
		return -1;
	if (up.found)
		return undo_refuse(u, "%s sits on %s: delete it first", up.found, link_name(l));
	if (link_recreate(u, l, p, kind) < 0 || port_data(u, l, false, J_MAY) < 0 ||
	    (p && port_data(u, p, false, J_MAY) < 0))
		return -1;
	if (!strcmp(kind, "bridge") && links_dump(u, port_one, &up) < 0)
		return -1;
	if (undo_link_dependents(u, link_index(l)) < 0)
		return -1;
	return p ? undo_link_dependents(u, link_index(p)) : 0;
}
