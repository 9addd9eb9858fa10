/* ns-entities: add named entities and normalized money, percentages,
 * dates and numbers to article records. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

enum {
	OPT_MODEL = NS_OPT_TOOL,
	OPT_ORGS
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: ns-entities [-hVu] [-j jobs] [-t types] [--model file]\n"
	    "                   [--orgs file] [--bad-lines file] [--strict]\n"
	    "                   [--max-record-bytes n] [--progress] [file ...]\n");
	if (status == NS_EXIT_OK)
		fprintf(fp, "\n"
		    "Add \"entities\" to article records: people, organisations, places,\n"
		    "nationalities and groups, money, percentages, dates, times,\n"
		    "quantities, numbers, URLs and e-mail addresses in \"title\" and\n"
		    "\"text\", with code-point offsets and normalized values. Reads\n"
		    "JSON-lines from the files, or standard input.\n\n"
		    "  -t, --types LIST         only these types, comma-separated (PERSON,\n"
		    "                           ORG, LOC, NORP, MONEY, PERCENT, DATE, TIME,\n"
		    "                           QUANTITY, CARDINAL, ORDINAL, URL, EMAIL)\n"
		    "      --model FILE         the name tagger's model (scripts/train-ner)\n"
		    "      --orgs FILE          names of organisations, one a line, instead of\n"
		    "                           the built-in list (common/data/orgs.txt)\n"
		    NS_JOBS_USAGE
		    NS_COMMON_USAGE
		    "\nExit status: 0 all input processed, 1 some input rejected, 2 error.\n"
		    "See ns-entities(1) and ns(7).\n");
	exit(status == NS_EXIT_OK ? ns_close_stdout() : status);
}

static int
entities_record(json_t *rec, void *arg, char *err, size_t errsz)
{
	struct ns_extractor *x = arg;
	json_t *text, *title;
	const char *a;
	size_t n;

	if (ns_record_text(rec, &text, &title, err, errsz) < 0)
		return -1;
	a = ns_extract(x, title ? json_string_value(title) : NULL,
	    title ? json_string_length(title) : 0, json_string_value(text),
	    json_string_length(text), &n);
	ns_json_set_text(rec, "entities", a, n);
	return NS_REC_WRITE;
}

/* "PERSON,ORG" into a bit set of types; exit 2 on an unknown name. */
static unsigned
parse_types(const char *s)
{
	const char *e;
	unsigned set = 0;
	int t;

	for (;;) {
		e = strchr(s, ',');
		if (e == NULL)
			e = s + strlen(s);
		t = ns_ent_type_parse(s, (size_t)(e - s));
		if (t < 0)
			ns_errx(NS_EXIT_FATAL, "--types: unknown type \"%.*s\" "
			    "(see ns-entities --help)", (int)(e - s), s);
		set |= 1u << t;
		if (*e == '\0')
			return set;
		s = e + 1;
	}
}

/* The whole of a file, or exit 2. */
static char *
slurp(const char *path, size_t *len)
{
	struct ns_buf b = { 0 };
	char chunk[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		ns_err(NS_EXIT_FATAL, "%s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		ns_buf_add(&b, chunk, n);
	if (ferror(fp))
		ns_err(NS_EXIT_FATAL, "%s", path);
	fclose(fp);
	*len = b.len;
	ns_buf_addc(&b, '\0');
	return b.p;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		NS_COMMON_LONGOPTS,
		NS_JOBS_LONGOPTS,
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "orgs", required_argument, NULL, OPT_ORGS },
		{ "types", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const owned[] = { "entities", NULL };
	struct ns_common c;
	struct ns_ner_model *model = NULL;
	struct ns_extractor **x;
	void **ctxs;
	const char *model_path = NULL, *orgs_path = NULL;
	char *model_data = NULL, *orgs_data = NULL, err[512];
	size_t model_len = 0, orgs_len = 0, i;
	unsigned types = (1u << NS_ENT_NTYPES) - 1;
	int ch, status;

	ns_setprogname(argv[0]);
	ns_common_init(&c, usage, argv);
	while ((ch = getopt_long(argc, argv, NS_COMMON_SHORTOPTS
	    NS_JOBS_SHORTOPTS "t:", longopts, NULL)) != -1) {
		if (ns_common_option(&c, ch, optarg))
			continue;
		switch (ch) {
		case 't':
			types = parse_types(optarg);
			break;
		case OPT_MODEL:
			model_path = optarg;
			break;
		case OPT_ORGS:
			orgs_path = optarg;
			break;
		default:
			usage(stderr, NS_EXIT_FATAL);
		}
	}
	argc -= optind;
	argv += optind;

	/* The model is read only when names are wanted. */
	if (types & ((1u << NS_ENT_PERSON) | (1u << NS_ENT_ORG) |
	    (1u << NS_ENT_LOC) | (1u << NS_ENT_NORP))) {
		if (model_path != NULL)
			model_data = slurp(model_path, &model_len);
		model = ns_ner_model_load(model_data, model_len, err,
		    sizeof(err));
		if (model == NULL)
			ns_errx(NS_EXIT_FATAL, "%s: %s", model_path ?
			    model_path : "built-in model", err);
		if (orgs_path != NULL) {
			orgs_data = slurp(orgs_path, &orgs_len);
			ns_entities_orgs(orgs_data, orgs_len);
		}
	}

	ns_common_open(&c, argv, argc);
	/* Values such as 0.035 and 186.56 are written as such, not as
	 * 0.035000000000000003: they come from at most 15 digits. */
	ns_json_real_digits = 15;
	x = ns_xcalloc((size_t)c.jobs, sizeof(*x));
	ctxs = ns_xcalloc((size_t)c.jobs, sizeof(*ctxs));
	for (i = 0; i < (size_t)c.jobs; i++)
		ctxs[i] = x[i] = ns_extractor_new(model, types);
	status = ns_jsonl_run_jobs(&c, argv, argc, entities_record, ctxs,
	    owned);
	for (i = 0; i < (size_t)c.jobs; i++)
		ns_extractor_free(x[i]);
	free(x);
	free(ctxs);
	ns_ner_model_free(model);
	free(model_data);
	free(orgs_data);
	return ns_finish(&c, status);
}
