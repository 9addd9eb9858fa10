/* jsonl.c: JSON-lines records in and out (jansson), and the record loop
 * every JSON-lines tool runs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"

/* jansson's message for a line it refused, told plainly where it is not
 * plain: a NUL byte outside a string ends jansson's input there ("near
 * end of file"), and a byte order mark in the middle of a stream (files
 * joined by cat) is an invisible "invalid token". Control characters in
 * the text it quotes are written as \xNN, not sent to the terminal. */
static void
parse_error(const char *line, size_t len, const json_error_t *je, char *err,
    size_t errsz)
{
	char text[4 * JSON_ERROR_TEXT_LENGTH];
	const char *nul = memchr(line, '\0', len);
	size_t i, n = 0;

	if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0 &&
	    je->column <= 1) {
		snprintf(err, errsz, "invalid JSON at column 1: a byte order "
		    "mark (U+FEFF) not at the start of the input");
		return;
	}
	if (nul != NULL && je->position >= nul - line &&
	    strstr(je->text, "end of file") != NULL) {
		snprintf(err, errsz, "invalid JSON at column %d: a NUL byte",
		    je->column);
		return;
	}
	if (strstr(je->text, "JSON_ALLOW_NUL") != NULL) {
		snprintf(err, errsz, "invalid JSON at column %d: \\u0000 in a "
		    "string", je->column);
		return;
	}
	for (i = 0; je->text[i] != '\0' && n + 5 < sizeof(text); i++) {
		unsigned char c = (unsigned char)je->text[i];

		if (c < 0x20 || c == 0x7f)
			n += (size_t)snprintf(text + n, sizeof(text) - n,
			    "\\x%02x", c);
		else
			text[n++] = (char)c;
	}
	text[n] = '\0';
	snprintf(err, errsz, "invalid JSON at column %d: %s", je->column, text);
}

json_t *
ns_json_parse(const char *line, size_t len, char *err, size_t errsz)
{
	json_error_t je;
	json_t *v;

	/* Duplicate keys are rejected: which value to pass on would be a
	 * guess, and a guess would change the record silently. */
	v = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &je);
	/* An integer past 64 bits is read again as a real rather than
	 * refused: the tools never compute with fields they do not own, and
	 * copy those from the line as they were (ns_json_write_raw). Only
	 * then, so that integers elsewhere stay integers. */
	if (v == NULL && strstr(je.text, "too big integer") != NULL)
		v = json_loadb(line, len, JSON_REJECT_DUPLICATES |
		    JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &je);
	if (v == NULL) {
		parse_error(line, len, &je, err, errsz);
		return NULL;
	}
	if (!json_is_object(v)) {
		snprintf(err, errsz, "not a JSON object");
		json_decref(v);
		return NULL;
	}
	return v;
}

/* jansson hands over a record's JSON a few bytes at a time (a key, a
 * quote, a comma): the common case, room left, is done here. */
static int
add_to_buf(const char *s, size_t n, void *data)
{
	struct ns_buf *b = data;

	if (n < b->cap - b->len) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
		b->p[b->len] = '\0';
	} else
		ns_buf_add(b, s, n);
	return 0;
}

static _Thread_local struct ns_buf write_b;

int
ns_json_write(FILE *out, const json_t *obj)
{

	/* One fwrite per record: jansson's own FILE output writes token by
	 * token. The buffer lives as long as the program. */
	ns_buf_reset(&write_b);
	if (json_dump_callback(obj, add_to_buf, &write_b, JSON_COMPACT) != 0) {
		errno = ENOMEM;
		return -1;
	}
	ns_buf_addc(&write_b, '\n');
	if (fwrite(write_b.p, 1, write_b.len, out) != write_b.len)
		return -1;
	return 0;
}

/* ---- members of a JSON object text, found without a second parse ----
 * The line was accepted by jansson, so it is a well-formed object: only
 * the extent of each member needs finding. */

struct member {
	size_t	 ks, ke;	/* the key, quotes included */
	size_t	 vs, ve;	/* the value */
};

static size_t
skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r'))
		i++;
	return i;
}

/* i at an opening quote: the offset after the closing one: the first
 * quote after it with an even run of backslashes before it. */
static size_t
skip_string(const char *s, size_t n, size_t i)
{
	const char *q;
	size_t k, bs;

	for (k = i + 1; k < n; k = (size_t)(q - s) + 1) {
		q = memchr(s + k, '"', n - k);
		if (q == NULL)
			return n;
		for (bs = 0; q - bs > s + k && q[-1 - (long)bs] == '\\'; bs++)
			;
		if (bs % 2 == 0)
			return (size_t)(q - s) + 1;
	}
	return n;
}

static size_t
skip_value(const char *s, size_t n, size_t i)
{
	size_t depth = 0;

	if (i < n && s[i] == '"')
		return skip_string(s, n, i);
	if (i < n && s[i] != '{' && s[i] != '[') {
		while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
		    s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			i++;
		return i;
	}
	while (i < n) {
		if (s[i] == '"') {
			i = skip_string(s, n, i);
			continue;
		}
		if (s[i] == '{' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return n;
}

static size_t
scan_members(const char *s, size_t n, struct member **v, size_t *cap)
{
	size_t i = skip_ws(s, n, 0), count = 0;

	if (i >= n || s[i] != '{')
		return 0;
	for (i++;;) {
		i = skip_ws(s, n, i);
		if (i >= n || s[i] != '"')
			break;
		if (count == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*v = ns_xreallocarray(*v, *cap, sizeof(**v));
		}
		(*v)[count].ks = i;
		i = skip_string(s, n, i);
		(*v)[count].ke = i;
		i = skip_ws(s, n, i);
		if (i < n && s[i] == ':')
			i++;
		i = skip_ws(s, n, i);
		(*v)[count].vs = i;
		i = skip_value(s, n, i);
		(*v)[count].ve = i;
		count++;
		i = skip_ws(s, n, i);
		if (i < n && s[i] == ',')
			i++;
	}
	return count;
}

/* Append s[a..e), a key or value scan_members() found, without the white
 * space between tokens. A string is all of s[a..e) (skip_value() ended it
 * at its closing quote), copied without looking for its end again. */
static void
add_compact(struct ns_buf *b, const char *s, size_t a, size_t e)
{
	size_t i, j;

	if (a < e && s[a] == '"') {
		ns_buf_add(b, s + a, e - a);
		return;
	}
	for (i = a; i < e; ) {
		if (s[i] == '"') {
			j = skip_string(s, e, i);
			ns_buf_add(b, s + i, j - i);
			i = j;
		} else if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r')
			i++;
		else {
			for (j = i; j < e && s[j] != '"' && s[j] != ' ' &&
			    s[j] != '\t' && s[j] != '\n' && s[j] != '\r'; j++)
				;
			ns_buf_add(b, s + i, j - i);
			i = j;
		}
	}
}

/* Which of owned key is, + 1; 0: none. */
static size_t
owned_index(const char *key, const char *const *owned)
{
	size_t j;

	for (j = 0; owned && owned[j]; j++)
		if (strcmp(key, owned[j]) == 0)
			return j + 1;
	return 0;
}

void
ns_json_snap(struct ns_owned_snap *snap, json_t *rec,
    const char *const *owned)
{
	size_t j;

	memset(snap, 0, sizeof(*snap));
	for (j = 0; owned && owned[j] && j < NS_OWNED_MAX; j++)
		snap->v[j] = json_incref(json_object_get(rec, owned[j]));
}

void
ns_json_snap_free(struct ns_owned_snap *snap)
{
	size_t j;

	for (j = 0; j < NS_OWNED_MAX; j++) {
		json_decref(snap->v[j]);
		snap->v[j] = NULL;
	}
}

/* Does the raw key s[a..b) (quotes included) spell key? Escaped keys are
 * taken on trust: jansson kept the members in their order. */
static int
same_key(const char *s, size_t a, size_t b, const char *key)
{
	size_t n = b - a - 2;

	if (memchr(s + a + 1, '\\', n) != NULL)
		return 1;
	return strlen(key) == n && memcmp(s + a + 1, key, n) == 0;
}

int ns_json_real_digits;

/* The member value ns_json_set_text() gave as text: the object that
 * stands for it in the record (one a thread, an empty array that nothing
 * else holds) and the text, until the record is written. */
static _Thread_local json_t *text_v;
static _Thread_local const char *text_p;
static _Thread_local size_t text_n;


int
ns_json_format_raw(struct ns_buf *b, const json_t *obj, const char *line,
    size_t len, const char *const *owned, const struct ns_owned_snap *snap)
{
	static _Thread_local struct member *m;
	static _Thread_local size_t cap;
	size_t count, i = 0, j;
	const char *key;
	json_t *value, *k;

	if (obj == NULL) {		/* ns_thread_done() */
		free(m);
		m = NULL;
		cap = 0;
		return 0;
	}
	count = scan_members(line, len, &m, &cap);
	ns_buf_addc(b, '{');
	json_object_foreach((json_t *)obj, key, value) {
		if (i > 0)
			ns_buf_addc(b, ',');
		j = owned_index(key, owned);
		/* An owned string still the one read is as it was read
		 * (held by snap, so not a new one at the same address). */
		if (i < count && (j == 0 || (snap != NULL && j <= NS_OWNED_MAX &&
		    snap->v[j - 1] == value && json_is_string(value)))) {
			/* Members keep their places (jansson keeps their
			 * order, refuses duplicates, and the tools only
			 * replace or append): anything else is a bug. */
			if (!same_key(line, m[i].ks, m[i].ke, key))
				ns_errx(NS_EXIT_FATAL, "internal error: member "
				    "%zu is not \"%s\"", i, key);
			add_compact(b, line, m[i].ks, m[i].ke);
			ns_buf_addc(b, ':');
			add_compact(b, line, m[i].vs, m[i].ve);
		} else if (value == text_v && text_p != NULL) {
			ns_json_add_string(b, key, strlen(key));
			ns_buf_addc(b, ':');
			ns_buf_add(b, text_p, text_n);
		} else {
			k = json_string(key);
			if (k == NULL || json_dump_callback(k, add_to_buf, b,
			    JSON_COMPACT | JSON_ENCODE_ANY) != 0 ||
			    (ns_buf_addc(b, ':'), 0) ||
			    json_dump_callback(value, add_to_buf, b,
			    JSON_COMPACT | JSON_ENCODE_ANY |
			    JSON_REAL_PRECISION(ns_json_real_digits)) != 0) {
				json_decref(k);
				errno = ENOMEM;
				return -1;
			}
			json_decref(k);
		}
		i++;
	}
	ns_buf_add(b, "}\n", 2);
	return 0;
}

static _Thread_local struct ns_buf raw_b;

int
ns_json_write_raw(FILE *out, const json_t *obj, const char *line,
    size_t len, const char *const *owned, const struct ns_owned_snap *snap)
{

	ns_buf_reset(&raw_b);
	if (ns_json_format_raw(&raw_b, obj, line, len, owned, snap) < 0)
		return -1;
	if (fwrite(raw_b.p, 1, raw_b.len, out) != raw_b.len)
		return -1;
	return 0;
}

/* The string ns_json_add_string() dumps, given each new value in turn:
 * a sentence of ns-split is one, and a new object for each would be two
 * allocations more and two frees. */
static _Thread_local json_t *add_v;

void
ns_json_add_string(struct ns_buf *b, const char *s, size_t n)
{
	if (add_v == NULL)
		add_v = ns_json_str(s, n);
	else if (json_string_setn_nocheck(add_v, s, n) != 0)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	if (json_dump_callback(add_v, add_to_buf, b, JSON_ENCODE_ANY) != 0)
		ns_errx(NS_EXIT_FATAL, "out of memory");
}

void
ns_json_add_value(struct ns_buf *b, const json_t *v)
{
	if (json_dump_callback(v, add_to_buf, b, JSON_COMPACT |
	    JSON_ENCODE_ANY | JSON_REAL_PRECISION(ns_json_real_digits)) != 0)
		ns_errx(NS_EXIT_FATAL, "out of memory");
}

void
ns_json_set_text(json_t *rec, const char *key, const char *text, size_t n)
{
	if (text_v == NULL && (text_v = json_array()) == NULL)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	if (json_object_set(rec, key, text_v) != 0)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	text_p = text;
	text_n = n;
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

int
ns_line_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

void
ns_report_toolong(const struct ns_common *c, const struct ns_input *in)
{
	ns_warnx("%s:%llu: line of %zu bytes is over --max-record-bytes (%zu)",
	    in->name, (unsigned long long)in->lineno, in->toolong,
	    c->max_record);
}

int
ns_record_text(json_t *rec, json_t **text, json_t **title, char *err,
    size_t errsz)
{
	*text = json_object_get(rec, "text");
	*title = json_object_get(rec, "title");
	if (*text == NULL) {
		snprintf(err, errsz, "no \"text\" field");
		return -1;
	}
	if (!json_is_string(*text)) {
		snprintf(err, errsz, "\"text\" is not a string");
		return -1;
	}
	if (*title != NULL && !json_is_string(*title)) {
		if (!json_is_null(*title)) {
			snprintf(err, errsz, "\"title\" is not a string");
			return -1;
		}
		*title = NULL;
	}
	return 0;
}

int
ns_jsonl_transform(const char *s, size_t n, ns_record_fn fn, void *ctx,
    const char *const *owned, struct ns_buf *out, char *err, size_t errsz)
{
	struct ns_owned_snap snap;
	json_t *rec;
	int rc;

	if ((rec = ns_json_parse(s, n, err, errsz)) == NULL)
		return -1;
	ns_json_snap(&snap, rec, owned);
	rc = fn(rec, ctx, err, errsz);
	if (rc == NS_REC_WRITE && ns_json_format_raw(out, rec, s, n, owned,
	    &snap) < 0)
		ns_errx(NS_EXIT_FATAL, "out of memory");
	ns_json_snap_free(&snap);
	json_decref(rec);
	text_p = NULL;	/* the text given for this record only */
	return rc < 0 ? -1 : rc;
}

int
ns_jsonl_run(struct ns_common *c, char **files, int nfiles, ns_record_fn fn,
    void *ctx, const char *const *owned)
{
	struct ns_input in;
	char err[512];
	int status = NS_EXIT_OK, stop = 0, rc;

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
			ns_report_toolong(c, &in);
			if (status == NS_EXIT_OK)
				status = NS_EXIT_BAD;
			stop = c->strict;
			continue;
		case NS_READ_LINE:
			break;
		}
		/* A line of spaces, tabs or a CR carries no record; any
		 * other white space (NBSP, form feed) is a bad line. */
		if (ns_line_blank(in.line, in.len)) {
			ns_progress_add(c, in.len, 1);
			continue;
		}
		ns_progress_add(c, in.len, 0);
		ns_buf_reset(&raw_b);
		rc = ns_jsonl_transform(in.line, in.len, fn, ctx, owned, &raw_b,
		    err, sizeof(err));
		if (rc < 0) {
			ns_reject(c, &in, in.line, in.len, err);
			if (status == NS_EXIT_OK)
				status = NS_EXIT_BAD;
			stop = c->strict;
			continue;
		}
		/* Nothing when the transform wrote the record itself. */
		if (raw_b.len > 0 &&
		    fwrite(raw_b.p, 1, raw_b.len, stdout) != raw_b.len)
			ns_write_error();
		ns_output_check(c);
	}
	ns_input_free(&in);
	ns_progress_end(c);
	return status;
}

void
ns_jsonl_thread_free(void)
{
	ns_buf_free(&write_b);
	ns_buf_free(&raw_b);
	json_decref(add_v);
	add_v = NULL;
	json_decref(text_v);
	text_v = NULL;
	text_p = NULL;
	(void)ns_json_format_raw(NULL, NULL, NULL, 0, NULL, NULL);
}
