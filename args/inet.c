#include "inet.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "args.h"

int inet_family_bits(int family)
{
	return family == AF_INET ? 32 : family == AF_INET6 ? 128 : 0;
}

static const struct { const char *word; int family; } family_words[] = {
	{ "inet", AF_INET }, { "inet6", AF_INET6 }, { "link", AF_PACKET },
	{ "mpls", AF_MPLS }, { "bridge", AF_BRIDGE },
};

const char *inet_family_name(int family)
{
	for (size_t i = 0; i < sizeof(family_words) / sizeof(family_words[0]); i++)
		if (family_words[i].family == family)
			return family_words[i].word;
	return family == AF_UNSPEC ? "any valid" : "???";
}

int inet_family_word(const char *word)
{
	for (size_t i = 0; i < sizeof(family_words) / sizeof(family_words[0]); i++)
		if (!strcmp(family_words[i].word, word))
			return family_words[i].family;
	return AF_UNSPEC;
}

/* strtoul(s, end, 0) with a plain decimal number (what batch files hold)
 * read by hand; blanks, signs, octal, hex and numbers of ten digits or
 * more go to strtoul itself. */
static unsigned long read_ulong(const char *s, char **end)
{
	unsigned long v = 0;
	int n = 0;

	if (s[0] >= '1' && s[0] <= '9') {
		for (; n < 9 && s[n] >= '0' && s[n] <= '9'; n++)
			v = v * 10 + (unsigned long)(s[n] - '0');
	} else if (s[0] == '0' && s[1] != 'x' && s[1] != 'X') {
		n = 1;
	}
	if (n && (s[n] < '0' || s[n] > '9')) {
		*end = (char *)s + n;
		return v;
	}
	return strtoul(s, end, 0);
}

/* A dotted quad of four plain decimal parts (no leading zero, each
 * 0-255) ending at '\0' or '/', by hand: what batch files hold, and
 * read_ulong per part was a tenth of a route batch line.  The end, or
 * NULL for anything else (parse_ipv4 then reads it, octal, hex and short
 * forms included, and says yes or no itself). */
static const char *plain_ipv4(uint8_t out[4], const char *s)
{
	for (int i = 0; i < 4; i++) {
		unsigned int v = (unsigned int)(*s - '0');
		int n = 1;

		if (v > 9)
			return NULL;
		if (v)	/* "0" alone: a leading zero is octal */
			for (; n < 3 && (unsigned int)(s[n] - '0') <= 9; n++)
				v = v * 10 + (unsigned int)(s[n] - '0');
		if (v > 255 || (unsigned int)(s[n] - '0') <= 9)
			return NULL;
		out[i] = (uint8_t)v;
		s += n;
		if (i < 3 && *s++ != '.')
			return NULL;
	}
	return *s == '\0' || *s == '/' ? s : NULL;
}

/* a hex digit's value plus one; 0: not a hex digit */
const uint8_t inet_hex1[256] = {
	['0'] = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
	['A'] = 11, 12, 13, 14, 15, 16, ['a'] = 11, 12, 13, 14, 15, 16,
};

/* IPv6 in its usual form, by hand: groups of one to four hex digits and
 * at most one "::" (glibc's inet_pton was a third of an IPv6 route batch
 * line).  False for anything else, a dotted IPv4 tail included: then
 * inet_pton decides, so what is accepted and refused stays glibc's. */
static bool plain_ipv6(uint8_t out[16], const char *s)
{
	uint16_t g[8];
	int n = 0, gap = -1;

	if (s[0] == ':') {
		if (s[1] != ':')
			return false;
		gap = 0;
		s += 2;
	}
	while (*s) {
		const char *start = s;
		unsigned int v = 0, x;

		while ((x = inet_hex1[(unsigned char)*s]) && s - start < 4) {
			v = v << 4 | (x - 1);
			s++;
		}
		if (s == start || x || n == 8)
			return false;	/* no digit, a fifth one, a ninth group */
		g[n++] = (uint16_t)v;
		if (!*s)
			break;
		if (*s++ != ':')
			return false;
		if (*s == ':') {
			if (gap >= 0)
				return false;
			gap = n;
			s++;
		} else if (!*s) {
			return false;	/* a lone ':' at the end */
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return false;
	memset(out, 0, 16);
	for (int i = 0, at = 0; i < n; i++, at++) {
		if (i == gap)
			at = 8 - n + i;
		out[2 * at] = (uint8_t)(g[i] >> 8);
		out[2 * at + 1] = (uint8_t)g[i];
	}
	return true;
}

static int parse_ipv6(uint8_t out[16], const char *s)
{
	return plain_ipv6(out, s) || inet_pton(AF_INET6, s, out) > 0 ? 0 : -1;
}

/* The whole word is a plain dotted quad (in out). */
static bool plain_ipv4_whole(uint8_t out[4], const char *s)
{
	const char *end = plain_ipv4(out, s);

	return end && !*end;
}

/* iproute2's get_addr_ipv4: one to four parts read by strtoul base 0
 * (so "010" is octal 8 and "0x0b" hex 11), each 0-255; the missing ones
 * are zero ("10/8" is 10.0.0.0/8). */
static int parse_ipv4(uint8_t out[4], const char *s)
{
	if (plain_ipv4_whole(out, s))
		return 0;
	memset(out, 0, 4);
	for (int i = 0; i < 4; i++) {
		char *end;
		unsigned long v = read_ulong(s, &end);

		if (v > 255 || end == s)
			return -1;
		out[i] = (uint8_t)v;
		if (!*end)
			return 0;
		if (i == 3 || *end != '.')
			return -1;
		s = end + 1;
	}
	return -1;
}

/* iproute2's mpls_pton: labels (strtoul base 0, below 2^20) joined by
 * '/', each 4 bytes big-endian with the label in the top 20 bits; the
 * last one has the bottom-of-stack bit.  Its byte count, or -1. */
static int parse_mpls(uint8_t *out, size_t size, const char *s)
{
	for (size_t off = 0; off + 4 <= size; off += 4) {
		char *end;
		unsigned long label = strtoul(s, &end, 0);
		uint32_t entry;

		if (label >= 1ul << 20 || end == s || (*end && *end != '/'))
			return -1;
		entry = (uint32_t)label << 12 | (*end ? 0 : 1u << 8);
		out[off] = (uint8_t)(entry >> 24);
		out[off + 1] = (uint8_t)(entry >> 16);
		out[off + 2] = (uint8_t)(entry >> 8);
		out[off + 3] = (uint8_t)entry;
		if (!*end)
			return (int)off + 4;
		s = end + 1;
	}
	fprintf(stderr, "Error: too many labels.\n");
	return -1;
}

static bool is_any_word(const char *s)
{
	if (s[0] != 'd' && s[0] != 'a')
		return false;
	return !strcmp(s, "default") || !strcmp(s, "any") || !strcmp(s, "all");
}

/* iproute2's get_addr_1 for the families ipbox reads.  The words
 * "default", "any" and "all" keep the family asked (AF_UNSPEC stays
 * AF_UNSPEC); "default" has the family's bytes and counts as a given
 * length, "any"/"all" have no bytes.  Their bitlen is 0 (iproute2's -2
 * sentinel is `any` here). */
int inet_parse_addr(struct inet_prefix *a, const char *s, int family)
{
	int n;

	/* The fields and an IPv6 address's bytes: the rest of data (MPLS
	 * labels) is zeroed where it is used; 272 bytes a batch line were
	 * a tenth of a neigh line's parsing. */
	memset(a, 0, offsetof(struct inet_prefix, data) + 16);
	if (is_any_word(s)) {	/* in any family but MPLS, AF_PACKET too */
		a->family = family;
		a->any = true;
		a->has_len = !strcmp(s, "default");
		a->bytelen = a->has_len ? inet_family_bits(family) / 8 : 0;
		return family == AF_MPLS ? -1 : 0;
	}
	if (family == AF_MPLS && !strchr(s, ':')) {
		memset(a->data, 0, sizeof(a->data));
		n = parse_mpls(a->data, sizeof(a->data), s);
		a->family = AF_MPLS;
		a->bytelen = n;
		a->bitlen = 20;
		return n < 0 ? -1 : 0;
	}
	if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
		return -1;
	if (family != AF_INET6 && plain_ipv4_whole(a->data, s)) {	/* (no ':' in it) */
		a->family = AF_INET;
		a->bitlen = 32;
		a->bytelen = 4;
		return 0;
	}
	a->family = strchr(s, ':') ? AF_INET6 : AF_INET;
	if (family != AF_UNSPEC && family != a->family)
		return -1;
	if (a->family == AF_INET6 ? parse_ipv6(a->data, s) < 0 : parse_ipv4(a->data, s) < 0)
		return -1;
	a->bitlen = inet_family_bits(a->family);
	a->bytelen = a->bitlen / 8;
	return 0;
}

/* iproute2's get_netmask: a number as strtoul base 0 reads it (a sign
 * and leading blanks included), or an IPv4 address that is a netmask of
 * contiguous ones ("default"/"any" are the zero mask, /0). */
static int parse_plen(const char *s, int *plen)
{
	struct inet_prefix m;
	unsigned long v;
	char *end;

	if (*s) {
		errno = 0;
		v = read_ulong(s, &end);
		if (end != s && !*end && !errno && v <= UINT32_MAX) {
			if (v > INT32_MAX)
				return -1;
			*plen = (int)v;
			return 0;
		}
	}
	if (inet_parse_addr(&m, s, AF_INET) == 0 && m.family == AF_INET) {
		uint32_t mask = (uint32_t)m.data[0] << 24 | m.data[1] << 16 | m.data[2] << 8 | m.data[3];

		if (mask & (~mask >> 1))	/* a one after a zero */
			return -1;
		*plen = __builtin_popcount(mask);
		return 0;
	}
	return -1;
}

/* "A.B.C.D" or "A.B.C.D/N" in plain decimal (N 0-32), straight into p;
 * false for anything else, which inet_parse_prefix reads the long way. */
static bool plain_ipv4_prefix(struct inet_prefix *p, const char *s)
{
	uint8_t a[4];
	const char *end = plain_ipv4(a, s);
	int plen = 32;

	if (!end)
		return false;
	if (*end == '/') {
		unsigned int d0 = (unsigned int)(end[1] - '0'), d1;

		if (d0 > 9)	/* end[1] may be the NUL: read nothing past it */
			return false;
		d1 = (unsigned int)(end[2] - '0');
		if (d1 <= 9 && d0 && !end[3])
			plen = (int)(d0 * 10 + d1);
		else if (!end[2])
			plen = (int)d0;
		else
			return false;
		if (plen > 32)
			return false;
	}
	memset(p, 0, sizeof(*p));
	memcpy(p->data, a, 4);
	p->family = AF_INET;
	p->bitlen = plen;
	p->bytelen = 4;
	p->has_len = *end == '/';
	return true;
}

/* iproute2's get_prefix_1: an address with an optional "/LEN" or "/MASK";
 * a word (default, any, all) takes no length and is /0. */
int inet_parse_prefix(struct inet_prefix *p, const char *s, int family)
{
	char addr[INET_STRLEN];
	const char *slash;
	size_t n;
	int plen;

	if ((family == AF_UNSPEC || family == AF_INET) && plain_ipv4_prefix(p, s))
		return 0;
	slash = strchr(s, '/');
	n = slash ? (size_t)(slash - s) : strlen(s);

	if (n >= sizeof(addr))
		return -1;
	memcpy(addr, s, n);
	addr[n] = '\0';
	if (inet_parse_addr(p, addr, family) < 0)
		return -1;
	if (!slash)
		return 0;
	if (p->any || parse_plen(slash + 1, &plen) < 0 ||
	    plen > (p->family == AF_MPLS ? 20 : inet_family_bits(p->family)))
		return -1;
	p->bitlen = plen;
	p->has_len = true;
	return 0;
}

/* Exactly one or two hex digits: their value in *v. */
static bool hex_byte(const char *w, size_t len, unsigned int *v)
{
	int hi = inet_hex_digit(w[0]), lo = len == 2 ? inet_hex_digit(w[1]) : 0;

	if (len < 1 || len > 2 || hi < 0 || lo < 0)
		return false;
	*v = len == 2 ? (unsigned int)(hi * 16 + lo) : (unsigned int)hi;
	return true;
}

/* "aa:bb:cc:dd:ee:ff" (fields of one or two hex digits, at most max) in
 * one pass: the byte count, or 0 for anything else, which lladdr_pton
 * reads the long way (a strchr per field was a tenth of a neighbour
 * batch line). */
static size_t plain_lladdr(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;

	for (;;) {
		int hi = inet_hex_digit(s[0]), lo;

		if (hi < 0 || n == max)
			return 0;
		lo = inet_hex_digit(s[1]);
		if (lo >= 0) {
			hi = hi * 16 + lo;
			s++;
		}
		out[n++] = (uint8_t)hi;
		if (!*++s)
			return n;
		if (*s++ != ':')
			return 0;
	}
}

/* "aa:bb:cc..." (one or two hex digits a byte) or a dotted IPv4 address;
 * the byte count, or -1 after iproute2's complaint. */
int lladdr_pton(const char *s, uint8_t *out, size_t max)
{
	char word[194];		/* a field, as iproute2's buffer held it */
	const char *p = s;
	size_t n = plain_lladdr(s, out, max);

	if (n)
		return (int)n;
	if (strchr(s, '.')) {
		/* iproute2 reads an IPv4 address as get_addr_1 does ("10.1" is
		 * 10.0.0.1... as written, 1 to 4 parts) and lets the kernel
		 * decide whether 4 bytes suit the device. */
		struct inet_prefix in;

		if (inet_parse_addr(&in, s, AF_INET) < 0 || in.family != AF_INET || max < 4) {
			fprintf(stderr, "\"%s\" is invalid lladdr.\n", s);
			return -1;
		}
		memcpy(out, in.data, 4);
		return 4;
	}
	for (;;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		unsigned int v;
		char junk;

		if (n >= max)
			break;
		/* sscanf("%x") as iproute2: leading junk fails, trailing is
		 * ignored.  The usual one or two hex digits skip sscanf (and
		 * the copy), which was a tenth of a neighbour batch. */
		if (!hex_byte(p, len, &v)) {
			size_t cut = len < sizeof(word) ? len : sizeof(word) - 1;

			memcpy(word, p, cut);
			word[cut] = '\0';
			if (sscanf(word, "%x%c", &v, &junk) < 1 || v > 255) {
				/* the whole field: word may be cut short */
				fprintf(stderr, "\"%.*s\" is invalid lladdr.\n", (int)len, p);
				return -1;
			}
		}
		out[n++] = (uint8_t)v;
		if (!colon)
			break;
		p = colon + 1;
	}
	return (int)n;
}

int inet_get_addr(struct inet_prefix *a, const char *s, int family)
{
	/* -0 / -f link: iproute2 reads a link-layer address (ll_addr_a2n),
	 * which says itself what is wrong with it; the words come first. */
	if (family == AF_PACKET && !is_any_word(s)) {
		int n;

		memset(a, 0, sizeof(*a));
		n = lladdr_pton(s, a->data, sizeof(a->data));
		if (n >= 0) {
			a->family = AF_PACKET;
			a->bytelen = n;
			a->bitlen = n * 8;
			return 0;
		}
	} else if (inet_parse_addr(a, s, family) == 0) {
		return 0;
	}
	fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
		inet_family_name(family), s);
	return EXIT_FAIL;
}

int inet_get_prefix(struct inet_prefix *p, const char *s, int family)
{
	/* -0 / -f link: iproute2 refuses a prefix before reading it. */
	if (family == AF_PACKET) {
		fprintf(stderr, "Error: \"%s\" may be inet prefix, but it is not allowed in this context.\n", s);
		return EXIT_FAIL;
	}
	if (inet_parse_prefix(p, s, family) == 0)
		return 0;
	fprintf(stderr, "Error: %s prefix is expected rather than \"%s\".\n",
		inet_family_name(family), s);
	return EXIT_FAIL;
}

/* Dotted quad by hand: glibc's inet_ntop formats IPv4 with sprintf, and
 * dumps print an address or two per line. */
static char *inet4_ntop(const uint8_t *a, char *buf)
{
	char *p = buf;

	for (int i = 0; i < 4; i++) {
		if (a[i] >= 100)
			*p++ = (char)('0' + a[i] / 100);
		if (a[i] >= 10)
			*p++ = (char)('0' + a[i] / 10 % 10);
		*p++ = (char)('0' + a[i] % 10);
		*p++ = i < 3 ? '.' : '\0';
	}
	return buf;
}

/* The longest run of two or more zero words (the first of equals), as
 * RFC 5952 and glibc compress it; len 0 when there is none. */
static void zero_run(const uint16_t w[8], int *base, int *len)
{
	int cur = 0;

	*base = -1, *len = 0;
	for (int i = 0; i <= 8; i++) {
		if (i < 8 && !w[i]) {
			cur++;
			continue;
		}
		if (cur > *len && cur >= 2)
			*base = i - cur, *len = cur;
		cur = 0;
	}
}

/* IPv6 by hand, byte for byte glibc's inet_ntop (which formats every
 * word with sprintf): lower-case hex without leading zeros, the longest
 * zero run as "::", and ::a.b.c.d and ::ffff:a.b.c.d for the embedded
 * IPv4 forms.  tests/unit/test_inet.c compares the two. */
static char *inet6_ntop(const uint8_t *a, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	uint16_t w[8];
	char *p = buf;
	int base, len;

	for (int i = 0; i < 8; i++)
		w[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
	zero_run(w, &base, &len);
	for (int i = 0; i < 8; i++) {
		if (len && i >= base && i < base + len) {
			if (i == base)
				*p++ = ':';
			continue;
		}
		if (i)
			*p++ = ':';
		if (i == 6 && base == 0 && (len == 6 || (len == 5 && w[5] == 0xffff))) {
			inet4_ntop(a + 12, p);
			return buf;
		}
		for (int shift = w[i] >= 0x1000 ? 12 : w[i] >= 0x100 ? 8 : w[i] >= 0x10 ? 4 : 0;
		     shift >= 0; shift -= 4)
			*p++ = hex[(w[i] >> shift) & 15];
	}
	if (len && base + len == 8)
		*p++ = ':';
	*p = '\0';
	return buf;
}

const char *inet_ntop_raw(int family, const void *data, char *buf)
{
	if (family == AF_INET)
		return inet4_ntop(data, buf);
	if (family == AF_INET6)
		return inet6_ntop(data, buf);
	if (!inet_ntop(family, data, buf, INET_STRLEN))
		snprintf(buf, INET_STRLEN, "???");
	return buf;
}

bool inet_prefix_covers(const struct inet_prefix *p, const uint8_t *data, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(p->data, data, (size_t)whole))
		return false;
	if (!rest)
		return true;
	return ((p->data[whole] ^ data[whole]) & (0xff00 >> rest) & 0xff) == 0;
}

bool inet_resolve;

/* Answers of reverse lookups, one per slot of a small hash: a dump of
 * many routes asks the resolver once per address, in flat memory. */
#define HOST_SLOTS 256

static struct host_slot {
	int family;		/* 0: empty */
	uint8_t addr[16];
	char *name;		/* NULL: no name (remembered too) */
} hosts[HOST_SLOTS];

static const char *host_lookup(int family, const uint8_t *addr, size_t len)
{
	unsigned int h = 0;
	struct host_slot *s;
	struct hostent *he;

	for (size_t i = 0; i < len; i++)
		h = h * 31 + addr[i];
	s = &hosts[h % HOST_SLOTS];
	if (s->family == family && !memcmp(s->addr, addr, len))
		return s->name;
	free(s->name);
	s->family = family;
	memcpy(s->addr, addr, len);
	he = gethostbyaddr(addr, (socklen_t)len, family);
	s->name = he && he->h_name ? strdup(he->h_name) : NULL;
	return s->name;
}

const char *inet_host(int family, const void *data, char *buf)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	const uint8_t *a = data;
	const char *name = NULL;

	if (inet_resolve && family == AF_INET6 && !memcmp(a, mapped, sizeof(mapped)))
		name = host_lookup(AF_INET, a + 12, 4);	/* ::ffff:a.b.c.d */
	else if (inet_resolve && (family == AF_INET || family == AF_INET6))
		name = host_lookup(family, a, (size_t)inet_family_bits(family) / 8);
	return name ? name : inet_ntop_raw(family, data, buf);
}
