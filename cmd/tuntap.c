/* ip tuntap: add and delete persistent tun/tap devices through the
 * ioctls of /dev/net/tun, and list them with their flags, owner and the
 * processes that hold them, as iproute2 does. */
#include "link.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>

#include "../args/walk.h"
#include "../args/wordpool.h"
#include "../netlink/attr.h"
#include "usage.h"
#include "words.h"

#define TUNDEV "/dev/net/tun"

USAGE(tuntap,
	"Usage: ip tuntap { add | del | show | list | lst | help } [ dev PHYS_DEV ]\n"
	"       [ mode { tun | tap } ] [ user USER ] [ group GROUP ]\n"
	"       [ one_queue ] [ pi ] [ vnet_hdr ] [ multi_queue ] [ name NAME ]\n"
	"\n"
	"Where: USER  := { STRING | NUMBER }\n"
	"       GROUP := { STRING | NUMBER }\n");

static int tuntap_usage(void)
{
	return usage_print("tuntap");
}

/* ---- add, del ----------------------------------------------------------- */

/* What add and del ask of /dev/net/tun; owner words only for add. */
struct tuntap_req {
	struct ifreq ifr;
	bool owner_words;
	uid_t uid;		/* (uid_t)-1: leave unset */
	uid_t gid;		/* a gid_t (the same type): one parser for both */
};
_Static_assert(sizeof(uid_t) == sizeof(gid_t), "tt_owner reads a gid as a uid");

/* iproute2 reads a number with strtol (so "-1" means "unset" and too big
 * a value saturates), anything else as a name. */
static bool id_number(const char *v, unsigned long *id)
{
	char *end;

	if (!*v)
		return false;
	*id = (unsigned long)strtol(v, &end, 10);
	return !*end;
}

static int tt_mode(struct tuntap_req *t, struct arg_walk *w)
{
	short want, other;
	const char *v;

	WALK_NEXT(w, v);
	if (matches(v, "tun")) {
		want = IFF_TUN, other = IFF_TAP;
	} else if (matches(v, "tap")) {
		want = IFF_TAP, other = IFF_TUN;
	} else {
		fprintf(stderr, "Unknown tunnel mode \"%s\"\n", v);
		return EXIT_USAGE;
	}
	if (t->ifr.ifr_flags & other) {
		fprintf(stderr, "You managed to ask for more than one tunnel mode.\n");
		return EXIT_USAGE;
	}
	t->ifr.ifr_flags |= want;
	return 0;
}

/* user or group: a number, or a name the system knows. */
static int tt_owner(struct arg_walk *w, bool user, uid_t *id)
{
	unsigned long n;
	struct passwd *pw;
	struct group *gr;
	const char *v;

	WALK_NEXT(w, v);
	if (id_number(v, &n)) {
		*id = (uid_t)n;
		return 0;
	}
	if (user && (pw = getpwnam(v))) {
		*id = pw->pw_uid;
		return 0;
	}
	if (!user && (gr = getgrnam(v))) {
		*id = gr->gr_gid;
		return 0;
	}
	fprintf(stderr, "invalid %s \"%s\"\n", user ? "user" : "group", v);
	return EXIT_USAGE;
}

static int tt_user(struct tuntap_req *t, struct arg_walk *w)
{
	return tt_owner(w, true, &t->uid);
}

static int tt_group(struct tuntap_req *t, struct arg_walk *w)
{
	return tt_owner(w, false, &t->gid);
}

/* `dev NAME` may repeat (the last wins); a name given otherwise may not. */
static int tt_dev(struct tuntap_req *t, struct arg_walk *w)
{
	const char *v;

	WALK_NEXT(w, v);
	if (!ifname_usable(v, IFNAMSIZ))
		return arg_invalid("\"dev\" not a valid ifname", v);
	snprintf(t->ifr.ifr_name, sizeof(t->ifr.ifr_name), "%s", v);
	return 0;
}

/* `name NAME`, or any word no row takes: the device's name. */
static int tt_name(struct tuntap_req *t, struct arg_walk *w)
{
	const char *v = *w->argv;

	if (matches(v, "name"))
		WALK_NEXT(w, v);
	else if (matches(v, "help"))
		return tuntap_usage();
	if (t->ifr.ifr_name[0])
		return arg_garbage("name", v);
	if (!ifname_usable(v, IFNAMSIZ))
		return arg_invalid("\"name\" not a valid ifname", v);
	snprintf(t->ifr.ifr_name, sizeof(t->ifr.ifr_name), "%s", v);
	return 0;
}

/* iproute2's order: `m` is mode, `mu` multi_queue, `n` name; user and
 * group are words of add only (for del they are names). */
static const struct tuntap_word {
	word_off word;
	bool owner;
	int (*fn)(struct tuntap_req *t, struct arg_walk *w);
	short set, clear;	/* a flag word (no fn): its IFF_* bits */
} tuntap_words[] = {
	{ W("mode"), false, tt_mode, 0, 0 }, { W("user"), true, tt_user, 0, 0 },
	{ W("group"), true, tt_group, 0, 0 }, { W("pi"), false, NULL, 0, IFF_NO_PI },
	{ W("one_queue"), false, NULL, IFF_ONE_QUEUE, 0 },
	{ W("vnet_hdr"), false, NULL, IFF_VNET_HDR, 0 },
	{ W("multi_queue"), false, NULL, IFF_MULTI_QUEUE, 0 }, { W("dev"), false, tt_dev, 0, 0 },
};

static int tt_word(struct tuntap_req *t, const struct tuntap_word *tw, struct arg_walk *w)
{
	if (tw->fn)
		return tw->fn(t, w);
	t->ifr.ifr_flags = (short)((t->ifr.ifr_flags | tw->set) & ~tw->clear);
	return 0;
}

static const struct tuntap_word *tuntap_word_find(const struct tuntap_req *t, const char *w)
{
	for (size_t i = 0; i < ARRAY_SIZE(tuntap_words); i++)
		if ((t->owner_words || !tuntap_words[i].owner) &&
		    matches(w, WORD(tuntap_words[i].word)))
			return &tuntap_words[i];
	return NULL;
}

static int tuntap_parse(struct tuntap_req *t, int argc, char **argv)
{
	struct arg_walk w = { argc, argv };

	t->ifr.ifr_flags = IFF_NO_PI;
	t->uid = (uid_t)-1;
	t->gid = (uid_t)-1;
	for (; w.argc > 0; w.argc--, w.argv++) {
		const struct tuntap_word *tw = tuntap_word_find(t, *w.argv);
		int ret = tw ? tt_word(t, tw, &w) : tt_name(t, &w);

		if (ret)
			return ret;
	}
	if (!(t->ifr.ifr_flags & (IFF_TUN | IFF_TAP))) {
		fprintf(stderr, "You failed to specify a tunnel mode\n");
		return EXIT_FAIL;
	}
	return 0;
}

/* Attach to (or create) the device; a failed step prints iproute2's
 * perror line.  The device outlives the descriptor only once persistent,
 * so a failure before TUNSETPERSIST leaves nothing behind. */
static int tun_ioctl(int fd, unsigned long req, unsigned long arg, const char *what)
{
	if (ioctl(fd, req, arg) == 0)
		return 0;
	perror(what);
	return -1;
}

static int tun_open(struct ifreq *ifr)
{
	int fd = open(TUNDEV, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		perror("open");
		return -1;
	}
	if (tun_ioctl(fd, TUNSETIFF, (unsigned long)ifr, "ioctl(TUNSETIFF)") < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int tuntap_add(struct ipbox *ib, int argc, char **argv)
{
	struct tuntap_req t = { .owner_words = true };
	int fd, ret;

	(void)ib;
	ret = tuntap_parse(&t, argc, argv);
	if (ret)
		return ret;
	/* Refuse an existing device rather than attach to it. */
	t.ifr.ifr_flags |= IFF_TUN_EXCL;
	fd = tun_open(&t.ifr);
	if (fd < 0)
		return EXIT_FAIL;
	ret = (t.uid != (uid_t)-1 && tun_ioctl(fd, TUNSETOWNER, t.uid, "ioctl(TUNSETOWNER)") < 0) ||
	      (t.gid != (uid_t)-1 && tun_ioctl(fd, TUNSETGROUP, t.gid, "ioctl(TUNSETGROUP)") < 0) ||
	      tun_ioctl(fd, TUNSETPERSIST, 1, "ioctl(TUNSETPERSIST)") < 0;
	close(fd);
	return ret ? EXIT_FAIL : EXIT_OK;
}

static int tuntap_del(struct ipbox *ib, int argc, char **argv)
{
	struct tuntap_req t = { .owner_words = false };
	int fd, ret;

	(void)ib;
	ret = tuntap_parse(&t, argc, argv);
	if (ret)
		return ret;
	fd = tun_open(&t.ifr);
	if (fd < 0)
		return EXIT_FAIL;
	ret = tun_ioctl(fd, TUNSETPERSIST, 0, "ioctl(TUNSETPERSIST)");
	close(fd);
	return ret < 0 ? EXIT_FAIL : EXIT_OK;
}

/* ---- show --------------------------------------------------------------- */

/* A number from /sys/class/net/DEV/PROP (tun_flags is hex, owner and
 * group may be -1), with iproute2's complaints; -1 if unreadable. */
static int read_prop(const char *dev, const char *prop, long *value)
{
	char path[128], buf[80], *end;
	FILE *f;
	int n = snprintf(path, sizeof(path), "/sys/class/net/%s/%s", dev, prop);

	if (n <= 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "could not build pathname for property\n");
		return -1;
	}
	f = fopen(path, "re");
	if (!f) {
		fprintf(stderr, "fopen %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!fgets(buf, sizeof(buf), f)) {
		fprintf(stderr, "property \"%s\" in file %s is currently unknown\n", prop, path);
		fclose(f);
		goto bad;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	errno = 0;
	*value = strtol(buf, &end, 0);
	if (*end || end == buf) {
		fprintf(stderr, "value \"%s\" in file %s is not a number\n", buf, path);
		goto bad;
	}
	if (errno == ERANGE) {
		fprintf(stderr, "strtol %s: %s", path, strerror(errno));
		goto bad;
	}
	return 0;
bad:
	fprintf(stderr, "Failed to parse %s\n", path);
	return -1;
}

/* The flags as iproute2 names them; "pi" is the absence of IFF_NO_PI
 * and "filter" of IFF_NOFILTER, which is the same bit. */
static void print_tun_flags(struct printer *p, long flags)
{
	static const struct { long flag; bool absent; const char *name; } names[] = {
		{ IFF_TUN, false, "tun" }, { IFF_TAP, false, "tap" },
		{ IFF_NO_PI, true, "pi" }, { IFF_ONE_QUEUE, false, "one_queue" },
		{ IFF_MULTI_QUEUE, false, "multi_queue" }, { IFF_VNET_HDR, false, "vnet_hdr" },
		{ IFF_PERSIST, false, "persist" }, { IFF_NOFILTER, true, "filter" },
	};
	long rest = flags;
	char hex[24];

	print_open_array(p, PRINT_JSON, "flags", NULL);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!(flags & names[i].flag) == names[i].absent)
			print_string(p, PRINT_ANY, NULL, " %s", names[i].name);
		rest &= ~names[i].flag;
	}
	if (rest) {
		snprintf(hex, sizeof(hex), "%#lx", rest);
		print_string(p, PRINT_ANY, NULL, " %s", hex);
	}
	print_close_array(p, PRINT_JSON, NULL);
}

/* The value of "iff:" in /proc/PID/fdinfo/FD: the device a tun
 * descriptor is attached to. */
static bool fd_attached_to(int pid, const char *fd, const char *dev)
{
	char path[300], line[128];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", pid, fd);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *v;

		if (strncmp(line, "iff:", 4))
			continue;
		for (v = line + 4; isspace((unsigned char)*v); v++)
			;
		v[strcspn(v, " \t\n")] = '\0';
		found = !strcmp(v, dev);
	}
	fclose(f);
	return found;
}

static void print_process(struct printer *p, int pid)
{
	char path[64], comm[64] = "<NULL>";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "re");
	if (f) {
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = '\0';
		else
			snprintf(comm, sizeof(comm), "<NULL>");
		fclose(f);
	}
	print_open_object(p, NULL);
	print_string(p, PRINT_ANY, "name", "%s", comm);
	print_int(p, PRINT_ANY, "pid", "(%d)", pid);
	print_close_object(p);
}

/* Every descriptor of /dev/net/tun attached to `dev`, one entry per
 * descriptor, in /proc's order (pids, then fds, ascending). */
static void print_processes_of(struct printer *p, int pid, const char *dev)
{
	char dir[32], path[300], target[sizeof(TUNDEV) + 1];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", pid);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		ssize_t n;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		if (!strcmp(target, TUNDEV) && fd_attached_to(pid, e->d_name, dev))
			print_process(p, pid);
	}
	closedir(d);
}

static void print_processes(struct printer *p, const char *dev)
{
	struct dirent *e;
	DIR *proc = opendir("/proc");

	if (!proc)
		return;
	print_open_array(p, PRINT_JSON, "processes", NULL);
	while ((e = readdir(proc))) {
		int pid = atoi(e->d_name);

		if (isdigit((unsigned char)e->d_name[0]) && pid != getpid())
			print_processes_of(p, pid, dev);
	}
	print_close_array(p, PRINT_JSON, NULL);
	closedir(proc);
}

/* The kind inside IFLA_LINKINFO, or NULL. */
static const char *linkinfo_kind(const struct nlattr *linkinfo)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, linkinfo)
		if (mnl_attr_get_type(a) == IFLA_INFO_KIND && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			return mnl_attr_get_str(a);
	return NULL;
}

static int tuntap_show_one(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[IFLA_MAX + 1] = {
		[IFLA_IFNAME] = MNL_TYPE_NUL_STRING, [IFLA_LINKINFO] = MNL_TYPE_NESTED,
	};
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct ipbox *ib = data;
	struct printer *p = ib->pr;
	const char *name, *kind;
	long flags, owner, group;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    attr_parse(tb, IFLA_MAX, policy, nlh, sizeof(*ifi)) < 0 ||
	    (ifi->ifi_type != ARPHRD_NONE && ifi->ifi_type != ARPHRD_ETHER) ||
	    !tb[IFLA_IFNAME] || !tb[IFLA_LINKINFO])
		return NL_CB_OK;
	kind = linkinfo_kind(tb[IFLA_LINKINFO]);
	if (!kind || strcmp(kind, "tun"))
		return NL_CB_OK;
	name = mnl_attr_get_str(tb[IFLA_IFNAME]);
	if (read_prop(name, "tun_flags", &flags) < 0 || read_prop(name, "owner", &owner) < 0 ||
	    read_prop(name, "group", &group) < 0)
		return NL_CB_OK;
	print_open_object(p, NULL);
	print_color_string(p, PRINT_ANY, COLOR_IFNAME, "ifname", "%s:", name);
	print_tun_flags(p, flags);
	if (owner != -1)
		print_u64(p, PRINT_ANY, "user", " user %" PRIu64, (uint64_t)owner);
	if (group != -1)
		print_u64(p, PRINT_ANY, "group", " group %" PRIu64, (uint64_t)group);
	if (ib->details) {
		print_nl(p);
		print_text(p, "\tAttached to processes:");
		print_processes(p, name);
	}
	print_close_object(p);
	print_text(p, "\n");
	return NL_CB_OK;
}

static int tuntap_show(struct ipbox *ib, int argc, char **argv)
{
	struct link_filter f;
	struct nlreq req;
	struct nl *nl;
	int ret;

	(void)argc, (void)argv;	/* iproute2's show takes no selector */
	nl = rt_socket(ib);
	if (!nl)
		return EXIT_FAIL;
	link_filter_init(&f, AF_UNSPEC);
	f.kind = "tun";
	link_dump_request(&req, &f, AF_UNSPEC);
	print_doc_begin(ib->pr);
	ret = nl_dump(nl, &req, tuntap_show_one, ib);
	print_doc_end(ib->pr);
	if (ret < 0) {
		fprintf(stderr, "Dump terminated\n");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int tuntap_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return tuntap_usage();
}

/* iproute2's order: `d` is delete, `l` list. */
static const struct verb tuntap_verbs[] = {
	{ "add", tuntap_add },
	{ "delete", tuntap_del },
	{ "show", tuntap_show },
	{ "lst", tuntap_show },
	{ "list", tuntap_show },
	{ "help", tuntap_help },
	{ NULL, NULL },
};

int do_tuntap(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, tuntap_verbs, "tuntap", tuntap_show, argc, argv);
}

void words_tuntap(void)
{
	WORDS_TABLE("verb", tuntap_verbs, word);
	WORDS_POOLED("keyword", tuntap_words);
}
