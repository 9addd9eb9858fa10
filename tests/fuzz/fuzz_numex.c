/* fuzz_numex.c: the recognizer of money, percentages, dates, times,
 * quantities, numbers, URLs and e-mail addresses (numex.c) on any text.
 *
 * Input that is valid UTF-8 is taken as it is; other input is repaired
 * line by line with ns_text_normline(), as ns-split does (ns_numex_find()
 * takes valid UTF-8 only). Checks what ns.h promises: entities in order of
 * start and apart, non-empty, inside the text, on code point boundaries;
 * types of numex's own; values finite, strings NUL-terminated and short
 * of their buffers; and the same entities on a second call. */
#include <math.h>

#include "fuzz.h"

static struct ns_numex *nx;

static void
check(const char *s, size_t n)
{
	struct ns_entity *v = NULL, *w = NULL;
	size_t cap = 0, wcap = 0, count, again, i, prev = 0;

	count = ns_numex_find(nx, s, n, &v, &cap);
	FUZZ_ASSERT(count <= cap || count == 0, "numex-count");
	for (i = 0; i < count; i++) {
		struct ns_entity *e = &v[i];

		FUZZ_ASSERT(e->start < e->end && e->end <= n, "numex-span");
		FUZZ_ASSERT(e->start >= prev, "numex-order");
		FUZZ_CHECK(fuzz_cp_boundary(s, n, e->start), "numex-boundary");
		FUZZ_CHECK(fuzz_cp_boundary(s, n, e->end), "numex-boundary");
		FUZZ_CHECK(e->type >= NS_ENT_MONEY && e->type < NS_ENT_NTYPES,
		    "numex-type");
		FUZZ_CHECK(e->vkind == NS_VAL_NONE ||
		    e->vkind == NS_VAL_NUMBER || e->vkind == NS_VAL_STRING,
		    "numex-vkind");
		if (e->vkind == NS_VAL_NUMBER)
			FUZZ_CHECK(isfinite(e->number), "numex-finite");
		FUZZ_CHECK(memchr(e->sval, '\0', sizeof(e->sval)) != NULL,
		    "numex-sval");
		FUZZ_CHECK(memchr(e->unit, '\0', sizeof(e->unit)) != NULL,
		    "numex-unit");
		if (e->vkind == NS_VAL_STRING)
			FUZZ_CHECK(e->sval[0] != '\0', "numex-sval");
		FUZZ_CHECK(!fuzz_space_at_start(s + e->start,
		    e->end - e->start), "numex-trimmed");
		prev = e->end;
	}
	/* Deterministic, whatever the scratch state. */
	again = ns_numex_find(nx, s, n, &w, &wcap);
	FUZZ_CHECK(again == count, "numex-again");
	for (i = 0; i < count && i < again; i++)
		FUZZ_CHECK(v[i].start == w[i].start && v[i].end == w[i].end &&
		    v[i].type == w[i].type && v[i].vkind == w[i].vkind &&
		    strcmp(v[i].sval, w[i].sval) == 0 &&
		    strcmp(v[i].unit, w[i].unit) == 0 &&
		    (v[i].vkind != NS_VAL_NUMBER ||
		    v[i].number == w[i].number), "numex-again");
	free(v);
	free(w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_buf text = { 0 };
	const char *s = (const char *)data;
	size_t n = size;

	if (nx == NULL)
		nx = ns_numex_new();	/* kept for the run, as a tool keeps it */
	s = fuzz_as_text(s, &n, &text);
	check(s, n);
	ns_buf_free(&text);
	return 0;
}
