/* What undoes one rtnetlink change (cmd/undo.c, cmd/undo_link.c): for
 * each change request an -atomic batch sends, the records of its journal
 * step, built from the request and from what the kernel holds just
 * before it (read on a socket of the step's own).  add <-> delete;
 * set, change and replace put back what was there; delete recreates the
 * object and what the kernel takes away with it (a link's addresses,
 * permanent neighbours, nexthops and routes; an address's routes).
 * What cannot be put back faithfully is refused, with the reason. */
#ifndef IPBOX_UNDO_H
#define IPBOX_UNDO_H

#include <stdbool.h>
#include <linux/netlink.h>
#include "journal.h"
#include "../netlink/nl.h"

struct undo {
	struct journal *j;
	const char *ns;		/* the line's namespace: "" home, or a name */
	struct nl *rd;		/* reads, in that namespace */
	dev_t home_dev;		/* the batch's own namespace */
	ino_t home_ino;
	char why[200];		/* a refusal's reason */
	char *msg;		/* one message read back (NL_RX_SIZE) */
	char *peer;		/* a second one: a veth's peer, a link's master */
	struct nlreq *req;	/* the record being built */
};

/* Journal what undoes req in the open step: 0, or -1 with u->why set
 * (then nothing may be sent). */
int undo_change(struct undo *u, const struct nlmsghdr *req);

/* ---- shared by undo.c and undo_link.c --------------------------------- */

/* A refusal: u->why, -1. */
int undo_refuse(struct undo *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Ask for one object; its answer lands in buf (NL_RX_SIZE).  1 found,
 * 0 not there, -1 failed (u->why). */
int undo_get(struct undo *u, struct nlreq *req, char *buf);
/* Journal (in u->ns) what puts back what a link's removal or its going
 * down takes with it: addresses, permanent neighbours, nexthops through
 * it, routes through it. */
int undo_link_dependents(struct undo *u, int ifindex);
/* Routes of `family` through ifindex (0: every one with prefsrc `src`),
 * put back. */
int undo_routes_via(struct undo *u, int family, int ifindex, const void *src, size_t src_len);
/* A dumped route as the request that puts it back. */
int undo_route_restore(struct undo *u, const struct nlmsghdr *route, uint16_t flags, unsigned int jflags);

int undo_link_create(struct undo *u, const struct nlmsghdr *req);
int undo_link_set(struct undo *u, const struct nlmsghdr *req);
int undo_link_delete(struct undo *u, const struct nlmsghdr *req);

#endif
