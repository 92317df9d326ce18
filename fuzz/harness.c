#include "harness.h"
#include "../cmd/echo.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>

#include "../cmd/ipbox.h"

static const int families[] = { AF_UNSPEC, AF_INET, AF_INET6, AF_PACKET };

int harness_out = -1;

int harness_run(const uint8_t *opts, int argc, char **argv)
{
	static struct printer pr;
	static int devnull = -1;
	struct ipbox ib = {
		.json = opts[0] & 1, .pretty = opts[0] & 2, .oneline = opts[0] & 4,
		.brief = opts[0] & 8, .details = (opts[0] >> 4) & 1,
		.stats = (opts[0] >> 5) & 3, .color = opts[0] >> 7,
		.family = families[opts[1] & 3], .force = opts[1] & 4,
		.all = opts[1] & 8, .human = (opts[1] >> 4) & 1,
		.echo = (opts[1] >> 5) & 1, .numeric = (opts[1] >> 6) & 1,
		.loops = 10, .print_echoed = echo_print, .pr = &pr,
	};
	int status;

	nl_dry_run = true;
	if (devnull < 0) {
		devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
		/* rule restore reads stdin: an empty one, never a wait */
		if (!freopen("/dev/null", "r", stdin))
			return EXIT_FAIL;
	}
	print_init(&pr, harness_out >= 0 ? harness_out : devnull, ib.json, ib.pretty, ib.oneline, ib.color);
	status = ipbox_run(&ib, argc, argv);
	return ipbox_finish(&ib, status);
}
