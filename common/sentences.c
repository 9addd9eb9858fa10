/* sentences.c: a rule-based English sentence segmenter for news text.
 *
 * One pass over the text decides at each terminator (. ! ? … and runs of
 * them), line break, bullet and list marker whether a sentence ends there,
 * looking at a bounded window around it: the word before (abbreviation,
 * initial, number), the closing quotes and brackets after, and the word
 * after (its case, whether it usually starts a sentence, and whether news
 * text writes it in lower case: a common word, "Officials", opens a
 * sentence after "U.S." where a word of a name, "Government", does not).
 * Spans of e-mail addresses, URLs and "[...]" are never cut. Every step
 * looks at a bounded number of bytes, so the time is linear in the text.
 * The word lists are data (common/data/sentences.txt, and the counts of
 * common/data/wordcase.txt made by scripts/gen-wordcase.sh), compiled in. */
#include <pthread.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include <utf8proc.h>

#include "ns.h"

extern const char *const ns_sentences_data;
extern const size_t ns_sentences_data_len;
extern const char *const ns_wordcase_data;
extern const size_t ns_wordcase_data_len;

enum {
	W_PRE = 1,		/* Mr., Dr., Mt.: before a name */
	W_NUM = 2,		/* No., p.: before a number */
	W_POST = 4,		/* Inc., Jr.: after a name */
	W_ABBR = 8,		/* etc., Jan.: anything else */
	W_STARTER = 16,		/* The, He, But: starts sentences */
	W_INNAME = 32,		/* Bros.: inside a name or at its end */
	W_SPEECH = 64,		/* said, asked: a quotation's attribution */
	W_BANG = 128		/* Yahoo!: a name that ends in "!" */
};

#define LOOK 64			/* bytes looked at around a terminator */

struct entry {
	char	 word[24];
	unsigned classes;
};

/* An index of the words of a table, each a NUL-terminated char array at
 * the start of its entry: words are looked up for every full stop, a
 * hash rather than a search. */
struct wordix {
	uint32_t *slots;	/* open addressing: entry + 1, or 0 */
	size_t	 mask;		/* slots, a power of 2 over twice the entries,
				 * less one */
};

static void
ix_build(struct wordix *ix, const void *base, size_t n, size_t stride)
{
	const char *w;
	size_t i, k, cap;

	for (cap = 16; cap < 2 * n + 1; cap *= 2)
		;
	ix->mask = cap - 1;
	ix->slots = ns_xcalloc(cap, sizeof(*ix->slots));
	for (i = 0; i < n; i++) {
		w = (const char *)base + i * stride;
		for (k = ns_hash32(w, strlen(w)) & ix->mask; ix->slots[k] != 0;
		    k = (k + 1) & ix->mask)
			;
		ix->slots[k] = (uint32_t)i + 1;
	}
}

/* The entry of key[0..k-1] (NUL-terminated), or NULL. */
static const void *
ix_find(const struct wordix *ix, const void *base, size_t stride,
    const char *key, size_t k)
{
	const char *w;
	size_t h;

	for (h = ns_hash32(key, k) & ix->mask; ix->slots[h] != 0;
	    h = (h + 1) & ix->mask) {
		w = (const char *)base + (ix->slots[h] - 1) * stride;
		if (memcmp(w, key, k + 1) == 0)
			return w;
	}
	return NULL;
}

static struct entry *table;
static size_t ntable;
static struct wordix tix;
_Static_assert(offsetof(struct entry, word) == 0, "ix_build() reads it");
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->word,
	    ((const struct entry *)b)->word);
}

static void
load_table(void)
{
	static const char *const names[] = { "pre", "num", "post", "abbr",
	    "starter", "inname", "speech", "bang" };
	const size_t nnames = sizeof(names) / sizeof(names[0]);
	const char *p = ns_sentences_data, *end = p + ns_sentences_data_len;
	const char *nl, *sp;
	size_t cap = 0, i, k, w, j;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			nl = end;
		if (p == nl || *p == '#' || (sp = memchr(p, ' ', nl - p)) == NULL)
			continue;
		for (k = 0; k < nnames; k++)
			if (strlen(names[k]) == (size_t)(sp - p) &&
			    memcmp(names[k], p, sp - p) == 0)
				break;
		w = nl - sp - 1;
		if (k == nnames || w == 0 || w >= sizeof(table->word))
			continue;
		if (ntable == cap) {
			cap = cap ? cap * 2 : 256;
			table = ns_xreallocarray(table, cap, sizeof(*table));
		}
		memset(table[ntable].word, 0, sizeof(table->word));
		for (j = 0; j < w; j++) {
			unsigned char c = sp[1 + j];

			table[ntable].word[j] = c >= 'A' && c <= 'Z' ?
			    c + 32 : c;
		}
		table[ntable].word[w] = '\0';
		table[ntable].classes = 1u << k;
		ntable++;
	}
	qsort(table, ntable, sizeof(*table), cmp_entry);
	/* Merge the classes of a word listed more than once. */
	for (i = 0, j = 0; i < ntable; i++) {
		if (j > 0 && strcmp(table[j - 1].word, table[i].word) == 0)
			table[j - 1].classes |= table[i].classes;
		else
			table[j++] = table[i];
	}
	ntable = j;
	ix_build(&tix, table, ntable, sizeof(*table));
}

/* Classes of the word s[0..n-1] (ASCII case ignored, periods inside
 * dropped: "e.g" is "eg"), 0 if unlisted. */
static unsigned
classes(const char *s, size_t n)
{
	char key[sizeof(table->word)];
	const struct entry *e;
	size_t i, k = 0;

	pthread_once(&table_once, load_table);
	for (i = 0; i < n && k < sizeof(key) - 1; i++) {
		unsigned char c = s[i];

		if (c == '.')
			continue;
		key[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (i < n || k == 0)
		return 0;
	key[k] = '\0';
	e = ix_find(&tix, table, sizeof(*table), key, k);
	return e != NULL ? e->classes : 0;
}

/* ---- how news text writes a word (common/data/wordcase.txt) ---- */

struct wcase {
	char	 word[24];
	uint32_t low;		/* times written in lower case */
	uint32_t mid;		/* capitalised in the middle of a sentence */
	uint32_t start;		/* capitalised at the start of one */
};

static struct wcase *wtable;
static struct wordix wix;
_Static_assert(offsetof(struct wcase, word) == 0, "ix_build() reads it");
static pthread_once_t wtable_once = PTHREAD_ONCE_INIT;

static void
load_wordcase(void)
{
	const char *p = ns_wordcase_data, *end = p + ns_wordcase_data_len;
	const char *nl, *sp;
	size_t n = 0, cap = 0, k, w;
	char num[32];
	uint32_t v[3];

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			nl = end;
		if (p == nl || *p == '#' || (sp = memchr(p, ' ', nl - p)) == NULL)
			continue;
		w = sp - p;
		if (w >= sizeof(wtable->word))
			continue;
		for (k = 0; k < 3; k++) {
			const char *a = sp + 1, *b;

			b = memchr(a, ' ', nl - a);
			if (b == NULL)
				b = nl;
			if (a >= nl || (size_t)(b - a) >= sizeof(num))
				break;
			memcpy(num, a, b - a);
			num[b - a] = '\0';
			v[k] = (uint32_t)strtoul(num, NULL, 10);
			sp = b;
		}
		if (k < 3)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			wtable = ns_xreallocarray(wtable, cap, sizeof(*wtable));
		}
		memset(wtable[n].word, 0, sizeof(wtable->word));
		memcpy(wtable[n].word, p, w);
		wtable[n].low = v[0];
		wtable[n].mid = v[1];
		wtable[n].start = v[2];
		n++;
	}
	ix_build(&wix, wtable, n, sizeof(*wtable));
}

/* The counts of the word s[0..n-1] (ASCII case ignored, a final "'s"
 * dropped), or NULL when news text seldom writes it in lower case. */
static const struct wcase *
wordcase(const char *s, size_t n)
{
	char key[sizeof(wtable->word)];
	size_t i;

	pthread_once(&wtable_once, load_wordcase);
	if (n >= 2 && (s[n - 1] == 's' || s[n - 1] == 'S') && s[n - 2] == '\'')
		n -= 2;
	else if (n >= 4 && (s[n - 1] | 32) == 's' &&
	    memcmp(s + n - 4, "\xe2\x80\x99", 3) == 0)
		n -= 4;
	if (n == 0 || n >= sizeof(key))
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		key[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	key[n] = '\0';
	return ix_find(&wix, wtable, sizeof(*wtable), key, n);
}

/* Is s[0..n-1] a common word that news text writes in lower case, all
 * but seldom capitalised in the middle of a sentence ("participants",
 * "wildfire")? */
int
ns_word_common(const char *s, size_t n)
{
	const struct wcase *w = wordcase(s, n);

	return w != NULL && w->low >= 5 && (uint64_t)w->mid * 20 <= w->low;
}

/* Does news text write s[0..n-1] in lower case at all (3 times or more:
 * "commerce", not "souza")? */
int
ns_word_lower(const char *s, size_t n)
{
	const struct wcase *w = wordcase(s, n);

	return w != NULL && w->low >= 3;
}

/* Is s[0..n-1], capitalised, a common word rather than a word of a name?
 * It is if news text writes it in lower case (3 times or more), seldom
 * capitalises it in the middle of a sentence (at most a tenth as often),
 * and capitalises it at the start of a sentence at least twice as often as
 * in the middle: "Officials", "Critics", "Manufacturing", "Up"; not
 * "Government", "Embassy", "Army", "Open", "Steel". */
static int
common_word(const char *s, size_t n)
{
	const struct wcase *w = wordcase(s, n);

	return w != NULL && w->low >= 3 && (uint64_t)w->mid * 10 <= w->low &&
	    2 * (uint64_t)w->mid <= w->start;
}

/* Is s[0..n-1], capitalised, a word news text writes in lower case at
 * least twice as often as capitalised in the middle of a sentence? A
 * looser test than common_word(), for where a name is unlikely anyway:
 * "Officers" (33 lower, 5 capitalised), not "Mark" or "Cloud". */
static int
lower_word(const char *s, size_t n)
{
	const struct wcase *w = wordcase(s, n);

	return w != NULL && w->low >= 3 && 2 * (uint64_t)w->mid <= w->low;
}

/* ---- characters ---- */

static utf8proc_int32_t
cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (i >= n) {
		*len = 0;
		return -1;
	}
	if (!((unsigned char)s[i] & 0x80)) {
		*len = 1;
		return (unsigned char)s[i];
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i, &cp);
	if (k <= 0) {
		*len = 1;
		return -1;
	}
	*len = (size_t)k;
	return cp;
}

/* Start of the code point that ends before i. */
static size_t
cp_back(const char *s, size_t i)
{
	size_t k = 0;

	while (i > 0 && k < 4) {
		i--;
		k++;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			break;
	}
	return i;
}

static int
is_upper(utf8proc_int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	c = utf8proc_category(c);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int
is_lower(utf8proc_int32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int
is_digit(utf8proc_int32_t c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(utf8proc_int32_t c)
{
	int k;

	if (c < 0x80)
		return (c | 32) >= 'a' && (c | 32) <= 'z';
	k = utf8proc_category(c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static inline int
is_space(utf8proc_int32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* Closing quotes and brackets, also the CJK and full-width ones. */
static int
is_closer(utf8proc_int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201d ||
	    c == 0x2019 || c == 0xbb || c == 0x203a || c == '}' ||
	    c == 0x300d || c == 0x300f || c == 0xff09;
}

/* Opening quotes and brackets, and the Spanish inverted marks that open a
 * question or an exclamation ("¿Hasta cuándo?"). */
static int
is_opener(utf8proc_int32_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201c ||
	    c == 0x2018 || c == 0xab || c == 0x2039 || c == 0x201e || c == '{' ||
	    c == 0xbf || c == 0xa1 || c == 0x300c || c == 0x300e || c == 0xff08;
}

/* The full-width and ideographic terminators: ！ ？ 。 ｡ */
static int
is_cjk_stop(utf8proc_int32_t c)
{
	return c == 0xff01 || c == 0xff1f || c == 0x3002 || c == 0xff61;
}

static int
is_bullet(utf8proc_int32_t c)
{
	return c == 0x2022 || c == 0x2043 || c == 0x25e6 || c == 0x25aa ||
	    c == 0x2023 || c == 0x25cf;
}

/* ---- the segmenter ---- */

struct seg {
	const char *s;
	size_t	 n;
	unsigned flags;
	unsigned char *keep;	/* per byte: 1 = never cut here (URL, list marker) */
	unsigned char *mark;	/* per byte: 1 = a list item starts here */
	int	 marks;		/* is any byte of mark set? */
	struct ns_span **v;
	size_t	*cap;
	size_t	 count;
	size_t	 start;		/* where the sentence being read starts */
};

static void
emit(struct seg *g, size_t end)
{
	size_t a = g->start, b = end;

	a += ns_trim_left(g->s + a, b - a);
	b = a + ns_trim_right(g->s + a, b - a);
	if (b > a) {
		if (g->count == *g->cap) {
			*g->cap = *g->cap ? *g->cap * 2 : 32;
			*g->v = ns_xreallocarray(*g->v, *g->cap, sizeof(**g->v));
		}
		(*g->v)[g->count].start = a;
		(*g->v)[g->count].end = b;
		g->count++;
	}
	g->start = end;
}

/* Is there anything but white space between the sentence start and i? */
static int
in_sentence(const struct seg *g, size_t i)
{
	return !ns_is_blank(g->s + g->start, i - g->start);
}

/* The next c in s at or after i (or n), remembered in *at so that a text
 * with few such bytes is searched once, with memchr, not byte by byte. */
static size_t
next_byte(const char *s, size_t n, size_t i, int c, size_t *at)
{
	const char *p;

	if (*at != (size_t)-1 && *at >= i)
		return *at;
	p = i < n ? memchr(s + i, c, n - i) : NULL;
	*at = p ? (size_t)(p - s) : n;
	return *at;
}

/* Mark e-mail addresses, URLs and "[...]" as not to be cut. Each is found
 * from a fixed anchor ("@", "://", "www.", "[") and grown a bounded way,
 * so that no input makes this slow. */
static void
protect(struct seg *g)
{
	const char *s = g->s;
	size_t n = g->n, i, a, b, k, at[4] = { (size_t)-1, (size_t)-1,
	    (size_t)-1, (size_t)-1 };

	for (i = 0; i < n; i++) {
		a = i;
		i = next_byte(s, n, a, '@', &at[0]);
		if ((k = next_byte(s, n, a, ':', &at[1])) < i)
			i = k;
		if ((k = next_byte(s, n, a, '[', &at[2])) < i)
			i = k;
		if ((k = next_byte(s, n, a, 'w', &at[3])) < i)
			i = k;
		if (i >= n)
			break;
		if (s[i] == '@' && i > 0 && i + 1 < n) {
			for (a = i; a > 0 && i - a < LOOK &&
			    !is_space((unsigned char)s[a - 1]) && s[a - 1] != '<' &&
			    s[a - 1] != '(' && s[a - 1] != '"'; a--)
				;
			for (b = i + 1; b < n && b - i < LOOK &&
			    !is_space((unsigned char)s[b]) && s[b] != '>' &&
			    s[b] != ')' && s[b] != '"' && s[b] != ','; b++)
				;
		} else if ((s[i] == ':' && i + 2 < n && s[i + 1] == '/' &&
		    s[i + 2] == '/') || (s[i] == 'w' && i + 4 < n &&
		    memcmp(s + i, "www.", 4) == 0 && (i == 0 ||
		    is_space((unsigned char)s[i - 1])))) {
			for (a = i; a > 0 && i - a < 16 &&
			    is_alpha((unsigned char)s[a - 1]); a--)
				;
			for (b = i; b < n && !is_space((unsigned char)s[b]) &&
			    s[b] != '>' && s[b] != '"'; b++)
				;
		} else if (s[i] == '[' && i + 4 < n && (memcmp(s + i, "[...]", 5) == 0 ||
		    (i + 5 <= n && memcmp(s + i, "[\xe2\x80\xa6]", 5) == 0))) {
			a = i;
			b = i + 5;
		} else
			continue;
		/* A URL or address ends before its closing punctuation. */
		while (b > a && strchr(".,;:!?)'\"", s[b - 1]) != NULL &&
		    s[i] != '[')
			b--;
		memset(g->keep + a, 1, b - a);
		if (b > i)
			i = b - 1;
	}
}

/* Where the list item with its marker at i starts: at a bullet before the
 * marker ("• 9. ", "⁃10. "), if there is one. */
static size_t
item_start(const struct seg *g, size_t i)
{
	size_t a = i, len;

	if (a > 0 && g->s[a - 1] == ' ')
		a--;
	if (a > 0) {
		a = cp_back(g->s, a);
		if (is_bullet(cp_at(g->s, g->n, a, &len)))
			return a;
	}
	return i;
}

/* List items: "1.) ", "2) ", "3. ", "a. ", "b) " after white space or a
 * bullet, in a run of two or more with consecutive numbers or letters.
 * A marker ends in its first '.' or ')', and those are rare: each one
 * found with memchr() is looked back from for the one or two digits or
 * the letter before it, rather than every byte being looked at. */
static void
find_lists(struct seg *g)
{
	const char *s = g->s;
	size_t n = g->n, i, j, q, prev = 0, len, at[2] = { (size_t)-1,
	    (size_t)-1 };
	long v, pv = -10;
	int kind, pkind = -1;
	utf8proc_int32_t c;

	for (q = 0; q < n; q++) {
		i = q;
		q = next_byte(s, n, i, '.', &at[0]);
		if ((j = next_byte(s, n, i, ')', &at[1])) < q)
			q = j;
		if (q >= n)
			break;
		/* The marker s[i..q): a lower-case letter, or one or two
		 * digits (the first two of a longer number are none). */
		if (q == 0)
			continue;
		c = (unsigned char)s[q - 1];
		if (c >= 'a' && c <= 'z') {
			i = q - 1;
			v = c - 'a' + 1;
			kind = 1;
		} else if (is_digit(c)) {
			if (q >= 2 && is_digit((unsigned char)s[q - 2])) {
				i = q - 2;
				v = (s[q - 2] - '0') * 10 + (c - '0');
			} else {
				i = q - 1;
				v = c - '0';
			}
			kind = 0;
		} else
			continue;
		if (i > 0) {
			utf8proc_int32_t pc = (unsigned char)s[i - 1];

			if (pc >= 0x80)
				pc = cp_at(s, n, cp_back(s, i), &len);
			if (!is_space(pc) && !is_bullet(pc))
				continue;
		}
		j = q;
		if (s[j] == '.' && j + 1 < n && s[j + 1] == ')')
			j += 2;
		else
			j++;
		if (j >= n || !is_space((unsigned char)s[j]))
			continue;
		if (kind == pkind && v == pv + 1) {
			g->mark[item_start(g, prev)] = 1;
			g->mark[item_start(g, i)] = 1;
			g->marks = 1;
			/* The marker's period ends no sentence. */
			memset(g->keep + prev, 1, 3);
			memset(g->keep + i, 1, j - i);
		}
		pv = v;
		pkind = kind;
		prev = i;
	}
}

/* The token before byte i (a terminator): from the last white space,
 * bounded, without opening quotes. */
static void
token_before(const struct seg *g, size_t i, size_t *ts)
{
	size_t a = i, len;

	while (a > g->start && i - a < LOOK &&
	    !is_space((unsigned char)g->s[a - 1]))
		a--;
	while (a < i && is_opener(cp_at(g->s, g->n, a, &len)))
		a += len;
	*ts = a;
}

/* The word at j, after openers: its letters and apostrophes, bounded.
 * Returns its end (j itself when there is no word); *ws is its start. */
static size_t
word_at(const struct seg *g, size_t j, size_t *ws)
{
	size_t e, len;
	utf8proc_int32_t c;

	while (j < g->n && is_opener(cp_at(g->s, g->n, j, &len)))
		j += len;
	*ws = j;
	for (e = j; e < g->n && e - j < 24; e += len) {
		c = cp_at(g->s, g->n, e, &len);
		if (!is_alpha(c) && c != '\'' && c != 0x2019)
			break;
	}
	return e;
}

/* Does the word at j (after openers) usually start a sentence? */
static int
starter_at(const struct seg *g, size_t j)
{
	size_t ws, e = word_at(g, j, &ws);

	return e > ws && (classes(g->s + ws, e - ws) & W_STARTER);
}

/* Does the capitalised word at j (after openers) open a sentence after an
 * abbreviation that may end one? It does if it usually starts sentences
 * ("The", "He"), or if it is a common word (common_word(): "Officials",
 * "Critics"; with loose, lower_word(): "Officers") that no capitalised
 * word follows, as one would in a name ("U.S. Air Force"). */
static int
opens_at(const struct seg *g, size_t j, int loose)
{
	size_t ws, e = word_at(g, j, &ws), k, len;
	utf8proc_int32_t c;

	if (e == ws)
		return 0;
	if (classes(g->s + ws, e - ws) & W_STARTER)
		return 1;
	/* A word in capitals is an acronym ("p.m. ET"), not a common word. */
	for (k = ws + 1; k < e && !(g->s[k] >= 'a' && g->s[k] <= 'z'); k++)
		;
	if (k == e || !(loose ? lower_word(g->s + ws, e - ws) :
	    common_word(g->s + ws, e - ws)))
		return 0;
	for (k = e; k < g->n && k - e < LOOK &&
	    (g->s[k] == ' ' || g->s[k] == '\t'); k++)
		;
	c = cp_at(g->s, g->n, k, &len);
	return !(k > e && is_upper(c));
}

/* The first letter of the word before the token that starts at ts, or -1
 * when there is none in the sentence. */
static utf8proc_int32_t
word_before(const struct seg *g, size_t ts)
{
	size_t a = ts, len;

	while (a > g->start && ts - a < LOOK &&
	    is_space((unsigned char)g->s[a - 1]))
		a--;
	if (a == ts || a <= g->start || ts - a >= LOOK)
		return -1;
	a = cp_back(g->s, a);
	while (a > g->start && ts - a < 2 * LOOK &&
	    !is_space((unsigned char)g->s[a - 1]))
		a--;
	while (a < ts && is_opener(cp_at(g->s, g->n, a, &len)))
		a += len;
	return cp_at(g->s, g->n, a, &len);
}

/* Is the word at j (after openers) a title that comes before a name,
 * with its period ("Dr.", "Sen.", "Insp.")? */
static int
title_next(const struct seg *g, size_t j)
{
	size_t ws, e = word_at(g, j, &ws);

	return e > ws && e < g->n && g->s[e] == '.' &&
	    (classes(g->s + ws, e - ws) & W_PRE);
}

/* Is the word before the token at ts "the"? */
static int
the_before(const struct seg *g, size_t ts)
{
	size_t a = ts;

	while (a > g->start && a > 0 && g->s[a - 1] == ' ')
		a--;
	return a >= g->start + 3 && a < ts && memcmp(g->s + a - 3, "the", 3) ==
	    0 && (a - 3 == g->start || !is_alpha((unsigned char)g->s[a - 4]));
}

/* A single period at i, white space after it, then next (first letter of
 * the next word after openers) at j: does the sentence end? */
static int
period_ends(const struct seg *g, size_t i, size_t j, utf8proc_int32_t next)
{
	const char *s = g->s;
	size_t ts, len, k, letters = 0, dots = 0, uppers = 0, chars = 0;
	int other = 0, paren = s[j] == '(' || s[j] == '[';
	unsigned cl;
	utf8proc_int32_t c, first = -1, prev;

	token_before(g, i, &ts);
	if (ts == i)
		return 1;
	for (k = ts; k < i; k += len) {
		c = cp_at(s, g->n, k, &len);
		if (first < 0)
			first = c;
		if (is_alpha(c))
			letters++;
		if (is_upper(c))
			uppers++;
		if (c == '.')
			dots++;
		else if (!is_alpha(c))
			other = 1;
		chars++;
	}
	cl = classes(s + ts, i - ts);
	if (is_digit(next))
		/* "No. 3", "p. 55", "U.S. 30-year", "11 a.m. (0800 GMT)" */
		return !(cl & (W_NUM | W_PRE)) && !(letters == 1 &&
		    chars == 1) && !(dots > 0 && !other &&
		    is_alpha(first));
	if ((cl & W_PRE) && !(cl & W_STARTER))
		/* "St." is a saint before a name, a street at the end of a
		 * sentence ("on Market St. The race"). No saint is named
		 * with a word news text mostly writes in lower case
		 * ("Merchant St. Officers found"). */
		return (cl & W_ABBR) ? opens_at(g, j, 1) : 0;
	if (letters == 1 && chars == 1) {
		/* An initial ("E. Smith"), or "I" ending a sentence ("you
		 * and I. Did"): I after a lower-case word. */
		prev = word_before(g, ts);
		if (first == 'I')
			return is_lower(prev);
		/* A letter alone that opens a line is a label ("A. For
		 * most people"). After a lower-case word it is no initial
		 * ("vitamin D. Researchers"); after a capitalised one it
		 * may be ("George W. Bush"), so only a word that usually
		 * starts sentences, with a lower-case word after it, ends
		 * it there ("Group C. They will"); after anything else it
		 * is an initial ("61; P. Such 8-118"). */
		if (is_lower(prev))
			return opens_at(g, j, 0);
		if (is_upper(prev) && starter_at(g, j)) {
			size_t ws, e = word_at(g, j, &ws);

			while (e < g->n && g->s[e] == ' ' && e - ws < LOOK)
				e++;
			return e < g->n && is_lower(cp_at(s, g->n, e, &len));
		}
		return 0;
	}
	if (dots > 0 && !other && is_alpha(first) && letters <= dots + 3) {
		/* U.S., a.m., e.g., Ph.D. */
		if ((cl & W_ABBR) == 0 && letters == 2 && dots == 1 &&
		    ((s[ts] | 32) == 'a' || (s[ts] | 32) == 'p') &&
		    (s[ts + 2] | 32) == 'm' && uppers == 2)
			return 1;	/* "6 P.M. Mr. Smith" */
		/* The same abbreviation twice: "in the U.S. U.S. officials" */
		if (j + (i + 1 - ts) < g->n && memcmp(s + j, s + ts, i + 1 - ts) == 0 &&
		    is_space((unsigned char)s[j + (i + 1 - ts)]))
			return 1;
		/* A title after "the U.K.": the place ends the sentence, the
		 * title opens a name ("in the U.K. Insp. Mark Hale said");
		 * "said U.S. Sen. Maria Cantwell" goes on. */
		if (title_next(g, j) && the_before(g, ts))
			return 1;
		return opens_at(g, j, 0);
	}
	if (cl & W_INNAME)
		/* "Brennan Bros. Hardware", "Warner Bros. The studio" */
		return starter_at(g, j);
	if (cl & W_POST)
		/* "Acme Inc. Analysts", but "Orbis Corp. (NASDAQ: ORBD)" */
		return paren ? opens_at(g, j, 0) : 1;
	if ((cl & W_ABBR) && is_lower(first))
		/* A lower-case abbreviation comes before no name: "etc.
		 * Critics", "the fire dept. Brennan". */
		return 1;
	if (cl & (W_ABBR | W_NUM))
		return opens_at(g, j, 0);
	return 1;
}

/* Does a quotation's attribution start at k: one to three capitalised
 * words or initials, the first no word that usually starts sentences,
 * then a verb of speech ("Vandermeer said", "Ian Welsh asked", "J. Ruiz
 * told")? After a quoted "?" or "!" it goes on with the sentence, as a
 * lower-case one does ("she asked"). */
static int
attribution_at(const struct seg *g, size_t k)
{
	size_t ws, e, words;
	utf8proc_int32_t c;
	size_t len;

	for (words = 0; words <= 3; words++) {
		e = word_at(g, k, &ws);
		if (e == ws || e - ws >= 24)
			return 0;
		while (e + 1 < g->n && g->s[e] == '-' &&
		    is_alpha(cp_at(g->s, g->n, e + 1, &len)))
			e = word_at(g, e + 1, &k);	/* "Abubakar-Danjuma" */
		if (words > 0 && (classes(g->s + ws, e - ws) & W_SPEECH))
			return is_lower(cp_at(g->s, g->n, ws, &len));
		c = cp_at(g->s, g->n, ws, &len);
		/* A word that starts sentences starts one here: "“Is it
		 * over?” Another replied", "He said nothing". */
		if (!is_upper(c) || words == 3 || (words == 0 &&
		    (classes(g->s + ws, e - ws) & W_STARTER)))
			return 0;
		if (e < g->n && g->s[e] == '.')
			e++;		/* an initial */
		if (e >= g->n || g->s[e] != ' ')
			return 0;
		k = e + 1;
	}
	return 0;
}

/* Is the word before the "!" at i a name that ends in "!" ("Yahoo!")? */
static int
bang_name(const struct seg *g, size_t i)
{
	size_t ts;

	token_before(g, i, &ts);
	return ts < i && (classes(g->s + ts, i - ts) & W_BANG);
}

/* Is the word at k a name written with a lower-case first letter and a
 * capital after it ("eBay", "iOS", "iPhone")? */
static int
camel_at(const struct seg *g, size_t k)
{
	size_t e, len;
	utf8proc_int32_t c;

	for (e = k; e < g->n && e - k < 24; e += len) {
		c = cp_at(g->s, g->n, e, &len);
		if (is_upper(c))
			return e > k;
		if (!is_lower(c))
			return 0;
	}
	return 0;
}

/* Is "@" or "#" at k followed by a letter, digit or "_" ("@NorthRail_",
 * "#StormEira")? */
static int
handle_at(const struct seg *g, size_t k)
{
	size_t len;
	utf8proc_int32_t c = cp_at(g->s, g->n, k + 1, &len);

	return is_alpha(c) || is_digit(c) || c == '_';
}

/* A period at i after a lower-case word, white space, then the lower-case
 * word at k: does that word start a sentence? It does when the word before
 * the period is a plain word that news text writes in lower case (no
 * abbreviation: "release.") and the next one is a word news text never
 * writes in lower case ("npm packages"): a name, not the rest of the
 * sentence. */
static int
lower_opens(const struct seg *g, size_t i, size_t k)
{
	size_t ts, a, e, len;
	utf8proc_int32_t c;

	token_before(g, i, &ts);
	if (i - ts < 2)
		return 0;
	for (a = ts; a < i; a++)
		if (g->s[a] < 'a' || g->s[a] > 'z')
			return 0;
	if (classes(g->s + ts, i - ts) != 0 || wordcase(g->s + ts, i - ts) == NULL)
		return 0;
	for (e = k; e < g->n && e - k < 24; e += len) {
		c = cp_at(g->s, g->n, e, &len);
		if (c < 'a' || c > 'z')
			break;
	}
	if (e - k < 2 || !(e >= g->n || is_space((unsigned char)g->s[e])))
		return 0;
	return wordcase(g->s + k, e - k) == NULL;
}

/* No white space after the terminator at i (next byte j): a sentence ends
 * only between a word and a capitalised word ("world.Today", "1,000.That"). */
static int
joined_ends(const struct seg *g, size_t i, size_t j)
{
	size_t len, k = cp_back(g->s, i);
	utf8proc_int32_t p = cp_at(g->s, g->n, k, &len), c, c2;

	c = cp_at(g->s, g->n, j, &len);
	c2 = cp_at(g->s, g->n, j + len, &len);
	if (!is_upper(c) || !is_lower(c2))
		return 0;
	if (is_digit(p))
		return 1;
	if (!is_lower(p))
		return 0;
	k = cp_back(g->s, k);
	return is_alpha(cp_at(g->s, g->n, k, &len));
}

/* The line ending at the line break i goes on, in lower case, on the next
 * line: is that a wrapped line rather than a line of its own? It is if it
 * ends in white space (an editor's soft break), or is long and ends in no
 * punctuation; short lines are list items ("features\ncontact manager"). */
static int
wrapped_line(const struct seg *g, size_t i)
{
	size_t a, len, count = 0;
	utf8proc_int32_t last;

	if (i == 0)
		return 0;
	if (g->s[i - 1] == ' ' || g->s[i - 1] == '\t')
		return 1;
	last = cp_at(g->s, g->n, cp_back(g->s, i), &len);
	if (last == '.' || last == '!' || last == '?' || last == ':' ||
	    last == ';' || last == ',' || is_closer(last))
		return 0;
	for (a = i; a > g->start && g->s[a - 1] != '\n' && count < 40; a--)
		count += ((unsigned char)g->s[a - 1] & 0xc0) != 0x80;
	return count >= 40;
}

/* The bytes at which a sentence may end or a list item start: the
 * terminators, the line break, the lead byte of U+2000..U+2FFF, where
 * "…", "‼", "⁇".."⁉" and all the bullets are, and those of U+3000..U+3FFF
 * and U+F000..U+FFFF, where "。" and the full-width "！", "？" are. Any other
 * byte, and the rest of a multi-byte character, decides nothing. */
static const unsigned char stop_byte[256] = {
	['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 1, [0xe2] = 1, [0xe3] = 1,
	[0xef] = 1
};

/* The first byte at or after i that is in stop_byte[], or end (which is
 * at most n). */
static inline size_t
skip_plain(const char *s, size_t i, size_t end)
{
	const unsigned char *u = (const unsigned char *)s;

	while (i + 4 <= end) {
		if (stop_byte[u[i]])
			return i;
		if (stop_byte[u[i + 1]])
			return i + 1;
		if (stop_byte[u[i + 2]])
			return i + 2;
		if (stop_byte[u[i + 3]])
			return i + 3;
		i += 4;
	}
	while (i < end && !stop_byte[u[i]])
		i++;
	return i;
}

static _Thread_local unsigned char *seg_keep;
static _Thread_local unsigned char *seg_mark;
static _Thread_local size_t seg_kcap;

size_t
ns_sentences(const char *s, size_t n, unsigned flags, struct ns_span **v,
    size_t *cap)
{
	struct seg g;
	size_t i, j, k, len, nl, run_end, dots, mk;
	utf8proc_int32_t c, next;
	int excl, attached, spaced, ends, cjk;

	if (n + 8 > seg_kcap) {
		seg_kcap = n + 8;
		seg_keep = ns_xrealloc(seg_keep, seg_kcap);
		seg_mark = ns_xrealloc(seg_mark, seg_kcap);
	}
	memset(seg_keep, 0, n + 8);
	memset(seg_mark, 0, n + 8);
	g.s = s;
	g.n = n;
	g.flags = flags;
	g.keep = seg_keep;
	g.mark = seg_mark;
	g.v = v;
	g.cap = cap;
	g.count = 0;
	g.start = 0;
	g.marks = 0;
	protect(&g);
	find_lists(&g);

	mk = g.marks ? (size_t)-1 : n;
	for (i = 0; i < n; i += len) {
		/* Most bytes decide nothing: skip to the next one that may,
		 * or to the next list item. */
		if (mk != n && (mk == (size_t)-1 || mk < i)) {
			const void *p = memchr(seg_mark + i, 1, n - i);

			mk = p ? (size_t)((const unsigned char *)p - seg_mark) :
			    n;
		}
		i = skip_plain(s, i, mk);
		if (i >= n)
			break;
		c = cp_at(s, n, i, &len);
		if (seg_mark[i] || (is_bullet(c) && i > 0 &&
		    is_space((unsigned char)s[i - 1]))) {
			if (in_sentence(&g, i))
				emit(&g, i);
			continue;
		}
		if (c == '\n') {
			/* A blank line always ends a sentence; one line break
			 * does unless the text is hard-wrapped, or the line
			 * ends in a space and goes on in lower case. */
			for (j = i, nl = 0; j < n && is_space((unsigned char)s[j]); j++)
				nl += s[j] == '\n';
			next = cp_at(s, n, j, &k);
			if (nl >= 2)
				ends = 1;
			else if (flags & NS_SENT_WRAPPED)
				ends = 0;
			else
				ends = !(is_lower(next) || next == '(') ||
				    !wrapped_line(&g, i);
			if (ends && in_sentence(&g, i))
				emit(&g, i);
			len = j - i;
			if (len == 0)
				len = 1;
			continue;
		}
		if (seg_keep[i] || !(c == '.' || c == '!' || c == '?' ||
		    c == 0x2026 || c == 0x203c || c == 0x2047 || c == 0x2048 ||
		    c == 0x2049 || is_cjk_stop(c)))
			continue;

		/* The run of terminators: "?!", "...", ". . .", "…". */
		attached = i > 0 && !is_space((unsigned char)s[i - 1]);
		excl = 0;
		cjk = 0;
		dots = 0;
		spaced = 0;
		for (j = i; j < n && j - i < LOOK;) {
			c = cp_at(s, n, j, &k);
			if (c == '.') {
				dots++;
				j += k;
			} else if (c == 0x2026) {
				dots += 3;
				j += k;
			} else if (c == '!' || c == '?' || c == 0x203c ||
			    c == 0x2047 || c == 0x2048 || c == 0x2049) {
				excl = 1;
				j += k;
			} else if (is_cjk_stop(c)) {
				/* Full-width and ideographic stops end
				 * sentences like "!" and "?". */
				excl = cjk = 1;
				j += k;
			} else if (c == ' ' && j + 1 < n && s[j + 1] == '.' &&
			    dots > 0 && !excl) {
				spaced = 1;
				j++;
			} else
				break;
		}
		run_end = j;

		if (spaced && attached && dots >= 4) {
			/* "compounds. . . . The": the first period ends the
			 * sentence, the ellipsis opens the next one. */
			for (k = run_end; k < n && is_space((unsigned char)s[k]); k++)
				;
			next = cp_at(s, n, k, &len);
			if (k < n && is_upper(next)) {
				/* After the first terminator, whole: it may be
				 * "…", three bytes. */
				cp_at(s, n, i, &len);
				emit(&g, i + len);
			}
			len = run_end - i;
			continue;
		}

		/* Closing quotes and brackets belong to the sentence; an
		 * apostrophe before a letter ("Jr.'s") does not close. */
		for (j = run_end; j < n;) {
			c = cp_at(s, n, j, &k);
			if (!is_closer(c))
				break;
			if ((c == '\'' || c == 0x2019) &&
			    is_alpha(cp_at(s, n, j + k, &len)))
				break;
			j += k;
		}
		run_end = j;
		len = run_end - i;
		if (run_end >= n)
			continue;	/* the end of the text ends it anyway */
		c = cp_at(s, n, run_end, &k);
		if (!is_space(c)) {
			/* Chinese and Japanese put no space after a
			 * sentence: "。" before a letter ends one. */
			if (((dots == 1 || excl) && joined_ends(&g, i, run_end)) ||
			    (cjk && (is_alpha(c) || is_digit(c))))
				emit(&g, run_end);
			continue;
		}
		for (j = run_end; j < n && is_space((unsigned char)s[j]); j++)
			;
		if (j >= n)
			continue;
		k = j;
		next = cp_at(s, n, k, &len);
		while (is_opener(next) && k + len < n) {
			k += len;
			next = cp_at(s, n, k, &len);
		}
		len = run_end - i;
		if (is_lower(next)) {
			/* A lower-case word starts a sentence when it is
			 * a name ("eBay", "iOS"), or after a plain word's
			 * period, when news text never writes it ("npm"). */
			if (!excl && dots == 1 && !camel_at(&g, k) &&
			    lower_opens(&g, i, k))
				emit(&g, run_end);
			if (!camel_at(&g, k))
				continue;
		} else if (next == '@' || next == '#') {
			/* A handle or a hashtag: a name. */
			if (!handle_at(&g, k))
				continue;
		} else if (!(is_upper(next) || is_digit(next) ||
		    is_alpha(next) || next == 0x2026 || next == '.' ||
		    is_bullet(next) || seg_mark[j]))
			continue;
		if (excl && run_end > i + 1 && (s[run_end - 1] == '"' ||
		    (run_end >= 3 && (unsigned char)s[run_end - 3] == 0xe2 &&
		    (unsigned char)s[run_end - 2] == 0x80 &&
		    ((unsigned char)s[run_end - 1] == 0x9d ||
		    (unsigned char)s[run_end - 1] == 0x99))))
			/* "“Was I nervous?” Vandermeer said." */
			ends = !attribution_at(&g, k);
		else if (excl && !dots && run_end == i + 1 && attached &&
		    bang_name(&g, i))
			/* "Yahoo! Finance", but "Yahoo! The" */
			ends = starter_at(&g, k);
		else if (excl)
			ends = 1;
		else if (dots >= 4)
			ends = 1;
		else if (dots == 3)
			ends = !spaced && is_upper(next);
		else
			ends = period_ends(&g, i, j, next);
		if (ends)
			emit(&g, run_end);
	}
	emit(&g, n);
	return g.count;
}

void
ns_sentences_thread_free(void)
{
	free(seg_keep);
	free(seg_mark);
	seg_keep = seg_mark = NULL;
	seg_kcap = 0;
}
