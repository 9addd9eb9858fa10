/* test_sentences.c: unit tests of common/sentences.c on news text. */
#include <stdlib.h>

#include "ns.h"
#include "check.h"

static struct ns_span *v;
static size_t cap;

/* Segment text; compare with the expected sentences joined by " | ". */
static void
seg(const char *text, unsigned flags, const char *want, int line)
{
	struct ns_buf got = { 0 };
	size_t i, n = ns_sentences(text, strlen(text), flags, &v, &cap);

	ns_buf_reserve(&got, 0);
	for (i = 0; i < n; i++) {
		if (i)
			ns_buf_adds(&got, " | ");
		ns_buf_add(&got, text + v[i].start, v[i].end - v[i].start);
	}
	if (strcmp(got.p, want) == 0)
		check_passed++;
	else {
		check_failed++;
		fprintf(stderr, "test_sentences.c:%d:\n got %s\nwant %s\n",
		    line, got.p, want);
	}
	ns_buf_free(&got);
}

#define SEG(text, want) seg((text), 0, (want), __LINE__)

int
main(void)
{
	SEG("Revenue will drop $30 billion, Ren Zhengfei said Monday. The "
	    "firm\xe2\x80\x99s shipments may fall 40%, he said.",
	    "Revenue will drop $30 billion, Ren Zhengfei said Monday. | The "
	    "firm\xe2\x80\x99s shipments may fall 40%, he said.");
	SEG("The U.S. Department of Commerce barred it in May.",
	    "The U.S. Department of Commerce barred it in May.");
	SEG("It left the U.S. The move was expected.",
	    "It left the U.S. | The move was expected.");
	SEG("\xe2\x80\x9cWe are like a damaged plane,\xe2\x80\x9d said Ren. "
	    "\xe2\x80\x9cWe will grow stronger.\xe2\x80\x9d",
	    "\xe2\x80\x9cWe are like a damaged plane,\xe2\x80\x9d said Ren. | "
	    "\xe2\x80\x9cWe will grow stronger.\xe2\x80\x9d");
	SEG("\xe2\x80\x9c" "Are you sure?\xe2\x80\x9d she asked. He was.",
	    "\xe2\x80\x9c" "Are you sure?\xe2\x80\x9d she asked. | He was.");
	SEG("Sales rose 3.5% to $1.5bn in Q3. Analysts at Acme Inc. expect "
	    "more. Version 2.0 ships soon.",
	    "Sales rose 3.5% to $1.5bn in Q3. | Analysts at Acme Inc. expect "
	    "more. | Version 2.0 ships soon.");
	SEG("It was signed by Gov. Jerry Brown on Jan. 5. It takes effect "
	    "today.",
	    "It was signed by Gov. Jerry Brown on Jan. 5. | It takes effect "
	    "today.");
	SEG("Visit www.example.com. Then write to a.b@example.org. Thanks.",
	    "Visit www.example.com. | Then write to a.b@example.org. | "
	    "Thanks.");
	SEG("J. R. R. Tolkien wrote it. The No. 3 carrier agreed.",
	    "J. R. R. Tolkien wrote it. | The No. 3 carrier agreed.");
	SEG("The talks ended at 5 p.m. on Friday, e.g. late.",
	    "The talks ended at 5 p.m. on Friday, e.g. late.");
	SEG("Version 2 is out... It is fast.",
	    "Version 2 is out... | It is fast.");
	SEG("A heading without a period\n\nThe body.",
	    "A heading without a period | The body.");
	SEG("Dr. Li met Mr. Smith. They talked (briefly.) Then left!",
	    "Dr. Li met Mr. Smith. | They talked (briefly.) | Then left!");
	/* Words that are also abbreviations elsewhere ("Sat.", "Sun."). */
	SEG("The cat sat. Dogs ran. It was ill. Fans cheered.",
	    "The cat sat. | Dogs ran. | It was ill. | Fans cheered.");
	/* An ellipsis after an attached "…" keeps whole code points. */
	SEG("N\xe2\x80\xa6 .T", "N\xe2\x80\xa6 | .T");
	SEG("", "");
	SEG("   \n\n  ", "");
	SEG("No terminator at all", "No terminator at all");
	SEG("Line one\nline two", "Line one | line two");
	seg("Line one\nline two", NS_SENT_WRAPPED, "Line one\nline two",
	    __LINE__);
	SEG("He said: \"Stop.\" She did not.",
	    "He said: \"Stop.\" | She did not.");
	SEG("Items:\n- one\n- two", "Items: | - one | - two");
	/* List items, found from their '.' or ')': numbers of one or two
	 * digits (not the end of a longer one) or letters, after white
	 * space or a bullet. */
	SEG("Steps:\n1. Open the lid. 2. Pour the water.\n3. Close it.",
	    "Steps: | 1. Open the lid. | 2. Pour the water. | 3. Close it.");
	SEG("Choose a) the red one b) the blue one c) neither.",
	    "Choose | a) the red one | b) the blue one | c) neither.");
	SEG("Do this: 1.) Wake up 2.) Eat. Then go.",
	    "Do this: | 1.) Wake up | 2.) Eat. | Then go.");
	SEG("The plan: \xe2\x80\xa2 9. Cut costs \xe2\x80\xa2 10. Raise "
	    "prices.",
	    "The plan: | \xe2\x80\xa2 9. Cut costs | \xe2\x80\xa2 10. Raise "
	    "prices.");
	SEG("The list \xe2\x81\x83" "10. First item \xe2\x81\x83" "11. Second "
	    "item",
	    "The list | \xe2\x81\x83" "10. First item | \xe2\x81\x83" "11. "
	    "Second item");
	SEG("Points 1) one\xc2\xa0" "2) two 3) three.",
	    "Points | 1) one | 2) two | 3) three.");
	SEG("It cost 123. 124. Then more.", "It cost 123. | 124. | Then more.");
	SEG("See 7. 8. and 9. for details. They agree.",
	    "See | 7. | 8. and | 9. for details. | They agree.");
	/* Terminators and bullets beyond ASCII, among other characters that
	 * are skipped, and bytes that are not UTF-8. */
	SEG("Prices rose\xe2\x80\xa6 Markets fell\xe2\x80\xbc Investors "
	    "fled\xe2\x81\x89 Now what?",
	    "Prices rose\xe2\x80\xa6 | Markets fell\xe2\x80\xbc | Investors "
	    "fled\xe2\x81\x89 | Now what?");
	SEG("He said \xe2\x80\x9cno\xe2\x80\x9d. She agreed \xe2\x80\x94 "
	    "mostly. Caf\xc3\xa9 owners\xc2\xa0paid. Done.",
	    "He said \xe2\x80\x9cno\xe2\x80\x9d. | She agreed \xe2\x80\x94 "
	    "mostly. | Caf\xc3\xa9 owners\xc2\xa0paid. | Done.");
	SEG("\xe2\x80\xa2 First point \xe2\x80\xa2 Second point",
	    "\xe2\x80\xa2 First point | \xe2\x80\xa2 Second point");
	SEG("x.\xe2\x80\xa2 y \xe2\x80\xa2 z",
	    "x.\xe2\x80\xa2 y | \xe2\x80\xa2 z");
	SEG("Bad \xff\xfe bytes. And \xe2\x80 cut. End.",
	    "Bad \xff\xfe bytes. | And \xe2\x80 cut. | End.");
	free(v);
	return CHECK_DONE("test_sentences");
}
