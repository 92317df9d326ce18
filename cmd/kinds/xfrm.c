/* XFRM interfaces: `type xfrm [dev DEV] if_id ID | external` and their
 * -d data. */
#include "kind.h"
#include "../usage.h"

#include <stdio.h>

_Static_assert(IFLA_XFRM_MAX <= KIND_MAXATTR, "an xfrm attribute has a bit in struct kind_parse");

/* 1-0xffffffff */
static int parse_if_id(struct kind_parse *kp, const struct kind_opt *o, struct arg_walk *w)
{
	uint32_t id;

	if (arg_u32(*w->argv, &id, 0) < 0 || !id)
		return arg_invalid("if_id value is invalid", *w->argv);
	nlreq_put_u32(kp->r, o->attr, id);
	return 0;
}

static const struct kind_opt xfrm_opts[] = {
	OPT("dev", NULL, OPT_DEV, IFLA_XFRM_LINK, SET | LATER, DEV_EXIT, 0, NULL, 1),
	{ .word = "if_id", .type = OPT_CUSTOM, .attr = IFLA_XFRM_IF_ID, .use = SET | VALUE,
	  .abbrev = 1, .x = KIND_EXT(.parse = parse_if_id) },
	OPT("if_id", "if_id", OPT_HEX32, IFLA_XFRM_IF_ID, SHOW, 0, 0, NULL, 0),
	OPT("external", NULL, OPT_FLAG, IFLA_XFRM_COLLECT_METADATA, SET | LATER, 0, 0, NULL, 0),
	OPT_END,
};

/* if_id 0 is no interface id */
static int xfrm_finish(struct kind_parse *kp)
{
	bool if_id = kp->seen & BIT(IFLA_XFRM_IF_ID);

	if (kp->seen & BIT(IFLA_XFRM_COLLECT_METADATA)) {
		if (if_id || kp->val[IFLA_XFRM_LINK]) {
			fprintf(stderr, "xfrmi: both 'external' and if_id/link cannot be specified\n");
			return EXIT_FAIL;
		}
		nlreq_put(kp->r, IFLA_XFRM_COLLECT_METADATA, 0, NULL);
		return 0;
	}
	if (!if_id) {
		fprintf(stderr, "Error: argument \"IF_ID\" is required\n");
		return EXIT_USAGE;
	}
	if (kp->val[IFLA_XFRM_LINK])
		kind_put_later(kp, IFLA_XFRM_LINK);
	return 0;
}

/* external, or the interface id (iproute2 shows no dev) */
static void xfrm_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	if (tb[IFLA_XFRM_COLLECT_METADATA])
		print_bool(kp->p, PRINT_ANY, "external", "external ", true);
	else
		kind_rows_print(kp, k->opts, tb);
}

USAGE(kind_xfrm,
	"Usage: ... %-4s dev [ PHYS_DEV ] [ if_id IF-ID ]\n"
	"\t\t[ external ]\n"
	"\n"
	"Where: IF-ID := { 0x1..0xffffffff }\n");

const struct link_kind kind_xfrm = {
	.name = "xfrm", .maxattr = IFLA_XFRM_MAX, .opts = xfrm_opts, .prints = true,
	.finish = xfrm_finish, .print = xfrm_print,
	.usage = "kind_xfrm",
};
