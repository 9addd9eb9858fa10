/* numex.c: money, percentages, dates, times, quantities, numbers, URLs and
 * e-mail addresses in English news text. The patterns and word lists are
 * data (common/data/numex.rules, format in its header; ISO 4217 codes from
 * common/data/currencies.tsv); this file finds where an entity may begin,
 * tries the patterns there, and reads what they matched into values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ns.h"

extern const char *const ns_numex_data;
extern const size_t ns_numex_data_len;
extern const char *const ns_currencies_data;
extern const size_t ns_currencies_data_len;

/* A pattern that backtracks without end is given up, not waited for. */
#define MATCH_LIMIT 200000
#define MAXLISTS 64		/* word lists: a bit each in a rule's mask */
#define MAXRULES 128		/* rules: a bit each in a bucket's set */
#define MAXTOK 64		/* tokens read in one match */
#define KEYMAX 64		/* bytes of a phrase key */
#define WORDMAX 24		/* longest word that may begin an entity */
#define MAXSETS 512		/* patterns: distinct sets of rules */

enum kind {
	K_SKIP, K_AMOUNT, K_RANGE, K_PLURAL, K_NUM, K_WORD, K_ORD, K_CAL,
	K_NUMERIC, K_YEAR, K_RANGEYEAR, K_QUARTER, K_HALF, K_FISCAL, K_DECADE,
	K_CENTURY, K_SEASON, K_HOLIDAY, K_DUR, K_REL, K_CLOCK, K_NOON, K_URL,
	K_HALFCTX, K_NKINDS
};

static const char *const kind_names[K_NKINDS] = {
	"-", "amount", "range", "plural", "num", "word", "ord", "cal",
	"numeric", "year", "range-year", "quarter", "half", "fiscal", "decade",
	"century", "season", "holiday", "dur", "rel", "clock", "noon", "url",
	"half-ctx"
};

/* The lists this file reads values from, by name. */
enum {
	L_NUMWORD, L_SCALE, L_SABBR, L_SABBR1, L_ORDWORD, L_CURSYM, L_CURWORD,
	L_CURAMB, L_CURATT, L_ISO, L_PCT, L_UNIT, L_UNITATT, L_UNITCTX, L_MONTH,
	L_WDAY, L_SEASON, L_HOLIDAY, L_DUNIT, L_TUNIT, L_AMPM, L_PRE,
	L_ISOSKIP, L_WEAK, L_FOLLOW, L_CURCAP, L_NKNOWN
};

static const char *const known_lists[L_NKNOWN] = {
	"numword", "scale", "sabbr", "sabbr1", "ordword", "cursym", "curword",
	"curamb", "CURATT", "ISO", "pct", "unit", "UNITATT", "UNITCTX", "MONTH",
	"WDAY", "season", "HOLIDAY", "dunit", "tunit", "ampm", "pre", "isoskip",
	"weak", "follow", "CURCAP"
};

#define BIT(l) ((uint64_t)1 << (l))
#define CURRENCY_LISTS (BIT(L_CURSYM) | BIT(L_CURWORD) | BIT(L_CURAMB) | \
	BIT(L_CURATT) | BIT(L_ISO) | BIT(L_CURCAP))

/* A phrase of a word list. key is the phrase as matched text reads it:
 * ASCII folded to lower case, U+2019 as ', one space between tokens that
 * white space parts. Entries of one key are chained by next. */
struct entry {
	char	*phrase;
	char	*key;
	size_t	 klen;
	char	*value;
	int	 list;
	int32_t	 next;
	/* Trigger words: their pattern in owned, by how the word is
	 * written (lower case, capitalized, capitals, other), and the same
	 * before a plain word; -2 not yet known, -1 none. */
	int	 set[4];
	int	 set_plain[4];
	int	 weak;		/* trigger words: only before another */
};

struct lex {
	struct entry *v;
	size_t	 n, cap;
	int32_t	*slot;		/* first entry of each key, -1 if none */
	size_t	 nslot;
};

struct list {
	char	*name;
	int	 start;		/* its phrases may begin an entity */
};

struct rule {
	enum ns_ent_type type;
	int	 skip;
	enum kind kind;
	char	*pattern;	/* lists as (?&Ln) */
	char	*inline_pat;	/* lists written out, to learn its first bytes */
	uint64_t lists;		/* the lists it calls */
	unsigned char first[32];	/* bytes a match may start with */
};

struct def {
	char	*name;
	char	*text;		/* expanded, lists as \x01n\x02 */
};

/* What the merging of ranges needs to know of an entity. */
struct aux {
	enum kind kind;
	char	 mant[48];	/* the number as written, without commas */
	double	 mval;		/* its value */
	int	 sexp;		/* power of ten of its scale words */
	int	 uexp;		/* of its unit: -2 for %, pence */
	int	 scaled;
	int	 has_num;
};

struct ns_numex {
	struct list lists[MAXLISTS];
	int	 nlists;
	int	 known[L_NKNOWN];	/* list index of each known list */
	char	*list_re[MAXLISTS];	/* each list as one regex */
	struct lex words;		/* every phrase of every list */
	struct lex trig;		/* words that may begin an entity */
	struct lex firsts;		/* first words of every phrase */
	int	 maxtok;		/* most tokens of a phrase */
	struct rule rules[MAXRULES];
	int	 nrules;
	uint64_t behind[2];		/* the rules that look behind */
	struct def *defs;
	size_t	 ndefs;
	/* Sets (indices into owned; -1 none): by the first byte of a
	 * candidate, and the same before a plain word (-2: not yet known). */
	int	 bucket_re[256];
	int	 bucket_plain[256];
	uint32_t pre2[27];		/* first two letters of trigger words */
	/* One pattern per distinct set of rules, compiled when first used
	 * and JIT-compiled once used often. */
	pcre2_code *owned[MAXSETS];
	char	*owned_pat[MAXSETS];
	unsigned owned_uses[MAXSETS];
	unsigned char owned_jit[MAXSETS];	/* JIT-compiled */
	uint64_t owned_set[MAXSETS][2];
	int	 nowned;
	int	 jit;			/* JIT allowed (not NS_NO_JIT) */
	pcre2_code *single[MAXRULES];	/* each rule alone, for probes */
	pcre2_match_data *pmd;		/* for probes */
	struct lex wk;			/* weak word and the next: set[0] */
	unsigned char sym[128];		/* ASCII signs that begin entities */
	uint32_t *usym;			/* non-ASCII ones, sorted */
	size_t	 nusym;
	unsigned char usym_lead[256];	/* their first bytes */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
	struct aux *aux;
	size_t	 auxcap;
};

/* ---- small helpers ---- */

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

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Decode the code point at s[i]; its length in *k (1 for a bad byte). */
static utf8proc_int32_t
decode(const char *s, size_t n, size_t i, size_t *k)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r;

	if ((unsigned char)s[i] < 0x80) {
		*k = 1;
		return (unsigned char)s[i];
	}
	r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(n - i), &cp);
	if (r <= 0) {
		*k = 1;
		return -1;
	}
	*k = (size_t)r;
	return cp;
}

/* The code point that ends at s[i], or -1 (none: i is 0). */
static utf8proc_int32_t
decode_before(const char *s, size_t n, size_t i)
{
	size_t j, k;

	if (i == 0)
		return -1;
	j = i - 1;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xc0) == 0x80)
		j--;
	return decode(s, n, j, &k);
}

static int
cp_letter(utf8proc_int32_t cp)
{
	if (cp < 0)
		return 0;
	if (cp < 0x80)
		return is_alpha(cp);
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return 1;
	default:
		return 0;
	}
}

static int
cp_alnum(utf8proc_int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return is_alpha(cp) || is_digit(cp);
	if (cp_letter(cp))
		return 1;
	return cp > 0 && (utf8proc_category(cp) == UTF8PROC_CATEGORY_ND ||
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_NL ||
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_NO);
}

static int
cp_space(utf8proc_int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* ---- tokens: how matched text and phrases are read ---- */

enum { T_NUM = 'n', T_WORD = 'w', T_SIGN = 'p' };

struct tok {
	size_t	 a, b;		/* bytes */
	char	 kind;
	char	 gap;		/* white space before it */
};

/* Tokens of s[0..n-1]: numbers (digits, with a '.' or ',' between
 * digits), words (letters and marks) and single other characters. */
static size_t
tokenize(const char *s, size_t n, struct tok *t, size_t max)
{
	size_t i = 0, k, count = 0;
	utf8proc_int32_t cp;
	int gap = 0;

	while (i < n && count < max) {
		cp = decode(s, n, i, &k);
		if (cp_space(cp)) {
			gap = 1;
			i += k;
			continue;
		}
		t[count].a = i;
		t[count].gap = (char)gap;
		gap = 0;
		if (is_digit(cp)) {
			t[count].kind = T_NUM;
			while (i < n && (is_digit((unsigned char)s[i]) ||
			    ((s[i] == '.' || s[i] == ',') && i + 1 < n &&
			    is_digit((unsigned char)s[i + 1]))))
				i++;
		} else if (cp_letter(cp)) {
			t[count].kind = T_WORD;
			i += k;
			while (i < n && cp_letter(decode(s, n, i, &k)))
				i += k;
		} else {
			t[count].kind = T_SIGN;
			i += k;
		}
		t[count].b = i;
		count++;
	}
	return count;
}

/* The key of tokens t[0..k-1] of s into buf; its length, or 0 when it
 * does not fit or holds a number. */
static size_t
make_key(const char *s, const struct tok *t, size_t k, char *buf,
    size_t bufsz)
{
	size_t i, j, len = 0;

	for (i = 0; i < k; i++) {
		if (t[i].kind == T_NUM)
			return 0;
		if (i > 0 && t[i].gap) {
			if (len + 1 >= bufsz)
				return 0;
			buf[len++] = ' ';
		}
		for (j = t[i].a; j < t[i].b; j++) {
			if (len + 1 >= bufsz)
				return 0;
			if (j + 2 < t[i].b && memcmp(s + j, "\xe2\x80\x99",
			    3) == 0) {
				buf[len++] = '\'';
				j += 2;
			} else
				buf[len++] = (char)lower((unsigned char)s[j]);
		}
	}
	buf[len] = '\0';
	return len;
}

/* ---- the phrase table ---- */

static void
lex_rehash(struct lex *x)
{
	size_t i, h;

	free(x->slot);
	x->nslot = 256;
	while (x->nslot < x->n * 3)
		x->nslot *= 2;
	x->slot = ns_xreallocarray(NULL, x->nslot, sizeof(*x->slot));
	for (i = 0; i < x->nslot; i++)
		x->slot[i] = -1;
	for (i = 0; i < x->n; i++)
		x->v[i].next = -1;
	for (i = 0; i < x->n; i++) {
		h = ns_hash32(x->v[i].key, x->v[i].klen) & (x->nslot - 1);
		while (x->slot[h] >= 0) {
			struct entry *e = &x->v[x->slot[h]];

			if (e->klen == x->v[i].klen &&
			    memcmp(e->key, x->v[i].key, e->klen) == 0) {
				while (e->next >= 0)
					e = &x->v[e->next];
				e->next = (int32_t)i;
				break;
			}
			h = (h + 1) & (x->nslot - 1);
		}
		if (x->slot[h] < 0)
			x->slot[h] = (int32_t)i;
	}
}

static void
lex_add(struct lex *x, const char *phrase, const char *key, size_t klen,
    const char *value, int list)
{
	struct entry *e;

	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 256;
		x->v = ns_xreallocarray(x->v, x->cap, sizeof(*x->v));
	}
	e = &x->v[x->n++];
	e->phrase = ns_xstrdup(phrase);
	e->key = ns_xstrndup(key, klen);
	e->klen = klen;
	e->value = ns_xstrdup(value);
	e->list = list;
	e->next = -1;
	e->set[0] = e->set[1] = e->set[2] = e->set[3] = -2;
	e->set_plain[0] = e->set_plain[1] = e->set_plain[2] =
	    e->set_plain[3] = -2;
	e->weak = 0;
}

/* Slot the last entry of x, whose key no other entry has (lex_get()
 * found none): the table is rebuilt only when it fills, not on every
 * new key (the pairs of weak words grow with the stream, and a rebuild
 * each was quadratic). */
static void
lex_insert(struct lex *x)
{
	size_t h, i = x->n - 1;

	if (x->nslot == 0 || x->n * 3 > x->nslot) {
		lex_rehash(x);
		return;
	}
	x->v[i].next = -1;
	h = ns_hash32(x->v[i].key, x->v[i].klen) & (x->nslot - 1);
	while (x->slot[h] >= 0)
		h = (h + 1) & (x->nslot - 1);
	x->slot[h] = (int32_t)i;
}

/* The first entry of key, or NULL. */
static const struct entry *
lex_get(const struct lex *x, const char *key, size_t klen)
{
	size_t h;

	if (x->nslot == 0)
		return NULL;
	h = ns_hash32(key, klen) & (x->nslot - 1);
	while (x->slot[h] >= 0) {
		const struct entry *e = &x->v[x->slot[h]];

		if (e->klen == klen && memcmp(e->key, key, klen) == 0)
			return e;
		h = (h + 1) & (x->nslot - 1);
	}
	return NULL;
}

static void
lex_free(struct lex *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free(x->v[i].phrase);
		free(x->v[i].key);
		free(x->v[i].value);
	}
	free(x->v);
	free(x->slot);
	memset(x, 0, sizeof(*x));
}

/* ---- reading the rule file ---- */

static int
find_list(const struct ns_numex *x, const char *name, size_t len)
{
	int i;

	for (i = 0; i < x->nlists; i++)
		if (strlen(x->lists[i].name) == len &&
		    memcmp(x->lists[i].name, name, len) == 0)
			return i;
	return -1;
}

static int
add_list(struct ns_numex *x, const char *name, size_t len)
{
	int i = find_list(x, name, len);

	if (i >= 0)
		return i;
	if (x->nlists == MAXLISTS)
		return -1;
	x->lists[x->nlists].name = ns_xstrndup(name, len);
	x->lists[x->nlists].start = 0;
	return x->nlists++;
}

/* Add a phrase to list l; 0, or -1 if it has no key. */
static int
add_phrase(struct ns_numex *x, int l, const char *phrase, size_t plen,
    const char *value, size_t vlen)
{
	struct tok t[MAXTOK];
	char key[KEYMAX], *p, *v;
	size_t nt, klen;

	nt = tokenize(phrase, plen, t, MAXTOK);
	if (nt == 0 || nt >= MAXTOK)
		return -1;
	klen = make_key(phrase, t, nt, key, sizeof(key));
	if (klen == 0)
		return -1;
	if ((int)nt > x->maxtok)
		x->maxtok = (int)nt;
	p = ns_xstrndup(phrase, plen);
	v = ns_xstrndup(value, vlen);
	lex_add(&x->words, p, key, klen, v, l);
	free(p);
	free(v);
	return 0;
}

/* Split off the next field of [*p, end): its start and length. */
static size_t
field(const char **p, const char *end, const char **f)
{
	const char *q = *p;

	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	*f = q;
	while (q < end && *q != ' ' && *q != '\t')
		q++;
	*p = q;
	return (size_t)(q - *f);
}

static const struct def *
find_def(const struct ns_numex *x, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < x->ndefs; i++)
		if (strlen(x->defs[i].name) == len &&
		    memcmp(x->defs[i].name, name, len) == 0)
			return &x->defs[i];
	return NULL;
}

/* Expand {name} references of pattern p[0..len-1] into out: fragments as
 * they are, lists as \x01<index>\x02 (made into calls or written out
 * later), noting the lists in *lists. -1 on an unknown name. */
static int
expand(const struct ns_numex *x, const char *p, size_t len,
    struct ns_buf *out, uint64_t *lists)
{
	size_t i, j;
	const struct def *d;
	char num[16];
	int l;

	ns_buf_add(out, "", 0);
	for (i = 0; i < len; i++) {
		/* Not \p{L}, \x{a0} and the like. */
		if (p[i] == '{' && i + 1 < len && is_alpha((unsigned char)p[i +
		    1]) && !(i >= 2 && p[i - 2] == '\\' &&
		    is_alpha((unsigned char)p[i - 1]))) {
			for (j = i + 1; j < len && (is_alpha((unsigned char)p[j])
			    || is_digit((unsigned char)p[j]) || p[j] == '_'); j++)
				;
			if (j < len && p[j] == '}') {
				if ((d = find_def(x, p + i + 1, j - i - 1)) !=
				    NULL) {
					ns_buf_adds(out, d->text);
					i = j;
					continue;
				}
				if ((l = find_list(x, p + i + 1, j - i - 1)) >= 0) {
					snprintf(num, sizeof(num), "\x01%d\x02", l);
					ns_buf_adds(out, num);
					i = j;
					continue;
				}
				return -1;
			}
		}
		ns_buf_addc(out, p[i]);
	}
	/* Lists inside fragments were noted when those were expanded. */
	for (i = 0; i < out->len; i++)
		if (out->p[i] == '\x01')
			*lists |= BIT(atoi(out->p + i + 1));
	return 0;
}

/* ---- word lists as regexes: a trie of their phrases ---- */

struct cps {
	uint32_t *v;
	size_t	 n;
};

static int
cps_cmp(const void *a, const void *b)
{
	const struct cps *x = a, *y = b;
	size_t i;

	for (i = 0; i < x->n && i < y->n; i++)
		if (x->v[i] != y->v[i])
			return x->v[i] < y->v[i] ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

static void
add_cp(struct ns_buf *b, uint32_t cp)
{
	char tmp[16];

	if (cp == ' ')
		ns_buf_adds(b, "\\s");
	else if (cp < 0x80 && !is_alpha((int)cp) && !is_digit((int)cp)) {
		ns_buf_addc(b, '\\');
		ns_buf_addc(b, (int)cp);
	} else if (cp < 0x80)
		ns_buf_addc(b, (int)cp);
	else {
		snprintf(tmp, sizeof(tmp), "\\x{%x}", (unsigned)cp);
		ns_buf_adds(b, tmp);
	}
}

/* Phrases v[lo..hi-1], sorted, share their first depth code points. */
static void
trie(struct ns_buf *b, const struct cps *v, size_t lo, size_t hi,
    size_t depth)
{
	size_t i, j, groups = 0;
	int end = 0;

	for (i = lo; i < hi; i = j) {
		if (v[i].n == depth) {
			end = 1;
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < hi && v[j].n > depth &&
		    v[j].v[depth] == v[i].v[depth]; j++)
			;
		groups++;
	}
	if (groups == 0)
		return;
	if (groups == 1 && !end) {
		for (i = lo; v[i].n == depth; i++)
			;
		add_cp(b, v[i].v[depth]);
		trie(b, v, lo, hi, depth + 1);
		return;
	}
	ns_buf_adds(b, "(?:");
	groups = 0;
	for (i = lo; i < hi; i = j) {
		if (v[i].n == depth) {
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < hi && v[j].n > depth &&
		    v[j].v[depth] == v[i].v[depth]; j++)
			;
		if (groups++ > 0)
			ns_buf_addc(b, '|');
		add_cp(b, v[i].v[depth]);
		trie(b, v, i, j, depth + 1);
	}
	/* The empty alternative last: the longest phrase is tried first. */
	if (end)
		ns_buf_addc(b, '|');
	ns_buf_addc(b, ')');
}

static char *
list_regex(const struct ns_numex *x, int l)
{
	struct ns_buf b = { 0 };
	struct cps *v = NULL;
	size_t i, j, n = 0, cap = 0, k, len;
	int cs = x->lists[l].name[0] >= 'A' && x->lists[l].name[0] <= 'Z';
	utf8proc_int32_t cp;
	const char *p;

	for (i = 0; i < x->words.n; i++) {
		if (x->words.v[i].list != l)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = ns_xreallocarray(v, cap, sizeof(*v));
		}
		p = x->words.v[i].phrase;
		len = strlen(p);
		v[n].v = ns_xreallocarray(NULL, len + 1, sizeof(uint32_t));
		v[n].n = 0;
		for (j = 0; j < len; j += k) {
			cp = decode(p, len, j, &k);
			if (cp < 0)
				cp = 0xfffd;
			v[n].v[v[n].n++] = (uint32_t)(cs ? cp : lower(cp));
		}
		n++;
	}
	ns_buf_adds(&b, cs ? "(?-i:" : "(?:");
	if (n > 0) {
		qsort(v, n, sizeof(*v), cps_cmp);
		/* Drop duplicates (a phrase in a list twice). */
		for (i = j = 0; i < n; i++) {
			if (j > 0 && cps_cmp(&v[j - 1], &v[i]) == 0) {
				free(v[i].v);
				continue;
			}
			v[j++] = v[i];
		}
		n = j;
		trie(&b, v, 0, n, 0);
	} else
		ns_buf_adds(&b, "(*FAIL)");
	ns_buf_addc(&b, ')');
	for (i = 0; i < n; i++)
		free(v[i].v);
	free(v);
	return b.p;
}

/* The pattern text of an expanded rule: list marks as calls (define) or
 * written out. */
static char *
finish_pattern(const struct ns_numex *x, const char *p, int define)
{
	struct ns_buf b = { 0 };
	char tmp[32];
	int l;

	ns_buf_add(&b, "", 0);
	for (; *p != '\0'; p++) {
		if (*p != '\x01') {
			ns_buf_addc(&b, *p);
			continue;
		}
		l = atoi(p + 1);
		while (*p != '\x02')
			p++;
		if (define) {
			snprintf(tmp, sizeof(tmp), "(?&L%d)", l);
			ns_buf_adds(&b, tmp);
		} else
			ns_buf_adds(&b, x->list_re[l]);
	}
	return b.p;
}

static int
parse_type(const char *s, size_t n, enum ns_ent_type *t, int *skip)
{
	int i;

	*skip = 0;
	if (n == 4 && memcmp(s, "SKIP", 4) == 0) {
		*skip = 1;
		*t = NS_ENT_CARDINAL;
		return 0;
	}
	for (i = NS_ENT_MONEY; i < NS_ENT_NTYPES; i++) {
		const char *name = ns_ent_type_name((enum ns_ent_type)i);

		if (strlen(name) == n && memcmp(name, s, n) == 0) {
			*t = (enum ns_ent_type)i;
			return 0;
		}
	}
	return -1;
}

/* Read the rule file. 0, or -1 on a line it cannot take. */
static int
load_rules(struct ns_numex *x, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl, *q, *f[3];
	size_t fl[3], k;
	struct ns_buf b = { 0 };
	uint64_t lists;
	int l;

	for (; p < end; p = nl < end ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		const char *le = p + ns_trim_right(p, (size_t)(nl - p));

		q = p;
		fl[0] = field(&q, le, &f[0]);
		if (fl[0] == 0 || f[0][0] == '#')
			continue;
		if (fl[0] == 1 && f[0][0] == 'w') {
			fl[1] = field(&q, le, &f[1]);
			fl[2] = field(&q, le, &f[2]);
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			if (fl[1] == 0 || fl[2] == 0 || q == le)
				return -1;
			if ((l = add_list(x, f[1], fl[1])) < 0)
				return -1;
			if (add_phrase(x, l, q, (size_t)(le - q), f[2],
			    fl[2]) < 0)
				return -1;
		} else if (fl[0] == 1 && f[0][0] == 'd') {
			fl[1] = field(&q, le, &f[1]);
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			if (fl[1] == 0 || q == le)
				return -1;
			ns_buf_reset(&b);
			lists = 0;
			if (expand(x, q, (size_t)(le - q), &b, &lists) < 0)
				return -1;
			x->defs = ns_xreallocarray(x->defs, x->ndefs + 1,
			    sizeof(*x->defs));
			x->defs[x->ndefs].name = ns_xstrndup(f[1], fl[1]);
			x->defs[x->ndefs].text = ns_xstrdup(b.p);
			x->ndefs++;
		} else if (fl[0] == 1 && f[0][0] == 'r') {
			struct rule *r;

			if (x->nrules == MAXRULES)
				return -1;
			r = &x->rules[x->nrules];
			fl[1] = field(&q, le, &f[1]);
			fl[2] = field(&q, le, &f[2]);
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			if (fl[2] == 0 || q == le ||
			    parse_type(f[1], fl[1], &r->type, &r->skip) < 0)
				return -1;
			for (k = 0; k < K_NKINDS; k++)
				if (strlen(kind_names[k]) == fl[2] &&
				    memcmp(kind_names[k], f[2], fl[2]) == 0)
					break;
			if (k == K_NKINDS)
				return -1;
			r->kind = (enum kind)k;
			ns_buf_reset(&b);
			r->lists = 0;
			if (expand(x, q, (size_t)(le - q), &b, &r->lists) < 0)
				return -1;
			r->pattern = ns_xstrdup(b.p);
			x->nrules++;
		} else if (fl[0] == 5 && memcmp(f[0], "start", 5) == 0) {
			while ((fl[1] = field(&q, le, &f[1])) > 0) {
				if ((l = add_list(x, f[1], fl[1])) < 0)
					return -1;
				x->lists[l].start = 1;
			}
		} else
			return -1;
	}
	ns_buf_free(&b);
	return 0;
}

/* The ISO list: every code of currencies.tsv but those of isoskip. */
static int
load_currencies(struct ns_numex *x, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;
	int iso = add_list(x, "ISO", 3), skip = find_list(x, "isoskip", 7);
	char key[4];
	size_t i, count = 0;

	if (iso < 0)
		return -1;
	for (; p < end; p = nl < end ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (nl - p < 4 || p[0] == '#' || p[3] != '\t')
			continue;
		for (i = 0; i < 3; i++) {
			if (p[i] < 'A' || p[i] > 'Z')
				break;
			key[i] = (char)lower((unsigned char)p[i]);
		}
		if (i < 3)
			continue;
		if (skip >= 0) {
			const struct entry *e = lex_get(&x->words, key, 3);

			for (; e != NULL; e = e->next >= 0 ?
			    &x->words.v[e->next] : NULL)
				if (e->list == skip && memcmp(e->phrase, p, 3) ==
				    0)
					break;
			if (e != NULL)
				continue;
		}
		{
			char code[4];

			memcpy(code, p, 3);
			code[3] = '\0';
			if (add_phrase(x, iso, code, 3, code, 3) < 0)
				return -1;
			/* lex_get above needs the table as it grows. */
			lex_rehash(&x->words);
		}
		count++;
	}
	return count > 0 ? 0 : -1;
}

/* Is one of the lists in mask among the entries of key? */
static int
in_lists(const struct ns_numex *x, const char *key, size_t klen,
    uint64_t mask)
{
	const struct entry *e = lex_get(&x->words, key, klen);
	int l;

	for (; e != NULL; e = e->next >= 0 ? &x->words.v[e->next] : NULL)
		for (l = 0; l < L_NKNOWN; l++)
			if ((mask & BIT(l)) && x->known[l] == e->list)
				return 1;
	return 0;
}

/* The words and signs that may begin an entity: the first token of each
 * phrase of the start lists; a word with the sign that follows it when
 * one does ("US$"). */
static void
load_triggers(struct ns_numex *x)
{
	struct tok t[MAXTOK];
	char key[KEYMAX];
	size_t i, j, nt, klen, k;
	utf8proc_int32_t cp;
	struct entry *e;

	for (i = 0; i < x->words.n; i++) {
		const char *ph = x->words.v[i].phrase;
		size_t plen = strlen(ph);

		if (!x->lists[x->words.v[i].list].start)
			continue;
		nt = tokenize(ph, plen, t, MAXTOK);
		if (nt == 0)
			continue;
		if (t[0].kind == T_WORD) {
			/* Only ASCII letters: the scanner looks no further. */
			for (j = t[0].a; j < t[0].b && is_alpha((unsigned char)
			    ph[j]); j++)
				;
			klen = make_key(ph, t, 1, key, sizeof(key));
			if (j != t[0].b || klen == 0 || klen > WORDMAX)
				continue;
			if (nt > 1 && !t[1].gap && t[1].kind == T_SIGN &&
			    t[1].b == t[1].a + 1) {
				key[klen++] = ph[t[1].a];
				key[klen] = '\0';
			}
			if (lex_get(&x->trig, key, klen) == NULL) {
				lex_add(&x->trig, key, key, klen, "", 0);
				lex_rehash(&x->trig);
			}
			continue;
		}
		cp = decode(ph, plen, 0, &k);
		if (cp < 0)
			continue;
		if (cp < 0x80) {
			x->sym[cp] = 1;
			continue;
		}
		for (j = 0; j < x->nusym && x->usym[j] != (uint32_t)cp; j++)
			;
		if (j == x->nusym) {
			x->usym = ns_xreallocarray(x->usym, x->nusym + 1,
			    sizeof(*x->usym));
			x->usym[x->nusym++] = (uint32_t)cp;
			x->usym_lead[(unsigned char)ph[0]] = 1;
		}
	}
	for (i = 0; i < x->trig.n; i++) {
		e = &x->trig.v[i];
		e->weak = in_lists(x, e->key, e->klen, BIT(L_WEAK));
	}
	for (i = 0; i < x->words.n; i++) {
		const char *ph = x->words.v[i].phrase;

		nt = tokenize(ph, strlen(ph), t, MAXTOK);
		if (nt == 0 || t[0].kind != T_WORD ||
		    (klen = make_key(ph, t, 1, key, sizeof(key))) == 0 ||
		    lex_get(&x->firsts, key, klen) != NULL)
			continue;
		lex_add(&x->firsts, key, key, klen, "", 0);
		lex_rehash(&x->firsts);
	}
}

static pcre2_code *
compile(const char *pattern, uint32_t options, int jit)
{
	PCRE2_SIZE off;
	pcre2_code *re;
	int code;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    options | PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS |
	    PCRE2_NO_AUTO_CAPTURE, &code, &off, NULL);
	if (re != NULL && jit)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* else interpreted */
	return re;
}

/* Which bytes may a match of rule r start with? */
static int
first_bytes(struct rule *r)
{
	pcre2_code *re = compile(r->inline_pat, 0, 0);
	const uint8_t *map = NULL;
	uint32_t type = 0, unit = 0;
	int c;

	if (re == NULL)
		return -1;
	memset(r->first, 0xff, sizeof(r->first));
	if (pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 &&
	    type == 1 &&
	    pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 &&
	    unit < 256) {
		memset(r->first, 0, sizeof(r->first));
		r->first[unit / 8] |= (unsigned char)(1 << (unit % 8));
		if (unit < 128 && is_alpha((int)unit)) {
			c = (int)unit ^ 0x20;
			r->first[c / 8] |= (unsigned char)(1 << (c % 8));
		}
	} else if (type == 0 &&
	    pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &map) == 0 &&
	    map != NULL)
		memcpy(r->first, map, sizeof(r->first));
	pcre2_code_free(re);
	return 0;
}

/* The pattern of a set of rules: the rules in their order, each ending
 * with a mark that names it, and the lists they call defined once. Made
 * once per distinct set (compiled when first used); its index in owned,
 * -1 for the empty set, or -2 when there are too many sets. */
static int
set_pattern(struct ns_numex *x, const uint64_t set[2])
{
	struct ns_buf b = { 0 };
	uint64_t lists = 0;
	char tmp[48];
	int i, l;

	if (set[0] == 0 && set[1] == 0)
		return -1;
	for (i = 0; i < x->nowned; i++)
		if (x->owned_set[i][0] == set[0] && x->owned_set[i][1] == set[1])
			return i;
	if (x->nowned == MAXSETS)
		return -2;
	ns_buf_adds(&b, "(?:");
	for (i = 0; i < x->nrules; i++) {
		if (!(set[i / 64] & ((uint64_t)1 << (i % 64))))
			continue;
		if (b.len > 3)
			ns_buf_addc(&b, '|');
		ns_buf_adds(&b, "(?:");
		ns_buf_adds(&b, x->rules[i].pattern);
		snprintf(tmp, sizeof(tmp), ")(*MARK:%d)", i);
		ns_buf_adds(&b, tmp);
		lists |= x->rules[i].lists;
	}
	ns_buf_adds(&b, ")(?(DEFINE)");
	for (l = 0; l < x->nlists; l++) {
		if (!(lists & BIT(l)))
			continue;
		snprintf(tmp, sizeof(tmp), "(?<L%d>", l);
		ns_buf_adds(&b, tmp);
		ns_buf_adds(&b, x->list_re[l]);
		ns_buf_addc(&b, ')');
	}
	ns_buf_addc(&b, ')');
	x->owned[x->nowned] = NULL;
	x->owned_pat[x->nowned] = b.p;
	x->owned_uses[x->nowned] = 0;
	x->owned_set[x->nowned][0] = set[0];
	x->owned_set[x->nowned][1] = set[1];
	return x->nowned++;
}

/* Uses of a set before it is JIT-compiled: compiling costs about as
 * much as a few hundred interpreted matches. */
#define JIT_AFTER 48

/* The compiled pattern of set k. */
static const pcre2_code *
use_set(struct ns_numex *x, int k)
{
	if (x->owned[k] == NULL) {
		x->owned[k] = compile(x->owned_pat[k], PCRE2_ANCHORED, 0);
		/* The built-in patterns compile: make check proves it. */
		if (x->owned[k] == NULL)
			abort();
	}
	if (x->owned_uses[k] <= JIT_AFTER && x->owned_uses[k]++ == JIT_AFTER &&
	    x->jit)
		x->owned_jit[k] = pcre2_jit_compile(x->owned[k],
		    PCRE2_JIT_COMPLETE) == 0;
	return x->owned[k];
}

/* Add to set the rules (of those in within, if not NULL) that match
 * s[start..n-1] at start, or could with more text after it (a partial
 * match). E-mail addresses are left to the buckets (the scanner knows
 * them). */
static void
probe_at(struct ns_numex *x, const char *s, size_t n, size_t start,
    const uint64_t *within, uint64_t set[2])
{
	int r, rc, c = (unsigned char)s[start];

	for (r = 0; r < x->nrules; r++) {
		if (within != NULL ? !(within[r / 64] & ((uint64_t)1 << (r %
		    64))) : !(x->rules[r].first[c / 8] & (1 << (c % 8))))
			continue;
		if (x->rules[r].type == NS_ENT_EMAIL ||
		    (set[r / 64] & ((uint64_t)1 << (r % 64))))
			continue;
		if (x->single[r] == NULL && (x->single[r] = compile(
		    x->rules[r].inline_pat, PCRE2_ANCHORED, 0)) == NULL)
			abort();
		rc = pcre2_match(x->single[r], (PCRE2_SPTR)s, n, start,
		    PCRE2_PARTIAL_HARD, x->pmd, NULL);
		if (rc >= 0 || rc == PCRE2_ERROR_PARTIAL)
			set[r / 64] |= (uint64_t)1 << (r % 64);
	}
}

/* What the rules that look behind their start look for (numex.rules): a
 * word that makes a date ("in May"), a name or a noun and a comma
 * ("Pellow, 58,", "centre, 29,"), "aged". */
static const char *const behind_ctx[] = {
	"in ", "Ab, ", "aged ",
	/* before a number only */
	"ab, "
};
#define BEHIND_ANY 3	/* the contexts of any candidate, the first ones */

static void
probe_within(struct ns_numex *x, const char *subj, const uint64_t *within,
    uint64_t set[2])
{
	char ctx[128];
	uint64_t behind[2];
	size_t i;
	int k;

	probe_at(x, subj, strlen(subj), 0, within, set);
	behind[0] = x->behind[0] & (within ? within[0] : ~(uint64_t)0);
	behind[1] = x->behind[1] & (within ? within[1] : ~(uint64_t)0);
	/* A rule may look behind its start for a word that makes it a date
	 * ("in May"), or for a name and a comma or "aged" (an age: "Pellow,
	 * 58,", "aged 84"): it may match after "in", "Ab, " or "aged" too.
	 * Any other rule matches there as at the start, so only the rules
	 * that look behind are tried there. */
	for (i = 0; i < (is_digit((unsigned char)subj[0]) ?
	    sizeof(behind_ctx) / sizeof(behind_ctx[0]) : BEHIND_ANY); i++) {
		k = snprintf(ctx, sizeof(ctx), "%s%s", behind_ctx[i], subj);
		if (k > 0 && (size_t)k < sizeof(ctx))
			probe_at(x, ctx, (size_t)k, strlen(behind_ctx[i]),
			    behind, set);
	}
}

static void
probe(struct ns_numex *x, const char *subj, uint64_t set[2])
{
	probe_within(x, subj, NULL, set);
}

/* What may come after a candidate that is followed by a plain word (one
 * in no list) or by punctuation: the rules that may match there are only
 * those that match these. */
static const char *const plain_after[] = {
	" zzzq.", " Zzzq.", ". ", ", ", ")", ";"
};

/* Numbers like every number that starts with the digit d, for each way
 * the patterns tell numbers apart (hours, days, months, years, commas). */
static const char *const number_shapes[] = {
	"", "5", "0", "05", "00", "000", "019", "999", "500", "5.5", ",000",
	"5,000", "0,000"
};

/* The set for a number that starts with the digit c before a plain
 * word (the rules that match those numbers there). */
static int
plain_digit_set(struct ns_numex *x, int c)
{
	uint64_t plain[2] = { 0, 0 };
	char subj[64];
	size_t a, sh;

	if (x->bucket_plain[c] != -2)
		return x->bucket_plain[c];
	for (sh = 0; sh < sizeof(number_shapes) / sizeof(number_shapes[0]);
	    sh++)
		for (a = 0; a < sizeof(plain_after) / sizeof(plain_after[0]);
		    a++) {
			snprintf(subj, sizeof(subj), "%c%s%s", c,
			    number_shapes[sh], plain_after[a]);
			probe(x, subj, plain);
		}
	x->bucket_plain[c] = set_pattern(x, plain);
	if (x->bucket_plain[c] == -2)
		x->bucket_plain[c] = x->bucket_re[c];
	return x->bucket_plain[c];
}

/* The set of trigger word e written as variant v (0 lower case, 1
 * capitalized, 2 capitals, 3 any other way: all three), before a plain
 * word or not: the rules that match the word so written, or could with
 * more text after it (a partial match). */
static int
trig_set(struct ns_numex *x, struct entry *e, int v, int plain)
{
	uint64_t set[2] = { 0, 0 };
	char var[WORDMAX + 2], subj[64];
	size_t a, j;
	int w, k;

	if ((plain ? e->set_plain[v] : e->set[v]) != -2)
		return plain ? e->set_plain[v] : e->set[v];
	for (w = v == 3 ? 0 : v; w <= (v == 3 ? 2 : v); w++) {
		for (j = 0; j < e->klen && j <= WORDMAX; j++)
			var[j] = (char)(w == 0 || (w == 1 && j > 0) ?
			    e->key[j] : e->key[j] >= 'a' && e->key[j] <= 'z' ?
			    e->key[j] - 'a' + 'A' : e->key[j]);
		var[j] = '\0';
		if (!plain) {
			probe(x, var, set);
			continue;
		}
		for (a = 0; a < sizeof(plain_after) / sizeof(plain_after[0]);
		    a++) {
			snprintf(subj, sizeof(subj), "%s%s", var, plain_after[a]);
			probe(x, subj, set);
		}
	}
	k = set_pattern(x, set);
	if (k == -2)		/* too many sets: any word's */
		k = x->bucket_re[(unsigned char)e->key[0]];
	if (plain)
		e->set_plain[v] = k;
	else
		e->set[v] = k;
	return k;
}

/* Patterns by the first byte of a candidate (numbers, signs, words);
 * those of the words that may begin an entity, and those before a plain
 * word, are made when first needed. */
static int
build_patterns(struct ns_numex *x)
{
	uint64_t set[2];
	size_t i;
	struct entry *e;
	int c, r, k;

	x->pmd = pcre2_match_data_create(1, NULL);
	if (x->pmd == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	for (c = 0; c < 256; c++) {
		set[0] = set[1] = 0;
		for (r = 0; r < x->nrules; r++)
			if (x->rules[r].first[c / 8] & (1 << (c % 8)))
				set[r / 64] |= (uint64_t)1 << (r % 64);
		if ((k = set_pattern(x, set)) == -2)
			return -1;
		x->bucket_re[c] = k;
		x->bucket_plain[c] = is_digit(c) ? -2 : -1;
	}
	for (i = 0; i < x->trig.n; i++) {
		e = &x->trig.v[i];
		if (e->klen >= 1 && is_alpha((unsigned char)e->key[0]))
			x->pre2[e->key[0] - 'a'] |= e->klen == 1 ||
			    !is_alpha((unsigned char)e->key[1]) ? 1u << 26 :
			    1u << (e->key[1] - 'a');
	}
	return 0;
}

static int
setup(struct ns_numex *x, const char *rules, size_t rlen,
    const char *cur, size_t clen)
{
	char *p;
	int i;

	/* The list ISO is filled from the currency table after the rules,
	 * which may name it. */
	if (add_list(x, "ISO", 3) < 0 || load_rules(x, rules, rlen) < 0)
		return -1;
	lex_rehash(&x->words);
	if (load_currencies(x, cur, clen) < 0)
		return -1;
	lex_rehash(&x->words);
	for (i = 0; i < L_NKNOWN; i++)
		if ((x->known[i] = find_list(x, known_lists[i],
		    strlen(known_lists[i]))) < 0)
			return -1;
	for (i = 0; i < x->nlists; i++)
		x->list_re[i] = list_regex(x, i);
	for (i = 0; i < x->nrules; i++) {
		p = x->rules[i].pattern;
		x->rules[i].pattern = finish_pattern(x, p, 1);
		x->rules[i].inline_pat = finish_pattern(x, p, 0);
		free(p);
		if (first_bytes(&x->rules[i]) < 0)
			return -1;
		if (strstr(x->rules[i].inline_pat, "(?<=") != NULL ||
		    strstr(x->rules[i].inline_pat, "(?<!") != NULL)
			x->behind[i / 64] |= (uint64_t)1 << (i % 64);
	}
	load_triggers(x);
	/* NS_NO_JIT=1 (tests under valgrind, which cannot follow JIT code)
	 * interprets the patterns. */
	x->jit = getenv("NS_NO_JIT") == NULL;
	return build_patterns(x);
}

struct ns_numex *
ns_numex_new(void)
{
	struct ns_numex *x = ns_xcalloc(1, sizeof(*x));

	/* The built-in data is part of the program: make check proves it
	 * loads, so a failure here is a broken build. */
	if (setup(x, ns_numex_data, ns_numex_data_len, ns_currencies_data,
	    ns_currencies_data_len) < 0)
		abort();
	x->md = pcre2_match_data_create(1, NULL);
	x->mctx = pcre2_match_context_create(NULL);
	if (x->md == NULL || x->mctx == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	pcre2_set_match_limit(x->mctx, MATCH_LIMIT);
	x->jstack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	if (x->jstack != NULL)
		pcre2_jit_stack_assign(x->mctx, NULL, x->jstack);
	return x;
}

void
ns_numex_free(struct ns_numex *x)
{
	size_t i;
	int k;

	if (x == NULL)
		return;
	for (k = 0; k < x->nlists; k++) {
		free(x->lists[k].name);
		free(x->list_re[k]);
	}
	for (k = 0; k < x->nrules; k++) {
		free(x->rules[k].pattern);
		free(x->rules[k].inline_pat);
	}
	for (i = 0; i < x->ndefs; i++) {
		free(x->defs[i].name);
		free(x->defs[i].text);
	}
	free(x->defs);
	for (k = 0; k < x->nowned; k++) {
		pcre2_code_free(x->owned[k]);
		free(x->owned_pat[k]);
	}
	for (k = 0; k < x->nrules; k++)
		pcre2_code_free(x->single[k]);
	pcre2_match_data_free(x->pmd);
	lex_free(&x->wk);
	lex_free(&x->words);
	lex_free(&x->trig);
	lex_free(&x->firsts);
	free(x->usym);
	pcre2_match_data_free(x->md);
	pcre2_match_context_free(x->mctx);
	pcre2_jit_stack_free(x->jstack);
	free(x->aux);
	free(x);
}

/* ---- reading a match ---- */

struct span {
	const struct ns_numex *x;
	const char *s;		/* the whole text */
	size_t	 n;
	struct tok t[MAXTOK];
	size_t	 nt;
};

/* The longest phrase of one of the lists in mask at token i: its token
 * count (0 if none), the entry in *e. */
static size_t
phrase_at(const struct span *sp, size_t i, uint64_t mask,
    const struct entry **e)
{
	char key[KEYMAX];
	size_t k, klen;
	const struct entry *f;
	int l;

	for (k = (size_t)sp->x->maxtok; k > 0; k--) {
		if (i + k > sp->nt)
			continue;
		klen = make_key(sp->s, sp->t + i, k, key, sizeof(key));
		if (klen == 0)
			continue;
		for (f = lex_get(&sp->x->words, key, klen); f != NULL;
		    f = f->next >= 0 ? &sp->x->words.v[f->next] : NULL) {
			/* A sign of one letter is one only in its case: "p"
			 * (pence) after a number, "P" (a peso) before one. */
			if (k == 1 && (f->list == sp->x->known[L_CURATT] ||
			    f->list == sp->x->known[L_CURCAP]) &&
			    (sp->t[i].b - sp->t[i].a != strlen(f->phrase) ||
			    memcmp(sp->s + sp->t[i].a, f->phrase,
			    sp->t[i].b - sp->t[i].a) != 0))
				continue;
			for (l = 0; l < L_NKNOWN; l++)
				if ((mask & BIT(l)) &&
				    sp->x->known[l] == f->list) {
					*e = f;
					return k;
				}
		}
	}
	return 0;
}

/* The first phrase of the lists in mask at or after token i: its token
 * index, or nt. */
static size_t
find_phrase(const struct span *sp, size_t i, uint64_t mask,
    const struct entry **e, size_t *len)
{
	for (; i < sp->nt; i++)
		if ((*len = phrase_at(sp, i, mask, e)) > 0)
			return i;
	return sp->nt;
}

static int
tok_is(const struct span *sp, size_t i, const char *word)
{
	size_t n = strlen(word), j;

	if (i >= sp->nt || sp->t[i].b - sp->t[i].a != n)
		return 0;
	for (j = 0; j < n; j++)
		if (lower((unsigned char)sp->s[sp->t[i].a + j]) != word[j])
			return 0;
	return 1;
}

static long
tok_int(const struct span *sp, size_t i)
{
	long v = 0;
	size_t j;

	for (j = sp->t[i].a; j < sp->t[i].b && v < 100000000; j++)
		if (is_digit((unsigned char)sp->s[j]))
			v = v * 10 + (sp->s[j] - '0');
	return v;
}

static size_t
tok_len(const struct span *sp, size_t i)
{
	return sp->t[i].b - sp->t[i].a;
}

/* Is token i digits only (no '.' or ',')? */
static int
tok_plain(const struct span *sp, size_t i)
{
	size_t j;

	if (i >= sp->nt || sp->t[i].kind != T_NUM)
		return 0;
	for (j = sp->t[i].a; j < sp->t[i].b; j++)
		if (!is_digit((unsigned char)sp->s[j]))
			return 0;
	return 1;
}

struct amount {
	char	 mant[48];
	int	 sexp;
	int	 scaled;
	int	 words;
	size_t	 next;		/* the token after it */
};

static double
pow10_value(const char *mant, int exp)
{
	char buf[80];
	size_t n = strlen(mant);

	if (exp == 0)
		return strtod(mant, NULL);
	if (n > sizeof(buf) - 8)
		return NAN;
	/* Decimal: the nearest double to the number as written. */
	memcpy(buf, mant, n);
	buf[n++] = 'e';
	if (exp < 0) {
		buf[n++] = '-';
		exp = -exp;
	}
	if (exp >= 10)
		buf[n++] = (char)('0' + exp / 10 % 10);
	buf[n++] = (char)('0' + exp % 10);
	buf[n] = '\0';
	return strtod(buf, NULL);
}

/* Read a number and its scale words at token i. abbr1: "m", "k", "b"
 * attached to digits are scales. */
static int
read_amount(const struct span *sp, size_t i, int abbr1, struct amount *a)
{
	const struct entry *e;
	size_t j, k, len = 0;
	long v;

	memset(a, 0, sizeof(*a));
	if (i >= sp->nt)
		return -1;
	if (sp->t[i].kind == T_NUM) {
		for (j = sp->t[i].a; j < sp->t[i].b && len + 1 <
		    sizeof(a->mant); j++)
			if (sp->s[j] != ',')
				a->mant[len++] = sp->s[j];
		a->mant[len] = '\0';
		i++;
	} else if (tok_is(sp, i, "a") && i + 1 < sp->nt &&
	    phrase_at(sp, i + 1, BIT(L_SCALE), &e) > 0) {
		strcpy(a->mant, "1");
		a->words = 1;
		i++;
	} else if ((k = phrase_at(sp, i, BIT(L_NUMWORD), &e)) > 0) {
		v = atol(e->value);
		i += k;
		/* "twenty-five", "twenty five" */
		if (v >= 20 && v % 10 == 0 && i < sp->nt) {
			size_t m = i;

			if (sp->t[m].kind == T_SIGN && sp->s[sp->t[m].a] ==
			    '-' && !sp->t[m].gap && m + 1 < sp->nt &&
			    !sp->t[m + 1].gap)
				m++;
			if ((k = phrase_at(sp, m, BIT(L_NUMWORD), &e)) > 0 &&
			    atol(e->value) < 10 && (m > i || sp->t[m].gap)) {
				v += atol(e->value);
				i = m + k;
			}
		}
		snprintf(a->mant, sizeof(a->mant), "%ld", v);
		a->words = 1;
	} else
		return -1;
	/* "$5-million", "Rs 1,200-crore": a hyphen before the scale */
	if (i + 1 < sp->nt && sp->t[i].kind == T_SIGN && sp->s[sp->t[i].a] ==
	    '-' && !sp->t[i].gap && !sp->t[i + 1].gap &&
	    phrase_at(sp, i + 1, BIT(L_SCALE), &e) > 0)
		i++;
	for (;;) {
		if (i >= sp->nt)
			break;
		if ((k = phrase_at(sp, i, BIT(L_SCALE) | BIT(L_SABBR), &e)) >
		    0 || (abbr1 && !sp->t[i].gap &&
		    (k = phrase_at(sp, i, BIT(L_SABBR1), &e)) > 0)) {
			a->sexp += atoi(e->value);
			a->scaled = 1;
			i += k;
			if (a->sexp > 40)
				return -1;
			continue;
		}
		break;
	}
	a->next = i;
	return 0;
}

/* The first number token (or number word) at or after i. */
static size_t
first_number(const struct span *sp, size_t i)
{
	const struct entry *e;

	for (; i < sp->nt; i++) {
		if (sp->t[i].kind == T_NUM)
			return i;
		if (phrase_at(sp, i, BIT(L_NUMWORD), &e) > 0)
			return i;
		if (tok_is(sp, i, "a") && i + 1 < sp->nt &&
		    phrase_at(sp, i + 1, BIT(L_SCALE), &e) > 0)
			return i;
	}
	return sp->nt;
}

/* A currency value "GBP" or "GBP/100": the code into unit, the power of
 * ten into *uexp. */
static void
read_currency(const char *value, char *unit, size_t usz, int *uexp)
{
	size_t n = strcspn(value, "/");

	snprintf(unit, usz, "%.*s", (int)n, value);
	*uexp = strcmp(value + n, "/100") == 0 ? -2 : 0;
}

static int
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
valid_date(long y, long m, long d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 && y > 0 && !leap(y));
}

/* "2019", "XXXX" */
static void
fmt_year(char *buf, size_t sz, long y)
{
	if (y > 0)
		snprintf(buf, sz, "%04ld", y);
	else
		snprintf(buf, sz, "XXXX");
}

/* Numbers in digits of s[a..b): up to max, their count. */
static size_t
digit_groups(const char *s, size_t a, size_t b, long *g, size_t *glen,
    size_t max)
{
	size_t count = 0, i = a, st;

	while (i < b && count < max) {
		if (!is_digit((unsigned char)s[i])) {
			i++;
			continue;
		}
		st = i;
		g[count] = 0;
		while (i < b && is_digit((unsigned char)s[i])) {
			if (i - st < 9)
				g[count] = g[count] * 10 + (s[i] - '0');
			i++;
		}
		glen[count++] = i - st;
	}
	return count;
}

/* Count of a duration ("five", "1.5", "a") into buf; 0, or -1 for none
 * ("a few", "several"). */
static int
dur_count(const struct span *sp, size_t *i, char *buf, size_t sz,
    double mult)
{
	struct amount a;
	size_t j = first_number(sp, *i), k;
	double v;

	for (k = *i; k < j; k++)
		if (tok_is(sp, k, "few") || tok_is(sp, k, "several") ||
		    tok_is(sp, k, "many") || tok_is(sp, k, "couple"))
			return -1;
	if (j < sp->nt && read_amount(sp, j, 0, &a) == 0) {
		v = pow10_value(a.mant, a.sexp) * mult;
		*i = a.next;
	} else if (*i < sp->nt && tok_is(sp, *i, "half"))
		v = mult / 2;		/* "half a century" */
	else
		v = mult;		/* "a decade", "the past year" */
	if (!isfinite(v) || v <= 0 || v > 1e9)
		return -1;
	snprintf(buf, sz, "%.10g", v);
	return 0;
}

/* ---- entities out ---- */

struct out {
	struct ns_numex *x;
	struct ns_entity **v;
	size_t	*cap;
	size_t	 count;
};

static struct ns_entity *
push(struct out *o, size_t a, size_t b, enum ns_ent_type type,
    struct aux **ax)
{
	struct ns_entity *e;

	if (o->count == *o->cap) {
		*o->cap = *o->cap ? *o->cap * 2 : 16;
		*o->v = ns_xreallocarray(*o->v, *o->cap, sizeof(**o->v));
	}
	if (o->count >= o->x->auxcap) {
		o->x->auxcap = *o->cap > 16 ? *o->cap : 16;
		o->x->aux = ns_xreallocarray(o->x->aux, o->x->auxcap,
		    sizeof(*o->x->aux));
	}
	e = &(*o->v)[o->count];
	memset(e, 0, sizeof(*e));
	e->start = a;
	e->end = b;
	e->type = type;
	e->vkind = NS_VAL_NONE;
	*ax = &o->x->aux[o->count];
	memset(*ax, 0, sizeof(**ax));
	o->count++;
	return e;
}

static void
set_number(struct ns_entity *e, struct aux *ax)
{
	double v = pow10_value(ax->mant, ax->sexp + ax->uexp);

	if (ax->has_num && isfinite(v)) {
		e->vkind = NS_VAL_NUMBER;
		e->number = v;
	} else
		e->vkind = NS_VAL_NONE;
}

static void
set_string(struct ns_entity *e, const char *v)
{
	e->vkind = NS_VAL_STRING;
	snprintf(e->sval, sizeof(e->sval), "%.31s", v);
}

/* Is the number at start part of a name: after a capitalized word that
 * is no function word ("Boeing 737", "Euro 2020"), or after "No."? */
static int
named(const struct ns_numex *x, const char *s, size_t n, size_t start)
{
	char word[WORDMAX + 1], key[KEYMAX];
	size_t i, ws, we, len, k;
	int upper = 0;
	struct tok t;

	if (start == 0)
		return 0;
	if (s[start - 1] == '#')
		return 1;
	if (s[start - 1] != ' ' || start < 2)
		return 0;
	we = start - 1;
	for (ws = we; ws > 0; ws--) {
		unsigned char c = (unsigned char)s[ws - 1];

		if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '.' ||
		    c == '\'' || c >= 0x80))
			break;
	}
	if (ws == we || we - ws > WORDMAX)
		return 0;
	len = we - ws;
	for (i = 0; i < len; i++) {
		word[i] = (char)lower((unsigned char)s[ws + i]);
		if (s[ws + i] >= 'A' && s[ws + i] <= 'Z')
			upper = 1;
	}
	word[len] = '\0';
	if (word[len - 1] == '.') {
		return (len == 3 && memcmp(word, "no.", 3) == 0) ||
		    (len == 4 && memcmp(word, "nos.", 4) == 0);
	}
	if (!upper || !is_alpha((unsigned char)s[ws]) ||
	    !(s[ws] >= 'A' && s[ws] <= 'Z'))
		return 0;
	if ((len > 2 && word[len - 2] == '\'' && word[len - 1] == 's') ||
	    (len > 4 && memcmp(word + len - 4, "\xe2\x80\x99s", 4) == 0))
		return 0;
	if (ns_is_stopword(word, len))
		return 0;
	/* a score after a team ("Munster 22-20"): one or two digits, a
	 * hyphen, one to three */
	for (i = start; i < n && i < start + 3 && is_digit((unsigned char)s[i]);
	    i++)
		;
	if (i > start && i < start + 3 && i + 1 < n && s[i] == '-' &&
	    is_digit((unsigned char)s[i + 1])) {
		for (k = i + 1; k < n && k < i + 5 &&
		    is_digit((unsigned char)s[k]); k++)
			;
		if (k < i + 5 && (k == n || !(is_alpha((unsigned char)s[k]) ||
		    is_digit((unsigned char)s[k]) || s[k] == '-')))
			return 0;
	}
	t.a = 0;
	t.b = len;
	t.kind = T_WORD;
	t.gap = 0;
	for (i = 0; i < len && is_alpha((unsigned char)word[i]); i++)
		;
	if (i == len) {
		k = make_key(word, &t, 1, key, sizeof(key));
		for (const struct entry *e = k ? lex_get(&x->words, key, k) :
		    NULL; e != NULL; e = e->next >= 0 ? &x->words.v[e->next] :
		    NULL)
			if (e->list == x->known[L_PRE] ||
			    e->list == x->known[L_MONTH] ||
			    e->list == x->known[L_WDAY])
				return 0;
	}
	return 1;
}

/* Trim trailing punctuation off a URL or e-mail address s[a..*b). */
static int
trim_address(const char *s, size_t n, size_t a, size_t *b, int email)
{
	utf8proc_int32_t cp;
	size_t i, open = 0, close = 0, dot;

	for (i = a; i < *b; i++) {
		if (s[i] == '(')
			open++;
		else if (s[i] == ')')
			close++;
	}
	while (*b > a) {
		cp = decode_before(s, n, *b);
		if (cp == '.' || cp == ',' || cp == ';' || cp == ':' ||
		    cp == '!' || cp == '?' || cp == '\'' || cp == '"' ||
		    cp == '-' || cp == 0x2019 || cp == 0x201d || cp == 0xbb ||
		    cp == ']' || cp == '}' || (cp == ')' && close > open)) {
			if (cp == ')')
				close--;
			if (cp == '-' && !email)
				break;
			*b -= cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
			continue;
		}
		break;
	}
	if (!email)
		return *b - a > 7 ? 0 : -1;
	/* A domain with a dot and a top-level part of two letters or more. */
	for (dot = *b; dot > a && s[dot - 1] != '.' && s[dot - 1] != '@';
	    dot--)
		;
	if (dot == a || s[dot - 1] != '.' || *b - dot < 2)
		return -1;
	for (i = dot; i < *b; i++)
		if (!is_alpha((unsigned char)s[i]))
			return -1;
	return 0;
}

/* Read the match s[a..b) of rule r into entities. */
static void
read_match(struct out *o, const struct rule *r, const char *s, size_t n,
    size_t a, size_t b)
{
	struct ns_numex *x = o->x;
	struct span sp;
	struct ns_entity *e;
	struct aux *ax;
	struct amount am, am2;
	const struct entry *en;
	char buf[80], ybuf[24];
	size_t i, j, k, glen[4], ng;
	long g[4], y = 0, m = 0, d = 0, wd = 0, q = 0, mq = 0, mq0 = 0;
	int fy = 0, uexp = 0;
	char unit[16] = "";

	if (r->skip)
		return;
	/* A date's leading "the" is no part of it ("the third quarter" is
	 * "third quarter"), but for a decade's ("the 1990s"): the rules
	 * match it so that the words after it are read as a date. */
	if (r->type == NS_ENT_DATE && r->kind != K_DECADE && b - a > 4 &&
	    (s[a] == 't' || s[a] == 'T') && s[a + 1] == 'h' &&
	    s[a + 2] == 'e' && s[a + 3] == ' ')
		a += 4;
	sp.x = x;
	sp.s = s;
	sp.n = n;
	/* Tokens of the match only: offsets are into s. */
	sp.nt = tokenize(s + a, b - a, sp.t, MAXTOK);
	for (i = 0; i < sp.nt; i++) {
		sp.t[i].a += a;
		sp.t[i].b += a;
	}

	switch (r->kind) {
	case K_SKIP:
		return;
	case K_URL:
		if (trim_address(s, n, a, &b, r->type == NS_ENT_EMAIL) < 0)
			return;
		push(o, a, b, r->type, &ax);
		return;
	case K_RANGE:
		/* "$5-6 million": the currency, then two numbers. */
		i = find_phrase(&sp, 0, CURRENCY_LISTS, &en, &k);
		if (i == sp.nt)
			return;
		read_currency(en->value, unit, sizeof(unit), &uexp);
		i = first_number(&sp, 0);
		if (i == sp.nt || read_amount(&sp, i, 1, &am) < 0)
			return;
		j = first_number(&sp, am.next);
		if (j == sp.nt || read_amount(&sp, j, 1, &am2) < 0)
			return;
		/* The right one starts at its currency sign, if it has one. */
		for (k = am.next; k < j; k++)
			if (phrase_at(&sp, k, CURRENCY_LISTS, &en) > 0)
				break;
		e = push(o, a, sp.t[am.next - 1].b, r->type, &ax);
		snprintf(e->unit, sizeof(e->unit), "%s", unit);
		snprintf(ax->mant, sizeof(ax->mant), "%s", am.mant);
		ax->kind = r->kind;
		ax->mval = strtod(am.mant, NULL);
		ax->has_num = 1;
		ax->uexp = uexp;
		ax->sexp = am.sexp;
		if (!am.scaled && ax->mval <= strtod(am2.mant, NULL))
			ax->sexp = am2.sexp;
		ax->scaled = am.scaled || am2.scaled;
		set_number(e, ax);
		e = push(o, sp.t[k].a, b, r->type, &ax);
		snprintf(e->unit, sizeof(e->unit), "%s", unit);
		snprintf(ax->mant, sizeof(ax->mant), "%s", am2.mant);
		ax->kind = r->kind;
		ax->mval = strtod(am2.mant, NULL);
		ax->has_num = 1;
		ax->uexp = uexp;
		ax->sexp = am2.sexp;
		ax->scaled = am2.scaled;
		set_number(e, ax);
		return;
	case K_AMOUNT:
	case K_NUM:
	case K_WORD:
	case K_PLURAL:
		e = push(o, a, b, r->type, &ax);
		ax->kind = r->kind;
		if (r->type == NS_ENT_MONEY) {
			i = find_phrase(&sp, 0, CURRENCY_LISTS, &en, &k);
			if (i < sp.nt)
				read_currency(en->value, e->unit,
				    sizeof(e->unit), &ax->uexp);
		}
		if (r->kind == K_PLURAL)
			return;
		/* "half a percentage point", "a quarter of a point",
		 * "three quarters of a percentage point" */
		for (i = 0; r->type == NS_ENT_PERCENT && i < sp.nt; i++)
			if (tok_is(&sp, i, "half") || tok_is(&sp, i, "quarter") ||
			    tok_is(&sp, i, "quarters"))
				break;
		if (r->type == NS_ENT_PERCENT && i < sp.nt) {
			memset(&am, 0, sizeof(am));
			strcpy(am.mant, tok_is(&sp, i, "half") ? "0.5" :
			    i > 0 && tok_is(&sp, i - 1, "three") ? "0.75" :
			    "0.25");
		} else {
			i = first_number(&sp, 0);
			if (i == sp.nt || read_amount(&sp, i, r->type ==
			    NS_ENT_MONEY || r->type == NS_ENT_CARDINAL,
			    &am) < 0)
				return;
			/* "half a billion dollars", "a quarter of a
			 * billion dollars": a fraction of "a" (1). */
			for (j = 0; r->type == NS_ENT_MONEY && j < i; j++)
				if (tok_is(&sp, j, "half") ||
				    tok_is(&sp, j, "quarter") ||
				    tok_is(&sp, j, "quarters"))
					break;
			if (r->type == NS_ENT_MONEY && j < i &&
			    strcmp(am.mant, "1") == 0)
				strcpy(am.mant, tok_is(&sp, j, "half") ? "0.5" :
				    j > 0 && tok_is(&sp, j - 1, "three") ?
				    "0.75" : "0.25");
		}
		/* "-0.1%", "−0.1%", "minus 0.1%", "minus 150C": the sign is
		 * part of the match. */
		if ((r->type == NS_ENT_PERCENT || (r->type == NS_ENT_QUANTITY &&
		    tok_is(&sp, 0, "minus"))) && sp.nt > 0 &&
		    ((sp.t[0].kind == T_SIGN && (sp.s[sp.t[0].a] == '-' ||
		    (sp.t[0].b - sp.t[0].a == 3 && memcmp(sp.s + sp.t[0].a,
		    "\xe2\x88\x92", 3) == 0))) || tok_is(&sp, 0, "minus")) &&
		    am.mant[0] != '-' &&
		    strlen(am.mant) + 2 < sizeof(am.mant)) {
			memmove(am.mant + 1, am.mant, strlen(am.mant) + 1);
			am.mant[0] = '-';
		}
		snprintf(ax->mant, sizeof(ax->mant), "%s", am.mant);
		ax->mval = strtod(am.mant, NULL);
		ax->sexp = am.sexp;
		ax->scaled = am.scaled;
		ax->has_num = 1;
		if (r->type == NS_ENT_PERCENT) {
			if (find_phrase(&sp, am.next, BIT(L_PCT), &en, &k) <
			    sp.nt)
				ax->uexp = -atoi(en->value);
			else if (am.next == 0)
				ax->uexp = -2;	/* a fraction of a point, no
						 * number: "a quarter point" */
		} else if (r->type == NS_ENT_QUANTITY) {
			if (find_phrase(&sp, am.next, BIT(L_UNIT) |
			    BIT(L_UNITATT) | BIT(L_UNITCTX), &en, &k) < sp.nt)
				snprintf(e->unit, sizeof(e->unit), "%.15s",
				    en->value);
		}
		if (r->kind == K_NUM && named(x, s, n, a)) {
			o->count--;
			return;
		}
		set_number(e, ax);
		return;
	case K_ORD:
		e = push(o, a, b, r->type, &ax);
		ax->kind = r->kind;
		if (sp.t[0].kind == T_NUM)
			snprintf(ax->mant, sizeof(ax->mant), "%ld",
			    tok_int(&sp, 0));
		else {
			long v = 0;

			for (i = 0; i < sp.nt; i++)
				if ((k = phrase_at(&sp, i, BIT(L_ORDWORD),
				    &en)) > 0 || (k = phrase_at(&sp, i,
				    BIT(L_NUMWORD), &en)) > 0) {
					v += atol(en->value);
					i += k - 1;
				}
			snprintf(ax->mant, sizeof(ax->mant), "%ld", v);
		}
		ax->has_num = 1;
		set_number(e, ax);
		return;
	default:
		break;
	}

	/* Dates and times. */
	e = push(o, a, b, r->type, &ax);
	ax->kind = r->kind;
	switch (r->kind) {
	case K_CAL:
		for (i = 0; i < sp.nt; i++) {
			if ((k = phrase_at(&sp, i, BIT(L_MONTH), &en)) > 0 &&
			    m == 0) {
				m = atol(en->value);
				i += k - 1;
			} else if ((k = phrase_at(&sp, i, BIT(L_WDAY), &en)) >
			    0) {
				wd = atol(en->value);
				i += k - 1;
			} else if (tok_plain(&sp, i) && tok_len(&sp, i) == 4)
				y = tok_int(&sp, i);
			else if (tok_plain(&sp, i) && tok_len(&sp, i) <= 2 &&
			    d == 0)
				d = tok_int(&sp, i);
		}
		if (m > 0 && d > 0) {
			if (!valid_date(y, m, d)) {
				o->count--;
				return;
			}
			fmt_year(ybuf, sizeof(ybuf), y);
			snprintf(buf, sizeof(buf), "%s-%02ld-%02ld", ybuf, m, d);
		} else if (m > 0) {
			fmt_year(ybuf, sizeof(ybuf), y);
			snprintf(buf, sizeof(buf), "%s-%02ld", ybuf, m);
		} else if (wd > 0)
			snprintf(buf, sizeof(buf), "XXXX-WXX-%ld", wd);
		else if (y > 0)
			snprintf(buf, sizeof(buf), "%04ld", y);
		else
			return;
		set_string(e, buf);
		return;
	case K_NUMERIC:
		ng = digit_groups(s, a, b, g, glen, 3);
		if (ng != 3) {
			o->count--;
			return;
		}
		if (glen[0] == 4) {
			y = g[0];
			m = g[1];
			d = g[2];
		} else {
			y = glen[2] == 2 ? (g[2] < 50 ? 2000 : 1900) + g[2] :
			    g[2];
			if (g[1] > 12) {
				m = g[0];
				d = g[1];
			} else {
				d = g[0];
				m = g[1];
			}
		}
		if (!valid_date(y, m, d)) {
			o->count--;
			return;
		}
		snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y, m, d);
		set_string(e, buf);
		return;
	case K_YEAR:
		if (named(x, s, n, a)) {
			o->count--;
			return;
		}
		ng = digit_groups(s, a, b, g, glen, 1);
		snprintf(buf, sizeof(buf), "%04ld", g[0]);
		set_string(e, buf);
		return;
	case K_QUARTER:
	case K_HALF:
	case K_HALFCTX:
	case K_FISCAL:
		for (i = 0; i < sp.nt; i++) {
			if (tok_is(&sp, i, "fy") || tok_is(&sp, i, "fiscal") ||
			    tok_is(&sp, i, "financial"))
				fy = 1;
			if (sp.t[i].kind == T_NUM && tok_plain(&sp, i)) {
				if (tok_len(&sp, i) == 4)
					y = tok_int(&sp, i);
				else if (tok_len(&sp, i) == 2 && i > 0 &&
				    !sp.t[i].gap && sp.t[i - 1].kind ==
				    T_WORD && (tok_is(&sp, i - 1, "fy") ||
				    tok_is(&sp, i - 1, "q")) && (q > 0 ||
				    tok_is(&sp, i - 1, "fy")))
					y = 2000 + tok_int(&sp, i);
				else if (tok_len(&sp, i) == 1 && i + 1 <
				    sp.nt && !sp.t[i + 1].gap &&
				    (tok_is(&sp, i + 1, "q") ||
				    tok_is(&sp, i + 1, "h") ||
				    tok_is(&sp, i + 1, "st") ||
				    tok_is(&sp, i + 1, "nd") ||
				    tok_is(&sp, i + 1, "rd") ||
				    tok_is(&sp, i + 1, "th")))
					q = tok_int(&sp, i);
				else if (tok_len(&sp, i) == 1 && i > 0 &&
				    !sp.t[i].gap && (tok_is(&sp, i - 1, "q") ||
				    tok_is(&sp, i - 1, "h")))
					q = tok_int(&sp, i);
			} else if (q == 0 && (k = phrase_at(&sp, i,
			    BIT(L_ORDWORD), &en)) > 0 && atol(en->value) <= 4)
				q = atol(en->value);
			else if (r->kind == K_QUARTER && (k = phrase_at(&sp, i,
			    BIT(L_MONTH), &en)) > 0) {
				/* "the October-December quarter", "the
				 * December quarter": the quarter that ends
				 * with the last month, three months long. */
				if (mq0 == 0)
					mq0 = atol(en->value);
				mq = atol(en->value);
				i += k - 1;
			}
		}
		if (q == 0 && mq > 0 && mq % 3 == 0 && (mq0 == mq ||
		    (mq0 + 2) % 12 == mq % 12))
			q = mq / 3;
		if (r->kind == K_FISCAL) {
			/* A fiscal year across two ("FY2024-25", "the
			 * 2024/25 fiscal year") is named by the year it ends
			 * in. */
			for (i = 0; i + 2 < sp.nt; i++) {
				if (!tok_plain(&sp, i) || tok_len(&sp, i) != 4 ||
				    tok_int(&sp, i) != y ||
				    sp.t[i + 1].kind != T_SIGN ||
				    sp.t[i + 1].gap || sp.t[i + 2].gap ||
				    !tok_plain(&sp, i + 2))
					continue;
				k = tok_len(&sp, i + 2) == 2 ? (size_t)(y / 100 *
				    100 + tok_int(&sp, i + 2)) : tok_len(&sp,
				    i + 2) == 4 ? (size_t)tok_int(&sp, i + 2) : 0;
				if (tok_len(&sp, i + 2) == 2 && k < (size_t)y)
					k += 100;	/* "FY1999-00" */
				if (k == (size_t)y + 1)
					y++;
				break;
			}
			if (y == 0)
				return;
			snprintf(buf, sizeof(buf), "FY%04ld", y);
		} else {
			int half = r->kind == K_HALF || r->kind == K_HALFCTX;

			if (q == 0 || q > (half ? 2 : 4))
				return;
			fmt_year(ybuf, sizeof(ybuf), y);
			snprintf(buf, sizeof(buf), "%s%s-%c%ld",
			    fy && y > 0 ? "FY" : "", ybuf, half ? 'H' : 'Q', q);
		}
		set_string(e, buf);
		return;
	case K_DECADE:
		for (i = 0; i < sp.nt; i++)
			if (tok_plain(&sp, i) && i + 1 < sp.nt &&
			    tok_is(&sp, i + 1, "s") && !sp.t[i + 1].gap)
				break;
		if (i == sp.nt)
			return;
		y = tok_int(&sp, i);
		if (tok_len(&sp, i) == 2)
			y += y <= 10 ? 2000 : 1900;
		if (y % 100 == 0 && y != 2000)
			snprintf(buf, sizeof(buf), "%02ldXX", y / 100);
		else
			snprintf(buf, sizeof(buf), "%03ldX", y / 10);
		set_string(e, buf);
		return;
	case K_CENTURY:
		for (i = 0; i < sp.nt; i++) {
			if (tok_plain(&sp, i)) {
				q = tok_int(&sp, i);
				break;
			}
			if ((k = phrase_at(&sp, i, BIT(L_ORDWORD), &en)) >
			    0) {
				q = atol(en->value);
				break;
			}
		}
		if (q < 1 || q > 21)
			return;
		snprintf(buf, sizeof(buf), "%02ldXX", q - 1);
		set_string(e, buf);
		return;
	case K_SEASON:
		i = find_phrase(&sp, 0, BIT(L_SEASON), &en, &k);
		for (j = 0; j < sp.nt; j++)
			if (tok_plain(&sp, j) && tok_len(&sp, j) == 4)
				y = tok_int(&sp, j);
		if (i == sp.nt)
			return;
		if (y == 0)	/* "in spring" */
			snprintf(buf, sizeof(buf), "XXXX-%s", en->value);
		else
			snprintf(buf, sizeof(buf), "%04ld-%s", y, en->value);
		set_string(e, buf);
		return;
	case K_HOLIDAY:
		i = find_phrase(&sp, 0, BIT(L_HOLIDAY), &en, &k);
		for (j = 0; j < sp.nt; j++)
			if (tok_plain(&sp, j) && tok_len(&sp, j) == 4)
				y = tok_int(&sp, j);
		if (i == sp.nt || strcmp(en->value, "-") == 0)
			return;
		snprintf(buf, sizeof(buf), "%s", en->value);
		if (y > 0 && strncmp(buf, "XXXX", 4) == 0) {
			snprintf(ybuf, sizeof(ybuf), "%04ld", y);
			memcpy(buf, ybuf, 4);
		}
		set_string(e, buf);
		return;
	case K_DUR:
		/* Count and unit: "five years", "the past 18 months". */
		k = 0;
		if (r->type == NS_ENT_TIME)
			j = find_phrase(&sp, 0, BIT(L_TUNIT), &en, &k);
		else
			j = find_phrase(&sp, 0, BIT(L_DUNIT), &en, &k);
		if (j == sp.nt)
			return;
		{
			double mult = 1;
			const char *u = en->value;
			char cbuf[32];

			if (is_digit((unsigned char)u[0]))
				mult = strtod(u, (char **)&u);
			i = 0;
			/* An age: "42-year-old". */
			if (dur_count(&sp, &i, cbuf, sizeof(cbuf), mult) < 0)
				return;
			if (i > j)
				return;
			snprintf(buf, sizeof(buf), "P%s%s%s",
			    r->type == NS_ENT_TIME ? "T" : "", cbuf, u);
		}
		set_string(e, buf);
		return;
	case K_CLOCK:
		ng = digit_groups(s, a, b, g, glen, 3);
		if (ng == 0)
			return;
		m = ng > 1 ? g[1] : 0;
		/* "0930 GMT": hours and minutes in four digits */
		if (ng == 1 && glen[0] == 4) {
			m = g[0] % 100;
			g[0] /= 100;
		}
		if (find_phrase(&sp, 0, BIT(L_AMPM), &en, &k) < sp.nt) {
			if (g[0] < 1 || g[0] > 12)
				return;
			g[0] = g[0] % 12 + (en->value[0] == 'p' ? 12 : 0);
		}
		if (g[0] > 24 || m > 59 || (g[0] == 24 && m > 0))
			return;
		if (ng > 2)
			snprintf(buf, sizeof(buf), "T%02ld:%02ld:%02ld", g[0],
			    m, g[2]);
		else
			snprintf(buf, sizeof(buf), "T%02ld:%02ld", g[0], m);
		set_string(e, buf);
		return;
	case K_NOON:
		set_string(e, sp.nt > 0 && tok_is(&sp, sp.nt - 1,
		    "midnight") ? "T00:00" : "T12:00");
		return;
	default:
		return;		/* relative: no value */
	}
}

/* ---- ranges: "40 to 60%", "between 3 and 5 per cent", "$5-6" ---- */

static int
connector(const char *s, size_t a, size_t b, size_t left_start)
{
	size_t n = b - a;
	const char *p = s + a;

	if ((n == 1 && *p == '-') || (n == 3 && memcmp(p, " - ", 3) == 0) ||
	    (n == 3 && memcmp(p, "\xe2\x80\x93", 3) == 0) ||
	    (n == 5 && memcmp(p, " \xe2\x80\x93 ", 5) == 0) ||
	    (n == 4 && memcmp(p, " to ", 4) == 0))
		return 1;
	if (n == 5 && memcmp(p, " and ", 5) == 0 && left_start >= 8) {
		const char *q = s + left_start - 8;

		return (q[0] == 'b' || q[0] == 'B') &&
		    memcmp(q + 1, "etween ", 7) == 0;
	}
	return 0;
}

static void
merge_ranges(struct ns_numex *x, const char *s, struct ns_entity *v,
    size_t count)
{
	size_t i;

	for (i = 0; i + 1 < count; i++) {
		struct ns_entity *l = &v[i], *r = &v[i + 1];
		struct aux *la = &x->aux[i], *ra = &x->aux[i + 1];

		if (!la->has_num || !ra->has_num ||
		    !connector(s, l->end, r->start, l->start))
			continue;
		if (l->type == NS_ENT_CARDINAL && la->kind != K_PLURAL &&
		    (r->type == NS_ENT_MONEY || r->type == NS_ENT_PERCENT ||
		    r->type == NS_ENT_QUANTITY)) {
			l->type = r->type;
			memcpy(l->unit, r->unit, sizeof(l->unit));
			la->uexp = ra->uexp;
			if (!la->scaled && ra->scaled && la->mval <= ra->mval) {
				la->sexp = ra->sexp;
				la->scaled = 1;
			}
			set_number(l, la);
		} else if (l->type == NS_ENT_MONEY &&
		    (r->type == NS_ENT_CARDINAL || (r->type == NS_ENT_MONEY &&
		    strcmp(l->unit, r->unit) == 0)) && ra->kind != K_PLURAL) {
			if (r->type == NS_ENT_CARDINAL) {
				r->type = NS_ENT_MONEY;
				memcpy(r->unit, l->unit, sizeof(r->unit));
				ra->uexp = la->uexp;
				set_number(r, ra);
			}
			if (!la->scaled && ra->scaled && la->mval <= ra->mval) {
				la->sexp = ra->sexp;
				la->scaled = 1;
				set_number(l, la);
			}
		}
	}
}

/* Days of one month: "Dec. 9-10" and "9-10 December" are two dates, the
 * bare day taking the other's month and year. */
static void
day_ranges(struct ns_numex *x, const char *s, struct ns_entity *v,
    size_t count)
{
	size_t i, gap;
	struct ns_entity *l, *r, *date, *day;
	struct aux *dayx;
	long y, m, d;
	char buf[32];

	for (i = 0; i + 1 < count; i++) {
		l = &v[i];
		r = &v[i + 1];
		gap = r->start - l->end;
		if (r->start < l->end || !((gap == 1 && s[l->end] == '-') ||
		    (gap == 3 && memcmp(s + l->end, "\xe2\x80\x93", 3) == 0)))
			continue;
		if (l->type == NS_ENT_DATE && x->aux[i].kind == K_CAL &&
		    r->type == NS_ENT_CARDINAL && x->aux[i + 1].kind == K_NUM) {
			date = l;
			day = r;
			dayx = &x->aux[i + 1];
		} else if (r->type == NS_ENT_DATE && x->aux[i + 1].kind ==
		    K_CAL && l->type == NS_ENT_CARDINAL && x->aux[i].kind ==
		    K_NUM) {
			date = r;
			day = l;
			dayx = &x->aux[i];
		} else
			continue;
		if (date->vkind != NS_VAL_STRING || strlen(date->sval) != 10 ||
		    date->sval[4] != '-' || date->sval[7] != '-' ||
		    day->vkind != NS_VAL_NUMBER || day->end - day->start > 2 ||
		    !is_digit((unsigned char)s[day->start]) ||
		    !is_digit((unsigned char)s[day->end - 1]))
			continue;
		y = date->sval[0] == 'X' ? 0 : atol(date->sval);
		m = atol(date->sval + 5);
		d = (long)day->number;
		if (!(day == r ? d > atol(date->sval + 8) :
		    d < atol(date->sval + 8)) || !valid_date(y, m, d))
			continue;
		snprintf(buf, sizeof(buf), "%.8s%02ld", date->sval, d);
		day->type = NS_ENT_DATE;
		set_string(day, buf);
		dayx->kind = K_CAL;
		dayx->has_num = 0;
	}
}

/* A bare half ("the first half", "H2") is a date only in a story of
 * results or of the economy: with money or a percentage and a quarter, a
 * half or a fiscal year named in full, or with two percentages or more;
 * elsewhere it is a game's ("early in the second half"): "first" and
 * "second" are then ordinals, "H1" nothing. The count left. */
static size_t
half_context(struct ns_numex *x, const char *s, struct ns_entity *v,
    size_t count)
{
	size_t i, k;
	int money = 0, pct = 0, period = 0, bare = 0;

	for (i = 0; i < count; i++) {
		if (v[i].type == NS_ENT_MONEY || v[i].type == NS_ENT_PERCENT)
			money = 1;
		if (v[i].type == NS_ENT_PERCENT)
			pct++;
		else if (v[i].type == NS_ENT_DATE && v[i].vkind ==
		    NS_VAL_STRING && (x->aux[i].kind == K_QUARTER ||
		    x->aux[i].kind == K_HALF || x->aux[i].kind == K_FISCAL))
			period = 1;
		else if (x->aux[i].kind == K_HALFCTX)
			bare = 1;
	}
	if (!bare || (money && period) || pct >= 2)
		return count;
	for (i = k = 0; i < count; i++) {
		if (x->aux[i].kind == K_HALFCTX && v[i].type == NS_ENT_DATE) {
			const char *w = s + v[i].start;
			size_t n = v[i].end - v[i].start;

			if (n < 6 || (lower((unsigned char)w[0]) != 'f' &&
			    lower((unsigned char)w[0]) != 's'))
				continue;
			v[i].type = NS_ENT_ORDINAL;
			v[i].vkind = NS_VAL_NUMBER;
			v[i].number = lower((unsigned char)w[0]) == 'f' ? 1 : 2;
			v[i].end = v[i].start + (v[i].number == 1 ? 5 : 6);
			x->aux[i].kind = K_ORD;
		}
		if (k != i) {
			v[k] = v[i];
			x->aux[k] = x->aux[i];
		}
		k++;
	}
	return k;
}

/* The rank of unit letter u among those of a date's (Y, M, W, D) or a
 * time's (H, M, S) duration, or -1. */
static int
dur_rank(int u, int time)
{
	const char *o = time ? "HMS" : "YMWD", *p = strchr(o, u);

	return u != '\0' && p != NULL ? (int)(p - o) : -1;
}

/* The parts of one duration, each in a smaller unit than the one before:
 * "seven years and six months" (P7Y6M), "four hours and 12 minutes"
 * (PT4H12M), a race time "3 minutes 48.21 seconds" (PT3M48.21S); not
 * weeks, which ISO 8601 writes alone, nor a range ("between two years and
 * six months"). The count left. */
static size_t
join_durations(struct ns_numex *x, const char *s, struct ns_entity *v,
    size_t count)
{
	size_t i, k, gap, ln, rn;
	struct ns_entity *l, *r;
	char buf[sizeof(v->sval)];
	int time;

	for (i = k = 0; i < count; i++) {
		if (k > 0) {
			l = &v[k - 1];
			r = &v[i];
			gap = r->start - l->end;
			time = l->type == NS_ENT_TIME;
			ln = strlen(l->sval);
			rn = strlen(r->sval);
			if (r->start >= l->end && l->type == r->type &&
			    (time || l->type == NS_ENT_DATE) &&
			    l->vkind == NS_VAL_STRING &&
			    r->vkind == NS_VAL_STRING &&
			    ((gap == 1 && s[l->end] == ' ') || (gap == 5 &&
			    memcmp(s + l->end, " and ", 5) == 0)) &&
			    l->sval[0] == 'P' && r->sval[0] == 'P' &&
			    (l->sval[1] == 'T') == time &&
			    (r->sval[1] == 'T') == time && ln > 2 &&
			    rn > 2 + (size_t)time &&
			    strcspn(r->sval + 1 + time, "YMWDHS") == rn - 2 -
			    (size_t)time &&
			    l->sval[ln - 1] != 'W' && r->sval[rn - 1] != 'W' &&
			    !(l->start >= 8 && memcmp(s + l->start - 8,
			    "between ", 8) == 0) &&
			    dur_rank(l->sval[ln - 1], time) >= 0 &&
			    dur_rank(r->sval[rn - 1], time) >
			    dur_rank(l->sval[ln - 1], time) &&
			    ln + rn - 1 - (size_t)time < sizeof(buf)) {
				snprintf(buf, sizeof(buf), "%s%s", l->sval,
				    r->sval + 1 + time);
				set_string(l, buf);
				l->end = r->end;
				continue;
			}
		}
		if (k != i) {
			v[k] = v[i];
			x->aux[k] = x->aux[i];
		}
		k++;
	}
	return k;
}

/* ---- finding where entities may begin ---- */

static int
email_char(int c)
{
	return is_alpha(c) || is_digit(c) || c == '.' || c == '_' ||
	    c == '%' || c == '+' || c == '-';
}

static int
usym(const struct ns_numex *x, utf8proc_int32_t cp)
{
	size_t i;

	for (i = 0; i < x->nusym; i++)
		if (x->usym[i] == (uint32_t)cp)
			return 1;
	return 0;
}

/* Try the rules at i: the end of what they took, or 0. */
static size_t
try_at(struct out *o, int set, const char *s, size_t n, size_t i)
{
	struct ns_numex *x = o->x;
	const pcre2_code *re;
	PCRE2_SIZE *ov;
	PCRE2_SPTR mark;
	int rc, r;

	if (set < 0)
		return 0;
	re = use_set(x, set);
	/* The text is valid UTF-8: the caller promises it (jansson checked
	 * it, or ns-split repaired it). */
	if (x->owned_jit[set])
		rc = pcre2_jit_match(re, (PCRE2_SPTR)s, n, i, 0, x->md,
		    x->mctx);
	else
		rc = pcre2_match(re, (PCRE2_SPTR)s, n, i, PCRE2_NO_UTF_CHECK,
		    x->md, x->mctx);
	if (rc < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(x->md);
	mark = pcre2_get_mark(x->md);
	if (ov[1] <= i || mark == NULL)
		return 0;
	r = atoi((const char *)mark);
	if (r < 0 || r >= x->nrules)
		return 0;
	read_match(o, &x->rules[r], s, n, i, ov[1]);
	return ov[1];
}

/* Does a number, or a word that may begin or go on with an entity,
 * follow a weak word that ends at j ("the 1990s", "this week")? 0 if
 * not, 1 for a number, else where the word ends. */
static size_t
follows(const struct ns_numex *x, const char *s, size_t n, size_t j)
{
	char word[WORDMAX + 1];
	size_t len = 0;

	if (j < n && (s[j] == ' ' || s[j] == '-'))
		j++;
	if (j < n && s[j] == '\'')
		j++;
	else if (j + 2 < n && memcmp(s + j, "\xe2\x80\x99", 3) == 0)
		j += 3;
	if (j >= n)
		return 0;
	if (is_digit((unsigned char)s[j]))
		return 1;
	for (; j < n && is_alpha((unsigned char)s[j]); j++) {
		if (len == WORDMAX)
			return 0;
		word[len++] = (char)lower((unsigned char)s[j]);
	}
	return len > 0 && (lex_get(&x->trig, word, len) != NULL ||
	    in_lists(x, word, len, BIT(L_DUNIT) | BIT(L_TUNIT) |
	    BIT(L_SEASON) | BIT(L_FOLLOW))) ? j : 0;
}

/* The set for a weak word at i and the word after it, s[i..k) (at most
 * KEYMAX bytes): those of the rules of set base that match there, or
 * could with more text (a partial match); remembered by the two words
 * as written. */
static int
weak_set(struct ns_numex *x, const char *s, size_t k, size_t i, int base)
{
	const struct entry *e;
	uint64_t set[2] = { 0, 0 };
	int r;
	char subj[KEYMAX + 1];

	if (k - i >= KEYMAX)
		return base;
	if ((e = lex_get(&x->wk, s + i, k - i)) != NULL)
		return e->set[0];
	/* The two words alone, and after the words that rules look behind
	 * for: the set is kept for every place they are written so, so it
	 * may not hang on what goes before them here ("in a week"). */
	memcpy(subj, s + i, k - i);
	subj[k - i] = '\0';
	probe_within(x, subj, x->owned_set[base], set);
	if ((r = set_pattern(x, set)) == -2)
		r = base;
	lex_add(&x->wk, "", s + i, k - i, "", 0);
	x->wk.v[x->wk.n - 1].set[0] = r;
	lex_insert(&x->wk);
	return r;
}

/* Does a digit follow the sign s[i..i+k), after at most one space? */
static int
digit_after(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == ' ')
		i++;
	return i < n && is_digit((unsigned char)s[i]);
}

/* Classes of ASCII bytes for the scanner. */
enum { C_ALPHA = 1, C_DIGIT = 2, C_EMAIL = 4, C_UPPER = 8 };

static const unsigned char *
ascii_classes(void)
{
	static unsigned char cls[256];
	static int ready;
	int c;

	if (ready)
		return cls;
	for (c = 0; c < 128; c++) {
		if (is_alpha(c))
			cls[c] |= C_ALPHA | C_EMAIL;
		if (c >= 'A' && c <= 'Z')
			cls[c] |= C_UPPER;
		if (is_digit(c))
			cls[c] |= C_DIGIT | C_EMAIL;
		if (email_char(c))
			cls[c] |= C_EMAIL;
	}
	ready = 1;
	return cls;
}

/* Is what follows a candidate token ending at j plain: punctuation, the
 * end, or one space and a word in no list? Then fewer rules may match. */
static int
plain_after_token(const struct ns_numex *x, const unsigned char *cls,
    const char *s, size_t n, size_t j)
{
	char word[WORDMAX];
	size_t k, len = 0;
	unsigned char c;

	if (j + 1 >= n)
		return 0;
	c = (unsigned char)s[j];
	if (c == ',' || c == '.')
		return s[j + 1] == ' ';
	if (c == ';' || c == ')')
		return 1;
	if (c != ' ')
		return 0;
	for (k = j + 1; k < n && (cls[(unsigned char)s[k]] & C_ALPHA); k++) {
		if (len == WORDMAX)
			return 0;
		word[len++] = (char)lower((unsigned char)s[k]);
	}
	if (len == 0 || (k < n && (cls[(unsigned char)s[k]] & (C_ALPHA |
	    C_DIGIT) || (unsigned char)s[k] >= 0x80)))
		return 0;
	return lex_get(&x->firsts, word, len) == NULL &&
	    lex_get(&x->trig, word, len) == NULL;
}

/* Does s[0..a-1] end in one of the words w (each with its space)? */
static int
ends_in(const char *s, size_t a, const char *const *w)
{
	size_t k, m;

	for (k = 0; w[k] != NULL; k++) {
		m = strlen(w[k]);
		if (a >= m && memcmp(s + a - m, w[k], m) == 0 &&
		    (a == m || !is_alpha((unsigned char)s[a - m - 1])))
			return 1;
	}
	return 0;
}

/* Numbers the patterns read as counts that are ages (DATE, no value) or
 * heights, by the words before them: "He was 84.", "dies at 84", "who
 * turned 80 in April", "people
 * over 65", "began playing at 15", each of "aged 40 to 79" and "aged 22,
 * 24 and 31" after the first; "stands 2.04m" (2.04 m, no millions).
 * Looked at here, for the counts alone, rather than by patterns that
 * every number would try. */
static void
ages_heights(const char *s, size_t n, struct ns_entity *v, size_t nv)
{
	static const char *const was[] = { "He was ", "he was ", "She was ",
	    "she was ", "died at ", "dies at ", "dead at ", "Dies At ",
	    "Died At ", "Dead At ", NULL };
	static const char *const turned[] = { "turned ", "turns ",
	    "turning ", NULL };
	static const char *const when[] = { " in ", " on ", " last ",
	    " this ", " earlier", " before ", " after ", NULL };
	static const char *const young[] = { "playing at ", "started at ",
	    "began at ", "school at ", "home at ", "career at ", NULL };
	static const char *const over[] = { "people over ", "people under ",
	    "People over ", "People under ",
	    "adults over ", "those over ", "those under ", "women over ",
	    "men over ", "people aged over ", NULL };
	static const char *const stands[] = { "stands ", "stood ",
	    "measures ", "measuring ", "standing ", NULL };
	static const char *const link[] = { " to ", " and ", " or ", ", ",
	    NULL };
	struct ns_entity *e;
	size_t i, a, b, k;
	int age;
	char c;

	for (i = 0; i < nv; i++) {
		e = &v[i];
		if (e->type != NS_ENT_CARDINAL || e->vkind != NS_VAL_NUMBER)
			continue;
		a = e->start;
		b = e->end;
		if (b - a >= 3 && s[b - 1] == 'm' && is_digit((unsigned char)
		    s[a]) && ends_in(s, a, stands) && e->number < 3e6) {
			e->type = NS_ENT_QUANTITY;
			e->number /= 1e6;
			snprintf(e->unit, sizeof(e->unit), "m");
			continue;
		}
		if (b - a > 3 || e->number < 1 || e->number > 109 ||
		    e->number != (double)(int)e->number)
			continue;
		for (k = a; k < b && is_digit((unsigned char)s[k]); k++)
			;
		if (k < b)
			continue;
		age = 0;
		c = b < n ? s[b] : '\0';
		if (ends_in(s, a, was))
			age = c == '.' || c == ';' || c == '\0' ||
			    (c == ',' && b + 2 < n && s[b + 1] == ' ' &&
			    s[b + 2] >= 'a' && s[b + 2] <= 'z');
		else if (ends_in(s, a, turned)) {
			/* "who turned 80 in April", "turns 50." */
			age = c == '.' || c == ';' || c == ',' || c == '\0';
			for (k = 0; !age && c == ' ' && when[k] != NULL; k++)
				age = b + strlen(when[k]) <= n && memcmp(s + b,
				    when[k], strlen(when[k])) == 0;
		} else if (ends_in(s, a, young))
			age = e->number < 20 && (c == '.' || c == ',' ||
			    c == ';' || c == ' ');
		else if (ends_in(s, a, over))
			age = c != '%' && !(c == ' ' && ((b + 4 <= n &&
			    memcmp(s + b, " per", 4) == 0) || (b + 8 <= n &&
			    memcmp(s + b, " million", 8) == 0) || (b + 5 <= n &&
			    memcmp(s + b, " year", 5) == 0)));
		else if (i > 0 && v[i - 1].type == NS_ENT_DATE &&
		    v[i - 1].vkind == NS_VAL_NONE && v[i - 1].end < a &&
		    a - v[i - 1].end <= 5) {
			/* after an age: "aged 40 to 79", "22, 24 and 31" */
			for (k = 0; link[k] != NULL; k++)
				if (a - v[i - 1].end == strlen(link[k]) &&
				    memcmp(s + v[i - 1].end, link[k],
				    a - v[i - 1].end) == 0)
					break;
			age = link[k] != NULL && v[i - 1].end - v[i - 1].start
			    <= 3 && v[i - 1].start >= 5 && (memcmp(s +
			    v[i - 1].start - 5, "aged ", 5) == 0 || (i > 1 &&
			    v[i - 2].type == NS_ENT_DATE && v[i - 2].vkind ==
			    NS_VAL_NONE && v[i - 2].end + 2 == v[i - 1].start &&
			    v[i - 2].start >= 5 && memcmp(s + v[i - 2].start -
			    5, "aged ", 5) == 0));
		}
		if (age) {
			e->type = NS_ENT_DATE;
			e->vkind = NS_VAL_NONE;
			e->number = 0;
		}
	}
}

size_t
ns_numex_find(struct ns_numex *x, const char *s, size_t n,
    struct ns_entity **v, size_t *cap)
{
	const unsigned char *cls = ascii_classes();
	struct out o;
	size_t i = 0, j, k, end, len, run_end = 0, alpha_end;
	utf8proc_int32_t cp, prev;
	struct entry *e;
	int re, email, trig, upper, lowr, vr;
	char word[WORDMAX + 2];

	o.x = x;
	o.v = v;
	o.cap = cap;
	o.count = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80) {
			cp = decode(s, n, i, &k);
			if (c < 0xc0 || cp < 0) {
				i++;
				continue;
			}
			if (x->usym_lead[c] && usym(x, cp) &&
			    (cp == 0x2019 ? i + k < n &&
			    is_digit((unsigned char)s[i + k]) :
			    digit_after(s, n, i + k)) &&
			    (end = try_at(&o, x->bucket_re[c], s, n, i)) > i) {
				i = end;
				continue;
			}
			i += k;
			/* The rest of a word of other letters. */
			if (cp_letter(cp))
				while (i < n && ((cls[(unsigned char)s[i]] &
				    (C_ALPHA | C_DIGIT)) ||
				    ((unsigned char)s[i] >= 0x80 &&
				    cp_alnum(decode(s, n, i, &k)))))
					i += (unsigned char)s[i] >= 0x80 ? k : 1;
			continue;
		}
		if (!(cls[c] & (C_ALPHA | C_DIGIT))) {
			if (x->sym[c] && (c == '\'' ? i + 1 < n &&
			    is_digit((unsigned char)s[i + 1]) :
			    digit_after(s, n, i + 1)) &&
			    (end = try_at(&o, x->bucket_re[c], s, n, i)) > i) {
				i = end;
				continue;
			}
			i++;
			continue;
		}
		/* A word or number starts here unless a letter or digit goes
		 * before it, or an apostrophe after a letter ("it's"). */
		if (i > 0) {
			unsigned char p = (unsigned char)s[i - 1];

			if (p < 0x80)
				prev = p;
			else
				prev = decode_before(s, n, i);
			if ((p < 0x80 ? (cls[p] & (C_ALPHA | C_DIGIT)) ||
			    p == '_' : cp_alnum(prev)) || ((prev == '\'' ||
			    prev == 0x2019) && i >= 2 && cp_letter(
			    decode_before(s, n, i - (prev == '\'' ? 1 : 3))))) {
				while (i < n && (cls[(unsigned char)s[i]] &
				    (C_ALPHA | C_DIGIT)))
					i++;
				continue;
			}
		}
		/* The token, where its letters end, and whether it starts
		 * an e-mail address. It is put in lower case only when it
		 * may begin an entity (few words do). */
		upper = lowr = 1;
		alpha_end = SIZE_MAX;
		for (j = i; j < n && (cls[(unsigned char)s[j]] &
		    (C_ALPHA | C_DIGIT)); j++) {
			if (!(cls[(unsigned char)s[j]] & C_ALPHA) &&
			    alpha_end == SIZE_MAX)
				alpha_end = j;
			if (!(cls[(unsigned char)s[j]] & C_UPPER))
				upper = 0;
			else if (j > i)
				lowr = 0;
		}
		if (alpha_end == SIZE_MAX)
			alpha_end = j;
		/* Each run of address characters is read once: a word inside
		 * one that began earlier starts no address. */
		email = 0;
		if (i >= run_end && j < n && (s[j] == '@' || (s[j] != '-' &&
		    (cls[(unsigned char)s[j]] & C_EMAIL)))) {
			for (k = j; k < n && (cls[(unsigned char)s[k]] &
			    C_EMAIL); k++)
				;
			run_end = k;
			email = k < n && s[k] == '@' && (i == 0 ||
			    !(cls[(unsigned char)s[i - 1]] & C_EMAIL));
		}
		if (cls[c] & C_DIGIT) {
			trig = 1;
			if (i >= 2 && !email) {
				unsigned char p = (unsigned char)s[i - 1];
				utf8proc_int32_t pp = decode_before(s, n, i - 1);

				/* "COVID-19", "1.2.3", "10,5", "3:30" seen
				 * from inside. */
				if ((p == '-' && cp_letter(pp)) ||
				    ((p == '.' || p == ',' || p == ':' ||
				    p == '/') && is_digit(pp)))
					trig = 0;
			}
			if (trig && !email) {
				/* The number, as far as the patterns read
				 * one (no more than 40 bytes). */
				for (j = i; j < n && j - i < 40 &&
				    (is_digit((unsigned char)s[j]) ||
				    ((s[j] == '.' || s[j] == ',') && j + 1 < n &&
				    is_digit((unsigned char)s[j + 1]))); j++)
					;
				re = plain_after_token(x, cls, s, n, j) ?
				    plain_digit_set(x, c) : x->bucket_re[c];
			} else
				re = x->bucket_re[c];
			if (trig && (end = try_at(&o, re, s, n, i)) > i) {
				i = end;
				continue;
			}
			while (i < n && is_digit((unsigned char)s[i]))
				i++;
			continue;
		}
		/* A word: may it begin an entity here? Letters only. */
		j = alpha_end;
		len = j - i;
		re = -1;
		if (email)
			re = x->bucket_re[c];
		else if (len <= WORDMAX && (x->pre2[lower(c) - 'a'] &
		    (len == 1 ? 1u << 26 :
		    1u << (lower((unsigned char)s[i + 1]) - 'a')))) {
			for (k = 0; k < len; k++)
				word[k] = (char)lower((unsigned char)s[i + k]);
			e = NULL;
			k = 0;
			/* "US$5", "Rs.500" */
			if (j < n && !(cls[(unsigned char)s[j]] & (C_ALPHA |
			    C_DIGIT)) && (unsigned char)s[j] < 0x80 &&
			    s[j] != ' ' && digit_after(s, n, j + 1)) {
				word[len] = s[j];
				e = (struct entry *)lex_get(&x->trig, word,
				    len + 1);
			}
			if (e == NULL && (e = (struct entry *)lex_get(&x->trig,
			    word, len)) != NULL && e->weak &&
			    (k = follows(x, s, n, j)) == 0)
				e = NULL;
			if (e != NULL) {
				/* How the word is written: its variant. */
				vr = upper && (len > 1 || (cls[c] & C_UPPER)) ?
				    (len == 1 ? 1 : 2) : lowr ? ((cls[c] &
				    C_UPPER) ? 1 : 0) : 3;
				re = trig_set(x, e, vr,
				    plain_after_token(x, cls, s, n, j));
				/* A weak word before another: the rules that
				 * may match the two. */
				if (e->weak && k > 1 && re >= 0)
					re = weak_set(x, s, k, i, re);
			}
		}
		/* ISO 4217 codes before a number: "USD 5m", "VND3.2
		 * trillion" (the digits are no capitals). */
		if (re < 0 && len == 3 && (cls[c] & C_UPPER) &&
		    (cls[(unsigned char)s[i + 1]] & C_UPPER) &&
		    (cls[(unsigned char)s[i + 2]] & C_UPPER) &&
		    digit_after(s, n, j))
			re = x->bucket_re[c];
		if (re >= 0 && (end = try_at(&o, re, s, n, i)) > i) {
			i = end;
			continue;
		}
		i = j;
	}
	merge_ranges(x, s, *v, o.count);
	day_ranges(x, s, *v, o.count);
	o.count = half_context(x, s, *v, o.count);
	o.count = join_durations(x, s, *v, o.count);
	ages_heights(s, n, *v, o.count);
	return o.count;
}
