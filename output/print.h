/* One call per field, whatever the output mode: print_*(p, mode, key, fmt,
 * value) writes "key": value under -j and printf(fmt, value) otherwise, so
 * plain and JSON output cannot drift apart.  No global state: every object
 * gets a struct printer from the dispatcher. */
#ifndef IPBOX_PRINT_H
#define IPBOX_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include "json.h"
#include "out.h"

enum pmode {
	PRINT_FP = 1,		/* plain text only */
	PRINT_JSON = 2,		/* JSON only */
	PRINT_ANY = 3,		/* both */
};

enum pcolor {
	COLOR_NONE, COLOR_IFNAME, COLOR_MAC, COLOR_INET, COLOR_INET6,
	COLOR_OPERSTATE_UP, COLOR_OPERSTATE_DOWN, COLOR_CLEAR,
};

struct printer {
	struct out out;
	struct json json;
	bool is_json;
	bool color;
	const char *sl;		/* line separator: "\n", or "\\" under -oneline */
	bool iec;		/* -iec: -h numbers in powers of 1024 ("Ki") */
};

void print_init(struct printer *p, int fd, bool json, bool pretty, bool oneline, bool color);
void print_reset(struct printer *p);
int print_finish(struct printer *p);

/* Open or close the top-level array of a -j dump (nothing in plain mode). */
void print_doc_begin(struct printer *p);
void print_doc_end(struct printer *p);

void print_open_object(struct printer *p, const char *key);
void print_close_object(struct printer *p);
void print_open_array(struct printer *p, enum pmode m, const char *key, const char *text);
void print_close_array(struct printer *p, enum pmode m, const char *text);

void print_string(struct printer *p, enum pmode m, const char *key, const char *fmt, const char *val);
void print_color_string(struct printer *p, enum pmode m, enum pcolor c,
			const char *key, const char *fmt, const char *val);
void print_uint(struct printer *p, enum pmode m, const char *key, const char *fmt, unsigned int v);
void print_u64(struct printer *p, enum pmode m, const char *key, const char *fmt, uint64_t v);
void print_int(struct printer *p, enum pmode m, const char *key, const char *fmt, int v);
void print_raw(struct printer *p, enum pmode m, const char *key, const char *fmt, const char *num);
void print_bool(struct printer *p, enum pmode m, const char *key, const char *fmt, bool v);
/* A flag as iproute2 prints one: a JSON boolean, or "on"/"off" through fmt. */
void print_on_off(struct printer *p, enum pmode m, const char *key, const char *fmt, bool on);
void print_null(struct printer *p, enum pmode m, const char *key, const char *fmt);
void print_text(struct printer *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Plain text only: before, then s or v in a column of width (printf's
 * "%*s" / "%*llu": right-aligned, left-aligned when width < 0), then
 * after; for the counter tables of -s, which print thousands of them. */
void print_column(struct printer *p, const char *before, int width, const char *s, const char *after);
void print_column_u64(struct printer *p, const char *before, int width, uint64_t v, const char *after);
/* Plain text whatever -j says, until print_plain_end(p, what it
 * returned): what iproute2 6.1 prints as text under -j (flush, neigh
 * get, route showdump). */
bool print_plain_begin(struct printer *p);
void print_plain_end(struct printer *p, bool json);
void print_nl(struct printer *p);
/* Inside an open array: the name of each bit of flags that names has,
 * comma-separated, then what is left in hex (a link's <UP,LOWER_UP>, a
 * vlan's <REORDER_HDR>); what the caller prints after needs its comma. */
struct print_bit {
	uint32_t bit;
	const char *name;
};
void print_bits(struct printer *p, uint32_t flags, const struct print_bit *names, size_t n);
/* Under -j, the end of a document that is one record of a stream (a
 * monitor event): its line, and a fresh start for the next; nothing in
 * plain text. */
void print_record_end(struct printer *p);

#endif
