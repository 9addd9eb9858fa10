/* split.c: raw text into article records.
 *
 * Lines gather into blocks (runs of non-blank lines). An article ends at an
 * end-marker line (with the trailer lines after it), at a separator line
 * ("---", "===", a form feed), at the end of an operand, or where a
 * headline starts a new article without any marker: a one-line block that
 * reads like a headline, after a finished paragraph or boilerplate, and
 * followed by a paragraph. Trailer and boilerplate lines stay in the text;
 * cutting them is ns-strip-ads' job. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ns.h"

struct block {
	size_t	 off, len;	/* text in pend (pending blocks) or cur */
	size_t	 extra;		/* bytes JSON escaping adds to it */
	uint64_t line, byte;	/* where its first line was read */
	uint64_t byte2;		/* ... and its second */
	uint64_t byte_last;	/* ... and its last */
	size_t	 nlines;
	size_t	 boiler;	/* lines a body rule matched */
	int	 boiler1;	/* the first of them did */
	int	 boiler_end;	/* ... and the last */
	size_t	 blanks;	/* blank lines before it */
	int	 joined;	/* goes on the paragraph before (a forced cut,
				 * or a line under boilerplate split off) */
	int	 listed;	/* its first line went on a list of links */
};

struct ns_splitter {
	struct ns_rules *rules;
	struct ns_mbox mbox;		/* a mailbox's reader (mbox.c) */
	struct ns_front front;		/* a static site's sources (front.c) */
	struct ns_buf ftitle;		/* its title, unquoted */
	const struct ns_rule *run;	/* the para or section rule whose run
					 * the next line may go on, or NULL */
	int	 alone;		/* its section heading stands alone */
	int	 next;		/* so the run takes the next paragraph */
	size_t	 max;
	ns_article_fn emit;
	ns_cut_fn cut;
	void	*ctx;

	int	 titled;		/* the title question is settled */
	int	 mast_run;		/* the block at the top opens with a
					 * site's name over furniture: 1 the
					 * name, 2 and more boilerplate lines */
	size_t	 mast_boiler;		/* ... that many */
	int	 mast_cut;		/* the block is such a masthead */
	int	 chat;			/* the block opens with a chat app's
					 * message header */
	uint64_t *lbyte;		/* the byte each line of the block
					 * was read at */
	size_t	 caplbyte;
	int	 trailer;		/* an end marker was seen */
	int	 card;			/* ... and a list's heading under it,
					 * in the paragraph going on (read
					 * only in a trailer, reset as one
					 * starts) */
	int	 refs;			/* ... a text browser's list of the
					 * page's links ("12. https://...") */
	size_t	 gap;			/* where in the text a gap in the
					 * trailer stood, plus one; 0: none */
	uint64_t gap_line, gap_byte;	/* the line under it */
	int	 separated;		/* a separator line was seen: the next
					 * line says whether the article ends */
	int	 asked;			/* a question stood as a sub-heading */
	const struct ns_rule *listing;	/* the list heading whose list of
					 * links the next lines may be */
	int	 list_furn;		/* ... and the last line under it was
					 * furniture, no entry */
	size_t	 escapes;		/* bytes JSON escapes add to title+text */
	const char *file;
	size_t	 invalid;
	uint64_t first_bad;

	/* Database exports (LexisNexis, Factiva). */
	int	 slugged;		/* the article is a newsroom script's
					 * story, opened by its "SLUG:" line */
	/* An e-reader's clippings ("My Clippings.txt"): each a document's
	 * line, a header ("- Your Highlight on ..."), the clipping, and a
	 * separator; those of one document are one article. */
	int	 clips;			/* the article is such a document's */
	int	 clipsep;		/* 1: a separator ended a clipping of
					 * it; 2: the line under it is held in
					 * cur, a document's line, maybe its */
	struct ns_buf clipdoc;		/* its document's line */
	struct ns_buf clipline;		/* a held line, read again */
	int	 framed;		/* the article has an export's word
					 * count field: only the export's marks
					 * end it, no headline under it */
	int	 dochead;		/* a "1 of 2 DOCUMENTS" line was seen:
					 * centred lines under it are the
					 * document's masthead */
	struct ns_buf hd;		/* a Factiva "HD" line, held until
					 * the next line says it is one */
	size_t	 hd_extra;
	uint64_t hd_line, hd_byte;
	int	 hd_held;

	struct ns_buf norm;		/* the line being fed, normalized */
	struct ns_buf kick;		/* a kicker and the lines under its
					 * headline, rejoined */
	struct ns_buf again;		/* a line held at the top, read again */
	int	 reread;		/* ... being read */

	struct ns_buf cur;		/* the block being read */
	struct block cb;
	size_t	 blanks;		/* blank lines since the last block */

	/* The article being built. */
	struct ns_buf title, text;
	int	 has_title;
	uint64_t line, byte;		/* its source */
	int	 has_source;
	size_t	 content;		/* blocks that are not boilerplate */
	int	 last_boiler;		/* the last block pushed was boilerplate */
	int	 last_final;		/* ... ended with a sentence */
	int	 last_furn;		/* ... ended with a boilerplate line */
	int	 last_list;		/* ... went on a list of links */
	int	 slot;			/* ... was one boilerplate line right
					 * under a paragraph (an ad slot,
					 * "Story continues") */
	int	 opened;		/* the boilerplate since the last
					 * paragraph, from a gap of two blank
					 * lines or more under a finished one or
					 * in it: furniture that may open the
					 * next article (a page's, a dump's
					 * joined by cat) */
	size_t	 open_at;		/* where in the text it began, plus
					 * one */
	uint64_t open_line, open_byte;	/* ... and in the input */

	/* A headline candidate and the boilerplate blocks after it, held
	 * until the next paragraph says whether an article starts there. */
	struct ns_buf pend;
	struct block *pv;
	size_t	 npv, cappv;
	size_t	 lead;		/* held blocks over the candidate: a source's
				 * name ("Ars Technica") */
	int	 lead_under;	/* ... that stood under boilerplate */
	int	 held_post;	/* the candidate is a post's header */
	int	 held_named;	/* ... a headline over its credits, two
				 * lines or more */
	int	 held_head;	/* a short heading is held under it */
	int	 held_bare;	/* ... a line alone right under a paragraph,
				 * no furniture around it */
	int	 furnished;	/* the article's headline came with
				 * furniture: credits under it */
	int	 masthead;	/* the held block is a masthead's:
				 * boilerplate if a headline comes under it */
	int	 after_end;	/* the article began under an end marker
				 * ("Link to original source") */
	int	 source;	/* the held line is a source's name under
				 * an end marker */
	size_t	 fwd;		/* in a forwarder's note, under the header
				 * block of the mail that forwards (its
				 * "Subject: FW: ..."): its lines so far,
				 * plus one; 0: none */

	/* Web archive text (WARC, Common Crawl's WET): each record is an
	 * article, its header boilerplate. */
	int	 warc;		/* where in a record the next line is */
	int	 warc_info;	/* the record holds no page (warcinfo) */
	uint64_t warc_len;	/* its "Content-Length:", plus one; 0: none */
	uint64_t warc_end;	/* the byte its block ends at; 0: not known */

	/* A mail digest (Mailman's): each message is an article, or, a
	 * reply, discussion of the article above. */
	int	 mail;		/* where in a message the next line is */
	struct ns_buf mbuf;	/* the message's header lines, held */
	struct held {
		size_t	 off, len, extra;
		uint64_t line, byte;
	}	*mh;
	size_t	 nmh, capmh;

	/* A CSV or TSV table (a scraper's export): one article a row. */
	struct ns_csv csv;
	int	 csv_on;	/* its rows are being read */
	int	 csv_ready;	/* the next line may be a header: the
				 * input's first, or one under a blank line */
	size_t	 csv_blanks;	/* blank lines under the last row */
	struct ns_buf csv_head;	/* the header line, for the first row */
	uint64_t csv_hline, csv_hbyte;
	struct ns_buf csv_msg;	/* what the last NS_SPLIT_CSV was about */
	const char *url;	/* the url column of the row being written */
	size_t	 ulen;
};

enum { WARC_NONE, WARC_HEAD, WARC_INFO, WARC_TITLE, WARC_BODY, WARC_GAP };
enum { MAIL_NONE, MAIL_HEAD, MAIL_REPLY, MAIL_BODY };

/* Header lines at most that a message's header block is held for. */
#define MAIL_HEAD_LINES 64

/* ---- character tests ---- */

static utf8proc_int32_t
cp_at(const char *s, size_t n, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	k = utf8proc_iterate((const utf8proc_uint8_t *)s, n, &cp);
	if (k <= 0) {
		*len = 1;
		return -1;
	}
	*len = (size_t)k;
	return cp;
}

static utf8proc_int32_t
first_cp(const char *s, size_t n)
{
	size_t k;

	return cp_at(s, n, &k);
}

static int
is_open_quote(utf8proc_int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
	    cp == 0x201c || cp == 0x2018 || cp == 0xab || cp == 0x201e;
}

/* The first code point after indentation and opening quotes and
 * brackets (a text browser indents a page's text under headings at
 * column 0: the indent says nothing of how a line reads). */
static utf8proc_int32_t
first_letter(const char *s, size_t n)
{
	utf8proc_int32_t cp = -1;
	size_t i = 0, k;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (i < n) {
		cp = cp_at(s + i, n - i, &k);
		if (!is_open_quote(cp))
			return cp;
		i += k;
	}
	return -1;
}

static int
starts_upper(const char *s, size_t n)
{
	utf8proc_int32_t cp = first_letter(s, n);
	int c;

	if (cp < 0)
		return 0;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT ||
	    c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_ND;
}

static int
starts_lower(const char *s, size_t n)
{
	utf8proc_int32_t cp = first_letter(s, n);

	return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* A separator line: three or more of one of - = * # _ ~ or a bullet, or of
 * a dash or a box-drawing rule ("———", "───", as web pages and word
 * processors draw one), with spaces between them or not ("---", "* * *",
 * "###", "______"). */
static int
is_separator(const char *s, size_t n)
{
	utf8proc_int32_t c, first = -1;
	size_t i, k, count = 0;

	/* The wires' end of a story: "ENDS", "(END)", "-30-", "-- 30 --". */
	n = ns_trim_right(s, n);
	if ((n == 3 && memcmp(s, "END", 3) == 0) ||
	    (n == 4 && memcmp(s, "ENDS", 4) == 0) ||
	    (n == 5 && memcmp(s, "(END)", 5) == 0) ||
	    (n == 6 && memcmp(s, "(ENDS)", 6) == 0))
		return 1;
	for (i = 0; i < n && (s[i] == '-' || s[i] == ' '); i++)
		;
	if (i > 0 && i + 2 <= n && memcmp(s + i, "30", 2) == 0) {
		for (k = i + 2; k < n && (s[k] == '-' || s[k] == ' '); k++)
			;
		if (k == n && memchr(s, '-', i) != NULL && k > i + 2)
			return 1;
	}

	for (i = 0; i < n; i += k) {
		c = cp_at(s + i, n - i, &k);
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


/* ---- database exports: LexisNexis, Nexis Uni, Factiva ---- */

/* Does s start with word w, then white space? The offset after it, or 0. */
static size_t
word_then_space(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w), i;

	if (n <= k || memcmp(s, w, k) != 0 || (s[k] != ' ' && s[k] != '\t'))
		return 0;
	for (i = k; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i < n ? i : 0;
}

/* Nexis Uni's mark under each document, "End of Document": a
 * separator. */
static int
export_end(const char *s, size_t n)
{
	if (n < 15 || s[0] != 'E')
		return 0;
	n = ns_trim_right(s, n);
	return n == 15 && memcmp(s, "End of Document", 15) == 0;
}

/* A line of the numbered list of links a text browser writes under a
 * page ("12. https://...", as lynx -dump and w3m -dump do), or one of its
 * own headings in it ("Visible links:", "Hidden links:"). */
static int
ref_line(const char *s, size_t n)
{
	size_t i = 0, j;

	if ((n == 14 && memcmp(s, "Visible links:", 14) == 0) ||
	    (n == 13 && memcmp(s, "Hidden links:", 13) == 0))
		return 1;
	while (i < n && i < 6 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i == 6 || i + 1 >= n || s[i] != '.' || s[i + 1] != ' ')
		return 0;
	for (i += 2; i < n && s[i] == ' '; i++)
		;
	for (j = i; j < n && j - i < 12 && ((s[j] >= 'a' && s[j] <= 'z') ||
	    (s[j] >= 'A' && s[j] <= 'Z')); j++)
		;
	return j > i && j + 1 < n && s[j] == ':' && s[j + 1] != ' ';
}

/* Are s[0..n-1] digits, one at least? */
static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* The line that opens a record of a web archive, "WARC/1.0". */
static int
warc_version(const char *s, size_t n)
{
	size_t i;

	n = ns_trim_right(s, n);
	if (n < 8 || memcmp(s, "WARC/", 5) != 0 || s[5] < '0' || s[5] > '9')
		return 0;
	for (i = 6; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i + 1 < n && s[i] == '.' && all_digits(s + i + 1, n - i - 1);
}

/* A record's "Content-Length:" field: the length of its block, plus
 * one; 0 if the line is none. */
static uint64_t
warc_length(const char *s, size_t n)
{
	uint64_t v = 0;
	size_t i;

	if (n < 16 || !ns_same_ci(s, "content-length:", 15))
		return 0;
	for (i = 15; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	n = i + ns_trim_right(s + i, n - i);
	if (i == n || n - i > 15 || !all_digits(s + i, n - i))
		return 0;
	for (; i < n; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	return v + 1;
}

/* A record's "WARC-Type:" field names a record with no page text: the
 * archive's own (warcinfo, metadata) or a crawler's request. */
static int
warc_info_type(const char *s, size_t n)
{
	static const char *const types[] = { "warcinfo", "metadata",
	    "request", "revisit" };
	size_t i, k, v;

	if (n < 10 || memcmp(s, "WARC-Type:", 10) != 0)
		return 0;
	for (v = 10; v < n && (s[v] == ' ' || s[v] == '\t'); v++)
		;
	n = v + ns_trim_right(s + v, n - v);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		k = strlen(types[i]);
		if (n - v == k && ns_same_ci(s + v, types[i], k))
			return 1;
	}
	return 0;
}

/* The count over each document of a LexisNexis export, "1 of 2
 * DOCUMENTS" (or "Document 1 of 2"): the document starts there. */
static int
doc_count(const char *s, size_t n)
{
	const char *of;
	size_t a;

	if (n < 6 || !((s[0] >= '0' && s[0] <= '9') || s[0] == 'D' ||
	    s[0] == 'd'))
		return 0;
	n = ns_trim_right(s, n);
	if (n > 9 && ns_same_ci(s, "document ", 9)) {
		s += 9;
		n -= 9;
	} else if (n > 10 && ns_same_ci(s + n - 10, " documents", 10))
		n -= 10;
	else if (n > 9 && ns_same_ci(s + n - 9, " document", 9))
		n -= 9;
	else
		return 0;
	of = memchr(s, ' ', n);
	if (of == NULL || n < 6)
		return 0;
	a = (size_t)(of - s);
	return a <= 6 && all_digits(s, a) && n - a > 4 &&
	    memcmp(s + a, " of ", 4) == 0 && n - a - 4 <= 6 &&
	    all_digits(s + a + 4, n - a - 4);
}

/* A field of the job that heads Nexis Uni's cover page, over its list of
 * results: "User Name: =", "Date and Time: = 2025-03-14", "Job Number: =
 * 246113905" (a job's number may come without "="). An export opens with
 * them and no article holds them: "Date and Time: Saturday, 7 p.m." (an
 * event's), with no "=", is none. */
static int
cover_field(const char *s, size_t n)
{
	static const char *const keys[] = { "User Name:", "Date and Time:",
	    "Job Number:" };
	size_t i, k, v;

	if (n < 11 || (s[0] != 'U' && s[0] != 'D' && s[0] != 'J'))
		return 0;
	n = ns_trim_right(s, n);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		k = strlen(keys[i]);
		if (n < k || memcmp(s, keys[i], k) != 0)
			continue;
		for (v = k; v < n && (s[v] == ' ' || s[v] == '\t'); v++)
			;
		if (v < n && s[v] == '=')
			return 1;
		return i == 2 && n - v <= 12 && all_digits(s + v, n - v);
	}
	return 0;
}

/* An export's word count: "Length: 688 words" (Nexis), "LENGTH: 536
 * words" (LexisNexis Academic), "WC 643 words" (Factiva). */
static int
words_field(const char *s, size_t n)
{
	static const char *const keys[] = { "Length:", "LENGTH:", "WC" };
	size_t i, v = 0, d;

	if (n < 9 || (s[0] != 'L' && s[0] != 'W'))
		return 0;
	n = ns_trim_right(s, n);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && v == 0; i++)
		v = word_then_space(s, n, keys[i]);
	if (v == 0)
		return 0;
	for (d = v; d < n && ((s[d] >= '0' && s[d] <= '9') || s[d] == ','); d++)
		;
	return d > v && n - d == 6 && memcmp(s + d, " words", 6) == 0;
}

/* A Factiva headline field, "HD <headline>": the offset of the
 * headline, or 0. Only a field line under it (see factiva_field) makes
 * it one: "HD video" may open a paragraph. */
static size_t
factiva_hd(const char *s, size_t n)
{
	if (n < 4 || s[0] != 'H' || s[1] != 'D')
		return 0;
	return word_then_space(s, ns_trim_right(s, n), "HD");
}

/* A field of Factiva's that follows the headline: column, section,
 * byline, credit, word count, date. */
static int
factiva_field(const char *s, size_t n)
{
	static const char *const codes[] = { "CLM", "SE", "BY", "CR", "WC",
	    "PD", "ET", "SN" };
	size_t i;

	if (n < 4)
		return 0;
	n = ns_trim_right(s, n);
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (word_then_space(s, n, codes[i]) > 0)
			return 1;
	return 0;
}

/* ---- what a block looks like ---- */

/* The length of an emoji flag that opens a headline ("🔴 ", "⚡️ ", as
 * news channels mark urgent posts): symbols (with the joiners and
 * variation selectors between them) and a space, with text after them;
 * 0 when s opens with none. */
static size_t
flag_len(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	size_t i = 0, k;
	int sym = 0;

	while (i < n) {
		cp = cp_at(s + i, n - i, &k);
		if (cp == 0xfe0f || cp == 0x200d) {
			i += k;
			continue;
		}
		/* U+FFFD, a byte that was no UTF-8, is no flag */
		if (cp < 0x2190 || cp == 0xfffd ||
		    utf8proc_category(cp) != UTF8PROC_CATEGORY_SO)
			break;
		sym = 1;
		i += k;
	}
	if (!sym || i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i < n ? i : 0;
}

/* The first block of an article: is its first line the title? credits:
 * the lines under it are all boilerplate ("submitted 3 hours ago by x"),
 * so none of them goes on its text. */
static int
title_at_start(const char *s, size_t n, const char *next, size_t nn,
    int credits)
{
	utf8proc_int32_t last;

	if (n == 0 || n > 300 || ns_word_count_max(s, n, 30) > 30 ||
	    ns_is_list_item(s, n))
		return 0;
	last = ns_last_letter(s, n);
	if (last == ',' || last == ';' || last == ':')
		return 0;
	/* A line of running text, not a headline: a sentence with more
	 * text under it, or a long one. */
	if ((last == '.' || last == 0x2026) &&
	    (next != NULL || ns_word_count_max(s, n, 12) > 12))
		return 0;
	/* A hard-wrapped paragraph goes on in lower case. */
	if (next != NULL && !credits && starts_lower(next, nn))
		return 0;
	return 1;
}

/* Does s hold a sentence break inside: "! X", "? X", or ". X" after a word
 * longer than an abbreviation ("U.S. Bans", "Mr. Li" are no break)? */
static int
inner_break(const char *s, size_t n)
{
	size_t i, w;

	for (i = 1; i + 2 < n; i++) {
		if (s[i + 1] != ' ' || !starts_upper(s + i + 2, n - i - 2))
			continue;
		if (s[i] == '!' || s[i] == '?')
			return 1;
		if (s[i] != '.')
			continue;
		for (w = 0; w < i && s[i - 1 - w] != ' ' &&
		    s[i - 1 - w] != '.'; w++)
			;
		if (w > 3)
			return 1;
	}
	return 0;
}

static int
has_lower(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	size_t i, k;

	for (i = 0; i < n; i += k) {
		cp = cp_at(s + i, n - i, &k);
		if (cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
			return 1;
	}
	return 0;
}

/* Does the line end in a link, after a label of a dozen words at most
 * ("Original article: https://...", "Source: https://...", "Report a
 * problem: https://...")? Such lines under an article's last paragraph
 * are a trailer some aggregator put there, known to our rules or not. */
static int
link_trailer_line(const char *s, size_t n)
{
	size_t i = n;

	while (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t')
		i--;
	if (s[i] == '<')
		i++;
	if (!(n - i > 8 && (memcmp(s + i, "https://", 8) == 0 ||
	    memcmp(s + i, "http://", 7) == 0)))
		return 0;
	return i > 0 && ns_word_count_max(s, i, 13) <= 13;
}

/* Does ok() hold for every line of s[0..n-1]? */
static int
all_lines(const char *s, size_t n, int (*ok)(const char *, size_t))
{
	const char *nl;
	size_t l;

	while (n > 0) {
		nl = memchr(s, '\n', n);
		l = nl ? (size_t)(nl - s) : n;
		if (!ok(s, l))
			return 0;
		if (nl == NULL)
			break;
		s += l + 1;
		n -= l + 1;
	}
	return 1;
}

/* A block of one to three such lines. */
static int
link_trailer(const char *s, size_t n, size_t nlines)
{
	return nlines <= 3 && all_lines(s, n, link_trailer_line);
}

/* Does the line end in a dash, as a label set between dashes does
 * ("— Syndicated by NewsRiver —", "- Advertisement -"), no list item? */
static int
dashed(const char *s, size_t n)
{
	n = ns_trim_right(s, n);
	return (n >= 1 && s[n - 1] == '-') || (n >= 3 &&
	    (memcmp(s + n - 3, "\xe2\x80\x94", 3) == 0 ||
	    memcmp(s + n - 3, "\xe2\x80\x93", 3) == 0));
}

/* Is the line a short label, ten words at most, no list item (a label
 * between dashes is none)? */
static int
label_line(const char *s, size_t n)
{
	return ns_word_count_max(s, n, 11) <= 10 && (!ns_is_list_item(s, n) ||
	    dashed(s, n));
}

/* A block of two to four short lines, a rule's line among them, the
 * others labels ("— Syndicated by NewsRiver —" and "Source: Calder
 * Daily" over "Tags: transport, council"): an aggregator's trailer, known
 * to our rules in part. */
static int
known_trailer(const char *s, size_t n, const struct block *b)
{
	return b->nlines >= 2 && b->nlines <= 4 && b->boiler > 0 &&
	    all_lines(s, n, label_line);
}

/* Can the line be a card's: short, no sentence? */
static int
card_line(const char *s, size_t n)
{
	return n > 0 && ns_word_count_max(s, n, 15) <= 14 &&
	    !ns_ends_sentence(s, n);
}

/* A one-line block in the body: could it be the headline of a next
 * article? Sub-headings ("More collaboration") are shorter; readers'
 * comments and pull quotes end in "!", "." or run to two sentences. */
static int
headline_like(const char *s, size_t n)
{
	size_t words;
	utf8proc_int32_t last;

	if (n < 15 || n > 200 || ns_is_list_item(s, n) || !starts_upper(s, n))
		return 0;
	words = ns_word_count(s, n);
	if (words < 4 || words > 20 || link_trailer_line(s, n))
		return 0;	/* no headline ends in a link */
	last = ns_last_letter(s, n);
	if (last == '.' || last == ',' || last == ';' || last == ':' ||
	    last == '!' || last == 0x2026 || (last == '?' && words < 5))
		return 0;
	if (last == '?' && n >= 2 && s[n - 2] == '?')
		return 0;	/* "??": a reader's cry */
	return has_lower(s, n) && !inner_break(s, n);
}

/* A headline under boilerplate (the last post's furniture, a
 * newsletter's masthead) may be set in Title Case with full stops
 * ("Water Bills Are About to Double. Here's Who Pays."). */
static int
headline_under_boiler(const char *s, size_t n)
{
	utf8proc_int32_t last;
	size_t words;

	if (headline_like(s, n))
		return 1;
	if (n < 15 || n > 200 || ns_is_list_item(s, n) || !starts_upper(s, n))
		return 0;
	words = ns_word_count(s, n);
	last = ns_last_letter(s, n);
	return words >= 4 && words <= 20 && (last == '.' || last == '?' ||
	    last == '!') && ns_is_title_case(s, n);
}

/* A short sub-heading of an explainer in sentence case ("What the filing
 * says", "Why it matters", "Which shops are closing"): "What", "Why" or
 * "Which", no word after it capitalized, max words at most (five after a
 * paragraph: a headline of as few words seldom opens so, "How ..." and
 * "When ..." do, "When technology gets personal"; more after an ad slot
 * in the text, which says the article goes on). */
static int
subheading_like(const char *s, size_t n, size_t max)
{
	static const char *const wh[] = { "What ", "Why ", "Which " };
	size_t i;

	/* The opening word first: the words of every paragraph are not
	 * counted. */
	for (i = 0; i < sizeof(wh) / sizeof(wh[0]); i++)
		if (n > strlen(wh[i]) && memcmp(s, wh[i], strlen(wh[i])) == 0)
			break;
	if (i == sizeof(wh) / sizeof(wh[0]) ||
	    ns_word_count_max(s, n, max) > max)
		return 0;
	for (i = 1; i + 1 < n; i++)
		if (s[i] == ' ' && starts_upper(s + i + 1, n - i - 1))
			return 0;
	return 1;
}

/* Is the line a list of links' entry: short and no sentence, or a
 * headline in Title Case? */
static int
link_line(const char *s, size_t n)
{
	utf8proc_int32_t last = ns_last_letter(s, n);

	if (ns_word_count_max(s, n, 16) > 16)
		return 0;
	if ((last == '.' || last == '?') && ns_is_title_case(s, n))
		return 1;
	return last != '.' && last != '!' && last != '?' && last != ':' &&
	    last != ';' && last != ',';
}

/* The length of the first line of s. */
static size_t
line1(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);

	return nl ? (size_t)(nl - s) : n;
}

/* A block that goes on with running text, as an article's lead does. */
static int
paragraph_like(const struct block *b, const char *s)
{
	return b->boiler == 0 && (b->nlines >= 2 || b->len >= 60) &&
	    starts_upper(s, b->len);
}

/* Or a story of one line a paragraph with furniture among its lines
 * ("Story continues", "Advertisement"), as a portal sets it: three lines
 * or more, most of them none, the first a sentence of eight words or
 * more. */
static int
story_lines(const struct block *b, const char *s)
{
	size_t l = line1(s, b->len);

	return !b->boiler1 && b->nlines >= 3 && b->boiler * 2 < b->nlines &&
	    starts_upper(s, l) && ns_ends_sentence(s, l) &&
	    ns_word_count_max(s, l, 8) >= 8;
}

/* Does block b open with a kicker, a label in capitals over a headline
 * ("CITY HALL" over "Council weighs bus cuts", as printed pages set a
 * section or topic over a story)? The label is no headline, the line
 * under it may be: *at and *len give that line. */
static int
kicker_block(const struct ns_splitter *sp, const char *s,
    const struct block *b, size_t *at, size_t *len)
{
	size_t l1, l2, ws;

	if (b->nlines < 2 || b->boiler1)
		return 0;
	l1 = line1(s, b->len);
	ws = ns_trim_left(s, l1);
	/* a kicker, or a source's name with boilerplate under the headline
	 * (a portal's partner: "Calder Daily" over the headline, "Story by
	 * Joanna Pike • 2h" under it) */
	if (ns_rules_match(sp->rules, NS_SCOPE_KICKER, s + ws, l1 - ws) ==
	    NULL && (b->nlines < 3 || b->boiler == 0 ||
	    ns_rules_match(sp->rules, NS_SCOPE_HEAD, s + ws, l1 - ws) == NULL))
		return 0;
	l2 = line1(s + l1 + 1, b->len - l1 - 1);
	ws = ns_trim_left(s + l1 + 1, l2);
	if (!headline_like(s + l1 + 1 + ws, l2 - ws) ||
	    ns_rules_match(sp->rules, NS_SCOPE_BODY, s + l1 + 1 + ws,
	    l2 - ws) != NULL)
		return 0;
	*at = l1 + 1;
	*len = l2;
	return 1;
}

/* Does block b hold a post's header over its headline, as a news
 * channel's posts copied from Telegram have it: the channel's name (a line
 * a head rule matches), perhaps boilerplate lines under it ("Forwarded
 * from X"), and the headline last, perhaps after an emoji flag ("🔴")?
 * *at and *len give the headline's line. */
static int
post_header(const struct ns_splitter *sp, const char *s,
    const struct block *b, size_t *at, size_t *len)
{
	size_t l1, ws1, i, l, ws, f;

	if (b->nlines < 2 || b->nlines > 4 || b->boiler1 || b->boiler_end ||
	    b->boiler + 2 != b->nlines)
		return 0;
	l1 = line1(s, b->len);
	ws1 = ns_trim_left(s, l1);
	for (i = l1 + 1; (l = line1(s + i, b->len - i)) + i < b->len;
	    i += l + 1)
		;
	ws = ns_trim_left(s + i, l);
	f = flag_len(s + i + ws, l - ws);
	if (!headline_like(s + i + ws + f, l - ws - f) ||
	    ns_rules_match(sp->rules, NS_SCOPE_HEAD, s + ws1, l1 - ws1) ==
	    NULL)
		return 0;
	*at = i;
	*len = l;
	return 1;
}

/* Does block b hold a page's masthead: a site's or a show's name (a line
 * a head rule matches) over boilerplate lines ("Meridiano English" over
 * its breadcrumb "Home / Economy"), or, under boilerplate (under), a label
 * in capitals alone that a kicker rule matches (a transcript's show, "CNN
 * NEWSROOM" under "Return to Transcripts main page")? */
static int
masthead_block(const struct ns_splitter *sp, const char *s,
    const struct block *b, int under)
{
	size_t l1 = line1(s, b->len), ws = ns_trim_left(s, l1);

	if (b->boiler1)
		return 0;
	if (b->nlines == 1)
		return under && ns_rules_match(sp->rules, NS_SCOPE_KICKER,
		    s + ws, l1 - ws) != NULL && ns_rules_match(sp->rules,
		    NS_SCOPE_HEAD, s + ws, l1 - ws) == NULL;
	return b->boiler == b->nlines - 1 && ns_rules_match(sp->rules,
	    NS_SCOPE_HEAD, s + ws, l1 - ws) != NULL;
}

/* Does every word of s[0..n-1] open in a capital ("Margaret Ellen
 * Pryor")? */
static int
name_case(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((i == 0 || s[i - 1] == ' ') && s[i] != ' ' &&
		    !starts_upper(s + i, n - i))
			return 0;
	return n > 0;
}

/* Does block b open with a headline, under a masthead at the top of an
 * article: a line of four words or more that ends no sentence, or a name
 * in Title Case of two or three (an obituary's, "Margaret Ellen Pryor")
 * over two lines or more? */
static int
headline_start(const char *s, const struct block *b)
{
	const char *nl = memchr(s, '\n', b->len);
	size_t l1 = nl ? (size_t)(nl - s) : b->len;
	utf8proc_int32_t last = ns_last_letter(s, l1);

	return !b->boiler1 && starts_upper(s, l1) &&
	    (ns_word_count(s, l1) >= 4 || (b->nlines >= 3 &&
	    ns_word_count(s, l1) >= 2 && name_case(s, l1))) &&
	    last != '.' && last != '!' &&
	    last != 0x2026 && title_at_start(s, l1, nl ? nl + 1 : NULL,
	    nl ? b->len - l1 - 1 : 0, 0);
}

/* Is block b a speaker's label on a line of its own, as transcripts set
 * one over the words spoken ("Amna Kessler:", "MARY ELLEN PARK, HOST:",
 * "Dr. Helen Marsh, Northway Health:"): a few words, each of four letters
 * or more capitalized, and a colon? The turn it opens is text. */
static int
speaker_label(const struct block *b, const char *s)
{
	size_t i, w, words;

	if (b->nlines != 1 || b->boiler > 0 || b->len < 3 || b->len > 80 ||
	    s[b->len - 1] != ':' || !starts_upper(s, b->len))
		return 0;
	words = ns_word_count(s, b->len - 1);
	if (words < 1 || words > 8)
		return 0;
	for (i = 0; i < b->len; i = w + 1) {
		for (w = i; w < b->len && s[w] != ' '; w++)
			;
		if (w - i >= 4 && starts_lower(s + i, w - i))
			return 0;
	}
	return 1;
}

/* Is block b furniture with a name among it, under a headline: lines a
 * body rule matches, and between two of them one line that a head or a
 * kicker rule matches ("PBS NewsHour" between "Watch the Full Episode"
 * and "By — Amna Kessler"), as ns-strip-ads cuts it there? */
static int
named_furniture(const struct ns_splitter *sp, const char *s,
    const struct block *b)
{
	size_t i, l, ws, k;

	if (b->nlines < 3 || b->boiler + 1 != b->nlines || b->boiler1 ||
	    !b->boiler_end)
		return 0;
	for (i = 0, k = 0; i < b->len; i += l + 1, k++) {
		l = line1(s + i, b->len - i);
		ws = ns_trim_left(s + i, l);
		if (ns_rules_match(sp->rules, NS_SCOPE_BODY, s + i + ws,
		    l - ws) != NULL)
			continue;
		return ns_rules_match(sp->rules, NS_SCOPE_HEAD |
		    NS_SCOPE_KICKER, s + i + ws, l - ws) != NULL;
	}
	return 0;
}

/* ---- building the article ---- */

/* The bytes JSON escaping adds to s: the record written must fit in
 * --max-record-bytes, so that the next tool takes it. */
static size_t
json_extra(const char *s, size_t n)
{
	/* What each byte adds: 1 for the two-character escapes, 5 for the
	 * other controls (\u00XX). A table, as this runs over every byte
	 * of the input. */
	static const unsigned char add[256] = {
		5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 5, 1, 1, 5, 5,
		5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
		0, 0, 1, ['\\'] = 1,
	};
	size_t i, extra = 0;

	for (i = 0; i < n; i++)
		extra += add[(unsigned char)s[i]];
	return extra;
}

/* What an article of title and text adds up to as a record: the escaped
 * strings, the id, the keys and the source object. */
static size_t
record_size(const struct ns_splitter *sp, size_t more)
{
	return sp->title.len + sp->text.len + sp->pend.len + sp->escapes +
	    more + 128 + (sp->file ? 6 * strlen(sp->file) : 0);
}

static void
set_source(struct ns_splitter *sp, uint64_t line, uint64_t byte, int force)
{
	if (sp->has_source && !force)
		return;
	sp->line = line;
	sp->byte = byte;
	sp->has_source = 1;
}

static void
reset_article(struct ns_splitter *sp)
{
	ns_buf_reset(&sp->title);
	ns_buf_reset(&sp->text);
	sp->has_title = 0;
	sp->has_source = 0;
	sp->content = 0;
	sp->last_boiler = 0;
	sp->last_final = 1;
	sp->last_furn = 0;
	sp->last_list = 0;
	sp->slot = 0;
	sp->opened = 0;
	sp->titled = 0;
	sp->trailer = 0;
	sp->refs = 0;
	sp->gap = 0;
	sp->separated = 0;
	sp->asked = 0;
	sp->escapes = 0;
	sp->framed = 0;
	sp->slugged = 0;
	sp->clips = 0;
	sp->clipsep = 0;
	sp->furnished = 0;
}

static void
emit_article(struct ns_splitter *sp)
{
	struct ns_article a;

	a.title = sp->title.p ? sp->title.p : "";
	a.tlen = sp->title.len;
	a.text = sp->text.p ? sp->text.p : "";
	a.xlen = sp->text.len;
	a.file = sp->file;
	a.line = sp->line;
	a.byte = sp->byte;
	a.url = sp->url;
	a.ulen = sp->ulen;
	sp->emit(&a, sp->ctx);
	sp->url = NULL;
	sp->ulen = 0;
	reset_article(sp);
}

static void end_article(struct ns_splitter *, int);
static int chat_block(struct ns_splitter *);
static void end_before(struct ns_splitter *, size_t, uint64_t, uint64_t);
static void trailer_end(struct ns_splitter *);

/* Append a block to the article's text. */
static void
push_text(struct ns_splitter *sp, const char *s, const struct block *b)
{
	int was_boiler;

	if (record_size(sp, b->len + b->extra + 4) > sp->max &&
	    (sp->text.len > 0 || sp->title.len > 0)) {
		/* An article past --max-record-bytes is cut here; the rest
		 * goes on as an article with no title. */
		if (sp->cut != NULL)
			sp->cut(NS_SPLIT_CUT, b->line, sp->ctx);
		end_article(sp, 1);
		sp->titled = 1;
	}
	set_source(sp, b->line, b->byte, 0);
	/* Furniture after a gap, under a paragraph or under the article's
	 * own furniture ("Sign up for our daily newsletter", a page's
	 * footer closing the last item's paragraph, "© Crown copyright", a
	 * list of links' last entry, "In \"Storage\""), may be the next
	 * article's. */
	if (b->boiler == b->nlines && (!sp->last_boiler || b->blanks >= 2)) {
		sp->opened = sp->content > 0 && b->blanks >= 2 &&
		    (sp->last_final || sp->last_boiler || sp->last_furn ||
		    sp->last_list);
		sp->open_at = sp->text.len + 1;
		sp->open_line = b->line;
		sp->open_byte = b->byte;
	}
	if (sp->text.len) {
		ns_buf_add(&sp->text, "\n\n", b->joined ? 1 : 2);
		sp->escapes += b->joined ? 1 : 2;
	}
	sp->escapes += b->extra;
	ns_buf_add(&sp->text, s, b->len);
	sp->slot = b->nlines == 1 && b->boiler == 1 && b->blanks < 2 &&
	    sp->content > 0 && !sp->last_boiler;
	was_boiler = sp->last_boiler;
	if (b->boiler == b->nlines)
		sp->last_boiler = 1;
	else {
		sp->opened = 0;
		sp->content++;
		sp->last_boiler = 0;
	}
	/* A trailer of links under a finished paragraph leaves it
	 * finished: a headline may come next, as after an end marker. */
	sp->last_final = ns_ends_sentence(s, b->len) || (sp->last_final &&
	    ((b->blanks >= 1 && !b->joined && (link_trailer(s, b->len,
	    b->nlines) || known_trailer(s, b->len, b))) || (b->joined &&
	    was_boiler && b->nlines <= 2 && all_lines(s, b->len, label_line))));
	sp->last_furn = b->boiler_end;
	sp->last_list = sp->listing != NULL;
}

/* Put the held blocks into the article as they are. */
static void
release_pending(struct ns_splitter *sp)
{
	size_t i, n = sp->npv;

	if (n == 0)
		return;
	sp->npv = 0;	/* push_text() may end the article: no second release */
	sp->lead = 0;
	sp->held_head = 0;
	sp->masthead = 0;
	sp->source = 0;
	for (i = 0; i < n; i++)
		push_text(sp, sp->pend.p + sp->pv[i].off, &sp->pv[i]);
	ns_buf_reset(&sp->pend);
}

/* The article ends. at_end: the input ends too, so even an article of
 * nothing but boilerplate is written; otherwise such an article is carried
 * into the next one rather than written alone. */
static void
end_article(struct ns_splitter *sp, int at_end)
{
	release_pending(sp);
	if (!sp->has_title && sp->text.len == 0) {
		reset_article(sp);
		return;
	}
	if (!at_end && !sp->has_title && sp->content == 0) {
		sp->titled = 0;
		sp->trailer = 0;
		sp->gap = 0;
		return;
	}
	emit_article(sp);
}

static void
hold(struct ns_splitter *sp, const char *s, const struct block *b)
{
	struct block *h;

	if (sp->npv == sp->cappv) {
		sp->cappv = sp->cappv ? sp->cappv * 2 : 4;
		sp->pv = ns_xreallocarray(sp->pv, sp->cappv, sizeof(*sp->pv));
	}
	h = &sp->pv[sp->npv++];
	*h = *b;
	h->off = sp->pend.len;
	ns_buf_add(&sp->pend, s, b->len);
}

/* s[0..n-1], trimmed on the left, is the article's title; it stands at
 * line and byte of the input. */
static void
take_title(struct ns_splitter *sp, const char *s, size_t n, uint64_t line,
    uint64_t byte)
{
	size_t lead = ns_trim_left(s, n);

	/* An emoji flag is no part of the headline; nor is white space at
	 * its end (a quoted value's: "title: ' X '"). */
	lead += flag_len(s + lead, n - lead);
	n = lead + ns_trim_right(s + lead, n - lead);
	/* Boilerplate carried over from a cut article (nothing but
	 * boilerplate is not written alone) may leave no room for the
	 * headline: it is written as it is, cut before the title, as
	 * push_text() cuts. */
	if (sp->text.len > 0 && record_size(sp, n - lead +
	    json_extra(s + lead, n - lead) + 4) > sp->max) {
		if (sp->cut != NULL)
			sp->cut(NS_SPLIT_CUT, line, sp->ctx);
		end_article(sp, 1);
	}
	ns_buf_add(&sp->title, s + lead, n - lead);
	sp->escapes += json_extra(sp->title.p, sp->title.len);
	sp->has_title = 1;
	sp->titled = 1;
	set_source(sp, line, byte, 1);
}

/* The first line of block b is the title; the rest of it, text. Under a
 * kicker, the second line is the title, and the kicker and the lines
 * under the headline go on as one paragraph, as they stood around it;
 * the kicker counts as boilerplate. */
static void
title_block(struct ns_splitter *sp, const char *s, const struct block *b)
{
	const char *nl = memchr(s, '\n', b->len);
	size_t l1 = nl ? (size_t)(nl - s) : b->len, at, l2;
	struct block rest;

	sp->furnished = b->boiler > 0;

	if (post_header(sp, s, b, &at, &l2)) {
		/* The headline is the post header's last line; the lines over
		 * it go on as boilerplate. */
		take_title(sp, s + at, l2, b->line + b->nlines - 1,
		    b->byte_last);
		rest = *b;
		rest.len = at - 1;
		rest.extra = json_extra(s, rest.len);
		rest.nlines--;
		rest.boiler = rest.nlines;
		push_text(sp, s, &rest);
		return;
	}
	if (kicker_block(sp, s, b, &at, &l2)) {
		take_title(sp, s + at, l2, b->line + 1, b->byte2);
		ns_buf_reset(&sp->kick);
		ns_buf_add(&sp->kick, s, l1);
		ns_buf_add(&sp->kick, s + at + l2, b->len - at - l2);
		rest = *b;
		rest.len = sp->kick.len;
		rest.extra = json_extra(sp->kick.p, rest.len);
		rest.nlines--;
		rest.boiler++;
		push_text(sp, sp->kick.p, &rest);
		return;
	}
	take_title(sp, s, l1, b->line, b->byte);
	if (nl == NULL)
		return;
	rest = *b;
	rest.len = b->len - l1 - 1;
	rest.extra = json_extra(nl + 1, rest.len);
	rest.nlines--;
	rest.line++;
	push_text(sp, nl + 1, &rest);
}

static int item_lines(const struct ns_splitter *, const char *,
    const struct block *);
static void body_block(struct ns_splitter *, const char *, struct block *);

/* Does block b, under boilerplate at the top of an article, hold nothing
 * but boilerplate and a search term in quotes ("\"Acme Corp\"" over
 * "Daily update", as alert e-mails head their results), which a head rule
 * names? */
static int
term_block(const struct ns_splitter *sp, const char *s, const struct block *b)
{
	size_t i, l, ws;

	if (sp->text.len == 0 || sp->content > 0 || b->boiler == 0)
		return 0;
	for (i = 0; i < b->len; i += l + 1) {
		l = line1(s + i, b->len - i);
		ws = ns_trim_left(s + i, l);
		if (ns_rules_match(sp->rules, NS_SCOPE_BODY, s + i + ws,
		    l - ws) != NULL)
			continue;
		if (l == ws || !is_open_quote(first_cp(s + i + ws, l - ws)) ||
		    ns_rules_match(sp->rules, NS_SCOPE_HEAD, s + i + ws,
		    l - ws) == NULL)
			return 0;
	}
	return 1;
}

/* The block held first (a masthead, a source's name) goes into the text
 * as boilerplate, over what comes under it. */
static void
push_held_boiler(struct ns_splitter *sp)
{
	struct block all = sp->pv[0];

	all.boiler = all.nlines;
	all.boiler1 = 1;
	push_text(sp, sp->pend.p + all.off, &all);
	ns_buf_reset(&sp->pend);
}

/* Is the second line of block b boilerplate, a line a body rule
 * matches? */
static int
line2_boiler(const struct ns_splitter *sp, const char *s,
    const struct block *b)
{
	size_t l1 = line1(s, b->len), l2, ws;

	if (b->nlines < 2)
		return 0;
	l2 = line1(s + l1 + 1, b->len - l1 - 1);
	ws = ns_trim_left(s + l1 + 1, l2);
	return ns_rules_match(sp->rules, NS_SCOPE_BODY, s + l1 + 1 + ws,
	    l2 - ws) != NULL;
}

/* The first block of an article: take the title from it. */
static void
start_block(struct ns_splitter *sp, const char *s, struct block *b)
{
	const char *nl = memchr(s, '\n', b->len);
	size_t l1 = nl ? (size_t)(nl - s) : b->len, at, l2;
	struct block all;

	if (b->boiler == b->nlines) {
		/* Boilerplate before the headline: into the text, with a
		 * masthead held over it ("Google Alerts" over "NEWS"). */
		if (sp->npv > 0 && sp->masthead) {
			sp->npv = sp->lead = sp->masthead = 0;
			push_held_boiler(sp);
		}
		push_text(sp, s, b);
		return;
	}
	if (term_block(sp, s, b)) {
		all = *b;
		all.boiler = all.nlines;
		push_text(sp, s, &all);
		return;
	}
	if (sp->npv > 0) {
		/* A line held under the boilerplate at the top: over a post's
		 * header (a day line "March 12" over a channel's post) it is
		 * boilerplate too; otherwise it is read as it would have been,
		 * and this block after it. */
		int mast = sp->masthead, source = sp->source;

		all = sp->pv[0];
		sp->npv = sp->lead = sp->masthead = sp->source = 0;
		if (source && b->nlines == 1 && b->boiler == 0 &&
		    headline_like(s, b->len)) {
			/* A source's name of up to three words under an end
			 * marker, over a longer headline alone on its line
			 * ("The Verge" over "Samsung profit jumps on memory
			 * prices"): boilerplate. */
			push_held_boiler(sp);
			start_block(sp, s, b);
			return;
		}
		if (mast && headline_start(s, b)) {
			/* A masthead over the headline: boilerplate. */
			push_held_boiler(sp);
			start_block(sp, s, b);
			return;
		}
		if (post_header(sp, s, b, &at, &l2)) {
			all.boiler = all.nlines;
			push_text(sp, sp->pend.p + all.off, &all);
			ns_buf_reset(&sp->pend);
			sp->titled = 1;
			title_block(sp, s, b);
			return;
		}
		ns_buf_reset(&sp->again);
		ns_buf_add(&sp->again, sp->pend.p + all.off, all.len);
		ns_buf_reset(&sp->pend);
		sp->reread = 1;
		start_block(sp, sp->again.p, &all);
		sp->reread = 0;
		if (!sp->titled)
			start_block(sp, s, b);
		else
			body_block(sp, s, b);
		return;
	}
	if (!sp->reread && sp->content == 0 &&
	    masthead_block(sp, s, b, sp->text.len > 0)) {
		/* A masthead at the top (a site's name over its breadcrumb,
		 * a show's name): the next block says whether a headline
		 * stands under it. */
		hold(sp, s, b);
		sp->lead = 1;
		sp->masthead = 1;
		return;
	}
	if (!sp->reread && b->nlines == 1 && (sp->text.len > 0 ||
	    sp->after_end) && sp->content == 0 &&
	    ns_rules_match(sp->rules, NS_SCOPE_HEAD, s + ns_trim_left(s,
	    b->len), b->len - ns_trim_left(s, b->len)) != NULL) {
		/* A line a head rule matches under the boilerplate at the
		 * top (a day line, a source's name), or first under an end
		 * marker: the next block says whether it is the headline. */
		sp->source = sp->text.len == 0 && sp->after_end &&
		    ns_word_count_max(s, b->len, 4) <= 3;
		sp->after_end = 0;
		hold(sp, s, b);
		sp->lead = 1;
		return;
	}
	sp->after_end = 0;
	if (post_header(sp, s, b, &at, &l2)) {
		sp->titled = 1;
		title_block(sp, s, b);
		return;
	}
	sp->titled = 1;
	if (kicker_block(sp, s, b, &at, &l2)) {
		/* A kicker over the headline: the title is under it. */
		nl = memchr(s + at, '\n', b->len - at);
		if (title_at_start(s + at, l2, nl ? nl + 1 : NULL,
		    nl ? b->len - (size_t)(nl - s) - 1 : 0,
		    b->boiler == b->nlines - 2)) {
			title_block(sp, s, b);
			return;
		}
	}
	/* A digest's item: its source's name under the headline may be in
	 * lower case ("example.com"); so may furniture right under it (an
	 * image's placeholder, "[cid:image002.jpg@...]"). */
	if (!item_lines(sp, s, b) && !title_at_start(s, l1,
	    nl ? nl + 1 : NULL, nl ? b->len - l1 - 1 : 0, !b->boiler1 &&
	    (b->boiler == b->nlines - 1 || (b->boiler > 0 &&
	    line2_boiler(sp, s, b))))) {
		push_text(sp, s, b);
		return;
	}
	title_block(sp, s, b);
}

/* Are the lines under a headline its credits, lines a head or a kicker
 * rule knows, a source's name, a byline ("USA TODAY" and "Marisol Trejo,
 * USA TODAY" over "Updated Wed, March 12, 2025", as portals set a
 * partner's article), the others boilerplate, one at least? Under
 * boilerplate, a name alone may do: a forum's flair under a post's title
 * ("News"). */
static int
named_credits(const struct ns_splitter *sp, const char *s,
    const struct block *b)
{
	size_t i, l, ws;

	if (b->nlines < 2 || b->boiler1 || (b->boiler == 0 &&
	    (b->nlines != 2 || !sp->last_boiler)))
		return 0;
	for (i = line1(s, b->len) + 1; i < b->len; i += l + 1) {
		l = line1(s + i, b->len - i);
		ws = ns_trim_left(s + i, l);
		if (ns_rules_match(sp->rules, NS_SCOPE_BODY, s + i + ws,
		    l - ws) == NULL && ns_rules_match(sp->rules,
		    NS_SCOPE_HEAD | NS_SCOPE_KICKER, s + i + ws, l - ws) ==
		    NULL)
			return 0;
	}
	return 1;
}

/* Does block b, a kicker over a headline, go on with a dek, one line
 * that no rule matches, and the credits under it, boilerplate lines to
 * the end ("CITY HALL" over "Council weighs bus cuts", "Mayor's plan
 * would end late-night service" and "By MARTA KESSLER", as printed pages
 * set a story)? */
static int
kicker_dek(const struct ns_splitter *sp, const char *s, const struct block *b)
{
	size_t i, l;

	if (b->nlines < 4 || !b->boiler_end || b->boiler + 3 != b->nlines)
		return 0;
	i = line1(s, b->len) + 1;
	i += line1(s + i, b->len - i) + 1;
	l = line1(s + i, b->len - i);
	return starts_upper(s + i, l) && ns_rules_match(sp->rules,
	    NS_SCOPE_BODY, s + i, l) == NULL;
}

/* Does block b hold a headline over its dek, a line that starts with a
 * capital, is no list item and has 8 to 40 words, more than the
 * headline? Under the last post's furniture (a blog platform's page), the
 * dek may be a sentence (a live blog's "Posted at 15:20" over its entry's
 * heading is none: boilerplate). After a finished paragraph or a gap (a
 * press release after another dump, joined by cat), the dek ends no
 * sentence, nor in a colon, a comma or a semicolon, as a standfirst is
 * set ("Facility expected to create 310 jobs"): a sub-heading over a
 * one-line paragraph is none. */
static int
dek_block(const struct ns_splitter *sp, const char *s, const struct block *b)
{
	size_t l1, l2, dek;
	utf8proc_int32_t last;

	if (b->nlines != 2 || b->boiler > 0 || sp->content == 0)
		return 0;
	l1 = line1(s, b->len);
	l2 = b->len - l1 - 1;
	if (!starts_upper(s + l1 + 1, l2) || ns_is_list_item(s + l1 + 1, l2))
		return 0;
	dek = ns_word_count(s + l1 + 1, l2);
	if (dek < 8 || dek > 40 || dek <= ns_word_count(s, l1))
		return 0;
	if (sp->last_boiler)
		return headline_under_boiler(s, l1);
	last = ns_last_letter(s + l1 + 1, l2);
	return (sp->last_final || b->blanks >= 2) && headline_like(s, l1) &&
	    !(s[l1 - 1] == '?' && sp->asked) && !subheading_like(s, l1, 5) &&
	    !ns_ends_sentence(s + l1 + 1, l2) && last != ':' && last != ',' &&
	    last != ';';
}

/* Lines at most of a result's block ("Ashby United 2 Kessmouth Athletic
 * 0", "Ashby: Okafor 23, 67", "Att: 1,214") over a match report's first
 * sentence, under the credits. */
#define LEAD_LINES 6

/* Does block b go on under its headline (over lines from the top: the
 * headline, or a kicker and the headline) with credits and then the story
 * itself, in one paragraph: one boilerplate line or more right under the
 * headline ("By Ledger staff | March 12, 2025", a date line) and then
 * lines no body rule matches, the first opening in a capital? A page of
 * short items sets no blank line between an item's headline, its credits
 * and its text. Between the headline and the credits a dek may stand, one
 * line of eight words or more ("Towns from Northumberland to Cornwall will
 * share £212 million ..." over "From: Department for ..." and "Published
 * 14 March 2025", as a government's news pages set a release); the story
 * may open with a few short lines in capitals (a match's score and
 * scorers over the report) before running text, a sentence or eight words
 * at least (no "In \"Storage\"" under a related post's date); the
 * item's own furniture may close the block ("Share this page", "Is this
 * page useful?"). */
static int
credits_then_text(const struct ns_splitter *sp, const char *s,
    const struct block *b, size_t over)
{
	size_t i, k, l, ws, credits = 0, text = 0;
	int run = 0;

	if (b->nlines < over + 2 || b->boiler1)
		return 0;
	for (i = 0, k = 0; i < b->len; i += l + 1, k++) {
		l = line1(s + i, b->len - i);
		if (k < over)
			continue;
		ws = ns_trim_left(s + i, l);
		if (ns_rules_match(sp->rules, NS_SCOPE_BODY, s + i + ws,
		    l - ws) != NULL) {
			if (text > 0)
				continue;	/* a line of the story's own */
			credits++;
			continue;
		}
		if (k == over && starts_upper(s + i + ws, l - ws) &&
		    !ns_is_list_item(s + i + ws, l - ws) &&
		    ns_word_count_max(s + i + ws, l - ws, 8) >= 8)
			continue;	/* perhaps a dek: credits must follow */
		if (run) {
			text++;
			continue;
		}
		/* the story's first lines: in a capital, and running text
		 * within a few of them */
		if (credits == 0 || !starts_upper(s + i + ws, l - ws) ||
		    text >= LEAD_LINES)
			return 0;
		run = ns_ends_sentence(s + i + ws, l - ws) ||
		    ns_word_count_max(s + i + ws, l - ws, 8) >= 8;
		text++;
	}
	return credits > 0 && run;
}

/* Could block b start a new article? A headline: a line of its own, or
 * over credits ("Image source, X", "Reuters · 2 hours ago") in its
 * block, perhaps under a kicker ("SCHOOLS"), after a finished sentence
 * or boilerplate; under boilerplate, under a kicker or after a gap, the
 * story may go on under the credits in the headline's block (a page of
 * short items, no blank lines in an item; an e-edition's article, kicker,
 * headline, information line and story in one block); under a kicker
 * ("Episode 413"), also after a block
 * that ends in boilerplate (readers' comments over their last "Reply").
 * An article whose sub-headings are questions ("Why are drivers
 * striking?") has more of them, not a headline. */
static int
headline_block(const struct ns_splitter *sp, const char *s,
    const struct block *b)
{
	size_t at = 0, l1 = line1(s, b->len), over = 1, f;
	int question;

	if (sp->framed)
		return 0;	/* an export's document: its marks end it */
	/* Lines in a list heading's paragraph ("Related Content") and
	 * nothing but entries, two or more: a list of links, even over a
	 * paragraph (the next file's, after cat). A headline there has
	 * credits under it ("Local news" over a headline and "Marlow County
	 * News · 6h"). */
	if (sp->listing != NULL && b->joined && b->nlines >= 2 &&
	    b->boiler == 0)
		return 0;
	if (post_header(sp, s, b, &at, &l1))
		return sp->content > 0 && (sp->last_boiler ||
		    sp->last_final || b->blanks >= 2);
	if (kicker_block(sp, s, b, &at, &l1))
		over = 2;
	else if (dek_block(sp, s, b))
		return 1;
	/* Or over a name (a forum's flair), as below. */
	/* A headline may open with an emoji flag ("⚡️ "). */
	f = flag_len(s + at, l1);
	at += f;
	l1 -= f;
	question = l1 > 0 && s[at + l1 - 1] == '?';
	/* A sub-heading after a paragraph, or after an ad slot under one
	 * ("Advertisement", "Story continues"). */
	if (b->blanks < 2 && (sp->last_boiler ? sp->slot &&
	    subheading_like(s + at, l1, 12) : subheading_like(s + at, l1, 5)))
		return 0;
	return !b->boiler1 && (b->boiler == b->nlines - over ||
	    (over == 1 && named_credits(sp, s, b)) ||
	    (over == 2 && kicker_dek(sp, s, b)) ||
	    ((sp->last_boiler || sp->last_furn || over == 2 ||
	    b->blanks >= 2) && !b->listed &&
	    credits_then_text(sp, s, b, over))) &&
	    sp->content > 0 &&
	    (sp->last_boiler || sp->last_final || b->blanks >= 2 ||
	    (sp->last_furn && (over == 2 || (b->nlines >= 3 &&
	    named_credits(sp, s, b))))) &&
	    !(question && sp->asked) && (sp->last_boiler ?
	    headline_under_boiler(s + at, l1) : headline_like(s + at, l1));
}

/* Does block b, a headline that could start an article, carry the story
 * under its credits (credits_then_text())? Then the story says it is a
 * headline: the article starts there, with no paragraph under it to wait
 * for (a page of items, each closed by its furniture: "Is this page
 * useful?" over the next item's breadcrumb and headline). */
static int
story_block(const struct ns_splitter *sp, const char *s,
    const struct block *b)
{
	size_t at, l;
	int kicker = kicker_block(sp, s, b, &at, &l);

	return (sp->last_boiler || sp->last_furn || kicker ||
	    b->blanks >= 2) && !b->listed &&
	    credits_then_text(sp, s, b, kicker ? 2 : 1);
}

/* Is block b an item of a digest or an alert e-mail: a headline, a
 * source's name under it ("Marlow County News", "example.com") and the
 * snippet, in one block, perhaps closed by the item's links ("Flag as
 * irrelevant")? */
static int
item_lines(const struct ns_splitter *sp, const char *s, const struct block *b)
{
	size_t l1, l2, l3, o2, o3, ws;

	if (b->nlines < 3 || b->boiler1 || b->boiler > b->nlines - 3)
		return 0;
	l1 = line1(s, b->len);
	if (!headline_like(s, l1))
		return 0;
	o2 = l1 + 1;
	l2 = line1(s + o2, b->len - o2);
	ws = ns_trim_left(s + o2, l2);
	if (ns_rules_match(sp->rules, NS_SCOPE_BODY, s + o2 + ws, l2 - ws) !=
	    NULL || ns_rules_match(sp->rules, NS_SCOPE_HEAD, s + o2 + ws,
	    l2 - ws) == NULL)
		return 0;
	/* The snippet: a line of running text, not boilerplate. */
	o3 = o2 + l2 + 1;
	l3 = line1(s + o3, b->len - o3);
	ws = ns_trim_left(s + o3, l3);
	return l3 - ws >= 60 && starts_upper(s + o3 + ws, l3 - ws) &&
	    ns_rules_match(sp->rules, NS_SCOPE_BODY, s + o3 + ws, l3 - ws) ==
	    NULL;
}

/* Does block b start a new article as a digest's item? The item before
 * it ended with a sentence or with the item's links, or this one ends
 * with them. */
static int
item_block(const struct ns_splitter *sp, const char *s, const struct block *b)
{
	return sp->content > 0 && !sp->framed && (sp->last_boiler ||
	    sp->last_furn ||
	    b->boiler_end || (sp->last_final && b->blanks >= 1)) &&
	    item_lines(sp, s, b);
}

/* Is every line of block b an item of a list ("• No trams are
 * running", "- KF2501"), two at least? */
static int
list_block(const char *s, const struct block *b)
{
	size_t i, l;

	if (b->nlines < 2 || b->boiler > 0)
		return 0;
	for (i = 0; i < b->len; i += l + 1) {
		l = line1(s + i, b->len - i);
		if (!ns_is_list_item(s + i + ns_trim_left(s + i, l),
		    l - ns_trim_left(s + i, l)))
			return 0;
	}
	return 1;
}

/* Has the held headline boilerplate under it, and does none of it credit
 * a photo ("Photo: X", "X/Reuters")? A caption over its credit reads as a
 * headline over its byline. */
static int
held_credits(const struct ns_splitter *sp)
{
	const struct block *h;
	const char *p;
	size_t i, at, l, ws, boiler = 0;

	for (i = sp->lead; i < sp->npv; i++) {
		h = &sp->pv[i];
		p = sp->pend.p + h->off;
		boiler += h->boiler;
		for (at = 0; at < h->len; at += l + 1) {
			l = line1(p + at, h->len - at);
			ws = ns_trim_left(p + at, l);
			if (ns_rules_match(sp->rules, NS_SCOPE_CREDIT, p + at + ws,
			    l - ws) != NULL)
				return 0;
		}
	}
	return boiler > 0;
}

/* Is block b a short heading under the held headline and its credits,
 * such as a live blog sets over its summary ("Key points" under the
 * headline, "Live Reporting" and "Edited by X", over the bullets), which
 * the text under it may confirm the headline by? Only a line that could
 * start nothing itself, no headline nor a source's name, and only under
 * credits: a sub-heading of an article seldom has them. */
static int
held_heading(const struct ns_splitter *sp, const char *s,
    const struct block *b)
{
	utf8proc_int32_t last;

	if (sp->held_head || sp->listing != NULL || b->nlines != 1 ||
	    b->boiler > 0 || !starts_upper(s, b->len) ||
	    ns_is_list_item(s, b->len) ||
	    ns_word_count_max(s, b->len, 5) > 5 || headline_like(s, b->len) ||
	    !held_credits(sp))
		return 0;
	last = ns_last_letter(s, b->len);
	if (last == '.' || last == '!' || last == '?' || last == ',' ||
	    last == ';' || last == 0x2026)
		return 0;
	return ns_rules_match(sp->rules, NS_SCOPE_HEAD | NS_SCOPE_KICKER, s,
	    b->len) == NULL;
}

/* A headline starts the next article: the one before ends, and the
 * furniture that followed its last paragraph after a gap (a page's
 * header, the top of a dump joined by cat: "r/Scotland" and "Posted by
 * u/x") goes on at the top of the next, where ns-strip-ads reads it as
 * it reads the top of a dump. Furniture right under the paragraph (a
 * trailer, "Share this") stays. */
static void
end_opened(struct ns_splitter *sp)
{
	if (sp->opened && sp->last_boiler)
		end_before(sp, sp->open_at, sp->open_line, sp->open_byte);
	else
		end_article(sp, 0);
}

/* A block of the body is complete. */
static void
body_block(struct ns_splitter *sp, const char *s, struct block *b)
{
	struct block head;
	size_t l1, ws;
	int question;

	if (sp->warc == WARC_BODY || sp->mail == MAIL_REPLY ||
	    sp->mail == MAIL_BODY) {
		/* A web page's text, a message's: the record is the
		 * article. */
		push_text(sp, s, b);
		return;
	}
	if (sp->npv > 0 && sp->npv == sp->lead && sp->masthead &&
	    headline_start(s, b)) {
		/* A masthead over a headline: the next article, and the
		 * story may go on under the headline in its paragraph (a
		 * page with no blank lines). */
		size_t i, held = sp->npv;

		sp->npv = sp->lead = sp->masthead = 0;
		end_opened(sp);
		for (i = 0; i < held; i++) {
			head = sp->pv[i];
			head.boiler = head.nlines;
			head.boiler1 = 1;
			push_text(sp, sp->pend.p + head.off, &head);
		}
		ns_buf_reset(&sp->pend);
		title_block(sp, s, b);
		return;
	}
	if (sp->npv > 0 && sp->npv == sp->lead && sp->masthead &&
	    b->boiler == b->nlines && sp->npv < 8 &&
	    record_size(sp, b->len + b->extra + 8) <= sp->max) {
		/* Furniture under a held masthead (a release's line over its
		 * headline): held with it, the headline may come next. */
		hold(sp, s, b);
		sp->lead++;
		return;
	}
	if (sp->npv > 0 && sp->npv == sp->lead) {
		/* A source's name is held: a headline under it starts an
		 * article, and the name goes with it, when furniture around
		 * them says so (the name under boilerplate, "For you", or
		 * credits under the headline, "5 hours ago"): a short
		 * sub-heading over a longer one is no source. */
		if (headline_block(sp, s, b) && (sp->lead_under ||
		    b->nlines > 1)) {
			hold(sp, s, b);
			sp->held_post = post_header(sp, s, b, &l1, &ws);
			sp->held_named = b->nlines >= 3 &&
			    named_credits(sp, s, b);
			sp->held_bare = 0;
			return;
		}
		release_pending(sp);
	}
	if (sp->npv > 0) {
		if ((b->boiler == b->nlines || named_furniture(sp, s, b)) &&
		    sp->npv < 8 &&
		    record_size(sp, b->len + b->extra + 8) <= sp->max) {
			/* Credits under a headline: still undecided. */
			hold(sp, s, b);
			return;
		}
		/* An entry of a list of links under the candidate ("Its
		 * Workers Aren't Sold.") makes it one too. A post's header
		 * takes any text under it: a channel's post may be a line
		 * long. */
		/* Under an article whose headline came with its credits,
		 * a short line in sentence case (six words at most) alone
		 * right under a paragraph, with none around it, is a
		 * sub-heading ("How the trial worked"): the next article's
		 * headline would come with its own, as the source's pages
		 * set every headline alike. */
		if ((paragraph_like(b, s) || speaker_label(b, s) ||
		    (sp->held_head && list_block(s, b)) ||
		    (sp->held_named && story_lines(b, s)) || (sp->held_post &&
		    b->boiler == 0 && starts_upper(s, b->len))) &&
		    !(sp->listing != NULL && b->nlines == 1) &&
		    !(sp->furnished && sp->held_bare &&
		    sp->npv == sp->lead + 1)) {
			/* The candidate was a headline: the article before it
			 * ends, without the held blocks, and a new one starts
			 * with them. */
			size_t i, held = sp->npv, names = sp->lead;

			sp->npv = sp->lead = sp->held_head = 0;
			end_opened(sp);
			for (i = 0; i < names; i++) {
				/* Boilerplate over the headline, as at the
				 * start of a dump. */
				head = sp->pv[i];
				head.boiler = head.nlines;
				push_text(sp, sp->pend.p + head.off, &head);
			}
			head = sp->pv[names];
			title_block(sp, sp->pend.p + head.off, &head);
			for (i = names + 1; i < held; i++) {
				if (sp->pv[i].boiler > 0)
					sp->furnished = 1;
				push_text(sp, sp->pend.p + sp->pv[i].off,
				    &sp->pv[i]);
			}
			ns_buf_reset(&sp->pend);
			push_text(sp, s, b);
			return;
		}
		if (held_heading(sp, s, b) && sp->npv < 8) {
			/* A heading under the credits: the text under it
			 * says. */
			hold(sp, s, b);
			sp->held_head = 1;
			return;
		}
		release_pending(sp);
	}
	if (item_block(sp, s, b)) {
		/* A digest's item: the article before it ends. */
		end_opened(sp);
		title_block(sp, s, b);
		return;
	}
	if (headline_block(sp, s, b)) {
		if (story_block(sp, s, b)) {
			/* An end marker that closed the block is the new
			 * article's ("Printed and distributed by ..." under
			 * the story). */
			int trailer = sp->trailer;

			end_opened(sp);
			title_block(sp, s, b);
			sp->trailer = trailer;
			return;
		}
		sp->held_bare = b->nlines == 1 && b->boiler == 0 &&
		    b->blanks < 2 && !sp->last_boiler && !b->joined &&
		    ns_word_count_max(s, b->len, 7) <= 6 &&
		    !ns_is_title_case(s, b->len);
		hold(sp, s, b);
		sp->held_post = post_header(sp, s, b, &l1, &ws);
		sp->held_named = b->nlines >= 3 && named_credits(sp, s, b);
		return;
	}
	/* A source's name alone on its line, where a headline could
	 * stand: held, as the headline may come under it. */
	ws = ns_trim_left(s, b->len);
	if (b->nlines == 1 && b->boiler == 0 && sp->content > 0 &&
	    !sp->framed && (sp->last_boiler || sp->last_final || b->blanks >= 2) &&
	    ns_rules_match(sp->rules, NS_SCOPE_HEAD, s + ws, b->len - ws) !=
	    NULL) {
		hold(sp, s, b);
		sp->lead = 1;
		sp->lead_under = b->joined && sp->last_boiler;
		return;
	}
	/* A masthead, a site's name over its breadcrumb, where a headline
	 * could stand: held, as the next article's headline may come under
	 * it. So is a show's name in capitals alone, under furniture after
	 * a gap that closed the article before ("CNN NEWSROOM" under
	 * "Return to Transcripts main page"), as at the top of a dump. */
	if (sp->content > 0 && !sp->framed && ((b->nlines >= 2 &&
	    (sp->last_boiler || sp->last_final || b->blanks >= 2) &&
	    masthead_block(sp, s, b, 0)) || (b->nlines == 1 &&
	    sp->last_boiler && sp->opened && masthead_block(sp, s, b, 1)))) {
		hold(sp, s, b);
		sp->lead = 1;
		sp->lead_under = 1;
		sp->masthead = 1;
		return;
	}
	if (sp->listing != NULL && b->joined && b->boiler < b->nlines) {
		/* Entries of a list of links, right under its heading
		 * ("Recommended Stories"): boilerplate, as ns-strip-ads cuts
		 * them at the end, so a headline may come next. */
		head = *b;
		head.boiler = head.nlines;
		push_text(sp, s, &head);
		return;
	}
	l1 = line1(s, b->len);
	question = l1 > 0 && s[l1 - 1] == '?';
	if (question && b->nlines == 1 && b->boiler == 0)
		sp->asked = 1;
	push_text(sp, s, b);
}

/* The block being read is complete. */
static void
end_block(struct ns_splitter *sp)
{
	if (sp->cb.nlines == 0)
		return;
	sp->cb.len = sp->cur.len;
	/* A name over nothing but furniture, two lines at least ("Jane
	 * Roe" over "Follow" and "5 min read", "The Ledger" over "Subscribe"
	 * and "Sign in"): all boilerplate, as ns-strip-ads cuts it. */
	if (sp->cb.nlines >= 3 && !sp->cb.boiler1 && !sp->mast_cut &&
	    sp->cb.boiler == sp->cb.nlines - 1) {
		size_t l1 = line1(sp->cur.p, sp->cur.len),
		    ws = ns_trim_left(sp->cur.p, l1);

		if (ns_rules_match(sp->rules, NS_SCOPE_AUTHOR, sp->cur.p + ws,
		    l1 - ws) != NULL) {
			sp->cb.boiler = sp->cb.nlines;
			sp->cb.boiler1 = 1;
		}
	}
	if (sp->chat && chat_block(sp))
		;
	else if (!sp->titled)
		start_block(sp, sp->cur.p, &sp->cb);
	else
		body_block(sp, sp->cur.p, &sp->cb);
	sp->chat = 0;
	ns_buf_reset(&sp->cur);
	sp->cb.nlines = sp->cb.boiler = 0;
	sp->blanks = 0;
}

/* No run goes on past a separator, a title line or a form feed. */
static void
end_run(struct ns_splitter *sp)
{
	sp->run = NULL;
	sp->alone = sp->next = 0;
}

/* A page's masthead at the top of an article (or after a gap of two
 * blank lines, where a page joined by cat begins, perhaps under the
 * page's first furniture: "Skip to main content" and a cookie banner over
 * "GOV.UK"),
 * set with no blank line over the headline: the site's name (a line a head rule matches), then
 * its furniture, two boilerplate lines or more (its tagline, menu,
 * "Subscribe | Log in", a photo's alt text) among which section labels
 * may stand (kickers: "Community", "Obituaries"), and then a line that
 * opens in a capital and ends no sentence. That line may be the headline
 * (a name, "Margaret Ellen Pryor"): the masthead is a block of its own,
 * the name over boilerplate, and the headline opens the next. */
static void
mast_line(struct ns_splitter *sp, const char *s, size_t n, int boiler)
{
	size_t ws = ns_trim_left(s, n);
	utf8proc_int32_t last;

	if ((sp->titled || sp->content > 0) && !(sp->cb.nlines > 0 ?
	    sp->mast_run : sp->titled && sp->content > 0 && !sp->framed &&
	    sp->warc == WARC_NONE && sp->mail == MAIL_NONE &&
	    (sp->blanks >= 2 || (sp->opened && sp->last_boiler)))) {
		sp->mast_run = 0;
		return;
	}
	if (sp->npv > 0) {
		sp->mast_run = 0;
		return;
	}
	if (sp->cb.nlines == 0) {
		sp->mast_run = !boiler && ns_rules_match(sp->rules,
		    NS_SCOPE_HEAD, s + ws, n - ws) != NULL;
		sp->mast_boiler = 0;
		return;
	}
	if (!sp->mast_run)
		return;
	if (boiler) {
		sp->mast_boiler++;
		return;
	}
	if (ns_rules_match(sp->rules, NS_SCOPE_KICKER, s + ws, n - ws) !=
	    NULL)
		return;
	sp->mast_run = 0;
	last = ns_last_letter(s + ws, n - ws);
	if (sp->mast_boiler < 2 || !starts_upper(s + ws, n - ws) ||
	    ns_is_list_item(s + ws, n - ws) ||
	    ns_word_count_max(s + ws, n - ws, 20) > 20 || last == '.' ||
	    last == '!' || last == ',' || last == ';' || last == ':' ||
	    last == 0x2026)
		return;
	/* the name over boilerplate: a masthead (masthead_block()) */
	sp->cb.boiler = sp->cb.nlines - 1;
	sp->cb.boiler1 = 0;
	sp->cb.boiler_end = 1;
	sp->mast_cut = 1;
	end_block(sp);
	sp->mast_cut = 0;
}

/* Is s[0..n-1] a chat app's message header, as Slack's desktop app
 * copies one: the sender's name (one to four words, each opening in a
 * capital, no digits), perhaps a bot's "APP" tag, and the time, two
 * spaces or more apart ("Dana Whitfield  9:14 AM", "Clipbot  APP  8:00
 * AM")? */
static int
chat_header(const char *s, size_t n)
{
	size_t i = 0, k, words = 0;

	for (;;) {
		if (i >= n || !starts_upper(s + i, n - i))
			return 0;
		for (; i < n && s[i] != ' '; i++)
			if (s[i] >= '0' && s[i] <= '9')
				return 0;
		if (++words > 4)
			return 0;
		for (k = i; k < n && s[k] == ' '; k++)
			;
		if (k == i || k == n)
			return 0;
		if (k - i >= 2) {
			i = k;
			break;
		}
		i = k;
	}
	if (n - i >= 5 && memcmp(s + i, "APP  ", 5) == 0)
		for (i += 3; i < n && s[i] == ' '; i++)
			;
	for (k = i; k < n && s[k] >= '0' && s[k] <= '9'; k++)
		;
	if (k == i || k - i > 2 || k >= n || s[k] != ':')
		return 0;
	for (i = ++k; k < n && s[k] >= '0' && s[k] <= '9'; k++)
		;
	if (k - i != 2)
		return 0;
	i = k;
	if (i < n && s[i] == ' ')
		i++;
	if (n - i == 2 && (s[i] == 'A' || s[i] == 'P') && s[i + 1] == 'M')
		i += 2;
	return i == n;
}

/* Does s[0..n-1] hold a chat app's emoji code (":lock:", ":+1:") or
 * its mark of an edited message ("(edited)"): a poster's words? */
static int
chat_words(const char *s, size_t n)
{
	size_t i, k;

	if (n >= 8 && memcmp(s + n - 8, "(edited)", 8) == 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (s[i] != ':')
			continue;
		for (k = i + 1; k < n && k - i <= 41 && ((s[k] >= 'a' &&
		    s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') ||
		    s[k] == '_' || s[k] == '+' || s[k] == '-'); k++)
			;
		if (k > i + 1 && k < n && s[k] == ':')
			return 1;
	}
	return 0;
}

/* The block being read is a chat message (it opens with its header, "Dana
 * Whitfield  9:14 AM"): one that carries an article has a headline under
 * the header (past the poster's note, a link, the unfurl's site name: a
 * line that reads as a headline, that no body rule matches and with no
 * emoji code in it, ":lock:", as a poster's note has) with
 * running text under it in the message (a line no body rule matches, in
 * a capital, of 60 bytes or a sentence): the article before ends, the
 * lines over the headline are the new article's boilerplate and the
 * headline its title. Any other message (chatter, a reply, a bot's
 * reminder, "joined #channel.") is boilerplate of the article it stands
 * in, as comments are. Returns 1 if the block is taken. */
static int
chat_block(struct ns_splitter *sp)
{
	const char *s = sp->cur.p;
	size_t len = sp->cur.len, i, l, k, ws, at = 0, hk = 0;
	int text = 0;
	struct block pre, rest;

	if (sp->warc != WARC_NONE || sp->mail != MAIL_NONE || sp->cb.joined)
		return 0;
	for (i = 0, k = 0; i < len; i += l + 1, k++) {
		l = line1(s + i, len - i);
		ws = ns_trim_left(s + i, l);
		if (ns_rules_match(sp->rules, NS_SCOPE_BODY, s + i + ws,
		    l - ws) != NULL)
			continue;
		if (hk == 0) {
			if (k > 0 && i + l < len &&
			    headline_like(s + i + ws, l - ws) &&
			    !chat_words(s + i + ws, l - ws)) {
				at = i;
				hk = k;
			}
			continue;
		}
		if (starts_upper(s + i + ws, l - ws) && (l - ws >= 60 ||
		    ns_ends_sentence(s + i + ws, l - ws))) {
			text = 1;
			break;
		}
	}
	if (hk == 0 || !text) {
		sp->cb.boiler = sp->cb.nlines;
		sp->cb.boiler1 = sp->cb.boiler_end = 1;
		return 0;
	}
	pre = sp->cb;
	pre.len = at - 1;
	pre.extra = json_extra(s, pre.len);
	pre.nlines = hk;
	pre.boiler = hk;
	pre.boiler1 = pre.boiler_end = 1;
	pre.byte_last = sp->lbyte[hk - 1];
	rest = sp->cb;
	rest.off = 0;
	rest.len = len - at;
	rest.extra = json_extra(s + at, rest.len);
	rest.line = sp->cb.line + hk;
	rest.byte = sp->lbyte[hk];
	rest.byte2 = hk + 1 < sp->cb.nlines ? sp->lbyte[hk + 1] : 0;
	rest.nlines = sp->cb.nlines - hk;
	rest.boiler = 0;
	rest.blanks = 0;
	rest.joined = 0;
	for (i = at, k = 0; i < len; i += l + 1, k++) {
		l = line1(s + i, len - i);
		ws = ns_trim_left(s + i, l);
		rest.boiler_end = ns_rules_match(sp->rules, NS_SCOPE_BODY,
		    s + i + ws, l - ws) != NULL;
		rest.boiler += rest.boiler_end;
		if (k == 0)
			rest.boiler1 = rest.boiler_end;
	}
	if (sp->titled) {
		release_pending(sp);
		end_opened(sp);
	} else
		release_pending(sp);
	push_text(sp, s, &pre);
	title_block(sp, s + at, &rest);
	return 1;
}

static void
add_line(struct ns_splitter *sp, const char *s, size_t n, size_t extra,
    uint64_t lineno, uint64_t byte, int boiler)
{
	/* A block that would take the article past max bytes ends here, so
	 * that push_text() can cut the article: memory stays bounded. */
	int joined = 0;

	/* Boilerplate over a line ("URGENT", a wire slug, a photo credit,
	 * "Local news") is a block of its own: the line under it may be a
	 * headline. In the body, the rest goes on the same paragraph when
	 * it is none. */
	int chat = chat_header(s + ns_trim_left(s, n), n - ns_trim_left(s, n));

	/* A chat app's message header opens a block: each message is read
	 * on its own (chat_block()), and none is cut in two under it. */
	if (chat && sp->cb.nlines > 0)
		end_block(sp);
	else if (!boiler && sp->cb.nlines > 0 &&
	    sp->cb.boiler == sp->cb.nlines && !sp->chat) {
		joined = sp->titled;
		end_block(sp);
	}
	mast_line(sp, s, n, boiler);
	if (sp->cb.nlines > 0 && record_size(sp, sp->cur.len + sp->cb.extra +
	    n + extra + 8) > sp->max) {
		end_block(sp);
		joined = 1;
	}
	if (sp->cb.nlines == sp->caplbyte) {
		sp->caplbyte = sp->caplbyte ? sp->caplbyte * 2 : 16;
		sp->lbyte = ns_xreallocarray(sp->lbyte, sp->caplbyte,
		    sizeof(*sp->lbyte));
	}
	sp->lbyte[sp->cb.nlines] = byte;
	if (sp->cb.nlines == 0) {
		sp->chat = chat;
		sp->cb.line = lineno;
		sp->cb.byte = byte;
		sp->cb.byte_last = byte;
		sp->cb.boiler1 = boiler;
		sp->cb.blanks = sp->blanks;
		sp->cb.joined = joined;
		sp->cb.listed = sp->listing != NULL;
		sp->cb.extra = 0;
	} else {
		if (sp->cb.nlines == 1)
			sp->cb.byte2 = byte;
		sp->cb.byte_last = byte;
		ns_buf_addc(&sp->cur, '\n');
		sp->cb.extra++;
	}
	sp->cb.extra += extra;
	ns_buf_add(&sp->cur, s, n);
	sp->cb.nlines++;
	if (boiler)
		sp->cb.boiler++;
	sp->cb.boiler_end = boiler;
}

/* As ns-strip-ads: lines at most over a box's closing line, and words at
 * most in each. */
#define BOX_LINES 8
#define BOX_WORDS 40

/* The line just added closes a box the page set over the text (a
 * portal's AI summary over its disclaimer, a video card over "View on
 * Watch"): the block, a paragraph of a few short lines, is all
 * boilerplate, as ns-strip-ads cuts it. */
/* Is the line of the block being read at offset i one a body rule
 * matches? */
static int
box_credits(const struct ns_splitter *sp, size_t i)
{
	size_t l = line1(sp->cur.p + i, sp->cur.len - i),
	    ws = ns_trim_left(sp->cur.p + i, l);

	return ns_rules_match(sp->rules, NS_SCOPE_BODY, sp->cur.p + i + ws,
	    l - ws) != NULL;
}

static void
box_block(struct ns_splitter *sp)
{
	size_t i, l;

	if (sp->cb.joined || sp->cb.nlines < 2 ||
	    sp->cb.nlines > BOX_LINES + 1)
		return;
	for (i = 0; i < sp->cur.len; i += l + 1) {
		l = line1(sp->cur.p + i, sp->cur.len - i);
		if (i + l < sp->cur.len &&
		    ns_word_count_max(sp->cur.p + i, l, BOX_WORDS) > BOX_WORDS)
			return;
	}
	/* A headline over credits ("By: Name", "Posted at ...") and a
	 * video player the box closes ("Video player loading...", "Now
	 * Playing", the video's title, "Autoplay: On"): the headline stays
	 * a line of its own, the rest is furniture. */
	l = line1(sp->cur.p, sp->cur.len);
	if (!sp->cb.boiler1 && sp->cb.nlines >= 3 && box_credits(sp, l + 1)) {
		sp->cb.boiler = sp->cb.nlines - 1;
		return;
	}
	sp->cb.boiler = sp->cb.nlines;
	sp->cb.boiler1 = 1;
}

/* The offset of the value of a "Title: ..." or "Headline: ..." line, as
 * feed readers export an item, or of a Markdown heading of the first
 * level ("# ..."); 0 when s is not one. */
static size_t
title_field(const char *s, size_t n)
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
		return v > k && v < n && ns_trim_right(s + v, n - v) > 0 ? v :
		    0;
	}
	return 0;
}

/* The lines of a database export that split it: a LexisNexis
 * document's count over its masthead ("1 of 2 DOCUMENTS") starts the
 * document, boilerplate; the centred lines under it (publication, date,
 * edition), or lines a head rule matches, are boilerplate over the
 * headline. An export's word count
 * ("Length: 688 words") says that the article is one of its documents,
 * which only the export's marks end, up to its "Load-Date:" field, which
 * follows the body. Returns 1 if the line is taken. */
static int
export_line(struct ns_splitter *sp, const char *s, size_t n, size_t lead,
    size_t extra, uint64_t lineno, uint64_t byte)
{
	if (sp->titled && cover_field(s + lead, n - lead)) {
		/* An export's cover page under an article (a dump joined to
		 * another by cat): the article ends, what stood over the
		 * cover with it, and the export is read from its top, as a
		 * dump is; the line goes in as any. */
		end_block(sp);
		end_run(sp);
		end_article(sp, 0);
		sp->after_end = 0;
		sp->listing = NULL;
		sp->dochead = 0;
		return 0;
	}
	if (doc_count(s + lead, n - lead)) {
		end_block(sp);
		end_run(sp);
		release_pending(sp);
		end_article(sp, 0);
		sp->separated = 0;
		sp->trailer = 0;
		add_line(sp, s, n, extra, lineno, byte, 1);
		sp->dochead = 1;
		return 1;
	}
	if (sp->dochead) {
		/* Centred, or a masthead's line set flush left ("The
		 * Herald (Glasgow)", "National Edition"). */
		if (!sp->titled && (lead >= 2 || ns_rules_match(sp->rules,
		    NS_SCOPE_HEAD, s + lead, n - lead) != NULL)) {
			add_line(sp, s, n, extra, lineno, byte, 1);
			return 1;
		}
		/* A line a body rule matches (a date) is boilerplate
		 * anyway: the masthead may go on under it. */
		if (sp->titled || ns_rules_match(sp->rules, NS_SCOPE_BODY,
		    s + lead, n - lead) == NULL)
			sp->dochead = 0;
	}
	if ((sp->content == 0 || (sp->content == 1 &&
	    sp->cb.boiler == sp->cb.nlines)) && words_field(s + lead, n - lead))
		sp->framed = 1;	/* in the header: no text over it but a
				 * masthead, no line but fields over it
				 * in its paragraph */
	else if (sp->framed && n - lead > 10 && (memcmp(s + lead, "Load-Date:",
	    10) == 0 || memcmp(s + lead, "LOAD-DATE:", 10) == 0))
		sp->framed = 0;	/* the document's body is over: text that
				 * follows the export may start articles */
	return 0;
}

/* Hold a line of a message's header block. */
static void
mail_hold(struct ns_splitter *sp, const char *s, size_t n, size_t extra,
    uint64_t lineno, uint64_t byte)
{
	struct held *h;

	if (sp->nmh == sp->capmh) {
		sp->capmh = sp->capmh ? sp->capmh * 2 : 16;
		sp->mh = ns_xreallocarray(sp->mh, sp->capmh, sizeof(*sp->mh));
	}
	h = &sp->mh[sp->nmh++];
	h->off = sp->mbuf.len;
	h->len = n;
	h->extra = extra;
	h->line = lineno;
	h->byte = byte;
	ns_buf_add(&sp->mbuf, s, n);
}

/* The length of a mark that opens a subject: a list's tag "[Name]", or
 * "Re:", "Fwd:", "Fw:" (and the German and Nordic "Aw:", "Sv:"), with the
 * space after it; 0 when s opens with none. *reply: it says "Re:". */
static size_t
subject_mark(const char *s, size_t n, int *reply)
{
	static const char *const marks[] = { "re:", "aw:", "sv:", "fwd:",
	    "fw:" };
	const char *e;
	size_t i, k = 0;

	if (n > 2 && s[0] == '[' && (e = memchr(s, ']', n)) != NULL)
		k = (size_t)(e - s) + 1;
	for (i = 0; k == 0 && i < sizeof(marks) / sizeof(marks[0]); i++)
		if (n >= strlen(marks[i]) && ns_same_ci(s, marks[i],
		    strlen(marks[i]))) {
			k = strlen(marks[i]);
			*reply |= i < 3;
		}
	if (k == 0)
		return 0;
	return k + ns_trim_left(s + k, n - k);
}

/* The message's header block is over: a reply ("Subject: Re: ...") goes
 * on the article above, with all of its text, as boilerplate; any other
 * message starts an article, titled by its subject (its folded lines
 * joined, without the list's tag and "Fwd:"). The header lines are
 * boilerplate. */
static void
mail_start(struct ns_splitter *sp)
{
	struct held *h, *subj = NULL;
	const char *p;
	size_t i, k, v, n, lead;
	int reply = 0;

	ns_buf_reset(&sp->kick);
	for (i = 0; i < sp->nmh; i++) {
		h = &sp->mh[i];
		p = sp->mbuf.p + h->off;
		lead = ns_trim_left(p, h->len);
		if (subj != NULL && lead > 0 && lead < h->len) {
			/* A folded line of the subject. */
			ns_buf_addc(&sp->kick, ' ');
			ns_buf_add(&sp->kick, p + lead, ns_trim_right(p + lead,
			    h->len - lead));
			continue;
		}
		if (subj != NULL)
			break;
		if (lead == 0 && h->len > 8 && memcmp(p, "Subject:", 8) == 0) {
			subj = h;
			v = 8 + ns_trim_left(p + 8, h->len - 8);
			ns_buf_add(&sp->kick, p + v, ns_trim_right(p + v,
			    h->len - v));
		}
	}
	p = sp->kick.p;
	n = sp->kick.len;
	while (n > 0 && (k = subject_mark(p, n, &reply)) > 0) {
		p += k;
		n -= k;
	}
	if (!reply) {
		end_article(sp, 0);
		if (subj != NULL && n > 0)
			take_title(sp, p, n, subj->line, subj->byte);
		sp->titled = 1;
	}
	sp->separated = sp->trailer = 0;
	sp->listing = NULL;
	for (i = 0; i < sp->nmh; i++) {
		h = &sp->mh[i];
		add_line(sp, sp->mbuf.p + h->off, h->len, h->extra, h->line,
		    h->byte, 1);
	}
	sp->nmh = 0;
	ns_buf_reset(&sp->mbuf);
	sp->mail = reply ? MAIL_REPLY : MAIL_BODY;
}

/* A line of a mail digest: a line a message rule matches ("Message: 3")
 * opens a message, and its header block is held until its end says what
 * the message is (see mail_start()); the message's text is the article's
 * (a reply's, boilerplate of the article above): no headline and no end
 * marker in it starts another, a separator ends it. Returns 1 if the
 * line is taken. */
static int
mail_line(struct ns_splitter *sp, const char *s, size_t n, size_t extra,
    uint64_t lineno, uint64_t byte)
{
	size_t lead = ns_trim_left(s, n);
	int blank = lead == n;

	if (sp->mail != MAIL_HEAD && !blank && ns_rules_match(sp->rules,
	    NS_SCOPE_MESSAGE, s + lead, n - lead) != NULL) {
		end_block(sp);
		end_run(sp);
		release_pending(sp);
		sp->mail = MAIL_HEAD;
		sp->nmh = 0;
		ns_buf_reset(&sp->mbuf);
		mail_hold(sp, s, n, extra, lineno, byte);
		return 1;
	}
	if (sp->mail == MAIL_NONE)
		return 0;
	if (sp->mail == MAIL_HEAD) {
		/* A separator ends the header block too, and the message. */
		if (!blank && sp->nmh < MAIL_HEAD_LINES &&
		    !is_separator(s + lead, n - lead)) {
			mail_hold(sp, s, n, extra, lineno, byte);
			return 1;
		}
		mail_start(sp);
	}
	if (blank)
		return 0;
	if (is_separator(s + lead, n - lead)) {
		sp->mail = MAIL_NONE;	/* the message is over */
		return 0;
	}
	add_line(sp, s, n, extra, lineno, byte, sp->mail == MAIL_REPLY ||
	    ns_rules_match(sp->rules, NS_SCOPE_BODY, s + lead, n - lead) !=
	    NULL);
	return 1;
}

/* A line of web archive text (WARC, or Common Crawl's WET): "WARC/1.0"
 * opens a record, and a new article unless the article so far is a
 * record with no page (warcinfo), which goes to the page under it; the
 * record's header fields, up to a blank line, and the text of a record
 * with no page are boilerplate. A page's text opens with its <title>,
 * the article's title (ns-strip-ads cuts the site's name from it); the
 * rest is its text, which only the next record ends: a web page's text
 * has no blank lines to tell a headline by, and its footer's "Back to
 * top" ends no article. Returns 1 if the line is taken. */
static int
warc_line(struct ns_splitter *sp, const char *s, size_t n, size_t extra,
    uint64_t lineno, uint64_t byte)
{
	size_t lead = ns_trim_left(s, n);

	if (warc_version(s + lead, n - lead)) {
		end_block(sp);
		end_run(sp);
		release_pending(sp);
		end_article(sp, 0);
		sp->separated = sp->trailer = sp->framed = sp->dochead = 0;
		sp->listing = NULL;
		sp->warc = WARC_HEAD;
		sp->warc_info = 0;
		sp->warc_len = sp->warc_end = 0;
		add_line(sp, s, n, extra, lineno, byte, 1);
		return 1;
	}
	if (sp->warc == WARC_NONE)
		return 0;
	/* The block's end, where its length says, is past the first line
	 * under the header. */
	if (sp->warc_len > 0 && sp->warc != WARC_HEAD) {
		sp->warc_end = byte + sp->warc_len - 1;
		sp->warc_len = 0;
	}
	if (ns_is_blank(s, n)) {
		if (sp->warc == WARC_HEAD)
			sp->warc = sp->warc_info ? WARC_INFO : WARC_TITLE;
		else if (sp->warc_end > 0 && byte >= sp->warc_end)
			sp->warc = WARC_GAP;	/* the record is over */
		return 0;
	}
	switch (sp->warc) {
	case WARC_HEAD:
		if (warc_info_type(s + lead, n - lead))
			sp->warc_info = 1;
		else if (warc_length(s + lead, n - lead) > 0)
			sp->warc_len = warc_length(s + lead, n - lead);
		add_line(sp, s, n, extra, lineno, byte, 1);
		return 1;
	case WARC_GAP:
		/* Text after a record, where its length said it ended, and
		 * a blank line: no more of the archive (other text after
		 * it, as in files joined by cat). */
		end_block(sp);
		end_run(sp);
		end_article(sp, 0);
		sp->warc = WARC_NONE;
		return 0;
	case WARC_INFO:
		add_line(sp, s, n, extra, lineno, byte, 1);
		return 1;
	case WARC_TITLE:
		sp->warc = WARC_BODY;
		if (ns_rules_match(sp->rules, NS_SCOPE_BODY, s + lead,
		    n - lead) != NULL)
			break;	/* no <title>: the page as any text */
		end_block(sp);
		take_title(sp, s + lead, ns_trim_right(s + lead, n - lead),
		    lineno, byte);
		return 1;
	default:
		break;
	}
	add_line(sp, s, n, extra, lineno, byte, ns_rules_match(sp->rules,
	    NS_SCOPE_BODY, s + lead, n - lead) != NULL);
	return 1;
}

/* ---- an e-reader's clippings (Kindle's "My Clippings.txt") ---- */

static void one_line(struct ns_splitter *, const char *, size_t, size_t,
    uint64_t, uint64_t);

/* The line held in cur, the only one of its block, is the document's of
 * a clipping whose header is under it: the title, less the author in
 * brackets at its end ("Title (Author)"), as a key's value is; the
 * article is that document's clippings. */
static void
clip_title(struct ns_splitter *sp)
{
	size_t n = ns_trim_right(sp->cur.p, sp->cur.len), t = n, depth = 0;

	ns_buf_reset(&sp->clipdoc);
	ns_buf_add(&sp->clipdoc, sp->cur.p, n);
	if (n > 0 && sp->cur.p[n - 1] == ')') {
		/* Back to the bracket that opens the last group, at t - 1. */
		for (; t > 0; t--) {
			if (sp->cur.p[t - 1] == ')')
				depth++;
			else if (sp->cur.p[t - 1] == '(' && --depth == 0)
				break;
		}
		if (t > 1 && ns_trim_right(sp->cur.p, t - 1) > 0)
			n = ns_trim_right(sp->cur.p, t - 1);
	}
	take_title(sp, sp->cur.p, n, sp->cb.line, sp->cb.byte);
	ns_buf_reset(&sp->cur);
	sp->cb.nlines = sp->cb.boiler = 0;
	sp->chat = 0;
	sp->mast_run = 0;
	sp->clips = 1;
	sp->framed = 1;		/* no headline starts an article in it */
}

/* The article ended over the line held in cur (a clippings' at the
 * separator over it, or any over a document's line): it is written, and
 * the line read again, the first of the next. */
static void
clip_release(struct ns_splitter *sp)
{
	uint64_t line = sp->cb.line, byte = sp->cb.byte;
	size_t extra = sp->cb.extra, blanks = sp->cb.blanks;

	sp->clipsep = 0;
	ns_buf_reset(&sp->clipline);
	ns_buf_add(&sp->clipline, sp->cur.p, sp->cur.len);
	ns_buf_reset(&sp->cur);
	sp->cb.nlines = sp->cb.boiler = 0;
	sp->chat = 0;
	sp->mast_run = 0;
	end_article(sp, 0);
	sp->blanks = blanks;
	one_line(sp, sp->clipline.p, sp->clipline.len, extra, line, byte);
}

/* A line under a separator that ended a clipping: the first one no rule
 * matches may be the document's line of the next clipping, held (2);
 * under it, the header of a clipping of the same document makes it
 * boilerplate and the article go on, anything else ends the article
 * over it. Returns 1 if the line is taken. */
static int
clip_line(struct ns_splitter *sp, const char *s, size_t n, size_t extra,
    uint64_t lineno, uint64_t byte)
{
	size_t lead = ns_trim_left(s, n), l;

	if (sp->clipsep == 1) {
		if (ns_is_blank(s, n))
			return 0;
		sp->clipsep = 0;
		if (!is_separator(s + lead, n - lead) &&
		    title_field(s + lead, n - lead) == 0 &&
		    ns_rules_match(sp->rules, NS_SCOPE_BODY, s + lead,
		    n - lead) == NULL) {
			end_block(sp);
			add_line(sp, s, n, extra, lineno, byte, 0);
			sp->clipsep = 2;
			return 1;
		}
		/* No clipping: the article ended at the separator. */
		end_block(sp);
		end_article(sp, 0);
		return 0;
	}
	l = ns_trim_right(sp->cur.p, sp->cur.len);
	if (!ns_is_blank(s, n) && sp->cb.nlines == 1 &&
	    l == sp->clipdoc.len && memcmp(sp->cur.p, sp->clipdoc.p, l) == 0 &&
	    ns_rules_match(sp->rules, NS_SCOPE_CLIP | NS_SCOPE_NOTE, s + lead,
	    n - lead) != NULL) {
		/* The same document: its line is boilerplate. */
		sp->clipsep = 0;
		sp->cb.boiler = sp->cb.nlines;
		sp->cb.boiler1 = sp->cb.boiler_end = 1;
		return 0;
	}
	clip_release(sp);
	return 0;
}

static void
one_line(struct ns_splitter *sp, const char *s, size_t n, size_t extra,
    uint64_t lineno, uint64_t byte)
{
	const struct ns_rule *rule, *head = NULL;
	size_t lead, k;

	if (sp->clipsep && clip_line(sp, s, n, extra, lineno, byte))
		return;
	if (warc_line(sp, s, n, extra, lineno, byte) ||
	    mail_line(sp, s, n, extra, lineno, byte))
		return;
	if (ns_is_blank(s, n)) {
		/* A list of links closed by furniture ("Related content",
		 * its entries, "Is this page useful?") ends at the gap: the
		 * next item of a page may follow. */
		end_block(sp);
		if (sp->list_furn)
			sp->listing = NULL;
		sp->list_furn = 0;
		sp->blanks++;
		if (sp->alone)
			sp->next = 1;	/* a section's paragraph is the next */
		else if (!sp->next)
			sp->run = NULL;
		sp->alone = 0;
		return;
	}
	lead = ns_trim_left(s, n);
	if (sp->blanks >= 2)
		sp->listing = NULL;	/* a list of links ends at a gap */
	if (export_line(sp, s, n, lead, extra, lineno, byte))
		return;
	if (is_separator(s + lead, n - lead) ||
	    export_end(s + lead, n - lead)) {
		sp->fwd = 0;	/* the forwarded message is under it */
		end_block(sp);
		end_run(sp);
		release_pending(sp);	/* a held line ends the article */
		if (sp->slugged) {
			/* A script's story ends its copy ("ENDS"): the notes
			 * under it ("PRON: ...", "Copy: ...") are its own, as
			 * an end marker's trailer is, up to its next slug. */
			sp->trailer = 1;
			sp->card = 0;
			return;
		}
		if (sp->clips) {
			/* The next clipping may be of the same document. */
			sp->clipsep = 1;
			return;
		}
		if (sp->separated || (!sp->has_title && sp->content == 0))
			end_article(sp, 0);
		else
			sp->separated = 1;
		return;
	}
	/* "Title: ..." (feed exports): a new article and its title. */
	if ((k = title_field(s + lead, n - lead)) > 0) {
		end_block(sp);
		end_run(sp);
		end_article(sp, 0);
		k += lead;
		take_title(sp, s + k, ns_trim_right(s + k, n - k), lineno,
		    byte);
		sp->slugged = memcmp(s + lead, "SLUG:", 5) == 0;
		return;
	}
	/* A forwarder's note, signature and disclaimer, up to the
	 * forwarded message, are the mail's, not the story's: boilerplate
	 * over its headline (ns-strip-ads cuts them, see strip.c). */
	if (sp->fwd > 0) {
		if (ns_mail_forwarded_start(s + lead, n - lead) ||
		    sp->fwd > NS_MAIL_NOTE_LINES)
			sp->fwd = 0;
		else {
			sp->fwd++;
			add_line(sp, s, n, extra, lineno, byte, 1);
			return;
		}
	}
	if (ns_mail_forward_subject(s + lead, n - lead)) {
		if (!sp->has_title && sp->content == 0)
			sp->fwd = 1;
		else if (sp->cb.nlines == 0 ? sp->blanks >= 1 :
		    sp->cb.boiler == sp->cb.nlines && sp->cb.blanks >= 1) {
			/* A forward's header block in a block of its own
			 * (a mail after another dump, joined by cat): a new
			 * mail, the header block so far on top of its first
			 * article. */
			release_pending(sp);
			end_run(sp);
			end_article(sp, 0);
			sp->fwd = 1;
		}
	}
	/* End markers first: a user's -e marker must win over a built-in
	 * rule that also matches the line. */
	rule = ns_rules_match(sp->rules, NS_SCOPE_END, s + lead, n - lead);
	if (rule == NULL)
		rule = ns_rules_match(sp->rules, NS_SCOPE_BODY & ~NS_SCOPE_END,
		    s + lead, n - lead);
	/* A clipping's header under a line that opens a paragraph: that
	 * line is its document's, the title of a new article (the first of
	 * a clippings file joined to another dump by cat too). */
	if (rule != NULL && (rule->scope == NS_SCOPE_CLIP ||
	    rule->scope == NS_SCOPE_NOTE) && !sp->clips &&
	    sp->cb.nlines == 1 && sp->cb.boiler == 0) {
		if (sp->titled || sp->has_title || sp->content > 0 ||
		    sp->npv > 0)
			clip_release(sp);
		if (!sp->titled && !sp->has_title && sp->content == 0 &&
		    sp->npv == 0 && sp->cb.nlines == 1)
			clip_title(sp);
	}
	/* Under a list heading ("Related Content", "More in Business"),
	 * lines that read as its entries keep the list going (see
	 * body_block), up to a line that is none or a gap of two blank
	 * lines. */
	if (sp->trailer || (rule != NULL && rule->scope == NS_SCOPE_END))
		sp->listing = NULL;	/* the article ends */
	else if (rule != NULL && (head = ns_rules_match(sp->rules,
	    NS_SCOPE_LIST, s + lead, n - lead)) != NULL)
		sp->listing = head;
	else if (rule == NULL && sp->listing != NULL &&
	    !link_line(s + lead, n - lead))
		sp->listing = NULL;
	sp->list_furn = sp->listing != NULL && rule != NULL &&
	    sp->listing != head;
	/* A press release's end matter (About, contacts) set off by a
	 * separator stays with the article above; any other line after a
	 * separator starts the next. */
	if (sp->separated && (rule == NULL ||
	    rule->scope != NS_SCOPE_SECTION)) {
		end_block(sp);
		end_article(sp, 0);
	}
	sp->separated = 0;
	/* A para rule's line takes the rest of its paragraph ("SPONSORED
	 * BY ..." and the ad under it), a section heading alone in its
	 * paragraph the next one too ("About Acme Corp"): as ns-strip-ads
	 * reads the run. */
	if (rule != NULL && (rule->scope == NS_SCOPE_PARA ||
	    rule->scope == NS_SCOPE_SECTION || rule->scope == NS_SCOPE_NOTE) &&
	    (sp->run == NULL || sp->next)) {
		sp->run = rule;
		sp->alone = rule->scope != NS_SCOPE_PARA;
		sp->next = 0;
	} else {
		if (sp->run != NULL && (rule == NULL ||
		    rule->scope == NS_SCOPE_TAIL || rule->scope == NS_SCOPE_LIST))
			rule = sp->run;
		sp->alone = sp->next = 0;
	}
	if (sp->trailer) {
		/* Under a list's heading in the trailer ("Sponsored
		 * Content", "Trending"), the short lines of its paragraph are
		 * the list's: its ads' or stories' headlines and sources. */
		if (sp->cb.nlines == 0)
			sp->card = 0;	/* a new paragraph */
		if (rule == NULL && sp->card && card_line(s + lead, n - lead)) {
			add_line(sp, s, n, extra, lineno, byte, 1);
			return;
		}
		sp->card = rule != NULL && rule->scope != NS_SCOPE_END &&
		    (sp->card || ns_rules_match(sp->rules, NS_SCOPE_LIST,
		    s + lead, n - lead) != NULL);
		/* A browser's list of links ends its page: any other line
		 * is the next page's, its furniture over its headline. */
		if (rule != NULL && (!sp->refs || ref_line(s + lead,
		    n - lead))) {
			/* More trailer lines: still the ended article's, but
			 * those after a gap of two blank lines or more may be
			 * the furniture over the next headline ("Return to
			 * Transcripts main page", a forum's name, as a dump
			 * joined to another by cat opens): where the gap is
			 * is kept, and a headline under them says so. */
			if (sp->blanks >= 2 && sp->gap == 0 &&
			    rule->scope != NS_SCOPE_END) {
				end_block(sp);
				release_pending(sp);
				sp->gap = sp->text.len + 1;
				sp->gap_line = lineno;
				sp->gap_byte = byte;
			}
			add_line(sp, s, n, extra, lineno, byte, 1);
			return;
		}
		end_block(sp);
		trailer_end(sp);
	}
	if (rule != NULL && rule->scope == NS_SCOPE_END) {
		/* The marker stays where it stands, in its paragraph. */
		add_line(sp, s, n, extra, lineno, byte, 1);
		sp->trailer = 1;
		sp->card = 0;
		sp->refs = ref_line(s + lead, n - lead);
		return;
	}
	add_line(sp, s, n, extra, lineno, byte, rule != NULL);
	if (rule != NULL && (rule->scope == NS_SCOPE_BOX ||
	    rule->scope == NS_SCOPE_CLIP || rule->scope == NS_SCOPE_NOTE))
		box_block(sp);
}

/* The article ends before the boilerplate that begins at text offset
 * at - 1 (0: ends where it is), which stood at line and byte of the
 * input: that goes on at the top of the next article. */
static void
end_before(struct ns_splitter *sp, size_t at, uint64_t line, uint64_t byte)
{
	struct block b;
	size_t sep = 0;

	if (at == 0 || at - 1 >= sp->text.len) {
		end_article(sp, 0);
		return;
	}
	at--;
	while (sep < 2 && at + sep < sp->text.len &&
	    sp->text.p[at + sep] == '\n')
		sep++;
	ns_buf_reset(&sp->kick);
	ns_buf_add(&sp->kick, sp->text.p + at + sep, sp->text.len - at - sep);
	memset(&b, 0, sizeof(b));
	b.len = sp->kick.len;
	b.extra = json_extra(sp->kick.p, b.len);
	sp->escapes -= b.extra + sep;
	sp->text.len = at;
	b.line = line;
	b.byte = b.byte2 = b.byte_last = byte;
	b.nlines = b.boiler = 1;
	b.boiler1 = b.boiler_end = 1;
	b.blanks = 2;
	end_article(sp, 0);
	push_text(sp, sp->kick.p, &b);
}

/* The trailer of an article is over: a line no rule matches stands under
 * it. The article ends there, or, when a gap of two blank lines or more
 * stood in the trailer, at the gap: the lines after it were furniture over
 * the next article's headline (as at the top of a dump), so they go on at
 * the top of the next article. A trailer with a gap at the end of the
 * input stays whole (a database export's search summary at its end). */
static void
trailer_end(struct ns_splitter *sp)
{
	release_pending(sp);
	end_before(sp, sp->gap, sp->gap_line, sp->gap_byte);
	sp->after_end = 1;
}

/* The held Factiva "HD" line was none: it goes in as any line. */
static void
release_hd(struct ns_splitter *sp)
{
	if (!sp->hd_held)
		return;
	sp->hd_held = 0;
	one_line(sp, sp->hd.p, sp->hd.len, sp->hd_extra, sp->hd_line,
	    sp->hd_byte);
}

/* A line, as a Factiva export is read: an "HD <headline>" line is held,
 * and a field of the export's under it ("BY", "WC 643 words") makes it
 * the headline of a new article, as "Title:" is; any other line lets it
 * go in as text. */
static void
factiva_line(struct ns_splitter *sp, const char *s, size_t n, size_t extra,
    uint64_t lineno, uint64_t byte)
{
	size_t lead, v;

	/* White space before a field is the ASCII kind: the export's
	 * padding. */
	for (lead = 0; lead < n && (s[lead] == ' ' || s[lead] == '\t'); lead++)
		;
	if (sp->hd_held) {
		if (factiva_field(s + lead, n - lead)) {
			sp->hd_held = 0;
			end_block(sp);
			end_run(sp);
			end_article(sp, 0);
			v = ns_trim_left(sp->hd.p, sp->hd.len);
			v += factiva_hd(sp->hd.p + v, sp->hd.len - v);
			take_title(sp, sp->hd.p + v, ns_trim_right(sp->hd.p + v,
			    sp->hd.len - v), sp->hd_line, sp->hd_byte);
		} else
			release_hd(sp);
	}
	if (factiva_hd(s + lead, n - lead) > 0) {
		ns_buf_reset(&sp->hd);
		ns_buf_add(&sp->hd, s, n);
		sp->hd_extra = extra;
		sp->hd_line = lineno;
		sp->hd_byte = byte;
		sp->hd_held = 1;
		return;
	}
	one_line(sp, s, n, extra, lineno, byte);
}

/* ---- a CSV or TSV table: one article a row ---- */

/* Append a field's lines to the text: lines between blank lines make a
 * paragraph, with their line breaks; each field opens a paragraph. A form
 * feed in a field breaks its line, as it would any line of text. */
static void
csv_paragraphs(struct ns_splitter *sp, const char *s, size_t n)
{
	const char *e, *end = s + n;
	size_t k;
	int brk = 1;

	for (; s < end; s = e + 1) {
		for (e = s; e < end && *e != '\n' && *e != '\f'; e++)
			;
		k = ns_trim_right(s, (size_t)(e - s));
		if (ns_is_blank(s, k)) {
			brk = 1;
			continue;
		}
		if (sp->text.len > 0) {
			ns_buf_add(&sp->text, "\n\n", brk ? 2 : 1);
			sp->escapes += brk ? 2 : 1;
		}
		ns_buf_add(&sp->text, s, k);
		sp->escapes += json_extra(s, k);
		brk = 0;
	}
}

static void
csv_report(struct ns_splitter *sp, uint64_t line)
{
	if (sp->cut != NULL)
		sp->cut(NS_SPLIT_CSV, line, sp->ctx);
}

/* The table's header, when no row took it: an article of its own. */
static void
csv_head_alone(struct ns_splitter *sp)
{
	if (sp->csv_head.len == 0)
		return;
	reset_article(sp);
	ns_buf_add(&sp->text, sp->csv_head.p, sp->csv_head.len);
	sp->escapes = json_extra(sp->csv_head.p, sp->csv_head.len);
	set_source(sp, sp->csv_hline, sp->csv_hbyte, 1);
	ns_buf_reset(&sp->csv_head);
	emit_article(sp);
}

/* A row was read: write its article. The title is its title column (line
 * breaks as spaces), the text its text column; the first row's text opens
 * with the header line, which ns-strip-ads cuts. A malformed row is
 * reported, and one that does not have the header's fields keeps them all
 * as its text, with no title: nothing is lost. */
static void
csv_row(struct ns_splitter *sp)
{
	const struct ns_csv *c = &sp->csv;
	const char *f;
	size_t i, len, t0;
	uint64_t at = c->line;

	ns_buf_reset(&sp->csv_msg);
	reset_article(sp);
	if (c->over) {
		ns_buf_adds(&sp->csv_msg, "CSV row over --max-record-bytes (");
		ns_buf_addu(&sp->csv_msg, sp->max);
		ns_buf_adds(&sp->csv_msg, "): left out");
		csv_report(sp, at);
		return;
	}
	if (c->err != NS_CSV_OK) {
		ns_buf_adds(&sp->csv_msg, "malformed CSV: ");
		ns_buf_adds(&sp->csv_msg, ns_csv_error_text(c->err));
		at = c->err_line;
	} else if (c->nf != c->ncols) {
		ns_buf_adds(&sp->csv_msg, "malformed CSV: a row of ");
		ns_buf_addu(&sp->csv_msg, c->nf);
		ns_buf_adds(&sp->csv_msg, c->nf == 1 ? " field" : " fields");
		ns_buf_adds(&sp->csv_msg, " under a header of ");
		ns_buf_addu(&sp->csv_msg, c->ncols);
		ns_buf_adds(&sp->csv_msg, ": its fields kept as text");
	}
	if (sp->csv_head.len > 0) {
		ns_buf_add(&sp->text, sp->csv_head.p, sp->csv_head.len);
		sp->escapes += json_extra(sp->csv_head.p, sp->csv_head.len);
		ns_buf_reset(&sp->csv_head);
	}
	if (c->nf == c->ncols) {
		f = ns_csv_field(c, c->title, &len);
		t0 = ns_trim_left(f, len);
		len = ns_trim_right(f + t0, len - t0);
		for (i = 0; i < len; i++)
			ns_buf_addc(&sp->title, f[t0 + i] == '\n' ||
			    f[t0 + i] == '\f' ? ' ' : f[t0 + i]);
		sp->escapes += json_extra(sp->title.p ? sp->title.p : "",
		    sp->title.len);
		f = ns_csv_field(c, c->text, &len);
		csv_paragraphs(sp, f, len);
		if (c->url < c->nf) {
			f = ns_csv_field(c, c->url, &len);
			t0 = ns_trim_left(f, len);
			sp->url = f + t0;
			sp->ulen = ns_trim_right(f + t0, len - t0);
			sp->escapes += json_extra(sp->url, sp->ulen);
		}
	} else
		for (i = 0; i < c->nf; i++) {
			f = ns_csv_field(c, i, &len);
			csv_paragraphs(sp, f, len);
		}
	sp->has_title = sp->title.len > 0;
	set_source(sp, c->line, c->byte, 1);
	if (sp->csv_msg.len > 0)
		csv_report(sp, at);
	if (record_size(sp, sp->ulen) > sp->max) {
		reset_article(sp);
		sp->url = NULL;
		sp->ulen = 0;
		ns_buf_reset(&sp->csv_msg);
		ns_buf_adds(&sp->csv_msg, "CSV row over --max-record-bytes (");
		ns_buf_addu(&sp->csv_msg, sp->max);
		ns_buf_adds(&sp->csv_msg, ") once written as JSON: left out");
		csv_report(sp, c->line);
		return;
	}
	if (sp->has_title || sp->text.len > 0)
		emit_article(sp);
	else
		reset_article(sp);
}

/* The table ends (a gap of two blank lines, the end of the input). */
static void
csv_end(struct ns_splitter *sp)
{
	if (ns_csv_end(&sp->csv))
		csv_row(sp);
	csv_head_alone(sp);
	sp->csv_on = 0;
	sp->csv_ready = 1;
}

/* Line s[0..n-1] (number lineno) normalized into sp->norm, its bytes
 * that were no UTF-8 counted. */
static void
norm_line(struct ns_splitter *sp, const char *s, size_t n, uint64_t lineno)
{
	size_t bad;

	ns_buf_reset(&sp->norm);
	bad = ns_text_normline(&sp->norm, s, n);
	if (bad) {
		if (sp->invalid == 0)
			sp->first_bad = lineno;
		sp->invalid += bad;
	}
}

/* A line of the table. One blank line between rows is nothing (pandas
 * skips it too); a gap of two or more ends the table, as where a dump
 * joined to it by cat begins. */
static void
csv_line(struct ns_splitter *sp, const char *s, size_t n, uint64_t lineno,
    uint64_t byte)
{
	norm_line(sp, s, n, lineno);
	if (sp->csv.lines == 0 && sp->norm.len == 0) {
		if (++sp->csv_blanks >= 2)
			csv_end(sp);
		return;
	}
	sp->csv_blanks = 0;
	if (ns_csv_line(&sp->csv, sp->norm.p ? sp->norm.p : "", sp->norm.len,
	    lineno, byte))
		csv_row(sp);
}

/* Could s[0..n-1] be a header row: column names of ASCII letters,
 * digits, '_', '-', '.' and spaces, perhaps quoted, 40 bytes at most,
 * apart by commas or tabs with no space after them (as prose sets
 * them), two at least? */
static int
csv_header_bytes(const char *s, size_t n)
{
	size_t i, field = 0, delims = 0;
	unsigned char ch;

	if (n > 2000)
		return 0;
	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i];
		if (ch == ',' || ch == '\t') {
			if (i + 1 < n && s[i + 1] == ' ')
				return 0;
			delims++;
			field = 0;
			continue;
		}
		if (++field > 42 || !((ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    ch == '_' || ch == '-' || ch == '.' || ch == ' ' ||
		    ch == '"'))
			return 0;
	}
	return delims > 0;
}

/* Does the table's header stand here? Only the input's first line, or
 * one under a blank line, is asked, and only when it opens with a letter
 * or a quote and holds a comma or a tab. */
static int
csv_begin(struct ns_splitter *sp, const char *s, size_t n, uint64_t lineno,
    uint64_t byte)
{
	size_t k = 0;

	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		k = 3;
	if (k >= n || !(s[k] == '"' || ((s[k] | 0x20) >= 'a' &&
	    (s[k] | 0x20) <= 'z')))
		return 0;
	/* Most lines asked are a paragraph's first: a look at the raw bytes
	 * rules them out before they are normalized. */
	if (!csv_header_bytes(s + k, n - k))
		return 0;
	ns_buf_reset(&sp->norm);
	ns_text_normline(&sp->norm, s, n);
	if (!ns_csv_header(&sp->csv, sp->norm.p, sp->norm.len))
		return 0;
	/* What stands over it is another dump: it ends here. */
	ns_splitter_flush(sp);
	sp->csv_on = 1;
	sp->csv_blanks = 0;
	sp->csv.max = sp->max;
	ns_buf_reset(&sp->csv_head);
	ns_buf_add(&sp->csv_head, sp->norm.p, sp->norm.len);
	sp->csv_hline = lineno;
	sp->csv_hbyte = byte;
	return 1;
}

int
ns_splitter_csv(const struct ns_splitter *sp)
{
	return sp->csv_on;
}

size_t
ns_splitter_decoded(const struct ns_splitter *sp)
{
	return sp->mbox.decoded;
}

const char *
ns_splitter_csv_error(const struct ns_splitter *sp)
{
	return sp->csv_msg.p ? sp->csv_msg.p : "";
}

/* Lines held until the next says what they are go on as they are: a
 * Factiva "HD" line, a digest message's header block, a clipping's
 * document line. */
static void
release_held(struct ns_splitter *sp)
{
	release_hd(sp);
	/* the clipping's line first: read again, it may open a digest's
	 * message, whose header block is then held */
	if (sp->clipsep == 2)
		clip_release(sp);
	if (sp->mail == MAIL_HEAD)
		mail_start(sp);
}

/* Can a record hold the line just normalized (sp->norm)? If not, it is
 * left out and reported, and 0 returned; else *extra is what JSON's
 * escapes add to it. */
static int
norm_fits(struct ns_splitter *sp, uint64_t lineno, size_t *extra)
{
	*extra = json_extra(sp->norm.p, sp->norm.len);
	if (sp->norm.len + *extra + 128 + 6 * strlen(sp->file) > sp->max) {
		if (sp->cut != NULL)
			sp->cut(NS_SPLIT_TOOBIG, lineno, sp->ctx);
		return 0;
	}
	return 1;
}

static void
read_norm(struct ns_splitter *sp, uint64_t lineno, uint64_t byte,
    int furniture)
{
	size_t extra;

	if (!norm_fits(sp, lineno, &extra))
		return;
	if (furniture && !ns_is_blank(sp->norm.p, sp->norm.len)) {
		release_hd(sp);
		add_line(sp, sp->norm.p, sp->norm.len, extra, lineno, byte, 1);
		sp->blanks = 0;
		return;
	}
	factiva_line(sp, sp->norm.p, sp->norm.len, extra, lineno, byte);
}

/* A raw line read (furniture: a mailbox's header or other part, which
 * goes on the text as boilerplate and starts nothing). */
static void
read_line(struct ns_splitter *sp, const char *s, size_t n, uint64_t lineno,
    uint64_t byte, int furniture)
{
	const char *ff;
	size_t k;

	/* A form feed separates articles, wherever it stands. */
	while (n > 0 && (ff = memchr(s, '\f', n)) != NULL) {
		k = (size_t)(ff - s);
		if (k > 0)
			read_line(sp, s, k, lineno, byte, furniture);
		release_held(sp);
		end_block(sp);
		end_run(sp);
		end_article(sp, 0);
		s += k + 1;
		n -= k + 1;
		byte += k + 1;
	}
	norm_line(sp, s, n, lineno);
	read_norm(sp, lineno, byte, furniture);
}

/* A new document of the input (a message of a mailbox, a file of a
 * static site's sources) ends the article before it, whatever state the
 * splitter is in. */
static void
new_document(struct ns_splitter *sp)
{
	release_held(sp);
	end_block(sp);
	end_run(sp);
	release_pending(sp);
	end_article(sp, 0);
	sp->mail = MAIL_NONE;
	sp->warc = WARC_NONE;
}

/* A line of a mailbox (mbox.c): a message ends the article before it,
 * and its furniture is boilerplate of the article its text opens. */
static void
mbox_out(enum ns_mbox_role role, int start, const char *s, size_t n,
    uint64_t line, uint64_t byte, void *ctx)
{
	struct ns_splitter *sp = ctx;

	if (start) {
		new_document(sp);
	}
	read_line(sp, s, n, line, byte, role == NS_MBOX_FURNITURE);
}

/* A line of a static site's Markdown sources (front.c): a file header
 * ends the article before it and is boilerplate of the post under it; the
 * front matter's title is the post's headline, its other lines are
 * boilerplate and YAML's delimiters separators. */
static void
front_out(enum ns_front_role role, const char *s, size_t n, uint64_t line,
    uint64_t byte, void *ctx)
{
	struct ns_splitter *sp = ctx;
	size_t extra;

	switch (role) {
	case NS_FRONT_HEADER:
		new_document(sp);
		read_line(sp, s, n, line, byte, 1);
		break;
	case NS_FRONT_TITLE:
		/* A title with a form feed in it, or none left once
		 * normalized (NUL dropped), is furniture as the other
		 * fields are: a form feed separates wherever it stands. */
		if (memchr(s, '\f', n) != NULL) {
			read_line(sp, s, n, line, byte, 1);
			break;
		}
		norm_line(sp, s, n, line);
		if (!norm_fits(sp, line, &extra))
			break;
		ns_buf_reset(&sp->ftitle);
		if (ns_front_title(&sp->ftitle, sp->norm.p, sp->norm.len) == 0 ||
		    ns_trim_right(sp->ftitle.p, sp->ftitle.len) == 0) {
			read_norm(sp, line, byte, 1);
			break;
		}
		release_held(sp);
		end_block(sp);
		end_run(sp);
		end_article(sp, 0);
		take_title(sp, sp->ftitle.p, sp->ftitle.len, line, byte);
		break;
	case NS_FRONT_SEPARATOR:
		release_held(sp);
		end_block(sp);
		break;
	case NS_FRONT_FURNITURE:
		read_line(sp, s, n, line, byte, 1);
		break;
	default:
		read_line(sp, s, n, line, byte, 0);
	}
}

void
ns_splitter_line(struct ns_splitter *sp, const char *s, size_t n,
    const char *file, uint64_t lineno, uint64_t byte)
{
	sp->file = file;
	if (sp->csv_on) {
		csv_line(sp, s, n, lineno, byte);
		return;
	}
	if (sp->csv_ready && csv_begin(sp, s, n, lineno, byte))
		return;
	/* tail's header of the next file, under a blank line, ends a
	 * mailbox (which reads to the end of its input otherwise). */
	if (sp->csv_ready && n > 0 && s[0] == '=' &&
	    ns_front_header(s, ns_trim_right(s, n)))
		ns_mbox_flush(&sp->mbox, mbox_out, sp);
	sp->csv_ready = ns_is_blank(s, n);
	if (ns_mbox_line(&sp->mbox, s, n, lineno, byte, mbox_out, sp))
		return;
	if (ns_front_line(&sp->front, s, n, lineno, byte, front_out, sp))
		return;
	read_line(sp, s, n, lineno, byte, 0);
}

void
ns_splitter_flush(struct ns_splitter *sp)
{
	if (sp->csv_on)
		csv_end(sp);
	ns_mbox_flush(&sp->mbox, mbox_out, sp);
	ns_front_flush(&sp->front, front_out, sp);
	sp->csv_ready = 1;
	release_held(sp);
	end_block(sp);
	end_run(sp);
	end_article(sp, 1);
	/* The next input starts under no end marker of this one. */
	sp->after_end = 0;
	sp->source = 0;
	sp->blanks = 0;
	sp->fwd = 0;
	sp->warc = WARC_NONE;
	sp->mail = MAIL_NONE;
}

struct ns_splitter *
ns_splitter_new(struct ns_rules *rules, size_t max, ns_article_fn emit,
    ns_cut_fn cut, void *ctx)
{
	struct ns_splitter *sp = ns_xcalloc(1, sizeof(*sp));

	sp->rules = rules;
	sp->max = max;
	sp->emit = emit;
	sp->cut = cut;
	sp->ctx = ctx;
	sp->file = "-";
	sp->csv_ready = 1;
	reset_article(sp);
	return sp;
}

void
ns_splitter_invalid(struct ns_splitter *sp, size_t *invalid,
    uint64_t *first_bad)
{
	*invalid = sp->invalid;
	*first_bad = sp->first_bad;
	sp->invalid = 0;
	sp->first_bad = 0;
}

void
ns_splitter_free(struct ns_splitter *sp)
{
	if (sp == NULL)
		return;
	ns_mbox_free(&sp->mbox);
	ns_front_free(&sp->front);
	ns_buf_free(&sp->ftitle);
	ns_buf_free(&sp->norm);
	ns_buf_free(&sp->hd);
	ns_buf_free(&sp->kick);
	ns_buf_free(&sp->again);
	ns_buf_free(&sp->cur);
	ns_buf_free(&sp->title);
	ns_buf_free(&sp->text);
	ns_buf_free(&sp->pend);
	ns_buf_free(&sp->mbuf);
	ns_buf_free(&sp->clipdoc);
	ns_buf_free(&sp->clipline);
	ns_csv_free(&sp->csv);
	ns_buf_free(&sp->csv_head);
	ns_buf_free(&sp->csv_msg);
	free(sp->pv);
	free(sp->mh);
	free(sp->lbyte);
	free(sp);
}
