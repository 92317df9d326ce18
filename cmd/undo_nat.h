/* What undoes a nat line of an atomic batch (cmd/undo_nat.c), and the
 * replay of those records. */
#ifndef IPBOX_UNDO_NAT_H
#define IPBOX_UNDO_NAT_H

#include "ipbox.h"
#include "undo.h"

/* Journal, in the open step, what undoes `nat VERB ARGS` (VERB as nat's
 * table spells it): 0, or -1 with u->why (refused). */
int undo_nat_line(struct undo *u, struct ipbox *ib, const char *verb, int argc, char **argv);
/* Put back one J_FORWARD, J_NAT_UNADD or J_NAT_READD record in the
 * current namespace: 0, or -1 after printing why. */
int undo_nat_replay(const struct journal_rec *rec);

#endif
