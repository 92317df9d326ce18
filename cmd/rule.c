/* ip rule: the policy routing database (show, flush, save, restore, add,
 * delete), with iproute2's words, output and errors. */
#include "rule.h"

#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/rtnetlink.h>

#include "route_print.h"
#include "../args/inet.h"
#include "../args/walk.h"
#include "../args/wordpool.h"
#include "../caps/caps.h"
#include "../names/names.h"
#include "../netlink/attr.h"
#include "../netlink/ifname.h"
#include "usage.h"
#include "words.h"

USAGE(rule,
	"Usage: ip rule { add | del } SELECTOR ACTION\n"
	"       ip rule { flush | save | restore }\n"
	"       ip rule [ list [ SELECTOR ]]\n"
	"SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n"
	"            [ fwmark FWMARK[/MASK] ]\n"
	"            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n"
	"            [ uidrange NUMBER-NUMBER ]\n"
	"            [ ipproto PROTOCOL ]\n"
	"            [ sport [ NUMBER | NUMBER-NUMBER ]\n"
	"            [ dport [ NUMBER | NUMBER-NUMBER ] ]\n"
	"ACTION := [ table TABLE_ID ]\n"
	"          [ protocol PROTO ]\n"
	"          [ nat ADDRESS ]\n"
	"          [ realms [SRCREALM/]DSTREALM ]\n"
	"          [ goto NUMBER ]\n"
	"          SUPPRESSOR\n"
	"SUPPRESSOR := [ suppress_prefixlength NUMBER ]\n"
	"              [ suppress_ifgroup DEVGROUP ]\n"
	"TABLE_ID := [ local | main | default | NUMBER ]\n");

static int rule_usage(void)
{
	return usage_print("rule");
}

/* The first 4 bytes of a save file, in host order (iproute2's). */
#define RULE_DUMP_MAGIC 0x71706986u

/* ---- values shared by the selectors of show and add ---------------- */

/* "MARK[/MASK]": each part as get_u32 reads it; an error names the part. */
static int parse_fwmark(const char *v, uint32_t *mark, uint32_t *mask, bool *has_mask)
{
	const char *slash = strchr(v, '/');
	char word[64];

	snprintf(word, sizeof(word), "%.*s", slash ? (int)(slash - v) : (int)strlen(v), v);
	if (arg_u32(word, mark, 0) < 0)
		return arg_invalid("fwmark value is invalid\n", word);
	*has_mask = slash != NULL;
	if (slash && arg_u32(slash + 1, mask, 0) < 0)
		return arg_invalid("fwmask value is invalid\n", slash + 1);
	return 0;
}

/* "N" or "N-M" as iproute2's sscanf("%hu-%hu") reads it. */
static int parse_ports(const char *v, struct fib_rule_port_range *r, const char *err)
{
	int n = sscanf(v, "%hu-%hu", &r->start, &r->end);

	if (n == 1)
		r->end = r->start;
	else if (n != 2)
		return arg_invalid(err, v);
	return 0;
}

static int parse_uidrange(const char *v, struct fib_rule_uid_range *r)
{
	if (sscanf(v, "%u-%u", &r->start, &r->end) != 2)
		return arg_invalid("invalid UID range\n", v);
	return 0;
}

static int parse_ipproto(const char *v, uint8_t *proto)
{
	uint32_t id;

	if (names_ipproto_to_id(v, &id) < 0)
		return arg_invalid("Invalid \"ipproto\" value\n", v);
	*proto = (uint8_t)id;
	return 0;
}

/* ---- the filter of show and flush ---------------------------------- */

/* What show and flush select, as iproute2's filter: a zero mark, mask,
 * table or port selects nothing. */
struct rule_filter {
	int family;		/* the dump's, and of the prefixes read */
	bool not, l3mdev, pref_set, tos_set, iif_set, oif_set, uid_set;
	uint32_t pref, tos, fwmark, fwmask, table;
	uint32_t proto, proto_mask;	/* flush only, as iproute2 */
	uint64_t tun_id;
	uint8_t ipproto;
	char iif[IF_NAMESIZE], oif[IF_NAMESIZE];
	struct fib_rule_uid_range uid;
	struct fib_rule_port_range sport, dport;
	struct inet_prefix src, dst;
};

static int filter_pref(struct rule_filter *f, struct arg_walk *c)
{
	f->pref_set = true;
	return walk_u32(c, &f->pref, UINT32_MAX, "preference value is invalid\n");
}

static int filter_not(struct rule_filter *f, struct arg_walk *c)
{
	(void)c;
	f->not = true;
	return 0;
}

static int filter_tos(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (names_dsfield_to_id(v, &f->tos) < 0)
		return arg_invalid("TOS value is invalid\n", v);
	f->tos_set = true;
	return 0;
}

static int filter_fwmark(struct rule_filter *f, struct arg_walk *c)
{
	uint32_t mask = 0;
	const char *v;
	bool has_mask;
	int ret;

	WALK_NEXT(c, v);
	ret = parse_fwmark(v, &f->fwmark, &mask, &has_mask);
	if (!ret && has_mask)
		f->fwmask = mask;
	return ret;
}

/* A device name of the rule (FRA_IIFNAME, FRA_OIFNAME): checked, never
 * looked up, so a rule may name a device yet to come. */
static int dev_word(struct arg_walk *c, char name[IF_NAMESIZE], const char *err)
{
	const char *v;

	WALK_NEXT(c, v);
	if (!ifname_usable(v, IF_NAMESIZE))
		return arg_invalid(err, v);
	snprintf(name, IF_NAMESIZE, "%s", v);
	return 0;
}

static int filter_iif(struct rule_filter *f, struct arg_walk *c)
{
	f->iif_set = true;
	return dev_word(c, f->iif, "\"iif\"/\"dev\" not a valid ifname");
}

static int filter_oif(struct rule_filter *f, struct arg_walk *c)
{
	f->oif_set = true;
	return dev_word(c, f->oif, "\"oif\" not a valid ifname");
}

static int filter_l3mdev(struct rule_filter *f, struct arg_walk *c)
{
	(void)c;
	f->l3mdev = true;
	return 0;
}

static int filter_uidrange(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	f->uid_set = true;
	return parse_uidrange(v, &f->uid);
}

static int filter_tun_id(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (arg_u64(v, &f->tun_id, 0) < 0)
		return arg_invalid("\"tun_id\" value is invalid\n", v);
	return 0;
}

static int filter_table(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (names_to_id(&names_tables, v, &f->table) < 0)
		return arg_invalid("table id value is invalid\n", v);
	return 0;
}

static int filter_from(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return inet_get_prefix(&f->src, v, f->family);
}

/* "all" lifts the protocol filter. */
static int filter_proto(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	f->proto_mask = ~0u;
	if (names_to_id(&names_protos, v, &f->proto) == 0 && f->proto <= 255)
		return 0;
	if (strcmp(v, "all"))
		return arg_invalid("invalid \"protocol\"\n", v);
	f->proto = f->proto_mask = 0;
	return 0;
}

static int filter_ipproto(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return parse_ipproto(v, &f->ipproto);
}

static int filter_sport(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return parse_ports(v, &f->sport, "invalid port range\n");
}

static int filter_dport(struct rule_filter *f, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	return parse_ports(v, &f->dport, "invalid dport range\n");
}

/* [dst|to] PREFIX: any other word. */
static int filter_to(struct rule_filter *f, struct arg_walk *c)
{
	const char *v = *c->argv;

	if (matches(v, "dst") || matches(v, "to"))
		WALK_NEXT(c, v);
	return inet_get_prefix(&f->dst, v, f->family);
}

/* Selector words in iproute2's order; `exact` rows must match whole. */
static const struct filter_word {
	word_off word;
	bool exact;
	int (*fn)(struct rule_filter *f, struct arg_walk *c);
} filter_words[] = {
	{ W("preference"), false, filter_pref }, { W("order"), false, filter_pref },
	{ W("priority"), false, filter_pref }, { W("not"), true, filter_not },
	{ W("tos"), true, filter_tos }, { W("dsfield"), true, filter_tos },
	{ W("fwmark"), true, filter_fwmark }, { W("dev"), true, filter_iif },
	{ W("iif"), true, filter_iif }, { W("oif"), true, filter_oif },
	{ W("l3mdev"), true, filter_l3mdev }, { W("uidrange"), true, filter_uidrange },
	{ W("tun_id"), false, filter_tun_id }, { W("lookup"), false, filter_table },
	{ W("table"), false, filter_table }, { W("from"), false, filter_from },
	{ W("src"), false, filter_from }, { W("protocol"), false, filter_proto },
	{ W("ipproto"), true, filter_ipproto }, { W("sport"), true, filter_sport },
	{ W("dport"), true, filter_dport },
};

static int parse_filter(struct rule_filter *f, int argc, char **argv)
{
	struct arg_walk c = { argc, argv };

	for (; c.argc > 0; c.argc--, c.argv++) {
		const struct filter_word *w = KEYWORD_FIND(filter_words, *c.argv);
		int ret;

		ret = w ? w->fn(f, &c) : filter_to(f, &c);
		if (ret)
			return ret;
	}
	return 0;
}

/* A rule's prefix against a from/to selector: the selector's family,
 * no longer than the rule's, covering its address. */
static bool prefix_ok(const struct inet_prefix *p, const struct rule *r, int type)
{
	const struct nlattr *a = r->tb[type];
	int len = type == FRA_SRC ? r->frh->src_len : r->frh->dst_len;
	size_t bytes;

	if (!p->family)
		return true;
	if (p->family != r->frh->family || p->bitlen > len)
		return false;
	if (!a || p->bitlen <= 0)
		return true;
	bytes = mnl_attr_get_payload_len(a);
	if (bytes != 4 && bytes != 16)
		return false;
	return (int)bytes * 8 == inet_family_bits(p->family) &&
	       inet_prefix_covers(p, mnl_attr_get_payload(a), p->bitlen);
}

static bool ports_ok(const struct fib_rule_port_range *want, const struct nlattr *a)
{
	struct fib_rule_port_range have;

	if (!want->start)
		return true;
	if (!a)
		return false;
	memcpy(&have, mnl_attr_get_payload(a), sizeof(have));
	return have.start == want->start && have.end == want->end;
}

static bool dev_ok(bool set, const char *want, const struct nlattr *a)
{
	return !set || (a && !strcmp(want, mnl_attr_get_str(a)));
}

static uint32_t attr_u32_or0(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

/* iproute2's filter_nlmsg. */
static bool rule_filter_ok(const struct rule_filter *f, const struct rule *r)
{
	const struct fib_rule_hdr *frh = r->frh;

	if (f->family != AF_UNSPEC && frh->family != f->family)
		return false;
	if ((f->pref_set && f->pref != attr_u32_or0(r->tb[FRA_PRIORITY])) ||
	    (f->not && !(frh->flags & FIB_RULE_INVERT)))
		return false;
	if (!prefix_ok(&f->src, r, FRA_SRC) || !prefix_ok(&f->dst, r, FRA_DST))
		return false;
	if ((f->tos_set && f->tos != frh->tos) ||
	    (f->fwmark && f->fwmark != attr_u32_or0(r->tb[FRA_FWMARK])) ||
	    (f->fwmask && f->fwmask != attr_u32_or0(r->tb[FRA_FWMASK])))
		return false;
	if (!dev_ok(f->iif_set, f->iif, r->tb[FRA_IIFNAME]) ||
	    !dev_ok(f->oif_set, f->oif, r->tb[FRA_OIFNAME]))
		return false;
	if (f->l3mdev && !(r->tb[FRA_L3MDEV] && mnl_attr_get_u8(r->tb[FRA_L3MDEV])))
		return false;
	if (f->uid_set) {
		struct fib_rule_uid_range uid;

		if (!r->tb[FRA_UID_RANGE])
			return false;
		memcpy(&uid, mnl_attr_get_payload(r->tb[FRA_UID_RANGE]), sizeof(uid));
		if (uid.start != f->uid.start || uid.end != f->uid.end)
			return false;
	}
	if (f->ipproto && (!r->tb[FRA_IP_PROTO] || mnl_attr_get_u8(r->tb[FRA_IP_PROTO]) != f->ipproto))
		return false;
	if (!ports_ok(&f->sport, r->tb[FRA_SPORT_RANGE]) || !ports_ok(&f->dport, r->tb[FRA_DPORT_RANGE]))
		return false;
	if (f->tun_id && (!r->tb[FRA_TUN_ID] || be64toh(mnl_attr_get_u64(r->tb[FRA_TUN_ID])) != f->tun_id))
		return false;
	return !f->table || f->table == r->table;
}

/* ---- list, flush, save ---------------------------------------------- */

struct rule_show {
	struct ipbox *ib;
	struct rule_filter f;
	struct nl *flush;	/* flush: delete on this socket what matches */
	bool flush_failed;	/* and a delete failed (reported) */
};

static int rule_show_one(const struct nlmsghdr *nlh, void *data)
{
	struct rule_show *s = data;
	struct rule r;

	if (nlh->nlmsg_type != RTM_NEWRULE || rule_read(nlh, &r) < 0 || !rule_filter_ok(&s->f, &r))
		return NL_CB_OK;
	rule_print(s->ib, nlh);
	return NL_CB_OK;
}

/* Flush deletes what it dumped, as it was dumped; a rule without a
 * priority (the local table's, at 0) stays. */
static int rule_flush_one(const struct nlmsghdr *nlh, void *data)
{
	struct rule_show *s = data;
	struct nlreq req;
	struct rule r;

	if (nlh->nlmsg_type != RTM_NEWRULE || rule_read(nlh, &r) < 0 || !rule_filter_ok(&s->f, &r))
		return NL_CB_OK;
	if (r.tb[FRA_PROTOCOL] && ((s->f.proto ^ mnl_attr_get_u8(r.tb[FRA_PROTOCOL])) & s->f.proto_mask))
		return NL_CB_OK;
	if (!r.tb[FRA_PRIORITY])
		return NL_CB_OK;
	if (nlreq_echo(&req, RTM_DELRULE, nlh, sizeof(struct fib_rule_hdr)) < 0)
		return NL_CB_ERROR;
	if (nl_talk(s->flush, &req, NULL, NULL) < 0) {
		nl_perror(s->flush);
		s->flush_failed = true;
		return NL_CB_ERROR;
	}
	return NL_CB_OK;
}

/* save writes each rule message as the kernel dumped it. */
static int rule_save_one(const struct nlmsghdr *nlh, void *data)
{
	struct rule_show *s = data;

	out_write(&s->ib->pr->out, (const char *)nlh, nlh->nlmsg_len);
	return NL_CB_OK;
}

static int rule_dump(struct ipbox *ib, struct rule_show *s, nl_cb cb)
{
	struct nl *nl = rt_socket(ib);
	struct fib_rule_hdr *frh;
	struct nlreq req;

	if (!nl)
		return EXIT_FAIL;
	frh = nlreq_init(&req, RTM_GETRULE, 0, sizeof(*frh));
	frh->family = (uint8_t)s->f.family;
	if (nl_dump(nl, &req, cb, s) < 0) {
		if (!s->flush_failed)
			nl_dump_perror(nl);
		fprintf(stderr, "Dump terminated\n");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static struct rule_show *rule_show_new(struct ipbox *ib)
{
	struct rule_show *s = calloc(1, sizeof(*s));

	if (!s) {
		perror("calloc");
		return NULL;
	}
	s->ib = ib;
	/* without -4/-6 the IPv4 rules */
	s->f.family = ib->family == AF_UNSPEC ? AF_INET : ib->family;
	return s;
}

static void rule_show_free(struct rule_show *s)
{
	nl_free(s->flush);
	free(s);
}

static int rule_list(struct ipbox *ib, int argc, char **argv)
{
	struct rule_show *s = rule_show_new(ib);
	int ret;

	if (!s)
		return EXIT_FAIL;
	ret = parse_filter(&s->f, argc, argv);
	if (!ret) {
		print_doc_begin(ib->pr);
		ret = rule_dump(ib, s, rule_show_one);
		print_doc_end(ib->pr);
	}
	rule_show_free(s);
	return ret;
}

static int rule_flush(struct ipbox *ib, int argc, char **argv)
{
	struct rule_show *s = rule_show_new(ib);
	int ret;

	if (!s)
		return EXIT_FAIL;
	ret = parse_filter(&s->f, argc, argv);
	if (!ret && caps_require(CAP_NET_ADMIN, "rule flush") < 0)
		ret = EXIT_FAIL;
	if (!ret && !(s->flush = nl_new(NETLINK_ROUTE)))
		ret = EXIT_FAIL;
	if (!ret) {
		/* iproute2 opens its JSON document for flush too: "[]" */
		print_doc_begin(ib->pr);
		ret = rule_dump(ib, s, rule_flush_one);
		print_doc_end(ib->pr);
	}
	rule_show_free(s);
	return ret;
}

static int rule_save(struct ipbox *ib, int argc, char **argv)
{
	uint32_t magic = RULE_DUMP_MAGIC;
	struct rule_show *s;
	int ret;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "\"ip rule save\" does not take any arguments.\n");
		return EXIT_FAIL;
	}
	if (isatty(STDOUT_FILENO)) {
		fprintf(stderr, "Not sending a binary stream to stdout\n");
		return EXIT_FAIL;
	}
	s = rule_show_new(ib);
	if (!s)
		return EXIT_FAIL;
	out_write(&ib->pr->out, (const char *)&magic, sizeof(magic));
	ret = rule_dump(ib, s, rule_save_one);
	rule_show_free(s);
	return ret;
}

/* ---- restore --------------------------------------------------------- */

/* A message cut short by the end of the file (or a read error). */
static int restore_short(FILE *in)
{
	if (ferror(in))
		perror("rtnl_from_file: fread");
	if (feof(in))
		fprintf(stderr, "rtnl-from_file: truncated message\n");
	return EXIT_USAGE;
}

/* One saved message sent back as it was, created where missing. */
static int restore_one(struct ipbox *ib, const struct nlmsghdr *saved)
{
	struct nlreq *req = malloc(sizeof(*req));
	int ret = EXIT_OK;

	if (!req)
		return EXIT_FAIL;
	if (nlreq_echo(req, saved->nlmsg_type, saved, sizeof(struct fib_rule_hdr)) < 0) {
		fprintf(stderr, "!!!malformed message: len=%u\n", saved->nlmsg_len);
		ret = EXIT_USAGE;
	} else {
		req->nlh->nlmsg_flags |= saved->nlmsg_flags | NLM_F_CREATE;
		if (nl_talk(rt_socket(ib), req, NULL, NULL) < 0 && ib->rt->error != EEXIST) {
			nl_perror(ib->rt);
			ret = EXIT_USAGE;
		}
	}
	free(req);
	return ret;
}

/* The messages of a save file until its end (iproute2's rtnl_from_file). */
static int restore_messages(struct ipbox *ib, FILE *in)
{
	union {
		struct nlmsghdr nlh;
		char buf[16384];
	} *m = malloc(sizeof(*m));
	int ret = EXIT_OK;

	while (m && !ret) {
		size_t got = fread(&m->nlh, 1, sizeof(m->nlh), in), body;

		if (got == 0 && feof(in))
			break;
		if (got != sizeof(m->nlh)) {
			ret = restore_short(in);
			break;
		}
		if (m->nlh.nlmsg_len < sizeof(m->nlh) || m->nlh.nlmsg_len > sizeof(*m)) {
			fprintf(stderr, "!!!malformed message: len=%d @%lu\n", (int)m->nlh.nlmsg_len,
				(unsigned long)ftell(in));
			ret = EXIT_USAGE;
			break;
		}
		body = NLMSG_ALIGN(m->nlh.nlmsg_len - sizeof(m->nlh));
		if (fread(m->buf + sizeof(m->nlh), 1, body, in) != body)
			ret = restore_short(in);
		else
			ret = restore_one(ib, &m->nlh);
	}
	if (!m)
		ret = EXIT_FAIL;
	free(m);
	return ret;
}

static int rule_restore(struct ipbox *ib, int argc, char **argv)
{
	uint32_t magic = 0;
	size_t n;

	(void)argc, (void)argv;
	if (isatty(STDIN_FILENO)) {
		fprintf(stderr, "Can't restore rule dump from a terminal\n");
		return EXIT_USAGE;
	}
	n = fread(&magic, sizeof(magic), 1, stdin);
	if (magic != RULE_DUMP_MAGIC) {
		fprintf(stderr, "Magic mismatch (%zu elems, %x magic)\n", n, magic);
		return EXIT_USAGE;
	}
	if (caps_require(CAP_NET_ADMIN, "rule change") < 0 || !rt_socket(ib))
		return EXIT_FAIL;
	return restore_messages(ib, stdin);
}

/* ---- add, delete ------------------------------------------------------ */

struct rule_mod {
	struct nlreq req;
	struct fib_rule_hdr *frh;
	bool table_ok, l3mdev;
	uint32_t table;
};

static int mod_not(struct rule_mod *m, struct arg_walk *c)
{
	(void)c;
	m->frh->flags |= FIB_RULE_INVERT;
	return 0;
}

/* from/to PREFIX: the attribute even when empty ("all"), as iproute2. */
static int mod_prefix(struct rule_mod *m, struct arg_walk *c, uint16_t type, uint8_t *len)
{
	struct inet_prefix p;
	const char *v;
	int ret;

	WALK_NEXT(c, v);
	ret = inet_get_prefix(&p, v, m->frh->family);
	if (ret)
		return ret;
	*len = (uint8_t)p.bitlen;
	nlreq_put(&m->req, type, (size_t)p.bytelen, p.data);
	return 0;
}

static int mod_from(struct rule_mod *m, struct arg_walk *c)
{
	return mod_prefix(m, c, FRA_SRC, &m->frh->src_len);
}

static int mod_to(struct rule_mod *m, struct arg_walk *c)
{
	return mod_prefix(m, c, FRA_DST, &m->frh->dst_len);
}

/* A u32 attribute as get_u32 reads it. */
static int mod_u32(struct rule_mod *m, struct arg_walk *c, uint16_t type, const char *err)
{
	uint32_t val;
	int ret = walk_u32(c, &val, UINT32_MAX, err);

	if (!ret)
		nlreq_put_u32(&m->req, type, val);
	return ret;
}

static int mod_pref(struct rule_mod *m, struct arg_walk *c)
{
	return mod_u32(m, c, FRA_PRIORITY, "preference value is invalid\n");
}

static int mod_tos(struct rule_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t tos;

	WALK_NEXT(c, v);
	if (names_dsfield_to_id(v, &tos) < 0)
		return arg_invalid("TOS value is invalid\n", v);
	m->frh->tos = (uint8_t)tos;
	return 0;
}

static int mod_fwmark(struct rule_mod *m, struct arg_walk *c)
{
	uint32_t mark, mask;
	const char *v;
	bool has_mask;
	int ret;

	WALK_NEXT(c, v);
	ret = parse_fwmark(v, &mark, &mask, &has_mask);
	if (ret)
		return ret;
	nlreq_put_u32(&m->req, FRA_FWMARK, mark);
	if (has_mask)
		nlreq_put_u32(&m->req, FRA_FWMASK, mask);
	return 0;
}

static int mod_realms(struct rule_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t realms;

	WALK_NEXT(c, v);
	if (names_realms_parse(v, &realms) < 0)
		return arg_invalid("invalid realms\n", v);
	nlreq_put_u32(&m->req, FRA_FLOW, realms);
	return 0;
}

static int mod_proto(struct rule_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t proto;

	WALK_NEXT(c, v);
	if (names_to_id(&names_protos, v, &proto) < 0 || proto > 255)
		return arg_invalid("\"protocol\" value is invalid\n", v);
	nlreq_put_u8(&m->req, FRA_PROTOCOL, (uint8_t)proto);
	return 0;
}

/* The tunnel id goes in network order. */
static int mod_tun_id(struct rule_mod *m, struct arg_walk *c)
{
	const char *v;
	uint64_t id, be;

	WALK_NEXT(c, v);
	if (arg_u64(v, &id, 0) < 0)
		return arg_invalid("\"tun_id\" value is invalid\n", v);
	be = htobe64(id);
	nlreq_put(&m->req, FRA_TUN_ID, sizeof(be), &be);
	return 0;
}

/* Tables above 255 do not fit the header: FRA_TABLE carries them. */
static int mod_table(struct rule_mod *m, struct arg_walk *c)
{
	const char *v;

	WALK_NEXT(c, v);
	if (names_to_id(&names_tables, v, &m->table) < 0)
		return arg_invalid("invalid table ID\n", v);
	if (m->table < 256) {
		m->frh->table = (uint8_t)m->table;
	} else {
		m->frh->table = RT_TABLE_UNSPEC;
		nlreq_put_u32(&m->req, FRA_TABLE, m->table);
	}
	m->table_ok = true;
	return 0;
}

static int mod_sup_pl(struct rule_mod *m, struct arg_walk *c)
{
	const char *v;
	int32_t pl;

	WALK_NEXT(c, v);
	if (arg_i32(v, &pl, 0) < 0 || pl < 0)
		return arg_invalid("suppress_prefixlength value is invalid\n", v);
	nlreq_put_u32(&m->req, FRA_SUPPRESS_PREFIXLEN, (uint32_t)pl);
	return 0;
}

/* A group name or a number up to INT_MAX (rtnl_group_a2n's int). */
static int mod_sup_group(struct rule_mod *m, struct arg_walk *c)
{
	const char *v;
	uint32_t group;

	WALK_NEXT(c, v);
	if (names_to_id(&names_groups, v, &group) < 0 || group > INT32_MAX)
		return arg_invalid("Invalid \"suppress_ifgroup\" value\n", v);
	nlreq_put_u32(&m->req, FRA_SUPPRESS_IFGROUP, group);
	return 0;
}

static int mod_dev(struct rule_mod *m, struct arg_walk *c, uint16_t type, const char *err)
{
	char name[IF_NAMESIZE];
	int ret = dev_word(c, name, err);

	if (!ret)
		nlreq_put_str(&m->req, type, name);
	return ret;
}

static int mod_iif(struct rule_mod *m, struct arg_walk *c)
{
	return mod_dev(m, c, FRA_IIFNAME, "\"iif\"/\"dev\" not a valid ifname");
}

static int mod_oif(struct rule_mod *m, struct arg_walk *c)
{
	return mod_dev(m, c, FRA_OIFNAME, "\"oif\" not a valid ifname");
}

static int mod_l3mdev(struct rule_mod *m, struct arg_walk *c)
{
	(void)c;
	nlreq_put_u8(&m->req, FRA_L3MDEV, 1);
	m->table_ok = m->l3mdev = true;
	return 0;
}

static int mod_uidrange(struct rule_mod *m, struct arg_walk *c)
{
	struct fib_rule_uid_range r;
	const char *v;
	int ret;

	WALK_NEXT(c, v);
	ret = parse_uidrange(v, &r);
	if (!ret)
		nlreq_put(&m->req, FRA_UID_RANGE, sizeof(r), &r);
	return ret;
}

/* Route NAT is gone from the kernel; the word still parses. */
static int mod_nat(struct rule_mod *m, struct arg_walk *c)
{
	struct inet_prefix addr;
	const char *v;

	WALK_NEXT(c, v);
	fprintf(stderr, "Warning: route NAT is deprecated\n");
	if (inet_parse_addr(&addr, v, AF_INET) < 0) {
		fprintf(stderr, "Error: an IP address is expected rather than \"%s\"\n", v);
		return EXIT_FAIL;
	}
	nlreq_put(&m->req, RTA_GATEWAY, 4, addr.data);
	m->frh->action = RTN_NAT;
	return 0;
}

static int mod_ipproto(struct rule_mod *m, struct arg_walk *c)
{
	const char *v;
	uint8_t proto = 0;
	int ret;

	WALK_NEXT(c, v);
	ret = parse_ipproto(v, &proto);
	if (!ret)
		nlreq_put_u8(&m->req, FRA_IP_PROTO, proto);
	return ret;
}

static int mod_ports(struct rule_mod *m, struct arg_walk *c, uint16_t type, const char *err)
{
	struct fib_rule_port_range r;
	const char *v;
	int ret;

	WALK_NEXT(c, v);
	ret = parse_ports(v, &r, err);
	if (!ret)
		nlreq_put(&m->req, type, sizeof(r), &r);
	return ret;
}

static int mod_sport(struct rule_mod *m, struct arg_walk *c)
{
	return mod_ports(m, c, FRA_SPORT_RANGE, "invalid port range\n");
}

static int mod_dport(struct rule_mod *m, struct arg_walk *c)
{
	return mod_ports(m, c, FRA_DPORT_RANGE, "invalid dport range\n");
}

/* [type] TYPE: help, goto N, nop or a route type (blackhole, ...). */
static int mod_type(struct rule_mod *m, struct arg_walk *c)
{
	const char *v = *c->argv;
	uint8_t type;

	if (!strcmp(v, "type"))
		WALK_NEXT(c, v);
	if (matches(v, "help"))
		return rule_usage();
	if (matches(v, "goto")) {
		int ret = mod_u32(m, c, FRA_GOTO, "invalid target\n");

		if (ret)
			return ret;
		type = FR_ACT_GOTO;
	} else if (matches(v, "nop")) {
		type = FR_ACT_NOP;
	} else if (route_type_from_str(v, &type) < 0) {
		return arg_invalid("Failed to parse rule type", v);
	}
	m->frh->action = type;
	m->table_ok = true;
	return 0;
}

/* Rule words in iproute2's order (it decides abbreviations). */
static const struct mod_word {
	word_off word;
	bool exact;
	int (*fn)(struct rule_mod *m, struct arg_walk *c);
} mod_words[] = {
	{ W("not"), true, mod_not }, { W("from"), true, mod_from }, { W("to"), true, mod_to },
	{ W("preference"), false, mod_pref }, { W("order"), false, mod_pref },
	{ W("priority"), false, mod_pref }, { W("tos"), true, mod_tos },
	{ W("dsfield"), false, mod_tos }, { W("fwmark"), true, mod_fwmark },
	{ W("realms"), false, mod_realms }, { W("protocol"), false, mod_proto },
	{ W("tun_id"), false, mod_tun_id }, { W("table"), false, mod_table },
	{ W("lookup"), true, mod_table }, { W("suppress_prefixlength"), false, mod_sup_pl },
	{ W("sup_pl"), true, mod_sup_pl }, { W("suppress_ifgroup"), false, mod_sup_group },
	{ W("sup_group"), true, mod_sup_group }, { W("dev"), true, mod_iif },
	{ W("iif"), true, mod_iif }, { W("oif"), true, mod_oif },
	{ W("l3mdev"), true, mod_l3mdev }, { W("uidrange"), true, mod_uidrange },
	{ W("nat"), true, mod_nat }, { W("map-to"), false, mod_nat },
	{ W("ipproto"), true, mod_ipproto }, { W("sport"), true, mod_sport },
	{ W("dport"), true, mod_dport },
};

static int mod_word(struct rule_mod *m, struct arg_walk *c)
{
	const struct mod_word *w = KEYWORD_FIND(mod_words, *c->argv);

	return w ? w->fn(m, c) : mod_type(m, c);
}

static int rule_modify(struct ipbox *ib, int argc, char **argv, uint16_t cmd)
{
	struct rule_mod *m;
	struct arg_walk c = { argc, argv };
	int ret = 0;

	if (argc <= 0) {
		fprintf(stderr, "\"ip rule %s\" requires arguments.\n", cmd == RTM_NEWRULE ? "add" : "del");
		return EXIT_FAIL;
	}
	m = nlreq_holder_new(sizeof(*m), offsetof(struct rule_mod, req));
	if (!m)
		return EXIT_FAIL;
	m->frh = nlreq_init(&m->req, cmd, cmd == RTM_NEWRULE ? NLM_F_CREATE | NLM_F_EXCL : 0,
			    sizeof(*m->frh));
	m->frh->family = (uint8_t)ib->family;
	m->frh->action = cmd == RTM_NEWRULE ? FR_ACT_TO_TBL : FR_ACT_UNSPEC;
	for (; !ret && c.argc > 0; c.argc--, c.argv++)
		ret = mod_word(m, &c);
	if (!ret && m->l3mdev && m->table) {
		fprintf(stderr, "table can not be specified for l3mdev rules\n");
		ret = EINVAL;	/* iproute2 returns -EINVAL: status 22 */
	}
	if (!ret) {
		if (m->frh->family == AF_UNSPEC)
			m->frh->family = AF_INET;
		if (!m->table_ok && cmd == RTM_NEWRULE)
			m->frh->table = RT_TABLE_MAIN;
		ret = rt_talk(ib, &m->req);
	}
	nlreq_holder_free(m);
	return ret;
}

static int rule_add(struct ipbox *ib, int argc, char **argv)
{
	return rule_modify(ib, argc, argv, RTM_NEWRULE);
}

static int rule_del(struct ipbox *ib, int argc, char **argv)
{
	return rule_modify(ib, argc, argv, RTM_DELRULE);
}

/* ---- the object ------------------------------------------------------ */

static int rule_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return rule_usage();
}

/* iproute2's order: "s" is show, "l" list, "d" delete. */
static const struct verb rule_verbs[] = {
	{ "list", rule_list }, { "lst", rule_list }, { "show", rule_list },
	{ "save", rule_save }, { "restore", rule_restore }, { "add", rule_add },
	{ "delete", rule_del }, { "flush", rule_flush }, { "help", rule_help },
	{ NULL, NULL },
};

int do_rule(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, rule_verbs, "rule", rule_list, argc, argv);
}

void words_rule(void)
{
	WORDS_TABLE("verb", rule_verbs, word);
	WORDS_POOLED("keyword", filter_words);
	WORDS_POOLED("keyword", mod_words);
}
