/* struct nat_rule -> nftables expressions, in the shapes nft itself
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

/* The expressions are written straight into the request (the attributes
 * libnftnl would write, without its objects): a rule is built for every
 * rule a listing recognises, so building is on show's path. */

/* nftables numbers are big-endian. */
static void be32(struct nlreq *q, uint16_t type, uint32_t v)
{
	nlreq_put_u32(q, type, htonl(v));
}

/* A data nest (cmp's, immediate's, bitwise's mask and xor) of one value. */
static void value(struct nlreq *q, uint16_t type, const void *data, uint32_t len)
{
	struct nlattr *nest = nlreq_nest_start(q, type);

	nlreq_put(q, NFTA_DATA_VALUE, len, data);
	nlreq_nest_end(q, nest);
}

/* One expression: its list element and its data nest, open until
 * expr_end. */
struct expr {
	struct nlattr *elem, *data;
};

static struct expr expr(struct nlreq *q, const char *name)
{
	struct expr e;

	e.elem = nlreq_nest_start(q, NFTA_LIST_ELEM);
	nlreq_put_str(q, NFTA_EXPR_NAME, name);
	e.data = nlreq_nest_start(q, NFTA_EXPR_DATA);
	return e;
}

static void expr_end(struct nlreq *q, struct expr e)
{
	nlreq_nest_end(q, e.data);
	nlreq_nest_end(q, e.elem);
}

static void cmp(struct nlreq *q, enum nft_cmp_ops op, const void *data, uint32_t len)
{
	struct expr e = expr(q, "cmp");

	be32(q, NFTA_CMP_SREG, NFT_REG_1);
	be32(q, NFTA_CMP_OP, op);
	value(q, NFTA_CMP_DATA, data, len);
	expr_end(q, e);
}

static void meta(struct nlreq *q, enum nft_meta_keys key)
{
	struct expr e = expr(q, "meta");

	be32(q, NFTA_META_KEY, key);
	be32(q, NFTA_META_DREG, NFT_REG_1);
	expr_end(q, e);
}

static void meta_eq(struct nlreq *q, enum nft_meta_keys key, const void *data, uint32_t len)
{
	meta(q, key);
	cmp(q, NFT_CMP_EQ, data, len);
}

static void payload(struct nlreq *q, enum nft_payload_bases base, uint32_t off, uint32_t len)
{
	struct expr e = expr(q, "payload");

	be32(q, NFTA_PAYLOAD_DREG, NFT_REG_1);
	be32(q, NFTA_PAYLOAD_BASE, base);
	be32(q, NFTA_PAYLOAD_OFFSET, off);
	be32(q, NFTA_PAYLOAD_LEN, len);
	expr_end(q, e);
}

/* reg1 &= mask (xor 0): what the kernel reports of every bitwise. */
static void bitwise(struct nlreq *q, const void *mask, uint32_t len)
{
	static const uint8_t zero[16];
	struct expr e = expr(q, "bitwise");

	be32(q, NFTA_BITWISE_SREG, NFT_REG_1);
	be32(q, NFTA_BITWISE_DREG, NFT_REG_1);
	be32(q, NFTA_BITWISE_LEN, len);
	be32(q, NFTA_BITWISE_OP, NFT_BITWISE_BOOL);
	value(q, NFTA_BITWISE_MASK, mask, len);
	value(q, NFTA_BITWISE_XOR, zero, len);
	expr_end(q, e);
}

static void prefix_match(struct nlreq *q, uint32_t off, const struct nat_addr *a, enum nft_cmp_ops op)
{
	/* nft loads only the bytes a prefix covers, the whole address when
	 * a byte is partly masked; its listing recognises these shapes. */
	uint32_t len = a->plen % 8 ? (a->family == AF_INET ? 4 : 16) : a->plen / 8u;
	uint8_t mask[16] = { 0 };

	if (!a->family || !a->plen)
		return;		/* not given, or /0: everything matches */
	payload(q, NFT_PAYLOAD_NETWORK_HEADER, off, len);
	if (a->plen % 8) {
		memset(mask, 0xff, a->plen / 8);
		mask[a->plen / 8] = (uint8_t)(0xff << (8 - a->plen % 8));
		bitwise(q, mask, len);
	}
	cmp(q, op, a->a, len);
}

/* tcp/udp sport or dport: one port is ==, a range is >= and <=. */
static void port_match(struct nlreq *q, uint32_t off, const struct nat_ports *p)
{
	uint16_t min = htons(p->min), max = htons(p->max);

	if (!p->min)
		return;
	payload(q, NFT_PAYLOAD_TRANSPORT_HEADER, off, sizeof(min));
	if (p->min == p->max) {
		cmp(q, NFT_CMP_EQ, &min, sizeof(min));
		return;
	}
	cmp(q, NFT_CMP_GTE, &min, sizeof(min));
	cmp(q, NFT_CMP_LTE, &max, sizeof(max));
}

static void ifname_match(struct nlreq *q, enum nft_meta_keys key, const char *name, enum nft_cmp_ops op)
{
	char padded[IF_NAMESIZE] = { 0 };

	if (!*name)
		return;
	memcpy(padded, name, strnlen(name, sizeof(padded) - 1));
	meta(q, key);
	cmp(q, op, padded, sizeof(padded));
}

static void immediate(struct nlreq *q, enum nft_registers reg, const void *data, uint32_t len)
{
	struct expr e = expr(q, "immediate");

	be32(q, NFTA_IMMEDIATE_DREG, reg);
	value(q, NFTA_IMMEDIATE_DATA, data, len);
	expr_end(q, e);
}

/* Registers of a loaded range of values. */
struct loaded {
	enum nft_registers min, max;
};

/* Load min..max as nft does: registers taken in order from *next, the top
 * sharing the bottom's register when the range is one value (the kernel
 * reports it so, and a rule must read back identical). */
static struct loaded load_range(struct nlreq *q, enum nft_registers *next, const void *min, const void *max,
				uint32_t len)
{
	struct loaded l = { *next, *next };

	immediate(q, (*next)++, min, len);
	if (memcmp(min, max, len)) {
		l.max = *next;
		immediate(q, (*next)++, max, len);
	}
	return l;
}

static struct loaded load_ports(struct nlreq *q, enum nft_registers *next, const struct nat_ports *p)
{
	uint16_t min = htons(p->min), max = htons(p->max);

	return load_range(q, next, &min, &max, sizeof(min));
}

/* masq and redir: the same ports and flags under each one's attribute
 * numbers. */
struct to_host {
	const char *name;
	uint16_t proto_min, proto_max, flags;
};
static const struct to_host masq = { "masq", NFTA_MASQ_REG_PROTO_MIN, NFTA_MASQ_REG_PROTO_MAX, NFTA_MASQ_FLAGS };
/* To the host itself, the port changed or not: nft's redirect. */
static const struct to_host redir = { "redir", NFTA_REDIR_REG_PROTO_MIN, NFTA_REDIR_REG_PROTO_MAX,
				      NFTA_REDIR_FLAGS };

/* flags: the rule's (a hairpin's masquerade has none of its dnat's). */
static void masq_redir(struct nlreq *q, const struct to_host *how, uint32_t flags, const struct nat_member *m)
{
	enum nft_registers next = NFT_REG_1;
	struct loaded ports = { 0, 0 };
	struct expr e;

	if (m->to_ports.min) {
		ports = load_ports(q, &next, &m->to_ports);
		flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
	}
	e = expr(q, how->name);
	if (flags)
		be32(q, how->flags, flags);
	if (m->to_ports.min) {
		be32(q, how->proto_min, ports.min);
		be32(q, how->proto_max, ports.max);
	}
	expr_end(q, e);
}

static void snat_dnat(struct nlreq *q, const struct nat_rule *r, const struct nat_member *m)
{
	bool v6 = r->to_min.family == AF_INET6;
	enum nft_registers next = NFT_REG_1;
	struct loaded addr = load_range(q, &next, r->to_min.a, r->to_max.a, v6 ? 16 : 4);
	struct loaded ports = { 0, 0 };
	uint32_t flags = r->flags | NF_NAT_RANGE_MAP_IPS;
	struct expr e;

	if (m->to_ports.min)
		ports = load_ports(q, &next, &m->to_ports);
	e = expr(q, "nat");
	be32(q, NFTA_NAT_TYPE, r->kind == NAT_SNAT ? NFT_NAT_SNAT : NFT_NAT_DNAT);
	be32(q, NFTA_NAT_FAMILY, v6 ? NFPROTO_IPV6 : NFPROTO_IPV4);
	be32(q, NFTA_NAT_REG_ADDR_MIN, addr.min);
	be32(q, NFTA_NAT_REG_ADDR_MAX, addr.max);
	if (m->to_ports.min) {
		be32(q, NFTA_NAT_REG_PROTO_MIN, ports.min);
		be32(q, NFTA_NAT_REG_PROTO_MAX, ports.max);
		flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
	}
	be32(q, NFTA_NAT_FLAGS, flags);
	expr_end(q, e);
}

/* The loopback addresses: 127.0.0.0/8, ::1. */
static const struct nat_addr lo4 = { AF_INET, 8, { 127 } };
static const struct nat_addr lo6 = { AF_INET6, 128, { [15] = 1 } };

/* dnat (and redirect) without dst is for packets addressed to the host
 * itself (as Docker and netavark: fib daddr type local), so the host's
 * own traffic to other hosts keeps its destination.  In output, a dnat
 * leaves connections to the loopback addresses alone too (Docker's
 * ! -d 127.0.0.0/8): a packet from 127.0.0.1 cannot leave the host. */
static void local_match(struct nlreq *q, const struct nat_rule *r, const struct nat_member *m)
{
	int v6 = r->family == AF_INET6;
	uint32_t local = RTN_LOCAL;
	struct expr e;

	if (!NAT_KIND_DST(r->kind) || r->dst.family)
		return;
	/* a redirect stays here; a dnat with localhost publishes there too */
	if (m->chain == NAT_CHAIN_DSTNAT_OUT && r->kind == NAT_DNAT && !r->localhost)
		prefix_match(q, ip_hdr[v6].daddr, v6 ? &lo6 : &lo4, NFT_CMP_NEQ);
	e = expr(q, "fib");
	be32(q, NFTA_FIB_DREG, NFT_REG_1);
	be32(q, NFTA_FIB_RESULT, NFT_FIB_RESULT_ADDRTYPE);
	be32(q, NFTA_FIB_FLAGS, NFTA_FIB_F_DADDR);
	expr_end(q, e);
	cmp(q, NFT_CMP_EQ, &local, sizeof(local));
}

/* The connection was translated by a dnat (ct status dnat), to the
 * target, and comes in and goes out by the hairpin's device; or, for
 * localhost's masquerade, comes from a loopback address (the host's own
 * connection to 127.0.0.1:PORT, whose source cannot leave the host). */
static void masq_back_match(struct nlreq *q, const struct nat_rule *r, const struct nat_member *m)
{
	uint32_t dnat = IPS_DST_NAT, zero = 0;
	uint8_t proto = (uint8_t)m->proto, nfproto = r->family == AF_INET6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
	struct nat_addr to = r->to_min;
	struct expr e = expr(q, "ct");

	be32(q, NFTA_CT_KEY, NFT_CT_STATUS);
	be32(q, NFTA_CT_DREG, NFT_REG_1);
	expr_end(q, e);
	bitwise(q, &dnat, sizeof(dnat));
	cmp(q, NFT_CMP_NEQ, &zero, sizeof(zero));
	/* after ct, where nft puts the family its address match needs */
	meta_eq(q, NFT_META_NFPROTO, &nfproto, sizeof(nfproto));
	to.plen = to.family == AF_INET ? 32 : 128;
	if (m->loopback)
		prefix_match(q, ip_hdr[0].saddr, &lo4, NFT_CMP_EQ);
	prefix_match(q, ip_hdr[to.family == AF_INET6].daddr, &to, NFT_CMP_EQ);
	if (m->hairpin) {
		ifname_match(q, NFT_META_IIFNAME, r->hairpin, NFT_CMP_EQ);
		ifname_match(q, NFT_META_OIFNAME, r->hairpin, NFT_CMP_EQ);
	}
	if (m->proto >= 0)
		meta_eq(q, NFT_META_L4PROTO, &proto, sizeof(proto));
	port_match(q, 2, &m->dport);
}

/* Exclusions: each must not match. */
static void addrs_not(struct nlreq *q, uint32_t off, const struct nat_addr_list *l)
{
	for (int i = 0; i < l->n; i++)
		prefix_match(q, off, &l->a[i], NFT_CMP_NEQ);
}

static void ifnames_not(struct nlreq *q, enum nft_meta_keys key, const struct nat_ifname_list *l)
{
	for (int i = 0; i < l->n; i++)
		ifname_match(q, key, l->name[i], NFT_CMP_NEQ);
}

static void matches(struct nlreq *q, const struct nat_rule *r, const struct nat_member *m)
{
	int v6 = r->family == AF_INET6;
	uint8_t nfproto = v6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
	uint8_t proto = (uint8_t)m->proto;
	bool out = m->chain == NAT_CHAIN_DSTNAT_OUT;

	if (m->hairpin || m->loopback) {
		masq_back_match(q, r, m);
		return;
	}
	/* Addresses are read at family-specific offsets: only for one family. */
	if (r->family != AF_UNSPEC)
		meta_eq(q, NFT_META_NFPROTO, &nfproto, sizeof(nfproto));
	prefix_match(q, ip_hdr[v6].saddr, &r->src, NFT_CMP_EQ);
	addrs_not(q, ip_hdr[v6].saddr, &r->src_not);
	prefix_match(q, ip_hdr[v6].daddr, &r->dst, NFT_CMP_EQ);
	addrs_not(q, ip_hdr[v6].daddr, &r->dst_not);
	local_match(q, r, m);
	/* The host's own packets come in by no interface: no iif in output
	 * (an `iif !=` is always true there). */
	if (!out) {
		ifname_match(q, NFT_META_IIFNAME, r->iif, NFT_CMP_EQ);
		ifnames_not(q, NFT_META_IIFNAME, &r->iif_not);
	}
	ifname_match(q, NFT_META_OIFNAME, r->oif, NFT_CMP_EQ);
	ifnames_not(q, NFT_META_OIFNAME, &r->oif_not);
	if (m->proto >= 0)
		meta_eq(q, NFT_META_L4PROTO, &proto, sizeof(proto));
	port_match(q, 0, &m->sport);
	port_match(q, 2, &m->dport);
}

/* The protocols, sources and destination ports of r's members: one of
 * each list, or none when the list is empty. */
struct axes {
	int nproto, nsport, ndport;
};

static struct nat_member member_at(const struct nat_rule *r, enum nat_chain chain, int p, int s, int d)
{
	struct nat_member m = { chain, false, false, -1, { 0, 0 }, { 0, 0 }, r->to_ports };

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
 * destination: the to address, and its ports or else dport's.
 * localhost: the host's own connections to 127.0.0.1:PORT the same way
 * (their source is a loopback address), one more masquerade each. */
static int masqs_back(const struct nat_rule *r, const struct axes *ax, bool wanted)
{
	if (r->kind != NAT_DNAT || !wanted)
		return 0;
	return ax->nproto * (r->to_ports.min ? 1 : ax->ndport);
}

static int masqs_back_all(const struct nat_rule *r, const struct axes *ax)
{
	return masqs_back(r, ax, r->hairpin[0]) + masqs_back(r, ax, r->localhost);
}

/* The masquerades of one kind (hairpin or loopback) into m. */
static int masq_back_members(const struct nat_rule *r, const struct axes *ax, bool loopback, struct nat_member *m)
{
	int n = 0, total = masqs_back(r, ax, loopback ? r->localhost : r->hairpin[0] != '\0');
	int nports = total / ax->nproto;

	for (int p = 0; n < total; p++)
		for (int d = 0; d < nports; d++, n++) {
			m[n] = member_at(r, NAT_CHAIN_SRCNAT, p, 0, d);
			m[n].hairpin = !loopback;
			m[n].loopback = loopback;
			if (r->to_ports.min)
				m[n].dport = r->to_ports;
			m[n].to_ports = (struct nat_ports){ 0, 0 };
		}
	return n;
}

static int masq_back_all_members(const struct nat_rule *r, const struct axes *ax, struct nat_member *m)
{
	int n = masq_back_members(r, ax, false, m);

	return n + masq_back_members(r, ax, true, m + n);
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
	if (nchains * ax.nproto * ax.nsport * ax.ndport * each + masqs_back_all(r, &ax) > NAT_MEMBERS_MAX)
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
	return n + masq_back_all_members(r, &ax, &m[n]);
}

/* The comment: one TLV of nft's user data (NFTNL_UDATA_RULE_COMMENT),
 * NUL included, as libnftnl's udata writes it. */
static void comment(struct nlreq *q, const char *tag)
{
	uint8_t ud[2 + NAT_TAG_MAX];
	size_t len = strlen(tag) + 1;

	if (len > NAT_TAG_MAX) {
		q->overflow = true;
		return;
	}
	ud[0] = NFTNL_UDATA_RULE_COMMENT;
	ud[1] = (uint8_t)len;
	memcpy(ud + 2, tag, len);
	nlreq_put(q, NFTA_RULE_USERDATA, 2 + len, ud);
}

bool nat_rule_build(struct nlreq *q, const struct nat_rule *r, const char *tag, const struct nat_member *m)
{
	struct nfgenmsg *g = nlreq_init(q, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_NEWRULE,
					NLM_F_CREATE | NLM_F_APPEND, sizeof(*g));
	struct nlattr *exprs;

	g->nfgen_family = NFPROTO_INET;
	g->version = NFNETLINK_V0;
	nlreq_put_str(q, NFTA_RULE_TABLE, NAT_TABLE);
	nlreq_put_str(q, NFTA_RULE_CHAIN, nat_chain_names[m->chain]);
	exprs = nlreq_nest_start(q, NFTA_RULE_EXPRESSIONS);
	matches(q, r, m);
	expr_end(q, expr(q, "counter"));
	if (m->hairpin || m->loopback)
		masq_redir(q, &masq, 0, m);
	else if (r->kind == NAT_MASQUERADE)
		masq_redir(q, &masq, r->flags, m);
	else if (r->kind == NAT_REDIRECT)
		masq_redir(q, &redir, r->flags, m);
	else
		snat_dnat(q, r, m);
	nlreq_nest_end(q, exprs);
	if (tag)
		comment(q, tag);
	return !q->overflow;
}

/* ---- recognising a rule read back ----------------------------------- */

/* The kernel may report an expression's attributes in another order than
 * ours, without NLA_F_NESTED on nests and with attributes it fills itself.
 * So two expressions are the same when
 * their attributes are, as sets: each of ours is among theirs, once,
 * with the same bytes (nests compared the same way, their padding
 * aside).  Lengths are checked before every step: the dump is data. */
#define NEST_DEPTH 4

static bool attrs_same(const void *a, int alen, const void *b, int blen, int depth);

/* libmnl's attribute steps, inline: a listing takes hundreds of them
 * per rule. */
static inline bool ok(const struct nlattr *a, int len)
{
	return len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) && a->nla_len <= len;
}

static inline const struct nlattr *next(const struct nlattr *a, int *len)
{
	*len -= (int)NLA_ALIGN(a->nla_len);
	return (const void *)((const char *)a + NLA_ALIGN(a->nla_len));
}

static inline uint16_t type(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

static inline const void *data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static inline int data_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

/* Attributes tiling len exactly; -1 if they do not. */
static int attrs_count(const void *buf, int len)
{
	const struct nlattr *a = buf;
	int n = 0;

	for (; ok(a, len); a = next(a, &len))
		n++;
	return len == 0 ? n : -1;
}

static const struct nlattr *attr_find(const void *buf, int len, uint16_t t)
{
	const struct nlattr *a = buf;

	for (; ok(a, len); a = next(a, &len))
		if (type(a) == t)
			return a;
	return NULL;
}

static bool attr_same(const struct nlattr *x, const struct nlattr *y, int depth)
{
	if ((x->nla_type | y->nla_type) & NLA_F_NESTED && depth < NEST_DEPTH)
		return attrs_same(data(x), data_len(x), data(y), data_len(y), depth + 1);
	return x->nla_len == y->nla_len && !memcmp(data(x), data(y), (size_t)data_len(x));
}

static bool attrs_same(const void *a, int alen, const void *b, int blen, int depth)
{
	const struct nlattr *x = a, *y = b, *z;
	int n = attrs_count(a, alen), ylen = blen;

	if (n < 0 || n != attrs_count(b, blen))
		return false;
	for (; ok(x, alen); x = next(x, &alen)) {
		/* theirs in our order first: the builder writes the kernel's */
		z = ok(y, ylen) && type(y) == type(x) ? y : attr_find(b, blen, type(x));
		if (!z || !attr_same(x, z, depth))
			return false;
		if (z == y)
			y = next(y, &ylen);
	}
	return true;
}

/* One expression of each list: the same kind, and the same data unless
 * it is a counter (whose values are its own). */
static bool expr_same(const struct nlattr *x, const struct nlattr *y)
{
	const struct nlattr *xn = attr_find(data(x), data_len(x), NFTA_EXPR_NAME);
	const struct nlattr *yn = attr_find(data(y), data_len(y), NFTA_EXPR_NAME);
	const struct nlattr *xd, *yd;

	if (type(y) != NFTA_LIST_ELEM || !xn || !yn || !attr_same(xn, yn, NEST_DEPTH))
		return false;
	if (!strcmp(data(xn), "counter"))
		return true;
	xd = attr_find(data(x), data_len(x), NFTA_EXPR_DATA);
	yd = attr_find(data(y), data_len(y), NFTA_EXPR_DATA);
	if (!xd || !yd)
		return !xd && !yd;
	return attrs_same(data(xd), data_len(xd), data(yd), data_len(yd), 1);
}

/* The expression lists, element by element. */
static bool exprs_same(const struct nlattr *want, const struct nlattr *got)
{
	const struct nlattr *x = data(want), *y = data(got);
	int xl = data_len(want), yl = data_len(got), n = attrs_count(y, yl);

	if (n < 0 || attrs_count(x, xl) != n)
		return false;
	for (; ok(x, xl) && ok(y, yl); x = next(x, &xl), y = next(y, &yl))
		if (!expr_same(x, y))
			return false;
	return true;
}

/* Whether e holds exactly the expressions member m of r is built of. */
static bool member_is(const struct nat_entry *e, const struct nat_rule *r, const struct nat_member *m)
{
	static struct nlreq want;	/* 8 KiB: off the stack */
	const struct nlattr *exprs;
	size_t hdr = MNL_ALIGN(sizeof(struct nfgenmsg));

	/* Padding compared as bytes (a nest at NEST_DEPTH) is zero: nlreq_put
	 * writes it, as the kernel does. */
	if (!nat_rule_build(&want, r, NULL, m))
		return false;
	exprs = attr_find((const char *)mnl_nlmsg_get_payload(want.nlh) + hdr,
			  (int)(mnl_nlmsg_get_payload_len(want.nlh) - hdr), NFTA_RULE_EXPRESSIONS);
	return exprs && exprs_same(exprs, e->exprs);
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
