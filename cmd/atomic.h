/* -atomic (cmd/atomic.c): a batch that applies whole or not at all.
 * Every change it lets go is journaled first with what undoes it
 * (cmd/undo*.c, cmd/journal.c); at the first failure the batch stops and
 * the journal is replayed backwards (cmd/rollback.c).  Lines whose
 * undo could not be faithful are refused before anything runs. */
#ifndef IPBOX_ATOMIC_H
#define IPBOX_ATOMIC_H

#include "ipbox.h"

struct atomic;
struct nl_pipe;

/* Before the first line: no journal of a killed batch may be left here
 * (it is named), and a new one is made; NULL after printing why. */
struct atomic *atomic_start(struct ipbox *ib, const char *batch);
/* The lines' pipeline: flushed before anything is read. */
void atomic_pipe(struct atomic *a, struct nl_pipe *pipe);
/* A line begins, in namespace ns ("" the batch's own). */
void atomic_line(struct atomic *a, int line, const char *ns);
/* The line ended with `status`. */
void atomic_line_done(struct atomic *a, int status);
/* A pipelined change of `line` failed; true if it is the batch's first
 * failure (the one to report). */
bool atomic_pipe_failed(struct atomic *a, int line);
/* A change failed: the batch must stop. */
bool atomic_failed(const struct atomic *a);
/* The end: keep everything (commit) or undo it all and say what was
 * undone.  Frees a; EXIT_OK, or EXIT_FAIL after a rollback. */
int atomic_finish(struct atomic *a, bool commit);

/* Before running anything: the reason line (argc, argv) of a batch
 * (earlier lines already seen) could not be undone, or NULL.  `s`
 * remembers the links earlier lines add; stderr is quiet from a call
 * until one returns a reason (printed then) or s is freed. */
struct atomic_seen;
struct atomic_seen *atomic_seen_new(void);
void atomic_seen_free(struct atomic_seen *s);
const char *atomic_refusal(struct ipbox *ib, struct atomic_seen *s, bool home, int argc, char **argv);

/* The device a `tuntap add|del` line names (its words after the verb):
 * after dev or name, or the word that is neither a keyword nor a
 * keyword's value; NULL if none. */
const char *tuntap_name(int argc, char **argv);

#endif
