/* ip nat check SRC DST [ proto P ] [ dport N ] [ iif DEV ]: the path the
 * first packet of a connection from SRC to DST would take through the
 * kernel, without sending anything: ipbox's dnat, the route (asked of
 * the kernel, as `ip route get`), forwarding, rp_filter, the forward
 * chains of other tables (nat/explain.c), ipbox's snat, and a verdict.
 * Exit 0 when a rule of ipbox translates it and nothing drops it. */
#include "nat.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "../args/inet.h"
#include "../args/walk.h"
#include "../caps/caps.h"
#include "../nat/explain.h"
#include "../netlink/attr.h"
#include "../netlink/ifname.h"
#include "words.h"

struct check_req {
	struct nat_addr src, dst;
	int proto, dport;
	char iif[IF_NAMESIZE];
	bool iif_given;
};

/* ---- words ----------------------------------------------------------- */

static int check_usage_error(const char *fmt, const char *word)
{
	fputs("Error: nat check: ", stderr);
	fprintf(stderr, fmt, word);
	fputs("\n", stderr);
	return EXIT_USAGE;
}

static int word_proto(struct check_req *c, struct arg_walk *w)
{
	const char *v;

	WALK_NEXT(w, v);
	c->proto = nat_proto_number(v);
	return c->proto < 0 ? check_usage_error("\"%s\" is not a protocol.", v) : 0;
}

static int word_dport(struct check_req *c, struct arg_walk *w)
{
	const char *v;
	char *end;
	unsigned long port;

	WALK_NEXT(w, v);
	port = strtoul(v, &end, 10);
	if (!*v || *end || port < 1 || port > 65535)
		return check_usage_error("\"%s\" is not a port (1-65535).", v);
	c->dport = (int)port;
	return 0;
}

static int word_iif(struct check_req *c, struct arg_walk *w)
{
	const char *v;

	WALK_NEXT(w, v);
	if (strlen(v) >= IF_NAMESIZE || !*v)
		return check_usage_error("\"%s\" is not an interface name.", v);
	strcpy(c->iif, v);
	c->iif_given = true;
	return 0;
}

static const struct {
	const char *word;
	bool exact;
	int (*fn)(struct check_req *c, struct arg_walk *w);
} check_words[] = {
	{ "proto", true, word_proto },
	{ "dport", true, word_dport },
	{ "iif", true, word_iif },
};

static int check_addr(const char *s, int family, struct nat_addr *a)
{
	struct inet_prefix p;

	if (inet_parse_addr(&p, s, family) < 0 || p.any || (p.family != AF_INET && p.family != AF_INET6))
		return check_usage_error(family == AF_INET ? "\"%s\" is not an IPv4 address."
					 : family == AF_INET6 ? "\"%s\" is not an IPv6 address."
					 : "\"%s\" is not an IPv4 or IPv6 address.", s);
	*a = (struct nat_addr){ .family = p.family, .plen = (uint8_t)p.bitlen };
	memcpy(a->a, p.data, p.bytelen);
	return 0;
}

static int check_parse(struct ipbox *ib, int argc, char **argv, struct check_req *c)
{
	struct arg_walk w = { argc, argv };
	int ret;

	*c = (struct check_req){ .proto = -1, .dport = -1 };
	if (argc < 2)
		return check_usage_error("%s", "need SRC and DST.");
	ret = check_addr(argv[0], ib->family, &c->src);
	if (!ret)
		ret = check_addr(argv[1], c->src.family, &c->dst);
	for (w.argc -= 2, w.argv += 2; !ret && w.argc > 0; w.argc--, w.argv++) {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(check_words); i++)
			if (keyword_is(*w.argv, check_words[i].word, check_words[i].exact))
				break;
		if (i == ARRAY_SIZE(check_words))
			return check_usage_error("unknown word \"%s\".", *w.argv);
		ret = check_words[i].fn(c, &w);
	}
	if (!ret && c->dport >= 0 && c->proto < 0)
		c->proto = IPPROTO_TCP;	/* a port alone: tcp's */
	if (!ret && c->dport >= 0 && c->proto != IPPROTO_TCP && c->proto != IPPROTO_UDP && c->proto != IPPROTO_SCTP)
		return check_usage_error("%s", "dport needs proto tcp, udp or sctp.");
	return ret;
}

/* ---- the route --------------------------------------------------------- */

struct route_answer {
	bool found;
	int type;		/* RTN_* */
	char dev[IF_NAMESIZE];
	struct nat_addr via, prefsrc;
	int error;
};

static void attr_addr(const struct nlattr *a, int family, struct nat_addr *out)
{
	size_t len = family == AF_INET ? 4 : 16;

	if (a && mnl_attr_get_payload_len(a) == len) {
		*out = (struct nat_addr){ .family = family, .plen = (uint8_t)(8 * len) };
		memcpy(out->a, mnl_attr_get_payload(a), len);
	}
}

static int route_answer(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[RTA_MAX + 1] = {
		[RTA_OIF] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[RTA_MAX + 1] = { NULL };
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	struct route_answer *a = data;
	char name[IF_NAMESIZE];

	if (nlh->nlmsg_type != RTM_NEWROUTE || attr_parse(tb, RTA_MAX, policy, nlh, sizeof(*rtm)) < 0)
		return NL_CB_STOP;
	a->found = true;
	a->type = rtm->rtm_type;
	if (tb[RTA_OIF] && if_indextoname(mnl_attr_get_u32(tb[RTA_OIF]), name))
		strcpy(a->dev, name);
	attr_addr(tb[RTA_GATEWAY], rtm->rtm_family, &a->via);
	attr_addr(tb[RTA_PREFSRC], rtm->rtm_family, &a->prefsrc);
	return NL_CB_STOP;
}

/* The kernel's route to dst: as a packet from src coming in by iif
 * would be routed (the input path: policy rules, local or not), or,
 * without iif, as the host's own.  False when there is none. */
static bool route_get(struct ipbox *ib, const struct nat_addr *dst, const struct nat_addr *src, const char *iif,
		      struct route_answer *a)
{
	struct nl *nl = rt_socket(ib);
	struct nlreq req;
	struct rtmsg *r = nlreq_init(&req, RTM_GETROUTE, 0, sizeof(*r));
	size_t len = dst->family == AF_INET ? 4 : 16;
	unsigned int index = iif && *iif ? if_nametoindex(iif) : 0;

	*a = (struct route_answer){ .found = false };
	if (!nl)
		return false;
	r->rtm_family = (uint8_t)dst->family;
	r->rtm_dst_len = (uint8_t)(8 * len);
	nlreq_put(&req, RTA_DST, len, dst->a);
	if (index) {
		r->rtm_src_len = (uint8_t)(8 * len);
		nlreq_put(&req, RTA_SRC, len, src->a);
		nlreq_put_u32(&req, RTA_IIF, index);
	}
	if (nl_talk(nl, &req, route_answer, a) < 0)
		a->error = nl->error;
	return a->found;
}

/* ---- the path ---------------------------------------------------------- */

struct check {
	struct ipbox *ib;
	struct check_req *q;
	struct nat_index *ix;
	struct nat_fwd *fwd;
	bool local_src, local_dst;
	struct nat_pkt pkt;		/* as it goes: translated step by step */
	struct route_answer route;
	bool dropped, unsure, translated;
	char why[640];			/* the verdict */
};

static void addr_text(const struct nat_addr *a, char *buf, size_t n)
{
	char s[INET6_ADDRSTRLEN] = "?";

	inet_ntop(a->family, a->a, s, sizeof(s));
	snprintf(buf, n, "%s", s);
}

/* addr[:port] as dnat's to is written. */
static void endpoint_text(const struct nat_addr *a, int port, char *buf, size_t n)
{
	char s[INET6_ADDRSTRLEN + 2];

	addr_text(a, s, sizeof(s));
	if (port < 0)
		snprintf(buf, n, "%s", s);
	else
		snprintf(buf, n, a->family == AF_INET6 ? "[%s]:%d" : "%s:%d", s, port);
}

static bool is_local(struct ipbox *ib, const struct nat_addr *a)
{
	struct route_answer r;

	return route_get(ib, a, NULL, NULL, &r) && r.type == RTN_LOCAL;
}

/* The first rule of ipbox's chain for this stage that takes the packet. */
static bool rule_for(struct check *c, enum nat_stage stage, struct nat_rule *r, struct nat_object *o)
{
	for (uint32_t i = 0; i < nat_index_count(c->ix); i++) {
		if (!nat_index_get(c->ix, i, o) || !o->tag || !nat_recognise(o->tag, r, NULL))
			continue;
		if (nat_rule_applies(r, &c->pkt, stage, c->local_dst))
			return true;
		/* dnat's hairpin: masquerades what it translated that comes
		 * in and goes out by DEV */
		if (stage == NAT_STAGE_SRC && r->kind == NAT_DNAT && *r->hairpin && c->pkt.dnat &&
		    !strcmp(c->pkt.iif, r->hairpin) && !strcmp(c->pkt.oif, r->hairpin))
			return r->kind = NAT_MASQUERADE, true;
		/* dnat's localhost: masquerades the host's loopback sources */
		if (stage == NAT_STAGE_SRC && r->kind == NAT_DNAT && r->localhost && c->pkt.dnat &&
		    nat_addr_loopback(&c->pkt.saddr) && !memcmp(c->pkt.daddr.a, r->to_min.a, 4))
			return r->kind = NAT_MASQUERADE, true;
	}
	return false;
}

static void print_rule(struct printer *p, const char *key, const struct nat_object *o)
{
	print_open_object(p, key);
	print_u64(p, PRINT_JSON, "handle", NULL, o->handle);
	print_string(p, PRINT_ANY, "rule", "%s", o->tag);
	print_u64(p, PRINT_FP, NULL, " handle %" PRIu64, o->handle);
}

static void step_dnat(struct check *c)
{
	struct printer *p = c->ib->pr;
	struct nat_rule r;
	struct nat_object o;
	char to[INET6_ADDRSTRLEN + 10];

	print_text(p, "dnat: ");
	if (!rule_for(c, c->local_src ? NAT_STAGE_DST_OUTPUT : NAT_STAGE_DST, &r, &o)) {
		print_null(p, PRINT_JSON, "dnat", NULL);
		print_text(p, "no rule\n");
		return;
	}
	print_rule(p, "dnat", &o);
	c->translated = true;
	c->pkt.dnat = true;
	c->pkt.dport = nat_rule_new_port(&r, c->pkt.dport);
	if (r.kind == NAT_REDIRECT) {
		c->local_dst = true;	/* to the host itself, the address stays the interface's */
		endpoint_text(&c->pkt.daddr, c->pkt.dport, to, sizeof(to));
		print_string(p, PRINT_ANY, "to", ": redirected to the host, port %s", to);
	} else {
		c->pkt.daddr = r.to_min;
		c->pkt.daddr.plen = c->pkt.family == AF_INET ? 32 : 128;
		endpoint_text(&c->pkt.daddr, c->pkt.dport, to, sizeof(to));
		print_string(p, PRINT_ANY, "to", ": destination becomes %s", to);
		c->local_dst = is_local(c->ib, &c->pkt.daddr);
	}
	print_close_object(p);
	print_text(p, "\n");
}

static bool block(struct check *c, const char *why)
{
	c->dropped = true;
	snprintf(c->why, sizeof(c->why), "%s", why);
	return false;
}

static bool step_route(struct check *c)
{
	struct printer *p = c->ib->pr;
	struct route_answer *a = &c->route;
	char s[INET6_ADDRSTRLEN], why[128];
	const char *iif = c->local_src || c->local_dst ? NULL : c->pkt.iif;

	/* the input path's lookup fails without forwarding: the output one says where it would go */
	if (!route_get(c->ib, &c->pkt.daddr, &c->pkt.saddr, iif, a) && iif)
		route_get(c->ib, &c->pkt.daddr, NULL, NULL, a);
	print_open_object(p, "route");
	addr_text(&c->pkt.daddr, s, sizeof(s));
	print_string(p, PRINT_ANY, "dst", "route: %s", s);
	if (!a->found) {
		print_string(p, PRINT_ANY, "error", " %s", strerror(a->error ? a->error : ENETUNREACH));
		print_close_object(p);
		print_text(p, "\n");
		snprintf(why, sizeof(why), "dropped: no route to %s", s);
		return block(c, why);
	}
	if (a->via.family) {
		addr_text(&a->via, s, sizeof(s));
		print_string(p, PRINT_ANY, "gateway", " via %s", s);
	}
	if (*a->dev)
		print_string(p, PRINT_ANY, "dev", " dev %s", a->dev);
	print_string(p, PRINT_ANY, "type", " (%s)", a->type == RTN_LOCAL ? "local" : a->type == RTN_UNICAST ? "unicast"
					       : a->type == RTN_BLACKHOLE ? "blackhole" : a->type == RTN_PROHIBIT ? "prohibit"
					       : "unreachable");
	print_close_object(p);
	print_text(p, "\n");
	if (a->type != RTN_LOCAL && a->type != RTN_UNICAST) {
		addr_text(&c->pkt.daddr, s, sizeof(s));
		snprintf(why, sizeof(why), "dropped: the route to %s is %s", s, a->type == RTN_BLACKHOLE ? "a blackhole"
							    : a->type == RTN_PROHIBIT ? "prohibited" : "unreachable");
		return block(c, why);
	}
	c->local_dst = a->type == RTN_LOCAL;
	strcpy(c->pkt.oif, a->dev);
	return true;
}

static bool step_forwarding(struct check *c)
{
	int on = nat_forward_get(c->pkt.family);

	print_bool(c->ib->pr, PRINT_JSON, "forwarding", NULL, on == 1);
	print_text(c->ib->pr, "forwarding: %s\n", on == 1 ? "on" : "off");
	return on == 1 || block(c, on == 0 ? "dropped: forwarding is off (ip nat forward on)" : "dropped: no forwarding");
}

/* rp_filter on the way in: strict wants the route back to SRC to leave
 * by iif, loose any route back. */
static bool step_rp_filter(struct check *c)
{
	struct printer *p = c->ib->pr;
	struct route_answer back;
	int rp = nat_rp_filter(c->pkt.iif);
	bool has_back;
	char why[128];

	if (c->pkt.family != AF_INET)
		return true;
	has_back = route_get(c->ib, &c->pkt.saddr, NULL, NULL, &back);
	print_open_object(p, "rp_filter");
	print_string(p, PRINT_ANY, "dev", "rp_filter: %s", c->pkt.iif);
	print_int(p, PRINT_ANY, "value", " %d", rp);
	print_text(p, " (%s)\n", rp == 1 ? "strict" : rp == 2 ? "loose" : rp == 0 ? "off" : "unknown");
	print_close_object(p);
	if ((rp == 1 && (!has_back || strcmp(back.dev, c->pkt.iif))) || (rp == 2 && !has_back)) {
		snprintf(why, sizeof(why), "dropped by rp_filter on %s: the route back to the source %s", c->pkt.iif,
			 has_back ? "leaves by another interface" : "is missing");
		return block(c, why);
	}
	return true;
}

static bool filter_one(const struct nat_fwd_verdict *v, void *data)
{
	struct check *c = data;
	struct printer *p = c->ib->pr;
	char why[600];

	print_open_object(p, NULL);
	print_string(p, PRINT_ANY, "family", "filter: table %s", v->family);
	print_string(p, PRINT_ANY, "table", " %s", v->table);
	print_string(p, PRINT_ANY, "chain", " chain %s:", v->chain);
	print_string(p, PRINT_ANY, "verdict", " %s", !v->drop ? "accept" : v->reject ? "reject" : "drop");
	print_bool(p, PRINT_JSON, "policy", NULL, v->policy);
	if (v->policy)
		print_text(p, " (policy)");
	else
		print_u64(p, PRINT_ANY, "handle", " (rule handle %" PRIu64 ")", v->handle);
	if (v->unsure_handle)
		print_u64(p, PRINT_ANY, "unsure_handle", "; rule handle %" PRIu64 " before it matches what ipbox cannot tell",
			  v->unsure_handle);
	print_text(p, "\n");
	print_close_object(p);
	if (!v->drop && !v->unsure_handle)
		return true;
	if (!v->drop) {	/* accepted, unless the unsure rule drops */
		c->unsure = true;
		snprintf(why, sizeof(why), "may be dropped by table %s %s chain %s rule handle %" PRIu64
			 " (matches ipbox cannot evaluate)", v->family, v->table, v->unsure_chain, v->unsure_handle);
		if (!*c->why)
			snprintf(c->why, sizeof(c->why), "%s", why);
		return true;
	}
	c->unsure = c->unsure || v->unsure_handle;
	if (v->policy)
		snprintf(why, sizeof(why), "%s by table %s %s chain %s (policy drop)", v->unsure_handle ? "may be dropped"
			 : "dropped", v->family, v->table, v->chain);
	else
		snprintf(why, sizeof(why), "%s by table %s %s chain %s rule handle %" PRIu64,
			 v->unsure_handle ? "may be dropped" : v->reject ? "rejected" : "dropped", v->family, v->table,
			 v->rule_chain, v->handle);
	block(c, why);
	return false;
}

static bool step_filter(struct check *c)
{
	print_open_array(c->ib->pr, PRINT_JSON, "filter", NULL);
	if (c->fwd && nat_fwd_walk(c->fwd, &c->pkt, filter_one, c) == 0)
		print_text(c->ib->pr, "filter: no forward chain\n");
	print_close_array(c->ib->pr, PRINT_JSON, NULL);
	return !c->dropped;
}

static void step_snat(struct check *c)
{
	struct printer *p = c->ib->pr;
	struct nat_rule r;
	struct nat_object o;
	char to[INET6_ADDRSTRLEN];

	print_text(p, "snat: ");
	if (!rule_for(c, NAT_STAGE_SRC, &r, &o)) {
		print_null(p, PRINT_JSON, "snat", NULL);
		print_text(p, "no rule\n");
		return;
	}
	print_rule(p, "snat", &o);
	c->translated = true;
	if (r.kind == NAT_MASQUERADE && !c->route.prefsrc.family)	/* the input path's answer has none */
		route_get(c->ib, &c->pkt.daddr, NULL, NULL, &c->route);
	if (r.kind == NAT_MASQUERADE)
		c->pkt.saddr = c->route.prefsrc;
	else
		c->pkt.saddr = r.to_min;
	if (c->pkt.saddr.family) {
		addr_text(&c->pkt.saddr, to, sizeof(to));
		print_string(p, PRINT_ANY, "to", ": source becomes %s", to);
	} else {
		print_string(p, PRINT_ANY, "to", ": source becomes %s", "the address of the output interface");
	}
	print_close_object(p);
	print_text(p, "\n");
}

static void verdict(struct check *c)
{
	char dst[INET6_ADDRSTRLEN + 10], src[INET6_ADDRSTRLEN];

	if (!c->dropped && !*c->why) {
		endpoint_text(&c->pkt.daddr, c->pkt.dport, dst, sizeof(dst));
		addr_text(&c->pkt.saddr, src, sizeof(src));
		if (!c->translated)
			snprintf(c->why, sizeof(c->why), "no nat rule matches (%s as it is)",
				 c->local_dst ? "delivered to the host" : "forwarded");
		else if (c->local_dst)
			snprintf(c->why, sizeof(c->why), "translated to %s, delivered to the host", dst);
		else
			snprintf(c->why, sizeof(c->why), "translated to %s from %s, %s via %s", dst, src,
				 c->local_src ? "sent" : "forwarded", c->pkt.oif);
	}
	print_string(c->ib->pr, PRINT_ANY, "verdict", "verdict: %s\n", c->why);
	print_bool(c->ib->pr, PRINT_JSON, "flows", NULL, c->translated && !c->dropped && !c->unsure);
}

static void print_packet(struct check *c)
{
	struct printer *p = c->ib->pr;
	char s[INET6_ADDRSTRLEN];

	addr_text(&c->q->src, s, sizeof(s));
	print_string(p, PRINT_ANY, "src", "packet: %s", s);
	addr_text(&c->q->dst, s, sizeof(s));
	print_string(p, PRINT_ANY, "dst", " -> %s", s);
	if (c->q->proto >= 0) {
		nat_proto_name(c->q->proto, s, sizeof(s));
		print_string(p, PRINT_ANY, "proto", " proto %s", s);
	}
	if (c->q->dport >= 0)
		print_int(p, PRINT_ANY, "dport", " dport %d", c->q->dport);
	if (c->local_src)
		print_string(p, PRINT_ANY, "iif", " from %s", "the host itself");
	else
		print_string(p, PRINT_ANY, "iif", " iif %s", c->pkt.iif);
	if (!c->q->iif_given && !c->local_src)
		print_text(p, " (the route back to the source)");
	print_text(p, "\n");
}

/* Where SRC's packets come from: the host, iif, or the way back to SRC. */
static void packet_start(struct check *c)
{
	struct route_answer back;

	c->local_src = is_local(c->ib, &c->q->src);
	c->local_dst = is_local(c->ib, &c->q->dst);
	c->pkt = (struct nat_pkt){ .family = c->q->src.family, .saddr = c->q->src, .daddr = c->q->dst,
				   .l4proto = c->q->proto, .dport = c->q->dport };
	if (c->local_src)
		return;
	if (c->q->iif_given)
		strcpy(c->pkt.iif, c->q->iif);
	else if (route_get(c->ib, &c->q->src, NULL, NULL, &back))
		strcpy(c->pkt.iif, back.dev);
}

/* The host's own packet from a loopback address (a localhost dnat's)
 * leaves by an interface only with its route_localnet on: else the
 * kernel drops it as a martian. */
static bool step_localnet(struct check *c)
{
	char why[160];

	if (!nat_addr_loopback(&c->pkt.saddr) || c->pkt.family != AF_INET || !*c->route.dev ||
	    nat_localnet_get(c->route.dev) != 0)
		return true;
	snprintf(why, sizeof(why), "dropped: a source in 127.0.0.0/8 cannot leave by %s "
		 "(net.ipv4.conf.%s.route_localnet is off)", c->route.dev, c->route.dev);
	return block(c, why);
}

static void run_check(struct check *c)
{
	struct printer *p = c->ib->pr;

	packet_start(c);
	print_open_object(p, NULL);
	print_packet(c);
	step_dnat(c);
	if (step_route(c) && !c->local_dst && (c->local_src ? step_localnet(c) : (step_forwarding(c) &&
									     step_rp_filter(c) && step_filter(c))))
		step_snat(c);
	verdict(c);
	print_close_object(p);
}

int nat_check(struct ipbox *ib, int argc, char **argv)
{
	struct check_req q;
	struct nat_session s;
	struct check c = { .ib = ib, .q = &q };
	int ret = check_parse(ib, argc, argv, &q);

	if (ret)
		return ret;
	if (caps_require(CAP_NET_ADMIN, "nat check") < 0)
		return EXIT_FAIL;
	if (nat_open(&s) < 0) {
		fprintf(stderr, "Error: cannot open nftables: %s.\n", strerror(errno));
		return EXIT_FAIL;
	}
	c.ix = nat_index_new();
	if (!c.ix || nat_index_read(c.ix, &s, nat_recognise, NULL) < 0 || !(c.fwd = nat_fwd_read(&s))) {
		if (!c.ix)
			s.nl.error = ENOMEM;
		nat_perror(&s);
		nat_index_free(c.ix);
		nat_close(&s);
		return EXIT_KERNEL;
	}
	run_check(&c);
	nat_fwd_free(c.fwd);
	nat_index_free(c.ix);
	nat_close(&s);
	return c.translated && !c.dropped && !c.unsure ? EXIT_OK : EXIT_FAIL;
}

void nat_check_words(void)
{
	WORDS_TABLE("keyword", check_words, word);
}
