/* -batch FILE: one command per line, read with iproute2's rules ('#'
 * comments, '\' continuations, '...' and "..." words).  One line buffer is
 * reused, so memory does not grow with the file. */
#include "ipbox.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../netlink/ifname.h"
#include "../netlink/pipe.h"

/* iproute2's MAX_ARGS: a line takes up to 511 words. */
#define BATCH_MAX_ARGS 512

/* One physical line with its comment cut, as a C string (iproute2 reads
 * up to the first NUL).  Its length, or -1 at end of file. */
static ssize_t batch_physical_line(char **line, size_t *cap, FILE *in)
{
	char *hash;

	if (getline(line, cap, in) < 0)
		return -1;
	hash = strchr(*line, '#');
	if (hash)
		*hash = '\0';
	return (ssize_t)strlen(*line);
}

/* Read one logical line (joined over '\' continuations) with comments cut;
 * *lineno advances by the physical lines read.  -1 at end of file.  Each
 * physical line loses its comment first, as in iproute2: a comment that
 * ends in '\' continues nothing, so it never swallows the next line. */
ssize_t batch_getline(char **line, size_t *cap, FILE *in, int *lineno)
{
	char *more = NULL;
	size_t more_cap = 0;
	ssize_t n = batch_physical_line(line, cap, in);

	if (n < 0)
		return -1;
	(*lineno)++;
	while (n >= 2 && (*line)[n - 1] == '\n' && (*line)[n - 2] == '\\') {
		ssize_t m = batch_physical_line(&more, &more_cap, in);
		char *grown;

		if (m < 0) {
			/* iproute2 drops the line and ends the batch, status 0. */
			fprintf(stderr, "Missing continuation line\n");
			n = -1;
			break;
		}
		(*lineno)++;
		n -= 2;
		if ((size_t)(n + m + 1) > *cap) {
			grown = realloc(*line, (size_t)(n + m + 1));
			if (!grown) {
				fprintf(stderr, "Out of memory\n");
				n = -1;
				break;
			}
			*line = grown;
			*cap = (size_t)(n + m + 1);
		}
		memcpy(*line + n, more, (size_t)m + 1);
		n += m;
	}
	free(more);
	return n;
}

/* Split a line into words in place: the count, or BATCH_TOO_MANY /
 * BATCH_UNTERMINATED (batch_split_error prints which). */
int batch_split(char *line, char *argv[], int max)
{
	static const char ws[] = " \t\r\n";
	char *cp = line;
	int argc = 0;

	while (*cp) {
		cp += strspn(cp, ws);
		if (!*cp)
			break;
		if (argc >= max - 1)
			return BATCH_TOO_MANY;
		if (*cp == '\'' || *cp == '"') {
			char quote = *cp++;

			argv[argc++] = cp;
			cp = strchr(cp, quote);
			if (!cp)
				return BATCH_UNTERMINATED;
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

void batch_split_error(int err)
{
	fprintf(stderr, "%s\n", err == BATCH_TOO_MANY ? "Too many arguments to command" :
		"Unterminated quoted string");
}

/* One batch run: where its lines come from and how it is going. */
struct batch {
	struct ipbox *ib;
	const char *file;
	int ret;
	struct nl_pipe *pipe;	/* -force only: changes sent without waiting */
	struct nat_run *nat;	/* a run of nat lines, one transaction */
};

void batch_report_failed(struct ipbox *ib, const char *file, int lineno)
{
	out_flush(&ib->pr->out);
	fprintf(stderr, "Command failed %s:%d\n", file, lineno);
}

static void batch_failed(struct batch *b, int lineno)
{
	batch_report_failed(b->ib, b->file, lineno);
	b->ret = EXIT_FAIL;
}

/* A line of a nat run failed: its messages are out, this is its report. */
static void batch_nat_failed(void *data, int lineno)
{
	batch_failed(data, lineno);
}

static void batch_pipe_failed(struct nl *nl, uint32_t lineno, void *data)
{
	nl_perror(nl);
	batch_failed(data, (int)lineno);
}

/* While changes are in flight, whatever a line writes on stderr must come
 * after the failures of the lines before it: the first byte drains the
 * pipeline (whose own reports, written while it drains, pass through). */
static ssize_t batch_stderr_write(void *cookie, const char *buf, size_t len)
{
	struct batch *b = cookie;

	(void)nl_pipe_flush(b->pipe);	/* failures go to batch_pipe_failed */
	return write(STDERR_FILENO, buf, len);
}

/* Under -force, route, address and neighbour changes are pipelined (see
 * netlink/pipe.h); errors still come per line, in line order.  Without
 * -force each line waits for its answer: iproute2 stops at the first
 * failure and nothing after it may reach the kernel. */
static FILE *batch_pipe_start(struct batch *b)
{
	static const cookie_io_functions_t io = { .write = batch_stderr_write };
	FILE *err;

	b->pipe = malloc(sizeof(*b->pipe));
	err = b->pipe ? fopencookie(b, "w", io) : NULL;
	if (!err) {
		free(b->pipe);
		b->pipe = NULL;
		return NULL;
	}
	setvbuf(err, NULL, _IONBF, 0);
	nl_pipe_init(b->pipe, batch_pipe_failed, b);
	b->ib->pipe = b->pipe;
	return err;
}

static void batch_pipe_stop(struct batch *b, FILE *err, FILE *saved)
{
	if (!b->pipe)
		return;
	(void)nl_pipe_flush(b->pipe);
	nl_pipe_detach(b->pipe);
	stderr = saved;
	fclose(err);
	b->ib->pipe = NULL;
	free(b->pipe);
}

static int batch_lines(struct batch *b, FILE *in)
{
	struct ipbox *ib = b->ib;
	char *line = NULL, *argv[BATCH_MAX_ARGS];
	size_t cap = 0;
	int family = ib->family, lineno = 0;

	b->nat = nat_run_new(ib, batch_nat_failed, b);
	while (batch_getline(&line, &cap, in, &lineno) >= 0) {
		int argc = batch_split(line, argv, BATCH_MAX_ARGS), status;
		bool pipelines = argc > 0 && ipbox_pipelines(argv[0]);

		if (argc == 0)
			continue;
		/* Another object's line may see what queued changes do
		 * (netns exec runs anything): they go out first.  Lines of
		 * the pipelining objects never rename a link, so device
		 * names they look up stay valid until such a line. */
		if (b->pipe && !pipelines)
			(void)nl_pipe_flush(b->pipe);
		ifname_remember(pipelines);
		if (b->pipe)
			b->pipe->cookie = (uint32_t)lineno;
		ib->family = family;
		print_reset(ib->pr);
		/* nat lines join a transaction; any other line commits it
		 * first, so it sees the run's changes. */
		if (argc > 0 && nat_run_take(b->nat, lineno, argc, argv))
			continue;
		if (nat_run_commit(b->nat) && !ib->force)
			break;
		if (argc < 0) {
			/* iproute2 exits here, even under -force; ipbox
			 * reports the line and -force goes on (ipbox(8)). */
			batch_split_error(argc);
			if (!ib->force) {
				b->ret = EXIT_FAIL;
				break;
			}
			batch_failed(b, lineno);
			continue;
		}
		status = ipbox_run(ib, argc, argv);
		if (status == EXIT_USAGE) {
			/* iproute2 exits on bad syntax, even under -force. */
			b->ret = EXIT_USAGE;
			break;
		}
		if (status) {
			batch_failed(b, lineno);
			if (!ib->force)
				break;
		}
	}
	nat_run_end(b->nat);
	free(line);
	ifname_remember(false);
	return b->ret;
}

int batch_run(struct ipbox *ib, const char *file)
{
	struct batch b = { .ib = ib, .file = file, .ret = EXIT_OK };
	FILE *in = stdin, *saved = stderr, *err = NULL;

	if (strcmp(file, "-") != 0) {
		in = fopen(file, "re");	/* not into `netns exec` programs */
		if (!in) {
			fprintf(stderr, "Cannot open file \"%s\" for reading: %s\n", file, strerror(errno));
			return EXIT_FAIL;
		}
	}
	ib->in_batch = true;
	if (ib->force && (err = batch_pipe_start(&b)))
		stderr = err;
	batch_lines(&b, in);
	batch_pipe_stop(&b, err, saved);
	if (in != stdin)
		fclose(in);
	return b.ret;
}
