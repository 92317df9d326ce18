/* VRF devices by name, as iproute2's ipvrf_get_table / name_is_vrf ask:
 * one RTM_GETLINK on a socket of its own (callers may be inside a dump). */
#ifndef IPBOX_VRF_H
#define IPBOX_VRF_H

#include <stdint.h>

/* The ifindex of the VRF device `name` and its table in *table; 0 when
 * there is no such link or it is not a VRF.  iproute2's special case:
 * "default", when no link has that name, is table main (ifindex 0). */
int vrf_lookup(const char *name, uint32_t *table);

#endif
