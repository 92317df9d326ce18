/* Every link kind ipbox knows, and what link.c and linkinfo.c ask of them:
 * `type KIND ARGS` into a request, `ip link help KIND`, and the -d lines
 * of IFLA_LINKINFO. */
#include "kind.h"

#include <stdio.h>
#include <string.h>

#include "../words.h"

/* iproute2 knows these, takes no words for them (it ignores any) and
 * prints none of their data. */
#define NO_WORDS(id, text) \
	static const struct link_kind kind_##id = { \
		.name = #id, .usage = text, .takes_none = true, \
	}
NO_WORDS(dummy, "Usage: ... %s\n");
NO_WORDS(ifb, "Usage: ... %s\n");
NO_WORDS(netdevsim, "Usage: ... %s\n");
NO_WORDS(nlmon, "Usage: ... %s\n");
NO_WORDS(team, "Usage: ... %s\n");
NO_WORDS(team_slave, "Usage: ... %s\n");
NO_WORDS(vcan, "Usage: ... %s\n");
NO_WORDS(virt_wifi, "Usage: ... %s \n");

static const struct link_kind *const kinds[] = {
	&kind_bridge, &kind_bridge_slave, &kind_vxlan,
	&kind_veth, &kind_vxcan,
	&kind_macvlan, &kind_macvtap,
	&kind_vlan,
	&kind_tun,
	&kind_bond, &kind_bond_slave,
	&kind_vrf, &kind_vrf_slave,
	&kind_ipvlan, &kind_ipvtap,
	&kind_geneve, &kind_bareudp, &kind_xfrm,
	&kind_gre, &kind_gretap, &kind_erspan, &kind_ip6gre, &kind_ip6gretap, &kind_ip6erspan,
	&kind_ipip, &kind_sit, &kind_ip6tnl,
	&kind_dummy, &kind_ifb, &kind_netdevsim, &kind_nlmon, &kind_team, &kind_team_slave,
	&kind_vcan, &kind_virt_wifi,
};

const struct link_kind *kind_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i]->name, name))
			return kinds[i];
	return NULL;
}

bool link_kind_known(const char *name)
{
	return kind_find(name) != NULL;
}

/* iproute2 names the slave data by the type's first '_': "bond_slave". */
static bool slave_type(const char *type)
{
	const char *u = strchr(type, '_');

	return u && !strcmp(u, "_slave");
}

/* IFLA_LINKINFO for `type KIND ARGS`, as iproute2's iplink_modify builds
 * it: the kind as typed, then the kind's data nest when words follow.
 * 0 or an exit status. */
void link_garbage(const char *word)
{
	fprintf(stderr, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", word);
}

int link_kind_request(struct nlreq *r, const struct link_kind_req *kr)
{
	const struct link_kind *k = kind_find(kr->type);
	struct nlattr *li = nlreq_nest_start(r, IFLA_LINKINFO), *data;
	struct kind_parse kp = {
		.k = k, .r = r, .set_op = kr->set_op, .family = kr->family,
		.ifindex = kr->ifindex, .p = kr->p, .peer = kr->peer,
	};
	struct arg_walk w = { kr->argc, kr->argv };
	int ret = 0;

	nlreq_put(r, IFLA_INFO_KIND, strlen(kr->type), kr->type);
	if (kr->argc && !k) {
		link_garbage(kr->argv[0]);
		return EXIT_FAIL;
	}
	if (kr->argc) {
		data = nlreq_nest_start(r, slave_type(kr->type) ? IFLA_INFO_SLAVE_DATA : IFLA_INFO_DATA);
		if (k->parse)
			ret = k->parse(&kp, &w);
		else if (!k->takes_none)
			ret = kind_rows_parse(&kp, &w);
		if (ret)
			return ret;
		nlreq_nest_end(r, data);
	}
	nlreq_nest_end(r, li);
	return 0;
}

/* `ip link help KIND`: the kind's usage on stdout; -1 when it has none
 * (iproute2 then prints the general one). */
int link_kind_help(struct printer *p, const char *type)
{
	const struct link_kind *k = kind_find(type);
	char buf[4096];

	if (!k || !k->usage)
		return -1;
	snprintf(buf, sizeof(buf), k->usage, k->name);
	out_puts(&p->out, buf);
	return EXIT_OK;
}

/* The kind's data lines, if iproute2 prints them for this kind. */
static void print_data(struct kind_print *kp, const char *kind, const char *key,
		       const struct nlattr *data)
{
	const struct link_kind *k = kind_find(kind);
	const struct nlattr *tb[KIND_MAXATTR + 1];
	unsigned int max = k && k->maxattr < KIND_MAXATTR ? k->maxattr : KIND_MAXATTR;

	if (!k || !k->prints)
		return;
	print_open_object(kp->p, key);
	if (data) {
		attr_parse_nested(tb, max, k->policy, data);
		if (k->print)
			k->print(kp, k, tb);
		else
			kind_rows_print(kp, k->opts, tb);
	}
	print_close_object(kp->p);
}

/* -d: the kind and its data, the slave kind and its data (iproute2's
 * print_linktype). */
void link_kind_print(struct printer *p, struct ifcache *names, const struct nlattr *linkinfo)
{
	static const enum mnl_attr_data_type policy[IFLA_INFO_MAX + 1] = {
		[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING,
		[IFLA_INFO_SLAVE_KIND] = MNL_TYPE_NUL_STRING,
		[IFLA_INFO_DATA] = MNL_TYPE_NESTED,
		[IFLA_INFO_SLAVE_DATA] = MNL_TYPE_NESTED,
	};
	const struct nlattr *li[IFLA_INFO_MAX + 1];
	struct kind_print kp = { p, names };
	char slave[64];

	attr_parse_nested(li, IFLA_INFO_MAX, policy, linkinfo);
	print_open_object(p, "linkinfo");
	if (li[IFLA_INFO_KIND]) {
		const char *kind = mnl_attr_get_str(li[IFLA_INFO_KIND]);

		print_nl(p);
		print_string(p, PRINT_ANY, "info_kind", "    %s ", kind);
		print_data(&kp, kind, "info_data", li[IFLA_INFO_DATA]);
	}
	if (li[IFLA_INFO_SLAVE_KIND]) {
		const char *kind = mnl_attr_get_str(li[IFLA_INFO_SLAVE_KIND]);

		print_nl(p);
		print_string(p, PRINT_ANY, "info_slave_kind", "    %s_slave ", kind);
		snprintf(slave, sizeof(slave), "%s_slave", kind);
		print_data(&kp, slave, "info_slave_data", li[IFLA_INFO_SLAVE_DATA]);
	}
	print_close_object(p);
}

/* ipbox --words link: each kind with words ("kind KIND"), then its words
 * ("kind.KIND WORD"): the rows that set, or what its own parser takes. */
void words_link_kinds(void)
{
	char class[64];

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		const struct link_kind *k = kinds[i];
		bool any = k->words != NULL;

		for (const struct kind_opt *o = k->opts; o && o->word && !any; o++)
			any = o->use & SET;
		if (!any)
			continue;
		printf("kind %s\n", k->name);
		snprintf(class, sizeof(class), "kind.%s", k->name);
		if (k->words)
			k->words(class);
		for (const struct kind_opt *o = k->opts; o && o->word; o++)
			if (o->use & SET)
				printf("%s %s\n", class, o->word);
	}
}
