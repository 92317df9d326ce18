/* -check: a batch (or one command) is run as far as the kernel, and no
 * further.  Every line goes through its own parser, which builds its
 * requests as always; the netlink layer's dry run sends none of them
 * (netlink/dry.c) and a watcher answers each change from a model of the
 * machine (check_model.c) read once before the first line, so what a
 * line would find is what the lines before it would have left.  Lines
 * that change things outside rtnetlink (namespaces, tun/tap devices,
 * nat rules) are answered by their verb, before they run. */
#include "check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include "atomic.h"
#include "check_model.h"
#include "nat.h"
#include "../caps/caps.h"
#include "../namespace/named.h"
#include "../netlink/ifname.h"

struct check {
	struct ipbox *ib;
	struct model *m;
	struct nat_session s;	/* its table read into ix before the dry run */
	struct nat_index *ix;
	bool nat_open;
	struct nl_watch watch;
};

/* One run at a time: the hooks of the lower layers take no context. */
static struct check *running;

static int watch_before(struct nl *nl, const struct nlmsghdr *req, bool queued, void *data)
{
	struct check *c = data;
	uint16_t type = req->nlmsg_type;

	(void)queued;
	if (type < RTM_BASE || (type & 3) == (RTM_GETLINK & 3))
		return NL_WATCH_SEND;	/* a read: the dry run answers nothing */
	nl->error = model_apply(c->m, req, nl->ext_msg, sizeof(nl->ext_msg));
	return nl->error ? -1 : NL_WATCH_SKIP;
}

static int dry_index(const char *name)
{
	return model_link_index(running->m, name);
}

static int dry_netns(const char *name)
{
	return model_netns_fd(running->m, name);
}

/* ---- lines answered by their verb ------------------------------------- */

static int netns_verb(struct model *m, const char *verb, int argc, char **argv)
{
	int err;

	if (!strcmp(verb, "exec") || !strcmp(verb, "monitor"))
		return EXIT_OK;	/* what a program or a wait would do: not ours */
	if (argc < 1 || (strcmp(verb, "add") && strcmp(verb, "attach") && strcmp(verb, "delete")))
		return VERB_RUN;
	if (!strcmp(verb, "delete")) {
		err = model_netns_del(m, argv[0]);
		if (err)
			fprintf(stderr, "Cannot remove namespace file \"%s/%s\": %s\n", NETNS_RUN_DIR, argv[0],
				strerror(err));
		return err ? EXIT_FAIL : EXIT_OK;
	}
	err = model_netns_add(m, argv[0]);
	if (err)
		fprintf(stderr, "Cannot create namespace file \"%s/%s\": %s\n", NETNS_RUN_DIR, argv[0],
			strerror(err));
	return err ? EXIT_FAIL : EXIT_OK;
}

static int tuntap_verb(struct model *m, const char *verb, int argc, char **argv)
{
	const char *name = tuntap_name(argc, argv);
	int err;

	if (!name || (strcmp(verb, "add") && strcmp(verb, "delete")))
		return VERB_RUN;
	err = !strcmp(verb, "add") ? model_link_add(m, name) : model_link_del(m, name);
	if (err)
		fprintf(stderr, "ioctl(TUNSETIFF): %s\n", strerror(err == ENODEV ? ENOENT : EBUSY));
	return err ? EXIT_FAIL : EXIT_OK;
}

/* nat add and del against the table as read, and as the lines before
 * changed it (an add of a rule that is there changes nothing: flagged,
 * as a line that cannot do what it says). */
static int nat_verb(struct check *c, const char *verb, int argc, char **argv)
{
	struct nat_change ch;
	struct nat_txn t;
	enum nat_op op;
	uint32_t id;
	int status;

	if (verb && !strcmp(verb, "forward"))
		return EXIT_OK;	/* sysctls: not in the model */
	if (!verb || !nat_batch_verb(verb, &op))
		return VERB_RUN;
	status = nat_change_parse(c->ib, op, false, argc, argv, &ch);
	if (!status)
		nat_localnet_preview(&ch);
	if (status || !ch.q.has_rule || op == OP_REPLACE)
		return status;
	id = nat_index_by_words(c->ix, ch.t.s);
	if (op == OP_ADD && id != NAT_NONE) {
		fprintf(stderr, "Error: this nat rule is there already: the add would change nothing.\n");
		return EXIT_FAIL;
	}
	if (op == OP_DEL && id == NAT_NONE) {
		fprintf(stderr, "Error: no such nat rule.\n");
		return EXIT_FAIL;
	}
	nat_txn_init(&t, &c->s);	/* the index's notes; never sent */
	if (op == OP_ADD)
		(void)nat_index_add(c->ix, &ch.q.r, ch.t.s, &t);
	else
		nat_index_delete(c->ix, id, &t);
	nat_txn_free(&t);
	return EXIT_OK;
}

static int check_probe(struct ipbox *ib, const char *object, const char *verb, int argc, char **argv)
{
	struct check *c = running;

	(void)ib;
	if (!strcmp(object, "monitor"))
		return EXIT_OK;
	if (!strcmp(object, "netns") && verb)
		return netns_verb(c->m, verb, argc, argv);
	if (!strcmp(object, "tuntap") && verb)
		return tuntap_verb(c->m, verb, argc, argv);
	if (!strcmp(object, "nat"))
		return nat_verb(c, verb, argc, argv);
	return VERB_RUN;
}

/* ---- start and end ------------------------------------------------------ */

/* The nat table as it is; none (no nftables, no capability) is empty. */
static void nat_read(struct check *c)
{
	c->ix = nat_index_new();
	if (!c->ix || caps_have(CAP_NET_ADMIN) != 1 || nat_open(&c->s) < 0)
		return;
	c->nat_open = true;
	(void)nat_index_read(c->ix, &c->s, nat_recognise, NULL);	/* else: as if empty */
}

struct check *check_start(struct ipbox *ib)
{
	struct check *c = calloc(1, sizeof(*c));

	if (!c || !(c->m = model_load())) {
		free(c);
		return NULL;
	}
	c->ib = ib;
	nat_read(c);
	if (!c->ix) {
		fprintf(stderr, "Cannot read the nat table: %s\n", strerror(ENOMEM));
		check_finish(c);
		return NULL;
	}
	running = c;
	c->watch = (struct nl_watch){ watch_before, NULL, NULL, c };
	nl_watch = &c->watch;
	nl_dry_run = true;
	ifname_dry_index = dry_index;
	netns_dry_open = dry_netns;
	verb_probe = check_probe;
	nl_free(ib->rt);	/* a socket opened before would still send */
	ib->rt = NULL;
	return c;
}

int check_line(struct check *c, const char *ns)
{
	if (ns && !model_netns_has(c->m, ns)) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n", ns, strerror(ENOENT));
		return -1;
	}
	model_netns_use(c->m, ns ? ns : "");
	ifname_remember(false);
	return 0;
}

void check_finish(struct check *c)
{
	if (!c)
		return;
	if (running == c) {
		nl_watch = NULL;
		verb_probe = NULL;
		ifname_dry_index = NULL;
		netns_dry_open = NULL;
		nl_dry_run = false;
		running = NULL;
	}
	if (c->nat_open)
		nat_close(&c->s);
	nat_index_free(c->ix);
	model_free(c->m);
	free(c);
}
