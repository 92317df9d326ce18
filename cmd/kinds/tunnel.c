/* The words, the read-back and the printing the IP tunnel kinds share
 * (tunnel.h). */
#include "tunnel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>
#include <linux/rtnetlink.h>

#define IP6_FLOWINFO_TCLASS htonl(0x0ff00000)
#define IP6_FLOWINFO_FLOWLABEL htonl(0x000fffff)

int tnl_parse_words(struct tnl *t, const char *pool, const struct tnl_word *words, size_t n,
		    struct arg_walk *w)
{
	for (; w->argc > 0; w->argc--, w->argv++) {
		const char *word = *w->argv;
		size_t i;
		int ret;

		for (i = 0; i < n; i++)
			if (keyword_is(word, pool + words[i].word, words[i].exact))
				break;
		if (i == n)	/* help or not: the usage, nothing more */
			return kind_usage(t->kp);
		ret = words[i].parse(t, w);
		if (ret)
			return ret;
	}
	return 0;
}

/* An attribute's number, 0 when it is missing or too short. */
unsigned int tnl_u8(const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) >= 1 ? mnl_attr_get_u8(a) : 0;
}

unsigned int tnl_u16(const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) >= 2 ? mnl_attr_get_u16(a) : 0;
}

uint32_t tnl_u32(const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) >= 4 ? mnl_attr_get_u32(a) : 0;
}

/* ---- reading back the device's parameters (link set) ------------------ */

struct fetch {
	struct tnl *t;
	unsigned int max;
	int (*load)(struct tnl *t, const struct nlattr **tb);
	int ret;
};

static int fetch_answer(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1], *d[KIND_MAXATTR + 1];
	struct fetch *f = data;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    attr_parse(tb, IFLA_MAX, NULL, nlh, sizeof(struct ifinfomsg)) < 0 || !tb[IFLA_LINKINFO])
		return NL_CB_STOP;
	attr_parse_nested(li, IFLA_INFO_MAX, NULL, tb[IFLA_LINKINFO]);
	if (!li[IFLA_INFO_DATA])
		return NL_CB_STOP;
	attr_parse_nested(d, f->max, NULL, li[IFLA_INFO_DATA]);
	f->ret = f->load(f->t, d);
	return NL_CB_STOP;
}

/* The parameters the device has now, into t by load (which returns -1
 * on one it cannot read): 0, or iproute2's failure. */
static int fetch(struct tnl *t, unsigned int max, int (*load)(struct tnl *t, const struct nlattr **tb))
{
	struct fetch f = { t, max, load, -1 };
	struct nlreq req;
	struct ifinfomsg *ifi;
	struct nl *nl = malloc(sizeof(*nl));

	if (nl && nl_open(nl, NETLINK_ROUTE) == 0) {
		ifi = nlreq_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
		ifi->ifi_family = (unsigned char)t->kp->family;
		ifi->ifi_index = t->kp->ifindex;
		if (nl_talk(nl, &req, fetch_answer, &f) < 0)
			nl_perror(nl);
		nl_close(nl);
	}
	free(nl);
	if (f.ret < 0) {
		fprintf(stderr, "Failed to get existing tunnel info.\n");
		return EXIT_FAIL;
	}
	return 0;
}

/* On `link set`, the device's parameters (attributes up to max, read by
 * load), then the words of the kind's table change them. */
int tnl_parse(struct tnl *t, unsigned int max, int (*load)(struct tnl *t, const struct nlattr **tb),
	      const char *pool, const struct tnl_word *words, size_t n, struct arg_walk *w)
{
	int ret;

	if (t->kp->set_op && (ret = fetch(t, max, load)))
		return ret;
	return tnl_parse_words(t, pool, words, n, w);
}

/* An address the kernel gave (4 or 16 bytes); its family is checked by
 * the caller, as iproute2's get_addr_rta. */
void tnl_addr_load(struct inet_prefix *a, const struct nlattr *attr)
{
	size_t len = mnl_attr_get_payload_len(attr);

	memset(a, 0, sizeof(*a));
	if (len != 4 && len != 16)
		return;
	a->family = len == 4 ? AF_INET : AF_INET6;
	a->bytelen = (int)len;
	a->bitlen = (int)len * 8;
	memcpy(a->data, mnl_attr_get_payload(attr), len);
}

/* An address of the family, or -1 (none: 0, a left as it is). */
int tnl_load_addr(struct inet_prefix *a, const struct nlattr *attr, int family)
{
	if (!attr)
		return 0;
	tnl_addr_load(a, attr);
	return a->family == family ? 0 : -1;
}

/* The endpoints (-1 on one of the wrong family) and the metadata flag. */
int tnl_load_ends(struct tnl *t, const struct nlattr **tb, const struct tnl_attrs *a)
{
	if (tnl_load_addr(&t->local, tb[a->local], t->family) < 0 ||
	    tnl_load_addr(&t->remote, tb[a->remote], t->family) < 0)
		return -1;
	if (tb[a->metadata])
		t->metadata = true;
	return 0;
}

/* An endpoint that goes in: an address given, not "any", not all zeros. */
bool tnl_addr_set(const struct inet_prefix *a)
{
	static const uint8_t zeros[16];

	return (a->family == AF_INET || a->family == AF_INET6) && !a->any &&
	       memcmp(a->data, zeros, (size_t)a->bytelen) != 0;
}

/* The fields whose attributes the device has (a short one reads 0). */
void tnl_load_fields(struct tnl *t, const struct nlattr **tb, const struct tnl_field *f, size_t n)
{
	for (; n--; f++) {
		const struct nlattr *a = tb[f->attr];
		void *to = (char *)t + f->offset;

		if (!a)
			continue;
		if (f->width == 1)
			*(uint8_t *)to = (uint8_t)tnl_u8(a);
		else if (f->width == 2)
			*(uint16_t *)to = (uint16_t)tnl_u16(a);
		else
			*(uint32_t *)to = tnl_u32(a);
	}
}

void tnl_put_fields(struct nlreq *r, const struct tnl *t, const struct tnl_field *f, size_t n)
{
	for (; n--; f++) {
		const void *from = (const char *)t + f->offset;

		if (f->width == 1)
			nlreq_put_u8(r, f->attr, *(const uint8_t *)from);
		else if (f->width == 2)
			nlreq_put_u16(r, f->attr, *(const uint16_t *)from);
		else
			nlreq_put_u32(r, f->attr, *(const uint32_t *)from);
	}
}

/* The encapsulation a device has (its ports are in network order there;
 * iproute2 swaps them twice). */
void tnl_load_encap(struct tnl *t, const struct nlattr **tb, const struct tnl_attrs *a)
{
	if (tb[a->encap_type])
		t->encap.type = (uint16_t)tnl_u16(tb[a->encap_type]);
	if (tb[a->encap_flags])
		t->encap.flags = (uint16_t)tnl_u16(tb[a->encap_flags]);
	if (tb[a->encap_sport])
		t->encap.sport = ntohs((uint16_t)tnl_u16(tb[a->encap_sport]));
	if (tb[a->encap_dport])
		t->encap.dport = ntohs((uint16_t)tnl_u16(tb[a->encap_dport]));
}

void tnl_put_addr(struct nlreq *r, uint16_t attr, const struct inet_prefix *a)
{
	if (tnl_addr_set(a))
		nlreq_put(r, attr, (size_t)a->bytelen, a->data);
}

/* The encapsulation goes in whole (its ports in network order). */
void tnl_put_encap(struct nlreq *r, const struct tnl *t, const struct tnl_attrs *a)
{
	nlreq_put_u16(r, a->encap_type, t->encap.type);
	nlreq_put_u16(r, a->encap_flags, t->encap.flags);
	nlreq_put_u16(r, a->encap_sport, htons(t->encap.sport));
	nlreq_put_u16(r, a->encap_dport, htons(t->encap.dport));
}

/* ---- words ------------------------------------------------------------- */

/* iproute2's get_u8/u16/u32 in a base */
static int number(const char *s, int base, uint32_t max, uint32_t *v)
{
	return arg_u32(s, v, base) < 0 || *v > max ? -1 : 0;
}

static int endpoint(struct tnl *t, struct arg_walk *w, struct inet_prefix *a)
{
	const char *arg;

	WALK_NEXT(w, arg);
	return inet_get_addr(a, arg, t->family) ? EXIT_FAIL : 0;
}

int tnl_word_remote(struct tnl *t, struct arg_walk *w)
{
	return endpoint(t, w, &t->remote);
}

int tnl_word_local(struct tnl *t, struct arg_walk *w)
{
	return endpoint(t, w, &t->local);
}

int tnl_word_dev(struct tnl *t, struct arg_walk *w)
{
	const char *arg;
	int index;

	WALK_NEXT(w, arg);
	index = ifname_to_index(arg);
	if (!index) {
		arg_nodev(arg);
		return EXIT_USAGE;
	}
	t->link = (uint32_t)index;
	return 0;
}

/* A byte (number() in base), or inherit: the value `inherit`. */
static int byte_or_inherit(struct arg_walk *w, int base, uint32_t inherit, const char *err,
			   uint8_t *out)
{
	const char *arg;
	uint32_t v = inherit;

	WALK_NEXT(w, arg);
	if (strcmp(arg, "inherit") != 0 && number(arg, base, UINT8_MAX, &v) < 0)
		return arg_invalid(err, arg);
	*out = (uint8_t)v;
	return 0;
}

int tnl_word_ttl(struct tnl *t, struct arg_walk *w)
{
	return byte_or_inherit(w, 0, 0, t->family == AF_INET6 ? "invalid HLIM\n" : "invalid TTL\n",
			       &t->ttl);
}

/* IPv4: hex (iproute2's rtnl_dsfield_a2n), 1 for inherit */
int tnl_word_tos(struct tnl *t, struct arg_walk *w)
{
	return byte_or_inherit(w, 16, 1, "bad TOS value", &t->tos);
}

/* IPv6: a part of the flow info (mask, the value shifted left by shift,
 * hex up to max), or inherit (the flag says so, the part is 0). */
static int flowinfo_part(struct tnl *t, struct arg_walk *w, uint32_t mask, uint32_t inherit,
			 uint32_t max, unsigned int shift, const char *err)
{
	const char *arg;
	uint32_t v;

	WALK_NEXT(w, arg);
	t->flowinfo &= ~mask;
	if (!strcmp(arg, "inherit")) {
		t->flags |= inherit;
		return 0;
	}
	if (number(arg, 16, max, &v) < 0)
		return arg_invalid(err, arg);
	t->flowinfo |= htonl(v << shift) & mask;
	t->flags &= ~inherit;
	return 0;
}

int tnl_word_tclass(struct tnl *t, struct arg_walk *w)
{
	return flowinfo_part(t, w, IP6_FLOWINFO_TCLASS, IP6_TNL_F_USE_ORIG_TCLASS, UINT8_MAX, 20,
			     "invalid TClass");
}

int tnl_word_flowlabel(struct tnl *t, struct arg_walk *w)
{
	return flowinfo_part(t, w, IP6_FLOWINFO_FLOWLABEL, IP6_TNL_F_USE_ORIG_FLOWLABEL, 0xfffff, 0,
			     "invalid Flowlabel");
}

int tnl_word_dscp(struct tnl *t, struct arg_walk *w)
{
	const char *arg;

	WALK_NEXT(w, arg);
	if (strcmp(arg, "inherit") != 0)
		return arg_invalid("not inherit", arg);
	t->flags |= IP6_TNL_F_RCV_DSCP_COPY;
	return 0;
}

int tnl_word_fwmark(struct tnl *t, struct arg_walk *w)
{
	const char *arg;

	WALK_NEXT(w, arg);
	if (number(arg, 0, UINT32_MAX, &t->fwmark) < 0)
		return arg_invalid("invalid fwmark\n", arg);
	return 0;
}

/* IPv6 tunnels also take inherit */
int tnl_word_fwmark6(struct tnl *t, struct arg_walk *w)
{
	if (w->argc > 1 && !strcmp(w->argv[1], "inherit")) {
		walk_next(w);
		t->flags |= IP6_TNL_F_USE_ORIG_FWMARK;
		t->fwmark = 0;
		return 0;
	}
	t->flags &= ~IP6_TNL_F_USE_ORIG_FWMARK;
	return tnl_word_fwmark(t, w);
}

int tnl_word_localremote(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->flags |= IP6_TNL_F_ALLOW_LOCAL_REMOTE;
	return 0;
}

int tnl_word_nolocalremote(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->flags &= ~IP6_TNL_F_ALLOW_LOCAL_REMOTE;
	return 0;
}

int tnl_word_encaplimit(struct tnl *t, struct arg_walk *w)
{
	const char *arg;
	uint32_t v;

	WALK_NEXT(w, arg);
	if (!strcmp(arg, "none")) {
		t->flags |= IP6_TNL_F_IGN_ENCAP_LIMIT;
		return 0;
	}
	if (number(arg, 0, UINT8_MAX, &v) < 0)
		return arg_invalid("invalid ELIM", arg);
	t->encap_limit = (uint8_t)v;
	t->flags &= ~IP6_TNL_F_IGN_ENCAP_LIMIT;
	return 0;
}

int tnl_word_external(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->metadata = true;
	return 0;
}

int tnl_word_pmtudisc(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->pmtudisc = 1;
	return 0;
}

int tnl_word_nopmtudisc(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->pmtudisc = 0;
	return 0;
}

int tnl_word_noencap(struct tnl *t, struct arg_walk *w)
{
	(void)w;
	t->encap.type = TUNNEL_ENCAP_NONE;
	return 0;
}

int tnl_word_encap(struct tnl *t, struct arg_walk *w)
{
	static const char *const types[] = {
		[TUNNEL_ENCAP_NONE] = "none", [TUNNEL_ENCAP_FOU] = "fou", [TUNNEL_ENCAP_GUE] = "gue",
	};
	const char *arg;

	WALK_NEXT(w, arg);
	for (uint16_t i = 0; i < ARRAY_SIZE(types); i++)
		if (!strcmp(arg, types[i])) {
			t->encap.type = i;
			return 0;
		}
	return arg_invalid("Invalid encap type.", arg);
}

int tnl_word_encap_sport(struct tnl *t, struct arg_walk *w)
{
	const char *arg;
	uint32_t v = 0;

	WALK_NEXT(w, arg);
	if (strcmp(arg, "auto") != 0 && number(arg, 0, UINT16_MAX, &v) < 0)
		return arg_invalid("Invalid source port.", arg);
	t->encap.sport = (uint16_t)v;
	return 0;
}

int tnl_word_encap_dport(struct tnl *t, struct arg_walk *w)
{
	const char *arg;
	uint32_t v;

	WALK_NEXT(w, arg);
	if (number(arg, 0, UINT16_MAX, &v) < 0)
		return arg_invalid("Invalid destination port.", arg);
	t->encap.dport = (uint16_t)v;
	return 0;
}

/* [no]encap-csum, [no]encap-udp6-csum, [no]encap-remcsum: a bit of the
 * encapsulation's flags, by the word of its row (whole words only). */
int tnl_word_encap_flag(struct tnl *t, struct arg_walk *w)
{
	static const struct { const char *word; uint16_t flag; } flags[] = {
		{ "encap-csum", TUNNEL_ENCAP_FLAG_CSUM },
		{ "encap-udp6-csum", TUNNEL_ENCAP_FLAG_CSUM6 },
		{ "encap-remcsum", TUNNEL_ENCAP_FLAG_REMCSUM },
	};
	const char *word = *w->argv;
	bool on = strncmp(word, "no", 2) != 0;

	for (size_t i = 0; i < ARRAY_SIZE(flags); i++) {
		if (strcmp(on ? word : word + 2, flags[i].word))
			continue;
		if (on)
			t->encap.flags |= flags[i].flag;
		else
			t->encap.flags &= (uint16_t)~flags[i].flag;
	}
	return 0;
}

/* ---- printing ---------------------------------------------------------- */

/* a number as iproute2's print_0xhex: "%#x", a JSON string */
static void print_hex(struct printer *p, enum pmode m, const char *key, const char *word,
		      uint32_t v)
{
	char buf[16], fmt[64];

	snprintf(buf, sizeof(buf), "%#x", v);
	snprintf(fmt, sizeof(fmt), "%s %%s ", word);
	print_string(p, m, key, fmt, buf);
}

void tnl_print_external(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a)
{
	if (tb[a->metadata])
		print_bool(kp->p, PRINT_ANY, "external", "external ", true);
}

/* "remote 10.0.0.1 local any" (an address the family cannot hold is
 * "unknown"), then the device under the tunnel. */
void tnl_print_endpoints(struct kind_print *kp, const struct nlattr **tb,
			 const struct tnl_attrs *a, int family)
{
	const uint16_t attrs[] = { a->remote, a->local };
	const char *const names[] = { "remote", "local" };
	char buf[INET6_ADDRSTRLEN], fmt[32];
	uint32_t link = tnl_u32(tb[a->link]);

	for (size_t i = 0; i < 2; i++) {
		struct inet_prefix addr = { .family = AF_UNSPEC };
		const char *value = "any";

		if (tb[attrs[i]]) {
			tnl_addr_load(&addr, tb[attrs[i]]);
			if (addr.family != family)
				value = "unknown";
			else if (tnl_addr_set(&addr))
				value = inet_ntop(family, addr.data, buf, sizeof(buf));
		}
		snprintf(fmt, sizeof(fmt), "%s %%s ", names[i]);
		print_string(kp->p, PRINT_ANY, names[i], fmt, value);
	}
	if (link)
		kind_print_dev(kp, "link", "dev %s ", link);
}

/* "ttl 64" ("hoplimit 64"), 0 is inherit */
void tnl_print_ttl(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a,
		   const char *word)
{
	unsigned int ttl = tnl_u8(tb[a->ttl]);
	char fmt[32];

	snprintf(fmt, sizeof(fmt), "%s %%u ", word);
	print_uint(kp->p, ttl ? PRINT_ANY : PRINT_JSON, "ttl", fmt, ttl);
	snprintf(fmt, sizeof(fmt), "%s %%s ", word);
	if (!ttl)
		print_string(kp->p, PRINT_FP, NULL, fmt, "inherit");
}

/* IPv4: "tos 0x10", 1 is inherit, 0 not shown */
void tnl_print_tos(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a)
{
	unsigned int tos = tnl_u8(tb[a->tos]);

	if (tos == 1)
		print_string(kp->p, PRINT_FP, NULL, "tos %s ", "inherit");
	if (tos)
		print_hex(kp->p, tos == 1 ? PRINT_JSON : PRINT_ANY, "tos", "tos", tos);
}

/* IPv6: the encapsulation limit, traffic class, flow label and dscp */
void tnl_print_ip6(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a)
{
	struct printer *p = kp->p;
	uint32_t flags = tnl_u32(tb[a->flags]), flowinfo = tnl_u32(tb[a->flowinfo]);
	char buf[16];

	if (flags & IP6_TNL_F_IGN_ENCAP_LIMIT)
		print_bool(p, PRINT_ANY, "ip6_tnl_f_ign_encap_limit", "encaplimit none ", true);
	else if (tb[a->encap_limit])
		print_uint(p, PRINT_ANY, "encap_limit", "encaplimit %u ", tnl_u8(tb[a->encap_limit]));
	if (flags & IP6_TNL_F_USE_ORIG_TCLASS) {
		print_bool(p, PRINT_ANY, "ip6_tnl_f_use_orig_tclass", "tclass inherit ", true);
	} else if (tb[a->flowinfo]) {
		snprintf(buf, sizeof(buf), "0x%02x", ntohl(flowinfo & IP6_FLOWINFO_TCLASS) >> 20);
		print_string(p, PRINT_ANY, "tclass", "tclass %s ", buf);
	}
	if (flags & IP6_TNL_F_USE_ORIG_FLOWLABEL) {
		print_bool(p, PRINT_ANY, "ip6_tnl_f_use_orig_flowlabel", "flowlabel inherit ", true);
	} else if (tb[a->flowinfo]) {
		snprintf(buf, sizeof(buf), "0x%05x", ntohl(flowinfo & IP6_FLOWINFO_FLOWLABEL));
		print_string(p, PRINT_ANY, "flowlabel", "flowlabel %s ", buf);
	}
	if (flags & IP6_TNL_F_RCV_DSCP_COPY)
		print_bool(p, PRINT_ANY, "ip6_tnl_f_rcv_dscp_copy", "dscp inherit ", true);
}

/* IPv6 tunnels first say allow-localremote and fwmark inherit. */
void tnl_print_fwmark(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a)
{
	uint32_t flags = a->flags ? tnl_u32(tb[a->flags]) : 0, fwmark = tnl_u32(tb[a->fwmark]);

	if (flags & IP6_TNL_F_ALLOW_LOCAL_REMOTE)
		print_bool(kp->p, PRINT_ANY, "ip6_tnl_f_allow_local_remote", "allow-localremote ", true);
	if (flags & IP6_TNL_F_USE_ORIG_FWMARK)
		print_bool(kp->p, PRINT_ANY, "ip6_tnl_f_use_orig_fwmark", "fwmark inherit ", true);
	else if (fwmark)
		print_hex(kp->p, PRINT_ANY, "fwmark", "fwmark", fwmark);
}

/* "encap fou encap-sport auto encap-dport 5555 noencap-csum ..." */
void tnl_print_encap(struct kind_print *kp, const struct nlattr **tb, const struct tnl_attrs *a)
{
	static const char *const types[] = { [TUNNEL_ENCAP_FOU] = "fou", [TUNNEL_ENCAP_GUE] = "gue" };
	static const struct { uint16_t flag; const char *word, *key; } flags[] = {
		{ TUNNEL_ENCAP_FLAG_CSUM, "csum", "csum" },
		{ TUNNEL_ENCAP_FLAG_CSUM6, "csum6", "csum6" },
		{ TUNNEL_ENCAP_FLAG_REMCSUM, "remcsum", "remcsum" },
	};
	struct printer *p = kp->p;
	unsigned int type, f, sport, dport;

	if (!tb[a->encap_type] || (type = tnl_u16(tb[a->encap_type])) == TUNNEL_ENCAP_NONE)
		return;
	f = tnl_u16(tb[a->encap_flags]);
	sport = ntohs((uint16_t)tnl_u16(tb[a->encap_sport]));
	dport = ntohs((uint16_t)tnl_u16(tb[a->encap_dport]));
	print_open_object(p, "encap");
	print_text(p, "encap ");
	if (type < ARRAY_SIZE(types) && types[type]) {
		print_string(p, PRINT_ANY, "type", "%s ", types[type]);
	} else {
		print_null(p, PRINT_JSON, "type", NULL);
		print_text(p, "unknown ");
	}
	print_uint(p, PRINT_JSON, "sport", NULL, sport);
	print_uint(p, PRINT_JSON, "dport", NULL, dport);
	if (sport)
		print_uint(p, PRINT_FP, NULL, "encap-sport %u ", sport);
	else
		print_text(p, "encap-sport auto ");
	print_uint(p, PRINT_FP, NULL, "encap-dport %u ", dport);
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++) {
		bool on = f & flags[i].flag;

		print_bool(p, PRINT_JSON, flags[i].key, NULL, on);
		print_text(p, "%sencap-%s ", on ? "" : "no", flags[i].word);
	}
	print_close_object(p);
}
