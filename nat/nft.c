/* The nftables side: one netfilter socket, transactions as batches, and
 * a streaming dump of the ipbox table's rules. */
#include "nat_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/table.h>
#include <libnftnl/udata.h>

#define BATCH_SIZE 16384

/* The base chains: hook and priority as nft's dstnat/srcnat names mean. */
static const struct { uint32_t hook; int32_t prio; } chain_hooks[NAT_CHAINS] = {
	[NAT_CHAIN_SRCNAT] = { NF_INET_POST_ROUTING, 100 },
	[NAT_CHAIN_DSTNAT] = { NF_INET_PRE_ROUTING, -100 },
	[NAT_CHAIN_DSTNAT_OUT] = { NF_INET_LOCAL_OUT, -100 },
};

int nat_open(struct nat_session *s)
{
	s->genid = 0;
	return nl_open(&s->nl, NETLINK_NETFILTER);
}

void nat_close(struct nat_session *s)
{
	nl_close(&s->nl);
}

/* ---- transactions -------------------------------------------------- */

struct batch {
	struct mnl_nlmsg_batch *b;
	uint32_t first_seq, seq;
	int acks;		/* messages that will each be answered */
	bool nomem;
	char buf[BATCH_SIZE] __attribute__((aligned(NLMSG_ALIGNTO)));
};

static void batch_start(struct batch *bt, struct nat_session *s, bool checked)
{
	struct nlmsghdr *nlh;

	/* libnftnl's attributes (through libmnl 1.0.4) leave alignment
	 * padding unwritten: start from zeros so no stack bytes are sent. */
	memset(bt->buf, 0, sizeof(bt->buf));
	bt->b = mnl_nlmsg_batch_start(bt->buf, sizeof(bt->buf));
	bt->first_seq = bt->seq = s->nl.seq + 1;
	bt->acks = 0;
	bt->nomem = false;
	nlh = nftnl_batch_begin(mnl_nlmsg_batch_current(bt->b), bt->seq++);
	/* The kernel refuses the batch (ERESTART) if the ruleset moved on. */
	if (checked)
		mnl_attr_put_u32(nlh, NFNL_BATCH_GENID, htonl(s->genid));
	mnl_nlmsg_batch_next(bt->b);
}

static struct nlmsghdr *batch_msg(struct batch *bt, uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh = nftnl_nlmsg_build_hdr(mnl_nlmsg_batch_current(bt->b), type,
						     NFPROTO_INET, flags | NLM_F_ACK, bt->seq++);

	bt->acks++;
	return nlh;
}

static void batch_next(struct batch *bt)
{
	if (!mnl_nlmsg_batch_next(bt->b))
		bt->nomem = true;
}

static void batch_table(struct batch *bt, uint16_t type)
{
	struct nftnl_table *t = nftnl_table_alloc();

	if (!t) {
		bt->nomem = true;
		return;
	}
	nftnl_table_set_str(t, NFTNL_TABLE_NAME, NAT_TABLE);
	nftnl_table_nlmsg_build_payload(batch_msg(bt, type, NLM_F_CREATE), t);
	nftnl_table_free(t);
	batch_next(bt);
}

/* Without NLM_F_EXCL, adding what exists is a no-op: the first command
 * creates table and chains, the others find them, all in one batch. */
static void batch_chains(struct batch *bt)
{
	batch_table(bt, NFT_MSG_NEWTABLE);
	for (int i = 0; i < NAT_CHAINS; i++) {
		struct nftnl_chain *c = nftnl_chain_alloc();

		if (!c) {
			bt->nomem = true;
			return;
		}
		nftnl_chain_set_str(c, NFTNL_CHAIN_TABLE, NAT_TABLE);
		nftnl_chain_set_str(c, NFTNL_CHAIN_NAME, nat_chain_names[i]);
		nftnl_chain_set_str(c, NFTNL_CHAIN_TYPE, "nat");
		nftnl_chain_set_u32(c, NFTNL_CHAIN_HOOKNUM, chain_hooks[i].hook);
		nftnl_chain_set_s32(c, NFTNL_CHAIN_PRIO, chain_hooks[i].prio);
		nftnl_chain_nlmsg_build_payload(batch_msg(bt, NFT_MSG_NEWCHAIN, NLM_F_CREATE), c);
		nftnl_chain_free(c);
		batch_next(bt);
	}
}

static void batch_rule(struct batch *bt, const struct nat_rule *r, const char *tag,
		       enum nat_chain chain)
{
	struct nftnl_rule *rule = nat_rule_build(r, tag, chain);

	if (!rule) {
		bt->nomem = true;
		return;
	}
	nftnl_rule_nlmsg_build_payload(batch_msg(bt, NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND), rule);
	nftnl_rule_free(rule);
	batch_next(bt);
}

/* Send the batch, then read one answer per message until all are acked
 * or one failed (a failed batch changed nothing). */
static int batch_send(struct nat_session *s, struct batch *bt)
{
	struct nl *nl = &s->nl;
	int pending = bt->acks;

	nftnl_batch_end(mnl_nlmsg_batch_current(bt->b), bt->seq);
	batch_next(bt);
	nl->seq = bt->seq;
	nl->error = 0;
	nl->ext_msg[0] = '\0';
	if (bt->nomem) {
		nl->error = ENOMEM;
		return -1;
	}
	if (nl_dry_run) {	/* checked and dropped: as if all acked */
		nl_dry_check(mnl_nlmsg_batch_head(bt->b), mnl_nlmsg_batch_size(bt->b), true);
		return 0;
	}
	if (mnl_socket_sendto(nl->sk, mnl_nlmsg_batch_head(bt->b), mnl_nlmsg_batch_size(bt->b)) < 0) {
		nl->error = errno;
		return -1;
	}
	while (pending > 0) {
		ssize_t n = mnl_socket_recvfrom(nl->sk, nl->rx, sizeof(nl->rx));
		const struct nlmsghdr *nlh = (const void *)nl->rx;
		int left = (int)n;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			nl->error = errno;
			return -1;
		}
		for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
			bool done = false;

			if (nlh->nlmsg_seq < bt->first_seq || nlh->nlmsg_seq > bt->seq)
				continue;
			/* nl_walk reads the error and its extended ack. */
			if (nl_walk(nl, nlh, nlh->nlmsg_len, nlh->nlmsg_seq, NULL, NULL, &done) < 0)
				return -1;
			pending--;
		}
	}
	return 0;
}

static int batch_commit(struct nat_session *s, struct batch *bt)
{
	int ret = batch_send(s, bt);

	mnl_nlmsg_batch_stop(bt->b);
	return ret;
}

int nat_add(struct nat_session *s, const struct nat_rule *r, const char *tag, bool checked)
{
	struct batch bt;

	batch_start(&bt, s, checked);
	batch_chains(&bt);
	if (r->kind == NAT_DNAT) {
		/* Forwarded traffic meets prerouting, the host's own output. */
		batch_rule(&bt, r, tag, NAT_CHAIN_DSTNAT);
		batch_rule(&bt, r, tag, NAT_CHAIN_DSTNAT_OUT);
	} else {
		batch_rule(&bt, r, tag, NAT_CHAIN_SRCNAT);
	}
	return batch_commit(s, &bt);
}

int nat_delete(struct nat_session *s, const struct nat_ref *refs, int n, bool checked)
{
	struct batch bt;

	batch_start(&bt, s, checked);
	for (int i = 0; i < n; i++) {
		struct nftnl_rule *rule = nftnl_rule_alloc();

		if (!rule) {
			bt.nomem = true;
			break;
		}
		nftnl_rule_set_str(rule, NFTNL_RULE_TABLE, NAT_TABLE);
		nftnl_rule_set_str(rule, NFTNL_RULE_CHAIN, nat_chain_names[refs[i].chain]);
		nftnl_rule_set_u64(rule, NFTNL_RULE_HANDLE, refs[i].handle);
		nftnl_rule_nlmsg_build_payload(batch_msg(&bt, NFT_MSG_DELRULE, 0), rule);
		nftnl_rule_free(rule);
		batch_next(&bt);
	}
	return batch_commit(s, &bt);
}

/* Add then delete the table in one transaction: it is gone afterwards,
 * whether or not it existed before, and no other table is touched. */
int nat_flush(struct nat_session *s)
{
	struct batch bt;

	batch_start(&bt, s, false);
	batch_table(&bt, NFT_MSG_NEWTABLE);
	batch_table(&bt, NFT_MSG_DELTABLE);
	return batch_commit(s, &bt);
}

void nat_perror(const struct nat_session *s)
{
	const struct nl *nl = &s->nl;
	size_t n = strlen(nl->ext_msg);

	if (n)
		fprintf(stderr, "Error: nftables: %s%s\n", nl->ext_msg, nl->ext_msg[n - 1] == '.' ? "" : ".");
	else
		fprintf(stderr, "Error: nftables: %s.\n", strerror(nl->error));
}

/* ---- reading back -------------------------------------------------- */

static void *nft_req(struct nlreq *req, uint16_t type)
{
	struct nfgenmsg *g = nlreq_init(req, (NFNL_SUBSYS_NFTABLES << 8) | type, 0, sizeof(*g));

	g->nfgen_family = NFPROTO_INET;
	g->version = NFNETLINK_V0;
	return g;
}

static int genid_answer(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg))
		if (mnl_attr_get_type(a) == NFTA_GEN_ID && mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			*(uint32_t *)data = ntohl(mnl_attr_get_u32(a));
	return NL_CB_STOP;
}

static int comment_cb(const struct nftnl_udata *attr, void *data)
{
	const char *v = nftnl_udata_get(attr);
	uint8_t len = nftnl_udata_len(attr);

	if (nftnl_udata_type(attr) == NFTNL_UDATA_RULE_COMMENT && len > 0 && v[len - 1] == '\0')
		*(const char **)data = v;
	return 0;
}

static void entry_counter(struct nat_entry *e, const struct nftnl_rule *rule)
{
	struct nftnl_expr_iter *it = nftnl_expr_iter_create(rule);
	struct nftnl_expr *x;

	while (it && (x = nftnl_expr_iter_next(it))) {
		if (strcmp(nftnl_expr_get_str(x, NFTNL_EXPR_NAME), "counter"))
			continue;
		e->packets = nftnl_expr_get_u64(x, NFTNL_EXPR_CTR_PACKETS);
		e->bytes = nftnl_expr_get_u64(x, NFTNL_EXPR_CTR_BYTES);
		break;
	}
	if (it)
		nftnl_expr_iter_destroy(it);
}

struct walk {
	int (*cb)(const struct nat_entry *e, void *data);
	void *data;
};

static int walk_rule(const struct nlmsghdr *nlh, void *data)
{
	struct walk *w = data;
	struct nftnl_rule *rule = nftnl_rule_alloc();
	struct nat_entry e = { .chain = NAT_CHAINS };
	const char *chain;
	const void *ud;
	uint32_t len;
	int ret;

	if (!rule)
		return NL_CB_ERROR;
	if (nftnl_rule_nlmsg_parse(nlh, rule) < 0) {
		nftnl_rule_free(rule);
		return NL_CB_ERROR;
	}
	chain = nftnl_rule_get_str(rule, NFTNL_RULE_CHAIN);
	for (int i = 0; i < NAT_CHAINS; i++)
		if (chain && !strcmp(chain, nat_chain_names[i]))
			e.chain = i;
	e.handle = nftnl_rule_get_u64(rule, NFTNL_RULE_HANDLE);
	ud = nftnl_rule_get_data(rule, NFTNL_RULE_USERDATA, &len);
	if (ud)
		nftnl_udata_parse(ud, len, comment_cb, &e.tag);
	entry_counter(&e, rule);
	e.nft = rule;
	ret = w->cb(&e, w->data);
	nftnl_rule_free(rule);
	return ret < 0 ? NL_CB_ERROR : NL_CB_OK;
}

int nat_walk(struct nat_session *s, int (*cb)(const struct nat_entry *e, void *data), void *data)
{
	struct walk w = { cb, data };
	struct nlreq req;

	nft_req(&req, NFT_MSG_GETGEN);
	if (nl_talk(&s->nl, &req, genid_answer, &s->genid) < 0)
		return -1;
	nft_req(&req, NFT_MSG_GETRULE);
	nlreq_put_str(&req, NFTA_RULE_TABLE, NAT_TABLE);
	if (nl_dump(&s->nl, &req, walk_rule, &w) < 0)
		return s->nl.error == ENOENT ? 0 : -1;	/* no table yet: no rules */
	return 0;
}
