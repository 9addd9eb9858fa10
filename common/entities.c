/* entities.c: the "entities" of a record (DESIGN.md) from what the two
 * recognizers find: numbers, money, dates and the like (numex.c), and
 * names (ner.c); merged, put in code points, with short names linked to
 * the fuller names they stand for ("canonical"). */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ns.h"

static const char *const type_names[NS_ENT_NTYPES] = {
	"PERSON", "ORG", "LOC", "NORP", "MONEY", "PERCENT", "DATE", "TIME",
	"QUANTITY", "CARDINAL", "ORDINAL", "URL", "EMAIL"
};

/* Distinct PERSON and ORG names looked at for "canonical" per record; a
 * record with more links the first ones only (the cost is quadratic in
 * them). */
#define CANON_MAX 2000

const char *
ns_ent_type_name(enum ns_ent_type t)
{
	return (unsigned)t < NS_ENT_NTYPES ? type_names[t] : NULL;
}

int
ns_ent_type_parse(const char *s, size_t n)
{
	int t;

	for (t = 0; t < NS_ENT_NTYPES; t++)
		if (strlen(type_names[t]) == n &&
		    memcmp(type_names[t], s, n) == 0)
			return t;
	return -1;
}

/* One entity of the record while it is put together. */
struct found {
	struct ns_entity e;
	int	 field;		/* 0 title, 1 text */
	size_t	 cstart, cend;	/* code points */
	const char *s;		/* the field's text */
	int	 name;		/* index of its name in names[], or -1 */
};

/* A distinct PERSON or ORG name of the record. */
struct name {
	const char *s;		/* not NUL-terminated */
	size_t	 n;
	enum ns_ent_type type;
	size_t	 words;
	int	 canon;		/* index of its fuller name, -1 none */
	int	 place;		/* is_place(), -1 not looked up yet */
};

#define KINDS_MAX 16	/* names a record's kind_orgs() tells of */

struct ns_extractor {
	struct ns_numex *numex;
	struct ns_ner *ner;	/* NULL when no name type is wanted */
	unsigned types;		/* bit t: type t is wanted */
	struct ns_entity *nv, *tv, *ov;
	size_t	 ncap, tcap, ocap;
	struct ns_listword *sur;	/* surnames of a field (known_orgs) */
	size_t	 surcap;
	struct found *f;
	size_t	 nf, fcap;
	struct name *names;
	size_t	 nnames, namecap;
	json_t	*real;		/* a value written by jansson (add_real()) */
	const char *rtitle, *rtext;	/* the record's fields */
	size_t	 rtlen, rxlen;
	int	 sport;		/* a sports story: 1, 0, -1 not known yet */
	struct ns_buf out;	/* the last record's array */
	/* the text's dateline (datelines()): its place s[0..dlend) in
	 * capitals, the region after it s[dlra..dlrb) or none (dlra 0),
	 * and whether an international wire's name follows ("(Reuters)") */
	size_t	 dlend, dlra, dlrb;
	size_t	 dlaa, dlab;	/* the agency's name in its brackets, or none */
	int	 dlwire;
	/* names kind_orgs() made organisations' (kind_types()) */
	struct { const char *p; size_t n; } kinds[KINDS_MAX];
	size_t	 nkinds;
	/* acronyms in brackets after their names (bracket_acronyms()):
	 * each the short form of that name (link_names()) */
	struct { const char *a, *full; size_t an, fn; } abbr[KINDS_MAX];
	size_t	 nabbr;
};

#define NAME_TYPES ((1u << NS_ENT_PERSON) | (1u << NS_ENT_ORG) | \
	(1u << NS_ENT_LOC) | (1u << NS_ENT_NORP))

struct ns_extractor *
ns_extractor_new(const struct ns_ner_model *m, unsigned types)
{
	struct ns_extractor *x = ns_xcalloc(1, sizeof(*x));

	x->types = types;
	if (types & ~NAME_TYPES)
		x->numex = ns_numex_new();
	if ((types & NAME_TYPES) && m != NULL)
		x->ner = ns_ner_new(m);
	if ((x->real = json_real(0)) == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	return x;
}

void
ns_extractor_free(struct ns_extractor *x)
{
	if (x == NULL)
		return;
	if (x->numex)
		ns_numex_free(x->numex);
	if (x->ner)
		ns_ner_free(x->ner);
	free(x->nv);
	free(x->tv);
	free(x->ov);
	free(x->sur);
	free(x->f);
	free(x->names);
	json_decref(x->real);
	ns_buf_free(&x->out);
	free(x);
}

/* ---- words that end an organisation's name (common/data/orgwords.txt) */

extern const char *const ns_orgwords_data;
extern const size_t ns_orgwords_data_len;

static struct ns_wordlist orgwords;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;
static void load_lists(void);

/* Is s[0..n-1] in the list wl (one of the word lists of this file)? */
static int
listed(const struct ns_wordlist *wl, const char *s, size_t n)
{
	pthread_once(&lists_once, load_lists);
	return ns_wordlist_has(wl, s, n);
}

static int
is_orgword(const char *s, size_t n)
{
	return listed(&orgwords, s, n);
}

/* The length of the word at s[0..n-1] that is an organisation word, with
 * its period if the list has it so ("Inc."), or 0. */
static size_t
orgword_at(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n && s[k] != ' ' && s[k] != '\n' && s[k] != ',' &&
	    s[k] != ';' && s[k] != ':' && s[k] != ')' && s[k] != '"' &&
	    s[k] != '\''; k++)
		;
	if (k > 0 && is_orgword(s, k))
		return k;
	if (k > 1 && s[k - 1] == '.' && is_orgword(s, k - 1))
		return k - 1;
	return 0;
}

/* A name the tagger does not know as a company: "Northfield Markets" as
 * a PERSON is an ORG; "Pelham" before "Foods" is "Pelham Foods". Among
 * x->f[first..], the names of text s[0..n-1]. */
static void
org_names(struct ns_extractor *x, size_t first, const char *s, size_t n)
{
	struct found *f;
	size_t k, w, b, last;

	for (k = first; k < x->nf; k++) {
		f = &x->f[k];
		if (f->e.type != NS_ENT_PERSON && f->e.type != NS_ENT_ORG)
			continue;
		/* A company's form in brackets before that word ("Mahlangu
		 * Bouwers (Pty) Ltd", "(Pvt) Ltd"). */
		b = f->e.end;
		if (b + 4 < n && s[b] == ' ' && s[b + 1] == '(' &&
		    isupper((unsigned char)s[b + 2])) {
			for (w = b + 3; w < n && w < b + 12 &&
			    isalpha((unsigned char)s[w]); w++)
				;
			if (w + 2 < n && s[w] == ')' && s[w + 1] == ' ' &&
			    orgword_at(s + w + 2, n - w - 2) > 0)
				b = w + 1;
		}
		/* Takes in an organisation word after it, also one the tagger
		 * made a name of its own ("Tokyo Electric Power" "Co.": a
		 * stop that may end the sentence cuts it off). */
		if (b + 1 < n && s[b] == ' ' &&
		    (w = orgword_at(s + b + 1, n - b - 1)) > 0) {
			last = b + 1 + w;
			if (k + 1 < x->nf && x->f[k + 1].e.start ==
			    b + 1 && (x->f[k + 1].e.end == last ||
			    (x->f[k + 1].e.end == last + 1 && s[last] == '.')) &&
			    (NAME_TYPES & (1u << x->f[k + 1].e.type))) {
				last = x->f[k + 1].e.end;
				memmove(&x->f[k + 1], &x->f[k + 2],
				    (x->nf - k - 2) * sizeof(*x->f));
				x->nf--;
			}
			if (k + 1 == x->nf || x->f[k + 1].e.start >= last) {
				f->e.end = last;
				f->e.type = NS_ENT_ORG;
				continue;
			}
		}
		/* Ends in one. */
		for (last = f->e.end; last > f->e.start && s[last - 1] != ' ';
		    last--)
			;
		if (last > f->e.start &&
		    orgword_at(s + last, f->e.end - last) == f->e.end - last)
			f->e.type = NS_ENT_ORG;
		/* with the period the tagger left: "A.Ş" of "A.Ş." */
		else if (last > f->e.start && f->e.end < n &&
		    s[f->e.end] == '.' && (k + 1 == x->nf ||
		    x->f[k + 1].e.start > f->e.end) &&
		    is_orgword(s + last, f->e.end + 1 - last)) {
			f->e.end++;
			f->e.type = NS_ENT_ORG;
		}
	}
}

/* ---- names of well-known organisations (common/data/orgs.txt) ---- */

extern const char *const ns_orgs_data;
extern const size_t ns_orgs_data_len;

#define ORG_WORDS 8		/* words in the longest name looked for */
#define ORG_BYTES 128		/* bytes in it */

static struct ns_wordlist orgs;
static unsigned char org_first[8192];	/* hashed first words, a bit each */
static unsigned char org_lead[8192];	/* hashed first words of longer
					 * names ("Bank of" of "Bank of
					 * America"), a bit each */
static unsigned char org_name[8192];	/* hashed names, '~' left out,
					 * a bit each */
static const char *orgs_data;		/* ns_entities_orgs(), or NULL */
static size_t orgs_len;

void
ns_entities_orgs(const char *data, size_t len)
{
	orgs_data = data;
	orgs_len = len;
}

static int
org_wordbyte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '&' || c == '+' || c == '-' ||
	    c == '.' || c == '\'' || (c >= 0x80 && c != 0xe2);
}

/* The first word of a name, as the scan below cuts it, without a final
 * stop or "'s" ("Nvidia's" and "McDonald's" hash as "Nvidia" and
 * "McDonald": the scan tries the name with and without them). */
static size_t
org_firstword(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n && org_wordbyte((unsigned char)s[k]); k++)
		;
	while (k > 0 && (s[k - 1] == '.' || s[k - 1] == '\''))
		k--;
	if (k > 2 && s[k - 2] == '\'' && s[k - 1] == 's')
		k -= 2;
	return k;
}

static void
load_orgs(void)
{
	size_t i, j, k;
	uint32_t h;
	const char *p;

	if (orgs_data != NULL)
		ns_wordlist_init(&orgs, orgs_data, orgs_len);
	else
		ns_wordlist_init(&orgs, ns_orgs_data, ns_orgs_data_len);
	for (i = 0; i < orgs.n; i++) {
		p = orgs.v[i].p;
		k = orgs.v[i].n;
		if (*p == '~') {
			p++;
			k--;
		}
		h = ns_hash32(p, org_firstword(p, k));
		org_first[(h >> 3) & (sizeof(org_first) - 1)] |=
		    (unsigned char)(1u << (h & 7));
		h = ns_hash32(p, k);
		org_name[(h >> 3) & (sizeof(org_name) - 1)] |=
		    (unsigned char)(1u << (h & 7));
		for (j = 1; j < k; j++) {
			if (p[j] != ' ')
				continue;
			h = ns_hash32(p, j);
			org_lead[(h >> 3) & (sizeof(org_lead) - 1)] |=
			    (unsigned char)(1u << (h & 7));
		}
	}
}

/* s[0..n-1] into key[0..cap-1], each curly apostrophe (U+2019) made the
 * straight one our lists write ("Sotheby’s" is looked up as "Sotheby's",
 * "Côte d’Ivoire" as "Côte d'Ivoire"): its length, or 0 if it does not
 * fit. */
static size_t
straight_apostrophes(char *key, size_t cap, const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && k < cap; i++)
		if (i + 2 < n && memcmp(s + i, "\xe2\x80\x99", 3) == 0) {
			key[k++] = '\'';
			i += 2;
		} else
			key[k++] = s[i];
	return i < n ? 0 : k;
}

/* Is s[0..n-1] a listed name: 2 one that is always an organisation, 1
 * one that is also a word, a place or a person ("~Apple"), else 0. */
static int
org_known(const char *s, size_t n)
{
	char key[ORG_BYTES + 1];
	uint32_t h;

	if (n == 0 || n > ORG_BYTES)
		return 0;
	/* The list writes straight apostrophes, the news often curly
	 * ones. */
	if (n >= 4 && memchr(s, 0xe2, n) != NULL) {
		size_t k = straight_apostrophes(key, sizeof(key), s, n);

		if (k > 0 && k < n)
			return org_known(key, k);
	}
	/* Most names tried are none: their bit says so, without the two
	 * lookups. */
	pthread_once(&lists_once, load_lists);
	h = ns_hash32(s, n);
	if (!(org_name[(h >> 3) & (sizeof(org_name) - 1)] & (1u << (h & 7))))
		return 0;
	if (listed(&orgs, s, n))
		return 2;
	key[0] = '~';
	memcpy(key + 1, s, n);
	return listed(&orgs, key, n + 1);
}

/* Place names of the gazetteer (common/data/gazetteer.tsv: countries,
 * subdivisions, cities), and words that are no name though written in
 * capitals ("AI", "IPO": common/data/notnames.txt). */
extern const char *const ns_gazetteer_data;
extern const size_t ns_gazetteer_data_len;
extern const char *const ns_notnames_data;
extern const size_t ns_notnames_data_len;
extern const char *const ns_openers_data;
extern const size_t ns_openers_data_len;
extern const char *const ns_sportwords_data;
extern const size_t ns_sportwords_data_len;

extern const char *const ns_heads_data;
extern const size_t ns_heads_data_len;

static struct ns_buf places_text, countries_text, towns_text, heads_text[5];
static struct ns_wordlist places, countries, notnames, openers, sportwords;
static struct ns_wordlist towns;	/* places but subdivisions */
static struct ns_buf demonyms_text;
static struct ns_wordlist demonyms;	/* "Kenyan", "Welsh" */
/* common/data/heads.tsv: the words that head organisations' names
 * ("Ministry", "Regulator") and places' ("Sea", "Gulf") with "of" after
 * them, and those that make a place's name of the place after them
 * ("South", "Greater"). */
static struct ns_wordlist orgheads, geoheads, placewords, stormwords;
static struct ns_wordlist kindwords;	/* "exchange", "startup" */

/* All the word lists of this file, once: the organisation words, the
 * organisations (and the hashes of their first words), the places and
 * the words that are no name. */
static void
load_lists(void)
{
	static const char *const kinds[] = { "country\t", "former\t",
	    "subdivision\t", "city\t", "capital\t", "region\t" };
	const char *p = ns_gazetteer_data, *e = p + ns_gazetteer_data_len, *nl;
	size_t i, k;

	for (; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if ((size_t)(nl - p) > 8 && memcmp(p, "demonym\t", 8) == 0) {
			ns_buf_add(&demonyms_text, p + 8, (size_t)(nl - p) - 8);
			ns_buf_addc(&demonyms_text, '\n');
		}
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			k = strlen(kinds[i]);
			if ((size_t)(nl - p) > k && memcmp(p, kinds[i], k) == 0) {
				ns_buf_add(&places_text, p + k,
				    (size_t)(nl - p) - k);
				ns_buf_addc(&places_text, '\n');
				if (i != 2 && i != 5) {
					ns_buf_add(&towns_text, p + k,
					    (size_t)(nl - p) - k);
					ns_buf_addc(&towns_text, '\n');
				}
				if (i == 0) {
					ns_buf_add(&countries_text, p + k,
					    (size_t)(nl - p) - k);
					ns_buf_addc(&countries_text, '\n');
				}
				break;
			}
		}
	}
	ns_wordlist_init(&places, places_text.p, places_text.len);
	ns_wordlist_init(&countries, countries_text.p, countries_text.len);
	ns_wordlist_init(&towns, towns_text.p, towns_text.len);
	ns_wordlist_init(&demonyms, demonyms_text.p, demonyms_text.len);
	for (p = ns_heads_data, e = p + ns_heads_data_len; p < e; p = nl + 1) {
		static const char *const hkinds[] = { "org\t", "geo\t",
		    "place\t", "storm\t", "kind\t" };

		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		for (i = 0; i < 5; i++) {
			k = strlen(hkinds[i]);
			if ((size_t)(nl - p) > k && memcmp(p, hkinds[i], k) == 0) {
				ns_buf_add(&heads_text[i], p + k,
				    (size_t)(nl - p) - k);
				ns_buf_addc(&heads_text[i], '\n');
			}
		}
	}
	ns_wordlist_init(&orgheads, heads_text[0].p, heads_text[0].len);
	ns_wordlist_init(&geoheads, heads_text[1].p, heads_text[1].len);
	ns_wordlist_init(&placewords, heads_text[2].p, heads_text[2].len);
	ns_wordlist_init(&stormwords, heads_text[3].p, heads_text[3].len);
	ns_wordlist_init(&kindwords, heads_text[4].p, heads_text[4].len);
	ns_wordlist_init(&notnames, ns_notnames_data, ns_notnames_data_len);
	ns_wordlist_init(&openers, ns_openers_data, ns_openers_data_len);
	ns_wordlist_init(&sportwords, ns_sportwords_data,
	    ns_sportwords_data_len);
	ns_wordlist_init(&orgwords, ns_orgwords_data, ns_orgwords_data_len);
	load_orgs();
}

/* Is s[0..n-1] a place of the gazetteer (its apostrophes the straight
 * ones): 2 a country or a city, 1 a subdivision only, else 0? */
#define PLACE_NAME_MAX 96

static int
is_place(const char *s, size_t n)
{
	char buf[PLACE_NAME_MAX];
	size_t m = n;

	/* the gazetteer's apostrophe is the straight one */
	if (memchr(s, 0xe2, n) != NULL) {
		if ((m = straight_apostrophes(buf, sizeof(buf), s, n)) == 0)
			return 0;
		s = buf;
	}
	if (!listed(&places, s, m))
		return 0;
	return listed(&towns, s, m) ? 2 : 1;
}

/* Is the record a story of team sport: two words of
 * common/data/sportwords.txt in its title and the start of its text (a
 * story says what it is about early), in any case? Looked at once a
 * record, when first asked. */
#define SPORT_TEXT 1024	/* bytes of the text looked at */
static int
sport_record(struct ns_extractor *x)
{
	char w[16];
	const char *s;
	size_t f, i, j, k, n;
	int hits = 0;

	if (x->sport >= 0)
		return x->sport;
	pthread_once(&lists_once, load_lists);
	for (f = 0; f < 2 && hits < 2; f++) {
		s = f == 0 ? x->rtitle : x->rtext;
		n = f == 0 ? x->rtlen : x->rxlen;
		if (n > SPORT_TEXT)
			n = SPORT_TEXT;
		for (i = 0; s != NULL && i < n && hits < 2; i = j) {
			for (; i < n && !isalpha((unsigned char)s[i]); i++)
				;
			for (j = i; j < n && (isalpha((unsigned char)s[j]) ||
			    (s[j] == '-' && j + 1 < n &&
			    isalpha((unsigned char)s[j + 1]))); j++)
				;
			if (j - i < 3 || j - i > sizeof(w) || (i > 0 &&
			    (unsigned char)s[i - 1] >= 0x80))
				continue;
			for (k = i; k < j; k++)
				w[k - i] = (char)tolower((unsigned char)s[k]);
			hits += ns_wordlist_has(&sportwords, w, j - i);
		}
	}
	return x->sport = hits >= 2;
}

/* Is s[0..n-1], in lower case, a word of sportwords.txt ("Rugby" of
 * "Leinster Rugby")? */
static int
sport_word(const char *s, size_t n)
{
	char w[16];
	size_t k;

	if (n > sizeof(w))
		return 0;
	for (k = 0; k < n; k++)
		w[k] = (char)tolower((unsigned char)s[k]);
	return listed(&sportwords, w, n);
}

/* Does a sentence start at s[a] (text before it, white space aside, ends
 * in a full stop, a quote or a line)? */
static int
sentence_start(const char *s, size_t a)
{
	while (a > 0 && s[a - 1] == ' ')
		a--;
	if (a == 0)
		return 1;
	switch (s[a - 1]) {
	case '\n': case '.': case '!': case '?': case ':': case '"':
	case '(': case '-':
		return 1;
	}
	/* an opening curly quote or a dash (U+201C, U+2018, U+2013/4) */
	return (unsigned char)s[a - 1] >= 0x80;
}

/* The longest listed name at a word start s[i]: its end, its kind
 * (org_known), or 0. */
static size_t
org_at(const char *s, size_t n, size_t i, int *kind)
{
	size_t ends[ORG_WORDS], e, k, w, m;
	uint32_t h;

	e = i;
	for (w = 0; w < ORG_WORDS; w++) {
		if (w > 0) {
			if (e + 1 >= n || s[e] != ' ')
				break;
			/* The names tried below hold the words so far as
			 * they are (only the last word loses a stop or
			 * "'s"): no listed name goes on from them, no
			 * longer name is one. */
			h = ns_hash32(s + i, e - i);
			if (!(org_lead[(h >> 3) & (sizeof(org_lead) - 1)] &
			    (1u << (h & 7))))
				break;
			e++;
		}
		for (k = e; k < n && org_wordbyte((unsigned char)s[k]); k++)
			;
		if (k == e)
			break;
		e = k;
		ends[w] = e;
		if (w == 0) {
			h = ns_hash32(s + i, org_firstword(s + i, e - i));
			if (!(org_first[(h >> 3) & (sizeof(org_first) - 1)] &
			    (1u << (h & 7))))
				return 0;
		}
		if (e - i > ORG_BYTES)
			break;
	}
	while (w-- > 0) {
		e = ends[w];
		/* "Nvidia's", "Reuters.", "G7," */
		for (m = 0; m < 2; m++) {
			if (e - i > 2 && s[e - 2] == '\'' && s[e - 1] == 's')
				e -= 2;
			else if (e - i > 1 && (s[e - 1] == '.' ||
			    s[e - 1] == '\'' || s[e - 1] == '-'))
				e--;
		}
		if ((*kind = org_known(s + i, e - i)) != 0)
			return e;
		/* "U.S." and "Inc." keep their stop: the name with it. */
		if (ends[w] > e && (*kind = org_known(s + i, ends[w] - i)) != 0)
			return ends[w];
		/* "Sotheby’s" with a curly apostrophe, which ends the scan of
		 * a word: listed so ("Sotheby's"), the name keeps it. */
		e = ends[w] + 4;
		if (e <= n && memcmp(s + ends[w], "\xe2\x80\x99s", 4) == 0 &&
		    (e == n || !org_wordbyte((unsigned char)s[e])) &&
		    (*kind = org_known(s + i, e - i)) != 0)
			return e;
	}
	return 0;
}

/* Is s[a..b) part of a longer name: a word with a capital right after
 * it ("UEFA Cup", "Kansai Electric Power") that is no title ("Vodafone
 * Chief Executive", "Bundesbank President") nor a word that ends the
 * names of organisations ("AT&T Inc."), or one right before it
 * ("Tiananmen Square") that is no possessive ("Canada's Parliament")? */
static int
in_longer_name(const char *s, size_t n, size_t a, size_t b)
{
	unsigned char c;
	size_t k;

	if (b + 1 < n && s[b] == ' ') {
		c = (unsigned char)s[b + 1];
		if (((c >= 'A' && c <= 'Z') || c >= 0xc0) &&
		    ns_ner_title_len(s + b + 1, n - b - 1) == 0 &&
		    orgword_at(s + b + 1, n - b - 1) == 0)
			return 1;
	}
	if (a < 2 || s[a - 1] != ' ')
		return 0;
	if (a >= 4 && s[a - 3] == '\'' && s[a - 2] == 's')
		return 0;
	for (k = a - 1; k > 0 && org_wordbyte((unsigned char)s[k - 1]); k--)
		;
	c = (unsigned char)s[k];
	/* "The World Health Organization said": no longer name */
	if (k + 3 == a - 1 && memcmp(s + k, "The", 3) == 0)
		return 0;
	return k < a - 1 && ((c >= 'A' && c <= 'Z') || c >= 0xc0);
}

/* Does s[a..b) stand between commas, as in a list of names ("Given,
 * O'Brien, Elliott, Bramble")? */
static int
in_list(const char *s, size_t n, size_t a, size_t b)
{
	return b < n && s[b] == ',' && a >= 2 && s[a - 1] == ' ' &&
	    s[a - 2] == ',';
}

static int
cmp_word(const void *a, const void *b)
{
	const struct ns_listword *x = a, *y = b;
	int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);

	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* The last words of the PERSON names of tv[0..nt-1] that have more than
 * one ("Ford" of "Gerald Ford"), sorted, into x->sur; their count. */
static size_t
surnames(struct ns_extractor *x, const struct ns_entity *tv, size_t nt,
    const char *s)
{
	size_t j, k, ns = 0;

	for (j = 0; j < nt; j++) {
		if (tv[j].type != NS_ENT_PERSON)
			continue;
		for (k = tv[j].end; k > tv[j].start && s[k - 1] != ' '; k--)
			;
		if (k == tv[j].start)
			continue;
		if (ns == x->surcap) {
			x->surcap = x->surcap ? x->surcap * 2 : 16;
			x->sur = ns_xreallocarray(x->sur, x->surcap,
			    sizeof(*x->sur));
		}
		x->sur[ns].p = s + k;
		x->sur[ns++].n = tv[j].end - k;
	}
	if (ns > 1)
		qsort(x->sur, ns, sizeof(*x->sur), cmp_word);
	return ns;
}

/* Is the title s[0..n-1] in title case: no word of four letters or more
 * that starts in lower case ("Shell Profit Beats Estimates", not "Fed
 * holds rates steady")? */
static int
title_case(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		for (k = i; k < n && s[k] != ' '; k++)
			;
		if (k - i >= 4 && s[i] >= 'a' && s[i] <= 'z')
			return 0;
		i = k + 1;
	}
	return 1;
}

/* Room in x->ov for n names. */
static void
ov_room(struct ns_extractor *x, size_t n)
{
	if (n <= x->ocap)
		return;
	while (x->ocap < n)
		x->ocap = x->ocap ? x->ocap * 2 : 64;
	x->ov = ns_xreallocarray(x->ov, x->ocap, sizeof(*x->ov));
}

/* Well-known organisations the tagger, trained on news of 1996, does not
 * know ("Nvidia" as a place, "OpenAI" not at all): a listed name written
 * as listed is an ORG, whatever the names tv[0..nt-1] of field s[0..n-1]
 * (sorted, no overlaps) said of it, unless it is the last word of a
 * PERSON of the field ("Ford" of "Gerald Ford"). A name the tagger found that
 * holds the listed one ("Boeing Capital") stays as it was; names inside
 * the listed one ("Saudi" and "Aramco") give way to it. In a title with
 * capitals on every word only names the tagger found are looked at. A
 * listed name that is also a word, a place or a person ("~Apple") is
 * found only inside a sentence of the text where the tagger found no
 * name: what the tagger made of it stands. The result goes to x->ov; its
 * count is returned. */
static size_t
known_orgs(struct ns_extractor *x, const struct ns_entity *tv, size_t nt,
    const char *s, size_t n, int title)
{
	size_t i, j, k, e, no = 0, nsur = 0;
	int kind, tagged, sur = 0;
	unsigned char c, p;
	struct ns_listword key;

	pthread_once(&lists_once, load_lists);
	/* A title in sentence case is read as a sentence of the text. */
	title = title && title_case(s, n);
	j = 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		p = i > 0 ? (unsigned char)s[i - 1] : ' ';
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c >= 0xc0) || org_wordbyte(p))
			continue;
		if ((e = org_at(s, n, i, &kind)) == 0)
			continue;
		/* the names before it go through */
		while (j < nt && tv[j].end <= i) {
			ov_room(x, no + 1);
			x->ov[no++] = tv[j++];
		}
		/* the names it overlaps */
		tagged = 0;
		for (k = j; k < nt && tv[k].start < e; k++) {
			if (tv[k].start < i || tv[k].end > e)
				break;	/* one crosses it or holds it */
			tagged = 1;
		}
		if (k < nt && tv[k].start < e)
			continue;
		/* the surnames, once a field, when first asked */
		if (!sur) {
			nsur = surnames(x, tv, nt, s);
			sur = 1;
		}
		key.p = s + i;
		key.n = e - i;
		/* A '~' name the tagger found stands, unless it made a
		 * place of it that is none ("Amazon" as a LOC). */
		if ((nsur > 0 && bsearch(&key, x->sur, nsur, sizeof(*x->sur),
		    cmp_word) != NULL) || (!tagged && (title ||
		    in_longer_name(s, n, i, e))) || (kind == 1 && (tagged ?
		    k != j + 1 || tv[j].start != i || tv[j].end != e ||
		    tv[j].type != NS_ENT_LOC || listed(&places, s + i, e - i) :
		    sentence_start(s, i) || in_list(s, n, i, e))))
			continue;
		ov_room(x, no + 1);
		memset(&x->ov[no], 0, sizeof(x->ov[no]));
		x->ov[no].start = i;
		x->ov[no].end = e;
		x->ov[no].type = NS_ENT_ORG;
		x->ov[no].vkind = NS_VAL_NONE;
		no++;
		j = k;
		i = e - 1;
	}
	for (; j < nt; j++) {
		ov_room(x, no + 1);
		x->ov[no++] = tv[j];
	}
	return no;
}

/* Is s[0..n-1] a word of six or more small letters ("exchange",
 * "besieging")? Such a word is no part of a name: the particles that
 * are ("of", "de", "van", "della", "bin") are shorter. */
static int
long_small_word(const char *s, size_t n)
{
	size_t i;

	if (n < 6)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

/* Names the tagger ran together, among x->ov[0..no-1] of text s: a name
 * that starts with a word that opens sentences and no name
 * (common/data/openers.txt: "However Nasdaq") starts after it; a name
 * with a long word in small letters inside ("Crypto exchange Coinbase")
 * is cut to what follows the last such word, when that starts with a
 * capital (an organisation or a place when listed as one); a name that is listed organisations joined by commas and
 * "and" ("Morgan Stanley and Goldman Sachs", "Mobil, Shell and Caltex"),
 * and is no listed name itself, is each of them. Returns the count. */
static size_t
split_joined(struct ns_extractor *x, size_t no, const char *s)
{
	size_t i, k, a, b, w, sep, np, from[8], to[8];
	struct ns_entity e;
	const char *t;

	for (i = 0; i < no; i++) {
		e = x->ov[i];
		if (!(NAME_TYPES & (1u << e.type)) || e.type == NS_ENT_NORP)
			continue;
		t = s + e.start;
		b = e.end - e.start;
		/* a word that opens sentences and no name: "However" */
		for (k = 0; k < b && t[k] != ' '; k++)
			;
		if (k < b && listed(&openers, t, k)) {
			while (k < b && t[k] == ' ')
				k++;
			e.start += k;
			t += k;
			b -= k;
			x->ov[i].start = e.start;
			if (org_known(t, b))
				x->ov[i].type = e.type = NS_ENT_ORG;
			else if (listed(&places, t, b))
				x->ov[i].type = e.type = NS_ENT_LOC;
		}
		/* a long small word: the name starts after the last */
		for (a = 0, w = 0; a < b; a = k) {
			for (k = a; k < b && t[k] != ' '; k++)
				;
			if (a > 0 && k < b && long_small_word(t + a, k - a))
				w = k + 1;
			while (k < b && t[k] == ' ')
				k++;
		}
		if (w > 0 && w < b && t[w] >= 'A' && t[w] <= 'Z') {
			/* what is left may be known */
			x->ov[i].start += w;
			if (org_known(t + w, b - w))
				x->ov[i].type = NS_ENT_ORG;
			else if (listed(&places, t + w, b - w))
				x->ov[i].type = NS_ENT_LOC;
			continue;
		}
		if (org_known(t, b))
			continue;
		/* parts apart by ", " (" , " in tokenized text) or " and " */
		np = 0;
		for (a = k = 0;; k++) {
			if (k == b)
				sep = 0;
			else if (t[k] == ',')
				sep = 1;
			else if (k + 5 <= b && memcmp(t + k, " and ", 5) == 0)
				sep = 5;
			else
				continue;
			if (np == 8) {
				np = 0;		/* more parts than looked at */
				break;
			}
			for (w = k; w > a && t[w - 1] == ' '; w--)
				;
			from[np] = a;
			to[np++] = w;
			if (k == b)
				break;
			for (a = k + sep; a < b && t[a] == ' '; a++)
				;
			k = a - 1;
		}
		if (np < 2)
			continue;
		for (k = 0; k < np && from[k] < to[k] &&
		    org_known(t + from[k], to[k] - from[k]); k++)
			;
		if (k < np)
			continue;
		ov_room(x, no + np - 1);
		memmove(&x->ov[i + np], &x->ov[i + 1],
		    (no - i - 1) * sizeof(*x->ov));
		for (k = 0; k < np; k++) {
			x->ov[i + k] = e;
			x->ov[i + k].start = e.start + from[k];
			x->ov[i + k].end = e.start + to[k];
			x->ov[i + k].type = NS_ENT_ORG;
		}
		no += np - 1;
		i += np - 1;
	}
	/* No name at all: "AI", "IPO", also what is left of "Meanwhile
	 * AI" */
	for (i = k = 0; i < no; i++)
		if (x->ov[i].type == NS_ENT_NORP || !listed(&notnames,
		    s + x->ov[i].start, x->ov[i].end - x->ov[i].start))
			x->ov[k++] = x->ov[i];
	return k;
}

/* The start of the word that ends at s[b] (words apart by spaces). */
static size_t
word_back(const char *s, size_t b)
{
	while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
		b--;
	return b;
}

/* Is s[0..n-1] (n > 0) a capital and then small letters only? */
static int
cap_lower(const char *s, size_t n)
{
	size_t i;

	if (s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (i = 1; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

/* Is s[0..n-1] a plain word in capitals that may be part of an
 * organisation's name before a place ("Elections", "Producers"): a
 * capital, then three or more small letters; no word that opens
 * sentences ("Across", "The"), title ("Minister"), word that makes a
 * place of the place after it ("South", "Greater"), word in "-ing"
 * ("Visiting Australia") or "-ly"? s[n] follows the word. */
static int
plain_word(const char *s, size_t n)
{
	if (n < 4 || !cap_lower(s, n))
		return 0;
	if ((s[n - 3] == 'i' && s[n - 2] == 'n' && s[n - 1] == 'g') ||
	    (s[n - 2] == 'l' && s[n - 1] == 'y'))
		return 0;
	return !listed(&openers, s, n) && !listed(&placewords, s, n) &&
	    !ns_ner_function_word(s, n) && ns_ner_title_len(s, n + 1) == 0;
}

/* Does s[0..n-1] hold a word that heads organisations' names? */
static int
has_head(const char *s, size_t n)
{
	size_t a, k;

	for (a = 0; a < n; a = k + 1) {
		for (k = a; k < n && s[k] != ' '; k++)
			;
		if (listed(&orgheads, s + a, k - a))
			return 1;
	}
	return 0;
}

/* Is s[0..n-1] a country the gazetteer knows? */
static int
listed_country(const char *s, size_t n)
{
	return listed(&countries, s, n);
}

/* Where names of x->ov[0..no) of field s begin and end, by what
 * their words are:
 * - a leading "The" is no part of an organisation's or a place's name
 *   (the tagger takes it in at a sentence's start: "The Brisbane
 *   Broncos"), unless it comes before one word that is no listed place
 *   or organisation ("The Oval", "The Hague");
 * - a name after "of" or "for" (and "the") is part of the name that a
 *   word heading organisations' names or places' names ends before it
 *   (common/data/heads.tsv): "National Energy Regulator of South
 *   Africa", "Ministry for the Ecological Transition" (ORG), "Sea of
 *   Japan" (LOC); the capitalised words before the head are in it; a
 *   name that opens with a place's head and "of" is a place ("Sea of
 *   Okhotsk", which the tagger may make an organisation of);
 * - an organisation's name with a head word that goes on with "in" and
 *   a place ("Court of Arbitration for Sport in Lausanne") ends before
 *   "in", the place is a LOC of its own, unless the whole is listed or
 *   the place is a country: such names go on with the country they work
 *   in ("Human Rights in China"), and with the city they sit in seldom;
 * - a place the gazetteer knows after plain capitalised words the tagger
 *   left out ("Grain Producers Australia", "Elections Alberta",
 *   "Business Unity South Africa", of which it took "Unity" alone) is an
 *   organisation named so; not in a title with capitals on every word,
 *   where any word is capitalised.
 * Returns the count. */
static size_t
name_edges(struct ns_extractor *x, size_t no, const char *s, int title)
{
	struct ns_entity *e;
	size_t i, a, b, k, h, r, w, p, prev;
	int words, place;

	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		/* one word the tagger took for a person's name after a head
		 * word and "of" or "for" ("Institute for Astronomy") */
		if (e->type == NS_ENT_PERSON && memchr(s + e->start, ' ',
		    e->end - e->start) == NULL && (((h = e->start) >= 4 &&
		    memcmp(s + h - 4, " of ", 4) == 0 && (h -= 4)) ||
		    (h >= 5 && memcmp(s + h - 5, " for ", 5) == 0 &&
		    (h -= 5))) && (k = word_back(s, h)) < h &&
		    listed(&orgheads, s + k, h - k) && (i == 0 ||
		    x->ov[i - 1].end <= h))
			e->type = NS_ENT_ORG;
		if (e->type != NS_ENT_ORG && e->type != NS_ENT_LOC)
			continue;
		a = e->start;
		b = e->end;
		/* "The" */
		if (b - a > 5 && memcmp(s + a, "The ", 4) == 0 &&
		    s[a + 4] >= 'A' && s[a + 4] <= 'Z') {
			k = a + 4;
			place = listed(&places, s + k, b - k);
			if (memchr(s + k, ' ', b - k) != NULL || place ||
			    org_known(s + k, b - k)) {
				e->start = a = k;
				if (place)
					e->type = NS_ENT_LOC;
				else if (org_known(s + a, b - a))
					e->type = NS_ENT_ORG;
			}
		}
		/* "Sea of Okhotsk" as one name */
		for (k = a; k < b && s[k] != ' '; k++)
			;
		if (k + 4 < b && memcmp(s + k, " of ", 4) == 0 &&
		    listed(&geoheads, s + a, k - a))
			e->type = NS_ENT_LOC;
		prev = i > 0 ? x->ov[i - 1].end : 0;
		/* "Head of" or "Head for", and "the", before it */
		p = a;
		if (p >= 4 && memcmp(s + p - 4, "the ", 4) == 0)
			p -= 4;
		if (p >= 4 && memcmp(s + p - 4, " of ", 4) == 0)
			h = p - 4;
		else if (p >= 5 && memcmp(s + p - 5, " for ", 5) == 0)
			h = p - 5;
		else
			h = 0;
		if (h > 0 && h > prev && (k = word_back(s, h)) >= prev &&
		    k < h && (listed(&orgheads, s + k, h - k) ||
		    listed(&geoheads, s + k, h - k))) {
			e->type = listed(&orgheads, s + k, h - k) ?
			    NS_ENT_ORG : NS_ENT_LOC;
			/* the capitalised words before the head */
			for (r = k; r >= 2 && s[r - 1] == ' ' &&
			    (w = word_back(s, r - 1)) >= prev && w < r - 1 &&
			    s[w] >= 'A' && s[w] <= 'Z' &&
			    !ns_ner_function_word(s + w, r - 1 - w); r = w)
				;
			e->start = a = r;
		} else if (h > 0 && i > 0 && prev == h && (x->ov[i - 1].type ==
		    NS_ENT_ORG || x->ov[i - 1].type == NS_ENT_LOC) &&
		    (k = word_back(s, h)) < h && listed(&orgheads, s + k,
		    h - k)) {
			/* the head in a name found before it */
			x->ov[i - 1].end = b;
			x->ov[i - 1].type = NS_ENT_ORG;
			memmove(e, e + 1, (no - i - 1) * sizeof(*e));
			no--;
			i--;
			continue;
		}
		/* "in" and a place */
		if (e->type == NS_ENT_ORG && !org_known(s + a, b - a)) {
			for (k = b; k > a + 4 && memcmp(s + k - 4, " in ", 4) != 0;
			    k--)
				;
			if (k > a + 4 && s[k] >= 'A' && s[k] <= 'Z' &&
			    has_head(s + a, k - 4 - a) && !listed_country(s + k,
			    b - k)) {
				ov_room(x, no + 1);
				e = &x->ov[i];
				memmove(e + 2, e + 1, (no - i - 1) * sizeof(*e));
				e[1] = e[0];
				e[0].end = k - 4;
				e[1].start = k;
				e[1].type = NS_ENT_LOC;
				no++;
				i++;
				continue;
			}
		}
		/* plain words before a place */
		if (e->type != NS_ENT_LOC || title)
			continue;
		for (k = a; k < b && !listed(&places, s + k, b - k); ) {
			while (k < b && s[k] != ' ')
				k++;
			while (k < b && s[k] == ' ')
				k++;
		}
		if (k == b)
			continue;
		/* the tagger's words before the place, then untagged ones */
		for (r = a, words = 0; r < k; r = w + 1, words++) {
			for (w = r; s[w] != ' '; w++)
				;
			if (!plain_word(s + r, w - r))
				break;
		}
		if (r < k)
			continue;
		for (r = a; words < 3 && r >= 2 && s[r - 1] == ' ' &&
		    (w = word_back(s, r - 1)) >= prev && w < r - 1 &&
		    plain_word(s + w, r - 1 - w); r = w)
			words++;
		/* none the tagger left out; or one word that opens a
		 * sentence, as a role may ("Former England captain", "Hosts
		 * Australia") */
		if (r == a || (words == 1 && sentence_start(s, r)))
			continue;
		e->start = r;
		e->type = NS_ENT_ORG;
	}
	return no;
}

/* Is s[0..n-1] a word of a subject in an organisation's name: capitalised,
 * written in lower case by news text too ("Trade", "Rural", "Affairs"),
 * no place, no listed organisation, no title ("Minister")? */
static int
subject_word(const char *s, size_t n)
{
	if (n < 2 || !cap_lower(s, n))
		return 0;
	return ns_word_lower(s, n) && !listed(&places, s, n) &&
	    !org_known(s, n) && ns_ner_title_len(s, n + 1) == 0;
}

/* The end of the subject at s[q..n-1]: one to three subject_word()s, the
 * first no word that heads organisations' names, and no capitalised word
 * after them; q when there is none. */
static size_t
subject_end(const char *s, size_t n, size_t q)
{
	size_t r = q, w, words;

	for (words = 0; words < 3; words++) {
		for (w = r; w < n && s[w] != ' ' && s[w] != ',' &&
		    s[w] != '.' && s[w] != ';' && s[w] != '\n'; w++)
			;
		if (!subject_word(s + r, w - r) || (words == 0 &&
		    listed(&orgheads, s + r, w - r)))
			return q;
		if (!(w + 1 < n && s[w] == ' ' && s[w + 1] >= 'A' &&
		    s[w + 1] <= 'Z'))
			return org_known(s + q, w - q) ||
			    listed(&places, s + q, w - q) ? q : w;
		r = w + 1;
	}
	return q;
}

/* The end of the list of subjects a name that ends at byte p of s goes on
 * with: ", Subject" any times, then ", and Subject" or " and Subject";
 * p when there is none. */
static size_t
subjects_end(const char *s, size_t n, size_t p)
{
	size_t q, r, p0 = p;
	int and;

	for (;;) {
		if (p + 2 < n && s[p] == ',' && s[p + 1] == ' ') {
			q = p + 2;
			and = q + 4 < n && memcmp(s + q, "and ", 4) == 0;
			q += and ? 4 : 0;
		} else if (p + 5 < n && memcmp(s + p, " and ", 5) == 0) {
			q = p + 5;
			and = 1;
		} else
			return p0;
		if ((r = subject_end(s, n, q)) == q)
			return p0;
		if (and)
			return r;
		p = r;
	}
}

/* Is s[h..k-1] a head word that opens a name with "of" or "for" after it
 * ("Ministry of", "Department for"), or a committee's with "on" ("House
 * Committee on", "Council on")? *q is then where the subjects start. */
static int
head_link(const char *s, size_t n, size_t h, size_t k, size_t *q)
{
	static const char *const on[] = { "Committee", "Subcommittee",
	    "Commission", "Council", "Panel" };

	if (!listed(&orgheads, s + h, k - h))
		return 0;
	if (k + 4 < n && (memcmp(s + k, " of ", 4) == 0 || (memcmp(s + k,
	    " on ", 4) == 0 && ns_in_words(on, sizeof(on) / sizeof(on[0]),
	    s + h, k - h)))) {
		*q = k + 4;
		return 1;
	}
	if (k + 5 < n && memcmp(s + k, " for ", 5) == 0) {
		*q = k + 5;
		return 1;
	}
	return 0;
}

/* An organisation's name that a head word opens with "of" or "for" goes
 * on over the subjects a list joins to it with commas and "and"
 * ("Ministry of Trade, Industry and Energy", "Department for Environment,
 * Food and Rural Affairs", "Ministry of Housing, Communities and Local
 * Government"). The head is the first word of an ORG of the tagger, or
 * of the words before one that is a subject of such a list ("Rural
 * Affairs", all the tagger found of the Department); the tagger's names
 * in the list go into it, unless one is a place or a nationality there.
 * Not in a title with capitals on every word. Returns the count. */
static size_t
coordinated_heads(struct ns_extractor *x, size_t no, const char *s,
    size_t n, int title)
{
	struct ns_entity *e;
	size_t i, j, k, h, q, end, prev;

	if (title)
		return no;
	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		if (e->type != NS_ENT_ORG)
			continue;
		prev = i > 0 ? x->ov[i - 1].end : 0;
		/* the head: a word of the ORG, or the nearest before it on
		 * its line (the list, read forward, must then reach it) */
		for (h = e->start; h < e->end; h = k + 1) {
			for (k = h; k < e->end && s[k] != ' '; k++)
				;
			if (head_link(s, n, h, k, &q))
				break;
		}
		if (h < e->end) {
			/* in it: the list after what the tagger found */
			end = subject_end(s, n, q);
			if (end == q || end < e->end)
				end = e->end;
			if ((end = subjects_end(s, n, end)) <= e->end)
				goto next;
			h = e->start;
			goto join;
		}
		for (h = e->start; ; h--) {
			if (h < e->start && (h <= prev || s[h] == '\n' ||
			    e->start - h > 120))
				goto next;
			if (h > 0 && s[h - 1] != ' ' && s[h - 1] != '\n')
				continue;
			for (k = h; k < n && s[k] != ' ' && s[k] != '\n'; k++)
				;
			if (head_link(s, n, h, k, &q))
				break;
			if (h == 0)
				goto next;
		}
		/* q: after "of " or "for "; the first subject and the list */
		end = subject_end(s, n, q);
		if (end == q || (end = subjects_end(s, n, end)) < e->end)
			goto next;
join:
		for (j = i + 1; j < no && x->ov[j].start < end; j++)
			if (x->ov[j].end > end || (x->ov[j].type != NS_ENT_ORG &&
			    x->ov[j].type != NS_ENT_PERSON))
				break;
		if (j < no && x->ov[j].start < end)
			goto next;
		e->start = h;
		e->end = end;
		memmove(e + 1, &x->ov[j], (no - j) * sizeof(*e));
		no -= j - i - 1;
next:		;
	}
	return no;
}

/* Is s[0..n-1] a word that ends the names of institutions but is no
 * head word of heads.tsv: hospitals, police, ambulance services? */
static int
institution(const char *s, size_t n)
{
	static const char *const v[] = { "Hospital", "Clinic", "Infirmary",
	    "Police", "Constabulary", "Ambulance", "Cooperative" };
	return ns_in_words(v, sizeof(v) / sizeof(v[0]), s, n);
}

/* The type of the name of x->ov[0..no) that holds byte b, or -1. */
static int
type_at(const struct ns_extractor *x, size_t no, size_t b)
{
	size_t i;

	for (i = 0; i < no && x->ov[i].start <= b; i++)
		if (b < x->ov[i].end)
			return (int)x->ov[i].type;
	return -1;
}

/* The start of the item of a list that ends at byte e of s: capitalised
 * words (five at most) back to one that is not, the last a plain word
 * (a capital, small letters: no place, listed organisation, or word of a
 * PERSON or LOC the tagger found); e when there is none. */
static size_t
item_back(const struct ns_extractor *x, size_t no, const char *s, size_t e,
    int first)
{
	size_t a, w, words;
	int t;

	w = word_back(s, e);
	if (w == e || e - w < 2 || s[w] < 'A' || s[w] > 'Z')
		return e;
	for (a = w + 1; a < e; a++)
		if ((s[a] < 'a' || s[a] > 'z') && !(s[a] == '-' && a + 1 < e &&
		    a > w + 1))
			return e;
	t = type_at(x, no, w);
	if (listed(&places, s + w, e - w) || org_known(s + w, e - w) ||
	    (t >= 0 && t != NS_ENT_ORG) || (t == NS_ENT_ORG && !first))
		return e;
	for (a = w, words = 1; words < 5 && a >= 2 && s[a - 1] == ' ' &&
	    (w = word_back(s, a - 1)) < a - 1 && s[w] >= 'A' && s[w] <= 'Z' &&
	    !ns_ner_function_word(s + w, a - 1 - w); words++)
		a = w;
	return a;
}

/* An organisation's name that ends in a word of organisations' names
 * ("Commission", "Union", "Hospital") takes in the items a list joins to
 * it with commas and "and" before it: "Crime and Corruption Commission",
 * "Kenya Medical Practitioners, Pharmacists and Dentists Union",
 * "Jaramogi Oginga Odinga Teaching and Referral Hospital" (the tagger's
 * names in them go into it). Each item ends in a plain word, no place
 * ("between Kenya and Uganda Revenue Authority" is two names), no listed
 * organisation, no word of a person's name. Not in a title with capitals
 * on every word. Returns the count. */
static size_t
coordinated_tails(struct ns_extractor *x, size_t no, const char *s,
    int title)
{
	struct ns_entity *e;
	size_t i, j, k, a, p, r, prev;

	if (title)
		return no;
	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		k = word_back(s, e->end);
		/* a person's name never ends in a head word ("Geosciences
		 * Bureau", which the tagger may find so) */
		if (e->type == NS_ENT_PERSON && k > e->start &&
		    listed(&orgheads, s + k, e->end - k))
			e->type = NS_ENT_ORG;
		if (e->type != NS_ENT_ORG)
			continue;
		if (!listed(&orgheads, s + k, e->end - k) &&
		    !institution(s + k, e->end - k))
			continue;
		prev = 0;
		p = e->start;
		for (r = e->start; r + 5 <= e->end && memcmp(s + r, " and ",
		    5) != 0; r++)
			;
		if (r + 5 > e->end) {
			/* the tagger's ORG may open with the "and" */
			if (p >= 1 && p + 4 < e->end && memcmp(s + p, "and ",
			    4) == 0 && s[p - 1] == ' ') {
				e->start = p + 4;
				p += 4;
			}
			if (p >= 6 && memcmp(s + p - 6, ", and ", 6) == 0)
				p -= 6;
			else if (p >= 5 && memcmp(s + p - 5, " and ", 5) == 0)
				p -= 5;
			else
				continue;
			if ((r = item_back(x, no, s, p, 0)) == p)
				continue;
			p = r;
		}
		/* ", Item" before, as many as there are */
		while (p >= 2 && memcmp(s + p - 2, ", ", 2) == 0 &&
		    (r = item_back(x, no, s, p - 2, 1)) < p - 2)
			p = r;
		if (p == e->start)
			continue;
		if (p + 4 < e->start && memcmp(s + p, "The ", 4) == 0)
			p += 4;
		for (j = i; j > 0 && x->ov[j - 1].end > p; j--)
			;
		if (j > 0)
			prev = x->ov[j - 1].end;
		if (p < prev || (j < i && x->ov[j].start < p))
			continue;
		a = j;
		x->ov[a] = *e;
		x->ov[a].start = p;
		memmove(&x->ov[a + 1], &x->ov[i + 1], (no - i - 1) *
		    sizeof(*e));
		no -= i - a;
		i = a;
	}
	return no;
}

/* A byte of a word: a letter, a digit, or any byte of UTF-8 past ASCII. */
static int
word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

/* Is s[0..n-1] a word that ends the names of natural places ("Atacama
 * Desert", "Suez Canal")? */
static int
geo_tail(const char *s, size_t n)
{
	static const char *const v[] = { "Desert", "River", "Canal", "Valley",
	    "Mountains", "Peninsula", "Plateau", "Delta", "Glacier", "Basin",
	    "Ocean", "Sea", "Strait", "Lake", "Island", "Islands", "Archipelago",
	    "Reef", "Falls", "Creek", "Estuary", "Highlands", "Lowlands",
	    /* and of a country's parts */
	    "Province", "Region", "Prefecture", "Governorate", "Oblast",
	    "Krai" };
	return ns_in_words(v, sizeof(v) / sizeof(v[0]), s, n);
}

/* The first " High Court" in s[at..n-1] (its space), or n. */
static size_t
find_court(const char *s, size_t n, size_t at)
{
	const char *p;

	for (at++; at + 10 <= n && (p = memchr(s + at, 'H', n - at)) != NULL;
	    at = (size_t)(p - s) + 1) {
		at = (size_t)(p - s);
		if (at + 10 <= n && s[at - 1] == ' ' && memcmp(s + at,
		    "High Court", 10) == 0 && (at + 10 == n ||
		    !word_byte((unsigned char)s[at + 10])))
			return at - 1;
	}
	return n;
}

/* The length of the word of a sport that names a country's body of it
 * at s[0..n-1] ("Cricket" of "Sri Lanka Cricket"), or 0. */
static size_t
sport_body(const char *s, size_t n)
{
	static const char *const v[] = { "Cricket", "Rugby", "Football",
	    "Hockey", "Netball", "Athletics", "Tennis", "Golf", "Cycling",
	    "Swimming", "Basketball", "Rowing", "Boxing", "Sailing" };
	size_t i, m;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		m = strlen(v[i]);
		if (m <= n && memcmp(s, v[i], m) == 0 && (m == n ||
		    !word_byte((unsigned char)s[m])))
			return m;
	}
	return 0;
}

/* Places by the shape of their names, where the tagger finds an ORG, a
 * PERSON or nothing:
 * - a name that ends in a word of natural places is a LOC ("Atacama
 *   Desert", "Suez Canal"), not one a word of organisations ends; so is
 *   one that "river" follows ("the Oder river");
 * - "River", "Lake", "Mount" or "Barangay" and one or two capitalised
 *   words after it are a LOC ("River Wye", "Barangay Lahug"), after
 *   which no other capitalised word comes;
 * - "El" or "Al" before a place is part of it ("El Fasher").
 * Not in a title with capitals on every word. Returns the count. */
static size_t
geo_names(struct ns_extractor *x, size_t no, const char *s, size_t n,
    int title)
{
	static const char *const heads[] = { "River ", "Lake ", "Mount ",
	    "Barangay " };
	struct ns_entity *e, ne;
	const char *p;
	size_t i, j, k, m, w, words, at;

	if (title)
		return no;
	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		if (e->type == NS_ENT_ORG || e->type == NS_ENT_PERSON) {
			k = word_back(s, e->end);
			if (k > e->start && geo_tail(s + k, e->end - k))
				e->type = NS_ENT_LOC;
			/* "the Oder river", "the Thu Bồn river" */
			else if (e->end + 6 <= n && memcmp(s + e->end,
			    " river", 6) == 0 && (e->end + 6 == n ||
			    !word_byte((unsigned char)s[e->end + 6])))
				e->type = NS_ENT_LOC;
		} else if (e->type == NS_ENT_LOC) {
			/* "Tata Memorial Hospital" */
			k = word_back(s, e->end);
			if (k > e->start && is_orgword(s + k, e->end - k))
				e->type = NS_ENT_ORG;
		}
		/* a country's body of a sport: "Sri Lanka Cricket", "New
		 * Zealand Rugby" */
		if (e->type == NS_ENT_LOC && e->end + 1 < n && s[e->end] == ' ' &&
		    listed_country(s + e->start, e->end - e->start) &&
		    (m = sport_body(s + e->end + 1, n - e->end - 1)) > 0 &&
		    (i + 1 == no || x->ov[i + 1].start >= e->end + 1 + m)) {
			w = e->end + 1 + m;
			if (!(w + 1 < n && s[w] == ' ' && s[w + 1] >= 'A' &&
			    s[w + 1] <= 'Z')) {
				e->end = w;
				e->type = NS_ENT_ORG;
				continue;
			}
		}
		if (e->type == NS_ENT_LOC && e->start >= 3 &&
		    (memcmp(s + e->start - 3, "El ", 3) == 0 ||
		    memcmp(s + e->start - 3, "Al ", 3) == 0) &&
		    (e->start == 3 || !word_byte((unsigned char)s[e->start -
		    4])) && (i == 0 || x->ov[i - 1].end <= e->start - 3))
			e->start -= 3;
	}
	/* "Lahore High Court", "Gauteng High Court": a court named by the
	 * place it sits in, one or two capitalised words, the tagger's
	 * names there in it */
	for (at = 0; (at = find_court(s, n, at)) < n; at += 11) {
		for (k = at + 1, words = 0; words < 2 && k >= 2 && s[k - 1] == ' ' &&
		    (w = word_back(s, k - 1)) < k - 1 && s[w] >= 'A' &&
		    s[w] <= 'Z' && !ns_ner_function_word(s + w, k - 1 - w) &&
		    !listed(&openers, s + w, k - 1 - w); words++)
			k = w;
		if (words == 0)
			continue;
		for (j = 0; j < no && x->ov[j].end <= k; j++)
			;
		for (m = j; m < no && x->ov[m].start < at + 11; m++)
			if (x->ov[m].start < k || x->ov[m].end > at + 11)
				break;
		if (m < no && x->ov[m].start < at + 11)
			continue;
		ne = j < m ? x->ov[j] : (struct ns_entity){ 0 };
		ne.start = k;
		ne.end = at + 11;
		ne.type = NS_ENT_ORG;
		ov_room(x, no + 1);
		memmove(&x->ov[j + 1], &x->ov[m], (no - m) * sizeof(*x->ov));
		x->ov[j] = ne;
		no = no - (m - j) + 1;
	}
	/* "the Oder river", found or not: one or two capitalised words
	 * between "the" (or "The") and "river" */
	for (at = 3; at + 3 <= n && (p = memchr(s + at, 'v', n - at - 2)) !=
	    NULL; at = (size_t)(p - s) + 1) {
		/* by its 'v', the rarest letter of " river" */
		w = (size_t)(p - s) - 3;
		if (memcmp(s + w, " river", 6) != 0 ||
		    (w + 6 < n && word_byte((unsigned char)s[w + 6])))
			continue;
		for (k = w, words = 0; words < 3 && k >= 2 &&
		    (m = word_back(s, k)) < k && s[m] >= 'A' && s[m] <= 'Z' &&
		    m >= 1 && s[m - 1] == ' ' && !(k - m == 3 &&
		    ns_same_ci(s + m, "the", 3)); words++)
			k = m - 1;
		if (words == 0 || words > 2 || k < 3 ||
		    !ns_same_ci(s + k - 3, "the", 3) || (k > 3 &&
		    word_byte((unsigned char)s[k - 4])))
			continue;
		for (j = 0; j < no && x->ov[j].end <= k + 1; j++)
			;
		if (j < no && x->ov[j].start < w)
			continue;	/* a name there: seen to above */
		ne = (struct ns_entity){ 0 };
		ne.start = k + 1;
		ne.end = w;
		ne.type = NS_ENT_LOC;
		ov_room(x, no + 1);
		memmove(&x->ov[j + 1], &x->ov[j], (no - j) * sizeof(*x->ov));
		x->ov[j] = ne;
		no++;
	}
	/* the heads, found or not */
	for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
		m = strlen(heads[k]);
		for (at = 0; at + m < n; at++) {
			if ((p = memchr(s + at, heads[k][0], n - m - at)) == NULL)
				break;
			at = (size_t)(p - s);
			if (memcmp(s + at, heads[k], m) != 0 ||
			    (at > 0 && word_byte((unsigned char)s[at - 1])))
				continue;
			/* one or two capitalised words after it */
			for (w = at + m, words = 0; words < 3 && w < n &&
			    s[w] >= 'A' && s[w] <= 'Z'; words++) {
				while (w < n && (word_byte((unsigned char)s[w]) ||
				    s[w] == '-'))
					w++;
				if (!(w + 1 < n && s[w] == ' ' && s[w + 1] >= 'A' &&
				    s[w + 1] <= 'Z'))
					{ words++; break; }
				w++;
			}
			if (words == 0 || words > 2 || ns_ner_function_word(s +
			    at + m, w - at - m))
				continue;
			/* "River Action", a charity: no common word after it */
			for (j = at + m; j < w && s[j] != ' '; j++)
				;
			if (words == 1 && ns_word_common(s + at + m, j - at - m))
				continue;
			/* the names there: none but a name of these words */
			for (j = 0; j < no && x->ov[j].end <= at; j++)
				;
			if (j < no && x->ov[j].start < w && (x->ov[j].start < at ||
			    x->ov[j].end > w || (j + 1 < no &&
			    x->ov[j + 1].start < w)))
				continue;
			ne = j < no && x->ov[j].start < w ? x->ov[j] :
			    (struct ns_entity){ 0 };
			ne.start = at;
			ne.end = w;
			ne.type = NS_ENT_LOC;
			if (j < no && x->ov[j].start < w)
				x->ov[j] = ne;
			else {
				ov_room(x, no + 1);
				memmove(&x->ov[j + 1], &x->ov[j], (no - j) *
				    sizeof(*x->ov));
				x->ov[j] = ne;
				no++;
			}
			at = w;
		}
	}
	return no;
}

/* Does s[0..n-1] open the names of organisations in other languages, or
 * of companies in Indonesia ("PT")? */
static int
org_opener(const char *s, size_t n)
{
	static const char *const v[] = { "Banca", "Banco", "Banque", "Caixa",
	    "Caisse", "Grupo", "Groupe", "Gruppo", "Instituto", "Institut",
	    "Istituto", "Fundación", "Fundação", "Fondazione", "Fondation",
	    "Stichting", "Sociedad", "Société", "Società", "Universidad",
	    "Universidade", "Université", "Università", "Universität",
	    "Partido", "Parti", "Partito", "Empresa", "Compañía", "Companhia",
	    "Compagnie", "Asociación", "Associação", "Associazione",
	    "Ministerio", "Ministério", "Ministère", "Ministero", "Agencia",
	    "Agência", "Agenzia", "Agence", "Laboratorios", "Industrias", "PT" };
	return ns_in_words(v, sizeof(v) / sizeof(v[0]), s, n);
}

/* A name of two words or more that opens with org_opener() is an ORG,
 * whatever type the tagger gave it ("Banca Lucerna", "Instituto
 * Socioambiental", "PT Vale Indonesia"). */
static void
opened_orgs(struct ns_extractor *x, size_t no, const char *s)
{
	struct ns_entity *e;
	size_t i, k;

	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		if (e->type != NS_ENT_PERSON && e->type != NS_ENT_LOC)
			continue;
		for (k = e->start; k < e->end && s[k] != ' '; k++)
			;
		if (k < e->end && org_opener(s + e->start, k - e->start))
			e->type = NS_ENT_ORG;
	}
}

/* Does an apposition naming a kind of organisation follow byte e of
 * s[0..n-1]: ", a" or ", an", at most eight words with no preposition,
 * and a kindwords noun that ends it (", a Cape Town-based mobile
 * payments company,")? "John Roe, a former employee of the firm," is
 * none. */
static int
kind_after(const char *s, size_t n, size_t e)
{
	static const char *const prep[] = { "of", "at", "for", "with", "in",
	    "on", "to", "from", "by", "who", "whose" };
	size_t p, w, words;

	if (e + 5 < n && memcmp(s + e, ", a ", 4) == 0)
		p = e + 4;
	else if (e + 6 < n && memcmp(s + e, ", an ", 5) == 0)
		p = e + 5;
	else
		return 0;
	for (words = 0; words < 8 && p < n; words++, p = w + 1) {
		for (w = p; w < n && s[w] != ' ' && s[w] != ',' &&
		    s[w] != '.' && s[w] != ';' && s[w] != '\n'; w++)
			;
		if (w == p || ns_in_words(prep, sizeof(prep) / sizeof(prep[0]),
		    s + p, w - p))
			return 0;
		if (w == n || s[w] != ' ')
			return listed(&kindwords, s + p, w - p) && w < n &&
			    (s[w] == ',' || s[w] == '.' || s[w] == ';');
	}
	return 0;
}

/* e, a name of s, is an organisation's, and so the same name anywhere in
 * the record (kind_types()). */
static void
kind_org(struct ns_extractor *x, struct ns_entity *e, const char *s)
{
	e->type = NS_ENT_ORG;
	if (x->nkinds < KINDS_MAX) {
		x->kinds[x->nkinds].p = s + e->start;
		x->kinds[x->nkinds].n = e->end - e->start;
		x->nkinds++;
	}
}

/* A person's or place's name is an organisation's right after a noun
 * naming a kind of organisation ("crypto exchange Coinbit Korea",
 * "ticketing platform Maoyan"; after "the" only where the name ends a
 * sentence or "said" follows it: "the company Jeff Bezos founded" and
 * "the bank Maria Lopez, a teller," name people), over an apposition
 * that names one ("Kuzi Pay, a mobile payments company,"), or where a
 * person's name holds a digit ("Nova9"). */
static void
kind_orgs(struct ns_extractor *x, size_t no, const char *s, size_t n)
{
	static const char *const det[] = { "the", "The", "a", "A", "an",
	    "An", "this", "that" };
	struct ns_entity *e;
	size_t i, w, d, k, m;

	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		if (e->type != NS_ENT_PERSON && e->type != NS_ENT_LOC)
			continue;
		if (e->type == NS_ENT_PERSON) {
			for (k = e->start; k < e->end && !(s[k] >= '0' &&
			    s[k] <= '9'); k++)
				;
			if (k < e->end) {
				kind_org(x, e, s);
				continue;
			}
		}
		/* the capitalised words the tagger left before the comma
		 * are in the name ("Kuzi Pay, a ... company,") */
		for (k = e->end, m = 0; m < 2 && k + 2 < n && s[k] == ' ' &&
		    s[k + 1] >= 'A' && s[k + 1] <= 'Z'; m++) {
			for (w = k + 2; w < n && word_byte((unsigned char)s[w]);
			    w++)
				;
			if (i + 1 < no && x->ov[i + 1].start < w)
				break;	/* the next name's word */
			k = w;
		}
		for (; k > e->end && !kind_after(s, n, k); k = word_back(s,
		    k) - 1)
			;
		if (kind_after(s, n, k)) {
			e->end = k;
			kind_org(x, e, s);
			continue;
		}
		if (e->start < 2 || s[e->start - 1] != ' ')
			continue;
		w = word_back(s, e->start - 1);
		if (!listed(&kindwords, s + w, e->start - 1 - w))
			continue;
		if (w >= 2 && s[w - 1] == ' ' && (d = word_back(s, w - 1),
		    ns_in_words(det, sizeof(det) / sizeof(det[0]), s + d,
		    w - 1 - d)) && !(e->end == n ||
		    s[e->end] == '.' || s[e->end] == ';' || s[e->end] == ')' ||
		    (e->end + 5 <= n && (memcmp(s + e->end, " said", 5) == 0 ||
		    memcmp(s + e->end, " says", 5) == 0))))
			continue;
		kind_org(x, e, s);
	}
}

/* The end of the title word at s[i..n-1] without its trailing
 * punctuation and possessive ("Maharashtra’s" -> "Maharashtra"). */
static size_t
title_word_end(const char *s, size_t n, size_t i)
{
	size_t k;

	for (k = i; k < n && s[k] != ' '; k++)
		;
	if (k - i > 3 && memcmp(s + k - 3, "\xe2\x80\x99", 3) == 0)
		k -= 3;
	else if (k - i > 1 && s[k - 1] == '\'')
		k--;
	if (k - i > 1 && s[k - 1] == 's' && (s[k - 2] == '\'' ||
	    (k - i > 4 && memcmp(s + k - 4, "\xe2\x80\x99", 3) == 0)))
		k -= s[k - 2] == '\'' ? 2 : 4;
	while (k > i && (s[k - 1] == ',' || s[k - 1] == ':' || s[k - 1] == ';' ||
	    s[k - 1] == '?' || s[k - 1] == '!' || s[k - 1] == '.'))
		k--;
	return k;
}

/* Places and nationalities the tagger leaves in a title with capitals on
 * every word, where it reads every word as a name's ("Onion Prices Double
 * In Maharashtra", "Paris-Based Orbe Labs", "Vatican Names Filipino
 * Cardinal"): one to three words that are a place of the gazetteer (a
 * subdivision alone not as the title's first word: "Farah Retires" is a
 * person's headline), or one that is a nationality, or such a word
 * before a hyphen; none a word news text writes in lower case
 * ("Turkey", "Reading"), none in a name, none after "Of" (the ORG's
 * "Bank Of England") and none before a word that ends organisations'
 * names ("Washington Post"). Returns the count. */
static size_t
title_places(struct ns_extractor *x, size_t no, const char *s, size_t n)
{
	struct ns_entity ne;
	size_t i, j, k, e, words, b, best, w2;
	int type, place;

	for (i = 0; i < n; i = k + 1) {
		for (k = i; k < n && s[k] != ' '; k++)
			;
		if (!(s[i] >= 'A' && s[i] <= 'Z'))
			continue;
		if (i >= 3 && memcmp(s + i - 3, "Of ", 3) == 0)
			continue;
		for (j = 0; j < no && x->ov[j].end <= i; j++)
			;
		best = 0;
		type = 0;
		/* the longest place of up to three words at i */
		for (e = i, words = 0; words < 3 && e < n; words++) {
			b = title_word_end(s, n, e);
			if (b == e)
				break;
			if ((place = is_place(s + i, b - i)) != 0 &&
			    (words > 0 || !ns_word_lower(s + i, b - i)) &&
			    (i > 0 || place == 2)) {
				best = b;
				type = NS_ENT_LOC;
			}
			for (e = e + 1; e < n && s[e] != ' '; e++)
				;
			if (b < e || e >= n)
				break;
			e++;
		}
		if (best == 0) {
			b = title_word_end(s, n, i);
			for (e = i; e < b && s[e] != '-'; e++)
				;
			place = e > i && e < b ? is_place(s + i, e - i) : 0;
			if (e > i && (place || listed(&demonyms, s + i,
			    e - i)) && !ns_word_lower(s + i, e - i)) {
				best = e;
				type = place ? NS_ENT_LOC : NS_ENT_NORP;
			}
		}
		if (best == 0 || (j < no && x->ov[j].start < best))
			continue;
		/* a word that ends organisations' names after it */
		if (best < n && s[best] == ' ') {
			w2 = title_word_end(s, n, best + 1);
			if (is_orgword(s + best + 1, w2 - best - 1))
				continue;
		}
		memset(&ne, 0, sizeof(ne));
		ne.start = i;
		ne.end = best;
		ne.type = (enum ns_ent_type)type;
		ov_room(x, no + 1);
		memmove(&x->ov[j + 1], &x->ov[j], (no - j) * sizeof(*x->ov));
		x->ov[j] = ne;
		no++;
		for (k = best; k < n && s[k] != ' '; k++)
			;
	}
	return no;
}

/* An organisation's possessive inside a name the tagger ran on is two
 * names: "Bank of Thailand’s Monetary Policy Committee" is the Bank and
 * its committee, where the part before "’s" holds a word that heads
 * organisations' names ("People’s Bank of China" holds none there).
 * Returns the count. */
static size_t
possessive_orgs(struct ns_extractor *x, size_t no, const char *s)
{
	struct ns_entity *e;
	size_t i, k, m;

	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		if (e->type != NS_ENT_ORG)
			continue;
		for (k = e->start; k + 3 < e->end; k++) {
			m = s[k] == '\'' ? 1 : (memcmp(s + k, "\xe2\x80\x99", 3) ==
			    0 ? 3 : 0);
			if (m > 0 && k + m + 2 < e->end && s[k + m] == 's' &&
			    s[k + m + 1] == ' ' && s[k + m + 2] >= 'A' &&
			    s[k + m + 2] <= 'Z')
				break;
		}
		if (k + 3 >= e->end || !has_head(s + e->start, k - e->start))
			continue;
		ov_room(x, no + 1);
		e = &x->ov[i];
		memmove(e + 2, e + 1, (no - i - 1) * sizeof(*e));
		e[1] = e[0];
		e[1].start = k + m + 2;
		e[0].end = k;
		no++;
		i++;
	}
	return no;
}

/* Is s[0..n-1] a title in the plural ("Justices B. R. Nair and ...")? */
static int
plural_title(const char *s, size_t n)
{
	char buf[40];

	if (n < 3 || n + 2 > sizeof(buf) || s[n - 1] != 's')
		return 0;
	memcpy(buf, s, n - 1);
	memcpy(buf + n - 1, " X", 3);
	return ns_ner_title_len(buf, n + 1) > 0;
}

/* Persons' names the tagger starts late or takes a title for: a PERSON
 * that opens with an initial ("T. Whitfield-Moore") takes in the
 * capitalised word before it that no name has, no title, no function
 * word and no word that opens sentences ("DeShawn T. Whitfield-Moore");
 * a one-word ORG or LOC that is a title before a name ("Alderperson") is
 * no name. Returns the count. */
static size_t
person_fronts(struct ns_extractor *x, size_t no, const char *s)
{
	struct ns_entity *e;
	size_t i, w, k;

	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		if (e->type != NS_ENT_PERSON || e->end - e->start < 4 ||
		    s[e->start] < 'A' || s[e->start] > 'Z' ||
		    s[e->start + 1] != '.' || s[e->start + 2] != ' ' ||
		    e->start < 2 || s[e->start - 1] != ' ')
			continue;
		w = word_back(s, e->start - 1);
		if (w == e->start - 1 || s[w] < 'A' || s[w] > 'Z' ||
		    (i > 0 && x->ov[i - 1].end > w))
			continue;
		for (k = w + 1; k < e->start - 1; k++)
			if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' &&
			    s[k] <= 'Z') || s[k] == '-' || s[k] == '\'' ||
			    (unsigned char)s[k] >= 0x80))
				break;
		if (k < e->start - 1 || ns_ner_function_word(s + w,
		    e->start - 1 - w) || listed(&openers, s + w,
		    e->start - 1 - w) || ns_ner_title_len(s + w,
		    e->start - w) > 0 || plural_title(s + w, e->start - 1 - w))
			continue;
		e->start = w;
	}
	for (i = 0; i + 1 < no; i++) {
		e = &x->ov[i];
		if ((e->type == NS_ENT_ORG || e->type == NS_ENT_LOC) &&
		    memchr(s + e->start, ' ', e->end - e->start) == NULL &&
		    s[e->end] == ' ' && ns_ner_title_len(s + e->start,
		    e->end - e->start + 2) == e->end - e->start + 1 &&
		    x->ov[i + 1].type == NS_ENT_PERSON &&
		    x->ov[i + 1].start == e->end + 1) {
			memmove(e, e + 1, (no - i - 1) * sizeof(*e));
			no--;
			i--;
		}
	}
	return no;
}

/* Names of bodies the tagger misses whole: a word that heads
 * organisations' names, "of" or "for" (and "the"), and a subject list
 * after it ("Chamber of Deputies", "Council of State", "Office of the
 * Ombudsman", "Independent Office for Police Conduct"), with the
 * capitalised words before the head (three at most, no function word,
 * no word that opens sentences). Where no name is, or names of the
 * tagger lie wholly inside, it is an ORG. Not in a title with capitals on
 * every word. Returns the count. */
static size_t
head_names(struct ns_extractor *x, size_t no, const char *s, size_t n,
    int title)
{
	struct ns_entity ne;
	size_t at, w, k, q, a, end, j, m, words;

	if (title)
		return no;
	for (at = 0; at < n; at = w + 1) {
		/* the next capitalised word */
		while (at < n && !(s[at] >= 'A' && s[at] <= 'Z' && (at == 0 ||
		    !word_byte((unsigned char)s[at - 1]))))
			at++;
		for (w = at; w < n && word_byte((unsigned char)s[w]); w++)
			;
		if (at >= n || !listed(&orgheads, s + at, w - at))
			continue;
		if (w + 4 < n && memcmp(s + w, " of ", 4) == 0)
			q = w + 4;
		else if (w + 5 < n && memcmp(s + w, " for ", 5) == 0)
			q = w + 5;
		else
			continue;
		if (q + 4 < n && memcmp(s + q, "the ", 4) == 0)
			q += 4;
		if ((end = subject_end(s, n, q)) == q)
			continue;
		end = subjects_end(s, n, end);
		/* the capitalised words before the head */
		for (a = at, words = 0; words < 3 && a >= 2 && s[a - 1] == ' ' &&
		    (k = word_back(s, a - 1)) < a - 1 && s[k] >= 'A' &&
		    s[k] <= 'Z' && !ns_ner_function_word(s + k, a - 1 - k) &&
		    !listed(&openers, s + k, a - 1 - k) &&
		    !listed(&places, s + k, a - 1 - k) &&
		    ns_ner_title_len(s + k, a - k) == 0; words++)
			a = k;
		/* the names there: only inside it */
		for (j = 0; j < no && x->ov[j].end <= a; j++)
			;
		for (m = j; m < no && x->ov[m].start < end; m++)
			if (x->ov[m].start < a || x->ov[m].end > end)
				break;
		if (m < no && x->ov[m].start < end) {
			w = end;
			continue;
		}
		memset(&ne, 0, sizeof(ne));
		ne.start = a;
		ne.end = end;
		ne.type = NS_ENT_ORG;
		ov_room(x, no + 1);
		memmove(&x->ov[j + 1], &x->ov[m], (no - m) * sizeof(*x->ov));
		x->ov[j] = ne;
		no = no - (m - j) + 1;
		w = end;
	}
	return no;
}

/* Does " Minister", " Secretary" or " Commissioner" come at byte at of
 * s[0..n-1] (a portfolio before it: "Energy Minister")? */
static int
minister_at(const char *s, size_t n, size_t at)
{
	static const char *const after[] = { " Minister", " Secretary",
	    " Commissioner" };
	size_t k, m;

	for (k = 0; k < sizeof(after) / sizeof(after[0]); k++) {
		m = strlen(after[k]);
		if (at + m <= n && memcmp(s + at, after[k], m) == 0 &&
		    (at + m == n || !word_byte((unsigned char)s[at + m])))
			return 1;
	}
	return 0;
}

/* A portfolio before a minister's title is no organisation: the tagger
 * makes an ORG of "Labour" in "Labour Minister Bärbel Hoffmann-Kühn" and
 * of "Saudi Energy" in "Saudi Energy Minister". An ORG right before
 * "Minister", "Secretary" or "Commissioner" whose words are subject_word()s
 * goes, after a nationality or a place that opens it, which stays as
 * NORP or LOC. Returns the count. */
static size_t
portfolios(struct ns_extractor *x, size_t no, const char *s, size_t n)
{
	struct ns_entity *e;
	size_t i, k, a, w;

	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		if (e->type != NS_ENT_ORG)
			continue;
		if (!minister_at(s, n, e->end))
			continue;
		/* a nationality or place first */
		for (w = e->start; w < e->end && s[w] != ' '; w++)
			;
		a = e->start;
		if (w < e->end && (listed(&demonyms, s + a, w - a) ||
		    listed(&places, s + a, w - a)))
			a = w + 1;
		/* words of subjects: a party's name ("Labour") is one */
		for (k = a; k < e->end; k = w + 1) {
			for (w = k; w < e->end && s[w] != ' '; w++)
				;
			if (w - k < 2 || s[k] < 'A' || s[k] > 'Z' ||
			    !ns_word_lower(s + k, w - k) || listed(&places,
			    s + k, w - k))
				break;
		}
		if (k < e->end)
			continue;
		if (a > e->start) {
			e->end = a - 1;
			e->type = listed(&demonyms, s + e->start, e->end -
			    e->start) ? NS_ENT_NORP : NS_ENT_LOC;
			continue;
		}
		memmove(e, e + 1, (no - i - 1) * sizeof(*e));
		no--;
		i--;
	}
	return no;
}

/* Names whose type never depends on the sentence: "US", "U.S.", "UK" and
 * "U.K." are places, "EU" an organisation. The tagger, trained on news of
 * 1996 that wrote "U.S.", misses "US" in some sentences ("fears of a US
 * recession"); where it found nothing there, x->ov[0..no) gets them (a
 * longer name that holds one, "US Steel", stays). title: s is a title
 * with capitals on every word. Returns the count. */
static const struct {
	const char *s;
	size_t n;
	enum ns_ent_type type;
} fixed[] = {
	{ "US", 2, NS_ENT_LOC }, { "U.S.", 4, NS_ENT_LOC },
	{ "UK", 2, NS_ENT_LOC }, { "U.K.", 4, NS_ENT_LOC },
	{ "EU", 2, NS_ENT_ORG },
};

static int
cmp_ov(const void *a, const void *b)
{
	const struct ns_entity *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}


static size_t
fixed_names(struct ns_extractor *x, size_t no, const char *s, size_t n,
    int title)
{
	size_t k, a, b, j = 0, add = no;

	for (a = 0; a + 1 < n; a++) {
		if ((s[a] != 'U' && s[a] != 'E') || (s[a + 1] != 'S' &&
		    s[a + 1] != 'K' && s[a + 1] != 'U' && s[a + 1] != '.'))
			continue;
		for (k = 0; k < sizeof(fixed) / sizeof(fixed[0]); k++) {
			b = a + fixed[k].n;
			if (b > n || memcmp(s + a, fixed[k].s, fixed[k].n) != 0)
				continue;
			/* a word of its own ("US-based" too), not "USA",
			 * "US$5", "EUR", "U.S.A." */
			if ((a > 0 && (word_byte((unsigned char)s[a - 1]) ||
			    s[a - 1] == '$')) || (b < n &&
			    (word_byte((unsigned char)s[b]) || s[b] == '$' ||
			    (s[b] == '.' && b + 1 < n &&
			    word_byte((unsigned char)s[b + 1])))))
				continue;
			/* Before a capitalised word it may open a name the
			 * tagger found and does not give ("U.S. Open" of
			 * CoNLL's MISC), but in a title with capitals on every
			 * word ("Despite US Curbs"). */
			if (!title && b + 1 < n && s[b] == ' ' &&
			    s[b + 1] >= 'A' && s[b + 1] <= 'Z')
				continue;
			while (j < no && x->ov[j].end <= a)
				j++;
			if (j < no && x->ov[j].start < b)
				break;	/* in a name found */
			ov_room(x, add + 1);
			memset(&x->ov[add], 0, sizeof(x->ov[add]));
			x->ov[add].start = a;
			x->ov[add].end = b;
			x->ov[add].type = fixed[k].type;
			add++;
			break;
		}
	}
	if (add > no)
		qsort(x->ov, add, sizeof(*x->ov), cmp_ov);
	return add;
}

/* The last words of persons' names of more than one word, as a set (open
 * addressing; mask + 1 slots, a power of two, more than twice as many as
 * go in): titled_names() asks it for each titled name of one word, which
 * a loop over the names for each would make quadratic. */
struct surset {
	struct ns_listword *v;	/* p NULL: empty */
	size_t	 mask;
};

static size_t
surset_slot(const struct surset *h, const char *p, size_t n)
{
	uint64_t k = 1469598103934665603ULL;
	size_t i, j;

	for (i = 0; i < n; i++)
		k = (k ^ (unsigned char)p[i]) * 1099511628211ULL;
	for (j = (size_t)k & h->mask; h->v[j].p != NULL && (h->v[j].n != n ||
	    memcmp(h->v[j].p, p, n) != 0); j = (j + 1) & h->mask)
		;
	return j;
}

/* Put in the last word of the person's name s[a..b), if it has more than
 * one ("Merz" of "Friedrich Merz"). */
static void
surset_add(struct surset *h, const char *s, size_t a, size_t b)
{
	size_t k, j;

	for (k = b; k > a && s[k - 1] != ' '; k--)
		;
	if (k == a)
		return;
	j = surset_slot(h, s + k, b - k);
	h->v[j].p = s + k;
	h->v[j].n = b - k;
}

/* An organisation or a place that opens with a title ("Chancellor
 * Friedrich Merz") is the person after the title, when two or three
 * capitalised words follow and none of them ends the names of
 * organisations, or one that ends a person's name in the same field
 * ("Chancellor Merz"); "Cardinal Health", "Bishop Auckland" stay. The
 * persons' names are those of x->ov[0..no) as they stand when the name is
 * looked at (with those made persons before it). */
static void
titled_names(struct ns_extractor *x, size_t no, const char *s)
{
	struct ns_entity *e;
	struct surset sur = { NULL, 0 };
	size_t i, j, k, t, w, words;
	unsigned char c;

	for (i = 0; i < no; i++) {
		e = &x->ov[i];
		if (e->type != NS_ENT_ORG && e->type != NS_ENT_LOC)
			continue;
		t = ns_ner_title_len(s + e->start, e->end - e->start);
		if (t == 0 || e->start + t >= e->end)
			continue;
		for (k = e->start + t, words = 0; k < e->end; k = w + 1) {
			for (w = k; w < e->end && s[w] != ' '; w++)
				;
			c = (unsigned char)s[k];
			if (!((c >= 'A' && c <= 'Z') || c >= 0x80) ||
			    is_orgword(s + k, w - k) || ++words > 3)
				break;
		}
		if (k < e->end)
			continue;
		if (words == 1) {
			/* the set, when first asked */
			if (sur.v == NULL) {
				for (sur.mask = 15; sur.mask / 2 < no;
				    sur.mask = sur.mask * 2 + 1)
					;
				sur.v = ns_xcalloc(sur.mask + 1,
				    sizeof(*sur.v));
				for (j = 0; j < no; j++)
					if (x->ov[j].type == NS_ENT_PERSON)
						surset_add(&sur, s,
						    x->ov[j].start,
						    x->ov[j].end);
			}
			k = e->start + t;
			if (sur.v[surset_slot(&sur, s + k, e->end - k)].p ==
			    NULL)
				continue;
		}
		e->start += t;
		e->type = NS_ENT_PERSON;
		if (sur.v != NULL)
			surset_add(&sur, s, e->start, e->end);
	}
	free(sur.v);
}

/* "Abdulaziz bin Salman", "Mohammed bin Rashid Al Maktoum": a name, an
 * Arabic or Malay patronymic particle and a capitalized word or name are
 * one PERSON, however the tagger saw the parts, and so is a name that
 * follows with a space. So are a person's name, a particle of European
 * surnames ("de la", "van der") and a capitalized word or name after it
 * ("Luis María de la Fuente", "Pieter Jansen van Rensburg"): only after a
 * PERSON, as "Banco de España" is none. Among x->f[first..], the names
 * of text s[0..n-1]; the title before the name is left out ("Prince"). */
static void
particle_names(struct ns_extractor *x, size_t first, const char *s,
    size_t n)
{
	static const char *const particles[] = { " bin ", " bint ", " binti ",
	    " ibn ",
	    /* after a PERSON only, from here */
	    " de la ", " de los ", " de las ", " de ", " del ", " van der ",
	    " van den ", " van de ", " van ", " von der ", " von ", " da ",
	    " dos ", " das ", " di ", " du ", " ter ", " dela ", " delos ",
	    " della ", " degli ", " i " };
	const size_t arabic = 4;
	struct found *f, *g;
	size_t k, i, p, e, t;
	int person;

	for (k = first; k < x->nf; k++) {
		f = &x->f[k];
		if (!(NAME_TYPES & (1u << f->e.type)) || f->e.type ==
		    NS_ENT_NORP)
			continue;
		/* a person's name, or one after a title ("Councillor
		 * Romeo", which the tagger may take for an ORG) */
		person = f->e.type == NS_ENT_PERSON || ns_ner_title_len(s +
		    f->e.start, f->e.end - f->e.start) > 0;
		for (i = 0; i < sizeof(particles) / sizeof(particles[0]); i++) {
			if (i >= arabic && !person)
				break;
			p = strlen(particles[i]);
			if (f->e.end + p < n &&
			    memcmp(s + f->e.end, particles[i], p) == 0)
				break;
		}
		if (i == sizeof(particles) / sizeof(particles[0]) ||
		    (i >= arabic && !person))
			continue;
		e = f->e.end + p;
		g = k + 1 < x->nf ? &x->f[k + 1] : NULL;
		if (g != NULL && g->e.start < e)
			continue;
		if (g != NULL && g->e.start == e) {
			if (!(NAME_TYPES & (1u << g->e.type)))
				continue;
			e = g->e.end;
		} else {
			/* a word with a capital, untagged */
			if (!(s[e] >= 'A' && s[e] <= 'Z') &&
			    !((unsigned char)s[e] >= 0xc0))
				continue;
			while (e < n && s[e] != ' ' && s[e] != ',' &&
			    s[e] != '.' && s[e] != '\n' && s[e] != ';' &&
			    s[e] != ':' && s[e] != ')' && s[e] != '\'' &&
			    (unsigned char)s[e] != 0xe2)
				e++;
			if (g != NULL && g->e.start < e)
				continue;
		}
		/* the names it now takes in, and one right after it */
		while (k + 1 < x->nf && x->f[k + 1].e.start < e) {
			memmove(&x->f[k + 1], &x->f[k + 2], (x->nf - k - 2) *
			    sizeof(*x->f));
			x->nf--;
		}
		if (k + 1 < x->nf && x->f[k + 1].e.start == e + 1 &&
		    s[e] == ' ' && (x->f[k + 1].e.type == NS_ENT_PERSON ||
		    x->f[k + 1].e.type == NS_ENT_ORG)) {
			e = x->f[k + 1].e.end;
			memmove(&x->f[k + 1], &x->f[k + 2], (x->nf - k - 2) *
			    sizeof(*x->f));
			x->nf--;
		}
		f->e.end = e;
		/* a company's name ends in its word ("Minera Andina del Sur
		 * SAA") */
		for (t = e; t > f->e.start && s[t - 1] != ' '; t--)
			;
		if (orgword_at(s + t, e - t) == e - t) {
			f->e.type = NS_ENT_ORG;
			k--;
			continue;
		}
		f->e.type = NS_ENT_PERSON;
		if ((t = ns_ner_title_len(s + f->e.start, e - f->e.start)) > 0)
			f->e.start += t;
		k--;		/* another particle may follow */
	}
}

/* The bytes of the quotation mark at s[0..n-1] that opens (open 1) or
 * closes a nickname: '"', or the curly double quotes; 0 when none. */
static size_t
nick_quote(const char *s, size_t n, int open)
{
	if (n >= 1 && s[0] == '"')
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xe2 &&
	    (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == (open ? 0x9c : 0x9d))
		return 3;
	return 0;
}

/* A person's name with a nickname in quotation marks between its parts
 * ("Guadalupe \"Lupe\" Marín-Estrada", "Cristina “Tinay” Dela Peña-Lim")
 * is one PERSON, whatever the tagger made of the parts around it: a name
 * before, one or two capitalised words quoted, and a name or a
 * capitalised word after. A person's name goes on with " Jr.", " Sr.",
 * " II", " III" or " IV" after it. Among x->f[first..], the names of text
 * s[0..n-1]. */
static void
person_suffixes(struct ns_extractor *x, size_t first, const char *s,
    size_t n)
{
	static const char *const sufs[] = { " Jr.", " Sr.", " Jr", " Sr",
	    " III", " II", " IV" };
	struct found *f, *g;
	size_t k, i, p, q, e, w, words, m;

	for (k = first; k < x->nf; k++) {
		f = &x->f[k];
		if (!(NAME_TYPES & (1u << f->e.type)) || f->e.type ==
		    NS_ENT_NORP)
			continue;
		p = f->e.end;
		if (p + 1 < n && s[p] == ' ' && (m = nick_quote(s + p + 1,
		    n - p - 1, 1)) > 0) {
			q = p + 1 + m;
			/* one or two words, a capital first, to the close */
			for (w = q, words = 1; w < n && w - q < 40 &&
			    nick_quote(s + w, n - w, 0) == 0; w++) {
				if (s[w] == ' ')
					words++;
				else if (!((s[w] >= 'a' && s[w] <= 'z') ||
				    (s[w] >= 'A' && s[w] <= 'Z') || s[w] == '-' ||
				    s[w] == '.' || (unsigned char)s[w] >= 0x80))
					break;
			}
			if (w == q || s[q] < 'A' || s[q] > 'Z' || words > 2 ||
			    s[w - 1] == ' ' || (m = nick_quote(s + w, n - w,
			    0)) == 0 || w + m + 1 >= n || s[w + m] != ' ')
				goto suffix;
			e = w + m + 1;
			g = k + 1 < x->nf ? &x->f[k + 1] : NULL;
			if (g != NULL && g->e.start < e)
				goto suffix;
			if (g != NULL && g->e.start == e &&
			    (NAME_TYPES & (1u << g->e.type)) &&
			    g->e.type != NS_ENT_NORP)
				e = g->e.end;
			else if (s[e] >= 'A' && s[e] <= 'Z') {
				while (e < n && s[e] != ' ' && s[e] != ',' &&
				    s[e] != '.' && s[e] != '\n' && s[e] != ';' &&
				    s[e] != ')' && (unsigned char)s[e] != 0xe2)
					e++;
				if (g != NULL && g->e.start < e)
					goto suffix;
			} else
				goto suffix;
			if (g != NULL && g->e.start < e) {
				memmove(&x->f[k + 1], &x->f[k + 2], (x->nf - k -
				    2) * sizeof(*x->f));
				x->nf--;
			}
			f->e.end = e;
			f->e.type = NS_ENT_PERSON;
		}
suffix:
		if (f->e.type != NS_ENT_PERSON)
			continue;
		for (i = 0; i < sizeof(sufs) / sizeof(sufs[0]); i++) {
			m = strlen(sufs[i]);
			if (f->e.end + m <= n && memcmp(s + f->e.end, sufs[i],
			    m) == 0 && (f->e.end + m == n ||
			    !word_byte((unsigned char)s[f->e.end + m])))
				break;
		}
		if (i < sizeof(sufs) / sizeof(sufs[0]) && (k + 1 >= x->nf ||
		    x->f[k + 1].e.start >= f->e.end + m))
			f->e.end += m;
	}
}

/* A company's name and its legal form after a comma are one ORG
 * ("Hanbit Semicon Co., Ltd.", "Acme Holdings, Inc."), where the form
 * came out as a name of its own: an ORG that ends in a word of
 * organisations, ", ", and an ORG of such words only. Among
 * x->f[first..], the names of text s. */
static void
legal_tails(struct ns_extractor *x, size_t first, const char *s)
{
	struct found *f, *g;
	size_t i, k, w;

	for (i = first; i + 1 < x->nf; i++) {
		f = &x->f[i];
		g = f + 1;
		if (f->e.type != NS_ENT_ORG || g->e.type != NS_ENT_ORG ||
		    g->e.start != f->e.end + 2 || s[f->e.end] != ',' ||
		    s[f->e.end + 1] != ' ')
			continue;
		k = word_back(s, f->e.end);
		if (!is_orgword(s + k, f->e.end - k))
			continue;
		for (k = g->e.start; k < g->e.end; k = w + 1) {
			for (w = k; w < g->e.end && s[w] != ' '; w++)
				;
			if (!is_orgword(s + k, w - k))
				break;
		}
		if (k < g->e.end)
			continue;
		f->e.end = g->e.end;
		memmove(g, g + 1, (x->nf - i - 2) * sizeof(*g));
		x->nf--;
		i--;
	}
}

/* Which wins where a name and a number overlap: an amount, a date or an
 * address is never part of a name ("June 2019"), but a name may hold a
 * number ("Formula 1", "3M", "Boeing 737"). */
static int
beats_name(enum ns_ent_type t)
{
	return t != NS_ENT_CARDINAL && t != NS_ENT_ORDINAL &&
	    t != NS_ENT_QUANTITY;
}

static void
add_found(struct ns_extractor *x, const struct ns_entity *e, int field,
    const char *s)
{
	struct found *f;

	if (x->nf == x->fcap) {
		x->fcap = x->fcap ? x->fcap * 2 : 64;
		x->f = ns_xreallocarray(x->f, x->fcap, sizeof(*x->f));
	}
	f = &x->f[x->nf++];
	f->e = *e;
	f->field = field;
	f->s = s;
	f->name = -1;
}

/* Merge the numex (x->nv) and name (tv) findings of one field, both sorted
 * and each free of overlaps, into x->f. */
static void
merge(struct ns_extractor *x, size_t nn, const struct ns_entity *tv,
    size_t nt, int field, const char *s, size_t n)
{
	size_t i = 0, j = 0, k;
	const struct ns_entity *a, *b;
	struct ns_cpos cp;
	size_t first = x->nf;
	int clash;

	while (i < nn || j < nt) {
		a = i < nn ? &x->nv[i] : NULL;
		b = j < nt ? &tv[j] : NULL;
		if (b == NULL || (a != NULL && a->end <= b->start)) {
			add_found(x, a, field, s);
			i++;
		} else if (a == NULL || b->end <= a->start) {
			add_found(x, b, field, s);
			j++;
		} else if (beats_name(a->type)) {
			/* a overlaps b: a wins, and drops b. */
			j++;
		} else {
			/* b (a name) wins: drop every number it overlaps. */
			for (clash = 1; clash && i < nn; ) {
				clash = x->nv[i].start < b->end &&
				    x->nv[i].end > b->start;
				i += clash;
			}
			add_found(x, b, field, s);
			j++;
		}
	}
	org_names(x, first, s, n);
	particle_names(x, first, s, n);
	person_suffixes(x, first, s, n);
	legal_tails(x, first, s);
	ns_cpos_init(&cp, s);
	for (k = first; k < x->nf; k++) {
		x->f[k].cstart = ns_cpos_at(&cp, x->f[k].e.start);
		x->f[k].cend = ns_cpos_at(&cp, x->f[k].e.end);
	}
}

/* ---- canonical: short names linked to fuller ones ---- */

static size_t
count_words(const char *s, size_t n)
{
	size_t i, w = 0;
	int in = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}

/* Is s[0..n-1] a run of whole words of t[0..m-1] (at its start only, if
 * prefix)? */
static int
word_run(const char *s, size_t n, const char *t, size_t m, int prefix)
{
	size_t i;

	if (n >= m)
		return 0;
	for (i = 0; i + n <= m; i++) {
		if ((i == 0 || t[i - 1] == ' ') &&
		    (i + n == m || t[i + n] == ' ') &&
		    memcmp(s, t + i, n) == 0)
			return 1;
		if (prefix)
			break;
	}
	return 0;
}

static int
small_word(const char *s, size_t n)
{
	static const char *const w[] = { "of", "and", "the", "for", "de",
	    "&", NULL };
	size_t i;

	for (i = 0; w[i] != NULL; i++)
		if (strlen(w[i]) == n && memcmp(w[i], s, n) == 0)
			return 1;
	return 0;
}

/* Is s (2 to 8 capital ASCII letters) the initials of the capitalized
 * words of t ("EU", "European Union"; "IMF", "International Monetary
 * Fund")? */
static int
acronym(const char *s, size_t n, const char *t, size_t m)
{
	size_t i, j, k = 0;

	if (n < 2 || n > 8)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	for (i = 0; i < m; i = j + 1) {
		for (j = i; j < m && t[j] != ' '; j++)
			;
		if (j == i || small_word(t + i, j - i))
			continue;
		if (k >= n || t[i] != s[k])
			return 0;
		k++;
	}
	return k == n;
}

/* Is a word of s[from..n-1] one that heads an institution's name
 * (common/data/heads.tsv: "Council", "Court", "University")? */
static int
head_after(const char *s, size_t n, size_t from)
{
	size_t i, j;

	for (i = from; i < n; i = j + 1) {
		for (; i < n && s[i] == ' '; i++)
			;
		for (j = i; j < n && s[j] != ' '; j++)
			;
		if (j > i && listed(&orgheads, s + i, j - i))
			return 1;
	}
	return 0;
}

/* Does short name a stand for the fuller name b: a person's name a run of
 * the words of b ("Ren", "Ren Zhengfei"), an organisation's the first
 * words ("Huawei", "Huawei Technologies") or the initials ("EU")? */
static int
stands_for(const struct name *a, const struct name *b)
{
	if (a->type != b->type || b->words <= a->words)
		return 0;
	if (a->words == 1 && acronym(a->s, a->n, b->s, b->n))
		return 1;
	/* A place alone is no short form of the organisation its name
	 * opens: a country's or a city's ("London", "London Stock
	 * Exchange"), a province's that of a public body ("Limerick",
	 * "Limerick District Court"; "Meta" is a province and a short
	 * form of "Meta Platforms"). */
	if (b->type == NS_ENT_ORG) {
		if (a->place < 0)
			((struct name *)a)->place = is_place(a->s, a->n);
		if (a->place && (a->place == 2 || head_after(b->s, b->n,
		    a->n)))
			return 0;
	}
	return word_run(a->s, a->n, b->s, b->n, a->type != NS_ENT_PERSON);
}

static int
find_name(struct ns_extractor *x, const char *s, size_t n,
    enum ns_ent_type t)
{
	size_t i;

	for (i = 0; i < x->nnames; i++)
		if (x->names[i].type == t && x->names[i].n == n &&
		    memcmp(x->names[i].s, s, n) == 0)
			return (int)i;
	if (x->nnames >= CANON_MAX)
		return -1;
	if (x->nnames == x->namecap) {
		x->namecap = x->namecap ? x->namecap * 2 : 32;
		x->names = ns_xreallocarray(x->names, x->namecap,
		    sizeof(*x->names));
	}
	x->names[x->nnames].s = s;
	x->names[x->nnames].n = n;
	x->names[x->nnames].type = t;
	x->names[x->nnames].words = count_words(s, n);
	x->names[x->nnames].canon = -1;
	x->names[x->nnames].place = -1;	/* not looked up yet */
	return (int)x->nnames++;
}


static int
cmp_found(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->field != y->field)
		return x->field - y->field;
	return (x->e.start > y->e.start) - (x->e.start < y->e.start);
}

/* Longest first; among names as long, the earlier one. */
/* Sort x->f by cmp_found, keeping the order of equal ones (as glibc's
 * qsort, a merge sort, did here): an insertion sort, as x->f is in order
 * but for the few names title_names() puts at its end. */
static void
sort_found(struct ns_extractor *x)
{
	struct found tmp;
	size_t i, j;

	for (i = 1; i < x->nf; i++) {
		if (cmp_found(&x->f[i - 1], &x->f[i]) <= 0)
			continue;
		tmp = x->f[i];
		for (j = i - 1; j > 0 && cmp_found(&x->f[j - 1], &tmp) > 0; j--)
			;
		memmove(&x->f[j + 1], &x->f[j], (i - j) * sizeof(*x->f));
		x->f[j] = tmp;
	}
}

static int
cmp_len_desc(const void *a, const void *b)
{
	const struct found *x = *(const struct found *const *)a;
	const struct found *y = *(const struct found *const *)b;
	size_t m = x->e.end - x->e.start, n = y->e.end - y->e.start;

	if (m != n)
		return (m < n) - (m > n);
	return (x->e.start > y->e.start) - (x->e.start < y->e.start);
}

/* Where s[0..n-1] is in t[0..m-1] from byte at on, or NULL. */
static const char *
find_bytes(const char *t, size_t m, size_t at, const char *s, size_t n)
{
	const char *p;

	while (at + n <= m) {
		p = memchr(t + at, s[0], m - at - n + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, s, n) == 0)
			return p;
		at = (size_t)(p - t) + 1;
	}
	return NULL;
}

/* Does title[a..b) overlap a title entity that is not a name, or one
 * placed already (adds)? */
static int
title_clash(const struct ns_extractor *x, size_t a, size_t b,
    const struct found *adds, size_t nadds)
{
	size_t k;

	for (k = 0; k < x->nf && x->f[k].field == 0; k++)
		if (x->f[k].e.start < b && x->f[k].e.end > a &&
		    !((1u << x->f[k].e.type) & NAME_TYPES))
			return 1;
	for (k = 0; k < nadds; k++)
		if (adds[k].e.start < b && adds[k].e.end > a)
			return 1;
	return 0;
}

/* Names of the text written the same in the title are the same names
 * there: a headline's capitals mislead the tagger ("Huawei Founder Ren
 * Zhengfei Speaks"), the text's sentences do not. Each such name, longest
 * first, takes the place of the title's names it overlaps (never of its
 * numbers and dates); then the title is put back in order. */
static void
title_names(struct ns_extractor *x, const char *title, size_t tlen)
{
	const struct found **cand;
	struct found *adds;
	struct ns_cpos cp;
	const char *p, *s;
	size_t nt, i, j, k, n, ncand = 0, nadds = 0, at;

	for (nt = 0; nt < x->nf && x->f[nt].field == 0; nt++)
		;
	if (title == NULL || tlen == 0 || nt == x->nf)
		return;
	cand = ns_xreallocarray(NULL, x->nf - nt, sizeof(*cand));
	adds = ns_xreallocarray(NULL, x->nf - nt, sizeof(*adds));
	for (i = nt; i < x->nf; i++)
		if ((1u << x->f[i].e.type) & NAME_TYPES)
			cand[ncand++] = &x->f[i];
	qsort(cand, ncand, sizeof(*cand), cmp_len_desc);
	for (i = 0; i < ncand; i++) {
		s = cand[i]->s + cand[i]->e.start;
		n = cand[i]->e.end - cand[i]->e.start;
again:
		for (at = 0; (p = find_bytes(title, tlen, at, s, n)) != NULL;
		    at = (size_t)(p - title) + 1) {
			k = (size_t)(p - title);
			if ((k > 0 && word_byte((unsigned char)title[k - 1])) ||
			    (k + n < tlen &&
			    word_byte((unsigned char)title[k + n])) ||
			    title_clash(x, k, k + n, adds, nadds))
				continue;
			adds[nadds] = *cand[i];
			adds[nadds].field = 0;
			adds[nadds].s = title;
			adds[nadds].e.start = k;
			adds[nadds].e.end = k + n;
			adds[nadds].name = -1;
			nadds++;
			break;
		}
		/* Not there whole: a company's name less the words of
		 * organisations that end it ("Hanbit Chemical" of "Hanbit
		 * Chemical Co.", "Zhenyuan Auto" of "Zhenyuan Auto Group"),
		 * two words at least left. */
		if (p == NULL && cand[i]->e.type == NS_ENT_ORG &&
		    (k = word_back(s, n)) >= 2 && s[k - 1] == ' ' &&
		    is_orgword(s + k, n - k) && memchr(s, ' ', k - 1) != NULL) {
			n = k - 1;
			if (n > 0 && s[n - 1] == ',')
				n--;
			goto again;
		}
	}
	/* The title's names under a placed one go; the placed ones come in. */
	for (i = j = 0; i < x->nf; i++) {
		k = nadds;
		if (i < nt && ((1u << x->f[i].e.type) & NAME_TYPES))
			for (k = 0; k < nadds; k++)
				if (adds[k].e.start < x->f[i].e.end &&
				    adds[k].e.end > x->f[i].e.start)
					break;
		if (i >= nt || !((1u << x->f[i].e.type) & NAME_TYPES) ||
		    k == nadds)
			x->f[j++] = x->f[i];
	}
	x->nf = j;
	for (k = 0; k < nadds; k++)
		add_found(x, &adds[k].e, 0, title);
	sort_found(x);
	ns_cpos_init(&cp, title);
	for (i = 0; i < x->nf && x->f[i].field == 0; i++) {
		x->f[i].cstart = ns_cpos_at(&cp, x->f[i].e.start);
		x->f[i].cend = ns_cpos_at(&cp, x->f[i].e.end);
	}
	free(cand);
	free(adds);
}

/* A one-word PERSON or ORG of the text that is the short form of longer
 * names of the text, all of the other type, takes their type: the tagger
 * may make a person of "Northfield" (of "Northfield Markets") or a company
 * of "Kipyegon" (of "Faith Kipyegon"). With longer names of both types
 * ("Ford" of "Gerald Ford" and "Ford Motor") it stays; initials stand for
 * no person ("BP" stays an ORG by "Bob Peters"). */
static void
short_types(struct ns_extractor *x)
{
	struct found *f;
	struct name a, *b;
	size_t i, j;
	int other, seen;

	/* The longer names of the text, each once, in x->names (as
	 * link_names() gathers them, at most CANON_MAX): a text of many
	 * names costs no more than a pass over them for each one-word name.
	 * A one-word name never is one, so that the types changed below
	 * change none of them. */
	x->nnames = 0;
	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->field == 1 && (f->e.type == NS_ENT_PERSON ||
		    f->e.type == NS_ENT_ORG) && count_words(f->s + f->e.start,
		    f->e.end - f->e.start) >= 2)
			(void)find_name(x, f->s + f->e.start,
			    f->e.end - f->e.start, f->e.type);
	}
	for (i = 0; i < x->nf && x->nnames > 0; i++) {
		f = &x->f[i];
		if (f->field != 1 || (f->e.type != NS_ENT_PERSON &&
		    f->e.type != NS_ENT_ORG))
			continue;
		a.s = f->s + f->e.start;
		a.n = f->e.end - f->e.start;
		if (count_words(a.s, a.n) != 1)
			continue;
		a.words = 1;
		a.place = -1;
		other = NS_ENT_PERSON + NS_ENT_ORG - f->e.type;
		seen = 0;
		for (j = 0; j < x->nnames && seen >= 0; j++) {
			b = &x->names[j];
			a.type = b->type;
			/* A person's short name is a word of the name, never
			 * its initials ("BP" is no short form of "Bob
			 * Peters"). */
			if (b->type == NS_ENT_PERSON ? b->words <= a.words ||
			    !word_run(a.s, a.n, b->s, b->n, 0) :
			    !stands_for(&a, b))
				continue;
			if ((int)b->type == other)
				seen = 1;
			else
				seen = -1;
		}
		if (seen == 1)
			f->e.type = (enum ns_ent_type)other;
	}
}

/* A name kind_orgs() made an organisation's is one wherever it stands in
 * the record ("Kuzi Pay" in the headline and the text after "Kuzi Pay,
 * a mobile payments company,"). */
static void
kind_types(struct ns_extractor *x)
{
	struct found *f;
	size_t i, k, n;

	for (i = 0; i < x->nf && x->nkinds > 0; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_PERSON && f->e.type != NS_ENT_LOC)
			continue;
		n = f->e.end - f->e.start;
		for (k = 0; k < x->nkinds; k++)
			if (x->kinds[k].n == n && memcmp(x->kinds[k].p,
			    f->s + f->e.start, n) == 0) {
				f->e.type = NS_ENT_ORG;
				break;
			}
	}
}

/* A name in the title takes its type from the text, where the tagger sees
 * it in a sentence rather than in a headline's capitals: the type the
 * same name has most often there, or else that of the fuller name it
 * stands for ("Huawei" in the title, "Huawei Technologies" in the text). */
static void
title_types(struct ns_extractor *x)
{
	struct found *f, *g;
	struct name a, b;
	size_t i, j, votes[NS_ENT_NTYPES], best;
	int t, fuller;

	for (i = 0; i < x->nf && x->f[i].field == 0; i++) {
		f = &x->f[i];
		if (!((1u << f->e.type) & NAME_TYPES))
			continue;
		memset(votes, 0, sizeof(votes));
		fuller = -1;
		best = 0;
		a.s = f->s + f->e.start;
		a.n = f->e.end - f->e.start;
		a.words = count_words(a.s, a.n);
		a.place = -1;
		for (j = i + 1; j < x->nf; j++) {
			g = &x->f[j];
			if (g->field != 1 || !((1u << g->e.type) & NAME_TYPES))
				continue;
			b.s = g->s + g->e.start;
			b.n = g->e.end - g->e.start;
			if (b.n == a.n && (memcmp(a.s, b.s, a.n) == 0 ||
			    strncasecmp(a.s, b.s, a.n) == 0)) {
				votes[g->e.type]++;
				continue;
			}
			if (g->e.type != NS_ENT_PERSON && g->e.type != NS_ENT_ORG)
				continue;
			a.type = b.type = g->e.type;
			b.words = count_words(b.s, b.n);
			if (b.n > best && stands_for(&a, &b)) {
				best = b.n;
				fuller = g->e.type;
			}
		}
		for (t = 0, best = 0; t < NS_ENT_NTYPES; t++)
			if (votes[t] > best) {
				best = votes[t];
				f->e.type = (enum ns_ent_type)t;
			}
		if (best == 0 && fuller >= 0)
			f->e.type = (enum ns_ent_type)fuller;
	}
}

/* The name of a storm ("Hurricane Katrina", "Tropical Cyclone Kirra",
 * "Storm Ciarán": a word of common/data/heads.tsv before it, in the name
 * found or right before it) names a weather event, which the type set has
 * no type for: it is no PERSON, ORG or LOC, and nor is the same name
 * elsewhere in the record ("Kirra" alone, in the title). */
#define STORMS 8		/* storms' names looked for in a record */

static void
storm_names(struct ns_extractor *x)
{
	struct ns_listword st[STORMS];
	struct found *f;
	const char *s;
	size_t i, j, k, a, b, w, nst = 0;

	pthread_once(&lists_once, load_lists);
	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_PERSON && f->e.type != NS_ENT_ORG &&
		    f->e.type != NS_ENT_LOC)
			continue;
		s = f->s;
		a = f->e.start;
		b = f->e.end;
		/* the last storm word inside, not the last word ("Melbourne
		 * Storm" is a team) */
		for (k = a, w = a; k < b; k++)
			if (s[k] == ' ') {
				if (listed(&stormwords, s + w, k - w))
					a = k + 1;
				w = k + 1;
			}
		if (a == f->e.start && !(a >= 2 && s[a - 1] == ' ' &&
		    listed(&stormwords, s + word_back(s, a - 1),
		    a - 1 - word_back(s, a - 1))))
			continue;
		if (nst < STORMS) {
			st[nst].p = s + a;
			st[nst++].n = b - a;
		}
		f->e.type = NS_ENT_NTYPES;	/* dropped below */
	}
	if (nst == 0)
		return;
	for (i = j = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type == NS_ENT_PERSON || f->e.type == NS_ENT_ORG ||
		    f->e.type == NS_ENT_LOC)
			for (k = 0; k < nst; k++)
				if (st[k].n == f->e.end - f->e.start &&
				    memcmp(st[k].p, f->s + f->e.start,
				    st[k].n) == 0) {
					f->e.type = NS_ENT_NTYPES;
					break;
				}
		if (f->e.type != NS_ENT_NTYPES)
			x->f[j++] = *f;
	}
	x->nf = j;
}

/* A PERSON whose whole name is a place of the gazetteer (a country, a
 * province, a city: "Côte d’Ivoire", "Northern Samar", "An Giang"), the
 * tagger's guess at a name it has not seen, is the place, unless a
 * longer person's name of the record has it for a word ("Washington" of
 * "Denzel Washington", "Jordan" of "Michael Jordan"). */
#define PLACE_PERSONS 64	/* such names looked at in a record: each
				 * costs a pass over its names */

static void
place_persons(struct ns_extractor *x)
{
	char buf[PLACE_NAME_MAX];
	struct found *f, *g;
	const char *s;
	size_t i, j, n, m, pass, tried = 0;

	pthread_once(&lists_once, load_lists);
	/* Names of more words first: "Northern Samar" of the text is a
	 * place before "Samar" of the title asks whether a person's name
	 * has it. */
	for (pass = 0; pass < 2 * x->nf; pass++) {
		i = pass % x->nf;
		f = &x->f[i];
		if (f->e.type != NS_ENT_PERSON)
			continue;
		s = f->s + f->e.start;
		n = f->e.end - f->e.start;
		if ((memchr(s, ' ', n) != NULL) != (pass < x->nf))
			continue;
		/* the gazetteer's apostrophe is the straight one */
		m = straight_apostrophes(buf, sizeof(buf), s, n);
		if (m == 0 || !listed(&places, buf, m) ||
		    ++tried > PLACE_PERSONS)
			continue;
		for (j = 0; j < x->nf; j++) {
			g = &x->f[j];
			if (g->e.type == NS_ENT_PERSON && g->e.end - g->e.start >
			    n && word_run(s, n, g->s + g->e.start,
			    g->e.end - g->e.start, 0))
				break;
		}
		if (j == x->nf)
			f->e.type = NS_ENT_LOC;
	}
}

/* An ORG that is a place of the gazetteer ("Lancashire", "Cardiff") or
 * a county ("Harris County") is the place, unless the record is a story
 * of team sport, where it may be the team ("Lancashire" the county side,
 * "Derby County"): the tagger, trained on sports results, makes teams of
 * towns it meets in weather and court news. Then a place named right
 * before "county", "district", "province" (in lower case) or before
 * "and" and another place so named is a place too ("Pinellas and Levy
 * counties"). */
static int
county_name(const char *s, size_t n)
{
	const char *sp = memchr(s, ' ', n);

	if (sp == NULL || memchr(sp + 1, ' ', (size_t)(s + n - sp - 1)))
		return 0;
	return (s + n - sp - 1 == 6 && memcmp(sp + 1, "County", 6) == 0) ||
	    (sp - s == 6 && memcmp(s, "County", 6) == 0);
}

static size_t
area_word(const char *s, size_t n, size_t i)
{
	static const char *const w[] = { "county", "counties", "district",
	    "districts", "province", "provinces", "municipality", "parish",
	    "parishes", "shire", "prefecture", "governorate", NULL };
	size_t j, k;

	if (i >= n || s[i] != ' ')
		return 0;
	for (j = i + 1; j < n && s[j] >= 'a' && s[j] <= 'z'; j++)
		;
	if (j < n && isalnum((unsigned char)s[j]))
		return 0;
	for (k = 0; w[k] != NULL; k++)
		if (strlen(w[k]) == j - i - 1 && memcmp(w[k], s + i + 1,
		    j - i - 1) == 0)
			return j;
	return 0;
}

static int word_in(const char *const *w, const char *s, size_t n);
static int in_person(const struct ns_extractor *x, const char *s,
    size_t n);

/* Words that open an organisation's name before a place's ("Police
 * Scotland", "Health Canada", "Cricket Australia"): common words, no
 * source needed. */
static const char *const place_org_openers[] = { "Police", "Transport",
    "Sport", "Historic", "Visit", "Tourism", "Health", "Statistics",
    "Parks", "Environment", "Football", "Cricket", "Rugby", "Tennis",
    "Netball", "Hockey", "Athletics", "Swimming", "Creative", "Water",
    "Universities", "Crown", "Highways", "Network", NULL };

/* Set the code point offsets of f again, after its bytes changed. */
static void
recount(struct found *f)
{
	struct ns_cpos cp;

	ns_cpos_init(&cp, f->s);
	f->cstart = ns_cpos_at(&cp, f->e.start);
	f->cend = ns_cpos_at(&cp, f->e.end);
}

/* The shapes of organisations' names the tagger cuts or takes for
 * places: a place's name after "City of" ("City of Cape Town", "City of
 * Edinburgh Council") or after a word that opens such names ("Police
 * Scotland"); a place whose last word ends an organisation's name ("St
 * Thomas' Hospital", "St John Ambulance": common/data/orgwords.txt); and
 * a place of two words or more that ends in no such word, "and", then a
 * name that ends in a word that heads a public body's (heads.tsv: "U.S.
 * Chemical Safety and Hazard Investigation Board"). */
/* A nationality inside capitalised words that end in an organisation's
 * word is part of that organisation's name ("Royal Canadian Mounted
 * Police"), when no other name is among those words. */
static void
norp_org(struct ns_extractor *x, size_t i)
{
	struct found *f = &x->f[i];
	const char *s = f->s;
	size_t a = f->e.start, b = f->e.end, fl, k, w, last;

	fl = f->field == 0 ? x->rtlen : x->rxlen;
	if (f->field == 0 && title_case(x->rtitle, x->rtlen))
		return;
	/* capitalised words before it, none a function word */
	while (a >= 2 && s[a - 1] == ' ' && (w = word_back(s, a - 1)) < a - 1 &&
	    isupper((unsigned char)s[w]) &&
	    !ns_ner_function_word(s + w, a - 1 - w) &&
	    !listed(&openers, s + w, a - 1 - w) && !sentence_start(s, w) &&
	    (i == 0 || x->f[i - 1].field != f->field ||
	    x->f[i - 1].e.end <= w))
		a = w;
	/* and after it, up to the last */
	last = 0;
	for (k = b; k + 1 < fl && s[k] == ' ' &&
	    isupper((unsigned char)s[k + 1]); ) {
		for (w = k + 1; w < fl && isalpha((unsigned char)s[w]); w++)
			;
		if (i + 1 < x->nf && x->f[i + 1].field == f->field &&
		    x->f[i + 1].e.start < w)
			break;
		k = w;
		if (listed(&orgwords, s + word_back(s, w), w - word_back(s, w)) ||
		    listed(&orgheads, s + word_back(s, w), w - word_back(s, w)))
			last = w;
		if (w < fl && isalnum((unsigned char)s[w]))
			break;
	}
	/* "Saudi Energy Minister": a portfolio */
	if (last == 0 || minister_at(s, fl, last))
		return;
	f->e.start = a;
	f->e.end = last;
	f->e.type = NS_ENT_ORG;
	recount(f);
}

static void
org_shapes(struct ns_extractor *x)
{
	struct found *f, *g;
	const char *s;
	size_t i, j, a, b, w;

	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type == NS_ENT_NORP)
			norp_org(x, i);
		if (f->e.type != NS_ENT_LOC && f->e.type != NS_ENT_ORG)
			continue;
		s = f->s;
		a = f->e.start;
		b = f->e.end;
		if (a >= 8 && memcmp(s + a - 8, "City of ", 8) == 0 &&
		    (a == 8 || s[a - 9] == ' ' || s[a - 9] == '\n')) {
			f->e.start = a - 8;
			f->e.type = NS_ENT_ORG;
			recount(f);
			continue;
		}
		if (f->e.type == NS_ENT_LOC && a >= 2 && s[a - 1] == ' ' &&
		    (w = word_back(s, a - 1)) < a - 1 &&
		    (i == 0 || x->f[i - 1].field != f->field ||
		    x->f[i - 1].e.end <= w) &&
		    word_in(place_org_openers, s + w, a - 1 - w)) {
			f->e.start = w;
			f->e.type = NS_ENT_ORG;
			recount(f);
			continue;
		}
		w = word_back(s, b);
		if (f->e.type == NS_ENT_LOC && w > a &&
		    listed(&orgwords, s + w, b - w)) {
			f->e.type = NS_ENT_ORG;
			continue;
		}
		/* "A B and C D Board" */
		if (f->e.type == NS_ENT_LOC && i + 1 < x->nf &&
		    (g = &x->f[i + 1])->field == f->field &&
		    g->e.start == b + 5 && memcmp(s + b, " and ", 5) == 0 &&
		    (g->e.type == NS_ENT_ORG || g->e.type == NS_ENT_LOC) &&
		    memchr(s + a, ' ', b - a) != NULL &&
		    !listed(&orgwords, s + w, b - w) &&
		    !listed(&orgheads, s + w, b - w) &&
		    !is_place(s + a, b - a) &&
		    (j = word_back(s, g->e.end)) > g->e.start &&
		    listed(&orgheads, s + j, g->e.end - j)) {
			f->e.end = g->e.end;
			f->e.type = NS_ENT_ORG;
			recount(f);
			memmove(g, g + 1, (x->nf - i - 2) * sizeof(*g));
			x->nf--;
		}
	}
}

/* Is the name x->f[i] joined to a place as places are to each other:
 * "Izmail and Reni", "Bulawayo or Mutare", "from Arawa to Buin", "from
 * Kyiv to Irpin"? A place of the gazetteer beside it by "and", "or",
 * "from ... to" makes a place of a word the tagger took for a person's;
 * not a place the tagger guessed too ("Avi and Joel": it takes some
 * persons for places). */
static int
beside_place(const struct ns_extractor *x, size_t i)
{
	const struct found *f = &x->f[i], *g;
	const char *s = f->s;
	size_t a = f->e.start, b = f->e.end, m, fl, w;

	/* not a possessive ("Russia or Hitler's Germany") nor after a
	 * nationality ("Brazilian Ronaldo and England") */
	fl = f->field == 0 ? x->rtlen : x->rxlen;
	if (b < fl && (s[b] == '\'' || (unsigned char)s[b] == 0xe2))
		return 0;
	if (a >= 2 && s[a - 1] == ' ' && (w = word_back(s, a - 1)) < a - 1 &&
	    listed(&demonyms, s + w, a - 1 - w))
		return 0;
	if (i > 0 && (g = &x->f[i - 1])->field == f->field &&
	    g->e.type == NS_ENT_LOC && (m = a - g->e.end) >= 4 && m <= 5 &&
	    is_place(s + g->e.start, g->e.end - g->e.start) &&
	    (memcmp(s + g->e.end, " and ", m) == 0 || memcmp(s + g->e.end,
	    " or ", m) == 0 || (memcmp(s + g->e.end, " to ", m) == 0 &&
	    g->e.start >= 5 && memcmp(s + g->e.start - 5, "from ", 5) == 0)))
		return 1;
	if (i + 1 < x->nf && (g = &x->f[i + 1])->field == f->field &&
	    g->e.type == NS_ENT_LOC && (m = g->e.start - b) >= 4 && m <= 5 &&
	    is_place(s + g->e.start, g->e.end - g->e.start) &&
	    (memcmp(s + b, " and ", m) == 0 || memcmp(s + b, " or ", m) ==
	    0 || (memcmp(s + b, " to ", m) == 0 && a >= 5 && memcmp(s + a - 5,
	    "from ", 5) == 0)))
		return 1;
	return 0;
}

/* Is x->f[i] after a word that takes a place and hardly a company
 * ("near Cedar Key", "between Preston and Glasgow"), or the second
 * name of "between" one "and" another, the first no place the gazetteer
 * knows ("between Israel and Hizbollah" may name a group)? */
static int
near_word(const struct ns_extractor *x, size_t i)
{
	static const char *const w[] = { "near", "between", "outside",
	    "towards", "toward", "across", "around", NULL };
	const struct found *f = &x->f[i], *g;
	size_t a = f->e.start, b;

	if (a < 2 || f->s[a - 1] != ' ')
		return 0;
	b = word_back(f->s, a - 1);
	if (word_in(w, f->s + b, a - 1 - b))
		return 1;
	if (a - 1 - b == 3 && memcmp(f->s + b, "and", 3) == 0 && i > 0 &&
	    (g = &x->f[i - 1])->field == f->field && g->e.end + 5 == a &&
	    g->e.start >= 8 && memcmp(f->s + g->e.start - 8, "between ", 8) ==
	    0 && !is_place(g->s + g->e.start, g->e.end - g->e.start))
		return 1;
	return 0;
}

static void
place_orgs(struct ns_extractor *x)
{
	struct found *f, *g;
	const char *s;
	size_t i, n, e;

	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_ORG && f->e.type != NS_ENT_PERSON)
			continue;
		s = f->s + f->e.start;
		n = f->e.end - f->e.start;
		if (f->e.type == NS_ENT_ORG && (is_place(s, n) ||
		    county_name(s, n) || near_word(x, i)) &&
		    !org_known(s, n) && !sport_record(x)) {
			f->e.type = NS_ENT_LOC;
			continue;
		}
		/* one word only: "Bulawayo and Mutare", not "Paris and
		 * Nicky Hilton" */
		if (f->e.type == NS_ENT_PERSON && memchr(s, ' ', n) == NULL &&
		    beside_place(x, i) && !in_person(x, s, n)) {
			f->e.type = NS_ENT_LOC;
			continue;
		}
		/* "Levy counties", "Pinellas and Levy counties" */
		n = f->field == 0 ? x->rtlen : x->rxlen;
		e = f->e.end;
		if (area_word(f->s, n, e) != 0 || (i + 1 < x->nf &&
		    (g = &x->f[i + 1])->field == f->field &&
		    g->e.start == e + 5 && memcmp(f->s + e, " and ", 5) == 0 &&
		    ((1u << g->e.type) & NAME_TYPES) &&
		    area_word(f->s, n, g->e.end) != 0))
			f->e.type = NS_ENT_LOC;
	}
}

/* ---- datelines and state abbreviations ----
 * A wire story's text opens on its dateline, the place in capitals,
 * perhaps a state or country after a comma, then "(AP)", a dash or a
 * colon: "HOUSTON (AP) —", "GREEN BAY, Wis. (AP) —", "THIRUVANANTHAPURAM:",
 * "KINGSTON, Jamaica (Reuters) -". The place in capitals is a LOC, and so
 * is the state after it ("Wis." with its full stop), whatever the tagger
 * made of them. Elsewhere, the abbreviation of a US state or Canadian
 * province after a place and a comma ("Brampton, Ont.") is a LOC: the
 * Associated Press stylebook's abbreviations (facts). */
static const char *const state_abbrevs[] = {
	"Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.",
	"Ga.", "Ill.", "Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.",
	"Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.", "N.J.",
	"N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.",
	"S.D.", "Tenn.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.",
	"D.C.", "Ont.", "Que.", "Man.", "Sask.", "Alta.", "B.C.", "N.S.",
	"N.B.", "Nfld.", "P.E.I.", NULL
};

static size_t
state_abbrev(const char *s, size_t n, size_t i)
{
	size_t k, m;

	for (k = 0; state_abbrevs[k] != NULL; k++) {
		m = strlen(state_abbrevs[k]);
		if (i + m <= n && memcmp(s + i, state_abbrevs[k], m) == 0 &&
		    (i + m == n || !isalnum((unsigned char)s[i + m])))
			return m;
	}
	return 0;
}

/* Drop the names of field fld that overlap [a, b), and put a name of type
 * type there. */
static void
put_name(struct ns_extractor *x, int fld, const char *s, size_t a, size_t b,
    enum ns_ent_type type)
{
	struct ns_entity e;
	struct ns_cpos cp;
	size_t i, j;

	for (i = j = 0; i < x->nf; i++)
		if (!(x->f[i].field == fld && x->f[i].e.start < b &&
		    x->f[i].e.end > a && ((1u << x->f[i].e.type) &
		    NAME_TYPES)))
			x->f[j++] = x->f[i];
	x->nf = j;
	for (i = 0; i < x->nf; i++)
		if (x->f[i].field == fld && x->f[i].e.start < b &&
		    x->f[i].e.end > a)
			return;		/* a number or date there */
	memset(&e, 0, sizeof(e));
	e.type = type;
	e.start = a;
	e.end = b;
	add_found(x, &e, fld, s);
	ns_cpos_init(&cp, s);
	x->f[x->nf - 1].cstart = ns_cpos_at(&cp, a);
	x->f[x->nf - 1].cend = ns_cpos_at(&cp, b);
	sort_found(x);
}

/* Mentions a pass adds a record of one name it found elsewhere: each
 * costs a pass over the record's entities (put_name()). */
#define MENTIONS_MAX 64

/* Where word w[0..n-1] is next in s[0..len-1] from at, as a whole word,
 * or SIZE_MAX. */
static size_t
next_word(const char *s, size_t len, size_t at, const char *w, size_t n)
{
	const char *p;
	size_t i;

	for (; at + n <= len; at = i + n) {
		if ((p = find_bytes(s, len, at, w, n)) == NULL)
			break;
		i = (size_t)(p - s);
		if ((i == 0 || !word_byte((unsigned char)s[i - 1])) &&
		    (i + n == len || !word_byte((unsigned char)s[i + n])))
			return i;
	}
	return SIZE_MAX;
}

/* Puts a name of type t at s[a..b) of field fld where no entity is;
 * 1 if it did. */
static int
put_free(struct ns_extractor *x, int fld, const char *s, size_t a,
    size_t b, enum ns_ent_type t)
{
	size_t k;

	for (k = 0; k < x->nf; k++)
		if (x->f[k].field == fld && x->f[k].e.start < b &&
		    x->f[k].e.end > a)
			return 0;
	put_name(x, fld, s, a, b, t);
	return 1;
}

/* The other mentions of acronym w[0..n-1] in title and text, where no
 * entity is: that organisation's too (MENTIONS_MAX at most). */
static void
acronym_mentions(struct ns_extractor *x, const char *w, size_t n)
{
	const char *s;
	size_t len, i, put = 0;
	int fld;

	for (fld = 0; fld < 2; fld++) {
		s = fld == 0 ? x->rtitle : x->rtext;
		len = fld == 0 ? x->rtlen : x->rxlen;
		for (i = 0; s != NULL && put < MENTIONS_MAX &&
		    (i = next_word(s, len, i, w, n)) != SIZE_MAX; i += n)
			put += (size_t)put_free(x, fld, s, i, i + n,
			    NS_ENT_ORG);
	}
}

/* Planets after a function word but an article, and the Moon after
 * "the", are places ("rovers on Mars", "a mission to the Moon"), where no
 * entity is, no capitalised word or digit follows and no "'s" ("Bruno
 * Mars", "Mars Wrigley", "Saturn V", "The Mars bar", "Mars said",
 * "Neptune's Net"); MENTIONS_MAX a record. */
static void
sky_places(struct ns_extractor *x)
{
	static const char *const w[] = { "Mars", "Jupiter", "Saturn",
	    "Neptune", "Uranus", "Pluto", "Moon" };	/* the Moon last */
	const char *s;
	size_t len, i, k, n, j, we, put = 0;
	int fld, moon;

	for (fld = 0; fld < 2; fld++) {
		s = fld == 0 ? x->rtitle : x->rtext;
		len = fld == 0 ? x->rtlen : x->rxlen;
		for (k = 0; s != NULL && k < sizeof(w) / sizeof(w[0]); k++) {
			n = strlen(w[k]);
			for (i = 0; put < MENTIONS_MAX && (i = next_word(s, len,
			    i, w[k], n)) != SIZE_MAX; i += n) {
				/* the word after: none with a capital or a
				 * digit; no possessive */
				if (i + n + 1 < len && s[i + n] == ' ' &&
				    ((s[i + n + 1] >= 'A' && s[i + n + 1] <= 'Z') ||
				    (s[i + n + 1] >= '0' && s[i + n + 1] <= '9')))
					continue;
				if ((i + n < len && s[i + n] == '\'') ||
				    (i + n + 3 <= len && memcmp(s + i + n,
				    "\xe2\x80\x99", 3) == 0))
					continue;
				/* the word before: "the" for the Moon, a
				 * function word but an article for a planet */
				for (j = i; j > 0 && s[j - 1] == ' '; j--)
					;
				we = j;
				while (j > 0 && word_byte((unsigned char)s[j - 1]))
					j--;
				moon = k == sizeof(w) / sizeof(w[0]) - 1;
				if (we == j || (we - j == 3 && ns_same_ci(s + j,
				    "the", 3)) != moon)
					continue;
				if (!moon && (!ns_ner_function_word(s + j,
				    we - j) || (we - j == 1 && ns_same_ci(s + j,
				    "a", 1)) || (we - j == 2 && ns_same_ci(s + j,
				    "an", 2))))
					continue;
				put += (size_t)put_free(x, fld, s, i, i + n,
				    NS_ENT_LOC);
			}
		}
	}
}

/* An acronym in brackets right after an organisation's name is that
 * organisation ("the Manufacturers Association of Nigeria (MAN)", "...
 * Federation of India (NAFED)"), a name the tagger may not know or take
 * for a word: capitals, two to ten, digits, "&" and "-" after the first;
 * not a ticker ("(CRVN.O)", a stop in it). Remembered for link_names(). */
static void
bracket_acronyms(struct ns_extractor *x)
{
	struct { int fld; const char *s; size_t a, b, fa; } c[KINDS_MAX];
	size_t i, k, nc = 0, n, a, b, caps;
	const struct found *f;

	for (i = 0; i < x->nf && nc < KINDS_MAX; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_ORG)
			continue;
		n = f->field == 0 ? x->rtlen : x->rxlen;
		a = f->e.end + 2;
		if (a >= n || f->s[a - 2] != ' ' || f->s[a - 1] != '(' ||
		    f->s[a] < 'A' || f->s[a] > 'Z')
			continue;
		for (b = a, caps = 0; b < n && b - a <= 10 && ((f->s[b] >= 'A' &&
		    f->s[b] <= 'Z') || (b > a && ((f->s[b] >= '0' &&
		    f->s[b] <= '9') || f->s[b] == '&' || f->s[b] == '-'))); b++)
			caps += f->s[b] >= 'A' && f->s[b] <= 'Z';
		if (b >= n || f->s[b] != ')' || caps < 2 || b - a > 10)
			continue;
		c[nc].fld = f->field;
		c[nc].s = f->s;
		c[nc].fa = f->e.start;
		c[nc].a = a;
		c[nc++].b = b;
	}
	for (k = 0; k < nc; k++) {
		for (i = 0; i < x->nf; i++)
			if (x->f[i].field == c[k].fld && x->f[i].e.start <
			    c[k].b && x->f[i].e.end > c[k].a)
				break;
		if (i == x->nf)
			put_name(x, c[k].fld, c[k].s, c[k].a, c[k].b,
			    NS_ENT_ORG);
		else if (x->f[i].e.start != c[k].a || x->f[i].e.end !=
		    c[k].b || x->f[i].e.type != NS_ENT_ORG)
			continue;
		if (x->nabbr == KINDS_MAX)
			continue;
		acronym_mentions(x, c[k].s + c[k].a, c[k].b - c[k].a);
		x->abbr[x->nabbr].a = c[k].s + c[k].a;
		x->abbr[x->nabbr].an = c[k].b - c[k].a;
		x->abbr[x->nabbr].full = c[k].s + c[k].fa;
		x->abbr[x->nabbr++].fn = c[k].a - 2 - c[k].fa;
	}
}

static void
put_loc(struct ns_extractor *x, int fld, const char *s, size_t a, size_t b)
{
	put_name(x, fld, s, a, b, NS_ENT_LOC);
}

/* The news agency in brackets after a dateline's place, s[a..] at "(":
 * "(AP)", "(CP)", "(dpa)", "(PAP)": an ORG, which the tagger misses in
 * capitals of two letters. Returns 1 for an international wire's (AP,
 * AFP, Reuters, Bloomberg: their "$" is the US dollar), else 0. */
static int
dateline_agency(struct ns_extractor *x, const char *s, size_t n, size_t a)
{
	static const char *const v[] = { "AP", "AFP", "Reuters", "CP", "PA",
	    "dpa", "DPA", "PAP", "AAP", "ANSA", "EFE", "Kyodo", "Xinhua",
	    "Yonhap", "TASS", "IANS", "PTI", "UNI", "Bernama", "Antara",
	    "UPI", "Anadolu", "Interfax", "APA", "CTK", "MTI", "BTA", "Lusa",
	    "KNA", "NAN", "APS", "MAP", "WAFA", "IRNA", "SPA", "WAM", "QNA",
	    "KUNA", "BNA", "ONA", "PNA", "AA", "NTB", "TT", "STT", "RB",
	    "Belga", "ANP", "SDA", "Agerpres", "Ukrinform", "BSS", "APP",
	    "NNA", "VNA", "TNA", "CNA", "Bloomberg", "NZPA", "RNZ" };
	static const char *const wires[] = { "AP", "AFP", "Reuters",
	    "Bloomberg" };
	size_t b;

	if (a + 2 >= n || s[a] != '(')
		return 0;
	for (b = a + 1; b < n && b - a <= 12 && s[b] != ')'; b++)
		;
	if (b >= n || s[b] != ')')
		return 0;
	if (ns_in_words(v, sizeof(v) / sizeof(v[0]), s + a + 1, b - a - 1)) {
		put_name(x, 1, s, a + 1, b, NS_ENT_ORG);
		x->dlaa = a + 1;
		x->dlab = b;
	}
	return ns_in_words(wires, sizeof(wires) / sizeof(wires[0]),
	    s + a + 1, b - a - 1);
}

static void
datelines(struct ns_extractor *x)
{
	static const char *const notplace[] = { "BREAKING", "UPDATE",
	    "UPDATED", "LIVE", "WATCH", "EXCLUSIVE", "ANALYSIS", "OPINION",
	    "EDITORIAL", "CORRECTION", "NOTE", "NEW", "PHOTOS", "VIDEO",
	    "FILE", "ADVISORY", "URGENT", "FLASH", "BULLETIN", "EDITOR",
	    "COMMENT", "REVIEW", "Q", "PRESS RELEASE", "NEWS RELEASE",
	    "MEDIA RELEASE", "FOR IMMEDIATE RELEASE", "MEDIA STATEMENT",
	    "STATEMENT", "OBITUARY", "SPONSORED", "FEATURE", "INTERVIEW",
	    "FACT CHECK", "EXPLAINER", "SPORT", "SPORTS", "BUSINESS",
	    "WORLD", "POLITICS", "WEATHER", NULL };
	const char *s = x->rtext;
	size_t n = x->rxlen, i, j, k, ce, ra = 0, rb = 0, upper = 0;
	int regplace = 0;
	struct found *f;

	if (s != NULL && n > 3 && isupper((unsigned char)s[0])) {
		for (i = 0; i < n && i < 48; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c >= 'A' && c <= 'Z')
				upper++;
			else if (c >= 0x80 || ((c == '.' || c == '\'' ||
			    c == '-') && i > 0))
				;
			else if (c == ' ' && i + 1 < n &&
			    isupper((unsigned char)s[i + 1]) && i + 2 < n &&
			    !islower((unsigned char)s[i + 2]))
				;
			else
				break;
		}
		ce = i;
		while (ce > 0 && (s[ce - 1] == '.' || s[ce - 1] == '-'))
			ce--;
		if (upper < 3 || i >= n)
			goto states;
		for (k = 0; notplace[k] != NULL; k++)
			if (strlen(notplace[k]) == ce &&
			    memcmp(notplace[k], s, ce) == 0)
				goto states;
		j = i;
		if (j + 2 < n && s[j] == ',' && s[j + 1] == ' ' &&
		    isupper((unsigned char)s[j + 2])) {
			ra = j + 2;
			regplace = 1;
			for (k = ra; k < n && k - ra < 32 && s[k] != '(' &&
			    s[k] != ':' && s[k] != '\n' && !(s[k] == ' ' &&
			    k + 1 < n && ((unsigned char)s[k + 1] == 0xe2 ||
			    s[k + 1] == '-' || s[k + 1] == '(')); k++)
				if (isdigit((unsigned char)s[k]) ||
				    s[k] == ',' || (s[k] == ' ' &&
				    !isupper((unsigned char)s[k + 1])))
					regplace = 0;
			rb = k;
			j = k;
		}
		/* "(AP) —", " — ", " – ", ":" */
		if (!(j < n && (s[j] == ':' || (j + 1 < n && s[j] == ' ' &&
		    s[j + 1] == '(') || (j + 4 <= n && s[j] == ' ' &&
		    memcmp(s + j + 1, "\xe2\x80", 2) == 0 &&
		    ((unsigned char)s[j + 3] == 0x94 ||
		    (unsigned char)s[j + 3] == 0x93)) ||
		    (j + 3 <= n && memcmp(s + j, "\xe2\x80\x94", 3) == 0))))
			goto states;
		if (s[j] == ':' && (ra != 0 || j + 1 >= n || s[j + 1] != ' '))
			goto states;
		put_loc(x, 1, s, 0, ce);
		if (ra != 0 && regplace && rb > ra)
			put_loc(x, 1, s, ra, rb);
		x->dlend = ce;
		if (ra != 0 && regplace && rb > ra) {
			x->dlra = ra;
			x->dlrb = rb;
		}
		if (j + 1 < n && s[j] == ' ')
			x->dlwire = dateline_agency(x, s, n, j + 1);
	}
states:
	/* "Brampton, Ont." */
	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_LOC)
			continue;
		n = f->field == 0 ? x->rtlen : x->rxlen;
		j = f->e.end;
		if (j + 2 < n && f->s[j] == ',' && f->s[j + 1] == ' ' &&
		    isupper((unsigned char)f->s[j + 2]) &&
		    (k = state_abbrev(f->s, n, j + 2)) != 0 &&
		    !(i + 1 < x->nf && x->f[i + 1].field == f->field &&
		    x->f[i + 1].e.start == j + 2 &&
		    x->f[i + 1].e.end == j + 2 + k &&
		    x->f[i + 1].e.type == NS_ENT_LOC))
			put_loc(x, f->field, f->s, j + 2, j + 2 + k);
	}
}

/* Is s[0..n-1] the name, or words of the name, of a PERSON of the record
 * but x->f[not]? */
static int
person_elsewhere(const struct ns_extractor *x, size_t not, const char *s,
    size_t n)
{
	const struct found *g;
	size_t j;

	for (j = 0; j < x->nf; j++) {
		g = &x->f[j];
		if (j != not && g->e.type == NS_ENT_PERSON &&
		    ((g->e.end - g->e.start == n && memcmp(g->s + g->e.start,
		    s, n) == 0) || word_run(s, n, g->s + g->e.start,
		    g->e.end - g->e.start, 0)))
			return 1;
	}
	return 0;
}

/* Is s[0..n-1] a word or words of a longer PERSON's name of the record
 * ("Woods" of "Tiger Woods")? */
static int
in_person(const struct ns_extractor *x, const char *s, size_t n)
{
	const struct found *g;
	size_t j;

	for (j = 0; j < x->nf; j++) {
		g = &x->f[j];
		if (g->e.type == NS_ENT_PERSON && word_run(s, n, g->s +
		    g->e.start, g->e.end - g->e.start, 0))
			return 1;
	}
	return 0;
}

/* Names the tagger ran together or cut at a particle: a place's
 * possessive before an organisation ("Australia's National Health and
 * Medical Research Council": LOC "Australia", ORG the rest), a
 * nationality before a person named so elsewhere in the record ("Kenyan
 * Chebet": NORP, PERSON; not "German Villa" alone), and a
 * surname's particle ("van Rooyen", "Fergal Ó Murchú"). */
static void
name_splits(struct ns_extractor *x)
{
	static const char *const lowp[] = { "van der ", "van den ", "van ",
	    "von ", NULL };
	static const char *const gael[] = { "Ó ", "Ní ", "Nic ", "Mac ",
	    "Uí ", NULL };
	struct ns_entity e2;
	struct found *f;
	const char *s;
	size_t i, k, a, b, p, q, m, fl, nf = x->nf;

	for (i = 0; i < nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_PERSON && f->e.type != NS_ENT_ORG &&
		    f->e.type != NS_ENT_LOC)
			continue;
		s = f->s;
		a = f->e.start;
		b = f->e.end;
		for (p = a; p < b && s[p] != ' '; p++)
			;
		/* "Georgia O'Keeffe": an Irish surname after the name */
		fl = f->field == 0 ? x->rtlen : x->rxlen;
		if (b + 4 < fl && s[b] == ' ' && s[b + 1] == 'O' &&
		    (s[b + 2] == '\'' || (b + 6 < fl &&
		    memcmp(s + b + 2, "\xe2\x80\x99", 3) == 0)) &&
		    (i + 1 >= nf || x->f[i + 1].field != f->field ||
		    x->f[i + 1].e.start > b + 1)) {
			q = b + (s[b + 2] == '\'' ? 3 : 5);
			if (q < fl && isupper((unsigned char)s[q])) {
				for (; q < fl && (isalpha((unsigned char)s[q]) ||
				    (unsigned char)s[q] >= 0x80); q++)
					;
				f->e.end = q;
				f->e.type = NS_ENT_PERSON;
				recount(f);
				continue;
			}
		}
		if (p == b) {
			if (f->e.type != NS_ENT_PERSON)
				continue;
			/* a particle before a surname alone */
			for (k = 0; lowp[k] != NULL; k++) {
				m = strlen(lowp[k]);
				if (a >= m + 1 && memcmp(s + a - m, lowp[k], m) ==
				    0 && !isalnum((unsigned char)s[a - m - 1]))
					break;
			}
			if (lowp[k] != NULL) {
				f->e.start = a - m;
				recount(f);
				continue;
			}
			for (k = 0; gael[k] != NULL; k++) {
				m = strlen(gael[k]);
				if (a >= m + 2 && memcmp(s + a - m, gael[k], m) ==
				    0 && s[a - m - 1] == ' ')
					break;
			}
			if (gael[k] != NULL) {
				q = word_back(s, a - m - 1);
				if (q < a - m - 1 && isupper((unsigned char)s[q]) &&
				    !ns_ner_function_word(s + q, a - m - 1 - q) &&
				    (i == 0 || x->f[i - 1].field != f->field ||
				    x->f[i - 1].e.end <= q))
					f->e.start = q;
				else
					f->e.start = a - m;
				recount(f);
			}
			continue;
		}
		/* "Kenyan Chebet" */
		if (f->e.type == NS_ENT_PERSON && listed(&demonyms, s + a,
		    p - a) && isupper((unsigned char)s[p + 1]) &&
		    person_elsewhere(x, i, s + p + 1, b - p - 1)) {
			e2 = f->e;
			f->e.end = p;
			f->e.type = NS_ENT_NORP;
			recount(f);
			e2.start = p + 1;
			add_found(x, &e2, f->field, s);
			recount(&x->f[x->nf - 1]);
			continue;
		}
		/* "Australia's National ..." */
		for (q = a + 2; q + 4 < b; q++)
			if (s[q] == ' ' && ((s[q - 2] == '\'' && s[q - 1] == 's') ||
			    (q >= a + 4 && memcmp(s + q - 4, "\xe2\x80\x99s", 4) ==
			    0)))
				break;
		if (q + 4 >= b || !isupper((unsigned char)s[q + 1]))
			continue;
		m = s[q - 2] == '\'' ? q - 2 : q - 4;
		if (m <= a || !is_place(s + a, m - a))
			continue;
		e2 = f->e;
		f->e.end = m;
		f->e.type = NS_ENT_LOC;
		recount(f);
		e2.start = q + 1;
		if (e2.type == NS_ENT_LOC)
			e2.type = NS_ENT_ORG;
		add_found(x, &e2, f->field, s);
		recount(&x->f[x->nf - 1]);
	}
	if (x->nf != nf)
		sort_found(x);
}

/* Drops x->f[i]. */
static void
drop_found(struct ns_extractor *x, size_t i)
{
	memmove(&x->f[i], &x->f[i + 1], (x->nf - i - 1) * sizeof(*x->f));
	x->nf--;
}

/* Is s[a..b-1] a name with a lower-case particle between capitalised
 * words ("Vasconcelos de Albuquerque", "João Vitor de Souza") that ends
 * in no organisation's word, place ("Banco de Chile") nor word news
 * writes in lower case ("Chambre de Commerce"), and has no "and" nor
 * word in capitals ("Grupo Alfa Norteño SAB de CV")? */
static int
particle_name(const char *s, size_t a, size_t b)
{
	static const char *const w[] = { " de ", " da ", " do ", " dos ",
	    " das ", " del ", NULL };
	size_t i, k, m, l, p;

	for (i = 0; w[i] != NULL; i++) {
		m = strlen(w[i]);
		for (k = a + 1; k + m < b && memcmp(s + k, w[i], m) != 0; k++)
			;
		if (k + m < b && isupper((unsigned char)s[k + m]))
			break;
	}
	if (w[i] == NULL)
		return 0;
	p = k + m;		/* the words after the particle */
	/* no word in capitals ("Grupo Alfa SAB de CV") */
	for (l = a; l < b; l = k + 1) {
		for (k = l; k < b && s[k] >= 'A' && s[k] <= 'Z'; k++)
			;
		if (k - l >= 2 && (k == b || s[k] == ' '))
			return 0;
		for (; k < b && s[k] != ' '; k++)
			;
	}
	for (l = a; l + 5 < b && memcmp(s + l, " and ", 5) != 0; l++)
		;
	if (l + 5 < b)
		return 0;
	for (l = b; l > a && s[l - 1] != ' '; l--)
		;
	return !ns_word_lower(s + l, b - l) &&
	    orgword_at(s + l, b - l) != b - l && !is_place(s + p, b - p) &&
	    !org_known(s + a, b - a);
}

/* Shapes of persons' names the tagger gets wrong:
 *  - a person's name cut in two at a word it does not know, both halves
 *    names with only a space between ("Maria Teresa" "Dela
 *    Cruz-Villanueva", "Ana Paula" "Vasconcelos de Albuquerque"): no
 *    person's name follows another's so, it is one name;
 *  - a name of capitalised words around "de", "da", "dos" the tagger took
 *    for an organisation ("a penalty from João Vitor de Souza"): two
 *    words before it, the last no organisation's word nor place;
 *  - a name followed by its initials in brackets ("Biju Janata Dal
 *    (BJD)"): people go by no such acronyms, organisations do;
 *  - a name that opens on a point of the compass ("North Kivu", "South
 *    Darfur"): a region's, no person's;
 *  - a name that is all of a quotation ("the action drama “Raat Ke
 *    Sipahi”", "her first hit, “Ɔdɔ Yɛ Dɛ”"): the title of a work, which
 *    the types have no name for. */
static void
person_shapes(struct ns_extractor *x)
{
	static const char *const compass[] = { "North", "South", "East",
	    "West", "Northern", "Southern", "Eastern", "Western", NULL };
	struct found *f, *g;
	const char *s;
	size_t i, a, b, k, fl;

	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_PERSON && f->e.type != NS_ENT_ORG)
			continue;
		s = f->s;
		a = f->e.start;
		b = f->e.end;
		fl = f->field == 0 ? x->rtlen : x->rxlen;
		g = i + 1 < x->nf && x->f[i + 1].field == f->field ?
		    &x->f[i + 1] : NULL;
		if (f->e.type == NS_ENT_ORG) {
			for (k = a; k < b && s[k] != ' '; k++)
				;
			if (k < b && s[k + 1] >= 'A' && s[k + 1] <= 'Z' &&
			    particle_name(s, k + 1, b) &&
			    !listed(&orgheads, s + a, k - a) &&
			    orgword_at(s + a, k - a) != k - a) {
				f->e.type = NS_ENT_PERSON;
				i--;
			}
			continue;
		}
		if (g != NULL && g->e.start == b + 1 && s[b] == ' ' &&
		    (g->e.type == NS_ENT_PERSON || (g->e.type == NS_ENT_ORG &&
		    particle_name(s, g->e.start, g->e.end)))) {
			f->e.end = g->e.end;
			drop_found(x, i + 1);
			recount(f);
			i--;
			continue;
		}
		if (b + 4 < fl && s[b] == ' ' && s[b + 1] == '(') {
			for (k = b + 2; k < fl && k < b + 11 && s[k] != ')'; k++)
				;
			if (k < fl && s[k] == ')' && acronym(s + b + 2,
			    k - b - 2, s + a, b - a)) {
				f->e.type = NS_ENT_ORG;
				continue;
			}
		}
		for (k = a; k < b && s[k] != ' '; k++)
			;
		if (k < b && word_in(compass, s + a, k - a)) {
			f->e.type = NS_ENT_LOC;
			continue;
		}
		if (k < b && a >= 1 && b < fl && s[a - 1] == '"' &&
		    s[b] == '"') {
			drop_found(x, i);
			i--;
			continue;
		}
		if (k < b && a >= 3 && b + 3 <= fl &&
		    memcmp(s + a - 3, "\xe2\x80", 2) == 0 &&
		    memcmp(s + b, "\xe2\x80", 2) == 0 &&
		    (((unsigned char)s[a - 1] == 0x9c &&
		    (unsigned char)s[b + 2] == 0x9d) ||
		    ((unsigned char)s[a - 1] == 0x98 &&
		    (unsigned char)s[b + 2] == 0x99))) {
			drop_found(x, i);
			i--;
		}
	}
}

/* A people named by the noun of a group after it: "the Munduruku and
 * Kayapó peoples", "Quechua farming communities", "Māori and Pasifika
 * families", "an Ojibwe family". The tagger, which knows no such name,
 * makes places, persons or organisations of them; a group noun after one
 * word, or two joined by "and", with at most a word of what they do
 * between ("farming", "fishing"), makes each a NORP, unless it is a place ("Gaza families"), a known
 * organisation, a word in capitals ("DRM families") or a word of a
 * person's name of the record ("the Kennedy family"). "family" and "community" alone only after "a" or "an". */
static void
people_names(struct ns_extractor *x)
{
	static const char *const group[] = { "peoples", "people",
	    "communities", "families", "tribes", "tribe", "clans", NULL };
	static const char *const one[] = { "family", "community", NULL };
	struct found *f, *g;
	const char *s;
	size_t i, j, k, e, w, fl, n;
	int hit;

	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_PERSON && f->e.type != NS_ENT_ORG &&
		    f->e.type != NS_ENT_LOC)
			continue;
		s = f->s;
		fl = f->field == 0 ? x->rtlen : x->rxlen;
		hit = 0;
		/* the last name of a run "X and Y" */
		j = i;
		e = f->e.end;
		if (i + 1 < x->nf && (g = &x->f[i + 1])->field == f->field &&
		    g->e.start == e + 5 && memcmp(s + e, " and ", 5) == 0 &&
		    (g->e.type == NS_ENT_PERSON || g->e.type == NS_ENT_ORG ||
		    g->e.type == NS_ENT_LOC || g->e.type == NS_ENT_NORP)) {
			j = i + 1;
			e = g->e.end;
		}
		if (e + 2 >= fl || s[e] != ' ')
			continue;
		/* a lower-case word, then the group noun */
		for (k = 0; k < 2; k++) {
			for (w = e + 1; w < fl && s[w] >= 'a' && s[w] <= 'z'; w++)
				;
			if (w == e + 1 || (w < fl && (isalnum((unsigned char)s[w]) ||
			    s[w] == '-' || (unsigned char)s[w] >= 0x80)))
				break;
			if ((hit = word_in(group, s + e + 1, w - e - 1) ||
			    (j == i && word_in(one, s + e + 1, w - e - 1) &&
			    f->e.start >= 2 && (memcmp(s + f->e.start - 2, "a ",
			    2) == 0 || (f->e.start >= 3 && memcmp(s +
			    f->e.start - 3, "an ", 3) == 0)))))
				break;
			/* a word of what they do, not a verb ("Skype allows
			 * people", "Sasser virus families") */
			if (w >= fl || s[w] != ' ' || w - e - 1 < 5 ||
			    memcmp(s + w - 3, "ing", 3) != 0)
				break;
			e = w;
		}
		if (!hit)
			continue;
		for (k = i; k <= j; k++) {
			g = &x->f[k];
			n = g->e.end - g->e.start;
			if (memchr(s + g->e.start, ' ', n) != NULL || n < 2 ||
			    (s[g->e.start + 1] >= 'A' &&
			    s[g->e.start + 1] <= 'Z') ||
			    is_place(s + g->e.start, n) ||
			    org_known(s + g->e.start, n) ||
			    in_person(x, s + g->e.start, n))
				break;
		}
		if (k <= j)
			continue;
		for (k = i; k <= j; k++)
			x->f[k].e.type = NS_ENT_NORP;
		i = j;
	}
}

/* ---- venues, events and teams ----
 * The type set has no type for a venue or an event: a name that ends in
 * a word of a stadium ("Optus Stadium", "Ball Arena"; in a sports story
 * "Villa Park", "Lambeau Field", "Kensington Oval" too) or of an event
 * ("London Marathon", "Edinburgh Festival Fringe", "Booker Prize") is no
 * PERSON, ORG or LOC, nor a name right before such words ("Toronto
 * International" of "Toronto International Film Festival"). Common
 * English words, no source needed. */
static int
word_in(const char *const *w, const char *s, size_t n)
{
	size_t k;

	for (k = 0; w[k] != NULL; k++)
		if (strlen(w[k]) == n && memcmp(w[k], s, n) == 0)
			return 1;
	return 0;
}

static const char *const venue_words[] = { "Stadium", "Arena", "Stadion",
    "Velodrome", "Ballpark", "Speedway", "Raceway", "Racecourse",
    "Stadio", "Estadio", NULL };
static const char *const sport_venue_words[] = { "Park", "Field",
    "Ground", "Oval", "Dome", "Bowl", NULL };
static const char *const event_words[] = { "Marathon", "Festival",
    "Fringe", "Prize", "Awards", "Trophy", "Olympics", "Paralympics",
    "Championships", "Biennale", "Triennale", "Expo", NULL };

/* The kind of the last word of s[0..n-1]: 1 a venue's, 2 a venue's in a
 * sports story, 3 an event's, else 0. */
static int
venue_event(const char *s, size_t n)
{
	size_t b = word_back(s, n);

	if (n - b < 3 || n - b > 13 || s[b] == '\0' ||
	    !strchr("SAVBRPFGODMCTE", s[b]))
		return 0;
	if (word_in(venue_words, s + b, n - b))
		return 1;
	if (word_in(sport_venue_words, s + b, n - b))
		return 2;
	if (word_in(event_words, s + b, n - b))
		return 3;
	return 0;
}

/* A team of a sports story: a name of more words that opens on a city or
 * province of the gazetteer (no country: national sides are their
 * countries) and is no place itself, which the tagger made a place or,
 * ending in a plural, a person ("Boston Bruins", "Denver Nuggets"); the
 * last word of such a team's name alone ("Victory" of "Melbourne
 * Victory", "Leafs" of "Toronto Maple Leafs") is the team too. */
#define TEAMS 16

/* Plurals that end places' names ("Cayman Islands", "Golan Heights"). */
static const char *const place_plurals[] = { "Islands", "Isles",
    "Mountains", "Hills", "Heights", "Falls", "Lakes", "Springs", "Keys",
    "Plains", "Downs", "Rapids", "Woods", "Sands", "Fields", "Gardens",
    "Highlands", "Lowlands", "Territories", "States", "Emirates", "Alps",
    "Andes", "Rockies", "Everglades", "Flats", "Banks", "Narrows",
    "Straits", "Waters", "Grounds", "Docks", "Towers", "Meadows", "Glades",
    "Acres", "Pines", "Oaks", "Palms", "Wells", NULL };

/* Does a preposition of place come right before s[a] ("at Tunbridge
 * Wells", "In St Louis")? */
static int
after_place_word(const char *s, size_t a)
{
	static const char *const w[] = { "in", "at", "In", "At", "near",
	    "from", "to", "across", "around", "outside", "into", "of", NULL };
	size_t b;

	if (a < 2 || s[a - 1] != ' ')
		return 0;
	b = word_back(s, a - 1);
	return word_in(w, s + b, a - 1 - b);
}

/* In a sports story, a province or city the tagger made a place that an
 * ORG plays ("Leinster beat Munster", "Munster v Leinster") is a team,
 * and so is the same name elsewhere in the record but after a word of
 * place ("ports in Munster"). Countries stay places: national sides are
 * their countries. */
static void
match_sides(struct ns_extractor *x)
{
	static const char *const verbs[] = { "beat", "beats", "edge",
	    "edges", "edged", "defeat", "defeats", "defeated", "v", "vs",
	    "vs.", "against", "face", "faces", "faced", "host", "hosts",
	    "hosted", "thrash", "thrashed", "stun", "stunned", "down",
	    "downed", "overcame", "overcome", "outlast", "hold", "held", NULL };
	struct ns_listword team[4];
	struct found *f, *g;
	const char *s;
	size_t i, k, a, b, w, nt = 0;

	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_LOC || nt == 4)
			continue;
		s = f->s;
		a = f->e.start;
		b = f->e.end;
		if (memchr(s + a, ' ', b - a) != NULL || is_place(s + a,
		    b - a) == 0 || listed(&countries, s + a, b - a))
			continue;
		/* an ORG, a verb, this; or this, a verb, an ORG */
		g = NULL;
		if (i > 0 && (g = &x->f[i - 1])->field == f->field &&
		    g->e.type == NS_ENT_ORG && g->e.end + 2 < a &&
		    s[g->e.end] == ' ' && s[a - 1] == ' ' &&
		    (w = word_back(s, a - 1)) == g->e.end + 1 &&
		    word_in(verbs, s + w, a - 1 - w))
			;
		else if (i + 1 < x->nf && (g = &x->f[i + 1])->field ==
		    f->field && g->e.type == NS_ENT_ORG && b + 2 < g->e.start &&
		    s[b] == ' ' && s[g->e.start - 1] == ' ' &&
		    (w = word_back(s, g->e.start - 1)) == b + 1 &&
		    word_in(verbs, s + w, g->e.start - 1 - w))
			;
		else
			continue;
		if (!sport_record(x))
			return;
		f->e.type = NS_ENT_ORG;
		team[nt].p = s + a;
		team[nt++].n = b - a;
	}
	for (i = 0; i < x->nf && nt > 0; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_LOC ||
		    after_place_word(f->s, f->e.start))
			continue;
		for (k = 0; k < nt; k++)
			if (team[k].n == f->e.end - f->e.start &&
			    memcmp(team[k].p, f->s + f->e.start, team[k].n) == 0)
				f->e.type = NS_ENT_ORG;
	}
}

static void
venues_teams(struct ns_extractor *x)
{
	struct ns_listword nick[TEAMS];
	struct found *f;
	const char *s, *sp;
	size_t i, j, k, n, fl, b, nn = 0;
	int v;

	for (i = j = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_PERSON && f->e.type != NS_ENT_ORG &&
		    f->e.type != NS_ENT_LOC) {
			x->f[j++] = *f;
			continue;
		}
		s = f->s + f->e.start;
		n = f->e.end - f->e.start;
		fl = f->field == 0 ? x->rtlen : x->rxlen;
		sp = memchr(s, ' ', n);
		v = sp != NULL && !(n > 4 && memcmp(s, "The ", 4) == 0) ?
		    venue_event(s, n) : 0;
		if (v == 0 && f->e.end + 1 < fl && f->s[f->e.end] == ' ' &&
		    isupper((unsigned char)f->s[f->e.end + 1])) {
			/* the word after the name */
			for (k = f->e.end + 1; k < fl && isalpha(
			    (unsigned char)f->s[k]); k++)
				;
			v = venue_event(f->s + f->e.start, k - f->e.start);
			if (v == 0 && f->e.end + 14 <= fl &&
			    memcmp(f->s + f->e.end, " Film Festival", 14) == 0)
				v = 3;
		}
		if (v == 1 || v == 3 || (v == 2 && sport_record(x)))
			continue;	/* dropped */
		/* a common word capitalised at a sentence's start
		 * ("Participants"), no word of a person's name ("Lei") */
		if (sp == NULL && (f->e.start == 0 || (f->field == 1 &&
		    sentence_start(f->s, f->e.start))) &&
		    ns_word_common(s, n) && !org_known(s, n) &&
		    !is_place(s, n) && !listed(&demonyms, s, n) &&
		    !in_person(x, s, n))
			continue;	/* dropped */
		/* "Melbourne Victory", "Kubota Spears": a city or an ORG,
		 * then a capitalised word no name has */
		if ((f->e.type == NS_ENT_ORG || (f->e.type == NS_ENT_LOC &&
		    sp == NULL && is_place(s, n) == 2 &&
		    !listed(&countries, s, n))) && f->e.end + 2 < fl &&
		    f->s[f->e.end] == ' ' &&
		    isupper((unsigned char)f->s[f->e.end + 1]) &&
		    (f->field == 1 || !title_case(x->rtitle, x->rtlen))) {
			for (k = f->e.end + 1; k < fl && isalpha(
			    (unsigned char)f->s[k]); k++)
				;
			if (k - f->e.end - 1 >= 3 && (k == fl ||
			    !isalnum((unsigned char)f->s[k])) &&
			    (f->e.type == NS_ENT_LOC || f->s[k - 1] == 's') &&
			    !ns_ner_function_word(f->s + f->e.end + 1,
			    k - f->e.end - 1) &&
			    !listed(&openers, f->s + f->e.end + 1,
			    k - f->e.end - 1) &&
			    (i + 1 >= x->nf || x->f[i + 1].field != f->field ||
			    x->f[i + 1].e.start >= k) && sport_record(x)) {
				f->e.end = k;
				f->e.type = NS_ENT_ORG;
				recount(f);
				s = f->s + f->e.start;
				n = f->e.end - f->e.start;
				sp = memchr(s, ' ', n);
			}
		}
		/* "Boston Bruins": a plural of a capital that ends no
		 * place's name */
		if (sp != NULL && f->e.type == NS_ENT_LOC && s[n - 1] == 's' &&
		    (b = word_back(s, n)) + 4 <= n &&
		    !word_in(place_plurals, s + b, n - b) &&
		    !is_place(s, n) && !after_place_word(f->s, f->e.start) &&
		    sport_record(x))
			f->e.type = NS_ENT_ORG;
		if (sp != NULL && f->e.type != NS_ENT_ORG &&
		    (f->e.type == NS_ENT_LOC || s[n - 1] == 's') &&
		    is_place(s, (size_t)(sp - s)) &&
		    !listed(&countries, s, (size_t)(sp - s)) &&
		    !is_place(s, n) && (f->e.type == NS_ENT_LOC ||
		    listed(&towns, s, (size_t)(sp - s))) && sport_record(x))
			f->e.type = NS_ENT_ORG;
		if (sp != NULL && f->e.type == NS_ENT_ORG && nn + 1 < TEAMS &&
		    (is_place(s, (size_t)(sp - s)) || (s[n - 1] == 's' &&
		    n - word_back(s, n) >= 4)) && sport_record(x)) {
			b = word_back(s, n);
			if (n - b >= 4 && isupper((unsigned char)s[b]) &&
			    !is_place(s + b, n - b) &&
			    !listed(&orgwords, s + b, n - b) &&
			    !listed(&orgheads, s + b, n - b) &&
			    !sport_word(s + b, n - b)) {
				/* the words after the first, if more than
				 * one ("Maple Leafs"), then the last */
				k = (size_t)(sp - s) + 1;
				if (k < b && isupper((unsigned char)s[k])) {
					nick[nn].p = s + k;
					nick[nn++].n = n - k;
				}
				nick[nn].p = s + b;
				nick[nn++].n = n - b;
			}
		}
		x->f[j++] = *f;
	}
	x->nf = j;
	if (nn == 0)
		return;
	/* the nicknames alone, where no name is */
	for (k = 0; k < nn; k++)
		for (i = 0; i < 2 && !in_person(x, nick[k].p, nick[k].n);
		    i++) {
			const char *t = i == 0 ? x->rtitle : x->rtext;
			size_t tl = i == 0 ? x->rtlen : x->rxlen, at, a, m;

			for (at = 0; t != NULL && (sp = find_bytes(t, tl, at,
			    nick[k].p, nick[k].n)) != NULL; at = a + 1) {
				a = (size_t)(sp - t);
				m = a + nick[k].n;
				if ((a > 0 && word_byte((unsigned char)t[a - 1])) ||
				    (m < tl && word_byte((unsigned char)t[m])))
					continue;
				for (j = 0; j < x->nf; j++)
					if (x->f[j].field == (int)i &&
					    x->f[j].e.start < m &&
					    x->f[j].e.end > a)
						break;
				/* a name inside the nickname: the nickname
				 * ("Leafs" of "Maple Leafs") */
				if (j < x->nf && x->f[j].e.start >= a &&
				    x->f[j].e.end <= m &&
				    ((1u << x->f[j].e.type) & NAME_TYPES) &&
				    (j + 1 == x->nf || x->f[j + 1].field !=
				    (int)i || x->f[j + 1].e.start >= m)) {
					x->f[j].e.type = NS_ENT_ORG;
					if (x->f[j].e.start != a ||
					    x->f[j].e.end != m) {
						x->f[j].e.start = a;
						x->f[j].e.end = m;
						recount(&x->f[j]);
					}
				}
				if (j < x->nf)
					continue;
				put_loc(x, (int)i, t, a, m);
				for (j = 0; j < x->nf; j++)
					if (x->f[j].field == (int)i &&
					    x->f[j].e.start == a &&
					    x->f[j].e.end == m)
						x->f[j].e.type = NS_ENT_ORG;
			}
		}
}

/* In a sports story, the one longer ORG of the record that a team's
 * nickname ends ("Villa" of "Aston Villa", "Leafs" and "Maple Leafs" of
 * "Toronto Maple Leafs"), or -1. */
static int
team_fuller(struct ns_extractor *x, size_t i)
{
	const struct name *a = &x->names[i], *b;
	size_t j, w = word_back(a->s, a->n);
	int pick = -1;

	if (listed(&orgwords, a->s + w, a->n - w) ||
	    listed(&orgheads, a->s + w, a->n - w))
		return -1;
	for (j = 0; j < x->nnames; j++) {
		b = &x->names[j];
		if (j == i || b->type != NS_ENT_ORG || b->n <= a->n + 1 ||
		    b->s[b->n - a->n - 1] != ' ' ||
		    memcmp(b->s + b->n - a->n, a->s, a->n) != 0)
			continue;
		if (pick >= 0 && x->names[pick].n != b->n)
			return -1;	/* two teams end so */
		pick = (int)j;
	}
	return pick >= 0 && sport_record(x) ? pick : -1;
}

/* Link each PERSON and ORG name to the longest fuller name it stands for,
 * unless another fuller name it stands for is not part of that one
 * ("Smith" with "John Smith" and "Jane Smith" stays unlinked). */
static void
link_names(struct ns_extractor *x)
{
	size_t i, j, k, best;
	int pick, a, b;
	struct found *f;

	x->nnames = 0;
	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type == NS_ENT_PERSON || f->e.type == NS_ENT_ORG)
			f->name = find_name(x, f->s + f->e.start,
			    f->e.end - f->e.start, f->e.type);
	}
	for (i = 0; i < x->nnames; i++) {
		pick = -1;
		best = 0;
		for (j = 0; j < x->nnames; j++)
			if (j != i && x->names[j].n > best &&
			    stands_for(&x->names[i], &x->names[j])) {
				best = x->names[j].n;
				pick = (int)j;
			}
		for (j = 0; pick >= 0 && j < x->nnames; j++)
			if (j != i && (int)j != pick &&
			    stands_for(&x->names[i], &x->names[j]) &&
			    !word_run(x->names[j].s, x->names[j].n,
			    x->names[pick].s, x->names[pick].n, 0))
				pick = -1;
		if (pick < 0 && x->names[i].type == NS_ENT_ORG)
			pick = team_fuller(x, i);
		x->names[i].canon = pick;
	}
	/* An acronym in brackets after its name stands for that name,
	 * whatever its letters ("NAFED"). */
	for (k = 0; k < x->nabbr; k++) {
		a = b = -1;
		for (i = 0; i < x->nnames; i++)
			if (x->names[i].type == NS_ENT_ORG) {
				if (x->names[i].n == x->abbr[k].an &&
				    memcmp(x->names[i].s, x->abbr[k].a,
				    x->abbr[k].an) == 0)
					a = (int)i;
				else if (x->names[i].n == x->abbr[k].fn &&
				    memcmp(x->names[i].s, x->abbr[k].full,
				    x->abbr[k].fn) == 0)
					b = (int)i;
			}
		if (a >= 0 && b >= 0 && x->names[a].canon < 0 &&
		    x->names[b].canon != a)
			x->names[a].canon = b;
	}
}

/* ---- the currency of "pesos", "rupees", "francs" from the record ----
 * common/data/currency-context.tsv: for a word that names the money of
 * more than one country, each country's code and names. */

extern const char *const ns_curctx_data;
extern const size_t ns_curctx_data_len;

struct curctx {
	const char *words, *code, *names;	/* '|'-separated fields */
	size_t	 wlen, clen, nlen;
};

static struct curctx *curctx;
static size_t ncurctx;
static pthread_once_t curctx_once = PTHREAD_ONCE_INIT;

static void
load_curctx(void)
{
	const char *s = ns_curctx_data, *e = s + ns_curctx_data_len, *nl;
	const char *t1, *t2;
	size_t cap = 0, n;

	for (; s < e; s = nl ? nl + 1 : e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		n = nl ? (size_t)(nl - s) : (size_t)(e - s);
		if (n == 0 || s[0] == '#' ||
		    (t1 = memchr(s, '\t', n)) == NULL ||
		    (t2 = memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - s))) ==
		    NULL)
			continue;
		if (ncurctx == cap) {
			cap = cap ? cap * 2 : 32;
			curctx = ns_xreallocarray(curctx, cap, sizeof(*curctx));
		}
		curctx[ncurctx].words = s;
		curctx[ncurctx].wlen = (size_t)(t1 - s);
		curctx[ncurctx].code = t1 + 1;
		curctx[ncurctx].clen = (size_t)(t2 - t1 - 1);
		curctx[ncurctx].names = t2 + 1;
		curctx[ncurctx].nlen = n - (size_t)(t2 + 1 - s);
		if (curctx[ncurctx].clen < sizeof(((struct ns_entity *)0)->unit))
			ncurctx++;
	}
}

/* Is w[0..n-1] one of the '|'-separated fields of list[0..len-1]? */
static int
in_field_list(const char *list, size_t len, const char *w, size_t n)
{
	const char *p = list, *e = list + len, *bar;
	size_t k;

	for (; p < e; p = bar + 1) {
		bar = memchr(p, '|', (size_t)(e - p));
		if (bar == NULL)
			bar = e;
		k = (size_t)(bar - p);
		if (k == n && memcmp(p, w, n) == 0)
			return 1;
	}
	return 0;
}

/* The first place in t[0..m-1] where one of the names of list stands as
 * whole words; m when none. */
static size_t
first_name(const char *t, size_t m, const char *list, size_t len)
{
	const char *p = list, *e = list + len, *bar, *q;
	size_t best = m, k, at, i;

	for (; p < e; p = bar + 1) {
		bar = memchr(p, '|', (size_t)(e - p));
		if (bar == NULL)
			bar = e;
		k = (size_t)(bar - p);
		for (at = 0; k > 0 && (q = find_bytes(t, m, at, p, k)) != NULL;
		    at = i + 1) {
			i = (size_t)(q - t);
			if (i >= best)
				break;
			/* "Pakistan’s": a curly apostrophe is no letter */
			if ((i > 0 && word_byte((unsigned char)t[i - 1])) ||
			    (i + k < m && word_byte((unsigned char)t[i + k]) &&
			    !(m - i - k >= 3 && memcmp(t + i + k,
			    "\xe2\x80\x99", 3) == 0)))
				continue;
			best = i;
			break;
		}
	}
	return best;
}

/* Does t[0..n-1] write a local dollar with its prefix ("C$4.2 million",
 * "A$", "NZ$")? Its bare "$" is then the US dollar. */
static int
local_dollars(const char *t, size_t n)
{
	const char *p;
	size_t at, i;

	for (at = 0; at < n && (p = memchr(t + at, '$', n - at)) != NULL;
	    at = i + 1) {
		i = (size_t)(p - t);
		if (i == 0 || i + 1 >= n || t[i + 1] < '0' || t[i + 1] > '9' ||
		    t[i - 1] < 'A' || t[i - 1] > 'Z')
			continue;
		if (i >= 2 && t[i - 2] == 'U' && t[i - 1] == 'S')
			continue;	/* "US$" */
		return 1;
	}
	return 0;
}

/* The MONEY entities whose text is an amount and a bare currency word
 * of the list ("300 million pesos", "Rs 500 crore"; not "Chilean pesos",
 * which numex.rules reads): the code of the country the record names
 * first (title, then text) among the word's, if it names one; for a bare
 * "$", the one the text's dateline names (datelines()), under no
 * international wire's name. */
static void
currency_context(struct ns_extractor *x, const char *title, size_t tlen,
    const char *text, size_t xlen)
{
	struct found *f;
	const char *s, *w[2];
	size_t i, k, j, n, wn[2], a, best, bestat, at, sign;
	int dollar = -1;	/* may a bare "$" be local? -1 not known */
	int dcode = -1;		/* the local dollar's entry, if one was */

	pthread_once(&curctx_once, load_curctx);
	for (i = 0; i < x->nf; i++) {
		f = &x->f[i];
		if (f->e.type != NS_ENT_MONEY)
			continue;
		s = f->s + f->e.start;
		n = f->e.end - f->e.start;
		/* its first and last words */
		for (k = 0; k < n && s[k] != ' '; k++)
			;
		w[0] = s;
		wn[0] = k;
		for (k = n; k > 0 && s[k - 1] != ' '; k--)
			;
		w[1] = s + k;
		wn[1] = n - k;
		/* the sign that opens the first word: "¥" of "¥110,000" */
		for (sign = 0; sign < wn[0] && (s[sign] < '0' || s[sign] > '9');
		    sign++)
			;
		if (sign == wn[0])
			sign = 0;
		/* bare: no other word with a capital ("CFA", "Mexican") */
		for (k = 0, a = 0; k <= n; k++) {
			if (k < n && s[k] != ' ')
				continue;
			if (a < k && ((s[a] >= 'A' && s[a] <= 'Z') ||
			    (unsigned char)s[a] >= 0xc0) && s + a != w[0] &&
			    s + a != w[1])
				break;
			a = k + 1;
		}
		if (k <= n)
			continue;
		best = ncurctx;
		bestat = (size_t)-1;
		for (j = 0; j < ncurctx; j++) {
			if (!in_field_list(curctx[j].words, curctx[j].wlen, w[0],
			    wn[0]) && !in_field_list(curctx[j].words,
			    curctx[j].wlen, w[1], wn[1]) && (sign == 0 ||
			    !in_field_list(curctx[j].words, curctx[j].wlen, w[0],
			    sign)))
				continue;
			if (sign == 1 && w[0][0] == '$') {
				/* the dateline's place, or its region
				 * ("MELBOURNE, Fla." is American), not
				 * under a wire's name: looked at once */
				if (dollar < 0)
					dollar = x->dlend != 0 && !x->dlwire &&
					    !local_dollars(text, xlen);
				if (!dollar)
					break;
				at = x->dlra ? first_name(text + x->dlra,
				    x->dlrb - x->dlra, curctx[j].names,
				    curctx[j].nlen) : first_name(text, x->dlend,
				    curctx[j].names, curctx[j].nlen);
				if (at < (x->dlra ? x->dlrb - x->dlra :
				    x->dlend) || (x->dlab > x->dlaa &&
				    first_name(text + x->dlaa, x->dlab - x->dlaa,
				    curctx[j].names, curctx[j].nlen) < x->dlab -
				    x->dlaa)) {
					best = j;
					dcode = (int)j;
					break;
				}
				continue;
			}
			at = title != NULL ? first_name(title, tlen,
			    curctx[j].names, curctx[j].nlen) : tlen;
			if (title == NULL || at == tlen)
				at = (title ? tlen : 0) + first_name(text, xlen,
				    curctx[j].names, curctx[j].nlen);
			if (at < (title ? tlen : 0) + xlen && at < bestat) {
				best = j;
				bestat = at;
			}
		}
		if (best < ncurctx) {
			memcpy(f->e.unit, curctx[best].code, curctx[best].clen);
			f->e.unit[curctx[best].clen] = '\0';
		}
	}
	/* Cents in a story of local dollars are of those ("a dividend of
	 * 16.5 cents" under "SYDNEY (AAP)"). */
	for (i = 0; dcode >= 0 && i < x->nf; i++) {
		f = &x->f[i];
		s = f->s + f->e.start;
		n = f->e.end - f->e.start;
		/* a number and the word alone: not "65 US cents" */
		for (k = 0; k < n && ((s[k] >= '0' && s[k] <= '9') ||
		    s[k] == '.' || s[k] == ','); k++)
			;
		if (f->e.type == NS_ENT_MONEY && strcmp(f->e.unit, "USD") == 0 &&
		    k > 0 && ((n - k == 6 && memcmp(s + k, " cents", 6) == 0) ||
		    (n - k == 5 && memcmp(s + k, " cent", 5) == 0))) {
			memcpy(f->e.unit, curctx[dcode].code,
			    curctx[dcode].clen);
			f->e.unit[curctx[dcode].clen] = '\0';
		}
	}
}

/* ---- the JSON array ----
 * Written as text, as ns_write_units() writes sentences: the keys and the
 * type and field names are ASCII literals, offsets and whole values
 * digits; every other string and every real is written by jansson. An
 * object per entity, dumped by jansson, cost more than finding it did
 * for a record of numbers (its address printed into a table for jansson's
 * check for cycles, its keys hashed). */

static void
add_key(struct ns_buf *b, const char *key)
{
	ns_buf_adds(b, ",\"");
	ns_buf_adds(b, key);
	ns_buf_adds(b, "\":");
}

/* A whole number as JSON writes it ("%lld"). */
static void
add_int(struct ns_buf *b, double d)
{
	if (d < 0) {
		ns_buf_addc(b, '-');
		d = -d;
	}
	ns_buf_addu(b, (size_t)d);
}

/* d as a JSON real, as jansson writes it with the tools' precision. */
static void
add_real(struct ns_extractor *x, struct ns_buf *b, double d)
{
	if (json_real_set(x->real, d) != 0)
		ns_errx(NS_EXIT_FATAL, "internal error: a value that is not "
		    "finite");
	ns_json_add_value(b, x->real);
}

/* Entity f as a JSON object: "text", "type", "field", "start", "end",
 * then "value" (a whole number up to 2^53 as an integer, else a real;
 * always a real for a PERCENT), "unit" and "canonical" when it has them. */
static void
add_entity(struct ns_extractor *x, struct ns_buf *b, const struct found *f)
{
	const struct ns_entity *e = &f->e;
	const struct name *nm;
	double d = e->number;

	ns_buf_adds(b, "{\"text\":");
	ns_json_add_string(b, f->s + e->start, e->end - e->start);
	add_key(b, "type");
	ns_buf_addc(b, '"');
	ns_buf_adds(b, type_names[e->type]);
	ns_buf_addc(b, '"');
	ns_buf_adds(b, f->field ? ",\"field\":\"text\"" :
	    ",\"field\":\"title\"");
	add_key(b, "start");
	ns_buf_addu(b, f->cstart);
	add_key(b, "end");
	ns_buf_addu(b, f->cend);
	if (e->vkind == NS_VAL_NUMBER) {
		add_key(b, "value");
		if (e->type != NS_ENT_PERCENT && d > -9007199254740992.0 &&
		    d < 9007199254740992.0 && d == (double)(json_int_t)d)
			add_int(b, d);
		else
			add_real(x, b, d);
	} else if (e->vkind == NS_VAL_STRING) {
		add_key(b, "value");
		ns_json_add_string(b, e->sval, strlen(e->sval));
	}
	if (e->unit[0] != '\0') {
		add_key(b, "unit");
		ns_json_add_string(b, e->unit, strlen(e->unit));
	}
	if (f->name >= 0 && x->names[f->name].canon >= 0) {
		nm = &x->names[x->names[f->name].canon];
		add_key(b, "canonical");
		ns_json_add_string(b, nm->s, nm->n);
	}
	ns_buf_addc(b, '}');
}

const char *
ns_extract(struct ns_extractor *x, const char *title, size_t tlen,
    const char *text, size_t xlen, size_t *len)
{
	struct ns_buf *out = &x->out;
	size_t nn, nt = 0, ntitle = 0, no, i;
	int first = 1, tc;

	x->nf = 0;
	x->rtitle = title;
	x->rtlen = title ? tlen : 0;
	x->rtext = text;
	x->rxlen = xlen;
	x->sport = -1;
	x->nkinds = 0;
	x->nabbr = 0;
	x->dlend = x->dlra = x->dlrb = x->dlaa = x->dlab = 0;
	x->dlwire = 0;
	ns_buf_reset(out);
	/* The tagger sees title and text as one document (its title in
	 * capitals gets what the text tells of its words). */
	if (x->ner)
		nt = ns_ner_tag_record(x->ner, title, title ? tlen : 0, text,
		    xlen, &x->tv, &x->tcap, &ntitle);
	if (title != NULL) {
		tc = title_case(title, tlen);
		nn = x->numex ? ns_numex_find(x->numex, title, tlen, &x->nv,
		    &x->ncap) : 0;
		if (x->ner) {
			no = known_orgs(x, x->tv, ntitle, title, tlen, 1);
			no = split_joined(x, no, title);
			no = name_edges(x, no, title, tc);
			no = coordinated_heads(x, no, title, tlen, tc);
			no = coordinated_tails(x, no, title, tc);
			no = portfolios(x, no, title, tlen);
			no = possessive_orgs(x, no, title);
			no = person_fronts(x, no, title);
			no = geo_names(x, no, title, tlen, tc);
			opened_orgs(x, no, title);
			kind_orgs(x, no, title, tlen);
			if (tc)
				no = title_places(x, no, title, tlen);
			titled_names(x, no, title);
			no = fixed_names(x, no, title, tlen, tc);
			merge(x, nn, x->ov, no, 0, title, tlen);
		} else
			merge(x, nn, NULL, 0, 0, title, tlen);
	}
	nn = x->numex ? ns_numex_find(x->numex, text, xlen, &x->nv,
	    &x->ncap) : 0;
	/* No name at all may leave x->tv NULL: no arithmetic on it. */
	if (x->ner) {
		no = known_orgs(x, nt > ntitle ? x->tv + ntitle : NULL,
		    nt - ntitle, text, xlen, 0);
		no = split_joined(x, no, text);
		no = name_edges(x, no, text, 0);
		no = head_names(x, no, text, xlen, 0);
		no = coordinated_heads(x, no, text, xlen, 0);
		no = coordinated_tails(x, no, text, 0);
		no = portfolios(x, no, text, xlen);
		no = possessive_orgs(x, no, text);
		no = person_fronts(x, no, text);
		no = geo_names(x, no, text, xlen, 0);
		opened_orgs(x, no, text);
		kind_orgs(x, no, text, xlen);
		titled_names(x, no, text);
		no = fixed_names(x, no, text, xlen, 0);
		merge(x, nn, x->ov, no, 1, text, xlen);
	} else
		merge(x, nn, NULL, 0, 1, text, xlen);
	datelines(x);
	venues_teams(x);
	match_sides(x);
	name_splits(x);
	person_shapes(x);
	people_names(x);
	short_types(x);
	place_persons(x);
	title_names(x, title, tlen);
	kind_types(x);
	title_types(x);
	org_shapes(x);
	place_orgs(x);
	bracket_acronyms(x);
	sky_places(x);
	storm_names(x);
	link_names(x);
	currency_context(x, title, tlen, text, xlen);
	/* Types not asked for go only now: they still tell the others'
	 * types and names apart. */
	ns_buf_addc(out, '[');
	for (i = 0; i < x->nf; i++)
		if (x->types & (1u << x->f[i].e.type)) {
			if (!first)
				ns_buf_addc(out, ',');
			first = 0;
			add_entity(x, out, &x->f[i]);
		}
	ns_buf_addc(out, ']');
	*len = out->len;
	return out->p;
}
