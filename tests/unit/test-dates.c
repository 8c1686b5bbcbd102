/*
 * test-dates.c - pe-dates' normalizer: the scanner and the resolver on
 * short texts, against a creation date or none.
 *
 * Each check runs one text through dates_scan() and dates_resolve() as
 * pe-dates does for one record and compares "surface=value" pairs (with
 * "/MOD" when a mod is set), so a failure shows what was read and how.
 * The data files come from $PE_DATA, else ./data (make runs the tests
 * from the top directory).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "../../cmd/pe-dates.h"	/* the Makefile gives no -Icmd here */
#include "unit.h"

static struct dates_lex lex;
static struct dates_text text;
static char got[2048];

static const char *const mods[] = { "", "START", "MID", "END", "APPROX",
	"BEFORE", "AFTER" };

/*
 * The expressions of s as "surface=value" joined by " | ", resolved
 * against dct ("" for none).  ctx carries over between calls when keep
 * is set (a document's later sentences).
 */
static const char *
run(const char *s, const char *dct, int keep)
{
	static struct dates_ctx ctx;
	struct dates_list l = { 0 };
	struct dates_value v;
	size_t i, len = 0;

	if (!keep) {
		memset(&ctx, 0, sizeof(ctx));
		ctx.fystart = lex.fystart;
		if (*dct && dates_parse_dct(dct, &ctx.dct) < 0)
			return "bad dct";
	}
	memset(&ctx.day_in_text, 0, sizeof(ctx.day_in_text));
	dates_text_set(&text, s, strlen(s));
	dates_scan(&lex, &text, &l);
	ctx.future = dates_future(&lex, &text);
	got[0] = '\0';
	for (i = 0; i < l.n; i++) {
		const struct dates_expr *e = &l.e[i];

		dates_resolve(e, &ctx, &v);
		len += (size_t)snprintf(got + len, sizeof(got) - len,
		    "%s%.*s=%s%s%s", i ? " | " : "", (int)(e->bend - e->bstart),
		    s + e->bstart, v.value, e->mod ? "/" : "", mods[e->mod]);
		if (len >= sizeof(got))
			break;
	}
	free(l.e);
	return got;
}

#define EQ(name, s, dct, want) do { \
	const char *g_ = run(s, dct, 0); \
	T(name, strcmp(g_, want) == 0); \
	if (strcmp(g_, want) != 0) \
		printf("  text: %s\n  want: %s\n  got:  %s\n", s, want, g_); \
} while (0)

#define EQK(name, s, want) do { \
	const char *g_ = run(s, "", 1); \
	T(name, strcmp(g_, want) == 0); \
	if (strcmp(g_, want) != 0) \
		printf("  text: %s\n  want: %s\n  got:  %s\n", s, want, g_); \
} while (0)

static void
test_calendar(void)
{
	struct dates_point p;
	int y, m, d;
	long z;

	T("1970-01-01 is day 0", dates_days(1970, 1, 1) == 0);
	dates_civil(dates_days(2024, 2, 29), &y, &m, &d);
	T("civil(days(2024-02-29)) round-trips", y == 2024 && m == 2 && d == 29);
	z = dates_days(2000, 3, 1) - dates_days(2000, 2, 28);
	T("2000 is a leap year (400 rule)", z == 2);
	z = dates_days(1900, 3, 1) - dates_days(1900, 2, 28);
	T("1900 is not (100 rule)", z == 1);
	T("--dct 2026-01-13 parses", dates_parse_dct("2026-01-13", &p) == 0 &&
	    p.y == 2026 && p.m == 1 && p.d == 13);
	T("--dct 2025-05 is month precision", dates_parse_dct("2025-05", &p) ==
	    0 && p.m == 5 && p.d == 0);
	T("a time after the date is allowed", dates_parse_dct(
	    "2026-01-01T08:03", &p) == 0 && p.d == 1);
	T("2025-02-29 is refused", dates_parse_dct("2025-02-29", &p) < 0);
	T("2025-13 is refused", dates_parse_dct("2025-13", &p) < 0);
	T("2025-1-5 is refused", dates_parse_dct("2025-1-5", &p) < 0);
	T("'yesterday' is refused", dates_parse_dct("yesterday", &p) < 0);
	T("a month without a year is refused", dates_parse_dct("05", &p) < 0);
}

static void
test_absolute(void)
{
	EQ("Japanese full date", "2026年1月13日に発表した。", "",
	    "2026年1月13日=2026-01-13");
	EQ("full-width digits", "２０２５年５月", "", "２０２５年５月=2025-05");
	EQ("spaced by PDF extraction", "は 2 月 1 日、", "2019-03",
	    "2 月 1 日=2019-02-01");
	EQ("a year broken across a line", "（20 23年改正）", "",
	    "20 23年=2023");
	EQ("numeric forms", "2026/01/13と2026-01-13と2026.1.13", "",
	    "2026/01/13=2026-01-13 | 2026-01-13=2026-01-13 | "
	    "2026.1.13=2026-01-13");
	EQ("US order MM/DD/YYYY", "01/31/2026", "", "01/31/2026=2026-01-31");
	EQ("English dates", "January 7, 2026; 7 January 2026; December 2017; "
	    "Jan. 2026", "", "January 7, 2026=2026-01-07 | "
	    "7 January 2026=2026-01-07 | December 2017=2017-12 | "
	    "Jan. 2026=2026-01");
	EQ("a bare year in English text", "(London: Penguin, 2007)", "",
	    "2007=2007");
	EQ("no year after No.", "No. 2005 and 2000 people", "", "");
}

static void
test_eras(void)
{
	EQ("令和7年 is 2025", "令和7年", "", "令和7年=2025");
	EQ("平成31年 is 2019", "平成31年", "", "平成31年=2019");
	EQ("元年 is the era's first year", "令和元年5月1日", "",
	    "令和元年5月1日=2019-05-01");
	EQ("昭和 with full-width digits", "昭和６４年１月７日", "",
	    "昭和６４年１月７日=1989-01-07");
	EQ("era fiscal year", "令和７年度補正予算", "", "令和７年度=FY2025");
	EQ("letter eras", "R7年度とH31.4.1", "", "R7年度=FY2025 | "
	    "H31.4.1=2019-04-01");
	EQ("H2 before katakana is a rocket", "H2ロケット", "", "");
	EQ("a year with its era in brackets", "1897（明治30）年", "",
	    "1897（明治30）年=1897");
}

static void
test_kanji(void)
{
	EQ("kanji digits", "二〇二五年三月", "", "二〇二五年三月=2025-03");
	EQ("positional kanji", "千九百八十七年", "", "千九百八十七年=1987");
	EQ("kanji duration", "三十年間", "", "三十年間=P30Y");
	EQ("kanji afternoon time", "午後三時半", "", "午後三時半=T15:30");
	EQ("kanji inside words is no number", "統一、一方、十分な時間、一時的",
	    "", "");
	EQ("一日も早く is no date", "一日も早い解決", "", "");
}

static void
test_relative(void)
{
	EQ("昨年 against the DCT", "昨年の演習", "2025-05", "昨年=2024");
	EQ("本年２月", "本年２月には", "2025-05", "本年２月=2025-02");
	EQ("昨年秋 is a season", "昨年秋の", "2025-05", "昨年秋=2024-FA");
	EQ("来年度 is the next fiscal year (April)", "来年度で終了", "2025-05",
	    "来年度=FY2026");
	EQ("来年度 in February: the fiscal year began last April", "来年度",
	    "2026-02-10", "来年度=FY2026");
	EQ("partial date nearest the DCT, in the past", "1月7日、",
	    "2026-01-13", "1月7日=2026-01-07");
	EQ("partial date a year back", "11月27日", "2012-01-10",
	    "11月27日=2011-11-27");
	EQ("partial date a little ahead", "12/31", "2012-08-10",
	    "12/31=2012-12-31");
	EQ("two-digit year", "25年4月", "2026-01-31", "25年4月=2025-04");
	EQ("two-digit years in brackets", "（99～00）", "2019-03",
	    "99=1999 | 00=2000");
	EQ("約40年前 is approximate", "約40年前", "2026-01-31",
	    "約40年前=1986/APPROX");
	EQ("70年代 without a century", "70年代", "2026-01-31", "70年代=197");
	EQ("昨日 and 明日", "昨日と明日", "2012-08-10",
	    "昨日=2012-08-09 | 明日=2012-08-11");
	EQ("今日の means nowadays", "今日の中国", "2026-01-01", "");
	EQ("前年比 is a ratio", "前年比14.7%減", "2026-01-01", "");
	EQ("次の世紀", "次の世紀まで", "2025-05", "次の世紀=21");
	EQ("weekday nearest the DCT", "木曜日", "2016-09-02",
	    "木曜日=2016-09-01");
	EQ("no DCT: partial dates keep XXXX", "20日と12月14日", "",
	    "20日=XXXX-XX-20 | 12月14日=XXXX-12-14");
	EQ("今月6日 is read as 6日", "今月6日に", "2020-12-20", "6日=2020-12-06");

	run("トランプ大統領は 2 月 1 日、表明した。", "2019-03", 0);
	EQK("同日 is the day mentioned last", "ロシアも同日、",
	    "同日=2019-02-01");
	EQK("翌年 counts from it", "翌年には", "翌年=2020");
}

static void
test_periods(void)
{
	EQ("decade with a part", "1940年代後半以降", "", "1940年代後半=194/END");
	EQ("century", "20世紀と7世紀末", "", "20世紀=19 | 7世紀末=06/END");
	EQ("quarter and half", "2025年第1四半期と2025年上半期", "",
	    "2025年第1四半期=2025-Q1 | 2025年上半期=2025-H1");
	EQ("month parts", "11月中旬から2月初め", "",
	    "11月中旬=XXXX-11/MID | 2月初め=XXXX-02/START");
	EQ("FY", "FY2026", "", "FY2026=FY2026");
}

static void
test_durations_sets(void)
{
	EQ("durations", "1年3カ月、6か月、72時間以内、83日間", "",
	    "1年3カ月=P1Y3M | 6か月=P6M | 72時間=PT72H | 83日間=P83D");
	EQ("vague durations", "数年、数十年、何十年もの間", "",
	    "数年=PXY | 数十年=PXDE | 何十年もの間=PXDE");
	EQ("kept suffixes", "約1年3カ月ぶり、4年連続、５０年近く", "",
	    "約1年3カ月ぶり=P1Y3M/APPROX | 4年連続=P4Y | "
	    "５０年近く=P50Y/APPROX");
	EQ("a count of days", "8日しか出勤していない", "", "8日=P8D");
	EQ("more than 31 days", "357日出没し", "", "357日=P357D");
	EQ("sets", "毎年、4 年毎、年2回、週1回", "",
	    "毎年=P1Y | 4 年毎=P4Y | 年2回=P1Y | 週1回=P1W");
	EQ("English duration", "six months prior", "", "six months=P6M");
}

static void
test_times(void)
{
	EQ("a time takes the day written before it",
	    "Bloomberg 2026年1月1日 at 8:03 JST", "",
	    "2026年1月1日=2026-01-01 | 8:03 JST=2026-01-01T08:03");
	EQ("午前 with the DCT", "午前9時に", "2012-08-10",
	    "午前9時=2012-08-10T09:00");
	EQ("range end after midnight", "23時20分から2時", "2012-08-10",
	    "23時20分=2012-08-10T23:20 | 2時=2012-08-11T02:00");
	EQ("range end keeps the afternoon", "午後６時半－１１時", "2012-08-10",
	    "午後６時半=2012-08-10T18:30 | １１時=2012-08-10T23:00");
	EQ("a date and its time are one", "12/9の16:00", "2025-12-10",
	    "12/9の16:00=2025-12-09T16:00");
	EQ("正午", "正午に", "", "正午=T12:00");
	EQ("3時点 is no time", "3時点で", "", "");
}

static void
test_not_dates(void)
{
	EQ("document symbols", "A/59/2005, S/RES/1645-A/RES/60/180", "", "");
	EQ("phone and postcode", "TEL：03-3948-7255 〒160-0022", "", "");
	EQ("quantities", "500～5500 キロ、GDP比3.5%、2億7,765万円", "", "");
	EQ("a URL", "https://www.nytimes.com/2018/12/15/opinion.html", "", "");
	EQ("a date next to a URL", "January 7, 2026(<https://x.org/2026/01/>)",
	    "", "January 7, 2026=2026-01-07");
	EQ("versions", "Trump 2.0, v1.2.3", "", "");
	EQ("fractions", "議席の2/3と1/3", "", "");
	EQ("after 第", "第2次世界大戦と第1に", "", "");
}

static void
test_offsets(void)
{
	struct dates_list l = { 0 };
	const char *s = "𠮷野家は2025年に\xEF\xBF\xBD創業";

	dates_text_set(&text, s, strlen(s));
	dates_scan(&lex, &text, &l);
	T("one expression after a non-BMP character", l.n == 1);
	if (l.n == 1) {
		T("start counts 𠮷 as one code point", l.e[0].start == 4);
		T("end is half-open", l.e[0].end == 9);
		T("bytes of the surface", l.e[0].bend - l.e[0].bstart ==
		    strlen("2025年"));
	}
	free(l.e);
}

int
main(void)
{
	const char *dir = getenv("PE_DATA");

	pe_prog = "test-dates";
	if (dates_lex_load(&lex, dir && *dir ? dir : "data") < 0) {
		printf("cannot load the data files (set PE_DATA)\n");
		return 2;
	}
	test_calendar();
	test_absolute();
	test_eras();
	test_kanji();
	test_relative();
	test_periods();
	test_durations_sets();
	test_times();
	test_not_dates();
	test_offsets();
	dates_text_free(&text);
	dates_lex_free(&lex);
	return T_REPORT();
}
