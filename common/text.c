/* text.c: Unicode text helpers on utf8proc: normalization of raw lines,
 * white space, words, code-point offsets, paragraphs, article ids. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <xxhash.h>

#include "ns.h"

static int
is_space_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Decode the code point before s + n (n > 0, s valid UTF-8); return its
 * byte length. */
static size_t
last_cp(const char *s, size_t n, utf8proc_int32_t *cp)
{
	size_t i = n - 1;

	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80 && n - i < 4)
		i--;
	if (utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i, cp) !=
	    (utf8proc_ssize_t)(n - i)) {
		*cp = -1;
		return 1;
	}
	return n - i;
}

size_t
ns_trim_right(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	size_t k;

	while (n > 0) {
		if (!((unsigned char)s[n - 1] & 0x80)) {
			if (!is_space_cp((unsigned char)s[n - 1]))
				break;
			n--;
			continue;
		}
		k = last_cp(s, n, &cp);
		if (cp < 0 || !is_space_cp(cp))
			break;
		n -= k;
	}
	return n;
}

/* A closing quote or bracket, as a sentence's last letter may stand in. */
static int
is_close_quote(utf8proc_int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	    cp == 0x201d || cp == 0x2019 || cp == 0xbb;
}

int32_t
ns_last_letter(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	size_t k;

	while (n > 0) {
		k = last_cp(s, n, &cp);
		if (!is_close_quote(cp))
			return cp;
		n -= k;
	}
	return -1;
}

int
ns_ends_sentence(const char *s, size_t n)
{
	int32_t cp = ns_last_letter(s, n);

	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

size_t
ns_trim_left(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i = 0;

	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i,
		    &cp);
		if (k <= 0 || !is_space_cp(cp))
			break;
		i += k;
	}
	return i;
}

int
ns_is_blank(const char *s, size_t n)
{
	return ns_trim_left(s, n) == n;
}

static int
is_word_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* The code point at s[0..n-1] and its length; ASCII without a call. */
static utf8proc_ssize_t
next_cp(const char *s, size_t n, utf8proc_int32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)n, cp);
}

/* A list item: "- item", "• item", "* item", "1. item", "2) item". */
int
ns_is_list_item(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	size_t i = 0;

	if (n == 0 || next_cp(s, n, &cp) <= 0)
		return 0;
	if (cp == '-' || cp == '*' || cp == '+' || cp == 0x2022 ||
	    cp == 0x2013 || cp == 0x2014 || cp == 0xb7 || cp == 0x25aa ||
	    cp == 0x25cf || cp == 0x25e6 || cp == 0x2043)
		return 1;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && i < 4 && i + 1 < n && (s[i] == '.' || s[i] == ')') &&
	    s[i + 1] == ' ';
}

int
ns_is_title_case(const char *s, size_t n)
{
	utf8proc_int32_t cp, first = 0;
	utf8proc_ssize_t k;
	size_t i = 0, words = 0, letters = 0;

	for (;;) {
		k = i < n ? next_cp(s + i, n - i, &cp) : 0;
		if (k > 0 && (is_word_cp(cp) || cp == 0x2019 || cp == '\'')) {
			if (letters++ == 0)
				first = cp;
			i += (size_t)k;
			continue;
		}
		if (letters > 0) {
			words++;
			if (letters >= 4 && utf8proc_category(first) !=
			    UTF8PROC_CATEGORY_LU &&
			    !(first >= '0' && first <= '9'))
				return 0;
		}
		letters = 0;
		if (i >= n)
			break;
		i += k > 0 ? (size_t)k : 1;
	}
	return words >= 4;
}

size_t
ns_word_count(const char *s, size_t n)
{
	return ns_word_count_max(s, n, SIZE_MAX - 1);
}

size_t
ns_word_count_max(const char *s, size_t n, size_t max)
{
	utf8proc_int32_t cp, nx;
	utf8proc_ssize_t k, k2;
	size_t i = 0, words = 0;
	int inword = 0;

	while (i < n) {
		k = next_cp(s + i, n - i, &cp);
		if (k <= 0) {
			inword = 0;
			i++;
			continue;
		}
		if (is_word_cp(cp)) {
			if (!inword && ++words > max)
				return words;
			inword = 1;
		} else if (inword && (cp == '\'' || cp == 0x2019 ||
		    cp == '-' || cp == '.') && i + k < n) {
			/* "it's", "ex-Baidu", "U.S" are one word each. */
			k2 = next_cp(s + i + k, n - i - k, &nx);
			inword = k2 > 0 && is_word_cp(nx);
		} else
			inword = 0;
		i += k;
	}
	return words;
}

/* FNV-1a: a hash for the tables of words that tools build in memory
 * (quick on short keys; never stored, so free to change). */
uint32_t
ns_hash32(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Code points are the bytes that are not continuation bytes (10xxxxxx):
 * eight bytes at a time, a byte's high bit kept when the next bit is
 * clear, the bits added up in the top byte by the multiplication. */
size_t
ns_utf8_count(const char *s, size_t n)
{
	const uint64_t high = 0x8080808080808080u;
	uint64_t w;
	size_t i, cont = 0;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		w = (w & ~(w << 1) & high) >> 7;
		cont += (size_t)(w * 0x0101010101010101u >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xc0) == 0x80;
	return n - cont;
}

void
ns_cpos_init(struct ns_cpos *c, const char *s)
{
	c->s = s;
	c->byte = c->cp = 0;
}

size_t
ns_cpos_at(struct ns_cpos *c, size_t b)
{
	if (b > c->byte) {
		c->cp += ns_utf8_count(c->s + c->byte, b - c->byte);
		c->byte = b;
	}
	return c->cp;
}

/* Code points that NFC leaves alone whatever follows them: below U+0300
 * nothing composes with a later character, and General Punctuation
 * (quotes, dashes, ellipsis) from U+2010 has no canonical mapping. Lines
 * of only these skip utf8proc's decompose/compose passes. */
static int
nfc_inert(utf8proc_int32_t cp)
{
	return cp < 0x300 || (cp >= 0x2010 && cp <= 0x205f) ||
	    (cp >= 0x20a0 && cp <= 0x20c0);
}

static const char replacement[] = "\xef\xbf\xbd";

/* Length of the maximal subpart of an ill-formed sequence at s: the
 * longest start of a well-formed sequence, or 1 (Unicode 15, 3.9, U+FFFD
 * substitution, as WHATWG and ICU do). utf8proc_iterate() says only that
 * the sequence is bad, not how much of it to replace. */
static size_t
bad_length(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, k;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 1;
	need = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < 2 || s[1] < lo || s[1] > hi)
		return 1;
	for (k = 2; k < need && k < n && s[k] >= 0x80 && s[k] <= 0xbf; k++)
		;
	return k;
}

static _Thread_local struct ns_buf norm_clean;
static _Thread_local utf8proc_int32_t *norm_u32;
static _Thread_local size_t norm_u32cap;

size_t
ns_text_normline(struct ns_buf *out, const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k, m;
	size_t i, start = out->len, bad = 0;
	int inert = 1, plain = 1;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\0') {
			plain = 0;
			break;
		}
	if (plain) {
		ns_buf_add(out, s, ns_trim_right(s, n));
		return 0;
	}

	/* Repair: each byte that starts no valid sequence becomes U+FFFD;
	 * NUL is dropped. utf8proc_iterate also refuses surrogates and
	 * code points past U+10FFFF. */
	ns_buf_reset(&norm_clean);
	ns_buf_reserve(&norm_clean, n);
	for (i = 0; i < n; i += k) {
		if (s[i] == '\0') {
			k = 1;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			/* A run of ASCII at once: valid, and NFC as it is. */
			for (k = 1; i + k < n && (unsigned char)s[i + k] < 0x80 &&
			    s[i + k] != '\0'; k++)
				;
			ns_buf_add(&norm_clean, s + i, k);
			continue;
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i,
		    &cp);
		if (k <= 0) {
			ns_buf_add(&norm_clean, replacement, 3);
			bad++;
			k = (utf8proc_ssize_t)bad_length(
			    (const unsigned char *)s + i, n - i);
			continue;
		}
		if (cp == 0xFEFF && norm_clean.len == 0)
			continue;	/* a BOM opening a line: files joined by cat */
		if (!nfc_inert(cp))
			inert = 0;
		ns_buf_add(&norm_clean, s + i, k);
	}
	n = ns_trim_right(norm_clean.p, norm_clean.len);
	if (inert) {
		ns_buf_add(out, norm_clean.p, n);
		return bad;
	}

	/* NFC into a buffer kept between calls: utf8proc_map() would
	 * allocate for every line. */
	for (;;) {
		m = utf8proc_decompose_custom((const utf8proc_uint8_t *)norm_clean.p,
		    n, norm_u32, norm_u32cap, UTF8PROC_STABLE | UTF8PROC_COMPOSE, NULL,
		    NULL);
		if (m < 0)
			ns_errx(NS_EXIT_FATAL, "utf8proc: %s", utf8proc_errmsg(m));
		if ((size_t)m < norm_u32cap)
			break;
		norm_u32cap = (size_t)m + 1;
		norm_u32 = ns_xreallocarray(norm_u32, norm_u32cap, sizeof(*norm_u32));
	}
	m = utf8proc_reencode(norm_u32, m, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m < 0)
		ns_errx(NS_EXIT_FATAL, "utf8proc: %s", utf8proc_errmsg(m));
	ns_buf_add(out, (const char *)norm_u32, (size_t)m);
	/* NFC may turn trailing spaces into spaces (U+2000 → U+2002). */
	out->len = start + ns_trim_right(out->p + start, out->len - start);
	out->p[out->len] = '\0';
	return bad;
}

static void
push_span(struct ns_span **v, size_t *cap, size_t count, size_t start,
    size_t end)
{
	if (count == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = ns_xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[count].start = start;
	(*v)[count].end = end;
}

size_t
ns_paragraphs(const char *s, size_t n, struct ns_span **v, size_t *cap)
{
	size_t i = 0, count = 0, ls, le, ps = 0, pe = 0;
	int inpara = 0;
	const char *nl;

	while (i <= n) {
		ls = i;
		nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
		le = nl ? (size_t)(nl - s) : n;
		if (ns_is_blank(s + ls, le - ls)) {
			if (inpara)
				push_span(v, cap, count++, ps, pe);
			inpara = 0;
		} else {
			if (!inpara)
				ps = ls + ns_trim_left(s + ls, le - ls);
			pe = ls + ns_trim_right(s + ls, le - ls);
			inpara = 1;
		}
		if (nl == NULL)
			break;
		i = le + 1;
	}
	if (inpara)
		push_span(v, cap, count++, ps, pe);
	return count;
}

static _Thread_local XXH3_state_t *id_st;

void
ns_article_id(char out[17], const char *title, size_t tlen, const char *text,
    size_t xlen)
{
	/* The state's layout is private to libxxhash unless linked
	 * statically, so it is allocated by the library, once. */
	XXH64_hash_t h;

	if (id_st == NULL && (id_st = XXH3_createState()) == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	XXH3_64bits_reset(id_st);
	XXH3_64bits_update(id_st, title, tlen);
	XXH3_64bits_update(id_st, "\n", 1);
	XXH3_64bits_update(id_st, text, xlen);
	h = XXH3_64bits_digest(id_st);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void
ns_text_thread_free(void)
{
	ns_buf_free(&norm_clean);
	free(norm_u32);
	norm_u32 = NULL;
	norm_u32cap = 0;
	if (id_st != NULL)
		XXH3_freeState(id_st);
	id_st = NULL;
}

/* ---- word lists: one word a line, '#' comments ---- */

static int
cmp_listword(const void *a, const void *b)
{
	const struct ns_listword *x = a, *y = b;
	int r = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);

	return r ? r : (x->n > y->n) - (x->n < y->n);
}

void
ns_wordlist_init(struct ns_wordlist *wl, const char *data, size_t len)
{
	const char *s = data, *e = data + len, *nl;
	size_t n, cap = 0, i, k;

	wl->v = NULL;
	wl->n = 0;
	wl->ix = NULL;
	wl->mask = 0;
	for (; s < e; s = nl ? nl + 1 : e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		n = nl ? (size_t)(nl - s) : (size_t)(e - s);
		n = ns_trim_right(s, n);
		if (n == 0 || s[0] == '#')
			continue;
		if (wl->n == cap) {
			cap = cap ? cap * 2 : 64;
			wl->v = ns_xreallocarray(wl->v, cap, sizeof(*wl->v));
		}
		wl->v[wl->n].p = s;
		wl->v[wl->n++].n = n;
	}
	if (wl->n > 1)
		qsort(wl->v, wl->n, sizeof(*wl->v), cmp_listword);
	/* An open-addressed index of the words, at most half full: a
	 * look-up is a hash and, mostly, one comparison. */
	for (cap = 16; cap < 2 * wl->n; cap *= 2)
		;
	wl->mask = cap - 1;
	wl->ix = ns_xcalloc(cap, sizeof(*wl->ix));
	for (i = 0; i < wl->n; i++) {
		k = ns_hash32(wl->v[i].p, wl->v[i].n) & wl->mask;
		while (wl->ix[k] != 0)
			k = (k + 1) & wl->mask;
		wl->ix[k] = (uint32_t)i + 1;
	}
}

int
ns_wordlist_has(const struct ns_wordlist *wl, const char *s, size_t n)
{
	const struct ns_listword *w;
	size_t k;

	if (n == 0 || wl->n == 0)
		return 0;
	for (k = ns_hash32(s, n) & wl->mask; wl->ix[k] != 0;
	    k = (k + 1) & wl->mask) {
		w = &wl->v[wl->ix[k] - 1];
		if (w->n == n && memcmp(w->p, s, n) == 0)
			return 1;
	}
	return 0;
}

void
ns_wordlist_free(struct ns_wordlist *wl)
{
	free(wl->v);
	free(wl->ix);
	wl->v = NULL;
	wl->ix = NULL;
	wl->n = 0;
}

/* ---- forwarded mail ---- */

/* Do the k bytes at s spell w (lower case), ASCII letters in either
 * case? */
int
ns_same_ci(const char *s, const char *w, size_t k)
{
	size_t i;
	unsigned char a;

	for (i = 0; i < k; i++) {
		a = (unsigned char)s[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

int
ns_mail_forward_subject(const char *s, size_t n)
{
	const char *e;
	size_t k;

	if (n < 12 || memcmp(s, "Subject:", 8) != 0)
		return 0;
	for (k = 8; k < n; ) {
		k += ns_trim_left(s + k, n - k);
		if (k < n && s[k] == '[' && (e = memchr(s + k, ']', n - k)) !=
		    NULL) {
			k = (size_t)(e - s) + 1;	/* a list's tag */
			continue;
		}
		if (n - k >= 4 && ns_same_ci(s + k, "fwd:", 4))
			return 1;
		if (n - k >= 3 && ns_same_ci(s + k, "fw:", 3))
			return 1;
		return 0;
	}
	return 0;
}

int
ns_mail_forwarded_start(const char *s, size_t n)
{
	size_t i;

	if (n >= 6 && memcmp(s, "From:", 5) == 0 && (s[5] == ' ' ||
	    s[5] == '\t'))
		return 1;
	if (n >= 24 && ns_same_ci(s, "begin forwarded message:", 24))
		return 1;
	if (n > 80 || n < 18 || s[0] != '-' || s[1] != '-')
		return 0;
	for (i = 0; i + 16 <= n; i++)
		if (ns_same_ci(s + i, "original message", 16) ||
		    (i + 17 <= n && ns_same_ci(s + i, "forwarded message", 17)))
			return 1;
	return 0;
}

/* Is s[0..n-1] one of the nv words of v, as written? */
int
ns_in_words(const char *const *v, size_t nv, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nv; i++)
		if (strlen(v[i]) == n && memcmp(v[i], s, n) == 0)
			return 1;
	return 0;
}
