/* Link-layer addresses as iproute2 reads and prints them
 * (ll_addr_a2n / ll_addr_n2a): "aa:bb:cc:dd:ee:ff", one hex byte per
 * colon-separated part, or a dotted IPv4 address for 4-byte addresses. */
#ifndef IPBOX_LLADDR_H
#define IPBOX_LLADDR_H

#include <stddef.h>

#define LLADDR_MAX 32			/* bytes of any link-layer address */
#define LLADDR_STRLEN (LLADDR_MAX * 3)	/* its text, NUL included */

/* The number of bytes read into out, or -1 after printing iproute2's
 * `"PART" is invalid lladdr.` */
int lladdr_parse(const char *s, unsigned char *out, size_t max);
/* "aa:bb:cc": lowercase hex bytes joined by colons. */
const char *lladdr_format(const unsigned char *addr, size_t len, char buf[LLADDR_STRLEN]);

#endif
