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

struct nat_batch {
	struct nat_session s;
	bool open;
	struct nat_index *ix;
	bool ix_read;		/* ix is the table plus this run's lines */
	uint32_t genid;		/* of that read: the commit is checked against it */
	struct nat_txn txn;
	int n;
	struct nat_change lines[RUN_MAX];
};

/* The change a -batch line asks for, if a run can take it. */
static bool batch_op(int argc, char **argv, enum nat_op *op)
{
	const struct verb *obj = argc >= 3 ? object_find(argv[0]) : NULL;

	return obj && obj->run == do_nat && nat_batch_verb(argv[1], op);
}

/* Commit the run and report its lines in order, each as it would have
 * gone alone.  A refused transaction changed nothing: then each line goes
 * again in a transaction of its own, and without -force the first that
 * fails ends the batch. */
static int run_commit(struct ipbox *ib, struct nat_batch *nb, const char *file)
{
	struct nat_seen sn = { .forward_read = false };
	int ret, status = EXIT_OK;

	if (!nb || !nb->n)
		return EXIT_OK;
	nb->s.genid = nb->genid;
	ret = nat_txn_commit(&nb->txn, nb->ix_read);
	nb->ix_read = false;	/* the kernel has handles the index lacks */
	for (int i = 0; i < nb->n; i++) {
		struct nat_change *c = &nb->lines[i];

		nat_change_warn(&sn, c);
		if (ret < 0 && nat_change_apply(&nb->s, nb->ix, c)) {
			batch_report_failed(ib, file, c->lineno);
			status = EXIT_FAIL;
			if (!ib->force)
				break;
		}
	}
	nb->n = 0;
	return status;
}

/* Read the table for this transaction, once: what the run added before
 * its first lookup is queued already, so the index notes it. */
static bool run_index(struct nat_batch *nb)
{
	if (nb->ix_read)
		return true;
	if (nat_index_read(nb->ix, &nb->s, nat_recognise, NULL) < 0)
		return false;
	for (int i = 0; i < nb->n; i++)	/* adds only, until now */
		if (!nat_index_add(nb->ix, &nb->lines[i].q.r, nb->lines[i].t.s, NULL))
			return false;
	nb->genid = nb->s.genid;
	nb->ix_read = true;
	return true;
}

/* Take the line into the run, or commit the run so the line goes alone. */
static int run_take(struct ipbox *ib, struct nat_batch *nb, const char *file, int lineno, enum nat_op op,
		    int argc, char **argv)
{
	struct nat_change *c;

	if (nb->n == RUN_MAX) {
		int status = run_commit(ib, nb, file);

		if (status)
			return status;
	}
	c = &nb->lines[nb->n];
	/* Bad words: alone, the line says what is wrong with them.  A line
	 * whose lookup fails, or finds nothing or only what the run adds,
	 * goes alone too: so it fails, or finds its rule, as it would. */
	if (nat_change_parse(ib, op, true, argc, argv, c))
		return run_commit(ib, nb, file);
	if (op == OP_ADD && !nb->ix_read)
		nat_txn_add(&nb->txn, &c->q.r, c->t.s);
	else if (!run_index(nb) || nat_change_plan(nb->ix, c, &nb->txn))
		return run_commit(ib, nb, file);
	c->lineno = lineno;
	nb->n++;
	return NAT_BATCH_TAKEN;
}

int nat_batch_line(struct ipbox *ib, struct nat_batch **pnb, const char *file, int lineno,
		   int argc, char **argv)
{
	struct nat_batch *nb = *pnb;
	enum nat_op op;
	int status;

	if (argc == 0) {	/* end of file */
		status = run_commit(ib, nb, file);
		if (nb && nb->open)
			nat_close(&nb->s);
		if (nb)
			nat_index_free(nb->ix);
		free(nb);
		*pnb = NULL;
		return status;
	}
	if (argc < 0 || !batch_op(argc, argv, &op))
		return run_commit(ib, nb, file);
	if (!nb) {
		/* Without the capability, each line says so alone. */
		if (caps_have(CAP_NET_ADMIN) != 1 || !(nb = calloc(1, sizeof(*nb))))
			return EXIT_OK;
		*pnb = nb;
	}
	if (!nb->open) {
		nb->ix = nb->ix ? nb->ix : nat_index_new();
		if (!nb->ix || nat_open(&nb->s) < 0)
			return EXIT_OK;
		nb->open = true;
		nat_txn_init(&nb->txn, &nb->s);
	}
	return run_take(ib, nb, file, lineno, op, argc - 2, argv + 2);
}
