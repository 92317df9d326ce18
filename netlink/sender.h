/* A thread that sends buffers on a netlink socket, in the order they are
 * posted, so the caller can build the next while the kernel works:
 * rtnetlink does a request's work inside sendmsg, in the sender's time.
 * Up to NL_SENDER_DEPTH buffers posted and not yet waited for; the caller
 * owns a buffer again once nl_sender_wait has returned for it.  The
 * answers stay in the socket for the caller to read: the sender only
 * sends. */
#ifndef IPBOX_SENDER_H
#define IPBOX_SENDER_H

#include <stdbool.h>
#include <stddef.h>

/* One being sent, the next waiting to go the moment it is. */
#define NL_SENDER_DEPTH 2

struct mnl_socket;
struct nl_sender;

/* True when a second thread can run beside this one (two CPUs or more
 * in the affinity mask): otherwise a sender only adds hand-offs. */
bool nl_sender_worth(void);
/* A sender, its thread started; NULL (errno set) if it cannot be. */
struct nl_sender *nl_sender_new(void);
/* Hand buf over (fewer than NL_SENDER_DEPTH posted and not waited for):
 * it is sent on sk after those, while the caller goes on. */
void nl_sender_post(struct nl_sender *s, struct mnl_socket *sk, const void *buf, size_t len);
/* Wait until the oldest buffer posted and not yet waited for is sent: 0,
 * or the errno of its sendmsg.  0 at once when there is none. */
int nl_sender_wait(struct nl_sender *s);
/* Send what is posted, stop the thread, free (NULL is fine). */
void nl_sender_free(struct nl_sender *s);

#endif
