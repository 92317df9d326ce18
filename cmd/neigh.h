/* What ip neigh shares with other files: its printer, for ip monitor. */
#ifndef IPBOX_NEIGH_H
#define IPBOX_NEIGH_H

#include "ipbox.h"

struct neigh_show;

/* A show of every state on device ifindex (0: all), or NULL. */
struct neigh_show *neigh_events_new(struct ipbox *ib, int ifindex);
/* One RTM_NEWNEIGH or RTM_DELNEIGH message, as `ip neigh show` prints it
 * (an nl_dump callback: data is the struct neigh_show). */
int neigh_show_one(const struct nlmsghdr *nlh, void *data);
void neigh_show_free(struct neigh_show *s);

#endif
