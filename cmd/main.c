/* ipbox: dispatch on argv[0] (ip, netns, link, ... and busybox's ipnetns,
 * iplink, ...) or on the first word, parse iproute2's global options into
 * struct ipbox, then hand the rest to the object's handler. */
#include "ipbox.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "../caps/caps.h"
#include "../namespace/netns.h"
#include "link.h"
#include "../netlink/pipe.h"

/* iproute2's object table, in its order: the first prefix match wins, so
 * `ip a`, `ip r`, `ip n`, `ip l` resolve as there.  Objects ipbox does not
 * implement keep their rows (run == NULL) so no abbreviation changes
 * meaning; they answer as unknown objects. */
static const struct verb objects[] = {
	{ "address", do_address },
	{ "addrlabel", NULL },
	{ "amt", NULL },
	{ "maddress", NULL },
	{ "route", do_route },
	{ "rule", NULL },
	{ "neighbor", do_neigh },
	{ "neighbour", do_neigh },
	{ "ntable", NULL },
	{ "ntbl", NULL },
	{ "link", do_link },
	{ "l2tp", NULL },
	{ "fou", NULL },
	{ "ila", NULL },
	{ "macsec", NULL },
	{ "tunnel", NULL },
	{ "tunl", NULL },
	{ "tuntap", NULL },
	{ "tap", NULL },
	{ "token", NULL },
	{ "tcpmetrics", NULL },
	{ "tcp_metrics", NULL },
	{ "monitor", NULL },
	{ "xfrm", NULL },
	{ "mroute", NULL },
	{ "mrule", NULL },
	{ "netns", do_netns },
	{ "netconf", NULL },
	{ "vrf", NULL },
	{ "sr", NULL },
	{ "nexthop", NULL },
	{ "mptcp", NULL },
	{ "ioam", NULL },
	{ "stats", NULL },
	{ "nat", do_nat },
	{ "help", do_help },
	{ NULL, NULL },
};

/* Names ipbox answers to, and the object each one is. */
static const struct applet {
	const char *name;
	const char *object;	/* NULL: the full `ip` command line */
} applets[] = {
	{ "ip", NULL },
	{ "netns", "netns" }, { "link", "link" }, { "addr", "address" },
	{ "route", "route" }, { "neigh", "neighbor" }, { "nat", "nat" },
	{ "ipnetns", "netns" }, { "iplink", "link" }, { "ipaddr", "address" },
	{ "iproute", "route" }, { "ipneigh", "neighbor" }, { "ipnat", "nat" },
	{ NULL, NULL },
};

static int usage(void)
{
	fprintf(stderr,
		"Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       ip [ -force ] -batch filename\n"
		"       ipbox --install [-s] DIR | --list\n"
		"where  OBJECT := { address | help | link | nat | neighbor | neighbour |\n"
		"                   netns | route }\n"
		"       OPTIONS := { -V[ersion] | -s[tatistics] | -stats | -d[etails] |\n"
		"                    -h[uman] | -human-readable | -j[son] | -p[retty] |\n"
		"                    -f[amily] { inet | inet6 | link } |\n"
		"                    -4 | -6 | -0 | -br[ief] | -o[neline] |\n"
		"                    -b[atch] [filename] | -force |\n"
		"                    -n[etns] name | -a[ll] |\n"
		"                    -c[olor][={always|auto|never}] | -help }\n");
	return EXIT_USAGE;
}

int do_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return usage();
}

struct nl *rt_socket(struct ipbox *ib)
{
	if (ib->rt)
		return ib->rt;
	if (!ib->rt_storage)
		ib->rt_storage = malloc(sizeof(*ib->rt_storage));
	if (!ib->rt_storage || nl_open(ib->rt_storage, NETLINK_ROUTE) < 0) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		return NULL;
	}
	ib->rt = ib->rt_storage;
	return ib->rt;
}

/* What a change request changes, for the missing-capability message. */
static const char *rt_change_what(uint16_t type)
{
	switch (type) {
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return "address change";
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return "route change";
	case RTM_NEWNEIGH:
	case RTM_DELNEIGH:
		return "neigh change";
	default:
		return "link change";
	}
}

/* Changes nothing but kernel tables that later lines reach through ib->rt
 * (whose every other request drains the pipeline first). */
static bool rt_pipelinable(const struct nlreq *req)
{
	switch (req->nlh->nlmsg_type) {
	case RTM_NEWROUTE: case RTM_DELROUTE:
	case RTM_NEWADDR: case RTM_DELADDR:
	case RTM_NEWNEIGH: case RTM_DELNEIGH:
		return true;
	}
	return false;
}

int rt_talk(struct ipbox *ib, struct nlreq *req)
{
	struct nl *nl;

	/* Every change needs CAP_NET_ADMIN: name it instead of the kernel's
	 * bare EPERM.  Capabilities do not change while ipbox runs, so once
	 * seen, a batch of many changes asks no more. */
	static bool net_admin;

	if (!net_admin && caps_require(CAP_NET_ADMIN, rt_change_what(req->nlh->nlmsg_type)) < 0)
		return EXIT_FAIL;
	net_admin = true;
	nl = rt_socket(ib);
	if (!nl)
		return EXIT_FAIL;
	/* A request the pipeline refuses (too big) fails as it would alone. */
	if (ib->pipe && rt_pipelinable(req) && nl_pipe_queue(ib->pipe, nl, req) == 0)
		return EXIT_OK;
	if (nl_talk(nl, req, NULL, NULL) < 0) {
		nl_perror(nl);
		/* Too big to send is iproute2's -1 (status 1), not the kernel's. */
		return nl->overflowed ? EXIT_FAIL : EXIT_KERNEL;
	}
	return EXIT_OK;
}

const struct verb *object_find(const char *word)
{
	return verb_find(objects, word);
}

bool ipbox_pipelines(const char *word)
{
	const struct verb *obj = object_find(word);

	return obj && (obj->run == do_route || obj->run == do_address || obj->run == do_neigh);
}

int ipbox_run(struct ipbox *ib, int argc, char **argv)
{
	const struct verb *obj = object_find(argv[0]);

	if (!obj || !obj->run) {
		fprintf(stderr, "Object \"%s\" is unknown, try \"ip help\".\n", argv[0]);
		return EXIT_FAIL;
	}
	return obj->run(ib, argc - 1, argv + 1);
}

static int parse_family(const char *word)
{
	if (!strcmp(word, "inet"))
		return AF_INET;
	if (!strcmp(word, "inet6"))
		return AF_INET6;
	if (!strcmp(word, "link"))
		return AF_PACKET;
	return AF_UNSPEC;
}

enum { COLOR_NEVER, COLOR_ALWAYS, COLOR_AUTO };

/* -c, -color, -color=always|auto|never (iproute2's matches_color). */
static bool parse_color(const char *opt, int *color)
{
	const char *eq = strchr(opt, '=');
	size_t n = eq ? (size_t)(eq - opt) : strlen(opt);
	char word[16];

	if (n >= sizeof(word))
		return false;
	memcpy(word, opt, n);
	word[n] = '\0';
	if (!matches(word, "-color"))
		return false;
	if (!eq || !strcmp(eq + 1, "always"))
		*color = COLOR_ALWAYS;
	else if (!strcmp(eq + 1, "auto"))
		*color = COLOR_AUTO;
	else if (!strcmp(eq + 1, "never"))
		*color = COLOR_NEVER;
	else
		return false;
	return true;
}

static int opt_family(struct ipbox *ib, const char *val)
{
	if (!strcmp(val, "help"))
		return usage();
	ib->family = parse_family(val);
	return ib->family == AF_UNSPEC ? arg_invalid("invalid protocol family", val) : 0;
}

static int opt_version(struct ipbox *ib, const char *val)
{
	(void)ib, (void)val;
	printf("ip utility, iproute2-%s, ipbox %s\n", IPROUTE2_VERSION, IPBOX_VERSION);
	exit(EXIT_OK);
}

static int opt_batch(struct ipbox *ib, const char *val)
{
	ib->batch_file = val;
	return 0;
}

static int opt_help(struct ipbox *ib, const char *val)
{
	(void)ib, (void)val;
	return usage();
}

/* Like iproute2, enter the namespace at once, before anything opens. */
static int opt_netns(struct ipbox *ib, const char *val)
{
	(void)ib;
	if (caps_require(CAP_SYS_ADMIN, "-netns") < 0)
		return EXIT_USAGE;
	return netns_switch(val) < 0 ? EXIT_USAGE : 0;
}

enum opt_kind { OPT_COUNT, OPT_BOOL, OPT_FAMILY, OPT_COLOR, OPT_CALL, OPT_VALUE };

/* Global options in iproute2's order, which decides abbreviations such as
 * -b (batch, not brief), -f (family, not force), -h (human, not help). */
static const struct option_row {
	const char *name;
	enum opt_kind kind;
	size_t field;		/* COUNT, BOOL: offset in struct ipbox */
	int family;		/* FAMILY: exact word, no abbreviation */
	int (*call)(struct ipbox *ib, const char *val);	/* CALL, VALUE */
} options[] = {
	{ "-family", OPT_VALUE, 0, 0, opt_family },
	{ "-4", OPT_FAMILY, 0, AF_INET, NULL },
	{ "-6", OPT_FAMILY, 0, AF_INET6, NULL },
	{ "-0", OPT_FAMILY, 0, AF_PACKET, NULL },
	{ "-human", OPT_COUNT, offsetof(struct ipbox, human), 0, NULL },
	{ "-human-readable", OPT_COUNT, offsetof(struct ipbox, human), 0, NULL },
	{ "-stats", OPT_COUNT, offsetof(struct ipbox, stats), 0, NULL },
	{ "-statistics", OPT_COUNT, offsetof(struct ipbox, stats), 0, NULL },
	{ "-details", OPT_COUNT, offsetof(struct ipbox, details), 0, NULL },
	{ "-oneline", OPT_BOOL, offsetof(struct ipbox, oneline), 0, NULL },
	{ "-Version", OPT_CALL, 0, 0, opt_version },
	{ "-force", OPT_BOOL, offsetof(struct ipbox, force), 0, NULL },
	{ "-batch", OPT_VALUE, 0, 0, opt_batch },
	{ "-brief", OPT_BOOL, offsetof(struct ipbox, brief), 0, NULL },
	{ "-json", OPT_BOOL, offsetof(struct ipbox, json), 0, NULL },
	{ "-pretty", OPT_BOOL, offsetof(struct ipbox, pretty), 0, NULL },
	{ "-color", OPT_COLOR, 0, 0, NULL },
	{ "-help", OPT_CALL, 0, 0, opt_help },
	{ "-netns", OPT_VALUE, 0, 0, opt_netns },
	{ "-all", OPT_BOOL, offsetof(struct ipbox, all), 0, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static const struct option_row *option_find(const char *opt, int *color)
{
	for (const struct option_row *o = options; o->name; o++) {
		if (o->kind == OPT_COLOR ? parse_color(opt, color) :
		    o->kind == OPT_FAMILY ? !strcmp(opt, o->name) : matches(opt, o->name))
			return o;
	}
	return NULL;
}

static int option_apply(struct ipbox *ib, const struct option_row *o, const char *val)
{
	switch (o->kind) {
	case OPT_COUNT:
		(*(int *)((char *)ib + o->field))++;
		return 0;
	case OPT_BOOL:
		*(bool *)((char *)ib + o->field) = true;
		return 0;
	case OPT_FAMILY:
		ib->family = o->family;
		return 0;
	case OPT_COLOR:
		return 0;
	case OPT_CALL:
	case OPT_VALUE:
		return o->call(ib, val);
	}
	return 0;
}

/* Consume leading options; returns the index of the first non-option word,
 * or a negative exit status. */
static int parse_options(struct ipbox *ib, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *opt = argv[i];
		const struct option_row *o;
		int ret;

		if (!strcmp(opt, "--")) {
			i++;
			break;
		}
		if (opt[0] != '-')
			break;
		if (opt[1] == '-')
			opt++;
		o = option_find(opt, &ib->color);
		if (!o) {
			fprintf(stderr, "Option \"%s\" is unknown, try \"ip -help\".\n", opt);
			return -EXIT_USAGE;
		}
		if (o->kind == OPT_VALUE && i + 1 >= argc)
			return -usage();
		ret = option_apply(ib, o, o->kind == OPT_VALUE ? argv[++i] : NULL);
		if (ret)
			return -ret;
	}
	return i;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int applet_list(void)
{
	for (const struct applet *a = applets; a->name; a++)
		printf("%s\n", a->name);
	return EXIT_OK;
}

/* busybox's --install: a hard link per applet (symlinks with -s, or when
 * DIR is on another filesystem); existing names are left alone. */
static int applet_install(int argc, char **argv)
{
	bool sym = argc > 0 && !strcmp(argv[0], "-s");
	char self[PATH_MAX], dst[PATH_MAX];
	ssize_t n;
	int ret = EXIT_OK;

	if (sym)
		argc--, argv++;
	if (argc != 1)
		return usage();
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) {
		fprintf(stderr, "Cannot find ipbox itself: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	self[n] = '\0';
	for (const struct applet *a = applets; a->name; a++) {
		int r;

		snprintf(dst, sizeof(dst), "%s/%s", argv[0], a->name);
		r = sym ? symlink(self, dst) : link(self, dst);
		if (r < 0 && errno == EXDEV)
			r = symlink(self, dst);
		if (r < 0 && errno != EEXIST) {
			fprintf(stderr, "Cannot link %s: %s\n", dst, strerror(errno));
			ret = EXIT_FAIL;
		}
	}
	return ret;
}

static const struct applet *applet_find(const char *name)
{
	for (const struct applet *a = applets; a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

static int finish(struct ipbox *ib, int status)
{
	if (print_finish(ib->pr) < 0) {
		fprintf(stderr, "Failed to write output: %s\n", strerror(errno));
		if (!status)
			status = EXIT_FAIL;
	}
	if (ib->rt)
		nl_close(ib->rt);
	free(ib->rt_storage);
	return status;
}

int main(int argc, char **argv)
{
	static struct printer pr;
	const struct applet *app = applet_find(base_name(argv[0]));
	struct ipbox ib = { .family = AF_UNSPEC, .pr = &pr };
	int first, status;

	if (!app && argc > 1 && !strcmp(argv[1], "--list"))
		return applet_list();
	if (!app && argc > 1 && !strcmp(argv[1], "--install"))
		return applet_install(argc - 2, argv + 2);

	first = parse_options(&ib, argc, argv);
	if (first < 0)
		return -first;
	print_init(&pr, STDOUT_FILENO, ib.json, ib.pretty, ib.oneline,
		   ib.color == COLOR_ALWAYS || (ib.color == COLOR_AUTO && isatty(STDOUT_FILENO)));

	if (ib.batch_file)
		return finish(&ib, batch_run(&ib, ib.batch_file));
	if (app && app->object) {
		/* An applet is its object: `netns add x` = `ipbox netns add x`. */
		argv[first - 1] = (char *)app->object;
		status = ipbox_run(&ib, argc - first + 1, argv + first - 1);
	} else if (first < argc) {
		status = ipbox_run(&ib, argc - first, argv + first);
	} else {
		status = usage();
	}
	return finish(&ib, status);
}
