/* Named network namespaces on disk, with iproute2's conventions so that
 * either tool sees and uses the other's: one bind-mounted nsfs file per
 * name in /run/netns (a shared mount), per-namespace files in
 * /etc/netns/NAME bind-mounted over /etc when entering. */
#ifndef IPBOX_NAMESPACE_NAMED_H
#define IPBOX_NAMESPACE_NAMED_H

#include <stdbool.h>
#include <sys/types.h>

#define NETNS_RUN_DIR "/run/netns"
#define NETNS_ETC_DIR "/etc/netns"

bool netns_name_valid(const char *name);
int netns_path(char *buf, size_t size, const char *name);
int netns_open(const char *name);
/* When set (-check), netns_open asks it instead of /run/netns: a
 * descriptor that stands for the name, or -1 with errno. */
extern int (*netns_dry_open)(const char *name);
int netns_switch(const char *name);
int netns_create(const char *name, pid_t pid);
int netns_remove(const char *name);
int netns_foreach(int (*fn)(const char *name, void *arg), void *arg);
bool netns_same(int fd_a, int fd_b);

#endif
