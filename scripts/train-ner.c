/* train-ner.c: train the entity tagger's model (common/ner.c) on CoNLL-2003
 * files, or tag JSON-lines records with a model to score it.
 *
 *   train-ner [-d permille] [-e epochs] [-p prune] [-t permille] \
 *       -o MODEL TRAIN DEV
 *   train-ner --tag [-m MODEL] [file ...] > predictions.jsonl
 *   train-ner --bench [-m MODEL] FILE ...
 *
 * Training reads TRAIN and DEV (CoNLL columns, IOB1 tags), makes each
 * document's text as `ns-eval conll2jsonl` does (tokens joined by a space,
 * sentences by a line break), trains on TRAIN and keeps the epoch best on
 * DEV. --tag writes {"id","entities":[...]} per record, offsets in code
 * points, for `ns-eval entities`. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ns.h"

struct corpus {
	struct ns_ner_doc *docs;
	size_t	 n, cap;
	struct ns_buf *texts;
	struct ns_ner_gold **golds;
	size_t	*ngolds, *gcaps;
};

static void
new_doc(struct corpus *c)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->docs = ns_xreallocarray(c->docs, c->cap, sizeof(*c->docs));
		c->texts = ns_xreallocarray(c->texts, c->cap,
		    sizeof(*c->texts));
		c->golds = ns_xreallocarray(c->golds, c->cap,
		    sizeof(*c->golds));
		c->ngolds = ns_xreallocarray(c->ngolds, c->cap,
		    sizeof(*c->ngolds));
		c->gcaps = ns_xreallocarray(c->gcaps, c->cap,
		    sizeof(*c->gcaps));
	}
	memset(&c->texts[c->n], 0, sizeof(c->texts[0]));
	c->golds[c->n] = NULL;
	c->ngolds[c->n] = c->gcaps[c->n] = 0;
	c->n++;
}

static int
cls_of(const char *k)
{
	if (strcmp(k, "PER") == 0)
		return 0;
	if (strcmp(k, "ORG") == 0)
		return 1;
	if (strcmp(k, "LOC") == 0)
		return 2;
	return 3;
}

static void
add_gold(struct corpus *c, size_t start, size_t end, int cls)
{
	size_t d = c->n - 1;

	if (c->ngolds[d] == c->gcaps[d]) {
		c->gcaps[d] = c->gcaps[d] ? c->gcaps[d] * 2 : 32;
		c->golds[d] = ns_xreallocarray(c->golds[d], c->gcaps[d],
		    sizeof(**c->golds));
	}
	c->golds[d][c->ngolds[d]].start = start;
	c->golds[d][c->ngolds[d]].end = end;
	c->golds[d][c->ngolds[d]++].cls = cls;
}

/* Read a CoNLL-2003 file as ns-eval conll2jsonl does. */
static void
read_conll(const char *path, struct corpus *c)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, *tokp, *tag, *sp;
	size_t lcap = 0, ostart = 0, oend = 0;
	ssize_t len;
	int ocls = -1, insent = 0, cls, begins;
	struct ns_buf *tx;

	if (fp == NULL)
		ns_err(2, "%s", path);
	while ((len = getline(&line, &lcap, fp)) != -1) {
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (strncmp(line, "-DOCSTART-", 10) == 0) {
			if (ocls >= 0)
				add_gold(c, ostart, oend, ocls);
			ocls = -1;
			new_doc(c);
			insent = 0;
			continue;
		}
		if (line[strspn(line, " \t")] == '\0') {
			if (ocls >= 0)
				add_gold(c, ostart, oend, ocls);
			ocls = -1;
			insent = 0;
			continue;
		}
		if (c->n == 0)
			new_doc(c);
		tx = &c->texts[c->n - 1];
		tokp = line;
		sp = strchr(line, ' ');
		tag = strrchr(line, ' ');
		if (sp == NULL || tag == NULL)
			ns_errx(2, "%s: bad line: %s", path, line);
		*sp = '\0';
		tag++;
		if (tx->len > 0)
			ns_buf_addc(tx, insent ? ' ' : '\n');
		insent = 1;
		cls = strcmp(tag, "O") == 0 ? -1 : cls_of(tag + 2);
		begins = tag[0] == 'B' || (tag[0] == 'I' && ocls != cls);
		if (cls < 0 || begins) {
			if (ocls >= 0)
				add_gold(c, ostart, oend, ocls);
			ocls = cls;
			ostart = tx->len;
		}
		ns_buf_adds(tx, tokp);
		oend = tx->len;
	}
	if (ocls >= 0)
		add_gold(c, ostart, oend, ocls);
	free(line);
	fclose(fp);
	for (size_t i = 0; i < c->n; i++) {
		c->docs[i].text = c->texts[i].p ? c->texts[i].p : "";
		c->docs[i].len = c->texts[i].len;
		c->docs[i].gold = c->golds[i];
		c->docs[i].ngold = c->ngolds[i];
	}
}

static void
free_corpus(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		ns_buf_free(&c->texts[i]);
		free(c->golds[i]);
	}
	free(c->docs);
	free(c->texts);
	free(c->golds);
	free(c->ngolds);
	free(c->gcaps);
}

static void
progress(void *ctx, int epoch, double f3, double f4, size_t bytes)
{
	(void)ctx;
	fprintf(stderr, "train-ner: epoch %d: dev F1 %.4f (PER/ORG/LOC), "
	    "%.4f (4 classes), model %zu bytes, %.0f s\n", epoch, f3, f4,
	    bytes, (double)clock() / CLOCKS_PER_SEC);
}

static void *
read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct ns_buf b = { 0 };
	char chunk[65536];
	size_t n;

	if (fp == NULL)
		ns_err(2, "%s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		ns_buf_add(&b, chunk, n);
	if (ferror(fp))
		ns_err(2, "%s", path);
	fclose(fp);
	*len = b.len;
	return b.p;
}

/* ns_ent_type_name() of the four types (entities.c is not linked in). */
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
	default:
		return "NORP";
	}
}

static void
add_entities(json_t *out, const char *field, const char *p,
    const struct ns_entity *v, size_t k)
{
	struct ns_cpos cp;
	size_t i, a, b;

	ns_cpos_init(&cp, p);
	for (i = 0; i < k; i++) {
		a = ns_cpos_at(&cp, v[i].start);
		b = ns_cpos_at(&cp, v[i].end);
		json_array_append_new(out, json_pack("{s:I,s:I,s:s,s:s,s:s%}",
		    "start", (json_int_t)a, "end", (json_int_t)b, "type",
		    type_name(v[i].type), "field", field, "text",
		    p + v[i].start, v[i].end - v[i].start));
	}
}

/* Title and text tagged together (ns_ner_tag_record()). */
static void
tag_record(struct ns_ner *t, json_t *rec, json_t *out, struct ns_entity **v,
    size_t *cap)
{
	json_t *ti = json_object_get(rec, "title");
	json_t *tx = json_object_get(rec, "text");
	const char *title = json_is_string(ti) ? json_string_value(ti) : "";
	size_t tlen = json_is_string(ti) ? json_string_length(ti) : 0, k, nt;

	if (!json_is_string(tx))
		return;
	k = ns_ner_tag_record(t, title, tlen, json_string_value(tx),
	    json_string_length(tx), v, cap, &nt);
	add_entities(out, "title", title, *v, nt);
	add_entities(out, "text", json_string_value(tx), *v + nt, k - nt);
}

static int
tag_main(const char *model, char **files, int nfiles)
{
	struct ns_ner_model *m;
	struct ns_ner *t;
	struct ns_entity *v = NULL;
	size_t cap = 0, mlen = 0, lcap = 0;
	char *mdata = NULL, err[256], *line = NULL;
	ssize_t len;
	json_t *rec, *out, *ents;
	FILE *fp;
	int i;

	if (model != NULL)
		mdata = read_file(model, &mlen);
	if ((m = ns_ner_model_load(mdata, mlen, err, sizeof(err))) == NULL)
		ns_errx(2, "%s: %s", model ? model : "built-in model", err);
	t = ns_ner_new(m);
	for (i = 0; i < (nfiles ? nfiles : 1); i++) {
		fp = nfiles ? fopen(files[i], "r") : stdin;
		if (fp == NULL)
			ns_err(2, "%s", files[i]);
		while ((len = getline(&line, &lcap, fp)) != -1) {
			if ((rec = json_loadb(line, (size_t)len, 0, NULL)) ==
			    NULL)
				continue;
			ents = json_array();
			tag_record(t, rec, ents, &v, &cap);
			out = json_pack("{s:O,s:o}", "id",
			    json_object_get(rec, "id") ?
			    json_object_get(rec, "id") : json_null(),
			    "entities", ents);
			ns_json_write(stdout, out);
			json_decref(out);
			json_decref(rec);
		}
		if (fp != stdin)
			fclose(fp);
	}
	free(line);
	free(v);
	ns_ner_free(t);
	ns_ner_model_free(m);
	free(mdata);
	return ns_close_stdout();
}

/* Tag the files, each as one text, again and again for a second: MB/s. */
static int
bench_main(const char *model, char **files, int nfiles)
{
	struct ns_ner_model *m;
	struct ns_ner *t;
	struct ns_entity *v = NULL;
	struct timespec t0, t1, t2;
	size_t cap = 0, mlen = 0, *lens, total = 0, ents = 0, rounds = 0;
	char *mdata = NULL, err[256], **texts;
	double secs;
	int i;

	texts = ns_xreallocarray(NULL, (size_t)nfiles + 1, sizeof(*texts));
	lens = ns_xreallocarray(NULL, (size_t)nfiles + 1, sizeof(*lens));
	for (i = 0; i < nfiles; i++) {
		texts[i] = read_file(files[i], &lens[i]);
		total += lens[i];
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	if (model != NULL)
		mdata = read_file(model, &mlen);
	if ((m = ns_ner_model_load(mdata, mlen, err, sizeof(err))) == NULL)
		ns_errx(2, "%s", err);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	fprintf(stderr, "train-ner: model loaded in %.3f ms\n",
	    ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec -
	    t0.tv_nsec)) / 1e6);
	t = ns_ner_new(m);
	do {
		for (i = 0; i < nfiles; i++)
			ents += ns_ner_tag(t, texts[i], lens[i], &v, &cap);
		rounds++;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t2);
		secs = (double)(t2.tv_sec - t1.tv_sec) +
		    (double)(t2.tv_nsec - t1.tv_nsec) / 1e9;
	} while (secs < 2);
	fprintf(stderr, "train-ner: %zu bytes x %zu in %.2f s: %.1f MB/s, "
	    "%zu entities a round\n", total, rounds, secs,
	    (double)total * (double)rounds / secs / 1e6, ents / rounds);
	for (i = 0; i < nfiles; i++)
		free(texts[i]);
	free(texts);
	free(lens);
	free(v);
	ns_ner_free(t);
	ns_ner_model_free(m);
	free(mdata);
	return 0;
}

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: train-ner [-d permille] [-e epochs] "
	    "[-p prune] [-t permille] -o model train dev\n"
	    "       train-ner --tag [-m model] [file ...]\n"
	    "       train-ner --bench [-m model] file ...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bench", no_argument, NULL, 'B' },
		{ "tag", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	struct ns_ner_train_opts o;
	struct corpus train = { 0 }, dev = { 0 };
	struct ns_buf model = { 0 };
	const char *outpath = NULL, *mpath = NULL;
	char err[256];
	FILE *fp;
	int ch, tagmode = 0;

	ns_setprogname(argv[0]);
	ns_ner_train_defaults(&o);
	while ((ch = getopt_long(argc, argv, "d:e:m:o:p:t:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			o.dropout = atoi(optarg);
			break;
		case 'e':
			o.epochs = atoi(optarg);
			break;
		case 'm':
			mpath = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'p':
			o.prune = atof(optarg);
			break;
		case 't':
			o.titlecase = atoi(optarg);
			break;
		case 'B':
			tagmode = 2;
			break;
		case 'T':
			tagmode = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (tagmode == 1)
		return tag_main(mpath, argv, argc);
	if (tagmode == 2)
		return bench_main(mpath, argv, argc);
	if (argc != 2 || outpath == NULL)
		usage();
	read_conll(argv[0], &train);
	read_conll(argv[1], &dev);
	fprintf(stderr, "train-ner: %zu training documents, %zu dev "
	    "documents\n", train.n, dev.n);
	o.progress = progress;
	if (ns_ner_train(train.docs, train.n, dev.docs, dev.n, &o, &model,
	    err, sizeof(err)) == -1)
		ns_errx(2, "%s", err);
	if ((fp = fopen(outpath, "wb")) == NULL ||
	    fwrite(model.p, 1, model.len, fp) != model.len || fclose(fp) != 0)
		ns_err(2, "%s", outpath);
	fprintf(stderr, "train-ner: wrote %s (%zu bytes)\n", outpath,
	    model.len);
	ns_buf_free(&model);
	free_corpus(&train);
	free_corpus(&dev);
	return 0;
}
