/* test_front.c: unit tests of common/front.c (static-site sources). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"
#include "check.h"

static struct ns_buf got;

/* Each line as "R:text": H header, T title, F furniture, S separator,
 * X text given back; "-" for a line the caller reads itself. */
static void
out(enum ns_front_role role, const char *s, size_t n, uint64_t line,
    uint64_t byte, void *ctx)
{
	(void)line;
	(void)byte;
	(void)ctx;
	ns_buf_addc(&got, "XHTFS"[role]);
	ns_buf_addc(&got, ':');
	ns_buf_add(&got, s, n);
	ns_buf_addc(&got, '\n');
}

static void
feed(const char *text, const char *want)
{
	struct ns_front f = { 0 };
	const char *p = text, *e;
	uint64_t ln = 0;

	ns_buf_reset(&got);
	for (; *p; p = e + 1) {
		e = strchr(p, '\n');
		if (!ns_front_line(&f, p, (size_t)(e - p), ++ln, 0, out,
		    NULL)) {
			ns_buf_adds(&got, "-:");
			ns_buf_add(&got, p, (size_t)(e - p));
			ns_buf_addc(&got, '\n');
		}
	}
	ns_front_flush(&f, out, NULL);
	CHECK_MEM(got.p ? got.p : "", got.len, want);
	ns_front_free(&f);
}

static void
title(const char *line, const char *want)
{
	struct ns_buf b = { 0 };
	size_t n = ns_front_title(&b, line, strlen(line));

	CHECK(n == b.len);
	CHECK_MEM(b.p ? b.p : "", b.len, want);
	ns_buf_free(&b);
}

int
main(void)
{
	int i;
	struct ns_buf big = { 0 };

	CHECK(ns_front_header("==> a.md <==", 12));
	CHECK(!ns_front_header("==> a.md", 8));
	CHECK(!ns_front_header("==>  <==", 8));

	/* Titles: quotes removed, YAML's '' and "\"" undone. */
	title("title: \"A \\\"b\\\" c\"", "A \"b\" c");
	title("title: 'Mills: the line''s end'", "Mills: the line's end");
	title("title = \"Sea wall\"  ", "Sea wall");
	title("title: Plain words", "Plain words");
	title("title: >-", "");
	title("title:", "");
	title("titles: x", "");
	title("subtitle: x", "");

	/* YAML at the start of the input: delimiters are separators. */
	feed("---\nlayout: post\ntitle: \"T\"\ntags:\n  - a\n---\n\nBody.\n",
	    "S:---\nF:layout: post\nT:title: \"T\"\nF:tags:\nF:  - a\n"
	    "S:---\n-:\n-:Body.\n");
	/* TOML under a header: "+++" is furniture; a table, an indented
	 * key. */
	feed("Text.\n\n==> p/b.md <==\n+++\ntitle = \"T\"\n[params]\n"
	    "  a = 1\n+++\nBody.\n",
	    "-:Text.\n-:\nH:==> p/b.md <==\nF:+++\nT:title = \"T\"\n"
	    "F:[params]\nF:  a = 1\nF:+++\n-:Body.\n");
	/* A "---" under a header over prose is no front matter: the held
	 * lines go back as text, in order, before the line. */
	feed("==> a <==\n---\nNote: one\nThe council met.\n",
	    "H:==> a <==\nX:---\nX:Note: one\n-:The council met.\n");
	/* A separator anywhere else is the caller's. */
	feed("Text.\n---\ntitle: x\n---\n",
	    "-:Text.\n-:---\n-:title: x\n-:---\n");
	/* Unclosed at the end of the input: given back. */
	feed("---\ntitle: x\n", "X:---\nX:title: x\n");
	/* Only the first title line is the title. */
	feed("---\ntitle: a\ntitle: b\n...\n",
	    "S:---\nT:title: a\nF:title: b\nS:...\n");
	/* Over NS_FRONT_LINES lines: no front matter. */
	ns_buf_adds(&big, "---\n");
	for (i = 0; i < NS_FRONT_LINES + 5; i++)
		ns_buf_adds(&big, "k: v\n");
	ns_buf_adds(&big, "---\n");
	ns_buf_addc(&big, '\0');
	{
		struct ns_front f = { 0 };
		const char *p = big.p, *e;
		uint64_t ln = 0;
		int took = 0;

		ns_buf_reset(&got);
		for (; *p; p = e + 1) {
			e = strchr(p, '\n');
			took += ns_front_line(&f, p, (size_t)(e - p), ++ln, 0,
			    out, NULL);
		}
		ns_front_flush(&f, out, NULL);
		CHECK(strstr(got.p, "T:") == NULL && strstr(got.p, "S:") ==
		    NULL);
		CHECK(strncmp(got.p, "X:---\n", 6) == 0);
		ns_front_free(&f);
	}
	ns_buf_free(&big);
	ns_buf_free(&got);
	return CHECK_DONE("front");
}
