/* ip rule's parts shared by its files: rule.c (words, requests, show,
 * flush, save, restore) and rule_print.c (reading and printing one rule
 * message), whose rule_print() monitor uses for rule events too. */
#ifndef IPBOX_RULE_H
#define IPBOX_RULE_H

#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/fib_rules.h>

#include "ipbox.h"

/* One rule message, its attributes indexed; every entry of tb is long
 * enough for what it carries. */
struct rule {
	const struct fib_rule_hdr *frh;
	const struct nlattr *tb[FRA_MAX + 1];
	uint32_t table;		/* FRA_TABLE, else the header's */
};

/* -1 when the message is too short for its header. */
int rule_read(const struct nlmsghdr *nlh, struct rule *r);

/* One RTM_NEWRULE or RTM_DELRULE ("Deleted ...") as iproute2's
 * print_rule prints it: a line in plain text, an object under -j (inside
 * the document print_doc_begin opened).  Other messages, and messages too
 * short for their header, print nothing and return -1. */
int rule_print(struct ipbox *ib, const struct nlmsghdr *nlh);

#endif
