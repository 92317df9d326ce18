/* Number <-> name tables of /etc/iproute2 (rt_tables, rt_protos,
 * rt_scopes, rt_realms, group), read as iproute2 reads them: built-in
 * names first, the file (and FILE.d/NAME.conf) loaded on first need, numbers
 * accepted wherever a name is. */
#ifndef IPBOX_NAMES_H
#define IPBOX_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NAMES_CONFDIR "/etc/iproute2"

struct name_id {
	uint32_t id;
	const char *name;
};

struct name_table {
	const char *file;		/* under NAMES_CONFDIR */
	bool has_dir;			/* also read FILE.d/ *.conf */
	const struct name_id *builtin;	/* terminated by a NULL name */
	uint32_t size;			/* ids below it only (iproute2's fixed
					 * tables); 0: any id up to INT_MAX */
	bool loaded;
	size_t n;
	struct name_entry { uint32_t id; char *name; } *v;
};

extern struct name_table names_tables, names_protos, names_scopes,
	names_realms, names_groups, names_dsfield, names_protodown_reasons;

/* Built-in names kept small: the numbers in one array, their names in a
 * pool of NUL-ended strings in the same order (an X-macro writes both). */
struct name_pool {
	const uint16_t *ids;
	size_t n;
	const char *names;
};
#define NAME_POOL(ids, names) { ids, sizeof(ids) / sizeof((ids)[0]), names }

/* id's name, or NULL; name's (any case) number, or -1. */
const char *name_pool_name(const struct name_pool *p, unsigned int id);
int name_pool_id(const struct name_pool *p, const char *name);

/* -N (iproute2's `numeric`): every number is printed as a number. */
extern bool names_numeric;

const char *names_to_str(struct name_table *t, uint32_t id, char *buf, size_t len);
int names_to_id(struct name_table *t, const char *word, uint32_t *id);

/* rt_dsfield (a TOS byte): a name, else hex with or without 0x, at most
 * 0xff; printed as its name or "0x%02x" (rtnl_dsfield_a2n/n2a). */
int names_dsfield_to_id(const char *word, uint32_t *id);
const char *names_dsfield_to_str(uint32_t id, char *buf, size_t len);

/* A realms word, "[FROM/]TO" of names or numbers up to 255 with FROM in
 * the high 16 bits, else a raw 32-bit number (get_rt_realms_or_raw). */
int names_realms_parse(const char *v, uint32_t *realms);

/* IP protocols of /etc/protocols: a decimal number up to 255 or a name;
 * printed as the name or "ipproto-N" (inet_proto_a2n/n2a). */
int names_ipproto_to_id(const char *word, uint32_t *id);
const char *names_ipproto_to_str(uint32_t id, char *buf, size_t len);

#endif
