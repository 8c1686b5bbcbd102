/*
 * unit.h - a twenty-line unit-test harness (after redis' testhelp.h).
 *
 *	T("joins a line", strcmp(got, "ab") == 0);
 *	return T_REPORT();
 *
 * Each T() prints a line only when it fails; T_REPORT() prints
 * "N passed, N failed" and returns the exit status for main().
 */
#ifndef PE_UNIT_H
#define PE_UNIT_H

#include <stdio.h>

static int t_pass, t_fail;

#define T(name, cond) do { \
	if (cond) t_pass++; \
	else { t_fail++; printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, name); } \
} while (0)

#define T_REPORT() \
	(printf("%s: %d passed, %d failed\n", __FILE__, t_pass, t_fail), t_fail != 0)

#endif
