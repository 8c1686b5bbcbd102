/*
 * pe-cite-ref.c - one English reference string into CSL fields.
 *
 * References are read the way a person reads them, left to right, in
 * the order the common styles (APA, Chicago, MLA, IEEE, Vancouver,
 * Harvard, and the French and German habits) put things:
 *
 *	[12] AUTHORS (YEAR). "TITLE," CONTAINER VOL(ISSUE), PAGES. PLACE:
 *	PUBLISHER, YEAR. URL (accessed DATE).
 *
 * The string is first cleared of what can be recognized anywhere (URLs,
 * DOIs, "accessed ..." and "Retrieved ... from", ISBNs), then cut into
 * tokens (words, numbers, punctuation).  The author list is read by
 * name shapes: "Family, G. G.", "G. G. Family", "Family GG", "Given
 * Family", with "and", "&", ";" and "et al." between them; the list
 * ends at the first thing that is not a name.  A date may follow; the
 * title is what is quoted or italic, else the sentence after the
 * authors.  What is left is read for "In" (a chapter or a paper in
 * proceedings), a journal's numbers (vol. 24, no. 11, 12(3):45-67), a
 * publisher and its place (London: Penguin; Paris, Gallimard), a genre
 * (Ph.D. dissertation, Technical report) and a date.  The CSL type
 * follows from what was found.
 *
 * Word knowledge (places, particles, months, publisher words, genres,
 * words that start titles) comes from the data files through
 * cite_word(); nothing here is about a particular reference.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "pe/cli.h"
#include "pe/text.h"
#include "pe-cite.h"

enum { TK_WORD, TK_NUM, TK_PUNCT };

/* token flags */
enum {
	F_SP = 1,		/* whitespace before it */
	F_CAP = 2,		/* starts with an upper-case letter */
	F_UPPER = 4,		/* every letter upper case */
	F_LOWER = 8,		/* starts with a lower-case letter */
	F_DOTS = 16,		/* a '.' inside (P.E.J, U.S) */
	F_USED = 32,		/* taken by a field */
	F_RANGE = 64		/* a number with a dash inside: 12-34 */
};

struct tok {
	size_t b, e;		/* bytes of the working string */
	uint32_t cp;		/* TK_PUNCT: the character */
	unsigned char kind;
	unsigned char kw;	/* TK_WORD: its CW_REFWORD role, or 0 */
	unsigned short f;
	unsigned char nlet;	/* letters in a word (capped at 255) */
};

struct ref {
	char *w;		/* the working copy (owned) */
	size_t n;
	struct tok *t;
	int nt, cap;
	struct cite_item *it;
	int year_found;
	int pub_at;		/* the first token of place or publisher, or -1 */
};

/* ---- characters --------------------------------------------------- */

static int
is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return u_isalpha((UChar32)c) || (u_charType((UChar32)c) ==
	    U_NON_SPACING_MARK);
}

static int
is_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return u_isupper((UChar32)c) || u_istitle((UChar32)c);
}

static int
is_lower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return u_islower((UChar32)c);
}

static int
is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int
is_apos(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

static int
is_dash(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 ||
	    c == 0x2013 || c == 0x2014 || c == 0x2212;
}

static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
	    c == 0x3000 || c == 0x2009 || c == 0x202F || c == '\f' ||
	    c == '\v';
}

static uint32_t
cp_at(const char *s, size_t n, size_t i, size_t *next)
{
	size_t j = i;
	uint32_t c = pe_utf8_next(s, n, &j);

	if (next)
		*next = j;
	return c;
}

/* ---- the working copy ----------------------------------------------- */

/* Blank s[a..b) in the working copy (replaced by spaces). */
static void
blank(struct ref *r, size_t a, size_t b)
{
	if (b > r->n)
		b = r->n;
	if (a < b)
		memset(r->w + a, ' ', b - a);
}

static int
lower_eq(const char *s, size_t n, const char *w)
{
	size_t i, l = strlen(w);

	if (n != l)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

/* Case-insensitive search for w in s[from..n) at a word start. */
static size_t
find_word(const char *s, size_t n, size_t from, const char *w)
{
	size_t l = strlen(w), i;
	const char *p;
	char f = w[0], F = (char)(f >= 'a' && f <= 'z' ? f - 32 : f);

	/* memchr for the first letter in either case, then compare */
	for (i = from; i + l <= n; i = (size_t)(p - s) + 1) {
		const char *a = memchr(s + i, f, n - i), *b = memchr(s + i, F, n - i);

		if (a == NULL && b == NULL)
			break;
		p = (a == NULL || (b != NULL && b < a)) ? b : a;
		if ((size_t)(p - s) + l > n)
			break;
		if (p > s && is_ascii_letter(p[-1]))
			continue;
		if (lower_eq(p, l, w))
			return (size_t)(p - s);
	}
	return (size_t)-1;
}

/* The end of a URL starting at s[i]: up to a space, '<', '>' or a
 * quote; trailing punctuation is not part of it. */
static size_t
url_end(const char *s, size_t n, size_t i)
{
	size_t e = i, depth = 0, k;

	/* ASCII only: a Japanese word or a full-width bracket ends it */
	while (e < n && (unsigned char)s[e] > ' ' && (unsigned char)s[e] < 0x7F &&
	    s[e] != '<' && s[e] != '>' && s[e] != '"') {
		if (s[e] == '(')
			depth++;
		else if (s[e] == ')') {
			if (depth == 0)
				break;
			depth--;
		}
		e++;
	}
	for (k = e; k > i; k--) {
		char c = s[k - 1];

		if (c != '.' && c != ',' && c != ';' && c != ':' && c != ']' &&
		    c != '\'')
			break;
	}
	return k;
}

/*
 * Take out what can be found anywhere: URLs and DOIs (with "Available
 * at:", "Retrieved from", "URL" before them), accessed dates, ISBNs,
 * PMIDs.  They are blanked in the working copy.
 */
static void
take_links(struct ref *r)
{
	static const char *const lead[] = {
		"available at", "available from", "available online at",
		"retrieved from", "retrieved", "retirado de", "url", "online",
		"from", "at", "in", "via", "doi", NULL
	};
	static const char *const acc[] = {
		"accessed on", "accessed", "last accessed", "viewed",
		"consulted", "retrieved on", "retrieved", "consulté le",
		"abgerufen am", "zugegriffen am", NULL
	};
	struct cite_item *it = r->it;
	char *w = r->w;
	size_t n = r->n, i, e, a, k, l;
	struct cite_date d;
	int j;

	for (i = 0; i < n; i++) {
		int doi = 0;
		char c = (char)(w[i] | 0x20);

		/* links start with h, w, d(oi) or 10. */
		if (c != 'h' && c != 'w' && c != 'd' && w[i] != '1')
			continue;
		if (i > 0 && (is_ascii_letter(w[i - 1]) ||
		    is_digit((unsigned char)w[i - 1])))
			continue;
		if (lower_eq(w + i, n - i < 7 ? n - i : 7, "http://") ||
		    lower_eq(w + i, n - i < 8 ? n - i : 8, "https://") ||
		    lower_eq(w + i, n - i < 4 ? n - i : 4, "www."))
			;
		else if (lower_eq(w + i, n - i < 4 ? n - i : 4, "doi:") ||
		    lower_eq(w + i, n - i < 4 ? n - i : 4, "doi ")) {
			doi = 1;
		} else if (i + 3 < n && w[i] == '1' && w[i + 1] == '0' &&
		    w[i + 2] == '.' && is_digit((unsigned char)w[i + 3]) &&
		    memchr(w + i, '/', n - i) != NULL) {
			doi = 2;
		} else {
			continue;
		}
		a = i;
		if (doi == 1) {
			i += 4;
			while (i < n && w[i] == ' ')
				i++;
		}
		e = url_end(w, n, i);
		if (e <= i + 3) {
			i = e;
			continue;
		}
		if (doi || lower_eq(w + i, 16 < e - i ? 16 : e - i, "https://doi.org/") ||
		    lower_eq(w + i, 18 < e - i ? 18 : e - i, "http://dx.doi.org/")) {
			const char *p = memchr(w + i, '1', e - i);

			if (p != NULL && p + 3 < w + e && p[1] == '0' && p[2] == '.')
				cite_set(it, CV_DOI, p, (size_t)(w + e - p), NULL);
			if (!doi && it->v[CV_URL] == NULL)
				cite_set(it, CV_URL, w + i, e - i, NULL);
		} else if (it->v[CV_URL] == NULL) {
			cite_set(it, CV_URL, w + i, e - i, NULL);
		}
		/* words that introduce the link go with it */
		for (k = a; k > 0;) {
			size_t b = k;

			while (b > 0 && (w[b - 1] == ' ' || w[b - 1] == ':' ||
			    w[b - 1] == ',' || w[b - 1] == '<' || w[b - 1] == '['))
				b--;
			for (j = 0; lead[j] != NULL; j++) {
				l = strlen(lead[j]);
				if (b >= l && lower_eq(w + b - l, l, lead[j]) &&
				    (b == l || !is_ascii_letter(w[b - l - 1])))
					break;
			}
			if (lead[j] == NULL)
				break;
			k = b - l;
		}
		blank(r, k, e);
		if (e < n && w[e] == '>')
			blank(r, e, e + 1);
		i = e;
	}
	/* accessed dates: "(accessed June 8, 2015)", "[Accessed 5 March
	 * 2017]", "Retrieved March 23, 2016, from" */
	for (j = 0; acc[j] != NULL; j++) {
		size_t from = 0;

		while ((a = find_word(w, n, from, acc[j])) != (size_t)-1) {
			from = a + 1;
			i = a + strlen(acc[j]);
			while (i < n && (w[i] == ' ' || w[i] == ':'))
				i++;
			if (n - i >= 3 && lower_eq(w + i, 3, "on "))
				i += 3;
			if ((l = cite_date_at(w + i, n - i, &d)) == 0 || d.y == 0)
				continue;
			if (it->accessed.y == 0)
				it->accessed = d;
			e = i + l;
			while (e < n && (w[e] == ' ' || w[e] == ',' ||
			    w[e] == ')' || w[e] == ']' || w[e] == '.'))
				e++;
			if (n - e >= 4 && lower_eq(w + e, 4, "from"))
				e += 4;
			k = a;
			while (k > 0 && (w[k - 1] == '(' || w[k - 1] == '[' ||
			    w[k - 1] == ' '))
				k--;
			blank(r, k, e);
		}
	}
	if ((a = find_word(w, n, 0, "isbn")) != (size_t)-1) {
		i = a + 4;
		while (i < n && (w[i] == ' ' || w[i] == ':' || w[i] == '-'))
			i++;
		e = i;
		while (e < n && (is_digit((unsigned char)w[e]) || w[e] == '-' ||
		    w[e] == 'X' || w[e] == 'x'))
			e++;
		if (e > i + 8) {
			cite_set(it, CV_ISBN, w + i, e - i, NULL);
			blank(r, a, e);
		}
	}
	for (j = 0; j < 2; j++) {
		const char *k2 = j ? "pmid" : "pmcid";

		if ((a = find_word(w, n, 0, k2)) != (size_t)-1) {
			e = a + strlen(k2);
			while (e < n && (w[e] == ' ' || w[e] == ':'))
				e++;
			while (e < n && (is_digit((unsigned char)w[e]) ||
			    (w[e] >= 'A' && w[e] <= 'Z')))
				e++;
			if (it->v[CV_NOTE] == NULL)
				cite_set(it, CV_NOTE, w + a, e - a, " .,;");
			blank(r, a, e);
		}
	}
}

/* ---- tokens ----------------------------------------------------------- */

static void
push_tok(struct ref *r, const struct tok *t)
{
	if (r->nt == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->t = pe_xrealloc(r->t, (size_t)r->cap * sizeof(*r->t));
	}
	r->t[r->nt++] = *t;
}

static int
word_char(uint32_t c)
{
	return is_letter(c) || is_digit(c) || c == 0xB0 || c == 0xBA;
}

static void
tokenize(struct ref *r)
{
	const char *s = r->w;
	size_t n = r->n, i = 0, j, k;
	int sp = 0;

	while (i < n) {
		struct tok t;
		uint32_t c = cp_at(s, n, i, &j), c2;

		if (is_space(c)) {
			sp = 1;
			i = j;
			continue;
		}
		memset(&t, 0, sizeof(t));
		t.b = i;
		t.f = sp ? F_SP : 0;
		sp = 0;
		if (!word_char(c)) {
			t.kind = TK_PUNCT;
			t.cp = c;
			t.e = j;
			push_tok(r, &t);
			i = j;
			continue;
		}
		/* a word or a number: letters and digits, with apostrophes,
		 * hyphens and dots inside, and dashes inside digit runs */
		{
			int letters = 0, upper = 0, digits = 0, first = 1;

			for (;;) {
				c = cp_at(s, n, i, &j);
				if (i < n && word_char(c)) {
					if (is_letter(c)) {
						letters++;
						if (is_upper(c))
							upper++;
						if (first)
							t.f |= is_upper(c) ? F_CAP :
							    is_lower(c) ? F_LOWER : 0;
					} else if (is_digit(c))
						digits++;
					first = 0;
					i = j;
					continue;
				}
				if (i >= n)
					break;
				c2 = j < n ? cp_at(s, n, j, &k) : 0;
				/* "Martin- Facklam", "Mur- phy": a word broken at a
				 * line end goes on after the space */
				if (c == '-' && letters > 1 && !digits && c2 == ' ' &&
				    k < n && is_letter(cp_at(s, n, k, NULL)) &&
				    !(k + 3 < n && (memcmp(s + k, "and ", 4) == 0 ||
				    memcmp(s + k, "or ", 3) == 0))) {
					i = k;
					continue;
				}
				if ((is_apos(c) && letters && is_letter(c2)) ||
				    (c == '-' && (is_letter(c2) || is_digit(c2)) &&
				    (letters || digits)) ||
				    (c == '.' && letters && !digits &&
				    (is_letter(c2) || c2 == '-') &&
				    is_upper(c2 == '-' ? 'A' : c2)) ||
				    (is_dash(c) && c != '-' && digits && !letters &&
				    is_digit(c2))) {
					if (c == '.')
						t.f |= F_DOTS;
					if (is_dash(c) && !letters)
						t.f |= F_RANGE;
					i = j;
					continue;
				}
				break;
			}
			t.e = i;
			t.kind = (letters == 0) ? TK_NUM : TK_WORD;
			if (letters && t.e - t.b <= 12)
				t.kw = (unsigned char)cite_word(CW_REFWORD,
				    s + t.b, t.e - t.b);
			t.nlet = letters > 255 ? 255 : (unsigned char)letters;
			if (letters && upper == letters)
				t.f |= F_UPPER;
			push_tok(r, &t);
		}
	}
}

/* ---- token predicates ----------------------------------------------- */

#define TOKS(r, i) ((r)->w + (r)->t[i].b)
#define TLEN(r, i) ((r)->t[i].e - (r)->t[i].b)

static int
punct(const struct ref *r, int i, uint32_t c)
{
	return i >= 0 && i < r->nt && r->t[i].kind == TK_PUNCT && r->t[i].cp == c;
}

static int
word_is(const struct ref *r, int i, const char *w)
{
	return i >= 0 && i < r->nt && r->t[i].kind == TK_WORD &&
	    lower_eq(TOKS(r, i), TLEN(r, i), w);
}

static int
is_open_quote(uint32_t c)
{
	return c == '"' || c == 0x201C || c == 0xAB || c == 0x2018 ||
	    c == 0x201E || c == 0x300C || c == 0x300E || c == '\'';
}

static uint32_t
close_quote(uint32_t c)
{
	switch (c) {
	case 0x201C: return 0x201D;
	case 0xAB: return 0xBB;
	case 0x2018: return 0x2019;
	case 0x201E: return 0x201C;
	case 0x300C: return 0x300D;
	case 0x300E: return 0x300F;
	default: return c;
	}
}

static int
is_year_tok(const struct ref *r, int i)
{
	if (i < 0 || i >= r->nt)
		return 0;
	if (r->t[i].kind == TK_NUM)
		return cite_is_year(TOKS(r, i), TLEN(r, i));
	/* 2001a */
	if (r->t[i].kind == TK_WORD && TLEN(r, i) == 5 && r->t[i].nlet == 1 &&
	    TOKS(r, i)[4] >= 'a' && TOKS(r, i)[4] <= 'e')
		return cite_is_year(TOKS(r, i), 4);
	return 0;
}

static int
kw_is(const struct ref *r, int i, int kw)
{
	return i >= 0 && i < r->nt && r->t[i].kind == TK_WORD && r->t[i].kw == kw;
}

static int
is_editor_word(const struct ref *r, int i)
{
	return kw_is(r, i, 4);
}

static int
is_trans_word(const struct ref *r, int i)
{
	return kw_is(r, i, 5);
}

/* "J." "Th." "P.E.J" "J.-L": an initial written with its dot(s). */
static int
is_init_dot(const struct ref *r, int i)
{
	const struct tok *t;

	if (i < 0 || i >= r->nt || r->t[i].kind != TK_WORD)
		return 0;
	t = &r->t[i];
	if (!(t->f & F_CAP))
		return 0;
	if (t->f & F_DOTS)
		return t->nlet <= 6 && TLEN(r, i) <= 12;
	if (t->nlet <= 2 && punct(r, i + 1, '.') && !(r->t[i + 1].f & F_SP) &&
	    !is_editor_word(r, i) && !word_is(r, i, "no") &&
	    !word_is(r, i, "pp") && !word_is(r, i, "vol") &&
	    !word_is(r, i, "in") && !word_is(r, i, "st"))
		return t->nlet == 1 || (t->nlet == 2 && !(t->f & F_UPPER)) ||
		    (t->nlet == 2 && (t->f & F_UPPER));
	return 0;
}

/* "KJ", "G": Vancouver initials, upper case, no dot. */
static int
is_init_bare(const struct ref *r, int i)
{
	const struct tok *t;

	if (i < 0 || i >= r->nt || r->t[i].kind != TK_WORD)
		return 0;
	t = &r->t[i];
	return (t->f & F_UPPER) && t->nlet <= 3 && TLEN(r, i) == t->nlet &&
	    !punct(r, i + 1, '.');
}

static int
is_init(const struct ref *r, int i)
{
	return is_init_dot(r, i) || (i >= 0 && i < r->nt &&
	    r->t[i].kind == TK_WORD && (r->t[i].f & F_UPPER) &&
	    r->t[i].nlet == 1 && TLEN(r, i) == 1);
}

/* After an initial: the index past its dot. */
static int
past_init(const struct ref *r, int i)
{
	if (punct(r, i + 1, '.') && !(r->t[i + 1].f & F_SP))
		return i + 2;
	return i + 1;
}

static int
is_particle(const struct ref *r, int i)
{
	return i >= 0 && i < r->nt && r->t[i].kind == TK_WORD &&
	    (r->t[i].f & F_LOWER) && cite_word(CW_PARTICLE, TOKS(r, i),
	    TLEN(r, i));
}

/* A word that may be (part of) a name: capitalized, two letters or
 * more, not a word that starts titles. */
static int
is_nameword(const struct ref *r, int i)
{
	const struct tok *t;

	if (i < 0 || i >= r->nt || r->t[i].kind != TK_WORD)
		return 0;
	t = &r->t[i];
	if (!(t->f & F_CAP) || t->nlet < 2)
		return 0;
	if ((t->f & F_DOTS))
		return 0;
	/* "Franck Mars" is a name, "March 2012" a date */
	if (is_editor_word(r, i) || is_trans_word(r, i) ||
	    (cite_word(CW_MONTH, TOKS(r, i), TLEN(r, i)) > 0 &&
	    (i + 1 >= r->nt || r->t[i + 1].kind == TK_NUM ||
	    punct(r, i + 1, '.'))))
		return 0;
	return 1;
}

/* A word that starts titles ("The", "On"): never part of a name in
 * natural order, where a title could be taken for one. */
static int
is_stop(const struct ref *r, int i)
{
	return i >= 0 && i < r->nt && r->t[i].kind == TK_WORD &&
	    cite_word(CW_STOP, TOKS(r, i), TLEN(r, i));
}

static int
is_and(const struct ref *r, int i)
{
	/* "et", "und", "y", "e" only in lower case: "E. Haus" is a name */
	return punct(r, i, '&') || word_is(r, i, "and") ||
	    (i < r->nt && (r->t[i].f & F_LOWER) && (word_is(r, i, "et") ||
	    word_is(r, i, "und") || word_is(r, i, "y") || word_is(r, i, "e") ||
	    word_is(r, i, "a") || word_is(r, i, "og") || word_is(r, i, "och") ||
	    word_is(r, i, "en") || word_is(r, i, "i")));
}

static int
is_etal(const struct ref *r, int i)
{
	return (word_is(r, i, "et") && (word_is(r, i + 1, "al") ||
	    word_is(r, i + 1, "alii"))) || (word_is(r, i, "and") &&
	    word_is(r, i + 1, "others"));
}

static int
past_etal(const struct ref *r, int i)
{
	i += 2;
	if (punct(r, i, '.'))
		i++;
	return i;
}

/* ---- names ---------------------------------------------------------- */

enum style { ST_INV, ST_VAN, ST_NAT, ST_NSTYLE };

struct pname {
	int fb, fe;		/* family tokens [fb, fe) */
	int gb, ge;		/* given tokens [gb, ge), or gb == ge */
	int sb, se;		/* suffix */
	int end;		/* index after the name */
	int initials;		/* given is initials only */
};

static void
add_name(struct ref *r, struct cite_names *l, const struct pname *p)
{
	size_t fb = r->t[p->fb].b, fe = r->t[p->fe - 1].e;
	size_t gb = 0, ge = 0;

	if (p->ge > p->gb) {
		gb = r->t[p->gb].b;
		ge = r->t[p->ge - 1].e;
	}
	cite_name_add(l, r->w + fb, fe - fb, p->ge > p->gb ? r->w + gb : NULL,
	    ge - gb);
	if (p->se > p->sb && l->n > 0) {
		struct cite_name *nm = &l->v[l->n - 1];

		free(nm->suffix);
		nm->suffix = NULL;
		{
			size_t sb = r->t[p->sb].b, se = r->t[p->se - 1].e;
			char *s = pe_xmalloc(se - sb + 1);

			memcpy(s, r->w + sb, se - sb);
			s[se - sb] = '\0';
			nm->suffix = s;
		}
	}
}

/* A family name at i: particles, then 1..maxw capitalized words (or
 * upper-case ones).  Returns the index after it, or -1. */
static int
family_at(const struct ref *r, int i, int maxw)
{
	int k = i, words = 0;

	while (is_particle(r, k))
		k++;
	while (words < maxw && is_nameword(r, k)) {
		/* "Lerch MM": upper-case initials are no part of a family */
		if (words > 0 && (r->t[k].f & F_UPPER) && r->t[k].nlet <= 3)
			break;
		k++;
		words++;
		/* "Martin- Facklam": a hyphen left by a line break */
		if (k < r->nt && r->t[k - 1].e > r->t[k - 1].b &&
		    r->w[r->t[k - 1].e - 1] == '-' && is_nameword(r, k))
			k++;
		if (words < maxw && is_particle(r, k) && is_nameword(r, k + 1))
			k++;
	}
	return words ? k : -1;
}

/* A suffix (Jr., III) at i: the index after it, or -1. */
static int
suffix_at(const struct ref *r, int i)
{
	if (i < r->nt && r->t[i].kind == TK_WORD &&
	    cite_word(CW_SUFFIX, TOKS(r, i), TLEN(r, i)))
		return punct(r, i + 1, '.') ? i + 2 : i + 1;
	return -1;
}

/* What may follow a name: a separator or the end of the list. */
static int
name_stop(const struct ref *r, int i)
{
	if (i >= r->nt)
		return 1;
	if (r->t[i].kind == TK_PUNCT)
		return r->t[i].cp == ',' || r->t[i].cp == ';' ||
		    r->t[i].cp == '.' || r->t[i].cp == '(' ||
		    r->t[i].cp == '&' || r->t[i].cp == ':' ||
		    is_open_quote(r->t[i].cp) || r->t[i].cp == 0x201D;
	return is_and(r, i) || is_year_tok(r, i);
}

/* Inverted: "Family, Given" / "Family, G. G." / "Family, Jr., G." */
static int
name_inv(const struct ref *r, int i, struct pname *p)
{
	int k, g, nw = 0, ni = 0;

	memset(p, 0, sizeof(*p));
	if ((k = family_at(r, i, 3)) < 0 || !punct(r, k, ','))
		return 0;
	p->fb = i;
	p->fe = k;
	g = k + 1;
	p->gb = g;
	/* given names: full words first, then initials */
	while (g < r->nt) {
		if (is_init(r, g)) {
			/* "J. C. A sensitive scale": "A" is the title's */
			if (!is_init_dot(r, g) && ni > 0 && g + 1 < r->nt &&
			    r->t[g + 1].kind == TK_WORD && (r->t[g + 1].f & F_LOWER))
				break;
			g = past_init(r, g);
			ni++;
			continue;
		}
		if (ni == 0 && nw < 4 && is_nameword(r, g)) {
			g++;
			nw++;
			continue;
		}
		if (is_init_bare(r, g) && nw == 0 && ni == 0) {
			g++;
			ni++;
			continue;
		}
		break;
	}
	if (ni + nw == 0)
		return 0;
	/* "BIASI, Pierre-Marc de." */
	while (is_particle(r, g) && (punct(r, g + 1, '.') || punct(r, g + 1, ',')))
		g++;
	/* "Goodwin, Sam" followed by a lower-case word is a title */
	if (g < r->nt && r->t[g].kind == TK_WORD && (r->t[g].f & F_LOWER) &&
	    !is_and(r, g) && !is_etal(r, g) && !is_editor_word(r, g))
		return 0;
	p->ge = g;
	p->initials = nw == 0;
	if (punct(r, g, ',') && (k = suffix_at(r, g + 1)) > 0) {
		p->sb = g + 1;
		p->se = punct(r, k - 1, '.') ? k - 1 : k;
		g = k;
	}
	/* after "R. C." the dot ends the list: the title may follow */
	if (!name_stop(r, g) && !is_editor_word(r, g) &&
	    !(ni > 0 && punct(r, g - 1, '.')))
		return 0;
	if (nw > 0 && ni == 0 && punct(r, g, ':'))
		return 0;
	p->end = g;
	return 1;
}

/* Vancouver: "Family GG" / "Family G.G." / "FAMILY G." */
static int
name_van(const struct ref *r, int i, struct pname *p, int first)
{
	int k, g, ni = 0;

	int w, dotted = 0;

	memset(p, 0, sizeof(*p));
	if (is_stop(r, i))
		return 0;
	for (w = 1; w <= 2; w++) {
		if ((k = family_at(r, i, w)) < 0)
			return 0;
		g = k;
		ni = 0;
		dotted = 0;
		while (g < r->nt && (is_init_dot(r, g) || is_init_bare(r, g) ||
		    is_init(r, g))) {
			if (is_init_dot(r, g))
				dotted = 1;
			g = is_init_bare(r, g) ? g + 1 : past_init(r, g);
			ni++;
			if (ni >= 4)
				break;
		}
		if (ni > 0)
			break;
	}
	if (ni == 0)
		return 0;
	/* "Norman L. Knight": a dotted initial then a name is natural
	 * order (for the first name: later ones follow the list's style) */
	if (first && dotted && is_nameword(r, g) && !is_stop(r, g) &&
	    (punct(r, g + 1, ',') || punct(r, g + 1, '.') || punct(r, g + 1, '(') ||
	    is_and(r, g + 1) || g + 1 >= r->nt))
		return 0;
	if (!name_stop(r, g) && !is_nameword(r, g) && !punct(r, g - 1, '.'))
		return 0;
	p->fb = i;
	p->fe = k;
	p->gb = k;
	p->ge = g;
	p->initials = 1;
	p->end = g;
	return 1;
}

/* Natural order: "G. G. Family", "Given Family", "Given M. Family". */
static int
name_nat(const struct ref *r, int i, struct pname *p, int need_init)
{
	int k = i, last = -1, lastb = -1, nw = 0, ni = 0, g;

	memset(p, 0, sizeof(*p));
	/* "AM Trinkoff": bare initials first */
	if (is_init_bare(r, k) && r->t[k].nlet >= 2 && is_nameword(r, k + 1) &&
	    !(r->t[k + 1].f & F_UPPER)) {
		k++;
		ni++;
	}
	/* "KAHAN Marcel": the family name in capitals, then the given */
	if (is_nameword(r, k) && (r->t[k].f & F_UPPER) && r->t[k].nlet >= 2 &&
	    !is_stop(r, k) && is_nameword(r, k + 1) &&
	    !(r->t[k + 1].f & F_UPPER) && !is_stop(r, k + 1) &&
	    ni == 0 && name_stop(r, k + 2) && !punct(r, k + 2, '.')) {
		p->fb = k;
		p->fe = k + 1;
		p->gb = k + 1;
		p->ge = k + 2;
		p->end = k + 2;
		return 1;
	}
	while (k < r->nt) {
		if (is_init(r, k)) {
			k = past_init(r, k);
			ni++;
			last = -1;
			continue;
		}
		if (is_particle(r, k) && is_nameword(r, k + 1)) {
			if (lastb < 0 || last < 0)
				lastb = k;
			k++;
			continue;
		}
		if (is_nameword(r, k) && !is_stop(r, k)) {
			if (lastb < 0 || last < 0 || !is_particle(r, lastb))
				lastb = k;
			last = k;
			k++;
			nw++;
			/* "Nicholson-Smith" is one word; "Fran- cardi" two */
			if (nw > 4)
				return 0;
			continue;
		}
		break;
	}
	if (last < 0 || nw == 0 || (ni == 0 && nw < 2))
		return 0;
	if (need_init && ni == 0)
		return 0;
	/* "Horvath KJ": initials are no family name */
	if ((r->t[last].f & F_UPPER) && r->t[last].nlet <= 3 && nw > 1)
		return 0;
	/* the family name is the last word, with particles before it */
	g = lastb;
	while (g > i && is_particle(r, g - 1))
		g--;
	if (k - 1 != last)
		return 0;
	if (!name_stop(r, k) && suffix_at(r, k) < 0)
		return 0;
	/* "J. Appl. Phys. 87": an abbreviated journal, not a name */
	if (punct(r, k, '.') && !(r->t[k].f & F_SP) && r->t[last].nlet <= 5 &&
	    k + 1 < r->nt && (r->t[k + 1].kind == TK_NUM ||
	    (r->t[k + 1].kind == TK_WORD && punct(r, k + 2, '.') &&
	    !(r->t[k + 2].f & F_SP) && !is_init(r, k + 1))))
		return 0;
	/* a natural name never has a comma inside; a following ", G." would
	 * make it an inverted "Family Family, G." */
	if (punct(r, k, ',') && (is_init(r, k + 1) || is_init_bare(r, k + 1)) &&
	    ni == 0)
		return 0;
	p->gb = i;
	p->ge = g;
	p->fb = g;
	p->fe = k;
	p->initials = ni > 0 && nw == 1;
	if ((g = suffix_at(r, k)) > 0 || (punct(r, k, ',') &&
	    (g = suffix_at(r, k + 1)) > 0)) {
		p->sb = punct(r, k, ',') ? k + 1 : k;
		p->se = punct(r, g - 1, '.') ? g - 1 : g;
		k = g;
	}
	p->end = k;
	return 1;
}

static int
name_try(const struct ref *r, int i, enum style st, struct pname *p,
    int first)
{
	switch (st) {
	case ST_INV:
		return name_inv(r, i, p);
	case ST_VAN:
		return name_van(r, i, p, first);
	default:
		return name_nat(r, i, p, 0);
	}
}

/* The style of the first name at i. */
static enum style
first_style(const struct ref *r, int i, struct pname *p)
{
	struct pname a, b;
	int inv, nat, van;

	inv = name_inv(r, i, &a);
	nat = name_nat(r, i, &b, 0);
	if (is_init(r, i) && nat) {
		*p = b;
		return ST_NAT;
	}
	if (inv && nat) {
		/* "Wong Fillmore, Lily." vs "Subhransu Maji, Esa Rahtu,":
		 * two full names with a comma are a list of natural names
		 * when what follows the comma is a full name too */
		struct pname c;

		if (a.fe - a.fb >= 2 && !a.initials && a.ge - a.gb >= 2 &&
		    name_nat(r, a.gb, &c, 0)) {
			*p = b;
			return ST_NAT;
		}
		*p = a;
		return ST_INV;
	}
	if (inv) {
		*p = a;
		return ST_INV;
	}
	van = name_van(r, i, &a, 1);
	if (van) {
		*p = a;
		return ST_VAN;
	}
	if (nat) {
		*p = b;
		return ST_NAT;
	}
	return ST_NSTYLE;
}

/*
 * Read a list of names at i into l.  Returns the index after the list
 * (i when there is none).  *etal is set when "et al." ended it.
 */
static int
names_at(struct ref *r, int i, struct cite_names *l, int *etal)
{
	struct pname p;
	enum style st, order[3];
	int k, sep, end, n = 0, m, chicago = 0, nat_init;

	*etal = 0;
	if ((st = first_style(r, i, &p)) == ST_NSTYLE)
		return i;
	add_name(r, l, &p);
	n = 1;
	end = p.end;
	chicago = st == ST_INV && !p.initials;
	/* "R. H. Bube, Photovoltaic Materials": after a name with initials
	 * in natural order, the next one must have initials too */
	nat_init = st == ST_NAT && is_init(r, i);
	for (;;) {
		k = end;
		sep = 0;
		while (punct(r, k, ',') || punct(r, k, ';')) {
			k++;
			sep = 1;
		}
		if (is_etal(r, k)) {
			*etal = 1;
			end = past_etal(r, k);
			break;
		}
		if (is_and(r, k) && !is_etal(r, k)) {
			k++;
			sep = 2;
			if (punct(r, k, ','))
				k++;
		}
		/* "Hattori, K. Teraishi, T. Hori, H.": names of initials
		 * alone, inverted, the dot of the last initial their only
		 * separator */
		if (!sep && st == ST_INV && p.initials && k > 0 &&
		    punct(r, k - 1, '.') && name_try(r, k, ST_INV, &p, 0) &&
		    p.initials) {
			add_name(r, l, &p);
			n++;
			end = p.end;
			continue;
		}
		if (!sep)
			break;
		/* Inverted lists go on inverted, or in natural order after
		 * "and" (Chicago: "Blish, James, and Norman L. Knight") or
		 * with initials ("Derrick, D., I. Stavness and B. Gick");
		 * Vancouver lists may turn inverted; natural ones stay */
		order[0] = st;
		order[1] = st == ST_INV ? ST_NAT : st == ST_VAN ? ST_INV : ST_NSTYLE;
		order[2] = st == ST_INV ? ST_VAN : ST_NSTYLE;
		for (m = 0; m < 3; m++) {
			if (order[m] == ST_NSTYLE)
				continue;
			if (order[m] == ST_NAT && st == ST_INV &&
			    !(chicago || sep == 2 || is_init(r, k)))
				continue;
			if (order[m] == ST_NAT && (nat_init || (st == ST_INV &&
			    !chicago)) && !is_init(r, k) && !is_init_bare(r, k))
				continue;
			if (name_try(r, k, order[m], &p, 0))
				break;
		}
		if (m == 3)
			break;
		add_name(r, l, &p);
		n++;
		end = p.end;
		if (n > 200)
			break;
	}
	return end;
}

/* ---- helpers over token ranges ------------------------------------ */

static void
set_range(struct ref *r, enum cite_var v, int a, int b, const char *trim)
{
	if (a >= b || a < 0 || b > r->nt)
		return;
	cite_set(r->it, v, r->w + r->t[a].b, r->t[b - 1].e - r->t[a].b, trim);
}

static void
use(struct ref *r, int a, int b)
{
	for (; a < b && a < r->nt; a++)
		if (a >= 0)
			r->t[a].f |= F_USED;
}

static int
skip_punct(const struct ref *r, int i)
{
	while (i < r->nt && r->t[i].kind == TK_PUNCT &&
	    (r->t[i].cp == '.' || r->t[i].cp == ',' || r->t[i].cp == ';' ||
	    r->t[i].cp == ':' || is_dash(r->t[i].cp) || r->t[i].cp == 0x2014))
		i++;
	return i;
}

/* Read a date at token i (from its byte): the index after it, or i. */
static int
date_tok(struct ref *r, int i, struct cite_date *d)
{
	size_t l, e;
	int k;

	if (i >= r->nt)
		return i;
	l = cite_date_at(r->w + r->t[i].b, r->n - r->t[i].b, d);
	if (l == 0 || d->y == 0)
		return i;
	e = r->t[i].b + l;
	for (k = i; k < r->nt && r->t[k].e <= e; k++)
		;
	return k;
}

/* Is the '.' at token i the end of a sentence? */
static int
sentence_end(const struct ref *r, int i)
{
	int p = i - 1;

	if (!punct(r, i, '.'))
		return 0;
	if (i + 1 < r->nt && !(r->t[i + 1].f & F_SP) &&
	    r->t[i + 1].kind != TK_PUNCT)
		return 0;
	/* "N.Y.: Doubleday", "et al.," : punctuation goes on */
	if (punct(r, i + 1, ':') || punct(r, i + 1, ',') || punct(r, i + 1, ';') ||
	    punct(r, i + 1, ')') || punct(r, i + 1, ']'))
		return 0;
	if (p < 0)
		return 1;
	/* abbreviations and initials do not end a sentence */
	if (r->t[p].kind == TK_WORD && !(r->t[i].f & F_SP)) {
		if (r->t[p].nlet == 1 && (r->t[p].f & F_CAP))
			return 0;
		/* "vs.", "Inc.", and the short words of volumes, issues,
		 * pages and editors ("no.", "vol.", "pp.", "eds.") */
		if (r->t[p].kw == 7 || (r->t[p].kw >= 1 && r->t[p].kw <= 4 &&
		    TLEN(r, p) >= 2 && TLEN(r, p) <= 3))
			return 0;
	}
	/* "Int. J.", "Appl. Phys.", "Am. J. Anat.": a chain of short
	 * capitalized abbreviations */
	if (r->t[p].kind == TK_WORD && (r->t[p].f & F_CAP) && r->t[p].nlet <= 5 &&
	    !(r->t[i].f & F_SP) && i + 1 < r->nt && r->t[i + 1].kind == TK_WORD &&
	    (r->t[i + 1].f & F_CAP) && r->t[i + 1].nlet <= 6 &&
	    punct(r, i + 2, '.') && !(r->t[i + 2].f & F_SP))
		return 0;
	/* the next word starts in lower case: not a new sentence */
	if (i + 1 < r->nt && r->t[i + 1].kind == TK_WORD &&
	    (r->t[i + 1].f & F_LOWER) && !is_particle(r, i + 1))
		return 0;
	return 1;
}

/* The matching closing quote for the quote at i: its index, or -1. */
static int
quote_close(const struct ref *r, int i)
{
	uint32_t open = r->t[i].cp, close = close_quote(open);
	int k;

	for (k = i + 1; k < r->nt; k++) {
		if (r->t[k].kind != TK_PUNCT)
			continue;
		if (r->t[k].cp == close || (open == '"' && r->t[k].cp == 0x201D) ||
		    (open == 0x201C && r->t[k].cp == '"') ||
		    (open == 0x201E && r->t[k].cp == 0x201D)) {
			/* ' as an apostrophe: a closing ' needs a non-letter
			 * after it */
			if ((close == '\'' || close == 0x2019) && k + 1 < r->nt &&
			    !(r->t[k + 1].f & F_SP) &&
			    r->t[k + 1].kind == TK_WORD)
				continue;
			return k;
		}
	}
	return -1;
}

/* ---- the parts after the title ----------------------------------- */

/* Is token i a number usable as a volume, issue or page? */
static int
is_num(const struct ref *r, int i)
{
	return i >= 0 && i < r->nt && r->t[i].kind == TK_NUM;
}

/* A number, a roman numeral or "n°124": for volumes and issues. */
static int
is_numish(const struct ref *r, int i)
{
	if (is_num(r, i))
		return 1;
	if (i < 0 || i >= r->nt || r->t[i].kind != TK_WORD)
		return 0;
	/* digits with a letter: 12A, S1, e1234 */
	{
		size_t k, d = 0;

		for (k = r->t[i].b; k < r->t[i].e; k++)
			if (is_digit((unsigned char)r->w[k]))
				d++;
		return d > 0 && r->t[i].nlet <= 2;
	}
}

static int
is_vol_word(const struct ref *r, int i)
{
	return kw_is(r, i, 1);
}

static int
is_issue_word(const struct ref *r, int i)
{
	return kw_is(r, i, 2);
}

static int
is_page_word(const struct ref *r, int i)
{
	return kw_is(r, i, 3);
}

/* After a word like "vol", its dot. */
static int
past_word(const struct ref *r, int i)
{
	i++;
	if (punct(r, i, '.'))
		i++;
	return i;
}

/* "n°124" as one token: the number inside. */
static int
numword_issue(const struct ref *r, int i, size_t *b)
{
	size_t k;

	if (i < 0 || i >= r->nt || r->t[i].kind != TK_WORD)
		return 0;
	if (TLEN(r, i) > 3 && (lower_eq(TOKS(r, i), 3, "n\xc2\xb0") ||
	    lower_eq(TOKS(r, i), 3, "n\xc2\xba"))) {
		for (k = r->t[i].b + 3; k < r->t[i].e; k++)
			if (!is_digit((unsigned char)r->w[k]))
				return 0;
		*b = r->t[i].b + 3;
		return 1;
	}
	return 0;
}

/*
 * Does a journal's numeric block start at token i?  (vol. 24; 12(3);
 * 12:45-67; 303, 2040-2042; pp. 12-34; no. 11; 2013;17(6))
 */
static int
numblock_at(const struct ref *r, int i)
{
	size_t b;

	if (i >= r->nt || (r->t[i].f & F_USED))
		return 0;
	if (is_vol_word(r, i) && is_numish(r, past_word(r, i)))
		return 1;
	if (is_issue_word(r, i) && is_numish(r, past_word(r, i)))
		return 1;
	if (numword_issue(r, i, &b))
		return 1;
	if (is_page_word(r, i) && is_num(r, past_word(r, i)) &&
	    (punct(r, i + 1, '.') || word_is(r, i, "pages")))
		return 1;
	if (!is_numish(r, i))
		return 0;
	if (punct(r, i + 1, '(') && is_numish(r, i + 2))
		return 1;
	if (punct(r, i + 1, ':') && is_num(r, i + 2))
		return 1;
	if (punct(r, i + 1, ';') && is_numish(r, i + 2))
		return 1;
	if (punct(r, i + 1, ',') && (is_num(r, i + 2) || is_page_word(r, i + 2)))
		return 1;
	/* "Science 303, 2040-2042", "ApJ, 475, 163": a volume, then pages */
	if (is_num(r, i) && !(r->t[i].f & F_RANGE) && punct(r, i + 1, ',') &&
	    is_num(r, i + 2) && !is_year_tok(r, i + 2) && !is_year_tok(r, i))
		return 1;
	/* "Nano Lett. 2009, 9, 4153-4157": a year, a volume, pages */
	if (is_year_tok(r, i) && punct(r, i + 1, ',') && is_num(r, i + 2) &&
	    !is_year_tok(r, i + 2) && punct(r, i + 3, ',') &&
	    (is_num(r, i + 4) || punct(r, i + 4, '(')))
		return 1;
	/* "Nano Letters 10, (10), 4242", "Review 93, no. 4",
	 * "Linguistics 42. 101-132" */
	if (is_num(r, i) && !is_year_tok(r, i) && !(r->t[i].f & F_RANGE) &&
	    ((punct(r, i + 1, ',') && (punct(r, i + 2, '(') ||
	    is_issue_word(r, i + 2))) || (punct(r, i + 1, '.') &&
	    is_num(r, i + 2) && (r->t[i + 2].f & F_RANGE))))
		return 1;
	return 0;
}

/* Is a dash between numbers at token i part of a page range? */
static int
range_at(const struct ref *r, int i, int *end)
{
	if (is_num(r, i) && i + 2 < r->nt && r->t[i + 1].kind == TK_PUNCT &&
	    is_dash(r->t[i + 1].cp) && is_numish(r, i + 2)) {
		*end = i + 3;
		return 1;
	}
	if (is_numish(r, i)) {
		*end = i + 1;
		return 1;
	}
	return 0;
}

/* Read volume, issue and pages from token i on; returns the index
 * after what was read. */
static int
read_numbers(struct ref *r, int i, int lim)
{
	struct cite_item *it = r->it;
	int k = i, e, got_vol = 0, guard = 0;
	size_t b;

	while (k < lim && guard++ < 40) {
		if (r->t[k].f & F_USED) {
			k++;
			continue;
		}
		if (is_vol_word(r, k) && is_numish(r, past_word(r, k))) {
			k = past_word(r, k);
			if (it->v[CV_VOLUME] == NULL) {
				set_range(r, CV_VOLUME, k, k + 1, NULL);
				got_vol = 1;
			}
			use(r, k - 2, k + 1);
			k++;
			continue;
		}
		if (numword_issue(r, k, &b)) {
			if (got_vol || it->v[CV_VOLUME]) {
				if (it->v[CV_ISSUE] == NULL)
					cite_set(it, CV_ISSUE, r->w + b,
					    r->t[k].e - b, NULL);
			} else {
				set_range(r, CV_VOLUME, k, k + 1, NULL);
				got_vol = 1;
			}
			use(r, k, k + 1);
			k++;
			continue;
		}
		if (is_issue_word(r, k) && is_numish(r, past_word(r, k))) {
			int s = k;

			k = past_word(r, k);
			if (it->v[CV_ISSUE] == NULL) {
				if (got_vol || it->v[CV_VOLUME])
					set_range(r, CV_ISSUE, k, k + 1, NULL);
				else {
					/* a number only: "n°124" as the volume */
					set_range(r, CV_VOLUME, s, k + 1, NULL);
					got_vol = 1;
				}
			}
			use(r, s, k + 1);
			k++;
			continue;
		}
		if (is_page_word(r, k) && is_num(r, past_word(r, k)) &&
		    (punct(r, k + 1, '.') || word_is(r, k, "pages") ||
		    word_is(r, k, "page"))) {
			int s = k;

			k = past_word(r, k);
			range_at(r, k, &e);
			if (it->v[CV_PAGE] == NULL)
				set_range(r, CV_PAGE, k, e, NULL);
			use(r, s, e);
			k = e;
			continue;
		}
		if (punct(r, k, '(') && is_numish(r, k + 1) && punct(r, k + 2, ')') &&
		    (got_vol || it->v[CV_VOLUME]) && !is_year_tok(r, k + 1)) {
			if (it->v[CV_ISSUE] == NULL)
				set_range(r, CV_ISSUE, k + 1, k + 2, NULL);
			use(r, k, k + 3);
			k += 3;
			continue;
		}
		if (punct(r, k, '(') && is_num(r, k + 1) && k + 3 < r->nt &&
		    is_dash(r->t[k + 2].cp) && is_num(r, k + 3) &&
		    punct(r, k + 4, ')') && got_vol) {
			/* 12(3-4) */
			if (it->v[CV_ISSUE] == NULL)
				set_range(r, CV_ISSUE, k + 1, k + 4, NULL);
			use(r, k, k + 5);
			k += 5;
			continue;
		}
		if (is_num(r, k) && !got_vol && it->v[CV_VOLUME] == NULL &&
		    !(is_year_tok(r, k) && (punct(r, k + 1, ';') ||
		    (punct(r, k + 1, ',') && is_num(r, k + 2) &&
		    !punct(r, k + 3, '(') && r->year_found) ||
		    r->year_found == 0))) {
			/* a volume: what follows must look like pages or an
			 * issue */
			if (punct(r, k + 1, '(') || punct(r, k + 1, ':') ||
			    punct(r, k + 1, ',') || punct(r, k + 1, '.') ||
			    k + 1 >= lim || is_num(r, k + 1) ||
			    is_page_word(r, k + 1) || is_issue_word(r, k + 1)) {
				range_at(r, k, &e);
				if (e == k + 1 || !is_year_tok(r, k)) {
					/* "12-34" alone (one token or three): pages */
					if (e == k + 3 || (r->t[k].f & F_RANGE)) {
						/* "12-34" alone: pages */
						if (it->v[CV_PAGE] == NULL)
							set_range(r, CV_PAGE, k, e, NULL);
						use(r, k, e);
						k = e;
						continue;
					}
					set_range(r, CV_VOLUME, k, k + 1, NULL);
					got_vol = 1;
					use(r, k, k + 1);
					k++;
					if (punct(r, k, ':') && range_at(r, k + 1, &e)) {
						if (it->v[CV_PAGE] == NULL)
							set_range(r, CV_PAGE, k + 1, e, NULL);
						use(r, k, e);
						k = e;
					}
					continue;
				}
			}
		}
		if (is_num(r, k) && (got_vol || it->v[CV_VOLUME]) &&
		    it->v[CV_PAGE] == NULL && !is_year_tok(r, k)) {
			range_at(r, k, &e);
			set_range(r, CV_PAGE, k, e, NULL);
			use(r, k, e);
			k = e;
			continue;
		}
		if (is_num(r, k) && (got_vol || it->v[CV_VOLUME]) &&
		    it->v[CV_PAGE] == NULL && is_year_tok(r, k) &&
		    r->year_found && k + 2 < r->nt && is_dash(r->t[k + 1].cp)) {
			range_at(r, k, &e);
			set_range(r, CV_PAGE, k, e, NULL);
			use(r, k, e);
			k = e;
			continue;
		}
		if (r->t[k].kind == TK_PUNCT) {
			k++;
			continue;
		}
		break;
	}
	return k;
}

/* A date anywhere in [a, b) not yet used: the first month-date or
 * parenthesized one, else the last bare year. */
static void
find_date(struct ref *r, int a, int b)
{
	struct cite_date d, best = { 0, 0, 0 };
	int k, e, bk = -1, be = -1;

	for (k = a; k < b; k++) {
		if (r->t[k].f & F_USED)
			continue;
		if ((e = date_tok(r, k, &d)) == k || e > b)
			continue;
		if ((r->t[k].kind == TK_PUNCT || r->t[k].kind == TK_WORD ||
		    d.m) && !(is_num(r, k) && !d.m)) {
			/* (1994), March 2012, 22 May 2012 */
			if (!(punct(r, k, '(') && !is_year_tok(r, k + 1) &&
			    !d.m)) {
				best = d;
				bk = k;
				be = e;
				break;
			}
		}
		if (is_year_tok(r, k)) {
			/* not a page range nor a volume:pages */
			if (k + 1 < r->nt && r->t[k + 1].kind == TK_PUNCT &&
			    is_dash(r->t[k + 1].cp) && is_num(r, k + 2))
				continue;
			if (punct(r, k - 1, ':') || punct(r, k + 1, ':'))
				continue;
			best = d;
			bk = k;
			be = e;
		}
	}
	if (bk < 0)
		return;
	r->it->issued = best;
	r->year_found = 1;
	use(r, bk, be);
	/* an empty "()" left around a year */
	if (punct(r, bk - 1, '(') && punct(r, be, ')'))
		use(r, bk - 1, be + 1);
}

/* Is the range [a, b) a place ("London", "Cambridge, MA", "New York,
 * NY", "Garden City, N.Y.")? */
static int
is_place(const struct ref *r, int a, int b)
{
	int k, caps = 0, comma = -1;

	if (a >= b)
		return 0;
	for (k = a; k < b; k++) {
		if (punct(r, k, ',')) {
			if (comma >= 0)
				return 0;
			comma = k;
			continue;
		}
		if (punct(r, k, '.') || punct(r, k, '-') || punct(r, k, '/') ||
		    punct(r, k, '&'))
			continue;
		if (r->t[k].kind != TK_WORD)
			return 0;
		if (r->t[k].f & (F_CAP | F_UPPER))
			caps++;
		else if (!word_is(r, k, "am") && !word_is(r, k, "upon") &&
		    !word_is(r, k, "on") && !word_is(r, k, "de") &&
		    !word_is(r, k, "del") && !word_is(r, k, "sur") &&
		    !word_is(r, k, "and") && !word_is(r, k, "u.a"))
			return 0;
	}
	if (caps == 0 || caps > 6)
		return 0;
	{
		int e = comma >= 0 ? comma : b, f;

		if (cite_word(CW_PLACE, r->w + r->t[a].b, r->t[e - 1].e - r->t[a].b))
			return 2;
		/* "Cambridge and New York": the first city */
		for (f = a; f < e && (r->t[f].kind == TK_WORD &&
		    !word_is(r, f, "and")); f++)
			;
		if (f < e && f > a &&
		    cite_word(CW_PLACE, r->w + r->t[a].b, r->t[f - 1].e - r->t[a].b))
			return 2;
	}
	return 1;
}

/* Does a word of tokens [a, b) belong to word class cls (CW_PUBWORD,
 * CW_CONFWORD: "Press", "Proceedings")? */
static int
has_word_of(const struct ref *r, int a, int b, int cls)
{
	int k;

	for (k = a; k < b; k++)
		if (r->t[k].kind == TK_WORD &&
		    cite_word(cls, TOKS(r, k), TLEN(r, k)))
			return 1;
	return 0;
}

#define has_pubword(r, a, b) has_word_of((r), (a), (b), CW_PUBWORD)
#define has_confword(r, a, b) has_word_of((r), (a), (b), CW_CONFWORD)

/* The end of a segment starting at a: the next unused ',' '.' ':' '('
 * or used token (a sentence end for '.'). */
static int
seg_end(const struct ref *r, int a, int b, int stop_colon)
{
	int k, depth = 0;

	for (k = a; k < b; k++) {
		if (r->t[k].f & F_USED)
			return k;
		if (punct(r, k, '(') || punct(r, k, '['))
			depth++;
		else if (punct(r, k, ')') || punct(r, k, ']')) {
			if (depth == 0)
				return k;
			depth--;
		} else if (depth == 0 && (punct(r, k, ',') || punct(r, k, ';') ||
		    (stop_colon && punct(r, k, ':')) || sentence_end(r, k)))
			return k;
	}
	return b;
}

/* What a comma part [a, b) of a reference's tail is. */
enum { P_OTHER, P_YEAR, P_PLACE, P_PUB, P_CAPS };

static int
part_kind(const struct ref *r, int a, int b)
{
	struct cite_date d;
	int k, words = 0;

	while (a < b && r->t[a].kind == TK_PUNCT && r->t[a].cp == '(')
		a++;
	while (b > a && r->t[b - 1].kind == TK_PUNCT &&
	    (r->t[b - 1].cp == ')' || r->t[b - 1].cp == '.'))
		b--;
	if (a >= b)
		return P_OTHER;
	if (date_tok((struct ref *)r, a, &d) >= b)
		return P_YEAR;
	if (is_place(r, a, b) == 2)
		return P_PLACE;
	if (has_pubword(r, a, b) && b - a <= 8)
		return P_PUB;
	for (k = a; k < b; k++) {
		if (r->t[k].kind == TK_PUNCT) {
			if (r->t[k].cp == '&' || r->t[k].cp == '.' ||
			    r->t[k].cp == '-' || r->t[k].cp == '/')
				continue;
			return P_OTHER;
		}
		if (r->t[k].kind != TK_WORD || !(r->t[k].f & (F_CAP | F_UPPER)))
			if (!word_is(r, k, "and") && !word_is(r, k, "de") &&
			    !word_is(r, k, "of"))
				return P_OTHER;
		words++;
	}
	return words <= 4 ? P_CAPS : P_OTHER;
}

/*
 * Publisher and place in [a, b): "Place: Publisher", "Publisher,
 * Place", "Place, Publisher", or a segment with a publisher word.
 */
static void
find_publisher(struct ref *r, int a, int b)
{
	struct cite_item *it = r->it;
	int k, s, e, pe, pl, pass;

	/* Place: Publisher: a known place or one in parentheses first
	 * ("Governing America: The Politics ... (Oxford: OUP, 2003)"), then
	 * any place */
	for (pass = 0; pass < 2; pass++)
	for (k = a; k < b; k++) {
		if (!punct(r, k, ':') || (r->t[k].f & F_USED))
			continue;
		/* "1995: Oxford University Press" */
		if (is_year_tok(r, k - 1) && pass == 1) {
			pe = seg_end(r, k + 1, b, 1);
			if (pe > k + 1 && has_pubword(r, k + 1, pe)) {
				if (it->v[CV_PUBLISHER] == NULL)
					set_range(r, CV_PUBLISHER, k + 1, pe, " ,.;:)");
				use(r, k + 1, pe);
				r->pub_at = k + 1;
				return;
			}
			continue;
		}
		/* the place: back to a sentence end, '(' or a used token;
		 * places are a few words */
		for (s = k; s > a && k - s < 12; s--) {
			if (r->t[s - 1].f & F_USED)
				break;
			if (punct(r, s - 1, '(') || punct(r, s - 1, '[') ||
			    (punct(r, s - 1, '.') && sentence_end(r, s - 1)) ||
			    punct(r, s - 1, ';'))
				break;
			if (punct(r, s - 1, ',') && k - s >= 1 && s - 1 > a &&
			    !is_place(r, s - 1 > a ? s - 2 : s, k)) {
				/* "Title, London: Penguin": the place is one
				 * comma part, unless it is "City, ST" */
				if (!(k - s <= 3 && (r->t[s].f & F_UPPER)))
					break;
			}
		}
		if ((pl = is_place(r, s, k)) == 0)
			continue;
		if (pass == 0 && pl != 2 && !punct(r, s - 1, '('))
			continue;
		pe = seg_end(r, k + 1, b, 1);
		if (pe <= k + 1)
			continue;
		/* "Boston: Ticknor, Reed, and Fields, 1852": the publisher goes
		 * on over parts of capitalized words when a year ends them */
		{
			int q = pe, ok = 0, m;

			while (punct(r, q, ',') && q + 1 < b) {
				m = seg_end(r, q + 1, b, 1);
				if (m <= q + 1 || part_kind(r, q + 1, m) == P_OTHER ||
				    part_kind(r, q + 1, m) == P_PLACE)
					break;
				if (part_kind(r, q + 1, m) == P_YEAR) {
					ok = q;
					break;
				}
				q = m;
			}
			if (ok > pe)
				pe = ok;
		}
		if (it->v[CV_PLACE] == NULL)
			set_range(r, CV_PLACE, s, k, " ,.;:(");
		if (it->v[CV_PUBLISHER] == NULL)
			set_range(r, CV_PUBLISHER, k + 1, pe, " ,.;:)");
		use(r, s, pe);
		r->pub_at = s;
		return;
	}
	/* comma parts: a known place next to a publisher */
	for (s = a; s < b; s = e + 1) {
		while (s < b && (r->t[s].f & F_USED))
			s++;
		if (s >= b)
			break;
		e = seg_end(r, s, b, 0);
		if (e > s && is_place(r, s, e) == 2 && e - s <= 4) {
			int ps = -1, pe2 = -1;

			/* the part before it, else after it */
			if (s >= 2 && punct(r, s - 1, ',')) {
				int q = s - 1, q0;

				for (q0 = q; q0 > a && !(r->t[q0 - 1].f & F_USED) &&
				    !punct(r, q0 - 1, ',') &&
				    !(punct(r, q0 - 1, '.') && sentence_end(r, q0 - 1)) &&
				    !punct(r, q0 - 1, '(');
				    q0--)
					;
				if (q > q0 && !is_year_tok(r, q0) &&
				    (has_pubword(r, q0, q) || q - q0 <= 4) &&
				    !is_num(r, q0)) {
					ps = q0;
					pe2 = q;
				}
			}
			if (ps < 0 && punct(r, e, ',')) {
				int q = e + 1, q1 = seg_end(r, e + 1, b, 0);

				if (q1 > q && !is_year_tok(r, q) && !is_num(r, q) &&
				    (has_pubword(r, q, q1) || q1 - q <= 4)) {
					ps = q;
					pe2 = q1;
				}
			}
			if (ps >= 0) {
				if (it->v[CV_PLACE] == NULL)
					set_range(r, CV_PLACE, s, e, " ,.;:(");
				if (it->v[CV_PUBLISHER] == NULL)
					set_range(r, CV_PUBLISHER, ps, pe2, " ,.;:()");
				use(r, s, e);
				use(r, ps, pe2);
				r->pub_at = ps < s ? ps : s;
				return;
			}
		}
		if (e >= b)
			break;
	}
	/* a publisher alone: a part with a publisher word */
	for (s = a; s < b; s = e + 1) {
		while (s < b && ((r->t[s].f & F_USED) || r->t[s].kind == TK_PUNCT))
			s++;
		if (s >= b)
			break;
		e = seg_end(r, s, b, 0);
		if (e > s && has_pubword(r, s, e) && e - s <= 8) {
			if (it->v[CV_PUBLISHER] == NULL)
				set_range(r, CV_PUBLISHER, s, e, " ,.;:()");
			use(r, s, e);
			r->pub_at = s;
			return;
		}
		if (e >= b)
			break;
	}
}

/* Edition: "2nd ed.", "(3rd edn)", "6th ed". */
static void
find_edition(struct ref *r, int a, int b)
{
	int k, e;

	for (k = a; k < b; k++) {
		if (r->t[k].kind != TK_WORD && r->t[k].kind != TK_NUM)
			continue;
		if ((word_is(r, k + 1, "ed") || word_is(r, k + 1, "edn") ||
		    word_is(r, k + 1, "edition") || word_is(r, k + 1, "éd") ||
		    word_is(r, k + 1, "aufl") || word_is(r, k + 1, "rev")) &&
		    (word_is(r, k, "1st") || word_is(r, k, "2nd") ||
		    word_is(r, k, "3rd") || (r->t[k].kind == TK_WORD &&
		    TLEN(r, k) >= 3 && is_digit((unsigned char)TOKS(r, k)[0])) ||
		    word_is(r, k, "revised") || word_is(r, k, "new") ||
		    word_is(r, k, "second") || word_is(r, k, "third") ||
		    is_num(r, k))) {
			e = k + 2;
			if (punct(r, e, '.'))
				e++;
			if (r->it->v[CV_EDITION] == NULL)
				set_range(r, CV_EDITION, k, k + 2, NULL);
			if (punct(r, k - 1, '(') && punct(r, e, ')'))
				use(r, k - 1, e + 1);
			else
				use(r, k, e);
			return;
		}
	}
}

/* Genre cues (Ph.D. dissertation, Technical report, US Patent): the
 * type they give, or NULL; the genre is set and its tokens used. */
static const char *
find_genre(struct ref *r, int a, int b)
{
	int k, m, best = -1, bestlen = 0;
	const char *type = NULL, *bt = NULL;

	for (k = a; k < b; k++) {
		if (r->t[k].kind != TK_WORD || (r->t[k].f & F_USED))
			continue;
		/* the longest phrase of up to 4 tokens starting here */
		for (m = 1; m <= 5 && k + m <= b; m++) {
			size_t s = r->t[k].b, e = r->t[k + m - 1].e;

			if (r->t[k + m - 1].kind == TK_PUNCT &&
			    r->t[k + m - 1].cp != '.' && r->t[k + m - 1].cp != 0x2019 &&
			    r->t[k + m - 1].cp != '\'')
				break;
			type = cite_word_str(CW_GENRE, r->w + s, e - s);
			if (type != NULL && m > bestlen) {
				best = k;
				bestlen = m;
				bt = type;
			}
		}
		if (best >= 0)
			break;
	}
	if (best < 0)
		return NULL;
	k = best + bestlen;
	if (punct(r, k, '.') && !(r->t[k].f & F_SP) && sentence_end(r, k) == 0)
		k++;
	/* a patent's number goes with its genre */
	if (strcmp(bt, "patent") == 0) {
		while (k < b && (is_num(r, k) || punct(r, k, ',') ||
		    word_is(r, k, "no")) && !(punct(r, k, ',') && !is_num(r, k + 1)))
			k++;
	}
	set_range(r, CV_GENRE, best, k, " ,.;:");
	use(r, best, k);
	/* a thesis's or a report's institution follows its genre:
	 * "PhD dissertation, Stanford University", "Technical report,
	 * American Association of ..." */
	if (strcmp(bt, "thesis") == 0 || strcmp(bt, "report") == 0) {
		int q = k, e;

		if (punct(r, q, ',') || punct(r, q, '.'))
			q++;
		e = seg_end(r, q, b, 1);
		if (e > q && part_kind(r, q, e) != P_YEAR &&
		    is_place(r, q, e) != 2 && (r->t[q].f & (F_CAP | F_UPPER)) &&
		    r->it->v[CV_PUBLISHER] == NULL) {
			set_range(r, CV_PUBLISHER, q, e, " ,.;:");
			use(r, q, e);
			r->pub_at = q;
		}
	}
	return bt;
}

/* "edited by A and B", "ed. A", "trans. B", "A (trans.)" in [a, b). */
static void
find_roles(struct ref *r, int a, int b)
{
	struct cite_item *it = r->it;
	int k, e, etal, s;

	for (k = a; k < b; k++) {
		struct cite_names *l = NULL;

		if (r->t[k].f & F_USED)
			continue;
		if ((word_is(r, k, "edited") || word_is(r, k, "translated") ||
		    word_is(r, k, "compiled")) && word_is(r, k + 1, "by")) {
			l = word_is(r, k, "translated") ? &it->translator :
			    &it->editor;
			s = k;
			k += 2;
		} else if ((is_editor_word(r, k) || is_trans_word(r, k)) &&
		    (punct(r, k + 1, '.') || word_is(r, k + 1, "by")) &&
		    /* "IEEE Trans.": after a word it names a journal */
		    (k == a || r->t[k - 1].kind == TK_PUNCT) &&
		    (r->t[k].f & F_CAP || word_is(r, k, "ed") ||
		    word_is(r, k, "trans") || word_is(r, k, "eds")) &&
		    !punct(r, k - 1, '(')) {
			l = is_trans_word(r, k) ? &it->translator : &it->editor;
			s = k;
			k = past_word(r, k);
			if (word_is(r, k, "by"))
				k++;
		} else {
			continue;
		}
		if (l->n > 0)
			continue;
		e = names_at(r, k, l, &etal);
		if (e > k) {
			use(r, s, e);
			k = e - 1;
		}
	}
	/* "Timothy Bahti (trans.)", "Jones, A. (ed.)" */
	for (k = a; k < b; k++) {
		if ((r->t[k].f & F_USED) || !punct(r, k, '('))
			continue;
		if (!(is_editor_word(r, k + 1) || is_trans_word(r, k + 1)))
			continue;
		e = past_word(r, k + 1);
		if (!punct(r, e, ')'))
			continue;
		/* the names before it, back to a used token or a boundary */
		for (s = k; s > a && k - s < 24 && !(r->t[s - 1].f & F_USED) &&
		    !(punct(r, s - 1, '.') && sentence_end(r, s - 1)) &&
		    !punct(r, s - 1, ':') && !is_open_quote(r->t[s - 1].cp); s--)
			;
		/* try from each comma part start, the earliest that reads
		 * as names up to the '(' */
		for (; s < k; s++) {
			struct cite_names tmp = { 0 };

			/* "In K. Baynes, J. Bohman, & T. McCarthy (Eds.)" */
			if (s > a && !punct(r, s - 1, ',') && s != a &&
			    !(r->t[s - 1].f & F_USED) && !word_is(r, s - 1, "in"))
				continue;
			if (names_at(r, s, &tmp, &etal) == k) {
				struct cite_names *l = is_trans_word(r, k + 1) ?
				    &it->translator : &it->editor;
				size_t q;

				if (l->n == 0) {
					*l = tmp;
					memset(&tmp, 0, sizeof(tmp));
				}
				use(r, s, e + 1);
				for (q = 0; q < tmp.n; q++) {
					free(tmp.v[q].family);
					free(tmp.v[q].given);
					free(tmp.v[q].particle);
					free(tmp.v[q].suffix);
					free(tmp.v[q].literal);
				}
				free(tmp.v);
				break;
			} else {
				size_t q;

				for (q = 0; q < tmp.n; q++) {
					free(tmp.v[q].family);
					free(tmp.v[q].given);
					free(tmp.v[q].particle);
					free(tmp.v[q].suffix);
					free(tmp.v[q].literal);
				}
				free(tmp.v);
			}
		}
	}
}

/* The first unused token in [a, b) that is not punctuation. */
static int
first_free(const struct ref *r, int a, int b)
{
	while (a < b && ((r->t[a].f & F_USED) || (r->t[a].kind == TK_PUNCT &&
	    !is_open_quote(r->t[a].cp) && r->t[a].cp != '(' &&
	    r->t[a].cp != '*')))
		a++;
	return a;
}

/* The unused tokens of [a, b) as one run: first and end. */
static int
free_run(const struct ref *r, int a, int b, int *end)
{
	int s = first_free(r, a, b), e;

	for (e = s; e < b && !(r->t[e].f & F_USED); e++)
		;
	*end = e;
	return s;
}

/*
 * The container (journal, book, proceedings) in the rest [a, b): the
 * unused words before the numbers.  Returns 1 when one was set.
 */
static int
find_container(struct ref *r, int a, int b, int split)
{
	int s, e, k, q;

	s = first_free(r, a, b);
	if (s >= b)
		return 0;
	/* up to the first used token (numbers, publisher, date) */
	for (e = s; e < b && !(r->t[e].f & F_USED); e++)
		;
	/* "In Proceedings of X, 2009" and "Journal, vol" leave a comma */
	q = e;
	while (q > s && r->t[q - 1].kind == TK_PUNCT && r->t[q - 1].cp != ')' &&
	    r->t[q - 1].cp != '?' && !is_open_quote(r->t[q - 1].cp) &&
	    r->t[q - 1].cp != 0x201D)
		q--;
	if (q <= s)
		return 0;
	/* a leading "In:", "in" */
	if (word_is(r, s, "in") && q > s + 1) {
		s++;
		if (punct(r, s, ':'))
			s++;
	}
	/* "Title? A subtitle. Journal": the journal is the last sentence;
	 * what stands before it goes on the title (or is the title) */
	for (k = q - 1; k > s && split; k--)
		if (sentence_end(r, k) && k + 1 < q)
			break;
	if (split && k > s) {
		int ts = s, te = k;

		if (r->it->v[CV_TITLE] == NULL) {
			set_range(r, CV_TITLE, ts, te, " ,.;:");
		} else {
			size_t tb = r->t[ts].b, tl = r->t[te - 1].e - tb, ol;
			char *t;

			ol = strlen(r->it->v[CV_TITLE]);
			t = pe_xmalloc(ol + tl + 3);
			memcpy(t, r->it->v[CV_TITLE], ol);
			memcpy(t + ol, " ", 1);
			memcpy(t + ol + 1, r->w + tb, tl);
			t[ol + 1 + tl] = '\0';
			free(r->it->v[CV_TITLE]);
			r->it->v[CV_TITLE] = t;
		}
		use(r, ts, k + 1);
		s = k + 1;
	}
	/* "Asahi Shinbun 31 December": a day and month after the name,
	 * the year read elsewhere, are the date's */
	for (k = s + 1; k < q && r->it->issued.y != 0; k++) {
		struct cite_date d = { 0, 0, 0 };
		size_t at = r->t[k].b, l;

		if (r->t[k].kind != TK_WORD && r->t[k].kind != TK_NUM)
			continue;
		l = cite_daymonth_at(r->w + at, r->t[q - 1].e - at, &d);
		if (l > 0 && l == r->t[q - 1].e - at) {
			if (r->it->issued.m == 0) {
				r->it->issued.m = d.m;
				r->it->issued.d = d.d;
			}
			use(r, k, q);
			q = k;
			while (q > s && r->t[q - 1].kind == TK_PUNCT)
				q--;
			break;
		}
	}
	for (k = s; k < q; k++)
		if (r->t[k].kind == TK_WORD)
			break;
	if (k == q)
		return 0;
	set_range(r, CV_CONTAINER, s, q, " ,.;:*_");
	use(r, s, q);
	return 1;
}

/* ---- the parse ------------------------------------------------------ */

static void
normalize(struct ref *r, const char *s, size_t n)
{
	size_t i = 0, k = 0, j;
	uint32_t c;

	r->w = pe_xmalloc(n + 1);
	while (i < n) {
		c = cp_at(s, n, i, &j);
		if (is_space(c) || c == 0) {
			if (k > 0 && r->w[k - 1] != ' ')
				r->w[k++] = ' ';
			i = j;
			continue;
		}
		if (c == 0x2010 || c == 0x2011) {
			/* a hyphen typeset as U+2010: DOIs, pages, names
			 * are written with the ASCII one */
			r->w[k++] = '-';
			i = j;
			continue;
		}
		memcpy(r->w + k, s + i, j - i);
		k += j - i;
		i = j;
	}
	while (k > 0 && r->w[k - 1] == ' ')
		k--;
	r->w[k] = '\0';
	r->n = k;
}

/* "[12]", "12.", "12 " before a name: the citation number. */
static int
citation_number(struct ref *r)
{
	int i = 0;

	if (punct(r, 0, '[') && is_num(r, 1) && punct(r, 2, ']')) {
		set_range(r, CV_CITNUM, 1, 2, NULL);
		i = 3;
	} else if (punct(r, 0, '(') && is_num(r, 1) && punct(r, 2, ')') &&
	    !is_year_tok(r, 1)) {
		set_range(r, CV_CITNUM, 1, 2, NULL);
		i = 3;
	} else if (is_num(r, 0) && TLEN(r, 0) <= 4 && !is_year_tok(r, 0) &&
	    (punct(r, 1, '.') || punct(r, 1, ')') ||
	    (r->nt > 1 && r->t[1].kind == TK_WORD && (r->t[1].f & F_SP)))) {
		set_range(r, CV_CITNUM, 0, 1, NULL);
		i = punct(r, 1, '.') || punct(r, 1, ')') ? 2 : 1;
	}
	use(r, 0, i);
	return i;
}

/* Does a parenthesis at k hold a place and a publisher or a date
 * ("(London: Penguin, 2007)", "(Cambridge: CUP)", "(1994)")? */
static int
paren_pub(const struct ref *r, int k, int lim)
{
	int q, colon = -1;
	struct cite_date d;

	for (q = k + 1; q < lim && q < k + 40 && !punct(r, q, ')'); q++)
		if (punct(r, q, ':') && colon < 0)
			colon = q;
	if (q >= lim && !punct(r, q, ')'))
		return 0;
	if (colon > k + 1 && is_place(r, k + 1, colon))
		return 1;
	if (date_tok((struct ref *)r, k + 1, &d) == q && q > k + 1)
		return 1;
	return 0;
}

/*
 * Where an unquoted title in [a, se) ends: before "(Place: Publisher,
 * Year)", ", Place: Publisher", ", In", ", ed. X", the journal before
 * a journal's numbers, or a tail of ", Publisher, Place, Year" parts.
 */
static int
title_cut(const struct ref *r, int a, int se)
{
	int k, q, depth = 0, e2, s2, cut, nparts, yearish, pubish, caps;

	for (k = a + 1; k < se; k++) {
		if (punct(r, k, '(')) {
			if (depth == 0 && paren_pub(r, k, se))
				return k;
			depth++;
			continue;
		}
		if (punct(r, k, ')')) {
			depth = depth ? depth - 1 : 0;
			continue;
		}
		if (depth || !punct(r, k, ','))
			continue;
		for (q = k + 1; q < se && q <= k + 7 && !punct(r, q, ':') &&
		    !punct(r, q, '(') && !punct(r, q, '.'); q++)
			;
		if (punct(r, q, ':') && q > k + 1 && is_place(r, k + 1, q) &&
		    q + 1 < se)
			return k;
		if (word_is(r, k + 1, "in") && (punct(r, k + 2, ':') ||
		    (r->t[k + 1].f & F_CAP)))
			return k;
		if ((word_is(r, k + 1, "edited") && word_is(r, k + 2, "by")) ||
		    ((is_editor_word(r, k + 1) || is_trans_word(r, k + 1)) &&
		    punct(r, k + 2, '.')))
			return k;
	}
	/* the journal before its numbers */
	for (k = a + 1; k < se; k++)
		if (numblock_at(r, k))
			break;
	if (k < se) {
		q = k - 1;
		if (punct(r, q, ',') || punct(r, q, ';') || punct(r, q, ':'))
			q--;
		while (q > a && !punct(r, q, ','))
			q--;
		if (q > a)
			return q;
		if (k - a <= 8)
			return a;
	}
	/* ", Publisher, Place, Year" at the end */
	e2 = se;
	while (e2 > a && r->t[e2 - 1].kind == TK_PUNCT && r->t[e2 - 1].cp == '.')
		e2--;
	cut = se;
	nparts = yearish = pubish = caps = 0;
	while (e2 > a) {
		depth = 0;
		for (s2 = e2 - 1; s2 > a; s2--) {
			if (punct(r, s2, ')'))
				depth++;
			else if (punct(r, s2, '('))
				depth = depth ? depth - 1 : 0;
			else if (depth == 0 && punct(r, s2, ','))
				break;
		}
		if (s2 <= a)
			break;
		switch (part_kind(r, s2 + 1, e2)) {
		case P_YEAR:
			yearish = 1;
			break;
		case P_PLACE:
		case P_PUB:
			pubish = 1;
			break;
		case P_CAPS:
			if (caps++ || nparts == 0)
				goto done;
			break;
		default:
			goto done;
		}
		nparts++;
		cut = s2;
		e2 = s2;
	}
done:
	if (nparts > 0 && (pubish || (yearish && caps)))
		return cut;
	return se;
}

/* The title: quoted, italic, else up to the end of the sentence, cut
 * before what reads as the publisher or the journal.  Returns the
 * index after it. */
static int
read_title(struct ref *r, int i, int *quoted)
{
	int k, depth = 0, e;

	*quoted = 0;
	i = first_free(r, i, r->nt);
	if (i >= r->nt)
		return i;
	if (r->t[i].kind == TK_PUNCT && is_open_quote(r->t[i].cp) &&
	    (k = quote_close(r, i)) > i + 1) {
		set_range(r, CV_TITLE, i + 1, k, " ,.;:");
		use(r, i, k + 1);
		*quoted = 1;
		return k + 1;
	}
	if (punct(r, i, '*') || punct(r, i, '_')) {
		uint32_t m = r->t[i].cp;

		for (k = i + 1; k < r->nt && !punct(r, k, m); k++)
			;
		if (k < r->nt && k > i + 1) {
			set_range(r, CV_TITLE, i + 1, k, " ,.;:*_");
			use(r, i, k + 1);
			*quoted = 2;
			return k + 1;
		}
	}
	for (k = i; k < r->nt; k++) {
		if (r->t[k].f & F_USED)
			break;
		if (punct(r, k, '(') || punct(r, k, '['))
			depth++;
		else if (punct(r, k, ')') || punct(r, k, ']'))
			depth = depth ? depth - 1 : 0;
		if (depth)
			continue;
		if (sentence_end(r, k))
			break;
		if ((punct(r, k, '?') || punct(r, k, '!')) && k + 1 < r->nt &&
		    (r->t[k + 1].f & F_SP) && !(r->t[k + 1].f & F_LOWER)) {
			k++;
			break;
		}
	}
	e = title_cut(r, i, k);
	/* "Nano Lett. 2009, 9, 4153": no title, the journal */
	if (e == k && k - i <= 8 && punct(r, k, '.') && numblock_at(r, k + 1)) {
		int q, abbr = 0;

		for (q = i; q < k; q++)
			if (r->t[q].kind == TK_WORD && (r->t[q].f & F_CAP) &&
			    r->t[q].nlet <= 5 && punct(r, q + 1, '.'))
				abbr++;
		if (abbr > 0 || k - i <= 2)
			return i;
	}
	if (e > i) {
		set_range(r, CV_TITLE, i, e, " ,.;:-");
		use(r, i, e);
	}
	return e;
}

/* ", Chapter 8, "Title."" after a book: the chapter's own title. */
static void
chapter(struct ref *r, int a, int b)
{
	struct cite_item *it = r->it;
	int k, q;

	for (k = a; k < b; k++) {
		if (!kw_is(r, k, 6))
			continue;
		q = past_word(r, k);
		if (!is_numish(r, q))
			continue;
		set_range(r, CV_CHAPTER, q, q + 1, NULL);
		use(r, k, q + 1);
		q = skip_punct(r, q + 1);
		if (q < b && r->t[q].kind == TK_PUNCT && is_open_quote(r->t[q].cp)) {
			int c = quote_close(r, q);

			if (c > q + 1) {
				char *book = it->v[CV_TITLE];

				it->v[CV_TITLE] = NULL;
				set_range(r, CV_TITLE, q + 1, c, " ,.;:");
				if (it->v[CV_CONTAINER] == NULL)
					it->v[CV_CONTAINER] = book;
				else
					free(book);
				use(r, q, c + 1);
				it->type = "chapter";
			}
		}
		return;
	}
}

void
cite_parse_en(const char *s, size_t n, struct cite_item *it)
{
	struct ref r;
	int i, e, etal = 0, quoted, k, intype = 0, journal = 0, have_cont = 0;
	int ditto = 0;
	const char *gtype;

	memset(&r, 0, sizeof(r));
	r.it = it;
	r.pub_at = -1;
	it->type = "article";
	normalize(&r, s, n);
	take_links(&r);
	tokenize(&r);
	i = citation_number(&r);

	/* "———." "---." "__": the author of the reference before */
	if (i < r.nt && r.t[i].kind == TK_PUNCT && (is_dash(r.t[i].cp) ||
	    r.t[i].cp == '_' || r.t[i].cp == 0x2015)) {
		while (i < r.nt && r.t[i].kind == TK_PUNCT &&
		    (is_dash(r.t[i].cp) || r.t[i].cp == '_' ||
		    r.t[i].cp == 0x2015 || r.t[i].cp == '.' || r.t[i].cp == ','))
			i++;
		use(&r, 0, i);
		ditto = 1;
	}
	/* authors, unless a dash stands for them */
	e = ditto ? i : names_at(&r, i, &it->author, &etal);
	if (e == i && i < r.nt && r.t[i].kind == TK_WORD &&
	    (r.t[i].f & F_UPPER) && r.t[i].nlet >= 2 && punct(&r, i + 1, '.') &&
	    sentence_end(&r, i + 1) && i + 2 < r.nt) {
		/* "AASHTO." an organization */
		cite_name_literal(&it->author, TOKS(&r, i), TLEN(&r, i));
		e = i + 1;
	}
	if (e == i && i < r.nt && (r.t[i].f & (F_CAP | F_UPPER))) {
		/* "UNHCR, 2015.", "U.S. Department of the Interior, National
		 * Park Service. (1998).": a body before the year is the
		 * author */
		int q = i, caps = 0;

		while (q < r.nt && q - i < 14 && ((r.t[q].kind == TK_WORD &&
		    ((r.t[q].f & (F_CAP | F_UPPER)) || word_is(&r, q, "of") ||
		    word_is(&r, q, "the") || word_is(&r, q, "and") ||
		    word_is(&r, q, "for"))) || punct(&r, q, ',') ||
		    punct(&r, q, '.') || punct(&r, q, '&'))) {
			if (r.t[q].kind == TK_WORD && (r.t[q].f & (F_CAP | F_UPPER)))
				caps++;
			if ((punct(&r, q, ',') || punct(&r, q, '.')) &&
			    (is_year_tok(&r, q + 1) || (punct(&r, q + 1, '(') &&
			    is_year_tok(&r, q + 2))))
				break;
			q++;
		}
		if (q > i && q - i < 14 && caps > 0 && (punct(&r, q, ',') ||
		    punct(&r, q, '.')) && (is_year_tok(&r, q + 1) ||
		    (punct(&r, q + 1, '(') && is_year_tok(&r, q + 2)))) {
			cite_name_literal(&it->author, r.w + r.t[i].b,
			    r.t[q - 1].e - r.t[i].b);
			e = q;
		}
	}
	if (e == i && i < r.nt && (r.t[i].f & (F_CAP | F_UPPER))) {
		/* "Maritime Policy Office, "Title,"": a body before a quoted
		 * title is its author */
		int q = i;

		while (q < r.nt && q - i < 10 && r.t[q].kind == TK_WORD &&
		    ((r.t[q].f & (F_CAP | F_UPPER)) || word_is(&r, q, "of") ||
		    word_is(&r, q, "for") || word_is(&r, q, "and") ||
		    word_is(&r, q, "the") || word_is(&r, q, "on")))
			q++;
		if (q > i && punct(&r, q, ',') && q + 1 < r.nt &&
		    r.t[q + 1].kind == TK_PUNCT && is_open_quote(r.t[q + 1].cp)) {
			cite_name_literal(&it->author, r.w + r.t[i].b,
			    r.t[q - 1].e - r.t[i].b);
			e = q;
		}
	}
	use(&r, i, e);
	i = e;
	/* "(eds.)", ", eds.", "ed." after the names: they are editors */
	{
		int k2 = i;

		if (punct(&r, k2, ','))
			k2++;
		if (punct(&r, k2, '(') && is_editor_word(&r, k2 + 1) &&
		    punct(&r, past_word(&r, k2 + 1), ')')) {
			e = past_word(&r, k2 + 1) + 1;
		} else if (is_editor_word(&r, k2) && it->author.n > 0) {
			e = past_word(&r, k2);
		} else
			e = -1;
		if (e > 0 && it->author.n > 0) {
			it->editor = it->author;
			memset(&it->author, 0, sizeof(it->author));
			use(&r, i, e);
			i = e;
		}
	}
	/* a date right after the authors */
	k = skip_punct(&r, i);
	{
		struct cite_date d;
		int de = date_tok(&r, k, &d);

		/* "2018 Report on ..." with no author: the year is the
		 * title's */
		if (de > k && (punct(&r, k, '(') || is_year_tok(&r, k)) &&
		    (de >= r.nt || r.t[de].kind == TK_PUNCT ||
		    ((r.t[de].f & F_SP) && it->author.n + it->editor.n > 0))) {
			it->issued = d;
			r.year_found = 1;
			use(&r, i, de);
			i = de;
		} else if (punct(&r, k, '(') && (word_is(&r, k + 1, "n.d") ||
		    word_is(&r, k + 1, "nd") || word_is(&r, k + 1, "s.d"))) {
			for (de = k; de < r.nt && !punct(&r, de, ')'); de++)
				;
			use(&r, i, de + 1);
			i = de + 1;
		}
	}
	/* editions and roles first, so that the title stops before them */
	find_edition(&r, i, r.nt);
	find_roles(&r, i, r.nt);
	/* the title; none before "In Book" or "in Proceedings" */
	k = first_free(&r, i, r.nt);
	if (word_is(&r, k, "in") && (punct(&r, k + 1, ':') ||
	    (k + 1 < r.nt && r.t[k + 1].kind == TK_WORD &&
	    (r.t[k + 1].f & (F_CAP | F_UPPER)))) && k == i)
		quoted = 0;
	else
		i = read_title(&r, i, &quoted);
	/* a date after the title, before the rest ("Title. 2000.") */
	k = skip_punct(&r, i);
	if (!r.year_found) {
		struct cite_date d;
		int de = date_tok(&r, k, &d);

		if (de > k && is_year_tok(&r, k) && (de >= r.nt ||
		    punct(&r, de, '.'))) {
			it->issued = d;
			r.year_found = 1;
			use(&r, k, de);
		}
	}
	/* the rest */
	gtype = find_genre(&r, i, r.nt);
	chapter(&r, i, r.nt);
	k = first_free(&r, i, r.nt);
	if (word_is(&r, k, "in")) {
		int k2 = k + 1, e2;
		struct cite_names ed = { 0 };

		intype = 1;
		if (punct(&r, k2, ':'))
			k2++;
		use(&r, k, k2);
		/* "In A. Editor (Ed.), Book" / "In Editor, A. (Eds.)," */
		e2 = names_at(&r, k2, &ed, &etal);
		if (e2 > k2) {
			int q = e2;

			if (punct(&r, q, ','))
				q++;
			if ((punct(&r, q, '(') && is_editor_word(&r, q + 1)) ||
			    is_editor_word(&r, q)) {
				if (punct(&r, q, '('))
					q = past_word(&r, q + 1) + 1;
				else
					q = past_word(&r, q);
				if (it->editor.n == 0) {
					it->editor = ed;
					memset(&ed, 0, sizeof(ed));
				}
				use(&r, k2, q);
			}
		}
		{
			size_t z;

			for (z = 0; z < ed.n; z++) {
				free(ed.v[z].family);
				free(ed.v[z].given);
				free(ed.v[z].particle);
				free(ed.v[z].suffix);
				free(ed.v[z].literal);
			}
			free(ed.v);
		}
	} else if (word_is(&r, k, "presented") || (word_is(&r, k, "paper") &&
	    word_is(&r, k + 1, "presented")) || (word_is(&r, k, "poster") &&
	    word_is(&r, k + 1, "presented"))) {
		int q = k;

		while (q < r.nt && !word_is(&r, q, "at"))
			q++;
		if (q < r.nt) {
			use(&r, k, q + 1);
			if (word_is(&r, q + 1, "the"))
				use(&r, q + 1, q + 2);
			intype = 2;
		}
	}
	if (!r.year_found && !intype)
		find_date(&r, i, r.nt);
	/* numbers of a journal */
	for (k = i; k < r.nt; k++)
		if (numblock_at(&r, k))
			break;
	if (k < r.nt) {
		int before = first_free(&r, i, k);

		/* the container must stand before the numbers, unless it
		 * was taken already */
		if (before < k || it->v[CV_CONTAINER] != NULL || intype) {
			/* words of a publisher before the numbers make them a
			 * book's, not a journal's */
			if (intype || before >= k || !has_pubword(&r, before, k) ||
			    has_confword(&r, before, k)) {
				int ee;

				/* the container ends at its own punctuation */
				free_run(&r, before, k, &ee);
				if (!intype && !r.year_found)
					find_date(&r, k, r.nt);
				read_numbers(&r, k, r.nt);
				if (ee > before && it->v[CV_CONTAINER] == NULL)
					have_cont = find_container(&r, before, ee,
					    !quoted && !intype);
				journal = !intype;
			}
		}
	}
	if (!r.year_found)
		find_date(&r, i, r.nt);
	/* "Vol. 3" of a book */
	if (!journal)
		for (k = i; k < r.nt; k++)
			if (!(r.t[k].f & F_USED) && is_vol_word(&r, k) &&
			    is_numish(&r, past_word(&r, k)) && (r.t[k].f & F_CAP)) {
				int q = past_word(&r, k);

				if (it->v[CV_VOLUME] == NULL)
					set_range(&r, CV_VOLUME, q, q + 1, NULL);
				use(&r, k, q + 1);
				break;
			}
	find_publisher(&r, i, r.nt);
	/* "London, 1708.": a known place and the year end a book */
	if (it->v[CV_PLACE] == NULL && it->v[CV_PUBLISHER] == NULL && !journal)
		for (k = i + 1; k < r.nt; k++) {
			int c;

			if ((r.t[k].f & F_USED) || !punct(&r, k - 1, '.') ||
			    !sentence_end(&r, k - 1))
				continue;
			for (c = k; c < r.nt && c - k < 8 && !punct(&r, c, ','); c++)
				;
			if (c < r.nt && punct(&r, c, ',') && is_year_tok(&r, c + 1) &&
			    (c + 2 == r.nt || (punct(&r, c + 2, '.') &&
			    c + 3 == r.nt)) && is_place(&r, k, c) == 2) {
				set_range(&r, CV_PLACE, k, c, NULL);
				use(&r, k, c + 1);
				break;
			}
		}
	if (!journal && it->v[CV_CONTAINER] == NULL) {
		int s2, e2;

		s2 = free_run(&r, i, r.nt, &e2);
		if (e2 > s2) {
			/* what is left after the title: a container when it is
			 * not the publisher's; before a publisher, after an
			 * unquoted title, the rest of the title */
			int ee = seg_end(&r, s2, e2, 0);

			if (!intype && !quoted && r.pub_at > s2 &&
			    it->v[CV_TITLE] != NULL && first_free(&r, s2, e2) < e2) {
				int ts = s2, te = e2;
				size_t tb, tl;
				char *t;

				while (te > ts && r.t[te - 1].kind == TK_PUNCT)
					te--;
				if (te > ts) {
					tb = r.t[ts].b;
					tl = r.t[te - 1].e - tb;
					t = pe_xmalloc(strlen(it->v[CV_TITLE]) + tl + 3);
					sprintf(t, "%s. ", it->v[CV_TITLE]);
					memcpy(t + strlen(t), r.w + tb, tl);
					t[strlen(it->v[CV_TITLE]) + 2 + tl] = '\0';
					free(it->v[CV_TITLE]);
					it->v[CV_TITLE] = t;
					use(&r, ts, te);
				}
			} else if (intype || quoted || (ee > s2 &&
			    is_place(&r, s2, ee) != 2 && r.pub_at < 0)) {
				/* the container goes to the end of its sentence,
				 * commas and all (Journal of Speech, Language and
				 * Hearing Research) */
				int se2 = s2;

				while (se2 < e2 && !sentence_end(&r, se2))
					se2++;
				have_cont = find_container(&r, s2,
				    intype ? e2 : quoted ? ee : se2, 0);
			}
		}
	}
	if (intype && (it->v[CV_PAGE] == NULL || it->v[CV_VOLUME] == NULL))
		read_numbers(&r, i, r.nt);
	if (!journal && it->v[CV_PAGE] == NULL) {
		/* "pp. 12-34" of a chapter or a book */
		for (k = i; k < r.nt; k++) {
			if (is_page_word(&r, k) && is_num(&r, past_word(&r, k)) &&
			    !(r.t[k].f & F_USED)) {
				int q = past_word(&r, k), e3;

				range_at(&r, q, &e3);
				set_range(&r, CV_PAGE, q, e3, NULL);
				use(&r, k, e3);
				break;
			}
		}
	}
	/* the type */
	if (gtype != NULL) {
		it->type = gtype;
		/* a thesis's or a report's institution is its publisher */
		if ((strcmp(gtype, "thesis") == 0 || strcmp(gtype, "report") == 0) &&
		    it->v[CV_PUBLISHER] == NULL && it->v[CV_CONTAINER] != NULL) {
			it->v[CV_PUBLISHER] = it->v[CV_CONTAINER];
			it->v[CV_CONTAINER] = NULL;
		}
	}
	else if (strcmp(it->type, "chapter") == 0)
		;
	else if (intype)
		it->type = intype == 2 ? "paper-conference" : "chapter";
	else if (journal || (have_cont && !it->v[CV_PUBLISHER]))
		it->type = "article-journal";
	else if (it->v[CV_PUBLISHER] || it->v[CV_PLACE])
		it->type = "book";
	else if (it->v[CV_URL])
		it->type = "webpage";
	if (intype == 1 && it->v[CV_CONTAINER] != NULL) {
		/* proceedings: by the words of the container */
		const char *c = it->v[CV_CONTAINER];
		size_t a2 = 0, l = strlen(c);

		while (a2 < l) {
			size_t b2 = a2;

			while (b2 < l && c[b2] != ' ' && c[b2] != ',' && c[b2] != '.')
				b2++;
			if (b2 > a2 && cite_word(CW_CONFWORD, c + a2, b2 - a2)) {
				it->type = "paper-conference";
				break;
			}
			a2 = b2 + 1;
		}
	}
	if (!intype && !journal && it->v[CV_CONTAINER] != NULL &&
	    strcmp(it->type, "article-journal") == 0) {
		const char *c = it->v[CV_CONTAINER];
		size_t a2 = 0, l = strlen(c);

		while (a2 < l) {
			size_t b2 = a2;

			while (b2 < l && c[b2] != ' ' && c[b2] != ',' && c[b2] != '.')
				b2++;
			if (b2 > a2 && cite_word(CW_CONFWORD, c + a2, b2 - a2)) {
				it->type = "paper-conference";
				break;
			}
			a2 = b2 + 1;
		}
	}
	if (it->v[CV_TITLE] == NULL && it->v[CV_CONTAINER] == NULL &&
	    it->v[CV_URL] != NULL && it->author.n == 0)
		it->type = "webpage";
	free(r.w);
	free(r.t);
}
