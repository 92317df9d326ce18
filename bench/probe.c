/* bench/probe KIND N DEV: the fastest way we know to make the kernel do
 * what a bench batch file asks, as the floor ipbox's -batch -force is
 * measured against.  It builds the same N requests as bench/run's gen_*
 * (KIND route4, route6, neigh or addr4, over DEV) with no text to parse, sends
 * them 2,048 per sendmsg without acks and closes each chunk with one acked
 * NLMSG_NOOP.  `bench/probe routes FILE` sends bench/full's lines
 * (`route add PREFIX/LEN via GW`) the same way, the same requests as
 * ipbox's.  Exit 1 if the kernel refused any request.  Not part of
 * ipbox: a measuring stick, built by `make bench`. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#define CHUNK 2048

struct probe {
	struct mnl_socket *sk;
	unsigned int portid, seq, failed;
	size_t len;
	char buf[CHUNK * 128] __attribute__((aligned(8)));
	char rx[65536] __attribute__((aligned(8)));
};

static struct nlmsghdr *probe_msg(struct probe *p, int type, int flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(p->buf + p->len);

	nlh->nlmsg_type = (unsigned short)type;
	nlh->nlmsg_flags = (unsigned short)(NLM_F_REQUEST | flags);
	nlh->nlmsg_seq = ++p->seq;
	return nlh;
}

static void probe_route(struct probe *p, int family, unsigned int i, int ifindex)
{
	struct nlmsghdr *nlh = probe_msg(p, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
	struct rtmsg *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	unsigned char dst[16] = { 0 };

	r->rtm_family = (unsigned char)family;
	r->rtm_table = RT_TABLE_MAIN;
	r->rtm_protocol = RTPROT_BOOT;
	r->rtm_scope = RT_SCOPE_LINK;
	r->rtm_type = RTN_UNICAST;
	if (family == AF_INET) {
		r->rtm_dst_len = 32;
		dst[0] = 10, dst[1] = (i >> 16) & 255, dst[2] = (i >> 8) & 255, dst[3] = i & 255;
		mnl_attr_put(nlh, RTA_DST, 4, dst);
	} else {
		r->rtm_dst_len = 64;
		r->rtm_scope = RT_SCOPE_UNIVERSE;
		dst[0] = 0x20, dst[1] = 0x01, dst[2] = 0x0d, dst[3] = 0xb8;
		dst[4] = (i >> 24) & 255, dst[5] = (i >> 16) & 255;
		dst[6] = (i >> 8) & 255, dst[7] = i & 255;
		mnl_attr_put(nlh, RTA_DST, 16, dst);
	}
	mnl_attr_put_u32(nlh, RTA_OIF, (unsigned int)ifindex);
	p->len += nlh->nlmsg_len;
}

static void probe_neigh(struct probe *p, unsigned int i, int ifindex)
{
	struct nlmsghdr *nlh = probe_msg(p, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL);
	struct ndmsg *nd = mnl_nlmsg_put_extra_header(nlh, sizeof(*nd));
	unsigned char ip[4] = { 10, (i >> 16) & 255, (i >> 8) & 255, i & 255 };
	unsigned char mac[6] = { 2, 0, 0, (i >> 16) & 255, (i >> 8) & 255, i & 255 };

	nd->ndm_family = AF_INET;
	nd->ndm_ifindex = ifindex;
	nd->ndm_state = NUD_PERMANENT;
	mnl_attr_put(nlh, NDA_DST, sizeof(ip), ip);
	mnl_attr_put(nlh, NDA_LLADDR, sizeof(mac), mac);
	p->len += nlh->nlmsg_len;
}

/* As iproute2 asks for `addr add 10.X.Y.Z/32 dev DEV`: local and address. */
static void probe_addr(struct probe *p, unsigned int i, int ifindex)
{
	struct nlmsghdr *nlh = probe_msg(p, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	unsigned char ip[4] = { 10, (i >> 16) & 255, (i >> 8) & 255, i & 255 };

	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 32;
	ifa->ifa_index = (unsigned int)ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(ip), ip);
	mnl_attr_put(nlh, IFA_ADDRESS, sizeof(ip), ip);
	p->len += nlh->nlmsg_len;
}

/* `route add PREFIX/LEN via GW` (bench/full's lines), as ipbox and
 * iproute2 ask for it: the prefix and the gateway, no device.  The line
 * is read with inet_pton, a few hundred instructions against the
 * kernel's tens of thousands for each route.  0, or -1 for another line. */
static int probe_route_line(struct probe *p, char *line)
{
	char *slash = strchr(line, '/'), *via = strstr(line, " via "), *end;
	unsigned char dst[16], gw[16];
	int family = strchr(line, ':') ? AF_INET6 : AF_INET;
	size_t alen = family == AF_INET ? 4 : 16;
	struct nlmsghdr *nlh;
	struct rtmsg *r;

	if (strncmp(line, "route add ", 10) || !slash || !via)
		return -1;
	*slash = '\0';
	end = via + 5 + strcspn(via + 5, " \n");
	*end = '\0';
	if (inet_pton(family, line + 10, dst) != 1 || inet_pton(family, via + 5, gw) != 1)
		return -1;
	nlh = probe_msg(p, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
	r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	r->rtm_family = (unsigned char)family;
	r->rtm_dst_len = (unsigned char)strtoul(slash + 1, NULL, 10);
	r->rtm_table = RT_TABLE_MAIN;
	r->rtm_protocol = RTPROT_BOOT;
	r->rtm_scope = RT_SCOPE_UNIVERSE;
	r->rtm_type = RTN_UNICAST;
	mnl_attr_put(nlh, RTA_DST, alen, dst);
	mnl_attr_put(nlh, RTA_GATEWAY, alen, gw);
	p->len += nlh->nlmsg_len;
	return 0;
}

/* Send the chunk and its barrier; count the failures. */
static int probe_flush(struct probe *p)
{
	unsigned int barrier;
	struct nlmsghdr *nlh = probe_msg(p, NLMSG_NOOP, NLM_F_ACK);

	barrier = nlh->nlmsg_seq;
	p->len += nlh->nlmsg_len;
	if (mnl_socket_sendto(p->sk, p->buf, p->len) < 0)
		return -1;
	p->len = 0;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(p->sk, p->rx, sizeof(p->rx));
		const struct nlmsghdr *m = (const struct nlmsghdr *)p->rx;
		int left = (int)n;

		if (n < 0)
			return -1;
		for (; mnl_nlmsg_ok(m, left); m = mnl_nlmsg_next(m, &left)) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(m);

			if (m->nlmsg_type != NLMSG_ERROR)
				continue;
			if (m->nlmsg_seq == barrier)
				return 0;
			if (e->error)
				p->failed++;
		}
	}
}

/* Exit 1 if the kernel refused any request, 2 if it could not be sent. */
static int probe_done(struct probe *p)
{
	if (probe_flush(p) < 0) {
		perror("probe");
		return 2;
	}
	if (p->failed)
		fprintf(stderr, "probe: %u requests failed\n", p->failed);
	return p->failed ? 1 : 0;
}

/* probe routes FILE: bench/full's route lines, the same requests. */
static int probe_file(struct probe *p, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	unsigned int n = 0;

	if (!f) {
		perror(path);
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		if (probe_route_line(p, line) < 0) {
			fprintf(stderr, "probe: not a route line: %s", line);
			return 2;
		}
		if (++n % CHUNK == 0 && probe_flush(p) < 0) {
			perror("probe");
			return 2;
		}
	}
	fclose(f);
	return probe_done(p);
}

int main(int argc, char **argv)
{
	static struct probe p;
	unsigned int n, i;
	int ifindex, rcvbuf = 8 << 20;

	if (!(argc == 3 && !strcmp(argv[1], "routes")) &&
	    (argc != 4 || !(ifindex = (int)if_nametoindex(argv[3])))) {
		fprintf(stderr, "usage: probe route4|route6|neigh|addr4 N DEV | probe routes FILE\n");
		return 2;
	}
	p.sk = mnl_socket_open(NETLINK_ROUTE);
	if (!p.sk || mnl_socket_bind(p.sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("netlink");
		return 2;
	}
	setsockopt(mnl_socket_get_fd(p.sk), SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	if (argc == 3)
		return probe_file(&p, argv[2]);
	n = (unsigned int)strtoul(argv[2], NULL, 10);
	for (i = 0; i < n; i++) {
		if (!strcmp(argv[1], "neigh"))
			probe_neigh(&p, i, ifindex);
		else if (!strcmp(argv[1], "addr4"))
			probe_addr(&p, i, ifindex);
		else
			probe_route(&p, strcmp(argv[1], "route6") ? AF_INET : AF_INET6, i, ifindex);
		if ((i + 1) % CHUNK == 0 && probe_flush(&p) < 0) {
			perror("probe");
			return 2;
		}
	}
	return probe_done(&p);
}
