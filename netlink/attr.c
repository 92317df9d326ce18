#include "attr.h"

#include <string.h>

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
