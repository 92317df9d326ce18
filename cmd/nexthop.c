/* ip nexthop: nexthop objects and groups (add, replace, delete, show,
 * get, flush, bucket), with iproute2 6.1's words, output and errors. */
#include "nexthop.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

#include "lwt.h"
#include "../args/inet.h"
#include "../args/walk.h"
#include "../args/wordpool.h"
#include "../caps/caps.h"
#include "../names/names.h"
#include "../netlink/attr.h"
#include "usage.h"
#include "words.h"

USAGE(nexthop,
	"Usage: ip nexthop { list | flush } [ protocol ID ] SELECTOR\n"
	"       ip nexthop { add | replace } id ID NH [ protocol ID ]\n"
	"       ip nexthop { get | del } id ID\n"
	"       ip nexthop bucket list BUCKET_SELECTOR\n"
	"       ip nexthop bucket get id ID index INDEX\n"
	"SELECTOR := [ id ID ] [ dev DEV ] [ vrf NAME ] [ master DEV ]\n"
	"            [ groups ] [ fdb ]\n"
	"BUCKET_SELECTOR := SELECTOR | [ nhid ID ]\n"
	"NH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ]\n"
	"        [ encap ENCAPTYPE ENCAPHDR ] |\n"
	"        group GROUP [ fdb ] [ type TYPE [ TYPE_ARGS ] ] }\n"
	"GROUP := [ <id[,weight]>/<id[,weight]>/... ]\n"
	"TYPE := { mpath | resilient }\n"
	"TYPE_ARGS := [ RESILIENT_ARGS ]\n"
	"RESILIENT_ARGS := [ buckets BUCKETS ] [ idle_timer IDLE ]\n"
	"                  [ unbalanced_timer UNBALANCED ]\n"
	"ENCAPTYPE := [ mpls ]\n"
	"ENCAPHDR := [ MPLSLABEL ]\n");

static int nexthop_usage(void)
{
	return usage_print("nexthop");
}

/* A nexthop id as get_unsigned reads it. */
static int parse_id(const char *v, uint32_t *id)
{
	return arg_u32(v, id, 0) < 0 ? arg_invalid("invalid id value", v) : 0;
}

/* A device that must exist (ll_name_to_index). */
static int parse_dev(const char *v, uint32_t *index)
{
	*index = (uint32_t)ifname_to_index(v);
	return *index ? 0 : arg_invalid("Device does not exist\n", v);
}

/* ---- add, replace, delete -------------------------------------------- */

struct nh_mod {
	struct nlreq req;
	struct nhmsg *nhm;
	uint32_t flags;		/* RTNH_F_*, set last */
};

static int mod_id(struct nh_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t id;
	int ret;

	WALK_NEXT(c, v);
	ret = parse_id(v, &id);
	if (!ret)
		nlreq_put_u32(&m->req, NHA_ID, id);
	return ret;
}

/* A device, or a blackhole, makes an unspecified family IPv4. */
static void default_family(struct nh_mod *m)
{
	if (m->nhm->nh_family == AF_UNSPEC)
		m->nhm->nh_family = AF_INET;
}

static int mod_dev(struct nh_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t index;
	int ret;

	WALK_NEXT(c, v);
	ret = parse_dev(v, &index);
	if (ret)
		return ret;
	nlreq_put_u32(&m->req, NHA_OIF, index);
	default_family(m);
	return 0;
}

/* via [inet|inet6] ADDRESS: the address decides an unspecified family. */
static int mod_via(struct nh_mod *m, struct arg_walk *c)
{
	struct inet_prefix addr;
	const char *v;
	int family, ret;

	WALK_NEXT(c, v);
	family = !strcmp(v, "inet") ? AF_INET : !strcmp(v, "inet6") ? AF_INET6 : AF_UNSPEC;
	if (family == AF_UNSPEC)
		family = m->nhm->nh_family;
	else
		WALK_NEXT(c, v);
	ret = inet_get_addr(&addr, v, family);
	if (ret)
		return ret;
	if (m->nhm->nh_family == AF_UNSPEC)
		m->nhm->nh_family = (uint8_t)addr.family;
	else if (m->nhm->nh_family != addr.family)
		return arg_invalid("address family mismatch\n", v);
	nlreq_put(&m->req, NHA_GATEWAY, (size_t)addr.bytelen, addr.data);
	return 0;
}

static int mod_encap(struct nh_mod *m, struct arg_walk *c)
{
	return lwt_parse(&m->req, c, NHA_ENCAP, NHA_ENCAP_TYPE);
}

static int mod_blackhole(struct nh_mod *m, struct arg_walk *c)
{
	(void)c;
	nlreq_put(&m->req, NHA_BLACKHOLE, 0, NULL);
	default_family(m);
	return 0;
}

static int mod_fdb(struct nh_mod *m, struct arg_walk *c)
{
	(void)c;
	nlreq_put(&m->req, NHA_FDB, 0, NULL);
	return 0;
}

static int mod_onlink(struct nh_mod *m, struct arg_walk *c)
{
	(void)c;
	m->flags |= RTNH_F_ONLINK;
	return 0;
}

/* One "ID[,WEIGHT]" of a group; WEIGHT is 1-256.  -1: not an id. */
static int nh_group_member(char *s, struct nexthop_grp *g)
{
	char *comma = strchr(s, ',');
	uint32_t weight;

	if (comma)
		*comma = '\0';
	memset(g, 0, sizeof(*g));
	if (arg_u32(s, &g->id, 0) < 0)
		return -1;
	if (comma && (arg_u32(comma + 1, &weight, 0) < 0 || weight == 0 || weight > 256))
		return arg_invalid("\"weight\" is invalid\n", comma + 1);
	if (comma)
		g->weight = (uint8_t)(weight - 1);
	return 0;
}

/* group ID[,WEIGHT]/ID[,WEIGHT]/...  iproute2 cuts the word at each '/'
 * and ',' as it reads, so a bad id is reported as the first member's id. */
static int mod_group(struct nh_mod *m, struct arg_walk *c)
{
	struct nexthop_grp *grps;
	const char *v;
	char *word, *s;
	size_t n = 0, count;
	int ret = 0;

	WALK_NEXT(c, v);
	count = *v ? 1 : 0;
	for (const char *p = strchr(v, '/'); p; p = strchr(p + 1, '/'))
		count++;
	word = strdup(v);
	grps = calloc(count ? count : 1, sizeof(*grps));
	if (!word || !grps) {
		free(word);
		free(grps);
		return EXIT_FAIL;
	}
	for (s = word; count && n < count && !ret; n++) {
		char *slash = strchr(s, '/');

		if (slash)
			*slash = '\0';
		ret = nh_group_member(s, &grps[n]);
		s = slash ? slash + 1 : s;
	}
	if (ret == -1 || !count)
		ret = arg_invalid("\"group\" value is invalid\n", word);
	if (!ret)
		nlreq_put(&m->req, NHA_GROUP, count * sizeof(*grps), grps);
	free(word);
	free(grps);
	return ret;
}

/* buckets N, idle_timer S, unbalanced_timer S (seconds, kept in 1/100). */
static int res_arg(struct nh_mod *m, struct arg_walk *c)
{
	const char *w = walk_next(c), *v;
	bool timer = strcmp(w, "buckets") != 0;
	uint32_t n;

	WALK_NEXT(c, v);
	if (!timer) {
		if (arg_u32(v, &n, 0) < 0 || n > 0xffff)
			return arg_invalid("invalid buckets value", v);
		nlreq_put_u16(&m->req, NHA_RES_GROUP_BUCKETS, (uint16_t)n);
		return 0;
	}
	if (arg_u32(v, &n, 0) < 0 || n >= UINT32_MAX / 100)
		return arg_invalid(!strcmp(w, "idle_timer") ? "invalid idle timer value"
							   : "invalid unbalanced timer value", v);
	nlreq_put_u32(&m->req, !strcmp(w, "idle_timer") ? NHA_RES_GROUP_IDLE_TIMER
							 : NHA_RES_GROUP_UNBALANCED_TIMER, n * 100);
	return 0;
}

static bool is_res_word(const char *w)
{
	return !strcmp(w, "buckets") || !strcmp(w, "idle_timer") || !strcmp(w, "unbalanced_timer");
}

/* type mpath | resilient [RESILIENT_ARGS]: a resilient group's words go
 * in a nest, there as soon as any word follows "resilient". */
static int mod_type(struct nh_mod *m, struct arg_walk *c)
{
	struct nlattr *nest;
	const char *v;
	uint16_t type;
	int ret = 0;

	WALK_NEXT(c, v);
	if (!strcmp(v, "mpath"))
		type = NEXTHOP_GRP_TYPE_MPATH;
	else if (!strcmp(v, "resilient"))
		type = NEXTHOP_GRP_TYPE_RES;
	else
		return arg_invalid("\"type\" value is invalid\n", v);
	if (type == NEXTHOP_GRP_TYPE_RES && c->argc > 1) {
		nest = nlreq_nest_start(&m->req, NHA_RES_GROUP);
		while (!ret && c->argc > 1 && is_res_word(c->argv[1]))
			ret = res_arg(m, c);
		nlreq_nest_end(&m->req, nest);
	}
	if (!ret)
		nlreq_put_u16(&m->req, NHA_GROUP_TYPE, type);
	return ret;
}

static int mod_proto(struct nh_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t proto;

	WALK_NEXT(c, v);
	if (names_to_id(&names_protos, v, &proto) < 0 || proto > 255)
		return arg_invalid("\"protocol\" value is invalid\n", v);
	m->nhm->nh_protocol = (uint8_t)proto;
	return 0;
}

static int mod_help(struct nh_mod *m, struct arg_walk *c)
{
	(void)m, (void)c;
	return nexthop_usage();
}

/* Nexthop words in iproute2's order; `exact` rows must match whole. */
static const struct mod_word {
	word_off word;
	bool exact;
	int (*fn)(struct nh_mod *m, struct arg_walk *c);
} mod_words[] = {
	{ W("id"), true, mod_id }, { W("dev"), true, mod_dev }, { W("via"), true, mod_via },
	{ W("encap"), true, mod_encap }, { W("blackhole"), true, mod_blackhole },
	{ W("fdb"), true, mod_fdb }, { W("onlink"), true, mod_onlink },
	{ W("group"), true, mod_group }, { W("type"), true, mod_type },
	{ W("protocol"), false, mod_proto }, { W("help"), true, mod_help },
};

static int mod_word(struct nh_mod *m, struct arg_walk *c)
{
	const struct mod_word *w = KEYWORD_FIND(mod_words, *c->argv);

	return w ? w->fn(m, c) : arg_invalid("", *c->argv);
}

static int nexthop_modify(struct ipbox *ib, int argc, char **argv, uint16_t cmd, uint16_t flags)
{
	struct nh_mod *m = nlreq_holder_new(sizeof(*m), offsetof(struct nh_mod, req));
	struct arg_walk c = { argc, argv };
	int ret = 0;

	if (!m)
		return EXIT_FAIL;
	m->nhm = nlreq_init(&m->req, cmd, flags, sizeof(*m->nhm));
	m->nhm->nh_family = (uint8_t)ib->family;
	for (; !ret && c.argc > 0; c.argc--, c.argv++)
		ret = mod_word(m, &c);
	if (!ret) {
		m->nhm->nh_flags = m->flags;
		ret = rt_talk(ib, &m->req);
	}
	nlreq_holder_free(m);
	return ret;
}

static int nexthop_add(struct ipbox *ib, int argc, char **argv)
{
	return nexthop_modify(ib, argc, argv, RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_EXCL);
}

static int nexthop_replace(struct ipbox *ib, int argc, char **argv)
{
	return nexthop_modify(ib, argc, argv, RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_REPLACE);
}

static int nexthop_del(struct ipbox *ib, int argc, char **argv)
{
	return nexthop_modify(ib, argc, argv, RTM_DELNEXTHOP, 0);
}

/* ---- the selectors of show, flush and bucket list ---------------------- */

struct nh_filter {
	uint32_t ifindex, master, proto, id, nhid;
	bool groups, fdb, by_id;	/* by_id: `id N` ended the words */
};

static int filter_dev(struct nh_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return parse_dev(v, &f->ifindex);
}

static int filter_groups(struct nh_filter *f, struct arg_walk *c)
{
	(void)c;
	f->groups = true;
	return 0;
}

static int filter_master(struct nh_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return parse_dev(v, &f->master);
}

static int filter_vrf(struct nh_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (!ifname_is_kind(v, "vrf"))
		return arg_invalid("Invalid VRF\n", v);
	f->master = (uint32_t)ifname_to_index(v);
	return f->master ? 0 : arg_invalid("VRF does not exist\n", v);
}

/* iproute2 goes straight to that one nexthop, the words after unread. */
static int filter_id(struct nh_filter *f, struct arg_walk *c)
{
	const char *v;
	int ret;

	WALK_NEXT(c, v);
	ret = parse_id(v, &f->id);
	f->by_id = !ret;
	return ret;
}

/* bucket list: the buckets of group ID */
static int filter_group_id(struct nh_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return parse_id(v, &f->id);
}

static int filter_nhid(struct nh_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return parse_id(v, &f->nhid);
}

static int filter_proto(struct nh_filter *f, struct arg_walk *c)
{
	return walk_u32(c, &f->proto, UINT32_MAX, "invalid protocol value");
}

static int filter_fdb(struct nh_filter *f, struct arg_walk *c)
{
	(void)c;
	f->fdb = true;
	return 0;
}

static int filter_help(struct nh_filter *f, struct arg_walk *c)
{
	(void)f, (void)c;
	return nexthop_usage();
}

struct filter_word {
	word_off word;
	bool exact;
	int (*fn)(struct nh_filter *f, struct arg_walk *c);	/* NULL: the end */
};

/* show and flush, in iproute2's order */
static const struct filter_word filter_words[] = {
	{ W("dev"), false, filter_dev }, { W("groups"), false, filter_groups },
	{ W("master"), false, filter_master }, { W("vrf"), false, filter_vrf },
	{ W("id"), true, filter_id }, { W("protocol"), false, filter_proto },
	{ W("fdb"), false, filter_fdb }, { W("help"), false, filter_help },
	{ 0, false, NULL },
};

/* bucket list */
static const struct filter_word bucket_words[] = {
	{ W("dev"), false, filter_dev }, { W("master"), false, filter_master },
	{ W("vrf"), false, filter_vrf }, { W("id"), true, filter_group_id },
	{ W("nhid"), true, filter_nhid }, { W("help"), false, filter_help },
	{ 0, false, NULL },
};

static int parse_filter(const struct filter_word *words, struct nh_filter *f, int argc, char **argv)
{
	struct arg_walk c = { argc, argv };

	for (; c.argc > 0 && !f->by_id; c.argc--, c.argv++) {
		const struct filter_word *w = words;
		int ret;

		while (w->fn && !keyword_is(*c.argv, WORD(w->word), w->exact))
			w++;
		ret = w->fn ? w->fn(f, &c) : arg_invalid("", *c.argv);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- show, get, flush ----------------------------------------------------- */

struct nh_show {
	struct ipbox *ib;
	struct nh_filter f;
	struct ifcache ifc;
	struct nl *del;		/* flush: deletes go on this socket */
	int flushed;
	bool bad;		/* a message could not be printed (said so) */
};

static const struct nhmsg *nhmsg_of(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_len < NLMSG_SPACE(sizeof(struct nhmsg)) ? NULL : mnl_nlmsg_get_payload(nlh);
}

/* The protocol filter is ours; a message iproute2 cannot read stops
 * the dump after its complaint. */
static int show_one(const struct nlmsghdr *nlh, void *data)
{
	struct nh_show *s = data;
	const struct nhmsg *nhm = nhmsg_of(nlh);

	if ((nlh->nlmsg_type == RTM_NEWNEXTHOP || nlh->nlmsg_type == RTM_DELNEXTHOP) && nhm &&
	    s->f.proto && s->f.proto != nhm->nh_protocol)
		return NL_CB_OK;
	if (nexthop_print(s->ib, &s->ifc, nlh) == 0)
		return NL_CB_OK;
	s->bad = true;
	return NL_CB_ERROR;
}

/* The dump request with the selectors the kernel applies itself. */
static void dump_request(struct nlreq *req, uint16_t type, const struct ipbox *ib,
			 const struct nh_filter *f)
{
	struct nhmsg *nhm = nlreq_init(req, type, 0, sizeof(*nhm));

	nhm->nh_family = (uint8_t)ib->family;
	if (f->ifindex)
		nlreq_put_u32(req, NHA_OIF, f->ifindex);
	if (f->groups)
		nlreq_put(req, NHA_GROUPS, 0, NULL);
	if (f->master)
		nlreq_put_u32(req, NHA_MASTER, f->master);
	if (f->fdb)
		nlreq_put(req, NHA_FDB, 0, NULL);
}

static struct nh_show *nh_show_new(struct ipbox *ib)
{
	struct nh_show *s = calloc(1, sizeof(*s));

	if (!s)
		perror("calloc");
	else
		s->ib = ib;
	return s;
}

static void nh_show_free(struct nh_show *s)
{
	ifcache_close(&s->ifc);
	nl_free(s->del);
	free(s);
}

/* One answer: the whole document, as iproute2 opens it only then. */
static int get_answer(const struct nlmsghdr *nlh, void *data)
{
	struct nh_show *s = data;
	int ret;

	print_doc_begin(s->ib->pr);
	ret = show_one(nlh, s);
	print_doc_end(s->ib->pr);
	return ret == NL_CB_ERROR ? NL_CB_ERROR : NL_CB_STOP;
}

/* A failed dump or request: the kernel's error unless it was a message
 * we could not print (said so already). */
static int nh_failed(struct nh_show *s, struct nl *nl, const char *what)
{
	if (!s->bad && what)
		nl_dump_perror(nl);
	else if (!s->bad)
		nl_perror(nl);
	if (what)
		fprintf(stderr, "%s\n", what);
	return s->bad && !what ? EXIT_FAIL : EXIT_KERNEL;
}

/* Ask for one nexthop or bucket and print the answer. */
static int get_one(struct ipbox *ib, struct nlreq *req, nl_cb answer, struct nh_show *s)
{
	struct nl *nl = rt_socket(ib);

	if (!nl)
		return EXIT_FAIL;
	return nl_talk(nl, req, answer, s) < 0 ? nh_failed(s, nl, NULL) : EXIT_OK;
}

/* Dump and print.  The document closes even when the dump fails midway:
 * iproute2 leaves its JSON open there, ours stays valid. */
static int dump_all(struct ipbox *ib, struct nlreq *req, nl_cb cb, struct nh_show *s)
{
	struct nl *nl = rt_socket(ib);
	int ret;

	if (!nl)
		return EXIT_FAIL;
	print_doc_begin(ib->pr);
	ret = nl_dump(nl, req, cb, s);
	print_doc_end(ib->pr);
	return ret < 0 ? nh_failed(s, nl, "Dump terminated") : EXIT_OK;
}

static int nexthop_get_id(struct ipbox *ib, struct nh_show *s)
{
	struct nlreq req;
	struct nhmsg *nhm = nlreq_init(&req, RTM_GETNEXTHOP, 0, sizeof(*nhm));

	nhm->nh_family = (uint8_t)ib->family;
	nlreq_put_u32(&req, NHA_ID, s->f.id);
	return get_one(ib, &req, get_answer, s);
}

static int nexthop_list(struct ipbox *ib, int argc, char **argv)
{
	struct nh_show *s = nh_show_new(ib);
	struct nlreq req;
	int ret;

	if (!s)
		return EXIT_FAIL;
	ret = parse_filter(filter_words, &s->f, argc, argv);
	if (!ret && s->f.by_id) {
		ret = nexthop_get_id(ib, s);
	} else if (!ret) {
		dump_request(&req, RTM_GETNEXTHOP, ib, &s->f);
		ret = dump_all(ib, &req, show_one, s);
	}
	nh_show_free(s);
	return ret;
}

static int nexthop_get(struct ipbox *ib, int argc, char **argv)
{
	struct nh_show *s;
	struct arg_walk c = { argc, argv };
	const char *v;
	uint32_t id = 0;
	int ret;

	for (; c.argc > 0; c.argc--, c.argv++) {
		if (strcmp(*c.argv, "id"))
			return nexthop_usage();
		WALK_NEXT(&c, v);
		ret = parse_id(v, &id);
		if (ret)
			return ret;
	}
	if (!id)
		return nexthop_usage();
	s = nh_show_new(ib);
	if (!s)
		return EXIT_FAIL;
	s->f.id = id;
	ret = nexthop_get_id(ib, s);
	nh_show_free(s);
	return ret;
}

/* Delete one nexthop; iproute2 reports a failure and goes on. */
static bool delete_id(struct nl *nl, uint32_t id)
{
	struct nlreq req;
	struct nhmsg *nhm = nlreq_init(&req, RTM_DELNEXTHOP, 0, sizeof(*nhm));

	nhm->nh_family = AF_UNSPEC;
	nlreq_put_u32(&req, NHA_ID, id);
	if (nl_talk(nl, &req, NULL, NULL) == 0)
		return true;
	nl_perror(nl);
	return false;
}

static int flush_one(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[NHA_MAX + 1] = { [NHA_ID] = MNL_TYPE_U32 };
	const struct nlattr *tb[NHA_MAX + 1];
	const struct nhmsg *nhm = nhmsg_of(nlh);
	struct nh_show *s = data;

	if (!nhm) {
		fprintf(stderr, "BUG: wrong nlmsg len %d\n",
			(int)nlh->nlmsg_len - (int)NLMSG_SPACE(sizeof(struct nhmsg)));
		return NL_CB_ERROR;
	}
	if (s->f.proto && nhm->nh_protocol != s->f.proto)
		return NL_CB_OK;
	attr_parse(tb, NHA_MAX, policy, nlh, sizeof(*nhm));
	if (tb[NHA_ID] && mnl_attr_get_u32(tb[NHA_ID]) && delete_id(s->del, mnl_attr_get_u32(tb[NHA_ID])))
		s->flushed++;
	return NL_CB_OK;
}

/* Everything: the groups first, so no member is deleted under its group. */
static int flush_rounds(struct ipbox *ib, struct nh_show *s, bool all)
{
	struct nl *nl = rt_socket(ib);
	struct nlreq req;
	int ret = EXIT_KERNEL;

	if (all)
		s->f.groups = true;
	while (nl) {
		dump_request(&req, RTM_GETNEXTHOP, ib, &s->f);
		if (nl_dump(nl, &req, flush_one, s) < 0) {
			fprintf(stderr, "Dump terminated. Failed to flush nexthops\n");
			break;
		}
		if (all && s->f.groups) {
			s->f.groups = false;
			continue;
		}
		ret = EXIT_OK;
		break;
	}
	if (!s->flushed)
		out_printf(&ib->pr->out, "Nothing to flush\n");
	else
		out_printf(&ib->pr->out, "Flushed %d nexthops\n", s->flushed);
	return ret;
}

static int nexthop_flush(struct ipbox *ib, int argc, char **argv)
{
	struct nh_show *s = nh_show_new(ib);
	int ret;

	if (!s)
		return EXIT_FAIL;
	ret = parse_filter(filter_words, &s->f, argc, argv);
	if (!ret && caps_require(CAP_NET_ADMIN, "nexthop flush") < 0)
		ret = EXIT_FAIL;
	if (!ret && !(s->del = nl_new(NETLINK_ROUTE))) {
		fprintf(stderr, "Cannot open rtnetlink\n");
		ret = EXIT_USAGE;
	}
	if (!ret && s->f.by_id)
		ret = delete_id(s->del, s->f.id) ? EXIT_OK : EXIT_FAIL;
	else if (!ret)
		ret = flush_rounds(ib, s, argc == 0);
	nh_show_free(s);
	return ret;
}

/* ---- bucket ---------------------------------------------------------------- */

static int bucket_one(const struct nlmsghdr *nlh, void *data)
{
	struct nh_show *s = data;

	if (nexthop_bucket_print(s->ib, nlh) == 0)
		return NL_CB_OK;
	s->bad = true;
	return NL_CB_ERROR;
}

static int bucket_list(struct ipbox *ib, int argc, char **argv)
{
	struct nh_show *s = nh_show_new(ib);
	struct nlattr *nest;
	struct nlreq req;
	int ret;

	if (!s)
		return EXIT_FAIL;
	ret = parse_filter(bucket_words, &s->f, argc, argv);
	if (!ret) {
		dump_request(&req, RTM_GETNEXTHOPBUCKET, ib, &s->f);
		if (s->f.id)
			nlreq_put_u32(&req, NHA_ID, s->f.id);
		if (s->f.nhid) {
			nest = nlreq_nest_start(&req, NHA_RES_BUCKET);
			nlreq_put_u32(&req, NHA_RES_BUCKET_NH_ID, s->f.nhid);
			nlreq_nest_end(&req, nest);
		}
		ret = dump_all(ib, &req, bucket_one, s);
	}
	nh_show_free(s);
	return ret;
}

static int bucket_answer(const struct nlmsghdr *nlh, void *data)
{
	struct nh_show *s = data;
	int ret;

	print_doc_begin(s->ib->pr);
	ret = bucket_one(nlh, s);
	print_doc_end(s->ib->pr);
	return ret == NL_CB_ERROR ? NL_CB_ERROR : NL_CB_STOP;
}

static int bucket_get(struct ipbox *ib, int argc, char **argv)
{
	struct arg_walk c = { argc, argv };
	struct nh_show *s;
	struct nlattr *nest;
	struct nhmsg *nhm;
	struct nlreq req;
	const char *v;
	uint32_t id = 0, index = 0;
	bool index_ok = false;
	int ret;

	for (; c.argc > 0; c.argc--, c.argv++) {
		if (!strcmp(*c.argv, "id")) {
			WALK_NEXT(&c, v);
			if ((ret = parse_id(v, &id)))
				return ret;
		} else if (!strcmp(*c.argv, "index")) {
			WALK_NEXT(&c, v);
			if (arg_u32(v, &index, 0) < 0 || index > 0xffff)
				return arg_invalid("invalid bucket index value", v);
			index_ok = true;
		} else {
			return nexthop_usage();
		}
	}
	if (!id || !index_ok)
		return nexthop_usage();
	if (!(s = nh_show_new(ib)))
		return EXIT_FAIL;
	nhm = nlreq_init(&req, RTM_GETNEXTHOPBUCKET, 0, sizeof(*nhm));
	nhm->nh_family = (uint8_t)ib->family;
	nlreq_put_u32(&req, NHA_ID, id);
	nest = nlreq_nest_start(&req, NHA_RES_BUCKET);
	nlreq_put_u16(&req, NHA_RES_BUCKET_INDEX, (uint16_t)index);
	nlreq_nest_end(&req, nest);
	ret = get_one(ib, &req, bucket_answer, s);
	nh_show_free(s);
	return ret;
}

static int nexthop_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return nexthop_usage();
}

static const struct verb bucket_verbs[] = {
	{ "list", bucket_list }, { "show", bucket_list }, { "lst", bucket_list },
	{ "get", bucket_get }, { "help", nexthop_help }, { NULL, NULL },
};

static int nexthop_bucket(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, bucket_verbs, "nexthop", bucket_list, argc, argv);
}

/* iproute2's order: "d" is delete, "l" list, "s" show, "g" get. */
static const struct verb nexthop_verbs[] = {
	{ "add", nexthop_add }, { "replace", nexthop_replace }, { "delete", nexthop_del },
	{ "list", nexthop_list }, { "show", nexthop_list }, { "lst", nexthop_list },
	{ "get", nexthop_get }, { "flush", nexthop_flush }, { "bucket", nexthop_bucket },
	{ "help", nexthop_help }, { NULL, NULL },
};

int do_nexthop(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, nexthop_verbs, "nexthop", nexthop_list, argc, argv);
}

void words_nexthop(void)
{
	WORDS_TABLE("verb", nexthop_verbs, word);
	WORDS_TABLE("verb.bucket", bucket_verbs, word);
	WORDS_POOLED("keyword", mod_words);
	WORDS_POOLED_END("keyword", filter_words, fn);
	WORDS_POOLED_END("keyword", bucket_words, fn);
}
