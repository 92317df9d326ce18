/* IP-in-IP tunnels: ipip and sit (over IPv4) and ip6tnl (over IPv6):
 * `type ipip ARGS` and their -d data, as iproute2's link_iptnl.c and
 * link_ip6tnl.c (tunnel.h says why a struct). */
#include "tunnel.h"

#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>

#include "../../args/wordpool.h"
#include "../words.h"
#include "../usage.h"

_Static_assert(IFLA_IPTUN_MAX <= KIND_MAXATTR, "an iptnl attribute has a slot in the printer");

/* mode WORD: the inner protocol, by any of iproute2's names for it. */
struct mode_name {
	word_off word;
	uint8_t proto;
	bool sit_only;
};

static const struct mode_name v4_modes[] = {
	{ W("ipv6/ipv4"), IPPROTO_IPV6, true }, { W("ip6ip"), IPPROTO_IPV6, true },
	{ W("ipv4/ipv4"), IPPROTO_IPIP, false }, { W("ipip"), IPPROTO_IPIP, false },
	{ W("ip4ip4"), IPPROTO_IPIP, false },
	{ W("mpls/ipv4"), IPPROTO_MPLS, false }, { W("mplsip"), IPPROTO_MPLS, false },
	{ W("any/ipv4"), 0, false }, { W("any"), 0, false },
};

static const struct mode_name v6_modes[] = {
	{ W("ipv6/ipv6"), IPPROTO_IPV6, false }, { W("ip6ip6"), IPPROTO_IPV6, false },
	{ W("ip/ipv6"), IPPROTO_IPIP, false }, { W("ipv4/ipv6"), IPPROTO_IPIP, false },
	{ W("ipip6"), IPPROTO_IPIP, false }, { W("ip4ip6"), IPPROTO_IPIP, false },
	{ W("any/ipv6"), 0, false }, { W("any"), 0, false },
};

static bool is_sit(const struct tnl *t)
{
	return !strcmp(t->kp->k->name, "sit");
}

static int word_mode(struct tnl *t, struct arg_walk *w)
{
	bool v6 = t->family == AF_INET6;
	const struct mode_name *m = v6 ? v6_modes : v4_modes;
	size_t n = v6 ? ARRAY_SIZE(v6_modes) : ARRAY_SIZE(v4_modes);
	const char *arg;

	WALK_NEXT(w, arg);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(WORD(m[i].word), arg) && (!m[i].sit_only || is_sit(t))) {
			t->proto = m[i].proto;
			return 0;
		}
	return arg_invalid("Cannot guess tunnel mode.", arg);
}

static int word_isatap(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->sit_flags |= SIT_ISATAP;
	return 0;
}

static int word_6rd_prefix(struct tnl *t, struct arg_walk *w)
{
	const char *arg;

	WALK_NEXT(w, arg);
	return inet_get_prefix(&t->prefix6rd, arg, AF_INET6) ? EXIT_FAIL : 0;
}

static int word_6rd_relay_prefix(struct tnl *t, struct arg_walk *w)
{
	const char *arg;

	WALK_NEXT(w, arg);
	return inet_get_prefix(&t->relay6rd, arg, AF_INET) ? EXIT_FAIL : 0;
}

static int word_6rd_reset(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	inet_parse_prefix(&t->prefix6rd, "2002::/16", AF_INET6);
	memset(&t->relay6rd, 0, sizeof(t->relay6rd));
	return 0;
}

/* In iproute2's order (sit's isatap sits before the encap words there;
 * among words matched whole, the order does not matter). */
#define IPIP_WORDS \
	{ W("mode"), true, word_mode }, \
	{ W("remote"), true, tnl_word_remote }, { W("local"), true, tnl_word_local }, \
	{ W("dev"), false, tnl_word_dev }, \
	{ W("ttl"), true, tnl_word_ttl }, { W("hoplimit"), true, tnl_word_ttl }, \
	{ W("hlim"), true, tnl_word_ttl }, \
	{ W("tos"), true, tnl_word_tos }, { W("tclass"), true, tnl_word_tos }, \
	{ W("tc"), true, tnl_word_tos }, { W("dsfield"), false, tnl_word_tos }, \
	{ W("nopmtudisc"), true, tnl_word_nopmtudisc }, \
	{ W("pmtudisc"), true, tnl_word_pmtudisc }, \
	TNL_ENCAP_WORDS, \
	{ W("external"), true, tnl_word_external }, \
	{ W("6rd-prefix"), true, word_6rd_prefix }, \
	{ W("6rd-relay_prefix"), true, word_6rd_relay_prefix }, \
	{ W("6rd-reset"), true, word_6rd_reset }, \
	{ W("fwmark"), true, tnl_word_fwmark }

/* ipip's words are the head of sit's */
static const struct tnl_word sit_words[] = { IPIP_WORDS, { W("isatap"), true, word_isatap } };
#define N_IPIP_WORDS TNL_COUNT(IPIP_WORDS)

static const struct tnl_word ip6tnl_words[] = {
	{ W("mode"), true, word_mode },
	{ W("remote"), true, tnl_word_remote }, { W("local"), true, tnl_word_local },
	{ W("dev"), false, tnl_word_dev },
	{ W("ttl"), true, tnl_word_ttl }, { W("hoplimit"), true, tnl_word_ttl },
	{ W("hlim"), true, tnl_word_ttl },
	{ W("encaplimit"), true, tnl_word_encaplimit },
	{ W("tos"), true, tnl_word_tclass }, { W("tclass"), true, tnl_word_tclass },
	{ W("tc"), true, tnl_word_tclass }, { W("dsfield"), false, tnl_word_tclass },
	{ W("flowlabel"), true, tnl_word_flowlabel }, { W("fl"), true, tnl_word_flowlabel },
	{ W("dscp"), true, tnl_word_dscp },
	{ W("fwmark"), true, tnl_word_fwmark6 },
	{ W("allow-localremote"), true, tnl_word_localremote },
	{ W("noallow-localremote"), true, tnl_word_nolocalremote },
	TNL_ENCAP_WORDS,
	{ W("external"), true, tnl_word_external },
};

static const struct tnl_attrs v4_attrs = TNL_ATTRS_V4(IFLA_IPTUN_);
static const struct tnl_attrs v6_attrs = TNL_ATTRS_V6(IFLA_IPTUN_);

/* ---- the device's parameters ------------------------------------------- */

/* What goes in after the endpoints, and what a device reads back
 * besides them, the inner protocol and sit's flags. */
static const struct tnl_field v4_fields[] = {
	TNL_FIELD(IFLA_IPTUN_PMTUDISC, pmtudisc), TNL_FIELD(IFLA_IPTUN_TOS, tos),
	TNL_FIELD(IFLA_IPTUN_TTL, ttl), TNL_FIELD(IFLA_IPTUN_LINK, link),
	TNL_FIELD(IFLA_IPTUN_FWMARK, fwmark),
};
static const struct tnl_field v6_fields[] = {
	TNL_FIELD(IFLA_IPTUN_TTL, ttl), TNL_FIELD(IFLA_IPTUN_ENCAP_LIMIT, encap_limit),
	TNL_FIELD(IFLA_IPTUN_FLOWINFO, flowinfo), TNL_FIELD(IFLA_IPTUN_FLAGS, flags),
	TNL_FIELD(IFLA_IPTUN_LINK, link), TNL_FIELD(IFLA_IPTUN_FWMARK, fwmark),
};

/* What both families read back; -1 on an address of the wrong size. */
static int load(struct tnl *t, const struct nlattr **tb, const struct tnl_field *f, size_t n)
{
	if (tnl_load_ends(t, tb, &v4_attrs) < 0)
		return -1;
	if (tb[IFLA_IPTUN_PROTO])
		t->proto = (uint8_t)tnl_u8(tb[IFLA_IPTUN_PROTO]);
	tnl_load_fields(t, tb, f, n);
	return 0;
}

/* ipip and sit also read back their flags, encapsulation and 6rd (whose
 * prefix lengths are attributes of their own). */
static int load_v4(struct tnl *t, const struct nlattr **tb)
{
	if (load(t, tb, v4_fields, ARRAY_SIZE(v4_fields)) < 0 ||
	    tnl_load_addr(&t->prefix6rd, tb[IFLA_IPTUN_6RD_PREFIX], AF_INET6) < 0 ||
	    tnl_load_addr(&t->relay6rd, tb[IFLA_IPTUN_6RD_RELAY_PREFIX], AF_INET) < 0)
		return -1;
	t->prefix6rd.bitlen = (int)tnl_u16(tb[IFLA_IPTUN_6RD_PREFIXLEN]);
	t->relay6rd.bitlen = (int)tnl_u16(tb[IFLA_IPTUN_6RD_RELAY_PREFIXLEN]);
	if (tb[IFLA_IPTUN_FLAGS])
		t->sit_flags = (uint16_t)tnl_u16(tb[IFLA_IPTUN_FLAGS]);
	tnl_load_encap(t, tb, &v4_attrs);
	return 0;
}

/* ip6tnl reads back its IPv6 settings, not the encapsulation. */
static int load_v6(struct tnl *t, const struct nlattr **tb)
{
	return load(t, tb, v6_fields, ARRAY_SIZE(v6_fields));
}

/* ---- into the request -------------------------------------------------- */

/* A 6rd prefix given (or read back); "any" is one too (of no bytes). */
static bool prefix_set(const struct inet_prefix *p)
{
	return p->family == AF_INET || p->family == AF_INET6;
}

static void put_6rd(struct nlreq *r, const struct tnl *t)
{
	uint32_t relay;

	nlreq_put_u16(r, IFLA_IPTUN_FLAGS, t->sit_flags);
	if (prefix_set(&t->prefix6rd)) {
		nlreq_put(r, IFLA_IPTUN_6RD_PREFIX, (size_t)t->prefix6rd.bytelen, t->prefix6rd.data);
		nlreq_put_u16(r, IFLA_IPTUN_6RD_PREFIXLEN, (uint16_t)t->prefix6rd.bitlen);
	}
	if (prefix_set(&t->relay6rd)) {
		memcpy(&relay, t->relay6rd.data, 4);
		nlreq_put_u32(r, IFLA_IPTUN_6RD_RELAY_PREFIX, relay);
		nlreq_put_u16(r, IFLA_IPTUN_6RD_RELAY_PREFIXLEN, (uint16_t)t->relay6rd.bitlen);
	}
}

/* The inner protocol, then the metadata flag alone (true), or the
 * endpoints. */
static bool put_head(struct nlreq *r, const struct tnl *t)
{
	nlreq_put_u8(r, IFLA_IPTUN_PROTO, t->proto);
	if (t->metadata) {
		nlreq_put(r, IFLA_IPTUN_COLLECT_METADATA, 0, NULL);
		return true;
	}
	tnl_put_addr(r, IFLA_IPTUN_LOCAL, &t->local);
	tnl_put_addr(r, IFLA_IPTUN_REMOTE, &t->remote);
	return false;
}

static int iptnl_parse(struct kind_parse *kp, struct arg_walk *w)
{
	struct tnl t = { .kp = kp, .family = AF_INET, .pmtudisc = 1 };
	struct nlreq *r = kp->r;
	int ret;

	ret = tnl_parse(&t, IFLA_IPTUN_MAX, load_v4, words_pool, sit_words,
			is_sit(&t) ? ARRAY_SIZE(sit_words) : N_IPIP_WORDS, w);
	if (ret)
		return ret;
	if (t.ttl && !t.pmtudisc) {
		fprintf(stderr, "ttl != 0 and nopmtudisc are incompatible\n");
		return EXIT_USAGE;
	}
	if (put_head(r, &t))
		return 0;
	tnl_put_fields(r, &t, v4_fields, ARRAY_SIZE(v4_fields));
	tnl_put_encap(r, &t, &v4_attrs);
	if (is_sit(&t))
		put_6rd(r, &t);
	return 0;
}

static int ip6tnl_parse(struct kind_parse *kp, struct arg_walk *w)
{
	struct tnl t = { TNL_V6_DEFAULTS(kp) };
	struct nlreq *r = kp->r;
	int ret = tnl_parse(&t, IFLA_IPTUN_MAX, load_v6, words_pool, ip6tnl_words,
			    ARRAY_SIZE(ip6tnl_words), w);

	if (ret)
		return ret;
	if (put_head(r, &t))
		return 0;
	tnl_put_fields(r, &t, v6_fields, ARRAY_SIZE(v6_fields));
	tnl_put_encap(r, &t, &v4_attrs);
	return 0;
}

/* ---- printing ---------------------------------------------------------- */

/* The inner protocol by its mode name; others not at all. */
static void print_proto(struct printer *p, const struct nlattr **tb, bool v6)
{
	const char *name;

	if (!tb[IFLA_IPTUN_PROTO])
		return;
	switch (tnl_u8(tb[IFLA_IPTUN_PROTO])) {
	case IPPROTO_IPIP: name = v6 ? "ipip6" : "ipip"; break;
	case IPPROTO_IPV6: name = v6 ? "ip6ip6" : "ip6ip"; break;
	case IPPROTO_MPLS: name = v6 ? NULL : "mplsip"; break;
	case 0: name = "any"; break;
	default: name = NULL;
	}
	if (name)
		print_string(p, PRINT_ANY, "proto", "%s ", name);
}

/* "6rd-prefix 2002::/16 6rd-relay_prefix 10.0.0.0/8" */
static void print_6rd(struct printer *p, const struct nlattr **tb)
{
	unsigned int len = tnl_u16(tb[IFLA_IPTUN_6RD_PREFIXLEN]);
	unsigned int relay_len = tnl_u16(tb[IFLA_IPTUN_6RD_RELAY_PREFIXLEN]);
	uint32_t relay = tnl_u32(tb[IFLA_IPTUN_6RD_RELAY_PREFIX]);
	const struct nlattr *prefix = tb[IFLA_IPTUN_6RD_PREFIX];
	char buf[INET6_ADDRSTRLEN], rbuf[INET_ADDRSTRLEN];

	if (!len || !prefix || mnl_attr_get_payload_len(prefix) < 16)
		return;
	inet_ntop(AF_INET6, mnl_attr_get_payload(prefix), buf, sizeof(buf));
	inet_ntop(AF_INET, &relay, rbuf, sizeof(rbuf));
	print_string(p, PRINT_JSON, "prefix", NULL, buf);
	print_int(p, PRINT_JSON, "prefixlen", NULL, (int)len);
	print_text(p, "6rd-prefix %s/%u ", buf, len);
	if (!relay)
		return;
	print_string(p, PRINT_JSON, "relay_prefix", NULL, rbuf);
	print_int(p, PRINT_JSON, "relay_prefixlen", NULL, (int)relay_len);
	print_text(p, "6rd-relay_prefix %s/%u ", rbuf, relay_len);
}

static void iptnl_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	struct printer *p = kp->p;
	bool pmtudisc = tb[IFLA_IPTUN_PMTUDISC] && tnl_u8(tb[IFLA_IPTUN_PMTUDISC]);

	(void)k;
	tnl_print_external(kp, tb, &v4_attrs);
	print_proto(p, tb, false);
	tnl_print_endpoints(kp, tb, &v4_attrs, AF_INET);
	tnl_print_ttl(kp, tb, &v4_attrs, "ttl");
	tnl_print_tos(kp, tb, &v4_attrs);
	print_bool(p, PRINT_ANY, "pmtudisc", pmtudisc ? "pmtudisc " : "nopmtudisc ", pmtudisc);
	if (tnl_u16(tb[IFLA_IPTUN_FLAGS]) & SIT_ISATAP)
		print_bool(p, PRINT_ANY, "isatap", "isatap ", true);
	print_6rd(p, tb);
	tnl_print_fwmark(kp, tb, &v4_attrs);
	tnl_print_encap(kp, tb, &v4_attrs);
}

static void ip6tnl_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	(void)k;
	tnl_print_external(kp, tb, &v6_attrs);
	print_proto(kp->p, tb, true);
	tnl_print_endpoints(kp, tb, &v6_attrs, AF_INET6);
	tnl_print_ttl(kp, tb, &v6_attrs, "hoplimit");
	tnl_print_ip6(kp, tb, &v6_attrs);
	if (tnl_u32(tb[IFLA_IPTUN_FLAGS]) & IP6_TNL_F_MIP6_DEV)
		print_bool(kp->p, PRINT_ANY, "ip6_tnl_f_mip6_dev", "mip6 ", true);
	tnl_print_fwmark(kp, tb, &v6_attrs);
	tnl_print_encap(kp, tb, &v6_attrs);
}

/* ---- the kinds --------------------------------------------------------- */

TNL_HEAD_LISTER(ipip_list, sit_words, N_IPIP_WORDS)
WORDS_POOLED_LISTER(sit_list, sit_words)
WORDS_POOLED_LISTER(ip6tnl_list, ip6tnl_words)

#define IPTNL_USAGE(modes) \
	"Usage: ... %-6s\t[ remote ADDR ]\n" \
	"\t\t\t[ local ADDR ]\n" \
	"\t\t\t[ ttl TTL ]\n" \
	"\t\t\t[ tos TOS ]\n" \
	"\t\t\t[ [no]pmtudisc ]\n" \
	"\t\t\t[ 6rd-prefix ADDR ]\n" \
	"\t\t\t[ 6rd-relay_prefix ADDR ]\n" \
	"\t\t\t[ 6rd-reset ]\n" \
	TNL_USAGE_DEV \
	TNL_USAGE_ENCAP \
	"\t\t\t[ mode " modes " ]\n" \
	"\n" \
	"Where:\tADDR := { IP_ADDRESS | any }\n" \
	"\tTOS  := { NUMBER | inherit }\n" \
	"\tTTL  := { 1..255 | inherit }\n" \
	"\tMARK := { 0x0..0xffffffff }\n"

USAGE(kind_ipip, IPTNL_USAGE("{ ipip | mplsip | any }"));
USAGE(kind_sit, IPTNL_USAGE("{ ip6ip | ipip | mplsip | any } ]\n\t\t\t[ isatap"));

USAGE(kind_ip6tnl,
	"Usage: ... %-6s\t[ remote ADDR ]\n"
	"\t\t\t[ local ADDR ]\n"
	"\t\t\t[ encaplimit ELIM ]\n"
	"\t\t\t[ hoplimit HLIM ]\n"
	"\t\t\t[ tclass TCLASS ]\n"
	"\t\t\t[ flowlabel FLOWLABEL ]\n"
	"\t\t\t[ dscp inherit ]\n"
	"\t\t\t[ [no]allow-localremote ]\n"
	TNL_USAGE_DEV
	TNL_USAGE_ENCAP
	"\t\t\t[ mode { ip6ip6 | ipip6 | any } ]\n"
	"\n"
	"Where:\tADDR\t  := IPV6_ADDRESS\n"
	"\tELIM\t  := { none | 0..255 }(default=4)\n"
	"\tHLIM\t  := 0..255 (default=64)\n"
	"\tTCLASS    := { 0x0..0xff | inherit }\n"
	"\tFLOWLABEL := { 0x0..0xfffff | inherit }\n"
	"\tMARK\t  := { 0x0..0xffffffff | inherit }\n");

TNL_KIND(ipip, IFLA_IPTUN_MAX, iptnl_parse, iptnl_print, ipip_list, "kind_ipip");
TNL_KIND(sit, IFLA_IPTUN_MAX, iptnl_parse, iptnl_print, sit_list, "kind_sit");
TNL_KIND(ip6tnl, IFLA_IPTUN_MAX, ip6tnl_parse, ip6tnl_print, ip6tnl_list, "kind_ip6tnl");
