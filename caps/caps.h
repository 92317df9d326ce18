/* Capabilities (libcap): name the one an operation lacks before trying
 * it, and shed file capabilities before running a user's program. */
#ifndef IPBOX_CAPS_H
#define IPBOX_CAPS_H

#include <sys/capability.h>

/* 1 if cap is in the effective set, 0 if not, -1 on error. */
int caps_have(cap_value_t cap);
int caps_require(cap_value_t cap, const char *what);
int caps_drop_all(void);

#endif
