/*
 * pe-split-sent.c - where sentences end, and the word lists that say so.
 *
 * Given a unit's repaired text, split_find_cuts() returns the byte
 * offsets where sentences begin.  Brackets are matched first, so that an
 * unclosed one silences nothing; inside 「」『』（）() nothing ends, while
 * English quotation marks may hold whole sentences.  Stops are 。．！？!?
 * and their runs, pictographs and ☆♪ in casual text, an ellipsis before
 * a new start; never a decimal, an abbreviation (data/abbrev-en.tsv by
 * class), an enumerator opening the sentence, a URL or domain, or a ！？
 * glued to a following particle (大丈夫？と).  Inline lists ("1) a 2) b")
 * are cut at each next enumerator.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/text.h"
#include "pe-split.h"
#include "pe-split-chars.h"

static struct cut pre;		/* inline list cuts; kept for reuse */

/* ---- word lists (data/abbrev-en.tsv, data/starters-en.txt) ---------- */

enum { AB_NONE, AB_TITLE, AB_ABBR, AB_STARTER };

struct word {
	char *w;
	int cls;
};
static struct word *abbrevs, *starters;
static size_t nabbrevs, nstarters;

static int
wordcmp(const void *a, const void *b)
{
	return strcmp(((const struct word *)a)->w, ((const struct word *)b)->w);
}

static int
load_words(const char *dir, const char *file, int with_class,
    struct word **out, size_t *nout)
{
	char path[4096], *line = NULL, *tab;
	size_t cap = 0, n = 0, alloc = 0;
	unsigned long no = 0;
	ssize_t len;
	FILE *fp;
	int ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((fp = fopen(path, "r")) == NULL) {
		pe_warn("%s:", path);
		return -1;
	}
	while ((len = getline(&line, &cap, fp)) >= 0) {
		no++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 128;
			*out = pe_xrealloc(*out, alloc * sizeof(**out));
		}
		(*out)[n].cls = AB_NONE;
		if (with_class) {
			if ((tab = strchr(line, '\t')) == NULL) {
				pe_warn("%s:%lu: expected WORD<TAB>CLASS", path, no);
				ret = -1;
				continue;
			}
			*tab++ = '\0';
			if (strcmp(tab, "title") == 0)
				(*out)[n].cls = AB_TITLE;
			else if (strcmp(tab, "abbr") == 0)
				(*out)[n].cls = AB_ABBR;
			else if (strcmp(tab, "starter") == 0)
				(*out)[n].cls = AB_STARTER;
			else {
				pe_warn("%s:%lu: unknown class '%s'", path, no, tab);
				ret = -1;
				continue;
			}
		}
		(*out)[n++].w = pe_xstrdup(line);
	}
	free(line);
	fclose(fp);
	qsort(*out, n, sizeof(**out), wordcmp);
	*nout = n;
	return ret;
}

int
seg_init(const char *datadir)
{
	int r = 0;

	split_tables_init();
	if (load_words(datadir, "abbrev-en.tsv", 1, &abbrevs, &nabbrevs) < 0)
		r = -1;
	if (load_words(datadir, "starters-en.txt", 0, &starters, &nstarters) < 0)
		r = -1;
	return r;
}

void
seg_fini(void)
{
	size_t i;

	for (i = 0; i < nabbrevs; i++)
		free(abbrevs[i].w);
	for (i = 0; i < nstarters; i++)
		free(starters[i].w);
	free(abbrevs);
	free(starters);
	free(pre.at);
	memset(&pre, 0, sizeof(pre));
	abbrevs = starters = NULL;
	nabbrevs = nstarters = 0;
}

static const struct word *
find_word(const struct word *tab, size_t n, const char *s, size_t len)
{
	char key[64];
	struct word k;

	if (len == 0 || len >= sizeof(key))
		return NULL;
	memcpy(key, s, len);
	key[len] = '\0';
	k.w = key;
	return bsearch(&k, tab, n, sizeof(*tab), wordcmp);
}

/* ---- tables ---- */

unsigned char split_ctab[0x10000];
signed char split_dtab[0x10000];
unsigned char split_btab[0x10000];

void
split_tables_init(void)
{
	uint32_t c;

	for (c = 0; c < 0x10000; c++) {
		int f = 0, w;

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		f |= pe_is_space(c) ? C_SPACE : 0;
		f |= pe_is_han(c) ? C_HAN : 0;
		f |= pe_is_kana(c) ? C_KANA : 0;
		f |= pe_is_jpunct(c) ? C_JPUNCT : 0;
		f |= pe_is_fullwidth(c) ? C_FULL : 0;
		f |= pe_is_latin(c) ? C_LATIN : 0;
		w = pe_cp_width(c);
		f |= w == 2 ? C_WIDE : w == 0 ? C_ZERO : 0;
		split_ctab[c] = (unsigned char)f;
		split_dtab[c] = (signed char)pe_digit_value(c);
	}
	for (c = 0; c < 0x10000; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		split_btab[c] = (open_bracket_slow(c) ? 1 : 0) | (close_bracket_slow(c) ? 2 : 0);
		/* what find_cuts must look at: stops, marks, brackets, quotes */
		if (split_btab[c] || is_jterm(c) || is_symterm(c) || c == '.' ||
		    c == '!' || c == '?' || c == '"' || c == 0x2026 || c == 0x2025 ||
		    c == 0x2019)
			split_btab[c] |= 4;
	}
}

/* Enumerator at the start of s: 1. 1) 1.) (1) （１） ① a. ; returns its
 * byte length (0 if none) and value and style. */
size_t
split_enumerator(const char *s, size_t n, int *val, int *style)
{
	size_t i = 0, j;
	uint32_t c;
	int v = 0, digits = 0, paren = 0;

	c = cp_at(s, n, 0);
	if (c >= 0x2460 && c <= 0x2473) {	/* ① .. ⑳ */
		*val = (int)(c - 0x2460 + 1);
		*style = 10;
		j = 0;
		NEXT(s, &j);
		return j;
	}
	if (c == '(' || c == 0xFF08) {
		paren = 1;
		NEXT(s, &i);
	}
	j = i;
	while (j < n) {
		size_t k = j;
		uint32_t d = NEXT(s, &k);

		if (c_digit(d) < 0 || digits >= 3)
			break;
		v = v * 10 + c_digit(d);
		digits++;
		j = k;
	}
	if (digits == 0) {
		if (paren || j >= n || !is_ascii_lower((unsigned char)s[j]) ||
		    j + 1 >= n || s[j + 1] != '.')
			return 0;
		/* a. b. c. */
		if (j + 2 < n && s[j + 2] != ' ')
			return 0;
		*val = s[j] - 'a' + 1;
		*style = 20;
		return j + 2;
	}
	c = cp_at(s, n, j);
	if (paren) {
		if (c != ')' && c != 0xFF09)
			return 0;
		NEXT(s, &j);
		*val = v;
		*style = 1;
		return j;
	}
	if (c == ')' || c == 0xFF09) {
		NEXT(s, &j);
		*val = v;
		*style = 2;
		return j;
	}
	if (c == 0xFF0E) {	/* ２．今後の課題 */
		NEXT(s, &j);
		c = cp_at(s, n, j);
		if (c_digit(c) >= 0)
			return 0;	/* ３．１４ */
		*val = v;
		*style = 5;
		return j;
	}
	if (c == '.') {
		j++;
		c = cp_at(s, n, j);
		if (c == ')' || c == 0xFF09) {
			NEXT(s, &j);
			*val = v;
			*style = 3;
			return j;
		}
		/* "1. The" but not "3.5" or "2.0」" */
		if (c != ' ')
			return 0;
		*val = v;
		*style = 4;
		return j;
	}
	return 0;
}

/* ---- sentences ------------------------------------------------------- */


static int
word_before(const char *s, size_t i, size_t *w0)
{
	size_t j = i;

	while (j > 0) {
		unsigned char c = (unsigned char)s[j - 1];

		if (isalpha(c) || c == '.' || c == 0xB0 || c == 0xC2) {
			j--;
			continue;
		}
		break;
	}
	*w0 = j;
	return j < i;
}

/* The word starting at i (ASCII letters): its length. */
static size_t
word_at(const char *s, size_t n, size_t i)
{
	size_t j = i;

	while (j < n && isalpha((unsigned char)s[j]))
		j++;
	return j - i;
}

/* example.org, www.un.org: a dotted word whose parts are not single
 * letters is a domain or a file name, not an initialism. */
static int
domain_like(const char *w, size_t n)
{
	size_t i, part = 0;

	for (i = 0; i < n; i++) {
		if (w[i] == '.') {
			part = 0;
			continue;
		}
		if (++part > 2)
			return 1;
	}
	return 0;
}

/*
 * Does the English period at s[i] end a sentence?  next is the index of
 * the first non-space character after it (n at the end).
 */
static int
period_ends(const char *s, size_t n, size_t i, size_t next)
{
	size_t w0, wl;
	const struct word *w;
	uint32_t nc = next < n ? cp_at(s, n, next) : 0;
	int dotted;

	if (next >= n)
		return 1;
	if (next == i + 1)
		return 0;	/* no space after: a URL, a number, an initialism */
	if (is_ascii_lower(nc) || c_digit(nc) >= 0)
		return 0;
	if (!word_before(s, i, &w0))
		return 1;
	/* strip dots the word began with */
	wl = i - w0;
	w = find_word(abbrevs, nabbrevs, s + w0, wl);
	dotted = memchr(s + w0, '.', wl) != NULL;
	if (w == NULL && dotted) {
		/* U.S. E.U. a.m.: look up the last part too */
		w = find_word(abbrevs, nabbrevs, s + w0, wl);
	}
	if (w != NULL) {
		if (w->cls == AB_TITLE)
			return 0;
		if (w->cls == AB_ABBR)
			return is_ascii_upper(nc) || !c_latin(nc);
		return find_word(starters, nstarters, s + next,
		    word_at(s, n, next)) != NULL;
	}
	if (dotted && !domain_like(s + w0, wl))	/* an initialism: U.S. */
		return find_word(starters, nstarters, s + next,
		    word_at(s, n, next)) != NULL;
	if (wl == 1 && is_ascii_upper((unsigned char)s[w0])) {
		/* "you and I. Did" ends; "Albert I. Jones", "E. Smith" do not */
		if (s[w0] == 'I' && w0 >= 2 && s[w0 - 1] == ' ') {
			size_t p = w0 - 1;

			while (p > 0 && isalpha((unsigned char)s[p - 1]))
				p--;
			return p < w0 - 1 && is_ascii_lower((unsigned char)s[p]);
		}
		return 0;
	}
	return 1;
}


static void
add_cut(struct cut *c, size_t at)
{
	if (c->n && c->at[c->n - 1] >= at)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->at = pe_xrealloc(c->at, c->cap * sizeof(size_t));
	}
	c->at[c->n++] = at;
}


/* Periods in a run from i: "....", ". . ." (single spaces between). */
static size_t
dot_run(const char *s, size_t n, size_t i, int *ndots)
{
	size_t e = i;
	int k = 0;

	while (e < n && s[e] == '.') {
		k++;
		e++;
		if (e + 1 < n && s[e] == ' ' && s[e + 1] == '.')
			e++;
	}
	*ndots = k;
	return e;
}

static int
dots_in(const char *s, size_t i, size_t n)
{
	int k;

	dot_run(s, n, i, &k);
	return k;
}

/* The start of a sentence's text after spaces and a bullet (• ⁃). */
static size_t
skip_bullet(const char *s, size_t n, size_t i)
{
	uint32_t c;
	size_t j;

	i = skip_space(s, n, i);
	j = i;
	c = cp_at(s, n, i);
	if (c == 0x2022 || c == 0x2043) {
		NEXT(s, &j);
		i = skip_space(s, n, j);
	}
	return i;
}

/* A list or section number: 12, IV, b. */
static int
enum_word(const char *w, size_t n)
{
	size_t i, digits = 0, roman = 0;

	if (n == 1 && is_ascii_lower((unsigned char)w[0]))
		return 1;
	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)w[i]))
			digits++;
		else if (strchr("IVX", w[i]) != NULL)
			roman++;
	}
	return n > 0 && n <= 4 && (digits == n || roman == n);
}

/*
 * A face mark closing a sentence: (笑), (^o^), ＼(^o^)／ right after a
 * sentence-final kana (…です(^o^)絵文字).  gs..ge is the group, opener
 * to closer included.  Returns the end of the mark (after ／), or 0.
 */
static size_t
face_mark_end(const char *s, size_t n, size_t gs, size_t ge)
{
	size_t i = gs, b = gs;
	uint32_t c, before;
	int other = 0, sym = 0;

	if (ge - gs > 40)
		return 0;
	NEXT(s, &i);	/* the opener */
	while (i < ge) {
		c = NEXT(s, &i);
		if (i >= ge)
			break;		/* the closer */
		if (c == 0x7B11 || c == 0x6CE3 || c == 0x6C57 || c == 0x6D99 ||
		    c == 0x7206)	/* 笑 泣 汗 涙 爆 */
			sym++;
		else if (c_kana(c) || c_han(c) ||
		    (c_latin(c) && c != 'o' && c != 'O'))
			other++;
		else if (!c_space(c))
			sym++;
	}
	if (other || !sym)
		return 0;
	before = cp_before(s, b);
	if (before == 0xFF3C) {	/* ＼ */
		b = cp_back(s, b);
		before = cp_before(s, b);
	}
	/* す た だ よ ね な か る い わ ぞ ぜ */
	if (!(before == 0x3059 || before == 0x305F || before == 0x3060 ||
	    before == 0x3088 || before == 0x306D || before == 0x306A ||
	    before == 0x304B || before == 0x308B || before == 0x3044 ||
	    before == 0x308F || before == 0x305E || before == 0x305C))
		return 0;
	if (cp_at(s, n, ge) == 0xFF0F)	/* ／ */
		return ge + 3;
	return ge;
}

/* Matched bracket pairs of a text, looked up by opener and by closer. */
struct pair {
	size_t open;		/* byte offset of the opener */
	size_t end;		/* byte offset just after the closer */
};
struct pairs {
	struct pair *by_open, *by_end;
	size_t n, cap;
};
#define NO_PAIR ((size_t)-1)

static void
pair_add(struct pairs *p, size_t open, size_t end)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->by_open = pe_xrealloc(p->by_open, p->cap * sizeof(struct pair));
	}
	p->by_open[p->n].open = open;
	p->by_open[p->n++].end = end;
}

static int
by_open_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	return x->open < y->open ? -1 : x->open > y->open;
}

static void
pairs_sort(struct pairs *p)
{
	if (p->n == 0)
		return;
	/* closers are found in text order: by_end is sorted already */
	p->by_end = pe_xmalloc(p->n * sizeof(struct pair));
	memcpy(p->by_end, p->by_open, p->n * sizeof(struct pair));
	qsort(p->by_open, p->n, sizeof(struct pair), by_open_cmp);
}

/* The opener of the group whose closer ends at end, or NO_PAIR. */
static size_t
opener_of(const struct pairs *p, size_t end)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->by_end[mid].end < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n && p->by_end[lo].end == end ? p->by_end[lo].open : NO_PAIR;
}

/*
 * Find the cut points of text s[0..n): byte offsets where a new sentence
 * begins.
 */
void
split_find_cuts(const char *s, size_t n, int inline_list, struct cut *cuts)
{
	struct cut *real = cuts;
	size_t pi = 0;
	size_t *stack = NULL, nstack = 0, capstack = 0;
	uint32_t *want = NULL;
	struct pairs pr = { 0 };
	size_t i, sent_start = 0, po = 0;
	int depth;

	cuts->n = 0;
	if (n == 0)
		return;
	/* Match brackets first, so that an unclosed one silences nothing. */
	for (i = 0; i < n;) {
		size_t at = i;
		uint32_t c = NEXT(s, &i);

		if (is_open_bracket(c) || (c == '"' && !(nstack > 0 &&
		    want[nstack - 1] == '"'))) {
			if (nstack == capstack) {
				capstack = capstack ? capstack * 2 : 16;
				stack = pe_xrealloc(stack, capstack * sizeof(size_t));
				want = pe_xrealloc(want, capstack * sizeof(uint32_t));
			}
			stack[nstack] = at;
			want[nstack++] = c == '"' ? '"' : closer_of(c);
		} else if (is_close_bracket(c) || c == '"') {
			size_t k = nstack;

			while (k > 0 && want[k - 1] != c)
				k--;
			if (k > 0) {
				pair_add(&pr, stack[k - 1], i);
				nstack = k - 1;
			}
		}
	}
	free(stack);
	free(want);
	pairs_sort(&pr);

	/* Inline lists: "1) a 2) b", "• 9. a • 10. b", "a. x b. y"; their
	 * cuts are found first and taken in order by the main loop. */
	if (inline_list) {
		struct cut keep = *cuts;

		cuts = &pre;
		pre.n = 0;
		(void)keep;
		int v, stl, want_v;
		size_t l = split_enumerator(s, n, &v, &stl);
		uint32_t bullet = cp_at(s, n, 0);

		if (l > 0) {
			want_v = v + 1;
			for (i = l; i + 2 < n; i++) {
				int v2, st2;
				size_t l2;

				if (s[i] != ' ')
					continue;
				l2 = split_enumerator(s + i + 1, n - i - 1, &v2, &st2);
				if (l2 > 0 && v2 == want_v && st2 == stl) {
					add_cut(cuts, i + 1);
					want_v++;
				}
			}
		} else if (bullet == 0x2022 || bullet == 0x2043) {
			size_t bl = bullet == 0x2022 ? 3 : 3;

			for (i = bl; i + bl < n; i++)
				if (s[i] == ' ' && cp_at(s, n, i + 1) == bullet)
					add_cut(cuts, i + 1);
		}
		cuts = real;
	}

	depth = 0;
	{
		size_t *closers = pe_xcalloc(1, sizeof(size_t));
		size_t ncl = 0, capcl = 1;
		uint32_t prev = 0;

		for (i = 0; i < n;) {
			size_t at = i, end, next;
			uint32_t c = NEXT(s, &i), nc;
			int term = 0, jctx;

			if (pi < pre.n && at >= pre.at[pi] && inline_list) {
				add_cut(cuts, pre.at[pi]);
				sent_start = pre.at[pi++];
			}
			/* Most characters end nothing and open nothing. */
			if (c < 0x10000 && !(split_btab[c] & 4)) {
				prev = c;
				continue;
			}
			/* Track the matched groups we are inside; a closer
			 * stands outside its group. */
			while (ncl > 0 && i >= closers[ncl - 1])
				ncl--;
			while (po < pr.n && pr.by_open[po].open < at)
				po++;
			if (po < pr.n && pr.by_open[po].open == at) {
				uint32_t oc = c;

				/* English quotes hold sentences: do not silence them. */
				if (oc != 0x201C && oc != '"') {
					if (ncl == capcl) {
						capcl *= 2;
						closers = pe_xrealloc(closers, capcl * sizeof(size_t));
					}
					closers[ncl++] = pr.by_open[po].end;
				}
			}
			depth = (int)ncl;
			if (at < sent_start) {
				prev = c;
				continue;
			}
			if (depth > 0) {
				prev = c;
				continue;
			}
			jctx = c_japanese(prev) || c_japanese(c);
			if (is_jterm(c)) {
				size_t w0;

				for (w0 = at; w0 > 0 && c_digit(cp_before(s, w0)) >= 0;)
					w0 = cp_back(s, w0);
				/* ３．１４ is a number, ２．今後 a list number */
				if (c == 0xFF0E && c_digit(prev) >= 0 &&
				    (c_digit(cp_at(s, n, i)) >= 0 ||
				    w0 == skip_bullet(s, n, sent_start)))
					term = 0;
				else
					term = 1;
			} else if (c == '!' || c == '?') {
				term = 1;
			} else if (c == '.') {
				term = 2;
			} else if (is_symterm(c)) {
				term = 3;
			} else if (c == 0x2026 || c == 0x2025) {
				term = c_japanese(prev) ? 4 : 0;
			}
			if (!term && (c == ')' || c == 0xFF09)) {
				size_t o, fe = 0;

				o = opener_of(&pr, i);
				if (o != NO_PAIR && o >= sent_start && at - o <= 40)
					fe = face_mark_end(s, n, o, i);
				if (fe) {
					next = skip_space(s, n, fe);
					nc = cp_at(s, n, next);
					if (next < n && !is_glue(nc) && !is_final(nc) &&
					    !is_close_bracket(nc)) {
						add_cut(cuts, next);
						sent_start = next;
						i = fe;
						prev = c;
						continue;
					}
				}
			}
			if (!term) {
				/* A bracket group that was a whole sentence:
				 * （…。）next  */
				if (is_close_bracket(c) && c != 0x201D && at > 0 &&
				    is_final(cp_before(s, at))) {
					size_t o = opener_of(&pr, i);

					if (o != NO_PAIR && o >= sent_start &&
					    skip_space(s, n, sent_start) == o) {
						next = skip_space(s, n, i);
						nc = cp_at(s, n, next);
						if (next < n && !is_glue(nc) &&
						    !is_final(nc) && !is_close_bracket(nc) &&
						    !is_ascii_lower(nc) && nc != 0x306F &&
						    nc != 0x3082) {
							add_cut(cuts, next);
							sent_start = next;
						}
					}
				}
				prev = c;
				continue;
			}
			/* Extend over a run of terminals and closing marks. */
			end = i;
			for (;;) {
				size_t j = end;
				uint32_t d;

				if (j >= n)
					break;
				d = NEXT(s, &j);
				if (is_jterm(d) || d == '!' || d == '?' ||
				    (d == '.' && term != 3) ||
				    (term == 3 && is_symterm(d)) ||
				    ((term == 3 || term == 1) && (d == '!' || d == 0xFF01)) ||
				    d == 0x2026 || d == 0x2025) {
					end = j;
					continue;
				}
				/* closing quotes and brackets that are not the
				 * end of a group we are outside of */
				if ((d == 0x201D || d == 0x2019 || d == '"' ||
				    d == 0x300D || d == 0x300F || d == ')' ||
				    d == 0xFF09) && d != 0) {
					size_t o = opener_of(&pr, j);
					/* only a closer whose opener lies in this
					 * sentence belongs to it */
					int matched_here = o != NO_PAIR &&
					    o >= sent_start && o < at;

					if (matched_here && (d == 0x201D || d == '"')) {
						end = j;
						continue;
					}
				}
				break;
			}
			next = skip_space(s, n, end);
			/* a closing quote or bracket never opens a sentence */
			while (next < n) {
				size_t q = next;
				uint32_t d = NEXT(s, &q);

				if (!(d == 0x201D || d == 0x2019 || d == 0x300D ||
				    d == 0x300F || d == 0xFF09))
					break;
				end = q;
				next = skip_space(s, n, q);
			}
			nc = next < n ? cp_at(s, n, next) : 0;
			if (next >= n) {
				i = end;
				prev = cp_before(s, end);
				continue;
			}
			if (term == 2) {
				size_t w0;

				/* "2. The second item", "III. 新たな", "1.）": an
				 * enumerator opening the sentence */
				for (w0 = at; w0 > 0 && isalnum((unsigned char)s[w0 - 1]); w0--)
					;
				if (w0 < at && w0 == skip_bullet(s, n, sent_start) &&
				    enum_word(s + w0, at - w0)) {
					i = end;
					prev = '.';
					continue;
				}
				if (!jctx && dots_in(s, at, n) >= 2) {
					int k2;
					size_t e2 = dot_run(s, n, at, &k2), after;

					while (e2 < n && (s[e2] == '"' || (unsigned char)s[e2] == 0xE2))
						if (s[e2] == '"')
							e2++;
						else if (cp_at(s, n, e2) == 0x201D || cp_at(s, n, e2) == 0x2019)
							e2 += 3;
						else
							break;
					after = skip_space(s, n, e2);
					if (after < n && k2 >= 4 &&
					    is_ascii_upper((unsigned char)s[after])) {
						/* "compounds. . . . The": the period
						 * ends, the ellipsis opens the next */
						size_t cut = after;

						if (at > 0 && s[at - 1] != ' ' && at + 1 < n &&
						    s[at + 1] == ' ')
							cut = skip_space(s, n, at + 1);
						add_cut(cuts, cut);
						sent_start = cut;
					}
					i = e2;
					prev = '.';
					continue;
				}
			}
			if (term == 2 && !jctx) {
				size_t dots = 0, q;

				for (q = at; q < end; q++)
					if (s[q] == '.')
						dots++;
				/* "word. . . . The": the period ends, the spaced
				 * ellipsis opens the next sentence */
				if (dots == 1 && next + 1 < n && s[next] == '.' &&
				    s[next + 1] == ' ') {
					size_t e = next;

					while (e + 1 < n && s[e] == '.' && s[e + 1] == ' ')
						e += 2;
					if (e < n && s[e] == '.' && (e + 1 == n ||
					    s[e + 1] == ' ')) {
						size_t after = skip_space(s, n, e + 1);

						if (at > 0 && s[at - 1] != ' ' && after < n &&
						    is_ascii_upper((unsigned char)s[after])) {
							add_cut(cuts, next);
							sent_start = next;
							i = end;
							prev = '.';
							continue;
						}
						if (after >= n || !is_ascii_upper((unsigned char)s[after])) {
							i = e + 1;
							prev = '.';
							continue;
						}
						/* " . . . . Next": the run ends here */
						add_cut(cuts, after);
						sent_start = after;
						i = after;
						prev = '.';
						continue;
					}
				}
				if (dots >= 2) {
					/* "that.... She" ends; "mean...see" and
					 * "... well" go on */
					if (next == end || !is_ascii_upper(nc)) {
						i = end;
						prev = '.';
						continue;
					}
				} else if (!period_ends(s, n, at, next == end ? end : next)) {
					i = end;
					prev = '.';
					continue;
				}
			} else if (term == 2 && jctx) {
				/* 書いたよ.(  ends; No.1 and 3.5 do not */
				size_t w0;

				if (c_digit(prev) >= 0 &&
				    c_digit(nc) >= 0 && next == end) {
					i = end;
					prev = '.';
					continue;
				}
				if (word_before(s, at, &w0) && !period_ends(s, n, at,
				    next == end ? end : next) && c_latin(prev)) {
					i = end;
					prev = '.';
					continue;
				}
			} else if (term == 1 && (c == '!' || c == '?' ||
			    c == 0xFF01 || c == 0xFF1F)) {
				/* 大丈夫？と思う, Yahoo! in */
				if (next == end && is_glue(nc)) {
					i = end;
					prev = c;
					continue;
				}
				if (!jctx && is_ascii_lower(nc)) {
					i = end;
					prev = c;
					continue;
				}
			} else if (term == 4) {
				/* ２文目…３文目: an ellipsis ends before a new start,
				 * not after a particle (協議は……まだ) */
				if (is_glue(nc) || is_final(nc) || is_close_bracket(nc) ||
				    next > end || is_particle(prev) ||
				    nc == 0x304B || nc == 0x306D || nc == 0x3088 ||
				    nc == 0x306A || nc == 0x308F) {	/* …かな …ね …よ */
					i = end;
					prev = c;
					continue;
				}
			}
			/* "…physics." — a delegate: a dash goes on */
			if ((nc == 0x2014 || nc == 0x2013 || nc == 0x2015) && !jctx) {
				i = end;
				prev = c;
				continue;
			}
			if (is_final(nc) && nc != '.' && term != 3) {
				i = end;
				prev = c;
				continue;
			}
			add_cut(cuts, next);
			sent_start = next;
			i = end;
			prev = cp_before(s, end);
		}
		free(closers);
	}
	free(pr.by_open);
	free(pr.by_end);
}
