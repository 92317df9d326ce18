/* Words on the command line: iproute2's prefix matching, verb tables and
 * the one-line errors (with their exit codes) that iproute2 prints for bad
 * arguments.  Parsers return these codes instead of exiting. */
#ifndef IPBOX_ARGS_H
#define IPBOX_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
typedef int (*verb_fn)(struct ipbox *ib, int argc, char **argv);

struct verb {
	const char *word;
	verb_fn run;
};

bool matches(const char *word, const char *keyword);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Whether `word` names `keyword`: whole (`exact`: iproute2's strcmp) or
 * as any prefix (matches()).  Inline, first byte first: a batch line's
 * words are tried against whole tables, and most rows differ there. */
static inline bool keyword_is(const char *word, const char *keyword, bool exact)
{
	if (word[0] != keyword[0])
		return false;
	return exact ? !strcmp(word, keyword) : matches(word, keyword);
}
/* The first bytes of a keyword table's words, noted on its first use:
 * a word none starts with (an address, a number, a name) skips the
 * table's walk. */
struct kw_firsts {
	bool ready;
	uint64_t bits[4];
};
static inline bool kw_firsts_has(const struct kw_firsts *f, const char *word)
{
	unsigned char c = (unsigned char)word[0];

	return f->bits[c >> 6] >> (c & 63) & 1;
}
static inline void kw_firsts_add(struct kw_firsts *f, const char *word)
{
	unsigned char c = (unsigned char)word[0];

	f->bits[c >> 6] |= 1ull << (c & 63);
}
/* The first row of a keyword table (an array of rows that start
 * `{ W("word"), exact, ... }`, in iproute2's order, which decides
 * abbreviations; the words in the file's pool, args/wordpool.h) that
 * `arg` names, or NULL. */
#define KEYWORD_FIND(table, arg) ({						\
	static struct kw_firsts kw_f_;						\
	const char *kw_w_ = (arg);						\
	__typeof__(&(table)[0]) kw_row_ = NULL;					\
	for (size_t kw_i_ = 0; !kw_f_.ready && kw_i_ < ARRAY_SIZE(table); kw_i_++)	\
		kw_firsts_add(&kw_f_, WORD((table)[kw_i_].word));		\
	kw_f_.ready = true;							\
	size_t kw_n_ = kw_firsts_has(&kw_f_, kw_w_) ? ARRAY_SIZE(table) : 0;	\
	for (size_t kw_i_ = 0; !kw_row_ && kw_i_ < kw_n_; kw_i_++)		\
		if (keyword_is(kw_w_, WORD((table)[kw_i_].word), (table)[kw_i_].exact))	\
			kw_row_ = &(table)[kw_i_];				\
	kw_row_; })
const struct verb *verb_find(const struct verb *table, const char *word);
/* An object's dispatcher (do_link, do_route, ...): no words run
 * default_fn; else the verb argv[0] names runs with the words after it;
 * an unknown one is `Command "X" is unknown, try "ip OBJECT help".`
 * and EXIT_USAGE. */
int verb_run(struct ipbox *ib, const struct verb *table, const char *object,
	     verb_fn default_fn, int argc, char **argv);
/* Asked by verb_run() once it knows the verb, before it runs (-atomic
 * and -check look at each batch line's verb, cmd/atomic.c): the verb's
 * table word (NULL: none given, the object's default) and the words
 * after it.  VERB_RUN lets it run; any other value is the status
 * verb_run returns instead.  NULL: no probe. */
#define VERB_RUN (-1)
extern int (*verb_probe)(struct ipbox *ib, const char *object, const char *verb, int argc,
			 char **argv);

int arg_invalid(const char *msg, const char *arg);
int arg_duplicate(const char *key, const char *arg);
int arg_garbage(const char *key, const char *arg);
int arg_incomplete(void);
int arg_u32(const char *s, uint32_t *v, int base);
int arg_u64(const char *s, uint64_t *v, int base);
int arg_i32(const char *s, int32_t *v, int base);

#endif
