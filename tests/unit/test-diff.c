/*
 * test-diff.c - pe-diff's parts: the line scan and its content hash, the
 * aligners, TIMEX3 comparison, word-level edits and joins.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/out.h"
#include "../../cmd/pe-diff.h"	/* the Makefile gives no -Icmd here */
#include "unit.h"

static int
scans(const char *s, uint64_t *h)
{
	return diff_scan_line(s, strlen(s), h);
}

static void
test_scan(void)
{
	uint64_t a, b, c;
	const char *v[3];
	size_t vl[3];
	static const char *const keys[] = { "id", "text", "nope" };
	const char *line = "{\"doc\":\"x.txt\",\"id\":\"s4\",\"kind\":\"sentence\","
	    "\"line\":7,\"para\":2,\"span\":[88,131],\"text\":\"米国は\\\"脱退\\\"した。\"}";

	T("scans a pe-split record", scans(line, &a));
	T("ignores id, doc, line, para and span in the hash",
	    scans("{\"doc\":\"y\",\"id\":\"s9\",\"kind\":\"sentence\",\"line\":1,"
	    "\"para\":5,\"span\":[0,1],\"text\":\"米国は\\\"脱退\\\"した。\"}", &b) &&
	    a == b);
	T("a changed text changes the hash",
	    scans("{\"doc\":\"x.txt\",\"id\":\"s4\",\"kind\":\"sentence\","
	    "\"text\":\"米国は脱退した。\"}", &c) && c != a);
	T("a changed kind changes the hash",
	    scans("{\"kind\":\"heading\",\"text\":\"米国は\\\"脱退\\\"した。\"}", &c) &&
	    scans("{\"kind\":\"sentence\",\"text\":\"米国は\\\"脱退\\\"した。\"}", &b) &&
	    c != b && b == a);
	T("annotations count in the hash",
	    scans("{\"kind\":\"sentence\",\"text\":\"米国は\\\"脱退\\\"した。\","
	    "\"dates\":[{\"value\":\"2026\"}]}", &c) && c != a);
	T("a backslash before the closing quote",
	    scans("{\"text\":\"a\\\\\"}", &c));
	T("rejects an empty line", !scans("", &c));
	T("rejects an array", !scans("[1,2]", &c));
	T("rejects a trailing comma", !scans("{\"a\":1,}", &c));
	T("rejects a missing colon", !scans("{\"a\" 1}", &c));
	T("rejects an unclosed string", !scans("{\"a\":\"b}", &c));
	T("rejects text after the object", !scans("{\"a\":1} x", &c));
	T("rejects a bare word value", !scans("{\"a\":yes}", &c));
	T("accepts an empty object", scans("{}", &c));
	T("finds raw field values",
	    diff_line_fields(line, strlen(line), keys, 3, v, vl) &&
	    vl[0] == 4 && memcmp(v[0], "\"s4\"", 4) == 0 &&
	    v[1] != NULL && v[1][0] == '"' && v[2] == NULL);
}

/* LCS length by the textbook table, for checking Myers. */
static size_t
lcs(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t *t = calloc((na + 1) * (nb + 1), sizeof(*t)), i, j, r;

	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++)
			t[i * (nb + 1) + j] = a[i - 1] == b[j - 1] ?
			    t[(i - 1) * (nb + 1) + j - 1] + 1 :
			    t[(i - 1) * (nb + 1) + j] > t[i * (nb + 1) + j - 1] ?
			    t[(i - 1) * (nb + 1) + j] : t[i * (nb + 1) + j - 1];
	r = t[na * (nb + 1) + nb];
	free(t);
	return r;
}

/* 1 when ma/mb is a monotone pairing of equal elements, consistent both
 * ways; *n gets the number of pairs. */
static int
valid(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
    const int32_t *ma, const int32_t *mb, size_t *n)
{
	long last = -1;
	size_t i, k = 0;

	for (i = 0; i < na; i++) {
		if (ma[i] < 0)
			continue;
		if ((size_t)ma[i] >= nb || ma[i] <= last || a[i] != b[ma[i]] ||
		    mb[ma[i]] != (int32_t)i)
			return 0;
		last = ma[i];
		k++;
	}
	for (i = 0; i < nb; i++)
		if (mb[i] >= 0 && ma[mb[i]] != (int32_t)i)
			return 0;
	*n = k;
	return 1;
}

static void
test_align(void)
{
	uint64_t a[40], b[40];
	int32_t ma[40], mb[40];
	size_t na, nb, i, n, bad_myers = 0, bad_align = 0, bad_valid = 0;
	unsigned seed = 12345;
	int round;

	for (round = 0; round < 3000; round++) {
		na = (size_t)(rand_r(&seed) % 20);
		nb = (size_t)(rand_r(&seed) % 20);
		for (i = 0; i < na; i++)
			a[i] = (uint64_t)(rand_r(&seed) % (1 + round % 6));
		for (i = 0; i < nb; i++)
			b[i] = (uint64_t)(rand_r(&seed) % (1 + round % 6));
		if (diff_myers(a, na, b, nb, ma, mb, 100) != 0 ||
		    !valid(a, na, b, nb, ma, mb, &n) || n != lcs(a, na, b, nb))
			bad_myers++;
		diff_align(a, na, b, nb, ma, mb);
		if (!valid(a, na, b, nb, ma, mb, &n))
			bad_valid++;
		/* anchors may cost a pair or two, never more than half */
		else if (2 * n < lcs(a, na, b, nb))
			bad_align++;
	}
	T("Myers finds a longest common subsequence", bad_myers == 0);
	T("diff_align pairs equal records in order, both ways", bad_valid == 0);
	T("diff_align keeps most of the common records", bad_align == 0);

	/* a unique record moved to the front: the rest stay paired */
	for (i = 0; i < 30; i++)
		a[i] = 100 + i;
	b[0] = a[20];
	for (i = 0, n = 1; i < 30; i++)
		if (i != 20)
			b[n++] = a[i];
	diff_align(a, 30, b, 30, ma, mb);
	T("a moved record is the only one unpaired",
	    ma[20] == -1 && mb[0] == -1 && ma[0] == 1 && ma[29] == 29);
	/* Myers' cap */
	for (i = 0; i < 30; i++)
		b[i] = 1000 + i;
	T("Myers gives up past its cap",
	    diff_myers(a, 30, b, 30, ma, mb, 10) == -1);
}

static int
cmp(const char *x, const char *y, int *d, int *g)
{
	return diff_date_cmp(x, y, d, g);
}

static void
test_dates(void)
{
	int d, g;

	T("2026-01 agrees with 2026-01-07",
	    cmp("2026-01", "2026-01-07", &d, &g) == 1 && g == 3 && d == 0);
	T("2026-01-07 and 2025-01-07 differ on the year only",
	    cmp("2026-01-07", "2025-01-07", &d, &g) == 0 && d == 1 && g == 6);
	T("a decade holds its years",
	    cmp("194", "1945", &d, &g) == 1 && cmp("194", "1955", &d, &g) == 0);
	T("XXXX-01-07 compares month and day only",
	    cmp("XXXX-01-07", "2025-01-07", &d, &g) == 1 && g == 6);
	T("a season compares by its year",
	    cmp("2024-FA", "2024-10-02", &d, &g) == 1 && g == 1);
	T("a fiscal year only with a fiscal year",
	    cmp("FY2026", "2026", &d, &g) == -1 &&
	    cmp("FY2026", "FY2025", &d, &g) == 0);
	T("durations and relative values are not compared",
	    cmp("P1Y", "2026", &d, &g) == -1 &&
	    cmp("PRESENT_REF", "2026", &d, &g) == -1);
	T("a bad month is not a date", cmp("2026-13", "2026", &d, &g) == -1);
	T("a time after the date", cmp("2026-01-07T10:00", "2026-01-07", &d,
	    &g) == 1);
}

static char *
words(const char *x, const char *y)
{
	struct pe_buf b = { 0 };

	diff_words(x, strlen(x), y, strlen(y), &b);
	return b.s;
}

static void
test_words(void)
{
	char *s, *j;
	size_t n;

	diff_opts_default();
	s = words("日本政府は協議を続けると表明した。",
	    "日本政府は協議を続けると発表した。");
	T("表明した → 発表した is 表明 → 発表 (ICU word breaks)",
	    strcmp(s, "[[\"=\",\"日本政府は協議を続けると\"],[\"-\",\"表明\"],"
	    "[\"+\",\"発表\"],[\"=\",\"した。\"]]") == 0);
	free(s);
	s = words("the free world", "the new world");
	T("English edits are whole words",
	    strcmp(s, "[[\"=\",\"the \"],[\"-\",\"free\"],[\"+\",\"new\"],"
	    "[\"=\",\" world\"]]") == 0);
	free(s);
	s = words("", "新しい文。");
	T("from nothing: one insertion", strcmp(s, "[[\"+\",\"新しい文。\"]]") == 0);
	free(s);
	s = words("a\"b", "a\"c");
	T("ops are JSON-escaped", strstr(s, "\\\"") != NULL);
	free(s);
	diff_opt.gran = DIFF_GRAN_NONE;
	s = words("同じ", "同じ");
	T("granularity none: equal texts are one \"=\"",
	    strcmp(s, "[[\"=\",\"同じ\"]]") == 0);
	free(s);
	diff_opt.gran = DIFF_GRAN_WORD;

	j = diff_join("NATO", 4, "に加盟", strlen("に加盟"), &n);
	T("no space joining Latin to Japanese", strcmp(j, "NATOに加盟") == 0);
	free(j);
	j = diff_join("free", 4, "world", 5, &n);
	T("one space between Latin words", strcmp(j, "free world") == 0 && n == 10);
	free(j);
	j = diff_join("目指している。", strlen("目指している。"), "しかし",
	    strlen("しかし"), &n);
	T("no space between Japanese sentences",
	    strcmp(j, "目指している。しかし") == 0);
	free(j);
	diff_words_fini();
}

static void
test_fold(void)
{
	struct diff_rec x, y;

	memset(&x, 0, sizeof(x));
	memset(&y, 0, sizeof(y));
	diff_opts_default();
	x.kind = y.kind = "sentence";
	x.text = "費用は年間約３０億円。";
	x.textlen = strlen(x.text);
	y.text = "費用は 年間約30億円。";
	y.textlen = strlen(y.text);
	diff_fold(&x);
	diff_fold(&y);
	T("full-width digits and layout spaces fold away",
	    x.foldhash == y.foldhash && strcmp(x.fold, y.fold) == 0);
	T("equal folded texts are fully similar", diff_sim(&x, &y) == 1.0);
	free(x.fold);
	free(x.bi);
	free(y.fold);
	free(y.bi);
}

int
main(void)
{
	pe_prog = "test-diff";
	test_scan();
	test_align();
	test_dates();
	test_words();
	test_fold();
	return T_REPORT();
}
