/* A strict reader for what `-j` prints: zero or more JSON texts (RFC 8259)
 * separated by white space, all of it well-formed UTF-8 (RFC 3629).  The
 * fuzz targets check ipbox's output with it. */
#ifndef IPBOX_FUZZ_JSON_CHECK_H
#define IPBOX_FUZZ_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* NULL if buf[0..n) is valid, else a word on what is wrong. */
const char *json_check(const char *buf, size_t n);

#endif
