/* What undoes a nat line of an atomic batch, and its replay.  A rule of
 * ipbox is known by its words (its nft comment): an add is undone by
 * deleting the newest rule of its words if there are more of them than
 * before it (none added: nothing to do), and the table too if it was
 * empty before; a del by adding its words back, for the last rule of
 * the table only (nftables appends: any other would come back out of
 * its place); `forward` by the values it had.  `flush` is refused.
 * route_localnet (dnat's localhost) follows the rules put back. */
#include "undo_nat.h"

#include <stdio.h>
#include <string.h>

#include "nat.h"

/* The top bit of J_NAT_UNADD's count: the table was empty before. */
#define NAT_WAS_EMPTY 0x80000000u

struct nat_view {
	struct nat_session s;
	struct nat_index *ix;
	bool open;
};

/* The table, read into an index; -1 when it cannot be read (the line then
 * fails by itself, or the undo says so). */
static int view_read(struct nat_view *v)
{
	v->open = false;
	v->ix = nat_index_new();
	if (!v->ix || nat_open(&v->s) < 0) {
		nat_index_free(v->ix);
		return -1;
	}
	v->open = true;
	if (nat_index_read(v->ix, &v->s, nat_recognise, NULL) < 0)
		return -1;
	return 0;
}

static void view_close(struct nat_view *v)
{
	if (v->open)
		nat_close(&v->s);
	nat_index_free(v->ix);
}

/* How many rules have these words; the newest one in *last. */
static uint32_t count_words(const struct nat_index *ix, const char *tag, uint32_t *last)
{
	uint32_t n = 0;

	*last = NAT_NONE;
	for (uint32_t id = nat_index_by_words(ix, tag); id != NAT_NONE; id = nat_index_next_words(ix, id)) {
		n++;
		if (*last == NAT_NONE || id > *last)
			*last = id;
	}
	return n;
}

static bool has_complete(const struct nat_index *ix, const char *tag, bool *incomplete)
{
	struct nat_object o;
	bool complete = false;

	*incomplete = false;
	for (uint32_t id = nat_index_by_words(ix, tag); id != NAT_NONE; id = nat_index_next_words(ix, id))
		if (nat_index_get(ix, id, &o)) {
			complete |= o.complete;
			*incomplete |= !o.complete;
		}
	return complete;
}

/* The object a del names (as nat_change_plan finds it), or NAT_NONE. */
static uint32_t del_target(const struct nat_index *ix, const struct nat_change *c)
{
	if (c->q.has_handle)
		return nat_index_by_handle(ix, c->q.handle);
	return nat_index_by_words(ix, c->t.s);
}

static bool is_last(const struct nat_index *ix, uint32_t id)
{
	struct nat_object o;

	for (uint32_t later = id + 1; later < nat_index_count(ix); later++)
		if (nat_index_get(ix, later, &o))
			return false;
	return true;
}

static int unadd(struct undo *u, const struct nat_index *ix, const char *tag)
{
	uint32_t last, n = count_words(ix, tag, &last);

	journal_words(u->j, J_NAT_UNADD, u->ns, &tag, 1,
		      n | (nat_index_count(ix) == 0 ? NAT_WAS_EMPTY : 0));
	return 0;
}

static int change_undo(struct undo *u, const struct nat_index *ix, const struct nat_change *c)
{
	const char *tag = c->t.s;
	struct nat_object o;
	bool incomplete;
	uint32_t id;

	switch (c->op) {
	case OP_ADD:
		return unadd(u, ix, tag);
	case OP_REPLACE:
		if (has_complete(ix, tag, &incomplete))
			return 0;	/* nothing changes */
		if (incomplete)
			return undo_refuse(u, "the incomplete nat rule it replaces could not be put back");
		return unadd(u, ix, tag);
	case OP_DEL:
		id = del_target(ix, c);
		if (id == NAT_NONE || !nat_index_get(ix, id, &o))
			return 0;	/* it fails */
		if (!o.tag || !o.complete)
			return undo_refuse(u, "a rule ipbox did not write whole could not be put back");
		if (!is_last(ix, id))
			return undo_refuse(u, "nftables would put the rule back after the rules that follow it");
		journal_words(u->j, J_NAT_READD, u->ns, &o.tag, 1, 0);
		return 0;
	}
	return 0;
}

static int forward_undo(struct undo *u, int family)
{
	static const int families[] = { AF_INET, AF_INET6 };

	for (size_t i = 0; i < 2; i++) {
		int was;

		if (family != AF_UNSPEC && family != families[i])
			continue;
		was = nat_forward_get(families[i]);
		if (was >= 0)
			journal_words(u->j, J_FORWARD, u->ns, NULL, 0, (uint32_t)families[i] << 1 | (uint32_t)was);
	}
	return 0;
}

int undo_nat_line(struct undo *u, struct ipbox *ib, const char *verb, int argc, char **argv)
{
	static const struct { const char *verb; enum nat_op op; } ops[] = {
		{ "add", OP_ADD }, { "replace", OP_REPLACE }, { "delete", OP_DEL },
	};
	struct nat_change c;
	struct nat_view v;
	int ret = 0;

	if (!strcmp(verb, "forward"))
		return argc == 1 ? forward_undo(u, ib->family) : 0;
	if (!strcmp(verb, "flush")) {
		if (view_read(&v) == 0 && nat_index_count(v.ix) > 0)
			ret = undo_refuse(u, "nat flush cannot be undone: delete the rules one by one");
		view_close(&v);
		return ret;
	}
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		if (strcmp(verb, ops[i].verb))
			continue;
		/* bad words, or no table to read: the line fails by itself */
		if (nat_change_parse(ib, ops[i].op, true, argc, argv, &c))
			return 0;
		if (view_read(&v) == 0)
			ret = change_undo(u, v.ix, &c);
		view_close(&v);
	}
	return ret;
}

/* ---- replay ------------------------------------------------------------ */

static int unadd_replay(const struct journal_rec *rec)
{
	uint32_t was = rec->value & ~NAT_WAS_EMPTY, last, n;
	struct nat_view v;
	struct nat_txn t;
	int ret = 0;

	if (view_read(&v) < 0) {
		view_close(&v);
		return -1;
	}
	n = count_words(v.ix, rec->words[0], &last);
	if (n > was) {
		nat_txn_init(&t, &v.s);
		nat_index_delete(v.ix, last, &t);
		ret = nat_txn_commit(&t, false);
		/* route_localnet back as it was, if the rule had turned it on */
		if (ret == 0 && nat_localnet_sync(&v.s, v.ix, nat_recognise, NAT_LOCALNET_GONE) < 0)
			ret = -1;
	}
	if (ret == 0 && (rec->value & NAT_WAS_EMPTY) && nat_index_count(v.ix) > 0) {
		struct nat_object o;
		bool left = false;

		for (uint32_t id = 0; id < nat_index_count(v.ix); id++)
			left |= nat_index_get(v.ix, id, &o);
		if (!left)
			ret = nat_flush(&v.s);
	}
	if (ret < 0)
		nat_perror(&v.s);
	view_close(&v);
	return ret;
}

/* A localhost rule back: route_localnet on again, as its add did. */
static int localnet_back(struct nat_session *s)
{
	struct nat_index *ix = nat_index_new();
	int ret = ix ? nat_localnet_sync(s, ix, nat_recognise, NAT_LOCALNET_ADDED) : -1;

	nat_index_free(ix);
	return ret;
}

static int readd_replay(const struct journal_rec *rec)
{
	struct nat_session s;
	struct nat_rule r;
	int ret;

	if (!nat_recognise(rec->words[0], &r, NULL)) {
		fprintf(stderr, "\"%s\" are not the words of a nat rule\n", rec->words[0]);
		return -1;
	}
	if (nat_open(&s) < 0)
		return -1;
	ret = nat_add(&s, &r, rec->words[0], false);
	if (ret == 0 && r.localhost)
		ret = localnet_back(&s);
	if (ret < 0 && s.nl.error)
		nat_perror(&s);
	nat_close(&s);
	return ret;
}

int undo_nat_replay(const struct journal_rec *rec)
{
	switch (rec->type) {
	case J_FORWARD:
		if (nat_forward_set((int)(rec->value >> 1), rec->value & 1) < 0) {
			perror("Cannot put forwarding back");
			return -1;
		}
		return 0;
	case J_NAT_UNADD:
		return rec->nwords == 1 ? unadd_replay(rec) : -1;
	case J_NAT_READD:
		return rec->nwords == 1 ? readd_replay(rec) : -1;
	default:
		return -1;
	}
}
