/* ipbox's main(): the applet name (ip, netns, link, ... and busybox's
 * ipnetns, iplink, ...) or --list/--install, then iproute2's global
 * options into struct ipbox; the rest goes to ipbox_run() (dispatch.c)
 * or, with -batch, to batch_run(). */
#include "ipbox.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../args/inet.h"
#include "../caps/caps.h"
#include "../caps/stdfds.h"
#include "../namespace/named.h"
#include "../names/names.h"
#include "echo.h"
#include "rollback.h"
#include "words.h"

enum { COLOR_NEVER, COLOR_ALWAYS, COLOR_AUTO };

/* -c, -color, -color=always|auto|never (iproute2's matches_color). */
static bool parse_color(const char *opt, int *color)
{
	const char *eq = strchr(opt, '=');
	size_t n = eq ? (size_t)(eq - opt) : strlen(opt);
	char word[16];

	if (n >= sizeof(word))
		return false;
	memcpy(word, opt, n);
	word[n] = '\0';
	if (!matches(word, "-color"))
		return false;
	if (!eq || !eq[1] || !strcmp(eq + 1, "always"))
		*color = COLOR_ALWAYS;
	else if (!strcmp(eq + 1, "auto"))
		*color = COLOR_AUTO;
	else if (!strcmp(eq + 1, "never"))
		*color = COLOR_NEVER;
	else
		return false;
	return true;
}

static int opt_family(struct ipbox *ib, const char *val)
{
	if (!strcmp(val, "help"))
		return ipbox_usage();
	ib->family = inet_family_word(val);	/* iproute2's read_family */
	return ib->family == AF_UNSPEC ? arg_invalid("invalid protocol family", val) : 0;
}

static int opt_version(struct ipbox *ib, const char *val)
{
	(void)ib, (void)val;
	printf("ip utility, iproute2-%s, ipbox %s\n", IPROUTE2_VERSION, IPBOX_VERSION);
	exit(EXIT_OK);
}

/* -tshort is -timestamp in its short form. */
static int opt_tshort(struct ipbox *ib, const char *val)
{
	(void)val;
	ib->timestamp++;
	ib->tshort = true;
	return 0;
}

/* -loops N: address flush's rounds, atoi() as iproute2 (0: no limit). */
static int opt_loops(struct ipbox *ib, const char *val)
{
	ib->loops = atoi(val);
	return 0;
}

/* -rcvbuf SIZE: the rtnetlink socket's receive buffer.  iproute2 reads
 * it with strtoul (get_unsigned): a sign or leading blanks pass, "-0"
 * is 0, "-1" is too big. */
static int opt_rcvbuf(struct ipbox *ib, const char *val)
{
	uint64_t size;

	if (arg_u64(val, &size, 0) < 0 || size > UINT32_MAX) {
		fprintf(stderr, "Invalid rcvbuf size '%s'\n", val);
		return EXIT_USAGE;
	}
	ib->rcvbuf = (uint32_t)size;
	ib->rcvbuf_set = true;
	return 0;
}

static int opt_batch(struct ipbox *ib, const char *val)
{
	ib->batch_file = val;
	return 0;
}

static int opt_undo(struct ipbox *ib, const char *val)
{
	ib->undo_file = val;
	return 0;
}

static int opt_help(struct ipbox *ib, const char *val)
{
	(void)ib, (void)val;
	return ipbox_usage();
}

/* Like iproute2, enter the namespace at once, before anything opens. */
static int opt_netns(struct ipbox *ib, const char *val)
{
	if (caps_require(CAP_SYS_ADMIN, "-netns") < 0)
		return EXIT_USAGE;
	ib->netns_name = val;
	return netns_switch(val) < 0 ? EXIT_USAGE : 0;
}

enum opt_kind { OPT_COUNT, OPT_BOOL, OPT_WHOLE_BOOL, OPT_FAMILY, OPT_COLOR, OPT_CALL, OPT_VALUE };

_Static_assert(sizeof(struct ipbox) <= UINT16_MAX, "an option_row's field is an offset in 16 bits");

/* Global options in iproute2's order, which decides abbreviations such as
 * -b (batch, not brief), -f (family, not force), -h (human, not help). */
static const struct option_row {
	const char *name;
	uint8_t kind;		/* enum opt_kind */
	uint16_t field;		/* COUNT, BOOL, WHOLE_BOOL: offset in struct ipbox */
	uint16_t family;	/* FAMILY: exact word, no abbreviation (24-byte rows) */
	int (*call)(struct ipbox *ib, const char *val);	/* CALL, VALUE */
} options[] = {
	{ "-loops", OPT_VALUE, 0, 0, opt_loops },
	{ "-family", OPT_VALUE, 0, 0, opt_family },
	{ "-4", OPT_FAMILY, 0, AF_INET, NULL },
	{ "-6", OPT_FAMILY, 0, AF_INET6, NULL },
	{ "-0", OPT_FAMILY, 0, AF_PACKET, NULL },
	{ "-M", OPT_FAMILY, 0, AF_MPLS, NULL },
	{ "-B", OPT_FAMILY, 0, AF_BRIDGE, NULL },
	{ "-human", OPT_COUNT, offsetof(struct ipbox, human), 0, NULL },
	{ "-human-readable", OPT_COUNT, offsetof(struct ipbox, human), 0, NULL },
	{ "-iec", OPT_BOOL, offsetof(struct ipbox, iec), 0, NULL },
	{ "-stats", OPT_COUNT, offsetof(struct ipbox, stats), 0, NULL },
	{ "-statistics", OPT_COUNT, offsetof(struct ipbox, stats), 0, NULL },
	{ "-details", OPT_COUNT, offsetof(struct ipbox, details), 0, NULL },
	{ "-resolve", OPT_BOOL, offsetof(struct ipbox, resolve), 0, NULL },
	{ "-oneline", OPT_BOOL, offsetof(struct ipbox, oneline), 0, NULL },
	{ "-timestamp", OPT_COUNT, offsetof(struct ipbox, timestamp), 0, NULL },
	{ "-tshort", OPT_CALL, 0, 0, opt_tshort },
	{ "-Version", OPT_CALL, 0, 0, opt_version },
	{ "-force", OPT_BOOL, offsetof(struct ipbox, force), 0, NULL },
	{ "-batch", OPT_VALUE, 0, 0, opt_batch },
	{ "-brief", OPT_BOOL, offsetof(struct ipbox, brief), 0, NULL },
	{ "-json", OPT_BOOL, offsetof(struct ipbox, json), 0, NULL },
	{ "-pretty", OPT_BOOL, offsetof(struct ipbox, pretty), 0, NULL },
	{ "-rcvbuf", OPT_VALUE, 0, 0, opt_rcvbuf },
	{ "-color", OPT_COLOR, 0, 0, NULL },
	{ "-help", OPT_CALL, 0, 0, opt_help },
	{ "-netns", OPT_VALUE, 0, 0, opt_netns },
	{ "-Numeric", OPT_BOOL, offsetof(struct ipbox, numeric), 0, NULL },
	{ "-all", OPT_BOOL, offsetof(struct ipbox, all), 0, NULL },
	{ "-echo", OPT_WHOLE_BOOL, offsetof(struct ipbox, echo), 0, NULL },
	/* ipbox's own, after iproute2's: -a stays -all, -c -color */
	{ "-atomic", OPT_BOOL, offsetof(struct ipbox, atomic), 0, NULL },
	{ "-undo", OPT_VALUE, 0, 0, opt_undo },
	{ "-check", OPT_BOOL, offsetof(struct ipbox, check), 0, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static const struct option_row *option_find(const char *opt, int *color)
{
	for (const struct option_row *o = options; o->name; o++) {
		if (o->kind == OPT_COLOR ? parse_color(opt, color) :
		    keyword_is(opt, o->name, o->kind == OPT_FAMILY || o->kind == OPT_WHOLE_BOOL))
			return o;
	}
	return NULL;
}

static int option_apply(struct ipbox *ib, const struct option_row *o, const char *val)
{
	switch (o->kind) {
	case OPT_COUNT:
		(*(int *)((char *)ib + o->field))++;
		return 0;
	case OPT_BOOL:
	case OPT_WHOLE_BOOL:
		*(bool *)((char *)ib + o->field) = true;
		return 0;
	case OPT_FAMILY:
		ib->family = o->family;
		return 0;
	case OPT_COLOR:
		return 0;
	case OPT_CALL:
	case OPT_VALUE:
		return o->call(ib, val);
	}
	return 0;
}

/* Consume leading options; returns the index of the first non-option word,
 * or a negative exit status. */
static int parse_options(struct ipbox *ib, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *opt = argv[i];
		const struct option_row *o;
		int ret;

		if (!strcmp(opt, "--")) {
			i++;
			break;
		}
		if (opt[0] != '-')
			break;
		if (opt[1] == '-')
			opt++;
		o = option_find(opt, &ib->color);
		if (!o) {
			fprintf(stderr, "Option \"%s\" is unknown, try \"ip -help\".\n", opt);
			return -EXIT_USAGE;
		}
		if (o->kind == OPT_VALUE && i + 1 >= argc)
			return -ipbox_usage();
		ret = option_apply(ib, o, o->kind == OPT_VALUE ? argv[++i] : NULL);
		if (ret)
			return -ret;
	}
	return i;
}

/* ipbox --words OBJECT (cmd/words.h); `ip` adds the global options. */
static int words(int argc, char **argv)
{
	if (argc != 1)
		return ipbox_usage();
	if (!strcmp(argv[0], "ip"))
		WORDS_TABLE("option", options, name);
	return ipbox_words(argv[0]);
}

int main(int argc, char **argv)
{
	static struct printer pr;
	const struct applet *app = applet_find(argv[0]);
	struct ipbox ib = { .family = AF_UNSPEC, .pr = &pr, .loops = 10, .print_echoed = echo_print };
	int first, status;

	/* Before anything opens or acts (caps/): no socket may take a
	 * closed stdout, and file capabilities go as in iproute2. */
	if (stdfds_hold() < 0)
		return EXIT_FAIL;
	if (caps_drop_file() < 0) {
		fprintf(stderr, "Cannot drop capabilities: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	if (!app && argc > 1 && !strcmp(argv[1], "--list"))
		return applet_list();
	if (!app && argc > 1 && !strcmp(argv[1], "--install"))
		return applet_install(argc - 2, argv + 2);
	if (!app && argc > 1 && !strcmp(argv[1], "--words"))
		return words(argc - 2, argv + 2);

	first = parse_options(&ib, argc, argv);
	if (first < 0)
		return -first;
	print_init(&pr, STDOUT_FILENO, ib.json, ib.pretty, ib.oneline,
		   ib.color == COLOR_ALWAYS || (ib.color == COLOR_AUTO && isatty(STDOUT_FILENO)));
	pr.iec = ib.iec;
	names_numeric = ib.numeric;
	inet_resolve = ib.resolve;

	if (ib.undo_file)
		return ipbox_finish(&ib, ib.batch_file || ib.atomic || ib.check || first < argc ?
					 ipbox_usage() : do_undo(ib.undo_file));
	if (ib.atomic && ib.force) {
		fprintf(stderr, "-atomic stops at the first failure: it cannot go with -force\n");
		return EXIT_USAGE;
	}
	if (ib.batch_file)
		return ipbox_finish(&ib, batch_run(&ib, ib.batch_file));
	if (app && app->object) {
		/* An applet is its object: `netns add x` = `ipbox netns add x`. */
		argv[first - 1] = (char *)app->object;
		first--;
	}
	if (first < argc && ib.check) {
		status = check_command(&ib, argc - first, argv + first);
	} else if (first < argc && ib.atomic) {
		status = batch_command(&ib, argc - first, argv + first);
	} else if (first < argc) {
		status = ipbox_run(&ib, argc - first, argv + first);
	} else {
		status = ipbox_usage();
	}
	return ipbox_finish(&ib, status);
}
