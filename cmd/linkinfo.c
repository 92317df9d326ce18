/* One link as `ip link show` and `ip address show` print it: the header
 * line, the link/TYPE line, -d details, alias, -s statistics and
 * altnames, in iproute2's order and JSON keys. */
#include "link.h"

#include <errno.h>
#include <fnmatch.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "../names/names.h"
#include "../netlink/attr.h"
#include "../netlink/lladdr.h"

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#define IFF_DORMANT 0x20000
#define IFF_ECHO 0x40000
#endif

static const enum mnl_attr_data_type link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = MNL_TYPE_NUL_STRING,
	[IFLA_QDISC] = MNL_TYPE_NUL_STRING,
	[IFLA_IFALIAS] = MNL_TYPE_NUL_STRING,
	[IFLA_MTU] = MNL_TYPE_U32,
	[IFLA_LINK] = MNL_TYPE_U32,
	[IFLA_MASTER] = MNL_TYPE_U32,
	[IFLA_TXQLEN] = MNL_TYPE_U32,
	[IFLA_GROUP] = MNL_TYPE_U32,
	[IFLA_OPERSTATE] = MNL_TYPE_U8,
	[IFLA_LINKMODE] = MNL_TYPE_U8,
	[IFLA_LINK_NETNSID] = MNL_TYPE_U32,
	[IFLA_NEW_NETNSID] = MNL_TYPE_U32,
	[IFLA_EVENT] = MNL_TYPE_U32,
	[IFLA_NEW_IFINDEX] = MNL_TYPE_U32,
	[IFLA_PROTO_DOWN] = MNL_TYPE_U8,
	[IFLA_PROMISCUITY] = MNL_TYPE_U32,
	[IFLA_ALLMULTI] = MNL_TYPE_U32,
	[IFLA_MIN_MTU] = MNL_TYPE_U32,
	[IFLA_MAX_MTU] = MNL_TYPE_U32,
	[IFLA_NUM_TX_QUEUES] = MNL_TYPE_U32,
	[IFLA_NUM_RX_QUEUES] = MNL_TYPE_U32,
	[IFLA_GSO_MAX_SIZE] = MNL_TYPE_U32,
	[IFLA_GSO_MAX_SEGS] = MNL_TYPE_U32,
	[IFLA_TSO_MAX_SIZE] = MNL_TYPE_U32,
	[IFLA_TSO_MAX_SEGS] = MNL_TYPE_U32,
	[IFLA_GRO_MAX_SIZE] = MNL_TYPE_U32,
	[IFLA_CARRIER_CHANGES] = MNL_TYPE_U32,
	[IFLA_LINKINFO] = MNL_TYPE_NESTED,
	[IFLA_AF_SPEC] = MNL_TYPE_NESTED,
	[IFLA_PROP_LIST] = MNL_TYPE_NESTED,
	[IFLA_PHYS_PORT_NAME] = MNL_TYPE_NUL_STRING,
	[IFLA_PARENT_DEV_NAME] = MNL_TYPE_NUL_STRING,
	[IFLA_PARENT_DEV_BUS_NAME] = MNL_TYPE_NUL_STRING,
};

static const enum mnl_attr_data_type info_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING,
	[IFLA_INFO_SLAVE_KIND] = MNL_TYPE_NUL_STRING,
	[IFLA_INFO_DATA] = MNL_TYPE_NESTED,
	[IFLA_INFO_SLAVE_DATA] = MNL_TYPE_NESTED,
};

void link_filter_init(struct link_filter *f, int family)
{
	memset(f, 0, sizeof(*f));
	f->family = family;
	f->group = -1;
}

static const char *linkinfo_kind(const struct nlattr *linkinfo, bool slave)
{
	const struct nlattr *li[IFLA_INFO_MAX + 1];
	int key = slave ? IFLA_INFO_SLAVE_KIND : IFLA_INFO_KIND;

	if (!linkinfo)
		return NULL;
	attr_parse_nested(li, IFLA_INFO_MAX, info_policy, linkinfo);
	return li[key] ? mnl_attr_get_str(li[key]) : "";
}

static bool kind_differs(const struct nlattr *linkinfo, const char *want, bool slave)
{
	const char *kind = linkinfo_kind(linkinfo, slave);

	return !kind || strcmp(kind, want) != 0;
}

static bool filter_drops(const struct link_filter *f, const struct ifinfomsg *ifi,
			 const struct nlattr **tb, const char *name)
{
	(void)name;
	if (f->ifindex && ifi->ifi_index != f->ifindex)
		return true;
	if (f->up && !(ifi->ifi_flags & IFF_UP))
		return true;
	if (tb[IFLA_GROUP] && f->group != -1 && mnl_attr_get_u32(tb[IFLA_GROUP]) != f->group)
		return true;
	if (tb[IFLA_MASTER]) {
		if (f->master > 0 && (int)mnl_attr_get_u32(tb[IFLA_MASTER]) != f->master)
			return true;
	} else if (f->master > 0) {
		return true;
	}
	if (f->kind && kind_differs(tb[IFLA_LINKINFO], f->kind, false))
		return true;
	if (f->slave_kind && kind_differs(tb[IFLA_LINKINFO], f->slave_kind, true))
		return true;
	return false;
}

bool link_filter_drops(const struct link_filter *f, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	if (attr_parse(tb, IFLA_MAX, link_policy, nlh, sizeof(*ifi)) < 0)
		return true;
	return filter_drops(f, ifi, tb, tb[IFLA_IFNAME] ? mnl_attr_get_str(tb[IFLA_IFNAME]) : "<nil>");
}

/* ---- pieces of the header line ----------------------------------------- */

static void print_flags(struct printer *p, unsigned int flags, bool mdown)
{
	static const struct { unsigned int bit; const char *name; } bits[] = {
		{ IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_MULTICAST, "MULTICAST" },
		{ IFF_NOARP, "NOARP" }, { IFF_ALLMULTI, "ALLMULTI" },
		{ IFF_PROMISC, "PROMISC" }, { IFF_MASTER, "MASTER" },
		{ IFF_SLAVE, "SLAVE" }, { IFF_DEBUG, "DEBUG" },
		{ IFF_DYNAMIC, "DYNAMIC" }, { IFF_AUTOMEDIA, "AUTOMEDIA" },
		{ IFF_PORTSEL, "PORTSEL" }, { IFF_NOTRAILERS, "NOTRAILERS" },
		{ IFF_UP, "UP" }, { IFF_LOWER_UP, "LOWER_UP" },
		{ IFF_DORMANT, "DORMANT" }, { IFF_ECHO, "ECHO" },
	};
	char hex[16];

	print_open_array(p, PRINT_ANY, "flags", "<");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		print_string(p, PRINT_ANY, NULL, "%s,", "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (!(flags & bits[i].bit))
			continue;
		flags &= ~bits[i].bit;
		print_string(p, PRINT_ANY, NULL, flags ? "%s," : "%s", bits[i].name);
	}
	if (flags) {
		snprintf(hex, sizeof(hex), "%x", flags);
		print_string(p, PRINT_ANY, NULL, "%s", hex);
	}
	if (mdown)
		print_string(p, PRINT_ANY, NULL, ",%s", "M-DOWN");
	print_close_array(p, PRINT_ANY, "> ");
}

static const char *const oper_states[] = {
	"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
};

static void print_operstate(struct printer *p, bool brief, uint8_t state)
{
	enum pcolor c = state == 6 /* IF_OPER_UP */ ? COLOR_OPERSTATE_UP :
			state == 2 /* IF_OPER_DOWN */ ? COLOR_OPERSTATE_DOWN : COLOR_NONE;
	char hex[16];

	if (state >= sizeof(oper_states) / sizeof(oper_states[0])) {
		if (p->is_json) {
			print_uint(p, PRINT_JSON, "operstate_index", NULL, state);
		} else {
			snprintf(hex, sizeof(hex), "%#x", state);
			print_string(p, PRINT_FP, NULL, "state %s", hex);
		}
	} else if (brief) {
		print_color_string(p, PRINT_ANY, c, "operstate", "%-14s ", oper_states[state]);
	} else {
		print_string(p, PRINT_JSON, "operstate", NULL, oper_states[state]);
		print_text(p, "state ");
		print_color_string(p, PRINT_FP, c, NULL, "%s ", oper_states[state]);
	}
}

/* "NAME", "NAME@LINK", "NAME@NONE" or "NAME@ifN" (a peer in another
 * namespace); returns whether the lower link is down (M-DOWN). */
static bool print_name_and_link(struct link_show *ls, const char *fmt, const char *name,
				const struct nlattr **tb)
{
	struct printer *p = ls->ib->pr;
	char both[IF_NAMESIZE * 2 + 8], lname[IF_NAMESIZE];
	const char *link = NULL;
	bool mdown = false;

	if (tb[IFLA_LINK]) {
		int iflink = (int)mnl_attr_get_u32(tb[IFLA_LINK]);

		if (!iflink) {
			if (p->is_json)
				print_null(p, PRINT_JSON, "link", NULL);
			else
				link = "NONE";
		} else if (tb[IFLA_LINK_NETNSID]) {
			if (p->is_json)
				print_int(p, PRINT_JSON, "link_index", NULL, iflink);
			snprintf(lname, sizeof(lname), "if%d", iflink);
			link = lname;
		} else {
			unsigned int lflags = 0;

			link = ifcache_name(&ls->names, iflink, lname);
			print_string(p, PRINT_JSON, "link", NULL, link);
			if (ifcache_flags(&ls->names, iflink, &lflags) < 0)
				lflags = 0;
			mdown = !(lflags & IFF_UP);
		}
		if (link && !p->is_json) {
			/* "%s@%s", cut where snprintf would cut it */
			size_t cap = sizeof(both) - 1, n = strnlen(name, cap), m;

			memcpy(both, name, n);
			if (n < cap)
				both[n++] = '@';
			m = strnlen(link, cap - n);
			memcpy(both + n, link, m);
			both[n + m] = '\0';
			name = both;
		}
	}
	print_color_string(p, PRINT_ANY, COLOR_IFNAME, "ifname", fmt, name);
	return mdown;
}

static void print_lladdr(struct printer *p, const char *key, const char *fmt,
			 const struct nlattr *a, unsigned int type)
{
	char buf[LLADDR_STRLEN];

	lladdr_ntop(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), type, buf, sizeof(buf));
	print_color_string(p, PRINT_ANY, COLOR_MAC, key, fmt, buf);
}

static void print_altnames(struct printer *p, const struct nlattr *props)
{
	const struct nlattr *a;

	print_open_array(p, PRINT_JSON, "altnames", NULL);
	mnl_attr_for_each_nested(a, props) {
		if (mnl_attr_get_type(a) != IFLA_ALT_IFNAME ||
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
			continue;
		print_nl(p);
		print_string(p, PRINT_ANY, NULL, "    altname %s", mnl_attr_get_str(a));
	}
	print_close_array(p, PRINT_JSON, NULL);
}

static void print_af_spec(struct printer *p, const struct nlattr *af_spec)
{
	const struct nlattr *inet6 = NULL, *a;
	char hex[8];

	mnl_attr_for_each_nested(a, af_spec)
		if (mnl_attr_get_type(a) == AF_INET6)
			inet6 = a;
	if (!inet6)
		return;
	mnl_attr_for_each_nested(a, inet6) {
		uint8_t mode;
		const char *name;

		if (mnl_attr_get_type(a) != IFLA_INET6_ADDR_GEN_MODE ||
		    mnl_attr_validate(a, MNL_TYPE_U8) < 0)
			continue;
		mode = mnl_attr_get_u8(a);
		switch (mode) {
		case IN6_ADDR_GEN_MODE_EUI64: name = "eui64"; break;
		case IN6_ADDR_GEN_MODE_NONE: name = "none"; break;
		case IN6_ADDR_GEN_MODE_STABLE_PRIVACY: name = "stable_secret"; break;
		case IN6_ADDR_GEN_MODE_RANDOM: name = "random"; break;
		default:
			snprintf(hex, sizeof(hex), "%#.2hhx", mode);
			name = hex;
		}
		print_string(p, PRINT_ANY, "inet6_addr_gen_mode", "addrgenmode %s ", name);
	}
}

static void print_details(struct link_show *ls, const struct nlattr **tb)
{
	static const struct { int attr; const char *key, *fmt; } tail[] = {
		{ IFLA_NUM_TX_QUEUES, "num_tx_queues", "numtxqueues %u " },
		{ IFLA_NUM_RX_QUEUES, "num_rx_queues", "numrxqueues %u " },
		{ IFLA_GSO_MAX_SIZE, "gso_max_size", "gso_max_size %u " },
		{ IFLA_GSO_MAX_SEGS, "gso_max_segs", "gso_max_segs %u " },
		{ IFLA_TSO_MAX_SIZE, "tso_max_size", "tso_max_size %u " },
		{ IFLA_TSO_MAX_SEGS, "tso_max_segs", "tso_max_segs %u " },
		{ IFLA_GRO_MAX_SIZE, "gro_max_size", "gro_max_size %u " },
	};
	struct printer *p = ls->ib->pr;

	if (tb[IFLA_PROMISCUITY])
		print_uint(p, PRINT_ANY, "promiscuity", " promiscuity %u ",
			   mnl_attr_get_u32(tb[IFLA_PROMISCUITY]));
	if (tb[IFLA_ALLMULTI])
		print_uint(p, PRINT_ANY, "allmulti", " allmulti %u ",
			   mnl_attr_get_u32(tb[IFLA_ALLMULTI]));
	if (tb[IFLA_MIN_MTU])
		print_uint(p, PRINT_ANY, "min_mtu", "minmtu %u ", mnl_attr_get_u32(tb[IFLA_MIN_MTU]));
	if (tb[IFLA_MAX_MTU])
		print_uint(p, PRINT_ANY, "max_mtu", "maxmtu %u ", mnl_attr_get_u32(tb[IFLA_MAX_MTU]));
	if (tb[IFLA_LINKINFO])
		link_kind_print(p, &ls->names, tb[IFLA_LINKINFO]);
	if (ls->f->do_link && tb[IFLA_AF_SPEC])
		print_af_spec(p, tb[IFLA_AF_SPEC]);
	for (size_t i = 0; i < sizeof(tail) / sizeof(tail[0]); i++)
		if (tb[tail[i].attr])
			print_uint(p, PRINT_ANY, tail[i].key, tail[i].fmt,
				   mnl_attr_get_u32(tb[tail[i].attr]));
	if (tb[IFLA_PHYS_PORT_NAME])
		print_string(p, PRINT_ANY, "phys_port_name", "portname %s ",
			     mnl_attr_get_str(tb[IFLA_PHYS_PORT_NAME]));
	if (tb[IFLA_PARENT_DEV_BUS_NAME])
		print_string(p, PRINT_ANY, "parentbus", "parentbus %s ",
			     mnl_attr_get_str(tb[IFLA_PARENT_DEV_BUS_NAME]));
	if (tb[IFLA_PARENT_DEV_NAME])
		print_string(p, PRINT_ANY, "parentdev", "parentdev %s ",
			     mnl_attr_get_str(tb[IFLA_PARENT_DEV_NAME]));
}

/* ---- -s: counters ----------------------------------------------------- */

static void size_columns(unsigned int *cols, bool human, int n, const uint64_t *v)
{
	for (int i = 0; i < n; i++) {
		unsigned int len = 1;

		if (human)
			continue;
		for (uint64_t x = v[i]; x > 9; x /= 10)
			len++;
		if (len > cols[i])
			cols[i] = len;
	}
}

static void print_num(struct printer *p, bool human, unsigned int width, uint64_t count)
{
	static const char prefix[] = "kMGTPE";
	const uint64_t base = p->iec ? 1024 : 1000;
	uint64_t powi = 1, powj = 1;
	const char *pre = prefix;
	int precision = 2;
	char buf[64];

	if (!human || count < base) {
		print_text(p, "%*" PRIu64 " ", (int)width, count);
		return;
	}
	for (;;) {
		powi *= base;
		if (count / base < powi || !pre[1])
			break;
		pre++;
	}
	for (; precision > 0; precision--) {
		powj *= 10;
		if (count / powi < powj)
			break;
	}
	snprintf(buf, sizeof(buf), "%.*f%c%s", precision, (double)count / (double)powi, *pre,
		 p->iec ? "i" : "");
	print_text(p, "%*s ", (int)width, buf);
}

static void print_stats64(struct printer *p, int level, bool human,
			  const struct rtnl_link_stats64 *s, const struct nlattr *carrier)
{
	unsigned int cols[] = { 10, 7, 6, 7, 7, 7, 10, 9 };	/* "*X errors:" ... */
	uint64_t cc = carrier ? mnl_attr_get_u32(carrier) : 0;

	if (p->is_json) {
		print_open_object(p, "stats64");
		print_open_object(p, "rx");
		print_u64(p, PRINT_JSON, "bytes", NULL, s->rx_bytes);
		print_u64(p, PRINT_JSON, "packets", NULL, s->rx_packets);
		print_u64(p, PRINT_JSON, "errors", NULL, s->rx_errors);
		print_u64(p, PRINT_JSON, "dropped", NULL, s->rx_dropped);
		print_u64(p, PRINT_JSON, "over_errors", NULL, s->rx_over_errors);
		print_u64(p, PRINT_JSON, "multicast", NULL, s->multicast);
		if (s->rx_compressed)
			print_u64(p, PRINT_JSON, "compressed", NULL, s->rx_compressed);
		if (level > 1) {
			print_u64(p, PRINT_JSON, "length_errors", NULL, s->rx_length_errors);
			print_u64(p, PRINT_JSON, "crc_errors", NULL, s->rx_crc_errors);
			print_u64(p, PRINT_JSON, "frame_errors", NULL, s->rx_frame_errors);
			print_u64(p, PRINT_JSON, "fifo_errors", NULL, s->rx_fifo_errors);
			print_u64(p, PRINT_JSON, "missed_errors", NULL, s->rx_missed_errors);
			if (s->rx_nohandler)
				print_u64(p, PRINT_JSON, "nohandler", NULL, s->rx_nohandler);
			if (s->rx_otherhost_dropped)
				print_u64(p, PRINT_JSON, "otherhost", NULL, s->rx_otherhost_dropped);
		}
		print_close_object(p);
		print_open_object(p, "tx");
		print_u64(p, PRINT_JSON, "bytes", NULL, s->tx_bytes);
		print_u64(p, PRINT_JSON, "packets", NULL, s->tx_packets);
		print_u64(p, PRINT_JSON, "errors", NULL, s->tx_errors);
		print_u64(p, PRINT_JSON, "dropped", NULL, s->tx_dropped);
		print_u64(p, PRINT_JSON, "carrier_errors", NULL, s->tx_carrier_errors);
		print_u64(p, PRINT_JSON, "collisions", NULL, s->collisions);
		if (s->tx_compressed)
			print_u64(p, PRINT_JSON, "compressed", NULL, s->tx_compressed);
		if (level > 1) {
			print_u64(p, PRINT_JSON, "aborted_errors", NULL, s->tx_aborted_errors);
			print_u64(p, PRINT_JSON, "fifo_errors", NULL, s->tx_fifo_errors);
			print_u64(p, PRINT_JSON, "window_errors", NULL, s->tx_window_errors);
			print_u64(p, PRINT_JSON, "heartbeat_errors", NULL, s->tx_heartbeat_errors);
			if (carrier)
				print_u64(p, PRINT_JSON, "carrier_changes", NULL, cc);
		}
		print_close_object(p);
		print_close_object(p);
		return;
	}

	{
		const uint64_t rx[] = { s->rx_bytes, s->rx_packets, s->rx_errors, s->rx_dropped,
					s->rx_missed_errors, s->multicast, s->rx_compressed,
					s->rx_otherhost_dropped };
		const uint64_t rxe[] = { 0, s->rx_length_errors, s->rx_crc_errors,
					 s->rx_frame_errors, s->rx_fifo_errors, s->rx_over_errors,
					 s->rx_nohandler, 0 };
		const uint64_t tx[] = { s->tx_bytes, s->tx_packets, s->tx_errors, s->tx_dropped,
					s->tx_carrier_errors, s->collisions, s->tx_compressed, 0 };
		const uint64_t txe[] = { 0, 0, s->tx_aborted_errors, s->tx_fifo_errors,
					 s->tx_window_errors, s->tx_heartbeat_errors, cc, 0 };

		size_columns(cols, human, 8, rx);
		if (level > 1)
			size_columns(cols, human, 8, rxe);
		size_columns(cols, human, 8, tx);
		if (level > 1)
			size_columns(cols, human, 8, txe);
	}

	print_text(p, "    RX: %*s %*s %*s %*s %*s %*s %*s",
		   (int)cols[0] - 4, "bytes", (int)cols[1], "packets", (int)cols[2], "errors",
		   (int)cols[3], "dropped", (int)cols[4], "missed", (int)cols[5], "mcast",
		   (int)cols[6], s->rx_compressed ? "compressed" : "");
	if (s->rx_otherhost_dropped)
		print_text(p, " %*s", (int)cols[7], "otherhost");
	print_nl(p);
	print_text(p, "    ");
	print_num(p, human, cols[0], s->rx_bytes);
	print_num(p, human, cols[1], s->rx_packets);
	print_num(p, human, cols[2], s->rx_errors);
	print_num(p, human, cols[3], s->rx_dropped);
	print_num(p, human, cols[4], s->rx_missed_errors);
	print_num(p, human, cols[5], s->multicast);
	if (s->rx_compressed)
		print_num(p, human, cols[6], s->rx_compressed);
	if (s->rx_otherhost_dropped)
		print_num(p, human, cols[7], s->rx_otherhost_dropped);

	if (level > 1) {
		print_nl(p);
		print_text(p, "    RX errors:%*s %*s %*s %*s %*s %*s",
			   (int)cols[0] - 10, "", (int)cols[1], "length", (int)cols[2], "crc",
			   (int)cols[3], "frame", (int)cols[4], "fifo", (int)cols[5], "overrun");
		if (s->rx_nohandler)
			print_text(p, " %*s", (int)cols[6], "nohandler");
		print_nl(p);
		print_text(p, "%*s", (int)cols[0] + 5, "");
		print_num(p, human, cols[1], s->rx_length_errors);
		print_num(p, human, cols[2], s->rx_crc_errors);
		print_num(p, human, cols[3], s->rx_frame_errors);
		print_num(p, human, cols[4], s->rx_fifo_errors);
		print_num(p, human, cols[5], s->rx_over_errors);
		if (s->rx_nohandler)
			print_num(p, human, cols[6], s->rx_nohandler);
	}
	print_nl(p);

	print_text(p, "    TX: %*s %*s %*s %*s %*s %*s %*s",
		   (int)cols[0] - 4, "bytes", (int)cols[1], "packets", (int)cols[2], "errors",
		   (int)cols[3], "dropped", (int)cols[4], "carrier", (int)cols[5], "collsns",
		   (int)cols[6], s->tx_compressed ? "compressed" : "");
	print_nl(p);
	print_text(p, "    ");
	print_num(p, human, cols[0], s->tx_bytes);
	print_num(p, human, cols[1], s->tx_packets);
	print_num(p, human, cols[2], s->tx_errors);
	print_num(p, human, cols[3], s->tx_dropped);
	print_num(p, human, cols[4], s->tx_carrier_errors);
	print_num(p, human, cols[5], s->collisions);
	if (s->tx_compressed)
		print_num(p, human, cols[6], s->tx_compressed);

	if (level > 1) {
		print_nl(p);
		print_text(p, "    TX errors:%*s %*s %*s %*s %*s",
			   (int)cols[0] - 10, "", (int)cols[1], "aborted", (int)cols[2], "fifo",
			   (int)cols[3], "window", (int)cols[4], "heartbt");
		if (carrier)
			print_text(p, " %*s", (int)cols[5], "transns");
		print_nl(p);
		print_text(p, "%*s", (int)cols[0] + 5, "");
		print_num(p, human, cols[1], s->tx_aborted_errors);
		print_num(p, human, cols[2], s->tx_fifo_errors);
		print_num(p, human, cols[3], s->tx_window_errors);
		print_num(p, human, cols[4], s->tx_heartbeat_errors);
		if (carrier)
			print_num(p, human, cols[5], cc);
	}
}

static void print_link_stats_tb(struct link_show *ls, const struct nlattr **tb,
				const struct nlmsghdr *nlh)
{
	struct rtnl_link_stats64 s;
	const struct nlattr *a;

	(void)tb;
	/* IFLA_STATS64 is 64-bit aligned data: copy it out of the message. */
	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg)) {
		size_t n = mnl_attr_get_payload_len(a);

		if (mnl_attr_get_type(a) != IFLA_STATS64)
			continue;
		memset(&s, 0, sizeof(s));
		memcpy(&s, mnl_attr_get_payload(a), n < sizeof(s) ? n : sizeof(s));
		print_stats64(ls->ib->pr, ls->ib->stats, ls->ib->human > 0, &s,
			      tb[IFLA_CARRIER_CHANGES]);
		return;
	}
}

/* ip -s address: the counters after the addresses. */
void link_print_stats(struct link_show *ls, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1];

	if (attr_parse(tb, IFLA_MAX, link_policy, nlh, sizeof(struct ifinfomsg)) < 0)
		return;
	print_link_stats_tb(ls, tb, nlh);
	print_nl(ls->ib->pr);
}

/* The inet6 link dump has no IFLA_TXQLEN: ask the device, as iproute2. */
static void print_qlen(struct printer *p, const struct nlattr **tb, const char *name)
{
	struct ifreq ifr;
	int qlen, s;

	if (tb[IFLA_TXQLEN]) {
		qlen = (int)mnl_attr_get_u32(tb[IFLA_TXQLEN]);
	} else {
		s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s < 0)
			return;
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
		if (ioctl(s, SIOCGIFTXQLEN, &ifr) < 0) {
			print_text(p, "ioctl(SIOCGIFTXQLEN) failed: %s\n", strerror(errno));
			close(s);
			return;
		}
		close(s);
		qlen = ifr.ifr_qlen;
	}
	if (qlen)
		print_int(p, PRINT_ANY, "txqlen", "qlen %d", qlen);
}

/* Why the kernel sent a link event (ip monitor); NONE goes unsaid. */
static void print_link_event(struct printer *p, uint32_t event)
{
	static const char *const events[] = {
		[IFLA_EVENT_NONE] = "NONE", [IFLA_EVENT_REBOOT] = "REBOOT",
		[IFLA_EVENT_FEATURES] = "FEATURE CHANGE",
		[IFLA_EVENT_BONDING_FAILOVER] = "BONDING FAILOVER",
		[IFLA_EVENT_NOTIFY_PEERS] = "NOTIFY PEERS", [IFLA_EVENT_IGMP_RESEND] = "RESEND IGMP",
		[IFLA_EVENT_BONDING_OPTIONS] = "BONDING OPTION",
	};

	if (event >= sizeof(events) / sizeof(events[0]))
		print_int(p, PRINT_ANY, "event", "event %d ", (int)event);
	else if (event)
		print_string(p, PRINT_ANY, "event", "event %s ", events[event]);
}

/* ---- nsid -> name ----------------------------------------------------- */

/* The /run/netns name the peer namespace `nsid` is known by, or NULL;
 * the names are read once per show, on a socket of their own (the dump
 * runs on ib->rt). */
static const char *nsid_name(struct link_show *ls, int nsid)
{
	struct nl *nl;

	if (!ls->nsnames_loaded) {
		ls->nsnames_loaded = true;
		nl = nl_new(NETLINK_ROUTE);
		if (nl)
			netns_names_load(&ls->nsnames, nl);
		nl_free(nl);
	}
	return netns_names_find(&ls->nsnames, nsid);
}

void link_show_close(struct link_show *ls)
{
	ifcache_close(&ls->names);
	netns_names_free(&ls->nsnames);
	ls->nsnames_loaded = false;
}

/* ---- the whole link ----------------------------------------------------- */

static int print_brief(struct link_show *ls, const char *name, const struct ifinfomsg *ifi,
		       const struct nlattr **tb)
{
	struct printer *p = ls->ib->pr;
	bool mdown = print_name_and_link(ls, "%-16s ", name, tb);

	if (tb[IFLA_OPERSTATE])
		print_operstate(p, true, mnl_attr_get_u8(tb[IFLA_OPERSTATE]));
	if (ls->f->family == AF_PACKET) {
		if (tb[IFLA_ADDRESS])
			print_lladdr(p, "address", "%s ", tb[IFLA_ADDRESS], ifi->ifi_type);
		print_flags(p, ifi->ifi_flags, mdown);
		print_text(p, "\n");
	}
	return 0;
}

int link_print(struct link_show *ls, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct printer *p = ls->ib->pr;
	const struct link_filter *f = ls->f;
	char gbuf[32], tbuf[32];
	const char *name;
	bool mdown;

	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return -1;
	if (attr_parse(tb, IFLA_MAX, link_policy, nlh, sizeof(*ifi)) < 0)
		return -1;
	if (!tb[IFLA_IFNAME])
		fprintf(stderr, "BUG: device with ifindex %d has nil ifname\n", ifi->ifi_index);
	name = tb[IFLA_IFNAME] ? mnl_attr_get_str(tb[IFLA_IFNAME]) : "<nil>";
	/* Every link line names its lower link or master: what the dump
	 * told already needs no RTM_GETLINK of its own. */
	if (nlh->nlmsg_type == RTM_NEWLINK && tb[IFLA_IFNAME])
		ifcache_note(&ls->names, ifi->ifi_index, name, ifi->ifi_flags);
	if (filter_drops(f, ifi, tb, name))
		return -1;
	/* A name the label pattern misses: no link lines, yet its
	 * addresses still print (iproute2 returns 0 here). */
	if (f->label && (f->family == AF_UNSPEC || f->family == AF_PACKET) &&
	    fnmatch(f->label, name, 0) != 0)
		return 0;
	if (nlh->nlmsg_type == RTM_DELLINK)
		print_bool(p, PRINT_ANY, "deleted", "Deleted ", true);
	if (ls->ib->brief)
		return print_brief(ls, name, ifi, tb);

	print_int(p, PRINT_ANY, "ifindex", "%d: ", ifi->ifi_index);
	mdown = print_name_and_link(ls, "%s: ", name, tb);
	print_flags(p, ifi->ifi_flags, mdown);
	if (tb[IFLA_MTU])
		print_uint(p, PRINT_ANY, "mtu", "mtu %u ", mnl_attr_get_u32(tb[IFLA_MTU]));
	if (tb[IFLA_QDISC])
		print_string(p, PRINT_ANY, "qdisc", "qdisc %s ", mnl_attr_get_str(tb[IFLA_QDISC]));
	if (tb[IFLA_MASTER]) {
		char mname[IF_NAMESIZE];

		print_string(p, PRINT_ANY, "master", "master %s ",
			     ifcache_name(&ls->names, (int)mnl_attr_get_u32(tb[IFLA_MASTER]), mname));
	}
	if (tb[IFLA_OPERSTATE])
		print_operstate(p, false, mnl_attr_get_u8(tb[IFLA_OPERSTATE]));
	if (f->do_link && tb[IFLA_LINKMODE]) {
		uint8_t mode = mnl_attr_get_u8(tb[IFLA_LINKMODE]);

		if (mode > 1)
			print_int(p, PRINT_ANY, "linkmode_index", "mode %d ", mode);
		else
			print_string(p, PRINT_ANY, "linkmode", "mode %s ", mode ? "DORMANT" : "DEFAULT");
	}
	if (tb[IFLA_GROUP])
		print_string(p, PRINT_ANY, "group", "group %s ",
			     names_to_str(&names_groups, mnl_attr_get_u32(tb[IFLA_GROUP]),
					  gbuf, sizeof(gbuf)));
	if (!f->no_qlen)
		print_qlen(p, tb, name);
	if (tb[IFLA_EVENT])
		print_link_event(p, mnl_attr_get_u32(tb[IFLA_EVENT]));

	if (f->family == AF_UNSPEC || f->family == AF_PACKET || ls->ib->details) {
		print_nl(p);
		print_string(p, PRINT_ANY, "link_type", "    link/%s ",
			     lltype_name(ifi->ifi_type, tbuf, sizeof(tbuf)));
		if (tb[IFLA_ADDRESS])
			print_lladdr(p, "address", "%s", tb[IFLA_ADDRESS], ifi->ifi_type);
		if (tb[IFLA_BROADCAST]) {
			if (ifi->ifi_flags & IFF_POINTOPOINT) {
				print_text(p, " peer ");
				print_bool(p, PRINT_JSON, "link_pointtopoint", NULL, true);
			} else {
				print_text(p, " brd ");
			}
			print_lladdr(p, "broadcast", "%s", tb[IFLA_BROADCAST], ifi->ifi_type);
		}
	}
	if (tb[IFLA_LINK_NETNSID]) {
		int id = (int)mnl_attr_get_u32(tb[IFLA_LINK_NETNSID]);
		const char *ns;

		if (p->is_json)
			print_int(p, PRINT_JSON, "link_netnsid", NULL, id);
		else if (id < 0)
			print_string(p, PRINT_FP, NULL, " link-netnsid %s", "unknown");
		else if ((ns = nsid_name(ls, id)))
			print_string(p, PRINT_FP, NULL, " link-netns %s", ns);
		else
			print_int(p, PRINT_FP, NULL, " link-netnsid %d", id);
	}
	/* Only events carry these: where a link moved to (ip monitor). */
	if (tb[IFLA_NEW_NETNSID]) {
		int id = (int)mnl_attr_get_u32(tb[IFLA_NEW_NETNSID]);
		const char *ns = nsid_name(ls, id);

		if (ns)
			print_string(p, PRINT_FP, NULL, " new-netns %s", ns);
		else
			print_int(p, PRINT_FP, NULL, " new-netnsid %d", id);
	}
	if (tb[IFLA_NEW_IFINDEX])
		print_int(p, PRINT_FP, NULL, " new-ifindex %d", (int)mnl_attr_get_u32(tb[IFLA_NEW_IFINDEX]));
	if (tb[IFLA_PROTO_DOWN] && mnl_attr_get_u8(tb[IFLA_PROTO_DOWN]))
		print_bool(p, PRINT_ANY, "proto_down", " protodown on ", true);
	if (ls->ib->details)
		print_details(ls, tb);
	if ((f->do_link || ls->ib->details) && tb[IFLA_IFALIAS]) {
		print_nl(p);
		print_text(p, "    ");
		print_string(p, PRINT_ANY, "ifalias", "alias %s", mnl_attr_get_str(tb[IFLA_IFALIAS]));
	}
	if (f->do_link && ls->ib->stats) {
		print_nl(p);
		print_link_stats_tb(ls, tb, nlh);
	}
	if (tb[IFLA_PROP_LIST])
		print_altnames(p, tb[IFLA_PROP_LIST]);
	print_text(p, "\n");
	return 1;
}
