/* Streaming JSON writer with iproute2's layout (compact, or with -p its
 * four-space "pretty" form).  It only tracks depth and the pending
 * separator, so memory does not grow with the document.  Strings are
 * escaped per RFC 8259, control characters included, and a byte that is
 * not part of well-formed UTF-8 becomes \u00XX of its value. */
#ifndef IPBOX_JSON_H
#define IPBOX_JSON_H

#include <stdbool.h>
#include "out.h"

struct json {
	struct out *o;
	unsigned depth;
	char sep;		/* ',' once a value was written at this depth */
	bool pretty;
};

void json_init(struct json *j, struct out *o, bool pretty);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *name);
void json_string(struct json *j, const char *s);
void json_raw(struct json *j, const char *text);
void json_puts_escaped(struct out *o, const char *s);

#endif
