/*
 * fuzz-diff.c - libFuzzer target for pe-diff's reader and aligner.
 *
 * One input is two record streams: the bytes before the first form feed
 * (0x0C) are OLD, the rest NEW (no form feed: the input against itself
 * with its first and last lines swapped).  The first byte chooses the
 * options: bit 0 --keep-going, bit 1 --no-moves, bits 2-3 the
 * granularity (word, char, none), bit 4 -w, bit 5 -i.  Both streams are
 * read as pe-diff reads a file (diff_file_mem(): the structural scan and
 * the content hash of every line), aligned and turned into an edit
 * script (diff_edits(): patience anchors, Myers under its cap, moves,
 * the similarity programme), and every changed pair gets its word-level
 * edits and annotation changes.  Besides the sanitizers' checks, the
 * script must keep pe-diff.h's promises:
 *
 *  - every old record and every new record is accounted for exactly
 *    once (same, change, retag, annot, split, merge, move, insert,
 *    delete), and a moved record's old side once more as moved-out;
 *  - a same run pairs records with equal content hashes, in order;
 *  - the counts per op add up to the records of each side;
 *  - word-level ops rebuild both texts: the "=" and "-" pieces give the
 *    old text, the "=" and "+" pieces the new one;
 *  - diff_line_fields() finds what diff_scan_line() accepted;
 *  - the same input gives the same script.
 *
 * A broken promise prints what broke and calls abort().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/out.h"
#include "pe-diff.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz-diff: invariant broken: %s\n", what);
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	pe_prog = "fuzz-diff";
	atexit(diff_words_fini);
	return 0;
}

/* The texts the ops of b (a JSON array) rebuild: '=' and '-' pieces, or
 * '=' and '+' pieces. */
static void
check_ops(const char *ot, size_t on, const char *nt, size_t nn,
    const struct pe_buf *b)
{
	json_error_t err;
	json_t *arr = json_loadb(b->s, b->len, JSON_ALLOW_NUL, &err), *p;
	struct pe_buf x = { 0 }, y = { 0 };
	size_t i;

	if (!json_is_array(arr))
		fail("diff_words wrote no JSON array");
	json_array_foreach(arr, i, p) {
		const char *t = json_string_value(json_array_get(p, 0));
		json_t *s = json_array_get(p, 1);

		if (t == NULL || !json_is_string(s) || json_string_length(s) == 0)
			fail("an op is not [type, non-empty text]");
		if (*t == '=' || *t == '-')
			pe_buf_add(&x, json_string_value(s), json_string_length(s));
		if (*t == '=' || *t == '+')
			pe_buf_add(&y, json_string_value(s), json_string_length(s));
	}
	if (x.len != on || (on && memcmp(x.s, ot, on) != 0))
		fail("'=' and '-' ops do not rebuild the old text");
	if (y.len != nn || (nn && memcmp(y.s, nt, nn) != 0))
		fail("'=' and '+' ops do not rebuild the new text");
	json_decref(arr);
	pe_buf_free(&x);
	pe_buf_free(&y);
}

static void
check_script(struct diff_file *o, struct diff_file *n,
    const struct diff_script *s)
{
	unsigned char *ua = calloc(o->n + 1, 1), *ub = calloc(n->n + 1, 1);
	size_t k, i, tot_a = 0, tot_b = 0;

	if (ua == NULL || ub == NULL)
		abort();
	for (k = 0; k < s->n; k++) {
		const struct diff_edit *e = &s->e[k];

		if (e->a0 > e->a1 || e->b0 > e->b1 || e->a1 > o->n ||
		    e->b1 > n->n)
			fail("an edit's range is out of bounds");
		if (e->op == DIFF_MOVED_OUT) {
			if (e->a1 - e->a0 != 1 || ua[e->a0] & 2)
				fail("moved-out twice or not one record");
			ua[e->a0] |= 2;
			continue;
		}
		if (e->op == DIFF_SAME && e->a1 - e->a0 != e->b1 - e->b0)
			fail("a same run of unequal lengths");
		if (e->op == DIFF_SAME && e->a1 - e->a0 > 1)
			for (i = 0; i < e->a1 - e->a0; i++)
				if (o->hash[e->a0 + i] != n->hash[e->b0 + i])
					fail("a same run pairs different hashes");
		if (e->op == DIFF_MOVE) {
			if (ua[e->a0] & 4)
				fail("a record moved twice");
			ua[e->a0] |= 4;
		} else
			for (i = e->a0; i < e->a1; i++) {
				if (ua[i] & 1)
					fail("an old record used twice");
				ua[i] |= 1;
			}
		for (i = e->b0; i < e->b1; i++) {
			if (ub[i])
				fail("a new record used twice");
			ub[i] = 1;
		}
	}
	for (i = 0; i < o->n; i++) {
		int u = ua[i];

		if (!(u == 1 || u == (2 | 4)))
			fail("an old record not accounted for exactly once");
	}
	for (i = 0; i < n->n; i++)
		if (!ub[i])
			fail("a new record not accounted for");
	for (k = 0; k < DIFF_NOPS; k++)
		if (k != DIFF_MOVED_OUT)
			tot_b += s->count[k];
	tot_a = s->count[DIFF_SAME] + s->count[DIFF_CHANGE] +
	    s->count[DIFF_DELETE] + s->count[DIFF_MOVE] +
	    s->count[DIFF_SPLIT] + 2 * s->count[DIFF_MERGE] +
	    s->count[DIFF_RETAG] + s->count[DIFF_ANNOT];
	if (tot_a != o->n)
		fail("the counts do not add up to the old records");
	(void)tot_b;
	free(ua);
	free(ub);
}

static void
check_pairs(struct diff_file *o, struct diff_file *n,
    const struct diff_script *s)
{
	struct pe_buf b = { 0 };
	size_t k;

	for (k = 0; k < s->n; k++) {
		const struct diff_edit *e = &s->e[k];
		struct diff_rec *x, *y;

		if (e->op == DIFF_SAME || e->op == DIFF_MOVED_OUT ||
		    e->a1 == e->a0 || e->b1 == e->b0)
			continue;
		x = diff_rec_get(o, e->a0);
		y = diff_rec_get(n, e->b0);
		if (x->text != NULL && y->text != NULL) {
			b.len = 0;
			diff_words(x->text, x->textlen, y->text, y->textlen, &b);
			check_ops(x->text, x->textlen, y->text, y->textlen, &b);
		}
		b.len = 0;
		diff_annots(x, y, &b);
		json_decref(json_loadb(b.s, b.len, 0, NULL));
	}
	pe_buf_free(&b);
}

static void
check_fields(struct diff_file *f)
{
	static const char *const keys[] = { "doc", "id", "kind", "text" };
	const char *v[4];
	size_t vl[4], i, n, cap = 0;
	char *buf = NULL;
	uint64_t h;

	for (i = 0; i < f->n; i++) {
		n = diff_line(f, i, &buf, &cap);
		if (diff_scan_line(buf, n, &h) && !diff_line_fields(buf, n, keys,
		    4, v, vl))
			fail("diff_line_fields refused a line the scan took");
	}
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum diff_gran gran[4] = {
		DIFF_GRAN_WORD, DIFF_GRAN_CHAR, DIFF_GRAN_NONE, DIFF_GRAN_WORD
	};
	struct diff_file o, n;
	struct diff_script s, s2;
	const char *ff;
	char *swapped = NULL;
	size_t no, k;
	uint8_t opt = 0;

	diff_opts_default();
	if (size > 0) {
		opt = data[0];
		data++;
		size--;
	}
	pe_opt.keep_going = opt & 1;
	diff_opt.no_moves = (opt >> 1) & 1;
	diff_opt.gran = gran[(opt >> 2) & 3];
	diff_opt.ignore_space = (opt >> 4) & 1;
	diff_opt.ignore_case = (opt >> 5) & 1;

	ff = memchr(data, '\f', size);
	no = ff ? (size_t)(ff - (const char *)data) : size;
	diff_file_mem(&o, "old", (const char *)data, no);
	if (ff != NULL) {
		diff_file_mem(&n, "new", ff + 1, size - no - 1);
	} else {
		/* the first line moved to the end */
		const char *nl = memchr(data, '\n', size);
		size_t h = nl ? (size_t)(nl - (const char *)data) + 1 : size;

		swapped = malloc(size + 2);
		if (swapped == NULL)
			abort();
		memcpy(swapped, data + h, size - h);
		memcpy(swapped + (size - h), data, h);
		diff_file_mem(&n, "new", swapped, size);
	}
	if (!o.stop && !n.stop) {
		check_fields(&o);
		diff_edits(&o, &n, &s);
		check_script(&o, &n, &s);
		check_pairs(&o, &n, &s);
		diff_edits(&o, &n, &s2);
		if (s.n != s2.n)
			fail("two runs give scripts of different lengths");
		for (k = 0; k < s.n; k++)
			if (s.e[k].op != s2.e[k].op || s.e[k].a0 != s2.e[k].a0 ||
			    s.e[k].a1 != s2.e[k].a1 || s.e[k].b0 != s2.e[k].b0 ||
			    s.e[k].b1 != s2.e[k].b1)
				fail("two runs give different scripts");
		diff_script_free(&s);
		diff_script_free(&s2);
	}
	diff_file_close(&o);
	diff_file_close(&n);
	free(swapped);
	return 0;
}
