/*
 * test-norm.c - NFKC and the map back to source offsets.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/norm.h"
#include "unit.h"

/* 1 when map[0..len] equals want[0..len]. */
static int
map_is(const struct pe_nfkc *o, const size_t *want)
{
	size_t k;

	for (k = 0; k <= o->len; k++)
		if (o->map[k] != want[k])
			return 0;
	return 1;
}

/* Normalize s and compare the result with want. */
static int
nfkc_is(const char *s, const char *want)
{
	struct pe_nfkc o;
	int ok;

	if (pe_nfkc(s, strlen(s), &o) != 0)
		return 0;
	ok = o.len == strlen(want) && strcmp(o.s, want) == 0 &&
	    o.map[o.len] == strlen(s);
	pe_nfkc_free(&o);
	return ok;
}

int
main(void)
{
	struct pe_nfkc o;
	/* "ＡＢＣ１２３": six full-width characters of three bytes each */
	static const size_t abc[] = { 0, 3, 6, 9, 12, 15, 18 };
	/* "xｶﾞy": x 0, ｶ 1..3, ﾞ 4..6, y 7 -> x ガ(3 bytes) y */
	static const size_t ga[] = { 0, 1, 1, 1, 7, 8 };
	/* "①" -> "1" */
	static const size_t one[] = { 0, 3 };
	/* "a㍻b" -> "a平成b": 平成 (6 bytes) both from offset 1 */
	static const size_t heisei[] = { 0, 1, 1, 1, 1, 1, 1, 4, 5 };
	/* "e" U+0301 "z" -> "éz": é comes from the segment at 0 */
	static const size_t eacute[] = { 0, 0, 3, 4 };
	/* "漢字ab": kanji copied with each byte mapped to its start */
	static const size_t kanji[] = { 0, 0, 0, 3, 3, 3, 6, 7, 8 };
	char *big;
	size_t k;
	int ok;

	T("NFKC folds full-width letters and digits to ASCII",
	    pe_nfkc("ＡＢＣ１２３", strlen("ＡＢＣ１２３"), &o) == 0 &&
	    strcmp(o.s, "ABC123") == 0 && o.len == 6);
	T("each folded full-width character maps to its source offset",
	    map_is(&o, abc));
	pe_nfkc_free(&o);

	T("half-width ｶ + ﾞ compose to one full-width ガ",
	    pe_nfkc("xｶﾞy", strlen("xｶﾞy"), &o) == 0 &&
	    strcmp(o.s, "xガy") == 0);
	T("every byte of ガ maps to the start of ｶ, the segment start",
	    map_is(&o, ga));
	pe_nfkc_free(&o);

	T("① becomes 1", pe_nfkc("①", 3, &o) == 0 && strcmp(o.s, "1") == 0);
	T("1 maps to the start of ①, and the map ends at the source length",
	    map_is(&o, one));
	pe_nfkc_free(&o);

	T("㍻ expands to 平成", pe_nfkc("a㍻b", strlen("a㍻b"), &o) == 0 &&
	    strcmp(o.s, "a平成b") == 0 && o.len == 8);
	T("both characters of 平成 map to the offset of ㍻", map_is(&o, heisei));
	pe_nfkc_free(&o);

	T("ASCII before a combining mark composes with it",
	    pe_nfkc("e\xCC\x81z", 4, &o) == 0 && strcmp(o.s, "\xC3\xA9z") == 0);
	T("the composed é maps to the e it started from", map_is(&o, eacute));
	pe_nfkc_free(&o);

	T("kanji pass through, each byte mapped to the start of its character",
	    pe_nfkc("漢字ab", 8, &o) == 0 && strcmp(o.s, "漢字ab") == 0 &&
	    map_is(&o, kanji));
	pe_nfkc_free(&o);

	T("hiragana with a combining voiced mark composes: か + U+3099 -> が",
	    nfkc_is("か\xE3\x82\x99", "が"));
	T("already-normal Japanese text is unchanged",
	    nfkc_is("日本国憲法第九条、ひらがな・カタカナ。", "日本国憲法第九条、ひらがな・カタカナ。"));
	T("the ideographic space folds to a space", nfkc_is("a\xE3\x80\x80z", "a z"));
	T("a Kangxi radical folds to its ideograph", nfkc_is("⽇本", "日本"));
	T("a compatibility ideograph folds to its unified form",
	    nfkc_is("\xEF\xA9\x80", "\xE6\x87\xB2"));	/* U+FA40 -> U+61F2 */
	T("𠮷 is left alone", nfkc_is("𠮷野家", "𠮷野家"));
	T("U+FFFD is left alone", nfkc_is("a\xEF\xBF\xBDz", "a\xEF\xBF\xBDz"));
	T("half-width katakana words widen", nfkc_is("ｶﾀｶﾅﾃﾞｽ", "カタカナデス"));
	T("Hangul stays composed", nfkc_is("한국어", "한국어"));
	T("a ligature expands: ﬁ -> fi", nfkc_is("\xEF\xAC\x81x", "fix"));

	T("empty text normalizes to empty, map[0] = 0",
	    pe_nfkc("", 0, &o) == 0 && o.len == 0 && o.s[0] == '\0' &&
	    o.map[0] == 0);
	pe_nfkc_free(&o);
	T("NUL bytes pass through", pe_nfkc("a\0b", 3, &o) == 0 && o.len == 3 &&
	    memcmp(o.s, "a\0b", 3) == 0);
	pe_nfkc_free(&o);
	T("an invalid byte comes out as U+FFFD, not invalid UTF-8",
	    pe_nfkc("a\xFFz", 3, &o) == 0 &&
	    strcmp(o.s, "a\xEF\xBF\xBDz") == 0 && o.map[1] == 1 && o.map[4] == 2);
	pe_nfkc_free(&o);

	/* Enough text to make the output buffer grow several times. */
	big = malloc(3 * 5000 + 1);
	for (k = 0; k < 5000; k++)
		memcpy(big + 3 * k, "㍻", 3);
	ok = pe_nfkc(big, 15000, &o) == 0 && o.len == 30000 &&
	    o.map[29999] == 14997 && o.map[30000] == 15000 &&
	    memcmp(o.s + 29994, "平成", 6) == 0;
	T("an expanding text grows the output and keeps the map aligned", ok);
	pe_nfkc_free(&o);
	free(big);

	pe_nfkc_free(&o);
	T("pe_nfkc_free leaves an empty struct that can be freed again",
	    o.s == NULL && o.map == NULL && o.len == 0);
	return T_REPORT();
}
