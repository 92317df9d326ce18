#include "json.h"

#include <stdio.h>

void json_init(struct json *j, struct out *o, bool pretty)
{
	j->o = o;
	j->depth = 0;
	j->sep = '\0';
	j->pretty = pretty;
}

static void json_newline(struct json *j)
{
	if (!j->pretty)
		return;
	out_putc(j->o, '\n');
	for (unsigned i = 0; i < j->depth; i++)
		out_write(j->o, "    ", 4);
}

/* Emit the separator owed before a new value at this depth. */
static void json_separate(struct json *j)
{
	if (j->sep)
		out_putc(j->o, j->sep);
	j->sep = ',';
}

static void json_open(struct json *j, char c)
{
	json_separate(j);
	out_putc(j->o, c);
	j->depth++;
	j->sep = '\0';
}

static void json_close(struct json *j, char c)
{
	if (j->depth)
		j->depth--;
	if (j->sep)
		json_newline(j);
	out_putc(j->o, c);
	j->sep = ',';
}

void json_begin_object(struct json *j)
{
	json_open(j, '{');
}

void json_end_object(struct json *j)
{
	json_close(j, '}');
}

/* iproute2 pads arrays with a space inside the brackets in pretty mode. */
void json_begin_array(struct json *j)
{
	json_open(j, '[');
	if (j->pretty)
		out_putc(j->o, ' ');
}

void json_end_array(struct json *j)
{
	if (j->pretty && j->sep)
		out_putc(j->o, ' ');
	j->sep = '\0';
	json_close(j, ']');
}

/* Length of the well-formed UTF-8 sequence starting at s (RFC 3629: no
 * overlong form, no surrogate, nothing above U+10FFFF), 0 if there is
 * none.  s is NUL-terminated: a NUL fails as a continuation byte before
 * anything past it is read. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;	/* the second byte's range */
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;	/* overlong */
	else if (s[0] == 0xed)
		hi = 0x9f;	/* surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;	/* overlong */
	else if (s[0] == 0xf4)
		hi = 0x8f;	/* above U+10FFFF */
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static void json_put_u00(struct out *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

	out_write(o, u, sizeof(u));
}

/* Names and aliases are bytes, not text: well-formed UTF-8 is written as
 * it is, and each byte that is not part of it as \u00XX of its value, so
 * strict parsers accept every document and no escaped U+0080..U+00FF in
 * the raw text is ever a real character (iproute2 writes the bytes raw). */
/* The bytes a run of plain text stops at: controls (and the NUL that
 * ends it), '"', '\\' and every byte of a multibyte sequence. */
static const bool json_stop[256] = {
	[0 ... 0x1f] = true, ['"'] = true, ['\\'] = true, [0x80 ... 0xff] = true,
};

void json_puts_escaped(struct out *o, const char *s)
{
	out_putc(o, '"');
	for (; *s; s++) {
		const char *run = s;
		unsigned char c;
		size_t n;

		/* what needs no escape goes out as one run (keys and
		 * values mostly are one) */
		while (!json_stop[(unsigned char)*s])
			s++;
		out_write(o, run, (size_t)(s - run));
		c = (unsigned char)*s;
		if (!c)
			break;
		switch (c) {
		case '"':  out_write(o, "\\\"", 2); break;
		case '\\': out_write(o, "\\\\", 2); break;
		case '\n': out_write(o, "\\n", 2); break;
		case '\t': out_write(o, "\\t", 2); break;
		case '\r': out_write(o, "\\r", 2); break;
		case '\f': out_write(o, "\\f", 2); break;
		case '\b': out_write(o, "\\b", 2); break;
		default:
			if (c < 0x20) {
				json_put_u00(o, c);
			} else if ((n = utf8_len((const unsigned char *)s))) {
				out_write(o, s, n);
				s += n - 1;
			} else {
				json_put_u00(o, c);
			}
		}
	}
	out_putc(o, '"');
}

void json_key(struct json *j, const char *name)
{
	json_separate(j);
	json_newline(j);
	j->sep = '\0';
	json_puts_escaped(j->o, name);
	out_putc(j->o, ':');
	if (j->pretty)
		out_putc(j->o, ' ');
}

void json_string(struct json *j, const char *s)
{
	json_separate(j);
	json_puts_escaped(j->o, s);
}

/* A number, true/false or null, already formatted. */
void json_raw(struct json *j, const char *text)
{
	json_separate(j);
	out_puts(j->o, text);
}
