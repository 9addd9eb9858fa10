/* ns-strip-ads: cut ads and boilerplate out of article records, and record
 * what was cut and why. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

enum {
	OPT_NO_BUILTIN = NS_OPT_TOOL
};

struct ctx {
	struct ns_rules *rules;
	int	 dry_run;
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: ns-strip-ads [-hlnVu] [-j jobs] [-r file] [--no-builtin]\n"
	    "                    [--bad-lines file] [--strict] [--max-record-bytes n]\n"
	    "                    [--progress] [file ...]\n");
	if (status == NS_EXIT_OK)
		fprintf(fp, "\n"
		    "Cut ads and boilerplate lines from the \"text\" of article records,\n"
		    "and a site name from the \"title\"; list each cut in \"removed\".\n"
		    "Reads JSON-lines from the files, or standard input.\n\n"
		    "  -l, --list-rules         print the rules in use and exit\n"
		    "  -n, --dry-run            fill \"removed\" but cut nothing\n"
		    "  -r, --rules FILE         add the rules of FILE (repeatable)\n"
		    "      --no-builtin         drop the built-in rules\n"
		    NS_JOBS_USAGE
		    NS_COMMON_USAGE
		    "\nExit status: 0 all input processed, 1 some input rejected, 2 error.\n"
		    "See ns-strip-ads(1) and ns(7).\n");
	exit(status == NS_EXIT_OK ? ns_close_stdout() : status);
}

static int
strip_record(json_t *rec, void *arg, char *err, size_t errsz)
{
	struct ctx *x = arg;
	json_t *text, *title, *removed = json_object_get(rec, "removed");

	if (ns_record_text(rec, &text, &title, err, errsz) < 0)
		return -1;
	if (removed != NULL && !json_is_array(removed)) {
		snprintf(err, errsz, "\"removed\" is not an array");
		return -1;
	}
	if (removed == NULL) {
		removed = json_array();
		if (removed == NULL || json_object_set_new(rec, "removed",
		    removed))
			ns_errx(NS_EXIT_FATAL, "out of memory");
	}
	ns_strip(x->rules, rec, removed, x->dry_run);
	return NS_REC_WRITE;
}

static void
load_rules(struct ns_rules *r, int builtin, const char **files, size_t n)
{
	char err[600];
	size_t i;

	if (builtin && ns_rules_parse(r, ns_builtin_rules,
	    ns_builtin_rules_len, "built-in rules", err, sizeof(err)) < 0)
		ns_errx(NS_EXIT_FATAL, "%s", err);
	for (i = 0; i < n; i++)
		if (ns_rules_load_file(r, files[i], err, sizeof(err)) < 0)
			ns_errx(NS_EXIT_FATAL, "%s", err);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		NS_COMMON_LONGOPTS,
		NS_JOBS_LONGOPTS,
		{ "dry-run", no_argument, NULL, 'n' },
		{ "list-rules", no_argument, NULL, 'l' },
		{ "no-builtin", no_argument, NULL, OPT_NO_BUILTIN },
		{ "rules", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct ns_common c;
	struct ns_rules *rules;
	struct ctx *x;
	void **ctxs;
	const char **rulefiles;
	size_t nrulefiles = 0, j;
	int ch, builtin = 1, list = 0, dry_run = 0, status, hits = 0;

	ns_setprogname(argv[0]);
	ns_common_init(&c, usage, argv);
	rulefiles = ns_xcalloc(argc, sizeof(*rulefiles));
	while ((ch = getopt_long(argc, argv, NS_COMMON_SHORTOPTS NS_JOBS_SHORTOPTS "lnr:",
	    longopts, NULL)) != -1) {
		if (ns_common_option(&c, ch, optarg))
			continue;
		switch (ch) {
		case 'l':
			list = 1;
			break;
		case 'n':
			dry_run = 1;
			break;
		case 'r':
			rulefiles[nrulefiles++] = optarg;
			break;
		case OPT_NO_BUILTIN:
			builtin = 0;
			break;
		default:
			usage(stderr, NS_EXIT_FATAL);
		}
	}
	argc -= optind;
	argv += optind;

	/* Each worker matches with its own copy of the rules (match data
	 * and counters are per copy). */
	if (list)
		c.jobs = 1;
	rules = ns_xcalloc((size_t)c.jobs, sizeof(*rules));
	x = ns_xcalloc((size_t)c.jobs, sizeof(*x));
	ctxs = ns_xcalloc((size_t)c.jobs, sizeof(*ctxs));
	for (j = 0; j < (size_t)c.jobs; j++) {
		load_rules(&rules[j], builtin, rulefiles, nrulefiles);
		x[j].rules = &rules[j];
		x[j].dry_run = dry_run;
		ctxs[j] = &x[j];
	}
	free(rulefiles);
	if (list) {
		ns_rules_print(&rules[0], stdout);
		ns_rules_free(&rules[0]);
		free(rules);
		free(x);
		free(ctxs);
		return ns_close_stdout();
	}

	ns_common_open(&c, argv, argc);
	static const char *const owned[] = { "title", "text", "removed", NULL };

	status = ns_jsonl_run_jobs(&c, argv, argc, strip_record, ctxs, owned);
	for (j = 0; j < (size_t)c.jobs; j++) {
		hits += rules[j].limit_hits;
		ns_rules_free(&rules[j]);
	}
	if (hits)
		ns_warnx("%d rule match%s given up at the match limit",
		    hits, hits == 1 ? "" : "es");
	free(rules);
	free(x);
	free(ctxs);
	return ns_finish(&c, status);
}
