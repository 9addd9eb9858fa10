/* ner.c: the statistical tagger of people, organisations, places and
 * groups: a tokenizer for raw news text, features hashed to 64-bit
 * integers, an averaged perceptron over BILOU tags of the four CoNLL-2003
 * classes decoded by Viterbi under the legal transitions, and its trainer.
 *
 * Features (after Ratinov & Roth 2009): the word and its lower-cased form
 * in a window of two, shapes, prefixes and suffixes, word bigrams,
 * sentence position and case mode (ALL CAPS or Title Case), gazetteer
 * matches, Brown cluster prefixes, how the word is written elsewhere in
 * the document, and the classes the word was given earlier in the
 * document (extended prediction history).
 *
 * The model is one block usable in place: a header, the transition
 * scores, an open-addressed table of 64-byte buckets holding each
 * feature's fingerprint and its sparse int16 weights together, and a
 * lexicon (lower-cased word or word sequence -> cluster path and
 * gazetteer types). A document is kept as 12-byte tokens pointing to its
 * distinct words, each analysed once; the weights of features that do
 * not depend on the text are summed at load, those of a word's own
 * features are cached per tagger, and the other lookups of a sentence
 * are queued and done with their buckets prefetched. */
/* madvise() and MADV_HUGEPAGE, where the system has them. */
#define _DEFAULT_SOURCE

#include <sys/mman.h>

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <xxhash.h>

#include "ns.h"

extern const char *const ns_ner_model_data;
extern const size_t ns_ner_model_data_len;
extern const char *const ns_gazetteer_data;
extern const size_t ns_gazetteer_data_len;
extern const char *const ns_clusters_data;
extern const size_t ns_clusters_data_len;

#define NL	17		/* O, then B I L U of PER ORG LOC MISC */
#define NCLS	4
#define MAXF	96		/* features of one position (at most 66) */
#define GAZMAX	6		/* tokens in the longest gazetteer name */
#define MAGIC	"NSNER\r\n\032"
#define VERSION	2
#define BKW	16		/* 32-bit words in a bucket of the weights */
#define MAXROW	(BKW - 1)	/* labels of a feature in its bucket */
#define LONGROW	31		/* count of a record whose weights are a long
				 * row (its next word is the row's index) */
#define MAXDOC	0xfffffff0u	/* bytes of a document tagged */

enum { C_PER, C_ORG, C_LOC, C_MISC };

#define LAB_B(c)	(1 + 4 * (c))
#define LAB_I(c)	(2 + 4 * (c))
#define LAB_L(c)	(3 + 4 * (c))
#define LAB_U(c)	(4 + 4 * (c))
#define LAB_CLS(y)	(((y) - 1) / 4)
#define LAB_POS(y)	(((y) - 1) % 4)	/* 0 B, 1 I, 2 L, 3 U */

/* Gazetteer types in the lexicon. */
enum {
	G_COUNTRY = 1,
	G_SUBDIV = 2,
	G_CITY = 4,
	G_REGION = 8,
	G_NORP = 16,
	G_NTYPES = 5,
	G_FOUND = 32		/* in a wtype's gaz: the word is in the lexicon */
};

/* Flags of a word (T_NL and T_DROP: of one occurrence). */
enum {
	T_UPPER = 1,		/* has an upper-case letter */
	T_LOWER = 2,		/* has a lower-case letter */
	T_DIGIT = 4,
	T_ALPHA = 8,		/* has a letter */
	T_INITCAP = 16,		/* starts with an upper-case letter */
	T_PUNCT = 32,		/* no letter, digit or mark */
	T_NL = 64,		/* a line break before it */
	T_END = 128,		/* . ! ? : may end a sentence */
	T_LEX = 256,		/* lexicon looked up (cluster, gaz) */
	T_DROP = 512,		/* training: the word itself is not seen */
	T_PRONP = 1024,		/* he, his, him, she, her */
	T_PRONT = 2048,		/* it, its, company, firm, ... */
	T_FUNC = 4096,		/* a function word (function_words[]) */
	T_MINOR = 8192,		/* a word Title Case leaves in lower case */
	T_CLOSE = 16384		/* starts with " ' ) ] } or a byte 0xe2 */
};

/* Sentence case modes. */
enum { M_NORMAL, M_CAPS, M_TITLE };

/* Feature templates. */
enum {
	F_BIAS = 1, F_L, F_W = F_L + 5, F_S, F_PRE = F_S + 5, F_SUF = F_PRE + 4,
	F_LL0 = F_SUF + 4, F_LL1, F_SSS, F_INIT, F_MODE, F_MODEL,
	F_CLU, F_GAZ = F_CLU + 12, F_DC = F_GAZ + 3, F_HM, F_HA, F_LEN,
	F_WL, F_WR, F_PRON
};

/* A distinct word of the document (its bytes): everything about it that
 * does not depend on where it stands. */
struct wtype {
	uint64_t hw, hl, hs;	/* hashes: form, lower-cased, shape */
	uint32_t first, len;	/* bytes of its first occurrence */
	uint32_t lo, lolen;	/* lower-cased form in t->lower */
	uint32_t cluster;	/* path length << 24 | first 24 bits; 0 none */
	uint32_t dw;		/* 1 + its entry in t->dw; 0 none */
	uint16_t flags;
	uint8_t	 ncp;		/* code points, up to 255 */
	uint8_t	 gaz;		/* gazetteer types of the word alone | G_FOUND */
};

/* A token: where it is, which word. 12 bytes, as a long text has many. */
struct tok {
	uint32_t start, type;
	uint16_t flags;		/* its word's, and T_NL, T_DROP */
};

struct sent {
	size_t	 a, b;		/* tokens [a, b) */
	int	 mode;
};

/* Per-document memory of a word written with a capital: how it is
 * written elsewhere, what it was tagged. */
struct dword {
	uint64_t key;		/* lower-cased hash */
	uint16_t cnt[NCLS];
	uint8_t	 dc;		/* mid-sentence: 1 lower-case, 2 capital */
	uint8_t	 pron;		/* after it in its sentences: 1 he, his, she,
				 * her; 2 it, its, company, firm */
	uint8_t	 nprev, nnext;
	uint32_t ctx;		/* 1 + its summed PRON, WL, WR weights in
				 * t->dvec; 0 not yet */
	uint64_t prev[3], next[3];	/* words before and after it in the
					 * document (context aggregation) */
};

struct lexicon {
	const uint64_t *keys;
	const uint64_t *vals;	/* gaz types << 32 | cluster */
	uint32_t cap, probe;
};

/* Summed weights of features that do not depend on the text. */
struct consts {
	int32_t	 bias[NL];
	int32_t	 bnd[5][NL];		/* BOS or EOS at offset o + 2 */
	int32_t	 ha[NCLS][NL], hm[NCLS][NL], pron[4][NL];
	int32_t	 dc[4][12][NL];
	int32_t	 gaz[3][8][G_NTYPES][NL];
};

struct ns_ner_model {
	void	*owned;
	uint32_t nb, probe, flags, nlong;
	float	 scale;
	const float *trans, *start, *end;
	const uint32_t *bk;	/* nb buckets of BKW words, as in the file */
	const uint64_t *ovf;	/* a bit per bucket: a probe goes on */
	uint32_t *rbk;		/* the buckets regrouped: see regroup() */
	uint8_t	*meta;		/* per bucket: records | MORE */
	const int32_t *lng;	/* nlong rows of NL + 1 weights */
	uint64_t *filter;	/* a bit per fingerprint >> 12, made on load */
	struct consts *c;
	struct lexicon lex;
};

/* Summed weights of a word's own features at one offset. A miss costs
 * some twenty lookups of weights: 5 MB of them keep most words of a
 * stream of news. */
#define NCACHE 65536
struct wcache {
	uint64_t key;		/* the word's hash and offset; 0 empty */
	uint32_t gen;		/* t->gen of the sentence that last used it */
	int32_t	 v[NL];
};

/* What analyse_word() and word_lex() made of a word, kept across
 * documents: most words of a record were in one before, and their
 * analysis (lower case, shape, hashes, the lexicon's entry, a likely
 * miss in its megabytes) is a pure function of their bytes. Direct
 * mapped by the word's hash; w holds the word, then its lower-cased
 * form. Two cache lines. */
#define NTYCACHE 8192
#define TYC_BYTES 94
struct tycache {
	uint64_t hw, hl, hs;	/* hw 0: empty */
	uint32_t cluster;
	uint16_t flags;		/* with T_LEX */
	uint8_t	 ncp, gaz, len, lolen;
	char	 w[TYC_BYTES];
};

/* A weight lookup to do: v += s * the weights of feature f. */
struct pend {
	uint64_t f;
	int32_t	*v;
	int32_t	 s;
};

struct ns_ner {
	const struct ns_ner_model *m;
	struct wcache *cache;	/* NCACHE, with a model */
	struct tycache *tyc;	/* NTYCACHE, with a model */
	const struct lexicon *lex;
	const char *s;		/* the document */
	struct tok *tok;
	uint64_t *tokhw;	/* hbytes() of each token, for prepare() */
	size_t	 ntok, tokcap;
	struct wtype *ty;
	size_t	 nty, tycap;
	uint32_t *th;		/* 1 + type, by hw */
	size_t	 thmask, thcap;
	struct ns_buf lower;
	struct ns_buf joined;	/* title, a blank line, text */
	struct dword *dw;
	size_t	 ndw, dwcap;
	uint32_t *dh;		/* 1 + dword, by key */
	size_t	 dhmask, dhcap;
	int32_t	(*dvec)[NL];
	size_t	 ndvec, dveccap;
	struct sent *sents;	/* of the document, by sent_at() */
	size_t	 nsents, sentcap;
	/* one sentence */
	uint64_t *f;		/* MAXF per position */
	uint8_t	*nf;
	uint8_t	*freep, *gaz;
	float	*emit, *delta;
	uint8_t	*bp, *lab;
	size_t	 scap;
	const int32_t **wv;	/* 5 per position: the words' sums */
	int32_t	(*scr)[NL];	/* 6 per position */
	size_t	 nscr;
	struct pend *pend;
	size_t	 npend, pendcap;
	uint32_t gen;
	float	 pt[NL][NL];	/* trans_rows() of the model */
};

static void init_tables(void);

#define BIG_ALIGN	((size_t)2 << 20)	/* a huge page of x86-64 */

/* Memory for the tables read at random (the model's buckets and filter,
 * the tagger's cache of word sums: megabytes), in huge pages where the
 * system gives them: on small pages most lookups miss the TLB as well as
 * the caches. Its n bytes zeroed if zero (the buckets are all written
 * at load: no need). Freed with free(); NULL when out of memory. */
static void *
big_alloc(size_t n, int zero)
{
	size_t len = (n + BIG_ALIGN - 1) / BIG_ALIGN * BIG_ALIGN;
	void *p;

	if (posix_memalign(&p, BIG_ALIGN, len) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, len, MADV_HUGEPAGE);
#endif
	if (zero)
		memset(p, 0, n);
	return p;
}

#define PREFETCH 16	/* lookups ahead whose bucket is fetched */

/* Fetch the cache line at p ahead of its use (a feature's bucket, the
 * filter's word of a feature, an entry of the tagger's caches). */
static void
prefetch(const void *p)
{
#if defined(__GNUC__) || defined(__clang__)
	__builtin_prefetch(p);
#else
	(void)p;
#endif
}

/* ---- hashing ---- */

#define K1 0x9e3779b97f4a7c15ULL
#define K2 0xc2b2ae3d27d4eb4fULL

static inline uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static inline uint64_t
feat1(unsigned t, uint64_t a)
{
	return mix(a + (uint64_t)t * K1) | 1;
}

static inline uint64_t
feat2(unsigned t, uint64_t a, uint64_t b)
{
	return mix(mix(a + (uint64_t)t * K1) ^ (b * K2)) | 1;
}

static inline uint64_t
hbytes(const char *s, size_t n)
{
	return XXH3_64bits(s, n) | 1;
}

/* The key of the word sequence h[0..n-1] (lower-cased hashes). */
static inline uint64_t
seq_next(uint64_t k, uint64_t h)
{
	return mix(k * K2 + h) | 1;
}

#define H_BOS	0x5bd1e9955bd1e995ULL
#define H_EOS	0x27d4eb2f165667c5ULL

/* ---- characters and tokens ---- */

enum { C_SPACE, C_UP, C_LO, C_ALPHA, C_DIGIT, C_MARK, C_OTHER };

static unsigned char ascii_cls[128];
static uint16_t ascii_flags[128];	/* T_UPPER, T_LOWER, ... of a byte */
static unsigned char ascii_shape[128];	/* its class in a word's shape */

static void
init_ascii(void)
{
	int c;

	if (ascii_cls['a'] == C_LO)
		return;
	for (c = 0; c < 128; c++)
		ascii_cls[c] = C_OTHER;
	ascii_cls[' '] = C_SPACE;
	for (c = '\t'; c <= '\r'; c++)
		ascii_cls[c] = C_SPACE;
	for (c = '0'; c <= '9'; c++)
		ascii_cls[c] = C_DIGIT;
	for (c = 'A'; c <= 'Z'; c++)
		ascii_cls[c] = C_UP;
	for (c = 'a'; c <= 'z'; c++)
		ascii_cls[c] = C_LO;
	for (c = 0; c < 128; c++) {
		ascii_shape[c] = (unsigned char)c;
		if (ascii_cls[c] == C_UP) {
			ascii_flags[c] = T_UPPER | T_ALPHA;
			ascii_shape[c] = 'X';
		} else if (ascii_cls[c] == C_LO) {
			ascii_flags[c] = T_LOWER | T_ALPHA;
			ascii_shape[c] = 'x';
		} else if (ascii_cls[c] == C_DIGIT) {
			ascii_flags[c] = T_DIGIT;
			ascii_shape[c] = 'd';
		}
	}
}

static int
cp_cls(int32_t cp)
{
	if (cp < 0x80)
		return ascii_cls[cp];
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return C_UP;
	case UTF8PROC_CATEGORY_LL:
		return C_LO;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_ALPHA;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ZS:
		return C_SPACE;
	default:
		return C_OTHER;
	}
}

#define ALNUM(c)	((c) >= C_UP && (c) <= C_MARK)

/* The code point at s[i] (valid UTF-8 promised; a stray byte is one
 * code point of its own) and its length. */
static inline int32_t
dec(const unsigned char *u, size_t n, size_t i, size_t *k)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r;

	if (u[i] < 0x80) {
		*k = 1;
		return u[i];
	}
	r = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
	if (r <= 0) {
		*k = 1;
		return 0xfffd;
	}
	*k = (size_t)r;
	return cp;
}

static inline int
is_apos(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

/* Is s[i..] (after an apostrophe) the rest of a clitic: s, ll, re, ve,
 * d, m or t, then no word character? */
static int
clitic_at(const unsigned char *u, size_t n, size_t i)
{
	static const char *const cl[] = { "s", "ll", "re", "ve", "d", "m",
	    "t" };
	static const unsigned char cll[] = { 1, 2, 2, 2, 1, 1, 1 };
	size_t j, l, k;

	for (j = 0; j < sizeof(cl) / sizeof(cl[0]); j++) {
		l = cll[j];
		if (i + l > n)
			continue;
		for (k = 0; k < l; k++)
			if ((u[i + k] | 0x20) != cl[j][k])
				break;
		if (k < l)
			continue;
		if (i + l == n)
			return (int)l;
		if (u[i + l] < 0x80 ? !ALNUM(ascii_cls[u[i + l]]) :
		    !ALNUM(cp_cls(dec(u, n, i + l, &k))))
			return (int)l;
	}
	return 0;
}

/* Words that keep their full stop. */
static int
abbrev(const char *w, size_t n)
{
	static const char *const list[] = { "Adm", "Ave", "Bros", "Capt",
	    "Cmdr", "Co", "Col", "Corp", "Dept", "Dr", "Ft", "Gen", "Gov",
	    "Hon", "Inc", "Jr", "Lt", "Ltd", "Maj", "Messrs", "Mr", "Mrs",
	    "Ms", "Mt", "Plc", "Prof", "Rep", "Rev", "Sen", "Sgt", "Sr", "St",
	    "vs" };
	size_t i, dots = 0;

	if (n == 1)
		return w[0] >= 'A' && w[0] <= 'Z';
	for (i = 0; i < n; i++) {
		if (w[i] == '.')
			dots++;
		else if (!((w[i] >= 'A' && w[i] <= 'Z') ||
		    (w[i] >= 'a' && w[i] <= 'z')))
			break;
	}
	if (i == n && dots > 0 && n <= 2 * dots + 2)
		return 1;	/* U.S, e.g, a.m */
	for (i = 0; i < sizeof(list) / sizeof(list[0]); i++)
		if (list[i][0] == w[0] && strlen(list[i]) == n &&
		    memcmp(list[i], w, n) == 0)
			return 1;
	return 0;
}


/* The next token of u[0..n-1] from *i on: [*start, *end), *nl set when a
 * line break comes before it; 0 at the end. */
static int
next_token(const unsigned char *u, size_t n, size_t *i, size_t *start,
    size_t *end, int *nl)
{
	size_t j, k, k2, nxt;
	int32_t cp, cp2;
	int c, last, l;

	*nl = 0;
	for (;;) {
		while (*i < n && u[*i] < 0x80 && ascii_cls[u[*i]] == C_SPACE) {
			if (u[*i] == '\n')
				*nl = 1;
			(*i)++;
		}
		if (*i >= n)
			return 0;
		cp = dec(u, n, *i, &k);
		c = cp_cls(cp);
		if (c != C_SPACE)
			break;
		*i += k;
	}
	*start = *i;
	if (ALNUM(c)) {
		j = *i;
		last = c;
		for (;;) {
			while (j < n) {
				if (u[j] < 0x80) {
					c = ascii_cls[u[j]];
					if (!ALNUM(c)) {
						cp = u[j];
						k = 1;
						break;
					}
					last = c;
					j++;
					continue;
				}
				cp = dec(u, n, j, &k);
				c = cp_cls(cp);
				if (!ALNUM(c))
					break;
				last = c;
				j += k;
			}
			if (j >= n)
				break;
			nxt = j + k;
			if (nxt >= n)
				break;
			cp2 = dec(u, n, nxt, &k2);
			if (!ALNUM(cp_cls(cp2)))
				break;
			if (is_apos(cp)) {
				l = clitic_at(u, n, nxt);
				if (l == 1 && (u[nxt] | 0x20) == 't' &&
				    j >= *start + 2 &&
				    (u[j - 1] | 0x20) == 'n') {
					/* does|n't */
					j--;
					break;
				}
				if (l > 0 && !(l == 1 &&
				    (u[nxt] | 0x20) == 't'))
					break;
			} else if (cp == ',' || cp == '/' ||
			    cp == ':') {
				if (last != C_DIGIT ||
				    cp_cls(cp2) != C_DIGIT)
					break;
			} else if (!(cp == '.' || cp == '&' ||
			    cp == '-' || cp == 0x2010 ||
			    cp == 0x2011))
				break;
			j = nxt;
		}
		if (j < n && u[j] == '.' && j - *start < 16 &&
		    abbrev((const char *)u + *start, j - *start))
			j++;
	} else if (is_apos(cp) && *i + k < n &&
	    (l = clitic_at(u, n, *i + k)) > 0) {
		j = *i + k + (size_t)l;
	} else {
		/* Punctuation: a run of one character. */
		j = *i + k;
		while (j < n && cp < 0x80 && u[j] == (unsigned char)cp)
			j++;
	}
	*end = j;
	*i = j;
	return 1;
}

size_t
ns_ner_tokens(const char *s, size_t n, struct ns_span **v, size_t *cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start, end, count = 0;
	int nl;

	init_tables();
	while (next_token(u, n, &i, &start, &end, &nl)) {
		if (count == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*v = ns_xreallocarray(*v, *cap, sizeof(**v));
		}
		(*v)[count].start = start;
		(*v)[count].end = end;
		count++;
	}
	return count;
}
/* ---- lexicon ---- */

static const uint64_t *
lex_get(const struct lexicon *x, uint64_t key)
{
	uint32_t i, p;

	if (x->cap == 0)
		return NULL;
	i = (uint32_t)key & (x->cap - 1);
	for (p = 0; p <= x->probe; p++) {
		if (x->keys[i] == key)
			return &x->vals[i];
		if (x->keys[i] == 0)
			return NULL;
		i = (i + 1) & (x->cap - 1);
	}
	return NULL;
}

/* The lexicon's entry of word x alone, looked up once per document: its
 * cluster, and in x->gaz its gazetteer types as a name of its own, with
 * G_FOUND when the lexicon has it at all (a longer name may start so). */
static inline struct tycache *
tyc_of(const struct ns_ner *t, uint64_t hw)
{
	return &t->tyc[(hw >> 32) & (NTYCACHE - 1)];
}

static void
word_lex(const struct ns_ner *t, struct wtype *x)
{
	const uint64_t *lv;
	struct tycache *c;

	if (x->flags & T_LEX)
		return;
	x->flags |= T_LEX;
	if ((lv = lex_get(t->lex, x->hl)) != NULL) {
		x->cluster = (uint32_t)*lv;
		x->gaz = (uint8_t)(G_FOUND | ((*lv >> 32) & 31));
	}
	/* into the word's entry of the cache, if it is there */
	if (t->tyc != NULL && (c = tyc_of(t, x->hw))->hw == x->hw &&
	    c->len == x->len && memcmp(c->w, t->s + x->first, x->len) == 0) {
		c->flags |= T_LEX;
		c->cluster = x->cluster;
		c->gaz = x->gaz;
	}
}

/* ---- analysis of a document ---- */

/* Small words that Title Case leaves in lower case. */
static int
minor_word(const char *w, size_t n)
{
	static const char *const list[] = { "a", "an", "and", "as", "at",
	    "but", "by", "for", "from", "in", "into", "is", "of", "on",
	    "or", "over", "the", "to", "up", "via", "vs", "with" };
	size_t i;

	if (n > 4 || n == 0)
		return 0;
	/* The list is in order: the words of w's first letter, if any. */
	for (i = 0; i < sizeof(list) / sizeof(list[0]) &&
	    (unsigned char)list[i][0] <= (unsigned char)w[0]; i++)
		if (list[i][0] == w[0] && strncmp(list[i], w, n) == 0 &&
		    list[i][n] == '\0')
			return 1;
	return 0;
}

/* Function words: capitalized at the start of a sentence and followed by
 * a word in lower case, they are not part of a name. */
static const char function_words[] = "a about after all also although an "
    "and another any are as at be because been before both but by can "
    "could did do does during each even every few for from had has have "
    "he her here his how however i if in into is it its many may "
    "meanwhile might more most much must my no nor not of off on only or "
    "other our out over she should since so some still such than that the "
    "their then there these they this those though to until up was we "
    "were what when where which while who whom whose why will with "
    "without would yet you your likewise instead moreover furthermore "
    "nevertheless indeed now today yesterday tomorrow earlier later last "
    "next first overall ";
static uint64_t fw_table[256];

/* Words that stand for a person (he, his, ...) and for a thing or a firm
 * (it, its, company, ...), hashed by init_function_words(). */
static const char *const person_words[] = { "he", "his", "him", "she",
    "her" };
static const char *const thing_words[] = { "it", "its", "company", "firm",
    "group", "shares", "which" };
static uint64_t person_h[5], thing_h[7];

static void
init_function_words(void)
{
	const char *p, *sp;
	uint64_t h;
	size_t i;

	if (fw_table[0] != 0)
		return;
	for (i = 0; i < 5; i++)
		person_h[i] = hbytes(person_words[i], strlen(person_words[i]));
	for (i = 0; i < 7; i++)
		thing_h[i] = hbytes(thing_words[i], strlen(thing_words[i]));
	fw_table[0] = 1;	/* slot 0 never holds a word: a hash is odd */
	for (p = function_words; (sp = strchr(p, ' ')) != NULL; p = sp + 1) {
		h = hbytes(p, (size_t)(sp - p));
		for (i = h & 255; fw_table[i] != 0; i = (i + 1) & 255)
			;
		fw_table[i] = h;
	}
}

static int
function_word(uint64_t h)
{
	size_t i;

	for (i = h & 255; fw_table[i] != 0; i = (i + 1) & 255)
		if (fw_table[i] == h && i != 0)
			return 1;
	return 0;
}

/* T_PRONP for a word that stands for a person, T_PRONT for one that
 * stands for a thing or a firm, else 0. */
static int
pronoun(const struct wtype *x)
{
	size_t i;

	if (x->ncp > 7 || !(x->flags & T_LOWER))
		return 0;
	for (i = 0; i < 5; i++)
		if (person_h[i] == x->hl)
			return T_PRONP;
	for (i = 0; i < 7; i++)
		if (thing_h[i] == x->hl)
			return T_PRONT;
	return 0;
}

/* Lower-case, shape and hash the word u[0..n-1] into x. */
static void
analyse_word(struct ns_ner *t, const unsigned char *u, size_t n,
    struct wtype *x)
{
	size_t j, k, ncp = 0, sl = 0, ll = 0;
	int32_t cp, lc;
	int c, prev1 = -1, prev2 = -1, cls;
	uint64_t hs = 0xcbf29ce484222325ULL;
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t el;
	char *lp;

	x->lo = (uint32_t)t->lower.len;
	/* a lower-case code point is at most 4 bytes (2 more) */
	ns_buf_reserve(&t->lower, 2 * n + 1);
	lp = t->lower.p + t->lower.len;
	for (j = 0; j < n; j += k) {
		if (u[j] < 0x80) {
			/* ASCII: tables, no switch */
			cp = u[j];
			k = 1;
			ncp++;
			x->flags |= ascii_flags[cp];
			cls = ascii_shape[cp];
			if (!(cls == prev1 && cls == prev2) && sl < 24) {
				hs = (hs ^ (uint64_t)cls) * 0x100000001b3ULL;
				sl++;
				prev2 = prev1;
				prev1 = cls;
			}
			lp[ll++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
			continue;
		}
		cp = dec(u, n, j, &k);
		c = cp_cls(cp);
		ncp++;
		switch (c) {
		case C_UP:
			x->flags |= T_UPPER | T_ALPHA;
			if (j == 0)
				x->flags |= T_INITCAP;
			cls = 'X';
			break;
		case C_LO:
			x->flags |= T_LOWER | T_ALPHA;
			cls = 'x';
			break;
		case C_ALPHA:
		case C_MARK:
			x->flags |= T_ALPHA;
			cls = 'x';
			break;
		case C_DIGIT:
			x->flags |= T_DIGIT;
			cls = 'd';
			break;
		default:
			cls = cp < 0x80 ? cp : '?';
			break;
		}
		if (!(cls == prev1 && cls == prev2) && sl < 24) {
			hs = (hs ^ (uint64_t)cls) * 0x100000001b3ULL;
			sl++;
			prev2 = prev1;
			prev1 = cls;
		}
		lc = c == C_UP ? utf8proc_tolower(cp) : cp;
		el = utf8proc_encode_char(lc, enc);
		if (el <= 0) {
			memcpy(lp + ll, u + j, k);
			ll += k;
		} else {
			memcpy(lp + ll, enc, (size_t)el);
			ll += (size_t)el;
		}
	}
	t->lower.len += ll;
	t->lower.p[t->lower.len] = '\0';
	if ((x->flags & T_UPPER) && u[0] < 0x80 && ascii_cls[u[0]] == C_UP)
		x->flags |= T_INITCAP;
	if (!(x->flags & (T_ALPHA | T_DIGIT)) && n > 0) {
		cp = dec(u, n, 0, &k);
		if (cp_cls(cp) != C_MARK) {
			x->flags |= T_PUNCT;
			if (cp == '.' || cp == '!' || cp == '?' ||
			    cp == 0x2026)
				x->flags |= T_END;
		}
	}
	x->lolen = (uint32_t)ll;
	x->ncp = ncp > 255 ? 255 : (uint8_t)ncp;
	x->hl = x->flags & T_UPPER ? hbytes(lp, ll) : x->hw;
	x->hs = mix(hs) | 1;
	x->flags |= (uint16_t)pronoun(x);
	if (function_word(x->hl))
		x->flags |= T_FUNC;
	if (minor_word(lp, ll))
		x->flags |= T_MINOR;
	if ((x->flags & T_PUNCT) && ll > 0 && lp[0] != '\0' &&
	    strchr("\"')]}\xe2", lp[0]) != NULL)
		x->flags |= T_CLOSE;
}

static inline const struct wtype *
ty_of(const struct ns_ner *t, size_t i)
{
	return &t->ty[t->tok[i].type];
}

static inline size_t
tok_end(const struct ns_ner *t, size_t i)
{
	return (size_t)t->tok[i].start + t->ty[t->tok[i].type].len;
}

/* An empty open-addressed table of 1 + index, at least want slots. */
static void
table_reset(uint32_t **tab, size_t *cap, size_t *mask, size_t want)
{
	size_t c = 1024;

	while (c < want)
		c *= 2;
	if (c > *cap) {
		free(*tab);
		*tab = ns_xcalloc(c, sizeof(**tab));
		*cap = c;
	} else
		memset(*tab, 0, c * sizeof(**tab));
	*mask = c - 1;
}

/* Double table *tab of keys key(i) (i = entry - 1). */
static void
table_grow(uint32_t **tab, size_t *cap, size_t *mask, const void *base,
    size_t stride, size_t n)
{
	size_t c = (*mask + 1) * 2, i, j;
	uint64_t key;

	free(*tab);
	*tab = ns_xcalloc(c, sizeof(**tab));
	*cap = c;
	*mask = c - 1;
	for (i = 0; i < n; i++) {
		memcpy(&key, (const char *)base + i * stride, 8);
		for (j = (size_t)key & *mask; (*tab)[j] != 0; j = (j + 1) & *mask)
			;
		(*tab)[j] = (uint32_t)(i + 1);
	}
}

/* The type of the word s[start, start + len), added if new. */
static uint32_t
intern(struct ns_ner *t, const char *s, size_t start, size_t len,
    uint64_t hw)
{
	size_t i = (size_t)hw & t->thmask;
	uint32_t e;
	struct wtype *x;
	struct tycache *c;

	while ((e = t->th[i]) != 0) {
		x = &t->ty[e - 1];
		if (x->hw == hw && x->len == len &&
		    memcmp(s + x->first, s + start, len) == 0)
			return e - 1;
		i = (i + 1) & t->thmask;
	}
	if (t->nty == t->tycap) {
		t->tycap = t->tycap ? t->tycap * 2 : 256;
		t->ty = ns_xreallocarray(t->ty, t->tycap, sizeof(*t->ty));
	}
	x = &t->ty[t->nty];
	memset(x, 0, sizeof(*x));
	x->hw = hw;
	x->first = (uint32_t)start;
	x->len = (uint32_t)len;
	c = t->tyc != NULL ? tyc_of(t, hw) : NULL;
	if (c != NULL && c->hw == hw && c->len == len &&
	    memcmp(c->w, s + start, len) == 0) {
		x->hl = c->hl;
		x->hs = c->hs;
		x->cluster = c->cluster;
		x->flags = c->flags;
		x->ncp = c->ncp;
		x->gaz = c->gaz;
		x->lo = (uint32_t)t->lower.len;
		x->lolen = c->lolen;
		ns_buf_add(&t->lower, c->w + len, c->lolen);
	} else {
		analyse_word(t, (const unsigned char *)s + start, len, x);
		if (c != NULL && len + x->lolen <= TYC_BYTES) {
			/* the lexicon's entry when word_lex() looks */
			c->hw = hw;
			c->hl = x->hl;
			c->hs = x->hs;
			c->cluster = x->cluster;
			c->flags = x->flags;
			c->ncp = x->ncp;
			c->gaz = x->gaz;
			c->len = (uint8_t)len;
			c->lolen = (uint8_t)x->lolen;
			memcpy(c->w, s + start, len);
			memcpy(c->w + len, t->lower.p + x->lo, x->lolen);
		}
	}
	t->th[i] = (uint32_t)++t->nty;
	if (2 * t->nty > t->thmask)
		table_grow(&t->th, &t->thcap, &t->thmask, t->ty,
		    sizeof(*t->ty), t->nty);
	return (uint32_t)(t->nty - 1);
}

/* The sentence that starts at token a: at a line break, and after . ! ?
 * tokens (with the closing quotes and brackets after them); at most 250
 * tokens (the scratch rows are bytes). Then its case mode. */
static void
sent_at(const struct ns_ner *t, size_t a, struct sent *st)
{
	size_t i, words = 0, caps = 0, lower = 0, minor = 0;
	const struct tok *x;

	st->a = a;
	st->mode = M_NORMAL;
	for (i = a; i < t->ntok; i++) {
		if (i > a && ((t->tok[i].flags & T_NL) || i - a >= 250))
			break;
		if (t->tok[i].flags & T_END) {
			while (i + 1 < t->ntok &&
			    !(t->tok[i + 1].flags & T_NL) &&
			    (t->tok[i + 1].flags & T_CLOSE) &&
			    i + 1 - a < 250)
				i++;
			i++;
			break;
		}
	}
	st->b = i;
	for (i = st->a; i < st->b; i++) {
		x = &t->tok[i];
		if (!(x->flags & T_ALPHA))
			continue;
		words++;
		if (x->flags & T_LOWER) {
			lower++;
			if (x->flags & T_INITCAP)
				caps++;
		}
	}
	if (words >= 3 && caps >= 3 && caps * 10 >= lower * 6 && caps < lower)
		for (i = st->a; i < st->b; i++)
			if ((t->tok[i].flags & (T_LOWER | T_INITCAP | T_MINOR))
			    == (T_LOWER | T_MINOR))
				minor++;
	if (lower == 0 && words >= 1) {
		for (i = st->a; i < st->b; i++)
			if ((t->tok[i].flags & T_UPPER) && ty_of(t, i)->ncp >= 2)
				break;
		if (i < st->b)
			st->mode = M_CAPS;
	} else if (words >= 3 && caps + minor == lower &&
	    caps * 10 >= lower * 6 && caps >= 3)
		st->mode = M_TITLE;
}

/* Longest gazetteer matches in sentence st, from tokens with capitals,
 * into t->gaz: 1 B, 2 I, 3 L, 4 U | types << 3. */
static void
match_gazetteer(struct ns_ner *t, const struct sent *st)
{
	const uint64_t *lv;
	struct wtype *x;
	size_t i, j, best, e;
	uint64_t key;
	uint32_t types, btypes;
	uint8_t *g = t->gaz - st->a;

	memset(t->gaz, 0, st->b - st->a);
	if (t->lex->cap == 0)
		return;
	for (i = st->a; i < st->b; i++) {
		if (!(t->tok[i].flags & T_UPPER))
			continue;
		x = &t->ty[t->tok[i].type];
		word_lex(t, x);
		if (!(x->gaz & G_FOUND))
			continue;	/* no name starts so */
		key = x->hl;
		btypes = x->gaz & 31;
		best = btypes != 0 ? i + 1 : 0;
		for (j = i + 1; j < st->b && j < i + GAZMAX; j++) {
			key = seq_next(key, ty_of(t, j)->hl);
			if ((lv = lex_get(t->lex, key)) == NULL)
				break;	/* no name goes on so */
			types = (uint32_t)(*lv >> 32) & 31;
			if (types != 0) {
				best = j + 1;
				btypes = types;
			}
		}
		if (best == 0)
			continue;
		e = best;
		for (j = i; j < e; j++) {
			if (e - i == 1)
				g[j] = 4;
			else if (j == i)
				g[j] = 1;
			else if (j + 1 == e)
				g[j] = 3;
			else
				g[j] = 2;
			g[j] |= (uint8_t)(btypes << 3);
		}
		i = e - 1;
	}
}

/* The entry of the capitalized word of lower-cased hash key, added if
 * add (and new); NULL if none. */
static struct dword *
dw_find(struct ns_ner *t, uint64_t key, int add)
{
	size_t i = (size_t)key & t->dhmask;
	uint32_t e;
	struct dword *d;

	while ((e = t->dh[i]) != 0) {
		if (t->dw[e - 1].key == key)
			return &t->dw[e - 1];
		i = (i + 1) & t->dhmask;
	}
	if (!add)
		return NULL;
	if (t->ndw == t->dwcap) {
		t->dwcap = t->dwcap ? t->dwcap * 2 : 64;
		t->dw = ns_xreallocarray(t->dw, t->dwcap, sizeof(*t->dw));
	}
	d = &t->dw[t->ndw];
	memset(d, 0, sizeof(*d));
	d->key = key;
	t->dh[i] = (uint32_t)++t->ndw;
	if (2 * t->ndw > t->dhmask)
		table_grow(&t->dh, &t->dhcap, &t->dhmask, t->dw,
		    sizeof(*t->dw), t->ndw);
	return d;
}

static inline struct dword *
dw_of(const struct ns_ner *t, size_t i)
{
	uint32_t e = t->ty[t->tok[i].type].dw;

	return e ? &t->dw[e - 1] : NULL;
}

static void
add_context(uint64_t *v, uint8_t *n, uint64_t h)
{
	uint8_t i;

	for (i = 0; i < *n; i++)
		if (v[i] == h)
			return;
	if (*n < 3)
		v[(*n)++] = h;
}

/* An entry for each word written with a capital (and a link to it from
 * each way of writing it); how each is written in the middle of
 * sentences of normal case, and the words around it. */
static void
doc_words(struct ns_ner *t)
{
	const struct sent *st;
	struct dword *d;
	struct wtype *x;
	size_t i, j;
	uint16_t fl;

	t->ndw = 0;
	t->ndvec = 0;
	table_reset(&t->dh, &t->dhcap, &t->dhmask, 64);
	if (t->nty == 0)
		return;		/* and t->ty may be NULL: no arithmetic on it */
	for (x = t->ty; x < t->ty + t->nty; x++)
		if ((x->flags & (T_ALPHA | T_UPPER)) == (T_ALPHA | T_UPPER))
			(void)dw_find(t, x->hl, 1);
	if (t->ndw == 0)
		return;
	for (x = t->ty; x < t->ty + t->nty; x++)
		if ((x->flags & T_ALPHA) &&
		    (d = dw_find(t, x->hl, 0)) != NULL)
			x->dw = (uint32_t)(d - t->dw) + 1;
	for (st = t->sents; st < t->sents + t->nsents; st++) {
		for (i = st->a; i < st->b; i++) {
			fl = t->tok[i].flags;
			if (!(fl & T_ALPHA) || (d = dw_of(t, i)) == NULL)
				continue;
			if (st->mode == M_NORMAL && i > st->a &&
			    !(t->tok[i - 1].flags & T_PUNCT))
				d->dc |= fl & T_INITCAP ? 2 : 1;
			if (!(fl & T_UPPER))
				continue;
			if (i > st->a && !(t->tok[i - 1].flags & T_PUNCT))
				add_context(d->prev, &d->nprev,
				    ty_of(t, i - 1)->hl);
			if (i + 1 < st->b && !(t->tok[i + 1].flags & T_PUNCT))
				add_context(d->next, &d->nnext,
				    ty_of(t, i + 1)->hl);
			for (j = i + 1; j < st->b && j <= i + 8; j++)
				if (t->tok[j].flags & (T_PRONP | T_PRONT)) {
					d->pron |= t->tok[j].flags & T_PRONP ?
					    1 : 2;
					break;
				}
		}
	}
}

/* Tokens, their words and everything about them that does not depend on
 * the tags. Only the first MAXDOC bytes of s are seen. */
static void
prepare(struct ns_ner *t, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start, end;
	uint32_t ty;
	int nl;

	init_tables();
	if (n > MAXDOC)
		n = MAXDOC;
	t->s = s;
	t->ntok = 0;
	t->nty = 0;
	ns_buf_reset(&t->lower);
	ns_buf_reserve(&t->lower, 1);
	table_reset(&t->th, &t->thcap, &t->thmask, 64);
	/* The tokens and their words' hashes first, the cache's entries of
	 * the words fetched meanwhile; then their words. */
	while (next_token(u, n, &i, &start, &end, &nl)) {
		if (t->ntok == t->tokcap) {
			t->tokcap = t->tokcap ? t->tokcap * 2 : 256;
			t->tok = ns_xreallocarray(t->tok, t->tokcap,
			    sizeof(*t->tok));
			t->tokhw = ns_xreallocarray(t->tokhw, t->tokcap,
			    sizeof(*t->tokhw));
		}
		t->tokhw[t->ntok] = hbytes(s + start, end - start);
		if (t->tyc != NULL) {
			prefetch(tyc_of(t, t->tokhw[t->ntok]));
			prefetch(tyc_of(t, t->tokhw[t->ntok])->w + 40);
		}
		t->tok[t->ntok].start = (uint32_t)start;
		t->tok[t->ntok].type = (uint32_t)(end - start);
		t->tok[t->ntok].flags = nl ? T_NL : 0;
		t->ntok++;
	}
	for (i = 0; i < t->ntok; i++) {
		ty = intern(t, s, t->tok[i].start, t->tok[i].type,
		    t->tokhw[i]);
		t->tok[i].type = ty;
		/* T_LEX is the word's (set when it came from the cache),
		 * not the token's */
		t->tok[i].flags |= (uint16_t)(t->ty[ty].flags & ~T_LEX);
	}
	/* The sentences, once: the tagger goes over them in three rounds. */
	t->nsents = 0;
	for (i = 0; i < t->ntok; i = t->sents[t->nsents++].b) {
		if (t->nsents == t->sentcap) {
			t->sentcap = t->sentcap ? t->sentcap * 2 : 64;
			t->sents = ns_xreallocarray(t->sents, t->sentcap,
			    sizeof(*t->sents));
		}
		sent_at(t, i, &t->sents[t->nsents]);
	}
	doc_words(t);
}

/* ---- features ---- */

static void
grow_sent(struct ns_ner *t, size_t n)
{
	if (n <= t->scap)
		return;
	t->scap = n < 256 ? 256 : n;
	t->f = ns_xreallocarray(t->f, t->scap, MAXF * sizeof(*t->f));
	t->nf = ns_xreallocarray(t->nf, t->scap, 1);
	t->freep = ns_xreallocarray(t->freep, t->scap, 1);
	t->gaz = ns_xreallocarray(t->gaz, t->scap, 1);
	t->emit = ns_xreallocarray(t->emit, t->scap, NL * sizeof(float));
	t->delta = ns_xreallocarray(t->delta, t->scap, NL * sizeof(float));
	t->bp = ns_xreallocarray(t->bp, t->scap, NL);
	t->lab = ns_xreallocarray(t->lab, t->scap, 1);
	t->wv = ns_xreallocarray(t->wv, t->scap, 5 * sizeof(*t->wv));
	t->scr = ns_xreallocarray(t->scr, t->scap, 6 * sizeof(*t->scr));
}

/* Which tokens of sentence st may be in an entity: those with a capital
 * (every token of an ALL CAPS sentence) but a capitalized function word
 * before a word in lower case, and up to two tokens between two such
 * ("Bank of England"). The others are O without scoring. Returns how
 * many are free. */
static size_t
free_positions(struct ns_ner *t, const struct sent *st)
{
	size_t n = st->b - st->a, i, last = SIZE_MAX, j, nfree = 0;
	uint16_t fl;

	for (i = 0; i < n; i++) {
		fl = t->tok[st->a + i].flags;
		t->freep[i] = (fl & T_UPPER) || st->mode == M_CAPS;
		if (t->freep[i] && st->mode != M_CAPS && (fl & T_INITCAP) &&
		    (fl & T_FUNC) && ((fl & T_LOWER) ||
		    ty_of(t, st->a + i)->ncp == 1) && (i + 1 == n ||
		    !(t->tok[st->a + i + 1].flags & T_UPPER)))
			t->freep[i] = 0;
		if (t->freep[i]) {
			if (last != SIZE_MAX && i - last > 1 && i - last <= 3)
				for (j = last + 1; j < i; j++)
					if (!t->freep[j]) {
						t->freep[j] = 1;
						nfree++;
					}
			last = i;
			nfree++;
		}
	}
	return nfree;
}

static inline uint64_t
hl_at(const struct ns_ner *t, const struct sent *st, long i)
{
	if (i < (long)st->a)
		return H_BOS;
	if (i >= (long)st->b)
		return H_EOS;
	return ty_of(t, (size_t)i)->hl;
}

static inline uint64_t
hs_at(const struct ns_ner *t, const struct sent *st, long i)
{
	if (i < (long)st->a)
		return H_BOS;
	if (i >= (long)st->b)
		return H_EOS;
	return ty_of(t, (size_t)i)->hs;
}

/* Byte length of the first k code points of the lower-cased s[0..n-1]. */
static size_t
cp_prefix(const char *s, size_t n, size_t k)
{
	size_t i = 0;

	while (i < n && k > 0) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		k--;
	}
	return i;
}

static size_t
cp_suffix(const char *s, size_t n, size_t k)
{
	size_t i = n;

	while (i > 0 && k > 0) {
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
			i--;
		k--;
	}
	return n - i;
}

/* The features of word x seen at offset o (-2 to 2) from the position
 * tagged that depend on the word alone (its bytes; drop: T_DROP of the
 * occurrence): the tagger caches their sum per word. */
static size_t
word_features(const struct ns_ner *t, const struct wtype *x, int o,
    int drop, uint64_t *f)
{
	static const unsigned cl[4] = { 4, 6, 10, 20 };
	const char *lo = t->lower.p + x->lo;
	size_t nf = 0, k, b;
	uint32_t c = x->cluster;

	if (!drop)
		f[nf++] = feat1(F_L + (unsigned)(o + 2), x->hl);
	f[nf++] = feat1(F_S + (unsigned)(o + 2), x->hs);
	if (o == 0) {
		if (!drop)
			f[nf++] = feat1(F_W, x->hw);
		f[nf++] = feat2(F_LEN, x->ncp > 12 ? 12 : x->ncp,
		    x->flags & (T_UPPER | T_LOWER));
		if (x->flags & T_ALPHA)
			for (k = 1; k <= 4 && k < x->ncp; k++) {
				b = cp_prefix(lo, x->lolen, k);
				f[nf++] = feat1(F_PRE + (unsigned)(k - 1),
				    hbytes(lo, b));
				b = cp_suffix(lo, x->lolen, k);
				f[nf++] = feat1(F_SUF + (unsigned)(k - 1),
				    hbytes(lo + x->lolen - b, b));
			}
	}
	if (o >= -1 && o <= 1 && c != 0)
		for (k = 0; k < 4; k++) {
			b = cl[k] < (c >> 24) ? cl[k] : c >> 24;
			f[nf++] = feat2(F_CLU + (unsigned)((o + 1) * 4 +
			    (int)k), b, (c & 0xffffff) >> (24 - b));
		}
	return nf;
}

/* Is position i the first word of sentence st (after punctuation)? */
static inline int
sent_init(const struct ns_ner *t, const struct sent *st, size_t i)
{
	return i == st->a || (i == st->a + 1 &&
	    (t->tok[st->a].flags & T_PUNCT));
}

/* The m of the F_DC feature of token i. */
static inline int
dc_mode(const struct ns_ner *t, const struct sent *st, size_t i, int init)
{
	return st->mode * 4 + (t->tok[i].flags & T_LOWER ? 1 : 0) + init * 2;
}

/* All features of position i of sentence st (training, and the check of
 * the tagger's sums); words: also those of word_features() for the words
 * around it. */
static size_t
features(const struct ns_ner *t, const struct sent *st, size_t i,
    uint64_t *f, int words)
{
	const struct wtype *x = ty_of(t, i);
	const struct dword *d;
	size_t nf = 0, k;
	long o, li = (long)i;
	uint64_t hs;
	uint32_t g;
	int bit, best, init;

	f[nf++] = feat1(F_BIAS, 0);
	for (o = -2; o <= 2; o++) {
		if (li + o >= (long)st->a && li + o < (long)st->b) {
			if (words)
				nf += word_features(t, ty_of(t, (size_t)(li +
				    o)), (int)o, t->tok[li + o].flags & T_DROP,
				    f + nf);
			continue;
		}
		f[nf++] = feat1(F_L + (unsigned)(o + 2), hl_at(t, st, li + o));
		f[nf++] = feat1(F_S + (unsigned)(o + 2), hs_at(t, st, li + o));
	}
	f[nf++] = feat2(F_LL0, hl_at(t, st, li - 1), x->hl);
	f[nf++] = feat2(F_LL1, x->hl, hl_at(t, st, li + 1));
	hs = feat2(F_SSS, hs_at(t, st, li - 1), x->hs);
	f[nf++] = feat2(F_SSS, hs, hs_at(t, st, li + 1));
	init = sent_init(t, st, i);
	f[nf++] = feat2(F_INIT, (uint64_t)init, x->hs);
	f[nf++] = feat2(F_MODE, (uint64_t)st->mode, x->hs);
	if (st->mode != M_NORMAL)
		f[nf++] = feat2(F_MODEL, (uint64_t)st->mode, x->hl);
	for (o = -1; o <= 1; o++) {
		if (li + o < (long)st->a || li + o >= (long)st->b)
			continue;
		g = t->gaz[li + o - (long)st->a];
		if (g != 0)
			for (bit = 0; bit < G_NTYPES; bit++)
				if ((g >> 3) & (1u << bit))
					f[nf++] = feat2(F_GAZ +
					    (unsigned)(o + 1), g & 7,
					    (uint64_t)bit);
	}
	if ((x->flags & T_ALPHA) && (x->flags & T_UPPER)) {
		d = dw_of(t, i);
		f[nf++] = feat2(F_DC, d != NULL ? d->dc : 0,
		    (uint64_t)dc_mode(t, st, i, init));
		if (d != NULL) {
			if (d->pron != 0)
				f[nf++] = feat1(F_PRON, d->pron);
			for (k = 0; k < d->nprev; k++)
				f[nf++] = feat1(F_WL, d->prev[k]);
			for (k = 0; k < d->nnext; k++)
				f[nf++] = feat1(F_WR, d->next[k]);
			best = -1;
			for (k = 0; k < NCLS; k++) {
				if (d->cnt[k] == 0)
					continue;
				f[nf++] = feat1(F_HA, k);
				if (best < 0 || d->cnt[k] > d->cnt[best])
					best = (int)k;
			}
			if (best >= 0)
				f[nf++] = feat1(F_HM, (uint64_t)best);
		}
	}
	return nf;
}

/* Free positions, gazetteer matches and clusters of sentence st; the
 * number of free positions. */
static size_t
sentence_prepare(struct ns_ner *t, const struct sent *st)
{
	size_t i, j, n = st->b - st->a, nfree;

	grow_sent(t, n);
	nfree = free_positions(t, st);
	if (nfree == 0)
		return 0;
	match_gazetteer(t, st);
	/* Clusters of the words the features look at. */
	for (i = 0; i < n; i++) {
		if (!t->freep[i])
			continue;
		for (j = i > 0 ? i - 1 : 0; j <= i + 1 && j < n; j++)
			word_lex(t, &t->ty[t->tok[st->a + j].type]);
	}
	return nfree;
}

/* All features of the free positions of sentence st (training). */
static void
sentence_features(struct ns_ner *t, const struct sent *st)
{
	size_t i, n = st->b - st->a;

	sentence_prepare(t, st);
	for (i = 0; i < n; i++)
		t->nf[i] = t->freep[i] ? (uint8_t)features(t, st, st->a + i,
		    t->f + i * MAXF, 1) : 0;
}

/* After a sentence is tagged: what its words were tagged as. */
static void
remember(struct ns_ner *t, const struct sent *st, const uint8_t *lab)
{
	size_t i;
	struct dword *d;

	for (i = 0; i < st->b - st->a; i++) {
		if (lab[i] == 0)
			continue;
		if ((t->tok[st->a + i].flags & (T_ALPHA | T_UPPER)) !=
		    (T_ALPHA | T_UPPER) || (d = dw_of(t, st->a + i)) == NULL)
			continue;
		if (d->cnt[LAB_CLS(lab[i])] < UINT16_MAX)
			d->cnt[LAB_CLS(lab[i])]++;
	}
}
/* ---- decoding ---- */

static unsigned char legal[NL][NL], legal_start[NL], legal_end[NL];
static unsigned char lnpred[NL], lpred[NL][NL];	/* legal predecessors */

static void
init_legal(void)
{
	int a, b;

	if (legal_start[0])
		return;
	for (a = 0; a < NL; a++) {
		for (b = 0; b < NL; b++) {
			if (a != 0 && (LAB_POS(a) == 0 || LAB_POS(a) == 1))
				legal[a][b] = b != 0 &&
				    LAB_CLS(b) == LAB_CLS(a) &&
				    (LAB_POS(b) == 1 || LAB_POS(b) == 2);
			else
				legal[a][b] = b == 0 || LAB_POS(b) == 0 ||
				    LAB_POS(b) == 3;
		}
		legal_start[a] = a == 0 || LAB_POS(a) == 0 || LAB_POS(a) == 3;
		legal_end[a] = a == 0 || LAB_POS(a) == 2 || LAB_POS(a) == 3;
	}
	for (b = 0; b < NL; b++)
		for (a = 0; a < NL; a++)
			if (legal[a][b])
				lpred[b][lnpred[b]++] = (unsigned char)a;
}

/* Best legal labels of n positions, emit[i * NL + y] the scores; a
 * position whose freep is 0 is O.
 *
 * BILOU leaves two kinds of moves: into O, B or U (the open labels)
 * from O, L or U of any class, the same nine predecessors for each; into
 * I or L only from the B or I of its class. The loops are written for
 * these shapes (what init_legal() makes of legal[][]), each predecessor
 * tried in the order of lpred[] with the same strict comparison, so the
 * labels are those of the plain loop over lpred[] ties and all. After a
 * position that is O only, the O before is the only finite
 * predecessor. */
static const unsigned char open[9] = { 0, 1, 4, 5, 8, 9, 12, 13, 16 };
static const unsigned char shut[9] = { 0, 3, 4, 7, 8, 11, 12, 15, 16 };

/* The scores of the moves into each label from its legal predecessors
 * (transition scores trans), side by side for the loop over positions:
 * pt[b][k] from lpred[b][k]. Once a model; each time in training. */
static void
trans_rows(const float *trans, float (*pt)[NL])
{
	int b, k;

	init_tables();
	for (b = 0; b < NL; b++)
		for (k = 0; k < lnpred[b]; k++)
			pt[b][k] = trans[lpred[b][k] * NL + b];
}

static void
viterbi(struct ns_ner *t, size_t n, const float (*pt)[NL], const float *start,
    const float *end)
{
	float *d = t->delta, best, v, po[9];
	const float *e = t->emit, *dp;
	size_t i;
	int a, b, ba, k, cl;

	for (b = 0; b < NL; b++)
		d[b] = legal_start[b] && (t->freep[0] || b == 0) ?
		    start[b] + e[b] : -INFINITY;
	for (i = 1; i < n; i++) {
		float *di = d + i * NL;
		uint8_t *bi = t->bp + i * NL;

		dp = d + (i - 1) * NL;
		if (!t->freep[i]) {
			/* Only O; after an O only O-O counts. */
			if (!t->freep[i - 1]) {
				best = dp[0] + pt[0][0];
				ba = 0;
			} else {
				best = -INFINITY;
				ba = 0;
				for (k = 0; k < 9; k++) {
					a = shut[k];
					v = dp[a] + pt[0][k];
					if (v > best) {
						best = v;
						ba = a;
					}
				}
			}
			di[0] = best;
			bi[0] = (uint8_t)ba;
			for (b = 1; b < NL; b++)
				di[b] = -INFINITY;
			continue;
		}
		if (!t->freep[i - 1]) {
			/* dp[0] alone is finite: each open label from O,
			 * no I or L */
			for (k = 0; k < 9; k++) {
				b = open[k];
				di[b] = dp[0] + pt[b][0] + e[i * NL + b];
				bi[b] = 0;
			}
			for (cl = 0; cl < NCLS; cl++) {
				di[LAB_I(cl)] = -INFINITY;
				di[LAB_L(cl)] = -INFINITY;
				bi[LAB_I(cl)] = 0;
				bi[LAB_L(cl)] = 0;
			}
			continue;
		}
		for (k = 0; k < 9; k++)
			po[k] = dp[shut[k]];
		for (a = 0; a < 9; a++) {
			const float *w;

			b = open[a];
			w = pt[b];
			best = -INFINITY;
			ba = 0;
			for (k = 0; k < 9; k++) {
				v = po[k] + w[k];
				ba = v > best ? shut[k] : ba;
				best = v > best ? v : best;
			}
			di[b] = best + e[i * NL + b];
			bi[b] = (uint8_t)ba;
		}
		for (cl = 0; cl < NCLS; cl++) {
			for (b = LAB_I(cl); b <= LAB_L(cl); b++) {
				best = -INFINITY;
				ba = 0;
				v = dp[LAB_B(cl)] + pt[b][0];
				if (v > best) {
					best = v;
					ba = LAB_B(cl);
				}
				v = dp[LAB_I(cl)] + pt[b][1];
				if (v > best) {
					best = v;
					ba = LAB_I(cl);
				}
				di[b] = best + e[i * NL + b];
				bi[b] = (uint8_t)ba;
			}
		}
	}
	best = -INFINITY;
	ba = 0;
	for (b = 0; b < NL; b++) {
		if (!legal_end[b])
			continue;
		v = d[(n - 1) * NL + b] + end[b];
		if (v > best) {
			best = v;
			ba = b;
		}
	}
	for (i = n; i-- > 0;) {
		t->lab[i] = (uint8_t)ba;
		if (i > 0)
			ba = t->bp[i * NL + ba];
	}
}

static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void
init_all(void)
{
	init_ascii();
	init_legal();
	init_function_words();
}

/* The tables of characters, transitions and function words, once. */
static void
init_tables(void)
{
	pthread_once(&tables_once, init_all);
}

/* ---- the model ---- */

/* The weights are an open-addressed table of buckets of BKW 32-bit words
 * (a cache line): records of a header, the feature's fingerprint (the
 * high 27 bits of its hash's upper half) | the number of its labels, and
 * that many words of weight << 16 | label; or, for a feature with more
 * labels than fit (count LONGROW), the index of a dense row of weights.
 * A feature's bucket is the low bits of its hash; when that is full it
 * went to the next one, and the bucket's bit in ovf says so. */

#define FILTER_BITS 20	/* of the filter of feature fingerprints */
#define FILTER_MASK ((1u << (FILTER_BITS - 6)) - 1)

/* In memory the records of a bucket are regrouped (same words, same
 * order): first the headers of its records, then their weights one
 * record after the other; meta[] has the number of records and the bit
 * of ovf. A lookup then reads the headers side by side instead of
 * hopping from one record to the next, each hop waiting for the count
 * read before it. */
#define MORE	0x80		/* in meta: a probe goes on */
#define NRECS	0x0f		/* in meta: records (at most BKW / 2) */

static inline const uint32_t *
bucket_of(const struct ns_ner_model *m, uint64_t f)
{
	return m->rbk + (size_t)((uint32_t)f & (m->nb - 1)) * BKW;
}

/* The words of the weights of a record of count c. */
static inline uint32_t
rec_words(uint32_t c)
{
	return c == LONGROW ? 1 : c;
}

/* Regroup bucket r (validated) into q as model_add() reads it; the
 * number of its records. */
static uint32_t
regroup(const uint32_t *r, uint32_t *q)
{
	uint32_t i, c, nr = 0, off;

	for (i = 0; i < BKW && r[i] != 0; i += 1 + rec_words(r[i] & 31))
		nr++;
	off = nr;
	nr = 0;
	memset(q, 0, BKW * sizeof(*q));
	for (i = 0; i < BKW && r[i] != 0; i += 1 + c) {
		c = rec_words(r[i] & 31);
		q[nr++] = r[i];
		memcpy(q + off, r + i + 1, c * sizeof(*q));
		off += c;
	}
	return nr;
}

/* The word of the filter that has feature f's bit. */
static inline const uint64_t *
filter_word(const struct ns_ner_model *m, uint64_t f)
{
	return &m->filter[(((uint32_t)(f >> 32) & ~31u) >> 18) & FILTER_MASK];
}

/* May feature f be in the model (is its bit in the filter set)? */
static inline int
in_filter(const struct ns_ner_model *m, uint64_t f)
{
	uint32_t fp = (uint32_t)(f >> 32) & ~31u;

	return (int)((*filter_word(m, f) >> ((fp >> 12) & 63)) & 1);
}

/* Add s times the weights of feature f to acc. */
static inline void
model_add(const struct ns_ner_model *m, uint64_t f, int32_t *acc, int32_t s)
{
	uint32_t b = (uint32_t)f & (m->nb - 1), fp = (uint32_t)(f >> 32) & ~31u,
	    p, k, nr, off, w, c, j;
	const uint32_t *r;

	/* Most features looked up are not in the model: a bit in a small
	 * table says so without a look at the buckets. */
	if (!in_filter(m, f))
		return;
	for (p = 0;; p++) {
		r = m->rbk + (size_t)b * BKW;
		nr = m->meta[b] & NRECS;
		for (k = 0, off = nr; k < nr; k++) {
			w = r[k];
			c = w & 31;
			if ((w & ~31u) == fp) {
				if (c == LONGROW) {
					const int32_t *l = m->lng +
					    (size_t)r[off] * (NL + 1);

					for (j = 0; j < NL; j++)
						acc[j] += s * l[j];
					return;
				}
				for (j = off; j < off + c; j++)
					acc[r[j] & 31] += s *
					    ((int32_t)r[j] >> 16);
				return;
			}
			off += rec_words(c);
		}
		if (p >= m->probe || !(m->meta[b] & MORE))
			return;
		b = (b + 1) & (m->nb - 1);
	}
}

/* model_add() as the file's buckets read: the reference of the
 * regrouped ones. */
static void
file_add(const struct ns_ner_model *m, uint64_t f, int32_t *acc)
{
	uint32_t b = (uint32_t)f & (m->nb - 1), fp = (uint32_t)(f >> 32) & ~31u,
	    p, i, w, c, j;
	const uint32_t *r;

	for (p = 0;; p++) {
		r = m->bk + (size_t)b * BKW;
		for (i = 0; i < BKW && (w = r[i]) != 0; i += 1 + rec_words(c)) {
			c = w & 31;
			if ((w & ~31u) != fp)
				continue;
			if (c == LONGROW)
				for (j = 0; j < NL; j++)
					acc[j] += m->lng[(size_t)r[i + 1] *
					    (NL + 1) + j];
			else
				for (j = i + 1; j <= i + c; j++)
					acc[r[j] & 31] += (int32_t)r[j] >> 16;
			return;
		}
		if (p >= m->probe || !((m->ovf[b >> 6] >> (b & 63)) & 1))
			return;
		b = (b + 1) & (m->nb - 1);
	}
}

size_t
ns_ner_model_check(const struct ns_ner_model *m, size_t nrandom)
{
	int32_t a[NL], b[NL];
	uint64_t f, seed = 0x9e3779b97f4a7c15ULL;
	uint32_t i, j, d, c;
	const uint32_t *r;
	size_t bad = 0, k;

	/* Each record looked up from its bucket and the few before it,
	 * then features made up. */
	for (i = 0; i < m->nb; i++) {
		r = m->bk + (size_t)i * BKW;
		for (j = 0; j < BKW && r[j] != 0; j += 1 + rec_words(c)) {
			c = r[j] & 31;
			for (d = 0; d < 3; d++) {
				f = (uint64_t)(r[j] & ~31u) << 32 |
				    ((i - d) & (m->nb - 1)) | (uint64_t)d << 31;
				memset(a, 0, sizeof(a));
				memset(b, 0, sizeof(b));
				model_add(m, f, a, 1);
				file_add(m, f, b);
				bad += memcmp(a, b, sizeof(a)) != 0;
			}
		}
	}
	for (k = 0; k < nrandom; k++) {
		seed = mix(seed + K1);
		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		model_add(m, seed, a, 1);
		file_add(m, seed, b);
		bad += memcmp(a, b, sizeof(a)) != 0;
	}
	return bad;
}

static void
add_vec(int32_t *acc, const int32_t *v)
{
	int y;

	for (y = 0; y < NL; y++)
		acc[y] += v[y];
}

/* The sums of the features that do not depend on the text. */
static void
model_consts(struct ns_ner_model *m)
{
	struct consts *c = ns_xcalloc(1, sizeof(*c));
	int o, k, g, bit;

	m->c = c;
	model_add(m, feat1(F_BIAS, 0), c->bias, 1);
	for (o = -2; o <= 2; o++) {
		if (o == 0)
			continue;
		model_add(m, feat1(F_L + (unsigned)(o + 2), o < 0 ? H_BOS :
		    H_EOS), c->bnd[o + 2], 1);
		model_add(m, feat1(F_S + (unsigned)(o + 2), o < 0 ? H_BOS :
		    H_EOS), c->bnd[o + 2], 1);
	}
	for (k = 0; k < NCLS; k++) {
		model_add(m, feat1(F_HA, (uint64_t)k), c->ha[k], 1);
		model_add(m, feat1(F_HM, (uint64_t)k), c->hm[k], 1);
		model_add(m, feat1(F_PRON, (uint64_t)k), c->pron[k], 1);
	}
	for (k = 0; k < 4; k++)
		for (o = 0; o < 12; o++)
			model_add(m, feat2(F_DC, (uint64_t)k, (uint64_t)o),
			    c->dc[k][o], 1);
	for (o = 0; o < 3; o++)
		for (g = 0; g < 8; g++)
			for (bit = 0; bit < G_NTYPES; bit++)
				model_add(m, feat2(F_GAZ + (unsigned)o,
				    (uint64_t)g, (uint64_t)bit),
				    c->gaz[o][g][bit], 1);
}

static void
pend_add(struct ns_ner *t, uint64_t f, int32_t *v, int32_t s)
{
	if (t->npend == t->pendcap) {
		t->pendcap = t->pendcap ? t->pendcap * 2 : 1024;
		t->pend = ns_xreallocarray(t->pend, t->pendcap,
		    sizeof(*t->pend));
	}
	t->pend[t->npend].f = f;
	t->pend[t->npend].v = v;
	t->pend[t->npend++].s = s;
}

static int32_t *
scratch(struct ns_ner *t)
{
	int32_t *v = t->scr[t->nscr++];

	memset(v, 0, NL * sizeof(*v));
	return v;
}

/* The summed weights of word_features() of word x at offset o (at 0 with
 * those of F_INIT and F_MODE of a word inside a sentence of normal case),
 * from the cache of the tagger (a pure function of the word's bytes, so
 * the cache never changes a result); a sum not there yet is filled by
 * the lookups this adds to t->pend. An entry used by the sentence is not
 * taken by another word of it. */
static inline struct wcache *
wcache_of(const struct ns_ner *t, const struct wtype *x, int o, uint64_t *key)
{
	*key = x->hw ^ ((uint64_t)(o + 3) << 59);
	return &t->cache[(*key ^ (*key >> 29) ^ (uint64_t)o * 977) &
	    (NCACHE - 1)];
}

static const int32_t *
word_scores(struct ns_ner *t, struct wtype *x, int o)
{
	uint64_t key, f[32];
	struct wcache *c = wcache_of(t, x, o, &key);
	int32_t *v;
	size_t nf, k;

	if (c->key == key) {
		c->gen = t->gen;
		return c->v;
	}
	if (c->gen == t->gen)
		v = scratch(t);
	else {
		c->key = key;
		c->gen = t->gen;
		v = c->v;
		memset(v, 0, NL * sizeof(*v));
	}
	word_lex(t, x);
	nf = word_features(t, x, o, 0, f);
	if (o == 0) {
		f[nf++] = feat2(F_INIT, 0, x->hs);
		f[nf++] = feat2(F_MODE, M_NORMAL, x->hs);
	}
	for (k = 0; k < nf; k++)
		pend_add(t, f[k], v, 1);
	return v;
}

/* Summed weights of the PRON, WL and WR features of d, once a document
 * (filled by lookups added to t->pend). */
static const int32_t *
dword_scores(struct ns_ner *t, struct dword *d)
{
	int32_t *v;
	size_t k;

	if (d->ctx == 0) {
		v = t->dvec[t->ndvec];
		if (d->pron != 0)
			memcpy(v, t->m->c->pron[d->pron & 3], NL * sizeof(*v));
		else
			memset(v, 0, NL * sizeof(*v));
		for (k = 0; k < d->nprev; k++)
			pend_add(t, feat1(F_WL, d->prev[k]), v, 1);
		for (k = 0; k < d->nnext; k++)
			pend_add(t, feat1(F_WR, d->next[k]), v, 1);
		d->ctx = (uint32_t)++t->ndvec;
	}
	return t->dvec[d->ctx - 1];
}

/* Scores of the labels of the free positions of sentence st: the sums of
 * the weights of the features() of each. First what is to be looked up,
 * then the lookups, each bucket fetched a few lookups ahead, then the
 * sums. */
static void
model_emit(struct ns_ner *t, const struct sent *st)
{
	const struct ns_ner_model *m = t->m;
	const struct consts *c = m->c;
	int32_t acc[NL], *ex;
	struct dword *d;
	const struct wtype *x;
	const int32_t **wv, *dv[256];
	int32_t *exv[256];
	uint64_t hs;
	size_t i, k, n = st->b - st->a;
	long o, li;
	int y, init, best, g, bit;

	t->gen++;
	t->npend = 0;
	t->nscr = 0;
	if (t->ndvec + n > t->dveccap) {
		t->dveccap = t->ndvec + n + 64;
		t->dvec = ns_xreallocarray(t->dvec, t->dveccap,
		    sizeof(*t->dvec));
	}
	/* The cache lines of the words' sums, fetched ahead: both of
	 * them, as an entry of 80 bytes mostly spans two. */
	for (i = 0; i < n; i++) {
		const struct wcache *wc;
		uint64_t key;

		if (!t->freep[i])
			continue;
		li = (long)(st->a + i);
		for (o = -2; o <= 2; o++)
			if (li + o >= (long)st->a && li + o < (long)st->b) {
				wc = wcache_of(t, ty_of(t, (size_t)(li + o)),
				    (int)o, &key);
				prefetch(wc);
				prefetch((const char *)(wc + 1) - 1);
			}
	}
	for (i = 0; i < n; i++) {
		if (!t->freep[i])
			continue;
		li = (long)(st->a + i);
		x = ty_of(t, st->a + i);
		wv = t->wv + i * 5;
		for (o = -2; o <= 2; o++) {
			if (li + o < (long)st->a || li + o >= (long)st->b)
				wv[o + 2] = c->bnd[o + 2];
			else
				wv[o + 2] = word_scores(t, &t->ty[t->tok[li +
				    o].type], (int)o);
		}
		/* pairs and triples of words, and what the sentence's start
		 * and case change */
		ex = exv[i] = scratch(t);
		pend_add(t, feat2(F_LL0, hl_at(t, st, li - 1), x->hl), ex, 1);
		pend_add(t, feat2(F_LL1, x->hl, hl_at(t, st, li + 1)), ex, 1);
		hs = feat2(F_SSS, hs_at(t, st, li - 1), x->hs);
		pend_add(t, feat2(F_SSS, hs, hs_at(t, st, li + 1)), ex, 1);
		if (sent_init(t, st, (size_t)li)) {
			pend_add(t, feat2(F_INIT, 1, x->hs), ex, 1);
			pend_add(t, feat2(F_INIT, 0, x->hs), ex, -1);
		}
		if (st->mode != M_NORMAL) {
			pend_add(t, feat2(F_MODE, (uint64_t)st->mode, x->hs),
			    ex, 1);
			pend_add(t, feat2(F_MODE, M_NORMAL, x->hs), ex, -1);
			pend_add(t, feat2(F_MODEL, (uint64_t)st->mode, x->hl),
			    ex, 1);
		}
		dv[i] = NULL;
		if ((x->flags & T_ALPHA) && (x->flags & T_UPPER) &&
		    (d = dw_of(t, (size_t)li)) != NULL)
			dv[i] = dword_scores(t, d);
	}
	/* The filter's words are fetched further ahead: a feature's bucket
	 * is fetched only when its bit, read by then, says the model may
	 * have it (most it has not). */
	for (k = 0; k < t->npend && k < 2 * PREFETCH; k++)
		prefetch(filter_word(m, t->pend[k].f));
	for (k = 0; k < t->npend && k < PREFETCH; k++)
		if (in_filter(m, t->pend[k].f))
			prefetch(bucket_of(m, t->pend[k].f));
	for (k = 0; k < t->npend; k++) {
		if (k + 2 * PREFETCH < t->npend)
			prefetch(filter_word(m, t->pend[k + 2 * PREFETCH].f));
		if (k + PREFETCH < t->npend &&
		    in_filter(m, t->pend[k + PREFETCH].f))
			prefetch(bucket_of(m, t->pend[k + PREFETCH].f));
		model_add(m, t->pend[k].f, t->pend[k].v, t->pend[k].s);
	}
	for (i = 0; i < n; i++) {
		float *e = t->emit + i * NL;

		if (!t->freep[i]) {
			memset(e, 0, NL * sizeof(*e));
			continue;
		}
		li = (long)(st->a + i);
		x = ty_of(t, st->a + i);
		wv = t->wv + i * 5;
		for (y = 0; y < NL; y++)
			acc[y] = c->bias[y] + wv[0][y] + wv[1][y] + wv[2][y] +
			    wv[3][y] + wv[4][y];
		init = sent_init(t, st, (size_t)li);
		for (o = -1; o <= 1; o++) {
			if (li + o < (long)st->a || li + o >= (long)st->b)
				continue;
			g = t->gaz[li + o - (long)st->a];
			if (g != 0)
				for (bit = 0; bit < G_NTYPES; bit++)
					if ((g >> 3) & (1u << bit))
						add_vec(acc, c->gaz[o + 1][g &
						    7][bit]);
		}
		if ((x->flags & T_ALPHA) && (x->flags & T_UPPER)) {
			d = dw_of(t, (size_t)li);
			add_vec(acc, c->dc[d != NULL ? d->dc & 3 : 0][dc_mode(t,
			    st, (size_t)li, init)]);
			if (d != NULL) {
				add_vec(acc, dv[i]);
				best = -1;
				for (k = 0; k < NCLS; k++) {
					if (d->cnt[k] == 0)
						continue;
					add_vec(acc, c->ha[k]);
					if (best < 0 || d->cnt[k] > d->cnt[best])
						best = (int)k;
				}
				if (best >= 0)
					add_vec(acc, c->hm[best]);
			}
		}
		add_vec(acc, exv[i]);
#ifdef NER_CHECK
		{
			int32_t acc2[NL];
			uint64_t ff[MAXF];
			size_t nf2 = features(t, st, (size_t)li, ff, 1);

			memset(acc2, 0, sizeof(acc2));
			for (k = 0; k < nf2; k++)
				model_add(m, ff[k], acc2, 1);
			if (memcmp(acc, acc2, sizeof(acc)) != 0)
				abort();
		}
#endif
		for (y = 0; y < NL; y++)
			e[y] = (float)acc[y] * m->scale;
	}
}

/* Header of the model block; all numbers in the byte order of the
 * machine (the magic's version word tells a foreign one). Then the
 * transition scores (NL * NL, start NL, end NL floats), zeros to a
 * multiple of 64 bytes, nb buckets, the bits of ovf (nb / 8 bytes), the
 * long rows (nlong of NL + 1 int32, the last 0), and the lexicon (lcap
 * keys, lcap values). */
struct header {
	char	 magic[8];
	uint32_t version, nlabels;
	uint32_t nb, probe, nfeat, lcap, lprobe, flags;
	float	 scale;
	uint32_t nlong;
	uint64_t size;
};

#define TRANS_END	(((uint64_t)sizeof(struct header) + \
	(NL * NL + 2 * NL) * 4 + 63) & ~(uint64_t)63)

static int
is_pow2(uint32_t x)
{
	return x != 0 && (x & (x - 1)) == 0;
}

static struct ns_ner_model *
load_fail(struct ns_ner_model *m, char *err, size_t errsz, const char *why)
{
	if (err != NULL && errsz > 0)
		snprintf(err, errsz, "bad NER model: %s", why);
	if (m != NULL) {
		free(m->filter);
		free(m->rbk);
		free(m->meta);
		free(m->c);
		free(m->owned);
		free(m);
	}
	return NULL;
}

struct ns_ner_model *
ns_ner_model_load(const char *data, size_t len, char *err, size_t errsz)
{
	struct ns_ner_model *m;
	struct header h;
	const unsigned char *p;
	const uint32_t *r;
	uint64_t need, off;
	uint32_t i, j, k, c;
	void *copy;

	init_tables();
	if (data == NULL) {
		data = ns_ner_model_data;
		len = ns_ner_model_data_len;
	}
	if (len < sizeof(h))
		return load_fail(NULL, err, errsz, len == 0 ? "empty" :
		    "truncated header");
	memcpy(&h, data, sizeof(h));
	if (memcmp(h.magic, MAGIC, 8) != 0)
		return load_fail(NULL, err, errsz, "not a model (magic)");
	if (h.version != VERSION)
		return load_fail(NULL, err, errsz, "unknown version");
	if (h.nlabels != NL)
		return load_fail(NULL, err, errsz, "wrong number of labels");
	if (!is_pow2(h.nb) || h.nb < 64 || h.nb > (1u << 24) ||
	    h.probe >= h.nb || h.nlong > (1u << 24) || (h.lcap != 0 && (!is_pow2(h.lcap) ||
	    h.lcap > (1u << 28) || h.lprobe >= h.lcap)) ||
	    !(h.scale > 0 && h.scale < 1e6))
		return load_fail(NULL, err, errsz, "bad sizes");
	need = TRANS_END + (uint64_t)h.nb * BKW * 4 + h.nb / 8 +
	    (uint64_t)h.nlong * (NL + 1) * 4 + (uint64_t)h.lcap * 16;
	if (h.size != need)
		return load_fail(NULL, err, errsz, "inconsistent sizes");
	if ((uint64_t)len < need)
		return load_fail(NULL, err, errsz, "truncated");
	if ((uint64_t)len > need)
		return load_fail(NULL, err, errsz, "trailing bytes");
	m = ns_xcalloc(1, sizeof(*m));
	/* The buckets are cache lines. */
	if (((uintptr_t)data & 63) != 0) {
		if (posix_memalign(&copy, 64, len) != 0)
			return load_fail(m, err, errsz, "out of memory");
		memcpy(copy, data, len);
		m->owned = copy;
		p = copy;
	} else
		p = (const unsigned char *)data;
	m->nb = h.nb;
	m->probe = h.probe;
	m->flags = h.flags;
	m->scale = h.scale;
	off = sizeof(h);
	m->trans = (const float *)(const void *)(p + off);
	off += NL * NL * 4;
	m->start = (const float *)(const void *)(p + off);
	off += NL * 4;
	m->end = (const float *)(const void *)(p + off);
	for (i = 0; i < NL * NL + 2 * NL; i++)
		if (!isfinite(m->trans[i]) || fabsf(m->trans[i]) > 1e9f)
			return load_fail(m, err, errsz, "bad transitions");
	off = TRANS_END;
	m->bk = (const uint32_t *)(const void *)(p + off);
	off += (uint64_t)h.nb * BKW * 4;
	m->ovf = (const uint64_t *)(const void *)(p + off);
	off += h.nb / 8;
	m->nlong = h.nlong;
	m->lng = (const int32_t *)(const void *)(p + off);
	off += (uint64_t)h.nlong * (NL + 1) * 4;
	for (i = 0; i < h.nlong * (NL + 1); i++)
		if (m->lng[i] < -32767 || m->lng[i] > 32767)
			return load_fail(m, err, errsz, "bad weight");
	if ((m->filter = big_alloc(((size_t)1 << (FILTER_BITS - 6)) *
	    sizeof(uint64_t), 1)) == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	for (i = 0; i < h.nb; i++) {
		r = m->bk + (size_t)i * BKW;
		for (j = 0; j < BKW && r[j] != 0; j += 1 + c) {
			c = r[j] & 31;
			m->filter[(r[j] >> 18) & FILTER_MASK] |= 1ULL <<
			    ((r[j] >> 12) & 63);
			if (c == LONGROW) {
				if (j + 2 > BKW || r[j + 1] >= h.nlong)
					return load_fail(m, err, errsz,
					    "bad weight offsets");
				c = 1;
				continue;
			}
			if (c == 0 || c > MAXROW || j + 1 + c > BKW)
				return load_fail(m, err, errsz,
				    "bad weight offsets");
			for (k = j + 1; k <= j + c; k++)
				if ((r[k] & 0xffff) >= NL)
					return load_fail(m, err, errsz,
					    "bad label");
		}
		for (; j < BKW; j++)
			if (r[j] != 0)
				return load_fail(m, err, errsz,
				    "bad weight offsets");
	}
	/* Checked: regrouped for the lookups. */
	if ((copy = big_alloc((size_t)h.nb * BKW * 4, 0)) == NULL)
		return load_fail(m, err, errsz, "out of memory");
	m->rbk = copy;
	m->meta = ns_xcalloc(h.nb, 1);
	for (i = 0; i < h.nb; i++)
		m->meta[i] = (uint8_t)(regroup(m->bk + (size_t)i * BKW,
		    m->rbk + (size_t)i * BKW) | (((m->ovf[i >> 6] >>
		    (i & 63)) & 1) ? MORE : 0));
	m->lex.cap = h.lcap;
	m->lex.probe = h.lprobe;
	m->lex.keys = (const uint64_t *)(const void *)(p + off);
	off += (uint64_t)h.lcap * 8;
	m->lex.vals = (const uint64_t *)(const void *)(p + off);
	for (i = 0; i < h.lcap; i++)
		if ((uint32_t)m->lex.vals[i] >> 24 > 24)
			return load_fail(m, err, errsz, "bad lexicon");
	model_consts(m);
	return m;
}

void
ns_ner_model_free(struct ns_ner_model *m)
{
	if (m == NULL)
		return;
	free(m->filter);
	free(m->rbk);
	free(m->meta);
	free(m->c);
	free(m->owned);
	free(m);
}

/* ---- the tagger ---- */

static struct ns_ner *
tagger_new(const struct ns_ner_model *m, const struct lexicon *lex)
{
	struct ns_ner *t = ns_xcalloc(1, sizeof(*t));

	init_tables();
	t->m = m;
	t->lex = lex;
	if (m != NULL && ((t->cache = big_alloc(NCACHE *
	    sizeof(*t->cache), 1)) == NULL || (t->tyc = big_alloc(NTYCACHE *
	    sizeof(*t->tyc), 1)) == NULL))
		ns_errx(NS_EXIT_FATAL, "out of memory");
	grow_sent(t, 256);
	if (m != NULL)
		trans_rows(m->trans, t->pt);
	return t;
}

struct ns_ner *
ns_ner_new(const struct ns_ner_model *m)
{
	return tagger_new(m, &m->lex);
}

void
ns_ner_free(struct ns_ner *t)
{
	if (t == NULL)
		return;
	free(t->cache);
	free(t->tyc);
	free(t->tok);
	free(t->tokhw);
	free(t->ty);
	free(t->th);
	ns_buf_free(&t->lower);
	ns_buf_free(&t->joined);
	free(t->dw);
	free(t->dh);
	free(t->dvec);
	free(t->sents);
	free(t->gaz);
	free(t->wv);
	free(t->scr);
	free(t->pend);
	free(t->f);
	free(t->nf);
	free(t->freep);
	free(t->emit);
	free(t->delta);
	free(t->bp);
	free(t->lab);
	free(t);
}

/* Titles before a name (common/data/titles.txt). */
extern const char *const ns_titles_data;
extern const size_t ns_titles_data_len;

static struct ns_wordlist titles;
static pthread_once_t titles_once = PTHREAD_ONCE_INIT;

static void
load_titles(void)
{
	ns_wordlist_init(&titles, ns_titles_data, ns_titles_data_len);
}

/* Is token k a title before a name ("Mr", "Dr.", "King")? CoNLL-2003
 * leaves titles out of PER spans. */
static int
honorific(const struct ns_ner *t, size_t k)
{
	pthread_once(&titles_once, load_titles);
	return ns_wordlist_has(&titles, t->s + t->tok[k].start,
	    ty_of(t, k)->len);
}

size_t
ns_ner_title_len(const char *s, size_t n)
{
	size_t i = 0, j;

	pthread_once(&titles_once, load_titles);
	for (;;) {
		for (j = i; j < n && s[j] != ' '; j++)
			;
		if (j == n || !ns_wordlist_has(&titles, s + i, j - i))
			return i;
		i = j + 1;
	}
}

int
ns_ner_function_word(const char *s, size_t n)
{
	char lo[16];
	size_t i;

	if (n == 0 || n > sizeof(lo))
		return 0;
	for (i = 0; i < n; i++)
		lo[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') :
		    s[i];
	init_tables();
	return function_word(hbytes(lo, n));
}

/* Is the MISC span of tokens [a, b) a nationality, religious or political
 * group? */
static int
is_norp(const struct ns_ner *t, size_t a, size_t b)
{
	const uint64_t *lv;
	uint64_t key = ty_of(t, a)->hl;
	size_t i;

	for (i = a + 1; i < b; i++)
		key = seq_next(key, ty_of(t, i)->hl);
	if ((lv = lex_get(t->lex, key)) != NULL && ((*lv >> 32) & G_NORP))
		return 1;
	if (b - a <= 3 && (lv = lex_get(t->lex, ty_of(t, b - 1)->hl)) != NULL &&
	    ((*lv >> 32) & G_NORP))
		return 1;
	return 0;
}

/* ---- names before a hyphen: "Toronto-based", "German-led" ----
 * CoNLL-2003 tags such a word MISC as a whole (so the model does);
 * OntoNotes, and ns, take the name before the hyphen: "Toronto" LOC,
 * "Mexico City" LOC, "German" NORP. After the words of hyph_place the
 * name is a place when nothing else is known of it; after the others
 * ("led", "backed") it is kept only when the gazetteer knows it. */
static const char *const hyph_place[] = { "based", "born", "bred",
    "headquartered", "listed", "raised", "registered" };
static const char *const hyph_other[] = { "allied", "backed", "brokered",
    "controlled", "dominated", "financed", "flagged", "funded", "led",
    "made", "owned", "run", "sponsored", "supported" };

static const char *
last_dash(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] != '-')
		n--;
	return n > 0 ? s + n - 1 : NULL;
}

/* Does the word s[0..n-1] end as most nationalities do ("Surinamese",
 * "Nigerian", "Danish")? Not a place the gazetteer does not know. */
static int
demonym_like(const char *s, size_t n)
{
	static const char *const ends[] = { "ese", "ian", "ish", "ean" };
	size_t i;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (n > 4 && memcmp(s + n - 3, ends[i], 3) == 0)
			return 1;
	return 0;
}

/* Tokens [a, b) ending in "Name-suffix" (one token: "Toronto-based";
 * or three: "U.S." "-" "led"): the byte where the name ends (its hyphen)
 * and its type; 0 when it is not such a name. */
static int
hyphen_name(const struct ns_ner *t, size_t a, size_t b, size_t *end,
    enum ns_ent_type *type)
{
	const struct wtype *x = ty_of(t, b - 1);
	const char *w = t->s + t->tok[b - 1].start, *dash, *suf;
	const char *lw = t->lower.p + x->lo, *ldash = NULL;
	const uint64_t *lv;
	uint64_t key = 0, g;
	size_t k, n = x->len, sn, last;
	int place;

	if ((dash = last_dash(w, n)) != NULL && dash > w &&
	    (ldash = last_dash(lw, x->lolen)) != NULL && ldash > lw) {
		suf = dash + 1;
		sn = (size_t)(w + n - suf);
		last = b;		/* the name ends inside token b - 1 */
	} else if (b - a >= 3 && ty_of(t, b - 2)->len == 1 &&
	    t->s[t->tok[b - 2].start] == '-' &&
	    tok_end(t, b - 3) == t->tok[b - 2].start &&
	    tok_end(t, b - 2) == t->tok[b - 1].start) {
		suf = w;
		sn = n;
		dash = t->s + t->tok[b - 2].start;
		last = b - 2;		/* the name is tokens [a, b - 2) */
	} else
		return 0;
	if (ns_in_words(hyph_place, sizeof(hyph_place) / sizeof(hyph_place[0]),
	    suf, sn))
		place = 1;
	else if (ns_in_words(hyph_other, sizeof(hyph_other) /
	    sizeof(hyph_other[0]), suf, sn))
		place = 0;
	else
		return 0;
	/* A name: a capital first, in every word of it. */
	for (k = a; k < last; k++)
		if (!(ty_of(t, k)->flags & T_INITCAP))
			return 0;
	for (k = a; k < last && (last < b || k + 1 < last); k++)
		key = k == a ? ty_of(t, k)->hl : seq_next(key,
		    ty_of(t, k)->hl);
	if (last == b) {
		/* and the part of the last word before the hyphen */
		g = hbytes(lw, (size_t)(ldash - lw));
		key = a + 1 == b ? g : seq_next(key, g);
	} else
		key = last - a == 1 ? ty_of(t, a)->hl : seq_next(key,
		    ty_of(t, last - 1)->hl);
	g = (lv = lex_get(t->lex, key)) != NULL ? *lv >> 32 : 0;
	if (g & G_NORP)
		*type = NS_ENT_NORP;
	else if ((g & (G_COUNTRY | G_SUBDIV | G_CITY | G_REGION)) ||
	    (place && !demonym_like(t->s + t->tok[last - 1].start,
	    (size_t)(dash - t->s) - t->tok[last - 1].start)))
		*type = NS_ENT_LOC;
	else
		return 0;
	*end = (size_t)(dash - t->s);
	return 1;
}

static size_t
push_ent(struct ns_entity **v, size_t *cap, size_t count, size_t start,
    size_t end, enum ns_ent_type type)
{
	if (count == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = ns_xreallocarray(*v, *cap, sizeof(**v));
	}
	memset(&(*v)[count], 0, sizeof(**v));
	(*v)[count].start = start;
	(*v)[count].end = end;
	(*v)[count].type = type;
	(*v)[count].vkind = NS_VAL_NONE;
	return count + 1;
}

/* Of the sentence st, the first of the words with a capital right before
 * word i (one space apart, none tagged or all MISC, none a function word
 * such as "The", none in the last name of v) that a name ending in a
 * hyphenated word may start with: "Hong" "Kong-listed", "St."
 * "Louis-based", "Northern" "Ireland-born". i when none. */
static size_t
name_before(const struct ns_ner *t, const struct sent *st, size_t i,
    const struct ns_entity *v, size_t count)
{
	size_t a = i, k;

	while (a > 0) {
		k = st->a + a - 1;
		if ((t->lab[a - 1] != 0 && LAB_CLS(t->lab[a - 1]) != C_MISC) ||
		    (ty_of(t, k)->flags & (T_INITCAP | T_FUNC)) != T_INITCAP ||
		    tok_end(t, k) + 1 != t->tok[k + 1].start ||
		    (count > 0 && t->tok[k].start < v[count - 1].end))
			break;
		a--;
	}
	return a;
}

/* Append the name [start, end) of type to v, or, when it follows the
 * last name with one space between ("Mexico" tagged, then "City-based"),
 * make that name end where this one does. */
static size_t
push_hyphen(const struct ns_ner *t, struct ns_entity **v, size_t *cap,
    size_t count, size_t start, size_t end, enum ns_ent_type type,
    int *sorted)
{
	struct ns_entity *p = count > 0 ? &(*v)[count - 1] : NULL;

	if (p != NULL && p->end + 1 == start && t->s[p->end] == ' ' &&
	    p->type != NS_ENT_PERSON && p->type != NS_ENT_NTYPES) {
		p->end = end;
		p->type = type;
		return count;
	}
	if (p != NULL && p->start > start)
		*sorted = 0;
	return push_ent(v, cap, count, start, end, type);
}

/* The order sentences are tagged in: sentences of normal case first, so
 * that a word's history is known when a headline in capitals or Title
 * Case (and the title, bytes [0, title_end)) is tagged. */
static int
sent_rank(const struct ns_ner *t, const struct sent *st, size_t title_end)
{
	if (t->tok[st->a].start < title_end)
		return 2;
	return st->mode != M_NORMAL;
}

static int
cmp_ent(const void *a, const void *b)
{
	const struct ns_entity *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Tag s with the model (raw: MISC kept, as NS_ENT_NTYPES). */
static size_t
tag(struct ns_ner *t, const char *s, size_t n, struct ns_entity **v,
    size_t *cap, int raw, size_t title_end)
{
	static const enum ns_ent_type map[NCLS] = { NS_ENT_PERSON,
	    NS_ENT_ORG, NS_ENT_LOC, NS_ENT_NORP };
	const struct sent *st;
	size_t count = 0, i, k, len, a, a0, end;
	enum ns_ent_type type, ty;
	int y, c, rank, sorted = 1;

	prepare(t, s, n);
	if (t->nsents == 0)
		return 0;	/* t->sents may be NULL */
	for (rank = 0; rank < 3; rank++)
		for (st = t->sents; st < t->sents + t->nsents; st++) {
			if (sent_rank(t, st, title_end) != rank)
				continue;
			len = st->b - st->a;
			/* no word with a capital: nothing to find */
			if (sentence_prepare(t, st) == 0)
				continue;
			model_emit(t, st);
			viterbi(t, len, (const float (*)[NL])t->pt,
			    t->m->start, t->m->end);
			remember(t, st, t->lab);
			for (i = 0; i < len; i++) {
				y = t->lab[i];
				if (y == 0 && !raw && (ty_of(t, st->a + i)->flags &
				    T_INITCAP)) {
					/* "Toronto-based" or "U.S." "-" "led"
					 * untagged. */
					k = i + 3 <= len && t->lab[i + 1] == 0 &&
					    t->lab[i + 2] == 0 ? 3 : 1;
					a = name_before(t, st, i, *v, count);
					if (!hyphen_name(t, st->a + a, st->a + i + k,
					    &end, &type) && (k == 1 ||
					    !hyphen_name(t, st->a + a, st->a + i + 1,
					    &end, &type)))
						continue;
					count = push_hyphen(t, v, cap, count,
					    t->tok[st->a + a].start, end, type,
					    &sorted);
					continue;
				}
				if (y == 0 || (LAB_POS(y) != 0 &&
				    LAB_POS(y) != 3))
					continue;
				a = i;
				c = LAB_CLS(y);
				while (LAB_POS(t->lab[i]) != 3 &&
				    LAB_POS(t->lab[i]) != 2 && i + 1 < len)
					i++;
				end = tok_end(t, st->a + i);
				ty = raw && c == C_MISC ? NS_ENT_NTYPES : map[c];
				a0 = a;
				if (!raw && c == C_MISC)
					a = name_before(t, st, a, *v, count);
				if (!raw && hyphen_name(t, st->a + a,
				    st->a + i + 1, &end, &type)) {
					/* The name before the hyphen: its own
					 * type for MISC, the tag's otherwise. */
					count = push_hyphen(t, v, cap, count,
					    t->tok[st->a + a].start, end,
					    c == C_MISC ? type : ty, &sorted);
					continue;
				} else if (c == C_MISC && !raw &&
				    !is_norp(t, st->a + a, st->a + i + 1))
					continue;
				a = a0;	/* name_before()'s words are not the
					 * MISC name's */
				while (c == C_PER && a < i &&
				    honorific(t, st->a + a))
					a++;
				/* Right after a title ("Sen.", "King"), a
				 * short name is a person's whatever the tag. */
				if ((c == C_ORG || c == C_LOC) && a > 0 &&
				    i - a < 3 && honorific(t, st->a + a - 1) &&
				    (ty_of(t, st->a + a - 1)->flags & T_INITCAP))
					ty = NS_ENT_PERSON;
				if (count > 0 && (*v)[count - 1].start >
				    t->tok[st->a + a].start)
					sorted = 0;
				count = push_ent(v, cap, count,
				    t->tok[st->a + a].start, end, ty);
			}
		}
	if (!sorted)
		qsort(*v, count, sizeof(**v), cmp_ent);
	return count;
}

size_t
ns_ner_tag(struct ns_ner *t, const char *s, size_t n, struct ns_entity **v,
    size_t *cap)
{
	return tag(t, s, n, v, cap, 0, 0);
}

size_t
ns_ner_tag_record(struct ns_ner *t, const char *title, size_t tlen,
    const char *text, size_t n, struct ns_entity **v, size_t *cap,
    size_t *ntitle)
{
	size_t count, i, k = 0;

	ns_buf_reset(&t->joined);
	ns_buf_add(&t->joined, title, tlen);
	ns_buf_add(&t->joined, "\n\n", 2);
	ns_buf_add(&t->joined, text, n);
	count = tag(t, t->joined.p, t->joined.len, v, cap, 0, tlen);
	for (i = 0; i < count; i++) {
		if ((*v)[i].start < tlen)
			k++;
		else {
			(*v)[i].start -= tlen + 2;
			(*v)[i].end -= tlen + 2;
		}
	}
	*ntitle = k;
	return count;
}

/* ---- scoring ---- */

static size_t
count_matches(const struct ns_entity *p, size_t np,
    const struct ns_ner_doc *d, int three, size_t *npred, size_t *ngold)
{
	size_t i, j, tp = 0;

	for (i = 0; i < np; i++)
		if (!three || p[i].type != NS_ENT_NTYPES)
			(*npred)++;
	for (j = 0; j < d->ngold; j++) {
		if (three && d->gold[j].cls == C_MISC)
			continue;
		(*ngold)++;
		for (i = 0; i < np; i++) {
			if (p[i].start != d->gold[j].start ||
			    p[i].end != d->gold[j].end)
				continue;
			if ((p[i].type == NS_ENT_NTYPES ? C_MISC :
			    (int)p[i].type) == d->gold[j].cls)
				tp++;
			break;
		}
	}
	return tp;
}

static double
f1(size_t tp, size_t np, size_t ng)
{
	return np + ng == 0 ? 0 : 2.0 * (double)tp / (double)(np + ng);
}

void
ns_ner_score(const struct ns_ner_model *m, const struct ns_ner_doc *docs,
    size_t ndocs, double *f1_3, double *f1_4)
{
	struct ns_ner *t = ns_ner_new(m);
	struct ns_entity *v = NULL;
	size_t cap = 0, i, n, tp3 = 0, np3 = 0, ng3 = 0, tp4 = 0, np4 = 0,
	    ng4 = 0;

	for (i = 0; i < ndocs; i++) {
		n = tag(t, docs[i].text, docs[i].len, &v, &cap, 1, 0);
		tp3 += count_matches(v, n, &docs[i], 1, &np3, &ng3);
		tp4 += count_matches(v, n, &docs[i], 0, &np4, &ng4);
	}
	*f1_3 = f1(tp3, np3, ng3);
	*f1_4 = f1(tp4, np4, ng4);
	free(v);
	ns_ner_free(t);
}

/* ---- training ---- */

struct kv {
	uint64_t key, val;
};

static int
cmp_kv(const void *a, const void *b)
{
	const struct kv *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* Lexicon entries of the gazetteer and the clusters: key (lower-cased
 * word, or word sequence) and value, sorted, duplicates merged. */
static size_t
lexicon_entries(const struct ns_ner_train_opts *o, struct kv **out)
{
	static const struct {
		const char *name;
		uint32_t bit;
	} types[] = { { "country", G_COUNTRY }, { "former", G_COUNTRY },
	    { "subdivision", G_SUBDIV }, { "capital", G_CITY },
	    { "city", G_CITY }, { "region", G_REGION },
	    { "demonym", G_NORP }, { "religion", G_NORP },
	    { "party", G_NORP } };
	static const struct lexicon empty;
	struct ns_ner *t = tagger_new(NULL, &empty);
	struct kv *v = NULL;
	size_t n = 0, cap = 0, i, j, k, len;
	const char *p, *end, *nl, *tab;
	uint64_t key, bits;
	uint32_t bit, nb;

	for (p = o->gazetteer, end = p + o->gazetteer_len; p != NULL &&
	    p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (*p == '#' || (tab = memchr(p, '\t', (size_t)(nl - p))) ==
		    NULL)
			continue;
		bit = 0;
		for (k = 0; k < sizeof(types) / sizeof(types[0]); k++)
			if (strlen(types[k].name) == (size_t)(tab - p) &&
			    memcmp(types[k].name, p, (size_t)(tab - p)) == 0)
				bit = types[k].bit;
		if (bit == 0)
			continue;
		prepare(t, tab + 1, (size_t)(nl - tab - 1));
		if (t->ntok == 0 || t->ntok > GAZMAX)
			continue;
		/* The name, and each of its beginnings (with no type), so
		 * that a match stops where no name goes on. */
		key = ty_of(t, 0)->hl;
		for (j = 0; j < t->ntok; j++) {
			if (j > 0)
				key = seq_next(key, ty_of(t, j)->hl);
			if (n == cap) {
				cap = cap ? cap * 2 : 4096;
				v = ns_xreallocarray(v, cap, sizeof(*v));
			}
			v[n].key = key;
			v[n++].val = j + 1 == t->ntok ? (uint64_t)bit << 32 : 0;
		}
	}
	for (p = o->clusters, end = p + o->clusters_len; p != NULL &&
	    p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((tab = memchr(p, '\t', (size_t)(nl - p))) == NULL ||
		    tab == p)
			continue;
		bits = 0;
		nb = 0;
		len = (size_t)(nl - tab - 1);
		for (i = 0; i < len && tab[1 + i] != '\r'; i++) {
			if (tab[1 + i] != '0' && tab[1 + i] != '1')
				break;
			if (nb < 24) {
				bits = bits << 1 | (uint64_t)(tab[1 + i] - '0');
				nb++;
			}
		}
		if (nb == 0)
			continue;
		bits <<= 24 - nb;
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			v = ns_xreallocarray(v, cap, sizeof(*v));
		}
		v[n].key = hbytes(p, (size_t)(tab - p));
		v[n++].val = (uint64_t)nb << 24 | bits;
	}
	ns_ner_free(t);
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_kv);
	for (i = j = 0; i < n; i++) {
		if (j > 0 && v[j - 1].key == v[i].key) {
			v[j - 1].val |= v[i].val & ~(uint64_t)0xffffffff;
			if ((uint32_t)v[j - 1].val == 0)
				v[j - 1].val |= (uint32_t)v[i].val;
		} else
			v[j++] = v[i];
	}
	*out = v;
	return j;
}

/* Build the lexicon table of entries e[0..n-1] into keys and vals (cap
 * slots each); returns the longest probe. */
static uint32_t
lexicon_table(const struct kv *e, size_t n, uint64_t *keys, uint64_t *vals,
    uint32_t cap)
{
	uint32_t probe = 0, p, i;
	size_t k;

	for (k = 0; k < n; k++) {
		i = (uint32_t)e[k].key & (cap - 1);
		for (p = 0; keys[i] != 0; p++)
			i = (i + 1) & (cap - 1);
		keys[i] = e[k].key;
		vals[i] = e[k].val;
		if (p > probe)
			probe = p;
	}
	return probe;
}

static uint32_t
pow2_above(size_t n)
{
	uint32_t c = 16;

	while ((size_t)c < n)
		c *= 2;
	return c;
}

/* The weights being learnt: feature -> row of NL, averaged by the usual
 * trick (avg = w - u / c). */
struct trainer {
	uint64_t *keys;
	uint32_t *row;		/* 1 + row index; 0 empty */
	size_t	 cap, n;
	float	*w;
	double	*u;
	size_t	 rowcap;
	float	 tw[NL * NL + 2 * NL];
	double	 tu[NL * NL + 2 * NL];
	double	 c;
};

static size_t
tr_find(const struct trainer *tr, uint64_t f)
{
	size_t i = (size_t)f & (tr->cap - 1);

	while (tr->keys[i] != 0) {
		if (tr->keys[i] == f)
			return tr->row[i];
		i = (i + 1) & (tr->cap - 1);
	}
	return 0;
}

static size_t
tr_add(struct trainer *tr, uint64_t f)
{
	size_t i, r, oc;
	uint64_t *ok;
	uint32_t *orow;

	if ((r = tr_find(tr, f)) != 0)
		return r;
	if (2 * (tr->n + 1) > tr->cap) {
		ok = tr->keys;
		orow = tr->row;
		oc = tr->cap;
		tr->cap *= 2;
		tr->keys = ns_xcalloc(tr->cap, sizeof(*tr->keys));
		tr->row = ns_xcalloc(tr->cap, sizeof(*tr->row));
		for (i = 0; i < oc; i++) {
			if (ok[i] == 0)
				continue;
			r = (size_t)ok[i] & (tr->cap - 1);
			while (tr->keys[r] != 0)
				r = (r + 1) & (tr->cap - 1);
			tr->keys[r] = ok[i];
			tr->row[r] = orow[i];
		}
		free(ok);
		free(orow);
	}
	if (tr->n == tr->rowcap) {
		tr->rowcap *= 2;
		tr->w = ns_xreallocarray(tr->w, tr->rowcap, NL * sizeof(float));
		tr->u = ns_xreallocarray(tr->u, tr->rowcap,
		    NL * sizeof(double));
	}
	memset(tr->w + tr->n * NL, 0, NL * sizeof(float));
	memset(tr->u + tr->n * NL, 0, NL * sizeof(double));
	i = (size_t)f & (tr->cap - 1);
	while (tr->keys[i] != 0)
		i = (i + 1) & (tr->cap - 1);
	tr->keys[i] = f;
	tr->row[i] = (uint32_t)++tr->n;
	return tr->n;
}

static void
tr_emit(const struct trainer *tr, struct ns_ner *t, size_t n)
{
	size_t i, k, r;
	int y;

	for (i = 0; i < n; i++) {
		float *e = t->emit + i * NL;

		memset(e, 0, NL * sizeof(*e));
		for (k = 0; t->freep[i] && k < t->nf[i]; k++) {
			if ((r = tr_find(tr, t->f[i * MAXF + k])) == 0)
				continue;
			for (y = 0; y < NL; y++)
				e[y] += tr->w[(r - 1) * NL + y];
		}
	}
}

static void
tr_bump(struct trainer *tr, float *w, double *u, double d)
{
	*w += (float)d;
	*u += tr->c * d;
}

/* One perceptron step on a sentence: gold g, predicted p. */
static void
tr_update(struct trainer *tr, struct ns_ner *t, size_t n, const uint8_t *g,
    const uint8_t *p)
{
	size_t i, k, r;
	float *tw = tr->tw, *sw = tr->tw + NL * NL, *ew = sw + NL;
	double *tu = tr->tu, *su = tr->tu + NL * NL, *eu = su + NL;

	for (i = 0; i < n; i++) {
		if (g[i] != p[i] && t->freep[i])
			for (k = 0; k < t->nf[i]; k++) {
				r = tr_add(tr, t->f[i * MAXF + k]) - 1;
				tr_bump(tr, &tr->w[r * NL + g[i]],
				    &tr->u[r * NL + g[i]], 1);
				tr_bump(tr, &tr->w[r * NL + p[i]],
				    &tr->u[r * NL + p[i]], -1);
			}
		if (i == 0) {
			if (g[0] != p[0]) {
				tr_bump(tr, &sw[g[0]], &su[g[0]], 1);
				tr_bump(tr, &sw[p[0]], &su[p[0]], -1);
			}
		} else if (g[i - 1] != p[i - 1] || g[i] != p[i]) {
			tr_bump(tr, &tw[g[i - 1] * NL + g[i]],
			    &tu[g[i - 1] * NL + g[i]], 1);
			tr_bump(tr, &tw[p[i - 1] * NL + p[i]],
			    &tu[p[i - 1] * NL + p[i]], -1);
		}
	}
	if (g[n - 1] != p[n - 1]) {
		tr_bump(tr, &ew[g[n - 1]], &eu[g[n - 1]], 1);
		tr_bump(tr, &ew[p[n - 1]], &eu[p[n - 1]], -1);
	}
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* A weight of a feature being written. */
struct wlab {
	long	 q;
	uint32_t y;
};

/* Write the averaged model to out. */
static void
tr_write(const struct trainer *tr, const struct kv *lex, size_t nlex,
    double prune, struct ns_buf *out)
{
	struct header h;
	struct wlab row[NL];
	uint64_t *order, *lk, *lv, *ovf;
	uint32_t *bk, *rows, *roff, *used, b, p, cnt, nb, probe, hdr, nlong = 0,
	    sz;
	int32_t *lng;
	size_t k, r, nfeat = 0, nkept = 0, nwords = 0, y, at, j;
	double a, maxa = 0, scale;
	float tw[NL * NL + 2 * NL];
	long q;

	for (r = 0; r < tr->n * NL; r++) {
		a = fabs(tr->w[r] - tr->u[r] / tr->c);
		if (a > maxa)
			maxa = a;
	}
	scale = maxa > 0 ? maxa / 32767 : 1;
	/* Features in key order, so that the table is the same whatever
	 * order training met them in. */
	order = ns_xreallocarray(NULL, tr->n + 1, sizeof(*order));
	roff = ns_xreallocarray(NULL, tr->n + 1, sizeof(*roff));
	for (k = 0; k < tr->cap; k++)
		if (tr->keys[k] != 0)
			order[nfeat++] = tr->keys[k];
	qsort(order, nfeat, sizeof(*order), cmp_u64);
	rows = ns_xreallocarray(NULL, nfeat * (NL + 1) + 1, sizeof(*rows));
	lng = ns_xcalloc(nfeat * (NL + 1) + 1, sizeof(*lng));
	for (k = 0; k < nfeat; k++) {
		r = tr_find(tr, order[k]) - 1;
		cnt = 0;
		for (y = 0; y < NL; y++) {
			a = tr->w[r * NL + y] - tr->u[r * NL + y] / tr->c;
			if (fabs(a) < prune)
				continue;
			q = lround(a / scale);
			if (q == 0)
				continue;
			row[cnt].q = q;
			row[cnt++].y = (uint32_t)y;
		}
		if (cnt == 0)
			continue;
		order[nkept] = order[k];
		roff[nkept++] = (uint32_t)nwords;
		if (cnt > MAXROW) {
			for (j = 0; j < cnt; j++)
				lng[nlong * (NL + 1) + row[j].y] =
				    (int32_t)row[j].q;
			rows[nwords++] = LONGROW;
			rows[nwords++] = nlong++;
			continue;
		}
		rows[nwords++] = cnt;
		for (j = 0; j < cnt; j++)
			rows[nwords++] = (uint32_t)((int32_t)row[j].q *
			    65536) | row[j].y;
	}
	/* Buckets about two thirds full. */
	for (nb = 64; (size_t)nb * BKW * 2 < nwords * 3; nb *= 2)
		;
	for (;;) {
		bk = ns_xcalloc((size_t)nb * BKW, sizeof(*bk));
		used = ns_xcalloc(nb, sizeof(*used));
		ovf = ns_xcalloc(nb / 64, sizeof(*ovf));
		probe = 0;
		for (k = 0; k < nkept; k++) {
			cnt = rows[roff[k]];
			sz = cnt == LONGROW ? 1 : cnt;
			b = (uint32_t)order[k] & (nb - 1);
			for (p = 0; p < nb && used[b] + 1 + sz > BKW; p++) {
				ovf[b >> 6] |= 1ULL << (b & 63);
				b = (b + 1) & (nb - 1);
			}
			if (p == nb)
				break;
			if (p > probe)
				probe = p;
			hdr = ((uint32_t)(order[k] >> 32) & ~31u) | cnt;
			bk[(size_t)b * BKW + used[b]] = hdr;
			memcpy(bk + (size_t)b * BKW + used[b] + 1,
			    rows + roff[k] + 1, sz * sizeof(*bk));
			used[b] += 1 + sz;
		}
		if (k == nkept)
			break;
		free(bk);
		free(used);
		free(ovf);
		nb *= 2;
	}
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, 8);
	h.version = VERSION;
	h.nlabels = NL;
	h.nb = nb;
	h.probe = probe;
	h.nfeat = (uint32_t)nkept;
	h.nlong = nlong;
	h.scale = (float)scale;
	h.lcap = nlex ? pow2_above(nlex + nlex / 2) : 0;
	for (k = 0; k < NL * NL + 2 * NL; k++)
		tw[k] = (float)(tr->tw[k] - tr->tu[k] / tr->c);
	lk = ns_xcalloc(h.lcap + 1, sizeof(*lk));
	lv = ns_xcalloc(h.lcap + 1, sizeof(*lv));
	if (nlex)
		h.lprobe = lexicon_table(lex, nlex, lk, lv, h.lcap);
	h.size = TRANS_END + (uint64_t)nb * BKW * 4 + nb / 8 +
	    (uint64_t)nlong * (NL + 1) * 4 + (uint64_t)h.lcap * 16;
	at = out->len;
	ns_buf_add(out, &h, sizeof(h));
	ns_buf_add(out, tw, sizeof(tw));
	while (out->len - at < TRANS_END)
		ns_buf_addc(out, 0);
	ns_buf_add(out, bk, (size_t)nb * BKW * 4);
	ns_buf_add(out, ovf, nb / 8);
	ns_buf_add(out, lng, (size_t)nlong * (NL + 1) * 4);
	ns_buf_add(out, lk, (size_t)h.lcap * 8);
	ns_buf_add(out, lv, (size_t)h.lcap * 8);
	free(lk);
	free(lv);
	free(order);
	free(roff);
	free(rows);
	free(lng);
	free(bk);
	free(used);
	free(ovf);
}

/* Gold labels of the tokens of t (prepared on d's text) into g. */
static void
gold_labels(const struct ns_ner *t, const struct ns_ner_doc *d, uint8_t *g)
{
	size_t k, lo, hi, mid, a, b, i;
	int c;

	memset(g, 0, t->ntok);
	for (k = 0; k < d->ngold; k++) {
		lo = 0;
		hi = t->ntok;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (t->tok[mid].start < d->gold[k].start)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo >= t->ntok || t->tok[lo].start != d->gold[k].start)
			continue;
		a = lo;
		for (b = a; b < t->ntok && tok_end(t, b) < d->gold[k].end; b++)
			;
		if (b >= t->ntok || tok_end(t, b) != d->gold[k].end)
			continue;
		c = d->gold[k].cls;
		if (c < 0 || c >= NCLS)
			continue;
		for (i = a; i <= b; i++)
			if (g[i] != 0)
				break;
		if (i <= b)
			continue;
		if (a == b)
			g[a] = LAB_U(c);
		else {
			g[a] = LAB_B(c);
			for (i = a + 1; i < b; i++)
				g[i] = LAB_I(c);
			g[b] = LAB_L(c);
		}
	}
}

/* Entities of g over sentence positions that are not free become O. */
static void
gold_fit(const struct ns_ner *t, uint8_t *g, size_t n)
{
	size_t i, a, j;
	int ok;

	for (i = 0; i < n; i++) {
		if (g[i] == 0)
			continue;
		a = i;
		while (i + 1 < n && LAB_POS(g[i]) != 2 && LAB_POS(g[i]) != 3)
			i++;
		ok = 1;
		for (j = a; j <= i; j++)
			ok &= t->freep[j];
		if (!ok)
			for (j = a; j <= i; j++)
				g[j] = 0;
	}
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/* Title-Case some sentences of train (a copy of each text; the bytes
 * change, the offsets do not). */
static char **
titlecase_copies(struct ns_ner *t, const struct ns_ner_doc *train,
    size_t ntrain, int permille, uint64_t seed)
{
	char **texts = ns_xcalloc(ntrain, sizeof(*texts));
	struct sent st;
	size_t d, i, a;
	uint64_t r = seed ^ 0x7469746c65ULL;
	char *p;

	for (d = 0; d < ntrain; d++) {
		p = texts[d] = ns_xmalloc(train[d].len + 1);
		memcpy(p, train[d].text, train[d].len);
		p[train[d].len] = '\0';
		prepare(t, p, train[d].len);
		for (a = 0; a < t->ntok; a = st.b) {
			sent_at(t, a, &st);
			if (st.mode != M_NORMAL ||
			    (int)(rnd(&r) % 1000) >= permille)
				continue;
			for (i = st.a; i < st.b; i++) {
				const struct tok *x = &t->tok[i];

				if (p[x->start] >= 'a' && p[x->start] <= 'z' &&
				    (i == st.a || !(x->flags & T_MINOR)))
					p[x->start] -= 32;
			}
		}
	}
	return texts;
}

void
ns_ner_train_defaults(struct ns_ner_train_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->epochs = 30;
	o->patience = 4;
	o->seed = 20030531;
	o->prune = 0.5;
	o->titlecase = 300;
	o->dropout = 150;
	o->gazetteer = ns_gazetteer_data;
	o->gazetteer_len = ns_gazetteer_data_len;
	o->clusters = ns_clusters_data;
	o->clusters_len = ns_clusters_data_len;
}

int
ns_ner_train(const struct ns_ner_doc *train, size_t ntrain,
    const struct ns_ner_doc *dev, size_t ndev,
    const struct ns_ner_train_opts *o, struct ns_buf *out, char *err,
    size_t errsz)
{
	struct trainer tr;
	struct kv *lex;
	struct lexicon lx;
	uint64_t *lk, *lv, r = o->seed | 1;
	size_t nlex, *order, i, j, d, n, gcap = 0, at;
	struct ns_ner *t;
	struct ns_ner_model *m;
	struct ns_buf cur = { 0 }, best = { 0 };
	struct sent sent;
	const struct sent *st = &sent;
	uint8_t *g = NULL, *pred;
	char **texts = NULL;
	double f3, f4, bestf = -1;
	int e, beste = 0, ok, rank;
	const char *text;

	init_tables();
	nlex = lexicon_entries(o, &lex);
	memset(&lx, 0, sizeof(lx));
	lx.cap = nlex ? pow2_above(nlex + nlex / 2) : 0;
	lk = ns_xcalloc(lx.cap + 1, sizeof(*lk));
	lv = ns_xcalloc(lx.cap + 1, sizeof(*lv));
	if (nlex)
		lx.probe = lexicon_table(lex, nlex, lk, lv, lx.cap);
	lx.keys = lk;
	lx.vals = lv;
	t = tagger_new(NULL, &lx);
	if (o->titlecase > 0)
		texts = titlecase_copies(t, train, ntrain, o->titlecase,
		    o->seed);

	memset(&tr, 0, sizeof(tr));
	tr.cap = 1 << 20;
	tr.keys = ns_xcalloc(tr.cap, sizeof(*tr.keys));
	tr.row = ns_xcalloc(tr.cap, sizeof(*tr.row));
	tr.rowcap = 1 << 16;
	tr.w = ns_xreallocarray(NULL, tr.rowcap, NL * sizeof(float));
	tr.u = ns_xreallocarray(NULL, tr.rowcap, NL * sizeof(double));
	tr.c = 1;
	order = ns_xreallocarray(NULL, ntrain + 1, sizeof(*order));
	for (i = 0; i < ntrain; i++)
		order[i] = i;

	for (e = 1; e <= o->epochs; e++) {
		for (i = ntrain; i > 1; i--) {
			j = (size_t)(rnd(&r) % i);
			d = order[i - 1];
			order[i - 1] = order[j];
			order[j] = d;
		}
		for (i = 0; i < ntrain; i++) {
			d = order[i];
			text = texts ? texts[d] : train[d].text;
			prepare(t, text, train[d].len);
			/* Hide some capitalized words from themselves, so that
			 * shape, clusters and context learn to name words
			 * never seen. */
			for (j = 0; o->dropout > 0 && j < t->ntok; j++)
				if ((t->tok[j].flags & T_UPPER) &&
				    (int)(rnd(&r) % 1000) < o->dropout)
					t->tok[j].flags |= T_DROP;
			if (t->ntok > gcap) {
				gcap = t->ntok;
				g = ns_xrealloc(g, gcap);
			}
			gold_labels(t, &train[d], g);
			for (rank = 0; rank < 2; rank++)
			for (at = 0; at < t->ntok; at = sent.b) {
				sent_at(t, at, &sent);
				if (sent_rank(t, st, 0) != rank)
					continue;
				n = st->b - st->a;
				sentence_features(t, st);
				gold_fit(t, g + st->a, n);
				tr_emit(&tr, t, n);
				trans_rows(tr.tw, t->pt);
				viterbi(t, n, (const float (*)[NL])t->pt,
				    tr.tw + NL * NL, tr.tw + NL * NL + NL);
				pred = t->lab;
				if (memcmp(pred, g + st->a, n) != 0)
					tr_update(&tr, t, n, g + st->a, pred);
				remember(t, st, pred);
				tr.c++;
			}
		}
		ns_buf_reset(&cur);
		tr_write(&tr, lex, nlex, o->prune, &cur);
		if ((m = ns_ner_model_load(cur.p, cur.len, err, errsz)) ==
		    NULL)
			break;
		ns_ner_score(m, dev, ndev, &f3, &f4);
		ns_ner_model_free(m);
		if (o->progress)
			o->progress(o->ctx, e, f3, f4, cur.len);
		if (f3 > bestf) {
			bestf = f3;
			beste = e;
			ns_buf_reset(&best);
			ns_buf_add(&best, cur.p, cur.len);
		} else if (e - beste >= o->patience)
			break;
	}
	ok = best.len > 0;
	if (ok)
		ns_buf_add(out, best.p, best.len);
	else if (err != NULL && errsz > 0 && e > o->epochs)
		snprintf(err, errsz, "no epoch was trained");
	if (texts != NULL)
		for (i = 0; i < ntrain; i++)
			free(texts[i]);
	free(texts);
	free(order);
	free(g);
	free(tr.keys);
	free(tr.row);
	free(tr.w);
	free(tr.u);
	free(lex);
	free(lk);
	free(lv);
	ns_ner_free(t);
	ns_buf_free(&cur);
	ns_buf_free(&best);
	return ok ? 0 : -1;
}
