/* records.c: the records ns-split makes: articles and their sub-records. */
#include <stdlib.h>
#include <string.h>

#include "ns.h"

json_t *
ns_article_record(const struct ns_article *a)
{
	static struct ns_buf name;
	char id[17];
	json_t *rec, *src;

	ns_article_id(id, a->title, a->tlen, a->text, a->xlen);
	/* A file name is bytes; in a record it is text, repaired as text is. */
	ns_buf_reset(&name);
	ns_text_normline(&name, a->file, strlen(a->file));
	rec = json_object();
	src = json_object();
	if (rec == NULL || src == NULL ||
	    json_object_set_new(rec, "id", ns_json_str(id, 16)) ||
	    json_object_set_new(rec, "title", ns_json_str(a->title, a->tlen)) ||
	    json_object_set_new(rec, "text", ns_json_str(a->text, a->xlen)) ||
	    json_object_set_new(src, "file", ns_json_str(name.p, name.len)) ||
	    json_object_set_new(src, "line", json_integer((json_int_t)a->line)) ||
	    json_object_set_new(src, "byte", json_integer((json_int_t)a->byte)) ||
	    json_object_set_new(rec, "source", src))
		ns_errx(NS_EXIT_FATAL, "out of memory");
	return rec;
}

void
ns_write_units(const struct ns_common *c, const char *id, const char *text,
    size_t n, enum ns_unit unit, unsigned flags)
{
	static struct ns_span *v;
	static size_t cap;
	struct ns_cpos cp;
	char uid[64];
	size_t i, count = 0;
	json_t *rec;

	if (unit == NS_UNIT_PARAGRAPH)
		count = ns_paragraphs(text, n, &v, &cap);
	else if (unit == NS_UNIT_SENTENCE)
		count = ns_sentences(text, n, flags, &v, &cap);
	ns_cpos_init(&cp, text);
	for (i = 0; i < count; i++) {
		snprintf(uid, sizeof(uid), "%s-%zu", id, i);
		rec = json_object();
		if (rec == NULL ||
		    json_object_set_new(rec, "id", json_string(uid)) ||
		    json_object_set_new(rec, "parent", json_string(id)) ||
		    json_object_set_new(rec, "n", json_integer((json_int_t)i)) ||
		    json_object_set_new(rec, "text", ns_json_str(text +
		    v[i].start, v[i].end - v[i].start)) ||
		    json_object_set_new(rec, "start",
		    json_integer((json_int_t)ns_cpos_at(&cp, v[i].start))) ||
		    json_object_set_new(rec, "end",
		    json_integer((json_int_t)ns_cpos_at(&cp, v[i].end))))
			ns_errx(NS_EXIT_FATAL, "out of memory");
		if (ns_json_write(stdout, rec) < 0)
			ns_write_error();
		json_decref(rec);
		ns_output_check(c);
	}
}
