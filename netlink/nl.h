/* The netlink layer every object shares, on top of libmnl: a request
 * builder that records overflow instead of writing past its buffer, one
 * call that sends a request and waits for its answer or ack, and one that
 * streams a dump through a callback with a fixed receive buffer.  It knows
 * messages, not commands: kernel errors are kept in struct nl and printed
 * by nl_perror() in iproute2's words. */
#ifndef IPBOX_NL_H
#define IPBOX_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/netlink.h>

#define NL_REQ_SIZE 8192
#define NL_RX_SIZE 32768

struct mnl_socket;

struct nl {
	struct mnl_socket *sk;
	int bus;		/* NETLINK_ROUTE, NETLINK_NETFILTER, ... */
	uint32_t portid;
	uint32_t seq;
	int error;		/* errno from the kernel's last NLMSG_ERROR */
	bool overflowed;	/* the last request was not sent: nlreq_check said why */
	bool interrupted;	/* the last dump saw NLM_F_DUMP_INTR */
	char ext_msg[256];	/* its extended-ack text, or "" */
	size_t rx_len;		/* bytes of the read being walked in rx, or 0 */
	/* Requests sent ahead without waiting (netlink/pipe.c binds its
	 * queue here): drained before any other request goes out. */
	void *queue;
	int (*drain)(void *queue);
	char rx[NL_RX_SIZE] __attribute__((aligned(8)));
};

/* A request stays within `bound` bytes: iproute2's buffer for the same
 * request where the object sets it (nlreq_bound), so what iproute2 cannot
 * send ipbox does not send either.  An attribute past it is not written
 * and marks the request as overflowed; nothing overflowed is ever sent:
 * nlreq_check (called by every send) prints iproute2's message. */
struct nlreq {
	struct nlmsghdr *nlh;
	bool overflow;
	uint32_t bound;
	union {
		struct nlmsghdr align;
		char buf[NL_REQ_SIZE];
	} u;
};

/* Return value of a reply callback: keep going, or stop the walk. */
enum { NL_CB_ERROR = -1, NL_CB_STOP = 0, NL_CB_OK = 1 };
typedef int (*nl_cb)(const struct nlmsghdr *nlh, void *data);

int nl_open(struct nl *nl, int bus);
void nl_close(struct nl *nl);
/* A socket of its own on `bus`, on the heap (struct nl holds a 32 KiB
 * receive buffer); NULL with errno set when memory or the socket fails. */
struct nl *nl_new(int bus);
/* Close and free what nl_new() gave (NULL is fine). */
void nl_free(struct nl *nl);
/* The socket's receive buffer (-rcvbuf); -1 with errno on failure. */
int nl_set_rcvbuf(struct nl *nl, uint32_t size);

void *nlreq_init(struct nlreq *r, uint16_t type, uint16_t flags, size_t hdrlen);
/* A struct of `size` bytes holding a struct nlreq at `req_offset`, zeroed
 * but for the request's buffer (nlreq_init starts the message and nothing
 * past its length is ever sent): a batch builds one per line, and zeroing
 * 8 KiB each time showed in its profile.  NULL when out of memory. */
void *nlreq_holder_new(size_t size, size_t req_offset);
/* Free a holder of nlreq_holder_new (never free() it): the last one is
 * kept for the next line.  NULL does nothing. */
void nlreq_holder_free(void *holder);
/* Lower the request's bound (at most NL_REQ_SIZE); a request already
 * longer is overflowed. */
void nlreq_bound(struct nlreq *r, uint32_t bound);
/* 0, or -1 after iproute2's `addattr_l ERROR: message exceeded bound of
 * N` for an overflowed request. */
int nlreq_check(const struct nlreq *r);
void nlreq_put(struct nlreq *r, uint16_t type, size_t len, const void *data);
void nlreq_put_u8(struct nlreq *r, uint16_t type, uint8_t v);
void nlreq_put_u16(struct nlreq *r, uint16_t type, uint16_t v);
void nlreq_put_u32(struct nlreq *r, uint16_t type, uint32_t v);
void nlreq_put_s32(struct nlreq *r, uint16_t type, int32_t v);
void nlreq_put_str(struct nlreq *r, uint16_t type, const char *s);
void *nlreq_reserve(struct nlreq *r, size_t len);
struct nlattr *nlreq_nest_start(struct nlreq *r, uint16_t type);
void nlreq_nest_end(struct nlreq *r, struct nlattr *nest);
int nlreq_echo(struct nlreq *r, uint16_t type, const struct nlmsghdr *nlh, size_t hdrlen);

int nl_talk(struct nl *nl, struct nlreq *r, nl_cb answer, void *data);
int nl_dump(struct nl *nl, struct nlreq *r, nl_cb cb, void *data);
int nl_walk(struct nl *nl, const void *buf, size_t len, uint32_t seq,
	    nl_cb cb, void *data, bool *done);
/* The RTM_NEWLINK of link `index` among the messages that came after
 * nlh in the same read (a dump brings many per read), or NULL; nlh is a
 * message nl's callback is handed now (NULL for any other). */
const struct nlmsghdr *nl_read_find_link(const struct nl *nl, const struct nlmsghdr *nlh, int index);

void nl_perror(const struct nl *nl);
void nl_dump_perror(const struct nl *nl);

/* A watcher of change requests (cmd/atomic.c and cmd/check.c, for
 * -atomic and -check): before() sees every request bound for a
 * NETLINK_ROUTE socket, sent (queued: false) or pipelined (true), and
 * says NL_WATCH_SEND (not its business), NL_WATCH_CHANGE (a change it
 * took note of), NL_WATCH_SKIP (answer success, send nothing) or -1
 * (fail it: nl->error and nl->ext_msg set).  sending() comes just before
 * a change it took leaves the process (its write-ahead point; for a
 * pipeline, before each chunk), and after() with the kernel's answer to
 * a sent change (0 or the errno); a pipelined one's failures come
 * through its pipe's callback.  NULL: no watcher. */
enum { NL_WATCH_SEND = 0, NL_WATCH_SKIP = 1, NL_WATCH_CHANGE = 2 };
struct nl_watch {
	int (*before)(struct nl *nl, const struct nlmsghdr *req, bool queued, void *data);
	int (*sending)(void *data);	/* -1: nothing may leave */
	void (*after)(struct nl *nl, int error, void *data);
	void *data;
};
extern struct nl_watch *nl_watch;
/* nl_watch's verdict on r for nl: NL_WATCH_SEND when there is none. */
int nl_watch_before(struct nl *nl, struct nlreq *r, bool queued);

/* Dry run, for the fuzz targets and -check (netlink/dry.c; off otherwise): no
 * socket is opened and nothing is sent.  Each request is checked (a
 * malformed one aborts) and answered by nl_dry_answer's messages, if it
 * is set, then by an ack or the end of an empty dump. */
extern bool nl_dry_run;
extern size_t (*nl_dry_answer)(const struct nlmsghdr *req, void *buf, size_t size);
void nl_dry_check(const void *buf, size_t len, bool nfnetlink);
int nl_dry_send(struct nl *nl, const struct nlmsghdr *req);
ssize_t nl_dry_recv(void);
size_t nl_dry_events(void *buf, size_t size);

#endif
