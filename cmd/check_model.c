/* -check's model (check_model.h).  Links are records (a namespace, a
 * name, an index, up or not, a veth's peer); addresses, routes and
 * neighbours are keys in one hash table, each naming its namespace and
 * its link's model id, so a link that leaves or goes takes them along.
 * What the kernel decides on grounds the model does not hold (a driver,
 * a permission, a gateway's reachability) passes: ipbox(8), CHECK. */
#include "check_model.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include "../args/args.h"
#include "../namespace/named.h"
#include "../netlink/nl.h"

struct mlink {
	unsigned int ns;	/* index in m->ns */
	char name[IF_NAMESIZE];
	int ifindex;
	unsigned int id;	/* the model's own: keys name it */
	unsigned int peer;	/* a veth's other end (model id), 0 */
	bool up, gone;
};

struct mkey {
	char *key;
	unsigned int count;
};

struct model {
	char (*ns)[NAME_MAX + 1];	/* "" the batch's own; "\n" a deleted one */
	unsigned int nns, cur;
	struct mlink *links;
	size_t nlinks;
	unsigned int next_id;
	int next_index;		/* for new links: above every index seen */
	struct mkey *keys;
	size_t nkeys, cap;	/* cap: a power of two */
	struct { int fd; unsigned int ns; } fds[16];	/* model_netns_fd's */
};

/* ---- keys ---------------------------------------------------------------- */

static size_t key_hash(const char *s)
{
	size_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct mkey *key_slot(struct model *m, const char *key)
{
	size_t i = key_hash(key) & (m->cap - 1);

	while (m->keys[i].key && strcmp(m->keys[i].key, key))
		i = (i + 1) & (m->cap - 1);
	return &m->keys[i];
}

static int key_grow(struct model *m)
{
	struct mkey *old = m->keys;
	size_t n = m->cap;

	m->cap = n ? 2 * n : 1024;
	m->keys = calloc(m->cap, sizeof(*m->keys));
	if (!m->keys) {
		m->keys = old;
		m->cap = n;
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (old[i].key)
			*key_slot(m, old[i].key) = old[i];
	free(old);
	return 0;
}

static unsigned int key_count(struct model *m, const char *key)
{
	return m->cap ? key_slot(m, key)->count : 0;
}

static void key_add(struct model *m, const char *key, int delta)
{
	struct mkey *k;

	if ((m->nkeys + 1) * 2 > m->cap && key_grow(m) < 0)
		return;
	k = key_slot(m, key);
	if (!k->key) {
		if (!(k->key = strdup(key)))
			return;
		m->nkeys++;
	}
	if (delta > 0 || k->count > 0)
		k->count += (unsigned int)delta;
}

/* Bytes as hex, for a key. */
static void hex(char *out, size_t size, const void *data, size_t len)
{
	const unsigned char *p = data;

	out[0] = '\0';
	for (size_t i = 0; i < len && 2 * i + 2 < size; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

/* ---- namespaces and links ---------------------------------------------- */

static int ns_find(const struct model *m, const char *ns)
{
	for (unsigned int i = 0; i < m->nns; i++)
		if (!strcmp(m->ns[i], ns))
			return (int)i;
	return -1;
}

static int ns_add(struct model *m, const char *ns)
{
	char (*grown)[NAME_MAX + 1] = realloc(m->ns, (m->nns + 1) * sizeof(*m->ns));

	if (!grown)
		return -1;
	m->ns = grown;
	snprintf(m->ns[m->nns], sizeof(*m->ns), "%s", ns);
	return (int)m->nns++;
}

static struct mlink *link_by_name(const struct model *m, unsigned int ns, const char *name)
{
	for (size_t i = 0; i < m->nlinks; i++)
		if (!m->links[i].gone && m->links[i].ns == ns && !strcmp(m->links[i].name, name))
			return &m->links[i];
	return NULL;
}

static struct mlink *link_by_index(const struct model *m, unsigned int ns, int ifindex)
{
	for (size_t i = 0; i < m->nlinks; i++)
		if (!m->links[i].gone && m->links[i].ns == ns && m->links[i].ifindex == ifindex)
			return &m->links[i];
	return NULL;
}

static struct mlink *link_by_id(const struct model *m, unsigned int id)
{
	for (size_t i = 0; id && i < m->nlinks; i++)
		if (!m->links[i].gone && m->links[i].id == id)
			return &m->links[i];
	return NULL;
}

/* A new link record: index 0 takes a fresh one.  NULL when out of memory. */
static struct mlink *link_new(struct model *m, unsigned int ns, const char *name, int ifindex)
{
	struct mlink *grown = realloc(m->links, (m->nlinks + 1) * sizeof(*m->links)), *l;

	if (!grown)
		return NULL;
	m->links = grown;
	l = &m->links[m->nlinks++];
	memset(l, 0, sizeof(*l));
	l->ns = ns;
	snprintf(l->name, sizeof(l->name), "%s", name);
	l->ifindex = ifindex ? ifindex : m->next_index++;
	if (l->ifindex >= m->next_index)
		m->next_index = l->ifindex + 1;
	l->id = ++m->next_id;
	return l;
}

/* Into namespace ns: a link keeps its index if it is free there; its
 * addresses and routes stay behind (a new id), and it is down. */
static void link_move(struct model *m, struct mlink *l, unsigned int ns)
{
	struct mlink *peer = link_by_id(m, l->peer);

	l->ns = ns;
	if (link_by_index(m, ns, l->ifindex) != l)
		l->ifindex = m->next_index++;
	l->id = ++m->next_id;
	l->up = false;
	if (peer)
		peer->peer = l->id;
}

static void link_gone(struct model *m, struct mlink *l)
{
	struct mlink *peer = link_by_id(m, l->peer);

	l->gone = true;
	if (peer)
		peer->gone = true;
}

bool model_netns_has(const struct model *m, const char *ns)
{
	return ns_find(m, ns) >= 0;
}

void model_netns_use(struct model *m, const char *ns)
{
	int i = ns_find(m, ns);

	m->cur = i < 0 ? 0 : (unsigned int)i;
}

int model_netns_add(struct model *m, const char *ns)
{
	int i;

	if (ns_find(m, ns) >= 0)
		return EEXIST;
	i = ns_add(m, ns);
	if (i < 0 || !link_new(m, (unsigned int)i, "lo", 1))
		return ENOMEM;
	return 0;
}

int model_netns_del(struct model *m, const char *ns)
{
	int i = *ns ? ns_find(m, ns) : -1;

	if (i < 0)
		return ENOENT;
	for (size_t k = 0; k < m->nlinks; k++)
		if (!m->links[k].gone && m->links[k].ns == (unsigned int)i)
			link_gone(m, &m->links[k]);
	snprintf(m->ns[i], sizeof(*m->ns), "\n");
	return 0;
}

int model_netns_fd(struct model *m, const char *ns)
{
	int i = ns_find(m, ns), fd;
	size_t slot;

	if (i < 0) {
		errno = ENOENT;
		return -1;
	}
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	slot = (size_t)fd % (sizeof(m->fds) / sizeof(m->fds[0]));
	m->fds[slot].fd = fd;
	m->fds[slot].ns = (unsigned int)i;
	return fd;
}

/* The namespace an IFLA_NET_NS_FD stands for, -1 if not one of ours. */
static int ns_of_fd(const struct model *m, int fd)
{
	size_t slot = (size_t)fd % (sizeof(m->fds) / sizeof(m->fds[0]));

	return fd >= 0 && m->fds[slot].fd == fd ? (int)m->fds[slot].ns : -1;
}

int model_link_index(const struct model *m, const char *name)
{
	const struct mlink *l = link_by_name(m, m->cur, name);

	return l ? l->ifindex : 0;
}

int model_link_add(struct model *m, const char *name)
{
	if (link_by_name(m, m->cur, name))
		return EEXIST;
	return link_new(m, m->cur, name, 0) ? 0 : ENOMEM;
}

int model_link_del(struct model *m, const char *name)
{
	struct mlink *l = link_by_name(m, m->cur, name);

	if (!l)
		return ENODEV;
	link_gone(m, l);
	return 0;
}

/* ---- the keys of addresses, routes, neighbours ---------------------------- */

static const struct nlattr **attrs_of(const void *buf, size_t len, const struct nlattr **tb, unsigned int max)
{
	const struct nlattr *a = buf;
	int left = len < INT_MAX ? (int)len : 0;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	while (mnl_attr_ok(a, left)) {
		if (mnl_attr_get_type(a) <= max)
			tb[mnl_attr_get_type(a)] = a;
		left -= (int)MNL_ALIGN(a->nla_len);
		a = mnl_attr_next(a);
	}
	return tb;
}

static const struct nlattr **attrs(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb,
				   unsigned int max)
{
	if (nlh->nlmsg_len < NLMSG_HDRLEN + MNL_ALIGN(hdrlen))
		return attrs_of(NULL, 0, tb, max);
	return attrs_of((const char *)nlh + NLMSG_HDRLEN + MNL_ALIGN(hdrlen),
			nlh->nlmsg_len - NLMSG_HDRLEN - MNL_ALIGN(hdrlen), tb, max);
}

/* A name attribute as a string: iproute2 sends some without their NUL
 * (IFLA_INFO_KIND), and a longer one is no name the model has. */
static const char *attr_name(const struct nlattr *a, char buf[IF_NAMESIZE])
{
	size_t n = a ? mnl_attr_get_payload_len(a) : 0;

	n = n < IF_NAMESIZE - 1 ? n : IF_NAMESIZE - 1;
	memcpy(buf, a ? mnl_attr_get_payload(a) : "", n);
	buf[n] = '\0';
	return buf;
}

static bool fits(const struct nlmsghdr *nlh, size_t hdrlen)
{
	return nlh->nlmsg_len >= NLMSG_HDRLEN + hdrlen;
}

static int addr_key(char *key, size_t size, const struct mlink *l, const struct nlmsghdr *nlh)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFA_MAX + 1];
	const struct nlattr *local;
	char h[80];

	attrs(nlh, sizeof(*ifa), tb, IFA_MAX);
	local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!local)
		return -1;
	hex(h, sizeof(h), mnl_attr_get_payload(local), mnl_attr_get_payload_len(local));
	/* IPv4 tells 10.0.0.1/24 from 10.0.0.1/16; IPv6 an address only */
	snprintf(key, size, "A|%u|%u|%s/%u", l->ns, l->id, h,
		 ifa->ifa_family == AF_INET ? ifa->ifa_prefixlen : 0);
	return 0;
}

/* "R|ns|family|table|dst/len" and with "|metric" after it. */
static void route_keys(char *key, char *exact, size_t size, unsigned int ns, const struct nlmsghdr *nlh,
		       bool *has_metric)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[RTA_MAX + 1];
	uint32_t table = rtm->rtm_table, metric = rtm->rtm_family == AF_INET6 ? 1024 : 0;
	char h[80] = "";

	attrs(nlh, sizeof(*rtm), tb, RTA_MAX);
	if (tb[RTA_TABLE] && mnl_attr_get_payload_len(tb[RTA_TABLE]) >= 4)
		table = mnl_attr_get_u32(tb[RTA_TABLE]);
	if (tb[RTA_DST])
		hex(h, sizeof(h), mnl_attr_get_payload(tb[RTA_DST]), mnl_attr_get_payload_len(tb[RTA_DST]));
	*has_metric = tb[RTA_PRIORITY] && mnl_attr_get_payload_len(tb[RTA_PRIORITY]) >= 4;
	if (*has_metric)
		metric = mnl_attr_get_u32(tb[RTA_PRIORITY]);
	snprintf(key, size, "R|%u|%u|%u|%s/%u", ns, rtm->rtm_family, table, h, rtm->rtm_dst_len);
	snprintf(exact, size, "%s|%u|%u", key, rtm->rtm_tos, metric);
}

/* Proxy entries are a table of their own. */
static int neigh_key(char *key, size_t size, const struct mlink *l, const struct nlmsghdr *nlh)
{
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NDA_MAX + 1];
	char h[80];

	attrs(nlh, sizeof(struct ndmsg), tb, NDA_MAX);
	if (!tb[NDA_DST])
		return -1;
	hex(h, sizeof(h), mnl_attr_get_payload(tb[NDA_DST]), mnl_attr_get_payload_len(tb[NDA_DST]));
	snprintf(key, size, "N|%u|%u|%s|%d", l->ns, l->id, h, !!(ndm->ndm_flags & NTF_PROXY));
	return 0;
}

/* ---- requests ------------------------------------------------------------- */

static int fail(char *ext, size_t size, int err, const char *msg)
{
	snprintf(ext, size, "%s", msg ? msg : "");
	return err;
}

static int ns_attr(const struct model *m, const struct nlattr *fd, unsigned int dflt)
{
	int ns = fd && mnl_attr_get_payload_len(fd) >= 4 ? ns_of_fd(m, (int)mnl_attr_get_u32(fd)) : -1;

	return ns < 0 ? (int)dflt : ns;
}

/* A veth's peer, from IFLA_LINKINFO's VETH_INFO_PEER: its name and the
 * namespace it goes to.  False when the request names none. */
static bool veth_peer(const struct model *m, const struct nlattr *linkinfo, unsigned int dflt,
		      char name[IF_NAMESIZE], unsigned int *ns)
{
	char kind[IF_NAMESIZE];
	const struct nlattr *info[IFLA_INFO_MAX + 1], *data[VETH_INFO_MAX + 1], *tb[IFLA_MAX + 1];
	const struct nlattr *peer;
	size_t hdr = MNL_ALIGN(sizeof(struct ifinfomsg));

	attrs_of(mnl_attr_get_payload(linkinfo), mnl_attr_get_payload_len(linkinfo), info, IFLA_INFO_MAX);
	if (strcmp(attr_name(info[IFLA_INFO_KIND], kind), "veth") || !info[IFLA_INFO_DATA])
		return false;
	attrs_of(mnl_attr_get_payload(info[IFLA_INFO_DATA]), mnl_attr_get_payload_len(info[IFLA_INFO_DATA]),
		 data, VETH_INFO_MAX);
	peer = data[VETH_INFO_PEER];
	if (!peer || mnl_attr_get_payload_len(peer) < hdr)
		return false;
	attrs_of((const char *)mnl_attr_get_payload(peer) + hdr, mnl_attr_get_payload_len(peer) - hdr, tb, IFLA_MAX);
	if (!tb[IFLA_IFNAME])
		return false;
	attr_name(tb[IFLA_IFNAME], name);
	*ns = (unsigned int)ns_attr(m, tb[IFLA_NET_NS_FD], dflt);
	return true;
}

static int link_create(struct model *m, const struct nlattr **tb, const struct ifinfomsg *ifi,
		       char *ext, size_t size)
{
	unsigned int ns = (unsigned int)ns_attr(m, tb[IFLA_NET_NS_FD], m->cur), peer_ns = ns;
	char name[IF_NAMESIZE], peer_name[IF_NAMESIZE];
	struct mlink *l, *p = NULL;
	bool veth = tb[IFLA_LINKINFO] && veth_peer(m, tb[IFLA_LINKINFO], m->cur, peer_name, &peer_ns);

	attr_name(tb[IFLA_IFNAME], name);

	if ((*name && link_by_name(m, ns, name)) || (veth && link_by_name(m, peer_ns, peer_name)) ||
	    (veth && *name && ns == peer_ns && !strcmp(name, peer_name)))
		return fail(ext, size, EEXIST, NULL);
	if (tb[IFLA_MASTER] && mnl_attr_get_payload_len(tb[IFLA_MASTER]) >= 4 &&
	    mnl_attr_get_u32(tb[IFLA_MASTER]) && !link_by_index(m, m->cur, (int)mnl_attr_get_u32(tb[IFLA_MASTER])))
		return fail(ext, size, ENODEV, NULL);
	if (!*name)
		return 0;	/* the kernel names it: the model cannot */
	if (!(l = link_new(m, ns, name, 0)) || (veth && !(p = link_new(m, peer_ns, peer_name, 0))))
		return fail(ext, size, ENOMEM, NULL);
	l = p ? p - 1 : l;	/* realloc may have moved it */
	l->up = ifi->ifi_flags & ifi->ifi_change & IFF_UP;
	if (p) {
		l->peer = p->id;
		p->peer = l->id;
	}
	return 0;
}

static int link_change(struct model *m, struct mlink *l, const struct nlattr **tb, const struct ifinfomsg *ifi,
		       char *ext, size_t size)
{
	int ns = ns_attr(m, tb[IFLA_NET_NS_FD], l->ns);
	char name[IF_NAMESIZE];
	struct mlink *other;

	if (!tb[IFLA_IFNAME])
		memcpy(name, l->name, sizeof(name));
	else
		attr_name(tb[IFLA_IFNAME], name);
	other = link_by_name(m, (unsigned int)ns, name);

	if (other && other != l)
		return fail(ext, size, EEXIST, NULL);
	if (tb[IFLA_MASTER] && mnl_attr_get_payload_len(tb[IFLA_MASTER]) >= 4 &&
	    mnl_attr_get_u32(tb[IFLA_MASTER]) && !link_by_index(m, l->ns, (int)mnl_attr_get_u32(tb[IFLA_MASTER])))
		return fail(ext, size, ENODEV, NULL);
	memcpy(l->name, name, sizeof(l->name));
	if (ifi->ifi_change & IFF_UP)
		l->up = ifi->ifi_flags & IFF_UP;
	if ((unsigned int)ns != l->ns)
		link_move(m, l, (unsigned int)ns);
	return 0;
}

static int apply_link(struct model *m, const struct nlmsghdr *nlh, char *ext, size_t size)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1];
	char name[IF_NAMESIZE];
	struct mlink *l;

	if (!fits(nlh, sizeof(*ifi)))
		return 0;
	attrs(nlh, sizeof(*ifi), tb, IFLA_MAX);
	l = ifi->ifi_index ? link_by_index(m, m->cur, ifi->ifi_index) :
	    tb[IFLA_IFNAME] ? link_by_name(m, m->cur, attr_name(tb[IFLA_IFNAME], name)) : NULL;
	if (nlh->nlmsg_type == RTM_DELLINK) {
		if (!l)
			return fail(ext, size, ENODEV, NULL);
		link_gone(m, l);
		return 0;
	}
	if (l && (nlh->nlmsg_flags & NLM_F_CREATE) && (nlh->nlmsg_flags & NLM_F_EXCL))
		return fail(ext, size, EEXIST, NULL);
	if (!l && (nlh->nlmsg_flags & NLM_F_CREATE) && !ifi->ifi_index)
		return link_create(m, tb, ifi, ext, size);
	if (!l)
		return fail(ext, size, ENODEV, NULL);
	return link_change(m, l, tb, ifi, ext, size);
}

/* An IPv4 address brings its prefix route into table main. */
static void addr_route(struct model *m, const struct mlink *l, const struct nlmsghdr *nlh, int delta)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFA_MAX + 1];
	const struct nlattr *a;
	unsigned char net[4];
	char key[160], h[16];

	attrs(nlh, sizeof(*ifa), tb, IFA_MAX);
	a = tb[IFA_ADDRESS] ? tb[IFA_ADDRESS] : tb[IFA_LOCAL];
	if (ifa->ifa_family != AF_INET || !a || mnl_attr_get_payload_len(a) != 4 || ifa->ifa_prefixlen >= 32)
		return;
	memcpy(net, mnl_attr_get_payload(a), 4);
	for (unsigned int bit = ifa->ifa_prefixlen; bit < 32; bit++)
		net[bit / 8] &= (unsigned char)~(0x80 >> (bit % 8));
	hex(h, sizeof(h), net, 4);
	snprintf(key, sizeof(key), "R|%u|%u|%u|%s/%u", l->ns, AF_INET, RT_TABLE_MAIN, h, ifa->ifa_prefixlen);
	key_add(m, key, delta);
	snprintf(key + strlen(key), sizeof(key) - strlen(key), "|0|0");
	key_add(m, key, delta);
}

static int apply_addr(struct model *m, const struct nlmsghdr *nlh, char *ext, size_t size)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct mlink *l;
	bool v4 = fits(nlh, sizeof(*ifa)) && ifa->ifa_family == AF_INET;
	char key[160];

	if (!fits(nlh, sizeof(*ifa)))
		return 0;
	l = link_by_index(m, m->cur, (int)ifa->ifa_index);
	if (!l)
		return fail(ext, size, ENODEV, NULL);
	if (addr_key(key, sizeof(key), l, nlh) < 0)
		return 0;
	if (nlh->nlmsg_type == RTM_DELADDR) {
		if (!key_count(m, key))
			return fail(ext, size, EADDRNOTAVAIL, v4 ? "ipv4: Address not found" : NULL);
		key_add(m, key, -1);
		addr_route(m, l, nlh, -1);
		return 0;
	}
	if (key_count(m, key)) {
		if (nlh->nlmsg_flags & NLM_F_EXCL)
			return fail(ext, size, EEXIST, v4 ? "ipv4: Address already assigned" : NULL);
		return 0;
	}
	key_add(m, key, 1);
	addr_route(m, l, nlh, 1);
	return 0;
}

static int apply_route(struct model *m, const struct nlmsghdr *nlh, char *ext, size_t size)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[RTA_MAX + 1];
	const struct mlink *l = NULL;
	char key[200], exact[200];
	bool has_metric;

	if (!fits(nlh, sizeof(*rtm)))
		return 0;
	route_keys(key, exact, sizeof(key), m->cur, nlh, &has_metric);
	attrs(nlh, sizeof(*rtm), tb, RTA_MAX);
	if (tb[RTA_OIF] && mnl_attr_get_payload_len(tb[RTA_OIF]) >= 4 &&
	    !(l = link_by_index(m, m->cur, (int)mnl_attr_get_u32(tb[RTA_OIF]))))
		return fail(ext, size, ENODEV, NULL);
	if (nlh->nlmsg_type == RTM_DELROUTE) {
		if (!key_count(m, has_metric ? exact : key))
			return fail(ext, size, ESRCH, NULL);
		key_add(m, key, -1);
		key_add(m, exact, -1);
		return 0;
	}
	if (l && !l->up && !(rtm->rtm_flags & RTNH_F_ONLINK) && (rtm->rtm_family == AF_INET || rtm->rtm_family == AF_INET6))
		return fail(ext, size, ENETDOWN, rtm->rtm_family == AF_INET ? "Device for nexthop is not up" :
			    "Nexthop device is not up");
	if (key_count(m, exact)) {
		if (nlh->nlmsg_flags & NLM_F_EXCL)
			return fail(ext, size, EEXIST, NULL);
		if (nlh->nlmsg_flags & NLM_F_REPLACE)
			return 0;
	} else if (!(nlh->nlmsg_flags & NLM_F_CREATE)) {
		return fail(ext, size, ENOENT, NULL);	/* change: nothing to change */
	}
	key_add(m, key, 1);
	key_add(m, exact, 1);
	return 0;
}

static int apply_neigh(struct model *m, const struct nlmsghdr *nlh, char *ext, size_t size)
{
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	const struct mlink *l;
	char key[160];

	if (!fits(nlh, sizeof(*ndm)) || !ndm->ndm_ifindex)
		return 0;
	l = link_by_index(m, m->cur, ndm->ndm_ifindex);
	if (!l)
		return fail(ext, size, ENODEV, NULL);
	if (neigh_key(key, sizeof(key), l, nlh) < 0)
		return 0;
	if (nlh->nlmsg_type == RTM_DELNEIGH) {
		if (!key_count(m, key))
			return fail(ext, size, ENOENT, NULL);
		key_add(m, key, -1);
		return 0;
	}
	if (key_count(m, key) && (nlh->nlmsg_flags & NLM_F_EXCL))
		return fail(ext, size, EEXIST, NULL);
	if (!key_count(m, key) && !(nlh->nlmsg_flags & NLM_F_CREATE))
		return fail(ext, size, ENOENT, NULL);
	if (!key_count(m, key))
		key_add(m, key, 1);
	return 0;
}

int model_apply(struct model *m, const struct nlmsghdr *nlh, char *ext, size_t size)
{
	ext[0] = '\0';
	switch (nlh->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		return apply_link(m, nlh, ext, size);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return apply_addr(m, nlh, ext, size);
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return apply_route(m, nlh, ext, size);
	case RTM_NEWNEIGH:
	case RTM_DELNEIGH:
		return apply_neigh(m, nlh, ext, size);
	}
	return 0;	/* rules, nexthops, ...: the kernel decides (ipbox(8)) */
}

/* ---- filled from the kernel's dumps ---------------------------------------- */

static int fill_link(const struct nlmsghdr *nlh, void *data)
{
	struct model *m = data;
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1];
	struct mlink *l;

	if (nlh->nlmsg_type != RTM_NEWLINK || !fits(nlh, sizeof(*ifi)))
		return NL_CB_OK;
	attrs(nlh, sizeof(*ifi), tb, IFLA_MAX);
	if (tb[IFLA_IFNAME] && mnl_attr_validate(tb[IFLA_IFNAME], MNL_TYPE_NUL_STRING) == 0 &&
	    (l = link_new(m, m->cur, mnl_attr_get_str(tb[IFLA_IFNAME]), ifi->ifi_index)))
		l->up = ifi->ifi_flags & IFF_UP;
	return NL_CB_OK;
}

static int fill_addr(const struct nlmsghdr *nlh, void *data)
{
	struct model *m = data;
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct mlink *l;
	char key[160];

	if (nlh->nlmsg_type == RTM_NEWADDR && fits(nlh, sizeof(*ifa)) &&
	    (l = link_by_index(m, m->cur, (int)ifa->ifa_index)) && addr_key(key, sizeof(key), l, nlh) == 0)
		key_add(m, key, 1);
	return NL_CB_OK;
}

static int fill_route(const struct nlmsghdr *nlh, void *data)
{
	struct model *m = data;
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	char key[200], exact[200];
	bool has_metric;

	if (nlh->nlmsg_type != RTM_NEWROUTE || !fits(nlh, sizeof(*rtm)) || (rtm->rtm_flags & RTM_F_CLONED))
		return NL_CB_OK;
	route_keys(key, exact, sizeof(key), m->cur, nlh, &has_metric);
	key_add(m, key, 1);
	key_add(m, exact, 1);
	return NL_CB_OK;
}

static int fill_neigh(const struct nlmsghdr *nlh, void *data)
{
	struct model *m = data;
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	const struct mlink *l;
	char key[160];

	if (nlh->nlmsg_type == RTM_NEWNEIGH && fits(nlh, sizeof(*ndm)) &&
	    (l = link_by_index(m, m->cur, ndm->ndm_ifindex)) && neigh_key(key, sizeof(key), l, nlh) == 0)
		key_add(m, key, 1);
	return NL_CB_OK;
}

/* Every link, address, route and neighbour of the namespace we are in. */
static int fill_here(struct model *m)
{
	static const struct { uint16_t type; size_t hdrlen; nl_cb cb; uint8_t ndm_flags; } dumps[] = {
		{ RTM_GETLINK, sizeof(struct ifinfomsg), fill_link, 0 },
		{ RTM_GETADDR, sizeof(struct ifaddrmsg), fill_addr, 0 },
		{ RTM_GETROUTE, sizeof(struct rtmsg), fill_route, 0 },
		{ RTM_GETNEIGH, sizeof(struct ndmsg), fill_neigh, 0 },
		{ RTM_GETNEIGH, sizeof(struct ndmsg), fill_neigh, NTF_PROXY },	/* a dump of their own */
	};
	struct nl *nl = nl_new(NETLINK_ROUTE);
	struct nlreq req;
	int ret = 0;

	if (!nl)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(dumps) && ret == 0; i++) {
		void *hdr = nlreq_init(&req, dumps[i].type, 0, dumps[i].hdrlen);

		if (dumps[i].ndm_flags)
			((struct ndmsg *)hdr)->ndm_flags = dumps[i].ndm_flags;
		if (nl_dump(nl, &req, dumps[i].cb, m) < 0) {
			nl_dump_perror(nl);
			ret = -1;
		}
	}
	nl_free(nl);
	return ret;
}

struct fill_ctx {
	struct model *m;
	int home;
	int ret;
};

static int fill_named(const char *name, void *arg)
{
	struct fill_ctx *c = arg;
	int fd = netns_open(name), i = ns_add(c->m, name);

	if (fd < 0 || i < 0) {	/* not a namespace: lines that use it fail */
		if (fd >= 0)
			close(fd);
		return 0;
	}
	c->m->cur = (unsigned int)i;
	if (setns(fd, CLONE_NEWNET) == 0) {
		if (fill_here(c->m) < 0)
			c->ret = -1;
		if (setns(c->home, CLONE_NEWNET) < 0)
			c->ret = -1;
	}
	close(fd);
	return c->ret;
}

struct model *model_load(void)
{
	struct model *m = calloc(1, sizeof(*m));
	struct fill_ctx c = { m, -1, 0 };

	if (!m || ns_add(m, "") < 0 || (c.home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) < 0 ||
	    fill_here(m) < 0 || netns_foreach(fill_named, &c) < 0 || c.ret < 0) {
		fprintf(stderr, "Cannot read the state to check against: %s\n", strerror(errno ? errno : ENOMEM));
		if (c.home >= 0)
			close(c.home);
		model_free(m);
		return NULL;
	}
	close(c.home);
	m->cur = 0;
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i].key);
	free(m->keys);
	free(m->links);
	free(m->ns);
	free(m);
}
