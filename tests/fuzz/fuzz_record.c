/* fuzz_record.c: JSON lines as ns-strip-ads, ns-entities and
 * ns-summarize take them (jsonl.c, strip.c, entities.c, summarize.c).
 *
 * Each line of the input (split on \n, as NS_EOL_LF does) is parsed; a
 * record ns-strip-ads would take is stripped with the built-in rules after
 * a dry run on a copy, written as the tool writes it (ns_json_write_raw,
 * the tool's owned fields), read back, written again and stripped again.
 * A record with a string "text" is summarized by each method, and its
 * entities found: each one's text is what its code-point offsets cut out
 * of its field, in order, apart, with finite values; the same again on a
 * second call. */
#include <math.h>

#include "fuzz.h"

static struct ns_rules rules;
static struct ns_ner_model *model;
static struct ns_extractor *extractor;
static int ready;
static const char *const owned[] = { "title", "text", "removed", NULL };

static void
setup(void)
{
	char err[600];

	if (ns_rules_parse(&rules, ns_builtin_rules, ns_builtin_rules_len,
	    "built-in rules", err, sizeof(err)) < 0)
		fuzz_fail("builtin-rules", err, __FILE__, __LINE__, 0);
	if ((model = ns_ner_model_load(NULL, 0, err, sizeof(err))) == NULL)
		fuzz_fail("builtin-model", err, __FILE__, __LINE__, 0);
	extractor = ns_extractor_new(model, (1u << NS_ENT_NTYPES) - 1);
	ready = 1;
}

/* Would ns-strip-ads take the record (strip_record() in the tool)? */
static int
strippable(json_t *rec)
{
	json_t *title = json_object_get(rec, "title");
	json_t *removed = json_object_get(rec, "removed");

	return json_is_string(json_object_get(rec, "text")) &&
	    (title == NULL || json_is_string(title) || json_is_null(title)) &&
	    (removed == NULL || json_is_array(removed));
}

/* The record's "removed", made an empty array if it has none, as the
 * tool does. */
static json_t *
removed_of(json_t *rec)
{
	json_t *removed = json_object_get(rec, "removed");

	if (removed == NULL) {
		removed = json_array();
		FUZZ_ASSERT(removed != NULL &&
		    json_object_set_new(rec, "removed", removed) == 0,
		    "setup-json");
	}
	return removed;
}

static int
same_field(json_t *a, json_t *b, const char *key)
{
	json_t *x = json_object_get(a, key), *y = json_object_get(b, key);

	return (x == NULL && y == NULL) ||
	    (x != NULL && y != NULL && json_equal(x, y));
}

/* Are a and b the same JSON value, numbers compared by value? A record
 * with an integer past 64 bits is read with every number a real
 * (ns_json_parse()), the same bytes without it with integers. */
static int
same_json(json_t *a, json_t *b)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_number(a) && json_is_number(b)) {
		if (json_is_integer(a) && json_is_integer(b))
			return json_integer_value(a) == json_integer_value(b);
		return json_number_value(a) == json_number_value(b);
	}
	if (json_typeof(a) != json_typeof(b))
		return 0;
	if (json_is_object(a)) {
		if (json_object_size(a) != json_object_size(b))
			return 0;
		json_object_foreach(a, key, v)
			if (json_object_get(b, key) == NULL ||
			    !same_json(v, json_object_get(b, key)))
				return 0;
		return 1;
	}
	if (json_is_array(a)) {
		if (json_array_size(a) != json_array_size(b))
			return 0;
		json_array_foreach(a, i, v)
			if (!same_json(v, json_array_get(b, i)))
				return 0;
		return 1;
	}
	return json_equal(a, b);
}

/* Do a and b list their keys in the same order? */
static int
same_order(json_t *a, json_t *b)
{
	void *i = json_object_iter(a), *j = json_object_iter(b);

	for (; i != NULL && j != NULL; i = json_object_iter_next(a, i),
	    j = json_object_iter_next(b, j))
		if (strcmp(json_object_iter_key(i), json_object_iter_key(j)) != 0)
			return 0;
	return i == NULL && j == NULL;
}

/* rec written by ns_json_write_raw() from line, snap its owned values as
 * read; the bytes, without the final \n, in *out (to be freed). */
static size_t
write_raw(json_t *rec, const char *line, size_t len,
    const struct ns_owned_snap *snap, char **out)
{
	size_t n = 0;
	FILE *fp;
	int rc;

	*out = NULL;
	fp = open_memstream(out, &n);
	FUZZ_ASSERT(fp != NULL, "setup-memstream");
	rc = ns_json_write_raw(fp, rec, line, len, owned, snap);
	FUZZ_ASSERT(fclose(fp) == 0, "setup-memstream");
	FUZZ_CHECK(rc == 0, "write-raw");
	FUZZ_CHECK(n > 0 && (*out)[n - 1] == '\n' &&
	    memchr(*out, '\n', n - 1) == NULL, "write-raw-one-line");
	return n > 0 ? n - 1 : 0;
}

static void
strip(json_t *rec, const char *line, size_t len)
{
	struct ns_owned_snap snap, snap2;
	json_t *dry, *removed, *dremoved, *back;
	char err[512], *out, *out2;
	size_t n, n2, before, cuts;

	/* A dry run cuts nothing and lists what a run would cut. */
	dry = json_deep_copy(rec);
	FUZZ_ASSERT(dry != NULL, "setup-json");
	dremoved = removed_of(dry);
	ns_strip(&rules, dry, dremoved, 1);
	FUZZ_CHECK(same_field(dry, rec, "text") &&
	    same_field(dry, rec, "title"), "strip-dry-run-cuts");

	ns_json_snap(&snap, rec, owned);
	removed = removed_of(rec);
	before = json_array_size(removed);
	cuts = ns_strip(&rules, rec, removed, 0);
	FUZZ_CHECK(cuts >= json_array_size(removed) - before,
	    "strip-count");
	FUZZ_CHECK(json_equal(removed, dremoved), "strip-dry-run-differs");
	/* A run after the dry run lists nothing twice. */
	ns_strip(&rules, dry, dremoved, 0);
	FUZZ_CHECK(json_equal(removed, dremoved), "strip-after-dry-run");
	FUZZ_CHECK(same_field(dry, rec, "text") &&
	    same_field(dry, rec, "title"), "strip-after-dry-run");
	json_decref(dry);

	/* Written as the tool writes it, and read back: the same record,
	 * its keys in the same order. */
	n = write_raw(rec, line, len, &snap, &out);
	ns_json_snap_free(&snap);
	back = ns_json_parse(out, n, err, sizeof(err));
	FUZZ_CHECK(back != NULL, "write-raw-reparse");
	if (back == NULL) {
		free(out);
		return;
	}
	FUZZ_CHECK(same_json(back, rec), "write-raw-equal");
	FUZZ_CHECK(same_order(back, rec), "write-raw-order");
	/* Written again from what it wrote: the same bytes. */
	ns_json_snap(&snap2, back, owned);
	n2 = write_raw(back, out, n, &snap2, &out2);
	ns_json_snap_free(&snap2);
	FUZZ_CHECK(n2 == n && memcmp(out, out2, n) == 0, "write-raw-stable");
	free(out2);

	/* Stripping again cuts and lists nothing more. */
	if (strippable(back)) {
		removed = removed_of(back);
		before = json_array_size(removed);
		ns_strip(&rules, back, removed, 0);
		FUZZ_CHECK(json_array_size(removed) == before,
		    "strip-idempotent-removed");
		FUZZ_CHECK(same_field(back, rec, "text") &&
		    same_field(back, rec, "title"), "strip-idempotent-text");
	}
	json_decref(back);
	free(out);
}

static void
summarize(json_t *rec)
{
	static const struct {
		enum ns_sum_method method;
		size_t	 n, words;
	} runs[] = {
		{ NS_SUM_DEFAULT, 3, 0 },
		{ NS_SUM_TEXTRANK, 3, 0 },
		{ NS_SUM_LEAD, 3, 0 },
		{ NS_SUM_DEFAULT, 3, 40 },
	};
	json_t *text = json_object_get(rec, "text");
	json_t *title = json_object_get(rec, "title");
	const char *t = json_string_value(text), *h = "";
	size_t n = json_string_length(text), hn = 0, r, k, k2, i, ns, ns2;
	const struct ns_span *sv, *sv2;
	const size_t *chosen, *chosen2;
	struct ns_summarizer *z;
	struct ns_sum_opts o;
	size_t *copy;

	if (json_is_string(title)) {
		h = json_string_value(title);
		hn = json_string_length(title);
	}
	for (r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
		ns_sum_defaults(&o);
		o.method = runs[r].method;
		o.n = runs[r].n;
		o.words = runs[r].words;
		z = ns_summarizer_new(&o);
		k = ns_summarize(z, h, hn, t, n, &sv, &ns, &chosen);
		fuzz_check_spans(t, n, sv, ns, FUZZ_SPAN_TILE |
		    FUZZ_SPAN_TRIMMED, "summary-sentences");
		FUZZ_ASSERT(k <= ns, "summary-chosen");
		for (i = 0; i < k; i++) {
			FUZZ_ASSERT(chosen[i] < ns, "summary-chosen");
			FUZZ_CHECK(i == 0 || chosen[i - 1] < chosen[i],
			    "summary-chosen");
		}
		if (o.words == 0)
			FUZZ_CHECK(k == (ns < o.n ? ns : o.n), "summary-count");
		else
			FUZZ_CHECK(k > 0 || ns == 0, "summary-count");

		/* The same record again: the same summary. */
		copy = ns_xreallocarray(NULL, k ? k : 1, sizeof(*copy));
		if (k)
			memcpy(copy, chosen, k * sizeof(*copy));
		k2 = ns_summarize(z, h, hn, t, n, &sv2, &ns2, &chosen2);
		FUZZ_CHECK(k2 == k && ns2 == ns && (k == 0 ||
		    memcmp(copy, chosen2, k * sizeof(*copy)) == 0),
		    "summary-deterministic");
		free(copy);
		ns_summarizer_free(z);
	}
}

/* Byte offset of code point cp in valid UTF-8 s[0..n-1], or n + 1 past
 * its end. */
static size_t
cp_byte(const char *s, size_t n, size_t cp)
{
	size_t i = 0, count = 0;

	while (count < cp && i < n) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		count++;
	}
	return count == cp ? i : n + 1;
}

static void
entities(json_t *rec)
{
	json_t *text = json_object_get(rec, "text");
	json_t *title = json_object_get(rec, "title");
	json_t *a, *b, *e, *v, *f;
	const char *fs, *s, *h = NULL;
	size_t i, n, hn = 0, fn, st, en, bs, be, pfield = 0, pend = 0, field;

	if (json_is_string(title)) {
		h = json_string_value(title);
		hn = json_string_length(title);
	}
	/* The array as text, read back by jansson: it must be JSON. */
	s = ns_extract(extractor, h, hn, json_string_value(text),
	    json_string_length(text), &n);
	a = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL);
	FUZZ_ASSERT(a != NULL && strlen(s) == n, "entities-json");
	FUZZ_ASSERT(json_is_array(a), "entities-array");
	json_array_foreach(a, i, e) {
		f = json_object_get(e, "field");
		FUZZ_ASSERT(json_is_string(f), "entities-field");
		field = strcmp(json_string_value(f), "text") == 0;
		FUZZ_CHECK(field || (h != NULL &&
		    strcmp(json_string_value(f), "title") == 0),
		    "entities-field");
		fs = field ? json_string_value(text) : h;
		fn = field ? json_string_length(text) : hn;
		FUZZ_ASSERT(json_is_integer(json_object_get(e, "start")) &&
		    json_is_integer(json_object_get(e, "end")),
		    "entities-offsets");
		st = (size_t)json_integer_value(json_object_get(e, "start"));
		en = (size_t)json_integer_value(json_object_get(e, "end"));
		FUZZ_CHECK(st < en, "entities-offsets");
		/* Title first, then by start, apart. */
		FUZZ_CHECK(field > pfield || (field == pfield && (i == 0 ||
		    st >= pend)), "entities-order");
		pfield = field;
		pend = en;
		bs = cp_byte(fs, fn, st);
		be = cp_byte(fs, fn, en);
		FUZZ_ASSERT(bs <= fn && be <= fn && bs < be, "entities-bounds");
		v = json_object_get(e, "text");
		FUZZ_CHECK(json_is_string(v) && json_string_length(v) ==
		    be - bs && memcmp(json_string_value(v), fs + bs,
		    be - bs) == 0, "entities-text");
		FUZZ_CHECK(ns_ent_type_parse(json_string_value(json_object_get(
		    e, "type")) ? json_string_value(json_object_get(e,
		    "type")) : "", json_string_value(json_object_get(e,
		    "type")) ? strlen(json_string_value(json_object_get(e,
		    "type"))) : 0) >= 0, "entities-type");
		v = json_object_get(e, "value");
		FUZZ_CHECK(v == NULL || json_is_string(v) ||
		    (json_is_number(v) && isfinite(json_number_value(v))),
		    "entities-value");
		v = json_object_get(e, "canonical");
		FUZZ_CHECK(v == NULL || (json_is_string(v) &&
		    json_string_length(v) > json_string_length(json_object_get(
		    e, "text"))), "entities-canonical");
	}
	s = ns_extract(extractor, h, hn, json_string_value(text),
	    json_string_length(text), &n);
	b = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL);
	FUZZ_CHECK(b != NULL && json_equal(a, b), "entities-deterministic");
	json_decref(a);
	json_decref(b);
}

static void
one_line(const char *line, size_t len)
{
	char err[512];
	json_t *rec;

	if (ns_line_blank(line, len))
		return;
	err[0] = '\0';
	rec = ns_json_parse(line, len, err, sizeof(err));
	if (rec == NULL) {
		FUZZ_CHECK(err[0] != '\0' && memchr(err, '\0', sizeof(err)),
		    "parse-error-message");
		return;
	}
	FUZZ_ASSERT(json_is_object(rec), "parse-object");
	if (strippable(rec))
		strip(rec, line, len);
	if (json_is_string(json_object_get(rec, "text"))) {
		summarize(rec);
		if (strippable(rec))
			entities(rec);
	}
	json_decref(rec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nl;
	size_t ls, le;

	if (!ready)
		setup();
	for (ls = 0; ls < size; ls = le + 1) {
		nl = memchr(s + ls, '\n', size - ls);
		le = nl ? (size_t)(nl - s) : size;
		one_line(s + ls, le - ls);
	}
	return 0;
}
