#include "pipe.h"
#include "nl_int.h"
#include "sender.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>

/* What one failure answer may cost in the receive buffer (an sk_buff with
 * the echoed request and its extended ack): a chunk never holds more
 * requests than the buffer can answer, so no failure is ever dropped. */
#define PIPE_ERR_COST 2048
#define PIPE_RCVBUF (4 * 1024 * 1024)

_Static_assert(NL_REQ_SIZE + sizeof(struct nlmsghdr) <= NL_PIPE_BUF / 2,
	       "a chunk holds any request and the barrier");

static void chunk_place(struct nl_pipe_chunk *c, char *buf, size_t size, uint32_t *cookies)
{
	c->buf = buf;
	c->size = size;
	c->cookies = cookies;
}

void nl_pipe_init(struct nl_pipe *p, nl_pipe_fail fail, void *data)
{
	memset(p, 0, offsetof(struct nl_pipe, cookies));
	p->fail = fail;
	p->data = data;
	chunk_place(&p->chunk[0], p->buf, sizeof(p->buf), p->cookies);
	p->fill = &p->chunk[0];
}

/* Two chunks in the one buffer: memory stays what it was. */
void nl_pipe_overlap(struct nl_pipe *p)
{
	if (!nl_sender_worth())
		return;
	chunk_place(&p->chunk[0], p->buf, sizeof(p->buf) / 2, p->cookies);
	chunk_place(&p->chunk[1], p->buf + sizeof(p->buf) / 2, sizeof(p->buf) / 2,
		    p->cookies + NL_PIPE_MAX / 2);
	p->overlap = true;
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
	unsigned int most = p->overlap ? NL_PIPE_MAX / 2 : NL_PIPE_MAX;
	socklen_t len = sizeof(size);

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, &len) < 0)
		size = 0;
	/* overlapped, two chunks' answers may wait in it */
	p->max = (unsigned int)size / PIPE_ERR_COST / (p->overlap ? 2 : 1);
	if (p->max > most)
		p->max = most;
	if (p->max < 1)
		p->max = 1;
	p->nl = nl;
	nl->queue = p;
	nl->drain = pipe_drain;
}

static bool chunk_full(const struct nl_pipe *p, uint32_t size)
{
	const struct nl_pipe_chunk *c = p->fill;

	return c->count >= p->max || c->len + NLMSG_ALIGN(size) + sizeof(struct nlmsghdr) > c->size;
}

static void pipe_send_full(struct nl_pipe *p);

int nl_pipe_queue(struct nl_pipe *p, struct nl *nl, struct nlreq *r)
{
	uint32_t size = r->nlh->nlmsg_len;
	struct nl_pipe_chunk *c;
	int verdict;

	if (r->overflow) {
		errno = EMSGSIZE;
		return -1;
	}
	if (!p->nl)
		pipe_bind(p, nl);
	/* A full chunk goes out; its failures go to the callback. */
	if (chunk_full(p, size))
		pipe_send_full(p);
	/* The watcher looks now, against what the chunk so far would do. */
	verdict = nl_watch ? nl_watch_before(nl, r, true) : NL_WATCH_SEND;
	if (verdict < 0 || verdict == NL_WATCH_SKIP)
		return verdict < 0 ? -2 : 0;

	c = p->fill;
	r->nlh->nlmsg_flags &= (uint16_t)~NLM_F_ACK;
	r->nlh->nlmsg_seq = ++nl->seq;
	if (!c->count)
		c->first_seq = r->nlh->nlmsg_seq;
	memcpy(c->buf + c->len, r->nlh, size);
	if (size % NLMSG_ALIGNTO)	/* (nlreq's messages never need it) */
		memset(c->buf + c->len + size, 0, NLMSG_ALIGN(size) - size);
	c->len += NLMSG_ALIGN(size);
	c->cookies[c->count++] = p->cookie;
	return 0;
}

unsigned int nl_pipe_queued(const struct nl_pipe *p)
{
	return p->fill->count;
}

/* The barrier: control messages get an ack and nothing else. */
static void chunk_put_barrier(struct nl_pipe *p, struct nl_pipe_chunk *c)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(c->buf + c->len);

	memset(nlh, 0, sizeof(*nlh));
	nlh->nlmsg_len = sizeof(*nlh);
	nlh->nlmsg_type = NLMSG_NOOP;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++p->nl->seq;
	c->len += sizeof(*nlh);
	c->barrier = nlh->nlmsg_seq;
}

static void pipe_fail_one(struct nl_pipe *p, struct nl_pipe_chunk *c, unsigned int i)
{
	p->fail(p->nl, c->cookies[i], p->data);
	c->reported = i + 1;
}

/* The chunk never reached the kernel, or its answers were lost: every
 * request not yet reported is reported failed with errno, since which of
 * them succeeded cannot be known. */
static void pipe_fail_rest(struct nl_pipe *p, struct nl_pipe_chunk *c, int err)
{
	for (unsigned int i = c->reported; i < c->count; i++) {
		p->nl->error = err;
		p->nl->ext_msg[0] = '\0';
		pipe_fail_one(p, c, i);
	}
}

/* One datagram of answers; true once the barrier's ack is in it. */
static bool pipe_walk(struct nl_pipe *p, struct nl_pipe_chunk *c, size_t len)
{
	struct nl *nl = p->nl;
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)nl->rx;
	bool done = false;

	for (; nl_msg_fits(nlh, len); nlh = nl_msg_next(nlh, &len)) {
		uint32_t i = nlh->nlmsg_seq - c->first_seq;

		if (nlh->nlmsg_pid != nl->portid || nlh->nlmsg_type != NLMSG_ERROR)
			continue;
		if (nlh->nlmsg_seq == c->barrier)
			done = true;
		else if (i < c->count) {
			nl->error = 0;
			nl->ext_msg[0] = '\0';
			if (nl_handle_error(nl, nlh) < 0)
				pipe_fail_one(p, c, i);
		}
	}
	return done;
}

static int pipe_reap(struct nl_pipe *p, struct nl_pipe_chunk *c)
{
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(p->nl->sk, p->nl->rx, sizeof(p->nl->rx));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (pipe_walk(p, c, (size_t)n))
			return 0;
	}
}

/* A sent chunk (err: why it was not): its failures reported, it is
 * empty again.  0, or the errno that failed all it had left. */
static int pipe_answered(struct nl_pipe *p, struct nl_pipe_chunk *c, int err)
{
	if (!err && pipe_reap(p, c) < 0)
		err = errno;
	if (err)
		pipe_fail_rest(p, c, err);
	c->count = 0;
	c->reported = 0;
	c->len = 0;
	return err;
}

/* The chunk with the sender: once sent, its answers are read here. */
static int pipe_land(struct nl_pipe *p)
{
	struct nl_pipe_chunk *c = p->flight;

	if (!c)
		return 0;
	p->flight = NULL;
	return pipe_answered(p, c, nl_sender_wait(p->sender));
}

/* The chunk being filled, sent here and answered. */
static int pipe_send_now(struct nl_pipe *p)
{
	struct nl_pipe_chunk *c = p->fill;
	int err = 0;

	if (!c->count)
		return 0;
	chunk_put_barrier(p, c);
	if (nl_watch && nl_watch->sending(nl_watch->data) < 0)
		err = EIO;
	else if (mnl_socket_sendto(p->nl->sk, c->buf, c->len) < 0)
		err = errno;
	return pipe_answered(p, c, err);
}

/* The full chunk goes to the sender, which sends it as soon as the one
 * before is sent; then that one's answers are read and its failures
 * reported, and it fills next.  Two chunks at most are unanswered: the
 * receive buffer holds both's failures (pipe_bind). */
static void pipe_hand_off(struct nl_pipe *p)
{
	struct nl_pipe_chunk *c = p->fill;

	p->flushing = true;	/* failures reported here may write */
	chunk_put_barrier(p, c);
	nl_sender_post(p->sender, p->nl->sk, c->buf, c->len);
	(void)pipe_land(p);	/* the chunk before, posted first */
	p->flight = c;
	p->fill = c == &p->chunk[0] ? &p->chunk[1] : &p->chunk[0];
	p->flushing = false;
}

static void pipe_send_full(struct nl_pipe *p)
{
	if (p->overlap && !nl_watch && !p->sender && !(p->sender = nl_sender_new()))
		p->overlap = false;	/* no thread: the chunks go in turn */
	if (p->overlap && !nl_watch)
		pipe_hand_off(p);
	else
		(void)nl_pipe_flush(p);
}

/* Send every queued request and report the failures, in queue order.
 * -1 (errno set) when a chunk could not be sent or its answers were
 * lost; each of its requests has then been reported failed. */
int nl_pipe_flush(struct nl_pipe *p)
{
	int err, now;

	/* A callback that writes may land here again (see cmd/batch.c):
	 * the chunks in flight are already being answered. */
	if (p->flushing || (!p->flight && !p->fill->count))
		return 0;
	p->flushing = true;
	err = pipe_land(p);
	now = pipe_send_now(p);
	p->flushing = false;
	if (!err)
		err = now;
	if (!err)
		return 0;
	errno = err;
	return -1;
}

void nl_pipe_detach(struct nl_pipe *p)
{
	(void)pipe_land(p);
	nl_sender_free(p->sender);
	p->sender = NULL;
	if (p->nl) {
		p->nl->queue = NULL;
		p->nl->drain = NULL;
	}
	p->nl = NULL;
}
