/* test_words.c: unit tests of common/words.c. */
#include <stdlib.h>

#include "ns.h"
#include "check.h"

static struct ns_span *v;
static size_t cap;

/* Tokenize the first n bytes of in and compare the tokens, joined by
 * '|', with want. The input is copied to a buffer of exactly n bytes so
 * that ASan catches a read past the end. */
static void
words_n(const char *in, size_t n, const char *want)
{
	struct ns_buf got = { 0 };
	char *s = ns_xmalloc(n);
	size_t i, count;

	memcpy(s, in, n);
	count = ns_words(s, n, &v, &cap);
	ns_buf_add(&got, "", 0);
	for (i = 0; i < count; i++) {
		CHECK(v[i].start < v[i].end && v[i].end <= n);
		if (i > 0) {
			CHECK(v[i].start > v[i - 1].end);
			ns_buf_addc(&got, '|');
		}
		ns_buf_add(&got, s + v[i].start, v[i].end - v[i].start);
	}
	CHECK_MEM(got.p, got.len, want);
	ns_buf_free(&got);
	free(s);
}

static void
words(const char *in, const char *want)
{
	words_n(in, strlen(in), want);
}

static void
fold(const char *in, const char *want)
{
	struct ns_buf b = { 0 };

	ns_buf_add(&b, "<", 1);		/* appends, keeping what was there */
	ns_fold(&b, in, strlen(in));
	CHECK(b.p[0] == '<');
	CHECK_MEM(b.p + 1, b.len - 1, want);
	ns_buf_free(&b);
}

static void
stem(const char *in, const char *want)
{
	struct ns_buf b = { 0 };

	ns_buf_add(&b, "", 0);
	ns_stem(&b, in, strlen(in));
	CHECK_MEM(b.p, b.len, want);
	ns_buf_free(&b);
}

static int
stop(const char *s)
{
	return ns_is_stopword(s, strlen(s));
}

int
main(void)
{
	struct ns_buf b = { 0 };
	const char *t;
	char *big;

	/* Words: runs of letters, marks and digits. */
	words("", "");
	words("... -- !? \xe2\x80\x94 \xe2\x80\x9c\xe2\x80\x9d", "");
	words("  Huawei  and  ZTE ", "Huawei|and|ZTE");
	words("one\ttwo\nthree", "one|two|three");

	/* Joiners between two word characters, ASCII and typeset. */
	words("don't Xiaomi\xe2\x80\x99s", "don't|Xiaomi\xe2\x80\x99s");
	words("ex-Baidu co\xe2\x80\x90op non\xe2\x80\x91stop",
	    "ex-Baidu|co\xe2\x80\x90op|non\xe2\x80\x91stop");
	words("the U.S. said", "the|U.S|said");
	words("3.5 bn, 1,000 units; 1,2,3", "3.5|bn|1,000|units|1,2,3");
	words("end.Next", "end.Next");
	words("Paris,France x,1 1,x 1, 2", "Paris|France|x|1|1|x|1|2");
	/* Not joined: at either end, doubled, or two different ones. */
	words("'quoted' -lead trail- 'n'", "quoted|lead|trail|n");
	words("a--b a'-b a..b a.-b", "a|b|a|b|a|b|a|b");
	words("rock \xe2\x80\x99n\xe2\x80\x99 roll", "rock|n|roll");
	words("well\xe2\x80\x94known", "well|known");		/* em dash */
	words("a_b a/b a&b #tag @user", "a|b|a|b|a|b|tag|user");

	/* A run of ASCII letters and digits is taken whole: whether a
	 * comma joins is up to its last character, not its first. */
	words("ab1,000 1ab,000 \xc3\xa9" "1,5 1\xc3\xa9,5 x86-64 v1.2.3 12,34a",
	    "ab1,000|1ab|000|\xc3\xa9" "1,5|1\xc3\xa9|5|x86-64|v1.2.3|12,34a");
	words("Caf\xc3\xa9s and caf\xc3\xa9s1,0",
	    "Caf\xc3\xa9s|and|caf\xc3\xa9s1,0");
	words_n("abcdef", 4, "abcd");
	words_n("ab1,000", 5, "ab1,0");
	words_n("ab1,000", 4, "ab1");

	/* Beyond ASCII. */
	words("e\xcc\x81" "cole caf\xc3\xa9", "e\xcc\x81" "cole|caf\xc3\xa9");
	words("\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3",
	    "\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3");
	/* CJK */
	words("\xe4\xb8\xad\xe6\x96\x87 \xe6\x9d\xb1\xe4\xba\xac",
	    "\xe4\xb8\xad\xe6\x96\x87|\xe6\x9d\xb1\xe4\xba\xac");
	words("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3",		/* full width */
	    "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3");
	/* Emoji are no words, nor is the variation selector after one,
	 * though a mark goes on with a word. */
	words("ok\xf0\x9f\x98\x80ok", "ok|ok");
	words("\xe2\x9d\xa4\xef\xb8\x8f \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", "");
	words("\xcc\x81x", "x");
	words("1\xef\xb8\x8f\xe2\x83\xa3", "1\xef\xb8\x8f\xe2\x83\xa3");

	/* Never past n: a joiner or a sequence cut by the end. */
	words_n("ab'cd", 3, "ab");
	words_n("ab.", 3, "ab");
	words_n("ab\xe2\x80\x99s", 4, "ab");
	words_n("x \xc3\xa9", 3, "x");
	words_n("xyz", 0, "");
	words("a\xff" "b", "a|b");		/* not UTF-8: a break */
	free(v);
	v = NULL;
	cap = 0;
	t = "a b";
	CHECK(ns_words(t, 3, &v, &cap) == 2 && cap >= 2);
	free(v);

	/* Folding: NFKC and full case folding. */
	fold("", "");
	fold("Huawei ZTE 5G", "huawei zte 5g");
	fold("Stra\xc3\x9f" "e", "strasse");
	fold("\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3",
	    "\xcf\x83\xce\xaf\xcf\x83\xcf\x85\xcf\x86\xce\xbf\xcf\x83");
	fold("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3\xef\xbc\x91", "abc1");
	fold("E\xcc\x81" "COLE", "\xc3\xa9" "cole");		/* composed */
	fold("\xef\xac\x81" "nance", "finance");	/* fi ligature */
	fold("\xe2\x84\xaa", "k");			/* Kelvin sign */
	fold("Xiaomi\xe2\x80\x99s", "xiaomi\xe2\x80\x99s");
	/* Growing the buffer kept between calls. */
	ns_buf_reserve(&b, 4000);
	while (b.len < 3000)
		ns_buf_adds(&b, "\xc3\x9f");
	big = b.p;
	b = (struct ns_buf){ 0 };
	ns_fold(&b, big, strlen(big));
	CHECK(b.len == 3000);
	CHECK(b.p[0] == 's' && b.p[2999] == 's');
	free(big);
	ns_buf_free(&b);

	/* Stop words: the Snowball list, either apostrophe. */
	CHECK(stop("the"));
	CHECK(stop("and"));
	CHECK(stop("i"));
	CHECK(stop("yourselves"));
	CHECK(stop("don't"));
	CHECK(stop("don\xe2\x80\x99t"));
	CHECK(stop("cannot"));
	CHECK(!stop("huawei"));
	CHECK(!stop("The"));			/* the caller folds */
	CHECK(!stop(""));
	CHECK(!stop("th"));
	CHECK(!stop("thee"));
	CHECK(!stop("the "));
	CHECK(!stop("us"));			/* commented out upstream */
	CHECK(!stop("will"));
	CHECK(!stop("don"));
	CHECK(ns_is_stopword("theory", 3));
	CHECK(!stop("stopwordsbeyondthelongestoneinthelistandthensome"));

	/* Stems: what Snowball's English stemmer gives. */
	stem("", "");
	stem("running", "run");
	stem("companies", "compani");
	stem("generously", "generous");
	stem("generation", "generat");
	stem("reported", "report");
	stem("skies", "sky");
	stem("dying", "die");
	stem("news", "news");
	stem("huawei's", "huawei");
	stem("xiaomi\xe2\x80\x99s", "xiaomi");		/* as for "'s" */
	stem("don\xe2\x80\x99t", "don't");
	stem("strasse", "strass");
	return CHECK_DONE("test_words");
}
