/* ip route restore and showdump: iproute2's binary dump (cmd/rtdump.h)
 * on standard input, as `ip route save` writes it (route.c). */
#include "route_print.h"
#include "route_save.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../netlink/attr.h"
#include "rtdump.h"

/* Whether two attributes differ, iproute2's rtattr_cmp (a missing one
 * differs from everything). */
static bool attr_differ(const struct nlattr *a, const struct nlattr *b)
{
	return !a || !b || a->nla_len != b->nla_len ||
	       memcmp(mnl_attr_get_payload(a), mnl_attr_get_payload(b), mnl_attr_get_payload_len(a));
}

/* iproute2 restores in three passes, so a gateway is reachable before
 * the routes through it: 0, routes to local addresses (no gateway, no
 * source or the destination itself); 1, local networks (no gateway,
 * another source); 2, routes through a gateway. */
static int restore_pass(const struct nlattr **tb)
{
	if (tb[RTA_GATEWAY])
		return 2;
	return tb[RTA_PREFSRC] && attr_differ(tb[RTA_PREFSRC], tb[RTA_DST]) ? 1 : 0;
}

struct restore {
	struct nl *nl;
	int pass;
};

/* One saved message sent back as it was dumped, with NLM_F_CREATE; what
 * exists already is not an error (its message is printed all the same,
 * as iproute2 does). */
static int restore_one(struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[RTA_MAX + 1] = { NULL };
	struct restore *r = data;
	struct nlreq req;

	if (attr_parse(tb, RTA_MAX, NULL, nlh, sizeof(struct rtmsg)) < 0) {
		fprintf(stderr, "Failed to restore: a malformed route message\n");
		return -1;
	}
	if (restore_pass(tb) != r->pass)
		return 0;
	if (nlreq_echo(&req, nlh->nlmsg_type, nlh, sizeof(struct rtmsg)) < 0) {
		fprintf(stderr, "Failed to restore: a malformed route message\n");
		return -1;
	}
	/* the dump's own flags stay, as iproute2 keeps them */
	req.nlh->nlmsg_flags |= nlh->nlmsg_flags | NLM_F_CREATE;
	if (nl_talk(r->nl, &req, NULL, NULL) < 0) {
		nl_perror(r->nl);
		return r->nl->error == EEXIST ? 0 : -1;
	}
	return 0;
}

int route_restore(struct ipbox *ib, int argc, char **argv)
{
	struct restore r = { rt_socket(ib), 0 };
	long pos;

	(void)argc, (void)argv;
	if (rtdump_check_magic(stdin, RTDUMP_ROUTE_MAGIC, "route") < 0)
		return EXIT_FAIL;
	pos = ftell(stdin);
	if (pos == -1) {
		perror("Failed to restore: ftell");
		return EXIT_FAIL;
	}
	if (!r.nl)
		return EXIT_FAIL;
	for (r.pass = 0; r.pass < 3; r.pass++) {
		if (rtdump_read(stdin, restore_one, &r) < 0)
			return EXIT_KERNEL;
		if (fseek(stdin, pos, SEEK_SET) == -1) {
			perror("Failed to restore: fseek");
			return EXIT_FAIL;
		}
	}
	return EXIT_OK;
}

/* A saved message as show prints it; anything else is named on stderr. */
static int showdump_one(struct nlmsghdr *nlh, void *data)
{
	struct route_show *s = data;
	struct route rt;

	if (nlh->nlmsg_type != RTM_NEWROUTE && nlh->nlmsg_type != RTM_DELROUTE) {
		fprintf(stderr, "Not a route: %08x %08x %08x\n", nlh->nlmsg_len, nlh->nlmsg_type,
			nlh->nlmsg_flags);
		return 0;
	}
	if (route_read(nlh, &rt) == 0)
		print_route(s, nlh, &rt);
	return 0;
}

/* Every saved route, as show prints it (iproute2 6.1 prints plain text
 * even under -j). */
int route_showdump(struct ipbox *ib, int argc, char **argv)
{
	struct route_show *s;
	bool json;
	int ret;

	(void)argc, (void)argv;
	if (rtdump_check_magic(stdin, RTDUMP_ROUTE_MAGIC, "route") < 0)
		return EXIT_FAIL;
	s = route_show_new(ib);
	if (!s)
		return EXIT_FAIL;
	json = print_plain_begin(ib->pr);
	ret = rtdump_read(stdin, showdump_one, s) < 0 ? EXIT_KERNEL : EXIT_OK;
	print_plain_end(ib->pr, json);
	route_show_free(s);
	return ret;
}
