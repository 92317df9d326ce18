#include "lladdr.h"

#include "../args/inet.h"
#include "../names/names.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_arp.h>

const char *lladdr_ntop(const uint8_t *a, size_t len, unsigned int type,
			char *buf, size_t size)
{
	size_t used;

	if (len == 4 && (type == ARPHRD_TUNNEL || type == ARPHRD_SIT || type == ARPHRD_IPGRE))
		return inet_ntop(AF_INET, a, buf, (socklen_t)size);
	if (len == 16 && (type == ARPHRD_TUNNEL6 || type == ARPHRD_IP6GRE))
		return inet_ntop(AF_INET6, a, buf, (socklen_t)size);
	/* By hand: snprintf per byte was a third of a link dump. */
	used = 0;
	for (size_t i = 0; i < len && used + 4 <= size; i++) {
		if (i)
			buf[used++] = ':';
		buf[used++] = "0123456789abcdef"[a[i] >> 4];
		buf[used++] = "0123456789abcdef"[a[i] & 15];
	}
	buf[used] = '\0';
	return buf;
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
	char word[LLADDR_STRLEN * 2];
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

static const struct { unsigned int type; const char *name; } lltypes[] = {
	{ ARPHRD_NETROM, "netrom" }, { ARPHRD_ETHER, "ether" },
	{ ARPHRD_EETHER, "eether" }, { ARPHRD_AX25, "ax25" },
	{ ARPHRD_PRONET, "pronet" }, { ARPHRD_CHAOS, "chaos" },
	{ ARPHRD_IEEE802, "ieee802" }, { ARPHRD_ARCNET, "arcnet" },
	{ ARPHRD_APPLETLK, "atalk" }, { ARPHRD_DLCI, "dlci" },
	{ ARPHRD_ATM, "atm" }, { ARPHRD_METRICOM, "metricom" },
	{ ARPHRD_IEEE1394, "ieee1394" }, { ARPHRD_INFINIBAND, "infiniband" },
	{ ARPHRD_SLIP, "slip" }, { ARPHRD_CSLIP, "cslip" },
	{ ARPHRD_SLIP6, "slip6" }, { ARPHRD_CSLIP6, "cslip6" },
	{ ARPHRD_RSRVD, "rsrvd" }, { ARPHRD_ADAPT, "adapt" },
	{ ARPHRD_ROSE, "rose" }, { ARPHRD_X25, "x25" },
	{ ARPHRD_HWX25, "hwx25" }, { ARPHRD_CAN, "can" },
	{ ARPHRD_PPP, "ppp" }, { ARPHRD_HDLC, "hdlc" },
	{ ARPHRD_LAPB, "lapb" }, { ARPHRD_DDCMP, "ddcmp" },
	{ ARPHRD_RAWHDLC, "rawhdlc" }, { ARPHRD_TUNNEL, "ipip" },
	{ ARPHRD_TUNNEL6, "tunnel6" }, { ARPHRD_FRAD, "frad" },
	{ ARPHRD_SKIP, "skip" }, { ARPHRD_LOOPBACK, "loopback" },
	{ ARPHRD_LOCALTLK, "ltalk" }, { ARPHRD_FDDI, "fddi" },
	{ ARPHRD_BIF, "bif" }, { ARPHRD_SIT, "sit" },
	{ ARPHRD_IPDDP, "ip/ddp" }, { ARPHRD_IPGRE, "gre" },
	{ ARPHRD_PIMREG, "pimreg" }, { ARPHRD_HIPPI, "hippi" },
	{ ARPHRD_ASH, "ash" }, { ARPHRD_ECONET, "econet" },
	{ ARPHRD_IRDA, "irda" }, { ARPHRD_FCPP, "fcpp" },
	{ ARPHRD_FCAL, "fcal" }, { ARPHRD_FCPL, "fcpl" },
	{ ARPHRD_FCFABRIC, "fcfb0" }, { ARPHRD_IEEE802_TR, "tr" },
	{ ARPHRD_IEEE80211, "ieee802.11" },
	{ ARPHRD_IEEE80211_PRISM, "ieee802.11/prism" },
	{ ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap" },
	{ ARPHRD_IEEE802154, "ieee802.15.4" },
	{ ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor" },
	{ ARPHRD_PHONET, "phonet" }, { ARPHRD_PHONET_PIPE, "phonet_pipe" },
	{ ARPHRD_CAIF, "caif" }, { ARPHRD_IP6GRE, "gre6" },
	{ ARPHRD_NETLINK, "netlink" }, { ARPHRD_6LOWPAN, "6lowpan" },
	{ ARPHRD_NONE, "none" }, { ARPHRD_VOID, "void" },
};

const char *lltype_name(unsigned int type, char *buf, size_t size)
{
	for (size_t i = 0; !names_numeric && i < sizeof(lltypes) / sizeof(lltypes[0]); i++)
		if (lltypes[i].type == type)
			return lltypes[i].name;
	snprintf(buf, size, "[%u]", type);
	return buf;
}
