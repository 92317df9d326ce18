/* Capabilities (libcap): shed file capabilities at start as iproute2
 * does, and name the one an operation lacks before trying it. */
#ifndef IPBOX_CAPS_H
#define IPBOX_CAPS_H

#include <sys/capability.h>

/* 1 if cap is in the effective set, 0 if not, -1 on error. */
int caps_have(cap_value_t cap);
int caps_require(cap_value_t cap, const char *what);
/* 0 when done (or nothing to do), -1 with errno when the sets could not
 * be read or cleared. */
int caps_drop_file(void);

#endif
