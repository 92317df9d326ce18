/* ipbox --words OBJECT: the words of an object's tables, so that docs.bats
 * and the completions' tests read what the parsers read instead of
 * grepping C.  One word a line, "CLASS WORD", in table order:
 *   verb        a verb of the object's verb table
 *   verb.VERB   a verb of VERB's own verb table (nexthop bucket)
 *   keyword     a word a parser takes (a selector, an option, a flag)
 *   value       a word taken as a value (a type, a state, a protocol)
 *   kind        a link kind with words of its own (cmd/kinds/)
 *   kind.KIND   a word of `link add|set ... type KIND` (settable rows)
 *   json        a JSON key the object prints besides its keywords
 * and for OBJECT `ip`: option (a global option) and object (a row of the
 * object table, implemented or not: each decides abbreviations).  Each object
 * file has an words_OBJECT() that prints its tables with these macros;
 * cmd/dispatch.c maps objects to them.  Hidden: not in the usage. */
#ifndef IPBOX_WORDS_H
#define IPBOX_WORDS_H

#include <stdio.h>
#include "../args/args.h"

/* The `member` word of every row of an array of rows (rows whose word is
 * NULL, such as a verb table's end, are left out). */
#define WORDS_TABLE(class, table, member)					\
	do {									\
		for (size_t w_i_ = 0; w_i_ < ARRAY_SIZE(table); w_i_++)		\
			if ((table)[w_i_].member)				\
				printf("%s %s\n", (class), (table)[w_i_].member);	\
	} while (0)

/* The words of every row of a table whose words are in the file's pool
 * (args/wordpool.h). */
#define WORDS_POOLED(class, table)						\
	do {									\
		for (size_t w_i_ = 0; w_i_ < ARRAY_SIZE(table); w_i_++)		\
			printf("%s %s\n", (class), WORD((table)[w_i_].word));	\
	} while (0)
/* The same for a table that ends with a row whose `end` member is NULL. */
#define WORDS_POOLED_END(class, table, end)					\
	do {									\
		for (size_t w_i_ = 0; (table)[w_i_].end; w_i_++)		\
			printf("%s %s\n", (class), WORD((table)[w_i_].word));	\
	} while (0)

/* A function fn(class) that lists the words of a table of rows (a
 * link kind's .words, cmd/kinds/). */
#define WORDS_LISTER(fn, table)							\
	static void fn(const char *class)					\
	{									\
		WORDS_TABLE(class, table, word);				\
	}
#define WORDS_POOLED_LISTER(fn, table)						\
	static void fn(const char *class)					\
	{									\
		WORDS_POOLED(class, table);					\
	}

/* Every string of an array of strings. */
#define WORDS_LIST(class, list)							\
	do {									\
		for (size_t w_i_ = 0; w_i_ < ARRAY_SIZE(list); w_i_++)		\
			if ((list)[w_i_])					\
				printf("%s %s\n", (class), (list)[w_i_]);	\
	} while (0)

void words_netns(void);
void words_link(void);
void words_link_kinds(void);
void words_address(void);
void words_route(void);
void words_route_types(void);
void words_neigh(void);
void words_nat(void);
void words_rule(void);
void words_nexthop(void);
void words_monitor(void);
void words_tuntap(void);

/* ipbox --words OBJECT (cmd/dispatch.c): an exit status. */
int ipbox_words(const char *object);

#endif
