#include "listen.h"
#include "nl_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>

#ifndef NETLINK_LISTEN_ALL_NSID
#define NETLINK_LISTEN_ALL_NSID 8
#endif

int nl_join(struct nl *nl, unsigned int group)
{
	if (nl_dry_run)
		return 0;
	return mnl_socket_setsockopt(nl->sk, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group));
}

int nl_listen_all_nsid(struct nl *nl)
{
	int one = 1;

	if (nl_dry_run)
		return 0;
	if (mnl_socket_setsockopt(nl->sk, NETLINK_LISTEN_ALL_NSID, &one, sizeof(one)) < 0) {
		perror("setsockopt NETLINK_LISTEN_ALL_NSID");
		return -1;
	}
	return 0;
}

/* The namespace id the kernel attached to a datagram, if any. */
static int msg_nsid(struct msghdr *msg)
{
	int nsid = NL_NSID_CURRENT;

	for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c))
		if (c->cmsg_level == SOL_NETLINK && c->cmsg_type == NETLINK_LISTEN_ALL_NSID &&
		    c->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(&nsid, CMSG_DATA(c), sizeof(nsid));
	return nsid;
}

/* Every whole message of a datagram; what is left over is iproute2's
 * "Remnant" (a kernel bug), which ends the listening. */
static int deliver(const void *buf, size_t len, int nsid, nl_event_cb cb, void *data)
{
	const struct nlmsghdr *nlh = buf;
	size_t left = len;

	for (; nl_msg_fits(nlh, left); nlh = nl_msg_next(nlh, &left))
		if (cb(nlh, nsid, data) < 0)
			return -1;
	if (left >= sizeof(*nlh)) {
		fprintf(stderr, "!!!malformed message: len=%u\n", nlh->nlmsg_len);
		return -1;
	}
	if (left) {
		fprintf(stderr, "!!!Remnant of size %zu\n", left);
		return -1;
	}
	return 0;
}

/* The dry run's events (fuzz_reply), until it has no more. */
static int listen_dry(struct nl *nl, nl_event_cb cb, void *data)
{
	size_t n;

	while ((n = nl_dry_events(nl->rx, sizeof(nl->rx))))
		if (deliver(nl->rx, n, NL_NSID_CURRENT, cb, data) < 0)
			break;
	return -1;
}

int nl_listen(struct nl *nl, nl_event_cb cb, void *data)
{
	char control[CMSG_SPACE(sizeof(int))] __attribute__((aligned(sizeof(size_t))));
	struct sockaddr_nl peer;
	struct iovec iov = { .iov_base = nl->rx, .iov_len = sizeof(nl->rx) };
	int fd;

	if (nl_dry_run)
		return listen_dry(nl, cb, data);
	fd = mnl_socket_get_fd(nl->sk);
	for (;;) {
		struct msghdr msg = {
			.msg_name = &peer, .msg_namelen = sizeof(peer),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = control, .msg_controllen = sizeof(control),
		};
		ssize_t n = recvmsg(fd, &msg, 0);

		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			fprintf(stderr, "netlink receive error %s (%d)\n", strerror(errno), errno);
			/* The socket overflowed: events are lost, the socket is fine. */
			if (errno == ENOBUFS)
				continue;
			return -1;
		}
		if (n == 0) {
			fprintf(stderr, "EOF on netlink\n");
			return -1;
		}
		if (msg.msg_flags & MSG_TRUNC) {
			fprintf(stderr, "Message truncated\n");
			continue;
		}
		if (deliver(nl->rx, (size_t)n, msg_nsid(&msg), cb, data) < 0)
			return -1;
	}
}

/* A read of `len` bytes, reported as iproute2 reports a short one. */
static int read_whole(FILE *f, void *buf, size_t len)
{
	if (fread(buf, 1, len, f) == len)
		return 0;
	if (ferror(f))
		perror("rtnl_from_file: fread");
	if (feof(f))
		fprintf(stderr, "rtnl-from_file: truncated message\n");
	return -1;
}

int nl_from_file(FILE *f, nl_file_fn fn, void *data)
{
	static union {	/* iproute2's rtnl_from_file buffer */
		struct nlmsghdr nlh;
		char buf[16384];
	} u;
	int c, ret;

	for (;;) {
		size_t len;

		/* iproute2 reads the file in records: only a clean end stops */
		c = getc(f);
		if (c == EOF && !ferror(f))
			return 0;
		if (c != EOF)
			ungetc(c, f);
		if (read_whole(f, &u.nlh, sizeof(u.nlh)) < 0)
			return -1;
		len = u.nlh.nlmsg_len;
		if (len < sizeof(u.nlh) || len > sizeof(u.buf)) {
			/* iproute2 prints the length as a signed int */
			fprintf(stderr, "!!!malformed message: len=%d @%ld\n", (int)len, ftell(f));
			return -1;
		}
		if (read_whole(f, u.buf + sizeof(u.nlh), NLMSG_ALIGN(len) - sizeof(u.nlh)) < 0)
			return -1;
		ret = fn(&u.nlh, data);
		if (ret < 0)
			return ret;
	}
}

struct replay {
	nl_event_cb cb;
	void *data;
};

static int replay_one(struct nlmsghdr *nlh, void *data)
{
	const struct replay *r = data;

	return r->cb(nlh, NL_NSID_CURRENT, r->data) < 0 ? -1 : 0;
}

int nl_replay(FILE *f, nl_event_cb cb, void *data)
{
	struct replay r = { cb, data };

	return nl_from_file(f, replay_one, &r);
}
