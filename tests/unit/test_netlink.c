/* The netlink layer without a kernel: the request builder, the reply
 * walker on crafted (and malformed) replies, and attribute tables. */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "../../args/inet.h"
#include "../../netlink/attr.h"
#include "../../netlink/ifname.h"
#include "../../netlink/lladdr.h"
#include "../../netlink/nl.h"
#include "../../netlink/sender.h"
#include "unit.h"

static struct nl nl;

/* A reply datagram under construction. */
static union { struct nlmsghdr align; char buf[8192]; } rx;
static size_t rx_len;

static struct nlmsghdr *rx_add(uint16_t type, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(rx.buf + rx_len);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = nl.portid;
	return nlh;
}

static void rx_commit(struct nlmsghdr *nlh)
{
	rx_len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void rx_error(uint32_t seq, int error, const char *extack)
{
	struct nlmsghdr *nlh = rx_add(NLMSG_ERROR, extack ? NLM_F_CAPPED | NLM_F_ACK_TLVS : NLM_F_CAPPED, seq);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	e->error = error;
	e->msg.nlmsg_len = sizeof(e->msg);
	if (extack)
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, extack);
	rx_commit(nlh);
}

static int counted;

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh, (void)data;
	counted++;
	return NL_CB_OK;
}

static int walk(uint32_t seq, bool *done)
{
	*done = false;
	counted = 0;
	return nl_walk(&nl, rx.buf, rx_len, seq, count_cb, NULL, done);
}

static void reset(void)
{
	rx_len = 0;
	nl.portid = 4242;
	nl.error = 0;
	nl.ext_msg[0] = '\0';
	nl.interrupted = false;
}

static void test_builder_overflow_is_caught(void)
{
	static struct nlreq req;
	static char big[NL_REQ_SIZE];
	struct ifinfomsg *ifi = nlreq_init(&req, RTM_NEWLINK, NLM_F_CREATE, sizeof(*ifi));

	CHECK(ifi != NULL);
	nlreq_put_str(&req, IFLA_IFNAME, "veth0");
	CHECK(!req.overflow);
	struct nlattr *nest = nlreq_nest_start(&req, IFLA_LINKINFO);
	nlreq_put_str(&req, IFLA_INFO_KIND, "veth");
	nlreq_nest_end(&req, nest);
	CHECK(!req.overflow);
	CHECK(req.nlh->nlmsg_len > sizeof(struct nlmsghdr) + sizeof(*ifi));
	nlreq_put(&req, IFLA_IFALIAS, sizeof(big), big);
	CHECK(req.overflow);
	CHECK(req.nlh->nlmsg_len <= NL_REQ_SIZE);
}

/* A request bounded below its buffer (iproute2's size for it) overflows
 * there, and nlreq_check refuses it. */
static void test_builder_bound(void)
{
	static struct nlreq req;
	static char big[200];
	struct rtmsg *r = nlreq_init(&req, RTM_NEWROUTE, 0, sizeof(*r));

	CHECK(r != NULL);
	nlreq_bound(&req, 256);
	nlreq_put(&req, RTA_DST, 4, big);
	CHECK(!req.overflow && nlreq_check(&req) == 0);
	nlreq_put(&req, RTA_GATEWAY, sizeof(big), big);
	CHECK(!req.overflow);
	nlreq_put(&req, RTA_PREFSRC, sizeof(big), big);
	CHECK(req.overflow);
	CHECK(req.nlh->nlmsg_len <= 256);
	CHECK(nlreq_check(&req) < 0);
	/* lowering the bound under what is written overflows too */
	nlreq_init(&req, RTM_NEWROUTE, 0, sizeof(*r));
	nlreq_put(&req, RTA_GATEWAY, sizeof(big), big);
	nlreq_bound(&req, 100);
	CHECK(req.overflow);
}

static void test_ack_ends_request(void)
{
	bool done;

	reset();
	rx_error(7, 0, NULL);
	CHECK(walk(7, &done) == 0);
	CHECK(done);
}

static void test_error_with_extack(void)
{
	bool done;

	reset();
	rx_error(7, -EEXIST, "Peer netns already has a nsid assigned");
	CHECK(walk(7, &done) == -1);
	CHECK(done);
	CHECK(nl.error == EEXIST);
	CHECK_STR(nl.ext_msg, "Peer netns already has a nsid assigned");
}

static void test_foreign_replies_skipped(void)
{
	struct nlmsghdr *nlh;
	bool done;

	reset();
	nlh = rx_add(RTM_NEWLINK, NLM_F_MULTI, 6);	/* an older request's */
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	rx_commit(nlh);
	nlh = rx_add(RTM_NEWLINK, NLM_F_MULTI, 7);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	nlh->nlmsg_pid = 1;				/* another socket's */
	rx_commit(nlh);
	nlh = rx_add(RTM_NEWLINK, NLM_F_MULTI, 7);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	rx_commit(nlh);
	CHECK(walk(7, &done) == 0);
	CHECK(!done);
	CHECK(counted == 1);
}

static void test_dump_done_and_interrupted(void)
{
	struct nlmsghdr *nlh;
	bool done;

	reset();
	nlh = rx_add(RTM_NEWLINK, NLM_F_MULTI | NLM_F_DUMP_INTR, 9);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	rx_commit(nlh);
	nlh = rx_add(NLMSG_DONE, NLM_F_MULTI, 9);
	*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = 0;
	rx_commit(nlh);
	CHECK(walk(9, &done) == 0);
	CHECK(done);
	CHECK(counted == 1);
	CHECK(nl.interrupted);
}

static void test_dump_done_with_error(void)
{
	struct nlmsghdr *nlh;
	bool done;

	reset();
	nlh = rx_add(NLMSG_DONE, NLM_F_MULTI, 9);
	*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = -EOPNOTSUPP;
	rx_commit(nlh);
	CHECK(walk(9, &done) == -1);
	CHECK(done);
	CHECK(nl.error == EOPNOTSUPP);
}

/* Lengths that lie must end the walk, never read past the datagram. */
static void test_truncated_messages(void)
{
	struct nlmsghdr *nlh;
	bool done;

	reset();
	nlh = rx_add(RTM_NEWLINK, NLM_F_MULTI, 3);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	rx_commit(nlh);
	nlh->nlmsg_len = 4000;		/* claims more than was received */
	CHECK(walk(3, &done) == -1);
	CHECK(counted == 0);
	CHECK(nl.error == EBADMSG);

	reset();
	nlh = rx_add(NLMSG_ERROR, 0, 3);	/* error without its payload */
	rx_commit(nlh);
	CHECK(walk(3, &done) == -1);
	CHECK(nl.error == EBADMSG);

	reset();
	for (size_t cut = 1; cut < sizeof(struct nlmsghdr); cut++) {
		rx_len = cut;
		memset(rx.buf, 0xff, cut);
		CHECK(walk(3, &done) <= 0);
	}
}

/* Found by fuzz_reply: libmnl's signed length check let a message claim
 * 2.6 GB, and -INT_MIN overflowed. */
static void test_fuzz_regressions(void)
{
	struct nlmsghdr *nlh;
	bool done;

	reset();
	nlh = rx_add(RTM_NEWLINK, NLM_F_MULTI, 0);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	rx_commit(nlh);
	nlh->nlmsg_len = 0x9d9d0038;
	CHECK(walk(0, &done) == -1);
	CHECK(counted == 0);
	CHECK(nl.error == EBADMSG);

	reset();
	rx_error(5, INT_MIN, NULL);
	CHECK(walk(5, &done) == -1);
	CHECK(nl.error == EIO);
}

static void test_attr_policy_drops_bad_payloads(void)
{
	static const enum mnl_attr_data_type policy[IFLA_MAX + 1] = {
		[IFLA_IFNAME] = MNL_TYPE_NUL_STRING,
		[IFLA_MTU] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *nlh;
	uint16_t short_mtu = 1500;
	char unterminated[4] = { 'e', 't', 'h', '0' };

	reset();
	nlh = rx_add(RTM_NEWLINK, 0, 1);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	mnl_attr_put(nlh, IFLA_IFNAME, sizeof(unterminated), unterminated);
	mnl_attr_put(nlh, IFLA_MTU, sizeof(short_mtu), &short_mtu);
	mnl_attr_put_u32(nlh, IFLA_MAX + 5, 1);	/* unknown type: ignored */
	mnl_attr_put_u32(nlh, IFLA_TXQLEN, 1000);	/* no policy: kept */
	CHECK(attr_parse(tb, IFLA_MAX, policy, nlh, sizeof(struct ifinfomsg)) == 0);
	CHECK(tb[IFLA_IFNAME] == NULL);
	CHECK(tb[IFLA_MTU] == NULL);
	CHECK(tb[IFLA_TXQLEN] != NULL);

	/* A header shorter than the family header is refused. */
	nlh = rx_add(RTM_NEWLINK, 0, 1);
	CHECK(attr_parse(tb, IFLA_MAX, policy, nlh, sizeof(struct ifinfomsg)) == -1);
}

/* A flush sends a dumped message back as its delete: the fixed header
 * and the whole attributes, not a nest whose insides do not parse. */
static void test_echo_keeps_whole_attributes(void)
{
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	struct nlattr *nest;
	struct nlreq req;
	const struct nlattr *tb[IFA_MAX + 1];
	uint32_t addr = htonl(0xc0000201);

	reset();
	nlh = rx_add(RTM_NEWADDR, NLM_F_MULTI, 1);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 24;
	ifa->ifa_index = 3;
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(addr), &addr);
	nest = mnl_attr_nest_start(nlh, IFA_CACHEINFO);
	mnl_attr_put_u32(nlh, 1, 7);
	mnl_attr_nest_end(nlh, nest);
	((struct nlattr *)mnl_attr_get_payload(nest))->nla_len = 200;	/* garbage inside */
	mnl_attr_put_str(nlh, IFA_LABEL, "v0:a");
	CHECK(!attr_tiled(mnl_nlmsg_get_payload_offset(nlh, sizeof(*ifa)),
			  nlh->nlmsg_len - NLMSG_HDRLEN - sizeof(*ifa), RTM_NEWADDR, 0));

	CHECK(nlreq_echo(&req, RTM_DELADDR, nlh, sizeof(*ifa)) == 0);
	CHECK(req.nlh->nlmsg_type == RTM_DELADDR);
	CHECK(req.nlh->nlmsg_flags == NLM_F_REQUEST);
	CHECK(memcmp(mnl_nlmsg_get_payload(req.nlh), ifa, sizeof(*ifa)) == 0);
	CHECK(attr_tiled(mnl_nlmsg_get_payload_offset(req.nlh, sizeof(*ifa)),
			 req.nlh->nlmsg_len - NLMSG_HDRLEN - sizeof(*ifa), RTM_DELADDR, 0));
	CHECK(attr_parse(tb, IFA_MAX, NULL, req.nlh, sizeof(*ifa)) == 0);
	CHECK(tb[IFA_LOCAL] && mnl_attr_get_u32(tb[IFA_LOCAL]) == addr);
	CHECK(tb[IFA_LABEL] && !strcmp(mnl_attr_get_str(tb[IFA_LABEL]), "v0:a"));
	CHECK(tb[IFA_CACHEINFO] == NULL);

	/* Too short for its fixed header: nothing to echo. */
	nlh = rx_add(RTM_NEWADDR, 0, 1);
	CHECK(nlreq_echo(&req, RTM_DELADDR, nlh, sizeof(*ifa)) == -1);
}

/* A route's nexthops are structs with attributes after each. */
static void test_attr_tiled_multipath(void)
{
	struct nlreq req;
	struct rtnexthop *nh;
	struct nlattr *mp;
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct rtmsg));

	nlreq_init(&req, RTM_NEWROUTE, 0, sizeof(struct rtmsg));
	mp = nlreq_nest_start(&req, RTA_MULTIPATH);
	nh = nlreq_reserve(&req, sizeof(*nh));
	nlreq_put_u32(&req, RTA_GATEWAY, htonl(0xc0000202));
	nh->rtnh_len = (unsigned short)((char *)mnl_nlmsg_get_payload_tail(req.nlh) - (char *)nh);
	nlreq_nest_end(&req, mp);
	CHECK(attr_tiled(req.u.buf + hdr, req.nlh->nlmsg_len - hdr, RTM_NEWROUTE, 0));
	nh->rtnh_len = 200;
	CHECK(!attr_tiled(req.u.buf + hdr, req.nlh->nlmsg_len - hdr, RTM_NEWROUTE, 0));
}

static size_t one_link(const struct nlmsghdr *req, void *buf, size_t size)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	(void)req, (void)size;
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = 999;	/* the dry run answers the request whatever */
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	return nlh->nlmsg_len;
}

/* The fuzzers' dry run: no socket, a checked request, the target's
 * answer then an ack or the end of the dump; fake interface indexes. */
static void test_dry_run(void)
{
	struct nl dry;
	struct nlreq req;

	nl_dry_run = true;
	CHECK(nl_open(&dry, NETLINK_ROUTE) == 0);
	nlreq_init(&req, RTM_NEWLINK, 0, sizeof(struct ifinfomsg));
	nlreq_put_str(&req, IFLA_IFNAME, "v0");
	CHECK(nl_talk(&dry, &req, NULL, NULL) == 0);

	counted = 0;
	nlreq_init(&req, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	CHECK(nl_dump(&dry, &req, count_cb, NULL) == 0);
	CHECK(counted == 0);
	nl_dry_answer = one_link;
	CHECK(nl_dump(&dry, &req, count_cb, NULL) == 0);
	CHECK(counted == 1);
	nl_dry_answer = NULL;

	CHECK(ifname_to_index("eth7") == 1);
	CHECK(ifname_to_index("missing") == 0);
	CHECK(ifname_to_index("bad/name") == 0);
	nl_close(&dry);
	nl_dry_run = false;
}

/* lladdr_pton reads one or two hex digits itself and leaves every other
 * byte word to sscanf("%x"), as iproute2: both paths agree. */
static void test_lladdr_as_sscanf(void)
{
	static const struct { const char *text; int n; uint8_t b[6]; } cases[] = {
		{ "02:00:0a:Bc:fF:9", 6, { 2, 0, 10, 0xbc, 0xff, 9 } },
		{ "0x1f:+5: 7", 3, { 0x1f, 5, 7 } },
		{ "00a:1", 2, { 10, 1 } },
		{ "1:g", -1, { 0 } },
		{ "1::2", -1, { 0 } },
		{ "100:1", -1, { 0 } },
		{ "-1", -1, { 0 } },
		{ "10.0.0.1", 4, { 10, 0, 0, 1 } },
		/* past six bytes the rest is dropped, as iproute2 does */
		{ "1:2:3:4:5:6:7", 6, { 1, 2, 3, 4, 5, 6 } },
		{ "a:", -1, { 0 } },
		{ "a:b.1", -1, { 0 } },
	};
	uint8_t out[6];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int n = lladdr_pton(cases[i].text, out, sizeof(out));

		CHECK(n == cases[i].n);
		if (n > 0)
			CHECK(memcmp(out, cases[i].b, (size_t)n) == 0);
	}
}

/* attr.c judges common policy types itself: as libmnl would, for every
 * type, payload length (0-20) and last byte (NUL or not). */
static void test_attr_fits_as_libmnl(void)
{
	union { struct nlattr a; char buf[64]; } u;

	for (int type = MNL_TYPE_UNSPEC; type < MNL_TYPE_MAX; type++) {
		enum mnl_attr_data_type policy[2] = { MNL_TYPE_UNSPEC, (enum mnl_attr_data_type)type };

		for (unsigned int len = 0; len <= 20; len++) {
			for (int nul = 0; nul < 2; nul++) {
				const struct nlattr *tb[2];
				bool want;

				memset(u.buf, 'x', sizeof(u.buf));
				u.a.nla_len = (uint16_t)(MNL_ATTR_HDRLEN + len);
				u.a.nla_type = 1;
				if (len && nul)
					u.buf[MNL_ATTR_HDRLEN + len - 1] = '\0';
				if (len >= MNL_ATTR_HDRLEN) {	/* a nest's first attribute */
					struct nlattr *in = (struct nlattr *)(u.buf + MNL_ATTR_HDRLEN);

					in->nla_len = MNL_ATTR_HDRLEN;
					in->nla_type = 1;
				}
				want = type == MNL_TYPE_UNSPEC || mnl_attr_validate(&u.a, (enum mnl_attr_data_type)type) == 0;
				attr_parse_payload(tb, 1, policy, u.buf, MNL_ALIGN(u.a.nla_len));
				if ((tb[1] != NULL) != want)
					fprintf(stderr, "  type %d len %u nul %d: libmnl %d\n", type, len, nul, want);
				CHECK((tb[1] != NULL) == want);
			}
		}
	}
}

/* A NOOP that asks for an ack: the kernel answers it and changes nothing. */
static void put_noop(struct nlmsghdr *nlh, uint32_t seq)
{
	memset(nlh, 0, sizeof(*nlh));
	nlh->nlmsg_len = sizeof(*nlh);
	nlh->nlmsg_type = NLMSG_NOOP;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
}

/* Buffers go out in post order, two may be posted at once, and each
 * wait answers for the oldest; a failed sendmsg comes back as its errno. */
static void test_sender_in_post_order(void)
{
	struct nl *nl = nl_new(NETLINK_ROUTE);
	struct nl_sender *s = nl_sender_new();
	struct nlmsghdr msg[3];
	const struct nlmsghdr *ack = (const struct nlmsghdr *)nl->rx;

	CHECK(nl && s);
	if (!nl || !s)
		return;
	for (uint32_t i = 0; i < 3; i++)
		put_noop(&msg[i], 100 + i);
	CHECK(nl_sender_wait(s) == 0);	/* nothing posted */
	nl_sender_post(s, nl->sk, &msg[0], sizeof(msg[0]));
	nl_sender_post(s, nl->sk, &msg[1], sizeof(msg[1]));
	CHECK(nl_sender_wait(s) == 0);
	nl_sender_post(s, nl->sk, &msg[2], sizeof(msg[2]));
	CHECK(nl_sender_wait(s) == 0);
	CHECK(nl_sender_wait(s) == 0);
	for (uint32_t i = 0; i < 3; i++) {
		ssize_t n = mnl_socket_recvfrom(nl->sk, nl->rx, sizeof(nl->rx));

		CHECK(n >= (ssize_t)sizeof(*ack) && ack->nlmsg_type == NLMSG_ERROR && ack->nlmsg_seq == 100 + i);
	}
	nl_sender_post(s, nl->sk, &msg[0], (size_t)1 << 30);	/* past any socket buffer */
	CHECK(nl_sender_wait(s) != 0);
	nl_sender_free(s);
	nl_free(nl);
}

int main(void)
{
	RUN(test_builder_overflow_is_caught);
	RUN(test_builder_bound);
	RUN(test_ack_ends_request);
	RUN(test_error_with_extack);
	RUN(test_foreign_replies_skipped);
	RUN(test_dump_done_and_interrupted);
	RUN(test_dump_done_with_error);
	RUN(test_truncated_messages);
	RUN(test_fuzz_regressions);
	RUN(test_attr_policy_drops_bad_payloads);
	RUN(test_echo_keeps_whole_attributes);
	RUN(test_attr_tiled_multipath);
	RUN(test_dry_run);
	RUN(test_lladdr_as_sscanf);
	RUN(test_attr_fits_as_libmnl);
	RUN(test_sender_in_post_order);
	return unit_done();
}
