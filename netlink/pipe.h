/* Pipelined change requests, for `-batch -force`: requests are queued and
 * sent many per sendmsg without asking for acks, then one acked NLMSG_NOOP
 * closes the chunk as a barrier.  The kernel handles a netlink sendmsg
 * synchronously and answers only the failures, each with its request's
 * sequence number, which maps back to the cookie (a batch line number) the
 * request was queued under.  Memory is one fixed chunk, whatever the
 * number of requests. */
#ifndef IPBOX_PIPE_H
#define IPBOX_PIPE_H

#include "nl.h"

#define NL_PIPE_BUF (128 * 1024)
#define NL_PIPE_MAX 4096

/* Called once per failed request, in queue order, with nl->error and
 * nl->ext_msg describing the failure (print them with nl_perror). */
typedef void (*nl_pipe_fail)(struct nl *nl, uint32_t cookie, void *data);

struct nl_pipe {
	struct nl *nl;		/* the socket, bound by the first queue */
	nl_pipe_fail fail;
	void *data;
	uint32_t cookie;	/* tags every request queued from now on */
	uint32_t first_seq;	/* sequence number of cookies[0] */
	unsigned int count;	/* requests queued */
	unsigned int reported;	/* queued requests up to the last failure reported */
	bool flushing;
	unsigned int max;	/* per chunk: what the receive buffer can answer */
	size_t len;
	uint32_t cookies[NL_PIPE_MAX];
	char buf[NL_PIPE_BUF] __attribute__((aligned(8)));
};

void nl_pipe_init(struct nl_pipe *p, nl_pipe_fail fail, void *data);
/* 0 queued (or kept back by nl_watch), -1 not queued (too big: send it
 * alone), -2 refused by nl_watch (nl->error, nl->ext_msg). */
int nl_pipe_queue(struct nl_pipe *p, struct nl *nl, struct nlreq *r);
int nl_pipe_flush(struct nl_pipe *p);
void nl_pipe_detach(struct nl_pipe *p);

#endif
