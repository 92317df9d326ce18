#include "nsid.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include "named.h"
#include "../netlink/attr.h"
#include "../netlink/nl.h"

static const enum mnl_attr_data_type nsid_policy[NETNSA_MAX + 1] = {
	[NETNSA_NSID] = MNL_TYPE_U32,
};

static int nsid_answer(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETNSA_MAX + 1];
	int *nsid = data;

	if (attr_parse(tb, NETNSA_MAX, nsid_policy, nlh, sizeof(struct rtgenmsg)) == 0 &&
	    tb[NETNSA_NSID])
		*nsid = (int)mnl_attr_get_u32(tb[NETNSA_NSID]);
	return NL_CB_STOP;
}

/* An nsid request (RTM_GETNSID, RTM_NEWNSID) about the namespace fd. */
static void nsid_request(struct nlreq *req, uint16_t type, int fd)
{
	struct rtgenmsg *g = nlreq_init(req, type, 0, sizeof(*g));

	g->rtgen_family = AF_UNSPEC;
	nlreq_put_u32(req, NETNSA_FD, (uint32_t)fd);
}

int netns_nsid(struct nl *nl, const char *name)
{
	int fd = netns_open(name), nsid = -1;
	struct nlreq req;

	if (fd < 0)
		return -1;
	nsid_request(&req, RTM_GETNSID, fd);
	if (nl_talk(nl, &req, nsid_answer, &nsid) < 0) {
		nl_perror(nl);	/* a file in /run/netns that is no namespace */
		nsid = -1;
	}
	close(fd);
	return nsid;
}

int netns_nsid_assign(struct nl *nl, const char *name)
{
	int fd = netns_open(name), ret = 0;
	struct nlreq req;

	if (fd < 0)
		return -1;
	nsid_request(&req, RTM_NEWNSID, fd);
	nlreq_put_u32(&req, NETNSA_NSID, (uint32_t)-1);
	if (nl_talk(nl, &req, NULL, NULL) < 0) {
		nl_perror(nl);
		ret = -1;
	}
	close(fd);
	return ret;
}

struct names_load {
	struct netns_names *m;
	struct nl *nl;
	bool no_memory;
};

int netns_names_add(struct netns_names *m, int nsid, const char *name)
{
	struct netns_name *grown = realloc(m->v, (m->n + 1) * sizeof(*m->v));

	if (!grown)
		return -1;
	m->v = grown;
	m->v[m->n].nsid = nsid;
	snprintf(m->v[m->n].name, sizeof(m->v[m->n].name), "%s", name);
	m->n++;
	return 0;
}

static int names_add(const char *name, void *arg)
{
	struct names_load *l = arg;
	int nsid = netns_nsid(l->nl, name);

	if (nsid >= 0 && netns_names_add(l->m, nsid, name) < 0) {
		l->no_memory = true;
		return -1;
	}
	return 0;
}

int netns_names_load(struct netns_names *m, struct nl *nl)
{
	struct names_load l = { .m = m, .nl = nl };

	netns_names_free(m);
	netns_foreach(names_add, &l);
	return l.no_memory ? -1 : 0;
}

const char *netns_names_find(const struct netns_names *m, int nsid)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].nsid == nsid)
			return m->v[i].name;
	return NULL;
}

void netns_names_drop(struct netns_names *m, int nsid)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].nsid == nsid) {
			m->v[i] = m->v[--m->n];
			return;
		}
}

void netns_names_free(struct netns_names *m)
{
	free(m->v);
	m->v = NULL;
	m->n = 0;
}
