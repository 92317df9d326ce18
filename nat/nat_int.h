/* Shared inside nat/: chain names and the rule builder. */
#ifndef IPBOX_NAT_INT_H
#define IPBOX_NAT_INT_H

#include "nat.h"

struct nftnl_rule;

extern const char *const nat_chain_names[NAT_CHAINS];

/* The rule nat_add writes for r in chain; NULL when out of memory. */
struct nftnl_rule *nat_rule_build(const struct nat_rule *r, const char *tag, enum nat_chain chain);

#endif
