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
#include <libnftnl/rule.h>

#include "../../nat/nat_int.h"
#include "unit.h"

/* Serialize r as NFT_MSG_NEWRULE and parse that message back. */
static struct nftnl_rule *round_trip(const struct nat_rule *r, const char *tag, enum nat_chain c)
{
	static union { struct nlmsghdr align; char buf[16384]; } msg;
	struct nftnl_rule *built = nat_rule_build(r, tag, c), *back = nftnl_rule_alloc();
	struct nlmsghdr *nlh;

	if (!built || !back)
		abort();
	nlh = nftnl_nlmsg_build_hdr(msg.buf, NFT_MSG_NEWRULE, NFPROTO_INET, NLM_F_CREATE, 1);
	nftnl_rule_nlmsg_build_payload(nlh, built);
	nftnl_rule_free(built);
	if (nftnl_rule_nlmsg_parse(nlh, back) < 0)
		abort();
	return back;
}

/* r's expressions are recognised after a round trip in chain c; those of
 * `other` are not.  (The tag and the chain are checked by the caller,
 * cmd/nat.c, from the comment and the chain the rule was found in.) */
static void check_kind(const struct nat_rule *r, const struct nat_rule *other, enum nat_chain c)
{
	struct nftnl_rule *back = round_trip(r, "tag", c);
	struct nat_entry e = { .chain = c, .handle = 1, .tag = "tag", .nft = back };

	CHECK(nat_entry_is(&e, r, "tag"));
	CHECK(!nat_entry_is(&e, other, "tag"));
	e.chain = NAT_CHAINS;		/* a chain ipbox did not make */
	CHECK(!nat_entry_is(&e, r, "tag"));
	nftnl_rule_free(back);
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
	struct nat_rule r = { .kind = NAT_MASQUERADE, .family = AF_INET, .proto = -1,
			      .src = v4("192.168.1.0", 24), .oif = "eth0" };
	struct nat_rule other = r;

	other.src = v4("192.168.2.0", 24);
	check_kind(&r, &other, NAT_CHAIN_SRCNAT);

	r.proto = IPPROTO_TCP;
	r.to_ports = (struct nat_ports){ 1024, 2048 };
	r.flags = NAT_F_FULLY_RANDOM;
	other = r;
	other.flags = NAT_F_RANDOM;
	check_kind(&r, &other, NAT_CHAIN_SRCNAT);
}

static void test_snat(void)
{
	struct nat_rule r = { .kind = NAT_SNAT, .family = AF_INET, .proto = IPPROTO_UDP,
			      .dst = v4("198.51.100.0", 24), .dport = { 53, 53 },
			      .to_min = v4("203.0.113.1", 32), .to_max = v4("203.0.113.9", 32),
			      .to_ports = { 2000, 3000 } };
	struct nat_rule other = r;

	other.to_max = v4("203.0.113.8", 32);
	check_kind(&r, &other, NAT_CHAIN_SRCNAT);
}

static void test_dnat_both_chains(void)
{
	struct nat_rule r = { .kind = NAT_DNAT, .family = AF_INET, .proto = IPPROTO_TCP,
			      .iif = "eth0", .dport = { 8080, 8080 },
			      .to_min = v4("192.168.1.2", 32), .to_ports = { 80, 80 } };
	struct nat_rule other = r;

	other.dport = (struct nat_ports){ 8081, 8081 };
	check_kind(&r, &other, NAT_CHAIN_DSTNAT);
	check_kind(&r, &other, NAT_CHAIN_DSTNAT_OUT);
}

static void test_ipv6(void)
{
	struct nat_rule r = { .kind = NAT_DNAT, .family = AF_INET6, .proto = IPPROTO_TCP,
			      .dst = v6("2001:db8::1", 128), .dport = { 22, 22 },
			      .to_min = v6("fd00::2", 128), .to_ports = { 2222, 2222 } };
	struct nat_rule other = r;

	other.to_min = v6("fd00::3", 128);
	check_kind(&r, &other, NAT_CHAIN_DSTNAT);
}

/* ---- nat_walk over the dry run: what a dump of the table gives ---- */

static union { struct nlmsghdr align; char buf[16384]; } dump;
static size_t dump_len;

static size_t rules_answer(const struct nlmsghdr *req, void *buf, size_t size)
{
	if ((req->nlmsg_type & 0xff) != NFT_MSG_GETRULE || dump_len > size)
		return 0;
	memcpy(buf, dump.buf, dump_len);
	return dump_len;
}

/* r as the kernel dumps it: handle 7, comment `tag`. */
static struct nlmsghdr *dump_rule(const struct nat_rule *r, const char *tag, enum nat_chain c)
{
	struct nftnl_rule *built = nat_rule_build(r, tag, c);
	struct nlmsghdr *nlh;

	if (!built)
		abort();
	nftnl_rule_set_u64(built, NFTNL_RULE_HANDLE, 7);
	nlh = nftnl_nlmsg_build_hdr(dump.buf, NFT_MSG_NEWRULE, NFPROTO_INET, NLM_F_MULTI, 1);
	nftnl_rule_nlmsg_build_payload(nlh, built);
	nftnl_rule_free(built);
	dump_len = nlh->nlmsg_len;
	return nlh;
}

struct seen {
	const struct nat_rule *r;
	int rules;
	uint64_t handle;
	bool tagged, parsed, ours;
};

static int see(const struct nat_entry *e, void *data)
{
	struct seen *s = data;

	s->rules++;
	s->handle = e->handle;
	s->tagged = e->tag && !strcmp(e->tag, "tag");
	s->parsed = e->nft != NULL;
	s->ours = nat_entry_is(e, s->r, "tag");
	return 0;
}

/* Rules come back recognised; one of a shape libnftnl would exit() on
 * (a 2-byte position) is still listed, with its handle and comment, as a
 * rule ipbox did not write. */
static void test_walk_reads_back(void)
{
	struct nat_rule r = { .kind = NAT_DNAT, .family = AF_INET, .proto = IPPROTO_TCP,
			      .dport = { 80, 80 }, .to_min = v4("10.0.0.5", 32) };
	struct seen s = { .r = &r };
	struct nat_session ns;
	struct nlmsghdr *nlh;
	uint16_t bad = 1;

	nl_dry_run = true;
	nl_dry_answer = rules_answer;
	CHECK(nat_open(&ns) == 0);
	dump_rule(&r, "tag", NAT_CHAIN_DSTNAT);
	CHECK(nat_walk(&ns, see, &s) == 0);
	CHECK(s.rules == 1 && s.handle == 7 && s.tagged && s.parsed && s.ours);

	nlh = dump_rule(&r, "tag", NAT_CHAIN_DSTNAT);
	mnl_attr_put(nlh, NFTA_RULE_POSITION, sizeof(bad), &bad);
	dump_len = nlh->nlmsg_len;
	s.rules = 0;
	CHECK(nat_walk(&ns, see, &s) == 0);
	CHECK(s.rules == 1 && s.handle == 7 && s.tagged && !s.parsed && !s.ours);
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
	struct nat_rule masq = { .kind = NAT_MASQUERADE, .family = AF_INET, .proto = -1,
				 .src = v4("10.0.0.0", 24) };
	struct nat_rule dnat = { .kind = NAT_DNAT, .family = AF_INET, .proto = IPPROTO_TCP,
				 .dport = { 80, 80 }, .to_min = v4("10.0.0.1", 32) };
	struct nat_ref del = { "srcnat", 7 };
	static uint16_t types[1200];
	struct nat_txn t;
	int n;

	dnat.to_max = dnat.to_min;
	nat_txn_init(&t, &s);
	for (int i = 0; i < 1000; i++)
		nat_txn_add(&t, &masq, "masquerade src 10.0.0.0/24");
	nat_txn_add(&t, &dnat, "dnat proto tcp dport 80 to 10.0.0.1");
	nat_txn_delete(&t, &del, 1);
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

int main(void)
{
	RUN(test_masquerade);
	RUN(test_snat);
	RUN(test_dnat_both_chains);
	RUN(test_ipv6);
	RUN(test_walk_reads_back);
	RUN(test_txn_many);
	return unit_done();
}
