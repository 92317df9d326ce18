/* -check's model of the machine: namespaces by name, links by name and
 * index in each, and the keys of addresses, routes and neighbours.  It
 * is filled from the kernel's dumps once, then each change request a
 * batch line builds is answered by it (the errno the kernel would give,
 * or 0 and the model changes as the kernel would), so later lines see
 * what earlier ones would have done.  It knows messages, not words. */
#ifndef IPBOX_CHECK_MODEL_H
#define IPBOX_CHECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/netlink.h>

struct model;

/* The model of the namespace we are in and of every one in /run/netns
 * (entered and left again); NULL after printing why. */
struct model *model_load(void);
void model_free(struct model *m);

/* The namespace the next requests are for ("" the batch's own). */
bool model_netns_has(const struct model *m, const char *ns);
void model_netns_use(struct model *m, const char *ns);
/* netns add|attach and delete: 0, or the errno of the file in /run/netns. */
int model_netns_add(struct model *m, const char *ns);
int model_netns_del(struct model *m, const char *ns);
/* A descriptor that stands for namespace ns in later requests
 * (IFLA_NET_NS_FD), -1 with errno ENOENT when the model has none. */
int model_netns_fd(struct model *m, const char *ns);

/* The index of link `name` in the current namespace, 0 if none. */
int model_link_index(const struct model *m, const char *name);
/* tuntap add and del: 0 or an errno. */
int model_link_add(struct model *m, const char *name);
int model_link_del(struct model *m, const char *name);

/* What the kernel would answer the change request nlh: 0 (and the
 * model changes) or an errno, with the kernel's extended-ack text in
 * ext (size bytes) where it gives one. */
int model_apply(struct model *m, const struct nlmsghdr *nlh, char *ext, size_t size);

#endif
