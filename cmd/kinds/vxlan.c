/* VXLAN: `type vxlan ARGS` and its -d data. */
#include "kind.h"
#include "../usage.h"

#include <stdio.h>
#include <arpa/inet.h>

_Static_assert(IFLA_VXLAN_MAX <= KIND_MAXATTR, "a vxlan attribute has a bit in struct kind_parse");

/* [no]WORD: the word sets the attribute to 1 (and shows it), noWORD to 0. */
#define YES_NO(word, key, attr, show, abbrev, noabbrev) \
	OPT(word, key, OPT_YES_NO, attr, BOTH, show, 0, NULL, abbrev), \
	OPT("no" word, NULL, OPT_NO, attr, SET, 1, 0, NULL, noabbrev)

static const struct kind_opt vxlan_opts[] = {
	/* external also turns learning off */
	OPT("external", "external", OPT_YES_NO, IFLA_VXLAN_COLLECT_METADATA, BOTH, SHOW_YES,
	  IFLA_VXLAN_LEARNING, NULL, 1),
	OPT("noexternal", NULL, OPT_NO, IFLA_VXLAN_COLLECT_METADATA, SET, 1, 0, NULL, 3),
	YES_NO("vnifilter", "vnifilter", IFLA_VXLAN_VNIFILTER, SHOW_YES_GLUED, 0, 0),
	OPT("id", "id", OPT_VNI, IFLA_VXLAN_ID, BOTH, 0, 0, "invalid id", 1),
	OPT("vni", "id", OPT_VNI, IFLA_VXLAN_ID, SET, 0, 0, "invalid id", 1),
	OPT("group", "group", OPT_ADDR,
	  IFLA_VXLAN_GROUP, BOTH, ADDR_GROUP, IFLA_VXLAN_GROUP6, "invalid group address", 1),
	OPT("remote", "remote", OPT_ADDR,
	  IFLA_VXLAN_GROUP, BOTH, ADDR_REMOTE, IFLA_VXLAN_GROUP6, "invalid remote address", 1),
	OPT("local", "local", OPT_ADDR,
	  IFLA_VXLAN_LOCAL, BOTH, ADDR_LOCAL, IFLA_VXLAN_LOCAL6, "invalid local address", 1),
	OPT("dev", "link", OPT_DEV, IFLA_VXLAN_LINK, BOTH, 0, 0, NULL, 1),
	OPT("srcport", "port_range", OPT_PORT_RANGE, IFLA_VXLAN_PORT_RANGE, BOTH, 0, 0, NULL, 1),
	OPT("port", NULL, OPT_PORT_RANGE, IFLA_VXLAN_PORT_RANGE, SET, 0, 0, NULL, 1),
	/* dstport and [no]learning go in last (vxlan_check) */
	OPT("dstport", "port", OPT_PORT, IFLA_VXLAN_PORT, BOTH | LATER, 0, 0, "dst port", 3),
	OPT("learning", "learning", OPT_YES_NO, IFLA_VXLAN_LEARNING, BOTH | LATER, SHOW_NO, 0,
	    NULL, 2),
	OPT("nolearning", NULL, OPT_NO, IFLA_VXLAN_LEARNING, SET | LATER, 1, 0, NULL, 1),
	YES_NO("proxy", "proxy", IFLA_VXLAN_PROXY, SHOW_YES, 2, 3),
	YES_NO("rsc", "rsc", IFLA_VXLAN_RSC, SHOW_YES, 2, 3),
	YES_NO("l2miss", "l2miss", IFLA_VXLAN_L2MISS, SHOW_YES, 2, 4),
	YES_NO("l3miss", "l3miss", IFLA_VXLAN_L3MISS, SHOW_YES, 2, 4),
	OPT("tos", "tos", OPT_TOS, IFLA_VXLAN_TOS, BOTH, 0, 0, "bad TOS value", 2),
	OPT("dsfield", NULL, OPT_TOS, IFLA_VXLAN_TOS, SET, 0, 0, "bad TOS value", 2),
	OPT("ttl", "ttl", OPT_TTL, IFLA_VXLAN_TTL, BOTH, 0, IFLA_VXLAN_TTL_INHERIT, NULL, 1),
	OPT("hoplimit", NULL, OPT_TTL, IFLA_VXLAN_TTL, SET, 0, IFLA_VXLAN_TTL_INHERIT, NULL, 1),
	OPT("df", "df", OPT_DF, IFLA_VXLAN_DF, BOTH, 0, 0,
	  "DF must be 'unset', 'set' or 'inherit'", 2),
	OPT("flowlabel", "label", OPT_LABEL, IFLA_VXLAN_LABEL, BOTH, 0, 0, "invalid flowlabel", 1),
	OPT("label", NULL, OPT_LABEL, IFLA_VXLAN_LABEL, SET, 0, 0, "invalid flowlabel", 2),
	OPT("ageing", "ageing", OPT_AGEING, IFLA_VXLAN_AGEING, BOTH, 0, 0, "ageing timer", 1),
	OPT("maxaddress", NULL, OPT_LIMIT, IFLA_VXLAN_LIMIT, SET, 0, 0, "max addresses", 1),
	OPT("maxaddr", "limit", OPT_LIMIT, IFLA_VXLAN_LIMIT, SHOW, 0, 0, NULL, 0),
	YES_NO("udpcsum", "udp_csum", IFLA_VXLAN_UDP_CSUM, SHOW_ALWAYS, 1, 3),
	YES_NO("udp6zerocsumtx", "udp_zero_csum6_tx", IFLA_VXLAN_UDP_ZERO_CSUM6_TX,
	       SHOW_ALWAYS, 4, 6),
	YES_NO("udp6zerocsumrx", "udp_zero_csum6_rx", IFLA_VXLAN_UDP_ZERO_CSUM6_RX,
	       SHOW_ALWAYS, 13, 15),
	YES_NO("remcsumtx", "remcsum_tx", IFLA_VXLAN_REMCSUM_TX, SHOW_YES, 4, 4),
	YES_NO("remcsumrx", "remcsum_rx", IFLA_VXLAN_REMCSUM_RX, SHOW_YES, 8, 10),
	OPT("gbp", "gbp", OPT_FLAG, IFLA_VXLAN_GBP, BOTH, 0, 0, NULL, 2),
	OPT("gpe", "gpe", OPT_FLAG, IFLA_VXLAN_GPE, BOTH, 0, 0, NULL, 2),
	OPT_END,
};

USAGE(kind_vxlan,
	"Usage: ... %s id VNI\n"
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
	"\tLABEL := 0-1048575\n");

/* iproute2's checks after the words, in its order. */
static int vxlan_check(struct kind_parse *kp)
{
	bool external = kp->on & BIT(IFLA_VXLAN_COLLECT_METADATA);
	bool id = kp->seen & BIT(IFLA_VXLAN_ID), port = kp->seen & BIT(IFLA_VXLAN_PORT);

	if (external && id) {
		fprintf(stderr, "vxlan: both 'external' and vni cannot be specified\n");
		return EXIT_FAIL;
	}
	if ((kp->on & BIT(IFLA_VXLAN_VNIFILTER)) && !external) {
		fprintf(stderr, "vxlan: vnifilter is valid only when 'external' is set\n");
		return EXIT_FAIL;
	}
	if (!external && !id && !kp->set_op) {
		fprintf(stderr, "vxlan: missing virtual network identifier\n");
		return EXIT_FAIL;
	}
	if (kp->group && !(kp->seen & BIT(IFLA_VXLAN_LINK))) {
		fprintf(stderr, "vxlan: 'group' requires 'dev' to be specified\n");
		return EXIT_FAIL;
	}
	/* with -4 or -6 and no address, the family goes as a zero address */
	if (!(kp->seen & (BIT(IFLA_VXLAN_LOCAL) | BIT(IFLA_VXLAN_GROUP))) &&
	    (kp->family == AF_INET || kp->family == AF_INET6)) {
		static const uint8_t any[16];
		bool v4 = kp->family == AF_INET;

		nlreq_put(kp->r, v4 ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, v4 ? 4 : 16, any);
	}
	/* learning is on unless a word (or external) turned it off */
	if (!kp->set_op || (kp->seen & BIT(IFLA_VXLAN_LEARNING)))
		nlreq_put_u8(kp->r, IFLA_VXLAN_LEARNING,
			     !(kp->seen & BIT(IFLA_VXLAN_LEARNING)) && !external ? 1 :
			     !!(kp->on & BIT(IFLA_VXLAN_LEARNING)));
	/* gpe has its own IANA port, which iproute2 fills in; 0 is left out */
	if (!port && (kp->seen & BIT(IFLA_VXLAN_GPE)))
		kp->val[IFLA_VXLAN_PORT] = 4790;
	else if (!port && !kp->set_op)
		fprintf(stderr, "vxlan: destination port not specified\n"
			"Will use Linux kernel default (non-standard value)\n"
			"Use 'dstport 4789' to get the IANA assigned value\n"
			"Use 'dstport 0' to get default and quiet this message\n");
	if (kp->val[IFLA_VXLAN_PORT])
		kind_put_later(kp, IFLA_VXLAN_PORT);
	return 0;
}

const struct link_kind kind_vxlan = {
	.name = "vxlan", .maxattr = IFLA_VXLAN_MAX, .opts = vxlan_opts, .usage = "kind_vxlan",
	.unknown = "command", .once = true, .prints = true, .finish = vxlan_check,
};
