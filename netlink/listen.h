/* Events: rtnetlink's multicast groups heard on a socket (ip monitor),
 * or the messages rtmon wrote to a file.  Each message goes to a
 * callback with the id of the namespace it came from. */
#ifndef IPBOX_LISTEN_H
#define IPBOX_LISTEN_H

#include <stdio.h>
#include "nl.h"

/* nsid of a message from the socket's own namespace, or when unknown. */
#define NL_NSID_CURRENT (-1)

/* One message; a negative return stops the listening. */
typedef int (*nl_event_cb)(const struct nlmsghdr *nlh, int nsid, void *data);

/* Join rtnetlink group `group` (RTNLGRP_*); -1 with errno on failure. */
int nl_join(struct nl *nl, unsigned int group);
/* Hear the groups of every peer namespace with an id, too. */
int nl_listen_all_nsid(struct nl *nl);
/* Receive until the callback or the socket fails: iproute2's
 * rtnl_listen.  A receive buffer overrun (ENOBUFS: events were lost) is
 * reported on stderr and listening goes on.  Returns -1. */
int nl_listen(struct nl *nl, nl_event_cb cb, void *data);
/* Each message of a file of netlink messages in turn (rtmon's, iproute2's
 * route/address save; its rtnl_from_file), read whole into one static
 * buffer: 0 at a clean end, -1 on a short or malformed record
 * (reported), or fn's negative return, which stops. */
typedef int (*nl_file_fn)(struct nlmsghdr *nlh, void *data);
int nl_from_file(FILE *f, nl_file_fn fn, void *data);
/* The same, each message to an event callback (the rtmon file of ip
 * monitor file): 0 at its end, -1. */
int nl_replay(FILE *f, nl_event_cb cb, void *data);

#endif
