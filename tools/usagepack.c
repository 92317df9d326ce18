/* usagepack: a build-time host tool.  It reads the preprocessed sources
 * (cc -E -DUSAGE_PACK), where every USAGE(name, "text" ...) of
 * cmd/usage.h reads `@usage name "text" ... @end`, and writes a C file
 * holding all the texts as one LZ77 stream: "name\0text\0" pairs, which
 * cmd/usage.c unpacks the first time a usage is printed.
 *
 * The stream: a flag byte before each run of eight items, its bits from
 * the lowest: 1 a literal byte, 0 a match of two bytes v (little
 * endian): distance (v >> 3) + 1 (up to 8192), length (v & 7) + 3, and
 * when v & 7 is 7 one more byte adds to the length.  The tool unpacks
 * what it packed and fails unless that gives the texts back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#define WINDOW 8192
#define MIN_MATCH 3
#define MAX_MATCH (7 + 255 + MIN_MATCH)

static unsigned char *raw, *packed;
static size_t nraw, craw, npacked;

static void die(const char *msg)
{
	fprintf(stderr, "usagepack: %s\n", msg);
	exit(1);
}

static void put(unsigned char c)
{
	if (nraw == craw) {
		craw = craw ? 2 * craw : 65536;
		if (!(raw = realloc(raw, craw)))
			die("out of memory");
	}
	raw[nraw++] = c;
}

/* One C string literal at *s (on its opening quote); escapes as C reads them. */
static const char *literal(const char *s)
{
	for (s++; *s != '"'; s++) {
		if (!*s || *s == '\n')
			die("unterminated string");
		if (*s != '\\') {
			put((unsigned char)*s);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': put('\n'); break;
		case 't': put('\t'); break;
		case '\\': case '"': case '\'': case '?': put((unsigned char)*s); break;
		case 'x': {
			char *end;
			unsigned long v = strtoul(s + 1, &end, 16);
			if (end == s + 1 || v > 255)
				die("bad \\x escape");
			put((unsigned char)v);
			s = end - 1;
			break;
		}
		default:
			if (*s >= '0' && *s <= '7') {
				unsigned v = 0;
				for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++, s++)
					v = v * 8 + (unsigned)(*s - '0');
				put((unsigned char)v);
				s--;
			} else {
				die("unknown escape");
			}
		}
	}
	return s + 1;
}

/* Every `@usage NAME "..." ... @end` of the text. */
static int collect(const char *t)
{
	int n = 0;

	while ((t = strstr(t, "@usage"))) {
		t += 6;
		while (isspace((unsigned char)*t))
			t++;
		if (!isalpha((unsigned char)*t) && *t != '_')
			die("USAGE without a name");
		while (isalnum((unsigned char)*t) || *t == '_')
			put((unsigned char)*t++);
		put('\0');
		for (;;) {
			while (isspace((unsigned char)*t))
				t++;
			if (*t == '"')
				t = literal(t);
			else if (!strncmp(t, "@end", 4))
				break;
			else
				die("USAGE text is not string literals");
		}
		put('\0');
		n++;
	}
	return n;
}

static size_t match_at(size_t i, size_t *dist)
{
	size_t best = 0, lo = i > WINDOW ? i - WINDOW : 0, max = nraw - i;

	if (max > MAX_MATCH)
		max = MAX_MATCH;
	for (size_t j = i; j-- > lo;) {
		size_t l = 0;
		while (l < max && raw[j + l] == raw[i + l])
			l++;
		if (l > best) {
			best = l;
			*dist = i - j;
		}
	}
	return best >= MIN_MATCH ? best : 0;
}

static void pack(void)
{
	size_t i = 0, flag = 0;
	int bit = 8;

	if (!(packed = malloc(nraw * 9 / 8 + 16)))
		die("out of memory");
	while (i < nraw) {
		size_t dist = 0, d2, len = match_at(i, &dist);

		if (bit == 8) {
			flag = npacked++;
			packed[flag] = 0;
			bit = 0;
		}
		/* lazily: a longer match one byte on makes this a literal */
		if (len && i + 1 < nraw && match_at(i + 1, &d2) > len + 1)
			len = 0;
		if (!len) {
			packed[flag] |= (unsigned char)(1u << bit);
			packed[npacked++] = raw[i++];
		} else {
			unsigned l = (unsigned)(len - MIN_MATCH);
			unsigned v = (unsigned)(dist - 1) << 3 | (l < 7 ? l : 7);
			packed[npacked++] = (unsigned char)v;
			packed[npacked++] = (unsigned char)(v >> 8);
			if (l >= 7)
				packed[npacked++] = (unsigned char)(l - 7);
			i += len;
		}
		bit++;
	}
}

/* cmd/usage.c's loop, to prove the stream. */
static void check(void)
{
	unsigned char *out = malloc(nraw);
	size_t o = 0, p = 0;
	unsigned flags = 0;

	if (!out)
		die("out of memory");
	while (o < nraw) {
		if (flags <= 1)	/* the 0x100 marker shifted down: a new flag byte */
			flags = packed[p++] | 0x100u;
		if (flags & 1) {
			out[o++] = packed[p++];
		} else {
			unsigned v = packed[p] | packed[p + 1] << 8, len = (v & 7) + MIN_MATCH;
			p += 2;
			if ((v & 7) == 7)
				len += packed[p++];
			for (size_t from = o - (v >> 3) - 1; len--; )
				out[o++] = out[from++];
		}
		flags >>= 1;
	}
	if (p != npacked || memcmp(out, raw, nraw))
		die("the packed texts do not unpack to the texts");
	free(out);
}

int main(int argc, char **argv)
{
	size_t n = 0, c = 1 << 20;
	char *in = malloc(c);
	FILE *f;

	if (argc != 2)
		die("usage: usagepack OUT.c <preprocessed sources");
	if (!in)
		die("out of memory");
	for (size_t r; (r = fread(in + n, 1, c - n - 1, stdin)) > 0;) {
		n += r;
		if (n == c - 1 && !(in = realloc(in, c *= 2)))
			die("out of memory");
	}
	in[n] = '\0';
	if (!collect(in))
		die("no USAGE texts");
	pack();
	check();
	if (!(f = fopen(argv[1], "w")))
		die("cannot write the output");
	fprintf(f, "/* Made by tools/usagepack from the USAGE() texts: do not edit. */\n"
		"#include <stddef.h>\n\n"
		"const size_t usage_size = %zu;\n"
		"const unsigned char usage_packed[%zu] = {", nraw, npacked);
	for (size_t i = 0; i < npacked; i++)
		fprintf(f, "%s%u,", i % 16 ? "" : "\n\t", packed[i]);
	fprintf(f, "\n};\n");
	if (fclose(f))
		die("cannot write the output");
	fprintf(stderr, "usagepack: %zu bytes of texts in %zu\n", nraw, npacked);
	return 0;
}
