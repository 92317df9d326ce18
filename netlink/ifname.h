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
/* Under a dry run, the index a name has (-check's model), if set. */
extern int (*ifname_dry_index)(const char *name);
/* Whether the link called `name` is of `kind` ("vrf", "bridge"). */
bool ifname_is_kind(const char *name, const char *kind);
/* While on, ifname_to_index() answers names it found before without
 * asking the kernel: only for runs of requests that cannot rename, create
 * or delete a link.  Turning it off forgets. */
void ifname_remember(bool on);
const char *ifcache_name(struct ifcache *c, int index, char buf[IF_NAMESIZE]);
int ifcache_flags(struct ifcache *c, int index, unsigned int *flags);
/* Fill a cache from link messages (RTM_NEWLINK: the name and flags;
 * RTM_DELLINK: the link is gone, no need to ask).  Once made the book,
 * it answers for every other cache: all printers then share what the
 * messages told, and what one looked up, as iproute2's one link map
 * does for ip monitor.  NULL: each cache its own. */
void ifcache_learn(struct ifcache *c, const struct nlmsghdr *nlh);
/* What a link dump's printer has parsed already: a link's name and flags
 * (a veth pair's first half then finds its peer's without asking, if the
 * peer comes first in the dump). */
void ifcache_note(struct ifcache *c, int index, const char *name, unsigned int flags);
/* Whether the cache holds index now (nothing is asked). */
bool ifcache_has(const struct ifcache *c, int index);
void ifcache_book(struct ifcache *c);
void ifcache_close(struct ifcache *c);

#endif
