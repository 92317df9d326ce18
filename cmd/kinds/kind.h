/* The link kind registry: what `ip link add|set ... type KIND ARGS`,
 * `ip link help KIND` and `ip -d link show` know of each kind.
 *
 * A kind is a table of option rows, one per word, in iproute2's print
 * order: the same rows parse the words (rows.c: kind_rows_parse) and print
 * the kind's data (kind_rows_print).  A row whose value no type here can
 * say carries its own {parse, print} pair; a kind no table can say (veth's
 * peer, the tunnels' full parameter sets) has its own parse and print.
 * Every kind is listed in registry.c; each family has a file. */
#ifndef IPBOX_KIND_H
#define IPBOX_KIND_H

/* net/if.h (through link.h) before any linux/ header that brings
 * linux/if.h: glibc's and the kernel's definitions then agree */
#include "../link.h"
#include "../../args/walk.h"
#include "../../netlink/attr.h"

#include <stdbool.h>
#include <stdint.h>
#include <linux/if_link.h>
#include <linux/if_bridge.h>

#define BIT(attr) (1ull << (attr))
#define KIND_MAXATTR 63	/* above every table kind's maxattr: a bit each in uint64_t */

enum opt_type {
	OPT_FLAG,	/* the word alone: an empty attribute */
	OPT_NO,		/* the word alone sets the attribute to 0; arg: its size */
	OPT_U8,
	OPT_U16,
	OPT_U32,
	OPT_U64,
	OPT_S32,	/* printed as %d */
	OPT_BOOLOPT,	/* one bit of IFLA_BR_MULTI_BOOLOPT */
	OPT_LLADDR,
	OPT_ETHERTYPE,	/* an ll_proto name or number, network order */
	OPT_BRIDGE_ID,	/* struct ifla_bridge_id: "8000.aa:bb:..." */
	OPT_TIMER,	/* centiseconds: "   1.50" */
	OPT_HEX_ALT,	/* u16 as "%#x" */
	OPT_HEX,	/* u16 as "0x%x" */
	OPT_ON_OFF,	/* u8: on/off, a JSON bool */
	OPT_PORT_STATE,	/* u8: an STP port state */
	OPT_VNI,	/* u32, 0-16777215 */
	OPT_ADDR,	/* IPv4 in attr, IPv6 in attr6; arg: which kind of address */
	OPT_DEV,	/* u32 ifindex; arg: DEV_* */
	OPT_PORT,	/* u16, network order */
	OPT_PORT_RANGE,	/* struct ifla_vxlan_port_range: two words, MIN MAX */
	OPT_YES_NO,	/* u8: the word sets 1 (its OPT_NO row sets 0); arg: how it
			 * shows; attr6: a LATER attribute the word turns off */
	OPT_TTL,	/* u8, auto (0) or inherit (the flag attr6) */
	OPT_TOS,	/* u8 in hex, 1 is inherit */
	OPT_DF,		/* u8: unset, set, inherit */
	OPT_LABEL,	/* u32 flow label, network order, shown in hex */
	OPT_AGEING,	/* u32, "none" is 0 */
	OPT_LIMIT,	/* u32, "unlimited" is 0; shown only when set */
	OPT_FWD_MASK,	/* u16 group forward mask as its bits' names: "stp,lldp" */
	OPT_ENUM,	/* one of names[] (or its index); arg: the attribute's size */
	OPT_HEX32,	/* u32 shown as "%#x" (a JSON string) */
	OPT_TABLE,	/* u32 routing table, by number or rt_tables name */
	OPT_BIT,	/* WORD on|off: bit arg of a flags word the kind's finish puts */
	OPT_CUSTOM,	/* the row's own parse and print */
	OPT_NTYPES
};

/* arg of OPT_ADDR */
enum { ADDR_LOCAL, ADDR_REMOTE, ADDR_GROUP };
/* arg of OPT_YES_NO: "WORD"/"noWORD" always, "noWORD" only, "WORD" only,
 * "WORD" only and glued to what follows (iproute2 prints no space) */
enum { SHOW_ALWAYS, SHOW_NO, SHOW_YES, SHOW_YES_GLUED };
/* arg of OPT_DEV: how a missing device ends the command (iproute2 exits
 * 255 from some parsers, returns 1 from others) */
enum { DEV_EXIT, DEV_RETURN };

/* use: SET parses the word, SHOW prints it; LATER keeps the value in
 * kp->val (kp->on for words alone) for the kind's finish to put; VALUE
 * steps an OPT_CUSTOM row onto its one value before its parse runs. */
enum { SET = 1, SHOW = 2, BOTH = SET | SHOW, LATER = 4, VALUE = 8 };

struct kind_opt;
struct kind_parse;

/* What the printers share: the output, and names for ifindexes. */
struct kind_print {
	struct printer *p;
	struct ifcache *names;
};

typedef int (*opt_parse_fn)(struct kind_parse *kp, const struct kind_opt *o, struct arg_walk *w);
typedef void (*opt_print_fn)(struct kind_print *kp, const struct kind_opt *o,
			     const struct nlattr **tb);

/* What few rows have (60 of 213): an error text, value names, their own
 * parse and print.  Kept out of the rows, which are then 32 bytes, not
 * 56 (the binary's size budget, issue 19). */
struct kind_opt_ext {
	const char *err;	/* a bad value: iproute2's words, if not "invalid WORD" */
	const char *const *names;	/* OPT_ENUM: the values' names, NULL-ended */
	opt_parse_fn parse;	/* OPT_CUSTOM: the cursor is on the word */
	opt_print_fn print;	/* OPT_CUSTOM */
};

/* The pointers first, the narrow fields packed after them. */
struct kind_opt {
	const char *word;	/* on the command line and in plain output */
	const char *key;	/* JSON key; NULL: plain output only */
	const struct kind_opt_ext *x;	/* NULL: none of it */
	uint16_t attr;
	uint16_t attr6;		/* OPT_ADDR: the IPv6 attribute; OPT_TTL: inherit;
				 * OPT_YES_NO: an attribute the word sets to 0 */
	uint8_t type;		/* enum opt_type */
	uint8_t use;		/* SET, SHOW or BOTH, and LATER or VALUE */
	uint8_t arg;		/* OPT_BOOLOPT, OPT_BIT: the bit; else see the types */
	/* The shortest prefix of word iproute2 takes (it tries its words
	 * with matches() in its own order); 0: the whole word (strcmp). */
	uint8_t abbrev;
};

static inline const char *kind_opt_err(const struct kind_opt *o)
{
	return o->x ? o->x->err : NULL;
}

/* A row's ext, a static compound literal: KIND_EXT(.names = list, ...). */
#define KIND_EXT(...) (&(const struct kind_opt_ext){ __VA_ARGS__ })
/* A row: word, key, type, attribute, use, arg, attr6, err (a string or
 * NULL), abbrev. */
#define OPT(w, k, t, a, u, ar, a6, e, ab) \
	{ .word = w, .key = k, .type = t, .attr = a, .use = u, .arg = ar, .attr6 = a6, \
	  .x = _Generic((e), char *: KIND_EXT(.err = (e)), default: NULL), .abbrev = ab }
#define OPT_END { .word = NULL }
/* Rows that are set and shown under their word: a number of the type, a
 * name of the list (an attribute of size bytes), a device (DEV_*). */
#define NUM_KEY(w, k, t, a, ab) OPT(w, k, t, a, BOTH, 0, 0, NULL, ab)
#define NUM(w, t, a, ab) NUM_KEY(w, w, t, a, ab)
#define NAMES(w, k, a, size, list, ab) \
	{ .word = w, .key = k, .type = OPT_ENUM, .attr = a, .use = BOTH, .arg = size, \
	  .abbrev = ab, .x = KIND_EXT(.names = list) }
/* A value only shown, under its word (or the key). */
#define SHOWN_KEY(w, k, t, a) OPT(w, k, t, a, SHOW, 0, 0, NULL, 0)
#define SHOWN(w, t, a) SHOWN_KEY(w, w, t, a)
#define DEVICE(w, a, how, ab) OPT(w, w, OPT_DEV, a, BOTH, how, 0, NULL, ab)
/* A row with its own parse (or NULL) and print (or NULL). */
#define CUSTOM(w, k, a, u, ab, parse_fn, print_fn) \
	{ .word = w, .key = k, .type = OPT_CUSTOM, .attr = a, .use = u, .abbrev = ab, \
	  .x = KIND_EXT(.parse = parse_fn, .print = print_fn) }

struct link_kind;

/* One `type KIND ARGS` being parsed into the open IFLA_INFO_DATA nest. */
struct kind_parse {
	const struct link_kind *k;
	const char *name;	/* the kind as typed: "macvtap", "gretap" */
	struct nlreq *r;
	bool set_op;		/* `link set`: nothing is required */
	int family;		/* -4 / -6, or AF_UNSPEC */
	int ifindex;		/* `link set`: the device changed */
	struct printer *p;	/* stdout, in order with a batch's output */
	const struct kind_peer *peer;
	/* what the rows have seen */
	uint64_t seen;		/* bit per attribute given */
	uint64_t on;		/* bit per OPT_YES_NO attribute set to 1 */
	uint64_t val[KIND_MAXATTR + 1];	/* LATER rows' values */
	uint8_t addr[2][16];	/* LATER OPT_ADDR: local, remote */
	int addr_family[2];	/* of local, of remote/group: each binds the other */
	bool group;		/* the remote address is a multicast group */
	uint32_t flags, mask;	/* OPT_BIT rows */
	struct br_boolopt_multi bo;
};

struct link_kind {
	const char *name;	/* as typed after `type`: "bridge_slave" */
	unsigned int maxattr;
	const struct kind_opt *opts;	/* the rows, or NULL */
	/* The name of its USAGE() text (cmd/usage.h), a format whose one
	 * %s is the kind's name. */
	const char *usage;
	/* "KIND: unknown WHAT \"WORD\"?" before the usage; NULL: none */
	const char *unknown;
	bool once;		/* a second use of an attribute is an error */
	bool takes_none;	/* iproute2 ignores its words (no parser) */
	bool prints;		/* iproute2 prints its data (info_data, even empty) */
	/* Instead of the rows: 0 or an exit status; the cursor is on the
	 * first word after KIND. */
	int (*parse)(struct kind_parse *kp, struct arg_walk *w);
	/* After the rows: iproute2's checks and late attributes. */
	int (*finish)(struct kind_parse *kp);
	/* The words `parse` takes, for ipbox --words: "CLASS WORD" lines
	 * (cmd/words.h). */
	void (*words)(const char *class);
	/* Instead of the rows; the attributes it reads are checked against
	 * policy (maxattr + 1 entries) before it runs. */
	void (*print)(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb);
	const enum mnl_attr_data_type *policy;
};

/* rows.c: the table interpreter */
int kind_rows_parse(struct kind_parse *kp, struct arg_walk *w);
void kind_rows_print(struct kind_print *kp, const struct kind_opt *opts, const struct nlattr **tb);
int kind_usage(const struct kind_parse *kp);
int kind_invalid(const struct kind_opt *o, const char *arg);
int kind_parse_unsigned(const char *s, uint64_t max, uint64_t *v);
void kind_put_later(struct kind_parse *kp, uint16_t attr);
const char *kind_ethertype_name(uint16_t proto, char *buf, size_t size);
int kind_ethertype(const char *word, uint16_t *proto);
void kind_print_dev(struct kind_print *kp, const char *key, const char *fmt, uint32_t ifindex);

/* registry.c */
const struct link_kind *kind_find(const char *name);

/* the families */
extern const struct link_kind kind_bridge, kind_bridge_slave, kind_vxlan;
extern const struct link_kind kind_veth, kind_vxcan;
extern const struct link_kind kind_macvlan, kind_macvtap;
extern const struct link_kind kind_vlan;
extern const struct link_kind kind_tun;
extern const struct link_kind kind_bond, kind_bond_slave;
extern const struct link_kind kind_vrf, kind_vrf_slave;
extern const struct link_kind kind_ipvlan, kind_ipvtap;
extern const struct link_kind kind_geneve, kind_bareudp, kind_xfrm;
extern const struct link_kind kind_gre, kind_gretap, kind_erspan;
extern const struct link_kind kind_ip6gre, kind_ip6gretap, kind_ip6erspan;
extern const struct link_kind kind_ipip, kind_sit, kind_ip6tnl;

#endif
