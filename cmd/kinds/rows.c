/* The table interpreter: a kind's rows parse `type KIND ARGS` into the
 * open IFLA_INFO_DATA (or SLAVE_DATA) nest and print the -d kind data. */
#include "kind.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>

#include "../../args/inet.h"
#include "../../names/names.h"
#include "../../netlink/lladdr.h"
#include "../usage.h"

/* ---- parsing ---------------------------------------------------------- */

int kind_usage(const struct kind_parse *kp)
{
	fprintf(stderr, usage_text(kp->k->usage), kp->k->name);
	return EXIT_FAIL;
}

/* iproute2's get_u8/u16/u32/u64: strtoull in base 0, then a range check. */
int kind_parse_unsigned(const char *s, uint64_t max, uint64_t *v)
{
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 0);
	if (end == s || *end || (*v == ULLONG_MAX && errno == ERANGE) || *v > max)
		return -1;
	return 0;
}

int kind_invalid(const struct kind_opt *o, const char *arg)
{
	char msg[64];

	if (kind_opt_err(o))
		return arg_invalid(kind_opt_err(o), arg);
	snprintf(msg, sizeof(msg), "invalid %s", o->word);
	return arg_invalid(msg, arg);
}

/* Ethernet protocol numbers by name, as iproute2's ll_proto table has
 * them (its first name of a number is the one it prints). */
#define ETHERTYPES(X) \
	X(ETH_P_LOOP, "loop") X(ETH_P_PUP, "pup") X(ETH_P_PUPAT, "pupat") \
	X(ETH_P_IP, "ip") X(ETH_P_X25, "x25") X(ETH_P_ARP, "arp") \
	X(ETH_P_BPQ, "bpq") X(ETH_P_IEEEPUP, "ieeepup") \
	X(ETH_P_IEEEPUPAT, "ieeepupat") X(ETH_P_DEC, "dec") \
	X(ETH_P_DNA_DL, "dna_dl") X(ETH_P_DNA_RC, "dna_rc") \
	X(ETH_P_DNA_RT, "dna_rt") X(ETH_P_LAT, "lat") X(ETH_P_DIAG, "diag") \
	X(ETH_P_CUST, "cust") X(ETH_P_SCA, "sca") X(ETH_P_RARP, "rarp") \
	X(ETH_P_ATALK, "atalk") X(ETH_P_AARP, "aarp") X(ETH_P_IPX, "ipx") \
	X(ETH_P_IPV6, "ipv6") X(ETH_P_PPP_DISC, "ppp_disc") \
	X(ETH_P_PPP_SES, "ppp_ses") X(ETH_P_ATMMPOA, "atmmpoa") \
	X(ETH_P_ATMFATE, "atmfate") X(ETH_P_802_3, "802_3") \
	X(ETH_P_AX25, "ax25") X(ETH_P_ALL, "all") X(ETH_P_802_2, "802_2") \
	X(ETH_P_SNAP, "snap") X(ETH_P_DDCMP, "ddcmp") \
	X(ETH_P_WAN_PPP, "wan_ppp") X(ETH_P_PPP_MP, "ppp_mp") \
	X(ETH_P_LOCALTALK, "localtalk") X(ETH_P_CAN, "can") \
	X(ETH_P_PPPTALK, "ppptalk") X(ETH_P_TR_802_2, "tr_802_2") \
	X(ETH_P_MOBITEX, "mobitex") X(ETH_P_CONTROL, "control") \
	X(ETH_P_IRDA, "irda") X(ETH_P_ECONET, "econet") X(ETH_P_TIPC, "tipc") \
	X(ETH_P_PROFINET, "profinet") X(ETH_P_AOE, "aoe") \
	X(ETH_P_ETHERCAT, "ethercat") X(ETH_P_8021Q, "802.1Q") \
	X(ETH_P_8021AD, "802.1ad") X(ETH_P_MPLS_UC, "mpls_uc") \
	X(ETH_P_MPLS_MC, "mpls_mc") X(ETH_P_TEB, "teb") X(0x88cc, "LLDP") \
	X(ETH_P_IP, "ipv4")
#define ETHERTYPE_ID(id, name) id,
#define ETHERTYPE_NAME(id, name) name "\0"
/* the numbers, and the names in a pool in the same order */
static const uint16_t ethertype_ids[] = { ETHERTYPES(ETHERTYPE_ID) };
static const char ethertype_names[] = ETHERTYPES(ETHERTYPE_NAME);
static const struct name_pool ethertypes = NAME_POOL(ethertype_ids, ethertype_names);

/* A name (any case) or a number: the protocol in network order. */
int kind_ethertype(const char *word, uint16_t *proto)
{
	int id = name_pool_id(&ethertypes, word);
	uint64_t v;

	if (id >= 0) {
		*proto = htons((uint16_t)id);
		return 0;
	}
	if (kind_parse_unsigned(word, UINT16_MAX, &v) < 0)
		return -1;
	*proto = htons((uint16_t)v);
	return 0;
}

/* proto in network order: its name, or "[NUMBER]". */
const char *kind_ethertype_name(uint16_t proto, char *buf, size_t size)
{
	const char *name = name_pool_name(&ethertypes, ntohs(proto));

	if (name)
		return name;
	snprintf(buf, size, "[%u]", ntohs(proto));
	return buf;
}

/* An address for OPT_ADDR: group must be multicast, remote and local must
 * not; local and remote/group must be of one family (iproute2 reads each
 * in the family of the other). */
static int put_addr(struct kind_parse *kp, const struct kind_opt *o, const char *arg)
{
	int side = o->arg == ADDR_LOCAL ? 0 : 1;
	struct inet_prefix pf;
	bool mcast;

	if (inet_get_addr(&pf, arg, kp->addr_family[!side]))
		return EXIT_FAIL;
	if (pf.family != AF_INET && pf.family != AF_INET6)
		return kind_invalid(o, arg);
	mcast = pf.family == AF_INET ? (pf.data[0] & 0xf0) == 0xe0 : pf.data[0] == 0xff;
	if (mcast != (o->arg == ADDR_GROUP))
		return kind_invalid(o, arg);
	kp->addr_family[side] = pf.family;
	if (o->arg == ADDR_GROUP)
		kp->group = true;
	if (o->use & LATER)
		memcpy(kp->addr[side], pf.data, (size_t)pf.bytelen);
	else
		nlreq_put(kp->r, pf.family == AF_INET ? o->attr : o->attr6, (size_t)pf.bytelen,
			  pf.data);
	return 0;
}

static int put_ttl(struct kind_parse *kp, const struct kind_opt *o, const char *arg)
{
	uint64_t v = 0;

	if (!strcmp(arg, "inherit")) {
		nlreq_put(kp->r, o->attr6, 0, NULL);
		return 0;
	}
	if (strcmp(arg, "auto") != 0) {
		if (kind_parse_unsigned(arg, UINT32_MAX, &v) < 0)
			return arg_invalid("invalid TTL", arg);
		if (v > 255)
			return arg_invalid("TTL must be <= 255", arg);
	}
	nlreq_put_u8(kp->r, o->attr, (uint8_t)v);
	return 0;
}

/* srcport MIN MAX: the second word is read only once the first is good. */
static int put_port_range(struct kind_parse *kp, const struct kind_opt *o,
			  struct arg_walk *w)
{
	struct ifla_vxlan_port_range pr;
	uint64_t low, high;
	const char *arg = *w->argv;

	if (kind_parse_unsigned(arg, UINT16_MAX, &low) < 0)
		return arg_invalid("min port", arg);
	WALK_NEXT(w, arg);
	if (kind_parse_unsigned(arg, UINT16_MAX, &high) < 0)
		return arg_invalid("max port", arg);
	pr.low = htons((uint16_t)low);
	pr.high = htons((uint16_t)high);
	if (low || high)
		nlreq_put(kp->r, o->attr, sizeof(pr), &pr);
	return 0;
}

/* Values that are words: the index of arg in words, or -1. */
static int word_index(const char *const *words, const char *arg)
{
	for (int i = 0; words[i]; i++)
		if (!strcmp(words[i], arg))
			return i;
	return -1;
}

/* iproute2's get_index: a name of the list, or its index as a number. */
static int enum_index(const char *const *names, const char *arg)
{
	char *end;
	long n;
	int count = 0;

	while (names[count])
		count++;
	errno = 0;
	n = strtol(arg, &end, 10);
	if (*arg && !*end && errno != ERANGE && n >= 0 && n < count)
		return (int)n;
	return word_index(names, arg);
}

static const char *const df_words[] = { "unset", "set", "inherit", NULL };
static const char *const on_off_words[] = { "off", "on", NULL };

static int on_off_error(const char *word, const char *arg)
{
	fprintf(stderr, "Error: argument of \"%s\" must be one of \"off\", \"on\", not \"%s\"\n",
		word, arg);
	return EXIT_FAIL;
}

/* A number of the row's type into the request, or kept for later. */
static void put_number(struct kind_parse *kp, const struct kind_opt *o, uint64_t v)
{
	if (o->use & LATER) {
		kp->val[o->attr] = v;
		return;
	}
	switch (o->type) {
	case OPT_U8:
	case OPT_PORT_STATE:
	case OPT_ON_OFF:
	case OPT_DF:
	case OPT_TOS:
		nlreq_put_u8(kp->r, o->attr, (uint8_t)v);
		break;
	case OPT_U16:
	case OPT_HEX_ALT:
	case OPT_ETHERTYPE:
		nlreq_put_u16(kp->r, o->attr, (uint16_t)v);
		break;
	case OPT_PORT:
		nlreq_put_u16(kp->r, o->attr, htons((uint16_t)v));
		break;
	case OPT_LABEL:
		nlreq_put_u32(kp->r, o->attr, htonl((uint32_t)v));
		break;
	case OPT_U64:
		nlreq_put(kp->r, o->attr, sizeof(v), &v);
		break;
	case OPT_ENUM:
		if (o->arg == 1)
			nlreq_put_u8(kp->r, o->attr, (uint8_t)v);
		else if (o->arg == 2)
			nlreq_put_u16(kp->r, o->attr, (uint16_t)v);
		else
			nlreq_put_u32(kp->r, o->attr, (uint32_t)v);
		break;
	default:	/* the 32-bit ones */
		nlreq_put_u32(kp->r, o->attr, (uint32_t)v);
	}
}

/* A value that is a word (a name, a device, an address, ...): 0 and *v,
 * 1 when put already, or -(exit status). */
static int word_value(struct kind_parse *kp, const struct kind_opt *o, const char *arg,
		      uint64_t *v)
{
	uint8_t ll[LLADDR_MAX];
	uint16_t proto;
	uint32_t table;
	int n;

	switch (o->type) {
	case OPT_LLADDR:
		n = lladdr_pton(arg, ll, sizeof(ll));
		if (n < 0)
			return -EXIT_FAIL;
		nlreq_put(kp->r, o->attr, (size_t)n, ll);
		return 1;
	case OPT_ETHERTYPE:
		if (kind_ethertype(arg, &proto) < 0)
			return -kind_invalid(o, arg);
		*v = proto;
		return 0;
	case OPT_ADDR:
		n = put_addr(kp, o, arg);
		return n ? -n : 1;
	case OPT_TTL:
		n = put_ttl(kp, o, arg);
		return n ? -n : 1;
	case OPT_DEV:
		n = ifname_to_index(arg);
		if (!n && kind_opt_err(o))
			return -arg_invalid(kind_opt_err(o), arg);
		if (!n)
			return o->arg == DEV_RETURN ? -arg_nodev(arg) : (arg_nodev(arg), -EXIT_USAGE);
		*v = (uint64_t)n;
		return 0;
	case OPT_ON_OFF:
		n = word_index(on_off_words, arg);
		if (n < 0)
			return -on_off_error(o->word, arg);
		*v = (uint64_t)n;
		return 0;
	case OPT_DF:
		n = word_index(df_words, arg);
		if (n < 0)
			return -kind_invalid(o, arg);
		*v = (uint64_t)n;
		return 0;
	case OPT_ENUM:
		n = enum_index(o->x->names, arg);
		if (n < 0)
			return -kind_invalid(o, arg);
		*v = (uint64_t)n;
		return 0;
	case OPT_TABLE:
		if (names_to_id(&names_tables, arg, &table) < 0)
			return -kind_invalid(o, arg);
		*v = table;
		return 0;
	default:
		return 2;	/* a number */
	}
}

/* One option's value into the request; 0 or an exit status. */
static int put_opt(struct kind_parse *kp, const struct kind_opt *o, const char *arg)
{
	static const uint64_t max[OPT_NTYPES] = {
		[OPT_U8] = UINT8_MAX, [OPT_U16] = UINT16_MAX,
		[OPT_U32] = UINT32_MAX, [OPT_U64] = UINT64_MAX, [OPT_BOOLOPT] = UINT32_MAX,
		[OPT_HEX_ALT] = UINT16_MAX, [OPT_VNI] = 0xffffff, [OPT_PORT] = UINT16_MAX,
		[OPT_PORT_STATE] = UINT8_MAX, [OPT_LABEL] = 0xfffff,
		[OPT_AGEING] = UINT32_MAX, [OPT_LIMIT] = UINT32_MAX, [OPT_HEX32] = UINT32_MAX,
	};
	/* the word that stands for 0 */
	static const char *const zero[OPT_NTYPES] = {
		[OPT_AGEING] = "none", [OPT_LIMIT] = "unlimited",
	};
	uint64_t v = 0;
	char *end;
	int ret;

	if (o->type == OPT_TOS) {
		/* iproute2's rtnl_dsfield_a2n: hex, whatever it looks like */
		v = 1;
		if (strcmp(arg, "inherit") != 0) {
			v = strtoul(arg, &end, 16);
			if (!*arg || *end || v > 255)
				return kind_invalid(o, arg);
		}
		put_number(kp, o, v);
		return 0;
	}
	if (o->type == OPT_S32) {
		int32_t s;

		if (arg_i32(arg, &s, 0) < 0)
			return kind_invalid(o, arg);
		put_number(kp, o, (uint32_t)s);
		return 0;
	}
	ret = word_value(kp, o, arg, &v);
	if (ret < 0)
		return -ret;
	if (ret == 1)
		return 0;
	if (ret == 2 && !(zero[o->type] && !strcmp(arg, zero[o->type])) &&
	    kind_parse_unsigned(arg, max[o->type], &v) < 0)
		return kind_invalid(o, arg);
	if (o->type == OPT_BOOLOPT) {
		kp->bo.optmask |= 1u << o->arg;
		if (v)
			kp->bo.optval |= 1u << o->arg;
		else
			kp->bo.optval &= ~(1u << o->arg);
		return 0;
	}
	put_number(kp, o, v);
	return 0;
}

/* WORD on|off for one bit of the kind's flags (vlan's reorder_hdr ...). */
static int put_bit(struct kind_parse *kp, const struct kind_opt *o, const char *arg)
{
	kp->mask |= 1u << o->arg;
	if (!strcmp(arg, "on"))
		kp->flags |= 1u << o->arg;
	else if (!strcmp(arg, "off"))
		kp->flags &= ~(1u << o->arg);
	else {
		fprintf(stderr, "Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n",
			o->word, arg);
		return EXIT_FAIL;
	}
	return 0;
}

/* A word alone: an empty attribute, a 0, or a 1 (with what it turns off). */
static void put_word(struct kind_parse *kp, const struct kind_opt *o)
{
	static const uint8_t zeros[8];

	switch (o->type) {
	case OPT_FLAG:
		kp->on |= BIT(o->attr);
		if (!(o->use & LATER))
			nlreq_put(kp->r, o->attr, 0, NULL);
		break;
	case OPT_NO:
		kp->on &= ~BIT(o->attr);
		if (!(o->use & LATER))
			nlreq_put(kp->r, o->attr, o->arg, zeros);
		break;
	default:	/* OPT_YES_NO */
		kp->on |= BIT(o->attr);
		kp->on &= ~BIT(o->attr6);
		if (!(o->use & LATER))
			nlreq_put_u8(kp->r, o->attr, 1);
	}
}

static bool opt_takes_value(const struct kind_opt *o)
{
	if (o->type == OPT_CUSTOM)
		return o->use & VALUE;
	return o->type != OPT_FLAG && o->type != OPT_YES_NO && o->type != OPT_NO;
}

/* The settable row word names, whole or abbreviated as far as iproute2
 * lets it be. */
static const struct kind_opt *opt_find(const struct link_kind *k, const char *word)
{
	size_t n = strlen(word);

	for (const struct kind_opt *o = k->opts; o && o->word; o++)
		if ((o->use & SET) && n >= (o->abbrev ? o->abbrev : strlen(o->word)) &&
		    !strncmp(o->word, word, n))
			return o;
	return NULL;
}

/* The name a second use is reported by: the word given for words alone
 * and addresses (group and remote share an attribute), else the first
 * row of the attribute (vni is "id", hoplimit "ttl"). */
static const char *dup_key(const struct link_kind *k, const struct kind_opt *o,
			   const char *given)
{
	if (!opt_takes_value(o) || o->type == OPT_ADDR)
		return given;
	for (const struct kind_opt *f = k->opts; f->word; f++)
		if ((f->use & SET) && f->attr == o->attr)
			return f->word;
	return given;
}

/* An unknown word (or help): iproute2's line, then the usage. */
static int unknown_word(struct kind_parse *kp, const char *word)
{
	if (!matches(word, "help") && kp->k->unknown)
		fprintf(stderr, "%s: unknown %s \"%s\"?\n", kp->k->name, kp->k->unknown, word);
	return kind_usage(kp);
}

/* One word and its value(s): 0 or an exit status. */
static int parse_row(struct kind_parse *kp, const struct kind_opt *o, struct arg_walk *w)
{
	const char *word = *w->argv, *arg = word;

	/* group after remote, or remote after group */
	if (o->type == OPT_ADDR && o->arg != ADDR_LOCAL &&
	    (kp->seen & BIT(o->attr)) && kp->group != (o->arg == ADDR_GROUP)) {
		fprintf(stderr, "%s: both group and remote cannot be specified\n", kp->k->name);
		return EXIT_FAIL;
	}
	if (opt_takes_value(o))
		WALK_NEXT(w, arg);
	if (kp->k->once && (kp->seen & BIT(o->attr)))
		return arg_garbage(dup_key(kp->k, o, word), arg);
	kp->seen |= BIT(o->attr);
	switch (o->type) {
	case OPT_FLAG:
	case OPT_NO:
	case OPT_YES_NO:
		put_word(kp, o);
		return 0;
	case OPT_CUSTOM:
		return o->x->parse(kp, o, w);
	case OPT_PORT_RANGE:
		return put_port_range(kp, o, w);
	case OPT_BIT:
		return put_bit(kp, o, arg);
	default:
		return put_opt(kp, o, arg);
	}
}

/* `type KIND ARGS...` by the kind's rows: 0 or an exit status. */
int kind_rows_parse(struct kind_parse *kp, struct arg_walk *w)
{
	for (; w->argc > 0; w->argc--, w->argv++) {
		const struct kind_opt *o = opt_find(kp->k, *w->argv);
		int ret;

		if (!o)
			return unknown_word(kp, *w->argv);
		ret = parse_row(kp, o, w);
		if (ret)
			return ret;
	}
	if (kp->bo.optmask)
		nlreq_put(kp->r, IFLA_BR_MULTI_BOOLOPT, sizeof(kp->bo), &kp->bo);
	return kp->k->finish ? kp->k->finish(kp) : 0;
}

/* A LATER row's value (the first row of attr), in its type's size. */
void kind_put_later(struct kind_parse *kp, uint16_t attr)
{
	for (const struct kind_opt *o = kp->k->opts; o->word; o++)
		if (o->attr == attr && (o->use & SET)) {
			struct kind_opt now = *o;

			now.use &= (uint8_t)~LATER;
			put_number(kp, &now, kp->val[attr]);
			return;
		}
}

/* ---- printing --------------------------------------------------------- */

static const size_t opt_size[OPT_NTYPES] = {
	[OPT_U8] = 1, [OPT_U16] = 2, [OPT_U32] = 4, [OPT_U64] = 8, [OPT_S32] = 4,
	[OPT_BOOLOPT] = sizeof(struct br_boolopt_multi), [OPT_LLADDR] = 1,
	[OPT_ETHERTYPE] = 2, [OPT_BRIDGE_ID] = sizeof(struct ifla_bridge_id),
	[OPT_TIMER] = 8, [OPT_HEX_ALT] = 2, [OPT_HEX] = 2, [OPT_ON_OFF] = 1,
	[OPT_PORT_STATE] = 1, [OPT_VNI] = 4, [OPT_ADDR] = 4, [OPT_DEV] = 4, [OPT_PORT] = 2,
	[OPT_PORT_RANGE] = sizeof(struct ifla_vxlan_port_range), [OPT_YES_NO] = 1,
	[OPT_TTL] = 1, [OPT_TOS] = 1, [OPT_DF] = 1, [OPT_LABEL] = 4, [OPT_AGEING] = 4,
	[OPT_LIMIT] = 4, [OPT_FWD_MASK] = 2, [OPT_ENUM] = 1, [OPT_TABLE] = 4, [OPT_HEX32] = 4,
};

static size_t row_size(const struct kind_opt *o)
{
	return o->type == OPT_ENUM ? o->arg : opt_size[o->type];
}

static uint64_t attr_uint(const struct nlattr *a, size_t size)
{
	uint64_t v;

	switch (size) {
	case 1: return mnl_attr_get_u8(a);
	case 2: return mnl_attr_get_u16(a);
	case 4: return mnl_attr_get_u32(a);
	default:
		memcpy(&v, mnl_attr_get_payload(a), sizeof(v));
		return v;
	}
}

static void print_bridge_id(struct printer *p, const struct kind_opt *o, const struct nlattr *a)
{
	const struct ifla_bridge_id *id = mnl_attr_get_payload(a);
	const uint8_t *m = id->addr;
	char buf[32], fmt[64];

	/* iproute2 writes the address as ether_ntoa does: "%x", unpadded */
	snprintf(buf, sizeof(buf), "%.2x%.2x.%x:%x:%x:%x:%x:%x", id->prio[0], id->prio[1],
		 m[0], m[1], m[2], m[3], m[4], m[5]);
	snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
	print_string(p, PRINT_ANY, o->key, fmt, buf);
}

static void print_timer(struct printer *p, const struct kind_opt *o, uint64_t cs)
{
	char num[32], fmt[64];

	/* iproute2's "%4i.%.2i" in plain text is the number right in 7 */
	snprintf(num, sizeof(num), "%i.%.2i", (int)(cs / 100), (int)(cs % 100));
	snprintf(fmt, sizeof(fmt), "%s %%7s ", o->word);
	print_raw(p, PRINT_ANY, o->key, fmt, num);
}

/* OPT_ADDR: "remote 10.1.1.1" (key remote) or "remote 2001:db8::1" (remote6);
 * group and remote share the attribute and differ by multicast. */
static void print_addr(struct printer *p, const struct kind_opt *o, const struct nlattr **tb)
{
	const struct nlattr *a = tb[o->attr] ? tb[o->attr] : tb[o->attr6];
	const uint8_t *d;
	char buf[INET6_ADDRSTRLEN], key[32], fmt[64];
	bool v6 = !tb[o->attr], mcast;
	size_t len = v6 ? 16 : 4;

	if (!a || mnl_attr_get_payload_len(a) < len)
		return;
	d = mnl_attr_get_payload(a);
	mcast = v6 ? d[0] == 0xff : (d[0] & 0xf0) == 0xe0;
	if ((o->arg == ADDR_GROUP && !mcast) || (o->arg == ADDR_REMOTE && mcast))
		return;
	if (!memcmp(d, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", len))
		return;
	inet_ntop(v6 ? AF_INET6 : AF_INET, d, buf, sizeof(buf));
	snprintf(key, sizeof(key), "%s%s", o->key, v6 ? "6" : "");
	snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
	print_string(p, PRINT_ANY, key, fmt, buf);
}

static void print_port_range(struct printer *p, const struct kind_opt *o, const struct nlattr *a)
{
	const struct ifla_vxlan_port_range *r = mnl_attr_get_payload(a);
	char fmt[64];

	snprintf(fmt, sizeof(fmt), "%s %%u ", o->word);
	print_open_object(p, o->key);
	print_uint(p, PRINT_ANY, "low", fmt, ntohs(r->low));
	print_uint(p, PRINT_ANY, "high", "%u ", ntohs(r->high));
	print_close_object(p);
}

/* OPT_YES_NO: "udpcsum"/"noudpcsum" always, "nolearning" only, or
 * "proxy" only; JSON as a bool alongside. */
static void print_yes_no(struct printer *p, const struct kind_opt *o, bool yes)
{
	char fmt[64];

	snprintf(fmt, sizeof(fmt), "%s%s%s", yes ? "" : "no", o->word,
		 o->arg == SHOW_YES_GLUED ? "" : " ");
	if ((o->arg == SHOW_YES || o->arg == SHOW_YES_GLUED) && !yes)
		return;
	print_bool(p, PRINT_JSON, o->key, NULL, yes);
	if (o->arg == SHOW_ALWAYS || (o->arg == SHOW_NO) != yes)
		print_text(p, "%s", fmt);
}

/* "ttl inherit" (an attribute of its own), "ttl 64", or "ttl auto" (0). */
static void print_ttl(struct printer *p, const struct kind_opt *o, const struct nlattr **tb)
{
	const struct nlattr *inherit = tb[o->attr6], *a = tb[o->attr];
	unsigned int ttl;

	if (inherit && mnl_attr_get_payload_len(inherit) >= 1 && mnl_attr_get_u8(inherit)) {
		print_string(p, PRINT_FP, NULL, "ttl %s ", "inherit");
		return;
	}
	if (!a || mnl_attr_get_payload_len(a) < 1)
		return;
	ttl = mnl_attr_get_u8(a);
	print_uint(p, ttl ? PRINT_ANY : PRINT_JSON, o->key, "ttl %u ", ttl);
	if (!ttl)
		print_string(p, PRINT_FP, NULL, "ttl %s ", "auto");
}

/* Link-local groups a port may forward, by bit of 01:80:c2:00:00:0X. */
static void print_fwd_mask(struct printer *p, const struct kind_opt *o, unsigned int mask)
{
	static const char *const names[16] = { [0] = "stp", [2] = "lacp", [14] = "lldp" };
	char buf[128] = "0x0", fmt[64];
	size_t n = 0;

	for (unsigned int i = 0; i < 16; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (names[i])
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? "," : "", names[i]);
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%#x", n ? "," : "", 1u << i);
	}
	snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
	print_string(p, PRINT_ANY, o->key, fmt, buf);
}

/* A device by index, as iproute2's ll_index_to_name names it: "ifN"
 * when there is no such device. */
void kind_print_dev(struct kind_print *kp, const char *key, const char *fmt, uint32_t ifindex)
{
	char name[IF_NAMESIZE];

	print_string(kp->p, PRINT_ANY, key, fmt, ifcache_name(kp->names, (int)ifindex, name));
}

/* Rows whose value is shown by a word or a string. */
static void print_words(struct kind_print *kp, const struct kind_opt *o, enum pmode m,
			const char *fmt, const struct nlattr *a, uint64_t v)
{
	static const char *const port_states[] = {
		"disabled", "listening", "learning", "forwarding", "blocking",
	};
	struct printer *p = kp->p;
	char buf[LLADDR_STRLEN];
	unsigned int n = 0;

	switch (o->type) {
	case OPT_LLADDR:
		lladdr_ntop(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), ARPHRD_ETHER,
			    buf, sizeof(buf));
		print_string(p, m, o->key, fmt, buf);
		break;
	case OPT_ETHERTYPE:
		print_string(p, m, o->key, fmt, kind_ethertype_name((uint16_t)v, buf, sizeof(buf)));
		break;
	case OPT_HEX_ALT:
	case OPT_HEX:
	case OPT_HEX32:
		snprintf(buf, sizeof(buf), o->type == OPT_HEX ? "0x%x" : "%#x", (unsigned int)v);
		print_string(p, m, o->key, fmt, buf);
		break;
	case OPT_PORT_STATE:
		if (v < ARRAY_SIZE(port_states))
			print_string(p, m, o->key, fmt, port_states[v]);
		else
			print_uint(p, m, o->key, "state (%u) ", (unsigned int)v);
		break;
	case OPT_ENUM:
		while (o->x->names[n])
			n++;
		print_string(p, m, o->key, fmt, v < n ? o->x->names[v] : "UNKNOWN");
		break;
	case OPT_DEV:
		if (v)
			kind_print_dev(kp, o->key, fmt, (uint32_t)v);
		break;
	default:
		break;
	}
}

static void print_value(struct kind_print *kp, const struct kind_opt *o, enum pmode m,
			const char *fmt, const struct nlattr **tb, uint64_t v)
{
	static const char *const df[] = { "unset", "set", "inherit" };
	struct printer *p = kp->p;
	char buf[32];

	switch (o->type) {
	case OPT_U64:
		print_u64(p, m, o->key, fmt, v);
		break;
	case OPT_S32:
		print_int(p, m, o->key, fmt, (int)(uint32_t)v);
		break;
	case OPT_TIMER:
		print_timer(p, o, v);
		break;
	case OPT_ON_OFF:
		print_on_off(p, m, o->key, fmt, v != 0);
		break;
	case OPT_PORT:
		print_uint(p, m, o->key, fmt, ntohs((uint16_t)v));
		break;
	case OPT_YES_NO:
		print_yes_no(p, o, v != 0);
		break;
	case OPT_TOS:	/* 1 is "inherit" in plain text */
		snprintf(buf, sizeof(buf), "0x%x", (unsigned int)v);
		if (v)
			print_string(p, v == 1 ? m & PRINT_JSON : m, o->key, fmt, buf);
		if (v == 1)
			print_string(p, m & PRINT_FP, NULL, fmt, "inherit");
		break;
	case OPT_LABEL:
		snprintf(buf, sizeof(buf), "%#x", ntohl((uint32_t)v));
		if (v)
			print_string(p, m, o->key, fmt, buf);
		break;
	case OPT_DF:
		if (v < ARRAY_SIZE(df)) {
			print_string(p, PRINT_JSON, o->key, NULL, df[v]);
			if (v)
				print_string(p, PRINT_FP, NULL, fmt, df[v]);
		}
		break;
	case OPT_FWD_MASK:
		print_fwd_mask(p, o, (unsigned int)v);
		break;
	case OPT_LIMIT:
		if (v)
			print_uint(p, m, o->key, fmt, (unsigned int)v);
		break;
	case OPT_U8:
	case OPT_U16:
	case OPT_U32:
	case OPT_VNI:
	case OPT_AGEING:
	case OPT_TABLE:
		print_uint(p, m, o->key, fmt, (unsigned int)v);
		break;
	default:
		print_words(kp, o, m, fmt, tb[o->attr], v);
	}
}

static void print_opt(struct kind_print *kp, const struct kind_opt *o, const struct nlattr **tb)
{
	static const char *const conv[OPT_NTYPES] = {	/* printf conversions of numbers */
		[OPT_U8] = "u", [OPT_U16] = "u", [OPT_U32] = "u", [OPT_U64] = PRIu64,
		[OPT_S32] = "d", [OPT_VNI] = "u", [OPT_PORT] = "u", [OPT_AGEING] = "u",
		[OPT_LIMIT] = "u", [OPT_TABLE] = "u",
	};
	const struct nlattr *a = tb[o->attr];
	struct printer *p = kp->p;
	enum pmode m = o->key ? PRINT_ANY : PRINT_FP;
	char fmt[64];

	if (o->type == OPT_CUSTOM) {
		o->x->print(kp, o, tb);
		return;
	}
	if (o->type == OPT_ADDR) {
		print_addr(p, o, tb);
		return;
	}
	if (o->type == OPT_TTL) {
		print_ttl(p, o, tb);
		return;
	}
	if (!a || mnl_attr_get_payload_len(a) < row_size(o))
		return;
	snprintf(fmt, sizeof(fmt), "%s %%%s ", o->word, conv[o->type] ? conv[o->type] : "s");
	switch (o->type) {
	case OPT_FLAG:
		print_bool(p, m, o->key, o->word, true);
		print_text(p, " ");
		return;
	case OPT_BRIDGE_ID:
		print_bridge_id(p, o, a);
		return;
	case OPT_PORT_RANGE:
		print_port_range(p, o, a);
		return;
	case OPT_LLADDR:
		print_words(kp, o, m, fmt, a, 0);
		return;
	case OPT_BOOLOPT: {
		const struct br_boolopt_multi *bo = mnl_attr_get_payload(a);

		snprintf(fmt, sizeof(fmt), "%s %%u ", o->word);
		if (bo->optmask & (1u << o->arg))
			print_uint(p, m, o->key, fmt, !!(bo->optval & (1u << o->arg)));
		return;
	}
	default:
		print_value(kp, o, m, fmt, tb, attr_uint(a, row_size(o)));
	}
}

/* The kind's data (IFLA_INFO_DATA or IFLA_INFO_SLAVE_DATA), row by row. */
void kind_rows_print(struct kind_print *kp, const struct kind_opt *opts, const struct nlattr **tb)
{
	for (const struct kind_opt *o = opts; o->word; o++)
		if (o->use & SHOW)
			print_opt(kp, o, tb);
}
