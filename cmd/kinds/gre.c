/* GRE tunnels over IPv4 (gre, gretap, erspan) and IPv6 (ip6gre,
 * ip6gretap, ip6erspan): `type gre ARGS` and their -d data, as
 * iproute2's link_gre.c and link_gre6.c (tunnel.h says why a struct). */
#include "tunnel.h"

#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>

#include "../words.h"
#include "../usage.h"

_Static_assert(IFLA_GRE_MAX <= KIND_MAXATTR, "a gre attribute has a slot in the printer");

#define DEFAULT_HOP_LIMIT 64

/* ---- keys, sequence numbers, checksums --------------------------------- */

/* A key: a dotted quad, or a number (network order). */
static int parse_key(const char *name, const char *arg, uint32_t *key)
{
	struct inet_prefix a;
	uint32_t v;

	if (strchr(arg, '.')) {
		if (inet_parse_addr(&a, arg, AF_INET) < 0) {
			fprintf(stderr, "Error: an IP address is expected rather than \"%s\"\n", arg);
			return EXIT_FAIL;
		}
		memcpy(key, a.data, 4);
		return 0;
	}
	if (arg_u32(arg, &v, 0) < 0) {
		fprintf(stderr, "invalid value for \"%s\": \"%s\"; it should be an unsigned integer\n",
			name, arg);
		return EXIT_USAGE;
	}
	*key = htonl(v);
	return 0;
}

/* [i|o]key KEY: in, out or both */
static int key_word(struct tnl *t, struct arg_walk *w, const char *name, bool in, bool out)
{
	const char *arg;
	uint32_t key;
	int ret;

	WALK_NEXT(w, arg);
	ret = parse_key(name, arg, &key);
	if (ret)
		return ret;
	if (in) {
		t->iflags |= GRE_KEY;
		t->ikey = key;
	}
	if (out) {
		t->oflags |= GRE_KEY;
		t->okey = key;
	}
	return 0;
}

static int word_key(struct tnl *t, struct arg_walk *w)
{
	return key_word(t, w, "key", true, true);
}

static int word_ikey(struct tnl *t, struct arg_walk *w)
{
	return key_word(t, w, "ikey", true, false);
}

static int word_okey(struct tnl *t, struct arg_walk *w)
{
	return key_word(t, w, "okey", false, true);
}

/* A flag on or off, in the flags of the input, the output or both (a
 * key that goes off is 0). */
static int flag(struct tnl *t, uint16_t bit, bool in, bool out, bool on)
{
	if (in)
		t->iflags = on ? t->iflags | bit : t->iflags & (uint16_t)~bit;
	if (out)
		t->oflags = on ? t->oflags | bit : t->oflags & (uint16_t)~bit;
	if (bit == GRE_KEY && in)
		t->ikey = 0;
	if (bit == GRE_KEY && out)
		t->okey = 0;
	return 0;
}

#define FLAG_WORD(fn, bit, in, out, on) \
	static int fn(struct tnl *t, struct arg_walk *w) \
	{ \
		(void)w; \
		return flag(t, bit, in, out, on); \
	}
FLAG_WORD(word_nokey, GRE_KEY, true, true, false)
FLAG_WORD(word_noikey, GRE_KEY, true, false, false)
FLAG_WORD(word_nookey, GRE_KEY, false, true, false)
FLAG_WORD(word_seq, GRE_SEQ, true, true, true)
FLAG_WORD(word_noseq, GRE_SEQ, true, true, false)
FLAG_WORD(word_iseq, GRE_SEQ, true, false, true)
FLAG_WORD(word_noiseq, GRE_SEQ, true, false, false)
FLAG_WORD(word_oseq, GRE_SEQ, false, true, true)
FLAG_WORD(word_nooseq, GRE_SEQ, false, true, false)
FLAG_WORD(word_csum, GRE_CSUM, true, true, true)
FLAG_WORD(word_nocsum, GRE_CSUM, true, true, false)
FLAG_WORD(word_icsum, GRE_CSUM, true, false, true)
FLAG_WORD(word_noicsum, GRE_CSUM, true, false, false)
FLAG_WORD(word_ocsum, GRE_CSUM, false, true, true)
FLAG_WORD(word_noocsum, GRE_CSUM, false, true, false)

#define GRE_FLAG_WORDS \
	{ "key", false, word_key }, { "nokey", false, word_nokey }, \
	{ "ikey", false, word_ikey }, { "noikey", false, word_noikey }, \
	{ "okey", false, word_okey }, { "nookey", false, word_nookey }, \
	{ "seq", false, word_seq }, { "noseq", false, word_noseq }, \
	{ "iseq", false, word_iseq }, { "noiseq", false, word_noiseq }, \
	{ "oseq", false, word_oseq }, { "nooseq", false, word_nooseq }, \
	{ "csum", false, word_csum }, { "nocsum", false, word_nocsum }, \
	{ "icsum", false, word_icsum }, { "noicsum", false, word_noicsum }, \
	{ "ocsum", false, word_ocsum }, { "noocsum", false, word_noocsum }

/* ---- IPv4 only ------------------------------------------------------- */

static int word_ignore_df(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->ignore_df = 1;
	return 0;
}

/* only the low bit goes in; 2 says "given" */
static int word_noignore_df(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->ignore_df = 2;
	return 0;
}

/* ---- ERSPAN ------------------------------------------------------------ */

static int word_erspan(struct tnl *t, struct arg_walk *w)
{
	int ret = walk_u32(w, &t->erspan.idx, UINT32_MAX, "invalid erspan index\n");

	if (!ret && ((t->erspan.idx & ~0xfffffu) || !t->erspan.idx))
		return arg_invalid("erspan index must be > 0 and <= 20-bit\n", *w->argv);
	return ret;
}

static int word_erspan_ver(struct tnl *t, struct arg_walk *w)
{
	uint32_t v;
	int ret = walk_u32(w, &v, UINT8_MAX, "invalid erspan version\n");

	if (ret)
		return ret;
	if (v > 2)
		return arg_invalid("erspan version must be 0/1/2\n", *w->argv);
	t->erspan.ver = (uint8_t)v;
	return 0;
}

static int word_erspan_dir(struct tnl *t, struct arg_walk *w)
{
	const char *arg;

	WALK_NEXT(w, arg);
	if (matches(arg, "ingress"))
		t->erspan.dir = 0;
	else if (matches(arg, "egress"))
		t->erspan.dir = 1;
	else
		return arg_invalid("Invalid erspan direction.", arg);
	return 0;
}

static int word_erspan_hwid(struct tnl *t, struct arg_walk *w)
{
	uint32_t v;
	int ret = walk_u32(w, &v, UINT16_MAX, "invalid erspan hwid\n");

	if (ret)
		return ret;
	t->erspan.hwid = (uint16_t)v;
	return 0;
}

#define ERSPAN_WORDS \
	{ "erspan", true, word_erspan }, { "erspan_ver", true, word_erspan_ver }, \
	{ "erspan_dir", true, word_erspan_dir }, { "erspan_hwid", true, word_erspan_hwid }

/* In iproute2's order. */
#define GRE_WORDS \
	GRE_FLAG_WORDS, \
	{ "nopmtudisc", false, tnl_word_nopmtudisc }, { "pmtudisc", false, tnl_word_pmtudisc }, \
	{ "remote", false, tnl_word_remote }, { "local", false, tnl_word_local }, \
	{ "dev", false, tnl_word_dev }, \
	{ "ttl", false, tnl_word_ttl }, { "hoplimit", false, tnl_word_ttl }, \
	{ "hlim", false, tnl_word_ttl }, \
	{ "tos", false, tnl_word_tos }, { "tclass", false, tnl_word_tos }, \
	{ "dsfield", false, tnl_word_tos }, \
	TNL_ENCAP_WORDS, \
	{ "external", true, tnl_word_external }, \
	{ "ignore-df", true, word_ignore_df }, { "noignore-df", true, word_noignore_df }, \
	{ "fwmark", true, tnl_word_fwmark }

/* gre's words are the head of erspan's */
static const struct tnl_word erspan_words[] = { GRE_WORDS, ERSPAN_WORDS };
#define N_GRE_WORDS TNL_COUNT(GRE_WORDS)

static const struct tnl_word ip6gre_words[] = {
	GRE_FLAG_WORDS,
	{ "remote", false, tnl_word_remote }, { "local", false, tnl_word_local },
	{ "dev", false, tnl_word_dev },
	{ "ttl", false, tnl_word_ttl }, { "hoplimit", false, tnl_word_ttl },
	{ "hlim", false, tnl_word_ttl },
	{ "tos", false, tnl_word_tclass }, { "tclass", false, tnl_word_tclass },
	{ "dsfield", false, tnl_word_tclass },
	{ "flowlabel", true, tnl_word_flowlabel }, { "fl", true, tnl_word_flowlabel },
	{ "dscp", true, tnl_word_dscp },
	TNL_ENCAP_WORDS,
	{ "external", true, tnl_word_external },
	{ "fwmark", true, tnl_word_fwmark6 },
	{ "allow-localremote", true, tnl_word_localremote },
	{ "noallow-localremote", true, tnl_word_nolocalremote },
	{ "encaplimit", true, tnl_word_encaplimit },
	ERSPAN_WORDS,
};

#define GRE_ATTRS \
	.local = IFLA_GRE_LOCAL, .remote = IFLA_GRE_REMOTE, .link = IFLA_GRE_LINK, \
	.ttl = IFLA_GRE_TTL, .fwmark = IFLA_GRE_FWMARK, .encap_type = IFLA_GRE_ENCAP_TYPE, \
	.encap_flags = IFLA_GRE_ENCAP_FLAGS, .encap_sport = IFLA_GRE_ENCAP_SPORT, \
	.encap_dport = IFLA_GRE_ENCAP_DPORT, .metadata = IFLA_GRE_COLLECT_METADATA
static const struct tnl_attrs gre4_attrs = { GRE_ATTRS, .tos = IFLA_GRE_TOS };
static const struct tnl_attrs gre6_attrs = {
	GRE_ATTRS, .flowinfo = IFLA_GRE_FLOWINFO, .flags = IFLA_GRE_FLAGS,
	.encap_limit = IFLA_GRE_ENCAP_LIMIT,
};

/* ---- the device's parameters ------------------------------------------- */

/* What both families read back; -1 on an endpoint of the wrong size. */
static int load(struct tnl *t, const struct nlattr **tb)
{
	struct inet_prefix *ends[] = { &t->local, &t->remote };
	const uint16_t attrs[] = { IFLA_GRE_LOCAL, IFLA_GRE_REMOTE };

	for (int i = 0; i < 2; i++)
		if (tb[attrs[i]]) {
			tnl_addr_load(ends[i], tb[attrs[i]]);
			if (ends[i]->family != t->family)
				return -1;
		}
	if (tb[IFLA_GRE_IKEY])
		t->ikey = tnl_u32(tb[IFLA_GRE_IKEY]);
	if (tb[IFLA_GRE_OKEY])
		t->okey = tnl_u32(tb[IFLA_GRE_OKEY]);
	if (tb[IFLA_GRE_IFLAGS])
		t->iflags = (uint16_t)tnl_u16(tb[IFLA_GRE_IFLAGS]);
	if (tb[IFLA_GRE_OFLAGS])
		t->oflags = (uint16_t)tnl_u16(tb[IFLA_GRE_OFLAGS]);
	if (tb[IFLA_GRE_PMTUDISC])
		t->pmtudisc = (uint8_t)tnl_u8(tb[IFLA_GRE_PMTUDISC]);
	if (tb[IFLA_GRE_IGNORE_DF])
		t->ignore_df = !!tnl_u8(tb[IFLA_GRE_IGNORE_DF]);
	if (tb[IFLA_GRE_TOS])
		t->tos = (uint8_t)tnl_u8(tb[IFLA_GRE_TOS]);
	if (tb[IFLA_GRE_TTL])
		t->ttl = (uint8_t)tnl_u8(tb[IFLA_GRE_TTL]);
	if (tb[IFLA_GRE_LINK])
		t->link = tnl_u32(tb[IFLA_GRE_LINK]);
	if (tb[IFLA_GRE_ENCAP_LIMIT])
		t->encap_limit = (uint8_t)tnl_u8(tb[IFLA_GRE_ENCAP_LIMIT]);
	if (tb[IFLA_GRE_FLOWINFO])
		t->flowinfo = tnl_u32(tb[IFLA_GRE_FLOWINFO]);
	if (tb[IFLA_GRE_FLAGS])
		t->flags = tnl_u32(tb[IFLA_GRE_FLAGS]);
	tnl_load_encap(t, tb, &gre4_attrs);
	if (tb[IFLA_GRE_COLLECT_METADATA])
		t->metadata = true;
	if (tb[IFLA_GRE_FWMARK])
		t->fwmark = tnl_u32(tb[IFLA_GRE_FWMARK]);
	if (tb[IFLA_GRE_ERSPAN_INDEX])
		t->erspan.idx = tnl_u32(tb[IFLA_GRE_ERSPAN_INDEX]);
	if (tb[IFLA_GRE_ERSPAN_VER])
		t->erspan.ver = (uint8_t)tnl_u8(tb[IFLA_GRE_ERSPAN_VER]);
	if (tb[IFLA_GRE_ERSPAN_DIR])
		t->erspan.dir = (uint8_t)tnl_u8(tb[IFLA_GRE_ERSPAN_DIR]);
	if (tb[IFLA_GRE_ERSPAN_HWID])
		t->erspan.hwid = (uint16_t)tnl_u16(tb[IFLA_GRE_ERSPAN_HWID]);
	return 0;
}

static bool is_erspan(const struct link_kind *k)
{
	return strstr(k->name, "erspan") != NULL;
}

/* ---- into the request -------------------------------------------------- */

static void put_keys(struct nlreq *r, const struct tnl *t)
{
	nlreq_put_u32(r, IFLA_GRE_IKEY, t->ikey);
	nlreq_put_u32(r, IFLA_GRE_OKEY, t->okey);
	nlreq_put_u16(r, IFLA_GRE_IFLAGS, t->iflags);
	nlreq_put_u16(r, IFLA_GRE_OFLAGS, t->oflags);
	tnl_put_addr(r, IFLA_GRE_LOCAL, &t->local);
	tnl_put_addr(r, IFLA_GRE_REMOTE, &t->remote);
}

static void put_erspan(struct nlreq *r, const struct tnl *t)
{
	nlreq_put_u8(r, IFLA_GRE_ERSPAN_VER, t->erspan.ver);
	if (t->erspan.ver == 1 && t->erspan.idx) {
		nlreq_put_u32(r, IFLA_GRE_ERSPAN_INDEX, t->erspan.idx);
	} else if (t->erspan.ver == 2) {
		nlreq_put_u8(r, IFLA_GRE_ERSPAN_DIR, t->erspan.dir);
		nlreq_put_u16(r, IFLA_GRE_ERSPAN_HWID, t->erspan.hwid);
	}
}

static void put_encap(struct nlreq *r, const struct tnl *t)
{
	nlreq_put_u16(r, IFLA_GRE_ENCAP_TYPE, t->encap.type);
	nlreq_put_u16(r, IFLA_GRE_ENCAP_FLAGS, t->encap.flags);
	nlreq_put_u16(r, IFLA_GRE_ENCAP_SPORT, htons(t->encap.sport));
	nlreq_put_u16(r, IFLA_GRE_ENCAP_DPORT, htons(t->encap.dport));
}

/* A multicast remote makes a broadcast tunnel: its address is the key
 * not given, and it needs a local address. */
static int broadcast_tunnel(struct tnl *t)
{
	uint32_t group;

	if (!tnl_addr_set(&t->remote) || (t->remote.data[0] & 0xf0) != 0xe0)
		return 0;
	memcpy(&group, t->remote.data, 4);
	if (!t->ikey) {
		t->ikey = group;
		t->iflags |= GRE_KEY;
	}
	if (!t->okey) {
		t->okey = group;
		t->oflags |= GRE_KEY;
	}
	if (!tnl_addr_set(&t->local)) {
		fprintf(stderr, "A broadcast tunnel requires a source address.\n");
		return EXIT_FAIL;
	}
	return 0;
}

static int gre_parse(struct kind_parse *kp, struct arg_walk *w)
{
	struct tnl t = { .kp = kp, .family = AF_INET, .pmtudisc = 1, .erspan.ver = 1 };
	struct nlreq *r = kp->r;
	int ret;

	if (kp->set_op && (ret = tnl_fetch(&t, IFLA_GRE_MAX, load)))
		return ret;
	ret = tnl_parse_words(&t, erspan_words, is_erspan(kp->k) ? ARRAY_SIZE(erspan_words) : N_GRE_WORDS,
			      w);
	if (ret || (ret = broadcast_tunnel(&t)))
		return ret;
	if (t.metadata) {
		nlreq_put(r, IFLA_GRE_COLLECT_METADATA, 0, NULL);
		return 0;
	}
	put_keys(r, &t);
	nlreq_put_u8(r, IFLA_GRE_PMTUDISC, t.pmtudisc);
	if (t.ignore_df)
		nlreq_put_u8(r, IFLA_GRE_IGNORE_DF, t.ignore_df & 1);
	nlreq_put_u8(r, IFLA_GRE_TOS, t.tos);
	if (t.link)
		nlreq_put_u32(r, IFLA_GRE_LINK, t.link);
	nlreq_put_u8(r, IFLA_GRE_TTL, t.ttl);
	nlreq_put_u32(r, IFLA_GRE_FWMARK, t.fwmark);
	if (is_erspan(kp->k))
		put_erspan(r, &t);
	put_encap(r, &t);
	return 0;
}

/* iproute2's IPv6 GRE takes the erspan words for every kind, and sends
 * a version (1 unless given) for each. */
static int gre6_parse(struct kind_parse *kp, struct arg_walk *w)
{
	struct tnl t = {
		.kp = kp, .family = AF_INET6, .ttl = DEFAULT_HOP_LIMIT,
		.encap_limit = IPV6_DEFAULT_TNL_ENCAP_LIMIT, .erspan.ver = 1,
		.encap.flags = TUNNEL_ENCAP_FLAG_CSUM6,
	};
	struct nlreq *r = kp->r;
	int ret;

	if (kp->set_op && (ret = tnl_fetch(&t, IFLA_GRE_MAX, load)))
		return ret;
	if ((ret = tnl_parse_words(&t, ip6gre_words, ARRAY_SIZE(ip6gre_words), w)))
		return ret;
	if (t.metadata) {
		nlreq_put(r, IFLA_GRE_COLLECT_METADATA, 0, NULL);
		return 0;
	}
	put_keys(r, &t);
	if (t.link)
		nlreq_put_u32(r, IFLA_GRE_LINK, t.link);
	nlreq_put_u8(r, IFLA_GRE_TTL, t.ttl);
	nlreq_put_u8(r, IFLA_GRE_ENCAP_LIMIT, t.encap_limit);
	nlreq_put_u32(r, IFLA_GRE_FLOWINFO, t.flowinfo);
	nlreq_put_u32(r, IFLA_GRE_FLAGS, t.flags);
	nlreq_put_u32(r, IFLA_GRE_FWMARK, t.fwmark);
	if (t.erspan.ver <= 2)
		put_erspan(r, &t);
	put_encap(r, &t);
	return 0;
}

/* ---- printing ---------------------------------------------------------- */

/* The keys (as dotted quads) and the sequence and checksum flags. */
static void print_keys(struct printer *p, const struct nlattr **tb)
{
	static const struct { uint16_t bit; bool in; const char *word; } flags[] = {
		{ GRE_SEQ, true, "iseq" }, { GRE_SEQ, false, "oseq" },
		{ GRE_CSUM, true, "icsum" }, { GRE_CSUM, false, "ocsum" },
	};
	uint16_t iflags = tb[IFLA_GRE_IFLAGS] ? (uint16_t)tnl_u16(tb[IFLA_GRE_IFLAGS]) : 0;
	uint16_t oflags = tb[IFLA_GRE_OFLAGS] ? (uint16_t)tnl_u16(tb[IFLA_GRE_OFLAGS]) : 0;
	char buf[INET_ADDRSTRLEN];

	if ((iflags & GRE_KEY) && tb[IFLA_GRE_IKEY] && mnl_attr_get_payload_len(tb[IFLA_GRE_IKEY]) >= 4)
		print_string(p, PRINT_ANY, "ikey", "ikey %s ",
			     inet_ntop(AF_INET, mnl_attr_get_payload(tb[IFLA_GRE_IKEY]), buf, sizeof(buf)));
	if ((oflags & GRE_KEY) && tb[IFLA_GRE_OKEY] && mnl_attr_get_payload_len(tb[IFLA_GRE_OKEY]) >= 4)
		print_string(p, PRINT_ANY, "okey", "okey %s ",
			     inet_ntop(AF_INET, mnl_attr_get_payload(tb[IFLA_GRE_OKEY]), buf, sizeof(buf)));
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++) {
		char fmt[16];

		snprintf(fmt, sizeof(fmt), "%s ", flags[i].word);
		if ((flags[i].in ? iflags : oflags) & flags[i].bit)
			print_bool(p, PRINT_ANY, flags[i].word, fmt, true);
	}
}

static void print_erspan(struct printer *p, const struct nlattr **tb)
{
	char buf[16];

	if (tb[IFLA_GRE_ERSPAN_INDEX])
		print_uint(p, PRINT_ANY, "erspan_index", "erspan_index %u ",
			   tnl_u32(tb[IFLA_GRE_ERSPAN_INDEX]));
	if (tb[IFLA_GRE_ERSPAN_VER])
		print_uint(p, PRINT_ANY, "erspan_ver", "erspan_ver %u ",
			   tnl_u8(tb[IFLA_GRE_ERSPAN_VER]));
	if (tb[IFLA_GRE_ERSPAN_DIR])
		print_string(p, PRINT_ANY, "erspan_dir", "erspan_dir %s ",
			     tnl_u8(tb[IFLA_GRE_ERSPAN_DIR]) ? "egress" : "ingress");
	if (tb[IFLA_GRE_ERSPAN_HWID]) {
		snprintf(buf, sizeof(buf), "%#x", tnl_u16(tb[IFLA_GRE_ERSPAN_HWID]));
		print_string(p, PRINT_ANY, "erspan_hwid", "erspan_hwid %s ", buf);
	}
}

static void gre_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	struct printer *p = kp->p;

	(void)k;
	tnl_print_external(kp, tb, &gre4_attrs);
	tnl_print_endpoints(kp, tb, &gre4_attrs, AF_INET);
	tnl_print_ttl(kp, tb, &gre4_attrs, "ttl");
	tnl_print_tos(kp, tb, &gre4_attrs);
	if (tb[IFLA_GRE_PMTUDISC] && !tnl_u8(tb[IFLA_GRE_PMTUDISC]))
		print_bool(p, PRINT_ANY, "pmtudisc", "nopmtudisc ", false);
	else if (tb[IFLA_GRE_PMTUDISC])
		print_bool(p, PRINT_JSON, "pmtudisc", NULL, true);
	if (tb[IFLA_GRE_IGNORE_DF] && tnl_u8(tb[IFLA_GRE_IGNORE_DF]))
		print_bool(p, PRINT_ANY, "ignore_df", "ignore-df ", true);
	print_keys(p, tb);
	tnl_print_fwmark(kp, tb, &gre4_attrs);
	print_erspan(p, tb);
	tnl_print_encap(kp, tb, &gre4_attrs);
}

static void gre6_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	(void)k;
	tnl_print_external(kp, tb, &gre6_attrs);
	tnl_print_endpoints(kp, tb, &gre6_attrs, AF_INET6);
	tnl_print_ttl(kp, tb, &gre6_attrs, "hoplimit");
	tnl_print_ip6(kp, tb, &gre6_attrs);
	print_keys(kp->p, tb);
	tnl_print_fwmark(kp, tb, &gre6_attrs);
	print_erspan(kp->p, tb);
	tnl_print_encap(kp, tb, &gre6_attrs);
}

/* ---- the kinds --------------------------------------------------------- */

#define GRE_USAGE_HEAD \
	"Usage: ... %-9s\t[ remote ADDR ]\n" \
	"\t\t\t[ local ADDR ]\n" \
	"\t\t\t[ [no][i|o]seq ]\n" \
	"\t\t\t[ [i|o]key KEY | no[i|o]key ]\n" \
	"\t\t\t[ [no][i|o]csum ]\n"
#define GRE_USAGE_DEV \
	"\t\t\t[ dev PHYS_DEV ]\n" \
	"\t\t\t[ fwmark MARK ]\n"
#define GRE_USAGE_ENCAP \
	"\t\t\t[ external ]\n" \
	"\t\t\t[ noencap ]\n" \
	"\t\t\t[ encap { fou | gue | none } ]\n" \
	"\t\t\t[ encap-sport PORT ]\n" \
	"\t\t\t[ encap-dport PORT ]\n" \
	"\t\t\t[ [no]encap-csum ]\n" \
	"\t\t\t[ [no]encap-csum6 ]\n" \
	"\t\t\t[ [no]encap-remcsum ]\n"
#define GRE_USAGE_ERSPAN \
	"\t\t\t[ erspan_ver version ]\n" \
	"\t\t\t[ erspan IDX ]\n" \
	"\t\t\t[ erspan_dir { ingress | egress } ]\n" \
	"\t\t\t[ erspan_hwid hwid ]\n"
#define GRE_USAGE_V4 \
	GRE_USAGE_HEAD \
	"\t\t\t[ ttl TTL ]\n" \
	"\t\t\t[ tos TOS ]\n" \
	"\t\t\t[ [no]pmtudisc ]\n" \
	"\t\t\t[ [no]ignore-df ]\n" \
	GRE_USAGE_DEV \
	GRE_USAGE_ENCAP
#define GRE_USAGE_V4_TAIL \
	"\n" \
	"Where:\tADDR := { IP_ADDRESS | any }\n" \
	"\tTOS  := { NUMBER | inherit }\n" \
	"\tTTL  := { 1..255 | inherit }\n" \
	"\tKEY  := { DOTTED_QUAD | NUMBER }\n" \
	"\tMARK := { 0x0..0xffffffff }\n"
#define GRE_USAGE_V6 \
	GRE_USAGE_HEAD \
	"\t\t\t[ hoplimit TTL ]\n" \
	"\t\t\t[ encaplimit ELIM ]\n" \
	"\t\t\t[ tclass TCLASS ]\n" \
	"\t\t\t[ flowlabel FLOWLABEL ]\n" \
	"\t\t\t[ dscp inherit ]\n" \
	GRE_USAGE_DEV \
	"\t\t\t[ [no]allow-localremote ]\n" \
	GRE_USAGE_ENCAP \
	GRE_USAGE_ERSPAN \
	"\n" \
	"Where:\tADDR\t  := IPV6_ADDRESS\n" \
	"\tTTL\t  := { 0..255 } (default=64)\n" \
	"\tKEY\t  := { DOTTED_QUAD | NUMBER }\n" \
	"\tELIM\t  := { none | 0..255 }(default=4)\n" \
	"\tTCLASS\t  := { 0x0..0xff | inherit }\n" \
	"\tFLOWLABEL := { 0x0..0xfffff | inherit }\n" \
	"\tMARK\t  := { 0x0..0xffffffff | inherit }\n"

TNL_HEAD_LISTER(gre_list, erspan_words, N_GRE_WORDS)
WORDS_LISTER(erspan_list, erspan_words)
WORDS_LISTER(ip6gre_list, ip6gre_words)

USAGE(kind_gre, GRE_USAGE_V4 GRE_USAGE_V4_TAIL);
USAGE(kind_erspan, GRE_USAGE_V4 GRE_USAGE_ERSPAN GRE_USAGE_V4_TAIL);
USAGE(kind_ip6gre, GRE_USAGE_V6);

#define GRE_KIND(id, parse_fn, print_fn, list_fn, text) \
	const struct link_kind kind_##id = { \
		.name = #id, .maxattr = IFLA_GRE_MAX, .usage = text, .prints = true, \
		.parse = parse_fn, .print = print_fn, .words = list_fn, \
	}
GRE_KIND(gre, gre_parse, gre_print, gre_list, "kind_gre");
GRE_KIND(gretap, gre_parse, gre_print, gre_list, "kind_gre");
GRE_KIND(erspan, gre_parse, gre_print, erspan_list, "kind_erspan");
GRE_KIND(ip6gre, gre6_parse, gre6_print, ip6gre_list, "kind_ip6gre");
GRE_KIND(ip6gretap, gre6_parse, gre6_print, ip6gre_list, "kind_ip6gre");
GRE_KIND(ip6erspan, gre6_parse, gre6_print, ip6gre_list, "kind_ip6gre");
