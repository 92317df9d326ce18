/* A minimal unit-test harness: CHECK(cond) records a failure with its
 * line; each TEST prints "ok"/"not ok" and unit_done() the totals. */
#ifndef IPBOX_UNIT_H
#define IPBOX_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed_checks, unit_passed, unit_failed;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, \
				__LINE__, #cond);                              \
			unit_failed_checks++;                                  \
		}                                                              \
	} while (0)

#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		if (strcmp(g_, w_) != 0) {                                     \
			fprintf(stderr, "  %s:%d: got   \"%s\"\n  want  \"%s\"\n", \
				__FILE__, __LINE__, g_, w_);                   \
			unit_failed_checks++;                                  \
		}                                                              \
	} while (0)

#define RUN(fn)                                                                \
	do {                                                                   \
		int before_ = unit_failed_checks;                              \
		fn();                                                          \
		if (unit_failed_checks == before_) {                           \
			unit_passed++;                                         \
			printf("ok %s\n", #fn);                                \
		} else {                                                       \
			unit_failed++;                                         \
			printf("not ok %s\n", #fn);                            \
		}                                                              \
	} while (0)

static inline int unit_done(void)
{
	return unit_failed ? 1 : 0;
}

#endif
