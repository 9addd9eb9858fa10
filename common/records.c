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
	    (a->url != NULL && a->ulen > 0 &&
	    json_object_set_new(src, "url", ns_json_str(a->url, a->ulen))) ||
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
	static struct ns_buf b, qid;
	struct ns_cpos cp;
	size_t i, count = 0, s0, e0;

	if (unit == NS_UNIT_PARAGRAPH)
		count = ns_paragraphs(text, n, &v, &cap);
	else if (unit == NS_UNIT_SENTENCE)
		count = ns_sentences(text, n, flags, &v, &cap);
	/* Sub-records are many and small: they are put together here, the
	 * strings escaped by jansson, rather than built as objects. */
	ns_buf_reset(&qid);
	ns_json_add_string(&qid, id, strlen(id));
	qid.len--;	/* without the closing quote: "<id> */
	ns_cpos_init(&cp, text);
	for (i = 0; i < count; i++) {
		s0 = ns_cpos_at(&cp, v[i].start);
		e0 = ns_cpos_at(&cp, v[i].end);
		ns_buf_reset(&b);
		ns_buf_adds(&b, "{\"id\":");
		ns_buf_add(&b, qid.p, qid.len);
		ns_buf_addc(&b, '-');
		ns_buf_addu(&b, i);
		ns_buf_adds(&b, "\",\"parent\":");
		ns_buf_add(&b, qid.p, qid.len);
		ns_buf_adds(&b, "\",\"n\":");
		ns_buf_addu(&b, i);
		ns_buf_adds(&b, ",\"text\":");
		ns_json_add_string(&b, text + v[i].start, v[i].end - v[i].start);
		ns_buf_adds(&b, ",\"start\":");
		ns_buf_addu(&b, s0);
		ns_buf_adds(&b, ",\"end\":");
		ns_buf_addu(&b, e0);
		ns_buf_adds(&b, "}\n");
		if (fwrite(b.p, 1, b.len, stdout) != b.len)
			ns_write_error();
		ns_output_check(c);
	}
}
