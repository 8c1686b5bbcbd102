/*
 * fuzz-split.c - libFuzzer target for pe-split's decoder and segmenter.
 *
 * One input is one document.  Its first byte chooses the options (bits
 * 0-1: --unit sentence, paragraph or line; bit 2: --keep-layout); the
 * rest is decoded with encoding detection, exactly as pe-split reads a
 * file, and segmented twice.  Besides the sanitizers' own checks, every
 * result must keep the promises pe-split.h and pe-record(5) make:
 *
 *  - the decoded text is valid UTF-8 of the stated length;
 *  - units are sorted by b0, with b0 < b1 <= len, both on code point
 *    boundaries, so pe_cpcursor_at() turns them into code points that
 *    agree with a plain count and never run backwards;
 *  - a unit's text is non-empty, NUL-terminated at len and valid UTF-8;
 *    with --keep-layout it is the source between the span ends;
 *  - kind, line and para are in range, and the title is one unit's text;
 *  - the same input gives the same units (records are byte-identical
 *    for identical input).
 *
 * A broken promise prints what broke on stderr and calls abort(), so
 * libFuzzer saves the input as a crash.
 *
 * The seeds in tests/fuzz/seeds/ start with an ASCII digit for that
 * first byte ('0' sentence, '1' paragraph, '2' line, +4 keep-layout);
 * tests/fuzz/split.dict holds the marks the rules turn on.
 *
 * The word lists come from $PE_DATA, else ../data beside the executable
 * (build-fuzz/../data), else ./data.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/enc.h"
#include "pe/text.h"
#include "pe-split.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, size_t i, const struct seg_unit *u)
{
	fprintf(stderr, "fuzz-split: invariant broken: %s", what);
	if (u != NULL)
		fprintf(stderr, " (unit %zu: kind %d, bytes [%zu,%zu), len %zu)",
		    i, u->kind, u->b0, u->b1, u->len);
	fputc('\n', stderr);
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir;

	(void)argc;
	(void)argv;
	pe_prog = "fuzz-split";
	/* $PE_DATA, else ../data beside the executable (pe_datadir) */
	if ((dir = pe_datadir("abbrev-en.tsv")) == NULL)
		dir = "data";
	if (seg_init(dir) < 0) {
		fprintf(stderr, "fuzz-split: cannot load the word lists from %s; "
		    "set PE_DATA\n", dir);
		exit(2);
	}
	atexit(seg_fini);	/* before LeakSanitizer's check */
	return 0;
}

/* 1 when byte offset i of s[0..n) starts a code point (or is the end). */
static int
on_boundary(const char *s, size_t n, size_t i)
{
	return i == n || ((unsigned char)s[i] & 0xC0) != 0x80;
}

static void
check(const struct pe_decoded *dec, const struct seg_opts *o,
    const struct seg_result *r, const size_t *cpat)
{
	struct pe_cpcursor cur;
	size_t i, a, b, preva = 0;
	int title_seen = r->title == NULL;

	if (r->n > 0 && r->u == NULL)
		fail("units counted but no array", 0, NULL);
	pe_cpcursor_init(&cur, dec->text);
	for (i = 0; i < r->n; i++) {
		const struct seg_unit *u = &r->u[i];

		if (u->kind < 0 || u->kind >= K_NKINDS)
			fail("kind out of range", i, u);
		if (!(u->b0 < u->b1))
			fail("empty or reversed span (b0 >= b1)", i, u);
		if (u->b1 > dec->len)
			fail("span ends past the document (b1 > len)", i, u);
		if (i > 0 && u->b0 < r->u[i - 1].b0)
			fail("units not sorted by b0", i, u);
		if (!on_boundary(dec->text, dec->len, u->b0) ||
		    !on_boundary(dec->text, dec->len, u->b1))
			fail("span cuts a UTF-8 sequence", i, u);
		if (u->text == NULL || u->len == 0)
			fail("empty text", i, u);
		if (u->text[u->len] != '\0')
			fail("text not NUL-terminated at len", i, u);
		if (pe_utf8_valid(u->text, u->len) != u->len)
			fail("text is not valid UTF-8", i, u);
		if (o->keep_layout && (u->len != u->b1 - u->b0 ||
		    memcmp(u->text, dec->text + u->b0, u->len) != 0))
			fail("--keep-layout text differs from the source span",
			    i, u);
		if (u->line < 1 || (u->line > r->lines))
			fail("line out of range", i, u);
		if (u->para < 1)
			fail("para < 1", i, u);
		if (r->title == u->text) {
			if (u->kind != K_TITLE)
				fail("title is not a title unit's text", i, u);
			title_seen = 1;
		}

		/* The cursor, queried as pe-split's write_units() does. */
		a = pe_cpcursor_at(&cur, u->b0);
		b = pe_cpcursor_at(&cur, u->b1);
		if (a != cpat[u->b0] || b != cpat[u->b1])
			fail("pe_cpcursor_at disagrees with a plain count", i, u);
		if (a >= b || a < preva)
			fail("code point span empty or running backwards", i, u);
		preva = a;
	}
	if (!title_seen)
		fail("title is not any unit's text", 0, NULL);
	/* Backwards queries, both ways the cursor takes them. */
	if (r->n > 0) {
		i = r->n - 1;
		if (pe_cpcursor_at(&cur, r->u[0].b0) != cpat[r->u[0].b0] ||
		    pe_cpcursor_at(&cur, r->u[i].b1) != cpat[r->u[i].b1] ||
		    pe_cpcursor_at(&cur, r->u[i].b0) != cpat[r->u[i].b0])
			fail("pe_cpcursor_at wrong going backwards", 0, NULL);
	}
}

static void
same(const struct seg_result *x, const struct seg_result *y)
{
	size_t i;

	if (x->n != y->n || x->lines != y->lines ||
	    (x->title == NULL) != (y->title == NULL))
		fail("two runs over the same input differ", 0, NULL);
	for (i = 0; i < x->n; i++) {
		const struct seg_unit *u = &x->u[i], *v = &y->u[i];

		if (u->kind != v->kind || u->b0 != v->b0 || u->b1 != v->b1 ||
		    u->line != v->line || u->para != v->para ||
		    u->len != v->len || memcmp(u->text, v->text, u->len) != 0)
			fail("two runs over the same input differ", i, u);
	}
	if (x->title != NULL && strcmp(x->title, y->title) != 0)
		fail("two runs over the same input differ in title", 0, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum seg_unit_mode units[4] = {
		SEG_SENTENCE, SEG_PARAGRAPH, SEG_LINE, SEG_SENTENCE
	};
	struct seg_opts o = { SEG_SENTENCE, 0 };
	struct seg_result r = { 0 }, r2 = { 0 };
	struct pe_decoded dec;
	size_t *cpat, i, cp;

	if (size > 0) {
		o.unit = units[data[0] & 3];
		o.keep_layout = (data[0] >> 2) & 1;
		data++;
		size--;
	}
	if (pe_decode((const char *)data, size, NULL, &dec) < 0)
		fail("pe_decode refused a detected encoding", 0, NULL);
	if (dec.text == NULL || dec.encoding == NULL)
		fail("pe_decode returned no text or no encoding", 0, NULL);
	if (dec.text[dec.len] != '\0')
		fail("decoded text not NUL-terminated", 0, NULL);
	if (pe_utf8_valid(dec.text, dec.len) != dec.len)
		fail("decoded text is not valid UTF-8", 0, NULL);

	/* cpat[i]: code points before byte i, for checking the cursor. */
	cpat = malloc((dec.len + 1) * sizeof(*cpat));
	if (cpat == NULL)
		abort();
	for (i = 0, cp = 0; i <= dec.len; i++) {
		cpat[i] = cp;
		if (i < dec.len && on_boundary(dec.text, dec.len, i))
			cp++;
	}
	if (cpat[dec.len] != pe_utf8_count(dec.text, dec.len))
		fail("pe_utf8_count disagrees with a plain count", 0, NULL);

	seg_run(dec.text, dec.len, &o, &r);
	check(&dec, &o, &r, cpat);
	/* r2 holds units already: seg_run() must empty it first. */
	seg_run(dec.text, dec.len, &o, &r2);
	seg_run(dec.text, dec.len, &o, &r2);
	same(&r, &r2);

	seg_result_free(&r);
	seg_result_free(&r2);
	free(cpat);
	free(dec.text);
	return 0;
}
