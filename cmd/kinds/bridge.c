/* The bridge and its ports: `type bridge ARGS` and `type bridge_slave
 * ARGS`, and their -d data. */
#include "kind.h"
#include "../usage.h"

#include <linux/if_bridge.h>

_Static_assert(IFLA_BR_MAX <= KIND_MAXATTR && IFLA_BRPORT_MAX <= KIND_MAXATTR,
	       "a bridge attribute has a bit in struct kind_parse");

static const struct kind_opt bridge_opts[] = {
	OPT("fdb_flush", NULL, OPT_FLAG, IFLA_BR_FDB_FLUSH, SET, 0, 0, NULL, 2),
	NUM("forward_delay", OPT_U32, IFLA_BR_FORWARD_DELAY, 1),
	NUM("hello_time", OPT_U32, IFLA_BR_HELLO_TIME, 1),
	NUM("max_age", OPT_U32, IFLA_BR_MAX_AGE, 1),
	NUM("ageing_time", OPT_U32, IFLA_BR_AGEING_TIME, 1),
	NUM("stp_state", OPT_U32, IFLA_BR_STP_STATE, 1),
	NUM("priority", OPT_U16, IFLA_BR_PRIORITY, 1),
	NUM("vlan_filtering", OPT_U8, IFLA_BR_VLAN_FILTERING, 1),
	NUM("vlan_protocol", OPT_ETHERTYPE, IFLA_BR_VLAN_PROTOCOL, 6),
	SHOWN("bridge_id", OPT_BRIDGE_ID, IFLA_BR_BRIDGE_ID),
	SHOWN_KEY("designated_root", "root_id", OPT_BRIDGE_ID, IFLA_BR_ROOT_ID),
	SHOWN("root_port", OPT_U16, IFLA_BR_ROOT_PORT),
	SHOWN("root_path_cost", OPT_U32, IFLA_BR_ROOT_PATH_COST),
	SHOWN("topology_change", OPT_U8, IFLA_BR_TOPOLOGY_CHANGE),
	SHOWN("topology_change_detected", OPT_U8, IFLA_BR_TOPOLOGY_CHANGE_DETECTED),
	SHOWN("hello_timer", OPT_TIMER, IFLA_BR_HELLO_TIMER),
	SHOWN("tcn_timer", OPT_TIMER, IFLA_BR_TCN_TIMER),
	SHOWN("topology_change_timer", OPT_TIMER, IFLA_BR_TOPOLOGY_CHANGE_TIMER),
	SHOWN("gc_timer", OPT_TIMER, IFLA_BR_GC_TIMER),
	NUM("vlan_default_pvid", OPT_U16, IFLA_BR_VLAN_DEFAULT_PVID, 6),
	NUM("vlan_stats_enabled", OPT_U8, IFLA_BR_VLAN_STATS_ENABLED, 6),
	NUM("vlan_stats_per_port", OPT_U8, IFLA_BR_VLAN_STATS_PER_PORT, 12),
	NUM("group_fwd_mask", OPT_HEX_ALT, IFLA_BR_GROUP_FWD_MASK, 1),
	NUM_KEY("group_address", "group_addr", OPT_LLADDR, IFLA_BR_GROUP_ADDR, 7),
	NUM("mcast_snooping", OPT_U8, IFLA_BR_MCAST_SNOOPING, 7),
	OPT("no_linklocal_learn", "no_linklocal_learn", OPT_BOOLOPT,
	  IFLA_BR_MULTI_BOOLOPT, BOTH, BR_BOOLOPT_NO_LL_LEARN, 0, NULL, 0),
	OPT("mcast_vlan_snooping", "mcast_vlan_snooping", OPT_BOOLOPT,
	  IFLA_BR_MULTI_BOOLOPT, BOTH, BR_BOOLOPT_MCAST_VLAN_SNOOPING, 0, NULL, 0),
	NUM("mcast_router", OPT_U8, IFLA_BR_MCAST_ROUTER, 2),
	NUM("mcast_query_use_ifaddr", OPT_U8, IFLA_BR_MCAST_QUERY_USE_IFADDR, 7),
	NUM("mcast_querier", OPT_U8, IFLA_BR_MCAST_QUERIER, 11),
	NUM("mcast_hash_elasticity", OPT_U32, IFLA_BR_MCAST_HASH_ELASTICITY, 7),
	NUM("mcast_hash_max", OPT_U32, IFLA_BR_MCAST_HASH_MAX, 12),
	NUM_KEY("mcast_last_member_count", "mcast_last_member_cnt", OPT_U32,
	  IFLA_BR_MCAST_LAST_MEMBER_CNT, 7),
	NUM_KEY("mcast_startup_query_count", "mcast_startup_query_cnt", OPT_U32,
	  IFLA_BR_MCAST_STARTUP_QUERY_CNT, 8),
	NUM_KEY("mcast_last_member_interval", "mcast_last_member_intvl", OPT_U64,
	  IFLA_BR_MCAST_LAST_MEMBER_INTVL, 19),
	NUM_KEY("mcast_membership_interval", "mcast_membership_intvl", OPT_U64,
	  IFLA_BR_MCAST_MEMBERSHIP_INTVL, 7),
	NUM_KEY("mcast_querier_interval", "mcast_querier_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERIER_INTVL, 14),
	NUM_KEY("mcast_query_interval", "mcast_query_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERY_INTVL, 13),
	NUM_KEY("mcast_query_response_interval", "mcast_query_response_intvl", OPT_U64,
	  IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, 13),
	NUM_KEY("mcast_startup_query_interval", "mcast_startup_query_intvl", OPT_U64,
	  IFLA_BR_MCAST_STARTUP_QUERY_INTVL, 21),
	NUM("mcast_stats_enabled", OPT_U8, IFLA_BR_MCAST_STATS_ENABLED, 10),
	NUM("mcast_igmp_version", OPT_U8, IFLA_BR_MCAST_IGMP_VERSION, 7),
	NUM("mcast_mld_version", OPT_U8, IFLA_BR_MCAST_MLD_VERSION, 8),
	NUM("nf_call_iptables", OPT_U8, IFLA_BR_NF_CALL_IPTABLES, 1),
	NUM("nf_call_ip6tables", OPT_U8, IFLA_BR_NF_CALL_IP6TABLES, 11),
	NUM("nf_call_arptables", OPT_U8, IFLA_BR_NF_CALL_ARPTABLES, 9),
	OPT_END,
};

USAGE(kind_bridge,
	"Usage: ... %s [ fdb_flush ]\n"
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
	"Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n");

#define PORT_ON_OFF(word, key, attr, abbrev) \
	OPT(word, key, OPT_ON_OFF, attr, BOTH, 0, 0, NULL, abbrev)

static const struct kind_opt bridge_slave_opts[] = {
	OPT("fdb_flush", NULL, OPT_FLAG, IFLA_BRPORT_FLUSH, SET, 0, 0, NULL, 1),
	OPT("state", "state", OPT_PORT_STATE, IFLA_BRPORT_STATE, BOTH, 0, 0, "state is invalid", 1),
	OPT("priority", "priority", OPT_U16, IFLA_BRPORT_PRIORITY, BOTH, 0, 0,
	  "priority is invalid", 1),
	OPT("cost", "cost", OPT_U32, IFLA_BRPORT_COST, BOTH, 0, 0, "cost is invalid", 1),
	PORT_ON_OFF("hairpin", "hairpin", IFLA_BRPORT_MODE, 1),
	PORT_ON_OFF("guard", "guard", IFLA_BRPORT_GUARD, 1),
	PORT_ON_OFF("root_block", "root_block", IFLA_BRPORT_PROTECT, 1),
	PORT_ON_OFF("fastleave", "fastleave", IFLA_BRPORT_FAST_LEAVE, 2),
	PORT_ON_OFF("learning", "learning", IFLA_BRPORT_LEARNING, 1),
	PORT_ON_OFF("flood", "flood", IFLA_BRPORT_UNICAST_FLOOD, 2),
	SHOWN_KEY("port_id", "id", OPT_HEX, IFLA_BRPORT_ID),
	SHOWN_KEY("port_no", "no", OPT_HEX, IFLA_BRPORT_NO),
	SHOWN("designated_port", OPT_U16, IFLA_BRPORT_DESIGNATED_PORT),
	SHOWN("designated_cost", OPT_U16, IFLA_BRPORT_DESIGNATED_COST),
	SHOWN_KEY("designated_bridge", "bridge_id", OPT_BRIDGE_ID, IFLA_BRPORT_BRIDGE_ID),
	SHOWN_KEY("designated_root", "root_id", OPT_BRIDGE_ID, IFLA_BRPORT_ROOT_ID),
	SHOWN("hold_timer", OPT_TIMER, IFLA_BRPORT_HOLD_TIMER),
	SHOWN("message_age_timer", OPT_TIMER, IFLA_BRPORT_MESSAGE_AGE_TIMER),
	SHOWN("forward_delay_timer", OPT_TIMER, IFLA_BRPORT_FORWARD_DELAY_TIMER),
	SHOWN("topology_change_ack", OPT_U8, IFLA_BRPORT_TOPOLOGY_CHANGE_ACK),
	SHOWN("config_pending", OPT_U8, IFLA_BRPORT_CONFIG_PENDING),
	PORT_ON_OFF("proxy_arp", "proxy_arp", IFLA_BRPORT_PROXYARP, 3),
	PORT_ON_OFF("proxy_arp_wifi", "proxy_arp_wifi", IFLA_BRPORT_PROXYARP_WIFI, 10),
	NUM_KEY("mcast_router", "multicast_router", OPT_U8, IFLA_BRPORT_MULTICAST_ROUTER, 7),
	/* the same attribute as fastleave, printed again (not in JSON) */
	PORT_ON_OFF("mcast_fast_leave", NULL, IFLA_BRPORT_FAST_LEAVE, 8),
	PORT_ON_OFF("mcast_flood", "mcast_flood", IFLA_BRPORT_MCAST_FLOOD, 1),
	PORT_ON_OFF("bcast_flood", "bcast_flood", IFLA_BRPORT_BCAST_FLOOD, 1),
	PORT_ON_OFF("mcast_to_unicast", "mcast_to_unicast", IFLA_BRPORT_MCAST_TO_UCAST, 7),
	PORT_ON_OFF("neigh_suppress", "neigh_suppress", IFLA_BRPORT_NEIGH_SUPPRESS, 1),
	NUM("group_fwd_mask", OPT_HEX_ALT, IFLA_BRPORT_GROUP_FWD_MASK, 2),
	SHOWN("group_fwd_mask_str", OPT_FWD_MASK, IFLA_BRPORT_GROUP_FWD_MASK),
	PORT_ON_OFF("vlan_tunnel", "vlan_tunnel", IFLA_BRPORT_VLAN_TUNNEL, 1),
	PORT_ON_OFF("isolated", "isolated", IFLA_BRPORT_ISOLATED, 1),
	PORT_ON_OFF("locked", "locked", IFLA_BRPORT_LOCKED, 2),
	OPT("backup_port", "backup_port", OPT_DEV, IFLA_BRPORT_BACKUP_PORT, BOTH, 0, 0,
	  "Device does not exist\n", 2),
	OPT("nobackup_port", NULL, OPT_NO, IFLA_BRPORT_BACKUP_PORT, SET, 4, 0, NULL, 2),
	OPT_END,
};

USAGE(kind_bridge_slave,
	"Usage: ... %s [ fdb_flush ]\n"
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
	"\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n");

const struct link_kind kind_bridge = {
	.name = "bridge", .maxattr = IFLA_BR_MAX, .opts = bridge_opts, .usage = "kind_bridge",
	.unknown = "command", .prints = true,
};

const struct link_kind kind_bridge_slave = {
	.name = "bridge_slave", .maxattr = IFLA_BRPORT_MAX, .opts = bridge_slave_opts,
	.usage = "kind_bridge_slave", .unknown = "option", .prints = true,
};
