/* NAT rules in nftables (nat/rule.c writes the rules, libnftnl the rest).
 * Everything ipbox writes lives in one table of its own, `inet ipbox`,
 * with three base chains:
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
#ifndef IPBOX_NAT_TABLE_H
#define IPBOX_NAT_TABLE_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include "../netlink/nl.h"

#define NAT_TABLE "ipbox"
#define NAT_OWNER_MAX 33	/* an owner tag: 32 characters, NUL */
#define NAT_TAG_MAX 129		/* nft's limit for a rule comment: 128 characters, NUL */

enum nat_kind { NAT_MASQUERADE, NAT_SNAT, NAT_DNAT, NAT_REDIRECT, NAT_KINDS };

/* dnat and redirect rewrite destinations: prerouting and output. */
#define NAT_KIND_DST(kind) ((kind) == NAT_DNAT || (kind) == NAT_REDIRECT)

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

/* Items of one list of a rule: protocols, ports, exclusions. */
#define NAT_LIST_MAX 8

struct nat_port_list {
	uint8_t n;
	struct nat_ports p[NAT_LIST_MAX];
};

/* Exclusions: `src != PREFIX`, `iif != DEV`, ... (each must not match). */
struct nat_addr_list {
	uint8_t n;
	struct nat_addr a[NAT_LIST_MAX];
};

struct nat_ifname_list {
	uint8_t n;
	char name[NAT_LIST_MAX][IF_NAMESIZE];
};

struct nat_rule {
	enum nat_kind kind;
	int family;		/* AF_INET, AF_INET6, or AF_UNSPEC: both */
	struct nat_addr src, dst;
	struct nat_addr_list src_not, dst_not;
	char iif[IF_NAMESIZE], oif[IF_NAMESIZE];	/* "" : any */
	struct nat_ifname_list iif_not, oif_not;
	uint8_t nprotos;	/* none: any protocol */
	uint8_t protos[NAT_LIST_MAX];	/* IP protocol numbers, any of them */
	struct nat_port_list sport, dport;	/* any of them */
	struct nat_addr to_min, to_max;	/* snat, dnat: new address range */
	struct nat_ports to_ports;	/* new ports (masquerade: to-ports) */
	unsigned int flags;	/* NAT_F_* */
	char hairpin[IF_NAMESIZE];	/* dnat: masquerade its clients behind DEV */
	bool localhost;		/* dnat: published on 127.0.0.0/8 too (IPv4) */
	char owner[NAT_OWNER_MAX];	/* `tag NAME`: who made it ("": nobody said) */
};

/* The chains, in the order rules are listed. */
enum nat_chain { NAT_CHAIN_SRCNAT, NAT_CHAIN_DSTNAT, NAT_CHAIN_DSTNAT_OUT, NAT_CHAINS };

/* The nft rules a rule of ipbox is made of, its members, all with its
 * words as their comment: one in its kind's chain (for dnat a twin in
 * dstnat_output too) for each protocol and each item of its port lists,
 * since an nft rule without sets matches one of each; for a dnat with
 * hairpin, masquerades in srcnat; for a dnat with localhost, a
 * masquerade of the loopback sources it translated.  It is one object: added, shown and
 * deleted whole. */
#define NAT_MEMBERS_MAX 256
struct nat_member {
	enum nat_chain chain;
	bool hairpin;		/* dnat's hairpin masquerade (srcnat) */
	bool loopback;		/* dnat's masquerade of 127.0.0.0/8 sources (srcnat) */
	int proto;		/* -1: any */
	struct nat_ports sport, dport;	/* 0: any */
	struct nat_ports to_ports;	/* the new ports (a 1:1 map: one each) */
};

/* r's members, in the order they are added; returns how many, -1 if
 * more than NAT_MEMBERS_MAX or a 1:1 map whose ranges differ. */
int nat_rule_members(const struct nat_rule *r, struct nat_member m[NAT_MEMBERS_MAX]);
/* Whether r maps a port range 1:1 (dnat to a port range): then its
 * dport must be one range as long as the to range, each port a member
 * of its own. */
bool nat_rule_maps_ports(const struct nat_rule *r);

/* NFT_CHAIN_MAXNAMELEN: a chain's name and its NUL. */
#define NAT_CHAIN_NAME_MAX 256

struct nat_session {
	struct nl nl;
	uint32_t genid;		/* ruleset generation seen by the last read */
};

int nat_open(struct nat_session *s);
void nat_close(struct nat_session *s);

/* ---- the table, read into an index ---------------------------------- */

/* Whether tag (a rule's comment) is the words of a rule of ipbox; if so,
 * that rule in *r.  The caller's parser: this layer knows no words. */
typedef bool (*nat_recognise_fn)(const char *tag, struct nat_rule *r, void *data);

/* Every rule of table inet ipbox, grouped into objects: a rule of ipbox
 * (its members, whose comment is its words and whose expressions are
 * exactly what those words build), or one rule it did not write. */
struct nat_index;

/* One object as a user sees it. */
struct nat_object {
	const char *tag;	/* its words; NULL: a rule ipbox did not write */
	uint64_t handle;	/* its first member's (in dump order); 0 if queued */
	uint64_t oldest;	/* its smallest handle: handles grow as rules are added */
	uint64_t packets, bytes;	/* counters, summed over its members */
	bool complete;		/* every member is there (or queued) */
	bool queued;		/* added by the transaction being built */
};

#define NAT_NONE UINT32_MAX

struct nat_index *nat_index_new(void);
void nat_index_free(struct nat_index *ix);
/* Forget what ix held and read the table (none: empty), one dump, the
 * generation in s->genid.  -1 with s->nl.error on failure. */
int nat_index_read(struct nat_index *ix, struct nat_session *s, nat_recognise_fn recognise, void *data);
/* Objects are numbered 0..count-1 in the order of their first member. */
uint32_t nat_index_count(const struct nat_index *ix);
/* Object id, unless it was deleted (false). */
bool nat_index_get(const struct nat_index *ix, uint32_t id, struct nat_object *o);
/* The first object with these words, the next one, the one with a member
 * of this handle; NAT_NONE when there is none (deleted ones are gone). */
uint32_t nat_index_by_words(const struct nat_index *ix, const char *tag);
uint32_t nat_index_next_words(const struct nat_index *ix, uint32_t id);
uint32_t nat_index_by_handle(const struct nat_index *ix, uint64_t handle);

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
void nat_txn_delete(struct nat_txn *t, const char *chain, uint64_t handle);
/* The same, and the index takes note: the object is gone, the rule is
 * there (queued, without handles) for the lookups that follow; add is
 * false when the index is out of memory (then so is t). */
void nat_index_delete(struct nat_index *ix, uint32_t id, struct nat_txn *t);
bool nat_index_add(struct nat_index *ix, const struct nat_rule *r, const char *tag, struct nat_txn *t);
/* Send it (an empty one is not sent); t is empty again afterwards.  With `checked`, the kernel
 * refuses the change if the ruleset changed since s->genid was read
 * (errno ERESTART): the caller walks again and decides again.  -1 with
 * s->nl.error (and its message) on failure: then nothing changed. */
int nat_txn_commit(struct nat_txn *t, bool checked);
void nat_txn_free(struct nat_txn *t);

/* One-change transactions, as nat_txn_commit. */
int nat_add(struct nat_session *s, const struct nat_rule *r, const char *tag, bool checked);
int nat_flush(struct nat_session *s);

/* ERESTART: another process changed the ruleset between our look and
 * our change.  Each round someone wins, so this bounds a crowd of racers. */
#define NAT_RETRIES 100

/* change(s, data) looks (nat_index_read) and commits a checked transaction:
 * run it again while the kernel refuses it for a moved ruleset.  Returns
 * what change last returned: 0, -1 (s->nl.error), or the caller's own
 * positive code. */
int nat_retry(struct nat_session *s, int (*change)(struct nat_session *s, void *data), void *data);

/* The kernel's answer to the last failed transaction, one line. */
void nat_perror(const struct nat_session *s);

/* IPv4 and IPv6 forwarding of the current namespace. */
int nat_forward_get(int family);	/* 1, 0, or -1 */
int nat_forward_set(int family, bool on);

/* ---- route_localnet, for dnat's localhost (nat/localnet.c) ---- */

/* net.ipv4.conf.DEV.route_localnet: 1, 0, or -1; set: 0 or -1 (errno). */
int nat_localnet_get(const char *dev);
int nat_localnet_set(const char *dev, bool on);
/* The interface the host reaches the IPv4 target `to` by, in dev, and
 * its route_localnet: 1 off, 0 on (or unreadable), -1 when the target
 * is local or has no route out.  A read of the kernel's route. */
int nat_localnet_off(const struct nat_addr *to, char dev[IF_NAMESIZE]);

/* Why the sysctls are brought in step with the rules. */
enum nat_localnet {
	NAT_LOCALNET_ADDED,	/* a localhost rule may have come */
	NAT_LOCALNET_GONE,	/* rules may have gone */
};
/* Turn route_localnet on (recording it) for each interface a localhost
 * rule's target is reached by where it is off, and off again where ipbox
 * had turned it on and no localhost rule needs it any more.  ix: memory
 * to read the table into.  0, or -1 (a sysctl said so on stderr, else
 * s->nl.error). */
int nat_localnet_sync(struct nat_session *s, struct nat_index *ix, nat_recognise_fn recognise,
		      enum nat_localnet why);
/* A flush takes the records with the table: they are read before it
 * (marks), and the sysctls they record that are on are turned off after
 * it succeeded (release), so a failed flush leaves them as they were.
 * 0, or -1 (release: a sysctl said so on stderr). */
#define NAT_LOCALNET_MAX 64
struct nat_localnet_devs {
	int n;
	char name[NAT_LOCALNET_MAX][IF_NAMESIZE];
};
int nat_localnet_marks(struct nat_session *s, struct nat_localnet_devs *marks);
int nat_localnet_release(const struct nat_localnet_devs *marks);

#endif
