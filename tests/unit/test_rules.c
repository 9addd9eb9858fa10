/* test_rules.c: unit tests of common/rules.c and the built-in rules. */
#include "ns.h"
#include "check.h"

static const char *
rule_of(struct ns_rules *r, unsigned mask, const char *s)
{
	const struct ns_rule *ru = ns_rules_match(r, mask, s, strlen(s));

	return ru ? ru->name : "";
}

/* The prefilters of ns_rules_match() skip only rules that cannot match:
 * its answer for pattern on s is that of pcre2_match() on the rule alone.
 * want: 1 or 0 if known, -1 if not. A rule of every scope mask ahead of
 * it (".{999}x") keeps the literal table busy. */
static int
agrees(const char *pattern, const char *s, int want)
{
	struct ns_rules r = { 0 };
	pcre2_match_data *md;
	const struct ns_rule *got;
	char err[512];
	int rc, ok;

	if (ns_rules_add(&r, "before", NS_SCOPE_LINE, "(?:zq|qz).{999}x", err,
	    sizeof(err)) != 0 || ns_rules_add(&r, "p", NS_SCOPE_LINE, pattern,
	    err, sizeof(err)) != 0) {
		fprintf(stderr, "agrees: %s: %s\n", pattern, err);
		ns_rules_free(&r);
		return 0;
	}
	md = pcre2_match_data_create(1, NULL);
	rc = pcre2_match(r.v[1].re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	got = ns_rules_match(&r, NS_SCOPE_BODY, s, strlen(s));
	ok = (got == &r.v[1]) == (rc >= 0) && (got == NULL || got == &r.v[1]) &&
	    (want < 0 || want == (rc >= 0));
	if (!ok)
		fprintf(stderr, "agrees: /%s/ on \"%s\": pcre2 %d, rules %s\n",
		    pattern, s, rc, got ? got->name : "none");
	pcre2_match_data_free(md);
	ns_rules_free(&r);
	return ok;
}

int
main(void)
{
	struct ns_rules r = { 0 };
	const struct ns_rule *ru;
	char err[512];
	const char *t;
	long off;

	/* Parsing: comments, blank lines, errors with file:line. */
	t = "# c\n\nfoo line bar+\n";
	CHECK(ns_rules_parse(&r, t, strlen(t), "t", err, sizeof(err)) == 0);
	CHECK(r.n == 1 && strcmp(r.v[0].name, "foo") == 0);
	CHECK(r.v[0].scope == NS_SCOPE_LINE);
	CHECK(ns_rules_parse(&r, "x nowhere y\n", 12, "f.rules", err,
	    sizeof(err)) < 0);
	CHECK(strstr(err, "f.rules:1: unknown scope") == err);
	CHECK(ns_rules_parse(&r, "\nx line (\n", 10, "f.rules", err,
	    sizeof(err)) < 0);
	CHECK(strstr(err, "f.rules:2: rule x: bad pattern at offset 1") == err);
	CHECK(ns_rules_parse(&r, "x line\n", 7, "f", err, sizeof(err)) < 0);

	/* Rule names are plain words. */
	t = "bad\xe9 line x\n";
	CHECK(ns_rules_parse(&r, t, strlen(t), "f", err, sizeof(err)) < 0);
	CHECK(strstr(err, "a rule name is") != NULL);

	/* Whole-line, caseless matching. */
	CHECK(strcmp(rule_of(&r, NS_SCOPE_BODY, "BARRR"), "foo") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_BODY, "a bar"), "") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_END, "bar"), "") == 0);
	ns_rules_free(&r);

	/* The built-in rules. */
	CHECK(ns_rules_parse(&r, ns_builtin_rules, ns_builtin_rules_len,
	    "built-in", err, sizeof(err)) == 0);
	CHECK(r.n > 20);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_BODY,
	    "Let\xe2\x80\x99s block ads! (Why?)"), "ad_block_trailer") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_END, "Link to original source"),
	    "original_source") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_BODY, "Sponsored Links"),
	    "sponsored") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_BODY, "ADVERTISEMENT"),
	    "advertisement") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_BODY,
	    "Kim Lee/NurPhoto via Getty Images"), "agency_credit") == 0);
	CHECK(*rule_of(&r, NS_SCOPE_BODY, "(Photo by Ann Fox/Reuters)"));
	CHECK(*rule_of(&r, NS_SCOPE_BODY, "Image credit: Acme"));
	CHECK(*rule_of(&r, NS_SCOPE_BODY,
	    "A robot on a stage in Paris. / Photo: Example Daily"));
	CHECK(*rule_of(&r, NS_SCOPE_BODY, "Read more: Why chips are scarce"));
	CHECK(*rule_of(&r, NS_SCOPE_BODY, "Tags: chips, trade"));
	CHECK(*rule_of(&r, NS_SCOPE_BODY, "Back to top"));
	CHECK(*rule_of(&r, NS_SCOPE_BODY, "Follow us on Twitter"));
	CHECK(*rule_of(&r, NS_SCOPE_BODY, "Sign up for our daily newsletter"));
	CHECK(*rule_of(&r, NS_SCOPE_BODY,
	    "\xc2\xa9 2024 Example Media. All rights reserved."));
	CHECK(*rule_of(&r, NS_SCOPE_TAIL, "Source: Reuters"));
	/* Content that must never match. */
	CHECK(!*rule_of(&r, NS_SCOPE_BODY,
	    "Update: Spelling of the name was corrected."));
	CHECK(!*rule_of(&r, NS_SCOPE_BODY,
	    "Correction: An earlier version misstated the date."));
	CHECK(!*rule_of(&r, NS_SCOPE_BODY, "More collaboration"));
	CHECK(!*rule_of(&r, NS_SCOPE_BODY,
	    "Copyright lawsuits against AI firms doubled last year."));
	CHECK(!*rule_of(&r, NS_SCOPE_BODY,
	    "Readers can follow the trial on the court's website."));
	CHECK(!*rule_of(&r, NS_SCOPE_BODY,
	    "Related efforts include a new fund for startups."));
	CHECK(!*rule_of(&r, NS_SCOPE_BODY, "Source code is on GitHub."));

	/* Title suffixes. */
	t = "Chips get cheaper | TechCrunch";
	off = ns_rules_match_suffix(&r, &ru, t, strlen(t));
	CHECK(off == 17);
	t = "Chips get cheaper - Example County News";
	off = ns_rules_match_suffix(&r, &ru, t, strlen(t));
	CHECK(off == 17);
	t = "Ferry wins approval \xe2\x80\x94 with strings attached";
	CHECK(ns_rules_match_suffix(&r, &ru, t, strlen(t)) < 0);

	/* A back reference cannot join the combined pattern, and still
	 * matches on its own. */
	ns_rules_free(&r);
	t = "first line (x)y\nsecond line (a)\\1\n";
	CHECK(ns_rules_parse(&r, t, strlen(t), "t", err, sizeof(err)) == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "aa"), "second") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "xy"), "first") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "ab"), "") == 0);

	/* \Q quotes to the end of a pattern: it must not swallow others. */
	ns_rules_free(&r);
	t = "q line \\Qa+\nplain line b+\n";
	CHECK(ns_rules_parse(&r, t, strlen(t), "t", err, sizeof(err)) == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "a+"), "q") == 0);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "bbb"), "plain") == 0);

	/* A pattern that never ends is given up, not waited for. */
	ns_rules_free(&r);
	CHECK(ns_rules_add(&r, "slow", NS_SCOPE_LINE, "(a+)+b", err,
	    sizeof(err)) == 0);
	{
		char s[64];

		memset(s, 'a', sizeof(s));
		CHECK(ns_rules_match(&r, NS_SCOPE_LINE, s, sizeof(s)) == NULL);
	}
	ns_rules_free(&r);
	/* Prefilters: a rule is skipped only when it cannot match. Each
	 * pattern is read for literals one of which a match holds; whatever
	 * is not understood means "nothing known". */
	CHECK(agrees("(a)|\\1b", "a", 1));	/* fuzz regress/rules-3 */
	CHECK(agrees(".?[[:]x|y:]]z", "[x", 1));	/* rules-5: "[:" literal */
	CHECK(agrees(".?[[:alpha:]]+zz|q", "abzz", 1));
	CHECK(agrees(".?[[:^digit:]]yy", "ayy", 1));
	CHECK(agrees(".?[\\Q]\\E]x|yy", "]x", 1));
	CHECK(agrees(".*(?:ab|cd)?ef", "EF", 1));
	CHECK(agrees(".*(?:ab)?", "", 1));
	CHECK(agrees(".*(?:w01|w02|w03|w04|w05|w06|w07|w08|w09|w10|w11|w12|"
	    "w13|w14|w15|w16|w17|w18|w19|w20)", "x w20", 1));
	CHECK(agrees(".*(?:w01|w02|w03|w04|w05|w06|w07|w08|w09|w10|w11|w12|"
	    "w13|w14|w15|w16|w17|w18|w19|w20)", "x w21", 0));
	CHECK(agrees(".*abcdefghijabcdefghijabcdefghijxy.*",
	    "- ABCDEFGHIJABCDEFGHIJABCDEFGHIJXY", 1));
	CHECK(agrees(".*(?:a|b)(?:c|d)(?:e|f)(?:g|h)(?:i|j)", "bdfhj", 1));
	CHECK(agrees(".*(?:a|b)(?:c|d)(?:e|f)(?:g|h)(?:i|j)", "bdfhk", 0));
	CHECK(agrees(".*kelvin", "\xe2\x84\xaa" "elvin", 1));	/* KELVIN SIGN */
	CHECK(agrees(".*mass", "ma\xc5\xbf\xc5\xbf", 1));	/* LONG S */
	/* The start test: other cases with other first bytes. */
	CHECK(agrees("kelvin", "\xe2\x84\xaa" "elvin", 1));
	CHECK(agrees("stop", "\xc5\xbftop", 1));
	CHECK(agrees("\xc5\xbftop", "Stop", 1));
	CHECK(agrees("\xcf\x89 x", "\xe2\x84\xa6 X", 1));	/* OHM SIGN */
	CHECK(agrees("(?-i)\xcf\x89 x", "\xce\xa9 x", 0));
	CHECK(agrees(".*x{0}abc", "abc", 1));
	CHECK(agrees(".*(?:xyz){0,1}abc", "ABC", 1));
	CHECK(agrees(".*(?:xyz){2,}abc", "xyzxyzabc", 1));
	CHECK(agrees(".*(?=.*zz)\\w+", "azz", 1));
	CHECK(agrees(".*(?<=a)bc", "abc", 1));
	CHECK(agrees(".*\\bnews\\b", "NEWS", 1));
	CHECK(agrees(".*caf\\x{e9}", "CAF\xc3\x89", 1));
	CHECK(agrees(".*caf\\N{U+e9}", "caf\xc3\xa9", 1));
	CHECK(agrees(".*a.{0,5}b|c", "c", 1));
	CHECK(agrees(".*(?|(ab)|(cd))", "cd", 1));
	CHECK(agrees(".*(?-i:Ab)c", "AbC", 1));
	CHECK(agrees(".*(?-i:Ab)c", "abc", 0));
	CHECK(agrees(".*\\d+ items?", "3 item", 1));
	CHECK(agrees(".*(?:pre)+fix", "prepreFIX", 1));
	CHECK(agrees(".*a\\Kb", "ab", 1));
	CHECK(agrees(".*(?:(*ACCEPT)|x)abc", "", -1));
	CHECK(agrees("(*COMMIT).*abc", "xabc", 1));
	CHECK(agrees(".*\\Qa.b\\E", "a.b", 1));
	CHECK(agrees(".*(?x) a b", "ab", 1));
	CHECK(agrees(".*(?i)abc", "ABC", 1));
	CHECK(agrees(".*a{2}b", "aab", 1));
	CHECK(agrees(".*a{,2}b", "a{,2}b", 1));	/* a literal '{' */
	CHECK(agrees(".*\\p{Lu}x|yy", "Ax", 1));
	CHECK(agrees(".*\\.\\-\\]x", ".-]x", 1));
	CHECK(agrees(".*[]a]bc", "]bc", 1));
	CHECK(agrees(".*[^]a]bc", "xbc", 1));
	CHECK(agrees(".*\\ \\#x", " #x", 1));
	CHECK(agrees(".*\xc3\xa9t\xc3\xa9", "\xc3\x89T\xc3\x89", 1));
	CHECK(agrees("((((((((((((((((((((((((((((((((((((((((a))))))))))))))))"
	    "))))))))))))))))))))))))", "a", 1));
	CHECK(agrees(".*(?:(?:(?:ab|cd)|(?:ef|gh))|ij)kl", "ghkl", 1));
	CHECK(agrees(".*(?:ab|)cd", "cd", 1));
	CHECK(agrees(".*(?:ab|.)cd", "xcd", 1));
	CHECK(agrees("", "", 1));
	CHECK(agrees("(?:)", "x", 0));
	/* The width test: white space is not counted, so a rule is wider
	 * than a line that matches it however it is spaced. */
	CHECK(agrees("foo\\s+bar", "foo                                 bar",
	    1));
	CHECK(agrees("foo\\s+bar", "foo\xc2\xa0\xc2\xa0\xe3\x80\x80" "bar", 1));
	CHECK(agrees("foo\\s+bar", "foo   barx", 0));
	CHECK(agrees("a\\hb\\vc\\Rd", "a\tb\x0b" "c\r\nd", 1));
	CHECK(agrees("a {2}b", "a  b", 1));
	CHECK(agrees("a\\ b", "a b", 1));
	CHECK(agrees("a.{0,3}b", "a\xc3\xa9\xc3\xa9\xc3\xa9" "b", 1));
	CHECK(agrees("a.{0,3}b", "axxxxb", 0));
	CHECK(agrees("x\\X", "xe\xcc\x81\xcc\x81\xcc\x81\xcc\x81", 1));
	CHECK(agrees("(?:ab){2}", "abab", 1));
	CHECK(agrees("(?:ab){2}", "ababab", 0));
	CHECK(agrees("a{2,3}|b", "aaa", 1));
	CHECK(agrees("a{2,3}|b", "aaaa", 0));
	CHECK(agrees("x(?=yy)y{0,2}", "xyy", 1));
	CHECK(agrees("(?:a|bcdef)", "bcdef", 1));
	CHECK(agrees("\\d{1,2}(?:\\.\\d+)?", "12.345678", 1));
	/* Literals in classes, and characters without case. */
	CHECK(agrees(".*[\xc2\xb7\xe2\x80\xa2].*", "Home \xe2\x80\xa2 News", 1));
	CHECK(agrees(".*x[\xc2\xb7\xe2\x80\xa2]y", "x\xc2\xb7y", 1));
	CHECK(agrees(".*x[\xc2\xb7\xe2\x80\xa2]y", "x.y", 0));
	CHECK(agrees(".*\xc2\xa9.*", "Text \xc2\xa9 2024", 1));
	CHECK(agrees(".*[xX]yz", "XYZ", 1));
	CHECK(agrees(".*[s]top", "\xc5\xbftop", 1));	/* LONG S */
	CHECK(agrees(".*[k]elvin", "\xe2\x84\xaa" "elvin", 1));
	CHECK(agrees(".*[a-c]zz", "bzz", 1));
	CHECK(agrees(".*[-+]zz", "-zz", 1));
	CHECK(agrees(".*[+-]zz", "+zz", 1));
	CHECK(agrees(".*[\xc3\xa9]t", "\xc3\x89t", 1));
	CHECK(agrees(".*\xe2\x92\xb6x", "\xe2\x93\x90x", 1));	/* circled A */
	CHECK(agrees(".*[\\w\xc2\xb7]q", "aq", 1));
	/* The edge tests: the bytes a match can begin and end with, read
	 * from the pattern where PCRE2 has no start bitmap (\d, \w, \p
	 * match more than ASCII under UCP). */
	CHECK(agrees("\\d+ likes", "\xd9\xa3 likes", 1));	/* ARABIC-INDIC 3 */
	CHECK(agrees("x\\d", "x\xd9\xa3", 1));
	CHECK(agrees("\\w+", "\xc3\xa9t\xc3\xa9", 1));
	CHECK(agrees("\\w+", "_x", 1));
	CHECK(agrees("\\p{Lu}\\w+", "\xc3\x89" "cole", 1));
	CHECK(agrees("(?-i:\\p{Lu})x", "ax", -1));
	CHECK(agrees("\\p{Lu}x", "ax", -1));
	CHECK(agrees("\\pL+", "\xc3\xa9", 1));
	CHECK(agrees("\\p{L&}x", "ax", 1));
	CHECK(agrees("\\p{Greek}x", "\xce\xb1x", 1));
	CHECK(agrees("\\p{^Lu}x", "1x", 1));
	CHECK(agrees("\\P{Lu}x", "1x", 1));
	CHECK(agrees("\\p{Zs}x", "\xc2\xa0x", 1));
	CHECK(agrees("\\p{Sc}5", "$5", 1));
	CHECK(agrees("\\p{Pd}x", "-x", 1));
	CHECK(agrees("\\p{N}", "\xc2\xbd", 1));	/* VULGAR FRACTION ONE HALF */
	CHECK(agrees("\\p{Nd}", "7", 1));
	CHECK(agrees("\\p{Cc}x", "\x01x", 1));
	CHECK(agrees("\\p{So}\\x{FE0F}?\\s*\\d+",
	    "\xe2\x9d\xa4\xef\xb8\x8f 12", 1));
	CHECK(agrees("x\\x{212a}", "xk", 1));	/* KELVIN SIGN, caseless */
	CHECK(agrees("\\x{212a}x", "Kx", 1));
	CHECK(agrees("\\x41bc", "abc", 1));
	CHECK(agrees("[\\x41-\\x5a]x", "Mx", 1));
	CHECK(agrees("[a-\\x7a]x", "mx", 1));
	CHECK(agrees("[\\x{e9}-\\x{ff}]x", "\xc3\xb0x", 1));
	CHECK(agrees("[^a]x", "\xc3\xa9x", 1));
	CHECK(agrees("[\\t ]*x\\t", "\tx\t", 1));
	CHECK(agrees("a\\tb", "a\tb", 1));
	CHECK(agrees("a[b-d]", "AC", 1));
	CHECK(agrees("a[\xc3\xa9-\xc3\xbf]", "A\xc3\x89", 1));
	CHECK(agrees("x.{0,3}", "x\xc3\xa9", 1));
	CHECK(agrees("\\w+(?<=[a-z])", "abc", 1));
	CHECK(agrees("\\s*x", "  x", 1));
	CHECK(agrees("x\\h", "x\xc2\xa0", 1));
	CHECK(agrees("x\\R", "x\r\n", 1));
	CHECK(agrees("(?:ab)?c?", "ab", 1));
	CHECK(agrees("(?:ab)?c?", "c", 1));
	CHECK(agrees("(?=[a-z])\\w+\\d?", "ab", 1));
	CHECK(agrees("a(?:x{0})", "a", 1));
	CHECK(agrees("stop", "\xc5\xbftop", 1));	/* LONG S first */
	CHECK(agrees("mass", "ma\xc5\xbf\xc5\xbf", 1));	/* and last */
	CHECK(agrees("[\xe2\x80\x99']s", "\xe2\x80\x99s", 1));
	CHECK(agrees("\\[x\\]", "[x]", 1));
	/* The pair test: the first two characters, when ASCII. */
	CHECK(agrees("ab", "AB", 1));
	CHECK(agrees("ab", "AC", 0));
	CHECK(agrees("a?bc", "bc", 1));
	CHECK(agrees("(?:x|y)z", "Yz", 1));
	CHECK(agrees("a*bc", "aaabc", 1));
	CHECK(agrees("a{2,}", "aa", 1));
	CHECK(agrees("(?:ab)+", "abab", 1));
	CHECK(agrees("(?:ab)*c", "c", 1));
	CHECK(agrees("a(?:b|)c", "ac", 1));
	CHECK(agrees("(?:a|bc)d", "ad", 1));
	CHECK(agrees("(?:a|bc)d", "bcd", 1));
	CHECK(agrees("a?b?cd", "cd", 1));
	CHECK(agrees("a?b?cd", "bcd", 1));
	CHECK(agrees("(?:a?)(?:b?)c", "c", 1));
	CHECK(agrees("(?=ab)\\w+", "ab", 1));
	CHECK(agrees("a(?<=a)b", "ab", 1));
	CHECK(agrees("a\\b\\s*c", "a c", -1));
	CHECK(agrees("[ab][cd]", "BD", 1));
	CHECK(agrees("\\d\\.\\d", "1.5", 1));
	CHECK(agrees("\\R+x", "\r\nx", 1));
	CHECK(agrees("\\Xb", "\r\nb", 1));	/* CR LF: one grapheme */
	CHECK(agrees(".b", "ab", 1));
	CHECK(agrees("(?:\\s|x)+y", " xy", 1));
	CHECK(agrees("(?:a{0}|b)c", "c", 1));
	CHECK(agrees("(?:a{0}b)c", "bc", 1));
	CHECK(agrees("[^x]y", "zy", 1));
	CHECK(agrees("\\p{Lu}\\p{Ll}", "Ab", 1));
	CHECK(agrees("x\\x{212a}", "XK", 1));
	CHECK(agrees("(?-i:Ab)", "AB", 0));

	/* Many rules with literals; a rule added after matching. */
	ns_rules_free(&r);
	{
		char name[16], pat[32];
		int i;

		for (i = 0; i < 300; i++) {
			snprintf(name, sizeof(name), "w%03d", i);
			snprintf(pat, sizeof(pat), ".*word%03d", i);
			CHECK(ns_rules_add(&r, name, NS_SCOPE_LINE, pat, err,
			    sizeof(err)) == 0);
		}
		CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "a WORD299"), "w299") ==
		    0);
		CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "a word300"), "") == 0);
		CHECK(ns_rules_add(&r, "late", NS_SCOPE_LINE, ".*word300", err,
		    sizeof(err)) == 0);
		CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "a word300"), "late") ==
		    0);
		CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "word300 word007"),
		    "w007") == 0);
	}

	/* A pattern that calls itself is interpreted: the match limit
	 * holds (JIT with a large stack took 7 s a line). */
	ns_rules_free(&r);
	CHECK(ns_rules_add(&r, "self", NS_SCOPE_LINE, "a|||||(?R)|||||b", err,
	    sizeof(err)) == 0);
	CHECK(ns_rules_match(&r, NS_SCOPE_LINE, "ab", 2) == NULL);
	CHECK(strcmp(rule_of(&r, NS_SCOPE_LINE, "a"), "self") == 0);
	ns_rules_free(&r);
	return CHECK_DONE("test_rules");
}
