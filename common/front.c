/* front.c: the Markdown sources of static-site generators, a line at a time.
 *
 * Hugo, Jekyll, Eleventy and Astro posts open with front matter: YAML
 * between "---" lines or TOML between "+++" lines, at the very top of the
 * file. Printed with "tail -n +1" over the files (or head), each file is
 * headed by a "==> name <==" line. A header line is a file boundary; front
 * matter is read where a file starts: at the start of the input or right
 * under a header. Its lines are held until the closing delimiter: only
 * then is it known to be front matter (a line no key, list item, table or
 * indented value would be, or a block over NS_FRONT_LINES lines, gives
 * the held lines back as text). The title key's value is the headline;
 * the other keys are the post's furniture; the YAML delimiters are
 * separators, the TOML ones furniture. */
#include <stdlib.h>
#include <string.h>

#include "ns.h"

enum { ST_OFF, ST_OPEN };

int
ns_front_header(const char *s, size_t n)
{
	return n >= 9 && memcmp(s, "==> ", 4) == 0 &&
	    memcmp(s + n - 4, " <==", 4) == 0;
}

/* Is s, trimmed on the right, nothing but the delimiter d three times? */
static int
delim(const char *s, size_t n, int d)
{
	n = ns_trim_right(s, n);
	return n == 3 && s[0] == d && s[1] == d && s[2] == d;
}

/* The length of a key at the start of s (letters, digits, "_", "-", "."),
 * 0 if none. */
static size_t
key_len(const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n && i < 64; i++) {
		c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    (c == '.' && i > 0)))
			break;
	}
	return i < 64 ? i : 0;
}

/* Could s be a line of front matter of kind d ('-' YAML, '+' TOML)? */
static int
field_line(const char *s, size_t n, int d)
{
	size_t k;

	n = ns_trim_right(s, n);
	if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == '#')
		return 1;	/* blank, an indented value, a comment */
	if (d == '-' && s[0] == '-' && (n == 1 || s[1] == ' '))
		return 1;	/* a list item under a key */
	if (d == '+' && s[0] == '[')
		return s[n - 1] == ']';	/* a table */
	if ((k = key_len(s, n)) == 0 || s[0] == '-')
		return 0;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	if (d == '-')
		return k < n && s[k] == ':' && (k + 1 == n ||
		    s[k + 1] == ' ' || s[k + 1] == '\t');
	return k + 1 < n && s[k] == '=';
}

size_t
ns_front_title(struct ns_buf *out, const char *s, size_t n)
{
	size_t k = 5, start = out->len;
	char q;

	if (n <= 5 || memcmp(s, "title", 5) != 0)
		return 0;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	if (k >= n || (s[k] != ':' && s[k] != '='))
		return 0;
	for (k++; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
		;
	n = ns_trim_right(s, n);
	if (k >= n || s[k] == '|' || s[k] == '>')
		return 0;	/* none, or a block scalar on the lines under */
	q = s[k];
	if ((q == '"' || q == '\'') && n - k >= 2 && s[n - 1] == q) {
		for (k++, n--; k < n; k++) {
			if (q == '\'' && s[k] == '\'' && k + 1 < n &&
			    s[k + 1] == '\'')
				k++;	/* YAML's '' is one quote */
			else if (q == '"' && s[k] == '\\' && k + 1 < n &&
			    (s[k + 1] == '"' || s[k + 1] == '\\'))
				k++;
			ns_buf_addc(out, s[k]);
		}
	} else
		ns_buf_add(out, s + k, n - k);
	return out->len - start;
}

/* Give the held lines back as text. */
static void
give_back(struct ns_front *f, ns_front_fn out, void *ctx)
{
	size_t i;

	f->state = ST_OFF;
	for (i = 0; i < f->nheld; i++)
		out(NS_FRONT_TEXT, f->held.p + f->hv[i].off, f->hv[i].len,
		    f->hv[i].line, f->hv[i].byte, ctx);
	f->nheld = 0;
	ns_buf_reset(&f->held);
}

static void
hold(struct ns_front *f, const char *s, size_t n, uint64_t line,
    uint64_t byte)
{
	f->hv[f->nheld].off = f->held.len;
	f->hv[f->nheld].len = n;
	f->hv[f->nheld].line = line;
	f->hv[f->nheld].byte = byte;
	f->nheld++;
	ns_buf_add(&f->held, s, n);
}

/* The front matter closed: its lines go out in their roles. */
static void
release(struct ns_front *f, ns_front_fn out, void *ctx)
{
	enum ns_front_role role;
	size_t i;
	const char *p;

	for (i = 0; i < f->nheld; i++) {
		p = f->held.p + f->hv[i].off;
		if (i == 0 || i + 1 == f->nheld)
			role = f->kind == '+' ? NS_FRONT_FURNITURE :
			    NS_FRONT_SEPARATOR;
		else if (f->hv[i].len > 5 && memcmp(p, "title", 5) == 0 &&
		    !f->titled && ns_front_title(&f->tmp, p,
		    f->hv[i].len) > 0) {
			ns_buf_reset(&f->tmp);
			role = NS_FRONT_TITLE;
			f->titled = 1;
		} else
			role = NS_FRONT_FURNITURE;
		out(role, p, f->hv[i].len, f->hv[i].line, f->hv[i].byte, ctx);
	}
	f->nheld = 0;
	f->state = ST_OFF;
	ns_buf_reset(&f->held);
}

int
ns_front_line(struct ns_front *f, const char *s, size_t n, uint64_t line,
    uint64_t byte, ns_front_fn out, void *ctx)
{
	int at_top = f->top;
	size_t k = 0;

	f->top = 0;
	if (f->state == ST_OPEN) {
		if (delim(s, n, f->kind) || (f->kind == '-' &&
		    delim(s, n, '.'))) {
			hold(f, s, n, line, byte);
			release(f, out, ctx);
			return 1;
		}
		if (f->nheld <= NS_FRONT_LINES && f->held.len + n <=
		    NS_FRONT_BYTES && field_line(s, n, f->kind)) {
			hold(f, s, n, line, byte);
			return 1;
		}
		give_back(f, out, ctx);
	}
	/* Most lines are a paragraph's: the first byte rules them out
	 * before the line is trimmed. */
	if (n > 0 && s[0] == '=' && ns_front_header(s, ns_trim_right(s,
	    n))) {
		out(NS_FRONT_HEADER, s, n, line, byte, ctx);
		f->top = 1;
		return 1;
	}
	if (!at_top && line > 1)
		return 0;
	if (line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		k = 3;
	if (delim(s + k, n - k, '-') || delim(s + k, n - k, '+')) {
		f->state = ST_OPEN;
		f->kind = s[k];
		f->titled = 0;
		hold(f, s, n, line, byte);
		return 1;
	}
	return 0;
}

void
ns_front_flush(struct ns_front *f, ns_front_fn out, void *ctx)
{
	if (f->state == ST_OPEN)
		give_back(f, out, ctx);
	f->top = 0;
}

void
ns_front_free(struct ns_front *f)
{
	ns_buf_free(&f->held);
	ns_buf_free(&f->tmp);
}
