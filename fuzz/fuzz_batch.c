/* libFuzzer target: arbitrary bytes as a -batch file, through the line
 * reader (continuations, comments) and the word splitter (quotes). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../cmd/ipbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in = fmemopen((void *)data, size, "r");
	char *line, *argv[100];
	struct batch_in r;
	int lineno = 0;
	ssize_t len;

	if (!in)
		return 0;
	batch_in_init(&r, in);
	while ((len = batch_getline(&r, &line, &lineno)) >= 0)
		batch_split(line, (size_t)len, argv, 100);
	batch_in_free(&r);
	fclose(in);
	return 0;
}
