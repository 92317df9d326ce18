/* The undo journal on disk (see journal.h).  A record is a fixed header,
 * NUL-terminated strings, a blob (a netlink request, or the header's
 * namespace identity) and its length again as a trailer, so the file
 * reads back from its end.  Appending is the only write; a torn tail (a
 * kill in the middle of a write) is found by a forward check and left
 * out, and a step without its end record was never acted on. */
#include "journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define J_MAGIC 0x4a524543u	/* "JREC" */
#define J_BUF (256 * 1024)
#define J_REC_MAX (16 * 1024)	/* a request (NL_REQ_SIZE) and its strings */

struct jhdr {
	uint32_t magic, len;
	uint16_t type, flags;
	uint32_t step;
	int32_t line;
	uint32_t value, nstr;
};

struct journal {
	int fd;
	char path[64];
	bool failed;		/* a write failed: nothing more may be sent */
	uint32_t step;		/* the open step, or the last one */
	int line;
	bool open;
	size_t step_at;		/* where the open step starts in buf, if still there */
	bool step_in_buf;
	unsigned int step_records;	/* written in the open step */
	size_t len;
	char buf[J_BUF];
};

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

int journal_netns_id(dev_t *dev, ino_t *ino)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st) < 0)
		return -1;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write out what waits, without syncing. */
static int journal_drain(struct journal *j)
{
	if (j->failed)
		return -1;
	if (j->len && write_all(j->fd, j->buf, j->len) < 0) {
		fprintf(stderr, "Cannot write the journal %s: %s\n", j->path, strerror(errno));
		j->failed = true;
		return -1;
	}
	j->len = 0;
	j->step_in_buf = false;
	return 0;
}

int journal_sync(struct journal *j)
{
	if (!j->len)
		return j->failed ? -1 : 0;
	if (journal_drain(j) < 0)
		return -1;
	/* A kill needs only the write; the sync is for a crash of ipbox's
	 * machine that keeps /run (the network state dies with it anyway:
	 * on tmpfs it costs nothing). */
	if (fdatasync(j->fd) < 0 && errno != EINVAL) {
		fprintf(stderr, "Cannot sync the journal %s: %s\n", j->path, strerror(errno));
		j->failed = true;
		return -1;
	}
	return 0;
}

bool journal_failed(const struct journal *j)
{
	return j->failed;
}

/* Room for a record of n bytes at the end of buf. */
static char *journal_room(struct journal *j, size_t n)
{
	if (n > J_BUF || j->failed) {
		j->failed = true;
		return NULL;
	}
	if (j->len + n > J_BUF && journal_drain(j) < 0)
		return NULL;
	j->len += n;
	return j->buf + j->len - n;
}

static void journal_put(struct journal *j, enum journal_type type, unsigned int flags,
			uint32_t value, const char *const *strs, int nstr, const void *blob,
			size_t blob_len)
{
	size_t slen = 0, len;
	struct jhdr h;
	char *p;

	for (int i = 0; i < nstr; i++)
		slen += strlen(strs[i]) + 1;
	len = sizeof(h) + align4(slen) + align4(blob_len) + sizeof(uint32_t);
	if (len > J_REC_MAX) {
		fprintf(stderr, "A journal record is too long\n");
		j->failed = true;
		return;
	}
	p = journal_room(j, len);
	if (!p)
		return;
	memset(p, 0, len);
	h = (struct jhdr){ .magic = J_MAGIC, .len = (uint32_t)len, .type = (uint16_t)type,
			   .flags = (uint16_t)flags, .step = j->step, .line = j->line,
			   .value = value, .nstr = (uint32_t)nstr };
	memcpy(p, &h, sizeof(h));
	p += sizeof(h);
	for (int i = 0; i < nstr; i++) {
		size_t n = strlen(strs[i]) + 1;

		memcpy(p, strs[i], n);
		p += n;
	}
	p += align4(slen) - slen;
	if (blob_len)
		memcpy(p, blob, blob_len);
	p += align4(blob_len);
	memcpy(p, &h.len, sizeof(h.len));
}

struct journal *journal_create(const char *home_name, const char *batch)
{
	struct journal *j = malloc(sizeof(*j));
	const char *strs[2] = { home_name, batch };
	uint64_t id[2];
	dev_t dev;
	ino_t ino;

	if (!j) {
		fprintf(stderr, "Cannot make the journal: %s\n", strerror(ENOMEM));
		return NULL;
	}
	memset(j, 0, offsetof(struct journal, buf));
	if (journal_netns_id(&dev, &ino) < 0 || (mkdir(JOURNAL_DIR, 0700) < 0 && errno != EEXIST))
		goto fail;
	j->fd = -1;
	for (unsigned int n = 0; j->fd < 0 && n < 1000; n++) {
		snprintf(j->path, sizeof(j->path), JOURNAL_DIR "/%d.%u.journal", (int)getpid(), n);
		j->fd = open(j->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (j->fd < 0 && errno != EEXIST)
			goto fail;
	}
	if (j->fd < 0 || flock(j->fd, LOCK_EX) < 0)
		goto fail;
	id[0] = dev;
	id[1] = ino;
	journal_put(j, J_HEADER, 0, 0, strs, 2, id, sizeof(id));
	if (journal_sync(j) < 0) {
		journal_remove(j);
		return NULL;
	}
	return j;
fail:
	fprintf(stderr, "Cannot make a journal in %s: %s\n", JOURNAL_DIR, strerror(errno));
	if (j->fd >= 0) {
		unlink(j->path);
		close(j->fd);
	}
	free(j);
	return NULL;
}

const char *journal_path(const struct journal *j)
{
	return j->path;
}

void journal_remove(struct journal *j)
{
	if (!j)
		return;
	unlink(j->path);
	close(j->fd);
	free(j);
}

void journal_keep(struct journal *j)
{
	if (!j)
		return;
	(void)journal_sync(j);
	close(j->fd);
	free(j);
}

uint32_t journal_step(struct journal *j, int line)
{
	j->step++;
	j->line = line;
	j->open = true;
	j->step_at = j->len;
	j->step_in_buf = true;
	journal_put(j, J_STEP, 0, 0, NULL, 0, NULL, 0);
	j->step_records = 0;
	return j->step;
}

void journal_end(struct journal *j)
{
	journal_put(j, J_END, 0, 0, NULL, 0, NULL, 0);
	j->open = false;
}

/* A step still in the buffer goes; one already written stays on disk
 * without its end record, which the replay skips. */
void journal_abort(struct journal *j)
{
	if (j->open && j->step_in_buf)
		j->len = j->step_at;
	j->open = false;
}

void journal_cancel(struct journal *j, uint32_t step)
{
	journal_put(j, J_CANCEL, 0, step, NULL, 0, NULL, 0);
}

bool journal_step_empty(const struct journal *j)
{
	return j->step_records == 0;
}

void journal_rt(struct journal *j, const char *ns, const char *fdns, unsigned int flags,
		const struct nlmsghdr *req)
{
	const char *strs[2] = { ns, fdns ? fdns : "" };

	journal_put(j, J_RT, flags | (fdns ? J_NSFD : 0), 0, strs, 2, req, req->nlmsg_len);
	j->step_records++;
}

void journal_words(struct journal *j, enum journal_type type, const char *ns,
		   const char *const *words, int n, uint32_t value)
{
	const char *strs[17];

	if (n > 16) {
		j->failed = true;
		return;
	}
	strs[0] = ns;
	for (int i = 0; i < n; i++)
		strs[i + 1] = words[i];
	journal_put(j, type, 0, value, strs, n + 1, NULL, 0);
	j->step_records++;
}

/* ---- reading back --------------------------------------------------- */

struct journal_reader {
	int fd;
	bool writable;		/* the replay marks the steps it undid */
	off_t end;		/* of the last whole record */
	char home[256];
	dev_t dev;
	ino_t ino;
	uint32_t *cancelled;
	size_t ncancelled, cap;
	char rec[J_REC_MAX] __attribute__((aligned(8)));
};

static int read_at(int fd, void *buf, size_t n, off_t at)
{
	ssize_t r = pread(fd, buf, n, at);

	return r == (ssize_t)n ? 0 : -1;
}

/* Decode the record of len bytes in r->rec into *out. */
static int decode(struct journal_reader *r, size_t len, struct journal_rec *out)
{
	struct jhdr h;
	const char *p = r->rec + sizeof(h), *end;
	uint32_t trailer;

	memcpy(&h, r->rec, sizeof(h));
	memcpy(&trailer, r->rec + len - sizeof(trailer), sizeof(trailer));
	if (h.magic != J_MAGIC || h.len != len || trailer != len || h.nstr > 17)
		return -1;
	end = r->rec + len - sizeof(trailer);
	*out = (struct journal_rec){ .type = h.type, .flags = h.flags, .step = h.step,
				     .line = h.line, .value = h.value };
	for (uint32_t i = 0; i < h.nstr; i++) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));

		if (!nul)
			return -1;
		if (h.type == J_RT)
			*(i == 0 ? &out->ns : &out->fdns) = p;
		else if (i == 0 && h.type != J_HEADER)
			out->ns = p;
		else if (out->nwords < 16)
			out->words[out->nwords++] = p;
		p = nul + 1;
	}
	p = r->rec + align4((size_t)(p - r->rec));
	if (h.type == J_RT) {
		const struct nlmsghdr *nlh = (const void *)p;

		if ((size_t)(end - p) < sizeof(*nlh) || nlh->nlmsg_len < sizeof(*nlh) ||
		    nlh->nlmsg_len > (size_t)(end - p) || !out->ns || !out->fdns)
			return -1;
		out->msg = nlh;
	}
	if (h.type == J_HEADER) {
		uint64_t id[2];

		if ((size_t)(end - p) < sizeof(id) || out->nwords < 2)
			return -1;
		memcpy(id, p, sizeof(id));
		r->dev = (dev_t)id[0];
		r->ino = (ino_t)id[1];
	}
	return 0;
}

/* The record that starts at `at`, at most `left` bytes; its length or -1. */
static ssize_t read_record(struct journal_reader *r, off_t at, off_t left, struct journal_rec *out)
{
	struct jhdr h;

	if (left < (off_t)(sizeof(h) + sizeof(uint32_t)) || read_at(r->fd, &h, sizeof(h), at) < 0 ||
	    h.magic != J_MAGIC || h.len > J_REC_MAX || h.len < sizeof(h) + sizeof(uint32_t) ||
	    h.len % 4 || (off_t)h.len > left || read_at(r->fd, r->rec, h.len, at) < 0 ||
	    decode(r, h.len, out) < 0)
		return -1;
	return h.len;
}

/* The end of the last whole record (a torn tail is left out), and the
 * header's fields. */
static int reader_scan(struct journal_reader *r)
{
	struct journal_rec rec;
	struct stat st;
	off_t at = 0;
	ssize_t n;

	if (fstat(r->fd, &st) < 0)
		return -1;
	n = read_record(r, 0, st.st_size, &rec);
	if (n < 0 || rec.type != J_HEADER)
		return -1;
	snprintf(r->home, sizeof(r->home), "%s", rec.words[0]);
	while (n > 0) {
		at += n;
		n = read_record(r, at, st.st_size - at, &rec);
	}
	r->end = at;
	return 0;
}

struct journal_reader *journal_read_open(const char *path, bool lock)
{
	struct journal_reader *r = malloc(sizeof(*r));

	if (!r) {
		fprintf(stderr, "Cannot read the journal: %s\n", strerror(ENOMEM));
		return NULL;
	}
	memset(r, 0, offsetof(struct journal_reader, rec));
	r->fd = open(path, O_RDWR | O_CLOEXEC);
	r->writable = r->fd >= 0;
	if (r->fd < 0)
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		fprintf(stderr, "Cannot open the journal \"%s\": %s\n", path, strerror(errno));
		free(r);
		return NULL;
	}
	if (lock && flock(r->fd, LOCK_EX | LOCK_NB) < 0) {
		fprintf(stderr, "The journal \"%s\" is in use by a running batch\n", path);
		goto fail;
	}
	if (reader_scan(r) < 0) {
		fprintf(stderr, "\"%s\" is not an ipbox journal\n", path);
		goto fail;
	}
	/* a torn tail goes, so the marks the replay adds can be read */
	if (r->writable && ftruncate(r->fd, r->end) < 0)
		r->writable = false;
	return r;
fail:
	close(r->fd);
	free(r);
	return NULL;
}

const char *journal_reader_home(const struct journal_reader *r, dev_t *dev, ino_t *ino)
{
	*dev = r->dev;
	*ino = r->ino;
	return r->home;
}

static bool is_cancelled(const struct journal_reader *r, uint32_t step)
{
	for (size_t i = 0; i < r->ncancelled; i++)
		if (r->cancelled[i] == step)
			return true;
	return false;
}

static int note_cancel(struct journal_reader *r, uint32_t step)
{
	if (r->ncancelled == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		uint32_t *c = realloc(r->cancelled, cap * sizeof(*c));

		if (!c)
			return -1;
		r->cancelled = c;
		r->cap = cap;
	}
	r->cancelled[r->ncancelled++] = step;
	return 0;
}

/* The record that ends at `end` (its trailer just before): its start. */
static off_t record_before(struct journal_reader *r, off_t end, struct journal_rec *rec)
{
	uint32_t len;

	if (end < (off_t)sizeof(len) || read_at(r->fd, &len, sizeof(len), end - (off_t)sizeof(len)) < 0 ||
	    (off_t)len > end || read_record(r, end - (off_t)len, len, rec) != (ssize_t)len)
		return -1;
	return end - (off_t)len;
}

/* Replay the records of one step, [from, to), in order: -1, or 1 if a
 * record of it is not undone yet (replay said 1), else 0. */
static int replay_step(struct journal_reader *r, off_t from, off_t to,
		       int (*replay)(const struct journal_rec *, void *), void *data)
{
	struct journal_rec rec;
	int pending = 0;

	while (from < to) {
		ssize_t n = read_record(r, from, to - from, &rec);
		int ret = n < 0 ? -1 : replay(&rec, data);

		if (ret < 0)
			return -1;
		pending |= ret;
		from += n;
	}
	return pending;
}

/* A step all undone gets a cancel record at the end of the file, so a
 * rollback killed in its turn is taken up where it stopped: replaying
 * an older step twice could undo what a newer one put back. */
static void mark_undone(struct journal_reader *r, uint32_t step)
{
	struct {
		struct jhdr h;
		uint32_t trailer;
	} rec = { { .magic = J_MAGIC, .len = sizeof(rec), .type = J_CANCEL, .value = step },
		  sizeof(rec) };
	struct stat st;

	if (!r->writable || fstat(r->fd, &st) < 0 ||
	    pwrite(r->fd, &rec, sizeof(rec), st.st_size) != (ssize_t)sizeof(rec))
		r->writable = false;
}

long journal_replay(struct journal_reader *r, int (*replay)(const struct journal_rec *, void *),
		    void *data)
{
	struct journal_rec rec;
	off_t at = r->end, step_end = -1;
	uint32_t step = 0;
	long steps = 0;

	while (at > 0) {
		off_t start = record_before(r, at, &rec);

		if (start < 0)
			return -1;
		if (rec.type == J_CANCEL && note_cancel(r, rec.value) < 0)
			return -1;
		if (rec.type == J_END) {
			step_end = at;
			step = rec.step;
		} else if (rec.type == J_STEP && step_end >= 0 && rec.step == step) {
			if (!is_cancelled(r, step)) {
				int pending = replay_step(r, start, step_end, replay, data);

				if (pending < 0)
					return -1;
				if (!pending)
					mark_undone(r, step);
				steps++;
			}
			step_end = -1;
		}
		at = start;
	}
	return steps;
}

void journal_read_close(struct journal_reader *r)
{
	if (!r)
		return;
	close(r->fd);
	free(r->cancelled);
	free(r);
}

/* A journal whose batch is gone (no lock on it) and ran here. */
static bool stale_here(const char *path, dev_t dev, ino_t ino)
{
	struct journal_reader *r = malloc(sizeof(*r));
	bool stale = false;

	if (!r)
		return false;
	memset(r, 0, offsetof(struct journal_reader, rec));
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd >= 0 && flock(r->fd, LOCK_SH | LOCK_NB) == 0 && reader_scan(r) == 0)
		stale = r->dev == dev && r->ino == ino;
	if (r->fd >= 0)
		close(r->fd);
	free(r);
	return stale;
}

const char *journal_stale(char *buf, size_t size)
{
	const char *found = NULL;
	struct dirent *e;
	dev_t dev;
	ino_t ino;
	DIR *d;

	if (journal_netns_id(&dev, &ino) < 0 || !(d = opendir(JOURNAL_DIR)))
		return NULL;
	while (!found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n < 8 || strcmp(e->d_name + n - 8, ".journal"))
			continue;
		snprintf(buf, size, "%s/%s", JOURNAL_DIR, e->d_name);
		if (stale_here(buf, dev, ino))
			found = buf;
	}
	closedir(d);
	return found;
}
