/* 802.1Q/802.1ad VLANs: `type vlan ARGS` and their -d data. */
#include "kind.h"
#include "../usage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_vlan.h>

_Static_assert(IFLA_VLAN_MAX <= KIND_MAXATTR, "a vlan attribute has a bit in struct kind_parse");

/* QOS-MAP: FROM:TO words while they have a colon; the first that does
 * not is the next option.  A bad number is reported by the part before
 * its colon, as iproute2 (it cut the word there). */
static int parse_qos_map(struct kind_parse *kp, const struct kind_opt *o, struct arg_walk *w)
{
	struct nlattr *nest;
	char msg[64];

	if (!walk_next(w))
		return arg_incomplete();
	nest = nlreq_nest_start(kp->r, o->attr);
	snprintf(msg, sizeof(msg), "invalid %s", o->word);
	for (; w->argc > 0; w->argc--, w->argv++) {
		struct ifla_vlan_qos_mapping m;
		char *colon = strchr(*w->argv, ':');

		if (!colon)
			break;
		*colon = '\0';
		if (arg_u32(*w->argv, &m.from, 0) < 0 || arg_u32(colon + 1, &m.to, 0) < 0)
			return arg_invalid(msg, *w->argv);
		nlreq_put(kp->r, IFLA_VLAN_QOS_MAPPING, sizeof(m), &m);
	}
	nlreq_nest_end(kp->r, nest);
	/* the cursor goes back onto the last word used: the loop steps on */
	w->argc++, w->argv--;
	return 0;
}

static void print_qos_map(struct kind_print *kp, const struct kind_opt *o, const struct nlattr **tb)
{
	struct printer *p = kp->p;
	const struct nlattr *a;

	if (!tb[o->attr])
		return;
	print_open_array(p, PRINT_JSON, o->key, NULL);
	print_nl(p);
	print_string(p, PRINT_FP, NULL, "      %s { ", o->word);
	mnl_attr_for_each_nested(a, tb[o->attr]) {
		const struct ifla_vlan_qos_mapping *m = mnl_attr_get_payload(a);

		if (mnl_attr_get_payload_len(a) < sizeof(*m))
			continue;
		print_open_object(p, NULL);
		print_uint(p, PRINT_JSON, "from", NULL, m->from);
		print_uint(p, PRINT_JSON, "to", NULL, m->to);
		print_close_object(p);
		print_text(p, "%u:%u ", m->from, m->to);
	}
	print_close_array(p, PRINT_JSON, NULL);
	print_string(p, PRINT_FP, NULL, "%s ", "}");
}

/* iproute2 calls the protocol 802.1q when the kernel does not say. */
static void print_protocol(struct kind_print *kp, const struct kind_opt *o, const struct nlattr **tb)
{
	char buf[16];

	(void)o;
	print_string(kp->p, PRINT_ANY, "protocol", "protocol %s ",
		     tb[IFLA_VLAN_PROTOCOL] ?
		     kind_ethertype_name(mnl_attr_get_u16(tb[IFLA_VLAN_PROTOCOL]), buf, sizeof(buf)) :
		     "802.1q");
}

static const struct print_bit flag_names[] = {
	{ VLAN_FLAG_REORDER_HDR, "REORDER_HDR" }, { VLAN_FLAG_GVRP, "GVRP" },
	{ VLAN_FLAG_MVRP, "MVRP" }, { VLAN_FLAG_LOOSE_BINDING, "LOOSE_BINDING" },
	{ VLAN_FLAG_BRIDGE_BINDING, "BRIDGE_BINDING" },
};

/* <REORDER_HDR,GVRP>, unknown bits in hex after them. */
static void print_flags(struct kind_print *kp, const struct kind_opt *o, const struct nlattr **tb)
{
	struct printer *p = kp->p;
	const struct ifla_vlan_flags *f;
	uint32_t flags;

	if (!tb[o->attr])
		return;
	f = mnl_attr_get_payload(tb[o->attr]);
	flags = f->flags;
	print_open_array(p, PRINT_ANY, "flags", "<");
	print_bits(p, flags, flag_names, ARRAY_SIZE(flag_names));
	print_close_array(p, PRINT_ANY, "> ");
}

/* In iproute2's order of printing; the flags are set one word each (arg:
 * the bit of VLAN_FLAG_*). */
static const struct kind_opt vlan_opts[] = {
	OPT("protocol", "protocol", OPT_ETHERTYPE, IFLA_VLAN_PROTOCOL, SET, 0, 0,
	    "protocol is invalid", 1),
	{ .word = "protocol", .type = OPT_CUSTOM, .attr = IFLA_VLAN_PROTOCOL, .use = SHOW,
	  .x = KIND_EXT(.print = print_protocol) },
	OPT("id", "id", OPT_U16, IFLA_VLAN_ID, BOTH, 0, 0, "id is invalid", 1),
	OPT("reorder_hdr", NULL, OPT_BIT, IFLA_VLAN_FLAGS, SET, 0, 0, NULL, 1),
	OPT("gvrp", NULL, OPT_BIT, IFLA_VLAN_FLAGS, SET, 1, 0, NULL, 1),
	OPT("mvrp", NULL, OPT_BIT, IFLA_VLAN_FLAGS, SET, 3, 0, NULL, 1),
	OPT("loose_binding", NULL, OPT_BIT, IFLA_VLAN_FLAGS, SET, 2, 0, NULL, 1),
	OPT("bridge_binding", NULL, OPT_BIT, IFLA_VLAN_FLAGS, SET, 4, 0, NULL, 1),
	{ .word = "flags", .type = OPT_CUSTOM, .attr = IFLA_VLAN_FLAGS, .use = SHOW,
	  .x = KIND_EXT(.print = print_flags) },
	{ .word = "ingress-qos-map", .key = "ingress_qos", .type = OPT_CUSTOM,
	  .attr = IFLA_VLAN_INGRESS_QOS, .use = BOTH, .abbrev = 2,
	  .x = KIND_EXT(.parse = parse_qos_map, .print = print_qos_map) },
	{ .word = "egress-qos-map", .key = "egress_qos", .type = OPT_CUSTOM,
	  .attr = IFLA_VLAN_EGRESS_QOS, .use = BOTH, .abbrev = 1,
	  .x = KIND_EXT(.parse = parse_qos_map, .print = print_qos_map) },
	OPT_END,
};

static int vlan_finish(struct kind_parse *kp)
{
	struct ifla_vlan_flags f = { .flags = kp->flags, .mask = kp->mask };

	if (f.mask)
		nlreq_put(kp->r, IFLA_VLAN_FLAGS, sizeof(f), &f);
	return 0;
}

/* Nothing without an id; nothing after flags too short to read. */
static void vlan_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	const struct nlattr *t[KIND_MAXATTR + 1];

	if ((tb[IFLA_VLAN_PROTOCOL] && mnl_attr_get_payload_len(tb[IFLA_VLAN_PROTOCOL]) < 2) ||
	    !tb[IFLA_VLAN_ID] || mnl_attr_get_payload_len(tb[IFLA_VLAN_ID]) < 2)
		return;
	memcpy(t, tb, sizeof(t));
	if (t[IFLA_VLAN_FLAGS] &&
	    mnl_attr_get_payload_len(t[IFLA_VLAN_FLAGS]) < sizeof(struct ifla_vlan_flags)) {
		t[IFLA_VLAN_FLAGS] = NULL;
		t[IFLA_VLAN_INGRESS_QOS] = t[IFLA_VLAN_EGRESS_QOS] = NULL;
	}
	kind_rows_print(kp, k->opts, t);
}

USAGE(kind_vlan,
	"Usage: ... %s id VLANID\n"
	"\t\t[ protocol VLANPROTO ]\n"
	"\t\t[ reorder_hdr { on | off } ]\n"
	"\t\t[ gvrp { on | off } ]\n"
	"\t\t[ mvrp { on | off } ]\n"
	"\t\t[ loose_binding { on | off } ]\n"
	"\t\t[ bridge_binding { on | off } ]\n"
	"\t\t[ ingress-qos-map QOS-MAP ]\n"
	"\t\t[ egress-qos-map QOS-MAP ]\n"
	"\n"
	"VLANID := 0-4095\n"
	"VLANPROTO: [ 802.1Q | 802.1ad ]\n"
	"QOS-MAP := [ QOS-MAP ] QOS-MAPPING\n"
	"QOS-MAPPING := FROM:TO\n");

const struct link_kind kind_vlan = {
	.name = "vlan", .maxattr = IFLA_VLAN_MAX, .opts = vlan_opts, .unknown = "command",
	.prints = true, .finish = vlan_finish, .print = vlan_print,
	.usage = "kind_vlan",
};
