#include "netns.h"

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

int netns_open(const char *name)
{
	char path[PATH_MAX];

	if (netns_path(path, sizeof(path), name) < 0)
		return -1;
	return open(path, O_RDONLY | O_CLOEXEC);
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

/* Make /run/netns a shared mount of its own peer group, so a namespace
 * file unmounted in one mount namespace goes away in all of them.  It is
 * first made private, so its mounts never propagate into the parent's
 * peer group (mountinfo blow-up at boot, Debian #949235). */
static int netns_share_run_dir(void)
{
	bool made = false;
	int lock, ret = 0;

	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "mkdir %s failed: %s\n", NETNS_RUN_DIR, strerror(errno));
		return -1;
	}
	lock = open(NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock < 0) {
		fprintf(stderr, "Cannot open netns runtime directory \"%s\": %s\n",
			NETNS_RUN_DIR, strerror(errno));
		return -1;
	}
	if (flock(lock, LOCK_EX) < 0)
		fprintf(stderr, "Warning: could not flock netns runtime directory \"%s\": %s\n",
			NETNS_RUN_DIR, strerror(errno));
	while (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL)) {
		if (errno != EINVAL || made) {
			fprintf(stderr, "mount --make-shared %s failed: %s\n",
				NETNS_RUN_DIR, strerror(errno));
			ret = -1;
			break;
		}
		if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL) ||
		    mount("", NETNS_RUN_DIR, "none", MS_PRIVATE | MS_REC, NULL)) {
			fprintf(stderr, "mount --bind %s %s failed: %s\n",
				NETNS_RUN_DIR, NETNS_RUN_DIR, strerror(errno));
			ret = -1;
			break;
		}
		made = true;
	}
	close(lock);		/* releases the flock */
	return ret;
}

/* Pin a network namespace under NAME: a new one when pid is 0, else the
 * one process `pid` is in.  On any failure the name file is removed, so a
 * failed add leaves nothing behind. */
int netns_create(const char *name, pid_t pid)
{
	char path[PATH_MAX], proc[64];
	int fd, self = -1;

	if (netns_share_run_dir() < 0 || netns_path(path, sizeof(path), name) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "Cannot create namespace file \"%s\": %s\n", path, strerror(errno));
		return -1;
	}
	close(fd);
	if (pid) {
		snprintf(proc, sizeof(proc), "/proc/%d/ns/net", (int)pid);
	} else {
		strcpy(proc, "/proc/self/ns/net");
		self = open(proc, O_RDONLY | O_CLOEXEC);
		if (self < 0 || unshare(CLONE_NEWNET) < 0) {
			fprintf(stderr, "Failed to create a new network namespace \"%s\": %s\n",
				name, strerror(errno));
			goto undo;
		}
	}
	if (mount(proc, path, "none", MS_BIND, NULL) < 0) {
		fprintf(stderr, "Bind %s -> %s failed: %s\n", proc, path, strerror(errno));
		goto undo;
	}
	if (self >= 0 && setns(self, CLONE_NEWNET) < 0) {
		fprintf(stderr, "setns failed: %s\n", strerror(errno));
		self = -1;
		goto undo;
	}
	if (self >= 0)
		close(self);
	return 0;
undo:
	if (self >= 0) {
		if (setns(self, CLONE_NEWNET) < 0)
			fprintf(stderr, "setns failed: %s\n", strerror(errno));
		close(self);
	}
	umount2(path, MNT_DETACH);
	unlink(path);
	return -1;
}

int netns_remove(const char *name)
{
	char path[PATH_MAX];

	if (netns_path(path, sizeof(path), name) < 0)
		return -1;
	umount2(path, MNT_DETACH);	/* an unmounted leftover is fine */
	if (unlink(path) < 0) {
		fprintf(stderr, "Cannot remove namespace file \"%s\": %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
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
