/* -check (cmd/check.c): a batch, or one command, checked against the
 * machine as it is and as its earlier lines would leave it, changing
 * nothing.  Every line is parsed and its requests built; none is sent. */
#ifndef IPBOX_CHECK_H
#define IPBOX_CHECK_H

#include "ipbox.h"

struct check;

/* Read the state (every namespace's links, addresses, routes and
 * neighbours, the nat table) and turn sending off; NULL after printing
 * why. */
struct check *check_start(struct ipbox *ib);
/* A line begins in namespace ns (NULL: the batch's own); -1 after
 * iproute2's message when the namespace would not be there. */
int check_line(struct check *c, const char *ns);
void check_finish(struct check *c);

#endif
