/* nat's words: one keyword table parses a rule (`masquerade src
 * 192.168.1.0/24 oif eth0`) into struct nat_rule and prints it back in
 * canonical words.  Those words are also the rule's nft comment, so `nat
 * show` recognises ipbox's own rules by reading the comment back through
 * the parser (nat_recognise), and prints them from it. */
#include "nat.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../args/inet.h"
#include "../netlink/ifname.h"
#include "words.h"

int nat_bad(const struct nat_req *q, const char *fmt, ...)
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
	{ "tcp", 6 }, { "udp", 17 }, { "icmp", 1 }, { "icmpv6", 58 }, { "sctp", 132 },
};

static const char *const kind_names[] = {
	[NAT_MASQUERADE] = "masquerade", [NAT_SNAT] = "snat", [NAT_DNAT] = "dnat", [NAT_REDIRECT] = "redirect",
};

/* ---- text without snprintf ------------------------------------------ */

/* show recognises every rule by parsing its words and writing them again:
 * no snprintf per word (it was a fifth of a listing). */

/* s into buf of n bytes; -1 when it does not fit. */
static int word_copy(char *buf, size_t n, const char *s)
{
	size_t len = strlen(s);

	if (len >= n)
		return -1;
	memcpy(buf, s, len + 1);
	return 0;
}

/* s appended at buf + at (buf holds n bytes), cut to fit; the new length. */
static size_t put(char *buf, size_t n, size_t at, const char *s)
{
	size_t len = strlen(s);

	if (at + 1 >= n)
		return at;
	if (len > n - at - 1)
		len = n - at - 1;
	memcpy(buf + at, s, len);
	buf[at + len] = '\0';
	return at + len;
}

static size_t put_u(char *buf, size_t n, size_t at, unsigned int v)
{
	char digits[NUM_STRLEN];

	return put(buf, n, at, num_str(digits, v, 10));
}

/* ---- values -------------------------------------------------------- */

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

	if (word_copy(buf, sizeof(buf), s) < 0)
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

	if (word_copy(buf, sizeof(buf), s) < 0)
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

/* ITEM[,ITEM]...: each item parsed by one(item, i, data), at most
 * NAT_LIST_MAX of them; returns how many, -1 if one is bad. */
static int list_parse(const char *s, int (*one)(const char *item, int i, void *data), void *data)
{
	char buf[256], *save = NULL, *item;
	int n = 0;

	if (word_copy(buf, sizeof(buf), s) < 0 || !*buf || buf[strlen(buf) - 1] == ',' ||
	    *buf == ',' || strstr(buf, ",,"))
		return -1;
	for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save), n++)
		if (n == NAT_LIST_MAX || one(item, n, data) < 0)
			return -1;
	return n;
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

	if (word_copy(buf, sizeof(buf), s) < 0 || target_split(buf, &addrs, &ports) < 0)
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

static size_t addr_put(const struct nat_addr *a, char *buf, size_t n, size_t at)
{
	char text[INET_STRLEN];

	return put(buf, n, at, inet_ntop_raw(a->family, a->a, text));
}

static void prefix_str(const struct nat_addr *a, char *buf, size_t n)
{
	size_t at = addr_put(a, buf, n, 0);

	if (a->plen != (a->family == AF_INET ? 32 : 128))
		put_u(buf, n, put(buf, n, at, "/"), a->plen);
}

static bool ports_str(const struct nat_ports *p, char *buf, size_t n)
{
	size_t at;

	if (!p->min)
		return false;
	at = put_u(buf, n, 0, p->min);
	if (p->min != p->max)
		put_u(buf, n, put(buf, n, at, "-"), p->max);
	return true;
}

/* ---- the keyword table --------------------------------------------- */

struct keyword;
/* Parse val into the rule; -1 if it is no value of the keyword's. */
typedef int (*setter)(struct nat_req *q, const struct keyword *k, const char *val);
/* The i-th value of the keyword in r (a list has several, else only the
 * 0th); false when there is none. */
typedef bool (*formatter)(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n);

#define K(kind) (1u << (kind))
#define ALL (K(NAT_MASQUERADE) | K(NAT_SNAT) | K(NAT_DNAT) | K(NAT_REDIRECT))
#define DST (K(NAT_DNAT) | K(NAT_REDIRECT))
#define PORTS "PORT[-PORT][,PORT[-PORT]]..., 1-65535"

/* One row per keyword, in the order rules are printed. */
static const struct keyword {
	const char *word;
	bool value;		/* takes a value */
	bool not;		/* the `WORD != VALUE` form: an exclusion, repeatable */
	unsigned int kinds;	/* rule kinds that accept it */
	setter set;
	formatter fmt;		/* NULL: not part of a rule's words */
	uint16_t off;		/* field in struct nat_rule (56-byte rows) */
	unsigned int flag;	/* NAT_F_* */
	const char *what;	/* the value, for errors */
	const char *json;	/* its key in -j output, if not the word */
} keywords[];

static void *field(struct nat_req *q, const struct keyword *k)
{
	return (char *)&q->r + k->off;
}

static const void *rule_field(const struct nat_rule *r, const struct keyword *k)
{
	return (const char *)r + k->off;
}

static int set_family(struct nat_req *q, const struct keyword *k, const char *val)
{
	(void)k;
	q->r.family = !strcmp(val, "inet") ? AF_INET : !strcmp(val, "inet6") ? AF_INET6 : -1;
	return q->r.family < 0 ? -1 : 0;
}

static int set_prefix(struct nat_req *q, const struct keyword *k, const char *val)
{
	return prefix_parse(val, field(q, k));
}

/* An exclusion of no address excludes everything: refused. */
static int set_prefix_not(struct nat_req *q, const struct keyword *k, const char *val)
{
	struct nat_addr_list *l = field(q, k);

	if (l->n == NAT_LIST_MAX || prefix_parse(val, &l->a[l->n]) < 0 || !l->a[l->n].plen)
		return -1;
	l->n++;
	return 0;
}

static int set_ifname(struct nat_req *q, const struct keyword *k, const char *val)
{
	if (!ifname_valid(val))
		return -1;
	strcpy(field(q, k), val);
	return 0;
}

static int set_ifname_not(struct nat_req *q, const struct keyword *k, const char *val)
{
	struct nat_ifname_list *l = field(q, k);

	if (l->n == NAT_LIST_MAX || !ifname_valid(val))
		return -1;
	strcpy(l->name[l->n++], val);
	return 0;
}

static int proto_one(const char *item, int i, void *data)
{
	struct nat_rule *r = data;
	uint32_t n;

	for (size_t p = 0; p < ARRAY_SIZE(protos); p++)
		if (!strcmp(item, protos[p].name))
			return r->protos[i] = (uint8_t)protos[p].num, 0;
	if (arg_u32(item, &n, 10) < 0 || n > 255)
		return -1;
	r->protos[i] = (uint8_t)n;
	return 0;
}

/* PROTO[,PROTO]..., each once. */
static int set_protos(struct nat_req *q, const struct keyword *k, const char *val)
{
	int n = list_parse(val, proto_one, &q->r);

	(void)k;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++)
			if (q->r.protos[i] == q->r.protos[j])
				return -1;
	q->r.nprotos = (uint8_t)(n < 0 ? 0 : n);
	return n < 0 ? -1 : 0;
}

static int port_one(const char *item, int i, void *data)
{
	return ports_parse(item, &((struct nat_port_list *)data)->p[i]);
}

static int set_port_list(struct nat_req *q, const struct keyword *k, const char *val)
{
	struct nat_port_list *l = field(q, k);
	int n = list_parse(val, port_one, l);

	l->n = (uint8_t)(n < 0 ? 0 : n);
	return n < 0 ? -1 : 0;
}

static int set_ports(struct nat_req *q, const struct keyword *k, const char *val)
{
	return ports_parse(val, field(q, k));
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

/* A word that turns a bool of the rule on. */
static int set_true(struct nat_req *q, const struct keyword *k, const char *val)
{
	(void)val;
	*(bool *)field(q, k) = true;
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

/* Only when no address tells the family already. */
static bool fmt_family(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	(void)k;
	if (i || r->family == AF_UNSPEC || r->src.family || r->dst.family || r->to_min.family ||
	    r->src_not.n || r->dst_not.n)
		return false;
	put(buf, n, 0, r->family == AF_INET ? "inet" : "inet6");
	return true;
}

static bool fmt_prefix(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	const struct nat_addr *a = rule_field(r, k);

	if (i || !a->family)
		return false;
	prefix_str(a, buf, n);
	return true;
}

static bool fmt_prefix_not(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	const struct nat_addr_list *l = rule_field(r, k);

	if (i >= l->n)
		return false;
	prefix_str(&l->a[i], buf, n);
	return true;
}

/* An owner: a word a tool picks (CNI's container id, a unit name). */
static int set_owner(struct nat_req *q, const struct keyword *k, const char *val)
{
	size_t n = strspn(val, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:@/-");

	if (!n || val[n] || n >= NAT_OWNER_MAX)
		return -1;
	strcpy(field(q, k), val);
	return 0;
}

static bool fmt_ifname(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	const char *name = rule_field(r, k);

	put(buf, n, 0, name);
	return !i && *name;
}

static bool fmt_ifname_not(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	const struct nat_ifname_list *l = rule_field(r, k);

	if (i >= l->n)
		return false;
	put(buf, n, 0, l->name[i]);
	return true;
}

/* A comma-separated list of what one(item) prints. */
static void list_str(char *buf, size_t n, int items, void (*one)(const void *list, int i, char *buf, size_t n),
		     const void *list)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < items && used + 1 < n; i++) {
		if (i)
			buf[used++] = ',';
		one(list, i, buf + used, n - used);
		used += strlen(buf + used);
	}
}

static void proto_str(const void *list, int i, char *buf, size_t n)
{
	int num = ((const uint8_t *)list)[i];

	put_u(buf, n, 0, (unsigned int)num);
	for (size_t p = 0; p < ARRAY_SIZE(protos); p++)
		if (protos[p].num == num)
			put(buf, n, 0, protos[p].name);
}

static bool fmt_protos(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	(void)k;
	if (i || !r->nprotos)
		return false;
	list_str(buf, n, r->nprotos, proto_str, r->protos);
	return true;
}

static void port_str(const void *list, int i, char *buf, size_t n)
{
	ports_str(&((const struct nat_port_list *)list)->p[i], buf, n);
}

static bool fmt_port_list(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	const struct nat_port_list *l = rule_field(r, k);

	if (i || !l->n)
		return false;
	list_str(buf, n, l->n, port_str, l);
	return true;
}

static bool fmt_ports(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	return !i && ports_str(rule_field(r, k), buf, n);
}

static bool fmt_to(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	char ports[16];
	bool v6 = r->to_min.family == AF_INET6;
	bool has_ports = ports_str(&r->to_ports, ports, sizeof(ports));
	const char *l = v6 && has_ports ? "[" : "", *rb = v6 && has_ports ? "]" : "";
	size_t at;

	(void)k;
	if (i || !r->to_min.family)
		return false;
	at = put(buf, n, addr_put(&r->to_min, buf, n, put(buf, n, 0, l)), rb);
	if (memcmp(r->to_min.a, r->to_max.a, sizeof(r->to_min.a)))
		at = put(buf, n, addr_put(&r->to_max, buf, n, put(buf, n, put(buf, n, at, "-"), l)), rb);
	if (has_ports)
		put(buf, n, put(buf, n, at, ":"), ports);
	return true;
}

static bool fmt_flag(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	(void)n;
	buf[0] = '\0';
	return !i && (r->flags & k->flag);
}

static bool fmt_true(const struct nat_rule *r, const struct keyword *k, int i, char *buf, size_t n)
{
	(void)n;
	buf[0] = '\0';
	return !i && *(const bool *)rule_field(r, k);
}

#define AT(f) offsetof(struct nat_rule, f)
_Static_assert(sizeof(struct nat_rule) <= UINT16_MAX, "a keyword's off is 16 bits");
#define PREFIX "an address or prefix"
#define PREFIX_NOT "an address or prefix (not /0), at most 8"
#define IFNAME "an interface name"
#define IFNAME_NOT "an interface name, at most 8"
#define OUT (K(NAT_MASQUERADE) | K(NAT_SNAT))

static const struct keyword keywords[] = {
	{ "family", true, false, ALL, set_family, fmt_family, 0, 0, "inet or inet6", NULL },
	{ "src", true, false, ALL, set_prefix, fmt_prefix, AT(src), 0, PREFIX, NULL },
	{ "src", true, true, ALL, set_prefix_not, fmt_prefix_not, AT(src_not), 0, PREFIX_NOT, "not-src" },
	{ "dst", true, false, ALL, set_prefix, fmt_prefix, AT(dst), 0, PREFIX, NULL },
	{ "dst", true, true, ALL, set_prefix_not, fmt_prefix_not, AT(dst_not), 0, PREFIX_NOT, "not-dst" },
	{ "iif", true, false, DST, set_ifname, fmt_ifname, AT(iif), 0, IFNAME, NULL },
	{ "iif", true, true, DST, set_ifname_not, fmt_ifname_not, AT(iif_not), 0, IFNAME_NOT,
	  "not-iif" },
	{ "oif", true, false, OUT, set_ifname, fmt_ifname, AT(oif), 0, IFNAME, NULL },
	{ "oif", true, true, OUT, set_ifname_not, fmt_ifname_not, AT(oif_not), 0, IFNAME_NOT, "not-oif" },
	{ "proto", true, false, ALL, set_protos, fmt_protos, 0, 0,
	  "PROTO[,PROTO]...: tcp, udp, sctp, icmp, icmpv6 or 0-255, each once", NULL },
	{ "sport", true, false, K(NAT_SNAT), set_port_list, fmt_port_list, AT(sport), 0, PORTS, NULL },
	{ "dport", true, false, K(NAT_SNAT) | DST, set_port_list, fmt_port_list, AT(dport), 0, PORTS,
	  NULL },
	{ "to", true, false, K(NAT_SNAT) | K(NAT_DNAT), set_to, fmt_to, 0, 0,
	  "ADDR[-ADDR][:PORT[-PORT]], IPv6 in brackets with ports", NULL },
	{ "to-ports", true, false, K(NAT_MASQUERADE) | K(NAT_REDIRECT), set_ports, fmt_ports, AT(to_ports), 0,
	  "PORT[-PORT], 1-65535", NULL },
	{ "hairpin", true, false, K(NAT_DNAT), set_ifname, fmt_ifname, AT(hairpin), 0, IFNAME, NULL },
	{ "localhost", false, false, K(NAT_DNAT), set_true, fmt_true, AT(localhost), 0, NULL, NULL },
	{ "random", false, false, ALL, set_flag, fmt_flag, 0, NAT_F_RANDOM, NULL, NULL },
	{ "fully-random", false, false, ALL, set_flag, fmt_flag, 0, NAT_F_FULLY_RANDOM, NULL, NULL },
	{ "persistent", false, false, ALL, set_flag, fmt_flag, 0, NAT_F_PERSISTENT, NULL, NULL },
	{ "tag", true, false, ALL, set_owner, fmt_ifname, AT(owner), 0,
	  "NAME: 1-32 of A-Z a-z 0-9 _ . : @ / -", NULL },
	{ "handle", true, false, ALL, set_handle, NULL, 0, 0, "a rule handle", NULL },
	/* show's mark of a rule whose nft rules are not all there: pasted
	 * back, it changes nothing */
	{ "incomplete", false, false, ALL, set_flag, NULL, 0, 0, NULL, NULL },
	{ NULL, false, false, 0, NULL, NULL, 0, 0, NULL, NULL },
};

/* Keywords are whole words: nat is new, no abbreviations to keep. */
static const struct keyword *keyword_find(const char *word, bool not)
{
	for (const struct keyword *k = keywords; k->word; k++)
		if (!strcmp(k->word, word) && k->not == not)
			return k;
	return NULL;
}

/* Call word(k, value) for each word of r, value NULL for flags. */
static void rule_words(const struct nat_rule *r, void (*word)(const struct keyword *k, const char *val, void *data),
		       void *data)
{
	char val[256];

	for (const struct keyword *k = keywords; k->word; k++)
		for (int i = 0; k->fmt && (k->kinds & K(r->kind)) && k->fmt(r, k, i, val, sizeof(val)); i++)
			word(k, k->value ? val : NULL, data);
}

/* s after the words so far; too long, t->len is past the buffer for good. */
static void tag_put(struct nat_tag *t, const char *s)
{
	size_t len = strlen(s);

	if (t->len + len >= sizeof(t->s)) {
		t->len = sizeof(t->s);
		return;
	}
	memcpy(t->s + t->len, s, len + 1);
	t->len += len;
}

static void tag_word(const struct keyword *k, const char *val, void *data)
{
	struct nat_tag *t = data;

	tag_put(t, " ");
	tag_put(t, k->word);
	if (k->not)
		tag_put(t, " !=");
	if (val) {
		tag_put(t, " ");
		tag_put(t, val);
	}
}

int nat_rule_tag(const struct nat_rule *r, struct nat_tag *t)
{
	t->len = 0;
	tag_put(t, kind_names[r->kind]);
	rule_words(r, tag_word, t);
	return t->len < sizeof(t->s) ? 0 : -1;
}

/* ---- parsing a whole rule ------------------------------------------ */

static int kind_parse(struct nat_req *q, const char *word)
{
	for (int i = 0; i < NAT_KINDS; i++)
		if (matches(word, kind_names[i]))
			return q->r.kind = i, 0;
	return nat_bad(q, "\"%s\" is not a nat rule type: masquerade, snat, dnat or redirect.", word);
}

static int keyword_apply(struct nat_req *q, const struct keyword *k, const char *val)
{
	unsigned int bit = 1u << (k - keywords);
	const char *ne = k->not ? " !=" : "";

	if (!(k->kinds & K(q->r.kind)))
		return nat_bad(q, "\"%s%s\" does not apply to %s.", k->word, ne, kind_names[q->r.kind]);
	if ((q->seen & bit) && !k->not)
		return nat_bad(q, "\"%s\" is given twice.", k->word);
	q->seen |= bit;
	if (k->value && !val)
		return nat_bad(q, "\"%s%s\" needs a value: %s.", k->word, ne, k->what);
	if (k->set(q, k, val) < 0)
		return nat_bad(q, "\"%s%s %s\": expected %s.", k->word, ne, val, k->what);
	return 0;
}

/* The family of the rule: -4/-6, family, and every address must agree. */
static int family_settle(struct nat_req *q, int global)
{
	const struct nat_rule *r = &q->r;
	const struct nat_addr *addrs[3 + 2 * NAT_LIST_MAX] = { &r->src, &r->dst, &r->to_min };
	int fam = q->r.family, n = 3;

	for (int i = 0; i < r->src_not.n; i++)
		addrs[n++] = &r->src_not.a[i];
	for (int i = 0; i < r->dst_not.n; i++)
		addrs[n++] = &r->dst_not.a[i];
	if (global == AF_INET || global == AF_INET6) {
		if (fam && fam != global)
			return nat_bad(q, "family conflicts with the -4/-6 option.");
		fam = global;
	} else if (global != AF_UNSPEC) {
		return nat_bad(q, "nat rules are for inet or inet6 only.");
	}
	for (int i = 0; i < n; i++) {
		if (!addrs[i]->family)
			continue;
		if (fam && fam != addrs[i]->family)
			return nat_bad(q, "IPv4 and IPv6 mixed in one rule.");
		fam = addrs[i]->family;
	}
	q->r.family = fam;
	return 0;
}

/* Ports are read at the same place of a tcp, udp and sctp header. */
static bool protos_have_ports(const struct nat_rule *r)
{
	if (!r->nprotos)
		return false;
	for (int i = 0; i < r->nprotos; i++)
		if (r->protos[i] != 6 && r->protos[i] != 17 && r->protos[i] != 132)
			return false;
	return true;
}

static int rule_check(struct nat_req *q)
{
	const struct nat_rule *r = &q->r;
	struct nat_member m[NAT_MEMBERS_MAX];
	bool ports = r->sport.n || r->dport.n || r->to_ports.min;

	if (ports && !protos_have_ports(r))
		return nat_bad(q, "ports need proto tcp, udp or sctp.");
	if (NAT_KIND_DST(r->kind) && !r->dport.n)
		return nat_bad(q, "%s needs proto tcp|udp|sctp and dport.", kind_names[r->kind]);
	if ((r->kind == NAT_SNAT || r->kind == NAT_DNAT) && !r->to_min.family)
		return nat_bad(q, "%s needs \"to\".", kind_names[r->kind]);
	for (int i = 0; i < r->nprotos; i++)
		if (r->protos[i] == 1 && r->family == AF_INET6)
			return nat_bad(q, "proto icmp is IPv4's: use icmpv6.");
	if (nat_rule_maps_ports(r) && (r->dport.n != 1 || r->dport.p[0].max - r->dport.p[0].min !=
						       r->to_ports.max - r->to_ports.min))
		return nat_bad(q, "a %s port range maps one dport range of the same length 1:1 "
			       "(or give one port).", r->kind == NAT_DNAT ? "to" : "to-ports");
	if (r->hairpin[0] && memcmp(r->to_min.a, r->to_max.a, sizeof(r->to_min.a)))
		return nat_bad(q, "hairpin needs one to address.");
	if (r->localhost && r->family != AF_INET)
		return nat_bad(q, "localhost is IPv4's: ::1 cannot be routed out of the host.");
	if (r->localhost && (r->dst.family || r->iif[0]))
		return nat_bad(q, "localhost publishes on the host's own addresses and 127.0.0.0/8: "
			       "no %s.", r->dst.family ? "dst" : "iif");
	if (nat_rule_members(r, m) < 0)
		return nat_bad(q, "too many nft rules: protocols x port items x mapped ports (x 2 for "
			       "dnat's twin) must be at most %d.", NAT_MEMBERS_MAX);
	return 0;
}

int nat_rule_parse(struct nat_req *q, int family, bool only_handle, int argc, char **argv)
{
	int ret;

	*q = (struct nat_req){ .quiet = q->quiet };
	if (argc < 1)
		return nat_bad(q, "a nat rule is missing; try \"ip nat help\".");
	if (only_handle && !strcmp(argv[0], "handle")) {
		if (argc > 2)
			return nat_bad(q, "\"del handle N\" takes nothing else.");
		return keyword_apply(q, keyword_find("handle", false), argc > 1 ? argv[1] : NULL);
	}
	q->has_rule = true;
	ret = kind_parse(q, argv[0]);
	for (argc--, argv++; !ret && argc > 0; argc--, argv++) {
		/* `WORD != VALUE`; argv need not end in NULL (a comment read
		 * back is split into a fixed array) */
		bool not = argc > 1 && !strcmp(argv[1], "!=");
		const struct keyword *k = keyword_find(*argv, not);

		if (!k)
			return nat_bad(q, "unknown keyword \"%s%s\"; try \"ip nat help\".", *argv, not ? " !=" : "");
		if (not)
			argc--, argv++;
		ret = keyword_apply(q, k, k->value && argc > 1 ? argv[1] : NULL);
		if (k->value && argc > 1)
			argc--, argv++;
	}
	if (ret)
		return ret;
	ret = family_settle(q, family);
	return ret ? ret : rule_check(q);
}

/* ---- reading our rules back ----------------------------------------- */

bool nat_recognise(const char *tag, struct nat_rule *r, void *data)
{
	struct nat_req q = { .quiet = true };
	char words[NAT_TAG_MAX], *argv[64], *save = NULL;
	struct nat_tag canon;
	int argc = 0;

	(void)data;
	if (word_copy(words, sizeof(words), tag) < 0)
		return false;
	for (char *w = strtok_r(words, " ", &save); w && argc < 64; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	if (nat_rule_parse(&q, AF_UNSPEC, false, argc, argv) || q.has_handle ||
	    nat_rule_tag(&q.r, &canon) < 0 || strcmp(canon.s, tag))
		return false;
	*r = q.r;
	return true;
}

/* A keyword and its value; an exclusion is an item of an array. */
static void print_word(struct printer *p, const struct keyword *k, const char *val)
{
	const char *key = k->json ? k->json : k->word;

	if (!val) {
		print_bool(p, PRINT_JSON, key, NULL, true);
		print_text(p, " %s", k->word);
		return;
	}
	print_text(p, " %s%s ", k->word, k->not ? " !=" : "");
	print_string(p, PRINT_ANY, k->not ? NULL : key, "%s", val);
}

void nat_print_words(struct printer *p, const char *tag)
{
	char words[NAT_TAG_MAX], *save = NULL, *w;
	const struct keyword *k, *list = NULL;

	if (word_copy(words, sizeof(words), tag) < 0)
		return;		/* nat_recognise took it: it fits */
	w = strtok_r(words, " ", &save);
	print_string(p, PRINT_ANY, "type", "%s", w);
	while ((w = strtok_r(NULL, " ", &save))) {
		char *val = NULL;
		bool not = false;

		/* the words were read back by nat_recognise: canonical */
		if (save && !strncmp(save, "!= ", 3)) {
			not = true;
			strtok_r(NULL, " ", &save);
		}
		k = keyword_find(w, not);
		if (!k)
			break;
		if (k->value)
			val = strtok_r(NULL, " ", &save);
		if (list && list != k)
			print_close_array(p, PRINT_JSON, NULL);
		if (k->not && list != k)
			print_open_array(p, PRINT_JSON, k->json, NULL);
		list = k->not ? k : NULL;
		print_word(p, k, val);
	}
	if (list)
		print_close_array(p, PRINT_JSON, NULL);
}

void nat_rule_words(void)
{
	WORDS_TABLE("keyword", keywords, word);
	WORDS_TABLE("json", keywords, json);
	WORDS_LIST("value", kind_names);
	WORDS_TABLE("value", protos, name);
}

int nat_owner_parse(const char *name, char owner[NAT_OWNER_MAX])
{
	struct nat_req q = { .quiet = false };
	const struct keyword *k = keyword_find("tag", false);

	if (set_owner(&q, k, name) < 0)
		return nat_bad(&q, "\"tag %s\": expected %s.", name, k->what);
	memcpy(owner, q.r.owner, NAT_OWNER_MAX);
	return 0;
}

bool nat_words_owned(const char *words, const char *owner)
{
	struct nat_rule r;

	return nat_recognise(words, &r, NULL) && !strcmp(r.owner, owner);
}

int nat_proto_number(const char *word)
{
	struct nat_rule r;

	return proto_one(word, 0, &r) < 0 ? -1 : r.protos[0];
}

void nat_proto_name(int num, char *buf, size_t n)
{
	const uint8_t list[1] = { (uint8_t)num };

	proto_str(list, 0, buf, n);
}
