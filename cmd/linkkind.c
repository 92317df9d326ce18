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

#include "../args/inet.h"
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <net/if.h>

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
	OPT_VNI,	/* u32, 0-16777215 */
	OPT_ADDR,	/* IPv4 in attr, IPv6 in attr6; arg: which kind of address */
	OPT_DEV,	/* u32 ifindex */
	OPT_PORT,	/* u16, network order */
	OPT_PORT_RANGE,	/* struct ifla_vxlan_port_range */
	OPT_YES_NO,	/* u8: WORD sets 1, noWORD sets 0; arg: how it shows */
	OPT_TTL,	/* u8, auto (0) or inherit (the flag attr6) */
	OPT_TOS,	/* u8, 1 is inherit */
	OPT_DF,		/* u8: unset, set, inherit */
	OPT_NTYPES
};

/* arg of OPT_ADDR */
enum { ADDR_LOCAL, ADDR_REMOTE, ADDR_GROUP };
/* arg of OPT_YES_NO, and ONLY_SET for numbers */
enum { SHOW_ALWAYS, SHOW_NO, SHOW_YES, ONLY_SET = SHOW_YES };

#define KIND_MAXATTR 64	/* above every kind's maxattr */

enum { SET = 1, SHOW = 2, BOTH = SET | SHOW };

struct kind_opt {
	const char *word;	/* on the command line and in plain output */
	const char *key;	/* JSON key; NULL: plain output only */
	enum opt_type type;
	uint16_t attr;
	uint8_t use;		/* SET, SHOW or BOTH */
	uint8_t arg;		/* OPT_BOOLOPT: the bit; else see the types */
	uint16_t attr6;		/* OPT_ADDR: the IPv6 attribute; OPT_TTL: inherit */
	const char *err;	/* a bad value: iproute2's words, if not "invalid WORD" */
};

struct link_kind {
	const char *name;
	bool slave;
	unsigned int maxattr;
	const struct kind_opt *opts;
	const char *usage;	/* after "Usage: ... KIND " */
	bool once;		/* a second use of a word is an error */
	/* after the words, if any: 0 or an exit status */
	int (*check)(const struct link_kind *k, uint64_t seen);
};

/* ---- bridge ----------------------------------------------------------- */

static const struct kind_opt bridge_opts[] = {
	{ "fdb_flush", NULL, OPT_FLAG, IFLA_BR_FDB_FLUSH, SET, 0, 0, NULL },
	{ "forward_delay", "forward_delay", OPT_U32, IFLA_BR_FORWARD_DELAY, BOTH, 0, 0, NULL },
	{ "hello_time", "hello_time", OPT_U32, IFLA_BR_HELLO_TIME, BOTH, 0, 0, NULL },
	{ "max_age", "max_age", OPT_U32, IFLA_BR_MAX_AGE, BOTH, 0, 0, NULL },
	{ "ageing_time", "ageing_time", OPT_U32, IFLA_BR_AGEING_TIME, BOTH, 0, 0, NULL },
	{ "stp_state", "stp_state", OPT_U32, IFLA_BR_STP_STATE, BOTH, 0, 0, NULL },
	{ "priority", "priority", OPT_U16, IFLA_BR_PRIORITY, BOTH, 0, 0, NULL },
	{ "vlan_filtering", "vlan_filtering", OPT_U8, IFLA_BR_VLAN_FILTERING, BOTH, 0, 0, NULL },
	{ "vlan_protocol", "vlan_protocol", OPT_VLAN_PROTO,
	  IFLA_BR_VLAN_PROTOCOL, BOTH, 0, 0, NULL },
	{ "bridge_id", "bridge_id", OPT_BRIDGE_ID, IFLA_BR_BRIDGE_ID, SHOW, 0, 0, NULL },
	{ "designated_root", "root_id", OPT_BRIDGE_ID, IFLA_BR_ROOT_ID, SHOW, 0, 0, NULL },
	{ "root_port", "root_port", OPT_U16, IFLA_BR_ROOT_PORT, SHOW, 0, 0, NULL },
	{ "root_path_cost", "root_path_cost", OPT_U32, IFLA_BR_ROOT_PATH_COST, SHOW, 0, 0, NULL },
	{ "topology_change", "topology_change", OPT_U8, IFLA_BR_TOPOLOGY_CHANGE, SHOW, 0, 0, NULL },
	{ "topology_change_detected", "topology_change_detected", OPT_U8,
	  IFLA_BR_TOPOLOGY_CHANGE_DETECTED, SHOW, 0, 0, NULL },
	{ "hello_timer", "hello_timer", OPT_TIMER, IFLA_BR_HELLO_TIMER, SHOW, 0, 0, NULL },
	{ "tcn_timer", "tcn_timer", OPT_TIMER, IFLA_BR_TCN_TIMER, SHOW, 0, 0, NULL },
	{ "topology_change_timer", "topology_change_timer", OPT_TIMER,
	  IFLA_BR_TOPOLOGY_CHANGE_TIMER, SHOW, 0, 0, NULL },
	{ "gc_timer", "gc_timer", OPT_TIMER, IFLA_BR_GC_TIMER, SHOW, 0, 0, NULL },
	{ "vlan_default_pvid", "vlan_default_pvid", OPT_U16,
	  IFLA_BR_VLAN_DEFAULT_PVID, BOTH, 0, 0, NULL },
	{ "vlan_stats_enabled", "vlan_stats_enabled", OPT_U8,
	  IFLA_BR_VLAN_STATS_ENABLED, BOTH, 0, 0, NULL },
	{ "vlan_stats_per_port", "vlan_stats_per_port", OPT_U8,
	  IFLA_BR_VLAN_STATS_PER_PORT, BOTH, 0, 0, NULL },
	{ "group_fwd_mask", "group_fwd_mask", OPT_HEX_ALT,
	  IFLA_BR_GROUP_FWD_MASK, BOTH, 0, 0, NULL },
	{ "group_address", "group_addr", OPT_LLADDR, IFLA_BR_GROUP_ADDR, BOTH, 0, 0, NULL },
	{ "mcast_snooping", "mcast_snooping", OPT_U8, IFLA_BR_MCAST_SNOOPING, BOTH, 0, 0, NULL },
	{ "no_linklocal_learn", "no_linklocal_learn", OPT_BOOLOPT,
	  IFLA_BR_MULTI_BOOLOPT, BOTH, BR_BOOLOPT_NO_LL_LEARN, 0, NULL },
	{ "mcast_vlan_snooping", "mcast_vlan_snooping", OPT_BOOLOPT,
	  IFLA_BR_MULTI_BOOLOPT, BOTH, BR_BOOLOPT_MCAST_VLAN_SNOOPING, 0, NULL },
	{ "mcast_router", "mcast_router", OPT_U8, IFLA_BR_MCAST_ROUTER, BOTH, 0, 0, NULL },
	{ "mcast_query_use_ifaddr", "mcast_query_use_ifaddr", OPT_U8,
	  IFLA_BR_MCAST_QUERY_USE_IFADDR, BOTH, 0, 0, NULL },
	{ "mcast_querier", "mcast_querier", OPT_U8, IFLA_BR_MCAST_QUERIER, BOTH, 0, 0, NULL },
	{ "mcast_hash_elasticity", "mcast_hash_elasticity", OPT_U32,
	  IFLA_BR_MCAST_HASH_ELASTICITY, BOTH, 0, 0, NULL },
	{ "mcast_hash_max", "mcast_hash_max", OPT_U32, IFLA_BR_MCAST_HASH_MAX, BOTH, 0, 0, NULL },
	{ "mcast_last_member_count", "mcast_last_member_cnt", OPT_U32,
	  IFLA_BR_MCAST_LAST_MEMBER_CNT, BOTH, 0, 0, NULL },
	{ "mcast_startup_query_count", "mcast_startup_query_cnt", OPT_U32,
	  IFLA_BR_MCAST_STARTUP_QUERY_CNT, BOTH, 0, 0, NULL },
	{ "mcast_last_member_interval", "mcast_last_member_intvl", OPT_U64,
	  IFLA_BR_MCAST_LAST_MEMBER_INTVL, BOTH, 0, 0, NULL },
	{ "mcast_membership_interval", "mcast_membership_intvl", OPT_U64,
	  IFLA_BR_MCAST_MEMBERSHIP_INTVL, BOTH, 0, 0, NULL },
	{ "mcast_querier_interval", "mcast_querier_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERIER_INTVL, BOTH, 0, 0, NULL },
	{ "mcast_query_interval", "mcast_query_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERY_INTVL, BOTH, 0, 0, NULL },
	{ "mcast_query_response_interval", "mcast_query_response_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, BOTH, 0, 0, NULL },
	{ "mcast_startup_query_interval", "mcast_startup_query_intvl", OPT_U64,
	  IFLA_BR_MCAST_STARTUP_QUERY_INTVL, BOTH, 0, 0, NULL },
	{ "mcast_stats_enabled", "mcast_stats_enabled", OPT_U8,
	  IFLA_BR_MCAST_STATS_ENABLED, BOTH, 0, 0, NULL },
	{ "mcast_igmp_version", "mcast_igmp_version", OPT_U8,
	  IFLA_BR_MCAST_IGMP_VERSION, BOTH, 0, 0, NULL },
	{ "mcast_mld_version", "mcast_mld_version", OPT_U8,
	  IFLA_BR_MCAST_MLD_VERSION, BOTH, 0, 0, NULL },
	{ "nf_call_iptables", "nf_call_iptables", OPT_U8,
	  IFLA_BR_NF_CALL_IPTABLES, BOTH, 0, 0, NULL },
	{ "nf_call_ip6tables", "nf_call_ip6tables", OPT_U8,
	  IFLA_BR_NF_CALL_IP6TABLES, BOTH, 0, 0, NULL },
	{ "nf_call_arptables", "nf_call_arptables", OPT_U8,
	  IFLA_BR_NF_CALL_ARPTABLES, BOTH, 0, 0, NULL },
	{ NULL, NULL, OPT_FLAG, 0, 0, 0, 0, NULL },
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
	{ "state", "state", OPT_PORT_STATE, IFLA_BRPORT_STATE, SHOW, 0, 0, NULL },
	{ "priority", "priority", OPT_U16, IFLA_BRPORT_PRIORITY, SHOW, 0, 0, NULL },
	{ "cost", "cost", OPT_U32, IFLA_BRPORT_COST, SHOW, 0, 0, NULL },
	{ "hairpin", "hairpin", OPT_ON_OFF, IFLA_BRPORT_MODE, SHOW, 0, 0, NULL },
	{ "guard", "guard", OPT_ON_OFF, IFLA_BRPORT_GUARD, SHOW, 0, 0, NULL },
	{ "root_block", "root_block", OPT_ON_OFF, IFLA_BRPORT_PROTECT, SHOW, 0, 0, NULL },
	{ "fastleave", "fastleave", OPT_ON_OFF, IFLA_BRPORT_FAST_LEAVE, SHOW, 0, 0, NULL },
	{ "learning", "learning", OPT_ON_OFF, IFLA_BRPORT_LEARNING, SHOW, 0, 0, NULL },
	{ "flood", "flood", OPT_ON_OFF, IFLA_BRPORT_UNICAST_FLOOD, SHOW, 0, 0, NULL },
	{ "port_id", "id", OPT_HEX, IFLA_BRPORT_ID, SHOW, 0, 0, NULL },
	{ "port_no", "no", OPT_HEX, IFLA_BRPORT_NO, SHOW, 0, 0, NULL },
	{ "designated_port", "designated_port", OPT_U16,
	  IFLA_BRPORT_DESIGNATED_PORT, SHOW, 0, 0, NULL },
	{ "designated_cost", "designated_cost", OPT_U16,
	  IFLA_BRPORT_DESIGNATED_COST, SHOW, 0, 0, NULL },
	{ "designated_bridge", "bridge_id", OPT_BRIDGE_ID,
	  IFLA_BRPORT_BRIDGE_ID, SHOW, 0, 0, NULL },
	{ "designated_root", "root_id", OPT_BRIDGE_ID, IFLA_BRPORT_ROOT_ID, SHOW, 0, 0, NULL },
	{ "hold_timer", "hold_timer", OPT_TIMER, IFLA_BRPORT_HOLD_TIMER, SHOW, 0, 0, NULL },
	{ "message_age_timer", "message_age_timer", OPT_TIMER,
	  IFLA_BRPORT_MESSAGE_AGE_TIMER, SHOW, 0, 0, NULL },
	{ "forward_delay_timer", "forward_delay_timer", OPT_TIMER,
	  IFLA_BRPORT_FORWARD_DELAY_TIMER, SHOW, 0, 0, NULL },
	{ "topology_change_ack", "topology_change_ack", OPT_U8,
	  IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, SHOW, 0, 0, NULL },
	{ "config_pending", "config_pending", OPT_U8,
	  IFLA_BRPORT_CONFIG_PENDING, SHOW, 0, 0, NULL },
	{ "proxy_arp", "proxy_arp", OPT_ON_OFF, IFLA_BRPORT_PROXYARP, SHOW, 0, 0, NULL },
	{ "proxy_arp_wifi", "proxy_arp_wifi", OPT_ON_OFF,
	  IFLA_BRPORT_PROXYARP_WIFI, SHOW, 0, 0, NULL },
	{ "mcast_router", "multicast_router", OPT_U8,
	  IFLA_BRPORT_MULTICAST_ROUTER, SHOW, 0, 0, NULL },
	{ "mcast_fast_leave", NULL, OPT_ON_OFF, IFLA_BRPORT_FAST_LEAVE, SHOW, 0, 0, NULL },
	{ "mcast_flood", "mcast_flood", OPT_ON_OFF, IFLA_BRPORT_MCAST_FLOOD, SHOW, 0, 0, NULL },
	{ "bcast_flood", "bcast_flood", OPT_ON_OFF, IFLA_BRPORT_BCAST_FLOOD, SHOW, 0, 0, NULL },
	{ "mcast_to_unicast", "mcast_to_unicast", OPT_ON_OFF,
	  IFLA_BRPORT_MCAST_TO_UCAST, SHOW, 0, 0, NULL },
	{ "neigh_suppress", "neigh_suppress", OPT_ON_OFF,
	  IFLA_BRPORT_NEIGH_SUPPRESS, SHOW, 0, 0, NULL },
	{ "group_fwd_mask", "group_fwd_mask", OPT_HEX_ALT,
	  IFLA_BRPORT_GROUP_FWD_MASK, SHOW, 0, 0, NULL },
	{ "group_fwd_mask_str", "group_fwd_mask_str", OPT_HEX,
	  IFLA_BRPORT_GROUP_FWD_MASK, SHOW, 0, 0, NULL },
	{ "vlan_tunnel", "vlan_tunnel", OPT_ON_OFF, IFLA_BRPORT_VLAN_TUNNEL, SHOW, 0, 0, NULL },
	{ "isolated", "isolated", OPT_ON_OFF, IFLA_BRPORT_ISOLATED, SHOW, 0, 0, NULL },
	{ "locked", "locked", OPT_ON_OFF, IFLA_BRPORT_LOCKED, SHOW, 0, 0, NULL },
	{ NULL, NULL, OPT_FLAG, 0, 0, 0, 0, NULL },
};

/* ---- vxlan ------------------------------------------------------------ */

static const struct kind_opt vxlan_opts[] = {
	{ "external", "external", OPT_YES_NO,
	  IFLA_VXLAN_COLLECT_METADATA, SHOW, SHOW_YES, 0, NULL },
	{ "id", "id", OPT_VNI, IFLA_VXLAN_ID, BOTH, 0, 0, "invalid id" },
	{ "vni", "id", OPT_VNI, IFLA_VXLAN_ID, SET, 0, 0, "invalid id" },
	{ "group", "group", OPT_ADDR,
	  IFLA_VXLAN_GROUP, BOTH, ADDR_GROUP, IFLA_VXLAN_GROUP6, "invalid group address" },
	{ "remote", "remote", OPT_ADDR,
	  IFLA_VXLAN_GROUP, BOTH, ADDR_REMOTE, IFLA_VXLAN_GROUP6, "invalid remote address" },
	{ "local", "local", OPT_ADDR,
	  IFLA_VXLAN_LOCAL, BOTH, ADDR_LOCAL, IFLA_VXLAN_LOCAL6, "invalid local address" },
	{ "dev", "link", OPT_DEV, IFLA_VXLAN_LINK, BOTH, 0, 0, NULL },
	{ "srcport", "port_range", OPT_PORT_RANGE, IFLA_VXLAN_PORT_RANGE, SHOW, 0, 0, NULL },
	{ "dstport", "port", OPT_PORT, IFLA_VXLAN_PORT, BOTH, 0, 0, "dst port" },
	{ "learning", "learning", OPT_YES_NO, IFLA_VXLAN_LEARNING, BOTH, SHOW_NO, 0, NULL },
	{ "proxy", "proxy", OPT_YES_NO, IFLA_VXLAN_PROXY, BOTH, SHOW_YES, 0, NULL },
	{ "rsc", "rsc", OPT_YES_NO, IFLA_VXLAN_RSC, BOTH, SHOW_YES, 0, NULL },
	{ "l2miss", "l2miss", OPT_YES_NO, IFLA_VXLAN_L2MISS, BOTH, SHOW_YES, 0, NULL },
	{ "l3miss", "l3miss", OPT_YES_NO, IFLA_VXLAN_L3MISS, BOTH, SHOW_YES, 0, NULL },
	{ "tos", "tos", OPT_TOS, IFLA_VXLAN_TOS, SHOW, 0, 0, NULL },
	{ "ttl", "ttl", OPT_TTL, IFLA_VXLAN_TTL, BOTH, 0, IFLA_VXLAN_TTL_INHERIT, NULL },
	{ "df", "df", OPT_DF, IFLA_VXLAN_DF, SHOW, 0, 0, NULL },
	{ "ageing", "ageing", OPT_U32, IFLA_VXLAN_AGEING, BOTH, 0, 0, "ageing timer" },
	{ "maxaddr", "limit", OPT_U32, IFLA_VXLAN_LIMIT, SHOW, ONLY_SET, 0, NULL },
	{ "udpcsum", "udp_csum", OPT_YES_NO, IFLA_VXLAN_UDP_CSUM, BOTH, SHOW_ALWAYS, 0, NULL },
	{ "udp6zerocsumtx", "udp_zero_csum6_tx", OPT_YES_NO,
	  IFLA_VXLAN_UDP_ZERO_CSUM6_TX, BOTH, SHOW_ALWAYS, 0, NULL },
	{ "udp6zerocsumrx", "udp_zero_csum6_rx", OPT_YES_NO,
	  IFLA_VXLAN_UDP_ZERO_CSUM6_RX, BOTH, SHOW_ALWAYS, 0, NULL },
	{ "remcsumtx", "remcsum_tx", OPT_YES_NO, IFLA_VXLAN_REMCSUM_TX, SHOW, SHOW_YES, 0, NULL },
	{ "remcsumrx", "remcsum_rx", OPT_YES_NO, IFLA_VXLAN_REMCSUM_RX, SHOW, SHOW_YES, 0, NULL },
	{ "gbp", "gbp", OPT_FLAG, IFLA_VXLAN_GBP, SHOW, 0, 0, NULL },
	{ "gpe", "gpe", OPT_FLAG, IFLA_VXLAN_GPE, SHOW, 0, 0, NULL },
	{ NULL, NULL, OPT_FLAG, 0, 0, 0, 0, NULL },
};

static const char vxlan_usage[] =
	"id VNI\n"
	"\t\t[ { group | remote } IP_ADDRESS ]\n"
	"\t\t[ local ADDR ]\n"
	"\t\t[ ttl TTL ]\n"
	"\t\t[ tos TOS ]\n"
	"\t\t[ df DF ]\n"
	"\t\t[ flowlabel LABEL ]\n"
	"\t\t[ dev PHYS_DEV ]\n"
	"\t\t[ dstport PORT ]\n"
	"\t\t[ srcport MIN MAX ]\n"
	"\t\t[ [no]learning ]\n"
	"\t\t[ [no]proxy ]\n"
	"\t\t[ [no]rsc ]\n"
	"\t\t[ [no]l2miss ]\n"
	"\t\t[ [no]l3miss ]\n"
	"\t\t[ ageing SECONDS ]\n"
	"\t\t[ maxaddress NUMBER ]\n"
	"\t\t[ [no]udpcsum ]\n"
	"\t\t[ [no]udp6zerocsumtx ]\n"
	"\t\t[ [no]udp6zerocsumrx ]\n"
	"\t\t[ [no]remcsumtx ] [ [no]remcsumrx ]\n"
	"\t\t[ [no]external ] [ gbp ] [ gpe ]\n"
	"\t\t[ [no]vnifilter ]\n"
	"\n"
	"Where:\tVNI\t:= 0-16777215\n"
	"\tADDR\t:= { IP_ADDRESS | any }\n"
	"\tTOS\t:= { NUMBER | inherit }\n"
	"\tTTL\t:= { 1..255 | auto | inherit }\n"
	"\tDF\t:= { unset | set | inherit }\n"
	"\tLABEL := 0-1048575\n";

static bool seen_word(const struct link_kind *k, uint64_t seen, const char *word)
{
	for (int i = 0; k->opts[i].word; i++)
		if ((seen & (1ull << i)) && !strcmp(k->opts[i].word, word))
			return true;
	return false;
}

static int vxlan_check(const struct link_kind *k, uint64_t seen)
{
	if (!seen_word(k, seen, "id")) {	/* vni counts as id */
		fprintf(stderr, "vxlan: missing virtual network identifier\n");
		return EXIT_FAIL;
	}
	if (seen_word(k, seen, "group") && seen_word(k, seen, "remote")) {
		fprintf(stderr, "vxlan: both group and remote cannot be specified\n");
		return EXIT_FAIL;
	}
	if (!seen_word(k, seen, "dstport"))
		fprintf(stderr, "vxlan: destination port not specified\n"
			"Will use Linux kernel default (non-standard value)\n"
			"Use 'dstport 4789' to get the IANA assigned value\n"
			"Use 'dstport 0' to get default and quiet this message\n");
	return 0;
}

static const struct link_kind kinds[] = {
	{ "bridge", false, IFLA_BR_MAX, bridge_opts, bridge_usage, false, NULL },
	{ "bridge", true, IFLA_BRPORT_MAX, bridge_slave_opts, NULL, false, NULL },
	{ "vxlan", false, IFLA_VXLAN_MAX, vxlan_opts, vxlan_usage, true, vxlan_check },
	{ NULL, false, 0, NULL, NULL, false, NULL },
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

/* An address for OPT_ADDR: group must be multicast, remote must not. */
static int put_addr(struct nlreq *r, const struct kind_opt *o, const char *arg)
{
	struct inet_prefix pf;
	bool mcast;

	if (inet_get_addr(&pf, arg, AF_UNSPEC))
		return EXIT_FAIL;
	if (pf.family != AF_INET && pf.family != AF_INET6)
		return arg_invalid(o->err, arg);
	mcast = pf.family == AF_INET ? (pf.data[0] & 0xf0) == 0xe0 : pf.data[0] == 0xff;
	if ((o->arg == ADDR_GROUP && !mcast) || (o->arg == ADDR_REMOTE && mcast))
		return arg_invalid(o->err, arg);
	nlreq_put(r, pf.family == AF_INET ? o->attr : o->attr6, (size_t)pf.bytelen, pf.data);
	return 0;
}

static int put_ttl(struct nlreq *r, const struct kind_opt *o, const char *arg)
{
	uint64_t v = 0;

	if (!strcmp(arg, "inherit")) {
		nlreq_put(r, o->attr6, 0, NULL);
		return 0;
	}
	if (strcmp(arg, "auto") != 0) {
		if (parse_unsigned(arg, UINT32_MAX, &v) < 0)
			return arg_invalid("invalid TTL", arg);
		if (v > 255)
			return arg_invalid("TTL must be <= 255", arg);
	}
	nlreq_put_u8(r, o->attr, (uint8_t)v);
	return 0;
}

/* One option's value into the request; 0 or an exit status. */
static int put_opt(struct nlreq *r, const struct kind_opt *o, const char *arg,
		   struct br_boolopt_multi *bo)
{
	static const uint64_t max[OPT_NTYPES] = {
		[OPT_U8] = UINT8_MAX, [OPT_U16] = UINT16_MAX,
		[OPT_U32] = UINT32_MAX, [OPT_U64] = UINT64_MAX, [OPT_BOOLOPT] = UINT32_MAX,
		[OPT_HEX_ALT] = UINT16_MAX, [OPT_VNI] = 0xffffff, [OPT_PORT] = UINT16_MAX,
	};
	uint8_t ll[LLADDR_MAX];
	uint64_t v = 0;
	int len, ifindex;

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
	case OPT_ADDR:
		return put_addr(r, o, arg);
	case OPT_TTL:
		return put_ttl(r, o, arg);
	case OPT_DEV:
		ifindex = ifname_to_index(arg);
		if (!ifindex) {
			fprintf(stderr, "Cannot find device \"%s\"\n", arg);
			return EXIT_USAGE;
		}
		nlreq_put_u32(r, o->attr, (uint32_t)ifindex);
		return 0;
	default:
		break;
	}
	if (parse_unsigned(arg, max[o->type], &v) < 0)
		return o->err ? arg_invalid(o->err, arg) : invalid(o->word, arg);
	switch (o->type) {
	case OPT_U8:
		nlreq_put_u8(r, o->attr, (uint8_t)v);
		break;
	case OPT_U16:
	case OPT_HEX_ALT:
		nlreq_put_u16(r, o->attr, (uint16_t)v);
		break;
	case OPT_PORT:
		nlreq_put_u16(r, o->attr, htons((uint16_t)v));
		break;
	case OPT_U32:
	case OPT_VNI:
		nlreq_put_u32(r, o->attr, (uint32_t)v);
		break;
	case OPT_U64:
		nlreq_put(r, o->attr, sizeof(v), &v);
		break;
	case OPT_BOOLOPT:
		bo->optmask |= 1u << o->arg;
		if (v)
			bo->optval |= 1u << o->arg;
		else
			bo->optval &= ~(1u << o->arg);
		break;
	default:
		break;
	}
	return 0;
}

static bool opt_takes_value(const struct kind_opt *o)
{
	return o->type != OPT_FLAG && o->type != OPT_YES_NO;
}

/* The settable row for word (for OPT_YES_NO, also "noWORD"); its index
 * in *i, and whether "no" was said in *no. */
static const struct kind_opt *opt_find(const struct link_kind *k, const char *word, int *i,
				       bool *no)
{
	for (*i = 0; k->opts[*i].word; (*i)++) {
		const struct kind_opt *o = &k->opts[*i];

		if (!(o->use & SET))
			continue;
		*no = o->type == OPT_YES_NO && !strncmp(word, "no", 2) && !strcmp(word + 2, o->word);
		if (*no || !strcmp(o->word, word))
			return o;
	}
	return NULL;
}

/* The first row another spelling stands for (vni for id: the same
 * attribute and key), so a second use of either is a duplicate, named
 * by the first word as iproute2 does. */
static int opt_alias_of(const struct link_kind *k, int i)
{
	const struct kind_opt *o = &k->opts[i];

	for (int j = 0; j < i; j++)
		if (k->opts[j].attr == o->attr && k->opts[j].key && o->key &&
		    !strcmp(k->opts[j].key, o->key))
			return j;
	return i;
}

/* `type KIND ARGS...` into the open IFLA_INFO_DATA nest: 0 or an exit
 * status. */
int link_kind_parse(const struct link_kind *k, struct nlreq *r, int argc, char **argv)
{
	struct br_boolopt_multi bo = { 0, 0 };
	const struct kind_opt *o;
	uint64_t seen = 0;
	bool any = argc > 0, no;
	int ret, i, c;

	for (; argc > 0; argc--, argv++) {
		o = opt_find(k, *argv, &i, &no);
		if (!o) {
			if (!matches(*argv, "help"))
				fprintf(stderr, "%s: unknown command \"%s\"?\n", k->name, *argv);
			return kind_usage(k);
		}
		c = opt_alias_of(k, i);
		if (k->once && (seen & (1ull << c)))
			return arg_garbage(c == i ? *argv : k->opts[c].word,
					   argc > 1 && opt_takes_value(o) ? argv[1] : *argv);
		seen |= 1ull << c;
		if (o->type == OPT_FLAG)
			nlreq_put(r, o->attr, 0, NULL);
		else if (o->type == OPT_YES_NO)
			nlreq_put_u8(r, o->attr, !no);
		if (!opt_takes_value(o))
			continue;
		if (argc < 2)
			return arg_incomplete();
		argc--, argv++;
		ret = put_opt(r, o, *argv, &bo);
		if (ret)
			return ret;
	}
	if (bo.optmask)
		nlreq_put(r, IFLA_BR_MULTI_BOOLOPT, sizeof(bo), &bo);
	return any && k->check ? k->check(k, seen) : 0;
}

/* ---- printing --------------------------------------------------------- */

static const size_t opt_size[OPT_NTYPES] = {
	[OPT_U8] = 1, [OPT_U16] = 2, [OPT_U32] = 4, [OPT_U64] = 8,
	[OPT_BOOLOPT] = sizeof(struct br_boolopt_multi), [OPT_LLADDR] = 1,
	[OPT_VLAN_PROTO] = 2, [OPT_BRIDGE_ID] = sizeof(struct ifla_bridge_id),
	[OPT_TIMER] = 8, [OPT_HEX_ALT] = 2, [OPT_HEX] = 2, [OPT_ON_OFF] = 1,
	[OPT_PORT_STATE] = 1, [OPT_VNI] = 4, [OPT_ADDR] = 4, [OPT_DEV] = 4, [OPT_PORT] = 2,
	[OPT_PORT_RANGE] = sizeof(struct ifla_vxlan_port_range), [OPT_YES_NO] = 1,
	[OPT_TTL] = 1, [OPT_TOS] = 1, [OPT_DF] = 1,
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

/* OPT_ADDR: "remote 10.1.1.1" (key remote) or "remote 2001:db8::1" (remote6);
 * group and remote share the attribute and differ by multicast. */
static void print_addr(struct printer *p, const struct kind_opt *o, const struct nlattr **tb)
{
	const struct nlattr *a = tb[o->attr] ? tb[o->attr] : tb[o->attr6];
	const uint8_t *d;
	char buf[INET6_ADDRSTRLEN], key[32], fmt[64];
	bool v6 = !tb[o->attr], mcast;
	size_t len = v6 ? 16 : 4;

	if (!a || mnl_attr_get_payload_len(a) < len)
		return;
	d = mnl_attr_get_payload(a);
	mcast = v6 ? d[0] == 0xff : (d[0] & 0xf0) == 0xe0;
	if ((o->arg == ADDR_GROUP && !mcast) || (o->arg == ADDR_REMOTE && mcast))
		return;
	if (!memcmp(d, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", len))
		return;
	inet_ntop(v6 ? AF_INET6 : AF_INET, d, buf, sizeof(buf));
	snprintf(key, sizeof(key), "%s%s", o->key, v6 ? "6" : "");
	snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
	print_string(p, PRINT_ANY, key, fmt, buf);
}

static void print_port_range(struct printer *p, const struct kind_opt *o, const struct nlattr *a)
{
	const struct ifla_vxlan_port_range *r = mnl_attr_get_payload(a);
	char fmt[64];

	snprintf(fmt, sizeof(fmt), "%s %%u ", o->word);
	print_open_object(p, o->key);
	print_uint(p, PRINT_ANY, "low", fmt, ntohs(r->low));
	print_uint(p, PRINT_ANY, "high", "%u ", ntohs(r->high));
	print_close_object(p);
}

/* OPT_YES_NO: "udpcsum"/"noudpcsum" always, "nolearning" only, or
 * "proxy" only; JSON as a bool alongside. */
static void print_yes_no(struct printer *p, const struct kind_opt *o, bool yes)
{
	char fmt[64];

	snprintf(fmt, sizeof(fmt), "%s%s ", yes ? "" : "no", o->word);
	if (o->arg == SHOW_YES && !yes)
		return;
	print_bool(p, PRINT_JSON, o->key, NULL, yes);
	if (o->arg == SHOW_ALWAYS || (o->arg == SHOW_NO) != yes)
		print_text(p, "%s", fmt);
}

static void print_ttl(struct printer *p, const struct kind_opt *o, const struct nlattr **tb,
		      unsigned int ttl)
{
	const struct nlattr *inherit = tb[o->attr6];

	if (inherit && mnl_attr_get_payload_len(inherit) >= 1 && mnl_attr_get_u8(inherit))
		print_string(p, PRINT_FP, NULL, "ttl %s ", "inherit");
	else if (p->is_json || ttl)
		print_uint(p, PRINT_ANY, o->key, "ttl %u ", ttl);
	else
		print_string(p, PRINT_FP, NULL, "ttl %s ", "auto");
}

static void print_opt(struct printer *p, const struct kind_opt *o, const struct nlattr **tb)
{
	static const char *const port_states[] = {
		"disabled", "listening", "learning", "forwarding", "blocking",
	};
	static const char *const df[] = { "unset", "set", "inherit" };
	static const char *const conv[OPT_NTYPES] = {	/* printf conversions of numbers */
		[OPT_U8] = "u", [OPT_U16] = "u", [OPT_U32] = "u", [OPT_U64] = PRIu64,
		[OPT_VNI] = "u", [OPT_PORT] = "u",
	};
	const struct nlattr *a = tb[o->attr];
	enum pmode m = o->key ? PRINT_ANY : PRINT_FP;
	char fmt[64], buf[LLADDR_STRLEN];
	uint64_t v;

	if (o->type == OPT_ADDR) {
		print_addr(p, o, tb);
		return;
	}
	if (!a || mnl_attr_get_payload_len(a) < opt_size[o->type])
		return;
	snprintf(fmt, sizeof(fmt), "%s %%%s ", o->word, conv[o->type] ? conv[o->type] : "s");
	switch (o->type) {
	case OPT_FLAG:
		print_bool(p, m, o->key, o->word, true);
		print_text(p, " ");
		return;
	case OPT_BRIDGE_ID:
		print_bridge_id(p, o, a);
		return;
	case OPT_PORT_RANGE:
		print_port_range(p, o, a);
		return;
	case OPT_LLADDR:
		lladdr_ntop(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), ARPHRD_ETHER,
			    buf, sizeof(buf));
		print_string(p, m, o->key, fmt, buf);
		return;
	case OPT_BOOLOPT: {
		const struct br_boolopt_multi *bo = mnl_attr_get_payload(a);

		snprintf(fmt, sizeof(fmt), "%s %%u ", o->word);
		if (bo->optmask & (1u << o->arg))
			print_uint(p, m, o->key, fmt, !!(bo->optval & (1u << o->arg)));
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
	case OPT_DEV:
		if (v && if_indextoname((unsigned int)v, buf))
			print_string(p, m, o->key, fmt, buf);
		break;
	case OPT_PORT:
		print_uint(p, m, o->key, fmt, ntohs((uint16_t)v));
		break;
	case OPT_YES_NO:
		print_yes_no(p, o, v != 0);
		break;
	case OPT_TTL:
		print_ttl(p, o, tb, (unsigned int)v);
		break;
	case OPT_TOS:
		snprintf(buf, sizeof(buf), v == 1 ? "inherit" : "%#x", (unsigned int)v);
		if (v)
			print_string(p, m, o->key, fmt, buf);
		break;
	case OPT_DF:
		if (v < sizeof(df) / sizeof(df[0])) {
			print_string(p, PRINT_JSON, o->key, NULL, df[v]);
			if (v)
				print_string(p, PRINT_FP, NULL, fmt, df[v]);
		}
		break;
	default:
		if (o->arg != ONLY_SET || v)
			print_uint(p, m, o->key, fmt, (unsigned int)v);
	}
}

/* The kind's data (IFLA_INFO_DATA or IFLA_INFO_SLAVE_DATA), row by row. */
void link_kind_print(const struct link_kind *k, struct printer *p, const struct nlattr *data)
{
	const struct nlattr *tb[KIND_MAXATTR + 1];

	attr_parse_nested(tb, k->maxattr, NULL, data);
	for (const struct kind_opt *o = k->opts; o->word; o++)
		if (o->use & SHOW)
			print_opt(p, o, tb);
}
