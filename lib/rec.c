/*
 * rec.c - reading records a document at a time, writing them back with
 * the fields a filter adds.
 *
 * Every line is parsed with jansson (to know it is a JSON object and to
 * read doc, id, kind and text), but the record is written back from its
 * own bytes: added fields are spliced in before the final '}', so the
 * fields a filter does not own keep their exact form and order, and the
 * output of a filter that adds nothing is its input, byte for byte.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/rec.h"
#include "pe/text.h"

static void
rec_free(struct pe_rec *r)
{
	size_t i;

	free(r->line);
	if (r->j)
		json_decref(r->j);
	for (i = 0; i < r->nadd; i++) {
		free(r->add[i].key);
		free(r->add[i].json);
	}
	free(r->add);
	memset(r, 0, sizeof(*r));
}

static const char *
str_field(json_t *j, const char *key, size_t *len)
{
	json_t *v = json_object_get(j, key);

	if (!json_is_string(v))
		return NULL;
	if (len)
		*len = json_string_length(v);
	return json_string_value(v);
}

/*
 * Read one line into r.  Returns 1 for a record, 0 at the end, -1 for a
 * bad line (reported; r holds it as a pass-through when --keep-going).
 */
static int
read_rec(struct pe_recin *ri, struct pe_rec *r)
{
	json_error_t err;
	char *line;
	size_t len;

	memset(r, 0, sizeof(*r));
	if (!pe_in_line(&ri->in, &line, &len))
		return 0;
	r->file = ri->in.name;
	r->lineno = ri->in.line;
	if (pe_utf8_valid(line, len) == len) {
		r->line = pe_xmalloc(len + 1);
		memcpy(r->line, line, len + 1);
		r->len = len;
	} else {
		/* DESIGN: invalid UTF-8 becomes U+FFFD with a warning naming
		 * the byte offset, and the record is kept (jansson would
		 * refuse the whole line) */
		size_t nbad = 0, first = 0;

		r->line = pe_utf8_repair(line, len, &r->len, &nbad, &first);
		pe_inwarn(&ri->in, "invalid UTF-8 at byte %zu replaced by "
		    "U+FFFD (%zu bad byte%s)", first, nbad, nbad == 1 ? "" : "s");
		pe_status(PE_EXIT_INPUT);
	}
	r->j = json_loadb(r->line, r->len, JSON_ALLOW_NUL, &err);
	if (r->j == NULL || !json_is_object(r->j)) {
		if (r->j == NULL)
			pe_inwarn(&ri->in, "not JSON: %s (column %d)", err.text,
			    err.column);
		else
			pe_inwarn(&ri->in, "not a JSON object");
		if (r->j) {
			json_decref(r->j);
			r->j = NULL;
		}
		pe_status(PE_EXIT_INPUT);
		return -1;
	}
	r->doc = str_field(r->j, "doc", NULL);
	r->id = str_field(r->j, "id", NULL);
	r->kind = str_field(r->j, "kind", NULL);
	r->text = str_field(r->j, "text", &r->textlen);
	return 1;
}

void
pe_recin_open(struct pe_recin *ri, int argc, char *argv[])
{
	memset(ri, 0, sizeof(*ri));
	pe_in_init(&ri->in, argc, argv);
}

static int
same_doc(const struct pe_rec *a, const struct pe_rec *b)
{
	if (a->doc == NULL || b->doc == NULL)
		return a->doc == b->doc;
	return strcmp(a->doc, b->doc) == 0;
}

static void
push(struct pe_doc *doc, struct pe_rec *r)
{
	if (doc->n == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 64;
		doc->r = pe_xrealloc(doc->r, doc->cap * sizeof(*doc->r));
	}
	doc->r[doc->n++] = *r;
	memset(r, 0, sizeof(*r));
}

int
pe_doc_next(struct pe_recin *ri, struct pe_doc *doc)
{
	struct pe_rec r;
	int got;

	pe_doc_clear(doc);
	if (ri->done)
		return 0;
	if (ri->have_next) {
		push(doc, &ri->next);
		ri->have_next = 0;
	}
	for (;;) {
		got = read_rec(ri, &r);
		if (got == 0) {
			ri->done = 1;
			break;
		}
		if (got < 0) {
			if (!pe_opt.keep_going) {
				rec_free(&r);
				doc->stop = 1;
				ri->done = 1;
				break;
			}
			/* kept in place: it belongs to no document, so it
			 * does not end the one being read */
			push(doc, &r);
			continue;
		}
		/* A record of another document (a doc record starts one
		 * too) ends this one; records without doc stay together. */
		if (doc->n > 0 && (!same_doc(&doc->r[doc->n - 1], &r) ||
		    (r.kind && strcmp(r.kind, "doc") == 0))) {
			size_t k = doc->n;

			/* skip back over bad lines kept in place */
			while (k > 0 && doc->r[k - 1].j == NULL)
				k--;
			if (k > 0 && (!same_doc(&doc->r[k - 1], &r) ||
			    (r.kind && strcmp(r.kind, "doc") == 0))) {
				ri->next = r;
				ri->have_next = 1;
				break;
			}
		}
		push(doc, &r);
	}
	return doc->n > 0;
}

void
pe_rec_add(struct pe_rec *r, const char *key, const char *json, size_t n)
{
	struct pe_field *f;

	r->add = pe_xrealloc(r->add, (r->nadd + 1) * sizeof(*r->add));
	f = &r->add[r->nadd++];
	f->key = pe_xstrdup(key);
	f->json = pe_xmalloc(n + 1);
	memcpy(f->json, json, n);
	f->json[n] = '\0';
	f->n = n;
}

/* The record as a row of TSV/CSV: each column from the added fields or
 * the record's own, strings as they are, other values as JSON text. */
static void
write_row(const struct pe_rec *r)
{
	void *it;
	size_t i;

	pe_out_begin();
	for (it = json_object_iter(r->j); it; it = json_object_iter_next(r->j, it)) {
		const char *key = json_object_iter_key(it);
		json_t *v = json_object_iter_value(it);

		if (json_is_string(v)) {
			pe_out_str(key, json_string_value(v), json_string_length(v));
		} else {
			char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
			json_free_t jfree;

			/* jansson's memory: maybe an arena (jarena.h) */
			json_get_alloc_funcs(NULL, &jfree);
			if (s) {
				pe_out_raw(key, s, strlen(s));
				jfree(s);
			}
		}
	}
	for (i = 0; i < r->nadd; i++)
		pe_out_raw(r->add[i].key, r->add[i].json, r->add[i].n);
	pe_out_end();
}

void
pe_doc_write(const struct pe_doc *doc)
{
	struct pe_buf b = { 0 };
	size_t i, k, end;

	for (i = 0; i < doc->n; i++) {
		const struct pe_rec *r = &doc->r[i];

		if (r->j == NULL) {
			if (pe_opt.format == PE_FMT_JSON)
				pe_out_line(r->line, r->len);
			continue;
		}
		if (pe_opt.format != PE_FMT_JSON) {
			write_row(r);
			continue;
		}
		if (r->nadd == 0) {
			pe_out_line(r->line, r->len);
			continue;
		}
		/* splice the new fields in before the closing brace */
		end = r->len;
		while (end > 0 && r->line[end - 1] != '}')
			end--;
		b.len = 0;
		pe_buf_add(&b, r->line, end - 1);
		for (k = 0; k < r->nadd; k++) {
			size_t j = end - 1;

			/* "{}" has no field before the first one we add
			 * (CR is JSON whitespace too: "{\r}") */
			while (j > 0 && (r->line[j - 1] == ' ' ||
			    r->line[j - 1] == '\t' || r->line[j - 1] == '\r'))
				j--;
			if (k > 0 || r->line[j - 1] != '{')
				pe_buf_addc(&b, ',');
			pe_buf_addc(&b, '"');
			pe_buf_json(&b, r->add[k].key, strlen(r->add[k].key));
			pe_buf_add(&b, "\":", 2);
			pe_buf_add(&b, r->add[k].json, r->add[k].n);
		}
		pe_buf_add(&b, r->line + end - 1, r->len - (end - 1));
		pe_out_line(b.s, b.len);
	}
	pe_buf_free(&b);
}

void
pe_doc_clear(struct pe_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->n; i++)
		rec_free(&doc->r[i]);
	doc->n = 0;
	doc->stop = 0;
}

void
pe_recin_close(struct pe_recin *ri)
{
	if (ri->have_next)
		rec_free(&ri->next);
	pe_in_free(&ri->in);
}

size_t
pe_rec_cp(const char *text, size_t byte)
{
	return pe_utf8_count(text, byte);
}

struct pe_rec *
pe_doc_record(struct pe_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->n; i++)
		if (doc->r[i].kind && strcmp(doc->r[i].kind, "doc") == 0)
			return &doc->r[i];
	return NULL;
}
