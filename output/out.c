#include "out.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void out_init(struct out *o, int fd)
{
	o->fd = fd;
	o->err = 0;
	o->len = 0;
}

/* Write everything buffered; on failure keep the first errno and drop the
 * data, so a full disk or closed pipe cannot make us loop. */
int out_flush(struct out *o)
{
	size_t done = 0;

	while (done < o->len) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!o->err)
				o->err = n < 0 ? errno : EIO;
			break;
		}
		done += (size_t)n;
	}
	o->len = 0;
	return o->err ? -1 : 0;
}

int out_close(struct out *o)
{
	out_flush(o);
	if (!o->err)
		return 0;
	errno = o->err;
	return -1;
}

void out_write(struct out *o, const char *s, size_t n)
{
	while (n) {
		size_t room = sizeof(o->buf) - o->len;
		size_t k = n < room ? n : room;

		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
		if (o->len == sizeof(o->buf))
			out_flush(o);
	}
}

void out_putc(struct out *o, char c)
{
	if (o->len == sizeof(o->buf))
		out_flush(o);
	o->buf[o->len++] = c;
}

void out_puts(struct out *o, const char *s)
{
	out_write(o, s, strlen(s));
}

/* Format straight into the buffer; only a line longer than the free space
 * costs a flush and a second vsnprintf. */
void out_vprintf(struct out *o, const char *fmt, va_list ap)
{
	size_t room = sizeof(o->buf) - o->len;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(o->buf + o->len, room, fmt, ap);
	if (n >= 0 && (size_t)n < room) {
		o->len += (size_t)n;
	} else if (n >= 0) {
		out_flush(o);
		n = vsnprintf(o->buf, sizeof(o->buf), fmt, again);
		if (n > 0)
			o->len = (size_t)n < sizeof(o->buf) ? (size_t)n : sizeof(o->buf) - 1;
	}
	va_end(again);
}

void out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(o, fmt, ap);
	va_end(ap);
}
