#include "inet.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "args.h"

int inet_family_bits(int family)
{
	return family == AF_INET ? 32 : family == AF_INET6 ? 128 : 0;
}

const char *inet_family_name(int family)
{
	return family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "any valid";
}

/* iproute2's get_addr_ipv4: one to four decimal parts, each 0-255; the
 * missing ones are zero ("10/8" is 10.0.0.0/8). */
static int parse_ipv4(uint8_t out[4], const char *s)
{
	memset(out, 0, 4);
	for (int i = 0; i < 4; i++) {
		char *end;
		unsigned long v;

		if (*s < '0' || *s > '9')
			return -1;
		v = strtoul(s, &end, 10);
		if (v > 255 || end - s > 3)
			return -1;
		out[i] = (uint8_t)v;
		if (!*end)
			return 0;
		if (*end != '.')
			return -1;
		s = end + 1;
	}
	return -1;
}

static bool is_any_word(const char *s)
{
	return !strcmp(s, "default") || !strcmp(s, "any") || !strcmp(s, "all");
}

int inet_parse_addr(struct inet_prefix *a, const char *s, int family)
{
	memset(a, 0, sizeof(*a));
	if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
		return -1;
	if (is_any_word(s)) {
		a->family = family ? family : AF_INET;
		a->bytelen = inet_family_bits(a->family) / 8;
		a->bitlen = 0;
		a->any = true;
		return 0;
	}
	a->family = strchr(s, ':') ? AF_INET6 : AF_INET;
	if (family != AF_UNSPEC && family != a->family)
		return -1;
	if (a->family == AF_INET6 ? inet_pton(AF_INET6, s, a->data) <= 0 : parse_ipv4(a->data, s) < 0)
		return -1;
	a->bitlen = inet_family_bits(a->family);
	a->bytelen = a->bitlen / 8;
	return 0;
}

/* A prefix length: a number, or (IPv4) a dotted netmask of contiguous ones. */
static int parse_plen(const char *s, int max, int *plen)
{
	uint32_t v;
	uint8_t mask[4];

	if (arg_u32(s, &v, 0) == 0) {
		if (v > (uint32_t)max)
			return -1;
		*plen = (int)v;
		return 0;
	}
	if (max != 32 || parse_ipv4(mask, s) < 0)
		return -1;
	v = (uint32_t)mask[0] << 24 | mask[1] << 16 | mask[2] << 8 | mask[3];
	if (v & (~v >> 1))	/* a one after a zero */
		return -1;
	*plen = __builtin_popcount(v);
	return 0;
}

int inet_parse_prefix(struct inet_prefix *p, const char *s, int family)
{
	char addr[INET_STRLEN];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);

	if (!slash && is_any_word(s)) {
		memset(p, 0, sizeof(*p));
		if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
			return -1;
		p->family = family;
		p->any = true;
		/* iproute2 counts only "default" as a given length: without a
		 * family, "show all" is no filter, "show default" is /0. */
		p->has_len = !strcmp(s, "default");
		return 0;
	}
	if (n >= sizeof(addr))
		return -1;
	memcpy(addr, s, n);
	addr[n] = '\0';
	if (inet_parse_addr(p, addr, family) < 0)
		return -1;
	if (slash) {
		if (parse_plen(slash + 1, inet_family_bits(p->family), &p->bitlen) < 0)
			return -1;
		p->has_len = true;
	}
	return 0;
}

int inet_get_addr(struct inet_prefix *a, const char *s, int family)
{
	if (inet_parse_addr(a, s, family) == 0)
		return 0;
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

const char *inet_ntop_raw(int family, const void *data, char *buf)
{
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
