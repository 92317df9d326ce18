/* GRE tunnels over IPv4 (gre, gretap, erspan) and IPv6 (ip6gre,
 * ip6gretap, ip6erspan): `type gre ARGS` and their -d data, as
 * iproute2's link_gre.c and link_gre6.c (tunnel.h says why a struct). */
#include "tunnel.h"

#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>

#include "../../args/wordpool.h"
#include "../words.h"
#include "../usage.h"

_Static_assert(IFLA_GRE_MAX <= KIND_MAXATTR, "a gre attribute has a slot in the printer");

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
	{ W("key"), false, word_key }, { W("nokey"), false, word_nokey }, \
	{ W("ikey"), false, word_ikey }, { W("noikey"), false, word_noikey }, \
	{ W("okey"), false, word_okey }, { W("nookey"), false, word_nookey }, \
	{ W("seq"), false, word_seq }, { W("noseq"), false, word_noseq }, \
	{ W("iseq"), false, word_iseq }, { W("noiseq"), false, word_noiseq }, \
	{ W("oseq"), false, word_oseq }, { W("nooseq"), false, word_nooseq }, \
	{ W("csum"), false, word_csum }, { W("nocsum"), false, word_nocsum }, \
	{ W("icsum"), false, word_icsum }, { W("noicsum"), false, word_noicsum }, \
	{ W("ocsum"), false, word_ocsum }, { W("noocsum"), false, word_noocsum }

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
	{ W("erspan"), true, word_erspan }, { W("erspan_ver"), true, word_erspan_ver }, \
	{ W("erspan_dir"), true, word_erspan_dir }, { W("erspan_hwid"), true, word_erspan_hwid }

/* In iproute2's order. */
#define GRE_WORDS \
	GRE_FLAG_WORDS, \
	{ W("nopmtudisc"), false, tnl_word_nopmtudisc }, \
	{ W("pmtudisc"), false, tnl_word_pmtudisc }, \
	{ W("remote"), false, tnl_word_remote }, { W("local"), false, tnl_word_local }, \
	{ W("dev"), false, tnl_word_dev }, \
	{ W("ttl"), false, tnl_word_ttl }, { W("hoplimit"), false, tnl_word_ttl }, \
	{ W("hlim"), false, tnl_word_ttl }, \
	{ W("tos"), false, tnl_word_tos }, { W("tclass"), false, tnl_word_tos }, \
	{ W("dsfield"), false, tnl_word_tos }, \
	TNL_ENCAP_WORDS, \
	{ W("external"), true, tnl_word_external }, \
	{ W("ignore-df"), true, word_ignore_df }, { W("noignore-df"), true, word_noignore_df }, \
	{ W("fwmark"), true, tnl_word_fwmark }

/* gre's words are the head of erspan's */
static const struct tnl_word erspan_words[] = { GRE_WORDS, ERSPAN_WORDS };
#define N_GRE_WORDS TNL_COUNT(GRE_WORDS)

static const struct tnl_word ip6gre_words[] = {
	GRE_FLAG_WORDS,
	{ W("remote"), false, tnl_word_remote }, { W("local"), false, tnl_word_local },
	{ W("dev"), false, tnl_word_dev },
	{ W("ttl"), false, tnl_word_ttl }, { W("hoplimit"), false, tnl_word_ttl },
	{ W("hlim"), false, tnl_word_ttl },
	{ W("tos"), false, tnl_word_tclass }, { W("tclass"), false, tnl_word_tclass },
	{ W("dsfield"), false, tnl_word_tclass },
	{ W("flowlabel"), true, tnl_word_flowlabel }, { W("fl"), true, tnl_word_flowlabel },
	{ W("dscp"), true, tnl_word_dscp },
	TNL_ENCAP_WORDS,
	{ W("external"), true, tnl_word_external },
	{ W("fwmark"), true, tnl_word_fwmark6 },
	{ W("allow-localremote"), true, tnl_word_localremote },
	{ W("noallow-localremote"), true, tnl_word_nolocalremote },
	{ W("encaplimit"), true, tnl_word_encaplimit },
	ERSPAN_WORDS,
};

static const struct tnl_attrs gre4_attrs = TNL_ATTRS_V4(IFLA_GRE_);
static const struct tnl_attrs gre6_attrs = TNL_ATTRS_V6(IFLA_GRE_);

/* ---- the device's parameters ------------------------------------------- */

/* The keys and their flags: what goes in before the endpoints. */
static const struct tnl_field key_fields[] = {
	TNL_FIELD(IFLA_GRE_IKEY, ikey), TNL_FIELD(IFLA_GRE_OKEY, okey),
	TNL_FIELD(IFLA_GRE_IFLAGS, iflags), TNL_FIELD(IFLA_GRE_OFLAGS, oflags),
};

/* What both families read back besides; IPv6 GRE puts in the first five
 * after its link. */
static const struct tnl_field gre_fields[] = {
	TNL_FIELD(IFLA_GRE_TTL, ttl), TNL_FIELD(IFLA_GRE_ENCAP_LIMIT, encap_limit),
	TNL_FIELD(IFLA_GRE_FLOWINFO, flowinfo), TNL_FIELD(IFLA_GRE_FLAGS, flags),
	TNL_FIELD(IFLA_GRE_FWMARK, fwmark),
	TNL_FIELD(IFLA_GRE_PMTUDISC, pmtudisc), TNL_FIELD(IFLA_GRE_TOS, tos),
	TNL_FIELD(IFLA_GRE_LINK, link),
	TNL_FIELD(IFLA_GRE_ERSPAN_INDEX, erspan.idx), TNL_FIELD(IFLA_GRE_ERSPAN_VER, erspan.ver),
	TNL_FIELD(IFLA_GRE_ERSPAN_DIR, erspan.dir), TNL_FIELD(IFLA_GRE_ERSPAN_HWID, erspan.hwid),
};
#define GRE6_PUTS 5

/* -1 on an endpoint of the wrong size. */
static int load(struct tnl *t, const struct nlattr **tb)
{
	if (tnl_load_ends(t, tb, &gre4_attrs) < 0)
		return -1;
	tnl_load_fields(t, tb, key_fields, ARRAY_SIZE(key_fields));
	tnl_load_fields(t, tb, gre_fields, ARRAY_SIZE(gre_fields));
	if (tb[IFLA_GRE_IGNORE_DF])
		t->ignore_df = !!tnl_u8(tb[IFLA_GRE_IGNORE_DF]);
	tnl_load_encap(t, tb, &gre4_attrs);
	return 0;
}

static bool is_erspan(const struct link_kind *k)
{
	return strstr(k->name, "erspan") != NULL;
}

/* ---- into the request -------------------------------------------------- */

static void put_keys(struct nlreq *r, const struct tnl *t)
{
	tnl_put_fields(r, t, key_fields, ARRAY_SIZE(key_fields));
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

	ret = tnl_parse(&t, IFLA_GRE_MAX, load, words_pool, erspan_words,
			is_erspan(kp->k) ? ARRAY_SIZE(erspan_words) : N_GRE_WORDS, w);
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
	tnl_put_encap(r, &t, &gre4_attrs);
	return 0;
}

/* iproute2's IPv6 GRE takes the erspan words for every kind, and sends
 * a version (1 unless given) for each. */
static int gre6_parse(struct kind_parse *kp, struct arg_walk *w)
{
	struct tnl t = { TNL_V6_DEFAULTS(kp), .erspan.ver = 1 };
	struct nlreq *r = kp->r;
	int ret = tnl_parse(&t, IFLA_GRE_MAX, load, words_pool, ip6gre_words,
			    ARRAY_SIZE(ip6gre_words), w);

	if (ret)
		return ret;
	if (t.metadata) {
		nlreq_put(r, IFLA_GRE_COLLECT_METADATA, 0, NULL);
		return 0;
	}
	put_keys(r, &t);
	if (t.link)
		nlreq_put_u32(r, IFLA_GRE_LINK, t.link);
	tnl_put_fields(r, &t, gre_fields, GRE6_PUTS);
	if (t.erspan.ver <= 2)
		put_erspan(r, &t);
	tnl_put_encap(r, &t, &gre4_attrs);
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
	TNL_USAGE_DEV \
	TNL_USAGE_ENCAP
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
	TNL_USAGE_DEV \
	"\t\t\t[ [no]allow-localremote ]\n" \
	TNL_USAGE_ENCAP \
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
WORDS_POOLED_LISTER(erspan_list, erspan_words)
WORDS_POOLED_LISTER(ip6gre_list, ip6gre_words)

USAGE(kind_gre, GRE_USAGE_V4 GRE_USAGE_V4_TAIL);
USAGE(kind_erspan, GRE_USAGE_V4 GRE_USAGE_ERSPAN GRE_USAGE_V4_TAIL);
USAGE(kind_ip6gre, GRE_USAGE_V6);

#define GRE_KIND(id, parse_fn, print_fn, list_fn, text) \
	TNL_KIND(id, IFLA_GRE_MAX, parse_fn, print_fn, list_fn, text)
GRE_KIND(gre, gre_parse, gre_print, gre_list, "kind_gre");
GRE_KIND(gretap, gre_parse, gre_print, gre_list, "kind_gre");
GRE_KIND(erspan, gre_parse, gre_print, erspan_list, "kind_erspan");
GRE_KIND(ip6gre, gre6_parse, gre6_print, ip6gre_list, "kind_ip6gre");
GRE_KIND(ip6gretap, gre6_parse, gre6_print, ip6gre_list, "kind_ip6gre");
GRE_KIND(ip6erspan, gre6_parse, gre6_print, ip6gre_list, "kind_ip6gre");
