/*
 * pe-dates-value.c - TIMEX3 values: the calendar, and resolving what a
 * text wrote against the document creation date (DCT) and the dates
 * mentioned before.
 *
 * Policy (gold/README.md, TIMEX3):
 *  - a value keeps the granularity written: 2005-12, not 2005-12-01;
 *    decades are three digits (194), centuries two (19 = the 1900s);
 *  - a partial date (1月7日, 7日, 2月) takes the year (or month) that
 *    puts it nearest the DCT, a date in the future costing a quarter
 *    more than one as far in the past, because commentary looks back;
 *    a sentence that speaks of the future turns the bias round.  With
 *    no DCT the unknown parts stay XXXX;
 *  - a relative word (昨年, 来月, 昨日) is an offset from the DCT; 同年,
 *    同日, 翌年 are offsets from the date mentioned last; both fall back
 *    on the other when theirs is missing;
 *  - a two-digit year takes the century that puts it at or before the
 *    DCT's next year; a two-digit decade (70年代) the century of the last
 *    four-digit year written, else the one that keeps it in the past;
 *  - a fiscal year (年度) starts in the month data/dates-words.tsv says
 *    (April in Japan), so 来年度 written in May 2025 is FY2026.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe-dates.h"

int
dates_mdays(int y, int m)
{
	static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12)
		return 31;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

/* H. Hinnant's days_from_civil. */
long
dates_days(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
dates_civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* 1 Monday .. 7 Sunday (1970-01-01 was a Thursday). */
static int
weekday(long days)
{
	long w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w) + 1;
}

/* ISO 8601 week of a day: year and week number. */
static void
iso_week(long days, int *wy, int *wn)
{
	long thu = days - weekday(days) + 4;	/* the Thursday of its week */
	int y, m, d;

	dates_civil(thu, &y, &m, &d);
	*wy = y;
	*wn = (int)((thu - dates_days(y, 1, 1)) / 7 + 1);
}

int
dates_parse_dct(const char *s, struct dates_point *p)
{
	int y = 0, m = 0, d = 0, i, n;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	s += 4;
	for (n = 0; n < 2 && *s == '-'; n++) {
		if (s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9')
			return -1;
		if (n == 0)
			m = (s[1] - '0') * 10 + (s[2] - '0');
		else
			d = (s[1] - '0') * 10 + (s[2] - '0');
		s += 3;
	}
	if (*s != '\0' && !(*s == 'T' && d > 0))
		return -1;
	if (y < 1 || (n >= 1 && (m < 1 || m > 12)) ||
	    (n == 2 && (d < 1 || d > dates_mdays(y, m))))
		return -1;
	p->y = y;
	p->m = m;
	p->d = d;
	return 0;
}

void
dates_point_str(const struct dates_point *p, char *buf)
{
	if (p->m == 0)
		snprintf(buf, 16, "%04d", p->y % 10000);
	else if (p->d == 0)
		snprintf(buf, 16, "%04d-%02d", p->y % 10000, p->m % 100);
	else
		snprintf(buf, 16, "%04d-%02d-%02d", p->y % 10000, p->m % 100,
		    p->d % 100);
}

/* The cost of a candidate dist days from the DCT (dist > 0: future). */
static double
cost(long dist, int future)
{
	if (dist > 0)
		return dist * (future ? 0.8 : 1.25);
	return -dist * (future ? 1.25 : 1.0);
}

/* The DCT as a day: its own, or the middle of its month or year. */
static long
dct_day(const struct dates_point *p)
{
	return dates_days(p->y, p->m ? p->m : 7, p->d ? p->d : (p->m ? 15 : 1));
}

static int
fy_of(const struct dates_point *p, int fystart)
{
	if (p->m == 0 || fystart <= 1)
		return p->y;
	return p->m >= fystart ? p->y : p->y - 1;
}

/* Working state of one resolution. */
struct res {
	int y, m, d;		/* 0: unknown */
	int gran;
	int week, weeky;	/* ISO week when gran is DU_WEEK */
	int cent;		/* century or decade when gran says so */
	int fy;			/* fiscal year, or 0 */
	const char *anchor;
};

/* Apply the relative offset of e to base b; 0 when it could not be. */
static int
apply_rel(const struct dates_expr *e, const struct dates_point *b,
    const struct dates_ctx *ctx, struct res *r)
{
	long z;
	int n = e->rel_n, mm;

	switch (e->rel_unit) {
	case DU_YEAR:
		r->y = b->y + n;
		return 1;
	case DU_FY:
		r->fy = fy_of(b, ctx->fystart) + n;
		return 1;
	case DU_CENTURY:
		r->cent = b->y / 100 + n;
		return 1;
	case DU_MONTH:
		if (b->m == 0) {
			if (n != 0)
				return 0;
			r->y = b->y;
			return 1;
		}
		mm = b->y * 12 + (b->m - 1) + n;
		r->y = mm / 12;
		r->m = mm % 12 + 1;
		return 1;
	case DU_WEEK:
		if (b->d == 0)
			return 0;
		z = dates_days(b->y, b->m, b->d) + 7L * n;
		iso_week(z, &r->weeky, &r->week);
		return 1;
	case DU_DAY:
		if (b->d == 0) {
			if (n != 0)
				return 0;
			r->y = b->y;
			r->m = b->m;
			return 1;
		}
		z = dates_days(b->y, b->m, b->d) + n;
		dates_civil(z, &r->y, &r->m, &r->d);
		return 1;
	default:
		return 0;
	}
}

/* A month and/or day without a year (or a day without a month): pick
 * the nearest candidate around the DCT. */
static void
nearest(const struct dates_expr *e, const struct dates_ctx *ctx,
    struct res *r)
{
	const struct dates_point *dct = &ctx->dct;
	long ref = dct_day(dct), z;
	double best = 1e18, c;
	int k, y, m, d;

	if (dct->m == 0) {
		r->y = dct->y;
		if (e->m == 0)
			r->m = 0;
		return;
	}
	for (k = -1; k <= 1; k++) {
		if (e->m) {
			y = dct->y + k;
			m = e->m;
		} else {
			int mm = dct->y * 12 + (dct->m - 1) + k;

			y = mm / 12;
			m = mm % 12 + 1;
		}
		d = e->d ? e->d : (dates_mdays(y, m) + 1) / 2;
		if (d > dates_mdays(y, m))
			continue;
		z = dates_days(y, m, d);
		c = cost(z - ref, ctx->future);
		if (c < best) {
			best = c;
			r->y = y;
			r->m = m;
		}
	}
}

/* A weekday without a date: the day it names around the DCT. */
static void
weekday_day(const struct dates_expr *e, const struct dates_ctx *ctx,
    struct res *r)
{
	const struct dates_point *dct = &ctx->dct;
	long ref, z = 0;
	double best = 1e18, c;
	int k;

	ref = dates_days(dct->y, dct->m, dct->d);
	if (e->wdmode == 2) {
		z = ref - weekday(ref) + 1 + 7L * e->rel_n + (e->wd - 1);
	} else {
		for (k = -7; k <= 7; k++) {
			if (k == 0 && e->wdmode != 0)
				continue;
			if ((e->wdmode < 0 && k > 0) || (e->wdmode > 0 && k < 0))
				continue;
			if (weekday(ref + k) != e->wd)
				continue;
			c = cost(k, ctx->future);
			if (c < best) {
				best = c;
				z = ref + k;
			}
		}
	}
	dates_civil(z, &r->y, &r->m, &r->d);
}

static const char *const season_names[] = { "", "SP", "SU", "FA", "WI" };

static void
fmt_year(char *buf, size_t sz, int y)
{
	if (y > 0 && y < 10000)
		snprintf(buf, sz, "%04d", y);
	else
		snprintf(buf, sz, "XXXX");
}

/* The date part of the value. */
static void
fmt_date(const struct dates_expr *e, const struct res *r, char *buf,
    size_t sz)
{
	char yb[8];

	fmt_year(yb, sizeof(yb), r->y);
	switch (r->gran) {
	case DU_CENTURY:
		snprintf(buf, sz, "%02d", r->cent >= 0 && r->cent < 100 ?
		    r->cent : 0);
		return;
	case DU_DECADE:
		if (r->cent > 0)
			snprintf(buf, sz, "%03d", r->cent % 1000);
		else
			snprintf(buf, sz, "XXX");
		return;
	case DU_FY:
		if (r->fy > 0 && r->fy < 10000)
			snprintf(buf, sz, "FY%04d", r->fy);
		else
			snprintf(buf, sz, "FYXXXX");
		return;
	case DU_HALF:
		snprintf(buf, sz, "%s-H%d", yb, e->sub);
		return;
	case DU_QUARTER:
		snprintf(buf, sz, "%s-Q%d", yb, e->sub);
		return;
	case DU_SEASON:
		snprintf(buf, sz, "%s-%s", yb, season_names[e->sub >= 1 &&
		    e->sub <= 4 ? e->sub : 0]);
		return;
	case DU_WEEK:
		if (r->week > 0)
			snprintf(buf, sz, "%04d-W%02d", r->weeky, r->week);
		else
			snprintf(buf, sz, "%s-WXX", yb);
		return;
	case DU_YEAR:
		snprintf(buf, sz, "%s", yb);
		return;
	case DU_MONTH:
		if (r->m)
			snprintf(buf, sz, "%s-%02d", yb, r->m);
		else
			snprintf(buf, sz, "%s-XX", yb);
		return;
	default:
		if (r->d == 0 && e->wd) {
			snprintf(buf, sz, "%s-WXX-%d", yb, e->wd);
			return;
		}
		{
			char mb[4] = "XX", db[4] = "XX";

			if (r->m >= 1 && r->m <= 12)
				snprintf(mb, sizeof(mb), "%02d", r->m);
			if (r->d >= 1 && r->d <= 31)
				snprintf(db, sizeof(db), "%02d", r->d);
			snprintf(buf, sz, "%s-%s-%s", yb, mb, db);
		}
		return;
	}
}

static void
set_last(struct dates_ctx *ctx, const struct res *r, struct dates_value *v)
{
	if (r->y <= 0 || r->y >= 10000)
		return;
	if (r->gran != DU_YEAR && r->gran != DU_MONTH && r->gran != DU_DAY &&
	    r->gran != DU_SEASON && r->gran != DU_QUARTER &&
	    r->gran != DU_HALF)
		return;
	v->at.y = r->y;
	v->at.m = r->gran >= DU_MONTH ? r->m : 0;
	v->at.d = r->gran >= DU_DAY && v->at.m ? r->d : 0;
	v->has_at = 1;
	ctx->last = v->at;
	if (v->at.d)
		ctx->day_in_text = v->at;
}

void
dates_resolve(const struct dates_expr *e, struct dates_ctx *ctx,
    struct dates_value *v)
{
	const struct dates_point *base = NULL;
	struct res r;
	char date[32];
	int h;

	memset(v, 0, sizeof(*v));
	v->anchor = "absolute";
	if (e->type == DT_DURATION || e->type == DT_SET) {
		snprintf(v->value, sizeof(v->value), "%s", e->dur);
		return;
	}
	if (e->vague) {
		snprintf(v->value, sizeof(v->value), "%s",
		    e->vague == 1 ? "PAST_REF" : "FUTURE_REF");
		v->anchor = "dct";
		return;
	}
	memset(&r, 0, sizeof(r));
	r.gran = e->gran;
	r.cent = e->cent;
	r.anchor = "absolute";
	if (e->fy && e->y != DATES_NA)
		r.fy = e->y;

	if (e->rel_unit != DU_NONE) {
		if (e->rel_base == DB_CTX && ctx->last.y) {
			base = &ctx->last;
			r.anchor = "context";
		} else if (ctx->dct.y) {
			base = &ctx->dct;
			r.anchor = "dct";
		} else if (ctx->last.y) {
			base = &ctx->last;
			r.anchor = "context";
		} else {
			r.anchor = e->rel_base == DB_CTX ? "context" : "dct";
		}
		if (base == NULL || !apply_rel(e, base, ctx, &r)) {
			r.y = 0;
			r.m = 0;
			r.d = 0;
		}
	} else if (e->y != DATES_NA) {
		r.y = e->y;
	} else if (e->y2 != DATES_NA && e->gran != DU_DECADE) {
		int dy = ctx->dct.y ? ctx->dct.y : 2030;

		r.y = dy / 100 * 100 + e->y2;
		if (r.y > dy + 1)
			r.y -= 100;
		r.anchor = ctx->dct.y ? "dct" : "context";
	}
	if (e->m)
		r.m = e->m;
	if (e->d)
		r.d = e->d;

	if (e->gran == DU_DECADE && e->y2 != DATES_NA) {
		int c = ctx->decade_cent;

		if (c == 0) {
			int dy = ctx->dct.y ? ctx->dct.y : 2030;

			c = dy / 100;
			if (c * 100 + e->y2 * 10 > dy)
				c--;
		}
		r.cent = c * 10 + e->y2;
		r.anchor = "context";
	}
	if (e->gran == DU_FY && e->rel_unit == DU_NONE && r.fy == 0 && r.y)
		r.fy = r.y;

	/* a partial date needs the DCT, even when there is none */
	if (e->rel_unit == DU_NONE && e->y == DATES_NA && e->y2 == DATES_NA &&
	    (e->m || e->d || e->wd || e->gran == DU_QUARTER ||
	    e->gran == DU_SEASON || e->gran == DU_HALF) &&
	    e->gran != DU_DECADE && e->gran != DU_CENTURY)
		r.anchor = "dct";
	/* what is still unknown comes from the DCT, nearest first */
	if (e->rel_unit == DU_NONE && r.y == 0 && e->y2 == DATES_NA &&
	    ctx->dct.y && e->gran != DU_DECADE && e->gran != DU_CENTURY) {
		if (e->m || e->d) {
			nearest(e, ctx, &r);
			r.anchor = "dct";
		} else if (e->wd && ctx->dct.d) {
			weekday_day(e, ctx, &r);
			r.anchor = "dct";
		} else if (e->gran == DU_QUARTER || e->gran == DU_SEASON ||
		    e->gran == DU_HALF) {
			r.y = ctx->dct.y;
			r.anchor = "dct";
		}
	}
	if (e->inherited)
		r.anchor = "context";
	if (e->dayshift && r.y && r.m && r.d) {
		long z = dates_days(r.y, r.m, r.d) + e->dayshift;

		dates_civil(z, &r.y, &r.m, &r.d);
	}

	if (e->type == DT_TIME) {
		if (r.gran < DU_DAY || (r.y == 0 && r.m == 0 && r.d == 0)) {
			/* a time alone: the day of a date just before it in the
			 * same text, else the DCT's */
			if (ctx->day_in_text.y) {
				r.y = ctx->day_in_text.y;
				r.m = ctx->day_in_text.m;
				r.d = ctx->day_in_text.d;
				r.anchor = "context";
			} else if (ctx->dct.d) {
				r.y = ctx->dct.y;
				r.m = ctx->dct.m;
				r.d = ctx->dct.d;
				r.anchor = "dct";
			}
			if (e->dayshift && r.d) {
				long z = dates_days(r.y, r.m, r.d) + e->dayshift;

				dates_civil(z, &r.y, &r.m, &r.d);
			}
		}
		r.gran = DU_DAY;
		date[0] = '\0';
		if (r.y || r.m || r.d)
			fmt_date(e, &r, date, sizeof(date));
		h = e->h;
		if (e->ampm == 2 && h < 12)
			h += 12;
		else if (e->ampm == 1 && h == 12)
			h = 0;
		if (e->s >= 0)
			snprintf(v->value, sizeof(v->value), "%sT%02d:%02d:%02d",
			    date, h, e->mi < 0 ? 0 : e->mi, e->s);
		else
			snprintf(v->value, sizeof(v->value), "%sT%02d:%02d",
			    date, h, e->mi < 0 ? 0 : e->mi);
		v->anchor = r.anchor;
		return;
	}
	fmt_date(e, &r, v->value, sizeof(v->value));
	v->anchor = r.anchor;
	if (e->y != DATES_NA && e->rel_unit == DU_NONE && e->gran != DU_DECADE &&
	    e->gran != DU_CENTURY)
		ctx->decade_cent = e->y / 100;
	if (e->gran == DU_DECADE && e->y2 == DATES_NA && e->cent >= 100)
		ctx->decade_cent = e->cent / 10;
	set_last(ctx, &r, v);
}
