/* -batch: a run of consecutive `nat add|replace|del` lines is one
 * nftables transaction.  The table is read once per transaction into an
 * index that the run's own lines update (a del forgets its rule, an add
 * is there, queued), so each line is a lookup; the run's lines are
 * reported in order as if each had run alone. */
#include "nat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../caps/caps.h"

/* Lines in one transaction at most, so memory stays flat. */
#define RUN_MAX 1024

struct nat_run {
	struct ipbox *ib;
	void (*report)(void *data, int lineno);
	void *data;
	int status;		/* of the commits since nat_run_commit last returned */
	bool open;		/* s, ix, txn and lines are ready */
	struct nat_session s;
	struct nat_index *ix;
	bool ix_read;		/* ix is the table plus this run's lines */
	uint32_t genid;		/* of that read: the commit is checked against it */
	struct nat_txn txn;
	int n;
	struct nat_change *lines;	/* RUN_MAX of them */
};

struct nat_run *nat_run_new(struct ipbox *ib, void (*report)(void *data, int lineno), void *data)
{
	struct nat_run *run = calloc(1, sizeof(*run));

	if (run)
		*run = (struct nat_run){ .ib = ib, .report = report, .data = data };
	return run;
}

/* Session, index and line store, at the first nat line; false when they
 * cannot be had: then each line goes alone and says why. */
static bool run_open(struct nat_run *run)
{
	if (run->open)
		return true;
	/* Without the capability, each line says so alone. */
	if (caps_have(CAP_NET_ADMIN) != 1)
		return false;
	if (!run->ix)
		run->ix = nat_index_new();
	if (!run->lines)
		run->lines = malloc(RUN_MAX * sizeof(*run->lines));
	if (!run->ix || !run->lines || nat_open(&run->s) < 0)
		return false;
	nat_txn_init(&run->txn, &run->s);
	run->open = true;
	return true;
}

/* Commit the run's transaction and report its lines in order, each as
 * it would have gone alone.  A refused transaction changed nothing: then
 * each line goes again in a transaction of its own, and without -force
 * the first that fails ends the batch. */
static void run_flush(struct nat_run *run)
{
	struct nat_seen sn = { .forward_read = false };
	bool localnet = false, any_added = false, added;
	int ret;

	if (!run->n)
		return;
	run->s.genid = run->genid;
	ret = nat_txn_commit(&run->txn, run->ix_read);
	run->ix_read = false;	/* the kernel has handles the index lacks */
	for (int i = 0; i < run->n; i++) {
		struct nat_change *c = &run->lines[i];

		nat_change_warn(&sn, c);
		if (ret < 0 && nat_change_apply(&run->s, run->ix, c)) {
			run->report(run->data, c->lineno);
			run->status = EXIT_FAIL;
			if (!run->ib->force)
				break;
		}
		if (nat_change_localnet(c, &added))
			localnet = true, any_added |= added;
	}
	/* route_localnet once for the run, in step with what it left */
	if (localnet && nat_localnet_step(&run->s, run->ix, any_added))
		run->status = EXIT_FAIL;
	nat_seen_free(&sn);
	run->n = 0;
}

int nat_run_commit(struct nat_run *run)
{
	int status;

	if (!run)
		return EXIT_OK;
	if (run->n)	/* every batch line asks: most have no run to flush */
		run_flush(run);
	status = run->status;
	run->status = EXIT_OK;
	return status;
}

int nat_run_end(struct nat_run *run)
{
	int status = nat_run_commit(run);

	if (!run)
		return status;
	if (run->open)
		nat_close(&run->s);
	nat_index_free(run->ix);
	free(run->lines);
	free(run);
	return status;
}

/* Read the table for this transaction, once, at its first line: every
 * line looks its rule up (an add of a rule there whole adds nothing). */
static bool run_index(struct nat_run *run)
{
	if (run->ix_read)
		return true;
	if (nat_index_read(run->ix, &run->s, nat_recognise, NULL) < 0)
		return false;
	run->genid = run->s.genid;
	run->ix_read = true;
	return true;
}

/* The change a -batch line of object obj asks for, if it is a nat line
 * a run takes. */
static bool line_op(const struct verb *obj, int argc, char **argv, enum nat_op *op)
{
	return argc >= 3 && obj && obj->run == do_nat && nat_batch_verb(argv[1], op);
}

bool nat_run_take(struct nat_run *run, int lineno, const struct verb *obj, int argc, char **argv)
{
	struct nat_change *c;
	enum nat_op op;

	if (!run || !line_op(obj, argc, argv, &op) || !run_open(run))
		return false;
	if (run->n == RUN_MAX) {
		run_flush(run);
		if (run->status && !run->ib->force)
			return false;	/* the batch ends: commit says so */
	}
	c = &run->lines[run->n];
	/* Bad words: alone, the line says what is wrong with them.  A line
	 * whose lookup fails, or finds nothing or only what the run adds,
	 * goes alone too: so it fails, or finds its rule, as it would. */
	if (nat_change_parse(run->ib, op, true, argc - 2, argv + 2, c))
		return false;
	if (!run_index(run) || nat_change_plan(run->ix, c, &run->txn))
		return false;
	c->lineno = lineno;
	run->n++;
	return true;
}
