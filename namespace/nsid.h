/* nsids: the numbers this network namespace gives others (RTM_GETNSID),
 * and the /run/netns names behind them, for `netns list`, `netns
 * list-id` and a link's `link-netns NAME`. */
#ifndef IPBOX_NAMESPACE_NSID_H
#define IPBOX_NAMESPACE_NSID_H

#include <limits.h>
#include <stddef.h>

struct nl;

/* The nsid of the namespace /run/netns/NAME, asked on nl (an rtnetlink
 * socket); -1 when it has none or cannot be opened.  An entry the kernel
 * refuses (no namespace) is reported, as iproute2 does. */
int netns_nsid(struct nl *nl, const char *name);

/* Have the kernel give /run/netns/NAME an nsid of its choice (RTM_NEWNSID,
 * iproute2's set_netnsid_from_name(NAME, -1)): 0, or -1 (a refusal is
 * reported). */
int netns_nsid_assign(struct nl *nl, const char *name);

/* nsid -> name for every name in /run/netns, read once: it grows with
 * the number of names, not with a dump. */
struct netns_names {
	size_t n;
	struct netns_name {
		int nsid;
		char name[NAME_MAX + 1];
	} *v;
};

/* Fill m (zeroed, or loaded before) by asking nl for each name's nsid:
 * 0, or -1 when out of memory (m then holds the names read so far). */
int netns_names_load(struct netns_names *m, struct nl *nl);
/* The first name (in directory order) with that nsid, or NULL. */
const char *netns_names_find(const struct netns_names *m, int nsid);
/* One more name: 0, or -1 when out of memory. */
int netns_names_add(struct netns_names *m, int nsid, const char *name);
/* Forget the first name with that nsid (the last name takes its place). */
void netns_names_drop(struct netns_names *m, int nsid);
void netns_names_free(struct netns_names *m);

#endif
