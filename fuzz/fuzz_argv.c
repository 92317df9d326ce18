/* libFuzzer target: the command line of every object.  Two bytes of
 * global options (harness.h), then the words of an argument vector
 * separated by NULs, the object first.  Requests are built and checked
 * but never sent (the netlink dry run); interface names resolve to a fake
 * index.  netns verbs that act on the machine (add, attach, delete, set,
 * exec, monitor) are left out: they create files, switch namespaces,
 * start programs or wait forever; so are tuntap add and del (ioctls on
 * /dev/net/tun) and monitor's file (any file, a FIFO too). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../args/args.h"
#include "harness.h"

#define MAX_ARGS 64

static bool netns_acts(int argc, char **argv)
{
	static const char *const reads[] = {
		"list", "show", "lst", "list-id", "help", "identify", "pids", NULL,
	};

	/* Every word that may resolve to netns is a prefix of it. */
	if (!matches(argv[0], "netns") || argc < 2)
		return false;
	for (const char *const *r = reads; *r; r++)
		if (!strcmp(argv[1], *r))
			return false;
	return true;
}

/* tuntap add|del, `monitor ... file F`: words that reach the machine. */
static bool other_acts(int argc, char **argv)
{
	if (matches(argv[0], "tuntap") && strlen(argv[0]) >= 4)
		return argc > 1 && (matches(argv[1], "add") || matches(argv[1], "delete"));
	if (matches(argv[0], "monitor") && strlen(argv[0]) >= 2) {
		for (int i = 1; i < argc; i++)
			if (matches(argv[i], "file"))
				return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *words, *argv[MAX_ARGS + 1];
	size_t n;
	int argc = 0;

	if (size <= HARNESS_OPT_BYTES || size > 4096)
		return 0;
	n = size - HARNESS_OPT_BYTES;
	words = malloc(n + 1);
	if (!words)
		return 0;
	memcpy(words, data + HARNESS_OPT_BYTES, n);
	words[n] = '\0';
	for (char *w = words; w <= words + n && argc < MAX_ARGS; w += strlen(w) + 1)
		argv[argc++] = w;
	argv[argc] = NULL;
	if (!netns_acts(argc, argv) && !other_acts(argc, argv))
		harness_run(data, argc, argv);
	free(words);
	return 0;
}
