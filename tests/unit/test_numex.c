/* test_numex.c: unit tests of common/numex.c, and its score on the
 * hand-written gold set tests/accept/entities/numex.jsonl.
 *
 *   test_numex              the unit tests, then the gold set (if it is
 *                           there, from the top of the tree) with a floor
 *   test_numex --gold FILE  only the score on FILE: precision and recall
 *                           per type, and how many values are right */
#include <math.h>
#include <stdlib.h>

#include "ns.h"
#include "check.h"

static struct ns_numex *nx;
static struct ns_entity *v;
static size_t cap;

/* The entities of s as "TYPE[text]=value unit|...": numbers with %.15g,
 * strings as they are. */
static void
render(struct ns_buf *b, const char *s, size_t n)
{
	size_t i, count;
	char num[64];

	count = ns_numex_find(nx, s, n, &v, &cap);
	ns_buf_add(b, "", 0);
	for (i = 0; i < count; i++) {
		CHECK(v[i].start < v[i].end && v[i].end <= n);
		if (i > 0) {
			CHECK(v[i].start >= v[i - 1].end);
			ns_buf_addc(b, '|');
		}
		ns_buf_adds(b, ns_ent_type_name(v[i].type));
		ns_buf_addc(b, '[');
		ns_buf_add(b, s + v[i].start, v[i].end - v[i].start);
		ns_buf_addc(b, ']');
		if (v[i].vkind == NS_VAL_NUMBER) {
			snprintf(num, sizeof(num), "=%.15g", v[i].number);
			ns_buf_adds(b, num);
		} else if (v[i].vkind == NS_VAL_STRING) {
			ns_buf_addc(b, '=');
			ns_buf_adds(b, v[i].sval);
		}
		if (v[i].unit[0] != '\0') {
			ns_buf_addc(b, ' ');
			ns_buf_adds(b, v[i].unit);
		}
	}
}

/* Check every entity of in against want; the input is copied to a
 * buffer of its own size so that ASan sees a read past its end. */
static void
expect(const char *in, const char *want)
{
	struct ns_buf got = { 0 };
	size_t n = strlen(in);
	char *s = ns_xmalloc(n ? n : 1);

	memcpy(s, in, n);
	render(&got, s, n);
	CHECK_MEM(got.p, got.len, want);
	ns_buf_free(&got);
	free(s);
}

/* ---- the gold set ---- */

struct score {
	size_t	 tp, fp, fn, vok, vall;
};

static int
type_of(const char *name)
{
	int t;

	for (t = 0; t < NS_ENT_NTYPES; t++)
		if (strcmp(ns_ent_type_name((enum ns_ent_type)t), name) == 0)
			return t;
	return -1;
}

/* Does entity e have the gold value and unit of g? */
static int
same_value(const struct ns_entity *e, json_t *g)
{
	json_t *val = json_object_get(g, "value");
	json_t *unit = json_object_get(g, "unit");
	const char *u = json_is_string(unit) ? json_string_value(unit) : "";
	double want;

	if (strcmp(e->unit, u) != 0)
		return 0;
	if (val == NULL || json_is_null(val))
		return e->vkind == NS_VAL_NONE;
	if (json_is_string(val))
		return e->vkind == NS_VAL_STRING &&
		    strcmp(e->sval, json_string_value(val)) == 0;
	if (!json_is_number(val) || e->vkind != NS_VAL_NUMBER)
		return 0;
	want = json_number_value(val);
	return fabs(e->number - want) <= 1e-9 * fmax(1, fabs(want));
}

/* Score ns_numex_find() on the gold records of path (their "text");
 * print the table when verbose; -1 if the file cannot be read. */
static int
gold(const char *path, struct score *sc, int verbose)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, err[256];
	size_t lcap = 0, i, k, count;
	ssize_t len;
	struct score all = { 0 };
	int t;

	if (fp == NULL)
		return -1;
	memset(sc, 0, sizeof(*sc) * NS_ENT_NTYPES);
	while ((len = getline(&line, &lcap, fp)) > 0) {
		json_t *rec = ns_json_parse(line, (size_t)len, err,
		    sizeof(err)), *ents, *g;
		const char *text;
		size_t tlen, *cp, nent;
		struct ns_cpos pos;
		int *used;

		if (rec == NULL) {
			fprintf(stderr, "%s: %s\n", path, err);
			continue;
		}
		text = json_string_value(json_object_get(rec, "text"));
		tlen = json_string_length(json_object_get(rec, "text"));
		ents = json_object_get(rec, "entities");
		count = ns_numex_find(nx, text, tlen, &v, &cap);
		/* Code-point offsets of the predictions. */
		cp = ns_xreallocarray(NULL, 2 * count + 1, sizeof(*cp));
		ns_cpos_init(&pos, text);
		for (i = 0; i < count; i++) {
			cp[2 * i] = ns_cpos_at(&pos, v[i].start);
			cp[2 * i + 1] = ns_cpos_at(&pos, v[i].end);
		}
		nent = json_array_size(ents);
		used = ns_xcalloc(count + 1, sizeof(*used));
		for (k = 0; k < nent; k++) {
			g = json_array_get(ents, k);
			t = type_of(json_string_value(json_object_get(g,
			    "type")));
			if (t < 0)
				continue;
			for (i = 0; i < count; i++)
				if (!used[i] && (int)v[i].type == t &&
				    cp[2 * i] == (size_t)json_integer_value(
				    json_object_get(g, "start")) &&
				    cp[2 * i + 1] == (size_t)json_integer_value(
				    json_object_get(g, "end")))
					break;
			if (i == count) {
				sc[t].fn++;
				if (verbose > 1)
					printf("missed %s %s [%s]\n",
					    json_string_value(json_object_get(
					    rec, "id")), ns_ent_type_name(t),
					    json_string_value(json_object_get(
					    g, "text")));
				continue;
			}
			used[i] = 1;
			sc[t].tp++;
			sc[t].vall++;
			if (same_value(&v[i], g))
				sc[t].vok++;
			else if (verbose > 1)
				printf("value %s %s [%s]\n", json_string_value(
				    json_object_get(rec, "id")),
				    ns_ent_type_name(t), json_string_value(
				    json_object_get(g, "text")));
		}
		for (i = 0; i < count; i++)
			if (!used[i]) {
				sc[v[i].type].fp++;
				if (verbose > 1)
					printf("extra %s %s [%.*s]\n",
					    json_string_value(json_object_get(
					    rec, "id")), ns_ent_type_name(
					    v[i].type), (int)(v[i].end -
					    v[i].start), text + v[i].start);
			}
		free(used);
		free(cp);
		json_decref(rec);
	}
	free(line);
	fclose(fp);
	for (t = 0; t < NS_ENT_NTYPES; t++) {
		struct score *s = &sc[t];
		double p, r, f;

		all.tp += s->tp;
		all.fp += s->fp;
		all.fn += s->fn;
		all.vok += s->vok;
		all.vall += s->vall;
		if (!verbose || s->tp + s->fp + s->fn == 0)
			continue;
		p = s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1;
		r = s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1;
		f = p + r > 0 ? 2 * p * r / (p + r) : 0;
		printf("%-9s P=%.4f R=%.4f F1=%.4f values %zu/%zu  (gold %zu, "
		    "predicted %zu)\n", ns_ent_type_name(t), p, r, f, s->vok,
		    s->vall, s->tp + s->fn, s->tp + s->fp);
	}
	if (verbose)
		printf("%-9s tp %zu fp %zu fn %zu values %zu/%zu\n", "ALL",
		    all.tp, all.fp, all.fn, all.vok, all.vall);
	return 0;
}

static double
f1(const struct score *s)
{
	double p = s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1;
	double r = s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1;

	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

int
main(int argc, char **argv)
{
	struct score sc[NS_ENT_NTYPES];
	struct ns_buf b = { 0 };
	char *big;
	size_t i, n, count;
	int t;

	nx = ns_numex_new();
	if (argc == 3 && strcmp(argv[1], "--gold") == 0) {
		if (gold(argv[2], sc, getenv("NS_VERBOSE") ? 2 : 1) < 0) {
			fprintf(stderr, "test_numex: %s: cannot read\n",
			    argv[2]);
			return 2;
		}
		ns_numex_free(nx);
		free(v);
		return 0;
	}

	/* MONEY: signs, codes, words, scales; the number is the amount. */
	expect("It paid $30 billion.", "MONEY[$30 billion]=30000000000 USD");
	expect("a US$5m loan", "MONEY[US$5m]=5000000 USD");
	expect("It cost 11,990 rubles ($186.56).",
	    "MONEY[11,990 rubles]=11990 RUB|MONEY[$186.56]=186.56 USD");
	expect("about $5", "MONEY[$5]=5 USD");
	expect("€5bn and £1.2tn and ¥100 billion",
	    "MONEY[€5bn]=5000000000 EUR|MONEY[£1.2tn]=1200000000000 GBP|"
	    "MONEY[¥100 billion]=100000000000 JPY");
	expect("Rs 5 crore, ₹2 lakh, Rs.500",
	    "MONEY[Rs 5 crore]=50000000 INR|MONEY[₹2 lakh]=200000 INR|"
	    "MONEY[Rs.500]=500 INR");
	expect("5 million dollars, 20 euros, 3 pounds",
	    "MONEY[5 million dollars]=5000000 USD|MONEY[20 euros]=20 EUR|"
	    "MONEY[3 pounds]=3 GBP");
	expect("72.4 US cents and 61 Australian cents",
	    "MONEY[72.4 US cents]=0.724 USD|MONEY[61 Australian cents]=0.61 AUD");
	expect("50p or 20 cents or 30 pence",
	    "MONEY[50p]=0.5 GBP|MONEY[20 cents]=0.2 USD|"
	    "MONEY[30 pence]=0.3 GBP");
	expect("3.2 trillion yuan", "MONEY[3.2 trillion yuan]=3200000000000 CNY");
	expect("USD 1.5 million and 5bn EUR",
	    "MONEY[USD 1.5 million]=1500000 USD|MONEY[5bn EUR]=5000000000 EUR");
	expect("5,000 Swiss francs", "MONEY[5,000 Swiss francs]=5000 CHF");
	expect("£300k", "MONEY[£300k]=300000 GBP");
	expect("HK$25", "MONEY[HK$25]=25 HKD");
	expect("10 billion won", "MONEY[10 billion won]=10000000000 KRW");
	expect("millions of pounds", "MONEY[millions of pounds] GBP");
	/* Ranges: two entities, scale and unit given to both. */
	expect("$5-6 million",
	    "MONEY[$5]=5000000 USD|MONEY[6 million]=6000000 USD");
	expect("US$5 to 6bn",
	    "MONEY[US$5]=5000000000 USD|MONEY[6bn]=6000000000 USD");
	expect("$5 to $6 million",
	    "MONEY[$5]=5000000 USD|MONEY[$6 million]=6000000 USD");
	expect("5 to 10 million euros",
	    "MONEY[5]=5000000 EUR|MONEY[10 million euros]=10000000 EUR");
	expect("$500,000 to $1 million",
	    "MONEY[$500,000]=500000 USD|MONEY[$1 million]=1000000 USD");
	expect("between $40 and $60", "MONEY[$40]=40 USD|MONEY[$60]=60 USD");
	/* PERCENT: a fraction. */
	expect("12 per cent", "PERCENT[12 per cent]=0.12");
	expect("38%", "PERCENT[38%]=0.38");
	expect("3.5 percent", "PERCENT[3.5 percent]=0.035");
	expect("2 percentage points", "PERCENT[2 percentage points]=0.02");
	expect("25 basis points", "PERCENT[25 basis points]=0.0025");
	expect("five per cent", "PERCENT[five per cent]=0.05");
	expect("40% to 60%", "PERCENT[40%]=0.4|PERCENT[60%]=0.6");
	expect("40-60%", "PERCENT[40]=0.4|PERCENT[60%]=0.6");
	expect("between 3 and 5 per cent",
	    "PERCENT[3]=0.03|PERCENT[5 per cent]=0.05");
	expect("3 and 5 per cent", "CARDINAL[3]=3|PERCENT[5 per cent]=0.05");
	expect("a cut of half a percentage point",
	    "PERCENT[half a percentage point]=0.005");
	expect("by a quarter of a percentage point",
	    "PERCENT[a quarter of a percentage point]=0.0025");
	expect("rose three quarters of a percentage point",
	    "PERCENT[three quarters of a percentage point]=0.0075");
	/* A point after a fraction is a percentage point (the annotators'
	 * "a quarter point"). */
	expect("VAT up by half a point", "PERCENT[half a point]=0.005");
	expect("a quarter point cut", "PERCENT[a quarter point]=0.0025");
	expect("prices fell -0.1% last month",
	    "PERCENT[-0.1%]=-0.001|DATE[last month]");
	expect("growth of \xe2\x88\x92" "0.1%",
	    "PERCENT[\xe2\x88\x92" "0.1%]=-0.001");
	expect("COVID-19 rose 5-10%", "PERCENT[5]=0.05|PERCENT[10%]=0.1");
	/* DATE: ISO 8601 as far as known. */
	expect("on June 25th", "DATE[June 25th]=XXXX-06-25");
	expect("on 25 June 2019", "DATE[25 June 2019]=2019-06-25");
	expect("on June 25, 2019.", "DATE[June 25, 2019]=2019-06-25");
	expect("on 2019-06-25", "DATE[2019-06-25]=2019-06-25");
	expect("on 25/06/2019", "DATE[25/06/2019]=2019-06-25");
	expect("in 2017,", "DATE[2017]=2017");
	expect("in June 2019", "DATE[June 2019]=2019-06");
	expect("Q3 2024", "DATE[Q3 2024]=2024-Q3");
	expect("in the third quarter of 2024",
	    "DATE[third quarter of 2024]=2024-Q3");
	expect("third-quarter profit", "DATE[third-quarter]=XXXX-Q3");
	expect("in the October-December quarter",
	    "DATE[October-December quarter]=XXXX-Q4");
	expect("July-September quarter", "DATE[July-September quarter]=XXXX-Q3");
	expect("in the October-to-December quarter",
	    "DATE[October-to-December quarter]=XXXX-Q4");
	expect("in the December quarter", "DATE[December quarter]=XXXX-Q4");
	expect("in the second quarter of 2024",
	    "DATE[second quarter of 2024]=2024-Q2");
	expect("Second quarter of 2024 results",
	    "DATE[Second quarter of 2024]=2024-Q2");
	expect("in the 1990s", "DATE[the 1990s]=199X");
	expect("the '90s", "DATE[the '90s]=199X");
	expect("the 1800s", "DATE[the 1800s]=18XX");
	expect("on Monday", "DATE[Monday]=XXXX-WXX-1");
	expect("Monday, June 24", "DATE[Monday, June 24]=XXXX-06-24");
	expect("last year", "DATE[last year]");
	expect("this week", "DATE[this week]");
	expect("yesterday", "DATE[yesterday]");
	expect("earlier this year", "DATE[earlier this year]");
	expect("two years ago", "DATE[two years ago]");
	expect("five years", "DATE[five years]=P5Y");
	expect("18 months", "DATE[18 months]=P18M");
	expect("two decades", "DATE[two decades]=P20Y");
	expect("the past five years", "DATE[past five years]=P5Y");
	expect("a five-year plan", "DATE[five-year]=P5Y");
	expect("the 42-year-old", "DATE[42-year-old]=P42Y");
	expect("the 20th century", "DATE[20th century]=19XX");
	expect("summer 2019", "DATE[summer 2019]=2019-SU");
	expect("this summer", "DATE[this summer]");
	expect("Christmas Day 2019", "DATE[Christmas Day 2019]=2019-12-25");
	expect("fiscal 2024 and FY24", "DATE[fiscal 2024]=FY2024|DATE[FY24]=FY2024");
	expect("H1 2024", "DATE[H1 2024]=2024-H1");
	expect("the first half of 2024", "DATE[first half of 2024]=2024-H1");
	expect("the 2019-20 season", "DATE[2019-20]");
	expect("mid-2019", "DATE[mid-2019]=2019");
	expect("the end of June", "DATE[end of June]=XXXX-06");
	/* "May" only with a day or year. */
	expect("May 5", "DATE[May 5]=XXXX-05-05");
	expect("May 2019", "DATE[May 2019]=2019-05");
	expect("We may go. May said so.", "");
	expect("in March", "DATE[March]=XXXX-03");
	/* ... or right after a word that takes a date. */
	expect("fell in May.", "DATE[May]=XXXX-05");
	expect("Since May, prices rose", "DATE[May]=XXXX-05");
	expect("Theresa May said", "");
	expect("He met May in Paris", "");
	/* A date's "the" is left out, but for decades'. */
	expect("over the weekend", "DATE[weekend]");
	expect("The fourth quarter", "DATE[fourth quarter]=XXXX-Q4");
	/* Seasons alone, after a word that takes a date. */
	expect("in spring and over the summer",
	    "DATE[spring]=XXXX-SP|DATE[summer]=XXXX-SU");
	expect("rain by fall", "DATE[fall]=XXXX-FA");
	expect("the fall in prices", "");
	expect("the Arab Spring", "");
	expect("February 30", "");
	expect("29 February 2023", "");
	expect("29 February 2024", "DATE[29 February 2024]=2024-02-29");
	/* TIME */
	expect("at 3:30 p.m.", "TIME[3:30 p.m.]=T15:30");
	expect("at 14:00 GMT", "TIME[14:00 GMT]=T14:00");
	expect("at noon", "TIME[noon]=T12:00");
	expect("at midnight", "TIME[midnight]=T00:00");
	expect("at 10am", "TIME[10am]=T10:00");
	expect("at 3.30pm", "TIME[3.30pm]=T15:30");
	expect("one second and 30 seconds", "TIME[one second]=PT1S|TIME[30 seconds]=PT30S");
	expect("a 30-second ad", "TIME[30-second]=PT30S");
	expect("the 2025 second-highest", "DATE[2025]=2025|ORDINAL[second]=2");
	expect("the 2023 year was hot", "DATE[2023]=2023");
	expect("12 a.m.", "TIME[12 a.m.]=T00:00");
	expect("five hours", "TIME[five hours]=PT5H");
	expect("90 minutes", "TIME[90 minutes]=PT90M");
	expect("last night", "TIME[last night]");
	/* QUANTITY */
	expect("5 km", "QUANTITY[5 km]=5 km");
	expect("10 tonnes", "QUANTITY[10 tonnes]=10 t");
	expect("3.2 million barrels", "QUANTITY[3.2 million barrels]=3200000 barrel");
	expect("40 degrees", "QUANTITY[40 degrees]=40 degree");
	expect("1.5C", "QUANTITY[1.5C]=1.5 °C");
	expect("500 megawatts", "QUANTITY[500 megawatts]=500 MW");
	expect("the 100m sprint", "QUANTITY[100m]=100 m");
	expect("5-10 km", "QUANTITY[5]=5 km|QUANTITY[10 km]=10 km");
	/* CARDINAL and ORDINAL */
	expect("38", "CARDINAL[38]=38");
	expect("four of them", "CARDINAL[four]=4");
	expect("two of them", "CARDINAL[two]=2");
	expect("1.2 million", "CARDINAL[1.2 million]=1200000");
	expect("twenty-five", "CARDINAL[twenty-five]=25");
	expect("2.5m people", "CARDINAL[2.5m]=2500000");
	expect("3bn people", "CARDINAL[3bn]=3000000000");
	expect("1,00,000", "CARDINAL[1,00,000]=100000");
	expect("dozens", "CARDINAL[dozens]");
	expect("first", "ORDINAL[first]=1");
	expect("3rd", "ORDINAL[3rd]=3");
	expect("21st", "ORDINAL[21st]=21");
	expect("twenty-first", "ORDINAL[twenty-first]=21");
	expect("a second", "");
	expect("no one", "");
	/* Bare years are dates, not cardinals; counts are not years. */
	expect("in 2017", "DATE[2017]=2017");
	expect("about 2000 people", "CARDINAL[2000]=2000");
	/* Numbers in names and codes. */
	expect("Boeing 737 jets", "");
	expect("COVID-19 cases", "");
	expect("the G20", "");
	expect("Windows 10", "");
	expect("Euro 2020", "");
	expect("No. 10", "");
	expect("5G networks", "");
	expect("version 1.2.3", "");
	expect("call 020 7946 0000", "");
	expect("call (555) 123-4567", "");
	expect("open 24/7", "");
	expect("It's", "");
	/* URL and EMAIL: spans only, without the punctuation after them. */
	expect("see https://example.com/a?b=1.",
	    "URL[https://example.com/a?b=1]");
	expect("(www.example.org)", "URL[www.example.org]");
	expect("mail jo.smith@example.co.uk.",
	    "EMAIL[jo.smith@example.co.uk]");
	expect("first.last@example.com", "EMAIL[first.last@example.com]");
	expect("a@b", "");
	/* Text around non-ASCII letters and signs. */
	expect("Über 5 Äpfel", "CARDINAL[5]=5");
	expect("“$5”", "MONEY[$5]=5 USD");
	expect("", "");

	/* Linear time on degenerate input: each must finish quickly. */
	n = 256 << 10;
	big = ns_xmalloc(n);
	{
		static const char *const fills[] = { "1", ".", "$", "1,",
		    "a.", "the ", "9 ", "$1", "-", "a@", "a.b@", "5-", "'9",
		    "www.", "1.1.", "the the ", "Jan. " };
		size_t bad;

		for (t = 0; t < (int)(sizeof(fills) / sizeof(fills[0])); t++) {
			size_t fl = strlen(fills[t]);

			for (i = 0; i < n; i++)
				big[i] = fills[t][i % fl];
			count = ns_numex_find(nx, big, n, &v, &cap);
			for (i = 1, bad = 0; i < count; i++)
				bad += v[i].start < v[i - 1].end;
			CHECK(bad == 0);
		}
	}
	free(big);

	/* The gold set, from the top of the tree (tests/run.sh runs there). */
	if (gold("tests/accept/entities/numex.jsonl", sc, 0) == 0) {
		for (t = NS_ENT_MONEY; t < NS_ENT_NTYPES; t++)
			if (sc[t].tp + sc[t].fn > 0 &&
			    (t == NS_ENT_MONEY || t == NS_ENT_PERCENT ||
			    t == NS_ENT_DATE)) {
				CHECK(f1(&sc[t]) >= 0.95);
				CHECK(sc[t].vok >= 0.95 * sc[t].vall);
			}
	}

	ns_buf_free(&b);
	ns_numex_free(nx);
	free(v);
	return CHECK_DONE("test_numex");
}
