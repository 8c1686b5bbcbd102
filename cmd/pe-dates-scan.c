/*
 * pe-dates-scan.c - finding temporal expressions in a text.
 *
 * The scanner walks the text's code points (full-width ASCII already
 * folded, so ２０２５年 and 2025年 are read alike) and, where a character
 * can start an expression, tries each reader in turn: Japanese numbers
 * with a unit (2026年1月13日, 1年3カ月, 70年代, 20世紀, 4年毎), eras
 * (令和7年, R7), words from data/dates-words.tsv (昨年秋, 来年度, 同日,
 * 毎年), times (午前9時, 8:03 JST), numeric forms (2026/01/13, 01/31/2026,
 * 2026-01-13, 2026.1.13), English (January 7, 2026; December 2017; six
 * months; a bare year in English text) and two-digit year ranges in
 * brackets ((99～00)).  The longest reading wins; a reading of class
 * notdate (前年比) wins too, and blocks the shorter words inside it.
 * Right after a date or a time, a range mark (から, ～, -) and a second
 * expression make a range whose end takes what it lacks from its start
 * (2月1日～3日, 午後6時半－11時).
 *
 * What is never read (gold/README.md): anything inside a URL or an
 * e-mail address, tokens mixing letters and digits (document symbols
 * A/59/2005, SS-20, version strings), digits that continue a number
 * (2億7,765万, 3.5%, 500～5500 キロ: no unit), phone numbers and
 * postcodes (digits joined by hyphens that do not make a date), note
 * numbers (a bare number is a year only in English text), and a number
 * after 第 (第2次) other than a quarter.
 *
 * Spaces are allowed between a number and its unit and between the
 * parts of a date, because PDF extraction spaces them (2 月 1 日,
 * 1970 年代後半, 4 年毎).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/text.h"
#include "pe-dates.h"

#define TYPE_NOTDATE (-1)

struct sc {
	const struct dates_lex *lex;
	struct dates_text *t;
	const uint32_t *c;
	size_t n;
	int last_h24;			/* hour of the last time read, or -1 */
};

static uint32_t
C(const struct sc *s, size_t i)
{
	return i < s->n ? s->c[i] : 0;
}

static int
isdig(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int
isalpha_(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
isalnum_(uint32_t c)
{
	return isdig(c) || isalpha_(c);
}

static int
ishira(uint32_t c)
{
	return c >= 0x3041 && c <= 0x309F;
}

static int
isspace_(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

/* Skip up to max whitespace characters. */
static size_t
skipsp(const struct sc *s, size_t i, int max)
{
	while (max-- > 0 && i < s->n && isspace_(s->c[i]))
		i++;
	return i;
}

static int
kdigit(uint32_t c)
{
	switch (c) {
	case 0x3007: case 0x96F6: return 0;	/* 〇 零 */
	case 0x4E00: return 1;			/* 一 */
	case 0x4E8C: return 2;			/* 二 */
	case 0x4E09: return 3;			/* 三 */
	case 0x56DB: return 4;			/* 四 */
	case 0x4E94: return 5;			/* 五 */
	case 0x516D: return 6;			/* 六 */
	case 0x4E03: return 7;			/* 七 */
	case 0x516B: return 8;			/* 八 */
	case 0x4E5D: return 9;			/* 九 */
	default: return -1;
	}
}

static int
kmult(uint32_t c)
{
	switch (c) {
	case 0x5341: return 10;			/* 十 */
	case 0x767E: return 100;		/* 百 */
	case 0x5343: return 1000;		/* 千 */
	default: return 0;
	}
}

static int
iskanjinum(uint32_t c)
{
	return kdigit(c) >= 0 || kmult(c) > 0;
}

/*
 * Kanji after which a kanji or vague number still starts a new word:
 * 今後数十年, 過去三十年, 約五年.  After any other kanji it is part of a
 * compound (複数年, 統一, 多数).
 */
static int
han_before_ok(uint32_t p)
{
	return p == 0x5F8C || p == 0x53BB || p == 0x7D04 || p == 0x6765 ||
	    p == 0x524D || p == 0x3001;	/* 後 去 約 来 前 、 */
}

struct num {
	long v;			/* value; -1 when vague */
	int nd;			/* digits written */
	int kanji;
	const char *vague;	/* "X", "XDE", "XCE" */
	size_t end;
};

/*
 * A number at i: Arabic digits, kanji numerals (二〇二五, 千九百八十七,
 * 三十) or a vague one (数, 数十, 何).  With strict, a number that
 * continues one before it (digits, 3.5, 2,000, 2万) is refused.
 */
static int
p_num(const struct sc *s, size_t i, int strict, int kanji, struct num *o)
{
	const struct dates_word *w;
	uint32_t c = C(s, i), p = i > 0 ? s->c[i - 1] : 0;
	size_t j;

	memset(o, 0, sizeof(*o));
	if (isdig(c)) {
		if (strict && (isdig(p) || ((p == '.' || p == ',') && i > 1 &&
		    isdig(s->c[i - 2])) || p == 0x4E07 || p == 0x5104 ||
		    p == 0x5146))	/* 万 億 兆 */
			return 0;
		for (j = i; j < s->n && isdig(s->c[j]); j++) {
			if (j - i >= 6)
				return 0;
			o->v = o->v * 10 + (s->c[j] - '0');
		}
		if ((C(s, j) == '.' || C(s, j) == ',') && isdig(C(s, j + 1)))
			return 0;
		o->nd = (int)(j - i);
		o->end = j;
		return 1;
	}
	if (kanji && iskanjinum(c)) {
		long total = 0, cur = -1;
		int pos = 0, digits = 0;

		if (strict && (iskanjinum(p) || (pe_is_han(p) &&
		    !han_before_ok(p))))
			return 0;
		for (j = i; j < s->n && iskanjinum(s->c[j]) && j - i < 8; j++) {
			int d = kdigit(s->c[j]), m = kmult(s->c[j]);

			if (d >= 0) {
				cur = cur < 0 ? d : cur * 10 + d;
				digits++;
			} else {
				total += (cur < 0 ? 1 : cur) * m;
				cur = -1;
				pos = 1;
			}
		}
		if (j < s->n && iskanjinum(s->c[j]))
			return 0;
		if (pos && digits > 0 && cur >= 10)
			return 0;	/* 十二三: a range, not a number */
		o->v = total + (cur < 0 ? 0 : cur);
		o->nd = (int)(j - i);
		o->kanji = 1;
		o->end = j;
		/* 数十 and 十数 are vague, not kanji numbers */
		if ((w = dates_lex_match(s->lex, s->c, s->n, i,
		    DATES_BIT(DW_VAGUE))) != NULL && i + w->n >= j)
			goto vague;
		return 1;
	}
	if ((w = dates_lex_match(s->lex, s->c, s->n, i,
	    DATES_BIT(DW_VAGUE))) != NULL) {
vague:
		if (strict && pe_is_han(p) && !han_before_ok(p))
			return 0;	/* 複数年, 多数日 */
		o->v = -1;
		o->vague = w->s;
		o->nd = 1;
		o->end = i + w->n;
		return 1;
	}
	return 0;
}

/* A run of at most six Arabic digits at i, with no look around: the
 * parts of 2026.1.13 and H31.4.1, which p_num() takes for decimals. */
static int
p_digits(const struct sc *s, size_t i, struct num *o)
{
	size_t j;

	memset(o, 0, sizeof(*o));
	for (j = i; j < s->n && isdig(s->c[j]); j++) {
		if (j - i >= 6)
			return 0;
		o->v = o->v * 10 + (s->c[j] - '0');
	}
	o->nd = (int)(j - i);
	o->end = j;
	return o->nd > 0;
}

static void
expr_init(struct dates_expr *e, size_t start)
{
	memset(e, 0, sizeof(*e));
	e->start = start;
	e->y = DATES_NA;
	e->y2 = DATES_NA;
	e->h = e->mi = e->s = -1;
	e->range = -1;
	e->type = DT_DATE;
}

static const struct dates_word *
word(const struct sc *s, size_t i, uint64_t mask)
{
	return dates_lex_match(s->lex, s->c, s->n, i, mask);
}

/* A kanji character that could not follow a time unit in a date. */
static int
unit_stop(const struct sc *s, size_t i)
{
	return word(s, i, DATES_BIT(DW_UNITSTOP)) != NULL;
}

/* Month "N月" at i (spaces allowed before 月): 1 and its end, else 0. */
static int
p_month(const struct sc *s, size_t i, int *m, size_t *end)
{
	struct num n;
	size_t k;

	if (!p_num(s, i, 0, 1, &n) || n.vague || n.v < 1 || n.v > 12)
		return 0;
	k = skipsp(s, n.end, 2);
	if (C(s, k) != 0x6708)		/* 月 */
		return 0;
	if (C(s, k + 1) == 0x66DC || C(s, k + 1) == 0x9593)	/* 曜 間 */
		return 0;
	*m = (int)n.v;
	*end = k + 1;
	return 1;
}

/* Day "N日" at i, not a count of days. */
static int
p_day(const struct sc *s, size_t i, int *d, size_t *end)
{
	struct num n;
	size_t k;

	if (!p_num(s, i, 0, 1, &n) || n.vague || n.v < 1 || n.v > 31)
		return 0;
	k = skipsp(s, n.end, 2);
	if (C(s, k) != 0x65E5)		/* 日 */
		return 0;
	if (C(s, k + 1) == 0x9593)	/* 間 */
		return 0;
	*d = (int)n.v;
	*end = k + 1;
	return 1;
}

static int p_time(struct sc *s, size_t i, struct dates_expr *e, int strict);

/* A quarter 第N四半期 at i. */
static int
p_quarter_at(const struct sc *s, size_t i, int *q, size_t *end)
{
	struct num n;
	size_t k;

	if (C(s, i) != 0x7B2C)		/* 第 */
		return 0;
	if (!p_num(s, i + 1, 0, 1, &n) || n.vague || n.v < 1 || n.v > 4)
		return 0;
	k = skipsp(s, n.end, 1);
	if (C(s, k) != 0x56DB || C(s, k + 1) != 0x534A ||
	    C(s, k + 2) != 0x671F)	/* 四半期 */
		return 0;
	*q = (int)n.v;
	*end = k + 3;
	return 1;
}

/* A weekday after a date: (木), （木）, 木曜日. */
static size_t
weekday_suffix(const struct sc *s, size_t k, struct dates_expr *e)
{
	const struct dates_word *w;
	size_t j = skipsp(s, k, 1);

	if (C(s, j) == '(' && (w = word(s, j + 1, DATES_BIT(DW_WDCHAR))) &&
	    C(s, j + 1 + w->n) == ')') {
		e->wd = w->a;
		return j + 2 + w->n;
	}
	if ((w = word(s, j, DATES_BIT(DW_WEEKDAY))) != NULL &&
	    w->cp[0] >= 0x80) {
		e->wd = w->a;
		return j + w->n;
	}
	return k;
}

/* A part of a period after it (後半, 末, 上旬): sets the mod. */
static size_t
part_suffix(const struct sc *s, size_t k, struct dates_expr *e)
{
	const struct dates_word *w = word(s, k, DATES_BIT(DW_PART));

	if (w == NULL)
		return k;
	e->mod = w->b;
	return k + w->n;
}

/*
 * Extend a date at k: a year takes 度 (fiscal year), a quarter, a
 * season, a half, a month or a part; a month takes a day or a part; a
 * full date takes a weekday and then a time (the two make one TIME).
 */
static size_t
cont_date(struct sc *s, struct dates_expr *e, size_t k)
{
	const struct dates_word *w;
	struct dates_expr t;
	size_t end, j;
	int v;

	if (e->gran == DU_YEAR) {
		if (C(s, k) == 0x5EA6 && !e->fy) {	/* 度 */
			e->fy = 1;
			e->gran = DU_FY;
			return part_suffix(s, k + 1, e);
		}
		j = skipsp(s, k, 1);
		if (p_quarter_at(s, j, &v, &end)) {
			e->gran = DU_QUARTER;
			e->sub = v;
			return end;
		}
		if ((w = word(s, k, DATES_BIT(DW_SEASON))) != NULL) {
			e->gran = DU_SEASON;
			e->sub = w->b;
			return k + w->n;
		}
		if ((w = word(s, k, DATES_BIT(DW_HALF))) != NULL) {
			e->gran = DU_HALF;
			e->sub = w->a;
			return k + w->n;
		}
		j = skipsp(s, k, 2);
		if (p_month(s, j, &v, &end)) {
			e->m = v;
			e->gran = DU_MONTH;
			k = end;
		} else {
			return part_suffix(s, k, e);
		}
	}
	if (e->gran == DU_MONTH) {
		j = skipsp(s, k, 2);
		if (p_day(s, j, &v, &end) && v <= dates_mdays(e->y != DATES_NA ?
		    e->y : 2000, e->m ? e->m : 1)) {
			e->d = v;
			e->gran = DU_DAY;
			k = end;
		} else {
			return part_suffix(s, k, e);
		}
	}
	if (e->gran == DU_DAY && e->type == DT_DATE) {
		k = weekday_suffix(s, k, e);
		if (e->m == 0 && e->rel_unit != DU_MONTH)
			return k;
		j = k;
		if (C(s, j) == 0x306E)		/* の */
			j++;
		else
			j = skipsp(s, j, 1);
		if (p_time(s, j, &t, 0)) {
			e->type = DT_TIME;
			e->h = t.h;
			e->mi = t.mi;
			e->s = t.s;
			e->ampm = t.ampm;
			k = t.end;
		}
	}
	return k;
}

/* Append a component of a duration to buf. */
static void
dur_add(char *date, size_t dsz, char *time, size_t tsz, const struct num *n,
    int unit)
{
	char num[24];
	const char *u;
	char *dst = date;
	size_t sz = dsz, len;

	switch (unit) {
	case DU_YEAR: u = "Y"; break;
	case DU_MONTH: u = "M"; break;
	case DU_WEEK: u = "W"; break;
	case DU_DAY: u = "D"; break;
	case DU_DECADE: u = "DE"; break;
	case DU_CENTURY: u = "CE"; break;
	case DU_HOUR: u = "H"; dst = time; sz = tsz; break;
	case DU_MIN: u = "M"; dst = time; sz = tsz; break;
	default: u = "S"; dst = time; sz = tsz; break;
	}
	if (n->vague != NULL) {
		/* 数十年 is some decades, 数百年 some centuries */
		if (unit == DU_YEAR && strcmp(n->vague, "XDE") == 0)
			u = "DE";
		else if (unit == DU_YEAR && strcmp(n->vague, "XCE") == 0)
			u = "CE";
		snprintf(num, sizeof(num), "X%s", u);
	} else {
		snprintf(num, sizeof(num), "%ld%s", n->v, u);
	}
	len = strlen(dst);
	if (len + strlen(num) < sz)
		memcpy(dst + len, num, strlen(num) + 1);
}

/*
 * The unit of a duration at k (after a number): 年, 日, the words of
 * class unit (カ月, 週間, 時間), 世紀.  Returns its length, 0 if none.
 */
static size_t
dur_unit(const struct sc *s, size_t k, int *unit)
{
	const struct dates_word *w;

	if ((w = word(s, k, DATES_BIT(DW_UNIT))) != NULL && w->cp[0] >= 0x80) {
		*unit = w->a;
		return w->n;
	}
	switch (C(s, k)) {
	case 0x5206:			/* 分 */
	case 0x79D2:			/* 秒 */
		/* 10分後, 30秒以内; not 3分の1, 分野, 分析 */
		if (word(s, k + 1, DATES_BIT(DW_COUNTCUE) |
		    DATES_BIT(DW_PAST) | DATES_BIT(DW_KEEP)) == NULL ||
		    C(s, k + 1) == 0x3082)	/* も */
			return 0;
		*unit = C(s, k) == 0x5206 ? DU_MIN : DU_SEC;
		return 1;
	case 0x5E74:			/* 年 */
		*unit = DU_YEAR;
		return 1;
	case 0x65E5:			/* 日 */
		*unit = DU_DAY;
		return 1;
	case 0x4E16:			/* 世紀 */
		if (C(s, k + 1) == 0x7D00) {
			*unit = DU_CENTURY;
			return 2;
		}
		return 0;
	default:
		return 0;
	}
}

/*
 * A duration from the number n (starting at i) whose first unit starts
 * at k: more number-unit pairs (1年3カ月), then 間, ぶり, 連続, 近く, 後;
 * 毎 and ごと make it a set (4年毎), 前 a date before the DCT (40年前).
 */
static int
p_duration(struct sc *s, size_t i, const struct num *n0, size_t k,
    struct dates_expr *e)
{
	const struct dates_word *w;
	char date[24] = "", time[24] = "";
	struct num n = *n0;
	size_t ul, q;
	int unit, first_unit, ncomp = 0, vague = n.vague != NULL;

	expr_init(e, i);
	if ((ul = dur_unit(s, k, &unit)) == 0)
		return 0;
	first_unit = unit;
	/* 一日も早く, 三日坊主: a kanji count of days needs 間 */
	if (n.kanji && unit == DU_DAY && C(s, k + ul) != 0x9593)
		return 0;
	for (;;) {
		q = k + ul;
		if (unit == DU_YEAR || unit == DU_DAY) {
			if (unit_stop(s, q))
				return 0;
		}
		if (n.v == 0 && !vague && unit != DU_HOUR && unit != DU_MIN)
			return 0;
		dur_add(date, sizeof(date), time, sizeof(time), &n, unit);
		ncomp++;
		if (C(s, q) == 0x9593)		/* 間 */
			q++;
		/* a second component: 1年3カ月 */
		if (p_num(s, q, 0, 0, &n) && !n.vague &&
		    (ul = dur_unit(s, skipsp(s, n.end, 1), &unit)) > 0 &&
		    unit > first_unit) {
			k = skipsp(s, n.end, 1);
			continue;
		}
		break;
	}
	e->end = q;
	e->type = DT_DURATION;
	snprintf(e->dur, sizeof(e->dur), "P%s%s%s", date, time[0] ? "T" : "",
	    time);
	if (first_unit == DU_DAY && ncomp == 1 && !vague && n0->v <= 31 &&
	    C(s, k + 1) != 0x9593) {
		/* N日 is a day of the month unless a count cue follows */
		if (word(s, q, DATES_BIT(DW_COUNTCUE) | DATES_BIT(DW_KEEP) |
		    DATES_BIT(DW_PAST) | DATES_BIT(DW_EVERY)) == NULL)
			return 0;
	}
	if ((w = word(s, q, DATES_BIT(DW_KEEP))) != NULL)
		q += w->n;
	if ((w = word(s, q, DATES_BIT(DW_APPROXPOST))) != NULL) {
		e->mod = DM_APPROX;
		q += w->n;
	}
	e->end = q;
	if ((w = word(s, q, DATES_BIT(DW_EVERY))) != NULL) {
		e->type = DT_SET;
		snprintf(e->quant, sizeof(e->quant), "EVERY");
		e->end = q + w->n;
		return 1;
	}
	if (C(s, q) == 0x5F8C) {		/* 後 */
		e->end = q + 1;
		return 1;
	}
	if ((w = word(s, q, DATES_BIT(DW_PAST))) != NULL && ncomp == 1 &&
	    C(s, q + 1) != 0x5F8C) {	/* 前後 is "about" */
		e->type = DT_DATE;
		e->end = q + w->n;
		if (vague) {
			e->vague = 1;
			return 1;
		}
		if (first_unit != DU_YEAR && first_unit != DU_MONTH &&
		    first_unit != DU_WEEK && first_unit != DU_DAY) {
			e->type = DT_DURATION;
			e->end = q;
			return 1;
		}
		e->rel_unit = first_unit;
		e->rel_n = -(int)n0->v;
		e->rel_base = DB_DCT;
		e->gran = first_unit;
		return 1;
	}
	return 1;
}

/* 1897（明治30）年: the era year in brackets repeats the year. */
static size_t
era_aside(const struct sc *s, size_t k)
{
	size_t i, j;
	struct num n;

	if (C(s, k) != '(')
		return 0;
	for (i = 0; i < s->lex->nera; i++) {
		const struct dates_era *er = &s->lex->era[i];

		if (er->n > s->n - (k + 1) ||
		    memcmp(er->cp, s->c + k + 1, er->n * sizeof(uint32_t)) != 0)
			continue;
		j = k + 1 + er->n;
		if (C(s, j) == 0x5143)		/* 元 */
			j++;
		else if (p_num(s, j, 0, 1, &n) && !n.vague)
			j = n.end;
		else
			return 0;
		if (C(s, j) != ')')
			return 0;
		j = skipsp(s, j + 1, 1);
		return C(s, j) == 0x5E74 ? j : 0;	/* 年 */
	}
	return 0;
}

/* A number-led Japanese expression at i. */
static int
p_jnum(struct sc *s, size_t i, struct dates_expr *e)
{
	struct num n, n2;
	size_t k, k1, end;
	uint32_t p = i > 0 ? s->c[i - 1] : 0;
	int v, yearlike;

	expr_init(e, i);
	if (p == 0x7B2C)			/* 第 */
		return 0;
	if (isalpha_(p))
		return 0;
	if (!p_num(s, i, 1, 1, &n))
		return 0;
	/* a year broken by PDF extraction: "20 23年", "2 024年4月1日" */
	if (!n.kanji && !n.vague && n.nd < 4 && C(s, n.end) == ' ' &&
	    isdig(C(s, n.end + 1))) {
		struct num b;

		if (p_digits(s, n.end + 1, &b) && n.nd + b.nd == 4 &&
		    C(s, skipsp(s, b.end, 1)) == 0x5E74) {
			long v = n.v;
			int x;

			for (x = 0; x < b.nd; x++)
				v *= 10;
			v += b.v;
			if (v >= 1800 && v <= 2199) {
				n.v = v;
				n.nd = 4;
				n.end = b.end;
			}
		}
	}
	k = skipsp(s, n.end, 3);
	if (n.kanji && k != n.end)
		return 0;
	yearlike = !n.vague && ((n.nd == 4 && !n.kanji) || (n.kanji &&
	    n.v >= 1000)) && n.v >= 1000 && n.v <= 2999;

	/* 1897（明治30）年 */
	if (yearlike && (k1 = era_aside(s, n.end)) > 0)
		k = k1;

	switch (C(s, k)) {
	case 0x5E74:				/* 年 */
		k1 = k + 1;
		if (n.vague)
			break;
		if (C(s, k1) == 0x4EE3) {	/* 代: a decade */
			if (yearlike && n.v % 10 == 0) {
				e->cent = (int)(n.v / 10);
			} else if (!n.kanji && n.nd == 2 && n.v % 10 == 0) {
				e->y2 = (int)(n.v / 10);
			} else {
				return 0;
			}
			e->gran = DU_DECADE;
			e->end = part_suffix(s, k1 + 1, e);
			return 1;
		}
		if (yearlike && C(s, k1) != 0x9593) {	/* not 年間 */
			e->y = (int)n.v;
			e->gran = DU_YEAR;
			e->end = cont_date(s, e, k1);
			return 1;
		}
		/* a two-digit year before a month (25年4月) or 度 */
		if (!n.kanji && n.nd == 2) {
			if (p_month(s, skipsp(s, k1, 2), &v, &end)) {
				e->y2 = (int)n.v;
				e->gran = DU_YEAR;
				e->end = cont_date(s, e, k1);
				return 1;
			}
		}
		break;
	case 0x6708:				/* 月 */
		if (n.vague || !p_month(s, i, &v, &end))
			return 0;
		e->m = v;
		e->gran = DU_MONTH;
		e->end = cont_date(s, e, end);
		return 1;
	case 0x65E5:				/* 日 */
		if (n.kanji || n.vague || n.v < 1 || n.v > 31)
			break;
		if (C(s, k + 1) == 0x9593 || word(s, k + 1,
		    DATES_BIT(DW_COUNTCUE) | DATES_BIT(DW_KEEP) |
		    DATES_BIT(DW_PAST) | DATES_BIT(DW_EVERY)) != NULL ||
		    unit_stop(s, k + 1))
			break;
		e->d = (int)n.v;
		e->gran = DU_DAY;
		e->end = weekday_suffix(s, k + 1, e);
		return 1;
	case 0x4E16:				/* 世紀 */
		if (C(s, k + 1) != 0x7D00 || n.vague || n.v < 1 || n.v > 99)
			break;
		if (C(s, k + 2) == 0x9593)
			break;
		e->cent = (int)n.v - 1;
		e->gran = DU_CENTURY;
		e->end = part_suffix(s, k + 2, e);
		return 1;
	default:
		break;
	}
	if (p_duration(s, i, &n, k, e))
		return 1;

	/* 2019～2021年: a bare year before a range mark and a year */
	if (yearlike && !n.kanji) {
		k1 = skipsp(s, n.end, 1);
		if (C(s, k1) == '~' || C(s, k1) == 0x301C || C(s, k1) == '-' ||
		    C(s, k1) == 0x2013) {
			k1 = skipsp(s, k1 + 1, 1);
			if (p_num(s, k1, 0, 0, &n2) && n2.nd == 4 &&
			    C(s, skipsp(s, n2.end, 2)) == 0x5E74) {
				expr_init(e, i);
				e->y = (int)n.v;
				e->gran = DU_YEAR;
				e->end = n.end;
				return 1;
			}
		}
	}
	return 0;
}

/* An era year: 令和7年, 平成元年, 令和 ７ 年度; R7, H31, R7.4.1. */
static int
p_era(struct sc *s, size_t i, struct dates_expr *e)
{
	struct num n;
	size_t k, x;
	uint32_t c = C(s, i), p = i > 0 ? s->c[i - 1] : 0;
	int v;

	expr_init(e, i);
	for (x = 0; x < s->lex->nera; x++) {
		const struct dates_era *er = &s->lex->era[x];

		if (isalpha_(c) && er->abbr == c) {
			size_t j;
			int m, d;

			if (isalnum_(p) || !p_digits(s, i + 1, &n) ||
			    n.nd > 2 || n.v < 1)
				return 0;
			k = n.end;
			e->y = er->y + (int)n.v - 1;
			e->gran = DU_YEAR;
			if (C(s, k) == 0x5E74) {	/* 年 */
				e->end = cont_date(s, e, k + 1);
				return 1;
			}
			if ((C(s, k) == '.' || C(s, k) == '/') &&
			    p_digits(s, k + 1, &n) && n.nd <= 2 &&
			    C(s, n.end) == C(s, k)) {
				m = (int)n.v;
				j = n.end;
				if (p_digits(s, j + 1, &n) && n.nd <= 2 &&
				    !isalnum_(C(s, n.end)) &&
				    !(C(s, n.end) == '.' &&
				    isdig(C(s, n.end + 1)))) {
					d = (int)n.v;
					if (m >= 1 && m <= 12 && d >= 1 &&
					    d <= dates_mdays(e->y, m)) {
						e->m = m;
						e->d = d;
						e->gran = DU_DAY;
						e->end = n.end;
						return 1;
					}
				}
				return 0;
			}
			/* alone only as R or H, not before a letter,
			 * digit, kana or hyphen (H2ロケット) */
			if ((c == 'R' || c == 'H') && !isalnum_(C(s, k)) &&
			    !pe_is_kana(C(s, k)) && C(s, k) != '-' &&
			    C(s, k) != '.' && n.v <= 64) {
				e->end = k;
				return 1;
			}
			return 0;
		}
		if (er->n > s->n - i ||
		    memcmp(er->cp, s->c + i, er->n * sizeof(uint32_t)) != 0)
			continue;
		k = skipsp(s, i + er->n, 2);
		if (C(s, k) == 0x5143) {		/* 元 */
			v = 1;
			k++;
		} else if (p_num(s, k, 0, 1, &n) && !n.vague && n.v >= 1 &&
		    n.v <= 99) {
			v = (int)n.v;
			k = n.end;
		} else {
			return 0;
		}
		k = skipsp(s, k, 2);
		if (C(s, k) != 0x5E74)
			return 0;
		e->y = er->y + v - 1;
		e->gran = DU_YEAR;
		e->end = cont_date(s, e, k + 1);
		return 1;
	}
	return 0;
}

/*
 * A time at i: 午前9時, 午後1時半, 10時45分, 午後三時半五十九秒, 8:03 JST,
 * 16:00, 正午.  With strict, a time written with digits must not
 * continue a number.
 */
static int
p_time(struct sc *s, size_t i, struct dates_expr *e, int strict)
{
	const struct dates_word *w;
	struct num n, n2;
	size_t k = i, j, q;
	uint32_t p = i > 0 ? s->c[i - 1] : 0;
	int ampm = 0, h, mi = -1, sec = -1;

	expr_init(e, i);
	e->type = DT_TIME;
	e->gran = DU_DAY;
	if ((w = word(s, k, DATES_BIT(DW_AMPM))) != NULL && w->cp[0] >= 0x80) {
		ampm = w->a;
		k = skipsp(s, k + w->n, 1);
	}
	if ((w = word(s, k, DATES_BIT(DW_TIMEWORD))) != NULL) {
		e->h = w->a;
		e->mi = w->b;
		e->end = k + w->n;
		return 1;
	}
	if (isdig(C(s, k)) && (C(s, k + 1) == ':' || (isdig(C(s, k + 1)) &&
	    C(s, k + 2) == ':'))) {
		if (k == i && strict && (isdig(p) || p == ':' || p == '.' ||
		    isalpha_(p) || p == '/'))
			return 0;
		h = (int)(C(s, k) - '0');
		j = k + 1;
		if (isdig(C(s, j)))
			h = h * 10 + (int)(C(s, j++) - '0');
		if (!isdig(C(s, j + 1)) || !isdig(C(s, j + 2)))
			return 0;
		mi = (int)((C(s, j + 1) - '0') * 10 + (C(s, j + 2) - '0'));
		j += 3;
		if (C(s, j) == ':' && isdig(C(s, j + 1)) && isdig(C(s, j + 2))) {
			sec = (int)((C(s, j + 1) - '0') * 10 +
			    (C(s, j + 2) - '0'));
			j += 3;
		}
		if (isdig(C(s, j)) || (C(s, j) == ':' && isdig(C(s, j + 1))) ||
		    (C(s, j) == '.' && isdig(C(s, j + 1))))
			return 0;
		if (h > 24 || mi > 59 || sec > 59)
			return 0;
		q = skipsp(s, j, 1);
		if ((w = word(s, q, DATES_BIT(DW_TZ))) != NULL) {
			j = q + w->n;
		} else if ((w = word(s, q, DATES_BIT(DW_AMPM))) != NULL &&
		    w->cp[0] < 0x80 && h <= 12) {
			ampm = w->a;
			j = q + w->n;
		}
		e->h = h;
		e->mi = mi;
		e->s = sec;
		e->ampm = ampm;
		e->end = j;
		return 1;
	}
	if (!p_num(s, k, strict && k == i, 1, &n) || n.vague || n.v > 24)
		return 0;
	if (n.kanji && ampm == 0)
		return 0;
	if (n.kanji && k == i && strict && pe_is_han(p))
		return 0;
	j = skipsp(s, n.end, 1);
	if (C(s, j) != 0x6642)			/* 時 */
		return 0;
	j++;
	h = (int)n.v;
	if (C(s, j) == 0x534A) {		/* 半 */
		mi = 30;
		j++;
	} else if (p_num(s, j, 0, 1, &n2) && !n2.vague && n2.v < 60 &&
	    C(s, n2.end) == 0x5206) {		/* 分 */
		mi = (int)n2.v;
		j = n2.end + 1;
	}
	if (mi >= 0 && p_num(s, j, 0, 1, &n2) && !n2.vague && n2.v < 60 &&
	    C(s, n2.end) == 0x79D2) {		/* 秒 */
		/* 半 rounds to the half hour: seconds after it are read but
		 * not added (三時半五十九秒 is T15:30) */
		if (C(s, j - 1) != 0x534A)
			sec = (int)n2.v;
		j = n2.end + 1;
	}
	if (ampm == 0 && mi < 0 && (pe_is_han(C(s, j)) || n.kanji))
		return 0;	/* 3時点, 3時代, 一時 */
	if (mi >= 0 && C(s, j) == 0x9593)	/* 30分間 */
		return 0;
	e->h = h;
	e->mi = mi < 0 ? 0 : mi;
	e->s = sec;
	e->ampm = ampm;
	e->end = j;
	return 1;
}

/* The word before i (Latin), as its span; 0 when there is none. */
static int
prev_word(const struct sc *s, size_t i, size_t *a, size_t *b)
{
	size_t j = i;

	while (j > 0 && s->c[j - 1] == ' ')
		j--;
	if (j == 0 || !(isalpha_(s->c[j - 1]) || s->c[j - 1] == '.' ||
	    s->c[j - 1] == '$'))
		return 0;
	*b = j;
	while (j > 0 && (isalpha_(s->c[j - 1]) || s->c[j - 1] == '.' ||
	    s->c[j - 1] == '$'))
		j--;
	*a = j;
	return 1;
}

/* Is the word before i one of class cls? */
static int
prev_is(const struct sc *s, size_t i, int cls)
{
	const struct dates_word *w;
	size_t a, b;

	if (!prev_word(s, i, &a, &b))
		return 0;
	w = word(s, a, DATES_BIT(cls));
	return w != NULL && a + w->n == b;
}

/* 1 when the text around [i, j) is English (a Latin word nearby). */
static int
latin_context(const struct sc *s, size_t i, size_t j)
{
	size_t k;
	int seen = 0;

	for (k = i; k > 0 && i - k < 12; k--) {
		uint32_t c = s->c[k - 1];

		if (isalpha_(c)) {
			seen = 1;
			break;
		}
		if (c >= 0x80)
			break;
	}
	for (k = j; !seen && k < s->n && k - j < 12; k++) {
		uint32_t c = s->c[k];

		if (isalpha_(c)) {
			seen = 1;
			break;
		}
		if (c >= 0x80)
			break;
	}
	return seen;
}

/* A four-digit year standing alone in English text (in 2021, (2000)). */
static int
bare_year(struct sc *s, size_t i, const struct num *n, struct dates_expr *e)
{
	const struct dates_word *w;
	uint32_t p = i > 0 ? s->c[i - 1] : 0, q = C(s, n->end);
	size_t k;

	if (n->nd != 4 || n->v < 1900 || n->v > 2099)
		return 0;
	if (isalnum_(p) || (p && strchr("/-.:_@#%+=&", (int)p) && p < 0x80))
		return 0;
	if (isalnum_(q) || q == '/' || q == '-' || q == '_' || q == '%' ||
	    q == '@' || q == ':' || ((q == '.' || q == ',') &&
	    isdig(C(s, n->end + 1))))
		return 0;
	if (p >= 0x80 || (q >= 0x80 && q != 0x3001 && q != 0x3002))
		return 0;
	k = skipsp(s, n->end, 1);
	if (C(s, k) >= 0x80 && C(s, k) != 0x3001 && C(s, k) != 0x3002)
		return 0;
	if (!latin_context(s, i, n->end))
		return 0;
	if (prev_is(s, i, DW_YEARPREV))
		return 0;
	/* a lower-case word after it: only those a year goes with, unless
	 * a preposition before it says it is one (in 2021 demonstrate) */
	if (k > n->end && C(s, k) >= 'a' && C(s, k) <= 'z' &&
	    !prev_is(s, i, DW_ENPREP)) {
		w = word(s, k, DATES_BIT(DW_YEARNEXT));
		if (w == NULL)
			return 0;
	}
	e->y = (int)n->v;
	e->gran = DU_YEAR;
	e->end = n->end;
	return 1;
}

/* English: month names, day-month-year, decades, durations, a bare year,
 * FY2026. */
static int
p_en(struct sc *s, size_t i, struct dates_expr *e)
{
	const struct dates_word *w, *u;
	struct num n, n2;
	size_t k, j;
	uint32_t p = i > 0 ? s->c[i - 1] : 0;

	expr_init(e, i);
	if (isalpha_(p))
		return 0;
	if ((w = word(s, i, DATES_BIT(DW_MONTHEN))) != NULL) {
		e->m = w->a;
		e->gran = DU_MONTH;
		k = i + w->n;
		j = skipsp(s, k, 1);
		if (j > k && p_num(s, j, 0, 0, &n) && n.nd <= 2 && n.v >= 1 &&
		    n.v <= 31 && !isdig(C(s, n.end)) && C(s, n.end) != ':') {
			size_t q = n.end;

			if ((C(s, q) == 's' && C(s, q + 1) == 't') ||
			    (C(s, q) == 'n' && C(s, q + 1) == 'd') ||
			    (C(s, q) == 'r' && C(s, q + 1) == 'd') ||
			    (C(s, q) == 't' && C(s, q + 1) == 'h'))
				q += 2;
			if (isalpha_(C(s, q)))
				return 0;
			e->d = (int)n.v;
			e->gran = DU_DAY;
			e->end = q;
			j = q;
			if (C(s, j) == ',')
				j++;
			j = skipsp(s, j, 1);
			if (p_num(s, j, 0, 0, &n2) && n2.nd == 4 &&
			    !isalnum_(C(s, n2.end))) {
				e->y = (int)n2.v;
				e->end = n2.end;
			}
			if (e->d > dates_mdays(e->y != DATES_NA ? e->y : 2000,
			    e->m))
				return 0;
			return 1;
		}
		j = k;
		if (C(s, j) == ',')
			j++;
		j = skipsp(s, j, 1);
		if (j > k && p_num(s, j, 0, 0, &n) && n.nd == 4 &&
		    !isalnum_(C(s, n.end))) {
			e->y = (int)n.v;
			e->end = n.end;
			return 1;
		}
		/* a month alone: after in, since, by... and spelt out */
		if (w->n >= 5 && w->cp[w->n - 1] != '.' && prev_is(s, i,
		    DW_ENPREP) && !isalpha_(C(s, k))) {
			e->end = k;
			return 1;
		}
		return 0;
	}
	if (C(s, i) == 'F' && C(s, i + 1) == 'Y') {
		j = skipsp(s, i + 2, 1);
		if (p_num(s, j, 0, 0, &n) && (n.nd == 4 || n.nd == 2) &&
		    !isalnum_(C(s, n.end))) {
			e->y = n.nd == 4 ? (int)n.v : 2000 + (int)n.v;
			e->fy = 1;
			e->gran = DU_FY;
			e->end = n.end;
			return 1;
		}
		return 0;
	}
	if ((w = word(s, i, DATES_BIT(DW_NUMEN))) != NULL) {
		k = skipsp(s, i + w->n, 1);
		if (k > i + w->n && (u = word(s, k, DATES_BIT(DW_UNIT))) &&
		    u->cp[0] < 0x80) {
			n.v = w->a;
			n.vague = w->a < 0 ? "X" : NULL;
			dur_add(e->dur + 1, sizeof(e->dur) - 1, e->dur + 1,
			    sizeof(e->dur) - 1, &n, u->a);
			e->dur[0] = 'P';
			if (u->a == DU_HOUR || u->a == DU_MIN) {
				memmove(e->dur + 2, e->dur + 1,
				    strlen(e->dur + 1) + 1);
				e->dur[1] = 'T';
			}
			e->type = DT_DURATION;
			e->end = k + u->n;
			return 1;
		}
		return 0;
	}
	if (!isdig(C(s, i)) || !p_num(s, i, 1, 0, &n))
		return 0;
	k = n.end;
	/* 1990s */
	if (n.nd == 4 && C(s, k) == 's' && !isalpha_(C(s, k + 1)) &&
	    n.v % 10 == 0) {
		e->cent = (int)(n.v / 10);
		e->gran = DU_DECADE;
		e->end = k + 1;
		return 1;
	}
	j = skipsp(s, k, 1);
	/* 7 January 2026 */
	if (j > k && n.nd <= 2 && n.v >= 1 && n.v <= 31 &&
	    (w = word(s, j, DATES_BIT(DW_MONTHEN))) != NULL) {
		size_t q = skipsp(s, j + w->n, 1);

		if (C(s, j + w->n) == ',')
			q = skipsp(s, j + w->n + 1, 1);
		if (p_num(s, q, 0, 0, &n2) && n2.nd == 4 &&
		    !isalnum_(C(s, n2.end)) && n.v <= dates_mdays((int)n2.v,
		    w->a)) {
			e->y = (int)n2.v;
			e->m = w->a;
			e->d = (int)n.v;
			e->gran = DU_DAY;
			e->end = n2.end;
			return 1;
		}
	}
	/* 21st century */
	if (n.nd <= 2 && ((C(s, k) == 's' && C(s, k + 1) == 't') ||
	    (C(s, k) == 'n' && C(s, k + 1) == 'd') || (C(s, k) == 'r' &&
	    C(s, k + 1) == 'd') || (C(s, k) == 't' && C(s, k + 1) == 'h'))) {
		j = skipsp(s, k + 2, 1);
		if ((u = word(s, j, DATES_BIT(DW_UNIT))) != NULL &&
		    u->a == DU_CENTURY && u->n == 7 && n.v >= 1) {
			e->cent = (int)n.v - 1;
			e->gran = DU_CENTURY;
			e->end = j + u->n;
			return 1;
		}
		return 0;
	}
	/* 2 years, 10 days */
	if (j > k && (u = word(s, j, DATES_BIT(DW_UNIT))) != NULL &&
	    u->cp[0] < 0x80 && n.v > 0 && n.nd <= 3) {
		char d[24] = "", t[24] = "";

		dur_add(d, sizeof(d), t, sizeof(t), &n, u->a);
		snprintf(e->dur, sizeof(e->dur), "P%s%s%s", d, t[0] ? "T" : "",
		    t);
		e->type = DT_DURATION;
		e->end = j + u->n;
		return 1;
	}
	return bare_year(s, i, &n, e);
}

/* Numeric dates: 2026/01/13, 2026-01-13, 2026.1.13, 01/31/2026, 12/31,
 * 2026/1; then a weekday and a time (12/9の16:00). */
static int
p_numeric(struct sc *s, size_t i, struct dates_expr *e)
{
	struct num a, b, c;
	uint32_t p = i > 0 ? s->c[i - 1] : 0, sep;
	size_t k, j;
	int y = 0, m = 0, d = 0;

	expr_init(e, i);
	if (!isdig(C(s, i)) || isalpha_(p) || p == '/' || p == '-' ||
	    p == '.' || p == ':' || p == '_' || p == '+')
		return 0;
	if (isdig(p) || !p_digits(s, i, &a))
		return 0;
	sep = C(s, a.end);
	if (sep != '/' && sep != '-' && sep != '.')
		return 0;
	if (!p_digits(s, a.end + 1, &b) || b.nd > 2)
		return 0;
	k = b.end;
	if (sep == '.' && a.nd != 4)
		return 0;	/* 3.5, 1.2.3: numbers and versions */
	if (C(s, k) == sep && p_digits(s, k + 1, &c)) {
		j = c.end;
		if (isalnum_(C(s, j)) || C(s, j) == sep || C(s, j) == '_' ||
		    ((C(s, j) == '.' || C(s, j) == '-' || C(s, j) == '/') &&
		    isdig(C(s, j + 1))))
			return 0;
		if (a.nd == 4 && c.nd <= 2) {
			y = (int)a.v;
			m = (int)b.v;
			d = (int)c.v;
		} else if (a.nd <= 2 && c.nd == 4 && sep == '/') {
			y = (int)c.v;
			if (a.v <= 12) {	/* US order, MM/DD/YYYY */
				m = (int)a.v;
				d = (int)b.v;
			} else {
				m = (int)b.v;
				d = (int)a.v;
			}
		} else {
			return 0;
		}
		if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 ||
		    d > dates_mdays(y, m))
			return 0;
		e->y = y;
		e->m = m;
		e->d = d;
		e->gran = DU_DAY;
		e->end = cont_date(s, e, j);
		return 1;
	}
	if (sep != '/' || isalnum_(C(s, k)) || C(s, k) == '/' ||
	    C(s, k) == '%' || C(s, k) == '_' || ((C(s, k) == '.' ||
	    C(s, k) == ',') && isdig(C(s, k + 1))))
		return 0;
	if (a.nd == 4 && a.v >= 1000 && a.v <= 2999 && b.v >= 1 && b.v <= 12) {
		e->y = (int)a.v;
		e->m = (int)b.v;
		e->gran = DU_MONTH;
		e->end = k;
		return 1;
	}
	/* M/D; a fraction such as 1/3 or 3/4 is not a date */
	if (a.nd <= 2 && a.v >= 1 && a.v <= 12 && b.v >= 1 &&
	    b.v <= dates_mdays(2000, (int)a.v) && !(b.v <= 4 && a.v < b.v)) {
		e->m = (int)a.v;
		e->d = (int)b.v;
		e->gran = DU_DAY;
		e->end = cont_date(s, e, k);
		return 1;
	}
	return 0;
}

/* A hiragana word must stand apart from the hiragana around it. */
static int
hira_ok(const struct sc *s, size_t i, const struct dates_word *w)
{
	static const uint32_t particles[] = { 0x306F, 0x306E, 0x3082, 0x306B,
	    0x3067, 0x304C, 0x3068, 0x3078, 0x3084, 0x307E, 0x304B };
	uint32_t next = C(s, i + w->n);
	size_t k;

	if (!ishira(w->cp[0]))
		return 1;
	if (i > 0 && ishira(s->c[i - 1]))
		return 0;
	if (!ishira(next))
		return 1;
	for (k = 0; k < sizeof(particles) / sizeof(particles[0]); k++)
		if (next == particles[k])
			return 1;
	return 0;
}

#define WORD_CLASSES (DATES_BIT(DW_YEAR) | DATES_BIT(DW_MONTH) | \
	DATES_BIT(DW_DAY) | DATES_BIT(DW_WEEK) | DATES_BIT(DW_FY) | \
	DATES_BIT(DW_CENTURY) | DATES_BIT(DW_SEASONREL) | DATES_BIT(DW_SAME) | \
	DATES_BIT(DW_CTX) | DATES_BIT(DW_SET) | DATES_BIT(DW_WEEKDAY) | \
	DATES_BIT(DW_YEARPART) | DATES_BIT(DW_MONTHPART) | \
	DATES_BIT(DW_NOTDATE) | DATES_BIT(DW_TIMEWORD) | DATES_BIT(DW_DUR))

/* A word of dates-words.tsv at i, and what follows it. */
static int
p_word(struct sc *s, size_t i, struct dates_expr *e)
{
	const struct dates_word *w, *wd;
	uint32_t p = i > 0 ? s->c[i - 1] : 0;
	size_t k, j;
	int v;

	expr_init(e, i);
	/* 先週の金曜日, 前の水曜日 */
	if ((w = word(s, i, DATES_BIT(DW_WDREL))) != NULL &&
	    (wd = word(s, i + w->n, DATES_BIT(DW_WEEKDAY))) != NULL &&
	    !pe_is_han(p)) {
		e->wd = wd->a;
		e->wdmode = w->a;
		e->rel_n = w->b;
		e->gran = DU_DAY;
		e->end = i + w->n + wd->n;
		return 1;
	}
	if ((w = word(s, i, WORD_CLASSES)) == NULL)
		return 0;
	if (w->cp[0] >= 0x80 && pe_is_han(w->cp[0]) && pe_is_han(p) &&
	    w->cls != DW_NOTDATE)
		return 0;	/* inside a longer word: 将来年金, 日本年 */
	if (!hira_ok(s, i, w))
		return 0;
	k = i + w->n;
	e->end = k;
	switch (w->cls) {
	case DW_NOTDATE:
		e->type = TYPE_NOTDATE;
		return 1;
	case DW_YEAR:
		e->rel_unit = DU_YEAR;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_YEAR;
		e->end = cont_date(s, e, k);
		return 1;
	case DW_MONTH:
		e->rel_unit = DU_MONTH;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_MONTH;
		j = skipsp(s, k, 1);
		if (p_day(s, j, &v, &e->end)) {
			/* 今月6日 is read as 6日, the month kept in its value */
			e->d = v;
			e->gran = DU_DAY;
			e->start = j;
			e->end = weekday_suffix(s, e->end, e);
			return 1;
		}
		e->end = part_suffix(s, k, e);
		return 1;
	case DW_DAY:
		e->rel_unit = DU_DAY;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_DAY;
		return 1;
	case DW_WEEK:
		e->rel_unit = DU_WEEK;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_WEEK;
		e->end = part_suffix(s, k, e);
		return 1;
	case DW_DUR:
		/* 半年, 四半世紀: a duration in one word */
		e->type = DT_DURATION;
		snprintf(e->dur, sizeof(e->dur), "%s", w->s);
		if (C(s, k) == 0x9593)		/* 間 */
			k++;
		if ((w = word(s, k, DATES_BIT(DW_KEEP))) != NULL)
			k += w->n;
		if ((w = word(s, k, DATES_BIT(DW_APPROXPOST))) != NULL) {
			e->mod = DM_APPROX;
			k += w->n;
		}
		if (C(s, k) == 0x5F8C)		/* 後 */
			k++;
		e->end = k;
		return 1;
	case DW_FY:
		e->rel_unit = DU_FY;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_FY;
		e->end = part_suffix(s, k, e);
		return 1;
	case DW_CENTURY:
		e->rel_unit = DU_CENTURY;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_CENTURY;
		e->end = part_suffix(s, k, e);
		return 1;
	case DW_SEASONREL:
		e->rel_unit = DU_YEAR;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_SEASON;
		e->sub = w->b;
		return 1;
	case DW_SAME:
	case DW_CTX:
		e->rel_unit = w->b;
		e->rel_n = w->cls == DW_CTX ? w->a : 0;
		e->rel_base = DB_CTX;
		e->gran = w->b;
		if (w->b == DU_FY)
			e->fy = 1;
		if (w->b == DU_YEAR || w->b == DU_MONTH)
			e->end = cont_date(s, e, k);
		return 1;
	case DW_SET:
		e->type = DT_SET;
		snprintf(e->dur, sizeof(e->dur), "%s", w->s);
		snprintf(e->quant, sizeof(e->quant), "%s", w->b == 1 ?
		    "EACH" : "EVERY");
		return 1;
	case DW_WEEKDAY:
		if (w->cp[0] < 0x80 && i > 0 && isalpha_(p))
			return 0;
		e->wd = w->a;
		e->gran = DU_DAY;
		return 1;
	case DW_YEARPART:
		e->rel_unit = DU_YEAR;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_YEAR;
		e->mod = w->b;
		return 1;
	case DW_MONTHPART:
		e->rel_unit = DU_MONTH;
		e->rel_n = w->a;
		e->rel_base = DB_DCT;
		e->gran = DU_MONTH;
		e->mod = w->b;
		return 1;
	case DW_TIMEWORD:
		e->type = DT_TIME;
		e->gran = DU_DAY;
		e->h = w->a;
		e->mi = w->b;
		return 1;
	default:
		return 0;
	}
}

/* A set written unit-first: 年2回, 週1回, 月に1度. */
static int
p_setpre(struct sc *s, size_t i, struct dates_expr *e)
{
	static const struct { uint32_t c; const char *v; } u[] = {
		{ 0x5E74, "P1Y" }, { 0x6708, "P1M" }, { 0x9031, "P1W" },
		{ 0x65E5, "P1D" }
	};
	struct num n;
	size_t k, x;
	uint32_t p = i > 0 ? s->c[i - 1] : 0;

	expr_init(e, i);
	if (isdig(p) || iskanjinum(p))
		return 0;
	for (x = 0; x < 4; x++)
		if (C(s, i) == u[x].c)
			break;
	if (x == 4)
		return 0;
	k = i + 1;
	if (C(s, k) == 0x306B)			/* に */
		k++;
	if (!p_num(s, k, 0, 1, &n) || n.vague || n.v < 1 || n.v > 99)
		return 0;
	k = skipsp(s, n.end, 1);
	if (C(s, k) != 0x56DE && C(s, k) != 0x5EA6)	/* 回 度 */
		return 0;
	e->type = DT_SET;
	snprintf(e->dur, sizeof(e->dur), "%s", u[x].v);
	snprintf(e->freq, sizeof(e->freq), "%ldX", n.v);
	e->end = k + 1;
	return 1;
}

/* 約40年前, 約1年3カ月ぶり, およそ10年. */
static int
p_approx(struct sc *s, size_t i, struct dates_expr *e)
{
	const struct dates_word *w = word(s, i, DATES_BIT(DW_APPROXPRE));
	size_t k;

	if (w == NULL)
		return 0;
	k = skipsp(s, i + w->n, 1);
	if (!isdig(C(s, k)) && !iskanjinum(C(s, k)) &&
	    word(s, k, DATES_BIT(DW_VAGUE)) == NULL)
		return 0;
	{
		struct num n;
		size_t u;

		if (!p_num(s, k, 0, 1, &n))
			return 0;
		u = skipsp(s, n.end, 2);
		if (!p_duration(s, k, &n, u, e))
			return 0;
	}
	if (e->type != DT_DURATION && !(e->type == DT_DATE && e->rel_unit))
		return 0;
	e->start = i;
	e->mod = DM_APPROX;
	return 1;
}

/* A quarter without a year: 第1四半期. */
static int
p_quarter(struct sc *s, size_t i, struct dates_expr *e)
{
	int q;
	size_t end;

	expr_init(e, i);
	if (!p_quarter_at(s, i, &q, &end))
		return 0;
	e->gran = DU_QUARTER;
	e->sub = q;
	e->end = end;
	return 1;
}

/* (木) alone, not after a word (日本(日) is no weekday). */
static int
p_paren_wd(struct sc *s, size_t i, struct dates_expr *e)
{
	const struct dates_word *w;
	uint32_t p = i > 0 ? s->c[i - 1] : 0;

	expr_init(e, i);
	if (C(s, i) != '(' || pe_is_han(p) || pe_is_kana(p) || isalnum_(p))
		return 0;
	if ((w = word(s, i + 1, DATES_BIT(DW_WDCHAR))) == NULL ||
	    C(s, i + 1 + w->n) != ')')
		return 0;
	e->wd = w->a;
	e->gran = DU_DAY;
	e->end = i + 2 + w->n;
	return 1;
}

/* (99～00): two-digit years of a tenure or a term, in brackets. */
static int
p_paren_years(struct sc *s, size_t i, struct dates_expr *a,
    struct dates_expr *b)
{
	uint32_t sep;

	if (C(s, i) != '(' || !isdig(C(s, i + 1)) || !isdig(C(s, i + 2)))
		return 0;
	sep = C(s, i + 3);
	if (sep != '~' && sep != 0x301C && sep != '-' && sep != 0x2013)
		return 0;
	if (!isdig(C(s, i + 4)) || !isdig(C(s, i + 5)) || C(s, i + 6) != ')')
		return 0;
	expr_init(a, i + 1);
	expr_init(b, i + 4);
	a->y2 = (int)((C(s, i + 1) - '0') * 10 + (C(s, i + 2) - '0'));
	b->y2 = (int)((C(s, i + 4) - '0') * 10 + (C(s, i + 5) - '0'));
	/* a term is short: 99～00 wraps the century, 10～20 is no term */
	if (!((b->y2 > a->y2 && b->y2 - a->y2 <= 12) ||
	    (b->y2 < a->y2 && b->y2 + 100 - a->y2 <= 12)))
		return 0;
	a->gran = b->gran = DU_YEAR;
	a->end = i + 3;
	b->end = i + 6;
	b->inherited = 1;
	a->inherited = 1;
	return 1;
}

/* A range mark at i: its end, or 0. */
static size_t
range_mark(const struct sc *s, size_t i)
{
	uint32_t c = C(s, i);

	if (c == 0x304B && C(s, i + 1) == 0x3089)	/* から */
		return i + 2;
	if (c == '~' || c == 0x301C || c == '-' || c == 0x2013 ||
	    c == 0x2014 || c == 0x2212 || c == 0x30FC || c == 0x2015)
		return i + 1;
	return 0;
}

/* Try every reader at i; the longest reading wins. */
static int
read_at(struct sc *s, size_t i, struct dates_expr *best)
{
	struct dates_expr e;
	uint32_t c = s->c[i];
	int got = 0, dig = isdig(c), kn = iskanjinum(c);
	int lx = c < 0x10000 && (s->lex->first[c >> 3] & (1u << (c & 7)));

#define TRY(call) do { \
	if ((call) && e.end > e.start && (!got || e.end > best->end)) { \
		*best = e; \
		got = 1; \
	} \
} while (0)
	/* each reader only where its first character can be */
	if (lx)
		TRY(p_word(s, i, &e));
	if (dig || kn || lx)
		TRY(p_jnum(s, i, &e));
	if (dig)
		TRY(p_numeric(s, i, &e));
	if (dig || kn || lx)
		TRY(p_time(s, i, &e, 1));
	if (lx || (c >= 'A' && c <= 'Z'))
		TRY(p_era(s, i, &e));
	if (dig || (c >= 'A' && c <= 'Z') || (lx && c < 0x80))
		TRY(p_en(s, i, &e));
	if (c == 0x5E74 || c == 0x6708 || c == 0x9031 || c == 0x65E5)
		TRY(p_setpre(s, i, &e));
	if (lx)
		TRY(p_approx(s, i, &e));
	if (c == 0x7B2C)
		TRY(p_quarter(s, i, &e));
	if (c == '(')
		TRY(p_paren_wd(s, i, &e));
#undef TRY
	return got;
}

static long
push(struct dates_list *l, const struct dates_text *t,
    const struct dates_expr *e)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->e = pe_xrealloc(l->e, l->cap * sizeof(*l->e));
	}
	l->e[l->n] = *e;
	l->e[l->n].bstart = t->boff[e->start];
	l->e[l->n].bend = t->boff[e->end];
	return (long)l->n++;
}

/* What the end of a range lacks, from its start. */
static void
inherit(struct dates_expr *b, const struct dates_expr *a)
{
	int ha, hb;

	if (b->type == DT_DATE || (b->type == DT_TIME && b->m)) {
		if (b->y == DATES_NA && b->y2 == DATES_NA &&
		    b->rel_unit == DU_NONE && !b->wd &&
		    (a->y != DATES_NA || a->y2 != DATES_NA ||
		    a->rel_unit == DU_YEAR) && b->gran >= DU_MONTH &&
		    (b->m || b->d)) {
			b->y = a->y;
			b->y2 = a->y2;
			b->rel_unit = a->rel_unit;
			b->rel_n = a->rel_n;
			b->rel_base = a->rel_base;
			b->inherited = 1;
		}
		if (b->m == 0 && b->d && a->m && b->rel_unit != DU_MONTH &&
		    b->gran == DU_DAY && !b->wd) {
			b->m = a->m;
			if (b->y == DATES_NA && b->rel_unit == DU_NONE) {
				b->y = a->y;
				b->y2 = a->y2;
			}
			b->inherited = 1;
		}
		return;
	}
	if (b->type != DT_TIME || a->type != DT_TIME)
		return;
	/* a time alone after a time with a date: the same date */
	if (b->m == 0 && b->d == 0 && (a->m || a->d)) {
		b->y = a->y;
		b->y2 = a->y2;
		b->m = a->m;
		b->d = a->d;
		b->rel_unit = a->rel_unit;
		b->rel_n = a->rel_n;
		b->rel_base = a->rel_base;
		b->inherited = 1;
	}
	ha = a->h + (a->ampm == 2 && a->h < 12 ? 12 : 0);
	hb = b->h;
	if (b->ampm == 0 && hb < 12 && a->ampm == 2 && hb + 12 > ha) {
		b->ampm = 2;
		hb += 12;
	} else if (b->ampm == 2 && hb < 12) {
		hb += 12;
	}
	if (hb * 60 + (b->mi < 0 ? 0 : b->mi) < ha * 60 + (a->mi < 0 ? 0 :
	    a->mi) && b->d == a->d && b->m == a->m)
		b->dayshift = 1;
}

/* Mark what the scanner must not read: URLs, e-mail addresses, and
 * tokens mixing letters and digits that are no date (A/59/2005). */
static void
block_tokens(struct dates_text *t)
{
	const uint32_t *c = t->c;
	size_t i = 0, n = t->n, a, b, k, u;

	while (i < n) {
		if (c[i] <= ' ' || c[i] > '~') {
			i++;
			continue;
		}
		a = i;
		while (i < n && c[i] > ' ' && c[i] <= '~')
			i++;
		b = i;
		/* a URL runs from its scheme (or www.) to the token's end */
		for (k = a; k < b; k++) {
			if (k + 2 < b && c[k] == ':' && c[k + 1] == '/' &&
			    c[k + 2] == '/') {
				u = k;
				while (u > a && isalpha_(c[u - 1]))
					u--;
				memset(t->blocked + u, 1, b - u);
				b = u;
				break;
			}
			if (k + 3 < b && c[k] == 'w' && c[k + 1] == 'w' &&
			    c[k + 2] == 'w' && c[k + 3] == '.' &&
			    (k == a || !isalpha_(c[k - 1]))) {
				memset(t->blocked + k, 1, b - k);
				b = k;
				break;
			}
		}
		/* sub-tokens between brackets, quotes and commas */
		k = a;
		while (k < b) {
			size_t s0, s1, x;
			int letter = 0, digit = 0, at = 0;

			while (k < b && strchr("()[]<>{}\"'`,;", (int)c[k]))
				k++;
			s0 = k;
			while (k < b && !strchr("()[]<>{}\"'`,;", (int)c[k]))
				k++;
			s1 = k;
			while (s1 > s0 && strchr(".:?!", (int)c[s1 - 1]))
				s1--;
			for (x = s0; x < s1; x++) {
				letter |= isalpha_(c[x]);
				digit |= isdig(c[x]);
				at |= c[x] == '@';
			}
			if (at) {
				memset(t->blocked + s0, 1, s1 - s0);
				continue;
			}
			if (!letter || !digit)
				continue;
			/* allowed: 1990s, 21st, FY2026, R7, R7.4.1, 8am */
			x = s0;
			if (s1 - s0 >= 3 && c[x] == 'F' && c[x + 1] == 'Y')
				x += 2;
			else if (c[x] >= 'A' && c[x] <= 'Z' && s1 - s0 >= 2 &&
			    isdig(c[x + 1]))
				x += 1;
			while (x < s1 && (isdig(c[x]) || ((c[x] == '.' ||
			    c[x] == '/') && x > s0 && isdig(c[x - 1]))))
				x++;
			if (x > s0 && isdig(c[x - 1]) && (x == s1 ||
			    (s1 - x <= 2 && (c[x] == 's' || c[x] == 't' ||
			    c[x] == 'n' || c[x] == 'r' || c[x] == 'a' ||
			    c[x] == 'p'))))
				continue;
			memset(t->blocked + s0, 1, s1 - s0);
		}
	}
}

/* Characters that may start an expression (dates_lex_load() marks the
 * grammar's own along with the words'). */
static inline int
may_start(const struct dates_lex *lex, uint32_t c)
{
	return c < 0x10000 && (lex->start[c >> 3] & (1u << (c & 7)));
}

void
dates_scan(const struct dates_lex *lex, struct dates_text *t,
    struct dates_list *out)
{
	struct dates_expr e, e2;
	struct sc s;
	size_t i = 0, j, k;
	long ia, ib;

	s.lex = lex;
	s.t = t;
	s.c = t->c;
	s.n = t->n;
	s.last_h24 = -1;
	block_tokens(t);
	while (i < s.n) {
		uint32_t c = s.c[i];

		if (t->blocked[i] || !may_start(lex, c)) {
			i++;
			continue;
		}
		/* nothing starts inside a Latin word or a number */
		if (i > 0 && c < 0x80 && ((isalpha_(c) && isalpha_(s.c[i - 1])) ||
		    (isdig(c) && isdig(s.c[i - 1])))) {
			i++;
			continue;
		}
		if (c == '(' && p_paren_years(&s, i, &e, &e2)) {
			ia = push(out, t, &e);
			ib = push(out, t, &e2);
			out->e[ia].range = ib;
			out->e[ia].range_first = 1;
			out->e[ib].range = ia;
			i = e2.end + 1;
			continue;
		}
		if (!read_at(&s, i, &e)) {
			i++;
			continue;
		}
		for (k = e.start; k < e.end; k++)
			if (t->blocked[k])
				break;
		if (k < e.end) {	/* it ran into a URL */
			i++;
			continue;
		}
		if (e.type == TYPE_NOTDATE) {
			i = e.end;
			continue;
		}
		/* 同3時半: the afternoon of the time before */
		if (e.type == DT_TIME && e.ampm == 0 && e.h < 12 && e.start > 0 &&
		    s.c[e.start - 1] == 0x540C && s.last_h24 >= 12 &&
		    e.h + 12 > s.last_h24)
			e.ampm = 2;
		if (e.type == DT_TIME)
			s.last_h24 = e.h + (e.ampm == 2 && e.h < 12 ? 12 : 0);
		ia = push(out, t, &e);
		i = e.end;
		if (e.type != DT_DATE && e.type != DT_TIME)
			continue;
		j = skipsp(&s, i, 2);
		if ((k = range_mark(&s, j)) == 0)
			continue;
		k = skipsp(&s, k, 2);
		if (k < s.n && !t->blocked[k] && may_start(lex, s.c[k]) &&
		    read_at(&s, k, &e2) && (e2.type == DT_DATE ||
		    e2.type == DT_TIME) && e2.type == e.type &&
		    e2.start == k) {
			inherit(&e2, &out->e[ia]);
			if (e2.type == DT_TIME)
				s.last_h24 = e2.h + (e2.ampm == 2 &&
				    e2.h < 12 ? 12 : 0);
			ib = push(out, t, &e2);
			out->e[ia].range = ib;
			out->e[ia].range_first = 1;
			out->e[ib].range = ia;
			i = e2.end;
		}
		}
}

int
dates_future(const struct dates_lex *lex, const struct dates_text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->c[i] >= 0x80 || t->c[i] == 'w')
			if (dates_lex_match(lex, t->c, t->n, i,
			    DATES_BIT(DW_FUTURE)) != NULL)
				return 1;
	return 0;
}

int
dates_maybe(const struct dates_lex *lex, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	for (; p < end; p++) {
		if (*p >= 0x80 || (*p >= '0' && *p <= '9') ||
		    (*p >= 'A' && *p <= 'Z'))
			return 1;
		/* a lower-case word that starts a duration (six months) */
		if (*p >= 'a' && *p <= 'z' && (p == (const unsigned char *)s ||
		    !((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z')) &&
		    (lex->first[*p >> 3] & (1u << (*p & 7))))
			return 1;
	}
	return 0;
}
