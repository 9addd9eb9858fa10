/* strip.c: cut boilerplate lines out of a record's text, and a site name
 * off its title, recording every cut. */
#include <stdlib.h>
#include <string.h>

#include "ns.h"

struct line {
	size_t	 start, end;		/* the line, trimmed, in the text */
	const struct ns_rule *rule;	/* the rule that cuts it, or NULL */
	int	 blank;
	int	 taken;		/* cut as a para or section rule's run */
};

/* The cuts listed before this run, each to be matched by one cut of this
 * run at most: a line that an earlier run (or dry run) listed is not
 * listed again, so that running twice is running once. They are sorted
 * by a hash of text, rule and field, so that a record with many of them
 * costs n log n, not n squared. */
struct prior_entry {
	uint64_t hash;
	size_t	 index;		/* in removed */
	int	 used;
};

struct prior {
	json_t	*removed;
	struct prior_entry *v;
	size_t	 n;
};

static uint64_t
cut_hash(const char *s, size_t n, const char *rule, const char *field)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	for (h ^= 0xff; *rule; rule++)
		h = (h ^ (unsigned char)*rule) * 1099511628211ull;
	for (h ^= 0xfe; *field; field++)
		h = (h ^ (unsigned char)*field) * 1099511628211ull;
	return h;
}

static int
cmp_prior(const void *a, const void *b)
{
	const struct prior_entry *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static _Thread_local struct prior_entry *prior_v;
static _Thread_local size_t prior_cap;

static void
prior_init(struct prior *pr, json_t *removed)
{
	json_t *o, *t, *r, *f;
	size_t i;

	pr->removed = removed;
	pr->n = 0;
	json_array_foreach(removed, i, o) {
		t = json_object_get(o, "text");
		r = json_object_get(o, "rule");
		f = json_object_get(o, "field");
		if (!json_is_string(t) || !json_is_string(r) ||
		    !json_is_string(f))
			continue;
		if (pr->n == prior_cap) {
			prior_cap = prior_cap ? prior_cap * 2 : 64;
			prior_v = ns_xreallocarray(prior_v, prior_cap, sizeof(*prior_v));
		}
		prior_v[pr->n].hash = cut_hash(json_string_value(t),
		    json_string_length(t), json_string_value(r),
		    json_string_value(f));
		prior_v[pr->n].index = i;
		prior_v[pr->n].used = 0;
		pr->n++;
	}
	pr->v = prior_v;
	if (pr->n > 1)
		qsort(prior_v, pr->n, sizeof(*prior_v), cmp_prior);
}

static int
seen_before(struct prior *pr, const char *s, size_t n, const char *rule,
    const char *field)
{
	uint64_t h;
	size_t lo = 0, hi = pr->n, mid;
	json_t *o, *t;

	if (pr->n == 0)
		return 0;
	h = cut_hash(s, n, rule, field);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pr->v[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < pr->n && pr->v[lo].hash == h; lo++) {
		if (pr->v[lo].used)
			continue;
		o = json_array_get(pr->removed, pr->v[lo].index);
		t = json_object_get(o, "text");
		if (json_string_length(t) == n &&
		    memcmp(json_string_value(t), s, n) == 0 &&
		    strcmp(json_string_value(json_object_get(o, "rule")),
		    rule) == 0 &&
		    strcmp(json_string_value(json_object_get(o, "field")),
		    field) == 0) {
			pr->v[lo].used = 1;
			return 1;
		}
	}
	return 0;
}

static void
add_removed(struct prior *pr, const char *s, size_t n, const char *rule,
    const char *field)
{
	json_t *o;

	if (seen_before(pr, s, n, rule, field))
		return;
	o = json_object();
	if (o == NULL ||
	    json_object_set_new(o, "text", ns_json_str(s, n)) ||
	    json_object_set_new(o, "rule", json_string(rule)) ||
	    json_object_set_new(o, "field", json_string(field)) ||
	    json_array_append_new(pr->removed, o))
		ns_errx(NS_EXIT_FATAL, "out of memory");
}

/* Does a title's suffix s (its bar or dash first) open with a question
 * word and a word in lower case: the second half of a headline ("Budget
 * 2025 | What it means for salaried taxpayers"), no site's name ("What
 * Hi-Fi?", "Who What Wear")? */
static int
clause_suffix(const char *s, size_t n)
{
	static const char *const words[] = { "What", "Why", "How", "Who",
	    "When", "Where", "Which", "Here's", "Here’s", "Here" };
	size_t i, k;

	for (i = 0; i < n && !((s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= 'a' && s[i] <= 'z')); i++)
		;
	for (k = i; k < n && s[k] != ' '; k++)
		;
	return k + 1 < n && s[k + 1] >= 'a' && s[k + 1] <= 'z' &&
	    ns_in_words(words, sizeof(words) / sizeof(words[0]), s + i, k - i);
}

/* Cut site names off the end of the title, as long as a title rule
 * matches ("X - County News | Site" loses both), and list the cuts in
 * the order they stand in the title. */
static size_t
strip_title(struct ns_rules *r, json_t *rec, struct prior *pr, int dry_run)
{
	json_t *t = json_object_get(rec, "title");
	const struct ns_rule *rule, *rules[8];
	size_t n, keep, lead, cuts = 0, ends[8], starts[8], i;
	const char *s;
	long off;

	if (!json_is_string(t))
		return 0;
	s = json_string_value(t);
	n = json_string_length(t);
	keep = n;
	while (cuts < 8) {
		off = ns_rules_match_suffix(r, &rule, s, keep);
		if (off <= 0 || (size_t)off >= keep ||
		    ns_trim_right(s, (size_t)off) == 0)
			break;	/* no match, or the whole title is a site name */
		lead = ns_trim_left(s + off, keep - off);
		if (clause_suffix(s + off + lead, keep - off - lead))
			break;	/* "Budget 2025 | What it means for you" */
		starts[cuts] = (size_t)off + lead;
		ends[cuts] = keep;
		rules[cuts++] = rule;
		keep = ns_trim_right(s, (size_t)off);
	}
	for (i = cuts; i-- > 0;)
		add_removed(pr, s + starts[i], ends[i] - starts[i],
		    rules[i]->name, "title");
	if (cuts > 0 && !dry_run)
		if (json_object_set_new(rec, "title", ns_json_str(s, keep)))
			ns_errx(NS_EXIT_FATAL, "out of memory");
	return cuts;
}

/* Could the line be an entry of a list of links: short (a headline of
 * up to 16 words), and not a sentence? */
static int
link_like(const char *s, const struct line *l)
{
	size_t n = l->end - l->start;
	unsigned char c;

	if (l->rule != NULL || l->blank)
		return 1;
	/* The last character first, then the words: most lines of text
	 * end a sentence and are no entry. A headline in Title Case may
	 * end in a full stop ("Its Workers Aren't Sold."); a sentence is
	 * not set so. */
	c = s[l->end - 1];
	if (c == '!' || c == ':' || c == ';' || c == ',')
		return 0;
	if (ns_word_count_max(s + l->start, n, 16) > 16)
		return 0;
	if (c == '.' || c == '?')
		return ns_is_title_case(s + l->start, n);
	return 1;
}

/* A list heading ("Related Topics", "More on this story") with nothing
 * but short, unpunctuated lines after it to the end of the article: the
 * heading and its list go, each line under the heading's rule. The first
 * such heading wins; one backward pass finds where the list may start. */
static void
link_list(struct ns_rules *r, const char *s, struct line *v, size_t count)
{
	size_t i, j, from = count;
	const struct ns_rule *head;

	while (from > 0 && link_like(s, &v[from - 1]))
		from--;
	for (i = from > 0 ? from - 1 : 0; i < count; i++) {
		if (v[i].blank || i + 1 >= count)
			continue;
		if (i + 1 < from)
			continue;
		head = ns_rules_match(r, NS_SCOPE_LIST, s + v[i].start,
		    v[i].end - v[i].start);
		if (head == NULL)
			continue;
		for (j = i + 1; j < count && v[j].blank; j++)
			;
		if (j == count)
			return;		/* a heading over nothing */
		/* All of it is the article's tail: a tail rule names a line
		 * it knows, the heading's rule the others. */
		for (j = i; j < count; j++)
			if (!v[j].blank && v[j].rule == NULL) {
				v[j].rule = j == i ? NULL :
				    ns_rules_match(r, NS_SCOPE_TAIL,
				    s + v[j].start, v[j].end - v[j].start);
				if (v[j].rule == NULL)
					v[j].rule = head;
			}
		return;
	}
}

/* A para or section rule's line takes the rest of its paragraph (run);
 * a section heading alone in its paragraph takes the next paragraph too
 * (next), and so does a note's header closing its paragraph (the reader's
 * note under an e-reader's "- Your Note on ..."). As ns-split reads the
 * same lines. */
static void
run_line(struct line *l, const struct ns_rule **run, int *alone, int *next)
{
	if (l->blank) {
		if (*alone)
			*next = 1;	/* the heading's paragraph is the next */
		else if (!*next)
			*run = NULL;
		*alone = 0;
		return;
	}
	if (l->rule != NULL && (l->rule->scope == NS_SCOPE_PARA ||
	    l->rule->scope == NS_SCOPE_SECTION ||
	    l->rule->scope == NS_SCOPE_NOTE) && (*run == NULL || *next)) {
		*run = l->rule;
		*alone = l->rule->scope != NS_SCOPE_PARA;
		*next = 0;
		return;
	}
	if (*run != NULL && l->rule == NULL) {
		l->rule = *run;
		l->taken = 1;
	}
	*alone = *next = 0;
}

/* Lines at most that a para or section rule's line takes under it in its
 * paragraph: a sponsor's ad, a contact's name, address and numbers. Text
 * with no blank lines (a web page's, one line a block) is one paragraph:
 * there a heading's word ("Contact" in a menu) would take the article. */
#define RUN_LINES 12

/* A run longer than that is no box: its heading alone is cut (and the
 * lines of it that other rules cut). */
static void
run_cap(struct line *v, size_t count)
{
	size_t i, j, k;

	for (i = 0; i < count; i = j) {
		j = i + 1;
		if (v[i].blank || v[i].taken || v[i].rule == NULL ||
		    (v[i].rule->scope != NS_SCOPE_PARA &&
		    v[i].rule->scope != NS_SCOPE_SECTION))
			continue;
		for (; j < count && !v[j].blank; j++)
			;
		if (j - i - 1 <= RUN_LINES)
			continue;
		for (k = i + 1; k < j; k++)
			if (v[k].taken) {
				v[k].taken = 0;
				v[k].rule = NULL;
			}
	}
}

/* Does s open with a quotation mark? */
static int
quoted(const char *s, size_t n)
{
	return n > 0 && (s[0] == '"' || s[0] == '\'' || (n >= 3 &&
	    memcmp(s, "\xe2\x80", 2) == 0 && ((unsigned char)s[2] == 0x9c ||
	    (unsigned char)s[2] == 0x98 || (unsigned char)s[2] == 0x9e)) ||
	    (n >= 2 && memcmp(s, "\xc2\xab", 2) == 0));
}

/* Is l a line that a rule other than a head rule cuts? */
static int
cut_beside(const struct line *l)
{
	return !l->blank && l->rule != NULL && l->rule->scope != NS_SCOPE_HEAD;
}

/* Does line end open an item's card, as digests and alert e-mails set
 * one: the line over it (a source's name) on the paragraph of a snippet of
 * a few lines, and the item's links, cut, closing that paragraph
 * ("Marlow County News", the snippet, a link, "Flag as irrelevant")? */
static int
card_lines(const struct line *v, size_t count, size_t end)
{
	size_t j, kept = 0;
	int cut = 0;

	if (end == 0 || v[end - 1].blank)
		return 0;
	for (j = end; j < count && !v[j].blank; j++) {
		if (v[j].rule != NULL)
			cut = 1;
		else if (cut || ++kept > 3)
			return 0;	/* text goes on under the links */
	}
	return cut;
}

/* Trailing lines cut, at least, that make a text a post ("9.1K views",
 * "13:05" under a channel's post), the last by a tail rule (its time). */
#define POST_TRAILER 2

/* The leading lines: blank or boilerplate from the top of the text. Head
 * rules cut only there, only when another rule cuts a line there too, and
 * only when text is left under them that is not a list: a source's name
 * or a flair ("Ars Technica", "News") is known by the furniture around it
 * ("r/Scotland", "5 hours ago"), by the card it opens (see card_lines()),
 * or by the furniture under the text (tail: the first trailing line) that
 * a channel's post has at its end ("9.1K views" over "13:05", the time
 * cut by a tail rule); a short line
 * that opens an article with nothing cut around it, that is all the
 * article has, or that heads a list ("Key points" over bullets), is
 * kept. */

static void
head_lines(struct ns_rules *r, const char *s, struct line *v, size_t count,
    size_t tail)
{
	size_t i, end, trailer = 0;
	int other = 0;

	for (end = 0; end < count; end++) {
		if (v[end].blank)
			continue;
		if (v[end].rule != NULL) {
			other = 1;
			continue;
		}
		v[end].rule = ns_rules_match(r, NS_SCOPE_HEAD,
		    s + v[end].start, v[end].end - v[end].start);
		if (v[end].rule == NULL)
			break;
	}
	/* A post under its channel's name has its furniture at the end
	 * (tags, counts, its time): that says the name is furniture too. */
	for (i = tail; !other && i < count && trailer < POST_TRAILER; i++)
		if (cut_beside(&v[i]))
			trailer++;
	for (i = count; trailer > 0 && i > 0 && v[i - 1].blank; i--)
		;
	if (i == 0 || v[i - 1].rule == NULL ||
	    v[i - 1].rule->scope != NS_SCOPE_TAIL)
		trailer = 0;	/* a post ends with its time */
	if ((other || card_lines(v, count, end) || trailer >= POST_TRAILER) &&
	    end < count &&
	    !ns_is_list_item(s + v[end].start,
	    v[end].end - v[end].start)) {
		/* A line in quotes is a pull quote, unless a line of its
		 * paragraph is cut too (an alert's search term over its
		 * "Daily update" line). */
		for (i = 0; i < end; i++)
			if (v[i].rule != NULL &&
			    v[i].rule->scope == NS_SCOPE_HEAD &&
			    quoted(s + v[i].start, v[i].end - v[i].start) &&
			    !(i > 0 && cut_beside(&v[i - 1])) &&
			    !(i + 1 < count && cut_beside(&v[i + 1])))
				v[i].rule = NULL;
		return;
	}
	for (i = 0; i < end; i++)
		if (v[i].rule != NULL && v[i].rule->scope == NS_SCOPE_HEAD)
			v[i].rule = NULL;
}

/* Is line l cut by a rule that is no kicker's? */
static int
cut_other(const struct line *l)
{
	return !l->blank && l->rule != NULL &&
	    l->rule->scope != NS_SCOPE_KICKER;
}

/* Is the line over v[i], past blank lines, one that a rule other than a
 * kicker's cuts? */
static int
prev_cut(const struct line *v, size_t i)
{
	while (i > 0 && v[i - 1].blank)
		i--;
	return i > 0 && cut_other(&v[i - 1]);
}

/* Kickers, labels in capitals over a headline or a jump line ("CITY
 * HALL", "BUDGET"), are cut only beside page furniture: between two lines
 * of their paragraph that other rules cut (a running head over the label,
 * "Continued from A1" under it), or among the leading lines over a line of
 * their paragraph that another rule cuts (the byline under the headline
 * ns-split took out), with at most two kept lines between that end no
 * sentence (a deck). A dateline in capitals under a byline ("WASHINGTON")
 * has nothing cut under it. Returns whether a leading line was cut. */
static int
kicker_lines(struct ns_rules *r, const char *s, struct line *v, size_t count)
{
	const struct ns_rule *k;
	size_t i, j, kept;
	int leading = 1, lead_cut = 0;
	unsigned char c;

	for (i = 0; i < count; i++) {
		if (v[i].blank || v[i].rule != NULL)
			continue;
		k = ns_rules_match(r, NS_SCOPE_KICKER, s + v[i].start,
		    v[i].end - v[i].start);
		if (k == NULL) {
			leading = 0;
			continue;
		}
		if (i > 0 && i + 1 < count && cut_other(&v[i - 1]) &&
		    cut_other(&v[i + 1])) {
			v[i].rule = k;
			continue;
		}
		/* Alone in its paragraph among the leading lines, between
		 * cut lines (a transcript's show, "CNN NEWSROOM", under
		 * "Return to Transcripts main page", over its air date), or
		 * closing a paragraph of them, where the headline ns-split
		 * took out stood under it (a sport's label, "Football", under
		 * a page's menus, over "By Tom Askew"). */
		for (j = i + 1; leading && i > 0 && (v[i - 1].blank ||
		    cut_other(&v[i - 1])) && j < count && v[j].blank; j++)
			;
		if (j > i + 1 && j < count && cut_other(&v[j]) &&
		    prev_cut(v, i)) {
			v[i].rule = k;
			lead_cut = 1;
			continue;
		}
		for (j = i + 1, kept = 0; leading && j < count &&
		    !v[j].blank && !cut_other(&v[j]); j++) {
			c = s[v[j].end - 1];
			if (++kept > 2 || c == '.' || c == '!' || c == '?' ||
			    c == ',' || c == ';' || c == ':')
				break;
		}
		if (leading && j < count && cut_other(&v[j])) {
			v[i].rule = k;
			lead_cut = 1;
		} else
			leading = 0;
	}
	return lead_cut;
}

/* Author lines: a name that opens its paragraph over nothing but lines
 * other rules cut, two at least ("Jane Roe" over "Follow" and "5 min
 * read", a newsletter's name over "Subscribe" and "Sign in"), is furniture
 * too. A name over a line that is kept (a reader's comment, a quote), or
 * over a single cut line (a sub-heading over "Advertisement"), stays. */
static void
author_lines(struct ns_rules *r, const char *s, struct line *v, size_t count,
    int early)
{
	const struct ns_rule *a;
	size_t i, j;

	for (i = 0; i < count; i++) {
		if (v[i].blank || v[i].rule != NULL || (i > 0 && !v[i - 1].blank))
			continue;
		for (j = i + 1; j < count && cut_other(&v[j]); j++)
			;
		if (j < i + 3 || (j < count && !v[j].blank))
			continue;	/* under two cut lines at least */
		a = ns_rules_match(r, NS_SCOPE_AUTHOR, s + v[i].start,
		    v[i].end - v[i].start);
		/* Before the kickers: a label over furniture is theirs. */
		if (a != NULL && early && ns_rules_match(r, NS_SCOPE_KICKER,
		    s + v[i].start, v[i].end - v[i].start) != NULL)
			continue;
		if (a != NULL)
			v[i].rule = a;
	}
}

/* Does the header line s[0..n-1] give a reply's subject ("Subject: Re:
 * [List] ...", "Subject: [List] Re: ...")? */
static int
reply_subject(const char *s, size_t n)
{
	static const char *const marks[] = { "re:", "aw:", "sv:", "fwd:",
	    "fw:" };
	const char *e;
	size_t i, k, m;

	if (n < 8 || memcmp(s, "Subject:", 8) != 0)
		return 0;
	for (k = 8; k < n; ) {
		k += ns_trim_left(s + k, n - k);
		if (k < n && s[k] == '[' && (e = memchr(s + k, ']', n - k)) !=
		    NULL) {
			k = (size_t)(e - s) + 1;
			continue;
		}
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			m = strlen(marks[i]);
			if (n - k >= m && ns_same_ci(s + k, marks[i], m))
				break;
		}
		if (i == sizeof(marks) / sizeof(marks[0]))
			return 0;
		if (i < 3)
			return 1;
		k += strlen(marks[i]);
	}
	return 0;
}

/* A mail digest's messages, each opened by a line a message rule matches
 * ("Message: 3") and running to the next such line or the end: the line
 * and its header block (the lines under it to a blank line) are cut; a
 * reply (its "Subject:" says "Re:") is discussion, cut all of it; in any
 * other message, when a line further down repeats the title (the story's
 * headline), the lines over it under the header block are cut too: the
 * sender's note ("FYI."), a forwarded message's mark and headers. All
 * are listed under the message rule (a line another rule cuts keeps that
 * rule's name). */
static void
message_lines(struct ns_rules *r, const char *s, struct line *v,
    size_t count, const char *title, size_t tlen)
{
	const struct ns_rule *rule;
	size_t i, j, k, end, hb;
	int reply;

	for (i = 0; i < count; i = end) {
		end = i + 1;
		if (v[i].blank || (rule = ns_rules_match(r, NS_SCOPE_MESSAGE,
		    s + v[i].start, v[i].end - v[i].start)) == NULL)
			continue;
		for (; end < count; end++)
			if (!v[end].blank && ns_rules_match(r,
			    NS_SCOPE_MESSAGE, s + v[end].start,
			    v[end].end - v[end].start) != NULL)
				break;
		reply = 0;
		for (hb = i; hb < end && !v[hb].blank; hb++)
			reply |= reply_subject(s + v[hb].start,
			    v[hb].end - v[hb].start);
		if (!reply) {
			for (j = hb; j < end; j++)
				if (tlen > 0 && v[j].end - v[j].start == tlen &&
				    memcmp(s + v[j].start, title, tlen) == 0)
					break;
			if (j < end)
				hb = j;	/* over the headline */
		} else
			hb = end;
		for (k = i; k < hb; k++)
			if (!v[k].blank && v[k].rule == NULL)
				v[k].rule = rule;
	}
}

/* A forwarded mail at the top of the text: under the header block of the
 * mail that forwards ("Subject: FW: ...", among the leading lines, all cut
 * or blank over it), the forwarder's note, signature and disclaimer, up
 * to the forwarded message's header ("From: ...") or its mark ("-----
 * Original Message-----"), are the mail's, not the story's: cut, listed
 * under the subject line's rule. No such header within
 * NS_MAIL_NOTE_LINES lines: nothing is cut (ns-split reads the note so
 * far). */
static void
forward_lines(const char *s, struct line *v, size_t count)
{
	size_t i, j, k, lines = 0;

	for (i = 0; i < count; i++) {
		if (v[i].blank)
			continue;
		if (v[i].rule == NULL)
			return;
		if (ns_mail_forward_subject(s + v[i].start,
		    v[i].end - v[i].start))
			break;
	}
	if (i == count)
		return;
	for (j = i + 1; j < count && !v[j].blank && v[j].rule != NULL; j++)
		;
	for (k = j; k < count; k++) {
		if (v[k].blank)
			continue;
		if (ns_mail_forwarded_start(s + v[k].start,
		    v[k].end - v[k].start))
			break;
		if (++lines > NS_MAIL_NOTE_LINES)
			return;
	}
	if (k == count)
		return;
	for (; j < k; j++)
		if (!v[j].blank && v[j].rule == NULL)
			v[j].rule = v[i].rule;
}

/* Does s[0..n-1] hold the end of a sentence (". " and a capital)? */
static int
inner_sentence_end(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i++)
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
		    s[i + 1] == ' ' && s[i + 2] >= 'A' && s[i + 2] <= 'Z')
			return 1;
	return 0;
}

/* Caption lines at most over a credit, and their words. */
#define CAPTION_LINES 3
#define CAPTION_WORDS 50

/* A credit that closes its paragraph ("JONAH WEISS / THE DAILY LEDGER"
 * with nothing under it but lines cut anyway) takes the few lines over
 * it in its paragraph: a photo's caption, as printed pages set it. A
 * longer paragraph over a credit is text the credit was glued to, and
 * stays. The lines are listed under the credit's rule. */
static void
caption_lines(const char *s, struct line *v, size_t count)
{
	size_t i, j, p, words;

	for (i = 0; i < count; i++) {
		if (v[i].blank || v[i].rule == NULL ||
		    v[i].rule->scope != NS_SCOPE_CREDIT)
			continue;
		for (j = i + 1; j < count && !v[j].blank && v[j].rule != NULL;
		    j++)
			;
		if (j < count && !v[j].blank)
			continue;	/* text goes on under it */
		for (p = i, words = 0; p > 0 && !v[p - 1].blank &&
		    v[p - 1].rule == NULL && i - p < CAPTION_LINES + 1; p--)
			words += ns_word_count(s + v[p - 1].start,
			    v[p - 1].end - v[p - 1].start);
		if (p == i || i - p > CAPTION_LINES || words > CAPTION_WORDS ||
		    (p > 0 && !v[p - 1].blank))
			continue;
		for (j = p; j < i; j++)
			v[j].rule = v[i].rule;
	}
}

/* Words at most in a figure's caption under its credit. */
#define FIGURE_WORDS 25

/* Text with one line a block and no blank lines (a web page's, as web
 * archives extract it) sets a figure's caption under its credit, in the
 * run of the text ("Photo: X / Y" over "Cattle wait in pens ..."): in a
 * paragraph of more than RUN_LINES lines, the line right under a credit
 * that is one sentence of a few words, not in quotes and no list item,
 * goes with it, listed under the credit's rule. */
static void
figure_lines(const char *s, struct line *v, size_t count)
{
	size_t i, j, k, len;
	const char *p;

	for (i = 0; i < count; i = j) {
		for (j = i; j < count && !v[j].blank; j++)
			;
		if (j - i <= RUN_LINES) {
			j++;
			continue;
		}
		for (k = i; k + 1 < j; k++) {
			if (v[k].rule == NULL ||
			    v[k].rule->scope != NS_SCOPE_CREDIT ||
			    v[k + 1].rule != NULL)
				continue;
			p = s + v[k + 1].start;
			len = v[k + 1].end - v[k + 1].start;
			if (len < 2 || p[len - 1] != '.' ||
			    ns_word_count(p, len) > FIGURE_WORDS ||
			    quoted(p, len) || ns_is_list_item(p, len) ||
			    inner_sentence_end(p, len - 1))
				continue;
			v[k + 1].rule = v[k].rule;
		}
		j++;
	}
}

/* Lines at most over a box's closing line, and words at most in each. */
#define BOX_LINES 8
#define BOX_WORDS 40

/* In a longer paragraph (a page's text, one line a block), a box's
 * closing line ("Autoplay: On") takes the lines over it up to the
 * farthest one, BOX_LINES at most over it, that another rule cuts (a video
 * player's "Video player loading..."), when every kept line between is
 * short and no sentence (the video's title, its duration, the next one's
 * title): the player's furniture, set among the page's lines. */
static void
box_in_page(const char *s, struct line *v, size_t i)
{
	size_t p, top = i;

	for (p = i; p > 0 && !v[p - 1].blank && i - p < BOX_LINES; p--) {
		if (v[p - 1].rule != NULL)
			top = p - 1;
		else if (!link_like(s, &v[p - 1]))
			break;
	}
	for (p = top; p < i; p++)
		if (v[p].rule == NULL)
			v[p].rule = v[i].rule;
}

/* A box the page set over the text (a portal's AI summary over its
 * disclaimer, a video card over "View on Watch") is closed by a line a
 * box rule names: the lines over it in its paragraph, a few short ones,
 * go with it, listed under its rule. A longer paragraph, or one with a
 * line of more words, is text the line was glued to, and stays. As
 * ns-split reads the block. An e-reader's clipping header (a clip or
 * note rule's line: "- Your Highlight on page 1 | ...") closes one too:
 * the document's line over it ("Title (Author)"). */
static void
box_lines(const char *s, struct line *v, size_t count)
{
	size_t i, j, p;

	for (i = 0; i < count; i++) {
		if (v[i].blank || v[i].rule == NULL ||
		    (v[i].rule->scope != NS_SCOPE_BOX &&
		    v[i].rule->scope != NS_SCOPE_CLIP &&
		    v[i].rule->scope != NS_SCOPE_NOTE))
			continue;
		for (p = i; p > 0 && !v[p - 1].blank && i - p < BOX_LINES;
		    p--)
			if (ns_word_count_max(s + v[p - 1].start,
			    v[p - 1].end - v[p - 1].start, BOX_WORDS) >
			    BOX_WORDS)
				break;
		if (p == i || (p > 0 && !v[p - 1].blank)) {
			box_in_page(s, v, i);
			continue;
		}
		for (j = p; j < i; j++)
			if (v[j].rule == NULL)
				v[j].rule = v[i].rule;
	}
}

/* A kept line that ends a sentence: an article's text, as a byline, a
 * source's name or a count is not. */
static int
text_line(const char *s, const struct line *l)
{
	return !l->blank && l->rule == NULL &&
	    ns_ends_sentence(s + l->start, l->end - l->start);
}

/* Comment threads: a heading over readers' comments ("Responses (42)")
 * takes every line after it, to the end of the article, when each
 * paragraph there has a line that another rule cuts (a commenter's date,
 * "Reply", a count): the comments under a post are not its text. One
 * backward pass finds where such paragraphs start; the first heading
 * among them under some kept text wins. */
static void
thread_lines(struct ns_rules *r, const char *s, struct line *v, size_t count)
{
	const struct ns_rule *head;
	size_t i, j, from = count;
	int cut = 0, text;

	for (i = count; i-- > 0;) {
		if (v[i].blank)
			continue;
		if (v[i].rule != NULL)
			cut = 1;
		if (i > 0 && !v[i - 1].blank)
			continue;	/* the paragraph goes on over it */
		if (!cut)
			break;
		from = i;
		cut = 0;
	}
	/* A heading with no sentence kept over it is a count in the
	 * byline's block ("9 comments" under the headline), not a
	 * thread's. */
	for (i = 0; i < from && !text_line(s, &v[i]); i++)
		;
	text = i < from;
	for (i = from; i < count; i++) {
		if (v[i].blank)
			continue;
		head = ns_rules_match(r, NS_SCOPE_THREAD, s + v[i].start,
		    v[i].end - v[i].start);
		if (head == NULL || !text) {
			text |= text_line(s, &v[i]);
			continue;
		}
		for (j = i; j < count; j++)
			if (!v[j].blank && v[j].rule == NULL)
				v[j].rule = head;
		return;
	}
}

/* Is s a bare count, as reaction bars set them ("42", "1,204", "1.2K")? */
static int
bare_count(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 8 || s[0] < '0' || s[0] > '9')
		return 0;
	if (s[n - 1] == 'K' || s[n - 1] == 'k' || s[n - 1] == 'M' ||
	    s[n - 1] == 'm')
		n--;
	for (i = 1; i < n; i++)
		if ((s[i] < '0' || s[i] > '9') && s[i] != '.' && s[i] != ',')
			return 0;
	return s[n - 1] >= '0' && s[n - 1] <= '9';
}

/* Topic tags: a paragraph of two or more tags ("Logistics", "Mergers And
 * Acquisitions") right over the article's trailing lines (tail: the
 * first of them), when those start with a bare count (a post's claps
 * under its tags), goes too; a paragraph that is all the article has
 * stays. */
static void
tag_lines(struct ns_rules *r, const char *s, struct line *v, size_t count,
    size_t tail)
{
	size_t i, k, p;

	for (k = tail; k < count && v[k].blank; k++)
		;
	if (k == count || !bare_count(s + v[k].start, v[k].end - v[k].start))
		return;
	for (p = tail; p > 0 && !v[p - 1].blank; p--)
		if (v[p - 1].rule != NULL)
			return;
	if (tail - p < 2)
		return;
	/* some text kept over the tags (blank or cut lines are none) */
	for (i = 0; i < p && (v[i].blank || v[i].rule != NULL); i++)
		;
	if (i == p)
		return;
	for (i = p; i < tail; i++)
		if ((v[i].rule = ns_rules_match(r, NS_SCOPE_TAGS,
		    s + v[i].start, v[i].end - v[i].start)) == NULL)
			break;
	if (i < tail)
		for (i = p; i < tail; i++)
			v[i].rule = NULL;
}

/* Is line l cut by a rule that is no field's, or by a field rule that
 * field_lines() has already applied? */
static int
cut_field(const struct line *l)
{
	return !l->blank && l->rule != NULL;
}

/* Does the paragraph that ends over line i (blank lines between) hold
 * two cut lines or more? */
static int
cut_para_over(const struct line *v, size_t i)
{
	size_t cut = 0;

	while (i > 0 && v[i - 1].blank)
		i--;
	for (; i > 0 && !v[i - 1].blank; i--)
		if (v[i - 1].rule != NULL)
			cut++;
	return cut >= 2;
}

/* Fields of a database export's record ("SN Reuters News", "PUB Dow
 * Jones & Company, Inc." in Factiva's, the "Body" label under a Nexis
 * document's header) look like text on their own, and are cut only
 * among other fields: beside a line of their paragraph that is cut (a
 * run of field lines is cut from one that a stricter rule cuts, "WC 643
 * words", both ways), or alone in their paragraph right under a
 * paragraph with two cut lines or more (the header's fields over
 * "Body"). */
static void
field_lines(struct ns_rules *r, const char *s, struct line *v, size_t count)
{
	const struct ns_rule *f;
	size_t i, k;
	int alone;

	for (k = 0; k < 2; k++)
		for (i = 0; i < count; i++) {
			size_t j = k == 0 ? i : count - 1 - i;

			if (v[j].blank || v[j].rule != NULL)
				continue;
			alone = (j == 0 || v[j - 1].blank) &&
			    (j + 1 == count || v[j + 1].blank);
			if (!(j > 0 && cut_field(&v[j - 1])) &&
			    !(j + 1 < count && cut_field(&v[j + 1])) &&
			    !(alone && cut_para_over(v, j)))
				continue;
			f = ns_rules_match(r, NS_SCOPE_FIELD, s + v[j].start,
			    v[j].end - v[j].start);
			if (f != NULL)
				v[j].rule = f;
		}
}

/* Does the word at s[0..n-1] (letters) name a day of the week or a
 * month, in full or cut short ("Mon", "Tues", "Sept")? 1 for a day, 2
 * for a month, else 0. */
static int
day_word(const char *s, size_t n)
{
	static const char *const days[] = { "monday", "tuesday",
	    "wednesday", "thursday", "friday", "saturday", "sunday" };
	static const char *const months[] = { "january", "february",
	    "march", "april", "may", "june", "july", "august", "september",
	    "october", "november", "december" };
	size_t i;

	if (n < 3)
		return 0;
	for (i = 0; i < 7; i++)
		if (n <= strlen(days[i]) && ns_same_ci(s, days[i], n))
			return 1;
	for (i = 0; i < 12; i++)
		if (n <= strlen(months[i]) && ns_same_ci(s, months[i], n))
			return 2;
	return 0;
}

/* Is s[0..n-1] a day's heading with no year ("Monday, March 3", "Sat.
 * 15 March", "Thursday, March 13th"): a day of the week, then a month
 * and the day's number in either order, nothing else? */
static int
day_heading(const char *s, size_t n)
{
	size_t i = 0, k;
	int seen = 0, num = 0, w;

	while (i < n) {
		if (s[i] == ' ' || s[i] == ',' || s[i] == '.') {
			i++;
			continue;
		}
		for (k = i; k < n && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'); k++)
			;
		if (k > i) {
			w = day_word(s + i, k - i);
			if (w == 0 || (seen & w))
				return 0;
			if (w == 1 && seen != 0)
				return 0;	/* the weekday comes first */
			seen |= w;
			i = k;
			continue;
		}
		for (k = i; k < n && s[k] >= '0' && s[k] <= '9'; k++)
			;
		if (k == i || k - i > 2 || num)
			return 0;
		num = 1;
		i = k;
		/* an ordinal's ending: "13th", "1st", "22nd", "3rd" */
		if (i + 2 <= n && (ns_same_ci(s + i, "st", 2) || ns_same_ci(s + i, "nd", 2) ||
		    ns_same_ci(s + i, "rd", 2) || ns_same_ci(s + i, "th", 2)))
			i += 2;
	}
	return seen == 3 && num;
}

/* Days' headings over their entries: a date with no year that a line
 * rule cuts as a page's date line ("Tuesday, March 11" under a byline,
 * a show's air day) is a sub-heading when a kept line stands right
 * under it in its paragraph, as a police blotter, an events calendar or
 * a diary sets each day over what happened or happens on it ("Monday,
 * March 3" over "8:14 a.m. — A resident reported …"): the text's own,
 * kept. */
static void
day_heads(const char *s, struct line *v, size_t count)
{
	size_t i;

	for (i = 0; i + 1 < count; i++)
		if (v[i].rule != NULL && !v[i].taken &&
		    v[i].rule->scope == NS_SCOPE_LINE &&
		    !v[i + 1].blank && v[i + 1].rule == NULL &&
		    day_heading(s + v[i].start, v[i].end - v[i].start))
			v[i].rule = NULL;
}

/* Is s[0..n-1] a label in capitals: a letter, no lower-case letter, at
 * most 5 words? */
static int
caps_label(const char *s, size_t n)
{
	size_t i, words = 1;
	int letter = 0;

	for (i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		if (s[i] >= 'A' && s[i] <= 'Z')
			letter = 1;
		else if ((unsigned char)s[i] >= 0x80)
			return 0;	/* letters past ASCII: not asked */
		if (s[i] == ' ')
			words++;
	}
	return letter && words <= 5;
}

/* Labels in capitals, each over its value on the next line, as a
 * release's or a record's metadata sets them ("JOURNAL" over the
 * journal's name, "DOI" over the number, "COI STATEMENT" over it): a
 * paragraph whose first line and every other line after it are such
 * labels that a rule cuts, three of them at least, is a form; each value
 * goes with its label, listed under the label's rule. */
static void
label_pairs(const char *s, struct line *v, size_t count)
{
	size_t i, j, k, labels;

	for (i = 0; i < count; i = j) {
		for (j = i; j < count && !v[j].blank; j++)
			;
		if (j == i) {
			j++;
			continue;
		}
		labels = 0;
		for (k = i; k < j; k += 2) {
			if (v[k].rule == NULL || v[k].taken ||
			    !caps_label(s + v[k].start, v[k].end - v[k].start))
				break;
			labels++;
		}
		if (k < j || labels < 3)
			continue;
		for (k = i; k + 1 < j; k += 2)
			if (v[k + 1].rule == NULL)
				v[k + 1].rule = v[k].rule;
	}
}

/* Is s a sentence of reported speech, six words or more ("Unsubscribe
 * links should never be clicked, police warned.")? Such a line is the
 * article's, whatever rule its first words would match. */
static int
attributed(const char *s, size_t n)
{
	static const char *const verbs[] = { "said", "says", "warned",
	    "noted", "added", "urged", "told", "explained", "argued",
	    "insisted", "according", "wrote", "joked", "recalled", "advised",
	    "suggested" };
	size_t i, k, e;

	if (!ns_ends_sentence(s, n) || ns_word_count_max(s, n, 6) < 6)
		return 0;
	for (i = 0; i < n; i = k + 1) {
		for (k = i; k < n && s[k] != ' '; k++)
			;
		for (e = k; e > i && (s[e - 1] == ',' || s[e - 1] == '.' ||
		    s[e - 1] == ';'); e--)
			;
		if (ns_in_words(verbs, sizeof(verbs) / sizeof(verbs[0]),
		    s + i, e - i))
			return 1;
	}
	return 0;
}

/* The rule of scopes that cuts line l of s, but none for a sentence of
 * reported speech (attributed()). */
static const struct ns_rule *
line_rule(struct ns_rules *r, unsigned scopes, const char *s,
    const struct line *l)
{
	const struct ns_rule *rule = ns_rules_match(r, scopes, s + l->start,
	    l->end - l->start);

	return rule != NULL && attributed(s + l->start, l->end - l->start) ?
	    NULL : rule;
}

static _Thread_local struct line *pass_v;
static _Thread_local size_t pass_cap;

/* One pass over text s: list what the rules cut (in removed, through pr)
 * and put the kept lines in out, paragraphs apart by one blank line;
 * title[0..tlen-1] is the record's title, trimmed.
 * Returns the number of cuts. */
static size_t
strip_pass(struct ns_rules *r, const char *s, size_t n, struct prior *pr,
    struct ns_buf *out, int again, const char *title, size_t tlen)
{
	const struct ns_rule *run = NULL;
	const char *nl;
	size_t i, count = 0, cuts = 0, tail, lead, ls, le;
	int para_open, gap, alone = 0, next = 0;

	/* Lines, and the rule that would cut each. */
	for (ls = 0; ls <= n; ls = le + 1) {
		nl = memchr(s + ls, '\n', n - ls);
		le = nl ? (size_t)(nl - s) : n;
		if (count == pass_cap) {
			pass_cap = pass_cap ? pass_cap * 2 : 64;
			pass_v = ns_xreallocarray(pass_v, pass_cap, sizeof(*pass_v));
		}
		lead = ns_trim_left(s + ls, le - ls);
		pass_v[count].start = ls + lead;
		pass_v[count].end = ls + lead + ns_trim_right(s + ls + lead,
		    le - ls - lead);
		pass_v[count].blank = pass_v[count].start == pass_v[count].end;
		/* Again (a pass after one that cut): every line is one
		 * that no line, end or para rule matched, nor a para run
		 * took, so none does now; only tails, heads and lists can
		 * change. */
		pass_v[count].rule = pass_v[count].blank || again ? NULL :
		    line_rule(r, NS_SCOPE_LINE | NS_SCOPE_END |
		    NS_SCOPE_PARA | NS_SCOPE_SECTION | NS_SCOPE_CREDIT |
		    NS_SCOPE_BOX | NS_SCOPE_CLIP | NS_SCOPE_NOTE, s,
		    &pass_v[count]);
		pass_v[count].taken = 0;
		run_line(&pass_v[count], &run, &alone, &next);
		count++;
		if (nl == NULL)
			break;
	}
	run_cap(pass_v, count);
	label_pairs(s, pass_v, count);
	if (!again) {
		message_lines(r, s, pass_v, count, title, tlen);
		forward_lines(s, pass_v, count);
	}
	caption_lines(s, pass_v, count);
	figure_lines(s, pass_v, count);
	/* Fields of an export before the trailing lines are looked at:
	 * those of a record's end are among them. */
	field_lines(r, s, pass_v, count);
	box_lines(s, pass_v, count);
	/* A list of links at the end goes first: what it cuts is part of
	 * the trailing lines below. */
	link_list(r, s, pass_v, count);
	thread_lines(r, s, pass_v, count);
	/* The trailing lines: blank or boilerplate to the end. Tail rules
	 * cut only there ("Source: Reuters" closes an article, and may open
	 * a paragraph of one). */
	tail = count;
	while (tail > 0) {
		struct line *l = &pass_v[tail - 1];

		if (!l->blank && l->rule == NULL)
			l->rule = line_rule(r, NS_SCOPE_TAIL, s, l);
		if (!l->blank && l->rule == NULL)
			break;
		tail--;
	}
	/* Author lines first too: one among the leading lines (a result
	 * list's headline over its search's fields) does not end them. */
	author_lines(r, s, pass_v, count, 1);
	head_lines(r, s, pass_v, count, tail);
	/* A kicker cut among the leading lines ("USA TODAY" over a
	 * partner's byline and the portal's date) is a cut beside the head
	 * lines under it, as it is not in the next pass. */
	if (kicker_lines(r, s, pass_v, count))
		head_lines(r, s, pass_v, count, tail);
	author_lines(r, s, pass_v, count, 0);
	/* Comments again, now that tail, head and author rules have cut
	 * what they cut (a "Source: Reuters" under the thread). */
	thread_lines(r, s, pass_v, count);
	/* Tags over the trailing lines, as every rule has cut them (a
	 * name over "Subscribe" closes an article as author_lines() saw). */
	while (tail > 0 && (pass_v[tail - 1].blank ||
	    pass_v[tail - 1].rule != NULL))
		tail--;
	tag_lines(r, s, pass_v, count, tail);
	day_heads(s, pass_v, count);

	for (i = 0; i < count; i++)
		if (pass_v[i].rule != NULL) {
			add_removed(pr, s + pass_v[i].start,
			    pass_v[i].end - pass_v[i].start, pass_v[i].rule->name, "text");
			cuts++;
		}
	ns_buf_reset(out);
	ns_buf_reserve(out, 0);
	if (cuts == 0)
		return 0;
	para_open = gap = 0;
	for (i = 0; i < count; i++) {
		if (pass_v[i].rule != NULL)
			continue;
		if (pass_v[i].blank) {
			gap = para_open;
			continue;
		}
		if (out->len)
			ns_buf_add(out, gap ? "\n\n" : "\n", gap ? 2 : 1);
		/* The line as it was, but for trailing white space. */
		for (ls = pass_v[i].start; ls > 0 && s[ls - 1] != '\n'; ls--)
			;
		ns_buf_add(out, s + ls, pass_v[i].end - ls);
		para_open = 1;
		gap = 0;
	}
	return cuts;
}

/* Passes at most: each cut can bare another (a tail line under a list),
 * and ns_strip() goes on until a pass cuts nothing, so that running the
 * tool again cuts nothing more. */
#define PASSES 16

static _Thread_local struct ns_buf strip_cur;
static _Thread_local struct ns_buf strip_out;

size_t
ns_strip(struct ns_rules *r, json_t *rec, json_t *removed, int dry_run)
{
	struct ns_buf tmp;
	json_t *t = json_object_get(rec, "text"), *tt;
	struct prior pr;
	const char *title;
	size_t tlen;
	size_t cuts, k, total = 0, pass;

	prior_init(&pr, removed);
	cuts = strip_title(r, rec, &pr, dry_run);
	if (!json_is_string(t))
		return cuts;
	/* The title as it is now, trimmed: a message's headline repeats it. */
	tt = json_object_get(rec, "title");
	title = "";
	tlen = 0;
	if (json_is_string(tt)) {
		title = json_string_value(tt);
		tlen = json_string_length(tt);
		k = ns_trim_left(title, tlen);
		title += k;
		tlen = ns_trim_right(title, tlen - k);
	}
	ns_buf_reset(&strip_cur);
	ns_buf_add(&strip_cur, json_string_value(t), json_string_length(t));
	for (pass = 0; pass < PASSES; pass++) {
		k = strip_pass(r, strip_cur.p, strip_cur.len, &pr, &strip_out,
		    pass > 0, title, tlen);
		if (k == 0)
			break;
		total += k;
		tmp = strip_cur;
		strip_cur = strip_out;
		strip_out = tmp;
	}
	if (dry_run || total == 0)
		return cuts + total;
	if (json_object_set_new(rec, "text", ns_json_str(strip_cur.p, strip_cur.len)))
		ns_errx(NS_EXIT_FATAL, "strip_out of memory");
	return cuts + total;
}

void
ns_strip_thread_free(void)
{
	free(prior_v);
	free(pass_v);
	prior_v = NULL;
	pass_v = NULL;
	prior_cap = pass_cap = 0;
	ns_buf_free(&strip_cur);
	ns_buf_free(&strip_out);
}
