/* What the netlink layer's own files share (nl.c, pipe.c): reading
 * datagrams of answers.  Not for objects. */
#ifndef IPBOX_NL_INT_H
#define IPBOX_NL_INT_H

#include "nl.h"

/* nlh lies whole inside the `left` bytes (unsigned check). */
bool nl_msg_fits(const struct nlmsghdr *nlh, size_t left);
const struct nlmsghdr *nl_msg_next(const struct nlmsghdr *nlh, size_t *left);
/* Record an NLMSG_ERROR in nl (error, ext_msg): 0 for an ack, -1 for a
 * failure. */
int nl_handle_error(struct nl *nl, const struct nlmsghdr *nlh);

#endif
