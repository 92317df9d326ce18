/* VRFs: `type vrf table TABLE`, the -d data of a VRF and of its ports,
 * and whether a device is a VRF (`link show vrf NAME`). */
#include "kind.h"
#include "../usage.h"

#include <stdlib.h>
#include <string.h>
#include <linux/rtnetlink.h>

_Static_assert(IFLA_VRF_MAX <= KIND_MAXATTR && IFLA_VRF_PORT_MAX <= KIND_MAXATTR,
	       "a vrf attribute has a bit in struct kind_parse");

static const struct kind_opt vrf_opts[] = {
	OPT("table", "table", OPT_TABLE, IFLA_VRF_TABLE, BOTH, 0, 0, "invalid table ID\n", 1),
	OPT_END,
};

USAGE(kind_vrf,
	"Usage: ... %s table TABLEID\n");

const struct link_kind kind_vrf = {
	.name = "vrf", .maxattr = IFLA_VRF_MAX, .opts = vrf_opts, .unknown = "option",
	.prints = true, .usage = "kind_vrf",
};

static const struct kind_opt vrf_slave_opts[] = {
	OPT("table", "table", OPT_U32, IFLA_VRF_PORT_TABLE, SHOW, 0, 0, NULL, 0),
	OPT_END,
};

/* iproute2 takes no words for a VRF's port and prints no usage. */
const struct link_kind kind_vrf_slave = {
	.name = "vrf_slave", .maxattr = IFLA_VRF_PORT_MAX, .opts = vrf_slave_opts,
	.takes_none = true, .prints = true,
};

static int kind_answer(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[IFLA_INFO_MAX + 1] = {
		[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING,
	};
	const struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    attr_parse(tb, IFLA_MAX, NULL, nlh, sizeof(struct ifinfomsg)) < 0 ||
	    !tb[IFLA_LINKINFO])
		return NL_CB_STOP;
	attr_parse_nested(li, IFLA_INFO_MAX, policy, tb[IFLA_LINKINFO]);
	*(bool *)data = li[IFLA_INFO_KIND] && !strcmp(mnl_attr_get_str(li[IFLA_INFO_KIND]), "vrf");
	return NL_CB_STOP;
}

/* Whether the device named is a VRF (iproute2's name_is_vrf: one get
 * by name, its errors unsaid). */
bool link_is_vrf(const char *name)
{
	struct nlreq req;
	struct ifinfomsg *ifi;
	struct nl *nl = malloc(sizeof(*nl));
	bool vrf = false;

	if (!nl || nl_open(nl, NETLINK_ROUTE) < 0) {
		free(nl);
		return false;
	}
	ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	nlreq_put_str(&req, IFLA_IFNAME, name);
	if (nl_talk(nl, &req, kind_answer, &vrf) < 0)
		vrf = false;
	nl_close(nl);
	free(nl);
	return vrf;
}
