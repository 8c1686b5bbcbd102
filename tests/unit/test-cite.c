/*
 * test-cite.c - unit tests of pe-cite's parts: dates, note markers,
 * URLs, document symbols and the reference parsers.
 *
 * The word lists come from $PE_DATA, else the data directory pe_datadir()
 * finds, else ./data (make check runs from the top of the tree).
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "../../cmd/pe-cite.h"	/* private to pe-cite: no -Icmd here */
#include "unit.h"

static int
date_is(const char *s, int y, int m, int d, size_t len)
{
	struct cite_date dt;
	size_t l = cite_date_at(s, strlen(s), &dt);

	return l == len && dt.y == y && dt.m == m && dt.d == d;
}

/* The markers of text as "key@start-end;..." (bytes). */
static const char *
markers(const char *text, const char *bare)
{
	static char out[512];
	unsigned char ok[16] = { 0 };
	struct cite_hits h = { 0 };
	size_t i, k = 0;

	for (; bare && *bare; bare++)
		ok[*bare - '0'] = 1;
	cite_scan_markers(text, strlen(text), 0, ok, sizeof(ok), &h);
	out[0] = '\0';
	for (i = 0; i < h.n && k < sizeof(out) - 40; i++)
		k += (size_t)snprintf(out + k, sizeof(out) - k, "%s@%zu-%zu;",
		    h.v[i].key, h.v[i].b, h.v[i].e);
	cite_hits_free(&h);
	return out;
}

static const char *
urls(const char *text)
{
	static char out[1024];
	struct cite_hits h = { 0 };
	size_t i, k = 0;

	cite_scan_urls(text, strlen(text), &h);
	out[0] = '\0';
	for (i = 0; i < h.n && k < sizeof(out) - 200; i++)
		k += (size_t)snprintf(out + k, sizeof(out) - k, "%s;", h.v[i].url);
	cite_hits_free(&h);
	return out;
}

static const char *
symbols(const char *text)
{
	static char out[512];
	struct cite_hits h = { 0 };
	size_t i, k = 0;

	cite_scan_symbols(text, strlen(text), &h);
	out[0] = '\0';
	for (i = 0; i < h.n && k < sizeof(out) - 80; i++)
		k += (size_t)snprintf(out + k, sizeof(out) - k, "%s%s%s;",
		    h.v[i].symbol, h.v[i].locator ? "@" : "",
		    h.v[i].locator ? h.v[i].locator : "");
	cite_hits_free(&h);
	return out;
}

/* Parse the string literal S (its length taken by the macro). */
#define EN(S, IT) cite_parse_en((S), strlen(S), (IT))
#define ANY(S, CTX, ITEMS) cite_parse_any((S), strlen(S), (CTX), (ITEMS), 4)
#define WEB(S, IT) cite_parse_web((S), strlen(S), (IT))
#define CREDIT(S, IT) cite_parse_credit((S), strlen(S), (IT))

static int
str_is(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
family(const struct cite_names *l, size_t i, const char *f)
{
	return i < l->n && l->v[i].family && strcmp(l->v[i].family, f) == 0;
}

int
main(void)
{
	const char *dir = getenv("PE_DATA");
	struct cite_item it, items[4];
	struct cite_ctx ctx = { { 2026, 1, 13 } };
	char key[16];
	enum cite_style st;
	size_t m;
	int n;

	if (dir == NULL || *dir == '\0')
		dir = pe_datadir("cite-words.tsv");
	if (dir == NULL)
		dir = "data";
	if (cite_words_load(dir) < 0) {
		printf("cannot load the word lists from %s\n", dir);
		return 1;
	}

	/* dates */
	T("a year", date_is("2026", 2026, 0, 0, 4));
	T("month day, year", date_is("January 7, 2026(", 2026, 1, 7, 15));
	T("day month year", date_is("5 March 2017]", 2017, 3, 5, 12));
	T("parenthesized year and date", date_is("(2012, January 16).", 2012, 1, 16, 18));
	T("abbreviated month with a dot", date_is("Jul., 1981", 1981, 7, 0, 10));
	T("Japanese date", date_is("2026年1月8日付", 2026, 1, 8, 15));
	T("full-width Japanese month", date_is("２０２５年５月", 2025, 5, 0, 21));
	T("month and day only: no year", date_is("1月8日付", 0, 1, 8, 8));
	T("US slash date", date_is("01/31/2026", 2026, 1, 31, 10));
	T("ISO date", date_is("2012-01-16", 2012, 1, 16, 10));
	T("a year with a letter", date_is("2001a.", 2001, 0, 0, 5));
	T("a number is no year", date_is("123", 0, 0, 0, 0));
	T("cite_is_year", cite_is_year("1999", 4) && !cite_is_year("199", 3) &&
	    !cite_is_year("3000", 4));

	/* note markers at the start of a note */
	m = cite_note_marker("<sup>iv</sup> UN Documents", 26, 0, key, &st);
	T("<sup>iv</sup> note", m == 14 && strcmp(key, "iv") == 0 && st == CS_SUP);
	m = cite_note_marker("[^12]: text", 11, 0, key, &st);
	T("[^12]: note", m == 7 && strcmp(key, "12") == 0 && st == CS_FOOT);
	m = cite_note_marker("3 ヒラリー", 13, 1, key, &st);
	T("loose 3 note", m == 2 && strcmp(key, "3") == 0 && st == CS_BARE);
	T("loose 3 needs loose", cite_note_marker("3 ヒラリー", 13, 0, key, &st) == 0);
	m = cite_note_marker("\xe2\x80\xbb" "2 text", 9, 0, key, &st);
	T("※2 note", m == 5 && strcmp(key, "2") == 0 && st == CS_KOME);
	T("a year is no note number",
	    cite_note_marker("2018 Report", 11, 1, key, &st) == 0);

	/* body markers */
	T("<sup> in Japanese text", strcmp(markers("表明した<sup>i</sup>。", NULL),
	    "i@12-24;") == 0);
	T("bare digits after quotes and words",
	    strcmp(markers("「間違い」1「足りない」2報告書3の", "123"),
	    "1@15-16;2@34-35;3@44-45;") == 0);
	T("bare digits need a note", strcmp(markers("報告書3の", "12"), "") == 0);
	T("not 4 年毎, 2016 年, （99～00）, 2.0」",
	    strcmp(markers("米国の 4 年毎、2016 年、（99～00）、「競争 2.0」",
	    "1249"), "") == 0);
	T("not 第2次 nor 計6の", strcmp(markers("第2次計6の", "26"), "") == 0);
	T("not before a counter: 政権1年", strcmp(markers("政権1年", "1"), "") == 0);
	T("※1, 注2, （注3）, ¹",
	    strcmp(markers("a※1b注2c（注3）d\xc2\xb9", NULL),
	    "1@1-5;2@6-10;3@11-21;1@22-24;") == 0);
	T("[1] and [^2], not [1](url) nor ![1]",
	    strcmp(markers("x[1] y[^2] [3](u) ![4]", NULL), "1@1-4;2@6-10;") == 0);
	T("m² is a unit", strcmp(markers("10 m\xc2\xb2", NULL), "") == 0);
	/* found by fuzz-cite: NUL bytes were taken for roman numerals */
	{
		static const char nul[] = "x[^\0\0\0]y";
		struct cite_hits h = { 0 };

		cite_scan_markers(nul, sizeof(nul) - 1, 0, NULL, 0, &h);
		T("[^NUL] is no marker", h.n == 0);
		cite_hits_free(&h);
	}
	/* found by fuzz-cite: a long digit run overflowed its value */
	T("a long run of digits is skipped whole",
	    strcmp(markers("書\xef\xbc\x91" "44444444444444444444000007039476560217",
	    "14"), "") == 0);

	/* URLs */
	T("a URL and a trailing )", strcmp(urls("(see https://a.org/x_(y))."),
	    "https://a.org/x_(y);") == 0);
	T("<> stripped", strcmp(urls("2026(<https://a.org/p/>)"),
	    "https://a.org/p/;") == 0);
	T("Markdown link: the target, once",
	    strcmp(urls("([https://a.org/t\\\\_x](https://a.org/t_x))。"),
	    "https://a.org/t_x;") == 0);
	T("\\_ undone in a bare URL", strcmp(urls("https://a.org/a\\_b "),
	    "https://a.org/a_b;") == 0);
	T("a URL broken over a line", strcmp(urls("https://a.org/long-path-"
	    " more/page.html is it"), "https://a.org/long-path-more/page.html;") == 0);
	T("a sentence after a URL is not joined",
	    strcmp(urls("at https://a.org/. Then we"), "https://a.org/;") == 0);
	T("Japanese after a URL", strcmp(urls("https://a.org/x。参照"),
	    "https://a.org/x;") == 0);
	T("e-mail as mailto:", strcmp(urls("E-mail：info@nd-example.org"),
	    "mailto:info@nd-example.org;") == 0);
	T("www. alone", strcmp(urls("at www.example.com, too"),
	    "www.example.com;") == 0);

	/* document symbols */
	T("two symbols written as one",
	    strcmp(symbols("UN Documents, S/RES/1645-A/RES/60/180."),
	    "S/RES/1645;A/RES/60/180;") == 0);
	T("a locator after the title", strcmp(symbols("A/59/2005, \"In larger "
	    "freedom,\" para.114. Next."), "A/59/2005@114;") == 0);
	T("E/CN.4/2005/L.10", strcmp(symbols("see E/CN.4/2005/L.10 here"),
	    "E/CN.4/2005/L.10;") == 0);
	T("no symbol in a URL or a date", strcmp(symbols("https://x.org/S/RES/1 "
	    "12/25/2020 TCP/IP/2"), "") == 0);

	/* English references */
	cite_item_init(&it);
	EN("Bolton, John R. (2000) \"Should We Take Global Governance "
	    "Seriously?,\" Chicago Journal of International Law: Vol. 1: No. 2, "
	    "Article 2., https://chicagounbound.uchicago.edu/cjil/vol1/iss2/2/", &it);
	T("journal article: type", str_is(it.type, "article-journal"));
	T("journal article: author", family(&it.author, 0, "Bolton") &&
	    str_is(it.author.v[0].given, "John R."));
	T("journal article: title", str_is(it.v[CV_TITLE],
	    "Should We Take Global Governance Seriously?"));
	T("journal article: container", str_is(it.v[CV_CONTAINER],
	    "Chicago Journal of International Law"));
	T("journal article: volume, issue", str_is(it.v[CV_VOLUME], "1") &&
	    str_is(it.v[CV_ISSUE], "2"));
	T("journal article: year and URL", it.issued.y == 2000 &&
	    str_is(it.v[CV_URL], "https://chicagounbound.uchicago.edu/cjil/vol1/iss2/2/"));
	cite_item_free(&it);

	EN("Rupert Smith, *The Utility of Force: The Art of War in the "
	    "Modern World* (London: Penguin, 2007), Chapter 8, \"Bosnia: Using "
	    "Force Amongst the People.\"", &it);
	T("chapter: type and titles", str_is(it.type, "chapter") &&
	    str_is(it.v[CV_TITLE], "Bosnia: Using Force Amongst the People") &&
	    str_is(it.v[CV_CONTAINER],
	    "The Utility of Force: The Art of War in the Modern World"));
	T("chapter: place, publisher, year", str_is(it.v[CV_PLACE], "London") &&
	    str_is(it.v[CV_PUBLISHER], "Penguin") && it.issued.y == 2007 &&
	    family(&it.author, 0, "Smith"));
	cite_item_free(&it);

	EN("12. Horvath KJ, Oakes JM, Rosser BR, et al. Feasibility of "
	    "peer support. AIDS Behav. 2013;17(6):2031-44.", &it);
	T("Vancouver names", it.author.n == 3 && family(&it.author, 0, "Horvath") &&
	    str_is(it.author.v[0].given, "KJ") && family(&it.author, 2, "Rosser"));
	T("Vancouver numbers", str_is(it.v[CV_ISSUE], "6") &&
	    str_is(it.v[CV_PAGE], "2031-44") && str_is(it.v[CV_CITNUM], "12"));
	cite_item_free(&it);

	EN("7. Tanaka, K. Mori, T. Okada, H. (2019). Sleep and memory in "
	    "older adults. J Aging Res. 12(3):45-51.", &it);
	T("inverted names of initials, the dots their only separators",
	    it.author.n == 3 && family(&it.author, 0, "Tanaka") &&
	    family(&it.author, 1, "Mori") && family(&it.author, 2, "Okada") &&
	    str_is(it.author.v[2].given, "H.") &&
	    str_is(it.v[CV_TITLE], "Sleep and memory in older adults"));
	cite_item_free(&it);
	EN("Ito, M. (2010). Trade and trust. In A. Brown, C. Davis, & "
	    "E. Fox (Eds.), Asian markets (pp. 1-20). Tokyo: Keiso.", &it);
	T("editors after In, the first one too", it.editor.n == 3 &&
	    family(&it.editor, 0, "Brown") && family(&it.editor, 2, "Fox") &&
	    str_is(it.v[CV_CONTAINER], "Asian markets"));
	cite_item_free(&it);
	EN("Sato, Ken. (2018). Port cities face rising seas. Nikkei Asia "
	    "14 March.", &it);
	T("a day and month after the newspaper go to the date",
	    str_is(it.v[CV_CONTAINER], "Nikkei Asia") && it.issued.y == 2018 &&
	    it.issued.m == 3 && it.issued.d == 14);
	cite_item_free(&it);
	EN("———. Harbour Lights. Boston: Beacon, 1999.", &it);
	T("a dash for the author before: no author, the title read",
	    it.author.n == 0 && str_is(it.v[CV_TITLE], "Harbour Lights") &&
	    str_is(it.v[CV_PUBLISHER], "Beacon") && str_is(it.type, "book"));
	cite_item_free(&it);
	EN("Reed, Anna. A History of Tea. London, 1790.", &it);
	T("a known place and the year end a book",
	    str_is(it.v[CV_PLACE], "London") && str_is(it.type, "book") &&
	    str_is(it.v[CV_TITLE], "A History of Tea") && it.issued.y == 1790);
	cite_item_free(&it);
	EN("Smith, J. Japan, China and Korea in the Cold War. London: "
	    "Penguin, 2001.", &it);
	T("a title of names after initials is no second author",
	    it.author.n == 1 && family(&it.author, 0, "Smith"));
	cite_item_free(&it);

	EN("Blish, James, and Norman L. Knight. A Torrent of Faces. "
	    "Garden City, N.Y.: Doubleday, 1967.", &it);
	T("Chicago: inverted, then natural order", it.author.n == 2 &&
	    family(&it.author, 0, "Blish") && family(&it.author, 1, "Knight"));
	T("Chicago: book with a place and state", str_is(it.type, "book") &&
	    str_is(it.v[CV_TITLE], "A Torrent of Faces") &&
	    str_is(it.v[CV_PUBLISHER], "Doubleday") && it.issued.y == 1967);
	cite_item_free(&it);

	EN("[42] D. H. van Hessem, \"Stochastic control,\" Ph.D. "
	    "dissertation, TU Delft, 2004.", &it);
	T("particle and thesis", it.author.n == 1 &&
	    str_is(it.author.v[0].particle, "van") &&
	    family(&it.author, 0, "Hessem") && str_is(it.type, "thesis") &&
	    str_is(it.v[CV_PUBLISHER], "TU Delft"));
	cite_item_free(&it);

	/* Japanese and the dispatcher */
	n = ANY("託摩佳代・慶應義塾大学教授による日経電子版1月8日付「トランプ氏、"
	    "66の国際機関から脱退指示」に対するコメントを参照。", &ctx, items);
	T("Japanese newspaper note", n == 1 &&
	    str_is(items[0].type, "article-newspaper") &&
	    family(&items[0].author, 0, "託摩") &&
	    str_is(items[0].v[CV_CONTAINER], "日経電子版") &&
	    items[0].issued.y == 2026 && items[0].issued.m == 1 &&
	    items[0].issued.d == 8);
	cite_item_free(&items[0]);
	n = ANY("UN Documents, S/RES/1645-A/RES/60/180.", &ctx, items);
	T("two UN documents", n == 2 && str_is(items[1].v[CV_NUMBER],
	    "A/RES/60/180") && str_is(items[1].v[CV_AUTHORITY],
	    "United Nations General Assembly"));
	cite_item_free(&items[0]);
	cite_item_free(&items[1]);
	n = ANY("スティーブン・ファイファー、ブルッキングス研究所シニアフェロー",
	    &ctx, items);
	T("a katakana name and what follows", n == 1 &&
	    family(&items[0].author, 0, "ファイファー") &&
	    str_is(items[0].author.v[0].given, "スティーブン") &&
	    str_is(items[0].v[CV_NOTE], "ブルッキングス研究所シニアフェロー"));
	cite_item_free(&items[0]);
	cite_item_init(&it);
	T("Title | Site", WEB("Trump 2.0 Enters 2026 | Chicago Council", &it) &&
	    str_is(it.v[CV_CONTAINER], "Chicago Council") &&
	    str_is(it.type, "webpage"));
	cite_item_free(&it);
	T("credit with a title before the name",
	    CREDIT("President Donald Trump, March 2016", &it) &&
	    family(&it.author, 0, "Trump") && it.issued.m == 3);
	cite_item_free(&it);
	T("credit: body, report title with its year",
	    CREDIT("Munich Security Conference, Security Report 2019", &it) &&
	    str_is(it.v[CV_PUBLISHER], "Munich Security Conference") &&
	    str_is(it.v[CV_TITLE], "Security Report 2019") &&
	    it.issued.y == 2019 && str_is(it.type, "report"));
	cite_item_free(&it);

	cite_words_free();
	return T_REPORT();
}
