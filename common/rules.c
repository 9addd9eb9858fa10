/* rules.c: named PCRE2 line rules, kept as data ("name scope pattern" per
 * line), compiled once with JIT. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

/* A pattern that backtracks without end is given up, not waited for. */
#define MATCH_LIMIT 1000000

static const struct {
	const char *name;
	enum ns_scope scope;
} scopes[] = {
	{ "line", NS_SCOPE_LINE },
	{ "end", NS_SCOPE_END },
	{ "tail", NS_SCOPE_TAIL },
	{ "title", NS_SCOPE_TITLE },
	{ "list", NS_SCOPE_LIST },
};

const char *
ns_scope_name(enum ns_scope s)
{
	size_t i;

	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
		if (scopes[i].scope == s)
			return scopes[i].name;
	return "?";
}

static uint32_t
compile_options(enum ns_scope scope)
{
	uint32_t o = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_ENDANCHORED;

	/* Body rules match a whole line; title rules a suffix of the title. */
	if (scope != NS_SCOPE_TITLE)
		o |= PCRE2_ANCHORED;
	return o;
}

static pcre2_code *
compile(const char *pattern, size_t len, uint32_t options, int *ecode,
    PCRE2_SIZE *eoff)
{
	pcre2_code *re;

	static int jit = -1;

	/* NS_NO_JIT=1 (tests under valgrind, which cannot follow JIT code
	 * and reports false errors in it) interprets the patterns. */
	if (jit < 0)
		jit = getenv("NS_NO_JIT") == NULL;
	re = pcre2_compile((PCRE2_SPTR)pattern, len, options, ecode, eoff,
	    NULL);
	if (re != NULL && jit)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* else interpreted */
	return re;
}

/* Can a rule's pattern stand inside an alternation with others? Not with
 * a numbered back reference or subroutine call (the numbers would shift),
 * nor with backtracking verbs such as (*COMMIT), which reach past it. */
static int
combinable(const struct ns_rule *ru)
{
	uint32_t refs = 0;
	const char *p;

	if (pcre2_pattern_info(ru->re, PCRE2_INFO_BACKREFMAX, &refs) != 0 ||
	    refs > 0 || strstr(ru->pattern, "(*") != NULL)
		return 0;
	/* \Q (quoting to the end), \E, \g and \k references, named groups
	 * and their calls would reach into the other alternatives too. */
	if (strstr(ru->pattern, "\\Q") || strstr(ru->pattern, "\\E") ||
	    strstr(ru->pattern, "\\g") || strstr(ru->pattern, "\\k") ||
	    strstr(ru->pattern, "(?P") || strstr(ru->pattern, "(?&") ||
	    strstr(ru->pattern, "(?<") || strstr(ru->pattern, "(?'"))
		return 0;
	for (p = ru->pattern; (p = strstr(p, "(?")) != NULL; p += 2)
		if (p[2] == 'R' || p[2] == '&' || p[2] == '+' || p[2] == '-' ||
		    (p[2] >= '0' && p[2] <= '9') || (p[2] == 'P' && p[3] == '>'))
			return 0;
	return 1;
}

int
ns_rules_add(struct ns_rules *r, const char *name, enum ns_scope scope,
    const char *pattern, char *err, size_t errsz)
{
	struct ns_rule *ru;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *re;
	int code;
	size_t i;

	re = compile(pattern, strlen(pattern), compile_options(scope), &code,
	    &off);
	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, errsz, "rule %s: bad pattern at offset %zu: %s",
		    name, (size_t)off, (char *)msg);
		return -1;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->v = ns_xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	ru = &r->v[r->n++];
	ru->name = ns_xstrdup(name);
	ru->scope = scope;
	ru->pattern = ns_xstrdup(pattern);
	ru->re = re;
	ru->alone = !combinable(ru);
	/* The combined patterns are rebuilt on next use. */
	for (i = 0; i < sizeof(r->any) / sizeof(r->any[0]); i++) {
		pcre2_code_free(r->any[i]);
		r->any[i] = NULL;
	}
	r->any_built = 0;
	return 0;
}

int
ns_rules_parse(struct ns_rules *r, const char *text, size_t len,
    const char *origin, char *err, size_t errsz)
{
	const char *p = text, *end = text + len, *nl, *w[3];
	size_t wl[3], i, k, lineno = 0;
	char why[400], *name, *pat;
	enum ns_scope scope;
	int found, rc;

	for (; p < end; p = nl < end ? nl + 1 : end) {
		nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			nl = end;
		lineno++;
		/* Split into name, scope and the rest (the pattern). */
		const char *q = p, *le = p + ns_trim_right(p, nl - p);
		for (k = 0; k < 3; k++) {
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			w[k] = q;
			if (k == 2) {
				wl[k] = le - q;
				break;
			}
			while (q < le && *q != ' ' && *q != '\t')
				q++;
			wl[k] = q - w[k];
		}
		if (wl[0] == 0 || w[0][0] == '#')
			continue;
		if (memchr(p, '\0', nl - p) != NULL) {
			snprintf(err, errsz, "%s:%zu: NUL byte in rule", origin,
			    lineno);
			return -1;
		}
		if (wl[1] == 0 || wl[2] == 0) {
			snprintf(err, errsz, "%s:%zu: expected \"name scope "
			    "pattern\"", origin, lineno);
			return -1;
		}
		found = 0;
		scope = NS_SCOPE_LINE;
		for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
			if (strlen(scopes[i].name) == wl[1] &&
			    memcmp(scopes[i].name, w[1], wl[1]) == 0) {
				scope = scopes[i].scope;
				found = 1;
			}
		if (!found) {
			snprintf(err, errsz, "%s:%zu: unknown scope \"%.*s\" "
			    "(line, end, tail, list or title)", origin, lineno,
			    (int)(wl[1] > 40 ? 40 : wl[1]), w[1]);
			return -1;
		}
		for (i = 0; i < wl[0]; i++) {
			char ch = w[0][i];

			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' &&
			    ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
			    ch == '-' || ch == '.'))
				break;
		}
		if (i < wl[0]) {
			snprintf(err, errsz, "%s:%zu: a rule name is letters, "
			    "digits, '_', '-' and '.'", origin, lineno);
			return -1;
		}
		name = ns_xstrndup(w[0], wl[0]);
		pat = ns_xstrndup(w[2], wl[2]);
		rc = ns_rules_add(r, name, scope, pat, why, sizeof(why));
		free(name);
		free(pat);
		if (rc < 0) {
			snprintf(err, errsz, "%s:%zu: %s", origin, lineno, why);
			return -1;
		}
	}
	return 0;
}

int
ns_rules_load_file(struct ns_rules *r, const char *path, char *err,
    size_t errsz)
{
	struct ns_buf b = { 0 };
	char chunk[8192];
	size_t n;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		ns_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		fclose(fp);
		ns_buf_free(&b);
		return -1;
	}
	fclose(fp);
	rc = ns_rules_parse(r, b.p ? b.p : "", b.len, path, err, errsz);
	ns_buf_free(&b);
	return rc;
}

static void
setup_match(struct ns_rules *r)
{
	if (r->md != NULL)
		return;
	r->md = pcre2_match_data_create(1, NULL);
	r->mctx = pcre2_match_context_create(NULL);
	if (r->md == NULL || r->mctx == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
	/* JIT's default 32 KiB stack is short for long lines. */
	r->jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (r->jstack != NULL)
		pcre2_jit_stack_assign(r->mctx, NULL, r->jstack);
}

/* All combinable rules of a scope mask in one alternation, so that the
 * common case, a line that no rule matches, costs one match; the others
 * are always tried alone. NULL when there are fewer than two. */
static pcre2_code *
combined(struct ns_rules *r, unsigned mask)
{
	struct ns_buf b = { 0 };
	PCRE2_SIZE off;
	pcre2_code *re = NULL;
	uint32_t opts = 0;
	size_t i, count = 0;
	int code;

	for (i = 0; i < r->n; i++) {
		if (!(r->v[i].scope & mask) || r->v[i].alone)
			continue;
		ns_buf_adds(&b, count ? "|(?:" : "(?:");
		ns_buf_adds(&b, r->v[i].pattern);
		ns_buf_adds(&b, ")");
		opts = compile_options(r->v[i].scope);
		count++;
	}
	/* Title rules and body rules are never mixed in one mask. */
	if (count > 1)
		re = compile(b.p, b.len, opts, &code, &off);
	ns_buf_free(&b);
	return re;
}

/* 1 on a match, 0 on none; gives up (counted) at the match limit. */
static int
match(struct ns_rules *r, const pcre2_code *re, const char *s, size_t n)
{
	int rc;

	/* Subjects are valid UTF-8: jansson checked them, or ns-split
	 * repaired them; so no second check. */
	rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, r->md,
	    r->mctx);
	if (rc >= 0)
		return 1;
	if (rc != PCRE2_ERROR_NOMATCH)
		r->limit_hits++;
	return 0;
}

const struct ns_rule *
ns_rules_match(struct ns_rules *r, unsigned mask, const char *s, size_t n)
{
	size_t i;
	int any;

	setup_match(r);
	mask &= NS_SCOPE_MASKS - 1;
	if (!(r->any_built & (1u << mask))) {
		r->any[mask] = combined(r, mask);
		r->any_built |= 1u << mask;
	}
	/* No combined match: only the rules left out of it can match. */
	any = r->any[mask] == NULL || match(r, r->any[mask], s, n);
	for (i = 0; i < r->n; i++)
		if ((r->v[i].scope & mask) && (any || r->v[i].alone) &&
		    match(r, r->v[i].re, s, n))
			return &r->v[i];
	return NULL;
}

long
ns_rules_match_suffix(struct ns_rules *r, const struct ns_rule **rule,
    const char *s, size_t n)
{
	PCRE2_SIZE *ov;
	size_t i;

	setup_match(r);
	for (i = 0; i < r->n; i++) {
		if (r->v[i].scope != NS_SCOPE_TITLE ||
		    !match(r, r->v[i].re, s, n))
			continue;
		ov = pcre2_get_ovector_pointer(r->md);
		*rule = &r->v[i];
		return (long)ov[0];
	}
	return -1;
}

void
ns_rules_print(const struct ns_rules *r, FILE *fp)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		fprintf(fp, "%-20s %-5s %s\n", r->v[i].name,
		    ns_scope_name(r->v[i].scope), r->v[i].pattern);
}

void
ns_rules_free(struct ns_rules *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].pattern);
		pcre2_code_free(r->v[i].re);
	}
	for (i = 0; i < sizeof(r->any) / sizeof(r->any[0]); i++)
		pcre2_code_free(r->any[i]);
	pcre2_match_data_free(r->md);
	pcre2_match_context_free(r->mctx);
	pcre2_jit_stack_free(r->jstack);
	free(r->v);
	memset(r, 0, sizeof(*r));
}
