/* Reading and printing one rule message as iproute2's print_rule does,
 * for rule show and for monitor's rule events. */
#include "rule.h"

#include <endian.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "route_print.h"
#include "rta_print.h"
#include "../args/inet.h"
#include "../names/names.h"
#include "../netlink/attr.h"

static const enum mnl_attr_data_type rule_policy[FRA_MAX + 1] = {
	[FRA_IIFNAME] = MNL_TYPE_NUL_STRING, [FRA_OIFNAME] = MNL_TYPE_NUL_STRING,
	[FRA_GOTO] = MNL_TYPE_U32, [FRA_PRIORITY] = MNL_TYPE_U32,
	[FRA_FWMARK] = MNL_TYPE_U32, [FRA_FWMASK] = MNL_TYPE_U32,
	[FRA_FLOW] = MNL_TYPE_U32, [FRA_TUN_ID] = MNL_TYPE_U64,
	[FRA_SUPPRESS_IFGROUP] = MNL_TYPE_U32, [FRA_SUPPRESS_PREFIXLEN] = MNL_TYPE_U32,
	[FRA_TABLE] = MNL_TYPE_U32, [FRA_L3MDEV] = MNL_TYPE_U8,
	[FRA_PROTOCOL] = MNL_TYPE_U8, [FRA_IP_PROTO] = MNL_TYPE_U8,
};

/* The structs some attributes carry: shorter ones are left out. */
static const size_t rule_struct_len[FRA_MAX + 1] = {
	[FRA_UID_RANGE] = sizeof(struct fib_rule_uid_range),
	[FRA_SPORT_RANGE] = sizeof(struct fib_rule_port_range),
	[FRA_DPORT_RANGE] = sizeof(struct fib_rule_port_range),
};

int rule_read(const struct nlmsghdr *nlh, struct rule *r)
{
	if (attr_parse(r->tb, FRA_MAX, rule_policy, nlh, sizeof(struct fib_rule_hdr)) < 0)
		return -1;
	for (int i = 0; i <= FRA_MAX; i++)
		if (r->tb[i] && mnl_attr_get_payload_len(r->tb[i]) < rule_struct_len[i])
			r->tb[i] = NULL;
	r->frh = mnl_nlmsg_get_payload(nlh);
	r->table = r->tb[FRA_TABLE] ? mnl_attr_get_u32(r->tb[FRA_TABLE]) : r->frh->table;
	return 0;
}

/* "from 10.0.0.0/8", "from all"; "to" only when there is one. */
static void print_rule_prefix(struct printer *p, const struct rule *r, int type)
{
	bool src = type == FRA_SRC;
	unsigned int len = src ? r->frh->src_len : r->frh->dst_len;
	const char *key = src ? "src" : "dst", *lenkey = src ? "srclen" : "dstlen";
	char buf[INET_STRLEN];

	if (r->tb[type]) {
		print_text(p, src ? "from " : " to ");
		print_color_string(p, PRINT_ANY, family_color(r->frh->family), key, "%s",
				   rta_ntop(r->tb[type], r->frh->family, buf));
		if ((int)len != inet_family_bits(r->frh->family))
			print_uint(p, PRINT_ANY, lenkey, "/%u", len);
	} else if (len) {
		print_string(p, PRINT_ANY, key, src ? "from %s" : " to %s", "0");
		print_uint(p, PRINT_ANY, lenkey, "/%u", len);
	} else if (src) {
		print_string(p, PRINT_ANY, key, "from %s", "all");
	}
}

/* " fwmark 0x10/0xff": the mask only when it is not all ones. */
static void print_rule_fwmark(struct printer *p, const struct rule *r)
{
	const struct nlattr *mark = r->tb[FRA_FWMARK], *mask = r->tb[FRA_FWMASK];
	char buf[16];

	if (!mark && !mask)
		return;
	snprintf(buf, sizeof(buf), "%#x", mark ? mnl_attr_get_u32(mark) : 0);
	print_string(p, PRINT_ANY, "fwmark", " fwmark %s", buf);
	if (mask && mnl_attr_get_u32(mask) != 0xffffffff) {
		snprintf(buf, sizeof(buf), "%#x", mnl_attr_get_u32(mask));
		print_string(p, PRINT_ANY, "fwmask", "/%s", buf);
	}
}

/* " iif eth0 [detached]" */
static void print_rule_dev(struct printer *p, const struct rule *r, int type)
{
	bool iif = type == FRA_IIFNAME;
	uint32_t detached = iif ? FIB_RULE_IIF_DETACHED : FIB_RULE_OIF_DETACHED;

	if (!r->tb[type])
		return;
	print_text(p, iif ? " iif " : " oif ");
	print_color_string(p, PRINT_ANY, COLOR_IFNAME, iif ? "iif" : "oif", "%s",
			   mnl_attr_get_str(r->tb[type]));
	if (r->frh->flags & detached)
		print_null(p, PRINT_ANY, iif ? "iif_detached" : "oif_detached", " [detached]");
}

/* " sport 80" or " sport 1000-2000" */
static void print_rule_ports(struct printer *p, const struct nlattr *a, const char *key)
{
	struct fib_rule_port_range range;
	char k[16], fmt[16];

	if (!a)
		return;
	memcpy(&range, mnl_attr_get_payload(a), sizeof(range));
	snprintf(fmt, sizeof(fmt), " %s %%u", key);
	if (range.start == range.end) {
		print_uint(p, PRINT_ANY, key, fmt, range.start);
		return;
	}
	snprintf(k, sizeof(k), "%s_start", key);
	print_uint(p, PRINT_ANY, k, fmt, range.start);
	snprintf(k, sizeof(k), "%s_end", key);
	print_uint(p, PRINT_ANY, k, "-%u", range.end);
}

/* The selectors after from/to, in iproute2's order. */
static void print_rule_selectors(struct printer *p, const struct rule *r)
{
	char buf[64];

	if (r->frh->tos)
		print_string(p, PRINT_ANY, "tos", " tos %s",
			     names_dsfield_to_str(r->frh->tos, buf, sizeof(buf)));
	print_rule_fwmark(p, r);
	print_rule_dev(p, r, FRA_IIFNAME);
	print_rule_dev(p, r, FRA_OIFNAME);
	if (r->tb[FRA_L3MDEV] && mnl_attr_get_u8(r->tb[FRA_L3MDEV]))
		print_null(p, PRINT_ANY, "l3mdev", " lookup [l3mdev-table]");
	if (r->tb[FRA_UID_RANGE]) {
		struct fib_rule_uid_range uid;

		memcpy(&uid, mnl_attr_get_payload(r->tb[FRA_UID_RANGE]), sizeof(uid));
		print_uint(p, PRINT_ANY, "uid_start", " uidrange %u", uid.start);
		print_uint(p, PRINT_ANY, "uid_end", "-%u", uid.end);
	}
	if (r->tb[FRA_IP_PROTO])
		print_string(p, PRINT_ANY, "ipproto", " ipproto %s",
			     names_ipproto_to_str(mnl_attr_get_u8(r->tb[FRA_IP_PROTO]), buf, sizeof(buf)));
	print_rule_ports(p, r->tb[FRA_SPORT_RANGE], "sport");
	print_rule_ports(p, r->tb[FRA_DPORT_RANGE], "dport");
	if (r->tb[FRA_TUN_ID])
		print_u64(p, PRINT_ANY, "tun_id", " tun_id %" PRIu64,
			  be64toh(mnl_attr_get_u64(r->tb[FRA_TUN_ID])));
}

/* " lookup main suppress_prefixlength 0": the suppressors only with a
 * table, and only when set (-1 is unset). */
static void print_rule_table(struct printer *p, const struct rule *r)
{
	char buf[64];

	if (!r->table)
		return;
	print_string(p, PRINT_ANY, "table", " lookup %s",
		     names_to_str(&names_tables, r->table, buf, sizeof(buf)));
	if (r->tb[FRA_SUPPRESS_PREFIXLEN]) {
		int32_t pl = (int32_t)mnl_attr_get_u32(r->tb[FRA_SUPPRESS_PREFIXLEN]);

		if (pl != -1)
			print_int(p, PRINT_ANY, "suppress_prefixlen", " suppress_prefixlength %d", pl);
	}
	if (r->tb[FRA_SUPPRESS_IFGROUP]) {
		int32_t group = (int32_t)mnl_attr_get_u32(r->tb[FRA_SUPPRESS_IFGROUP]);

		if (group != -1) {
			const char *name = names_to_str(&names_groups, (uint32_t)group, buf, sizeof(buf));

			if (name == buf)	/* a number, which iproute2 prints signed */
				snprintf(buf, sizeof(buf), "%d", group);
			print_string(p, PRINT_ANY, "suppress_ifgroup", " suppress_ifgroup %s", name);
		}
	}
}

static void print_rule_realms(struct printer *p, const struct rule *r)
{
	uint32_t to, from;
	char buf[64];

	if (!r->tb[FRA_FLOW])
		return;
	to = mnl_attr_get_u32(r->tb[FRA_FLOW]);
	from = to >> 16;
	to &= 0xffff;
	if (from)
		print_string(p, PRINT_ANY, "flow_from", " realms %s/",
			     names_to_str(&names_realms, from, buf, sizeof(buf)));
	else
		print_text(p, " realms ");
	print_string(p, PRINT_ANY, "flow_to", "%s", names_to_str(&names_realms, to, buf, sizeof(buf)));
}

/* What the rule does when it is not a plain table lookup. */
static void print_rule_action(struct printer *p, const struct rule *r)
{
	char buf[INET_STRLEN];

	switch (r->frh->action) {
	case FR_ACT_TO_TBL:
		return;
	case RTN_NAT:
		if (r->tb[RTA_GATEWAY])
			print_string(p, PRINT_ANY, "nat_gateway", " map-to %s",
				     rta_ntop(r->tb[RTA_GATEWAY], r->frh->family, buf));
		else
			print_null(p, PRINT_ANY, "masquerade", " masquerade");
		return;
	case FR_ACT_GOTO:
		if (r->tb[FRA_GOTO])
			print_uint(p, PRINT_ANY, "goto", " goto %u", mnl_attr_get_u32(r->tb[FRA_GOTO]));
		else
			print_string(p, PRINT_ANY, "goto", " goto %s", "none");
		if (r->frh->flags & FIB_RULE_UNRESOLVED)
			print_null(p, PRINT_ANY, "unresolved", " [unresolved]");
		return;
	case FR_ACT_NOP:
		print_null(p, PRINT_ANY, "nop", " nop");
		return;
	}
	print_string(p, PRINT_ANY, "action", " %s", route_type_to_str(r->frh->action, buf, sizeof(buf)));
}

int rule_print(struct ipbox *ib, const struct nlmsghdr *nlh)
{
	struct printer *p = ib->pr;
	struct rule r;
	char buf[64];

	if ((nlh->nlmsg_type != RTM_NEWRULE && nlh->nlmsg_type != RTM_DELRULE) ||
	    rule_read(nlh, &r) < 0)
		return -1;
	print_open_object(p, NULL);
	if (nlh->nlmsg_type == RTM_DELRULE)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	print_uint(p, PRINT_ANY, "priority", "%u:\t",
		   r.tb[FRA_PRIORITY] ? mnl_attr_get_u32(r.tb[FRA_PRIORITY]) : 0);
	if (r.frh->flags & FIB_RULE_INVERT)
		print_null(p, PRINT_ANY, "not", "not ");
	print_rule_prefix(p, &r, FRA_SRC);
	print_rule_prefix(p, &r, FRA_DST);
	print_rule_selectors(p, &r);
	print_rule_table(p, &r);
	print_rule_realms(p, &r);
	print_rule_action(p, &r);
	if (r.tb[FRA_PROTOCOL]) {
		uint8_t proto = mnl_attr_get_u8(r.tb[FRA_PROTOCOL]);

		if ((proto && proto != RTPROT_KERNEL) || ib->details)
			print_string(p, PRINT_ANY, "protocol", " proto %s",
				     names_to_str(&names_protos, proto, buf, sizeof(buf)));
	}
	print_text(p, "\n");
	print_close_object(p);
	return 0;
}
