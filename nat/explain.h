/* Why traffic a nat rule is for might not flow, as far as the kernel's
 * state tells (no packet is sent): the forward-hook chains of other
 * nftables tables and the verdict they would give a packet, which ipbox
 * rule would translate it, and the rp_filter sysctls.  Knows nftables
 * and /proc/sys, not words: cmd/nat_check.c says and prints. */
#ifndef IPBOX_NAT_EXPLAIN_H
#define IPBOX_NAT_EXPLAIN_H

#include "table.h"

/* A packet as far as it is known at the forward hook.  Addresses are
 * known in their first plen bits (a probe for a subnet: a prefix). */
struct nat_pkt {
	int family;			/* AF_INET or AF_INET6 */
	struct nat_addr saddr, daddr;	/* family 0: unknown */
	char iif[IF_NAMESIZE], oif[IF_NAMESIZE];	/* "": unknown */
	int l4proto;			/* -1: unknown */
	int dport;			/* -1: unknown */
	bool reply;			/* an answer (ct state established), not a first packet */
	bool dnat;			/* its connection was dnat'ed (ct status dnat) */
};

/* The forward-hook chains of tables ip, ip6 and inet (table inet ipbox
 * aside) and their rules, read once. */
struct nat_fwd;

/* Two dumps (chains, rules).  NULL with s->nl.error on failure. */
struct nat_fwd *nat_fwd_read(struct nat_session *s);
void nat_fwd_free(struct nat_fwd *f);
/* Whether there is any forward base chain to ask about. */
bool nat_fwd_any(const struct nat_fwd *f);

/* What one base chain does with a packet. */
struct nat_fwd_verdict {
	const char *family;	/* "ip", "ip6", "inet" */
	const char *table, *chain;	/* the base chain */
	bool drop;		/* dropped (or rejected) */
	bool reject;
	bool policy;		/* by the chain's policy, not by a rule */
	const char *rule_chain;	/* the chain of the rule that decided (a jump's target) */
	uint64_t handle;	/* that rule's handle (0: the policy) */
	/* A rule with matches ipbox cannot evaluate (sets, conntrack
	 * helpers, ...) came first and might decide otherwise: 0 if none. */
	uint64_t unsure_handle;
	const char *unsure_chain;
};

/* Call cb for each forward base chain that pkt goes through, in hook
 * priority order, with its verdict; stops when cb returns false.
 * Returns how many chains were seen. */
int nat_fwd_walk(const struct nat_fwd *f, const struct nat_pkt *pkt,
		 bool (*cb)(const struct nat_fwd_verdict *v, void *data), void *data);

/* What happens to pkt in ipbox's own nat chains. */
enum nat_stage { NAT_STAGE_DST, NAT_STAGE_DST_OUTPUT, NAT_STAGE_SRC };

/* Whether rule r translates pkt at stage (packet as it is there: for
 * NAT_STAGE_SRC its destination already translated).  local: the
 * destination is an address of the host (dnat's default match).  A rule
 * that needs what pkt leaves unknown (a source port) does not match. */
bool nat_rule_applies(const struct nat_rule *r, const struct nat_pkt *pkt, enum nat_stage stage, bool local);
/* Whether a is in 127.0.0.0/8 or is ::1. */
bool nat_addr_loopback(const struct nat_addr *a);
/* dnat's new destination port for pkt (a 1:1 map, one port, or the same). */
int nat_rule_new_port(const struct nat_rule *r, int dport);

/* rp_filter of the current namespace for dev ("all" alone: NULL), as the
 * kernel applies it: max(all, dev).  0 off, 1 strict, 2 loose, -1 unknown. */
int nat_rp_filter(const char *dev);
/* Whether any interface, or all, has rp_filter 1. */
bool nat_rp_filter_strict_any(void);
/* dev's own value, -1 if it has none. */
int nat_rp_filter_own(const char *dev);

#endif
