/* What the argv and reply targets share: ipbox's dispatcher run on an
 * argument vector under the netlink dry run (nothing sent, see
 * netlink/dry.c), with the global options taken from two bytes and the
 * output going to /dev/null or harness_out. */
#ifndef IPBOX_FUZZ_HARNESS_H
#define IPBOX_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#define HARNESS_OPT_BYTES 2

/* The first HARNESS_OPT_BYTES of data as options (-j, -p, -o, -br, -d,
 * -s -s, -c, -4/-6/-0, -force, -all, -h), then ipbox_run(argc, argv). */
int harness_run(const uint8_t *opts, int argc, char **argv);
/* Where the output goes when not -1 (a target that reads it back). */
extern int harness_out;

#endif
