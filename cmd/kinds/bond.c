/* Bonds and their ports: `type bond ARGS`, `type bond_slave ARGS` and
 * their -d data. */
#include "kind.h"

#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_bonding.h>

#include "../../args/inet.h"
#include "../../netlink/lladdr.h"
#include "../usage.h"

_Static_assert(IFLA_BOND_MAX <= KIND_MAXATTR && IFLA_BOND_SLAVE_MAX <= KIND_MAXATTR,
	       "a bond attribute has a bit in struct kind_parse");

#define BOND_MAX_TARGETS 16	/* the kernel's BOND_MAX_ARP_TARGETS */

static const char *const modes[] = {
	"balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb",
	"balance-alb", NULL,
};
static const char *const arp_validate[] = {
	"none", "active", "backup", "all", "filter", "filter_active", "filter_backup", NULL,
};
static const char *const arp_all_targets[] = { "any", "all", NULL };
static const char *const primary_reselect[] = { "always", "better", "failure", NULL };
static const char *const fail_over_mac[] = { "none", "active", "follow", NULL };
static const char *const xmit_hash_policy[] = {
	"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac", NULL,
};
static const char *const lacp_active[] = { "off", "on", NULL };
static const char *const lacp_rate[] = { "slow", "fast", NULL };
static const char *const ad_select[] = { "stable", "bandwidth", "count", NULL };

/* arp_ip_target [A,B,...], ns_ip6_target [A,B,...]: a nest of addresses
 * numbered from 0 (16 at most); the list may be missing at the end of
 * the line (an empty nest). */
static int parse_targets(struct kind_parse *kp, const struct kind_opt *o, struct arg_walk *w)
{
	struct nlattr *nest = nlreq_nest_start(kp->r, o->attr);
	bool v6 = o->attr == IFLA_BOND_NS_IP6_TARGET;
	char list[4096], *save, *t;
	uint16_t i = 0;

	if (walk_next(w)) {
		snprintf(list, sizeof(list), "%s", *w->argv);
		for (t = strtok_r(list, ",", &save); t && i < BOND_MAX_TARGETS;
		     t = strtok_r(NULL, ",", &save), i++) {
			struct inet_prefix a;

			if (v6 && inet_get_addr(&a, t, AF_INET6))
				return EXIT_FAIL;
			if (!v6 && inet_parse_addr(&a, t, AF_INET) < 0) {
				fprintf(stderr, "Error: an IP address is expected rather than \"%s\"\n", t);
				return EXIT_FAIL;
			}
			nlreq_put(kp->r, i, v6 ? 16 : 4, a.data);
		}
	}
	nlreq_nest_end(kp->r, nest);
	return 0;
}

/* "arp_ip_target 10.0.0.1,10.0.0.2 " (a JSON array), numbered from 0. */
static void print_targets(struct kind_print *kp, const struct kind_opt *o, const struct nlattr **tb)
{
	const struct nlattr *t[BOND_MAX_TARGETS + 1];
	struct printer *p = kp->p;
	bool v6 = o->attr == IFLA_BOND_NS_IP6_TARGET;
	char buf[INET6_ADDRSTRLEN];

	if (!tb[o->attr])
		return;
	attr_parse_nested(t, BOND_MAX_TARGETS, NULL, tb[o->attr]);
	if (t[0]) {
		print_open_array(p, PRINT_JSON, o->key, NULL);
		print_text(p, "%s ", o->word);
	}
	for (int i = 0; i < BOND_MAX_TARGETS; i++) {
		if (t[i] && mnl_attr_get_payload_len(t[i]) >= (v6 ? 16u : 4u)) {
			inet_ntop(v6 ? AF_INET6 : AF_INET, mnl_attr_get_payload(t[i]), buf, sizeof(buf));
			print_string(p, t[0] ? PRINT_ANY : PRINT_FP, NULL, "%s", buf);
		}
		if (i < BOND_MAX_TARGETS - 1 && t[i + 1])
			print_text(p, ",");
	}
	if (t[0]) {
		print_text(p, " ");
		print_close_array(p, PRINT_JSON, NULL);
	}
}

/* none is null in JSON */
static void print_arp_validate(struct kind_print *kp, const struct kind_opt *o,
			       const struct nlattr **tb)
{
	uint32_t v;

	if (!tb[o->attr] || mnl_attr_get_payload_len(tb[o->attr]) < 4)
		return;
	v = mnl_attr_get_u32(tb[o->attr]);
	if (!v)
		print_null(kp->p, PRINT_JSON, o->key, NULL);
	print_string(kp->p, v ? PRINT_ANY : PRINT_FP, o->key, "arp_validate %s ",
		     v < ARRAY_SIZE(arp_validate) - 1 ? arp_validate[v] : "UNKNOWN");
}

/* The 802.3ad aggregator (a nest of its own). */
static void print_ad_info(struct kind_print *kp, const struct kind_opt *o, const struct nlattr **tb)
{
	static const struct { int attr; const char *key, *fmt; } nums[] = {
		{ IFLA_BOND_AD_INFO_AGGREGATOR, "aggregator", "ad_aggregator %d " },
		{ IFLA_BOND_AD_INFO_NUM_PORTS, "num_ports", "ad_num_ports %d " },
		{ IFLA_BOND_AD_INFO_ACTOR_KEY, "actor_key", "ad_actor_key %d " },
		{ IFLA_BOND_AD_INFO_PARTNER_KEY, "partner_key", "ad_partner_key %d " },
	};
	const struct nlattr *ad[IFLA_BOND_AD_INFO_MAX + 1];
	struct printer *p = kp->p;
	char buf[LLADDR_STRLEN];

	if (!tb[o->attr])
		return;
	attr_parse_nested(ad, IFLA_BOND_AD_INFO_MAX, NULL, tb[o->attr]);
	print_open_object(p, o->key);
	for (size_t i = 0; i < ARRAY_SIZE(nums); i++)
		if (ad[nums[i].attr] && mnl_attr_get_payload_len(ad[nums[i].attr]) >= 2)
			print_int(p, PRINT_ANY, nums[i].key, nums[i].fmt,
				  mnl_attr_get_u16(ad[nums[i].attr]));
	if (ad[IFLA_BOND_AD_INFO_PARTNER_MAC] &&
	    mnl_attr_get_payload_len(ad[IFLA_BOND_AD_INFO_PARTNER_MAC]) >= 6) {
		lladdr_ntop(mnl_attr_get_payload(ad[IFLA_BOND_AD_INFO_PARTNER_MAC]), 6, 0,
			    buf, sizeof(buf));
		print_string(p, PRINT_ANY, "partner_mac", "ad_partner_mac %s ", buf);
	}
	print_close_object(p);
}

/* In iproute2's print order; abbrev from its parse order. */
static const struct kind_opt bond_opts[] = {
	NAMES("mode", "mode", IFLA_BOND_MODE, 1, modes, 1),
	DEVICE("active_slave", IFLA_BOND_ACTIVE_SLAVE, DEV_RETURN, 1),
	OPT("clear_active_slave", NULL, OPT_NO, IFLA_BOND_ACTIVE_SLAVE, SET, 4, 0, NULL, 1),
	NUM("miimon", OPT_U32, IFLA_BOND_MIIMON, 2),
	NUM("updelay", OPT_U32, IFLA_BOND_UPDELAY, 1),
	NUM("downdelay", OPT_U32, IFLA_BOND_DOWNDELAY, 1),
	NUM("peer_notify_delay", OPT_U32, IFLA_BOND_PEER_NOTIF_DELAY, 1),
	NUM("use_carrier", OPT_U8, IFLA_BOND_USE_CARRIER, 2),
	NUM("arp_interval", OPT_U32, IFLA_BOND_ARP_INTERVAL, 2),
	NUM("arp_missed_max", OPT_U8, IFLA_BOND_MISSED_MAX, 0),
	CUSTOM("arp_ip_target", "arp_ip_target", IFLA_BOND_ARP_IP_TARGET, BOTH, 6,
	       parse_targets, print_targets),
	CUSTOM("ns_ip6_target", "ns_ip6_target", IFLA_BOND_NS_IP6_TARGET, BOTH, 0,
	       parse_targets, print_targets),
	{ .word = "arp_validate", .type = OPT_ENUM, .attr = IFLA_BOND_ARP_VALIDATE, .use = SET,
	  .arg = 4, .abbrev = 5, .x = KIND_EXT(.names = arp_validate) },
	CUSTOM("arp_validate", "arp_validate", IFLA_BOND_ARP_VALIDATE, SHOW, 0,
	       NULL, print_arp_validate),
	NAMES("arp_all_targets", "arp_all_targets", IFLA_BOND_ARP_ALL_TARGETS, 4,
	      arp_all_targets, 5),
	DEVICE("primary", IFLA_BOND_PRIMARY, DEV_RETURN, 2),
	NAMES("primary_reselect", "primary_reselect", IFLA_BOND_PRIMARY_RESELECT, 1,
	      primary_reselect, 8),
	NAMES("fail_over_mac", "fail_over_mac", IFLA_BOND_FAIL_OVER_MAC, 1, fail_over_mac, 1),
	NAMES("xmit_hash_policy", "xmit_hash_policy", IFLA_BOND_XMIT_HASH_POLICY, 1,
	      xmit_hash_policy, 1),
	NUM("resend_igmp", OPT_U32, IFLA_BOND_RESEND_IGMP, 1),
	OPT("num_grat_arp", "num_peer_notif", OPT_U8, IFLA_BOND_NUM_PEER_NOTIF, BOTH, 0, 0,
	    "invalid num_grat_arp|num_unsol_na", 1),
	OPT("num_unsol_na", NULL, OPT_U8, IFLA_BOND_NUM_PEER_NOTIF, SET, 0, 0,
	    "invalid num_grat_arp|num_unsol_na", 5),
	NUM("all_slaves_active", OPT_U8, IFLA_BOND_ALL_SLAVES_ACTIVE, 2),
	NUM("min_links", OPT_U32, IFLA_BOND_MIN_LINKS, 3),
	NUM("lp_interval", OPT_U32, IFLA_BOND_LP_INTERVAL, 1),
	NUM("packets_per_slave", OPT_U32, IFLA_BOND_PACKETS_PER_SLAVE, 2),
	NAMES("lacp_active", "ad_lacp_active", IFLA_BOND_AD_LACP_ACTIVE, 1, lacp_active, 0),
	NAMES("lacp_rate", "ad_lacp_rate", IFLA_BOND_AD_LACP_RATE, 1, lacp_rate, 2),
	NAMES("ad_select", "ad_select", IFLA_BOND_AD_SELECT, 1, ad_select, 2),
	CUSTOM("ad_info", "ad_info", IFLA_BOND_AD_INFO, SHOW, 0, NULL, print_ad_info),
	NUM("ad_actor_sys_prio", OPT_U16, IFLA_BOND_AD_ACTOR_SYS_PRIO, 4),
	NUM("ad_user_port_key", OPT_U16, IFLA_BOND_AD_USER_PORT_KEY, 4),
	NUM("ad_actor_system", OPT_LLADDR, IFLA_BOND_AD_ACTOR_SYSTEM, 13),
	NUM("tlb_dynamic_lb", OPT_U8, IFLA_BOND_TLB_DYNAMIC_LB, 1),
	OPT_END,
};

USAGE(kind_bond,
	"Usage: ... %s [ mode BONDMODE ] [ active_slave SLAVE_DEV ]\n"
	"                [ clear_active_slave ] [ miimon MIIMON ]\n"
	"                [ updelay UPDELAY ] [ downdelay DOWNDELAY ]\n"
	"                [ peer_notify_delay DELAY ]\n"
	"                [ use_carrier USE_CARRIER ]\n"
	"                [ arp_interval ARP_INTERVAL ]\n"
	"                [ arp_validate ARP_VALIDATE ]\n"
	"                [ arp_all_targets ARP_ALL_TARGETS ]\n"
	"                [ arp_ip_target [ ARP_IP_TARGET, ... ] ]\n"
	"                [ ns_ip6_target [ NS_IP6_TARGET, ... ] ]\n"
	"                [ primary SLAVE_DEV ]\n"
	"                [ primary_reselect PRIMARY_RESELECT ]\n"
	"                [ fail_over_mac FAIL_OVER_MAC ]\n"
	"                [ xmit_hash_policy XMIT_HASH_POLICY ]\n"
	"                [ resend_igmp RESEND_IGMP ]\n"
	"                [ num_grat_arp|num_unsol_na NUM_GRAT_ARP|NUM_UNSOL_NA ]\n"
	"                [ all_slaves_active ALL_SLAVES_ACTIVE ]\n"
	"                [ min_links MIN_LINKS ]\n"
	"                [ lp_interval LP_INTERVAL ]\n"
	"                [ packets_per_slave PACKETS_PER_SLAVE ]\n"
	"                [ tlb_dynamic_lb TLB_DYNAMIC_LB ]\n"
	"                [ lacp_rate LACP_RATE ]\n"
	"                [ lacp_active LACP_ACTIVE]\n"
	"                [ ad_select AD_SELECT ]\n"
	"                [ ad_user_port_key PORTKEY ]\n"
	"                [ ad_actor_sys_prio SYSPRIO ]\n"
	"                [ ad_actor_system LLADDR ]\n"
	"                [ arp_missed_max MISSED_MAX ]\n"
	"\n"
	"BONDMODE := balance-rr|active-backup|balance-xor|broadcast|802.3ad|balance-tlb|balance-alb\n"
	"ARP_VALIDATE := none|active|backup|all|filter|filter_active|filter_backup\n"
	"ARP_ALL_TARGETS := any|all\n"
	"PRIMARY_RESELECT := always|better|failure\n"
	"FAIL_OVER_MAC := none|active|follow\n"
	"XMIT_HASH_POLICY := layer2|layer2+3|layer3+4|encap2+3|encap3+4|vlan+srcmac\n"
	"LACP_ACTIVE := off|on\n"
	"LACP_RATE := slow|fast\n"
	"AD_SELECT := stable|bandwidth|count\n");

const struct link_kind kind_bond = {
	.name = "bond", .maxattr = IFLA_BOND_MAX, .opts = bond_opts, .unknown = "command",
	.prints = true,
	.usage = "kind_bond",
};

/* ---- bond_slave -------------------------------------------------------- */

/* state and mii_status: a name, or its number under KEY_index. */
static void print_state(struct kind_print *kp, const struct kind_opt *o, const struct nlattr **tb)
{
	char key[64], fmt[64];
	unsigned int n = 0, v;

	if (!tb[o->attr] || mnl_attr_get_payload_len(tb[o->attr]) < 1)
		return;
	v = mnl_attr_get_u8(tb[o->attr]);
	while (o->x->names[n])
		n++;
	if (v < n) {
		snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
		print_string(kp->p, PRINT_ANY, o->key, fmt, o->x->names[v]);
	} else {
		snprintf(key, sizeof(key), "%s_index", o->key);
		snprintf(fmt, sizeof(fmt), "%s %%d ", o->word);
		print_int(kp->p, PRINT_ANY, key, fmt, (int)v);
	}
}

/* The LACP port state: its number, then its bits by name, under the
 * key KEY_str (iproute2 prints that key in plain text too). */
static void print_lacp_state(struct kind_print *kp, const struct kind_opt *o,
			     const struct nlattr **tb)
{
	static const char *const bits[] = {
		"active", "short_timeout", "aggregating", "in_sync", "collecting",
		"distributing", "defaulted", "expired",
	};
	struct printer *p = kp->p;
	char key[64], fmt[64];
	unsigned int state;

	if (!tb[o->attr] || mnl_attr_get_payload_len(tb[o->attr]) < 1)
		return;
	state = mnl_attr_get_u8(tb[o->attr]);
	snprintf(fmt, sizeof(fmt), "%s %%d ", o->word);
	print_int(p, PRINT_ANY, o->key, fmt, (int)state);
	snprintf(key, sizeof(key), "%s_str", o->key);
	print_open_array(p, PRINT_ANY, key, key);
	print_text(p, " <");
	for (unsigned int i = 0; i < ARRAY_SIZE(bits); i++) {
		if (!(state & (1u << i)))
			continue;
		state &= ~(1u << i);
		print_string(p, PRINT_ANY, NULL, state ? "%s," : "%s", bits[i]);
	}
	print_close_array(p, PRINT_ANY, "> ");
}

static const char *const slave_states[] = { "ACTIVE", "BACKUP", NULL };
static const char *const mii_states[] = { "UP", "GOING_DOWN", "DOWN", "GOING_BACK", NULL };

static const struct kind_opt bond_slave_opts[] = {
	{ .word = "state", .key = "state", .type = OPT_CUSTOM, .attr = IFLA_BOND_SLAVE_STATE,
	  .use = SHOW, .x = KIND_EXT(.names = slave_states, .print = print_state) },
	{ .word = "mii_status", .key = "mii_status", .type = OPT_CUSTOM,
	  .attr = IFLA_BOND_SLAVE_MII_STATUS, .use = SHOW,
	  .x = KIND_EXT(.names = mii_states, .print = print_state) },
	OPT("link_failure_count", "link_failure_count", OPT_S32,
	    IFLA_BOND_SLAVE_LINK_FAILURE_COUNT, SHOW, 0, 0, NULL, 0),
	OPT("perm_hwaddr", "perm_hwaddr", OPT_LLADDR, IFLA_BOND_SLAVE_PERM_HWADDR, SHOW,
	    0, 0, NULL, 0),
	OPT("queue_id", "queue_id", OPT_U16, IFLA_BOND_SLAVE_QUEUE_ID, BOTH, 0, 0,
	    "queue_id is invalid", 1),
	OPT("prio", "prio", OPT_S32, IFLA_BOND_SLAVE_PRIO, BOTH, 0, 0, "prio is invalid", 0),
	OPT("ad_aggregator_id", "ad_aggregator_id", OPT_U16, IFLA_BOND_SLAVE_AD_AGGREGATOR_ID,
	    SHOW, 0, 0, NULL, 0),
	CUSTOM("ad_actor_oper_port_state", "ad_actor_oper_port_state",
	       IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE, SHOW, 0, NULL, print_lacp_state),
	CUSTOM("ad_partner_oper_port_state", "ad_partner_oper_port_state",
	       IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE, SHOW, 0, NULL, print_lacp_state),
	OPT_END,
};

USAGE(kind_bond_slave,
	"Usage: ... %s [ queue_id ID ] [ prio PRIORITY ]\n");

const struct link_kind kind_bond_slave = {
	.name = "bond_slave", .maxattr = IFLA_BOND_SLAVE_MAX, .opts = bond_slave_opts,
	.unknown = "option", .prints = true,
	.usage = "kind_bond_slave",
};
