/*
 * pe-split-seg.c - from a decoded document to units: layout, repair,
 * sentences.
 *
 * Three passes over one document held in memory:
 *
 *  1. Lines.  Each physical line is measured (display width, first and
 *     last characters, letter-spacing, script) and classed: blank,
 *     footnote separator (a PDF's long run of spaces), Markdown rule or
 *     heading, URL, page number, list item, numbered section, footnote.
 *     The document as a whole is classed too: "web" text keeps one
 *     paragraph a line; "wrapped" text (PDF extraction, hard-wrapped
 *     Markdown) breaks sentences across lines, sometimes double-spaced.
 *
 *  2. Blocks.  Lines are gathered into paragraph-level blocks, deciding
 *     at every line break whether it ends a unit (gold/README.md: "a
 *     heading, list item, blank line or page break ends a unit; a PDF
 *     wrap does not").  A sentence interrupted by a page footer, a URL
 *     block or a sidebar is suspended and resumed where it goes on, so
 *     it stays one unit at its start.
 *
 *  3. Sentences.  A block's lines are joined by the spacing rule (no
 *     space between Japanese characters or next to Japanese punctuation,
 *     one space otherwise, a line-final hyphen kept and joined), letter-
 *     spaced runs are closed up, and the text is cut at sentence ends:
 *     。．！？!? and their kin, never inside 「」『』（）, never at an
 *     abbreviation, a decimal, an ellipsis that goes on, a URL.
 *
 * Every byte of a unit's text keeps the source offset it came from, so
 * spans are exact however much the text was repaired.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/text.h"
#include "pe-split.h"
#include "pe-split-chars.h"

const char *const seg_kind_name[K_NKINDS] = {
	"title", "heading", "sentence", "list-item", "quote", "footnote",
	"reference", "url", "meta", "page-number", "boilerplate"
};

/* ---- lines ----------------------------------------------------------- */

enum {
	L_BLANK, L_SEP, L_RULE, L_MDHEAD, L_URL, L_PAGE, L_BULLET, L_ENUM,
	L_SECTION, L_FNOTE, L_FNMARK, L_BQUOTE, L_TEXT
};

struct line {
	size_t b0, b1;		/* content, end of line excluded */
	size_t t0, t1;		/* without leading and trailing space */
	size_t m1;		/* end of line-start markup to strip (t0 if none) */
	int width;		/* display width of t0..t1 */
	int ink;		/* display width of its non-space characters */
	uint32_t first, last;
	int lead, trail;	/* leading / trailing white space characters */
	int cls;
	int latin;		/* mostly Latin letters */
	int lspaced;		/* letter-spaced */
	int digits_only;
	int enum_val, enum_style;	/* list enumerator: value and style */
	int bdelta, bclose;	/* bracket_delta() of the whole line */
	unsigned long no;
};

struct doc {
	const char *s;
	size_t n;
	const struct seg_opts *o;
	struct line *ln;
	size_t nl;
	int wrapped;		/* sentences run across lines */
	int dspaced;		/* a blank line after nearly every line */
	int wbody;		/* usual width of a full line */
	int wjp;		/* the commonest width of a Japanese text line */
	int japanese;		/* mostly Japanese: English paragraphs are quotes */
};

static int
is_url_start(const char *s, size_t n)
{
	return (n >= 7 && strncmp(s, "http://", 7) == 0) ||
	    (n >= 8 && strncmp(s, "https://", 8) == 0) ||
	    (n >= 4 && strncmp(s, "www.", 4) == 0);
}

/* A section number at line start: 第１部 / 1 / １ / I. / II. ; returns
 * its length (through the space after it) or 0. */
static size_t
section_number(const char *s, size_t n)
{
	size_t i = 0, j;
	uint32_t c = cp_at(s, n, 0);
	int digits = 0;

	if (c == 0x7B2C) {	/* 第 */
		NEXT(s, &i);
		j = i;
		while (j < n) {
			size_t k = j;
			uint32_t d = NEXT(s, &k);

			/* digits or 一二三四五六七八九十 */
			if (c_digit(d) < 0 && d != 0x4E00 && d != 0x4E8C &&
			    d != 0x4E09 && d != 0x56DB && d != 0x4E94 &&
			    d != 0x516D && d != 0x4E03 && d != 0x516B &&
			    d != 0x4E5D && d != 0x5341)
				break;
			digits++;
			j = k;
		}
		c = cp_at(s, n, j);
		if (digits == 0 || !(c == 0x90E8 || c == 0x7AE0 || c == 0x7BC0 ||
		    c == 0x7DE8 || c == 0x56DE))	/* 部 章 節 編 回 */
			return 0;
		NEXT(s, &j);
		if (j < n && s[j] == ' ')
			j++;
		return j;
	}
	/* Roman numerals I. II. III. IV. ... */
	j = 0;
	while (j < n && strchr("IVX", s[j]) != NULL)
		j++;
	if (j > 0 && j <= 4 && j + 1 < n && s[j] == '.' && s[j + 1] == ' ')
		return j + 2;
	/* １ 見出し / 1 見出し: digits, one space, then Japanese */
	j = 0;
	while (j < n) {
		size_t k = j;
		uint32_t d = NEXT(s, &k);

		if (c_digit(d) < 0)
			break;
		digits++;
		j = k;
	}
	if (digits == 0 || digits > 2)
		return 0;
	c = cp_at(s, n, j);
	if (c != ' ' && c != 0x3000)
		return 0;
	NEXT(s, &j);
	if (!c_japanese(cp_at(s, n, j)))
		return 0;
	return j;
}

static void
measure(struct doc *d, struct line *l)
{
	const char *s = d->s;
	size_t i = l->b0, last = l->b0;
	int latin = 0, letters = 0, single = 0, tokens = 0, toklen = 0;
	int spaces_inside = 0;
	uint32_t c;

	l->t0 = l->t1 = l->b0;
	l->first = l->last = 0;
	l->lead = l->trail = 0;
	l->width = l->ink = 0;
	l->digits_only = 1;
	while (i < l->b1) {
		size_t at = i;

		c = NEXT(s, &i);
		if (c_space(c) || c == '\t') {
			if (l->first == 0)
				l->lead++;
			if (toklen > 0) {
				tokens++;
				if (toklen == 1)
					single++;
				toklen = 0;
				if (l->first != 0)
					spaces_inside++;
			}
			continue;
		}
		if (l->first == 0) {
			l->first = c;
			l->t0 = at;
		}
		l->last = c;
		last = i;
		l->ink += c_width(c);
		toklen++;
		if (c_digit(c) < 0)
			l->digits_only = 0;
		if (c_latin(c)) {
			latin++;
			letters++;
		} else if (c_han(c) || c_kana(c)) {
			letters++;
		}
	}
	if (toklen > 0) {
		tokens++;
		if (toklen == 1)
			single++;
	}
	l->t1 = l->first ? last : l->t0;
	if (l->first == 0)
		l->digits_only = 0;
	/* width including inner spaces */
	l->width = l->ink;
	for (i = l->t0; i < l->t1;) {
		c = NEXT(s, &i);
		if (c_space(c) || c == '\t')
			l->width += 1;
	}
	for (i = l->t1; i < l->b1;) {
		c = NEXT(s, &i);
		l->trail++;
	}
	l->latin = letters > 0 && latin * 10 >= letters * 7;
	/* 中 距 離 核: most tokens one character long */
	l->lspaced = tokens >= 6 && single * 10 >= tokens * 6 && !l->latin;
	(void)spaces_inside;
}

static int
line_is_url(const struct doc *d, const struct line *l)
{
	const char *s = d->s + l->t0;
	size_t n = l->t1 - l->t0, i;

	if (*s == '<' && n > 2 && s[n - 1] == '>') {
		s++;
		n -= 2;
	}
	if (!is_url_start(s, n))
		return 0;
	for (i = 0; i < n; i++)
		if (isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A Markdown-style footnote marker at line start: <sup>x</sup>, [^x]:,
 * ※1, 注1, *1; returns its length or 0. */
static size_t
note_marker(const char *s, size_t n)
{
	size_t i;

	if (n > 5 && strncmp(s, "<sup>", 5) == 0) {
		for (i = 5; i + 6 <= n && i < 20; i++)
			if (strncmp(s + i, "</sup>", 6) == 0)
				return i + 6;
		return 0;
	}
	if (n > 3 && s[0] == '[' && s[1] == '^') {
		for (i = 2; i + 1 < n && i < 20; i++)
			if (s[i] == ']')
				return s[i + 1] == ':' ? i + 2 : 0;
		return 0;
	}
	return 0;
}

/*
 * Page numbers as PDF extraction leaves them: "- 3 -", "― 3 ―", "3 / 40",
 * "Page 3", and a running head with its number after a wide gap
 * ("外交の基本方針          3").
 */
static int
page_furniture(const char *s, size_t n)
{
	size_t i = 0, j, digits = 0, gap = 0, run = 0;
	uint32_t c;

	if (n > 5 && (strncmp(s, "Page ", 5) == 0 || strncmp(s, "page ", 5) == 0)) {
		for (i = 5; i < n && isdigit((unsigned char)s[i]); i++)
			digits++;
		return digits > 0 && digits <= 4 && i == n;
	}
	/* dashes, digits, dashes; or digits / digits */
	{
		int before = 0, after = 0, slash = 0, other = 0;

		digits = 0;
		for (i = 0; i < n;) {
			c = NEXT(s, &i);
			if (c_digit(c) >= 0) {
				if (before && after)
					other++;
				digits++;
			} else if (c == '-' || c == 0x2014 || c == 0x2015 ||
			    c == 0x2013 || c == 0x2010 || c == 0x2500) {
				if (digits)
					after = 1;
				else
					before = 1;
			} else if (c == '/') {
				slash++;
			} else if (!c_space(c)) {
				other++;
			}
		}
		if (!other && digits > 0 && digits <= 8 &&
		    ((before && after) || slash == 1))
			return 1;
	}
	/* a running head: text, a gap of four or more spaces, a number */
	j = n;
	while (j > 0 && isdigit((unsigned char)s[j - 1])) {
		j--;
		digits++;
	}
	if (digits == 0 || digits > 4)
		return 0;
	while (j > 0 && s[j - 1] == ' ') {
		j--;
		gap++;
	}
	(void)run;
	return gap >= 4 && j > 0;
}

static void
classify(struct doc *d, size_t k)
{
	struct line *l = &d->ln[k];
	const char *s = d->s + l->t0;
	size_t n = l->t1 - l->t0, i;
	int v, st;
	uint32_t c2;

	l->m1 = l->t0;
	l->enum_val = l->enum_style = 0;
	if (l->first == 0) {
		l->cls = (l->b1 - l->b0 >= 10) ? L_SEP : L_BLANK;
		return;
	}
	/* --- *** ___ */
	if (n >= 3 && (s[0] == '-' || s[0] == '*' || s[0] == '_')) {
		for (i = 0; i < n; i++)
			if (s[i] != s[0] && s[i] != ' ')
				break;
		if (i == n) {
			l->cls = L_RULE;
			return;
		}
	}
	if (s[0] == '#') {
		for (i = 0; i < n && i < 7 && s[i] == '#'; i++)
			;
		if (i < 7 && i < n && s[i] == ' ') {
			while (i < n && s[i] == ' ')
				i++;
			l->cls = L_MDHEAD;
			l->m1 = l->t0 + i;
			return;
		}
	}
	if (line_is_url(d, l)) {
		l->cls = L_URL;
		return;
	}
	if (s[0] == '>' && (n == 1 || s[1] == ' ')) {	/* Markdown block quote */
		for (i = 1; i < n && s[i] == ' '; i++)
			;
		l->cls = L_BQUOTE;
		l->m1 = l->t0 + i;
		return;
	}
	if ((i = note_marker(s, n)) > 0) {
		l->cls = L_FNMARK;
		return;
	}
	if ((l->digits_only && l->ink <= 8) || page_furniture(s, n)) {
		l->cls = L_PAGE;
		return;
	}
	/* Bullets: - * + • ● ○ ■ □ ◆ ◇ ▪ ‣ ⁃ ・ followed by a space. */
	i = 0;
	c2 = NEXT(s, &i);
	if ((c2 == '-' || c2 == '*' || c2 == '+' || c2 == 0x2022 ||
	    c2 == 0x25CF || c2 == 0x25CB || c2 == 0x25A0 || c2 == 0x25A1 ||
	    c2 == 0x25C6 || c2 == 0x25C7 || c2 == 0x25AA || c2 == 0x2023 ||
	    c2 == 0x2043 || c2 == 0x30FB) && i < n &&
	    (s[i] == ' ' || s[i] == '\t' || (c2 == 0x2043 && n > i))) {
		size_t j = i, q;

		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
		l->cls = L_BULLET;
		l->m1 = l->t0 + j;
		/* "• 9. a • 10. b": an inline list keeps its bullets */
		for (q = j; q + i < n; q++)
			if (s[q] == ' ' && memcmp(s + q + 1, s, i) == 0)
				l->m1 = l->t0;
		return;
	}
	if ((i = split_enumerator(s, n, &v, &st)) > 0) {
		l->cls = L_ENUM;
		l->enum_val = v;
		l->enum_style = st;
		return;
	}
	if (section_number(s, n) > 0 || (n > 6 &&
	    strncmp(s, "\xe3\x80\x90", 3) == 0 &&	/* 【 ... 】 */
	    strncmp(s + n - 3, "\xe3\x80\x91", 3) == 0)) {
		l->cls = L_SECTION;
		return;
	}
	l->cls = L_TEXT;
}

/* The width most full lines share: the 80th percentile of the widths of
 * lines at least 16 columns wide. */
static int
body_width(struct doc *d)
{
	int hist[257] = { 0 }, total = 0, acc = 0, w;
	size_t k;

	for (k = 0; k < d->nl; k++) {
		w = d->ln[k].ink;
		if (d->ln[k].cls != L_TEXT || w < 16)
			continue;
		hist[w > 256 ? 256 : w]++;
		total++;
	}
	if (total == 0)
		return 0;
	for (w = 0; w <= 256; w++) {
		acc += hist[w];
		if (acc * 10 >= total * 8)
			return w;
	}
	return 256;
}

/* The commonest width (within 2 columns) of Japanese text lines. */
static int
jp_width(struct doc *d)
{
	int hist[260] = { 0 }, best = 0, bestn = 0, w, n;
	size_t k;

	for (k = 0; k < d->nl; k++) {
		w = d->ln[k].ink;
		if (d->ln[k].cls != L_TEXT || w < 16 || w >= 256 || d->ln[k].latin)
			continue;
		hist[w]++;
	}
	for (w = 2; w < 256; w++) {
		n = hist[w - 2] + hist[w - 1] + hist[w] + hist[w + 1] + hist[w + 2];
		if (n > bestn) {
			bestn = n;
			best = w;
		}
	}
	return bestn >= 5 ? best : 0;
}

static void
doc_layout(struct doc *d)
{
	size_t k, next;
	int longl = 0, wrap = 0, nonblank = 0, blank_after = 0;

	d->wbody = body_width(d);
	d->wjp = jp_width(d);
	{
		size_t jl = 0, ll = 0;

		for (k = 0; k < d->nl; k++) {
			if (d->ln[k].cls != L_TEXT || d->ln[k].first == 0)
				continue;
			if (d->ln[k].latin)
				ll += (size_t)d->ln[k].ink;
			else
				jl += (size_t)d->ln[k].ink;
		}
		d->japanese = jl >= ll;
	}
	for (k = 0; k < d->nl; k++) {
		struct line *l = &d->ln[k];

		if (l->cls == L_BLANK || l->cls == L_SEP)
			continue;
		nonblank++;
		if (k + 1 < d->nl && d->ln[k + 1].cls == L_BLANK &&
		    (k + 2 >= d->nl || d->ln[k + 2].cls != L_BLANK))
			blank_after++;
		if (l->cls != L_TEXT || l->ink * 10 < d->wbody * 8 || l->ink < 20)
			continue;
		longl++;
		for (next = k + 1; next < d->nl && d->ln[next].cls == L_BLANK; next++)
			;
		if (!is_final(l->last) && !is_close_bracket(l->last) &&
		    next < d->nl && d->ln[next].cls == L_TEXT)
			wrap++;
	}
	/* Wrapped: most full lines end in mid-sentence. */
	d->wrapped = longl >= 4 && wrap * 10 >= longl * 4;
	d->dspaced = d->wrapped && nonblank >= 6 && blank_after * 10 >= nonblank * 6;
}

/* ---- blocks ---------------------------------------------------------- */

struct piece {
	size_t t0, t1;		/* bytes of the source to take */
	size_t line;		/* index into ln */
	int gap;		/* a line break (1) or nothing (0) before it */
};

struct block {
	int kind;
	struct piece *p;
	int np, cap;
	int open;		/* its last line ended in mid-sentence */
	int split;		/* may be cut into sentences */
	int inline_list;	/* bullets/enumerators inside a line are cuts */
	unsigned long para;
	int brackets;		/* unclosed 「（ at its end */
	int quotes;		/* unclosed “ at its end */
};

struct blocks {
	struct block *b;
	size_t n, cap;
};

static struct block *
new_block(struct blocks *bs, int kind, unsigned long para)
{
	struct block *b;

	if (bs->n == bs->cap) {
		bs->cap = bs->cap ? bs->cap * 2 : 64;
		bs->b = pe_xrealloc(bs->b, bs->cap * sizeof(*bs->b));
	}
	b = &bs->b[bs->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->para = para;
	b->split = kind == K_SENTENCE || kind == K_LIST || kind == K_QUOTE ||
	    kind == K_META;
	return b;
}

/* Bracket balance of s[t0..t1): opened minus closed, of 「『（( only. */
static int
bracket_delta(const char *s, size_t t0, size_t t1, int *closes_first)
{
	size_t i = t0;
	int depth = 0, min = 0;

	while (i < t1) {
		uint32_t c = NEXT(s, &i);

		if (c == 0x300C || c == 0x300E || c == 0xFF08 || c == '(')
			depth++;
		else if (c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')') {
			depth--;
			if (depth < min)
				min = depth;
		}
	}
	if (closes_first)
		*closes_first = min < 0;
	return depth;
}

/* Does s[t0..t1) end a sentence?  Its last character, looking through
 * closing quotes and brackets ("…interests.”", "…した。」"). */
static int
ends_final(const char *s, size_t t0, size_t t1)
{
	size_t i = t1;

	while (i > t0) {
		size_t j = cp_back(s, i), q = j;
		uint32_t c = NEXT(s, &q);

		if (c_space(c) || c == '\t' || is_close_bracket(c) ||
		    c == 0x2019 || c == '"' || c == '\'') {
			i = j;
			continue;
		}
		return is_final(c);
	}
	return 0;
}

static void
add_piece(struct doc *d, struct block *b, size_t k, size_t t0, size_t t1)
{
	struct piece *p;
	int cf;

	if (b->np == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 2;
		b->p = pe_xrealloc(b->p, (size_t)b->cap * sizeof(*b->p));
	}
	p = &b->p[b->np++];
	p->t0 = t0;
	p->t1 = t1;
	p->line = k;
	p->gap = b->np > 1;
	if (t0 == d->ln[k].t0 && t1 == d->ln[k].t1) {
		cf = d->ln[k].bclose;
		b->brackets += d->ln[k].bdelta;
	} else {
		b->brackets += bracket_delta(d->s, t0, t1, &cf);
	}
	if (b->brackets < 0)
		b->brackets = 0;
	b->open = !ends_final(d->s, t0, t1);
	{
		size_t i = t0;

		while (i < t1) {
			uint32_t c = NEXT(d->s, &i);

			if (c == 0x201C)
				b->quotes++;
			else if (c == 0x201D && b->quotes > 0)
				b->quotes--;
		}
	}
	/* a quotation still open goes on past a full stop */
	if (b->kind == K_QUOTE && b->quotes > 0)
		b->open = 1;
}

/* Can this line go on from an open sentence?  Lines that begin with a
 * character no word starts with certainly do. */
static int
cannot_start(uint32_t c)
{
	if (c == 0x30FC || c == 0x3001 || c == 0x3002 || c == 0xFF0C ||
	    is_close_bracket(c))
		return 1;
	/* small kana, っ ゃ ゅ ょ ぁ ぃ ぅ ぇ ぉ and katakana ones */
	if ((c >= 0x3041 && c <= 0x3049 && (c & 1)) || c == 0x3063 ||
	    c == 0x3083 || c == 0x3085 || c == 0x3087 || c == 0x30C3 ||
	    c == 0x30E3 || c == 0x30E5 || c == 0x30E7 ||
	    (c >= 0x30A1 && c <= 0x30A9 && (c & 1)))
		return 1;
	/* を and the verb endings る, ん rarely begin anything */
	if (c == 0x3092 || c == 0x3093 || c == 0x308B)
		return 1;
	return is_ascii_lower(c);
}

struct state {
	struct doc *d;
	struct blocks bs;
	long cur;		/* the block lines join, or -1 */
	long *susp;		/* suspended open blocks */
	size_t nsusp, capsusp;
	unsigned long para;
	int zone_notes;		/* footnotes may come: 1 after a rule, 2
				   after a PDF separator, 3 among notes
				   under a rule */
	int after_heading;	/* the last thing was a heading */
	int interrupted;	/* an interruption since cur was suspended */
	int seen_body;		/* a sentence has been seen */
	int title_done;
	int refs;		/* under a 参考資料/References heading */
	int quote_src;		/* after a block quote: its source line */
};

static void
suspend(struct state *st)
{
	if (st->cur < 0)
		return;
	int kind = st->bs.b[st->cur].kind;

	if (st->d->wrapped && st->bs.b[st->cur].open &&
	    !st->d->o->keep_layout && (kind == K_SENTENCE ||
	    kind == K_LIST || kind == K_QUOTE)) {
		if (st->nsusp == st->capsusp) {
			st->capsusp = st->capsusp ? st->capsusp * 2 : 8;
			st->susp = pe_xrealloc(st->susp, st->capsusp * sizeof(long));
		}
		st->susp[st->nsusp++] = st->cur;
	}
	st->cur = -1;
}

static void
close_cur(struct state *st)
{
	st->cur = -1;
}

static struct block *
start(struct state *st, int kind, size_t k, size_t t0)
{
	struct block *b = new_block(&st->bs, kind, st->para);

	add_piece(st->d, b, k, t0, st->d->ln[k].t1);
	st->cur = (long)(b - st->bs.b);
	return b;
}

static int
is_short(const struct doc *d, const struct line *l)
{
	if (d->wbody == 0)
		return l->ink < 40;
	return l->ink * 10 < d->wbody * 6;
}

/* Is there a date and nothing much else on the line?  2026年1月13日,
 * ２０２５年５月, 01/31/2026, 2026-01-13. */
static int
is_date_line(const struct doc *d, const struct line *l)
{
	size_t i = l->t0;
	int digits = 0, other = 0, year = 0;

	if (l->ink > 48)
		return 0;
	while (i < l->t1) {
		uint32_t c = NEXT(d->s, &i);

		if (c_digit(c) >= 0)
			digits++;
		else if (c == 0x5E74)	/* 年 */
			year = 1;
		else if (c == 0x6708 || c == 0x65E5 || c == '/' || c == '-' ||
		    c == '.' || c == ' ' || c == 0x2022 || c == 0x30FB)
			;
		else
			other++;
	}
	return digits >= 4 && other == 0 && (year || digits >= 6);
}

/* A year, a month and a day: 2026年1月1日 (full-width digits too). */
static int
has_full_date(const struct doc *d, const struct line *l)
{
	size_t i = l->t0;
	int state = 0, digits = 0;

	while (i < l->t1) {
		uint32_t c = NEXT(d->s, &i);

		if (c_digit(c) >= 0) {
			digits++;
			continue;
		}
		if (state == 0 && c == 0x5E74 && digits == 4)	/* 年 */
			state = 1;
		else if (state == 1 && c == 0x6708 && digits >= 1 && digits <= 2)
			state = 2;
		else if (state == 2 && c == 0x65E5 && digits >= 1 && digits <= 2)
			return 1;
		else
			state = 0;
		digits = 0;
	}
	return 0;
}

static int
contains(const struct doc *d, const struct line *l, const char *w)
{
	size_t n = strlen(w);
	const char *p = d->s + l->t0, *end = d->s + l->t1;

	while (p + n <= end && (p = memchr(p, w[0], (size_t)(end - p))) != NULL) {
		if (p + n <= end && memcmp(p, w, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* Footers and bylines: contact lines, end marks, dates, "By X". */
static int
is_meta_line(const struct doc *d, const struct line *l)
{
	size_t n = l->t1 - l->t0;
	const char *s = d->s + l->t0;

	if (l->ink > 100)
		return 0;	/* footer lines are short; keep this off the hot path */
	if (is_date_line(d, l))
		return 1;
	if (contains(d, l, "TEL") || contains(d, l, "FAX") ||
	    contains(d, l, "E-mail") || contains(d, l, "\xe3\x80\x92"))	/* 〒 */
		return 1;
	if ((n == 8 && memcmp(s, "(\xe4\xbb\xa5\xe4\xb8\x8a)", 8) == 0) ||	/* (以上) */
	    (n == 12 && memcmp(s, "\xef\xbc\x88\xe4\xbb\xa5\xe4\xb8\x8a\xef\xbc\x89", 12) == 0))
		return 1;
	if (n > 3 && memcmp(s, "By ", 3) == 0 && l->ink < 40)
		return 1;
	if (contains(d, l, "WEB\xef\xbc\x9a") || contains(d, l, "URL\xef\xbc\x9a") ||
	    contains(d, l, "Web:") || contains(d, l, "URL:"))
		return 1;
	/* "Bloomberg 2026年1月1日 at 8:03 JST": a dated credit line */
	if (l->ink < 60 && !ends_final(d->s, l->t0, l->t1) && has_full_date(d, l))
		return 1;
	return 0;
}

/* A block quote in a Japanese document: a paragraph of English. */
static int
starts_quote(const struct doc *d, const struct line *l)
{
	return d->japanese && d->wrapped && l->latin && !is_short(d, l);
}

static int
refs_heading(const struct doc *d, const struct line *l)
{
	static const char *const w[] = {
		"\xe5\x8f\x82\xe8\x80\x83\xe8\xb3\x87\xe6\x96\x99",	/* 参考資料 */
		"\xe5\x8f\x82\xe8\x80\x83\xe6\x96\x87\xe7\x8c\xae",	/* 参考文献 */
		"\xe5\x87\xba\xe5\x85\xb8",				/* 出典 */
		"References", "Sources", "Bibliography", NULL
	};
	int i;

	for (i = 0; w[i]; i++)
		if (contains(d, l, w[i]) && l->ink < 30)
			return 1;
	return 0;
}

/* Choose the suspended block a continuation line belongs to: the one
 * whose unclosed bracket it closes, else the newest. */
static long
pick_suspended(struct state *st, size_t k, int need_close)
{
	size_t i;

	if (st->nsusp == 0)
		return -1;
	if (need_close) {
		for (i = st->nsusp; i-- > 0;)
			if (st->bs.b[st->susp[i]].brackets > 0)
				return (long)i;
	}
	(void)k;
	return (long)st->nsusp - 1;
}

static void
resume(struct state *st, long si, size_t k)
{
	long b = st->susp[si];

	memmove(st->susp + si, st->susp + si + 1,
	    (st->nsusp - (size_t)si - 1) * sizeof(long));
	st->nsusp--;
	st->cur = b;
	add_piece(st->d, &st->bs.b[b], k, st->d->ln[k].t0, st->d->ln[k].t1);
}

/* Does a heading or margin note run on into line k? */
static int
heading_goes_on(const struct doc *d, const struct block *b, size_t k)
{
	const struct line *prev = &d->ln[b->p[b->np - 1].line];
	const struct line *l = &d->ln[k];

	if (d->ln[b->p[0].line].cls != L_TEXT)
		return 0;
	if (!d->wrapped || l->cls != L_TEXT || !is_short(d, l) ||
	    is_final(prev->last) || is_final(l->last) || is_meta_line(d, l))
		return 0;
	/* A Latin source line does not run into a Japanese margin note. */
	if (prev->latin && !l->latin && l->ink > 6)
		return 0;
	return 1;
}

/* Does a PDF footnote go on past the blank line at k?  When its last
 * line is cut inside a word or URL, or it is a full line of Latin text
 * and the next line is Latin too. */
static int
note_goes_on(const struct doc *d, const struct block *b, size_t k)
{
	const struct line *pl = &d->ln[b->p[b->np - 1].line];
	size_t j;

	if (!b->open)
		return 0;
	for (j = k + 1; j < d->nl && d->ln[j].cls == L_BLANK; j++)
		;
	if (j >= d->nl || d->ln[j].cls != L_TEXT)
		return 0;
	if (pl->last == '-')
		return 1;
	return pl->latin && d->ln[j].latin;
}

/* A line cut after a particle: これは父の / 家です。 */
static int
line_particle_end(const struct line *l)
{
	uint32_t c = l->last;

	return l->trail == 0 && (c == 0x306E || c == 0x3092 || c == 0x304C ||
	    c == 0x3001 || c == 0xFF0C);
}

static int
particle_end(const struct doc *d, const struct block *b)
{
	return line_particle_end(&d->ln[b->p[b->np - 1].line]);
}

/* A 。 or ．inside the line, not at its end: a sentence, not a heading. */
static int
has_inner_stop(const struct doc *d, const struct line *l)
{
	size_t i = l->t0;

	while (i < l->t1) {
		uint32_t c = NEXT(d->s, &i);

		if ((c == 0x3002 || c == 0xFF0E) && !ends_final(d->s, i, l->t1) &&
		    skip_space(d->s, l->t1, i) < l->t1)
			return 1;
	}
	return 0;
}

/* Is the next non-blank line a short line without a sentence end? */
static int
next_is_short(const struct doc *d, size_t k)
{
	size_t j;

	for (j = k + 1; j < d->nl && d->ln[j].cls == L_BLANK; j++)
		;
	if (j >= d->nl || d->ln[j].cls != L_TEXT)
		return 0;
	return d->ln[j].ink < 60 && !ends_final(d->s, d->ln[j].t0, d->ln[j].t1);
}

/*
 * A line that holds a margin heading and a body line side by side, as PDF
 * extraction leaves them: a short head without 、。, a gap, then as much
 * text as a full body line.  Returns the byte where the head ends, or 0.
 */
static size_t
margin_split(struct state *st, size_t k)
{
	const struct doc *d = st->d;
	const struct line *l = &d->ln[k];
	size_t i = l->t0, gap;
	int head = 0, tail;

	if (d->wjp == 0 || l->ink < d->wjp + 8 || l->lspaced || l->latin)
		return 0;
	while (i < l->t1) {
		size_t at = i;
		uint32_t c = NEXT(d->s, &i);

		if (c == 0x3001 || c == 0x3002 || head > 32)
			return 0;
		if (c == ' ' || c == 0x3000) {
			int cf, bal = bracket_delta(d->s, l->t0, at, &cf);

			gap = at;
			tail = l->ink - head;
			if (bal == 0 && !cf && head >= 4 &&
			    tail * 10 >= d->wjp * 9 && tail * 10 <= d->wjp * 11)
				return gap;
			continue;
		}
		head += c_width(c);
	}
	return 0;
}

/*
 * Teaser lists in web pages (related articles, latest news): a heading
 * followed at once by a longer headline, then headline / summary pairs.
 * The headlines are list items, not headings.
 */
static void
teaser_lists(struct state *st)
{
	const struct doc *d = st->d;
	size_t i;
	int teaser = 0;

	if (d->wrapped)
		return;
	for (i = 0; i < st->bs.n; i++) {
		struct block *b = &st->bs.b[i], *nb;
		int w = d->ln[b->p[0].line].ink;

		if (b->kind != K_HEADING || b->np == 0)
			continue;
		if (teaser && w >= 32) {
			b->kind = K_LIST;
			continue;
		}
		teaser = 0;
		nb = i + 1 < st->bs.n ? &st->bs.b[i + 1] : NULL;
		if (nb && nb->kind == K_HEADING && nb->np > 0 &&
		    d->ln[nb->p[0].line].ink >= 40 &&
		    d->ln[nb->p[0].line].ink > w)
			teaser = 1;
	}
}

/*
 * A site tagline: in web text, the one-line paragraph right under the
 * title made of short sentences (at most 40 characters each) is the
 * site's motto, not the article (gold/README.md: taglines are meta).
 */
static void
tagline(struct state *st)
{
	const struct doc *d = st->d;
	size_t i, j;
	struct block *b;
	int chars = 0, longest = 0;

	if (d->wrapped)
		return;
	for (i = 0; i < st->bs.n && st->bs.b[i].kind != K_TITLE; i++)
		;
	if (i + 2 >= st->bs.n)
		return;
	b = &st->bs.b[i + 1];
	if (b->kind != K_SENTENCE || b->np != 1 || st->bs.b[i + 2].kind != K_SENTENCE)
		return;
	for (j = b->p[0].t0; j < b->p[0].t1;) {
		uint32_t c = NEXT(d->s, &j);

		if (c_space(c))
			continue;
		chars++;
		if (is_final(c)) {
			if (chars > longest)
				longest = chars;
			chars = 0;
		}
	}
	if (chars > longest)
		longest = chars;
	/* short sentences, and set apart by a wide gap or under a dated
	 * header: 潮風の書斎… / 海の恵みを次の世代へ。  資源管理と… */
	if (longest <= 40 && (contains(d, &d->ln[b->p[0].line], "\xe3\x80\x82  ") ||
	    (i > 0 && st->bs.b[i - 1].kind == K_META)))
		b->kind = K_META;
}

/*
 * Paragraph numbers, once the blocks are known: every block opens a
 * paragraph, except a sentence that follows another on the next line of
 * wrapped text whose last line was full (the paragraph went on; the line
 * only happened to end with a sentence).
 */
static void
number_paragraphs(struct state *st)
{
	const struct doc *d = st->d;
	unsigned long para = 0;
	size_t i, k;

	size_t blank = 0, text = 0;

	/* Web text that uses blank lines between paragraphs: a paragraph
	 * runs to the next blank line.  Without them, each line is one. */
	for (k = 0; k < d->nl; k++)
		if (d->ln[k].cls == L_BLANK)
			blank++;
		else
			text++;
	for (i = 0; i < st->bs.n; i++) {
		struct block *b = &st->bs.b[i], *pb = i ? &st->bs.b[i - 1] : NULL;
		int same = 0;

		if (pb && pb->np > 0 && b->np > 0 && !d->wrapped &&
		    blank * 4 >= text && b->kind == pb->kind &&
		    (b->kind == K_SENTENCE || b->kind == K_META)) {
			same = 1;
			for (k = pb->p[pb->np - 1].line + 1; k < b->p[0].line; k++)
				if (d->ln[k].cls == L_BLANK)
					same = 0;
		}
		if (pb && pb->np > 0 && b->np > 0 && d->wrapped &&
		    b->kind == K_SENTENCE && pb->kind == K_SENTENCE) {
			const struct line *last = &d->ln[pb->p[pb->np - 1].line];
			size_t from = pb->p[pb->np - 1].line;

			same = last->ink * 100 >= d->wbody * 85;
			for (k = from + 1; same && k < b->p[0].line; k++)
				if (d->ln[k].cls != L_BLANK || !d->dspaced ||
				    k > from + 1)
					same = 0;
		}
		if (!same)
			para++;
		b->para = para;
	}
}

static void
build_blocks(struct state *st)
{
	struct doc *d = st->d;
	size_t k, gap;
	int blanks = 0;

	for (k = 0; k < d->nl; k++) {
		struct line *l = &d->ln[k];
		struct block *cb = st->cur >= 0 ? &st->bs.b[st->cur] : NULL;
		int kind;

		if (l->cls == L_BLANK) {
			blanks++;
			if (blanks == 1)
				st->para++;
			if (cb == NULL)
				continue;
			/* A blank line ends a paragraph, except in a double-
			 * spaced document, inside a PDF note that goes on, and
			 * after a web line cut off after a particle (FAOの). */
			if (d->dspaced && blanks == 1)
				continue;
			if (cb->kind == K_FOOTNOTE && d->wrapped &&
			    note_goes_on(d, cb, k))
				continue;
			if (!d->wrapped && blanks == 1 && cb->open &&
			    cb->kind == K_SENTENCE && particle_end(d, cb))
				continue;
			close_cur(st);
			continue;
		}
		if (l->cls == L_SEP) {
			suspend(st);
			st->zone_notes = 2;
			blanks = 0;
			continue;
		}
		blanks = 0;
		switch (l->cls) {
		case L_RULE:
			close_cur(st);
			st->zone_notes = 1;
			continue;
		case L_URL:
			suspend(st);
			start(st, K_URL, k, l->t0);
			close_cur(st);
			st->interrupted = 1;
			continue;
		case L_PAGE:
			if (d->nl > 3) {
				suspend(st);
				start(st, K_PAGE, k, l->t0);
				close_cur(st);
				st->interrupted = 1;
				continue;
			}
			break;
		case L_FNMARK:
			suspend(st);
			start(st, K_FOOTNOTE, k, l->t0);
			continue;
		case L_BQUOTE:
			if (cb && cb->kind == K_QUOTE && k > 0 &&
			    d->ln[k - 1].cls == L_BQUOTE) {
				add_piece(d, cb, k, l->m1, l->t1);
				continue;
			}
			close_cur(st);
			if (l->m1 < l->t1)
				start(st, K_QUOTE, k, l->m1);
			continue;
		case L_MDHEAD:
			close_cur(st);
			st->zone_notes = 0;
			kind = st->title_done || st->seen_body ? K_HEADING : K_TITLE;
			st->title_done = 1;
			start(st, kind, k, l->m1)->open = 0;
			st->refs = refs_heading(d, l);
			close_cur(st);
			st->after_heading = 1;
			continue;
		}
		/* A numbered note where PDF text puts notes: after a separator,
		 * under another note or a URL at a page foot. */
		if ((l->cls == L_TEXT || l->cls == L_SECTION || l->cls == L_ENUM) &&
		    c_digit(l->first) >= 0 && !l->digits_only &&
		    (st->zone_notes == 2 || (k > 0 && (d->ln[k - 1].cls == L_URL ||
		    (d->ln[k - 1].cls == L_BLANK && cb && cb->kind == K_FOOTNOTE)))) &&
		    d->wrapped) {
			const char *s = d->s + l->t0;
			size_t i = 0;

			while (i < l->t1 - l->t0 && isdigit((unsigned char)s[i]))
				i++;
			if (i > 0 && i <= 2 && s[i] == ' ') {
				if (cb && cb->kind != K_FOOTNOTE)
					suspend(st);
				start(st, K_FOOTNOTE, k, l->t0);
				continue;
			}
		}
		/* Web and Markdown text: notes numbered "1 …" under a rule,
		 * each a sentence (a heading "1 はじめに" ends in none),
		 * the first numbered 1, the others under a note. */
		if ((st->zone_notes == 1 || st->zone_notes == 3) &&
		    !d->wrapped && l->cls != L_BLANK &&
		    c_digit(l->first) >= 0 && !l->digits_only &&
		    is_final(l->last)) {
			const char *s = d->s + l->t0;
			size_t i = 0;

			while (i < l->t1 - l->t0 && isdigit((unsigned char)s[i]))
				i++;
			if (i > 0 && i <= 2 && s[i] == ' ' && ((i == 1 &&
			    s[0] == '1') || st->zone_notes == 3)) {
				close_cur(st);
				start(st, K_FOOTNOTE, k, l->t0);
				st->zone_notes = 3;
				continue;
			}
		}
		if (st->zone_notes == 2 && !(cb && cb->kind == K_FOOTNOTE))
			st->zone_notes = 0;
		/* Web text: a line that closes a bracket left open goes on
		 * ("(…予定です。\nいいですね(泣))"). */
		if (cb && !d->wrapped && cb->brackets > 0 && l->cls == L_TEXT &&
		    (cb->kind == K_SENTENCE || cb->kind == K_LIST)) {
			int cf;

			bracket_delta(d->s, l->t0, l->t1, &cf);
			if (cf) {
				add_piece(d, cb, k, l->t0, l->t1);
				continue;
			}
		}
		/* Lines that go on from the current block. */
		if (cb && cb->kind == K_FOOTNOTE) {
			if (l->cls == L_TEXT && (cb->open || !d->wrapped) &&
			    (!d->wrapped || k == 0 || d->ln[k - 1].cls != L_BLANK ||
			    note_goes_on(d, cb, k - 1)) &&
			    !(d->wrapped && !l->latin && d->ln[cb->p[cb->np - 1].line].latin)) {
				add_piece(d, cb, k, l->t0, l->t1);
				continue;
			}
			close_cur(st);
			cb = NULL;
		}
		if (cb && (cb->kind == K_HEADING || cb->kind == K_TITLE) &&
		    cb->np > 0 && heading_goes_on(d, cb, k)) {
			add_piece(d, cb, k, l->t0, l->t1);
			continue;
		}
		if (cb && cb->kind == K_REFERENCE && st->quote_src && l->latin &&
		    l->cls == L_TEXT && is_short(d, l) && !is_final(l->last)) {
			add_piece(d, cb, k, l->t0, l->t1);
			continue;
		}
		if (cb && cb->open && l->cls == L_TEXT && cb->kind != K_HEADING &&
		    cb->kind != K_TITLE && cb->kind != K_META &&
		    cb->kind != K_REFERENCE) {
			struct line *pl = &d->ln[cb->p[cb->np - 1].line];
			int go = 0;

			if (d->wrapped)
				go = !(pl->latin && !l->latin && cb->kind == K_QUOTE);
			else if (cb->brackets > 0)
				go = 1;
			else if (particle_end(d, cb))
				go = 1;
			/* A continuation that closes a bracket a suspended
			 * sentence opened belongs to that one. */
			if (go && st->nsusp > 0 && cannot_start(l->first)) {
				int cf;

				bracket_delta(d->s, l->t0, l->t1, &cf);
				if (cf && cb->brackets == 0) {
					long si = pick_suspended(st, k, 1);

					if (si >= 0 && st->bs.b[st->susp[si]].brackets > 0) {
						suspend(st);
						/* the suspended list grew by one; si still valid */
						resume(st, si, k);
						continue;
					}
				}
			}
			if (go) {
				add_piece(d, cb, k, l->t0, l->t1);
				continue;
			}
		}
		if (cb && cb->open && d->wrapped)
			suspend(st);
		else
			close_cur(st);
		/* A line that cannot begin a sentence resumes a suspended one;
		 * so does any text right after a page foot or URL block. */
		if (l->cls == L_TEXT && st->nsusp > 0 &&
		    (cannot_start(l->first) || (st->interrupted && !st->after_heading))) {
			int cf;
			long si;

			bracket_delta(d->s, l->t0, l->t1, &cf);
			si = pick_suspended(st, k, cf);
			if (si >= 0) {
				resume(st, si, k);
				st->interrupted = 0;
				continue;
			}
		}
		st->interrupted = 0;
		/* A new block. */
		switch (l->cls) {
		case L_FNMARK:
			start(st, K_FOOTNOTE, k, l->t0);
			break;
		case L_BULLET:
			if (is_date_line(d, l)) {
				start(st, K_META, k, l->m1)->open = 0;
				break;
			}
			start(st, st->refs ? K_REFERENCE : K_LIST, k, l->m1);
			if (st->refs)
				st->bs.b[st->cur].split = 0;
			st->after_heading = 0;
			break;
		case L_ENUM:
			if (is_short(d, l) && !is_final(l->last) && d->wrapped &&
			    !contains(d, l, "\xe3\x80\x81")) {
				start(st, K_HEADING, k, l->t0);
				st->after_heading = 1;
			} else {
				start(st, K_LIST, k, l->t0);
				st->after_heading = 0;
			}
			break;
		case L_SECTION:
			if (is_short(d, l) || !d->wrapped ||
			    (!ends_final(d->s, l->t0, l->t1) &&
			    !has_inner_stop(d, l))) {
				start(st, K_HEADING, k, l->t0)->open = 0;
				st->after_heading = 1;
				st->title_done = 1;
				st->refs = refs_heading(d, l);
				break;
			}
			/* FALLTHROUGH */
		default:
			st->quote_src = 0;
			if (is_meta_line(d, l)) {
				start(st, K_META, k, l->t0)->open = 0;
				break;
			}
			/* a source line under a block quote */
			if (d->wrapped && l->latin && st->bs.n > 0 &&
			    st->bs.b[st->bs.n - 1].kind == K_QUOTE &&
			    !ends_final(d->s, l->t0, l->t1) && l->ink < d->wbody) {
				start(st, K_REFERENCE, k, l->t0);
				st->quote_src = 1;
				break;
			}
			/* a byline or credit under another: Jane Doe */
			if (st->title_done && st->bs.n > 0 &&
			    st->bs.b[st->bs.n - 1].kind == K_META &&
			    !ends_final(d->s, l->t0, l->t1) && l->ink < 60 &&
			    !has_inner_stop(d, l)) {
				start(st, K_META, k, l->t0)->open = 0;
				break;
			}
			if (!ends_final(d->s, l->t0, l->t1) &&
			    (is_short(d, l) || !d->wrapped || (!st->title_done &&
			    st->bs.n == 0 && l->ink < d->wbody)) && l->ink < 120 &&
			    !has_inner_stop(d, l) &&
			    !(!d->wrapped && line_particle_end(l)) &&
			    !(d->wrapped && margin_split(st, k))) {
				if (!st->title_done) {
					start(st, K_TITLE, k, l->t0);
					st->title_done = 1;
				} else if (!st->seen_body && !d->wrapped &&
				    l->ink < 60 && st->bs.n > 0 &&
				    (st->bs.b[st->bs.n - 1].kind == K_META ||
				    next_is_short(d, k))) {
					start(st, K_META, k, l->t0)->open = 0;
					break;
				} else if (k > 0 && st->bs.n > 0 &&
				    st->bs.b[st->bs.n - 1].kind == K_QUOTE &&
				    l->latin) {
					start(st, K_REFERENCE, k, l->t0);
					st->quote_src = 1;
					break;
				} else {
					start(st, K_HEADING, k, l->t0);
				}
				st->refs = refs_heading(d, l);
				st->after_heading = 1;
				break;
			}
			if (starts_quote(d, l) || (st->cur < 0 && d->wrapped &&
			    d->japanese && l->latin &&
			    (l->first == 0x201C || l->first == '"'))) {
				start(st, K_QUOTE, k, l->t0);
				st->after_heading = 0;
				break;
			}
			if (d->wrapped && st->cur < 0 && (gap = margin_split(st, k)) > 0) {
				/* 「NPT の限界」 しかし、…: a margin heading
				 * and a body line extracted side by side */
				struct block *h = new_block(&st->bs, K_HEADING, st->para);

				add_piece(d, h, k, l->t0, gap);
				h->open = 0;
				start(st, K_SENTENCE, k, skip_space(d->s, l->t1, gap));
				st->bs.b[st->cur].p[0].t0 = skip_space(d->s, l->t1, gap);
			} else {
				start(st, K_SENTENCE, k, l->t0);
			}
			st->seen_body = 1;
			st->after_heading = 0;
			break;
		}
	}
}

/* ---- text ------------------------------------------------------------ */

/*
 * A unit's text under construction, and where each stretch of it came
 * from: runs of bytes copied from one place of the source.
 */
struct run {
	size_t t, s, n;		/* text offset, source offset, length */
};
struct text {
	char *s;
	size_t len, cap;
	struct run *r;
	size_t nr, capr;
};

static void
text_put(struct text *t, const char *src, size_t n, size_t at)
{
	struct run *r;

	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;

		while (cap < t->len + n + 1)
			cap *= 2;
		t->s = pe_xrealloc(t->s, cap);
		t->cap = cap;
	}
	memcpy(t->s + t->len, src, n);
	r = t->nr ? &t->r[t->nr - 1] : NULL;
	if (r && r->t + r->n == t->len && r->s + r->n == at) {
		r->n += n;
	} else {
		if (t->nr == t->capr) {
			t->capr = t->capr ? t->capr * 2 : 16;
			t->r = pe_xrealloc(t->r, t->capr * sizeof(*t->r));
		}
		r = &t->r[t->nr++];
		r->t = t->len;
		r->s = at;
		r->n = n;
	}
	t->len += n;
	t->s[t->len] = '\0';
}

/* The source offset of byte off of the text. */
static size_t
text_src(const struct text *t, size_t off)
{
	size_t lo = 0, hi = t->nr;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->r[mid].t <= off)
			lo = mid;
		else
			hi = mid;
	}
	return t->r[lo].s + (off - t->r[lo].t);
}

static uint32_t
text_last(const struct text *t)
{
	return t->len ? cp_before(t->s, t->len) : 0;
}

/* Tokens of a line for closing letter-spacing: runs of non-space. */
struct tok {
	size_t b0, b1;
	int single;		/* one code point */
};

/*
 * Append source[t0..t1) to t, repairing it: letter-spaced runs closed up
 * ("中 距 離" → "中距離"), and in wrapped (PDF) text stray spaces between
 * Japanese characters removed ("結 ばれ る" → "縛られる"), except after a
 * section number at the start of a line ("第１部 ").
 */
static void
put_repaired(const struct doc *d, struct text *t, size_t t0, size_t t1,
    int first_piece, size_t keep_until)
{
	const char *s = d->s;
	struct tok tk[512];
	size_t ntk = 0, i = t0, j;
	int big = 0;

	while (i < t1) {
		size_t b0;
		int cps = 0;

		while (i < t1 && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= t1)
			break;
		b0 = i;
		while (i < t1) {
			size_t at = i;
			uint32_t c = NEXT(s, &i);

			if (c == ' ' || c == '\t' || c == 0x3000) {
				i = at;
				if (c == 0x3000) {
					/* keep U+3000 inside the token stream as its own */
					if (cps == 0) {
						NEXT(s, &i);
						cps = 2;
					}
				}
				break;
			}
			cps++;
		}
		if (ntk == sizeof(tk) / sizeof(tk[0])) {
			big = 1;
			break;
		}
		tk[ntk].b0 = b0;
		tk[ntk].b1 = i;
		tk[ntk].single = cps == 1;
		ntk++;
	}
	if (big || d->o->keep_layout) {
		text_put(t, s + t0, t1 - t0, t0);
		return;
	}
	for (j = 0; j < ntk; j++) {
		int space = 1;

		if (j == 0) {
			text_put(t, s + tk[j].b0, tk[j].b1 - tk[j].b0, tk[j].b0);
			continue;
		}
		{
			uint32_t a = cp_before(s, tk[j - 1].b1);
			uint32_t b = cp_at(s, t1, tk[j].b0);
			int in_run;

			/* a run of three or more one-character tokens */
			in_run = tk[j - 1].single && tk[j].single &&
			    ((j >= 2 && tk[j - 2].single) ||
			    (j + 1 < ntk && tk[j + 1].single));
			if (tk[j].b0 <= keep_until)
				space = 1;
			else if (in_run && c_japanese(a) && c_japanese(b))
				space = 0;
			else if ((tk[j - 1].single || tk[j].single) &&
			    (c_japanese(a) || c_japanese(b)) &&
			    (tk[j - 1].single ? (j >= 2 && tk[j - 2].single) :
			    (j + 1 < ntk && tk[j + 1].single)))
				space = join_space(a, b);
			else if (d->wrapped && (c_jpunct(a) || c_jpunct(b)) &&
			    c_japanese(a) && c_japanese(b))
				space = 0;
			else if (d->wrapped && c_japanese(a) && c_japanese(b))
				space = 0;
			else if (d->wrapped && tk[j].b0 - tk[j - 1].b1 == 1 &&
			    ((c_jpunct(a) && (a == 0xFF08 || a == 0x300C)) ||
			    (c_jpunct(b) && (b == 0xFF09 || b == 0x300D))))
				space = 0;
		}
		if (space)
			text_put(t, s + tk[j - 1].b1, tk[j].b0 - tk[j - 1].b1,
			    tk[j - 1].b1);
		text_put(t, s + tk[j].b0, tk[j].b1 - tk[j].b0, tk[j].b0);
	}
	(void)first_piece;
}

static void
block_text(const struct doc *d, const struct block *b, struct text *t)
{
	int i;

	t->len = 0;
	t->nr = 0;
	for (i = 0; i < b->np; i++) {
		const struct piece *p = &b->p[i];
		size_t keep = p->t0;

		if (p->t0 >= p->t1)
			continue;
		if (d->o->keep_layout) {
			if (i > 0)
				text_put(t, d->s + b->p[i - 1].t1,
				    p->t0 - b->p[i - 1].t1, b->p[i - 1].t1);
			text_put(t, d->s + p->t0, p->t1 - p->t0, p->t0);
			continue;
		}
		if (i == 0)
			keep = p->t0 + section_number(d->s + p->t0, p->t1 - p->t0);
		if (t->len > 0) {
			uint32_t a = text_last(t), c = cp_at(d->s, p->t1, p->t0);

			/* free-\nworld: a hyphen before a Latin letter joins */
			if (a == '-' && c_latin(c))
				;
			else if (join_space(a, c))
				text_put(t, " ", 1, p->t0 > 0 ? p->t0 - 1 : 0);
		}
		put_repaired(d, t, p->t0, p->t1, i == 0, keep);
	}
}

/* ---- units ----------------------------------------------------------- */

static void
add_unit(struct seg_result *r, int kind, const struct text *t, size_t a,
    size_t b, const struct doc *d, unsigned long para, int keep_layout)
{
	struct seg_unit *u;
	size_t last;

	/* trim */
	a = skip_space(t->s, b, a);
	while (b > a) {
		size_t j = cp_back(t->s, b), q = j;
		uint32_t c = NEXT(t->s, &q);

		if (!c_space(c) && c != '\t')
			break;
		b = j;
	}
	if (b <= a)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->u = pe_xrealloc(r->u, r->cap * sizeof(*r->u));
	}
	u = &r->u[r->n++];
	u->kind = kind;
	u->b0 = text_src(t, a);
	last = cp_back(t->s, b);
	u->b1 = text_src(t, last) + (b - last);
	if (keep_layout) {
		u->len = u->b1 - u->b0;
		u->text = pe_xmalloc(u->len + 1);
		memcpy(u->text, d->s + u->b0, u->len);
		u->text[u->len] = '\0';
	} else {
		u->len = b - a;
		u->text = pe_xmalloc(u->len + 1);
		memcpy(u->text, t->s + a, u->len);
		u->text[u->len] = '\0';
	}
	u->para = para;
	u->line = 0;
}

static int
unitcmp(const void *a, const void *b)
{
	const struct seg_unit *x = a, *y = b;

	if (x->b0 != y->b0)
		return x->b0 < y->b0 ? -1 : 1;
	return 0;
}

static void
line_numbers(const struct doc *d, struct seg_result *r)
{
	size_t i, k = 0;

	for (i = 0; i < r->n; i++) {
		while (k + 1 < d->nl && d->ln[k + 1].b0 <= r->u[i].b0)
			k++;
		r->u[i].line = d->ln[k].no;
	}
}

static void
split_lines(struct doc *d)
{
	size_t i = 0, cap = 0;
	unsigned long no = 0;

	d->nl = 0;
	d->ln = NULL;
	/* as many lines as breaks, plus one: allocated once, not doubled
	 * (a document of short lines is mostly its line table) */
	for (cap = 1; i < d->n; i++)
		if (d->s[i] == '\n' || d->s[i] == '\f' || (d->s[i] == '\r' &&
		    (i + 1 >= d->n || d->s[i + 1] != '\n')))
			cap++;
	i = 0;
	d->ln = pe_xmalloc(cap * sizeof(*d->ln));
	while (i <= d->n) {
		size_t e = i;
		struct line *l;

		while (e < d->n && d->s[e] != '\n' && d->s[e] != '\r' &&
		    d->s[e] != '\f')
			e++;
		if (e == d->n && i == d->n && d->nl > 0)
			break;
		if (d->nl == cap) {		/* cannot happen; never overrun */
			cap *= 2;
			d->ln = pe_xrealloc(d->ln, cap * sizeof(*d->ln));
		}
		l = &d->ln[d->nl++];
		memset(l, 0, sizeof(*l));
		l->b0 = i;
		l->b1 = e;
		l->no = ++no;
		if (e >= d->n)
			break;
		if (d->s[e] == '\r' && e + 1 < d->n && d->s[e + 1] == '\n')
			e++;
		i = e + 1;
		if (i == d->n)
			break;
	}
}

void
seg_run(const char *s, size_t n, const struct seg_opts *o, struct seg_result *r)
{
	struct doc d;
	struct state st;
	struct text t = { 0 };
	struct cut cuts = { 0 };
	size_t k, i;

	seg_result_free(r);
	memset(&d, 0, sizeof(d));
	d.s = s;
	d.n = n;
	d.o = o;
	split_lines(&d);
	r->lines = n == 0 ? 0 : d.nl;
	for (k = 0; k < d.nl; k++) {
		measure(&d, &d.ln[k]);
		classify(&d, k);
		d.ln[k].bdelta = bracket_delta(s, d.ln[k].t0, d.ln[k].t1,
		    &d.ln[k].bclose);
	}
	doc_layout(&d);

	memset(&st, 0, sizeof(st));
	st.d = &d;
	st.cur = -1;
	st.para = 1;
	if (o->unit == SEG_LINE) {
		for (k = 0; k < d.nl; k++) {
			struct line *l = &d.ln[k];
			struct block *b;

			if (l->cls == L_BLANK || l->cls == L_SEP) {
				if (k > 0 && d.ln[k - 1].cls != L_BLANK &&
				    d.ln[k - 1].cls != L_SEP)
					st.para++;
				continue;
			}
			if (l->cls == L_RULE)
				continue;
			b = new_block(&st.bs, l->cls == L_URL ? K_URL :
			    l->cls == L_PAGE ? K_PAGE :
			    l->cls == L_MDHEAD ? K_HEADING :
			    l->cls == L_BULLET ? K_LIST :
			    l->cls == L_BQUOTE ? K_QUOTE :
			    l->cls == L_FNMARK ? K_FOOTNOTE : K_SENTENCE, st.para);
			add_piece(&d, b, k, o->keep_layout ? l->t0 : l->m1, l->t1);
			b->split = 0;
		}
	} else {
		build_blocks(&st);
		teaser_lists(&st);
		tagline(&st);
		number_paragraphs(&st);
	}

	for (i = 0; i < st.bs.n; i++) {
		struct block *b = &st.bs.b[i];
		size_t a = 0, u;

		if (b->np == 0)
			continue;
		block_text(&d, b, &t);
		if (t.len == 0)
			continue;
		if (b->split && o->unit == SEG_SENTENCE) {
			uint32_t f = cp_at(t.s, t.len, 0);
			int v, stl;

			split_find_cuts(t.s, t.len, f == 0x2022 || f == 0x2043 ||
			    split_enumerator(t.s, t.len, &v, &stl) > 0, &cuts);
			for (u = 0; u < cuts.n; u++) {
				add_unit(r, b->kind, &t, a, cuts.at[u], &d, b->para,
				    o->keep_layout);
				a = cuts.at[u];
			}
		}
		add_unit(r, b->kind, &t, a, t.len, &d, b->para, o->keep_layout);
	}
	if (r->n > 1)
		qsort(r->u, r->n, sizeof(*r->u), unitcmp);
	line_numbers(&d, r);
	for (i = 0; i < r->n; i++)
		if (r->u[i].kind == K_TITLE) {
			r->title = r->u[i].text;
			break;
		}

	for (i = 0; i < st.bs.n; i++)
		free(st.bs.b[i].p);
	free(st.bs.b);
	free(st.susp);
	free(t.s);
	free(t.r);
	free(cuts.at);
	free(d.ln);
}

void
seg_result_free(struct seg_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->u[i].text);
	free(r->u);
	memset(r, 0, sizeof(*r));
}
