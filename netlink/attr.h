/* Attribute tables: index a message's (or a nest's) attributes by type.
 * An attribute whose payload does not fit the policy's data type is left
 * out of the table, so printers can trust every non-NULL entry. */
#ifndef IPBOX_ATTR_H
#define IPBOX_ATTR_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

int attr_parse(const struct nlattr **tb, unsigned int max,
	       const enum mnl_attr_data_type *policy,
	       const struct nlmsghdr *nlh, size_t hdrlen);
int attr_parse_nested(const struct nlattr **tb, unsigned int max,
		      const enum mnl_attr_data_type *policy,
		      const struct nlattr *nest);
int attr_parse_payload(const struct nlattr **tb, unsigned int max,
		       const enum mnl_attr_data_type *policy,
		       const void *buf, size_t len);

bool attr_tiled(const void *buf, size_t len, uint16_t msg_type, int depth);

#endif
