/* fuzz_rules.c: the input as a rule file (rules.c), as --rules FILE
 * gives one to ns-split and ns-strip-ads.
 *
 * What parses is matched against fixed lines, against the input's own
 * lines and against lines made from the rules' patterns so as to match
 * them (as they are, case-swapped, with KELVIN SIGN and LONG S for k and
 * s), and each answer of ns_rules_match() (which skips the rules that its
 * prefilters say cannot match) is compared with trying each rule's
 * pattern in order with plain pcre2_match(). The same again after one
 * more rule is added. The rules are printed in the rule-file format and
 * read back, and a fixed record is stripped with them. */
#include "fuzz.h"

#define NLINES 16		/* of the input's lines, used as subjects */
#define NGEN 16			/* of the rules, made into subjects */
#define GEN_MAX 2048		/* bytes in a made subject */
#define GEN_DEPTH 40		/* groups in groups followed */

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
	"Li\xc5\xbfted by \xe2\x84\xaaim",	/* LONG S, KELVIN SIGN */
	"LONG S \xc5\xbf KELVIN \xe2\x84\xaa",
};

static const unsigned masks[] = {
	NS_SCOPE_LINE, NS_SCOPE_END, NS_SCOPE_TAIL, NS_SCOPE_LIST,
	NS_SCOPE_PARA, NS_SCOPE_LINE | NS_SCOPE_END,
	NS_SCOPE_LINE | NS_SCOPE_END | NS_SCOPE_PARA,
	NS_SCOPE_BODY & ~NS_SCOPE_END, NS_SCOPE_BODY, NS_SCOPE_TITLE,
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

/* ---- subjects made from a pattern, so that some rules match ----
 * A rough walk of the pattern: literals as they are, a class as its
 * first character, an escape such as \s or \d as one character it
 * matches, an alternative picked by the variant, a quantifier as its least
 * count or one more. Whatever comes out is a subject; what matters is
 * that it often matches. */
struct gen {
	const char *p, *e;
	unsigned variant;
	int depth;
};

static void gen_alternation(struct gen *, struct ns_buf *);

static void
gen_add(struct ns_buf *b, const char *s, size_t n)
{
	if (b->len + n <= GEN_MAX)
		ns_buf_add(b, s, n);
}

/* One atom into b. */
static void
gen_atom(struct gen *g, struct ns_buf *b)
{
	const char *p = g->p, *q;
	char c;

	c = *p++;
	switch (c) {
	case '(':
		if (p < g->e && *p == '?') {
			/* Skip to the group's body: "(?:", "(?i:",
			 * "(?=", "(?<=", "(?<name>", ... */
			q = p;
			while (q < g->e && *q != ':' && *q != ')' &&
			    *q != '>' && *q != '=' && *q != '!' && *q != '|')
				q++;
			p = q < g->e && *q != ')' ? q + 1 : q;
		} else if (p < g->e && *p == '*') {
			while (p < g->e && *p != ')')
				p++;
			g->p = p < g->e ? p + 1 : p;
			return;
		}
		g->p = p;
		if (++g->depth < GEN_DEPTH)
			gen_alternation(g, b);
		else
			while (g->p < g->e && *g->p != ')')
				g->p++;
		g->depth--;
		if (g->p < g->e && *g->p == ')')
			g->p++;
		return;
	case '[':
		if (p < g->e && *p == '^') {
			gen_add(b, g->variant & 1 ? "#" : "q", 1);
			p++;
		} else if (p < g->e) {
			q = p;
			if (*q == '\\' && q + 1 < g->e)
				q++;
			if (*q == '[' || *q == '\\')
				gen_add(b, "a", 1);
			else
				gen_add(b, q, 1);
		}
		if (p < g->e && *p == ']')
			p++;
		while (p < g->e && *p != ']')
			p += *p == '\\' && p + 1 < g->e ? 2 : 1;
		g->p = p < g->e ? p + 1 : p;
		return;
	case '.':
		gen_add(b, g->variant & 2 ? "." : "x", 1);
		break;
	case '^':
	case '$':
		break;
	case '\\':
		if (p >= g->e)
			break;
		c = *p++;
		switch (c) {
		case 's': gen_add(b, " ", 1); break;
		case 'd': gen_add(b, "7", 1); break;
		case 'w': gen_add(b, "w", 1); break;
		case 'h': gen_add(b, " ", 1); break;
		case 'S': case 'W': case 'D': case 'H': case 'N':
			gen_add(b, "Z", 1);
			break;
		case 'p':
		case 'P':
			if (p < g->e && *p == '{') {
				while (p < g->e && *p != '}')
					p++;
				if (p < g->e)
					p++;
			} else if (p < g->e)
				p++;
			gen_add(b, c == 'p' ? "A" : "1", 1);
			break;
		case 'Q':
			q = p;
			while (q + 1 < g->e && !(q[0] == '\\' && q[1] == 'E'))
				q++;
			if (q + 1 >= g->e)
				q = g->e;
			gen_add(b, p, (size_t)(q - p));
			p = q < g->e ? q + 2 : q;
			break;
		default:
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9')))
				gen_add(b, &c, 1);
			break;
		}
		break;
	default:
		gen_add(b, &c, 1);
		break;
	}
	g->p = p;
}

/* A count in a quantifier at *pp, or -1. */
static long
gen_count(struct gen *g, const char **pp)
{
	const char *p = *pp;
	long v = 0;

	if (p >= g->e || *p < '0' || *p > '9')
		return -1;
	while (p < g->e && *p >= '0' && *p <= '9' && v < 100000)
		v = v * 10 + (*p++ - '0');
	*pp = p;
	return v;
}

static void
gen_sequence(struct gen *g, struct ns_buf *b)
{
	struct ns_buf a = { 0 };
	const char *p;
	long min, max, times, t;

	while (g->p < g->e && *g->p != '|' && *g->p != ')') {
		ns_buf_reset(&a);
		gen_atom(g, &a);
		min = max = 1;
		p = g->p;
		if (p < g->e && (*p == '?' || *p == '*' || *p == '+')) {
			min = *p == '+';
			max = *p == '?' ? 1 : -1;
			p++;
		} else if (p < g->e && *p == '{') {
			const char *q = p + 1;
			long lo = gen_count(g, &q), hi = lo;

			if (lo >= 0 && q < g->e && *q == ',') {
				q++;
				hi = q < g->e && *q >= '0' && *q <= '9' ?
				    gen_count(g, &q) : -1;
			}
			if (lo >= 0 && q < g->e && *q == '}') {
				min = lo;
				max = hi;
				p = q + 1;
			}
		}
		if (p != g->p && p < g->e && (*p == '?' || *p == '+'))
			p++;		/* lazy or possessive */
		g->p = p;
		times = min;
		if ((g->variant >> 2 & 1) && (max < 0 || max > min))
			times = min + 1;
		if (times > 64)
			times = 64;
		for (t = 0; t < times; t++)
			gen_add(b, a.p ? a.p : "", a.len);
	}
	ns_buf_free(&a);
}

/* The alternative numbered by the variant (bits 3 up; the first if there
 * are fewer). */
static void
gen_alternation(struct gen *g, struct ns_buf *b)
{
	struct ns_buf alt = { 0 }, chosen = { 0 };
	unsigned k = 0, pick = g->variant >> 3;

	for (;;) {
		ns_buf_reset(&alt);
		gen_sequence(g, &alt);
		if (k == 0 || k == pick) {
			ns_buf_reset(&chosen);
			ns_buf_add(&chosen, alt.p ? alt.p : "", alt.len);
		}
		if (g->p >= g->e || *g->p != '|')
			break;
		g->p++;
		k++;
	}
	gen_add(b, chosen.p ? chosen.p : "", chosen.len);
	ns_buf_free(&alt);
	ns_buf_free(&chosen);
}

/* A subject made from pattern by variant v into b. */
static void
gen_subject(const char *pattern, unsigned v, struct ns_buf *b)
{
	struct gen g;

	g.p = pattern;
	g.e = pattern + strlen(pattern);
	g.variant = v;
	g.depth = 0;
	ns_buf_reset(b);
	while (g.p < g.e) {
		gen_alternation(&g, b);
		if (g.p < g.e)
			g.p++;		/* a stray ')' */
	}
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

/* A subject made from pattern, as it is, case-swapped, and with KELVIN
 * SIGN and LONG S for k and s. */
static void
gen_check(struct ns_rules *r, const char *pattern, unsigned v)
{
	struct ns_buf b = { 0 }, t = { 0 };
	size_t i;
	char c;

	gen_subject(pattern, v, &b);
	if (b.p == NULL || !fuzz_utf8_valid(b.p, b.len)) {
		ns_buf_free(&b);
		return;
	}
	subject(r, b.p, b.len);
	for (i = 0; i < b.len; i++) {
		c = b.p[i];
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			c ^= 0x20;
		ns_buf_addc(&t, c);
	}
	subject(r, t.p, t.len);
	if (v == 0) {
		ns_buf_reset(&t);
		for (i = 0; i < b.len; i++) {
			c = b.p[i];
			if ((c | 0x20) == 'k')
				ns_buf_adds(&t, "\xe2\x84\xaa");
			else if ((c | 0x20) == 's')
				ns_buf_adds(&t, "\xc5\xbf");
			else
				ns_buf_addc(&t, c);
		}
		subject(r, t.p, t.len);
	}
	ns_buf_free(&b);
	ns_buf_free(&t);
}

/* Subjects made from the first rules' patterns, a few variants each. */
static void
made(struct ns_rules *r)
{
	static const unsigned variants[] = { 0, 5, 10, 19 };
	size_t i, v;

	for (i = 0; i < r->n && i < NGEN; i++)
		for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
			gen_check(r, r->v[i].pattern, variants[v]);
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
	made(&r);
	/* One more rule: what was built for the rules so far is rebuilt. */
	if (ns_rules_add(&r, "late", NS_SCOPE_LINE, "(?:read|late)?.{0,3}",
	    err, sizeof(err)) == 0) {
		subject(&r, fixed[1], strlen(fixed[1]));
		subject(&r, "Late", 4);
		if (r.n > 1)
			gen_check(&r, r.v[0].pattern, 0);
	}
	round_trip(&r);
	strip(&r);
	ns_rules_free(&r);
	return 0;
}
