/* test_summarize.c: unit tests of common/summarize.c: the sentences each
 * method picks, and that the summarizer's tables (the word table, its
 * cache of frequent words, the per-term lists of the TextRank graph) give
 * the same summary however much was summarized before. */
#include <stdio.h>
#include <stdlib.h>

#include "ns.h"
#include "check.h"

static const char title[] = "Rail strike halts trains across the country";

static const char article[] =
    "A national rail strike halted most trains across the country on "
    "Monday. Unions called the strike after talks on pay broke down last "
    "week. Commuters crowded onto buses and the roads were jammed for "
    "hours. The rail operators said fewer than one train in five ran. "
    "Ministers urged the unions to return to talks on pay. \"We are ready "
    "to talk at any time,\" the transport minister said. The unions said "
    "pay had fallen behind prices for three years. A second strike is "
    "planned for next month if no deal is reached. Freight trains were "
    "also hit, and some factories warned of shortages. Talks are due to "
    "resume on Thursday. Shares in the rail operators fell 2%. Analysts "
    "said the strike would cost the economy $200m a day.";

/* The summary's sentence numbers, "0,3,7". */
static void
picked(struct ns_summarizer *z, const char *t, const char *text,
    struct ns_buf *out)
{
	const struct ns_span *sv;
	const size_t *chosen;
	size_t ns, k, i;
	char num[32];

	k = ns_summarize(z, t, strlen(t), text, strlen(text), &sv, &ns,
	    &chosen);
	ns_buf_reset(out);
	ns_buf_add(out, "", 0);
	for (i = 0; i < k; i++) {
		snprintf(num, sizeof(num), "%s%zu", i ? "," : "", chosen[i]);
		ns_buf_adds(out, num);
	}
}

static void
summary(const struct ns_sum_opts *o, const char *want, int line)
{
	struct ns_summarizer *z = ns_summarizer_new(o);
	struct ns_buf got = { 0 };

	picked(z, title, article, &got);
	if (strcmp(got.p, want) == 0)
		check_passed++;
	else {
		check_failed++;
		fprintf(stderr, "test_summarize.c:%d: got %s, want %s\n", line,
		    got.p, want);
	}
	ns_buf_free(&got);
	ns_summarizer_free(z);
}

/* A record of count words never seen before: "qa0 qb0 ..." with the
 * number seed in them, in sentences of twelve. */
static void
filler(struct ns_buf *b, unsigned long seed, size_t count)
{
	char w[64];
	size_t i;

	ns_buf_reset(b);
	ns_buf_add(b, "", 0);
	for (i = 0; i < count; i++) {
		snprintf(w, sizeof(w), "%s%c%lux%zu", i % 12 ? " q" : "Q",
		    'a' + (int)(i % 26), seed, i);
		ns_buf_adds(b, w);
		if (i % 12 == 11)
			ns_buf_adds(b, ".");
	}
}

/* The article's summary by a summarizer that has just summarized
 * records of count new words each, nrec of them, and then records mixing
 * the article's words with new ones: the same as by a new summarizer. */
static void
warm(enum ns_sum_method method, size_t nrec, size_t count, int line)
{
	struct ns_sum_opts o;
	struct ns_summarizer *fresh, *z;
	struct ns_buf want = { 0 }, got = { 0 }, rec = { 0 };
	size_t r;

	ns_sum_defaults(&o);
	o.method = method;
	fresh = ns_summarizer_new(&o);
	z = ns_summarizer_new(&o);
	picked(fresh, title, article, &want);
	for (r = 0; r < nrec; r++) {
		filler(&rec, r, count);
		picked(z, "", rec.p, &got);
		if (r % 64 == 0) {
			/* The article's words again, among new ones. */
			ns_buf_adds(&rec, " ");
			ns_buf_adds(&rec, article);
			picked(z, title, rec.p, &got);
		}
	}
	picked(z, title, article, &got);
	if (strcmp(got.p, want.p) == 0)
		check_passed++;
	else {
		check_failed++;
		fprintf(stderr, "test_summarize.c:%d: after %zu records got "
		    "%s, want %s\n", line, nrec, got.p, want.p);
	}
	ns_buf_free(&want);
	ns_buf_free(&got);
	ns_buf_free(&rec);
	ns_summarizer_free(fresh);
	ns_summarizer_free(z);
}

int
main(void)
{
	struct ns_sum_opts o;

	ns_sum_defaults(&o);
	summary(&o, "0,1,3", __LINE__);
	o.n = 5;
	summary(&o, "0,1,3,4,5", __LINE__);
	o.method = NS_SUM_TEXTRANK;
	summary(&o, "0,1,3,4,5", __LINE__);
	o.n = 3;
	summary(&o, "1,3,4", __LINE__);
	o.method = NS_SUM_LEAD;
	summary(&o, "0,1,2", __LINE__);
	ns_sum_defaults(&o);
	o.ratio = 0.5;
	summary(&o, "0,1,3,4,5,6", __LINE__);
	ns_sum_defaults(&o);
	o.words = 40;
	summary(&o, "0,1,3,4", __LINE__);
	/* The centrality weight alone: TextRank through the default
	 * method's picking. */
	ns_sum_defaults(&o);
	o.w_tf = o.w_pos = o.w_first = o.w_title = o.w_salient = o.w_len = 0;
	summary(&o, "1,3,4", __LINE__);

	/* Thousands of word forms: the cache of frequent words is full and
	 * its entries taken over many times, the word table has grown. */
	warm(NS_SUM_DEFAULT, 300, 240, __LINE__);
	warm(NS_SUM_TEXTRANK, 300, 240, __LINE__);
	/* Past a million word forms the tables start over, and the cache
	 * with them. */
	warm(NS_SUM_DEFAULT, 2200, 480, __LINE__);
	return CHECK_DONE("test_summarize");
}
