/* ip link: show, add, set/change, replace, delete, property, help. */
#include "link.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "../names/names.h"
#include "../namespace/netns.h"
#include "../netlink/lladdr.h"
#include "words.h"

#define IFALIASZ 256

/* iproute2's usage, trimmed to the words link_parse and link_show_args
 * take, plus the ones iproute2 takes without saying so (qlen, txqlen,
 * brd, and the address filters of show). */
static int link_usage(void)
{
	fprintf(stderr,
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
		"\t\t[ link-netnsid ID ]\n"
		"\t\t[ alias NAME ]\n"
		"\t\t[ group GROUP ]\n"
		"\t\t[ mode { default | dormant } ]\n"
		"\t\t[ state STATE ]\n"
		"\t\t[ master DEVICE ]\n"
		"\t\t[ nomaster ]\n"
		"\t\t[ addrgenmode { eui64 | none | stable_secret | random } ]\n"
		"\t\t[ protodown { on | off } ]\n"
		"\t\t[ gso_max_size BYTES ] | [ gso_max_segs PACKETS ]\n"
		"\t\t[ gro_max_size BYTES ]\n"
		"\n"
		"\tip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]\n"
		"\t\t[nomaster] [ to PREFIX ] [ scope SCOPE-ID ] [ label PATTERN ]\n"
		"\n"
		"\tip link property add dev DEVICE [ altname NAME .. ]\n"
		"\tip link property del dev DEVICE [ altname NAME .. ]\n"
		"\n"
		"\tip link help [ TYPE ]\n"
		"\n"
		"TYPE := { amt | bareudp | bond | bond_slave | bridge | bridge_slave |\n"
		"          dsa | dummy | erspan | geneve | gre | gretap | gtp | ifb |\n"
		"          ip6erspan | ip6gre | ip6gretap | ip6tnl |\n"
		"          ipip | ipoib | ipvlan | ipvtap |\n"
		"          macsec | macvlan | macvtap |\n"
		"          netdevsim | nlmon | rmnet | sit | team | team_slave |\n"
		"          vcan | veth | vlan | vrf | vti | vxcan | vxlan | wwan |\n"
		"          xfrm | virt_wifi }\n"
		"SCOPE-ID := [ host | link | global | all | NUMBER ]\n");
	return EXIT_USAGE;
}

static int nodev(const char *dev)
{
	fprintf(stderr, "Cannot find device \"%s\"\n", dev);
	return EXIT_FAIL;
}

/* ---- show ------------------------------------------------------------- */

struct show_ctx {
	struct link_show ls;
};

static int show_one(const struct nlmsghdr *nlh, void *data)
{
	struct link_show *ls = data;
	struct printer *p = ls->ib->pr;

	print_open_object(p, NULL);
	link_print(ls, nlh);
	print_close_object(p);
	return NL_CB_OK;
}

/* Parse the words of `ip link show` / `ip address show` into a filter;
 * *dev is the device named, if any. */
int link_show_args(struct link_filter *f, int argc, char **argv, const char **dev,
		   bool is_link)
{
	*dev = NULL;
	for (; argc > 0; argc--, argv++) {
		const char *w = *argv;

		if (!strcmp(w, "to")) {
			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
			if (inet_get_prefix(&f->pfx, *argv, f->family))
				return EXIT_FAIL;
			if (f->family == AF_UNSPEC)
				f->family = f->pfx.family;
		} else if (!strcmp(w, "scope")) {
			uint32_t scope;

			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
			f->scopemask = -1;
			/* rtnl_rtscope_a2n: a scope is at most 255 */
			if (names_to_id(&names_scopes, *argv, &scope) < 0 || scope > 255) {
				if (strcmp(*argv, "all") != 0)
					return arg_invalid("invalid \"scope\"\n", *argv);
				scope = RT_SCOPE_NOWHERE;
				f->scopemask = 0;
			}
			f->scope = (int)scope;
		} else if (!strcmp(w, "up")) {
			f->up = true;
		} else if (!is_link && addr_flag_filter(f, w)) {
			continue;
		} else if (!strcmp(w, "label")) {
			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
			f->label = *argv;
		} else if (!strcmp(w, "group")) {
			uint32_t g;

			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
			if (names_to_id(&names_groups, *argv, &g) < 0)
				return arg_invalid("Invalid \"group\" value\n", *argv);
			f->group = g;
		} else if (!strcmp(w, "master")) {
			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
			f->master = ifname_to_index(*argv);
			if (!f->master)
				return arg_invalid("Device does not exist\n", *argv);
		} else if (!strcmp(w, "vrf")) {
			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
			f->master = ifname_to_index(*argv);
			if (!f->master || !link_is_vrf(*argv))
				return arg_invalid("Not a valid VRF name\n", *argv);
		} else if (!strcmp(w, "nomaster")) {
			f->master = -1;
		} else if (!strcmp(w, "type")) {
			size_t n;

			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
			n = strlen(*argv);
			if (n >= 6 && !strcmp(*argv + n - 6, "_slave")) {
				(*argv)[n - 6] = '\0';
				f->slave_kind = *argv;
			} else {
				f->kind = *argv;
			}
		} else {
			if (!strcmp(w, "dev")) {
				if (argc < 2)
					return arg_incomplete();
				argc--, argv++;
			} else if (matches(w, "help")) {
				return is_link ? link_usage() : addr_usage();
			}
			if (*dev)
				return arg_garbage("dev", *argv);
			*dev = *argv;
		}
	}
	return 0;
}

static int link_get_one(struct ipbox *ib, struct link_show *ls, const char *dev)
{
	struct nlreq req;
	struct ifinfomsg *ifi;
	struct nl *nl = rt_socket(ib);

	if (!nl)
		return EXIT_FAIL;
	ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ls->f->ifindex;
	nlreq_put_u32(&req, IFLA_EXT_MASK, RTEXT_FILTER_VF);
	(void)dev;
	print_doc_begin(ib->pr);
	if (nl_talk(nl, &req, show_one, ls) < 0) {
		print_doc_end(ib->pr);
		nl_perror(nl);
		return EXIT_KERNEL;
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
	ret = link_show_args(&f, argc, argv, &dev, true);
	if (ret)
		return ret;
	if (dev) {
		f.ifindex = ifname_to_index(dev);
		if (f.ifindex <= 0) {
			fprintf(stderr, "Device \"%s\" does not exist.\n", dev);
			return EXIT_FAIL;
		}
		if (f.group == -1) {
			ret = link_get_one(ib, &ls, dev);
			link_show_close(&ls);
			return ret;
		}
	}
	nl = rt_socket(ib);
	if (!nl)
		return EXIT_FAIL;
	link_dump_request(&req, &f, AF_PACKET);
	print_doc_begin(ib->pr);
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

struct link_req {
	const char *type;	/* after "type" */
	int type_argc;
	char **type_argv;
};

static int on_off(const char *key, const char *val)
{
	fprintf(stderr, "Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n", key, val);
	return EXIT_FAIL;
}

/* carrier and protodown go through iproute2 6.1's parse_on_off(): other
 * words, and its exit status is EINVAL's. */
static int one_of_on_off(const char *key, const char *val)
{
	fprintf(stderr, "Error: argument of \"%s\" must be one of \"off\", \"on\", not \"%s\"\n",
		key, val);
	return EINVAL;
}

static int set_flag(struct ifinfomsg *ifi, unsigned int flag, bool inverted,
		    const char *key, const char *val)
{
	bool on;

	if (!strcmp(val, "on"))
		on = true;
	else if (!strcmp(val, "off"))
		on = false;
	else
		return on_off(key, val);
	ifi->ifi_change |= flag;
	if (on != inverted)
		ifi->ifi_flags |= flag;
	else
		ifi->ifi_flags &= ~flag;
	return 0;
}

static int int_arg(const char *key, const char *val, int32_t *out, const char *what)
{
	(void)key;
	if (arg_i32(val, out, 0) < 0)
		return arg_invalid(what, val);
	return 0;
}

static int netns_fd_of(const char *name)
{
	char path[4096];

	if (strchr(name, '/')) {
		snprintf(path, sizeof(path), "%s", name);
		return open(path, O_RDONLY | O_CLOEXEC);
	}
	return netns_open(name);
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

/* iproute2's iplink_parse: attributes go into the request in the order
 * given; returns the number of words used, or -(exit status). */
static int link_parse(struct nlreq *r, struct ifinfomsg *ifi, bool create, int argc,
		      char **argv, struct link_req *out, int *netns_fd)
{
	const char *name = NULL, *dev = NULL, *link = NULL;
	int32_t qlen = -1, mtu = -1, ntx = -1, nrx = -1, index = 0, nsid = -1;
	int64_t group = -1;
	int addr_len = 0, start = argc, ret;
	bool netns_given = false;
	uint8_t abuf[LLADDR_MAX];

	out->type = NULL;
	for (; argc > 0; argc--, argv++) {
		const char *w = *argv;
		bool has_next = argc > 1;

#define NEXT() do { if (!has_next) return -arg_incomplete(); argc--, argv++; } while (0)
		if (!strcmp(w, "up")) {
			ifi->ifi_change |= IFF_UP;
			ifi->ifi_flags |= IFF_UP;
		} else if (!strcmp(w, "down")) {
			ifi->ifi_change |= IFF_UP;
			ifi->ifi_flags &= ~IFF_UP;
		} else if (!strcmp(w, "name")) {
			NEXT();
			if (name)
				return -arg_duplicate("name", *argv);
			if (!ifname_usable(*argv, IF_NAMESIZE))
				return -arg_invalid("\"name\" not a valid ifname", *argv);
			name = *argv;
			if (!dev)
				dev = name;
		} else if (!strcmp(w, "index")) {
			NEXT();
			if (index)
				return -arg_duplicate("index", *argv);
			index = atoi(*argv);
			if (index <= 0)
				return -arg_invalid("Invalid \"index\" value", *argv);
		} else if (matches(w, "link")) {
			NEXT();
			link = *argv;
		} else if (matches(w, "address")) {
			NEXT();
			addr_len = lladdr_pton(*argv, abuf, sizeof(abuf));
			if (addr_len < 0)
				return -EXIT_FAIL;
			nlreq_put(r, IFLA_ADDRESS, (size_t)addr_len, abuf);
		} else if (matches(w, "broadcast") || !strcmp(w, "brd")) {
			int len;

			NEXT();
			len = lladdr_pton(*argv, abuf, sizeof(abuf));
			if (len < 0)
				return -EXIT_FAIL;
			nlreq_put(r, IFLA_BROADCAST, (size_t)len, abuf);
		} else if (matches(w, "txqueuelen") || !strcmp(w, "qlen") || matches(w, "txqlen")) {
			NEXT();
			if (qlen != -1)
				return -arg_duplicate("txqueuelen", *argv);
			if ((ret = int_arg(w, *argv, &qlen, "Invalid \"txqueuelen\" value\n")))
				return -ret;
			nlreq_put_u32(r, IFLA_TXQLEN, (uint32_t)qlen);
		} else if (!strcmp(w, "mtu")) {
			NEXT();
			if (mtu != -1)
				return -arg_duplicate("mtu", *argv);
			if ((ret = int_arg(w, *argv, &mtu, "Invalid \"mtu\" value\n")))
				return -ret;
			nlreq_put_u32(r, IFLA_MTU, (uint32_t)mtu);
		} else if (!strcmp(w, "netns")) {
			int32_t pid;

			NEXT();
			if (netns_given)
				return -arg_duplicate("netns", *argv);
			netns_given = true;
			*netns_fd = netns_fd_of(*argv);
			if (*netns_fd >= 0)
				nlreq_put_u32(r, IFLA_NET_NS_FD, (uint32_t)*netns_fd);
			else if (arg_i32(*argv, &pid, 0) == 0)
				nlreq_put_u32(r, IFLA_NET_NS_PID, (uint32_t)pid);
			else
				return -arg_invalid("Invalid \"netns\" value\n", *argv);
		} else if (!strcmp(w, "multicast")) {
			NEXT();
			if ((ret = set_flag(ifi, IFF_MULTICAST, false, w, *argv)))
				return -ret;
		} else if (!strcmp(w, "allmulticast")) {
			NEXT();
			if ((ret = set_flag(ifi, IFF_ALLMULTI, false, w, *argv)))
				return -ret;
		} else if (!strcmp(w, "promisc")) {
			NEXT();
			if ((ret = set_flag(ifi, IFF_PROMISC, false, w, *argv)))
				return -ret;
		} else if (!strcmp(w, "trailers")) {
			NEXT();
			if ((ret = set_flag(ifi, IFF_NOTRAILERS, true, w, *argv)))
				return -ret;
		} else if (!strcmp(w, "arp")) {
			NEXT();
			if ((ret = set_flag(ifi, IFF_NOARP, true, w, *argv)))
				return -ret;
		} else if (!strcmp(w, "carrier")) {
			NEXT();
			if (strcmp(*argv, "on") && strcmp(*argv, "off"))
				return -one_of_on_off(w, *argv);
			nlreq_put_u8(r, IFLA_CARRIER, !strcmp(*argv, "on"));
		} else if (matches(w, "master")) {
			int idx;

			NEXT();
			idx = ifname_to_index(*argv);
			if (!idx)
				return -arg_invalid("Device does not exist\n", *argv);
			nlreq_put_u32(r, IFLA_MASTER, (uint32_t)idx);
		} else if (matches(w, "nomaster")) {
			nlreq_put_u32(r, IFLA_MASTER, 0);
		} else if (matches(w, "dynamic")) {
			NEXT();
			if ((ret = set_flag(ifi, IFF_DYNAMIC, false, w, *argv)))
				return -ret;
		} else if (matches(w, "type")) {
			NEXT();
			out->type = *argv;
			argc--, argv++;
			break;
		} else if (matches(w, "alias")) {
			NEXT();
			if (strlen(*argv) >= IFALIASZ)
				return -arg_invalid("alias too long\n", *argv);
			nlreq_put(r, IFLA_IFALIAS, strlen(*argv), *argv);
		} else if (!strcmp(w, "group")) {
			uint32_t g;

			NEXT();
			if (group != -1)
				return -arg_duplicate("group", *argv);
			if (names_to_id(&names_groups, *argv, &g) < 0)
				return -arg_invalid("Invalid \"group\" value\n", *argv);
			group = g;
			nlreq_put_u32(r, IFLA_GROUP, g);
		} else if (!strcmp(w, "mode")) {
			NEXT();
			if (!strcasecmp(*argv, "default"))
				nlreq_put_u8(r, IFLA_LINKMODE, 0 /* IF_LINK_MODE_DEFAULT */);
			else if (!strcasecmp(*argv, "dormant"))
				nlreq_put_u8(r, IFLA_LINKMODE, 1 /* IF_LINK_MODE_DORMANT */);
			else
				return -arg_invalid("Invalid link mode\n", *argv);
		} else if (!strcmp(w, "state")) {
			static const char *const st[] = { "UNKNOWN", "NOTPRESENT", "DOWN",
				"LOWERLAYERDOWN", "TESTING", "DORMANT", "UP" };
			int s = -1;

			NEXT();
			for (int i = 0; i < 7; i++)
				if (!strcasecmp(*argv, st[i]))
					s = i;
			if (s < 0)
				return -arg_invalid("Invalid operstate\n", *argv);
			nlreq_put_u8(r, IFLA_OPERSTATE, (uint8_t)s);
		} else if (matches(w, "numtxqueues")) {
			NEXT();
			if (ntx != -1)
				return -arg_duplicate("numtxqueues", *argv);
			if ((ret = int_arg(w, *argv, &ntx, "Invalid \"numtxqueues\" value\n")))
				return -ret;
			nlreq_put_u32(r, IFLA_NUM_TX_QUEUES, (uint32_t)ntx);
		} else if (matches(w, "numrxqueues")) {
			NEXT();
			if (nrx != -1)
				return -arg_duplicate("numrxqueues", *argv);
			if ((ret = int_arg(w, *argv, &nrx, "Invalid \"numrxqueues\" value\n")))
				return -ret;
			nlreq_put_u32(r, IFLA_NUM_RX_QUEUES, (uint32_t)nrx);
		} else if (matches(w, "addrgenmode")) {
			static const char *const modes[] = { "eui64", "none", "stable_secret", "random" };
			struct nlattr *afs, *af6;
			int m = -1;

			NEXT();
			for (int i = 0; i < 4; i++)
				if (!strcasecmp(*argv, modes[i]))
					m = i;
			if (m < 0)
				return -arg_invalid("Invalid address generation mode\n", *argv);
			afs = nlreq_nest_start(r, IFLA_AF_SPEC);
			af6 = nlreq_nest_start(r, AF_INET6);
			nlreq_put_u8(r, IFLA_INET6_ADDR_GEN_MODE, (uint8_t)m);
			nlreq_nest_end(r, af6);
			nlreq_nest_end(r, afs);
		} else if (matches(w, "link-netnsid")) {
			NEXT();
			if (nsid != -1)
				return -arg_duplicate("link-netns/link-netnsid", *argv);
			if ((ret = int_arg(w, *argv, &nsid, "Invalid \"link-netnsid\" value\n")))
				return -ret;
			nlreq_put_u32(r, IFLA_LINK_NETNSID, (uint32_t)nsid);
		} else if (!strcmp(w, "protodown")) {
			NEXT();
			if (strcmp(*argv, "on") && strcmp(*argv, "off"))
				return -one_of_on_off(w, *argv);
			nlreq_put_u8(r, IFLA_PROTO_DOWN, !strcmp(*argv, "on"));
		} else if (!strcmp(w, "gso_max_size") || !strcmp(w, "gso_max_segs") ||
			   !strcmp(w, "gro_max_size")) {
			char msg[64];
			uint32_t v;

			NEXT();
			snprintf(msg, sizeof(msg), "Invalid \"%s\" value\n", w);
			if (arg_u32(*argv, &v, 0) < 0)
				return -arg_invalid(msg, *argv);
			nlreq_put_u32(r, !strcmp(w, "gso_max_size") ? IFLA_GSO_MAX_SIZE :
				      !strcmp(w, "gso_max_segs") ? IFLA_GSO_MAX_SEGS :
				      IFLA_GRO_MAX_SIZE, v);
		} else if (!strcmp(w, "parentdev")) {
			NEXT();
			nlreq_put_str(r, IFLA_PARENT_DEV_NAME, *argv);
		} else {
			if (matches(w, "help"))
				return -link_usage();
			if (!strcmp(w, "dev"))
				NEXT();
			if (dev != name)
				return -arg_garbage("dev", *argv);
			if (!ifname_usable(*argv, 0))
				return -arg_invalid("\"dev\" not a valid ifname", *argv);
			dev = *argv;
		}
#undef NEXT
	}
	out->type_argc = argc;
	out->type_argv = argv;

	if (!name)
		name = dev;
	else if (!dev)
		dev = name;
	else if (!strcmp(name, dev))
		name = dev;

	if (dev && addr_len && !create) {
		int halen = lladdr_len_of(dev);

		if (halen >= 0 && halen != addr_len) {
			fprintf(stderr, "Invalid address length %d - must be %d bytes\n", addr_len, halen);
			return -EXIT_FAIL;
		}
	}
	if (!create && index && !netns_given) {
		fprintf(stderr, "index can be used only when creating devices or when moving device to another netns.\n");
		return -EXIT_USAGE;
	}
	/* `set|delete group N`: index 0 and IFLA_GROUP, every device of
	 * the group (the kernel's rtnl_group_changelink/dellink) */
	if (!dev && group != -1) {
		if (!create)
			return start - argc;
		fprintf(stderr, "group cannot be used when creating devices.\n");
		return -EXIT_USAGE;
	}
	if (!create) {
		if (!dev) {
			fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
			return -EXIT_USAGE;
		}
		ifi->ifi_index = ifname_to_index(dev);
		if (!ifi->ifi_index)
			return -nodev(dev);
		if (name == dev)
			name = NULL;
		if (index)
			nlreq_put_u32(r, IFLA_NEW_IFINDEX, (uint32_t)index);
	} else {
		if (name != dev) {
			fprintf(stderr, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
			return -EXIT_USAGE;
		}
		if (link) {
			int idx = ifname_to_index(link);

			if (!idx)
				return -nodev(link);
			nlreq_put_u32(r, IFLA_LINK, (uint32_t)idx);
		}
		ifi->ifi_index = index;
	}
	if (name)
		nlreq_put_str(r, IFLA_IFNAME, name);
	return start - argc;
}

/* ---- kind options ----------------------------------------------------- */

/* veth's `peer ARGS`: the peer's own link words, by link_parse. */
static int parse_peer(void *arg, struct nlreq *r, struct ifinfomsg *ifi, int argc, char **argv,
		      bool *type)
{
	struct link_req sub;
	int used = link_parse(r, ifi, true, argc, argv, &sub, arg);

	*type = sub.type != NULL;
	return used;
}

/* Put IFLA_LINKINFO for `type KIND ARGS...` (cmd/kinds/); 0 or -(exit
 * status). */
static int kind_opts(struct ipbox *ib, struct nlreq *r, const struct link_req *lr, bool set_op,
		     int ifindex, int *netns_fd)
{
	const struct kind_peer peer = { parse_peer, netns_fd };
	const struct link_kind_req kr = {
		.type = lr->type, .argc = lr->type_argc, .argv = lr->type_argv,
		.set_op = set_op, .family = ib->family, .ifindex = ifindex,
		.p = ib->pr, .peer = &peer,
	};

	/* help after a kind iproute2 has no parser for: the general usage */
	if (kr.argc && !link_kind_known(kr.type) && matches(kr.argv[0], "help"))
		return -link_usage();
	return -link_kind_request(r, &kr);
}

static int link_modify(struct ipbox *ib, uint16_t cmd, uint16_t flags, int argc, char **argv)
{
	struct nlreq req;
	struct ifinfomsg *ifi = nlreq_init(&req, cmd, flags, sizeof(*ifi));
	struct link_req lr;
	int netns_fd = -1, peer_fd = -1, ret;

	ifi->ifi_family = (unsigned char)ib->family;
	ret = link_parse(&req, ifi, flags & NLM_F_CREATE, argc, argv, &lr, &netns_fd);
	if (ret >= 0) {
		ret = 0;
		/* iproute2's set_op: a change, not a creation */
		if (lr.type)
			ret = kind_opts(ib, &req, &lr, cmd == RTM_NEWLINK && !(flags & NLM_F_CREATE),
					ifi->ifi_index, &peer_fd);
		else if (flags & NLM_F_CREATE) {
			fprintf(stderr, "Not enough information: \"type\" argument is required\n");
			ret = -EXIT_FAIL;
		}
	}
	if (ret < 0)
		goto out;
	ret = -rt_talk(ib, &req);
out:
	if (netns_fd >= 0)
		close(netns_fd);
	if (peer_fd >= 0)
		close(peer_fd);
	return -ret;
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

static int link_property(struct ipbox *ib, int argc, char **argv)
{
	struct nlreq req;
	struct ifinfomsg *ifi;
	struct nlattr *props;
	const char *dev = NULL;
	uint16_t cmd;

	if (argc < 1 || matches(argv[0], "help"))
		goto usage;
	if (matches(argv[0], "add")) {
		cmd = RTM_NEWLINKPROP;
	} else if (matches(argv[0], "delete")) {
		cmd = RTM_DELLINKPROP;
	} else {
		fprintf(stderr, "Operator required\n");
		return EXIT_USAGE;
	}
	ifi = nlreq_init(&req, cmd, cmd == RTM_NEWLINKPROP ? NLM_F_CREATE | NLM_F_EXCL : 0,
			 sizeof(*ifi));
	ifi->ifi_family = (unsigned char)ib->family;
	props = nlreq_nest_start(&req, IFLA_PROP_LIST);
	for (argc--, argv++; argc > 0; argc--, argv++) {
		if (matches(*argv, "altname")) {
			if (argc < 2)
				return arg_incomplete();
			argc--, argv++;
			if (!ifname_usable(*argv, 0))
				return arg_invalid("not a valid altname", *argv);
			nlreq_put_str(&req, IFLA_ALT_IFNAME, *argv);
		} else if (matches(*argv, "help")) {
			goto usage;
		} else {
			if (!strcmp(*argv, "dev")) {
				if (argc < 2)
					return arg_incomplete();
				argc--, argv++;
			}
			if (dev)
				return arg_garbage("dev", *argv);
			if (!ifname_usable(*argv, 0))
				return arg_invalid("\"dev\" not a valid ifname", *argv);
			dev = *argv;
		}
	}
	nlreq_nest_end(&req, props);
	if (!dev) {
		fprintf(stderr, "Not enough of information: \"dev\" argument is required.\n");
		return EXIT_USAGE;
	}
	if (!ifname_to_index(dev))
		return nodev(dev);
	nlreq_put_str(&req, IFLA_IFNAME, dev);
	return rt_talk(ib, &req);
usage:
	fprintf(stderr,
		"Usage: ip link property add dev DEVICE [ altname NAME .. ]\n"
		"       ip link property del dev DEVICE [ altname NAME .. ]\n");
	return EXIT_USAGE;
}

/* `ip link help KIND`: the kind's usage on stdout, else the general one. */
static int link_help(struct ipbox *ib, int argc, char **argv)
{
	if (argc > 0 && link_kind_help(ib->pr, argv[0]) == EXIT_OK)
		return EXIT_OK;
	return link_usage();
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
	words_link_kinds();
}
