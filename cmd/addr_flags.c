/* The address flags (IFA_F_*) by name: printed by address show, taken
 * as filters by address show/flush and link show (one parser for both,
 * as in iproute2). */
#include <string.h>
#include <linux/if_addr.h>

#include "addr_flags.h"

/* iproute2's ifa_flag_data, in its order (it decides the printed order). */
const struct ifa_flag ifa_flags[N_IFA_FLAGS] = {
	{ "secondary", IFA_F_SECONDARY, true, false },
	{ "temporary", IFA_F_SECONDARY, true, true },
	{ "nodad", IFA_F_NODAD, false, true },
	{ "optimistic", IFA_F_OPTIMISTIC, false, true },
	{ "dadfailed", IFA_F_DADFAILED, true, true },
	{ "home", IFA_F_HOMEADDRESS, false, true },
	{ "deprecated", IFA_F_DEPRECATED, true, true },
	{ "tentative", IFA_F_TENTATIVE, true, true },
	{ "permanent", IFA_F_PERMANENT, true, true },
	{ "mngtmpaddr", IFA_F_MANAGETEMPADDR, false, true },
	{ "noprefixroute", IFA_F_NOPREFIXROUTE, false, false },
	{ "autojoin", IFA_F_MCAUTOJOIN, false, false },
	{ "stable-privacy", IFA_F_STABLE_PRIVACY, true, true },
};

const struct ifa_flag *ifa_flag_find(const char *name)
{
	for (size_t i = 0; i < N_IFA_FLAGS; i++)
		if (!strcmp(name, ifa_flags[i].name))
			return &ifa_flags[i];
	return NULL;
}

/* FLAG-LIST words of show/flush: [-]FLAG, dynamic, primary. */
bool addr_flag_filter(struct link_filter *f, const char *word)
{
	const struct ifa_flag *fl;
	bool inv = false;

	if (*word == '-') {
		inv = true;
		word++;
	}
	if (!strcmp(word, "dynamic")) {
		inv = !inv;
		word = "permanent";
	} else if (!strcmp(word, "primary")) {
		inv = !inv;
		word = "secondary";
	}
	fl = ifa_flag_find(word);
	if (!fl)
		return false;
	if (inv)
		f->flags &= ~fl->mask;
	else
		f->flags |= fl->mask;
	f->flagmask |= fl->mask;
	return true;
}

