/* A thread that sends one buffer at a time on a netlink socket, so the
 * caller can build the next while the kernel works: rtnetlink does a
 * request's work inside sendmsg, in the sender's time.  One buffer in
 * flight; the caller owns it again once nl_sender_wait returns.  The
 * answers stay in the socket for the caller to read: the sender only
 * sends. */
#ifndef IPBOX_SENDER_H
#define IPBOX_SENDER_H

#include <stdbool.h>
#include <stddef.h>

struct mnl_socket;
struct nl_sender;

/* True when a second thread can run beside this one (two CPUs or more
 * in the affinity mask): otherwise a sender only adds hand-offs. */
bool nl_sender_worth(void);
/* A sender, its thread started; NULL (errno set) if it cannot be. */
struct nl_sender *nl_sender_new(void);
/* Hand buf over: it is sent on sk while the caller goes on. */
void nl_sender_post(struct nl_sender *s, struct mnl_socket *sk, const void *buf, size_t len);
/* Wait until what was posted is sent: 0, or the errno of sendmsg.  0 at
 * once when nothing is posted. */
int nl_sender_wait(struct nl_sender *s);
/* Wait for what is posted, stop the thread, free (NULL is fine). */
void nl_sender_free(struct nl_sender *s);

#endif
