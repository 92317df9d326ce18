#include "lladdr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "inet.h"

static int invalid(const char *part)
{
	fprintf(stderr, "\"%s\" is invalid lladdr.\n", part);
	return -1;
}

/* One part: hex digits as sscanf("%x") takes them (leading blanks, a sign
 * or "0x", then anything), 0-255. */
static int parse_byte(const char *part, unsigned char *byte)
{
	unsigned int v;

	if (sscanf(part, "%x", &v) != 1 || v > 255)
		return invalid(part);
	*byte = (unsigned char)v;
	return 0;
}

int lladdr_parse(const char *s, unsigned char *out, size_t max)
{
	char part[LLADDR_STRLEN];
	size_t n = 0;

	if (strchr(s, '.')) {
		struct inet_prefix a;

		if (inet_parse_addr(&a, s, AF_INET) < 0 || a.any)
			return invalid(s);
		if (max < 4)
			return -1;
		memcpy(out, a.data, 4);
		return 4;
	}
	while (n < max) {
		const char *colon = strchr(s, ':');
		size_t len = colon ? (size_t)(colon - s) : strlen(s);

		if (len >= sizeof(part))
			return invalid(s);
		memcpy(part, s, len);
		part[len] = '\0';
		if (parse_byte(part, &out[n]) < 0)
			return -1;
		n++;
		if (!colon)
			break;
		s = colon + 1;
	}
	return (int)n;
}

const char *lladdr_format(const unsigned char *addr, size_t len, char buf[LLADDR_STRLEN])
{
	size_t pos = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < len && i < LLADDR_MAX; i++)
		pos += (size_t)snprintf(buf + pos, LLADDR_STRLEN - pos, i ? ":%02x" : "%02x", addr[i]);
	return buf;
}
