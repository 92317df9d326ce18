#include "named.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* iproute2's rule: not empty, not too long, no '/', not "." or "..". */
bool netns_name_valid(const char *name)
{
	return *name && strlen(name) <= NAME_MAX && !strchr(name, '/') &&
	       strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

int netns_path(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", NETNS_RUN_DIR, name);

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Anyone who can write /run/netns can leave anything there.  Look before
 * opening: a socket or device is not opened at all (ENXIO, what open
 * gives for a socket), and what is opened never blocks (a FIFO would wait
 * for a writer forever; iproute2 hangs).  Plain files, directories and
 * FIFOs open as in iproute2, so setns() or the kernel refuses them with
 * iproute2's messages. */
int (*netns_dry_open)(const char *name);

int netns_open(const char *name)
{
	char path[PATH_MAX];
	struct stat seen, opened;
	int fd;

	if (netns_dry_open)
		return netns_dry_open(name);
	if (netns_path(path, sizeof(path), name) < 0 || stat(path, &seen) < 0)
		return -1;
	if (!S_ISREG(seen.st_mode) && !S_ISDIR(seen.st_mode) && !S_ISFIFO(seen.st_mode)) {
		errno = ENXIO;
		return -1;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* swapped for something else between the two looks */
	if (fstat(fd, &opened) < 0 || opened.st_dev != seen.st_dev || opened.st_ino != seen.st_ino) {
		close(fd);
		errno = ENXIO;
		return -1;
	}
	return fd;
}

bool netns_same(int fd_a, int fd_b)
{
	struct stat a, b;

	return fstat(fd_a, &a) == 0 && fstat(fd_b, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Bind each file of /etc/netns/NAME over its twin in /etc; a failure is
 * reported but not fatal, as in iproute2. */
static void netns_bind_etc(const char *name)
{
	char dir_path[sizeof(NETNS_ETC_DIR) + NAME_MAX + 1], src[PATH_MAX], dst[PATH_MAX];
	struct dirent *e;
	DIR *dir;

	if (strlen(name) >= NAME_MAX)
		return;
	snprintf(dir_path, sizeof(dir_path), "%s/%s", NETNS_ETC_DIR, name);
	dir = opendir(dir_path);
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(src, sizeof(src), "%s/%s", dir_path, e->d_name);
		snprintf(dst, sizeof(dst), "/etc/%s", e->d_name);
		if (mount(src, dst, "none", MS_BIND, NULL) < 0)
			fprintf(stderr, "Bind %s -> %s failed: %s\n", src, dst, strerror(errno));
	}
	closedir(dir);
}

/* Remount /sys so it describes the new network namespace; keep it
 * read-only if it was (containers mount it so). */
static int netns_remount_sys(const char *name)
{
	unsigned long flags = 0;
	struct statvfs st;

	if (statvfs("/sys", &st) == 0 && (st.f_flag & ST_RDONLY))
		flags = MS_RDONLY;
	if (umount2("/sys", MNT_DETACH) < 0 && statvfs("/sys", &st) == 0 &&
	    (st.f_flag & ST_RDONLY))
		flags = MS_RDONLY;
	if (mount(name, "/sys", "sysfs", flags, NULL) < 0) {
		fprintf(stderr, "mount of /sys failed: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Enter a named namespace the way `ip -n` and `ip netns exec` do: the
 * network namespace, a private (slave) mount namespace, a fresh /sys and
 * the /etc/netns/NAME overlays.  Messages are iproute2's. */
int netns_switch(const char *name)
{
	int fd = netns_open(name);

	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n", name, strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "setting the network namespace \"%s\" failed: %s\n", name, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if (unshare(CLONE_NEWNS) < 0) {
		fprintf(stderr, "unshare failed: %s\n", strerror(errno));
		return -1;
	}
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL)) {
		fprintf(stderr, "\"mount --make-rslave /\" failed: %s\n", strerror(errno));
		return -1;
	}
	if (netns_remount_sys(name) < 0)
		return -1;
	netns_bind_etc(name);
	return 0;
}

/* Room for /proc/PID/ns/net and /proc/self/fd/N. */
#define NETNS_PROC_LEN 64

/* Whether this process made /run/netns shared already (and has not made
 * the directory anew since): a batch of adds sets it up once.  The
 * recursive mount walks every namespace file under the directory, so
 * one per add grew with the number of namespaces. */
static bool run_dir_shared;

/* Make /run/netns a shared mount of its own peer group, so a namespace
 * file unmounted in one mount namespace goes away in all of them.  It is
 * first made private, so its mounts never propagate into the parent's
 * peer group (mountinfo blow-up at boot, Debian #949235).  *bound tells
 * whether this call bound the directory onto itself. */
static int netns_share_run_dir(bool *bound)
{
	*bound = false;
	if (run_dir_shared)
		return 0;
	while (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL)) {
		if (errno != EINVAL || *bound) {
			fprintf(stderr, "mount --make-shared %s failed: %s\n",
				NETNS_RUN_DIR, strerror(errno));
			return -1;
		}
		if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL)) {
			fprintf(stderr, "mount --bind %s %s failed: %s\n",
				NETNS_RUN_DIR, NETNS_RUN_DIR, strerror(errno));
			return -1;
		}
		*bound = true;
		if (mount("", NETNS_RUN_DIR, "none", MS_PRIVATE | MS_REC, NULL)) {
			fprintf(stderr, "mount --make-private %s failed: %s\n",
				NETNS_RUN_DIR, strerror(errno));
			return -1;
		}
	}
	run_dir_shared = true;
	return 0;
}

/* /run/netns, created if missing (*made says so), open and locked against
 * other ipbox and iproute2 runs sharing it at the same time. */
static int netns_lock_run_dir(bool *made)
{
	int lock;

	*made = mkdir(NETNS_RUN_DIR, 0755) == 0;
	if (*made)	/* a new directory: not shared yet */
		run_dir_shared = false;
	if (!*made && errno != EEXIST) {
		fprintf(stderr, "mkdir %s failed: %s\n", NETNS_RUN_DIR, strerror(errno));
		return -1;
	}
	lock = open(NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock < 0) {
		fprintf(stderr, "Cannot open netns runtime directory \"%s\": %s\n",
			NETNS_RUN_DIR, strerror(errno));
		if (*made)
			rmdir(NETNS_RUN_DIR);
		return -1;
	}
	if (flock(lock, LOCK_EX) < 0)
		fprintf(stderr, "Warning: could not flock netns runtime directory \"%s\": %s\n",
			NETNS_RUN_DIR, strerror(errno));
	return lock;
}

/* The namespace to pin at path, named in src for the bind mount: the
 * one process `pid` is in (held open in *ns), or (pid 0) a new one, which
 * this process is in until it leaves again through *home; proc names it
 * for messages, which are iproute2's.  -1 when it cannot be had. */
static int netns_target(const char *name, const char *path, pid_t pid, int *ns, int *home,
			char proc[static NETNS_PROC_LEN], char src[static NETNS_PROC_LEN])
{
	*ns = *home = -1;
	if (pid) {
		snprintf(proc, NETNS_PROC_LEN, "/proc/%d/ns/net", (int)pid);
		*ns = open(proc, O_RDONLY | O_CLOEXEC);
		if (*ns < 0) {
			fprintf(stderr, "Bind %s -> %s failed: %s\n", proc, path, strerror(errno));
			return -1;
		}
		snprintf(src, NETNS_PROC_LEN, "/proc/self/fd/%d", *ns);
		return 0;
	}
	/* the new one is this process's own: bound by its /proc name, as
	 * iproute2 does (no open and close of it per add) */
	snprintf(proc, NETNS_PROC_LEN, "/proc/self/ns/net");
	snprintf(src, NETNS_PROC_LEN, "/proc/self/ns/net");
	*home = open(proc, O_RDONLY | O_CLOEXEC);
	if (*home < 0 || unshare(CLONE_NEWNET) < 0) {
		fprintf(stderr, "Failed to create a new network namespace \"%s\": %s\n",
			name, strerror(errno));
		return -1;
	}
	return 0;
}

/* Pin a network namespace under NAME: a new one when pid is 0, else the
 * one process `pid` is in.  Whatever can fail is tried before any mount
 * changes (the name file, the namespace), and a later failure undoes
 * what this call did: a failed add leaves /run/netns, the mount table and
 * this process's namespace as they were. */
int netns_create(const char *name, pid_t pid)
{
	char path[PATH_MAX], proc[NETNS_PROC_LEN], src[NETNS_PROC_LEN];
	int fd, ns = -1, home = -1, lock, ret = -1;
	bool made_dir, bound = false;

	if (netns_path(path, sizeof(path), name) < 0)
		return -1;
	lock = netns_lock_run_dir(&made_dir);
	if (lock < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "Cannot create namespace file \"%s\": %s\n", path, strerror(errno));
		goto out;
	}
	close(fd);
	if (netns_target(name, path, pid, &ns, &home, proc, src) < 0 ||
	    netns_share_run_dir(&bound) < 0)
		goto undo;
	if (mount(src, path, "none", MS_BIND, NULL) < 0) {
		fprintf(stderr, "Bind %s -> %s failed: %s\n", proc, path, strerror(errno));
		goto undo;
	}
	ret = 0;
undo:
	if (home >= 0 && setns(home, CLONE_NEWNET) < 0) {
		fprintf(stderr, "setns failed: %s\n", strerror(errno));
		ret = -1;
	}
	if (ret < 0) {
		if (bound) {
			umount2(NETNS_RUN_DIR, MNT_DETACH);
			run_dir_shared = false;
		}
		unlink(path);
	}
out:
	if (ns >= 0)
		close(ns);
	if (home >= 0)
		close(home);
	if (ret < 0 && made_dir)
		rmdir(NETNS_RUN_DIR);
	close(lock);		/* releases the flock */
	return ret;
}

/* Put back a namespace file that was unmounted but could not be removed. */
static void netns_rebind(int ns, const char *path)
{
	char src[NETNS_PROC_LEN];

	snprintf(src, sizeof(src), "/proc/self/fd/%d", ns);
	if (mount(src, path, "none", MS_BIND, NULL) < 0)
		fprintf(stderr, "Cannot restore namespace file \"%s\": %s\n", path, strerror(errno));
}

/* Unmount and remove NAME, or change nothing: the directory's permission
 * is checked first (with the capabilities ipbox holds), and should unlink
 * fail anyway the namespace is bound back.  A symbolic link is removed
 * alone; iproute2 unmounts the namespace it points to. */
static bool run_dir_writable;

int netns_remove(const char *name)
{
	char path[PATH_MAX];
	bool unmounted;
	int ns, err;

	if (netns_path(path, sizeof(path), name) < 0)
		return -1;
	/* Asked once per process: a batch's deletes share the directory, and
	 * should it turn read-only midway the rebind below still holds. */
	if (!run_dir_writable && faccessat(AT_FDCWD, NETNS_RUN_DIR, W_OK | X_OK, AT_EACCESS) < 0) {
		fprintf(stderr, "Cannot remove namespace file \"%s\": %s\n", path, strerror(errno));
		return -1;
	}
	run_dir_writable = true;
	ns = open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	/* an unmounted leftover is fine */
	unmounted = umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW) == 0;
	if (unlink(path) == 0) {
		if (ns >= 0)
			close(ns);
		return 0;
	}
	err = errno;
	fprintf(stderr, "Cannot remove namespace file \"%s\": %s\n", path, strerror(err));
	if (unmounted && ns >= 0)
		netns_rebind(ns, path);
	if (ns >= 0)
		close(ns);
	return -1;
}

/* Call fn for each name in /run/netns until it fails.  Like iproute2, a
 * missing directory is an empty list and a failing fn just stops the walk. */
int netns_foreach(int (*fn)(const char *name, void *arg), void *arg)
{
	struct dirent *e;
	DIR *dir = opendir(NETNS_RUN_DIR);

	if (!dir) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "Failed to open directory %s: %s\n", NETNS_RUN_DIR, strerror(errno));
		return -1;
	}
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fn(e->d_name, arg))
			break;
	}
	closedir(dir);
	return 0;
}
