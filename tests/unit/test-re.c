/*
 * test-re.c - compiled patterns: groups, anchoring, UCP, limits.
 */
#include <string.h>
#include <time.h>

#include "pe/re.h"
#include "unit.h"

#define UNSET ((size_t)-1)

int
main(void)
{
	struct pe_re *re;
	const char *s;
	size_t ov[8];
	char err[200], big[20001];
	clock_t t0;
	double secs;
	int rc;

	re = pe_re_compile("第([0-9０-９]+)条(の([0-9]+))?", 0);
	s = "憲法第９条の2及び第12条";
	rc = pe_re_match(re, s, strlen(s), 0, ov, 4);
	T("a match returns the number of pairs set", rc == 4);
	T("group 0 spans the whole match in bytes",
	    ov[0] == 6 && ov[1] == strlen("憲法第９条の2"));
	T("group 1 is the article number, full-width digit included",
	    ov[2] == 9 && ov[3] == 12);
	T("nested optional groups are reported",
	    ov[4] == 15 && ov[6] == 18 && ov[7] == 19);
	rc = pe_re_match(re, s, strlen(s), ov[1], ov, 4);
	T("matching from an offset finds the next occurrence",
	    rc == 2 && memcmp(s + ov[0], "第12条", ov[1] - ov[0]) == 0);
	T("an unset trailing group is (size_t)-1",
	    ov[4] == UNSET && ov[5] == UNSET && ov[6] == UNSET);
	T("no match returns 0", pe_re_match(re, "nothing here", 12, 0, ov, 4) == 0);
	T("a start beyond the subject is no match",
	    pe_re_match(re, s, strlen(s), strlen(s) + 1, ov, 4) == 0);
	T("nov may be 0 with a NULL ovector",
	    pe_re_match(re, s, strlen(s), 0, NULL, 0) == 4);
	rc = pe_re_match(re, s, strlen(s), 0, ov, 1);
	T("a short ovector is filled only as far as nov",
	    rc == 4 && ov[0] == 6 && ov[2] != 9);

	T("anchored match succeeds exactly at start",
	    pe_re_match_at(re, s, strlen(s), 6, ov, 4) == 4 && ov[0] == 6);
	T("anchored match fails when the match starts later",
	    pe_re_match_at(re, s, strlen(s), 0, ov, 4) == 0);
	pe_re_free(re);

	re = pe_re_compile("^\\w+$", 0);
	T("UCP: \\w matches 漢", pe_re_match(re, "漢", 3, 0, ov, 1) == 1 &&
	    ov[1] == 3);
	T("UCP: \\w matches kana and 𠮷", pe_re_match(re, "ひらがなカ𠮷", 19, 0,
	    ov, 1) == 1);
	T("UCP: \\w does not match 。",
	    pe_re_match(re, "。", 3, 0, ov, 1) == 0);
	pe_re_free(re);

	re = pe_re_compile("\\d+", 0);
	T("UCP: \\d matches full-width digits",
	    pe_re_match(re, "１２３", 9, 0, ov, 1) == 1 && ov[1] == 9);
	pe_re_free(re);

	re = pe_re_compile("article", PE_RE_CASELESS);
	T("PE_RE_CASELESS ignores case", pe_re_match(re, "ARTICLE 9", 9, 0,
	    ov, 1) == 1);
	pe_re_free(re);
	re = pe_re_compile("^b", PE_RE_MULTILINE);
	T("PE_RE_MULTILINE makes ^ match after a newline",
	    pe_re_match(re, "a\nb", 3, 0, ov, 1) == 1 && ov[0] == 2);
	pe_re_free(re);
	re = pe_re_compile("a b # a comment", PE_RE_EXTENDED);
	T("PE_RE_EXTENDED ignores spaces and comments",
	    pe_re_match(re, "ab", 2, 0, ov, 1) == 1);
	pe_re_free(re);

	re = pe_re_compile("(a+)+$", 0);
	s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
	t0 = clock();
	rc = pe_re_match(re, s, strlen(s), 0, ov, 2);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	T("catastrophic backtracking ends in no match or a limit",
	    rc == 0 || rc == -1);
	T("catastrophic backtracking ends within two seconds", secs < 2.0);
	t0 = clock();
	rc = pe_re_match_at(re, s, strlen(s), 0, ov, 2);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	T("catastrophic backtracking, anchored (interpreted), ends in <= 0",
	    rc <= 0 && secs < 2.0);
	pe_re_free(re);

	/* A group repeated once per character goes deep in the interpreter. */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	re = pe_re_compile("(?:a|b)*?c|(a|b)*", 0);
	rc = pe_re_match(re, big, sizeof(big) - 1, 0, ov, 2);
	T("a 20,000-step group over a long line matches or hits a limit, "
	    "without crashing", rc == 2 || rc == -1);
	pe_re_free(re);

	T("pe_re_try returns NULL for a bad pattern",
	    pe_re_try("a(b", 0, err, sizeof(err)) == NULL);
	T("pe_re_try explains the error with an offset",
	    strstr(err, "offset 3") != NULL && strstr(err, "missing") != NULL);
	T("pe_re_try tolerates a NULL error buffer",
	    pe_re_try("[", 0, NULL, 0) == NULL);
	re = pe_re_try("ok", 0, err, sizeof(err));
	T("pe_re_try compiles a good pattern", re != NULL);
	pe_re_free(re);
	pe_re_free(NULL);
	return T_REPORT();
}
