/* Interface names and indexes.  Lookups by name go to the kernel
 * (altnames included); index -> name answers come from a small cache
 * filled one RTM_GETLINK at a time on its own socket, so it can be used
 * from inside another dump's callback and stays as small as the number of
 * distinct interfaces met. */
#ifndef IPBOX_IFNAME_H
#define IPBOX_IFNAME_H

#include <net/if.h>
#include <stdbool.h>
#include "nl.h"

#define IFCACHE_SLOTS 256

struct ifcache {
	struct nl *nl;		/* own socket, opened on first miss */
	struct ifslot {
		int index;	/* 0: empty */
		unsigned int flags;	/* IFF_* when fetched */
		char name[IF_NAMESIZE];
	} slot[IFCACHE_SLOTS];
};

bool ifname_valid(const char *name);
bool ifname_usable(const char *name, size_t max);
int ifname_to_index(const char *name);
/* Whether the link called `name` is of `kind` ("vrf", "bridge"). */
bool ifname_is_kind(const char *name, const char *kind);
/* While on, ifname_to_index() answers names it found before without
 * asking the kernel: only for runs of requests that cannot rename, create
 * or delete a link.  Turning it off forgets. */
void ifname_remember(bool on);
const char *ifcache_name(struct ifcache *c, int index, char buf[IF_NAMESIZE]);
int ifcache_flags(struct ifcache *c, int index, unsigned int *flags);
void ifcache_forget(struct ifcache *c, int index);
void ifcache_close(struct ifcache *c);

#endif
