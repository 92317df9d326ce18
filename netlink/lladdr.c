#include "lladdr.h"

#include "../args/args.h"
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

/* ARPHRD types by name, as iproute2's table has them: the numbers in
 * one array, the names in a pool in the same order. */
#define LLTYPES(X) \
	X(ARPHRD_NETROM, "netrom") X(ARPHRD_ETHER, "ether") \
	X(ARPHRD_EETHER, "eether") X(ARPHRD_AX25, "ax25") \
	X(ARPHRD_PRONET, "pronet") X(ARPHRD_CHAOS, "chaos") \
	X(ARPHRD_IEEE802, "ieee802") X(ARPHRD_ARCNET, "arcnet") \
	X(ARPHRD_APPLETLK, "atalk") X(ARPHRD_DLCI, "dlci") X(ARPHRD_ATM, "atm") \
	X(ARPHRD_METRICOM, "metricom") X(ARPHRD_IEEE1394, "ieee1394") \
	X(ARPHRD_INFINIBAND, "infiniband") X(ARPHRD_SLIP, "slip") \
	X(ARPHRD_CSLIP, "cslip") X(ARPHRD_SLIP6, "slip6") \
	X(ARPHRD_CSLIP6, "cslip6") X(ARPHRD_RSRVD, "rsrvd") \
	X(ARPHRD_ADAPT, "adapt") X(ARPHRD_ROSE, "rose") X(ARPHRD_X25, "x25") \
	X(ARPHRD_HWX25, "hwx25") X(ARPHRD_CAN, "can") X(ARPHRD_PPP, "ppp") \
	X(ARPHRD_HDLC, "hdlc") X(ARPHRD_LAPB, "lapb") X(ARPHRD_DDCMP, "ddcmp") \
	X(ARPHRD_RAWHDLC, "rawhdlc") X(ARPHRD_TUNNEL, "ipip") \
	X(ARPHRD_TUNNEL6, "tunnel6") X(ARPHRD_FRAD, "frad") \
	X(ARPHRD_SKIP, "skip") X(ARPHRD_LOOPBACK, "loopback") \
	X(ARPHRD_LOCALTLK, "ltalk") X(ARPHRD_FDDI, "fddi") X(ARPHRD_BIF, "bif") \
	X(ARPHRD_SIT, "sit") X(ARPHRD_IPDDP, "ip/ddp") X(ARPHRD_IPGRE, "gre") \
	X(ARPHRD_PIMREG, "pimreg") X(ARPHRD_HIPPI, "hippi") \
	X(ARPHRD_ASH, "ash") X(ARPHRD_ECONET, "econet") X(ARPHRD_IRDA, "irda") \
	X(ARPHRD_FCPP, "fcpp") X(ARPHRD_FCAL, "fcal") X(ARPHRD_FCPL, "fcpl") \
	X(ARPHRD_FCFABRIC, "fcfb0") X(ARPHRD_IEEE802_TR, "tr") \
	X(ARPHRD_IEEE80211, "ieee802.11") \
	X(ARPHRD_IEEE80211_PRISM, "ieee802.11/prism") \
	X(ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap") \
	X(ARPHRD_IEEE802154, "ieee802.15.4") \
	X(ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor") \
	X(ARPHRD_PHONET, "phonet") X(ARPHRD_PHONET_PIPE, "phonet_pipe") \
	X(ARPHRD_CAIF, "caif") X(ARPHRD_IP6GRE, "gre6") \
	X(ARPHRD_NETLINK, "netlink") X(ARPHRD_6LOWPAN, "6lowpan") \
	X(ARPHRD_NONE, "none") X(ARPHRD_VOID, "void")
#define LLTYPE_ID(type, name) type,
#define LLTYPE_NAME(type, name) name "\0"
static const uint16_t lltype_ids[] = { LLTYPES(LLTYPE_ID) };
static const char lltype_names[] = LLTYPES(LLTYPE_NAME);

const char *lltype_name(unsigned int type, char *buf, size_t size)
{
	for (size_t i = 0; !names_numeric && i < sizeof(lltype_ids) / sizeof(lltype_ids[0]); i++)
		if (lltype_ids[i] == type)
			return pool_nth(lltype_names, i);
	snprintf(buf, size, "[%u]", type);
	return buf;
}
