/* mbox.c: a mailbox (mbox) read a line at a time, and quoted-printable.
 *
 * A "From " line (the sender and an asctime date) at the start of the input
 * or after a blank line opens a message. Its header block and the headers
 * of every MIME part, the multipart preamble, boundary lines and epilogue,
 * and the body of any part that is not plain text (the HTML alternative,
 * attachments) are the mail's furniture; the text of a text/plain part (or
 * of a message with no MIME) is text, decoded when its part says
 * "Content-Transfer-Encoding: quoted-printable" (RFC 2045, 6.7), and
 * unescaped ">From " (mboxrd). Header values are not decoded (RFC 2047
 * words stay as written): they are furniture anyway. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ns.h"

#define FROM_LINE "From \\S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +" \
	"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d{1,2} +" \
	"\\d{1,2}:\\d\\d(?::\\d\\d)?(?: +\\S+)? +\\d{4}\\b"

enum { ST_OFF, ST_HEAD, ST_PHEAD, ST_BODY };
enum { PART_TEXT, PART_FURN, PART_MULTI };

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;	/* lowercase: RFC 2045 asks readers to
					 * accept it */
	return -1;
}

size_t
ns_qp_decode(struct ns_buf *out, const char *s, size_t n, int *soft)
{
	size_t i, start = out->len;
	int hi, lo;

	/* Trailing white space is transport padding (RFC 2045, rule 3). */
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	*soft = n > 0 && s[n - 1] == '=';
	if (*soft)
		n--;
	for (i = 0; i < n; i++) {
		if (s[i] == '=' && i + 2 < n &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			ns_buf_addc(out, hi << 4 | lo);
			i += 2;
		} else
			ns_buf_addc(out, s[i]);	/* a bad "=": kept as written */
	}
	return out->len - start;
}

/* Does s open with "name:" for a header field name (printable ASCII, no
 * space or colon)? Returns the name's length, 0 if not. */
static size_t
field_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 80; i++) {
		if (s[i] == ':')
			return i;
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] > '~')
			return 0;
	}
	return 0;
}

/* Fields a header block has: a blank line inside a header block that
 * goes on with one of them (a folded line lost its text) does not end it. */
static int
known_field(const char *s, size_t k)
{
	static const char *const names[] = { "from", "to", "cc", "bcc",
	    "subject", "date", "sender", "reply-to", "message-id",
	    "mime-version", "received", "return-path", "delivered-to",
	    "in-reply-to", "references", "dkim-signature",
	    "authentication-results", "precedence", "user-agent",
	    "thread-topic", "thread-index", "importance", "organization" };
	static const char *const prefixes[] = { "content-", "x-", "list-",
	    "arc-", "received-" };
	size_t i, l;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == k && strncasecmp(s, names[i], k) == 0)
			return 1;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		l = strlen(prefixes[i]);
		if (k > l && strncasecmp(s, prefixes[i], l) == 0)
			return 1;
	}
	return 0;
}

int
ns_mbox_from_line(struct ns_mbox *m, const char *s, size_t n)
{
	int err, rc;
	PCRE2_SIZE off;

	if (n < 5 || memcmp(s, "From ", 5) != 0)
		return 0;
	if (m->re == NULL) {
		m->re = pcre2_compile((PCRE2_SPTR)FROM_LINE,
		    PCRE2_ZERO_TERMINATED, PCRE2_ANCHORED, &err, &off, NULL);
		if (m->re == NULL)
			ns_errx(NS_EXIT_FATAL, "out of memory");
		pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE);
		m->md = pcre2_match_data_create_from_pattern(m->re, NULL);
		if (m->md == NULL)
			ns_errx(NS_EXIT_FATAL, "out of memory");
	}
	rc = pcre2_match(m->re, (PCRE2_SPTR)s, n, 0, 0, m->md, NULL);
	return rc > 0;
}

/* The value of parameter name (lowercase) in a Content-Type value, into
 * out; 0 if it has none. */
static int
param(const char *v, size_t n, const char *name, struct ns_buf *out)
{
	size_t i = 0, k = strlen(name), e;
	int quoted;

	ns_buf_reset(out);
	while (i < n) {
		for (quoted = 0; i < n && (quoted || v[i] != ';'); i++)
			if (v[i] == '"')
				quoted = !quoted;
		if (i >= n)
			return 0;
		i++;
		while (i < n && (v[i] == ' ' || v[i] == '\t'))
			i++;
		if (n - i > k && strncasecmp(v + i, name, k) == 0 &&
		    v[i + k] == '=') {
			i += k + 1;
			if (i < n && v[i] == '"') {
				for (e = ++i; e < n && v[e] != '"'; e++)
					;
			} else
				for (e = i; e < n && v[e] != ';' && v[e] != ' '
				    && v[e] != '\t'; e++)
					;
			ns_buf_add(out, v + i, e - i);
			return e > i;
		}
	}
	return 0;
}

/* A header field is complete (folded lines joined): note what it says of
 * the part. */
static void
take_field(struct ns_mbox *m)
{
	const char *v = m->fld.p;
	size_t n = m->fld.len, k = field_name(v, n), i;

	if (k == 0)
		return;
	for (i = k + 1; i < n && (v[i] == ' ' || v[i] == '\t'); i++)
		;
	if (k == 12 && strncasecmp(v, "content-type", 12) == 0) {
		if (n - i >= 10 && strncasecmp(v + i, "multipart/", 10) == 0)
			m->ptype = param(v + i, n - i, "boundary", &m->tmp) &&
			    m->tmp.len <= 70 ? PART_MULTI : PART_FURN;
		else if (n - i >= 10 && strncasecmp(v + i, "text/plain",
		    10) == 0)
			m->ptype = PART_TEXT;
		else
			m->ptype = PART_FURN;
		if (m->ptype == PART_MULTI) {
			ns_buf_reset(&m->newb);
			ns_buf_add(&m->newb, m->tmp.p, m->tmp.len);
		}
	} else if (k == 25 && strncasecmp(v,
	    "content-transfer-encoding", 25) == 0)
		m->pqp = n - i >= 16 && strncasecmp(v + i, "quoted-printable",
		    16) == 0;
	else if (k == 19 && strncasecmp(v, "content-disposition", 19) == 0 &&
	    n - i >= 10 && strncasecmp(v + i, "attachment", 10) == 0)
		m->pattach = 1;
	ns_buf_reset(&m->fld);
}

/* A header block (the message's or a part's) is over. */
static void
end_headers(struct ns_mbox *m)
{
	take_field(m);
	m->state = ST_BODY;
	m->qp = m->pqp;
	m->part = m->pattach && m->ptype == PART_TEXT ? PART_FURN : m->ptype;
	if (m->ptype == PART_MULTI && m->nbnd < NS_MBOX_DEPTH) {
		ns_buf_reset(&m->bnd[m->nbnd]);
		ns_buf_add(&m->bnd[m->nbnd], m->newb.p, m->newb.len);
		m->nbnd++;
	} else if (m->ptype == PART_MULTI)
		m->part = PART_FURN;	/* too deep: left as furniture */
}

static void
new_headers(struct ns_mbox *m, int state)
{
	m->state = state;
	m->ptype = PART_TEXT;	/* the default: text/plain (RFC 2045) */
	m->pqp = 0;
	m->pattach = 0;
	m->hblank = 0;
	ns_buf_reset(&m->fld);
}

/* A line of quoted-printable text held for its soft line break goes out. */
static void
release(struct ns_mbox *m, ns_mbox_fn out, void *ctx)
{
	enum ns_mbox_role role;
	size_t i, k;

	if (!m->held)
		return;
	m->held = 0;
	/* An encoded line break ("=0D=0A", "=0A") ends a line there: no
	 * line goes out with CR or LF in it. */
	role = m->part == PART_TEXT ? NS_MBOX_TEXT : NS_MBOX_FURNITURE;
	for (i = 0, k = 0; i < m->join.len; i++) {
		if (m->join.p[i] != '\r' && m->join.p[i] != '\n')
			continue;
		out(role, 0, m->join.p + k, i - k, m->jline, m->jbyte, ctx);
		if (m->join.p[i] == '\r' && i + 1 < m->join.len &&
		    m->join.p[i + 1] == '\n')
			i++;
		k = i + 1;
	}
	out(role, 0, m->join.p + k, m->join.len - k, m->jline, m->jbyte,
	    ctx);
	ns_buf_reset(&m->join);
}

/* Is s a boundary line of an open multipart? Returns its level plus one,
 * 0 if not; *close: it closes that multipart ("--b--"). */
static size_t
boundary(const struct ns_mbox *m, const char *s, size_t n, int *close)
{
	size_t i, k;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	if (n < 3 || s[0] != '-' || s[1] != '-')
		return 0;
	for (i = m->nbnd; i-- > 0;) {
		k = m->bnd[i].len;
		if (n - 2 < k || memcmp(s + 2, m->bnd[i].p, k) != 0)
			continue;
		if (n - 2 == k) {
			*close = 0;
			return i + 1;
		}
		if (n - 2 == k + 2 && s[n - 1] == '-' && s[n - 2] == '-') {
			*close = 1;
			return i + 1;
		}
	}
	return 0;
}

/* A line of a body: text or furniture, unescaped and decoded. */
static void
body_line(struct ns_mbox *m, const char *s, size_t n, uint64_t line,
    uint64_t byte, ns_mbox_fn out, void *ctx)
{
	enum ns_mbox_role role = m->part == PART_TEXT ? NS_MBOX_TEXT :
	    NS_MBOX_FURNITURE;
	size_t k;
	int soft;

	/* mboxrd: ">From ", ">>From " ... lose one ">". */
	for (k = 0; k < n && s[k] == '>'; k++)
		;
	if (k > 0 && n - k >= 5 && memcmp(s + k, "From ", 5) == 0) {
		s++;
		n--;
		m->decoded++;
	}
	if (!m->qp) {
		out(role, 0, s, n, line, byte, ctx);
		return;
	}
	if (!m->held) {
		m->jline = line;
		m->jbyte = byte;
		ns_buf_reset(&m->join);
	}
	ns_qp_decode(&m->join, s, n, &soft);
	m->decoded++;
	m->held = 1;
	if (!soft)
		release(m, out, ctx);
}

int
ns_mbox_line(struct ns_mbox *m, const char *s, size_t n, uint64_t line,
    uint64_t byte, ns_mbox_fn out, void *ctx)
{
	int blank = ns_is_blank(s, n), after_blank = m->blank || line == 1 ||
	    m->fresh, close;
	size_t k, lvl;

	m->blank = blank;
	m->fresh = 0;
	if (!blank && after_blank && ns_mbox_from_line(m, s, n)) {
		release(m, out, ctx);
		m->nbnd = 0;
		m->held = 0;
		new_headers(m, ST_HEAD);
		out(NS_MBOX_FURNITURE, 1, s, n, line, byte, ctx);
		return 1;
	}
	if (m->state == ST_OFF)
		return 0;
	if (m->state == ST_HEAD || m->state == ST_PHEAD) {
		if (blank) {
			if (m->state == ST_PHEAD)
				end_headers(m);
			else
				m->hblank++;	/* the next line says */
			out(NS_MBOX_TEXT, 0, s, 0, line, byte, ctx);
			return 1;
		}
		if ((s[0] == ' ' || s[0] == '\t') && m->hblank == 0) {
			ns_buf_addc(&m->fld, ' ');
			k = ns_trim_left(s, n);
			ns_buf_add(&m->fld, s + k, n - k);
			out(NS_MBOX_FURNITURE, 0, s, n, line, byte, ctx);
			return 1;
		}
		k = field_name(s, n);
		if (k > 0 && (m->hblank == 0 || known_field(s, k))) {
			/* A blank line in a message's header block followed
			 * by a header field was a folded line whose text was
			 * lost: the block goes on. */
			m->hblank = 0;
			take_field(m);
			ns_buf_add(&m->fld, s, n);
			out(NS_MBOX_FURNITURE, 0, s, n, line, byte, ctx);
			return 1;
		}
		end_headers(m);	/* no blank line: the body starts here */
	}
	if (m->nbnd > 0 && (lvl = boundary(m, s, n, &close)) > 0) {
		release(m, out, ctx);
		m->nbnd = lvl;
		if (close) {
			/* The epilogue, up to an outer boundary. */
			m->nbnd--;
			m->part = PART_FURN;
			m->qp = 0;
		} else
			new_headers(m, ST_PHEAD);
		out(NS_MBOX_FURNITURE, 0, s, n, line, byte, ctx);
		return 1;
	}
	if (blank && !m->held) {
		out(NS_MBOX_TEXT, 0, s, 0, line, byte, ctx);
		return 1;
	}
	body_line(m, s, n, line, byte, out, ctx);
	return 1;
}

void
ns_mbox_flush(struct ns_mbox *m, ns_mbox_fn out, void *ctx)
{
	release(m, out, ctx);
	m->state = ST_OFF;
	m->nbnd = 0;
	m->blank = 0;
	m->fresh = 1;	/* the next input may open with a "From " line */
}

void
ns_mbox_free(struct ns_mbox *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < NS_MBOX_DEPTH; i++)
		ns_buf_free(&m->bnd[i]);
	ns_buf_free(&m->fld);
	ns_buf_free(&m->tmp);
	ns_buf_free(&m->newb);
	ns_buf_free(&m->join);
	pcre2_match_data_free(m->md);
	pcre2_code_free(m->re);
	memset(m, 0, sizeof(*m));
}
