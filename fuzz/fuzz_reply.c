/* libFuzzer target: arbitrary bytes as one datagram of netlink replies,
 * through the reply walker, attribute tables (top level and nested) and
 * the printer in every mode.  Nothing may read out of bounds, hang or
 * leak, whatever the lengths claim. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <linux/rtnetlink.h>

#include "../netlink/attr.h"
#include "../netlink/nl.h"
#include "../output/print.h"

static const enum mnl_attr_data_type policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = MNL_TYPE_NUL_STRING,
	[IFLA_MTU] = MNL_TYPE_U32,
	[IFLA_LINKINFO] = MNL_TYPE_NESTED,
	[IFLA_IFALIAS] = MNL_TYPE_NUL_STRING,
	[IFLA_GROUP] = MNL_TYPE_U32,
};

static int print_any(const struct nlmsghdr *nlh, void *data)
{
	struct printer *p = data;
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];

	if (attr_parse(tb, IFLA_MAX, policy, nlh, sizeof(struct ifinfomsg)) < 0)
		return NL_CB_OK;
	print_open_object(p, NULL);
	if (tb[IFLA_IFNAME])
		print_string(p, PRINT_ANY, "ifname", "%s", mnl_attr_get_str(tb[IFLA_IFNAME]));
	if (tb[IFLA_MTU])
		print_uint(p, PRINT_ANY, "mtu", " mtu %u", mnl_attr_get_u32(tb[IFLA_MTU]));
	if (tb[IFLA_IFALIAS])
		print_string(p, PRINT_ANY, "ifalias", " alias %s", mnl_attr_get_str(tb[IFLA_IFALIAS]));
	if (tb[IFLA_LINKINFO]) {
		attr_parse_nested(info, IFLA_INFO_MAX, NULL, tb[IFLA_LINKINFO]);
		if (info[IFLA_INFO_KIND])
			print_uint(p, PRINT_ANY, "kind_len", " %u", mnl_attr_get_payload_len(info[IFLA_INFO_KIND]));
	}
	print_nl(p);
	print_close_object(p);
	return NL_CB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nl nl;
	static struct printer p;
	static int devnull = -1;
	bool done = false;

	if (devnull < 0)
		devnull = open("/dev/null", O_WRONLY);
	if (size > sizeof(nl.rx) || size < 1)
		return 0;
	memcpy(nl.rx, data + 1, size - 1);
	nl.portid = 0;
	/* The first byte picks the output mode. */
	print_init(&p, devnull, data[0] & 1, data[0] & 2, data[0] & 4, data[0] & 8);
	print_doc_begin(&p);
	nl_walk(&nl, nl.rx, size - 1, 0, print_any, &p, &done);
	print_doc_end(&p);
	print_finish(&p);
	return 0;
}
