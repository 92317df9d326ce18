/* "encap TYPE OPTIONS": lightweight tunnel encapsulation, parsed and
 * printed as iproute2 6.1's iproute_lwtunnel.c does for mpls, ip, ip6. */
#include "lwt.h"

#include <arpa/inet.h>
#include <endian.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_tunnel.h>
#include <linux/lwtunnel.h>
#include <linux/mpls.h>
#include <linux/mpls_iptunnel.h>

#include "../args/args.h"
#include "../args/inet.h"
#include "../names/names.h"
#include "../netlink/attr.h"

/* LWTUNNEL_ENCAP_* by number, as iproute2 names them. */
static const char *const encap_names[] = {
	[LWTUNNEL_ENCAP_MPLS] = "mpls", [LWTUNNEL_ENCAP_IP] = "ip",
	[LWTUNNEL_ENCAP_ILA] = "ila", [LWTUNNEL_ENCAP_IP6] = "ip6",
	[LWTUNNEL_ENCAP_SEG6] = "seg6", [LWTUNNEL_ENCAP_BPF] = "bpf",
	[LWTUNNEL_ENCAP_SEG6_LOCAL] = "seg6local", [LWTUNNEL_ENCAP_RPL] = "rpl",
	[LWTUNNEL_ENCAP_IOAM6] = "ioam6", [LWTUNNEL_ENCAP_XFRM] = "xfrm",
};
#define ENCAP_TYPES ((int)(ARRAY_SIZE(encap_names)))

static const char *encap_name(unsigned int type)
{
	return type < ENCAP_TYPES && encap_names[type] ? encap_names[type] : "unknown";
}

/* iproute2's, its two columns swapped as there. */
static int encap_usage(void)
{
	fprintf(stderr, "Usage: ip route ... encap TYPE [ OPTIONS ] [...]\n");
	for (int i = 1; i < ENCAP_TYPES; i++)
		fprintf(stderr, "%s %s\n", encap_names[i], i == 1 ? "TYPE := " : "      ");
	return EXIT_USAGE;
}

/* ---- mpls -------------------------------------------------------------- */

#define MPLS_MAX_LABELS 64	/* what iproute2's inet_prefix holds */

/* "100/200/300": label stack entries in network order, the last with
 * the bottom-of-stack bit.  The number of labels, or 0. */
static int mpls_pton(const char *s, uint32_t *labels)
{
	for (int n = 0; n < MPLS_MAX_LABELS; n++) {
		char *end;
		unsigned long label = strtoul(s, &end, 0);

		if (label >= 1 << 20 || end == s)
			return 0;
		labels[n] = htonl((uint32_t)label << MPLS_LS_LABEL_SHIFT);
		if (!*end) {
			labels[n] |= htonl(1 << MPLS_LS_S_SHIFT);
			return n + 1;
		}
		if (*end != '/')
			return 0;
		s = end + 1;
	}
	return 0;
}

/* LABEL[/LABEL...] [ttl TTL]; the cursor is on the type word. */
static int parse_mpls(struct nlreq *req, struct arg_walk *c)
{
	uint32_t labels[MPLS_MAX_LABELS], ttl;
	const char *v = walk_next(c);
	int n = mpls_pton(v, labels);
	bool ttl_ok = false;

	if (!n) {
		fprintf(stderr, "Error: mpls address is expected rather than \"%s\".\n", v);
		return EXIT_FAIL;
	}
	nlreq_put(req, MPLS_IPTUNNEL_DST, (size_t)n * sizeof(labels[0]), labels);
	while (c->argc > 1 && !strcmp(c->argv[1], "ttl")) {
		walk_next(c);
		WALK_NEXT(c, v);
		if (ttl_ok)
			return arg_garbage("ttl", v);
		ttl_ok = true;
		if (arg_u32(v, &ttl, 0) < 0 || ttl > 255)
			return arg_invalid("\"ttl\" value is invalid\n", v);
		nlreq_put_u8(req, MPLS_IPTUNNEL_TTL, (uint8_t)ttl);
	}
	return 0;
}

/* ---- ip, ip6 ------------------------------------------------------------ */

enum ip_kind { IP_ID, IP_ADDR, IP_DSFIELD, IP_U8, IP_FLAG };

/* One option of ip and ip6 (whose attributes have the same numbers): its
 * word in each, and its attribute, or its bit of the flags. */
struct ip_word {
	const char *word[2];	/* ip, ip6 */
	enum ip_kind kind;
	uint16_t attr;		/* IP_FLAG: the TUNNEL_* bit, network order */
};

#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(LWTUNNEL_IP_ID, LWTUNNEL_IP6_ID) && SAME(LWTUNNEL_IP_DST, LWTUNNEL_IP6_DST) &&
	       SAME(LWTUNNEL_IP_SRC, LWTUNNEL_IP6_SRC) && SAME(LWTUNNEL_IP_TOS, LWTUNNEL_IP6_TC) &&
	       SAME(LWTUNNEL_IP_TTL, LWTUNNEL_IP6_HOPLIMIT) &&
	       SAME(LWTUNNEL_IP_FLAGS, LWTUNNEL_IP6_FLAGS),
	       "ip and ip6 share the rows");

#define IP_WORDS 8
static const struct ip_word ip_words[IP_WORDS] = {
	{ { "id", "id" }, IP_ID, LWTUNNEL_IP_ID },
	{ { "dst", "dst" }, IP_ADDR, LWTUNNEL_IP_DST },
	{ { "src", "src" }, IP_ADDR, LWTUNNEL_IP_SRC },
	{ { "tos", "tc" }, IP_DSFIELD, LWTUNNEL_IP_TOS },
	{ { "ttl", "hoplimit" }, IP_U8, LWTUNNEL_IP_TTL },
	{ { "key", "key" }, IP_FLAG, TUNNEL_KEY },
	{ { "csum", "csum" }, IP_FLAG, TUNNEL_CSUM },
	{ { "seq", "seq" }, IP_FLAG, TUNNEL_SEQ },
};

/* "\"WORD\" value is invalid" */
static int bad_value(const char *word, const char *v)
{
	char msg[32];

	snprintf(msg, sizeof(msg), "\"%s\" value is invalid\n", word);
	return arg_invalid(msg, v);
}

static int ip_value(struct nlreq *req, const struct ip_word *w, const char *v, int family)
{
	const char *word = w->word[family == AF_INET6];
	struct inet_prefix addr;
	uint64_t id;
	uint32_t n;
	int ret;

	switch (w->kind) {
	case IP_ID:
		if (arg_u64(v, &id, 0) < 0)
			return bad_value(word, v);
		id = htobe64(id);
		nlreq_put(req, w->attr, sizeof(id), &id);
		return 0;
	case IP_ADDR:
		ret = inet_get_addr(&addr, v, family);
		if (!ret)
			nlreq_put(req, w->attr, (size_t)addr.bytelen, addr.data);
		return ret;
	case IP_DSFIELD:
		if (names_dsfield_to_id(v, &n) < 0)
			return bad_value(word, v);
		break;
	default:
		if (arg_u32(v, &n, 0) < 0 || n > 255)
			return bad_value(word, v);
	}
	nlreq_put_u8(req, w->attr, (uint8_t)n);
	return 0;
}

static const struct ip_word *ip_word_find(const char *w, int family)
{
	for (int i = 0; i < IP_WORDS; i++)
		if (!strcmp(w, ip_words[i].word[family == AF_INET6]))
			return &ip_words[i];
	return NULL;
}

/* Options up to the first word that is none, each at most once; the
 * cursor starts on the type word and ends on the last word taken. */
static int parse_ip(struct nlreq *req, struct arg_walk *c, int family)
{
	const struct ip_word *w;
	unsigned int seen = 0;
	uint16_t flags = 0;
	const char *v;
	int ret;

	while (c->argc > 1 && (w = ip_word_find(c->argv[1], family))) {
		v = walk_next(c);
		if (w->kind != IP_FLAG)
			WALK_NEXT(c, v);
		if (seen & 1u << (w - ip_words))
			return arg_garbage(w->word[family == AF_INET6], v);
		seen |= 1u << (w - ip_words);
		if (w->kind == IP_FLAG)
			flags |= w->attr;
		else if ((ret = ip_value(req, w, v, family)))
			return ret;
	}
	if (flags)
		nlreq_put_u16(req, LWTUNNEL_IP_FLAGS, flags);
	return 0;
}

int lwt_parse(struct nlreq *req, struct arg_walk *c, uint16_t encap_attr, uint16_t type_attr)
{
	struct nlattr *nest;
	const char *v;
	int type = 0, ret;

	WALK_NEXT(c, v);
	for (int i = 1; i < ENCAP_TYPES; i++)
		if (!strcmp(v, encap_names[i]))
			type = i;
	if (!strcmp(v, "help"))
		return encap_usage();
	if (!type)
		return arg_invalid("\"encap type\" value is invalid\n", v);
	if (c->argc <= 1)
		return arg_incomplete();
	if (c->argc <= 2) {
		fprintf(stderr, "Error: unexpected end of line after \"encap\"\n");
		return EXIT_USAGE;
	}
	nest = nlreq_nest_start(req, encap_attr);
	switch (type) {
	case LWTUNNEL_ENCAP_MPLS:
		ret = parse_mpls(req, c);
		break;
	case LWTUNNEL_ENCAP_IP:
	case LWTUNNEL_ENCAP_IP6:
		ret = parse_ip(req, c, type == LWTUNNEL_ENCAP_IP ? AF_INET : AF_INET6);
		break;
	default:
		fprintf(stderr, "Error: encap %s is not implemented in ipbox\n", encap_names[type]);
		ret = EXIT_USAGE;
	}
	if (ret)
		return ret;
	nlreq_nest_end(req, nest);
	nlreq_put_u16(req, type_attr, (uint16_t)type);
	return 0;
}

/* ---- printing ------------------------------------------------------------ */

static void print_mpls(struct printer *p, const struct nlattr *encap)
{
	const struct nlattr *tb[MPLS_IPTUNNEL_MAX + 1];
	static const enum mnl_attr_data_type policy[MPLS_IPTUNNEL_MAX + 1] = {
		[MPLS_IPTUNNEL_TTL] = MNL_TYPE_U8,
	};
	char buf[MPLS_MAX_LABELS * 8 + 1];

	attr_parse_nested(tb, MPLS_IPTUNNEL_MAX, policy, encap);
	if (tb[MPLS_IPTUNNEL_DST]) {
		const uint8_t *d = mnl_attr_get_payload(tb[MPLS_IPTUNNEL_DST]);
		size_t n = mnl_attr_get_payload_len(tb[MPLS_IPTUNNEL_DST]) / 4, len = 0;

		buf[0] = '\0';
		for (size_t i = 0; i < n && i < MPLS_MAX_LABELS; i++) {
			uint32_t entry;

			memcpy(&entry, d + 4 * i, 4);
			entry = ntohl(entry);
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%u", i ? "/" : "",
						(entry & MPLS_LS_LABEL_MASK) >> MPLS_LS_LABEL_SHIFT);
			if (entry & MPLS_LS_S_MASK)
				break;
		}
		print_string(p, PRINT_ANY, "dst", " %s ", buf);
	}
	if (tb[MPLS_IPTUNNEL_TTL])
		print_uint(p, PRINT_ANY, "ttl", "ttl %u ", mnl_attr_get_u8(tb[MPLS_IPTUNNEL_TTL]));
}

/* The attributes of ip and ip6 share their order: id, dst, src, ttl or
 * hoplimit, tos or tc, flags. */
static void print_ip(struct printer *p, const struct nlattr *encap, int family)
{
	const struct nlattr *tb[LWTUNNEL_IP_MAX + 1];
	static const enum mnl_attr_data_type policy[LWTUNNEL_IP_MAX + 1] = {
		[LWTUNNEL_IP_ID] = MNL_TYPE_U64, [LWTUNNEL_IP_TTL] = MNL_TYPE_U8,
		[LWTUNNEL_IP_TOS] = MNL_TYPE_U8, [LWTUNNEL_IP_FLAGS] = MNL_TYPE_U16,
	};
	enum pcolor color = family == AF_INET ? COLOR_INET : COLOR_INET6;
	int bytes = inet_family_bits(family) / 8;
	char buf[INET_STRLEN];

	attr_parse_nested(tb, LWTUNNEL_IP_MAX, policy, encap);
	if (tb[LWTUNNEL_IP_ID])
		print_u64(p, PRINT_ANY, "id", "id %" PRIu64 " ", be64toh(mnl_attr_get_u64(tb[LWTUNNEL_IP_ID])));
	for (int a = LWTUNNEL_IP_SRC; a >= LWTUNNEL_IP_DST; a--) {
		const char *key = a == LWTUNNEL_IP_SRC ? "src" : "dst";
		char fmt[16];

		if (!tb[a])
			continue;
		if (mnl_attr_get_payload_len(tb[a]) < bytes)
			strcpy(buf, "???");
		else
			inet_ntop_raw(family, mnl_attr_get_payload(tb[a]), buf);
		snprintf(fmt, sizeof(fmt), "%s %%s ", key);
		print_color_string(p, PRINT_ANY, color, key, fmt, buf);
	}
	if (tb[LWTUNNEL_IP_TTL])
		print_uint(p, PRINT_ANY, ip_words[4].word[family == AF_INET6], family == AF_INET ? "ttl %u " : "hoplimit %u ",
			   mnl_attr_get_u8(tb[LWTUNNEL_IP_TTL]));
	if (tb[LWTUNNEL_IP_TOS])
		print_uint(p, PRINT_ANY, ip_words[3].word[family == AF_INET6], family == AF_INET ? "tos %d " : "tc %u ",
			   mnl_attr_get_u8(tb[LWTUNNEL_IP_TOS]));
	if (tb[LWTUNNEL_IP_FLAGS]) {
		uint16_t flags = mnl_attr_get_u16(tb[LWTUNNEL_IP_FLAGS]);

		for (int i = 5; i < IP_WORDS; i++) {
			char fmt[16];

			snprintf(fmt, sizeof(fmt), "%s ", ip_words[i].word[0]);
			if (flags & ip_words[i].attr)
				print_bool(p, PRINT_ANY, ip_words[i].word[0], fmt, true);
		}
	}
}

void lwt_print(struct printer *p, const struct nlattr *type, const struct nlattr *encap)
{
	unsigned int et;

	if (!type || mnl_attr_get_payload_len(type) < sizeof(uint16_t))
		return;
	et = mnl_attr_get_u16(type);
	print_string(p, PRINT_ANY, "encap", " encap %s ", encap_name(et));
	if (!encap)
		return;
	switch (et) {
	case LWTUNNEL_ENCAP_MPLS:
		print_mpls(p, encap);
		break;
	case LWTUNNEL_ENCAP_IP:
	case LWTUNNEL_ENCAP_IP6:
		print_ip(p, encap, et == LWTUNNEL_ENCAP_IP ? AF_INET : AF_INET6);
		break;
	}
}
