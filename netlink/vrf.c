#include "vrf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "attr.h"
#include "nl.h"

struct vrf_answer {
	int index;		/* set once the link is a VRF */
	uint32_t table;
};

static int vrf_link(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type info_policy[IFLA_INFO_MAX + 1] = {
		[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING, [IFLA_INFO_DATA] = MNL_TYPE_NESTED,
	};
	static const enum mnl_attr_data_type vrf_policy[IFLA_VRF_MAX + 1] = {
		[IFLA_VRF_TABLE] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1], *vrf[IFLA_VRF_MAX + 1];
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct vrf_answer *a = data;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    attr_parse(tb, IFLA_MAX, NULL, nlh, sizeof(*ifi)) < 0 || !tb[IFLA_LINKINFO] ||
	    attr_parse_nested(li, IFLA_INFO_MAX, info_policy, tb[IFLA_LINKINFO]) < 0 ||
	    !li[IFLA_INFO_KIND] || strcmp(mnl_attr_get_str(li[IFLA_INFO_KIND]), "vrf"))
		return NL_CB_STOP;
	a->index = ifi->ifi_index;
	if (li[IFLA_INFO_DATA] &&
	    attr_parse_nested(vrf, IFLA_VRF_MAX, vrf_policy, li[IFLA_INFO_DATA]) == 0 &&
	    vrf[IFLA_VRF_TABLE])
		a->table = mnl_attr_get_u32(vrf[IFLA_VRF_TABLE]);
	return NL_CB_STOP;
}

int vrf_lookup(const char *name, uint32_t *table)
{
	struct vrf_answer a = { 0, 0 };
	struct ifinfomsg *ifi;
	struct nlreq req;
	struct nl *nl = malloc(sizeof(*nl));
	int ret;

	*table = 0;
	if (!nl || nl_open(nl, NETLINK_ROUTE) < 0) {
		free(nl);
		return 0;
	}
	ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	nlreq_put_str(&req, IFLA_IFNAME, name);
	nlreq_put_u32(&req, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	ret = nl_talk(nl, &req, vrf_link, &a);
	if (ret < 0 && nl->error == ENODEV && !strcmp(name, "default"))
		*table = RT_TABLE_MAIN;
	else if (a.index)
		*table = a.table;
	nl_close(nl);
	free(nl);
	return a.index;
}
