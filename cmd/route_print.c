/* Reading and printing one route message as iproute2's print_route
 * does, for show, flush -s -s and get. */
#include "route_print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/in_route.h>

#include "../args/wordpool.h"
#include "../names/names.h"
#include "../netlink/attr.h"
#include "lwt.h"
#include "rta_print.h"
#include "words.h"

/* ---- route types --------------------------------------------------- */

static const char *const type_names[RTN_MAX + 1] = {
	[RTN_UNSPEC] = "none", [RTN_UNICAST] = "unicast", [RTN_LOCAL] = "local",
	[RTN_BROADCAST] = "broadcast", [RTN_ANYCAST] = "anycast",
	[RTN_MULTICAST] = "multicast", [RTN_BLACKHOLE] = "blackhole",
	[RTN_UNREACHABLE] = "unreachable", [RTN_PROHIBIT] = "prohibit",
	[RTN_THROW] = "throw", [RTN_NAT] = "nat", [RTN_XRESOLVE] = "xresolve",
};

const char *route_type_to_str(unsigned int type, char *buf, size_t len)
{
	if (type <= RTN_MAX && type_names[type] && !names_numeric)
		return type_names[type];
	snprintf(buf, len, "%u", type);
	return buf;
}

/* iproute2's rtnl_rtntype_a2n: most words may be abbreviated, in this
 * order; "local", "nat" and "throw" must be whole; a number is a type. */
static const struct type_word {
	word_off word;
	bool exact;
	uint8_t type;
} type_words[] = {
	{ W("local"), true, RTN_LOCAL }, { W("nat"), true, RTN_NAT },
	{ W("broadcast"), false, RTN_BROADCAST }, { W("brd"), true, RTN_BROADCAST },
	{ W("anycast"), false, RTN_ANYCAST }, { W("multicast"), false, RTN_MULTICAST },
	{ W("prohibit"), false, RTN_PROHIBIT }, { W("unreachable"), false, RTN_UNREACHABLE },
	{ W("blackhole"), false, RTN_BLACKHOLE }, { W("xresolve"), false, RTN_XRESOLVE },
	{ W("unicast"), false, RTN_UNICAST }, { W("throw"), true, RTN_THROW },
};

int route_type_from_str(const char *s, uint8_t *type)
{
	const struct type_word *w = KEYWORD_FIND(type_words, s);
	uint32_t v;

	if (w) {
		*type = w->type;
		return 0;
	}
	if (arg_u32(s, &v, 0) < 0 || v > 255)
		return -1;
	*type = (uint8_t)v;
	return 0;
}

/* ---- reading a route message --------------------------------------- */

static const enum mnl_attr_data_type route_policy[RTA_MAX + 1] = {
	[RTA_IIF] = MNL_TYPE_U32, [RTA_OIF] = MNL_TYPE_U32,
	[RTA_PRIORITY] = MNL_TYPE_U32, [RTA_FLOW] = MNL_TYPE_U32,
	[RTA_TABLE] = MNL_TYPE_U32, [RTA_MARK] = MNL_TYPE_U32,
	[RTA_UID] = MNL_TYPE_U32, [RTA_NH_ID] = MNL_TYPE_U32,
	[RTA_PREF] = MNL_TYPE_U8, [RTA_METRICS] = MNL_TYPE_NESTED,
	[RTA_TTL_PROPAGATE] = MNL_TYPE_U8, [RTA_ENCAP_TYPE] = MNL_TYPE_U16,
	[RTA_ENCAP] = MNL_TYPE_NESTED,
};

int route_read(const struct nlmsghdr *nlh, struct route *rt)
{
	if (attr_parse(rt->tb, RTA_MAX, route_policy, nlh, sizeof(struct rtmsg)) < 0)
		return -1;
	rt->r = mnl_nlmsg_get_payload(nlh);
	rt->table = rt->tb[RTA_TABLE] ? mnl_attr_get_u32(rt->tb[RTA_TABLE]) : rt->r->rtm_table;
	return 0;
}

/* iproute2's mpls_ntop: labels up to the bottom of the stack, "/" apart. */
static const char *mpls_ntop(const uint8_t *a, size_t len, char *buf)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t off = 0; off + 4 <= len && n + 12 < INET_STRLEN; off += 4) {
		uint32_t entry = (uint32_t)a[off] << 24 | a[off + 1] << 16 | a[off + 2] << 8 | a[off + 3];

		n += (size_t)snprintf(buf + n, INET_STRLEN - n, "%s%u", off ? "/" : "", entry >> 12);
		if (entry & 1u << 8)
			break;
	}
	return buf;
}

const char *route_attr_ntop(const struct nlattr *a, int family, char *buf)
{
	if (family == AF_MPLS)
		return mpls_ntop(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), buf);
	return rta_host(a, family, buf);
}

/* as to ADDR: the new destination of an MPLS route. */
static void print_newdst(struct printer *p, const struct rtmsg *r, const struct nlattr *a)
{
	char buf[INET_STRLEN];

	print_text(p, "as to ");
	print_color_string(p, PRINT_ANY, family_color(r->rtm_family), "to", "%s ",
			   route_attr_ntop(a, r->rtm_family, buf));
}

/* ---- printing a route ---------------------------------------------- */

/* "10.0.0.0/24", a host address without its length, or "default". */
static void print_route_prefix(struct printer *p, const struct route *rt, int type,
			       const char *key, const char *fmt, const char *zero_key)
{
	const struct rtmsg *r = rt->r;
	const struct nlattr *a = rt->tb[type];
	int len = type == RTA_DST ? r->rtm_dst_len : r->rtm_src_len;
	char buf[INET_STRLEN + NUM_STRLEN];

	if (a && len == inet_family_bits(r->rtm_family)) {
		/* a host: its name under -r */
		print_color_string(p, PRINT_ANY, family_color(r->rtm_family), key, fmt,
				   rta_host(a, r->rtm_family, buf));
	} else if (a) {
		/* "ADDR/LEN" by hand: this runs once per route of a dump. */
		size_t n = strlen(rta_ntop(a, r->rtm_family, buf));

		buf[n] = '/';
		num_str(buf + n + 1, (unsigned int)len, 10);
		print_color_string(p, PRINT_ANY, family_color(r->rtm_family), key, fmt, buf);
	} else if (len) {
		/* iproute2 prints "0/N " with a space of its own here. */
		snprintf(buf, sizeof(buf), type == RTA_DST ? "0/%d " : "0/%u", len);
		print_string(p, PRINT_ANY, zero_key, fmt, buf);
	} else if (type == RTA_DST) {
		print_string(p, PRINT_ANY, key, fmt, "default");
	}
}

/* RTA_VIA: a gateway of another family ("via inet6 fe80::1"). */
static void print_via(struct printer *p, const struct nlattr *a)
{
	const struct rtvia *via = mnl_attr_get_payload(a);
	uint16_t len = mnl_attr_get_payload_len(a);
	char buf[INET_STRLEN];
	int bytes;

	if (len < sizeof(*via))
		return;
	bytes = inet_family_bits(via->rtvia_family) / 8;
	if (!bytes || len < sizeof(*via) + bytes)
		return;
	inet_host(via->rtvia_family, via->rtvia_addr, buf);
	print_open_object(p, "via");
	print_string(p, PRINT_FP, NULL, "via %s ", via->rtvia_family == AF_INET6 ? "inet6" : "inet");
	print_string(p, PRINT_JSON, "family", NULL, via->rtvia_family == AF_INET6 ? "inet6" : "inet");
	print_color_string(p, PRINT_ANY, family_color(via->rtvia_family), "host", "%s ", buf);
	print_close_object(p);
}

static void print_dev(struct route_show *s, const char *key, uint32_t index)
{
	char buf[IF_NAMESIZE];

	print_text(s->p, "%s ", key);
	print_color_string(s->p, PRINT_ANY, COLOR_IFNAME, key, "%s ",
			   ifcache_name(&s->ifc, (int)index, buf));
}

static void print_flow(struct printer *p, uint32_t flow)
{
	uint32_t from = flow >> 16, to = flow & 0xffff;
	char buf[16];

	print_open_object(p, "flow");
	print_text(p, "realm%s ", from ? "s" : "");
	if (from)
		print_string(p, PRINT_ANY, "from", "%s/", names_to_str(&names_realms, from, buf, sizeof(buf)));
	print_string(p, PRINT_ANY, "to", "%s ", names_to_str(&names_realms, to, buf, sizeof(buf)));
	print_close_object(p);
}

static const char *const metric_names[RTAX_MAX + 1] = {
	[RTAX_MTU] = "mtu", [RTAX_WINDOW] = "window", [RTAX_RTT] = "rtt",
	[RTAX_RTTVAR] = "rttvar", [RTAX_SSTHRESH] = "ssthresh",
	[RTAX_CWND] = "cwnd", [RTAX_ADVMSS] = "advmss",
	[RTAX_REORDERING] = "reordering", [RTAX_HOPLIMIT] = "hoplimit",
	[RTAX_INITCWND] = "initcwnd", [RTAX_FEATURES] = "features",
	[RTAX_RTO_MIN] = "rto_min", [RTAX_INITRWND] = "initrwnd",
	[RTAX_QUICKACK] = "quickack", [RTAX_CC_ALGO] = "congctl",
	[RTAX_FASTOPEN_NO_COOKIE] = "fastopen_no_cookie",
};

/* rtt is kept in 1/8 ms, rttvar in 1/4 ms: print milliseconds or seconds. */
static void print_metric_time(struct printer *p, const char *key, uint32_t ms)
{
	char buf[32];

	print_uint(p, PRINT_JSON, key, NULL, ms);
	if (ms >= 1000)
		snprintf(buf, sizeof(buf), "%gs ", ms / 1e3);
	else
		snprintf(buf, sizeof(buf), "%ums ", ms);
	print_text(p, "%s", buf);
}

static void print_metric(struct printer *p, int i, const struct nlattr *a, bool locked)
{
	uint32_t v = a && i != RTAX_CC_ALGO && mnl_attr_get_payload_len(a) >= 4 ? mnl_attr_get_u32(a) : 0;
	const char *name = metric_names[i];

	if (i == RTAX_HOPLIMIT && (int32_t)v == -1)
		return;
	if (name)
		print_text(p, "%s ", name);
	else
		print_text(p, "metric %d ", i);
	if (locked)
		print_text(p, "lock ");
	switch (i) {
	case RTAX_RTT:
		print_metric_time(p, name, v / 8);
		break;
	case RTAX_RTTVAR:
		print_metric_time(p, name, v / 4);
		break;
	case RTAX_RTO_MIN:
		print_metric_time(p, name, v);
		break;
	case RTAX_CC_ALGO:
		if (a && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			print_string(p, PRINT_ANY, "congestion", "%s ", mnl_attr_get_str(a));
		break;
	case RTAX_FEATURES:
		if (v & RTAX_FEATURE_ECN)
			print_null(p, PRINT_ANY, "ecn", "ecn ");
		if (v & ~RTAX_FEATURE_ECN)
			print_uint(p, PRINT_ANY, name, "0x%x ", v & ~RTAX_FEATURE_ECN);
		break;
	default:
		print_uint(p, PRINT_ANY, name, "%u ", v);
	}
}

static void print_metrics(struct printer *p, const struct nlattr *nest)
{
	const struct nlattr *mx[RTAX_MAX + 1];
	uint32_t lock = 0;

	attr_parse_nested(mx, RTAX_MAX, NULL, nest);
	if (mx[RTAX_LOCK] && mnl_attr_get_payload_len(mx[RTAX_LOCK]) >= 4)
		lock = mnl_attr_get_u32(mx[RTAX_LOCK]);
	print_open_array(p, PRINT_JSON, "metrics", NULL);
	print_open_object(p, NULL);
	for (int i = RTAX_MTU; i <= RTAX_MAX; i++)
		if (mx[i] || (i < 32 && (lock & (1u << i))))
			print_metric(p, i, mx[i], i < 32 && (lock & (1u << i)));
	print_close_object(p);
	print_close_array(p, PRINT_JSON, NULL);
}

static int user_hz(void)
{
	static long hz;

	if (!hz)
		hz = sysconf(_SC_CLK_TCK);
	return hz > 0 ? (int)hz : 100;
}

static void print_cacheinfo(struct route_show *s, const struct nlattr *a)
{
	struct printer *p = s->p;
	struct rta_cacheinfo ci;

	if (mnl_attr_get_payload_len(a) < sizeof(ci))
		return;
	memcpy(&ci, mnl_attr_get_payload(a), sizeof(ci));
	if (ci.rta_expires)
		print_int(p, PRINT_ANY, "expires", "expires %dsec ", (int)ci.rta_expires / user_hz());
	if (ci.rta_error)
		print_uint(p, PRINT_ANY, "error", "error %u ", ci.rta_error);
	if (s->ib->stats) {
		if (ci.rta_clntref)
			print_uint(p, PRINT_ANY, "users", "users %u ", ci.rta_clntref);
		if (ci.rta_used)
			print_uint(p, PRINT_ANY, "used", "used %u ", ci.rta_used);
		if (ci.rta_lastuse)
			print_uint(p, PRINT_ANY, "age", "age %dsec ", ci.rta_lastuse / (unsigned int)user_hz());
	}
}

static const struct { uint32_t flag; const char *name; } cache_flag_names[] = {
	{ RTCF_LOCAL, "local" }, { RTCF_REJECT, "reject" },
	{ RTCF_MULTICAST, "mc" }, { RTCF_BROADCAST, "brd" },
	{ RTCF_DNAT, "dst-nat" }, { RTCF_SNAT, "src-nat" }, { RTCF_MASQ, "masq" },
	{ RTCF_DIRECTDST, "dst-direct" }, { RTCF_DIRECTSRC, "src-direct" },
	{ RTCF_REDIRECTED, "redirected" }, { RTCF_DOREDIRECT, "redirect" },
	{ RTCF_FAST, "fastroute" }, { RTCF_NOTIFY, "notify" },
	{ RTCF_TPROXY, "tproxy" },
};

/* The "cache <local,brd>" line of a cloned IPv4 route (route get). */
static void print_cache_flags(struct printer *p, uint32_t flags)
{
	bool first = true;
	char hex[16];

	flags &= ~0xffffu;
	print_open_array(p, PRINT_JSON, "cache", NULL);
	print_nl(p);
	print_text(p, "    cache ");
	for (size_t i = 0; i < ARRAY_SIZE(cache_flag_names); i++) {
		if (!(flags & cache_flag_names[i].flag))
			continue;
		flags &= ~cache_flag_names[i].flag;
		print_string(p, PRINT_ANY, NULL, first ? "<%s" : ",%s", cache_flag_names[i].name);
		first = false;
	}
	if (flags) {
		snprintf(hex, sizeof(hex), "%x", flags);
		print_string(p, PRINT_ANY, NULL, first ? "<%s" : ",%s", hex);
		first = false;
	}
	if (!first)
		print_text(p, "> ");
	print_close_array(p, PRINT_JSON, NULL);
}

/* RFC 4191 preference; no space after it, as iproute2. */
static void print_pref(struct printer *p, uint8_t pref)
{
	static const char *const names[4] = { "medium", "high", NULL, "low" };

	if (pref < 4 && names[pref])
		print_string(p, PRINT_ANY, "pref", "pref %s", names[pref]);
	else
		print_uint(p, PRINT_ANY, "pref", "%u", pref);
}

static const enum mnl_attr_data_type nexthop_policy[RTA_MAX + 1] = {
	[RTA_FLOW] = MNL_TYPE_U32, [RTA_ENCAP_TYPE] = MNL_TYPE_U16, [RTA_ENCAP] = MNL_TYPE_NESTED,
};

static void print_nexthop(struct route_show *s, const struct route *rt, const struct rtnexthop *nh)
{
	struct printer *p = s->p;
	const struct nlattr *tb[RTA_MAX + 1];
	char buf[IF_NAMESIZE];

	print_open_object(p, NULL);
	print_text(p, "%s\tnexthop ", p->sl);
	/* The nexthop's own attributes follow it. */
	attr_parse_payload(tb, RTA_MAX, nexthop_policy, RTNH_DATA(nh), nh->rtnh_len - sizeof(*nh));
	if (tb[RTA_ENCAP])
		lwt_print(p, tb[RTA_ENCAP_TYPE], tb[RTA_ENCAP]);
	if (tb[RTA_NEWDST])
		print_newdst(p, rt->r, tb[RTA_NEWDST]);
	if (tb[RTA_GATEWAY])
		print_gateway(p, rt->r->rtm_family, tb[RTA_GATEWAY]);
	if (tb[RTA_VIA])
		print_via(p, tb[RTA_VIA]);
	if (tb[RTA_FLOW])
		print_flow(p, mnl_attr_get_u32(tb[RTA_FLOW]));
	print_string(p, PRINT_ANY, "dev", "dev %s ", ifcache_name(&s->ifc, nh->rtnh_ifindex, buf));
	print_int(p, PRINT_ANY, "weight", "weight %d ", nh->rtnh_hops + 1);
	print_rt_flags(p, nh->rtnh_flags);
	print_close_object(p);
}

static void print_multipath(struct route_show *s, const struct route *rt, const struct nlattr *a)
{
	const struct rtnexthop *nh = mnl_attr_get_payload(a);
	size_t left = mnl_attr_get_payload_len(a);

	print_open_array(s->p, PRINT_JSON, "nexthops", NULL);
	while (left >= sizeof(*nh) && nh->rtnh_len >= sizeof(*nh) && nh->rtnh_len <= left) {
		print_nexthop(s, rt, nh);
		if ((size_t)RTNH_ALIGN(nh->rtnh_len) >= left)
			break;
		left -= (size_t)RTNH_ALIGN(nh->rtnh_len);
		nh = RTNH_NEXT(nh);
	}
	print_close_array(s->p, PRINT_JSON, NULL);
}

static void print_route_head(struct route_show *s, const struct route *rt, bool deleted)
{
	struct printer *p = s->p;
	const struct rtmsg *r = rt->r;
	char buf[32];

	if (deleted)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	if (r->rtm_type != RTN_UNICAST || s->ib->details)
		print_string(p, PRINT_ANY, "type", "%s ", route_type_to_str(r->rtm_type, buf, sizeof(buf)));
	print_route_prefix(p, rt, RTA_DST, "dst", "%s ", "dst");
	print_route_prefix(p, rt, RTA_SRC, "from", "from %s ", "src");
	if (rt->tb[RTA_NH_ID])
		print_uint(p, PRINT_ANY, "nhid", "nhid %u ", mnl_attr_get_u32(rt->tb[RTA_NH_ID]));
	if (rt->tb[RTA_NEWDST])
		print_newdst(p, rt->r, rt->tb[RTA_NEWDST]);
	if (rt->tb[RTA_ENCAP])
		lwt_print(p, rt->tb[RTA_ENCAP_TYPE], rt->tb[RTA_ENCAP]);
	if (r->rtm_tos && !s->f.tos_set)
		print_string(p, PRINT_ANY, "tos", "tos %s ",
			     names_dsfield_to_str(r->rtm_tos, buf, sizeof(buf)));
}

static void print_route_where(struct route_show *s, const struct route *rt)
{
	struct printer *p = s->p;
	const struct rtmsg *r = rt->r;
	char buf[32];

	if (rt->tb[RTA_GATEWAY] && s->f.via.bitlen != inet_family_bits(r->rtm_family))
		print_gateway(p, r->rtm_family, rt->tb[RTA_GATEWAY]);
	if (rt->tb[RTA_VIA])
		print_via(p, rt->tb[RTA_VIA]);
	if (rt->tb[RTA_OIF] && !s->f.oif)
		print_dev(s, "dev", mnl_attr_get_u32(rt->tb[RTA_OIF]));
	if (rt->table && (rt->table != RT_TABLE_MAIN || s->ib->details) && !s->f.table)
		print_string(p, PRINT_ANY, "table", "table %s ",
			     names_to_str(&names_tables, rt->table, buf, sizeof(buf)));
	if (!(r->rtm_flags & RTM_F_CLONED)) {
		if ((r->rtm_protocol != RTPROT_BOOT || s->ib->details) && !s->f.proto_set)
			print_string(p, PRINT_ANY, "protocol", "proto %s ",
				     names_to_str(&names_protos, r->rtm_protocol, buf, sizeof(buf)));
		if ((r->rtm_scope != RT_SCOPE_UNIVERSE || s->ib->details) && !s->f.scope_set)
			print_string(p, PRINT_ANY, "scope", "scope %s ",
				     names_to_str(&names_scopes, r->rtm_scope, buf, sizeof(buf)));
	}
	if (rt->tb[RTA_PREFSRC] && s->f.prefsrc.bitlen != inet_family_bits(r->rtm_family)) {
		char addr[INET_STRLEN];

		print_text(p, "src ");
		print_color_string(p, PRINT_ANY, family_color(r->rtm_family), "prefsrc", "%s ",
				   rta_ntop(rt->tb[RTA_PREFSRC], r->rtm_family, addr));
	}
	if (rt->tb[RTA_PRIORITY] && !s->f.metric_set)
		print_uint(p, PRINT_ANY, "metric", "metric %u ", mnl_attr_get_u32(rt->tb[RTA_PRIORITY]));
}

static void print_route_tail(struct route_show *s, const struct route *rt)
{
	struct printer *p = s->p;
	const struct rtmsg *r = rt->r;
	uint32_t mark = attr_u32_or(rt->tb[RTA_MARK], 0);

	print_rt_flags(p, r->rtm_flags);
	if (mark >= 16)		/* iproute2 writes a big mark in hex */
		print_uint(p, PRINT_ANY, "mark", "mark 0x%x ", mark);
	else if (mark)
		print_uint(p, PRINT_ANY, "mark", "mark %u ", mark);
	if (rt->tb[RTA_FLOW] && s->f.realms_mask != ~0u)
		print_flow(p, mnl_attr_get_u32(rt->tb[RTA_FLOW]));
	if (rt->tb[RTA_UID])
		print_uint(p, PRINT_ANY, "uid", "uid %u ", mnl_attr_get_u32(rt->tb[RTA_UID]));
	if (r->rtm_family == AF_INET && (r->rtm_flags & RTM_F_CLONED))
		print_cache_flags(p, r->rtm_flags);
	if (rt->tb[RTA_CACHEINFO] && (r->rtm_family == AF_INET || r->rtm_family == AF_INET6))
		print_cacheinfo(s, rt->tb[RTA_CACHEINFO]);
	if (rt->tb[RTA_METRICS])
		print_metrics(p, rt->tb[RTA_METRICS]);
	if (rt->tb[RTA_IIF] && !s->f.iif)
		print_dev(s, "iif", mnl_attr_get_u32(rt->tb[RTA_IIF]));
	if (rt->tb[RTA_PREF])
		print_pref(p, mnl_attr_get_u8(rt->tb[RTA_PREF]));
	if (rt->tb[RTA_TTL_PROPAGATE]) {
		/* iproute2's spelling, and no space after it */
		bool on = mnl_attr_get_u8(rt->tb[RTA_TTL_PROPAGATE]);

		print_bool(p, PRINT_JSON, "ttl-propogate", NULL, on);
		print_string(p, PRINT_FP, NULL, "ttl-propogate %s", on ? "enabled" : "disabled");
	}
	if (rt->tb[RTA_NH_ID] && s->ib->details)
		nexthop_print_id(s->ib, &s->ifc, &s->nhl, mnl_attr_get_u32(rt->tb[RTA_NH_ID]));
	if (rt->tb[RTA_MULTIPATH])
		print_multipath(s, rt, rt->tb[RTA_MULTIPATH]);
}

void print_route(struct route_show *s, const struct nlmsghdr *nlh, const struct route *rt)
{
	print_open_object(s->p, NULL);
	print_route_head(s, rt, nlh->nlmsg_type == RTM_DELROUTE);
	print_route_where(s, rt);
	print_route_tail(s, rt);
	print_text(s->p, "\n");
	print_close_object(s->p);
}

void words_route_types(void)
{
	WORDS_POOLED("value", type_words);
}

/* ---- the show state every route printer takes -------------------- */

struct route_show *route_show_new(struct ipbox *ib)
{
	struct route_show *s = calloc(1, sizeof(*s));

	if (!s) {
		perror("calloc");
		return NULL;
	}
	s->ib = ib;
	s->p = ib->pr;
	return s;
}

void route_show_free(struct route_show *s)
{
	ifcache_close(&s->ifc);
	nh_lookup_close(&s->nhl);
	free(s);
}
