/* Link kinds as tables: one row per option {word, JSON key, type,
 * attribute}, in iproute2's print order.  The same rows parse
 * `ip link add|set ... type KIND ARGS` and print `ip -d link show`. */
#include "link.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <linux/if_arp.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>

#include "../netlink/attr.h"
#include "../netlink/lladdr.h"

enum opt_type {
	OPT_FLAG,	/* the word alone: an empty attribute */
	OPT_U8,
	OPT_U16,
	OPT_U32,
	OPT_U64,
	OPT_BOOLOPT,	/* one bit of IFLA_BR_MULTI_BOOLOPT */
	OPT_LLADDR,
	OPT_VLAN_PROTO,	/* 802.1Q | 802.1ad, network order */
	OPT_BRIDGE_ID,	/* struct ifla_bridge_id: "8000.aa:bb:..." */
	OPT_TIMER,	/* centiseconds: "   1.50" */
	OPT_HEX_ALT,	/* u16 as "%#x" */
	OPT_HEX,	/* u16 as "0x%x" */
	OPT_ON_OFF,	/* u8: on/off, a JSON bool */
	OPT_PORT_STATE,	/* u8: an STP port state */
};

#define KIND_MAXATTR 64	/* above every kind's maxattr */

enum { SET = 1, SHOW = 2, BOTH = SET | SHOW };

struct kind_opt {
	const char *word;	/* on the command line and in plain output */
	const char *key;	/* JSON key; NULL: plain output only */
	enum opt_type type;
	uint16_t attr;
	uint8_t use;		/* SET, SHOW or BOTH */
	uint8_t bit;		/* OPT_BOOLOPT */
};

struct link_kind {
	const char *name;
	bool slave;
	unsigned int maxattr;
	const struct kind_opt *opts;
	const char *usage;	/* after "Usage: ... KIND " */
};

/* ---- bridge ----------------------------------------------------------- */

static const struct kind_opt bridge_opts[] = {
	{ "fdb_flush", NULL, OPT_FLAG, IFLA_BR_FDB_FLUSH, SET, 0 },
	{ "forward_delay", "forward_delay", OPT_U32, IFLA_BR_FORWARD_DELAY, BOTH, 0 },
	{ "hello_time", "hello_time", OPT_U32, IFLA_BR_HELLO_TIME, BOTH, 0 },
	{ "max_age", "max_age", OPT_U32, IFLA_BR_MAX_AGE, BOTH, 0 },
	{ "ageing_time", "ageing_time", OPT_U32, IFLA_BR_AGEING_TIME, BOTH, 0 },
	{ "stp_state", "stp_state", OPT_U32, IFLA_BR_STP_STATE, BOTH, 0 },
	{ "priority", "priority", OPT_U16, IFLA_BR_PRIORITY, BOTH, 0 },
	{ "vlan_filtering", "vlan_filtering", OPT_U8, IFLA_BR_VLAN_FILTERING, BOTH, 0 },
	{ "vlan_protocol", "vlan_protocol", OPT_VLAN_PROTO, IFLA_BR_VLAN_PROTOCOL, BOTH, 0 },
	{ "bridge_id", "bridge_id", OPT_BRIDGE_ID, IFLA_BR_BRIDGE_ID, SHOW, 0 },
	{ "designated_root", "root_id", OPT_BRIDGE_ID, IFLA_BR_ROOT_ID, SHOW, 0 },
	{ "root_port", "root_port", OPT_U16, IFLA_BR_ROOT_PORT, SHOW, 0 },
	{ "root_path_cost", "root_path_cost", OPT_U32, IFLA_BR_ROOT_PATH_COST, SHOW, 0 },
	{ "topology_change", "topology_change", OPT_U8, IFLA_BR_TOPOLOGY_CHANGE, SHOW, 0 },
	{ "topology_change_detected", "topology_change_detected", OPT_U8,
	  IFLA_BR_TOPOLOGY_CHANGE_DETECTED, SHOW, 0 },
	{ "hello_timer", "hello_timer", OPT_TIMER, IFLA_BR_HELLO_TIMER, SHOW, 0 },
	{ "tcn_timer", "tcn_timer", OPT_TIMER, IFLA_BR_TCN_TIMER, SHOW, 0 },
	{ "topology_change_timer", "topology_change_timer", OPT_TIMER,
	  IFLA_BR_TOPOLOGY_CHANGE_TIMER, SHOW, 0 },
	{ "gc_timer", "gc_timer", OPT_TIMER, IFLA_BR_GC_TIMER, SHOW, 0 },
	{ "vlan_default_pvid", "vlan_default_pvid", OPT_U16, IFLA_BR_VLAN_DEFAULT_PVID, BOTH, 0 },
	{ "vlan_stats_enabled", "vlan_stats_enabled", OPT_U8, IFLA_BR_VLAN_STATS_ENABLED, BOTH, 0 },
	{ "vlan_stats_per_port", "vlan_stats_per_port", OPT_U8, IFLA_BR_VLAN_STATS_PER_PORT,
	  BOTH, 0 },
	{ "group_fwd_mask", "group_fwd_mask", OPT_HEX_ALT, IFLA_BR_GROUP_FWD_MASK, BOTH, 0 },
	{ "group_address", "group_addr", OPT_LLADDR, IFLA_BR_GROUP_ADDR, BOTH, 0 },
	{ "mcast_snooping", "mcast_snooping", OPT_U8, IFLA_BR_MCAST_SNOOPING, BOTH, 0 },
	{ "no_linklocal_learn", "no_linklocal_learn", OPT_BOOLOPT, IFLA_BR_MULTI_BOOLOPT, BOTH,
	  BR_BOOLOPT_NO_LL_LEARN },
	{ "mcast_vlan_snooping", "mcast_vlan_snooping", OPT_BOOLOPT, IFLA_BR_MULTI_BOOLOPT, BOTH,
	  BR_BOOLOPT_MCAST_VLAN_SNOOPING },
	{ "mcast_router", "mcast_router", OPT_U8, IFLA_BR_MCAST_ROUTER, BOTH, 0 },
	{ "mcast_query_use_ifaddr", "mcast_query_use_ifaddr", OPT_U8,
	  IFLA_BR_MCAST_QUERY_USE_IFADDR, BOTH, 0 },
	{ "mcast_querier", "mcast_querier", OPT_U8, IFLA_BR_MCAST_QUERIER, BOTH, 0 },
	{ "mcast_hash_elasticity", "mcast_hash_elasticity", OPT_U32,
	  IFLA_BR_MCAST_HASH_ELASTICITY, BOTH, 0 },
	{ "mcast_hash_max", "mcast_hash_max", OPT_U32, IFLA_BR_MCAST_HASH_MAX, BOTH, 0 },
	{ "mcast_last_member_count", "mcast_last_member_cnt", OPT_U32,
	  IFLA_BR_MCAST_LAST_MEMBER_CNT, BOTH, 0 },
	{ "mcast_startup_query_count", "mcast_startup_query_cnt", OPT_U32,
	  IFLA_BR_MCAST_STARTUP_QUERY_CNT, BOTH, 0 },
	{ "mcast_last_member_interval", "mcast_last_member_intvl", OPT_U64,
	  IFLA_BR_MCAST_LAST_MEMBER_INTVL, BOTH, 0 },
	{ "mcast_membership_interval", "mcast_membership_intvl", OPT_U64,
	  IFLA_BR_MCAST_MEMBERSHIP_INTVL, BOTH, 0 },
	{ "mcast_querier_interval", "mcast_querier_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERIER_INTVL, BOTH, 0 },
	{ "mcast_query_interval", "mcast_query_intvl", OPT_U64, IFLA_BR_MCAST_QUERY_INTVL, BOTH, 0 },
	{ "mcast_query_response_interval", "mcast_query_response_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, BOTH, 0 },
	{ "mcast_startup_query_interval", "mcast_startup_query_intvl", OPT_U64,
	  IFLA_BR_MCAST_STARTUP_QUERY_INTVL, BOTH, 0 },
	{ "mcast_stats_enabled", "mcast_stats_enabled", OPT_U8, IFLA_BR_MCAST_STATS_ENABLED, BOTH, 0 },
	{ "mcast_igmp_version", "mcast_igmp_version", OPT_U8, IFLA_BR_MCAST_IGMP_VERSION, BOTH, 0 },
	{ "mcast_mld_version", "mcast_mld_version", OPT_U8, IFLA_BR_MCAST_MLD_VERSION, BOTH, 0 },
	{ "nf_call_iptables", "nf_call_iptables", OPT_U8, IFLA_BR_NF_CALL_IPTABLES, BOTH, 0 },
	{ "nf_call_ip6tables", "nf_call_ip6tables", OPT_U8, IFLA_BR_NF_CALL_IP6TABLES, BOTH, 0 },
	{ "nf_call_arptables", "nf_call_arptables", OPT_U8, IFLA_BR_NF_CALL_ARPTABLES, BOTH, 0 },
	{ NULL, NULL, OPT_FLAG, 0, 0, 0 },
};

static const char bridge_usage[] =
	"[ fdb_flush ]\n"
	"\t\t  [ forward_delay FORWARD_DELAY ]\n"
	"\t\t  [ hello_time HELLO_TIME ]\n"
	"\t\t  [ max_age MAX_AGE ]\n"
	"\t\t  [ ageing_time AGEING_TIME ]\n"
	"\t\t  [ stp_state STP_STATE ]\n"
	"\t\t  [ priority PRIORITY ]\n"
	"\t\t  [ group_fwd_mask MASK ]\n"
	"\t\t  [ group_address ADDRESS ]\n"
	"\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n"
	"\t\t  [ vlan_filtering VLAN_FILTERING ]\n"
	"\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n"
	"\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n"
	"\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n"
	"\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n"
	"\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n"
	"\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n"
	"\t\t  [ mcast_router MULTICAST_ROUTER ]\n"
	"\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n"
	"\t\t  [ mcast_querier MULTICAST_QUERIER ]\n"
	"\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n"
	"\t\t  [ mcast_hash_max HASH_MAX ]\n"
	"\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
	"\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
	"\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
	"\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
	"\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n"
	"\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n"
	"\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
	"\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
	"\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n"
	"\t\t  [ mcast_igmp_version IGMP_VERSION ]\n"
	"\t\t  [ mcast_mld_version MLD_VERSION ]\n"
	"\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n"
	"\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n"
	"\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n"
	"\n"
	"Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n";

/* ---- bridge_slave (printing only) ------------------------------------- */

static const struct kind_opt bridge_slave_opts[] = {
	{ "state", "state", OPT_PORT_STATE, IFLA_BRPORT_STATE, SHOW, 0 },
	{ "priority", "priority", OPT_U16, IFLA_BRPORT_PRIORITY, SHOW, 0 },
	{ "cost", "cost", OPT_U32, IFLA_BRPORT_COST, SHOW, 0 },
	{ "hairpin", "hairpin", OPT_ON_OFF, IFLA_BRPORT_MODE, SHOW, 0 },
	{ "guard", "guard", OPT_ON_OFF, IFLA_BRPORT_GUARD, SHOW, 0 },
	{ "root_block", "root_block", OPT_ON_OFF, IFLA_BRPORT_PROTECT, SHOW, 0 },
	{ "fastleave", "fastleave", OPT_ON_OFF, IFLA_BRPORT_FAST_LEAVE, SHOW, 0 },
	{ "learning", "learning", OPT_ON_OFF, IFLA_BRPORT_LEARNING, SHOW, 0 },
	{ "flood", "flood", OPT_ON_OFF, IFLA_BRPORT_UNICAST_FLOOD, SHOW, 0 },
	{ "port_id", "id", OPT_HEX, IFLA_BRPORT_ID, SHOW, 0 },
	{ "port_no", "no", OPT_HEX, IFLA_BRPORT_NO, SHOW, 0 },
	{ "designated_port", "designated_port", OPT_U16, IFLA_BRPORT_DESIGNATED_PORT, SHOW, 0 },
	{ "designated_cost", "designated_cost", OPT_U16, IFLA_BRPORT_DESIGNATED_COST, SHOW, 0 },
	{ "designated_bridge", "bridge_id", OPT_BRIDGE_ID, IFLA_BRPORT_BRIDGE_ID, SHOW, 0 },
	{ "designated_root", "root_id", OPT_BRIDGE_ID, IFLA_BRPORT_ROOT_ID, SHOW, 0 },
	{ "hold_timer", "hold_timer", OPT_TIMER, IFLA_BRPORT_HOLD_TIMER, SHOW, 0 },
	{ "message_age_timer", "message_age_timer", OPT_TIMER, IFLA_BRPORT_MESSAGE_AGE_TIMER,
	  SHOW, 0 },
	{ "forward_delay_timer", "forward_delay_timer", OPT_TIMER,
	  IFLA_BRPORT_FORWARD_DELAY_TIMER, SHOW, 0 },
	{ "topology_change_ack", "topology_change_ack", OPT_U8, IFLA_BRPORT_TOPOLOGY_CHANGE_ACK,
	  SHOW, 0 },
	{ "config_pending", "config_pending", OPT_U8, IFLA_BRPORT_CONFIG_PENDING, SHOW, 0 },
	{ "proxy_arp", "proxy_arp", OPT_ON_OFF, IFLA_BRPORT_PROXYARP, SHOW, 0 },
	{ "proxy_arp_wifi", "proxy_arp_wifi", OPT_ON_OFF, IFLA_BRPORT_PROXYARP_WIFI, SHOW, 0 },
	{ "mcast_router", "multicast_router", OPT_U8, IFLA_BRPORT_MULTICAST_ROUTER, SHOW, 0 },
	{ "mcast_fast_leave", NULL, OPT_ON_OFF, IFLA_BRPORT_FAST_LEAVE, SHOW, 0 },
	{ "mcast_flood", "mcast_flood", OPT_ON_OFF, IFLA_BRPORT_MCAST_FLOOD, SHOW, 0 },
	{ "bcast_flood", "bcast_flood", OPT_ON_OFF, IFLA_BRPORT_BCAST_FLOOD, SHOW, 0 },
	{ "mcast_to_unicast", "mcast_to_unicast", OPT_ON_OFF, IFLA_BRPORT_MCAST_TO_UCAST, SHOW, 0 },
	{ "neigh_suppress", "neigh_suppress", OPT_ON_OFF, IFLA_BRPORT_NEIGH_SUPPRESS, SHOW, 0 },
	{ "group_fwd_mask", "group_fwd_mask", OPT_HEX_ALT, IFLA_BRPORT_GROUP_FWD_MASK, SHOW, 0 },
	{ "group_fwd_mask_str", "group_fwd_mask_str", OPT_HEX, IFLA_BRPORT_GROUP_FWD_MASK, SHOW, 0 },
	{ "vlan_tunnel", "vlan_tunnel", OPT_ON_OFF, IFLA_BRPORT_VLAN_TUNNEL, SHOW, 0 },
	{ "isolated", "isolated", OPT_ON_OFF, IFLA_BRPORT_ISOLATED, SHOW, 0 },
	{ "locked", "locked", OPT_ON_OFF, IFLA_BRPORT_LOCKED, SHOW, 0 },
	{ NULL, NULL, OPT_FLAG, 0, 0, 0 },
};

static const struct link_kind kinds[] = {
	{ "bridge", false, IFLA_BR_MAX, bridge_opts, bridge_usage },
	{ "bridge", true, IFLA_BRPORT_MAX, bridge_slave_opts, NULL },
	{ NULL, false, 0, NULL, NULL },
};

const struct link_kind *link_kind_find(const char *name, bool slave)
{
	for (const struct link_kind *k = kinds; k->name; k++)
		if (k->slave == slave && !strcmp(k->name, name))
			return k;
	return NULL;
}

bool link_kind_parses(const struct link_kind *k)
{
	return k->usage != NULL;
}

/* ---- parsing ---------------------------------------------------------- */

static int kind_usage(const struct link_kind *k)
{
	fprintf(stderr, "Usage: ... %s %s", k->name, k->usage);
	return EXIT_FAIL;
}

/* iproute2's get_u8/u16/u32/u64: strtoull in base 0, then a range check. */
static int parse_unsigned(const char *s, uint64_t max, uint64_t *v)
{
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 0);
	if (end == s || *end || (*v == ULLONG_MAX && errno == ERANGE) || *v > max)
		return -1;
	return 0;
}

static int invalid(const char *word, const char *arg)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "invalid %s", word);
	return arg_invalid(msg, arg);
}

/* One option's value into the request; 0 or an exit status. */
static int put_opt(struct nlreq *r, const struct kind_opt *o, const char *arg,
		   struct br_boolopt_multi *bo)
{
	static const uint64_t max[] = {
		[OPT_U8] = UINT8_MAX, [OPT_U16] = UINT16_MAX,
		[OPT_U32] = UINT32_MAX, [OPT_U64] = UINT64_MAX, [OPT_BOOLOPT] = UINT32_MAX,
		[OPT_HEX_ALT] = UINT16_MAX,
	};
	uint8_t ll[LLADDR_MAX];
	uint64_t v = 0;
	int len;

	switch (o->type) {
	case OPT_LLADDR:
		len = lladdr_pton(arg, ll, sizeof(ll));
		if (len < 0)
			return EXIT_FAIL;
		nlreq_put(r, o->attr, (size_t)len, ll);
		return 0;
	case OPT_VLAN_PROTO:
		if (!strcasecmp(arg, "802.1Q"))
			nlreq_put_u16(r, o->attr, htons(0x8100));
		else if (!strcasecmp(arg, "802.1ad"))
			nlreq_put_u16(r, o->attr, htons(0x88a8));
		else
			return invalid(o->word, arg);
		return 0;
	default:
		break;
	}
	if (parse_unsigned(arg, max[o->type], &v) < 0)
		return invalid(o->word, arg);
	switch (o->type) {
	case OPT_U8:
		nlreq_put_u8(r, o->attr, (uint8_t)v);
		break;
	case OPT_U16:
	case OPT_HEX_ALT:
		nlreq_put_u16(r, o->attr, (uint16_t)v);
		break;
	case OPT_U32:
		nlreq_put_u32(r, o->attr, (uint32_t)v);
		break;
	case OPT_U64:
		nlreq_put(r, o->attr, sizeof(v), &v);
		break;
	case OPT_BOOLOPT:
		bo->optmask |= 1u << o->bit;
		if (v)
			bo->optval |= 1u << o->bit;
		else
			bo->optval &= ~(1u << o->bit);
		break;
	default:
		break;
	}
	return 0;
}

static const struct kind_opt *opt_find(const struct link_kind *k, const char *word)
{
	for (const struct kind_opt *o = k->opts; o->word; o++)
		if ((o->use & SET) && !strcmp(o->word, word))
			return o;
	return NULL;
}

/* `type KIND ARGS...` into the open IFLA_INFO_DATA nest: 0 or an exit
 * status. */
int link_kind_parse(const struct link_kind *k, struct nlreq *r, int argc, char **argv)
{
	struct br_boolopt_multi bo = { 0, 0 };
	const struct kind_opt *o;
	int ret;

	for (; argc > 0; argc--, argv++) {
		o = opt_find(k, *argv);
		if (!o) {
			if (!matches(*argv, "help"))
				fprintf(stderr, "%s: unknown command \"%s\"?\n", k->name, *argv);
			return kind_usage(k);
		}
		if (o->type == OPT_FLAG) {
			nlreq_put(r, o->attr, 0, NULL);
			continue;
		}
		if (argc < 2)
			return arg_incomplete();
		argc--, argv++;
		ret = put_opt(r, o, *argv, &bo);
		if (ret)
			return ret;
	}
	if (bo.optmask)
		nlreq_put(r, IFLA_BR_MULTI_BOOLOPT, sizeof(bo), &bo);
	return 0;
}

/* ---- printing --------------------------------------------------------- */

static const size_t opt_size[] = {
	[OPT_U8] = 1, [OPT_U16] = 2, [OPT_U32] = 4, [OPT_U64] = 8,
	[OPT_BOOLOPT] = sizeof(struct br_boolopt_multi), [OPT_LLADDR] = 1,
	[OPT_VLAN_PROTO] = 2, [OPT_BRIDGE_ID] = sizeof(struct ifla_bridge_id),
	[OPT_TIMER] = 8, [OPT_HEX_ALT] = 2, [OPT_HEX] = 2, [OPT_ON_OFF] = 1,
	[OPT_PORT_STATE] = 1,
};

static uint64_t attr_uint(const struct nlattr *a, enum opt_type t)
{
	uint64_t v;

	switch (opt_size[t]) {
	case 1: return mnl_attr_get_u8(a);
	case 2: return mnl_attr_get_u16(a);
	case 4: return mnl_attr_get_u32(a);
	default:
		memcpy(&v, mnl_attr_get_payload(a), sizeof(v));
		return v;
	}
}

static void print_bridge_id(struct printer *p, const struct kind_opt *o, const struct nlattr *a)
{
	const struct ifla_bridge_id *id = mnl_attr_get_payload(a);
	const uint8_t *m = id->addr;
	char buf[32], fmt[64];

	/* iproute2 writes the address as ether_ntoa does: "%x", unpadded */
	snprintf(buf, sizeof(buf), "%.2x%.2x.%x:%x:%x:%x:%x:%x", id->prio[0], id->prio[1],
		 m[0], m[1], m[2], m[3], m[4], m[5]);
	snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
	print_string(p, PRINT_ANY, o->key, fmt, buf);
}

static void print_timer(struct printer *p, const struct kind_opt *o, uint64_t cs)
{
	char num[32], fmt[64];

	snprintf(num, sizeof(num), p->is_json ? "%i.%.2i" : "%4i.%.2i",
		 (int)(cs / 100), (int)(cs % 100));
	snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
	print_raw(p, PRINT_ANY, o->key, fmt, num);
}

static void print_opt(struct printer *p, const struct kind_opt *o, const struct nlattr *a)
{
	static const char *const port_states[] = {
		"disabled", "listening", "learning", "forwarding", "blocking",
	};
	enum pmode m = o->key ? PRINT_ANY : PRINT_FP;
	char fmt[64], buf[LLADDR_STRLEN];
	uint64_t v;

	if (mnl_attr_get_payload_len(a) < opt_size[o->type])
		return;
	snprintf(fmt, sizeof(fmt), "%s %%%s ", o->word,
		 o->type == OPT_U64 ? PRIu64 : o->type <= OPT_U32 ? "u" : "s");
	switch (o->type) {
	case OPT_BRIDGE_ID:
		print_bridge_id(p, o, a);
		return;
	case OPT_LLADDR:
		lladdr_ntop(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), ARPHRD_ETHER,
			    buf, sizeof(buf));
		print_string(p, m, o->key, fmt, buf);
		return;
	case OPT_BOOLOPT: {
		const struct br_boolopt_multi *bo = mnl_attr_get_payload(a);

		snprintf(fmt, sizeof(fmt), "%s %%u ", o->word);
		if (bo->optmask & (1u << o->bit))
			print_uint(p, m, o->key, fmt, !!(bo->optval & (1u << o->bit)));
		return;
	}
	default:
		break;
	}
	v = attr_uint(a, o->type);
	switch (o->type) {
	case OPT_U64:
		print_u64(p, m, o->key, fmt, v);
		break;
	case OPT_TIMER:
		print_timer(p, o, v);
		break;
	case OPT_VLAN_PROTO:
		v = ntohs((uint16_t)v);
		snprintf(buf, sizeof(buf), v == 0x8100 ? "802.1Q" : v == 0x88a8 ? "802.1ad" :
			 "0x%04x", (unsigned int)v);
		print_string(p, m, o->key, fmt, buf);
		break;
	case OPT_HEX_ALT:
	case OPT_HEX:
		snprintf(buf, sizeof(buf), o->type == OPT_HEX ? "0x%x" : "%#x", (unsigned int)v);
		print_string(p, m, o->key, fmt, buf);
		break;
	case OPT_ON_OFF:
		if (p->is_json)
			print_bool(p, m, o->key, NULL, v != 0);
		else
			print_string(p, m, NULL, fmt, v ? "on" : "off");
		break;
	case OPT_PORT_STATE:
		if (v < sizeof(port_states) / sizeof(port_states[0]))
			print_string(p, m, o->key, fmt, port_states[v]);
		else
			print_uint(p, m, o->key, "state (%u) ", (unsigned int)v);
		break;
	default:
		print_uint(p, m, o->key, fmt, (unsigned int)v);
	}
}

/* The kind's data (IFLA_INFO_DATA or IFLA_INFO_SLAVE_DATA), row by row. */
void link_kind_print(const struct link_kind *k, struct printer *p, const struct nlattr *data)
{
	const struct nlattr *tb[KIND_MAXATTR + 1];

	attr_parse_nested(tb, k->maxattr, NULL, data);
	for (const struct kind_opt *o = k->opts; o->word; o++)
		if ((o->use & SHOW) && tb[o->attr])
			print_opt(p, o, tb[o->attr]);
}
