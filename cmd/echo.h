/* -echo: the kernel's copy of a change (NLM_F_ECHO), printed by its
 * object's own printer, as iproute2's rtnl_echo_talk does for route,
 * address, link, rule and nexthop changes. */
#ifndef IPBOX_ECHO_H
#define IPBOX_ECHO_H

#include "ipbox.h"

/* One echoed message; 0, or -1 for a type no object prints. */
int echo_print(struct ipbox *ib, const struct nlmsghdr *nlh);

#endif
