/* Addresses and prefixes as iproute2 reads them (get_addr, get_prefix):
 * "default", "all"/"any", IPv6 with ':', and IPv4 in its loose forms
 * ("10", "10.1", octal and hex parts) with "/LEN" or "/MASK". */
#include "link.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static int ipv4_loose(uint8_t *ap, const char *cp)
{
	for (int i = 0; i < 4; i++) {
		unsigned long n;
		char *end;

		n = strtoul(cp, &end, 0);
		if (n > 255 || end == cp)
			return -1;
		ap[i] = (uint8_t)n;
		if (*end == '\0')
			break;
		if (i == 3 || *end != '.')
			return -1;
		cp = end + 1;
	}
	return 0;
}

/* bitlen -1: no length given; -2: default/any. */
static int addr_parse(struct prefix *a, const char *s, int family)
{
	memset(a, 0, sizeof(*a));
	if (!strcmp(s, "default") || !strcmp(s, "all") || !strcmp(s, "any")) {
		a->family = family;
		a->bytelen = !strcmp(s, "default") ?
			(family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0) : 0;
		a->bitlen = -2;
		return 0;
	}
	if (strchr(s, ':')) {
		a->family = AF_INET6;
		if (family != AF_UNSPEC && family != AF_INET6)
			return -1;
		if (inet_pton(AF_INET6, s, a->data) <= 0)
			return -1;
		a->bytelen = 16;
		a->bitlen = -1;
		return 0;
	}
	a->family = AF_INET;
	if (family != AF_UNSPEC && family != AF_INET)
		return -1;
	if (ipv4_loose(a->data, s) < 0)
		return -1;
	a->bytelen = 4;
	a->bitlen = -1;
	return 0;
}

static int mask_bits(const uint8_t *m)
{
	uint32_t v = ((uint32_t)m[0] << 24) | ((uint32_t)m[1] << 16) | ((uint32_t)m[2] << 8) | m[3];
	int bits = 0;

	while (v & 0x80000000u) {
		bits++;
		v <<= 1;
	}
	return v ? -1 : bits;
}

static int netmask_parse(const char *s, unsigned int *plen)
{
	struct prefix m;
	unsigned long v;
	char *end;

	if (*s) {
		errno = 0;
		v = strtoul(s, &end, 0);
		if (end != s && !*end && !errno && v <= 0xffffffffUL) {
			*plen = (unsigned int)v;
			return 0;
		}
	}
	if (addr_parse(&m, s, AF_INET) == 0 && m.family == AF_INET) {
		int b = mask_bits(m.data);

		if (b >= 0) {
			*plen = (unsigned int)b;
			return 0;
		}
	}
	return -1;
}

static int prefix_parse_1(const char *arg, int family, struct prefix *p, bool *len_given)
{
	char word[256];
	const char *slash = strchr(arg, '/');
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);
	int bitlen;

	*len_given = false;
	if (n >= sizeof(word))
		return -1;
	memcpy(word, arg, n);
	word[n] = '\0';
	if (addr_parse(p, word, family) < 0)
		return -1;
	bitlen = p->family == AF_INET ? 32 : p->family == AF_INET6 ? 128 : 0;
	if (slash) {
		unsigned int plen;

		if (p->bitlen == -2 || netmask_parse(slash + 1, &plen) < 0 || plen > (unsigned)bitlen)
			return -1;
		bitlen = (int)plen;
		*len_given = true;
	} else if (p->bitlen == -2) {
		bitlen = 0;
	}
	p->bitlen = bitlen;
	return 0;
}

static const char *family_verbose(int family)
{
	return family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" :
	       family == AF_PACKET ? "link" : "any valid";
}

int prefix_parse(const char *s, int family, struct prefix *p, bool is_prefix)
{
	bool len_given;

	if (family == AF_PACKET) {
		fprintf(stderr, "Error: \"%s\" may be inet %s, but it is not allowed in this context.\n",
			s, is_prefix ? "prefix" : "address");
		return -1;
	}
	if (is_prefix) {
		if (prefix_parse_1(s, family, p, &len_given) < 0) {
			fprintf(stderr, "Error: %s prefix is expected rather than \"%s\".\n",
				family_verbose(family), s);
			return -1;
		}
		p->len_given = len_given;
		return 0;
	}
	if (addr_parse(p, s, family) < 0) {
		fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
			family_verbose(family), s);
		return -1;
	}
	return 0;
}

int prefix_match(const struct prefix *want, const void *addr, size_t len)
{
	int bits = want->bitlen;
	const uint8_t *a = addr, *b = want->data;
	int bytes = bits / 8;

	if (want->family == AF_UNSPEC || bits <= 0)
		return 0;
	if ((size_t)want->bytelen != len)
		return -1;
	if (bytes && memcmp(a, b, (size_t)bytes))
		return -1;
	bits %= 8;
	if (bits) {
		uint8_t mask = (uint8_t)(0xff << (8 - bits));

		if ((a[bytes] ^ b[bytes]) & mask)
			return 1;
	}
	return 0;
}
