/* macvlan and macvtap: `type macvlan ARGS` and their -d data.  The
 * words are iproute2's macvlan_parse_opt's, tried in its order (`m` is
 * mode, `ma` macaddr, `n` nopromisc); mode and flags go in last. */
#include "kind.h"

#include <stdio.h>
#include <string.h>

#include "../../args/inet.h"
#include "../../args/wordpool.h"
#include "../../netlink/lladdr.h"
#include "../words.h"
#include "../usage.h"

#define ETH_ALEN 6

static const char *const modes[] = { "private", "vepa", "bridge", "passthru", "source", NULL };

static int mode_word(struct kind_parse *kp, struct arg_walk *w)
{
	const char *arg;
	int i;

	WALK_NEXT(w, arg);
	for (i = 0; modes[i] && strcmp(modes[i], arg); i++)
		;
	if (!modes[i]) {
		fprintf(stderr, "Error: argument of \"mode\" must be \"private\", \"vepa\", "
			"\"bridge\", \"passthru\" or \"source\", not \"%s\"\n", arg);
		return EXIT_FAIL;
	}
	kp->val[IFLA_MACVLAN_MODE] = 1u << i;
	return 0;
}

/* kp->flags collects the flag bits; kp->mask says some flag word came */
static int flag_word(struct kind_parse *kp, struct arg_walk *w)
{
	const char *arg;

	WALK_NEXT(w, arg);
	if (!strcmp(arg, "nopromisc"))
		kp->flags |= MACVLAN_FLAG_NOPROMISC;
	else if (!strcmp(arg, "nodst"))
		kp->flags |= MACVLAN_FLAG_NODST;
	else if (strcmp(arg, "null") != 0) {
		fprintf(stderr, "Error: argument of \"flag\" must be \"nopromisc\", \"nodst\" "
			"or \"null\", not \"%s\"\n", arg);
		return EXIT_FAIL;
	}
	kp->mask = 1;
	return 0;
}

static int nopromisc_word(struct kind_parse *kp, struct arg_walk *w)
{
	(void)w;
	kp->flags |= MACVLAN_FLAG_NOPROMISC;
	kp->mask = 1;
	return 0;
}

static int nodst_word(struct kind_parse *kp, struct arg_walk *w)
{
	(void)w;
	kp->flags |= MACVLAN_FLAG_NODST;
	kp->mask = 1;
	return 0;
}

static int bcqueuelen_word(struct kind_parse *kp, struct arg_walk *w)
{
	const char *arg;
	uint32_t v;

	WALK_NEXT(w, arg);
	if (arg_u32(arg, &v, 0) < 0) {
		fprintf(stderr, "Error: argument of \"bcqueuelen\" must be a positive integer "
			"[0-4294967295], not \"%s\"\n", arg);
		return EXIT_FAIL;
	}
	nlreq_put_u32(kp->r, IFLA_MACVLAN_BC_QUEUE_LEN, v);
	return 0;
}

/* One MAC address, or -1 (iproute2 reads up to 7 bytes into 6 and
 * wants exactly 6; a bad byte prints its error). */
static int mac(const char *word, uint8_t *out)
{
	uint8_t buf[ETH_ALEN + 1];

	if (lladdr_pton(word, buf, sizeof(buf)) != ETH_ALEN)
		return -1;
	memcpy(out, buf, ETH_ALEN);
	return 0;
}

/* macaddr set [MAC...]: as many words as read as addresses; the first
 * that does not is the next option (after its error, as iproute2). */
static void macaddr_set(struct kind_parse *kp, struct arg_walk *w)
{
	struct nlattr *data = nlreq_nest_start(kp->r, IFLA_MACVLAN_MACADDR_DATA);
	uint8_t m[ETH_ALEN];

	while (w->argc > 1 && mac(w->argv[1], m) == 0) {
		walk_next(w);
		nlreq_put(kp->r, IFLA_MACVLAN_MACADDR, ETH_ALEN, m);
	}
	nlreq_nest_end(kp->r, data);
}

static int macaddr_word(struct kind_parse *kp, struct arg_walk *w)
{
	static const char *const ops[] = {
		[MACVLAN_MACADDR_ADD] = "add", [MACVLAN_MACADDR_DEL] = "del",
		[MACVLAN_MACADDR_FLUSH] = "flush", [MACVLAN_MACADDR_SET] = "set",
	};
	const char *arg;
	uint8_t m[ETH_ALEN];
	uint32_t op;

	WALK_NEXT(w, arg);
	for (op = 0; op < ARRAY_SIZE(ops) && strcmp(ops[op], arg); op++)
		;
	if (op == ARRAY_SIZE(ops))
		return kind_usage(kp);
	nlreq_put_u32(kp->r, IFLA_MACVLAN_MACADDR_MODE, op);
	if (op == MACVLAN_MACADDR_SET) {
		macaddr_set(kp, w);
	} else if (op != MACVLAN_MACADDR_FLUSH) {
		WALK_NEXT(w, arg);
		if (mac(arg, m) < 0)
			return EXIT_FAIL;
		nlreq_put(kp->r, IFLA_MACVLAN_MACADDR, ETH_ALEN, m);
	}
	return 0;
}

/* In iproute2's order: every prefix names the first word it begins. */
static const struct macvlan_word {
	word_off word;
	bool exact;
	int (*parse)(struct kind_parse *kp, struct arg_walk *w);
} macvlan_words[] = {
	{ W("mode"), false, mode_word },
	{ W("flag"), false, flag_word },
	{ W("macaddr"), false, macaddr_word },
	{ W("nopromisc"), false, nopromisc_word },
	{ W("nodst"), false, nodst_word },
	{ W("bcqueuelen"), false, bcqueuelen_word },
};

static int macvlan_finish(struct kind_parse *kp)
{
	uint32_t mode = (uint32_t)kp->val[IFLA_MACVLAN_MODE];

	if (mode)
		nlreq_put_u32(kp->r, IFLA_MACVLAN_MODE, mode);
	if (!kp->mask)
		return 0;
	if ((kp->flags & MACVLAN_FLAG_NOPROMISC) && mode != MACVLAN_MODE_PASSTHRU) {
		fprintf(stderr, "%s: nopromisc flag only valid in passthru mode\n", kp->k->name);
		return kind_usage(kp);
	}
	nlreq_put_u16(kp->r, IFLA_MACVLAN_FLAGS, (uint16_t)kp->flags);
	return 0;
}

static int macvlan_parse(struct kind_parse *kp, struct arg_walk *w)
{
	for (; w->argc > 0; w->argc--, w->argv++) {
		const struct macvlan_word *mw = KEYWORD_FIND(macvlan_words, *w->argv);
		int ret;

		if (!mw) {
			if (!matches(*w->argv, "help"))
				fprintf(stderr, "%s: unknown option \"%s\"?\n", kp->k->name, *w->argv);
			return kind_usage(kp);
		}
		ret = mw->parse(kp, w);
		if (ret)
			return ret;
	}
	return macvlan_finish(kp);
}

static void print_remotes(struct printer *p, const struct nlattr **tb)
{
	const struct nlattr *a;
	char buf[32];

	if (!tb[IFLA_MACVLAN_MACADDR_COUNT] ||
	    mnl_attr_get_payload_len(tb[IFLA_MACVLAN_MACADDR_COUNT]) < 4)
		return;
	print_int(p, PRINT_ANY, "macaddr_count", "remotes (%d) ",
		  (int)mnl_attr_get_u32(tb[IFLA_MACVLAN_MACADDR_COUNT]));
	if (!tb[IFLA_MACVLAN_MACADDR_DATA])
		return;
	print_open_array(p, PRINT_JSON, "macaddr_data", NULL);
	mnl_attr_for_each_nested(a, tb[IFLA_MACVLAN_MACADDR_DATA]) {
		const uint8_t *m = mnl_attr_get_payload(a);

		if (mnl_attr_get_type(a) != IFLA_MACVLAN_MACADDR ||
		    mnl_attr_get_payload_len(a) < ETH_ALEN)
			continue;
		snprintf(buf, sizeof(buf), "%.2x:%.2x:%.2x:%.2x:%.2x:%.2x",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
		print_string(p, PRINT_JSON, NULL, NULL, buf);
		print_text(p, "%s ", buf);
	}
	print_close_array(p, PRINT_JSON, NULL);
}

static void macvlan_print(struct kind_print *kp, const struct link_kind *k, const struct nlattr **tb)
{
	struct printer *p = kp->p;
	const char *name = "unknown";
	uint32_t mode;
	uint16_t flags = 0;

	(void)k;
	if (!tb[IFLA_MACVLAN_MODE] || mnl_attr_get_payload_len(tb[IFLA_MACVLAN_MODE]) < 4)
		return;
	mode = mnl_attr_get_u32(tb[IFLA_MACVLAN_MODE]);
	for (unsigned int i = 0; modes[i]; i++)
		if (mode == 1u << i)
			name = modes[i];
	print_string(p, PRINT_ANY, "mode", "mode %s ", name);
	if (tb[IFLA_MACVLAN_FLAGS] && mnl_attr_get_payload_len(tb[IFLA_MACVLAN_FLAGS]) >= 2)
		flags = mnl_attr_get_u16(tb[IFLA_MACVLAN_FLAGS]);
	if (flags & MACVLAN_FLAG_NOPROMISC)
		print_bool(p, PRINT_ANY, "nopromisc", "nopromisc ", true);
	if (flags & MACVLAN_FLAG_NODST)
		print_bool(p, PRINT_ANY, "nodst", "nodst ", true);
	if (tb[IFLA_MACVLAN_BC_QUEUE_LEN] && mnl_attr_get_payload_len(tb[IFLA_MACVLAN_BC_QUEUE_LEN]) >= 4)
		print_uint(p, PRINT_ANY, "bcqueuelen", "bcqueuelen %u ",
			   mnl_attr_get_u32(tb[IFLA_MACVLAN_BC_QUEUE_LEN]));
	if (tb[IFLA_MACVLAN_BC_QUEUE_LEN_USED] &&
	    mnl_attr_get_payload_len(tb[IFLA_MACVLAN_BC_QUEUE_LEN_USED]) >= 4)
		print_uint(p, PRINT_ANY, "usedbcqueuelen", "usedbcqueuelen %u ",
			   mnl_attr_get_u32(tb[IFLA_MACVLAN_BC_QUEUE_LEN_USED]));
	if (mode == MACVLAN_MODE_SOURCE)
		print_remotes(p, tb);
}

#define MACVLAN_USAGE \
	"Usage: ... %s mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n" \
	"\n" \
	"MODE: private | vepa | bridge | passthru | source\n" \
	"MODE_FLAG: null | nopromisc | nodst\n" \
	"MODE_OPTS: for mode \"source\":\n" \
	"\tmacaddr { { add | del } <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }\n" \
	"BC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n"

USAGE(kind_macvlan, MACVLAN_USAGE);

WORDS_POOLED_LISTER(macvlan_list, macvlan_words)

const struct link_kind kind_macvlan = {
	.name = "macvlan", .maxattr = IFLA_MACVLAN_MAX, .usage = "kind_macvlan",
	.prints = true, .parse = macvlan_parse, .print = macvlan_print, .words = macvlan_list,
};

const struct link_kind kind_macvtap = {
	.name = "macvtap", .maxattr = IFLA_MACVLAN_MAX, .usage = "kind_macvlan",
	.prints = true, .parse = macvlan_parse, .print = macvlan_print, .words = macvlan_list,
};
