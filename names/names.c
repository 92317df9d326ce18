#include "names.h"

#include <dirent.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/rtnetlink.h>

static const struct name_id builtin_tables[] = {
	{ RT_TABLE_DEFAULT, "default" }, { RT_TABLE_MAIN, "main" },
	{ RT_TABLE_LOCAL, "local" }, { 0, NULL },
};
static const struct name_id builtin_protos[] = {
	{ RTPROT_UNSPEC, "unspec" }, { RTPROT_REDIRECT, "redirect" },
	{ RTPROT_KERNEL, "kernel" }, { RTPROT_BOOT, "boot" },
	{ RTPROT_STATIC, "static" }, { RTPROT_GATED, "gated" },
	{ RTPROT_RA, "ra" }, { RTPROT_MRT, "mrt" }, { RTPROT_ZEBRA, "zebra" },
	{ RTPROT_BIRD, "bird" }, { RTPROT_BABEL, "babel" },
	{ RTPROT_DNROUTED, "dnrouted" }, { RTPROT_XORP, "xorp" },
	{ RTPROT_NTK, "ntk" }, { RTPROT_DHCP, "dhcp" },
	{ RTPROT_KEEPALIVED, "keepalived" }, { RTPROT_BGP, "bgp" },
	{ RTPROT_ISIS, "isis" }, { RTPROT_OSPF, "ospf" }, { RTPROT_RIP, "rip" },
	{ RTPROT_EIGRP, "eigrp" }, { 0, NULL },
};
static const struct name_id builtin_scopes[] = {
	{ RT_SCOPE_UNIVERSE, "global" }, { RT_SCOPE_NOWHERE, "nowhere" },
	{ RT_SCOPE_HOST, "host" }, { RT_SCOPE_LINK, "link" },
	{ RT_SCOPE_SITE, "site" }, { 0, NULL },
};
static const struct name_id builtin_realms[] = {
	{ 0, "unknown" }, { 0, NULL },
};
static const struct name_id builtin_groups[] = {
	{ 0, "default" }, { 0, NULL },
};
static const struct name_id builtin_none[] = {
	{ 0, NULL },
};

struct name_table names_tables = { "rt_tables", true, builtin_tables, 0, false, 0, NULL };
struct name_table names_protos = { "rt_protos", true, builtin_protos, 256, false, 0, NULL };
struct name_table names_scopes = { "rt_scopes", false, builtin_scopes, 256, false, 0, NULL };
struct name_table names_realms = { "rt_realms", false, builtin_realms, 256, false, 0, NULL };
struct name_table names_groups = { "group", false, builtin_groups, 0, false, 0, NULL };
/* protodown_reasons has no file of its own, only protodown_reasons.d/ */
struct name_table names_protodown_reasons = { "protodown_reasons", true, builtin_none, 32, false, 0, NULL };
struct name_table names_dsfield = { "rt_dsfield", false, builtin_none, 256, false, 0, NULL };

static void names_add(struct name_table *t, uint32_t id, const char *name)
{
	struct name_entry *grown = realloc(t->v, (t->n + 1) * sizeof(*t->v));
	char *copy = strdup(name);

	if (!grown || !copy) {
		free(copy);
		if (grown)
			t->v = grown;
		return;
	}
	t->v = grown;
	t->v[t->n].id = id;
	t->v[t->n].name = copy;
	t->n++;
}

/* "ID NAME" per line, ID decimal or 0x-hex, '#' comments; a bad line
 * stops the file with iproute2's complaint.  The ID is read into an int
 * as iproute2 reads it: one that comes out negative (2^31 and up) is
 * skipped, and so is one beyond a fixed table's size. */
static void names_read_file(struct name_table *t, const char *path)
{
	char line[512], name[256];
	FILE *f = fopen(path, "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p = line + strspn(line, " \t");
		unsigned int hex;
		int id;

		if (*p == '#' || *p == '\n' || *p == '\0')
			continue;
		if (sscanf(p, "0x%x %255s", &hex, name) == 2)
			id = (int)hex;
		else if (sscanf(p, "%d %255s", &id, name) != 2) {
			fprintf(stderr, "Database %s is corrupted at %s\n", path, p);
			break;
		}
		if (name[0] == '#' || id < 0 || (t->size && (uint32_t)id >= t->size))
			continue;
		names_add(t, (uint32_t)id, name);
	}
	fclose(f);
}

static void names_load(struct name_table *t)
{
	char path[512];
	struct dirent *e;
	DIR *dir;

	t->loaded = true;
	snprintf(path, sizeof(path), "%s/%s", NAMES_CONFDIR, t->file);
	names_read_file(t, path);
	if (!t->has_dir)
		return;
	snprintf(path, sizeof(path), "%s/%s.d", NAMES_CONFDIR, t->file);
	dir = opendir(path);
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		char file[800];

		if (n < 6 || strcmp(e->d_name + n - 5, ".conf") != 0)
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
		names_read_file(t, file);
	}
	closedir(dir);
}

/* Built-ins win, then the files in the order read (first entry wins). */
bool names_numeric;

/* A number's name, or NULL: none, or -N asks for numbers. */
static const char *names_lookup_id(struct name_table *t, uint32_t id)
{
	if (names_numeric)
		return NULL;
	for (const struct name_id *b = t->builtin; b->name; b++)
		if (b->id == id)
			return b->name;
	if (!t->loaded)
		names_load(t);
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].id == id)
			return t->v[i].name;
	return NULL;
}

const char *names_to_str(struct name_table *t, uint32_t id, char *buf, size_t len)
{
	const char *name = names_lookup_id(t, id);

	if (name)
		return name;
	snprintf(buf, len, "%u", id);
	return buf;
}

static int names_lookup_name(struct name_table *t, const char *word, uint32_t *id)
{
	for (const struct name_id *b = t->builtin; b->name; b++)
		if (!strcmp(b->name, word)) {
			*id = b->id;
			return 0;
		}
	if (!t->loaded)
		names_load(t);
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].name, word)) {
			*id = t->v[i].id;
			return 0;
		}
	return -1;
}

/* A whole number in `base` (0: decimal, 0x-hex or octal), read as
 * iproute2's strtoul reads it (white space and a sign before it taken). */
static int names_number(const char *word, int base, uint32_t *id)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(word, &end, base);
	if (end == word || *end || errno || v > UINT32_MAX)
		return -1;
	*id = (uint32_t)v;
	return 0;
}

/* A name from the table, or a number (decimal, 0x-hex or octal). */
int names_to_id(struct name_table *t, const char *word, uint32_t *id)
{
	if (names_lookup_name(t, word, id) == 0)
		return 0;
	return names_number(word, 0, id);
}

int names_dsfield_to_id(const char *word, uint32_t *id)
{
	if (names_lookup_name(&names_dsfield, word, id) == 0)
		return *id > 255 ? -1 : 0;
	return names_number(word, 16, id) < 0 || *id > 255 ? -1 : 0;
}

const char *names_dsfield_to_str(uint32_t id, char *buf, size_t len)
{
	const char *name = names_lookup_id(&names_dsfield, id);

	if (name)
		return name;
	snprintf(buf, len, "0x%02x", id);
	return buf;
}

/* One realm: a name or a number, at most 255 (rtnl_rtrealm_a2n). */
static int realm_to_id(const char *word, uint32_t *id)
{
	return names_to_id(&names_realms, word, id) < 0 || *id > 255 ? -1 : 0;
}

int names_realms_parse(const char *v, uint32_t *realms)
{
	const char *slash = strchr(v, '/');
	uint32_t from = 0, to = 0;
	char word[256];

	if (slash && (size_t)(slash - v) < sizeof(word)) {
		memcpy(word, v, (size_t)(slash - v));
		word[slash - v] = '\0';
		if (realm_to_id(word, &from) == 0 && (!slash[1] || realm_to_id(slash + 1, &to) == 0)) {
			*realms = from << 16 | to;
			return 0;
		}
	} else if (!slash && realm_to_id(v, &to) == 0) {
		*realms = to;
		return 0;
	}
	return names_number(v, 0, realms);
}

int names_ipproto_to_id(const char *word, uint32_t *id)
{
	struct protoent *pe;

	if (names_number(word, 10, id) == 0 && *id <= 255)
		return 0;
	pe = getprotobyname(word);
	if (!pe)
		return -1;
	*id = (uint32_t)pe->p_proto;
	return 0;
}

const char *names_ipproto_to_str(uint32_t id, char *buf, size_t len)
{
	struct protoent *pe = getprotobynumber((int)id);

	if (pe && !names_numeric)
		snprintf(buf, len, "%s", pe->p_name);
	else
		snprintf(buf, len, "ipproto-%u", id);
	return buf;
}

const char *name_pool_name(const struct name_pool *p, unsigned int id)
{
	const char *name = p->names;

	for (size_t i = 0; i < p->n; i++, name += strlen(name) + 1)
		if (p->ids[i] == id)
			return name;
	return NULL;
}

int name_pool_id(const struct name_pool *p, const char *word)
{
	const char *name = p->names;

	for (size_t i = 0; i < p->n; i++, name += strlen(name) + 1)
		if (!strcasecmp(name, word))
			return p->ids[i];
	return -1;
}
