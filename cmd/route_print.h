/* One route message read and printed (route_print.c): what ip route's
 * words (route.c), route save, -echo, monitor and rule's printer share. */
#ifndef IPBOX_ROUTE_PRINT_H
#define IPBOX_ROUTE_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>

#include "ipbox.h"
#include "../args/inet.h"
#include "../netlink/ifname.h"
#include "nexthop.h"

/* One route message, its attributes indexed. */
struct route {
	const struct rtmsg *r;
	const struct nlattr *tb[RTA_MAX + 1];
	uint32_t table;
};

/* What show and flush select; a set field also hides what it fixes. */
struct route_filter {
	int family;		/* the dump's, and of what is printed */
	uint32_t table;		/* 0: all tables */
	bool cloned;
	uint32_t tos, proto, scope, metric;
	bool tos_set, proto_set, scope_set, metric_set;
	uint32_t typemask;
	uint32_t realms, realms_mask;	/* RTA_FLOW, the halves that count */
	struct inet_prefix rdst, mdst, rsrc, msrc, via, prefsrc;
	int oif, iif;
};

/* One show, flush or get: its filter, printer and interface names. */
struct route_show {
	struct printer *p;
	struct ipbox *ib;
	struct route_filter f;
	struct ifcache ifc;
	struct nh_lookup nhl;	/* -d: the nexthop objects routes name */
	bool save;		/* save: write what matches as iproute2's dump */
};

/* A show with no filter (ip monitor's), or NULL after perror. */
struct route_show *route_show_new(struct ipbox *ib);
void route_show_free(struct route_show *s);
int route_read(const struct nlmsghdr *nlh, struct route *rt);
/* An address attribute of `family` (inet, inet6, mpls labels, link) as
 * iproute2 prints it, "???" when it is too short; buf: INET_STRLEN. */
const char *route_attr_ntop(const struct nlattr *a, int family, char *buf);
void print_route(struct route_show *s, const struct nlmsghdr *nlh, const struct route *rt);
/* iproute2's route type words ("blackhole", "brd", a number). */
int route_type_from_str(const char *s, uint8_t *type);
/* A type's name, or its number in buf (rtnl_rtntype_n2a). */
const char *route_type_to_str(unsigned int type, char *buf, size_t len);

static inline uint32_t attr_u32_or(const struct nlattr *a, uint32_t dflt)
{
	return a ? mnl_attr_get_u32(a) : dflt;
}

#endif
