/* route save's other half: route restore and route showdump read
 * iproute2's binary dump on standard input. */
#ifndef IPBOX_ROUTE_SAVE_H
#define IPBOX_ROUTE_SAVE_H

#include "ipbox.h"

int route_restore(struct ipbox *ib, int argc, char **argv);
int route_showdump(struct ipbox *ib, int argc, char **argv);

#endif
