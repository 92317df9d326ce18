/* One reading of RFC 3629, for the checkers of what ipbox prints (the
 * fuzz targets' json_check, the printer's unit test): decode a character,
 * then check its range. */
#ifndef IPBOX_FUZZ_UTF8_H
#define IPBOX_FUZZ_UTF8_H

#include <stddef.h>

/* The length of the well-formed UTF-8 character that starts s[0..n)
 * (n > 0), or 0 with *why set to what is wrong. */
static inline size_t utf8_char_len(const unsigned char *s, size_t n, const char **why)
{
	unsigned int c = s[0], len, cp, min;

	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		len = 2, cp = c & 0x1f, min = 0x80;
	else if ((c & 0xf0) == 0xe0)
		len = 3, cp = c & 0x0f, min = 0x800;
	else if ((c & 0xf8) == 0xf0)
		len = 4, cp = c & 0x07, min = 0x10000;
	else
		return *why = "byte that starts no UTF-8 character", 0;
	if (n < len)
		return *why = "UTF-8 character cut short", 0;
	for (unsigned int k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return *why = "UTF-8 character cut short", 0;
		cp = cp << 6 | (s[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return *why = "overlong, surrogate or too large UTF-8 character", 0;
	return len;
}

#endif
