#include "ifname.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "attr.h"

#define LINK_GET_BOUND 1056	/* iproute2's ll_link_get request */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The kernel's dev_valid_name(): 1-15 bytes, not "." or "..", no '/',
 * ':' or whitespace. */
bool ifname_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= IF_NAMESIZE || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (; *name; name++)
		if (*name == '/' || *name == ':' || isspace((unsigned char)*name))
			return false;
	return true;
}

/* iproute2's check_ifname (max IF_NAMESIZE) and check_altifname (max 0:
 * any length): not empty, no '/' or whitespace.  What else the kernel
 * refuses ("." or "..", ':', an altname too long) it is left to refuse,
 * so the error is iproute2's. */
bool ifname_usable(const char *name, size_t max)
{
	if (!*name || (max && strlen(name) >= max))
		return false;
	for (; *name; name++)
		if (*name == '/' || isspace((unsigned char)*name))
			return false;
	return true;
}

static int index_answer(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type == RTM_NEWLINK && mnl_nlmsg_get_payload_len(nlh) >= sizeof(*ifi))
		*(int *)data = ifi->ifi_index;
	return NL_CB_STOP;
}

/* One RTM_GETLINK for the link called `name` (name_attr: IFLA_IFNAME or
 * IFLA_ALT_IFNAME) on a socket of its own; -1 if there is none.  The
 * request is as big as iproute2's (ll_link_get): a name of 1012 bytes or
 * more overflows it, with iproute2's `addattr_l ERROR: message exceeded
 * bound of 1056`. */
static int ask_link(uint16_t name_attr, const char *name, nl_cb answer, void *data)
{
	struct nlreq req;
	struct ifinfomsg *ifi;
	struct nl *nl = nl_new(NETLINK_ROUTE);
	int ret;

	if (!nl)
		return -1;
	ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	nlreq_bound(&req, LINK_GET_BOUND);
	nlreq_put_u32(&req, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	nlreq_put_str(&req, name_attr, name);
	ret = nl_talk(nl, &req, answer, data);
	nl_free(nl);
	return ret;
}

int (*ifname_dry_index)(const char *name);

/* The kernel's index for a name or an altname.  A dry run asks
 * ifname_dry_index (-check's model); without one it knows every valid
 * name as index 1 but "missing", whatever the machine has, so the
 * fuzzers reach past the lookups. */
static int kernel_index(const char *name)
{
	unsigned int idx;
	int found = 0;

	if (nl_dry_run && ifname_dry_index)
		return ifname_dry_index(name);
	if (nl_dry_run)
		return ifname_valid(name) && strcmp(name, "missing");
	idx = if_nametoindex(name);
	if (idx)
		return (int)idx;
	/* Not a primary name: ask the kernel, which knows altnames. */
	if (ask_link(IFLA_ALT_IFNAME, name, index_answer, &found) < 0)
		found = 0;
	return found;
}

/* iproute2's ll_idx_a2n: a name no device has, of the form ifN, is index
 * N (the notation iproute2 prints for a link it cannot name, as in
 * veth0@if7), read as sscanf reads it. */
static int index_notation(const char *name)
{
	unsigned int idx;

	return sscanf(name, "if%u", &idx) == 1 ? (int)idx : 0;
}

struct kind_query {
	const char *kind;
	bool is;
};

static int kind_answer(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type info_policy[IFLA_INFO_MAX + 1] = {
		[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING,
	};
	static const enum mnl_attr_data_type policy[IFLA_MAX + 1] = {
		[IFLA_LINKINFO] = MNL_TYPE_NESTED,
	};
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	struct kind_query *q = data;

	if (nlh->nlmsg_type == RTM_NEWLINK &&
	    attr_parse(tb, IFLA_MAX, policy, nlh, sizeof(struct ifinfomsg)) == 0 && tb[IFLA_LINKINFO]) {
		attr_parse_nested(info, IFLA_INFO_MAX, info_policy, tb[IFLA_LINKINFO]);
		q->is = info[IFLA_INFO_KIND] && !strcmp(mnl_attr_get_str(info[IFLA_INFO_KIND]), q->kind);
	}
	return NL_CB_STOP;
}

bool ifname_is_kind(const char *name, const char *kind)
{
	struct kind_query q = { kind, false };

	if (!ifname_usable(name, IF_NAMESIZE) || ask_link(IFLA_IFNAME, name, kind_answer, &q) < 0)
		return false;
	return q.is;
}

/* Names looked up while ifname_remember() is on.  A batch of route,
 * address or neighbour lines names the same few devices on every line, and
 * those lines cannot rename one: asking the kernel each time (a socket, an
 * ioctl and a close) was most of a 100,000-route batch. */
static struct {
	bool on;
	unsigned int next;
	struct { int index; char name[IF_NAMESIZE]; } slot[8];
} remembered;

void ifname_remember(bool on)
{
	if (!on)
		memset(&remembered, 0, sizeof(remembered));
	remembered.on = on;
}

static int remembered_index(const char *name)
{
	for (unsigned int i = 0; remembered.on && i < ARRAY_SIZE(remembered.slot); i++)
		if (remembered.slot[i].index && !strcmp(remembered.slot[i].name, name))
			return remembered.slot[i].index;
	return 0;
}

static void remember_index(const char *name, int index)
{
	unsigned int i = remembered.next++ % ARRAY_SIZE(remembered.slot);

	if (!remembered.on || !index || strlen(name) >= IF_NAMESIZE)
		return;
	remembered.slot[i].index = index;
	strcpy(remembered.slot[i].name, name);
}

/* 0 when there is no such device (names and altnames alike, and the
 * ifN notation of index N). */
int ifname_to_index(const char *name)
{
	int idx = remembered_index(name);

	if (!idx) {
		idx = kernel_index(name);
		remember_index(name, idx);
	}
	return idx ? idx : index_notation(name);
}

/* The name, cut to IF_NAMESIZE - 1 bytes as snprintf would. */
static void slot_name(struct ifslot *s, const char *name)
{
	size_t n = strnlen(name, sizeof(s->name) - 1);

	memcpy(s->name, name, n);
	s->name[n] = '\0';
}

static int name_answer(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[IFLA_MAX + 1] = {
		[IFLA_IFNAME] = MNL_TYPE_NUL_STRING,
	};
	const struct nlattr *tb[IFLA_MAX + 1];
	struct ifslot *s = data;

	if (nlh->nlmsg_type == RTM_NEWLINK &&
	    mnl_nlmsg_get_payload_len(nlh) >= sizeof(struct ifinfomsg))
		s->flags = ((const struct ifinfomsg *)mnl_nlmsg_get_payload(nlh))->ifi_flags;
	if (attr_parse(tb, IFLA_MAX, policy, nlh, sizeof(struct ifinfomsg)) == 0 &&
	    tb[IFLA_IFNAME])
		slot_name(s, mnl_attr_get_str(tb[IFLA_IFNAME]));
	return NL_CB_STOP;
}

static bool ifcache_fetch(struct ifcache *c, int index, struct ifslot *s)
{
	struct nlreq req;
	struct ifinfomsg *ifi;

	if (!c->nl && !(c->nl = nl_new(NETLINK_ROUTE)))
		return false;
	ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	nlreq_put_u32(&req, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	s->name[0] = '\0';
	return nl_talk(c->nl, &req, name_answer, s) == 0 && s->name[0];
}

/* ifcache_book()'s cache, or NULL. */
static struct ifcache *book;

void ifcache_book(struct ifcache *c)
{
	book = c;
}

/* A link message: its name and flags, or (deleted) that it is gone. */
void ifcache_learn(struct ifcache *c, const struct nlmsghdr *nlh)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct ifslot *s;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi) || ifi->ifi_index <= 0)
		return;
	s = &c->slot[(unsigned int)ifi->ifi_index % IFCACHE_SLOTS];
	*s = (struct ifslot){ .index = ifi->ifi_index };
	if (nlh->nlmsg_type == RTM_NEWLINK)
		name_answer(nlh, s);
}

void ifcache_note(struct ifcache *c, int index, const char *name, unsigned int flags)
{
	struct ifslot *s = &c->slot[(unsigned int)index % IFCACHE_SLOTS];

	if (index <= 0 || !*name)
		return;
	s->index = index;
	s->flags = flags;
	slot_name(s, name);
}

bool ifcache_has(const struct ifcache *c, int index)
{
	return index > 0 && c->slot[(unsigned int)index % IFCACHE_SLOTS].index == index;
}

static const struct ifslot *ifcache_lookup(struct ifcache *c, int index)
{
	struct ifslot *s = &c->slot[(unsigned int)index % IFCACHE_SLOTS];
	struct ifslot fresh = { .index = index };

	if (index <= 0)
		return NULL;
	if (book && c != book)
		return ifcache_lookup(book, index);
	/* a link the book saw deleted */
	if (s->index == index && !s->name[0])
		return NULL;
	if (s->index != index) {
		if (!ifcache_fetch(c, index, &fresh))
			return NULL;
		*s = fresh;
	}
	return s;
}

/* The name of `index`, or "if%d" as iproute2 prints an unknown one. */
const char *ifcache_name(struct ifcache *c, int index, char buf[IF_NAMESIZE])
{
	const struct ifslot *s = ifcache_lookup(c, index);

	if (!s) {
		snprintf(buf, IF_NAMESIZE, "if%d", index);
		return buf;
	}
	memcpy(buf, s->name, IF_NAMESIZE);
	return buf;
}

/* The IFF_* flags of `index` as last fetched; -1 if there is no such link. */
int ifcache_flags(struct ifcache *c, int index, unsigned int *flags)
{
	const struct ifslot *s = ifcache_lookup(c, index);

	if (!s)
		return -1;
	*flags = s->flags;
	return 0;
}

void ifcache_close(struct ifcache *c)
{
	nl_free(c->nl);
	c->nl = NULL;
}
