#include "out.h"

#include <errno.h>
#include <stdbool.h>
#include <sys/types.h>
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

/* A conversion of the plain kind: no flags, width or precision; d, i, u
 * or x with at most l, ll or z; s, c or %%.  Returns its length (1-3) or 0. */
static size_t conv_simple(const char *p)
{
	size_t n = 0;

	if (p[0] == 's' || p[0] == 'c' || p[0] == '%')
		return 1;
	if (p[0] == 'z' || p[0] == 'l')
		n = p[0] == 'l' && p[1] == 'l' ? 2 : 1;
	return p[n] && strchr("diux", p[n]) ? n + 1 : 0;
}

static bool fmt_simple(const char *fmt)
{
	for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
		size_t n = conv_simple(p + 1);

		if (!n)
			return false;
		p += 1 + n;
	}
	return true;
}

char *num_str(char *buf, unsigned long long v, unsigned int base)
{
	char digits[NUM_STRLEN], *end = digits + sizeof(digits), *p = end;

	do {
		*--p = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	memcpy(buf, p, (size_t)(end - p));
	buf[end - p] = '\0';
	return buf;
}

char *num_str_signed(char *buf, long long v)
{
	if (v >= 0)
		return num_str(buf, (unsigned long long)v, 10);
	buf[0] = '-';
	num_str(buf + 1, 0ULL - (unsigned long long)v, 10);
	return buf;
}

/* The argument of an integer conversion of length n ("d", "lu", "llx",
 * "zu"), by its length modifier. */
static long long arg_signed(va_list *ap, const char *spec, size_t n)
{
	if (n == 3)
		return va_arg(*ap, long long);
	if (n == 2)
		return spec[0] == 'z' ? va_arg(*ap, ssize_t) : va_arg(*ap, long);
	return va_arg(*ap, int);
}

static unsigned long long arg_unsigned(va_list *ap, const char *spec, size_t n)
{
	if (n == 3)
		return va_arg(*ap, unsigned long long);
	if (n == 2)
		return spec[0] == 'z' ? va_arg(*ap, size_t) : va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

/* One conversion `spec` (after '%', n bytes) of a simple format. */
static void out_conv(struct out *o, const char *spec, size_t n, va_list *ap)
{
	char c = spec[n - 1], num[NUM_STRLEN];

	switch (c) {
	case '%':
		out_putc(o, '%');
		return;
	case 'c':
		out_putc(o, (char)va_arg(*ap, int));
		return;
	case 's': {
		const char *str = va_arg(*ap, const char *);

		out_puts(o, str ? str : "(null)");	/* as glibc prints it */
		return;
	}
	case 'd': case 'i':
		out_puts(o, num_str_signed(num, arg_signed(ap, spec, n)));
		return;
	}
	out_puts(o, num_str(num, arg_unsigned(ap, spec, n), c == 'x' ? 16 : 10));
}

/* Dumps print the same few plain conversions millions of times, and
 * vsnprintf was a third of a 100,000-route dump: format those here. */
static void out_fast(struct out *o, const char *fmt, va_list *ap)
{
	const char *p;

	while ((p = strchr(fmt, '%'))) {
		size_t n = conv_simple(p + 1);

		out_write(o, fmt, (size_t)(p - fmt));
		out_conv(o, p + 1, n, ap);
		fmt = p + 1 + n;
	}
	out_puts(o, fmt);
}

/* Format straight into the buffer; only a line longer than the free space
 * costs a flush and a second vsnprintf. */
void out_vprintf(struct out *o, const char *fmt, va_list ap)
{
	size_t room = sizeof(o->buf) - o->len;
	va_list again;
	int n;

	if (fmt_simple(fmt)) {
		va_copy(again, ap);
		out_fast(o, fmt, &again);
		va_end(again);
		return;
	}
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
