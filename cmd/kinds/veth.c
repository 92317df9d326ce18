/* veth and vxcan pairs: `type veth peer ARGS`, the peer's own link
 * options (link.c parses them, through kind_peer). */
#include "kind.h"

#include <string.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include "../words.h"
#include "../usage.h"

/* iproute2 prints this one on stdout: it goes through the sink, in
 * order with what -batch printed before it. */
static int peer_usage(struct kind_parse *kp)
{
	char buf[256];

	snprintf(buf, sizeof(buf), usage_text(kp->k->usage), kp->k->name);
	out_puts(&kp->p->out, buf);
	return EXIT_FAIL;
}

static int peer_parse(struct kind_parse *kp, struct arg_walk *w)
{
	struct nlreq *r = kp->r;
	struct nlattr *peer;
	struct ifinfomsg *pifi;
	struct arg_walk pw = { w->argc - 1, w->argv + 1 };
	const char *type = NULL;
	int ret;

	if (strcmp(w->argv[0], "peer") != 0)
		return peer_usage(kp);
	/* VXCAN_INFO_PEER is VETH_INFO_PEER */
	peer = nlreq_nest_start(r, VETH_INFO_PEER);
	if (!peer || r->nlh->nlmsg_len + sizeof(*pifi) > sizeof(r->u.buf))
		return EXIT_FAIL;
	pifi = mnl_nlmsg_put_extra_header(r->nlh, sizeof(*pifi));
	ret = kp->peer->parse(kp->peer->arg, r, pifi, &pw, &type);
	if (ret)
		return ret;
	if (type)
		return arg_duplicate("type", type);
	nlreq_nest_end(r, peer);
	return 0;
}

static void peer_words(const char *class)
{
	printf("%s peer\n", class);
}

/* one text for both: the %s is the kind */
USAGE(kind_veth,
	"Usage: ip link <options> type %s [peer <options>]\n"
	"To get <options> type 'ip link add help'\n");

#define PEER_KIND(id) \
	const struct link_kind kind_##id = { \
		.name = #id, .parse = peer_parse, .words = peer_words, .usage = "kind_veth", \
	}
PEER_KIND(veth);
PEER_KIND(vxcan);
