/*
 * fuzz-entities.c - libFuzzer target for pe-entities' gazetteer parser
 * and scanner.
 *
 * The first byte chooses what the rest is.  Low four bits 0111 ('7',
 * 'G'): gazetteer lines, each parsed into a scratch trie as --gazetteer
 * FILE lines are (invalid UTF-8 and NUL bytes included: the parser must
 * refuse them, not crash).  Anything else, so that the text seeds of
 * tests/fuzz/seeds/ and tests/fixtures/ are read as text: a document whose
 * records are the lines of the input's first kilobyte,
 * invalid bytes repaired to U+FFFD as jansson would refuse them (bits
 * 4-5 pick the records' kind: sentence, meta, footnote, none), scanned as
 * pe-entities scans a document: once learning, then again.  Besides the
 * sanitizers' checks, every result must keep the promises of
 * pe-entities.h:
 *
 *  - mentions are in text order, never overlap, and lie on character
 *    boundaries inside the text, with b0 < b1;
 *  - a type is one of the twelve; a title lies inside the text;
 *  - the JSON written is valid, and its start/end are code points with
 *    text[start:end] the mention;
 *  - the second reading gives the same mentions as a third (reading is
 *    deterministic once the document's names are learned).
 *
 * A broken promise prints what broke on stderr and calls abort(), so
 * libFuzzer saves the input as a crash.  The data files come from
 * $PE_DATA, else ../data beside the executable, else ./data.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/out.h"
#include "pe/text.h"
#include "pe-entities.h"
#include "pe-entities-int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ent_trie scratch;

static void
fail(const char *what, const char *text, size_t len)
{
	fprintf(stderr, "fuzz-entities: invariant broken: %s (text %.*s)\n",
	    what, (int)(len > 200 ? 200 : len), text);
	abort();
}

static void
finish(void)
{
	ent_trie_free(&scratch);
	ent_fini();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const words[] = { "entity-words.tsv", "names-ja.tsv" };
	static const char *const gaz[] = { "countries.tsv", "gazetteer.tsv" };
	const char *dir;
	char path[4200];
	size_t i;

	(void)argc;
	(void)argv;
	pe_prog = "fuzz-entities";
	/* $PE_DATA, else ../data beside the executable (pe_datadir) */
	if ((dir = pe_datadir("entity-words.tsv")) == NULL)
		dir = "data";
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, words[i]);
		if (ent_load_words(path) != 0)
			goto bad;
		snprintf(path, sizeof(path), "%s/%s", dir, gaz[i]);
		if (ent_load_gazetteer(path) != 0)
			goto bad;
	}
	snprintf(path, sizeof(path), "%s/lexicon-ja.tsv", dir);
	if (ent_load_lexicon(path) != 0)
		goto bad;
	atexit(finish);		/* before LeakSanitizer's check */
	return 0;
bad:
	fprintf(stderr, "fuzz-entities: cannot load the data files from %s; "
	    "set PE_DATA\n", dir);
	exit(2);
}

static int
on_boundary(const char *s, size_t n, size_t i)
{
	return i == n || ((unsigned char)s[i] & 0xC0) != 0x80;
}

static void
check(const char *text, size_t len, const struct ent_list *l)
{
	struct pe_buf b = { 0 };
	json_error_t err;
	json_t *j, *e;
	size_t i, prev = 0, ncp;
	uint32_t *cps;

	for (i = 0; i < l->n; i++) {
		const struct ent_mention *m = &l->m[i];

		if (!(m->b0 < m->b1) || m->b1 > len)
			fail("empty, reversed or outside span", text, len);
		if (m->b0 < prev)
			fail("mentions overlap or out of order", text, len);
		if (!on_boundary(text, len, m->b0) ||
		    !on_boundary(text, len, m->b1))
			fail("span cuts a UTF-8 sequence", text, len);
		if (m->type < 0 || m->type >= ENT_NTYPES)
			fail("type out of range", text, len);
		if (m->t1 > m->t0 && (m->t1 > len ||
		    !on_boundary(text, len, m->t0) ||
		    !on_boundary(text, len, m->t1)))
			fail("title outside the text", text, len);
		prev = m->b1;
	}
	ent_json(text, len, l, &b);
	if ((j = json_loadb(b.s, b.len, JSON_ALLOW_NUL, &err)) == NULL ||
	    !json_is_array(j) || json_array_size(j) != l->n)
		fail("ent_json wrote no valid array of the mentions", text, len);
	/* code points of the text, to check start and end */
	cps = malloc((len + 1) * sizeof(*cps));
	if (cps == NULL)
		abort();
	for (i = 0, ncp = 0; i < len;)
		cps[ncp++] = pe_utf8_next(text, len, &i);
	json_array_foreach(j, i, e) {
		json_int_t s = json_integer_value(json_object_get(e, "start"));
		json_int_t t = json_integer_value(json_object_get(e, "end"));
		const char *mt = json_string_value(json_object_get(e, "text"));
		size_t k, o = 0;
		char u[4];

		if (mt == NULL || s < 0 || t <= s || (size_t)t > ncp)
			fail("start/end not code points of the text", text, len);
		for (k = (size_t)s; k < (size_t)t; k++) {
			int w = pe_utf8_put(cps[k], u);

			if (memcmp(mt + o, u, (size_t)w) != 0)
				fail("text[start:end] is not the mention", text,
				    len);
			o += (size_t)w;
		}
		if (mt[o] != '\0' && o != json_string_length(json_object_get(e,
		    "text")))
			fail("mention longer than text[start:end]", text, len);
	}
	free(cps);
	json_decref(j);
	pe_buf_free(&b);
}

static int
same(const struct ent_list *a, const struct ent_list *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->m[i].b0 != b->m[i].b0 || a->m[i].b1 != b->m[i].b1 ||
		    a->m[i].type != b->m[i].type)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[4] = { "sentence", "meta", "footnote",
	    NULL };
	struct ent_list l = { 0 }, l2 = { 0 };
	char *text, *p, *end, *line;
	size_t len, nbad = 0, first = 0;
	int mode;

	if (size == 0)
		return 0;
	mode = data[0];
	data++;
	size--;
	if ((mode & 0x0F) == 0x07) {
		ent_trie_clear(&scratch);
		line = malloc(size + 1);
		if (line == NULL)
			abort();
		for (p = (char *)data, end = p + size; p < end;) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

			memcpy(line, p, n);
			line[n] = '\0';
			if (n > 0 && line[0] != '#')
				(void)ent_gaz_parse(line, n, &scratch);
			p += n + 1;
		}
		free(line);
		return 0;
	}
	/* A kilobyte holds every rule many times over; longer texts only
	 * slow the run down (make fuzz runs a million of them). */
	if (size > 1024)
		size = 1024;
	text = pe_utf8_repair((const char *)data, size, &len, &nbad, &first);
	ent_doc_begin();
	for (p = text, end = text + len; p <= end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		ent_scan(p, n, kinds[(mode >> 4) & 3], 1, &l);
		check(p, n, &l);
		p += n + 1;
	}
	for (p = text; p <= end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		ent_scan(p, n, kinds[(mode >> 4) & 3], 0, &l);
		check(p, n, &l);
		ent_scan(p, n, kinds[(mode >> 4) & 3], 0, &l2);
		if (!same(&l, &l2))
			fail("two readings of a learned document differ", p, n);
		p += n + 1;
	}
	ent_list_free(&l);
	ent_list_free(&l2);
	free(text);
	return 0;
}
