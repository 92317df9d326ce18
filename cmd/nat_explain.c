/* Warnings when a nat rule is added or shown: the reasons its traffic
 * would not flow that ipbox can see besides forwarding (cmd/nat.c), each
 * once per command: a forward-hook chain of another table that drops it
 * (policy drop, or a drop or reject rule whose matches cover it: Docker's
 * and firewalld's hosts), strict rp_filter on its interfaces, and (show)
 * route_localnet off where a localhost rule needs it.  The
 * looking is nat/explain.c's; here the rule becomes packets and the
 * findings words. */
#include "nat.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../nat/explain.h"

#define WARNED_MAX 64

struct nat_explain {
	bool read;		/* fwd is the ruleset (or NULL: could not be read) */
	bool wanted;		/* a forward chain or strict rp_filter: a reason may be found */
	bool rp_strict;		/* some interface (or all) has rp_filter 1 */
	struct nat_fwd *fwd;
	uint32_t warned[WARNED_MAX];	/* hashes of the lines said */
	int nwarned;
};

void nat_seen_free(struct nat_seen *sn)
{
	if (!sn->explain)
		return;
	nat_fwd_free(sn->explain->fwd);
	free(sn->explain);
	sn->explain = NULL;
}

/* Whether this line was said before in this command; notes it. */
static bool said(struct nat_explain *x, const char *line)
{
	uint32_t h = 2166136261u;

	for (const char *c = line; *c; c++)
		h = (h ^ (uint8_t)*c) * 16777619u;
	for (int i = 0; i < x->nwarned; i++)
		if (x->warned[i] == h)
			return true;
	if (x->nwarned < WARNED_MAX)
		x->warned[x->nwarned++] = h;
	return false;
}

/* line, unless a line of this key (a reason: one chain's policy, one
 * rule, one sysctl) was said: a thousand rules make one line each. */
static void warn_once(struct nat_explain *x, const char *key, const char *line)
{
	if (!said(x, key))
		fprintf(stderr, "Warning: %s\n", line);
}

/* The forward chains, read at the first rule; a failure to read them
 * (no nftables) warns about nothing. */
static struct nat_explain *explain_of(struct nat_seen *sn)
{
	struct nat_session s;

	if (!sn->explain)
		sn->explain = calloc(1, sizeof(*sn->explain));
	if (sn->explain && !sn->explain->read) {
		sn->explain->read = true;
		if (nat_open(&s) == 0) {
			sn->explain->fwd = nat_fwd_read(&s);
			nat_close(&s);
		}
		/* read once: a show of 1,000 rules must not read 2,000 sysctls */
		sn->explain->rp_strict = nat_rp_filter_strict_any();
		sn->explain->wanted = (sn->explain->fwd && nat_fwd_any(sn->explain->fwd)) ||
				      sn->explain->rp_strict;
	}
	return sn->explain;
}

bool nat_explain_wanted(struct nat_seen *sn)
{
	struct nat_explain *x = explain_of(sn);

	return x && x->wanted;
}

/* ---- packets of a rule ------------------------------------------------ */

static void host_addr(struct nat_addr *a, const struct nat_addr *from)
{
	*a = *from;
	if (a->family)
		a->plen = a->family == AF_INET ? 32 : 128;
}

static void only_proto_port(const struct nat_rule *r, struct nat_pkt *p, int dport)
{
	p->l4proto = r->nprotos == 1 ? r->protos[0] : -1;
	p->dport = dport;
}

/* The first packet of a connection the rule is for, as the forward
 * hook sees it, and the first answer. */
static void rule_packets(const struct nat_rule *r, int family, struct nat_pkt *out, struct nat_pkt *back)
{
	bool single = r->dport.n == 1 && (!r->dport.p[0].max || r->dport.p[0].max == r->dport.p[0].min);

	*out = (struct nat_pkt){ .family = family, .l4proto = -1, .dport = -1 };
	if (r->kind == NAT_DNAT) {
		out->saddr = r->src;
		host_addr(&out->daddr, &r->to_min);
		strcpy(out->iif, r->iif);
		out->dnat = true;
		only_proto_port(r, out, single ? nat_rule_new_port(r, r->dport.p[0].min) : -1);
	} else {
		out->saddr = r->src;
		out->daddr = r->dst;
		strcpy(out->oif, r->oif);
		only_proto_port(r, out, single ? r->dport.p[0].min : -1);
	}
	*back = (struct nat_pkt){ .family = family, .saddr = out->daddr, .daddr = out->saddr,
				  .l4proto = out->l4proto, .dport = -1, .reply = true };
	strcpy(back->iif, out->oif);
	strcpy(back->oif, out->iif);
}

/* ---- forward chains ---------------------------------------------------- */

struct fwd_warn {
	struct nat_explain *x;
	const struct nat_pkt *pkt;
};

/* The nft words that would accept pkt first, for the advice. */
static void accept_words(const struct nat_pkt *p, const char *family, char *buf, size_t n)
{
	const char *ip = strcmp(family, "inet") ? family : p->family == AF_INET ? "ip" : "ip6";
	const struct nat_addr *a = p->saddr.family ? &p->saddr : &p->daddr;
	char addr[INET6_ADDRSTRLEN];

	if (p->reply) {
		snprintf(buf, n, "ct state established,related accept");
	} else if (a->family && inet_ntop(a->family, a->a, addr, sizeof(addr))) {
		snprintf(buf, n, "%s %s %s/%u accept", ip, a == &p->saddr ? "saddr" : "daddr", addr, a->plen);
	} else if (*p->oif || *p->iif) {
		snprintf(buf, n, "%s \"%s\" accept", *p->oif ? "oifname" : "iifname", *p->oif ? p->oif : p->iif);
	} else {
		snprintf(buf, n, "accept");
	}
}

static bool fwd_warn_one(const struct nat_fwd_verdict *v, void *data)
{
	struct fwd_warn *w = data;
	char line[1024], what[300], key[600];

	if (!v->drop)
		return true;
	snprintf(key, sizeof(key), "%s %s %s %" PRIu64 " %d", v->family, v->table, v->rule_chain, v->handle,
		 w->pkt->reply);
	if (v->policy) {
		accept_words(w->pkt, v->family, what, sizeof(what));
		snprintf(line, sizeof(line),
			 "table %s %s chain %s (hook forward) has policy drop: it %s %s this rule's "
			 "connections; accept them there first (nft insert rule %s %s %s %s).",
			 v->family, v->table, v->chain, v->unsure_handle ? "may drop" : "drops",
			 w->pkt->reply ? "the answers to" : "the packets of", v->family, v->table, v->chain, what);
	} else {
		snprintf(line, sizeof(line),
			 "table %s %s chain %s rule handle %" PRIu64 " (hook forward) %s %s this rule's "
			 "connections; delete it or accept them before it.",
			 v->family, v->table, v->rule_chain, v->handle, v->reject ? "rejects" : "drops",
			 w->pkt->reply ? "the answers to" : "the packets of");
	}
	warn_once(w->x, key, line);
	return false;	/* dropped once is enough */
}

/* ---- rp_filter --------------------------------------------------------- */

static void rp_warn(struct nat_explain *x, const char *dev)
{
	char line[512], which[128];
	bool all = nat_rp_filter(NULL) == 1, own = dev && nat_rp_filter_own(dev) == 1;

	/* max(all, dev): strict while either is 1 and neither 2 */
	if (nat_rp_filter(dev) != 1)
		return;
	if (all && own)
		snprintf(which, sizeof(which), "net.ipv4.conf.all.rp_filter and net.ipv4.conf.%s.rp_filter", dev);
	else
		snprintf(which, sizeof(which), "net.ipv4.conf.%s.rp_filter", own ? dev : "all");
	snprintf(line, sizeof(line),
		 "rp_filter is strict%s%s (%s = 1): a packet that comes in by an interface other than "
		 "the route back to its source is dropped; set %s to 2 (loose).",
		 dev ? " on " : "", dev ? dev : "", which, which);
	warn_once(x, line, line);
}

static void rp_warn_rule(struct nat_explain *x, const struct nat_rule *r)
{
	const char *devs[] = { r->iif, r->oif, r->hairpin };
	bool named = false;

	if (r->family == AF_INET6 || !x->rp_strict)
		return;	/* IPv6 has no rp_filter sysctl */
	for (size_t i = 0; i < ARRAY_SIZE(devs); i++)
		if (*devs[i]) {
			rp_warn(x, devs[i]);
			named = true;
		}
	if (!named)
		rp_warn(x, NULL);
}

static bool rule_family_is(const struct nat_rule *r, int family)
{
	const struct nat_addr *a[] = { &r->src, &r->dst, &r->to_min };

	if (r->family != AF_UNSPEC)
		return r->family == family;
	for (size_t i = 0; i < ARRAY_SIZE(a); i++)
		if (a[i]->family && a[i]->family != family)
			return false;
	return true;
}

void nat_explain_warn(struct nat_seen *sn, const struct nat_rule *r)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct nat_explain *x;

	if (r->kind == NAT_REDIRECT)
		return;	/* stays on the host: nothing forwarded */
	x = explain_of(sn);
	if (!x || !x->wanted)
		return;
	for (size_t i = 0; x->fwd && i < ARRAY_SIZE(families); i++) {
		struct nat_pkt out, back;
		struct fwd_warn w = { x, &out };

		if (!rule_family_is(r, families[i]))
			continue;
		rule_packets(r, families[i], &out, &back);
		nat_fwd_walk(x->fwd, &out, fwd_warn_one, &w);
		w.pkt = &back;
		nat_fwd_walk(x->fwd, &back, fwd_warn_one, &w);
	}
	rp_warn_rule(x, r);
}

/* ---- route_localnet ----------------------------------------------------- */

void nat_explain_localnet(struct nat_seen *sn, const struct nat_rule *r)
{
	char dev[IF_NAMESIZE], line[400];
	struct nat_explain *x;

	if (!r->localhost || !(x = explain_of(sn)))
		return;
	if (nat_localnet_off(&r->to_min, dev) == 1) {
		snprintf(line, sizeof(line),
			 "route_localnet is off on %s (net.ipv4.conf.%s.route_localnet = 0): the host's "
			 "connections to 127.0.0.1 that localhost rules send there are dropped; "
			 "\"ip nat replace\" of the rule turns it on.", dev, dev);
		warn_once(x, line, line);
	}
}
