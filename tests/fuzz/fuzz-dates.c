/*
 * fuzz-dates.c - libFuzzer target for pe-dates' scanner, resolver and
 * document pass.
 *
 * The first byte chooses what to do with the rest (bits 0-2: the DCT -
 * none, year, month or day precision, in 1990, 2019 or 2026; bit 3:
 * a whole document).  The rest is made valid UTF-8 (as jansson would
 * hand it over) and either scanned as one text, twice, or split at
 * newlines into the sentence records of one document and run through
 * dates_doc() as pe-dates runs it.  Besides the sanitizers' checks,
 * every result must keep the promises of pe-dates.h:
 *
 *  - expressions are in text order, never overlap, start < end <= n,
 *    and their byte offsets are the code points' (pe_utf8_count);
 *  - a value is non-empty printable ASCII and a range's ends point at
 *    each other;
 *  - scanning the same text twice gives the same expressions;
 *  - the "dates" a document pass adds is a JSON array of objects whose
 *    text is the record's text between start and end.
 *
 * A broken promise prints what broke and calls abort().  The word lists
 * come from $PE_DATA, else ../data beside the executable, else ./data.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/rec.h"
#include "pe/text.h"
#include "pe-dates.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dates_lex lex;
static struct dates_text text;

static void
fail(const char *what, const struct dates_expr *e)
{
	fprintf(stderr, "fuzz-dates: invariant broken: %s", what);
	if (e != NULL)
		fprintf(stderr, " (type %d, cp [%zu,%zu), bytes [%zu,%zu))",
		    e->type, e->start, e->end, e->bstart, e->bend);
	fputc('\n', stderr);
	abort();
}

static void
cleanup(void)
{
	dates_doc_free();
	dates_text_free(&text);
	dates_lex_free(&lex);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir;

	(void)argc;
	(void)argv;
	pe_prog = "fuzz-dates";
	/* $PE_DATA, else ../data beside the executable (pe_datadir) */
	if ((dir = pe_datadir("dates-words.tsv")) == NULL)
		dir = "data";
	if (dates_lex_load(&lex, dir) < 0) {
		fprintf(stderr, "fuzz-dates: cannot load the word lists from %s; "
		    "set PE_DATA\n", dir);
		exit(2);
	}
	atexit(cleanup);	/* before LeakSanitizer's check */
	return 0;
}

static void
check_list(const char *s, size_t len, const struct dates_list *l)
{
	struct dates_ctx ctx;
	struct dates_value v;
	size_t i, k;

	memset(&ctx, 0, sizeof(ctx));
	ctx.fystart = 4;
	ctx.dct.y = 2019;
	ctx.dct.m = 2;
	for (i = 0; i < l->n; i++) {
		const struct dates_expr *e = &l->e[i];

		if (!(e->start < e->end))
			fail("empty or reversed span", e);
		if (e->bend > len || e->bstart >= e->bend)
			fail("byte span outside the text", e);
		if (i > 0 && e->start < l->e[i - 1].end)
			fail("expressions overlap or are out of order", e);
		if (pe_utf8_count(s, e->bstart) != e->start ||
		    pe_utf8_count(s, e->bend) != e->end)
			fail("byte and code point offsets disagree", e);
		if (e->type < DT_DATE || e->type > DT_SET)
			fail("type out of range", e);
		if (e->range >= 0 && ((size_t)e->range >= l->n ||
		    l->e[e->range].range != (long)i))
			fail("range ends do not point at each other", e);
		dates_resolve(e, &ctx, &v);
		if (v.value[0] == '\0')
			fail("empty value", e);
		for (k = 0; v.value[k]; k++)
			if (v.value[k] < 0x21 || v.value[k] > 0x7E)
				fail("value is not printable ASCII", e);
	}
}

static void
one_text(const char *s, size_t len)
{
	struct dates_list a = { 0 }, b = { 0 };
	size_t i;

	dates_text_set(&text, s, len);
	dates_scan(&lex, &text, &a);
	check_list(s, len, &a);
	dates_text_set(&text, s, len);
	dates_scan(&lex, &text, &b);
	if (a.n != b.n)
		fail("two scans of one text differ in number", NULL);
	for (i = 0; i < a.n; i++)
		if (a.e[i].start != b.e[i].start || a.e[i].end != b.e[i].end ||
		    a.e[i].type != b.e[i].type || strcmp(a.e[i].dur, b.e[i].dur))
			fail("two scans of one text differ", &a.e[i]);
	(void)dates_future(&lex, &text);
	free(a.e);
	free(b.e);
}

/* A record of the document: {"doc","id","kind","text"}. */
static void
add_rec(struct pe_doc *doc, const char *id, const char *kind, const char *s,
    size_t len)
{
	struct pe_rec *r;
	json_t *j, *t;
	char *line;

	if (doc->n == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 16;
		doc->r = realloc(doc->r, doc->cap * sizeof(*doc->r));
		if (doc->r == NULL)
			abort();
	}
	r = &doc->r[doc->n++];
	memset(r, 0, sizeof(*r));
	j = json_pack("{s:s, s:s, s:s}", "doc", "fuzz", "id", id, "kind",
	    kind);
	if (s != NULL) {
		t = json_stringn(s, len);
		if (t == NULL)
			abort();
		json_object_set_new(j, "text", t);
	}
	/* the record as pe_doc_next() makes it, from its line */
	line = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(j);
	if (line == NULL || pe_rec_parse(r, line, strlen(line), NULL))
		abort();
	if (s != NULL && r->textlen != len)
		abort();
	r->file = "fuzz";
	r->lineno = doc->n;
}

static void
check_dates(const struct pe_rec *r)
{
	json_error_t err;
	json_t *a, *x;
	size_t i, k;

	for (k = 0; k < r->nadd; k++) {
		if (strcmp(r->add[k].key, "dates") != 0)
			continue;
		a = json_loadb(r->add[k].json, r->add[k].n, 0, &err);
		if (a == NULL || !json_is_array(a) || json_array_size(a) == 0)
			fail("dates is not a non-empty JSON array", NULL);
		json_array_foreach(a, i, x) {
			json_int_t st = json_integer_value(json_object_get(x,
			    "start"));
			json_int_t en = json_integer_value(json_object_get(x,
			    "end"));
			const char *t = json_string_value(json_object_get(x,
			    "text"));
			size_t b0, b1, cp, p = 0;

			if (t == NULL || st < 0 || en <= st)
				fail("a date without text or span", NULL);
			for (cp = 0, b0 = b1 = (size_t)-1; p <= r->textlen; cp++) {
				if (cp == (size_t)st)
					b0 = p;
				if (cp == (size_t)en) {
					b1 = p;
					break;
				}
				if (p == r->textlen)
					break;
				(void)pe_utf8_next(r->text, r->textlen, &p);
			}
			if (b0 == (size_t)-1 || b1 == (size_t)-1 ||
			    strlen(t) != b1 - b0 ||
			    memcmp(t, r->text + b0, b1 - b0) != 0)
				fail("text[start:end] is not the date's text",
				    NULL);
		}
		json_decref(a);
	}
}

static void
document(const char *s, size_t len, const struct dates_point *dct)
{
	struct pe_doc doc;
	char id[32];
	size_t a = 0, b, i, nrec = 0;

	memset(&doc, 0, sizeof(doc));
	add_rec(&doc, "doc", "doc", NULL, 0);
	while (a <= len && nrec < 64) {
		for (b = a; b < len && s[b] != '\n'; b++)
			;
		snprintf(id, sizeof(id), "s%zu", ++nrec);
		add_rec(&doc, id, nrec % 7 == 3 ? "quote" : "sentence", s + a,
		    b - a);
		a = b + 1;
	}
	dates_doc(&lex, &text, &doc, dct);
	for (i = 0; i < doc.n; i++)
		check_dates(&doc.r[i]);
	pe_doc_clear(&doc);
	free(doc.r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct dates_point dcts[8] = {
		{ 0, 0, 0 }, { 2026, 1, 13 }, { 2019, 3, 0 }, { 1990, 0, 0 },
		{ 2019, 2, 28 }, { 2024, 2, 29 }, { 2026, 12, 31 }, { 0, 0, 0 }
	};
	const struct dates_point *dct = NULL;
	char *s;
	size_t len, nbad = 0, firstbad = 0;
	int mode = 0;

	if (size > 0) {
		mode = data[0];
		data++;
		size--;
	}
	if ((mode & 7) != 0 && (mode & 7) != 7)
		dct = &dcts[mode & 7];
	s = pe_utf8_repair((const char *)data, size, &len, &nbad, &firstbad);
	if (pe_utf8_valid(s, len) != len)
		fail("pe_utf8_repair left invalid UTF-8", NULL);
	if (mode & 8)
		document(s, len, dct);
	else
		one_text(s, len);
	free(s);
	return 0;
}
