/* Undoing a journal (cmd/rollback.c): the rollback of a failed atomic
 * batch, and `ipbox -undo JOURNAL`. */
#ifndef IPBOX_ROLLBACK_H
#define IPBOX_ROLLBACK_H

#include "ipbox.h"
#include "journal.h"

struct rollback_result {
	long steps;		/* changes undone (or tried) */
	int first_line, last_line;
	int failed;		/* records that could not be undone */
};

/* Replay the journal at path, newest step first, from the batch's own
 * namespace (where it ends again); lock: take the journal's lock (the
 * batch rolling itself back holds it).  0, or -1 when something could not
 * be undone (printed). */
int rollback_run(const char *path, bool lock, struct rollback_result *res);
/* One line on stderr: what was undone, after `what`. */
void rollback_say(const struct rollback_result *res, const char *what);
/* ipbox -undo JOURNAL: enter the batch's namespace, undo, remove the
 * journal if all went; an exit status. */
int do_undo(const char *path);

#endif
