/* What `ip link` and `ip address` share: the show filter, and the
 * printer of one RTM_NEWLINK message (iproute2's print_linkinfo). */
#ifndef IPBOX_LINK_H
#define IPBOX_LINK_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include "ipbox.h"
#include "../args/inet.h"
#include "../netlink/ifname.h"

struct link_filter {
	int family;		/* AF_PACKET for ip link; ip address's -4/-6 */
	bool do_link;		/* ip link: mode, alias and stats lines */
	int ifindex;		/* dev NAME, or 0 */
	bool up;
	const char *label;	/* fnmatch pattern */
	int64_t group;		/* -1: any */
	int master;		/* 0: any */
	const char *kind, *slave_kind;
	bool no_qlen;		/* ip monitor: iproute2 prints no qlen there */
	/* ip address only */
	int scope, scopemask;
	unsigned int flags, flagmask;
	struct inet_prefix pfx;	/* "to": family AF_UNSPEC when none given */
};

struct link_show {
	struct ipbox *ib;
	struct link_filter *f;
	struct ifcache names;	/* link, master, index -> name */
	bool nsid_known;	/* nsid -> /run/netns name, last asked */
	int nsid;
	char nsname[256];
};

/* -1 when the filter drops the link, 0 for a brief line, 1 otherwise
 * (iproute2's return values: 1 means "stats may follow"). */
int link_print(struct link_show *ls, const struct nlmsghdr *nlh);
void link_print_stats(struct link_show *ls, const struct nlmsghdr *nlh);
bool link_filter_drops(const struct link_filter *f, const struct nlmsghdr *nlh);
void link_filter_init(struct link_filter *f, int family);

int link_show_args(struct link_filter *f, int argc, char **argv, const char **dev,
		   bool is_link);
void link_dump_request(struct nlreq *req, const struct link_filter *f, int family);
bool addr_flag_filter(struct link_filter *f, const char *word);
/* ip monitor's address printer: addr_one prints one RTM_NEWADDR or
 * RTM_DELADDR message (an nl_dump callback, data the context). */
struct addr_ctx;
struct addr_ctx *addr_events_new(struct ipbox *ib, struct link_filter *f);
int addr_one(const struct nlmsghdr *nlh, void *data);
void addr_events_free(struct addr_ctx *c);
int addr_usage(void);

/* linkkind.c: kinds whose options are tables (bridge, bridge_slave, vxlan). */
struct link_kind;
const struct link_kind *link_kind_find(const char *name, bool slave);
int link_kind_parse(const struct link_kind *k, struct nlreq *r, bool set_op, int family,
		    int argc, char **argv);
void link_kind_print(const struct link_kind *k, struct printer *p, const struct nlattr *data);

int do_link(struct ipbox *ib, int argc, char **argv);
int do_address(struct ipbox *ib, int argc, char **argv);

#endif
