/* The undo journal of an atomic batch (cmd/journal.c): one file per batch
 * under /run/ipbox, appended in steps.  A step holds what undoes one
 * change (records replayed in their order); it is written whole before
 * the change leaves the process, so a batch killed at any point leaves a
 * journal that `ipbox -undo FILE` replays, newest step first.  A change
 * the kernel refused is cancelled (its step is not replayed).  Memory
 * stays flat: records wait in a fixed buffer until the next change is
 * sent, and the journal is read back from its end. */
#ifndef IPBOX_JOURNAL_H
#define IPBOX_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/netlink.h>

#define JOURNAL_DIR "/run/ipbox"

/* What a record asks the replay to do. */
enum journal_type {
	J_HEADER = 1,	/* home namespace, batch name */
	J_STEP,		/* a step begins (its line) */
	J_END,		/* the step is whole: its change may go */
	J_CANCEL,	/* the change of step N failed: nothing to undo */
	J_RT,		/* send this rtnetlink request */
	J_NETNS_DEL,	/* remove a named namespace */
	J_FORWARD,	/* put a forwarding sysctl back */
	J_NAT_UNADD,	/* delete the last nat rule of these words if one was added */
	J_NAT_READD,	/* add the nat rule of these words back */
};

/* Record flags. */
enum {
	J_NSFD = 1,	/* J_RT: put IFLA_NET_NS_FD of namespace `fdns` in it */
	J_MAY = 2,	/* part of a snapshot: its object may be back already */
};

struct journal;

/* A new journal for a batch run in the current namespace (home_name: the
 * -n NAME it was entered by, or ""); NULL after printing why. */
struct journal *journal_create(const char *home_name, const char *batch);
/* Remove the file and free (the batch applied whole, or was undone). */
void journal_remove(struct journal *j);
/* Keep the file (an undo that failed) and free. */
void journal_keep(struct journal *j);
const char *journal_path(const struct journal *j);

/* Steps: begin, records, end.  abort drops a step not ended (nothing was
 * sent for it).  Each returns the step's number. */
uint32_t journal_step(struct journal *j, int line);
void journal_end(struct journal *j);
void journal_abort(struct journal *j);
void journal_cancel(struct journal *j, uint32_t step);
/* Whether the open step has no record yet. */
bool journal_step_empty(const struct journal *j);

/* Records of the open step.  ns: the namespace to replay in ("" home, or
 * a name in /run/netns). */
void journal_rt(struct journal *j, const char *ns, const char *fdns, unsigned int flags,
		const struct nlmsghdr *req);
void journal_words(struct journal *j, enum journal_type type, const char *ns,
		   const char *const *words, int n, uint32_t value);

/* Write what waits, and sync it: before a change leaves.  -1 (printed)
 * when the journal cannot be written: the change must not go. */
int journal_sync(struct journal *j);
bool journal_failed(const struct journal *j);

/* ---- reading back --------------------------------------------------- */

struct journal_rec {
	enum journal_type type;
	unsigned int flags;
	uint32_t step;
	int line;
	uint32_t value;		/* J_FORWARD, J_NAT_*, J_CANCEL */
	const char *ns, *fdns;	/* J_RT */
	const char *words[16];	/* J_NETNS_DEL, J_NAT_* */
	int nwords;
	const struct nlmsghdr *msg;	/* J_RT */
};

struct journal_reader;
/* Open FILE for replay (lock: taken against a running batch; the batch
 * itself, rolling back, holds it already); NULL after printing why. */
struct journal_reader *journal_read_open(const char *path, bool lock);
/* Its header: the -n name the batch ran under (or "") and the identity
 * of its namespace. */
const char *journal_reader_home(const struct journal_reader *r, dev_t *dev, ino_t *ino);
/* Steps, newest first, that are whole and not cancelled: each one's
 * records go to `replay` in their order (J_STEP first, J_END last; a
 * J_CANCEL among them is for an older step); replay's -1 stops the
 * walk, its 1 says the record is not undone yet.  A step all undone is
 * marked so in the file (when it can be written), so a replay killed in
 * its turn is not repeated.  The number of steps replayed, or -1. */
long journal_replay(struct journal_reader *r, int (*replay)(const struct journal_rec *rec, void *data),
		    void *data);
void journal_read_close(struct journal_reader *r);
/* The path of a journal left by a batch that died in this namespace, or
 * NULL (the first found; buf holds it). */
const char *journal_stale(char *buf, size_t size);
/* The current network namespace's identity. */
int journal_netns_id(dev_t *dev, ino_t *ino);

#endif
