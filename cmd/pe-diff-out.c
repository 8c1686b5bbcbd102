/*
 * pe-diff-out.c - the edit script written out.
 *
 * JSON Lines (the default): one `edit` record per change, numbered e1,
 * e2, ... in the order of the new version, deletions where they stood;
 * `old` and `new` are the records concerned (id, kind, line, text), an
 * array for the two sides of a split or a merge; `ops` the word-level
 * edits of the text; `annots` the changes of the other fields, an
 * annotation array compared element by element (matched by their text,
 * offsets aside).  --all and -U N add `same` records.  TSV and CSV have
 * fixed columns; --each writes one row per text op.
 *
 * --format unified is diff -u over the records' texts (hunk numbers are
 * record numbers, i.e. lines of the files); --format patch is an RFC
 * 6902 JSON Patch that turns the array of OLD's records into NEW's:
 * removals first (from the back, so that paths stay right), then the
 * new order built front to back with "add" and "move" (a Fenwick tree
 * says where each kept record stands), each changed record "replace"d
 * whole.  Records paired as same keep their own positional fields (id,
 * line, span), which the patch does not rewrite.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/json.h"
#include "pe/out.h"
#include "pe-diff.h"

static const char *const edit_cols[] = {
	"doc", "id", "kind", "op", "old_id", "new_id", "old_text", "new_text",
	"ops", "annots", NULL
};
static const char *const each_cols[] = {
	"doc", "id", "kind", "op", "type", "text", NULL
};
static const char *const summary_cols[] = {
	"doc", "id", "kind", "old", "new", "old_records", "new_records",
	"same", "change", "insert", "delete", "move", "split", "merge",
	"retag", "annot", NULL
};

static struct pe_buf tmp;

static void
buf_adds(struct pe_buf *b, const char *s)
{
	pe_buf_add(b, s, strlen(s));
}
	/* scratch for nested JSON */
static unsigned long nedit;	/* edit records written */

/* ---- annotation changes -------------------------------------------------- */

static void
add_value(struct pe_buf *b, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

	if (s == NULL)
		pe_die(PE_EXIT_TROUBLE, "out of memory");
	pe_buf_add(b, s, strlen(s));
	free(s);
}

static void
add_str(struct pe_buf *b, const char *s)
{
	pe_buf_addc(b, '"');
	pe_buf_json(b, s, strlen(s));
	pe_buf_addc(b, '"');
}

static int
skipped(const char *k)
{
	return diff_ignored_key(k, strlen(k)) || strcmp(k, "text") == 0 ||
	    strcmp(k, "kind") == 0;
}

static int
noff_equal(json_t *x, json_t *y)
{
	const char *k;
	json_t *v;

	if (!json_is_object(x) || !json_is_object(y))
		return json_equal(x, y);
	json_object_foreach(x, k, v)
		if (strcmp(k, "start") != 0 && strcmp(k, "end") != 0 &&
		    !json_equal(v, json_object_get(y, k)))
			return 0;
	json_object_foreach(y, k, v)
		if (strcmp(k, "start") != 0 && strcmp(k, "end") != 0 &&
		    json_object_get(x, k) == NULL)
			return 0;
	return 1;
}

static void
annot(struct pe_buf *b, size_t *n, const char *field, const char *op,
    json_t *text, json_t *old, json_t *new)
{
	if ((*n)++ > 0)
		pe_buf_addc(b, ',');
	pe_buf_add(b, "{\"field\":", 9);
	add_str(b, field);
	pe_buf_add(b, ",\"op\":", 6);
	add_str(b, op);
	if (json_is_string(text)) {
		pe_buf_add(b, ",\"text\":", 8);
		add_value(b, text);
	}
	if (old != NULL) {
		pe_buf_add(b, ",\"old\":", 7);
		add_value(b, old);
	}
	if (new != NULL) {
		pe_buf_add(b, ",\"new\":", 7);
		add_value(b, new);
	}
	pe_buf_addc(b, '}');
}

/* Elements of two arrays matched by their "text" (k-th occurrence with
 * k-th), else by position. */
static void
array_changes(struct pe_buf *b, size_t *n, const char *field, json_t *x,
    json_t *y)
{
	size_t nx = json_array_size(x), ny = json_array_size(y), i, k;
	char *used = pe_xcalloc(ny + 1, 1);
	size_t *to = pe_xmalloc((nx + 1) * sizeof(*to));

	for (i = 0; i < nx; i++) {
		json_t *e = json_array_get(x, i);
		json_t *t = json_object_get(e, "text");

		to[i] = SIZE_MAX;
		for (k = 0; k < ny; k++) {
			json_t *f = json_array_get(y, k);

			if (used[k])
				continue;
			if (json_is_string(t) ? json_equal(t,
			    json_object_get(f, "text")) : (k == i &&
			    json_object_get(f, "text") == NULL)) {
				to[i] = k;
				used[k] = 1;
				break;
			}
		}
	}
	/* in the new order: changes and additions, then removals */
	for (k = 0; k < ny; k++) {
		json_t *f = json_array_get(y, k);

		for (i = 0; i < nx && to[i] != k; i++)
			;
		if (i == nx)
			annot(b, n, field, "add", json_object_get(f, "text"),
			    NULL, f);
		else if (!noff_equal(json_array_get(x, i), f))
			annot(b, n, field, "change", json_object_get(f, "text"),
			    json_array_get(x, i), f);
	}
	for (i = 0; i < nx; i++)
		if (to[i] == SIZE_MAX)
			annot(b, n, field, "remove",
			    json_object_get(json_array_get(x, i), "text"),
			    json_array_get(x, i), NULL);
	free(used);
	free(to);
}

size_t
diff_annots(const struct diff_rec *x, const struct diff_rec *y,
    struct pe_buf *b)
{
	const char *k;
	json_t *v, *w;
	size_t n = 0;

	pe_buf_addc(b, '[');
	if (x->ok && y->ok && !diff_rest_same(x, y)) {
		json_t *jx = diff_rec_json(x), *jy = diff_rec_json(y);

		json_object_foreach(jx, k, v) {
			if (skipped(k))
				continue;
			w = json_object_get(jy, k);
			if (json_is_array(v) && json_is_array(w))
				array_changes(b, &n, k, v, w);
			else if (w == NULL)
				annot(b, &n, k, "remove", NULL, v, NULL);
			else if (!json_equal(v, w))
				annot(b, &n, k, "change", NULL, v, w);
		}
		json_object_foreach(jy, k, w) {
			if (skipped(k) || json_object_get(jx, k) != NULL)
				continue;
			if (json_is_array(w)) {
				json_t *none = json_array();

				array_changes(b, &n, k, none, w);
				json_decref(none);
			} else
				annot(b, &n, k, "add", NULL, NULL, w);
		}
	}
	pe_buf_addc(b, ']');
	return n;
}

/* ---- JSON, TSV, CSV ------------------------------------------------------ */

/* The record's "line" when it is an integer: its digits in the line. */
static const char *
rec_line(const struct diff_rec *r)
{
	struct pe_jmember m;
	size_t pos = 0, i;
	const char *at = NULL;

	while (pe_json_next(r->raw, r->rawlen, &pos, &m))
		if (pe_json_key_is(m.key, m.keylen, "line")) {
			at = NULL;
			for (i = m.val[0] == '-'; i < m.vallen &&
			    m.val[i] >= '0' && m.val[i] <= '9'; i++)
				;
			if (i == m.vallen && i > (size_t)(m.val[0] == '-'))
				at = m.val;
		}
	return at;
}

static void
rec_obj(struct pe_buf *b, const struct diff_rec *r)
{
	const char *line;

	pe_buf_addc(b, '{');
	if (!r->ok) {
		pe_buf_add(b, "\"line\":", 7);
		{
			char num[32];
			int n = snprintf(num, sizeof(num), "%lu", r->lineno);

			pe_buf_add(b, num, (size_t)n);
		}
		pe_buf_add(b, ",\"raw\":\"", 8);
		pe_buf_json(b, r->raw, r->rawlen);
		pe_buf_add(b, "\"}", 2);
		return;
	}
	pe_buf_add(b, "\"id\":", 5);
	if (r->id)
		add_str(b, r->id);
	else
		pe_buf_add(b, "null", 4);
	if (r->kind) {
		pe_buf_add(b, ",\"kind\":", 8);
		add_str(b, r->kind);
	}
	if ((line = rec_line(r)) != NULL) {
		pe_buf_add(b, ",\"line\":", 8);
		pe_buf_add(b, line, strspn(line, "-0123456789"));
	}
	if (r->text) {
		pe_buf_add(b, ",\"text\":\"", 9);
		pe_buf_json(b, r->text, r->textlen);
		pe_buf_addc(b, '"');
	}
	pe_buf_addc(b, '}');
}

/* old/new side: one record, or an array of n. */
static void
side(struct pe_buf *b, struct diff_file *f, size_t i0, size_t i1)
{
	size_t i;

	if (i1 - i0 != 1)
		pe_buf_addc(b, '[');
	for (i = i0; i < i1; i++) {
		if (i > i0)
			pe_buf_addc(b, ',');
		rec_obj(b, diff_rec_get(f, i));
	}
	if (i1 - i0 != 1)
		pe_buf_addc(b, ']');
}

/* A side's ids and texts for TSV/CSV cells. */
static void
side_cells(struct diff_file *f, size_t i0, size_t i1, const char *idkey,
    const char *textkey)
{
	struct pe_buf ids = { 0 }, texts = { 0 };
	size_t i;

	if (i0 == i1)
		return;
	for (i = i0; i < i1; i++) {
		struct diff_rec *r = diff_rec_get(f, i);

		if (i > i0) {
			pe_buf_addc(&ids, ',');
			pe_buf_addc(&texts, '\n');
		}
		if (r->id)
			pe_buf_add(&ids, r->id, strlen(r->id));
		if (r->text)
			pe_buf_add(&texts, r->text, r->textlen);
		else
			pe_buf_add(&texts, r->raw, r->rawlen);
	}
	pe_out_str(idkey, ids.s ? ids.s : "", ids.len);
	pe_out_str(textkey, texts.s ? texts.s : "", texts.len);
	pe_buf_free(&ids);
	pe_buf_free(&texts);
}

/* The text a side stands for: one record's, or two joined. */
static char *
side_text(struct diff_file *f, size_t i0, size_t i1, size_t *len)
{
	struct diff_rec *r = diff_rec_get(f, i0), *s;
	char *t;

	if (i1 - i0 == 1 || r->text == NULL) {
		t = pe_xmalloc(r->textlen + 1);
		memcpy(t, r->text ? r->text : "", r->textlen);
		t[r->textlen] = '\0';
		*len = r->textlen;
		return t;
	}
	s = diff_rec_get(f, i0 + 1);
	return diff_join(r->text, r->textlen, s->text ? s->text : "",
	    s->text ? s->textlen : 0, len);
}

static const char *
edit_doc(struct diff_file *old, struct diff_file *new, const struct diff_edit *e)
{
	struct diff_rec *r;

	if (pe_opt.doc != NULL)
		return pe_opt.doc;
	if (e->b1 > e->b0 && (r = diff_rec_get(new, e->b0))->doc)
		return r->doc;
	if (e->a1 > e->a0 && (r = diff_rec_get(old, e->a0))->doc)
		return r->doc;
	return "-";
}

/* Write one edit record for e (a same run is written pair by pair by the
 * caller, with e a 1:1 slice). */
static void
write_edit(struct diff_file *old, struct diff_file *new,
    const struct diff_edit *e)
{
	struct pe_buf ops = { 0 }, ann = { 0 };
	const char *doc = edit_doc(old, new, e);
	char id[32], *ot = NULL, *nt = NULL;
	size_t olen = 0, nlen = 0, nops = 0, nann = 0;
	int haveold = e->a1 > e->a0, havenew = e->b1 > e->b0;
	int n;

	n = snprintf(id, sizeof(id), "e%lu", ++nedit);
	if (haveold && havenew) {
		struct diff_rec *x = diff_rec_get(old, e->a0);
		struct diff_rec *y = diff_rec_get(new, e->b0);

		diff_fold(x);
		diff_fold(y);
		ot = side_text(old, e->a0, e->a1, &olen);
		nt = side_text(new, e->b0, e->b1, &nlen);
		/* text ops when the texts differ once folded, or always for a
		 * split or merge whose pieces do not add up */
		if (e->op == DIFF_CHANGE || e->op == DIFF_SPLIT ||
		    e->op == DIFF_MERGE || e->op == DIFF_MOVE) {
			if (olen != nlen || memcmp(ot, nt, olen) != 0)
				nops = diff_words(ot, olen, nt, nlen, &ops);
		}
		if (e->a1 - e->a0 == 1 && e->b1 - e->b0 == 1 &&
		    e->op != DIFF_SAME)
			nann = diff_annots(x, y, &ann);
	}
	if (pe_opt.each) {
		json_t *arr = nops ? json_loadb(ops.s, ops.len, 0, NULL) : NULL;
		size_t i;

		for (i = 0; i < json_array_size(arr); i++) {
			json_t *p = json_array_get(arr, i);
			const char *t = json_string_value(json_array_get(p, 0));
			json_t *s = json_array_get(p, 1);

			if (strcmp(t, "=") == 0)
				continue;
			pe_out_begin();
			pe_out_str("doc", doc, strlen(doc));
			pe_out_str("id", id, (size_t)n);
			pe_out_str("kind", "edit", 4);
			pe_out_str("op", diff_op_name[e->op],
			    strlen(diff_op_name[e->op]));
			pe_out_str("type", t, strlen(t));
			pe_out_str("text", json_string_value(s),
			    json_string_length(s));
			pe_out_end();
		}
		json_decref(arr);
		goto done;
	}
	pe_out_begin();
	pe_out_str("doc", doc, strlen(doc));
	pe_out_str("id", id, (size_t)n);
	pe_out_str("kind", "edit", 4);
	pe_out_str("op", diff_op_name[e->op], strlen(diff_op_name[e->op]));
	if (pe_opt.format == PE_FMT_JSON) {
		if (haveold) {
			tmp.len = 0;
			side(&tmp, old, e->a0, e->a1);
			pe_out_raw("old", tmp.s, tmp.len);
		}
		if (havenew) {
			tmp.len = 0;
			side(&tmp, new, e->b0, e->b1);
			pe_out_raw("new", tmp.s, tmp.len);
		}
	} else {
		side_cells(old, e->a0, e->a1, "old_id", "old_text");
		side_cells(new, e->b0, e->b1, "new_id", "new_text");
	}
	if (nops > 0)
		pe_out_raw("ops", ops.s, ops.len);
	if (nann > 0)
		pe_out_raw("annots", ann.s, ann.len);
	pe_out_end();
done:
	free(ot);
	free(nt);
	pe_buf_free(&ops);
	pe_buf_free(&ann);
}

/*
 * A same pair, or a record moved as it was, with JSON output: written
 * from the raw bytes of the two lines, copying their id, kind, line and
 * text values as they stand, so that a million of them (a shuffled
 * input, or --all) cost no parsing.
 */
static void
write_light(struct diff_file *old, struct diff_file *new,
    const struct diff_edit *e)
{
	static const char *const keys[] = { "doc", "id", "kind", "line", "text" };
	static char *lb[2];
	static size_t lcap[2];
	const char *v[2][5];
	size_t vl[2][5], n, k, side;
	char id[32];
	int len, first;

	for (side = 0; side < 2; side++) {
		struct diff_file *f = side ? new : old;
		size_t i = side ? e->b0 : e->a0;

		n = diff_line(f, i, &lb[side], &lcap[side]);
		if (!diff_line_fields(lb[side], n, keys, 5, v[side], vl[side]))
			pe_die(PE_EXIT_TROUBLE, "%s:%zu: changed while read",
			    f->name, i + 1);
	}
	len = snprintf(id, sizeof(id), "e%lu", ++nedit);
	tmp.len = 0;
	pe_buf_addc(&tmp, '{');
	/* the doc of the edit: --doc, else new's, else old's */
	if (pe_opt.doc != NULL) {
		buf_adds(&tmp, "\"doc\":\"");
		pe_buf_json(&tmp, pe_opt.doc, strlen(pe_opt.doc));
		buf_adds(&tmp, "\",");
	} else if (v[1][0] != NULL || v[0][0] != NULL) {
		side = v[1][0] != NULL;
		buf_adds(&tmp, "\"doc\":");
		pe_buf_add(&tmp, v[side][0], vl[side][0]);
		pe_buf_addc(&tmp, ',');
	} else
		buf_adds(&tmp, "\"doc\":\"-\",");
	buf_adds(&tmp, "\"id\":\"");
	pe_buf_add(&tmp, id, (size_t)len);
	buf_adds(&tmp, "\",\"kind\":\"edit\",\"op\":\"");
	pe_buf_add(&tmp, diff_op_name[e->op], strlen(diff_op_name[e->op]));
	pe_buf_addc(&tmp, '"');
	for (side = 0; side < 2; side++) {
		buf_adds(&tmp, side ? ",\"new\":{" : ",\"old\":{");
		first = 1;
		for (k = 1; k < 5; k++) {
			if (v[side][k] == NULL)
				continue;
			if (!first)
				pe_buf_addc(&tmp, ',');
			first = 0;
			pe_buf_addc(&tmp, '"');
			pe_buf_add(&tmp, keys[k], strlen(keys[k]));
			buf_adds(&tmp, "\":");
			pe_buf_add(&tmp, v[side][k], vl[side][k]);
		}
		pe_buf_addc(&tmp, '}');
	}
	pe_buf_addc(&tmp, '}');
	pe_out_line(tmp.s, tmp.len);
}

static int
light(struct diff_file *old, struct diff_file *new, const struct diff_edit *e)
{
	return pe_opt.format == PE_FMT_JSON && !pe_opt.each &&
	    (e->op == DIFF_SAME || e->op == DIFF_MOVE) &&
	    e->a1 - e->a0 == 1 && e->b1 - e->b0 == 1 &&
	    old->hash[e->a0] == new->hash[e->b0] &&
	    old->rec[e->a0] == NULL && new->rec[e->b0] == NULL;
}

/* Write e, and forget the records it parsed: they are not read again. */
static void
write_one(struct diff_file *old, struct diff_file *new,
    const struct diff_edit *e)
{
	size_t i;

	if (light(old, new, e))
		write_light(old, new, e);
	else
		write_edit(old, new, e);
	for (i = e->a0; i < e->a1; i++)
		diff_rec_drop(old, i);
	for (i = e->b0; i < e->b1; i++)
		diff_rec_drop(new, i);
}

static void
write_same(struct diff_file *old, struct diff_file *new, size_t a, size_t b,
    size_t n)
{
	struct diff_edit e = { DIFF_SAME, 0, 0, 0, 0 };
	size_t k;

	for (k = 0; k < n; k++) {
		e.a0 = a + k;
		e.a1 = a + k + 1;
		e.b0 = b + k;
		e.b1 = b + k + 1;
		write_one(old, new, &e);
	}
}

static int
is_edit(const struct diff_edit *e)
{
	return e->op != DIFF_SAME && e->op != DIFF_MOVED_OUT;
}

static void
write_records(struct diff_file *old, struct diff_file *new,
    const struct diff_script *s)
{
	size_t k, len, c;
	long ctx = diff_opt.context;

	pe_out_init(pe_opt.format, pe_opt.each ? each_cols : edit_cols);
	for (k = 0; k < s->n; k++) {
		const struct diff_edit *e = &s->e[k];

		if (e->op == DIFF_MOVED_OUT)
			continue;
		if (is_edit(e)) {
			write_one(old, new, e);
			continue;
		}
		len = e->b1 - e->b0;
		if (diff_opt.all) {
			write_same(old, new, e->a0, e->b0, len);
			continue;
		}
		if (ctx <= 0)
			continue;
		/* context: the first ctx after an edit, the last ctx
		 * before one, never the same record twice */
		{
			int after = k > 0 && is_edit(&s->e[k - 1]);
			int before = k + 1 < s->n && is_edit(&s->e[k + 1]);
			size_t head = after ? ((size_t)ctx < len ? (size_t)ctx : len) : 0;
			size_t tail = before ? ((size_t)ctx < len ? (size_t)ctx : len) : 0;

			if (head + tail >= len) {
				write_same(old, new, e->a0, e->b0, len);
				continue;
			}
			write_same(old, new, e->a0, e->b0, head);
			c = len - tail;
			write_same(old, new, e->a0 + c, e->b0 + c, tail);
		}
	}
}

static void
write_summary(struct diff_file *old, struct diff_file *new,
    const struct diff_script *s)
{
	static const enum diff_op shown[] = {
		DIFF_SAME, DIFF_CHANGE, DIFF_INSERT, DIFF_DELETE, DIFF_MOVE,
		DIFF_SPLIT, DIFF_MERGE, DIFF_RETAG, DIFF_ANNOT
	};
	const char *doc = "-";
	size_t k;

	if (pe_opt.doc != NULL)
		doc = pe_opt.doc;
	else if (new->n > 0 && diff_rec_get(new, 0)->doc)
		doc = diff_rec_get(new, 0)->doc;
	else if (old->n > 0 && diff_rec_get(old, 0)->doc)
		doc = diff_rec_get(old, 0)->doc;
	pe_out_init(pe_opt.format, summary_cols);
	pe_out_begin();
	pe_out_str("doc", doc, strlen(doc));
	pe_out_str("id", "summary", 7);
	pe_out_str("kind", "summary", 7);
	pe_out_str("old", old->name, strlen(old->name));
	pe_out_str("new", new->name, strlen(new->name));
	pe_out_int("old_records", (long long)old->n);
	pe_out_int("new_records", (long long)new->n);
	for (k = 0; k < sizeof(shown) / sizeof(shown[0]); k++)
		pe_out_int(diff_op_name[shown[k]], (long long)s->count[shown[k]]);
	pe_out_end();
}

/* ---- unified ------------------------------------------------------------- */

struct item {
	char t;			/* '=' a run of same, '-' old, '+' new */
	size_t a, b, len;
};

struct items {
	struct item *v;
	size_t n, cap;
};

static void
item(struct items *it, char t, size_t a, size_t b, size_t len)
{
	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 256;
		it->v = pe_xrealloc(it->v, it->cap * sizeof(*it->v));
	}
	it->v[it->n].t = t;
	it->v[it->n].a = a;
	it->v[it->n].b = b;
	it->v[it->n].len = len;
	it->n++;
}

static void
uline(struct pe_buf *b, char t, struct diff_file *f, size_t i)
{
	struct diff_rec *r = diff_rec_get(f, i);
	const char *s = r->text ? r->text : r->raw;
	size_t n = r->text ? r->textlen : r->rawlen, k;

	pe_buf_addc(b, t);
	for (k = 0; k < n; k++)
		pe_buf_addc(b, s[k] == '\n' || s[k] == '\r' ? ' ' : s[k]);
	pe_buf_addc(b, '\n');
}

static void
write_unified(struct diff_file *old, struct diff_file *new,
    const struct diff_script *s)
{
	struct items it = { 0 };
	struct pe_buf h = { 0 };
	size_t k, m, ctx = diff_opt.context >= 0 ? (size_t)diff_opt.context : 3;
	size_t acur = 0, bcur = 0;

	/* the script as lines: same runs stay runs */
	for (k = 0; k < s->n; k++) {
		const struct diff_edit *e = &s->e[k];

		switch (e->op) {
		case DIFF_SAME:
			item(&it, '=', e->a0, e->b0, e->b1 - e->b0);
			break;
		case DIFF_MOVED_OUT:
			item(&it, '-', e->a0, bcur, 1);
			break;
		case DIFF_MOVE:
			item(&it, '+', acur, e->b0, 1);
			break;
		default:
			for (m = e->a0; m < e->a1; m++)
				item(&it, '-', m, e->b0 < e->b1 ? e->b0 : bcur, 1);
			for (m = e->b0; m < e->b1; m++)
				item(&it, '+', e->a0 < e->a1 ? e->a1 : acur, m, 1);
		}
		if (e->op != DIFF_MOVE && e->a1 > e->a0)
			acur = e->a1;
		if (e->op != DIFF_MOVED_OUT && e->b1 > e->b0)
			bcur = e->b1;
	}
	printf("--- %s\n+++ %s\n", old->name, new->name);
	for (k = 0; k < it.n;) {
		size_t first, last, a0, b0, na = 0, nb = 0, pre;

		while (k < it.n && it.v[k].t == '=')
			k++;
		if (k == it.n)
			break;
		/* the hunk: from the change at k to the last change that
		 * is at most 2 * ctx same lines from the one before */
		first = k;
		last = k;
		for (m = k; m < it.n; m++) {
			if (it.v[m].t != '=') {
				last = m;
				continue;
			}
			if (it.v[m].len > 2 * ctx || m + 1 == it.n)
				break;
		}
		h.len = 0;
		pre = 0;
		if (first > 0 && it.v[first - 1].t == '=') {
			const struct item *c = &it.v[first - 1];

			pre = c->len < ctx ? c->len : ctx;
			for (m = c->len - pre; m < c->len; m++)
				uline(&h, ' ', new, c->b + m);
		}
		a0 = first > 0 && it.v[first - 1].t == '=' ?
		    it.v[first - 1].a + it.v[first - 1].len - pre :
		    it.v[first].a;
		b0 = first > 0 && it.v[first - 1].t == '=' ?
		    it.v[first - 1].b + it.v[first - 1].len - pre :
		    it.v[first].b;
		na = nb = pre;
		for (m = first; m <= last; m++) {
			const struct item *c = &it.v[m];
			size_t q;

			if (c->t == '-') {
				uline(&h, '-', old, c->a);
				na++;
			} else if (c->t == '+') {
				uline(&h, '+', new, c->b);
				nb++;
			} else {
				for (q = 0; q < c->len; q++)
					uline(&h, ' ', new, c->b + q);
				na += c->len;
				nb += c->len;
			}
		}
		if (last + 1 < it.n && it.v[last + 1].t == '=') {
			const struct item *c = &it.v[last + 1];
			size_t post = c->len < ctx ? c->len : ctx, q;

			for (q = 0; q < post; q++)
				uline(&h, ' ', new, c->b + q);
			na += post;
			nb += post;
		}
		/* diff -u: a range of 0 lines names the line before it */
		printf("@@ -%zu,%zu +%zu,%zu @@\n", na ? a0 + 1 : a0, na,
		    nb ? b0 + 1 : b0, nb);
		fwrite(h.s, 1, h.len, stdout);
		if (pe_opt.unbuffered)
			pe_out_flush();
		k = last + 1;
	}
	pe_buf_free(&h);
	free(it.v);
}

/* ---- RFC 6902 ------------------------------------------------------------ */

static void
fen_add(long *t, size_t n, size_t i, long d)
{
	for (i++; i <= n; i += i & (~i + 1))
		t[i] += d;
}

static long
fen_sum(const long *t, size_t i)	/* sum of [0, i) */
{
	long s = 0;

	for (; i > 0; i -= i & (~i + 1))
		s += t[i];
	return s;
}

static void
patch_op(int *first, const char *fmt, ...)
{
	va_list ap;

	fputs(*first ? "[\n" : ",\n", stdout);
	*first = 0;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static void
patch_value(struct diff_file *f, size_t i)
{
	struct diff_rec *r = diff_rec_get(f, i);

	if (r->ok)
		fwrite(r->raw, 1, r->rawlen, stdout);
	else {
		/* a bad line kept: its text as a string */
		tmp.len = 0;
		pe_buf_addc(&tmp, '"');
		pe_buf_json(&tmp, r->raw, r->rawlen);
		pe_buf_addc(&tmp, '"');
		fwrite(tmp.s, 1, tmp.len, stdout);
	}
}

static void
write_patch(struct diff_file *old, struct diff_file *new,
    const struct diff_script *s)
{
	int32_t *src = pe_xmalloc((new->n + 1) * sizeof(*src));
	unsigned char *repl = pe_xcalloc(new->n + 1, 1);
	unsigned char *gone = pe_xcalloc(old->n + 1, 1);
	long *fen = pe_xcalloc(old->n + 1, sizeof(*fen));
	size_t k, m, i;
	int first = 1;

	for (k = 0; k < new->n; k++)
		src[k] = -1;
	for (k = 0; k < s->n; k++) {
		const struct diff_edit *e = &s->e[k];

		switch (e->op) {
		case DIFF_SAME:
			for (m = 0; m < e->b1 - e->b0; m++)
				src[e->b0 + m] = (int32_t)(e->a0 + m);
			/* a 1:1 same from the similarity pass differs in bytes */
			if (e->b1 - e->b0 == 1 && old->hash[e->a0] !=
			    new->hash[e->b0])
				repl[e->b0] = 1;
			break;
		case DIFF_DELETE:
			gone[e->a0] = 1;
			break;
		case DIFF_INSERT:
		case DIFF_MOVED_OUT:
			break;
		case DIFF_MERGE:
			gone[e->a0 + 1] = 1;
			src[e->b0] = (int32_t)e->a0;
			repl[e->b0] = 1;
			break;
		default:	/* change, retag, annot, split, move */
			src[e->b0] = (int32_t)e->a0;
			repl[e->b0] = old->hash[e->a0] != new->hash[e->b0];
			break;
		}
	}
	for (i = old->n; i-- > 0;)
		if (gone[i])
			patch_op(&first, "{\"op\":\"remove\",\"path\":\"/%zu\"}", i);
	for (i = 0; i < old->n; i++)
		if (!gone[i])
			fen_add(fen, old->n, i, 1);
	for (k = 0; k < new->n; k++) {
		if (src[k] < 0) {
			patch_op(&first, "{\"op\":\"add\",\"path\":\"/%zu\","
			    "\"value\":", k);
			patch_value(new, k);
			putchar('}');
			continue;
		}
		i = (size_t)src[k];
		m = k + (size_t)fen_sum(fen, i);
		if (m != k)
			patch_op(&first, "{\"op\":\"move\",\"from\":\"/%zu\","
			    "\"path\":\"/%zu\"}", m, k);
		fen_add(fen, old->n, i, -1);
		if (repl[k]) {
			patch_op(&first, "{\"op\":\"replace\",\"path\":\"/%zu\","
			    "\"value\":", k);
			patch_value(new, k);
			putchar('}');
		}
	}
	fputs(first ? "[]\n" : "\n]\n", stdout);
	free(src);
	free(repl);
	free(gone);
	free(fen);
}

void
diff_write(struct diff_file *old, struct diff_file *new,
    const struct diff_script *s)
{
	if (diff_opt.summary)
		write_summary(old, new, s);
	else if (diff_opt.fmt == DIFF_FMT_UNIFIED) {
		pe_out_flush();
		write_unified(old, new, s);
	} else if (diff_opt.fmt == DIFF_FMT_PATCH) {
		pe_out_flush();
		write_patch(old, new, s);
	} else
		write_records(old, new, s);
	pe_buf_free(&tmp);
}
