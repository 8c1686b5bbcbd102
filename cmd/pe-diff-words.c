/*
 * pe-diff-words.c - comparing the texts of two records.
 *
 * Three things are asked of a pair of texts.  Are they the same?  Texts
 * are compared folded: NFKC (a full-width digit is its ASCII digit, a
 * half-width katakana its full-width form), white space removed where it
 * is layout (next to Japanese text or punctuation: a PDF re-wrap or a
 * joined line) and collapsed to one space between Latin words, or
 * removed altogether with -w; case folded with -i.  How alike are they?
 * The Dice coefficient of their character bigrams, which does not care
 * whether a language puts spaces between words.  What changed?  Edits
 * over tokens from ICU's word break iterator (UAX #29 with ICU's
 * dictionary for Chinese and Japanese), so that 表明した against 発表した
 * reads 表明 → 発表 and not a string of single characters; --granularity
 * char uses code points instead, none the whole text.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>

#include "pe/cli.h"
#include "pe/out.h"
#include "pe/text.h"
#include "pe-diff.h"

#define TOKEN_MAXD 2000		/* token edits before prefix/suffix only */

static UBreakIterator *wordbrk;

void
diff_words_fini(void)
{
	if (wordbrk != NULL)
		ubrk_close(wordbrk);
	wordbrk = NULL;
}

/* ---- folding ------------------------------------------------------------- */

/* NFKC (casefolded with -i) of s[0..n): a new UTF-8 string. */
static char *
nfkc(const char *s, size_t n, size_t *outlen)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2;
	uint16_t *u, *v;
	size_t nu;
	int32_t nv, cap;
	char *out;

	n2 = diff_opt.ignore_case ? unorm2_getNFKCCasefoldInstance(&st) :
	    unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		pe_die(PE_EXIT_TROUBLE, "ICU: cannot open the NFKC normalizer: %s",
		    u_errorName(st));
	u = pe_utf8_to_utf16(s, n, &nu, NULL);
	if (nu > INT32_MAX / 4)
		pe_die(PE_EXIT_TROUBLE, "a text of %zu bytes is too long", n);
	cap = (int32_t)nu * 2 + 16;
	v = pe_xmalloc((size_t)cap * sizeof(*v));
	nv = unorm2_normalize(n2, (const UChar *)u, (int32_t)nu, (UChar *)v, cap,
	    &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		cap = nv + 1;
		v = pe_xrealloc(v, (size_t)cap * sizeof(*v));
		nv = unorm2_normalize(n2, (const UChar *)u, (int32_t)nu,
		    (UChar *)v, cap, &st);
	}
	if (U_FAILURE(st)) {
		/* keep the text as it is rather than lose the record */
		free(u);
		free(v);
		out = pe_xmalloc(n + 1);
		memcpy(out, s, n);
		out[n] = '\0';
		*outlen = n;
		return out;
	}
	out = pe_utf16_to_utf8(v, (size_t)nv, outlen);
	free(u);
	free(v);
	return out;
}

/* A character a space between two Latin words is kept next to. */
static int
wordish(uint32_t cp)
{
	return cp < 0x3000 && !pe_is_space(cp) && !pe_is_japanese(cp) &&
	    (pe_is_latin(cp) || (cp >= '0' && cp <= '9') || cp >= 0x80);
}

/*
 * Sort a[0..n) ascending: insertion sort when short, else a radix sort
 * a byte at a time (qsort() with its callback took an eighth of a
 * pe-diff run over a sentence pair per record).
 */
static void
sort_u32(uint32_t *a, size_t n)
{
	static uint32_t *tmp;
	static size_t cap;
	size_t cnt[256], i, j, sum, t;
	uint32_t v, *src = a, *dst, *sw;
	int shift;

	if (n < 48) {
		for (i = 1; i < n; i++) {
			v = a[i];
			for (j = i; j > 0 && a[j - 1] > v; j--)
				a[j] = a[j - 1];
			a[j] = v;
		}
		return;
	}
	if (n > cap) {
		cap = n;
		tmp = pe_xrealloc(tmp, cap * sizeof(*tmp));
	}
	dst = tmp;
	for (shift = 0; shift < 32; shift += 8) {
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[(src[i] >> shift) & 0xFF]++;
		for (i = 0, sum = 0; i < 256; i++) {
			t = cnt[i];
			cnt[i] = sum;
			sum += t;
		}
		for (i = 0; i < n; i++)
			dst[cnt[(src[i] >> shift) & 0xFF]++] = src[i];
		sw = src;
		src = dst;
		dst = sw;
	}
	/* four passes: the result is back in a */
}

void
diff_fold(struct diff_rec *r)
{
	char *t, *o;
	size_t n, i, k, nb;
	uint32_t prev = 0, cp, last;
	int pending = 0;
	uint64_t h;

	if (r->folded)
		return;
	r->folded = 1;
	h = diff_hash(r->kind ? r->kind : "", r->kind ? strlen(r->kind) : 0,
	    0x1234567);
	if (r->text == NULL) {
		r->fold = pe_xstrdup("");
		r->foldlen = 0;
		/* no text: the record's bytes stand for it */
		r->foldhash = diff_hash(r->raw, r->rawlen, h);
		return;
	}
	t = nfkc(r->text, r->textlen, &n);
	o = pe_xmalloc(n + 1);
	k = 0;
	for (i = 0; i < n;) {
		size_t at = i;

		cp = pe_utf8_next(t, n, &i);
		if (pe_is_space(cp)) {
			pending = 1;
			continue;
		}
		/* one space between Latin words; none where it is layout */
		if (pending && k > 0 && !diff_opt.ignore_space &&
		    wordish(prev) && wordish(cp))
			o[k++] = ' ';
		pending = 0;
		memcpy(o + k, t + at, i - at);
		k += i - at;
		prev = cp;
	}
	o[k] = '\0';
	free(t);
	r->fold = o;
	r->foldlen = k;
	r->foldhash = diff_hash(o, k, h);

	/* bigrams of the folded text without its spaces */
	r->bi = pe_xmalloc((k + 2) * sizeof(*r->bi));
	nb = 0;
	last = 0;
	for (i = 0; i < k;) {
		cp = pe_utf8_next(o, k, &i);
		if (cp == ' ')
			continue;
		if (last != 0)
			r->bi[nb++] = (uint32_t)diff_hash(&(uint64_t){
			    ((uint64_t)last << 21) | cp }, 8, 7);
		last = cp;
	}
	if (nb == 0 && last != 0)	/* one character: itself */
		r->bi[nb++] = (uint32_t)diff_hash(&(uint64_t){ last }, 8, 9);
	sort_u32(r->bi, nb);
	r->nbi = nb;
}

size_t
diff_common(const uint32_t *x, size_t nx, const uint32_t *y, size_t ny)
{
	size_t i = 0, j = 0, c = 0;

	while (i < nx && j < ny) {
		if (x[i] < y[j])
			i++;
		else if (x[i] > y[j])
			j++;
		else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

double
diff_sim(const struct diff_rec *x, const struct diff_rec *y)
{
	if (x->text == NULL || y->text == NULL) {
		if (x->text != NULL || y->text != NULL)
			return 0;
		if (x->kind == NULL || y->kind == NULL)
			return x->kind == y->kind ? 1 : 0;
		return strcmp(x->kind, y->kind) == 0 ? 1 : 0;
	}
	if (x->nbi + y->nbi == 0)
		return 1;
	return 2.0 * (double)diff_common(x->bi, x->nbi, y->bi, y->nbi) /
	    (double)(x->nbi + y->nbi);
}

char *
diff_join(const char *x, size_t nx, const char *y, size_t ny, size_t *len)
{
	uint32_t a = 0, b = 0;
	size_t i = 0, k;
	char *s;
	int space;

	if (nx > 0) {
		/* the last code point of x */
		k = nx - 1;
		while (k > 0 && ((unsigned char)x[k] & 0xC0) == 0x80)
			k--;
		i = k;
		a = pe_utf8_next(x, nx, &i);
	}
	if (ny > 0) {
		i = 0;
		b = pe_utf8_next(y, ny, &i);
	}
	space = nx > 0 && ny > 0 && !pe_is_space(a) && !pe_is_space(b) &&
	    !pe_is_japanese(a) && !pe_is_japanese(b);
	s = pe_xmalloc(nx + ny + 2);
	memcpy(s, x, nx);
	k = nx;
	if (space)
		s[k++] = ' ';
	memcpy(s + k, y, ny);
	k += ny;
	s[k] = '\0';
	*len = k;
	return s;
}

/* ---- word-level edits ---------------------------------------------------- */

struct toks {
	size_t *at;		/* n + 1 byte offsets */
	uint64_t *h;
	size_t n;
};

static void
tokenize(const char *s, size_t n, struct toks *t)
{
	UErrorCode st = U_ZERO_ERROR;
	UText utbuf = UTEXT_INITIALIZER, *ut = NULL;
	size_t cap = 16, i;
	int32_t b;

	t->n = 0;
	t->at = pe_xmalloc(cap * sizeof(*t->at));
	t->at[0] = 0;
	if (n == 0)
		goto hashes;
	if (diff_opt.gran == DIFF_GRAN_NONE || n > INT32_MAX) {
		t->at[1] = n;
		t->n = 1;
		goto hashes;
	}
	if (diff_opt.gran == DIFF_GRAN_CHAR) {
		for (i = 0; i < n;) {
			pe_utf8_next(s, n, &i);
			if (t->n + 2 > cap) {
				cap *= 2;
				t->at = pe_xrealloc(t->at, cap * sizeof(*t->at));
			}
			t->at[++t->n] = i;
		}
		goto hashes;
	}
	if (wordbrk == NULL) {
		wordbrk = ubrk_open(UBRK_WORD, "ja", NULL, 0, &st);
		if (U_FAILURE(st))
			pe_die(PE_EXIT_TROUBLE, "ICU: cannot open a word break "
			    "iterator: %s", u_errorName(st));
	}
	ut = utext_openUTF8(&utbuf, s, (int64_t)n, &st);
	ubrk_setUText(wordbrk, ut, &st);
	if (U_FAILURE(st))
		pe_die(PE_EXIT_TROUBLE, "ICU: word breaks: %s", u_errorName(st));
	/* UTF-8 UText: native indexes are byte offsets */
	for (b = ubrk_first(wordbrk); (b = ubrk_next(wordbrk)) != UBRK_DONE;) {
		if (t->n + 2 > cap) {
			cap *= 2;
			t->at = pe_xrealloc(t->at, cap * sizeof(*t->at));
		}
		t->at[++t->n] = (size_t)b;
	}
	if (t->n == 0 || t->at[t->n] != n)
		t->at[++t->n] = n;
	utext_close(ut);
hashes:
	t->h = pe_xmalloc((t->n + 1) * sizeof(*t->h));
	for (i = 0; i < t->n; i++)
		t->h[i] = diff_hash(s + t->at[i], t->at[i + 1] - t->at[i], 3);
}

/* The ops written so far; a run of "=" is held until something else
 * comes, so that equal runs next to each other in the old text join. */
struct ops {
	struct pe_buf *b;
	int first;
	const char *eq;		/* the "=" run held, in the old text */
	size_t eqlen;
};

static void
op_write(struct ops *o, char op, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (!o->first)
		pe_buf_addc(o->b, ',');
	o->first = 0;
	pe_buf_add(o->b, "[\"", 2);
	pe_buf_addc(o->b, op);
	pe_buf_add(o->b, "\",\"", 3);
	pe_buf_json(o->b, s, n);
	pe_buf_add(o->b, "\"]", 2);
}

static void
op_add(struct ops *o, char op, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (op == '=' && o->eq != NULL && o->eq + o->eqlen == s) {
		o->eqlen += n;
		return;
	}
	if (o->eq != NULL)
		op_write(o, '=', o->eq, o->eqlen);
	o->eq = NULL;
	if (op == '=') {
		o->eq = s;
		o->eqlen = n;
	} else {
		op_write(o, op, s, n);
	}
}

#define CONT(c) (((unsigned char)(c) & 0xC0) == 0x80)
#define CONTEXT 16	/* equal characters kept on each side of the edit */

size_t
diff_words(const char *old, size_t no, const char *new, size_t nn,
    struct pe_buf *b)
{
	struct ops o = { b, 1, NULL, 0 };
	struct toks x, y;
	int32_t *ma, *mb;
	size_t i = 0, j = 0, i0, j0, nch = 0, p = 0, sfx = 0, lo, e, k;
	const char *wo, *wn;

	/*
	 * Word breaks cost most of a diff, and only those near the edit
	 * matter: the common prefix and suffix are left out but for CONTEXT
	 * characters on each side, so that the words around the edit are
	 * found as in the whole text.
	 */
	while (p < no && p < nn && old[p] == new[p])
		p++;
	while (p > 0 && ((p < no && CONT(old[p])) || (p < nn && CONT(new[p]))))
		p--;
	while (sfx < no - p && sfx < nn - p &&
	    old[no - 1 - sfx] == new[nn - 1 - sfx])
		sfx++;
	while (sfx > 0 && CONT(old[no - sfx]))
		sfx--;
	for (lo = p, k = 0; lo > 0 && k < CONTEXT; k++)
		while (--lo > 0 && CONT(old[lo]))
			;
	for (e = 0, k = 0; e < sfx && k < CONTEXT; k++)
		while (++e < sfx && CONT(old[no - sfx + e]))
			;
	wo = old + lo;
	wn = new + lo;
	tokenize(wo, no - sfx + e - lo, &x);
	tokenize(wn, nn - sfx + e - lo, &y);
	ma = pe_xmalloc((x.n + 1) * sizeof(*ma));
	mb = pe_xmalloc((y.n + 1) * sizeof(*mb));
	/* past the cap, only the common prefix and suffix stay "=" */
	(void)diff_myers(x.h, x.n, y.h, y.n, ma, mb, TOKEN_MAXD);
	pe_buf_addc(b, '[');
	op_add(&o, '=', old, lo);
	while (i < x.n || j < y.n) {
		/* a run of equal tokens */
		i0 = i;
		j0 = j;
		while (i < x.n && j < y.n && ma[i] == (int32_t)j) {
			i++;
			j++;
		}
		if (i > i0)
			op_add(&o, '=', wo + x.at[i0], x.at[i] - x.at[i0]);
		/* then what was taken out and what was put in */
		i0 = i;
		j0 = j;
		while (i < x.n && ma[i] < 0)
			i++;
		while (j < y.n && mb[j] < 0)
			j++;
		if (i > i0) {
			op_add(&o, '-', wo + x.at[i0], x.at[i] - x.at[i0]);
			nch++;
		}
		if (j > j0) {
			op_add(&o, '+', wn + y.at[j0], y.at[j] - y.at[j0]);
			nch++;
		}
		if (i == i0 && j == j0 && (i < x.n || j < y.n)) {
			/* cannot happen with a monotone pairing; never loop */
			if (i < x.n)
				op_add(&o, '-', wo + x.at[i],
				    x.at[i + 1] - x.at[i]), i++;
			if (j < y.n)
				op_add(&o, '+', wn + y.at[j],
				    y.at[j + 1] - y.at[j]), j++;
			nch++;
		}
	}
	op_add(&o, '=', old + no - sfx + e, sfx - e);
	if (o.eq != NULL)
		op_write(&o, '=', o.eq, o.eqlen);
	pe_buf_addc(b, ']');
	free(ma);
	free(mb);
	free(x.at);
	free(x.h);
	free(y.at);
	free(y.h);
	return nch;
}
