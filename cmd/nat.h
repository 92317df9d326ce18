/* What cmd/nat.c (the words and the verbs) shares with cmd/nat_batch.c
 * (a run of -batch lines as one transaction). */
#ifndef IPBOX_CMD_NAT_H
#define IPBOX_CMD_NAT_H

#include <net/if.h>
#include "ipbox.h"
#include "../nat/table.h"

/* A rule or a handle, as parsed. */
struct nat_req {
	bool quiet;		/* reading a comment back: no messages */
	bool has_rule;		/* false for a bare `handle N` */
	bool has_handle;
	uint64_t handle;
	unsigned int seen;	/* keyword rows given, one bit each */
	struct nat_rule r;
};

/* A rule's canonical words: its nft comment. */
struct nat_tag {
	char s[NAT_TAG_MAX];
	size_t len;
};

enum nat_op { OP_ADD, OP_REPLACE, OP_DEL };

/* One change a command (or a -batch line) asks for. */
struct nat_change {
	enum nat_op op;
	int lineno;		/* its line in a -batch file */
	struct nat_req q;
	struct nat_tag t;	/* its words, if q.has_rule */
};

/* What the warnings looked up.  A run of -batch lines shares it: nat
 * lines change neither interfaces nor forwarding. */
struct nat_seen {
	char ifname[IF_NAMESIZE];	/* the last name found, "" for none */
	int forward[2];			/* nat_forward_get(AF_INET, AF_INET6) */
	bool forward_read;
	struct nat_explain *explain;	/* nat_explain.c's; nat_seen_free() */
};

/* ---- words (nat_words.c) ---- */

/* "Error: MESSAGE" on stderr, unless q->quiet; EXIT_USAGE. */
int nat_bad(const struct nat_req *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* argv: KIND WORDS... [handle N] (-4/-6 as family).  With only_handle,
 * `handle N` alone is a whole request (del).  An exit status. */
int nat_rule_parse(struct nat_req *q, int family, bool only_handle, int argc, char **argv);
/* The canonical words of r: its nft comment.  -1 when too long. */
int nat_rule_tag(const struct nat_rule *r, struct nat_tag *t);
/* nat_recognise_fn for nat_index_read: words that parse as a rule and
 * give back the same words. */
bool nat_recognise(const char *tag, struct nat_rule *r, void *data);
/* The words of a rule nat_recognise took: type and keys, plain or -j. */
void nat_print_words(struct printer *p, const char *tag);
/* `tag NAME` of show and flush: NAME in owner, or an error (printed) and
 * EXIT_USAGE. */
int nat_owner_parse(const char *name, char owner[NAT_OWNER_MAX]);
/* Whether a rule's words (its nft comment) say `tag owner`. */
bool nat_words_owned(const char *words, const char *owner);
/* ipbox --words nat: the keywords, types and protocols, the JSON keys
 * of the exclusions (cmd/words.h). */
void nat_rule_words(void);

/* ---- verbs and batch runs ---- */

/* Parse argv (after the verb) into c; quiet: no message.  An exit status. */
int nat_change_parse(struct ipbox *ib, enum nat_op op, bool quiet, int argc, char **argv,
		     struct nat_change *c);
void nat_change_warn(struct nat_seen *sn, const struct nat_change *c);

/* What nat_change_plan found when it planned nothing. */
enum { PLAN_NO_RULE = 1, PLAN_MISMATCH, PLAN_QUEUED };

/* Plan c against ix into t, ix taking note: 0, or why not (nothing
 * changed): del found no rule, the rule of the handle has other words,
 * or del's rule is one t adds (its handle is not known yet). */
int nat_change_plan(struct nat_index *ix, const struct nat_change *c, struct nat_txn *t);
/* c in a transaction of its own (ix: the memory to read the table into);
 * prints why it failed.  An exit status. */
int nat_change_apply(struct nat_session *s, struct nat_index *ix, struct nat_change *c);

/* Whether c may have added a localhost rule (*added) or removed a rule:
 * then, once applied, nat_localnet_step brings route_localnet in step
 * with the rules (ix: memory to read them into).  An exit status, the
 * failure said. */
bool nat_change_localnet(const struct nat_change *c, bool *added);
int nat_localnet_step(struct nat_session *s, struct nat_index *ix, bool added);

/* -check: what c's localhost would write (route_localnet), on stdout. */
void nat_localnet_preview(const struct nat_change *c);

/* ---- explanations (nat_explain.c) ---- */

/* Warn, once per command, about what would drop r's traffic: forward
 * chains of other tables, strict rp_filter. */
void nat_explain_warn(struct nat_seen *sn, const struct nat_rule *r);
/* show: warn when route_localnet is off where r (a localhost dnat) needs it. */
void nat_explain_localnet(struct nat_seen *sn, const struct nat_rule *r);
void nat_seen_free(struct nat_seen *sn);
/* Whether the kernel holds anything those warnings are about (show skips
 * reading its rules back otherwise). */
bool nat_explain_wanted(struct nat_seen *sn);

/* ---- nat check (nat_check.c) ---- */

int nat_check(struct ipbox *ib, int argc, char **argv);
void nat_check_words(void);
/* A protocol word (tcp, udp, sctp, icmp, icmpv6, 0-255) as nat's rules
 * read it, -1 if none; and back (nat_words.c). */
int nat_proto_number(const char *word);
void nat_proto_name(int num, char *buf, size_t n);

/* The nat verb word names, if it is one a batch run takes. */
bool nat_batch_verb(const char *word, enum nat_op *op);

#endif
