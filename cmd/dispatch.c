/* Which object a command names: iproute2's object table, the applet names
 * ipbox answers to (busybox style, with --list and --install), the `ip
 * help` usage, and ipbox_run(), which hands an object's words to it. */
#include "ipbox.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "link.h"
#include "usage.h"
#include "words.h"

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
	{ "rule", do_rule },
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
	{ "tuntap", do_tuntap },
	{ "tap", do_tuntap },
	{ "token", NULL },
	{ "tcpmetrics", NULL },
	{ "tcp_metrics", NULL },
	{ "monitor", do_monitor },
	{ "xfrm", NULL },
	{ "mroute", NULL },
	{ "mrule", NULL },
	{ "netns", do_netns },
	{ "netconf", NULL },
	{ "vrf", NULL },
	{ "sr", NULL },
	{ "nexthop", do_nexthop },
	{ "mptcp", NULL },
	{ "ioam", NULL },
	{ "stats", NULL },
	{ "nat", do_nat },
	{ "help", do_help },
	{ NULL, NULL },
};

/* Names ipbox answers to, and the object each one is. */
static const struct applet applets[] = {
	{ "ip", NULL },
	{ "netns", "netns" }, { "link", "link" }, { "addr", "address" },
	{ "route", "route" }, { "neigh", "neighbor" }, { "nat", "nat" },
	{ "ipnetns", "netns" }, { "iplink", "link" }, { "ipaddr", "address" },
	{ "iproute", "route" }, { "ipneigh", "neighbor" }, { "ipnat", "nat" },
	{ "rule", "rule" }, { "iprule", "rule" }, { "nexthop", "nexthop" },
	{ "tuntap", "tuntap" }, { "monitor", "monitor" },
	{ NULL, NULL },
};

USAGE(ip,
	"Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
	"       ip [ -force ] -batch filename\n"
	"       ipbox -atomic -batch filename | -atomic COMMAND\n"
	"       ipbox -check [ -atomic ] -batch filename | -check COMMAND\n"
	"       ipbox -undo JOURNAL\n"
	"       ipbox --install [-s] DIR | --list\n"
	"where  OBJECT := { address | help | link | monitor | nat | neighbor |\n"
	"                   neighbour | netns | nexthop | route | rule | tap |\n"
	"                   tuntap }\n"
	"       OPTIONS := { -V[ersion] | -s[tatistics] | -stats | -d[etails] |\n"
	"                    -r[esolve] | -h[uman] | -human-readable | -iec |\n"
	"                    -j[son] | -p[retty] |\n"
	"                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
	"                    -4 | -6 | -M | -B | -0 |\n"
	"                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
	"                    -o[neline] | -t[imestamp] | -ts[hort] |\n"
	"                    -b[atch] [filename] | -force | -atomic | -undo JOURNAL |\n"
	"                    -check |\n"
	"                    -rc[vbuf] [size] |\n"
	"                    -n[etns] name | -N[umeric] | -a[ll] | -echo |\n"
	"                    -c[olor][={always|auto|never}] | -help }\n");

int ipbox_usage(void)
{
	return usage_print("ip");
}

int do_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return ipbox_usage();
}

const struct verb *object_find(const char *word)
{
	return verb_find(objects, word);
}

bool ipbox_pipelines(const struct verb *obj)
{
	return obj && (obj->run == do_route || obj->run == do_address || obj->run == do_neigh);
}

int ipbox_run_object(struct ipbox *ib, const struct verb *obj, int argc, char **argv)
{
	if (!obj || !obj->run) {
		fprintf(stderr, "Object \"%s\" is unknown, try \"ip help\".\n", argv[0]);
		return EXIT_FAIL;
	}
	return obj->run(ib, argc - 1, argv + 1);
}

int ipbox_run(struct ipbox *ib, int argc, char **argv)
{
	return ipbox_run_object(ib, object_find(argv[0]), argc, argv);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int applet_list(void)
{
	for (const struct applet *a = applets; a->name; a++)
		printf("%s\n", a->name);
	return EXIT_OK;
}

/* busybox's --install: a hard link per applet (symlinks with -s, or when
 * DIR is on another filesystem); existing names are left alone. */
int applet_install(int argc, char **argv)
{
	bool sym = argc > 0 && !strcmp(argv[0], "-s");
	char self[PATH_MAX], dst[PATH_MAX];
	ssize_t n;
	int ret = EXIT_OK;

	if (sym)
		argc--, argv++;
	if (argc != 1)
		return ipbox_usage();
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

const struct applet *applet_find(const char *argv0)
{
	const char *name = base_name(argv0);

	for (const struct applet *a = applets; a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

int ipbox_finish(struct ipbox *ib, int status)
{
	if (print_finish(ib->pr) < 0) {
		fprintf(stderr, "Failed to write output: %s\n", strerror(errno));
		if (!status)
			status = EXIT_FAIL;
	}
	nl_free(ib->rt);
	return status;
}

/* Each object's tables, known by its handler. */
static const struct {
	verb_fn run;
	void (*words)(void);
} object_words[] = {
	{ do_address, words_address }, { do_route, words_route }, { do_neigh, words_neigh },
	{ do_link, words_link }, { do_netns, words_netns }, { do_nat, words_nat },
	{ do_rule, words_rule }, { do_nexthop, words_nexthop }, { do_monitor, words_monitor },
	{ do_tuntap, words_tuntap },
};

int ipbox_words(const char *object)
{
	const struct verb *obj;

	if (!strcmp(object, "ip")) {
		WORDS_TABLE("object", objects, word);
		return EXIT_OK;
	}
	obj = object_find(object);
	for (size_t i = 0; obj && i < ARRAY_SIZE(object_words); i++)
		if (object_words[i].run == obj->run) {
			object_words[i].words();
			return EXIT_OK;
		}
	fprintf(stderr, "Object \"%s\" is unknown, try \"ip help\".\n", object);
	return EXIT_FAIL;
}
