/* Pipelined change requests, for `-batch -force`: requests are queued and
 * sent many per sendmsg without asking for acks, then one acked NLMSG_NOOP
 * closes the chunk as a barrier.  The kernel handles a netlink sendmsg
 * synchronously and answers only the failures, each with its request's
 * sequence number, which maps back to the cookie (a batch line number) the
 * request was queued under.  Memory is one fixed buffer, whatever the
 * number of requests.
 *
 * With nl_pipe_overlap, the buffer is two chunks: a sender thread
 * (netlink/sender.c) sends the full ones while the caller fills the other.
 * The answers are still read, and the failures reported, by the caller's
 * thread: when the next chunk is handed over, and at every flush. */
#ifndef IPBOX_PIPE_H
#define IPBOX_PIPE_H

#include "nl.h"

#define NL_PIPE_BUF (128 * 1024)
#define NL_PIPE_MAX 4096

struct nl_sender;

/* Called once per failed request, in queue order, with nl->error and
 * nl->ext_msg describing the failure (print them with nl_perror). */
typedef void (*nl_pipe_fail)(struct nl *nl, uint32_t cookie, void *data);

/* Requests sent in one sendmsg, up to their barrier. */
struct nl_pipe_chunk {
	char *buf;
	uint32_t *cookies;
	size_t size;		/* bytes buf holds */
	size_t len;		/* bytes queued */
	unsigned int count;	/* requests queued */
	unsigned int reported;	/* requests up to the last failure reported */
	uint32_t first_seq;	/* sequence number of cookies[0] */
	uint32_t barrier;	/* sequence number of the barrier, once sent */
};

struct nl_pipe {
	struct nl *nl;		/* the socket, bound by the first queue */
	nl_pipe_fail fail;
	void *data;
	uint32_t cookie;	/* tags every request queued from now on */
	bool flushing;
	bool overlap;		/* full chunks go to a sender thread */
	unsigned int max;	/* requests a chunk: what the receive buffer can answer */
	struct nl_pipe_chunk *fill;	/* being queued to */
	struct nl_pipe_chunk *flight;	/* with the sender, or NULL */
	struct nl_sender *sender;	/* started by the first full chunk */
	struct nl_pipe_chunk chunk[2];
	uint32_t cookies[NL_PIPE_MAX];
	char buf[NL_PIPE_BUF] __attribute__((aligned(8)));
};

void nl_pipe_init(struct nl_pipe *p, nl_pipe_fail fail, void *data);
/* Right after nl_pipe_init: send full chunks from a thread of their own
 * while the next fills, where a second CPU can run it (and no nl_watch
 * is looking: a watcher's chunks go in turn). */
void nl_pipe_overlap(struct nl_pipe *p);
/* 0 queued (or kept back by nl_watch), -1 not queued (too big: send it
 * alone), -2 refused by nl_watch (nl->error, nl->ext_msg). */
int nl_pipe_queue(struct nl_pipe *p, struct nl *nl, struct nlreq *r);
/* Requests queued and not yet sent. */
unsigned int nl_pipe_queued(const struct nl_pipe *p);
/* Send every queued request and report every failure not yet reported. */
int nl_pipe_flush(struct nl_pipe *p);
/* After a flush: the socket is free; the sender stops. */
void nl_pipe_detach(struct nl_pipe *p);

#endif
