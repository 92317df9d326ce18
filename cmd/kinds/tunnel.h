/* What the IP tunnel kinds share (gre.c: gre, gretap, erspan, ip6gre,
 * ip6gretap, ip6erspan; iptnl.c: ipip, sit, ip6tnl).  iproute2 treats a
 * tunnel's parameters as a whole: on `link set` it reads them from the
 * device, then the words change them, then all of them go in, defaults
 * included.  So these kinds parse into a struct tnl, not row by row. */
#ifndef IPBOX_TUNNEL_H
#define IPBOX_TUNNEL_H

#include "kind.h"

#include <stddef.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>

#include "../../args/inet.h"
#include "../../args/wordpool.h"

struct tnl {
	struct kind_parse *kp;
	int family;			/* of the endpoints: AF_INET or AF_INET6 */
	struct inet_prefix local, remote;	/* family AF_UNSPEC: not given */
	uint32_t ikey, okey;		/* network order */
	uint16_t iflags, oflags;	/* GRE_KEY, GRE_SEQ, GRE_CSUM */
	uint8_t ttl, tos, pmtudisc, ignore_df, encap_limit, proto;
	bool metadata;
	uint32_t link, fwmark;
	uint32_t flowinfo, flags;	/* IPv6: traffic class, flow label, IP6_TNL_F_* */
	uint16_t sit_flags;		/* SIT_ISATAP */
	struct inet_prefix prefix6rd, relay6rd;	/* sit: 6rd */
	struct {
		uint16_t type, flags, sport, dport;	/* ports in host order */
	} encap;
	struct {
		uint32_t idx;
		uint8_t ver, dir;
		uint16_t hwid;
	} erspan;
};

/* A word of a tunnel kind, in its family's table in iproute2's order:
 * exact words match whole, others by prefix.  The word is in the pool of
 * the kind's file (args/wordpool.h), which travels with the table. */
struct tnl_word {
	word_off word;
	bool exact;
	int (*parse)(struct tnl *t, struct arg_walk *w);
};

/* The attribute numbers of a family (IFLA_GRE_* or IFLA_IPTUN_*), for
 * reading back and printing what both have (0: the family has none). */
struct tnl_attrs {
	uint16_t local, remote, link, ttl, tos, flowinfo, flags, encap_limit, fwmark;
	uint16_t encap_type, encap_flags, encap_sport, encap_dport, metadata;
};
/* A number of struct tnl (1, 2 or 4 bytes wide) that is an attribute of
 * the family: what a device reads back, or what goes in. */
struct tnl_field {
	uint16_t attr, offset;
	uint8_t width;
};
#define TNL_FIELD(a, member) \
	{ a, offsetof(struct tnl, member), sizeof(((struct tnl *)0)->member) }
void tnl_load_fields(struct tnl *t, const struct nlattr **tb, const struct tnl_field *f, size_t n);
void tnl_put_fields(struct nlreq *r, const struct tnl *t, const struct tnl_field *f, size_t n);

/* A family's tables by the names both have: TNL_ATTRS_V4(IFLA_GRE_). */
#define TNL_ATTRS(P) \
	.local = P##LOCAL, .remote = P##REMOTE, .link = P##LINK, .ttl = P##TTL, \
	.fwmark = P##FWMARK, .encap_type = P##ENCAP_TYPE, .encap_flags = P##ENCAP_FLAGS, \
	.encap_sport = P##ENCAP_SPORT, .encap_dport = P##ENCAP_DPORT, \
	.metadata = P##COLLECT_METADATA
#define TNL_ATTRS_V4(P) { TNL_ATTRS(P), .tos = P##TOS }
#define TNL_ATTRS_V6(P) \
	{ TNL_ATTRS(P), .flowinfo = P##FLOWINFO, .flags = P##FLAGS, .encap_limit = P##ENCAP_LIMIT }

int tnl_parse_words(struct tnl *t, const char *pool, const struct tnl_word *words, size_t n,
		    struct arg_walk *w);
/* Kinds whose words are another's and a few more after them (erspan:
 * gre's; sit: ipip's) share its table, the other reading only its head
 * of TNL_COUNT(its rows) rows: the first row that matches is the same
 * (the binary's size budget, issue 19). */
#define TNL_COUNT(...) (sizeof((const struct tnl_word[]){ __VA_ARGS__ }) / sizeof(struct tnl_word))
/* A function fn(class) listing a table's first n words (cmd/words.h). */
#define TNL_HEAD_LISTER(fn, table, n)						\
	static void fn(const char *class)					\
	{									\
		for (size_t l_i_ = 0; l_i_ < (n); l_i_++)			\
			printf("%s %s\n", class, WORD((table)[l_i_].word));	\
	}
/* What an IPv6 tunnel has until the words say otherwise (iproute2's hop
 * limit 64, encapsulation limit 4, checksums over IPv6). */
#define TNL_V6_DEFAULTS(parse) \
	.kp = parse, .family = AF_INET6, .ttl = 64, .encap_limit = IPV6_DEFAULT_TNL_ENCAP_LIMIT, \
	.encap.flags = TUNNEL_ENCAP_FLAG_CSUM6
int tnl_parse(struct tnl *t, unsigned int max, int (*load)(struct tnl *t, const struct nlattr **tb),
	      const char *pool, const struct tnl_word *words, size_t n, struct arg_walk *w);
bool tnl_addr_set(const struct inet_prefix *a);
unsigned int tnl_u8(const struct nlattr *a);
unsigned int tnl_u16(const struct nlattr *a);
uint32_t tnl_u32(const struct nlattr *a);
void tnl_addr_load(struct inet_prefix *a, const struct nlattr *attr);
int tnl_load_addr(struct inet_prefix *a, const struct nlattr *attr, int family);
int tnl_load_ends(struct tnl *t, const struct nlattr **tb, const struct tnl_attrs *a);
void tnl_load_encap(struct tnl *t, const struct nlattr **tb, const struct tnl_attrs *a);
void tnl_put_addr(struct nlreq *r, uint16_t attr, const struct inet_prefix *a);
void tnl_put_encap(struct nlreq *r, const struct tnl *t, const struct tnl_attrs *a);

/* words more than one family takes */
int tnl_word_remote(struct tnl *t, struct arg_walk *w);
int tnl_word_local(struct tnl *t, struct arg_walk *w);
int tnl_word_dev(struct tnl *t, struct arg_walk *w);
int tnl_word_ttl(struct tnl *t, struct arg_walk *w);
int tnl_word_tos(struct tnl *t, struct arg_walk *w);
int tnl_word_tclass(struct tnl *t, struct arg_walk *w);
int tnl_word_flowlabel(struct tnl *t, struct arg_walk *w);
int tnl_word_dscp(struct tnl *t, struct arg_walk *w);
int tnl_word_fwmark(struct tnl *t, struct arg_walk *w);
int tnl_word_fwmark6(struct tnl *t, struct arg_walk *w);
int tnl_word_localremote(struct tnl *t, struct arg_walk *w);
int tnl_word_nolocalremote(struct tnl *t, struct arg_walk *w);
int tnl_word_encaplimit(struct tnl *t, struct arg_walk *w);
int tnl_word_external(struct tnl *t, struct arg_walk *w);
int tnl_word_pmtudisc(struct tnl *t, struct arg_walk *w);
int tnl_word_nopmtudisc(struct tnl *t, struct arg_walk *w);
#define TNL_ENCAP_WORDS							\
	{ W("noencap"), true, tnl_word_noencap },				\
	{ W("encap"), true, tnl_word_encap },				\
	{ W("encap-sport"), true, tnl_word_encap_sport },			\
	{ W("encap-dport"), true, tnl_word_encap_dport },			\
	{ W("encap-csum"), true, tnl_word_encap_flag },			\
	{ W("noencap-csum"), true, tnl_word_encap_flag },			\
	{ W("encap-udp6-csum"), true, tnl_word_encap_flag },		\
	{ W("noencap-udp6-csum"), true, tnl_word_encap_flag },		\
	{ W("encap-remcsum"), true, tnl_word_encap_flag },			\
	{ W("noencap-remcsum"), true, tnl_word_encap_flag }
int tnl_word_noencap(struct tnl *t, struct arg_walk *w);
int tnl_word_encap(struct tnl *t, struct arg_walk *w);
int tnl_word_encap_sport(struct tnl *t, struct arg_walk *w);
int tnl_word_encap_dport(struct tnl *t, struct arg_walk *w);
int tnl_word_encap_flag(struct tnl *t, struct arg_walk *w);

/* A tunnel kind: its attributes (up to max), parse, print, words lister
 * and usage text's name. */
#define TNL_KIND(id, max, parse_fn, print_fn, list_fn, text) \
	const struct link_kind kind_##id = { \
		.name = #id, .maxattr = max, .usage = text, .prints = true, \
		.parse = parse_fn, .print = print_fn, .words = list_fn, \
	}

/* Lines of the usage texts, in the order every kind lists them. */
#define TNL_USAGE_DEV \
	"\t\t\t[ dev PHYS_DEV ]\n" \
	"\t\t\t[ fwmark MARK ]\n"
#define TNL_USAGE_ENCAP \
	"\t\t\t[ external ]\n" \
	"\t\t\t[ noencap ]\n" \
	"\t\t\t[ encap { fou | gue | none } ]\n" \
	"\t\t\t[ encap-sport PORT ]\n" \
	"\t\t\t[ encap-dport PORT ]\n" \
	"\t\t\t[ [no]encap-csum ]\n" \
	"\t\t\t[ [no]encap-csum6 ]\n" \
	"\t\t\t[ [no]encap-remcsum ]\n"

void tnl_print_external(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a);
void tnl_print_endpoints(struct kind_print *kp, const struct nlattr **tb,
			 const struct tnl_attrs *a, int family);
void tnl_print_ttl(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a,
		   const char *word);
void tnl_print_tos(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a);
void tnl_print_ip6(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a);
void tnl_print_fwmark(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a);
void tnl_print_encap(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a);

#endif
