/* The table read once: every rule of table inet ipbox grouped into the
 * objects a user sees (a rule of ipbox is one or more nft rules, its
 * members: dnat has a twin in the output chain), found by words or by
 * any member's handle.  A batch keeps one index for a whole transaction
 * and updates it with its own changes, so each line costs a lookup, not
 * a dump.  Memory: a record per nft rule, an object per rule of ipbox,
 * the words once each. */
#include "nat_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One nft rule, in dump order. */
struct rec {
	uint64_t handle, packets, bytes;
	uint32_t object;
	uint32_t next;		/* the object's next record, or NAT_NONE */
	uint16_t chain;		/* into chains[] */
};

struct obj {
	uint32_t tag;		/* offset of its words in the arena; NAT_NONE: not ipbox's */
	uint32_t hash;		/* of its words */
	uint32_t first, last;	/* its records; NAT_NONE while only queued */
	uint32_t same;		/* the next object with the same words */
	uint64_t present[NAT_MEMBERS_MAX / 64];	/* a bit per member found */
	uint16_t members;	/* how many its rule has */
	uint16_t found;		/* how many were found */
	uint16_t next;		/* the member a dump likely gives next */
	bool deleted;
};

struct nat_index {
	struct rec *recs;
	struct obj *objs;
	char *arena;
	char **chains;		/* names of chains ipbox did not make, after its own */
	uint32_t nrecs, caprecs, nobjs, capobjs, nchains;
	size_t arena_len, arena_cap;
	uint32_t *by_tag, tag_slots, ntags;	/* the first object of some words */
	uint32_t *by_handle, handle_slots;	/* a record */
	nat_recognise_fn recognise;
	void *data;
	bool nomem;
};

struct nat_index *nat_index_new(void)
{
	return calloc(1, sizeof(struct nat_index));
}

static void index_clear(struct nat_index *ix)
{
	for (uint32_t i = 0; i < ix->nchains; i++)
		free(ix->chains[i]);
	free(ix->chains);
	free(ix->recs);
	free(ix->objs);
	free(ix->arena);
	free(ix->by_tag);
	free(ix->by_handle);
	*ix = (struct nat_index){ 0 };
}

void nat_index_free(struct nat_index *ix)
{
	if (ix)
		index_clear(ix);
	free(ix);
}

/* ---- growth -------------------------------------------------------- */

/* Room for one more of n items of size sz in *p; false when out of
 * memory (then ix->nomem is set and nothing is added). */
static bool grow(struct nat_index *ix, void **p, uint32_t n, uint32_t *cap, size_t sz)
{
	uint32_t want;
	void *bigger;

	if (n < *cap)
		return true;
	want = *cap ? 2 * *cap : 64;
	bigger = want > *cap ? realloc(*p, want * sz) : NULL;
	if (!bigger) {
		ix->nomem = true;
		return false;
	}
	*p = bigger;
	*cap = want;
	return true;
}

static uint32_t arena_put(struct nat_index *ix, const char *s)
{
	size_t len = strlen(s) + 1;
	uint32_t off = (uint32_t)ix->arena_len;

	if (ix->arena_len + len > ix->arena_cap) {
		size_t cap = ix->arena_cap ? 2 * ix->arena_cap : 4096;
		char *bigger;

		while (cap < ix->arena_len + len)
			cap *= 2;
		if (cap >= NAT_NONE || !(bigger = realloc(ix->arena, cap))) {
			ix->nomem = true;
			return NAT_NONE;
		}
		ix->arena = bigger;
		ix->arena_cap = cap;
	}
	memcpy(ix->arena + off, s, len);
	ix->arena_len += len;
	return off;
}

/* ---- hash tables (open addressing, power-of-two sizes) ---------------- */

static uint32_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull;	/* FNV-1a, its high bits mixed down */

	while (*s)
		h = (h ^ (uint8_t)*s++) * 1099511628211ull;
	return (uint32_t)((h * 0x9e3779b97f4a7c15ull) >> 32);
}

static uint32_t hash_u64(uint64_t v)
{
	return (uint32_t)((v * 0x9e3779b97f4a7c15ull) >> 32);
}

static const char *obj_tag(const struct nat_index *ix, const struct obj *o)
{
	return o->tag == NAT_NONE ? NULL : ix->arena + o->tag;
}

/* The slot of words tag (of this hash): the one holding its first
 * object, or the empty one where it would go. */
static uint32_t *tag_slot(const struct nat_index *ix, const char *tag, uint32_t hash)
{
	uint32_t mask = ix->tag_slots - 1;

	for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
		uint32_t *slot = &ix->by_tag[i];
		const struct obj *o = *slot == NAT_NONE ? NULL : &ix->objs[*slot];

		if (!o || (o->hash == hash && !strcmp(obj_tag(ix, o), tag)))
			return slot;
	}
}

static uint32_t *handle_slot(const struct nat_index *ix, uint64_t handle)
{
	uint32_t mask = ix->handle_slots - 1;

	for (uint32_t i = hash_u64(handle) & mask;; i = (i + 1) & mask) {
		uint32_t *slot = &ix->by_handle[i];

		if (*slot == NAT_NONE || ix->recs[*slot].handle == handle)
			return slot;
	}
}

/* A table of at least twice `used` slots, filled again from scratch. */
static bool rehash(struct nat_index *ix, uint32_t **table, uint32_t *slots, uint32_t used)
{
	uint32_t n = 64;
	uint32_t *fresh;

	while (n < 2 * used + 2)
		n *= 2;
	if (n <= *slots)
		return true;
	fresh = malloc(n * sizeof(*fresh));
	if (!fresh) {
		ix->nomem = true;
		return false;
	}
	memset(fresh, 0xff, n * sizeof(*fresh));	/* NAT_NONE */
	free(*table);
	*table = fresh;
	*slots = n;
	if (table == &ix->by_tag) {
		for (uint32_t i = 0; i < ix->nobjs; i++)
			if (ix->objs[i].tag != NAT_NONE) {
				uint32_t *slot = tag_slot(ix, obj_tag(ix, &ix->objs[i]), ix->objs[i].hash);

				if (*slot == NAT_NONE)
					*slot = i;
			}
	} else {
		for (uint32_t i = 0; i < ix->nrecs; i++)
			*handle_slot(ix, ix->recs[i].handle) = i;
	}
	return true;
}

/* ---- objects and records ------------------------------------------- */

static uint32_t obj_new(struct nat_index *ix, const char *tag, uint32_t hash, int members)
{
	struct obj *o;
	uint32_t id;

	if (!grow(ix, (void **)&ix->objs, ix->nobjs, &ix->capobjs, sizeof(*ix->objs)))
		return NAT_NONE;
	if (tag && !rehash(ix, &ix->by_tag, &ix->tag_slots, ix->ntags + 1))
		return NAT_NONE;
	id = ix->nobjs;
	o = &ix->objs[id];
	*o = (struct obj){ .tag = NAT_NONE, .hash = hash, .first = NAT_NONE, .last = NAT_NONE,
			   .same = NAT_NONE, .members = (uint16_t)members };
	if (tag) {
		uint32_t *slot = tag_slot(ix, tag, hash), prev;

		o->tag = arena_put(ix, tag);	/* may move the arena: after tag_slot */
		if (o->tag == NAT_NONE)
			return NAT_NONE;
		if (*slot == NAT_NONE) {
			*slot = id;
			ix->ntags++;
		} else {
			for (prev = *slot; ix->objs[prev].same != NAT_NONE; prev = ix->objs[prev].same)
				;
			ix->objs[prev].same = id;
		}
	}
	ix->nobjs++;
	return id;
}

static void rec_add(struct nat_index *ix, uint32_t id, int member, const struct nat_entry *e, uint16_t chain)
{
	struct obj *o = &ix->objs[id];
	struct rec *r;

	if (!grow(ix, (void **)&ix->recs, ix->nrecs, &ix->caprecs, sizeof(*ix->recs)) ||
	    !rehash(ix, &ix->by_handle, &ix->handle_slots, ix->nrecs + 1))
		return;
	r = &ix->recs[ix->nrecs];
	*r = (struct rec){ e->handle, e->packets, e->bytes, id, NAT_NONE, chain };
	if (o->last == NAT_NONE)
		o->first = ix->nrecs;
	else
		ix->recs[o->last].next = ix->nrecs;
	o->last = ix->nrecs;
	o->present[member / 64] |= 1ull << (member % 64);
	o->found++;
	o->next = (uint16_t)(member + 1);
	*handle_slot(ix, e->handle) = ix->nrecs++;
}

/* The number of e's chain in chains[]: ipbox's own first, then each
 * other name as it comes.  A dump gives a chain's rules together, so the
 * newest name is tried first. */
static uint16_t chain_id(struct nat_index *ix, const struct nat_entry *e)
{
	char **bigger, *name;

	if (e->chain < NAT_CHAINS)
		return (uint16_t)e->chain;
	for (uint32_t i = ix->nchains; i-- > 0;)
		if (!strcmp(ix->chains[i], e->chain_name))
			return (uint16_t)(NAT_CHAINS + i);
	if (ix->nchains >= UINT16_MAX - NAT_CHAINS ||
	    !(bigger = realloc(ix->chains, (ix->nchains + 1) * sizeof(*bigger)))) {
		ix->nomem = true;
		return 0;
	}
	ix->chains = bigger;
	name = strdup(e->chain_name);
	if (!name) {
		ix->nomem = true;
		return 0;
	}
	ix->chains[ix->nchains] = name;
	return (uint16_t)(NAT_CHAINS + ix->nchains++);
}

static const char *chain_name(const struct nat_index *ix, uint16_t chain)
{
	return chain < NAT_CHAINS ? nat_chain_names[chain] : ix->chains[chain - NAT_CHAINS];
}

/* Where e goes: the first object of its words that lacks its member (a
 * rule added twice is two objects), else a new one. */
static bool has_member(const struct obj *o, int member)
{
	return o->present[member / 64] & (1ull << (member % 64));
}

static uint32_t obj_for(struct nat_index *ix, const char *tag, uint32_t hash, int member, int members)
{
	uint32_t id = *tag_slot(ix, tag, hash);

	for (; id != NAT_NONE; id = ix->objs[id].same)
		if (!has_member(&ix->objs[id], member))
			return id;
	return obj_new(ix, tag, hash, members);
}

/* The member a rule of these words most likely is: the one after the
 * last found of the first object still missing some (a transaction adds
 * a rule's members in order, and a dump gives them so). */
static int member_hint(const struct nat_index *ix, const char *tag, uint32_t hash)
{
	uint32_t id = ix->tag_slots ? *tag_slot(ix, tag, hash) : NAT_NONE;

	for (; id != NAT_NONE; id = ix->objs[id].same)
		if (ix->objs[id].found < ix->objs[id].members)
			return ix->objs[id].next;
	return 0;
}

static int read_entry(const struct nat_entry *e, void *data)
{
	struct nat_index *ix = data;
	struct nat_member m[NAT_MEMBERS_MAX];
	struct nat_rule r;
	int member = -1, members = 0;
	uint16_t chain = chain_id(ix, e);
	uint32_t id, hash = 0;

	if (!ix->tag_slots && !rehash(ix, &ix->by_tag, &ix->tag_slots, 1))
		return -1;
	if (e->tag && e->chain < NAT_CHAINS && ix->recognise(e->tag, &r, ix->data)) {
		hash = hash_str(e->tag);
		members = nat_rule_members(&r, m);
		member = nat_entry_member(e, &r, m, members, member_hint(ix, e->tag, hash));
	}
	if (ix->nomem)
		return -1;
	id = member < 0 ? obj_new(ix, NULL, 0, 1) : obj_for(ix, e->tag, hash, member, members);
	if (id != NAT_NONE)
		rec_add(ix, id, member < 0 ? 0 : member, e, chain);
	return ix->nomem ? -1 : 0;
}

int nat_index_read(struct nat_index *ix, struct nat_session *s, nat_recognise_fn recognise, void *data)
{
	index_clear(ix);
	ix->recognise = recognise;
	ix->data = data;
	if (nat_walk(s, read_entry, ix) < 0) {
		if (ix->nomem)
			s->nl.error = ENOMEM;
		return -1;
	}
	return 0;
}

/* ---- looking up ---------------------------------------------------- */

uint32_t nat_index_count(const struct nat_index *ix)
{
	return ix->nobjs;
}

bool nat_index_get(const struct nat_index *ix, uint32_t id, struct nat_object *out)
{
	const struct obj *o = &ix->objs[id];

	if (o->deleted)
		return false;
	/* A queued rule is whole: the transaction adds every member. */
	*out = (struct nat_object){ .tag = obj_tag(ix, o), .queued = o->first == NAT_NONE,
				    .complete = o->first == NAT_NONE || o->found == o->members };
	if (o->first != NAT_NONE)
		out->handle = out->oldest = ix->recs[o->first].handle;
	for (uint32_t i = o->first; i != NAT_NONE; i = ix->recs[i].next) {
		if (ix->recs[i].handle < out->oldest)
			out->oldest = ix->recs[i].handle;
		out->packets += ix->recs[i].packets;
		out->bytes += ix->recs[i].bytes;
	}
	return true;
}

static uint32_t live_from(const struct nat_index *ix, uint32_t id)
{
	while (id != NAT_NONE && ix->objs[id].deleted)
		id = ix->objs[id].same;
	return id;
}

uint32_t nat_index_by_words(const struct nat_index *ix, const char *tag)
{
	return ix->tag_slots ? live_from(ix, *tag_slot(ix, tag, hash_str(tag))) : NAT_NONE;
}

uint32_t nat_index_next_words(const struct nat_index *ix, uint32_t id)
{
	return live_from(ix, ix->objs[id].same);
}

uint32_t nat_index_by_handle(const struct nat_index *ix, uint64_t handle)
{
	uint32_t rec;

	if (!ix->handle_slots)
		return NAT_NONE;
	rec = *handle_slot(ix, handle);
	if (rec == NAT_NONE || ix->objs[ix->recs[rec].object].deleted)
		return NAT_NONE;
	return ix->recs[rec].object;
}

/* ---- changing ------------------------------------------------------ */

void nat_index_delete(struct nat_index *ix, uint32_t id, struct nat_txn *t)
{
	struct obj *o = &ix->objs[id];

	for (uint32_t i = o->first; i != NAT_NONE; i = ix->recs[i].next)
		nat_txn_delete(t, chain_name(ix, ix->recs[i].chain), ix->recs[i].handle);
	o->deleted = true;
}

bool nat_index_add(struct nat_index *ix, const struct nat_rule *r, const char *tag, struct nat_txn *t)
{
	struct nat_member m[NAT_MEMBERS_MAX];
	bool noted = (ix->tag_slots || rehash(ix, &ix->by_tag, &ix->tag_slots, 1)) &&
		     obj_new(ix, tag, hash_str(tag), nat_rule_members(r, m)) != NAT_NONE;

	nat_txn_add(t, r, tag);
	t->nomem |= !noted;
	return noted;
}
