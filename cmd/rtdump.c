#include "rtdump.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* iproute2's rtnl_from_file buffer: the longest message a dump holds. */
#define RTDUMP_MSG_MAX 16384

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
static int rtdump_fill(FILE *in, void *buf, size_t len)
{
	if (fread(buf, 1, len, in) == len)
		return 0;
	if (ferror(in))
		perror("rtnl_from_file: fread");
	if (feof(in))
		fprintf(stderr, "rtnl-from_file: truncated message\n");
	return -1;
}

int rtdump_read(FILE *in, rtdump_fn fn, void *data)
{
	static union {
		struct nlmsghdr h;
		char buf[RTDUMP_MSG_MAX];
	} m;
	int c, ret;

	for (;;) {
		/* a clean end: nothing left before the next header */
		c = getc(in);
		if (c == EOF && !ferror(in))
			return 0;
		if (c != EOF)
			ungetc(c, in);
		if (rtdump_fill(in, &m.h, sizeof(m.h)) < 0)
			return -1;
		if (m.h.nlmsg_len < sizeof(m.h) || m.h.nlmsg_len > sizeof(m.buf)) {
			fprintf(stderr, "!!!malformed message: len=%d @%ld\n", (int)m.h.nlmsg_len,
				ftell(in));
			return -1;
		}
		if (rtdump_fill(in, m.buf + sizeof(m.h), NLMSG_ALIGN(m.h.nlmsg_len) - sizeof(m.h)) < 0)
			return -1;
		ret = fn(&m.h, data);
		if (ret < 0)
			return ret;
	}
}
