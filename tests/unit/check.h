/* check.h: the assertions of the unit tests of common/. Each test program
 * ends with CHECK_DONE(), which prints "NAME: N passed, N failed". */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond) do {						\
	if (cond)							\
		check_passed++;						\
	else {								\
		check_failed++;						\
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
	}								\
} while (0)

/* Compare a (ptr, len) result with an expected C string. */
#define CHECK_MEM(p, n, want) do {					\
	const char *check_w = (want);					\
	size_t check_n = (n);						\
	if (check_n == strlen(check_w) &&				\
	    memcmp((p), check_w, check_n) == 0)				\
		check_passed++;						\
	else {								\
		check_failed++;						\
		fprintf(stderr, "%s:%d: got \"%.*s\", want \"%s\"\n",	\
		    __FILE__, __LINE__, (int)check_n, (const char *)(p),	\
		    check_w);						\
	}								\
} while (0)

#define CHECK_DONE(name) (printf("%s: %d passed, %d failed\n", (name),	\
	check_passed, check_failed), check_failed != 0)

#endif
