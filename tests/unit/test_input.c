/* test_input.c: unit tests of common/input.c (line reading). */
#include <stdlib.h>
#include <unistd.h>

#include "ns.h"
#include "check.h"

static char path[] = "/tmp/ns-test-input-XXXXXX";

static void
put(const char *s, size_t n)
{
	FILE *fp = fopen(path, "wb");

	fwrite(s, 1, n, fp);
	fclose(fp);
}

int
main(void)
{
	struct ns_input in;
	char *names[1] = { path }, *bad = NULL;
	size_t badlen = 0;
	FILE *badfp;
	int fd = mkstemp(path);

	close(fd);

	/* LF mode: a final line without \n is a line; a BOM is dropped
	 * and still counted in offsets; \r stays in the line. */
	put("\xef\xbb\xbf{\"a\":1}\r\n\nlast", 17);
	ns_input_init(&in, names, 1, NS_EOL_LF, 100, NULL);
	CHECK(ns_input_next(&in) == NS_READ_LINE);
	CHECK_MEM(in.line, in.len, "{\"a\":1}\r");
	CHECK(in.lineno == 1 && in.offset == 3);
	CHECK(ns_input_next(&in) == NS_READ_LINE);
	CHECK(in.len == 0 && in.lineno == 2 && in.offset == 12);
	CHECK(ns_input_next(&in) == NS_READ_LINE);
	CHECK_MEM(in.line, in.len, "last");
	CHECK(in.lineno == 3 && in.offset == 13);
	CHECK(ns_input_next(&in) == NS_READ_FILEEND);
	CHECK(ns_input_next(&in) == NS_READ_EOF);
	ns_input_free(&in);

	/* ANY mode: CR, LF and CRLF each end one line. */
	put("a\rb\r\nc\nd", 8);
	ns_input_init(&in, names, 1, NS_EOL_ANY, 100, NULL);
	CHECK(ns_input_next(&in) == NS_READ_LINE && in.len == 1 && *in.line == 'a');
	CHECK(ns_input_next(&in) == NS_READ_LINE && in.len == 1 && *in.line == 'b');
	CHECK(in.offset == 2);
	CHECK(ns_input_next(&in) == NS_READ_LINE && in.len == 1 && *in.line == 'c');
	CHECK(in.offset == 5 && in.lineno == 3);
	CHECK(ns_input_next(&in) == NS_READ_LINE && in.len == 1 && *in.line == 'd');
	CHECK(ns_input_next(&in) == NS_READ_FILEEND);
	ns_input_free(&in);

	/* A line over the limit is skipped, copied to the bad stream, and
	 * the next line still read. Lines longer than the read buffer. */
	{
		size_t big = 200000, i;
		char *s = malloc(big + 10);

		for (i = 0; i < big; i++)
			s[i] = 'x';
		memcpy(s + big, "\nok\n", 4);
		put(s, big + 4);
		badfp = open_memstream(&bad, &badlen);
		ns_input_init(&in, names, 1, NS_EOL_LF, 1000, badfp);
		CHECK(ns_input_next(&in) == NS_READ_TOOLONG);
		CHECK(in.toolong == big);
		CHECK(ns_input_next(&in) == NS_READ_LINE);
		CHECK_MEM(in.line, in.len, "ok");
		CHECK(in.lineno == 2);
		ns_input_free(&in);
		fclose(badfp);
		CHECK(badlen == big + 1 && bad[big] == '\n' && bad[0] == 'x');
		free(bad);

		/* The same line under a larger limit, in one piece. */
		ns_input_init(&in, names, 1, NS_EOL_LF, big, NULL);
		CHECK(ns_input_next(&in) == NS_READ_LINE);
		CHECK(in.len == big && in.line[big - 1] == 'x');
		ns_input_free(&in);
		free(s);
	}

	/* A missing operand is an error, and the next operand is read. */
	{
		char *two[2] = { "/nonexistent/ns-test", path };

		put("z\n", 2);
		ns_input_init(&in, two, 2, NS_EOL_LF, 100, NULL);
		CHECK(ns_input_next(&in) == NS_READ_ERROR);
		CHECK(in.errnum != 0);
		CHECK(strcmp(in.name, "/nonexistent/ns-test") == 0);
		CHECK(ns_input_next(&in) == NS_READ_LINE && *in.line == 'z');
		CHECK(ns_input_next(&in) == NS_READ_FILEEND);
		CHECK(ns_input_next(&in) == NS_READ_EOF);
		ns_input_free(&in);
	}

	/* An empty file: no line at all. */
	put("", 0);
	ns_input_init(&in, names, 1, NS_EOL_ANY, 100, NULL);
	CHECK(ns_input_next(&in) == NS_READ_FILEEND);
	CHECK(ns_input_next(&in) == NS_READ_EOF);
	ns_input_free(&in);

	unlink(path);
	return CHECK_DONE("test_input");
}
