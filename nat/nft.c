/* The nftables side: one netfilter socket, transactions as batches, and
 * a streaming dump of the ipbox table's rules. */
#include "nat_int.h"

#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/rule.h>
#include <libnftnl/table.h>
#include <libnftnl/udata.h>

#include "../netlink/attr.h"

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

/* Room kept free before each message: a rule's request at most. */
#define TXN_MSG_ROOM NL_REQ_SIZE

void nat_txn_init(struct nat_txn *t, struct nat_session *s)
{
	*t = (struct nat_txn){ .s = s };
}

void nat_txn_free(struct nat_txn *t)
{
	free(t->buf);
	nat_txn_init(t, t->s);
}

/* The next message goes at buf + len, with TXN_MSG_ROOM bytes free.  The
 * buffer is zeroed as it grows and each byte written once: libnftnl's
 * attributes (through libmnl 1.0.4) leave alignment padding unwritten,
 * so no stale bytes are sent.  NULL when out of memory. */
static struct nlmsghdr *txn_msg(struct nat_txn *t, uint16_t type, uint16_t flags)
{
	if (t->nomem)
		return NULL;
	if (t->cap - t->len < TXN_MSG_ROOM) {
		size_t cap = t->cap ? 2 * t->cap : 4 * TXN_MSG_ROOM;
		char *grown = realloc(t->buf, cap);

		if (!grown) {
			t->nomem = true;
			return NULL;
		}
		memset(grown + t->cap, 0, cap - t->cap);
		t->buf = grown;
		t->cap = cap;
	}
	if (!t->msgs++)
		t->first_seq = t->s->nl.seq + 1;
	/* No NLM_F_ACK: the kernel answers a batch's failures only, and it
	 * has answered them all by the time sendmsg returns. */
	return nftnl_nlmsg_build_hdr(t->buf + t->len, type, NFPROTO_INET, flags, ++t->s->nl.seq);
}

static void txn_next(struct nat_txn *t, const struct nlmsghdr *nlh)
{
	t->len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void txn_table(struct nat_txn *t, uint16_t type)
{
	struct nftnl_table *tb = nftnl_table_alloc();
	struct nlmsghdr *nlh = tb ? txn_msg(t, type, NLM_F_CREATE) : NULL;

	if (nlh) {
		nftnl_table_set_str(tb, NFTNL_TABLE_NAME, NAT_TABLE);
		nftnl_table_nlmsg_build_payload(nlh, tb);
		txn_next(t, nlh);
	}
	t->nomem |= !nlh;
	if (tb)
		nftnl_table_free(tb);
}

/* A chain of table ipbox named name, or NULL. */
static struct nftnl_chain *ipbox_chain(const char *name)
{
	struct nftnl_chain *c = nftnl_chain_alloc();

	if (c) {
		nftnl_chain_set_str(c, NFTNL_CHAIN_TABLE, NAT_TABLE);
		nftnl_chain_set_str(c, NFTNL_CHAIN_NAME, name);
	}
	return c;
}

/* c (NULL: out of memory) as the next message of t, then freed. */
static void txn_put_chain(struct nat_txn *t, uint16_t type, uint16_t flags, struct nftnl_chain *c)
{
	struct nlmsghdr *nlh = c ? txn_msg(t, type, flags) : NULL;

	if (nlh) {
		nftnl_chain_nlmsg_build_payload(nlh, c);
		txn_next(t, nlh);
	}
	t->nomem |= !nlh;
	if (c)
		nftnl_chain_free(c);
}

/* Without NLM_F_EXCL, adding what exists is a no-op: the first command
 * creates table and chains, the others find them, all in one batch. */
static void txn_chains(struct nat_txn *t)
{
	txn_table(t, NFT_MSG_NEWTABLE);
	for (int i = 0; i < NAT_CHAINS && !t->nomem; i++) {
		struct nftnl_chain *c = ipbox_chain(nat_chain_names[i]);

		if (c) {
			nftnl_chain_set_str(c, NFTNL_CHAIN_TYPE, "nat");
			nftnl_chain_set_u32(c, NFTNL_CHAIN_HOOKNUM, chain_hooks[i].hook);
			nftnl_chain_set_s32(c, NFTNL_CHAIN_PRIO, chain_hooks[i].prio);
		}
		txn_put_chain(t, NFT_MSG_NEWCHAIN, NLM_F_CREATE, c);
	}
	t->has_chains = true;
}

static void txn_rule(struct nat_txn *t, const struct nat_rule *r, const char *tag, const struct nat_member *m)
{
	struct nlreq req;
	struct nlmsghdr *nlh;
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg)), len;

	if (!nat_rule_build(&req, r, tag, m) || !(nlh = txn_msg(t, NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND))) {
		t->nomem = true;
		return;
	}
	/* the attributes after the header txn_msg wrote */
	len = req.nlh->nlmsg_len - hdr;
	memcpy((char *)nlh + hdr, (char *)req.nlh + hdr, len);
	nlh->nlmsg_len = (uint32_t)(hdr + len);
	txn_next(t, nlh);
}

void nat_txn_add(struct nat_txn *t, const struct nat_rule *r, const char *tag)
{
	struct nat_member m[NAT_MEMBERS_MAX];
	int n = nat_rule_members(r, m);

	if (!t->has_chains)
		txn_chains(t);
	for (int i = 0; i < n && !t->nomem; i++)
		txn_rule(t, r, tag, &m[i]);
}

void nat_txn_delete(struct nat_txn *t, const char *chain, uint64_t handle)
{
	struct nftnl_rule *rule = nftnl_rule_alloc();
	struct nlmsghdr *nlh = rule ? txn_msg(t, NFT_MSG_DELRULE, 0) : NULL;

	if (nlh) {
		/* Never without the chain: a DELRULE without one empties
		 * every chain of the table. */
		nftnl_rule_set_str(rule, NFTNL_RULE_TABLE, NAT_TABLE);
		nftnl_rule_set_str(rule, NFTNL_RULE_CHAIN, chain);
		nftnl_rule_set_u64(rule, NFTNL_RULE_HANDLE, handle);
		nftnl_rule_nlmsg_build_payload(nlh, rule);
		txn_next(t, nlh);
	}
	t->nomem |= !nlh;
	if (rule)
		nftnl_rule_free(rule);
}

void nat_txn_chain(struct nat_txn *t, const char *name, bool add)
{
	if (add && !t->has_chains)
		txn_chains(t);
	txn_put_chain(t, add ? NFT_MSG_NEWCHAIN : NFT_MSG_DELCHAIN, add ? NLM_F_CREATE : 0,
		      ipbox_chain(name));
}

/* Big transactions need a send buffer to match (CAP_NET_ADMIN may force
 * it past the system's maximum, as nft does). */
static void txn_sndbuf(int fd, size_t len)
{
	int size = (int)len + 4096;

	if (len < 128 * 1024)
		return;
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
}

/* Read what the kernel answered (only failures): the first one is the
 * transaction's error. */
static int txn_answers(struct nat_session *s, uint32_t first, uint32_t last)
{
	struct nl *nl = &s->nl;
	int fd = mnl_socket_get_fd(nl->sk), failed = 0;

	for (;;) {
		ssize_t n = recv(fd, nl->rx, sizeof(nl->rx), MSG_DONTWAIT);
		const struct nlmsghdr *nlh = (const void *)nl->rx;
		int left = (int)n;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				break;
			if (!failed)
				nl->error = errno;	/* ENOBUFS: answers lost, a failure among them */
			return -1;
		}
		for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
			bool done = false;

			/* The rest is drained: only the first error is kept. */
			if (failed || nlh->nlmsg_seq < first || nlh->nlmsg_seq > last)
				continue;
			if (nl_walk(nl, nlh, nlh->nlmsg_len, nlh->nlmsg_seq, NULL, NULL, &done) < 0)
				failed = 1;
		}
	}
	return failed ? -1 : 0;
}

int nat_txn_commit(struct nat_txn *t, bool checked)
{
	struct nat_session *s = t->s;
	struct nl *nl = &s->nl;
	char begin[64] __attribute__((aligned(8))) = { 0 }, end[64] __attribute__((aligned(8))) = { 0 };
	struct nlmsghdr *b, *e;
	struct iovec iov[3];
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct msghdr msg = { .msg_name = &kernel, .msg_namelen = sizeof(kernel), .msg_iov = iov, .msg_iovlen = 3 };
	int ret;

	nl->error = 0;
	nl->ext_msg[0] = '\0';
	if (t->nomem || !t->msgs) {	/* nothing to change: no transaction */
		nl->error = t->nomem ? ENOMEM : 0;
		nat_txn_free(t);
		return nl->error ? -1 : 0;
	}
	b = nftnl_batch_begin(begin, ++nl->seq);
	/* The kernel refuses the batch (ERESTART) if the ruleset moved on
	 * since the nat_walk that decided what is in it. */
	if (checked)
		mnl_attr_put_u32(b, NFNL_BATCH_GENID, htonl(s->genid));
	e = nftnl_batch_end(end, ++nl->seq);
	iov[0] = (struct iovec){ b, NLMSG_ALIGN(b->nlmsg_len) };
	iov[1] = (struct iovec){ t->buf, t->len };
	iov[2] = (struct iovec){ e, NLMSG_ALIGN(e->nlmsg_len) };
	if (nl_dry_run) {	/* checked and dropped, as if all went well */
		for (int i = 0; i < 3; i++)
			nl_dry_check(iov[i].iov_base, iov[i].iov_len, true);
		nat_txn_free(t);
		return 0;
	}
	txn_sndbuf(mnl_socket_get_fd(nl->sk), t->len);
	if (sendmsg(mnl_socket_get_fd(nl->sk), &msg, 0) < 0) {
		nl->error = errno;
		ret = -1;
	} else {
		ret = txn_answers(s, t->first_seq, e->nlmsg_seq);
	}
	nat_txn_free(t);
	return ret;
}

int nat_add(struct nat_session *s, const struct nat_rule *r, const char *tag, bool checked)
{
	struct nat_txn t;

	nat_txn_init(&t, s);
	nat_txn_add(&t, r, tag);
	return nat_txn_commit(&t, checked);
}

/* Add then delete the table in one transaction: it is gone afterwards,
 * whether or not it existed before, and no other table is touched. */
int nat_flush(struct nat_session *s)
{
	struct nat_txn t;

	nat_txn_init(&t, s);
	txn_table(&t, NFT_MSG_NEWTABLE);
	txn_table(&t, NFT_MSG_DELTABLE);
	return nat_txn_commit(&t, false);
}

int nat_retry(struct nat_session *s, int (*change)(struct nat_session *s, void *data), void *data)
{
	int ret = 0;

	for (int i = 0; i < NAT_RETRIES; i++) {
		ret = change(s, data);
		if (ret >= 0 || s->nl.error != ERESTART)
			break;
	}
	return ret;
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

/* The first counter among the rule's expressions, by its attributes: a
 * rule of any shape has its packets and bytes. */
static void entry_counter(struct nat_entry *e, const struct nlattr *exprs)
{
	static const enum mnl_attr_data_type ctr_policy[NFTA_COUNTER_MAX + 1] = {
		[NFTA_COUNTER_BYTES] = MNL_TYPE_U64,
		[NFTA_COUNTER_PACKETS] = MNL_TYPE_U64,
	};
	static const char counter[] = "counter";
	const struct nlattr *c[NFTA_COUNTER_MAX + 1];
	const struct nlattr *elem, *a, *name, *data;

	mnl_attr_for_each_nested(elem, exprs) {
		name = data = NULL;
		mnl_attr_for_each_nested(a, elem) {
			if (mnl_attr_get_type(a) == NFTA_EXPR_NAME)
				name = a;
			else if (mnl_attr_get_type(a) == NFTA_EXPR_DATA)
				data = a;
		}
		if (!name || !data || mnl_attr_get_payload_len(name) != sizeof(counter) ||
		    memcmp(mnl_attr_get_payload(name), counter, sizeof(counter)))
			continue;
		attr_parse_nested(c, NFTA_COUNTER_MAX, ctr_policy, data);
		if (c[NFTA_COUNTER_PACKETS])
			e->packets = be64toh(mnl_attr_get_u64(c[NFTA_COUNTER_PACKETS]));
		if (c[NFTA_COUNTER_BYTES])
			e->bytes = be64toh(mnl_attr_get_u64(c[NFTA_COUNTER_BYTES]));
		return;
	}
}

struct walk {
	int (*cb)(const struct nat_entry *e, void *data);
	void *data;
};

/* The rule's comment: a NUL-terminated NFTNL_UDATA_RULE_COMMENT among its
 * user data TLVs (libnftnl's own walk trusts their lengths). */
static const char *rule_comment(const uint8_t *ud, uint32_t len)
{
	for (uint32_t i = 0; i + 2 <= len && i + 2 + ud[i + 1] <= len; i += 2 + ud[i + 1]) {
		const char *v = (const char *)ud + i + 2;
		uint8_t n = ud[i + 1];

		if (ud[i] == NFTNL_UDATA_RULE_COMMENT && n > 0 && v[n - 1] == '\0')
			return v;
	}
	return NULL;
}

/* Whether the message is a rule of table inet ipbox that can be named
 * (a chain whose name fits, a handle): the dump asks for no other, so
 * anything else is no rule of ours. */
static bool rule_ours(const struct nlmsghdr *nlh, const struct nlattr *const *tb)
{
	const struct nfgenmsg *g = mnl_nlmsg_get_payload(nlh);

	return g->nfgen_family == NFPROTO_INET && tb[NFTA_RULE_TABLE] &&
	       !strcmp(mnl_attr_get_str(tb[NFTA_RULE_TABLE]), NAT_TABLE) && tb[NFTA_RULE_CHAIN] &&
	       strlen(mnl_attr_get_str(tb[NFTA_RULE_CHAIN])) < NAT_CHAIN_NAME_MAX && tb[NFTA_RULE_HANDLE];
}

/* Chain, handle, comment and counter are read here, the expressions
 * handed on as they are (libnftnl 1.2 trusts what it reads: an attribute
 * of the wrong size makes it exit(), so a dump never goes to it). */
static int walk_rule(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[NFTA_RULE_MAX + 1] = {
		[NFTA_RULE_TABLE] = MNL_TYPE_NUL_STRING,
		[NFTA_RULE_CHAIN] = MNL_TYPE_NUL_STRING,
		[NFTA_RULE_HANDLE] = MNL_TYPE_U64,
		[NFTA_RULE_EXPRESSIONS] = MNL_TYPE_NESTED,
	};
	const struct nlattr *tb[NFTA_RULE_MAX + 1];
	struct walk *w = data;
	struct nat_entry e = { .chain = NAT_CHAINS };

	if (attr_parse(tb, NFTA_RULE_MAX, policy, nlh, sizeof(struct nfgenmsg)) < 0) {
		errno = EBADMSG;
		return NL_CB_ERROR;
	}
	if (!rule_ours(nlh, tb))
		return NL_CB_OK;
	e.chain_name = mnl_attr_get_str(tb[NFTA_RULE_CHAIN]);
	for (int i = 0; i < NAT_CHAINS; i++)
		if (!strcmp(e.chain_name, nat_chain_names[i]))
			e.chain = i;
	e.handle = be64toh(mnl_attr_get_u64(tb[NFTA_RULE_HANDLE]));
	if (tb[NFTA_RULE_USERDATA])
		e.tag = rule_comment(mnl_attr_get_payload(tb[NFTA_RULE_USERDATA]),
				     mnl_attr_get_payload_len(tb[NFTA_RULE_USERDATA]));
	e.exprs = tb[NFTA_RULE_EXPRESSIONS];
	if (e.exprs)
		entry_counter(&e, e.exprs);
	return w->cb(&e, w->data) < 0 ? NL_CB_ERROR : NL_CB_OK;
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

struct chain_walk {
	void (*cb)(const char *name, void *data);
	void *data;
};

static int walk_chain(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[NFTA_CHAIN_MAX + 1] = {
		[NFTA_CHAIN_TABLE] = MNL_TYPE_NUL_STRING,
		[NFTA_CHAIN_NAME] = MNL_TYPE_NUL_STRING,
	};
	const struct nlattr *tb[NFTA_CHAIN_MAX + 1] = { NULL };
	struct chain_walk *w = data;

	if (attr_parse(tb, NFTA_CHAIN_MAX, policy, nlh, sizeof(struct nfgenmsg)) < 0) {
		errno = EBADMSG;
		return NL_CB_ERROR;
	}
	if (tb[NFTA_CHAIN_TABLE] && !strcmp(mnl_attr_get_str(tb[NFTA_CHAIN_TABLE]), NAT_TABLE) &&
	    tb[NFTA_CHAIN_NAME] && strlen(mnl_attr_get_str(tb[NFTA_CHAIN_NAME])) < NAT_CHAIN_NAME_MAX)
		w->cb(mnl_attr_get_str(tb[NFTA_CHAIN_NAME]), w->data);
	return NL_CB_OK;
}

int nat_walk_chains(struct nat_session *s, void (*cb)(const char *name, void *data), void *data)
{
	struct chain_walk w = { cb, data };
	struct nlreq req;

	nft_req(&req, NFT_MSG_GETCHAIN);
	nlreq_put_str(&req, NFTA_CHAIN_TABLE, NAT_TABLE);
	if (nl_dump(&s->nl, &req, walk_chain, &w) < 0)
		return s->nl.error == ENOENT ? 0 : -1;	/* no table: no chains */
	return 0;
}
