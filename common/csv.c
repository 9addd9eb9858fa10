/* csv.c: a CSV or TSV table read a line at a time (RFC 4180 quoting, as
 * pandas and spreadsheets write it), and the header row that makes a dump
 * a scraper's export of articles. */
#include <stdlib.h>
#include <string.h>

#include "ns.h"

enum { AT_START, UNQUOTED, QUOTED, QUOTE, CLOSED };

/* Header names of the columns ns-split reads, caseless. */
static const char *const title_names[] = { "title", "headline", NULL };
static const char *const text_names[] = { "text", "body", "content",
	"article", "maintext", "article_text", "body_text", "full_text",
	NULL };
static const char *const url_names[] = { "url", "link", NULL };

static void
end_field(struct ns_csv *c)
{
	if (c->nf == c->capf) {
		c->capf = c->capf ? 2 * c->capf : 16;
		c->fend = ns_xreallocarray(c->fend, c->capf, sizeof(*c->fend));
	}
	c->fend[c->nf++] = c->buf.len;
}

static void
put(struct ns_csv *c, const char *s, size_t n)
{
	if (c->over)
		return;
	if (c->max > 0 && c->buf.len + n > c->max) {
		/* Memory stays bounded: the row is read on, kept no more. */
		c->over = 1;
		return;
	}
	ns_buf_add(&c->buf, s, n);
}

static void
set_error(struct ns_csv *c, enum ns_csv_error e, uint64_t line)
{
	if (c->err == NS_CSV_OK) {
		c->err = e;
		c->err_line = line;
	}
}

int
ns_csv_line(struct ns_csv *c, const char *s, size_t n, uint64_t line,
    uint64_t byte)
{
	size_t i, run;

	if (c->lines == 0) {
		ns_buf_reset(&c->buf);
		c->nf = 0;
		c->state = AT_START;
		c->line = line;
		c->byte = byte;
		c->err = NS_CSV_OK;
		c->err_line = 0;
		c->over = 0;
	} else
		put(c, "\n", 1);	/* a line break inside a quoted field */
	c->lines++;
	for (i = 0; i < n; i++) {
		switch (c->state) {
		case AT_START:
			if (s[i] == '"') {
				c->state = QUOTED;
				c->qline = line;
				break;
			}
			c->state = UNQUOTED;
			/* FALLTHROUGH */
		case UNQUOTED:
			if (s[i] == c->delim) {
				end_field(c);
				c->state = AT_START;
				break;
			}
			/* Copy the run up to the next delimiter at once; a
			 * quote inside an unquoted field is kept as it is. */
			for (run = i; run < n && s[run] != c->delim; run++)
				;
			put(c, s + i, run - i);
			i = run - 1;
			break;
		case QUOTED:
			if (s[i] == '"') {
				c->state = QUOTE;
				break;
			}
			for (run = i; run < n && s[run] != '"'; run++)
				;
			put(c, s + i, run - i);
			i = run - 1;
			break;
		case QUOTE:
			if (s[i] == '"') {
				put(c, "\"", 1);	/* "" is a quote */
				c->state = QUOTED;
			} else if (s[i] == c->delim) {
				end_field(c);
				c->state = AT_START;
			} else {
				/* "ab"c: keep the text, say the row is
				 * malformed. */
				set_error(c, NS_CSV_AFTER_QUOTE, line);
				put(c, s + i, 1);
				c->state = UNQUOTED;
			}
			break;
		}
	}
	if (c->state == QUOTED)
		return 0;
	end_field(c);
	c->lines = 0;
	return 1;
}

int
ns_csv_end(struct ns_csv *c)
{
	if (c->lines == 0)
		return 0;
	end_field(c);
	c->lines = 0;
	set_error(c, NS_CSV_UNTERMINATED, c->qline);
	return 1;
}

const char *
ns_csv_field(const struct ns_csv *c, size_t i, size_t *len)
{
	size_t start;

	if (i >= c->nf || c->over) {
		*len = 0;
		return "";
	}
	start = i > 0 ? c->fend[i - 1] : 0;
	*len = c->fend[i] - start;
	return c->buf.p ? c->buf.p + start : "";
}

static int
name_in(const char *s, size_t n, const char *const *names)
{
	size_t i, k;

	for (i = 0; names[i] != NULL; i++) {
		if (strlen(names[i]) != n)
			continue;
		for (k = 0; k < n; k++)
			if ((s[k] | 0x20) != names[i][k])
				break;
		if (k == n)
			return 1;
	}
	return 0;
}

/* A column name: a letter, then letters, digits, '_', '-', '.' or single
 * spaces, 40 bytes at most. Prose has a space after its commas. */
static int
column_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 40 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		return 0;
	for (i = 1; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
		    ch == '.' || (ch == ' ' && s[i - 1] != ' ' && i + 1 < n))
			continue;
		return 0;
	}
	return 1;
}

int
ns_csv_header(struct ns_csv *c, const char *s, size_t n)
{
	size_t i, len, title = SIZE_MAX, text = SIZE_MAX, url = SIZE_MAX;
	const char *f;

	if (n < 5 || n > 2000)
		return 0;
	c->delim = memchr(s, '\t', n) != NULL ? '\t' : ',';
	if (memchr(s, c->delim, n) == NULL)
		return 0;
	c->lines = 0;
	c->max = 0;
	if (!ns_csv_line(c, s, n, 0, 0) || c->err != NS_CSV_OK) {
		c->lines = 0;
		return 0;
	}
	for (i = 0; i < c->nf; i++) {
		f = ns_csv_field(c, i, &len);
		if (!column_name(f, len))
			return 0;
		if (title == SIZE_MAX && name_in(f, len, title_names))
			title = i;
		else if (text == SIZE_MAX && name_in(f, len, text_names))
			text = i;
		else if (url == SIZE_MAX && name_in(f, len, url_names))
			url = i;
	}
	if (title == SIZE_MAX || text == SIZE_MAX)
		return 0;
	c->ncols = c->nf;
	c->title = title;
	c->text = text;
	c->url = url;
	return 1;
}

const char *
ns_csv_error_text(enum ns_csv_error e)
{
	switch (e) {
	case NS_CSV_OK:
		return "no error";
	case NS_CSV_AFTER_QUOTE:
		return "text after a closing quote";
	case NS_CSV_UNTERMINATED:
		return "quoted field not closed at the end of the input";
	}
	return "?";
}

void
ns_csv_free(struct ns_csv *c)
{
	ns_buf_free(&c->buf);
	free(c->fend);
	memset(c, 0, sizeof(*c));
}
