/* ip nat: masquerade, SNAT and port forwarding (DNAT) in nftables: the
 * verbs.  A rule's words are parsed and printed by cmd/nat_words.c and
 * handed to nat/, which writes them as nft rules and reads the table back
 * into an index of rules; a -batch run of nat lines is cmd/nat_batch.c. */
#include "nat.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../args/inet.h"
#include "../caps/caps.h"
#include "../netlink/ifname.h"
#include "usage.h"
#include "words.h"

USAGE(nat,
	"Usage: ip nat { add | replace | del } RULE [ handle N ] [ incomplete ]\n"
	"       ip nat del handle N\n"
	"       ip nat { show | list } [ tag NAME ]\n"
	"       ip nat save [ tag NAME ]    (nat add lines, for -batch)\n"
	"       ip nat flush    (deletes table inet ipbox, every rule in it)\n"
	"       ip nat flush tag NAME    (that owner's rules, one transaction)\n"
	"       ip nat forward [ on | off ]    (IPv4 and IPv6, or the -4/-6 one)\n"
	"       ip nat check SRC DST [ proto PROTO ] [ dport PORT ] [ iif DEV ]\n"
	"       ip nat help\n"
	"RULE := masquerade [ MATCH ] [ OIF ] [ to-ports PORT[-PORT] ] [ FLAGS ]\n"
	"        snat [ MATCH ] [ OIF ] [ sport PORTS ] [ dport PORTS ] to TARGET [ FLAGS ]\n"
	"        dnat [ IIF ] [ MATCH ] proto PROTOS dport PORTS to TARGET [ hairpin DEV ]\n"
	"             [ localhost ] [ FLAGS ]\n"
	"        redirect [ IIF ] [ MATCH ] proto PROTOS dport PORTS [ to-ports PORT[-PORT] ] [ FLAGS ]\n"
	"MATCH := [ family { inet | inet6 } ] [ src PREFIX ] [ src != PREFIX ]...\n"
	"         [ dst PREFIX ] [ dst != PREFIX ]... [ proto PROTOS ]\n"
	"IIF := [ iif DEV ] [ iif != DEV ]...    OIF := [ oif DEV ] [ oif != DEV ]...\n"
	"PROTOS := PROTO[,PROTO]...    PROTO := { tcp | udp | sctp | icmp | icmpv6 | NUMBER }\n"
	"PORTS := PORT[-PORT][,PORT[-PORT]]...\n"
	"TARGET := ADDR[-ADDR][:PORT[-PORT]] | [IPV6ADDR][-[IPV6ADDR]][:PORT[-PORT]]\n"
	"FLAGS := [ random ] [ fully-random ] [ persistent ] [ tag NAME ]\n"
	"tag NAME (any RULE) names its owner: show, save and flush tag NAME take its rules.\n"
	"`WORD != VALUE` excludes (up to 8 each); lists match any item (a rule\n"
	"is one nft rule per protocol and port item).  Ports need tcp, udp or sctp.\n"
	"dnat to a port range maps its dport range 1:1 (8000-8010 to :9000-9010),\n"
	"as does redirect's to-ports (redirect: to the host itself, as dnat);\n"
	"hairpin DEV masquerades its clients behind DEV, so their answers come back.\n"
	"localhost (IPv4) publishes on the host's 127.0.0.0/8 too: the host's own\n"
	"connections are masqueraded and route_localnet is turned on for the\n"
	"interface the target is reached by, and off with the last such rule.\n"
	"Interfaces match by name and need not exist yet.  dnat applies to\n"
	"forwarded traffic and to the host's own (a twin nft rule: one rule);\n"
	"without dst, to what is addressed to the host itself (its loopback\n"
	"aside); with iif, only to what comes in by DEV (none of the host's own).\n"
	"show prints each rule in these words followed by `handle N`, and\n"
	"`incomplete` if some of its nft rules are gone (add and replace ignore\n"
	"both; del deletes the first rule of its words, or the rule of its\n"
	"handle, whole; replace makes an incomplete rule whole); -s adds\n"
	"packets and bytes, -j gives objects keyed by these words.\n"
	"Rules ipbox did not write show as `unknown rule handle N`.  A rule's\n"
	"words must fit in 128 characters (they are its nft comment).\n"
	"add (as replace) of a rule that is there whole changes nothing.\n"
	"check prints the way a first packet from SRC to DST would go (dnat, route,\n"
	"forwarding, rp_filter, other tables' forward chains, snat), sending nothing;\n"
	"exit 0 when a rule translates it and nothing drops it, else 1.\n");

static int nat_usage(void)
{
	return usage_print("nat");
}

/* ---- session ------------------------------------------------------- */

static int session_open(struct nat_session *s, const char *verb)
{
	char what[32];

	snprintf(what, sizeof(what), "nat %s", verb);
	if (caps_require(CAP_NET_ADMIN, what) < 0)
		return EXIT_FAIL;
	if (nat_open(s) < 0) {
		fprintf(stderr, "Error: cannot open nftables: %s.\n", strerror(errno));
		return EXIT_FAIL;
	}
	return 0;
}

static int session_fail(struct nat_session *s)
{
	nat_perror(s);
	nat_close(s);
	return EXIT_KERNEL;
}

/* ---- show ---------------------------------------------------------- */

/* One object: its words and handle; `incomplete` when some of its nft
 * rules are missing (deleted by another tool): show never pretends. */
static void show_object(struct printer *p, int stats, const struct nat_object *o)
{
	print_open_object(p, NULL);
	print_u64(p, PRINT_JSON, "handle", NULL, o->handle);
	if (o->tag) {
		nat_print_words(p, o->tag);	/* read back by nat_recognise */
	} else {
		print_string(p, PRINT_ANY, "type", "%s rule", "unknown");
	}
	print_u64(p, PRINT_FP, NULL, " handle %" PRIu64, o->handle);
	if (!o->complete) {
		print_bool(p, PRINT_JSON, "incomplete", NULL, true);
		print_text(p, " incomplete");
	}
	if (stats) {
		print_u64(p, PRINT_ANY, "packets", " packets %" PRIu64, o->packets);
		print_u64(p, PRINT_ANY, "bytes", " bytes %" PRIu64, o->bytes);
	}
	print_text(p, "\n");
	print_close_object(p);
}

/* [ tag NAME ] of show and flush: *owner "" without it. */
static int owner_args(int argc, char **argv, char owner[NAT_OWNER_MAX])
{
	*owner = '\0';
	if (!argc)
		return 0;
	if (argc != 2 || !matches(argv[0], "tag"))
		return nat_usage();
	return nat_owner_parse(argv[1], owner);
}

/* Whether o is one show or flush with that owner ("": any) acts on. */
static bool owned(const struct nat_object *o, const char *owner)
{
	return !*owner || (o->tag && nat_words_owned(o->tag, owner));
}

/* What would drop the shown rules' traffic, once each (after the
 * listing: a pipe reads the rules first). */
static void show_explain(const struct nat_index *ix, const char *owner)
{
	struct nat_seen sn = { .forward_read = false };
	struct nat_object o;
	struct nat_rule r;

	for (uint32_t i = 0; i < nat_index_count(ix) && nat_explain_wanted(&sn); i++)
		if (nat_index_get(ix, i, &o) && owned(&o, owner) && o.tag && nat_recognise(o.tag, &r, NULL))
			nat_explain_warn(&sn, &r);
	/* localhost rules only (the word, then the rule): a listing of
	 * others recognises nothing more */
	for (uint32_t i = 0; i < nat_index_count(ix); i++)
		if (nat_index_get(ix, i, &o) && owned(&o, owner) && o.tag && strstr(o.tag, " localhost") &&
		    nat_recognise(o.tag, &r, NULL))
			nat_explain_localnet(&sn, &r);
	nat_seen_free(&sn);
}

static int nat_show(struct ipbox *ib, int argc, char **argv)
{
	char owner[NAT_OWNER_MAX];
	struct nat_session s;
	struct nat_index *ix;
	struct nat_object o;
	int ret = owner_args(argc, argv, owner);

	if (ret)
		return ret;
	ret = session_open(&s, "show");
	if (ret)
		return ret;
	ix = nat_index_new();
	print_doc_begin(ib->pr);
	if (!ix) {
		s.nl.error = ENOMEM;
		ret = -1;
	} else {
		ret = nat_index_read(ix, &s, nat_recognise, NULL);
	}
	for (uint32_t i = 0; ret == 0 && i < nat_index_count(ix); i++)
		if (nat_index_get(ix, i, &o) && owned(&o, owner))
			show_object(ib->pr, ib->stats, &o);
	print_doc_end(ib->pr);	/* -j output stays a valid document */
	if (ret == 0)
		show_explain(ix, owner);
	nat_index_free(ix);
	if (ret < 0)
		return session_fail(&s);
	nat_close(&s);
	return EXIT_OK;
}

/* ---- save ---------------------------------------------------------- */

struct saved {
	uint64_t oldest;
	uint32_t id;
};

static int by_age(const void *a, const void *b)
{
	const struct saved *x = a, *y = b;

	return (x->oldest > y->oldest) - (x->oldest < y->oldest);
}

/* Each rule of ipbox as a batch line, in the order the rules were added
 * (their oldest handles): run in that order, the lines give every chain
 * its rules in the same order again.  What cannot be saved, or not as
 * it is, says so on stderr, one line each. */
static int save_objects(struct printer *p, const struct nat_index *ix, const char *owner)
{
	struct saved *v = malloc((nat_index_count(ix) + 1) * sizeof(*v));
	struct nat_object o;
	uint32_t n = 0;

	if (!v)
		return -1;
	for (uint32_t i = 0; i < nat_index_count(ix); i++) {
		if (!nat_index_get(ix, i, &o) || !owned(&o, owner))
			continue;
		if (o.tag)
			v[n++] = (struct saved){ o.oldest, i };
		else
			fprintf(stderr, "Warning: unknown rule handle %" PRIu64 " not saved: ipbox did not write it.\n",
				o.handle);
	}
	qsort(v, n, sizeof(*v), by_age);
	for (uint32_t i = 0; i < n; i++) {
		nat_index_get(ix, v[i].id, &o);
		if (!o.complete)
			fprintf(stderr, "Warning: incomplete rule handle %" PRIu64 " saved whole.\n", o.handle);
		print_text(p, "nat add %s\n", o.tag);
	}
	free(v);
	return 0;
}

/* Plain text under -j too: a batch for -batch, as route save is a dump. */
static int nat_save(struct ipbox *ib, int argc, char **argv)
{
	char owner[NAT_OWNER_MAX];
	struct nat_session s;
	struct nat_index *ix;
	bool json;
	int ret = owner_args(argc, argv, owner);

	if (ret)
		return ret;
	ret = session_open(&s, "save");
	if (ret)
		return ret;
	ix = nat_index_new();
	ret = ix ? nat_index_read(ix, &s, nat_recognise, NULL) : -1;
	json = print_plain_begin(ib->pr);
	if (ret == 0)
		ret = save_objects(ib->pr, ix, owner);
	print_plain_end(ib->pr, json);
	nat_index_free(ix);
	if (ret < 0) {
		s.nl.error = s.nl.error ? s.nl.error : ENOMEM;
		return session_fail(&s);
	}
	nat_close(&s);
	return EXIT_OK;
}

/* As nft, a name that matches no interface yet is fine, but say so. */
static void warn_ifname(struct nat_seen *sn, const char *name)
{
	if (!*name || !strcmp(name, sn->ifname))
		return;
	if (if_nametoindex(name))
		strcpy(sn->ifname, name);
	else
		fprintf(stderr, "Warning: interface \"%s\" does not exist (yet).\n", name);
}

/* Once per command: nat rules are of little use to a host that does not
 * forward. */
static void warn_forwarding(struct nat_seen *sn, int family)
{
	bool v4_off, v6_off;

	if (!sn->forward_read) {
		sn->forward[0] = nat_forward_get(AF_INET);
		sn->forward[1] = nat_forward_get(AF_INET6);
		sn->forward_read = true;
	}
	v4_off = family != AF_INET6 && sn->forward[0] == 0;
	v6_off = family != AF_INET && sn->forward[1] == 0;
	if (v4_off || v6_off)
		fprintf(stderr, "Warning: %s forwarding is off; \"ip nat forward on\" turns it on.\n",
			v4_off && v6_off ? "IPv4 and IPv6" : v4_off ? "IPv4" : "IPv6");
}

/* Parse a rule and its canonical words; prints the error. */
static int request_parse(struct ipbox *ib, bool only_handle, int argc, char **argv,
			 struct nat_req *q, struct nat_tag *t)
{
	int ret = nat_rule_parse(q, ib->family, only_handle, argc, argv);

	if (ret)
		return ret;
	if (!q->has_rule)
		return 0;
	if (nat_rule_tag(&q->r, t) < 0)
		return nat_bad(q, "rule too long: its words must fit in %d characters.", NAT_TAG_MAX - 1);
	return 0;
}

/* nat_localnet_sync, its failure said: an exit status. */
static int localnet_sync(struct nat_session *s, struct nat_index *ix, enum nat_localnet why)
{
	errno = 0;
	s->nl.error = 0;
	if (nat_localnet_sync(s, ix, nat_recognise, why) == 0)
		return EXIT_OK;
	if (s->nl.error)
		nat_perror(s);
	return EXIT_FAIL;
}

/* ---- add, replace, del ---------------------------------------------- */

static const char *const op_names[] = { [OP_ADD] = "add", [OP_REPLACE] = "replace", [OP_DEL] = "del" };

int nat_change_parse(struct ipbox *ib, enum nat_op op, bool quiet, int argc, char **argv,
		     struct nat_change *c)
{
	int ret;

	*c = (struct nat_change){ .op = op, .q.quiet = quiet };
	ret = request_parse(ib, op == OP_DEL, argc, argv, &c->q, &c->t);
	if (ret)
		return ret;
	if (op != OP_DEL)
		c->q.has_handle = false;	/* show's `handle N`, pasted back */
	return 0;
}

/* localhost turns route_localnet on for the interface its target is
 * reached by: without a route there is none to turn on. */
static void warn_localnet_route(const struct nat_rule *r)
{
	char dev[IF_NAMESIZE], to[INET_ADDRSTRLEN];

	if (r->localhost && nat_localnet_off(&r->to_min, dev) < 0)
		fprintf(stderr, "Warning: no route out to %s: route_localnet cannot be turned on for its "
			"interface (add the route, then \"ip nat replace\" the rule).\n",
			inet_ntop(AF_INET, r->to_min.a, to, sizeof(to)) ? to : "?");
}

void nat_change_warn(struct nat_seen *sn, const struct nat_change *c)
{
	if (c->op == OP_DEL)
		return;
	warn_ifname(sn, c->q.r.iif);
	warn_ifname(sn, c->q.r.oif);
	warn_localnet_route(&c->q.r);
	if (c->q.r.kind != NAT_REDIRECT)	/* stays on the host: nothing forwarded */
		warn_forwarding(sn, c->q.r.family);
	nat_explain_warn(sn, &c->q.r);
}

/* The object del names: by handle (then it must have these words, if
 * any were given), or the first with these words. */
static int del_target(const struct nat_index *ix, const struct nat_change *c, uint32_t *id)
{
	struct nat_object o;

	if (!c->q.has_handle) {
		*id = nat_index_by_words(ix, c->t.s);
		if (*id == NAT_NONE)
			return PLAN_NO_RULE;
		nat_index_get(ix, *id, &o);
		return o.queued ? PLAN_QUEUED : 0;
	}
	*id = nat_index_by_handle(ix, c->q.handle);
	if (*id == NAT_NONE)
		return PLAN_NO_RULE;
	nat_index_get(ix, *id, &o);
	if (c->q.has_rule && (!o.tag || strcmp(o.tag, c->t.s)))
		return PLAN_MISMATCH;
	return 0;
}

/* Whether a rule of these words is there whole (or queued by this run). */
static bool is_there_whole(const struct nat_index *ix, const char *words)
{
	struct nat_object o;

	for (uint32_t id = nat_index_by_words(ix, words); id != NAT_NONE; id = nat_index_next_words(ix, id))
		if (nat_index_get(ix, id, &o) && o.complete)
			return true;
	return false;
}

/* replace: nothing if the rule is there whole; else its incomplete
 * remains (if any) go and it is added. */
static void replace_plan(struct nat_index *ix, const struct nat_change *c, struct nat_txn *t)
{
	for (uint32_t id = nat_index_by_words(ix, c->t.s); id != NAT_NONE; id = nat_index_next_words(ix, id))
		nat_index_delete(ix, id, t);
	nat_index_add(ix, &c->q.r, c->t.s, t);
}

int nat_change_plan(struct nat_index *ix, const struct nat_change *c, struct nat_txn *t)
{
	uint32_t id;
	int ret;

	/* add and replace of a rule that is there whole change nothing:
	 * re-running a script leaves one rule (unlike nft add rule). */
	if (c->op != OP_DEL && is_there_whole(ix, c->t.s))
		return 0;
	switch (c->op) {
	case OP_ADD:
		nat_index_add(ix, &c->q.r, c->t.s, t);
		return 0;
	case OP_REPLACE:
		replace_plan(ix, c, t);
		return 0;
	case OP_DEL:
		ret = del_target(ix, c, &id);
		if (!ret)
			nat_index_delete(ix, id, t);
		return ret;
	}
	return PLAN_NO_RULE;
}

struct attempt {
	struct nat_change *c;
	struct nat_index *ix;
};

/* One round of a change on its own: look, decide, commit.  The commit
 * is checked against the ruleset it looked at, so racing adds and
 * replaces of one rule still add it once. */
static int change_try(struct nat_session *s, void *data)
{
	struct attempt *a = data;
	struct nat_txn t;
	int ret;

	if (nat_index_read(a->ix, s, nat_recognise, NULL) < 0)
		return -1;
	nat_txn_init(&t, s);
	ret = nat_change_plan(a->ix, a->c, &t);
	if (ret) {
		nat_txn_free(&t);
		return ret;
	}
	return nat_txn_commit(&t, true);
}

int nat_change_apply(struct nat_session *s, struct nat_index *ix, struct nat_change *c)
{
	struct attempt a = { c, ix };
	int ret = nat_retry(s, change_try, &a);

	if (ret > 0) {
		fprintf(stderr, "Error: %s.\n", ret == PLAN_MISMATCH ? "the rule with that handle is not that rule"
								 : "no such nat rule");
		return EXIT_FAIL;
	}
	if (ret < 0) {
		nat_perror(s);
		return EXIT_KERNEL;
	}
	return EXIT_OK;
}

/* Whether c may have added a localhost rule, or removed any rule:
 * then route_localnet is brought in step with the rules. */
bool nat_change_localnet(const struct nat_change *c, bool *added)
{
	*added = c->op != OP_DEL && c->q.r.localhost;
	return *added || c->op == OP_DEL;
}

int nat_localnet_step(struct nat_session *s, struct nat_index *ix, bool added)
{
	return localnet_sync(s, ix, added ? NAT_LOCALNET_ADDED : NAT_LOCALNET_GONE);
}

void nat_localnet_preview(const struct nat_change *c)
{
	bool dry = nl_dry_run;
	char dev[IF_NAMESIZE];

	if (c->op == OP_DEL || !c->q.r.localhost)
		return;
	/* the dry run answers no reads: the kernel's route, a read only */
	nl_dry_run = false;
	if (nat_localnet_off(&c->q.r.to_min, dev) == 1)
		printf("nat: would set net.ipv4.conf.%s.route_localnet to 1\n", dev);
	nl_dry_run = dry;
}

static int nat_change(struct ipbox *ib, enum nat_op op, int argc, char **argv)
{
	struct nat_session s;
	struct nat_seen sn = { .forward_read = false };
	struct nat_change c;
	struct nat_index *ix;
	bool added;
	int ret = nat_change_parse(ib, op, false, argc, argv, &c);

	if (ret)
		return ret;
	ret = session_open(&s, op_names[op]);
	if (ret)
		return ret;
	ix = nat_index_new();
	if (!ix) {
		s.nl.error = ENOMEM;
		return session_fail(&s);
	}
	nat_change_warn(&sn, &c);
	nat_seen_free(&sn);
	ret = nat_change_apply(&s, ix, &c);
	if (!ret && nat_change_localnet(&c, &added))
		ret = nat_localnet_step(&s, ix, added);
	nat_index_free(ix);
	nat_close(&s);
	return ret;
}

static int nat_add_cmd(struct ipbox *ib, int argc, char **argv)
{
	return nat_change(ib, OP_ADD, argc, argv);
}

static int nat_replace(struct ipbox *ib, int argc, char **argv)
{
	return nat_change(ib, OP_REPLACE, argc, argv);
}

static int nat_del(struct ipbox *ib, int argc, char **argv)
{
	return nat_change(ib, OP_DEL, argc, argv);
}

/* ---- flush --------------------------------------------------------- */

struct owner_flush {
	struct nat_index *ix;
	const char *owner;
};

/* One round of `flush tag NAME`: every rule of that owner, whole, in one
 * transaction checked against the table it read. */
static int owner_flush_try(struct nat_session *s, void *data)
{
	struct owner_flush *f = data;
	struct nat_object o;
	struct nat_txn t;

	if (nat_index_read(f->ix, s, nat_recognise, NULL) < 0)
		return -1;
	nat_txn_init(&t, s);
	for (uint32_t i = 0; i < nat_index_count(f->ix); i++)
		if (nat_index_get(f->ix, i, &o) && owned(&o, f->owner))
			nat_index_delete(f->ix, i, &t);
	return nat_txn_commit(&t, true);
}

static int nat_flush_cmd(struct ipbox *ib, int argc, char **argv)
{
	char owner[NAT_OWNER_MAX];
	struct owner_flush f = { NULL, owner };
	struct nat_localnet_devs marks;
	struct nat_session s;
	int ret = owner_args(argc, argv, owner), status = EXIT_OK;

	(void)ib;
	if (ret)
		return ret;
	ret = session_open(&s, "flush");
	if (ret)
		return ret;
	f.ix = nat_index_new();
	if (!f.ix) {
		s.nl.error = ENOMEM;
		return session_fail(&s);
	}
	/* the records of route_localnet go with the table: read before it,
	 * the sysctls put back once it is gone (a table that cannot be read
	 * is the flush's to say) */
	if (!*owner && nat_localnet_marks(&s, &marks) < 0) {
		marks.n = 0;
		s.nl.error = 0;
	}
	ret = *owner ? nat_retry(&s, owner_flush_try, &f) : nat_flush(&s);
	if (ret == 0)
		status = *owner ? localnet_sync(&s, f.ix, NAT_LOCALNET_GONE)
				: nat_localnet_release(&marks) < 0 ? EXIT_FAIL : EXIT_OK;
	nat_index_free(f.ix);
	if (ret < 0)
		return session_fail(&s);
	nat_close(&s);
	return status;
}

/* ---- forward ------------------------------------------------------- */

static const struct { int family; const char *key; } fwd_families[] = {
	{ AF_INET, "ipv4" }, { AF_INET6, "ipv6" },
};

static int nat_forward(struct ipbox *ib, int argc, char **argv)
{
	bool set = argc == 1, on = set && !strcmp(argv[0], "on");
	int ret = EXIT_OK;

	if (argc > 1 || (set && !on && strcmp(argv[0], "off")))
		return nat_usage();
	if (set && caps_require(CAP_NET_ADMIN, "nat forward") < 0)
		return EXIT_FAIL;
	print_doc_begin(ib->pr);
	print_open_object(ib->pr, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(fwd_families); i++) {
		int fam = fwd_families[i].family, cur;

		if (ib->family != AF_UNSPEC && ib->family != fam)
			continue;
		if (set && nat_forward_set(fam, on) < 0) {
			fprintf(stderr, "Error: cannot set %s forwarding: %s.\n",
				fwd_families[i].key, strerror(errno));
			ret = EXIT_FAIL;
		}
		cur = nat_forward_get(fam);
		if (cur < 0)
			continue;	/* IPv6 disabled */
		print_text(ib->pr, "%s ", fwd_families[i].key);
		print_bool(ib->pr, PRINT_JSON, fwd_families[i].key, NULL, cur);
		print_text(ib->pr, "%s\n", cur ? "on" : "off");
	}
	print_close_object(ib->pr);
	print_doc_end(ib->pr);
	return ret;
}

static int nat_help(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return nat_usage();
}

/* Abbreviations: a(dd), d(el), r(eplace), l(ist), s(how), sa(ve), f(lush), fo(rward), c(heck). */
static const struct verb nat_verbs[] = {
	{ "add", nat_add_cmd },
	{ "delete", nat_del },
	{ "replace", nat_replace },
	{ "list", nat_show },
	{ "show", nat_show },
	{ "save", nat_save },
	{ "flush", nat_flush_cmd },
	{ "forward", nat_forward },
	{ "check", nat_check },
	{ "help", nat_help },
	{ NULL, NULL },
};

int do_nat(struct ipbox *ib, int argc, char **argv)
{
	return verb_run(ib, nat_verbs, "nat", nat_show, argc, argv);
}

/* The change a -batch line of nat asks for, if a batch run takes it:
 * the verb as nat_verbs resolves it (abbreviations too), by its word. */
bool nat_batch_verb(const char *word, enum nat_op *op)
{
	static const char *const changes[] = { [OP_ADD] = "add", [OP_REPLACE] = "replace", [OP_DEL] = "delete" };
	const struct verb *v = verb_find(nat_verbs, word);

	for (size_t i = 0; v && i < ARRAY_SIZE(changes); i++)
		if (!strcmp(v->word, changes[i]))
			return *op = (enum nat_op)i, true;
	return false;
}

void words_nat(void)
{
	WORDS_TABLE("verb", nat_verbs, word);
	nat_rule_words();
	WORDS_TABLE("json", fwd_families, key);
	nat_check_words();
}
