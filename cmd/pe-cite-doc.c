/*
 * pe-cite-doc.c - one document: its notes found, its markers linked to
 * them, its URLs, document symbols and quotation credits annotated.
 *
 * The records of a document are read twice.  The first pass gives each
 * record a role:
 *
 *	note	a footnote (pe-split's kind "footnote"), a record that starts
 *		with a note's own marker ("[^1]:", "<sup>i</sup>", "※1"), or
 *		a numbered item under a notes heading (注, Notes, 参考文献:
 *		CW_NOTEHEAD) - wherever it stands, before the body too (PDF
 *		extraction puts notes where the page had them)
 *	ref	a reference (kind "reference", or an unnumbered item under a
 *		notes heading)
 *	credit	the source line under a quotation (a "reference" right after
 *		"quote" records), or a "Source date" block of meta lines
 *		after the body (Bloomberg 2026年1月1日 / title / author)
 *	body	everything else
 *
 * The second pass reads the body for markers and links each to the note
 * with the same number written the same way (the nearest after it, else
 * the nearest before); bare digits count only when a note of that
 * number exists.  Every record is read for URLs (a repeat of one seen
 * earlier in the document is marked "repeat") and document symbols.
 * Notes, references and credits get "csl"; a marker with no note and a
 * numbered note no marker cites are reported on stderr (FILE:LINE of
 * the record), without changing the exit status.
 *
 * The document date for 「1月8日付」 is the doc record's "dct" (pe-dates
 * writes it), else a date standing alone on one of the first or last
 * lines of the document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "pe/cli.h"
#include "pe/out.h"
#include "pe/rec.h"
#include "pe/text.h"
#include "pe-cite.h"

enum role { R_NONE, R_BODY, R_NOTE, R_REF, R_CREDIT, R_CONT };

#define MAXITEMS 8
#define MAXBARE 1000

struct rinfo {
	enum role role;
	char key[16];			/* a note's own marker, normalized */
	enum cite_style style;
	size_t body;			/* bytes of the note's marker + space */
	int cited;
	int credit_of;			/* credit: the last record it credits */
	int credited_by;		/* quote: its credit record, or -1 */
	struct cite_hits hits;		/* markers, URLs, symbols */
	int *note;			/* per hit: the linked note, or -1 */
	int *repeat;			/* per hit: a URL seen before */
	char *joined;			/* a note with continuation lines */
	struct cite_item *items;	/* MAXITEMS, for the records that
					   are citations; else NULL */
	int nitems;
};

static int
kind_is(const struct pe_rec *r, const char *k)
{
	return r->kind != NULL && strcmp(r->kind, k) == 0;
}

/* Is the heading text a notes heading (注, Notes:, ## References)? */
static int
notes_heading(const char *s, size_t n)
{
	size_t a = 0, e = n;

	while (a < e && (s[a] == '#' || s[a] == ' ' || s[a] == '*' ||
	    (s[a] >= '0' && s[a] <= '9') || s[a] == '.'))
		a++;
	while (e > a && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == '*' ||
	    s[e - 1] == '.'))
		e--;
	/* ： 】 */
	if (e - a > 3 && (memcmp(s + e - 3, "\xef\xbc\x9a", 3) == 0 ||
	    memcmp(s + e - 3, "\xe3\x80\x91", 3) == 0))
		e -= 3;
	if (e - a > 3 && memcmp(s + a, "\xe3\x80\x90", 3) == 0)	/* 【 */
		a += 3;
	return e > a && e - a <= 40 && cite_word(CW_NOTEHEAD, s + a, e - a);
}

/* The document date: "dct" on the doc record, else a date alone on one
 * of the first or last five records. */
static void
doc_date(struct pe_doc *doc, struct cite_date *dct)
{
	struct pe_rec *d = pe_doc_record(doc);
	char *v;
	size_t i, k, l, a, e, vlen;
	int seen;

	memset(dct, 0, sizeof(*dct));
	if (d != NULL && (v = pe_rec_str(d, "dct", &vlen)) != NULL) {
		cite_date_at(v, vlen, dct);
		free(v);
		if (dct->y)
			return;
	}
	for (k = 0; k < 2; k++) {
		seen = 0;
		for (i = 0; i < doc->n && seen < 5; i++) {
			const struct pe_rec *r = &doc->r[k ? doc->n - 1 - i : i];

			if (r->text == NULL || kind_is(r, "doc"))
				continue;
			seen++;
			a = 0;
			e = r->textlen;
			while (a < e && r->text[a] == ' ')
				a++;
			while (e > a && (r->text[e - 1] == ' ' || r->text[e - 1] == '.'))
				e--;
			if (e - a > 40)
				continue;
			l = cite_date_at(r->text + a, e - a, dct);
			if (l > 0 && dct->y && (a + l == e || a + l + 3 >= e))
				return;
			memset(dct, 0, sizeof(*dct));
		}
	}
}

static int
is_latin_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/*
 * "Bloomberg 2026年1月1日 at 8:03 JST": a source name, then a date.
 * Returns the byte where the date starts, or 0.
 */
static size_t
source_date_line(const char *s, size_t n, struct cite_date *d)
{
	size_t i;

	if (n < 6 || n > 120 || !is_latin_upper((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n && i < 48; i++) {
		if (s[i - 1] != ' ')
			continue;
		if (cite_date_at(s + i, n - i, d) > 0 && d->y && d->m) {
			size_t k;

			for (k = 0; k + 1 < i; k++)
				if (s[k] == '.' || s[k] == ',' || s[k] == ':' ||
				    (unsigned char)s[k] >= 0x80)
					return 0;
			return i;
		}
	}
	return 0;
}

/* A person's name in Latin letters: 2-4 capitalized words. */
static int
latin_person(const char *s, size_t n)
{
	size_t i = 0, words = 0;

	while (i < n) {
		if (!is_latin_upper((unsigned char)s[i]))
			return 0;
		while (i < n && s[i] != ' ') {
			if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
			    s[i] <= 'Z') || s[i] == '.' || s[i] == '-' ||
			    s[i] == '\''))
				return 0;
			i++;
		}
		words++;
		while (i < n && s[i] == ' ')
			i++;
	}
	return words >= 2 && words <= 4;
}

static int
prev_text(const struct pe_doc *doc, int i)
{
	for (i--; i >= 0; i--) {
		const struct pe_rec *r = &doc->r[i];

		if (r->text == NULL || kind_is(r, "page-number") ||
		    kind_is(r, "doc"))
			continue;
		return i;
	}
	return -1;
}

static void
set_role(struct pe_doc *doc, struct rinfo *ri)
{
	int i, section = 0, last_note = -1;
	size_t m;
	char key[16];
	enum cite_style st;

	for (i = 0; i < (int)doc->n; i++) {
		struct pe_rec *r = &doc->r[i];
		struct rinfo *x = &ri[i];

		x->credit_of = -1;
		x->credited_by = -1;
		if (r->text == NULL || !r->ok || kind_is(r, "doc")) {
			x->role = R_NONE;
			continue;
		}
		x->role = R_BODY;
		if (kind_is(r, "heading") || kind_is(r, "title")) {
			section = notes_heading(r->text, r->textlen);
			last_note = -1;
			continue;
		}
		if (kind_is(r, "page-number") || kind_is(r, "url"))
			continue;
		/* a note's marker stands in its first bytes */
		m = cite_note_marker(r->text, r->textlen < 96 ? r->textlen : 96,
		    kind_is(r, "footnote") || section, key, &st);
		/* a loose "1 " needs a footnote or a notes section; the strict
		 * shapes stand for a note at the start of a record anywhere,
		 * except [1] and ^1 in running text */
		if (m > 0 && m < r->textlen && (kind_is(r, "footnote") || section ||
		    st == CS_FOOT || ((st == CS_SUP || st == CS_KOME ||
		    st == CS_CHU || st == CS_SUPDIGIT) && !kind_is(r, "quote")) ||
		    (st == CS_BRACKET && kind_is(r, "reference")))) {
			x->role = R_NOTE;
			memcpy(x->key, key, sizeof(x->key));
			x->style = st;
			x->body = m;
			last_note = i;
			continue;
		}
		if (kind_is(r, "footnote")) {
			x->role = R_NOTE;
			x->body = 0;
			last_note = i;
			continue;
		}
		if (section && last_note >= 0 && !kind_is(r, "reference") &&
		    ri[last_note].key[0] != '\0' && (kind_is(r, "list-item") ||
		    kind_is(r, "sentence"))) {
			/* a note split by pe-split: it goes on here */
			x->role = R_CONT;
			x->credit_of = last_note;
			continue;
		}
		if (kind_is(r, "reference") || (section && (kind_is(r, "list-item") ||
		    kind_is(r, "sentence")))) {
			int p = prev_text(doc, i);

			if (!section && p >= 0 && kind_is(&doc->r[p], "quote")) {
				x->role = R_CREDIT;
				x->credit_of = p;
			} else
				x->role = R_REF;
			continue;
		}
		if (kind_is(r, "meta") && !section) {
			struct cite_date d;
			int p = prev_text(doc, i);

			if (p >= 0 && (kind_is(&doc->r[p], "sentence") ||
			    kind_is(&doc->r[p], "quote")) &&
			    source_date_line(r->text, r->textlen, &d) > 0) {
				x->role = R_CREDIT;
				x->credit_of = p;
			}
		}
	}
}

/* Notes continued on the records after them: their text joined. */
static void
join_notes(struct pe_doc *doc, struct rinfo *ri)
{
	int i, k;

	for (i = 0; i < (int)doc->n; i++) {
		struct pe_buf b = { 0 };

		if (ri[i].role != R_NOTE)
			continue;
		for (k = i + 1; k < (int)doc->n && ri[k].role == R_CONT &&
		    ri[k].credit_of == i; k++)
			;
		if (k == i + 1)
			continue;
		pe_buf_add(&b, doc->r[i].text + ri[i].body,
		    doc->r[i].textlen - ri[i].body);
		for (k = i + 1; k < (int)doc->n && ri[k].role == R_CONT &&
		    ri[k].credit_of == i; k++) {
			pe_buf_addc(&b, ' ');
			pe_buf_add(&b, doc->r[k].text, doc->r[k].textlen);
		}
		pe_buf_addc(&b, '\0');
		ri[i].joined = b.s;
	}
}

/* Are a body marker's style and a note's style written alike? */
static int
style_match(enum cite_style m, enum cite_style nst)
{
	if (m == nst)
		return 2;
	switch (m) {
	case CS_BARE:
	case CS_SUPDIGIT:
		return nst == CS_BARE || nst == CS_SUPDIGIT || nst == CS_PAREN;
	case CS_BRACKET:
	case CS_CARET:
	case CS_CHU:
		return nst == CS_BARE || nst == CS_PAREN || nst == CS_BRACKET ||
		    nst == CS_SUP || nst == CS_CHU || nst == CS_FOOT;
	case CS_SUP:
		return nst == CS_BARE || nst == CS_SUPDIGIT || nst == CS_PAREN;
	default:
		return 0;
	}
}

/* The notes of a document by key, for the markers to find them. */
struct noteidx {
	const struct rinfo *ri;
	int *v;			/* note record indices, by key then position */
	int n;
};

static const struct rinfo *sort_ri;

static int
note_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	int c = strcmp(sort_ri[x].key, sort_ri[y].key);

	return c ? c : (x > y) - (x < y);
}

static void
noteidx_build(struct noteidx *ix, const struct rinfo *ri, int n)
{
	int i;

	ix->ri = ri;
	ix->n = 0;
	ix->v = pe_xmalloc((size_t)(n + 1) * sizeof(int));
	for (i = 0; i < n; i++)
		if (ri[i].role == R_NOTE && ri[i].key[0] != '\0')
			ix->v[ix->n++] = i;
	sort_ri = ri;
	qsort(ix->v, (size_t)ix->n, sizeof(int), note_cmp);
}

/*
 * The note for a marker at record i: same key, written alike, nearest
 * after i, else nearest before; -1 when none.  Only the notes of that
 * key are looked at, and only a few on each side of the marker.
 */
static int
find_note(const struct noteidx *ix, int i, const struct cite_hit *m)
{
	int lo = 0, hi = ix->n, a, b, k, best = -1, bestq = 0, q;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (strcmp(ix->ri[ix->v[mid]].key, m->key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	a = lo;
	for (b = a; b < ix->n && strcmp(ix->ri[ix->v[b]].key, m->key) == 0; b++)
		;
	/* the first note of the key after the marker */
	lo = a;
	hi = b;
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (ix->v[mid] <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < b && k < lo + 32; k++)
		if ((q = style_match(m->style, ix->ri[ix->v[k]].style)) > bestq) {
			best = ix->v[k];
			bestq = q;
			if (q == 2)
				return best;
		}
	for (k = lo - 1; k >= a && k >= lo - 32; k--)
		if ((q = style_match(m->style, ix->ri[ix->v[k]].style)) > bestq) {
			best = ix->v[k];
			bestq = q;
			if (q == 2)
				break;
		}
	return best;
}

static int
hit_cmp(const void *a, const void *b)
{
	const struct cite_hit *x = a, *y = b;

	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

/* URLs seen in the document, for "repeat": a hash set. */
struct seen {
	char **v;		/* open addressing; NULL is free */
	size_t n, cap;
};

static size_t
url_hash(const char *u, size_t l)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < l; i++) {
		h ^= (unsigned char)u[i];
		h *= 16777619u;
	}
	return h;
}

/* Add u; returns 1 when it was there already.  A trailing slash does
 * not make another URL. */
static int
seen_add(struct seen *s, const char *u)
{
	size_t l = strlen(u), i, k;

	while (l > 0 && u[l - 1] == '/')
		l--;
	if ((s->n + 1) * 2 > s->cap) {
		struct seen old = *s;

		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = pe_xcalloc(s->cap, sizeof(*s->v));
		for (k = 0; k < old.cap; k++) {
			if (old.v[k] == NULL)
				continue;
			for (i = url_hash(old.v[k], strlen(old.v[k])) & (s->cap - 1);
			    s->v[i] != NULL; i = (i + 1) & (s->cap - 1))
				;
			s->v[i] = old.v[k];
		}
		free(old.v);
	}
	for (i = url_hash(u, l) & (s->cap - 1); s->v[i] != NULL;
	    i = (i + 1) & (s->cap - 1))
		if (strlen(s->v[i]) == l && memcmp(s->v[i], u, l) == 0)
			return 1;
	s->v[i] = pe_xmalloc(l + 1);
	memcpy(s->v[i], u, l);
	s->v[i][l] = '\0';
	s->n++;
	return 0;
}

static void
seen_free(struct seen *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->v[i]);
	free(s->v);
}

static void
str_field(struct pe_buf *b, const char *k, const char *v, size_t n)
{
	pe_buf_add(b, ",\"", 2);
	pe_buf_add(b, k, strlen(k));
	pe_buf_add(b, "\":\"", 3);
	pe_buf_json(b, v, n);
	pe_buf_addc(b, '"');
}

static const char *const kind_name[] = {
	"marker", "url", "document-symbol", "quote-source"
};

/* One cites[] entry as JSON, without the braces' neighbours. */
static void
entry_json(struct pe_buf *b, const struct pe_doc *doc, const struct rinfo *ri,
    int i, size_t h, struct pe_cpcursor *cur)
{
	const struct pe_rec *r = &doc->r[i];
	const struct cite_hit *x = &ri[i].hits.v[h];
	char tmp[64];
	int n;

	pe_buf_add(b, "{\"text\":\"", 9);
	pe_buf_json(b, r->text + x->b, x->e - x->b);
	n = snprintf(tmp, sizeof(tmp), "\",\"start\":%zu,\"end\":%zu",
	    pe_cpcursor_at(cur, x->b), pe_cpcursor_at(cur, x->e));
	pe_buf_add(b, tmp, (size_t)n);
	str_field(b, "kind", kind_name[x->kind], strlen(kind_name[x->kind]));
	if (x->kind == CK_MARKER) {
		/* the marker as written: "iv" of <sup>iv</sup>, "1" of ※1 */
		str_field(b, "marker", x->key, strlen(x->key));
		if (ri[i].note[h] >= 0) {
			const char *id = doc->r[ri[i].note[h]].id;

			if (id != NULL)
				str_field(b, "note", id, strlen(id));
		}
	} else if (x->kind == CK_URL) {
		str_field(b, "url", x->url, strlen(x->url));
		if (ri[i].repeat[h])
			pe_buf_add(b, ",\"repeat\":true", 14);
	} else if (x->kind == CK_SYMBOL) {
		str_field(b, "symbol", x->symbol, strlen(x->symbol));
		if (x->authority)
			str_field(b, "authority", x->authority, strlen(x->authority));
		if (x->locator)
			str_field(b, "locator", x->locator, strlen(x->locator));
	} else if (x->kind == CK_QUOTE) {
		const char *id = doc->r[ri[i].credited_by].id;

		if (id != NULL)
			str_field(b, "note", id, strlen(id));
	}
	pe_buf_addc(b, '}');
}

/* --each: one row for a cites[] entry. */
static void
entry_each(const struct pe_doc *doc, const struct rinfo *ri, int i, size_t h,
    struct pe_cpcursor *cur)
{
	const struct pe_rec *r = &doc->r[i];
	const struct cite_hit *x = &ri[i].hits.v[h];
	const char *id = r->id ? r->id : "", *dn = r->doc ? r->doc : "";
	const char *k = kind_name[x->kind];

	pe_out_begin();
	pe_out_str("doc", dn, strlen(dn));
	pe_out_str("id", id, strlen(id));
	pe_out_str("text", r->text + x->b, x->e - x->b);
	pe_out_int("start", (long long)pe_cpcursor_at(cur, x->b));
	pe_out_int("end", (long long)pe_cpcursor_at(cur, x->e));
	pe_out_str("kind", k, strlen(k));
	if (x->kind == CK_MARKER) {
		pe_out_str("marker", x->key, strlen(x->key));
		if (ri[i].note[h] >= 0 && doc->r[ri[i].note[h]].id != NULL)
			pe_out_str("note", doc->r[ri[i].note[h]].id,
			    strlen(doc->r[ri[i].note[h]].id));
	} else if (x->kind == CK_URL) {
		pe_out_str("url", x->url, strlen(x->url));
		if (ri[i].repeat[h])
			pe_out_raw("repeat", "true", 4);
	} else if (x->kind == CK_SYMBOL) {
		pe_out_str("symbol", x->symbol, strlen(x->symbol));
		if (x->authority)
			pe_out_str("authority", x->authority, strlen(x->authority));
		if (x->locator)
			pe_out_str("locator", x->locator, strlen(x->locator));
	} else if (x->kind == CK_QUOTE && doc->r[ri[i].credited_by].id != NULL) {
		pe_out_str("note", doc->r[ri[i].credited_by].id,
		    strlen(doc->r[ri[i].credited_by].id));
	}
	pe_out_end();
}

static void
csl_json(struct pe_buf *b, const struct pe_doc *doc, const struct rinfo *x,
    int i)
{
	const char *rid = doc->r[i].id ? doc->r[i].id : "item";
	char id[96];
	int k;

	if (x->nitems == 1) {
		cite_item_json(b, &x->items[0], rid);
		return;
	}
	pe_buf_addc(b, '[');
	for (k = 0; k < x->nitems; k++) {
		if (k > 0)
			pe_buf_addc(b, ',');
		snprintf(id, sizeof(id), "%s-%d", rid, k + 1);
		cite_item_json(b, &x->items[k], id);
	}
	pe_buf_addc(b, ']');
}

/* A credit block: the source line, then a title line and an author
 * line when they follow. */
static void
parse_block_credit(const struct pe_doc *doc, int i, struct cite_item *it)
{
	const struct pe_rec *r = &doc->r[i];
	struct cite_date d;
	size_t ds = source_date_line(r->text, r->textlen, &d);
	int k, seen = 0;

	cite_item_init(it);
	it->type = "article-newspaper";
	cite_set(it, CV_CONTAINER, r->text, ds, " ,");
	it->issued = d;
	for (k = i + 1; k < (int)doc->n && seen < 2; k++) {
		const struct pe_rec *q = &doc->r[k];

		if (q->text == NULL || !kind_is(q, "meta"))
			break;
		seen++;
		if (latin_person(q->text, q->textlen)) {
			size_t sp = q->textlen;

			while (sp > 0 && q->text[sp - 1] != ' ')
				sp--;
			cite_name_add(&it->author, q->text + sp, q->textlen - sp,
			    q->text, sp);
			break;
		}
		if (it->v[CV_TITLE] == NULL && seen == 1)
			cite_set(it, CV_TITLE, q->text, q->textlen, NULL);
	}
}

void
cite_doc(struct pe_doc *doc, const struct cite_opts *o)
{
	struct rinfo *ri;
	struct cite_ctx ctx;
	unsigned char bare[MAXBARE];
	struct seen seen = { 0 };
	struct pe_buf b = { 0 };
	struct noteidx nix;
	size_t h, nb = 0, nmarkers = 0;
	int i, k;

	if (doc->n == 0)
		return;
	ri = pe_xcalloc(doc->n, sizeof(*ri));
	doc_date(doc, &ctx.dct);
	set_role(doc, ri);
	join_notes(doc, ri);
	noteidx_build(&nix, ri, (int)doc->n);
	memset(bare, 0, sizeof(bare));
	for (i = 0; i < (int)doc->n; i++) {
		if (ri[i].role == R_NOTE && (ri[i].style == CS_BARE ||
		    ri[i].style == CS_SUPDIGIT) && ri[i].key[0] != '\0') {
			int v = atoi(ri[i].key);

			if (v > 0 && v < MAXBARE) {
				bare[v] = 1;
				if ((size_t)v + 1 > nb)
					nb = (size_t)v + 1;
			}
		}
	}
	/* markers, URLs, symbols */
	for (i = 0; i < (int)doc->n; i++) {
		struct rinfo *x = &ri[i];
		const struct pe_rec *r = &doc->r[i];

		if (x->role == R_NONE)
			continue;
		if (x->role == R_BODY || x->role == R_CREDIT)
			cite_scan_markers(r->text, r->textlen, 0, bare, nb, &x->hits);
		cite_scan_urls(r->text, r->textlen, &x->hits);
		cite_scan_symbols(r->text, r->textlen, &x->hits);
		if (x->hits.n > 1)
			qsort(x->hits.v, x->hits.n, sizeof(x->hits.v[0]), hit_cmp);
		if (x->hits.n == 0)
			continue;
		x->note = pe_xcalloc(x->hits.n + 1, sizeof(int));
		x->repeat = pe_xcalloc(x->hits.n + 1, sizeof(int));
		for (h = 0; h < x->hits.n; h++) {
			struct cite_hit *m = &x->hits.v[h];

			x->note[h] = -1;
			if (m->kind == CK_MARKER) {
				nmarkers++;
				x->note[h] = find_note(&nix, i, m);
				if (x->note[h] >= 0)
					ri[x->note[h]].cited = 1;
				else if (o->warn_links)
					pe_warn("%s:%lu: marker '%s' in %s has no note",
					    r->file, r->lineno, m->key,
					    r->id ? r->id : "a record");
			} else if (m->kind == CK_URL) {
				x->repeat[h] = seen_add(&seen, m->url);
			}
		}
	}
	/* notes, references and credits: CSL */
	for (i = 0; i < (int)doc->n; i++) {
		struct rinfo *x = &ri[i];
		const struct pe_rec *r = &doc->r[i];

		if (x->role == R_NOTE || x->role == R_REF || x->role == R_CREDIT)
			x->items = pe_xcalloc(MAXITEMS, sizeof(*x->items));

		if (x->role == R_NOTE) {
			/* a numbered reference keeps its number (CSL's
			 * citation-number); a note's marker is no part of it */
			size_t skip = kind_is(r, "reference") ? 0 : x->body;
			const char *t = x->joined ? x->joined : r->text + skip;
			size_t n = x->joined ? strlen(x->joined) : r->textlen - skip;

			x->nitems = cite_parse_any(t, n, &ctx, x->items, MAXITEMS);
			/* a list of references nobody cites by number is a
			 * bibliography, not a set of lost notes */
			if (!x->cited && x->key[0] != '\0' && o->warn_links &&
			    nmarkers > 0 && (kind_is(r, "footnote") ||
			    x->style == CS_SUP || x->style == CS_FOOT ||
			    x->style == CS_KOME || x->style == CS_CHU ||
			    x->style == CS_SUPDIGIT))
				pe_warn("%s:%lu: note '%s' (%s) is cited nowhere",
				    r->file, r->lineno, x->key, r->id ? r->id : "");
		} else if (x->role == R_REF) {
			size_t m = x->body;

			x->nitems = cite_parse_any(r->text + m, r->textlen - m, &ctx,
			    x->items, MAXITEMS);
		} else if (x->role == R_CREDIT) {
			int p = x->credit_of;

			if (kind_is(r, "meta")) {
				parse_block_credit(doc, i, &x->items[0]);
				x->nitems = 1;
			} else {
				cite_item_init(&x->items[0]);
				if (cite_parse_credit(r->text, r->textlen, &x->items[0]))
					x->nitems = 1;
				else {
					cite_item_free(&x->items[0]);
					x->nitems = cite_parse_any(r->text, r->textlen,
					    &ctx, x->items, MAXITEMS);
				}
			}
			/* the quotation it credits: the run of quote records
			 * before it (or the sentence a source block follows) */
			for (k = p; k >= 0; k--) {
				if (ri[k].role == R_NONE)
					continue;
				if (k != p && !kind_is(&doc->r[k], "quote"))
					break;
				ri[k].credited_by = i;
				if (!kind_is(&doc->r[p], "quote"))
					break;
			}
		}
	}
	/* the fields */
	for (i = 0; i < (int)doc->n; i++) {
		struct rinfo *x = &ri[i];
		struct pe_rec *r = &doc->r[i];
		struct pe_cpcursor cur;
		int any = 0;

		if (x->role == R_NONE || (x->hits.n == 0 && x->nitems == 0 &&
		    x->credited_by < 0))
			continue;
		pe_cpcursor_init(&cur, r->text);
		b.len = 0;
		pe_buf_addc(&b, '[');
		if (x->credited_by >= 0) {
			struct cite_hit *q;

			/* the whole quotation record is credited */
			if (x->hits.n == x->hits.cap) {
				x->hits.cap = x->hits.cap ? x->hits.cap * 2 : 4;
				x->hits.v = pe_xrealloc(x->hits.v,
				    x->hits.cap * sizeof(*x->hits.v));
			}
			q = &x->hits.v[x->hits.n++];
			memset(q, 0, sizeof(*q));
			q->kind = CK_QUOTE;
			q->b = 0;
			q->e = r->textlen;
			x->note = pe_xrealloc(x->note, (x->hits.n + 1) * sizeof(int));
			x->repeat = pe_xrealloc(x->repeat, (x->hits.n + 1) * sizeof(int));
			x->note[x->hits.n - 1] = -1;
			x->repeat[x->hits.n - 1] = 0;
		}
		if (o->each) {
			/* one object per citation item: entries, then the
			 * parsed citation of a note, reference or credit */
			for (h = 0; h < x->hits.n; h++)
				entry_each(doc, ri, i, h, &cur);
			if (x->nitems > 0) {
				const char *id = r->id ? r->id : "";
				const char *dn = r->doc ? r->doc : "";
				const char *kind = x->role == R_CREDIT ?
				    "quote-source" : x->role == R_NOTE ? "footnote" :
				    "reference";

				b.len = 0;
				csl_json(&b, doc, x, i);
				pe_out_begin();
				pe_out_str("doc", dn, strlen(dn));
				pe_out_str("id", id, strlen(id));
				pe_out_str("text", r->text + x->body,
				    r->textlen - x->body);
				pe_out_str("kind", kind, strlen(kind));
				if (x->key[0] != '\0')
					pe_out_str("marker", x->key, strlen(x->key));
				pe_out_raw("csl", b.s, b.len);
				pe_out_end();
			}
			continue;
		}
		for (h = 0; h < x->hits.n; h++) {
			if (any)
				pe_buf_addc(&b, ',');
			entry_json(&b, doc, ri, i, h, &cur);
			any = 1;
		}
		pe_buf_addc(&b, ']');
		/* a record that has the field already (pe-cite run twice)
		 * has it replaced (lib/rec.c) */
		if (any)
			pe_rec_add(r, "cites", b.s, b.len);
		if (x->nitems > 0) {
			b.len = 0;
			csl_json(&b, doc, x, i);
			pe_rec_add(r, "csl", b.s, b.len);
		}
	}
	pe_buf_free(&b);
	for (i = 0; i < (int)doc->n; i++) {
		cite_hits_free(&ri[i].hits);
		free(ri[i].note);
		free(ri[i].repeat);
		free(ri[i].joined);
		for (k = 0; k < ri[i].nitems; k++)
			cite_item_free(&ri[i].items[k]);
		free(ri[i].items);
	}
	free(ri);
	free(nix.v);
	seen_free(&seen);
}
