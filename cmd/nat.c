/* ip nat: masquerade, SNAT and port forwarding (DNAT) in nftables.
 *
 * A rule is written as words (`masquerade src 192.168.1.0/24 oif eth0`),
 * parsed by one keyword table into struct nat_rule, and handed to nat/.
 * The same table prints a rule back in canonical words; those words are
 * also stored as the rule's nft comment, so `nat show` recognises ipbox's
 * own rules by reading the comment back through the parser and checking
 * that the rule is exactly what those words would build. */
#include "nat.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../args/inet.h"
#include "../caps/caps.h"
#include "../netlink/ifname.h"
#include "words.h"

static int nat_usage(void)
{
	fprintf(stderr,
		"Usage: ip nat { add | replace | del } RULE [ handle N ] [ incomplete ]\n"
		"       ip nat del handle N\n"
		"       ip nat { show | list }\n"
		"       ip nat flush    (deletes table inet ipbox, every rule in it)\n"
		"       ip nat forward [ on | off ]    (IPv4 and IPv6, or the -4/-6 one)\n"
		"       ip nat help\n"
		"RULE := masquerade [ MATCH ] [ oif DEV ] [ to-ports PORTS ] [ FLAGS ]\n"
		"        snat [ MATCH ] [ oif DEV ] [ sport PORTS ] [ dport PORTS ] to TARGET [ FLAGS ]\n"
		"        dnat [ iif DEV ] [ MATCH ] proto { tcp | udp } dport PORTS to TARGET [ FLAGS ]\n"
		"MATCH := [ family { inet | inet6 } ] [ src PREFIX ] [ dst PREFIX ] [ proto PROTO ]\n"
		"PROTO := { tcp | udp | icmp | icmpv6 | NUMBER }\n"
		"PORTS := PORT[-PORT]\n"
		"TARGET := ADDR[-ADDR][:PORTS] | [IPV6ADDR][-[IPV6ADDR]][:PORTS]\n"
		"FLAGS := [ random ] [ fully-random ] [ persistent ]\n"
		"Interfaces match by name and need not exist yet.  dnat applies to\n"
		"forwarded traffic and to the host's own (a twin nft rule: one rule);\n"
		"without dst, to what is addressed to the host itself (its loopback\n"
		"aside); with iif, only to what comes in by DEV (none of the host's own).\n"
		"show prints each rule in these words followed by `handle N`, and\n"
		"`incomplete` if some of its nft rules are gone (add and replace ignore\n"
		"both; del deletes the first rule of its words, or the rule of its\n"
		"handle, whole; replace makes an incomplete rule whole); -s adds\n"
		"packets and bytes, -j gives objects keyed by these words.\n"
		"Rules ipbox did not write show as `unknown rule handle N`.  A rule's\n"
		"words must fit in 128 characters (they are its nft comment).\n");
	return EXIT_USAGE;
}

/* ---- words -> struct nat_rule ------------------------------------- */

static int __attribute__((format(printf, 2, 3))) bad(const struct nat_req *q, const char *fmt, ...)
{
	va_list ap;

	if (q->quiet)
		return EXIT_USAGE;
	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	return EXIT_USAGE;
}

static const struct { const char *name; int num; } protos[] = {
	{ "tcp", 6 }, { "udp", 17 }, { "icmp", 1 }, { "icmpv6", 58 },
};

static const char *const kind_names[] = {
	[NAT_MASQUERADE] = "masquerade", [NAT_SNAT] = "snat", [NAT_DNAT] = "dnat",
};

/* An address as every ip object reads one (args/inet: "10.1" and octal
 * or hex parts too); the words default/any/all are no address here. */
static int addr_parse(const char *s, struct nat_addr *a)
{
	struct inet_prefix p;

	memset(a, 0, sizeof(*a));
	if (inet_parse_addr(&p, s, AF_UNSPEC) < 0 || p.any)
		return -1;
	a->family = p.family;
	a->plen = (uint8_t)p.bitlen;
	memcpy(a->a, p.data, (size_t)p.bytelen);
	return 0;
}

/* ADDR[/LEN], host bits cleared so equal prefixes read the same. */
static int prefix_parse(const char *s, struct nat_addr *a)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	uint32_t len;

	if (snprintf(buf, sizeof(buf), "%s", s) >= (int)sizeof(buf))
		return -1;
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	if (addr_parse(buf, a) < 0)
		return -1;
	if (slash) {
		if (arg_u32(slash, &len, 10) < 0 || len > a->plen)
			return -1;
		a->plen = (uint8_t)len;
	}
	for (unsigned int bit = a->plen; bit < (a->family == AF_INET ? 32u : 128u); bit++)
		a->a[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
	return 0;
}

static int ports_parse(const char *s, struct nat_ports *p)
{
	char buf[16];
	char *dash;
	uint32_t min, max;

	if (snprintf(buf, sizeof(buf), "%s", s) >= (int)sizeof(buf))
		return -1;
	dash = strchr(buf, '-');
	if (dash)
		*dash++ = '\0';
	if (arg_u32(buf, &min, 10) < 0 || (dash && arg_u32(dash, &max, 10) < 0))
		return -1;
	if (!dash)
		max = min;
	if (min < 1 || max > 65535 || min > max)
		return -1;
	p->min = (uint16_t)min;
	p->max = (uint16_t)max;
	return 0;
}

/* Split TARGET into its address part and ports ("" when none): IPv6
 * addresses take ports only inside brackets, as in URLs. */
static int target_split(char *s, char **addrs, char **ports)
{
	char *colon;

	*ports = "";
	if (*s == '[') {
		char *end = strrchr(s, ']');

		if (!end || (end[1] && end[1] != ':'))
			return -1;
		if (end[1])
			*ports = end + 2;
		*end = '\0';
		*addrs = s + 1;
		return 0;
	}
	*addrs = s;
	colon = strchr(s, ':');
	if (colon && !strchr(colon + 1, ':')) {	/* one colon: IPv4:PORTS */
		*colon = '\0';
		*ports = colon + 1;
	}
	return 0;
}

static int target_parse(const char *s, struct nat_rule *r)
{
	char buf[2 * INET6_ADDRSTRLEN + 24];
	char *addrs, *ports, *dash;

	if (snprintf(buf, sizeof(buf), "%s", s) >= (int)sizeof(buf) ||
	    target_split(buf, &addrs, &ports) < 0)
		return -1;
	dash = strchr(addrs, '-');
	if (dash)
		*dash++ = '\0';
	/* "[a]-[b]": the brackets of the middle were left in place. */
	if (dash && dash[0] == '[' && *addrs && addrs[strlen(addrs) - 1] == ']')
		addrs[strlen(addrs) - 1] = '\0', dash++;
	if (addr_parse(addrs, &r->to_min) < 0 || addr_parse(dash ? dash : addrs, &r->to_max) < 0)
		return -1;
	if (r->to_min.family != r->to_max.family ||
	    memcmp(r->to_min.a, r->to_max.a, sizeof(r->to_min.a)) > 0)
		return -1;
	return *ports ? ports_parse(ports, &r->to_ports) : 0;
}

struct keyword;
typedef int (*setter)(struct nat_req *q, const struct keyword *k, const char *val);
typedef bool (*formatter)(const struct nat_rule *r, const struct keyword *k, char *buf, size_t n);

#define K(kind) (1u << (kind))
#define ALL (K(NAT_MASQUERADE) | K(NAT_SNAT) | K(NAT_DNAT))

/* One row per keyword, in the order rules are printed. */
static const struct keyword {
	const char *word;
	bool value;		/* takes a value */
	unsigned int kinds;	/* rule kinds that accept it */
	setter set;
	formatter fmt;		/* NULL: not part of a rule's words */
	size_t off;		/* field in struct nat_rule */
	unsigned int flag;	/* NAT_F_* */
	const char *what;	/* the value, for errors */
} keywords[];

static int set_family(struct nat_req *q, const struct keyword *k, const char *val)
{
	(void)k;
	q->r.family = !strcmp(val, "inet") ? AF_INET : !strcmp(val, "inet6") ? AF_INET6 : -1;
	return q->r.family < 0 ? -1 : 0;
}

static int set_prefix(struct nat_req *q, const struct keyword *k, const char *val)
{
	return prefix_parse(val, (struct nat_addr *)((char *)&q->r + k->off));
}

static int set_ifname(struct nat_req *q, const struct keyword *k, const char *val)
{
	if (!ifname_valid(val))
		return -1;
	strcpy((char *)&q->r + k->off, val);
	return 0;
}

static int set_proto(struct nat_req *q, const struct keyword *k, const char *val)
{
	uint32_t n;

	(void)k;
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (!strcmp(val, protos[i].name))
			return q->r.proto = protos[i].num, 0;
	if (arg_u32(val, &n, 10) < 0 || n > 255)
		return -1;
	q->r.proto = (int)n;
	return 0;
}

static int set_ports(struct nat_req *q, const struct keyword *k, const char *val)
{
	return ports_parse(val, (struct nat_ports *)((char *)&q->r + k->off));
}

static int set_to(struct nat_req *q, const struct keyword *k, const char *val)
{
	(void)k;
	return target_parse(val, &q->r);
}

static int set_flag(struct nat_req *q, const struct keyword *k, const char *val)
{
	(void)val;
	q->r.flags |= k->flag;
	return 0;
}

static int set_handle(struct nat_req *q, const struct keyword *k, const char *val)
{
	uint32_t h;

	(void)k;
	if (arg_u32(val, &h, 10) < 0 || h == 0)
		return -1;
	q->handle = h;
	q->has_handle = true;
	return 0;
}

/* ---- struct nat_rule -> words -------------------------------------- */

static void addr_str(const struct nat_addr *a, char *buf, size_t n)
{
	inet_ntop(a->family, a->a, buf, (socklen_t)n);
}

/* Only when no address tells the family already. */
static bool fmt_family(const struct nat_rule *r, const struct keyword *k, char *buf, size_t n)
{
	(void)k;
	if (r->family == AF_UNSPEC || r->src.family || r->dst.family || r->to_min.family)
		return false;
	snprintf(buf, n, "%s", r->family == AF_INET ? "inet" : "inet6");
	return true;
}

static bool fmt_prefix(const struct nat_rule *r, const struct keyword *k, char *buf, size_t n)
{
	const struct nat_addr *a = (const void *)((const char *)r + k->off);
	size_t len;

	if (!a->family)
		return false;
	addr_str(a, buf, n);
	len = strlen(buf);
	if (a->plen != (a->family == AF_INET ? 32 : 128))
		snprintf(buf + len, n - len, "/%u", a->plen);
	return true;
}

static bool fmt_ifname(const struct nat_rule *r, const struct keyword *k, char *buf, size_t n)
{
	const char *name = (const char *)r + k->off;

	snprintf(buf, n, "%s", name);
	return *name;
}

static bool fmt_proto(const struct nat_rule *r, const struct keyword *k, char *buf, size_t n)
{
	(void)k;
	if (r->proto < 0)
		return false;
	snprintf(buf, n, "%d", r->proto);
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (protos[i].num == r->proto)
			snprintf(buf, n, "%s", protos[i].name);
	return true;
}

static bool ports_str(const struct nat_ports *p, char *buf, size_t n)
{
	if (!p->min)
		return false;
	if (p->min == p->max)
		snprintf(buf, n, "%u", p->min);
	else
		snprintf(buf, n, "%u-%u", p->min, p->max);
	return true;
}

static bool fmt_ports(const struct nat_rule *r, const struct keyword *k, char *buf, size_t n)
{
	return ports_str((const void *)((const char *)r + k->off), buf, n);
}

static bool fmt_to(const struct nat_rule *r, const struct keyword *k, char *buf, size_t n)
{
	char min[INET6_ADDRSTRLEN], max[INET6_ADDRSTRLEN], ports[16];
	bool v6 = r->to_min.family == AF_INET6;
	bool has_ports = ports_str(&r->to_ports, ports, sizeof(ports));
	const char *l = v6 && has_ports ? "[" : "", *rb = v6 && has_ports ? "]" : "";

	(void)k;
	if (!r->to_min.family)
		return false;
	addr_str(&r->to_min, min, sizeof(min));
	addr_str(&r->to_max, max, sizeof(max));
	if (strcmp(min, max))
		snprintf(buf, n, "%s%s%s-%s%s%s%s%s", l, min, rb, l, max, rb,
			 has_ports ? ":" : "", has_ports ? ports : "");
	else
		snprintf(buf, n, "%s%s%s%s%s", l, min, rb, has_ports ? ":" : "", has_ports ? ports : "");
	return true;
}

static bool fmt_flag(const struct nat_rule *r, const struct keyword *k, char *buf, size_t n)
{
	(void)n;
	buf[0] = '\0';
	return r->flags & k->flag;
}

#define AT(field) offsetof(struct nat_rule, field)

static const struct keyword keywords[] = {
	{ "family", true, ALL, set_family, fmt_family, 0, 0, "inet or inet6" },
	{ "src", true, ALL, set_prefix, fmt_prefix, AT(src), 0, "an address or prefix" },
	{ "dst", true, ALL, set_prefix, fmt_prefix, AT(dst), 0, "an address or prefix" },
	{ "iif", true, K(NAT_DNAT), set_ifname, fmt_ifname, AT(iif), 0, "an interface name" },
	{ "oif", true, K(NAT_MASQUERADE) | K(NAT_SNAT), set_ifname, fmt_ifname, AT(oif), 0,
	  "an interface name" },
	{ "proto", true, ALL, set_proto, fmt_proto, 0, 0, "tcp, udp, icmp, icmpv6 or 0-255" },
	{ "sport", true, K(NAT_SNAT), set_ports, fmt_ports, AT(sport), 0, "PORT[-PORT], 1-65535" },
	{ "dport", true, K(NAT_SNAT) | K(NAT_DNAT), set_ports, fmt_ports, AT(dport), 0,
	  "PORT[-PORT], 1-65535" },
	{ "to", true, K(NAT_SNAT) | K(NAT_DNAT), set_to, fmt_to, 0, 0,
	  "ADDR[-ADDR][:PORT[-PORT]], IPv6 in brackets with ports" },
	{ "to-ports", true, K(NAT_MASQUERADE), set_ports, fmt_ports, AT(to_ports), 0,
	  "PORT[-PORT], 1-65535" },
	{ "random", false, ALL, set_flag, fmt_flag, 0, NAT_F_RANDOM, NULL },
	{ "fully-random", false, ALL, set_flag, fmt_flag, 0, NAT_F_FULLY_RANDOM, NULL },
	{ "persistent", false, ALL, set_flag, fmt_flag, 0, NAT_F_PERSISTENT, NULL },
	{ "handle", true, ALL, set_handle, NULL, 0, 0, "a rule handle" },
	/* show's mark of a rule whose nft rules are not all there: pasted
	 * back, it changes nothing */
	{ "incomplete", false, ALL, set_flag, NULL, 0, 0, NULL },
	{ NULL, false, 0, NULL, NULL, 0, 0, NULL },
};

/* Keywords are whole words: nat is new, no abbreviations to keep. */
static const struct keyword *keyword_find(const char *word)
{
	for (const struct keyword *k = keywords; k->word; k++)
		if (!strcmp(k->word, word))
			return k;
	return NULL;
}

/* Call word(key, value) for each word of r, value NULL for flags. */
static void rule_words(const struct nat_rule *r, void (*word)(const char *key, const char *val, void *data),
		       void *data)
{
	char val[2 * INET6_ADDRSTRLEN + 24];

	for (const struct keyword *k = keywords; k->word; k++)
		if (k->fmt && (k->kinds & K(r->kind)) && k->fmt(r, k, val, sizeof(val)))
			word(k->word, k->value ? val : NULL, data);
}

static void tag_word(const char *key, const char *val, void *data)
{
	struct nat_tag *t = data;
	int n;

	if (t->len >= sizeof(t->s))
		return;		/* too long already: rule_tag says so */
	n = snprintf(t->s + t->len, sizeof(t->s) - t->len, " %s%s%s", key, val ? " " : "", val ? val : "");

	t->len += n > 0 ? (size_t)n : 0;
}

/* The canonical words of r: its nft comment.  -1 when too long. */
static int rule_tag(const struct nat_rule *r, struct nat_tag *t)
{
	t->len = (size_t)snprintf(t->s, sizeof(t->s), "%s", kind_names[r->kind]);
	rule_words(r, tag_word, t);
	return t->len < sizeof(t->s) ? 0 : -1;
}

/* ---- parsing a whole rule ------------------------------------------ */

static int kind_parse(struct nat_req *q, const char *word)
{
	for (int i = 0; i <= NAT_DNAT; i++)
		if (matches(word, kind_names[i]))
			return q->r.kind = i, 0;
	return bad(q, "\"%s\" is not a nat rule type: masquerade, snat or dnat.", word);
}

static int keyword_apply(struct nat_req *q, const struct keyword *k, const char *val)
{
	unsigned int bit = 1u << (k - keywords);

	if (!(k->kinds & K(q->r.kind)))
		return bad(q, "\"%s\" does not apply to %s.", k->word, kind_names[q->r.kind]);
	if (q->seen & bit)
		return bad(q, "\"%s\" is given twice.", k->word);
	q->seen |= bit;
	if (k->value && !val)
		return bad(q, "\"%s\" needs a value: %s.", k->word, k->what);
	if (k->set(q, k, val) < 0)
		return bad(q, "\"%s %s\": expected %s.", k->word, val, k->what);
	return 0;
}

/* The family of the rule: -4/-6, family, and every address must agree. */
static int family_settle(struct nat_req *q, int global)
{
	const struct nat_addr *addrs[] = { &q->r.src, &q->r.dst, &q->r.to_min };
	int fam = q->r.family;

	if (global == AF_INET || global == AF_INET6) {
		if (fam && fam != global)
			return bad(q, "family conflicts with the -4/-6 option.");
		fam = global;
	} else if (global != AF_UNSPEC) {
		return bad(q, "nat rules are for inet or inet6 only.");
	}
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		if (!addrs[i]->family)
			continue;
		if (fam && fam != addrs[i]->family)
			return bad(q, "IPv4 and IPv6 mixed in one rule.");
		fam = addrs[i]->family;
	}
	q->r.family = fam;
	return 0;
}

static int rule_check(struct nat_req *q)
{
	const struct nat_rule *r = &q->r;
	bool ports = r->sport.min || r->dport.min || r->to_ports.min;

	if (ports && r->proto != 6 && r->proto != 17)
		return bad(q, "ports need proto tcp or udp.");
	if (r->kind == NAT_DNAT && !r->dport.min)
		return bad(q, "dnat needs proto tcp|udp and dport.");
	if (r->kind != NAT_MASQUERADE && !r->to_min.family)
		return bad(q, "%s needs \"to\".", kind_names[r->kind]);
	if (r->proto == 1 && r->family == AF_INET6)
		return bad(q, "proto icmp is IPv4's: use icmpv6.");
	return 0;
}

/* argv: KIND WORDS... [handle N].  With only_handle, `handle N` alone is
 * a whole request (del). */
static int rule_parse(struct nat_req *q, int family, bool only_handle, int argc, char **argv)
{
	int ret;

	*q = (struct nat_req){ .quiet = q->quiet, .r.proto = -1 };
	if (argc < 1)
		return bad(q, "a nat rule is missing; try \"ip nat help\".");
	if (only_handle && !strcmp(argv[0], "handle")) {
		if (argc > 2)
			return bad(q, "\"del handle N\" takes nothing else.");
		return keyword_apply(q, keyword_find("handle"), argc > 1 ? argv[1] : NULL);
	}
	q->has_rule = true;
	ret = kind_parse(q, argv[0]);
	for (argc--, argv++; !ret && argc > 0; argc--, argv++) {
		const struct keyword *k = keyword_find(*argv);

		if (!k)
			return bad(q, "unknown keyword \"%s\"; try \"ip nat help\".", *argv);
		/* argv need not end in NULL: a comment read back is split
		 * into a fixed array. */
		ret = keyword_apply(q, k, k->value && argc > 1 ? argv[1] : NULL);
		if (k->value && argc > 1)
			argc--, argv++;
	}
	if (ret)
		return ret;
	ret = family_settle(q, family);
	return ret ? ret : rule_check(q);
}

/* ---- recognising our rules ------------------------------------------ */

bool nat_recognise(const char *tag, struct nat_rule *r, void *data)
{
	struct nat_req q = { .quiet = true };
	char words[NAT_TAG_MAX], *argv[32], *save = NULL;
	struct nat_tag canon;
	int argc = 0;

	(void)data;
	if (snprintf(words, sizeof(words), "%s", tag) >= (int)sizeof(words))
		return false;
	for (char *w = strtok_r(words, " ", &save); w && argc < 32; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	if (rule_parse(&q, AF_UNSPEC, false, argc, argv) || q.has_handle ||
	    rule_tag(&q.r, &canon) < 0 || strcmp(canon.s, tag))
		return false;
	*r = q.r;
	return true;
}

/* ---- session ------------------------------------------------------- */

static int session_open(struct nat_session *s, const char *verb)
{
	char what[32];

	snprintf(what, sizeof(what), "nat %s", verb);
	if (caps_require(CAP_NET_ADMIN, what) < 0)
		return EXIT_FAIL;
	if (nat_open(s) < 0) {
		fprintf(stderr, "Error: cannot open nftables: %s.\n", strerror(errno));
		return EXIT_FAIL;
	}
	return 0;
}

static int session_fail(struct nat_session *s)
{
	nat_perror(s);
	nat_close(s);
	return EXIT_KERNEL;
}

/* ---- show ---------------------------------------------------------- */

static void print_word(const char *key, const char *val, void *data)
{
	struct printer *p = data;

	if (!val) {
		print_bool(p, PRINT_JSON, key, NULL, true);
		print_text(p, " %s", key);
		return;
	}
	print_text(p, " %s ", key);
	print_string(p, PRINT_ANY, key, "%s", val);
}

/* The words of a tag nat_recognise took (canonical: each keyword known,
 * each value after its keyword), as rule_words gives them. */
static void print_tag(struct printer *p, const char *tag)
{
	char words[NAT_TAG_MAX], *save = NULL, *w;
	const struct keyword *k;

	snprintf(words, sizeof(words), "%s", tag);
	w = strtok_r(words, " ", &save);
	print_string(p, PRINT_ANY, "type", "%s", w);
	while ((w = strtok_r(NULL, " ", &save)) && (k = keyword_find(w)))
		print_word(k->word, k->value ? strtok_r(NULL, " ", &save) : NULL, p);
}

/* One object: its words and handle; `incomplete` when some of its nft
 * rules are missing (deleted by another tool): show never pretends. */
static void show_object(struct printer *p, int stats, const struct nat_object *o)
{
	print_open_object(p, NULL);
	print_u64(p, PRINT_JSON, "handle", NULL, o->handle);
	if (o->tag) {
		print_tag(p, o->tag);	/* read back by nat_recognise */
	} else {
		print_string(p, PRINT_ANY, "type", "%s rule", "unknown");
	}
	print_u64(p, PRINT_FP, NULL, " handle %" PRIu64, o->handle);
	if (!o->complete)
		print_word("incomplete", NULL, p);
	if (stats) {
		print_u64(p, PRINT_ANY, "packets", " packets %" PRIu64, o->packets);
		print_u64(p, PRINT_ANY, "bytes", " bytes %" PRIu64, o->bytes);
	}
	print_text(p, "\n");
	print_close_object(p);
}

static int nat_show(struct ipbox *ib, int argc, char **argv)
{
	struct nat_session s;
	struct nat_index *ix;
	struct nat_object o;
	int ret;

	(void)argv;
	if (argc > 0)
		return nat_usage();
	ret = session_open(&s, "show");
	if (ret)
		return ret;
	ix = nat_index_new();
	print_doc_begin(ib->pr);
	if (!ix) {
		s.nl.error = ENOMEM;
		ret = -1;
	} else {
		ret = nat_index_read(ix, &s, nat_recognise, NULL);
	}
	for (uint32_t i = 0; ret == 0 && i < nat_index_count(ix); i++)
		if (nat_index_get(ix, i, &o))
			show_object(ib->pr, ib->stats, &o);
	print_doc_end(ib->pr);	/* -j output stays a valid document */
	nat_index_free(ix);
	if (ret < 0)
		return session_fail(&s);
	nat_close(&s);
	return EXIT_OK;
}

/* As nft, a name that matches no interface yet is fine, but say so. */
static void warn_ifname(struct nat_seen *sn, const char *name)
{
	if (!*name || !strcmp(name, sn->ifname))
		return;
	if (if_nametoindex(name))
		strcpy(sn->ifname, name);
	else
		fprintf(stderr, "Warning: interface \"%s\" does not exist (yet).\n", name);
}

/* Once per command: nat rules are of little use to a host that does not
 * forward. */
static void warn_forwarding(struct nat_seen *sn, int family)
{
	bool v4_off, v6_off;

	if (!sn->forward_read) {
		sn->forward[0] = nat_forward_get(AF_INET);
		sn->forward[1] = nat_forward_get(AF_INET6);
		sn->forward_read = true;
	}
	v4_off = family != AF_INET6 && sn->forward[0] == 0;
	v6_off = family != AF_INET && sn->forward[1] == 0;
	if (v4_off || v6_off)
		fprintf(stderr, "Warning: %s forwarding is off; \"ip nat forward on\" turns it on.\n",
			v4_off && v6_off ? "IPv4 and IPv6" : v4_off ? "IPv4" : "IPv6");
}

/* Parse a rule and its canonical words; prints the error. */
static int request_parse(struct ipbox *ib, bool only_handle, int argc, char **argv,
			 struct nat_req *q, struct nat_tag *t)
{
	int ret = rule_parse(q, ib->family, only_handle, argc, argv);

	if (ret)
		return ret;
	if (!q->has_rule)
		return 0;
	if (rule_tag(&q->r, t) < 0)
		return bad(q, "rule too long: its words must fit in %d characters.", NAT_TAG_MAX - 1);
	return 0;
}

/* ---- add, replace, del ---------------------------------------------- */

static const char *const op_names[] = { [OP_ADD] = "add", [OP_REPLACE] = "replace", [OP_DEL] = "del" };

int nat_change_parse(struct ipbox *ib, enum nat_op op, bool quiet, int argc, char **argv,
		     struct nat_change *c)
{
	int ret;

	*c = (struct nat_change){ .op = op, .q.quiet = quiet };
	ret = request_parse(ib, op == OP_DEL, argc, argv, &c->q, &c->t);
	if (ret)
		return ret;
	if (op != OP_DEL)
		c->q.has_handle = false;	/* show's `handle N`, pasted back */
	return 0;
}

void nat_change_warn(struct nat_seen *sn, const struct nat_change *c)
{
	if (c->op == OP_DEL)
		return;
	warn_ifname(sn, c->q.r.iif);
	warn_ifname(sn, c->q.r.oif);
	warn_forwarding(sn, c->q.r.family);
}

/* The object del names: by handle (then it must have these words, if
 * any were given), or the first with these words. */
static int del_target(const struct nat_index *ix, const struct nat_change *c, uint32_t *id)
{
	struct nat_object o;

	if (!c->q.has_handle) {
		*id = nat_index_by_words(ix, c->t.s);
		if (*id == NAT_NONE)
			return PLAN_NO_RULE;
		nat_index_get(ix, *id, &o);
		return o.queued ? PLAN_QUEUED : 0;
	}
	*id = nat_index_by_handle(ix, c->q.handle);
	if (*id == NAT_NONE)
		return PLAN_NO_RULE;
	nat_index_get(ix, *id, &o);
	if (c->q.has_rule && (!o.tag || strcmp(o.tag, c->t.s)))
		return PLAN_MISMATCH;
	return 0;
}

/* replace: nothing if the rule is there whole; else its incomplete
 * remains (if any) go and it is added. */
static void replace_plan(struct nat_index *ix, const struct nat_change *c, struct nat_txn *t)
{
	struct nat_object o;
	uint32_t id;

	for (id = nat_index_by_words(ix, c->t.s); id != NAT_NONE; id = nat_index_next_words(ix, id))
		if (nat_index_get(ix, id, &o) && o.complete)
			return;
	for (id = nat_index_by_words(ix, c->t.s); id != NAT_NONE; id = nat_index_next_words(ix, id))
		nat_index_delete(ix, id, t);
	nat_index_add(ix, &c->q.r, c->t.s, t);
}

int nat_change_plan(struct nat_index *ix, const struct nat_change *c, struct nat_txn *t)
{
	uint32_t id;
	int ret;

	switch (c->op) {
	case OP_ADD:
		nat_index_add(ix, &c->q.r, c->t.s, t);
		return 0;
	case OP_REPLACE:
		replace_plan(ix, c, t);
		return 0;
	case OP_DEL:
		ret = del_target(ix, c, &id);
		if (!ret)
			nat_index_delete(ix, id, t);
		return ret;
	}
	return PLAN_NO_RULE;
}

struct attempt {
	struct nat_change *c;
	struct nat_index *ix;
};

/* One round of a change on its own: look (replace, del), decide, commit.
 * replace's add and del are checked against the ruleset they looked at,
 * so racing replaces still add a rule once. */
static int change_try(struct nat_session *s, void *data)
{
	struct attempt *a = data;
	struct nat_txn t;
	int ret;

	if (a->c->op == OP_ADD)
		return nat_add(s, &a->c->q.r, a->c->t.s, false);
	if (nat_index_read(a->ix, s, nat_recognise, NULL) < 0)
		return -1;
	nat_txn_init(&t, s);
	ret = nat_change_plan(a->ix, a->c, &t);
	if (ret) {
		nat_txn_free(&t);
		return ret;
	}
	return nat_txn_commit(&t, true);
}

int nat_change_apply(struct nat_session *s, struct nat_index *ix, struct nat_change *c)
{
	struct attempt a = { c, ix };
	int ret = nat_retry(s, change_try, &a);

	if (ret > 0) {
		fprintf(stderr, "Error: %s.\n", ret == PLAN_MISMATCH ? "the rule with that handle is not that rule"
								 : "no such nat rule");
		return EXIT_FAIL;
	}
	if (ret < 0) {
		nat_perror(s);
		return EXIT_KERNEL;
	}
	return EXIT_OK;
}

static int nat_change(struct ipbox *ib, enum nat_op op, int argc, char **argv)
{
	struct nat_session s;
	struct nat_seen sn = { .forward_read = false };
	struct nat_change c;
	struct nat_index *ix;
	int ret = nat_change_parse(ib, op, false, argc, argv, &c);

	if (ret)
		return ret;
	ret = session_open(&s, op_names[op]);
	if (ret)
		return ret;
	ix = nat_index_new();
	if (!ix) {
		s.nl.error = ENOMEM;
		return session_fail(&s);
	}
	nat_change_warn(&sn, &c);
	ret = nat_change_apply(&s, ix, &c);
	nat_index_free(ix);
	nat_close(&s);
	return ret;
}

static int nat_add_cmd(struct ipbox *ib, int argc, char **argv)
{
	return nat_change(ib, OP_ADD, argc, argv);
}

static int nat_replace(struct ipbox *ib, int argc, char **argv)
{
	return nat_change(ib, OP_REPLACE, argc, argv);
}

static int nat_del(struct ipbox *ib, int argc, char **argv)
{
	return nat_change(ib, OP_DEL, argc, argv);
}

/* ---- flush --------------------------------------------------------- */

static int nat_flush_cmd(struct ipbox *ib, int argc, char **argv)
{
	struct nat_session s;
	int ret;

	(void)ib, (void)argv;
	if (argc > 0)
		return nat_usage();
	ret = session_open(&s, "flush");
	if (ret)
		return ret;
	if (nat_flush(&s) < 0)
		return session_fail(&s);
	nat_close(&s);
	return EXIT_OK;
}

/* ---- forward ------------------------------------------------------- */

static const struct { int family; const char *key; } fwd_families[] = {
	{ AF_INET, "ipv4" }, { AF_INET6, "ipv6" },
};

static int nat_forward(struct ipbox *ib, int argc, char **argv)
{
	bool set = argc == 1, on = set && !strcmp(argv[0], "on");
	int ret = EXIT_OK;

	if (argc > 1 || (set && !on && strcmp(argv[0], "off")))
		return nat_usage();
	if (set && caps_require(CAP_NET_ADMIN, "nat forward") < 0)
		return EXIT_FAIL;
	print_doc_begin(ib->pr);
	print_open_object(ib->pr, NULL);
	for (size_t i = 0; i < sizeof(fwd_families) / sizeof(fwd_families[0]); i++) {
		int fam = fwd_families[i].family, cur;

		if (ib->family != AF_UNSPEC && ib->family != fam)
			continue;
		if (set && nat_forward_set(fam, on) < 0) {
			fprintf(stderr, "Error: cannot set %s forwarding: %s.\n",
				fwd_families[i].key, strerror(errno));
			ret = EXIT_FAIL;
		}
		cur = nat_forward_get(fam);
		if (cur < 0)
			continue;	/* IPv6 disabled */
		print_text(ib->pr, "%s ", fwd_families[i].key);
		print_bool(ib->pr, PRINT_JSON, fwd_families[i].key, NULL, cur);
		print_text(ib->pr, "%s\n", cur ? "on" : "off");
	}
	print_close_object(ib->pr);
	print_doc_end(ib->pr);
	return ret;
}

static int nat_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return nat_usage();
}

/* Abbreviations: a(dd), d(el), r(eplace), l(ist), s(how), f(lush), fo(rward). */
static const struct verb nat_verbs[] = {
	{ "add", nat_add_cmd },
	{ "delete", nat_del },
	{ "replace", nat_replace },
	{ "list", nat_show },
	{ "show", nat_show },
	{ "flush", nat_flush_cmd },
	{ "forward", nat_forward },
	{ "help", nat_help },
	{ NULL, NULL },
};

int do_nat(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, nat_verbs, "nat", nat_show, argc, argv);
}

/* The change a -batch line of nat asks for, if a batch run takes it:
 * the verb as nat_verbs resolves it (abbreviations too), by its word. */
bool nat_batch_verb(const char *word, enum nat_op *op)
{
	static const char *const changes[] = { [OP_ADD] = "add", [OP_REPLACE] = "replace", [OP_DEL] = "delete" };
	const struct verb *v = verb_find(nat_verbs, word);

	for (size_t i = 0; v && i < sizeof(changes) / sizeof(changes[0]); i++)
		if (!strcmp(v->word, changes[i]))
			return *op = (enum nat_op)i, true;
	return false;
}

void words_nat(void)
{
	WORDS_TABLE("verb", nat_verbs, word);
	WORDS_TABLE("keyword", keywords, word);
	WORDS_LIST("value", kind_names);
	WORDS_TABLE("value", protos, name);
	WORDS_TABLE("json", fwd_families, key);
}
