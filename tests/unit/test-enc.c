/*
 * test-enc.c - encoding detection and decoding to UTF-8.
 *
 * Shift_JIS, EUC-JP and UTF-16 inputs are made here from UTF-8 with ICU,
 * so the test needs no fixture files.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>

#include "pe/enc.h"
#include "pe/text.h"
#include "unit.h"

static const char jp[] =
    "日本国民は、正当に選挙された国会における代表者を通じて行動し、"
    "われらとわれらの子孫のために、諸国民との協和による成果と、"
    "わが国全土にわたつて自由のもたらす恵沢を確保する。"
    "この憲法は、令和５年４月１日から施行する。カタカナ、ﾊﾝｶｸもある。\n";

/* UTF-8 s converted to encoding enc; *n gets the length.  Caller frees. */
static char *
encode(const char *enc, const char *s, size_t *n)
{
	UErrorCode err = U_ZERO_ERROR;
	char *out = malloc(4 * strlen(s) + 8);

	*n = (size_t)ucnv_convert(enc, "UTF-8", out, (int32_t)(4 * strlen(s) + 8),
	    s, (int32_t)strlen(s), &err);
	if (U_FAILURE(err))
		*n = 0;
	return out;
}

/* Decode raw and check text, encoding and counts; frees the result. */
static int
decodes_to(const char *raw, size_t n, const char *forced, const char *text,
    const char *enc, int bom, size_t nbad)
{
	struct pe_decoded d;
	int ok;

	if (pe_decode(raw, n, forced, &d) != 0)
		return 0;
	ok = d.len == strlen(text) && strcmp(d.text, text) == 0 &&
	    strcmp(d.encoding, enc) == 0 && d.bom == bom && d.nbad == nbad;
	free(d.text);
	return ok;
}

static void
test_utf8(void)
{
	struct pe_decoded d;
	char buf[600];
	size_t n;

	T("UTF-8 without a BOM is UTF-8",
	    decodes_to(jp, strlen(jp), NULL, jp, "UTF-8", 0, 0));
	n = (size_t)snprintf(buf, sizeof(buf), "\xEF\xBB\xBF%s", jp);
	T("a UTF-8 BOM is removed and reported",
	    decodes_to(buf, n, NULL, jp, "UTF-8", 1, 0));
	T("NUL bytes in UTF-8 are kept",
	    pe_decode("a\0b", 3, NULL, &d) == 0 && d.len == 3 &&
	    memcmp(d.text, "a\0b", 4) == 0 && strcmp(d.encoding, "UTF-8") == 0);
	free(d.text);
	T("empty input decodes to an empty UTF-8 text",
	    pe_decode("", 0, NULL, &d) == 0 && d.len == 0 && d.text[0] == '\0' &&
	    strcmp(d.encoding, "UTF-8") == 0 && d.nbad == 0 && d.bom == 0);
	free(d.text);

	/* Good Japanese UTF-8 with one stray byte in the middle. */
	n = (size_t)snprintf(buf, sizeof(buf), "%.60s\xFF%s", jp, jp + 60);
	T("nearly valid UTF-8 stays UTF-8 and is repaired",
	    pe_decode(buf, n, NULL, &d) == 0 &&
	    strcmp(d.encoding, "UTF-8") == 0 && d.len == n + 2 &&
	    memcmp(d.text + 60, "\xEF\xBF\xBD", 3) == 0);
	T("repair counts the bad byte", d.nbad == 1);
	T("repair names the offset of the first bad byte", d.firstbad == 60);
	free(d.text);

	/* A truncated last character: the file was cut short. */
	n = (size_t)snprintf(buf, sizeof(buf), "%s\xE6\xBC", jp);
	T("a truncated last character is two bad bytes in UTF-8",
	    pe_decode(buf, n, NULL, &d) == 0 &&
	    strcmp(d.encoding, "UTF-8") == 0 && d.nbad == 2 &&
	    d.firstbad == strlen(jp));
	free(d.text);

	T("a stray Latin-1 byte in ASCII text is repaired as UTF-8",
	    pe_decode("The caf\xE9 is open.", 18, NULL, &d) == 0 &&
	    strcmp(d.encoding, "UTF-8") == 0 && d.nbad == 1 &&
	    d.firstbad == 7);
	free(d.text);

	n = (size_t)snprintf(buf, sizeof(buf), "\xEF\xBB\xBF" "ab\x80");
	T("a bad byte after a UTF-8 BOM is counted from the start of the input",
	    pe_decode(buf, n, NULL, &d) == 0 && d.bom == 1 && d.nbad == 1 &&
	    d.firstbad == 5 && strcmp(d.text, "ab\xEF\xBF\xBD") == 0);
	free(d.text);
}

static void
test_utf16(void)
{
	struct pe_decoded d;
	char *le, *be, *buf;
	size_t nle, nbe;

	le = encode("UTF-16LE", jp, &nle);
	be = encode("UTF-16BE", jp, &nbe);
	buf = malloc(nle + 3);
	memcpy(buf, "\xFF\xFE", 2);
	memcpy(buf + 2, le, nle);
	T("UTF-16LE with a BOM decodes, BOM removed",
	    decodes_to(buf, nle + 2, NULL, jp, "UTF-16LE", 1, 0));
	buf[nle + 2] = 'x';
	T("an odd trailing byte in UTF-16 becomes one U+FFFD",
	    pe_decode(buf, nle + 3, NULL, &d) == 0 && d.nbad == 1 &&
	    d.firstbad == nle + 2 &&
	    strcmp(d.text + d.len - 3, "\xEF\xBF\xBD") == 0);
	free(d.text);
	memcpy(buf, "\xFE\xFF", 2);
	memcpy(buf + 2, be, nbe);
	T("UTF-16BE with a BOM decodes, BOM removed",
	    decodes_to(buf, nbe + 2, NULL, jp, "UTF-16BE", 1, 0));
	T("UTF-16LE without a BOM is detected",
	    decodes_to(le, nle, NULL, jp, "UTF-16LE", 0, 0));
	T("UTF-16BE without a BOM is detected",
	    decodes_to(be, nbe, NULL, jp, "UTF-16BE", 0, 0));
	memcpy(buf, "\xFF\xFE", 2);
	memcpy(buf + 2, "a\0\x00\xD8" "b\0", 6);
	T("an unpaired surrogate in UTF-16 is two bad bytes, two U+FFFD",
	    pe_decode(buf, 8, NULL, &d) == 0 && d.nbad == 2 &&
	    d.firstbad == 4 &&
	    strcmp(d.text, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b") == 0);
	free(d.text);
	free(buf);
	free(le);
	free(be);
}

static void
test_japanese(void)
{
	struct pe_decoded d;
	char *sj, *euc, *buf;
	size_t nsj, neuc;
	/*
	 * ① (NEC row 13), 高橋の, 髙 (IBM extension FB FC), 橋さん。,
	 * 纊 (NEC-selected IBM extension ED 40), ｱ (half-width)
	 */
	static const char cp932[] = "\x87\x40\x8D\x82\x8B\xB4\x82\xCC\xFB\xFC"
	    "\x8B\xB4\x82\xB3\x82\xF1\x81\x42\xED\x40\xB1\n";

	sj = encode("windows-31j", jp, &nsj);
	T("Shift_JIS sample was produced", nsj > 100);
	T("Shift_JIS is detected and decoded",
	    decodes_to(sj, nsj, NULL, jp, "Shift_JIS", 0, 0));
	T("Shift_JIS is decoded as CP932: ①, 髙 and NEC/IBM extensions",
	    decodes_to(cp932, strlen(cp932), "Shift_JIS",
	    "①高橋の髙橋さん。纊ｱ\n", "Shift_JIS", 0, 0));
	buf = malloc(nsj + strlen(cp932));
	memcpy(buf, sj, nsj);
	memcpy(buf + nsj, cp932, strlen(cp932));
	T("detected Shift_JIS decodes the CP932 extensions too",
	    pe_decode(buf, nsj + strlen(cp932), NULL, &d) == 0 &&
	    strcmp(d.encoding, "Shift_JIS") == 0 &&
	    strstr(d.text, "①高橋の髙橋さん") != NULL);
	free(d.text);
	/* 0x85 0x40 is unassigned in CP932; 0x80 is no character at all. */
	buf[30] = (char)0x80;
	T("a bad byte in Shift_JIS is one U+FFFD, counted at its offset",
	    pe_decode(buf, nsj + strlen(cp932), NULL, &d) == 0 &&
	    strcmp(d.encoding, "Shift_JIS") == 0 && d.nbad >= 1 &&
	    d.firstbad == 30 && strstr(d.text, "\xEF\xBF\xBD") != NULL);
	free(d.text);
	free(buf);

	euc = encode("EUC-JP", jp, &neuc);
	T("EUC-JP sample was produced", neuc > 100);
	T("EUC-JP is detected and decoded",
	    decodes_to(euc, neuc, NULL, jp, "EUC-JP", 0, 0));
	T("EUC-JP may be forced by an alias",
	    decodes_to(euc, neuc, "eucjp", jp, "EUC-JP", 0, 0));
	T("Shift_JIS may be forced by the alias cp932",
	    decodes_to(sj, nsj, "cp932", jp, "Shift_JIS", 0, 0));
	T("a forced name that ICU knows but pe does not name is decoded",
	    pe_decode("\x1B$B$\"\x1B(B", 8, "ISO-2022-JP", &d) == 0 &&
	    strcmp(d.text, "あ") == 0 && strcmp(d.encoding, "ISO-2022-JP") == 0);
	free(d.text);
	free(sj);
	free(euc);
}

static void
test_latin_forced(void)
{
	static const char latin[] =
	    "Le pr\xE9sident de la R\xE9publique fran\xE7" "aise a sign\xE9 le "
	    "d\xE9" "cret. L'\xE9t\xE9 sera tr\xE8s chaud \xE0 Paris, o\xF9 "
	    "les caf\xE9s ferment t\xF4t. \xC0 bient\xF4t.\n";
	struct pe_decoded d;

	T("Latin-1 text with many accents is decoded as a single-byte encoding",
	    pe_decode(latin, strlen(latin), NULL, &d) == 0 &&
	    (strcmp(d.encoding, "ISO-8859-1") == 0 ||
	    strcmp(d.encoding, "windows-1252") == 0) &&
	    strstr(d.text, "pr\xC3\xA9sident") != NULL && d.nbad == 0);
	free(d.text);
	T("a forced encoding overrides detection",
	    decodes_to("caf\xE9", 4, "latin1", "caf\xC3\xA9", "ISO-8859-1", 0, 0));
	T("a forced encoding name is case-insensitive",
	    decodes_to("caf\xE9", 4, "LATIN1", "caf\xC3\xA9", "ISO-8859-1", 0, 0));
	T("forced windows-1252 decodes curly quotes",
	    decodes_to("\x93hi\x94", 4, "cp1252", "\xE2\x80\x9Chi\xE2\x80\x9D",
	    "windows-1252", 0, 0));
	T("forced UTF-8 repairs rather than guessing",
	    decodes_to("caf\xE9", 4, "utf8", "caf\xEF\xBF\xBD", "UTF-8", 0, 1));
	T("forced UTF-16LE drops the BOM it keeps as U+FEFF",
	    decodes_to("\xFF\xFE" "a\0", 4, "UTF-16LE", "a", "UTF-16LE", 1, 0));
	d.text = (char *)"untouched";
	T("an unknown forced encoding returns -1",
	    pe_decode("abc", 3, "no-such-encoding", &d) == -1);
	T("an empty forced encoding name returns -1",
	    pe_decode("abc", 3, "", &d) == -1);
	T("an unknown forced encoding returns -1 even for empty input",
	    pe_decode("", 0, "no-such-encoding", &d) == -1);
	T("pe_encoding_known knows Shift_JIS, cp932 and utf8",
	    pe_encoding_known("Shift_JIS") && pe_encoding_known("cp932") &&
	    pe_encoding_known("utf8"));
	T("pe_encoding_known rejects an unknown and an empty name",
	    !pe_encoding_known("no-such-encoding") && !pe_encoding_known(""));
}

static void
test_binary(void)
{
	struct pe_decoded d;
	unsigned char *bin;
	size_t k, n = 70000;
	uint32_t x = 12345;
	int ok;

	/* Mostly NUL, with pseudo-random bytes: no text at all. */
	bin = malloc(n);
	for (k = 0; k < n; k++) {
		x = x * 1103515245u + 12345u;
		bin[k] = k % 3 == 0 ? (unsigned char)(x >> 16) : 0;
	}
	ok = pe_decode((char *)bin, n, NULL, &d) == 0;
	T("a binary file decodes without crashing", ok);
	T("decoded binary is valid, NUL-terminated UTF-8",
	    ok && pe_utf8_valid(d.text, d.len) == d.len && d.text[d.len] == '\0');
	free(d.text);
	for (k = 0; k < n; k++) {
		x = x * 1103515245u + 12345u;
		bin[k] = (unsigned char)(x >> 16);
	}
	ok = pe_decode((char *)bin, n, NULL, &d) == 0;
	T("random bytes decode to valid UTF-8",
	    ok && pe_utf8_valid(d.text, d.len) == d.len);
	free(d.text);
	free(bin);
}

int
main(void)
{
	test_utf8();
	test_utf16();
	test_japanese();
	test_latin_forced();
	test_binary();
	return T_REPORT();
}
