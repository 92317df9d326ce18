/* ip link xstats (a kind's extended statistics) and ip link afstats (the
 * per-family statistics): RTM_GETSTATS dumps, filtered by the kernel to
 * one nest, printed as iproute2 6.1 prints them.  Bridges and their
 * ports are what this kernel answers for xstats; afstats is MPLS's,
 * which it lacks. */
#include "link.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_bonding.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "../args/walk.h"
#include "words.h"

/* What the words of `xstats type KIND ARGS` select. */
struct xstats_args {
	const char *kind;	/* as iproute2 names it in its usage */
	uint16_t nest;		/* IFLA_STATS_LINK_XSTATS[_SLAVE] */
	uint16_t xtype;		/* LINK_XSTATS_TYPE_* of the kind asked for */
	uint16_t only;		/* BRIDGE_XSTATS_MCAST or _STP, or 0: both */
	int ifindex;		/* dev DEVICE, or 0 */
	bool help;		/* the kind's xstats usage instead */
	struct printer *p;
	struct ifcache names;
};

/* One line of versions, "RX: v1 N v2 N v3 N": keys rx_v1, ... */
static void mcast_dir(struct printer *p, const char *dir, const __u64 (*const v[])[BR_MCAST_DIR_SIZE],
		      int n, int d)
{
	char key[8], fmt[24];

	print_text(p, "%-16s      %s:", "", dir);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%c%c_v%d", dir[0] | 0x20, dir[1] | 0x20, i + 1);
		snprintf(fmt, sizeof(fmt), " v%d %%" PRIu64 "%s", i + 1, i == n - 1 ? "\n" : "");
		print_u64(p, PRINT_ANY, key, fmt, (uint64_t)(*v[i])[d]);
	}
}

static void mcast_versions(struct printer *p, const char *key, const char *title,
			   const __u64 (*const v[])[BR_MCAST_DIR_SIZE], int n)
{
	print_open_object(p, key);
	print_text(p, "%-16s    %s:\n", "", title);
	mcast_dir(p, "RX", v, n, BR_MCAST_DIR_RX);
	mcast_dir(p, "TX", v, n, BR_MCAST_DIR_TX);
	print_close_object(p);
}

static void mcast_rx_tx(struct printer *p, const char *key, const char *title,
			const __u64 v[BR_MCAST_DIR_SIZE])
{
	print_open_object(p, key);
	print_text(p, "%-16s    %s: ", "", title);
	print_u64(p, PRINT_ANY, "rx", "RX: %" PRIu64 " ", v[BR_MCAST_DIR_RX]);
	print_u64(p, PRINT_ANY, "tx", "TX: %" PRIu64 "\n", v[BR_MCAST_DIR_TX]);
	print_close_object(p);
}

static void mcast_errors(struct printer *p, const char *key, const char *title, __u64 v)
{
	print_text(p, "%-16s    %s: ", "", title);
	print_u64(p, PRINT_ANY, key, "%" PRIu64 "\n", v);
}

static void print_mcast(struct printer *p, const struct br_mcast_stats *m)
{
	const __u64 (*const igmp_q[])[BR_MCAST_DIR_SIZE] = {
		&m->igmp_v1queries, &m->igmp_v2queries, &m->igmp_v3queries };
	const __u64 (*const igmp_r[])[BR_MCAST_DIR_SIZE] = {
		&m->igmp_v1reports, &m->igmp_v2reports, &m->igmp_v3reports };
	const __u64 (*const mld_q[])[BR_MCAST_DIR_SIZE] = { &m->mld_v1queries, &m->mld_v2queries };
	const __u64 (*const mld_r[])[BR_MCAST_DIR_SIZE] = { &m->mld_v1reports, &m->mld_v2reports };

	print_open_object(p, "multicast");
	mcast_versions(p, "igmp_queries", "IGMP queries", igmp_q, 3);
	mcast_versions(p, "igmp_reports", "IGMP reports", igmp_r, 3);
	mcast_rx_tx(p, "igmp_leaves", "IGMP leaves", m->igmp_leaves);
	mcast_errors(p, "igmp_parse_errors", "IGMP parse errors", m->igmp_parse_errors);
	mcast_versions(p, "mld_queries", "MLD queries", mld_q, 2);
	mcast_versions(p, "mld_reports", "MLD reports", mld_r, 2);
	mcast_rx_tx(p, "mld_leaves", "MLD leaves", m->mld_leaves);
	mcast_errors(p, "mld_parse_errors", "MLD parse errors", m->mld_parse_errors);
	print_close_object(p);
}

static void print_stp(struct printer *p, const struct bridge_stp_xstats *s)
{
	print_open_object(p, "stp");
	print_text(p, "%-16s    STP BPDU:  ", "");
	print_u64(p, PRINT_ANY, "rx_bpdu", "RX: %" PRIu64 " ", s->rx_bpdu);
	print_u64(p, PRINT_ANY, "tx_bpdu", "TX: %" PRIu64 "\n", s->tx_bpdu);
	print_text(p, "%-16s    STP TCN:   ", "");
	print_u64(p, PRINT_ANY, "rx_tcn", "RX: %" PRIu64 " ", s->rx_tcn);
	print_u64(p, PRINT_ANY, "tx_tcn", "TX: %" PRIu64 "\n", s->tx_tcn);
	print_text(p, "%-16s    STP Transitions: ", "");
	print_u64(p, PRINT_ANY, "transition_blk", "Blocked: %" PRIu64 " ", s->transition_blk);
	print_u64(p, PRINT_ANY, "transition_fwd", "Forwarding: %" PRIu64 "\n", s->transition_fwd);
	print_close_object(p);
}

/* LINK_XSTATS_TYPE_BRIDGE of one link: its name, then each block the
 * words let through, in the kernel's order; short blocks are skipped */
static void print_bridge_xstats(struct xstats_args *x, int ifindex, const struct nlattr *xstats)
{
	const struct nlattr *br = NULL, *a;

	mnl_attr_for_each_nested(a, xstats)
		if (mnl_attr_get_type(a) == LINK_XSTATS_TYPE_BRIDGE)
			br = a;
	if (!br)
		return;
	print_open_object(x->p, NULL);
	char buf[IF_NAMESIZE];

	print_string(x->p, PRINT_ANY, "ifname", "%-16s\n", ifcache_name(&x->names, ifindex, buf));
	mnl_attr_for_each_nested(a, br) {
		uint16_t type = mnl_attr_get_type(a);
		size_t len = mnl_attr_get_payload_len(a);

		if (x->only && type != x->only)
			continue;
		/* copied out: the kernel aligns these u64s to its own buffer,
		 * and a payload may sit at 4 mod 8 in ours (UBSan saw one) */
		if (type == BRIDGE_XSTATS_MCAST && len >= sizeof(struct br_mcast_stats)) {
			struct br_mcast_stats m;

			memcpy(&m, mnl_attr_get_payload(a), sizeof(m));
			print_mcast(x->p, &m);
		} else if (type == BRIDGE_XSTATS_STP && len >= sizeof(struct bridge_stp_xstats)) {
			struct bridge_stp_xstats st;

			memcpy(&st, mnl_attr_get_payload(a), sizeof(st));
			print_stp(x->p, &st);
		}
	}
	print_close_object(x->p);
}

/* The nest `type` of one RTM_NEWSTATS message, if its link is the one
 * asked for (ifindex 0: any); *link is the message's link. */
static const struct nlattr *stats_nest(const struct nlmsghdr *nlh, int ifindex, uint16_t type,
				       int *link)
{
	const struct if_stats_msg *ifsm;
	const struct nlattr *a;

	if (nlh->nlmsg_type != RTM_NEWSTATS || nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifsm)))
		return NULL;
	ifsm = mnl_nlmsg_get_payload(nlh);
	*link = (int)ifsm->ifindex;
	if (ifindex && *link != ifindex)
		return NULL;
	mnl_attr_for_each(a, nlh, sizeof(*ifsm))
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

static int xstats_one(const struct nlmsghdr *nlh, void *data)
{
	struct xstats_args *x = data;
	int link;
	const struct nlattr *a = stats_nest(nlh, x->ifindex, x->nest, &link);

	/* the kernel dumps every link's xstats: a bridge's are not bond's */
	if (a && x->xtype == LINK_XSTATS_TYPE_BRIDGE)
		print_bridge_xstats(x, link, a);
	return NL_CB_OK;
}

/* One RTM_GETSTATS dump of the nests in filter (a bit per IFLA_STATS_*) */
static int stats_dump(struct ipbox *ib, uint32_t filter, nl_cb cb, void *data)
{
	struct nl *nl = rt_socket(ib);
	struct if_stats_msg *ifsm;
	struct nlreq req;
	int ret;

	if (!nl)
		return EXIT_FAIL;
	ifsm = nlreq_init(&req, RTM_GETSTATS, 0, sizeof(*ifsm));
	ifsm->family = AF_UNSPEC;
	ifsm->filter_mask = filter;
	print_doc_begin(ib->pr);
	ret = nl_dump(nl, &req, cb, data);
	print_doc_end(ib->pr);
	if (ret < 0) {
		nl_perror(nl);
		fprintf(stderr, "Dump terminated\n");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* A word of a kind's xstats: the block it selects. */
struct xstats_word {
	const char *word;
	uint16_t only;
};

static const struct xstats_word bridge_words[] = {
	{ "igmp", BRIDGE_XSTATS_MCAST }, { "mcast", BRIDGE_XSTATS_MCAST },
	{ "stp", BRIDGE_XSTATS_STP }, { NULL, 0 },
};

/* bond's blocks are never printed: this kernel has no bonding (and
 * iproute2 6.1 crashes on its dump) */
static const struct xstats_word bond_words[] = {
	{ "lacp", BOND_XSTATS_3AD }, { "802.3ad", BOND_XSTATS_3AD }, { NULL, 0 },
};

/* The kinds with xstats in iproute2 6.1, their words and usage. */
static const struct xstats_kind {
	const char *kind;
	const struct xstats_word *words;
	uint16_t xtype;		/* the nest its links fill */
	const char *usage;	/* its one %s is the kind */
} xstats_kinds[] = {
	{ "bridge", bridge_words, LINK_XSTATS_TYPE_BRIDGE, "Usage: ... %s [ igmp ] [ dev DEVICE ]\n" },
	{ "bridge_slave", bridge_words, LINK_XSTATS_TYPE_BRIDGE,
	  "Usage: ... %s [ igmp ] [ dev DEVICE ]\n" },
	{ "bond", bond_words, LINK_XSTATS_TYPE_BOND, "Usage: ... %s [ 802.3ad ] [ dev DEVICE ]\n" },
	{ "bond_slave", bond_words, LINK_XSTATS_TYPE_BOND,
	  "Usage: ... %s [ 802.3ad ] [ dev DEVICE ]\n" },
};

/* The words after the kind: a block, dev DEVICE, help */
static int xstats_words(struct xstats_args *x, const struct xstats_word *words,
			struct arg_walk *w)
{
	for (; w->argc > 0; w->argc--, w->argv++) {
		const char *v = *w->argv;
		const struct xstats_word *k = words;

		while (k->word && strcmp(v, k->word))
			k++;
		if (k->word) {
			x->only = k->only;
		} else if (!strcmp(v, "dev")) {
			WALK_NEXT(w, v);
			x->ifindex = ifname_to_index(v);
			if (!x->ifindex)
				return arg_nodev(v);
		} else if (!strcmp(v, "help")) {
			x->help = true;
			return 0;
		} else {
			return arg_invalid("unknown attribute", v);
		}
	}
	return 0;
}

static int xstats_usage(struct printer *p)
{
	print_text(p, "Usage: ... xstats type TYPE [ ARGS ]\n");
	return EXIT_OK;
}

static const struct xstats_kind *xstats_kind(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(xstats_kinds); i++)
		if (!strcmp(kind, xstats_kinds[i].kind))
			return &xstats_kinds[i];
	return NULL;
}

int link_xstats(struct ipbox *ib, int argc, char **argv)
{
	struct xstats_args x = { .p = ib->pr };
	struct arg_walk w = { argc, argv };
	const struct xstats_kind *k;
	int ret;

	if (argc < 1) {
		fprintf(stderr, "xstats: missing argument\n");
		return EXIT_FAIL;
	}
	if (matches(argv[0], "help"))
		return xstats_usage(ib->pr);
	if (!matches(argv[0], "type"))
		return arg_invalid("unknown argument", argv[0]);
	WALK_NEXT(&w, x.kind);
	if (!link_kind_known(x.kind))
		return arg_invalid("invalid type", x.kind);
	k = xstats_kind(x.kind);
	if (!k) {
		fprintf(stderr, "xstats: link type %s doesn't support xstats\n", x.kind);
		return EXIT_FAIL;
	}
	w.argc--, w.argv++;
	x.xtype = k->xtype;
	ret = xstats_words(&x, k->words, &w);
	if (ret)
		return ret;
	if (x.help) {
		print_text(x.p, k->usage, x.kind);
		return EXIT_OK;
	}
	x.nest = strstr(x.kind, "_slave") ? IFLA_STATS_LINK_XSTATS_SLAVE : IFLA_STATS_LINK_XSTATS;
	ret = stats_dump(ib, IFLA_STATS_FILTER_BIT(x.nest), xstats_one, &x);
	ifcache_close(&x.names);
	return ret;
}

/* ---- afstats ---------------------------------------------------------- */

struct afstats_args {
	struct printer *p;
	int ifindex;
	int family;		/* -f, or AF_UNSPEC */
	struct ifcache names;
};

/* IFLA_STATS_AF_SPEC of one link: a block per family.  Only MPLS fills
 * one, and this kernel has no MPLS: any family is iproute2's unknown. */
static void print_af_spec(struct afstats_args *s, int ifindex, const struct nlattr *spec)
{
	const struct nlattr *a;
	char buf[IF_NAMESIZE];
	bool named = false;

	mnl_attr_for_each_nested(a, spec) {
		if (s->family != AF_UNSPEC && mnl_attr_get_type(a) != s->family)
			continue;
		if (!named) {
			print_uint(s->p, PRINT_ANY, "ifindex", "%u:", (unsigned int)ifindex);
			print_color_string(s->p, PRINT_ANY, COLOR_IFNAME, "ifname", "%s",
					   ifcache_name(&s->names, ifindex, buf));
			print_nl(s->p);
			named = true;
		}
		fprintf(stderr, "    unknown af(%d)\n", mnl_attr_get_type(a));
	}
}

static int afstats_one(const struct nlmsghdr *nlh, void *data)
{
	struct afstats_args *s = data;
	int link;
	const struct nlattr *a = stats_nest(nlh, s->ifindex, IFLA_STATS_AF_SPEC, &link);

	if (a)
		print_af_spec(s, link, a);
	return NL_CB_OK;
}

/* afstats [ dev DEVICE ]: help is the whole link usage, as iproute2 */
int link_afstats(struct ipbox *ib, int argc, char **argv, int (*usage)(void))
{
	struct afstats_args s = { .p = ib->pr, .family = ib->family };
	struct arg_walk w = { argc, argv };
	const char *dev = NULL, *v;

	for (; w.argc > 0; w.argc--, w.argv++) {
		v = *w.argv;
		if (!strcmp(v, "dev")) {
			WALK_NEXT(&w, v);
			if (dev)
				return arg_garbage("dev", v);
			dev = v;
		} else if (matches(v, "help")) {
			return usage();
		} else {
			fprintf(stderr, "Command \"%s\" is unknown, try \"ip link help\".\n", v);
			return EXIT_USAGE;
		}
	}
	/* iproute2 6.1 exits 0 whatever afstats met (do_iplink drops it) */
	if (dev && (s.ifindex = ifname_to_index(dev)) <= 0) {
		fprintf(stderr, "Device \"%s\" does not exist.\n", dev);
		return EXIT_OK;
	}
	stats_dump(ib, IFLA_STATS_FILTER_BIT(IFLA_STATS_AF_SPEC), afstats_one, &s);
	ifcache_close(&s.names);
	return EXIT_OK;
}
