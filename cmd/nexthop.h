/* ip nexthop's printers, shared by its own commands (nexthop.c), by
 * route show -d (a route's "nh_info") and by monitor's nexthop events. */
#ifndef IPBOX_NEXTHOP_H
#define IPBOX_NEXTHOP_H

#include <stdint.h>
#include <libmnl/libmnl.h>

#include "ipbox.h"
#include "../netlink/ifname.h"

/* One RTM_NEWNEXTHOP or RTM_DELNEXTHOP ("Deleted ...") as iproute2
 * prints it, its line ended: an object under -j.  ifc names devices.
 * -1 after iproute2's message for a message it cannot read. */
int nexthop_print(struct ipbox *ib, struct ifcache *ifc, const struct nlmsghdr *nlh);

/* One RTM_NEWNEXTHOPBUCKET (or DEL): "id 10 index 3 idle_time 1.5 nhid 2". */
int nexthop_bucket_print(struct ipbox *ib, const struct nlmsghdr *nlh);

/* A socket of its own for asking the kernel about one nexthop from
 * inside another dump's callback, opened on first use. */
struct nh_lookup {
	struct nl *nl;
};

/* route show -d: "\n\tnh_info id 10 group 1/2 ..." and, under -j, the
 * object "nh_info": nexthop `id` as the kernel has it now.  Nothing if
 * it is gone. */
void nexthop_print_id(struct ipbox *ib, struct ifcache *ifc, struct nh_lookup *l, uint32_t id);
void nh_lookup_close(struct nh_lookup *l);

#endif
