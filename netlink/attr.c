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

static int attr_store(const struct nlattr *a, void *data)
{
	const struct attr_table *t = data;
	unsigned int type = mnl_attr_get_type(a);

	if (type > t->max)
		return MNL_CB_OK;
	if (t->policy && t->policy[type] != MNL_TYPE_UNSPEC &&
	    mnl_attr_validate(a, t->policy[type]) < 0)
		return MNL_CB_OK;
	t->tb[type] = a;
	return MNL_CB_OK;
}

/* Returns -1 when the message is too short for its fixed header. */
int attr_parse(const struct nlattr **tb, unsigned int max,
	       const enum mnl_attr_data_type *policy,
	       const struct nlmsghdr *nlh, size_t hdrlen)
{
	struct attr_table t = { tb, max, policy };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_nlmsg_get_payload_len(nlh) < hdrlen)
		return -1;
	mnl_attr_parse(nlh, (unsigned int)hdrlen, attr_store, &t);
	return 0;
}

int attr_parse_nested(const struct nlattr **tb, unsigned int max,
		      const enum mnl_attr_data_type *policy,
		      const struct nlattr *nest)
{
	struct attr_table t = { tb, max, policy };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	mnl_attr_parse_nested(nest, attr_store, &t);
	return 0;
}

/* Attributes in a bare buffer, such as those after a struct rtnexthop. */
int attr_parse_payload(const struct nlattr **tb, unsigned int max,
		       const enum mnl_attr_data_type *policy,
		       const void *buf, size_t len)
{
	struct attr_table t = { tb, max, policy };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	mnl_attr_parse_payload(buf, len, attr_store, &t);
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
