/* Bare UDP tunnels: `type bareudp dstport PORT ethertype PROTO ...` and
 * their -d data.  The values go in after the words, as iproute2 does. */
#include "kind.h"
#include "../usage.h"

#include <stdio.h>

_Static_assert(IFLA_BAREUDP_MAX <= KIND_MAXATTR, "a bareudp attribute has a bit in struct kind_parse");

/* Shown either way: nomultiproto when the flag is missing. */
static void print_multiproto(struct kind_print *kp, const struct kind_opt *o,
			     const struct nlattr **tb)
{
	bool on = tb[o->attr] != NULL;

	print_bool(kp->p, PRINT_ANY, o->key, on ? "multiproto " : "nomultiproto ", on);
}

static const struct kind_opt bareudp_opts[] = {
	OPT("dstport", "dstport", OPT_PORT, IFLA_BAREUDP_PORT, BOTH | LATER, 0, 0, "dstport", 1),
	OPT("ethertype", "ethertype", OPT_ETHERTYPE, IFLA_BAREUDP_ETHERTYPE, BOTH | LATER, 0, 0,
	    "ethertype", 1),
	OPT("srcportmin", "srcportmin", OPT_U16, IFLA_BAREUDP_SRCPORT_MIN, BOTH | LATER, 0, 0,
	    "srcportmin", 1),
	OPT("multiproto", NULL, OPT_FLAG, IFLA_BAREUDP_MULTIPROTO_MODE, SET | LATER, 0, 0, NULL, 1),
	OPT("nomultiproto", NULL, OPT_NO, IFLA_BAREUDP_MULTIPROTO_MODE, SET | LATER, 0, 0, NULL, 1),
	{ .word = "multiproto", .key = "multiproto", .type = OPT_CUSTOM,
	  .attr = IFLA_BAREUDP_MULTIPROTO_MODE, .use = SHOW, .x = KIND_EXT(.print = print_multiproto) },
	OPT_END,
};

static int missing(const char *word)
{
	fprintf(stderr, "Error: argument \"%s\" is required\n", word);
	return EXIT_USAGE;
}

static int bareudp_finish(struct kind_parse *kp)
{
	if (!(kp->seen & BIT(IFLA_BAREUDP_PORT)))
		return missing("dstport");
	if (!(kp->seen & BIT(IFLA_BAREUDP_ETHERTYPE)))
		return missing("ethertype");
	kind_put_later(kp, IFLA_BAREUDP_PORT);
	kind_put_later(kp, IFLA_BAREUDP_ETHERTYPE);
	if (kp->seen & BIT(IFLA_BAREUDP_SRCPORT_MIN))
		kind_put_later(kp, IFLA_BAREUDP_SRCPORT_MIN);
	if (kp->on & BIT(IFLA_BAREUDP_MULTIPROTO_MODE))
		nlreq_put(kp->r, IFLA_BAREUDP_MULTIPROTO_MODE, 0, NULL);
	return 0;
}

USAGE(kind_bareudp,
	"Usage: ... %s dstport PORT\n"
	"\t\tethertype PROTO\n"
	"\t\t[ srcportmin PORT ]\n"
	"\t\t[ [no]multiproto ]\n"
	"\n"
	"Where:\tPORT  := UDP_PORT\n"
	"\tPROTO := ETHERTYPE\n"
	"\n"
	"Note: ETHERTYPE can be given as number or as protocol name (\"ipv4\", \"ipv6\",\n"
	"      \"mpls_uc\", etc.).\n");

const struct link_kind kind_bareudp = {
	.name = "bareudp", .maxattr = IFLA_BAREUDP_MAX, .opts = bareudp_opts,
	.unknown = "command", .once = true, .prints = true, .finish = bareudp_finish,
	.usage = "kind_bareudp",
};
