/*
 * pe-cite-csl.c - parsed citations as CSL-JSON, and the dates in them.
 *
 * struct cite_item holds what the parsers found; cite_item_json() writes
 * it as one CSL-JSON item (CSL 1.0.2, csl-data.json): "id" and "type"
 * always, names as {"family", "given", "non-dropping-particle",
 * "suffix"} or {"literal"}, dates as {"date-parts": [[y, m, d]]} down to
 * the precision written, every other variable as a string.  Nothing
 * outside the schema is written, so citeproc-js, pandoc and Zotero read
 * the output as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/out.h"
#include "pe/text.h"
#include "pe-cite.h"

static const char *const var_key[CV_NVAR] = {
	"title", "container-title", "collection-title", "publisher",
	"publisher-place", "volume", "issue", "page", "chapter-number",
	"section", "number", "authority", "locator", "genre", "edition",
	"URL", "DOI", "ISBN", "citation-number", "note"
};

void
cite_item_init(struct cite_item *it)
{
	memset(it, 0, sizeof(*it));
	it->type = "document";
}

static void
names_free(struct cite_names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].family);
		free(l->v[i].given);
		free(l->v[i].particle);
		free(l->v[i].suffix);
		free(l->v[i].literal);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
cite_item_free(struct cite_item *it)
{
	int i;

	names_free(&it->author);
	names_free(&it->editor);
	names_free(&it->translator);
	for (i = 0; i < CV_NVAR; i++)
		free(it->v[i]);
	cite_item_init(it);
}

/* Is the code point at s[i] one of the quote marks trimmed with '"'? */
static size_t
quote_len(const char *s, size_t n, size_t i)
{
	static const char *const q[] = {
		"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e", "\xc2\xab",
		"\xc2\xbb", "\xe2\x80\x98", "\xe2\x80\x99", "\xe3\x80\x8c",
		"\xe3\x80\x8d", "\xe3\x80\x8e", "\xe3\x80\x8f"
	};
	size_t k, l;

	for (k = 0; k < sizeof(q) / sizeof(q[0]); k++) {
		l = strlen(q[k]);
		if (i + l <= n && memcmp(s + i, q[k], l) == 0)
			return l;
	}
	return 0;
}

/* The length of the quote mark ending at s[..e), or 0. */
static size_t
quote_len_back(const char *s, size_t e)
{
	size_t l;

	for (l = 2; l <= 3 && l <= e; l++)
		if (quote_len(s, e, e - l) == l)
			return l;
	return 0;
}

static int
is_sp(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

void
cite_set(struct cite_item *it, enum cite_var v, const char *s, size_t n,
    const char *trim)
{
	size_t a = 0, e = n, i, k, q;
	int quotes = trim && strchr(trim, '"') != NULL, changed;
	char *out;

	do {
		changed = 0;
		while (a < e && (is_sp((unsigned char)s[a]) ||
		    (trim && s[a] != '\0' && strchr(trim, s[a])))) {
			a++;
			changed = 1;
		}
		while (e > a && (is_sp((unsigned char)s[e - 1]) ||
		    (trim && s[e - 1] != '\0' && strchr(trim, s[e - 1])))) {
			e--;
			changed = 1;
		}
		/* U+3000 ideographic space */
		if (e - a >= 3 && memcmp(s + a, "\xe3\x80\x80", 3) == 0) {
			a += 3;
			changed = 1;
		}
		if (e - a >= 3 && memcmp(s + e - 3, "\xe3\x80\x80", 3) == 0) {
			e -= 3;
			changed = 1;
		}
		if (quotes && a < e && (q = quote_len(s, e, a)) > 0) {
			a += q;
			changed = 1;
		}
		if (quotes && e > a && (q = quote_len_back(s + a, e - a)) > 0) {
			e -= q;
			changed = 1;
		}
	} while (changed && a < e);
	free(it->v[v]);
	it->v[v] = NULL;
	if (a >= e)
		return;
	out = pe_xmalloc(e - a + 1);
	for (i = a, k = 0; i < e; i++) {
		if (is_sp((unsigned char)s[i])) {
			if (k > 0 && out[k - 1] != ' ')
				out[k++] = ' ';
			continue;
		}
		out[k++] = s[i];
	}
	out[k] = '\0';
	it->v[v] = out;
}

static char *
dup_trim(const char *s, size_t n)
{
	size_t a = 0, e = n, i, k;
	char *out;

	if (s == NULL)
		return NULL;
	while (a < e && (is_sp((unsigned char)s[a]) || s[a] == ',' ||
	    s[a] == ';'))
		a++;
	while (e > a && (is_sp((unsigned char)s[e - 1]) || s[e - 1] == ',' ||
	    s[e - 1] == ';' || s[e - 1] == ':'))
		e--;
	if (a >= e)
		return NULL;
	out = pe_xmalloc(e - a + 1);
	for (i = a, k = 0; i < e; i++) {
		if (is_sp((unsigned char)s[i])) {
			if (k > 0 && out[k - 1] != ' ')
				out[k++] = ' ';
			continue;
		}
		out[k++] = s[i];
	}
	out[k] = '\0';
	return out;
}

static struct cite_name *
name_new(struct cite_names *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = pe_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

void
cite_name_add(struct cite_names *l, const char *family, size_t nf,
    const char *given, size_t ng)
{
	struct cite_name *nm;
	char *f = dup_trim(family, nf), *p;
	size_t k;

	if (f == NULL)
		return;
	/* a family name ending in '.' is an abbreviation only when short */
	k = strlen(f);
	if (k > 3 && f[k - 1] == '.' && f[k - 2] != '.')
		f[k - 1] = '\0';
	nm = name_new(l);
	nm->family = f;
	nm->given = dup_trim(given, ng);
	/* lower-case particles written before the family name ("van
	 * Hessem") are CSL's non-dropping particle */
	if (f[0] >= 'a' && f[0] <= 'z') {
		char *best = NULL;

		for (p = f; (p = strchr(p, ' ')) != NULL; p++)
			if (cite_word(CW_PARTICLE, f, (size_t)(p - f)))
				best = p;
		if (best != NULL && best[1] != '\0') {
			nm->particle = dup_trim(f, (size_t)(best - f));
			nm->family = pe_xstrdup(best + 1);
			free(f);
		}
	}
}

void
cite_name_literal(struct cite_names *l, const char *s, size_t n)
{
	char *lit = dup_trim(s, n);

	if (lit != NULL)
		name_new(l)->literal = lit;
}

int
cite_item_empty(const struct cite_item *it)
{
	int i;

	if (it->author.n || it->editor.n || it->translator.n ||
	    it->issued.y || it->accessed.y)
		return 0;
	for (i = 0; i < CV_NVAR; i++)
		if (it->v[i] != NULL && i != CV_CITNUM)
			return 0;
	return 1;
}

static void
kv(struct pe_buf *b, const char *k, const char *v, int *first)
{
	if (!*first)
		pe_buf_addc(b, ',');
	*first = 0;
	pe_buf_addc(b, '"');
	pe_buf_add(b, k, strlen(k));
	pe_buf_add(b, "\":\"", 3);
	pe_buf_json(b, v, strlen(v));
	pe_buf_addc(b, '"');
}

static void
names_json(struct pe_buf *b, const char *key, const struct cite_names *l,
    int *first)
{
	size_t i;
	int f;

	if (l->n == 0)
		return;
	if (!*first)
		pe_buf_addc(b, ',');
	*first = 0;
	pe_buf_addc(b, '"');
	pe_buf_add(b, key, strlen(key));
	pe_buf_add(b, "\":[", 3);
	for (i = 0; i < l->n; i++) {
		const struct cite_name *nm = &l->v[i];

		if (i > 0)
			pe_buf_addc(b, ',');
		pe_buf_addc(b, '{');
		f = 1;
		if (nm->literal) {
			kv(b, "literal", nm->literal, &f);
		} else {
			kv(b, "family", nm->family, &f);
			if (nm->given)
				kv(b, "given", nm->given, &f);
			if (nm->particle)
				kv(b, "non-dropping-particle", nm->particle, &f);
			if (nm->suffix)
				kv(b, "suffix", nm->suffix, &f);
		}
		pe_buf_addc(b, '}');
	}
	pe_buf_addc(b, ']');
}

static void
date_json(struct pe_buf *b, const char *key, const struct cite_date *d,
    int *first)
{
	char tmp[64];
	int n;

	if (d->y == 0)
		return;
	if (!*first)
		pe_buf_addc(b, ',');
	*first = 0;
	if (d->m && d->d)
		n = snprintf(tmp, sizeof(tmp), "[[%d,%d,%d]]", d->y, d->m, d->d);
	else if (d->m)
		n = snprintf(tmp, sizeof(tmp), "[[%d,%d]]", d->y, d->m);
	else
		n = snprintf(tmp, sizeof(tmp), "[[%d]]", d->y);
	pe_buf_addc(b, '"');
	pe_buf_add(b, key, strlen(key));
	pe_buf_add(b, "\":{\"date-parts\":", 16);
	pe_buf_add(b, tmp, (size_t)n);
	pe_buf_addc(b, '}');
}

void
cite_item_json(struct pe_buf *b, const struct cite_item *it, const char *id)
{
	int first = 1, i;

	pe_buf_addc(b, '{');
	kv(b, "id", id, &first);
	kv(b, "type", it->type, &first);
	names_json(b, "author", &it->author, &first);
	names_json(b, "editor", &it->editor, &first);
	names_json(b, "translator", &it->translator, &first);
	for (i = 0; i < CV_NVAR; i++) {
		if (it->v[i] == NULL)
			continue;
		kv(b, var_key[i], it->v[i], &first);
		if (i == CV_PLACE) {
			date_json(b, "issued", &it->issued, &first);
			date_json(b, "accessed", &it->accessed, &first);
		}
	}
	if (it->v[CV_PLACE] == NULL) {
		date_json(b, "issued", &it->issued, &first);
		date_json(b, "accessed", &it->accessed, &first);
	}
	pe_buf_addc(b, '}');
}

/* ---- dates ------------------------------------------------------------ */

/* A digit at s[*i] (ASCII or full-width): its value, advancing *i; -1
 * when there is none. */
static int
digit(const char *s, size_t n, size_t *i)
{
	unsigned char c;

	if (*i >= n)
		return -1;
	c = (unsigned char)s[*i];
	if (c >= '0' && c <= '9') {
		(*i)++;
		return c - '0';
	}
	if (c == 0xEF && *i + 2 < n && (unsigned char)s[*i + 1] == 0xBC &&
	    (unsigned char)s[*i + 2] >= 0x90 && (unsigned char)s[*i + 2] <= 0x99) {
		*i += 3;
		return (unsigned char)s[*i - 1] - 0x90;
	}
	return -1;
}

/* A number of at most maxd digits at s[*i]: its value, or -1 (*i kept). */
static int
number(const char *s, size_t n, size_t *i, int maxd)
{
	size_t j = *i, k;
	int v = 0, d, nd = 0;

	while ((d = digit(s, n, &j)) >= 0) {
		if (++nd > maxd)
			return -1;
		v = v * 10 + d;
	}
	if (nd == 0)
		return -1;
	k = j;
	*i = k;
	return v;
}

int
cite_is_year(const char *s, size_t n)
{
	size_t i = 0;
	int v = number(s, n, &i, 4);

	return i == n && v >= 1400 && v <= 2099 && n >= 4;
}

static int
is_alpha_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A month name at s[*i] (letters of any script, an optional '.'):
 * 1..12, advancing *i; 0 when there is none. */
static int
month_at(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	int m;

	/* month names are short: a longer word is none */
	while (j < n && j - *i <= 16 && (is_alpha_ascii((unsigned char)s[j]) ||
	    ((unsigned char)s[j] >= 0x80 && !is_sp((unsigned char)s[j]))))
		j++;
	if (j - *i > 16)
		return 0;
	/* a multibyte run may include punctuation: stop at common ones */
	if (j == *i)
		return 0;
	m = cite_word(CW_MONTH, s + *i, j - *i);
	if (m < 1 || m > 12)
		return 0;
	if (j < n && s[j] == '.')
		j++;
	*i = j;
	return m;
}

static void
skip_sp(const char *s, size_t n, size_t *i)
{
	while (*i < n && (is_sp((unsigned char)s[*i]) || s[*i] == ','))
		(*i)++;
}

static int
lit(const char *s, size_t n, size_t *i, const char *w)
{
	size_t l = strlen(w);

	if (*i + l <= n && memcmp(s + *i, w, l) == 0) {
		*i += l;
		return 1;
	}
	return 0;
}

/* After a day: "st", "nd", "rd", "th". */
static void
ordinal(const char *s, size_t n, size_t *i)
{
	if (*i + 2 <= n && (memcmp(s + *i, "st", 2) == 0 ||
	    memcmp(s + *i, "nd", 2) == 0 || memcmp(s + *i, "rd", 2) == 0 ||
	    memcmp(s + *i, "th", 2) == 0) &&
	    (*i + 2 == n || !is_alpha_ascii((unsigned char)s[*i + 2])))
		*i += 2;
}

static int
digit_follows(const char *s, size_t n, size_t i)
{
	size_t j = i;

	return digit(s, n, &j) >= 0;
}

size_t
cite_daymonth_at(const char *s, size_t n, struct cite_date *d)
{
	size_t k = 0;
	int dd, m;

	memset(d, 0, sizeof(*d));
	if ((dd = number(s, n, &k, 2)) >= 1) {		/* 31 December */
		ordinal(s, n, &k);
		if (dd > 31 || k >= n || !is_sp((unsigned char)s[k]))
			return 0;
		k++;
		if ((m = month_at(s, n, &k)) <= 0)
			return 0;
	} else {					/* December 31 */
		if ((m = month_at(s, n, &k)) <= 0)
			return 0;
		skip_sp(s, n, &k);
		if ((dd = number(s, n, &k, 2)) < 1 || dd > 31)
			return 0;
		ordinal(s, n, &k);
	}
	d->m = m;
	d->d = dd;
	return k;
}

size_t
cite_date_at(const char *s, size_t n, struct cite_date *d)
{
	size_t i = 0, j, k;
	int y, m, dd, paren = 0;

	memset(d, 0, sizeof(*d));
	if (i < n && s[i] == '(') {
		paren = 1;
		i++;
	}
	j = i;
	y = number(s, n, &j, 4);
	if (y >= 1400 && y <= 2099 && j - i >= 4) {
		d->y = y;
		i = j;
		/* 2026年1月8日 */
		if (lit(s, n, &i, "\xe5\xb9\xb4")) {
			k = i;
			if ((m = number(s, n, &k, 2)) >= 1 && m <= 12 &&
			    lit(s, n, &k, "\xe6\x9c\x88")) {
				d->m = m;
				i = k;
				if ((dd = number(s, n, &k, 2)) >= 1 && dd <= 31 &&
				    lit(s, n, &k, "\xe6\x97\xa5")) {
					d->d = dd;
					i = k;
				}
			}
		} else if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.') &&
		    digit_follows(s, n, i + 1)) {
			/* 2012-01-16, 2012/01/16 */
			char sep = s[i];

			k = i + 1;
			if ((m = number(s, n, &k, 2)) >= 1 && m <= 12) {
				d->m = m;
				i = k;
				if (k < n && s[k] == sep) {
					k++;
					if ((dd = number(s, n, &k, 2)) >= 1 &&
					    dd <= 31) {
						d->d = dd;
						i = k;
					}
				}
			}
		} else if (paren) {
			/* (2012, January 16) */
			k = i;
			skip_sp(s, n, &k);
			if ((m = month_at(s, n, &k)) > 0) {
				d->m = m;
				i = k;
				skip_sp(s, n, &k);
				if ((dd = number(s, n, &k, 2)) >= 1 && dd <= 31) {
					d->d = dd;
					i = k;
				}
			}
		}
		/* 2001a */
		if (i < n && s[i] >= 'a' && s[i] <= 'e' &&
		    (i + 1 == n || !is_alpha_ascii((unsigned char)s[i + 1])))
			i++;
		if (paren && i < n && s[i] == ')')
			i++;
		return i;
	}
	/* a number first: a day, or MM/DD/YYYY */
	j = i;
	if ((dd = number(s, n, &j, 2)) >= 1) {
		k = j;
		if (k < n && (s[k] == '/' || s[k] == '.') && digit_follows(s, n, k + 1)) {
			char sep = s[k];
			int a = dd, b;

			k++;
			if ((b = number(s, n, &k, 2)) >= 1 && k < n && s[k] == sep) {
				k++;
				j = k;
				y = number(s, n, &k, 4);
				if (y >= 1400 && y <= 2099 && k - j == 4) {
					d->y = y;
					/* 01/31/2026: the one above 12 is the day */
					if (a <= 12 && b > 12) {
						d->m = a;
						d->d = b;
					} else if (a > 12 && b <= 12) {
						d->m = b;
						d->d = a;
					}
					if (paren && k < n && s[k] == ')')
						k++;
					return k;
				}
			}
			return 0;
		}
		/* 1月8日 (no year: the caller supplies it) */
		if (dd <= 12 && lit(s, n, &k, "\xe6\x9c\x88")) {
			d->m = dd;
			j = k;
			if ((dd = number(s, n, &k, 2)) >= 1 && dd <= 31 &&
			    lit(s, n, &k, "\xe6\x97\xa5")) {
				d->d = dd;
				j = k;
			}
			return j;
		}
		/* 7 March 2017 */
		ordinal(s, n, &k);
		if (dd <= 31 && k < n && is_sp((unsigned char)s[k])) {
			k++;
			if ((m = month_at(s, n, &k)) > 0) {
				skip_sp(s, n, &k);
				j = k;
				y = number(s, n, &k, 4);
				if (y >= 1400 && y <= 2099 && k - j == 4) {
					d->y = y;
					d->m = m;
					d->d = dd;
					if (paren && k < n && s[k] == ')')
						k++;
					return k;
				}
			}
		}
		return 0;
	}
	/* March 2016, January 7, 2026, Jan. 23 1973, Jul., 1981 */
	j = i;
	if ((m = month_at(s, n, &j)) > 0) {
		k = j;
		skip_sp(s, n, &k);
		if ((dd = number(s, n, &k, 4)) >= 1) {
			if (dd >= 1400 && dd <= 2099) {
				d->y = dd;
				d->m = m;
				if (paren && k < n && s[k] == ')')
					k++;
				return k;
			}
			if (dd <= 31) {
				ordinal(s, n, &k);
				skip_sp(s, n, &k);
				j = k;
				y = number(s, n, &k, 4);
				if (y >= 1400 && y <= 2099 && k - j == 4) {
					d->y = y;
					d->m = m;
					d->d = dd;
					if (paren && k < n && s[k] == ')')
						k++;
					return k;
				}
			}
		}
	}
	return 0;
}
