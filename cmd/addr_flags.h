/* The address flags by name (cmd/addr_flags.c). */
#ifndef IPBOX_ADDR_FLAGS_H
#define IPBOX_ADDR_FLAGS_H

#include <stdbool.h>
#include <stddef.h>
#include "link.h"

struct ifa_flag {
	const char *name;
	unsigned int mask;
	bool readonly, v6only;
};
/* iproute2's ifa_flag_data, in its order (the printed order). */
#define N_IFA_FLAGS 13
extern const struct ifa_flag ifa_flags[N_IFA_FLAGS];

const struct ifa_flag *ifa_flag_find(const char *name);
/* FLAG-LIST words of show/flush: [-]FLAG, dynamic, primary; false if
 * word is none of them. */
bool addr_flag_filter(struct link_filter *f, const char *word);

#endif
