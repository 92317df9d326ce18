/* Addresses and prefixes as iproute2 reads and prints them (args/inet.c). */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "../../args/inet.h"
#include "unit.h"

static void test_ipv4_prefixes(void)
{
	struct inet_prefix p;

	CHECK(inet_parse_prefix(&p, "10.1.2.0/24", AF_UNSPEC) == 0);
	CHECK(p.family == AF_INET && p.bitlen == 24 && p.bytelen == 4 && p.has_len);
	CHECK(p.data[0] == 10 && p.data[1] == 1 && p.data[2] == 2 && p.data[3] == 0);
	/* short forms fill with zeros, a netmask is a length */
	CHECK(inet_parse_prefix(&p, "10/8", AF_INET) == 0 && p.bitlen == 8 && p.data[1] == 0);
	CHECK(inet_parse_prefix(&p, "10.0.0.0/255.255.0.0", AF_UNSPEC) == 0 && p.bitlen == 16);
	CHECK(inet_parse_prefix(&p, "10.0.0.0/255.0.255.0", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "1.2.3.4", AF_UNSPEC) == 0 && p.bitlen == 32 && !p.has_len);
	CHECK(inet_parse_prefix(&p, "1.2.3.4/33", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "300.1.1.1", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "1.2.3.4.5", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "1.2.3.4/", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "1.2.3.4/3", AF_UNSPEC) == 0 && p.bitlen == 3);
	CHECK(inet_parse_prefix(&p, "1.2.3.4/32x", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "1.2.3.4", AF_INET6) < 0);
	/* decimal by hand, the rest as strtoul base 0 reads it */
	CHECK(inet_parse_prefix(&p, "010.0x0b.0.255/024", AF_UNSPEC) == 0 && p.data[0] == 8 &&
	      p.data[1] == 11 && p.data[3] == 255 && p.bitlen == 20);
	CHECK(inet_parse_prefix(&p, "0.00.1.256", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "1.2.3.0/0", AF_UNSPEC) == 0 && p.bitlen == 0);
	CHECK(inet_parse_prefix(&p, "1.2.3.0/+8", AF_UNSPEC) == 0 && p.bitlen == 8);
	CHECK(inet_parse_prefix(&p, "1.2.3.0/4294967296", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "1.2.3.0/0000000000032", AF_UNSPEC) == 0 && p.bitlen == 26);
	CHECK(inet_parse_prefix(&p, "1.2.3.0/0000000000030", AF_UNSPEC) == 0 && p.bitlen == 24);
}

static void test_ipv6_prefixes(void)
{
	struct inet_prefix p;

	CHECK(inet_parse_prefix(&p, "2001:db8::/32", AF_UNSPEC) == 0);
	CHECK(p.family == AF_INET6 && p.bitlen == 32 && p.bytelen == 16);
	CHECK(p.data[0] == 0x20 && p.data[1] == 0x01 && p.data[2] == 0x0d && p.data[3] == 0xb8);
	CHECK(inet_parse_prefix(&p, "::1/129", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "::1/128", AF_UNSPEC) == 0 && p.bitlen == 128);
	CHECK(inet_parse_prefix(&p, "::1", AF_INET) < 0);
	/* iproute2's get_netmask takes a dotted mask in any family */
	CHECK(inet_parse_prefix(&p, "2001:db8::/255.255.0.0", AF_UNSPEC) == 0 && p.bitlen == 16);
	CHECK(inet_parse_prefix(&p, "2001:db8::/255.0.255.0", AF_UNSPEC) < 0);
}

static void test_default(void)
{
	struct inet_prefix p;

	/* "default" has a length (0) and no bytes; its family is the one asked */
	CHECK(inet_parse_prefix(&p, "default", AF_UNSPEC) == 0);
	CHECK(p.family == AF_UNSPEC && p.any && p.has_len && p.bitlen == 0 && p.bytelen == 0);
	CHECK(inet_parse_prefix(&p, "all", AF_INET6) == 0 && p.family == AF_INET6 && p.any);
	CHECK(inet_parse_prefix(&p, "any", AF_UNSPEC) == 0 && !p.has_len);
	/* as an address it keeps the family asked, as iproute2's get_addr_1:
	 * "any" has no bytes, "default" its family's (none for AF_UNSPEC) */
	CHECK(inet_parse_addr(&p, "any", AF_UNSPEC) == 0 && p.family == AF_UNSPEC && p.any);
	CHECK(p.bytelen == 0 && !p.has_len);
	CHECK(inet_parse_addr(&p, "any", AF_INET) == 0 && p.family == AF_INET && p.bytelen == 0);
	CHECK(inet_parse_addr(&p, "default", AF_INET6) == 0 && p.family == AF_INET6);
	CHECK(p.bytelen == 16 && p.has_len && p.any);
	/* a word takes no length; as a netmask it is /0 */
	CHECK(inet_parse_prefix(&p, "default/8", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "any/0", AF_INET) < 0);
	CHECK(inet_parse_prefix(&p, "1.0.0.0/default", AF_UNSPEC) == 0 && p.bitlen == 0 && p.has_len);
}

static void test_strtoul_parts(void)
{
	struct inet_prefix p;

	/* iproute2 reads IPv4 parts with strtoul base 0: octal and hex */
	CHECK(inet_parse_prefix(&p, "010.1.0.0/16", AF_UNSPEC) == 0);
	CHECK(p.data[0] == 8 && p.data[1] == 1 && p.bitlen == 16);
	CHECK(inet_parse_prefix(&p, "0x0b.0/16", AF_UNSPEC) == 0);
	CHECK(p.data[0] == 11 && p.data[1] == 0 && p.bitlen == 16);
	CHECK(inet_parse_addr(&p, "013.0.0.1", AF_INET) == 0 && p.data[0] == 11 && p.data[3] == 1);
	CHECK(inet_parse_addr(&p, "0377.0xff.255.0", AF_UNSPEC) == 0 && p.data[0] == 255 && p.data[1] == 255);
	CHECK(inet_parse_addr(&p, "0400.0.0.1", AF_UNSPEC) < 0);
	CHECK(inet_parse_addr(&p, "09.0.0.1", AF_UNSPEC) < 0);
	CHECK(inet_parse_addr(&p, "0x100.0.0.1", AF_UNSPEC) < 0);
	CHECK(inet_parse_addr(&p, "1..2", AF_UNSPEC) < 0);
	CHECK(inet_parse_addr(&p, "1.2.3.", AF_UNSPEC) < 0);
	/* the length too: "0x8", "+8", " 8"; not "-24", not "8x" */
	CHECK(inet_parse_prefix(&p, "1.0.0.0/0x8", AF_UNSPEC) == 0 && p.bitlen == 8);
	CHECK(inet_parse_prefix(&p, "1.0.0.0/+8", AF_UNSPEC) == 0 && p.bitlen == 8);
	CHECK(inet_parse_prefix(&p, "1.0.0.0/010", AF_UNSPEC) == 0 && p.bitlen == 8);
	CHECK(inet_parse_prefix(&p, "1.0.0.0/255.0", AF_UNSPEC) == 0 && p.bitlen == 8);
	CHECK(inet_parse_prefix(&p, "1.0.0.0/-24", AF_UNSPEC) < 0);
	CHECK(inet_parse_prefix(&p, "1.0.0.0/8x", AF_UNSPEC) < 0);
}

static void test_errors(void)
{
	struct inet_prefix p;

	CHECK(inet_get_prefix(&p, "1.2.3.4/33", AF_UNSPEC) != 0);
	CHECK(inet_get_prefix(&p, "300.1.1.1", AF_INET) != 0);
	CHECK(inet_get_prefix(&p, "::1/129", AF_INET6) != 0);
	CHECK(inet_get_prefix(&p, "1.2.3.0/24", AF_PACKET) != 0);
	CHECK(inet_get_addr(&p, "1:2:3:4:5:6", AF_PACKET) == 0 && p.family == AF_PACKET);
	CHECK(p.bytelen == 6 && p.data[5] == 6);
	CHECK_STR(inet_family_name(AF_PACKET), "link");
}

static void test_covers(void)
{
	struct inet_prefix p;
	uint8_t a[16];

	inet_parse_prefix(&p, "10.1.0.0/16", AF_UNSPEC);
	inet_pton(AF_INET, "10.1.200.7", a);
	CHECK(inet_prefix_covers(&p, a, 16));
	CHECK(!inet_prefix_covers(&p, a, 17));
	inet_pton(AF_INET, "10.0.255.255", a);
	CHECK(inet_prefix_covers(&p, a, 15) && !inet_prefix_covers(&p, a, 16));
	CHECK(inet_prefix_covers(&p, a, 0));
}

static void test_names_and_text(void)
{
	char buf[INET_STRLEN];
	uint8_t a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	CHECK_STR(inet_family_name(AF_INET), "inet");
	CHECK_STR(inet_family_name(AF_INET6), "inet6");
	CHECK_STR(inet_family_name(AF_UNSPEC), "any valid");
	CHECK(inet_family_bits(AF_INET) == 32 && inet_family_bits(AF_INET6) == 128);
	CHECK_STR(inet_ntop_raw(AF_INET6, a, buf), "2001:db8::1");
}

/* inet_ntop_raw formats IPv4 by hand: it must agree with libc's on every
 * octet value in every position. */
static void test_ipv4_text_as_libc(void)
{
	char ours[INET_STRLEN], libc[INET_STRLEN];
	uint8_t a[4];

	for (unsigned int v = 0; v < 256 * 4; v++) {
		memset(a, (int)(v * 7 % 256), sizeof(a));
		a[v / 256] = (uint8_t)(v % 256);
		inet_ntop(AF_INET, a, libc, sizeof(libc));
		CHECK_STR(inet_ntop_raw(AF_INET, a, ours), libc);
	}
}

static unsigned int lcg(unsigned int *seed)
{
	*seed = *seed * 1103515245 + 12345;
	return *seed >> 16;
}

/* inet_ntop_raw formats IPv6 by hand: it must agree with libc's for
 * every pattern of zero and non-zero words (where "::" goes, ties, the
 * embedded IPv4 forms), with word values of every width, and at random. */
static void test_ipv6_text_as_libc(void)
{
	static const uint16_t values[] = { 1, 0xf, 0x10, 0xab, 0x100, 0xfff, 0x1000, 0xffff, 0x2001 };
	char ours[INET_STRLEN], libc[INET_STRLEN];
	unsigned int seed = 19;
	uint8_t a[16];

	for (unsigned int zeros = 0; zeros < 256; zeros++)
		for (size_t v = 0; v < (sizeof(values) / sizeof(values[0])); v++)
			for (int ffff = 0; ffff < 2; ffff++) {
				for (int i = 0; i < 8; i++) {
					uint16_t w = zeros & (1u << i) ? 0 : values[(v + (size_t)i) % (sizeof(values) / sizeof(values[0]))];

					if (ffff && i == 5 && w)
						w = 0xffff;
					a[2 * i] = (uint8_t)(w >> 8), a[2 * i + 1] = (uint8_t)w;
				}
				inet_ntop(AF_INET6, a, libc, sizeof(libc));
				CHECK_STR(inet_ntop_raw(AF_INET6, a, ours), libc);
			}
	for (int n = 0; n < 20000; n++) {
		for (int i = 0; i < 16; i++)
			a[i] = (uint8_t)(lcg(&seed) % 4 ? 0 : lcg(&seed));
		inet_ntop(AF_INET6, a, libc, sizeof(libc));
		CHECK_STR(inet_ntop_raw(AF_INET6, a, ours), libc);
	}
}

/* IPv6 is read by hand in its usual forms and by inet_pton otherwise:
 * every string made of a few hex groups, colons and dots must give what
 * inet_pton gives (accepted or not, and the same bytes). */
static void test_ipv6_as_libc(void)
{
	static const char *const bits[] = { "0", "1", "db8", "ffff", "fFfF", "12345", "", ":", "::",
					    ":::", "1.2.3.4", "01.2.3.4", "g", "2001" };
	struct inet_prefix p;
	uint8_t libc[16];
	char s[160];
	unsigned int seed = 1;

	for (int i = 0; i < 200000; i++) {
		size_t len = 0;
		unsigned int parts = 1 + lcg(&seed) % 12;

		s[0] = '\0';
		for (unsigned int k = 0; k < parts; k++) {
			const char *b = bits[lcg(&seed) % (sizeof(bits) / sizeof(bits[0]))];
			const char *sep = k && lcg(&seed) % 4 ? ":" : "";

			len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%s", sep, b);
		}
		if (!strchr(s, ':'))
			continue;
		memset(libc, 0, sizeof(libc));
		int want = inet_pton(AF_INET6, s, libc) > 0;
		int got = inet_parse_addr(&p, s, AF_UNSPEC) == 0;

		if (want != got || (want && memcmp(p.data, libc, 16)))
			fprintf(stderr, "differs from inet_pton: %s\n", s);
		CHECK(want == got);
		if (want && got)
			CHECK(!memcmp(p.data, libc, 16) && p.family == AF_INET6 && p.bitlen == 128);
	}
	/* the usual forms */
	CHECK(inet_parse_addr(&p, "2001:db8:1:2::", AF_UNSPEC) == 0 && p.data[5] == 1 && p.data[7] == 2);
	CHECK(inet_parse_addr(&p, "::", AF_UNSPEC) == 0 && p.data[15] == 0);
	CHECK(inet_parse_addr(&p, "1:2:3:4:5:6:7::8", AF_UNSPEC) < 0);
	CHECK(inet_parse_addr(&p, "1:2:3:4:5:6:7:8", AF_UNSPEC) == 0 && p.data[15] == 8);
}

int main(void)
{
	RUN(test_ipv4_prefixes);
	RUN(test_ipv6_prefixes);
	RUN(test_default);
	RUN(test_strtoul_parts);
	RUN(test_errors);
	RUN(test_covers);
	RUN(test_names_and_text);
	RUN(test_ipv4_text_as_libc);
	RUN(test_ipv6_text_as_libc);
	RUN(test_ipv6_as_libc);
	return unit_done();
}
