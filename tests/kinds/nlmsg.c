/* The kind harness's message tool (tests/kinds/run).
 *
 *   nlmsg build < SPEC > ANSWER   recorded kernel answers from their text
 *                                 (tests/kinds/answers/KIND.spec): RTM_NEWLINK
 *                                 messages for nlshim's NLSHIM_ANSWER
 *   nlmsg show LOG                the link requests nlshim logged, one
 *                                 canonical text per message: seq and port
 *                                 left out, NLA_F_NESTED masked and the
 *                                 attributes inside each nest sorted (the
 *                                 kernel reads neither), so two tools'
 *                                 requests compare with diff
 *
 * SPEC: one item a line, `#` starts a comment.
 *   link INDEX NAME [type N] [flags F,F..] [mtu N] [link N] [master N]
 *        [addr HEX:..|none] [brd HEX:..|none] [qdisc Q] [txqlen N] [state N]
 *     a new RTM_NEWLINK with the attributes rtnl_fill_ifinfo() sends for
 *     an ordinary device (defaults: ether, UP,BROADCAST,RUNNING,MULTICAST,
 *     LOWER_UP, mtu 1500, address 02:00:00:00:00:INDEX, qdisc noqueue)
 *   u8|u16|u32|u64|s32|be16|be32 ATTR NUMBER
 *   str ATTR TEXT (NUL-terminated)   bytes ATTR HEX..   flag ATTR
 *   ip4 ATTR A.B.C.D   ip6 ATTR X::Y   mac ATTR aa:bb:..
 *   nest ATTR ... end
 * ATTR is a uapi name (IFLA_VLAN_ID, VETH_INFO_PEER, ...) or a number. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <linux/if.h>


static const struct { const char *name; long value; } names[] = {
#include "names.h"
};

static char msg[65536];
static size_t len;
static size_t nests[16];
static unsigned int depth;
static int lineno;

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "nlmsg: line %d: %s%s%s\n", lineno, what, arg ? ": " : "", arg ? arg : "");
	exit(1);
}

static long attr_number(const char *s)
{
	char *end;
	long v;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i].name, s))
			return names[i].value;
	v = strtol(s, &end, 0);
	if (!*s || *end || v < 0 || v > 0x7fff)
		die("unknown attribute", s);
	return v;
}

static void put(uint16_t type, const void *data, size_t n)
{
	struct rtattr *a = (void *)(msg + len);

	if (len + RTA_SPACE(n) > sizeof(msg))
		die("message too long", NULL);
	a->rta_type = type;
	a->rta_len = (uint16_t)RTA_LENGTH(n);
	memset(RTA_DATA(a), 0, RTA_ALIGN(n));
	if (n)
		memcpy(RTA_DATA(a), data, n);
	len += RTA_SPACE(n);
}

static void put_u32(uint16_t type, uint32_t v)
{
	put(type, &v, sizeof(v));
}

static size_t hex_bytes(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;

	while (*s) {
		char *end;
		unsigned long v;

		while (*s == ':' || *s == ' ' || *s == '.')
			s++;
		if (!*s)
			break;
		if (n == max || !isxdigit((unsigned char)s[0]))
			die("bad bytes", s);
		v = strtoul((char[3]){ s[0], isxdigit((unsigned char)s[1]) ? s[1] : 0, 0 }, &end, 16);
		s += isxdigit((unsigned char)s[1]) ? 2 : 1;
		out[n++] = (uint8_t)v;
	}
	return n;
}

static uint32_t link_flags(const char *s)
{
	static const struct { const char *name; uint32_t bit; } bits[] = {
		{ "UP", IFF_UP }, { "BROADCAST", IFF_BROADCAST }, { "LOOPBACK", IFF_LOOPBACK },
		{ "POINTOPOINT", IFF_POINTOPOINT }, { "RUNNING", IFF_RUNNING },
		{ "NOARP", IFF_NOARP }, { "PROMISC", IFF_PROMISC }, { "ALLMULTI", IFF_ALLMULTI },
		{ "MASTER", IFF_MASTER }, { "SLAVE", IFF_SLAVE }, { "MULTICAST", IFF_MULTICAST },
		{ "LOWER_UP", 0x10000 },
	};
	char copy[256], *save, *w;
	uint32_t f = 0;

	snprintf(copy, sizeof(copy), "%s", s);
	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < sizeof(bits) / sizeof(bits[0]) && strcmp(bits[i].name, w); i++)
			;
		if (i == sizeof(bits) / sizeof(bits[0]))
			die("unknown flag", w);
		f |= bits[i].bit;
	}
	return f;
}

static void end_message(void)
{
	struct nlmsghdr *h = (void *)msg;

	if (!len)
		return;
	if (depth)
		die("nest without end", NULL);
	h->nlmsg_len = (uint32_t)len;
	fwrite(msg, 1, NLMSG_ALIGN(len), stdout);
	len = 0;
}

/* `link INDEX NAME KEY VALUE...`: the header and the usual attributes. */
static void start_link(char **w, int n)
{
	struct nlmsghdr *h = (void *)msg;
	struct ifinfomsg *ifi;
	uint8_t addr[32], brd[32];
	size_t alen, blen;
	uint32_t mtu = 1500, txqlen = 1000, iflink = 0, master = 0;
	uint8_t state = 6, zero = 0;
	const char *qdisc = "noqueue";
	char defaddr[32];

	end_message();
	if (n < 3)
		die("link INDEX NAME ...", NULL);
	memset(msg, 0, NLMSG_LENGTH(sizeof(*ifi)));
	h->nlmsg_type = RTM_NEWLINK;
	ifi = NLMSG_DATA(h);
	ifi->ifi_index = atoi(w[1]);
	ifi->ifi_type = 1;
	ifi->ifi_flags = link_flags("UP,BROADCAST,RUNNING,MULTICAST,LOWER_UP");
	snprintf(defaddr, sizeof(defaddr), "02:00:00:00:00:%02x", ifi->ifi_index & 0xff);
	alen = hex_bytes(defaddr, addr, sizeof(addr));
	blen = hex_bytes("ff:ff:ff:ff:ff:ff", brd, sizeof(brd));
	for (int i = 3; i + 1 < n; i += 2) {
		const char *k = w[i], *v = w[i + 1];

		if (!strcmp(k, "type"))
			ifi->ifi_type = (uint16_t)strtoul(v, NULL, 0);
		else if (!strcmp(k, "flags"))
			ifi->ifi_flags = link_flags(v);
		else if (!strcmp(k, "mtu"))
			mtu = (uint32_t)strtoul(v, NULL, 0);
		else if (!strcmp(k, "link"))
			iflink = (uint32_t)strtoul(v, NULL, 0);
		else if (!strcmp(k, "master"))
			master = (uint32_t)strtoul(v, NULL, 0);
		else if (!strcmp(k, "addr"))
			alen = strcmp(v, "none") ? hex_bytes(v, addr, sizeof(addr)) : 0;
		else if (!strcmp(k, "brd"))
			blen = strcmp(v, "none") ? hex_bytes(v, brd, sizeof(brd)) : 0;
		else if (!strcmp(k, "qdisc"))
			qdisc = v;
		else if (!strcmp(k, "txqlen"))
			txqlen = (uint32_t)strtoul(v, NULL, 0);
		else if (!strcmp(k, "state"))
			state = (uint8_t)strtoul(v, NULL, 0);
		else
			die("unknown link key", k);
	}
	len = NLMSG_LENGTH(sizeof(*ifi));
	put(IFLA_IFNAME, w[2], strlen(w[2]) + 1);
	put_u32(IFLA_TXQLEN, txqlen);
	put(IFLA_OPERSTATE, &state, 1);
	put(IFLA_LINKMODE, &zero, 1);
	put_u32(IFLA_MTU, mtu);
	put_u32(IFLA_MIN_MTU, 68);
	put_u32(IFLA_MAX_MTU, 65535);
	put_u32(IFLA_GROUP, 0);
	put_u32(IFLA_PROMISCUITY, 0);
	put_u32(IFLA_NUM_TX_QUEUES, 1);
	put_u32(IFLA_GSO_MAX_SEGS, 65535);
	put_u32(IFLA_GSO_MAX_SIZE, 65536);
	put_u32(IFLA_NUM_RX_QUEUES, 1);
	if (master)
		put_u32(IFLA_MASTER, master);
	if (iflink)
		put_u32(IFLA_LINK, iflink);
	put(IFLA_QDISC, qdisc, strlen(qdisc) + 1);
	if (alen)
		put(IFLA_ADDRESS, addr, alen);
	if (blen)
		put(IFLA_BROADCAST, brd, blen);
}

static void attr_line(char **w, int n)
{
	uint8_t buf[256];
	uint16_t type;
	uint64_t v;
	char *end;

	if (!strcmp(w[0], "end")) {
		struct rtattr *a;

		if (!depth)
			die("end without nest", NULL);
		a = (void *)(msg + nests[--depth]);
		a->rta_len = (uint16_t)(len - nests[depth]);
		return;
	}
	if (!len)
		die("attribute before link", w[0]);
	if (n < 2)
		die("no attribute", w[0]);
	type = (uint16_t)attr_number(w[1]);
	if (!strcmp(w[0], "nest")) {
		if (depth == sizeof(nests) / sizeof(nests[0]))
			die("nests too deep", NULL);
		nests[depth++] = len;
		put(type, NULL, 0);
		return;
	}
	if (!strcmp(w[0], "flag")) {
		put(type, NULL, 0);
		return;
	}
	if (n < 3)
		die("no value", w[1]);
	if (!strcmp(w[0], "str")) {
		put(type, w[2], strlen(w[2]) + 1);
		return;
	}
	if (!strcmp(w[0], "bytes") || !strcmp(w[0], "mac")) {
		put(type, buf, hex_bytes(w[2], buf, sizeof(buf)));
		return;
	}
	if (!strcmp(w[0], "ip4") || !strcmp(w[0], "ip6")) {
		int v6 = w[0][2] == '6';

		if (inet_pton(v6 ? AF_INET6 : AF_INET, w[2], buf) != 1)
			die("bad address", w[2]);
		put(type, buf, v6 ? 16 : 4);
		return;
	}
	errno = 0;
	v = w[2][0] == '-' ? (uint64_t)strtoll(w[2], &end, 0) : strtoull(w[2], &end, 0);
	if (*end || errno)
		die("bad number", w[2]);
	if (!strcmp(w[0], "u8")) {
		uint8_t x = (uint8_t)v;
		put(type, &x, 1);
	} else if (!strcmp(w[0], "u16")) {
		uint16_t x = (uint16_t)v;
		put(type, &x, 2);
	} else if (!strcmp(w[0], "be16")) {
		uint16_t x = htons((uint16_t)v);
		put(type, &x, 2);
	} else if (!strcmp(w[0], "u32") || !strcmp(w[0], "s32")) {
		uint32_t x = (uint32_t)v;
		put(type, &x, 4);
	} else if (!strcmp(w[0], "be32")) {
		uint32_t x = htonl((uint32_t)v);
		put(type, &x, 4);
	} else if (!strcmp(w[0], "u64")) {
		put(type, &v, 8);
	} else {
		die("unknown item", w[0]);
	}
}

static int build(void)
{
	char line[1024];

	while (fgets(line, sizeof(line), stdin)) {
		char *w[32], *save, *hash = strchr(line, '#');
		int n = 0;

		lineno++;
		if (hash)
			*hash = '\0';
		for (char *t = strtok_r(line, " \t\n", &save); t && n < 32; t = strtok_r(NULL, " \t\n", &save))
			w[n++] = t;
		if (!n)
			continue;
		if (!strcmp(w[0], "link"))
			start_link(w, n);
		else
			attr_line(w, n);
	}
	end_message();
	return 0;
}

/* ---- show ------------------------------------------------------------- */

/* What a nest holds: attributes, or a veth peer (ifinfomsg, then
 * attributes), or plain bytes. */
enum shape { LEAF, ATTRS, LINK };

/* The nests of a link request, by where they are: IFLA_LINKINFO holds the
 * kind and its data; the kinds' own nests are listed by kind. */
static enum shape nest_shape(const char *path, const char *kind, int type)
{
	static const struct { const char *kind; int type; enum shape s; } kind_nests[] = {
		{ "veth", VETH_INFO_PEER, LINK }, { "vxcan", VETH_INFO_PEER, LINK },
		{ "vlan", IFLA_VLAN_EGRESS_QOS, ATTRS }, { "vlan", IFLA_VLAN_INGRESS_QOS, ATTRS },
		{ "bond", IFLA_BOND_ARP_IP_TARGET, ATTRS }, { "bond", IFLA_BOND_NS_IP6_TARGET, ATTRS },
		{ "macvlan", IFLA_MACVLAN_MACADDR_DATA, ATTRS },
		{ "macvtap", IFLA_MACVLAN_MACADDR_DATA, ATTRS },
	};

	if (!strcmp(path, "link"))
		return type == IFLA_LINKINFO || type == IFLA_AF_SPEC || type == IFLA_PROP_LIST ||
		       type == IFLA_VFINFO_LIST || type == IFLA_XDP ? ATTRS : LEAF;
	if (!strcmp(path, "linkinfo"))
		return type == IFLA_INFO_DATA || type == IFLA_INFO_SLAVE_DATA ? ATTRS : LEAF;
	if (!strcmp(path, "af_spec"))
		return ATTRS;
	if (!strcmp(path, "data"))
		for (size_t i = 0; i < sizeof(kind_nests) / sizeof(kind_nests[0]); i++)
			if (!strcmp(kind_nests[i].kind, kind) && kind_nests[i].type == type)
				return kind_nests[i].s;
	return LEAF;
}

struct text {
	char *s;
	size_t len, cap;
};

static void add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < t->cap - t->len)
			break;
		t->cap = t->cap * 2 + 256;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			abort();
	}
	t->len += (size_t)n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void show_attrs(struct text *t, const char *path, const char *kind, const uint8_t *p,
		       size_t n, int indent, int sorted);

static void show_link(struct text *t, const uint8_t *p, size_t n, int indent)
{
	const struct ifinfomsg *ifi = (const void *)p;

	if (n < sizeof(*ifi)) {
		add(t, "%*struncated ifinfomsg\n", indent, "");
		return;
	}
	add(t, "%*sifinfomsg family %u type %u index %d flags %#x change %#x\n", indent, "",
	    ifi->ifi_family, ifi->ifi_type, ifi->ifi_index, ifi->ifi_flags, ifi->ifi_change);
	show_attrs(t, "link", "", p + sizeof(*ifi), n - sizeof(*ifi), indent, indent > 0);
}

/* The kind named in an IFLA_LINKINFO payload ("bond_slave" -> "bond"). */
static void linkinfo_kind(const uint8_t *p, size_t n, char *kind, size_t size)
{
	const struct rtattr *a = (const void *)p;
	int rem = (int)n;

	for (; RTA_OK(a, rem); a = RTA_NEXT(a, rem)) {
		int type = a->rta_type & NLA_TYPE_MASK;

		if (type == IFLA_INFO_KIND || type == IFLA_INFO_SLAVE_KIND) {
			snprintf(kind, size, "%.*s", (int)RTA_PAYLOAD(a), (const char *)RTA_DATA(a));
			if (strlen(kind) > 6 && !strcmp(kind + strlen(kind) - 6, "_slave"))
				kind[strlen(kind) - 6] = '\0';
		}
	}
}

static void show_attrs(struct text *t, const char *path, const char *kind, const uint8_t *p,
		       size_t n, int indent, int sorted)
{
	const struct rtattr *a = (const void *)p;
	int rem = (int)n;
	char *items[512], k[64] = "";
	size_t count = 0;

	if (!strcmp(path, "linkinfo"))
		linkinfo_kind(p, n, k, sizeof(k));
	for (; RTA_OK(a, rem); a = RTA_NEXT(a, rem)) {
		struct text one = { 0 };
		int type = a->rta_type & NLA_TYPE_MASK;
		const uint8_t *d = RTA_DATA(a);
		size_t dn = RTA_PAYLOAD(a);
		enum shape s = nest_shape(path, kind, type);
		const char *sub = !strcmp(path, "link") && type == IFLA_LINKINFO ? "linkinfo" :
				  !strcmp(path, "link") && type == IFLA_AF_SPEC ? "af_spec" :
				  !strcmp(path, "linkinfo") ? "data" : "nested";

		add(&one, "%*s%s.%d", indent, "", path, type);
		if (s == LEAF) {
			add(&one, " =");
			for (size_t i = 0; i < dn; i++)
				add(&one, " %02x", d[i]);
			add(&one, "\n");
		} else {
			add(&one, " {\n");
			if (s == LINK)
				show_link(&one, d, dn, indent + 2);
			else
				show_attrs(&one, sub, *k ? k : kind, d, dn, indent + 2, 1);
			add(&one, "%*s}\n", indent, "");
		}
		if (count == sizeof(items) / sizeof(items[0]))
			abort();
		items[count++] = one.s ? one.s : strdup("");
	}
	if (rem > 0)
		add(t, "%*s%d bytes that are no attribute\n", indent, "", rem);
	if (sorted)
		qsort(items, count, sizeof(items[0]), cmp_str);
	for (size_t i = 0; i < count; i++) {
		add(t, "%s", items[i]);
		free(items[i]);
	}
}

static int show(const char *file)
{
	FILE *f = fopen(file, "r");
	uint32_t n;

	if (!f)
		return 0;	/* nothing was sent */
	while (fread(&n, sizeof(n), 1, f) == 1) {
		static uint8_t buf[65536];
		const struct nlmsghdr *h = (const void *)buf;
		struct text t = { 0 };

		if (n < sizeof(*h) || n > sizeof(buf) || fread(buf, 1, n, f) != n) {
			fprintf(stderr, "nlmsg: %s: a broken record\n", file);
			return 1;
		}
		if (h->nlmsg_type != RTM_NEWLINK && h->nlmsg_type != RTM_DELLINK &&
		    h->nlmsg_type != RTM_NEWLINKPROP && h->nlmsg_type != RTM_DELLINKPROP)
			continue;
		/* iproute2's probe of RTM_NEWLINK support (iplink_have_newlink):
		 * no device, no attribute; ipbox needs none */
		if (h->nlmsg_type == RTM_NEWLINK && n == NLMSG_LENGTH(sizeof(struct ifinfomsg)) &&
		    !((const struct ifinfomsg *)NLMSG_DATA(h))->ifi_index)
			continue;
		add(&t, "message type %u flags %#x\n", h->nlmsg_type, h->nlmsg_flags);
		show_link(&t, buf + NLMSG_HDRLEN, n - NLMSG_HDRLEN, 0);
		fputs(t.s, stdout);
		free(t.s);
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "build"))
		return build();
	if (argc == 3 && !strcmp(argv[1], "show"))
		return show(argv[2]);
	fprintf(stderr, "usage: nlmsg build < SPEC > ANSWER | nlmsg show LOG\n");
	return 2;
}
