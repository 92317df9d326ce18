/* Reading and printing nexthop and nexthop bucket messages as iproute2
 * 6.1's ipnexthop.c does: nexthop show, get and bucket, route show -d's
 * nh_info, and monitor's nexthop events. */
#include "nexthop.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

#include "lwt.h"
#include "rta_print.h"
#include "../names/names.h"
#include "../netlink/attr.h"

/* One nexthop message, its attributes indexed. */
struct nexthop {
	const struct nhmsg *nhm;
	const struct nlattr *tb[NHA_MAX + 1];
	uint32_t id;
};

static const enum mnl_attr_data_type nh_policy[NHA_MAX + 1] = {
	[NHA_ID] = MNL_TYPE_U32, [NHA_GROUP_TYPE] = MNL_TYPE_U16,
	[NHA_OIF] = MNL_TYPE_U32, [NHA_ENCAP_TYPE] = MNL_TYPE_U16,
	[NHA_RES_GROUP] = MNL_TYPE_NESTED, [NHA_RES_BUCKET] = MNL_TYPE_NESTED,
};

/* iproute2's checks and messages: a header that does not fit, a group
 * that is not whole entries, a gateway longer than an IPv6 address. */
static int nexthop_read(const struct nlmsghdr *nlh, struct nexthop *nh)
{
	const struct nlattr *a;

	if (nlh->nlmsg_len < NLMSG_SPACE(sizeof(struct nhmsg))) {
		fprintf(stderr, "BUG: wrong nlmsg len %d\n",
			(int)nlh->nlmsg_len - (int)NLMSG_SPACE(sizeof(struct nhmsg)));
		return -1;
	}
	attr_parse(nh->tb, NHA_MAX, nh_policy, nlh, sizeof(struct nhmsg));
	nh->nhm = mnl_nlmsg_get_payload(nlh);
	nh->id = nh->tb[NHA_ID] ? mnl_attr_get_u32(nh->tb[NHA_ID]) : 0;
	a = nh->tb[NHA_GATEWAY];
	if (a && mnl_attr_get_payload_len(a) > 16) {
		fprintf(stderr, "<nexthop id %u invalid gateway length %u>\n", nh->id,
			mnl_attr_get_payload_len(a));
		return -1;
	}
	a = nh->tb[NHA_GROUP];
	if (a && (mnl_attr_get_payload_len(a) == 0 ||
		  mnl_attr_get_payload_len(a) % sizeof(struct nexthop_grp))) {
		fprintf(stderr, "<nexthop id %u invalid nexthop group>\n", nh->id);
		return -1;
	}
	return 0;
}

/* "group 1,3/2" ("weight" is one less in the kernel). */
static void print_nh_group(struct printer *p, const struct nlattr *a)
{
	const struct nexthop_grp *grp = mnl_attr_get_payload(a);
	size_t n = mnl_attr_get_payload_len(a) / sizeof(*grp);

	print_open_array(p, PRINT_JSON, "group", NULL);
	print_text(p, "group ");
	for (size_t i = 0; i < n; i++) {
		struct nexthop_grp g;

		memcpy(&g, &grp[i], sizeof(g));
		print_open_object(p, NULL);
		if (i)
			print_text(p, "/");
		print_uint(p, PRINT_ANY, "id", "%u", g.id);
		if (g.weight)
			print_uint(p, PRINT_ANY, "weight", ",%u", g.weight + 1u);
		print_close_object(p);
	}
	print_text(p, " ");
	print_close_array(p, PRINT_JSON, NULL);
}

/* clock_t (1/100 s) as iproute2's __jiffies_to_tv and print_tv: "%g" s. */
static void print_clock(struct printer *p, const char *key, uint64_t ticks)
{
	unsigned long long usec = 10000ULL * ticks;
	double secs = (double)(usec / 1000000) + (double)(usec % 1000000) / 1000000.0;
	char num[32], fmt[32];

	snprintf(num, sizeof(num), "%g", secs);
	snprintf(fmt, sizeof(fmt), "%s %%s ", key);
	print_raw(p, PRINT_ANY, key, fmt, num);
}

static uint64_t attr_uint_or0(const struct nlattr *a)
{
	return a ? mnl_attr_get_u64(a) : 0;
}

/* A resilient group's "buckets 8 idle_timer 10 ..." */
static void print_nh_res_group(struct printer *p, const struct nlattr *nest)
{
	static const enum mnl_attr_data_type policy[NHA_RES_GROUP_MAX + 1] = {
		[NHA_RES_GROUP_BUCKETS] = MNL_TYPE_U16,
		[NHA_RES_GROUP_IDLE_TIMER] = MNL_TYPE_U32,
		[NHA_RES_GROUP_UNBALANCED_TIMER] = MNL_TYPE_U32,
		[NHA_RES_GROUP_UNBALANCED_TIME] = MNL_TYPE_U64,
	};
	const struct nlattr *tb[NHA_RES_GROUP_MAX + 1];
	const struct nlattr *a;

	attr_parse_nested(tb, NHA_RES_GROUP_MAX, policy, nest);
	print_open_object(p, "resilient_args");
	a = tb[NHA_RES_GROUP_BUCKETS];
	print_uint(p, PRINT_ANY, "buckets", "buckets %u ", a ? mnl_attr_get_u16(a) : 0);
	a = tb[NHA_RES_GROUP_IDLE_TIMER];
	print_clock(p, "idle_timer", a ? mnl_attr_get_u32(a) : 0);
	a = tb[NHA_RES_GROUP_UNBALANCED_TIMER];
	print_clock(p, "unbalanced_timer", a ? mnl_attr_get_u32(a) : 0);
	print_clock(p, "unbalanced_time", attr_uint_or0(tb[NHA_RES_GROUP_UNBALANCED_TIME]));
	print_close_object(p);
}

/* iproute2's __print_nexthop_entry: `key` names the object under -j. */
static void print_nexthop_entry(struct ipbox *ib, struct ifcache *ifc, const struct nexthop *nh,
				const char *key, bool deleted)
{
	struct printer *p = ib->pr;
	const struct nhmsg *nhm = nh->nhm;
	char buf[64];

	print_open_object(p, key);
	if (deleted)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	print_uint(p, PRINT_ANY, "id", "id %u ", nh->id);
	if (nh->tb[NHA_GROUP])
		print_nh_group(p, nh->tb[NHA_GROUP]);
	if (nh->tb[NHA_GROUP_TYPE] && mnl_attr_get_u16(nh->tb[NHA_GROUP_TYPE]) != NEXTHOP_GRP_TYPE_MPATH)
		print_string(p, PRINT_ANY, "type", "type %s ",
			     mnl_attr_get_u16(nh->tb[NHA_GROUP_TYPE]) == NEXTHOP_GRP_TYPE_RES ?
			     "resilient" : "<unknown type>");
	if (nh->tb[NHA_RES_GROUP])
		print_nh_res_group(p, nh->tb[NHA_RES_GROUP]);
	if (nh->tb[NHA_ENCAP])
		lwt_print(p, nh->tb[NHA_ENCAP_TYPE], nh->tb[NHA_ENCAP]);
	if (nh->tb[NHA_GATEWAY] && mnl_attr_get_payload_len(nh->tb[NHA_GATEWAY]))
		print_gateway(p, nhm->nh_family, nh->tb[NHA_GATEWAY]);
	if (nh->tb[NHA_OIF]) {
		print_text(p, "dev ");
		print_color_string(p, PRINT_ANY, COLOR_IFNAME, "dev", "%s ",
				   ifcache_name(ifc, (int)mnl_attr_get_u32(nh->tb[NHA_OIF]), buf));
	}
	if (nhm->nh_scope != RT_SCOPE_UNIVERSE || ib->details)
		print_string(p, PRINT_ANY, "scope", "scope %s ",
			     names_to_str(&names_scopes, nhm->nh_scope, buf, sizeof(buf)));
	if (nh->tb[NHA_BLACKHOLE])
		print_null(p, PRINT_ANY, "blackhole", "blackhole ");
	if (nhm->nh_protocol != RTPROT_UNSPEC || ib->details)
		print_string(p, PRINT_ANY, "protocol", "proto %s ",
			     names_to_str(&names_protos, nhm->nh_protocol, buf, sizeof(buf)));
	print_rt_flags(p, nhm->nh_flags);
	if (nh->tb[NHA_FDB])
		print_null(p, PRINT_ANY, "fdb", "fdb");
	print_close_object(p);
}

int nexthop_print(struct ipbox *ib, struct ifcache *ifc, const struct nlmsghdr *nlh)
{
	struct nexthop nh;

	if (nlh->nlmsg_type != RTM_NEWNEXTHOP && nlh->nlmsg_type != RTM_DELNEXTHOP) {
		fprintf(stderr, "Not a nexthop: %08x %08x %08x\n", nlh->nlmsg_len,
			nlh->nlmsg_type, nlh->nlmsg_flags);
		return -1;
	}
	if (nexthop_read(nlh, &nh) < 0) {
		fprintf(stderr, "Error parsing nexthop: %s\n", strerror(EINVAL));
		return -1;
	}
	print_nexthop_entry(ib, ifc, &nh, NULL, nlh->nlmsg_type == RTM_DELNEXTHOP);
	print_text(ib->pr, "\n");
	return 0;
}

/* ---- buckets ------------------------------------------------------------ */

static void print_nh_bucket(struct printer *p, const struct nlattr *nest)
{
	static const enum mnl_attr_data_type policy[NHA_RES_BUCKET_MAX + 1] = {
		[NHA_RES_BUCKET_INDEX] = MNL_TYPE_U16,
		[NHA_RES_BUCKET_IDLE_TIME] = MNL_TYPE_U64,
		[NHA_RES_BUCKET_NH_ID] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[NHA_RES_BUCKET_MAX + 1];

	attr_parse_nested(tb, NHA_RES_BUCKET_MAX, policy, nest);
	print_open_object(p, "bucket");
	if (tb[NHA_RES_BUCKET_INDEX])
		print_uint(p, PRINT_ANY, "index", "index %u ", mnl_attr_get_u16(tb[NHA_RES_BUCKET_INDEX]));
	if (tb[NHA_RES_BUCKET_IDLE_TIME])
		print_clock(p, "idle_time", mnl_attr_get_u64(tb[NHA_RES_BUCKET_IDLE_TIME]));
	if (tb[NHA_RES_BUCKET_NH_ID])
		print_uint(p, PRINT_ANY, "nhid", "nhid %u ", mnl_attr_get_u32(tb[NHA_RES_BUCKET_NH_ID]));
	print_close_object(p);
}

/* iproute2 6.1 tests the bucket message against RTM_DELNEXTHOP, so it
 * never says "Deleted"; ipbox does (see ipbox-nexthop(8)). */
int nexthop_bucket_print(struct ipbox *ib, const struct nlmsghdr *nlh)
{
	struct printer *p = ib->pr;
	struct nexthop nh;

	if (nlh->nlmsg_type != RTM_NEWNEXTHOPBUCKET && nlh->nlmsg_type != RTM_DELNEXTHOPBUCKET) {
		fprintf(stderr, "Not a nexthop bucket: %08x %08x %08x\n", nlh->nlmsg_len,
			nlh->nlmsg_type, nlh->nlmsg_flags);
		return -1;
	}
	if (nexthop_read(nlh, &nh) < 0)
		return -1;
	print_open_object(p, NULL);
	if (nlh->nlmsg_type == RTM_DELNEXTHOPBUCKET)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	if (nh.tb[NHA_ID])
		print_uint(p, PRINT_ANY, "id", "id %u ", nh.id);
	if (nh.tb[NHA_RES_BUCKET])
		print_nh_bucket(p, nh.tb[NHA_RES_BUCKET]);
	print_rt_flags(p, nh.nhm->nh_flags);
	print_text(p, "\n");
	print_close_object(p);
	return 0;
}

/* ---- one nexthop by id, for route show -d ------------------------------- */

struct nh_answer {
	struct ipbox *ib;
	struct ifcache *ifc;
};

static int nh_info_answer(const struct nlmsghdr *nlh, void *data)
{
	struct nh_answer *a = data;
	struct nexthop nh;

	if (nlh->nlmsg_type == RTM_NEWNEXTHOP && nexthop_read(nlh, &nh) == 0) {
		print_text(a->ib->pr, "\n\tnh_info ");
		print_nexthop_entry(a->ib, a->ifc, &nh, "nh_info", false);
	}
	return NL_CB_STOP;
}

void nexthop_print_id(struct ipbox *ib, struct ifcache *ifc, struct nh_lookup *l, uint32_t id)
{
	struct nh_answer a = { ib, ifc };
	struct nhmsg *nhm;
	struct nlreq req;

	if (!l->nl && !(l->nl = nl_new(NETLINK_ROUTE)))
		return;
	nhm = nlreq_init(&req, RTM_GETNEXTHOP, 0, sizeof(*nhm));
	nhm->nh_family = (uint8_t)ib->family;
	nlreq_put_u32(&req, NHA_ID, id);
	(void)nl_talk(l->nl, &req, nh_info_answer, &a);
}

void nh_lookup_close(struct nh_lookup *l)
{
	nl_free(l->nl);
	l->nl = NULL;
}
