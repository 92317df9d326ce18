/* What undoes one change, by message type: the link's in undo_link.c,
 * the others' in undo.c.  Above both, so neither calls the other back. */
#include <linux/rtnetlink.h>
#include "undo.h"

int undo_change(struct undo *u, const struct nlmsghdr *req)
{
	u->why[0] = '\0';
	switch (req->nlmsg_type) {
	case RTM_NEWLINK:
		if (req->nlmsg_flags & NLM_F_CREATE)
			return undo_link_create(u, req);
		return undo_link_set(u, req);
	case RTM_SETLINK:
		return undo_link_set(u, req);
	case RTM_DELLINK:
		return undo_link_delete(u, req);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return undo_addr(u, req);
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return undo_route(u, req);
	case RTM_NEWNEIGH:
	case RTM_DELNEIGH:
		return undo_neigh(u, req);
	case RTM_NEWRULE:
	case RTM_DELRULE:
		return undo_rule(u, req);
	case RTM_NEWNEXTHOP:
	case RTM_DELNEXTHOP:
		return undo_nh(u, req);
	case RTM_NEWLINKPROP:
	case RTM_DELLINKPROP:
		return undo_prop(u, req);
	case RTM_NEWNSID:
		return undo_refuse(u, "a namespace id cannot be taken back");
	}
	return undo_refuse(u, "this kind of change cannot be undone");
}
