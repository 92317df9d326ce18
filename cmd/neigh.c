/* ip neigh: the ARP and NDISC caches (and proxy entries), with
 * iproute2's words, output and errors. */
#include "neigh.h"

#include <errno.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "../args/inet.h"
#include "../args/walk.h"
#include "../args/wordpool.h"
#include "flush.h"
#include "../names/names.h"
#include "../netlink/attr.h"
#include "../netlink/ifname.h"
#include "../netlink/lladdr.h"
#include "../netlink/vrf.h"
#include "usage.h"
#include "words.h"

USAGE(neigh,
	"Usage: ip neigh { add | del | change | replace }\n"
	"                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n"
	"                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]\n"
	"                [ protocol PROTO ]\n"
	"\n"
	"	ip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n"
	"				  [ vrf NAME ] [ nomaster ]\n"
	"	ip neigh get { ADDR | proxy ADDR } dev DEV\n"
	"\n"
	"STATE := { delay | failed | incomplete | noarp | none |\n"
	"           permanent | probe | reachable | stale }\n");

static int neigh_usage(void)
{
	return usage_print("neigh");
}

/* ---- states --------------------------------------------------------- */

/* Printed in this order, upper case, as iproute2 does. */
static const struct { uint16_t nud; const char *name; } nud_names[] = {
	{ NUD_INCOMPLETE, "INCOMPLETE" }, { NUD_REACHABLE, "REACHABLE" },
	{ NUD_STALE, "STALE" }, { NUD_DELAY, "DELAY" }, { NUD_PROBE, "PROBE" },
	{ NUD_FAILED, "FAILED" }, { NUD_NOARP, "NOARP" },
	{ NUD_PERMANENT, "PERMANENT" },
};

/* Words for "nud STATE", in iproute2's order; `exact` rows take no prefix. */
static const struct nud_word { word_off word; bool exact; uint16_t nud; } nud_words[] = {
	{ W("permanent"), false, NUD_PERMANENT }, { W("reachable"), false, NUD_REACHABLE },
	{ W("noarp"), true, NUD_NOARP }, { W("none"), true, NUD_NONE },
	{ W("stale"), true, NUD_STALE }, { W("incomplete"), true, NUD_INCOMPLETE },
	{ W("delay"), true, NUD_DELAY }, { W("probe"), true, NUD_PROBE },
	{ W("failed"), false, NUD_FAILED },
};

/* A state word or a number with at most one bit, below 0x100. */
static int nud_from_str(const char *s, uint32_t *nud)
{
	const struct nud_word *w = KEYWORD_FIND(nud_words, s);

	if (w) {
		*nud = w->nud;
		return 0;
	}
	if (arg_u32(s, nud, 0) < 0 || *nud >= 0x100 || (*nud & (*nud - 1)))
		return -1;
	return 0;
}

/* ---- printing ------------------------------------------------------- */

/* NUD_NONE (0) entries pass only with this bit in the state mask. */
#define NUD_MASK_NONE 0x100

struct neigh_filter {
	int family;
	int index;
	int master;		/* NDA_MASTER: an ifindex, or -1 for nomaster */
	uint32_t state;		/* mask of NUD_* (and NUD_MASK_NONE) */
	uint32_t proto;
	bool unused;
	bool proxy;
	struct inet_prefix pfx;
};

struct neigh_show {
	struct ipbox *ib;
	struct printer *p;
	struct neigh_filter f;
	struct ifcache ifc;
};

static const enum mnl_attr_data_type neigh_policy[NDA_MAX + 1] = {
	[NDA_PROBES] = MNL_TYPE_U32, [NDA_PROTOCOL] = MNL_TYPE_U8,
	[NDA_FLAGS_EXT] = MNL_TYPE_U32,
};

static bool state_ok(const struct neigh_filter *f, const struct ndmsg *nd)
{
	return (f->state & nd->ndm_state) || (nd->ndm_flags & (NTF_PROXY | NTF_EXT_LEARNED)) ||
	       (!nd->ndm_state && (f->state & NUD_MASK_NONE));
}

static bool neigh_filter_ok(const struct neigh_filter *f, const struct ndmsg *nd,
			    const struct nlattr **tb)
{
	uint8_t proto = tb[NDA_PROTOCOL] ? mnl_attr_get_u8(tb[NDA_PROTOCOL]) : 0;

	if ((f->family && f->family != nd->ndm_family) ||
	    (f->index && f->index != nd->ndm_ifindex) || !state_ok(f, nd))
		return false;
	if (f->pfx.family) {
		int bytes = inet_family_bits(f->pfx.family) / 8;

		if (!tb[NDA_DST] || nd->ndm_family != f->pfx.family ||
		    mnl_attr_get_payload_len(tb[NDA_DST]) < bytes ||
		    !inet_prefix_covers(&f->pfx, mnl_attr_get_payload(tb[NDA_DST]), f->pfx.bitlen))
			return false;
	}
	if (f->proto && f->proto != proto)
		return false;
	if (f->unused && tb[NDA_CACHEINFO] &&
	    mnl_attr_get_payload_len(tb[NDA_CACHEINFO]) >= sizeof(struct nda_cacheinfo) &&
	    ((const struct nda_cacheinfo *)mnl_attr_get_payload(tb[NDA_CACHEINFO]))->ndm_refcnt)
		return false;
	return true;
}

static void print_neigh_cacheinfo(struct printer *p, const struct nlattr *a)
{
	struct nda_cacheinfo ci;
	long hz = sysconf(_SC_CLK_TCK);
	unsigned int div = hz > 0 ? (unsigned int)hz : 100;

	if (mnl_attr_get_payload_len(a) < sizeof(ci))
		return;
	memcpy(&ci, mnl_attr_get_payload(a), sizeof(ci));
	if (ci.ndm_refcnt)
		print_uint(p, PRINT_ANY, "refcnt", " ref %u", ci.ndm_refcnt);
	print_uint(p, PRINT_ANY, "used", " used %u", ci.ndm_used / div);
	print_uint(p, PRINT_ANY, "confirmed", "/%u", ci.ndm_confirmed / div);
	print_uint(p, PRINT_ANY, "updated", "/%u", ci.ndm_updated / div);
}

static void print_nud(struct printer *p, uint16_t nud)
{
	print_open_array(p, PRINT_JSON, "state", NULL);
	for (size_t i = 0; i < ARRAY_SIZE(nud_names); i++)
		if (nud & nud_names[i].nud)
			print_string(p, PRINT_ANY, NULL, "%s ", nud_names[i].name);
	print_close_array(p, PRINT_JSON, NULL);
}

/* In iproute2's order: managed (an NDA_FLAGS_EXT bit, `ext`) comes
 * between proxy and extern_learn. */
static const struct { bool ext; uint32_t flag; const char *key, *text; } ntf_names[] = {
	{ false, NTF_ROUTER, "router", "router " }, { false, NTF_PROXY, "proxy", "proxy " },
	{ true, NTF_EXT_MANAGED, "managed", "managed " },
	{ false, NTF_EXT_LEARNED, "extern_learn", "extern_learn " },
	{ false, NTF_OFFLOADED, "offload", "offload " },
};

static void print_neigh_flags(struct printer *p, const struct ndmsg *nd, const struct nlattr **tb)
{
	uint32_t ext = tb[NDA_FLAGS_EXT] ? mnl_attr_get_u32(tb[NDA_FLAGS_EXT]) : 0;

	for (size_t i = 0; i < ARRAY_SIZE(ntf_names); i++)
		if ((ntf_names[i].ext ? ext : nd->ndm_flags) & ntf_names[i].flag)
			print_null(p, PRINT_ANY, ntf_names[i].key, ntf_names[i].text);
}

/* The three fields both layouts share; `fmt` holds each one's format:
 * "%s " plain, "%-39s " / "%-16s " / "%s" under -br. */
static void print_neigh_where(struct neigh_show *s, const struct ndmsg *nd,
			      const struct nlattr **tb, const char *const fmt[3])
{
	struct printer *p = s->p;
	char addr[INET_STRLEN], ll[LLADDR_STRLEN], dev[IF_NAMESIZE];

	if (tb[NDA_DST] && inet_family_bits(nd->ndm_family) &&
	    mnl_attr_get_payload_len(tb[NDA_DST]) >= inet_family_bits(nd->ndm_family) / 8)
		print_color_string(p, PRINT_ANY, nd->ndm_family == AF_INET6 ? COLOR_INET6 : COLOR_INET,
				   "dst", fmt[0], inet_host(nd->ndm_family, mnl_attr_get_payload(tb[NDA_DST]), addr));
	if (!s->f.index && nd->ndm_ifindex) {
		if (!s->ib->brief)
			print_text(p, "dev ");
		print_color_string(p, PRINT_ANY, COLOR_IFNAME, "dev", fmt[1],
				   ifcache_name(&s->ifc, nd->ndm_ifindex, dev));
	}
	if (tb[NDA_LLADDR]) {
		if (!s->ib->brief)
			print_text(p, "lladdr ");
		/* ARPHRD_VOID: hex bytes, as for every device neighbours live on */
		print_color_string(p, PRINT_ANY, COLOR_MAC, "lladdr", fmt[2],
				   lladdr_ntop(mnl_attr_get_payload(tb[NDA_LLADDR]),
					       mnl_attr_get_payload_len(tb[NDA_LLADDR]),
					       ARPHRD_VOID, ll, sizeof(ll)));
	}
}

static void print_neigh(struct neigh_show *s, const struct nlmsghdr *nlh,
			const struct ndmsg *nd, const struct nlattr **tb)
{
	static const char *const plain[3] = { "%s ", "%s ", "%s " };
	static const char *const brief[3] = { "%-39s ", "%-16s ", "%s" };
	struct printer *p = s->p;
	char proto[16];

	print_open_object(p, NULL);
	if (nlh->nlmsg_type == RTM_DELNEIGH)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	print_neigh_where(s, nd, tb, s->ib->brief ? brief : plain);
	if (s->ib->brief) {
		print_text(p, "\n");
		print_close_object(p);
		return;
	}
	print_neigh_flags(p, nd, tb);
	if (s->ib->stats) {
		if (tb[NDA_CACHEINFO])
			print_neigh_cacheinfo(p, tb[NDA_CACHEINFO]);
		if (tb[NDA_PROBES])
			print_uint(p, PRINT_ANY, "probes", "probes %u ", mnl_attr_get_u32(tb[NDA_PROBES]));
	}
	if (nd->ndm_state)
		print_nud(p, nd->ndm_state);
	if (tb[NDA_PROTOCOL] && mnl_attr_get_u8(tb[NDA_PROTOCOL]))
		print_string(p, PRINT_ANY, "protocol", "proto %s ",
			     names_to_str(&names_protos, mnl_attr_get_u8(tb[NDA_PROTOCOL]), proto, sizeof(proto)));
	print_text(p, "\n");
	print_close_object(p);
}

/* An entry of the dump that the filter keeps, its attributes in tb. */
static bool neigh_selected(struct neigh_show *s, const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	return (nlh->nlmsg_type == RTM_NEWNEIGH || nlh->nlmsg_type == RTM_DELNEIGH) &&
	       attr_parse(tb, NDA_MAX, neigh_policy, nlh, sizeof(struct ndmsg)) == 0 &&
	       neigh_filter_ok(&s->f, mnl_nlmsg_get_payload(nlh), tb);
}

int neigh_show_one(const struct nlmsghdr *nlh, void *data)
{
	struct neigh_show *s = data;
	const struct nlattr *tb[NDA_MAX + 1];

	if (neigh_selected(s, nlh, tb))
		print_neigh(s, nlh, mnl_nlmsg_get_payload(nlh), tb);
	return NL_CB_OK;
}

/* ---- show, flush ---------------------------------------------------- */

static int parse_nud_filter(struct neigh_filter *f, const char *v, bool *given, bool flush)
{
	uint32_t nud;

	if (!*given) {
		*given = true;
		f->state = 0;
	}
	if (nud_from_str(v, &nud) < 0) {
		if (strcmp(v, "all"))
			return arg_invalid("nud state is bad", v);
		nud = flush ? ~(uint32_t)NUD_NOARP : ~0u;
	}
	f->state |= nud ? nud : NUD_MASK_NONE;
	return 0;
}

/* [to] PREFIX; the first one sets the family of the dump. */
static int parse_neigh_prefix(struct neigh_filter *f, struct arg_walk *w)
{
	const char *v = *w->argv;
	int ret;

	if (!strcmp(v, "to"))
		WALK_NEXT(w, v);
	if (matches(v, "help"))
		return neigh_usage();
	ret = inet_get_prefix(&f->pfx, v, f->family);
	if (!ret && f->family == AF_UNSPEC)
		f->family = f->pfx.family;
	return ret;
}

static int parse_neigh_proto(struct neigh_filter *f, const char *v)
{
	if (names_to_id(&names_protos, v, &f->proto) == 0)
		return 0;
	if (strcmp(v, "all"))
		return arg_invalid("invalid \"protocol\"\n", v);
	f->proto = 0;
	return 0;
}

static int parse_neigh_filter(struct neigh_show *s, int argc, char **argv, bool flush)
{
	struct neigh_filter *f = &s->f;
	struct arg_walk w = { argc, argv };
	const char *dev = NULL, *v;
	bool nud_given = false;
	int ret = 0;

	f->family = s->ib->family;
	/* Without "nud": a flush spares permanent entries, a show hides NOARP. */
	f->state = flush ? ~(uint32_t)(NUD_PERMANENT | NUD_NOARP) : 0xff & ~NUD_NOARP;
	for (; !ret && w.argc > 0; w.argc--, w.argv++) {
		const char *word = *w.argv;

		if (keyword_is(word, "dev", true)) {
			WALK_NEXT(&w, v);
			if (dev)
				return arg_duplicate("dev", v);
			dev = v;
		} else if (!strcmp(word, "master")) {
			WALK_NEXT(&w, v);
			if (!(f->master = ifname_to_index(v)))
				return arg_invalid("Device does not exist\n", v);
		} else if (!strcmp(word, "vrf")) {
			uint32_t table;

			WALK_NEXT(&w, v);
			if (!(f->master = ifname_to_index(v)) || !vrf_lookup(v, &table))
				return arg_invalid("Not a valid VRF name\n", v);
		} else if (!strcmp(word, "nomaster")) {
			f->master = -1;
		} else if (!strcmp(word, "unused")) {
			f->unused = true;
		} else if (keyword_is(word, "nud", true)) {
			WALK_NEXT(&w, v);
			ret = parse_nud_filter(f, v, &nud_given, flush);
		} else if (!strcmp(word, "proxy")) {
			f->proxy = true;
		} else if (matches(word, "protocol")) {
			WALK_NEXT(&w, v);
			ret = parse_neigh_proto(f, v);
		} else {
			ret = parse_neigh_prefix(f, &w);
		}
	}
	if (!ret && dev && !(f->index = ifname_to_index(dev)))
		return arg_nodev(dev);
	return ret;
}

static void neigh_request(struct nlreq *req, void *data)
{
	struct neigh_show *s = data;
	struct ndmsg *nd = nlreq_init(req, RTM_GETNEIGH, 0, sizeof(*nd));

	nd->ndm_family = (uint8_t)s->f.family;
	if (s->f.proxy)
		nd->ndm_flags = NTF_PROXY;
	if (s->f.index)
		nlreq_put_u32(req, NDA_IFINDEX, (uint32_t)s->f.index);
	if (s->f.master)	/* the kernel filters (strict checking) */
		nlreq_put_u32(req, NDA_MASTER, (uint32_t)s->f.master);
}

static int neigh_list(struct neigh_show *s, struct nl *nl)
{
	struct nlreq req;
	int ret;

	neigh_request(&req, s);
	print_doc_begin(s->p);
	ret = nl_dump(nl, &req, neigh_show_one, s);
	print_doc_end(s->p);
	if (ret < 0) {
		nl_perror(nl);
		fprintf(stderr, "Dump terminated\n");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static bool neigh_flush_match(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NDA_MAX + 1];

	return neigh_selected(data, nlh, tb);
}

static void neigh_flush_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NDA_MAX + 1];

	if (neigh_selected(data, nlh, tb))
		print_neigh(data, nlh, mnl_nlmsg_get_payload(nlh), tb);
}

/* A deleted entry still in use comes back as FAILED: later rounds leave
 * those, or the flush would not end (iproute2 does the same). */
static bool neigh_flush_again(void *data)
{
	struct neigh_show *s = data;

	s->f.state &= ~(uint32_t)NUD_FAILED;
	return true;
}

/* iproute2 ignores no failed delete of a neighbour (an fdb entry the
 * kernel will not delete says ENOENT round after round): exit 1 at once,
 * 255 after ten rounds. */
static const struct flush_spec neigh_flush_spec = {
	.what = "neigh flush", .del_type = RTM_DELNEIGH, .hdr_len = sizeof(struct ndmsg),
	.noun = "entries", .max_rounds = 10,
	.bail_out = "*** Flush not complete bailing out after %d rounds\n",
	.fail_after_dump = true, .dump_failed = EXIT_FAIL, .bail_status = EXIT_USAGE,
	.request = neigh_request, .match = neigh_flush_match, .print = neigh_flush_print,
	.again = neigh_flush_again,
};

static struct neigh_show *neigh_show_new(struct ipbox *ib)
{
	struct neigh_show *s = calloc(1, sizeof(*s));

	if (s) {
		s->ib = ib;
		s->p = ib->pr;
	}
	return s;
}

/* ip monitor's view: every state, the device's (0: all); a device
 * named leaves `dev` out of the lines, as show's filter does. */
struct neigh_show *neigh_events_new(struct ipbox *ib, int ifindex)
{
	struct neigh_show *s = neigh_show_new(ib);

	if (s) {
		s->f.state = ~0u;
		s->f.index = ifindex;
	}
	return s;
}

void neigh_show_free(struct neigh_show *s)
{
	ifcache_close(&s->ifc);
	free(s);
}

static int neigh_show_or_flush(struct ipbox *ib, int argc, char **argv, bool flush)
{
	struct neigh_show *s;
	struct nl *nl;
	int ret;

	if (flush && argc <= 0) {
		fprintf(stderr, "Flush requires arguments.\n");
		return EXIT_FAIL;
	}
	s = neigh_show_new(ib);
	if (!s)
		return EXIT_FAIL;
	ret = parse_neigh_filter(s, argc, argv, flush);
	if (!ret && !(nl = rt_socket(ib)))
		ret = EXIT_FAIL;
	if (!ret)
		ret = flush ? flush_rounds(ib, &neigh_flush_spec, s) : neigh_list(s, nl);
	neigh_show_free(s);
	return ret;
}

static int neigh_show(struct ipbox *ib, int argc, char **argv)
{
	return neigh_show_or_flush(ib, argc, argv, false);
}

static int neigh_flush(struct ipbox *ib, int argc, char **argv)
{
	return neigh_show_or_flush(ib, argc, argv, true);
}

/* ---- add, change, replace, delete, get ------------------------------ */

struct neigh_req {
	struct nlreq req;
	struct ndmsg *nd;
	const char *dev, *lladdr;
	struct inet_prefix dst;
	bool dst_ok, dev_ok;
	uint32_t ext_flags;
};

/* ADDR, "to ADDR" or "proxy ADDR" (which needs no device). */
static int neigh_dst(struct neigh_req *n, struct arg_walk *w, int family)
{
	const char *v = *w->argv;
	bool proxy = keyword_is(v, "proxy", false);

	if (proxy || keyword_is(v, "to", true))
		WALK_NEXT(w, v);
	/* iproute2 prints the usage for "proxy help" but otherwise steps
	 * over "help" and reads the next word as the address */
	if (keyword_is(v, "help", false) && proxy)
		return neigh_usage();
	if (keyword_is(v, "help", false))
		WALK_NEXT(w, v);
	if (n->dst_ok) {
		if (proxy)
			return arg_duplicate("address", v);
		return arg_garbage("to", v);
	}
	n->dst_ok = true;
	if (proxy) {
		n->dev_ok = true;
		n->nd->ndm_flags |= NTF_PROXY;
	}
	return inet_get_addr(&n->dst, v, family);
}

/* Flags that are one word each; `exact` rows take no prefix. */
static const struct flag_word { word_off word; bool exact; uint8_t flag; } neigh_flag_words[] = {
	{ W("router"), true, NTF_ROUTER }, { W("use"), true, NTF_USE },
	{ W("extern_learn"), false, NTF_EXT_LEARNED },
};

static int neigh_word(struct neigh_req *n, int family, struct arg_walk *w)
{
	const struct flag_word *flag = KEYWORD_FIND(neigh_flag_words, *w->argv);
	const char *word = *w->argv, *v;
	uint32_t num;

	if (flag) {
		n->nd->ndm_flags |= flag->flag;
		return 0;
	}
	if (keyword_is(word, "lladdr", false)) {
		WALK_NEXT(w, v);
		if (n->lladdr)
			return arg_duplicate("lladdr", v);
		n->lladdr = v;
	} else if (keyword_is(word, "nud", true)) {
		WALK_NEXT(w, v);
		if (nud_from_str(v, &num) < 0)
			return arg_invalid("nud state is bad", v);
		n->nd->ndm_state = (uint16_t)num;
	} else if (keyword_is(word, "managed", true)) {
		/* the kernel keeps a managed entry resolved: it starts empty */
		n->ext_flags |= NTF_EXT_MANAGED;
		n->nd->ndm_state = NUD_NONE;
	} else if (keyword_is(word, "dev", true)) {
		WALK_NEXT(w, n->dev);
		n->dev_ok = true;
	} else if (keyword_is(word, "protocol", false) && !matches(word, "proxy")) {
		/* "p" and "pro" are proxy: iproute2 tries it first */
		WALK_NEXT(w, v);
		if (names_to_id(&names_protos, v, &num) < 0 || num > 255)
			return arg_invalid("\"protocol\" value is invalid\n", v);
		nlreq_put_u8(&n->req, NDA_PROTOCOL, (uint8_t)num);
	} else {
		return neigh_dst(n, w, family);
	}
	return 0;
}

static int neigh_put_rest(struct neigh_req *n)
{
	uint8_t ll[LLADDR_MAX];

	n->nd->ndm_family = (uint8_t)n->dst.family;
	nlreq_put(&n->req, NDA_DST, (size_t)n->dst.bytelen, n->dst.data);
	if (n->lladdr && !keyword_is(n->lladdr, "null", true)) {
		int len = lladdr_pton(n->lladdr, ll, sizeof(ll));

		if (len < 0)
			return EXIT_FAIL;
		nlreq_put(&n->req, NDA_LLADDR, (size_t)len, ll);
	}
	if (n->ext_flags)
		nlreq_put_u32(&n->req, NDA_FLAGS_EXT, n->ext_flags);
	if (n->dev && !(n->nd->ndm_ifindex = ifname_to_index(n->dev)))
		return arg_nodev(n->dev);
	return 0;
}

/* The device and the address are given (else iproute2's message, naming
 * the address `noun`, and `status`): the request's last attributes. */
static int neigh_complete(struct neigh_req *n, const char *noun, int status)
{
	if (!n->dev_ok || !n->dst_ok || n->dst.family == AF_UNSPEC) {
		fprintf(stderr, "Device and %s are required arguments.\n", noun);
		return status;
	}
	return neigh_put_rest(n);
}

static int neigh_modify(struct ipbox *ib, int argc, char **argv, uint16_t cmd, uint16_t flags)
{
	struct neigh_req *n = nlreq_holder_new(sizeof(*n), offsetof(struct neigh_req, req));
	int ret = 0;

	if (!n)
		return EXIT_FAIL;
	n->nd = nlreq_init(&n->req, cmd, flags, sizeof(*n->nd));
	n->nd->ndm_family = (uint8_t)ib->family;
	n->nd->ndm_state = NUD_PERMANENT;
	for (struct arg_walk w = { argc, argv }; !ret && w.argc > 0; w.argc--, w.argv++)
		ret = neigh_word(n, ib->family, &w);
	if (!ret)
		ret = neigh_complete(n, "destination", EXIT_USAGE);
	if (!ret)
		ret = rt_talk(ib, &n->req);
	nlreq_holder_free(n);
	return ret;
}

static int neigh_add(struct ipbox *ib, int argc, char **argv)
{
	return neigh_modify(ib, argc, argv, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL);
}

static int neigh_change(struct ipbox *ib, int argc, char **argv)
{
	return neigh_modify(ib, argc, argv, RTM_NEWNEIGH, NLM_F_REPLACE);
}

static int neigh_replace(struct ipbox *ib, int argc, char **argv)
{
	return neigh_modify(ib, argc, argv, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE);
}

static int neigh_del(struct ipbox *ib, int argc, char **argv)
{
	return neigh_modify(ib, argc, argv, RTM_DELNEIGH, 0);
}

static int neigh_get_answer(const struct nlmsghdr *nlh, void *data)
{
	struct neigh_show *s = data;
	const struct nlattr *tb[NDA_MAX + 1];
	const struct ndmsg *nd = mnl_nlmsg_get_payload(nlh);

	if (attr_parse(tb, NDA_MAX, neigh_policy, nlh, sizeof(*nd)) == 0)
		print_neigh(s, nlh, nd, tb);
	return NL_CB_STOP;
}

static int neigh_get_send(struct ipbox *ib, struct neigh_req *n)
{
	struct neigh_show *s = neigh_show_new(ib);
	struct nl *nl = rt_socket(ib);
	bool json;
	int ret = EXIT_OK;

	if (!s || !nl) {
		free(s);
		return EXIT_FAIL;
	}
	/* iproute2 6.1 answers a get in plain text even under -j. */
	json = print_plain_begin(ib->pr);
	if (nl_talk(nl, &n->req, neigh_get_answer, s) < 0) {
		nl_perror(nl);
		ret = EXIT_KERNEL;
	}
	print_plain_end(ib->pr, json);
	neigh_show_free(s);
	return ret;
}

static int neigh_get(struct ipbox *ib, int argc, char **argv)
{
	struct neigh_req *n = calloc(1, sizeof(*n));
	int ret = 0;

	if (!n)
		return EXIT_FAIL;
	n->nd = nlreq_init(&n->req, RTM_GETNEIGH, 0, sizeof(*n->nd));
	n->nd->ndm_family = (uint8_t)ib->family;
	for (struct arg_walk w = { argc, argv }; !ret && w.argc > 0; w.argc--, w.argv++) {
		if (strcmp(*w.argv, "dev")) {
			ret = neigh_dst(n, &w, ib->family);
		} else if (!(n->dev = walk_next(&w))) {
			ret = arg_incomplete();
		} else {
			n->dev_ok = true;
		}
	}
	if (!ret)
		ret = neigh_complete(n, "address", EXIT_FAIL);
	if (!ret)
		ret = neigh_get_send(ib, n);
	free(n);
	return ret;
}

static int neigh_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return neigh_usage();
}

/* iproute2's order: "d" is delete, "s" show, "l" list. */
static const struct verb neigh_verbs[] = {
	{ "add", neigh_add }, { "change", neigh_change }, { "chg", neigh_change },
	{ "replace", neigh_replace }, { "delete", neigh_del }, { "get", neigh_get },
	{ "show", neigh_show }, { "lst", neigh_show }, { "list", neigh_show },
	{ "flush", neigh_flush }, { "help", neigh_help }, { NULL, NULL },
};

int do_neigh(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, neigh_verbs, "neigh", neigh_show, argc, argv);
}

void words_neigh(void)
{
	WORDS_TABLE("verb", neigh_verbs, word);
	WORDS_POOLED("keyword", neigh_flag_words);
	WORDS_POOLED("value", nud_words);
}
