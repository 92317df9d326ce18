/* What the printers of routes, nexthops and rules print alike (see
 * rta_print.h): address attributes, colours, gateways, nexthop flags. */
#include "rta_print.h"

#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "../args/inet.h"
#include "ipbox.h"

/* The address in an attribute, or NULL when it is too short for family. */
static const uint8_t *rta_addr(const struct nlattr *a, int family)
{
	int bytes = inet_family_bits(family) / 8;

	if (!a || !bytes || mnl_attr_get_payload_len(a) < (uint16_t)bytes)
		return NULL;
	return mnl_attr_get_payload(a);
}

enum pcolor family_color(int family)
{
	return family == AF_INET6 ? COLOR_INET6 : family == AF_INET ? COLOR_INET : COLOR_NONE;
}

const char *rta_ntop(const struct nlattr *a, int family, char *buf)
{
	const uint8_t *addr = rta_addr(a, family);

	if (!addr)
		return strcpy(buf, "???");
	return inet_ntop_raw(family, addr, buf);
}

const char *rta_host(const struct nlattr *a, int family, char *buf)
{
	const uint8_t *addr = rta_addr(a, family);

	if (!addr)
		return strcpy(buf, "???");
	return inet_host(family, addr, buf);
}

void print_gateway(struct printer *p, int family, const struct nlattr *a)
{
	char buf[INET_STRLEN];

	rta_host(a, family, buf);
	print_text(p, "via ");
	print_color_string(p, PRINT_ANY, family_color(family), "gateway", "%s ", buf);
}

static const struct { uint32_t flag; const char *name; } rt_flag_names[] = {
	{ RTNH_F_DEAD, "dead" }, { RTNH_F_ONLINK, "onlink" },
	{ RTNH_F_PERVASIVE, "pervasive" }, { RTNH_F_OFFLOAD, "offload" },
	{ RTNH_F_TRAP, "trap" }, { RTM_F_NOTIFY, "notify" }, { RTNH_F_LINKDOWN, "linkdown" },
	{ RTNH_F_UNRESOLVED, "unresolved" }, { RTM_F_OFFLOAD, "rt_offload" },
	{ RTM_F_TRAP, "rt_trap" }, { RTM_F_OFFLOAD_FAILED, "rt_offload_failed" },
};

void print_rt_flags(struct printer *p, uint32_t flags)
{
	print_open_array(p, PRINT_JSON, "flags", NULL);
	for (size_t i = 0; i < ARRAY_SIZE(rt_flag_names); i++)
		if (flags & rt_flag_names[i].flag)
			print_string(p, PRINT_ANY, NULL, "%s ", rt_flag_names[i].name);
	print_close_array(p, PRINT_JSON, NULL);
}
