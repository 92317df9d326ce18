/* NAT rules in nftables, through libnftnl.  Everything ipbox writes lives
 * in one table of its own, `inet ipbox`, with three base chains:
 *
 *   srcnat         type nat hook postrouting priority 100  (masquerade, snat)
 *   dstnat         type nat hook prerouting  priority -100 (dnat)
 *   dstnat_output  type nat hook output      priority -100 (dnat's twin, for
 *                                                           the host's own
 *                                                           traffic)
 *
 * Every change is one nftables transaction: table, chains and rules appear
 * together or not at all.  This layer knows expressions, not words: a rule
 * carries an opaque tag (its user data comment) that the caller writes and
 * reads back to recognise its own rules. */
#ifndef IPBOX_NAT_H
#define IPBOX_NAT_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include "../netlink/nl.h"

#define NAT_TABLE "ipbox"
#define NAT_TAG_MAX 129		/* nft's limit for a rule comment: 128 characters, NUL */

enum nat_kind { NAT_MASQUERADE, NAT_SNAT, NAT_DNAT };

/* NF_NAT_RANGE_* bits, the words random, fully-random and persistent. */
enum {
	NAT_F_RANDOM = 1 << 2,
	NAT_F_PERSISTENT = 1 << 3,
	NAT_F_FULLY_RANDOM = 1 << 4,
};

struct nat_addr {
	int family;		/* AF_INET, AF_INET6; 0: not given */
	uint8_t plen;		/* prefix length (matches only) */
	uint8_t a[16];		/* network byte order */
};

struct nat_ports {
	uint16_t min, max;	/* host order; 0: not given */
};

struct nat_rule {
	enum nat_kind kind;
	int family;		/* AF_INET, AF_INET6, or AF_UNSPEC: both */
	struct nat_addr src, dst;
	char iif[IF_NAMESIZE], oif[IF_NAMESIZE];	/* "" : any */
	int proto;		/* IP protocol number, -1: any */
	struct nat_ports sport, dport;
	struct nat_addr to_min, to_max;	/* snat, dnat: new address range */
	struct nat_ports to_ports;	/* new ports (masquerade: to-ports) */
	unsigned int flags;	/* NAT_F_* */
};

/* The chains, in the order rules are listed. */
enum nat_chain { NAT_CHAIN_SRCNAT, NAT_CHAIN_DSTNAT, NAT_CHAIN_DSTNAT_OUT, NAT_CHAINS };

/* NFT_CHAIN_MAXNAMELEN: a chain's name and its NUL. */
#define NAT_CHAIN_NAME_MAX 256

/* One rule of the table, as read back. */
struct nat_entry {
	enum nat_chain chain;	/* NAT_CHAINS: a chain ipbox did not make */
	const char *chain_name;	/* its name, shorter than NAT_CHAIN_NAME_MAX */
	uint64_t handle;
	const char *tag;	/* its comment, NULL if it has none */
	uint64_t packets, bytes;	/* its counter, if it has one */
	const void *nft;	/* the libnftnl rule, for nat_entry_is(); NULL if
				 * its shape is none ipbox writes */
};

struct nat_session {
	struct nl nl;
	uint32_t genid;		/* ruleset generation seen by the last walk */
};

/* One deletion: the chain (by name: it may be one ipbox did not make)
 * and handle of a rule. */
struct nat_ref {
	char chain[NAT_CHAIN_NAME_MAX];
	uint64_t handle;
};

/* The ref of e. */
void nat_ref_of(struct nat_ref *ref, const struct nat_entry *e);

int nat_open(struct nat_session *s);
void nat_close(struct nat_session *s);

/* Call cb for each rule of the table, in chain order (none if it does
 * not exist).  Records the generation in s->genid.  -1 on error. */
int nat_walk(struct nat_session *s, int (*cb)(const struct nat_entry *e, void *data), void *data);

/* Whether e holds exactly the expressions nat_add writes for r (counters
 * aside).  The tag and the chain are the caller's to compare. */
bool nat_entry_is(const struct nat_entry *e, const struct nat_rule *r, const char *tag);

/* A transaction being built: any number of adds and deletes (each adds
 * table and chains first, once), sent as one batch by nat_txn_commit. */
struct nat_txn {
	struct nat_session *s;
	char *buf;		/* the messages between batch begin and end */
	size_t len, cap;
	int msgs;
	uint32_t first_seq;	/* of the first message */
	bool has_chains, nomem;
};

void nat_txn_init(struct nat_txn *t, struct nat_session *s);
void nat_txn_add(struct nat_txn *t, const struct nat_rule *r, const char *tag);
void nat_txn_delete(struct nat_txn *t, const struct nat_ref *refs, int n);
/* Send it (an empty one is not sent); t is empty again afterwards.  With `checked`, the kernel
 * refuses the change if the ruleset changed since s->genid was read
 * (errno ERESTART): the caller walks again and decides again.  -1 with
 * s->nl.error (and its message) on failure: then nothing changed. */
int nat_txn_commit(struct nat_txn *t, bool checked);
void nat_txn_free(struct nat_txn *t);

/* One-change transactions, as nat_txn_commit. */
int nat_add(struct nat_session *s, const struct nat_rule *r, const char *tag, bool checked);
int nat_delete(struct nat_session *s, const struct nat_ref *refs, int n, bool checked);
int nat_flush(struct nat_session *s);

/* ERESTART: another process changed the ruleset between our look and
 * our change.  Each round someone wins, so this bounds a crowd of racers. */
#define NAT_RETRIES 100

/* change(s, data) looks (nat_walk) and commits a checked transaction:
 * run it again while the kernel refuses it for a moved ruleset.  Returns
 * what change last returned: 0, -1 (s->nl.error), or the caller's own
 * positive code. */
int nat_retry(struct nat_session *s, int (*change)(struct nat_session *s, void *data), void *data);

/* The kernel's answer to the last failed transaction, one line. */
void nat_perror(const struct nat_session *s);

/* IPv4 and IPv6 forwarding of the current namespace. */
int nat_forward_get(int family);	/* 1, 0, or -1 */
int nat_forward_set(int family, bool on);

#endif
