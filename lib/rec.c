/*
 * rec.c - reading records a document at a time, writing them back with
 * the fields a filter adds.
 *
 * Every line is checked to be a JSON object (json.c), and the string
 * values of doc, id, kind and text are decoded from it; nothing else is
 * parsed.  The record is written back from its own bytes: added fields
 * are spliced in before the final '}', so the fields a filter does not
 * own keep their exact form and order, and the output of a filter that
 * adds nothing is its input, byte for byte.  Only when a record already
 * has a member named like an added field is it rebuilt, member by
 * member, without that member.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/json.h"
#include "pe/rec.h"
#include "pe/text.h"

static void
rec_free(struct pe_rec *r)
{
	size_t i;

	free(r->line);
	free(r->strs);
	for (i = 0; i < r->nadd; i++) {
		free(r->add[i].key);
		free(r->add[i].json);
	}
	free(r->add);
	memset(r, 0, sizeof(*r));
}

/* The members r's fields come from: doc, id, kind, text. */
static const char *const own[] = { "doc", "id", "kind", "text" };
enum { OWN_DOC, OWN_ID, OWN_KIND, OWN_TEXT, NOWN };

/* Decode the string members doc, id, kind and text of the checked object
 * r->line into r->strs (the last of a repeated key wins, as in jansson). */
static void
read_fields(struct pe_rec *r)
{
	struct pe_jmember m, at[NOWN];
	size_t pos = 0, need = 0, o = 0, len;
	int k, have[NOWN] = { 0 };
	char *p;

	while (pe_json_next(r->line, r->len, &pos, &m))
		for (k = 0; k < NOWN; k++)
			if (pe_json_key_is(m.key, m.keylen, own[k])) {
				/* a later value that is no string wins too */
				at[k] = m;
				have[k] = m.vallen >= 2 && m.val[0] == '"';
			}
	for (k = 0; k < NOWN; k++)
		if (have[k])
			need += at[k].vallen - 1;	/* room for the NUL */
	if (need == 0)
		return;
	r->strs = pe_xmalloc(need);
	for (k = 0; k < NOWN; k++) {
		if (!have[k])
			continue;
		p = r->strs + o;
		len = pe_json_unescape(at[k].val + 1, at[k].vallen - 2, p);
		o += len + 1;
		switch (k) {
		case OWN_DOC: r->doc = p; break;
		case OWN_ID: r->id = p; break;
		case OWN_KIND: r->kind = p; break;
		default: r->text = p; r->textlen = len;
		}
	}
}

/* Check r->line, read its fields.  NULL, or the fault and its column
 * (0 for a JSON value that is not an object). */
static const char *
rec_check(struct pe_rec *r, size_t *col)
{
	const char *msg;
	size_t at;

	*col = 0;
	if (pe_json_check(r->line, r->len, &msg, &at) < 0) {
		*col = pe_utf8_count(r->line, at) + 1;
		return msg;
	}
	at = 0;
	while (r->line[at] == ' ' || r->line[at] == '\t' ||
	    r->line[at] == '\r' || r->line[at] == '\n')
		at++;
	if (r->line[at] != '{')
		return "not a JSON object";
	r->ok = 1;
	read_fields(r);
	return NULL;
}

const char *
pe_rec_parse(struct pe_rec *r, char *line, size_t len, size_t *col)
{
	size_t c;

	memset(r, 0, sizeof(*r));
	r->line = line;
	r->len = len;
	return rec_check(r, col ? col : &c);
}

/*
 * Read one line into r.  Returns 1 for a record, 0 at the end, -1 for a
 * bad line (reported; r holds it as a pass-through when --keep-going).
 */
static int
read_rec(struct pe_recin *ri, struct pe_rec *r)
{
	const char *msg;
	char *line;
	size_t len, col;

	memset(r, 0, sizeof(*r));
	if (!pe_in_line(&ri->in, &line, &len))
		return 0;
	r->file = ri->in.name;
	r->lineno = ri->in.line;
	if (r->lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3;		/* a byte order mark: not part of the JSON */
		len -= 3;
	}
	if (pe_utf8_valid(line, len) == len) {
		r->line = pe_xmalloc(len + 1);
		memcpy(r->line, line, len + 1);
		r->len = len;
	} else {
		/* DESIGN: invalid UTF-8 becomes U+FFFD with a warning naming
		 * the byte offset, and the record is kept */
		size_t nbad = 0, first = 0;

		r->line = pe_utf8_repair(line, len, &r->len, &nbad, &first);
		pe_inwarn(&ri->in, "invalid UTF-8 at byte %zu replaced by "
		    "U+FFFD (%zu bad byte%s)", first, nbad, nbad == 1 ? "" : "s");
		pe_status(PE_EXIT_INPUT);
	}
	if ((msg = rec_check(r, &col)) != NULL) {
		if (col > 0)
			pe_inwarn(&ri->in, "not JSON: %s (column %zu)", msg, col);
		else
			pe_inwarn(&ri->in, "%s", msg);
		pe_status(PE_EXIT_INPUT);
		return -1;
	}
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
			while (k > 0 && !doc->r[k - 1].ok)
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

/* Is key (escaped, k[0..n)) the key of one of r's added fields? */
static int
added(const struct pe_rec *r, const char *k, size_t n)
{
	size_t i;

	for (i = 0; i < r->nadd; i++)
		if (pe_json_key_is(k, n, r->add[i].key))
			return 1;
	return 0;
}

/* The record as a row of TSV/CSV: each column from the added fields or
 * the record's own, strings decoded, other values as compact JSON. */
static void
write_row(const struct pe_rec *r, struct pe_buf *b)
{
	struct pe_jmember m;
	size_t i, pos = 0, n;
	char *key;

	pe_out_begin();
	while (pe_json_next(r->line, r->len, &pos, &m)) {
		if (added(r, m.key, m.keylen))
			continue;
		b->len = 0;
		pe_buf_reserve(b, m.keylen + m.vallen + 2);
		key = b->s;
		pe_json_unescape(m.key, m.keylen, key);
		if (m.val[0] == '"') {
			n = pe_json_unescape(m.val + 1, m.vallen - 2,
			    key + m.keylen + 1);
			pe_out_str(key, key + m.keylen + 1, n);
		} else {
			n = pe_json_compact(m.val, m.vallen, key + m.keylen + 1);
			pe_out_raw(key, key + m.keylen + 1, n);
		}
	}
	for (i = 0; i < r->nadd; i++)
		pe_out_raw(r->add[i].key, r->add[i].json, r->add[i].n);
	pe_out_end();
}

/* r's line with its added fields, into b: spliced in before the closing
 * brace, or, when a member has an added field's key, rebuilt without it. */
static void
splice(const struct pe_rec *r, struct pe_buf *b)
{
	struct pe_jmember m;
	size_t k, end, pos = 0, j;
	int clash = 0, first = 1;

	for (k = 0; k < r->nadd && !clash; k++)
		clash = pe_rec_has(r, r->add[k].key);
	b->len = 0;
	end = r->len;
	while (end > 0 && r->line[end - 1] != '}')
		end--;
	if (clash) {
		pe_buf_addc(b, '{');
		while (pe_json_next(r->line, r->len, &pos, &m)) {
			if (added(r, m.key, m.keylen))
				continue;
			if (!first)
				pe_buf_addc(b, ',');
			pe_buf_add(b, r->line + m.at,
			    (size_t)(m.val + m.vallen - (r->line + m.at)));
			first = 0;
		}
	} else {
		pe_buf_add(b, r->line, end - 1);
		/* "{}" has no field before the first one we add
		 * (CR is JSON whitespace too: "{\r}") */
		j = end - 1;
		while (j > 0 && (r->line[j - 1] == ' ' ||
		    r->line[j - 1] == '\t' || r->line[j - 1] == '\r' ||
		    r->line[j - 1] == '\n'))
			j--;
		first = r->line[j - 1] == '{';
	}
	for (k = 0; k < r->nadd; k++) {
		if (!first)
			pe_buf_addc(b, ',');
		first = 0;
		pe_buf_addc(b, '"');
		pe_buf_json(b, r->add[k].key, strlen(r->add[k].key));
		pe_buf_add(b, "\":", 2);
		pe_buf_add(b, r->add[k].json, r->add[k].n);
	}
	if (clash)
		pe_buf_addc(b, '}');
	else
		pe_buf_add(b, r->line + end - 1, r->len - (end - 1));
}

void
pe_doc_write(const struct pe_doc *doc)
{
	struct pe_buf b = { 0 };
	size_t i;

	for (i = 0; i < doc->n; i++) {
		const struct pe_rec *r = &doc->r[i];

		if (!r->ok) {
			if (pe_opt.format == PE_FMT_JSON)
				pe_out_line(r->line, r->len);
			continue;
		}
		if (pe_opt.format != PE_FMT_JSON) {
			write_row(r, &b);
			continue;
		}
		if (r->nadd == 0) {
			pe_out_line(r->line, r->len);
			continue;
		}
		splice(r, &b);
		pe_out_line(b.s, b.len);
	}
	pe_buf_free(&b);
}

int
pe_rec_has(const struct pe_rec *r, const char *key)
{
	struct pe_jmember m;
	size_t pos = 0;

	if (!r->ok)
		return 0;
	while (pe_json_next(r->line, r->len, &pos, &m))
		if (pe_json_key_is(m.key, m.keylen, key))
			return 1;
	return 0;
}

char *
pe_rec_str(const struct pe_rec *r, const char *key, size_t *len)
{
	struct pe_jmember m, last;
	size_t pos = 0, n;
	int found = 0;
	char *s;

	if (!r->ok)
		return NULL;
	while (pe_json_next(r->line, r->len, &pos, &m))
		if (pe_json_key_is(m.key, m.keylen, key)) {
			last = m;
			found = 1;
		}
	if (!found || last.val[0] != '"')
		return NULL;
	s = pe_xmalloc(last.vallen - 1);
	n = pe_json_unescape(last.val + 1, last.vallen - 2, s);
	if (len)
		*len = n;
	return s;
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
