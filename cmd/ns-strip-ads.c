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
	    "usage: ns-strip-ads [-hlnVu] [-r file] [--no-builtin]\n"
	    "                    [--bad-lines file] [--strict] [--max-record-bytes n]\n"
	    "                    [file ...]\n");
	if (status == NS_EXIT_OK)
		fprintf(fp, "\n"
		    "Cut ads and boilerplate lines from the \"text\" of article records,\n"
		    "and a site name from the \"title\"; list each cut in \"removed\".\n"
		    "Reads JSON-lines from the files, or standard input.\n\n"
		    "  -l, --list-rules         print the rules in use and exit\n"
		    "  -n, --dry-run            fill \"removed\" but cut nothing\n"
		    "  -r, --rules FILE         add the rules of FILE (repeatable)\n"
		    "      --no-builtin         drop the built-in rules\n"
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

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		NS_COMMON_LONGOPTS,
		{ "dry-run", no_argument, NULL, 'n' },
		{ "list-rules", no_argument, NULL, 'l' },
		{ "no-builtin", no_argument, NULL, OPT_NO_BUILTIN },
		{ "rules", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct ns_common c;
	struct ns_rules rules = { 0 };
	struct ctx x = { &rules, 0 };
	const char **rulefiles;
	size_t nrulefiles = 0, i;
	char err[600];
	int ch, builtin = 1, list = 0, status;

	ns_setprogname(argv[0]);
	ns_common_init(&c, usage, argv);
	rulefiles = ns_xcalloc(argc, sizeof(*rulefiles));
	while ((ch = getopt_long(argc, argv, NS_COMMON_SHORTOPTS "lnr:",
	    longopts, NULL)) != -1) {
		if (ns_common_option(&c, ch, optarg))
			continue;
		switch (ch) {
		case 'l':
			list = 1;
			break;
		case 'n':
			x.dry_run = 1;
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

	if (builtin && ns_rules_parse(&rules, ns_builtin_rules,
	    ns_builtin_rules_len, "built-in rules", err, sizeof(err)) < 0)
		ns_errx(NS_EXIT_FATAL, "%s", err);
	for (i = 0; i < nrulefiles; i++)
		if (ns_rules_load_file(&rules, rulefiles[i], err,
		    sizeof(err)) < 0)
			ns_errx(NS_EXIT_FATAL, "%s", err);
	free(rulefiles);
	if (list) {
		ns_rules_print(&rules, stdout);
		ns_rules_free(&rules);
		return ns_close_stdout();
	}

	ns_common_open(&c);
	static const char *const owned[] = { "title", "text", "removed", NULL };

	status = ns_jsonl_run(&c, argv, argc, strip_record, &x, owned);
	if (rules.limit_hits)
		ns_warnx("%d rule match%s given up at the match limit",
		    rules.limit_hits, rules.limit_hits == 1 ? "" : "es");
	ns_rules_free(&rules);
	return ns_finish(&c, status);
}
