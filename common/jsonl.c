/* jsonl.c: JSON-lines records in and out (jansson), and the record loop
 * every JSON-lines tool runs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

json_t *
ns_json_parse(const char *line, size_t len, char *err, size_t errsz)
{
	json_error_t je;
	json_t *v;

	/* Duplicate keys are rejected: which value to pass on would be a
	 * guess, and a guess would change the record silently. */
	v = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &je);
	if (v == NULL) {
		/* jansson names its flag; say what is wrong instead. */
		snprintf(err, errsz, "invalid JSON at column %d: %s", je.column,
		    strstr(je.text, "JSON_ALLOW_NUL") ? "\\u0000 in a string" :
		    je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		snprintf(err, errsz, "not a JSON object");
		json_decref(v);
		return NULL;
	}
	return v;
}

static int
add_to_buf(const char *s, size_t n, void *data)
{
	ns_buf_add(data, s, n);
	return 0;
}

int
ns_json_write(FILE *out, const json_t *obj)
{
	static struct ns_buf b;

	/* One fwrite per record: jansson's own FILE output writes token by
	 * token. The buffer lives as long as the program. */
	ns_buf_reset(&b);
	if (json_dump_callback(obj, add_to_buf, &b, JSON_COMPACT) != 0) {
		errno = ENOMEM;
		return -1;
	}
	ns_buf_addc(&b, '\n');
	if (fwrite(b.p, 1, b.len, out) != b.len)
		return -1;
	return 0;
}

json_t *
ns_json_str(const char *s, size_t n)
{
	json_t *v = json_stringn_nocheck(s, n);

	if (v == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	return v;
}

void
ns_reject(struct ns_common *c, const struct ns_input *in, const char *line,
    size_t len, const char *why)
{
	ns_warnx("%s:%llu: %s", in->name, (unsigned long long)in->lineno, why);
	if (c->bad) {
		fwrite(line, 1, len, c->bad);
		fputc('\n', c->bad);
	}
}

void
ns_output_check(const struct ns_common *c)
{
	if (c->unbuffered)
		fflush(stdout);
	if (ferror(stdout))
		ns_write_error();
}

static int
ascii_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int
ns_jsonl_run(struct ns_common *c, char **files, int nfiles, ns_record_fn fn,
    void *ctx)
{
	struct ns_input in;
	char err[512];
	int status = NS_EXIT_OK, stop = 0;
	json_t *rec;
	int rc = NS_REC_WRITE;

	ns_input_init(&in, files, nfiles, NS_EOL_LF, c->max_record, c->bad);
	while (!stop) {
		switch (ns_input_next(&in)) {
		case NS_READ_EOF:
			stop = 1;
			continue;
		case NS_READ_FILEEND:
			continue;
		case NS_READ_ERROR:
			errno = in.errnum;
			ns_warn("%s", in.name);
			status = NS_EXIT_FATAL;
			continue;
		case NS_READ_TOOLONG:
			ns_warnx("%s:%llu: line of %zu bytes is over "
			    "--max-record-bytes (%zu)", in.name,
			    (unsigned long long)in.lineno, in.toolong,
			    c->max_record);
			if (status == NS_EXIT_OK)
				status = NS_EXIT_BAD;
			stop = c->strict;
			continue;
		case NS_READ_LINE:
			break;
		}
		/* A line of spaces, tabs or a CR carries no record; any
		 * other white space (NBSP, form feed) is a bad line. */
		if (ascii_blank(in.line, in.len))
			continue;
		rec = ns_json_parse(in.line, in.len, err, sizeof(err));
		if (rec != NULL && (rc = fn(rec, ctx, err, sizeof(err))) < 0) {
			json_decref(rec);
			rec = NULL;
		}
		if (rec == NULL) {
			ns_reject(c, &in, in.line, in.len, err);
			if (status == NS_EXIT_OK)
				status = NS_EXIT_BAD;
			stop = c->strict;
			continue;
		}
		if (rc == NS_REC_WRITE && ns_json_write(stdout, rec) < 0)
			ns_write_error();
		json_decref(rec);
		ns_output_check(c);
	}
	ns_input_free(&in);
	return status;
}
