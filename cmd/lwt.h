/* Lightweight tunnel encapsulation of a nexthop or a route ("encap ip id
 * 5 dst 192.0.2.1", "encap mpls 100/200"), read and printed as
 * iproute2's lwt_parse_encap and lwt_print_encap: the types mpls, ip
 * and ip6 (the kernels ipbox is tested on carry ip and ip6). */
#ifndef IPBOX_LWT_H
#define IPBOX_LWT_H

#include <stdint.h>
#include <libmnl/libmnl.h>

#include "../args/walk.h"
#include "../netlink/nl.h"
#include "../output/print.h"

/* The cursor is on "encap": its type and options go into a nest
 * encap_attr followed by type_attr; the cursor is left on the last word
 * taken.  Returns an exit status (after the error line). */
int lwt_parse(struct nlreq *req, struct arg_walk *c, uint16_t encap_attr, uint16_t type_attr);

/* " encap ip id 5 src 0.0.0.0 dst 192.0.2.1 ttl 0 tos 0 " */
void lwt_print(struct printer *p, const struct nlattr *type, const struct nlattr *encap);

#endif
