/* Buffered output sink shared by every object: one fixed buffer, flushed
 * when full, so dumps stream with flat memory.  The first write error is
 * remembered and reported by out_close(); iproute2 silently loses it. */
#ifndef IPBOX_OUT_H
#define IPBOX_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define OUT_BUFSZ (64 * 1024)

struct out {
	int fd;
	int err;		/* errno of the first failed write, or 0 */
	size_t len;
	char buf[OUT_BUFSZ];
};

/* v in decimal or hex into buf (NUM_STRLEN bytes), NUL-terminated;
 * returns buf.  Dumps
 * print numbers millions of times: no snprintf for them. */
#define NUM_STRLEN 24
char *num_str(char *buf, unsigned long long v, unsigned int base);
/* The same for a signed value. */
char *num_str_signed(char *buf, long long v);

void out_init(struct out *o, int fd);
int out_flush(struct out *o);
int out_close(struct out *o);
void out_write(struct out *o, const char *s, size_t n);

/* Inline: JSON writes most of its punctuation a byte at a time. */
static inline void out_putc(struct out *o, char c)
{
	if (o->len == sizeof(o->buf))
		out_flush(o);
	o->buf[o->len++] = c;
}

void out_puts(struct out *o, const char *s);
/* s (len bytes) or v in decimal in a column of width, right-aligned, or
 * left-aligned when width is negative: printf's "%*s" and "%*llu" with
 * no format to read (the -s tables print thousands of columns). */
void out_column(struct out *o, const char *s, size_t len, int width);
void out_column_u64(struct out *o, unsigned long long v, int width);
void out_vprintf(struct out *o, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void out_printf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
