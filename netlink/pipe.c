#include "pipe.h"
#include "nl_int.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>

/* What one failure answer may cost in the receive buffer (an sk_buff with
 * the echoed request and its extended ack): a chunk never holds more
 * requests than the buffer can answer, so no failure is ever dropped. */
#define PIPE_ERR_COST 2048
#define PIPE_RCVBUF (4 * 1024 * 1024)

_Static_assert(NL_REQ_SIZE + sizeof(struct nlmsghdr) <= NL_PIPE_BUF,
	       "a chunk holds any request and the barrier");

void nl_pipe_init(struct nl_pipe *p, nl_pipe_fail fail, void *data)
{
	memset(p, 0, offsetof(struct nl_pipe, cookies));
	p->fail = fail;
	p->data = data;
}

static int pipe_drain(void *p)
{
	return nl_pipe_flush(p);
}

/* Grow the receive buffer past rmem_max where we may (CAP_NET_ADMIN),
 * then size chunks by what it really is. */
static void pipe_bind(struct nl_pipe *p, struct nl *nl)
{
	int fd = mnl_socket_get_fd(nl->sk), size = PIPE_RCVBUF;
	socklen_t len = sizeof(size);

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, &len) < 0)
		size = 0;
	p->max = (unsigned int)size / PIPE_ERR_COST;
	if (p->max > NL_PIPE_MAX)
		p->max = NL_PIPE_MAX;
	if (p->max < 1)
		p->max = 1;
	p->nl = nl;
	nl->queue = p;
	nl->drain = pipe_drain;
}

int nl_pipe_queue(struct nl_pipe *p, struct nl *nl, struct nlreq *r)
{
	uint32_t size = r->nlh->nlmsg_len;
	int verdict;

	if (r->overflow) {
		errno = EMSGSIZE;
		return -1;
	}
	if (!p->nl)
		pipe_bind(p, nl);
	/* A full chunk goes out; its failures go to the callback. */
	if (p->count >= p->max || p->len + NLMSG_ALIGN(size) + sizeof(struct nlmsghdr) > sizeof(p->buf))
		(void)nl_pipe_flush(p);
	/* The watcher looks now, against what the chunk so far would do. */
	verdict = nl_watch ? nl_watch_before(nl, r, true) : NL_WATCH_SEND;
	if (verdict < 0 || verdict == NL_WATCH_SKIP)
		return verdict < 0 ? -2 : 0;

	r->nlh->nlmsg_flags &= (uint16_t)~NLM_F_ACK;
	r->nlh->nlmsg_seq = ++nl->seq;
	if (!p->count)
		p->first_seq = r->nlh->nlmsg_seq;
	memcpy(p->buf + p->len, r->nlh, size);
	if (size % NLMSG_ALIGNTO)	/* (nlreq's messages never need it) */
		memset(p->buf + p->len + size, 0, NLMSG_ALIGN(size) - size);
	p->len += NLMSG_ALIGN(size);
	p->cookies[p->count++] = p->cookie;
	return 0;
}

/* The barrier: control messages get an ack and nothing else. */
static uint32_t pipe_put_barrier(struct nl_pipe *p)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(p->buf + p->len);

	memset(nlh, 0, sizeof(*nlh));
	nlh->nlmsg_len = sizeof(*nlh);
	nlh->nlmsg_type = NLMSG_NOOP;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++p->nl->seq;
	p->len += sizeof(*nlh);
	return nlh->nlmsg_seq;
}

static void pipe_fail_one(struct nl_pipe *p, unsigned int i)
{
	p->fail(p->nl, p->cookies[i], p->data);
	p->reported = i + 1;
}

/* The chunk never reached the kernel, or its answers were lost: every
 * request not yet reported is reported failed with errno, since which of
 * them succeeded cannot be known. */
static void pipe_fail_rest(struct nl_pipe *p, int err)
{
	for (unsigned int i = p->reported; i < p->count; i++) {
		p->nl->error = err;
		p->nl->ext_msg[0] = '\0';
		pipe_fail_one(p, i);
	}
}

/* One datagram of answers; true once the barrier's ack is in it. */
static bool pipe_walk(struct nl_pipe *p, size_t len, uint32_t barrier)
{
	struct nl *nl = p->nl;
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)nl->rx;
	bool done = false;

	for (; nl_msg_fits(nlh, len); nlh = nl_msg_next(nlh, &len)) {
		uint32_t i = nlh->nlmsg_seq - p->first_seq;

		if (nlh->nlmsg_pid != nl->portid || nlh->nlmsg_type != NLMSG_ERROR)
			continue;
		if (nlh->nlmsg_seq == barrier)
			done = true;
		else if (i < p->count) {
			nl->error = 0;
			nl->ext_msg[0] = '\0';
			if (nl_handle_error(nl, nlh) < 0)
				pipe_fail_one(p, i);
		}
	}
	return done;
}

static int pipe_reap(struct nl_pipe *p, uint32_t barrier)
{
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(p->nl->sk, p->nl->rx, sizeof(p->nl->rx));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (pipe_walk(p, (size_t)n, barrier))
			return 0;
	}
}

/* Send every queued request and report the failures, in queue order.
 * -1 (errno set) when the chunk could not be sent or its answers were
 * lost; each of its requests has then been reported failed. */
int nl_pipe_flush(struct nl_pipe *p)
{
	uint32_t barrier;
	int err = 0;

	/* A callback that writes may land here again (see cmd/batch.c):
	 * the chunk in flight is already being answered. */
	if (!p->count || p->flushing)
		return 0;
	p->flushing = true;
	barrier = pipe_put_barrier(p);
	if (nl_watch && nl_watch->sending(nl_watch->data) < 0)
		err = EIO;
	else if (mnl_socket_sendto(p->nl->sk, p->buf, p->len) < 0 || pipe_reap(p, barrier) < 0)
		err = errno;
	if (err)
		pipe_fail_rest(p, err);
	p->count = 0;
	p->reported = 0;
	p->flushing = false;
	p->len = 0;
	if (!err)
		return 0;
	errno = err;
	return -1;
}

void nl_pipe_detach(struct nl_pipe *p)
{
	if (p->nl) {
		p->nl->queue = NULL;
		p->nl->drain = NULL;
	}
	p->nl = NULL;
}
