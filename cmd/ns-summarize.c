/* ns-summarize: add an extractive summary to article records. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

enum {
	OPT_METHOD = NS_OPT_TOOL,
	OPT_RATIO,
	OPT_WEIGHTS,
	OPT_WORDS,
	OPT_WRAPPED
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: ns-summarize [-hVu] [-n count | --ratio r | --words w]\n"
	    "                    [--method default|lead|textrank] [--weights list]\n"
	    "                    [--wrapped] [-j jobs] [--bad-lines file] [--strict]\n"
	    "                    [--max-record-bytes n] [--progress] [file ...]\n");
	if (status == NS_EXIT_OK)
		fprintf(fp, "\n"
		    "Add \"summary\" and \"summary_sentences\" to article records: the\n"
		    "best sentences of \"text\", in document order. Reads JSON-lines from\n"
		    "the files, or standard input.\n\n"
		    "  -n, --sentences N        summary of N sentences (default 3)\n"
		    "      --ratio R            ... or of this share of the sentences (0 < R <= 1)\n"
		    "      --words W            ... or of at least W words\n"
		    "      --method NAME        default, lead or textrank\n"
		    "      --weights LIST       the default method's weights: term frequency,\n"
		    "                           position, first sentence, title, numbers and\n"
		    "                           names, length, length exponent, MMR lambda,\n"
		    "                           centrality, quote factor\n"
		    "      --wrapped            the text is hard-wrapped (see ns-split)\n"
		    NS_JOBS_USAGE
		    NS_COMMON_USAGE
		    "\nExit status: 0 all input processed, 1 some input rejected, 2 error.\n"
		    "See ns-summarize(1) and ns(7).\n");
	exit(status == NS_EXIT_OK ? ns_close_stdout() : status);
}

struct ctx {
	struct ns_summarizer *z;
	struct ns_buf out;
};

static int
summarize_record(json_t *rec, void *arg, char *err, size_t errsz)
{
	struct ctx *x = arg;
	const struct ns_span *sv;
	const size_t *chosen;
	size_t ns, k, i;
	const char *t;
	json_t *idx, *text, *title;

	if (ns_record_text(rec, &text, &title, err, errsz) < 0)
		return -1;
	t = json_string_value(text);
	k = ns_summarize(x->z, title ? json_string_value(title) : "",
	    title ? json_string_length(title) : 0, t, json_string_length(text),
	    &sv, &ns, &chosen);
	ns_buf_reset(&x->out);
	idx = json_array();
	if (idx == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	for (i = 0; i < k; i++) {
		if (i)
			ns_buf_addc(&x->out, ' ');
		ns_buf_add(&x->out, t + sv[chosen[i]].start,
		    sv[chosen[i]].end - sv[chosen[i]].start);
		if (json_array_append_new(idx,
		    json_integer((json_int_t)chosen[i])))
			ns_errx(NS_EXIT_FATAL, "out of memory");
	}
	if (json_object_set_new(rec, "summary", ns_json_str(x->out.p ?
	    x->out.p : "", x->out.len)) ||
	    json_object_set_new(rec, "summary_sentences", idx))
		ns_errx(NS_EXIT_FATAL, "out of memory");
	return NS_REC_WRITE;
}

static _Noreturn void
size_clash(void)
{
	ns_errx(NS_EXIT_FATAL, "give only one of -n, --ratio and --words");
}

/* "a,b,c" into up to n doubles; 0 or -1. */
static int
parse_weights(const char *s, double *v[], size_t n)
{
	char *end;
	size_t i;

	for (i = 0; i < n && *s; i++) {
		errno = 0;
		*v[i] = strtod(s, &end);
		/* Also refuses NaN, which compares false to everything. */
		if (errno || end == s || !(*v[i] >= 0 && *v[i] <= 100))
			return -1;
		s = end;
		if (*s == ',' && s[1] != '\0')
			s++;
		else if (*s != '\0')
			return -1;
	}
	return *s == '\0' ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		NS_COMMON_LONGOPTS,
		NS_JOBS_LONGOPTS,
		{ "method", required_argument, NULL, OPT_METHOD },
		{ "ratio", required_argument, NULL, OPT_RATIO },
		{ "sentences", required_argument, NULL, 'n' },
		{ "weights", required_argument, NULL, OPT_WEIGHTS },
		{ "words", required_argument, NULL, OPT_WORDS },
		{ "wrapped", no_argument, NULL, OPT_WRAPPED },
		{ NULL, 0, NULL, 0 }
	};
	/* In the order of enum ns_sum_method. */
	static const char *const methods[] = { "default", "lead", "textrank",
	    NULL };
	struct ns_common c;
	struct ns_sum_opts o;
	struct ctx *x;
	void **ctxs;
	size_t i;
	double *w[10];
	char *end;
	long v;
	int ch, status, size_opt = 0;

	ns_setprogname(argv[0]);
	ns_common_init(&c, usage, argv);
	ns_sum_defaults(&o);
	w[0] = &o.w_tf;
	w[1] = &o.w_pos;
	w[2] = &o.w_first;
	w[3] = &o.w_title;
	w[4] = &o.w_salient;
	w[5] = &o.w_len;
	w[6] = &o.len_exp;
	w[7] = &o.lambda;
	w[8] = &o.w_cent;
	w[9] = &o.q_quote;
	while ((ch = getopt_long(argc, argv, NS_COMMON_SHORTOPTS NS_JOBS_SHORTOPTS "n:", longopts,
	    NULL)) != -1) {
		if (ns_common_option(&c, ch, optarg))
			continue;
		switch (ch) {
		case 'n':
			if (ns_parse_count(optarg, 1, 1000000, &v) < 0)
				ns_errx(NS_EXIT_FATAL, "--sentences: not a count "
				    "from 1 to 1000000: %s", optarg);
			o.n = (size_t)v;
			if (size_opt && size_opt != 'n')
				size_clash();
			size_opt = 'n';
			break;
		case OPT_METHOD:
			o.method = (enum ns_sum_method)ns_choice("--method",
			    optarg, methods);
			break;
		case OPT_RATIO:
			errno = 0;
			o.ratio = strtod(optarg, &end);
			if (errno || end == optarg || *end != '\0' ||
			    !(o.ratio > 0 && o.ratio <= 1))
				ns_errx(NS_EXIT_FATAL, "--ratio: not a number "
				    "above 0 and at most 1: %s", optarg);
			if (size_opt && size_opt != 'r')
				size_clash();
			size_opt = 'r';
			break;
		case OPT_WEIGHTS:
			if (parse_weights(optarg, w, 10) < 0 || o.lambda > 1)
				ns_errx(NS_EXIT_FATAL, "--weights: expected up to "
				    "10 numbers from 0 to 100 (lambda at most 1), "
				    "comma-separated: %s", optarg);
			break;
		case OPT_WORDS:
			if (ns_parse_count(optarg, 1, 100000000, &v) < 0)
				ns_errx(NS_EXIT_FATAL, "--words: not a count "
				    "from 1 to 100000000: %s", optarg);
			o.words = (size_t)v;
			if (size_opt && size_opt != 'w')
				size_clash();
			size_opt = 'w';
			break;
		case OPT_WRAPPED:
			o.flags |= NS_SENT_WRAPPED;
			break;
		default:
			usage(stderr, NS_EXIT_FATAL);
		}
	}
	argc -= optind;
	argv += optind;

	ns_common_open(&c, argv, argc);
	x = ns_xcalloc((size_t)c.jobs, sizeof(*x));
	ctxs = ns_xcalloc((size_t)c.jobs, sizeof(*ctxs));
	for (i = 0; i < (size_t)c.jobs; i++) {
		x[i].z = ns_summarizer_new(&o);
		ctxs[i] = &x[i];
	}
	static const char *const owned[] = { "summary", "summary_sentences",
	    NULL };

	status = ns_jsonl_run_jobs(&c, argv, argc, summarize_record, ctxs,
	    owned);
	for (i = 0; i < (size_t)c.jobs; i++) {
		ns_summarizer_free(x[i].z);
		ns_buf_free(&x[i].out);
	}
	free(x);
	free(ctxs);
	return ns_finish(&c, status);
}
