/* libFuzzer target: arbitrary bytes as a -batch file, through the line
 * reader (continuations, comments) and the word splitter (quotes). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../cmd/ipbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in = fmemopen((void *)data, size, "r");
	char *line = NULL, *argv[100];
	size_t cap = 0;
	int lineno = 0;

	if (!in)
		return 0;
	while (batch_getline(&line, &cap, in, &lineno) >= 0)
		batch_split(line, argv, 100);
	free(line);
	fclose(in);
	return 0;
}
