/* GENEVE: `type geneve ARGS` and its -d data.  As iproute2, most values
 * go in after the words, with their defaults on a creation. */
#include "kind.h"
#include "../usage.h"

#include <stdio.h>
#include <string.h>

_Static_assert(IFLA_GENEVE_MAX <= KIND_MAXATTR, "a geneve attribute has a bit in struct kind_parse");

/* ttl TTL|auto|inherit: inherit goes in at once, the TTL (0 for both
 * words) later. */
static int parse_ttl(struct kind_parse *kp, const struct kind_opt *o, struct arg_walk *w)
{
	const char *arg = *w->argv;
	uint64_t v = 0;

	if (!strcmp(arg, "inherit")) {
		nlreq_put_u8(kp->r, IFLA_GENEVE_TTL_INHERIT, 1);
	} else if (strcmp(arg, "auto") != 0) {
		if (kind_parse_unsigned(arg, UINT32_MAX, &v) < 0)
			return arg_invalid("invalid TTL", arg);
		if (v > 255)
			return arg_invalid("TTL must be <= 255", arg);
	}
	kp->val[o->attr] = v;
	return 0;
}

#define YES_NO_LATER(word, key, attr, show, abbrev, noabbrev) \
	OPT(word, key, OPT_YES_NO, attr, BOTH | LATER, show, 0, NULL, abbrev), \
	OPT("no" word, NULL, OPT_NO, attr, SET | LATER, 1, 0, NULL, noabbrev)

/* In iproute2's print order; abbrev from its parse order. */
static const struct kind_opt geneve_opts[] = {
	OPT("external", "external", OPT_FLAG, IFLA_GENEVE_COLLECT_METADATA, SHOW, 0, 0, NULL, 0),
	OPT("external", NULL, OPT_YES_NO, IFLA_GENEVE_COLLECT_METADATA, SET | LATER, 0, 0,
	    NULL, 1),
	OPT("noexternal", NULL, OPT_NO, IFLA_GENEVE_COLLECT_METADATA, SET | LATER, 1, 0, NULL, 1),
	OPT("id", "id", OPT_VNI, IFLA_GENEVE_ID, BOTH | LATER, 0, 0, "invalid id", 1),
	OPT("vni", NULL, OPT_VNI, IFLA_GENEVE_ID, SET | LATER, 0, 0, "invalid id", 1),
	OPT("remote", "remote", OPT_ADDR, IFLA_GENEVE_REMOTE, BOTH | LATER, ADDR_REMOTE,
	    IFLA_GENEVE_REMOTE6, "invalid remote address", 1),
	{ .word = "ttl", .type = OPT_CUSTOM, .attr = IFLA_GENEVE_TTL, .use = SET | VALUE,
	  .abbrev = 1, .x = KIND_EXT(.parse = parse_ttl) },
	{ .word = "hoplimit", .type = OPT_CUSTOM, .attr = IFLA_GENEVE_TTL, .use = SET | VALUE,
	  .abbrev = 1, .x = KIND_EXT(.parse = parse_ttl) },
	OPT("ttl", "ttl", OPT_TTL, IFLA_GENEVE_TTL, SHOW, 0, IFLA_GENEVE_TTL_INHERIT, NULL, 0),
	OPT("tos", "tos", OPT_TOS, IFLA_GENEVE_TOS, BOTH | LATER, 0, 0, "bad TOS value", 2),
	OPT("dsfield", NULL, OPT_TOS, IFLA_GENEVE_TOS, SET | LATER, 0, 0, "bad TOS value", 1),
	OPT("df", "df", OPT_DF, IFLA_GENEVE_DF, BOTH, 0, 0,
	    "DF must be 'unset', 'set' or 'inherit'", 2),
	OPT("flowlabel", "label", OPT_LABEL, IFLA_GENEVE_LABEL, BOTH | LATER, 0, 0,
	    "invalid flowlabel", 1),
	OPT("label", NULL, OPT_LABEL, IFLA_GENEVE_LABEL, SET | LATER, 0, 0, "invalid flowlabel", 1),
	OPT("dstport", "port", OPT_PORT, IFLA_GENEVE_PORT, BOTH | LATER, 0, 0, "dstport", 3),
	YES_NO_LATER("udpcsum", "udp_csum", IFLA_GENEVE_UDP_CSUM, SHOW_ALWAYS, 1, 3),
	YES_NO_LATER("udp6zerocsumtx", "udp_zero_csum6_tx", IFLA_GENEVE_UDP_ZERO_CSUM6_TX,
		     SHOW_ALWAYS, 4, 6),
	YES_NO_LATER("udp6zerocsumrx", "udp_zero_csum6_rx", IFLA_GENEVE_UDP_ZERO_CSUM6_RX,
		     SHOW_ALWAYS, 13, 15),
	OPT("innerprotoinherit", "inner_proto_inherit", OPT_FLAG, IFLA_GENEVE_INNER_PROTO_INHERIT,
	    BOTH | LATER, 0, 0, NULL, 0),
	OPT_END,
};

/* iproute2's checks, then the values in its order: on a creation the
 * id, label, ttl and tos go in even when not given. */
static int geneve_finish(struct kind_parse *kp)
{
	static const uint16_t csums[] = {
		IFLA_GENEVE_UDP_CSUM, IFLA_GENEVE_UDP_ZERO_CSUM6_TX, IFLA_GENEVE_UDP_ZERO_CSUM6_RX,
	};
	bool external = kp->on & BIT(IFLA_GENEVE_COLLECT_METADATA);
	bool id = kp->seen & BIT(IFLA_GENEVE_ID);

	if (external && id) {
		fprintf(stderr, "geneve: both 'external' and vni cannot be specified\n");
		return EXIT_FAIL;
	}
	if (!external && !id) {
		fprintf(stderr, "geneve: missing virtual network identifier\n");
		return EXIT_FAIL;
	}
	if (!external && !kp->set_op && !kp->addr_family[1]) {
		fprintf(stderr, "geneve: remote link partner not specified\n");
		return EXIT_FAIL;
	}
	kind_put_later(kp, IFLA_GENEVE_ID);
	if (kp->addr_family[1] == AF_INET)
		nlreq_put(kp->r, IFLA_GENEVE_REMOTE, 4, kp->addr[1]);
	else if (kp->addr_family[1] == AF_INET6)
		nlreq_put(kp->r, IFLA_GENEVE_REMOTE6, 16, kp->addr[1]);
	if (!kp->set_op || (kp->seen & BIT(IFLA_GENEVE_LABEL)))
		kind_put_later(kp, IFLA_GENEVE_LABEL);
	if (!kp->set_op || (kp->seen & BIT(IFLA_GENEVE_TTL)))
		nlreq_put_u8(kp->r, IFLA_GENEVE_TTL, (uint8_t)kp->val[IFLA_GENEVE_TTL]);
	if (!kp->set_op || (kp->seen & BIT(IFLA_GENEVE_TOS)))
		kind_put_later(kp, IFLA_GENEVE_TOS);
	if (kp->val[IFLA_GENEVE_PORT])
		kind_put_later(kp, IFLA_GENEVE_PORT);
	if (external)
		nlreq_put(kp->r, IFLA_GENEVE_COLLECT_METADATA, 0, NULL);
	if (kp->seen & BIT(IFLA_GENEVE_INNER_PROTO_INHERIT))
		nlreq_put(kp->r, IFLA_GENEVE_INNER_PROTO_INHERIT, 0, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(csums); i++)
		if (kp->seen & BIT(csums[i]))
			nlreq_put_u8(kp->r, csums[i], !!(kp->on & BIT(csums[i])));
	return 0;
}

USAGE(kind_geneve,
	"Usage: ... %s id VNI\n"
	"\t\tremote ADDR\n"
	"\t\t[ ttl TTL ]\n"
	"\t\t[ tos TOS ]\n"
	"\t\t[ df DF ]\n"
	"\t\t[ flowlabel LABEL ]\n"
	"\t\t[ dstport PORT ]\n"
	"\t\t[ [no]external ]\n"
	"\t\t[ [no]udpcsum ]\n"
	"\t\t[ [no]udp6zerocsumtx ]\n"
	"\t\t[ [no]udp6zerocsumrx ]\n"
	"\t\t[ innerprotoinherit ]\n"
	"\n"
	"Where:\tVNI   := 0-16777215\n"
	"\tADDR  := IP_ADDRESS\n"
	"\tTOS   := { NUMBER | inherit }\n"
	"\tTTL   := { 1..255 | auto | inherit }\n"
	"\tDF    := { unset | set | inherit }\n"
	"\tLABEL := 0-1048575\n");

const struct link_kind kind_geneve = {
	.name = "geneve", .maxattr = IFLA_GENEVE_MAX, .opts = geneve_opts, .unknown = "command",
	.once = true, .prints = true, .finish = geneve_finish,
	.usage = "kind_geneve",
};
