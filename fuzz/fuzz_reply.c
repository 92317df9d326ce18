/* libFuzzer target: every reply parser and printer, in every output mode,
 * fed arbitrary netlink messages as the kernel's answers.  The input is
 * two bytes of global options (harness.h), one byte choosing a command
 * below, then records: a tag (the low byte of the request type they
 * answer), a little-endian u16 length and that many bytes of messages.
 * Each request ipbox sends (under the netlink dry run) takes the next
 * record with its tag, then the ack or end of dump the dry run adds;
 * lengths, attributes, nests and counts are whatever the fuzzer wrote.
 * fuzz/capture records real answers as seeds.  Under -j the output is read
 * back and must be valid JSON in well-formed UTF-8 (fuzz/json_check.c),
 * whatever names and aliases the answers carry. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../netlink/nl.h"
#include "harness.h"
#include "json_check.h"

#define MAX_RECORDS 64

static const char *const commands[][12] = {
	{ "link", "show" },
	{ "link", "show", "dev", "d0" },
	{ "address", "show" },
	{ "address", "show", "dev", "d0" },
	{ "route", "show", "table", "all" },
	{ "route", "get", "10.0.0.1" },
	{ "neighbor", "show" },
	{ "neighbor", "get", "10.0.0.1", "dev", "d0" },
	{ "netns", "list-id" },
	{ "nat", "list" },
	{ "address", "flush", "dev", "d0" },
	{ "route", "flush", "dev", "d0" },
	{ "neighbor", "flush", "dev", "d0" },
	{ "link", "show", "master", "d0" },
	{ "route", "show", "cache" },
	{ "address", "show", "to", "10.0.0.0/8" },
	/* nat lookups: the handles and chains of a dump name what is
	 * deleted (foreign chains and tables included) */
	{ "nat", "del", "handle", "4" },
	{ "nat", "replace", "masquerade", "oif", "v0" },
	{ "nat", "del", "dnat", "iif", "v0", "proto", "tcp", "dport", "8080", "to", "198.51.100.5:80" },
	/* events: records tagged 0 (nl_dry_events) */
	{ "monitor" },
	{ "monitor", "all-nsid", "label", "dev", "d0" },
	{ "tuntap", "show" },
	/* rule and nexthop printers; route show -d asks for each nhid */
	{ "rule", "show" },
	{ "rule", "flush" },
	{ "nexthop", "show" },
	{ "nexthop", "flush" },
	{ "nexthop", "get", "id", "1" },
	{ "nexthop", "bucket", "show" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static struct record {
	uint8_t tag;
	bool used;
	size_t len;
	const uint8_t *data;
} records[MAX_RECORDS];
static int nrecords;

static size_t answer(const struct nlmsghdr *req, void *buf, size_t size)
{
	for (int i = 0; i < nrecords; i++) {
		struct record *r = &records[i];

		if (r->used || r->tag != (req->nlmsg_type & 0xff))
			continue;
		r->used = true;
		size = r->len < size ? r->len : size;
		memcpy(buf, r->data, size);
		return size;
	}
	return 0;
}

/* As in iproute2 6.1, flush and neigh get print plain text under -j. */
static bool prints_json(char **argv)
{
	if (!argv[1])
		return true;	/* monitor */
	return strcmp(argv[1], "flush") != 0 &&
	       !(strcmp(argv[0], "neighbor") == 0 && strcmp(argv[1], "get") == 0);
}

/* What -j printed must be JSON a strict parser takes. */
static void check_json_output(void)
{
	static char out[1 << 20];
	ssize_t n = pread(harness_out, out, sizeof(out), 0);
	const char *err;

	if (n < 0 || n == (ssize_t)sizeof(out))
		return;		/* unreadable or too big to judge */
	err = json_check(out, (size_t)n);
	if (err) {
		fprintf(stderr, "invalid -j output (%s):\n%.*s\n", err, (int)n, out);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + HARNESS_OPT_BYTES + 1, *end = data + size;
	char *argv[12];
	int argc = 0;

	if (size < HARNESS_OPT_BYTES + 1)
		return 0;
	for (nrecords = 0; nrecords < MAX_RECORDS && end - p >= 3; nrecords++) {
		struct record *r = &records[nrecords];
		size_t len = p[1] | (size_t)p[2] << 8;

		r->tag = p[0];
		r->used = false;
		r->data = p + 3;
		r->len = len < (size_t)(end - r->data) ? len : (size_t)(end - r->data);
		p = r->data + r->len;
	}
	for (const char *const *w = commands[data[HARNESS_OPT_BYTES] % NCOMMANDS]; *w && argc < 11; w++)
		argv[argc++] = (char *)*w;
	argv[argc] = NULL;
	nl_dry_answer = answer;
	if (harness_out < 0)
		harness_out = memfd_create("fuzz_reply", MFD_CLOEXEC);
	if (harness_out < 0 || ftruncate(harness_out, 0) < 0 || lseek(harness_out, 0, SEEK_SET) < 0)
		abort();
	harness_run(data, argc, argv);
	if ((data[0] & 1) && prints_json(argv))
		check_json_output();
	return 0;
}
