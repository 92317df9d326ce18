/* LD_PRELOAD shim for the kind harness (tests/kinds/run), loaded into
 * /bin/ip and ipbox alike.
 *
 * NLSHIM_LOG=FILE: every rtnetlink message the program sends is appended
 * to FILE as a record (u32 length, then the message), so the requests of
 * both tools can be compared (tests/kinds/nlmsg show).
 *
 * NLSHIM_ANSWER=FILE: RTM_GETLINK requests never reach the kernel; they
 * are answered from FILE (RTM_NEWLINK messages as `nlmsg build` writes
 * them): a dump gets every message then NLMSG_DONE, a get the link of its
 * index or name (or ENODEV), one datagram per message, with the seq and
 * port of the request.  if_nametoindex() and if_indextoname() answer from
 * FILE too.  So both tools print the same recorded kernel answer, whatever
 * drivers the running kernel has.
 *
 * Test code only: it trusts FILE (written by nlmsg build). */

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#define MAX_PENDING 256

static ssize_t (*real_sendmsg)(int, const struct msghdr *, int);
static ssize_t (*real_sendto)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
static ssize_t (*real_recvmsg)(int, struct msghdr *, int);
static ssize_t (*real_recvfrom)(int, void *, size_t, int, struct sockaddr *, socklen_t *);

/* the recorded answer, read once */
static char *answer;
static size_t answer_len;

/* datagrams waiting for the one socket that asked */
static struct {
	int fd;
	char *buf;
	size_t len;
} pending[MAX_PENDING];
static unsigned int npending;

static void shim_init(void)
{
	const char *path = getenv("NLSHIM_ANSWER");
	struct stat st;
	int fd;

	if (real_sendmsg)
		return;
	real_sendmsg = dlsym(RTLD_NEXT, "sendmsg");
	real_sendto = dlsym(RTLD_NEXT, "sendto");
	real_recvmsg = dlsym(RTLD_NEXT, "recvmsg");
	real_recvfrom = dlsym(RTLD_NEXT, "recvfrom");
	if (!path || !*path)
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !(answer = malloc((size_t)st.st_size + 1)) ||
	    read(fd, answer, (size_t)st.st_size) != st.st_size) {
		fprintf(stderr, "nlshim: cannot read %s\n", path);
		abort();
	}
	answer_len = (size_t)st.st_size;
	close(fd);
}

static int is_rtnetlink(int fd)
{
	int domain = 0, proto = -1;
	socklen_t len = sizeof(int);

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) < 0 || domain != AF_NETLINK)
		return 0;
	len = sizeof(int);
	return getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) == 0 && proto == NETLINK_ROUTE;
}

static void log_messages(const char *buf, size_t len)
{
	const char *path = getenv("NLSHIM_LOG");
	int fd;

	if (!path || !*path)
		return;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	for (const struct nlmsghdr *h = (const void *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
		uint32_t n = h->nlmsg_len;

		if (write(fd, &n, sizeof(n)) != sizeof(n) || write(fd, h, n) != (ssize_t)n)
			break;
	}
	close(fd);
}

static void queue(int fd, const void *data, size_t len)
{
	if (npending == MAX_PENDING)
		abort();
	pending[npending].fd = fd;
	pending[npending].buf = malloc(len);
	if (!pending[npending].buf)
		abort();
	memcpy(pending[npending].buf, data, len);
	pending[npending].len = len;
	npending++;
}

/* One answer message, renumbered for the request. */
static void queue_msg(int fd, const struct nlmsghdr *m, const struct nlmsghdr *req,
		      uint32_t portid, uint16_t flags)
{
	struct nlmsghdr *copy = malloc(m->nlmsg_len);

	if (!copy)
		abort();
	memcpy(copy, m, m->nlmsg_len);
	copy->nlmsg_seq = req->nlmsg_seq;
	copy->nlmsg_pid = portid;
	copy->nlmsg_flags = flags;
	queue(fd, copy, copy->nlmsg_len);
	free(copy);
}

static void queue_status(int fd, int type, int error, const struct nlmsghdr *req, uint32_t portid)
{
	char buf[4096];
	struct nlmsghdr *h = (void *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	size_t copy = error ? req->nlmsg_len : sizeof(*req);

	if (copy > sizeof(buf) - NLMSG_LENGTH(sizeof(*e)))
		copy = sizeof(*req);
	memset(buf, 0, sizeof(buf));
	h->nlmsg_type = (uint16_t)type;
	h->nlmsg_seq = req->nlmsg_seq;
	h->nlmsg_pid = portid;
	if (type == NLMSG_DONE) {
		h->nlmsg_len = NLMSG_LENGTH(sizeof(int));
		h->nlmsg_flags = NLM_F_MULTI;
	} else {
		e->error = error;
		memcpy(&e->msg, req, copy);
		h->nlmsg_len = (uint32_t)(NLMSG_LENGTH(sizeof(*e)) + copy - sizeof(*req));
	}
	queue(fd, buf, h->nlmsg_len);
}

static const char *msg_name(const struct nlmsghdr *m)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(m);
	int len = (int)IFLA_PAYLOAD(m);

	for (const struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == IFLA_IFNAME)
			return RTA_DATA(a);
	return "";
}

#define FOR_EACH_ANSWER(m) \
	for (const struct nlmsghdr *m = (const void *)answer; \
	     m && (const char *)m < answer + answer_len; \
	     m = (const void *)((const char *)m + NLMSG_ALIGN(m->nlmsg_len)))

static const struct nlmsghdr *find_link(int index, const char *name)
{
	FOR_EACH_ANSWER(m) {
		const struct ifinfomsg *ifi = NLMSG_DATA(m);

		if ((index && ifi->ifi_index == index) || (name && !strcmp(msg_name(m), name)))
			return m;
	}
	return NULL;
}

/* The name a get asks for: IFLA_IFNAME or IFLA_ALT_IFNAME. */
static const char *req_name(const struct nlmsghdr *req)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(req);
	int len = (int)IFLA_PAYLOAD(req);

	for (const struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == IFLA_IFNAME || a->rta_type == IFLA_ALT_IFNAME)
			return RTA_DATA(a);
	return NULL;
}

static void answer_getlink(int fd, const struct nlmsghdr *req)
{
	struct sockaddr_nl me;
	socklen_t len = sizeof(me);
	const struct ifinfomsg *ifi = NLMSG_DATA(req);
	const struct nlmsghdr *m;

	memset(&me, 0, sizeof(me));
	getsockname(fd, (struct sockaddr *)&me, &len);
	if (req->nlmsg_flags & NLM_F_DUMP) {
		FOR_EACH_ANSWER(a)
			queue_msg(fd, a, req, me.nl_pid, NLM_F_MULTI);
		queue_status(fd, NLMSG_DONE, 0, req, me.nl_pid);
		return;
	}
	m = find_link(ifi->ifi_index, ifi->ifi_index ? NULL : req_name(req));
	if (!m) {
		queue_status(fd, NLMSG_ERROR, -ENODEV, req, me.nl_pid);
		return;
	}
	queue_msg(fd, m, req, me.nl_pid, 0);
	if (req->nlmsg_flags & NLM_F_ACK)
		queue_status(fd, NLMSG_ERROR, 0, req, me.nl_pid);
}

/* Whether the request was answered here instead of by the kernel. */
static int intercept(int fd, const char *buf, size_t len)
{
	const struct nlmsghdr *h = (const void *)buf;

	if (!is_rtnetlink(fd))
		return 0;
	log_messages(buf, len);
	if (!answer || len < NLMSG_LENGTH(sizeof(struct ifinfomsg)) || h->nlmsg_type != RTM_GETLINK)
		return 0;
	answer_getlink(fd, h);
	return 1;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	char buf[65536];
	size_t len = 0;

	shim_init();
	for (size_t i = 0; i < msg->msg_iovlen; i++) {
		size_t n = msg->msg_iov[i].iov_len;

		if (len + n > sizeof(buf))
			return real_sendmsg(fd, msg, flags);
		memcpy(buf + len, msg->msg_iov[i].iov_base, n);
		len += n;
	}
	if (intercept(fd, buf, len))
		return (ssize_t)len;
	return real_sendmsg(fd, msg, flags);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen)
{
	shim_init();
	if (intercept(fd, buf, len))
		return (ssize_t)len;
	return real_sendto(fd, buf, len, flags, to, tolen);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

/* A waiting datagram into the caller's buffers, as the kernel would. */
static ssize_t deliver(int fd, struct iovec *iov, size_t iovlen, int flags, void *name,
		       socklen_t *namelen, int *msg_flags)
{
	unsigned int i;
	size_t off = 0, len;

	for (i = 0; i < npending && pending[i].fd != fd; i++)
		;
	if (i == npending)
		return -2;
	len = pending[i].len;
	for (size_t v = 0; v < iovlen && off < len; v++) {
		size_t n = len - off < iov[v].iov_len ? len - off : iov[v].iov_len;

		memcpy(iov[v].iov_base, pending[i].buf + off, n);
		off += n;
	}
	if (name && namelen) {
		struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
		socklen_t n = *namelen < sizeof(kernel) ? *namelen : sizeof(kernel);

		memcpy(name, &kernel, n);
		*namelen = sizeof(kernel);
	}
	if (msg_flags)
		*msg_flags = off < len ? MSG_TRUNC : 0;
	if (!(flags & MSG_PEEK)) {
		free(pending[i].buf);
		memmove(&pending[i], &pending[i + 1], (npending - i - 1) * sizeof(pending[0]));
		npending--;
	}
	return (ssize_t)((flags & MSG_TRUNC) ? len : off);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	ssize_t n;

	shim_init();
	n = deliver(fd, msg->msg_iov, msg->msg_iovlen, flags, msg->msg_name,
		    &msg->msg_namelen, &msg->msg_flags);
	return n == -2 ? real_recvmsg(fd, msg, flags) : n;
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	ssize_t n;

	shim_init();
	n = deliver(fd, &iov, 1, flags, from, fromlen, NULL);
	return n == -2 ? real_recvfrom(fd, buf, len, flags, from, fromlen) : n;
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, NULL, NULL);
}

unsigned int if_nametoindex(const char *name)
{
	const struct nlmsghdr *m;

	shim_init();
	if (!answer) {
		unsigned int (*real)(const char *) = dlsym(RTLD_NEXT, "if_nametoindex");

		return real(name);
	}
	m = find_link(0, name);
	if (!m) {
		errno = ENODEV;
		return 0;
	}
	return (unsigned int)((const struct ifinfomsg *)NLMSG_DATA(m))->ifi_index;
}

char *if_indextoname(unsigned int index, char name[IF_NAMESIZE])
{
	const struct nlmsghdr *m;

	shim_init();
	if (!answer) {
		char *(*real)(unsigned int, char *) = dlsym(RTLD_NEXT, "if_indextoname");

		return real(index, name);
	}
	m = find_link((int)index, NULL);
	if (!m) {
		errno = ENXIO;
		return NULL;
	}
	snprintf(name, IF_NAMESIZE, "%s", msg_name(m));
	return name;
}
