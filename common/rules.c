/* rules.c: named PCRE2 line rules, kept as data ("name scope pattern" per
 * line), compiled once with JIT. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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
	{ "para", NS_SCOPE_PARA },
	{ "section", NS_SCOPE_SECTION },
	{ "head", NS_SCOPE_HEAD },
	{ "kicker", NS_SCOPE_KICKER },
	{ "credit", NS_SCOPE_CREDIT },
	{ "author", NS_SCOPE_AUTHOR },
	{ "thread", NS_SCOPE_THREAD },
	{ "tags", NS_SCOPE_TAGS },
	{ "field", NS_SCOPE_FIELD },
	{ "box", NS_SCOPE_BOX },
	{ "message", NS_SCOPE_MESSAGE },
	{ "clip", NS_SCOPE_CLIP },
	{ "note", NS_SCOPE_NOTE },
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
	/* \C, one byte, would let a rule cut a character in two, and the
	 * title, text or "removed" written would not be UTF-8. */
	uint32_t o = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_ENDANCHORED |
	    PCRE2_NEVER_BACKSLASH_C;

	/* Body rules match a whole line; title rules a suffix of the title. */
	if (scope != NS_SCOPE_TITLE)
		o |= PCRE2_ANCHORED;
	return o;
}

/* Does a pattern call a group (recursion, a subroutine call)? Such a
 * pattern, JIT-compiled and given a large JIT stack, can run for minutes
 * whatever the match limit ("a||...|(?R)||..." on any line: 36 s), so
 * it is interpreted, where the match limit holds. Errs towards yes. */
static int
calls_group(const char *p)
{
	for (; *p != '\0'; p++) {
		if (p[0] == '(' && p[1] == '?' && (p[2] == 'R' ||
		    p[2] == '&' || (p[2] >= '0' && p[2] <= '9') ||
		    ((p[2] == '+' || p[2] == '-') && p[3] >= '0' &&
		    p[3] <= '9') || (p[2] == 'P' && p[3] == '>')))
			return 1;
		if (p[0] == '\\' && p[1] == 'g' && (p[2] == '<' || p[2] == '\''))
			return 1;
	}
	return 0;
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
	if (re != NULL && jit && !calls_group(pattern))
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* else interpreted */
	return re;
}

/* ---- prefilters: lines a rule cannot match, told cheaply ----
 * Most lines match no rule, yet a rule such as ".{10,600}?\s*(?:photo|...)"
 * makes PCRE2 try every position of a long line. So each rule is read
 * once for what any match of it must hold: a byte it can start with (from
 * PCRE2's own start bitmap), a least length, and a set of literal strings
 * one of which must appear (from the pattern, below); a line that fails
 * one is not given to PCRE2. The answers are those of trying every rule:
 * the tests only skip rules that cannot match. */

#define LIT_MAX 16		/* literals in a rule's required set */
#define LIT_LEN 24		/* bytes in one literal, and room for no more */
#define LIT_TABLE 4096		/* bigram hash table of a scope mask */
#define LIT_DEPTH 32		/* groups within groups read; deeper: bad */

/* A set of literals: either the exact strings a piece of pattern can
 * match (exact: every match of the piece is one of them; never empty), or
 * strings one of which is inside any match of it (not exact; none of them
 * empty). n 0 and not exact: nothing known. Letters are lower case.
 * Every function below gives a set that keeps these rules, whatever it is
 * given, and a set that breaks them is read as "nothing known". */
struct litset {
	int	 exact;
	int	 n;
	char	 s[LIT_MAX][LIT_LEN];
	unsigned char len[LIT_MAX];
};

struct scan {
	const char *p, *e;	/* e: the pattern's end (a NUL there) */
	int	 bad;		/* something not understood: know nothing */
	int	 depth;		/* groups open */
};

/* The width of a piece of pattern: the most characters it can match,
 * white space aside, or WIDTH_ANY: no bound (or more than is worth a
 * test). Every rule spaces its words with \s+, so only a width that
 * leaves white space out says anything of a line: an atom that matches
 * only white space (\s, \h, \v, \R, a space) adds nothing, any other
 * atom one character (caseless matching pairs one character with one). A
 * line with more printable ASCII characters (space aside: none of them
 * white space) than a rule's width cannot be the rule's match. */
#define WIDTH_ANY	(-1L)
#define WIDTH_MAX	(1L << 24)

static long
width_add(long a, long b)
{
	return a < 0 || b < 0 || a + b > WIDTH_MAX ? WIDTH_ANY : a + b;
}

/* A piece of width w repeated at most max times (-1: any). */
static long
width_times(long w, long max)
{
	if (w == 0 || max == 0)
		return 0;
	if (w < 0 || max < 0 || w > WIDTH_MAX / max)
		return WIDTH_ANY;
	return w * max;
}

static void
ls_none(struct litset *l)
{
	l->exact = 0;
	l->n = 0;
}

static void
ls_empty(struct litset *l)
{
	l->exact = 1;
	l->n = 1;
	l->len[0] = 0;
}

/* One literal byte. */
static void
ls_byte(struct litset *l, int c)
{
	l->exact = 1;
	l->n = 1;
	l->s[0][0] = (char)c;
	l->len[0] = 1;
}

/* Does l keep the rules of a set? */
static int
ls_valid(const struct litset *l)
{
	int i;

	if (l->n < 0 || l->n > LIT_MAX || (l->exact && l->n == 0))
		return 0;
	for (i = 0; i < l->n; i++)
		if (l->len[i] >= LIT_LEN || (!l->exact && l->len[i] == 0))
			return 0;
	return 1;
}

static int
ls_minlen(const struct litset *l)
{
	int i, m = 0;

	for (i = 0; i < l->n && i < LIT_MAX; i++)
		if (i == 0 || l->len[i] < m)
			m = l->len[i];
	return m;
}

/* What a piece says as a requirement (not exact): nothing if it can
 * match the empty string. */
static void
ls_require(struct litset *l)
{
	if (!ls_valid(l) || (l->exact && ls_minlen(l) == 0)) {
		ls_none(l);
		return;
	}
	l->exact = 0;
}

/* Of two requirements, a and b, keep in a the one that tells more: the
 * longer shortest literal, then the fewer literals. */
static void
ls_best(struct litset *a, const struct litset *b)
{
	struct litset rb = *b;
	int ma, mb;

	ls_require(a);
	ls_require(&rb);
	if (rb.n == 0)
		return;
	ma = a->n ? ls_minlen(a) : 0;
	mb = ls_minlen(&rb);
	if (mb > ma || (mb == ma && rb.n < a->n))
		*a = rb;
}

/* The strings of a followed by those of b, both exact, in *c: 1, or 0
 * if there would be too many or too long. */
static int
ls_product(const struct litset *a, const struct litset *b, struct litset *c)
{
	int i, j;

	if (!a->exact || !b->exact || !ls_valid(a) || !ls_valid(b) ||
	    a->n * b->n > LIT_MAX)
		return 0;
	c->exact = 1;
	c->n = 0;
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			if (a->len[i] + b->len[j] >= LIT_LEN) {
				ls_none(c);
				return 0;
			}
			memcpy(c->s[c->n], a->s[i], a->len[i]);
			memcpy(c->s[c->n] + a->len[i], b->s[j], b->len[j]);
			c->len[c->n++] = (unsigned char)(a->len[i] + b->len[j]);
		}
	return 1;
}

/* a or b, in a. */
static void
ls_alt(struct litset *a, const struct litset *b)
{
	struct litset rb;
	int i;

	if (!ls_valid(a) || !ls_valid(b)) {
		ls_none(a);
		return;
	}
	if (!(a->exact && b->exact && a->n + b->n <= LIT_MAX)) {
		/* As requirements: one of either's. */
		rb = *b;
		ls_require(a);
		ls_require(&rb);
		if (a->n == 0 || rb.n == 0 || a->n + rb.n > LIT_MAX) {
			ls_none(a);
			return;
		}
		b = &rb;
	}
	for (i = 0; i < b->n; i++) {
		memcpy(a->s[a->n], b->s[i], b->len[i]);
		a->len[a->n++] = b->len[i];
	}
}

/* A pattern byte as a literal: one that matches only itself and its
 * ASCII other case, even caselessly under UTF and UCP; not 'k' (KELVIN
 * SIGN) nor 's' (LONG S), nor white space, nor any byte of a multi-byte
 * character. -1, or the byte with letters in lower case. */
static int
lit_byte(int c)
{
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (c <= 0x20 || c >= 0x7f || c == 'k' || c == 's')
		return -1;
	return c;
}

/* The character at p (before e) as a literal, in out (its length, or
 * 0 if it is none): an ASCII byte as lit_byte() takes it, or a
 * punctuation mark or symbol that has no other case, which caseless
 * matching pairs only with itself. */
static size_t
lit_char(const char *p, const char *e, char out[4])
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	utf8proc_category_t cat;
	int b;

	if ((unsigned char)*p < 0x80) {
		if ((b = lit_byte((unsigned char)*p)) < 0)
			return 0;
		out[0] = (char)b;
		return 1;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)p, e - p, &c);
	if (k < 2 || k > 4)
		return 0;
	cat = utf8proc_category(c);
	if (cat < UTF8PROC_CATEGORY_PC || cat > UTF8PROC_CATEGORY_SO ||
	    utf8proc_tolower(c) != c || utf8proc_toupper(c) != c ||
	    utf8proc_totitle(c) != c)
		return 0;
	memcpy(out, p, (size_t)k);
	return (size_t)k;
}

/* The literals of a character class, p past its '[' and e at its ']':
 * one a member, when every member is a literal (no ranges, escapes,
 * negation or named classes); else none. */
static void
ls_class(struct litset *l, const char *p, const char *e)
{
	char b[4];
	size_t k;

	ls_none(l);
	if (p < e && *p == '^')
		return;
	l->exact = 1;
	while (p < e) {
		if (*p == '\\' || *p == '[' || (*p == '-' && p + 1 < e &&
		    l->n > 0) || l->n >= LIT_MAX ||
		    (k = lit_char(p, e, b)) == 0) {
			ls_none(l);
			return;
		}
		memcpy(l->s[l->n], b, k);
		l->len[l->n++] = (unsigned char)k;
		p += k;
	}
	if (l->n == 0)
		ls_none(l);
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void
set_bit(unsigned char *set, unsigned b)
{
	set[b >> 3] |= (unsigned char)(1u << (b & 7));
}

static int
has_bit(const unsigned char *set, unsigned b)
{
	return set[b >> 3] >> (b & 7) & 1;
}

/* The bytes a match can begin and end with. PCRE2 gives no start
 * bitmap for most rules (\d, \w and \p match more than ASCII under UCP,
 * and a bitmap that cannot be had says nothing), so the pattern is read
 * for them too. Rules match whole lines (anchored at both ends), so a
 * line whose first or last byte is in neither set is no match of the
 * rule. A character outside ASCII begins with a byte from 0x80 up and
 * ends with one from 0x80 to 0xbf; ASCII letters are put in with their
 * other case and any byte from 0x80 up at the end (edge_close()), as
 * caseless matching pairs 'k' with KELVIN SIGN and 's' with LONG S. Each
 * set holds every byte that can be there: more is always safe. */
struct edge {
	unsigned char first[32];
	unsigned char last[32];
	/* The first two characters of a match, when both are ASCII, by
	 * the low five bits of each (pair[a & 31] >> (b & 31) & 1): a
	 * letter's two cases are one, so caseless matching needs nothing
	 * more. Most rules begin with words, and a line that begins with
	 * none of their first two letters is turned down. */
	uint32_t pair[32];
	int	 one;		/* the piece can match one character */
	int	 empty;		/* the piece can match the empty string */
};

/* Any one character. */
static void
edge_all(struct edge *e)
{
	memset(e->first, 0xff, sizeof(e->first));
	memset(e->last, 0xff, sizeof(e->last));
	memset(e->pair, 0, sizeof(e->pair));
	e->one = 1;
	e->empty = 0;
}

/* Anything: a piece not read, or one of any length (\X). */
static void
edge_unknown(struct edge *e)
{
	edge_all(e);
	memset(e->pair, 0xff, sizeof(e->pair));
	e->empty = 1;
}

/* Matches no text: an assertion, or nothing yet. */
static void
edge_none(struct edge *e)
{
	memset(e->first, 0, sizeof(e->first));
	memset(e->last, 0, sizeof(e->last));
	memset(e->pair, 0, sizeof(e->pair));
	e->one = 0;
	e->empty = 1;
}

static void
edge_byte(struct edge *e, unsigned c)
{
	e->first[c >> 3] |= (unsigned char)(1u << (c & 7));
	e->last[c >> 3] |= (unsigned char)(1u << (c & 7));
	e->one = 1;
	e->empty = 0;
}

static void
edge_range(struct edge *e, unsigned a, unsigned b)
{
	for (; a <= b; a++)
		edge_byte(e, a);
}

/* Any character outside ASCII. */
static void
edge_hi(struct edge *e)
{
	memset(e->first + 0x80 / 8, 0xff, 0x80 / 8);
	memset(e->last + 0x80 / 8, 0xff, 0x40 / 8);
	e->one = 1;
	e->empty = 0;
}

/* Any letter, in or outside ASCII. */
static void
edge_letters(struct edge *e)
{
	edge_range(e, 'A', 'Z');
	edge_range(e, 'a', 'z');
	edge_hi(e);
}

/* The white space of \s, \h and \v: in ASCII, tab to carriage return
 * and space. */
static void
edge_space(struct edge *e)
{
	edge_range(e, '\t', '\r');
	edge_byte(e, ' ');
	edge_hi(e);
}

static void
edge_punct(struct edge *e)
{
	edge_range(e, 0x21, 0x2f);
	edge_range(e, 0x3a, 0x40);
	edge_range(e, 0x5b, 0x60);
	edge_range(e, 0x7b, 0x7e);
	edge_hi(e);
}

static void
edge_or(struct edge *a, const struct edge *b)
{
	size_t i;

	for (i = 0; i < sizeof(a->first); i++) {
		a->first[i] |= b->first[i];
		a->last[i] |= b->last[i];
	}
	for (i = 0; i < 32; i++)
		a->pair[i] |= b->pair[i];
	a->one |= b->one;
	a->empty |= b->empty;
}

/* Pairs of a character of a's first bytes and one of b's, ASCII only,
 * into e. */
static void
edge_pairs(struct edge *e, const struct edge *a, const struct edge *b)
{
	uint32_t m = 0;
	unsigned c;

	for (c = 0; c < 0x80; c++)
		if (has_bit(b->first, c))
			m |= 1u << (c & 31);
	for (c = 0; c < 0x80; c++)
		if (has_bit(a->first, c))
			e->pair[c & 31] |= m;
}

/* b after a, in a. */
static void
edge_then(struct edge *a, const struct edge *b)
{
	size_t i;

	/* The second character: a's own, b's first after one of a, or
	 * b's own after nothing of a. */
	if (a->one)
		edge_pairs(a, a, b);
	if (a->empty)
		for (i = 0; i < 32; i++)
			a->pair[i] |= b->pair[i];
	a->one = (a->one && b->empty) || (a->empty && b->one);
	for (i = 0; i < sizeof(a->first); i++) {
		if (a->empty)
			a->first[i] |= b->first[i];
		a->last[i] = (unsigned char)(b->empty ? a->last[i] |
		    b->last[i] : b->last[i]);
	}
	a->empty &= b->empty;
}

/* One code point (of \x, or a character of the pattern). */
static void
edge_cp(struct edge *e, long cp)
{
	if (cp < 0 || cp > 0x10ffff) {
		edge_all(e);
		return;
	}
	if (cp < 0x80) {
		edge_byte(e, (unsigned)cp);
		return;
	}
	edge_hi(e);
	if (utf8proc_tolower((utf8proc_int32_t)cp) != cp ||
	    utf8proc_toupper((utf8proc_int32_t)cp) != cp ||
	    utf8proc_totitle((utf8proc_int32_t)cp) != cp)
		edge_letters(e);	/* it may pair with an ASCII letter */
}

/* What \p{name} or \pX (the name from p to q) can match, by the
 * general category; a script or any other name: any byte. */
static void
edge_property(struct edge *e, int negated, const char *p, const char *q)
{
	if (negated || q - p < 1 || q - p > 2 || (q - p == 2 &&
	    !(p[1] >= 'a' && p[1] <= 'z') && p[1] != '&')) {
		edge_all(e);
		return;
	}
	switch (*p) {
	case 'L':
		edge_letters(e);
		return;
	case 'N':
		edge_range(e, '0', '9');
		edge_hi(e);
		return;
	case 'P':
	case 'S':
		edge_punct(e);
		return;
	case 'Z':
		edge_space(e);
		return;
	default:
		edge_all(e);
		return;
	}
}

/* Hex digits at *pp ("{...}" or two), as after \x: the code point, or
 * -1. */
static long
hex_escape(struct scan *sc, const char **pp)
{
	const char *p = *pp;
	long v = 0;
	int n = 0, brace = 0, c;

	if (p < sc->e && *p == '{') {
		brace = 1;
		p++;
	}
	while (p < sc->e && (brace || n < 2)) {
		c = (unsigned char)*p;
		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (c | 0x20) - 'a' + 10;
		else
			break;
		if (++n > 6)
			return -1;
		v = v * 16 + c;
		p++;
	}
	if (brace) {
		if (n == 0 || p >= sc->e || *p != '}')
			return -1;
		p++;
	} else if (n != 2)
		return -1;	/* "\x" alone or with one digit: not read */
	*pp = p;
	return v;
}

/* The control character of \t, \n, \r, \f, \e or \a. */
static int
ctl_escape(int c)
{
	switch (c) {
	case 't':
		return '\t';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 'f':
		return '\f';
	case 'e':
		return 0x1b;
	default:
		return 0x07;
	}
}

/* An escape at p (past the backslash), in a class or out of one: the
 * bytes it can match in e, and where it ends in *end; 0, or -1 if it is
 * not one read here (an assertion, a back reference, ...). */
static int
edge_escape(struct scan *sc, const char *p, struct edge *e, const char **end)
{
	const char *q;
	long cp;
	int c;

	if (p >= sc->e)
		return -1;
	c = (unsigned char)*p++;
	*end = p;
	switch (c) {
	case 'd':
		edge_range(e, '0', '9');
		edge_hi(e);
		return 0;
	case 'w':
		edge_range(e, '0', '9');
		edge_letters(e);
		edge_byte(e, '_');
		return 0;
	case 's':
	case 'h':
	case 'v':
		edge_space(e);
		return 0;
	case 'R':
		edge_space(e);
		e->pair['\r' & 31] |= 1u << ('\n' & 31);	/* CR LF */
		return 0;
	case 'D':
	case 'W':
	case 'S':
	case 'H':
	case 'V':
	case 'N':
		edge_all(e);
		return 0;
	case 'X':
		edge_unknown(e);	/* a grapheme: characters */
		return 0;
	case 'p':
	case 'P':
		if (p < sc->e && *p == '{') {
			q = memchr(p, '}', (size_t)(sc->e - p));
			if (q == NULL)
				return -1;
			*end = q + 1;
			edge_property(e, c == 'P' || (p + 1 < q && p[1] == '^'),
			    p + 1, q);
		} else if (p < sc->e && is_alpha((unsigned char)*p)) {
			*end = p + 1;
			edge_property(e, c == 'P', p, p + 1);
		} else
			return -1;
		return 0;
	case 'x':
		if ((cp = hex_escape(sc, &p)) < 0)
			return -1;
		*end = p;
		edge_cp(e, cp);
		return 0;
	case 't':
	case 'n':
	case 'r':
	case 'f':
	case 'e':
	case 'a':
		edge_byte(e, (unsigned)ctl_escape(c));
		return 0;
	default:
		if (c >= 0x80 || is_alpha(c) || is_digit(c))
			return -1;
		edge_byte(e, (unsigned)c);	/* escaped punctuation */
		return 0;
	}
}

/* The bytes of a class, p past its '[' and e at its ']'; anything not
 * read: any byte. */
static void
edge_class(struct scan *sc, struct edge *out, const char *p, const char *e)
{
	struct edge m;
	utf8proc_int32_t c, hi;
	utf8proc_ssize_t k;
	const char *q;

	edge_none(out);
	out->empty = 0;
	if (p < e && *p == '^') {
		edge_all(out);	/* negated: nearly anything */
		return;
	}
	while (p < e) {
		edge_none(&m);
		if (*p == '\\') {
			/* A range from an escape: not read. */
			if (edge_escape(sc, p + 1, &m, &q) < 0 || q > e ||
			    (q + 1 < e && *q == '-'))
				goto all;
			p = q;
			edge_or(out, &m);
			out->empty = 0;
			continue;
		}
		if (*p == '[')
			goto all;	/* [:alpha:] and the like */
		k = utf8proc_iterate((const utf8proc_uint8_t *)p, e - p, &c);
		if (k < 1)
			goto all;
		p += k;
		hi = c;
		if (p + 1 < e && *p == '-') {
			/* A range (to an escape: not read); a '-' last is a
			 * literal. */
			if (p[1] == '\\' || p[1] == '[')
				goto all;
			k = utf8proc_iterate((const utf8proc_uint8_t *)p + 1,
			    e - p - 1, &hi);
			if (k < 1 || hi < c)
				goto all;
			p += 1 + k;
		}
		if (hi >= 0x80) {
			if (hi == c)
				edge_cp(&m, c);
			else
				edge_letters(&m);	/* may hold cased ones */
		}
		for (; c <= hi && c < 0x80; c++)
			edge_byte(&m, (unsigned)c);
		edge_or(out, &m);
		out->empty = 0;
	}
	return;
all:
	edge_all(out);
}

/* ASCII letters with their other case and what caseless matching pairs
 * with them outside ASCII. */
static void
edge_close(struct edge *e)
{
	unsigned c;
	int letter = 0;

	for (c = 'A'; c <= 'Z'; c++) {
		if (has_bit(e->first, c) || has_bit(e->first, c + 32)) {
			e->first[c >> 3] |= (unsigned char)(1u << (c & 7));
			e->first[(c + 32) >> 3] |= (unsigned char)(1u <<
			    ((c + 32) & 7));
			letter |= 1;
		}
		if (has_bit(e->last, c) || has_bit(e->last, c + 32)) {
			e->last[c >> 3] |= (unsigned char)(1u << (c & 7));
			e->last[(c + 32) >> 3] |= (unsigned char)(1u <<
			    ((c + 32) & 7));
			letter |= 2;
		}
	}
	if (letter & 1)
		memset(e->first + 0x80 / 8, 0xff, 0x80 / 8);
	if (letter & 2)
		memset(e->last + 0x80 / 8, 0xff, 0x40 / 8);
}

static void ls_alternation(struct scan *, struct litset *, long *,
    struct edge *);

/* Skip a character class, p past its '[' (only where it is, not what it
 * matches, is needed). Anything odd: bad. */
static void
skip_class(struct scan *sc)
{
	const char *p = sc->p, *q;

	if (p < sc->e && *p == '^')
		p++;
	if (p < sc->e && *p == ']')
		p++;		/* a ']' first is a literal */
	while (p < sc->e && *p != ']') {
		if (*p == '\\') {
			/* \Q...\E may quote a ']'; an escape at the end
			 * is not one. */
			if (p + 1 >= sc->e || p[1] == 'Q' || p[1] == 'E') {
				sc->bad = 1;
				return;
			}
			p += 2;
			continue;
		}
		if (*p == '[' && p + 1 < sc->e && (p[1] == ':' ||
		    p[1] == '.' || p[1] == '=')) {
			/* Only a plain "[:name:]" or "[:^name:]" is read;
			 * PCRE2 takes some other "[:" as literals. */
			if (p[1] != ':') {
				sc->bad = 1;
				return;
			}
			q = p + 2;
			if (q < sc->e && *q == '^')
				q++;
			while (q < sc->e && *q >= 'a' && *q <= 'z')
				q++;
			if (q == p + 2 || q + 1 >= sc->e || q[0] != ':' ||
			    q[1] != ']') {
				sc->bad = 1;
				return;
			}
			p = q + 2;
			continue;
		}
		p++;
	}
	if (p >= sc->e) {
		sc->bad = 1;
		return;
	}
	sc->p = p + 1;
}

/* One atom, p at it (before e); l what it matches, *width how many
 * characters at most, ed its edges. */
static void
ls_atom(struct scan *sc, struct litset *l, long *width, struct edge *ed)
{
	const char *p = sc->p, *q;
	utf8proc_int32_t cp;
	char b[4];
	size_t k;
	int c, look = 0;

	ls_none(l);
	*width = 1;
	edge_all(ed);
	if (p >= sc->e) {
		sc->bad = 1;
		return;
	}
	switch (*p) {
	case '(':
		p++;
		if (p >= sc->e || *p == '*') {
			sc->bad = 1;	/* a verb, or an option */
			return;
		}
		if (*p == '?') {
			p++;
			if (p >= sc->e) {
				sc->bad = 1;
				return;
			}
			if (*p == '=' || *p == '!') {
				look = 1;	/* a look-ahead */
				p++;
			} else if (*p == '<' && p + 1 < sc->e && (p[1] == '=' ||
			    p[1] == '!')) {
				look = 1;	/* a look-behind */
				p += 2;
			} else if (*p == ':' || *p == '>' || *p == '|') {
				p++;
			} else {
				/* Option letters: "(?-i:" and the like. One
				 * that changes the syntax (x, xx, n), one
				 * set to the end of the group ("(?i)"), and
				 * any other kind of group are not read. */
				while (p < sc->e && (*p == 'i' || *p == 'm' ||
				    *p == 's' || *p == 'U' || *p == 'J' ||
				    *p == '-' || *p == '^'))
					p++;
				if (p >= sc->e || *p != ':') {
					sc->bad = 1;
					return;
				}
				p++;
			}
		}
		if (++sc->depth > LIT_DEPTH) {
			sc->bad = 1;
			return;
		}
		sc->p = p;
		ls_alternation(sc, l, width, ed);
		sc->depth--;
		if (sc->bad || sc->p >= sc->e || *sc->p != ')') {
			sc->bad = 1;
			ls_none(l);
			return;
		}
		sc->p++;
		if (look) {
			ls_empty(l);	/* matches no text */
			*width = 0;
			edge_none(ed);
		}
		return;
	case '[':
		sc->p = p + 1;
		skip_class(sc);
		if (!sc->bad) {
			ls_class(l, p + 1, sc->p - 1);
			edge_class(sc, ed, p + 1, sc->p - 1);
		}
		return;
	case '.':
		sc->p = p + 1;
		return;
	case '^':
	case '$':
		sc->p = p + 1;
		ls_empty(l);
		*width = 0;
		edge_none(ed);
		return;
	case '\\':
		if (p + 1 >= sc->e) {
			sc->bad = 1;
			return;
		}
		edge_none(ed);
		if (edge_escape(sc, p + 1, ed, &q) < 0)
			edge_unknown(ed);
		c = (unsigned char)p[1];
		p += 2;
		sc->p = p;
		if (c == 'b' || c == 'B' || c == 'A' || c == 'z' || c == 'Z' ||
		    c == 'G') {
			ls_empty(l);
			*width = 0;
			edge_none(ed);
			return;
		}
		if (c == 'N' && p < sc->e && *p == '{') {
			sc->bad = 1;	/* \N{U+...}: a character */
			return;
		}
		if (c == 'x') {
			/* One character by its code (edge_escape() read it):
			 * no literal, one character of width. */
			if (hex_escape(sc, &p) < 0)
				sc->bad = 1;
			sc->p = p;
			return;
		}
		if (c == 't' || c == 'n' || c == 'r' || c == 'f' || c == 'e' ||
		    c == 'a') {
			*width = 0;	/* a control character: not printable */
			return;
		}
		if (c == 's' || c == 'h' || c == 'v' || c == 'R') {
			*width = 0;	/* white space */
			return;
		}
		if (c == 'd' || c == 'D' || c == 'w' || c == 'W' ||
		    c == 'S' || c == 'H' || c == 'V' || c == 'N')
			return;
		if (c == 'X') {
			*width = WIDTH_ANY;	/* a grapheme: any length */
			return;
		}
		if (c == 'p' || c == 'P') {
			if (p < sc->e && *p == '{') {
				q = memchr(p, '}', (size_t)(sc->e - p));
				if (q == NULL) {
					sc->bad = 1;
					return;
				}
				sc->p = q + 1;
			} else if (p < sc->e && is_alpha((unsigned char)*p))
				sc->p = p + 1;
			else
				sc->bad = 1;
			return;
		}
		if (c >= 0x80 || is_alpha(c) || is_digit(c)) {
			sc->bad = 1;	/* \Q, \x, \K, back references, ... */
			return;
		}
		/* An escaped punctuation character. */
		if (c == ' ')
			*width = 0;
		if ((c = lit_byte(c)) >= 0)
			ls_byte(l, c);
		return;
	case ')':
	case '|':
	case '*':
	case '+':
	case '?':
	case '{':
		sc->bad = 1;
		return;
	default:
		c = (unsigned char)*p;
		sc->p = p + 1;
		edge_none(ed);
		if (c >= 0x80) {
			/* One character: a literal if it has no cases. */
			while (sc->p < sc->e && ((unsigned char)*sc->p & 0xc0) ==
			    0x80)
				sc->p++;
			if (utf8proc_iterate((const utf8proc_uint8_t *)p,
			    sc->p - p, &cp) == sc->p - p)
				edge_cp(ed, cp);
			else
				edge_unknown(ed);
			if ((k = lit_char(p, sc->p, b)) > 0) {
				l->exact = 1;
				l->n = 1;
				memcpy(l->s[0], b, k);
				l->len[0] = (unsigned char)k;
			}
			return;
		}
		edge_byte(ed, (unsigned)c);
		if (c == ' ')
			*width = 0;
		if ((c = lit_byte(c)) >= 0)
			ls_byte(l, c);
		return;
	}
}

/* A count in a quantifier: digits at *pp, at most 65535 (PCRE2's
 * limit); -1 if none or more. */
static long
count(struct scan *sc, const char **pp)
{
	const char *p = *pp;
	long v = 0;

	if (p >= sc->e || !is_digit((unsigned char)*p))
		return -1;
	while (p < sc->e && is_digit((unsigned char)*p)) {
		v = v * 10 + (*p - '0');
		if (v > 65535)
			return -1;
		p++;
	}
	*pp = p;
	return v;
}

/* A quantifier at p, if any: 1 with its least and most counts (-1: no
 * most), or 0 if none. Anything odd: bad. */
static int
quantifier(struct scan *sc, long *min, long *max)
{
	const char *p = sc->p;

	*min = *max = 1;
	if (p >= sc->e)
		return 0;
	if (*p == '?' || *p == '*' || *p == '+') {
		*min = *p == '+';
		*max = *p == '?' ? 1 : -1;
		p++;
	} else if (*p == '{') {
		/* {n}, {n,}, {n,m}; any other '{' is not read. */
		p++;
		if ((*min = count(sc, &p)) < 0) {
			sc->bad = 1;
			return 0;
		}
		*max = *min;
		if (p < sc->e && *p == ',') {
			p++;
			*max = -1;
			if (p < sc->e && is_digit((unsigned char)*p) &&
			    (*max = count(sc, &p)) < 0) {
				sc->bad = 1;
				return 0;
			}
		}
		if (p >= sc->e || *p != '}' || (*max >= 0 && *max < *min)) {
			sc->bad = 1;
			return 0;
		}
		p++;
	} else
		return 0;
	if (p < sc->e && (*p == '?' || *p == '+'))
		p++;		/* lazy or possessive: no other strings */
	sc->p = p;
	return 1;
}

/* A sequence of quantified atoms, up to '|' or ')' or the end: the exact
 * strings of a run of exact atoms are joined (cur) while they are few and
 * short; the best requirement of the runs and of the other atoms is kept
 * in req. */
static void
ls_sequence(struct scan *sc, struct litset *l, long *width, struct edge *ed)
{
	struct litset a, cur, req, joined;
	struct edge ae;
	long min, max, w;
	int exact = 1;

	ls_none(l);
	*width = 0;
	edge_none(ed);
	ls_empty(&cur);
	ls_none(&req);
	while (sc->p < sc->e && *sc->p != '|' && *sc->p != ')') {
		ls_atom(sc, &a, &w, &ae);
		if (!sc->bad && quantifier(sc, &min, &max)) {
			w = width_times(w, max);
			if (max == 0)
				edge_none(&ae);
			else {
				/* One copy after another. */
				if (max != 1 && ae.one)
					edge_pairs(&ae, &ae, &ae);
				if (min == 0)
					ae.empty = 1;
			}
			if (min == 0 && max == 1 && a.exact && ls_valid(&a) &&
			    a.n < LIT_MAX) {
				a.len[a.n++] = 0;	/* optional */
			} else if (min == 0) {
				ls_none(&a);
			} else if (!(min == 1 && max == 1))
				ls_require(&a);	/* one copy at least */
		}
		if (sc->bad || !ls_valid(&a))
			goto bad;
		edge_then(ed, &ae);
		*width = width_add(*width, w);
		if (a.exact && ls_product(&cur, &a, &joined)) {
			cur = joined;
			continue;
		}
		/* The run ends here. */
		exact = 0;
		ls_best(&req, &cur);
		if (a.exact)
			cur = a;
		else {
			ls_best(&req, &a);
			ls_empty(&cur);
		}
	}
	if (exact) {
		*l = cur;
		return;
	}
	ls_best(&req, &cur);
	*l = req;
	return;
bad:
	sc->bad = 1;
	ls_none(l);
	edge_unknown(ed);
}

static void
ls_alternation(struct scan *sc, struct litset *l, long *width,
    struct edge *ed)
{
	struct litset b;
	struct edge eb;
	long w;

	ls_sequence(sc, l, width, ed);
	while (!sc->bad && sc->p < sc->e && *sc->p == '|') {
		sc->p++;
		ls_sequence(sc, &b, &w, &eb);
		if (sc->bad)
			break;
		ls_alt(l, &b);
		edge_or(ed, &eb);
		if (*width >= 0 && (w < 0 || w > *width))
			*width = w;
	}
	if (sc->bad) {
		ls_none(l);
		edge_unknown(ed);
	}
}

/* The literals one of which any match of pattern holds, or n 0; *width
 * the most characters a match has, or WIDTH_ANY; ed the bytes a match
 * begins and ends with. */
static void
required_literals(const char *pattern, struct litset *l, long *width,
    struct edge *ed)
{
	struct scan sc;

	sc.p = pattern;
	sc.e = pattern + strlen(pattern);
	sc.bad = 0;
	sc.depth = 0;
	ls_alternation(&sc, l, width, ed);
	if (sc.bad || sc.p != sc.e) {
		ls_none(l);
		*width = WIDTH_ANY;
		edge_unknown(ed);
	}
	edge_close(ed);
	ls_require(l);
	if (!ls_valid(l))
		ls_none(l);
}

/* What rules.c keeps beside the rules (r->ix): a rule's tests, the
 * literals of all the rules in one table, so that one pass over a line
 * finds every rule it holds a literal of, and per scope mask the list of
 * its rules. Callers ask about the same line for one scope after another
 * (ns-split: end markers, then the rest): the pass of the last line
 * serves again while the line is the same. */
struct filter {
	/* What every line asked about reads first, side by side. */
	uint32_t minlen;		/* bytes a match has at least */
	int	 jit;			/* the rule is JIT-compiled */
	long	 width;			/* characters at most, or WIDTH_ANY */
	unsigned char last[32];		/* bytes a match can end with */
	uint32_t pair[32];		/* its first two, as in struct edge */
	unsigned char first[32];	/* bytes it can start with */
	struct litset lits;		/* n 0: none */
};

struct lit {
	const char *s;
	size_t	 len;
	uint16_t rule;		/* its rule's index */
	uint16_t next;		/* the next literal of the same bigram, + 1 */
	unsigned pair;		/* its first two bytes */
};

/* Sets of rules are bit sets of nw 64-bit words (bit i: rule i), so
 * that the start, pair and end tests of every rule are made at once, by
 * ANDing a set of each: the rules left, few, are taken in order. */
struct maskrules {
	/* 257 sets: those of the mask's rules a match of which can start
	 * with byte b, then [256] all the mask's rules. */
	uint64_t *first;
};

struct ns_rules_index {
	struct filter *f;	/* per rule */
	size_t	 nf;
	size_t	 nw;		/* words of a set of rules */
	uint64_t *lastset;	/* 256 sets: the rules that can end with b */
	uint64_t *pairset;	/* 1024 sets: the rules that can begin with
				 * the pair a, b, at [(a & 31) << 5 | (b & 31)] */
	int	 built;		/* the table below is that of the rules */
	struct lit *lits;
	size_t	 nlits;
	uint16_t head[LIT_TABLE];	/* first literal of a bigram, + 1 */
	uint16_t head1[256];	/* the same for one-byte literals */
	unsigned char ones[256];	/* the bytes of those, either case */
	int	 nones;
	unsigned char pairs[65536 / 8];	/* bigrams a literal starts with */
	unsigned char tris[32768 / 8];	/* trigrams of them, by trigram() */
	unsigned char *hit;	/* per rule: a literal of it was seen */
	unsigned char *need;	/* per rule: its literals are in the table */
	struct ns_buf last;	/* the line last asked about */
	int	 seen;		/* last holds it */
	int	 marks;		/* it holds a '[' (a link mark maybe); -1:
				 * not looked */
	int	 scanned;	/* hit is that of the line in last */
	size_t	 dense;		/* its printable() characters up to dpos */
	size_t	 dpos;
	unsigned char fold[256];	/* a byte, ASCII letters lowered */
	struct maskrules *mask[NS_SCOPE_MASKS];
	/* The masks made, so that a reset (one per rule added) frees
	 * those, not all the slots: 166 rules were 5 million free(NULL)
	 * calls, half the start-up time. */
	uint32_t made[NS_SCOPE_MASKS];
	size_t	 nmade;
};

static struct ns_rules_index *
index_of(struct ns_rules *r)
{
	if (r->ix == NULL)
		r->ix = ns_xcalloc(1, sizeof(*r->ix));
	return r->ix;
}

/* Forget the table and the mask lists (rules were added); the filters
 * stay. */
static void
index_reset(struct ns_rules_index *x)
{
	struct maskrules **m;
	size_t i;

	for (i = 0; i < x->nmade; i++) {
		m = &x->mask[x->made[i]];
		free((*m)->first);
		free(*m);
		*m = NULL;
	}
	x->nmade = 0;
	free(x->lastset);
	free(x->pairset);
	x->lastset = x->pairset = NULL;
	free(x->lits);
	free(x->hit);
	free(x->need);
	x->lits = NULL;
	x->hit = x->need = NULL;
	x->nlits = 0;
	x->built = 0;
	x->seen = 0;
}

static void
index_free(struct ns_rules_index *x)
{
	if (x == NULL)
		return;
	index_reset(x);
	ns_buf_free(&x->last);
	free(x->f);
	free(x);
}

/* The tests of rule ru: PCRE2 says where a match can start and how long
 * it is at least (compiled again unanchored, as the anchored pattern has
 * no start bitmap); required_literals() what it must hold. A test that
 * cannot be had says nothing: all bytes, length 0, no literals. */
static void
make_filter(const struct ns_rule *ru, struct filter *f)
{
	const uint8_t *bits = NULL;
	uint32_t type = 0, unit = 0, minlen = 0;
	struct edge ed;
	pcre2_code *re;
	PCRE2_SIZE off;
	size_t jitsize = 0;
	unsigned b;
	int code, upper = 0;

	memset(f->first, 0xff, sizeof(f->first));
	memset(f->last, 0xff, sizeof(f->last));
	memset(f->pair, 0xff, sizeof(f->pair));
	f->jit = pcre2_pattern_info(ru->re, PCRE2_INFO_JITSIZE, &jitsize) == 0 &&
	    jitsize > 0;
	f->minlen = 0;
	f->width = WIDTH_ANY;
	ls_none(&f->lits);
	/* Verbs such as (*ACCEPT), (*COMMIT) or (*NO_START_OPT) reach past
	 * what PCRE2's start optimizations assume: no test. */
	if (strstr(ru->pattern, "(*") != NULL)
		return;
	if (pcre2_pattern_info(ru->re, PCRE2_INFO_MINLENGTH, &minlen) == 0)
		f->minlen = minlen;	/* characters: never more bytes */
	if (ru->scope == NS_SCOPE_TITLE)
		return;		/* matched as a suffix: no start test */
	/* A body rule matches the whole line: no wider than the rule. */
	required_literals(ru->pattern, &f->lits, &f->width, &ed);
	if (f->lits.exact || !ls_valid(&f->lits))
		ls_none(&f->lits);
	re = pcre2_compile((PCRE2_SPTR)ru->pattern, PCRE2_ZERO_TERMINATED,
	    compile_options(ru->scope) & ~(uint32_t)(PCRE2_ANCHORED |
	    PCRE2_ENDANCHORED), &code, &off, NULL);
	if (re == NULL)
		return;
	if (pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 &&
	    type == 1 && pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT,
	    &unit) == 0) {
		/* One first byte: with its other ASCII case, and, for a
		 * letter or a multi-byte character, any lead byte (a
		 * caseless 'k' matches KELVIN SIGN). */
		memset(f->first, 0, sizeof(f->first));
		set_bit(f->first, unit & 0xff);
		if ((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z')
			set_bit(f->first, (unit ^ 0x20) & 0xff);
		if (((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z') ||
		    unit >= 0x80)
			for (b = 0xc0; b < 256; b++)
				set_bit(f->first, b);
	} else if (type == 0 && pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP,
	    &bits) == 0 && bits != NULL)
		memcpy(f->first, bits, sizeof(f->first));
	pcre2_code_free(re);
	/* Both start tests hold: keep the bytes both let through. */
	for (b = 0; b < sizeof(f->first); b++)
		f->first[b] &= ed.first[b];
	memcpy(f->last, ed.last, sizeof(f->last));
	memcpy(f->pair, ed.pair, sizeof(f->pair));
	/* Where the start test turns down most lines (they start with a
	 * capital), PCRE2 is not asked, and the literals are not worth
	 * their scan. */
	for (b = 'A'; b <= 'Z'; b++)
		upper += has_bit(f->first, b);
	if (upper < 13)
		ls_none(&f->lits);
}

static unsigned
bigram(unsigned a, unsigned b)
{
	return (a * 131 + b) & (LIT_TABLE - 1);
}

/* Three bytes by their low five bits, 15 bits in all: a letter's two
 * cases are one, so a line is looked at unfolded, and the index costs a
 * few shifts, with no table nor multiplication. */
static unsigned
trigram(unsigned a, unsigned b, unsigned c)
{
	return (a & 31) << 10 | (b & 31) << 5 | (c & 31);
}

static void
set_rule(uint64_t *set, size_t i)
{
	set[i / 64] |= (uint64_t)1 << (i % 64);
}

/* The sets of the end and pair tests (make_table()'s). */
static void
make_sets(const struct ns_rules *r, struct ns_rules_index *x)
{
	size_t i, nw;
	unsigned b, c;

	nw = x->nw = (r->n + 63) / 64;
	x->lastset = ns_xcalloc(256 * nw, sizeof(*x->lastset));
	x->pairset = ns_xcalloc(1024 * nw, sizeof(*x->pairset));
	for (i = 0; i < r->n; i++) {
		for (b = 0; b < 256; b++)
			if (has_bit(x->f[i].last, b))
				set_rule(x->lastset + b * nw, i);
		for (b = 0; b < 32; b++)
			for (c = 0; c < 32; c++)
				if (x->f[i].pair[b] >> c & 1)
					set_rule(x->pairset + (b << 5 | c) * nw,
					    i);
	}
}

/* The table of the literals of all rules. A rule whose literals do not
 * all go in (too many rules or literals for the 16-bit links) is left
 * out of it and tried on every line. */
static void
make_table(struct ns_rules *r, struct ns_rules_index *x)
{
	const struct litset *ls;
	struct lit *l;
	size_t i, cap = 0;
	unsigned pair, c;
	int j;

	x->hit = ns_xcalloc(r->n ? r->n : 1, 1);
	x->need = ns_xcalloc(r->n ? r->n : 1, 1);
	memset(x->head, 0, sizeof(x->head));
	memset(x->head1, 0, sizeof(x->head1));
	memset(x->pairs, 0, sizeof(x->pairs));
	memset(x->tris, 0, sizeof(x->tris));
	x->nones = 0;
	for (i = 0; i < 256; i++)
		x->fold[i] = (unsigned char)(i + ((i - 'A' < 26u) << 5));
	for (i = 0; i < r->n; i++) {
		ls = &x->f[i].lits;
		/* A field rule is asked about only beside cut lines: its
		 * literals ("SN", "Body") are not worth every line's scan. */
		if (ls->n <= 0 || ls->exact || !ls_valid(ls) ||
		    r->v[i].scope == NS_SCOPE_FIELD ||
		    i >= UINT16_MAX || x->nlits + (size_t)ls->n >= UINT16_MAX)
			continue;
		while (x->nlits + (size_t)ls->n > cap) {
			cap = cap ? cap * 2 : 64;
			x->lits = ns_xreallocarray(x->lits, cap,
			    sizeof(*x->lits));
		}
		for (j = 0; j < ls->n; j++) {
			l = &x->lits[x->nlits];
			l->s = ls->s[j];
			l->len = ls->len[j];
			l->rule = (uint16_t)i;
			if (l->len == 1) {
				l->next = x->head1[(unsigned char)l->s[0]];
				x->head1[(unsigned char)l->s[0]] =
				    (uint16_t)(x->nlits + 1);
			} else {
				pair = (unsigned)(unsigned char)l->s[0] << 8 |
				    (unsigned char)l->s[1];
				set_bit(x->pairs, pair);
				if (l->len > 2)
					set_bit(x->tris, trigram(pair >> 8,
					    pair & 0xff,
					    (unsigned char)l->s[2]));
				else	/* whatever follows it */
					for (c = 0; c < 32; c++)
						set_bit(x->tris, trigram(pair >>
						    8, pair & 0xff, c));
				l->pair = pair;
				l->next = x->head[bigram(pair >> 8,
				    pair & 0xff)];
				x->head[bigram(pair >> 8, pair & 0xff)] =
				    (uint16_t)(x->nlits + 1);
			}
			x->nlits++;
		}
		x->need[i] = 1;
	}
	for (c = 0; c < 256; c++)
		if (x->head1[x->fold[c]] != 0)
			x->ones[x->nones++] = (unsigned char)c;
	make_sets(r, x);
	x->built = 1;
}

/* The sets of a scope mask: its rules, and those of each first byte. */
static struct maskrules *
make_mask(const struct ns_rules *r, const struct ns_rules_index *x,
    unsigned mask)
{
	struct maskrules *m = ns_xcalloc(1, sizeof(*m));
	size_t i, nw = x->nw;
	unsigned b;

	m->first = ns_xcalloc(257 * nw, sizeof(*m->first));
	for (i = 0; i < r->n; i++) {
		if (!(r->v[i].scope & mask))
			continue;
		set_rule(m->first + 256 * nw, i);
		for (b = 0; b < 256; b++)
			if (has_bit(x->f[i].first, b))
				set_rule(m->first + b * nw, i);
	}
	return m;
}

/* The rules with a literal at p[i] that starts with bigram pair. */
static void
chain(struct ns_rules_index *x, const unsigned char *p, size_t n, size_t i,
    unsigned pair)
{
	const unsigned char *q;
	const struct lit *l;
	size_t j;
	uint16_t k;

	for (k = x->head[bigram(pair >> 8, pair & 0xff)]; k != 0; k = l->next) {
		l = &x->lits[k - 1];
		if (l->pair != pair || l->len > n - i || x->hit[l->rule])
			continue;
		q = (const unsigned char *)l->s;
		for (j = 2; j < l->len && x->fold[p[i + j]] == q[j]; j++)
			;
		if (j == l->len)
			x->hit[l->rule] = 1;
	}
}

/* Callers ask about the same line for one scope after another: what is
 * learnt of a line serves until another comes. */
static void
see_line(struct ns_rules_index *x, const char *s, size_t n)
{
	if (x->seen && x->last.len == n && (n == 0 ||
	    memcmp(x->last.p, s, n) == 0))
		return;
	ns_buf_reset(&x->last);
	ns_buf_add(&x->last, s, n);
	x->seen = 1;
	x->marks = -1;
	x->scanned = 0;
	x->dense = x->dpos = 0;
}

/* Which rules have a literal in s: x->hit. One-byte literals are looked
 * for with memchr(); the others by their first three bytes: two bitmaps,
 * of the trigrams (by trigram()) and the bigrams (ASCII letters lowered:
 * the literals are lower case) literals start with, turn down nearly
 * every position of a line before a chain of literals is looked at. The
 * trigram test is made without a branch, 64 positions at a time, into a
 * mask of those that pass: a branch per byte, taken or not at random,
 * was most of the time of the scan. */
static void
scan_literals(struct ns_rules_index *x, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *fold = x->fold;
	const struct lit *l;
	unsigned c0, c1, pair, t;
	uint64_t m;
	size_t i, j, e;
	uint16_t k;
	int b;

	if (x->scanned)
		return;
	x->scanned = 1;
	memset(x->hit, 0, x->nf);
	if (n == 0)
		return;
	for (b = 0; b < x->nones; b++)
		if (memchr(s, x->ones[b], n) != NULL)
			for (k = x->head1[fold[x->ones[b]]]; k != 0;
			    k = l->next) {
				l = &x->lits[k - 1];
				x->hit[l->rule] = 1;
			}
	if (n < 2)
		return;
	for (i = 0; i + 2 < n; i += 64) {
		e = n - 2 - i < 64 ? n - 2 - i : 64;
		m = 0;
		for (j = 0; j < e; j++) {
			t = trigram(p[i + j], p[i + j + 1], p[i + j + 2]);
			m |= (uint64_t)(x->tris[t >> 3] >> (t & 7) & 1) << j;
		}
		for (; m != 0; m &= m - 1) {
			j = i + (size_t)__builtin_ctzll(m);
			pair = (unsigned)fold[p[j]] << 8 | fold[p[j + 1]];
			if (has_bit(x->pairs, pair))
				chain(x, p, n, j, pair);
		}
	}
	/* The last bigram: only a two-byte literal fits. */
	c0 = fold[p[n - 2]];
	c1 = fold[p[n - 1]];
	pair = c0 << 8 | c1;
	if (has_bit(x->pairs, pair))
		chain(x, p, n, n - 2, pair);
}

int
ns_rules_add(struct ns_rules *r, const char *name, enum ns_scope scope,
    const char *pattern, char *err, size_t errsz)
{
	struct ns_rule *ru;
	struct ns_rules_index *x;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *re;
	int code;

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
	/* The table and the mask lists are made again on next use. */
	x = index_of(r);
	index_reset(x);
	x->f = ns_xreallocarray(x->f, r->n, sizeof(*x->f));
	make_filter(ru, &x->f[r->n - 1]);
	x->nf = r->n;
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
			    "(line, end, tail, head, kicker, list, para, section, "
			    "credit, author, thread, tags, field, box, message, "
			    "clip, note or title)",
			    origin,
			    lineno,
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

/* The ASCII characters of s above space (0x21 to 0x7f): characters of
 * the line no white-space atom matches (see width_add()). Eight bytes at
 * a time: a byte's high bit is set in ((w & 0x7f..) + 0x5f..) when its
 * low seven bits are 0x21 or more, and kept by ~w when it is ASCII; the
 * multiplication adds up the bytes' bits in the top byte. */
static size_t
printable(const char *s, size_t n)
{
	const uint64_t low = 0x7f7f7f7f7f7f7f7fu, add = 0x5f5f5f5f5f5f5f5fu;
	uint64_t w;
	size_t i, c = 0;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		w = (((w & low) + add) & ~w & ~low) >> 7;
		c += (size_t)(w * 0x0101010101010101u >> 56);
	}
	for (; i < n; i++)
		c += (unsigned char)(s[i] - 0x21) <= 0x7f - 0x21;
	return c;
}

/* Does the line hold more than w printable() characters? They are
 * counted only as far as needed, so a long line asked about by narrow
 * rules only (a kicker, a heading) is not read to its end. */
static int
wider(struct ns_rules_index *x, const char *s, size_t n, size_t w)
{
	size_t k;

	while (x->dense <= w && x->dpos < n) {
		k = n - x->dpos < 256 ? n - x->dpos : 256;
		x->dense += printable(s + x->dpos, k);
		x->dpos += k;
	}
	return x->dense > w;
}

/* 1 on a match, 0 on none; gives up (counted) at the match limit. A
 * JIT-compiled rule goes to pcre2_jit_match(), PCRE2's fast path with
 * the same answers: most calls fail at once, and the checks
 * pcre2_match() makes first are much of their time. */
static int
match(struct ns_rules *r, const pcre2_code *re, int jit, const char *s,
    size_t n)
{
	int rc;

	/* Subjects are valid UTF-8: jansson checked them, or ns-split
	 * repaired them; so no second check (the JIT path makes none). */
	if (jit)
		rc = pcre2_jit_match(re, (PCRE2_SPTR)s, n, 0, 0, r->md,
		    r->mctx);
	else
		rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK,
		    r->md, r->mctx);
	if (rc >= 0)
		return 1;
	if (rc != PCRE2_ERROR_NOMATCH)
		r->limit_hits++;
	return 0;
}

/* A text browser's link mark at s[i] ("[12]" before a link's text, as
 * lynx -dump and w3m -dump write them): its length, or 0. Not after a
 * letter or digit (a footnote's "word[1]") and not before a space. */
static size_t
link_mark(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;

	if (s[i] != '[' || (i > 0 && ((unsigned char)s[i - 1] >= 0x80 ||
	    isalnum((unsigned char)s[i - 1]))))
		return 0;
	while (j < n && j - i <= 5 && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j == i + 1 || j - i > 5 || j + 1 >= n || s[j] != ']' ||
	    s[j + 1] == ' ' || s[j + 1] == '\t')
		return 0;
	return j + 1 - i;
}

static const struct ns_rule *match_line(struct ns_rules *, unsigned,
    const char *, size_t);

const struct ns_rule *
ns_rules_match(struct ns_rules *r, unsigned mask, const char *s, size_t n)
{
	struct ns_rules_index *x;
	const struct ns_rule *rule;
	const char *p;
	size_t i, k, from;

	if ((rule = match_line(r, mask, s, n)) != NULL || r->n == 0)
		return rule;
	/* Asked about one line for scope after scope: whether it has a
	 * '[' is learnt once, with what else is (see_line). */
	x = r->ix;
	if (x->f != NULL && x->nf == r->n) {
		if (x->marks < 0)
			x->marks = memchr(s, '[', n) != NULL;
		if (!x->marks)
			return NULL;
	}
	if ((p = memchr(s, '[', n)) == NULL)
		return NULL;
	/* Link marks are the browser's, not the page's words: the rules
	 * read the line as the page showed it. */
	ns_buf_reset(&r->unmarked);
	from = 0;
	for (i = (size_t)(p - s); i < n; i++) {
		if (s[i] != '[' || (k = link_mark(s, n, i)) == 0)
			continue;
		ns_buf_add(&r->unmarked, s + from, i - from);
		i += k - 1;
		from = i + 1;
	}
	if (from == 0)
		return NULL;	/* no mark */
	ns_buf_add(&r->unmarked, s + from, n - from);
	return match_line(r, mask, r->unmarked.p, r->unmarked.len);
}

static const struct ns_rule *
match_line(struct ns_rules *r, unsigned mask, const char *s, size_t n)
{
	struct ns_rules_index *x;
	const struct filter *f;
	struct maskrules *m;
	const uint64_t *a, *b = NULL, *c = NULL;
	uint64_t bits;
	size_t i, w;

	setup_match(r);
	mask &= NS_SCOPE_MASKS - 1;
	if (r->n == 0)
		return NULL;
	x = index_of(r);
	if (x->f == NULL || x->nf != r->n) {
		/* Not expected: every rule, untested. */
		for (i = 0; i < r->n; i++)
			if ((r->v[i].scope & mask) &&
			    match(r, r->v[i].re, 0, s, n))
				return &r->v[i];
		return NULL;
	}
	if (!x->built)
		make_table(r, x);
	if ((m = x->mask[mask]) == NULL) {
		m = x->mask[mask] = make_mask(r, x, mask);
		x->made[x->nmade++] = (uint32_t)mask;
	}
	see_line(x, s, n);
	/* A rule that cannot match is not tried: the line starts with a
	 * byte it cannot (those rules are not in the list of that byte),
	 * with two characters it cannot, or ends with a byte it cannot, is
	 * too short or too long for it, or lacks all its literals. The
	 * costlier tests last, and made once a line. The first three
	 * tests are the sets a, b and c ANDed; the pair test is made on
	 * lines that begin with two ASCII characters (c), others pass it. */
	a = m->first + (n > 0 ? (unsigned char)s[0] : 256) * x->nw;
	if (n > 0)
		b = x->lastset + (unsigned char)s[n - 1] * x->nw;
	if (n >= 2 && ((unsigned char)s[0] | (unsigned char)s[1]) < 0x80)
		c = x->pairset + (((unsigned char)s[0] & 31) << 5 |
		    ((unsigned char)s[1] & 31)) * x->nw;
	for (w = 0; w < x->nw; w++) {
		bits = a[w];
		if (b != NULL)
			bits &= b[w];
		if (c != NULL)
			bits &= c[w];
		for (; bits != 0; bits &= bits - 1) {
			i = w * 64 + (size_t)__builtin_ctzll(bits);
			f = &x->f[i];
			if (n < f->minlen)
				continue;
			if (f->width >= 0 && n > (size_t)f->width &&
			    wider(x, s, n, (size_t)f->width))
				continue;
			if (x->need[i]) {
				scan_literals(x, s, n);
				if (!x->hit[i])
					continue;
			}
			if (match(r, r->v[i].re, f->jit, s, n))
				return &r->v[i];
		}
	}
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
		    !match(r, r->v[i].re, 0, s, n))
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
	pcre2_match_data_free(r->md);
	pcre2_match_context_free(r->mctx);
	pcre2_jit_stack_free(r->jstack);
	index_free(r->ix);
	ns_buf_free(&r->unmarked);
	free(r->v);
	memset(r, 0, sizeof(*r));
}
