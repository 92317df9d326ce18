/* What the printers of routes, nexthops and rules print alike: an
 * address attribute, its family's colour, a gateway and the nexthop
 * flags.  Below route_print.c, nexthop_print.c and rule_print.c, so
 * that none of them calls another for these. */
#ifndef IPBOX_RTA_PRINT_H
#define IPBOX_RTA_PRINT_H

#include <stdint.h>
#include <libmnl/libmnl.h>

#include "../output/print.h"

/* The colour iproute2 gives an address of `family` (none but inet/6). */
enum pcolor family_color(int family);
/* An address attribute of `family` in numbers, "???" when it is too
 * short for the family; buf: INET_STRLEN. */
const char *rta_ntop(const struct nlattr *a, int family, char *buf);
/* The same, or its host name under -r (iproute2's format_host_rta). */
const char *rta_host(const struct nlattr *a, int family, char *buf);
/* "via ADDR " (the JSON "gateway"), and the flags "onlink dead ..." (the
 * JSON array "flags"), as routes and nexthops print them. */
void print_gateway(struct printer *p, int family, const struct nlattr *a);
void print_rt_flags(struct printer *p, uint32_t flags);

#endif
