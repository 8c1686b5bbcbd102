/*
 * norm.c - NFKC with a map from every output byte back to the source.
 *
 * ICU normalizes UTF-16, and a whole-text UTF-16 copy with its own offset
 * map would cost ten bytes per input byte, so this file walks the UTF-8
 * source itself and hands ICU only the short stretches that can change.
 * The walk keeps one invariant: there is a normalization boundary before
 * the current position, so the text from here on normalizes independently
 * of what came before.  From there:
 *
 *  - a run of ASCII is copied byte for byte, except its last byte when a
 *    non-ASCII character follows (e + U+0301 composes to é, < + U+0338 to ≮);
 *  - a character that is NFKC-inert (most kanji) is copied as it is;
 *  - anything else starts a segment that runs to the next character with
 *    a boundary before it; a one-character segment without a
 *    decomposition (most kana) is copied, any other goes through
 *    unorm2_normalize() and all of its output maps to the segment start.
 *
 * A copied character maps all its bytes to its first, as a normalized one
 * does.  The input should be valid UTF-8; a stray invalid byte comes out
 * as U+FFFD rather than as invalid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>

#include "pe/cli.h"
#include "pe/norm.h"
#include "pe/text.h"

/* The output under construction. */
struct buf {
	char *s;
	size_t *map;
	size_t len, cap;
};

static const UNormalizer2 *
nfkc_instance(void)
{
	static const UNormalizer2 *nfkc;
	UErrorCode err = U_ZERO_ERROR;

	if (nfkc == NULL) {
		nfkc = unorm2_getNFKCInstance(&err);
		if (U_FAILURE(err)) {
			pe_warn("NFKC normalizer: %s", u_errorName(err));
			nfkc = NULL;
		}
	}
	return nfkc;
}

static void
reserve(struct buf *b, size_t more)
{
	size_t cap = b->cap;

	if (b->len + more <= cap)
		return;
	while (cap < b->len + more) {
		if (cap > SIZE_MAX / 2 / sizeof(*b->map))
			pe_die(PE_EXIT_TROUBLE, "normalized text too large");
		cap *= 2;
	}
	/* One byte more than cap for the NUL; the map needs cap + 1 too. */
	b->s = pe_xrealloc(b->s, cap + 1);
	b->map = pe_xrealloc(b->map, (cap + 1) * sizeof(*b->map));
	b->cap = cap;
}

static void
put_cp(struct buf *b, uint32_t cp, size_t from)
{
	int k, len;

	reserve(b, 4);
	len = pe_utf8_put(cp, b->s + b->len);
	for (k = 0; k < len; k++)
		b->map[b->len + k] = from;
	b->len += (size_t)len;
}

/* Append the character src[i..k) as it is. */
static void
put_same(struct buf *b, const char *src, size_t i, size_t k, uint32_t cp)
{
	size_t p;

	if (k - i == 1 && cp == PE_REPLACEMENT) {
		put_cp(b, cp, i);	/* an invalid byte */
		return;
	}
	reserve(b, k - i);
	memcpy(b->s + b->len, src + i, k - i);
	for (p = 0; p < k - i; p++)
		b->map[b->len++] = i;
}

/*
 * CJK unified ideographs have no decomposition and compose with nothing,
 * and the kana below have a boundary before them; Unicode's stability
 * policy keeps it so.  Knowing it here spares an ICU call for most of a
 * Japanese text.
 */
static int
inert(const UNormalizer2 *nfkc, uint32_t cp)
{
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
		return 1;
	return unorm2_isInert(nfkc, (UChar32)cp);
}

static int
boundary_before(const UNormalizer2 *nfkc, uint32_t cp)
{
	if (cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA))
		return 1;
	return unorm2_hasBoundaryBefore(nfkc, (UChar32)cp);
}

/*
 * Normalize the segment src[i..j) (a boundary at both ends) and append it.
 * u16 and norm are scratch buffers kept across calls, with their sizes in
 * units.
 */
static int
put_segment(struct buf *b, const UNormalizer2 *nfkc, const char *src,
    size_t i, size_t j, UChar **u16, size_t *u16cap, UChar **norm,
    size_t *normcap)
{
	UErrorCode err = U_ZERO_ERROR;
	size_t k, len16 = 0, p;
	int32_t got;
	uint32_t cp;

	if (j - i > INT32_MAX / 4)
		pe_die(PE_EXIT_TROUBLE, "normalization segment too long");
	/* A segment of j - i bytes has at most j - i UTF-16 units. */
	if (*u16cap < j - i) {
		*u16cap = j - i;
		*u16 = pe_xrealloc(*u16, *u16cap * sizeof(**u16));
	}
	for (k = i; k < j;) {
		cp = pe_utf8_next(src, j, &k);
		if (cp >= 0x10000) {
			(*u16)[len16++] = (UChar)(0xD800 | (cp - 0x10000) >> 10);
			(*u16)[len16++] = (UChar)(0xDC00 | (cp & 0x3FF));
		} else
			(*u16)[len16++] = (UChar)cp;
	}
	got = unorm2_normalize(nfkc, *u16, (int32_t)len16, *norm,
	    (int32_t)*normcap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		*normcap = (size_t)got;
		*norm = pe_xrealloc(*norm, *normcap * sizeof(**norm));
		err = U_ZERO_ERROR;
		got = unorm2_normalize(nfkc, *u16, (int32_t)len16, *norm,
		    (int32_t)*normcap, &err);
	}
	if (U_FAILURE(err)) {
		pe_warn("NFKC normalization: %s", u_errorName(err));
		return -1;
	}
	for (p = 0; p < (size_t)got; p++) {
		cp = (*norm)[p];
		if (cp >= 0xD800 && cp < 0xDC00 && p + 1 < (size_t)got) {
			cp = 0x10000 + ((cp - 0xD800) << 10 |
			    ((*norm)[p + 1] - 0xDC00));
			p++;
		}
		put_cp(b, cp, i);
	}
	return 0;
}

/* Alone in its segment, a character without one is its own NFKC. */
static int
has_decomposition(const UNormalizer2 *nfkc, uint32_t cp)
{
	UChar d[8];
	UErrorCode err = U_ZERO_ERROR;

	return unorm2_getDecomposition(nfkc, (UChar32)cp, d,
	    (int32_t)(sizeof(d) / sizeof(d[0])), &err) >= 0;
}

static void
set_empty(struct pe_nfkc *out, size_t n)
{
	out->s = pe_xcalloc(1, 1);
	out->len = 0;
	out->map = pe_xmalloc(sizeof(*out->map));
	out->map[0] = n;
}

int
pe_nfkc(const char *src, size_t n, struct pe_nfkc *out)
{
	const unsigned char *u = (const unsigned char *)src;
	const UNormalizer2 *nfkc;
	struct buf b;
	UChar *u16 = NULL, *norm = NULL;
	size_t u16cap = 0, normcap = 64, i = 0, j, end, k, next;
	uint32_t cp;
	int rc = 0;

	if ((nfkc = nfkc_instance()) == NULL) {
		set_empty(out, n);
		return -1;
	}
	b.len = 0;
	b.cap = n + n / 8 + 16;
	b.s = pe_xmalloc(b.cap + 1);
	b.map = pe_xcalloc(b.cap + 1, sizeof(*b.map));
	norm = pe_xmalloc(normcap * sizeof(*norm));
	while (i < n) {
		if (u[i] < 0x80) {
			for (j = i; j < n && u[j] < 0x80; j++)
				;
			end = j < n ? j - 1 : j;
			reserve(&b, end - i);
			memcpy(b.s + b.len, src + i, end - i);
			for (; i < end; i++)
				b.map[b.len++] = i;
			if (i == n)
				break;
		}
		k = i;
		cp = pe_utf8_next(src, n, &k);
		if (inert(nfkc, cp)) {
			put_same(&b, src, i, k, cp);
			i = k;
			continue;
		}
		for (j = k; j < n; j = next) {
			next = j;
			if (boundary_before(nfkc, pe_utf8_next(src, n, &next)))
				break;
		}
		if (j == k && !has_decomposition(nfkc, cp)) {
			put_same(&b, src, i, k, cp);
			i = k;
			continue;
		}
		if (put_segment(&b, nfkc, src, i, j, &u16, &u16cap, &norm,
		    &normcap) != 0) {
			rc = -1;
			break;
		}
		i = j;
	}
	free(u16);
	free(norm);
	if (rc != 0) {
		free(b.s);
		free(b.map);
		set_empty(out, n);
		return -1;
	}
	b.s[b.len] = '\0';
	b.map[b.len] = n;
	out->s = b.s;
	out->len = b.len;
	out->map = b.map;
	return 0;
}

void
pe_nfkc_free(struct pe_nfkc *out)
{
	free(out->s);
	free(out->map);
	out->s = NULL;
	out->map = NULL;
	out->len = 0;
}
