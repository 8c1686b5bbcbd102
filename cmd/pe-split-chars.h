/*
 * pe-split-chars.h - the characters pe-split's rules are written in,
 * shared by the layout pass (pe-split-seg.c) and the sentence pass
 * (pe-split-sent.c); private to pe-split.
 *
 * Classes of BMP code points come from tables built once by
 * split_tables_init() from text.c's definitions, because the segmenter
 * asks them for every character, several times; everything here is
 * inline for the same reason.  Text handed to these functions is valid
 * UTF-8 (pe_decode() repaired it), so it is decoded without checks.
 */
#ifndef PE_SPLIT_CHARS_H
#define PE_SPLIT_CHARS_H

#include <stddef.h>
#include <stdint.h>

#include "pe/text.h"

struct cut {
	size_t *at;
	size_t n, cap;
};


/*
 * Character classes of the BMP, looked up in one table built at
 * seg_init() from text.c's definitions: the segmenter asks them for
 * every character, several times.
 */
enum {
	C_SPACE = 1, C_HAN = 2, C_KANA = 4, C_JPUNCT = 8, C_FULL = 16,
	C_LATIN = 32, C_WIDE = 64, C_ZERO = 128
};


extern unsigned char split_ctab[0x10000];
extern signed char split_dtab[0x10000];
extern unsigned char split_btab[0x10000];	/* 1 opening bracket, 2 closing, 4 trigger */

static inline int
is_open_bracket(uint32_t c)
{
	return c < 0x10000 ? split_btab[c] & 1 : 0;
}

static inline int
is_close_bracket(uint32_t c)
{
	return c < 0x10000 ? (split_btab[c] & 2) != 0 : 0;
}

#define CLS(c, f, slow) ((c) < 0x10000 ? (split_ctab[(c)] & (f)) != 0 : (slow)(c))
static inline int c_space(uint32_t c) { return CLS(c, C_SPACE, pe_is_space); }
static inline int c_han(uint32_t c) { return CLS(c, C_HAN, pe_is_han); }
static inline int c_kana(uint32_t c) { return CLS(c, C_KANA, pe_is_kana); }
static inline int c_jpunct(uint32_t c) { return CLS(c, C_JPUNCT, pe_is_jpunct); }
static inline int c_latin(uint32_t c) { return CLS(c, C_LATIN, pe_is_latin); }
static inline int
c_japanese(uint32_t c)
{
	return CLS(c, C_HAN | C_KANA | C_JPUNCT | C_FULL, pe_is_japanese);
}
static inline int
c_width(uint32_t c)
{
	if (c >= 0x10000)
		return pe_cp_width(c);
	return split_ctab[c] & C_WIDE ? 2 : split_ctab[c] & C_ZERO ? 0 : 1;
}
static inline int
c_digit(uint32_t c)
{
	return c < 0x10000 ? split_dtab[c] : pe_digit_value(c);
}

/* ---- characters ------------------------------------------------------ */

/* The document is valid UTF-8 (pe_decode() repaired it): decode fast. */
#define NEXT(s, ip) pe_utf8_fast((s), (ip))


static inline uint32_t
cp_at(const char *s, size_t n, size_t i)
{
	return i < n ? NEXT(s, &i) : 0;
}

/* Start of the code point that ends before byte i. */
static inline size_t
cp_back(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static inline uint32_t
cp_before(const char *s, size_t i)
{
	size_t j;

	if (i == 0)
		return 0;
	j = cp_back(s, i);
	return NEXT(s, &j);
}

static inline int
is_ascii_upper(uint32_t c)
{
	return c >= 'A' && c <= 'Z';
}

static inline int
is_ascii_lower(uint32_t c)
{
	return c >= 'a' && c <= 'z';
}

static inline int
is_curly(uint32_t c)
{
	return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}

static inline int
open_bracket_slow(uint32_t c)
{
	switch (c) {
	case '(': case '[': case '{': case 0xFF08: case 0xFF3B: case 0xFF5B:
	case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3008:
	case 0x300A: case 0x3016: case 0x3018: case 0x301A: case 0x201C:
	case 0xFF62:
		return 1;
	}
	return 0;
}

static inline uint32_t
closer_of(uint32_t c)
{
	switch (c) {
	case '(': return ')';
	case '[': return ']';
	case '{': return '}';
	case 0xFF08: return 0xFF09;
	case 0xFF3B: return 0xFF3D;
	case 0xFF5B: return 0xFF5D;
	case 0x300C: return 0x300D;
	case 0x300E: return 0x300F;
	case 0x3010: return 0x3011;
	case 0x3014: return 0x3015;
	case 0x3008: return 0x3009;
	case 0x300A: return 0x300B;
	case 0x3016: return 0x3017;
	case 0x3018: return 0x3019;
	case 0x301A: return 0x301B;
	case 0x201C: return 0x201D;
	case 0xFF62: return 0xFF63;
	}
	return 0;
}

static inline int
close_bracket_slow(uint32_t c)
{
	switch (c) {
	case ')': case ']': case '}': case 0xFF09: case 0xFF3D: case 0xFF5D:
	case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3009:
	case 0x300B: case 0x3017: case 0x3019: case 0x301B: case 0x201D:
	case 0xFF63:
		return 1;
	}
	return 0;
}

/* Characters that end a sentence wherever they stand. */
static inline int
is_jterm(uint32_t c)
{
	return c == 0x3002 || c == 0xFF61 || c == 0xFF01 || c == 0xFF1F ||
	    c == 0xFF0E;
}

/* Symbols and pictographs that close a sentence in casual Japanese. */
static inline int
is_symterm(uint32_t c)
{
	return c == 0x2606 || c == 0x2605 || c == 0x266A || c == 0x266B ||
	    (c >= 0x1F300 && c <= 0x1FAFF);
}

/* What ends a line without going on: 。．！？!?.:」』）… */
static inline int
is_final(uint32_t c)
{
	return is_jterm(c) || c == '.' || c == '!' || c == '?' ||
	    is_symterm(c);
}

/* Particles no sentence ends with: は が を に で と の も へ や 、 */
static inline int
is_particle(uint32_t c)
{
	return c == 0x306F || c == 0x304C || c == 0x3092 || c == 0x306B ||
	    c == 0x3067 || c == 0x3068 || c == 0x306E || c == 0x3082 ||
	    c == 0x3078 || c == 0x3084 || c == 0x3001 || c == 0xFF0C;
}

/* Particles and marks that glue a ！？ to what follows (大丈夫？と思う). */
static inline int
is_glue(uint32_t c)
{
	return c == 0x3068 || c == 0x3063 || c == 0x306B || c == 0x306E ||
	    c == 0x3092 || c == 0x304C || c == 0x3084 || c == 0x3001 ||
	    c == 0xFF0C || c == ',';
}

/*
 * The line-join spacing rule (gold/README.md): no space when either side
 * is Japanese punctuation or both are Japanese characters or full-width
 * forms, none between a curly quote and a Japanese character; else one.
 */
static inline int
join_space(uint32_t a, uint32_t b)
{
	if (a == 0 || b == 0)
		return 0;
	if (c_jpunct(a) || c_jpunct(b))
		return 0;
	if (c_japanese(a) && c_japanese(b))
		return 0;
	if ((is_curly(a) && c_japanese(b)) || (c_japanese(a) && is_curly(b)))
		return 0;
	return 1;
}

/* Skip white space from i. */
static inline size_t
skip_space(const char *s, size_t n, size_t i)
{
	while (i < n) {
		size_t j = i;
		uint32_t c = NEXT(s, &j);

		if (!c_space(c) && c != '\t')
			break;
		i = j;
	}
	return i;
}

/* An enumerator at the start of s: 1. 1) 1.) (1) （１） ① a. ２．;
 * returns its byte length (0 if none), its value and its style. */
size_t split_enumerator(const char *s, size_t n, int *val, int *style);

/* The cut points of text s[0..n): byte offsets where a new sentence
 * begins, into cuts (emptied first).  inline_list: the text opens with
 * a bullet or an enumerator, and later ones in sequence are cuts too. */
void split_find_cuts(const char *s, size_t n, int inline_list, struct cut *cuts);

/* Build the class tables (once; seg_init() calls it). */
void split_tables_init(void);

#endif
