/* Walking an object's argv word by word, as iproute2's NEXT_ARG() does:
 * keyword handlers get the cursor on their keyword and step it onto
 * their value.  Also the "no such device" error every object shares. */
#ifndef IPBOX_WALK_H
#define IPBOX_WALK_H

#include <stdint.h>

struct arg_walk {
	int argc;	/* words left, the current one included */
	char **argv;	/* the current word */
};

/* Step onto the next word and return it, or NULL when there is none. */
const char *walk_next(struct arg_walk *w);

/* Set v to the next word, or return iproute2's "Command line is not
 * complete" (exit 255) from the calling function. */
#define WALK_NEXT(w, v)						\
	do {							\
		if (!((v) = walk_next(w)))			\
			return arg_incomplete();		\
	} while (0)

/* Step onto the next word and read it as a u32 (get_u32: base 0) of at
 * most max into *val: 0, or 255 after "Command line is not complete" or
 * arg_invalid(err, word). */
int walk_u32(struct arg_walk *w, uint32_t *val, uint32_t max, const char *err);

/* `Cannot find device "DEV"`; returns EXIT_FAIL. */
int arg_nodev(const char *dev);

#endif
