/* What `ip link` and `ip address` share: the show filter, and the
 * printer of one RTM_NEWLINK message (iproute2's print_linkinfo). */
#ifndef IPBOX_LINK_H
#define IPBOX_LINK_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include "ipbox.h"
#include "../args/inet.h"
#include "../namespace/nsid.h"
#include "../netlink/ifname.h"

/* The TYPE := line of both objects' usage, iproute2's list of kinds. */
#define LINK_TYPE_USAGE \
	"TYPE := { amt | bareudp | bond | bond_slave | bridge | bridge_slave |\n" \
	"          dsa | dummy | erspan | geneve | gre | gretap | gtp | ifb |\n" \
	"          ip6erspan | ip6gre | ip6gretap | ip6tnl |\n" \
	"          ipip | ipoib | ipvlan | ipvtap |\n" \
	"          macsec | macvlan | macvtap |\n" \
	"          netdevsim | nlmon | rmnet | sit | team | team_slave |\n" \
	"          vcan | veth | vlan | vrf | vti | vxcan | vxlan | wwan |\n" \
	"          xfrm | virt_wifi }\n"

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
	struct netns_names nsnames;	/* read at the first link-netnsid */
	bool nsnames_loaded;
	const struct nl *dump;	/* the link dump printed, or NULL (one link, events) */
};

/* -1 when the filter drops the link, 0 for a brief line, 1 otherwise
 * (iproute2's return values: 1 means "stats may follow"). */
int link_print(struct link_show *ls, const struct nlmsghdr *nlh);
/* What a show opened and read (names, sockets): call it once at the end. */
void link_show_close(struct link_show *ls);
void link_print_stats(struct link_show *ls, const struct nlmsghdr *nlh);
void link_filter_init(struct link_filter *f, int family);

/* What `address show` changes in link show's words (its usage on help),
 * given by the caller (NULL for link show), so link.c calls nothing of
 * address.c.  The address flag words both take are cmd/addr_flags.c's. */
struct show_hooks {
	int (*usage)(void);
};
int link_show_args(struct link_filter *f, int argc, char **argv, const char **dev,
		   const struct show_hooks *h);
void link_dump_request(struct nlreq *req, const struct link_filter *f, int family);
/* ip monitor's address printer: addr_one prints one RTM_NEWADDR or
 * RTM_DELADDR message (an nl_dump callback, data the context). */
struct addr_ctx;
struct addr_ctx *addr_events_new(struct ipbox *ib, struct link_filter *f);
int addr_one(const struct nlmsghdr *nlh, void *data);
void addr_events_free(struct addr_ctx *c);

/* kinds/: every link kind's words and data (cmd/kinds/kind.h). */
struct ifinfomsg;
struct arg_walk;
struct kind_peer {
	/* veth's `peer ARGS`: link.c's own parser fills the peer's ifinfomsg
	 * and attributes from w's words, and leaves w where it stopped: an
	 * exit status; *type is set when it stopped at a `type` */
	int (*parse)(void *arg, struct nlreq *r, struct ifinfomsg *ifi, struct arg_walk *w,
		     const char **type);
	void *arg;
};

struct link_kind_req {
	const char *type;	/* after `type`, as typed */
	int argc;		/* the words after it */
	char **argv;
	bool set_op;		/* link set|change, not a creation */
	int family;		/* -4 / -6 */
	int ifindex;		/* the device changed, or 0 */
	struct printer *p;
	const struct kind_peer *peer;
};

bool link_kind_known(const char *name);
int link_kind_request(struct nlreq *r, const struct link_kind_req *kr);
int link_kind_help(struct printer *p, const char *type);
/* iproute2's "Garbage instead of arguments" for words no kind or
 * parser takes, word the first of them (cmd/kinds/registry.c). */
void link_garbage(const char *word);
void link_kind_print(struct printer *p, struct ifcache *names, const struct nlattr *linkinfo);
bool link_is_vrf(const char *name);

/* link_xstats.c: `link xstats type KIND ...` and `link afstats [dev
 * DEV]`; afstats's help is the link usage, which the caller gives. */
int link_xstats(struct ipbox *ib, int argc, char **argv);
int link_afstats(struct ipbox *ib, int argc, char **argv, int (*usage)(void));

int do_link(struct ipbox *ib, int argc, char **argv);
int do_address(struct ipbox *ib, int argc, char **argv);

#endif
