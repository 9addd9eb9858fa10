/* words.c: word tokens, case folding, stop words and Snowball stems, the
 * steps every tool that compares or counts words takes. */
#include <limits.h>
#include <stdint.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "ns.h"

/* common/data/stopwords.txt, compiled in by the Makefile's DATA. */
extern const char *const ns_stopwords_data;
extern const size_t ns_stopwords_data_len;

/* What a code point is to the tokenizer. */
enum wclass {
	W_OTHER,	/* ends a word */
	W_LETTER,	/* L*, Nl, No: starts a word or goes on with one */
	W_DIGIT,	/* Nd: the same, and may stand beside a comma */
	W_MARK,		/* M*: goes on with a word */
	W_JOIN,		/* apostrophe, hyphen, period: joins word characters */
	W_COMMA		/* joins two digits ("1,000") */
};

/* Classes of the ASCII code points, so that plain English text never
 * reaches utf8proc's tables. */
static unsigned char ascii_class[128];
static unsigned char ascii_alnum[256];	/* 1: an ASCII letter or digit */
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void
init_ascii(void)
{
	int c;

	for (c = 'a'; c <= 'z'; c++) {
		ascii_class[c] = ascii_class[c - 'a' + 'A'] = W_LETTER;
		ascii_alnum[c] = ascii_alnum[c - 'a' + 'A'] = 1;
	}
	for (c = '0'; c <= '9'; c++) {
		ascii_class[c] = W_DIGIT;
		ascii_alnum[c] = 1;
	}
	ascii_class['\''] = ascii_class['-'] = ascii_class['.'] = W_JOIN;
	ascii_class[','] = W_COMMA;
}

static enum wclass
cp_class(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return ascii_class[cp];
	switch (cp) {
	case 0x2010:	/* HYPHEN */
	case 0x2011:	/* NON-BREAKING HYPHEN */
	case 0x2019:	/* RIGHT SINGLE QUOTATION MARK: the typeset ' */
		return W_JOIN;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return W_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return W_DIGIT;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return W_MARK;
	default:
		return W_OTHER;
	}
}

static void
push_word(struct ns_span **v, size_t *cap, size_t count, size_t start,
    size_t end)
{
	if (count == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = ns_xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[count].start = start;
	(*v)[count].end = end;
}

/* The end of the run of ASCII letters and digits at u[i..n): eight bytes
 * at a time where the byte order lets the first one out be found by
 * counting zero bits, so that a word is one test, not a branch per letter
 * whose last one is mispredicted. Per byte, of its low seven bits t: a
 * letter is t | 0x20 in 'a'..'z' (which maps 'A'..'Z' there, and nothing
 * else), a digit t in '0'..'9'; each range is two additions whose carries
 * reach the byte's top bit and no further; a byte with its top bit set is
 * no ASCII at all. */
static inline size_t
alnum_end(const unsigned char *u, size_t i, size_t n)
{
#if (defined(__GNUC__) || defined(__clang__)) && \
    defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
	uint64_t x, t, l, in;

	while (i + 8 <= n) {
		memcpy(&x, u + i, 8);
		t = x & ~high;
		l = t | ones * 0x20;
		in = ((l + ones * (0x80 - 'a')) & ~(l + ones * (0x7f - 'z'))) |
		    ((t + ones * (0x80 - '0')) & ~(t + ones * (0x7f - '9')));
		in = ~in & high;	/* the top bit of each byte out */
		in |= x & high;
		if (in != 0)
			return i + (size_t)__builtin_ctzll(in) / 8;
		i += 8;
	}
#endif
	while (i < n && ascii_alnum[u[i]])
		i++;
	return i;
}

size_t
ns_words(const char *s, size_t n, struct ns_span **v, size_t *cap)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	enum wclass c, joiner = W_OTHER;
	size_t i, start = 0, end = 0, count = 0;
	int inword = 0, lastdigit = 0;

	pthread_once(&ascii_once, init_ascii);
	/* One pass, each code point decoded once: a joiner is held back
	 * until the code point after it says whether the word goes on. */
	for (i = 0; i < n; i += (size_t)k) {
		if (u[i] < 0x80) {
			cp = u[i];
			k = 1;
			c = ascii_class[cp];
		} else if ((k = utf8proc_iterate(u + i,
		    (utf8proc_ssize_t)(n - i), &cp)) > 0)
			c = cp_class(cp);
		else {
			/* Not UTF-8 after all: a byte that ends words. */
			k = 1;
			c = W_OTHER;
		}

		if (joiner != W_OTHER) {
			/* A comma was only held after a digit. */
			if (c == W_DIGIT ||
			    (c == W_LETTER && joiner == W_JOIN)) {
				joiner = W_OTHER;
				end = i + (size_t)k;
				lastdigit = c == W_DIGIT;
				continue;
			}
			/* Two joiners in a row, or one before the end of
			 * a word: the word stopped before it. */
			joiner = W_OTHER;
			push_word(v, cap, count++, start, end);
			inword = 0;
		}

		switch (c) {
		case W_LETTER:
		case W_DIGIT:
			if (!inword) {
				start = i;
				inword = 1;
			}
			/* The ASCII letters and digits after it go on with
			 * the word, one after another: take them at once. */
			if (i + (size_t)k < n && ascii_alnum[u[i + k]]) {
				k = (utf8proc_ssize_t)(alnum_end(u, i + (size_t)k + 1,
				    n) - i);
				c = ascii_class[u[i + k - 1]];
			}
			end = i + (size_t)k;
			lastdigit = c == W_DIGIT;
			break;
		case W_MARK:
			/* A mark belongs to the character before it, so it
			 * never starts a word: U+FE0F after an emoji is no
			 * word. */
			if (inword) {
				end = i + (size_t)k;
				lastdigit = 0;
			}
			break;
		case W_JOIN:
			if (inword)
				joiner = c;
			break;
		case W_COMMA:
			if (inword && lastdigit) {
				joiner = c;
				break;
			}
			/* FALLTHROUGH */
		case W_OTHER:
			if (inword)
				push_word(v, cap, count++, start, end);
			inword = 0;
			break;
		}
	}
	if (inword)
		push_word(v, cap, count++, start, end);
	return count;
}

/* Code points kept between calls: utf8proc_map() would allocate for
 * every word. */
static _Thread_local utf8proc_int32_t *u32;
static _Thread_local size_t u32cap;

void
ns_fold(struct ns_buf *out, const char *s, size_t n)
{
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD;
	utf8proc_ssize_t m;
	size_t i;
	char *p;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			break;
	if (i == n) {
		/* ASCII folds to ASCII, one byte for one; explicit ranges
		 * rather than tolower(), which a locale could change. */
		ns_buf_reserve(out, n);
		p = out->p + out->len;
		for (i = 0; i < n; i++)
			p[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' :
			    s[i];
		out->len += n;
		out->p[out->len] = '\0';
		return;
	}

	if (u32 == NULL) {
		u32cap = 64;
		u32 = ns_xreallocarray(NULL, u32cap, sizeof(*u32));
	}
	for (;;) {
		m = utf8proc_decompose_custom((const utf8proc_uint8_t *)s,
		    (utf8proc_ssize_t)n, u32, (utf8proc_ssize_t)u32cap, opts,
		    NULL, NULL);
		if (m < 0) {
			/* utf8proc allocates nothing here, so this is
			 * invalid UTF-8: keep the bytes rather than lose
			 * them. */
			ns_buf_add(out, s, n);
			return;
		}
		/* One slot more than the code points: utf8proc_reencode()
		 * ends its UTF-8 with a NUL, and four-byte characters fill
		 * the rest. */
		if ((size_t)m < u32cap)
			break;
		u32cap = (size_t)m + 1;
		u32 = ns_xreallocarray(u32, u32cap, sizeof(*u32));
	}
	/* Composition happens here, in place. */
	m = utf8proc_reencode(u32, m, opts);
	if (m < 0) {
		ns_buf_add(out, s, n);
		return;
	}
	ns_buf_add(out, u32, (size_t)m);
}

/* The longest stop word we look up; a longer word is none. The list's
 * longest is 10 bytes ("yourselves"). */
#define STOP_MAX 32

struct stopword {
	const char *p;
	size_t	 n;
};

static struct stopword *stops;
static size_t nstops;
static pthread_once_t stops_once = PTHREAD_ONCE_INIT;

static int
stopcmp(const void *a, const void *b)
{
	const struct stopword *x = a, *y = b;
	int r;

	r = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
	if (r != 0)
		return r;
	return (x->n > y->n) - (x->n < y->n);
}

/* Index the compiled-in list once: entries point into the data, sorted
 * for bsearch(). */
static void
load_stops(void)
{
	const char *s = ns_stopwords_data, *e = s + ns_stopwords_data_len;
	const char *nl;
	size_t len, cap = 0;

	while (s < e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		len = nl ? (size_t)(nl - s) : (size_t)(e - s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\r'))
			len--;
		if (len > 0 && len <= STOP_MAX && s[0] != '#') {
			if (nstops == cap) {
				cap = cap ? cap * 2 : 256;
				stops = ns_xreallocarray(stops, cap,
				    sizeof(*stops));
			}
			stops[nstops].p = s;
			stops[nstops++].n = len;
		}
		s = nl ? nl + 1 : e;
	}
	qsort(stops, nstops, sizeof(*stops), stopcmp);
}

/* Copy s to dst with U+2019 read as ', the list's only apostrophe;
 * return the new length. dst has room for n bytes. */
static size_t
ascii_apostrophes(char *dst, const char *s, size_t n)
{
	size_t i, j;

	for (i = j = 0; i < n; i++) {
		if (s[i] == '\xe2' && i + 2 < n && s[i + 1] == '\x80' &&
		    s[i + 2] == '\x99') {
			dst[j++] = '\'';
			i += 2;
		} else
			dst[j++] = s[i];
	}
	return j;
}

int
ns_is_stopword(const char *s, size_t n)
{
	char word[STOP_MAX * 3];	/* each ' may be 3 bytes in s */
	struct stopword key;

	if (n == 0 || n > sizeof(word))
		return 0;
	pthread_once(&stops_once, load_stops);
	key.p = word;
	key.n = ascii_apostrophes(word, s, n);
	if (key.n > STOP_MAX)
		return 0;
	return bsearch(&key, stops, nstops, sizeof(*stops), stopcmp) != NULL;
}

static _Thread_local struct sb_stemmer *stemmer;
static pthread_once_t atexit_once = PTHREAD_ONCE_INIT;

/* libstemmer keeps its buffer by a pointer into the block, which valgrind
 * reports as possibly lost unless the stemmer is deleted before exit: the
 * main thread's at exit, a worker's by ns_thread_done(). */
static void
free_stemmer(void)
{
	if (stemmer != NULL)
		sb_stemmer_delete(stemmer);
	stemmer = NULL;
}

static void
register_free(void)
{
	(void)atexit(free_stemmer);	/* at worst, a valgrind note */
}

static _Thread_local struct ns_buf stem_word;

void
ns_stem(struct ns_buf *out, const char *s, size_t n)
{
	const sb_symbol *r;

	if (n == 0)
		return;
	if (n > INT_MAX) {
		/* No word is this long; libstemmer takes an int. */
		ns_buf_add(out, s, n);
		return;
	}
	/* The only failure for a name it knows is memory, as with the
	 * xxhash state in text.c. */
	if (stemmer == NULL) {
		if ((stemmer = sb_stemmer_new("english", "UTF_8")) == NULL)
			ns_errx(NS_EXIT_FATAL, "out of memory");
		pthread_once(&atexit_once, register_free);
	}
	/* Snowball removes "'s" but not "’s": give it the ASCII
	 * apostrophe so that "Xiaomi’s" and "Xiaomi's" stem alike. */
	if (memchr(s, '\xe2', n) != NULL) {
		ns_buf_reset(&stem_word);
		ns_buf_reserve(&stem_word, n);
		stem_word.len = ascii_apostrophes(stem_word.p, s, n);
		stem_word.p[stem_word.len] = '\0';
		s = stem_word.p;
		n = stem_word.len;
	}
	r = sb_stemmer_stem(stemmer, (const sb_symbol *)s, (int)n);
	if (r == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	ns_buf_add(out, r, (size_t)sb_stemmer_length(stemmer));
}

void
ns_words_thread_free(void)
{
	free(u32);
	u32 = NULL;
	u32cap = 0;
	ns_buf_free(&stem_word);
	free_stemmer();
}
