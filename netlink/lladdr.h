/* Link-layer addresses and hardware types, as iproute2 writes them:
 * "aa:bb:..." hex bytes (tunnels show their IP endpoint instead), and
 * ARPHRD_* numbers by name ("ether", "loopback", "none", ...).  Reading
 * one from a word is lladdr_pton's (args/inet.h). */
#ifndef IPBOX_LLADDR_H
#define IPBOX_LLADDR_H

#include <stddef.h>
#include <stdint.h>

#define LLADDR_MAX 32		/* MAX_ADDR_LEN */
#define LLADDR_STRLEN (LLADDR_MAX * 3 + 1)

const char *lladdr_ntop(const uint8_t *a, size_t len, unsigned int type,
			char *buf, size_t size);
const char *lltype_name(unsigned int type, char *buf, size_t size);

#endif
