/*
 * work-speed: the speed of each tool's own work, without reading or
 * writing its records, for make bench. The records of a JSON-lines file
 * (a "text" and, if any, a "title") are read into memory first, by
 * jansson as the tools read them, untimed; then the sentence segmenter,
 * the summarizer and the entity recognizer of common/ run over all of
 * them, each the best of three passes in CPU time of this process. Each
 * is printed as MB/s of the file (the records as the tools would read
 * them, so comparable with the tool rows of make bench) and of the texts
 * alone, tab-separated:
 *
 *	job	records_mb	texts_mb	seconds	records_mb_s	texts_mb_s
 *
 * With JOB (one of the names below), only that one, for a profiler.
 * job is "sentences", "summarize" or "entities" (the entity recognizer
 * writes its JSON array of entities into memory as ns-entities does). A
 * tool's row of make bench less this one is what reading and writing its
 * records costs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ns.h"

struct rec {
	char	*title, *text;
	size_t	 tlen, xlen;
};

static double
cpu_seconds(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
copy(const char *s, size_t n)
{
	char *p = ns_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

enum { SENTENCES, SUMMARIZE, ENTITIES, NJOBS };
static const char *const job_name[NJOBS] = {
	"sentences", "summarize", "entities"
};

/* One pass of job over the records. */
static void
pass(int job, const struct rec *r, size_t nr, struct ns_summarizer *z,
    struct ns_extractor *x)
{
	static struct ns_span *v;
	static size_t cap;
	const struct ns_span *sv;
	const size_t *chosen;
	size_t i, ns, len;

	for (i = 0; i < nr; i++)
		switch (job) {
		case SENTENCES:
			(void)ns_sentences(r[i].text, r[i].xlen, 0, &v, &cap);
			break;
		case SUMMARIZE:
			(void)ns_summarize(z, r[i].title ? r[i].title : "",
			    r[i].tlen, r[i].text, r[i].xlen, &sv, &ns,
			    &chosen);
			break;
		case ENTITIES:
			(void)ns_extract(x, r[i].title, r[i].tlen,
			    r[i].text, r[i].xlen, &len);
			break;
		}
}

int
main(int argc, char *argv[])
{
	struct ns_sum_opts o;
	struct ns_summarizer *z;
	struct ns_extractor *x;
	struct ns_ner_model *m;
	struct rec *r = NULL;
	size_t nr = 0, cap = 0, rec_bytes = 0, text_bytes = 0, lcap = 0;
	char *line = NULL, err[256];
	ssize_t n;
	FILE *f;
	json_t *v, *text, *title;
	double best, t0, t;
	int job, k;

	ns_setprogname("work-speed");
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: work-speed FILE.jsonl [JOB]\n");
		return 2;
	}
	if ((f = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	while ((n = getline(&line, &lcap, f)) > 0) {
		v = ns_json_parse(line, (size_t)n, err, sizeof(err));
		if (v == NULL) {
			fprintf(stderr, "work-speed: %s: %s\n", argv[1], err);
			return 2;
		}
		text = json_object_get(v, "text");
		title = json_object_get(v, "title");
		if (json_is_string(text)) {
			if (nr == cap) {
				cap = cap ? cap * 2 : 1024;
				r = ns_xreallocarray(r, cap, sizeof(*r));
			}
			r[nr].text = copy(json_string_value(text),
			    json_string_length(text));
			r[nr].xlen = json_string_length(text);
			r[nr].title = NULL;
			r[nr].tlen = 0;
			if (json_is_string(title)) {
				r[nr].title = copy(json_string_value(title),
				    json_string_length(title));
				r[nr].tlen = json_string_length(title);
			}
			text_bytes += r[nr].xlen + r[nr].tlen;
			rec_bytes += (size_t)n;
			nr++;
		}
		json_decref(v);
	}
	fclose(f);
	free(line);

	ns_sum_defaults(&o);
	z = ns_summarizer_new(&o);
	m = ns_ner_model_load(NULL, 0, err, sizeof(err));
	if (m == NULL) {
		fprintf(stderr, "work-speed: built-in model: %s\n", err);
		return 2;
	}
	x = ns_extractor_new(m, (1u << NS_ENT_NTYPES) - 1);
	for (job = 0; job < NJOBS; job++) {
		if (argc == 3 && strcmp(argv[2], job_name[job]) != 0)
			continue;
		best = 0;
		for (k = 0; k < 3; k++) {
			t0 = cpu_seconds();
			pass(job, r, nr, z, x);
			t = cpu_seconds() - t0;
			if (k == 0 || t < best)
				best = t;
		}
		if (best <= 0)
			best = 1e-9;
		printf("%s\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f\n", job_name[job],
		    rec_bytes / 1e6, text_bytes / 1e6, best,
		    rec_bytes / 1e6 / best, text_bytes / 1e6 / best);
	}
	ns_extractor_free(x);
	ns_ner_model_free(m);
	ns_summarizer_free(z);
	while (nr > 0) {
		nr--;
		free(r[nr].text);
		free(r[nr].title);
	}
	free(r);
	return 0;
}
