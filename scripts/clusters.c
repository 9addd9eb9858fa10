/*
 * clusters.c: Brown word clusters (bit-string paths) for the entity tagger,
 * written to common/data/clusters.txt by "make clusters".
 *
 *	clusters [-Dnv] [-c clusters] [-m min_freq] [-k conll_file]... [file ...]
 *
 * Each file is raw UTF-8 text (a file that is not valid UTF-8 is read as
 * Latin-1); each -k file is CoNLL columns, of which only the first (the
 * token) is read. Standard library and POSIX getopt only.
 *
 * The algorithm is Brown et al. (1992), "Class-based n-gram models of
 * natural language", in the windowed form of Liang (2005), "Semi-supervised
 * learning for natural language", section 3.2: words sorted by frequency;
 * the first C form C singleton clusters; each further word joins the active
 * set as a cluster of its own and then the two clusters whose merge loses
 * the least average mutual information (AMI) are merged; at the end the C
 * clusters left are merged the same way until one is left. A word's bit
 * string is the path from that root to its cluster (0 left, 1 right), so
 * the words of one cluster share it and its prefixes are coarser classes.
 *
 * AMI is over adjacent-token pairs (no pair crosses a line of raw text or a
 * sentence of CoNLL) among words of the active clusters; the marginals are
 * the clusters' token counts, as in Liang's implementation. Everything is
 * scaled by the number of tokens N, whose logarithm then cancels, so the
 * loss needs only tables of log n and n log n over integer counts.
 * With o_s[x] the count of cluster s followed by x, i_s[x] the count of x
 * followed by s, n_s the token count of s and d(p, q) = p lg p + q lg q -
 * (p + q) lg (p + q), the loss of merging a and b is
 *
 *	L(a,b) = sum over x not a, b of d(o_a[x], o_b[x]) + d(i_a[x], i_b[x])
 *	    + T_a (lg n_ab - lg n_a) + T_b (lg n_ab - lg n_b) + self(a, b)
 *
 * where T_s is the count of pairs between s and clusters other than a, b
 * and self() holds the pairs within a and b. A merge of a and b into m
 * changes L(s,t) for other s, t only in the x = a, b, m terms, and only when
 * s and t both have pairs with a or b; a new cluster k changes them in the
 * x = k term and in T. So each step updates few losses in O(1) each,
 * computes the new cluster's losses, and scans all pairs for the least.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_USAGE	2

struct word {
	size_t	off;		/* into arena */
	size_t	len;
	uint32_t freq;
};

/* An entry of a word's list of neighbours: word rank and pair count. */
struct nb {
	uint32_t w;
	uint32_t n;
};

static const char *progname = "clusters";
static int verbose;

/* Vocabulary: interned token bytes, open-addressing hash of word ids. */
static char *arena;
static size_t arena_len, arena_cap;
static struct word *words;
static size_t nwords, words_cap;
static uint32_t *htab;			/* word id + 1; 0 is empty */
static size_t htab_cap;

/* The token stream: word ids, UINT32_MAX between segments. */
#define BOUNDARY UINT32_MAX
static uint32_t *toks;
static size_t ntoks, toks_cap;
static size_t ntokens;			/* tokens, boundaries left out */

static char *lowbuf;			/* one lower-cased token */
static size_t lowbuf_cap;

/* Clustering state; slots index the (S x S) matrices. */
static size_t S;
static uint32_t *cnt;			/* cnt[s*S+t]: s followed by t */
static uint32_t *cntt;			/* the transpose, for row access */
static double *loss;			/* upper triangle: loss[s*S+t], s < t */
static uint64_t *n1;			/* tokens of the slot's cluster */
static uint64_t *tot;			/* pairs with other active slots */
static uint32_t *minrank;		/* most frequent word of the slot */
static uint32_t *mhead, *mtail, *msize;	/* member lists */
static uint32_t *mnext;			/* per word */
static uint32_t *wslot;			/* per word */
static uint32_t *active;		/* active slots, ascending */
static size_t nactive;
static double *lgt, *xlx;		/* lg n, n lg n for n <= ntab */
static size_t ntab;

/* Neighbour lists by word rank: right (w, x) and left (x, w) pairs. */
static size_t *roff, *loff;
static struct nb *rnb, *lnb;
static uint32_t *order;			/* word id by rank */

static _Noreturn void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_USAGE);
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n ? n : 1, size ? size : 1)) == NULL)
		die("out of memory");
	return p;
}

static void *
xreallocarray(void *p, size_t n, size_t size)
{
	size_t bytes;

	if (size != 0 && n > SIZE_MAX / size)
		die("out of memory");
	bytes = n * size;
	if ((p = realloc(p, bytes ? bytes : 1)) == NULL)
		die("out of memory");
	return p;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- Text: UTF-8, lower-casing, tokens ---- */

/* Decode one UTF-8 sequence of s[0..n); its length in *len, or -1. */
static long
utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
	long c;
	size_t i, l;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		l = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		l = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		l = 4;
		c = s[0] & 0x07;
	} else
		return -1;
	if (l > n)
		return -1;
	for (i = 1; i < l; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((l == 3 && c < 0x800) || (l == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*len = l;
	return c;
}

static size_t
utf8_encode(long c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static int
utf8_valid(const char *s, size_t n)
{
	size_t i, l;

	for (i = 0; i < n; i += l)
		if (utf8_decode((const unsigned char *)s + i, n - i, &l) < 0)
			return 0;
	return 1;
}

/*
 * Simple lower case of the letters of ASCII, Latin-1, Latin Extended-A,
 * Greek and Cyrillic (one code point to one, no context); others unchanged.
 */
static long
lower(long c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0x80)
		return c;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (c >= 0x100 && c <= 0x17f) {
		if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 ||
		    c == 0x17f)
			return c;
		if (c == 0x178)
			return 0xff;
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
			return c & 1 ? c + 1 : c;
		return c & 1 ? c : c + 1;
	}
	if ((c >= 0x391 && c <= 0x3a9 && c != 0x3a2) ||
	    (c >= 0x410 && c <= 0x42f))
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	return c;
}

/* Punctuation that is split off the ends of a word. */
static int
is_punct(long c)
{
	if (c < 0x80)
		return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) ||
		    (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
	switch (c) {
	case 0xa1:	/* inverted exclamation mark */
	case 0xa2:	/* cent */
	case 0xa3:	/* pound */
	case 0xa5:	/* yen */
	case 0xa7:	/* section */
	case 0xab:	/* guillemets */
	case 0xbb:
	case 0xb7:	/* middle dot */
	case 0xbf:	/* inverted question mark */
	case 0x2013:	/* en dash */
	case 0x2014:	/* em dash */
	case 0x2018:	/* quotation marks */
	case 0x2019:
	case 0x201a:
	case 0x201c:
	case 0x201d:
	case 0x201e:
	case 0x2022:	/* bullet */
	case 0x2026:	/* ellipsis */
	case 0x20ac:	/* euro */
		return 1;
	}
	return 0;
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void
htab_grow(void)
{
	uint32_t *old = htab;
	size_t i, j, oldcap = htab_cap;

	htab_cap = oldcap ? oldcap * 2 : 1 << 16;
	htab = xcalloc(htab_cap, sizeof(*htab));
	for (i = 0; i < oldcap; i++) {
		if (old[i] == 0)
			continue;
		j = hash(arena + words[old[i] - 1].off,
		    words[old[i] - 1].len) & (htab_cap - 1);
		while (htab[j] != 0)
			j = (j + 1) & (htab_cap - 1);
		htab[j] = old[i];
	}
	free(old);
}

static uint32_t
intern(const char *s, size_t n)
{
	size_t j;
	struct word *w;

	if (2 * (nwords + 1) > htab_cap)
		htab_grow();
	j = hash(s, n) & (htab_cap - 1);
	while (htab[j] != 0) {
		w = &words[htab[j] - 1];
		if (w->len == n && memcmp(arena + w->off, s, n) == 0)
			return htab[j] - 1;
		j = (j + 1) & (htab_cap - 1);
	}
	if (nwords == UINT32_MAX - 1)
		die("too many words");
	if (nwords == words_cap) {
		words_cap = words_cap ? words_cap * 2 : 1 << 15;
		words = xreallocarray(words, words_cap, sizeof(*words));
	}
	while (arena_len + n > arena_cap) {
		arena_cap = arena_cap ? arena_cap * 2 : 1 << 20;
		arena = xreallocarray(arena, arena_cap, 1);
	}
	memcpy(arena + arena_len, s, n);
	words[nwords].off = arena_len;
	words[nwords].len = n;
	words[nwords].freq = 0;
	arena_len += n;
	htab[j] = (uint32_t)nwords + 1;
	return (uint32_t)nwords++;
}

static void
push_tok(uint32_t id)
{
	if (id == BOUNDARY && (ntoks == 0 || toks[ntoks - 1] == BOUNDARY))
		return;
	if (ntoks == toks_cap) {
		toks_cap = toks_cap ? toks_cap * 2 : 1 << 20;
		toks = xreallocarray(toks, toks_cap, sizeof(*toks));
	}
	toks[ntoks++] = id;
}

/* Lower-case the token s[0..n) (valid UTF-8) and add it to the stream. */
static void
emit(const char *s, size_t n)
{
	size_t i, l, o = 0;
	long c;

	if (n == 0)
		return;
	if (lowbuf_cap < 4 * n) {
		lowbuf_cap = 4 * n;
		lowbuf = xreallocarray(lowbuf, lowbuf_cap, 1);
	}
	for (i = 0; i < n; i += l) {
		c = utf8_decode((const unsigned char *)s + i, n - i, &l);
		if (c < 0)
			die("internal error: invalid UTF-8 in a token");
		o += utf8_encode(lower(c), lowbuf + o);
	}
	push_tok(intern(lowbuf, o));
	ntokens++;
}

/* Start of the code point that ends at s[n - 1]. */
static size_t
last_cp(const char *s, size_t n)
{
	size_t i = n - 1;

	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* Emit the marks s[0..n): a run of one mark is one token ("...", "--"). */
static void
emit_marks(const char *s, size_t n)
{
	size_t i, l, p;

	for (i = 0; i < n; i = p) {
		utf8_decode((const unsigned char *)s + i, n - i, &l);
		for (p = i + l; p + l <= n && memcmp(s + p, s + i, l) == 0;
		    p += l)
			;
		emit(s + i, p - i);
	}
}

/*
 * Split one white-space separated chunk: the punctuation at both ends off
 * as marks, but the final period of a letter-period abbreviation ("U.S.",
 * "a.m.", an initial "W.") stays; then a possessive "'s" (or with U+2019)
 * is split off as "'s". Inner marks stay: "co-operation", "don't", "AT&T",
 * "1,000", "1.5bn".
 */
static void
split_chunk(const char *s, size_t n)
{
	size_t b = 0, e = n, i, l, p, tail;
	long c;
	int abbr;

	while (b < e) {
		c = utf8_decode((const unsigned char *)s + b, e - b, &l);
		if (!is_punct(c))
			break;
		b += l;
	}
	emit_marks(s, b);
	if (b == e)
		return;
	while (e > b) {
		p = last_cp(s, e);
		c = utf8_decode((const unsigned char *)s + p, e - p, &l);
		if (!is_punct(c))
			break;
		e = p;
	}
	if (e < n && s[e] == '.' && (e - b) % 2 == 1) {
		abbr = 1;
		for (i = b; i < e && abbr; i++)
			abbr = (i - b) % 2 == 0 ? is_alpha(s[i]) : s[i] == '.';
		if (abbr)
			e++;
	}
	tail = e;
	if (e - b > 2 && (s[e - 1] == 's' || s[e - 1] == 'S') &&
	    s[e - 2] == '\'') {
		emit(s + b, e - b - 2);
		emit("'s", 2);
	} else if (e - b > 4 && (s[e - 1] == 's' || s[e - 1] == 'S') &&
	    memcmp(s + e - 4, "\xe2\x80\x99", 3) == 0) {
		emit(s + b, e - b - 4);
		emit("'s", 2);
	} else
		emit(s + b, e - b);
	emit_marks(s + tail, n - tail);
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/* Tokenize one line of raw text; the line is a segment. */
static void
split_line(const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		while (i < n && is_space((unsigned char)s[i]))
			i++;
		for (j = i; j < n && !is_space((unsigned char)s[j]); j++)
			;
		if (j > i)
			split_chunk(s + i, j - i);
		i = j;
	}
	push_tok(BOUNDARY);
}

static char *
read_file(const char *path, size_t *lenp)
{
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, cap = 0, r;

	if ((fp = fopen(path, "rb")) == NULL)
		die("%s: %s", path, strerror(errno));
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			buf = xreallocarray(buf, cap, 1);
		}
		r = fread(buf + len, 1, cap - len, fp);
		len += r;
		if (r == 0)
			break;
	}
	if (ferror(fp))
		die("%s: %s", path, strerror(errno));
	fclose(fp);
	*lenp = len;
	return buf;
}

/* A file that is not UTF-8 is taken as Latin-1 and converted. */
static char *
latin1_to_utf8(const char *s, size_t n, size_t *lenp)
{
	char *out = xcalloc(2 * n + 1, 1);
	size_t i, o = 0;

	for (i = 0; i < n; i++)
		o += utf8_encode((unsigned char)s[i], out + o);
	*lenp = o;
	return out;
}

static void
read_text(const char *path)
{
	char *buf, *conv;
	size_t len, i, j;

	buf = read_file(path, &len);
	if (!utf8_valid(buf, len)) {
		if (verbose)
			fprintf(stderr, "%s: %s: not UTF-8, read as Latin-1\n",
			    progname, path);
		conv = latin1_to_utf8(buf, len, &len);
		free(buf);
		buf = conv;
	}
	for (i = 0; i < len; i = j + 1) {
		for (j = i; j < len && buf[j] != '\n'; j++)
			;
		split_line(buf + i, j - i);
	}
	free(buf);
}

/* CoNLL: the first column; blank and -DOCSTART- lines end a segment. */
static void
read_conll(const char *path)
{
	char *buf;
	size_t len, i, j, k;

	buf = read_file(path, &len);
	if (!utf8_valid(buf, len))
		die("%s: not UTF-8", path);
	for (i = 0; i < len; i = j + 1) {
		for (j = i; j < len && buf[j] != '\n'; j++)
			;
		for (k = i; k < j && !is_space((unsigned char)buf[k]); k++)
			;
		if (k == i || (k - i == 10 && memcmp(buf + i, "-DOCSTART-",
		    10) == 0))
			push_tok(BOUNDARY);
		else
			emit(buf + i, k - i);
	}
	push_tok(BOUNDARY);
	free(buf);
}

/* ---- Vocabulary and pair counts ---- */

static int
cmp_rank(const void *pa, const void *pb)
{
	const struct word *a = &words[*(const uint32_t *)pa];
	const struct word *b = &words[*(const uint32_t *)pb];
	size_t n = a->len < b->len ? a->len : b->len;
	int r;

	if (a->freq != b->freq)
		return a->freq > b->freq ? -1 : 1;
	if ((r = memcmp(arena + a->off, arena + b->off, n)) != 0)
		return r;
	return (a->len > b->len) - (a->len < b->len);
}

static int
cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return (a > b) - (a < b);
}

/*
 * Keep the words of frequency >= min_freq, renumbered by rank (frequency
 * down, then bytes) in order[]; build both neighbour lists. Returns the
 * word count; *total gets the tokens of the kept words.
 */
static size_t
vocabulary(uint32_t min_freq, uint64_t *total)
{
	uint32_t *rank;
	uint64_t *pairs;
	size_t i, j, k, v, np = 0, nu;
	uint32_t a, b;

	for (i = 0; i < ntoks; i++)
		if (toks[i] != BOUNDARY)
			words[toks[i]].freq++;
	order = xcalloc(nwords, sizeof(*order));
	for (i = v = 0; i < nwords; i++)
		if (words[i].freq >= min_freq)
			order[v++] = (uint32_t)i;
	qsort(order, v, sizeof(*order), cmp_rank);
	rank = xcalloc(nwords, sizeof(*rank));
	for (i = 0; i < nwords; i++)
		rank[i] = UINT32_MAX;
	*total = 0;
	for (i = 0; i < v; i++) {
		rank[order[i]] = (uint32_t)i;
		*total += words[order[i]].freq;
	}
	pairs = xcalloc(ntoks, sizeof(*pairs));
	for (i = 0; i + 1 < ntoks; i++) {
		if (toks[i] == BOUNDARY || toks[i + 1] == BOUNDARY)
			continue;
		a = rank[toks[i]];
		b = rank[toks[i + 1]];
		if (a != UINT32_MAX && b != UINT32_MAX)
			pairs[np++] = (uint64_t)a << 32 | b;
	}
	/* Right lists: sorted by (w, x); left lists: by (x, w) swapped. */
	roff = xcalloc(v + 1, sizeof(*roff));
	loff = xcalloc(v + 1, sizeof(*loff));
	for (k = 0; k < 2; k++) {
		size_t *off = k == 0 ? roff : loff;
		struct nb *nb;

		if (k == 1)
			for (i = 0; i < np; i++)
				pairs[i] = pairs[i] << 32 | pairs[i] >> 32;
		qsort(pairs, np, sizeof(*pairs), cmp_u64);
		for (i = nu = 0; i < np; i++)
			if (i == 0 || pairs[i] != pairs[i - 1])
				nu++;
		nb = xcalloc(nu, sizeof(*nb));
		for (i = j = 0; i < np; i++) {
			if (i == 0 || pairs[i] != pairs[i - 1]) {
				nb[j].w = (uint32_t)pairs[i];
				nb[j].n = 0;
				off[(pairs[i] >> 32) + 1]++;
				j++;
			}
			nb[j - 1].n++;
		}
		for (i = 0; i < v; i++)
			off[i + 1] += off[i];
		if (k == 0)
			rnb = nb;
		else
			lnb = nb;
	}
	free(pairs);
	free(rank);
	return v;
}

/* ---- Clustering ---- */

#define CNT(s, t)	cnt[(s) * S + (t)]
#define CNTT(s, t)	cntt[(s) * S + (t)]
#define LOSS(s, t)	loss[(s) < (t) ? (s) * S + (t) : (t) * S + (s)]

static inline double
dl(uint32_t p, uint32_t q)
{
	if (p == 0 || q == 0)
		return 0;
	return xlx[p] + xlx[q] - xlx[p + q];
}

/*
 * Loss of merging active slots a and b; nb[0..nn) lists the slots other
 * than a with a pair with a (only those can add to the d() sum).
 */
static double
pair_loss(size_t a, size_t b, const uint32_t *nb, size_t nn)
{
	const uint32_t *oa = &cnt[a * S], *ob = &cnt[b * S];
	const uint32_t *ia = &cntt[a * S], *ib = &cntt[b * S];
	double sum = 0, la, lb, lab;
	uint64_t ta, tb;
	uint32_t caa, cbb, cab, cba, c;
	size_t i, x;

	for (i = 0; i < nn; i++) {
		x = nb[i];
		if (x == b)
			continue;
		sum += dl(oa[x], ob[x]) + dl(ia[x], ib[x]);
	}
	caa = oa[a];
	cbb = ob[b];
	cab = oa[b];
	cba = ob[a];
	c = caa + cbb + cab + cba;
	ta = tot[a] - cab - cba;
	tb = tot[b] - cab - cba;
	la = lgt[n1[a]];
	lb = lgt[n1[b]];
	lab = lgt[n1[a] + n1[b]];
	sum += ta * (lab - la) + tb * (lab - lb);
	sum += xlx[caa] + xlx[cbb] + xlx[cab] + xlx[cba] - xlx[c] -
	    2.0 * caa * la - 2.0 * cbb * lb - (double)(cab + cba) * (la + lb) +
	    2.0 * c * lab;
	return sum;
}

/* Active slots other than s with a pair with s, into nb; their count. */
static size_t
neighbours(size_t s, uint32_t *nb)
{
	size_t i, nn = 0, x;

	for (i = 0; i < nactive; i++) {
		x = active[i];
		if (x != s && (CNT(s, x) != 0 || CNTT(s, x) != 0))
			nb[nn++] = (uint32_t)x;
	}
	return nn;
}

/* The losses of s with every other active slot. */
static void
row_losses(size_t s, uint32_t *nb)
{
	size_t i, nn, t;

	nn = neighbours(s, nb);
	for (i = 0; i < nactive; i++) {
		t = active[i];
		if (t != s)
			LOSS(s, t) = pair_loss(s, t, nb, nn);
	}
}

static void
active_insert(uint32_t s)
{
	size_t i = nactive;

	while (i > 0 && active[i - 1] > s) {
		active[i] = active[i - 1];
		i--;
	}
	active[i] = s;
	nactive++;
}

static void
active_remove(uint32_t s)
{
	size_t i;

	for (i = 0; active[i] != s; i++)
		;
	memmove(active + i, active + i + 1,
	    (nactive - i - 1) * sizeof(*active));
	nactive--;
}

/* Scratch for the updates. */
static uint32_t *zs, *zoa, *zob, *zia, *zib, *nbuf;
static uint32_t *freeslot;
static size_t nfree;

/* Word w (by rank) joins the active set as a cluster of its own. */
static void
add_word(uint32_t w, uint32_t freq)
{
	size_t k, i, j, s, t, nn;
	uint64_t ck;
	double ls, v;

	k = freeslot[--nfree];
	wslot[w] = (uint32_t)k;
	mhead[k] = mtail[k] = w;
	msize[k] = 1;
	mnext[w] = UINT32_MAX;
	minrank[k] = w;
	n1[k] = freq;
	for (i = roff[w]; i < roff[w + 1]; i++)
		if (rnb[i].w <= w)
			CNT(k, wslot[rnb[i].w]) += rnb[i].n;
	for (i = loff[w]; i < loff[w + 1]; i++)
		if (lnb[i].w < w)
			CNT(wslot[lnb[i].w], k) += lnb[i].n;
	for (s = 0; s < S; s++) {
		CNTT(k, s) = CNT(s, k);
		CNTT(s, k) = CNT(k, s);
	}

	/* The pairs of the other clusters gain the x = k terms. */
	nn = neighbours(k, nbuf);
	for (i = 0; i < nn; i++) {
		s = nbuf[i];
		ck = (uint64_t)CNT(s, k) + CNT(k, s);
		ls = lgt[n1[s]];
		for (j = 0; j < nactive; j++) {
			t = active[j];
			if (t != s)
				LOSS(s, t) += ck * (lgt[n1[s] + n1[t]] - ls);
		}
		tot[s] += ck;
	}
	for (i = 0; i < nn; i++) {
		s = nbuf[i];
		for (j = i + 1; j < nn; j++) {
			t = nbuf[j];
			v = dl(CNT(s, k), CNT(t, k)) + dl(CNT(k, s), CNT(k, t));
			LOSS(s, t) += v;
		}
	}
	tot[k] = 0;
	for (i = 0; i < nn; i++)
		tot[k] += (uint64_t)CNT(k, nbuf[i]) + CNT(nbuf[i], k);
	active_insert((uint32_t)k);
	row_losses(k, nbuf);
}

/* Is the pair (s, t) before (a, b) by the ranks of their first words? */
static int
rank_less(size_t s, size_t t, size_t a, size_t b)
{
	uint32_t s0 = minrank[s], t0 = minrank[t], a0 = minrank[a];
	uint32_t b0 = minrank[b], x;

	if (s0 > t0) {
		x = s0;
		s0 = t0;
		t0 = x;
	}
	if (a0 > b0) {
		x = a0;
		a0 = b0;
		b0 = x;
	}
	return s0 < a0 || (s0 == a0 && t0 < b0);
}

/* The active pair of least loss; ties go to the pair of lower ranks. */
static void
best_pair(size_t *ap, size_t *bp)
{
	size_t i, j, s, t, ba = 0, bb = 0;
	double best = HUGE_VAL, v;
	const double *row;

	for (i = 0; i < nactive; i++) {
		s = active[i];
		row = &loss[s * S];
		for (j = i + 1; j < nactive; j++) {
			t = active[j];
			v = row[t];
			if (v < best || (v == best && rank_less(s, t, ba, bb))) {
				best = v;
				ba = s;
				bb = t;
			}
		}
	}
	*ap = ba;
	*bp = bb;
}

/* The merge tree over the clusters left after the window pass. */
static uint32_t *cnode;			/* per slot */
static uint32_t *tleft, *tright;	/* per tree node */
static size_t nnodes;
static int tree;

/* Merge active slots a and b; the cluster stays in the larger one's slot. */
static void
merge(size_t a, size_t b)
{
	size_t keep, gone, i, j, nz, s, x;
	uint32_t w, first;
	double v;

	nz = 0;
	for (i = 0; i < nactive; i++) {
		s = active[i];
		if (s == a || s == b)
			continue;
		if ((CNT(s, a) | CNT(s, b) | CNT(a, s) | CNT(b, s)) == 0)
			continue;
		zs[nz] = (uint32_t)s;
		zoa[nz] = CNT(s, a);
		zob[nz] = CNT(s, b);
		zia[nz] = CNT(a, s);
		zib[nz] = CNT(b, s);
		nz++;
	}
	for (i = 0; i < nz; i++) {
		for (j = i + 1; j < nz; j++) {
			v = dl(zoa[i] + zob[i], zoa[j] + zob[j]) +
			    dl(zia[i] + zib[i], zia[j] + zib[j]) -
			    dl(zoa[i], zoa[j]) - dl(zob[i], zob[j]) -
			    dl(zia[i], zia[j]) - dl(zib[i], zib[j]);
			LOSS(zs[i], zs[j]) += v;
		}
	}

	if (msize[a] > msize[b] || (msize[a] == msize[b] && a < b)) {
		keep = a;
		gone = b;
	} else {
		keep = b;
		gone = a;
	}
	if (tree) {
		first = minrank[a] < minrank[b] ? cnode[a] : cnode[b];
		tleft[nnodes] = first;
		tright[nnodes] = first == cnode[a] ? cnode[b] : cnode[a];
		cnode[keep] = (uint32_t)nnodes++;
	}
	for (x = 0; x < S; x++)
		CNT(keep, x) += CNT(gone, x);
	for (x = 0; x < S; x++)
		CNT(x, keep) += CNT(x, gone);
	for (x = 0; x < S; x++) {
		CNT(gone, x) = CNT(x, gone) = 0;
		CNTT(gone, x) = CNTT(x, gone) = 0;
	}
	for (x = 0; x < S; x++) {
		CNTT(keep, x) = CNT(x, keep);
		CNTT(x, keep) = CNT(keep, x);
	}
	n1[keep] += n1[gone];
	n1[gone] = 0;
	if (minrank[gone] < minrank[keep])
		minrank[keep] = minrank[gone];
	for (w = mhead[gone]; w != UINT32_MAX; w = mnext[w])
		wslot[w] = (uint32_t)keep;
	mnext[mtail[keep]] = mhead[gone];
	mtail[keep] = mtail[gone];
	msize[keep] += msize[gone];
	msize[gone] = 0;
	active_remove((uint32_t)gone);
	freeslot[nfree++] = (uint32_t)gone;
	tot[keep] = 0;
	for (i = 0; i < nactive; i++) {
		x = active[i];
		if (x != keep)
			tot[keep] += (uint64_t)CNT(keep, x) + CNT(x, keep);
	}
	row_losses(keep, nbuf);
}

/* AMI of the active clusters times N, less the N lg N term. */
static double
ami(void)
{
	size_t i, j, s, t;
	double sum = 0;
	uint32_t c;

	for (i = 0; i < nactive; i++) {
		s = active[i];
		for (j = 0; j < nactive; j++) {
			t = active[j];
			if ((c = CNT(s, t)) != 0)
				sum += xlx[c] - c * (lgt[n1[s]] + lgt[n1[t]]);
		}
	}
	return sum;
}

/* Check every kept loss against one computed afresh. */
static void
check_losses(void)
{
	size_t i, j, s, t, nn;
	double want, got;

	for (i = 0; i < nactive; i++) {
		s = active[i];
		nn = neighbours(s, nbuf);
		for (j = i + 1; j < nactive; j++) {
			t = active[j];
			want = pair_loss(s, t, nbuf, nn);
			got = LOSS(s, t);
			if (fabs(want - got) > 1e-6 * (1 + fabs(want)))
				die("check: loss(%zu,%zu) %.9g, afresh %.9g",
				    s, t, got, want);
		}
	}
}

static void
merge_best(int check)
{
	size_t a, b;
	double before = 0, l = 0;

	best_pair(&a, &b);
	if (check) {
		check_losses();
		before = ami();
		l = LOSS(a, b);
	}
	merge(a, b);
	if (check && fabs(before - ami() - l) > 1e-6 * (1 + fabs(l)))
		die("check: merge loss %.9g, AMI drop %.9g", l, before - ami());
}

/* Give each cluster node below n its path from the root. */
static void
paths(size_t n, char *buf, size_t depth, size_t nleaves, char **path)
{
	if (n < nleaves) {
		buf[depth] = '\0';
		if ((path[n] = strdup(buf)) == NULL)
			die("out of memory");
		return;
	}
	buf[depth] = '0';
	paths(tleft[n], buf, depth + 1, nleaves, path);
	buf[depth] = '1';
	paths(tright[n], buf, depth + 1, nleaves, path);
}

/* Compare two word ranks by the bytes of the words. */
static int
cmp_bytes(const void *pa, const void *pb)
{
	const struct word *a = &words[order[*(const uint32_t *)pa]];
	const struct word *b = &words[order[*(const uint32_t *)pb]];
	size_t n = a->len < b->len ? a->len : b->len;
	int r;

	if ((r = memcmp(arena + a->off, arena + b->off, n)) != 0)
		return r;
	return (a->len > b->len) - (a->len < b->len);
}

static void
free_all(void)
{
	free(arena);
	free(words);
	free(htab);
	free(toks);
	free(lowbuf);
	free(cnt);
	free(cntt);
	free(loss);
	free(n1);
	free(tot);
	free(minrank);
	free(mhead);
	free(mtail);
	free(msize);
	free(mnext);
	free(wslot);
	free(active);
	free(lgt);
	free(xlx);
	free(roff);
	free(loff);
	free(rnb);
	free(lnb);
	free(order);
	free(cnode);
	free(zs);
	free(zoa);
	free(zob);
	free(zia);
	free(zib);
	free(nbuf);
	free(freeslot);
}

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: %s [-Dnv] [-c clusters] [-m min_freq] "
	    "[-k conll_file]... [file ...]\n", progname);
	exit(EXIT_USAGE);
}

static unsigned long
number(const char *s, const char *what, unsigned long min)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v < min ||
	    v > 1000000)
		die("%s: invalid %s", s, what);
	return v;
}

int
main(int argc, char *argv[])
{
	const char **conll = NULL;
	char **path, *buf;
	uint32_t *byword, *wcluster;
	uint64_t total;
	size_t nconll = 0, i, v, nclusters = 1000, nleaves, maxlen;
	unsigned long min_freq = 2;
	int ch, check = 0, counts = 0;
	double t0 = seconds();

	while ((ch = getopt(argc, argv, "Dc:k:m:nv")) != -1) {
		switch (ch) {
		case 'D':
			check = 1;
			break;
		case 'c':
			nclusters = number(optarg, "cluster count", 2);
			break;
		case 'k':
			conll = xreallocarray(conll, nconll + 1,
			    sizeof(*conll));
			conll[nconll++] = optarg;
			break;
		case 'm':
			min_freq = number(optarg, "minimum frequency", 1);
			break;
		case 'n':
			counts = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	for (i = 0; i < nconll; i++)
		read_conll(conll[i]);
	for (i = 0; i < (size_t)argc; i++)
		read_text(argv[i]);
	v = vocabulary((uint32_t)min_freq, &total);
	if (v == 0)
		die("no word occurs %lu times", min_freq);
	if (verbose)
		fprintf(stderr, "%s: %zu tokens, %zu types, %zu kept, "
		    "%.1f s\n", progname, ntokens, nwords, v, seconds() - t0);

	if (nclusters > v)
		nclusters = v;
	S = nclusters + 1;
	ntab = total + 1;
	lgt = xcalloc(ntab, sizeof(*lgt));
	xlx = xcalloc(ntab, sizeof(*xlx));
	for (i = 1; i < ntab; i++) {
		lgt[i] = log((double)i);
		xlx[i] = i * lgt[i];
	}
	cnt = xcalloc(S * S, sizeof(*cnt));
	cntt = xcalloc(S * S, sizeof(*cntt));
	loss = xcalloc(S * S, sizeof(*loss));
	n1 = xcalloc(S, sizeof(*n1));
	tot = xcalloc(S, sizeof(*tot));
	minrank = xcalloc(S, sizeof(*minrank));
	mhead = xcalloc(S, sizeof(*mhead));
	mtail = xcalloc(S, sizeof(*mtail));
	msize = xcalloc(S, sizeof(*msize));
	cnode = xcalloc(S, sizeof(*cnode));
	active = xcalloc(S, sizeof(*active));
	freeslot = xcalloc(S, sizeof(*freeslot));
	zs = xcalloc(S, sizeof(*zs));
	zoa = xcalloc(S, sizeof(*zoa));
	zob = xcalloc(S, sizeof(*zob));
	zia = xcalloc(S, sizeof(*zia));
	zib = xcalloc(S, sizeof(*zib));
	nbuf = xcalloc(S, sizeof(*nbuf));
	mnext = xcalloc(v, sizeof(*mnext));
	wslot = xcalloc(v, sizeof(*wslot));
	for (i = 0; i < S; i++)
		freeslot[nfree++] = (uint32_t)(S - 1 - i);

	for (i = 0; i < v; i++) {
		add_word((uint32_t)i, words[order[i]].freq);
		if (nactive > nclusters)
			merge_best(check);
		if (verbose && (i + 1) % 2000 == 0)
			fprintf(stderr, "%s: %zu words, %.1f s\n", progname,
			    i + 1, seconds() - t0);
	}

	/* The hierarchy over the clusters left. */
	nleaves = nactive;
	tleft = xcalloc(2 * nleaves, sizeof(*tleft));
	tright = xcalloc(2 * nleaves, sizeof(*tright));
	for (i = 0; i < nactive; i++)
		cnode[active[i]] = (uint32_t)nnodes++;
	wcluster = xcalloc(v, sizeof(*wcluster));
	for (i = 0; i < v; i++)
		wcluster[i] = cnode[wslot[i]];
	tree = 1;
	while (nactive > 1)
		merge_best(check);
	path = xcalloc(nleaves, sizeof(*path));
	buf = xcalloc(nleaves + 1, 1);
	if (nleaves == 1)
		path[0] = strdup("0");
	else
		paths(nnodes - 1, buf, 0, nleaves, path);
	if (verbose)
		fprintf(stderr, "%s: clustered, %.1f s\n", progname,
		    seconds() - t0);

	printf("# clusters.txt: Brown word clusters for the entity tagger, "
	    "one word a line:\n"
	    "# WORD<TAB>BITS, sorted by the bytes of WORD. Generated by "
	    "scripts/clusters.c\n"
	    "# with \"make clusters\"; do not edit. It runs, in "
	    "../shared/data:\n"
	    "#   clusters -c %zu -m %lu -k conll2003/train.txt "
	    "-k conll2003/dev.txt \\\n"
	    "#       bbc-summary/articles/*/*.txt\n"
	    "#\n"
	    "# Corpora, unlabelled (%zu tokens): the %d articles of BBC News "
	    "Summary\n"
	    "# (Kaggle, Pariza Sharif 2018, from Greene & Cunningham's BBC "
	    "corpus; dataset\n"
	    "# card CC0, article text (c) BBC) and the token column of "
	    "CoNLL-2003 English\n"
	    "# train and dev (Reuters RCV1). Only their words are kept "
	    "here.\n"
	    "# Algorithm: Brown et al. 1992, windowed as in Liang 2005 "
	    "(C = %zu active\n"
	    "# clusters, merge the pair of least loss of average mutual "
	    "information over\n"
	    "# adjacent tokens, add the next most frequent word); the %zu "
	    "words of\n"
	    "# frequency >= %lu. BITS is the path (0 left, 1 right) from the "
	    "root of the\n"
	    "# merge tree of the C clusters to the word's: the words of a "
	    "cluster share it,\n"
	    "# and its prefixes (4, 6, 10, 20 bits) are coarser classes.\n"
	    "# Tokens: raw text split on white space; leading and trailing "
	    "punctuation\n"
	    "# split off (a run of one mark is one token; a letter-period "
	    "abbreviation\n"
	    "# like \"U.S.\" keeps its period); possessive 's split off; "
	    "inner marks and\n"
	    "# digits kept as they are. WORD is the token lower-cased: "
	    "ASCII, Latin-1,\n"
	    "# Latin Extended-A, Greek and Cyrillic capitals, one code point "
	    "to one.\n",
	    nclusters, min_freq, ntokens, argc, nleaves, v, min_freq);
	byword = xcalloc(v, sizeof(*byword));
	for (i = 0; i < v; i++)
		byword[i] = (uint32_t)i;
	qsort(byword, v, sizeof(*byword), cmp_bytes);
	maxlen = 0;
	for (i = 0; i < v; i++) {
		const struct word *w = &words[order[byword[i]]];
		const char *bits = path[wcluster[byword[i]]];

		fwrite(arena + w->off, 1, w->len, stdout);
		if (counts)
			printf("\t%s\t%lu\n", bits, (unsigned long)w->freq);
		else
			printf("\t%s\n", bits);
		if (strlen(bits) > maxlen)
			maxlen = strlen(bits);
	}
	if (verbose)
		fprintf(stderr, "%s: deepest path %zu bits\n", progname,
		    maxlen);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("write error");

	for (i = 0; i < nleaves; i++)
		free(path[i]);
	free(path);
	free(buf);
	free(byword);
	free(wcluster);
	free(tleft);
	free(tright);
	free(conll);
	free_all();
	return 0;
}
