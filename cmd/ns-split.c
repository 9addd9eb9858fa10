/* ns-split: raw news text in, one JSON record per article out; or the
 * paragraphs of articles as sub-records. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

enum {
	OPT_FROM = NS_OPT_TOOL,
	OPT_NO_BUILTIN,
	OPT_RULES,
	OPT_UNIT,
	OPT_WRAPPED
};

struct ctx {
	struct ns_common *c;
	enum ns_unit unit;
	unsigned flags;			/* ns_sentences() flags */
	const struct ns_input *in;	/* raw input: for messages */
	const struct ns_splitter *sp;
	int	 cuts;			/* articles cut, lines left out */
	int	 stop;			/* --strict: a line was left out */
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: ns-split [-hVu] [-e regex] [--from raw|jsonl] [--no-builtin]\n"
	    "                [--rules file] [--unit article|paragraph|sentence]\n"
	    "                [--wrapped]\n"
	    "                [--bad-lines file] [--strict] [--max-record-bytes n]\n"
	    "                [--progress] [file ...]\n");
	if (status == NS_EXIT_OK)
		fprintf(fp, "\n"
		    "Split raw news text into JSON-lines article records\n"
		    "{\"id\",\"title\",\"text\",\"source\"}, or cut articles into\n"
		    "paragraph or sentence sub-records. Reads the files, or standard\n"
		    "input.\n\n"
		    "  -e, --end-marker REGEX   a line matching REGEX ends an article\n"
		    "                           (repeatable; adds to the built-in markers)\n"
		    "      --from raw|jsonl     input is raw text (default) or article records\n"
		    "      --no-builtin         drop the built-in end markers and boilerplate rules\n"
		    "      --rules FILE         add the rules of FILE (repeatable; format:\n"
		    "                           ns-strip-ads --list-rules)\n"
		    "      --unit article|paragraph|sentence\n"
		    "                           write articles (default), or paragraph or\n"
		    "                           sentence sub-records\n"
		    "      --wrapped            the text is hard-wrapped: a line break inside a\n"
		    "                           paragraph does not end a sentence\n"
		    NS_COMMON_USAGE
		    "\nExit status: 0 all input processed, 1 some input rejected, 2 error.\n"
		    "See ns-split(1) and ns(7).\n");
	exit(status == NS_EXIT_OK ? ns_close_stdout() : status);
}

static void
write_article(const struct ns_article *a, void *arg)
{
	struct ctx *x = arg;
	json_t *rec;
	char id[17];

	if (x->unit == NS_UNIT_ARTICLE) {
		rec = ns_article_record(a);
		if (ns_json_write(stdout, rec) < 0)
			ns_write_error();
		json_decref(rec);
		ns_output_check(x->c);
		return;
	}
	ns_article_id(id, a->title, a->tlen, a->text, a->xlen);
	ns_write_units(x->c, id, a->text, a->xlen, x->unit, x->flags);
}

static void
cut_article(enum ns_split_event ev, uint64_t line, void *arg)
{
	struct ctx *x = arg;

	if (ev == NS_SPLIT_CSV) {
		ns_warnx("%s:%llu: %s", x->in->name, (unsigned long long)line,
		    ns_splitter_csv_error(x->sp));
		if (x->c->strict)
			x->stop = 1;
	} else if (ev == NS_SPLIT_TOOBIG) {
		/* The line being fed: in->line still holds it, raw. */
		ns_reject(x->c, x->in, x->in->line, x->in->len, "line over "
		    "--max-record-bytes once written as JSON");
		if (x->c->strict)
			x->stop = 1;
	} else
		ns_warnx("%s:%llu: article over --max-record-bytes (%zu) cut "
		    "before this line", x->in->name, (unsigned long long)line,
		    x->c->max_record);
	x->cuts++;
}

static int
split_record(json_t *rec, void *arg, char *err, size_t errsz)
{
	struct ctx *x = arg;
	json_t *text, *title, *idv = json_object_get(rec, "id");
	const char *id;
	char buf[17];

	if (ns_record_text(rec, &text, &title, err, errsz) < 0)
		return -1;
	if (json_is_string(idv) && json_string_length(idv) > 0 &&
	    json_string_length(idv) < 40 &&
	    strlen(json_string_value(idv)) == json_string_length(idv))
		id = json_string_value(idv);
	else {
		/* No usable id: the one ns-split would have given. */
		ns_article_id(buf, title ? json_string_value(title) : "",
		    title ? json_string_length(title) : 0,
		    json_string_value(text), json_string_length(text));
		id = buf;
	}
	ns_write_units(x->c, id, json_string_value(text),
	    json_string_length(text), x->unit, x->flags);
	return NS_REC_DONE;
}

static int
split_raw(struct ns_common *c, struct ns_rules *rules, struct ctx *x,
    char **files, int nfiles)
{
	struct ns_input in;
	struct ns_splitter *sp;
	int status = NS_EXIT_OK, done = 0;
	size_t invalid;
	uint64_t first;

	sp = ns_splitter_new(rules, c->max_record, write_article, cut_article,
	    x);
	ns_input_init(&in, files, nfiles, NS_EOL_ANY, c->max_record, c->bad);
	x->in = &in;
	x->sp = sp;
	while (!done) {
		switch (ns_input_next(&in)) {
		case NS_READ_LINE:
			ns_progress_add(c, in.len, 0);
			ns_splitter_line(sp, in.line, in.len, in.srcname,
			    in.lineno, in.offset);
			done = x->stop;
			break;
		case NS_READ_TOOLONG:
			ns_report_toolong(c, &in);
			if (status == NS_EXIT_OK)
				status = NS_EXIT_BAD;
			done = c->strict;
			break;
		case NS_READ_FILEEND:
			ns_splitter_flush(sp);
			ns_splitter_invalid(sp, &invalid, &first);
			if (invalid)
				ns_warnx("%s:%llu: %zu invalid UTF-8 "
				    "sequence%s replaced with U+FFFD", in.name,
				    (unsigned long long)first, invalid,
				    invalid == 1 ? "" : "s");
			break;
		case NS_READ_ERROR:
			errno = in.errnum;
			ns_warn("%s", in.name);
			status = NS_EXIT_FATAL;
			break;
		case NS_READ_EOF:
			done = 1;
			break;
		}
	}
	ns_input_free(&in);
	ns_progress_end(c);
	ns_splitter_free(sp);
	if (x->cuts && status == NS_EXIT_OK)
		status = NS_EXIT_BAD;
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		NS_COMMON_LONGOPTS,
		{ "end-marker", required_argument, NULL, 'e' },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "no-builtin", no_argument, NULL, OPT_NO_BUILTIN },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "wrapped", no_argument, NULL, OPT_WRAPPED },
		{ NULL, 0, NULL, 0 }
	};
	/* In the order of enum ns_unit, and raw then jsonl. */
	static const char *const units[] = { "article", "paragraph",
	    "sentence", NULL };
	static const char *const froms[] = { "raw", "jsonl", NULL };
	struct ns_common c;
	struct ns_rules rules = { 0 };
	struct ctx x = { &c, NS_UNIT_ARTICLE, 0, NULL, NULL, 0, 0 };
	char err[600], name[32];
	const char **markers = NULL, **rulefiles = NULL;
	size_t nmarkers = 0, nrulefiles = 0, i;
	int ch, builtin = 1, jsonl = 0, status;

	ns_setprogname(argv[0]);
	ns_common_init(&c, usage, argv);
	markers = ns_xcalloc(argc, sizeof(*markers));
	rulefiles = ns_xcalloc(argc, sizeof(*rulefiles));
	while ((ch = getopt_long(argc, argv, NS_COMMON_SHORTOPTS "e:", longopts,
	    NULL)) != -1) {
		if (ns_common_option(&c, ch, optarg))
			continue;
		switch (ch) {
		case 'e':
			markers[nmarkers++] = optarg;
			break;
		case OPT_FROM:
			jsonl = ns_choice("--from", optarg, froms);
			break;
		case OPT_NO_BUILTIN:
			builtin = 0;
			break;
		case OPT_RULES:
			rulefiles[nrulefiles++] = optarg;
			break;
		case OPT_UNIT:
			x.unit = (enum ns_unit)ns_choice("--unit", optarg, units);
			break;
		case OPT_WRAPPED:
			x.flags |= NS_SENT_WRAPPED;
			break;
		default:
			usage(stderr, NS_EXIT_FATAL);
		}
	}
	argc -= optind;
	argv += optind;
	if (jsonl && x.unit == NS_UNIT_ARTICLE)
		ns_errx(NS_EXIT_FATAL, "--from jsonl needs --unit paragraph or "
		    "sentence");

	if (builtin && ns_rules_parse(&rules, ns_builtin_rules,
	    ns_builtin_rules_len, "built-in rules", err, sizeof(err)) < 0)
		ns_errx(NS_EXIT_FATAL, "%s", err);
	for (i = 0; i < nrulefiles; i++)
		if (ns_rules_load_file(&rules, rulefiles[i], err,
		    sizeof(err)) < 0)
			ns_errx(NS_EXIT_FATAL, "%s", err);
	for (i = 0; i < nmarkers; i++) {
		snprintf(name, sizeof(name), "end_marker_%zu", i + 1);
		if (ns_rules_add(&rules, name, NS_SCOPE_END, markers[i], err,
		    sizeof(err)) < 0)
			ns_errx(NS_EXIT_FATAL, "--end-marker: %s", err);
	}
	free(markers);
	free(rulefiles);

	if (!jsonl)
		c.progress_noun = "lines";
	ns_common_open(&c, argv, argc);
	if (jsonl)
		status = ns_jsonl_run(&c, argv, argc, split_record, &x, NULL);
	else
		status = split_raw(&c, &rules, &x, argv, argc);
	if (rules.limit_hits)
		ns_warnx("%d rule match%s given up at the match limit",
		    rules.limit_hits, rules.limit_hits == 1 ? "" : "es");
	ns_rules_free(&rules);
	return ns_finish(&c, status);
}
