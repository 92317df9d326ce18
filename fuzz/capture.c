/* Seeds for fuzz_reply: the kernel's real answers to the requests ipbox
 * sends, written as fuzz_reply reads them (records of a tag, the low
 * byte of the request type, a little-endian u16 length and the messages).
 *   capture link|addr|route|neigh|nsid|nft|rule|nexthop|bucket ... > records
 * addr gives one record per link (the per-link dumps of `address show`);
 * nft gives the generation and the rules of table inet ipbox. */
#include <stdio.h>
#include <string.h>
#include <linux/fib_rules.h>
#include <linux/net_namespace.h>
#include <linux/nexthop.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/rtnetlink.h>

#include "../netlink/nl.h"

#define RECORD_MAX 30000

struct record {
	size_t len;
	int links[64], nlinks;
	char buf[RECORD_MAX];
};

static int keep(const struct nlmsghdr *nlh, void *data)
{
	struct record *r = data;

	if (nlh->nlmsg_type == RTM_NEWLINK && r->nlinks < 64)
		r->links[r->nlinks++] = ((const struct ifinfomsg *)NLMSG_DATA(nlh))->ifi_index;
	if (r->len + NLMSG_ALIGN(nlh->nlmsg_len) <= RECORD_MAX) {
		memcpy(r->buf + r->len, nlh, nlh->nlmsg_len);
		r->len += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	return NL_CB_OK;
}

static void emit(uint16_t type, const struct record *r)
{
	unsigned char head[3] = { type & 0xff, r->len & 0xff, r->len >> 8 };

	fwrite(head, 1, sizeof(head), stdout);
	fwrite(r->buf, 1, r->len, stdout);
}

static void dump(struct nl *nl, struct nlreq *req, bool talk, struct record *r)
{
	uint16_t type = req->nlh->nlmsg_type;

	r->len = 0;
	r->nlinks = 0;
	if ((talk ? nl_talk(nl, req, keep, r) : nl_dump(nl, req, keep, r)) < 0)
		nl_perror(nl);
	emit(type, r);
}

static void rt_dump(struct nl *nl, uint16_t type, size_t hdrlen, struct record *r)
{
	struct nlreq req;

	nlreq_init(&req, type, 0, hdrlen);
	dump(nl, &req, false, r);
}

static void nft(struct record *r)
{
	struct nl nl;
	struct nlreq req;
	struct nfgenmsg *g;

	if (nl_open(&nl, NETLINK_NETFILTER) < 0)
		return;
	for (int i = 0; i < 2; i++) {
		g = nlreq_init(&req, (NFNL_SUBSYS_NFTABLES << 8) | (i ? NFT_MSG_GETRULE : NFT_MSG_GETGEN),
			       0, sizeof(*g));
		g->nfgen_family = NFPROTO_INET;
		g->version = NFNETLINK_V0;
		if (i)
			nlreq_put_str(&req, NFTA_RULE_TABLE, "ipbox");
		dump(&nl, &req, !i, r);
	}
	nl_close(&nl);
}

int main(int argc, char **argv)
{
	static struct record r, links;
	struct nl nl;

	if (nl_open(&nl, NETLINK_ROUTE) < 0)
		return 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "link")) {
			rt_dump(&nl, RTM_GETLINK, sizeof(struct ifinfomsg), &r);
		} else if (!strcmp(argv[i], "addr")) {
			struct nlreq req;

			rt_dump(&nl, RTM_GETLINK, sizeof(struct ifinfomsg), &links);
			for (int k = 0; k < links.nlinks; k++) {
				struct ifaddrmsg *ifa = nlreq_init(&req, RTM_GETADDR, 0, sizeof(*ifa));

				ifa->ifa_index = (unsigned int)links.links[k];
				dump(&nl, &req, false, &r);
			}
		} else if (!strcmp(argv[i], "route")) {
			rt_dump(&nl, RTM_GETROUTE, sizeof(struct rtmsg), &r);
		} else if (!strcmp(argv[i], "neigh")) {
			rt_dump(&nl, RTM_GETNEIGH, sizeof(struct ndmsg), &r);
		} else if (!strcmp(argv[i], "nsid")) {
			rt_dump(&nl, RTM_GETNSID, sizeof(struct rtgenmsg), &r);
		} else if (!strcmp(argv[i], "rule")) {
			rt_dump(&nl, RTM_GETRULE, sizeof(struct fib_rule_hdr), &r);
		} else if (!strcmp(argv[i], "nexthop")) {
			rt_dump(&nl, RTM_GETNEXTHOP, sizeof(struct nhmsg), &r);
		} else if (!strcmp(argv[i], "bucket")) {
			rt_dump(&nl, RTM_GETNEXTHOPBUCKET, sizeof(struct nhmsg), &r);
		} else if (!strcmp(argv[i], "nft")) {
			nft(&r);
		} else {
			fprintf(stderr, "capture: unknown %s\n", argv[i]);
			return 2;
		}
	}
	nl_close(&nl);
	return 0;
}
