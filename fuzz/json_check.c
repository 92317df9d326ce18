#include "json_check.h"

#include <string.h>

#include "utf8.h"

struct reader {
	const unsigned char *p, *end;
	const char *err;
	unsigned depth;
};

static bool fail(struct reader *r, const char *why)
{
	if (!r->err)
		r->err = why;
	return false;
}

static void skip_ws(struct reader *r)
{
	while (r->p < r->end && strchr(" \t\n\r", *r->p) && *r->p)
		r->p++;
}

/* One UTF-8 character of a string (not '"', '\\' or a control byte). */
static bool utf8_char(struct reader *r)
{
	const char *why;
	size_t len = utf8_char_len(r->p, (size_t)(r->end - r->p), &why);

	if (!len)
		return fail(r, why);
	r->p += len;
	return true;
}

static bool string(struct reader *r)
{
	r->p++;		/* the opening quote */
	while (r->p < r->end && *r->p != '"') {
		if (*r->p < 0x20)
			return fail(r, "raw control byte in a string");
		if (*r->p != '\\') {
			if (!utf8_char(r))
				return false;
			continue;
		}
		if (++r->p >= r->end)
			break;
		if (*r->p == 'u') {
			for (int i = 1; i <= 4; i++)
				if (r->p + i >= r->end || !strchr("0123456789abcdefABCDEF", r->p[i]) ||
				    !r->p[i])
					return fail(r, "bad \\u escape");
			r->p += 5;
		} else if (*r->p && strchr("\"\\/bfnrt", *r->p)) {
			r->p++;
		} else {
			return fail(r, "bad escape");
		}
	}
	if (r->p >= r->end)
		return fail(r, "unterminated string");
	r->p++;
	return true;
}

static bool digits(struct reader *r)
{
	const unsigned char *start = r->p;

	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	return r->p > start || fail(r, "digit expected");
}

static bool number(struct reader *r)
{
	if (*r->p == '-')
		r->p++;
	if (r->p < r->end && *r->p == '0')
		r->p++;
	else if (!digits(r))
		return false;
	if (r->p < r->end && *r->p == '.') {
		r->p++;
		if (!digits(r))
			return false;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (!digits(r))
			return false;
	}
	return true;
}

static bool literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n))
		return fail(r, "unknown word");
	r->p += n;
	return true;
}

static bool value(struct reader *r);

/* An object's or array's members, after its opening bracket. */
static bool members(struct reader *r, char close, bool keys)
{
	skip_ws(r);
	if (r->p < r->end && *r->p == close) {
		r->p++;
		return true;
	}
	for (;;) {
		skip_ws(r);
		if (keys) {
			if (r->p >= r->end || *r->p != '"')
				return fail(r, "key expected");
			if (!string(r))
				return false;
			skip_ws(r);
			if (r->p >= r->end || *r->p != ':')
				return fail(r, "':' expected");
			r->p++;
		}
		if (!value(r))
			return false;
		skip_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == close) {
			r->p++;
			return true;
		}
		return fail(r, "',' or closing bracket expected");
	}
}

static bool value(struct reader *r)
{
	bool ok;

	skip_ws(r);
	if (r->p >= r->end)
		return fail(r, "value expected");
	switch (*r->p) {
	case '{':
	case '[':
		if (++r->depth > 64)
			return fail(r, "nested too deep");
		r->p++;
		ok = members(r, r->p[-1] == '{' ? '}' : ']', r->p[-1] == '{');
		r->depth--;
		return ok;
	case '"':
		return string(r);
	case 't':
		return literal(r, "true");
	case 'f':
		return literal(r, "false");
	case 'n':
		return literal(r, "null");
	default:
		if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
			return number(r);
		return fail(r, "value expected");
	}
}

const char *json_check(const char *buf, size_t n)
{
	struct reader r = { (const unsigned char *)buf, (const unsigned char *)buf + n, NULL, 0 };

	for (skip_ws(&r); r.p < r.end; skip_ws(&r))
		if (!value(&r))
			return r.err;
	return NULL;
}
