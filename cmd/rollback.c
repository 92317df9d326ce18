/* Undoing what a journal holds (cmd/journal.h), newest step first: the
 * rollback of a failed atomic batch, and `ipbox -undo JOURNAL` after one
 * was killed.  Each record is replayed in the namespace it names.  An
 * object already in the state the record wants (gone, or back) is
 * fine: the last steps of a killed batch may never have reached the
 * kernel.  A request the kernel refuses waits and is tried again once
 * the rest is undone (a route whose gateway an older step brings back);
 * what still fails then is said and counted. */
#include "rollback.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "../namespace/named.h"
#include "undo_nat.h"

/* A request refused during the replay, to be tried again at its end. */
struct deferred {
	char ns[NAME_MAX + 1], fdns[NAME_MAX + 1];
	unsigned int flags;
	int line;
	struct nlmsghdr *msg;
};

/* At most this many wait; past it a refusal is final at once. */
#define DEFERRED_MAX 256

struct replay {
	int home;		/* fd of the batch's own namespace */
	struct deferred *later;
	size_t nlater;
	char ns[NAME_MAX + 1];	/* where we are: "" home */
	struct nl *nl;		/* rtnetlink, in ns */
	struct rollback_result *res;
	int line;		/* of the step being replayed */
};

/* Into the namespace a record names ("" home). */
static int enter_ns(struct replay *rp, const char *ns)
{
	int fd;

	if (!strcmp(rp->ns, ns))
		return 0;
	fd = *ns ? netns_open(ns) : fcntl(rp->home, F_DUPFD_CLOEXEC, 0);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "Cannot enter network namespace \"%s\" to undo line %d: %s\n",
			*ns ? ns : "(home)", rp->line, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	snprintf(rp->ns, sizeof(rp->ns), "%s", ns);
	nl_free(rp->nl);
	rp->nl = NULL;
	return 0;
}

/* Errors that say the object is already as the undo wants it. */
static bool already_undone(uint16_t type, int err)
{
	if (err == ENODEV)
		return true;
	if ((type & 3) == (RTM_NEWLINK & 3))
		return err == EEXIST;
	if ((type & 3) == (RTM_DELLINK & 3))
		return err == ENOENT || err == ESRCH || err == EADDRNOTAVAIL;
	return false;
}

/* Send one journaled request: 0 done (or as good as done), 1 the
 * kernel refused it (rp->nl->error), -1 it could not be sent (printed). */
static int send_rt(struct replay *rp, const struct nlmsghdr *msg, unsigned int flags, const char *fdns)
{
	struct nlreq req;
	int fd = -1, ret = 0;

	if (msg->nlmsg_len > sizeof(req.u.buf))
		return -1;
	memcpy(req.u.buf, msg, msg->nlmsg_len);
	req.nlh = (struct nlmsghdr *)req.u.buf;
	req.overflow = false;
	req.bound = sizeof(req.u.buf);
	if (flags & J_NSFD) {
		fd = *fdns ? netns_open(fdns) : fcntl(rp->home, F_DUPFD_CLOEXEC, 0);
		if (fd < 0) {
			fprintf(stderr, "Cannot open network namespace \"%s\" to undo line %d: %s\n",
				*fdns ? fdns : "(home)", rp->line, strerror(errno));
			return -1;
		}
		nlreq_put_u32(&req, IFLA_NET_NS_FD, (uint32_t)fd);
	}
	if (!rp->nl && !(rp->nl = nl_new(NETLINK_ROUTE))) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		ret = -1;
	} else if (nl_talk(rp->nl, &req, NULL, NULL) < 0 && !(flags & J_MAY) &&
		   !already_undone(msg->nlmsg_type, rp->nl->error)) {
		ret = 1;
	}
	if (fd >= 0)
		close(fd);
	return ret;
}

/* Keep a refused request for the end; false when there is no room. */
static bool defer(struct replay *rp, const struct journal_rec *rec)
{
	struct deferred *d;

	if (rp->nlater == DEFERRED_MAX)
		return false;
	if (!rp->nlater && !(rp->later = calloc(DEFERRED_MAX, sizeof(*rp->later))))
		return false;
	d = &rp->later[rp->nlater];
	d->msg = malloc(rec->msg->nlmsg_len);
	if (!d->msg)
		return false;
	memcpy(d->msg, rec->msg, rec->msg->nlmsg_len);
	snprintf(d->ns, sizeof(d->ns), "%s", rec->ns);
	snprintf(d->fdns, sizeof(d->fdns), "%s", rec->fdns ? rec->fdns : "");
	d->flags = rec->flags;
	d->line = rp->line;
	rp->nlater++;
	return true;
}

/* 0 done, 1 it waits for the end, -1 failed (said). */
static int replay_rt(struct replay *rp, const struct journal_rec *rec)
{
	int ret = send_rt(rp, rec->msg, rec->flags, rec->fdns);

	if (ret <= 0)
		return ret;
	if (defer(rp, rec))
		return 1;
	fprintf(stderr, "Cannot undo line %d: ", rp->line);
	nl_perror(rp->nl);
	return -1;
}

/* The refused requests again, oldest line last as in the replay, until
 * a round brings nothing more back; what is left is said.  The number
 * still failing. */
static int replay_deferred(struct replay *rp)
{
	bool progress = true;
	int failed = 0;

	while (progress) {
		progress = false;
		for (size_t i = 0; i < rp->nlater; i++) {
			struct deferred *d = &rp->later[i];

			rp->line = d->line;
			if (!d->msg || enter_ns(rp, d->ns) < 0 || send_rt(rp, d->msg, d->flags, d->fdns))
				continue;
			free(d->msg);
			d->msg = NULL;
			progress = true;
		}
	}
	for (size_t i = 0; i < rp->nlater; i++) {
		struct deferred *d = &rp->later[i];

		int ret;

		if (!d->msg)
			continue;
		rp->line = d->line;
		ret = enter_ns(rp, d->ns) < 0 ? -1 : send_rt(rp, d->msg, d->flags, d->fdns);
		if (ret == 1) {
			fprintf(stderr, "Cannot undo line %d: ", d->line);
			nl_perror(rp->nl);
		}
		failed += ret != 0;
		free(d->msg);
	}
	free(rp->later);
	return failed;
}

/* A namespace an undo removes may be gone already (a replay taken up
 * after a kill). */
static bool namespace_gone(const char *name)
{
	char path[PATH_MAX];

	return netns_path(path, sizeof(path), name) == 0 && access(path, F_OK) < 0 && errno == ENOENT;
}

static int replay_one_rec(struct replay *rp, const struct journal_rec *rec)
{
	switch (rec->type) {
	case J_RT:
		return replay_rt(rp, rec);
	case J_NETNS_DEL:
		if (rec->nwords != 1)
			return -1;
		return namespace_gone(rec->words[0]) || netns_remove(rec->words[0]) == 0 ? 0 : -1;
	case J_FORWARD:
	case J_NAT_UNADD:
	case J_NAT_READD:
		return undo_nat_replay(rec);
	default:
		return 0;
	}
}

static int replay_one(const struct journal_rec *rec, void *data)
{
	struct replay *rp = data;
	struct rollback_result *res = rp->res;
	int ret;

	switch (rec->type) {
	case J_STEP:
		rp->line = rec->line;
		res->steps++;
		if (!res->first_line || rec->line < res->first_line)
			res->first_line = rec->line;
		if (rec->line > res->last_line)
			res->last_line = rec->line;
		return 0;
	case J_END:
	case J_CANCEL:
	case J_HEADER:
		return 0;
	default:
		break;
	}
	ret = enter_ns(rp, rec->ns) < 0 ? -1 : replay_one_rec(rp, rec);
	if (ret < 0)
		res->failed++;
	return ret != 0;	/* the step is not all undone */
}

int rollback_run(const char *path, bool lock, struct rollback_result *res)
{
	struct replay rp = { .res = res };
	struct nl_watch *watch = nl_watch;
	struct journal_reader *r;
	long steps;

	*res = (struct rollback_result){ 0 };
	r = journal_read_open(path, lock);
	if (!r)
		return -1;
	rp.home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (rp.home < 0) {
		fprintf(stderr, "Cannot open the network namespace: %s\n", strerror(errno));
		journal_read_close(r);
		return -1;
	}
	nl_watch = NULL;	/* an undo journals nothing */
	steps = journal_replay(r, replay_one, &rp);
	res->failed += replay_deferred(&rp);
	nl_watch = watch;
	(void)enter_ns(&rp, "");
	nl_free(rp.nl);
	close(rp.home);
	journal_read_close(r);
	if (steps < 0) {
		fprintf(stderr, "The journal %s is damaged: its older steps were not undone\n", path);
		return -1;
	}
	return res->failed ? -1 : 0;
}

void rollback_say(const struct rollback_result *res, const char *what)
{
	if (!res->steps)
		fprintf(stderr, "%s: nothing to undo.\n", what);
	else if (res->first_line == res->last_line)
		fprintf(stderr, "%s: %ld change%s of line %d undone.\n", what, res->steps,
			res->steps == 1 ? "" : "s", res->first_line);
	else
		fprintf(stderr, "%s: %ld changes of lines %d-%d undone.\n", what, res->steps,
			res->first_line, res->last_line);
}

/* The namespace a journal's batch ran in: by its -n name, the current
 * one, or the name in /run/netns that has its identity. */
static int enter_home(const char *name, dev_t dev, ino_t ino)
{
	struct stat st;
	struct dirent *e;
	dev_t here_dev;
	ino_t here_ino;
	DIR *d;

	if (*name)
		return netns_switch(name);
	if (journal_netns_id(&here_dev, &here_ino) == 0 && here_dev == dev && here_ino == ino)
		return 0;
	d = opendir(NETNS_RUN_DIR);
	while (d && (e = readdir(d))) {
		char path[PATH_MAX];

		if (e->d_name[0] != '.' && netns_path(path, sizeof(path), e->d_name) == 0 &&
		    stat(path, &st) == 0 && st.st_dev == dev && st.st_ino == ino) {
			closedir(d);
			return netns_switch(e->d_name);
		}
	}
	if (d)
		closedir(d);
	fprintf(stderr, "The batch of this journal ran in another network namespace: run -undo there\n");
	return -1;
}

int do_undo(const char *path)
{
	struct journal_reader *r = journal_read_open(path, true);
	struct rollback_result res;
	const char *home;
	dev_t dev;
	ino_t ino;
	int ret;

	if (!r)
		return EXIT_FAIL;
	/* apart: an argument list does not say which is read first */
	home = journal_reader_home(r, &dev, &ino);
	ret = enter_home(home, dev, ino);
	journal_read_close(r);
	if (ret < 0)
		return EXIT_FAIL;
	ret = rollback_run(path, true, &res);
	if (ret == 0 && unlink(path) < 0)
		fprintf(stderr, "Cannot remove the journal %s: %s\n", path, strerror(errno));
	rollback_say(&res, ret == 0 ? "Undone" : "Undone in part (the journal stays)");
	return ret == 0 ? EXIT_OK : EXIT_FAIL;
}
