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

int arg_nodev(const char *dev)
{
	fprintf(stderr, "Cannot find device \"%s\"\n", dev);
	return EXIT_FAIL;
}
