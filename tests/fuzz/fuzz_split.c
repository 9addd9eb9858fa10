/* fuzz_split.c: raw bytes through the input layer (input.c) and the
 * splitter (split.c), as ns-split reads a dump, with every article checked
 * and cut into paragraphs and sentences.
 *
 * The input is read twice. First as two operands of a regular file (a
 * memfd), with --max-record-bytes 4096 so that over-long lines and article
 * cuts happen, every line going to the splitter. Then as standard input
 * from a socket that hands it out in small, uneven reads (a SEQPACKET
 * socket returns one packet a read, so the cuts are the same on every
 * run), with a smaller limit: the paths that a regular file never takes
 * (a BOM in two reads, a line over many reads, a CR at the end of a read).
 * Both reads are checked event by event against the bytes. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE		/* memfd_create() */
#endif
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz.h"

#define MAX 4096		/* --max-record-bytes of the file run */

static struct ns_rules rules;
static int file_fd = -1;
static char path[64];

/* ---- the bytes in a file, and in a socket ---- */

#ifndef __linux__
static void
remove_file(void)
{
	unlink(path);
}
#endif

static void
setup(void)
{
	char err[600];

	if (ns_rules_parse(&rules, ns_builtin_rules, ns_builtin_rules_len,
	    "built-in rules", err, sizeof(err)) < 0)
		fuzz_fail("builtin-rules", err, __FILE__, __LINE__, 0);
#ifdef __linux__
	file_fd = memfd_create("ns-fuzz-split", 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", file_fd);
#else
	snprintf(path, sizeof(path), "/tmp/ns-fuzz-split-XXXXXX");
	file_fd = mkstemp(path);
	atexit(remove_file);
#endif
	FUZZ_ASSERT(file_fd >= 0, "setup-file");
}

static void
put_file(const uint8_t *data, size_t size)
{
	size_t done = 0;
	ssize_t w;

	FUZZ_ASSERT(ftruncate(file_fd, 0) == 0, "setup-file");
	while (done < size) {
		w = pwrite(file_fd, data + done, size - done, (off_t)done);
		FUZZ_ASSERT(w > 0, "setup-file");
		done += (size_t)w;
	}
}

struct feeder {
	int	 fd;
	const uint8_t *data;
	size_t	 size;
	uint64_t seed;
};

static uint64_t
next_rand(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Send the bytes as packets of 1 to 8192 bytes, mostly small. */
static void *
feed(void *arg)
{
	struct feeder *f = arg;
	size_t i = 0, k;
	uint64_t r;
	ssize_t w;

	while (i < f->size) {
		r = next_rand(&f->seed);
		switch (r & 7) {
		case 0: case 1: case 2:
			k = 1 + (r >> 8) % 3;
			break;
		case 3: case 4:
			k = 1 + (r >> 8) % 16;
			break;
		case 5: case 6:
			k = 1 + (r >> 8) % 512;
			break;
		default:
			k = 1 + (r >> 8) % 8192;
			break;
		}
		if (k > f->size - i)
			k = f->size - i;
		w = send(f->fd, f->data + i, k, MSG_NOSIGNAL);
		if (w <= 0)
			break;	/* the reader went away; it says why */
		i += (size_t)w;
	}
	close(f->fd);
	return NULL;
}

static uint64_t
hash(const uint8_t *d, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ d[i]) * 1099511628211ull;
	return h ? h : 1;
}

/* ---- what every read event must be, from the bytes alone ---- */

struct oracle {
	const uint8_t *d;
	size_t	 n;
	size_t	 max;
	size_t	 pos;		/* where the next line starts */
	uint64_t lineno;
	FILE	*bad;		/* what the reader copied over-long lines to */
	char	*badp;
	size_t	 badn, badseen;
};

static void
oracle_start(struct oracle *o)
{
	o->pos = o->n >= 3 && memcmp(o->d, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	o->lineno = 0;
}

static void
oracle_event(struct oracle *o, enum ns_read r, const struct ns_input *in)
{
	size_t len, e, i;

	switch (r) {
	case NS_READ_LINE:
	case NS_READ_TOOLONG:
		len = r == NS_READ_LINE ? in->len : in->toolong;
		FUZZ_CHECK(in->lineno == o->lineno + 1, "input-lineno");
		o->lineno++;
		FUZZ_ASSERT(in->offset == o->pos, "input-offset");
		FUZZ_ASSERT(len <= o->n - o->pos, "input-length");
		e = o->pos + len;
		for (i = o->pos; i < e; i++)
			FUZZ_CHECK(o->d[i] != '\n' && o->d[i] != '\r',
			    "input-eol-in-line");
		FUZZ_CHECK(e == o->n || o->d[e] == '\n' || o->d[e] == '\r',
		    "input-eol");
		if (r == NS_READ_LINE) {
			FUZZ_CHECK(len <= o->max, "input-max");
			FUZZ_CHECK(len == 0 ||
			    memcmp(in->line, o->d + o->pos, len) == 0,
			    "input-bytes");
		} else {
			FUZZ_CHECK(len > o->max, "input-max");
			FUZZ_ASSERT(fflush(o->bad) == 0, "setup-memstream");
			FUZZ_CHECK(o->badn == o->badseen + len + 1,
			    "input-bad-lines");
			FUZZ_CHECK(o->badn < o->badseen + len + 1 ||
			    (memcmp(o->badp + o->badseen, o->d + o->pos,
			    len) == 0 && o->badp[o->badseen + len] == '\n'),
			    "input-bad-lines");
			o->badseen = o->badn;
		}
		if (e < o->n && o->d[e] == '\r' && e + 1 < o->n &&
		    o->d[e + 1] == '\n')
			o->pos = e + 2;
		else
			o->pos = e < o->n ? e + 1 : e;
		break;
	case NS_READ_FILEEND:
		FUZZ_CHECK(o->pos == o->n, "input-lost-bytes");
		oracle_start(o);
		break;
	case NS_READ_ERROR:
		FUZZ_ASSERT(0, "input-error");
		break;
	case NS_READ_EOF:
		break;
	}
}

/* ---- lines in, lines out: the splitter loses and invents nothing ---- */

struct str {
	char	*p;
	size_t	 n;
};

struct strs {
	struct str *v;
	size_t	 n, cap;
};

/* The README's emoji flag that may open a title ("🔴 ", "⚡️ "): symbols
 * from U+2190 (category So, not U+FFFD), with U+FE0F and U+200D among
 * them, then spaces and text: where the text starts; else 0. The title
 * drops it, so every line is compared without it. */
static size_t
flag_end(const char *s, size_t n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i = 0;
	int sym = 0;

	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0)
			break;
		if (c != 0xfe0f && c != 0x200d) {
			if (c < 0x2190 || c == 0xfffd ||
			    utf8proc_category(c) != UTF8PROC_CATEGORY_SO)
				break;
			sym = 1;
		}
		i += (size_t)k;
	}
	if (!sym || i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i < n ? i : 0;
}

/* Keep s[0..n-1] without its leading white space and emoji flag. */
static void
strs_add(struct strs *a, const char *s, size_t n)
{
	size_t lead = ns_trim_left(s, n);

	lead += flag_end(s + lead, n - lead);

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = ns_xreallocarray(a->v, a->cap, sizeof(*a->v));
	}
	a->v[a->n].p = ns_xstrndup(s + lead, n - lead);
	a->v[a->n].n = n - lead;
	a->n++;
}

static void
strs_clear(struct strs *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i].p);
	a->n = 0;
}

static int
cmp_str(const void *x, const void *y)
{
	const struct str *a = x, *b = y;
	int c = memcmp(a->p, b->p, a->n < b->n ? a->n : b->n);

	if (c != 0)
		return c;
	return (a->n > b->n) - (a->n < b->n);
}

/* The README's separator line: three or more of one of - = * # _ ~, a
 * bullet, a dash or a box-drawing rule, spaces between them allowed; or
 * the wires' END, ENDS, (END), (ENDS), or 30 between dashes; or Nexis
 * Uni's "End of Document". */
static int
separator(const char *s, size_t n)
{
	utf8proc_int32_t c, first = -1;
	utf8proc_ssize_t k;
	size_t i, count = 0, d;
	static const char *const ends[] = { "END", "ENDS", "(END)", "(ENDS)",
	    "End of Document" };

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (strlen(ends[i]) == n && memcmp(ends[i], s, n) == 0)
			return 1;
	for (d = 0; d < n && (s[d] == '-' || s[d] == ' '); d++)
		;
	if (memchr(s, '-', d) != NULL && d + 2 <= n && s[d] == '3' &&
	    s[d + 1] == '0') {
		for (i = d + 2; i < n && (s[i] == '-' || s[i] == ' '); i++)
			;
		if (i == n && memchr(s + d + 2, '-', n - d - 2) != NULL)
			return 1;
	}

	for (i = 0; i < n; i += (size_t)k) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0)
			return 0;
		if (c == ' ')
			continue;
		if (first < 0) {
			if (c != '-' && c != '=' && c != '*' && c != '#' &&
			    c != '_' && c != '~' && c != 0x2022 &&
			    c != 0x2013 && c != 0x2014 && c != 0x2015 &&
			    c != 0x2500 && c != 0x2501 && c != 0x2550)
				return 0;
			first = c;
		} else if (c != first)
			return 0;
		count++;
	}
	return count >= 3;
}

/* The README's title lines: "Title:", "TITLE:", "Headline:", "HEADLINE:",
 * "SLUG:" or "#", then spaces or tabs and text: where the text starts;
 * else 0. */
static size_t
title_value(const char *s, size_t n)
{
	static const char *const keys[] = { "Title:", "TITLE:", "Headline:",
	    "HEADLINE:", "SLUG:", "#" };
	size_t i, k, v;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		k = strlen(keys[i]);
		if (n <= k || memcmp(s, keys[i], k) != 0)
			continue;
		for (v = k; v < n && (s[v] == ' ' || s[v] == '\t'); v++)
			;
		return v > k && v < n ? v : 0;
	}
	return 0;
}

/* The letters and digits of s[0..n-1], ASCII ones in lower case, other
 * characters' bytes as they are: what a title keeps of the line it was
 * taken from ("HD ...", "title: '...''s'", "... (Author)"). */
static char *
key_of(const char *s, size_t n, size_t *kn)
{
	char *k = ns_xmalloc(n + 1);
	size_t i, m = 0;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x80)
			k[m++] = (char)c;
		else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
			k[m++] = (char)c;
		else if (c >= 'A' && c <= 'Z')
			k[m++] = (char)(c - 'A' + 'a');
	}
	k[m] = '\0';
	*kn = m;
	return k;
}

static int
holds(const char *h, size_t hn, const char *nd, size_t nn)
{
	size_t i;

	if (nn > hn)
		return 0;
	for (i = 0; i + nn <= hn; i++)
		if (memcmp(h + i, nd, nn) == 0)
			return 1;
	return 0;
}

/* Titles matched to the lines read they may come from. */
struct matcher {
	struct str *u;		/* lines read, not written as text */
	size_t	 nu;
	const char *used;	/* ... taken already */
	struct strs *titles;
	struct str *keys;	/* of u, then of the titles */
	size_t	*owner;		/* the title a line of u went to */
	char	*seen;
};

static int
may_come_from(struct matcher *m, size_t t, size_t i)
{
	const struct str *tk = &m->keys[m->nu + t], *lk = &m->keys[i];
	const struct str *ti = &m->titles->v[t];

	return tk->n > 0 ? holds(lk->p, lk->n, tk->p, tk->n) :
	    holds(m->u[i].p, m->u[i].n, ti->p, ti->n);
}

static int
augment(struct matcher *m, size_t t)
{
	size_t i;

	for (i = 0; i < m->nu; i++) {
		if (m->used[i] || m->seen[i] || !may_come_from(m, t, i))
			continue;
		m->seen[i] = 1;
		if (m->owner[i] == SIZE_MAX || augment(m, m->owner[i])) {
			m->owner[i] = t;
			return 1;
		}
	}
	return 0;
}

/* Are the lines written the lines read, in whatever order (a title may
 * come from after the boilerplate that opens its article's text)? A line
 * read may be missing only where a title was taken from it: a title no
 * line read equals is held, by its letters and digits, in a line read
 * that is missing (a field's value: "HD ...", front matter's "title:") or,
 * when none is, in the lines read joined (a title made from a header that
 * stays in the text, unfolded: a digest's "Subject:"). Text lines are
 * never rewritten. */
static int
conserved(struct strs *in, struct strs *out, struct strs *titles,
    struct strs *seps, int debug)
{
	size_t i, j, nu = 0, nx = 0, kn, jn = 0, t, tv;
	struct str *u, *x;
	char *joined, *k, *used, *done, *sepused;
	int c, ok = 1;
	struct matcher m;

	/* The lines read joined, in their order, as keys. */
	joined = ns_xmalloc(1);
	joined[0] = '\0';
	for (i = 0; i < in->n; i++) {
		k = key_of(in->v[i].p, in->v[i].n, &kn);
		joined = ns_xrealloc(joined, jn + kn + 1);
		memcpy(joined + jn, k, kn + 1);
		jn += kn;
		free(k);
	}
	if (in->n > 1)
		qsort(in->v, in->n, sizeof(*in->v), cmp_str);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_str);

	/* Lines read and not written, and the titles unaccounted for. */
	u = ns_xreallocarray(NULL, in->n + 1, sizeof(*u));
	x = ns_xreallocarray(NULL, out->n + 1, sizeof(*x));
	used = ns_xmalloc(in->n + 1);
	for (i = j = 0; i < in->n || j < out->n;) {
		c = i == in->n ? 1 : j == out->n ? -1 :
		    cmp_str(&in->v[i], &out->v[j]);
		if (c == 0) {
			i++, j++;
		} else if (c < 0) {
			u[nu] = in->v[i++];
			used[nu++] = 0;
		} else
			x[nx++] = out->v[j++];
	}
	/* A text line no line read equals: a separator or a title line read
	 * as furniture, as they are in a mailbox's header block. */
	sepused = ns_xmalloc(seps->n + 1);
	memset(sepused, 0, seps->n + 1);
	for (j = 0; j < nx; j++) {
		for (i = 0; i < seps->n; i++)
			if (!sepused[i] && cmp_str(&seps->v[i], &x[j]) == 0)
				break;
		if (i < seps->n) {
			sepused[i] = 1;
			continue;
		}
		tv = title_value(x[j].p, x[j].n);
		if (tv > 0) {
			struct str val = { x[j].p + tv, x[j].n - tv };
			size_t lead = ns_trim_left(val.p, val.n);

			/* as strs_add() keeps a line read */
			lead += flag_end(val.p + lead, val.n - lead);
			val.p += lead;
			val.n -= lead;
			for (i = 0; i < nu; i++)
				if (!used[i] && cmp_str(&u[i], &val) == 0)
					break;
			if (i < nu) {
				used[i] = 1;
				continue;
			}
		}
		if (debug)
			fprintf(stderr, "OUT %.*s\n", (int)x[j].n, x[j].p);
		ok = 0;	/* a text line never read */
	}
	free(sepused);
	free(x);
	/* Each title equals a line read not yet matched (these first), or
	 * comes from one (below). */
	done = ns_xmalloc(titles->n + 1);
	for (t = 0; t < titles->n; t++) {
		done[t] = 0;
		for (i = 0; i < nu; i++)
			if (!used[i] && cmp_str(&u[i], &titles->v[t]) == 0) {
				used[i] = done[t] = 1;
				break;
			}
	}
	/* The others to the lines that hold them, as many as can be: a
	 * matching of the two (augmenting paths), as a clipping's title
	 * "t" may be held in "ot()" and "t(P)" and "ot" only in "ot()". */
	m.keys = ns_xreallocarray(NULL, nu + titles->n + 1, sizeof(*m.keys));
	for (i = 0; i < nu; i++)
		m.keys[i].p = key_of(u[i].p, u[i].n, &m.keys[i].n);
	for (t = 0; t < titles->n; t++)
		m.keys[nu + t].p = key_of(titles->v[t].p, titles->v[t].n,
		    &m.keys[nu + t].n);
	m.u = u;
	m.nu = nu;
	m.used = used;
	m.titles = titles;
	m.owner = ns_xreallocarray(NULL, nu + 1, sizeof(*m.owner));
	m.seen = ns_xmalloc(nu + 1);
	for (i = 0; i < nu; i++)
		m.owner[i] = SIZE_MAX;
	for (t = 0; t < titles->n; t++) {
		if (done[t])
			continue;
		memset(m.seen, 0, nu + 1);
		if (augment(&m, t))
			continue;
		k = m.keys[nu + t].p;
		kn = m.keys[nu + t].n;
		c = kn > 0 && holds(joined, jn, k, kn);
		for (i = 0; kn == 0 && !c && i < in->n; i++)
			c = holds(in->v[i].p, in->v[i].n, titles->v[t].p,
			    titles->v[t].n);
		if (!c) {
			if (debug)
				fprintf(stderr, "TITLE %.*s\n",
				    (int)titles->v[t].n, titles->v[t].p);
			ok = 0;
		}
	}
	for (i = 0; i < nu; i++)
		if (m.owner[i] != SIZE_MAX)
			used[i] = 1;
	for (i = 0; i < nu + titles->n; i++)
		free(m.keys[i].p);
	free(m.keys);
	free(m.owner);
	free(m.seen);
	free(done);
	for (i = 0; i < nu; i++)
		if (!used[i]) {
			if (debug)
				fprintf(stderr, "IN  %.*s\n", (int)u[i].n,
				    u[i].p);
			ok = 0;
		}
	free(u);
	free(used);
	free(joined);
	return ok;
}

struct ctx {
	size_t	 size;		/* of one operand */
	struct strs in, out;	/* content lines read, and written */
	struct strs titles;	/* titles written */
	struct strs seps;	/* separator lines read */
	size_t	 invalid;	/* sequences replaced, by our count */
	uint64_t first_bad;
	size_t	 toobig, toobig_seen;	/* lines to leave out, left out */
	struct ns_buf norm;
	struct ns_span *v;
	size_t	 cap;
	size_t	 articles, cuts;
	int	 table;		/* the operand holds a CSV table: its lines
				 * are fields, not lines of text */
};

/* Bytes of s[0..n-1] (valid UTF-8) as a JSON string, quotes left out:
 * counted by jansson, not as split.c counts them. */
static size_t
escaped_len(const char *s, size_t n)
{
	json_t *v = json_stringn(s, n);
	char *d;
	size_t len;

	FUZZ_ASSERT(v != NULL, "split-utf8");
	d = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	FUZZ_ASSERT(d != NULL, "setup-json");
	len = strlen(d) - 2;
	free(d);
	json_decref(v);
	return len;
}

/* ns_splitter_new(): "a line that could not fit in any record is left
 * out". The splitter's measure of that (split.c): the escaped line, 128
 * bytes for the id, keys and numbers, and the file name escaped at worst. */
static int
fits_no_record(const char *s, size_t n)
{
	return escaped_len(s, n) + 128 + 6 * strlen(path) > MAX;
}

/* A raw line as the splitter should see it: pieces between form feeds,
 * each normalized; keep those that are content, count those too big for
 * any record. */
static void
expect_line(struct ctx *x, const char *s, size_t n, uint64_t lineno)
{
	const char *ff;
	size_t k, bad, lead, tv;

	for (;;) {
		ff = memchr(s, '\f', n);
		k = ff ? (size_t)(ff - s) : n;
		ns_buf_reset(&x->norm);
		bad = ns_text_normline(&x->norm, s, k);
		if (bad && x->invalid == 0)
			x->first_bad = lineno;
		x->invalid += bad;
		lead = ns_trim_left(x->norm.p, x->norm.len);
		if (fits_no_record(x->norm.p, x->norm.len))
			x->toobig++;
		else if (!fuzz_blank(x->norm.p, x->norm.len) &&
		    separator(x->norm.p + lead, x->norm.len - lead))
			strs_add(&x->seps, x->norm.p + lead,
			    x->norm.len - lead);
		else if (!fuzz_blank(x->norm.p, x->norm.len)) {
			/* A title line ("Title: X", "# X") gives the
			 * title X (README). */
			tv = title_value(x->norm.p + lead,
			    x->norm.len - lead);
			strs_add(&x->in, x->norm.p + lead + tv,
			    x->norm.len - lead - tv);
		}
		if (ff == NULL)
			break;
		s += k + 1;
		n -= k + 1;
	}
}

static void
check_text_shape(const char *t, size_t n)
{
	size_t i, ls, le;

	if (n == 0)
		return;
	FUZZ_CHECK(t[0] != '\n' && t[n - 1] != '\n', "split-article-shape");
	for (ls = 0; ls < n; ls = le + 1) {
		const char *nl = memchr(t + ls, '\n', n - ls);

		le = nl ? (size_t)(nl - t) : n;
		if (le > ls) {
			FUZZ_CHECK(!fuzz_blank(t + ls, le - ls),
			    "split-article-shape");
			FUZZ_CHECK(!fuzz_space_at_end(t + ls, le - ls),
			    "split-article-shape");
		} else
			/* An empty line: one half of a "\n\n". */
			FUZZ_CHECK(ls > 0 && t[ls - 1] == '\n' && le + 1 < n &&
			    t[le + 1] != '\n', "split-article-shape");
	}
	for (i = 0; i < n; i++)
		FUZZ_CHECK(t[i] != '\r' && t[i] != '\f' && t[i] != '\0',
		    "split-article-shape");
}

static void
on_article(const struct ns_article *a, void *arg)
{
	struct ctx *x = arg;
	json_t *rec, *back;
	char *dump;
	size_t i, ls, le;

	x->articles++;
	FUZZ_CHECK(a->tlen > 0 || a->xlen > 0, "split-empty-article");
	FUZZ_ASSERT(fuzz_utf8_valid(a->title, a->tlen), "split-utf8");
	FUZZ_ASSERT(fuzz_utf8_valid(a->text, a->xlen), "split-utf8");
	for (i = 0; i < a->tlen; i++)
		FUZZ_CHECK(a->title[i] != '\n' && a->title[i] != '\r' &&
		    a->title[i] != '\f' && a->title[i] != '\0',
		    "split-article-shape");
	if (a->tlen > 0)
		FUZZ_CHECK(!fuzz_space_at_start(a->title, a->tlen) &&
		    !fuzz_space_at_end(a->title, a->tlen),
		    "split-article-shape");
	check_text_shape(a->text, a->xlen);
	FUZZ_CHECK(a->line >= 1 && a->byte < x->size, "split-source");

	/* The record as ns-split writes it, read back. */
	rec = ns_article_record(a);
	dump = json_dumps(rec, JSON_COMPACT);
	FUZZ_CHECK(dump != NULL, "split-record");
	if (dump != NULL) {
		/* "so that the next tool takes every record it writes" */
		FUZZ_CHECK(strlen(dump) <= MAX, "split-record-size");
		back = json_loads(dump, JSON_REJECT_DUPLICATES, NULL);
		FUZZ_CHECK(back != NULL && json_equal(rec, back),
		    "split-record");
		json_decref(back);
		free(dump);
	}
	json_decref(rec);

	fuzz_check_paragraphs(a->text, a->xlen, &x->v, &x->cap);
	fuzz_check_sentences(a->text, a->xlen, &x->v, &x->cap);

	if (a->tlen > 0)
		strs_add(&x->titles, a->title, a->tlen);
	for (ls = 0; ls < a->xlen; ls = le + 1) {
		const char *nl = memchr(a->text + ls, '\n', a->xlen - ls);

		le = nl ? (size_t)(nl - a->text) : a->xlen;
		if (le > ls)
			strs_add(&x->out, a->text + ls, le - ls);
	}
}

static void
on_cut(enum ns_split_event ev, uint64_t line, void *arg)
{
	struct ctx *x = arg;

	(void)line;
	if (ev == NS_SPLIT_TOOBIG)
		x->toobig_seen++;
	else
		x->cuts++;
}

/* The file, twice over as two operands, through the splitter. */
static void
run_file(const uint8_t *data, size_t size)
{
	char *names[2] = { path, path };
	struct ns_input in;
	struct ns_splitter *sp;
	struct oracle o = { data, size, MAX, 0, 0, NULL, NULL, 0, 0 };
	struct ctx x;
	enum ns_read r;
	size_t invalid, decoded = 0;
	uint64_t first;
	int dec;

	memset(&x, 0, sizeof(x));
	x.size = size;
	o.bad = open_memstream(&o.badp, &o.badn);
	FUZZ_ASSERT(o.bad != NULL, "setup-memstream");
	oracle_start(&o);
	ns_input_init(&in, names, 2, NS_EOL_ANY, MAX, o.bad);
	sp = ns_splitter_new(&rules, MAX, on_article, on_cut, &x);
	do {
		r = ns_input_next(&in);
		oracle_event(&o, r, &in);
		if (r == NS_READ_LINE) {
			expect_line(&x, in.line, in.len, in.lineno);
			x.table |= ns_splitter_csv(sp);
			ns_splitter_line(sp, in.line, in.len, in.srcname,
			    in.lineno, in.offset);
			x.table |= ns_splitter_csv(sp);
		} else if (r == NS_READ_FILEEND) {
			ns_splitter_flush(sp);
			/* A mailbox's decoded lines are not lines read: their
			 * bytes are not those counted here. */
			dec = ns_splitter_decoded(sp) != decoded;
			decoded = ns_splitter_decoded(sp);
			ns_splitter_invalid(sp, &invalid, &first);
			FUZZ_CHECK(dec || invalid == x.invalid,
			    "split-invalid-count");
			FUZZ_CHECK(dec || invalid == 0 || first == x.first_bad,
			    "split-invalid-count");
			x.invalid = 0;
			x.first_bad = 0;
			/* A CSV table's rows are articles of their fields,
			 * quoting undone, some columns left out, a row too
			 * big reported as such: no line is kept as read. */
			FUZZ_CHECK(x.table || x.toobig_seen == x.toobig,
			    "split-toobig");
			x.toobig = x.toobig_seen = 0;
			FUZZ_CHECK(x.table || dec || conserved(&x.in, &x.out,
			    &x.titles, &x.seps, getenv("FUZZ_DEBUG") != NULL),
			    "split-conserves-lines");
			x.table = 0;
			strs_clear(&x.in);
			strs_clear(&x.out);
			strs_clear(&x.titles);
			strs_clear(&x.seps);
		}
	} while (r != NS_READ_EOF);
	ns_input_free(&in);
	ns_splitter_free(sp);
	fclose(o.bad);
	free(o.badp);
	strs_clear(&x.in);
	strs_clear(&x.out);
	strs_clear(&x.titles);
	strs_clear(&x.seps);
	free(x.in.v);
	free(x.seps.v);
	free(x.out.v);
	free(x.titles.v);
	ns_buf_free(&x.norm);
	free(x.v);
}

/* The same bytes as standard input, in small reads, with a small limit. */
static void
run_stream(const uint8_t *data, size_t size)
{
	struct oracle o = { data, size, 0, 0, 0, NULL, NULL, 0, 0 };
	struct feeder f;
	struct ns_input in;
	pthread_t t;
	enum ns_read r;
	int sv[2], saved;
	uint64_t seed = hash(data, size);

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0)
		return;		/* no such sockets here: the file run only */
	saved = dup(STDIN_FILENO);
	if (saved < 0)
		saved = open("/dev/null", O_RDONLY);
	FUZZ_ASSERT(saved >= 0 && dup2(sv[0], STDIN_FILENO) >= 0,
	    "setup-socket");
	close(sv[0]);
	f.fd = sv[1];
	f.data = data;
	f.size = size;
	f.seed = seed;
	FUZZ_ASSERT(pthread_create(&t, NULL, feed, &f) == 0, "setup-thread");

	o.max = 1 + (size_t)(seed >> 32) % 300;
	o.bad = open_memstream(&o.badp, &o.badn);
	FUZZ_ASSERT(o.bad != NULL, "setup-memstream");
	oracle_start(&o);
	ns_input_init(&in, NULL, 0, NS_EOL_ANY, o.max, o.bad);
	do {
		r = ns_input_next(&in);
		oracle_event(&o, r, &in);
	} while (r != NS_READ_EOF);
	ns_input_free(&in);
	/* Our end of the socket goes with fd 0: the feeder cannot block. */
	dup2(saved, STDIN_FILENO);
	close(saved);
	pthread_join(t, NULL);
	fclose(o.bad);
	free(o.badp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (file_fd < 0)
		setup();
	put_file(data, size);
	run_file(data, size);
	run_stream(data, size);
	return 0;
}
