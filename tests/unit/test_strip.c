/* test_strip.c: unit tests of common/strip.c. */
#include "ns.h"
#include "check.h"

static struct ns_rules r;

/* Strip a record given as JSON; compare the record after. */
static void
strip(const char *in, int dry_run, const char *want, int line)
{
	char err[256], *got;
	json_t *rec = ns_json_parse(in, strlen(in), err, sizeof(err));
	static const char *const owned[] = { "title", "text", "removed", NULL };
	struct ns_owned_snap snap;
	json_t *removed;

	if (rec == NULL) {
		check_failed++;
		fprintf(stderr, "test_strip.c:%d: bad JSON\n", line);
		return;
	}
	/* As ns-strip-ads does it: fields it leaves are copied. */
	ns_json_snap(&snap, rec, owned);
	removed = json_object_get(rec, "removed");
	if (removed == NULL) {
		removed = json_array();
		json_object_set_new(rec, "removed", removed);
	}
	ns_strip(&r, rec, removed, dry_run);
	{
		size_t len;
		FILE *fp = open_memstream(&got, &len);

		ns_json_write_raw(fp, rec, in, strlen(in), owned, &snap);
		fclose(fp);
		ns_json_snap_free(&snap);
		got[len - 1] = '\0';	/* the newline */
	}
	if (strcmp(got, want) == 0)
		check_passed++;
	else {
		check_failed++;
		fprintf(stderr, "test_strip.c:%d:\n got %s\nwant %s\n", line,
		    got, want);
	}
	free(got);
	json_decref(rec);
}

#define STRIP(in, want) strip((in), 0, (want), __LINE__)

int
main(void)
{
	char err[256];

	CHECK(ns_rules_parse(&r, ns_builtin_rules, ns_builtin_rules_len,
	    "built-in", err, sizeof(err)) == 0);

	/* Nothing to cut: the record is unchanged, "removed" is []. */
	STRIP("{\"text\":\"A line.\\n\\n\\nB line.\"}",
	    "{\"text\":\"A line.\\n\\n\\nB line.\",\"removed\":[]}");

	/* Trailers and in-body junk are cut, paragraphs rejoined. */
	STRIP("{\"title\":\"T | Example Site\",\"text\":\"Sponsored Links\\n\\n"
	    "Para one.\\n\\nAdvertisement\\n\\nPara two.\\n\\n"
	    "Link to original source\"}",
	    "{\"title\":\"T\",\"text\":\"Para one.\\n\\nPara two.\","
	    "\"removed\":[{\"text\":\"| Example Site\",\"rule\":"
	    "\"site_suffix_bar\",\"field\":\"title\"},{\"text\":"
	    "\"Sponsored Links\",\"rule\":\"sponsored\",\"field\":\"text\"},"
	    "{\"text\":\"Advertisement\",\"rule\":\"advertisement\","
	    "\"field\":\"text\"},{\"text\":\"Link to original source\","
	    "\"rule\":\"original_source\",\"field\":\"text\"}]}");

	/* A video player in a page's long paragraph: "Autoplay: On" takes
	 * the short lines over it up to the player's first cut line; the
	 * story's sentences over that stay. */
	STRIP("{\"text\":\"One.\\nTwo.\\nThree.\\nFour.\\nFive.\\n"
	    "Video player loading...\\nNow Playing\\nBridge opens\\n01:58\\n"
	    "Autoplay: On\\nSix.\"}",
	    "{\"text\":\"One.\\nTwo.\\nThree.\\nFour.\\nFive.\\nSix.\","
	    "\"removed\":[{\"text\":\"Video player loading...\",\"rule\":"
	    "\"video_player\",\"field\":\"text\"},{\"text\":\"Now Playing\","
	    "\"rule\":\"video_chrome\",\"field\":\"text\"},{\"text\":"
	    "\"Bridge opens\",\"rule\":\"video_autoplay\",\"field\":\"text\"},"
	    "{\"text\":\"01:58\",\"rule\":\"video_autoplay\",\"field\":"
	    "\"text\"},{\"text\":\"Autoplay: On\",\"rule\":\"video_autoplay\","
	    "\"field\":\"text\"}]}");

	/* A line cut inside a paragraph keeps the paragraph together. */
	STRIP("{\"text\":\"One.\\nShare this article\\nTwo.\"}",
	    "{\"text\":\"One.\\nTwo.\",\"removed\":[{\"text\":"
	    "\"Share this article\",\"rule\":\"share_article\","
	    "\"field\":\"text\"}]}");

	/* Tail rules cut only at the end. */
	STRIP("{\"text\":\"Source: a survey of 300 firms.\\n\\nBody.\\n\\n"
	    "Source: Reuters\"}",
	    "{\"text\":\"Source: a survey of 300 firms.\\n\\nBody.\","
	    "\"removed\":[{\"text\":\"Source: Reuters\",\"rule\":"
	    "\"source_line\",\"field\":\"text\"}]}");

	/* A section heading alone in its paragraph takes the next one; one
	 * with lines under it, the rest of its paragraph; "About the study"
	 * is no heading of a release. */
	STRIP("{\"text\":\"Body.\\n\\nAbout Acme Corp\\n\\nAcme makes "
	    "widgets.\\n\\nMore body.\\n\\nMedia Contact:\\nAnn Lee\\n"
	    "+1 720-555-0148\"}",
	    "{\"text\":\"Body.\\n\\nMore body.\",\"removed\":[{\"text\":"
	    "\"About Acme Corp\",\"rule\":\"pr_about\",\"field\":\"text\"},"
	    "{\"text\":\"Acme makes widgets.\",\"rule\":\"pr_about\","
	    "\"field\":\"text\"},{\"text\":\"Media Contact:\",\"rule\":"
	    "\"pr_contact\",\"field\":\"text\"},{\"text\":\"Ann Lee\","
	    "\"rule\":\"pr_contact\",\"field\":\"text\"},{\"text\":"
	    "\"+1 720-555-0148\",\"rule\":\"contact_phone\",\"field\":"
	    "\"text\"}]}");
	STRIP("{\"text\":\"About the study\\n\\nIt ran for a year.\"}",
	    "{\"text\":\"About the study\\n\\nIt ran for a year.\","
	    "\"removed\":[]}");
	/* A para run goes on past a line another rule cuts. */
	STRIP("{\"text\":\"Body.\\n\\nSponsored\\nFast broadband\\n"
	    "Fibrelink \xc2\xb7 Ad\\nNo price rises.\\n\\nMore body.\"}",
	    "{\"text\":\"Body.\\n\\nMore body.\",\"removed\":[{\"text\":"
	    "\"Sponsored\",\"rule\":\"sponsored_card\",\"field\":\"text\"},"
	    "{\"text\":\"Fast broadband\",\"rule\":\"sponsored_card\","
	    "\"field\":\"text\"},{\"text\":\"Fibrelink \xc2\xb7 Ad\","
	    "\"rule\":\"ad_card_label\",\"field\":\"text\"},{\"text\":"
	    "\"No price rises.\",\"rule\":\"sponsored_card\",\"field\":"
	    "\"text\"}]}");

	/* Editor's notes and sub-headings stay. */
	STRIP("{\"text\":\"Body.\\n\\nMore collaboration\\n\\n"
	    "Update: the date was corrected.\"}",
	    "{\"text\":\"Body.\\n\\nMore collaboration\\n\\n"
	    "Update: the date was corrected.\",\"removed\":[]}");

	/* An existing "removed" is appended to; a second run cuts nothing. */
	STRIP("{\"text\":\"Body.\",\"removed\":[{\"text\":\"x\",\"rule\":"
	    "\"y\",\"field\":\"text\"}],\"z\":1}",
	    "{\"text\":\"Body.\",\"removed\":[{\"text\":\"x\",\"rule\":"
	    "\"y\",\"field\":\"text\"}],\"z\":1}");

	/* Dry run: removed is filled, nothing cut. */
	strip("{\"text\":\"Body.\\n\\nBack to top\"}", 1,
	    "{\"text\":\"Body.\\n\\nBack to top\",\"removed\":[{\"text\":"
	    "\"Back to top\",\"rule\":\"back_to_top\",\"field\":\"text\"}]}",
	    __LINE__);

	/* A title that is all site name is kept whole. */
	STRIP("{\"title\":\"| TechCrunch\",\"text\":\"\"}",
	    "{\"title\":\"| TechCrunch\",\"text\":\"\",\"removed\":[]}");

	/* A list heading takes its list of links with it, to the end. */
	STRIP("{\"text\":\"Body.\\n\\nRelated Topics\\nWeather\\n"
	    "Wales rail strike ends\"}",
	    "{\"text\":\"Body.\",\"removed\":[{\"text\":\"Related Topics\","
	    "\"rule\":\"related_list\",\"field\":\"text\"},{\"text\":"
	    "\"Weather\",\"rule\":\"related_list\",\"field\":\"text\"},"
	    "{\"text\":\"Wales rail strike ends\",\"rule\":\"related_list\","
	    "\"field\":\"text\"}]}");
	/* ... but not when a sentence follows: then it is a sub-heading. */
	STRIP("{\"text\":\"Body.\\n\\nTopics\\nThe talks covered trade.\"}",
	    "{\"text\":\"Body.\\n\\nTopics\\nThe talks covered trade.\","
	    "\"removed\":[]}");

	/* A list cut at the end can bare a tail line: cut it in the same
	 * run, so that a second run finds nothing more. */
	STRIP("{\"text\":\"Source: wire\\nRelated\\nc\"}",
	    "{\"text\":\"\",\"removed\":[{\"text\":\"Source: wire\","
	    "\"rule\":\"source_line\",\"field\":\"text\"},{\"text\":"
	    "\"Related\",\"rule\":\"read_more\",\"field\":\"text\"},"
	    "{\"text\":\"c\",\"rule\":\"related_list\",\"field\":\"text\"}]}");

	/* Everything cut: empty text. */
	STRIP("{\"text\":\"Advertisement\"}",
	    "{\"text\":\"\",\"removed\":[{\"text\":\"Advertisement\","
	    "\"rule\":\"advertisement\",\"field\":\"text\"}]}");

	ns_rules_free(&r);
	return CHECK_DONE("test_strip");
}
