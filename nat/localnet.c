/* route_localnet, for dnat's localhost.  The host's own connection to
 * 127.0.0.1:PORT that such a rule sends to another address keeps its
 * loopback source until srcnat's masquerade, after routing; the kernel
 * drops a packet to or from 127.0.0.0/8 routed out of an interface (a
 * martian) unless net.ipv4.conf.DEV.route_localnet is on for it.
 *
 * Who owns the sysctl: ipbox turns it on for the interface the target of
 * a localhost rule is reached by when it finds it off, and records that
 * it did with an empty chain "route_localnet.DEV" in table inet ipbox;
 * when no localhost rule reaches its target through DEV any more, it
 * turns it off again and drops the record.  A value ipbox found on is
 * someone else's and never touched.  The record lives and dies with the
 * table, so nothing outside nftables needs cleaning up. */
#include "nat_int.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "../namespace/sysctl.h"
#include "../netlink/attr.h"
#include "../netlink/ifname.h"

#define MARK "route_localnet."

static bool sysctl_name(const char *dev, char *buf, size_t n)
{
	if (!ifname_valid(dev))
		return false;
	snprintf(buf, n, "net/ipv4/conf/%s/route_localnet", dev);
	return true;
}

int nat_localnet_get(const char *dev)
{
	char name[80];
	int v = sysctl_name(dev, name, sizeof(name)) ? sysctl_read_int(name) : -1;

	return v < 0 ? -1 : v != 0;
}

int nat_localnet_set(const char *dev, bool on)
{
	char name[80];

	return sysctl_name(dev, name, sizeof(name)) && !sysctl_write(name, on ? "1\n" : "0\n") ? 0 : -1;
}

/* ---- the interface a target is reached by ------------------------------ */

struct route_dev {
	char *dev;
	bool found;
};

static int route_answer(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[RTA_MAX + 1] = { [RTA_OIF] = MNL_TYPE_U32 };
	const struct nlattr *tb[RTA_MAX + 1] = { NULL };
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	struct route_dev *a = data;

	if (nlh->nlmsg_type != RTM_NEWROUTE || attr_parse(tb, RTA_MAX, policy, nlh, sizeof(*rtm)) < 0)
		return NL_CB_STOP;
	/* a local target needs no route out: nothing to allow */
	if (rtm->rtm_type == RTN_UNICAST && tb[RTA_OIF])
		a->found = if_indextoname(mnl_attr_get_u32(tb[RTA_OIF]), a->dev) != NULL;
	return NL_CB_STOP;
}

/* The interface the host reaches a (IPv4) by, asked of rt (a
 * NETLINK_ROUTE socket): 0, or -1 when it is local or has no route. */
static int route_dev(struct nl *rt, const struct nat_addr *a, char dev[IF_NAMESIZE])
{
	struct route_dev ans = { dev, false };
	struct nlreq req;
	struct rtmsg *r = nlreq_init(&req, RTM_GETROUTE, 0, sizeof(*r));

	*dev = '\0';
	if (a->family != AF_INET)
		return -1;
	r->rtm_family = AF_INET;
	r->rtm_dst_len = 32;
	nlreq_put(&req, RTA_DST, 4, a->a);
	if (nl_talk(rt, &req, route_answer, &ans) < 0 || !ans.found) {
		*dev = '\0';
		return -1;
	}
	return 0;
}

int nat_localnet_off(const struct nat_addr *to, char dev[IF_NAMESIZE])
{
	struct nl rt;
	int off = -1;

	*dev = '\0';
	if (nl_open(&rt, NETLINK_ROUTE) < 0)
		return -1;
	if (route_dev(&rt, to, dev) == 0)
		off = nat_localnet_get(dev) == 0;
	nl_close(&rt);
	return off;
}

/* ---- keeping the sysctls in step with the rules ------------------------ */

static bool devs_has(const struct nat_localnet_devs *d, const char *name)
{
	for (int i = 0; i < d->n; i++)
		if (!strcmp(d->name[i], name))
			return true;
	return false;
}

static void devs_add(struct nat_localnet_devs *d, const char *name)
{
	if (d->n < NAT_LOCALNET_MAX && !devs_has(d, name) && strlen(name) < IF_NAMESIZE)
		strcpy(d->name[d->n++], name);
}

static void mark_seen(const char *chain, void *data)
{
	if (!strncmp(chain, MARK, strlen(MARK)))
		devs_add(data, chain + strlen(MARK));
}

static void mark_name(const char *dev, char *buf, size_t n)
{
	snprintf(buf, n, MARK "%s", dev);
}

/* The interfaces the localhost rules of ix reach their targets by. */
static void devs_needed(const struct nat_index *ix, nat_recognise_fn recognise, struct nl *rt, struct nat_localnet_devs *d)
{
	char dev[IF_NAMESIZE];
	struct nat_object o;
	struct nat_rule r;

	for (uint32_t i = 0; i < nat_index_count(ix); i++)
		if (nat_index_get(ix, i, &o) && o.tag && recognise(o.tag, &r, NULL) && r.localhost &&
		    route_dev(rt, &r.to_min, dev) == 0)
			devs_add(d, dev);
}

static int set_or_say(const char *dev, bool on)
{
	if (nat_localnet_set(dev, on) == 0)
		return 0;
	fprintf(stderr, "Error: cannot set net.ipv4.conf.%s.route_localnet to %d: %m.\n", dev, on);
	return -1;
}

int nat_localnet_sync(struct nat_session *s, struct nat_index *ix, nat_recognise_fn recognise,
		      enum nat_localnet why)
{
	struct nat_localnet_devs marks = { 0 }, needed = { 0 };
	char chain[NAT_CHAIN_NAME_MAX];
	struct nat_txn t;
	struct nl rt;
	int ret = 0;

	if (nat_walk_chains(s, mark_seen, &marks) < 0)
		return -1;
	if (why == NAT_LOCALNET_GONE && !marks.n)
		return 0;	/* nothing of ipbox's to put back */
	if (nl_open(&rt, NETLINK_ROUTE) < 0)
		return -1;
	if (nat_index_read(ix, s, recognise, NULL) == 0)
		devs_needed(ix, recognise, &rt, &needed);
	else
		ret = -1;
	nl_close(&rt);
	if (ret)
		return ret;
	nat_txn_init(&t, s);
	for (int i = 0; i < needed.n; i++) {
		if (nat_localnet_get(needed.name[i]) != 0)
			continue;	/* on already: ours if marked, else not ours */
		ret |= set_or_say(needed.name[i], true);
		mark_name(needed.name[i], chain, sizeof(chain));
		if (!devs_has(&marks, needed.name[i]))
			nat_txn_chain(&t, chain, true);
	}
	for (int i = 0; i < marks.n; i++) {
		if (devs_has(&needed, marks.name[i]))
			continue;
		if (nat_localnet_get(marks.name[i]) == 1)
			ret |= set_or_say(marks.name[i], false);
		mark_name(marks.name[i], chain, sizeof(chain));
		nat_txn_chain(&t, chain, false);
	}
	if (nat_txn_commit(&t, false) < 0)
		ret = -1;
	return ret;
}

int nat_localnet_marks(struct nat_session *s, struct nat_localnet_devs *marks)
{
	marks->n = 0;
	return nat_walk_chains(s, mark_seen, marks);
}

int nat_localnet_release(const struct nat_localnet_devs *marks)
{
	int ret = 0;

	for (int i = 0; i < marks->n; i++)
		if (nat_localnet_get(marks->name[i]) == 1)
			ret |= set_or_say(marks->name[i], false);
	return ret;
}
