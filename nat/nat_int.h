/* Shared inside nat/: chain names and the rule builder. */
#ifndef IPBOX_NAT_INT_H
#define IPBOX_NAT_INT_H

#include "table.h"

extern const char *const nat_chain_names[NAT_CHAINS];

/* The NFT_MSG_NEWRULE of member m of r into q (nlreq_init'ed here), with
 * tag as its comment (NULL: none); false when it does not fit. */
bool nat_rule_build(struct nlreq *q, const struct nat_rule *r, const char *tag, const struct nat_member *m);

/* One rule of the table, as a dump gives it. */
struct nat_entry {
	enum nat_chain chain;	/* NAT_CHAINS: a chain ipbox did not make */
	const char *chain_name;	/* its name, shorter than NAT_CHAIN_NAME_MAX */
	uint64_t handle;
	const char *tag;	/* its comment, NULL if it has none */
	uint64_t packets, bytes;	/* its counter, if it has one */
	const struct nlattr *exprs;	/* NFTA_RULE_EXPRESSIONS, or NULL */
};

/* Call cb for each rule of the table, in dump order (none if it does
 * not exist).  Records the generation in s->genid.  -1 on error. */
int nat_walk(struct nat_session *s, int (*cb)(const struct nat_entry *e, void *data), void *data);

/* Which of r's n members m e is (chain and expressions, counters aside;
 * the comment is the caller's to compare), or -1.  Member hint is tried
 * first. */
int nat_entry_member(const struct nat_entry *e, const struct nat_rule *r, const struct nat_member *m, int n,
		     int hint);

/* An empty chain of that name (not a base chain) added to t, or deleted. */
void nat_txn_chain(struct nat_txn *t, const char *name, bool add);
/* cb(name) for each chain of the table (none if it does not exist); -1 on
 * error. */
int nat_walk_chains(struct nat_session *s, void (*cb)(const char *name, void *data), void *data);

#endif
