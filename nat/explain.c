/* The forward-hook chains of other tables (a Docker, firewalld or
 * netavark host has one with policy drop), read once and evaluated for
 * a packet known in part: each expression is run on registers whose
 * bits are known or not, so a match is certain, certainly not, or
 * unknown.  Verdicts follow jumps and gotos inside a table. */
#include "explain.h"
#include "nat_int.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_tables_compat.h>

#include "../namespace/sysctl.h"
#include "../netlink/attr.h"
#include "../netlink/ifname.h"

#define NAME_MAX_LEN 256	/* NFT_TABLE_MAXNAMELEN, NFT_CHAIN_MAXNAMELEN */
#define JUMP_DEPTH 16		/* the kernel allows 16 nested jumps */

struct fw_rule {
	uint64_t handle;
	void *exprs;		/* a copy of NFTA_RULE_EXPRESSIONS, whole */
};

struct fw_chain {
	uint8_t family;		/* NFPROTO_* */
	char table[NAME_MAX_LEN], name[NAME_MAX_LEN];
	bool base;		/* a forward-hook base chain */
	int32_t prio;
	uint32_t policy;	/* NF_ACCEPT or NF_DROP */
	struct fw_rule *rules;
	size_t n, cap;
};

struct nat_fwd {
	struct fw_chain *c;
	size_t n, cap;
	bool nomem;
};

static const char *family_name(uint8_t family)
{
	return family == NFPROTO_IPV4 ? "ip" : family == NFPROTO_IPV6 ? "ip6" : "inet";
}

static bool family_wanted(uint8_t family, const char *table)
{
	if (family == NFPROTO_INET && !strcmp(table, NAT_TABLE))
		return false;	/* ipbox's own: nat chains only */
	return family == NFPROTO_IPV4 || family == NFPROTO_IPV6 || family == NFPROTO_INET;
}

static struct fw_chain *chain_find(const struct nat_fwd *f, uint8_t family, const char *table, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->c[i].family == family && !strcmp(f->c[i].table, table) && !strcmp(f->c[i].name, name))
			return &f->c[i];
	return NULL;
}

static bool table_has_base(const struct nat_fwd *f, uint8_t family, const char *table)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->c[i].base && f->c[i].family == family && !strcmp(f->c[i].table, table))
			return true;
	return false;
}

static uint32_t be32_at(const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) == 4 ? ntohl(mnl_attr_get_u32(a)) : 0;
}

/* Room for item n of the array at *p (capacity *cap, items of size
 * bytes); false, and f out of memory, when there is none. */
static bool room(struct nat_fwd *f, void **p, size_t n, size_t *cap, size_t size)
{
	size_t more = *cap ? 2 * *cap : 8;
	void *grown;

	if (n < *cap)
		return true;
	grown = realloc(*p, more * size);
	if (!grown) {
		f->nomem = true;
		return false;
	}
	*p = grown;
	*cap = more;
	return true;
}

static int read_chain(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[NFTA_CHAIN_MAX + 1] = {
		[NFTA_CHAIN_TABLE] = MNL_TYPE_NUL_STRING,
		[NFTA_CHAIN_NAME] = MNL_TYPE_NUL_STRING,
		[NFTA_CHAIN_HOOK] = MNL_TYPE_NESTED,
		[NFTA_CHAIN_POLICY] = MNL_TYPE_U32,
	};
	static const enum mnl_attr_data_type hook_policy[NFTA_HOOK_MAX + 1] = {
		[NFTA_HOOK_HOOKNUM] = MNL_TYPE_U32,
		[NFTA_HOOK_PRIORITY] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[NFTA_CHAIN_MAX + 1] = { NULL }, *hk[NFTA_HOOK_MAX + 1] = { NULL };
	const struct nfgenmsg *g = mnl_nlmsg_get_payload(nlh);
	struct nat_fwd *f = data;
	struct fw_chain *c;

	if (attr_parse(tb, NFTA_CHAIN_MAX, policy, nlh, sizeof(*g)) < 0 || !tb[NFTA_CHAIN_TABLE] ||
	    !tb[NFTA_CHAIN_NAME] || strlen(mnl_attr_get_str(tb[NFTA_CHAIN_TABLE])) >= NAME_MAX_LEN ||
	    strlen(mnl_attr_get_str(tb[NFTA_CHAIN_NAME])) >= NAME_MAX_LEN ||
	    !family_wanted(g->nfgen_family, mnl_attr_get_str(tb[NFTA_CHAIN_TABLE])))
		return NL_CB_OK;
	if (!room(f, (void **)&f->c, f->n, &f->cap, sizeof(*f->c)))
		return NL_CB_OK;
	c = &f->c[f->n++];
	*c = (struct fw_chain){ .family = g->nfgen_family, .policy = NF_ACCEPT };
	strcpy(c->table, mnl_attr_get_str(tb[NFTA_CHAIN_TABLE]));
	strcpy(c->name, mnl_attr_get_str(tb[NFTA_CHAIN_NAME]));
	if (tb[NFTA_CHAIN_HOOK]) {
		attr_parse_nested(hk, NFTA_HOOK_MAX, hook_policy, tb[NFTA_CHAIN_HOOK]);
		c->base = hk[NFTA_HOOK_HOOKNUM] && be32_at(hk[NFTA_HOOK_HOOKNUM]) == NF_INET_FORWARD;
		c->prio = (int32_t)be32_at(hk[NFTA_HOOK_PRIORITY]);
	}
	if (tb[NFTA_CHAIN_POLICY])
		c->policy = be32_at(tb[NFTA_CHAIN_POLICY]);
	return NL_CB_OK;
}

static int read_rule(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[NFTA_RULE_MAX + 1] = {
		[NFTA_RULE_TABLE] = MNL_TYPE_NUL_STRING,
		[NFTA_RULE_CHAIN] = MNL_TYPE_NUL_STRING,
		[NFTA_RULE_HANDLE] = MNL_TYPE_U64,
		[NFTA_RULE_EXPRESSIONS] = MNL_TYPE_NESTED,
	};
	const struct nlattr *tb[NFTA_RULE_MAX + 1] = { NULL };
	const struct nfgenmsg *g = mnl_nlmsg_get_payload(nlh);
	struct nat_fwd *f = data;
	struct fw_chain *c;
	struct fw_rule *r;

	if (attr_parse(tb, NFTA_RULE_MAX, policy, nlh, sizeof(*g)) < 0 || !tb[NFTA_RULE_TABLE] ||
	    !tb[NFTA_RULE_CHAIN] || !tb[NFTA_RULE_HANDLE])
		return NL_CB_OK;
	c = chain_find(f, g->nfgen_family, mnl_attr_get_str(tb[NFTA_RULE_TABLE]),
		       mnl_attr_get_str(tb[NFTA_RULE_CHAIN]));
	if (!c || !table_has_base(f, c->family, c->table))
		return NL_CB_OK;	/* a table no forwarded packet sees */
	if (!room(f, (void **)&c->rules, c->n, &c->cap, sizeof(*c->rules)))
		return NL_CB_OK;
	r = &c->rules[c->n];
	r->handle = be64toh(mnl_attr_get_u64(tb[NFTA_RULE_HANDLE]));
	r->exprs = NULL;
	if (tb[NFTA_RULE_EXPRESSIONS]) {
		r->exprs = malloc(tb[NFTA_RULE_EXPRESSIONS]->nla_len);
		if (!r->exprs) {
			f->nomem = true;
			return NL_CB_OK;
		}
		memcpy(r->exprs, tb[NFTA_RULE_EXPRESSIONS], tb[NFTA_RULE_EXPRESSIONS]->nla_len);
	}
	c->n++;
	return NL_CB_OK;
}

static void *dump_req(struct nlreq *req, uint16_t type)
{
	struct nfgenmsg *g = nlreq_init(req, (NFNL_SUBSYS_NFTABLES << 8) | type, 0, sizeof(*g));

	g->nfgen_family = NFPROTO_UNSPEC;
	g->version = NFNETLINK_V0;
	return g;
}

void nat_fwd_free(struct nat_fwd *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		for (size_t j = 0; j < f->c[i].n; j++)
			free(f->c[i].rules[j].exprs);
		free(f->c[i].rules);
	}
	free(f->c);
	free(f);
}

/* The rules of each table with a forward base chain, one dump each: a
 * host's other tables are never read. */
static int read_rules(struct nat_session *s, struct nat_fwd *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct nlreq req;
		struct nfgenmsg *g;
		bool first = f->c[i].base;

		for (size_t j = 0; first && j < i; j++)
			first = !(f->c[j].base && f->c[j].family == f->c[i].family &&
				  !strcmp(f->c[j].table, f->c[i].table));
		if (!first)
			continue;
		g = dump_req(&req, NFT_MSG_GETRULE);
		g->nfgen_family = f->c[i].family;
		nlreq_put_str(&req, NFTA_RULE_TABLE, f->c[i].table);
		if ((nl_dump(&s->nl, &req, read_rule, f) < 0 && s->nl.error != ENOENT) || f->nomem)
			return -1;	/* ENOENT: the table went meanwhile */
	}
	return 0;
}

bool nat_fwd_any(const struct nat_fwd *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->c[i].base)
			return true;
	return false;
}

struct nat_fwd *nat_fwd_read(struct nat_session *s)
{
	struct nat_fwd *f = calloc(1, sizeof(*f));
	struct nlreq req;

	if (!f) {
		s->nl.error = ENOMEM;
		return NULL;
	}
	dump_req(&req, NFT_MSG_GETCHAIN);
	if (nl_dump(&s->nl, &req, read_chain, f) == 0 && !f->nomem && read_rules(s, f) == 0)
		return f;
	if (f->nomem)
		s->nl.error = ENOMEM;
	nat_fwd_free(f);
	return NULL;
}

/* ---- registers of partly known bits --------------------------------- */

#define REGS_LEN 80	/* NFT_REG_VERDICT..NFT_REG32_15, in bytes */

struct regs {
	uint8_t v[REGS_LEN], known[REGS_LEN];	/* a bit of v counts where known has it */
};

/* A register's first byte, as the kernel numbers them (nft_parse_register). */
static int reg_off(const struct nlattr *a, uint32_t len)
{
	uint32_t reg = be32_at(a), unit;

	if (!a)
		return -1;
	unit = reg <= NFT_REG_4 ? reg * NFT_REG_SIZE / NFT_REG32_SIZE : reg - NFT_REG32_00 + 4;
	if (reg < NFT_REG_1 || (uint64_t)unit * NFT_REG32_SIZE + len > REGS_LEN)
		return -1;
	return (int)(unit * NFT_REG32_SIZE);
}

/* What the packet gives for len bytes of a field: v and its known bits. */
struct field {
	uint8_t v[40], known[40];
};

static void field_put(struct field *fl, size_t at, const void *v, size_t len)
{
	if (at + len > sizeof(fl->v))
		return;
	memcpy(fl->v + at, v, len);
	memset(fl->known + at, 0xff, len);
}

static void field_addr(struct field *fl, size_t at, const struct nat_addr *a, size_t len)
{
	if (!a->family || at + len > sizeof(fl->v))
		return;
	memcpy(fl->v + at, a->a, len);
	for (size_t i = 0; i < len; i++) {
		int bits = (int)a->plen - (int)(8 * i);

		fl->known[at + i] = bits >= 8 ? 0xff : bits <= 0 ? 0 : (uint8_t)(0xff << (8 - bits));
	}
}

/* The network header as far as pkt knows it. */
static void net_header(const struct nat_pkt *p, struct field *fl)
{
	uint8_t proto = (uint8_t)p->l4proto;

	if (p->family == AF_INET) {
		if (p->l4proto >= 0)
			field_put(fl, 9, &proto, 1);
		field_addr(fl, 12, &p->saddr, 4);
		field_addr(fl, 16, &p->daddr, 4);
	} else {
		if (p->l4proto >= 0)
			field_put(fl, 6, &proto, 1);
		field_addr(fl, 8, &p->saddr, 16);
		field_addr(fl, 24, &p->daddr, 16);
	}
}

static bool proto_has_ports(int proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP;
}

static void load(struct regs *rg, int off, const struct field *fl, uint32_t at, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		bool in = at + i < sizeof(fl->v);

		rg->v[off + i] = in ? fl->v[at + i] : 0;
		rg->known[off + i] = in ? fl->known[at + i] : 0;
	}
}

static void load_payload(struct regs *rg, const struct nlattr *d, const struct nat_pkt *p)
{
	static const enum mnl_attr_data_type policy[NFTA_PAYLOAD_MAX + 1] = {
		[NFTA_PAYLOAD_DREG] = MNL_TYPE_U32, [NFTA_PAYLOAD_BASE] = MNL_TYPE_U32,
		[NFTA_PAYLOAD_OFFSET] = MNL_TYPE_U32, [NFTA_PAYLOAD_LEN] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[NFTA_PAYLOAD_MAX + 1] = { NULL };
	struct field fl = { { 0 }, { 0 } };
	uint32_t len, base;
	int off;

	attr_parse_nested(tb, NFTA_PAYLOAD_MAX, policy, d);
	len = be32_at(tb[NFTA_PAYLOAD_LEN]);
	off = reg_off(tb[NFTA_PAYLOAD_DREG], len);
	if (off < 0)
		return;	/* a payload write (a statement), or nonsense */
	base = be32_at(tb[NFTA_PAYLOAD_BASE]);
	if (base == NFT_PAYLOAD_NETWORK_HEADER) {
		net_header(p, &fl);
	} else if (base == NFT_PAYLOAD_TRANSPORT_HEADER && proto_has_ports(p->l4proto) && p->dport >= 0) {
		uint16_t port = htons((uint16_t)p->dport);

		field_put(&fl, 2, &port, 2);
	}
	load(rg, off, &fl, be32_at(tb[NFTA_PAYLOAD_OFFSET]), len);
}

static void meta_field(const struct nat_pkt *p, uint32_t key, struct field *fl)
{
	uint8_t nfproto = p->family == AF_INET ? NFPROTO_IPV4 : NFPROTO_IPV6, proto = (uint8_t)p->l4proto;
	uint16_t ethertype = htons(p->family == AF_INET ? 0x0800 : 0x86dd);
	char name[IF_NAMESIZE] = { 0 };
	uint32_t index;

	switch (key) {
	case NFT_META_NFPROTO:
		field_put(fl, 0, &nfproto, 1);
		break;
	case NFT_META_PROTOCOL:
		field_put(fl, 0, &ethertype, 2);
		break;
	case NFT_META_L4PROTO:
		if (p->l4proto >= 0)
			field_put(fl, 0, &proto, 1);
		break;
	case NFT_META_IIFNAME:
	case NFT_META_OIFNAME:
		strncpy(name, key == NFT_META_IIFNAME ? p->iif : p->oif, sizeof(name) - 1);
		if (*name)
			field_put(fl, 0, name, sizeof(name));
		break;
	case NFT_META_IIF:
	case NFT_META_OIF:
		index = if_nametoindex(key == NFT_META_IIF ? p->iif : p->oif);
		if (index)
			field_put(fl, 0, &index, 4);
		break;
	}
}

static void ct_field(const struct nat_pkt *p, uint32_t key, struct field *fl)
{
	uint32_t state = p->reply ? NF_CT_STATE_BIT(IP_CT_ESTABLISHED) : NF_CT_STATE_BIT(IP_CT_NEW);
	uint32_t status = p->dnat ? IPS_DST_NAT : 0, status_known = IPS_DST_NAT | IPS_SRC_NAT;
	uint8_t dir = p->reply;	/* IP_CT_DIR_REPLY : IP_CT_DIR_ORIGINAL */

	if (key == NFT_CT_STATE) {
		field_put(fl, 0, &state, 4);
	} else if (key == NFT_CT_DIRECTION) {
		field_put(fl, 0, &dir, 1);
	} else if (key == NFT_CT_STATUS && !p->reply) {
		memcpy(fl->v, &status, 4);	/* before srcnat: its nat bits, no others */
		memcpy(fl->known, &status_known, 4);
	}
}

/* meta and ct: a load (dreg), or a statement that sets (sreg): ignored. */
static void load_key(struct regs *rg, const struct nlattr *d, const struct nat_pkt *p, bool ct)
{
	static const enum mnl_attr_data_type policy[NFTA_META_MAX + 1] = {
		[NFTA_META_DREG] = MNL_TYPE_U32, [NFTA_META_KEY] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[NFTA_META_MAX + 1] = { NULL };
	struct field fl = { { 0 }, { 0 } };
	int off;

	/* NFTA_CT_DREG and NFTA_CT_KEY have NFTA_META_DREG's and NFTA_META_KEY's numbers. */
	attr_parse_nested(tb, NFTA_META_MAX, policy, d);
	off = reg_off(tb[ct ? NFTA_CT_DREG : NFTA_META_DREG], NFT_REG32_SIZE);
	if (off < 0)
		return;
	if (ct)
		ct_field(p, be32_at(tb[NFTA_CT_KEY]), &fl);
	else
		meta_field(p, be32_at(tb[NFTA_META_KEY]), &fl);
	load(rg, off, &fl, 0, (uint32_t)(REGS_LEN - off < IF_NAMESIZE ? REGS_LEN - off : IF_NAMESIZE));
}

static const struct nlattr *data_value(const struct nlattr *nest)
{
	const struct nlattr *tb[NFTA_DATA_MAX + 1] = { NULL };

	if (!nest)
		return NULL;
	attr_parse_nested(tb, NFTA_DATA_MAX, NULL, nest);
	return tb[NFTA_DATA_VALUE];
}

/* mask and xor (the only bitwise nft writes for prefixes and flags):
 * bits the mask clears become known. */
static bool bitwise(struct regs *rg, const struct nlattr *d)
{
	const struct nlattr *tb[NFTA_BITWISE_MAX + 1] = { NULL }, *mask, *xor;
	uint32_t len;
	int src, dst;

	attr_parse_nested(tb, NFTA_BITWISE_MAX, NULL, d);
	len = be32_at(tb[NFTA_BITWISE_LEN]);
	src = reg_off(tb[NFTA_BITWISE_SREG], len);
	dst = reg_off(tb[NFTA_BITWISE_DREG], len);
	mask = data_value(tb[NFTA_BITWISE_MASK]);
	xor = data_value(tb[NFTA_BITWISE_XOR]);
	if (src < 0 || dst < 0)
		return false;
	if ((tb[NFTA_BITWISE_OP] && be32_at(tb[NFTA_BITWISE_OP]) != NFT_BITWISE_BOOL) || !mask || !xor ||
	    mnl_attr_get_payload_len(mask) != len || mnl_attr_get_payload_len(xor) != len) {
		memset(rg->known + dst, 0, len);
		return true;
	}
	for (uint32_t i = 0; i < len; i++) {
		uint8_t m = ((const uint8_t *)mnl_attr_get_payload(mask))[i];
		uint8_t x = ((const uint8_t *)mnl_attr_get_payload(xor))[i];

		rg->v[dst + i] = (uint8_t)((rg->v[src + i] & m) ^ x);
		rg->known[dst + i] = (uint8_t)(rg->known[src + i] | ~m);
	}
	return true;
}

enum match { NO, YES, UNSURE };

static enum match cmp(const struct regs *rg, const struct nlattr *d)
{
	const struct nlattr *tb[NFTA_CMP_MAX + 1] = { NULL }, *val;
	const uint8_t *want;
	uint32_t len, op;
	bool differ = false, unknown = false;
	int off, order = 0;

	attr_parse_nested(tb, NFTA_CMP_MAX, NULL, d);
	val = data_value(tb[NFTA_CMP_DATA]);
	if (!val)
		return UNSURE;
	len = mnl_attr_get_payload_len(val);
	want = mnl_attr_get_payload(val);
	off = reg_off(tb[NFTA_CMP_SREG], len);
	if (off < 0)
		return UNSURE;
	for (uint32_t i = 0; i < len; i++) {
		uint8_t k = rg->known[off + i];

		if ((rg->v[off + i] & k) != (want[i] & k))
			differ = true;
		if (k != 0xff)
			unknown = true;
		if (!order && k == 0xff && rg->v[off + i] != want[i])
			order = rg->v[off + i] < want[i] ? -1 : 1;
	}
	op = be32_at(tb[NFTA_CMP_OP]);
	if (op == NFT_CMP_EQ || op == NFT_CMP_NEQ) {
		enum match eq = differ ? NO : unknown ? UNSURE : YES;

		return op == NFT_CMP_EQ ? eq : eq == UNSURE ? UNSURE : eq == YES ? NO : YES;
	}
	if (unknown)
		return UNSURE;
	switch (op) {	/* byte order: network, as ports and addresses are */
	case NFT_CMP_LT: return order < 0 ? YES : NO;
	case NFT_CMP_LTE: return order <= 0 ? YES : NO;
	case NFT_CMP_GT: return order > 0 ? YES : NO;
	case NFT_CMP_GTE: return order >= 0 ? YES : NO;
	}
	return UNSURE;
}

/* What a rule decides when it matches. */
struct rule_verdict {
	int code;		/* NF_ACCEPT, NF_DROP, NFT_JUMP, NFT_GOTO, NFT_RETURN; NFT_CONTINUE: none */
	bool reject;
	char chain[NAME_MAX_LEN];	/* a jump's or goto's target */
};

static void immediate(const struct nlattr *d, struct rule_verdict *rv)
{
	const struct nlattr *tb[NFTA_IMMEDIATE_MAX + 1] = { NULL }, *data[NFTA_DATA_MAX + 1] = { NULL };
	const struct nlattr *vd[NFTA_VERDICT_MAX + 1] = { NULL };

	attr_parse_nested(tb, NFTA_IMMEDIATE_MAX, NULL, d);
	if (!tb[NFTA_IMMEDIATE_DREG] || be32_at(tb[NFTA_IMMEDIATE_DREG]) != NFT_REG_VERDICT ||
	    !tb[NFTA_IMMEDIATE_DATA])
		return;
	attr_parse_nested(data, NFTA_DATA_MAX, NULL, tb[NFTA_IMMEDIATE_DATA]);
	if (!data[NFTA_DATA_VERDICT])
		return;
	attr_parse_nested(vd, NFTA_VERDICT_MAX, NULL, data[NFTA_DATA_VERDICT]);
	if (!vd[NFTA_VERDICT_CODE] || mnl_attr_get_payload_len(vd[NFTA_VERDICT_CODE]) != 4)
		return;
	rv->code = (int32_t)be32_at(vd[NFTA_VERDICT_CODE]);
	if (vd[NFTA_VERDICT_CHAIN] && mnl_attr_validate(vd[NFTA_VERDICT_CHAIN], MNL_TYPE_NUL_STRING) == 0 &&
	    strlen(mnl_attr_get_str(vd[NFTA_VERDICT_CHAIN])) < NAME_MAX_LEN)
		strcpy(rv->chain, mnl_attr_get_str(vd[NFTA_VERDICT_CHAIN]));
}

static bool named(const struct nlattr *name, const char *s)
{
	return mnl_attr_get_payload_len(name) == strlen(s) + 1 && !memcmp(mnl_attr_get_payload(name), s, strlen(s) + 1);
}

/* An xt target of iptables-nft: REJECT and DROP decide, others do not. */
static void xt_target(const struct nlattr *d, struct rule_verdict *rv)
{
	const struct nlattr *tb[NFTA_TARGET_MAX + 1] = { NULL };

	attr_parse_nested(tb, NFTA_TARGET_MAX, NULL, d);
	if (tb[NFTA_TARGET_NAME] && named(tb[NFTA_TARGET_NAME], "REJECT"))
		rv->code = NF_DROP, rv->reject = true;
}

/* Expressions that neither match nor decide. */
static bool inert(const struct nlattr *name)
{
	static const char *const names[] = { "counter", "log", "objref", "dynset", "notrack" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (named(name, names[i]))
			return true;
	return false;
}

/* Whether the rule matches pkt, and what it decides if it does. */
static enum match rule_eval(const struct fw_rule *r, const struct nat_pkt *p, struct rule_verdict *rv)
{
	struct regs rg;
	const struct nlattr *elem, *a;
	enum match m = YES;

	memset(&rg, 0, sizeof(rg));
	*rv = (struct rule_verdict){ .code = NFT_CONTINUE };
	if (!r->exprs)
		return YES;
	mnl_attr_for_each_nested(elem, (const struct nlattr *)r->exprs) {
		const struct nlattr *name = NULL, *data = NULL;

		mnl_attr_for_each_nested(a, elem) {
			if (mnl_attr_get_type(a) == NFTA_EXPR_NAME)
				name = a;
			else if (mnl_attr_get_type(a) == NFTA_EXPR_DATA)
				data = a;
		}
		if (!name || inert(name))
			continue;
		if (named(name, "reject")) {
			rv->code = NF_DROP, rv->reject = true;
		} else if (named(name, "target") && data) {
			xt_target(data, rv);
		} else if (!data) {
			m = UNSURE;
		} else if (named(name, "immediate")) {
			immediate(data, rv);
		} else if (named(name, "payload")) {
			load_payload(&rg, data, p);
		} else if (named(name, "meta") || named(name, "ct")) {
			load_key(&rg, data, p, named(name, "ct"));
		} else if (named(name, "bitwise")) {
			if (!bitwise(&rg, data))
				m = UNSURE;
		} else if (named(name, "cmp")) {
			enum match c = cmp(&rg, data);

			if (c == NO)
				return NO;
			if (c == UNSURE)
				m = UNSURE;
		} else {
			m = UNSURE;	/* sets, ranges, fib, limits, xt matches, ... */
		}
	}
	return m;
}

/* ---- chains --------------------------------------------------------- */

enum chain_end { FELL_OFF, DECIDED };

/* Rules looked at per base chain at most: jumps are bounded in depth,
 * not in breadth (a dump's chains may jump in circles). */
#define WALK_BUDGET 100000

struct walk_state {
	const struct nat_fwd *f;
	const struct nat_pkt *p;
	struct nat_fwd_verdict *v;
	unsigned int budget;
};

static void unsure(struct walk_state *w, const struct fw_chain *c, const struct fw_rule *r)
{
	if (!w->v->unsure_handle) {
		w->v->unsure_handle = r->handle ? r->handle : 1;
		w->v->unsure_chain = c->name;
	}
}

static enum chain_end chain_eval(struct walk_state *w, const struct fw_chain *c, int depth)
{
	for (size_t i = 0; i < c->n; i++) {
		struct rule_verdict rv;
		enum match m;
		const struct fw_chain *to;

		if (!w->budget) {
			unsure(w, c, &c->rules[i]);
			return FELL_OFF;
		}
		w->budget--;
		m = rule_eval(&c->rules[i], w->p, &rv);
		if (m == NO || rv.code == NFT_CONTINUE)
			continue;
		if (m == UNSURE) {
			unsure(w, c, &c->rules[i]);
			continue;
		}
		switch (rv.code) {
		case NF_ACCEPT:
		case NF_DROP:
			w->v->drop = rv.code == NF_DROP;
			w->v->reject = rv.reject;
			w->v->handle = c->rules[i].handle;
			w->v->rule_chain = c->name;
			return DECIDED;
		case NFT_RETURN:
			return FELL_OFF;
		case NFT_JUMP:
		case NFT_GOTO:
			to = chain_find(w->f, c->family, c->table, rv.chain);
			if (!to || depth >= JUMP_DEPTH)
				break;
			if (chain_eval(w, to, depth + 1) == DECIDED)
				return DECIDED;
			if (rv.code == NFT_GOTO)
				return FELL_OFF;
			break;
		default:	/* queue, stolen: not ours to say */
			unsure(w, c, &c->rules[i]);
		}
	}
	return FELL_OFF;
}

static bool chain_sees(const struct fw_chain *c, int family)
{
	return c->base && (c->family == NFPROTO_INET || c->family == (family == AF_INET ? NFPROTO_IPV4 : NFPROTO_IPV6));
}

int nat_fwd_walk(const struct nat_fwd *f, const struct nat_pkt *pkt,
		 bool (*cb)(const struct nat_fwd_verdict *v, void *data), void *data)
{
	const struct fw_chain *last = NULL;
	int seen = 0;

	/* In priority order (ties: dump order); each chain once. */
	for (;;) {
		const struct fw_chain *next = NULL;
		struct nat_fwd_verdict v;
		struct walk_state w = { f, pkt, &v, WALK_BUDGET };
		bool after_last = !last;

		for (size_t i = 0; i < f->n; i++) {
			const struct fw_chain *c = &f->c[i];

			if (c == last) {
				after_last = true;
				continue;
			}
			if (!chain_sees(c, pkt->family) || (last && (c->prio < last->prio ||
								    (c->prio == last->prio && !after_last))))
				continue;
			if (!next || c->prio < next->prio)
				next = c;
		}
		if (!next)
			return seen;
		last = next;
		seen++;
		v = (struct nat_fwd_verdict){ .family = family_name(next->family), .table = next->table,
					      .chain = next->name };
		if (chain_eval(&w, next, 0) == FELL_OFF) {
			v.policy = true;
			v.drop = next->policy == NF_DROP;
			v.rule_chain = next->name;
		}
		if (!cb(&v, data))
			return seen;
	}
}

/* ---- ipbox's own rules ---------------------------------------------- */

static bool addr_in(const struct nat_addr *pfx, const struct nat_addr *a)
{
	int bits = pfx->plen;

	if (!pfx->family)
		return true;
	if (pfx->family != a->family)
		return false;
	for (int i = 0; bits > 0; i++, bits -= 8) {
		uint8_t m = bits >= 8 ? 0xff : (uint8_t)(0xff << (8 - bits));

		if ((pfx->a[i] ^ a->a[i]) & m)
			return false;
	}
	return true;
}

static bool addr_excluded(const struct nat_addr_list *l, const struct nat_addr *a)
{
	for (int i = 0; i < l->n; i++)
		if (addr_in(&l->a[i], a))
			return true;
	return false;
}

bool nat_addr_loopback(const struct nat_addr *a)
{
	static const uint8_t lo6[16] = { [15] = 1 };

	if (a->family == AF_INET)
		return a->plen >= 8 && a->a[0] == 127;
	return a->family == AF_INET6 && a->plen == 128 && !memcmp(a->a, lo6, sizeof(lo6));
}

static bool ifname_ok(const char *want, const struct nat_ifname_list *not, const char *dev)
{
	if (*want && strcmp(want, dev))
		return false;
	for (int i = 0; i < not->n; i++)
		if (!strcmp(not->name[i], dev))
			return false;
	return true;
}

static bool port_in(const struct nat_port_list *l, int port)
{
	if (!l->n)
		return true;
	for (int i = 0; i < l->n; i++)
		if (port >= l->p[i].min && port <= (l->p[i].max ? l->p[i].max : l->p[i].min))
			return true;
	return false;
}

static bool proto_in(const struct nat_rule *r, int proto)
{
	if (!r->nprotos)
		return true;
	for (int i = 0; i < r->nprotos; i++)
		if (r->protos[i] == proto)
			return true;
	return false;
}

bool nat_rule_applies(const struct nat_rule *r, const struct nat_pkt *p, enum nat_stage stage, bool local)
{
	bool dst_kind = NAT_KIND_DST(r->kind);

	if ((stage == NAT_STAGE_SRC) == dst_kind)
		return false;
	if ((r->family != AF_UNSPEC && r->family != p->family) || !addr_in(&r->src, &p->saddr) ||
	    addr_excluded(&r->src_not, &p->saddr) || addr_excluded(&r->dst_not, &p->daddr) ||
	    !proto_in(r, p->l4proto) || (r->dport.n && !port_in(&r->dport, p->dport)) || r->sport.n)
		return false;
	if (dst_kind && !r->dst.family && !local)
		return false;	/* fib daddr type local */
	/* the host's own to its loopback: a dnat takes it with localhost only */
	if (stage == NAT_STAGE_DST_OUTPUT && r->kind == NAT_DNAT && !r->dst.family && !r->localhost &&
	    nat_addr_loopback(&p->daddr))
		return false;
	if (!addr_in(&r->dst, &p->daddr))
		return false;
	if (stage == NAT_STAGE_DST_OUTPUT)
		return !*r->iif && ifname_ok("", &r->iif_not, "");
	if (stage == NAT_STAGE_DST)
		return ifname_ok(r->iif, &r->iif_not, p->iif);
	return ifname_ok(r->oif, &r->oif_not, p->oif);
}

int nat_rule_new_port(const struct nat_rule *r, int dport)
{
	if (!r->to_ports.min)
		return dport;
	if (nat_rule_maps_ports(r))
		return r->to_ports.min + (dport - r->dport.p[0].min);
	return r->to_ports.min;
}

/* ---- rp_filter ------------------------------------------------------ */

static int sysctl_int(const char *dev)
{
	char name[80];

	snprintf(name, sizeof(name), "net/ipv4/conf/%s/rp_filter", dev);
	return sysctl_read_int(name);
}

int nat_rp_filter_own(const char *dev)
{
	if (!dev || !*dev || strchr(dev, '/') || !strcmp(dev, ".") || !strcmp(dev, ".."))
		return -1;
	return sysctl_int(dev);
}

bool nat_rp_filter_strict_any(void)
{
	DIR *d = opendir("/proc/sys/net/ipv4/conf");
	struct dirent *e;
	bool strict = false;

	if (!d)
		return false;
	while (!strict && (e = readdir(d)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, "default"))
			strict = sysctl_int(e->d_name) == 1;
	closedir(d);
	return strict;
}

int nat_rp_filter(const char *dev)
{
	int all = sysctl_int("all"), one = nat_rp_filter_own(dev);

	if (one < 0)
		return all;	/* no such interface (yet): all applies when it comes */
	return one > all ? one : all;
}
