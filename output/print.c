#include "print.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void print_init(struct printer *p, int fd, bool json, bool pretty, bool oneline, bool color)
{
	out_init(&p->out, fd);
	json_init(&p->json, &p->out, pretty);
	p->is_json = json;
	p->color = color && !json;
	p->sl = oneline ? "\\" : "\n";
}

/* Forget any half-written JSON nesting (between batch lines). */
void print_reset(struct printer *p)
{
	json_init(&p->json, &p->out, p->json.pretty);
}

int print_finish(struct printer *p)
{
	return out_close(&p->out);
}

void print_doc_begin(struct printer *p)
{
	if (p->is_json)
		json_begin_array(&p->json);
}

/* iproute2 ends every JSON document with a newline. */
void print_doc_end(struct printer *p)
{
	if (!p->is_json)
		return;
	json_end_array(&p->json);
	out_putc(&p->out, '\n');
}

static bool wants(const struct printer *p, enum pmode m)
{
	return p->is_json ? (m & PRINT_JSON) : (m & PRINT_FP);
}

static void json_field(struct printer *p, const char *key)
{
	if (key)
		json_key(&p->json, key);
}

void print_open_object(struct printer *p, const char *key)
{
	if (!p->is_json)
		return;
	json_field(p, key);
	json_begin_object(&p->json);
}

void print_close_object(struct printer *p)
{
	if (p->is_json)
		json_end_object(&p->json);
}

void print_open_array(struct printer *p, enum pmode m, const char *key, const char *text)
{
	if (!wants(p, m))
		return;
	if (p->is_json) {
		json_field(p, key);
		json_begin_array(&p->json);
	} else if (text) {
		out_puts(&p->out, text);
	}
}

void print_close_array(struct printer *p, enum pmode m, const char *text)
{
	if (!wants(p, m))
		return;
	if (p->is_json)
		json_end_array(&p->json);
	else if (text)
		out_puts(&p->out, text);
}

static void text_printf(struct printer *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void text_printf(struct printer *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(&p->out, fmt, ap);
	va_end(ap);
}

void print_string(struct printer *p, enum pmode m, const char *key, const char *fmt, const char *val)
{
	print_color_string(p, m, COLOR_NONE, key, fmt, val);
}

/* Colours as iproute2's palettes (lib/color.c): plain for a light
 * background, bold when COLORFGBG says the background is dark. */
static const char *const color_seq[] = {
	[COLOR_NONE] = "",
	[COLOR_IFNAME] = "\033[36m",
	[COLOR_MAC] = "\033[33m",
	[COLOR_INET] = "\033[35m",
	[COLOR_INET6] = "\033[34m",
	[COLOR_OPERSTATE_UP] = "\033[32m",
	[COLOR_OPERSTATE_DOWN] = "\033[31m",
	[COLOR_CLEAR] = "\033[0m",
};
static const char *const color_seq_dark[] = {
	[COLOR_NONE] = "",
	[COLOR_IFNAME] = "\033[1;36m",
	[COLOR_MAC] = "\033[1;33m",
	[COLOR_INET] = "\033[1;35m",
	[COLOR_INET6] = "\033[1;34m",
	[COLOR_OPERSTATE_UP] = "\033[1;32m",
	[COLOR_OPERSTATE_DOWN] = "\033[1;31m",
	[COLOR_CLEAR] = "\033[0m",
};

/* COLORFGBG="fg;bg": a background of 0-6 or 8 is dark. */
static bool dark_background(void)
{
	const char *v = getenv("COLORFGBG");
	const char *bg = v ? strrchr(v, ';') : NULL;

	return bg && ((bg[1] >= '0' && bg[1] <= '6') || bg[1] == '8') && bg[2] == '\0';
}

void print_color_string(struct printer *p, enum pmode m, enum pcolor c,
			const char *key, const char *fmt, const char *val)
{
	if (!wants(p, m))
		return;
	if (p->is_json) {
		json_field(p, key);
		json_string(&p->json, val);
		return;
	}
	if (!fmt)
		return;
	if (p->color && c != COLOR_NONE)
		out_puts(&p->out, (dark_background() ? color_seq_dark : color_seq)[c]);
	text_printf(p, fmt, val);
	if (p->color && c != COLOR_NONE)
		out_puts(&p->out, color_seq[COLOR_CLEAR]);
}

static void print_number(struct printer *p, const char *key, const char *num)
{
	json_field(p, key);
	json_raw(&p->json, num);
}

/* One field: `json` (a number, literal or null as JSON writes it; only
 * evaluated under -j) or the plain text fmt makes of the arguments after
 * it.  A macro: each caller's plain argument keeps its own type. */
#define PRINT_FIELD(p, m, key, json, fmt, ...)				\
	do {								\
		if (!wants(p, m))					\
			return;						\
		if ((p)->is_json)					\
			print_number(p, key, json);			\
		else if (fmt)						\
			text_printf(p, fmt, __VA_ARGS__);		\
	} while (0)

void print_uint(struct printer *p, enum pmode m, const char *key, const char *fmt, unsigned int v)
{
	char num[NUM_STRLEN];

	PRINT_FIELD(p, m, key, num_str(num, v, 10), fmt, v);
}

void print_u64(struct printer *p, enum pmode m, const char *key, const char *fmt, uint64_t v)
{
	char num[NUM_STRLEN];

	PRINT_FIELD(p, m, key, num_str(num, v, 10), fmt, v);
}

void print_int(struct printer *p, enum pmode m, const char *key, const char *fmt, int v)
{
	char num[NUM_STRLEN];

	PRINT_FIELD(p, m, key, num_str_signed(num, v), fmt, v);
}

/* A number already formatted (a timer's "12.34"): bare under -j. */
void print_raw(struct printer *p, enum pmode m, const char *key, const char *fmt, const char *num)
{
	PRINT_FIELD(p, m, key, num, fmt, num);
}

void print_bool(struct printer *p, enum pmode m, const char *key, const char *fmt, bool v)
{
	PRINT_FIELD(p, m, key, v ? "true" : "false", fmt, v ? "true" : "false");
}

void print_on_off(struct printer *p, enum pmode m, const char *key, const char *fmt, bool on)
{
	PRINT_FIELD(p, m, key, on ? "true" : "false", fmt, on ? "on" : "off");
}

void print_null(struct printer *p, enum pmode m, const char *key, const char *fmt)
{
	if (!wants(p, m))
		return;
	if (p->is_json)
		print_number(p, key, "null");
	else if (fmt)
		out_puts(&p->out, fmt);
}

bool print_plain_begin(struct printer *p)
{
	bool json = p->is_json;

	p->is_json = false;
	return json;
}

void print_plain_end(struct printer *p, bool json)
{
	p->is_json = json;
}

void print_text(struct printer *p, const char *fmt, ...)
{
	va_list ap;

	if (p->is_json)
		return;
	va_start(ap, fmt);
	out_vprintf(&p->out, fmt, ap);
	va_end(ap);
}

void print_column(struct printer *p, const char *before, int width, const char *s, const char *after)
{
	if (p->is_json)
		return;
	if (*before)
		out_puts(&p->out, before);
	out_column(&p->out, s, strlen(s), width);
	if (*after)
		out_puts(&p->out, after);
}

void print_column_u64(struct printer *p, const char *before, int width, uint64_t v, const char *after)
{
	if (p->is_json)
		return;
	if (*before)
		out_puts(&p->out, before);
	out_column_u64(&p->out, v, width);
	if (*after)
		out_puts(&p->out, after);
}

/* End of a logical line: "\n", or "\\" under -oneline (iproute2's _SL_). */
void print_nl(struct printer *p)
{
	if (!p->is_json)
		out_puts(&p->out, p->sl);
}

void print_bits(struct printer *p, uint32_t flags, const struct print_bit *names, size_t n)
{
	char hex[16];

	for (size_t i = 0; i < n; i++) {
		if (!(flags & names[i].bit))
			continue;
		flags &= ~names[i].bit;
		print_string(p, PRINT_ANY, NULL, flags ? "%s," : "%s", names[i].name);
	}
	if (flags) {
		snprintf(hex, sizeof(hex), "%x", flags);
		print_string(p, PRINT_ANY, NULL, "%s", hex);
	}
}

void print_record_end(struct printer *p)
{
	if (!p->is_json)
		return;
	out_putc(&p->out, '\n');
	print_reset(p);
}
