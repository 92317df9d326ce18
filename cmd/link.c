/* ip link: show, add, set/change, replace, delete, property, help. */
#include "link.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "../args/inet.h"
#include "../args/walk.h"
#include "../args/wordpool.h"
#include "../names/names.h"
#include "../namespace/named.h"
#include "../netlink/lladdr.h"
#include "addr_flags.h"
#include "usage.h"
#include "words.h"

#define IFALIASZ 256

/* iproute2's usage, trimmed to the words link_parse and link_show_args
 * take, plus the ones iproute2 takes without saying so (qlen, txqlen,
 * brd, and the address filters of show). */
USAGE(link,
	"Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"
	"\t\t    [ txqueuelen PACKETS ]\n"
	"\t\t    [ address LLADDR ]\n"
	"\t\t    [ broadcast LLADDR ]\n"
	"\t\t    [ mtu MTU ] [index IDX ]\n"
	"\t\t    [ numtxqueues QUEUE_COUNT ]\n"
	"\t\t    [ numrxqueues QUEUE_COUNT ]\n"
	"\t\t    [ netns { PID | NAME } ]\n"
	"\t\t    type TYPE [ ARGS ]\n"
	"\n"
	"\tip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]\n"
	"\n"
	"\tip link set { DEVICE | dev DEVICE | group DEVGROUP }\n"
	"\t\t\t[ { up | down } ]\n"
	"\t\t\t[ type TYPE ARGS ]\n"
	"\t\t[ arp { on | off } ]\n"
	"\t\t[ dynamic { on | off } ]\n"
	"\t\t[ multicast { on | off } ]\n"
	"\t\t[ allmulticast { on | off } ]\n"
	"\t\t[ promisc { on | off } ]\n"
	"\t\t[ trailers { on | off } ]\n"
	"\t\t[ carrier { on | off } ]\n"
	"\t\t[ { txqueuelen | qlen | txqlen } PACKETS ]\n"
	"\t\t[ name NEWNAME ]\n"
	"\t\t[ address LLADDR ]\n"
	"\t\t[ { broadcast | brd } LLADDR ]\n"
	"\t\t[ mtu MTU ]\n"
	"\t\t[ netns { PID | NAME } ]\n"
	"\t\t[ link-netns NAME | link-netnsid ID ]\n"
	"\t\t[ alias NAME ]\n"
	"\t\t[ vf NUM ... ]\n"
	"\t\t[ { xdp | xdpgeneric | xdpdrv | xdpoffload } { off | none } ]\n"
	"\t\t[ group GROUP ]\n"
	"\t\t[ mode { default | dormant } ]\n"
	"\t\t[ state STATE ]\n"
	"\t\t[ master DEVICE ][ vrf NAME ]\n"
	"\t\t[ nomaster ]\n"
	"\t\t[ addrgenmode { eui64 | none | stable_secret | random } ]\n"
	"\t\t[ protodown { on | off } ]\n"
	"\t\t[ protodown_reason PREASON { on | off } ]\n"
	"\t\t[ gso_max_size BYTES ] | [ gso_max_segs PACKETS ]\n"
	"\t\t[ gro_max_size BYTES ]\n"
	"\n"
	"\tip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]\n"
	"\t\t[nomaster] [ to PREFIX ] [ scope SCOPE-ID ] [ label PATTERN ]\n"
	"\n"
	"\tip link xstats type TYPE [ ARGS ]\n"
	"\n"
	"\tip link afstats [ dev DEVICE ]\n"
	"\tip link property add dev DEVICE [ altname NAME .. ]\n"
	"\tip link property del dev DEVICE [ altname NAME .. ]\n"
	"\n"
	"\tip link help [ TYPE ]\n"
	"\n"
	LINK_TYPE_USAGE
	"SCOPE-ID := [ host | link | global | all | NUMBER ]\n");

static int link_usage(void)
{
	return usage_print("link");
}

/* ---- show ------------------------------------------------------------- */

static int show_one(const struct nlmsghdr *nlh, void *data)
{
	struct link_show *ls = data;
	struct printer *p = ls->ib->pr;

	print_open_object(p, NULL);
	link_print(ls, nlh);
	print_close_object(p);
	return NL_CB_OK;
}

/* A group name or number; iproute2 reads the number into an int, so
 * 2^31 and above are refused. */
static int group_of(const char *v, uint32_t *g)
{
	return names_to_id(&names_groups, v, g) < 0 || *g > INT32_MAX ? -1 : 0;
}

/* What the words of `ip link show` / `ip address show` fill. */
struct show_args {
	struct link_filter *f;
	const char **dev;
	const struct show_hooks *h;	/* address show's, or NULL */
};

static int show_to(struct show_args *s, struct arg_walk *w)
{
	const char *v;

	WALK_NEXT(w, v);
	if (inet_get_prefix(&s->f->pfx, v, s->f->family))
		return EXIT_FAIL;
	if (s->f->family == AF_UNSPEC)
		s->f->family = s->f->pfx.family;
	return 0;
}

static int show_scope(struct show_args *s, struct arg_walk *w)
{
	const char *v;
	uint32_t scope;

	WALK_NEXT(w, v);
	s->f->scopemask = -1;
	/* rtnl_rtscope_a2n: a scope is at most 255 */
	if (names_to_id(&names_scopes, v, &scope) < 0 || scope > 255) {
		if (strcmp(v, "all") != 0)
			return arg_invalid("invalid \"scope\"\n", v);
		scope = RT_SCOPE_NOWHERE;
		s->f->scopemask = 0;
	}
	s->f->scope = (int)scope;
	return 0;
}

static int show_up(struct show_args *s, struct arg_walk *w)
{
	(void)w;
	s->f->up = true;
	return 0;
}

static int show_label(struct show_args *s, struct arg_walk *w)
{
	WALK_NEXT(w, s->f->label);
	return 0;
}

static int show_group(struct show_args *s, struct arg_walk *w)
{
	const char *v;
	uint32_t g;

	WALK_NEXT(w, v);
	if (group_of(v, &g) < 0)
		return arg_invalid("Invalid \"group\" value\n", v);
	s->f->group = g;
	return 0;
}

static int show_master(struct show_args *s, struct arg_walk *w)
{
	const char *v;

	WALK_NEXT(w, v);
	s->f->master = ifname_to_index(v);
	if (!s->f->master)
		return arg_invalid("Device does not exist\n", v);
	return 0;
}

static int show_vrf(struct show_args *s, struct arg_walk *w)
{
	const char *v;

	WALK_NEXT(w, v);
	s->f->master = ifname_to_index(v);
	if (!s->f->master || !link_is_vrf(v))
		return arg_invalid("Not a valid VRF name\n", v);
	return 0;
}

static int show_nomaster(struct show_args *s, struct arg_walk *w)
{
	(void)w;
	s->f->master = -1;
	return 0;
}

/* type KIND, or KIND_slave for the links enslaved to one */
static int show_type(struct show_args *s, struct arg_walk *w)
{
	char *v;
	size_t n;

	if (!walk_next(w))
		return arg_incomplete();
	v = *w->argv;
	n = strlen(v);
	if (n >= 6 && !strcmp(v + n - 6, "_slave")) {
		v[n - 6] = '\0';
		s->f->slave_kind = v;
	} else {
		s->f->kind = v;
	}
	return 0;
}

/* ipaddr_list_flush_or_save's words in its order; the address flags
 * (permanent, dynamic, ...) come after up, for link show as well */
static const struct show_word {
	word_off word;
	bool exact;
	int (*fn)(struct show_args *s, struct arg_walk *w);
} show_words[] = {
	{ W("to"), true, show_to }, { W("scope"), true, show_scope },
	{ W("up"), true, show_up },
};

static const struct show_word show_words_late[] = {
	{ W("label"), true, show_label }, { W("group"), true, show_group },
	{ W("master"), true, show_master }, { W("vrf"), true, show_vrf },
	{ W("nomaster"), true, show_nomaster }, { W("type"), true, show_type },
};

/* The last branch: help, or [dev] DEVICE */
static int show_dev(struct show_args *s, struct arg_walk *w)
{
	const char *v = *w->argv;

	if (!strcmp(v, "dev"))
		WALK_NEXT(w, v);
	else if (matches(v, "help"))
		return s->h ? s->h->usage() : link_usage();
	if (*s->dev)
		return arg_garbage("dev", v);
	*s->dev = v;
	return 0;
}

static int show_word(struct show_args *s, struct arg_walk *w)
{
	const struct show_word *k = KEYWORD_FIND(show_words, *w->argv);

	if (k)
		return k->fn(s, w);
	if (addr_flag_filter(s->f, *w->argv))
		return 0;
	k = KEYWORD_FIND(show_words_late, *w->argv);
	return k ? k->fn(s, w) : show_dev(s, w);
}

/* Parse the words of `ip link show` / `ip address show` into a filter;
 * *dev is the device named, if any, and f->ifindex its index (a device
 * that does not exist fails). */
int link_show_args(struct link_filter *f, int argc, char **argv, const char **dev,
		   const struct show_hooks *h)
{
	struct show_args s = { f, dev, h };
	struct arg_walk w = { argc, argv };

	*dev = NULL;
	for (; w.argc > 0; w.argc--, w.argv++) {
		int ret = show_word(&s, &w);

		if (ret)
			return ret;
	}
	if (*dev && (f->ifindex = ifname_to_index(*dev)) <= 0) {
		fprintf(stderr, "Device \"%s\" does not exist.\n", *dev);
		return EXIT_FAIL;
	}
	return 0;
}

/* One link, asked for by name as iproute2's iplink_get asks: a name
 * that only the ifN notation resolved (no device has it) fails here, as
 * there. */
static int link_get_one(struct ipbox *ib, struct link_show *ls, const char *dev)
{
	struct nlreq req;
	struct ifinfomsg *ifi;
	struct nl *nl = rt_socket(ib);

	if (!nl)
		return EXIT_FAIL;
	ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	nlreq_put_str(&req, ifname_usable(dev, IF_NAMESIZE) ? IFLA_IFNAME : IFLA_ALT_IFNAME, dev);
	nlreq_put_u32(&req, IFLA_EXT_MASK, RTEXT_FILTER_VF);
	print_doc_begin(ib->pr);
	if (nl_talk(nl, &req, show_one, ls) < 0) {
		print_doc_end(ib->pr);
		nl_perror(nl);
		fprintf(stderr, "Cannot send link get request: %s\n", strerror(nl->error));
		return EXIT_FAIL;
	}
	print_doc_end(ib->pr);
	return EXIT_OK;
}

/* The dump request, with the kernel-side filters iproute2 sends. */
void link_dump_request(struct nlreq *req, const struct link_filter *f, int family)
{
	struct ifinfomsg *ifi = nlreq_init(req, RTM_GETLINK, 0, sizeof(*ifi));

	ifi->ifi_family = (unsigned char)family;
	/* Only the generic dump takes attributes; the inet6 one refuses them. */
	if (family != AF_UNSPEC && family != AF_PACKET)
		return;
	nlreq_put_u32(req, IFLA_EXT_MASK, RTEXT_FILTER_VF);
	if (f->master)
		nlreq_put_u32(req, IFLA_MASTER, (uint32_t)f->master);
	if (f->kind) {
		struct nlattr *li = nlreq_nest_start(req, IFLA_LINKINFO);

		nlreq_put_str(req, IFLA_INFO_KIND, f->kind);
		nlreq_nest_end(req, li);
	}
}

static int link_show(struct ipbox *ib, int argc, char **argv)
{
	struct link_filter f;
	struct link_show ls = { .ib = ib, .f = &f };
	const char *dev;
	struct nlreq req;
	struct nl *nl;
	int ret;

	link_filter_init(&f, AF_PACKET);
	f.do_link = true;
	ret = link_show_args(&f, argc, argv, &dev, NULL);
	if (ret)
		return ret;
	if (dev && f.group == -1) {
		ret = link_get_one(ib, &ls, dev);
		link_show_close(&ls);
		return ret;
	}
	nl = rt_socket(ib);
	if (!nl)
		return EXIT_FAIL;
	link_dump_request(&req, &f, AF_PACKET);
	print_doc_begin(ib->pr);
	ls.dump = nl;
	ret = nl_dump(nl, &req, show_one, &ls);
	print_doc_end(ib->pr);
	link_show_close(&ls);
	if (ret < 0) {
		nl_perror(nl);
		fprintf(stderr, "Dump terminated\n");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* ---- add, set, replace, delete ---------------------------------------- */

/* What iproute2's iplink_parse has read so far: the request it fills,
 * the values whose duplicates it refuses, and where `type` stopped it. */
struct link_args {
	struct nlreq *r;
	struct ifinfomsg *ifi;
	bool create;		/* add, replace: NLM_F_CREATE */
	const char *name, *dev, *link;
	int32_t qlen, mtu, ntx, nrx, index, nsid;
	int64_t group;
	int addr_len;
	bool netns_given;
	bool force;		/* -force: xdp replaces an attached program */
	int *netns_fd;		/* `netns NAME`'s descriptor, closed by the caller */
	const char *type;	/* after `type`; the kind's words follow it */
};

/* A keyword of iplink_parse; the fields after the handler are data for
 * the handlers that several words share. */
/* Pointers first, narrow fields after: 56 bytes a row, not 80. */
/* The values by number of the few words that name them (mode, state,
 * addrgenmode): kept out of the rows, 48 bytes then, not 56 (size). */
struct link_names {
	const char *const *names;
	const char *err;	/* a value not in names */
	size_t n;
};

struct link_word {
	int (*fn)(struct link_args *a, struct arg_walk *w, const struct link_word *k);
	const char *key;	/* the word errors name (iproute2's), or NULL: word */
	const struct link_names *names;
	unsigned int flag;	/* an ifi_flags bit the on/off rows change */
	uint32_t max;		/* the largest number taken, or 0: any */
	word_off word;
	uint16_t slot;		/* offsetof the int32_t that refuses duplicates */
	uint16_t attr;		/* the attribute a value goes into */
	bool exact;
	bool inverted;		/* "on" clears it (arp, trailers) */
};
_Static_assert(sizeof(struct link_args) <= UINT16_MAX, "a link_word's slot is an offset in 16 bits");

static const char *word_key(const struct link_word *k)
{
	return k->key ? k->key : WORD(k->word);
}

static int on_off(const char *key, const char *val)
{
	fprintf(stderr, "Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n", key, val);
	return EXIT_FAIL;
}

/* up, down: no value */
static int link_up(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	(void)w;
	a->ifi->ifi_change |= IFF_UP;
	if (k->inverted)
		a->ifi->ifi_flags &= ~IFF_UP;
	else
		a->ifi->ifi_flags |= IFF_UP;
	return 0;
}

/* arp, multicast, promisc, ...: an ifi_flags bit, on or off */
static int link_flag(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;
	bool on;

	WALK_NEXT(w, v);
	if (!strcmp(v, "on"))
		on = true;
	else if (!strcmp(v, "off"))
		on = false;
	else
		return on_off(word_key(k), v);
	a->ifi->ifi_change |= k->flag;
	if (on != k->inverted)
		a->ifi->ifi_flags |= k->flag;
	else
		a->ifi->ifi_flags &= ~k->flag;
	return 0;
}

/* carrier, protodown: iproute2 6.1's parse_on_off(), with other words
 * and EINVAL's exit status */
static int link_on_off_attr(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;

	WALK_NEXT(w, v);
	if (strcmp(v, "on") && strcmp(v, "off")) {
		fprintf(stderr, "Error: argument of \"%s\" must be one of \"off\", \"on\", not \"%s\"\n",
			word_key(k), v);
		return EINVAL;
	}
	nlreq_put_u8(a->r, k->attr, !strcmp(v, "on"));
	return 0;
}

/* txqueuelen, mtu, numtxqueues, ...: an int, once */
static int link_int(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	int32_t *slot = (int32_t *)((char *)a + k->slot);
	const char *dup = k->attr == IFLA_LINK_NETNSID ? "link-netns/link-netnsid" : word_key(k);
	char msg[64];
	const char *v;

	WALK_NEXT(w, v);
	if (*slot != -1)
		return arg_duplicate(dup, v);
	snprintf(msg, sizeof(msg), "Invalid \"%s\" value\n", word_key(k));
	if (arg_i32(v, slot, 0) < 0)
		return arg_invalid(msg, v);
	nlreq_put_u32(a->r, k->attr, (uint32_t)*slot);
	return 0;
}

/* gso_max_size, gso_max_segs, gro_max_size: unsigned, duplicates taken */
static int link_u32(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	char msg[64];
	const char *v;
	uint32_t n;

	WALK_NEXT(w, v);
	snprintf(msg, sizeof(msg), "Invalid \"%s\" value\n", WORD(k->word));
	if (arg_u32(v, &n, 0) < 0 || (k->max && n > k->max))
		return arg_invalid(msg, v);
	nlreq_put_u32(a->r, k->attr, n);
	return 0;
}

static int link_name(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;

	(void)k;
	WALK_NEXT(w, v);
	if (a->name)
		return arg_duplicate("name", v);
	if (!ifname_usable(v, IF_NAMESIZE))
		return arg_invalid("\"name\" not a valid ifname", v);
	a->name = v;
	if (!a->dev)
		a->dev = v;
	return 0;
}

static int link_index(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;

	(void)k;
	WALK_NEXT(w, v);
	if (a->index)
		return arg_duplicate("index", v);
	a->index = atoi(v);
	if (a->index <= 0)
		return arg_invalid("Invalid \"index\" value", v);
	return 0;
}

static int link_link(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	(void)k;
	WALK_NEXT(w, a->link);
	return 0;
}

/* address, broadcast: a link-layer address */
static int link_lladdr(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	uint8_t buf[LLADDR_MAX];
	const char *v;
	int len;

	WALK_NEXT(w, v);
	len = lladdr_pton(v, buf, sizeof(buf));
	if (len < 0)
		return EXIT_FAIL;
	if (k->attr == IFLA_ADDRESS)
		a->addr_len = len;
	nlreq_put(a->r, k->attr, (size_t)len, buf);
	return 0;
}

static int netns_fd_of(const char *name)
{
	if (strchr(name, '/'))
		return open(name, O_RDONLY | O_CLOEXEC);
	return netns_open(name);
}

static int link_netns(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;
	int32_t pid;

	(void)k;
	WALK_NEXT(w, v);
	if (a->netns_given)
		return arg_duplicate("netns", v);
	a->netns_given = true;
	*a->netns_fd = netns_fd_of(v);
	if (*a->netns_fd >= 0)
		nlreq_put_u32(a->r, IFLA_NET_NS_FD, (uint32_t)*a->netns_fd);
	else if (arg_i32(v, &pid, 0) == 0)
		nlreq_put_u32(a->r, IFLA_NET_NS_PID, (uint32_t)pid);
	else
		return arg_invalid("Invalid \"netns\" value\n", v);
	return 0;
}

static int link_master(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;
	int idx;

	(void)k;
	WALK_NEXT(w, v);
	idx = ifname_to_index(v);
	if (!idx)
		return arg_invalid("Device does not exist\n", v);
	nlreq_put_u32(a->r, IFLA_MASTER, (uint32_t)idx);
	return 0;
}

static int link_vrf(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;
	int idx;

	(void)k;
	WALK_NEXT(w, v);
	idx = ifname_to_index(v);
	if (!idx || !link_is_vrf(v))
		return arg_invalid("Not a valid VRF name\n", v);
	nlreq_put_u32(a->r, IFLA_MASTER, (uint32_t)idx);
	return 0;
}

static int link_nomaster(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	(void)w, (void)k;
	nlreq_put_u32(a->r, IFLA_MASTER, 0);
	return 0;
}

static int link_type(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	(void)k;
	WALK_NEXT(w, a->type);
	return 0;
}

static int link_alias(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;

	(void)k;
	WALK_NEXT(w, v);
	if (strlen(v) >= IFALIASZ)
		return arg_invalid("alias too long\n", v);
	nlreq_put(a->r, IFLA_IFALIAS, strlen(v), v);
	return 0;
}

static int link_group(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;
	uint32_t g;

	(void)k;
	WALK_NEXT(w, v);
	if (a->group != -1)
		return arg_duplicate("group", v);
	if (group_of(v, &g) < 0)
		return arg_invalid("Invalid \"group\" value\n", v);
	a->group = g;
	nlreq_put_u32(a->r, IFLA_GROUP, g);
	return 0;
}

/* The index of v in names (case aside), or -1. */
static int name_index(const char *const *names, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(v, names[i]))
			return (int)i;
	return -1;
}

/* mode, state: a name of k->names (case aside), its index a u8 */
static int link_named_u8(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;
	int i;

	WALK_NEXT(w, v);
	i = name_index(k->names->names, k->names->n, v);
	if (i < 0)
		return arg_invalid(k->names->err, v);
	nlreq_put_u8(a->r, k->attr, (uint8_t)i);
	return 0;
}

static int link_addrgenmode(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	struct nlattr *afs, *af6;
	const char *v;
	int m;

	WALK_NEXT(w, v);
	m = name_index(k->names->names, k->names->n, v);
	if (m < 0)
		return arg_invalid(k->names->err, v);
	afs = nlreq_nest_start(a->r, IFLA_AF_SPEC);
	af6 = nlreq_nest_start(a->r, AF_INET6);
	nlreq_put_u8(a->r, IFLA_INET6_ADDR_GEN_MODE, (uint8_t)m);
	nlreq_nest_end(a->r, af6);
	nlreq_nest_end(a->r, afs);
	return 0;
}

/* link-netns NAME: the nsid this namespace gives NAME, assigned first
 * when it has none (iproute2's get/set_netnsid_from_name). */
static int link_netns_name(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	struct nl *nl;
	const char *v;

	(void)k;
	WALK_NEXT(w, v);
	if (a->nsid != -1)
		return arg_duplicate("link-netns/link-netnsid", v);
	nl = nl_new(NETLINK_ROUTE);
	if (!nl)
		return EXIT_FAIL;
	a->nsid = netns_nsid(nl, v);
	if (a->nsid < 0 && netns_nsid_assign(nl, v) == 0)
		a->nsid = netns_nsid(nl, v);
	nl_free(nl);
	if (a->nsid < 0)
		return arg_invalid("Invalid \"link-netns\" value\n", v);
	nlreq_put_u32(a->r, IFLA_LINK_NETNSID, (uint32_t)a->nsid);
	return 0;
}

/* protodown_reason PREASON on|off: one bit of the reasons' mask */
static int link_protodown_reason(struct link_args *a, struct arg_walk *w,
				 const struct link_word *k)
{
	struct nlattr *nest;
	const char *v;
	uint32_t bit;

	(void)k;
	WALK_NEXT(w, v);
	if (names_to_id(&names_protodown_reasons, v, &bit) < 0 || bit >= 32)
		return arg_invalid("invalid protodown reason\n", v);
	WALK_NEXT(w, v);
	/* iproute2 takes on and off abbreviated here, and only here */
	if (!matches(v, "on") && !matches(v, "off"))
		return on_off("protodown_reason", v);
	nest = nlreq_nest_start(a->r, IFLA_PROTO_DOWN_REASON);
	nlreq_put_u32(a->r, IFLA_PROTO_DOWN_REASON_MASK, 1u << bit);
	nlreq_put_u32(a->r, IFLA_PROTO_DOWN_REASON_VALUE, matches(v, "on") ? 1u << bit : 0);
	nlreq_nest_end(a->r, nest);
	return 0;
}

/* xdp, xdpgeneric, xdpdrv, xdpoffload (k->flag: the mode): detaching,
 * `off` or `none` as the last word (iproute2 reads them only there), is
 * IFLA_XDP with fd -1.  Loading a program needs libbpf, which ipbox does
 * not link: refused (ipbox-link(8)). */
static int link_xdp(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	uint32_t flags = k->flag | (a->force ? 0 : XDP_FLAGS_UPDATE_IF_NOEXIST);
	struct nlattr *nest;
	const char *v;

	WALK_NEXT(w, v);
	if (w->argc != 1 || (strcmp(v, "off") && strcmp(v, "none"))) {
		fprintf(stderr, "Error: %s: loading a BPF program is not implemented in ipbox (only \"%s off\").\n",
			WORD(k->word), WORD(k->word));
		return EXIT_USAGE;
	}
	nest = nlreq_nest_start(a->r, IFLA_XDP);
	nlreq_put_s32(a->r, IFLA_XDP_FD, -1);
	if (flags)
		nlreq_put_u32(a->r, IFLA_XDP_FLAGS, flags);
	nlreq_nest_end(a->r, nest);
	return 0;
}

/* vf NUM ...: SR-IOV virtual functions (no such hardware here). */
static int link_vf(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;
	int32_t n;

	(void)a, (void)k;
	WALK_NEXT(w, v);
	if (arg_i32(v, &n, 0) < 0)
		return arg_invalid("Invalid \"vf\" value\n", v);
	WALK_NEXT(w, v);
	fprintf(stderr, "Error: vf: SR-IOV virtual functions are not implemented in ipbox.\n");
	return EXIT_USAGE;
}

static int link_parentdev(struct link_args *a, struct arg_walk *w, const struct link_word *k)
{
	const char *v;

	(void)k;
	WALK_NEXT(w, v);
	nlreq_put_str(a->r, IFLA_PARENT_DEV_NAME, v);
	return 0;
}

/* iplink_parse's last branch: help, or [dev] DEVICE */
static int link_dev(struct link_args *a, struct arg_walk *w)
{
	const char *v = *w->argv;

	if (matches(v, "help"))
		return link_usage();
	if (!strcmp(v, "dev"))
		WALK_NEXT(w, v);
	if (a->dev != a->name)
		return arg_garbage("dev", v);
	if (!ifname_usable(v, 0))
		return arg_invalid("\"dev\" not a valid ifname", v);
	a->dev = v;
	return 0;
}

#define SLOT(field) .slot = offsetof(struct link_args, field)
#define NAMES(list, e) .names = &(const struct link_names){ (list), (e), ARRAY_SIZE(list) }
#define LW(w, x, f, ...) { .word = W(w), .exact = (x), .fn = (f), __VA_ARGS__ }

static const char *const link_modes[] = { "default", "dormant" };
static const char *const operstates[] = { "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
	"TESTING", "DORMANT", "UP" };
static const char *const addrgenmodes[] = { "eui64", "none", "stable_secret", "random" };

/* iplink_parse's words in its order (which decides abbreviations) */
static const struct link_word link_words[] = {
	LW("up", true, link_up),
	LW("down", true, link_up, .inverted = true),
	LW("name", true, link_name),
	LW("index", true, link_index),
	LW("link", false, link_link),
	LW("address", false, link_lladdr, .attr = IFLA_ADDRESS),
	LW("broadcast", false, link_lladdr, .attr = IFLA_BROADCAST),
	LW("brd", true, link_lladdr, .attr = IFLA_BROADCAST),
	LW("txqueuelen", false, link_int, .attr = IFLA_TXQLEN, SLOT(qlen)),
	LW("qlen", true, link_int, .key = "txqueuelen", .attr = IFLA_TXQLEN, SLOT(qlen)),
	LW("txqlen", false, link_int, .key = "txqueuelen", .attr = IFLA_TXQLEN, SLOT(qlen)),
	LW("mtu", true, link_int, .attr = IFLA_MTU, SLOT(mtu)),
	LW("xdpgeneric", true, link_xdp, .flag = XDP_FLAGS_SKB_MODE),
	LW("xdpdrv", true, link_xdp, .flag = XDP_FLAGS_DRV_MODE),
	LW("xdpoffload", true, link_xdp, .flag = XDP_FLAGS_HW_MODE),
	LW("xdp", true, link_xdp),
	LW("netns", true, link_netns),
	LW("multicast", true, link_flag, .flag = IFF_MULTICAST),
	LW("allmulticast", true, link_flag, .flag = IFF_ALLMULTI),
	LW("promisc", true, link_flag, .flag = IFF_PROMISC),
	LW("trailers", true, link_flag, .flag = IFF_NOTRAILERS, .inverted = true),
	LW("arp", true, link_flag, .flag = IFF_NOARP, .inverted = true),
	LW("carrier", true, link_on_off_attr, .attr = IFLA_CARRIER),
	LW("vf", true, link_vf),
	LW("master", false, link_master),
	LW("vrf", true, link_vrf),
	LW("nomaster", false, link_nomaster),
	LW("dynamic", false, link_flag, .flag = IFF_DYNAMIC),
	LW("type", false, link_type),
	LW("alias", false, link_alias),
	LW("group", true, link_group),
	LW("mode", true, link_named_u8, .attr = IFLA_LINKMODE,
	   NAMES(link_modes, "Invalid link mode\n")),
	LW("state", true, link_named_u8, .attr = IFLA_OPERSTATE,
	   NAMES(operstates, "Invalid operstate\n")),
	LW("numtxqueues", false, link_int, .attr = IFLA_NUM_TX_QUEUES, SLOT(ntx)),
	LW("numrxqueues", false, link_int, .attr = IFLA_NUM_RX_QUEUES, SLOT(nrx)),
	LW("addrgenmode", false, link_addrgenmode,
	   NAMES(addrgenmodes, "Invalid address generation mode\n")),
	LW("link-netns", false, link_netns_name),
	LW("link-netnsid", false, link_int, .attr = IFLA_LINK_NETNSID, SLOT(nsid)),
	LW("protodown", true, link_on_off_attr, .attr = IFLA_PROTO_DOWN),
	LW("protodown_reason", true, link_protodown_reason),
	LW("gso_max_size", true, link_u32, .attr = IFLA_GSO_MAX_SIZE),
	LW("gso_max_segs", true, link_u32, .attr = IFLA_GSO_MAX_SEGS, .max = 65535),
	LW("gro_max_size", true, link_u32, .attr = IFLA_GRO_MAX_SIZE),
	LW("parentdev", true, link_parentdev),
};

/* The words up to `type` (w then stands on the kind's first word). */
static int link_words_walk(struct link_args *a, struct arg_walk *w)
{
	for (; w->argc > 0; w->argc--, w->argv++) {
		const struct link_word *k = KEYWORD_FIND(link_words, *w->argv);
		int ret = k ? k->fn(a, w, k) : link_dev(a, w);

		if (ret)
			return ret;
		if (a->type) {
			w->argc--, w->argv++;
			break;
		}
	}
	return 0;
}

static int lladdr_len_answer(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return NL_CB_STOP;
	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg))
		if (mnl_attr_get_type(a) == IFLA_ADDRESS)
			*(int *)data = (int)mnl_attr_get_payload_len(a);
	return NL_CB_STOP;
}

/* The length of dev's hardware address, or -1 (iproute2 checks a new
 * address against it before asking the kernel). */
static int lladdr_len_of(const char *dev)
{
	struct nlreq req;
	struct ifinfomsg *ifi;
	struct nl *nl = nl_new(NETLINK_ROUTE);
	int len = -1;

	if (!nl)
		return -1;
	ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	nlreq_put_u32(&req, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	nlreq_put_str(&req, strlen(dev) < IF_NAMESIZE ? IFLA_IFNAME : IFLA_ALT_IFNAME, dev);
	if (nl_talk(nl, &req, lladdr_len_answer, &len) < 0)
		len = -1;
	nl_free(nl);
	return len;
}

/* What iplink_parse checks once every word is read, before the device
 * is looked up. */
static int link_args_check(struct link_args *a)
{
	if (a->dev && a->addr_len && !a->create) {
		int halen = lladdr_len_of(a->dev);

		if (halen >= 0 && halen != a->addr_len) {
			fprintf(stderr, "Invalid address length %d - must be %d bytes\n",
				a->addr_len, halen);
			return EXIT_FAIL;
		}
	}
	if (!a->create && a->index && !a->netns_given) {
		fprintf(stderr, "index can be used only when creating devices or when moving device to another netns.\n");
		return EXIT_USAGE;
	}
	return 0;
}

/* `set|delete group N` names no device: index 0 and IFLA_GROUP, every
 * device of the group (the kernel's rtnl_group_changelink/dellink);
 * iproute2 takes no kind words after it. */
static int link_group_only(struct link_args *a, const struct arg_walk *w)
{
	if (w->argc > 0) {
		link_garbage(*w->argv);
		return EXIT_USAGE;
	}
	if (a->create) {
		fprintf(stderr, "group cannot be used when creating devices.\n");
		return EXIT_USAGE;
	}
	a->type = NULL;
	return 0;
}

/* set, change, delete: the device changed must exist */
static int link_target(struct link_args *a)
{
	if (!a->dev) {
		fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
		return EXIT_USAGE;
	}
	a->ifi->ifi_index = ifname_to_index(a->dev);
	if (!a->ifi->ifi_index)
		return arg_nodev(a->dev);
	if (a->name == a->dev)
		a->name = NULL;	/* not renamed to its own name */
	if (a->index)
		nlreq_put_u32(a->r, IFLA_NEW_IFINDEX, (uint32_t)a->index);
	return 0;
}

/* add, replace: one name, and the lower device must exist */
static int link_creation(struct link_args *a)
{
	if (a->name != a->dev) {
		fprintf(stderr, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
		return EXIT_USAGE;
	}
	if (a->link) {
		int idx = ifname_to_index(a->link);

		if (!idx)
			return arg_nodev(a->link);
		nlreq_put_u32(a->r, IFLA_LINK, (uint32_t)idx);
	}
	a->ifi->ifi_index = a->index;
	return 0;
}

/* iproute2's iplink_parse: attributes go into the request in the order
 * given; w is left on the kind's words (none when a->type is NULL). */
static int link_parse(struct link_args *a, struct arg_walk *w)
{
	int ret = link_words_walk(a, w);

	if (ret)
		return ret;
	if (!a->name)
		a->name = a->dev;
	else if (!a->dev)
		a->dev = a->name;
	else if (!strcmp(a->name, a->dev))
		a->name = a->dev;
	ret = link_args_check(a);
	if (ret)
		return ret;
	if (!a->dev && a->group != -1)
		return link_group_only(a, w);
	ret = a->create ? link_creation(a) : link_target(a);
	if (!ret && a->name)
		nlreq_put_str(a->r, IFLA_IFNAME, a->name);
	return ret;
}

static void link_args_init(struct link_args *a, struct nlreq *r, struct ifinfomsg *ifi,
			   bool create, int *netns_fd)
{
	*a = (struct link_args){
		.r = r, .ifi = ifi, .create = create, .netns_fd = netns_fd,
		.qlen = -1, .mtu = -1, .ntx = -1, .nrx = -1, .nsid = -1, .group = -1,
	};
}

/* ---- kind options ----------------------------------------------------- */

/* What veth's `peer ARGS` needs of the link it is part of. */
struct peer_ctx {
	bool create;
	int *netns_fd;
};

/* veth's `peer ARGS`: the peer's own link words, by link_parse, with
 * the outer command's create (a delete's peer must exist). */
static int parse_peer(void *arg, struct nlreq *r, struct ifinfomsg *ifi, struct arg_walk *w,
		      const char **type)
{
	const struct peer_ctx *pc = arg;
	struct link_args sub;
	int ret;

	link_args_init(&sub, r, ifi, pc->create, pc->netns_fd);
	ret = link_parse(&sub, w);
	*type = sub.type;
	return ret;
}

/* Put IFLA_LINKINFO for `type KIND ARGS...` (cmd/kinds/): an exit
 * status. */
static int kind_opts(struct ipbox *ib, struct link_args *a, const struct arg_walk *w,
		     bool set_op, int *peer_fd)
{
	struct peer_ctx pc = { a->create, peer_fd };
	const struct kind_peer peer = { parse_peer, &pc };
	const struct link_kind_req kr = {
		.type = a->type, .argc = w->argc, .argv = w->argv,
		.set_op = set_op, .family = ib->family, .ifindex = a->ifi->ifi_index,
		.p = ib->pr, .peer = &peer,
	};

	/* help after a kind iproute2 has no parser for: the general usage */
	if (kr.argc && !link_kind_known(kr.type) && matches(kr.argv[0], "help"))
		return link_usage();
	return link_kind_request(a->r, &kr);
}

static int link_modify(struct ipbox *ib, uint16_t cmd, uint16_t flags, int argc, char **argv)
{
	struct nlreq req;
	struct ifinfomsg *ifi = nlreq_init(&req, cmd, flags, sizeof(*ifi));
	struct arg_walk w = { argc, argv };
	struct link_args a;
	int netns_fd = -1, peer_fd = -1, ret;

	ifi->ifi_family = (unsigned char)ib->family;
	link_args_init(&a, &req, ifi, flags & NLM_F_CREATE, &netns_fd);
	a.force = ib->force;
	ret = link_parse(&a, &w);
	/* iproute2's set_op: a change, not a creation */
	if (!ret && a.type)
		ret = kind_opts(ib, &a, &w, cmd == RTM_NEWLINK && !a.create, &peer_fd);
	else if (!ret && a.create) {
		fprintf(stderr, "Not enough information: \"type\" argument is required\n");
		ret = EXIT_FAIL;
	}
	if (!ret)
		ret = rt_talk(ib, &req);
	if (netns_fd >= 0)
		close(netns_fd);
	if (peer_fd >= 0)
		close(peer_fd);
	return ret;
}

static int link_add(struct ipbox *ib, int argc, char **argv)
{
	return link_modify(ib, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, argc, argv);
}

static int link_set(struct ipbox *ib, int argc, char **argv)
{
	return link_modify(ib, RTM_NEWLINK, 0, argc, argv);
}

static int link_replace(struct ipbox *ib, int argc, char **argv)
{
	return link_modify(ib, RTM_NEWLINK, NLM_F_CREATE | NLM_F_REPLACE, argc, argv);
}

static int link_delete(struct ipbox *ib, int argc, char **argv)
{
	return link_modify(ib, RTM_DELLINK, 0, argc, argv);
}

/* ---- property add/del dev DEV altname NAME... ---------------------------- */

/* iproute2 takes `del` and its prefixes, not `delete` */
static int property_words(struct nlreq *r, struct arg_walk *w, const char **dev)
{
	for (; w->argc > 0; w->argc--, w->argv++) {
		const char *v = *w->argv;

		if (matches(v, "altname")) {
			WALK_NEXT(w, v);
			if (!ifname_usable(v, 0))
				return arg_invalid("not a valid altname", v);
			nlreq_put_str(r, IFLA_ALT_IFNAME, v);
			continue;
		}
		if (matches(v, "help"))
			return link_usage();
		if (!strcmp(v, "dev"))
			WALK_NEXT(w, v);
		if (*dev)
			return arg_garbage("dev", v);
		if (!ifname_usable(v, 0))
			return arg_invalid("\"dev\" not a valid ifname", v);
		*dev = v;
	}
	return 0;
}

static int link_property(struct ipbox *ib, int argc, char **argv)
{
	struct arg_walk w = { argc - 1, argv + 1 };
	struct nlreq req;
	struct ifinfomsg *ifi;
	struct nlattr *props;
	const char *dev = NULL;
	uint16_t cmd, flags = 0;
	int ret;

	if (argc < 1 || matches(argv[0], "help"))
		return link_usage();
	if (matches(argv[0], "add")) {
		cmd = RTM_NEWLINKPROP;
		flags = NLM_F_CREATE | NLM_F_EXCL | NLM_F_APPEND;
	} else if (matches(argv[0], "del")) {
		cmd = RTM_DELLINKPROP;
	} else {
		fprintf(stderr, "Operator required\n");
		return EXIT_USAGE;
	}
	ifi = nlreq_init(&req, cmd, flags, sizeof(*ifi));
	ifi->ifi_family = (unsigned char)ib->family;
	props = nlreq_nest_start(&req, IFLA_PROP_LIST);
	ret = property_words(&req, &w, &dev);
	if (ret)
		return ret;
	nlreq_nest_end(&req, props);
	if (!dev) {
		fprintf(stderr, "Not enough of information: \"dev\" argument is required.\n");
		return EXIT_USAGE;
	}
	if (!ifname_to_index(dev))
		return arg_nodev(dev);
	nlreq_put_str(&req, IFLA_IFNAME, dev);
	return rt_talk(ib, &req);
}

/* `ip link help KIND`: the kind's usage on stdout, else the general one. */
static int link_help(struct ipbox *ib, int argc, char **argv)
{
	if (argc > 0 && link_kind_help(ib->pr, argv[0]) == EXIT_OK)
		return EXIT_OK;
	return link_usage();
}

static int link_afstats_verb(struct ipbox *ib, int argc, char **argv)
{
	return link_afstats(ib, argc, argv, link_usage);
}

/* iproute2's order of verbs: `ip link s` is set, `ip link l` is lst. */
static const struct verb link_verbs[] = {
	{ "add", link_add },
	{ "set", link_set },
	{ "change", link_set },
	{ "replace", link_replace },
	{ "delete", link_delete },
	{ "show", link_show },
	{ "lst", link_show },
	{ "list", link_show },
	{ "xstats", link_xstats },
	{ "afstats", link_afstats_verb },
	{ "property", link_property },
	{ "help", link_help },
	{ NULL, NULL },
};

int do_link(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, link_verbs, "link", link_show, argc, argv);
}

void words_link(void)
{
	WORDS_TABLE("verb", link_verbs, word);
	WORDS_POOLED("keyword", link_words);
	WORDS_POOLED("keyword", show_words);
	WORDS_POOLED("keyword", show_words_late);
	words_link_kinds();
}
