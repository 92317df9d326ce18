/* `encap TYPE ...` of a route or a nexthop (lightweight tunnels), read
 * and printed as iproute2 does.  ip and ip6 are tables of words; mpls is
 * a label stack and a ttl.  This kernel carries ip and ip6; the other
 * types of iproute2 are refused by name (ipbox-route(8)). */
#include "route.h"

#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/lwtunnel.h>
#include <linux/mpls_iptunnel.h>

#include "../args/walk.h"
#include "../names/names.h"
#include "../netlink/attr.h"

/* linux/if_tunnel.h's TUNNEL_* bits, big-endian in the attribute (that
 * header clashes with libc's). */
enum { ENCAP_KEY = 0x04, ENCAP_CSUM = 0x01, ENCAP_SEQ = 0x08 };

/* iproute2 builds a route's encap in a buffer of its own, then adds it to
 * the request only while that stays within 1024 bytes. */
#define ENCAP_BOUND 1024

enum encap_value { EV_ID, EV_ADDR, EV_DSFIELD, EV_U8, EV_FLAG };

/* One word of `encap ip|ip6`: its value, its attribute (EV_FLAG: its
 * TUNNEL_* bit), and the name its duplicate is reported under. */
struct encap_word {
	const char *word;
	enum encap_value value;
	uint16_t attr;
};

static const struct encap_word ip_words[] = {
	{ "id", EV_ID, LWTUNNEL_IP_ID }, { "dst", EV_ADDR, LWTUNNEL_IP_DST },
	{ "src", EV_ADDR, LWTUNNEL_IP_SRC }, { "tos", EV_DSFIELD, LWTUNNEL_IP_TOS },
	{ "ttl", EV_U8, LWTUNNEL_IP_TTL }, { "key", EV_FLAG, ENCAP_KEY },
	{ "csum", EV_FLAG, ENCAP_CSUM }, { "seq", EV_FLAG, ENCAP_SEQ },
};

static const struct encap_word ip6_words[] = {
	{ "id", EV_ID, LWTUNNEL_IP6_ID }, { "dst", EV_ADDR, LWTUNNEL_IP6_DST },
	{ "src", EV_ADDR, LWTUNNEL_IP6_SRC }, { "tc", EV_DSFIELD, LWTUNNEL_IP6_TC },
	{ "hoplimit", EV_U8, LWTUNNEL_IP6_HOPLIMIT }, { "key", EV_FLAG, ENCAP_KEY },
	{ "csum", EV_FLAG, ENCAP_CSUM }, { "seq", EV_FLAG, ENCAP_SEQ },
};

/* iproute2's encap types, numbered as LWTUNNEL_ENCAP_*. */
static const char *const encap_names[] = {
	[LWTUNNEL_ENCAP_MPLS] = "mpls", [LWTUNNEL_ENCAP_IP] = "ip",
	[LWTUNNEL_ENCAP_ILA] = "ila", [LWTUNNEL_ENCAP_IP6] = "ip6",
	[LWTUNNEL_ENCAP_SEG6] = "seg6", [LWTUNNEL_ENCAP_BPF] = "bpf",
	[LWTUNNEL_ENCAP_SEG6_LOCAL] = "seg6local", [LWTUNNEL_ENCAP_RPL] = "rpl",
	[LWTUNNEL_ENCAP_IOAM6] = "ioam6", [LWTUNNEL_ENCAP_XFRM] = "xfrm",
};
#define ENCAP_TYPES (sizeof(encap_names) / sizeof(encap_names[0]))

/* Where the words go, and what bounds them. */
struct encap_ctx {
	struct nlreq *req;
	const struct nlattr *bound_nest;	/* what iproute2's buffer holds */
	size_t bound;
	int family;		/* of the addresses: AF_INET (ip), AF_INET6 (ip6) */
};

static int encap_put(struct encap_ctx *e, uint16_t type, size_t len, const void *data)
{
	if (!route_nest_fits(e->req, e->bound_nest, len, e->bound))
		return EXIT_FAIL;
	nlreq_put(e->req, type, len, data);
	return 0;
}

static int encap_usage(void)
{
	fprintf(stderr, "Usage: ip route ... encap TYPE [ OPTIONS ] [...]\n");
	for (size_t i = 1; i < ENCAP_TYPES; i++)
		fprintf(stderr, "%s %s\n", encap_names[i], i == 1 ? "TYPE := " : "      ");
	return EXIT_USAGE;
}

/* iproute2's invarg("\"WORD\" value is invalid\n", v). */
static int encap_invalid(const char *word, const char *v)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "\"%s\" value is invalid\n", word);
	return arg_invalid(msg, v);
}

static int encap_ip_value(struct encap_ctx *e, const struct encap_word *w, const char *v,
			  uint16_t *flags)
{
	struct inet_prefix addr;
	unsigned long long id;
	uint32_t n;
	uint64_t be;
	char *end;
	int ret;

	switch (w->value) {
	case EV_ID:
		errno = 0;
		id = strtoull(v, &end, 0);
		if (!*v || *end || errno)
			return encap_invalid(w->word, v);
		be = htobe64(id);
		return encap_put(e, w->attr, sizeof(be), &be);
	case EV_ADDR:
		ret = inet_get_addr(&addr, v, e->family);
		return ret ? ret : encap_put(e, w->attr, (size_t)addr.bytelen, addr.data);
	case EV_DSFIELD:
		if (names_to_id(&names_dsfield, v, &n) < 0)
			return encap_invalid(w->word, v);
		return encap_put(e, w->attr, 1, &(uint8_t){ (uint8_t)n });
	case EV_U8:
		if (arg_u32(v, &n, 0) < 0 || n > 255)
			return encap_invalid(w->word, v);
		return encap_put(e, w->attr, 1, &(uint8_t){ (uint8_t)n });
	case EV_FLAG:
		*flags |= w->attr;
		return 0;
	}
	return 0;
}

static const struct encap_word *encap_word_find(const struct encap_word *words, size_t n,
						const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w, words[i].word))
			return &words[i];
	return NULL;
}

/* The words of encap ip or ip6, each at most once, up to the first other
 * word; as in iproute2 the cursor ends on the last word taken. */
static int encap_ip(struct encap_ctx *e, struct arg_walk *c, const struct encap_word *words,
		    size_t n, uint16_t flags_attr)
{
	const struct encap_word *w;
	uint16_t flags = 0;
	uint32_t seen = 0;

	for (; c->argc > 0 && (w = encap_word_find(words, n, *c->argv)); c->argc--, c->argv++) {
		const char *v = *c->argv;
		int ret;

		if (w->value != EV_FLAG)
			WALK_NEXT(c, v);
		if (seen & 1u << (w - words))
			return arg_garbage(w->word, v);
		seen |= 1u << (w - words);
		ret = encap_ip_value(e, w, v, &flags);
		if (ret)
			return ret;
	}
	c->argc++, c->argv--;
	flags = htons(flags);
	return flags ? encap_put(e, flags_attr, sizeof(flags), &flags) : 0;
}

/* encap mpls LABEL[/LABEL...] [ttl N] */
static int encap_mpls(struct encap_ctx *e, struct arg_walk *c)
{
	struct inet_prefix addr;
	bool ttl_seen = false;
	int ret = inet_get_addr(&addr, *c->argv, AF_MPLS);

	if (ret || (ret = encap_put(e, MPLS_IPTUNNEL_DST, (size_t)addr.bytelen, addr.data)))
		return ret;
	for (c->argc--, c->argv++; c->argc > 0 && !strcmp(*c->argv, "ttl"); c->argc--, c->argv++) {
		const char *v;
		uint32_t ttl;

		WALK_NEXT(c, v);
		if (ttl_seen)
			return arg_garbage("ttl", v);
		ttl_seen = true;
		if (arg_u32(v, &ttl, 0) < 0 || ttl > 255)
			return encap_invalid("ttl", v);
		if ((ret = encap_put(e, MPLS_IPTUNNEL_TTL, 1, &(uint8_t){ (uint8_t)ttl })))
			return ret;
	}
	c->argc++, c->argv--;
	return 0;
}

static uint16_t encap_type(const char *word)
{
	for (uint16_t i = 1; i < ENCAP_TYPES; i++)
		if (encap_names[i] && !strcmp(word, encap_names[i]))
			return i;
	return LWTUNNEL_ENCAP_NONE;
}

int encap_parse(struct nlreq *req, struct arg_walk *c, const struct nlattr *mp)
{
	struct encap_ctx e = { req, mp, mp ? MULTIPATH_BOUND : ENCAP_BOUND, AF_INET };
	struct nlattr *nest = NULL;
	uint16_t type;
	const char *v;
	int ret;

	WALK_NEXT(c, v);
	type = encap_type(v);
	if (!type)
		return strcmp(v, "help") ? arg_invalid("\"encap type\" value is invalid\n", v) :
		       encap_usage();
	WALK_NEXT(c, v);
	if (c->argc <= 1) {
		fprintf(stderr, "Error: unexpected end of line after \"encap\"\n");
		return EXIT_USAGE;
	}
	if (route_nest_fits(req, mp, 0, e.bound))
		nest = nlreq_nest_start(req, RTA_ENCAP | NLA_F_NESTED);
	if (!mp)
		e.bound_nest = nest;
	switch (type) {
	case LWTUNNEL_ENCAP_MPLS:
		ret = encap_mpls(&e, c);
		break;
	case LWTUNNEL_ENCAP_IP:
		ret = encap_ip(&e, c, ip_words, sizeof(ip_words) / sizeof(ip_words[0]),
			       LWTUNNEL_IP_FLAGS);
		break;
	case LWTUNNEL_ENCAP_IP6:
		e.family = AF_INET6;
		ret = encap_ip(&e, c, ip6_words, sizeof(ip6_words) / sizeof(ip6_words[0]),
			       LWTUNNEL_IP6_FLAGS);
		break;
	default:
		/* Not carried by this kernel; ipbox-route(8) lists them. */
		fprintf(stderr, "Error: encap %s is not supported by ipbox.\n", encap_names[type]);
		return EXIT_FAIL;
	}
	if (ret)
		return ret;
	nlreq_nest_end(req, nest);
	return encap_put(&e, RTA_ENCAP_TYPE, sizeof(type), &type);
}

/* ---- printing -------------------------------------------------------- */

static void print_encap_ip(struct printer *p, const struct nlattr *encap, int family)
{
	static const enum mnl_attr_data_type policy[LWTUNNEL_IP_MAX + 1] = {
		[LWTUNNEL_IP_ID] = MNL_TYPE_U64, [LWTUNNEL_IP_TTL] = MNL_TYPE_U8,
		[LWTUNNEL_IP_TOS] = MNL_TYPE_U8, [LWTUNNEL_IP_FLAGS] = MNL_TYPE_U16,
	};
	/* ip6's attributes are numbered as ip's: id, dst, src, hoplimit, tc. */
	const struct nlattr *tb[LWTUNNEL_IP_MAX + 1];
	char buf[INET_STRLEN];
	uint16_t flags;

	_Static_assert((int)LWTUNNEL_IP6_HOPLIMIT == (int)LWTUNNEL_IP_TTL &&
		       (int)LWTUNNEL_IP6_TC == (int)LWTUNNEL_IP_TOS &&
		       (int)LWTUNNEL_IP6_FLAGS == (int)LWTUNNEL_IP_FLAGS &&
		       (int)LWTUNNEL_IP6_SRC == (int)LWTUNNEL_IP_SRC,
		       "ip and ip6 encap attributes share their numbers");
	if (attr_parse_nested(tb, LWTUNNEL_IP_MAX, policy, encap) < 0)
		return;
	if (tb[LWTUNNEL_IP_ID])
		print_u64(p, PRINT_ANY, "id", "id %llu ", be64toh(mnl_attr_get_u64(tb[LWTUNNEL_IP_ID])));
	if (tb[LWTUNNEL_IP_SRC])
		print_color_string(p, PRINT_ANY, family == AF_INET6 ? COLOR_INET6 : COLOR_INET, "src",
				   "src %s ", route_attr_ntop(tb[LWTUNNEL_IP_SRC], family, buf));
	if (tb[LWTUNNEL_IP_DST])
		print_color_string(p, PRINT_ANY, family == AF_INET6 ? COLOR_INET6 : COLOR_INET, "dst",
				   "dst %s ", route_attr_ntop(tb[LWTUNNEL_IP_DST], family, buf));
	if (tb[LWTUNNEL_IP_TTL] && family == AF_INET6)
		print_u64(p, PRINT_ANY, "hoplimit", "hoplimit %llu ", mnl_attr_get_u8(tb[LWTUNNEL_IP_TTL]));
	else if (tb[LWTUNNEL_IP_TTL])
		print_uint(p, PRINT_ANY, "ttl", "ttl %u ", mnl_attr_get_u8(tb[LWTUNNEL_IP_TTL]));
	if (tb[LWTUNNEL_IP_TOS])
		print_uint(p, PRINT_ANY, family == AF_INET6 ? "tc" : "tos",
			   family == AF_INET6 ? "tc %u " : "tos %u ", mnl_attr_get_u8(tb[LWTUNNEL_IP_TOS]));
	flags = tb[LWTUNNEL_IP_FLAGS] ? ntohs(mnl_attr_get_u16(tb[LWTUNNEL_IP_FLAGS])) : 0;
	if (flags & ENCAP_KEY)
		print_bool(p, PRINT_ANY, "key", "key ", true);
	if (flags & ENCAP_CSUM)
		print_bool(p, PRINT_ANY, "csum", "csum ", true);
	if (flags & ENCAP_SEQ)
		print_bool(p, PRINT_ANY, "seq", "seq ", true);
}

static void print_encap_mpls(struct printer *p, const struct nlattr *encap)
{
	static const enum mnl_attr_data_type policy[MPLS_IPTUNNEL_MAX + 1] = {
		[MPLS_IPTUNNEL_TTL] = MNL_TYPE_U8,
	};
	const struct nlattr *tb[MPLS_IPTUNNEL_MAX + 1];
	char buf[INET_STRLEN];

	if (attr_parse_nested(tb, MPLS_IPTUNNEL_MAX, policy, encap) < 0)
		return;
	if (tb[MPLS_IPTUNNEL_DST])
		print_string(p, PRINT_ANY, "dst", " %s ", route_attr_ntop(tb[MPLS_IPTUNNEL_DST], AF_MPLS, buf));
	if (tb[MPLS_IPTUNNEL_TTL])
		print_uint(p, PRINT_ANY, "ttl", "ttl %u ", mnl_attr_get_u8(tb[MPLS_IPTUNNEL_TTL]));
}

void encap_print(struct printer *p, const struct nlattr *type_attr, const struct nlattr *encap)
{
	uint16_t type;

	if (!type_attr || mnl_attr_get_payload_len(type_attr) < sizeof(type))
		return;
	type = mnl_attr_get_u16(type_attr);
	print_string(p, PRINT_ANY, "encap", " encap %s ",
		     type < ENCAP_TYPES && encap_names[type] ? encap_names[type] : "unknown");
	if (!encap)
		return;
	if (type == LWTUNNEL_ENCAP_IP || type == LWTUNNEL_ENCAP_IP6)
		print_encap_ip(p, encap, type == LWTUNNEL_ENCAP_IP6 ? AF_INET6 : AF_INET);
	else if (type == LWTUNNEL_ENCAP_MPLS)
		print_encap_mpls(p, encap);
}
