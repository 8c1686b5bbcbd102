/*
 * pe-cite-scan.c - note markers, URLs and document symbols inside one
 * text.
 *
 * Markers are read in every shape documents use: <sup>i</sup> (HTML in
 * Markdown), [^1] (Markdown footnotes), ^1, [1], ※1, 注1 and （注1）,
 * superscript digits ¹²³, and the bare digits PDF extraction leaves
 * where a superscript was: 「…間違い」1, 報告書4.  A bare digit is a
 * marker only where a reader would take it for one: right after a
 * closing quote, bracket or a Japanese word, not after 第 or 約 (the
 * CW_JA_PREFIX list), not before 年, 月, 人 (CW_JA_COUNTER), not inside
 * a number (2.0」, 99～00), not after a space (4 年毎, 2016 年), and only
 * when the document has a note of that number.
 *
 * URLs: http, https, ftp and www. links, Markdown links as one URL (the
 * target, escapes undone), <> stripped, trailing ')' '.' ',' left out
 * unless balanced inside, a link broken over a line joined again when
 * the piece after the space can only be its continuation; e-mail
 * addresses become mailto: URLs.
 *
 * Document symbols: PREFIX/segment/... where PREFIX is a known issuing
 * body (data/cite-symbols.tsv: S -> Security Council), segments are
 * upper-case words, numbers or both (CN.4, L.10, Add.1), at least one of
 * them numeric; "S/RES/1645-A/RES/60/180" is two.  A locator written
 * after it in the same sentence (para.114) goes with it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/text.h"
#include "pe-cite.h"

void
cite_hits_clear(struct cite_hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].url);
		free(h->v[i].symbol);
		free(h->v[i].locator);
	}
	h->n = 0;
}

void
cite_hits_free(struct cite_hits *h)
{
	cite_hits_clear(h);
	free(h->v);
	memset(h, 0, sizeof(*h));
}

static struct cite_hit *
hit_new(struct cite_hits *h, enum cite_kind k, size_t b, size_t e)
{
	struct cite_hit *x;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 8;
		h->v = pe_xrealloc(h->v, h->cap * sizeof(*h->v));
	}
	x = &h->v[h->n++];
	memset(x, 0, sizeof(*x));
	x->kind = k;
	x->b = b;
	x->e = e;
	return x;
}

static uint32_t
cp_at(const char *s, size_t n, size_t i, size_t *next)
{
	size_t j = i;
	uint32_t c;

	if (i >= n) {
		if (next)
			*next = i;
		return 0;
	}
	c = pe_utf8_next(s, n, &j);
	if (next)
		*next = j;
	return c;
}

/* The code point ending at s[..i), and where it starts. */
static uint32_t
cp_before(const char *s, size_t i, size_t *start)
{
	size_t j = i;

	if (i == 0) {
		if (start)
			*start = 0;
		return 0;
	}
	j--;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	if (start)
		*start = j;
	return cp_at(s, i, j, NULL);
}

static int
ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
ascii_alnum(char c)
{
	return ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A run of digits (ASCII or full-width) at s[i]: its value, the byte
 * after it in *e; -1 when there is none or it has more than maxd. */
static int
digits_at(const char *s, size_t n, size_t i, size_t *e, int maxd)
{
	size_t j = i, k;
	int v = 0, nd = 0, d;

	while (j < n) {
		uint32_t c = cp_at(s, n, j, &k);

		if ((d = pe_digit_value(c)) < 0)
			break;
		if (++nd > maxd)
			return -1;
		/* a long run is skipped whole: its value is not wanted */
		if (nd <= 9)
			v = v * 10 + d;
		j = k;
	}
	if (nd == 0)
		return -1;
	*e = j;
	return v;
}

static int
is_roman(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 8)
		return 0;
	/* strchr() finds the NUL terminator too: a NUL byte is no numeral */
	for (i = 0; i < n; i++)
		if (s[i] == '\0' || !strchr("ivxlcIVXLC", s[i]))
			return 0;
	return 1;
}

/* Copy a marker key: lower case, digits as ASCII. */
static void
set_key(char key[16], const char *s, size_t n)
{
	size_t i = 0, k = 0, j;

	while (i < n && k < 15) {
		uint32_t c = cp_at(s, n, i, &j);
		int d = pe_digit_value(c);

		if (d >= 0)
			key[k++] = (char)('0' + d);
		else if (c < 0x80 && ascii_alnum((char)c))
			key[k++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
		i = j;
	}
	key[k] = '\0';
}

static int
key_ok(const char *s, size_t n)
{
	size_t e;

	if (is_roman(s, n))
		return 1;
	return digits_at(s, n, 0, &e, 3) >= 0 && e == n;
}

/* Superscript digits: value, or -1. */
static int
sup_digit(uint32_t c)
{
	switch (c) {
	case 0xB9: return 1;
	case 0xB2: return 2;
	case 0xB3: return 3;
	}
	if (c == 0x2070)
		return 0;
	if (c >= 0x2074 && c <= 0x2079)
		return (int)(c - 0x2070);
	return -1;
}

/* Does s[i..n) start with a word of class c (up to 4 code points)? */
static int
starts_with_class(const char *s, size_t n, size_t i, enum cite_class c)
{
	size_t j = i, k;
	int m;

	for (m = 0; m < 4 && j < n; m++) {
		cp_at(s, n, j, &k);
		j = k;
		if (cite_word(c, s + i, j - i))
			return 1;
	}
	return 0;
}

static int
closing_mark(uint32_t c)
{
	return c == 0x300D || c == 0x300F || c == 0x201D || c == '"' ||
	    c == 0x2019 || c == 0xFF09 || c == ')' || c == 0x3011 ||
	    c == 0x3015 || c == 0xFF3D;
}

/*
 * A bare digit at s[i..e) (value v): is it a note marker?  See the rules
 * in the header comment.
 */
static int
bare_marker(const char *s, size_t n, size_t i, size_t e, int v,
    const unsigned char *ok, size_t nok)
{
	size_t ps;
	uint32_t prev = cp_before(s, i, &ps), next;

	if (v < 1 || (size_t)v >= nok || !ok[v])
		return 0;
	if (!(closing_mark(prev) || pe_is_han(prev) || pe_is_kana(prev)))
		return 0;
	if ((pe_is_han(prev) || pe_is_kana(prev)) &&
	    cite_word_suffix(CW_JA_PREFIX, s, i) > 0)
		return 0;
	if (e >= n)
		return 1;
	next = cp_at(s, n, e, NULL);
	if (pe_digit_value(next) >= 0 || next == '.' || next == ',' ||
	    next == 0xFF0E || next == 0xFF0C || next == '%' || next == 0xFF05 ||
	    next == '~' || next == 0xFF5E || next == 0x301C || next == '-' ||
	    next == 0x2013 || next == '/' || next == ':' || next == 0xFF1A ||
	    (next < 0x80 && ascii_alnum((char)next)) || pe_is_latin(next))
		return 0;
	if (starts_with_class(s, n, e, CW_JA_COUNTER))
		return 0;
	return 1;
}

void
cite_scan_markers(const char *s, size_t n, size_t skip,
    const unsigned char *bare_ok, size_t nbare, struct cite_hits *h)
{
	size_t i = skip, j, e, k;
	struct cite_hit *x;
	uint32_t c;
	int v;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];

		if (b == '<' && n - i > 11 && memcmp(s + i, "<sup>", 5) == 0) {
			const char *end = NULL;

			for (k = i + 5; k + 6 <= n && k < i + 40; k++)
				if (memcmp(s + k, "</sup>", 6) == 0) {
					end = s + k;
					break;
				}
			if (end != NULL) {
				size_t a = i + 5, z = (size_t)(end - s);

				while (a < z && (s[a] == ' ' || s[a] == '[' ||
				    s[a] == '(' || s[a] == '*'))
					a++;
				while (z > a && (s[z - 1] == ' ' || s[z - 1] == ']' ||
				    s[z - 1] == ')'))
					z--;
				if (z - a >= 3 && memcmp(s + a, "\xe6\xb3\xa8", 3) == 0)
					a += 3;
				if (key_ok(s + a, z - a)) {
					x = hit_new(h, CK_MARKER, i, (size_t)(end - s) + 6);
					x->style = CS_SUP;
					set_key(x->key, s + a, z - a);
					i = x->e;
					continue;
				}
			}
		} else if (b == '[' && i + 2 < n) {
			int foot = s[i + 1] == '^';
			size_t a = i + 1 + (size_t)foot;

			for (k = a; k < n && k < a + 16 && s[k] != ']'; k++)
				;
			if (k < n && s[k] == ']' && k > a && key_ok(s + a, k - a) &&
			    (foot || !is_roman(s + a, k - a)) &&
			    (k + 1 >= n || (s[k + 1] != '(' && s[k + 1] != ':')) &&
			    (i == 0 || s[i - 1] != '!')) {
				x = hit_new(h, CK_MARKER, i, k + 1);
				x->style = foot ? CS_FOOT : CS_BRACKET;
				set_key(x->key, s + a, k - a);
				i = k + 1;
				continue;
			}
		} else if (b == '^' && i + 1 < n && i > skip && s[i - 1] != '[' &&
		    s[i - 1] != ' ' && (v = digits_at(s, n, i + 1, &e, 3)) >= 0) {
			x = hit_new(h, CK_MARKER, i, e);
			x->style = CS_CARET;
			set_key(x->key, s + i + 1, e - i - 1);
			i = e;
			continue;
		} else if (b >= 0x80) {
			/* only ※ 注 (E2, E6), superscripts (C2, E2) and
			 * full-width digits (EF) matter: skip the rest whole */
			if (b != 0xE2 && b != 0xE6 && b != 0xC2 && b != 0xEF) {
				i += b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
				continue;
			}
			c = cp_at(s, n, i, &j);
			if ((c == 0x203B || c == 0x6CE8) &&
			    (v = digits_at(s, n, j, &e, 3)) >= 0) {
				/* ※1, 注1, （注1） */
				size_t a = i, z = e;
				uint32_t pc = cp_before(s, i, &k), nc;

				if ((pc == 0xFF08 || pc == '(') && c == 0x6CE8) {
					nc = cp_at(s, n, e, &k);
					if (nc == 0xFF09 || nc == ')') {
						cp_before(s, i, &a);
						z = k;
					}
				}
				x = hit_new(h, CK_MARKER, a, z);
				x->style = c == 0x203B ? CS_KOME : CS_CHU;
				set_key(x->key, s + j, e - j);
				i = z;
				continue;
			}
			if (sup_digit(c) >= 0) {
				size_t a = i;
				uint32_t pc = cp_before(s, i, NULL);

				e = j;
				while (e < n && sup_digit(cp_at(s, n, e, &k)) >= 0)
					e = k;
				/* m², km³ are units */
				if (pc != 'm' && pc != 0 && !pe_is_space(pc)) {
					char tmp[16];
					size_t q = a, t = 0;

					while (q < e && t < 15) {
						tmp[t++] = (char)('0' +
						    sup_digit(cp_at(s, n, q, &k)));
						q = k;
					}
					x = hit_new(h, CK_MARKER, a, e);
					x->style = CS_SUPDIGIT;
					set_key(x->key, tmp, t);
				}
				i = e;
				continue;
			}
			if (nbare > 0 && pe_digit_value(c) >= 0 && i > skip) {
				if ((v = digits_at(s, n, i, &e, 3)) >= 0 &&
				    bare_marker(s, n, i, e, v, bare_ok, nbare)) {
					x = hit_new(h, CK_MARKER, i, e);
					x->style = CS_BARE;
					set_key(x->key, s + i, e - i);
				}
				digits_at(s, n, i, &e, 64);
				i = e > i ? e : j;
				continue;
			}
			i = j;
			continue;
		} else if (nbare > 0 && ascii_digit((char)b) && i > skip) {
			if (i > 0 && ascii_digit(s[i - 1])) {
				i++;
				continue;
			}
			if ((v = digits_at(s, n, i, &e, 3)) >= 0 &&
			    bare_marker(s, n, i, e, v, bare_ok, nbare)) {
				x = hit_new(h, CK_MARKER, i, e);
				x->style = CS_BARE;
				set_key(x->key, s + i, e - i);
				i = e;
				continue;
			}
			while (i < n && ascii_digit(s[i]))
				i++;
			continue;
		}
		i++;
	}
}

size_t
cite_note_marker(const char *s, size_t n, int loose, char key[16],
    enum cite_style *style)
{
	struct cite_hits h = { 0 };
	size_t i = 0, e, k;
	uint32_t c;
	int v;

	key[0] = '\0';
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n)
		return 0;
	/* [^1]: */
	if (s[i] == '[' && i + 1 < n && s[i + 1] == '^') {
		for (k = i + 2; k < n && k < i + 18 && s[k] != ']'; k++)
			;
		if (k < n && s[k] == ']' && key_ok(s + i + 2, k - i - 2)) {
			set_key(key, s + i + 2, k - i - 2);
			*style = CS_FOOT;
			e = k + 1;
			if (e < n && s[e] == ':')
				e++;
			goto done;
		}
		return 0;
	}
	/* the body scanner reads <sup>, [1], ※1, 注1, ¹ the same way */
	cite_scan_markers(s, n, i, NULL, 0, &h);
	if (h.n > 0 && h.v[0].b == i) {
		memcpy(key, h.v[0].key, 16);
		*style = h.v[0].style;
		e = h.v[0].e;
		cite_hits_free(&h);
		goto done;
	}
	cite_hits_free(&h);
	if (s[i] == '^' && (v = digits_at(s, n, i + 1, &e, 3)) >= 0) {
		set_key(key, s + i + 1, e - i - 1);
		*style = CS_CARET;
		goto done;
	}
	if (!loose)
		return 0;
	/* (1) */
	c = cp_at(s, n, i, &k);
	if ((c == '(' || c == 0xFF08) && (v = digits_at(s, n, k, &e, 3)) >= 0) {
		uint32_t cc = cp_at(s, n, e, &k);

		if (cc == ')' || cc == 0xFF09) {
			set_key(key, s + i, e - i);
			*style = CS_PAREN;
			e = k;
			goto done;
		}
		return 0;
	}
	/* 1 text, 1. text, 1) text, １　text */
	if ((v = digits_at(s, n, i, &e, 3)) >= 0) {
		size_t a = i;
		uint32_t cc = cp_at(s, n, e, &k);

		if (cc == '.' || cc == ')' || cc == 0xFF0E || cc == 0x3002 ||
		    cc == 0xFF09 || cc == 0x3001) {
			uint32_t c3 = cp_at(s, n, k, NULL);

			if (pe_digit_value(c3) >= 0)
				return 0;
			set_key(key, s + a, e - a);
			*style = CS_BARE;
			e = k;
			goto done;
		}
		if (pe_is_space(cc) && e < n) {
			set_key(key, s + a, e - a);
			*style = CS_BARE;
			goto done;
		}
		return 0;
	}
	return 0;
done:
	while (e < n && (s[e] == ' ' || s[e] == '\t'))
		e++;
	if (e + 3 <= n && memcmp(s + e, "\xe3\x80\x80", 3) == 0)
		e += 3;
	return e;
}

/* ---- URLs --------------------------------------------------------- */

static int
url_char(unsigned char c)
{
	return c > 0x20 && c < 0x7F && c != '<' && c != '>' && c != '"' &&
	    c != '`' && c != '{' && c != '}' && c != '|' && c != '^';
}

/* Strip the trailing punctuation a sentence puts after a URL. */
static size_t
url_trim(const char *s, size_t b, size_t e)
{
	size_t k, open = 0, close = 0;

	for (k = b; k < e; k++) {
		if (s[k] == '(')
			open++;
		else if (s[k] == ')')
			close++;
	}
	while (e > b) {
		char c = s[e - 1];

		if (c == ')' && close > open) {
			close--;
			e--;
			continue;
		}
		if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
		    c == '?' || c == '\'' || c == ']' || c == '*' || c == '\\') {
			e--;
			continue;
		}
		break;
	}
	return e;
}

/* The clean URL of s[b..e): Markdown escapes (\_) undone. */
static char *
url_clean(const char *s, size_t b, size_t e, int mailto)
{
	char *u = pe_xmalloc(e - b + 8), *p = u;
	size_t k;

	if (mailto) {
		memcpy(p, "mailto:", 7);
		p += 7;
	}
	for (k = b; k < e; k++) {
		if (s[k] == '\\' && k + 1 < e && strchr("_*[]()#+-.!~\\&", s[k + 1]))
			continue;
		if (s[k] == ' ')
			continue;
		*p++ = s[k];
	}
	*p = '\0';
	return u;
}

static int
url_start(const char *s, size_t n, size_t i)
{
	if (i > 0 && (ascii_alnum(s[i - 1]) || s[i - 1] == '/' ||
	    s[i - 1] == '.' || s[i - 1] == '@'))
		return 0;
	if (n - i >= 8 && (memcmp(s + i, "https://", 8) == 0 ||
	    memcmp(s + i, "HTTPS://", 8) == 0))
		return 8;
	if (n - i >= 7 && (memcmp(s + i, "http://", 7) == 0 ||
	    memcmp(s + i, "HTTP://", 7) == 0))
		return 7;
	if (n - i >= 6 && memcmp(s + i, "ftp://", 6) == 0)
		return 6;
	if (n - i >= 5 && memcmp(s + i, "www.", 4) == 0 && ascii_alnum(s[i + 4]))
		return 4;
	return 0;
}

/*
 * The end of a plain URL at s[i] (past its scheme at i + sl), with a
 * line break repaired: "https://a.org/path/ more/of/it" when the piece
 * after the space can only continue the URL.
 */
static size_t
url_scan(const char *s, size_t n, size_t i, size_t sl)
{
	size_t e = i + sl, k;

	for (;;) {
		int brackets = 0;

		/* a ']' closes the text of a Markdown link around the URL,
		 * unless the URL opened a '[' of its own */
		while (e < n && (url_char((unsigned char)s[e]) ||
		    (s[e] == '\\' && e + 1 < n && s[e + 1] == '_'))) {
			if (s[e] == '[')
				brackets++;
			else if (s[e] == ']' && brackets-- == 0)
				break;
			e++;
		}
		/* a break after '/', '-', '_', '=', '&', '?' or '.' whose
		 * continuation is a path, not a word */
		if (e + 1 < n && s[e] == ' ' && e > i + sl &&
		    strchr("/-_=&?%.", s[e - 1]) != NULL) {
			int slash = 0, ok = 1;
			size_t c = e + 1;

			for (k = c; k < n && url_char((unsigned char)s[k]); k++)
				if (s[k] == '/' || s[k] == '_' || s[k] == '=' ||
				    s[k] == '.' || s[k] == '-')
					slash = 1;
			if (k - c < 2 || !slash || url_start(s, n, c))
				ok = 0;
			/* a sentence goes on with a capital or ends */
			if (ok && (s[c] >= 'A' && s[c] <= 'Z') && s[e - 1] == '.')
				ok = 0;
			if (ok) {
				e = c;
				continue;
			}
		}
		break;
	}
	return e;
}

static void
add_url(struct cite_hits *h, const char *s, size_t b, size_t e, size_t ub,
    size_t ue, int mailto)
{
	struct cite_hit *x = hit_new(h, CK_URL, b, e);

	x->url = url_clean(s, ub, ue, mailto);
}

void
cite_scan_urls(const char *s, size_t n, struct cite_hits *h)
{
	size_t i = 0, e, sl, k, t;

	/* every URL has a '/' or a '.', every address an '@': most
	 * sentences have neither */
	if (n < 5 || (memchr(s, '/', n) == NULL && memchr(s, '@', n) == NULL &&
	    memchr(s, '.', n) == NULL))
		return;
	while (i < n) {
		unsigned char b = (unsigned char)s[i];

		/* [text](target): one URL, the target */
		if (b == ']' && i + 1 < n && s[i + 1] == '(' &&
		    (sl = url_start(s, n, i + 2)) > 0) {
			size_t open;

			/* link texts are short: look back a little only */
			for (open = i; open > 0 && i - open < 2048 &&
			    s[open - 1] != '['; open--)
				if (s[open - 1] == '\n')
					break;
			if (open > 0 && s[open - 1] == '[') {
				for (t = i + 2; t < n && url_char((unsigned char)s[t]) &&
				    s[t] != ')'; t++)
					;
				if (t < n && s[t] == ')') {
					/* forget URLs found inside the link text */
					while (h->n > 0 && h->v[h->n - 1].kind == CK_URL &&
					    h->v[h->n - 1].b >= open - 1) {
						h->n--;
						free(h->v[h->n].url);
					}
					add_url(h, s, open - 1, t + 1, i + 2, t, 0);
					i = t + 1;
					continue;
				}
			}
		}
		if ((b == 'h' || b == 'H' || b == 'w' || b == 'f') &&
		    (sl = url_start(s, n, i)) > 0) {
			e = url_scan(s, n, i, sl);
			e = url_trim(s, i, e);
			if (e > i + sl + 1 && (sl != 4 || memchr(s + i + 4, '.',
			    e - i - 4) != NULL)) {
				add_url(h, s, i, e, i, e, 0);
				i = e;
				continue;
			}
			i += sl;
			continue;
		}
		if (b == '@' && i > 0 && i + 3 < n) {
			size_t a = i, z = i + 1, dots = 0;

			/* RFC 5321: a local part of 64 bytes, a domain of 255 */
			while (a > 0 && i - a < 64 && (ascii_alnum(s[a - 1]) ||
			    s[a - 1] == '.' || s[a - 1] == '_' || s[a - 1] == '-' ||
			    s[a - 1] == '+' || s[a - 1] == '%'))
				a--;
			while (z < n && z - i < 255 && (ascii_alnum(s[z]) ||
			    s[z] == '.' || s[z] == '-')) {
				if (s[z] == '.')
					dots++;
				z++;
			}
			while (z > i + 1 && (s[z - 1] == '.' || s[z - 1] == '-')) {
				z--;
				dots--;
			}
			/* a letter top-level domain of two letters or more */
			for (k = z; k > i + 1 && s[k - 1] != '.'; k--)
				;
			if (a < i && dots > 0 && z - k >= 2 &&
			    !ascii_digit(s[k]) && (a == 0 || s[a - 1] != '/') &&
			    s[a] != '.') {
				/* not inside a URL already found */
				if (h->n == 0 || h->v[h->n - 1].kind != CK_URL ||
				    h->v[h->n - 1].e <= a) {
					add_url(h, s, a, z, a, z, 1);
					i = z;
					continue;
				}
			}
		}
		i++;
	}
}

/* ---- document symbols ------------------------------------------- */

/* One segment of a symbol at s[i]: RES, 1645, CN.4, L.10, Add.1.
 * Returns its end and sets *num when it holds a digit, or returns i. */
static size_t
sym_seg(const char *s, size_t n, size_t i, int *num)
{
	size_t e = i;
	int up = 0, dig = 0, low = 0;

	while (e < n && (ascii_alnum(s[e]) || (s[e] == '.' && e > i &&
	    e + 1 < n && ascii_alnum(s[e + 1])))) {
		if (s[e] >= 'A' && s[e] <= 'Z')
			up++;
		else if (ascii_digit(s[e]))
			dig++;
		else if (s[e] >= 'a' && s[e] <= 'z')
			low++;
		e++;
	}
	if (e == i || e - i > 12)
		return i;
	/* lower case only in Add.1, Rev.2, Corr.1 */
	if (low > 0 && !(e - i >= 4 && (memcmp(s + i, "Add.", 4) == 0 ||
	    memcmp(s + i, "Rev.", 4) == 0 || memcmp(s + i, "Corr.", 5) == 0 ||
	    memcmp(s + i, "Res.", 4) == 0)))
		return i;
	*num = dig > 0;
	return e;
}

void
cite_scan_symbols(const char *s, size_t n, struct cite_hits *h)
{
	const char *p = s, *end = s + n;
	size_t i, a, e, k, segs;
	int num, anynum;

	while ((p = memchr(p, '/', (size_t)(end - p))) != NULL) {
		i = (size_t)(p - s);
		p++;
		/* the prefix before the first '/' */
		for (a = i; a > 0 && i - a <= 6 && s[a - 1] >= 'A' &&
		    s[a - 1] <= 'Z'; a--)
			;
		if (a == i || i - a > 6)
			continue;
		if (a > 0 && (ascii_alnum(s[a - 1]) || s[a - 1] == '/' ||
		    s[a - 1] == '.' || s[a - 1] == ':' || s[a - 1] == '_'))
			continue;
		if (cite_word_str(CW_SYMBOL, s + a, i - a) == NULL)
			continue;
		e = i;
		segs = 0;
		anynum = 0;
		while (e < n && s[e] == '/') {
			k = sym_seg(s, n, e + 1, &num);
			if (k == e + 1)
				break;
			segs++;
			anynum |= num;
			e = k;
		}
		if (segs < 2 || !anynum)
			continue;
		/* not a URL's path */
		if (e < n && (s[e] == '/' || ascii_alnum(s[e])))
			continue;
		{
			struct cite_hit *x = hit_new(h, CK_SYMBOL, a, e);
			const char *body = cite_word_str(CW_SYMBOL, s + a, i - a);
			size_t q, lim;

			x->symbol = pe_xmalloc(e - a + 1);
			memcpy(x->symbol, s + a, e - a);
			x->symbol[e - a] = '\0';
			x->authority = body;
			/* a locator later in the same sentence */
			for (lim = e; lim < n && lim < e + 400; lim++) {
				/* "para. 114" does not end the sentence */
				if (s[lim] == '.' && lim >= e + 4 &&
				    (memcmp(s + lim - 4, "para", 4) == 0 ||
				    memcmp(s + lim - 2, "pp", 2) == 0 ||
				    (s[lim - 1] == 'p' && s[lim - 2] == ' ')))
					continue;
				if ((s[lim] == '.' && (lim + 1 >= n || s[lim + 1] == ' ')) ||
				    (lim + 3 <= n && memcmp(s + lim, "\xe3\x80\x82", 3) == 0))
					break;
				/* the next symbol ends it too */
				if (s[lim] == '/' && lim > e + 1 && s[lim - 1] >= 'A' &&
				    s[lim - 1] <= 'Z' && lim + 1 < n &&
				    ascii_alnum(s[lim + 1]) &&
				    !(lim > 1 && s[lim - 2] == '/'))
					break;
			}
			for (q = e; q + 5 < lim; q++) {
				size_t l = 0;

				if (memcmp(s + q, "paras.", 6) == 0)
					l = 6;
				else if (memcmp(s + q, "para.", 5) == 0)
					l = 5;
				else if (q + 9 < lim && memcmp(s + q, "paragraph", 9) == 0)
					l = 9;
				if (l == 0 || (q > 0 && ascii_alnum(s[q - 1])))
					continue;
				q += l;
				while (q < lim && s[q] == ' ')
					q++;
				for (k = q; k < lim && (ascii_digit(s[k]) ||
				    s[k] == '-' || s[k] == ','); k++)
					;
				while (k > q && !ascii_digit(s[k - 1]))
					k--;
				if (k > q) {
					x->locator = pe_xmalloc(k - q + 1);
					memcpy(x->locator, s + q, k - q);
					x->locator[k - q] = '\0';
				}
				break;
			}
		}
		p = s + e;
	}
}
