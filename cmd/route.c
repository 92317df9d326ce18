/* ip route: show, flush, get and change the kernel's routing tables,
 * with iproute2's words, output and errors. */
#include "route_print.h"
#include "route_save.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "../args/inet.h"
#include "../args/walk.h"
#include "../args/wordpool.h"
#include "flush.h"
#include "../names/names.h"
#include "../namespace/sysctl.h"
#include "../netlink/attr.h"
#include "../netlink/ifname.h"
#include "../netlink/vrf.h"
#include "lwt.h"
#include "rtdump.h"
#include "usage.h"
#include "words.h"

/* iproute2 builds RTA_MULTIPATH in a 4096-byte buffer of its own. */
#define MULTIPATH_BOUND 4096

/* Whether an attribute of `payload` bytes still fits `nest` (NULL: no
 * bound) as iproute2's buffer of `bound` bytes would hold it; if not,
 * iproute2's `rta_addattr_l: Error! max allowed bound N exceeded`. */
static bool route_nest_fits(const struct nlreq *req, const struct nlattr *nest, size_t payload,
			    size_t bound);

/* iproute2's usage less the words of what ipbox lacks (the encap types
 * this kernel lacks), so a script grepping it finds what it finds in
 * /bin/ip's.  `pervasive` stays: iproute2 6.1 names it but no longer
 * parses it either. */
USAGE(route,
	"Usage: ip route { list | flush } SELECTOR\n"
	"       ip route save SELECTOR\n"
	"       ip route restore\n"
	"       ip route showdump\n"
	"       ip route get [ ROUTE_GET_FLAGS ] ADDRESS\n"
	"                            [ from ADDRESS iif STRING ]\n"
	"                            [ oif STRING ] [ tos TOS ]\n"
	"                            [ mark NUMBER ] [ vrf NAME ]\n"
	"                            [ uid NUMBER ] [ ipproto PROTOCOL ]\n"
	"                            [ sport NUMBER ] [ dport NUMBER ]\n"
	"       ip route { add | del | change | append | replace } ROUTE\n"
	"SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n"
	"            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]\n"
	"            [ type TYPE ] [ scope SCOPE ]\n"
	"ROUTE := NODE_SPEC [ INFO_SPEC ]\n"
	"NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]\n"
	"             [ table TABLE_ID ] [ proto RTPROTO ]\n"
	"             [ scope SCOPE ] [ metric METRIC ]\n"
	"             [ ttl-propagate { enabled | disabled } ]\n"
	"INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...\n"
	"NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]\n"
	"      [ dev STRING ] [ weight NUMBER ] NHFLAGS\n"
	"FAMILY := [ inet | inet6 | mpls | bridge | link ]\n"
	"OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]\n"
	"           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]\n"
	"           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]\n"
	"           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]\n"
	"           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]\n"
	"           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]\n"
	"           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]\n"
	"TYPE := { unicast | local | broadcast | multicast | throw |\n"
	"          unreachable | prohibit | blackhole | nat }\n"
	"TABLE_ID := [ local | main | default | all | NUMBER ]\n"
	"SCOPE := [ host | link | global | NUMBER ]\n"
	"NHFLAGS := [ onlink | pervasive ]\n"
	"RTPROTO := [ kernel | boot | static | NUMBER ]\n"
	"PREF := [ low | medium | high ]\n"
	"TIME := NUMBER[s|ms]\n"
	"BOOL := [1|0]\n"
	"FEATURES := ecn\n"
	"ENCAPTYPE := [ mpls | ip | ip6 ]\n"
	"ENCAPHDR := [ MPLSLABEL ]\n"
	"ROUTE_GET_FLAGS := [ fibmatch ]\n");

static int route_usage(void)
{
	return usage_print("route");
}

/* "TO", "FROM/TO" or "FROM/": realm names or numbers, FROM in the high
 * 16 bits of RTA_FLOW. */
static int parse_realms(const char *v, uint32_t *realms)
{
	const char *slash = strchr(v, '/');
	uint32_t from = 0, to = 0;
	char word[64];

	if (slash) {
		if ((size_t)(slash - v) >= sizeof(word))
			return -1;
		memcpy(word, v, (size_t)(slash - v));
		word[slash - v] = '\0';
		if (names_to_id(&names_realms, word, &from) < 0 || from > 0xffff)
			return -1;
		v = slash + 1;
	}
	if (*v && (names_to_id(&names_realms, v, &to) < 0 || to > 0xffff))
		return -1;
	*realms = from << 16 | to;
	return 0;
}

/* ---- the filter of show and flush ---------------------------------- */

/* An unset prefix has family AF_UNSPEC and no length (iproute2's
 * `family || PREFIXLEN_SPECIFIED` test). */
static bool prefix_set(const struct inet_prefix *p)
{
	return p->family != AF_UNSPEC || p->has_len;
}

/* root: the route lies inside p; match: the route covers p. */
static bool prefix_root_ok(const struct inet_prefix *p, int family, const uint8_t *addr, int len)
{
	if (!prefix_set(p))
		return true;
	if ((p->family && family != p->family) || p->bitlen > len)
		return false;
	return inet_prefix_covers(p, addr, p->bitlen);
}

static bool prefix_match_ok(const struct inet_prefix *p, int family, const uint8_t *addr, int len)
{
	if (!prefix_set(p))
		return true;
	if ((p->family && family != p->family) || p->bitlen < len)
		return false;
	return inet_prefix_covers(p, addr, len);
}

/* The first `len` bits of an attribute's address, zero-padded. */
static void attr_prefix(const struct nlattr *a, int len, uint8_t out[16])
{
	size_t n = (size_t)(len + 7) / 8;

	memset(out, 0, 16);
	if (a && n <= 16 && mnl_attr_get_payload_len(a) >= n)
		memcpy(out, mnl_attr_get_payload(a), n);
}

static bool addr_filter_ok(const struct inet_prefix *p, const struct nlattr *a, int family)
{
	uint8_t addr[16];

	if (!p->family)
		return true;
	if (family != p->family)
		return false;
	attr_prefix(a, inet_family_bits(family), addr);
	return inet_prefix_covers(p, addr, p->bitlen);
}

/* The gateway is RTA_GATEWAY, or RTA_VIA with a family of its own. */
static bool via_filter_ok(const struct inet_prefix *p, const struct route *rt)
{
	const struct nlattr *a = rt->tb[RTA_VIA];
	const struct rtvia *via;
	uint8_t addr[16] = { 0 };
	size_t len;

	if (!a || !p->family)
		return addr_filter_ok(p, rt->tb[RTA_GATEWAY], rt->r->rtm_family);
	via = mnl_attr_get_payload(a);
	len = mnl_attr_get_payload_len(a);
	if (len < sizeof(*via) || via->rtvia_family != p->family)
		return false;
	len -= sizeof(*via);
	memcpy(addr, via->rtvia_addr, len < sizeof(addr) ? len : sizeof(addr));
	return inet_prefix_covers(p, addr, p->bitlen);
}

static bool route_filter_ok(const struct route_filter *f, const struct route *rt)
{
	const struct rtmsg *r = rt->r;
	uint8_t dst[16], src[16];

	if (f->family && r->rtm_family != f->family)
		return false;
	if (f->cloned != !!(r->rtm_flags & RTM_F_CLONED))
		return false;
	if (f->table && rt->table != f->table)
		return false;
	if ((f->proto_set && r->rtm_protocol != f->proto) ||
	    (f->scope_set && r->rtm_scope != f->scope) ||
	    (f->typemask && !(f->typemask & (1u << r->rtm_type))) ||
	    (f->tos_set && r->rtm_tos != f->tos))
		return false;
	attr_prefix(rt->tb[RTA_DST], r->rtm_dst_len, dst);
	attr_prefix(rt->tb[RTA_SRC], r->rtm_src_len, src);
	if (!prefix_root_ok(&f->rdst, r->rtm_family, dst, r->rtm_dst_len) ||
	    !prefix_match_ok(&f->mdst, r->rtm_family, dst, r->rtm_dst_len) ||
	    !prefix_root_ok(&f->rsrc, r->rtm_family, src, r->rtm_src_len) ||
	    !prefix_match_ok(&f->msrc, r->rtm_family, src, r->rtm_src_len))
		return false;
	if (!via_filter_ok(&f->via, rt) ||
	    !addr_filter_ok(&f->prefsrc, rt->tb[RTA_PREFSRC], r->rtm_family))
		return false;
	if ((attr_u32_or(rt->tb[RTA_FLOW], 0) ^ f->realms) & f->realms_mask)
		return false;
	if ((f->iif && (int)attr_u32_or(rt->tb[RTA_IIF], 0) != f->iif) ||
	    (f->oif && (int)attr_u32_or(rt->tb[RTA_OIF], 0) != f->oif) ||
	    (f->metric_set && attr_u32_or(rt->tb[RTA_PRIORITY], 0) != f->metric))
		return false;
	return true;
}

/* ---- show, flush ---------------------------------------------------- */

struct show_args {
	struct route_filter *f;
	int family;		/* -4/-6: how prefixes are read */
	const char *iif, *oif;
};

static int filter_table(struct show_args *a, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (names_to_id(&names_tables, v, &a->f->table) == 0)
		return 0;
	if (!strcmp(v, "all"))
		a->f->table = 0;
	else if (!strcmp(v, "cache"))
		a->f->cloned = true;
	else if (!strcmp(v, "help"))
		return route_usage();
	else
		return arg_invalid("table id value is invalid\n", v);
	return 0;
}

/* vrf NAME: its table, without the local and broadcast routes. */
static int filter_vrf(struct show_args *a, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	vrf_lookup(v, &a->f->table);
	if (!a->f->table)
		return arg_invalid("Invalid VRF\n", v);
	a->f->typemask = ~(1u << RTN_LOCAL | 1u << RTN_BROADCAST);
	return 0;
}

static int filter_cloned(struct show_args *a, struct arg_walk *c)
{
	(void)c;
	a->f->cloned = true;
	return 0;
}

static int filter_tos(struct show_args *a, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (names_dsfield_to_id(v, &a->f->tos) < 0)
		return arg_invalid("TOS value is invalid\n", v);
	a->f->tos_set = true;
	return 0;
}

/* "all" lifts the filter; otherwise a name or number from `t`, at most
 * 255 (iproute2's rtnl_rtprot_a2n and rtnl_rtscope_a2n). */
static int filter_named(struct arg_walk *c, struct name_table *t, const char *err,
			uint32_t *val, bool *set)
{
	const char *v;

	WALK_NEXT(c, v);
	if (names_to_id(t, v, val) == 0 && *val <= 255) {
		*set = true;
		return 0;
	}
	if (strcmp(v, "all"))
		return arg_invalid(err, v);
	*set = false;
	return 0;
}

static int filter_proto(struct show_args *a, struct arg_walk *c)
{
	return filter_named(c, &names_protos, "invalid \"protocol\"\n", &a->f->proto, &a->f->proto_set);
}

static int filter_scope(struct show_args *a, struct arg_walk *c)
{
	return filter_named(c, &names_scopes, "invalid \"scope\"\n", &a->f->scope, &a->f->scope_set);
}

static int filter_type(struct show_args *a, struct arg_walk *c)
{
	const char *v;
	uint8_t type;

	WALK_NEXT(c, v);
	if (route_type_from_str(v, &type) < 0 || type >= 32)
		return arg_invalid("node type value is invalid\n", v);
	a->f->typemask = 1u << type;
	return 0;
}

static int filter_oif(struct show_args *a, struct arg_walk *c)
{
	WALK_NEXT(c, a->oif);
	return 0;
}

static int filter_iif(struct show_args *a, struct arg_walk *c)
{
	WALK_NEXT(c, a->iif);
	return 0;
}

static int filter_metric(struct show_args *a, struct arg_walk *c)
{
	a->f->metric_set = true;
	return walk_u32(c, &a->f->metric, UINT32_MAX, "\"metric\" value is invalid\n");
}

static int filter_via(struct show_args *a, struct arg_walk *c)
{
	const char *v;
	int family;

	WALK_NEXT(c, v);
	family = inet_family_word(v);
	if (family == AF_UNSPEC)
		family = a->family;
	else
		WALK_NEXT(c, v);
	return inet_get_prefix(&a->f->via, v, family);
}

static int filter_src(struct show_args *a, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return inet_get_prefix(&a->f->prefsrc, v, a->family);
}

/* [root|match|exact] PREFIX: root and match bound one side each; a bare
 * prefix (or exact) both. */
static int filter_prefix(struct show_args *a, struct arg_walk *c,
			 struct inet_prefix *root, struct inet_prefix *match)
{
	const char *v = *c->argv;
	int ret;

	if (matches(v, "root")) {
		WALK_NEXT(c, v);
		return inet_get_prefix(root, v, a->family);
	}
	if (matches(v, "match")) {
		WALK_NEXT(c, v);
		return inet_get_prefix(match, v, a->family);
	}
	if (matches(v, "exact"))
		WALK_NEXT(c, v);
	ret = inet_get_prefix(match, v, a->family);
	*root = *match;
	return ret;
}

/* A half left out ("5" has no FROM, "5/" no TO) matches anything. */
static int filter_realms(struct show_args *a, struct arg_walk *c)
{
	const char *v, *slash;

	WALK_NEXT(c, v);
	if (parse_realms(v, &a->f->realms) < 0)
		return arg_invalid("invalid realms\n", v);
	slash = strchr(v, '/');
	a->f->realms_mask = ~0u;
	if (!(a->f->realms & 0xffff) && slash && !slash[1])
		a->f->realms_mask &= ~0xffffu;
	if (!(a->f->realms >> 16) && (!slash || slash == v))
		a->f->realms_mask &= 0xffffu;
	return 0;
}

static int filter_from(struct show_args *a, struct arg_walk *c)
{
	if (!walk_next(c))
		return arg_incomplete();
	return filter_prefix(a, c, &a->f->rsrc, &a->f->msrc);
}

static int filter_to(struct show_args *a, struct arg_walk *c)
{
	if (matches(*c->argv, "to") && !walk_next(c))
		return arg_incomplete();
	return filter_prefix(a, c, &a->f->rdst, &a->f->mdst);
}

/* Selector words in iproute2's order; `exact` rows must match whole. */
static const struct filter_word {
	word_off word;
	bool exact;
	int (*fn)(struct show_args *a, struct arg_walk *c);
} filter_words[] = {
	{ W("table"), false, filter_table }, { W("vrf"), false, filter_vrf },
	{ W("cached"), false, filter_cloned },
	{ W("cloned"), false, filter_cloned }, { W("tos"), true, filter_tos },
	{ W("dsfield"), false, filter_tos }, { W("protocol"), false, filter_proto },
	{ W("scope"), false, filter_scope }, { W("type"), false, filter_type },
	{ W("dev"), true, filter_oif }, { W("oif"), true, filter_oif },
	{ W("iif"), true, filter_iif }, { W("metric"), false, filter_metric },
	{ W("priority"), false, filter_metric }, { W("preference"), true, filter_metric },
	{ W("via"), true, filter_via }, { W("src"), true, filter_src },
	{ W("realms"), false, filter_realms }, { W("from"), false, filter_from },
};

static int parse_filter(struct ipbox *ib, struct show_args *a, int argc, char **argv)
{
	struct arg_walk c = { argc, argv };
	int ret;

	a->family = ib->family;
	a->f->table = RT_TABLE_MAIN;
	for (; c.argc > 0; c.argc--, c.argv++) {
		const struct filter_word *w = KEYWORD_FIND(filter_words, *c.argv);

		ret = w ? w->fn(a, &c) : filter_to(a, &c);
		if (ret)
			return ret;
	}
	/* Without -4/-6, a table means IPv4 only ("table all" is 0). */
	a->f->family = ib->family == AF_UNSPEC && a->f->table ? AF_INET : ib->family;
	if (a->iif && !(a->f->iif = ifname_to_index(a->iif)))
		return arg_nodev(a->iif);
	if (a->oif && !(a->f->oif = ifname_to_index(a->oif)))
		return arg_nodev(a->oif);
	return 0;
}

/* A route of the dump that the selector keeps, read into rt. */
static bool route_selected(struct route_show *s, const struct nlmsghdr *nlh, struct route *rt)
{
	return (nlh->nlmsg_type == RTM_NEWROUTE || nlh->nlmsg_type == RTM_DELROUTE) &&
	       route_read(nlh, rt) == 0 && route_filter_ok(&s->f, rt);
}

static int route_show_one(const struct nlmsghdr *nlh, void *data)
{
	struct route_show *s = data;
	struct route rt;

	if (!route_selected(s, nlh, &rt))
		return NL_CB_OK;
	if (s->save)
		return rtdump_save_msg(nlh) < 0 ? NL_CB_ERROR : NL_CB_OK;
	print_route(s, nlh, &rt);
	return NL_CB_OK;
}

/* The dump request; the kernel filters by table, device and protocol
 * itself (strict checking), the rest is ours. */
static void route_request(struct nlreq *req, void *data)
{
	struct route_show *s = data;
	struct rtmsg *r = nlreq_init(req, RTM_GETROUTE, 0, sizeof(*r));

	r->rtm_family = (uint8_t)s->f.family;
	r->rtm_protocol = s->f.proto_set ? (uint8_t)s->f.proto : 0;
	if (s->f.cloned)
		r->rtm_flags |= RTM_F_CLONED;
	if (s->f.table)
		nlreq_put_u32(req, RTA_TABLE, s->f.table);
	if (s->f.oif)
		nlreq_put_u32(req, RTA_OIF, (uint32_t)s->f.oif);
}

static int route_list(struct ipbox *ib, struct route_show *s)
{
	struct nl *nl = rt_socket(ib);
	struct nlreq req;
	int ret;

	if (!nl)
		return EXIT_FAIL;
	route_request(&req, s);
	print_doc_begin(s->p);
	ret = nl_dump(nl, &req, route_show_one, s);
	print_doc_end(s->p);
	/* A namespace's main table exists only once it has a route; iproute2
	 * shows it empty rather than missing. */
	if (ret < 0 && nl->error == ENOENT && s->f.table == RT_TABLE_MAIN)
		ret = 0;
	if (ret < 0) {
		nl_perror(nl);
		fprintf(stderr, "Dump terminated\n");
		return EXIT_KERNEL;
	}
	return EXIT_OK;
}

static bool route_flush_match(const struct nlmsghdr *nlh, void *data)
{
	struct route rt;

	return route_selected(data, nlh, &rt);
}

static void route_flush_print(const struct nlmsghdr *nlh, void *data)
{
	struct route rt;

	if (route_selected(data, nlh, &rt))
		print_route(data, nlh, &rt);
}

/* Rounds until a dump finds nothing left.  iproute2 sends a round's
 * deletes in one batch, which the kernel carries out whole: a failed
 * delete (a route with nhid under table all) leaves the others deleted
 * and fails the flush after the dump, status 2. */
/* iproute2 says "Nothing to flush." of cloned routes for IPv6 alone */
static bool route_zero_rounds_complete(void *ctx)
{
	const struct route_show *s = ctx;

	return s->f.cloned && s->f.family != AF_INET6;
}

static const struct flush_spec route_flush_spec = {
	.what = "route flush", .del_type = RTM_DELROUTE, .hdr_len = sizeof(struct rtmsg),
	.gone = ESRCH, .noun = "entries", .dump_failed = EXIT_KERNEL,
	.fail_after_dump = true, .fail_status = EXIT_KERNEL, .give_up_after = 30,
	.request = route_request, .match = route_flush_match, .print = route_flush_print,
	.zero_rounds_complete = route_zero_rounds_complete,
};

enum route_action { ROUTE_LIST, ROUTE_FLUSH, ROUTE_SAVE };

/* IPv4 has had no route cache since Linux 3.6; `flush cache` asks the
 * kernel to drop what stands for it (cached exceptions) through
 * /proc, as iproute2 does, whatever comes of it.  The dry run (-check,
 * the fuzzers) changes nothing, this neither. */
static void write_route_flush(void)
{
	int ret = sysctl_write("net/ipv4/route/flush", "-1");

	if (ret == SYSCTL_NO_OPEN)
		fprintf(stderr, "Cannot open \"/proc/sys/net/ipv4/route/flush\": %s\n",
			strerror(errno));
	else if (ret)
		fprintf(stderr, "Cannot flush routing cache\n");
}

static void flush_ipv4_cache(const struct ipbox *ib)
{
	write_route_flush();
	if (ib->stats) {
		bool json = print_plain_begin(ib->pr);	/* flush is text, as there */

		print_text(ib->pr, "*** IPv4 routing cache is flushed.\n");
		print_plain_end(ib->pr, json);
	}
}

/* flush cache: IPv4's through /proc; without -6 and with a table (main
 * unless told otherwise) that is all, as in iproute2: true, done. */
static bool route_flush_cache(const struct ipbox *ib, const struct route_filter *f)
{
	if (!f->cloned || f->family == AF_INET6)
		return false;
	flush_ipv4_cache(ib);
	return f->family == AF_INET || f->table != 0;
}

static int route_list_flush_or_save(struct ipbox *ib, int argc, char **argv,
				    enum route_action action)
{
	struct route_show *s;
	struct show_args a;
	int ret;

	/* iproute2 writes the magic before it reads the selectors */
	if (action == ROUTE_SAVE && rtdump_save_start(RTDUMP_ROUTE_MAGIC) < 0)
		return EXIT_FAIL;
	if (action == ROUTE_FLUSH && argc <= 0) {
		fprintf(stderr, "\"ip route flush\" requires arguments.\n");
		return EXIT_FAIL;
	}
	s = route_show_new(ib);
	if (!s)
		return EXIT_FAIL;
	s->save = action == ROUTE_SAVE;
	a = (struct show_args){ .f = &s->f };
	ret = parse_filter(ib, &a, argc, argv);
	if (!ret && action == ROUTE_FLUSH && route_flush_cache(ib, &s->f))
		ret = EXIT_OK;
	else if (!ret)
		ret = action == ROUTE_FLUSH ? flush_rounds(ib, &route_flush_spec, s) : route_list(ib, s);
	route_show_free(s);
	return ret;
}

static int route_show(struct ipbox *ib, int argc, char **argv)
{
	return route_list_flush_or_save(ib, argc, argv, ROUTE_LIST);
}

static int route_flush(struct ipbox *ib, int argc, char **argv)
{
	return route_list_flush_or_save(ib, argc, argv, ROUTE_FLUSH);
}

/* save SELECTOR: what show would print, as iproute2's binary dump. */
static int route_save(struct ipbox *ib, int argc, char **argv)
{
	return route_list_flush_or_save(ib, argc, argv, ROUTE_SAVE);
}

/* ---- add, change, replace, prepend, append, test, delete ------------ */

/* iproute2's buffers for a route change, which decide what is too big:
 * the request (its headers and 4096 bytes), RTA_MULTIPATH (MULTIPATH_BOUND) then
 * added to a request bounded at 4096, and the metrics in 256. */
#define ROUTE_REQ_BOUND (NLMSG_HDRLEN + sizeof(struct rtmsg) + 4096)
#define METRICS_BOUND 256
#define ENCAP_BOUND 1024

struct route_mod {
	struct nlreq req;
	struct rtmsg *r;
	const char *dev;
	bool dst_ok, gw_ok, scope_ok, type_ok, table_ok;
	uint32_t mx[RTAX_MAX + 1];
	uint32_t mx_set, mx_lock;	/* bit i: metric i given / locked */
	uint32_t nhid;			/* a nexthop object, 0: none */
	const char *cc;			/* RTAX_CC_ALGO, a string */
};

enum { NEXTHOP_UNPARSED = -1 };

/* A gateway: RTA_GATEWAY in the route's family, RTA_VIA in another
 * (inet, inet6, mpls, bridge or link, read as iproute2's get_addr).
 * Inside RTA_MULTIPATH (mp set) it must fit iproute2's buffer. */
static int put_gateway(struct nlreq *req, struct rtmsg *r, struct arg_walk *c,
		       const struct nlattr *mp)
{
	struct inet_prefix addr;
	const char *v;
	int family, ret;

	WALK_NEXT(c, v);
	family = inet_family_word(v);
	if (family == AF_UNSPEC)
		family = r->rtm_family;
	else
		WALK_NEXT(c, v);
	ret = inet_get_addr(&addr, v, family);
	if (ret)
		return ret;
	if (r->rtm_family == AF_UNSPEC)
		r->rtm_family = (uint8_t)addr.family;
	if (addr.family == r->rtm_family) {
		if (!route_nest_fits(req, mp, (size_t)addr.bytelen, MULTIPATH_BOUND))
			return NEXTHOP_UNPARSED;
		nlreq_put(req, RTA_GATEWAY, (size_t)addr.bytelen, addr.data);
	} else {
		uint8_t via[sizeof(struct rtvia) + sizeof(addr.data)];
		uint16_t fam = (uint16_t)addr.family;

		if (!route_nest_fits(req, mp, sizeof(fam) + (size_t)addr.bytelen, MULTIPATH_BOUND))
			return NEXTHOP_UNPARSED;
		memcpy(via, &fam, sizeof(fam));
		memcpy(via + sizeof(fam), addr.data, (size_t)addr.bytelen);
		nlreq_put(req, RTA_VIA, sizeof(fam) + (size_t)addr.bytelen, via);
	}
	return 0;
}

static int mod_via(struct route_mod *m, struct arg_walk *c)
{
	if (m->gw_ok)
		return arg_invalid("use nexthop syntax to specify multiple via\n", *c->argv);
	m->gw_ok = true;
	return put_gateway(&m->req, m->r, c, NULL);
}

/* as [to] ADDR: the new destination of an MPLS route (RTA_NEWDST). */
static int put_newdst(struct nlreq *req, struct rtmsg *r, struct arg_walk *c,
		      const struct nlattr *mp)
{
	struct inet_prefix addr;
	const char *v;
	int ret;

	WALK_NEXT(c, v);
	if (!strcmp(v, "to"))
		WALK_NEXT(c, v);
	ret = inet_get_addr(&addr, v, r->rtm_family);
	if (ret)
		return ret;
	if (!mp && r->rtm_family == AF_UNSPEC)
		r->rtm_family = (uint8_t)addr.family;
	if (!route_nest_fits(req, mp, (size_t)addr.bytelen, MULTIPATH_BOUND))
		return NEXTHOP_UNPARSED;
	nlreq_put(req, RTA_NEWDST, (size_t)addr.bytelen, addr.data);
	return 0;
}

static int mod_as(struct route_mod *m, struct arg_walk *c)
{
	return put_newdst(&m->req, m->r, c, NULL);
}

static int mod_src(struct route_mod *m, struct arg_walk *c)
{
	struct inet_prefix addr;
	const char *v;
	int ret;

	WALK_NEXT(c, v);
	ret = inet_get_addr(&addr, v, m->r->rtm_family);
	if (ret)
		return ret;
	if (m->r->rtm_family == AF_UNSPEC)
		m->r->rtm_family = (uint8_t)addr.family;
	nlreq_put(&m->req, RTA_PREFSRC, (size_t)addr.bytelen, addr.data);
	return 0;
}

static int mod_from(struct route_mod *m, struct arg_walk *c)
{
	struct inet_prefix p;
	const char *v;
	int ret;

	WALK_NEXT(c, v);
	ret = inet_get_prefix(&p, v, m->r->rtm_family);
	if (ret)
		return ret;
	if (m->r->rtm_family == AF_UNSPEC)
		m->r->rtm_family = (uint8_t)p.family;
	if (p.bytelen)
		nlreq_put(&m->req, RTA_SRC, (size_t)p.bytelen, p.data);
	m->r->rtm_src_len = (uint8_t)p.bitlen;
	return 0;
}

static int mod_tos(struct route_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t tos;

	WALK_NEXT(c, v);
	if (names_dsfield_to_id(v, &tos) < 0)
		return arg_invalid("\"tos\" value is invalid\n", v);
	m->r->rtm_tos = (uint8_t)tos;
	return 0;
}

static int mod_scope(struct route_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t scope;

	WALK_NEXT(c, v);
	if (names_to_id(&names_scopes, v, &scope) < 0 || scope > 255)
		return arg_invalid("invalid \"scope\" value\n", v);
	m->r->rtm_scope = (uint8_t)scope;
	m->scope_ok = true;
	return 0;
}

/* A time: a bare number is in the kernel's own unit (*raw), "N[.N]s"
 * and "Nms" (and sec, msec, secs, msecs) are milliseconds. */
static int parse_time_ms(const char *v, uint32_t *val, bool *raw)
{
	static const struct { const char *unit; double ms; } units[] = {
		{ "s", 1000 }, { "sec", 1000 }, { "secs", 1000 },
		{ "ms", 1 }, { "msec", 1 }, { "msecs", 1 },
	};
	double t;
	char *end;

	if (*v == '-' || !*v)
		return -1;
	t = strchr(v, '.') ? strtod(v, &end) : (double)strtoul(v, &end, 0);
	if (end == v || t > UINT32_MAX)
		return -1;
	*raw = !*end;
	for (size_t i = 0; !*raw && i < ARRAY_SIZE(units); i++)
		if (!strcasecmp(end, units[i].unit)) {
			t *= units[i].ms;
			end += strlen(end);
		}
	if (*end || t > UINT32_MAX)
		return -1;
	*val = (uint32_t)t;
	if (*val < t)	/* round up */
		(*val)++;
	return 0;
}

enum metric_kind {
	MX_NUMBER,	/* [lock] N */
	MX_TIME,	/* [lock] TIME, kept in 1/scale ms */
	MX_LOCKED_TIME,	/* TIME, always locked */
	MX_BOOL,	/* 0 or 1 */
	MX_FEATURES,	/* ecn */
	MX_CC,		/* [lock] NAME: a congestion control algorithm */
};

/* The route metrics, in iproute2's order (it decides abbreviations). */
static const struct metric_word {
	word_off word;
	bool exact;
	int rtax;
	enum metric_kind kind;
	const char *err;
	uint32_t scale;		/* MX_TIME: kernel units per ms */
} metric_words[] = {
	{ W("mtu"), true, RTAX_MTU, MX_NUMBER, "\"mtu\" value is invalid\n", 0 },
	{ W("hoplimit"), true, RTAX_HOPLIMIT, MX_NUMBER, "\"hoplimit\" value is invalid\n", 0 },
	{ W("advmss"), true, RTAX_ADVMSS, MX_NUMBER, "\"mss\" value is invalid\n", 0 },
	{ W("reordering"), false, RTAX_REORDERING, MX_NUMBER,
	  "\"reordering\" value is invalid\n", 0 },
	{ W("rtt"), true, RTAX_RTT, MX_TIME, "\"rtt\" value is invalid\n", 8 },
	{ W("rto_min"), true, RTAX_RTO_MIN, MX_LOCKED_TIME, "\"rto_min\" value is invalid\n", 1 },
	{ W("window"), false, RTAX_WINDOW, MX_NUMBER, "\"window\" value is invalid\n", 0 },
	{ W("cwnd"), false, RTAX_CWND, MX_NUMBER, "\"cwnd\" value is invalid\n", 0 },
	{ W("initcwnd"), false, RTAX_INITCWND, MX_NUMBER, "\"initcwnd\" value is invalid\n", 0 },
	{ W("initrwnd"), false, RTAX_INITRWND, MX_NUMBER, "\"initrwnd\" value is invalid\n", 0 },
	{ W("features"), false, RTAX_FEATURES, MX_FEATURES, "\"features\" value not valid\n", 0 },
	{ W("quickack"), false, RTAX_QUICKACK, MX_BOOL, "\"quickack\" value is invalid\n", 0 },
	{ W("congctl"), false, RTAX_CC_ALGO, MX_CC, NULL, 0 },
	{ W("rttvar"), false, RTAX_RTTVAR, MX_TIME, "\"rttvar\" value is invalid\n", 4 },
	{ W("ssthresh"), false, RTAX_SSTHRESH, MX_NUMBER, "\"ssthresh\" value is invalid\n", 0 },
	{ W("fastopen_no_cookie"), false, RTAX_FASTOPEN_NO_COOKIE, MX_BOOL,
	  "\"fastopen_no_cookie\" value is invalid\n", 0 },
};

static int metric_value(const struct metric_word *w, const char *v, uint32_t *val)
{
	bool raw;

	switch (w->kind) {
	case MX_NUMBER:
		if (arg_u32(v, val, 0) < 0 || (w->rtax == RTAX_HOPLIMIT && *val > 255))
			return arg_invalid(w->err, v);
		return 0;
	case MX_TIME:
	case MX_LOCKED_TIME:
		if (parse_time_ms(v, val, &raw) < 0)
			return arg_invalid(w->err, v);
		if (!raw)
			*val *= w->scale;
		return 0;
	case MX_BOOL:
		if (arg_u32(v, val, 0) < 0)
			return arg_invalid(w->err, v);
		if (*val <= 1)
			return 0;
		/* "\"NAME\" value should be 0 or 1" */
		fprintf(stderr, "Error: argument \"%s\" is wrong: \"%s\" value should be 0 or 1\n\n",
			v, WORD(w->word));
		return EXIT_USAGE;
	case MX_FEATURES:
		*val = RTAX_FEATURE_ECN;
		return strcmp(v, "ecn") ? arg_invalid(w->err, v) : 0;
	case MX_CC:
		return 0;
	}
	return 0;
}

static int mod_metric_word(struct route_mod *m, struct arg_walk *c, const struct metric_word *w)
{
	const char *v;
	uint32_t val = 0;
	int ret;

	WALK_NEXT(c, v);
	if (w->kind == MX_LOCKED_TIME)
		m->mx_lock |= 1u << w->rtax;
	if (!strcmp(v, "lock") && (w->kind == MX_NUMBER || w->kind == MX_TIME || w->kind == MX_CC)) {
		m->mx_lock |= 1u << w->rtax;
		WALK_NEXT(c, v);
	}
	ret = metric_value(w, v, &val);
	if (ret)
		return ret;
	if (w->kind == MX_CC)
		m->cc = v;
	m->mx[w->rtax] = val;
	m->mx_set |= 1u << w->rtax;
	return 0;
}

static int mod_realm(struct route_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t realms;

	WALK_NEXT(c, v);
	if (parse_realms(v, &realms) < 0)
		return arg_invalid("\"realm\" value is invalid\n", v);
	nlreq_put_u32(&m->req, RTA_FLOW, realms);
	return 0;
}

static int mod_onlink(struct route_mod *m, struct arg_walk *c)
{
	(void)c;
	m->r->rtm_flags |= RTNH_F_ONLINK;
	return 0;
}

static int mod_proto(struct route_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t proto;

	WALK_NEXT(c, v);
	if (names_to_id(&names_protos, v, &proto) < 0 || proto > 255)
		return arg_invalid("\"protocol\" value is invalid\n", v);
	m->r->rtm_protocol = (uint8_t)proto;
	return 0;
}

/* Tables above 255 do not fit rtm_table: RTA_TABLE carries them. */
static int set_table(struct route_mod *m, uint32_t table)
{
	if (table < 256) {
		m->r->rtm_table = (uint8_t)table;
	} else {
		m->r->rtm_table = RT_TABLE_UNSPEC;
		nlreq_put_u32(&m->req, RTA_TABLE, table);
	}
	m->table_ok = true;
	return 0;
}

static int mod_table(struct route_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t table;

	WALK_NEXT(c, v);
	if (names_to_id(&names_tables, v, &table) < 0)
		return arg_invalid("\"table\" value is invalid\n", v);
	return set_table(m, table);
}

/* vrf NAME: the table of a VRF device. */
static int mod_vrf(struct route_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t table;

	WALK_NEXT(c, v);
	vrf_lookup(v, &table);
	if (!table)
		return arg_invalid("Invalid VRF\n", v);
	return set_table(m, table);
}

static int mod_ttl_propagate(struct route_mod *m, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (!matches(v, "enabled") && !matches(v, "disabled"))
		return arg_invalid("\"ttl-propagate\" value is invalid\n", v);
	nlreq_put_u8(&m->req, RTA_TTL_PROPAGATE, matches(v, "enabled"));
	return 0;
}

static int mod_dev(struct route_mod *m, struct arg_walk *c)
{
	WALK_NEXT(c, m->dev);
	return 0;
}

static int mod_pref(struct route_mod *m, struct arg_walk *c)
{
	static const char *const names[] = { "medium", "high", NULL, "low" };
	const char *v;
	uint32_t pref;

	WALK_NEXT(c, v);
	for (pref = 0; pref < 4; pref++)
		if (names[pref] && !strcmp(v, names[pref]))
			break;
	if (pref == 4 && (arg_u32(v, &pref, 0) < 0 || pref > 255))
		return arg_invalid("\"pref\" value is invalid\n", v);
	nlreq_put_u8(&m->req, RTA_PREF, (uint8_t)pref);
	return 0;
}

/* [to] [TYPE] PREFIX */
static int mod_dst(struct route_mod *m, struct arg_walk *c)
{
	struct inet_prefix dst;
	const char *v = *c->argv;
	uint8_t type;
	int ret;

	if (matches(v, "to"))
		WALK_NEXT(c, v);
	if ((*v < '0' || *v > '9') && route_type_from_str(v, &type) == 0) {
		WALK_NEXT(c, v);
		m->r->rtm_type = type;
		m->type_ok = true;
	}
	if (matches(v, "help"))
		return route_usage();
	if (m->dst_ok)
		return arg_garbage("to", v);
	ret = inet_get_prefix(&dst, v, m->r->rtm_family);
	if (ret)
		return ret;
	if (m->r->rtm_family == AF_UNSPEC)
		m->r->rtm_family = (uint8_t)dst.family;
	m->r->rtm_dst_len = (uint8_t)dst.bitlen;
	m->dst_ok = true;
	if (dst.bytelen && !dst.any)
		nlreq_put(&m->req, RTA_DST, (size_t)dst.bytelen, dst.data);
	return 0;
}

/* encap TYPE ...: iproute2 adds it only while the request stays within
 * 1024 bytes. */
static int mod_encap(struct route_mod *m, struct arg_walk *c)
{
	int ret = lwt_parse(&m->req, c, RTA_ENCAP, RTA_ENCAP_TYPE);

	if (!ret && m->req.nlh->nlmsg_len > ENCAP_BOUND) {
		fprintf(stderr, "addraw_l ERROR: message exceeded bound of %d\n", ENCAP_BOUND);
		return EXIT_FAIL;
	}
	return ret;
}

#define MOD(w, x, f) { .word = W(w), .exact = x, .fn = f }
#define MOD_U32(w, x, a, e) { .word = W(w), .exact = x, .attr = a, .err = e }

/* Route words in iproute2's order (it decides abbreviations); the
 * metrics (metric_words) come between scope and realms there, and no
 * abbreviation of theirs reaches a word before them. */
static const struct mod_word {
	word_off word;
	bool exact;
	int (*fn)(struct route_mod *m, struct arg_walk *c);
	uint16_t attr;		/* no fn: a u32 value in this attribute */
	const char *err;	/* ... and the message for a bad one */
} mod_words[] = {
	MOD("src", true, mod_src), MOD("as", true, mod_as), MOD("via", true, mod_via),
	MOD("from", true, mod_from), MOD("tos", true, mod_tos),
	MOD("dsfield", false, mod_tos),
	MOD_U32("expires", true, RTA_EXPIRES, "\"expires\" value is invalid\n"),
	MOD_U32("metric", false, RTA_PRIORITY, "\"metric\" value is invalid\n"),
	MOD_U32("priority", false, RTA_PRIORITY, "\"metric\" value is invalid\n"),
	MOD_U32("preference", true, RTA_PRIORITY, "\"metric\" value is invalid\n"),
	MOD("scope", true, mod_scope), MOD("realms", false, mod_realm),
	MOD("onlink", true, mod_onlink),
	/* a nexthop object (ip nexthop) in place of a gateway and device */
	MOD_U32("nhid", true, RTA_NH_ID, "\"id\" value is invalid\n"),
	MOD("protocol", false, mod_proto), MOD("table", false, mod_table),
	MOD("vrf", false, mod_vrf), MOD("dev", true, mod_dev), MOD("oif", true, mod_dev),
	MOD("pref", false, mod_pref), MOD("encap", true, mod_encap),
	MOD("ttl-propagate", true, mod_ttl_propagate),
};

/* A row without a handler: expires (an IPv6 route's lifetime in
 * seconds), metric and nhid. */
static int mod_u32(struct route_mod *m, struct arg_walk *c, const struct mod_word *w)
{
	uint32_t val;
	int ret = walk_u32(c, &val, UINT32_MAX, w->err);

	if (ret)
		return ret;
	nlreq_put_u32(&m->req, w->attr, val);
	if (w->attr == RTA_NH_ID)
		m->nhid = val;
	return 0;
}

static int mod_word(struct route_mod *m, struct arg_walk *c)
{
	const struct metric_word *mw = KEYWORD_FIND(metric_words, *c->argv);
	const struct mod_word *w;

	if (mw)
		return mod_metric_word(m, c, mw);
	w = KEYWORD_FIND(mod_words, *c->argv);
	if (!w)
		return mod_dst(m, c);
	return w->fn ? w->fn(m, c) : mod_u32(m, c, w);
}

/* A nest as iproute2 starts RTA_METRICS and RTA_MULTIPATH: without
 * NLA_F_NESTED, so the request is byte for byte iproute2's. */
static struct nlattr *route_nest_plain(struct nlreq *req, uint16_t type)
{
	struct nlattr *nest = nlreq_nest_start(req, type);

	if (nest)
		nest->nla_type = type;
	return nest;
}

static bool route_nest_fits(const struct nlreq *req, const struct nlattr *nest, size_t payload,
			    size_t bound)
{
	size_t used = (size_t)((const char *)mnl_nlmsg_get_payload_tail(req->nlh) - (const char *)nest);

	if (!nest || MNL_ALIGN(used) + MNL_ALIGN(MNL_ATTR_HDRLEN + payload) <= bound)
		return true;
	fprintf(stderr, "rta_addattr_l: Error! max allowed bound %zu exceeded\n", bound);
	return false;
}

/* The metrics, RTAX_LOCK last as in iproute2.  A congctl name too long
 * for its 256 bytes: iproute2 says so and adds the route without it;
 * ipbox says so and adds nothing (ipbox(8)). */
static int put_metrics(struct route_mod *m)
{
	struct nlattr *nest;

	if (!m->mx_set && !m->mx_lock)
		return 0;
	nest = route_nest_plain(&m->req, RTA_METRICS);
	for (int i = 0; i <= RTAX_MAX && i < 32; i++) {
		if (!(m->mx_set & (1u << i)))
			continue;
		if (i != RTAX_CC_ALGO)
			nlreq_put_u32(&m->req, (uint16_t)i, m->mx[i]);
		else if (route_nest_fits(&m->req, nest, strlen(m->cc), METRICS_BOUND))
			nlreq_put(&m->req, RTAX_CC_ALGO, strlen(m->cc), m->cc);
		else
			return EXIT_FAIL;
	}
	if (m->mx_lock)
		nlreq_put_u32(&m->req, RTAX_LOCK, m->mx_lock);
	nlreq_nest_end(&m->req, nest);
	return 0;
}

/* One nexthop of RTA_MULTIPATH: its struct and where it stands. */
struct nh_ctx {
	struct route_mod *m;
	struct rtnexthop *nh;
	const struct nlattr *mp;	/* RTA_MULTIPATH, for its bound */
};

static int nh_via(struct nh_ctx *n, struct arg_walk *c)
{
	return put_gateway(&n->m->req, n->m->r, c, n->mp);
}

static int nh_dev(struct nh_ctx *n, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	n->nh->rtnh_ifindex = ifname_to_index(v);
	if (n->nh->rtnh_ifindex)
		return 0;
	arg_nodev(v);
	return NEXTHOP_UNPARSED;
}

static int nh_weight(struct nh_ctx *n, struct arg_walk *c)
{
	const char *v;
	uint32_t weight;

	WALK_NEXT(c, v);
	if (arg_u32(v, &weight, 0) < 0 || weight == 0 || weight > 256)
		return arg_invalid("\"weight\" is invalid\n", v);
	n->nh->rtnh_hops = (unsigned char)(weight - 1);
	return 0;
}

static int nh_onlink(struct nh_ctx *n, struct arg_walk *c)
{
	(void)c;
	n->nh->rtnh_flags |= RTNH_F_ONLINK;
	return 0;
}

static int nh_realms(struct nh_ctx *n, struct arg_walk *c)
{
	const char *v;
	uint32_t realms;

	WALK_NEXT(c, v);
	if (parse_realms(v, &realms) < 0)
		return arg_invalid("\"realm\" value is invalid\n", v);
	if (!route_nest_fits(&n->m->req, n->mp, sizeof(realms), MULTIPATH_BOUND))
		return NEXTHOP_UNPARSED;
	nlreq_put_u32(&n->m->req, RTA_FLOW, realms);
	return 0;
}

static int nh_encap(struct nh_ctx *n, struct arg_walk *c)
{
	return lwt_parse(&n->m->req, c, RTA_ENCAP, RTA_ENCAP_TYPE) ? NEXTHOP_UNPARSED : 0;
}

static int nh_as(struct nh_ctx *n, struct arg_walk *c)
{
	return put_newdst(&n->m->req, n->m->r, c, n->mp);
}

/* A nexthop's words, in iproute2's order (parse_one_nh). */
static const struct nh_word {
	word_off word;
	bool exact;
	int (*fn)(struct nh_ctx *n, struct arg_walk *c);
} nh_words[] = {
	{ W("via"), true, nh_via }, { W("dev"), true, nh_dev }, { W("weight"), true, nh_weight },
	{ W("onlink"), true, nh_onlink }, { W("realms"), false, nh_realms },
	{ W("encap"), true, nh_encap }, { W("as"), true, nh_as },
};

static const struct nh_word *nh_word_find(const char *w)
{
	for (size_t i = 0; i < ARRAY_SIZE(nh_words); i++)
		if (keyword_is(w, WORD(nh_words[i].word), nh_words[i].exact))
			return &nh_words[i];
	return NULL;
}

/* One "nexthop via ADDR dev DEV weight N ..." inside RTA_MULTIPATH: its
 * words up to the next one that is not a nexthop word. */
static int put_nexthop(struct route_mod *m, struct arg_walk *c, const struct nlattr *mp)
{
	struct rtnexthop scratch;
	struct nh_ctx n = { m, nlreq_reserve(&m->req, sizeof(struct rtnexthop)), mp };
	char *start = (char *)n.nh;
	const struct nh_word *w;
	int ret;

	if (!n.nh)	/* overflowed (the send reports it): read its words all the same */
		n.nh = &scratch;
	while (c->argc > 1 && (w = nh_word_find(c->argv[1]))) {
		walk_next(c);
		ret = w->fn(&n, c);
		if (ret)
			return ret;
	}
	if (n.nh != &scratch)
		n.nh->rtnh_len = (unsigned short)((char *)mnl_nlmsg_get_payload_tail(m->req.nlh) - start);
	return 0;
}

/* RTA_MULTIPATH as iproute2 builds it: its nexthops within 4096 bytes
 * (else "cannot parse nexthop"), then the whole request within 4096
 * (else its addattr_l error at the send, status 1). */
static int put_multipath(struct route_mod *m, struct arg_walk *c)
{
	struct nlattr *nest;
	int ret;

	nlreq_bound(&m->req, NL_REQ_SIZE);
	nest = route_nest_plain(&m->req, RTA_MULTIPATH);

	for (; c->argc > 0; c->argc--, c->argv++) {
		if (strcmp(*c->argv, "nexthop")) {
			fprintf(stderr, "Error: \"nexthop\" or end of line is expected instead of \"%s\"\n",
				*c->argv);
			return EXIT_USAGE;
		}
		if (c->argc <= 1) {
			fprintf(stderr, "Error: unexpected end of line after \"nexthop\"\n");
			return EXIT_USAGE;
		}
		ret = put_nexthop(m, c, nest);
		if (ret == NEXTHOP_UNPARSED) {
			fprintf(stderr, "Error: cannot parse nexthop\n");
			return EXIT_USAGE;
		}
		if (ret)
			return ret;
	}
	nlreq_nest_end(&m->req, nest);
	nlreq_bound(&m->req, MULTIPATH_BOUND);
	return 0;
}

/* iproute2's defaults once the words are read: table local for the
 * local, broadcast, nat and anycast types; scope universe for IPv6 and
 * MPLS, host for local, link for broadcast-like types and for a unicast
 * route with no gateway; an MPLS route is unicast. */
static void route_defaults(struct route_mod *m, bool del, bool nexthops)
{
	struct rtmsg *r = m->r;

	if (r->rtm_family == AF_UNSPEC)
		r->rtm_family = AF_INET;
	if (!m->table_ok && (r->rtm_type == RTN_LOCAL || r->rtm_type == RTN_BROADCAST ||
			     r->rtm_type == RTN_NAT || r->rtm_type == RTN_ANYCAST))
		r->rtm_table = RT_TABLE_LOCAL;
	if (!m->type_ok && r->rtm_family == AF_MPLS)
		r->rtm_type = RTN_UNICAST;
	if (m->scope_ok)
		return;
	if (r->rtm_family == AF_INET6 || r->rtm_family == AF_MPLS)
		r->rtm_scope = RT_SCOPE_UNIVERSE;
	else if (r->rtm_type == RTN_LOCAL || r->rtm_type == RTN_NAT)
		r->rtm_scope = RT_SCOPE_HOST;
	else if (r->rtm_type == RTN_BROADCAST || r->rtm_type == RTN_MULTICAST ||
		 r->rtm_type == RTN_ANYCAST)
		r->rtm_scope = RT_SCOPE_LINK;
	else if (r->rtm_type == RTN_UNICAST || r->rtm_type == RTN_UNSPEC) {
		if (del)
			r->rtm_scope = RT_SCOPE_NOWHERE;
		else if (!m->gw_ok && !nexthops && !m->nhid)
			r->rtm_scope = RT_SCOPE_LINK;
	}
}

static int route_modify(struct ipbox *ib, int argc, char **argv, uint16_t cmd, uint16_t flags)
{
	struct route_mod *m = nlreq_holder_new(sizeof(*m), offsetof(struct route_mod, req));
	struct arg_walk c = { argc, argv };
	bool del = cmd == RTM_DELROUTE, nexthops = false;
	int ret = 0;

	if (!m)
		return EXIT_FAIL;
	m->r = nlreq_init(&m->req, cmd, flags, sizeof(*m->r));
	nlreq_bound(&m->req, ROUTE_REQ_BOUND);
	m->r->rtm_family = (uint8_t)ib->family;
	m->r->rtm_table = RT_TABLE_MAIN;
	m->r->rtm_scope = RT_SCOPE_NOWHERE;
	if (!del) {
		m->r->rtm_protocol = RTPROT_BOOT;
		m->r->rtm_scope = RT_SCOPE_UNIVERSE;
		m->r->rtm_type = RTN_UNICAST;
	}
	for (; !ret && c.argc > 0; c.argc--, c.argv++) {
		if (!strcmp(*c.argv, "nexthop")) {
			nexthops = true;
			break;
		}
		ret = mod_word(m, &c);
	}
	if (!ret && !m->dst_ok)
		ret = route_usage();
	if (!ret && m->dev) {
		int idx = ifname_to_index(m->dev);

		if (idx)
			nlreq_put_u32(&m->req, RTA_OIF, (uint32_t)idx);
		else
			ret = arg_nodev(m->dev);
	}
	if (!ret)
		ret = put_metrics(m);
	if (!ret && nexthops)
		ret = put_multipath(m, &c);
	if (!ret) {
		route_defaults(m, del, nexthops);
		ret = rt_talk(ib, &m->req);
	}
	nlreq_holder_free(m);
	return ret;
}

static int route_add(struct ipbox *ib, int argc, char **argv)
{
	return route_modify(ib, argc, argv, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
}

static int route_change(struct ipbox *ib, int argc, char **argv)
{
	return route_modify(ib, argc, argv, RTM_NEWROUTE, NLM_F_REPLACE);
}

static int route_replace(struct ipbox *ib, int argc, char **argv)
{
	return route_modify(ib, argc, argv, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE);
}

static int route_prepend(struct ipbox *ib, int argc, char **argv)
{
	return route_modify(ib, argc, argv, RTM_NEWROUTE, NLM_F_CREATE);
}

static int route_append(struct ipbox *ib, int argc, char **argv)
{
	return route_modify(ib, argc, argv, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND);
}

static int route_test(struct ipbox *ib, int argc, char **argv)
{
	return route_modify(ib, argc, argv, RTM_NEWROUTE, NLM_F_EXCL);
}

static int route_del(struct ipbox *ib, int argc, char **argv)
{
	return route_modify(ib, argc, argv, RTM_DELROUTE, 0);
}

/* ---- get ------------------------------------------------------------ */

/* iproute2's request buffer for route get. */
#define GET_REQ_BOUND (NLMSG_HDRLEN + sizeof(struct rtmsg) + 1024)

struct get_args {
	struct nlreq req;
	struct rtmsg *r;
	const char *iif, *oif;
	uint32_t mark;
	bool found, from, connected;
	bool has_src;		/* the last answer named a source */
};

/* "to" ADDR or "from" ADDR: a host address; a prefix is cut to a host. */
static int get_addr_word(struct get_args *g, const char *v, bool dst)
{
	struct inet_prefix p;
	int ret = inet_get_prefix(&p, v, g->r->rtm_family), host;

	if (ret)
		return ret;
	if (g->r->rtm_family == AF_UNSPEC)
		g->r->rtm_family = (uint8_t)p.family;
	if (p.bytelen && !p.any)
		nlreq_put(&g->req, dst ? RTA_DST : RTA_SRC, (size_t)p.bytelen, p.data);
	if (!dst) {
		g->r->rtm_src_len = (uint8_t)p.bitlen;
		g->from = true;
		return 0;
	}
	host = inet_family_bits(g->r->rtm_family);
	if (host && p.bitlen != host) {
		fprintf(stderr, "Warning: /%u as prefix is invalid, only /%d (or none) is supported.\n",
			p.bitlen, host);
		p.bitlen = host;
	}
	g->r->rtm_dst_len = (uint8_t)p.bitlen;
	g->found = true;
	return 0;
}

static int get_tos(struct get_args *g, struct arg_walk *c)
{
	const char *v;
	uint32_t tos;

	WALK_NEXT(c, v);
	if (names_dsfield_to_id(v, &tos) < 0)
		return arg_invalid("TOS value is invalid\n", v);
	g->r->rtm_tos = (uint8_t)tos;
	return 0;
}

static int get_from(struct get_args *g, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return matches(v, "help") ? route_usage() : get_addr_word(g, v, false);
}

static int get_iif(struct get_args *g, struct arg_walk *c)
{
	WALK_NEXT(c, g->iif);
	return 0;
}

static int get_mark(struct get_args *g, struct arg_walk *c)
{
	return walk_u32(c, &g->mark, UINT32_MAX, "invalid mark value");
}

static int get_oif(struct get_args *g, struct arg_walk *c)
{
	WALK_NEXT(c, g->oif);
	return 0;
}

static int get_notify(struct get_args *g, struct arg_walk *c)
{
	(void)c;
	g->r->rtm_flags |= RTM_F_NOTIFY;
	return 0;
}

static int get_connected(struct get_args *g, struct arg_walk *c)
{
	(void)c;
	g->connected = true;
	return 0;
}

/* vrf NAME: its device is the output interface. */
static int get_vrf(struct get_args *g, struct arg_walk *c)
{
	uint32_t table;

	WALK_NEXT(c, g->oif);
	return vrf_lookup(g->oif, &table) ? 0 : arg_invalid("Invalid VRF\n", g->oif);
}

static int get_uid(struct get_args *g, struct arg_walk *c)
{
	uint32_t uid;
	int ret = walk_u32(c, &uid, UINT32_MAX, "invalid UID\n");

	if (!ret)
		nlreq_put_u32(&g->req, RTA_UID, uid);
	return ret;
}

static int get_fibmatch(struct get_args *g, struct arg_walk *c)
{
	(void)c;
	g->r->rtm_flags |= RTM_F_FIB_MATCH;
	return 0;
}

static int get_as(struct get_args *g, struct arg_walk *c)
{
	return put_newdst(&g->req, g->r, c, NULL);
}

/* sport, dport: a number (base 0) up to 65535, sent big-endian. */
static int get_port(struct get_args *g, struct arg_walk *c, uint16_t type, const char *err)
{
	uint32_t port;
	int ret = walk_u32(c, &port, 0xffff, err);

	if (!ret)
		nlreq_put_u16(&g->req, type, htons((uint16_t)port));
	return ret;
}

static int get_sport(struct get_args *g, struct arg_walk *c)
{
	return get_port(g, c, RTA_SPORT, "invalid sport\n");
}

static int get_dport(struct get_args *g, struct arg_walk *c)
{
	return get_port(g, c, RTA_DPORT, "invalid dport\n");
}

/* A number up to 255 or a name from /etc/protocols (inet_proto_a2n). */
static int get_ipproto(struct get_args *g, struct arg_walk *c)
{
	const char *v;
	uint32_t proto;

	WALK_NEXT(c, v);
	if (names_ipproto_to_id(v, &proto) < 0 || proto > 255)
		return arg_invalid("Invalid \"ipproto\" value\n", v);
	nlreq_put_u8(&g->req, RTA_IP_PROTO, (uint8_t)proto);
	return 0;
}

/* route get's words in iproute2's order (it decides abbreviations); any
 * other word is the destination. */
static const struct get_word {
	word_off word;
	bool exact;
	int (*fn)(struct get_args *g, struct arg_walk *c);
} get_words[] = {
	{ W("tos"), true, get_tos }, { W("dsfield"), false, get_tos },
	{ W("from"), false, get_from },
	{ W("iif"), false, get_iif }, { W("mark"), false, get_mark }, { W("oif"), false, get_oif },
	{ W("dev"), true, get_oif }, { W("notify"), false, get_notify },
	{ W("connected"), false, get_connected }, { W("vrf"), false, get_vrf },
	{ W("uid"), false, get_uid }, { W("fibmatch"), false, get_fibmatch },
	{ W("as"), true, get_as },
	{ W("sport"), false, get_sport }, { W("dport"), false, get_dport },
	{ W("ipproto"), false, get_ipproto },
};

static int get_word(struct get_args *g, struct arg_walk *c)
{
	const char *w = *c->argv;

	for (size_t i = 0; i < ARRAY_SIZE(get_words); i++)
		if (keyword_is(w, WORD(get_words[i].word), get_words[i].exact))
			return get_words[i].fn(g, c);
	if (!strcmp(w, "to"))
		WALK_NEXT(c, w);
	return matches(w, "help") ? route_usage() : get_addr_word(g, w, true);
}

static int put_dev(struct nlreq *req, uint16_t type, const char *name)
{
	int idx;

	if (!name)
		return 0;
	idx = ifname_to_index(name);
	if (!idx)
		return arg_nodev(name);
	nlreq_put_u32(req, type, (uint32_t)idx);
	return 0;
}

/* One answer of route get: printed, and whether it has a source
 * (RTA_PREFSRC or RTA_SRC), which `connected` needs. */
struct get_answer {
	struct route_show *s;
	struct get_args *g;
	bool begun;		/* the JSON array is open: a get that fails
				 * prints nothing, as iproute2 */
};

static int route_get_answer(const struct nlmsghdr *nlh, void *data)
{
	struct get_answer *a = data;
	struct route rt;

	if (route_read(nlh, &rt) < 0)
		return NL_CB_STOP;
	if (!a->begun)
		print_doc_begin(a->s->p);
	a->begun = true;
	print_route(a->s, nlh, &rt);
	a->g->has_src = nlh->nlmsg_type == RTM_NEWROUTE && (rt.tb[RTA_PREFSRC] || rt.tb[RTA_SRC]);
	return NL_CB_STOP;
}

static int route_get_talk(struct nl *nl, struct get_args *g, struct get_answer *a)
{
	if (nl_talk(nl, &g->req, route_get_answer, a) < 0) {
		nl_perror(nl);
		return EXIT_KERNEL;
	}
	return EXIT_OK;
}

/* connected: iproute2 6.1 means to ask again from the source the first
 * answer chose, but sends its first request again; so does ipbox, and
 * both answers are printed. */
static int route_get_connected(struct nl *nl, struct get_args *g, struct get_answer *a)
{
	if (!g->has_src) {
		fprintf(stderr, "Failed to connect the route\n");
		return EXIT_FAIL;
	}
	return route_get_talk(nl, g, a);
}

static int route_get_parse(struct ipbox *ib, struct get_args *g, int argc, char **argv)
{
	struct arg_walk c = { argc, argv };
	int ret = 0;

	g->r = nlreq_init(&g->req, RTM_GETROUTE, 0, sizeof(*g->r));
	nlreq_bound(&g->req, GET_REQ_BOUND);
	g->r->rtm_family = (uint8_t)ib->family;
	for (; !ret && c.argc > 0; c.argc--, c.argv++)
		ret = get_word(g, &c);
	if (!ret && !g->found) {
		fprintf(stderr, "need at least a destination address\n");
		ret = EXIT_FAIL;
	}
	if (!ret)
		ret = put_dev(&g->req, RTA_IIF, g->iif);
	if (!ret)
		ret = put_dev(&g->req, RTA_OIF, g->oif);
	if (!ret && g->mark)
		nlreq_put_u32(&g->req, RTA_MARK, g->mark);
	if (g->r->rtm_family == AF_UNSPEC)
		g->r->rtm_family = AF_INET;
	/* Only IPv4 answers which table the route came from. */
	if (g->r->rtm_family == AF_INET)
		g->r->rtm_flags |= RTM_F_LOOKUP_TABLE;
	return ret;
}

static int route_get(struct ipbox *ib, int argc, char **argv)
{
	struct get_args *g = calloc(1, sizeof(*g));
	struct get_answer a = { NULL, g, false };
	struct nl *nl;
	int ret;

	if (!g)
		return EXIT_FAIL;
	ret = route_get_parse(ib, g, argc, argv);
	if (!ret && (!(nl = rt_socket(ib)) || !(a.s = route_show_new(ib))))
		ret = EXIT_FAIL;
	if (!ret) {
		/* An answer is printed whatever its flags: nothing is filtered.
		 * Both answers of `connected` go in one JSON array (iproute2
		 * writes the second as plain text after it: ipbox(8)). */
		a.s->f.cloned = true;
		ret = route_get_talk(nl, g, &a);
		if (!ret && g->connected && !g->from)
			ret = route_get_connected(nl, g, &a);
		if (a.begun)
			print_doc_end(a.s->p);
	}
	if (a.s)
		route_show_free(a.s);
	free(g);
	return ret;
}

/* ---- the object ----------------------------------------------------- */

static int route_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return route_usage();
}

/* iproute2's order: "a" is add, "d" delete, "s" show, "l" list. */
static const struct verb route_verbs[] = {
	{ "add", route_add }, { "change", route_change }, { "chg", route_change },
	{ "replace", route_replace }, { "prepend", route_prepend },
	{ "append", route_append }, { "test", route_test },
	{ "delete", route_del }, { "list", route_show }, { "show", route_show },
	{ "lst", route_show }, { "get", route_get }, { "flush", route_flush },
	{ "save", route_save }, { "restore", route_restore }, { "showdump", route_showdump },
	{ "help", route_help }, { NULL, NULL },
};

int do_route(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, route_verbs, "route", route_show, argc, argv);
}

void words_route(void)
{
	WORDS_TABLE("verb", route_verbs, word);
	WORDS_POOLED("keyword", filter_words);
	WORDS_POOLED("keyword", mod_words);
	WORDS_POOLED("keyword", metric_words);
	WORDS_POOLED("keyword", nh_words);
	WORDS_POOLED("keyword", get_words);
	words_route_types();
}
