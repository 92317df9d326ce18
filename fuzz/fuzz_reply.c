/* libFuzzer target: every reply parser and printer, in every output mode,
 * fed arbitrary netlink messages as the kernel's answers.  The input is
 * two bytes of global options (harness.h), one byte choosing a command
 * below, then records: a tag (the low byte of the request type they
 * answer), a little-endian u16 length and that many bytes of messages.
 * Each request ipbox sends (under the netlink dry run) takes the next
 * record with its tag, then the ack or end of dump the dry run adds;
 * lengths, attributes, nests and counts are whatever the fuzzer wrote.
 * fuzz/capture records real answers as seeds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../netlink/nl.h"
#include "harness.h"

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
	harness_run(data, argc, argv);
	return 0;
}
