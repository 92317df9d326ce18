/* `ip route|neigh|address flush`: dump, send each entry the filter keeps
 * back as a delete (on a socket of its own while the dump runs on
 * ib->rt), and dump again until a round finds nothing: iproute2's rounds.
 * The three objects differ only in the data of their struct flush_spec. */
#ifndef IPBOX_FLUSH_H
#define IPBOX_FLUSH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ipbox.h"

struct flush_spec {
	const char *what;	/* "route flush": names a missing CAP_NET_ADMIN */
	uint16_t del_type;	/* a dumped entry goes back as this delete... */
	size_t hdr_len;		/* ...with its fixed header */
	int gone;		/* the errno of an entry gone meanwhile: it counts
				 * (0: none; every failed delete fails the flush) */
	const char *noun;	/* -s: "*** Round N, deleting M <noun> ***" */
	int max_rounds;		/* 0: until a dump finds nothing */
	bool rounds_from_loops;	/* -l N says the rounds instead (0: no limit) */
	const char *bail_out;	/* after max_rounds (a format taking it) */
	bool bail_out_stderr;	/* ...on stderr, not stdout */
	/* A failed delete: the dump goes on, deleting the rest (iproute2
	 * sends a round's deletes in one batch, which the kernel runs whole),
	 * and the flush fails after it with the first error; otherwise it
	 * is reported at once and ends the dump. */
	bool fail_after_dump;
	int dump_failed;	/* the exit status when a dump fails */
	int fail_status;	/* ...when a delete fails or rounds run out (0: 1) */
	int bail_status;	/* ...when rounds run out, if not that (0: fail_status) */
	/* Seconds after which a flush still deleting gives up, exit 1 (route:
	 * iproute2's 30, so routes a daemon keeps adding end it; 0: never). */
	int give_up_after;

	/* The object's part; ctx is flush_rounds' argument. */
	void (*request)(struct nlreq *req, void *ctx);		/* the dump */
	bool (*match)(const struct nlmsghdr *nlh, void *ctx);	/* delete it? */
	void (*print)(const struct nlmsghdr *nlh, void *ctx);	/* -s -s: deleted */
	bool (*again)(void *ctx);	/* after a round that deleted: go on? (NULL: yes) */
	/* -s with nothing found: "complete after 0 round" instead of
	 * "Nothing to flush." (route's cloned flush beyond IPv6; NULL: no) */
	bool (*zero_rounds_complete)(void *ctx);
};

/* Flush; an exit status.  Its output is plain text whatever -j says, as
 * iproute2's is. */
int flush_rounds(struct ipbox *ib, const struct flush_spec *spec, void *ctx);

#endif
