/* Unpacking the usage texts (usage.h; the stream is described in
 * tools/usagepack.c, which makes it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../args/args.h"
#include "usage.h"

extern const size_t usage_size;
extern const unsigned char usage_packed[];

/* "name\0text\0" pairs, once unpacked; kept until exit */
static char *texts;

static char *unpack(void)
{
	char *out = malloc(usage_size);
	const unsigned char *p = usage_packed;
	unsigned flags = 0;
	size_t o = 0;

	if (!out)
		return NULL;
	while (o < usage_size) {
		if (flags <= 1)	/* the 0x100 marker shifted down: a new flag byte */
			flags = *p++ | 0x100u;
		if (flags & 1) {
			out[o++] = (char)*p++;
		} else {
			unsigned v = p[0] | p[1] << 8, len = (v & 7) + 3;
			size_t from = o - (v >> 3) - 1;

			p += 2;
			if ((v & 7) == 7)
				len += *p++;
			if (from >= o || len > usage_size - o) {	/* never, as packed */
				free(out);
				return NULL;
			}
			while (len--)
				out[o++] = out[from++];
		}
		flags >>= 1;
	}
	return out;
}

const char *usage_text(const char *name)
{
	if (!texts && !(texts = unpack()))
		return "";
	for (const char *s = texts, *end = texts + usage_size; s < end;) {
		const char *text = s + strlen(s) + 1;

		if (!strcmp(s, name))
			return text;
		s = text + strlen(text) + 1;
	}
	return "";
}

int usage_print(const char *name)
{
	fputs(usage_text(name), stderr);
	return EXIT_USAGE;
}
