/* The printer: plain and JSON from the same calls, iproute2's pretty
 * layout, RFC 8259 escaping, and write errors that are not lost. */
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include "../../fuzz/utf8.h"
#include "../../output/out.h"
#include "../../output/print.h"
#include "unit.h"

/* Run fn against a printer writing into a pipe; return what it wrote. */
static char captured[65536];

static const char *capture(bool json, bool pretty, bool oneline,
			   void (*fn)(struct printer *p))
{
	static struct printer p;
	int fds[2];
	ssize_t n;

	if (pipe(fds) < 0)
		abort();
	print_init(&p, fds[1], json, pretty, oneline, false);
	fn(&p);
	print_finish(&p);
	close(fds[1]);
	n = read(fds[0], captured, sizeof(captured) - 1);
	close(fds[0]);
	captured[n > 0 ? n : 0] = '\0';
	return captured;
}

static void two_namespaces(struct printer *p)
{
	print_doc_begin(p);
	print_open_object(p, NULL);
	print_string(p, PRINT_ANY, "name", "%s", "b");
	print_text(p, "\n");
	print_close_object(p);
	print_open_object(p, NULL);
	print_string(p, PRINT_ANY, "name", "%s", "a");
	print_int(p, PRINT_ANY, "id", " (id: %d)", 5);
	print_text(p, "\n");
	print_close_object(p);
	print_doc_end(p);
}

static void test_plain(void)
{
	CHECK_STR(capture(false, false, false, two_namespaces), "b\na (id: 5)\n");
}

static void test_json_compact(void)
{
	CHECK_STR(capture(true, false, false, two_namespaces),
		  "[{\"name\":\"b\"},{\"name\":\"a\",\"id\":5}]\n");
}

/* Byte for byte what `ip -j -p netns list` prints. */
static void test_json_pretty(void)
{
	CHECK_STR(capture(true, true, false, two_namespaces),
		  "[ {\n        \"name\": \"b\"\n    },{\n        \"name\": \"a\",\n"
		  "        \"id\": 5\n    } ]\n");
}

static void empty_doc(struct printer *p)
{
	print_doc_begin(p);
	print_doc_end(p);
}

static void test_json_empty(void)
{
	CHECK_STR(capture(true, false, false, empty_doc), "[]\n");
	CHECK_STR(capture(true, true, false, empty_doc), "[ ]\n");
}

static void hostile_string(struct printer *p)
{
	print_doc_begin(p);
	print_open_object(p, NULL);
	print_string(p, PRINT_ANY, "alias", "%s", "q\"b\\s\x01t\tn\nend'/");
	print_close_object(p);
	print_doc_end(p);
}

/* iproute2 6.1 writes control bytes raw (invalid JSON); ipbox escapes. */
static void test_json_escaping(void)
{
	CHECK_STR(capture(true, false, false, hostile_string),
		  "[{\"alias\":\"q\\\"b\\\\s\\u0001t\\tn\\nend'/\"}]\n");
}

/* Names and aliases are bytes: kept where they are UTF-8, each other
 * byte as \u00XX of its value (iproute2 writes them raw: not JSON). */
static const char *subject;

static void subject_string(struct printer *p)
{
	print_string(p, PRINT_JSON, "s", NULL, subject);
}

static const char *json_of(const char *s)
{
	subject = s;
	return capture(true, false, false, subject_string);
}

static void test_json_utf8(void)
{
	/* well-formed: 2, 3 and 4 bytes, the highest code point, DEL */
	CHECK_STR(json_of("\xc3\xa9\xe2\x82\xac\xf0\x9f\x90\xa7\xf4\x8f\xbf\xbf\x7f"),
		  "\"s\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x90\xa7\xf4\x8f\xbf\xbf\x7f\"");
	/* bytes that never start a sequence; a lone continuation byte */
	CHECK_STR(json_of("a\xff\xfe\xc0\xc1\xf5" "b\x80"),
		  "\"s\":\"a\\u00ff\\u00fe\\u00c0\\u00c1\\u00f5b\\u0080\"");
	/* overlong forms, a surrogate, above U+10FFFF */
	CHECK_STR(json_of("\xc0\xaf\xe0\x80\xaf\xf0\x80\x80\xaf"),
		  "\"s\":\"\\u00c0\\u00af\\u00e0\\u0080\\u00af\\u00f0\\u0080\\u0080\\u00af\"");
	CHECK_STR(json_of("\xed\xa0\x80\xf4\x90\x80\x80"),
		  "\"s\":\"\\u00ed\\u00a0\\u0080\\u00f4\\u0090\\u0080\\u0080\"");
	/* cut short, by the end of the string or by another byte */
	CHECK_STR(json_of("\xe2\x82"), "\"s\":\"\\u00e2\\u0082\"");
	CHECK_STR(json_of("\xf0\x9f\x90z"), "\"s\":\"\\u00f0\\u009f\\u0090z\"");
}

/* Read by fuzz/utf8.h, not by the printer under test. */
static bool utf8_well_formed(const unsigned char *s, size_t n)
{
	const char *why;

	for (size_t i = 0, len; i < n; i += len)
		if (!(len = utf8_char_len(s + i, n - i, &why)))
			return false;
	return true;
}

/* The bytes a JSON string body (between its quotes) stands for, reading
 * \u00XX as the byte XX; -1 on anything else. */
static int json_unescape(const char *in, size_t n, char *out)
{
	int len = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned int v;

		if (in[i] != '\\') {
			out[len++] = in[i];
			continue;
		}
		switch (in[++i]) {
		case '"': case '\\': case '/': out[len++] = in[i]; break;
		case 'n': out[len++] = '\n'; break;
		case 't': out[len++] = '\t'; break;
		case 'r': out[len++] = '\r'; break;
		case 'f': out[len++] = '\f'; break;
		case 'b': out[len++] = '\b'; break;
		case 'u':
			if (i + 4 >= n || sscanf(in + i + 1, "00%2x", &v) != 1)
				return -1;
			out[len++] = (char)v;
			i += 4;
			break;
		default:
			return -1;
		}
	}
	return len;
}

/* Random byte strings, biased to the bytes UTF-8 is made of: every one
 * comes out well-formed UTF-8 and reads back to the same bytes. */
static void test_json_utf8_random(void)
{
	static const unsigned char pool[] = { 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0,
		0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 'a', '"', '\\', 0x01 };
	uint32_t x = 2463534242u;
	char in[16], back[16];

	for (int round = 0; round < 20000; round++) {
		size_t n = 1 + round % 12, len;
		const char *got;

		for (size_t i = 0; i < n; i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			in[i] = (char)(x & 0x100 ? pool[x % sizeof(pool)] : (x >> 9 & 0x7f) | 0x80);
		}
		in[n] = '\0';
		got = json_of(in);
		len = strlen(got);
		CHECK(utf8_well_formed((const unsigned char *)got, len));
		CHECK(len > 6 && !strncmp(got, "\"s\":\"", 5) && got[len - 1] == '"');
		CHECK(json_unescape(got + 5, len - 6, back) == (int)n && !memcmp(back, in, n));
		if (unit_failed_checks)
			break;
	}
}

static void nested(struct printer *p)
{
	print_doc_begin(p);
	print_open_object(p, NULL);
	print_open_array(p, PRINT_ANY, "flags", "<");
	print_string(p, PRINT_ANY, NULL, "%s", "UP");
	print_string(p, PRINT_ANY, NULL, ",%s", "LOWER_UP");
	print_close_array(p, PRINT_ANY, ">");
	print_u64(p, PRINT_ANY, "bytes", " %llu", 18446744073709551615ULL);
	print_bool(p, PRINT_JSON, "deleted", NULL, true);
	print_null(p, PRINT_JSON, "gone", NULL);
	print_on_off(p, PRINT_ANY, "pi", " pi %s", false);
	print_nl(p);
	print_close_object(p);
	print_doc_end(p);
}

static void test_arrays_and_numbers(void)
{
	CHECK_STR(capture(true, false, false, nested),
		  "[{\"flags\":[\"UP\",\"LOWER_UP\"],\"bytes\":18446744073709551615,"
		  "\"deleted\":true,\"gone\":null,\"pi\":false}]\n");
	CHECK_STR(capture(false, false, false, nested), "<UP,LOWER_UP> 18446744073709551615 pi off\n");
	CHECK_STR(capture(false, false, true, nested), "<UP,LOWER_UP> 18446744073709551615 pi off\\");
}

static void big(struct printer *p)
{
	for (int i = 0; i < 20000; i++)
		print_uint(p, PRINT_ANY, NULL, "%u\n", (unsigned)i);
}

/* More than one buffer's worth flows through in order. */
static void test_streams_past_buffer(void)
{
	static struct printer p;
	char path[] = "/tmp/ipbox-unit-XXXXXX";
	int fd = mkstemp(path);
	char line[32];
	FILE *f;
	unsigned n = 0, v;

	CHECK(fd >= 0);
	print_init(&p, fd, false, false, false, false);
	big(&p);
	CHECK(print_finish(&p) == 0);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f) && sscanf(line, "%u", &v) == 1 && v == n)
		n++;
	CHECK(n == 20000);
	if (f)
		fclose(f);
	close(fd);
	unlink(path);
}

/* out_printf formats plain conversions itself (output/out.c): it must
 * agree with snprintf on every kind, edge values included, and hand the
 * rest (width, flags, precision) to vsnprintf unchanged. */
static void test_formats_as_printf(void)
{
	static struct out o;
	static char want[8192];
	char path[] = "/tmp/ipbox-unit-XXXXXX";
	int fd = mkstemp(path), n = 0;
	ssize_t got;

#define BOTH(...) do { out_printf(&o, __VA_ARGS__); \
		n += snprintf(want + n, sizeof(want) - (size_t)n, __VA_ARGS__); } while (0)
	CHECK(fd >= 0);
	out_init(&o, fd);
	BOTH("plain text, no conversion\n");
	BOTH("%d %d %d %i|", 0, -1, INT_MIN, INT_MAX);
	BOTH("%u %u %x %x|", 0u, UINT_MAX, 0xdeadbeefu, 0u);
	BOTH("%ld %lu %lx|", LONG_MIN, ULONG_MAX, 0x1234abcdUL);
	BOTH("%lld %llu %llx %lli|", LLONG_MIN, ULLONG_MAX, 0xfULL, -42LL);
	BOTH("%zu %zd %zx|", (size_t)SIZE_MAX, (ssize_t)-7, (size_t)255);
	BOTH("%s%s%c%%%c|", "dev ", "", 'x', '!');
	BOTH(" metric %u proto %s scope %s \n", 1024u, "kernel", "link");
	BOTH("%02x:%-4s|%5u|%.3s|%+d|%#x\n", 7u, "ab", 42u, "abcdef", 5, 255u);
	/* widths (digits, '*', negative '*', narrower than the value) */
	BOTH("%-14s|%14s|%-3s|%1s|%*llu |%*d|%-*u|%*s|%5c|%-3c|%12x|%-6i|\n", "UP", "DOWN", "toolong",
	     "", 7, 12345ULL, -6, -42, 4, 9u, 0, "x", 'a', 'b', 0xabcu, -5);
	BOTH("%*s|%-*s|%999u|%1000u|%*lu\n", 3, "abcdef", -8, "ab", 1u, 2u, 25, ULONG_MAX);
#undef BOTH
	CHECK(out_close(&o) == 0);
	got = pread(fd, captured, sizeof(captured) - 1, 0);
	captured[got > 0 ? got : 0] = '\0';
	CHECK_STR(captured, want);
	close(fd);
	unlink(path);
}

/* A full disk is an error (iproute2 exits 0 on `> /dev/full`). */
static void test_write_error_reported(void)
{
	static struct printer p;
	int fd = open("/dev/full", O_WRONLY);

	if (fd < 0)
		return;
	print_init(&p, fd, false, false, false, false);
	print_text(&p, "hello\n");
	CHECK(print_finish(&p) < 0);
	close(fd);
}

int main(void)
{
	RUN(test_plain);
	RUN(test_json_compact);
	RUN(test_json_pretty);
	RUN(test_json_empty);
	RUN(test_json_escaping);
	RUN(test_json_utf8);
	RUN(test_json_utf8_random);
	RUN(test_arrays_and_numbers);
	RUN(test_streams_past_buffer);
	RUN(test_write_error_reported);
	RUN(test_formats_as_printf);
	return unit_done();
}
