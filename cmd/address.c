/* ip address: show (links with their addresses, streamed: one address
 * dump per link on a second socket, so nothing is collected), add,
 * change, replace, delete, flush, help. */
#include "addr_flags.h"
#include "link.h"
#include "rtdump.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include "../args/walk.h"
#include "../args/wordpool.h"
#include "flush.h"
#include "../names/names.h"
#include "../netlink/attr.h"
#include "usage.h"
#include "words.h"

#define INFINITY_LIFE_TIME 0xFFFFFFFFU

USAGE(addr,
	"Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n"
	"                                                      [ CONFFLAG-LIST ]\n"
	"       ip address del IFADDR dev IFNAME [mngtmpaddr]\n"
	"       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n"
	"                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n"
	"       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n"
	"                         [ nomaster ]\n"
	"                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n"
	"                         [ label LABEL ] [up] [ vrf NAME ] ]\n"
	"       ip address {showdump|restore}\n"
	"IFADDR := PREFIX | ADDR peer PREFIX\n"
	"          [ broadcast ADDR ] [ anycast ADDR ]\n"
	"          [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]\n"
	"SCOPE-ID := [ host | link | global | NUMBER ]\n"
	"FLAG-LIST := [ FLAG-LIST ] FLAG\n"
	"FLAG  := [ permanent | dynamic | secondary | primary |\n"
	"           [-]tentative | [-]deprecated | [-]dadfailed | temporary |\n"
	"           CONFFLAG-LIST ]\n"
	"CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG\n"
	"CONFFLAG  := [ home | nodad | mngtmpaddr | noprefixroute | autojoin ]\n"
	"LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]\n"
	"LFT := forever | SECONDS\n"
	LINK_TYPE_USAGE);

static int addr_usage(void)
{
	return usage_print("addr");
}

static const struct show_hooks addr_show_hooks = { addr_usage };

/* ---- one address ------------------------------------------------------ */

static const enum mnl_attr_data_type addr_policy[IFA_MAX + 1] = {
	[IFA_LABEL] = MNL_TYPE_NUL_STRING,
	[IFA_FLAGS] = MNL_TYPE_U32,
	[IFA_RT_PRIORITY] = MNL_TYPE_U32,
	[IFA_CACHEINFO] = MNL_TYPE_BINARY,
};

struct addr_ctx {
	struct link_show ls;
	struct nl *side;	/* address dumps while the link dump runs */
	bool counting;		/* pass 1: count, print nothing */
	int total, matched;
	bool flushing;		/* -s -s flush prints what it deletes, one line each */
	bool headless;		/* showdump: never the "INDEX: DEV" head */
	bool dev_seen;		/* the dump had the link of f->ifindex */
};

static const char *family_name(int family)
{
	switch (family) {
	case AF_INET: return "inet";
	case AF_INET6: return "inet6";
	case AF_PACKET: return "link";
	case AF_BRIDGE: return "bridge";
	case AF_MPLS: return "mpls";
	default: return "???";
	}
}

/* An address attribute as iproute2's format_host_rta (a name under -r);
 * buf holds INET_STRLEN bytes. */
static const char *addr_ntop(int family, const struct nlattr *a, char *buf)
{
	size_t len = mnl_attr_get_payload_len(a);

	if ((family == AF_INET && len == 4) || (family == AF_INET6 && len == 16))
		return inet_host(family, mnl_attr_get_payload(a), buf);
	return strcpy(buf, "???");
}

static bool label_drops(struct addr_ctx *c, const struct ifaddrmsg *ifa, const struct nlattr *label)
{
	char name[IF_NAMESIZE];
	const char *l;

	if (!c->ls.f->label)
		return false;
	l = label ? mnl_attr_get_str(label) : ifcache_name(&c->ls.names, (int)ifa->ifa_index, name);
	return fnmatch(c->ls.f->label, l, 0) != 0;
}

/* iproute2's inet_addr_match_rta: an empty or /0 prefix takes every
 * address; otherwise the attribute has the prefix's size and bits. */
static bool pfx_matches(const struct inet_prefix *want, const struct nlattr *a)
{
	if (want->family == AF_UNSPEC || want->bitlen <= 0)
		return true;
	return mnl_attr_get_payload_len(a) == (uint16_t)want->bytelen &&
	       inet_prefix_covers(want, mnl_attr_get_payload(a), want->bitlen);
}

static bool addr_drops(struct addr_ctx *c, const struct ifaddrmsg *ifa, const struct nlattr **tb,
		       unsigned int flags)
{
	const struct link_filter *f = c->ls.f;
	const struct nlattr *local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];

	if (f->ifindex && (unsigned int)f->ifindex != ifa->ifa_index)
		return true;
	if ((f->scope ^ ifa->ifa_scope) & f->scopemask)
		return true;
	if ((f->flags ^ flags) & f->flagmask)
		return true;
	if (f->family && f->family != AF_PACKET && f->family != ifa->ifa_family)
		return true;
	if (label_drops(c, ifa, tb[IFA_LABEL]))
		return true;
	if (local && !pfx_matches(&f->pfx, local))
		return true;
	return false;
}

static void print_addr_flags(struct printer *p, const struct ifaddrmsg *ifa, unsigned int flags)
{
	char hex[16];

	for (size_t i = 0; i < N_IFA_FLAGS; i++) {
		unsigned int mask = ifa_flags[i].mask;

		if (mask == IFA_F_PERMANENT) {
			if (!(flags & mask))
				print_bool(p, PRINT_ANY, "dynamic", "dynamic ", true);
		} else if (flags & mask) {
			if (mask == IFA_F_SECONDARY && ifa->ifa_family == AF_INET6) {
				print_bool(p, PRINT_ANY, "temporary", "temporary ", true);
			} else {
				print_string(p, PRINT_FP, NULL, "%s ", ifa_flags[i].name);
				print_bool(p, PRINT_JSON, ifa_flags[i].name, NULL, true);
			}
		}
		flags &= ~mask;
	}
	if (flags) {
		snprintf(hex, sizeof(hex), "%02x", flags);
		print_string(p, PRINT_ANY, "ifa_flags", "flags %s ", hex);
	}
}

static void print_lifetimes(struct printer *p, const struct ifa_cacheinfo *ci, unsigned int flags)
{
	print_nl(p);
	print_text(p, "       valid_lft ");
	if (ci->ifa_valid == INFINITY_LIFE_TIME) {
		print_uint(p, PRINT_JSON, "valid_life_time", NULL, INFINITY_LIFE_TIME);
		print_text(p, "forever");
	} else {
		print_uint(p, PRINT_ANY, "valid_life_time", "%usec", ci->ifa_valid);
	}
	print_text(p, " preferred_lft ");
	if (ci->ifa_prefered == INFINITY_LIFE_TIME) {
		print_uint(p, PRINT_JSON, "preferred_life_time", NULL, INFINITY_LIFE_TIME);
		print_text(p, "forever");
	} else if (flags & IFA_F_DEPRECATED) {
		print_int(p, PRINT_ANY, "preferred_life_time", "%dsec", (int)ci->ifa_prefered);
	} else {
		print_uint(p, PRINT_ANY, "preferred_life_time", "%usec", ci->ifa_prefered);
	}
}

static void addr_print(struct addr_ctx *c, const struct nlmsghdr *nlh,
		       const struct ifaddrmsg *ifa, const struct nlattr **tb, unsigned int flags)
{
	struct printer *p = c->ls.ib->pr;
	struct ipbox *ib = c->ls.ib;
	enum pcolor color = ifa->ifa_family == AF_INET ? COLOR_INET :
			    ifa->ifa_family == AF_INET6 ? COLOR_INET6 : COLOR_NONE;
	char buf[INET_STRLEN], sbuf[32];
	const char *name;

	if (nlh->nlmsg_type == RTM_DELADDR)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	if (!ib->brief) {
		/* iproute2 heads an address this way under -o, in flush and
		 * monitor, and whenever -echo is on (show included). */
		if ((ib->oneline || c->flushing || ib->echo) && !c->headless) {
			char dev[IF_NAMESIZE];

			ifcache_name(&c->ls.names, (int)ifa->ifa_index, dev);
			print_uint(p, PRINT_ANY, "index", "%u: ", ifa->ifa_index);
			print_string(p, PRINT_ANY, "dev", "%s", dev);
		}
		name = family_name(ifa->ifa_family);
		if (*name != '?')
			print_string(p, PRINT_ANY, "family", "    %s ", name);
		else
			print_int(p, PRINT_ANY, "family_index", "    family %d ", ifa->ifa_family);
	}
	if (tb[IFA_LOCAL]) {
		print_color_string(p, PRINT_ANY, color, "local", "%s",
				   addr_ntop(ifa->ifa_family, tb[IFA_LOCAL], buf));
		if (tb[IFA_ADDRESS] &&
		    (mnl_attr_get_payload_len(tb[IFA_ADDRESS]) != mnl_attr_get_payload_len(tb[IFA_LOCAL]) ||
		     memcmp(mnl_attr_get_payload(tb[IFA_ADDRESS]), mnl_attr_get_payload(tb[IFA_LOCAL]),
			    mnl_attr_get_payload_len(tb[IFA_LOCAL])))) {
			print_text(p, " %s ", "peer");
			print_color_string(p, PRINT_ANY, color, "address", "%s",
					   addr_ntop(ifa->ifa_family, tb[IFA_ADDRESS], buf));
		}
		print_int(p, PRINT_ANY, "prefixlen", "/%d ", ifa->ifa_prefixlen);
		if (tb[IFA_RT_PRIORITY])
			print_uint(p, PRINT_ANY, "metric", "metric %u ",
				   mnl_attr_get_u32(tb[IFA_RT_PRIORITY]));
	}
	if (ib->brief)
		return;
	if (tb[IFA_BROADCAST]) {
		print_text(p, "%s ", "brd");
		print_color_string(p, PRINT_ANY, color, "broadcast", "%s ",
				   addr_ntop(ifa->ifa_family, tb[IFA_BROADCAST], buf));
	}
	if (tb[IFA_ANYCAST]) {
		print_text(p, "%s ", "any");
		print_color_string(p, PRINT_ANY, color, "anycast", "%s ",
				   addr_ntop(ifa->ifa_family, tb[IFA_ANYCAST], buf));
	}
	print_string(p, PRINT_ANY, "scope", "scope %s ",
		     names_to_str(&names_scopes, ifa->ifa_scope, sbuf, sizeof(sbuf)));
	print_addr_flags(p, ifa, flags);
	if (tb[IFA_LABEL])
		print_string(p, PRINT_ANY, "label", "%s", mnl_attr_get_str(tb[IFA_LABEL]));
	if (tb[IFA_CACHEINFO] && mnl_attr_get_payload_len(tb[IFA_CACHEINFO]) >= sizeof(struct ifa_cacheinfo)) {
		struct ifa_cacheinfo ci;

		memcpy(&ci, mnl_attr_get_payload(tb[IFA_CACHEINFO]), sizeof(ci));
		print_lifetimes(p, &ci, flags);
	}
	print_text(p, "\n");
}

static int addr_parse_msg(const struct nlmsghdr *nlh, const struct nlattr **tb,
			  const struct ifaddrmsg **ifa, unsigned int *flags)
{
	if (nlh->nlmsg_type != RTM_NEWADDR && nlh->nlmsg_type != RTM_DELADDR)
		return -1;
	if (attr_parse(tb, IFA_MAX, addr_policy, nlh, sizeof(**ifa)) < 0)
		return -1;
	*ifa = mnl_nlmsg_get_payload(nlh);
	*flags = tb[IFA_FLAGS] ? mnl_attr_get_u32(tb[IFA_FLAGS]) : (*ifa)->ifa_flags;
	if (!tb[IFA_LOCAL])
		tb[IFA_LOCAL] = tb[IFA_ADDRESS];
	if (!tb[IFA_ADDRESS])
		tb[IFA_ADDRESS] = tb[IFA_LOCAL];
	return 0;
}

int addr_one(const struct nlmsghdr *nlh, void *data)
{
	struct addr_ctx *c = data;
	const struct nlattr *tb[IFA_MAX + 1];
	const struct ifaddrmsg *ifa;
	unsigned int flags;

	if (addr_parse_msg(nlh, tb, &ifa, &flags) < 0)
		return NL_CB_OK;
	if (c->counting) {
		c->total++;
		if (!addr_drops(c, ifa, tb, flags))
			c->matched++;
		return NL_CB_OK;
	}
	/* iproute2 opens an object even for an address the filter drops */
	print_open_object(c->ls.ib->pr, NULL);
	if (!addr_drops(c, ifa, tb, flags))
		addr_print(c, nlh, ifa, tb, flags);
	print_close_object(c->ls.ib->pr);
	return NL_CB_OK;
}

/* ip monitor's context: every address of filter f, each with the
 * "INDEX: DEV" head iproute2 prints there (its filter.oneline), which
 * is flush's head too. */
struct addr_ctx *addr_events_new(struct ipbox *ib, struct link_filter *f)
{
	struct addr_ctx *c = calloc(1, sizeof(*c));

	if (c) {
		c->ls.ib = ib;
		c->ls.f = f;
		c->flushing = true;
	}
	return c;
}

void addr_events_free(struct addr_ctx *c)
{
	ifcache_close(&c->ls.names);
	free(c);
}

static void addr_dump_request(struct nlreq *req, int family, int ifindex)
{
	struct ifaddrmsg *ifa = nlreq_init(req, RTM_GETADDR, 0, sizeof(*ifa));

	ifa->ifa_family = (unsigned char)(family == AF_PACKET ? AF_UNSPEC : family);
	ifa->ifa_index = (unsigned int)ifindex;
}

/* The addresses of one link, through the side socket. */
static int addr_dump_link(struct addr_ctx *c, int ifindex)
{
	struct nlreq req;

	addr_dump_request(&req, c->ls.f->family, ifindex);
	return nl_dump(c->side, &req, addr_one, c);
}

static bool needs_count(const struct link_filter *f)
{
	return (f->family && f->family != AF_PACKET) || f->pfx.family || f->scopemask ||
	       f->flagmask || f->label;
}

static int addr_link(const struct nlmsghdr *nlh, void *data)
{
	struct addr_ctx *c = data;
	struct ipbox *ib = c->ls.ib;
	struct printer *p = ib->pr;
	const struct link_filter *f = c->ls.f;
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	int res = 0;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi) ||
	    (f->ifindex && ifi->ifi_index != f->ifindex))
		return NL_CB_OK;
	c->dev_seen = true;
	if (f->family != AF_PACKET && needs_count(f)) {
		bool ok;

		c->counting = true;
		c->total = c->matched = 0;
		if (addr_dump_link(c, ifi->ifi_index) < 0) {
			c->counting = false;
			return NL_CB_ERROR;
		}
		c->counting = false;
		ok = c->matched > 0 ||
		     (c->total == 0 && (f->family == AF_UNSPEC || f->family == AF_PACKET));
		if (!ok)
			return NL_CB_OK;
	}
	print_open_object(p, NULL);
	/* -o and label print address lines only; under -0 / -f link the
	 * link's record is all there is, in every mode, and a label hides
	 * it (as in iproute2).  A link the other filters drop still opens
	 * a JSON object, as iproute2 does ({}). */
	if (f->family == AF_PACKET ? !f->label : ib->brief || !(ib->oneline || f->label))
		res = link_print(&c->ls, nlh);
	if (res >= 0 && f->family != AF_PACKET) {
		print_open_array(p, PRINT_JSON, "addr_info", NULL);
		if (!(f->up && !(ifi->ifi_flags & IFF_UP)) && addr_dump_link(c, ifi->ifi_index) < 0) {
			print_close_array(p, PRINT_JSON, NULL);
			print_close_object(p);
			return NL_CB_ERROR;
		}
		print_close_array(p, PRINT_JSON, NULL);
		if (ib->brief)
			print_text(p, "\n");
	}
	if (res > 0 && !f->do_link && ib->stats)
		link_print_stats(&c->ls, nlh);
	print_close_object(p);
	return NL_CB_OK;
}

static struct nl *side_open(void)
{
	struct nl *nl = nl_new(NETLINK_ROUTE);

	if (!nl)
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
	return nl;
}

/* ---- flush ------------------------------------------------------------- */

/* An address of the dump that the filter keeps, read into tb, ifa, flags. */
static bool addr_selected(struct addr_ctx *c, const struct nlmsghdr *nlh, const struct nlattr **tb,
			  const struct ifaddrmsg **ifa, unsigned int *flags)
{
	return nlh->nlmsg_type == RTM_NEWADDR && addr_parse_msg(nlh, tb, ifa, flags) == 0 &&
	       !addr_drops(c, *ifa, tb, *flags);
}

static void addr_flush_request(struct nlreq *req, void *data)
{
	struct addr_ctx *c = data;

	addr_dump_request(req, c->ls.f->family, c->ls.f->ifindex);
}

static bool addr_flush_match(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[IFA_MAX + 1];
	const struct ifaddrmsg *ifa;
	unsigned int flags;

	return addr_selected(data, nlh, tb, &ifa, &flags);
}

static void addr_flush_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[IFA_MAX + 1];
	const struct ifaddrmsg *ifa;
	unsigned int flags;

	if (addr_selected(data, nlh, tb, &ifa, &flags))
		addr_print(data, nlh, ifa, tb, flags);
}

/* Flushing primary addresses only takes one round: a second would flush
 * the secondaries the first promoted (iproute2's rule). */
static bool addr_flush_again(void *data)
{
	const struct link_filter *f = ((struct addr_ctx *)data)->ls.f;

	return (f->flags & IFA_F_SECONDARY) || !(f->flagmask & IFA_F_SECONDARY);
}

/* Up to -l rounds (ten); a failed delete fails the flush after the dump.
 * Both failures are iproute2's 1 from ipaddr_flush, which its dispatcher
 * negates: status 255. */
static const struct flush_spec addr_flush_spec = {
	.what = "address flush", .del_type = RTM_DELADDR, .hdr_len = sizeof(struct ifaddrmsg),
	.gone = EADDRNOTAVAIL, .noun = "addresses", .max_rounds = 10, .rounds_from_loops = true,
	.bail_out = "*** Flush remains incomplete after %d rounds. ***\n", .bail_out_stderr = true,
	.fail_after_dump = true, .dump_failed = EXIT_FAIL, .fail_status = EXIT_USAGE,
	.request = addr_flush_request, .match = addr_flush_match, .print = addr_flush_print,
	.again = addr_flush_again,
};

/* ---- list / flush entry ---------------------------------------------- */

static int addr_list_or_flush(struct ipbox *ib, int argc, char **argv, bool flush)
{
	struct link_filter f;
	struct addr_ctx c = { .ls = { .ib = ib, .f = &f } };
	struct nlreq req;
	const char *dev;
	struct nl *nl;
	int ret;

	link_filter_init(&f, ib->family);
	if (flush) {
		if (argc <= 0) {
			fprintf(stderr, "Flush requires arguments.\n");
			return EXIT_FAIL;
		}
		if (f.family == AF_PACKET) {
			fprintf(stderr, "Cannot flush link addresses.\n");
			return EXIT_FAIL;
		}
	}
	ret = link_show_args(&f, argc, argv, &dev, &addr_show_hooks);
	if (ret)
		return ret;
	if (flush) {
		c.flushing = true;
		ret = flush_rounds(ib, &addr_flush_spec, &c);
		link_show_close(&c.ls);
		return ret;
	}
	c.side = side_open();
	if (!c.side)
		return EXIT_FAIL;
	nl = rt_socket(ib);
	if (!nl) {
		nl_free(c.side);
		return EXIT_FAIL;
	}
	/* -6 asks the kernel's inet6 link dump, which has fewer fields
	 * (the family of a "to" prefix only filters addresses) */
	link_dump_request(&req, &f, ib->family == AF_PACKET || f.ifindex ? AF_UNSPEC : ib->family);
	print_doc_begin(ib->pr);
	c.ls.dump = nl;
	ret = nl_dump(nl, &req, addr_link, &c);
	print_doc_end(ib->pr);
	if (ret < 0) {
		nl_perror(c.side->error ? c.side : nl);
		fprintf(stderr, "Dump terminated\n");
		ret = EXIT_FAIL;
	} else if (f.ifindex && !c.dev_seen) {
		/* No link of that index (named in the ifN notation, or gone
		 * since): iproute2 asks for it alone and reports the refusal,
		 * with status 0. */
		fprintf(stderr, "RTNETLINK answers: %s\nCannot send link request: %s\n",
			strerror(ENODEV), strerror(ENODEV));
	}
	nl_free(c.side);
	link_show_close(&c.ls);
	return ret;
}

static int addr_show(struct ipbox *ib, int argc, char **argv)
{
	return addr_list_or_flush(ib, argc, argv, false);
}

/* ---- save, showdump, restore: iproute2's binary dump (rtdump.h) ------ */

static int save_one(const struct nlmsghdr *nlh, void *data)
{
	(void)data;
	return rtdump_save_msg(nlh) < 0 ? NL_CB_ERROR : NL_CB_OK;
}

/* save [dev DEV]: every address of the family (-4/-6) and device, as
 * the kernel dumps them; iproute2 reads show's words but no other
 * selector applies. */
static int addr_save(struct ipbox *ib, int argc, char **argv)
{
	struct link_filter f;
	struct nlreq req;
	const char *dev;
	struct nl *nl;
	int ret;

	link_filter_init(&f, ib->family);
	ret = link_show_args(&f, argc, argv, &dev, &addr_show_hooks);
	if (ret)
		return ret;
	if (rtdump_save_start(RTDUMP_ADDR_MAGIC) < 0 || !(nl = rt_socket(ib)))
		return EXIT_FAIL;
	addr_dump_request(&req, ib->family, f.ifindex);
	if (nl_dump(nl, &req, save_one, NULL) < 0) {
		fprintf(stderr, "Save terminated\n");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* One saved address: "ifINDEX:", then the address as show prints it. */
static int showdump_one(struct nlmsghdr *nlh, void *data)
{
	struct addr_ctx *c = data;
	struct printer *p = c->ls.ib->pr;
	const struct nlattr *tb[IFA_MAX + 1];
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	unsigned int flags;

	print_open_object(p, NULL);
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(*ifa))
		print_int(p, PRINT_ANY, "index", "if%d:", (int)ifa->ifa_index);
	print_nl(p);
	if (addr_parse_msg(nlh, tb, &ifa, &flags) == 0)
		addr_print(c, nlh, ifa, tb, flags);
	print_close_object(p);
	return 0;
}

static int addr_showdump(struct ipbox *ib, int argc, char **argv)
{
	struct link_filter f;
	struct addr_ctx c = { .ls = { .ib = ib, .f = &f }, .headless = true };
	int ret;

	(void)argc, (void)argv;
	if (rtdump_check_magic(stdin, RTDUMP_ADDR_MAGIC, "address") < 0)
		return EXIT_USAGE;
	link_filter_init(&f, ib->family);
	print_doc_begin(ib->pr);
	print_open_object(ib->pr, NULL);
	print_open_array(ib->pr, PRINT_JSON, "addr_info", NULL);
	ret = rtdump_read(stdin, showdump_one, &c);
	print_close_array(ib->pr, PRINT_JSON, NULL);
	print_close_object(ib->pr);
	print_doc_end(ib->pr);
	ifcache_close(&c.ls.names);
	return ret < 0 ? EXIT_USAGE : EXIT_OK;
}

/* One saved address sent back with NLM_F_CREATE: one already there is
 * not an error (the kernel's message is printed all the same). */
static int restore_one(struct nlmsghdr *nlh, void *data)
{
	struct nl *nl = data;
	struct nlreq req;

	if (nlreq_echo(&req, nlh->nlmsg_type, nlh, sizeof(struct ifaddrmsg)) < 0) {
		fprintf(stderr, "Failed to restore: a malformed address message\n");
		return -1;
	}
	req.nlh->nlmsg_flags |= nlh->nlmsg_flags | NLM_F_CREATE;
	if (nl_talk(nl, &req, NULL, NULL) < 0) {
		nl_perror(nl);
		return nl->error == EEXIST ? 0 : -1;
	}
	return 0;
}

/* iproute2 exits -1 (255) on any failure here. */
static int addr_restore(struct ipbox *ib, int argc, char **argv)
{
	struct nl *nl;

	(void)argc, (void)argv;
	if (rtdump_check_magic(stdin, RTDUMP_ADDR_MAGIC, "address") < 0)
		return EXIT_USAGE;
	nl = rt_socket(ib);
	if (!nl)
		return EXIT_FAIL;
	return rtdump_read(stdin, restore_one, nl) < 0 ? EXIT_USAGE : EXIT_OK;
}

static int addr_flush_cmd(struct ipbox *ib, int argc, char **argv)
{
	return addr_list_or_flush(ib, argc, argv, true);
}

/* ---- add, change, replace, delete ------------------------------------ */

/* One add, change, replace or delete: the request and what must wait
 * for the last word (iproute2's ipaddr_modify locals). */
struct addr_mod {
	struct nlreq *req;
	struct ifaddrmsg *ifa;
	uint16_t cmd;
	struct inet_prefix lcl, peer;
	const char *dev, *lcl_arg;
	const char *valid_s, *pref_s;	/* as typed, for the duplicate checks */
	uint32_t valid, pref;
	int local_len, peer_len, any_len;
	int brd_len;			/* -1: "+", -2: "-" (from the prefix) */
	bool scoped;
	unsigned int flags;		/* IFA_F_* */
};

enum { BRD_SET_HOST = -1, BRD_CLEAR_HOST = -2 };

/* The family the first address fixes, when no -4/-6 did. */
static void mod_family(struct addr_mod *m, const struct inet_prefix *a)
{
	if (m->ifa->ifa_family == AF_UNSPEC)
		m->ifa->ifa_family = (unsigned char)a->family;
}

static int mod_peer(struct addr_mod *m, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (m->peer_len)
		return arg_duplicate("peer", v);
	if (inet_get_prefix(&m->peer, v, m->ifa->ifa_family))
		return EXIT_FAIL;
	m->peer_len = m->peer.bytelen;
	mod_family(m, &m->peer);
	nlreq_put(m->req, IFA_ADDRESS, (size_t)m->peer.bytelen, m->peer.data);
	m->ifa->ifa_prefixlen = (unsigned char)m->peer.bitlen;
	return 0;
}

/* broadcast ADDR, or + / - for the prefix's host bits set or cleared
 * (computed once the prefix is known: put_auto_broadcast). */
static int mod_broadcast(struct addr_mod *m, struct arg_walk *c)
{
	struct inet_prefix a;
	const char *v;

	WALK_NEXT(c, v);
	if (m->brd_len)
		return arg_duplicate("broadcast", v);
	if (!strcmp(v, "+")) {
		m->brd_len = BRD_SET_HOST;
		return 0;
	}
	if (!strcmp(v, "-")) {
		m->brd_len = BRD_CLEAR_HOST;
		return 0;
	}
	if (inet_get_addr(&a, v, m->ifa->ifa_family))
		return EXIT_FAIL;
	mod_family(m, &a);
	nlreq_put(m->req, IFA_BROADCAST, (size_t)a.bytelen, a.data);
	m->brd_len = a.bytelen;
	return 0;
}

static int mod_anycast(struct addr_mod *m, struct arg_walk *c)
{
	struct inet_prefix a;
	const char *v;

	WALK_NEXT(c, v);
	if (m->any_len)
		return arg_duplicate("anycast", v);
	if (inet_get_addr(&a, v, m->ifa->ifa_family))
		return EXIT_FAIL;
	mod_family(m, &a);
	nlreq_put(m->req, IFA_ANYCAST, (size_t)a.bytelen, a.data);
	m->any_len = a.bytelen;
	return 0;
}

static int mod_scope(struct addr_mod *m, struct arg_walk *c)
{
	uint32_t scope;
	const char *v;

	WALK_NEXT(c, v);
	if (names_to_id(&names_scopes, v, &scope) < 0 || scope > 255)
		return arg_invalid("invalid scope value.", v);
	m->ifa->ifa_scope = (unsigned char)scope;
	m->scoped = true;
	return 0;
}

static int mod_dev(struct addr_mod *m, struct arg_walk *c)
{
	WALK_NEXT(c, m->dev);
	return 0;
}

static int mod_label(struct addr_mod *m, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	nlreq_put_str(m->req, IFA_LABEL, v);
	return 0;
}

static int mod_metric(struct addr_mod *m, struct arg_walk *c)
{
	uint32_t metric;
	int ret = walk_u32(c, &metric, UINT32_MAX, "\"metric\" value is invalid\n");

	if (!ret)
		nlreq_put_u32(m->req, IFA_RT_PRIORITY, metric);
	return ret;
}

/* A lifetime in seconds or "forever".  iproute2 checks the duplicate
 * before it steps onto the value, so the message names the keyword. */
static int mod_lifetime(struct arg_walk *c, const char *key, const char **typed, uint32_t *v)
{
	char msg[32];

	if (*typed)
		return arg_duplicate(key, *c->argv);
	WALK_NEXT(c, *typed);
	if (!strcmp(*typed, "forever")) {
		*v = INFINITY_LIFE_TIME;
		return 0;
	}
	snprintf(msg, sizeof(msg), "%s value", key);
	return arg_u32(*typed, v, 0) < 0 ? arg_invalid(msg, *typed) : 0;
}

static int mod_valid_lft(struct addr_mod *m, struct arg_walk *c)
{
	return mod_lifetime(c, "valid_lft", &m->valid_s, &m->valid);
}

static int mod_preferred_lft(struct addr_mod *m, struct arg_walk *c)
{
	return mod_lifetime(c, "preferred_lft", &m->pref_s, &m->pref);
}

/* [local] PREFIX, the word no row names; "help" there is the usage. */
static int put_local(struct addr_mod *m, const char *word)
{
	if (matches(word, "help"))
		return addr_usage();
	if (m->local_len)
		return arg_garbage("local", word);
	m->lcl_arg = word;
	if (inet_get_prefix(&m->lcl, word, m->ifa->ifa_family))
		return EXIT_FAIL;
	mod_family(m, &m->lcl);
	nlreq_put(m->req, IFA_LOCAL, (size_t)m->lcl.bytelen, m->lcl.data);
	m->local_len = m->lcl.bytelen;
	return 0;
}

static int mod_local(struct addr_mod *m, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return put_local(m, v);
}

/* iproute2's ipaddr_modify order (it decides abbreviations: `p` is
 * priority, `pre` preference); the flags (CONFFLAG-LIST, whole words)
 * come after these, then a prefix. */
static const struct addr_mod_word {
	word_off word;
	bool exact;
	int (*fn)(struct addr_mod *m, struct arg_walk *c);
} addr_mod_words[] = {
	{ W("peer"), true, mod_peer }, { W("remote"), true, mod_peer },
	{ W("broadcast"), false, mod_broadcast }, { W("brd"), true, mod_broadcast },
	{ W("anycast"), true, mod_anycast }, { W("scope"), true, mod_scope },
	{ W("dev"), true, mod_dev }, { W("label"), true, mod_label },
	{ W("metric"), false, mod_metric }, { W("priority"), false, mod_metric },
	{ W("preference"), false, mod_metric },
	{ W("valid_lft"), false, mod_valid_lft }, { W("preferred_lft"), false, mod_preferred_lft },
	{ W("local"), true, mod_local },
};

/* A flag word: read-only ones and IPv6-only ones on another family are
 * a warning, as in iproute2, not an error. */
static void mod_flag(struct addr_mod *m, const struct ifa_flag *fl)
{
	if (fl->readonly)
		fprintf(stderr, "Warning: %s option is not mutable from userspace\n", fl->name);
	else if (fl->v6only && m->ifa->ifa_family != AF_INET6)
		fprintf(stderr, "Warning: %s option can be set only for IPv6 addresses\n", fl->name);
	else
		m->flags |= fl->mask;
}

static int mod_word(struct addr_mod *m, struct arg_walk *c)
{
	const struct addr_mod_word *w = KEYWORD_FIND(addr_mod_words, *c->argv);
	const struct ifa_flag *fl;

	if (w)
		return w->fn(m, c);
	fl = ifa_flag_find(*c->argv);
	if (!fl)
		return put_local(m, *c->argv);
	mod_flag(m, fl);
	return 0;
}

/* No peer: the local address is IFA_ADDRESS too, except for iproute2's
 * old wildcard delete (an IPv4 address without a length). */
static void put_address(struct addr_mod *m)
{
	if (m->peer_len || !m->local_len)
		return;
	if (m->cmd == RTM_DELADDR && m->lcl.family == AF_INET && !m->lcl.has_len) {
		fprintf(stderr,
			"Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
			"         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"
			"         This special behaviour is likely to disappear in further releases,\n"
			"         fix your scripts!\n", m->lcl_arg, m->local_len * 8);
		return;
	}
	m->peer = m->lcl;
	nlreq_put(m->req, IFA_ADDRESS, (size_t)m->lcl.bytelen, m->lcl.data);
}

/* broadcast + or -: the peer prefix with its host bits set or cleared
 * (none for a /31 or /32). */
static int put_auto_broadcast(struct addr_mod *m)
{
	struct inet_prefix brd = m->peer;
	uint32_t v, host;

	if (m->brd_len >= 0 || m->cmd == RTM_DELADDR)
		return 0;
	if (m->ifa->ifa_family != AF_INET) {
		fprintf(stderr, "Broadcast can be set only for IPv4 addresses\n");
		return EXIT_FAIL;
	}
	if (brd.bitlen > 30)
		return 0;
	host = brd.bitlen <= 0 ? 0xffffffffu : 0xffffffffu >> brd.bitlen;
	memcpy(&v, brd.data, 4);
	v = m->brd_len == BRD_SET_HOST ? v | htonl(host) : v & ~htonl(host);
	memcpy(brd.data, &v, 4);
	nlreq_put(m->req, IFA_BROADCAST, (size_t)brd.bytelen, brd.data);
	return 0;
}

static int put_lifetimes(struct addr_mod *m)
{
	struct ifa_cacheinfo ci = { 0 };

	if (!m->valid_s && !m->pref_s)
		return 0;
	if (!m->valid) {
		fprintf(stderr, "valid_lft is zero\n");
		return EXIT_FAIL;
	}
	if (m->valid < m->pref) {
		fprintf(stderr, "preferred_lft is greater than valid_lft\n");
		return EXIT_FAIL;
	}
	ci.ifa_prefered = m->pref;
	ci.ifa_valid = m->valid;
	nlreq_put(m->req, IFA_CACHEINFO, sizeof(ci), &ci);
	return 0;
}

static bool is_multicast(const struct inet_prefix *a)
{
	return (a->family == AF_INET && (a->data[0] & 0xf0) == 0xe0) ||
	       (a->family == AF_INET6 && a->data[0] == 0xff);
}

/* What iproute2 does once the words are read, in its order (which
 * decides which error a bad line gets). */
static int addr_mod_finish(struct addr_mod *m)
{
	struct ifaddrmsg *ifa = m->ifa;
	int ret;

	if (m->flags <= 0xff)
		ifa->ifa_flags = (unsigned char)m->flags;
	else
		nlreq_put_u32(m->req, IFA_FLAGS, m->flags);
	if (!m->dev) {
		fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
		return EXIT_FAIL;
	}
	put_address(m);
	if (ifa->ifa_prefixlen == 0)
		ifa->ifa_prefixlen = (unsigned char)(m->lcl.bitlen > 0 ? m->lcl.bitlen : 0);
	ret = put_auto_broadcast(m);
	if (ret)
		return ret;
	if (!m->scoped && m->cmd != RTM_DELADDR)	/* 127/8 is host scope */
		ifa->ifa_scope = (m->lcl.family == AF_INET && m->lcl.bytelen >= 1 &&
				  m->lcl.data[0] == 127) ? RT_SCOPE_HOST : 0;
	ifa->ifa_index = (unsigned int)ifname_to_index(m->dev);
	if (!ifa->ifa_index)
		return arg_nodev(m->dev);
	ret = put_lifetimes(m);
	if (ret)
		return ret;
	if ((m->flags & IFA_F_MCAUTOJOIN) && !is_multicast(&m->lcl)) {
		fprintf(stderr, "autojoin needs multicast address\n");
		return EXIT_FAIL;
	}
	return 0;
}

static int addr_modify(struct ipbox *ib, uint16_t cmd, uint16_t nlflags, int argc, char **argv)
{
	struct nlreq req;
	struct addr_mod m = {
		.req = &req, .cmd = cmd,
		.valid = INFINITY_LIFE_TIME, .pref = INFINITY_LIFE_TIME,
	};
	struct arg_walk c = { argc, argv };
	int ret = 0;

	m.ifa = nlreq_init(&req, cmd, nlflags, sizeof(*m.ifa));
	m.ifa->ifa_family = (unsigned char)ib->family;
	for (; !ret && c.argc > 0; c.argc--, c.argv++)
		ret = mod_word(&m, &c);
	if (!ret)
		ret = addr_mod_finish(&m);
	return ret ? ret : rt_talk(ib, &req);
}

static int addr_add(struct ipbox *ib, int argc, char **argv)
{
	return addr_modify(ib, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, argc, argv);
}

static int addr_change(struct ipbox *ib, int argc, char **argv)
{
	return addr_modify(ib, RTM_NEWADDR, NLM_F_REPLACE, argc, argv);
}

static int addr_replace(struct ipbox *ib, int argc, char **argv)
{
	return addr_modify(ib, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, argc, argv);
}

static int addr_delete(struct ipbox *ib, int argc, char **argv)
{
	return addr_modify(ib, RTM_DELADDR, 0, argc, argv);
}

static int addr_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return addr_usage();
}

/* iproute2's order: `ip a s` is show, `ip a d` delete, `ip a f` flush. */
static const struct verb addr_verbs[] = {
	{ "add", addr_add },
	{ "change", addr_change },
	{ "chg", addr_change },
	{ "replace", addr_replace },
	{ "delete", addr_delete },
	{ "list", addr_show },
	{ "show", addr_show },
	{ "lst", addr_show },
	{ "flush", addr_flush_cmd },
	{ "save", addr_save },
	{ "showdump", addr_showdump },
	{ "restore", addr_restore },
	{ "help", addr_help },
	{ NULL, NULL },
};

int do_address(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, addr_verbs, "address", addr_show, argc, argv);
}

void words_address(void)
{
	WORDS_TABLE("verb", addr_verbs, word);
	WORDS_POOLED("keyword", addr_mod_words);
	WORDS_TABLE("keyword", ifa_flags, name);
}
