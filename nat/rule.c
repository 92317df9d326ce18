/* struct nat_rule -> libnftnl expressions, in the shapes nft itself
 * generates, so `nft list ruleset` prints ipbox's rules as plain nft
 * syntax (meta nfproto, ip saddr 10.0.0.0/8, oifname "eth0", tcp dport
 * 80-90, counter, masquerade/snat/dnat). */
#include "nat_int.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/udata.h>

const char *const nat_chain_names[NAT_CHAINS] = {
	[NAT_CHAIN_SRCNAT] = "srcnat",
	[NAT_CHAIN_DSTNAT] = "dstnat",
	[NAT_CHAIN_DSTNAT_OUT] = "dstnat_output",
};

/* Header offsets of the addresses: saddr, daddr. */
static const struct { uint32_t saddr, daddr, len; } ip_hdr[] = {
	{ 12, 16, 4 },		/* IPv4 */
	{ 8, 24, 16 },		/* IPv6 */
};

static struct nftnl_expr *expr(struct nftnl_rule *rule, const char *name)
{
	struct nftnl_expr *e = nftnl_expr_alloc(name);

	if (e)
		nftnl_rule_add_expr(rule, e);
	return e;
}

static void cmp(struct nftnl_rule *rule, enum nft_cmp_ops op, const void *data, uint32_t len)
{
	struct nftnl_expr *e = expr(rule, "cmp");

	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_CMP_SREG, NFT_REG_1);
	nftnl_expr_set_u32(e, NFTNL_EXPR_CMP_OP, op);
	nftnl_expr_set(e, NFTNL_EXPR_CMP_DATA, data, len);
}

static void meta_eq(struct nftnl_rule *rule, enum nft_meta_keys key, const void *data, uint32_t len)
{
	struct nftnl_expr *e = expr(rule, "meta");

	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_META_KEY, key);
	nftnl_expr_set_u32(e, NFTNL_EXPR_META_DREG, NFT_REG_1);
	cmp(rule, NFT_CMP_EQ, data, len);
}

static void payload(struct nftnl_rule *rule, enum nft_payload_bases base, uint32_t off, uint32_t len)
{
	struct nftnl_expr *e = expr(rule, "payload");

	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_DREG, NFT_REG_1);
	nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_BASE, base);
	nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_OFFSET, off);
	nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_LEN, len);
}

static void prefix_match(struct nftnl_rule *rule, uint32_t off, const struct nat_addr *a, enum nft_cmp_ops op)
{
	/* nft loads only the bytes a prefix covers, the whole address when
	 * a byte is partly masked; its listing recognises these shapes. */
	uint32_t len = a->plen % 8 ? (a->family == AF_INET ? 4 : 16) : a->plen / 8u;
	uint8_t mask[16] = { 0 }, zero[16] = { 0 };
	struct nftnl_expr *e;

	if (!a->family || !a->plen)
		return;		/* not given, or /0: everything matches */
	payload(rule, NFT_PAYLOAD_NETWORK_HEADER, off, len);
	if (a->plen % 8) {
		memset(mask, 0xff, a->plen / 8);
		mask[a->plen / 8] = (uint8_t)(0xff << (8 - a->plen % 8));
		e = expr(rule, "bitwise");
		if (e) {
			nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_SREG, NFT_REG_1);
			nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_DREG, NFT_REG_1);
			nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_LEN, len);
			/* what the kernel reports of every bitwise */
			nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_OP, NFT_BITWISE_BOOL);
			nftnl_expr_set(e, NFTNL_EXPR_BITWISE_MASK, mask, len);
			nftnl_expr_set(e, NFTNL_EXPR_BITWISE_XOR, zero, len);
		}
	}
	cmp(rule, op, a->a, len);
}

/* tcp/udp sport or dport: one port is ==, a range is >= and <=. */
static void port_match(struct nftnl_rule *rule, uint32_t off, const struct nat_ports *p)
{
	uint16_t min = htons(p->min), max = htons(p->max);

	if (!p->min)
		return;
	payload(rule, NFT_PAYLOAD_TRANSPORT_HEADER, off, sizeof(min));
	if (p->min == p->max) {
		cmp(rule, NFT_CMP_EQ, &min, sizeof(min));
		return;
	}
	cmp(rule, NFT_CMP_GTE, &min, sizeof(min));
	cmp(rule, NFT_CMP_LTE, &max, sizeof(max));
}

static void ifname_match(struct nftnl_rule *rule, enum nft_meta_keys key, const char *name,
			 enum nft_cmp_ops op)
{
	char padded[IF_NAMESIZE] = { 0 };
	struct nftnl_expr *e;

	if (!*name)
		return;
	memcpy(padded, name, strnlen(name, sizeof(padded) - 1));
	e = expr(rule, "meta");
	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_META_KEY, key);
	nftnl_expr_set_u32(e, NFTNL_EXPR_META_DREG, NFT_REG_1);
	cmp(rule, op, padded, sizeof(padded));
}

static void immediate(struct nftnl_rule *rule, enum nft_registers reg, const void *data, uint32_t len)
{
	struct nftnl_expr *e = expr(rule, "immediate");

	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_IMM_DREG, reg);
	nftnl_expr_set(e, NFTNL_EXPR_IMM_DATA, data, len);
}

/* Registers of a loaded range of values. */
struct loaded {
	enum nft_registers min, max;
};

/* Load min..max as nft does: registers taken in order from *next, the top
 * sharing the bottom's register when the range is one value (the kernel
 * reports it so, and a rule must read back identical). */
static struct loaded load_range(struct nftnl_rule *rule, enum nft_registers *next,
				const void *min, const void *max, uint32_t len)
{
	struct loaded l = { *next, *next };

	immediate(rule, (*next)++, min, len);
	if (memcmp(min, max, len)) {
		l.max = *next;
		immediate(rule, (*next)++, max, len);
	}
	return l;
}

static struct loaded load_ports(struct nftnl_rule *rule, enum nft_registers *next,
				const struct nat_ports *p)
{
	uint16_t min = htons(p->min), max = htons(p->max);

	return load_range(rule, next, &min, &max, sizeof(min));
}

/* masq and redir: the same ports and flags under each one's attribute
 * numbers. */
struct to_host {
	const char *name;
	uint16_t proto_min, proto_max, flags;
};
static const struct to_host masq = { "masq", NFTNL_EXPR_MASQ_REG_PROTO_MIN, NFTNL_EXPR_MASQ_REG_PROTO_MAX,
				     NFTNL_EXPR_MASQ_FLAGS };
/* To the host itself, the port changed or not: nft's redirect. */
static const struct to_host redir = { "redir", NFTNL_EXPR_REDIR_REG_PROTO_MIN,
				      NFTNL_EXPR_REDIR_REG_PROTO_MAX, NFTNL_EXPR_REDIR_FLAGS };

/* flags: the rule's (a hairpin's masquerade has none of its dnat's). */
static void masq_redir(struct nftnl_rule *rule, const struct to_host *how, uint32_t flags,
		       const struct nat_member *m)
{
	enum nft_registers next = NFT_REG_1;
	struct loaded ports = { 0, 0 };
	struct nftnl_expr *e;

	if (m->to_ports.min)
		ports = load_ports(rule, &next, &m->to_ports);
	e = expr(rule, how->name);
	if (!e)
		return;
	if (m->to_ports.min) {
		nftnl_expr_set_u32(e, how->proto_min, ports.min);
		nftnl_expr_set_u32(e, how->proto_max, ports.max);
		flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
	}
	if (flags)
		nftnl_expr_set_u32(e, how->flags, flags);
}

static void snat_dnat(struct nftnl_rule *rule, const struct nat_rule *r, const struct nat_member *m)
{
	bool v6 = r->to_min.family == AF_INET6;
	enum nft_registers next = NFT_REG_1;
	struct loaded addr = load_range(rule, &next, r->to_min.a, r->to_max.a, v6 ? 16 : 4);
	struct loaded ports = { 0, 0 };
	uint32_t flags = r->flags | NF_NAT_RANGE_MAP_IPS;
	struct nftnl_expr *e;

	if (m->to_ports.min)
		ports = load_ports(rule, &next, &m->to_ports);
	e = expr(rule, "nat");
	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_NAT_TYPE, r->kind == NAT_SNAT ? NFT_NAT_SNAT : NFT_NAT_DNAT);
	nftnl_expr_set_u32(e, NFTNL_EXPR_NAT_FAMILY, v6 ? NFPROTO_IPV6 : NFPROTO_IPV4);
	nftnl_expr_set_u32(e, NFTNL_EXPR_NAT_REG_ADDR_MIN, addr.min);
	nftnl_expr_set_u32(e, NFTNL_EXPR_NAT_REG_ADDR_MAX, addr.max);
	if (m->to_ports.min) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_NAT_REG_PROTO_MIN, ports.min);
		nftnl_expr_set_u32(e, NFTNL_EXPR_NAT_REG_PROTO_MAX, ports.max);
		flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
	}
	nftnl_expr_set_u32(e, NFTNL_EXPR_NAT_FLAGS, flags);
}

/* dnat (and redirect) without dst is for packets addressed to the host
 * itself (as Docker and netavark: fib daddr type local), so the host's
 * own traffic to other hosts keeps its destination.  In output, a dnat
 * leaves connections to the loopback addresses alone too (Docker's
 * ! -d 127.0.0.0/8): a packet from 127.0.0.1 cannot leave the host. */
static void local_match(struct nftnl_rule *rule, const struct nat_rule *r, const struct nat_member *m)
{
	static const struct nat_addr lo4 = { AF_INET, 8, { 127 } };
	static const struct nat_addr lo6 = { AF_INET6, 128, { [15] = 1 } };
	int v6 = r->family == AF_INET6;
	uint32_t local = RTN_LOCAL;
	struct nftnl_expr *e;

	if (!NAT_KIND_DST(r->kind) || r->dst.family)
		return;
	if (m->chain == NAT_CHAIN_DSTNAT_OUT && r->kind == NAT_DNAT)	/* a redirect stays here */
		prefix_match(rule, ip_hdr[v6].daddr, v6 ? &lo6 : &lo4, NFT_CMP_NEQ);
	e = expr(rule, "fib");
	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_FIB_DREG, NFT_REG_1);
	nftnl_expr_set_u32(e, NFTNL_EXPR_FIB_RESULT, NFT_FIB_RESULT_ADDRTYPE);
	nftnl_expr_set_u32(e, NFTNL_EXPR_FIB_FLAGS, NFTA_FIB_F_DADDR);
	cmp(rule, NFT_CMP_EQ, &local, sizeof(local));
}

/* The connection was translated by a dnat (ct status dnat), to the
 * target, and comes in and goes out by the hairpin's device. */
static void hairpin_match(struct nftnl_rule *rule, const struct nat_rule *r, const struct nat_member *m)
{
	uint32_t dnat = IPS_DST_NAT, zero = 0;
	uint8_t proto = (uint8_t)m->proto, nfproto = r->family == AF_INET6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
	struct nat_addr to = r->to_min;
	struct nftnl_expr *e = expr(rule, "ct");

	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_CT_KEY, NFT_CT_STATUS);
	nftnl_expr_set_u32(e, NFTNL_EXPR_CT_DREG, NFT_REG_1);
	e = expr(rule, "bitwise");
	if (!e)
		return;
	nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_SREG, NFT_REG_1);
	nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_DREG, NFT_REG_1);
	nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_LEN, sizeof(dnat));
	nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_OP, NFT_BITWISE_BOOL);
	nftnl_expr_set(e, NFTNL_EXPR_BITWISE_MASK, &dnat, sizeof(dnat));
	nftnl_expr_set(e, NFTNL_EXPR_BITWISE_XOR, &zero, sizeof(zero));
	cmp(rule, NFT_CMP_NEQ, &zero, sizeof(zero));
	/* after ct, where nft puts the family its address match needs */
	meta_eq(rule, NFT_META_NFPROTO, &nfproto, sizeof(nfproto));
	to.plen = to.family == AF_INET ? 32 : 128;
	prefix_match(rule, ip_hdr[to.family == AF_INET6].daddr, &to, NFT_CMP_EQ);
	ifname_match(rule, NFT_META_IIFNAME, r->hairpin, NFT_CMP_EQ);
	ifname_match(rule, NFT_META_OIFNAME, r->hairpin, NFT_CMP_EQ);
	if (m->proto >= 0)
		meta_eq(rule, NFT_META_L4PROTO, &proto, sizeof(proto));
	port_match(rule, 2, &m->dport);
}

/* Exclusions: each must not match. */
static void addrs_not(struct nftnl_rule *rule, uint32_t off, const struct nat_addr_list *l)
{
	for (int i = 0; i < l->n; i++)
		prefix_match(rule, off, &l->a[i], NFT_CMP_NEQ);
}

static void ifnames_not(struct nftnl_rule *rule, enum nft_meta_keys key, const struct nat_ifname_list *l)
{
	for (int i = 0; i < l->n; i++)
		ifname_match(rule, key, l->name[i], NFT_CMP_NEQ);
}

static void matches(struct nftnl_rule *rule, const struct nat_rule *r, const struct nat_member *m)
{
	int v6 = r->family == AF_INET6;
	uint8_t nfproto = v6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
	uint8_t proto = (uint8_t)m->proto;
	bool out = m->chain == NAT_CHAIN_DSTNAT_OUT;

	if (m->hairpin) {
		hairpin_match(rule, r, m);
		return;
	}
	/* Addresses are read at family-specific offsets: only for one family. */
	if (r->family != AF_UNSPEC)
		meta_eq(rule, NFT_META_NFPROTO, &nfproto, sizeof(nfproto));
	prefix_match(rule, ip_hdr[v6].saddr, &r->src, NFT_CMP_EQ);
	addrs_not(rule, ip_hdr[v6].saddr, &r->src_not);
	prefix_match(rule, ip_hdr[v6].daddr, &r->dst, NFT_CMP_EQ);
	addrs_not(rule, ip_hdr[v6].daddr, &r->dst_not);
	local_match(rule, r, m);
	/* The host's own packets come in by no interface: no iif in output
	 * (an `iif !=` is always true there). */
	if (!out) {
		ifname_match(rule, NFT_META_IIFNAME, r->iif, NFT_CMP_EQ);
		ifnames_not(rule, NFT_META_IIFNAME, &r->iif_not);
	}
	ifname_match(rule, NFT_META_OIFNAME, r->oif, NFT_CMP_EQ);
	ifnames_not(rule, NFT_META_OIFNAME, &r->oif_not);
	if (m->proto >= 0)
		meta_eq(rule, NFT_META_L4PROTO, &proto, sizeof(proto));
	port_match(rule, 0, &m->sport);
	port_match(rule, 2, &m->dport);
}

/* The protocols, sources and destination ports of r's members: one of
 * each list, or none when the list is empty. */
struct axes {
	int nproto, nsport, ndport;
};

static struct nat_member member_at(const struct nat_rule *r, enum nat_chain chain, int p, int s, int d)
{
	struct nat_member m = { chain, false, -1, { 0, 0 }, { 0, 0 }, r->to_ports };

	if (r->nprotos)
		m.proto = r->protos[p];
	if (r->sport.n)
		m.sport = r->sport.p[s];
	if (r->dport.n)
		m.dport = r->dport.p[d];
	return m;
}

/* hairpin DEV: a client behind DEV that reaches the rule through the
 * host's address would get its answer straight from the target, which
 * it never asked; so connections the rule translated that come in and
 * go out by DEV are masqueraded (srcnat), matched by their new
 * destination: the to address, and its ports or else dport's. */
static int hairpins(const struct nat_rule *r, const struct axes *ax)
{
	if (r->kind != NAT_DNAT || !r->hairpin[0])
		return 0;
	return ax->nproto * (r->to_ports.min ? 1 : ax->ndport);
}

static int hairpin_members(const struct nat_rule *r, const struct axes *ax, struct nat_member *m)
{
	int n = 0, nports = hairpins(r, ax) / ax->nproto;

	for (int p = 0; n < hairpins(r, ax); p++)
		for (int d = 0; d < nports; d++, n++) {
			m[n] = member_at(r, NAT_CHAIN_SRCNAT, p, 0, d);
			m[n].hairpin = true;
			if (r->to_ports.min)
				m[n].dport = r->to_ports;
			m[n].to_ports = (struct nat_ports){ 0, 0 };
		}
	return n;
}
bool nat_rule_maps_ports(const struct nat_rule *r)
{
	return NAT_KIND_DST(r->kind) && r->to_ports.min != r->to_ports.max;
}

/* A 1:1 port map: one member per port of the dport range, each to its
 * own port (nft's nat has no port offset). */
static int map_ports(const struct nat_rule *r, struct nat_member base, struct nat_member *m)
{
	int n = 0;

	for (unsigned int port = base.dport.min; port <= base.dport.max; port++, n++) {
		m[n] = base;
		m[n].dport.min = m[n].dport.max = (uint16_t)port;
		m[n].to_ports.min = m[n].to_ports.max = (uint16_t)(r->to_ports.min + (port - base.dport.min));
	}
	return n;
}

int nat_rule_members(const struct nat_rule *r, struct nat_member m[NAT_MEMBERS_MAX])
{
	enum nat_chain chains[2] = { NAT_CHAIN_SRCNAT };
	int nchains = 1, n = 0, each = 1;
	struct axes ax = { r->nprotos ? r->nprotos : 1, r->sport.n ? r->sport.n : 1, r->dport.n ? r->dport.n : 1 };

	if (nat_rule_maps_ports(r)) {	/* one dport range, as long as to's */
		if (r->dport.n != 1 || r->dport.p[0].max - r->dport.p[0].min != r->to_ports.max - r->to_ports.min)
			return -1;
		each = r->to_ports.max - r->to_ports.min + 1;
	}

	if (NAT_KIND_DST(r->kind)) {
		/* Forwarded traffic meets prerouting, the host's own output;
		 * a rule for what comes in by one interface is none of the
		 * host's own. */
		chains[0] = NAT_CHAIN_DSTNAT;
		chains[1] = NAT_CHAIN_DSTNAT_OUT;
		nchains = r->iif[0] ? 1 : 2;
	}
	if (nchains * ax.nproto * ax.nsport * ax.ndport * each + hairpins(r, &ax) > NAT_MEMBERS_MAX)
		return -1;
	for (int c = 0; c < nchains; c++)
		for (int p = 0; p < ax.nproto; p++)
			for (int s = 0; s < ax.nsport; s++)
				for (int d = 0; d < ax.ndport; d++) {
					struct nat_member one = member_at(r, chains[c], p, s, d);

					if (each > 1)
						n += map_ports(r, one, &m[n]);
					else
						m[n++] = one;
				}
	return n + hairpin_members(r, &ax, &m[n]);
}

struct nftnl_rule *nat_rule_build(const struct nat_rule *r, const char *tag, const struct nat_member *m)
{
	struct nftnl_rule *rule = nftnl_rule_alloc();
	struct nftnl_udata_buf *ud = tag ? nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN) : NULL;

	if (!rule || (tag && !ud))
		goto fail;
	nftnl_rule_set_u32(rule, NFTNL_RULE_FAMILY, NFPROTO_INET);
	nftnl_rule_set_str(rule, NFTNL_RULE_TABLE, NAT_TABLE);
	nftnl_rule_set_str(rule, NFTNL_RULE_CHAIN, nat_chain_names[m->chain]);
	matches(rule, r, m);
	expr(rule, "counter");
	if (m->hairpin)
		masq_redir(rule, &masq, 0, m);
	else if (r->kind == NAT_MASQUERADE)
		masq_redir(rule, &masq, r->flags, m);
	else if (r->kind == NAT_REDIRECT)
		masq_redir(rule, &redir, r->flags, m);
	else
		snat_dnat(rule, r, m);
	if (!tag)
		return rule;
	if (!nftnl_udata_put_strz(ud, NFTNL_UDATA_RULE_COMMENT, tag))
		goto fail;
	nftnl_rule_set_data(rule, NFTNL_RULE_USERDATA, nftnl_udata_buf_data(ud), nftnl_udata_buf_len(ud));
	nftnl_udata_buf_free(ud);
	return rule;
fail:
	if (ud)
		nftnl_udata_buf_free(ud);
	if (rule)
		nftnl_rule_free(rule);
	return NULL;
}

/* ---- recognising a rule read back ----------------------------------- */

/* The kernel reports an expression's attributes in its own order, with
 * NLA_F_NESTED on nests and with attributes it fills itself; libnftnl
 * writes them in another order.  So two expressions are the same when
 * their attributes are, as sets: each of ours is among theirs, once,
 * with the same bytes (nests compared the same way, their padding
 * aside).  Lengths are checked before every step: the dump is data. */
#define NEST_DEPTH 4

static bool attrs_same(const void *a, int alen, const void *b, int blen, int depth);

/* Attributes tiling len exactly; -1 if they do not. */
static int attrs_count(const void *buf, int len)
{
	const struct nlattr *a = buf;
	int n = 0;

	for (; mnl_attr_ok(a, len); a = mnl_attr_next(a), n++)
		len -= (int)MNL_ALIGN(a->nla_len);
	return len == 0 ? n : -1;
}

static const struct nlattr *attr_find(const void *buf, int len, uint16_t type)
{
	const struct nlattr *a = buf;

	for (; mnl_attr_ok(a, len); a = mnl_attr_next(a)) {
		if (mnl_attr_get_type(a) == type)
			return a;
		len -= (int)MNL_ALIGN(a->nla_len);
	}
	return NULL;
}

static bool attr_same(const struct nlattr *x, const struct nlattr *y, int depth)
{
	if ((x->nla_type | y->nla_type) & NLA_F_NESTED && depth < NEST_DEPTH)
		return attrs_same(mnl_attr_get_payload(x), (int)mnl_attr_get_payload_len(x),
				  mnl_attr_get_payload(y), (int)mnl_attr_get_payload_len(y), depth + 1);
	return x->nla_len == y->nla_len && !memcmp(mnl_attr_get_payload(x), mnl_attr_get_payload(y),
						   mnl_attr_get_payload_len(x));
}

static bool attrs_same(const void *a, int alen, const void *b, int blen, int depth)
{
	const struct nlattr *x = a, *y;
	int n = attrs_count(a, alen);

	if (n < 0 || n != attrs_count(b, blen))
		return false;
	for (; mnl_attr_ok(x, alen); x = mnl_attr_next(x)) {
		y = attr_find(b, blen, mnl_attr_get_type(x));
		if (!y || !attr_same(x, y, depth))
			return false;
		alen -= (int)MNL_ALIGN(x->nla_len);
	}
	return true;
}

/* One expression of each list: the same kind, and the same data unless
 * it is a counter (whose values are its own). */
static bool expr_same(const struct nlattr *x, const struct nlattr *y)
{
	const void *xp = mnl_attr_get_payload(x), *yp = mnl_attr_get_payload(y);
	int xl = (int)mnl_attr_get_payload_len(x), yl = (int)mnl_attr_get_payload_len(y);
	const struct nlattr *xn = attr_find(xp, xl, NFTA_EXPR_NAME), *yn = attr_find(yp, yl, NFTA_EXPR_NAME);
	const struct nlattr *xd = attr_find(xp, xl, NFTA_EXPR_DATA), *yd = attr_find(yp, yl, NFTA_EXPR_DATA);

	if (mnl_attr_get_type(y) != NFTA_LIST_ELEM || !xn || !yn || !attr_same(xn, yn, NEST_DEPTH))
		return false;
	if (!strcmp(mnl_attr_get_str(xn), "counter"))
		return true;
	if (!xd || !yd)
		return !xd && !yd;
	return attrs_same(mnl_attr_get_payload(xd), (int)mnl_attr_get_payload_len(xd),
			  mnl_attr_get_payload(yd), (int)mnl_attr_get_payload_len(yd), 1);
}

/* The expression lists, element by element. */
static bool exprs_same(const struct nlattr *want, const struct nlattr *got)
{
	const struct nlattr *x = mnl_attr_get_payload(want), *y = mnl_attr_get_payload(got);
	int xl = (int)mnl_attr_get_payload_len(want), yl = (int)mnl_attr_get_payload_len(got);

	if (attrs_count(x, xl) != attrs_count(y, yl) || attrs_count(y, yl) < 0)
		return false;
	for (; mnl_attr_ok(x, xl) && mnl_attr_ok(y, yl); x = mnl_attr_next(x), y = mnl_attr_next(y)) {
		if (!expr_same(x, y))
			return false;
		xl -= (int)MNL_ALIGN(x->nla_len);
		yl -= (int)MNL_ALIGN(y->nla_len);
	}
	return true;
}

/* Whether e holds exactly the expressions member m of r is built of. */
static bool member_is(const struct nat_entry *e, const struct nat_rule *r, const struct nat_member *m)
{
	static union { struct nlmsghdr align; char buf[8192]; } msg;
	struct nftnl_rule *want = nat_rule_build(r, NULL, m);
	const struct nlattr *exprs;
	struct nlmsghdr *nlh;

	bool same;

	if (!want)
		return false;
	/* A nest compared as bytes keeps its padding: zero, as the kernel's
	 * is.  The buffer is all zero before each build and made so again
	 * after it (a rule is far smaller than the buffer). */
	nlh = nftnl_nlmsg_build_hdr(msg.buf, NFT_MSG_NEWRULE, NFPROTO_INET, 0, 0);
	nftnl_rule_nlmsg_build_payload(nlh, want);
	nftnl_rule_free(want);
	exprs = attr_find((const char *)mnl_nlmsg_get_payload(nlh) + MNL_ALIGN(sizeof(struct nfgenmsg)),
			  (int)(mnl_nlmsg_get_payload_len(nlh) - MNL_ALIGN(sizeof(struct nfgenmsg))),
			  NFTA_RULE_EXPRESSIONS);
	same = exprs && exprs_same(exprs, e->exprs);
	memset(msg.buf, 0, NLMSG_ALIGN(nlh->nlmsg_len));
	return same;
}

int nat_entry_member(const struct nat_entry *e, const struct nat_rule *r, const struct nat_member *m, int n,
		     int hint)
{
	if (!e->exprs)
		return -1;
	if (hint >= 0 && hint < n && m[hint].chain == e->chain && member_is(e, r, &m[hint]))
		return hint;
	for (int i = 0; i < n; i++)
		if (i != hint && m[i].chain == e->chain && member_is(e, r, &m[i]))
			return i;
	return -1;
}
