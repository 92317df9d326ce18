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

void json_puts_escaped(struct out *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	out_putc(o, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

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
				char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

				out_write(o, u, sizeof(u));
			} else {
				out_putc(o, (char)c);
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
