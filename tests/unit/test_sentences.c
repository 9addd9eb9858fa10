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
	/* After an abbreviation that may end a sentence, a capitalised
	 * common word (common/data/wordcase.txt) opens the next one; a word
	 * of a name, or a common word that a capitalised word follows as in
	 * a name, does not. */
	SEG("A suspect is outside the U.S. Officials did not name him.",
	    "A suspect is outside the U.S. | Officials did not name him.");
	SEG("Output rose in the U.K. Manufacturing shrank.",
	    "Output rose in the U.K. | Manufacturing shrank.");
	SEG("I work for the U.S. Government in Virginia. The U.S. Air Force "
	    "and the U.S. Embassy agreed.",
	    "I work for the U.S. Government in Virginia. | The U.S. Air Force "
	    "and the U.S. Embassy agreed.");
	SEG("He spoke at 10 a.m. Investigators left at 3:40 a.m. Tuesday. "
	    "They play at 7:30 p.m. ET.",
	    "He spoke at 10 a.m. | Investigators left at 3:40 a.m. Tuesday. | "
	    "They play at 7:30 p.m. ET.");
	SEG("It will spend $2bn on A.I. Critics say it is small.",
	    "It will spend $2bn on A.I. | Critics say it is small.");
	SEG("Mexican avocados not expected in U.S. U.S. officials said so.",
	    "Mexican avocados not expected in U.S. | U.S. officials said so.");
	/* "St.": a saint before a name, a street at the end. */
	SEG("They meet on Market St. The race ends at St. Mary's Park.",
	    "They meet on Market St. | The race ends at St. Mary's Park.");
	/* A lower-case abbreviation comes before no name; "e.g." does. */
	SEG("It bans balloons, etc. Critics say the fire dept. Brennan ran "
	    "agreed, e.g. Tesco.",
	    "It bans balloons, etc. | Critics say the fire dept. | Brennan ran "
	    "agreed, e.g. Tesco.");
	SEG("\"No. Definitely not,\" he said.",
	    "\"No. | Definitely not,\" he said.");
	/* A letter alone: no initial after a lower-case word, a label at the
	 * start of a line, an initial after a capitalised word unless a
	 * word that starts sentences follows ("Group C. They"). */
	SEG("Many lack vitamin D. Researchers agree. Scotland are in Group C. "
	    "They face Spain. George W. Bush and Albert I. Jones came.",
	    "Many lack vitamin D. | Researchers agree. | Scotland are in Group "
	    "C. | They face Spain. | George W. Bush and Albert I. Jones came.");
	SEG("Q. Is coffee bad?\nA. For most people, no. Up to three cups is "
	    "fine.",
	    "Q. Is coffee bad? | A. For most people, no. | Up to three cups is "
	    "fine.");
	SEG("Essex 329 (R. Kettleborough 108; P. Such 8-118) won.",
	    "Essex 329 (R. Kettleborough 108; P. Such 8-118) won.");
	/* "St." before a word news text writes in lower case is a street
	 * that ends the sentence, before a name a saint; journal and
	 * court-reporter abbreviations go on. */
	SEG("He robbed a shop on Merchant St. Officers found the van. He "
	    "prayed at St. Mark's. It ran in Nat. Med. on Monday, citing 612 "
	    "F. Supp. 3d 201 (N.D. Cal. 2022). It ended.",
	    "He robbed a shop on Merchant St. | Officers found the van. | He "
	    "prayed at St. Mark's. | It ran in Nat. Med. on Monday, citing 612 "
	    "F. Supp. 3d 201 (N.D. Cal. 2022). | It ended.");
	/* A quoted "?" or "!", then a name and a verb of speech: the
	 * attribution goes on with the sentence; a word that starts
	 * sentences, or a name without such a verb, opens the next. */
	SEG("\xe2\x80\x9cWas I nervous?\xe2\x80\x9d Vandermeer said. "
	    "\"Enough!\" Ian Abubakar-Danjuma shouted. \"Why?\" Another "
	    "replied. \"Now!\" Ruiz left.",
	    "\xe2\x80\x9cWas I nervous?\xe2\x80\x9d Vandermeer said. | "
	    "\"Enough!\" Ian Abubakar-Danjuma shouted. | \"Why?\" | Another "
	    "replied. | \"Now!\" | Ruiz left.");
	/* A name that ends in "!" ends a sentence only before a starter. */
	SEG("Yahoo! Finance had it first. I used Yahoo! The rest is history.",
	    "Yahoo! Finance had it first. | I used Yahoo! | The rest is "
	    "history.");
	/* Names in lower case open sentences: "eBay", "iOS", handles,
	 * hashtags, and after a plain word a word news text never writes
	 * ("npm"); a common lower-case word goes on. */
	SEG("Revenue rose 11%. eBay said it would cut jobs. It sold Hollis "
	    "Trading Co. eBay removed it. The U.S. iPhone sales fell.",
	    "Revenue rose 11%. | eBay said it would cut jobs. | It sold Hollis "
	    "Trading Co. | eBay removed it. | The U.S. iPhone sales fell.");
	SEG("It came last year. iOS 17.4 is out. Get it in the same release. "
	    "npm packages work.",
	    "It came last year. | iOS 17.4 is out. | Get it in the same "
	    "release. | npm packages work.");
	SEG("Gusts hit the coast. @NorthRail_ told people to stay home. "
	    "#StormEira was trending. See the word end. then stop.",
	    "Gusts hit the coast. | @NorthRail_ told people to stay home. | "
	    "#StormEira was trending. | See the word end. then stop.");
	/* "Rs." before an amount; an abbreviation before a parenthesis
	 * goes on unless the parenthesis opens a sentence; "Bros." */
	SEG("Seats cost Rs. 500 and Rs. 4,500 this year.",
	    "Seats cost Rs. 500 and Rs. 4,500 this year.");
	SEG("Orbis Dynamics Corp. (NASDAQ: ORBD) makes sensors. It bought "
	    "Acme Inc. (The deal closed in May.) Shares rose.",
	    "Orbis Dynamics Corp. (NASDAQ: ORBD) makes sensors. | It bought "
	    "Acme Inc. | (The deal closed in May.) | Shares rose.");
	SEG("SPRINGFIELD, Ill. (AP) \xe2\x80\x94 A lawmaker was charged.",
	    "SPRINGFIELD, Ill. (AP) \xe2\x80\x94 A lawmaker was charged.");
	SEG("He ran Brennan Bros. Hardware for years. He left Warner Bros. "
	    "The studio grew. It said Swiss Re. Tightly packed towns suffer.",
	    "He ran Brennan Bros. Hardware for years. | He left Warner Bros. | "
	    "The studio grew. | It said Swiss Re. | Tightly packed towns "
	    "suffer.");
	/* Full-width and ideographic stops, also inside closing quotes and
	 * with no space after them; a Spanish inverted question mark. */
	SEG("One asked: \xe2\x80\x9c\xe6\x88\xbf\xe4\xbb\xb7\xe8\xb7\x8c\xe5"
	    "\x90\x97\xef\xbc\x9f\xe2\x80\x9d Another said \xe2\x80\x9c\xe4"
	    "\xbc\x9a\xe3\x80\x82\xe2\x80\x9d The post spread.",
	    "One asked: \xe2\x80\x9c\xe6\x88\xbf\xe4\xbb\xb7\xe8\xb7\x8c\xe5"
	    "\x90\x97\xef\xbc\x9f\xe2\x80\x9d | Another said \xe2\x80\x9c\xe4"
	    "\xbc\x9a\xe3\x80\x82\xe2\x80\x9d | The post spread.");
	SEG("\xe4\xbc\x9a\xe3\x80\x82\xe4\xbc\x9a\xef\xbc\x81 Yes.",
	    "\xe4\xbc\x9a\xe3\x80\x82 | \xe4\xbc\x9a\xef\xbc\x81 | Yes.");
	SEG("It drew 80,000. \xe2\x80\x9c\xc2\xbfHasta cu\xc3\xa1ndo?\xe2\x80"
	    "\x9d asked one banner.",
	    "It drew 80,000. | \xe2\x80\x9c\xc2\xbfHasta cu\xc3\xa1ndo?\xe2\x80"
	    "\x9d asked one banner.");
	free(v);
	return CHECK_DONE("test_sentences");
}
