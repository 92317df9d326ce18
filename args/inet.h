/* Internet addresses and prefixes on the command line, read and written
 * as iproute2 does (get_addr/get_prefix, rt_addr_n2a): "10.1/16",
 * "2001:db8::/64", "default", "any", "all".  Shared by route, neigh,
 * addr and nat. */
#ifndef IPBOX_INET_H
#define IPBOX_INET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INET_STRLEN 64		/* enough for any address, "/128" and NUL */

/* A hex digit's value plus one; 0: not a hex digit. */
extern const uint8_t inet_hex1[256];

/* A hex digit's value, or -1 (by the table: two instructions). */
static inline int inet_hex_digit(char c)
{
	return inet_hex1[(unsigned char)c] - 1;
}

/* iproute2's inet_prefix.  Its sentinels are flags here: bitlen -2
 * ("default", "any", "all") is `any` with bitlen 0, and bitlen -1 (an
 * address, no "/N") is the full length with has_len false. */
struct inet_prefix {
	int family;		/* AF_INET, AF_INET6; for "default"/"any"/"all" the
				 * family asked, so AF_UNSPEC without one; AF_PACKET
				 * from inet_get_addr(..., AF_PACKET) */
	int bitlen;		/* prefix length; the full length for an address */
	int bytelen;		/* bytes of data: "default" has its family's
				 * (0 for AF_UNSPEC), "any"/"all" none */
	bool any;		/* it was "default", "any" or "all" */
	bool has_len;		/* PREFIXLEN_SPECIFIED: a "/N" was given, or
				 * it was "default" (not any/all) */
	uint8_t data[256];	/* iproute2's size: up to 64 MPLS labels */
};

/* Parse an address (no "/N") or a prefix in `family` (AF_UNSPEC: guess
 * from the text), as iproute2's get_addr_1 / get_prefix_1 (AF_MPLS: a
 * label stack "100/200", 4 bytes a label, the last one marked): IPv4 parts
 * are read by strtoul base 0 ("010.1" is 8.1.0.0, "0x0b" is 11), 1-4 of
 * them; the length is a number (base 0) or a dotted netmask; a word
 * takes no "/N".  0 on success, -1 when it is not one. */
int inet_parse_addr(struct inet_prefix *a, const char *s, int family);
int inet_parse_prefix(struct inet_prefix *p, const char *s, int family);

/* A link-layer address word: "aa:bb:cc..." (one or two hex digits a
 * byte) or a dotted IPv4 address (tunnels), at most max bytes into out;
 * the byte count, or -1 after iproute2's `"X" is invalid lladdr.` */
int lladdr_pton(const char *s, uint8_t *out, size_t max);

/* The same, printing iproute2's error and returning EXIT_FAIL on failure:
 * `Error: inet prefix is expected rather than "1.2.3.4/33".`  With
 * AF_PACKET (-0, -f link) inet_get_addr reads a link-layer address and
 * inet_get_prefix refuses: `Error: "X" may be inet prefix, but it is not
 * allowed in this context.` */
int inet_get_addr(struct inet_prefix *a, const char *s, int family);
int inet_get_prefix(struct inet_prefix *p, const char *s, int family);

/* "inet", "inet6", "link" (AF_PACKET), "mpls", "bridge", or "any
 * valid" for AF_UNSPEC (iproute2's family_name_verbose). */
const char *inet_family_name(int family);
/* iproute2's read_family: the family a word before an address names
 * (inet, inet6, link, mpls, bridge), or AF_UNSPEC. */
int inet_family_word(const char *word);
/* 32, 128, or 0 for a family that has no addresses. */
int inet_family_bits(int family);
/* An attribute's raw address in text; buf holds INET_STRLEN bytes. */
const char *inet_ntop_raw(int family, const void *data, char *buf);

/* -r (iproute2's resolve_hosts): inet_host() names an address by reverse
 * lookup (/etc/hosts, DNS), as iproute2's format_host does, remembering
 * each answer (a failed one too) in a small table; without -r, or with
 * no name, it is inet_ntop_raw's text in buf. */
extern bool inet_resolve;
const char *inet_host(int family, const void *data, char *buf);
/* Whether the first `bits` bits of data equal the prefix's. */
bool inet_prefix_covers(const struct inet_prefix *p, const uint8_t *data, int bits);

#endif
