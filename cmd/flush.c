#include "flush.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/netlink.h>

#include "../caps/caps.h"
#include "../netlink/pipe.h"

struct flush {
	struct ipbox *ib;
	const struct flush_spec *spec;
	void *ctx;
	struct nl *del;		/* the deletes go here */
	struct nl_pipe *pipe;	/* ...pipelined, or NULL: one acked delete at a time */
	int deleted;		/* in this round */
	int failed;		/* errno of the round's first failed delete */
};

/* A pipelined delete the kernel refused (in queue order); one already
 * gone counts as deleted. */
static void flush_refused(struct nl *nl, uint32_t cookie, void *data)
{
	struct flush *fl = data;

	(void)cookie;
	if (nl->error != fl->spec->gone && !fl->failed)
		fl->failed = nl->error;
}

/* Send one delete: queued, or sent and acked.  0, or the errno of a
 * delete known to have failed. */
static int flush_send(struct flush *fl, struct nlreq *req)
{
	if (fl->pipe)
		return nl_pipe_queue(fl->pipe, fl->del, req) < 0 ? EMSGSIZE : fl->failed;
	if (nl_talk(fl->del, req, NULL, NULL) < 0 && fl->del->error != fl->spec->gone)
		return fl->del->error;
	return 0;
}

/* A failed delete ends the dump at once (unless fail_after_dump). */
static int flush_abort(int err)
{
	fprintf(stderr, "Failed to send flush request: %s\n", strerror(err));
	errno = err;	/* the dump's error */
	return NL_CB_ERROR;
}

static int flush_entry(const struct nlmsghdr *nlh, void *data)
{
	struct flush *fl = data;
	const struct flush_spec *spec = fl->spec;
	struct nlreq req;
	int err = 0;

	if (!spec->match(nlh, fl->ctx))
		return NL_CB_OK;
	if (nlreq_echo(&req, spec->del_type, nlh, spec->hdr_len) < 0)
		err = EMSGSIZE;
	else
		err = flush_send(fl, &req);
	if (err && !spec->fail_after_dump)
		return flush_abort(err);
	if (err && !fl->failed)	/* iproute2 reads the first error back */
		fl->failed = err;
	/* iproute2 prints (-s -s) what it queues, failed or not */
	fl->deleted++;
	if (fl->ib->stats > 1 && spec->print)
		spec->print(nlh, fl->ctx);
	return NL_CB_OK;
}

static int flush_done(const struct flush *fl, int rounds)
{
	struct printer *p = fl->ib->pr;

	const struct flush_spec *spec = fl->spec;

	if (fl->ib->stats && rounds == 0 &&
	    !(spec->zero_rounds_complete && spec->zero_rounds_complete(fl->ctx)))
		print_text(p, "Nothing to flush.\n");
	else if (fl->ib->stats)
		print_text(p, "*** Flush is complete after %d round%s ***\n", rounds, rounds > 1 ? "s" : "");
	return EXIT_OK;
}

/* Dump once, deleting what matches; the deletes still queued go out
 * at its end.  -1 with nl->error set when the dump failed. */
static int flush_round(struct flush *fl, struct nl *nl, struct nlreq *req)
{
	if (nl_dump(nl, req, flush_entry, fl) < 0)
		return -1;
	if (fl->pipe)
		(void)nl_pipe_flush(fl->pipe);	/* failures: flush_refused */
	if (fl->failed && !fl->spec->fail_after_dump) {
		(void)flush_abort(fl->failed);
		nl->error = fl->failed;
		return -1;
	}
	return 0;
}

static long seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static int flush_loop(struct flush *fl, struct nl *nl)
{
	const struct flush_spec *spec = fl->spec;
	int max = spec->rounds_from_loops ? fl->ib->loops : spec->max_rounds;
	int failed = spec->fail_status ? spec->fail_status : EXIT_FAIL;
	int bailed = spec->bail_status ? spec->bail_status : failed;
	long start = seconds_now();
	struct nlreq req;

	for (int round = 0; !max || round < max; round++) {
		fl->deleted = 0;
		fl->failed = 0;
		spec->request(&req, fl->ctx);
		if (flush_round(fl, nl, &req) < 0) {
			if (nl->error)
				nl_perror(nl);
			fprintf(stderr, "Flush terminated\n");
			return spec->dump_failed;
		}
		if (fl->failed) {
			fprintf(stderr, "Failed to send flush request: %s\n", strerror(fl->failed));
			return failed;
		}
		if (!fl->deleted)
			return flush_done(fl, round);
		if (spec->give_up_after && seconds_now() - start > spec->give_up_after) {
			print_text(fl->ib->pr, "\n*** Flush not completed after %ld seconds, %d entries remain ***\n",
				   seconds_now() - start, fl->deleted);
			return EXIT_FAIL;
		}
		if (fl->ib->stats)
			print_text(fl->ib->pr, "\n*** Round %d, deleting %d %s ***\n",
				   round + 1, fl->deleted, spec->noun);
		if (spec->again && !spec->again(fl->ctx))
			return flush_done(fl, round + 1);
	}
	if (spec->bail_out_stderr) {
		out_flush(&fl->ib->pr->out);
		fprintf(stderr, spec->bail_out, max);
	} else {
		print_text(fl->ib->pr, spec->bail_out, max);
	}
	return bailed;
}

/* The deletes go out many per sendmsg (netlink/pipe.c, as iproute2 sends
 * a round's deletes in batches), their failures read back per chunk.  One
 * acked delete at a time instead when -s -s prints each entry the kernel
 * deleted (only those), under -atomic's watcher (it journals each change
 * as it leaves) and in the fuzzers' dry run (one answer per request). */
static bool flush_pipelines(const struct ipbox *ib)
{
	return ib->stats < 2 && !nl_watch && !nl_dry_run;
}

int flush_rounds(struct ipbox *ib, const struct flush_spec *spec, void *ctx)
{
	struct flush fl = { .ib = ib, .spec = spec, .ctx = ctx };
	struct nl *nl;
	bool json;
	int ret;

	if (caps_require(CAP_NET_ADMIN, spec->what) < 0)
		return EXIT_FAIL;
	nl = rt_socket(ib);
	if (!nl)
		return EXIT_FAIL;
	fl.del = nl_new(NETLINK_ROUTE);
	if (!fl.del) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	if (flush_pipelines(ib)) {
		fl.pipe = malloc(sizeof(*fl.pipe));
		if (fl.pipe)
			nl_pipe_init(fl.pipe, flush_refused, &fl);
	}
	json = print_plain_begin(ib->pr);
	ret = flush_loop(&fl, nl);
	print_plain_end(ib->pr, json);
	if (fl.pipe)
		nl_pipe_detach(fl.pipe);	/* what a failure left queued is dropped */
	free(fl.pipe);
	nl_free(fl.del);
	return ret;
}
