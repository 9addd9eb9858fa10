/* fuzz.h: what the fuzz harnesses of tests/fuzz/ share: the entry point,
 * checks that stop the run with the input that broke a promise of ns.h,
 * and the checks on UTF-8 and on spans that several harnesses make. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ns.h"

/* libFuzzer calls this once per input; so does regress.c. */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Is the check named what listed in $NS_FUZZ_IGNORE (names separated by
 * commas or spaces)? A known, reported bug can be listed there so that a
 * long run goes on looking for others; memory errors are never ignored. */
static inline int
fuzz_ignored(const char *what)
{
	static const char *list;
	static int ready;
	const char *p;
	size_t n = strlen(what);

	if (!ready) {
		list = getenv("NS_FUZZ_IGNORE");
		ready = 1;
	}
	for (p = list; p != NULL && *p != '\0'; p++) {
		if ((p == list || p[-1] == ',' || p[-1] == ' ') &&
		    strncmp(p, what, n) == 0 &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
	}
	return 0;
}

/* A promise was broken: one line on stderr, then abort(), which libFuzzer
 * reports as a crash with the input saved. The only output a harness ever
 * makes. */
static inline void
fuzz_fail(const char *what, const char *cond, const char *file, int line,
    int may_ignore)
{
	if (may_ignore && fuzz_ignored(what))
		return;
	fprintf(stderr, "%s:%d: fuzz check %s failed: %s\n", file, line, what,
	    cond);
	abort();
}

/* FUZZ_CHECK: a behaviour the library promises (ignorable by name);
 * FUZZ_ASSERT: a fact the harness goes on to rely on, such as a span
 * lying inside its text (never ignored). */
#define FUZZ_CHECK(cond, what) do {					\
	if (!(cond))							\
		fuzz_fail((what), #cond, __FILE__, __LINE__, 1);	\
} while (0)
#define FUZZ_ASSERT(cond, what) do {					\
	if (!(cond))							\
		fuzz_fail((what), #cond, __FILE__, __LINE__, 0);	\
} while (0)

/* Is s[0..n-1] valid UTF-8 as utf8proc sees it (no surrogates, nothing
 * past U+10FFFF, no overlong forms)? NUL is valid. */
static inline int
fuzz_utf8_valid(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i;

	for (i = 0; i < n; i += (size_t)k) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return 0;
	}
	return 1;
}

/* The input as the tools would hand it on: s[0..*n-1] itself when it is
 * valid UTF-8, else each line repaired as ns-split repairs it
 * (ns_text_normline) into text, which the caller frees. */
static inline const char *
fuzz_as_text(const char *s, size_t *n, struct ns_buf *text)
{
	const char *nl;
	size_t size = *n, ls, le;

	if (fuzz_utf8_valid(s, size))
		return s;
	for (ls = 0; ls <= size; ls = le + 1) {
		nl = ls < size ? memchr(s + ls, '\n', size - ls) : NULL;
		le = nl ? (size_t)(nl - s) : size;
		if (ls > 0)
			ns_buf_addc(text, '\n');
		ns_text_normline(text, s + ls, le - ls);
		if (nl == NULL)
			break;
	}
	s = text->p ? text->p : "";
	*n = text->len;
	FUZZ_ASSERT(fuzz_utf8_valid(s, *n), "normline-utf8");
	return s;
}

/* Does a code point start at byte i of s (i == n counts)? */
static inline int
fuzz_cp_boundary(const char *s, size_t n, size_t i)
{
	return i == 0 || i >= n || ((unsigned char)s[i] & 0xc0) != 0x80;
}

/* White space as ns.h means it: ASCII space, \t to \r, and Zs. */
static inline int
fuzz_space_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Is valid UTF-8 s[0..n-1] only white space? Decoded here, not through
 * ns_is_blank(), so that the library is checked against something else. */
static inline int
fuzz_blank(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i;

	for (i = 0; i < n; i += (size_t)k) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0 || !fuzz_space_cp(cp))
			return 0;
	}
	return 1;
}

/* Does valid UTF-8 s[0..n-1] (n > 0) start, or end, with white space? */
static inline int
fuzz_space_at_start(const char *s, size_t n)
{
	utf8proc_int32_t cp;

	return utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)n, &cp) > 0 && fuzz_space_cp(cp);
}

static inline int
fuzz_space_at_end(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	size_t i = n - 1;

	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80 && n - i < 4)
		i--;
	return utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(n - i), &cp) == (utf8proc_ssize_t)(n - i) &&
	    fuzz_space_cp(cp);
}

enum {
	FUZZ_SPAN_TILE = 1,	/* only white space outside the spans */
	FUZZ_SPAN_TRIMMED = 2	/* no span starts or ends with white space */
};

/* The spans v[0..count-1] of valid UTF-8 s[0..n-1]: each non-empty,
 * inside the text, on code point boundaries, in order and apart; with
 * FUZZ_SPAN_TILE the text around and between them is white space. */
static inline void
fuzz_check_spans(const char *s, size_t n, const struct ns_span *v,
    size_t count, unsigned how, const char *what)
{
	size_t i, prev = 0;

	for (i = 0; i < count; i++) {
		FUZZ_ASSERT(v[i].start < v[i].end, what);
		FUZZ_ASSERT(v[i].end <= n, what);
		FUZZ_ASSERT(v[i].start >= prev, what);
		FUZZ_CHECK(fuzz_cp_boundary(s, n, v[i].start), what);
		FUZZ_CHECK(fuzz_cp_boundary(s, n, v[i].end), what);
		if (how & FUZZ_SPAN_TILE)
			FUZZ_CHECK(fuzz_blank(s + prev, v[i].start - prev), what);
		if (how & FUZZ_SPAN_TRIMMED) {
			FUZZ_CHECK(!fuzz_space_at_start(s + v[i].start,
			    v[i].end - v[i].start), what);
			FUZZ_CHECK(!fuzz_space_at_end(s + v[i].start,
			    v[i].end - v[i].start), what);
		}
		prev = v[i].end;
	}
	if (how & FUZZ_SPAN_TILE)
		FUZZ_CHECK(fuzz_blank(s + prev, n - prev), what);
}

/* Sentences of valid UTF-8 s[0..n-1] with both flags, checked. */
static inline void
fuzz_check_sentences(const char *s, size_t n, struct ns_span **v,
    size_t *cap)
{
	size_t count;

	count = ns_sentences(s, n, 0, v, cap);
	fuzz_check_spans(s, n, *v, count, FUZZ_SPAN_TILE | FUZZ_SPAN_TRIMMED,
	    "sentence-spans");
	count = ns_sentences(s, n, NS_SENT_WRAPPED, v, cap);
	fuzz_check_spans(s, n, *v, count, FUZZ_SPAN_TILE | FUZZ_SPAN_TRIMMED,
	    "sentence-spans-wrapped");
}

/* Paragraphs of valid UTF-8 s[0..n-1], checked: trimmed, and only blank
 * lines and white space between them. */
static inline void
fuzz_check_paragraphs(const char *s, size_t n, struct ns_span **v,
    size_t *cap)
{
	size_t count = ns_paragraphs(s, n, v, cap);

	fuzz_check_spans(s, n, *v, count, FUZZ_SPAN_TILE | FUZZ_SPAN_TRIMMED,
	    "paragraph-spans");
}

#endif /* FUZZ_H */
