/* test_jsonl.c: unit tests of common/jsonl.c and common/opts.c. */
#include <stdlib.h>

#include "ns.h"
#include "check.h"

static int
rejects(const char *s, const char *why)
{
	char err[256];
	json_t *v = ns_json_parse(s, strlen(s), err, sizeof(err));

	if (v != NULL) {
		json_decref(v);
		return 0;
	}
	return strstr(err, why) != NULL;
}

int
main(void)
{
	char err[256], *buf = NULL;
	size_t len = 0, sz;
	json_t *v;
	FILE *fp;
	long n;

	/* Objects only; the reasons are specific. */
	CHECK(rejects("[1]", "not a JSON object"));
	CHECK(rejects("\"s\"", "not a JSON object"));
	CHECK(rejects("42", "not a JSON object"));
	CHECK(rejects("nul", "invalid JSON"));
	CHECK(rejects("{\"a\":1,\"a\":2}", "duplicate"));
	CHECK(rejects("{\"a\":1} x", "invalid JSON at column"));
	CHECK(rejects("{\"a\":\"\\ud800\"}", "invalid JSON"));
	CHECK(rejects("{\"a\":\"\\u0000\"}", "invalid JSON"));
	CHECK(rejects("{\"a\":\"\xff\"}", "invalid JSON"));

	/* Key order is kept; output is compact, UTF-8, one line. */
	buf = "{ \"z\": 1, \"a\": [true, null], \"m\": \"\xc3\xa9/\" }";
	v = ns_json_parse(buf, strlen(buf), err, sizeof(err));
	buf = NULL;
	CHECK(v != NULL);
	fp = open_memstream(&buf, &len);
	CHECK(ns_json_write_raw(fp, v, "{ \"z\": 1, \"a\": [true, null], "
	    "\"m\": \"\xc3\xa9/\" }", 44, NULL, NULL) == 0);
	fclose(fp);
	CHECK_MEM(buf, len, "{\"z\":1,\"a\":[true,null],\"m\":\"\xc3\xa9/\"}\n");
	free(buf);
	json_decref(v);

	/* Fields not owned pass through as they were spelt; owned ones and
	 * new ones are written by jansson. */
	{
		const char *in = "{\"n\":0.10, \"big\":12345678901234567890,"
		    "\"s\":\"\\u00e9\\/\",\"t\":\"old\",\"o\":{ \"k\" : [ 1e3 ] }}";
		const char *owned[] = { "t", NULL };

		v = ns_json_parse(in, strlen(in), err, sizeof(err));
		CHECK(v != NULL);
		json_object_set_new(v, "t", json_string("new"));
		json_object_set_new(v, "added", json_true());
		buf = NULL;
		fp = open_memstream(&buf, &len);
		CHECK(ns_json_write_raw(fp, v, in, strlen(in), owned, NULL) == 0);
		fclose(fp);
		CHECK_MEM(buf, len, "{\"n\":0.10,\"big\":12345678901234567890,"
		    "\"s\":\"\\u00e9\\/\",\"t\":\"new\",\"o\":{\"k\":[1e3]},"
		    "\"added\":true}\n");
		free(buf);
		json_decref(v);
	}

	/* With a snapshot taken before the transform, an owned string left
	 * as it was is copied as it was spelt; an owned string replaced,
	 * even by an equal one, and an owned array changed in place, are
	 * written by jansson. */
	{
		const char *in = "{\"a\":\"\\u00e9\\/\",\"b\":\"\\/\","
		    "\"c\":[ \"\\/\" ],\"d\":\"\\/\"}";
		const char *owned[] = { "a", "b", "c", NULL };
		struct ns_owned_snap snap;

		v = ns_json_parse(in, strlen(in), err, sizeof(err));
		CHECK(v != NULL);
		ns_json_snap(&snap, v, owned);
		CHECK(snap.v[0] != NULL && snap.v[2] != NULL);
		json_object_set_new(v, "b", json_string("/"));
		json_array_append_new(json_object_get(v, "c"),
		    json_string("x"));
		buf = NULL;
		fp = open_memstream(&buf, &len);
		CHECK(ns_json_write_raw(fp, v, in, strlen(in), owned,
		    &snap) == 0);
		fclose(fp);
		CHECK_MEM(buf, len, "{\"a\":\"\\u00e9\\/\",\"b\":\"/\","
		    "\"c\":[\"/\",\"x\"],\"d\":\"\\/\"}\n");
		free(buf);
		ns_json_snap_free(&snap);
		CHECK(snap.v[0] == NULL);
		json_decref(v);
	}

	/* Numbers in decimal, into a buffer. */
	{
		struct ns_buf nb = { 0 };

		ns_buf_addu(&nb, 0);
		ns_buf_addc(&nb, ' ');
		ns_buf_addu(&nb, 7);
		ns_buf_addc(&nb, ' ');
		ns_buf_addu(&nb, 1234567890);
		ns_buf_addc(&nb, ' ');
		ns_buf_addu(&nb, 18446744073709551615ull);
		CHECK_MEM(nb.p, nb.len, "0 7 1234567890 18446744073709551615");
		ns_buf_free(&nb);
	}

	/* Sizes and counts. */
	CHECK(ns_parse_size("16M", &sz) == 0 && sz == 16u << 20);
	CHECK(ns_parse_size("10", &sz) == 0 && sz == 10);
	CHECK(ns_parse_size("2k", &sz) == 0 && sz == 2048);
	CHECK(ns_parse_size("0", &sz) < 0);
	CHECK(ns_parse_size("-1", &sz) < 0);
	CHECK(ns_parse_size("1x", &sz) < 0);
	CHECK(ns_parse_size("", &sz) < 0);
	CHECK(ns_parse_size("99999999999999999999", &sz) < 0);
	CHECK(ns_parse_count("3", 1, 10, &n) == 0 && n == 3);
	CHECK(ns_parse_count("11", 1, 10, &n) < 0);
	CHECK(ns_parse_count("3a", 1, 10, &n) < 0);
	return CHECK_DONE("test_jsonl");
}
