/* nat/ without a kernel: each rule kind is built into a netlink message,
 * parsed back as the kernel would return it, and recognised as ipbox's
 * own; a rule that differs in one field is not. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <libmnl/libmnl.h>
#include <endian.h>

#include "../../cmd/nat.h"
#include "../../nat/nat_int.h"
#include "unit.h"

/* Member m of r as a dump gives it: handle, comment `tag`, in msg. */
static struct nlmsghdr *dump_member(void *msg, const struct nat_rule *r, const char *tag,
				    const struct nat_member *m, uint64_t handle)
{
	static struct nlreq req;

	if (!nat_rule_build(&req, r, tag, m))
		abort();
	nlreq_put(&req, NFTA_RULE_HANDLE, sizeof(handle), &(uint64_t){ htobe64(handle) });
	req.nlh->nlmsg_flags = NLM_F_MULTI;
	memcpy(msg, req.nlh, req.nlh->nlmsg_len);
	return msg;
}

static const struct nlattr *exprs_of(const struct nlmsghdr *nlh)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg))
		if (mnl_attr_get_type(a) == NFTA_RULE_EXPRESSIONS)
			return a;
	abort();
}

/* Each member of r is recognised in its chain, as that member; those of
 * `other` are not, nor r's in a chain ipbox did not make.  (The comment
 * is checked by the caller, cmd/nat.c.) */
static void check_kind(const struct nat_rule *r, const struct nat_rule *other)
{
	static union { struct nlmsghdr align; char buf[16384]; } msg;
	struct nat_member m[NAT_MEMBERS_MAX];
	int n = nat_rule_members(r, m);

	for (int i = 0; i < n; i++) {
		struct nlmsghdr *nlh = dump_member(msg.buf, r, "tag", &m[i], 1);
		struct nat_entry e = { .chain = m[i].chain, .handle = 1, .tag = "tag", .exprs = exprs_of(nlh) };

		struct nat_member om[NAT_MEMBERS_MAX];
		int on = nat_rule_members(other, om);

		CHECK(nat_entry_member(&e, r, m, n, 0) == i);
		CHECK(nat_entry_member(&e, r, m, n, i) == i);
		CHECK(nat_entry_member(&e, other, om, on, i) < 0);
		e.chain = NAT_CHAINS;
		CHECK(nat_entry_member(&e, r, m, n, i) < 0);
	}
}

static struct nat_addr v4(const char *s, uint8_t plen)
{
	struct nat_addr a = { .family = AF_INET, .plen = plen };

	inet_pton(AF_INET, s, a.a);
	return a;
}

static struct nat_addr v6(const char *s, uint8_t plen)
{
	struct nat_addr a = { .family = AF_INET6, .plen = plen };

	inet_pton(AF_INET6, s, a.a);
	return a;
}

static void test_masquerade(void)
{
	struct nat_rule r = { .kind = NAT_MASQUERADE, .family = AF_INET,
			      .src = v4("192.168.1.0", 24), .oif = "eth0" };
	struct nat_rule other = r;

	other.src = v4("192.168.2.0", 24);
	check_kind(&r, &other);

	r.nprotos = 1;
	r.protos[0] = IPPROTO_TCP;
	r.to_ports = (struct nat_ports){ 1024, 2048 };
	r.flags = NAT_F_FULLY_RANDOM;
	other = r;
	other.flags = NAT_F_RANDOM;
	check_kind(&r, &other);
}

static void test_snat(void)
{
	struct nat_rule r = { .kind = NAT_SNAT, .family = AF_INET, .nprotos = 1, .protos = { IPPROTO_UDP },
			      .dst = v4("198.51.100.0", 24), .dport = { 1, { { 53, 53 } } },
			      .to_min = v4("203.0.113.1", 32), .to_max = v4("203.0.113.9", 32),
			      .to_ports = { 2000, 3000 } };
	struct nat_rule other = r;

	other.to_max = v4("203.0.113.8", 32);
	check_kind(&r, &other);
}

static void test_dnat_both_chains(void)
{
	struct nat_rule r = { .kind = NAT_DNAT, .family = AF_INET, .nprotos = 1, .protos = { IPPROTO_TCP },
			      .iif = "eth0", .dport = { 1, { { 8080, 8080 } } },
			      .to_min = v4("192.168.1.2", 32), .to_ports = { 80, 80 } };
	struct nat_rule other = r;

	struct nat_member m[NAT_MEMBERS_MAX];

	other.dport.p[0] = (struct nat_ports){ 8081, 8081 };
	check_kind(&r, &other);
	/* iif: none of the host's own traffic, no twin */
	CHECK(nat_rule_members(&r, m) == 1 && m[0].chain == NAT_CHAIN_DSTNAT);
	r.iif[0] = other.iif[0] = '\0';
	check_kind(&r, &other);
	CHECK(nat_rule_members(&r, m) == 2 && m[1].chain == NAT_CHAIN_DSTNAT_OUT);
}

static void test_ipv6(void)
{
	struct nat_rule r = { .kind = NAT_DNAT, .family = AF_INET6, .nprotos = 1, .protos = { IPPROTO_TCP },
			      .dst = v6("2001:db8::1", 128), .dport = { 1, { { 22, 22 } } },
			      .to_min = v6("fd00::2", 128), .to_ports = { 2222, 2222 } };
	struct nat_rule other = r;

	other.to_min = v6("fd00::3", 128);
	check_kind(&r, &other);
}

/* ---- the index over the dry run: what a dump of the table gives ---- */

static union { struct nlmsghdr align; char buf[65536]; } dump;
static size_t dump_len;

static size_t rules_answer(const struct nlmsghdr *req, void *buf, size_t size)
{
	if ((req->nlmsg_type & 0xff) != NFT_MSG_GETRULE || dump_len > size)
		return 0;
	memcpy(buf, dump.buf, dump_len);
	return dump_len;
}

/* Append member i of r, with this handle, to the dump. */
static struct nlmsghdr *dump_add(const struct nat_rule *r, const char *tag, int i, uint64_t handle)
{
	struct nat_member m[NAT_MEMBERS_MAX];
	struct nlmsghdr *nlh;

	nat_rule_members(r, m);
	nlh = dump_member(dump.buf + dump_len, r, tag, &m[i], handle);
	dump_len += NLMSG_ALIGN(nlh->nlmsg_len);
	return nlh;
}

/* The test's words: "masq" and "dnat" name the two rules below. */
static struct nat_rule masq_rule = { .kind = NAT_MASQUERADE, .family = AF_INET };
static struct nat_rule dnat_rule = { .kind = NAT_DNAT, .family = AF_INET, .nprotos = 1, .protos = { IPPROTO_TCP },
				     .dport = { 1, { { 80, 80 } } } };

static bool recognise(const char *tag, struct nat_rule *r, void *data)
{
	(void)data;
	if (!strcmp(tag, "masq"))
		*r = masq_rule;
	else if (!strcmp(tag, "dnat"))
		*r = dnat_rule;
	else
		return false;
	return true;
}

static struct nat_object object(const struct nat_index *ix, uint32_t id)
{
	struct nat_object o = { 0 };

	CHECK(nat_index_get(ix, id, &o));
	return o;
}

/* Members group into objects in dump order: a dnat and its twin are one
 * (found by either handle), a rule added twice is two, a lone twin is an
 * incomplete one, a rule whose comment lies is unknown; a malformed
 * attribute libnftnl would exit() on is harmless (libnftnl never reads
 * a dump).  Deletions and adds are noted for the lookups after them. */
static void test_index_groups(void)
{
	struct nat_session ns;
	struct nat_index *ix = nat_index_new();
	struct nat_txn t;
	struct nlmsghdr *nlh;
	uint16_t bad = 1;

	dnat_rule.to_min = dnat_rule.to_max = v4("10.0.0.5", 32);
	nl_dry_run = true;
	nl_dry_answer = rules_answer;
	CHECK(ix && nat_open(&ns) == 0);
	dump_len = 0;
	nlh = dump_add(&masq_rule, "masq", 0, 4);
	mnl_attr_put(nlh, NFTA_RULE_POSITION, sizeof(bad), &bad);
	dump_len = (size_t)((char *)nlh - dump.buf) + NLMSG_ALIGN(nlh->nlmsg_len);
	dump_add(&masq_rule, "dnat", 0, 5);	/* a comment that lies */
	dump_add(&dnat_rule, "dnat", 0, 6);
	dump_add(&dnat_rule, "dnat", 0, 7);
	dump_add(&dnat_rule, "dnat", 1, 8);
	dump_add(&dnat_rule, "dnat", 1, 9);
	dump_add(&dnat_rule, "dnat", 1, 10);	/* a third twin, alone */
	CHECK(nat_index_read(ix, &ns, recognise, NULL) == 0);
	CHECK(nat_index_count(ix) == 5);
	CHECK(object(ix, 0).handle == 4 && !strcmp(object(ix, 0).tag, "masq") && object(ix, 0).complete);
	CHECK(object(ix, 1).handle == 5 && !object(ix, 1).tag);
	CHECK(object(ix, 2).handle == 6 && object(ix, 2).complete);
	CHECK(object(ix, 3).handle == 7 && object(ix, 3).complete);
	CHECK(object(ix, 4).handle == 10 && !object(ix, 4).complete);
	CHECK(nat_index_by_handle(ix, 8) == 2 && nat_index_by_handle(ix, 9) == 3);
	CHECK(nat_index_by_handle(ix, 99) == NAT_NONE);
	CHECK(nat_index_by_words(ix, "dnat") == 2 && nat_index_next_words(ix, 2) == 3);

	nat_txn_init(&t, &ns);
	nat_index_delete(ix, 2, &t);
	CHECK(t.msgs == 2);
	CHECK(nat_index_by_words(ix, "dnat") == 3 && nat_index_by_handle(ix, 8) == NAT_NONE);
	CHECK(nat_index_add(ix, &masq_rule, "masq", &t));
	CHECK(nat_index_next_words(ix, 0) == 5 && object(ix, 5).queued && object(ix, 5).complete);
	nat_txn_free(&t);
	nat_index_free(ix);
	nat_close(&ns);
	nl_dry_answer = NULL;
	nl_dry_run = false;
}

/* The message types of a transaction's buffer, in order. */
static int txn_types(const struct nat_txn *t, uint16_t *types, int max)
{
	const struct nlmsghdr *nlh = (const void *)t->buf;
	int left = (int)t->len, n = 0;

	for (; mnl_nlmsg_ok(nlh, left) && n < max; nlh = mnl_nlmsg_next(nlh, &left))
		types[n++] = nlh->nlmsg_type & 0xff;
	CHECK(left == 0);
	return n;
}

/* Many changes in one transaction: table and chains once, then each rule
 * (dnat twice) and deletion, numbered in order; the buffer grows. */
static void test_txn_many(void)
{
	struct nat_session s = { .nl.seq = 41 };
	struct nat_rule masq = { .kind = NAT_MASQUERADE, .family = AF_INET,
				 .src = v4("10.0.0.0", 24) };
	struct nat_rule dnat = { .kind = NAT_DNAT, .family = AF_INET, .nprotos = 1, .protos = { IPPROTO_TCP },
				 .dport = { 1, { { 80, 80 } } }, .to_min = v4("10.0.0.1", 32) };
	static uint16_t types[1200];
	struct nat_txn t;
	int n;

	dnat.to_max = dnat.to_min;
	nat_txn_init(&t, &s);
	for (int i = 0; i < 1000; i++)
		nat_txn_add(&t, &masq, "masquerade src 10.0.0.0/24");
	nat_txn_add(&t, &dnat, "dnat proto tcp dport 80 to 10.0.0.1");
	nat_txn_delete(&t, "srcnat", 7);
	CHECK(!t.nomem);
	CHECK(t.cap > 64 * 1024);
	n = txn_types(&t, types, 1200);
	CHECK(n == 1 + NAT_CHAINS + 1000 + 2 + 1);
	CHECK(t.msgs == n);
	CHECK(t.first_seq == 42 && s.nl.seq == 41u + (uint32_t)n);
	CHECK(types[0] == NFT_MSG_NEWTABLE);
	for (int i = 1; i <= NAT_CHAINS; i++)
		CHECK(types[i] == NFT_MSG_NEWCHAIN);
	for (int i = 1 + NAT_CHAINS; i < n - 1; i++)
		CHECK(types[i] == NFT_MSG_NEWRULE);
	CHECK(types[n - 1] == NFT_MSG_DELRULE);
	nat_txn_free(&t);
	CHECK(!t.buf && !t.len && !t.msgs && !t.has_chains);
}

/* -batch runs take nat's changes by the verb nat_verbs resolves, as
 * its own abbreviations do; nothing else. */
static void test_batch_verbs(void)
{
	static const struct { const char *word; bool taken; enum nat_op op; } cases[] = {
		{ "add", true, OP_ADD }, { "a", true, OP_ADD }, { "replace", true, OP_REPLACE },
		{ "r", true, OP_REPLACE }, { "delete", true, OP_DEL }, { "del", true, OP_DEL },
		{ "d", true, OP_DEL }, { "show", false, 0 }, { "list", false, 0 }, { "flush", false, 0 },
		{ "forward", false, 0 }, { "help", false, 0 }, { "bogus", false, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum nat_op op = OP_ADD;

		CHECK(nat_batch_verb(cases[i].word, &op) == cases[i].taken);
		CHECK(!cases[i].taken || op == cases[i].op);
	}
}

int main(void)
{
	RUN(test_masquerade);
	RUN(test_snat);
	RUN(test_dnat_both_chains);
	RUN(test_ipv6);
	RUN(test_index_groups);
	RUN(test_txn_many);
	RUN(test_batch_verbs);
	return unit_done();
}
