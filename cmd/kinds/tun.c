/* tun and tap devices (created by `ip tuntap`): their -d data only;
 * iproute2 takes no words for them. */
#include "kind.h"

#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <linux/if_tun.h>

_Static_assert(IFLA_TUN_MAX <= KIND_MAXATTR, "a tun attribute has a slot in the printer");

static void print_onoff(struct printer *p, const char *key, const struct nlattr *a)
{
	char fmt[64];

	snprintf(fmt, sizeof(fmt), "%s %%s ", key);
	print_on_off(p, PRINT_ANY, key, fmt, mnl_attr_get_u8(a) != 0);
}

/* The owner or group: by name when the system has one, else by number. */
static void print_id(struct printer *p, const char *key, uint32_t id, const char *name)
{
	char fmt[32];

	snprintf(fmt, sizeof(fmt), "%s %%%s ", key, name ? "s" : "u");
	if (name)
		print_string(p, PRINT_ANY, key, fmt, name);
	else
		print_uint(p, PRINT_ANY, key, fmt, id);
}

/* multi_queue and its queue counts; JSON says false when it is off */
static void print_queues(struct printer *p, const struct nlattr **tb)
{
	if (!tb[IFLA_TUN_MULTI_QUEUE] || !mnl_attr_get_u8(tb[IFLA_TUN_MULTI_QUEUE])) {
		print_bool(p, PRINT_JSON, "multi_queue", NULL, false);
		return;
	}
	print_bool(p, PRINT_ANY, "multi_queue", "multi_queue ", true);
	if (tb[IFLA_TUN_NUM_QUEUES])
		print_uint(p, PRINT_ANY, "numqueues", "numqueues %u ",
			   mnl_attr_get_u32(tb[IFLA_TUN_NUM_QUEUES]));
	if (tb[IFLA_TUN_NUM_DISABLED_QUEUES])
		print_uint(p, PRINT_ANY, "numdisabled", "numdisabled %u ",
			   mnl_attr_get_u32(tb[IFLA_TUN_NUM_DISABLED_QUEUES]));
}

static void tun_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	struct printer *p = kp->p;
	char type[32];

	(void)k;
	if (tb[IFLA_TUN_TYPE]) {
		uint8_t t = mnl_attr_get_u8(tb[IFLA_TUN_TYPE]);

		snprintf(type, sizeof(type), "UNKNOWN:%u", t);
		print_string(p, PRINT_ANY, "type", "type %s ",
			     t == IFF_TUN ? "tun" : t == IFF_TAP ? "tap" : type);
	}
	if (tb[IFLA_TUN_PI])
		print_onoff(p, "pi", tb[IFLA_TUN_PI]);
	if (tb[IFLA_TUN_VNET_HDR])
		print_onoff(p, "vnet_hdr", tb[IFLA_TUN_VNET_HDR]);
	print_queues(p, tb);
	if (tb[IFLA_TUN_PERSIST])
		print_onoff(p, "persist", tb[IFLA_TUN_PERSIST]);
	if (tb[IFLA_TUN_OWNER]) {
		uint32_t uid = mnl_attr_get_u32(tb[IFLA_TUN_OWNER]);
		const struct passwd *pw = getpwuid(uid);

		print_id(p, "user", uid, pw ? pw->pw_name : NULL);
	}
	if (tb[IFLA_TUN_GROUP]) {
		uint32_t gid = mnl_attr_get_u32(tb[IFLA_TUN_GROUP]);
		const struct group *gr = getgrgid(gid);

		print_id(p, "group", gid, gr ? gr->gr_name : NULL);
	}
}

static const enum mnl_attr_data_type tun_policy[IFLA_TUN_MAX + 1] = {
	[IFLA_TUN_TYPE] = MNL_TYPE_U8,
	[IFLA_TUN_PI] = MNL_TYPE_U8,
	[IFLA_TUN_VNET_HDR] = MNL_TYPE_U8,
	[IFLA_TUN_MULTI_QUEUE] = MNL_TYPE_U8,
	[IFLA_TUN_PERSIST] = MNL_TYPE_U8,
	[IFLA_TUN_OWNER] = MNL_TYPE_U32,
	[IFLA_TUN_GROUP] = MNL_TYPE_U32,
	[IFLA_TUN_NUM_QUEUES] = MNL_TYPE_U32,
	[IFLA_TUN_NUM_DISABLED_QUEUES] = MNL_TYPE_U32,
};

const struct link_kind kind_tun = {
	.name = "tun", .maxattr = IFLA_TUN_MAX, .takes_none = true, .prints = true,
	.print = tun_print, .policy = tun_policy,
};
