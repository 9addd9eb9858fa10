/* fuzz_rules.c: the input as a rule file (rules.c), as --rules FILE
 * gives one to ns-split and ns-strip-ads.
 *
 * What parses is matched against fixed lines and against the input's own
 * lines, and each answer of ns_rules_match() (which tries the combinable
 * rules of a scope as one alternation first) is compared with trying the
 * rules one by one. The rules are printed in the rule-file format and
 * read back, and a fixed record is stripped with them. */
#include "fuzz.h"

#define NLINES 16		/* of the input's lines, used as subjects */

static const char *const fixed[] = {
	"",
	"Advertisement",
	"Read more: https://example.org/a/b?c=1",
	"A sentence of an article that nothing should cut.",
	"Related Topics",
	"Photo: Lin Example/Newswire",
	"Harbour Fair Opens Early | The Example Ledger",
	"ab",
	"a)|(?:b",
	"Ünïcödé  \xc2\xa0 text \xe2\x80\xa6",
};

static const unsigned masks[] = {
	NS_SCOPE_LINE, NS_SCOPE_END, NS_SCOPE_TAIL, NS_SCOPE_LIST,
	NS_SCOPE_LINE | NS_SCOPE_END, NS_SCOPE_BODY & ~NS_SCOPE_END,
	NS_SCOPE_BODY, NS_SCOPE_TITLE,
};

static pcre2_match_data *md;
static pcre2_match_context *mctx;

static void
setup(void)
{
	md = pcre2_match_data_create(1, NULL);
	mctx = pcre2_match_context_create(NULL);
	FUZZ_ASSERT(md != NULL && mctx != NULL, "setup-pcre2");
	pcre2_set_match_limit(mctx, 1000000);
}

/* The first rule among mask that matches s on its own; *gave_up if one
 * could not say. */
static const struct ns_rule *
one_by_one(const struct ns_rules *r, unsigned mask, const char *s,
    size_t n, int *gave_up)
{
	size_t i;
	int rc;

	for (i = 0; i < r->n; i++) {
		if (!(r->v[i].scope & mask))
			continue;
		rc = pcre2_match(r->v[i].re, (PCRE2_SPTR)s, n, 0, 0, md, mctx);
		if (rc >= 0)
			return &r->v[i];
		if (rc != PCRE2_ERROR_NOMATCH)
			*gave_up = 1;
	}
	return NULL;
}

static void
subject(struct ns_rules *r, const char *s, size_t n)
{
	const struct ns_rule *got, *want, *rule;
	size_t m;
	int hits, gave_up;
	long off;

	for (m = 0; m < sizeof(masks) / sizeof(masks[0]); m++) {
		hits = r->limit_hits;
		gave_up = 0;
		got = ns_rules_match(r, masks[m], s, n);
		want = one_by_one(r, masks[m], s, n, &gave_up);
		FUZZ_ASSERT(got == NULL || (got >= r->v && got < r->v + r->n),
		    "rules-match");
		if (!gave_up && r->limit_hits == hits)
			FUZZ_CHECK(got == want, "rules-combined-differs");
	}
	rule = NULL;
	off = ns_rules_match_suffix(r, &rule, s, n);
	FUZZ_CHECK(off == -1 || (off >= 0 && (size_t)off <= n &&
	    rule != NULL && rule->scope == NS_SCOPE_TITLE &&
	    fuzz_cp_boundary(s, n, (size_t)off)), "rules-suffix");
}

/* Printed and read back: the same rules. */
static void
round_trip(const struct ns_rules *r)
{
	struct ns_rules back = { 0 };
	char *text = NULL, err[600];
	size_t len = 0, i;
	FILE *fp;
	int rc;

	fp = open_memstream(&text, &len);
	FUZZ_ASSERT(fp != NULL, "setup-memstream");
	ns_rules_print(r, fp);
	FUZZ_ASSERT(fclose(fp) == 0, "setup-memstream");
	rc = ns_rules_parse(&back, text, len, "printed", err, sizeof(err));
	FUZZ_CHECK(rc == 0, "rules-print-reparse");
	FUZZ_CHECK(back.n == r->n, "rules-print-reparse");
	for (i = 0; i < back.n && i < r->n; i++)
		FUZZ_CHECK(strcmp(back.v[i].name, r->v[i].name) == 0 &&
		    back.v[i].scope == r->v[i].scope &&
		    strcmp(back.v[i].pattern, r->v[i].pattern) == 0,
		    "rules-print-reparse");
	ns_rules_free(&back);
	free(text);
}

/* A record stripped with the rules: still valid UTF-8, and whatever was
 * listed as cut stood in the record. */
static void
strip(struct ns_rules *r)
{
	static const char title[] = "Harbour Fair Opens Early - Example News | "
	    "example.org";
	static const char text[] = "Advertisement\n\nThe harbour fair opened "
	    "a day early. Crowds came.\n\nShare this article\nRelated\nOne "
	    "link\nAnother link\n\nSource: Example Wire";
	json_t *rec, *removed, *e;
	char *dump;
	size_t i;

	rec = json_object();
	removed = json_array();
	FUZZ_ASSERT(rec != NULL && removed != NULL &&
	    json_object_set_new(rec, "title", json_string(title)) == 0 &&
	    json_object_set_new(rec, "text", json_string(text)) == 0 &&
	    json_object_set_new(rec, "removed", removed) == 0, "setup-json");
	ns_strip(r, rec, removed, 0);
	dump = json_dumps(rec, JSON_COMPACT);
	FUZZ_CHECK(dump != NULL, "rules-strip-utf8");
	free(dump);
	json_array_foreach(removed, i, e) {
		const char *t = json_string_value(json_object_get(e, "text"));
		const char *f = json_string_value(json_object_get(e, "field"));

		FUZZ_ASSERT(t != NULL && f != NULL, "rules-strip-removed");
		FUZZ_CHECK(strstr(strcmp(f, "title") == 0 ? title : text, t) !=
		    NULL, "rules-strip-removed");
	}
	json_decref(rec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_rules r = { 0 };
	const char *s = (const char *)data, *nl;
	char err[600];
	size_t i, ls, le, count = 0;

	if (md == NULL)
		setup();
	err[0] = '\0';
	if (ns_rules_parse(&r, s, size, "fuzz", err, sizeof(err)) < 0)
		FUZZ_CHECK(err[0] != '\0', "rules-parse-error");
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		subject(&r, fixed[i], strlen(fixed[i]));
	for (ls = 0; ls < size && count < NLINES; ls = le + 1) {
		nl = memchr(s + ls, '\n', size - ls);
		le = nl ? (size_t)(nl - s) : size;
		/* Subjects are valid UTF-8: the rules match without a check. */
		if (fuzz_utf8_valid(s + ls, le - ls)) {
			subject(&r, s + ls, le - ls);
			count++;
		}
	}
	if (fuzz_utf8_valid(s, size))
		subject(&r, s, size);
	round_trip(&r);
	strip(&r);
	ns_rules_free(&r);
	return 0;
}
