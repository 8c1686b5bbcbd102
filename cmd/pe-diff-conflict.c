/*
 * pe-diff-conflict.c - pe-diff --conflicts: facts that documents state
 * differently.
 *
 * Two documents rarely word one fact alike (the sentences of two
 * articles about one withdrawal may share fewer than half their
 * character bigrams), so facts are keyed by their annotations, not by
 * sentence similarity.  A statement is a body record (sentence,
 * list-item, quote, heading, title: the dates of footnotes and
 * references are those of the sources they cite) that holds
 *
 *   - an act: a word of data/acts.tsv (脱退, 離脱, withdraw → withdraw;
 *     署名, sign → sign; ...), user-extensible with --acts;
 *   - participants: the norms of its entities (their text when they
 *     have none), quantities left out;
 *   - quantities: MONEY, PERCENT and QUANTITY entities and the bare
 *     numbers of the text that are not dates, ordinals, durations or
 *     parts of a name (G7);
 *   - a date: the DATE annotation nearest the act, unless a duration
 *     stands between them (就任して1年を迎えた2026年1月 dates the
 *     anniversary, not the inauguration).
 *
 * Two statements of different documents are about one fact when they
 * share an act, at least one participant, and one more piece of
 * evidence: a second participant or an equal quantity; quantities on
 * both sides that share nothing mean two facts.  Their dates are then
 * compared at the coarser granularity of the two (2026-01 agrees with
 * 2026-01-07; 2026-01-07 and 2025-01-07 differ on the year); approximate,
 * open-ended or relative values are not compared.  Missing a conflict
 * is better than inventing one, so every rule above leans that way.
 *
 * Statements linked by differing dates are grouped (union-find) into one
 * `conflict` record; with --agreements, groups linked only by agreeing
 * dates are written as `agreement` records.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pe/cli.h"
#include "pe/out.h"
#include "pe/text.h"
#include "pe-diff.h"

static const char *const conflict_cols[] = {
	"doc", "id", "kind", "field", "key", "values", "agree", "differ", NULL
};
static const char *const each_cols[] = {
	"doc", "id", "kind", "field", "value", "record", "text", NULL
};

/* ---- act words ----------------------------------------------------------- */

struct act {
	char *word, *act;	/* owned */
	size_t len;
	int latin;		/* matched as a whole word, case-insensitive */
};

static struct act *acts;
static size_t nacts;

void
diff_acts_load(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, *tab, *end;
	size_t cap = 0, i;
	ssize_t n;
	unsigned long lineno = 0;

	if (fp == NULL)
		pe_die(PE_EXIT_TROUBLE, "%s:", path);
	while ((n = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if ((tab = strchr(line, '\t')) == NULL || tab == line ||
		    tab[1] == '\0')
			pe_die(PE_EXIT_TROUBLE, "%s:%lu: want WORD<TAB>ACT", path,
			    lineno);
		*tab = '\0';
		if ((end = strchr(tab + 1, '\t')) != NULL)
			*end = '\0';
		if (pe_utf8_valid(line, strlen(line)) != strlen(line))
			pe_die(PE_EXIT_TROUBLE, "%s:%lu: not UTF-8", path, lineno);
		acts = pe_xrealloc(acts, (nacts + 1) * sizeof(*acts));
		acts[nacts].word = pe_xstrdup(line);
		acts[nacts].act = pe_xstrdup(tab + 1);
		acts[nacts].len = strlen(line);
		acts[nacts].latin = 1;
		for (i = 0; i < acts[nacts].len; i++)
			if ((unsigned char)line[i] >= 0x80)
				acts[nacts].latin = 0;
		nacts++;
	}
	free(line);
	if (ferror(fp))
		pe_die(PE_EXIT_TROUBLE, "%s: read error:", path);
	fclose(fp);
}

void
diff_acts_free(void)
{
	size_t i;

	for (i = 0; i < nacts; i++) {
		free(acts[i].word);
		free(acts[i].act);
	}
	free(acts);
	acts = NULL;
	nacts = 0;
}

/* ---- TIMEX3 values ------------------------------------------------------- */

enum { DC_YEAR = 1, DC_MONTH = 2, DC_DAY = 4 };

struct tx {
	int year, decade, century;	/* -1 when unknown */
	int month, day;
	int fy;				/* a fiscal year: compared only with one */
};

static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parse a TIMEX3 date value; 0 when it is not one we compare. */
static int
tx_parse(const char *v, struct tx *t)
{
	size_t n = strlen(v);

	memset(t, 0xff, sizeof(*t));
	t->fy = 0;
	if (n >= 6 && strncmp(v, "FY", 2) == 0 && n == 6) {
		if ((t->year = digits(v + 2, 4)) < 0)
			return 0;
		t->fy = 1;
		return 1;
	}
	if (n == 2 && (t->century = digits(v, 2)) >= 0)
		return 1;
	if (n == 3 && (t->decade = digits(v, 3)) >= 0)
		return 1;
	if (n < 4)
		return 0;
	if (strncmp(v, "XXXX", 4) != 0 && (t->year = digits(v, 4)) < 0)
		return 0;
	if (n == 4)
		return 1;
	if (v[4] != '-' || n < 7)
		return 0;
	if (isdigit((unsigned char)v[5])) {
		if ((t->month = digits(v + 5, 2)) < 1 || t->month > 12)
			return 0;
	} else if (strncmp(v + 5, "XX", 2) != 0) {
		/* a season, quarter, half or week: the year alone counts */
		return t->year >= 0;
	}
	if (n == 7)
		return 1;
	if (v[7] != '-' || n < 10)
		return 0;
	if (isdigit((unsigned char)v[8])) {
		if ((t->day = digits(v + 8, 2)) < 1 || t->day > 31)
			return 0;
	} else if (strncmp(v + 8, "XX", 2) != 0)
		return 0;
	/* a time after the date (T10:00) is finer than we compare */
	return n == 10 || v[10] == 'T';
}

int
diff_date_cmp(const char *x, const char *y, int *differ, int *agree)
{
	struct tx a, b;
	int d = 0, g = 0;

	*differ = *agree = 0;
	if (!tx_parse(x, &a) || !tx_parse(y, &b) || a.fy != b.fy)
		return -1;
	if (a.year >= 0 && b.year >= 0)
		a.year == b.year ? (g |= DC_YEAR) : (d |= DC_YEAR);
	else if (a.year >= 0 && b.decade >= 0)
		a.year / 10 == b.decade ? (g |= DC_YEAR) : (d |= DC_YEAR);
	else if (b.year >= 0 && a.decade >= 0)
		b.year / 10 == a.decade ? (g |= DC_YEAR) : (d |= DC_YEAR);
	else if (a.decade >= 0 && b.decade >= 0)
		a.decade == b.decade ? (g |= DC_YEAR) : (d |= DC_YEAR);
	else if (a.century >= 0 || b.century >= 0) {
		int ca = a.century >= 0 ? a.century : a.year >= 0 ?
		    a.year / 100 : a.decade >= 0 ? a.decade / 10 : -1;
		int cb = b.century >= 0 ? b.century : b.year >= 0 ?
		    b.year / 100 : b.decade >= 0 ? b.decade / 10 : -1;

		if (ca >= 0 && cb >= 0)
			ca == cb ? (g |= DC_YEAR) : (d |= DC_YEAR);
	}
	if (a.month >= 0 && b.month >= 0)
		a.month == b.month ? (g |= DC_MONTH) : (d |= DC_MONTH);
	if (a.day >= 0 && b.day >= 0)
		a.day == b.day ? (g |= DC_DAY) : (d |= DC_DAY);
	*differ = d;
	*agree = g;
	if (d == 0 && g == 0)
		return -1;
	return d == 0;
}

/* ---- statements ---------------------------------------------------------- */

struct strset {
	char **s;
	size_t n;
};

struct stmt {
	const char *doc, *id, *text;	/* borrowed from the record */
	size_t textlen;
	size_t order;			/* input order, for output */
	struct strset acts;		/* canonical acts (borrowed) */
	size_t *actpos;			/* code point of each act's first word */
	struct strset parts;		/* participant keys (owned) */
	struct strset qty;		/* quantities (owned) */
	const char *date;		/* borrowed: the value, or NULL */
	size_t datepos;
	/* dates and durations of the record, for the act-date test */
	size_t *dstart, *dend;
	int *dur;
	const char **dval;
	size_t nd;
};

static int
set_has(const struct strset *s, const char *v)
{
	size_t i;

	/* participants compare without case: "United States", "united states" */
	for (i = 0; i < s->n; i++)
		if (strcasecmp(s->s[i], v) == 0)
			return 1;
	return 0;
}

static void
set_add(struct strset *s, char *v)
{
	if (set_has(s, v)) {
		free(v);
		return;
	}
	s->s = pe_xrealloc(s->s, (s->n + 1) * sizeof(*s->s));
	s->s[s->n++] = v;
}

static void
set_free(struct strset *s, int owned)
{
	size_t i;

	if (owned)
		for (i = 0; i < s->n; i++)
			free(s->s[i]);
	free(s->s);
}

static int
body_kind(const char *k)
{
	static const char *const body[] = {
		"sentence", "list-item", "quote", "heading", "title", NULL
	};
	size_t i;

	if (k == NULL)
		return 0;
	for (i = 0; body[i] != NULL; i++)
		if (strcmp(k, body[i]) == 0)
			return 1;
	return 0;
}

static int
ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The acts of a text: each act once, at its first word's position. */
static void
find_acts(struct stmt *st)
{
	const char *t = st->text;
	size_t n = st->textlen, i, k, p;

	for (k = 0; k < nacts; k++) {
		const struct act *a = &acts[k];

		for (p = 0; p + a->len <= n; p++) {
			if (a->latin) {
				for (i = 0; i < a->len && tolower((unsigned char)
				    t[p + i]) == tolower((unsigned char)a->word[i]);
				    i++)
					;
				if (i < a->len || (p > 0 && ascii_alpha(t[p - 1])) ||
				    (p + a->len < n && ascii_alpha(t[p + a->len])))
					continue;
			} else if (memcmp(t + p, a->word, a->len) != 0)
				continue;
			if (!set_has(&st->acts, a->act)) {
				st->acts.s = pe_xrealloc(st->acts.s,
				    (st->acts.n + 1) * sizeof(*st->acts.s));
				st->actpos = pe_xrealloc(st->actpos,
				    (st->acts.n + 1) * sizeof(*st->actpos));
				st->acts.s[st->acts.n] = a->act;
				st->actpos[st->acts.n] = pe_utf8_count(t, p);
				st->acts.n++;
			}
			break;
		}
	}
}

/* Code point ranges covered by annotations: numbers inside them are not
 * bare quantities. */
struct cover {
	size_t *s, *e;
	size_t n;
};

static void
cover_add(struct cover *c, json_t *el)
{
	json_t *s = json_object_get(el, "start"), *e = json_object_get(el, "end");

	if (!json_is_integer(s) || !json_is_integer(e) ||
	    json_integer_value(s) < 0 || json_integer_value(e) <
	    json_integer_value(s))
		return;
	c->s = pe_xrealloc(c->s, (c->n + 1) * sizeof(*c->s));
	c->e = pe_xrealloc(c->e, (c->n + 1) * sizeof(*c->e));
	c->s[c->n] = (size_t)json_integer_value(s);
	c->e[c->n] = (size_t)json_integer_value(e);
	c->n++;
}

static int
covered(const struct cover *c, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (a < c->e[i] && b > c->s[i])
			return 1;
	return 0;
}

/* Counters and units after which a number is a time, not a quantity. */
static int
time_unit(const char *s, size_t n)
{
	static const char *const units[] = {
		"年", "月", "日", "時", "分", "秒", "週", "カ月", "ヶ月", "か月",
		"ヵ月", "世紀", "歳", "才", NULL
	};
	size_t i, l;

	for (i = 0; units[i] != NULL; i++) {
		l = strlen(units[i]);
		if (n >= l && memcmp(s, units[i], l) == 0)
			return 1;
	}
	return 0;
}

/* Bare numbers of the text: quantities unless a date, an ordinal (第),
 * a time, part of a Latin name (G7, F-35) or inside an annotation. */
static void
find_numbers(struct stmt *st, const struct cover *cov)
{
	const char *t = st->text;
	size_t n = st->textlen, i = 0, j, cp = 0, cp0, b0;
	uint32_t c, prev = 0;
	char num[64];
	size_t k;

	while (i < n) {
		b0 = i;
		c = pe_utf8_next(t, n, &i);
		if (pe_digit_value(c) < 0) {
			prev = c;
			cp++;
			continue;
		}
		cp0 = cp;
		k = 0;
		j = b0;
		/* the run of digits, with thousands separators */
		for (;;) {
			size_t at = j;
			uint32_t d = j < n ? pe_utf8_next(t, n, &j) : 0;

			if (pe_digit_value(d) >= 0) {
				if (k + 1 < sizeof(num))
					num[k++] = (char)('0' + pe_digit_value(d));
				cp++;
				continue;
			}
			if ((d == ',' || d == 0xFF0C) && j < n) {
				size_t jj = j;
				uint32_t e = pe_utf8_next(t, n, &jj);

				if (pe_digit_value(e) >= 0) {
					cp++;
					continue;
				}
			}
			j = at;
			break;
		}
		num[k] = '\0';
		i = j;
		{
			size_t jj = j;
			uint32_t next = j < n ? pe_utf8_next(t, n, &jj) : 0;

			if (pe_is_latin(prev) || prev == '-' || prev == 0x7B2C ||
			    pe_is_latin(next) || next == '.' || next == 0xFF0E ||
			    time_unit(t + j, n - j) ||
			    covered(cov, cp0, cp) || prev == '/' || next == '/')
				;	/* not a bare quantity */
			else
				set_add(&st->qty, pe_xstrdup(num));
		}
		prev = '0';
	}
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Read a record's annotations into st; 0 when it states no fact. */
static int
stmt_read(struct stmt *st, struct diff_rec *r)
{
	struct cover cov = { 0 };
	json_t *arr, *el;
	size_t i;

	find_acts(st);
	if (st->acts.n == 0)
		return 0;
	arr = json_object_get(diff_rec_json(r), "entities");
	json_array_foreach(arr, i, el) {
		const char *type = jstr(el, "type"), *key;

		if (type != NULL && (strcmp(type, "MONEY") == 0 ||
		    strcmp(type, "PERCENT") == 0 ||
		    strcmp(type, "QUANTITY") == 0)) {
			json_t *amt = json_object_get(el, "amount");
			char *q;

			if (json_is_number(amt)) {
				q = json_dumps(amt, JSON_ENCODE_ANY);
			} else
				q = pe_xstrdup(jstr(el, "text") ?
				    jstr(el, "text") : "");
			if (q != NULL && *q)
				set_add(&st->qty, q);
			else
				free(q);
			cover_add(&cov, el);
			continue;
		}
		cover_add(&cov, el);
		key = jstr(el, "norm") ? jstr(el, "norm") : jstr(el, "text");
		if (key != NULL && *key)
			set_add(&st->parts, pe_xstrdup(key));
	}
	arr = json_object_get(diff_rec_json(r), "dates");
	json_array_foreach(arr, i, el) {
		const char *type = jstr(el, "type"), *val = jstr(el, "value");
		const char *mod = jstr(el, "mod"), *note = jstr(el, "note");
		json_t *s = json_object_get(el, "start");
		json_t *e = json_object_get(el, "end");

		cover_add(&cov, el);
		if (!json_is_integer(s) || !json_is_integer(e) || val == NULL)
			continue;
		st->dstart = pe_xrealloc(st->dstart, (st->nd + 1) * sizeof(size_t));
		st->dend = pe_xrealloc(st->dend, (st->nd + 1) * sizeof(size_t));
		st->dur = pe_xrealloc(st->dur, (st->nd + 1) * sizeof(int));
		st->dval = pe_xrealloc(st->dval, (st->nd + 1) * sizeof(char *));
		st->dstart[st->nd] = (size_t)json_integer_value(s);
		st->dend[st->nd] = (size_t)json_integer_value(e);
		/* only a plain date is compared; approximate, open-ended,
		 * ranged or cited ones only separate an act from a date */
		st->dur[st->nd] = !(type == NULL || strcmp(type, "DATE") == 0) ||
		    (mod != NULL && strcmp(mod, "START") != 0 &&
		    strcmp(mod, "MID") != 0 && strcmp(mod, "END") != 0) ||
		    json_object_get(el, "range") != NULL ||
		    (note != NULL && strcmp(note, "citation") == 0);
		st->dval[st->nd] = val;
		st->nd++;
	}
	find_numbers(st, &cov);
	free(cov.s);
	free(cov.e);
	return 1;
}

/* The date of act k of st: the nearest plain date with no other date or
 * duration between it and the act; NULL when there is none. */
static const char *
act_date(const struct stmt *st, size_t k)
{
	size_t a = st->actpos[k], i, j, best = SIZE_MAX, dist, bd = SIZE_MAX;

	for (i = 0; i < st->nd; i++) {
		size_t lo, hi;

		if (st->dur[i])
			continue;
		dist = st->dend[i] <= a ? a - st->dend[i] :
		    st->dstart[i] > a ? st->dstart[i] - a : 0;
		lo = st->dend[i] <= a ? st->dend[i] : a;
		hi = st->dend[i] <= a ? a : st->dstart[i];
		for (j = 0; j < st->nd; j++)
			if (j != i && st->dur[j] && st->dstart[j] >= lo &&
			    st->dend[j] <= hi)
				break;
		if (j < st->nd)
			continue;
		if (dist < bd) {
			bd = dist;
			best = i;
		}
	}
	return best == SIZE_MAX ? NULL : st->dval[best];
}

/* ---- matching and grouping ----------------------------------------------- */

struct link {
	size_t x, y;		/* statements */
	const char *act;
	const char *dx, *dy;	/* their dates for that act */
	int agree, differ;	/* DC_* bits */
	int conflict;
};

static size_t
uf_find(size_t *p, size_t i)
{
	while (p[i] != i) {
		p[i] = p[p[i]];
		i = p[i];
	}
	return i;
}

static void
part_list(struct pe_buf *b, const struct stmt *x, const struct stmt *y)
{
	size_t i, n = 0;

	pe_buf_addc(b, '[');
	for (i = 0; i < x->parts.n; i++) {
		if (!set_has(&y->parts, x->parts.s[i]))
			continue;
		if (n++ > 0)
			pe_buf_addc(b, ',');
		pe_buf_addc(b, '"');
		pe_buf_json(b, x->parts.s[i], strlen(x->parts.s[i]));
		pe_buf_addc(b, '"');
	}
	pe_buf_addc(b, ']');
}

static void
bits(struct pe_buf *b, int on, int lead)
{
	static const char *const name[] = { "year", "month", "day" };
	int i, n = 0;

	pe_buf_addc(b, '[');
	if (lead) {
		pe_buf_add(b, "\"act\",\"participants\"", 20);
		n = 1;
	}
	for (i = 0; i < 3; i++) {
		if (!(on & (1 << i)))
			continue;
		if (n++ > 0)
			pe_buf_addc(b, ',');
		pe_buf_addc(b, '"');
		pe_buf_add(b, name[i], strlen(name[i]));
		pe_buf_addc(b, '"');
	}
	pe_buf_addc(b, ']');
}

/* One conflict or agreement record for the group of links[0..n). */
static void
write_group(struct stmt *sts, struct link **g, size_t n, const char *kind,
    size_t num)
{
	struct pe_buf key = { 0 }, vals = { 0 }, ag = { 0 }, df = { 0 };
	size_t *mem = pe_xmalloc(2 * n * sizeof(*mem)), nm = 0, i, j;
	const char **mval = pe_xmalloc(2 * n * sizeof(*mval));
	int agree = DC_YEAR | DC_MONTH | DC_DAY, differ = 0;
	const struct link *l0 = g[0];
	char id[32];
	int len;

	/* the statements, each once, in input order */
	for (i = 0; i < n; i++) {
		size_t s2[2] = { g[i]->x, g[i]->y };
		const char *v2[2] = { g[i]->dx, g[i]->dy };
		int k;

		for (k = 0; k < 2; k++) {
			for (j = 0; j < nm && mem[j] != s2[k]; j++)
				;
			if (j == nm) {
				mem[nm] = s2[k];
				mval[nm++] = v2[k];
			}
		}
		differ |= g[i]->differ;
		agree &= g[i]->agree;
	}
	for (i = 1; i < nm; i++)
		for (j = i; j > 0 && sts[mem[j - 1]].order > sts[mem[j]].order;
		    j--) {
			size_t t = mem[j];
			const char *v = mval[j];

			mem[j] = mem[j - 1];
			mem[j - 1] = t;
			mval[j] = mval[j - 1];
			mval[j - 1] = v;
		}
	pe_buf_add(&key, "{\"act\":\"", 8);
	pe_buf_json(&key, l0->act, strlen(l0->act));
	pe_buf_addc(&key, '"');
	{
		const struct stmt *x = &sts[l0->x], *y = &sts[l0->y];
		size_t q, nq = 0;

		for (q = 0; q < x->qty.n; q++) {
			if (!set_has(&y->qty, x->qty.s[q]))
				continue;
			if (nq++ > 0)
				pe_buf_addc(&key, ',');
			else
				pe_buf_add(&key, ",\"quantity\":[", 13);
			pe_buf_addc(&key, '"');
			pe_buf_json(&key, x->qty.s[q], strlen(x->qty.s[q]));
			pe_buf_addc(&key, '"');
		}
		if (nq > 0)
			pe_buf_addc(&key, ']');
		pe_buf_add(&key, ",\"participants\":", 16);
		part_list(&key, x, y);
	}
	pe_buf_addc(&key, '}');
	pe_buf_addc(&vals, '[');
	for (i = 0; i < nm; i++) {
		const struct stmt *s = &sts[mem[i]];

		if (i > 0)
			pe_buf_addc(&vals, ',');
		pe_buf_add(&vals, "{\"value\":\"", 10);
		pe_buf_json(&vals, mval[i], strlen(mval[i]));
		pe_buf_add(&vals, "\",\"doc\":\"", 9);
		pe_buf_json(&vals, s->doc, strlen(s->doc));
		pe_buf_add(&vals, "\",\"id\":\"", 8);
		pe_buf_json(&vals, s->id ? s->id : "", s->id ? strlen(s->id) : 0);
		pe_buf_add(&vals, "\",\"text\":\"", 10);
		pe_buf_json(&vals, s->text, s->textlen);
		pe_buf_add(&vals, "\"}", 2);
	}
	pe_buf_addc(&vals, ']');
	bits(&ag, agree & ~differ, 1);
	bits(&df, differ, 0);
	len = snprintf(id, sizeof(id), "%c%zu", kind[0], num);
	if (pe_opt.each) {
		for (i = 0; i < nm; i++) {
			const struct stmt *s = &sts[mem[i]];

			pe_out_begin();
			pe_out_str("doc", s->doc, strlen(s->doc));
			pe_out_str("id", id, (size_t)len);
			pe_out_str("kind", kind, strlen(kind));
			pe_out_str("field", "date", 4);
			pe_out_str("value", mval[i], strlen(mval[i]));
			if (s->id)
				pe_out_str("record", s->id, strlen(s->id));
			pe_out_str("text", s->text, s->textlen);
			pe_out_end();
		}
	} else {
		const char *doc = sts[mem[0]].doc;

		pe_out_begin();
		pe_out_str("doc", doc, strlen(doc));
		pe_out_str("id", id, (size_t)len);
		pe_out_str("kind", kind, strlen(kind));
		pe_out_str("field", "date", 4);
		pe_out_raw("key", key.s, key.len);
		pe_out_raw("values", vals.s, vals.len);
		pe_out_raw("agree", ag.s, ag.len);
		pe_out_raw("differ", df.s, df.len);
		pe_out_end();
	}
	pe_buf_free(&key);
	pe_buf_free(&vals);
	pe_buf_free(&ag);
	pe_buf_free(&df);
	free(mem);
	free(mval);
}

/* Are x and y about one fact?  The shared act, or NULL. */
static const char *
same_fact(const struct stmt *x, const struct stmt *y, size_t *kx, size_t *ky)
{
	size_t i, j, ps = 0, qs = 0;

	for (i = 0; i < x->parts.n; i++)
		ps += set_has(&y->parts, x->parts.s[i]);
	for (i = 0; i < x->qty.n; i++)
		qs += set_has(&y->qty, x->qty.s[i]);
	if (ps == 0 || ps + (qs > 0) < 2)
		return NULL;
	if (x->qty.n > 0 && y->qty.n > 0 && qs == 0)
		return NULL;
	for (i = 0; i < x->acts.n; i++)
		for (j = 0; j < y->acts.n; j++)
			if (strcmp(x->acts.s[i], y->acts.s[j]) == 0) {
				*kx = i;
				*ky = j;
				return x->acts.s[i];
			}
	return NULL;
}

size_t
diff_conflicts(struct diff_file *files, size_t nf)
{
	struct stmt *sts = NULL;
	struct link *links = NULL, **grp;
	size_t nst = 0, nl = 0, f, i, j, k, *par, ngrp, nconf = 0, nagree = 0;
	int pass;

	for (f = 0; f < nf; f++) {
		for (i = 0; i < files[f].n; i++) {
			struct diff_rec *r = diff_rec_get(&files[f], i);
			struct stmt st;

			if (!r->ok || r->text == NULL || !body_kind(r->kind)) {
				diff_rec_drop(&files[f], i);
				continue;
			}
			memset(&st, 0, sizeof(st));
			st.doc = r->doc ? r->doc : files[f].name;
			st.id = r->id;
			st.text = r->text;
			st.textlen = r->textlen;
			st.order = nst;
			if (!stmt_read(&st, r)) {
				set_free(&st.acts, 0);
				free(st.actpos);
				diff_rec_drop(&files[f], i);
				continue;
			}
			sts = pe_xrealloc(sts, (nst + 1) * sizeof(*sts));
			sts[nst++] = st;
		}
	}
	for (i = 0; i < nst; i++) {
		for (j = i + 1; j < nst; j++) {
			const char *act, *dx, *dy;
			size_t kx, ky;
			int g, d, c;

			if (strcmp(sts[i].doc, sts[j].doc) == 0)
				continue;
			if ((act = same_fact(&sts[i], &sts[j], &kx, &ky)) == NULL)
				continue;
			if ((dx = act_date(&sts[i], kx)) == NULL ||
			    (dy = act_date(&sts[j], ky)) == NULL)
				continue;
			if ((c = diff_date_cmp(dx, dy, &d, &g)) < 0)
				continue;
			links = pe_xrealloc(links, (nl + 1) * sizeof(*links));
			links[nl].x = i;
			links[nl].y = j;
			links[nl].act = act;
			links[nl].dx = dx;
			links[nl].dy = dy;
			links[nl].agree = g;
			links[nl].differ = d;
			links[nl].conflict = c == 0;
			nl++;
		}
	}
	pe_out_init(pe_opt.format, pe_opt.each ? each_cols : conflict_cols);
	par = pe_xmalloc((nst + 1) * sizeof(*par));
	grp = pe_xmalloc((nl + 1) * sizeof(*grp));
	/* pass 0: conflicts; pass 1: agreements (on request) */
	for (pass = 0; pass < (diff_opt.agreements ? 2 : 1); pass++) {
		for (i = 0; i < nst; i++)
			par[i] = i;
		for (k = 0; k < nl; k++)
			if (links[k].conflict == !pass)
				par[uf_find(par, links[k].x)] =
				    uf_find(par, links[k].y);
		for (i = 0; i < nst; i++) {
			ngrp = 0;
			for (k = 0; k < nl; k++)
				if (links[k].conflict == !pass &&
				    uf_find(par, links[k].x) == i)
					grp[ngrp++] = &links[k];
			if (ngrp == 0)
				continue;
			write_group(sts, grp, ngrp, pass ? "agreement" :
			    "conflict", pass ? ++nagree : ++nconf);
		}
	}
	for (i = 0; i < nst; i++) {
		set_free(&sts[i].acts, 0);
		set_free(&sts[i].parts, 1);
		set_free(&sts[i].qty, 1);
		free(sts[i].actpos);
		free(sts[i].dstart);
		free(sts[i].dend);
		free(sts[i].dur);
		free(sts[i].dval);
	}
	free(sts);
	free(links);
	free(par);
	free(grp);
	return nconf;
}
