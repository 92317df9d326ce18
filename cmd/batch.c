/* -batch FILE: one command per line, read with iproute2's rules ('#'
 * comments, '\' continuations, '...' and "..." words).  One line buffer is
 * reused, so memory does not grow with the file. */
#include "ipbox.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define BATCH_MAX_ARGS 100

/* Read one logical line (joined over '\' continuations) with comments cut;
 * *lineno advances by the physical lines read.  -1 at end of file. */
ssize_t batch_getline(char **line, size_t *cap, FILE *in, int *lineno)
{
	char *more = NULL;
	size_t more_cap = 0;
	ssize_t n = getline(line, cap, in);

	if (n < 0)
		return -1;
	(*lineno)++;
	while (n >= 2 && (*line)[n - 1] == '\n' && (*line)[n - 2] == '\\') {
		ssize_t m = getline(&more, &more_cap, in);
		char *grown;

		if (m < 0)
			break;
		(*lineno)++;
		n -= 2;
		if ((size_t)(n + m + 1) > *cap) {
			grown = realloc(*line, (size_t)(n + m + 1));
			if (!grown)
				break;
			*line = grown;
			*cap = (size_t)(n + m + 1);
		}
		memcpy(*line + n, more, (size_t)m + 1);
		n += m;
	}
	free(more);
	char *hash = strchr(*line, '#');
	if (hash)
		*hash = '\0';
	return n;
}

/* Split a line into words in place; returns the count or -1 with a
 * message (too many words, unterminated quote). */
int batch_split(char *line, char *argv[], int max)
{
	static const char ws[] = " \t\r\n";
	char *cp = line;
	int argc = 0;

	while (*cp) {
		cp += strspn(cp, ws);
		if (!*cp)
			break;
		if (argc >= max - 1) {
			fprintf(stderr, "Too many arguments to command\n");
			return -1;
		}
		if (*cp == '\'' || *cp == '"') {
			char quote = *cp++;

			argv[argc++] = cp;
			cp = strchr(cp, quote);
			if (!cp) {
				fprintf(stderr, "Unterminated quoted string\n");
				return -1;
			}
		} else {
			argv[argc++] = cp;
			cp += strcspn(cp, ws);
			if (!*cp)
				break;
		}
		*cp++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

int batch_run(struct ipbox *ib, const char *file)
{
	FILE *in = stdin;
	struct nat_batch *nat = NULL;
	char *line = NULL, *argv[BATCH_MAX_ARGS];
	size_t cap = 0;
	int family = ib->family, lineno = 0, ret = EXIT_OK;

	if (strcmp(file, "-") != 0) {
		in = fopen(file, "r");
		if (!in) {
			fprintf(stderr, "Cannot open file \"%s\" for reading: %s\n", file, strerror(errno));
			return EXIT_FAIL;
		}
	}
	ib->in_batch = true;
	while (batch_getline(&line, &cap, in, &lineno) >= 0) {
		int argc = batch_split(line, argv, BATCH_MAX_ARGS), status;

		if (argc == 0)
			continue;
		ib->family = family;
		print_reset(ib->pr);
		status = nat_batch_line(ib, &nat, file, lineno, argc, argv);
		if (status == NAT_BATCH_TAKEN)
			continue;
		if (status) {
			ret = EXIT_FAIL;
			if (!ib->force)
				break;
		}
		if (argc < 0) {
			ret = EXIT_FAIL;
			break;
		}
		status = ipbox_run(ib, argc, argv);
		if (status == EXIT_USAGE) {
			/* iproute2 exits on bad syntax, even under -force. */
			ret = EXIT_USAGE;
			break;
		}
		if (status) {
			out_flush(&ib->pr->out);
			fprintf(stderr, "Command failed %s:%d\n", file, lineno);
			ret = EXIT_FAIL;
			if (!ib->force)
				break;
		}
	}
	if (nat_batch_line(ib, &nat, file, lineno, 0, NULL) && ret == EXIT_OK)
		ret = EXIT_FAIL;
	free(line);
	if (in != stdin)
		fclose(in);
	return ret;
}
