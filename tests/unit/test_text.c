/* test_text.c: unit tests of common/text.c. */
#include <stdlib.h>

#include "ns.h"
#include "check.h"

static void
normline(const char *in, size_t n, const char *want, size_t want_bad)
{
	struct ns_buf b = { 0 };
	size_t bad = ns_text_normline(&b, in, n);

	CHECK_MEM(b.p ? b.p : "", b.len, want);
	CHECK(bad == want_bad);
	ns_buf_free(&b);
}

int
main(void)
{
	struct ns_span *v = NULL;
	struct ns_cpos cp;
	size_t cap = 0, n;
	char id[17];
	const char *t;

	/* Normalization of raw lines (DESIGN.md). */
	normline("plain ascii  \t", 14, "plain ascii", 0);
	normline("", 0, "", 0);
	normline("a\0b", 3, "ab", 0);				/* NUL dropped */
	normline("\xef\xbb\xbfHead", 7, "Head", 0);		/* BOM opening a line */
	normline("a\xef\xbb\xbf b", 6, "a\xef\xbb\xbf b", 0);	/* kept inside */
	normline("x\xff y", 4, "x\xef\xbf\xbd y", 1);		/* invalid byte */
	normline("\xe2\x82", 2, "\xef\xbf\xbd", 1);		/* truncated: one */
	normline("\xed\xa0\x80", 3,				/* a surrogate */
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 3);
	normline("e\xcc\x81", 3, "\xc3\xa9", 0);		/* NFC: e + acute */
	normline("caf\xc3\xa9\xc2\xa0 ", 8, "caf\xc3\xa9", 0);	/* NBSP trimmed */
	normline("\xe2\x80\x9cquote\xe2\x80\x9d", 11,
	    "\xe2\x80\x9cquote\xe2\x80\x9d", 0);
	normline("\xe2\x84\xab", 3, "\xc3\x85", 0);		/* Angstrom sign */

	/* White space and words. */
	CHECK(ns_trim_right("ab \xc2\xa0", 5) == 2);
	CHECK(ns_trim_left(" \t x", 4) == 3);
	CHECK(ns_is_blank(" \t\xe3\x80\x80", 5));
	/* Sentence ends, under closing quotes and brackets. */
	CHECK(ns_ends_sentence("It rose.", 8));
	CHECK(ns_ends_sentence("\xe2\x80\x9cWe listened.\xe2\x80\x9d", 18));
	CHECK(ns_ends_sentence("(See below?)\"", 13));
	CHECK(ns_ends_sentence("And then\xe2\x80\xa6", 11));
	CHECK(!ns_ends_sentence("Aled Price \xe2\x80\xa2 6h", 15));
	CHECK(!ns_ends_sentence("9 comments", 10));
	CHECK(!ns_ends_sentence("\xe2\x80\x9d)", 4));
	CHECK(!ns_ends_sentence("", 0));
	CHECK(ns_last_letter("ab\xe2\x80\x99", 5) == 'b');
	CHECK(ns_last_letter("x\xff", 2) == -1);	/* invalid: no letter */
	CHECK(!ns_is_blank(" x ", 3));
	t = "Xiaomi\xe2\x80\x99s ex-Baidu U.S. deal, 2019!";
	CHECK(ns_word_count(t, strlen(t)) == 5);
	CHECK(ns_word_count("", 0) == 0);
	CHECK(ns_word_count(" - ", 3) == 0);
	/* Counted to one over the bound, and the same up to it. */
	CHECK(ns_word_count_max(t, strlen(t), 2) == 3);
	CHECK(ns_word_count_max(t, strlen(t), 4) == 5);
	CHECK(ns_word_count_max(t, strlen(t), 5) == 5);
	CHECK(ns_word_count_max(t, strlen(t), 0) == 1);
	CHECK(ns_word_count_max("", 0, 0) == 0);
#define ITEM(x) ns_is_list_item(x, strlen(x))
	CHECK(ITEM("- crop insurance"));
	CHECK(ITEM("\xe2\x80\xa2 crop insurance"));	/* U+2022 bullet */
	CHECK(ITEM("12. Twelfth"));
	CHECK(ITEM("3) Third"));
	CHECK(!ITEM("1234. Not an item"));
	CHECK(!ITEM("3.5 per cent"));
	CHECK(!ITEM("Key points"));
	CHECK(!ITEM("2."));
#define TC(x) ns_is_title_case(x, strlen(x))
	CHECK(TC("Water Bills Are About to Double. Here\xe2\x80\x99s Who Pays."));
	CHECK(TC("Its Workers Aren\xe2\x80\x99t Sold."));
	CHECK(TC("Altmark Recalls 212,000 SUVs"));
	CHECK(!TC("Its workers are not sold."));
	CHECK(!TC("Port Strike Drags"));	/* three words */
	CHECK(!TC("Shares fell in morning trading"));
	CHECK(!ITEM(""));
#undef ITEM

	/* Forwarded mail: the forward's subject, the forwarded message's
	 * start. */
#define FWD(x) ns_mail_forward_subject(x, strlen(x))
	CHECK(FWD("Subject: FW: Calder Ports Weekly Brief"));
	CHECK(FWD("Subject: Fwd: Weekly brief"));
	CHECK(FWD("Subject: [port-news] FWD: Weekly brief"));
	CHECK(!FWD("Subject: Re: Fwd: Weekly brief"));	/* a reply */
	CHECK(!FWD("Subject: Calder Ports Weekly Brief"));
	CHECK(!FWD("Subject: Fwd"));
	CHECK(!FWD("subject: FW: lower-case key"));
#undef FWD
#define FWDSTART(x) ns_mail_forwarded_start(x, strlen(x))
	CHECK(FWDSTART("From: Calder Ports Association <brief@example.org>"));
	CHECK(FWDSTART("-----Original Message-----"));
	CHECK(FWDSTART("---------- Forwarded message ---------"));
	CHECK(FWDSTART("Begin forwarded message:"));
	CHECK(!FWDSTART("Fromage"));
	CHECK(!FWDSTART("Morning all - a few things worth reading."));
	CHECK(!FWDSTART("- the original message was lost"));
#undef FWDSTART

	/* Code points. */
	t = "a\xc3\xa9\xe2\x80\x9c\xf0\x9f\x98\x80z";
	CHECK(ns_utf8_count(t, strlen(t)) == 5);
	/* FNV-1a's published values. */
	CHECK(ns_hash32("", 0) == 0x811c9dc5u);
	CHECK(ns_hash32("a", 1) == 0xe40c292cu);
	CHECK(ns_hash32("foobar", 6) == 0xbf9cf968u);

	/* Eight bytes at a time: characters across the words, and a tail. */
	{
		const char *w = "abcdefg\xc3\xa9hijklm\xf0\x9f\x98\x80"
		    "\xe2\x80\x9c" "0123456789\x7f\xc2\x80";

		CHECK(ns_utf8_count(w, strlen(w)) == 28);
		CHECK(ns_utf8_count(w, 8) == 8);	/* a cut character */
		CHECK(ns_utf8_count(w, 9) == 8);
	}
	ns_cpos_init(&cp, t);
	CHECK(ns_cpos_at(&cp, 1) == 1);
	CHECK(ns_cpos_at(&cp, 3) == 2);
	CHECK(ns_cpos_at(&cp, 6) == 3);
	CHECK(ns_cpos_at(&cp, 11) == 5);

	/* Paragraphs: runs of non-blank lines, trimmed. */
	t = "\n  one\ntwo  \n\n \n\nthree\n";
	n = ns_paragraphs(t, strlen(t), &v, &cap);
	CHECK(n == 2);
	CHECK_MEM(t + v[0].start, v[0].end - v[0].start, "one\ntwo");
	CHECK_MEM(t + v[1].start, v[1].end - v[1].start, "three");
	CHECK(ns_paragraphs("", 0, &v, &cap) == 0);
	CHECK(ns_paragraphs(" \n\t\n", 4, &v, &cap) == 0);
	free(v);

	/* Word lists: comments and blank lines skipped, trailing blanks
	 * dropped, case counts. */
	{
		static const char list[] = "# a comment\nZeta\n\nalpha  \n"
		    "Mr.\nbeta\n";
		struct ns_wordlist wl;

		ns_wordlist_init(&wl, list, sizeof(list) - 1);
		CHECK(wl.n == 4);
		CHECK(ns_wordlist_has(&wl, "alpha", 5));
		CHECK(ns_wordlist_has(&wl, "Zeta", 4));
		CHECK(ns_wordlist_has(&wl, "Mr.", 3));
		CHECK(!ns_wordlist_has(&wl, "Mr", 2));
		CHECK(!ns_wordlist_has(&wl, "zeta", 4));
		CHECK(!ns_wordlist_has(&wl, "# a comment", 11));
		CHECK(!ns_wordlist_has(&wl, "", 0));
		ns_wordlist_free(&wl);
		CHECK(wl.n == 0);
	}
	/* A long list: every word found through the hash index, whatever
	 * it collides with, and no other. */
	{
		struct ns_buf b = { 0 };
		struct ns_wordlist wl;
		char w[16];
		int i, all = 1, none = 1;

		for (i = 0; i < 3000; i++) {
			snprintf(w, sizeof(w), "w%d\n", i);
			ns_buf_add(&b, w, strlen(w));
		}
		ns_wordlist_init(&wl, b.p, b.len);
		CHECK(wl.n == 3000);
		for (i = 0; i < 3000; i++) {
			snprintf(w, sizeof(w), "w%d", i);
			all &= ns_wordlist_has(&wl, w, strlen(w));
			snprintf(w, sizeof(w), "x%d", i);
			none &= !ns_wordlist_has(&wl, w, strlen(w));
		}
		CHECK(all);
		CHECK(none);
		ns_wordlist_free(&wl);
		ns_buf_free(&b);
	}

	/* Ids: XXH3-64 of title "\n" text, checked against xxhsum -H3. */
	ns_article_id(id, "T", 1, "x", 1);
	CHECK(strlen(id) == 16);
	CHECK(strcmp(id, "49c8783d9eff9234") == 0);
	return CHECK_DONE("test_text");
}
