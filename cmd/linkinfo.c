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
#include <stddef.h>
#include <stdint.h>
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


/* ---- pieces of the header line ----------------------------------------- */

static void print_flags(struct printer *p, unsigned int flags, bool mdown)
{
	static const struct print_bit bits[] = {
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

	print_open_array(p, PRINT_ANY, "flags", "<");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		print_string(p, PRINT_ANY, NULL, "%s,", "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	print_bits(p, flags, bits, ARRAY_SIZE(bits));
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

	if (state >= ARRAY_SIZE(oper_states)) {
		snprintf(hex, sizeof(hex), "%#x", state);
		print_uint(p, PRINT_JSON, "operstate_index", NULL, state);
		print_string(p, PRINT_FP, NULL, "state %s", hex);
	} else if (brief) {
		print_color_string(p, PRINT_ANY, c, "operstate", "%-14s ", oper_states[state]);
	} else {
		print_string(p, PRINT_JSON, "operstate", NULL, oper_states[state]);
		print_text(p, "state ");
		print_color_string(p, PRINT_FP, c, NULL, "%s ", oper_states[state]);
	}
}

/* "NAME@LINK" in buf, cut where snprintf would cut it. */
static const char *name_at_link(char *buf, size_t size, const char *name, const char *link)
{
	size_t cap = size - 1, n = strnlen(name, cap), m;

	memcpy(buf, name, n);
	if (n < cap)
		buf[n++] = '@';
	m = strnlen(link, cap - n);
	memcpy(buf + n, link, m);
	buf[n + m] = '\0';
	return buf;
}

/* The lower link `index` when it comes later in the same read of the
 * dump (a veth pair's first half, whose peer was made just before it,
 * has the next index): its name and flags noted from there, not asked
 * for by an RTM_GETLINK of its own. */
static void note_link_ahead(struct link_show *ls, const struct nlmsghdr *nlh, int index)
{
	const struct nlmsghdr *m;
	const struct nlattr *a;

	if (!ls->dump || ifcache_has(&ls->names, index))
		return;
	m = nl_read_find_link(ls->dump, nlh, index);
	if (!m)
		return;
	mnl_attr_for_each(a, m, sizeof(struct ifinfomsg))
		if (mnl_attr_get_type(a) == IFLA_IFNAME &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0) {
			ifcache_note(&ls->names, index, mnl_attr_get_str(a),
				     ((const struct ifinfomsg *)mnl_nlmsg_get_payload(m))->ifi_flags);
			return;
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
			print_null(p, PRINT_JSON, "link", NULL);
			link = "NONE";
		} else if (tb[IFLA_LINK_NETNSID]) {
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
	}
	/* JSON has the link apart, plain text "NAME@LINK" */
	print_color_string(p, PRINT_JSON, COLOR_IFNAME, "ifname", NULL, name);
	print_color_string(p, PRINT_FP, COLOR_IFNAME, NULL, fmt,
			   link ? name_at_link(both, sizeof(both), name, link) : name);
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
	for (size_t i = 0; i < ARRAY_SIZE(tail); i++)
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

static void print_num(struct printer *p, bool human, unsigned int width, uint64_t count)
{
	static const char prefix[] = "kMGTPE";
	const uint64_t base = p->iec ? 1024 : 1000;
	uint64_t powi = 1, powj = 1;
	const char *pre = prefix;
	int precision = 2;
	char buf[64];

	if (!human || count < base) {
		print_column_u64(p, "", (int)width, count, " ");
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
	print_column(p, "", (int)width, buf, " ");
}

/* One counter of `ip -s link`: its JSON key, its column head and where
 * plain text puts it.  iproute2 orders and groups the two differently
 * (JSON has over_errors beside the packets, plain text among the
 * errors; missed_errors the other way round), so a row says both. */
struct stat_row {
	const char *key;	/* JSON, inside "rx" or "tx" */
	const char *head;	/* plain column head */
	uint16_t off;		/* in rtnl_link_stats64, or STAT_CARRIER (24-byte rows) */
	uint8_t line;		/* plain line: STAT_MAIN or STAT_ERRORS (-s -s) */
	uint8_t col;		/* plain column */
	uint8_t width_col;	/* the column its width counts in (see tx_rows) */
	uint8_t json_level;	/* JSON: 1 with -s, 2 with -s -s */
	uint8_t when;
};

enum { STAT_MAIN, STAT_ERRORS };
enum {
	STAT_ALWAYS,
	STAT_NONZERO,		/* only when not zero */
	STAT_NONZERO_HEAD,	/* the same, but plain text keeps its head blank */
	STAT_IF_CARRIER,	/* only when the link reports carrier changes; plain
				 * text keeps its head blank otherwise */
};
#define STAT_CARRIER UINT16_MAX	/* IFLA_CARRIER_CHANGES, not in the struct */
_Static_assert(sizeof(struct rtnl_link_stats64) < UINT16_MAX, "a stat_row's off is 16 bits");
#define STAT_COLS 8

#define STAT(key, head, field, line, col, wcol, level, when) \
	{ key, head, offsetof(struct rtnl_link_stats64, field), line, col, wcol, level, when }

/* In iproute2's JSON order. */
static const struct stat_row rx_rows[] = {
	STAT("bytes", "bytes", rx_bytes, STAT_MAIN, 0, 0, 1, STAT_ALWAYS),
	STAT("packets", "packets", rx_packets, STAT_MAIN, 1, 1, 1, STAT_ALWAYS),
	STAT("errors", "errors", rx_errors, STAT_MAIN, 2, 2, 1, STAT_ALWAYS),
	STAT("dropped", "dropped", rx_dropped, STAT_MAIN, 3, 3, 1, STAT_ALWAYS),
	STAT("over_errors", "overrun", rx_over_errors, STAT_ERRORS, 5, 5, 1, STAT_ALWAYS),
	STAT("multicast", "mcast", multicast, STAT_MAIN, 5, 5, 1, STAT_ALWAYS),
	STAT("compressed", "compressed", rx_compressed, STAT_MAIN, 6, 6, 1, STAT_NONZERO_HEAD),
	STAT("length_errors", "length", rx_length_errors, STAT_ERRORS, 1, 1, 2, STAT_ALWAYS),
	STAT("crc_errors", "crc", rx_crc_errors, STAT_ERRORS, 2, 2, 2, STAT_ALWAYS),
	STAT("frame_errors", "frame", rx_frame_errors, STAT_ERRORS, 3, 3, 2, STAT_ALWAYS),
	STAT("fifo_errors", "fifo", rx_fifo_errors, STAT_ERRORS, 4, 4, 2, STAT_ALWAYS),
	STAT("missed_errors", "missed", rx_missed_errors, STAT_MAIN, 4, 4, 2, STAT_ALWAYS),
	STAT("nohandler", "nohandler", rx_nohandler, STAT_ERRORS, 6, 6, 2, STAT_NONZERO),
	STAT("otherhost", "otherhost", rx_otherhost_dropped, STAT_ERRORS, 7, 7, 2, STAT_NONZERO),
};

/* iproute2 sizes the TX error columns one to the right of where it
 * prints them (width_col = col + 1): kept, so the columns are its. */
static const struct stat_row tx_rows[] = {
	STAT("bytes", "bytes", tx_bytes, STAT_MAIN, 0, 0, 1, STAT_ALWAYS),
	STAT("packets", "packets", tx_packets, STAT_MAIN, 1, 1, 1, STAT_ALWAYS),
	STAT("errors", "errors", tx_errors, STAT_MAIN, 2, 2, 1, STAT_ALWAYS),
	STAT("dropped", "dropped", tx_dropped, STAT_MAIN, 3, 3, 1, STAT_ALWAYS),
	STAT("carrier_errors", "carrier", tx_carrier_errors, STAT_MAIN, 4, 4, 1, STAT_ALWAYS),
	STAT("collisions", "collsns", collisions, STAT_MAIN, 5, 5, 1, STAT_ALWAYS),
	STAT("compressed", "compressed", tx_compressed, STAT_MAIN, 6, 6, 1, STAT_NONZERO_HEAD),
	STAT("aborted_errors", "aborted", tx_aborted_errors, STAT_ERRORS, 1, 2, 2, STAT_ALWAYS),
	STAT("fifo_errors", "fifo", tx_fifo_errors, STAT_ERRORS, 2, 3, 2, STAT_ALWAYS),
	STAT("window_errors", "window", tx_window_errors, STAT_ERRORS, 3, 4, 2, STAT_ALWAYS),
	STAT("heartbeat_errors", "heartbt", tx_heartbeat_errors, STAT_ERRORS, 4, 5, 2, STAT_ALWAYS),
	{ "carrier_changes", "transns", STAT_CARRIER, STAT_ERRORS, 5, 6, 2, STAT_IF_CARRIER },
};

/* What one print_stats64 prints from. */
struct stats {
	struct printer *p;
	const struct rtnl_link_stats64 *s;
	const struct nlattr *carrier;
	int level;		/* -s count */
	bool human;
	unsigned int cols[STAT_COLS];
};

static uint64_t stat_value(const struct stats *st, const struct stat_row *r)
{
	uint64_t v;

	if (r->off == STAT_CARRIER)
		return st->carrier ? mnl_attr_get_u32(st->carrier) : 0;
	memcpy(&v, (const char *)st->s + r->off, sizeof(v));
	return v;
}

static bool stat_shown(const struct stats *st, const struct stat_row *r)
{
	switch (r->when) {
	case STAT_NONZERO:
	case STAT_NONZERO_HEAD:
		return stat_value(st, r) != 0;
	case STAT_IF_CARRIER:
		return st->carrier != NULL;
	default:
		return true;
	}
}

static void stats_json(struct stats *st, const char *key, const struct stat_row *rows, size_t n)
{
	print_open_object(st->p, key);
	for (size_t i = 0; i < n; i++)
		if (rows[i].json_level <= st->level && stat_shown(st, &rows[i]))
			print_u64(st->p, PRINT_JSON, rows[i].key, NULL, stat_value(st, &rows[i]));
	print_close_object(st->p);
}

/* Each column as wide as its widest number (not under -h), at least
 * its head; the error lines count only under -s -s. */
static void size_columns(struct stats *st, const struct stat_row *rows, size_t n)
{
	for (size_t i = 0; i < n && !st->human; i++) {
		unsigned int len = 1;

		if (rows[i].line == STAT_ERRORS && st->level < 2)
			continue;
		for (uint64_t x = stat_value(st, &rows[i]); x > 9; x /= 10)
			len++;
		if (len > st->cols[rows[i].width_col])
			st->cols[rows[i].width_col] = len;
	}
}

/* The row each plain column of a line shows, or NULL: the rows' places
 * read once per line (a line has STAT_COLS columns, a table 14 rows). */
static void stat_places(const struct stat_row *rows, size_t n, int line,
			const struct stat_row *at[STAT_COLS])
{
	for (int col = 0; col < STAT_COLS; col++)
		at[col] = NULL;
	for (size_t i = 0; i < n; i++)
		if (rows[i].line == line)
			at[rows[i].col] = &rows[i];
}

/* "    RX: bytes packets ..." or "    RX errors: length crc ...", then
 * the numbers under them.  The title takes the first column's room;
 * an error line has no first column. */
static void stats_line(struct stats *st, const char *title, int line,
		       const struct stat_row *rows, size_t n)
{
	struct printer *p = st->p;
	const struct stat_row *at[STAT_COLS], *r;
	int title_len = (int)strlen(title);

	stat_places(rows, n, line, at);
	print_text(p, "    %s", title);
	for (int col = 0; col < STAT_COLS; col++) {
		r = at[col];
		if (col == 0)
			print_column(p, "", (int)st->cols[0] - title_len, r ? r->head : "", "");
		else if (r && stat_shown(st, r))
			print_column(p, " ", (int)st->cols[col], r->head, "");
		else if (r && (r->when == STAT_NONZERO_HEAD || r->when == STAT_IF_CARRIER))
			print_column(p, " ", (int)st->cols[col], "", "");
	}
	print_nl(p);
	print_text(p, "    ");
	for (int col = 0; col < STAT_COLS; col++) {
		r = at[col];
		if (r && stat_shown(st, r))
			print_num(p, st->human, st->cols[col], stat_value(st, r));
		else if (col == 0)
			print_column(p, "", (int)st->cols[0] + 1, "", "");
	}
}

/* iproute2's print_stats64: an object "stats64" under -j, columns in
 * plain text (each function prints only in its own mode). */
static void print_stats64(struct printer *p, int level, bool human,
			  const struct rtnl_link_stats64 *s, const struct nlattr *carrier)
{
	struct stats st = {
		.p = p, .s = s, .carrier = carrier, .level = level, .human = human,
		.cols = { 10, 7, 6, 7, 7, 7, 10, 9 },	/* the heads' widths */
	};

	print_open_object(p, "stats64");
	stats_json(&st, "rx", rx_rows, ARRAY_SIZE(rx_rows));
	stats_json(&st, "tx", tx_rows, ARRAY_SIZE(tx_rows));
	print_close_object(p);

	size_columns(&st, rx_rows, ARRAY_SIZE(rx_rows));
	size_columns(&st, tx_rows, ARRAY_SIZE(tx_rows));
	stats_line(&st, "RX: ", STAT_MAIN, rx_rows, ARRAY_SIZE(rx_rows));
	if (level > 1) {
		print_nl(p);
		stats_line(&st, "RX errors:", STAT_ERRORS, rx_rows, ARRAY_SIZE(rx_rows));
	}
	print_nl(p);
	stats_line(&st, "TX: ", STAT_MAIN, tx_rows, ARRAY_SIZE(tx_rows));
	if (level > 1) {
		print_nl(p);
		stats_line(&st, "TX errors:", STAT_ERRORS, tx_rows, ARRAY_SIZE(tx_rows));
	}
}

static void print_link_stats_tb(struct link_show *ls, const struct nlattr **tb)
{
	const struct nlattr *a = tb[IFLA_STATS64];
	struct rtnl_link_stats64 s;
	size_t n;

	if (!a)
		return;
	/* IFLA_STATS64 is 64-bit aligned data: copy it out of the message. */
	n = mnl_attr_get_payload_len(a);
	memset(&s, 0, sizeof(s));
	memcpy(&s, mnl_attr_get_payload(a), n < sizeof(s) ? n : sizeof(s));
	print_stats64(ls->ib->pr, ls->ib->stats, ls->ib->human > 0, &s, tb[IFLA_CARRIER_CHANGES]);
}

/* ip -s address: the counters after the addresses. */
void link_print_stats(struct link_show *ls, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1];

	if (attr_parse(tb, IFLA_MAX, link_policy, nlh, sizeof(struct ifinfomsg)) < 0)
		return;
	print_link_stats_tb(ls, tb);
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

	if (event >= ARRAY_SIZE(events))
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

/* The reasons a link is held down, by name (protodown_reasons.d) or
 * number.  iproute2 6.1 reads the value as a u8 (reasons 8 to 31 are
 * lost) and only when the link has a broadcast address: ipbox-link(8). */
static void print_protodown_reasons(struct printer *p, const struct nlattr *nest)
{
	const struct nlattr *a;
	uint32_t reasons = 0;
	bool first = true;
	char buf[16];

	mnl_attr_for_each_nested(a, nest)
		if (mnl_attr_get_type(a) == IFLA_PROTO_DOWN_REASON_VALUE &&
		    mnl_attr_get_payload_len(a) >= sizeof(uint32_t))
			reasons = mnl_attr_get_u32(a);
	if (!reasons)
		return;
	print_open_array(p, PRINT_JSON, "proto_down_reason", NULL);
	print_text(p, "protodown_reason <");
	for (uint32_t i = 0; i < 32; i++) {
		if (!(reasons & 1u << i))
			continue;
		print_string(p, PRINT_ANY, NULL, first ? "%s" : ",%s",
			     names_to_str(&names_protodown_reasons, i, buf, sizeof(buf)));
		first = false;
	}
	print_close_array(p, PRINT_JSON, NULL);
	print_text(p, ">");
}

static void print_linkmode(struct printer *p, uint8_t mode)
{
	if (mode > 1)
		print_int(p, PRINT_ANY, "linkmode_index", "mode %d ", mode);
	else
		print_string(p, PRINT_ANY, "linkmode", "mode %s ", mode ? "DORMANT" : "DEFAULT");
}

/* "3: eth0@if4: <FLAGS> mtu 1500 qdisc noqueue master br0 state UP mode
 * DEFAULT group default qlen 1000" */
static void print_link_head(struct link_show *ls, const struct ifinfomsg *ifi,
			    const struct nlattr **tb, const char *name)
{
	struct printer *p = ls->ib->pr;
	char buf[32];
	bool mdown;

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
	if (ls->f->do_link && tb[IFLA_LINKMODE])
		print_linkmode(p, mnl_attr_get_u8(tb[IFLA_LINKMODE]));
	if (tb[IFLA_GROUP])
		print_string(p, PRINT_ANY, "group", "group %s ",
			     names_to_str(&names_groups, mnl_attr_get_u32(tb[IFLA_GROUP]),
					  buf, sizeof(buf)));
	if (!ls->f->no_qlen)
		print_qlen(p, tb, name);
	if (tb[IFLA_EVENT])
		print_link_event(p, mnl_attr_get_u32(tb[IFLA_EVENT]));
}

/* "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff" (peer for a
 * point-to-point link) */
static void print_link_layer(struct printer *p, const struct ifinfomsg *ifi,
			     const struct nlattr **tb)
{
	char buf[32];

	print_nl(p);
	print_string(p, PRINT_ANY, "link_type", "    link/%s ",
		     lltype_name(ifi->ifi_type, buf, sizeof(buf)));
	if (tb[IFLA_ADDRESS])
		print_lladdr(p, "address", "%s", tb[IFLA_ADDRESS], ifi->ifi_type);
	if (!tb[IFLA_BROADCAST])
		return;
	if (ifi->ifi_flags & IFF_POINTOPOINT) {
		print_text(p, " peer ");
		print_bool(p, PRINT_JSON, "link_pointtopoint", NULL, true);
	} else {
		print_text(p, " brd ");
	}
	print_lladdr(p, "broadcast", "%s", tb[IFLA_BROADCAST], ifi->ifi_type);
}

/* The peer's namespace ("link-netns NAME", a number under -j) and, in
 * events only, where a link moved to (ip monitor). */
static void print_link_netns(struct link_show *ls, const struct nlattr **tb)
{
	struct printer *p = ls->ib->pr;
	const char *ns;
	int id;

	if (tb[IFLA_LINK_NETNSID]) {
		id = (int)mnl_attr_get_u32(tb[IFLA_LINK_NETNSID]);
		print_int(p, PRINT_JSON, "link_netnsid", NULL, id);
		if (id < 0)
			print_string(p, PRINT_FP, NULL, " link-netnsid %s", "unknown");
		else if ((ns = nsid_name(ls, id)))
			print_string(p, PRINT_FP, NULL, " link-netns %s", ns);
		else
			print_int(p, PRINT_FP, NULL, " link-netnsid %d", id);
	}
	if (tb[IFLA_NEW_NETNSID]) {
		id = (int)mnl_attr_get_u32(tb[IFLA_NEW_NETNSID]);
		ns = nsid_name(ls, id);
		if (ns)
			print_string(p, PRINT_FP, NULL, " new-netns %s", ns);
		else
			print_int(p, PRINT_FP, NULL, " new-netnsid %d", id);
	}
	if (tb[IFLA_NEW_IFINDEX])
		print_int(p, PRINT_FP, NULL, " new-ifindex %d", (int)mnl_attr_get_u32(tb[IFLA_NEW_IFINDEX]));
}

int link_print(struct link_show *ls, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct printer *p = ls->ib->pr;
	const struct link_filter *f = ls->f;
	const char *name;

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
	if (tb[IFLA_LINK] && !tb[IFLA_LINK_NETNSID])
		note_link_ahead(ls, nlh, (int)mnl_attr_get_u32(tb[IFLA_LINK]));
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

	print_link_head(ls, ifi, tb, name);
	if (f->family == AF_UNSPEC || f->family == AF_PACKET || ls->ib->details)
		print_link_layer(p, ifi, tb);
	print_link_netns(ls, tb);
	if (tb[IFLA_PROTO_DOWN] && mnl_attr_get_u8(tb[IFLA_PROTO_DOWN]))
		print_bool(p, PRINT_ANY, "proto_down", " protodown on ", true);
	if (tb[IFLA_PROTO_DOWN_REASON])
		print_protodown_reasons(p, tb[IFLA_PROTO_DOWN_REASON]);
	if (ls->ib->details)
		print_details(ls, tb);
	if ((f->do_link || ls->ib->details) && tb[IFLA_IFALIAS]) {
		print_nl(p);
		print_text(p, "    ");
		print_string(p, PRINT_ANY, "ifalias", "alias %s", mnl_attr_get_str(tb[IFLA_IFALIAS]));
	}
	if (f->do_link && ls->ib->stats) {
		print_nl(p);
		print_link_stats_tb(ls, tb);
	}
	if (tb[IFLA_PROP_LIST])
		print_altnames(p, tb[IFLA_PROP_LIST]);
	print_text(p, "\n");
	return 1;
}
