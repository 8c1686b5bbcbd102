/*
 * pe-entities-num.c - money, percentages and quantities in folded text.
 *
 * A number is digits (3,500; 1.5; 39・6, the Japanese decimal point),
 * kanji numerals (三, 二百), or both with the myriad multipliers
 * (7万2000, 3500億, 55兆), or vague (数十億: no amount); a range joins two
 * (500～5500).  What follows it says what it is (gold rule 10): a
 * currency (ドル, 円: MONEY; a sign before it, $5,000, too), a percentage
 * (%, 割 = tenths, ポイント = percentage points: PERCENT), a unit of
 * measure (キロ: QUANTITY), or a counter (人, 回: QUANTITY, a count).
 * The words are data/entity-words.tsv's (currency, currency-sym,
 * percent, unit, counter, count-next).  約 is left out of the span, as
 * are list numbers (①) and ordinals (第3回).  The norm is the currency
 * code and the amount (USD 350000000000), the percentage (3.5%, 60%,
 * 30 percentage points) or the amount and unit (500-5500 km).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/text.h"
#include "pe-entities.h"
#include "pe-entities-int.h"

static const struct ent_fold *F;	/* the text being read */
static struct ent_arena *arena;		/* where norms go */
static struct ent_num **nums;		/* what is found */
static size_t *nnum, *capnum;

ENT_HOT static int
cls(size_t k)
{
	return k < F->n ? F->cls[k] : C_OTHER;
}

ENT_HOT static int
latin(int c)
{
	return c == C_UPPER || c == C_LOWER || c == C_DIGIT;
}

ENT_HOT static int
letter(int c)
{
	return c == C_UPPER || c == C_LOWER;
}

static const char *
fs(size_t a)
{
	return F->s + F->off[a];
}

static size_t
flen(size_t a, size_t b)
{
	return F->off[b] - F->off[a];
}

static char *
rdup(const char *s, size_t n)
{
	return ent_arena_dup(arena, s, n);
}

/* The longest word of class w starting at char k, its end in *end. */
ENT_HOT static const struct ent_entry *
word_at(int w, size_t k, size_t *end)
{
	const struct ent_trie *t = &ent_words[w];
	const struct ent_entry *best = NULL;
	uint32_t node = 0;
	size_t j;

	if (t->nnodes == 0 || k >= F->n || !ent_trie_may_start(t, F->cp[k]))
		return NULL;
	for (j = k; j < F->n; j++) {
		if ((node = ent_trie_step(t, node, F->cp[j])) == 0)
			return best;
		if (t->entry[node] >= 0) {
			best = &t->e[t->entry[node]];
			*end = j + 1;
		}
	}
	return best;
}

static struct ent_num *
num(size_t a, size_t b, int type)
{
	struct ent_num *c;

	if (*nnum == *capnum) {
		*capnum = *capnum ? *capnum * 2 : 16;
		*nums = pe_xrealloc(*nums, *capnum * sizeof(**nums));
	}
	c = &(*nums)[(*nnum)++];
	memset(c, 0, sizeof(*c));
	c->a = a;
	c->b = b;
	c->type = type;
	return c;
}

int
ent_kanji_digit(uint32_t c)
{
	static const uint32_t d[] = {
		0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
		0x4E03, 0x516B, 0x4E5D
	};			/* 〇一二三四五六七八九 */
	int i;

	for (i = 0; i < 10; i++)
		if (d[i] == c)
			return i;
	return -1;
}

static double
small_mult(uint32_t c)
{
	return c == 0x5341 ? 10 : c == 0x767E ? 100 : c == 0x5343 ? 1000 : 0;
}				/* 十 百 千 */

static double
big_mult(uint32_t c)
{
	return c == 0x4E07 ? 1e4 : c == 0x5104 ? 1e8 : c == 0x5146 ? 1e12 : 0;
}				/* 万 億 兆 */

/*
 * A number at k: 3,500, 1.5, 7万2000, 3500億, 三割's 三, 数十億.  Returns
 * its end (0 when none), the value in *v and *vague for 数十億.
 */
static size_t
number(size_t k, double *v, int *vague)
{
	double total = 0, cur = 0, frac;
	size_t j = k;
	int any = 0, kd;

	*vague = 0;
	if (F->cp[j] == 0x6570) {		/* 数 */
		if (j + 1 >= F->n || small_mult(F->cp[j + 1]) == 0)
			return 0;
		*vague = 1;
		j++;
	}
	for (;;) {
		size_t d0 = j;

		if (cls(j) == C_DIGIT) {
			cur = 0;
			while (j < F->n && (F->cls[j] == C_DIGIT || (F->cp[j] == ',' &&
			    cls(j + 1) == C_DIGIT && cls(j + 2) == C_DIGIT &&
			    cls(j + 3) == C_DIGIT))) {
				if (F->cls[j] == C_DIGIT)
					cur = cur * 10 + (F->cp[j] - '0');
				j++;
			}
			/* 39・6% is 39.6% in Japanese typesetting */
			if (j + 1 < F->n && (F->cp[j] == '.' || F->cp[j] == 0x30FB) &&
			    cls(j + 1) == C_DIGIT) {
				for (j++, frac = 0.1; j < F->n && F->cls[j] == C_DIGIT;
				    j++, frac /= 10)
					cur += frac * (F->cp[j] - '0');
			}
			any = 1;
		} else if (j < F->n && (ent_kanji_digit(F->cp[j]) >= 0 ||
		    small_mult(F->cp[j]) > 0)) {
			double part = 0, dig = -1;

			while (j < F->n) {
				if ((kd = ent_kanji_digit(F->cp[j])) >= 0)
					dig = kd;
				else if (small_mult(F->cp[j]) > 0) {
					part += (dig < 0 ? 1 : dig) *
					    small_mult(F->cp[j]);
					dig = -1;
				} else
					break;
				j++;
			}
			cur = part + (dig < 0 ? 0 : dig);
			any = 1;
		} else if (*vague && big_mult(F->cp[j]) == 0)
			break;
		if (j == d0 && !*vague)
			break;
		/* 5千 */
		if (j < F->n && small_mult(F->cp[j]) > 0 && j > d0) {
			cur *= small_mult(F->cp[j]);
			j++;
		}
		if (j < F->n && big_mult(F->cp[j]) > 0) {
			total += cur * big_mult(F->cp[j]);
			cur = 0;
			j++;
			if (cls(j) == C_DIGIT || (j < F->n &&
			    ent_kanji_digit(F->cp[j]) >= 0))
				continue;
		}
		break;
	}
	if (!any && !*vague)
		return 0;
	*v = total + cur;
	return j;
}

static const char *
fmt_num(double v)
{
	char buf[64];
	int n;

	if (v == floor(v) && fabs(v) < 1e18)
		n = snprintf(buf, sizeof(buf), "%.0f", v);
	else
		n = snprintf(buf, sizeof(buf), "%.10g", v);
	return rdup(buf, (size_t)n);
}

void
ent_numbers(const struct ent_fold *f, struct ent_arena *a,
    struct ent_num **out, size_t *n, size_t *cap)
{
	const struct ent_entry *u;
	size_t k, e, e2, ue, s, sym_end = 0;
	double v = 0, v2 = 0, mult;
	int vague, vague2, range, type, neg;
	struct ent_num *c;
	char buf[160];
	const char *unit, *sym = NULL;

	F = f;
	arena = a;
	nums = out;
	nnum = n;
	capnum = cap;

	for (k = 0; k < F->n; k++) {
		int c0 = F->cls[k];

		sym = NULL;
		s = k;
		/* $5,000, US$ 3 billion */
		if ((u = word_at(W_CURSYM, k, &sym_end)) != NULL &&
		    (k == 0 || !letter(cls(k - 1)))) {
			size_t j = sym_end;

			if (cls(j) == C_SPACE)
				j++;
			if (cls(j) == C_DIGIT) {
				sym = u->norm;
				k = j;
				c0 = C_DIGIT;
			}
		}
		if (c0 != C_DIGIT && !(c0 == C_KANJI && (F->cp[k] == 0x6570 ||
		    ent_kanji_digit(F->cp[k]) >= 0 || small_mult(F->cp[k]) > 0)))
			continue;
		/* kanji numerals inside a word are no numbers (統一), but
		 * after 約 and 計 they are (約二百人) */
		if (k > 0 && (latin(cls(k - 1)) || F->cp[k - 1] == '.' ||
		    F->cp[k - 1] == '/' || (c0 == C_KANJI &&
		    (cls(k - 1) == C_DIGIT || (cls(k - 1) == C_KANJI &&
		    F->cp[k - 1] != 0x7D04 && F->cp[k - 1] != 0x8A08)))) && !sym)
			continue;
		if ((e = number(k, &v, &vague)) == 0) {
			continue;
		}
		/* a fraction: 3分の2, 三分の一 (a percentage) */
		if (!vague && v > 0 && e + 2 < F->n && F->cp[e] == 0x5206 &&
		    F->cp[e + 1] == 0x306E &&
		    (e2 = number(e + 2, &v2, &vague2)) != 0 && !vague2 &&
		    v2 > 0 && v2 < v && !sym) {
			double pc = floor(v2 / v * 10000 + 0.5) / 100;

			c = num(k, e2, ENT_PERCENT);
			c->unit = "%";
			c->amount = fmt_num(pc);
			snprintf(buf, sizeof(buf), "%s%%", c->amount);
			c->norm = rdup(buf, strlen(buf));
			k = e2 - 1;
			continue;
		}
		/* a minus sign before it, not a hyphen after a word: -1dB */
		neg = !sym && c0 == C_DIGIT && k > 0 && (F->cp[k - 1] == '-' ||
		    F->cp[k - 1] == 0x2212) && (k == 1 || (!letter(cls(k - 2)) &&
		    cls(k - 2) != C_DIGIT && F->cp[k - 2] != '-'));
		/* a range: 500～5500 */
		range = 0;
		e2 = e;
		if (e + 1 < F->n && (F->cp[e] == '~' || F->cp[e] == 0x301C ||
		    F->cp[e] == '-' || F->cp[e] == 0x2013) &&
		    (e2 = number(e + 1, &v2, &vague2)) != 0 && !vague2 &&
		    cls(e + 1) == c0)
			range = 1;
		else
			e2 = e;
		if (sym) {
			/* $1.2 billion */
			mult = 1;
			ue = e2;
			if (ue + 1 < F->n && F->cp[ue] == ' ') {
				if (F->off[ue + 1] + 7 <= F->len &&
				    memcmp(fs(ue + 1), "million", 7) == 0)
					mult = 1e6, ue += 8;
				else if (F->off[ue + 1] + 7 <= F->len &&
				    memcmp(fs(ue + 1), "billion", 7) == 0)
					mult = 1e9, ue += 8;
				else if (F->off[ue + 1] + 8 <= F->len &&
				    memcmp(fs(ue + 1), "trillion", 8) == 0)
					mult = 1e12, ue += 9;
			}
			c = num(s, ue, ENT_MONEY);
			c->unit = sym;
			c->amount = fmt_num(v * mult);
			snprintf(buf, sizeof(buf), "%s %s", sym, c->amount);
			c->norm = rdup(buf, strlen(buf));
			k = ue - 1;
			continue;
		}
		ue = e2;
		type = -1;
		unit = NULL;
		/* the unit, right after or after one space for words */
		{
			size_t at = e2;
			int pct = 0;

			if (cls(at) == C_SPACE && letter(cls(at + 1)))
				at++;
			if ((u = word_at(W_CURRENCY, at, &ue)) != NULL)
				type = ENT_MONEY;
			else if ((u = word_at(W_PERCENT, at, &ue)) != NULL) {
				type = ENT_PERCENT;
				pct = u->flags;
			} else if ((u = word_at(W_UNIT, at, &ue)) != NULL)
				type = ENT_QUANTITY;
			else if (at == e2 && (k == 0 || F->cp[k - 1] != 0x7B2C) &&
			    (u = word_at(W_COUNTER, at, &ue)) != NULL &&
			    !(ue - at == 1 && cls(ue) == C_KANJI &&
			    word_at(W_COUNT_NEXT, ue, &e) == NULL)) {
				/* a count: 3人, 5回 (not 第3回, and not "one
				 * of": 課題の一つ, 候補の1人) */
				if (v == 1 && !range && k > 0 &&
				    F->cp[k - 1] == 0x306E) {
					k = ue - 1;
					continue;
				}
				if (neg && !range) {
					v = -v;
					k--;
				}
				c = num(k, ue, ENT_QUANTITY);
				if (!vague)
					c->amount = fmt_num(v);
				c->unit = rdup(fs(at), flen(at, ue));
				k = ue - 1;
				continue;
			}
			if (u != NULL && letter(cls(ue - 1)) && latin(cls(ue)))
				type = -1;	/* 5 kms, 3 Months */
			if (u != NULL && ue - at == 1 && cls(at) == C_KANJI &&
			    cls(ue) == C_KANJI && type != ENT_PERCENT)
				type = -1;	/* 一元化, but 6割減 */
			if (type < 0)
				continue;
			unit = u->norm;
			if (neg && !range) {
				v = -v;
				k--;
			}
			c = num(k, ue, type);
			if (vague)
				;
			else if (type == ENT_MONEY) {
				c->amount = fmt_num(v);
				c->unit = unit;
				snprintf(buf, sizeof(buf), "%s %s", unit, c->amount);
				c->norm = rdup(buf, strlen(buf));
			} else if (type == ENT_PERCENT) {
				double f = pct == P_TENTH ? 10 : 1;

				c->unit = pct == P_POINTS ? "points" : "%";
				if (range) {
					snprintf(buf, sizeof(buf), "[%s,%s]",
					    fmt_num(v * f), fmt_num(v2 * f));
					c->amount = rdup(buf, strlen(buf));
				} else
					c->amount = fmt_num(v * f);
				if (pct == P_POINTS)
					snprintf(buf, sizeof(buf),
					    "%s percentage points", fmt_num(v));
				else if (range)
					snprintf(buf, sizeof(buf), "%s-%s%%",
					    fmt_num(v * f), fmt_num(v2 * f));
				else
					snprintf(buf, sizeof(buf), "%s%%",
					    fmt_num(v * f));
				c->norm = rdup(buf, strlen(buf));
			} else {
				c->unit = unit;
				if (range) {
					snprintf(buf, sizeof(buf), "[%s,%s]",
					    fmt_num(v), fmt_num(v2));
					c->amount = rdup(buf, strlen(buf));
					snprintf(buf, sizeof(buf), "%s-%s %s",
					    fmt_num(v), fmt_num(v2), unit);
				} else {
					c->amount = fmt_num(v);
					snprintf(buf, sizeof(buf), "%s %s",
					    c->amount, unit);
				}
				c->norm = rdup(buf, strlen(buf));
			}
			if (type == ENT_MONEY && range) {
				snprintf(buf, sizeof(buf), "[%s,%s]", fmt_num(v),
				    fmt_num(v2));
				c->amount = rdup(buf, strlen(buf));
				snprintf(buf, sizeof(buf), "%s %s-%s", unit,
				    fmt_num(v), fmt_num(v2));
				c->norm = rdup(buf, strlen(buf));
			}
		}
		k = ue - 1;
	}
}

