/* The sysctls of the current network namespace (/proc/sys): one value
 * read or written.  NAME is the path below /proc/sys, as
 * "net/ipv4/ip_forward".  Writes honour the netlink layer's dry run
 * (-check, the fuzzers): they change nothing and succeed. */
#ifndef IPBOX_NAMESPACE_SYSCTL_H
#define IPBOX_NAMESPACE_SYSCTL_H

/* The value as a number: >= 0, or -1 when it cannot be read. */
int sysctl_read_int(const char *name);

enum sysctl_write_error {
	SYSCTL_NO_OPEN = -1,	/* cannot open it (errno says why) */
	SYSCTL_NO_WRITE = -2,	/* the write failed or was short */
};

/* Write VALUE: 0, or one of enum sysctl_write_error. */
int sysctl_write(const char *name, const char *value);

#endif
