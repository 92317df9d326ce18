/* Words on the command line: iproute2's prefix matching, verb tables and
 * the one-line errors (with their exit codes) that iproute2 prints for bad
 * arguments.  Parsers return these codes instead of exiting. */
#ifndef IPBOX_ARGS_H
#define IPBOX_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/* Exit statuses, as iproute2 uses them (see ipbox(8), EXIT STATUS). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* a command failed */
	EXIT_KERNEL = 2,	/* the kernel refused a request */
	EXIT_USAGE = 255,	/* bad syntax: iproute2's exit(-1) */
};

struct ipbox;

/* One row of a verb table: the first row whose word starts with the
 * user's (non-empty) word wins, so table order decides abbreviations. */
struct verb {
	const char *word;
	int (*run)(struct ipbox *ib, int argc, char **argv);
};

bool matches(const char *word, const char *keyword);
const struct verb *verb_find(const struct verb *table, const char *word);

int arg_invalid(const char *msg, const char *arg);
int arg_duplicate(const char *key, const char *arg);
int arg_garbage(const char *key, const char *arg);
int arg_incomplete(void);
int arg_u32(const char *s, uint32_t *v, int base);
int arg_i32(const char *s, int32_t *v, int base);

#endif
