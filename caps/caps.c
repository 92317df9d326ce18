#include "caps.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int caps_have(cap_value_t cap)
{
	cap_flag_value_t v = CAP_CLEAR;
	cap_t caps = cap_get_proc();

	if (!caps)
		return -1;
	if (cap_get_flag(caps, cap, CAP_EFFECTIVE, &v) < 0)
		v = CAP_CLEAR;
	cap_free(caps);
	return v == CAP_SET;
}

/* One line naming the missing capability, instead of a bare EPERM from
 * whichever syscall would have failed first. */
int caps_require(cap_value_t cap, const char *what)
{
	char *name;

	if (caps_have(cap) != 0)
		return 0;
	/* libcap names it in lower case; the kernel's headers do not. */
	name = cap_to_name(cap);
	for (char *c = name; c && *c; c++)
		*c = (char)toupper((unsigned char)*c);
	fprintf(stderr, "Error: %s requires %s.\n", what, name ? name : "a capability");
	cap_free(name);
	errno = EPERM;
	return -1;
}

/* iproute2's rule (its drop_cap), so a copy given file capabilities with
 * setcap is no privileged helper: unless ipbox runs as root (real or
 * effective uid 0: sudo, su) or CAP_NET_ADMIN is inheritable (a caller
 * that handed it on as an ambient capability meant it), every capability
 * goes before anything is parsed.  Clearing the permitted and inheritable
 * sets clears the ambient one too. */
int caps_drop_file(void)
{
	cap_flag_value_t inheritable = CAP_CLEAR;
	cap_t caps;
	int ret = 0;

	if (getuid() == 0 || geteuid() == 0)
		return 0;
	caps = cap_get_proc();
	if (!caps)
		return -1;
	if (cap_get_flag(caps, CAP_NET_ADMIN, CAP_INHERITABLE, &inheritable) < 0)
		ret = -1;
	else if (inheritable == CAP_CLEAR && (cap_clear(caps) < 0 || cap_set_proc(caps) < 0))
		ret = -1;
	cap_free(caps);
	return ret;
}
