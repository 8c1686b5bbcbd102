/*
 * text.h - UTF-8 text: validation, code points, offsets, UTF-16 for ICU,
 * and the character classes the programs' rules are written in.
 *
 * Inside pe, offsets are bytes; records carry code points.  The functions
 * here are the only place the two meet.  Invalid UTF-8 never travels
 * further than pe_utf8_repair(): every byte of a bad sequence becomes one
 * U+FFFD (the "maximal subpart" practice of Unicode §3.9 is not needed:
 * one replacement per bad byte keeps offsets easy to explain).
 */
#ifndef PE_TEXT_H
#define PE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define PE_REPLACEMENT 0xFFFDu

/*
 * Decode one code point of s[*i..n) and advance *i past it.  Invalid or
 * truncated sequences (overlongs, surrogates, > U+10FFFF) yield
 * PE_REPLACEMENT and advance by one byte.  Requires *i < n.
 */
uint32_t pe_utf8_next(const char *s, size_t n, size_t *i);

/*
 * Decode one code point of s at *i and advance past it, without checks:
 * only for text already valid (pe_utf8_repair() output), where it is
 * several times faster than pe_utf8_next().  *i must be on a character
 * boundary.
 */
static inline uint32_t
pe_utf8_fast(const char *s, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	uint32_t c = p[0];

	if (c < 0x80) {
		*i += 1;
		return c;
	}
	if (c < 0xE0) {
		*i += 2;
		return ((c & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (c < 0xF0) {
		*i += 3;
		return ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
		    (p[2] & 0x3F);
	}
	*i += 4;
	return ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
	    ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Encode cp (<= U+10FFFF, not a surrogate) into out; returns 1..4. */
int pe_utf8_put(uint32_t cp, char out[4]);

/* Bytes of the valid UTF-8 prefix of s[0..n): n when all of it is valid. */
size_t pe_utf8_valid(const char *s, size_t n);

/*
 * Copy s[0..n) with every invalid byte replaced by U+FFFD (EF BF BD).
 * Returns a new NUL-terminated buffer (caller frees) and its length in
 * *outlen.  *nbad gets the number of bad bytes and *firstbad the byte
 * offset of the first (unchanged when there are none).  NUL bytes are
 * valid UTF-8 and are kept.
 */
char *pe_utf8_repair(const char *s, size_t n, size_t *outlen,
    size_t *nbad, size_t *firstbad);

/* Number of code points in valid UTF-8 s[0..n). */
size_t pe_utf8_count(const char *s, size_t n);

/*
 * Byte offset -> code point offset in valid UTF-8, counted incrementally:
 * a cursor remembers the last (byte, cp) pair so that increasing queries
 * cost only the bytes between them.  Queries may go backwards (slower).
 */
struct pe_cpcursor {
	const char *s;
	size_t byte, cp;
};
void pe_cpcursor_init(struct pe_cpcursor *c, const char *s);
size_t pe_cpcursor_at(struct pe_cpcursor *c, size_t byte);

/*
 * UTF-8 -> UTF-16 for ICU.  Returns a new buffer of *len16 code units
 * (caller frees); when map is not NULL, *map gets a new array of
 * *len16 + 1 byte offsets: the UTF-8 offset where each unit's code point
 * starts, and n at index *len16.  Invalid input bytes become U+FFFD.
 */
uint16_t *pe_utf8_to_utf16(const char *s, size_t n, size_t *len16,
    size_t **map);

/*
 * UTF-16 -> UTF-8.  Returns a new NUL-terminated buffer (caller frees),
 * length in *len8.  Unpaired surrogates become U+FFFD.
 */
char *pe_utf16_to_utf8(const uint16_t *s, size_t n, size_t *len8);

/* Character classes, by code point. */
int pe_is_space(uint32_t cp);	/* Unicode White_Space, plus U+200B, U+FEFF */
int pe_is_han(uint32_t cp);	/* CJK ideographs, 々〆〇ヶ */
int pe_is_kana(uint32_t cp);	/* hiragana, katakana, ー, half-width katakana */
int pe_is_jpunct(uint32_t cp);	/* Japanese/full-width punctuation: 、。「」（）・… */
int pe_is_fullwidth(uint32_t cp); /* U+FF01..FF60, U+FFE0..FFE6 (full-width forms) */
int pe_is_japanese(uint32_t cp); /* han, kana, jpunct or full-width */
int pe_is_latin(uint32_t cp);	/* ASCII letters and Latin-1/Extended letters */
int pe_is_digit(uint32_t cp);	/* 0-9 and full-width ０-９ */
int pe_digit_value(uint32_t cp); /* 0..9, or -1 */

/*
 * Display width of a code point in a monospaced layout: 2 for East Asian
 * Wide and Fullwidth characters, 0 for combining marks and controls,
 * else 1.  Used to compare PDF line lengths.
 */
int pe_cp_width(uint32_t cp);

#endif
