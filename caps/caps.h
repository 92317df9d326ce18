/* Capabilities: shed file capabilities at start as iproute2 does, and
 * name the one an operation lacks before trying it.  Raw capget/capset
 * (no libcap): mapping a library costs every command a third of its
 * start-up, for three calls. */
#ifndef IPBOX_CAPS_H
#define IPBOX_CAPS_H

#include <linux/capability.h>

/* 1 if cap is in the effective set, 0 if not, -1 on error. */
int caps_have(int cap);
int caps_require(int cap, const char *what);
/* 0 when done (or nothing to do), -1 with errno when the sets could not
 * be read or cleared. */
int caps_drop_file(void);

#endif
