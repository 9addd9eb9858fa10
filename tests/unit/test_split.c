/* test_split.c: unit tests of common/split.c (articles out of raw text). */
#include <stdlib.h>

#include "ns.h"
#include "check.h"

static struct ns_buf got;	/* "title|text|line\n" per article */

static void
collect(const struct ns_article *a, void *ctx)
{
	char num[32];

	(void)ctx;
	ns_buf_add(&got, a->title, a->tlen);
	ns_buf_addc(&got, '|');
	ns_buf_add(&got, a->text, a->xlen);
	snprintf(num, sizeof(num), "|%llu\n", (unsigned long long)a->line);
	ns_buf_adds(&got, num);
}

/* Split text (lines apart by \n) and compare what came out. */
static void
split(struct ns_rules *r, size_t max, const char *text, const char *want,
    int line)
{
	struct ns_splitter *sp = ns_splitter_new(r, max, collect, NULL, NULL);
	const char *p = text, *nl;
	uint64_t n = 0;

	ns_buf_reset(&got);
	ns_buf_reserve(&got, 0);
	for (;;) {
		nl = strchr(p, '\n');
		ns_splitter_line(sp, p, nl ? (size_t)(nl - p) : strlen(p),
		    "t", ++n, (uint64_t)(p - text));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	ns_splitter_flush(sp);
	ns_splitter_free(sp);
	if (strcmp(got.p, want) == 0)
		check_passed++;
	else {
		check_failed++;
		fprintf(stderr, "test_split.c:%d: got:\n%s--- want:\n%s---\n",
		    line, got.p, want);
	}
}

#define SPLIT(r, text, want) split((r), 1 << 20, (text), (want), __LINE__)

#define P1 "The first paragraph of the story runs on for a while, as news does."
#define P2 "A second paragraph adds detail, quotes and figures to the report here."

int
main(void)
{
	struct ns_rules r = { 0 };
	char err[256];

	CHECK(ns_rules_parse(&r, ns_builtin_rules, ns_builtin_rules_len,
	    "built-in", err, sizeof(err)) == 0);

	/* End markers and the trailer after them stay with the article. */
	SPLIT(&r, "Title one\n\n" P1 "\n\nLink to original source\n\n"
	    "Let's block ads! (Why?)\n\nTitle two\n\n" P2,
	    "Title one|" P1 "\n\nLink to original source\n\n"
	    "Let's block ads! (Why?)|1\n"
	    "Title two|" P2 "|9\n");

	/* A marker in the first block (title, summary, marker) ends it. */
	SPLIT(&r, "Title one\n" P1 "\nLink to original source\n\nTitle two\n"
	    P2 "\nLink to original source",
	    "Title one|" P1 "\nLink to original source|1\n"
	    "Title two|" P2 "\nLink to original source|5\n");

	/* A short sub-heading is not a headline. */
	SPLIT(&r, "Title one\n\n" P1 "\n\nMore collaboration\n\n" P2,
	    "Title one|" P1 "\n\nMore collaboration\n\n" P2 "|1\n");

	/* A headline with no marker before it starts an article. */
	SPLIT(&r, "Title one\n\n" P1 "\n\n"
	    "Regulators approve the merger of two regional banks\n\n" P2,
	    "Title one|" P1 "|1\n"
	    "Regulators approve the merger of two regional banks|" P2 "|5\n");

	/* ... but not without a paragraph after it, nor after a colon. */
	SPLIT(&r, "Title one\n\n" P1 "\n\n"
	    "Regulators approve the merger of two regional banks",
	    "Title one|" P1 "\n\n"
	    "Regulators approve the merger of two regional banks|1\n");
	SPLIT(&r, "Title one\n\nThe banks said:\n\n"
	    "Regulators approve the merger of two regional banks\n\n" P2,
	    "Title one|The banks said:\n\n"
	    "Regulators approve the merger of two regional banks\n\n" P2
	    "|1\n");

	/* Credits under the new headline go with it. */
	SPLIT(&r, "Title one\n\n" P1 "\n\n"
	    "Regulators approve the merger of two regional banks\n\n"
	    "Ann Fox/Getty Images\n\n" P2,
	    "Title one|" P1 "|1\n"
	    "Regulators approve the merger of two regional banks|"
	    "Ann Fox/Getty Images\n\n" P2 "|5\n");

	/* A headline over a credit line in its paragraph starts one too. */
	SPLIT(&r, "Title one\n\n" P1 "\n\n"
	    "Regulators approve the merger of two regional banks\n"
	    "Reuters \xc2\xb7 2 hours ago\n\n" P2,
	    "Title one|" P1 "|1\n"
	    "Regulators approve the merger of two regional banks|"
	    "Reuters \xc2\xb7 2 hours ago\n\n" P2 "|5\n");

	/* Boilerplate over a headline in its paragraph is split off. */
	SPLIT(&r, "Title one\n\n" P1 "\n\nLocal news\n"
	    "Regulators approve the merger of two regional banks\n"
	    "Reuters \xc2\xb7 2 hours ago\n\n" P2,
	    "Title one|" P1 "\n\nLocal news|1\n"
	    "Regulators approve the merger of two regional banks|"
	    "Reuters \xc2\xb7 2 hours ago\n\n" P2 "|6\n");

	/* ... and when the line under it is no headline, the paragraph
	 * stays one. */
	SPLIT(&r, "Title one\n\n" P1 "\n\nAdvertisement\n"
	    "the union said talks would resume on Monday.",
	    "Title one|" P1 "\n\nAdvertisement\n"
	    "the union said talks would resume on Monday.|1\n");

	/* After a question sub-heading, a question is another one. */
	SPLIT(&r, "Title one\n\n" P1 "\n\nWhy are drivers striking?\n\n"
	    P2 "\n\nCan I get a refund now?\n\n" P1,
	    "Title one|" P1 "\n\nWhy are drivers striking?\n\n" P2
	    "\n\nCan I get a refund now?\n\n" P1 "|1\n");
	SPLIT(&r, "Title one\n\n" P1 "\n\nCan I get a refund now?\n\n" P2,
	    "Title one|" P1 "|1\nCan I get a refund now?|" P2 "|5\n");

	/* A release's end matter after its end mark stays with it. */
	SPLIT(&r, "Title one\n\n" P1 "\n\n# # #\n\nAbout Acme Corp\n\n"
	    "Acme makes widgets.\n\n###\n\nTitle two\n\n" P2,
	    "Title one|" P1 "\n\nAbout Acme Corp\n\nAcme makes widgets.|1\n"
	    "Title two|" P2 "|13\n");

	/* Separator lines and form feeds. */
	SPLIT(&r, "A\n\n" P1 "\n---\nB\n\n" P2 "\n\n=====\n",
	    "A|" P1 "|1\nB|" P2 "|5\n");
	SPLIT(&r, "A\n" P1 "\fB\n" P2,
	    "A|" P1 "|1\nB|" P2 "|2\n");

	SPLIT(&r, "A\n\n" P1 "\n\n* * *\n\nB\n\n" P2 "\n###\nC\n\n" P1
	    "\n\n______\nD\n\n" P2 "\n\n- item one\n- - item",
	    "A|" P1 "|1\nB|" P2 "|7\nC|" P1 "|11\n"
	    "D|" P2 "\n\n- item one\n- - item|16\n");

	/* Boilerplate before a headline stays in the text. */
	SPLIT(&r, "Advertisement\n\nTitle one\n\n" P1,
	    "Title one|Advertisement\n\n" P1 "|3\n");

	/* Plain text with no headline: no title, one article. */
	SPLIT(&r, P1 "\n" P2 "\n\n" P2,
	    "|" P1 "\n" P2 "\n\n" P2 "|1\n");

	/* A hard-wrapped first paragraph is not a title. */
	SPLIT(&r, "The company said on Monday that its sales had\n"
	    "risen by a third.",
	    "|The company said on Monday that its sales had\n"
	    "risen by a third.|1\n");

	/* Title on the line right above its text. */
	SPLIT(&r, "Title one\n" P1,
	    "Title one|" P1 "|1\n");

	/* Blank runs collapse to one paragraph break; trailing spaces go. */
	SPLIT(&r, "T  \n\n\n\n" P1 "   \n\n\n" P2 "\n\n\n",
	    "T|" P1 "\n\n" P2 "|1\n");

	/* Nothing but blank lines and separators: no article. */
	SPLIT(&r, "\n\n---\n \n", "");

	/* An article over the limit is cut, nothing is lost. */
	split(&r, 250, "T\n\n" P1 "\n\n" P2 "\n\n" P1,
	    "T|" P1 "|1\n|" P2 "|5\n|" P1 "|7\n", __LINE__);

	/* A line that could fit in no record (control characters escape to
	 * six bytes) is left out, and the article goes on without it. */
	split(&r, 250, "T\n\n" P1 "\n\n\x01\x01\x01\x01\x01\x01\x01\x01\x01"
	    "\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01",
	    "T|" P1 "|1\n", __LINE__);

	/* Feed exports and Markdown: a title line starts an article and
	 * gives its title; "## " is a sub-heading, "#tag" a word. */
	SPLIT(&r, "Title: Feed item one\nLink: https://x.example/1\n\n" P1
	    "\n\nTitle: Feed item two\n\n" P2,
	    "Feed item one|Link: https://x.example/1\n\n" P1 "|1\n"
	    "Feed item two|" P2 "|6\n");
	SPLIT(&r, "# Heading one\n\n" P1 "\n\n## Sub-heading\n\n" P2
	    "\n\n# Heading two\n\n" P1,
	    "Heading one|" P1 "\n\n## Sub-heading\n\n" P2 "|1\n"
	    "Heading two|" P1 "|9\n");
	SPLIT(&r, "Title one\n\n#tags stay text\n\nTitle:\n\n" P1,
	    "Title one|#tags stay text\n\nTitle:\n\n" P1 "|1\n");

	/* The wires' ends of a story separate articles; "-30" alone and
	 * "ENDS." are text. */
	SPLIT(&r, "Title one\n\n" P1 "\n\nENDS\n\nTitle two\n\n" P2
	    "\n\n-- 30 --\n\nTitle three\n\n" P1 "\n(END)\nTitle four\n\n"
	    P2,
	    "Title one|" P1 "|1\n"
	    "Title two|" P2 "|7\n"
	    "Title three|" P1 "|13\n"
	    "Title four|" P2 "|17\n");
	SPLIT(&r, "Title one\n\n" P1 "\n-30\nENDS.",
	    "Title one|" P1 "\n-30\nENDS.|1\n");

	/* A wire slug over the headline is a paragraph of its own, in the
	 * text, and the headline is the title. */
	SPLIT(&r, "BC-US--Economy/\nURGENT\nConfidence slips as borrowing "
	    "costs bite\n\n" P1,
	    "Confidence slips as borrowing costs bite|BC-US--Economy/\nURGENT"
	    "\n\n" P1 "|3\n");

	/* A headline over its credits and a video player that a box line
	 * closes, in one block: the headline is the title, the player and
	 * credits go to the text with the story. */
	SPLIT(&r, "Skip to content\n\nCouncil backs new bridge over the "
	    "river\nBy: Dana Ruiz\nVideo player loading...\nNow Playing\n"
	    "Council backs new bridge over the river\n01:58\nAutoplay: On\n"
	    "\n" P1,
	    "Council backs new bridge over the river|Skip to content\n\n"
	    "By: Dana Ruiz\nVideo player loading...\nNow Playing\n"
	    "Council backs new bridge over the river\n01:58\nAutoplay: On"
	    "\n\n" P1 "|3\n");

	/* A CSV export: one article a row, the header over the first row's
	 * text; a gap of two blank lines ends the table. */
	SPLIT(&r, "title,url,text\n\"Bridge, at last\",https://e.example/a,"
	    "\"" P1 "\n\n\"\"Yes,\"\" she said.\"\nSecond,,One line.\n\n\n"
	    "Title two\n\n" P2,
	    "Bridge, at last|title,url,text\n\n" P1 "\n\n\"Yes,\" she said."
	    "|2\nSecond|One line.|5\nTitle two|" P2 "|8\n");
	/* Not such a header: read as text. */
	SPLIT(&r, "title,url\nA,b",
	    "title,url|A,b|1\n");

	ns_rules_free(&r);
	ns_buf_free(&got);
	return CHECK_DONE("test_split");
}
