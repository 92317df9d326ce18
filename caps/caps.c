#include "caps.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The sets as last read: only caps_drop_file changes them (no setuid, no
 * user namespace is ever entered), so a batch of 200 `netns add` lines
 * asks the kernel once, not 200 times. */
static struct __user_cap_data_struct caps_seen[2];
static bool caps_seen_valid;

/* The calling thread's sets: two 32-bit words each (version 3). */
static int caps_get(struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };

	if (!caps_seen_valid) {
		memset(caps_seen, 0, sizeof(caps_seen));
		if (syscall(SYS_capget, &hdr, caps_seen) < 0)
			return -1;
		caps_seen_valid = true;
	}
	memcpy(data, caps_seen, sizeof(caps_seen));
	return 0;
}

static __u64 caps_effective(const struct __user_cap_data_struct data[2])
{
	return (__u64)data[1].effective << 32 | data[0].effective;
}

static __u64 caps_inheritable(const struct __user_cap_data_struct data[2])
{
	return (__u64)data[1].inheritable << 32 | data[0].inheritable;
}

int caps_have(int cap)
{
	struct __user_cap_data_struct data[2];

	if (cap < 0 || cap >= 64)
		return -1;
	if (caps_get(data) < 0)
		return -1;
	return !!(caps_effective(data) & 1ull << cap);
}

/* The names of the capabilities ipbox asks for, as the kernel's headers
 * spell them. */
static const char *caps_name(int cap)
{
	switch (cap) {
	case CAP_NET_ADMIN:
		return "CAP_NET_ADMIN";
	case CAP_SYS_ADMIN:
		return "CAP_SYS_ADMIN";
	}
	return NULL;
}

/* One line naming the missing capability, instead of a bare EPERM from
 * whichever syscall would have failed first. */
int caps_require(int cap, const char *what)
{
	const char *name = caps_name(cap);

	if (caps_have(cap) != 0)
		return 0;
	fprintf(stderr, "Error: %s requires %s.\n", what, name ? name : "a capability");
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
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (getuid() == 0 || geteuid() == 0)
		return 0;
	if (caps_get(data) < 0)
		return -1;
	if (caps_inheritable(data) & 1ull << CAP_NET_ADMIN)
		return 0;
	memset(data, 0, sizeof(data));
	caps_seen_valid = false;
	return (int)syscall(SYS_capset, &hdr, data);
}
