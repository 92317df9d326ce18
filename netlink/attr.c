#include "attr.h"

#include <stdbool.h>
#include <string.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

struct attr_table {
	const struct nlattr **tb;
	unsigned int max;
	const enum mnl_attr_data_type *policy;	/* max+1 entries, or NULL */
};

/* Whether a's payload fits the policy's type, as mnl_attr_validate
 * judges it (test_netlink checks every type and length against it).
 * Dumps validate a few hundred thousand attributes: the common types
 * are judged here, the rest by libmnl. */
static bool attr_fits(const struct nlattr *a, enum mnl_attr_data_type type)
{
	size_t len = a->nla_len - MNL_ATTR_HDRLEN;

	switch (type) {
	case MNL_TYPE_UNSPEC:
		return true;
	case MNL_TYPE_U8:
		return len == 1;
	case MNL_TYPE_U16:
		return len == 2;
	case MNL_TYPE_U32:
		return len == 4;
	case MNL_TYPE_U64:
		return len == 8;
	case MNL_TYPE_NUL_STRING:
		return len && ((const char *)a + MNL_ATTR_HDRLEN)[len - 1] == '\0';
	default:
		return mnl_attr_validate(a, type) == 0;
	}
}

/* Index the attributes in len bytes at buf (mnl_attr_parse's walk, with
 * no callback per attribute). */
static void attr_index(const struct attr_table *t, const void *buf, long len)
{
	const struct nlattr *a = buf;

	while (len >= (long)sizeof(*a) && a->nla_len >= sizeof(*a) && a->nla_len <= len) {
		unsigned int type = a->nla_type & NLA_TYPE_MASK;
		long step = MNL_ALIGN(a->nla_len);

		if (type <= t->max && (!t->policy || attr_fits(a, t->policy[type])))
			t->tb[type] = a;
		len -= step;
		a = (const struct nlattr *)((const char *)a + step);
	}
}

/* Returns -1 when the message is too short for its fixed header. */
int attr_parse(const struct nlattr **tb, unsigned int max,
	       const enum mnl_attr_data_type *policy,
	       const struct nlmsghdr *nlh, size_t hdrlen)
{
	struct attr_table t = { tb, max, policy };
	const char *first = (const char *)nlh + MNL_NLMSG_HDRLEN + MNL_ALIGN(hdrlen);

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_nlmsg_get_payload_len(nlh) < hdrlen)
		return -1;
	attr_index(&t, first, (long)MNL_ALIGN(nlh->nlmsg_len) - (first - (const char *)nlh));
	return 0;
}

int attr_parse_nested(const struct nlattr **tb, unsigned int max,
		      const enum mnl_attr_data_type *policy,
		      const struct nlattr *nest)
{
	struct attr_table t = { tb, max, policy };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	attr_index(&t, (const char *)nest + MNL_ATTR_HDRLEN, (long)nest->nla_len - MNL_ATTR_HDRLEN);
	return 0;
}

/* Attributes in a bare buffer, such as those after a struct rtnexthop. */
int attr_parse_payload(const struct nlattr **tb, unsigned int max,
		       const enum mnl_attr_data_type *policy,
		       const void *buf, size_t len)
{
	struct attr_table t = { tb, max, policy };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	attr_index(&t, buf, (long)len);
	return 0;
}

/* A nest whose payload starts with a struct rather than an attribute:
 * a veth peer (struct ifinfomsg) and a route's nexthops (a struct
 * rtnexthop each, its attributes after it). */
static bool nest_tiled(const struct nlattr *a, uint16_t msg_type, int depth)
{
	const char *p = mnl_attr_get_payload(a);
	size_t len = mnl_attr_get_payload_len(a);
	uint16_t type = mnl_attr_get_type(a);

	if ((msg_type & ~3) == RTM_BASE && depth == 2 && type == VETH_INFO_PEER)
		return len >= sizeof(struct ifinfomsg) &&
		       attr_tiled(p + sizeof(struct ifinfomsg), len - sizeof(struct ifinfomsg),
				  msg_type, 0);
	if ((msg_type & ~3) == RTM_NEWROUTE && depth == 0 && type == RTA_MULTIPATH) {
		while (len > 0) {
			const struct rtnexthop *nh = (const void *)p;
			size_t step;

			if (len < sizeof(*nh) || nh->rtnh_len < sizeof(*nh) || nh->rtnh_len > len ||
			    !attr_tiled(p + sizeof(*nh), nh->rtnh_len - sizeof(*nh), msg_type, depth + 1))
				return false;
			step = RTNH_ALIGN((size_t)nh->rtnh_len);
			len -= step < len ? step : len;
			p += step;
		}
		return true;
	}
	return attr_tiled(p, len, msg_type, depth + 1);
}

/* Whether attributes fill len exactly, nests (NLA_F_NESTED, as libmnl
 * marks them) likewise all the way down: what every message ipbox sends
 * must be.  msg_type and depth tell the nests that hold structs. */
bool attr_tiled(const void *buf, size_t len, uint16_t msg_type, int depth)
{
	const struct nlattr *a = buf;
	int left = (int)len;

	for (; mnl_attr_ok(a, left); a = mnl_attr_next(a)) {
		left -= (int)MNL_ALIGN(a->nla_len);
		if ((a->nla_type & NLA_F_NESTED) && !nest_tiled(a, msg_type, depth))
			return false;
	}
	return left == 0;
}
