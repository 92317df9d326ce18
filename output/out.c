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

/* s's bytes up to its NUL or stop, copied into the buffer as they are
 * read, a byte at a time (the strings and format pieces of a dump are a
 * few bytes: less than a strlen or strchr and a memcpy); returns where
 * it stopped. */
static const char *out_copy_until(struct out *o, const char *s, char stop)
{
	for (;;) {
		char *d = o->buf + o->len, *end = o->buf + sizeof(o->buf);

		while (d < end && *s && *s != stop)
			*d++ = *s++;
		o->len = (size_t)(d - o->buf);
		if (d < end)
			return s;
		out_flush(o);
	}
}

void out_puts(struct out *o, const char *s)
{
	out_copy_until(o, s, '\0');
}

/* A conversion of the plain kind: '-' and a width (digits or '*') at
 * most, no precision; d, i, u or x with at most l, ll or z; s, c or a
 * bare %%. */
struct conv {
	bool left;		/* '-' */
	bool star;		/* the width is an argument */
	unsigned int width;
	const char *type;	/* "d", "lu", "llx", "zu", "s"... */
	size_t type_len;
};

static size_t conv_type(const char *t)
{
	size_t n = 0;

	if (t[0] == 's' || t[0] == 'c')
		return 1;
	if (t[0] == 'z' || t[0] == 'l')
		n = t[0] == 'l' && t[1] == 'l' ? 2 : 1;
	switch (t[n]) {
	case 'd': case 'i': case 'u': case 'x':
		return n + 1;
	}
	return 0;
}

/* The conversion after a '%': its length, or 0 when it is of another kind
 * (a '0' flag, a precision, a float...). */
static size_t conv_parse(const char *p, struct conv *c)
{
	const char *t = p;

	*c = (struct conv){ .type = p, .type_len = 1 };
	if (*p == '%')
		return 1;
	c->left = *t == '-';
	t += c->left;
	c->star = *t == '*';
	t += c->star;
	if (*t == '0')
		return 0;
	for (int digits = 0; *t >= '0' && *t <= '9'; t++) {
		if (c->star || ++digits > 3)
			return 0;
		c->width = c->width * 10 + (unsigned int)(*t - '0');
	}
	c->type = t;
	c->type_len = conv_type(t);
	return c->type_len ? (size_t)(t - p) + c->type_len : 0;
}

static void out_pad(struct out *o, size_t n)
{
	static const char spaces[] = "                                ";

	while (n) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		out_write(o, spaces, k);
		n -= k;
	}
}

/* The digits of v in base, written backwards ending at end; returns
 * where they start. */
static char *num_digits(char *end, unsigned long long v, unsigned int base)
{
	char *p = end;

	do {
		*--p = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	return p;
}

char *num_str(char *buf, unsigned long long v, unsigned int base)
{
	char digits[NUM_STRLEN], *end = digits + sizeof(digits), *p = num_digits(end, v, base);

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

/* s (len bytes) with pad spaces before it, or after it when left: in
 * place when it fits (-s tables are mostly padded columns). */
static void out_padded(struct out *o, const char *s, size_t len, size_t pad, bool left)
{
	char *d = o->buf + o->len;

	if (len + pad > sizeof(o->buf) - o->len) {
		if (!left)
			out_pad(o, pad);
		out_write(o, s, len);
		if (left)
			out_pad(o, pad);
		return;
	}
	/* Byte loops: a column is a few bytes, less than a call to memset */
	if (!left)
		for (size_t i = 0; i < pad; i++)
			*d++ = ' ';
	for (size_t i = 0; i < len; i++)
		*d++ = s[i];
	if (left)
		for (size_t i = 0; i < pad; i++)
			*d++ = ' ';
	o->len += len + pad;
}

void out_column(struct out *o, const char *s, size_t len, int width)
{
	size_t w = width < 0 ? 0U - (unsigned int)width : (unsigned int)width;

	out_padded(o, s, len, w > len ? w - len : 0, width < 0);
}

void out_column_u64(struct out *o, unsigned long long v, int width)
{
	char num[NUM_STRLEN], *end = num + sizeof(num), *p = num_digits(end, v, 10);

	out_column(o, p, (size_t)(end - p), width);
}

/* The argument of an integer conversion of type t, n bytes ("d",
 * "lu", "llx", "zu"), by its length modifier. */
static long long arg_signed(va_list *ap, const char *t, size_t n)
{
	if (n == 3)
		return va_arg(*ap, long long);
	if (n == 2)
		return t[0] == 'z' ? va_arg(*ap, ssize_t) : va_arg(*ap, long);
	return va_arg(*ap, int);
}

static unsigned long long arg_unsigned(va_list *ap, const char *t, size_t n)
{
	if (n == 3)
		return va_arg(*ap, unsigned long long);
	if (n == 2)
		return t[0] == 'z' ? va_arg(*ap, size_t) : va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

/* One conversion of the plain kind, padded as printf pads it; numbers
 * are made in place, a string without a width is copied as it is read. */
static void out_conv(struct out *o, const struct conv *c, va_list *ap)
{
	char t = c->type[c->type_len - 1], num[NUM_STRLEN], *end = num + sizeof(num), ch;
	unsigned int width = c->width;
	bool left = c->left;
	const char *str;
	size_t len;

	if (c->star) {
		int w = va_arg(*ap, int);

		left |= w < 0;
		width = w < 0 ? 0U - (unsigned int)w : (unsigned int)w;
	}
	switch (t) {
	case '%':
		out_putc(o, '%');
		return;
	case 'c':
		ch = (char)va_arg(*ap, int);
		str = &ch;
		len = 1;
		break;
	case 's':
		str = va_arg(*ap, const char *);
		if (!str)
			str = "(null)";	/* as glibc prints it */
		if (!width) {
			out_puts(o, str);
			return;
		}
		len = strlen(str);
		break;
	case 'd': case 'i': {
		long long v = arg_signed(ap, c->type, c->type_len);
		char *p = num_digits(end, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, 10);

		if (v < 0)
			*--p = '-';
		str = p;
		len = (size_t)(end - p);
		break;
	}
	default:
		str = num_digits(end, arg_unsigned(ap, c->type, c->type_len), t == 'x' ? 16 : 10);
		len = (size_t)(end - str);
	}
	out_padded(o, str, len, width > len ? width - len : 0, left);
}

/* Format straight into the buffer; only a line longer than the free space
 * costs a flush and a second vsnprintf. */
static void out_vsnprintf(struct out *o, const char *fmt, va_list ap)
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

/* Dumps print the same few plain conversions millions of times, and
 * vsnprintf was a third of a 100,000-route dump: format those here, in
 * one pass; from the first conversion of another kind on, the rest of
 * the format and of the arguments go to vsnprintf. */
void out_vprintf(struct out *o, const char *fmt, va_list ap)
{
	va_list rest;

	va_copy(rest, ap);
	while (*(fmt = out_copy_until(o, fmt, '%'))) {
		struct conv c;
		size_t n = conv_parse(fmt + 1, &c);

		if (!n) {
			out_vsnprintf(o, fmt, rest);
			break;
		}
		out_conv(o, &c, &rest);
		fmt += 1 + n;
	}
	va_end(rest);
}

void out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(o, fmt, ap);
	va_end(ap);
}
