/* Standard descriptors held before anything opens: a closed 0, 1 or 2
 * must not be taken by the next socket or file (output would go into a
 * netlink socket). */
#ifndef IPBOX_CAPS_STDFDS_H
#define IPBOX_CAPS_STDFDS_H

/* 0 when fds 0-2 are all open now, -1 with errno if one could not be. */
int stdfds_hold(void);

#endif
