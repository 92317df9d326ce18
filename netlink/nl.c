#include "nl.h"
#include "nl_int.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "attr.h"

#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

int nl_open(struct nl *nl, int bus)
{
	int one = 1, rcvbuf = 1024 * 1024;

	memset(nl, 0, offsetof(struct nl, rx));
	nl->bus = bus;
	if (nl_dry_run)
		return 0;
	nl->sk = mnl_socket_open2(bus, SOCK_CLOEXEC);
	if (!nl->sk)
		return -1;
	if (mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		nl_close(nl);
		return -1;
	}
	/* Best effort, as iproute2: older kernels lack these options. */
	mnl_socket_setsockopt(nl->sk, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sk, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	nl->portid = mnl_socket_get_portid(nl->sk);
	nl->seq = 0;
	return 0;
}

int nl_set_rcvbuf(struct nl *nl, uint32_t size)
{
	int n = (int)size;

	if (nl_dry_run)
		return 0;
	return setsockopt(mnl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUF, &n, sizeof(n));
}

void nl_close(struct nl *nl)
{
	if (nl->sk)
		mnl_socket_close(nl->sk);
	nl->sk = NULL;
}

struct nl *nl_new(int bus)
{
	struct nl *nl = malloc(sizeof(*nl));
	int err;

	if (!nl)
		return NULL;
	if (nl_open(nl, bus) < 0) {
		err = errno;
		free(nl);
		errno = err;
		return NULL;
	}
	return nl;
}

void nl_free(struct nl *nl)
{
	if (!nl)
		return;
	nl_close(nl);
	free(nl);
}

void *nlreq_init(struct nlreq *r, uint16_t type, uint16_t flags, size_t hdrlen)
{
	struct nlmsghdr *nlh = &r->u.align;

	/* libmnl's put_header and put_extra_header, by hand: two calls and
	 * a memset of the header the lines below write whole */
	r->overflow = false;
	r->bound = sizeof(r->u.buf);
	r->nlh = nlh;
	*nlh = (struct nlmsghdr){
		.nlmsg_len = NLMSG_HDRLEN + (uint32_t)NLMSG_ALIGN(hdrlen),
		.nlmsg_type = type,
		.nlmsg_flags = NLM_F_REQUEST | flags,
	};
	if (!hdrlen)
		return NULL;
	memset(r->u.buf + NLMSG_HDRLEN, 0, NLMSG_ALIGN(hdrlen));
	return r->u.buf + NLMSG_HDRLEN;
}

/* A holder starts with its size; the last one freed is kept for the
 * next (malloc and free of 8 KiB, past glibc's per-thread cache, were a
 * tenth of a batch line's instructions). */
struct holder_head {
	size_t size;
} __attribute__((aligned(16)));

static struct holder_head *holder_spare;

void *nlreq_holder_new(size_t size, size_t req_offset)
{
	size_t buf = req_offset + offsetof(struct nlreq, u);
	size_t after = req_offset + sizeof(struct nlreq);
	struct holder_head *h = holder_spare;
	char *p;

	if (h && h->size >= size)
		holder_spare = NULL;
	else if (!(h = malloc(sizeof(*h) + size)))
		return NULL;
	else
		h->size = size;
	p = (char *)(h + 1);
	memset(p, 0, buf);
	memset(p + after, 0, size - after);
	return p;
}

void nlreq_holder_free(void *holder)
{
	struct holder_head *h = holder ? (struct holder_head *)holder - 1 : NULL;

	if (!h)
		return;
	if (holder_spare && holder_spare->size >= h->size) {
		free(h);
		return;
	}
	free(holder_spare);
	holder_spare = h;
}

void nlreq_bound(struct nlreq *r, uint32_t bound)
{
	r->bound = bound < sizeof(r->u.buf) ? bound : sizeof(r->u.buf);
	if (r->nlh->nlmsg_len > r->bound)
		r->overflow = true;
}

int nlreq_check(const struct nlreq *r)
{
	if (!r->overflow)
		return 0;
	fprintf(stderr, "addattr_l ERROR: message exceeded bound of %u\n", r->bound);
	return -1;
}

/* mnl_attr_put_check's checks (against the request's bound) and layout,
 * inline: a batch line puts three to six attributes.  The alignment
 * padding is zeroed (libmnl 1.0.4 leaves it as it found it: valgrind saw
 * stale stack bytes go to the kernel). */
void nlreq_put(struct nlreq *r, uint16_t type, size_t len, const void *data)
{
	char *a = (char *)r->nlh + NLMSG_ALIGN(r->nlh->nlmsg_len);
	const uint32_t zero = 0;
	struct nlattr head = { .nla_len = (uint16_t)(MNL_ATTR_HDRLEN + len), .nla_type = type };

	if (len > r->bound || r->nlh->nlmsg_len + MNL_ATTR_HDRLEN + MNL_ALIGN(len) > r->bound) {
		r->overflow = true;
		return;
	}
	memcpy(a, &head, sizeof(head));
	/* the padding: the attribute's last four bytes zeroed before the
	 * data (no memset call per attribute) */
	if (len % MNL_ALIGNTO)
		memcpy(a + MNL_ATTR_HDRLEN + MNL_ALIGN(len) - sizeof(zero), &zero, sizeof(zero));
	if (len)	/* a flag attribute comes with no data (NULL) */
		memcpy(a + MNL_ATTR_HDRLEN, data, len);
	r->nlh->nlmsg_len += MNL_ALIGN(MNL_ATTR_HDRLEN + len);
}

void nlreq_put_u8(struct nlreq *r, uint16_t type, uint8_t v)
{
	nlreq_put(r, type, sizeof(v), &v);
}

void nlreq_put_u16(struct nlreq *r, uint16_t type, uint16_t v)
{
	nlreq_put(r, type, sizeof(v), &v);
}

void nlreq_put_u32(struct nlreq *r, uint16_t type, uint32_t v)
{
	nlreq_put(r, type, sizeof(v), &v);
}

void nlreq_put_s32(struct nlreq *r, uint16_t type, int32_t v)
{
	nlreq_put(r, type, sizeof(v), &v);
}

void nlreq_put_str(struct nlreq *r, uint16_t type, const char *s)
{
	nlreq_put(r, type, strlen(s) + 1, s);
}

/* Zeroed room for a struct at the tail (such as a struct rtnexthop inside
 * RTA_MULTIPATH), or NULL with overflow recorded. */
void *nlreq_reserve(struct nlreq *r, size_t len)
{
	size_t room = MNL_ALIGN(len);
	char *tail;

	if (r->nlh->nlmsg_len + room > r->bound) {
		r->overflow = true;
		return NULL;
	}
	tail = mnl_nlmsg_get_payload_tail(r->nlh);
	memset(tail, 0, room);
	r->nlh->nlmsg_len += room;
	return tail;
}

struct nlattr *nlreq_nest_start(struct nlreq *r, uint16_t type)
{
	struct nlattr *nest = mnl_attr_nest_start_check(r->nlh, r->bound, type);

	if (!nest)
		r->overflow = true;
	return nest;
}

void nlreq_nest_end(struct nlreq *r, struct nlattr *nest)
{
	if (nest)
		mnl_attr_nest_end(r->nlh, nest);
}

/* A dumped message sent back as request `type` (a flush deletes what it
 * dumped, as iproute2 does): its fixed header and each whole, well-formed
 * attribute; anything else stays behind.  -1 if it is too short for the
 * header or too long for a request. */
int nlreq_echo(struct nlreq *r, uint16_t type, const struct nlmsghdr *nlh, size_t hdrlen)
{
	const struct nlattr *a;
	void *hdr;

	nlreq_init(r, type, 0, 0);
	if (mnl_nlmsg_get_payload_len(nlh) < hdrlen || !(hdr = nlreq_reserve(r, hdrlen)))
		return -1;
	memcpy(hdr, mnl_nlmsg_get_payload(nlh), hdrlen);
	mnl_attr_for_each(a, nlh, hdrlen)
		if (attr_tiled(a, MNL_ALIGN(a->nla_len), type, 0))
			nlreq_put(r, a->nla_type, mnl_attr_get_payload_len(a), mnl_attr_get_payload(a));
	return r->overflow ? -1 : 0;
}

struct nl_watch *nl_watch;

int nl_watch_before(struct nl *nl, struct nlreq *r, bool queued)
{
	if (!nl_watch || nl->bus != NETLINK_ROUTE || r->overflow)
		return NL_WATCH_SEND;
	return nl_watch->before(nl, r->nlh, queued, nl_watch->data);
}

/* A request that is not pipelined waits for the pipelined ones before it:
 * it may read what they change, and their failures print first.  The
 * watcher may keep it back (1: as if acked) or refuse it (-1). */
static int nl_send(struct nl *nl, struct nlreq *r)
{
	int verdict;

	if (nl->drain)
		(void)nl->drain(nl->queue);	/* its failures go to its callback */
	nl->overflowed = nlreq_check(r) < 0;
	if (nl->overflowed) {
		errno = EMSGSIZE;
		return -1;
	}
	nl->error = 0;
	nl->ext_msg[0] = '\0';
	verdict = nl_watch_before(nl, r, false);
	if (verdict < 0) {
		errno = nl->error;
		return -1;
	}
	if (verdict == NL_WATCH_SKIP)
		return NL_WATCH_SKIP;
	if (verdict == NL_WATCH_CHANGE && nl_watch->sending(nl_watch->data) < 0) {
		errno = EIO;
		return -1;
	}
	r->nlh->nlmsg_seq = ++nl->seq;
	if (nl_dry_run)
		return nl_dry_send(nl, r->nlh) < 0 ? -1 : verdict;
	return mnl_socket_sendto(nl->sk, r->nlh, r->nlh->nlmsg_len) < 0 ? -1 : verdict;
}

/* Keep the extended-ack message of an error or of an ack with a warning. */
static void nl_parse_ext_ack(struct nl *nl, const struct nlmsghdr *nlh,
			     const void *tlvs, size_t len)
{
	const struct nlattr *a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	for (a = tlvs; mnl_attr_ok(a, (int)len); a = mnl_attr_next(a)) {
		if (mnl_attr_get_type(a) != NLMSGERR_ATTR_MSG)
			continue;
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
			return;
		snprintf(nl->ext_msg, sizeof(nl->ext_msg), "%s", mnl_attr_get_str(a));
		return;
	}
}

/* The kernel sends -errno; anything else (INT_MIN from a broken peer)
 * must not overflow on negation. */
static int nl_errno(int err)
{
	if (err == INT_MIN)
		return EIO;
	return err < 0 ? -err : err;
}

/* An NLMSG_ERROR: 0 is an ack (maybe with a warning), else a failure. */
int nl_handle_error(struct nl *nl, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	size_t off = sizeof(*e);

	if (plen < sizeof(*e)) {
		nl->error = EBADMSG;
		return -1;
	}
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += (size_t)e->msg.nlmsg_len > sizeof(e->msg) ?
		       NLMSG_ALIGN((size_t)e->msg.nlmsg_len) - sizeof(e->msg) : 0;
	if (off <= plen)
		nl_parse_ext_ack(nl, nlh, (const char *)e + off, plen - off);
	if (e->error == 0) {
		if (nl->ext_msg[0])
			fprintf(stderr, "Warning: %s%s\n", nl->ext_msg,
				nl->ext_msg[strlen(nl->ext_msg) - 1] == '.' ? "" : ".");
		return 0;
	}
	nl->error = nl_errno(e->error);
	return -1;
}

/* NLMSG_DONE of a dump may carry the dump's error code and an ext ack. */
static int nl_handle_done(struct nl *nl, const struct nlmsghdr *nlh)
{
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	int err;

	if (plen < sizeof(err))
		return 0;
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err == 0)
		return 0;
	nl_parse_ext_ack(nl, nlh, (const char *)mnl_nlmsg_get_payload(nlh) + sizeof(err),
			 plen - sizeof(err));
	nl->error = nl_errno(err);
	return -1;
}

/* libmnl's mnl_nlmsg_ok() compares the length as a signed int, so a
 * message claiming more than 2 GiB passes it: check unsigned here. */
bool nl_msg_fits(const struct nlmsghdr *nlh, size_t left)
{
	return left >= sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) && nlh->nlmsg_len <= left;
}

const struct nlmsghdr *nl_msg_next(const struct nlmsghdr *nlh, size_t *left)
{
	size_t step = NLMSG_ALIGN(nlh->nlmsg_len);

	*left = step < *left ? *left - step : 0;
	return (const struct nlmsghdr *)((const char *)nlh + step);
}

const struct nlmsghdr *nl_read_find_link(const struct nl *nl, const struct nlmsghdr *nlh, int index)
{
	const char *p = (const char *)nlh, *end = nl->rx + nl->rx_len;
	size_t left;

	if (!nl->rx_len || p < nl->rx || p >= end || !nl_msg_fits(nlh, (size_t)(end - p)))
		return NULL;
	left = (size_t)(end - p);
	for (nlh = nl_msg_next(nlh, &left); nl_msg_fits(nlh, left); nlh = nl_msg_next(nlh, &left)) {
		const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

		if (nlh->nlmsg_type == RTM_NEWLINK && mnl_nlmsg_get_payload_len(nlh) >= sizeof(*ifi) &&
		    ifi->ifi_index == index)
			return nlh;
	}
	return NULL;
}

/* Walk one datagram of replies to request `seq`.  Messages for other
 * requests are skipped, as iproute2 does.  Returns -1 with nl->error set on
 * a kernel error, a malformed datagram or a callback failure; *done tells
 * the request is over. */
int nl_walk(struct nl *nl, const void *buf, size_t len, uint32_t seq,
	    nl_cb cb, void *data, bool *done)
{
	const struct nlmsghdr *nlh = buf;
	size_t left = len;

	for (; nl_msg_fits(nlh, left); nlh = nl_msg_next(nlh, &left)) {
		if (nlh->nlmsg_pid != nl->portid || nlh->nlmsg_seq != seq)
			continue;
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			nl->interrupted = true;
		switch (nlh->nlmsg_type) {
		case NLMSG_NOOP:
			continue;
		case NLMSG_ERROR:
			*done = true;
			return nl_handle_error(nl, nlh);
		case NLMSG_DONE:
			*done = true;
			return nl_handle_done(nl, nlh);
		case NLMSG_OVERRUN:
			nl->error = ENOBUFS;
			*done = true;
			return -1;
		}
		switch (cb ? cb(nlh, data) : NL_CB_OK) {
		case NL_CB_ERROR:
			*done = true;
			if (!nl->error)
				nl->error = errno ? errno : EIO;
			return -1;
		case NL_CB_STOP:
			*done = true;
			return 0;
		}
		if (!(nlh->nlmsg_flags & NLM_F_MULTI)) {
			*done = true;
			return 0;
		}
	}
	if (left > 0) {
		nl->error = EBADMSG;
		*done = true;
		return -1;
	}
	return 0;
}

static int nl_recv_until_done(struct nl *nl, uint32_t seq, nl_cb cb, void *data)
{
	bool done = false;
	int ret = 0;

	while (!done) {
		ssize_t n = nl_dry_run ? nl_dry_recv() :
			    mnl_socket_recvfrom(nl->sk, nl->rx, sizeof(nl->rx));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			nl->error = errno;
			return -1;
		}
		/* A failed callback stops output but we still drain to the end
		 * so the socket is clean for the next request (batch). */
		nl->rx_len = nl_dry_run ? 0 : (size_t)n;
		if (nl_walk(nl, nl->rx, (size_t)n, seq, ret ? NULL : cb, data, &done) < 0)
			ret = -1;
		nl->rx_len = 0;
	}
	if (ret)
		errno = nl->error;
	return ret;
}

/* Send a request; with `answer` NULL it asks for and waits on an ack,
 * otherwise it hands the kernel's reply to `answer`. */
int nl_talk(struct nl *nl, struct nlreq *r, nl_cb answer, void *data)
{
	int verdict, ret;

	if (!answer)
		r->nlh->nlmsg_flags |= NLM_F_ACK;
	verdict = nl_send(nl, r);
	if (verdict == NL_WATCH_SKIP)
		return 0;
	if (verdict < 0) {
		nl->error = errno;
		return -1;
	}
	ret = nl_recv_until_done(nl, r->nlh->nlmsg_seq, answer, data);
	if (verdict == NL_WATCH_CHANGE)
		nl_watch->after(nl, ret < 0 ? nl->error : 0, nl_watch->data);
	return ret;
}

/* A dump the kernel flagged as interrupted (the table changed under it)
 * is still printed whole, with iproute2's warning: never silently short. */
int nl_dump(struct nl *nl, struct nlreq *r, nl_cb cb, void *data)
{
	int ret;

	r->nlh->nlmsg_flags |= NLM_F_DUMP;
	nl->interrupted = false;
	if (nl_send(nl, r) < 0) {
		nl->error = errno;
		return -1;
	}
	ret = nl_recv_until_done(nl, r->nlh->nlmsg_seq, cb, data);
	if (nl->interrupted)
		fprintf(stderr, "Dump was interrupted and may be inconsistent.\n");
	return ret;
}

/* iproute2's wording: the kernel's own text when it sent one. */
void nl_perror(const struct nl *nl)
{
	size_t n = strlen(nl->ext_msg);

	if (nl->overflowed)
		return;		/* nlreq_check said it */
	if (n)
		fprintf(stderr, "Error: %s%s\n", nl->ext_msg, nl->ext_msg[n - 1] == '.' ? "" : ".");
	else
		fprintf(stderr, "RTNETLINK answers: %s\n", strerror(nl->error));
}

/* A failed dump, as iproute2's rtnl_dump_done reports it: ENOENT and
 * EOPNOTSUPP (nothing of that kind, no such object) pass in silence
 * unless the kernel said more. */
void nl_dump_perror(const struct nl *nl)
{
	if ((nl->error == ENOENT || nl->error == EOPNOTSUPP) && !nl->ext_msg[0])
		return;
	nl_perror(nl);
}
