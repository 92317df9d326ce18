#include "rtdump.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../netlink/listen.h"

int rtdump_save_start(uint32_t magic)
{
	if (isatty(STDOUT_FILENO)) {
		fprintf(stderr, "Not sending a binary stream to stdout\n");
		return -1;
	}
	if (write(STDOUT_FILENO, &magic, sizeof(magic)) != sizeof(magic)) {
		fprintf(stderr, "Can't write magic to dump file\n");
		return -1;
	}
	return 0;
}

int rtdump_save_msg(const struct nlmsghdr *nlh)
{
	ssize_t n = write(STDOUT_FILENO, nlh, nlh->nlmsg_len);

	if (n == (ssize_t)nlh->nlmsg_len)
		return 0;
	if (n >= 0)
		fprintf(stderr, "Short write while saving nlmsg\n");
	else
		fprintf(stderr, "Failed to write output: %s\n", strerror(errno));
	return -1;
}

int rtdump_check_magic(FILE *in, uint32_t magic, const char *what)
{
	uint32_t seen = 0;
	size_t n;

	if (isatty(fileno(in))) {
		fprintf(stderr, "Can't restore %s dump from a terminal\n", what);
		return -1;
	}
	n = fread(&seen, sizeof(seen), 1, in);
	if (seen != magic) {
		fprintf(stderr, "Magic mismatch (%zu elems, %x magic)\n", n, seen);
		return -1;
	}
	return 0;
}

/* Exactly `len` bytes, or -1 after iproute2's words for what went wrong. */
int rtdump_read(FILE *in, rtdump_fn fn, void *data)
{
	return nl_from_file(in, fn, data);
}
