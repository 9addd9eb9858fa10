/* test_csv.c: unit tests of common/csv.c (CSV/TSV rows a line at a time). */
#include <stdint.h>
#include <stdlib.h>

#include "ns.h"
#include "check.h"

#define FEED(c, s, ln) ns_csv_line((c), (s), strlen(s), (ln), 0)

static void
check_field(const struct ns_csv *c, size_t i, const char *want)
{
	size_t len;
	const char *f = ns_csv_field(c, i, &len);

	CHECK_MEM(f, len, want);
}

int
main(void)
{
	struct ns_csv c = { 0 };
	size_t len;

	/* Headers: a title and a text column, caseless, quoted or not. */
	CHECK(ns_csv_header(&c, "title,authors,publish_date,url,text", 35));
	CHECK(c.ncols == 5 && c.title == 0 && c.text == 4 && c.url == 3);
	CHECK(c.delim == ',');
	CHECK(ns_csv_header(&c, "\"Headline\",\"Body\"", 17));
	CHECK(c.ncols == 2 && c.title == 0 && c.text == 1 && c.url == SIZE_MAX);
	CHECK(ns_csv_header(&c, "id\tcontent\ttitle", 16));
	CHECK(c.delim == '\t' && c.title == 2 && c.text == 1);
	CHECK(ns_csv_header(&c, "Article Title,title,maintext", 28));
	CHECK(c.title == 1 && c.text == 2);
	/* Not headers: no text column, prose, one field, an open quote. */
	CHECK(!ns_csv_header(&c, "title,authors,url", 17));
	CHECK(!ns_csv_header(&c, "Title, text and more", 20));
	CHECK(!ns_csv_header(&c, "title text", 10));
	CHECK(!ns_csv_header(&c, "\"title,text", 11));
	CHECK(!ns_csv_header(&c, "title,text,3rd", 14));
	CHECK(!ns_csv_header(&c, "title,text,a  b", 15));

	CHECK(ns_csv_header(&c, "title,authors,text", 18));
	/* One line, quoted fields with the delimiter and "". */
	CHECK(FEED(&c, "\"A, b\",\"['X', 'Y']\",\"He said \"\"no\"\".\"", 2));
	CHECK(c.nf == 3 && c.err == NS_CSV_OK && c.line == 2);
	check_field(&c, 0, "A, b");
	check_field(&c, 1, "['X', 'Y']");
	check_field(&c, 2, "He said \"no\".");
	check_field(&c, 3, "");
	/* A quoted field over lines, blank ones too. */
	CHECK(FEED(&c, "T,[],\"first", 3) == 0);
	CHECK(FEED(&c, "", 4) == 0);
	CHECK(FEED(&c, "second \"\"q\"\"", 5) == 0);
	CHECK(FEED(&c, "last\"", 6) == 1);
	CHECK(c.nf == 3 && c.line == 3 && c.err == NS_CSV_OK);
	check_field(&c, 2, "first\n\nsecond \"q\"\nlast");
	/* Empty fields, a trailing delimiter, a quote inside an unquoted
	 * field (kept). */
	CHECK(FEED(&c, ",,", 7) && c.nf == 3);
	check_field(&c, 0, "");
	check_field(&c, 2, "");
	CHECK(FEED(&c, "a\"b,c,", 8) && c.nf == 3 && c.err == NS_CSV_OK);
	check_field(&c, 0, "a\"b");
	/* Malformed: text after a closing quote is kept and reported. */
	CHECK(FEED(&c, "\"ab\"c,d,e", 9) && c.err == NS_CSV_AFTER_QUOTE);
	CHECK(c.err_line == 9);
	check_field(&c, 0, "abc");
	/* Fewer fields: the caller sees nf. */
	CHECK(FEED(&c, "only,two", 10) && c.nf == 2);
	/* A quoted field still open at the end of the input. */
	CHECK(ns_csv_end(&c) == 0);
	CHECK(FEED(&c, "T,x,\"open", 11) == 0);
	CHECK(FEED(&c, "more", 12) == 0);
	CHECK(ns_csv_end(&c) == 1);
	CHECK(c.err == NS_CSV_UNTERMINATED && c.err_line == 11 && c.nf == 3);
	check_field(&c, 2, "open\nmore");
	CHECK(ns_csv_end(&c) == 0);
	CHECK(strcmp(ns_csv_error_text(NS_CSV_UNTERMINATED),
	    "quoted field not closed at the end of the input") == 0);
	/* A row over max is read on but not kept. */
	c.max = 8;
	CHECK(FEED(&c, "T,x,\"0123456789", 13) == 0);
	CHECK(c.over && c.buf.len <= 8);
	CHECK(FEED(&c, "end\",", 14) == 1 && c.over);
	CHECK(ns_csv_field(&c, 0, &len) != NULL && len == 0);
	CHECK(FEED(&c, "T,x,y", 15) == 1 && !c.over);
	check_field(&c, 2, "y");
	ns_csv_free(&c);
	ns_csv_free(&c);
	return CHECK_DONE("csv");
}
