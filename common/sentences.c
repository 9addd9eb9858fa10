/* sentences.c: a rule-based English sentence segmenter for news text.
 *
 * One pass over the text decides at each terminator (. ! ? … and runs of
 * them), line break, bullet and list marker whether a sentence ends there,
 * looking at a bounded window around it: the word before (abbreviation,
 * initial, number), the closing quotes and brackets after, and the word
 * after (its case, and whether it usually starts a sentence). Spans of
 * e-mail addresses, URLs and "[...]" are never cut. Every step looks at a
 * bounded number of bytes, so the time is linear in the text. The word
 * lists are data (common/data/sentences.txt), compiled in. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ns.h"

extern const char *const ns_sentences_data;
extern const size_t ns_sentences_data_len;

enum {
	W_PRE = 1,		/* Mr., Dr., Mt.: before a name */
	W_NUM = 2,		/* No., p.: before a number */
	W_POST = 4,		/* Inc., Jr.: after a name */
	W_ABBR = 8,		/* etc., Jan.: anything else */
	W_STARTER = 16		/* The, He, But: starts sentences */
};

#define LOOK 64			/* bytes looked at around a terminator */

struct entry {
	char	 word[24];
	unsigned classes;
};

static struct entry *table;
static size_t ntable;
static uint32_t *slots;		/* open addressing: entry + 1, or 0 */
static size_t nslots;		/* a power of 2, over twice ntable */
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
	    "starter" };
	const char *p = ns_sentences_data, *end = p + ns_sentences_data_len;
	const char *nl, *sp;
	size_t cap = 0, i, k, w, j;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			nl = end;
		if (p == nl || *p == '#' || (sp = memchr(p, ' ', nl - p)) == NULL)
			continue;
		for (k = 0; k < 5; k++)
			if (strlen(names[k]) == (size_t)(sp - p) &&
			    memcmp(names[k], p, sp - p) == 0)
				break;
		w = nl - sp - 1;
		if (k == 5 || w == 0 || w >= sizeof(table->word))
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
	/* Words are looked up for every full stop: a hash, not a search. */
	for (nslots = 16; nslots < 2 * ntable + 1; nslots *= 2)
		;
	slots = ns_xcalloc(nslots, sizeof(*slots));
	for (i = 0; i < ntable; i++) {
		k = ns_hash32(table[i].word, strlen(table[i].word)) &
		    (nslots - 1);
		while (slots[k] != 0)
			k = (k + 1) & (nslots - 1);
		slots[k] = (uint32_t)i + 1;
	}
}

/* Classes of the word s[0..n-1] (ASCII case ignored, periods inside
 * dropped: "e.g" is "eg"), 0 if unlisted. */
static unsigned
classes(const char *s, size_t n)
{
	char key[sizeof(table->word)];
	size_t i, k = 0, h;

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
	for (h = ns_hash32(key, k) & (nslots - 1); slots[h] != 0;
	    h = (h + 1) & (nslots - 1))
		if (memcmp(table[slots[h] - 1].word, key, k + 1) == 0)
			return table[slots[h] - 1].classes;
	return 0;
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

static int
is_closer(utf8proc_int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201d ||
	    c == 0x2019 || c == 0xbb || c == 0x203a || c == '}';
}

static int
is_opener(utf8proc_int32_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201c ||
	    c == 0x2018 || c == 0xab || c == 0x2039 || c == 0x201e || c == '{';
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

/* Does the word at j (after openers) usually start a sentence? */
static int
starter_at(const struct seg *g, size_t j)
{
	size_t e, len;
	utf8proc_int32_t c;

	while (j < g->n && is_opener(cp_at(g->s, g->n, j, &len)))
		j += len;
	for (e = j; e < g->n && e - j < 20; e += len) {
		c = cp_at(g->s, g->n, e, &len);
		if (!is_alpha(c) && c != '\'' && c != 0x2019)
			break;
	}
	return e > j && (classes(g->s + j, e - j) & W_STARTER);
}

/* A single period at i, white space after it, then next (first letter of
 * the next word after openers) at j: does the sentence end? */
static int
period_ends(const struct seg *g, size_t i, size_t j, utf8proc_int32_t next)
{
	const char *s = g->s;
	size_t ts, len, k, letters = 0, dots = 0, uppers = 0, chars = 0;
	int other = 0;
	unsigned cl;
	utf8proc_int32_t c, first = -1;

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
		return 0;
	if (letters == 1 && chars == 1) {
		/* An initial ("E. Smith"), or "I" ending a sentence ("you
		 * and I. Did"): I after a lower-case word. */
		if (first == 'I' && ts > 0) {
			size_t a = ts;

			while (a > 0 && is_space((unsigned char)s[a - 1]))
				a--;
			a = cp_back(s, a);
			while (a > 0 && !is_space((unsigned char)s[a - 1]))
				a--;
			return is_lower(cp_at(s, g->n, a, &len));
		}
		return 0;
	}
	if (dots > 0 && !other && is_alpha(first) && letters <= dots + 3) {
		/* U.S., a.m., e.g., Ph.D. */
		if ((cl & W_ABBR) == 0 && letters == 2 && dots == 1 &&
		    ((s[ts] | 32) == 'a' || (s[ts] | 32) == 'p') &&
		    (s[ts + 2] | 32) == 'm' && uppers == 2)
			return 1;	/* "6 P.M. Mr. Smith" */
		return starter_at(g, j);
	}
	if (cl & W_POST)
		return 1;
	if (cl & (W_ABBR | W_NUM))
		return starter_at(g, j);
	return 1;
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
 * terminators, the line break, and the lead byte of U+2000..U+2FFF, where
 * "…", "‼", "⁇".."⁉" and all the bullets are. Any other byte, and the
 * rest of a multi-byte character, decides nothing. */
static const unsigned char stop_byte[256] = {
	['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 1, [0xe2] = 1
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
	int excl, attached, spaced, ends;

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
		    c == 0x2049))
			continue;

		/* The run of terminators: "?!", "...", ". . .", "…". */
		attached = i > 0 && !is_space((unsigned char)s[i - 1]);
		excl = 0;
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
			if ((dots == 1 || excl) && joined_ends(&g, i, run_end))
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
		if (is_lower(next) || !(is_upper(next) || is_digit(next) ||
		    is_alpha(next) || next == 0x2026 || next == '.' ||
		    is_bullet(next) || seg_mark[j]))
			continue;
		if (excl)
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
