/* -batch FILE: one command per line, read with iproute2's rules ('#'
 * comments, '\' continuations, '...' and "..." words).  One line buffer is
 * reused, so memory does not grow with the file. */
#include "ipbox.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "atomic.h"
#include "check.h"
#include "../namespace/named.h"
#include "../netlink/ifname.h"
#include "../netlink/pipe.h"

/* iproute2's MAX_ARGS: a line takes up to 511 words. */
#define BATCH_MAX_ARGS 512

/* A batch's lines come a block at a time, by read(2) (fread where the
 * stream has no descriptor: fmemopen), and each is handed out in place:
 * getline per line (its lock, copy and bookkeeping) was a tenth of a
 * batch line.  The block grows only for a line longer than itself. */
#define BATCH_BLOCK 65536

void batch_in_init(struct batch_in *r, FILE *in)
{
	*r = (struct batch_in){ .in = in };
}

void batch_in_free(struct batch_in *r)
{
	free(r->buf);
	free(r->join);
	batch_in_init(r, r->in);
}

/* Back to the file's start (an atomic batch reads it twice): lines are
 * read from its descriptor, so the descriptor is moved, not the stream. */
static int batch_rewind(FILE *in)
{
	int fd = fileno(in);

	return fd >= 0 ? (lseek(fd, 0, SEEK_SET) < 0 ? -1 : 0) : fseek(in, 0, SEEK_SET);
}

/* More bytes after the unread ones (moved to the front, the block grown
 * when they fill it); -1 when out of memory. */
static int batch_in_fill(struct batch_in *r)
{
	int fd = fileno(r->in);
	ssize_t n;

	if (r->pos) {	/* (no block yet: nothing to move) */
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->end + 1 >= r->cap) {	/* one byte kept for a last line's NUL */
		size_t cap = r->cap ? r->cap * 2 : BATCH_BLOCK;
		char *grown = realloc(r->buf, cap);

		if (!grown) {
			fprintf(stderr, "Out of memory\n");
			return -1;
		}
		r->buf = grown;
		r->cap = cap;
	}
	do
		n = fd >= 0 ? read(fd, r->buf + r->end, r->cap - 1 - r->end) :
		    (ssize_t)fread(r->buf + r->end, 1, r->cap - 1 - r->end, r->in);
	while (n < 0 && errno == EINTR);
	if (n <= 0)	/* a read error ends the batch as end of file, as getline */
		r->eof = true;
	else
		r->end += (size_t)n;
	return 0;
}

/* The next physical line, its '\n' (if any) turned into its NUL: NULL at
 * end of file. */
static char *batch_in_next(struct batch_in *r, size_t *len, bool *newline)
{
	for (;;) {
		/* (before the first block, buf is NULL: no pointer from it) */
		char *start = r->pos < r->end ? r->buf + r->pos : NULL;
		char *nl = start ? memchr(start, '\n', r->end - r->pos) : NULL;

		if (nl || (r->eof && start)) {
			*newline = nl != NULL;
			if (!nl)
				nl = r->buf + r->end;
			*nl = '\0';
			*len = (size_t)(nl - start);
			r->pos = (size_t)(nl - r->buf) + (*newline ? 1 : 0);
			return start;
		}
		if (r->eof || batch_in_fill(r) < 0)
			return NULL;
	}
}

/* One physical line with its comment cut, as a C string (iproute2 reads
 * up to the first NUL): its length, or -1 at end of file.  *more: it
 * ends in '\' before its newline, so the next line continues it. */
static ssize_t batch_physical_line(struct batch_in *r, char **line, bool *more)
{
	size_t len, n;
	bool newline;
	char *s = batch_in_next(r, &len, &newline), *hash;

	if (!s)
		return -1;
	/* the comment's '#' or the line's (first) NUL, in one pass */
	hash = strchrnul(s, '#');
	n = (size_t)(hash - s);
	if (*hash)
		*hash = '\0';
	else
		hash = NULL;
	*more = !hash && n == len && newline && n >= 1 && s[n - 1] == '\\';
	*line = s;
	return (ssize_t)n;
}

/* Append n bytes to the joined line at *used; false when out of memory. */
static bool batch_join(struct batch_in *r, size_t *used, const char *s, size_t n)
{
	if (*used + n + 1 > r->join_cap) {
		char *grown = realloc(r->join, *used + n + 1);

		if (!grown) {
			fprintf(stderr, "Out of memory\n");
			return false;
		}
		r->join = grown;
		r->join_cap = *used + n + 1;
	}
	memcpy(r->join + *used, s, n);
	*used += n;
	r->join[*used] = '\0';
	return true;
}

/* Read one logical line (joined over '\' continuations) with comments cut;
 * *lineno advances by the physical lines read.  -1 at end of file.  Each
 * physical line loses its comment first, as in iproute2: a comment that
 * ends in '\' continues nothing, so it never swallows the next line. */
ssize_t batch_getline(struct batch_in *r, char **line, int *lineno)
{
	size_t used = 0;
	bool more;
	ssize_t n = batch_physical_line(r, line, &more);

	if (n < 0)
		return -1;
	(*lineno)++;
	if (!more)
		return n;
	while (more) {
		/* the line so far, without its '\' */
		if (!batch_join(r, &used, *line, (size_t)n - 1))
			return -1;
		n = batch_physical_line(r, line, &more);
		if (n < 0) {
			/* iproute2 drops the line and ends the batch, status 0. */
			fprintf(stderr, "Missing continuation line\n");
			return -1;
		}
		(*lineno)++;
	}
	if (!batch_join(r, &used, *line, (size_t)n))
		return -1;
	*line = r->join;
	return (ssize_t)used;
}

static bool batch_blank(char c)
{
	return (unsigned char)c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
}

/* Most words start above '\'' (one compare for both quotes). */
static bool batch_quote(char c)
{
	return (unsigned char)c <= '\'' && (c == '\'' || c == '"');
}

/* A word ends at a blank or at the line's end; most bytes are above ' '. */
static bool batch_word_end(char c)
{
	return (unsigned char)c <= ' ' && (!c || batch_blank(c));
}

/* Where the word at s ends (end: the line's NUL).  Eight bytes at a time
 * while eight are left: a byte below '!' is flagged by the borrow trick
 * (the first flagged byte is exact; bytes above 0x7f never are), and only
 * such a byte may end a word.  Byte by byte, a neigh line's words were a
 * sixth of its instructions. */
static char *batch_word_after(char *s, const char *end)
{
	const uint64_t ones = 0x0101010101010101ull;

	while (end - s >= 8) {
		uint64_t x, low;

		memcpy(&x, s, sizeof(x));
		x = le64toh(x);	/* borrows run towards later bytes */
		low = (x - ones * '!') & ~x & ones * 0x80;
		if (!low) {
			s += 8;
			continue;
		}
		s += __builtin_ctzll(low) / 8;
		if (batch_word_end(*s))
			return s;
		s++;	/* a control byte but no blank: part of the word */
	}
	while (!batch_word_end(*s))
		s++;
	return s;
}

int batch_split(char *line, size_t len, char *argv[], int max)
{
	char *cp = line;
	const char *end = line + len;
	int argc = 0;

	while (*cp) {
		while (batch_blank(*cp))
			cp++;
		if (!*cp)
			break;
		if (argc >= max - 1)
			return BATCH_TOO_MANY;
		if (batch_quote(*cp)) {
			char quote = *cp++;

			argv[argc++] = cp;
			cp = strchr(cp, quote);
			if (!cp)
				return BATCH_UNTERMINATED;
		} else {
			argv[argc++] = cp;
			cp = batch_word_after(cp, end);
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
	const char *file;	/* NULL: one command from argv */
	int ret;
	struct nl_pipe *pipe;	/* -force, -atomic: changes sent without waiting */
	struct nat_run *nat;	/* a run of nat lines, one transaction */
	struct atomic *atomic;	/* -atomic: the journal, the rollback */
	struct check *check;	/* -check: nothing is sent */
	int home;		/* the batch's own namespace, for `-n NAME` lines */
};

void batch_report_failed(struct ipbox *ib, const char *file, int lineno)
{
	out_flush(&ib->pr->out);
	fprintf(stderr, "Command failed %s:%d\n", file, lineno);
}

static void batch_failed(struct batch *b, int lineno)
{
	if (b->file)
		batch_report_failed(b->ib, b->file, lineno);
	b->ret = EXIT_FAIL;
}

/* A line of a nat run failed: its messages are out, this is its report. */
static void batch_nat_failed(void *data, int lineno)
{
	batch_failed(data, lineno);
}

/* An atomic batch reports its first failure only: it stops there, and
 * what the rest of the chunk did is undone with everything else. */
static void batch_pipe_failed(struct nl *nl, uint32_t lineno, void *data)
{
	struct batch *b = data;

	if (b->atomic && !atomic_pipe_failed(b->atomic, (int)lineno))
		return;
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

/* Under -force (and -atomic, which undoes what follows a failure), route,
 * address and neighbour changes are pipelined (see netlink/pipe.h);
 * errors still come per line, in line order.  Otherwise each line waits
 * for its answer: iproute2 stops at the first failure and nothing after
 * it may reach the kernel. */
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
	/* -atomic's watcher journals each chunk before it leaves: in turn */
	if (!b->atomic)
		nl_pipe_overlap(b->pipe);
	b->ib->pipe = b->pipe;
	if (b->atomic)
		atomic_pipe(b->atomic, b->pipe);
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
	if (b->atomic)
		atomic_pipe(b->atomic, NULL);
	free(b->pipe);
	b->pipe = NULL;
}

/* `-n NAME` (or -netns) before a line's object: ipbox runs the line in
 * that network namespace (iproute2 has no such line: ipbox(8)).  The
 * words after it, or NULL. */
static const char *batch_line_netns(int *argc, char ***argv)
{
	const char *name;

	if (*argc < 2 || (*argv)[0][0] != '-' || !matches((*argv)[0], "-netns"))
		return NULL;
	name = (*argv)[1];
	*argc -= 2;
	*argv += 2;
	return name;
}

/* Into (name) or back out of (NULL) a line's namespace: what was queued
 * goes first, and the sockets of the namespace left are closed. */
static int batch_enter(struct batch *b, const char *name)
{
	int fd = name ? netns_open(name) : fcntl(b->home, F_DUPFD_CLOEXEC, 0);

	if (b->pipe) {
		(void)nl_pipe_flush(b->pipe);
		nl_pipe_detach(b->pipe);
	}
	nl_free(b->ib->rt);
	b->ib->rt = NULL;
	ifname_remember(false);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n", name ? name : "", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* Run one line: a nat run may take it; else it runs (in its namespace).
 * obj is the object argv[0] names (object_find), looked up once a line. */
static int batch_line(struct batch *b, int lineno, const struct verb *obj, int argc, char **argv)
{
	/* only in an atomic batch: a plain one fails such a line as
	 * iproute2 does (Object "-n" is unknown) */
	const char *ns = b->ib->atomic ? batch_line_netns(&argc, &argv) : NULL;
	int status;

	if (ns)
		obj = argc > 0 ? object_find(argv[0]) : NULL;

	if (b->check)	/* the model's namespace: nothing is entered */
		return check_line(b->check, ns) < 0 ? EXIT_FAIL : argc ? ipbox_run(b->ib, argc, argv) :
		       ipbox_usage();
	if (b->atomic)
		atomic_line(b->atomic, lineno, ns ? ns : "");
	/* nat lines join a transaction; any other line commits it
	 * first, so it sees the run's changes. */
	if (!ns && argc > 0 && nat_run_take(b->nat, lineno, obj, argc, argv))
		return EXIT_OK;
	if (nat_run_commit(b->nat) && !b->ib->force)
		return -1;	/* reported: the batch ends */
	if (argc == 0)
		return ipbox_usage();
	if (ns && (b->home < 0 || batch_enter(b, ns) < 0))
		return EXIT_FAIL;
	status = ipbox_run_object(b->ib, obj, argc, argv);
	if (ns && batch_enter(b, NULL) < 0)
		status = EXIT_FAIL;
	if (b->atomic)
		atomic_line_done(b->atomic, status);
	return status;
}

/* After a line: false when the batch ends here. */
static bool batch_goes_on(struct batch *b, int lineno, int status)
{
	if (status < 0)
		return false;
	if (b->check) {	/* every line is checked, each failure reported */
		if (status)
			batch_failed(b, lineno);
		return true;
	}
	if (status == EXIT_USAGE && !b->atomic) {
		/* iproute2 exits on bad syntax, even under -force. */
		b->ret = EXIT_USAGE;
		return false;
	}
	if (status)
		batch_failed(b, lineno);
	if (b->atomic)
		return !status && !atomic_failed(b->atomic);
	return !status || b->ib->force;
}

/* The object a line's first word names, looked up again only when the
 * word differs from the line before's (a batch is runs of one object,
 * and the lookup walks a table of 39 rows: a twentieth of a neigh line). */
struct batch_object {
	char word[16];
	const struct verb *obj;
};

static const struct verb *batch_object(struct batch_object *last, const char *word)
{
	size_t i;

	if (!strcmp(word, last->word))
		return last->obj;
	last->obj = object_find(word);
	i = strnlen(word, sizeof(last->word));
	/* a word too long to keep is kept as "", which no word equals */
	if (i == sizeof(last->word))
		i = 0;
	memcpy(last->word, word, i);
	last->word[i] = '\0';
	return last->obj;
}

static int batch_lines(struct batch *b, FILE *in)
{
	struct ipbox *ib = b->ib;
	char *line, *argv[BATCH_MAX_ARGS];
	struct batch_in r;
	struct batch_object last = { .obj = NULL };
	int family = ib->family, lineno = 0, status;
	ssize_t len;

	batch_in_init(&r, in);
	b->nat = b->atomic || b->check ? NULL : nat_run_new(ib, batch_nat_failed, b);
	while ((len = batch_getline(&r, &line, &lineno)) >= 0) {
		int argc = batch_split(line, (size_t)len, argv, BATCH_MAX_ARGS);
		const struct verb *obj = argc > 0 ? batch_object(&last, argv[0]) : NULL;
		bool pipelines = ipbox_pipelines(obj);

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
		if (argc < 0) {
			/* iproute2 exits here, even under -force; ipbox
			 * reports the line and -force goes on (ipbox(8)). */
			if (nat_run_commit(b->nat) && !ib->force)
				break;
			batch_split_error(argc);
			if (!ib->force && !b->atomic && !b->check) {
				b->ret = EXIT_FAIL;
				break;
			}
			batch_failed(b, lineno);
			if (b->atomic)
				break;
			continue;
		}
		status = batch_line(b, lineno, obj, argc, argv);
		/* What a line printed goes out with it, as iproute2's
		 * (stdout and stderr in one file keep the lines' order). */
		if (ib->pr->out.len)
			out_flush(&ib->pr->out);
		if (!batch_goes_on(b, lineno, status))
			break;
	}
	nat_run_end(b->nat);
	batch_in_free(&r);
	ifname_remember(false);
	return b->ret;
}

/* Before an atomic batch runs: every line whose undo could not be
 * faithful, reported; true if there is none. */
static bool batch_acceptable(struct batch *b, FILE *in)
{
	struct atomic_seen *seen = atomic_seen_new();
	char *line, *argv[BATCH_MAX_ARGS];
	struct batch_in r;
	int lineno = 0, refused = 0;
	ssize_t len;

	batch_in_init(&r, in);
	while (seen && (len = batch_getline(&r, &line, &lineno)) >= 0) {
		int argc = batch_split(line, (size_t)len, argv, BATCH_MAX_ARGS);
		char **words = argv;
		bool home = !batch_line_netns(&argc, &words);
		const char *why = argc > 0 ? atomic_refusal(b->ib, seen, home, argc, words) : NULL;

		if (why) {
			fprintf(stderr, "Error: an atomic batch could not undo this: %s.\n", why);
			batch_failed(b, lineno);
			refused++;
		}
	}
	batch_in_free(&r);
	atomic_seen_free(seen);
	if (refused)
		fprintf(stderr, "Nothing was run: the batch has %d line%s it could not undo.\n",
			refused, refused == 1 ? "" : "s");
	return seen && !refused;
}

/* An atomic batch reads its lines twice: stdin goes to a file first. */
/* An unnamed file in /tmp, as the C library's temporary file, but closed
 * on exec (a netns exec line must not inherit it). */
static FILE *batch_tmpfile(void)
{
	int fd = open(P_tmpdir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w+e");	/* e: FD_CLOEXEC, set already */
	if (!f)
		close(fd);
	return f;
}

static FILE *batch_rereadable(FILE *in)
{
	char buf[65536];
	size_t n;
	FILE *copy;

	if (in != stdin)
		return in;
	copy = batch_tmpfile();
	if (!copy) {
		fprintf(stderr, "Cannot keep the batch: %s\n", strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, copy) != n)
			break;
	if (ferror(in) || ferror(copy) || fseek(copy, 0, SEEK_SET) < 0) {
		fprintf(stderr, "Cannot keep the batch: %s\n", strerror(errno));
		fclose(copy);
		return NULL;
	}
	return copy;
}

static int batch_from(struct batch *b, FILE *in)
{
	struct ipbox *ib = b->ib;
	FILE *saved = stderr, *err = NULL;

	ib->in_batch = true;
	b->home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (ib->atomic) {
		/* -check goes on: it reports every line that would fail */
		if ((!batch_acceptable(b, in) && !ib->check) || batch_rewind(in) < 0)
			goto out;
	}
	if (ib->atomic && !ib->check) {
		b->atomic = atomic_start(ib, b->file);
		if (!b->atomic) {
			b->ret = EXIT_FAIL;
			goto out;
		}
	}
	if (ib->check && !(b->check = check_start(ib))) {
		b->ret = EXIT_FAIL;
		goto out;
	}
	if ((ib->force || b->atomic) && !b->check && (err = batch_pipe_start(b)))
		stderr = err;
	batch_lines(b, in);
	batch_pipe_stop(b, err, saved);
	check_finish(b->check);
	if (b->atomic && atomic_finish(b->atomic, b->ret == EXIT_OK && !atomic_failed(b->atomic)))
		b->ret = EXIT_FAIL;
out:
	if (b->home >= 0)
		close(b->home);
	return b->ret;
}

int batch_run(struct ipbox *ib, const char *file)
{
	struct batch b = { .ib = ib, .file = file, .ret = EXIT_OK };
	FILE *in = stdin, *kept;
	int ret;

	if (strcmp(file, "-") != 0) {
		in = fopen(file, "re");	/* not into `netns exec` programs */
		if (!in) {
			fprintf(stderr, "Cannot open file \"%s\" for reading: %s\n", file, strerror(errno));
			return EXIT_FAIL;
		}
	}
	kept = ib->atomic ? batch_rereadable(in) : in;
	ret = kept ? batch_from(&b, kept) : EXIT_FAIL;
	if (kept && kept != in)
		fclose(kept);
	if (in != stdin)
		fclose(in);
	return ret;
}

int batch_command(struct ipbox *ib, int argc, char **argv)
{
	struct batch b = { .ib = ib, .ret = EXIT_OK };
	struct atomic_seen *seen = atomic_seen_new();
	const char *why = seen ? atomic_refusal(ib, seen, true, argc, argv) : NULL;
	int status;

	atomic_seen_free(seen);
	if (why) {
		fprintf(stderr, "Error: an atomic command could not undo this: %s.\n", why);
		return EXIT_FAIL;
	}
	b.home = -1;
	b.atomic = atomic_start(ib, "(command line)");
	if (!b.atomic)
		return EXIT_FAIL;
	status = batch_line(&b, 1, argc > 0 ? object_find(argv[0]) : NULL, argc, argv);
	return atomic_finish(b.atomic, status == EXIT_OK && !atomic_failed(b.atomic)) ? EXIT_FAIL : status;
}

int check_command(struct ipbox *ib, int argc, char **argv)
{
	struct batch b = { .ib = ib, .ret = EXIT_OK, .home = -1 };
	int status;

	b.check = check_start(ib);
	if (!b.check)
		return EXIT_FAIL;
	status = batch_line(&b, 1, NULL, argc, argv);	/* -check runs it by name */
	check_finish(b.check);
	return status ? EXIT_FAIL : EXIT_OK;
}
