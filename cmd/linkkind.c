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
#include "words.h"

enum opt_type {
	OPT_FLAG,	/* the word alone: an empty attribute */
	OPT_NO,		/* the word alone sets the attribute to 0; arg: its size */
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
	OPT_PORT_RANGE,	/* struct ifla_vxlan_port_range: two words, MIN MAX */
	OPT_YES_NO,	/* u8: the word sets 1 (its OPT_NO row sets 0); arg: how it
			 * shows; attr6: an attribute the word also sets to 0 */
	OPT_TTL,	/* u8, auto (0) or inherit (the flag attr6) */
	OPT_TOS,	/* u8 in hex, 1 is inherit */
	OPT_DF,		/* u8: unset, set, inherit */
	OPT_LABEL,	/* u32 flow label, network order, shown in hex */
	OPT_AGEING,	/* u32, "none" is 0 */
	OPT_LIMIT,	/* u32, "unlimited" is 0; shown only when set */
	OPT_FWD_MASK,	/* u16 group forward mask as its bits' names: "stp,lldp" */
	OPT_NTYPES
};

/* arg of OPT_ADDR */
enum { ADDR_LOCAL, ADDR_REMOTE, ADDR_GROUP };
/* arg of OPT_YES_NO: "WORD"/"noWORD" always, "noWORD" only, "WORD" only,
 * "WORD" only and glued to what follows (iproute2 prints no space) */
enum { SHOW_ALWAYS, SHOW_NO, SHOW_YES, SHOW_YES_GLUED };

#define KIND_MAXATTR 64	/* above every kind's maxattr */
/* struct kind_state keeps a bit per attribute in a uint64_t */
_Static_assert(IFLA_BR_MAX < 64 && IFLA_BRPORT_MAX < 64 && IFLA_VXLAN_MAX < 64,
	       "a kind's attributes fit the bits of struct kind_state");

enum { SET = 1, SHOW = 2, BOTH = SET | SHOW };

struct kind_opt {
	const char *word;	/* on the command line and in plain output */
	const char *key;	/* JSON key; NULL: plain output only */
	enum opt_type type;
	uint16_t attr;
	uint8_t use;		/* SET, SHOW or BOTH */
	uint8_t arg;		/* OPT_BOOLOPT: the bit; else see the types */
	uint16_t attr6;		/* OPT_ADDR: the IPv6 attribute; OPT_TTL: inherit;
				 * OPT_YES_NO: an attribute the word sets to 0 */
	const char *err;	/* a bad value: iproute2's words, if not "invalid WORD" */
	/* The shortest prefix of word iproute2 takes (it tries its words
	 * with matches() in its own order); 0: the whole word (strcmp). */
	uint8_t abbrev;
};

/* What link_kind_parse has seen so far, for the checks between words and
 * after them. */
struct kind_state {
	bool set_op;		/* `link set`: nothing is required */
	int pref_family;	/* -4 / -6, or AF_UNSPEC */
	uint64_t seen;		/* bit per attribute given */
	uint64_t on;		/* bit per OPT_YES_NO attribute set to 1 */
	int family[2];		/* of local, of remote/group: each binds the other */
	bool group;		/* the remote address is a multicast group */
	struct br_boolopt_multi bo;
};

struct link_kind {
	const char *name;
	bool slave;
	unsigned int maxattr;
	const struct kind_opt *opts;
	const char *usage;	/* after "Usage: ... KIND " */
	const char *unknown;	/* "KIND: unknown WHAT \"WORD\"?" */
	bool once;		/* a second use of an attribute is an error */
	/* after the words, if any: 0 or an exit status */
	int (*check)(const struct link_kind *k, struct kind_state *st, struct nlreq *r);
};

/* ---- bridge ----------------------------------------------------------- */

static const struct kind_opt bridge_opts[] = {
	{ "fdb_flush", NULL, OPT_FLAG, IFLA_BR_FDB_FLUSH, SET, 0, 0, NULL, 2 },
	{ "forward_delay", "forward_delay", OPT_U32, IFLA_BR_FORWARD_DELAY, BOTH, 0, 0, NULL, 1 },
	{ "hello_time", "hello_time", OPT_U32, IFLA_BR_HELLO_TIME, BOTH, 0, 0, NULL, 1 },
	{ "max_age", "max_age", OPT_U32, IFLA_BR_MAX_AGE, BOTH, 0, 0, NULL, 1 },
	{ "ageing_time", "ageing_time", OPT_U32, IFLA_BR_AGEING_TIME, BOTH, 0, 0, NULL, 1 },
	{ "stp_state", "stp_state", OPT_U32, IFLA_BR_STP_STATE, BOTH, 0, 0, NULL, 1 },
	{ "priority", "priority", OPT_U16, IFLA_BR_PRIORITY, BOTH, 0, 0, NULL, 1 },
	{ "vlan_filtering", "vlan_filtering", OPT_U8, IFLA_BR_VLAN_FILTERING, BOTH, 0, 0, NULL, 1 },
	{ "vlan_protocol", "vlan_protocol", OPT_VLAN_PROTO,
	  IFLA_BR_VLAN_PROTOCOL, BOTH, 0, 0, NULL, 6 },
	{ "bridge_id", "bridge_id", OPT_BRIDGE_ID, IFLA_BR_BRIDGE_ID, SHOW, 0, 0, NULL, 0 },
	{ "designated_root", "root_id", OPT_BRIDGE_ID, IFLA_BR_ROOT_ID, SHOW, 0, 0, NULL, 0 },
	{ "root_port", "root_port", OPT_U16, IFLA_BR_ROOT_PORT, SHOW, 0, 0, NULL, 0 },
	{ "root_path_cost", "root_path_cost", OPT_U32, IFLA_BR_ROOT_PATH_COST, SHOW, 0, 0, NULL, 0 },
	{ "topology_change", "topology_change", OPT_U8, IFLA_BR_TOPOLOGY_CHANGE, SHOW, 0, 0, NULL, 0 },
	{ "topology_change_detected", "topology_change_detected", OPT_U8,
	  IFLA_BR_TOPOLOGY_CHANGE_DETECTED, SHOW, 0, 0, NULL, 0 },
	{ "hello_timer", "hello_timer", OPT_TIMER, IFLA_BR_HELLO_TIMER, SHOW, 0, 0, NULL, 0 },
	{ "tcn_timer", "tcn_timer", OPT_TIMER, IFLA_BR_TCN_TIMER, SHOW, 0, 0, NULL, 0 },
	{ "topology_change_timer", "topology_change_timer", OPT_TIMER,
	  IFLA_BR_TOPOLOGY_CHANGE_TIMER, SHOW, 0, 0, NULL, 0 },
	{ "gc_timer", "gc_timer", OPT_TIMER, IFLA_BR_GC_TIMER, SHOW, 0, 0, NULL, 0 },
	{ "vlan_default_pvid", "vlan_default_pvid", OPT_U16,
	  IFLA_BR_VLAN_DEFAULT_PVID, BOTH, 0, 0, NULL, 6 },
	{ "vlan_stats_enabled", "vlan_stats_enabled", OPT_U8,
	  IFLA_BR_VLAN_STATS_ENABLED, BOTH, 0, 0, NULL, 6 },
	{ "vlan_stats_per_port", "vlan_stats_per_port", OPT_U8,
	  IFLA_BR_VLAN_STATS_PER_PORT, BOTH, 0, 0, NULL, 12 },
	{ "group_fwd_mask", "group_fwd_mask", OPT_HEX_ALT,
	  IFLA_BR_GROUP_FWD_MASK, BOTH, 0, 0, NULL, 1 },
	{ "group_address", "group_addr", OPT_LLADDR, IFLA_BR_GROUP_ADDR, BOTH, 0, 0, NULL, 7 },
	{ "mcast_snooping", "mcast_snooping", OPT_U8, IFLA_BR_MCAST_SNOOPING, BOTH, 0, 0, NULL, 7 },
	{ "no_linklocal_learn", "no_linklocal_learn", OPT_BOOLOPT,
	  IFLA_BR_MULTI_BOOLOPT, BOTH, BR_BOOLOPT_NO_LL_LEARN, 0, NULL, 0 },
	{ "mcast_vlan_snooping", "mcast_vlan_snooping", OPT_BOOLOPT,
	  IFLA_BR_MULTI_BOOLOPT, BOTH, BR_BOOLOPT_MCAST_VLAN_SNOOPING, 0, NULL, 0 },
	{ "mcast_router", "mcast_router", OPT_U8, IFLA_BR_MCAST_ROUTER, BOTH, 0, 0, NULL, 2 },
	{ "mcast_query_use_ifaddr", "mcast_query_use_ifaddr", OPT_U8,
	  IFLA_BR_MCAST_QUERY_USE_IFADDR, BOTH, 0, 0, NULL, 7 },
	{ "mcast_querier", "mcast_querier", OPT_U8, IFLA_BR_MCAST_QUERIER, BOTH, 0, 0, NULL, 11 },
	{ "mcast_hash_elasticity", "mcast_hash_elasticity", OPT_U32,
	  IFLA_BR_MCAST_HASH_ELASTICITY, BOTH, 0, 0, NULL, 7 },
	{ "mcast_hash_max", "mcast_hash_max", OPT_U32, IFLA_BR_MCAST_HASH_MAX, BOTH, 0, 0, NULL, 12 },
	{ "mcast_last_member_count", "mcast_last_member_cnt", OPT_U32,
	  IFLA_BR_MCAST_LAST_MEMBER_CNT, BOTH, 0, 0, NULL, 7 },
	{ "mcast_startup_query_count", "mcast_startup_query_cnt", OPT_U32,
	  IFLA_BR_MCAST_STARTUP_QUERY_CNT, BOTH, 0, 0, NULL, 8 },
	{ "mcast_last_member_interval", "mcast_last_member_intvl", OPT_U64,
	  IFLA_BR_MCAST_LAST_MEMBER_INTVL, BOTH, 0, 0, NULL, 19 },
	{ "mcast_membership_interval", "mcast_membership_intvl", OPT_U64,
	  IFLA_BR_MCAST_MEMBERSHIP_INTVL, BOTH, 0, 0, NULL, 7 },
	{ "mcast_querier_interval", "mcast_querier_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERIER_INTVL, BOTH, 0, 0, NULL, 14 },
	{ "mcast_query_interval", "mcast_query_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERY_INTVL, BOTH, 0, 0, NULL, 13 },
	{ "mcast_query_response_interval", "mcast_query_response_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, BOTH, 0, 0, NULL, 13 },
	{ "mcast_startup_query_interval", "mcast_startup_query_intvl", OPT_U64,
	  IFLA_BR_MCAST_STARTUP_QUERY_INTVL, BOTH, 0, 0, NULL, 21 },
	{ "mcast_stats_enabled", "mcast_stats_enabled", OPT_U8,
	  IFLA_BR_MCAST_STATS_ENABLED, BOTH, 0, 0, NULL, 10 },
	{ "mcast_igmp_version", "mcast_igmp_version", OPT_U8,
	  IFLA_BR_MCAST_IGMP_VERSION, BOTH, 0, 0, NULL, 7 },
	{ "mcast_mld_version", "mcast_mld_version", OPT_U8,
	  IFLA_BR_MCAST_MLD_VERSION, BOTH, 0, 0, NULL, 8 },
	{ "nf_call_iptables", "nf_call_iptables", OPT_U8,
	  IFLA_BR_NF_CALL_IPTABLES, BOTH, 0, 0, NULL, 1 },
	{ "nf_call_ip6tables", "nf_call_ip6tables", OPT_U8,
	  IFLA_BR_NF_CALL_IP6TABLES, BOTH, 0, 0, NULL, 11 },
	{ "nf_call_arptables", "nf_call_arptables", OPT_U8,
	  IFLA_BR_NF_CALL_ARPTABLES, BOTH, 0, 0, NULL, 9 },
	{ NULL, NULL, OPT_FLAG, 0, 0, 0, 0, NULL, 0 },
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

/* ---- bridge_slave ----------------------------------------------------- */

#define PORT_ON_OFF(word, key, attr, abbrev) \
	{ word, key, OPT_ON_OFF, attr, BOTH, 0, 0, NULL, abbrev }

static const struct kind_opt bridge_slave_opts[] = {
	{ "fdb_flush", NULL, OPT_FLAG, IFLA_BRPORT_FLUSH, SET, 0, 0, NULL, 1 },
	{ "state", "state", OPT_PORT_STATE, IFLA_BRPORT_STATE, BOTH, 0, 0, "state is invalid", 1 },
	{ "priority", "priority", OPT_U16, IFLA_BRPORT_PRIORITY, BOTH, 0, 0,
	  "priority is invalid", 1 },
	{ "cost", "cost", OPT_U32, IFLA_BRPORT_COST, BOTH, 0, 0, "cost is invalid", 1 },
	PORT_ON_OFF("hairpin", "hairpin", IFLA_BRPORT_MODE, 1),
	PORT_ON_OFF("guard", "guard", IFLA_BRPORT_GUARD, 1),
	PORT_ON_OFF("root_block", "root_block", IFLA_BRPORT_PROTECT, 1),
	PORT_ON_OFF("fastleave", "fastleave", IFLA_BRPORT_FAST_LEAVE, 2),
	PORT_ON_OFF("learning", "learning", IFLA_BRPORT_LEARNING, 1),
	PORT_ON_OFF("flood", "flood", IFLA_BRPORT_UNICAST_FLOOD, 2),
	{ "port_id", "id", OPT_HEX, IFLA_BRPORT_ID, SHOW, 0, 0, NULL, 0 },
	{ "port_no", "no", OPT_HEX, IFLA_BRPORT_NO, SHOW, 0, 0, NULL, 0 },
	{ "designated_port", "designated_port", OPT_U16,
	  IFLA_BRPORT_DESIGNATED_PORT, SHOW, 0, 0, NULL, 0 },
	{ "designated_cost", "designated_cost", OPT_U16,
	  IFLA_BRPORT_DESIGNATED_COST, SHOW, 0, 0, NULL, 0 },
	{ "designated_bridge", "bridge_id", OPT_BRIDGE_ID,
	  IFLA_BRPORT_BRIDGE_ID, SHOW, 0, 0, NULL, 0 },
	{ "designated_root", "root_id", OPT_BRIDGE_ID, IFLA_BRPORT_ROOT_ID, SHOW, 0, 0, NULL, 0 },
	{ "hold_timer", "hold_timer", OPT_TIMER, IFLA_BRPORT_HOLD_TIMER, SHOW, 0, 0, NULL, 0 },
	{ "message_age_timer", "message_age_timer", OPT_TIMER,
	  IFLA_BRPORT_MESSAGE_AGE_TIMER, SHOW, 0, 0, NULL, 0 },
	{ "forward_delay_timer", "forward_delay_timer", OPT_TIMER,
	  IFLA_BRPORT_FORWARD_DELAY_TIMER, SHOW, 0, 0, NULL, 0 },
	{ "topology_change_ack", "topology_change_ack", OPT_U8,
	  IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, SHOW, 0, 0, NULL, 0 },
	{ "config_pending", "config_pending", OPT_U8,
	  IFLA_BRPORT_CONFIG_PENDING, SHOW, 0, 0, NULL, 0 },
	PORT_ON_OFF("proxy_arp", "proxy_arp", IFLA_BRPORT_PROXYARP, 3),
	PORT_ON_OFF("proxy_arp_wifi", "proxy_arp_wifi", IFLA_BRPORT_PROXYARP_WIFI, 10),
	{ "mcast_router", "multicast_router", OPT_U8,
	  IFLA_BRPORT_MULTICAST_ROUTER, BOTH, 0, 0, NULL, 7 },
	/* the same attribute as fastleave, printed again (not in JSON) */
	PORT_ON_OFF("mcast_fast_leave", NULL, IFLA_BRPORT_FAST_LEAVE, 8),
	PORT_ON_OFF("mcast_flood", "mcast_flood", IFLA_BRPORT_MCAST_FLOOD, 1),
	PORT_ON_OFF("bcast_flood", "bcast_flood", IFLA_BRPORT_BCAST_FLOOD, 1),
	PORT_ON_OFF("mcast_to_unicast", "mcast_to_unicast", IFLA_BRPORT_MCAST_TO_UCAST, 7),
	PORT_ON_OFF("neigh_suppress", "neigh_suppress", IFLA_BRPORT_NEIGH_SUPPRESS, 1),
	{ "group_fwd_mask", "group_fwd_mask", OPT_HEX_ALT,
	  IFLA_BRPORT_GROUP_FWD_MASK, BOTH, 0, 0, NULL, 2 },
	{ "group_fwd_mask_str", "group_fwd_mask_str", OPT_FWD_MASK,
	  IFLA_BRPORT_GROUP_FWD_MASK, SHOW, 0, 0, NULL, 0 },
	PORT_ON_OFF("vlan_tunnel", "vlan_tunnel", IFLA_BRPORT_VLAN_TUNNEL, 1),
	PORT_ON_OFF("isolated", "isolated", IFLA_BRPORT_ISOLATED, 1),
	PORT_ON_OFF("locked", "locked", IFLA_BRPORT_LOCKED, 2),
	{ "backup_port", "backup_port", OPT_DEV, IFLA_BRPORT_BACKUP_PORT, BOTH, 0, 0,
	  "Device does not exist\n", 2 },
	{ "nobackup_port", NULL, OPT_NO, IFLA_BRPORT_BACKUP_PORT, SET, 4, 0, NULL, 2 },
	{ NULL, NULL, OPT_FLAG, 0, 0, 0, 0, NULL, 0 },
};

static const char bridge_slave_usage[] =
	"[ fdb_flush ]\n"
	"\t\t\t[ state STATE ]\n"
	"\t\t\t[ priority PRIO ]\n"
	"\t\t\t[ cost COST ]\n"
	"\t\t\t[ guard {on | off} ]\n"
	"\t\t\t[ hairpin {on | off} ]\n"
	"\t\t\t[ fastleave {on | off} ]\n"
	"\t\t\t[ root_block {on | off} ]\n"
	"\t\t\t[ learning {on | off} ]\n"
	"\t\t\t[ flood {on | off} ]\n"
	"\t\t\t[ proxy_arp {on | off} ]\n"
	"\t\t\t[ proxy_arp_wifi {on | off} ]\n"
	"\t\t\t[ mcast_router MULTICAST_ROUTER ]\n"
	"\t\t\t[ mcast_fast_leave {on | off} ]\n"
	"\t\t\t[ mcast_flood {on | off} ]\n"
	"\t\t\t[ bcast_flood {on | off} ]\n"
	"\t\t\t[ mcast_to_unicast {on | off} ]\n"
	"\t\t\t[ group_fwd_mask MASK ]\n"
	"\t\t\t[ neigh_suppress {on | off} ]\n"
	"\t\t\t[ vlan_tunnel {on | off} ]\n"
	"\t\t\t[ isolated {on | off} ]\n"
	"\t\t\t[ locked {on | off} ]\n"
	"\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n";

/* ---- vxlan ------------------------------------------------------------ */

/* [no]WORD: the word sets the attribute to 1 (and shows it), noWORD to 0. */
#define YES_NO(word, key, attr, show, abbrev, noabbrev) \
	{ word, key, OPT_YES_NO, attr, BOTH, show, 0, NULL, abbrev }, \
	{ "no" word, NULL, OPT_NO, attr, SET, 1, 0, NULL, noabbrev }

static const struct kind_opt vxlan_opts[] = {
	/* external also turns learning off */
	{ "external", "external", OPT_YES_NO, IFLA_VXLAN_COLLECT_METADATA, BOTH, SHOW_YES,
	  IFLA_VXLAN_LEARNING, NULL, 1 },
	{ "noexternal", NULL, OPT_NO, IFLA_VXLAN_COLLECT_METADATA, SET, 1, 0, NULL, 3 },
	YES_NO("vnifilter", "vnifilter", IFLA_VXLAN_VNIFILTER, SHOW_YES_GLUED, 0, 0),
	{ "id", "id", OPT_VNI, IFLA_VXLAN_ID, BOTH, 0, 0, "invalid id", 1 },
	{ "vni", "id", OPT_VNI, IFLA_VXLAN_ID, SET, 0, 0, "invalid id", 1 },
	{ "group", "group", OPT_ADDR,
	  IFLA_VXLAN_GROUP, BOTH, ADDR_GROUP, IFLA_VXLAN_GROUP6, "invalid group address", 1 },
	{ "remote", "remote", OPT_ADDR,
	  IFLA_VXLAN_GROUP, BOTH, ADDR_REMOTE, IFLA_VXLAN_GROUP6, "invalid remote address", 1 },
	{ "local", "local", OPT_ADDR,
	  IFLA_VXLAN_LOCAL, BOTH, ADDR_LOCAL, IFLA_VXLAN_LOCAL6, "invalid local address", 1 },
	{ "dev", "link", OPT_DEV, IFLA_VXLAN_LINK, BOTH, 0, 0, NULL, 1 },
	{ "srcport", "port_range", OPT_PORT_RANGE, IFLA_VXLAN_PORT_RANGE, BOTH, 0, 0, NULL, 1 },
	{ "port", NULL, OPT_PORT_RANGE, IFLA_VXLAN_PORT_RANGE, SET, 0, 0, NULL, 1 },
	{ "dstport", "port", OPT_PORT, IFLA_VXLAN_PORT, BOTH, 0, 0, "dst port", 3 },
	YES_NO("learning", "learning", IFLA_VXLAN_LEARNING, SHOW_NO, 2, 1),
	YES_NO("proxy", "proxy", IFLA_VXLAN_PROXY, SHOW_YES, 2, 3),
	YES_NO("rsc", "rsc", IFLA_VXLAN_RSC, SHOW_YES, 2, 3),
	YES_NO("l2miss", "l2miss", IFLA_VXLAN_L2MISS, SHOW_YES, 2, 4),
	YES_NO("l3miss", "l3miss", IFLA_VXLAN_L3MISS, SHOW_YES, 2, 4),
	{ "tos", "tos", OPT_TOS, IFLA_VXLAN_TOS, BOTH, 0, 0, "bad TOS value", 2 },
	{ "dsfield", NULL, OPT_TOS, IFLA_VXLAN_TOS, SET, 0, 0, "bad TOS value", 2 },
	{ "ttl", "ttl", OPT_TTL, IFLA_VXLAN_TTL, BOTH, 0, IFLA_VXLAN_TTL_INHERIT, NULL, 1 },
	{ "hoplimit", NULL, OPT_TTL, IFLA_VXLAN_TTL, SET, 0, IFLA_VXLAN_TTL_INHERIT, NULL, 1 },
	{ "df", "df", OPT_DF, IFLA_VXLAN_DF, BOTH, 0, 0,
	  "DF must be 'unset', 'set' or 'inherit'", 2 },
	{ "flowlabel", "label", OPT_LABEL, IFLA_VXLAN_LABEL, BOTH, 0, 0, "invalid flowlabel", 1 },
	{ "label", NULL, OPT_LABEL, IFLA_VXLAN_LABEL, SET, 0, 0, "invalid flowlabel", 2 },
	{ "ageing", "ageing", OPT_AGEING, IFLA_VXLAN_AGEING, BOTH, 0, 0, "ageing timer", 1 },
	{ "maxaddress", NULL, OPT_LIMIT, IFLA_VXLAN_LIMIT, SET, 0, 0, "max addresses", 1 },
	{ "maxaddr", "limit", OPT_LIMIT, IFLA_VXLAN_LIMIT, SHOW, 0, 0, NULL, 0 },
	YES_NO("udpcsum", "udp_csum", IFLA_VXLAN_UDP_CSUM, SHOW_ALWAYS, 1, 3),
	YES_NO("udp6zerocsumtx", "udp_zero_csum6_tx", IFLA_VXLAN_UDP_ZERO_CSUM6_TX,
	       SHOW_ALWAYS, 4, 6),
	YES_NO("udp6zerocsumrx", "udp_zero_csum6_rx", IFLA_VXLAN_UDP_ZERO_CSUM6_RX,
	       SHOW_ALWAYS, 13, 15),
	YES_NO("remcsumtx", "remcsum_tx", IFLA_VXLAN_REMCSUM_TX, SHOW_YES, 4, 4),
	YES_NO("remcsumrx", "remcsum_rx", IFLA_VXLAN_REMCSUM_RX, SHOW_YES, 8, 10),
	{ "gbp", "gbp", OPT_FLAG, IFLA_VXLAN_GBP, BOTH, 0, 0, NULL, 2 },
	{ "gpe", "gpe", OPT_FLAG, IFLA_VXLAN_GPE, BOTH, 0, 0, NULL, 2 },
	{ NULL, NULL, OPT_FLAG, 0, 0, 0, 0, NULL, 0 },
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

#define BIT(attr) (1ull << (attr))

/* iproute2's checks after the words, in its order. */
static int vxlan_check(const struct link_kind *k, struct kind_state *st, struct nlreq *r)
{
	bool external = st->on & BIT(IFLA_VXLAN_COLLECT_METADATA);
	bool id = st->seen & BIT(IFLA_VXLAN_ID), port = st->seen & BIT(IFLA_VXLAN_PORT);

	(void)k;
	if (external && id) {
		fprintf(stderr, "vxlan: both 'external' and vni cannot be specified\n");
		return EXIT_FAIL;
	}
	if ((st->on & BIT(IFLA_VXLAN_VNIFILTER)) && !external) {
		fprintf(stderr, "vxlan: vnifilter is valid only when 'external' is set\n");
		return EXIT_FAIL;
	}
	if (!external && !id && !st->set_op) {
		fprintf(stderr, "vxlan: missing virtual network identifier\n");
		return EXIT_FAIL;
	}
	if (st->group && !(st->seen & BIT(IFLA_VXLAN_LINK))) {
		fprintf(stderr, "vxlan: 'group' requires 'dev' to be specified\n");
		return EXIT_FAIL;
	}
	/* with -4 or -6 and no address, the family goes as a zero address */
	if (!(st->seen & (BIT(IFLA_VXLAN_LOCAL) | BIT(IFLA_VXLAN_GROUP))) &&
	    (st->pref_family == AF_INET || st->pref_family == AF_INET6)) {
		static const uint8_t any[16];
		bool v4 = st->pref_family == AF_INET;

		nlreq_put(r, v4 ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, v4 ? 4 : 16, any);
	}
	/* gpe has its own IANA port, which iproute2 fills in */
	if (!port && (st->seen & BIT(IFLA_VXLAN_GPE)))
		nlreq_put_u16(r, IFLA_VXLAN_PORT, htons(4790));
	else if (!port && !st->set_op)
		fprintf(stderr, "vxlan: destination port not specified\n"
			"Will use Linux kernel default (non-standard value)\n"
			"Use 'dstport 4789' to get the IANA assigned value\n"
			"Use 'dstport 0' to get default and quiet this message\n");
	return 0;
}

static const struct link_kind kinds[] = {
	{ "bridge", false, IFLA_BR_MAX, bridge_opts, bridge_usage, "command", false, NULL },
	{ "bridge", true, IFLA_BRPORT_MAX, bridge_slave_opts, bridge_slave_usage, "option",
	  false, NULL },
	{ "vxlan", false, IFLA_VXLAN_MAX, vxlan_opts, vxlan_usage, "command", true, vxlan_check },
	{ NULL, false, 0, NULL, NULL, NULL, false, NULL },
};

const struct link_kind *link_kind_find(const char *name, bool slave)
{
	for (const struct link_kind *k = kinds; k->name; k++)
		if (k->slave == slave && !strcmp(k->name, name))
			return k;
	return NULL;
}

/* ---- parsing ---------------------------------------------------------- */

static int kind_usage(const struct link_kind *k)
{
	fprintf(stderr, "Usage: ... %s%s %s", k->name, k->slave ? "_slave" : "", k->usage);
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

static int invalid(const struct kind_opt *o, const char *arg)
{
	char msg[64];

	if (o->err)
		return arg_invalid(o->err, arg);
	snprintf(msg, sizeof(msg), "invalid %s", o->word);
	return arg_invalid(msg, arg);
}

/* An address for OPT_ADDR: group must be multicast, remote and local must
 * not; local and remote/group must be of one family (iproute2 reads each
 * in the family of the other). */
static int put_addr(struct nlreq *r, const struct kind_opt *o, const char *arg,
		    struct kind_state *st)
{
	int *fam = &st->family[o->arg == ADDR_LOCAL ? 0 : 1];
	struct inet_prefix pf;
	bool mcast;

	if (inet_get_addr(&pf, arg, st->family[o->arg == ADDR_LOCAL ? 1 : 0]))
		return EXIT_FAIL;
	if (pf.family != AF_INET && pf.family != AF_INET6)
		return invalid(o, arg);
	mcast = pf.family == AF_INET ? (pf.data[0] & 0xf0) == 0xe0 : pf.data[0] == 0xff;
	if (mcast != (o->arg == ADDR_GROUP))
		return invalid(o, arg);
	*fam = pf.family;
	if (o->arg == ADDR_GROUP)
		st->group = true;
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

/* srcport MIN MAX: the second word is read only once the first is good. */
static int put_port_range(struct nlreq *r, const struct kind_opt *o, int *argc, char ***argv)
{
	struct ifla_vxlan_port_range pr;
	uint64_t low, high;

	if (parse_unsigned(**argv, UINT16_MAX, &low) < 0)
		return arg_invalid("min port", **argv);
	if (*argc < 2)
		return arg_incomplete();
	(*argc)--, (*argv)++;
	if (parse_unsigned(**argv, UINT16_MAX, &high) < 0)
		return arg_invalid("max port", **argv);
	pr.low = htons((uint16_t)low);
	pr.high = htons((uint16_t)high);
	if (low || high)
		nlreq_put(r, o->attr, sizeof(pr), &pr);
	return 0;
}

/* Values that are words: the index of arg in words, or -1. */
static int word_index(const char *const *words, const char *arg)
{
	for (int i = 0; words[i]; i++)
		if (!strcmp(words[i], arg))
			return i;
	return -1;
}

static const char *const df_words[] = { "unset", "set", "inherit", NULL };
static const char *const on_off_words[] = { "off", "on", NULL };

/* One option's value into the request; 0 or an exit status. */
static int put_opt(struct nlreq *r, const struct kind_opt *o, const char *arg,
		   struct kind_state *st)
{
	static const uint64_t max[OPT_NTYPES] = {
		[OPT_U8] = UINT8_MAX, [OPT_U16] = UINT16_MAX,
		[OPT_U32] = UINT32_MAX, [OPT_U64] = UINT64_MAX, [OPT_BOOLOPT] = UINT32_MAX,
		[OPT_HEX_ALT] = UINT16_MAX, [OPT_VNI] = 0xffffff, [OPT_PORT] = UINT16_MAX,
		[OPT_PORT_STATE] = UINT8_MAX, [OPT_LABEL] = 0xfffff,
		[OPT_AGEING] = UINT32_MAX, [OPT_LIMIT] = UINT32_MAX,
	};
	/* the word that stands for 0 */
	static const char *const zero[OPT_NTYPES] = {
		[OPT_AGEING] = "none", [OPT_LIMIT] = "unlimited",
	};
	uint8_t ll[LLADDR_MAX];
	uint64_t v = 0;
	char *end;
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
			return invalid(o, arg);
		return 0;
	case OPT_ADDR:
		return put_addr(r, o, arg, st);
	case OPT_TTL:
		return put_ttl(r, o, arg);
	case OPT_DEV:
		ifindex = ifname_to_index(arg);
		if (!ifindex && o->err)
			return arg_invalid(o->err, arg);
		if (!ifindex) {
			fprintf(stderr, "Cannot find device \"%s\"\n", arg);
			return EXIT_USAGE;
		}
		nlreq_put_u32(r, o->attr, (uint32_t)ifindex);
		return 0;
	case OPT_ON_OFF:
		len = word_index(on_off_words, arg);
		if (len < 0) {
			fprintf(stderr, "Error: argument of \"%s\" must be one of \"off\", \"on\", "
				"not \"%s\"\n", o->word, arg);
			return EXIT_FAIL;
		}
		nlreq_put_u8(r, o->attr, (uint8_t)len);
		return 0;
	case OPT_DF:
		len = word_index(df_words, arg);
		if (len < 0)
			return invalid(o, arg);
		nlreq_put_u8(r, o->attr, (uint8_t)len);
		return 0;
	case OPT_TOS:
		/* iproute2's rtnl_dsfield_a2n: hex, whatever it looks like */
		v = 1;
		if (strcmp(arg, "inherit") != 0) {
			v = strtoul(arg, &end, 16);
			if (!*arg || *end || v > 255)
				return invalid(o, arg);
		}
		nlreq_put_u8(r, o->attr, (uint8_t)v);
		return 0;
	default:
		break;
	}
	if (!(zero[o->type] && !strcmp(arg, zero[o->type])) &&
	    parse_unsigned(arg, max[o->type], &v) < 0)
		return invalid(o, arg);
	switch (o->type) {
	case OPT_U8:
	case OPT_PORT_STATE:
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
	case OPT_AGEING:
	case OPT_LIMIT:
		nlreq_put_u32(r, o->attr, (uint32_t)v);
		break;
	case OPT_LABEL:
		nlreq_put_u32(r, o->attr, htonl((uint32_t)v));
		break;
	case OPT_U64:
		nlreq_put(r, o->attr, sizeof(v), &v);
		break;
	case OPT_BOOLOPT:
		st->bo.optmask |= 1u << o->arg;
		if (v)
			st->bo.optval |= 1u << o->arg;
		else
			st->bo.optval &= ~(1u << o->arg);
		break;
	default:
		break;
	}
	return 0;
}

/* A word alone: an empty attribute, a 0, or a 1 (with what it turns off). */
static void put_word(struct nlreq *r, const struct kind_opt *o, struct kind_state *st)
{
	static const uint8_t zeros[8];

	switch (o->type) {
	case OPT_FLAG:
		nlreq_put(r, o->attr, 0, NULL);
		break;
	case OPT_NO:
		nlreq_put(r, o->attr, o->arg, zeros);
		st->on &= ~BIT(o->attr);
		break;
	default:	/* OPT_YES_NO */
		nlreq_put_u8(r, o->attr, 1);
		if (o->attr6)
			nlreq_put_u8(r, o->attr6, 0);
		st->on |= BIT(o->attr);
	}
}

static bool opt_takes_value(const struct kind_opt *o)
{
	return o->type != OPT_FLAG && o->type != OPT_YES_NO && o->type != OPT_NO;
}

/* The settable row word names, whole or abbreviated as far as iproute2
 * lets it be. */
static const struct kind_opt *opt_find(const struct link_kind *k, const char *word)
{
	size_t n = strlen(word);

	for (const struct kind_opt *o = k->opts; o->word; o++)
		if ((o->use & SET) && n >= (o->abbrev ? o->abbrev : strlen(o->word)) &&
		    !strncmp(o->word, word, n))
			return o;
	return NULL;
}

/* The name a second use is reported by: the word given for words alone
 * and addresses (group and remote share an attribute), else the first
 * row of the attribute (vni is "id", hoplimit "ttl"). */
static const char *dup_key(const struct link_kind *k, const struct kind_opt *o,
			   const char *given)
{
	if (!opt_takes_value(o) || o->type == OPT_ADDR)
		return given;
	for (const struct kind_opt *f = k->opts; f->word; f++)
		if ((f->use & SET) && f->attr == o->attr)
			return f->word;
	return given;
}

/* `type KIND ARGS...` into the open IFLA_INFO_DATA (or SLAVE_DATA) nest:
 * 0 or an exit status. */
int link_kind_parse(const struct link_kind *k, struct nlreq *r, bool set_op, int family,
		    int argc, char **argv)
{
	struct kind_state st = { .set_op = set_op, .pref_family = family };
	int ret = 0;

	for (; argc > 0; argc--, argv++) {
		const struct kind_opt *o = opt_find(k, *argv);
		const char *word = *argv;

		if (!o) {
			if (!matches(word, "help"))
				fprintf(stderr, "%s%s: unknown %s \"%s\"?\n", k->name,
					k->slave ? "_slave" : "", k->unknown, word);
			return kind_usage(k);
		}
		/* group after remote, or remote after group */
		if (o->type == OPT_ADDR && o->arg != ADDR_LOCAL &&
		    (st.seen & BIT(o->attr)) && st.group != (o->arg == ADDR_GROUP)) {
			fprintf(stderr, "%s: both group and remote cannot be specified\n", k->name);
			return EXIT_FAIL;
		}
		if (opt_takes_value(o)) {
			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
		}
		if (k->once && (st.seen & BIT(o->attr)))
			return arg_garbage(dup_key(k, o, word), *argv);
		st.seen |= BIT(o->attr);
		if (!opt_takes_value(o))
			put_word(r, o, &st);
		else if (o->type == OPT_PORT_RANGE)
			ret = put_port_range(r, o, &argc, &argv);
		else
			ret = put_opt(r, o, *argv, &st);
		if (ret)
			return ret;
	}
	if (st.bo.optmask)
		nlreq_put(r, IFLA_BR_MULTI_BOOLOPT, sizeof(st.bo), &st.bo);
	return k->check ? k->check(k, &st, r) : 0;
}

/* ---- printing --------------------------------------------------------- */

static const size_t opt_size[OPT_NTYPES] = {
	[OPT_U8] = 1, [OPT_U16] = 2, [OPT_U32] = 4, [OPT_U64] = 8,
	[OPT_BOOLOPT] = sizeof(struct br_boolopt_multi), [OPT_LLADDR] = 1,
	[OPT_VLAN_PROTO] = 2, [OPT_BRIDGE_ID] = sizeof(struct ifla_bridge_id),
	[OPT_TIMER] = 8, [OPT_HEX_ALT] = 2, [OPT_HEX] = 2, [OPT_ON_OFF] = 1,
	[OPT_PORT_STATE] = 1, [OPT_VNI] = 4, [OPT_ADDR] = 4, [OPT_DEV] = 4, [OPT_PORT] = 2,
	[OPT_PORT_RANGE] = sizeof(struct ifla_vxlan_port_range), [OPT_YES_NO] = 1,
	[OPT_TTL] = 1, [OPT_TOS] = 1, [OPT_DF] = 1, [OPT_LABEL] = 4, [OPT_AGEING] = 4,
	[OPT_LIMIT] = 4, [OPT_FWD_MASK] = 2,
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

	snprintf(fmt, sizeof(fmt), "%s%s%s", yes ? "" : "no", o->word,
		 o->arg == SHOW_YES_GLUED ? "" : " ");
	if ((o->arg == SHOW_YES || o->arg == SHOW_YES_GLUED) && !yes)
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

/* Link-local groups a port may forward, by bit of 01:80:c2:00:00:0X. */
static void print_fwd_mask(struct printer *p, const struct kind_opt *o, unsigned int mask)
{
	static const char *const names[16] = { [0] = "stp", [2] = "lacp", [14] = "lldp" };
	char buf[128] = "0x0", fmt[64];
	size_t n = 0;

	for (unsigned int i = 0; i < 16; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (names[i])
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? "," : "", names[i]);
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%#x", n ? "," : "", 1u << i);
	}
	snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
	print_string(p, PRINT_ANY, o->key, fmt, buf);
}

static void print_opt(struct printer *p, const struct kind_opt *o, const struct nlattr **tb)
{
	static const char *const port_states[] = {
		"disabled", "listening", "learning", "forwarding", "blocking",
	};
	static const char *const df[] = { "unset", "set", "inherit" };
	static const char *const conv[OPT_NTYPES] = {	/* printf conversions of numbers */
		[OPT_U8] = "u", [OPT_U16] = "u", [OPT_U32] = "u", [OPT_U64] = PRIu64,
		[OPT_VNI] = "u", [OPT_PORT] = "u", [OPT_AGEING] = "u", [OPT_LIMIT] = "u",
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
		snprintf(buf, sizeof(buf), v == 1 && !p->is_json ? "inherit" : "0x%x",
			 (unsigned int)v);
		if (v)
			print_string(p, m, o->key, fmt, buf);
		break;
	case OPT_LABEL:
		snprintf(buf, sizeof(buf), "%#x", ntohl((uint32_t)v));
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
	case OPT_FWD_MASK:
		print_fwd_mask(p, o, (unsigned int)v);
		break;
	case OPT_LIMIT:
		if (v)
			print_uint(p, m, o->key, fmt, (unsigned int)v);
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
		if (o->use & SHOW)
			print_opt(p, o, tb);
}

/* The kinds with a table ("kind KIND"), then the words `link add|set ...
 * type KIND` takes ("kind.KIND WORD"). */
void words_link_kinds(void)
{
	const char *slave;

	for (const struct link_kind *k = kinds; k->name; k++) {
		slave = k->slave ? "_slave" : "";
		printf("kind %s%s\n", k->name, slave);
		for (const struct kind_opt *o = k->opts; o->word; o++)
			if (o->use & SET)
				printf("kind.%s%s %s\n", k->name, slave, o->word);
	}
}
