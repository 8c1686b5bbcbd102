/*
 * pe-dates-doc.c - one document: scan its records, settle its creation
 * date, resolve every expression, and hand each record its "dates".
 *
 * The document creation date (DCT) comes from --dct, else from a "dct"
 * already on the doc record, else from the document itself (DESIGN.md):
 *
 *  1. header: one of the first five units is a date and little else
 *     ("2026年1月13日", "• 01/31/2026", "Bloomberg 2026年1月1日 at 8:03
 *     JST") - the date as written;
 *  2. footer: one of the last eight units is ("２０２５年５月");
 *  3. text: in a document of at least eight units, the latest date the
 *     text speaks of as past or present, at month precision.  Dates in
 *     quotations and in sentences that speak of the future (予定, 控え)
 *     are left out; a full date is an event already past, so the DCT is
 *     the day after it; a month and day written without a year (2 月
 *     28 日) are taken in the latest year the document writes.  A short
 *     text (a sentence, a test case) has too little to go on and gets
 *     no DCT: its partial dates stay XXXX.
 *
 * An inferred or --dct date is written on the doc record as "dct" with
 * "dct_from" (header, footer, text, option), but only when the record
 * has no "dct" of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/out.h"
#include "pe/rec.h"
#include "pe/text.h"
#include "pe-dates.h"

/* What the scan keeps of each record. */
struct recinfo {
	size_t first, n;	/* its expressions in the document's list */
	int future;		/* the text speaks of the future */
	int dateonly;		/* a date and little else (a dated line) */
	int evidence;		/* may count as DCT evidence */
	int text;		/* has a text that was scanned */
};

static struct dates_list all;
static struct recinfo *ri;
static size_t ricap;
static struct dates_value *vals;
static size_t valcap;
static struct pe_buf jb;

static int
kind_is(const struct pe_rec *r, const char *k)
{
	return r->kind != NULL && strcmp(r->kind, k) == 0;
}

/* Little besides dates: no kana and at most four kanji outside them
 * (発行, 更新日; not 2025年4月の動き), no 。, at most thirty Latin
 * letters (Bloomberg ... at 8:03 JST). */
static int
date_only(const struct dates_text *t, const struct dates_expr *e, size_t ne)
{
	size_t i, k = 0;
	int jp = 0, kana = 0, latin = 0;

	for (i = 0; i < t->n; i++) {
		uint32_t c = t->c[i];

		while (k < ne && e[k].end <= i)
			k++;
		if (k < ne && e[k].start <= i)
			continue;
		if (c == 0x3002)
			return 0;
		if (pe_is_kana(c))
			kana++;
		else if (pe_is_han(c))
			jp++;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			latin++;
	}
	return kana == 0 && jp <= 4 && latin <= 30;
}

/* The first absolute date of at least month precision among e[0..n). */
static int
abs_date(const struct dates_expr *e, size_t n, struct dates_point *p)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((e[i].type != DT_DATE && e[i].type != DT_TIME) ||
		    e[i].y == DATES_NA || e[i].rel_unit != DU_NONE ||
		    e[i].m == 0 || e[i].fy || e[i].gran < DU_MONTH)
			continue;
		p->y = e[i].y;
		p->m = e[i].m;
		p->d = e[i].gran >= DU_DAY ? e[i].d : 0;
		return 1;
	}
	return 0;
}

static int
later(const struct dates_point *a, const struct dates_point *b)
{
	if (a->y != b->y)
		return a->y > b->y;
	if (a->m != b->m)
		return a->m > b->m;
	return a->d > b->d;
}

/* The DCT from the text (rule 3): 1 and p, or 0. */
static int
from_text(struct pe_doc *doc, struct dates_point *p)
{
	struct dates_point best = { 0, 0, 0 }, q;
	size_t r, i, units = 0;
	int maxy = 0;

	for (r = 0; r < doc->n; r++)
		units += ri[r].text;
	if (units < 8)
		return 0;
	for (r = 0; r < doc->n; r++) {
		if (!ri[r].evidence)
			continue;
		for (i = ri[r].first; i < ri[r].first + ri[r].n; i++) {
			const struct dates_expr *e = &all.e[i];

			if ((e->type != DT_DATE && e->type != DT_TIME) ||
			    e->y == DATES_NA || e->rel_unit != DU_NONE ||
			    e->fy || e->gran < DU_YEAR || e->gran == DU_WEEK)
				continue;
			if (e->y > maxy)
				maxy = e->y;
			q.y = e->y;
			q.m = e->gran >= DU_MONTH ? e->m : 0;
			q.d = e->gran >= DU_DAY ? e->d : 0;
			if (q.d) {	/* an event: written after it */
				long z = dates_days(q.y, q.m, q.d) + 1;

				dates_civil(z, &q.y, &q.m, &q.d);
			}
			if (later(&q, &best))
				best = q;
		}
	}
	if (maxy == 0)
		return 0;
	for (r = 0; r < doc->n; r++) {
		if (!ri[r].evidence)
			continue;
		for (i = ri[r].first; i < ri[r].first + ri[r].n; i++) {
			const struct dates_expr *e = &all.e[i];
			long z;

			if (e->type != DT_DATE || e->y != DATES_NA ||
			    e->y2 != DATES_NA || e->rel_unit != DU_NONE ||
			    e->m == 0 || e->d == 0 || e->inherited ||
			    e->d > dates_mdays(maxy, e->m))
				continue;
			z = dates_days(maxy, e->m, e->d) + 1;
			dates_civil(z, &q.y, &q.m, &q.d);
			if (later(&q, &best))
				best = q;
		}
	}
	*p = best;
	p->d = 0;
	return p->y > 0;
}

/* Rules 1-3: 1 and p, *from, or 0. */
static int
infer_dct(struct pe_doc *doc, struct dates_point *p, const char **from)
{
	size_t r, seen = 0, total = 0;

	for (r = 0; r < doc->n; r++)
		total += ri[r].text;
	for (r = 0; r < doc->n && seen < 5; r++) {
		if (!ri[r].text)
			continue;
		seen++;
		if (ri[r].dateonly && abs_date(all.e + ri[r].first, ri[r].n, p)) {
			*from = "header";
			return 1;
		}
	}
	if (total >= 2) {
		for (r = doc->n, seen = 0; r > 0 && seen < 8; r--) {
			if (!ri[r - 1].text)
				continue;
			seen++;
			if (ri[r - 1].dateonly && abs_date(all.e + ri[r - 1].first,
			    ri[r - 1].n, p)) {
				*from = "footer";
				return 1;
			}
		}
	}
	if (from_text(doc, p)) {
		*from = "text";
		return 1;
	}
	return 0;
}

static void
add_str(struct pe_buf *b, const char *key, const char *v, size_t n, int comma)
{
	if (comma)
		pe_buf_addc(b, ',');
	pe_buf_addc(b, '"');
	pe_buf_add(b, key, strlen(key));
	pe_buf_add(b, "\":\"", 3);
	pe_buf_json(b, v, n);
	pe_buf_addc(b, '"');
}

static void
add_int(struct pe_buf *b, const char *key, size_t v)
{
	char num[32];
	int n = snprintf(num, sizeof(num), ",\"%s\":%zu", key, v);

	pe_buf_add(b, num, (size_t)n);
}

static const char *const type_names[] = { "DATE", "TIME", "DURATION", "SET" };
static const char *const mod_names[] = { "", "START", "MID", "END", "APPROX",
	"BEFORE", "AFTER" };

/* One annotation as a JSON object (without braces' context). */
static void
ann_json(struct pe_buf *b, const struct pe_rec *r, const struct dates_expr *e,
    const struct dates_value *v, const struct dates_value *other)
{
	pe_buf_addc(b, '{');
	add_str(b, "text", r->text + e->bstart, e->bend - e->bstart, 0);
	add_str(b, "type", type_names[e->type], strlen(type_names[e->type]), 1);
	add_str(b, "value", v->value, strlen(v->value), 1);
	add_int(b, "start", e->start);
	add_int(b, "end", e->end);
	if (e->mod > 0 && e->mod < 7)
		add_str(b, "mod", mod_names[e->mod], strlen(mod_names[e->mod]),
		    1);
	add_str(b, "anchor", v->anchor, strlen(v->anchor), 1);
	if (e->freq[0])
		add_str(b, "freq", e->freq, strlen(e->freq), 1);
	if (e->quant[0])
		add_str(b, "quant", e->quant, strlen(e->quant), 1);
	if (other != NULL) {
		const struct dates_value *a = e->range_first ? v : other;
		const struct dates_value *z = e->range_first ? other : v;

		pe_buf_add(b, ",\"range\":[\"", 11);
		pe_buf_json(b, a->value, strlen(a->value));
		pe_buf_add(b, "\",\"", 3);
		pe_buf_json(b, z->value, strlen(z->value));
		pe_buf_add(b, "\"]", 2);
	}
	pe_buf_addc(b, '}');
}

/* --each: one record per annotation. */
static void
write_each(const struct pe_rec *r, const struct dates_expr *e,
    const struct dates_value *v, const struct dates_value *other)
{
	char rng[96];

	pe_out_begin();
	if (r->doc)
		pe_out_str("doc", r->doc, strlen(r->doc));
	if (r->id)
		pe_out_str("id", r->id, strlen(r->id));
	pe_out_str("text", r->text + e->bstart, e->bend - e->bstart);
	pe_out_str("type", type_names[e->type], strlen(type_names[e->type]));
	pe_out_str("value", v->value, strlen(v->value));
	pe_out_int("start", (long long)e->start);
	pe_out_int("end", (long long)e->end);
	if (e->mod > 0 && e->mod < 7)
		pe_out_str("mod", mod_names[e->mod], strlen(mod_names[e->mod]));
	pe_out_str("anchor", v->anchor, strlen(v->anchor));
	if (e->freq[0])
		pe_out_str("freq", e->freq, strlen(e->freq));
	if (e->quant[0])
		pe_out_str("quant", e->quant, strlen(e->quant));
	if (other != NULL) {
		const struct dates_value *a = e->range_first ? v : other;
		const struct dates_value *z = e->range_first ? other : v;
		int n = snprintf(rng, sizeof(rng), "[\"%s\",\"%s\"]", a->value,
		    z->value);

		pe_out_raw("range", rng, (size_t)n);
	}
	pe_out_end();
}

/*
 * Texts are scanned in windows of at most WINDOW bytes, cut after a 。,
 * a line break or ". " in the window's last quarter (else at a character
 * boundary), so that the code point arrays stay small whatever the
 * record holds (a 50 MB text field).  No expression crosses such a cut.
 */
#define WINDOW 262144

static size_t
window_end(const char *s, size_t from, size_t len)
{
	size_t end = from + WINDOW, k;

	if (end >= len)
		return len;
	for (k = end; k > end - WINDOW / 4; k--) {
		if (s[k - 1] == '\n' || (s[k - 1] == ' ' && s[k - 2] == '.'))
			return k;
		if (k >= 3 && (unsigned char)s[k - 3] == 0xE3 &&
		    (unsigned char)s[k - 2] == 0x80 &&
		    (unsigned char)s[k - 1] == 0x82)	/* 。 */
			return k;
	}
	while (end > from && ((unsigned char)s[end] & 0xC0) == 0x80)
		end--;
	return end;
}

/* Scan one text, window by window, appending to all. */
static void
scan_text(const struct dates_lex *lex, struct dates_text *t, const char *s,
    size_t len, int *future, int *dateonly)
{
	size_t wb = 0, we, cpbase = 0, first = all.n, i;

	*future = *dateonly = 0;
	while (wb < len) {
		size_t before = all.n;

		we = window_end(s, wb, len);
		dates_text_set(t, s + wb, we - wb);
		dates_scan(lex, t, &all);
		for (i = before; i < all.n; i++) {
			all.e[i].start += cpbase;
			all.e[i].end += cpbase;
			all.e[i].bstart += wb;
			all.e[i].bend += wb;
		}
		if (all.n > before) {
			*future |= dates_future(lex, t);
			if (wb == 0 && we == len)
				*dateonly = date_only(t, all.e + first,
				    all.n - first);
		}
		cpbase += t->n;
		wb = we;
	}
}

/* Scan every record with a text; fills all and ri. */
static void
scan_doc(const struct dates_lex *lex, struct dates_text *t,
    struct pe_doc *doc)
{
	size_t r;

	all.n = 0;
	if (ricap < doc->n) {
		ricap = doc->n;
		ri = pe_xrealloc(ri, ricap * sizeof(*ri));
	}
	memset(ri, 0, doc->n * sizeof(*ri));
	for (r = 0; r < doc->n; r++) {
		struct pe_rec *rec = &doc->r[r];

		ri[r].first = all.n;
		if (!rec->ok || rec->text == NULL || kind_is(rec, "doc") ||
		    kind_is(rec, "url"))
			continue;
		ri[r].text = 1;
		if (!dates_maybe(lex, rec->text, rec->textlen))
			continue;
		scan_text(lex, t, rec->text, rec->textlen, &ri[r].future,
		    &ri[r].dateonly);
		ri[r].n = all.n - ri[r].first;
		if (ri[r].n == 0)
			continue;
		ri[r].evidence = !ri[r].future && !kind_is(rec, "quote") &&
		    !kind_is(rec, "page-number") && !kind_is(rec, "boilerplate");
	}
}

void
dates_doc(const struct dates_lex *lex, struct dates_text *t,
    struct pe_doc *doc, const struct dates_point *optdct)
{
	struct pe_rec *docrec = pe_doc_record(doc);
	struct dates_ctx ctx;
	struct dates_point p;
	const char *from = NULL;
	char buf[64];
	size_t r, i;
	int have = 0, own = 0;

	scan_doc(lex, t, doc);
	memset(&ctx, 0, sizeof(ctx));
	ctx.fystart = lex->fystart;
	if (docrec != NULL && pe_rec_has(docrec, "dct")) {
		char *d = pe_rec_str(docrec, "dct", NULL);

		own = 1;
		if (optdct == NULL) {
			if (d != NULL && dates_parse_dct(d, &p) == 0)
				have = 1;
			else
				pe_warn("%s:%lu: the doc record's dct is not a date "
				    "(YYYY, YYYY-MM or YYYY-MM-DD); ignored",
				    docrec->file, docrec->lineno);
		}
		free(d);
	}
	if (optdct != NULL) {
		p = *optdct;
		have = 1;
		from = "option";
	} else if (!have && !own) {
		have = infer_dct(doc, &p, &from);
	}
	if (have)
		ctx.dct = p;
	if (have && from != NULL && docrec != NULL && docrec->ok &&
	    !own) {
		int n;

		dates_point_str(&p, buf + 1);
		buf[0] = '"';
		n = (int)strlen(buf);
		buf[n++] = '"';
		pe_rec_add(docrec, "dct", buf, (size_t)n);
		n = snprintf(buf, sizeof(buf), "\"%s\"", from);
		pe_rec_add(docrec, "dct_from", buf, (size_t)n);
	}

	if (valcap < all.n) {
		valcap = all.n;
		vals = pe_xrealloc(vals, valcap * sizeof(*vals));
	}
	for (r = 0; r < doc->n; r++) {
		struct pe_rec *rec = &doc->r[r];

		if (ri[r].n == 0)
			continue;
		ctx.future = ri[r].future;
		memset(&ctx.day_in_text, 0, sizeof(ctx.day_in_text));
		for (i = ri[r].first; i < ri[r].first + ri[r].n; i++)
			dates_resolve(&all.e[i], &ctx, &vals[i]);
		jb.len = 0;
		pe_buf_addc(&jb, '[');
		for (i = ri[r].first; i < ri[r].first + ri[r].n; i++) {
			const struct dates_expr *e = &all.e[i];
			const struct dates_value *other = NULL;

			if (e->range >= 0)
				other = &vals[e->range];
			if (pe_opt.each) {
				write_each(rec, e, &vals[i], other);
				continue;
			}
			if (i > ri[r].first)
				pe_buf_addc(&jb, ',');
			ann_json(&jb, rec, e, &vals[i], other);
		}
		pe_buf_addc(&jb, ']');
		if (!pe_opt.each)
			pe_rec_add(rec, "dates", jb.s, jb.len);
	}
}

void
dates_doc_free(void)
{
	free(all.e);
	free(ri);
	free(vals);
	pe_buf_free(&jb);
	memset(&all, 0, sizeof(all));
	ri = NULL;
	vals = NULL;
	ricap = valcap = 0;
}
