#include "walk.h"

#include <stdio.h>

#include "args.h"

const char *walk_next(struct arg_walk *w)
{
	if (w->argc < 2)
		return NULL;
	w->argc--, w->argv++;
	return *w->argv;
}

int walk_u32(struct arg_walk *w, uint32_t *val, uint32_t max, const char *err)
{
	const char *v = walk_next(w);

	if (!v)
		return arg_incomplete();
	if (arg_u32(v, val, 0) < 0 || *val > max)
		return arg_invalid(err, v);
	return 0;
}

int arg_nodev(const char *dev)
{
	fprintf(stderr, "Cannot find device \"%s\"\n", dev);
	return EXIT_FAIL;
}
