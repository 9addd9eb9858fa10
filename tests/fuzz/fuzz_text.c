/* fuzz_text.c: the text helpers of text.c on raw lines.
 *
 * Each line of the input (split on \n) is normalized with
 * ns_text_normline() and compared with a reference built here from other
 * parts: a UTF-8 decoder that replaces each maximal subpart of an
 * ill-formed sequence with one U+FFFD (Unicode 15, 3.9), utf8proc_map()
 * for NFC, and a trim of white space. The output is then checked for what
 * the other helpers (trim, counts, code point offsets) say of it. */
#include "fuzz.h"

/* Appended to before each line: the normalizer must leave it alone,
 * trailing spaces and all. */
static const char prefix[] = "p\xc2\xa0 ";

static void
add_fffd(struct ns_buf *b)
{
	ns_buf_add(b, "\xef\xbf\xbd", 3);
}

/* s decoded to valid UTF-8, NULs dropped; returns the replacements. */
static size_t
decode(struct ns_buf *out, const unsigned char *s, size_t n)
{
	size_t i = 0, j, need, errors = 0;
	unsigned char b, lo, hi;

	while (i < n) {
		b = s[i];
		if (b < 0x80) {
			if (b != 0)
				ns_buf_addc(out, b);
			i++;
			continue;
		}
		if (b >= 0xc2 && b <= 0xdf)
			need = 1;
		else if (b >= 0xe0 && b <= 0xef)
			need = 2;
		else if (b >= 0xf0 && b <= 0xf4)
			need = 3;
		else {
			add_fffd(out);
			errors++;
			i++;
			continue;
		}
		lo = b == 0xe0 ? 0xa0 : b == 0xf0 ? 0x90 : 0x80;
		hi = b == 0xed ? 0x9f : b == 0xf4 ? 0x8f : 0xbf;
		for (j = 1; j <= need && i + j < n; j++) {
			if (s[i + j] < lo || s[i + j] > hi)
				break;
			lo = 0x80;
			hi = 0xbf;
		}
		if (j > need) {
			/* a BOM that opens the line (NULs aside) is dropped */
			if (!(out->len == 0 && need == 2 &&
			    memcmp(s + i, "\xef\xbb\xbf", 3) == 0))
				ns_buf_add(out, s + i, need + 1);
			i += need + 1;
		} else {
			add_fffd(out);
			errors++;
			i += j;
		}
	}
	return errors;
}

/* What ns_text_normline() should make of s: decoded, NFC, trimmed. */
static size_t
reference(struct ns_buf *out, const char *s, size_t n)
{
	struct ns_buf d = { 0 };
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t m;
	size_t errors, len;

	errors = decode(&d, (const unsigned char *)s, n);
	m = utf8proc_map((const utf8proc_uint8_t *)(d.p ? d.p : ""),
	    (utf8proc_ssize_t)d.len, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	FUZZ_ASSERT(m >= 0, "reference-nfc");
	len = (size_t)m;
	while (len > 0 && fuzz_space_at_end((const char *)nfc, len)) {
		len--;
		while (len > 0 && (nfc[len] & 0xc0) == 0x80)
			len--;
	}
	ns_buf_reset(out);
	ns_buf_add(out, nfc, len);
	free(nfc);
	ns_buf_free(&d);
	return errors;
}

/* Checks on valid UTF-8 t[0..n-1] with no trailing white space. */
static void
check_helpers(const char *t, size_t n)
{
	struct ns_cpos c;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i, cps = 0, lead, words, splits = 0;

	FUZZ_CHECK(ns_trim_right(t, n) == n, "trim-right");
	lead = ns_trim_left(t, n);
	FUZZ_ASSERT(lead <= n, "trim-left");
	FUZZ_CHECK(fuzz_blank(t, lead) && (lead == n ||
	    !fuzz_space_at_start(t + lead, n - lead)), "trim-left");
	FUZZ_CHECK(ns_is_blank(t, n) == (lead == n), "is-blank");

	/* Code point offsets, asked at every boundary, twice each. */
	ns_cpos_init(&c, t);
	for (i = 0; i < n; i += (size_t)k) {
		FUZZ_CHECK(ns_cpos_at(&c, i) == cps, "cpos");
		FUZZ_CHECK(ns_cpos_at(&c, i) == cps, "cpos");
		k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		FUZZ_ASSERT(k > 0, "normline-utf8");
		cps++;
	}
	FUZZ_CHECK(ns_cpos_at(&c, n) == cps, "cpos");
	FUZZ_CHECK(ns_utf8_count(t, n) == cps, "utf8-count");

	/* Words never run across a space: counts add up at any space. */
	words = ns_word_count(t, n);
	FUZZ_CHECK(words <= cps, "word-count");
	for (i = 0; i < n && splits < 4; i++)
		if (t[i] == ' ') {
			FUZZ_CHECK(ns_word_count(t, i) +
			    ns_word_count(t + i, n - i) == words,
			    "word-count-split");
			splits++;
			i += n / 4;
		}
}

/* Checks that hold for any bytes. */
static void
check_raw(const char *s, size_t n)
{
	size_t r = ns_trim_right(s, n), l = ns_trim_left(s, n);

	FUZZ_ASSERT(r <= n && l <= n, "trim-raw");
	FUZZ_CHECK(fuzz_blank(s + r, n - r), "trim-raw");
	FUZZ_CHECK(fuzz_blank(s, l), "trim-raw");
	FUZZ_CHECK(ns_is_blank(s, n) == (l == n), "is-blank");
	FUZZ_CHECK(ns_utf8_count(s, n) <= n, "utf8-count");
	FUZZ_CHECK(ns_word_count(s, n) <= n, "word-count");
}

static void
one_line(const char *s, size_t n, struct ns_buf *out, struct ns_buf *again,
    struct ns_buf *ref)
{
	size_t plen = sizeof(prefix) - 1, bad, errors, len;
	const char *t;

	check_raw(s, n);

	ns_buf_reset(out);
	ns_buf_add(out, prefix, plen);
	bad = ns_text_normline(out, s, n);
	FUZZ_ASSERT(out->len >= plen && memcmp(out->p, prefix, plen) == 0,
	    "normline-prefix");
	t = out->p + plen;
	len = out->len - plen;
	FUZZ_CHECK(out->p[out->len] == '\0', "normline-nul");
	FUZZ_ASSERT(fuzz_utf8_valid(t, len), "normline-utf8");
	FUZZ_CHECK(memchr(t, '\0', len) == NULL, "normline-nul");
	FUZZ_CHECK(len == 0 || !fuzz_space_at_end(t, len),
	    "normline-trailing-space");

	errors = reference(ref, s, n);
	FUZZ_CHECK(bad == errors, "normline-count");
	FUZZ_CHECK(ref->len == len && memcmp(ref->p, t, len) == 0,
	    "normline-reference");

	/* Normal text stays as it is. */
	ns_buf_reset(again);
	FUZZ_CHECK(ns_text_normline(again, t, len) == 0 &&
	    again->len == len && memcmp(again->p, t, len) == 0,
	    "normline-idempotent");

	check_helpers(t, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_buf out = { 0 }, again = { 0 }, ref = { 0 };
	const char *s = (const char *)data, *nl;
	size_t ls, le;

	check_raw(s, size);
	for (ls = 0; ls <= size; ls = le + 1) {
		nl = ls < size ? memchr(s + ls, '\n', size - ls) : NULL;
		le = nl ? (size_t)(nl - s) : size;
		one_line(s + ls, le - ls, &out, &again, &ref);
		if (nl == NULL)
			break;
	}
	ns_buf_free(&out);
	ns_buf_free(&again);
	ns_buf_free(&ref);
	return 0;
}
