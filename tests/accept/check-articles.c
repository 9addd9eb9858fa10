/* check-articles.c: hold ns-split | ns-strip-ads output to a gold standard
 * written by hand: the number of articles, each title exactly, every
 * content paragraph kept word for word, every boilerplate line cut.
 * White space is compared collapsed, as the shared ns-eval scorer does.
 *
 *   check-articles GOLD.jsonl PRED.jsonl
 *       GOLD: {"title","paragraphs":[...],"boilerplate":[...]} per article
 *   check-articles --lines DUMP SPEC PRED.jsonl
 *       SPEC: "title N" and "boilerplate N" lines naming lines of DUMP
 *       (an LF text file); every other non-blank line is content.
 * Exits 0 when everything holds, 1 otherwise, listing what failed. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static int failures;

/* s with runs of white space as one space, trimmed; caller frees. */
static char *
squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	int sp = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			sp = o != out;
			continue;
		}
		if (sp)
			*o++ = ' ';
		sp = 0;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static json_t *
load(const char *path)
{
	json_t *a = json_array(), *v;
	json_error_t e;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *fp = fopen(path, "r");

	if (fp == NULL) {
		perror(path);
		exit(2);
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		if ((v = json_loadb(line, n, 0, &e)) == NULL) {
			fprintf(stderr, "%s: %s\n", path, e.text);
			exit(2);
		}
		json_array_append_new(a, v);
	}
	free(line);
	fclose(fp);
	return a;
}

/* Is needle (squeezed) a paragraph or a line of the squeezed text? */
static int
present(const char *text, const char *needle)
{
	char *t = strdup(text), *p, *q, *sq, *nd = squeeze(needle);
	int found = 0;

	for (p = t; p && !found; p = q) {
		q = strchr(p, '\n');
		if (q)
			*q++ = '\0';
		sq = squeeze(p);
		found = *nd && strcmp(sq, nd) == 0;
		free(sq);
	}
	free(t);
	/* Whole paragraphs too: lines joined by single \n. */
	if (!found) {
		t = strdup(text);
		for (p = t; p && !found; p = q) {
			q = strstr(p, "\n\n");
			if (q) {
				*q = '\0';
				q += 2;
			}
			sq = squeeze(p);
			found = *nd && strcmp(sq, nd) == 0;
			free(sq);
		}
		free(t);
	}
	free(nd);
	return found;
}

static void
check(json_t *gold, json_t *pred)
{
	size_t i, j;
	json_t *g, *p, *x;
	const char *title, *text, *gt;
	char *a, *b;

	if (json_array_size(gold) != json_array_size(pred)) {
		printf("articles: want %zu, got %zu\n", json_array_size(gold),
		    json_array_size(pred));
		failures++;
	}
	for (i = 0; i < json_array_size(gold) && i < json_array_size(pred);
	    i++) {
		g = json_array_get(gold, i);
		p = json_array_get(pred, i);
		title = json_string_value(json_object_get(p, "title"));
		text = json_string_value(json_object_get(p, "text"));
		if (title == NULL || text == NULL) {
			printf("[%zu] no title or text\n", i);
			failures++;
			continue;
		}
		a = squeeze(json_string_value(json_object_get(g, "title")));
		b = squeeze(title);
		if (strcmp(a, b) != 0) {
			printf("[%zu] title: want \"%s\", got \"%s\"\n", i, a, b);
			failures++;
		}
		free(a);
		free(b);
		json_array_foreach(json_object_get(g, "paragraphs"), j, x)
			if (!present(text, json_string_value(x))) {
				printf("[%zu] LOST %.80s\n", i,
				    json_string_value(x));
				failures++;
			}
		/* A boilerplate line that repeats the headline word for word
		 * (a video player's title of the story) can only be held
		 * against the text: the title, checked above, is that line. */
		gt = json_string_value(json_object_get(g, "title"));
		json_array_foreach(json_object_get(g, "boilerplate"), j, x)
			if (present(text, json_string_value(x)) ||
			    (!present(gt ? gt : "", json_string_value(x)) &&
			    present(title, json_string_value(x)))) {
				printf("[%zu] LEFT %.80s\n", i,
				    json_string_value(x));
				failures++;
			}
	}
}

/* Gold from a dump and a spec of its line numbers. */
static json_t *
gold_from_lines(const char *dump, const char *spec)
{
	json_t *gold = json_array(), *art = NULL;
	char *line = NULL, kind[32];
	unsigned char *role;	/* per line: 0 content, 1 title, 2 boilerplate */
	size_t cap = 0, nrole = 100000, ln = 0;
	unsigned long num;
	ssize_t n;
	FILE *fp;

	role = calloc(nrole, 1);
	if ((fp = fopen(spec, "r")) == NULL) {
		perror(spec);
		exit(2);
	}
	while (fscanf(fp, "%31s %lu", kind, &num) == 2 && num < nrole)
		role[num] = strcmp(kind, "title") == 0 ? 1 : 2;
	fclose(fp);
	if ((fp = fopen(dump, "r")) == NULL) {
		perror(dump);
		exit(2);
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		ln++;
		while (n > 0 && strchr(" \t\r\n", line[n - 1]))
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (ln < nrole && role[ln] == 1) {
			art = json_pack("{s:s,s:[],s:[]}", "title", line,
			    "paragraphs", "boilerplate");
			json_array_append_new(gold, art);
		} else if (art != NULL)
			json_array_append_new(json_object_get(art,
			    ln < nrole && role[ln] == 2 ? "boilerplate" :
			    "paragraphs"), json_string(line));
	}
	free(line);
	free(role);
	fclose(fp);
	return gold;
}

int
main(int argc, char *argv[])
{
	json_t *gold, *pred;

	if (argc == 3) {
		gold = load(argv[1]);
		pred = load(argv[2]);
	} else if (argc == 5 && strcmp(argv[1], "--lines") == 0) {
		gold = gold_from_lines(argv[2], argv[3]);
		pred = load(argv[4]);
	} else {
		fprintf(stderr, "usage: check-articles GOLD PRED\n"
		    "       check-articles --lines DUMP SPEC PRED\n");
		return 2;
	}
	check(gold, pred);
	json_decref(gold);
	json_decref(pred);
	return failures ? 1 : 0;
}
