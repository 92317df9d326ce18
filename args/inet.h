/* Internet addresses and prefixes on the command line, read and written
 * as iproute2 does (get_addr/get_prefix, rt_addr_n2a): "10.1/16",
 * "2001:db8::/64", "default", "any", "all".  Shared by route, neigh,
 * addr and nat. */
#ifndef IPBOX_INET_H
#define IPBOX_INET_H

#include <stdbool.h>
#include <stdint.h>

#define INET_STRLEN 64		/* enough for any address, "/128" and NUL */

struct inet_prefix {
	int family;		/* AF_INET, AF_INET6; AF_UNSPEC only for "default" */
	int bitlen;		/* prefix length; the full length for an address */
	int bytelen;		/* bytes of data the address has (0 for "default") */
	bool any;		/* it was "default", "any" or "all" */
	bool has_len;		/* a "/N" was given, or it was "default" (not any/all) */
	uint8_t data[16];
};

/* Parse an address (no "/N") or a prefix in `family` (AF_UNSPEC: guess
 * from the text).  0 on success, -1 when it is not one. */
int inet_parse_addr(struct inet_prefix *a, const char *s, int family);
int inet_parse_prefix(struct inet_prefix *p, const char *s, int family);

/* The same, printing iproute2's error and returning EXIT_FAIL on failure:
 * `Error: inet prefix is expected rather than "1.2.3.4/33".` */
int inet_get_addr(struct inet_prefix *a, const char *s, int family);
int inet_get_prefix(struct inet_prefix *p, const char *s, int family);

/* "inet", "inet6", or "any valid" for AF_UNSPEC (iproute2's wording). */
const char *inet_family_name(int family);
/* 32, 128, or 0 for a family that has no addresses. */
int inet_family_bits(int family);
/* An attribute's raw address in text; buf holds INET_STRLEN bytes. */
const char *inet_ntop_raw(int family, const void *data, char *buf);
/* Whether the first `bits` bits of data equal the prefix's. */
bool inet_prefix_covers(const struct inet_prefix *p, const uint8_t *data, int bits);

#endif
