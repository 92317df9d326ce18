#include "sysctl.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../netlink/nl.h"

static int sysctl_open(const char *name, int flags)
{
	char path[128];

	if (snprintf(path, sizeof(path), "/proc/sys/%s", name) >= (int)sizeof(path))
		return -1;
	return open(path, flags | O_CLOEXEC);
}

int sysctl_read_int(const char *name)
{
	char buf[16] = { 0 };
	int fd = sysctl_open(name, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atoi(buf) : -1;
}

int sysctl_write(const char *name, const char *value)
{
	size_t len = strlen(value);
	int fd;
	ssize_t n;

	if (nl_dry_run)
		return 0;
	fd = sysctl_open(name, O_WRONLY);
	if (fd < 0)
		return SYSCTL_NO_OPEN;
	n = write(fd, value, len);
	close(fd);
	return n == (ssize_t)len ? 0 : SYSCTL_NO_WRITE;
}
