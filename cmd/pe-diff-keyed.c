/*
 * pe-diff-keyed.c - pe-diff --by FIELD: an order-free comparison.
 *
 * Where the edit script follows the reading order, --by asks only what
 * is in each stream.  For an annotation field (an array of objects:
 * entities, dates, cites) every element is keyed by its text; a key
 * found only in B was added, only in A removed, and a key whose values
 * (the element without text and offsets) are not the same set on both
 * sides changed (a date whose value moved, an entity given another
 * norm).  For any other field the records are keyed by that field's
 * value and compared by the rest of their content, positional fields
 * aside: --by id pairs records by id, --by text by their text.
 *
 * Output: one `set` record per key that differs, in the order keys first
 * appear (B's, then those only in A), with `count` [in A, in B] and the
 * distinct values of each side.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/out.h"
#include "pe-diff.h"

static const char *const set_cols[] = {
	"doc", "id", "kind", "op", "field", "key", "count", "old", "new", NULL
};

struct kent {
	char *key, *val;	/* owned */
	int side;		/* 0 A, 1 B */
	size_t order;		/* first appearance: B's, then A's after */
};

struct kents {
	struct kent *v;
	size_t n, cap;
};

static void
kadd(struct kents *k, char *key, char *val, int side, size_t order)
{
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->v = pe_xrealloc(k->v, k->cap * sizeof(*k->v));
	}
	k->v[k->n].key = key;
	k->v[k->n].val = val;
	k->v[k->n].side = side;
	k->v[k->n].order = order;
	k->n++;
}

static char *
dump(json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS);

	if (s == NULL)
		pe_die(PE_EXIT_TROUBLE, "out of memory");
	return s;
}

/* A copy of object o without the keys the comparison leaves out. */
static json_t *
without(json_t *o, const char *const *drop, int positional)
{
	json_t *c = json_object();
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(o, k, v) {
		for (i = 0; drop[i] != NULL && strcmp(drop[i], k) != 0; i++)
			;
		if (drop[i] != NULL || (positional &&
		    diff_ignored_key(k, strlen(k))))
			continue;
		json_object_set(c, k, v);
	}
	return c;
}

static void
collect(struct diff_file *f, int side, const char *field, struct kents *k,
    size_t base)
{
	static const char *const elem_drop[] = { "text", "start", "end", NULL };
	const char *rec_drop[] = { field, NULL };
	size_t i, e;

	for (i = 0; i < f->n; i++) {
		struct diff_rec *r = diff_rec_get(f, i);
		json_t *v, *el, *c;

		if (!r->ok || (v = json_object_get(diff_rec_json(r), field)) == NULL) {
			diff_rec_drop(f, i);
			continue;
		}
		if (json_is_array(v)) {
			json_array_foreach(v, e, el) {
				json_t *t = json_object_get(el, "text");

				if (!json_is_object(el))
					continue;
				c = without(el, elem_drop, 0);
				kadd(k, json_is_string(t) ?
				    pe_xstrdup(json_string_value(t)) :
				    dump(c), dump(c), side, base + i);
				json_decref(c);
			}
		} else {
			c = without(diff_rec_json(r), rec_drop, 1);
			kadd(k, json_is_string(v) ?
			    pe_xstrdup(json_string_value(v)) : dump(v), dump(c),
			    side, base + i);
			json_decref(c);
		}
		/* what is needed is copied: a big input stays small */
		diff_rec_drop(f, i);
	}
}

static int
by_key(const void *x, const void *y)
{
	const struct kent *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	if (c != 0)
		return c;
	if (a->side != b->side)
		return a->side - b->side;
	if ((c = strcmp(a->val, b->val)) != 0)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

struct group {
	size_t lo, hi, order;
};

static int
by_order(const void *x, const void *y)
{
	const struct group *a = x, *b = y;

	return a->order < b->order ? -1 : a->order > b->order;
}

/* The distinct values of one side of a group, as a JSON array. */
static void
values(struct pe_buf *b, const struct kents *k, const struct group *g,
    int side)
{
	size_t i, n = 0;
	const char *last = NULL;

	pe_buf_addc(b, '[');
	for (i = g->lo; i < g->hi; i++) {
		if (k->v[i].side != side ||
		    (last != NULL && strcmp(last, k->v[i].val) == 0))
			continue;
		if (n++ > 0)
			pe_buf_addc(b, ',');
		pe_buf_add(b, k->v[i].val, strlen(k->v[i].val));
		last = k->v[i].val;
	}
	pe_buf_addc(b, ']');
}

int
diff_by(struct diff_file *a, struct diff_file *b, const char *field)
{
	struct kents k = { 0 };
	struct group *g;
	struct pe_buf ob = { 0 }, nb = { 0 };
	size_t i, j, ng = 0, na, nbn, out = 0;
	const char *doc = "-";
	char id[32], cnt[64];
	int n;

	collect(b, 1, field, &k, 0);
	collect(a, 0, field, &k, b->n);
	if (b->n > 0 && diff_rec_get(b, 0)->doc)
		doc = diff_rec_get(b, 0)->doc;
	else if (a->n > 0 && diff_rec_get(a, 0)->doc)
		doc = diff_rec_get(a, 0)->doc;
	if (pe_opt.doc != NULL)
		doc = pe_opt.doc;
	qsort(k.v, k.n, sizeof(*k.v), by_key);
	g = pe_xmalloc((k.n + 1) * sizeof(*g));
	for (i = 0; i < k.n; i = j) {
		g[ng].lo = i;
		g[ng].order = k.v[i].order;
		for (j = i; j < k.n && strcmp(k.v[j].key, k.v[i].key) == 0; j++)
			if (k.v[j].order < g[ng].order)
				g[ng].order = k.v[j].order;
		g[ng].hi = j;
		ng++;
	}
	qsort(g, ng, sizeof(*g), by_order);
	pe_out_init(pe_opt.format, set_cols);
	for (i = 0; i < ng; i++) {
		const char *op;

		na = nbn = 0;
		for (j = g[i].lo; j < g[i].hi; j++)
			k.v[j].side ? nbn++ : na++;
		ob.len = nb.len = 0;
		values(&ob, &k, &g[i], 0);
		values(&nb, &k, &g[i], 1);
		if (na == 0)
			op = "add";
		else if (nbn == 0)
			op = "remove";
		else if (ob.len != nb.len || memcmp(ob.s, nb.s, ob.len) != 0)
			op = "change";
		else
			continue;
		n = snprintf(id, sizeof(id), "k%zu", ++out);
		pe_out_begin();
		pe_out_str("doc", doc, strlen(doc));
		pe_out_str("id", id, (size_t)n);
		pe_out_str("kind", "set", 3);
		pe_out_str("op", op, strlen(op));
		pe_out_str("field", field, strlen(field));
		pe_out_str("key", k.v[g[i].lo].key, strlen(k.v[g[i].lo].key));
		n = snprintf(cnt, sizeof(cnt), "[%zu,%zu]", na, nbn);
		pe_out_raw("count", cnt, (size_t)n);
		if (na > 0)
			pe_out_raw("old", ob.s, ob.len);
		if (nbn > 0)
			pe_out_raw("new", nb.s, nb.len);
		pe_out_end();
	}
	for (i = 0; i < k.n; i++) {
		free(k.v[i].key);
		free(k.v[i].val);
	}
	free(k.v);
	free(g);
	pe_buf_free(&ob);
	pe_buf_free(&nb);
	return out > 0;
}
