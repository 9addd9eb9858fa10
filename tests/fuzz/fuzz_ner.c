/* fuzz_ner.c: the entity tagger (ner.c) on any text, and its model loader
 * on damaged models.
 *
 * Valid UTF-8 input is taken as it is; other input is repaired line by
 * line with ns_text_normline(), as ns-split does. The built-in model tags
 * it: every entity a PERSON, ORG, LOC or NORP span inside the text, on code
 * point boundaries, trimmed, in order and apart; the same again on a
 * second call; the tokens of ns_ner_tokens() likewise. Then the input is
 * given to the loader as a model, and its first bytes are written over
 * the built-in model's header and some of its tables: the loader must say
 * no, or give a model that tags without a fault. */
#include "fuzz.h"

/* The built-in model (common/data/ner.model, compiled in). */
extern const char *const ns_ner_model_data;
extern const size_t ns_ner_model_data_len;

static struct ns_ner_model *model;
static struct ns_ner *tagger;

static int
is_space_byte_at(const char *s, size_t n, size_t i)
{
	return fuzz_space_at_start(s + i, n - i);
}

static void
check_entities(const char *s, size_t n, const struct ns_entity *v,
    size_t count)
{
	size_t i, prev = 0;

	for (i = 0; i < count; i++) {
		FUZZ_ASSERT(v[i].start < v[i].end, "ner-span-empty");
		FUZZ_ASSERT(v[i].end <= n, "ner-span-bounds");
		FUZZ_ASSERT(v[i].start >= prev, "ner-span-order");
		FUZZ_CHECK(fuzz_cp_boundary(s, n, v[i].start), "ner-span-utf8");
		FUZZ_CHECK(fuzz_cp_boundary(s, n, v[i].end), "ner-span-utf8");
		FUZZ_CHECK(!is_space_byte_at(s, n, v[i].start),
		    "ner-span-trimmed");
		FUZZ_CHECK(!fuzz_space_at_end(s + v[i].start,
		    v[i].end - v[i].start), "ner-span-trimmed");
		FUZZ_CHECK(v[i].type == NS_ENT_PERSON || v[i].type ==
		    NS_ENT_ORG || v[i].type == NS_ENT_LOC || v[i].type ==
		    NS_ENT_NORP, "ner-type");
		FUZZ_CHECK(v[i].vkind == NS_VAL_NONE, "ner-vkind");
		prev = v[i].end;
	}
}

static void
tag_text(struct ns_ner *t, const char *s, size_t n)
{
	struct ns_entity *v = NULL, *w = NULL;
	struct ns_span *sp = NULL;
	size_t cap = 0, wcap = 0, spcap = 0, count, again, i;

	count = ns_ner_tag(t, s, n, &v, &cap);
	check_entities(s, n, v, count);
	again = ns_ner_tag(t, s, n, &w, &wcap);
	FUZZ_CHECK(again == count, "ner-deterministic");
	for (i = 0; i < count && i < again; i++)
		FUZZ_CHECK(v[i].start == w[i].start && v[i].end == w[i].end &&
		    v[i].type == w[i].type, "ner-deterministic");
	count = ns_ner_tokens(s, n, &sp, &spcap);
	fuzz_check_spans(s, n, sp, count, FUZZ_SPAN_TRIMMED, "ner-tokens");
	free(v);
	free(w);
	free(sp);
}

/* The built-in model with bytes of data written over it at places data
 * picks. */
static void
damaged_model(const uint8_t *data, size_t size)
{
	static const char sample[] = "Ren Zhengfei of Huawei met German "
	    "officials in Berlin.";
	struct ns_ner_model *m;
	struct ns_ner *t;
	char err[128], *copy;
	size_t len = ns_ner_model_data_len, at, k;

	if (size < 4 || len < 64)
		return;
	copy = malloc(len + 8);
	FUZZ_ASSERT(copy != NULL, "malloc");
	/* 8-aligned like the built-in array, so the model is used in place
	 * and the copy's bounds are what ASan watches. */
	memcpy(copy, ns_ner_model_data, len);
	at = ((size_t)data[0] << 16 | (size_t)data[1] << 8 | data[2]) %
	    (data[3] & 1 ? len : 64);
	for (k = 4; k < size && at < len; k++)
		copy[at++] = (char)data[k];
	if (data[3] & 2)
		len -= (size_t)data[2] % len;	/* truncated */
	m = ns_ner_model_load(copy, len, err, sizeof(err));
	if (m == NULL)
		FUZZ_CHECK(err[0] != '\0', "ner-load-message");
	else {
		/* What the loader regroups answers as the damaged file
		 * does. */
		FUZZ_CHECK(ns_ner_model_check(m, 64) == 0, "ner-regrouped");
		t = ns_ner_new(m);
		tag_text(t, sample, sizeof(sample) - 1);
		ns_ner_free(t);
		ns_ner_model_free(m);
	}
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_buf text = { 0 };
	struct ns_ner_model *m;
	const char *s = (const char *)data;
	char err[128];
	size_t n = size;

	if (model == NULL) {
		model = ns_ner_model_load(NULL, 0, err, sizeof(err));
		FUZZ_ASSERT(model != NULL, "ner-builtin-model");
		tagger = ns_ner_new(model);
	}
	s = fuzz_as_text(s, &n, &text);
	tag_text(tagger, s, n);
	ns_buf_free(&text);

	err[0] = '\0';
	m = ns_ner_model_load((const char *)data, size, err, sizeof(err));
	if (m != NULL)
		ns_ner_model_free(m);
	else
		FUZZ_CHECK(err[0] != '\0', "ner-load-message");
	if (size > 0 && data[0] == 'M')
		damaged_model(data + 1, size - 1);
	return 0;
}
