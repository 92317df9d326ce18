/* ip netns: named network namespaces, interoperable with iproute2. */
#include "ipbox.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include "../args/walk.h"
#include "../args/wordpool.h"
#include "../caps/caps.h"
#include "../namespace/named.h"
#include "../namespace/nsid.h"
#include "../netlink/attr.h"
#include "usage.h"
#include "words.h"

USAGE(netns,
	"Usage:\tip netns list\n"
	"\tip netns add NAME\n"
	"\tip netns attach NAME PID\n"
	"\tip netns set NAME NETNSID\n"
	"\tip [-all] netns delete [NAME]\n"
	"\tip netns identify [PID]\n"
	"\tip netns pids NAME\n"
	"\tip [-all] netns exec [NAME] cmd ...\n"
	"\tip netns monitor\n"
	"\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
	"NETNSID := auto | POSITIVE-INT\n");

static int netns_usage(void)
{
	return usage_print("netns");
}

static int need_sys_admin(const char *what)
{
	return caps_require(CAP_SYS_ADMIN, what) < 0 ? -1 : 0;
}

/* ---- list ---------------------------------------------------------- */

static int netns_list(struct ipbox *ib, int argc, char **argv)
{
	struct printer *p = ib->pr;
	struct dirent *e;
	DIR *dir = opendir(NETNS_RUN_DIR);
	struct nl *nl;

	(void)argc, (void)argv;
	if (!dir)
		return EXIT_OK;
	nl = rt_socket(ib);
	print_doc_begin(p);
	while ((e = readdir(dir))) {
		int id;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		print_open_object(p, NULL);
		print_string(p, PRINT_ANY, "name", "%s", e->d_name);
		id = nl ? netns_nsid(nl, e->d_name) : -1;
		if (id >= 0)
			print_int(p, PRINT_ANY, "id", " (id: %d)", id);
		print_text(p, "\n");
		print_close_object(p);
	}
	closedir(dir);
	print_doc_end(p);
	return EXIT_OK;
}

/* ---- list-id ------------------------------------------------------- */

static const enum mnl_attr_data_type nsid_policy[NETNSA_MAX + 1] = {
	[NETNSA_NSID] = MNL_TYPE_U32,
	[NETNSA_CURRENT_NSID] = MNL_TYPE_U32,
};

struct list_id {
	struct printer *p;
	struct netns_names names;	/* nsid -> /run/netns name */
	bool begun;	/* the JSON array is open (a get opens it on its answer) */
};

static int list_id_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETNSA_MAX + 1];
	struct list_id *l = data;
	struct printer *p = l->p;
	const char *name;
	int nsid, current = -1;

	if (nlh->nlmsg_type != RTM_NEWNSID && nlh->nlmsg_type != RTM_DELNSID)
		return NL_CB_OK;
	if (attr_parse(tb, NETNSA_MAX, nsid_policy, nlh, sizeof(struct rtgenmsg)) < 0 ||
	    !tb[NETNSA_NSID]) {
		fprintf(stderr, "BUG: NETNSA_NSID is missing\n");
		return NL_CB_ERROR;
	}
	nsid = (int)mnl_attr_get_u32(tb[NETNSA_NSID]);
	print_open_object(p, NULL);
	if (nlh->nlmsg_type == RTM_DELNSID)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	if (nsid < 0)
		print_text(p, "nsid unassigned ");
	else
		print_int(p, PRINT_ANY, "nsid", "nsid %d ", nsid);
	if (tb[NETNSA_CURRENT_NSID]) {
		current = (int)mnl_attr_get_u32(tb[NETNSA_CURRENT_NSID]);
		if (current < 0)
			print_text(p, "current-nsid unassigned ");
		else
			print_int(p, PRINT_ANY, "current-nsid", "current-nsid %d ", current);
	}
	name = netns_names_find(&l->names, tb[NETNSA_CURRENT_NSID] ? current : nsid);
	if (name)
		print_string(p, PRINT_ANY, "name", "(iproute2 netns name: %s)", name);
	print_text(p, "\n");
	print_close_object(p);
	return NL_CB_OK;
}

/* ---- ip monitor's nsid events ------------------------------------- */

/* The names of peers as iproute2's monitor keeps them (its netns map):
 * those /run/netns has at the start.  An event names its peer from
 * there and then forgets it; a new nsid not there is looked up in
 * /run/netns at once and kept, so its deletion still has a name. */
struct netns_names *netns_events_new(struct ipbox *ib)
{
	struct netns_names *m = calloc(1, sizeof(*m));
	struct nl *nl = rt_socket(ib);

	if (!m || !nl) {
		free(m);
		return NULL;
	}
	netns_names_load(m, nl);
	return m;
}

void netns_events_free(struct netns_names *m)
{
	netns_names_free(m);
	free(m);
}

/* The peer an nsid event names: its current-nsid if it has one, as
 * list_id_print looks it up. */
static int nsid_event_peer(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[NETNSA_MAX + 1];

	if (attr_parse(tb, NETNSA_MAX, nsid_policy, nlh, sizeof(struct rtgenmsg)) < 0 ||
	    !tb[NETNSA_NSID])
		return -1;
	return (int)mnl_attr_get_u32(tb[NETNSA_CURRENT_NSID] ? tb[NETNSA_CURRENT_NSID] : tb[NETNSA_NSID]);
}

struct nsid_wanted {
	struct netns_names *m;
	struct nl *nl;
	int nsid;
};

/* The one name of /run/netns whose nsid is wanted; then stop. */
static int nsid_names_add_wanted(const char *name, void *arg)
{
	struct nsid_wanted *w = arg;

	if (netns_nsid(w->nl, name) != w->nsid)
		return 0;
	return netns_names_add(w->m, w->nsid, name) == 0 ? 1 : -1;
}

int netns_nsid_event(struct ipbox *ib, struct netns_names *m, const struct nlmsghdr *nlh)
{
	struct list_id l = { .p = ib->pr, .names = *m };
	int peer = nsid_event_peer(nlh);
	bool known = netns_names_find(m, peer) != NULL;
	struct nl *nl = rt_socket(ib);

	if (!known && peer >= 0 && nlh->nlmsg_type == RTM_NEWNSID && nl) {
		struct nsid_wanted w = { m, nl, peer };

		netns_foreach(nsid_names_add_wanted, &w);
		l.names = *m;
	}
	list_id_print(nlh, &l);
	if (known)
		netns_names_drop(m, peer);
	return 0;
}

/* The words of list-id, iproute2's strcmp()s in its order. */
struct list_id_args {
	int target;	/* target-nsid: whose nsids to list; -1 none */
	int nsid;	/* nsid: one peer only; -1 every peer */
};

/* A duplicate is reported before the value is looked for, as iproute2
 * does. */
static int list_id_value(const char *key, struct arg_walk *w, int *out)
{
	const char *v;
	char msg[64];
	int32_t n;

	if (*out >= 0)
		return arg_duplicate(key, key);
	WALK_NEXT(w, v);
	if (arg_i32(v, &n, 0) < 0) {
		snprintf(msg, sizeof(msg), "\"%s\" value is invalid", key);
		return arg_invalid(msg, v);
	}
	if (n < 0) {
		snprintf(msg, sizeof(msg), "\"%s\" value should be >= 0", key);
		return arg_invalid(msg, v);
	}
	*out = n;
	return 0;
}

static int list_id_target(struct list_id_args *a, struct arg_walk *w)
{
	return list_id_value("target-nsid", w, &a->target);
}

static int list_id_nsid(struct list_id_args *a, struct arg_walk *w)
{
	return list_id_value("nsid", w, &a->nsid);
}

static const struct list_id_word {
	word_off word;
	bool exact;
	int (*fn)(struct list_id_args *a, struct arg_walk *w);
} list_id_words[] = {
	{ W("target-nsid"), true, list_id_target },
	{ W("nsid"), true, list_id_nsid },
};

static int parse_list_id(struct list_id_args *a, int argc, char **argv)
{
	struct arg_walk w = { argc, argv };
	int ret;

	for (; w.argc > 0; w.argc--, w.argv++) {
		const struct list_id_word *k = KEYWORD_FIND(list_id_words, *w.argv);

		ret = k ? k->fn(a, &w) : netns_usage();
		if (ret)
			return ret;
	}
	return 0;
}

/* A get's answer: the JSON array opens only now, so a refused get
 * prints nothing on stdout, as iproute2. */
static int list_id_answer(const struct nlmsghdr *nlh, void *data)
{
	struct list_id *l = data;

	if (!l->begun)
		print_doc_begin(l->p);
	l->begun = true;
	return list_id_print(nlh, l);
}

/* One peer is a plain get, whose error is the kernel's; every peer a
 * dump (its array is printed even when the dump fails, as iproute2).
 * Returns nl_talk's or nl_dump's result. */
static int list_id_request(struct nl *nl, const struct list_id_args *a, struct list_id *l)
{
	struct nlreq req;
	struct rtgenmsg *g = nlreq_init(&req, RTM_GETNSID, 0, sizeof(*g));
	int ret;

	g->rtgen_family = AF_UNSPEC;
	if (a->target >= 0)
		nlreq_put_s32(&req, NETNSA_TARGET_NSID, a->target);
	if (a->nsid < 0) {
		print_doc_begin(l->p);
		l->begun = true;
		ret = nl_dump(nl, &req, list_id_print, l);
	} else {
		nlreq_put_s32(&req, NETNSA_NSID, a->nsid);
		ret = nl_talk(nl, &req, list_id_answer, l);
	}
	if (l->begun)
		print_doc_end(l->p);
	return ret;
}

static int netns_list_id(struct ipbox *ib, int argc, char **argv)
{
	struct list_id_args a = { .target = -1, .nsid = -1 };
	struct list_id l = { .p = ib->pr };
	struct nl *nl;
	int ret = parse_list_id(&a, argc, argv);

	if (ret)
		return ret;
	nl = rt_socket(ib);
	if (!nl)
		return EXIT_FAIL;
	netns_names_load(&l.names, nl);
	ret = list_id_request(nl, &a, &l);
	netns_names_free(&l.names);
	if (ret >= 0)
		return EXIT_OK;
	nl_perror(nl);
	if (a.nsid >= 0)
		return EXIT_KERNEL;
	fprintf(stderr, "Dump terminated\n");
	return EXIT_FAIL;
}

/* ---- add, attach, set, delete -------------------------------------- */

static int netns_add(struct ipbox *ib, int argc, char **argv)
{
	(void)ib;
	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return EXIT_FAIL;
	}
	if (need_sys_admin("netns add") < 0 || netns_create(argv[0], 0) < 0)
		return EXIT_FAIL;
	return EXIT_OK;
}

/* PID is read as iproute2's get_s32(, 0) reads it: any number but 0, a
 * negative one too (its /proc entry then does not exist); the name is
 * claimed first, so a name in use is the error whatever the PID. */
static int netns_attach(struct ipbox *ib, int argc, char **argv)
{
	int32_t pid;

	(void)ib;
	if (argc < 2) {
		fprintf(stderr, "No netns name and PID specified\n");
		return EXIT_FAIL;
	}
	if (arg_i32(argv[1], &pid, 0) < 0 || !pid) {
		fprintf(stderr, "Invalid PID: %s\n", argv[1]);
		return EXIT_FAIL;
	}
	if (need_sys_admin("netns attach") < 0 || netns_create(argv[0], pid) < 0)
		return EXIT_FAIL;
	return EXIT_OK;
}

/* NETNSID: "auto" (-1: the kernel picks one) or a number >= 0. */
static int parse_netnsid(const char *v, int32_t *nsid)
{
	*nsid = -1;
	if (!strcmp(v, "auto"))
		return 0;
	if (arg_i32(v, nsid, 0) < 0)
		return arg_invalid("Invalid \"netnsid\" value", v);
	if (*nsid < 0)
		return arg_invalid("\"netnsid\" value should be >= 0", v);
	return 0;
}

/* Give the namespace open at fd the nsid in this one. */
static int nsid_assign(struct ipbox *ib, int fd, int32_t nsid)
{
	struct nl *nl = rt_socket(ib);
	struct rtgenmsg *g;
	struct nlreq req;

	if (!nl)
		return EXIT_FAIL;
	g = nlreq_init(&req, RTM_NEWNSID, 0, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	nlreq_put_u32(&req, NETNSA_FD, (uint32_t)fd);
	nlreq_put_s32(&req, NETNSA_NSID, nsid);
	if (nl_talk(nl, &req, NULL, NULL) < 0) {
		nl_perror(nl);
		return EXIT_KERNEL;
	}
	return EXIT_OK;
}

static int netns_set(struct ipbox *ib, int argc, char **argv)
{
	int32_t nsid;
	int fd, ret;

	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return EXIT_FAIL;
	}
	if (argc < 2) {
		fprintf(stderr, "No nsid specified\n");
		return EXIT_FAIL;
	}
	ret = parse_netnsid(argv[1], &nsid);
	if (ret)
		return ret;
	if (caps_require(CAP_NET_ADMIN, "netns set") < 0)
		return EXIT_FAIL;
	fd = netns_open(argv[0]);
	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n", argv[0], strerror(errno));
		return EXIT_FAIL;
	}
	ret = nsid_assign(ib, fd, nsid);
	close(fd);
	return ret;
}

static int remove_one(const char *name, void *arg)
{
	(void)arg;
	return netns_remove(name);
}

static int netns_delete(struct ipbox *ib, int argc, char **argv)
{
	if (argc < 1 && !ib->all) {
		fprintf(stderr, "No netns name specified\n");
		return EXIT_FAIL;
	}
	if (need_sys_admin("netns delete") < 0)
		return EXIT_FAIL;
	/* -all stops at the first failure yet succeeds, as iproute2 does. */
	if (ib->all)
		return netns_foreach(remove_one, NULL) < 0 ? EXIT_FAIL : EXIT_OK;
	return netns_remove(argv[0]) < 0 ? EXIT_FAIL : EXIT_OK;
}

/* ---- identify, pids ------------------------------------------------ */

static bool is_pid(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* The network namespace of process `pid` (a number or "self"), open. */
static int open_pid_netns(const char *pid)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/proc/%s/ns/net", pid);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* iproute2 prints one line: the last name (in directory order) bound to
 * the namespace, or an empty line when none is. */
struct identify {
	int fd;
	char name[NAME_MAX + 1];
};

static int identify_one(const char *name, void *arg)
{
	struct identify *id = arg;
	int fd = netns_open(name);

	if (fd >= 0 && netns_same(fd, id->fd))
		snprintf(id->name, sizeof(id->name), "%s", name);
	if (fd >= 0)
		close(fd);
	return 0;
}

static int netns_identify(struct ipbox *ib, int argc, char **argv)
{
	struct identify id = { .name = "" };
	const char *pid = "self";
	int ret;

	if (argc > 1) {
		fprintf(stderr, "extra arguments specified\n");
		return EXIT_FAIL;
	}
	if (argc == 1) {
		pid = argv[0];
		if (!is_pid(pid)) {
			fprintf(stderr, "Specified string '%s' is not a pid\n", pid);
			return EXIT_FAIL;
		}
	}
	id.fd = open_pid_netns(pid);
	if (id.fd < 0) {
		fprintf(stderr, "Cannot open network namespace: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	ret = netns_foreach(identify_one, &id);
	close(id.fd);
	if (ret < 0)
		return EXIT_FAIL;
	out_printf(&ib->pr->out, "%s\n", id.name);
	return EXIT_OK;
}

/* Print each process of /proc whose network namespace is the one at fd. */
static int pids_print(struct out *out, int fd)
{
	DIR *proc = opendir("/proc/");
	struct dirent *e;

	if (!proc) {
		fprintf(stderr, "Open of /proc failed: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	while ((e = readdir(proc))) {
		int pfd = is_pid(e->d_name) ? open_pid_netns(e->d_name) : -1;

		if (pfd < 0)
			continue;
		if (netns_same(pfd, fd))
			out_printf(out, "%s\n", e->d_name);
		close(pfd);
	}
	closedir(proc);
	return EXIT_OK;
}

static int netns_pids(struct ipbox *ib, int argc, char **argv)
{
	int fd, ret;

	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return EXIT_FAIL;
	}
	if (argc > 1) {
		fprintf(stderr, "extra arguments specified\n");
		return EXIT_FAIL;
	}
	fd = netns_open(argv[0]);
	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	ret = pids_print(&ib->pr->out, fd);
	close(fd);
	return ret;
}

/* ---- exec ---------------------------------------------------------- */

/* Enter NAME and replace this process with argv; only returns on error.
 * The program gets what execve passes on: the ambient capabilities, as
 * with iproute2 (file capabilities went at start, see caps/). */
static int exec_in(const char *name, char **argv)
{
	if (netns_switch(name) < 0)
		return EXIT_USAGE;
	execvp(argv[0], argv);
	fprintf(stderr, "exec of \"%s\" failed: %s\n", argv[0], strerror(errno));
	return EXIT_FAIL;
}

/* Run argv in NAME in a child and return its status; a child killed by a
 * signal gives 128+signal, as shells report it (iproute2 says 1). */
static int exec_forked(const char *name, char **argv)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		return EXIT_FAIL;
	}
	if (pid == 0)
		_exit(exec_in(name, argv));
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("waitpid");
			return EXIT_FAIL;
		}
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

struct exec_all {
	struct out *out;
	char **argv;
};

static int exec_one(const char *name, void *arg)
{
	struct exec_all *x = arg;

	out_printf(x->out, "\nnetns: %s\n", name);
	out_flush(x->out);
	exec_forked(name, x->argv);
	return 0;
}

static int netns_exec(struct ipbox *ib, int argc, char **argv)
{
	struct exec_all all = { &ib->pr->out, argv };

	if (argc < 1 && !ib->all) {
		fprintf(stderr, "No netns name specified\n");
		return EXIT_FAIL;
	}
	if ((argc < 2 && !ib->all) || (argc < 1 && ib->all)) {
		fprintf(stderr, "No command specified\n");
		return EXIT_FAIL;
	}
	if (need_sys_admin("netns exec") < 0)
		return EXIT_FAIL;
	out_flush(&ib->pr->out);
	if (ib->all)
		return netns_foreach(exec_one, &all) < 0 ? EXIT_FAIL : EXIT_OK;
	/* In a batch the process must live on, so the program runs in a child. */
	if (ib->in_batch)
		return exec_forked(argv[0], argv + 1);
	return exec_in(argv[0], argv + 1);
}

/* ---- monitor ------------------------------------------------------- */

static int netns_monitor(struct ipbox *ib, int argc, char **argv)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int fd = inotify_init1(IN_CLOEXEC);

	(void)argc, (void)argv;
	if (fd < 0) {
		fprintf(stderr, "inotify_init failed: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "mkdir %s failed: %s\n", NETNS_RUN_DIR, strerror(errno));
		return EXIT_FAIL;
	}
	if (inotify_add_watch(fd, NETNS_RUN_DIR, IN_CREATE | IN_DELETE) < 0) {
		fprintf(stderr, "inotify_add_watch failed: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	for (;;) {
		ssize_t len = read(fd, buf, sizeof(buf));
		const struct inotify_event *ev;

		if (len < 0 && errno == EINTR)
			continue;
		if (len <= 0) {
			fprintf(stderr, "read failed: %s\n", strerror(errno));
			return EXIT_FAIL;
		}
		for (char *c = buf; c < buf + len; c += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)c;
			if (ev->mask & IN_CREATE)
				out_printf(&ib->pr->out, "add %s\n", ev->name);
			if (ev->mask & IN_DELETE)
				out_printf(&ib->pr->out, "delete %s\n", ev->name);
		}
		/* Events are for someone waiting on them: never sit in a buffer. */
		if (out_flush(&ib->pr->out) < 0)
			return EXIT_FAIL;
	}
}

static int netns_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return netns_usage();
}

/* iproute2's order of verbs: it decides `s` (show), `a` (add), `d`... */
static const struct verb netns_verbs[] = {
	{ "list", netns_list },
	{ "show", netns_list },
	{ "lst", netns_list },
	{ "list-id", netns_list_id },
	{ "help", netns_help },
	{ "add", netns_add },
	{ "set", netns_set },
	{ "delete", netns_delete },
	{ "identify", netns_identify },
	{ "pids", netns_pids },
	{ "exec", netns_exec },
	{ "monitor", netns_monitor },
	{ "attach", netns_attach },
	{ NULL, NULL },
};

int do_netns(struct ipbox *ib, int argc, char **argv)
{
	/* the name is checked before the verb, as iproute2 does */
	if (!ib->all && argc > 1 && !netns_name_valid(argv[1])) {
		fprintf(stderr, "Invalid netns name \"%s\"\n", argv[1]);
		return EXIT_USAGE;
	}
	return verb_run(ib, netns_verbs, "netns", netns_list, argc, argv);
}

void words_netns(void)
{
	WORDS_TABLE("verb", netns_verbs, word);
	WORDS_POOLED("keyword", list_id_words);
}
