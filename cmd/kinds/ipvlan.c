/* ipvlan and ipvtap: `type ipvlan [mode MODE] [FLAG]` and their -d data.
 * The flags go in last, always (none is bridge). */
#include "kind.h"

#include <stdio.h>
#include <string.h>

#include "../../args/wordpool.h"
#include "../words.h"
#include "../usage.h"

static const char *const modes[] = {
	[IPVLAN_MODE_L2] = "l2", [IPVLAN_MODE_L3] = "l3", [IPVLAN_MODE_L3S] = "l3s",
};

static int mode_word(struct kind_parse *kp, struct arg_walk *w)
{
	const char *arg;
	uint16_t m;

	WALK_NEXT(w, arg);
	for (m = 0; m < ARRAY_SIZE(modes) && strcmp(modes[m], arg); m++)
		;
	if (m == ARRAY_SIZE(modes)) {
		fprintf(stderr, "Error: argument of \"mode\" must be either \"l2\", \"l3\" or \"l3s\"\n");
		return EXIT_FAIL;
	}
	nlreq_put_u16(kp->r, IFLA_IPVLAN_MODE, m);
	return 0;
}

/* One flag word only: kp->mask says one came, kp->flags what it set. */
static int flag_word(struct kind_parse *kp, uint32_t flag)
{
	kp->flags |= flag;
	kp->mask = 1;
	return 0;
}

static int private_word(struct kind_parse *kp, struct arg_walk *w)
{
	(void)w;
	return flag_word(kp, IPVLAN_F_PRIVATE);
}

static int vepa_word(struct kind_parse *kp, struct arg_walk *w)
{
	(void)w;
	return flag_word(kp, IPVLAN_F_VEPA);
}

static int bridge_word(struct kind_parse *kp, struct arg_walk *w)
{
	(void)w;
	return flag_word(kp, 0);
}

/* In iproute2's order; a flag word after another is an unknown word. */
static const struct ipvlan_word {
	word_off word;
	bool exact;
	int (*parse)(struct kind_parse *kp, struct arg_walk *w);
	bool flag;
} ipvlan_words[] = {
	{ W("mode"), false, mode_word, false },
	{ W("private"), false, private_word, true },
	{ W("vepa"), false, vepa_word, true },
	{ W("bridge"), false, bridge_word, true },
};

static int ipvlan_parse(struct kind_parse *kp, struct arg_walk *w)
{
	for (; w->argc > 0; w->argc--, w->argv++) {
		size_t i;
		int ret;

		for (i = 0; i < ARRAY_SIZE(ipvlan_words); i++)
			if (keyword_is(*w->argv, WORD(ipvlan_words[i].word),
				       ipvlan_words[i].exact) &&
			    !(ipvlan_words[i].flag && kp->mask))
				break;
		if (i == ARRAY_SIZE(ipvlan_words)) {
			if (!matches(*w->argv, "help"))
				fprintf(stderr, "%s: unknown option \"%s\"?\n", kp->k->name, *w->argv);
			return kind_usage(kp);
		}
		ret = ipvlan_words[i].parse(kp, w);
		if (ret)
			return ret;
	}
	nlreq_put_u16(kp->r, IFLA_IPVLAN_FLAGS, (uint16_t)kp->flags);
	return 0;
}

/* Only attributes of exactly their size are read, as iproute2. */
static void ipvlan_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	const struct nlattr *mode = tb[IFLA_IPVLAN_MODE], *flags = tb[IFLA_IPVLAN_FLAGS];
	struct printer *p = kp->p;

	(void)k;
	if (mode && mnl_attr_get_payload_len(mode) == 2) {
		uint16_t m = mnl_attr_get_u16(mode);

		print_string(p, PRINT_ANY, "mode", " mode %s ",
			     m < ARRAY_SIZE(modes) ? modes[m] : "unknown");
	}
	if (flags && mnl_attr_get_payload_len(flags) == 2) {
		uint16_t f = mnl_attr_get_u16(flags);

		if (f & IPVLAN_F_PRIVATE)
			print_bool(p, PRINT_ANY, "private", "private ", true);
		else if (f & IPVLAN_F_VEPA)
			print_bool(p, PRINT_ANY, "vepa", "vepa ", true);
		else
			print_bool(p, PRINT_ANY, "bridge", "bridge ", true);
	}
}

#define IPVLAN_USAGE \
	"Usage: ... %s [ mode MODE ] [ FLAGS ]\n" \
	"\n" \
	"MODE: l3 | l3s | l2\n" \
	"FLAGS: bridge | private | vepa\n" \
	"(first values are the defaults if nothing is specified).\n"

USAGE(kind_ipvlan, IPVLAN_USAGE);

WORDS_POOLED_LISTER(ipvlan_list, ipvlan_words)

const struct link_kind kind_ipvlan = {
	.name = "ipvlan", .maxattr = IFLA_IPVLAN_MAX, .usage = "kind_ipvlan", .prints = true,
	.parse = ipvlan_parse, .print = ipvlan_print, .words = ipvlan_list,
};

const struct link_kind kind_ipvtap = {
	.name = "ipvtap", .maxattr = IFLA_IPVLAN_MAX, .usage = "kind_ipvlan", .prints = true,
	.parse = ipvlan_parse, .print = ipvlan_print, .words = ipvlan_list,
};
