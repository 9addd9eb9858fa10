/* test_rules.c: unit tests of common/rules.c and the built-in rules. */
#include "ns.h"
#include "check.h"

static const char *
rule_of(struct ns_rules *r, unsigned mask, const char *s)
{
	const struct ns_rule *ru = ns_rules_match(r, mask, s, strlen(s));

	return ru ? ru->name : "";
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
	return CHECK_DONE("test_rules");
}
