/* test_ner.c: unit tests of common/ner.c: the tokenizer, exact entity
 * spans on sentences written for these tests, and the model loader on
 * damaged models. */
#include <math.h>
#include <stdlib.h>

#include "ns.h"
#include "check.h"

extern const char *const ns_ner_model_data;
extern const size_t ns_ner_model_data_len;

static struct ns_ner *tagger;

/* The tokens of in, joined by '|'. The input is copied to a buffer of
 * exactly its length, so that ASan catches a read past the end. */
static void
tokens(const char *in, const char *want)
{
	struct ns_span *v = NULL;
	struct ns_buf got = { 0 };
	size_t n = strlen(in), cap = 0, count, i;
	char *s = ns_xmalloc(n ? n : 1);

	memcpy(s, in, n);
	count = ns_ner_tokens(s, n, &v, &cap);
	ns_buf_add(&got, "", 0);
	for (i = 0; i < count; i++) {
		CHECK(v[i].start < v[i].end && v[i].end <= n);
		if (i > 0) {
			CHECK(v[i].start >= v[i - 1].end);
			ns_buf_addc(&got, '|');
		}
		ns_buf_add(&got, s + v[i].start, v[i].end - v[i].start);
	}
	CHECK_MEM(got.p, got.len, want);
	ns_buf_free(&got);
	free(v);
	free(s);
}

static const char *
type_name(enum ns_ent_type t)
{
	switch (t) {
	case NS_ENT_PERSON:
		return "PERSON";
	case NS_ENT_ORG:
		return "ORG";
	case NS_ENT_LOC:
		return "LOC";
	case NS_ENT_NORP:
		return "NORP";
	default:
		return "?";
	}
}

static void
entities_to(struct ns_buf *got, const char *s, const struct ns_entity *v,
    size_t count)
{
	size_t i;

	ns_buf_add(got, "", 0);
	for (i = 0; i < count; i++) {
		if (i > 0)
			ns_buf_addc(got, '|');
		ns_buf_adds(got, type_name(v[i].type));
		ns_buf_addc(got, ':');
		ns_buf_add(got, s + v[i].start, v[i].end - v[i].start);
	}
}

/* The entities the built-in model finds in in, as "TYPE:text|...". */
static void
tags(const char *in, const char *want)
{
	struct ns_entity *v = NULL;
	struct ns_buf got = { 0 };
	size_t n = strlen(in), cap = 0, count, i;
	char *s = ns_xmalloc(n ? n : 1);

	memcpy(s, in, n);
	count = ns_ner_tag(tagger, s, n, &v, &cap);
	for (i = 0; i < count; i++) {
		CHECK(v[i].start < v[i].end && v[i].end <= n);
		CHECK(i == 0 || v[i].start >= v[i - 1].end);
		CHECK(v[i].vkind == NS_VAL_NONE);
	}
	entities_to(&got, s, v, count);
	CHECK_MEM(got.p, got.len, want);
	ns_buf_free(&got);
	free(v);
	free(s);
}

static void
test_tokens(void)
{
	tokens("", "");
	tokens("  \n ", "");
	tokens("Huawei's founder", "Huawei|'s|founder");
	tokens("Huawei\xe2\x80\x99s founder", "Huawei|\xe2\x80\x99s|founder");
	tokens("the companies' shares", "the|companies|'|shares");
	tokens("It doesn't matter, O'Neill said.",
	    "It|does|n't|matter|,|O'Neill|said|.");
	tokens("We're here; they'll go", "We|'re|here|;|they|'ll|go");
	tokens("in the U.S. and the U.K.", "in|the|U.S.|and|the|U.K.");
	tokens("Mr. Smith of St. Louis, Mo.", "Mr.|Smith|of|St.|Louis|,|Mo|.");
	tokens("J. R. R. Tolkien", "J.|R.|R.|Tolkien");
	tokens("AT&T and S&P 500", "AT&T|and|S&P|500");
	tokens("Hewlett-Packard and Stratford-upon-Avon",
	    "Hewlett-Packard|and|Stratford-upon-Avon");
	tokens("rose 3.5% to $1,234.50", "rose|3.5|%|to|$|1,234.50");
	tokens("on 12/05/2019 at 10:30", "on|12/05/2019|at|10:30");
	tokens("Acme Inc. said", "Acme|Inc.|said");
	tokens("\"Quoted\" (aside)...", "\"|Quoted|\"|(|aside|)|...");
	tokens("\xe2\x80\x9cQuoted\xe2\x80\x9d",
	    "\xe2\x80\x9c|Quoted|\xe2\x80\x9d");
	tokens("M\xc3\xbcller met \xc5\x81ukasz in Krak\xc3\xb3w",
	    "M\xc3\xbcller|met|\xc5\x81ukasz|in|Krak\xc3\xb3w");
	tokens("caf\xc3\xa9\xc2\xa0noir", "caf\xc3\xa9|noir");
	tokens("end.", "end|.");
	tokens("'s", "'s");
	tokens("a-", "a|-");
}

static void
test_tags(void)
{
	tags("", "");
	tags("nothing to see here, only lower case words.", "");
	tags("The chief executive of General Motors, Mary Barra, said on "
	    "Tuesday that the company would cut jobs in Detroit.",
	    "ORG:General Motors|PERSON:Mary Barra|LOC:Detroit");
	/* The possessive is not part of the name. */
	tags("Microsoft's shares rose after Satya Nadella spoke in Seattle.",
	    "ORG:Microsoft|PERSON:Satya Nadella|LOC:Seattle");
	tags("The Bank of England raised rates, the Financial Times "
	    "reported from London.",
	    "ORG:Bank of England|ORG:Financial Times|LOC:London");
	/* Titles stay out of PERSON spans (common/data/titles.txt). */
	tags("Pope Francis met Muslim leaders and Brazilian President Jair "
	    "Bolsonaro in Rome.",
	    "PERSON:Francis|NORP:Muslim|NORP:Brazilian|"
	    "PERSON:Jair Bolsonaro|LOC:Rome");
	tags("King Charles and Sheikh Mohammed met Sen. Jane Holt and Prime "
	    "Minister Keir Starmer.",
	    "PERSON:Charles|PERSON:Mohammed|PERSON:Jane Holt|"
	    "PERSON:Keir Starmer");
	/* Right after a title a short name is a person's. */
	tags("Sen. Elizabeth Warren met King Abdullah in Washington.",
	    "PERSON:Elizabeth Warren|PERSON:Abdullah|LOC:Washington");
	/* The name before a hyphen: its place or group ("Toronto-based",
	 * "U.S.-led", "German-born"), one name with the word before it
	 * ("Mexico City-based"); after "led" and the like only a name the
	 * gazetteer knows; not part of a name ("well-known"). */
	tags("The Toronto-based lender joined U.S.-led talks with a "
	    "German-born chef.",
	    "LOC:Toronto|LOC:U.S.|NORP:German");
	tags("A Mexico City-based bank said the well-known firm was "
	    "state-owned.",
	    "LOC:Mexico City");
	tags("Acme-led groups met.", "");
	tags("Officials in Berlin said German exports fell.",
	    "LOC:Berlin|NORP:German");
	/* Spans stop before the possessive and the full stop. */
	tags("Nokia\xe2\x80\x99s chairman Jorma Ollila flew to the U.S.",
	    "ORG:Nokia|PERSON:Jorma Ollila|LOC:U.S.");
	/* A name once seen in full is known when it comes back alone. */
	tags("Angela Merkel arrived in Paris on Monday.\n\nMerkel said the "
	    "talks were useful.",
	    "PERSON:Angela Merkel|LOC:Paris|PERSON:Merkel");
}

static void
test_record(void)
{
	static const char title[] = "Merkel Meets Macron In Paris";
	static const char text[] = "German Chancellor Angela Merkel met "
	    "French President Emmanuel Macron in Paris on Monday.";
	struct ns_entity *v = NULL;
	struct ns_buf got = { 0 };
	size_t cap = 0, count, nt = 99;

	count = ns_ner_tag_record(tagger, title, strlen(title), text,
	    strlen(text), &v, &cap, &nt);
	CHECK(nt <= count);
	entities_to(&got, title, v, nt);
	CHECK_MEM(got.p, got.len,
	    "PERSON:Merkel|PERSON:Macron|LOC:Paris");
	ns_buf_reset(&got);
	entities_to(&got, text, v + nt, count - nt);
	CHECK_MEM(got.p, got.len, "NORP:German|PERSON:Angela Merkel|"
	    "NORP:French|PERSON:Emmanuel Macron|LOC:Paris");
	ns_buf_free(&got);
	free(v);
}

/* A copy of the built-in model changed by fn, which the loader must
 * refuse with a message. */
static void
refused(void (*fn)(char *, size_t *), const char *why)
{
	size_t len = ns_ner_model_data_len;
	char *p = ns_xmalloc(len + 16), err[128] = "";
	struct ns_ner_model *m;

	memcpy(p, ns_ner_model_data, len);
	fn(p, &len);
	m = ns_ner_model_load(p, len, err, sizeof(err));
	CHECK(m == NULL);
	if (m == NULL && strstr(err, why) == NULL) {
		check_failed++;
		fprintf(stderr, "%s:%d: message \"%s\", want \"%s\"\n",
		    __FILE__, __LINE__, err, why);
	}
	ns_ner_model_free(m);
	free(p);
}

static void
truncate_header(char *p, size_t *len)
{
	(void)p;
	*len = 20;
}

static void
truncate_tail(char *p, size_t *len)
{
	(void)p;
	*len -= 1000;
}

static void
empty(char *p, size_t *len)
{
	(void)p;
	*len = 0;
}

static void
bad_magic(char *p, size_t *len)
{
	(void)len;
	p[0] = 'X';
}

static void
bad_version(char *p, size_t *len)
{
	(void)len;
	p[8] = 99;
}

static void
bad_fcap(char *p, size_t *len)
{
	(void)len;
	p[16] ^= 1;	/* not a power of two */
}

static void
trailing(char *p, size_t *len)
{
	(void)p;
	*len += 8;
}

/* A word of weights after the end of the records of its bucket. */
static void
bad_offset(char *p, size_t *len)
{
	uint32_t nb, w0, w15, one = 1;
	/* header, transitions, zeros to 64 bytes, then 64-byte buckets */
	size_t at = (56 + (17 * 17 + 2 * 17) * 4 + 63) / 64 * 64, i;

	(void)len;
	memcpy(&nb, p + 16, 4);
	for (i = 0; i < nb; i++) {
		memcpy(&w0, p + at + i * 64, 4);
		memcpy(&w15, p + at + i * 64 + 60, 4);
		if (w0 != 0 && w15 == 0) {
			memcpy(p + at + i * 64 + 60, &one, 4);
			return;
		}
	}
}

static void
nan_transition(char *p, size_t *len)
{
	float f = NAN;

	(void)len;
	memcpy(p + 56 + 4, &f, 4);
}

static void
test_loader(void)
{
	struct ns_ner_model *m;
	char err[128];
	char *p;

	m = ns_ner_model_load(NULL, 0, err, sizeof(err));
	CHECK(m != NULL);
	/* The buckets as regrouped for lookups say what the file says. */
	if (m != NULL)
		CHECK(ns_ner_model_check(m, 200000) == 0);
	ns_ner_model_free(m);
	/* Not aligned: copied, and as good. */
	p = ns_xmalloc(ns_ner_model_data_len + 1);
	memcpy(p + 1, ns_ner_model_data, ns_ner_model_data_len);
	m = ns_ner_model_load(p + 1, ns_ner_model_data_len, err, sizeof(err));
	CHECK(m != NULL);
	if (m != NULL) {
		struct ns_ner *t = ns_ner_new(m);
		struct ns_entity *v = NULL;
		size_t cap = 0;
		static const char s[] = "Angela Merkel visited Paris.";

		CHECK(ns_ner_tag(t, s, sizeof(s) - 1, &v, &cap) == 2);
		free(v);
		ns_ner_free(t);
	}
	ns_ner_model_free(m);
	free(p);
	/* err may be NULL. */
	CHECK(ns_ner_model_load("x", 1, NULL, 0) == NULL);
	refused(empty, "empty");
	refused(truncate_header, "truncated");
	refused(truncate_tail, "truncated");
	refused(bad_magic, "magic");
	refused(bad_version, "version");
	refused(bad_fcap, "sizes");
	refused(trailing, "trailing");
	refused(bad_offset, "offsets");
	refused(nan_transition, "transitions");
}

int
main(void)
{
	struct ns_ner_model *m;
	char err[128];

	test_tokens();
	if ((m = ns_ner_model_load(NULL, 0, err, sizeof(err))) == NULL) {
		fprintf(stderr, "built-in model: %s\n", err);
		return 1;
	}
	tagger = ns_ner_new(m);
	test_tags();
	test_record();
	test_loader();
	ns_ner_free(tagger);
	ns_ner_model_free(m);
	return CHECK_DONE("test_ner");
}
