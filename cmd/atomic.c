/* -atomic: the batch's journal and its two watchers.  Changes that go
 * through rtnetlink are seen as requests (nl_watch: undo.c builds their
 * undo, the journal is synced before they leave, refused ones are
 * cancelled); changes that do not (a namespace added, a tun/tap device,
 * nat lines) are seen by their verb (verb_probe), before they run.
 * Each change is one journal step; a line that fails cancels its own.
 * Pipelined changes keep their pipeline: their steps wait in the
 * journal's buffer and are written just before their chunk leaves. */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "journal.h"
#include "rollback.h"
#include "undo.h"
#include "undo_nat.h"
#include "../netlink/ifname.h"
#include "../netlink/pipe.h"

/* A pipelined change: the line it came from and its step. */
struct queued {
	int line;
	uint32_t step;
};

struct atomic {
	struct ipbox *ib;
	struct journal *j;
	struct undo u;
	char ns[NAME_MAX + 1];	/* the line's namespace, "" the batch's own */
	bool rd_here;		/* u.rd was opened in ns */
	int line;
	struct nl_pipe *pipe;
	bool failed;		/* a change failed: nothing more goes */
	uint32_t sent;		/* the step of the change nl_talk sent last */
	uint32_t line_step;	/* the step the line's verb opened */
	struct queued *pending, *inflight;	/* queued, and in the chunk sent */
	unsigned int npending, ninflight;
	struct nl_watch watch;
};

static bool is_change(uint16_t type)
{
	return type >= RTM_BASE && (type & 3) != (RTM_GETLINK & 3);
}

/* Changes whose undo reads the kernel first: queued changes go out before. */
static bool reads_first(const struct nlmsghdr *req)
{
	uint16_t f = req->nlmsg_flags;

	switch (req->nlmsg_type) {
	case RTM_NEWROUTE:
	case RTM_NEWADDR:
	case RTM_NEWNEIGH:
		return f & NLM_F_REPLACE;
	case RTM_NEWRULE:
		return false;
	}
	return true;
}

/* The socket undo.c reads with, in the line's namespace. */
static int reader(struct atomic *a)
{
	if (a->u.rd && a->rd_here)
		return 0;
	nl_free(a->u.rd);
	a->u.rd = nl_new(NETLINK_ROUTE);
	a->rd_here = a->u.rd != NULL;
	return a->u.rd ? 0 : -1;
}

static void refuse(struct nl *nl, const char *why)
{
	nl->error = EOPNOTSUPP;
	snprintf(nl->ext_msg, sizeof(nl->ext_msg), "an atomic batch could not undo this: %s", why);
}

static int watch_before(struct nl *nl, const struct nlmsghdr *req, bool queued, void *data)
{
	struct atomic *a = data;
	uint32_t step;

	if (!is_change(req->nlmsg_type))
		return NL_WATCH_SEND;
	if (a->failed)
		return NL_WATCH_SKIP;	/* the batch stops: nothing more goes */
	if ((!queued || reads_first(req)) && a->pipe && nl_pipe_queued(a->pipe))
		(void)nl_pipe_flush(a->pipe);
	if (a->failed)
		return NL_WATCH_SKIP;
	if (journal_failed(a->j) || reader(a) < 0) {
		refuse(nl, journal_failed(a->j) ? "its journal cannot be written" : strerror(errno));
		return -1;
	}
	step = journal_step(a->j, a->line);
	a->u.ns = a->ns;
	if (undo_change(&a->u, req) < 0) {
		journal_abort(a->j);
		refuse(nl, a->u.why);
		return -1;
	}
	if (journal_step_empty(a->j)) {	/* it changes nothing, or fails */
		journal_abort(a->j);
		return NL_WATCH_SEND;
	}
	journal_end(a->j);
	if (queued && a->npending < NL_PIPE_MAX)
		a->pending[a->npending++] = (struct queued){ a->line, step };
	if (!queued)
		a->sent = step;
	return NL_WATCH_CHANGE;
}

/* Write-ahead: the steps of what leaves now are on disk first. */
static int watch_sending(void *data)
{
	struct atomic *a = data;
	struct queued *t;

	if (journal_sync(a->j) < 0)
		return -1;
	if (a->npending) {
		t = a->inflight;
		a->inflight = a->pending;
		a->ninflight = a->npending;
		a->pending = t;
		a->npending = 0;
	}
	return 0;
}

static void watch_after(struct nl *nl, int error, void *data)
{
	struct atomic *a = data;

	(void)nl;
	if (error && a->sent)
		journal_cancel(a->j, a->sent);
	a->sent = 0;
}

bool atomic_pipe_failed(struct atomic *a, int line)
{
	bool first = !a->failed;

	for (unsigned int i = 0; i < a->ninflight; i++)
		if (a->inflight[i].line == line)
			journal_cancel(a->j, a->inflight[i].step);
	a->failed = true;
	return first;
}

bool atomic_failed(const struct atomic *a)
{
	return a->failed;
}

void atomic_pipe(struct atomic *a, struct nl_pipe *pipe)
{
	a->pipe = pipe;
}

void atomic_line(struct atomic *a, int line, const char *ns)
{
	a->line = line;
	a->line_step = 0;
	if (strcmp(a->ns, ns)) {
		snprintf(a->ns, sizeof(a->ns), "%s", ns);
		a->rd_here = false;
	}
}

void atomic_line_done(struct atomic *a, int status)
{
	if (status && a->line_step)
		journal_cancel(a->j, a->line_step);
	if (status)
		a->failed = true;
}

/* ---- lines seen by their verb ------------------------------------------ */

/* Verbs whose undo could not be faithful, and why. */
static const struct {
	const char *object, *verb, *why;
} refused[] = {
	{ "netns", "delete", "a deleted namespace takes what is in it: it could not be made again" },
	{ "netns", "set", "a namespace id cannot be taken back" },
	{ "netns", "exec", "the program it runs could change anything" },
	{ "netns", "monitor", "it waits for events" },
	{ "tuntap", "delete", "a tun/tap device could not be made again with its index" },
};

static const char *verb_refused(const char *object, const char *verb)
{
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++)
		if (!strcmp(refused[i].object, object) && !strcmp(refused[i].verb, verb))
			return refused[i].why;
	return NULL;
}

const char *tuntap_name(int argc, char **argv)
{
	static const char *const with_value[] = { "mode", "user", "group" };

	for (int i = 0; i < argc; i++) {
		bool keyword = false;

		if ((!strcmp(argv[i], "dev") || !strcmp(argv[i], "name")) && i + 1 < argc)
			return argv[i + 1];
		for (size_t k = 0; k < ARRAY_SIZE(with_value); k++)
			if (!strcmp(argv[i], with_value[k])) {
				keyword = true;
				i++;
			}
		if (!keyword && strcmp(argv[i], "one_queue") && strcmp(argv[i], "pi") &&
		    strcmp(argv[i], "vnet_hdr") && strcmp(argv[i], "multi_queue"))
			return argv[i];
	}
	return NULL;
}

/* What a verb-level line journals, or why it cannot be undone. */
static int verb_undo(struct atomic *a, const char *object, const char *verb, int argc, char **argv)
{
	const char *name, *why = verb_refused(object, verb);

	if (why)
		return undo_refuse(&a->u, "%s", why);
	if (!strcmp(object, "netns")) {
		if (!strcmp(verb, "add") || !strcmp(verb, "attach")) {
			if (argc > 0)
				journal_words(a->j, J_NETNS_DEL, a->ns, (const char *const *)argv, 1, 0);
			return 0;
		}
		return 0;
	}
	if (!strcmp(object, "tuntap") && !strcmp(verb, "add")) {
		name = tuntap_name(argc, argv);
		if (!name || strlen(name) >= IFNAMSIZ)
			return 0;	/* it fails by itself */
		nlreq_init(a->u.req, RTM_DELLINK, 0, sizeof(struct ifinfomsg));
		nlreq_put_str(a->u.req, IFLA_IFNAME, name);
		journal_rt(a->j, a->ns, NULL, 0, a->u.req->nlh);
		return 0;
	}
	if (!strcmp(object, "nat"))
		return undo_nat_line(&a->u, a->ib, verb, argc, argv);
	return 0;
}

static struct atomic *probed;

static int atomic_probe(struct ipbox *ib, const char *object, const char *verb, int argc, char **argv)
{
	struct atomic *a = probed;
	uint32_t step;

	(void)ib;
	if (a->failed)
		return EXIT_OK;	/* the batch stops: nothing more runs */
	if (!verb || reader(a) < 0)
		return VERB_RUN;
	a->u.ns = a->ns;
	a->u.why[0] = '\0';
	step = journal_step(a->j, a->line);
	if (verb_undo(a, object, verb, argc, argv) < 0) {
		journal_abort(a->j);
		fprintf(stderr, "Error: an atomic batch could not undo this: %s.\n", a->u.why);
		return EXIT_FAIL;
	}
	if (journal_step_empty(a->j)) {
		journal_abort(a->j);
		return VERB_RUN;
	}
	journal_end(a->j);
	if (journal_sync(a->j) < 0)
		return EXIT_FAIL;
	a->line_step = step;
	return VERB_RUN;
}

/* ---- start and end ------------------------------------------------------ */

static void atomic_free(struct atomic *a)
{
	if (!a)
		return;
	free(a->pending);
	free(a->inflight);
	free(a->u.msg);
	free(a->u.peer);
	free(a->u.req);
	free(a);
}

struct atomic *atomic_start(struct ipbox *ib, const char *batch)
{
	char stale[PATH_MAX];
	struct atomic *a;

	if (journal_stale(stale, sizeof(stale))) {
		fprintf(stderr, "An atomic batch was interrupted here: undo it first with \"ipbox -undo %s\"\n",
			stale);
		return NULL;
	}
	a = calloc(1, sizeof(*a));
	if (!a || !(a->pending = calloc(NL_PIPE_MAX, sizeof(*a->pending))) ||
	    !(a->inflight = calloc(NL_PIPE_MAX, sizeof(*a->inflight))) ||
	    !(a->u.msg = malloc(NL_RX_SIZE)) || !(a->u.peer = malloc(NL_RX_SIZE)) ||
	    !(a->u.req = malloc(sizeof(*a->u.req))) ||
	    journal_netns_id(&a->u.home_dev, &a->u.home_ino) < 0) {
		fprintf(stderr, "Cannot start an atomic batch: %s\n", strerror(errno ? errno : ENOMEM));
		goto fail;
	}
	a->ib = ib;
	a->j = journal_create(ib->netns_name ? ib->netns_name : "", batch);
	if (!a->j)
		goto fail;
	a->u.j = a->j;
	a->u.ns = a->ns;
	a->watch = (struct nl_watch){ watch_before, watch_sending, watch_after, a };
	nl_watch = &a->watch;
	probed = a;
	verb_probe = atomic_probe;
	return a;
fail:
	atomic_free(a);
	return NULL;
}

int atomic_finish(struct atomic *a, bool commit)
{
	struct rollback_result res;
	char path[PATH_MAX];
	int ret = EXIT_OK;

	nl_watch = NULL;
	verb_probe = NULL;
	probed = NULL;
	nl_free(a->u.rd);
	if (commit && !a->failed && journal_sync(a->j) == 0) {
		journal_remove(a->j);
	} else {
		snprintf(path, sizeof(path), "%s", journal_path(a->j));
		(void)journal_sync(a->j);
		if (rollback_run(path, false, &res) == 0) {
			journal_remove(a->j);
			rollback_say(&res, "Rolled back");
		} else {
			journal_keep(a->j);
			rollback_say(&res, "Rolled back in part");
			fprintf(stderr, "The journal %s keeps what was not undone\n", path);
		}
		ret = EXIT_FAIL;
	}
	atomic_free(a);
	return ret;
}

/* ---- before anything runs ----------------------------------------------- */

/* Names of links that earlier lines add (every word of those lines before
 * `type`: a superset, so a delete of one is never refused for its kind). */
struct atomic_seen {
	char **names;
	size_t n, cap;
	/* Probing a line prints its syntax errors: stderr goes to /dev/null
	 * from the first line to the next refusal (not per line: four
	 * system calls a line were most of the cost of a long batch). */
	int err, null;
	bool quiet;
};

struct atomic_seen *atomic_seen_new(void)
{
	struct atomic_seen *s = calloc(1, sizeof(struct atomic_seen));

	if (!s)
		return NULL;
	s->err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0);
	s->null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	return s;
}

static void seen_quiet(struct atomic_seen *s, bool quiet)
{
	if (s->quiet == quiet || s->err < 0 || s->null < 0)
		return;
	fflush(stderr);
	dup3(quiet ? s->null : s->err, STDERR_FILENO, 0);	/* stderr: never O_CLOEXEC */
	s->quiet = quiet;
}

void atomic_seen_free(struct atomic_seen *s)
{
	if (!s)
		return;
	seen_quiet(s, false);
	if (s->err >= 0)
		close(s->err);
	if (s->null >= 0)
		close(s->null);
	for (size_t i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	free(s);
}

static void seen_add(struct atomic_seen *s, const char *name)
{
	char *copy;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		char **names = realloc(s->names, cap * sizeof(*names));

		if (!names)
			return;
		s->names = names;
		s->cap = cap;
	}
	if ((copy = strdup(name)))
		s->names[s->n++] = copy;
}

static bool seen_has(const struct atomic_seen *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->names[i], name))
			return true;
	return false;
}

/* What a line's verb is, found by running it as far as its verb. */
static struct {
	const char *object, *verb;
	int argc;
	char **argv;
} classified;

static int classify_probe(struct ipbox *ib, const char *object, const char *verb, int argc, char **argv)
{
	(void)ib;
	classified.object = object;
	classified.verb = verb;
	classified.argc = argc;
	classified.argv = argv;
	return EXIT_OK;
}

/* The line's object and verb, found quietly (a line with bad words has
 * none: it fails by itself when it runs). */
static bool classify(struct ipbox *ib, int argc, char **argv)
{
	int (*probe)(struct ipbox *, const char *, const char *, int, char **) = verb_probe;

	memset(&classified, 0, sizeof(classified));
	verb_probe = classify_probe;
	(void)ipbox_run(ib, argc, argv);
	verb_probe = probe;
	return classified.verb != NULL;
}

static const char *const remade[] = { "bridge", "veth", "ifb", "macvlan", "vxlan" };

/* A link the batch did not add, of a kind that could not be made again. */
static const char *delete_refusal(const struct atomic_seen *s, bool home, int argc, char **argv)
{
	static char why[128];
	const char *dev = argc > 1 && !strcmp(argv[0], "dev") ? argv[1] : argc > 0 ? argv[0] : NULL;

	if (dev && !strcmp(dev, "group"))
		return "a delete of a whole group of links cannot be undone";
	if (!dev || seen_has(s, dev) || !home || !ifname_usable(dev, IF_NAMESIZE) || !ifname_to_index(dev))
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(remade); i++)
		if (ifname_is_kind(dev, remade[i]))
			return NULL;
	snprintf(why, sizeof(why), "%s is a physical device, or of a kind that could not be made again", dev);
	return why;
}

/* The refusal of a line, with stderr quiet while it is probed. */
static const char *refusal(struct ipbox *ib, struct atomic_seen *s, bool home, int argc, char **argv);

const char *atomic_refusal(struct ipbox *ib, struct atomic_seen *s, bool home, int argc, char **argv)
{
	const char *why;

	seen_quiet(s, true);
	why = refusal(ib, s, home, argc, argv);
	if (why)
		seen_quiet(s, false);
	return why;
}

static const char *refusal(struct ipbox *ib, struct atomic_seen *s, bool home, int argc, char **argv)
{
	const struct verb *obj = argc > 0 ? object_find(argv[0]) : NULL;
	const char *why;

	if (!obj || !obj->run)
		return NULL;
	if (!strcmp(obj->word, "monitor"))
		return "it waits for events";
	if (!classify(ib, argc, argv))
		return NULL;
	why = verb_refused(classified.object, classified.verb);
	if (why)
		return why;
	if (!strcmp(classified.object, "link") && !strcmp(classified.verb, "delete"))
		return delete_refusal(s, home, classified.argc, classified.argv);
	if (!strcmp(classified.object, "link") && !strcmp(classified.verb, "add"))
		for (int i = 0; i < classified.argc && strcmp(classified.argv[i], "type"); i++)
			seen_add(s, classified.argv[i]);
	if (!strcmp(classified.object, "tuntap") && !strcmp(classified.verb, "add") &&
	    tuntap_name(classified.argc, classified.argv))
		seen_add(s, tuntap_name(classified.argc, classified.argv));
	return NULL;
}
