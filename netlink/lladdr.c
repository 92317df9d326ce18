#include "lladdr.h"

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

/* ARPHRD types by name, as iproute2's table has them: the numbers in
 * one array, the names in a pool of NUL-ended strings in the same order
 * (no pointer and relocation for each: the binary's size budget). */
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
static const struct name_pool lltypes = NAME_POOL(lltype_ids, lltype_names);

const char *lltype_name(unsigned int type, char *buf, size_t size)
{
	const char *name = names_numeric ? NULL : name_pool_name(&lltypes, type);

	if (name)
		return name;
	snprintf(buf, size, "[%u]", type);
	return buf;
}
