/* fuzz_sentences.c: the sentence segmenter (sentences.c), paragraphs
 * (text.c) and the word steps of the summarizer (words.c) on any text.
 *
 * Input that is valid UTF-8 is taken as it is, as a JSON string gives it
 * (CRs, NULs, trailing spaces and all); other input is repaired line by
 * line with ns_text_normline(), as ns-split does. */
#include "fuzz.h"

#define MAXWORDS 4096		/* tokens folded and stemmed per input */

/* Characters that join word characters but never end a word. */
static int
joiner(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == '-' || cp == '.' || cp == ',' ||
	    cp == 0x2010 || cp == 0x2011 || cp == 0x2019;
}

static void
check_words(const char *s, size_t n)
{
	struct ns_span *v = NULL;
	struct ns_buf fold = { 0 }, stem = { 0 };
	size_t cap = 0, count, i, a, e, len;
	utf8proc_int32_t cp, last = -1;
	utf8proc_ssize_t k;

	count = ns_words(s, n, &v, &cap);
	fuzz_check_spans(s, n, v, count, 0, "word-spans");
	for (i = 0; i < count && i < MAXWORDS; i++) {
		a = v[i].start;
		e = v[i].end;
		len = e - a;
		for (; a < e; a += (size_t)k) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + a,
			    (utf8proc_ssize_t)(e - a), &cp);
			FUZZ_ASSERT(k > 0, "word-utf8");
			FUZZ_CHECK(!fuzz_space_cp(cp), "word-space");
			if (a == v[i].start)
				FUZZ_CHECK(!joiner(cp), "word-joiner-edge");
			last = cp;
		}
		FUZZ_CHECK(!joiner(last), "word-joiner-edge");

		ns_buf_reset(&fold);
		ns_fold(&fold, s + v[i].start, len);
		FUZZ_CHECK(fuzz_utf8_valid(fold.p, fold.len), "fold-utf8");
		(void)ns_is_stopword(fold.p, fold.len);
		(void)ns_is_stopword(s + v[i].start, len);
		ns_buf_reset(&stem);
		ns_stem(&stem, fold.p, fold.len);
		FUZZ_CHECK(fuzz_utf8_valid(stem.p, stem.len), "stem-utf8");
		ns_buf_reset(&stem);
		ns_stem(&stem, s + v[i].start, len);
	}
	free(v);
	ns_buf_free(&fold);
	ns_buf_free(&stem);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_buf text = { 0 };
	struct ns_span *v = NULL;
	const char *s = (const char *)data;
	size_t n = size, cap = 0;

	s = fuzz_as_text(s, &n, &text);
	fuzz_check_sentences(s, n, &v, &cap);
	fuzz_check_paragraphs(s, n, &v, &cap);
	check_words(s, n);
	free(v);
	ns_buf_free(&text);
	return 0;
}
