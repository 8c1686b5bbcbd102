/*
 * pe-cite-ja.c - Japanese references, "Title | Site" lines, quotation
 * credits, UN documents, and the choice among the parsers.
 *
 * A Japanese reference is read by its brackets: 『書名』 is a book (or
 * the journal that holds a 「論文名」), 「論文名」 alone an article whose
 * container stands before it (日経電子版1月8日付「…」).  Before the
 * brackets come the names, with their role (著, 編, 訳: data/cite-ja.tsv)
 * and, after ・, a title or affiliation (慶應義塾大学教授) that is not
 * part of the name; after them the publisher (a name ending in 書店,
 * 出版, 社...), the date (2010年3月, 1月8日付 with the year of the
 * document's date), volume (第3巻), issue (第2号) and pages (45頁).
 * A Japanese name is split into family and given name at the space when
 * there is one, at the last ・ for a name in katakana, else after the
 * surname (two characters, or one or three when data/cite-ja.tsv lists
 * the surname).
 *
 * A note that only names a person or a body ("1 ニューヨークタイムズ
 * 編集委員会", "2 スティーブン・ファイファー、ブルッキングス研究所…")
 * is a document by that author, the rest kept as its note.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/text.h"
#include "pe-cite.h"

#define S_KAGI_O "\xe3\x80\x8c"		/* 「 */
#define S_KAGI_C "\xe3\x80\x8d"		/* 」 */
#define S_NIJU_O "\xe3\x80\x8e"		/* 『 */
#define S_NIJU_C "\xe3\x80\x8f"		/* 』 */
#define S_NAKAGURO "\xe3\x83\xbb"	/* ・ */
#define S_TOUTEN "\xe3\x80\x81"		/* 、 */

static size_t
find(const char *s, size_t n, size_t from, const char *w)
{
	size_t l = strlen(w), i;

	if (l == 0 || n < l)
		return (size_t)-1;
	for (i = from; i + l <= n; i++)
		if (s[i] == w[0] && memcmp(s + i, w, l) == 0)
			return i;
	return (size_t)-1;
}

static size_t
rfind(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w), i;

	if (n < l)
		return (size_t)-1;
	for (i = n - l + 1; i-- > 0;)
		if (memcmp(s + i, w, l) == 0)
			return i;
	return (size_t)-1;
}

static int
ends_with(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);

	return n >= l && memcmp(s + n - l, w, l) == 0;
}

static int
starts_with(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);

	return n >= l && memcmp(s, w, l) == 0;
}

/* Trim spaces (ASCII and ideographic) and the listed ASCII characters. */
static void
trim(const char *s, size_t *a, size_t *e, const char *chars)
{
	int changed = 1;

	while (changed && *a < *e) {
		changed = 0;
		if (s[*a] == ' ' || (chars && strchr(chars, s[*a]) && s[*a])) {
			(*a)++;
			changed = 1;
		} else if (*e - *a >= 3 && memcmp(s + *a, "\xe3\x80\x80", 3) == 0) {
			*a += 3;
			changed = 1;
		}
		if (*e > *a && (s[*e - 1] == ' ' ||
		    (chars && strchr(chars, s[*e - 1]) && s[*e - 1]))) {
			(*e)--;
			changed = 1;
		} else if (*e - *a >= 3 && memcmp(s + *e - 3, "\xe3\x80\x80", 3) == 0) {
			*e -= 3;
			changed = 1;
		}
	}
}

/* Strip Japanese punctuation at the ends of s[*a..*e): 、。，・（）etc. */
static void
trim_ja(const char *s, size_t *a, size_t *e)
{
	int changed = 1;
	size_t k;

	while (changed && *a < *e) {
		uint32_t c;

		changed = 0;
		trim(s, a, e, ",.;:()[]-");
		if (*a >= *e)
			break;
		k = *a;
		c = pe_utf8_next(s, *e, &k);
		if (c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0x30FB ||
		    c == 0xFF08 || c == 0xFF09 || c == 0xFF1A || c == 0xFF0E) {
			*a = k;
			changed = 1;
			continue;
		}
		for (k = *e - 1; k > *a && ((unsigned char)s[k] & 0xC0) == 0x80; k--)
			;
		{
			size_t j = k;

			c = pe_utf8_next(s, *e, &j);
		}
		/* a closing bracket stays when its opening one is inside */
		if (c == 0xFF09 && find(s, *e, *a, "\xef\xbc\x88") != (size_t)-1)
			break;
		if (c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0x30FB ||
		    c == 0xFF08 || c == 0xFF09 || c == 0xFF1A || c == 0xFF0E) {
			*e = k;
			changed = 1;
		}
	}
}

static size_t
count_cp(const char *s, size_t n)
{
	return pe_utf8_count(s, n);
}

/* Kinds of characters in s[0..n). */
static void
script(const char *s, size_t n, size_t *han, size_t *kata, size_t *hira,
    size_t *latin, size_t *other)
{
	size_t i = 0;

	*han = *kata = *hira = *latin = *other = 0;
	while (i < n) {
		uint32_t c = pe_utf8_next(s, n, &i);

		if (pe_is_han(c))
			(*han)++;
		else if (c >= 0x30A0 && c <= 0x30FF && c != 0x30FB)
			(*kata)++;
		else if (c >= 0x3041 && c <= 0x309F)
			(*hira)++;
		else if (pe_is_latin(c))
			(*latin)++;
		else if (c != ' ' && c != 0x30FB && c != 0x3000)
			(*other)++;
	}
}

/* Byte offset of the k-th code point of s. */
static size_t
cp_off(const char *s, size_t n, size_t k)
{
	size_t i = 0;

	while (k-- > 0 && i < n)
		pe_utf8_next(s, n, &i);
	return i;
}

/*
 * Add the Japanese name s[0..n) to l: split family/given as the header
 * comment says; an organization (ends with a CW_JA_ORG word) is a
 * literal name.
 */
static void
ja_name(struct cite_names *l, const char *s, size_t n)
{
	size_t a = 0, e = n, sp, han, kata, hira, latin, other, L, f;

	trim(s, &a, &e, NULL);
	trim_ja(s, &a, &e);
	if (a >= e)
		return;
	s += a;
	n = e - a;
	if (cite_word_suffix(CW_JA_ORG, s, n) > 0) {
		cite_name_literal(l, s, n);
		return;
	}
	script(s, n, &han, &kata, &hira, &latin, &other);
	if (latin > 0 && han + kata == 0) {
		/* "Hal Brands": given family */
		sp = rfind(s, n, " ");
		if (sp != (size_t)-1)
			cite_name_add(l, s + sp + 1, n - sp - 1, s, sp);
		else
			cite_name_literal(l, s, n);
		return;
	}
	if ((sp = find(s, n, 0, " ")) != (size_t)-1 ||
	    (sp = find(s, n, 0, "\xe3\x80\x80")) != (size_t)-1) {
		size_t gl = s[sp] == ' ' ? 1 : 3;

		cite_name_add(l, s, sp, s + sp + gl, n - sp - gl);
		return;
	}
	if ((sp = rfind(s, n, S_NAKAGURO)) != (size_t)-1 && kata > 0) {
		cite_name_add(l, s + sp + 3, n - sp - 3, s, sp);
		return;
	}
	L = count_cp(s, n);
	if (han == L && L >= 2 && L <= 6) {
		f = 2;
		if (L >= 4 && cite_word(CW_JA_SURNAME, s, cp_off(s, n, 3)))
			f = 3;
		else if (L <= 3 && cite_word(CW_JA_SURNAME, s, cp_off(s, n, 1)))
			f = 1;
		else if (L == 2)
			f = 1;
		f = cp_off(s, n, f);
		cite_name_add(l, s, f, s + f, n - f);
		return;
	}
	cite_name_literal(l, s, n);
}

/* Does s[0..n) look like a person's or a body's name (no sentence)? */
static int
ja_nameish(const char *s, size_t n)
{
	size_t han, kata, hira, latin, other, L;

	if (n == 0)
		return 0;
	if (cite_word_suffix(CW_JA_ORG, s, n) > 0)
		return count_cp(s, n) <= 30;
	script(s, n, &han, &kata, &hira, &latin, &other);
	L = count_cp(s, n);
	if (hira > 0 || other > 0 || latin > 0)
		return 0;
	if (kata > 0 && han == 0 && find(s, n, 0, S_NAKAGURO) != (size_t)-1)
		return L <= 24;
	return han >= 2 && kata == 0 && L <= 6;
}

/* The person part before a title: names, a role, affiliations. */
static void
ja_authors(struct cite_item *it, const char *s, size_t n)
{
	struct cite_names *l = &it->author;
	const char *role;
	size_t a = 0, e = n, k, p, q;

	trim(s, &a, &e, NULL);
	trim_ja(s, &a, &e);
	/* a role at the end: 著, 編, 編著, 訳, 監修 */
	for (k = e > a + 9 ? e - 9 : a; k < e; k++) {
		if (((unsigned char)s[k] & 0xC0) == 0x80)
			continue;
		if ((role = cite_word_str(CW_JA_ROLE, s + k, e - k)) != NULL) {
			if (strcmp(role, "editor") == 0)
				l = &it->editor;
			else if (strcmp(role, "translator") == 0)
				l = &it->translator;
			e = k;
			trim_ja(s, &a, &e);
			break;
		}
	}
	/* names separated by ・ (between kanji names) or 、 */
	for (p = a; p < e; p = q) {
		size_t ne, sep = 3, t1, t2;

		t1 = find(s, e, p, S_TOUTEN);
		t2 = find(s, e, p, S_NAKAGURO);
		/* a ・ inside a katakana name is not a separator */
		while (t2 != (size_t)-1) {
			size_t x = t2, y = t2 + 3;
			uint32_t pc, nc;

			while (x > p && ((unsigned char)s[x - 1] & 0xC0) == 0x80)
				x--;
			if (x > p)
				x--;
			while (x > p && ((unsigned char)s[x] & 0xC0) == 0x80)
				x--;
			pc = pe_utf8_next(s, e, &x);
			nc = y < e ? pe_utf8_next(s, e, &y) : 0;
			if ((pc >= 0x30A0 && pc <= 0x30FF) &&
			    (nc >= 0x30A0 && nc <= 0x30FF))
				t2 = find(s, e, t2 + 3, S_NAKAGURO);
			else
				break;
		}
		ne = t1 < t2 ? t1 : t2;
		if (ne == (size_t)-1)
			ne = e;
		q = ne < e ? ne + sep : e;
		/* an affiliation or title (慶應義塾大学教授) is no name */
		if (cite_word_suffix(CW_JA_AFFIL, s + p, ne - p) > 0 &&
		    l->n > 0)
			continue;
		if (cite_word_suffix(CW_JA_AFFIL, s + p, ne - p) > 0 &&
		    !ja_nameish(s + p, ne - p))
			continue;
		ja_name(l, s + p, ne - p);
	}
}

/* A date "1月8日付", "2010年", "(2007年)" anywhere in s[a..e): the first;
 * its span in *da..*de.  The year comes from ctx when not written. */
static int
ja_date(const char *s, size_t a, size_t e, const struct cite_ctx *ctx,
    struct cite_date *d, size_t *da, size_t *de)
{
	size_t i = a, l;

	while (i < e) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= '0' && c <= '9') || c == 0xEF || c == '(') {
			if (i > a && s[i - 1] >= '0' && s[i - 1] <= '9') {
				i++;
				continue;
			}
			l = cite_date_at(s + i, e - i, d);
			if (l > 0 && (d->y || d->m)) {
				if (d->y == 0) {
					if (ctx == NULL || ctx->dct.y == 0) {
						i += l;
						continue;
					}
					d->y = ctx->dct.y;
				}
				*da = i;
				*de = i + l;
				return 1;
			}
		}
		i++;
	}
	return 0;
}

static void
blank(char *s, size_t a, size_t e)
{
	memset(s + a, ' ', e - a);
}

/* The parts after a title: publisher, date, volume, issue, pages. */
static void
ja_after(struct cite_item *it, char *w, size_t a, size_t e,
    const struct cite_ctx *ctx)
{
	size_t p, q, sa, se, k;
	struct cite_date d;

	if (it->issued.y == 0 && ja_date(w, a, e, ctx, &d, &sa, &se)) {
		it->issued = d;
		blank(w, sa, se);
		if (starts_with(w + se, e - se, "\xe4\xbb\x98"))	/* 付 */
			blank(w, se, se + 3);
	}
	for (p = a; p < e; p = q) {
		/* segments between 、，,。（）() */
		for (q = p; q < e; q++) {
			unsigned char c = (unsigned char)w[q];

			if (c == ',' || c == '(' || c == ')')
				break;
			if (c == 0xE3 && q + 2 < e && (unsigned char)w[q + 1] == 0x80 &&
			    ((unsigned char)w[q + 2] == 0x81 ||
			    (unsigned char)w[q + 2] == 0x82))
				break;
			if (c == 0xEF && q + 2 < e && (unsigned char)w[q + 1] == 0xBC &&
			    ((unsigned char)w[q + 2] == 0x8C ||
			    (unsigned char)w[q + 2] == 0x88 ||
			    (unsigned char)w[q + 2] == 0x89))
				break;
		}
		sa = p;
		se = q;
		if (q < e)
			q += ((unsigned char)w[q] < 0x80) ? 1 : 3;
		trim(w, &sa, &se, ".;");
		if (sa >= se)
			continue;
		/* pages: 45頁, 12-34頁, pp. 12-34, p. 4 */
		if (ends_with(w + sa, se - sa, "\xe9\xa0\x81") ||	/* 頁 */
		    ends_with(w + sa, se - sa, "\xe3\x83\x9a\xe3\x83\xbc\xe3\x82\xb8")) {
			size_t z = se - (ends_with(w + sa, se - sa, "\xe9\xa0\x81") ? 3 : 9);

			if (it->v[CV_PAGE] == NULL)
				cite_set(it, CV_PAGE, w + sa, z - sa, " .");
			continue;
		}
		if (starts_with(w + sa, se - sa, "pp.") ||
		    starts_with(w + sa, se - sa, "p.")) {
			k = sa + (w[sa + 1] == 'p' ? 3 : 2);
			if (it->v[CV_PAGE] == NULL)
				cite_set(it, CV_PAGE, w + k, se - k, " .");
			continue;
		}
		/* 第3巻第2号, 3巻2号 */
		{
			size_t v = find(w, se, sa, "\xe5\xb7\xbb");	/* 巻 */
			size_t g = find(w, se, sa, "\xe5\x8f\xb7");	/* 号 */

			if (v != (size_t)-1 || g != (size_t)-1) {
				size_t x = sa;

				if (starts_with(w + x, se - x, "\xe7\xac\xac"))
					x += 3;
				if (v != (size_t)-1 && it->v[CV_VOLUME] == NULL) {
					cite_set(it, CV_VOLUME, w + x, v - x, " ");
					x = v + 3;
					if (starts_with(w + x, se - x, "\xe7\xac\xac"))
						x += 3;
				}
				if (g != (size_t)-1 && g > x && it->v[CV_ISSUE] == NULL)
					cite_set(it, CV_ISSUE, w + x, g - x, " ");
				continue;
			}
		}
		/* place：publisher, or a publisher's name */
		k = find(w, se, sa, "\xef\xbc\x9a");	/* ： */
		if (k == (size_t)-1)
			k = find(w, se, sa, ":");
		if (k != (size_t)-1 && it->v[CV_PUBLISHER] == NULL) {
			size_t pl = (unsigned char)w[k] == ':' ? 1 : 3;

			cite_set(it, CV_PLACE, w + sa, k - sa, NULL);
			cite_set(it, CV_PUBLISHER, w + k + pl, se - k - pl, NULL);
			continue;
		}
		if (it->v[CV_PUBLISHER] == NULL &&
		    cite_word_suffix(CW_JA_PUBSUF, w + sa, se - sa) > 0 &&
		    count_cp(w + sa, se - sa) <= 20) {
			cite_set(it, CV_PUBLISHER, w + sa, se - sa, NULL);
			continue;
		}
	}
}

int
cite_parse_ja(const char *s, size_t n, const struct cite_ctx *ctx,
    struct cite_item *it)
{
	struct cite_hits h = { 0 };
	char *w;
	size_t i, k1, k2, t1a, t1e, t2a, t2e, pre_e, post_a, da, de, pa;
	struct cite_date d;
	int found = 0, dated = 0;

	w = pe_xmalloc(n + 1);
	memcpy(w, s, n);
	w[n] = '\0';
	/* URLs out */
	cite_scan_urls(w, n, &h);
	for (i = 0; i < h.n; i++) {
		if (it->v[CV_URL] == NULL)
			it->v[CV_URL] = pe_xstrdup(h.v[i].url);
		blank(w, h.v[i].b, h.v[i].e);
		/* "(<url>)", "（url）": the brackets around it go too */
		if (h.v[i].b > 0 && (w[h.v[i].b - 1] == '(' || w[h.v[i].b - 1] == '<'))
			w[h.v[i].b - 1] = ' ';
		if (h.v[i].e < n && (w[h.v[i].e] == ')' || w[h.v[i].e] == '>'))
			w[h.v[i].e] = ' ';
	}
	cite_hits_free(&h);
	k1 = find(w, n, 0, S_KAGI_O);
	k2 = find(w, n, 0, S_NIJU_O);
	t1a = t1e = t2a = t2e = (size_t)-1;
	if (k1 != (size_t)-1 && (t1e = find(w, n, k1 + 3, S_KAGI_C)) != (size_t)-1)
		t1a = k1 + 3;
	else
		k1 = (size_t)-1;
	if (k2 != (size_t)-1 && (t2e = find(w, n, k2 + 3, S_NIJU_C)) != (size_t)-1)
		t2a = k2 + 3;
	else
		k2 = (size_t)-1;
	pre_e = n;
	post_a = n;
	if (k1 != (size_t)-1 && k2 != (size_t)-1 && k1 < k2) {
		/* 「論文」『雑誌』 */
		cite_set(it, CV_TITLE, w + t1a, t1e - t1a, NULL);
		cite_set(it, CV_CONTAINER, w + t2a, t2e - t2a, NULL);
		it->type = "article-journal";
		{
			/* 「章」 in 編『書名』: a chapter */
			size_t mid = find(w, k2, t1e, "\xe7\xb7\xa8");	/* 編 */

			if (mid != (size_t)-1 || find(w, n, t2e, "\xe6\x89\x80\xe5\x8f\x8e") !=
			    (size_t)-1)	/* 所収 */
				it->type = "chapter";
			if (mid != (size_t)-1) {
				size_t ea = t1e + 3, ee = mid;

				trim_ja(w, &ea, &ee);
				if (ee > ea)
					ja_name(&it->editor, w + ea, ee - ea);
			}
		}
		pre_e = k1;
		post_a = t2e + 3;
		found = 1;
	} else if (k2 != (size_t)-1) {
		cite_set(it, CV_TITLE, w + t2a, t2e - t2a, NULL);
		it->type = "book";
		pre_e = k2;
		post_a = t2e + 3;
		found = 1;
	} else if (k1 != (size_t)-1) {
		cite_set(it, CV_TITLE, w + t1a, t1e - t1a, NULL);
		it->type = "article";
		pre_e = k1;
		post_a = t1e + 3;
		found = 1;
	}
	if (found) {
		size_t by = rfind(w, pre_e, "\xe3\x81\xab\xe3\x82\x88\xe3\x82\x8b"); /* による */
		size_t pa2 = 0, pe2 = pre_e;

		/* 名・所属による媒体日付「…」: the person, then the medium */
		pa = pe2;
		if (by != (size_t)-1) {
			pa = by + 9;
			pe2 = by;
		} else if (k1 != (size_t)-1 && (k2 == (size_t)-1 || k1 < k2)) {
			/* 媒体日付「…」 with no person: a dated medium */
			if (ja_date(w, 0, pre_e, ctx, &d, &da, &de))
				pa = 0;
		}
		if (pa < pre_e) {
			size_t ma = pa, me = pre_e;

			if (ja_date(w, ma, me, ctx, &d, &da, &de)) {
				it->issued = d;
				dated = 1;
				if (starts_with(w + de, me - de, "\xe4\xbb\x98")) /* 付 */
					dated = 2;
				me = da;
			}
			trim_ja(w, &ma, &me);
			if (me > ma && k2 == (size_t)-1) {
				cite_set(it, CV_CONTAINER, w + ma, me - ma, NULL);
				if (dated == 2 || cite_word_suffix(CW_NEWSWORD, w + ma,
				    me - ma) > 0)
					it->type = "article-newspaper";
				else
					it->type = "article-journal";
			}
		}
		/* names take a line at most: a longer stretch is no list */
		if (pe2 > pa2 && pe2 - pa2 <= 600)
			ja_authors(it, w + pa2, pe2 - pa2);
		if (post_a < n)
			ja_after(it, w, post_a, n, ctx);
		if (it->issued.y == 0 && ja_date(w, 0, n, ctx, &d, &da, &de))
			it->issued = d;
		if (strcmp(it->type, "article") == 0 && it->v[CV_PUBLISHER])
			it->type = "report";
		free(w);
		return 1;
	}
	/* no title: a person or a body, and what is said of them */
	{
		size_t a = 0, e = n, t;

		trim(w, &a, &e, NULL);
		trim_ja(w, &a, &e);
		t = find(w, e, a, S_TOUTEN);
		if (t == (size_t)-1)
			t = find(w, e, a, "\xef\xbc\x8c");	/* ， */
		if (t == (size_t)-1)
			t = e;
		if (ja_nameish(w + a, t - a)) {
			ja_name(&it->author, w + a, t - a);
			it->type = "document";
			if (t < e) {
				size_t na = t + 3, ne = e;

				trim_ja(w, &na, &ne);
				cite_set(it, CV_NOTE, w + na, ne - na, NULL);
			}
			free(w);
			return 1;
		}
	}
	if (ja_date(w, 0, n, ctx, &d, &da, &de))
		it->issued = d;
	free(w);
	return it->v[CV_URL] != NULL;
}

int
cite_parse_web(const char *s, size_t n, struct cite_item *it)
{
	size_t p = rfind(s, n, " | "), l = 3, ta = 0, te, sa, se;

	if (p == (size_t)-1) {
		p = rfind(s, n, "\xef\xbd\x9c");	/* ｜ */
		l = 3;
	}
	if (p == (size_t)-1)
		return 0;
	te = p;
	sa = p + l;
	se = n;
	trim(s, &ta, &te, NULL);
	trim(s, &sa, &se, ".");
	if (te <= ta || se <= sa || count_cp(s + sa, se - sa) > 60)
		return 0;
	it->type = "webpage";
	cite_set(it, CV_TITLE, s + ta, te - ta, NULL);
	cite_set(it, CV_CONTAINER, s + sa, se - sa, NULL);
	return 1;
}

static int
word_in(enum cite_class c, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		while (i < n && !((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') || (unsigned char)s[i] >= 0x80))
			i++;
		j = i;
		while (j < n && ((s[j] >= 'A' && s[j] <= 'Z') ||
		    (s[j] >= 'a' && s[j] <= 'z') || s[j] == '-'))
			j++;
		if (j == i) {
			/* a Japanese word: look for a listed ending anywhere */
			if (i < n) {
				if (cite_word_suffix(c, s, n) > 0)
					return 1;
				i += 1;
				while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
					i++;
			}
			continue;
		}
		if (cite_word(c, s + i, j - i))
			return 1;
		i = j;
	}
	return 0;
}

/* A date at the very end of s[0..n): its start, or n. */
static size_t
date_at_end(const char *s, size_t n, struct cite_date *d)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && s[i - 1] != ' ' && s[i - 1] != ',' && s[i - 1] != '(')
			continue;
		if (cite_date_at(s + i, n - i, d) == n - i && d->y)
			return i;
	}
	memset(d, 0, sizeof(*d));
	return n;
}

int
cite_parse_credit(const char *s, size_t n, struct cite_item *it)
{
	size_t a = 0, e = n, c, ds, k, sp;
	struct cite_date d;

	trim(s, &a, &e, NULL);
	if (e <= a || count_cp(s + a, e - a) > 160)
		return 0;
	if (s[e - 1] == '.' || ends_with(s + a, e - a, "\xe3\x80\x82"))
		return 0;
	/* Article XV – Intermediate-Range Nuclear Forces Treaty */
	if (starts_with(s + a, e - a, "Article ") || starts_with(s + a, e - a, "Art. ") ||
	    starts_with(s + a, e - a, "Section ") || starts_with(s + a, e - a, "Chapter ")) {
		for (k = a; k < e && s[k] != ' '; k++)
			;
		k++;
		while (k < e && s[k] != ' ' && s[k] != ',')
			k++;
		sp = k;
		while (k < e && (s[k] == ' ' || s[k] == ',' || s[k] == '-' ||
		    (unsigned char)s[k] == 0xE2))
			k += (unsigned char)s[k] == 0xE2 ? 3 : 1;
		if (k < e) {
			cite_set(it, CV_SECTION, s + a, sp - a, NULL);
			cite_set(it, CV_TITLE, s + k, e - k, NULL);
			it->type = word_in(CW_TREATYWORD, s + k, e - k) ?
			    "treaty" : "legislation";
			return 1;
		}
	}
	ds = date_at_end(s + a, e - a, &d) + a;
	/* a bare year ends a title ("Security Report 2019"); a month and a
	 * year stand apart from it ("... December 2017") */
	if (d.y && d.m == 0 && ds > a && s[ds - 1] == ' ' && s[ds - 2] != ',')
		ds = e;
	c = find(s, ds, a, ", ");
	if (c != (size_t)-1) {
		size_t fa = a, fe = c, ra = c + 2, re = ds;
		size_t w1 = fa;

		trim(s, &ra, &re, ",");
		/* President Donald Trump, March 2016 */
		while (w1 < fe && s[w1] != ' ')
			w1++;
		if (cite_word(CW_TITLEWORD, s + fa, w1 - fa) && w1 < fe) {
			size_t last = rfind(s + w1 + 1, fe - w1 - 1, " ");

			if (last != (size_t)-1) {
				last += w1 + 1;
				cite_name_add(&it->author, s + last + 1, fe - last - 1,
				    s + w1 + 1, last - w1 - 1);
			} else
				cite_name_add(&it->author, s + w1 + 1, fe - w1 - 1,
				    NULL, 0);
			it->issued = d;
			it->type = "document";
			if (re > ra)
				cite_set(it, CV_TITLE, s + ra, re - ra, NULL);
			return 1;
		}
		/* Munich Security Conference, Security Report 2019 */
		if (re <= ra && d.y)
			return 0;
		cite_set(it, CV_PUBLISHER, s + fa, fe - fa, NULL);
		if (re > ra) {
			size_t te = re;

			cite_set(it, CV_TITLE, s + ra, re - ra, NULL);
			if (d.y == 0 || ds == e) {
				/* "Security Report 2019": the year of the title */
				size_t y = rfind(s + ra, re - ra, " ");

				if (y != (size_t)-1 && cite_is_year(s + ra + y + 1,
				    te - ra - y - 1))
					cite_date_at(s + ra + y + 1, te - ra - y - 1, &d);
			}
		}
		it->issued = d;
		it->type = word_in(CW_REPORTWORD, s + a, e - a) ? "report" :
		    word_in(CW_TREATYWORD, s + a, e - a) ? "treaty" : "document";
		return 1;
	}
	/* National Security Strategy of the United States of America
	 * December 2017 */
	if (ds > a) {
		size_t te = ds;

		trim(s, &a, &te, ",");
		cite_set(it, CV_TITLE, s + a, te - a, NULL);
		it->issued = d;
		it->type = word_in(CW_REPORTWORD, s + a, te - a) ? "report" :
		    word_in(CW_TREATYWORD, s + a, te - a) ? "treaty" : "document";
		return 1;
	}
	return 0;
}

/* Japanese when a good share of the letters is. */
static int
is_japanese(const char *s, size_t n)
{
	size_t han, kata, hira, latin, other;

	script(s, n, &han, &kata, &hira, &latin, &other);
	return (han + kata + hira) * 3 >= latin || find(s, n, 0, S_NIJU_O) !=
	    (size_t)-1;
}

/* Only a URL (and punctuation)? */
static int
only_url(const char *s, size_t n, const struct cite_hits *h)
{
	size_t i, k;

	if (h->n != 1 || h->v[0].kind != CK_URL)
		return 0;
	for (i = 0; i < n; i++) {
		if (i == h->v[0].b) {
			i = h->v[0].e - 1;
			continue;
		}
		k = (unsigned char)s[i];
		if (k >= 0x80 || (k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z') ||
		    (k >= '0' && k <= '9'))
			return 0;
	}
	return 1;
}

/* The first quoted stretch of s: “…”, "…", «…» (bytes inside). */
static int
quoted(const char *s, size_t n, size_t *qa, size_t *qe)
{
	static const char *const pairs[][2] = {
		{ "\xe2\x80\x9c", "\xe2\x80\x9d" }, { "\"", "\"" },
		{ "\xc2\xab", "\xc2\xbb" }
	};
	size_t k, a, e;

	for (k = 0; k < 3; k++) {
		if ((a = find(s, n, 0, pairs[k][0])) == (size_t)-1)
			continue;
		a += strlen(pairs[k][0]);
		if ((e = find(s, n, a, pairs[k][1])) == (size_t)-1)
			continue;
		*qa = a;
		*qe = e;
		return 1;
	}
	return 0;
}

/* After the English parser: what the shape of a note says about its
 * type. */
static void
en_fixups(struct cite_item *it)
{
	const char *t = it->v[CV_TITLE];

	if (t == NULL)
		return;
	if ((strcmp(it->type, "article") == 0 || strcmp(it->type, "document") == 0 ||
	    (strcmp(it->type, "webpage") == 0 && it->v[CV_CONTAINER] == NULL)) &&
	    word_in(CW_REPORTWORD, t, strlen(t))) {
		it->type = "report";
		if (it->issued.y == 0) {
			/* "2018 Report on ...": the year of the title */
			size_t l = strlen(t), i;

			for (i = 0; i + 4 <= l; i++)
				if ((i == 0 || t[i - 1] == ' ') &&
				    (i + 4 == l || t[i + 4] == ' ') &&
				    cite_is_year(t + i, 4)) {
					it->issued.y = atoi(t + i);
					break;
				}
		}
	}
}

int
cite_parse_any(const char *s, size_t n, const struct cite_ctx *ctx,
    struct cite_item *items, int max)
{
	struct cite_hits h = { 0 };
	struct cite_item *it = &items[0];
	size_t a = 0, e = n, qa, qe, i;
	int k;

	cite_item_init(it);
	trim(s, &a, &e, NULL);
	s += a;
	n = e - a;
	if (n == 0)
		return 1;
	/* a reference is a few hundred characters: a note running to
	 * megabytes is read for its citation at its start only, so that
	 * no input makes the rules slow */
	if (n > 8192) {
		n = 8192;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	/* UN documents */
	cite_scan_symbols(s, n, &h);
	if (h.n > 0) {
		int titled = quoted(s, n, &qa, &qe) && qe > qa;

		for (k = 0; k < (int)h.n && k < max && (k == 0 || !titled); k++) {
			struct cite_item *x = &items[k];

			if (k > 0)
				cite_item_init(x);
			x->type = "document";
			cite_set(x, CV_NUMBER, h.v[k].symbol, strlen(h.v[k].symbol),
			    NULL);
			if (h.v[k].authority)
				cite_set(x, CV_AUTHORITY, h.v[k].authority,
				    strlen(h.v[k].authority), NULL);
			if (h.v[k].locator)
				cite_set(x, CV_LOCATOR, h.v[k].locator,
				    strlen(h.v[k].locator), NULL);
			if (titled) {
				cite_set(x, CV_TITLE, s + qa, qe - qa, " ,.;:");
				if (word_in(CW_REPORTWORD, s + qa, qe - qa))
					x->type = "report";
			}
		}
		cite_hits_free(&h);
		return k;
	}
	cite_scan_urls(s, n, &h);
	if (only_url(s, n, &h)) {
		it->type = "webpage";
		it->v[CV_URL] = pe_xstrdup(h.v[0].url);
		cite_hits_free(&h);
		return 1;
	}
	cite_hits_free(&h);
	if (is_japanese(s, n)) {
		if (cite_parse_ja(s, n, ctx, it))
			return 1;
		cite_item_free(it);
	}
	if (cite_parse_web(s, n, it))
		return 1;
	/* "White House website, "Title," date": the site is the container */
	for (i = 0; i + 8 < n && i < 80; i++) {
		size_t l = 0;

		if (memcmp(s + i, " website", 8) == 0)
			l = 8;
		else if (i + 9 < n && memcmp(s + i, " web site", 9) == 0)
			l = 9;
		if (l && (s[i + l] == ',' || s[i + l] == '.')) {
			cite_parse_en(s + i + l + 1, n - i - l - 1, it);
			cite_set(it, CV_CONTAINER, s, i, NULL);
			it->type = "webpage";
			return 1;
		}
		if (s[i] == ',' || s[i] == '.' || s[i] == '"')
			break;
	}
	cite_parse_en(s, n, it);
	en_fixups(it);
	return 1;
}
