/*
 * test-text.c - UTF-8 decoding, repair, offsets, UTF-16 and classes.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/text.h"
#include "unit.h"

/* Decode all of s[0..n) and re-encode it; 1 when the bytes come back. */
static int
round_trips(const char *s, size_t n)
{
	char buf[64];
	size_t i = 0, o = 0;
	uint32_t cp;

	while (i < n && o + 4 <= sizeof(buf)) {
		cp = pe_utf8_next(s, n, &i);
		o += (size_t)pe_utf8_put(cp, buf + o);
	}
	return i == n && o == n && memcmp(buf, s, n) == 0;
}

/* Code point at s[0..n) and the advance, for one-shot checks. */
static uint32_t
first_cp(const char *s, size_t n, size_t *adv)
{
	size_t i = 0;
	uint32_t cp = pe_utf8_next(s, n, &i);

	*adv = i;
	return cp;
}

static void
test_next_put(void)
{
	char out[4];
	size_t adv;
	uint32_t cp;

	T("ASCII decodes to itself, one byte",
	    first_cp("A", 1, &adv) == 'A' && adv == 1);
	T("NUL is a valid code point", first_cp("\0x", 2, &adv) == 0 && adv == 1);
	T("é decodes from two bytes",
	    first_cp("\xC3\xA9", 2, &adv) == 0xE9 && adv == 2);
	T("漢 decodes from three bytes",
	    first_cp("漢", 3, &adv) == 0x6F22 && adv == 3);
	cp = first_cp("\xF0\xA0\xAE\xB7", 4, &adv);
	T("𠮷 (U+20BB7) decodes from four bytes", cp == 0x20BB7 && adv == 4);
	T("U+FFFD itself decodes as a valid three-byte character",
	    first_cp("\xEF\xBF\xBD", 3, &adv) == 0xFFFD && adv == 3);
	T("U+10FFFF is the last valid code point",
	    first_cp("\xF4\x8F\xBF\xBF", 4, &adv) == 0x10FFFF && adv == 4);

	T("Japanese text round-trips through next/put",
	    round_trips("日本語のテキスト、ｶﾀｶﾅ。", strlen("日本語のテキスト、ｶﾀｶﾅ。")));
	T("𠮷野家 round-trips through next/put",
	    round_trips("𠮷野家", strlen("𠮷野家")));
	T("U+FFFD round-trips through next/put", round_trips("a\xEF\xBF\xBDz", 5));

	T("put writes 1 byte for ASCII", pe_utf8_put('x', out) == 1 && out[0] == 'x');
	T("put writes 2 bytes for U+00E9",
	    pe_utf8_put(0xE9, out) == 2 && memcmp(out, "\xC3\xA9", 2) == 0);
	T("put writes 3 bytes for U+3042",
	    pe_utf8_put(0x3042, out) == 3 && memcmp(out, "あ", 3) == 0);
	T("put writes 4 bytes for U+20BB7",
	    pe_utf8_put(0x20BB7, out) == 4 && memcmp(out, "𠮷", 4) == 0);
	T("put turns a surrogate into U+FFFD rather than bad UTF-8",
	    pe_utf8_put(0xD800, out) == 3 && memcmp(out, "\xEF\xBF\xBD", 3) == 0);

	T("overlong '/' (C0 AF) is rejected, advancing one byte",
	    first_cp("\xC0\xAF", 2, &adv) == PE_REPLACEMENT && adv == 1);
	T("overlong three-byte NUL (E0 80 80) is rejected",
	    first_cp("\xE0\x80\x80", 3, &adv) == PE_REPLACEMENT && adv == 1);
	T("overlong four-byte (F0 8F BF BF) is rejected",
	    first_cp("\xF0\x8F\xBF\xBF", 4, &adv) == PE_REPLACEMENT && adv == 1);
	T("surrogate U+D800 (ED A0 80) is rejected",
	    first_cp("\xED\xA0\x80", 3, &adv) == PE_REPLACEMENT && adv == 1);
	T("U+110000 (F4 90 80 80) is rejected",
	    first_cp("\xF4\x90\x80\x80", 4, &adv) == PE_REPLACEMENT && adv == 1);
	T("F5 can never start a sequence",
	    first_cp("\xF5\x80\x80\x80", 4, &adv) == PE_REPLACEMENT && adv == 1);
	T("a lone continuation byte is rejected",
	    first_cp("\x80", 1, &adv) == PE_REPLACEMENT && adv == 1);
	T("a sequence truncated by the end of input is rejected",
	    first_cp("\xE6\xBC", 2, &adv) == PE_REPLACEMENT && adv == 1);
	T("a sequence truncated by an ASCII byte is rejected",
	    first_cp("\xE6\xBC" "a", 3, &adv) == PE_REPLACEMENT && adv == 1);
	T("n bounds the decoder even when more bytes follow in memory",
	    first_cp("漢", 2, &adv) == PE_REPLACEMENT && adv == 1);
}

static void
test_valid_repair(void)
{
	const char *bad = "ab\xFF" "c\xE6\xBC" "d";
	char big[1000], *r;
	size_t len, nbad = 99, first = 99;

	T("valid UTF-8 is valid to its end", pe_utf8_valid("日本a", 7) == 7);
	T("valid prefix stops at the first bad byte",
	    pe_utf8_valid(bad, strlen(bad)) == 2);
	T("valid prefix stops before a truncated sequence",
	    pe_utf8_valid("abc\xE6\xBC", 5) == 3);
	T("empty input is valid", pe_utf8_valid("", 0) == 0);
	memset(big, 'x', sizeof(big));
	big[777] = (char)0x80;
	T("the ASCII fast path still finds a bad byte deep in a run",
	    pe_utf8_valid(big, sizeof(big)) == 777);
	big[777] = 'x';
	T("the ASCII fast path runs to the end", pe_utf8_valid(big, sizeof(big)) == 1000);

	r = pe_utf8_repair(bad, strlen(bad), &len, &nbad, &first);
	T("repair replaces each bad byte with U+FFFD",
	    strcmp(r, "ab\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d") == 0);
	T("repair grows the text by two bytes per bad byte",
	    len == strlen(bad) + 2 * 3);
	T("repair counts every bad byte of a truncated sequence", nbad == 3);
	T("repair names the offset of the first bad byte", first == 2);
	free(r);

	nbad = 99, first = 99;
	r = pe_utf8_repair("日本\0語", 10, &len, &nbad, &first);
	T("repair keeps valid text and its NUL bytes",
	    len == 10 && memcmp(r, "日本\0語", 10) == 0 && r[10] == '\0');
	T("repair of valid text reports no bad bytes", nbad == 0);
	T("repair leaves firstbad unchanged when nothing is bad", first == 99);
	free(r);

	r = pe_utf8_repair("", 0, &len, &nbad, &first);
	T("repair of empty input is an empty string", len == 0 && r[0] == '\0');
	free(r);
	r = pe_utf8_repair("\xC3", 1, &len, &nbad, &first);
	T("repair of a lone lead byte at the end",
	    len == 3 && nbad == 1 && first == 0 && strcmp(r, "\xEF\xBF\xBD") == 0);
	free(r);
}

static void
test_count_cursor(void)
{
	/* a 日 𠮷 b \xEF\xBF\xBD c: bytes 0 1 4 8 9 12, code points 0..5 */
	const char *s = "a日𠮷b\xEF\xBF\xBD" "c";
	size_t n = strlen(s);
	struct pe_cpcursor c;
	char long_text[3 * 40 + 1];
	int k;

	T("count counts code points, not bytes", pe_utf8_count(s, n) == 6);
	T("count of empty text is 0", pe_utf8_count("", 0) == 0);
	for (k = 0; k < 40; k++)
		memcpy(long_text + 3 * k, "語", 3);
	T("count handles runs longer than one word",
	    pe_utf8_count(long_text, 120) == 40);

	pe_cpcursor_init(&c, s);
	T("cursor: offset 0 is code point 0", pe_cpcursor_at(&c, 0) == 0);
	T("cursor: 日 starts at code point 1", pe_cpcursor_at(&c, 1) == 1);
	T("cursor: 𠮷 starts at code point 2", pe_cpcursor_at(&c, 4) == 2);
	T("cursor: b after the non-BMP character is code point 3",
	    pe_cpcursor_at(&c, 8) == 3);
	T("cursor: U+FFFD is one code point", pe_cpcursor_at(&c, 12) == 5);
	T("cursor: the end is the code point count", pe_cpcursor_at(&c, n) == 6);
	T("cursor: a repeated query gives the same answer",
	    pe_cpcursor_at(&c, n) == 6);
	T("cursor goes backwards a little", pe_cpcursor_at(&c, 9) == 4);
	T("cursor goes backwards to near the start", pe_cpcursor_at(&c, 1) == 1);
	T("cursor goes forwards again after going back",
	    pe_cpcursor_at(&c, 8) == 3);
	pe_cpcursor_init(&c, long_text);
	T("cursor over a long run", pe_cpcursor_at(&c, 117) == 39);
	T("cursor back over a long run", pe_cpcursor_at(&c, 60) == 20);
}

static void
test_utf16(void)
{
	/* a 𠮷 b: units a, D842, DFB7, b */
	const char *s = "a𠮷b";
	uint16_t *u, bad16[] = { 'x', 0xD800, 'y', 0xDC00 }, *r;
	size_t n = strlen(s), len16, *map, len8;
	char *back;

	u = pe_utf8_to_utf16(s, n, &len16, &map);
	T("𠮷 takes two UTF-16 units", len16 == 4);
	T("𠮷 is the surrogate pair D842 DFB7",
	    u[0] == 'a' && u[1] == 0xD842 && u[2] == 0xDFB7 && u[3] == 'b');
	T("both units of 𠮷 map to its byte offset", map[1] == 1 && map[2] == 1);
	T("the unit after 𠮷 maps past its four bytes", map[3] == 5);
	T("the map ends with the input length", map[4] == n);
	back = pe_utf16_to_utf8(u, len16, &len8);
	T("UTF-16 converts back to the same UTF-8",
	    len8 == n && strcmp(back, s) == 0);
	free(u);
	free(map);
	free(back);

	u = pe_utf8_to_utf16("日本", 6, &len16, &map);
	T("each BMP character is one unit mapping to its start",
	    len16 == 2 && u[0] == 0x65E5 && map[0] == 0 && map[1] == 3 &&
	    map[2] == 6);
	free(u);
	free(map);

	u = pe_utf8_to_utf16("a\xFF" "b", 3, &len16, NULL);
	T("an invalid byte becomes U+FFFD in UTF-16 (map optional)",
	    len16 == 3 && u[1] == 0xFFFD);
	free(u);

	back = pe_utf16_to_utf8(bad16, 4, &len8);
	T("unpaired surrogates become U+FFFD in UTF-8",
	    strcmp(back, "x\xEF\xBF\xBDy\xEF\xBF\xBD") == 0 && len8 == 8);
	free(back);

	r = pe_utf8_to_utf16("", 0, &len16, &map);
	T("empty UTF-8 gives no units and a one-entry map",
	    len16 == 0 && map[0] == 0);
	free(r);
	free(map);
}

static void
test_classes(void)
{
	T("漢 is han", pe_is_han(0x6F22) && !pe_is_kana(0x6F22));
	T("々 is han, not punctuation", pe_is_han(0x3005) && !pe_is_jpunct(0x3005));
	T("〇 is han", pe_is_han(0x3007));
	T("ヶ is han (3ヶ月), not kana", pe_is_han(0x30F6) && !pe_is_kana(0x30F6));
	T("𠮷 (Extension B) is han", pe_is_han(0x20BB7));
	T("ひ is kana", pe_is_kana(0x3072) && !pe_is_han(0x3072));
	T("カ is kana", pe_is_kana(0x30AB));
	T("ー is kana", pe_is_kana(0x30FC) && !pe_is_jpunct(0x30FC));
	T("half-width ｶ is kana", pe_is_kana(0xFF76) && !pe_is_fullwidth(0xFF76));
	T("。 is Japanese punctuation", pe_is_jpunct(0x3002));
	T("「 is Japanese punctuation", pe_is_jpunct(0x300C));
	T("・ is Japanese punctuation, not kana",
	    pe_is_jpunct(0x30FB) && !pe_is_kana(0x30FB));
	T("（ is Japanese punctuation and full-width",
	    pe_is_jpunct(0xFF08) && pe_is_fullwidth(0xFF08));
	T("… and ‥ are Japanese punctuation",
	    pe_is_jpunct(0x2026) && pe_is_jpunct(0x2025));
	T("half-width ｡ is Japanese punctuation", pe_is_jpunct(0xFF61));
	T("curly quotes are not Japanese punctuation",
	    !pe_is_jpunct(0x201C) && !pe_is_jpunct(0x2019));
	T("Ａ is full-width, not punctuation, not latin",
	    pe_is_fullwidth(0xFF21) && !pe_is_jpunct(0xFF21) &&
	    !pe_is_latin(0xFF21));
	T("１ is a full-width digit worth 1",
	    pe_is_digit(0xFF11) && pe_digit_value(0xFF11) == 1 &&
	    pe_is_fullwidth(0xFF11) && !pe_is_jpunct(0xFF11));
	T("￥ (U+FFE5) is full-width", pe_is_fullwidth(0xFFE5));
	T("a is latin and not Japanese", pe_is_latin('a') && !pe_is_japanese('a'));
	T("é is latin", pe_is_latin(0xE9));
	T("× is not latin", !pe_is_latin(0xD7));
	T("7 is a digit worth 7", pe_is_digit('7') && pe_digit_value('7') == 7);
	T("a letter has no digit value", pe_digit_value('a') == -1 && !pe_is_digit('a'));
	T("' ' is space", pe_is_space(' ') && !pe_is_japanese(' '));
	T("U+3000 is space and not punctuation",
	    pe_is_space(0x3000) && !pe_is_jpunct(0x3000));
	T("U+200B and U+FEFF count as space",
	    pe_is_space(0x200B) && pe_is_space(0xFEFF));
	T("NBSP and newline are space", pe_is_space(0xA0) && pe_is_space('\n'));
	T("漢, ひ, 。, Ａ are Japanese",
	    pe_is_japanese(0x6F22) && pe_is_japanese(0x3072) &&
	    pe_is_japanese(0x3002) && pe_is_japanese(0xFF21));
	T("é is not Japanese", !pe_is_japanese(0xE9));
}

static void
test_width(void)
{
	T("ASCII letters are width 1", pe_cp_width('a') == 1 && pe_cp_width(' ') == 1);
	T("controls are width 0", pe_cp_width('\t') == 0 && pe_cp_width(0x7F) == 0 &&
	    pe_cp_width(0x85) == 0);
	T("漢 is width 2", pe_cp_width(0x6F22) == 2);
	T("ひ and カ are width 2", pe_cp_width(0x3072) == 2 && pe_cp_width(0x30AB) == 2);
	T("half-width ｶ is width 1", pe_cp_width(0xFF76) == 1);
	T("Ａ and （ are width 2", pe_cp_width(0xFF21) == 2 && pe_cp_width(0xFF08) == 2);
	T("U+3000 is width 2", pe_cp_width(0x3000) == 2);
	T("𠮷 is width 2", pe_cp_width(0x20BB7) == 2);
	T("é is width 1", pe_cp_width(0xE9) == 1);
	T("a combining acute accent is width 0", pe_cp_width(0x301) == 0);
	T("the combining voiced mark U+3099 is width 0", pe_cp_width(0x3099) == 0);
	T("a zero width space is width 0", pe_cp_width(0x200B) == 0);
}

int
main(void)
{
	test_next_put();
	test_valid_repair();
	test_count_cursor();
	test_utf16();
	test_classes();
	test_width();
	return T_REPORT();
}
