/*
 * text.c - UTF-8 decoding, repair, offsets, UTF-16 and character classes.
 *
 * Every other module trusts its text because of this file: pe_utf8_next()
 * is strict (no overlongs, no surrogates, nothing above U+10FFFF, no
 * truncated sequences) and answers a bad byte with one U+FFFD and an
 * advance of one byte, so a repaired text is longer than the input by
 * exactly two bytes per bad byte and every offset can be explained.
 *
 * Validation, repair and code point counting sit on the splitter's hot
 * path, so runs of ASCII are skipped eight bytes at a time and
 * pe_cpcursor_at() counts only the bytes between two queries.  Code point
 * counting assumes valid UTF-8: it counts the bytes that are not
 * continuation bytes.
 *
 * The character classes are written for Japanese policy text: han and
 * kana are disjoint (ヶ is han, as in 3ヶ月), 々〆〇 are han, the ideographic
 * space is a space and not punctuation, and curly quotes are not Japanese
 * punctuation because English text uses them too.
 */
#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>

#include "pe/cli.h"
#include "pe/text.h"

#define HIBITS 0x8080808080808080ull

/*
 * Length of the valid sequence starting at s[i] (i < n), or 0 when the
 * byte there cannot start one.  Ranges from Unicode Table 3-7.
 */
static inline size_t
seqlen(const unsigned char *s, size_t n, size_t i)
{
	unsigned int b = s[i], lo = 0x80, hi = 0xBF;
	size_t len, k;

	if (b < 0x80)
		return 1;
	if (b < 0xC2)
		return 0;
	if (b < 0xE0)
		len = 2;
	else if (b < 0xF0) {
		len = 3;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else if (b < 0xF5) {
		len = 4;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	for (k = 2; k < len; k++)
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* Index of the first non-ASCII byte in s[i..n), or n. */
static inline size_t
skip_ascii(const unsigned char *s, size_t n, size_t i)
{
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & HIBITS)
			break;
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/* Bytes in s[0..n) that are not continuation bytes. */
static size_t
count_leads(const unsigned char *s, size_t n)
{
	size_t i = 0, cont = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		/* 10xxxxxx: bit 7 set and bit 6 (shifted up to bit 7) clear */
		w = w & ~(w << 1) & HIBITS;
		/* one bit a byte at most: sum the bytes with a multiply (no
		 * popcount instruction in the x86-64 baseline) */
		cont += (size_t)(((w >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		cont += (s[i] & 0xC0) == 0x80;
	return n - cont;
}

uint32_t
pe_utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t at = *i, len;

	if (u[at] < 0x80) {
		*i = at + 1;
		return u[at];
	}
	len = seqlen(u, n, at);
	switch (len) {
	case 2:
		*i = at + 2;
		return (uint32_t)(u[at] & 0x1F) << 6 | (u[at + 1] & 0x3F);
	case 3:
		*i = at + 3;
		return (uint32_t)(u[at] & 0x0F) << 12 |
		    (uint32_t)(u[at + 1] & 0x3F) << 6 | (u[at + 2] & 0x3F);
	case 4:
		*i = at + 4;
		return (uint32_t)(u[at] & 0x07) << 18 |
		    (uint32_t)(u[at + 1] & 0x3F) << 12 |
		    (uint32_t)(u[at + 2] & 0x3F) << 6 | (u[at + 3] & 0x3F);
	default:
		*i = at + 1;
		return PE_REPLACEMENT;
	}
}

int
pe_utf8_put(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	/* The contract excludes these; encode U+FFFD rather than bad UTF-8. */
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = PE_REPLACEMENT;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
pe_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		if (u[i] < 0x80) {
			i = skip_ascii(u, n, i);
			continue;
		}
		if ((len = seqlen(u, n, i)) == 0)
			return i;
		i += len;
	}
	return n;
}

char *
pe_utf8_repair(const char *s, size_t n, size_t *outlen, size_t *nbad,
    size_t *firstbad)
{
	size_t i, o, v, bad = 0, first = 0, len;
	char *out;

	/* Count first so that the buffer is allocated once, at its size. */
	for (i = 0; i < n; i++) {
		i += pe_utf8_valid(s + i, n - i);
		if (i == n)
			break;
		if (bad++ == 0)
			first = i;
	}
	if (bad > (SIZE_MAX - n - 1) / 2)
		pe_die(PE_EXIT_TROUBLE, "text too large to repair");
	len = n + 2 * bad;
	out = pe_xmalloc(len + 1);
	for (i = 0, o = 0; i < n; i++) {
		v = pe_utf8_valid(s + i, n - i);
		memcpy(out + o, s + i, v);
		o += v;
		i += v;
		if (i == n)
			break;
		memcpy(out + o, "\xEF\xBF\xBD", 3);
		o += 3;
	}
	if (nbad != NULL)
		*nbad = bad;
	if (bad > 0 && firstbad != NULL)
		*firstbad = first;
	out[len] = '\0';
	if (outlen != NULL)
		*outlen = len;
	return out;
}

size_t
pe_utf8_count(const char *s, size_t n)
{
	return count_leads((const unsigned char *)s, n);
}

void
pe_cpcursor_init(struct pe_cpcursor *c, const char *s)
{
	c->s = s;
	c->byte = 0;
	c->cp = 0;
}

size_t
pe_cpcursor_at(struct pe_cpcursor *c, size_t byte)
{
	const unsigned char *u = (const unsigned char *)c->s;

	if (byte >= c->byte)
		c->cp += count_leads(u + c->byte, byte - c->byte);
	else if (byte < c->byte - byte)
		c->cp = count_leads(u, byte);	/* nearer the start */
	else
		c->cp -= count_leads(u + byte, c->byte - byte);
	c->byte = byte;
	return c->cp;
}

uint16_t *
pe_utf8_to_utf16(const char *s, size_t n, size_t *len16, size_t **map)
{
	const unsigned char *u = (const unsigned char *)s;
	uint16_t *out;
	size_t *m = NULL;
	size_t i = 0, o = 0, start;
	uint32_t cp;

	/* Every byte gives at most one unit (4-byte sequences give two). */
	out = pe_xcalloc(n + 1, sizeof(*out));
	if (map != NULL)
		m = pe_xcalloc(n + 1, sizeof(*m));
	while (i < n) {
		if (u[i] < 0x80) {
			if (m != NULL)
				m[o] = i;
			out[o++] = u[i++];
			continue;
		}
		start = i;
		cp = pe_utf8_next(s, n, &i);
		if (cp >= 0x10000) {
			if (m != NULL)
				m[o] = m[o + 1] = start;
			out[o++] = (uint16_t)(0xD800 | (cp - 0x10000) >> 10);
			out[o++] = (uint16_t)(0xDC00 | (cp & 0x3FF));
		} else {
			if (m != NULL)
				m[o] = start;
			out[o++] = (uint16_t)cp;
		}
	}
	if (m != NULL) {
		m[o] = n;
		*map = m;
	}
	*len16 = o;
	return out;
}

char *
pe_utf16_to_utf8(const uint16_t *s, size_t n, size_t *len8)
{
	size_t i, len = 0;
	uint32_t cp;
	char *out, *p;

	for (i = 0; i < n; i++) {
		if (s[i] < 0x80)
			len += 1;
		else if (s[i] < 0x800)
			len += 2;
		else if (s[i] >= 0xD800 && s[i] < 0xDC00 && i + 1 < n &&
		    s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
			len += 4;
			i++;
		} else
			len += 3;
	}
	out = p = pe_xmalloc(len + 1);
	for (i = 0; i < n; i++) {
		cp = s[i];
		if (cp < 0x80) {
			*p++ = (char)cp;
			continue;
		}
		if (cp >= 0xD800 && cp < 0xE000) {
			if (cp < 0xDC00 && i + 1 < n && s[i + 1] >= 0xDC00 &&
			    s[i + 1] < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10 |
				    (s[i + 1] - 0xDC00));
				i++;
			} else
				cp = PE_REPLACEMENT;
		}
		p += pe_utf8_put(cp, p);
	}
	*p = '\0';
	*len8 = len;
	return out;
}

int
pe_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	switch (cp) {
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000: case 0x200B: case 0xFEFF:
		return 1;
	}
	return cp >= 0x2000 && cp <= 0x200A;
}

int
pe_is_han(uint32_t cp)
{
	if (cp < 0x2E80)
		return 0;
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 1;
	switch (cp) {
	case 0x3005: case 0x3006: case 0x3007: case 0x303B: case 0x30F6:
		return 1;
	}
	/*
	 * The radical blocks are not ideographs, but text extracted from PDF
	 * often carries a Kangxi radical (U+2F47 ⽇) where 日 was printed.
	 */
	return (cp <= 0x2FDF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x2FA1F) ||
	    (cp >= 0x30000 && cp <= 0x323AF);
}

int
pe_is_kana(uint32_t cp)
{
	if (cp < 0x3041)
		return 0;
	if (cp <= 0x30FF)
		return cp <= 0x3096 || (cp >= 0x3099 && cp <= 0x309F) ||
		    (cp >= 0x30A1 && cp <= 0x30FA && cp != 0x30F6) ||
		    cp >= 0x30FC;
	return (cp >= 0x31F0 && cp <= 0x31FF) ||
	    (cp >= 0xFF66 && cp <= 0xFF9F) ||
	    (cp >= 0x1B000 && cp <= 0x1B16F);
}

int
pe_is_jpunct(uint32_t cp)
{
	if (cp < 0x2025)
		return 0;
	if (cp >= 0x3001 && cp <= 0x303F)
		return !(cp >= 0x3005 && cp <= 0x3007) && cp != 0x303B;
	if (cp >= 0xFF01 && cp <= 0xFF65)
		return !(cp >= 0xFF10 && cp <= 0xFF19) &&
		    !(cp >= 0xFF21 && cp <= 0xFF3A) &&
		    !(cp >= 0xFF41 && cp <= 0xFF5A);
	return cp == 0x30FB || cp == 0x30A0 || cp == 0x2026 || cp == 0x2025;
}

int
pe_is_fullwidth(uint32_t cp)
{
	return (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
}

int
pe_is_japanese(uint32_t cp)
{
	if (cp < 0x2025)
		return 0;
	return pe_is_han(cp) || pe_is_kana(cp) || pe_is_jpunct(cp) ||
	    pe_is_fullwidth(cp);
}

int
pe_is_latin(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp < 0xC0)
		return 0;
	if (cp <= 0xFF)
		return cp != 0xD7 && cp != 0xF7;
	return cp <= 0x24F || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0x2C60 && cp <= 0x2C7F) || (cp >= 0xA720 && cp <= 0xA7FF) ||
	    (cp >= 0xAB30 && cp <= 0xAB6F);
}

int
pe_is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

int
pe_digit_value(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	return -1;
}

int
pe_cp_width(uint32_t cp)
{
	int t, w;

	if (cp < 0x7F)
		return cp >= 0x20;
	/* The bulk of Japanese text: wide, and no marks among them. */
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x3096) ||
	    (cp >= 0x30A0 && cp <= 0x30FF))
		return 2;
	if (cp > 0x10FFFF)
		return 1;
	t = u_charType((UChar32)cp);
	if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK ||
	    t == U_CONTROL_CHAR || t == U_FORMAT_CHAR)
		return 0;
	w = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
	return w == U_EA_WIDE || w == U_EA_FULLWIDTH ? 2 : 1;
}
