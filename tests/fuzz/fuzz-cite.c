/*
 * fuzz-cite.c - libFuzzer target for pe-cite's scanners, reference
 * parsers and document pass.
 *
 * One input is one document.  Its bytes are repaired to valid UTF-8 (as
 * jansson gives pe-cite a record's text) and cut into lines; each line
 * is a record whose kind is chosen by its first byte (footnote,
 * reference, sentence, quote, heading, meta, list-item, url; a doc
 * record with a "dct" first) and whose text is the rest of the line.
 * The whole input is also given to every parser and scanner as one
 * string.  Besides the sanitizers' own checks, the results must keep
 * what pe-cite.h and pe-cite(1) promise:
 *
 *  - every hit lies inside its text, b <= e, both on code point
 *    boundaries; a marker has a key, a URL a url, a symbol a symbol;
 *  - every field added to a record is valid JSON: "cites" an array of
 *    objects whose start <= end <= the text's length in code points,
 *    "csl" an object or an array of objects, each with a string "id"
 *    and "type";
 *  - the same input gives the same fields.
 *
 * A broken promise prints what broke on stderr and calls abort().  The
 * word lists come from $PE_DATA, else ../data beside the executable,
 * else ./data.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/rec.h"
#include "pe/text.h"
#include "pe-cite.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-cite: invariant broken: %s%s%s\n", what,
	    detail ? ": " : "", detail ? detail : "");
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("PE_DATA");

	(void)argc;
	(void)argv;
	if (dir == NULL || *dir == '\0')
		dir = pe_datadir("cite-words.tsv");
	if (dir == NULL)
		dir = "data";
	if (cite_words_load(dir) < 0)
		fail("cannot load the word lists", dir);
	return 0;
}

static int
boundary(const char *s, size_t n, size_t i)
{
	return i == n || (i < n && ((unsigned char)s[i] & 0xC0) != 0x80);
}

static void
check_hits(const char *s, size_t n, const struct cite_hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		const struct cite_hit *x = &h->v[i];

		if (x->b > x->e || x->e > n || !boundary(s, n, x->b) ||
		    !boundary(s, n, x->e))
			fail("hit outside its text or inside a character", NULL);
		if (x->kind == CK_MARKER && x->key[0] == '\0')
			fail("marker without a key", NULL);
		if (x->kind == CK_URL && (x->url == NULL || x->url[0] == '\0'))
			fail("URL without a url", NULL);
		if (x->kind == CK_SYMBOL && x->symbol == NULL)
			fail("symbol without a symbol", NULL);
	}
}

static void
check_item_json(json_t *c)
{
	if (!json_is_object(c) || !json_is_string(json_object_get(c, "id")) ||
	    !json_is_string(json_object_get(c, "type")))
		fail("csl item without a string id and type", NULL);
}

static void
check_fields(const struct pe_rec *r, size_t cps)
{
	size_t k, m;
	json_error_t err;

	for (k = 0; k < r->nadd; k++) {
		json_t *v = json_loadb(r->add[k].json, r->add[k].n,
		    JSON_ALLOW_NUL, &err);

		if (v == NULL)
			fail("added field is not JSON", err.text);
		if (strcmp(r->add[k].key, "cites") == 0) {
			if (!json_is_array(v) || json_array_size(v) == 0)
				fail("cites is not a non-empty array", NULL);
			for (m = 0; m < json_array_size(v); m++) {
				json_t *e = json_array_get(v, m);
				json_int_t a = json_integer_value(json_object_get(e, "start"));
				json_int_t b = json_integer_value(json_object_get(e, "end"));

				if (!json_is_string(json_object_get(e, "kind")) ||
				    a < 0 || a > b || (size_t)b > cps)
					fail("cites entry out of its text", NULL);
			}
		} else if (strcmp(r->add[k].key, "csl") == 0) {
			if (json_is_array(v)) {
				for (m = 0; m < json_array_size(v); m++)
					check_item_json(json_array_get(v, m));
			} else
				check_item_json(v);
		} else
			fail("unknown field added", r->add[k].key);
		json_decref(v);
	}
}

static const char *const kinds[] = {
	"footnote", "reference", "sentence", "quote", "heading", "meta",
	"list-item", "url"
};

/* Build the records of the document text[0..n), run the pass, check. */
static char *
run_doc(const char *text, size_t n)
{
	struct pe_doc doc = { 0 };
	struct cite_opts o = { 0, 0 };
	struct pe_buf out = { 0 };
	size_t a, e, i, k;
	int lines = 0;

	doc.cap = 16;
	doc.r = calloc(doc.cap, sizeof(*doc.r));
	for (a = 0; a <= n && lines < 64; a = e + 1) {
		struct pe_rec *r;
		const char *kind;
		char id[16], *line;
		json_t *j;

		for (e = a; e < n && text[e] != '\n'; e++)
			;
		if (doc.n + 1 >= doc.cap) {
			doc.cap *= 2;
			doc.r = realloc(doc.r, doc.cap * sizeof(*doc.r));
		}
		r = &doc.r[doc.n];
		memset(r, 0, sizeof(*r));
		if (doc.n == 0) {
			j = json_pack("{s:s,s:s,s:s,s:s}", "doc", "f", "id", "doc",
			    "kind", "doc", "dct", "2026-01-13");
		} else {
			kind = e > a ? kinds[(unsigned char)text[a] % 8] : "sentence";
			snprintf(id, sizeof(id), "s%zu", doc.n);
			j = json_pack("{s:s,s:s,s:s,s:s%}", "doc", "f", "id", id,
			    "kind", kind, "text", e > a ? text + a + 1 : "",
			    e > a ? e - a - 1 : 0);
			/* the kind byte may be the first of a character: the
			 * rest is then no UTF-8 and no record */
			if (j == NULL)
				continue;
		}
		/* the record as pe_doc_next() makes it, from its line */
		line = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		json_decref(j);
		if (line == NULL || pe_rec_parse(r, line, strlen(line), NULL))
			abort();
		/* a cut inside a character: that record is skipped */
		if (doc.n > 0 && r->textlen != (e > a ? e - a - 1 : 0)) {
			pe_doc_clear(&(struct pe_doc){ .r = r, .n = 1 });
			continue;
		}
		r->file = "fuzz";
		r->lineno = doc.n + 1;
		doc.n++;
		if (doc.n > 1)
			lines++;
		if (e >= n)
			break;
	}
	cite_doc(&doc, &o);
	for (i = 0; i < doc.n; i++) {
		const struct pe_rec *r = &doc.r[i];

		if (r->text != NULL)
			check_fields(r, pe_utf8_count(r->text, r->textlen));
		for (k = 0; k < r->nadd; k++) {
			pe_buf_add(&out, r->add[k].json, r->add[k].n);
			pe_buf_addc(&out, '\n');
		}
	}
	pe_buf_addc(&out, '\0');
	pe_doc_clear(&doc);
	free(doc.r);
	return out.s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cite_hits h = { 0 };
	struct cite_item items[8];
	struct cite_ctx ctx = { { 2026, 1, 13 } };
	unsigned char ok[64];
	size_t n, nbad = 0, first = 0;
	char *s, *a, *b, key[16];
	enum cite_style st;
	int k, m;

	s = pe_utf8_repair((const char *)data, size, &n, &nbad, &first);
	/* the scanners over the whole input */
	memset(ok, 1, sizeof(ok));
	cite_scan_markers(s, n, 0, ok, sizeof(ok), &h);
	cite_scan_urls(s, n, &h);
	cite_scan_symbols(s, n, &h);
	check_hits(s, n, &h);
	cite_hits_free(&h);
	if (cite_note_marker(s, n, 1, key, &st) > n)
		fail("note marker longer than its text", NULL);
	/* the parsers: every item comes back with a type */
	m = cite_parse_any(s, n, &ctx, items, 8);
	if (m < 1 || m > 8)
		fail("cite_parse_any: item count out of range", NULL);
	for (k = 0; k < m; k++) {
		struct pe_buf j = { 0 };

		if (items[k].type == NULL)
			fail("item without a type", NULL);
		cite_item_json(&j, &items[k], "x");
		pe_buf_addc(&j, '\0');
		{
			json_t *v = json_loadb(j.s, j.len - 1, JSON_ALLOW_NUL,
			    NULL);

			if (v == NULL)
				fail("cite_item_json wrote bad JSON", j.s);
			check_item_json(v);
			json_decref(v);
		}
		pe_buf_free(&j);
		cite_item_free(&items[k]);
	}
	cite_item_init(&items[0]);
	cite_parse_credit(s, n, &items[0]);
	cite_item_free(&items[0]);
	/* the document pass, twice: the same fields */
	a = run_doc(s, n);
	b = run_doc(s, n);
	if (strcmp(a, b) != 0)
		fail("the same document gave different fields", NULL);
	free(a);
	free(b);
	free(s);
	return 0;
}
