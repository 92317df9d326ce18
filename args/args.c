#include "args.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool matches(const char *word, const char *keyword)
{
	/* Most keywords a word is tried against differ in the first byte:
	 * a batch line tries dozens.  One pass, not strlen twice and strncmp
	 * (a fifth of a batch line's matching): a word that outruns the
	 * keyword meets its NUL and differs. */
	if (word[0] != keyword[0] || !word[0])
		return false;
	while (*word && *word == *keyword)
		word++, keyword++;
	return !*word;
}

const struct verb *verb_find(const struct verb *table, const char *word)
{
	for (; table->word; table++)
		if (matches(word, table->word))
			return table;
	return NULL;
}

int (*verb_probe)(struct ipbox *ib, const char *object, const char *verb, int argc, char **argv);

int verb_run(struct ipbox *ib, const struct verb *table, const char *object,
	     verb_fn default_fn, int argc, char **argv)
{
	const struct verb *v;
	int ret;

	if (argc < 1) {
		if (verb_probe && (ret = verb_probe(ib, object, NULL, 0, NULL)) != VERB_RUN)
			return ret;
		return default_fn(ib, 0, NULL);
	}
	v = verb_find(table, argv[0]);
	if (!v) {
		fprintf(stderr, "Command \"%s\" is unknown, try \"ip %s help\".\n", argv[0], object);
		return EXIT_USAGE;
	}
	if (verb_probe && (ret = verb_probe(ib, object, v->word, argc - 1, argv + 1)) != VERB_RUN)
		return ret;
	return v->run(ib, argc - 1, argv + 1);
}

int arg_invalid(const char *msg, const char *arg)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
	return EXIT_USAGE;
}

int arg_duplicate(const char *key, const char *arg)
{
	fprintf(stderr, "Error: duplicate \"%s\": \"%s\" is the second value.\n", key, arg);
	return EXIT_USAGE;
}

/* iproute2's duparg2 */
int arg_garbage(const char *key, const char *arg)
{
	fprintf(stderr, "Error: either \"%s\" is duplicate, or \"%s\" is a garbage.\n", key, arg);
	return EXIT_USAGE;
}

int arg_incomplete(void)
{
	fprintf(stderr, "Command line is not complete. Try option \"help\"\n");
	return EXIT_USAGE;
}

/* Whole-word unsigned parse as iproute2's get_u32: strtoul's, so white
 * space and a sign before the number are taken (" +5" is 5, "-0" is 0,
 * "-1" wraps beyond 32 bits and is refused), but no junk after it. */
int arg_u32(const char *s, uint32_t *v, int base)
{
	unsigned long long n;
	char *end;

	errno = 0;
	n = strtoull(s, &end, base);
	if (end == s || *end || errno || n > UINT32_MAX)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

/* The same in 64 bits, as iproute2's get_u64: strtoull's, a sign
 * included ("-1" is 2^64 - 1), but no junk and no overflow. */
int arg_u64(const char *s, uint64_t *v, int base)
{
	unsigned long long n;
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	n = strtoull(s, &end, base);
	if (*end || errno)
		return -1;
	*v = n;
	return 0;
}

int arg_i32(const char *s, int32_t *v, int base)
{
	long long n;
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	n = strtoll(s, &end, base);
	if (*end || errno || n < INT32_MIN || n > INT32_MAX)
		return -1;
	*v = (int32_t)n;
	return 0;
}
