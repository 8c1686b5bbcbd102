/*
 * pe-dates-lex.c - the word lists and era table pe-dates reads with,
 * and a record's text as code points.
 *
 * The knowledge of which words are relative dates, seasons, parts of a
 * period, set words or signs of the future lives in data/dates-words.tsv
 * and data/dates-eras.tsv, so that a user can read and extend it; this
 * file only loads it.  A bad line in a data file is an error naming the
 * file and line: the program stops rather than run with half a table.
 *
 * Words are kept as folded code points (full-width ASCII to ASCII),
 * sorted by first code point and then longest first, so that a match
 * is a binary search and a few comparisons.  A bitmap of first code
 * points lets the scanner skip most characters with one test.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/text.h"
#include "pe-dates.h"

static const struct {
	const char *name;
	int cls;
} classes[] = {
	{ "year", DW_YEAR }, { "month", DW_MONTH }, { "day", DW_DAY },
	{ "week", DW_WEEK }, { "fy", DW_FY }, { "century", DW_CENTURY },
	{ "seasonrel", DW_SEASONREL }, { "same", DW_SAME }, { "ctx", DW_CTX },
	{ "season", DW_SEASON }, { "part", DW_PART }, { "half", DW_HALF },
	{ "set", DW_SET }, { "every", DW_EVERY }, { "monthen", DW_MONTHEN },
	{ "weekday", DW_WEEKDAY }, { "wdchar", DW_WDCHAR },
	{ "wdrel", DW_WDREL }, { "tz", DW_TZ }, { "timeword", DW_TIMEWORD },
	{ "ampm", DW_AMPM }, { "approxpre", DW_APPROXPRE },
	{ "approxpost", DW_APPROXPOST }, { "keep", DW_KEEP },
	{ "countcue", DW_COUNTCUE }, { "future", DW_FUTURE },
	{ "unit", DW_UNIT }, { "numen", DW_NUMEN }, { "vague", DW_VAGUE },
	{ "yearnext", DW_YEARNEXT }, { "yearprev", DW_YEARPREV },
	{ "notdate", DW_NOTDATE }, { "yearpart", DW_YEARPART },
	{ "monthpart", DW_MONTHPART }, { "fystart", DW_FYSTART },
	{ "past", DW_PAST }, { "enprep", DW_ENPREP },
	{ "unitstop", DW_UNITSTOP }, { "dur", DW_DUR }
};

static const struct {
	const char *name;
	int unit;
} units[] = {
	{ "year", DU_YEAR }, { "month", DU_MONTH }, { "day", DU_DAY },
	{ "week", DU_WEEK }, { "fy", DU_FY }, { "Y", DU_YEAR },
	{ "M", DU_MONTH }, { "W", DU_WEEK }, { "D", DU_DAY }, { "H", DU_HOUR },
	{ "MIN", DU_MIN }, { "S", DU_SEC }, { "DE", DU_DECADE },
	{ "CE", DU_CENTURY }
};

static const struct {
	const char *name;
	int mod;
} mods[] = {
	{ "START", DM_START }, { "MID", DM_MID }, { "END", DM_END },
	{ "APPROX", DM_APPROX }
};

static uint32_t
fold(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFF01 + 0x21;
	if (c == 0x3000)
		return ' ';
	return c;
}

/* s (UTF-8, NUL-terminated) as folded code points: a new array. */
static uint32_t *
to_cps(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0, k = 0;
	uint32_t *cp = pe_xmalloc((len + 1) * sizeof(*cp));

	while (i < len)
		cp[k++] = fold(pe_utf8_next(s, len, &i));
	*n = k;
	return cp;
}

static int
cmp_word(const void *a, const void *b)
{
	const struct dates_word *x = a, *y = b;

	if (x->cp[0] != y->cp[0])
		return x->cp[0] < y->cp[0] ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->cls - y->cls;
}

static int
find_class(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strcmp(classes[i].name, name) == 0)
			return classes[i].cls;
	return -1;
}

static int
find_unit(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(units[i].name, name) == 0)
			return units[i].unit;
	return -1;
}

static int
find_mod(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
		if (strcmp(mods[i].name, name) == 0)
			return mods[i].mod;
	return -1;
}

static int
season_code(const char *s)
{
	static const char *const names[] = { "SP", "SU", "FA", "WI" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i + 1;
	return -1;
}

/* An integer argument: 0 and sets *ok, or leaves *ok at 0. */
static int
int_arg(const char *s, int *ok)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < -100000 || v > 100000)
		return 0;
	*ok = 1;
	return (int)v;
}

/* Split line at tabs into at most max fields; returns how many. */
static int
split_tabs(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;

	while (n < max) {
		f[n++] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	return n;
}

/* Check and store the arguments of one word; 0, or -1 with *why set. */
static int
word_args(struct dates_lex *lex, struct dates_word *w, char **f, int nf,
    const char **why)
{
	int ok = 0, v;

	*why = "bad argument";
	switch (w->cls) {
	case DW_YEAR: case DW_MONTH: case DW_DAY: case DW_WEEK: case DW_FY:
	case DW_CENTURY: case DW_MONTHEN: case DW_WEEKDAY: case DW_WDCHAR:
	case DW_AMPM: case DW_NUMEN:
		w->a = int_arg(nf > 2 ? f[2] : NULL, &ok);
		return ok ? 0 : -1;
	case DW_HALF:
		w->a = int_arg(nf > 2 ? f[2] : NULL, &ok);
		return ok && (w->a == 1 || w->a == 2) ? 0 : -1;
	case DW_FYSTART:
		v = int_arg(nf > 2 ? f[2] : NULL, &ok);
		if (!ok || v < 1 || v > 12)
			return -1;
		lex->fystart = v;
		return 0;
	case DW_SEASONREL:
		w->a = int_arg(nf > 2 ? f[2] : NULL, &ok);
		if (!ok || nf < 4 || (w->b = season_code(f[3])) < 0)
			return -1;
		return 0;
	case DW_SEASON:
		return nf > 2 && (w->b = season_code(f[2])) > 0 ? 0 : -1;
	case DW_SAME:
		return nf > 2 && (w->b = find_unit(f[2])) > 0 ? 0 : -1;
	case DW_CTX:
		if (nf < 4 || (w->b = find_unit(f[2])) <= 0)
			return -1;
		w->a = int_arg(f[3], &ok);
		return ok ? 0 : -1;
	case DW_PART:
		return nf > 2 && (w->b = find_mod(f[2])) > 0 ? 0 : -1;
	case DW_YEARPART: case DW_MONTHPART:
		w->a = int_arg(nf > 2 ? f[2] : NULL, &ok);
		if (!ok || nf < 4 || (w->b = find_mod(f[3])) <= 0)
			return -1;
		return 0;
	case DW_SET:
		if (nf < 4 || strlen(f[2]) >= sizeof(w->s) || f[2][0] != 'P')
			return -1;
		snprintf(w->s, sizeof(w->s), "%s", f[2]);
		if (strcmp(f[3], "EACH") == 0)
			w->b = 1;
		else if (strcmp(f[3], "EVERY") == 0)
			w->b = 2;
		else
			return -1;
		return 0;
	case DW_WDREL:
		if (nf < 4)
			return -1;
		w->a = int_arg(f[2], &ok);
		if (!ok)
			return -1;
		ok = 0;
		w->b = int_arg(f[3], &ok);
		return ok && w->a >= -1 && w->a <= 2 ? 0 : -1;
	case DW_TIMEWORD:
		if (nf < 4)
			return -1;
		w->a = int_arg(f[2], &ok);
		if (!ok || w->a < 0 || w->a > 24)
			return -1;
		ok = 0;
		w->b = int_arg(f[3], &ok);
		return ok && w->b >= 0 && w->b < 60 ? 0 : -1;
	case DW_UNIT:
		return nf > 2 && (w->a = find_unit(f[2])) > 0 ? 0 : -1;
	case DW_DUR:
		if (nf < 3 || strlen(f[2]) >= sizeof(w->s) || f[2][0] != 'P')
			return -1;
		snprintf(w->s, sizeof(w->s), "%s", f[2]);
		return 0;
	case DW_VAGUE:
		if (nf < 3 || strlen(f[2]) >= sizeof(w->s) ||
		    (strcmp(f[2], "X") != 0 && strcmp(f[2], "XDE") != 0 &&
		    strcmp(f[2], "XCE") != 0))
			return -1;
		snprintf(w->s, sizeof(w->s), "%s", f[2]);
		return 0;
	default:
		return 0;
	}
}

static FILE *
open_data(const char *dir, const char *name, char *path, size_t pathsz)
{
	FILE *fp;

	snprintf(path, pathsz, "%s/%s", dir, name);
	if ((fp = fopen(path, "r")) == NULL)
		pe_warn("%s:", path);
	return fp;
}

static int
load_words(struct dates_lex *lex, const char *dir)
{
	char path[4096], *line = NULL, *f[5];
	size_t cap = 0, lineno = 0, alloc = 0;
	const char *why;
	ssize_t len;
	FILE *fp;
	int nf, bad = 0;

	if ((fp = open_data(dir, "dates-words.tsv", path, sizeof(path))) == NULL)
		return -1;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		struct dates_word w;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		nf = split_tabs(line, f, 5);
		memset(&w, 0, sizeof(w));
		if (nf < 2 || f[0][0] == '\0' || (w.cls = find_class(f[1])) < 0) {
			pe_warn("%s:%zu: %s", path, lineno, nf < 2 ?
			    "expected word<TAB>class" : "unknown class");
			bad = 1;
			continue;
		}
		if (word_args(lex, &w, f, nf, &why) < 0) {
			pe_warn("%s:%zu: %s for class %s", path, lineno, why, f[1]);
			bad = 1;
			continue;
		}
		if (w.cls == DW_FYSTART)
			continue;
		w.cp = to_cps(f[0], &w.n);
		if (lex->nw == alloc) {
			alloc = alloc ? alloc * 2 : 256;
			lex->w = pe_xrealloc(lex->w, alloc * sizeof(*lex->w));
		}
		lex->w[lex->nw++] = w;
	}
	free(line);
	fclose(fp);
	if (bad)
		return -1;
	qsort(lex->w, lex->nw, sizeof(*lex->w), cmp_word);
	return 0;
}

static int
load_eras(struct dates_lex *lex, const char *dir)
{
	char path[4096], *line = NULL, *f[4];
	size_t cap = 0, lineno = 0, alloc = 0;
	ssize_t len;
	FILE *fp;
	int nf, bad = 0;

	if ((fp = open_data(dir, "dates-eras.tsv", path, sizeof(path))) == NULL)
		return -1;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		struct dates_era e;
		struct dates_point p;
		size_t n;
		uint32_t *ab;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		nf = split_tabs(line, f, 4);
		memset(&e, 0, sizeof(e));
		if (nf < 3 || f[0][0] == '\0' || dates_parse_dct(f[2], &p) < 0 ||
		    p.d == 0) {
			pe_warn("%s:%zu: expected name<TAB>letter<TAB>YYYY-MM-DD",
			    path, lineno);
			bad = 1;
			continue;
		}
		e.y = p.y;
		e.m = p.m;
		e.d = p.d;
		if (strcmp(f[1], "-") != 0) {
			ab = to_cps(f[1], &n);
			if (n != 1 || ab[0] < 'A' || ab[0] > 'Z') {
				free(ab);
				pe_warn("%s:%zu: the letter must be one of A-Z or -",
				    path, lineno);
				bad = 1;
				continue;
			}
			e.abbr = ab[0];
			free(ab);
		}
		e.cp = to_cps(f[0], &e.n);
		if (lex->nera == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			lex->era = pe_xrealloc(lex->era, alloc * sizeof(*lex->era));
		}
		lex->era[lex->nera++] = e;
	}
	free(line);
	fclose(fp);
	return bad ? -1 : 0;
}

static void
mark(unsigned char *map, uint32_t c)
{
	if (c < 0x10000)
		map[c >> 3] |= (unsigned char)(1u << (c & 7));
}

/* Classes whose words can begin an expression (the others follow one). */
static int
starts(int cls)
{
	switch (cls) {
	case DW_YEAR: case DW_MONTH: case DW_DAY: case DW_WEEK: case DW_FY:
	case DW_CENTURY: case DW_SEASONREL: case DW_SAME: case DW_CTX:
	case DW_SET: case DW_MONTHEN: case DW_WEEKDAY: case DW_WDREL:
	case DW_TIMEWORD: case DW_AMPM: case DW_APPROXPRE: case DW_NUMEN:
	case DW_VAGUE: case DW_NOTDATE: case DW_YEARPART: case DW_MONTHPART:
	case DW_DUR:
		return 1;
	default:
		return 0;
	}
}

int
dates_lex_load(struct dates_lex *lex, const char *dir)
{
	size_t i;

	memset(lex, 0, sizeof(*lex));
	lex->fystart = 4;
	if (load_words(lex, dir) < 0 || load_eras(lex, dir) < 0)
		return -1;
	for (i = 0; i < lex->nw; i++) {
		mark(lex->first, lex->w[i].cp[0]);
		if (starts(lex->w[i].cls))
			mark(lex->start, lex->w[i].cp[0]);
	}
	for (i = 0; i < lex->nera; i++) {
		mark(lex->first, lex->era[i].cp[0]);
		mark(lex->start, lex->era[i].cp[0]);
	}
	/* what the grammar itself starts with: digits, capitals (English,
	 * R7), brackets ((木), (99～00)), kanji numerals, 第 and the units
	 * of a set written unit-first (年2回) */
	for (i = '0'; i <= '9'; i++)
		mark(lex->start, (uint32_t)i);
	for (i = 'A'; i <= 'Z'; i++)
		mark(lex->start, (uint32_t)i);
	mark(lex->start, '(');
	{
		static const uint32_t more[] = { 0x3007, 0x96F6, 0x4E00,
		    0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B,
		    0x4E5D, 0x5341, 0x767E, 0x5343, 0x7B2C, 0x5E74, 0x6708,
		    0x9031, 0x65E5 };

		for (i = 0; i < sizeof(more) / sizeof(more[0]); i++)
			mark(lex->start, more[i]);
	}
	return 0;
}

void
dates_lex_free(struct dates_lex *lex)
{
	size_t i;

	for (i = 0; i < lex->nw; i++)
		free(lex->w[i].cp);
	for (i = 0; i < lex->nera; i++)
		free(lex->era[i].cp);
	free(lex->w);
	free(lex->era);
	memset(lex, 0, sizeof(*lex));
}

static int
is_alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const struct dates_word *
dates_lex_match(const struct dates_lex *lex, const uint32_t *c, size_t n,
    size_t i, uint64_t mask)
{
	size_t lo = 0, hi = lex->nw, k;
	uint32_t c0;

	if (i >= n)
		return NULL;
	c0 = c[i];
	if (c0 < 0x10000 && !(lex->first[c0 >> 3] & (1u << (c0 & 7))))
		return NULL;
	while (lo < hi) {		/* the first word starting with c0 */
		size_t mid = (lo + hi) / 2;

		if (lex->w[mid].cp[0] < c0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < lex->nw && lex->w[k].cp[0] == c0; k++) {
		const struct dates_word *w = &lex->w[k];

		if (!(mask & DATES_BIT(w->cls)) || w->n > n - i)
			continue;
		if (memcmp(w->cp, c + i, w->n * sizeof(*c)) != 0)
			continue;
		/* a Latin word must end where the word ends */
		if (is_alpha(w->cp[w->n - 1]) && i + w->n < n &&
		    is_alpha(c[i + w->n]))
			continue;
		if (is_alpha(c0) && i > 0 && is_alpha(c[i - 1]))
			continue;
		return w;
	}
	return NULL;
}

void
dates_text_set(struct dates_text *t, const char *s, size_t len)
{
	size_t i = 0, k = 0;

	if (t->cap < len + 1) {
		t->cap = len + 1;
		t->c = pe_xrealloc(t->c, t->cap * sizeof(*t->c));
		t->boff = pe_xrealloc(t->boff, t->cap * sizeof(*t->boff));
		t->blocked = pe_xrealloc(t->blocked, t->cap);
	}
	t->s = s;
	t->len = len;
	while (i < len) {
		t->boff[k] = i;
		if ((unsigned char)s[i] < 0x80)
			t->c[k++] = (unsigned char)s[i++];
		else	/* records hand out valid UTF-8 only */
			t->c[k++] = fold(pe_utf8_fast(s, &i));
	}
	t->boff[k] = len;
	t->n = k;
	memset(t->blocked, 0, k + 1);
}

void
dates_text_free(struct dates_text *t)
{
	free(t->c);
	free(t->boff);
	free(t->blocked);
	memset(t, 0, sizeof(*t));
}
