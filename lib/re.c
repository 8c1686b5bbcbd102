/*
 * re.c - PCRE2 patterns compiled once, matched under limits.
 *
 * A pattern is compiled with PCRE2_UTF | PCRE2_UCP, so \w, \d and \b know
 * that 漢 is a word character, and JIT-compiled when the platform has a
 * JIT (a pattern the JIT rejects still works, interpreted).  Each pattern
 * owns its match data and match context, and all share one JIT stack, so
 * a match allocates nothing; this makes patterns unsafe to use from more
 * than one thread, which pe does not do.  The JIT stack is created with
 * the first JIT-compiled pattern and freed with the last one.
 *
 * Every match runs under a match limit (the JIT and the interpreter) and
 * a depth and heap limit (the interpreter).  Running into any of them, or
 * into the end of the JIT stack, is reported to the caller as -1, so that
 * a pathological subject costs a warning for one record instead of a
 * hang.  Anchored matches pass PCRE2_ANCHORED at match time, which PCRE2
 * runs in the interpreter; they try one position only, so that is cheap.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <pcre2.h>

#include "pe/cli.h"
#include "pe/re.h"

/*
 * The depth, heap and stack limits let a repeated group run over a line
 * of some hundred thousand characters; the match limit stops
 * backtracking that is exponential long before they matter.
 */
#define MATCH_LIMIT	1000000
#define DEPTH_LIMIT	1000000
#define HEAP_LIMIT	(128 * 1024)	/* KiB */
#define JIT_STACK_MIN	(32 * 1024)
#define JIT_STACK_MAX	(8 * 1024 * 1024)

struct pe_re {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	int jit;		/* holds a reference to jstack */
};

/* Reserves address space; pages are used only as deep matches need them. */
static pcre2_jit_stack *jstack;
static size_t jstack_users;

struct pe_re *
pe_re_try(const char *pattern, int flags, char *err, size_t errsz)
{
	struct pe_re *re;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP;
	int ec;

	if (flags & PE_RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & PE_RE_MULTILINE)
		opts |= PCRE2_MULTILINE;
	if (flags & PE_RE_EXTENDED)
		opts |= PCRE2_EXTENDED;
	re = pe_xcalloc(1, sizeof(*re));
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &ec, &off, NULL);
	if (re->code == NULL) {
		if (pcre2_get_error_message(ec, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", ec);
		if (err != NULL && errsz > 0)
			snprintf(err, errsz, "%s at offset %zu", (char *)msg,
			    (size_t)off);
		free(re);
		return NULL;
	}
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (re->md == NULL || re->mctx == NULL)
		pe_die(PE_EXIT_TROUBLE, "out of memory compiling a pattern");
	pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, HEAP_LIMIT);
	/*
	 * Without a JIT this fails and the interpreter is used.  The JIT's
	 * default stack, 32 KiB of the machine stack, is too small for a
	 * repeated group over a long line.
	 */
	if (pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0) {
		if (jstack == NULL)
			jstack = pcre2_jit_stack_create(JIT_STACK_MIN,
			    JIT_STACK_MAX, NULL);
		if (jstack != NULL) {
			pcre2_jit_stack_assign(re->mctx, NULL, jstack);
			re->jit = 1;
			jstack_users++;
		}
	}
	return re;
}

struct pe_re *
pe_re_compile(const char *pattern, int flags)
{
	struct pe_re *re;
	char err[300];

	if ((re = pe_re_try(pattern, flags, err, sizeof(err))) == NULL)
		pe_die(PE_EXIT_TROUBLE, "bad pattern '%s': %s", pattern, err);
	return re;
}

void
pe_re_free(struct pe_re *re)
{
	if (re == NULL)
		return;
	if (re->jit && --jstack_users == 0) {
		pcre2_jit_stack_free(jstack);
		jstack = NULL;
	}
	pcre2_match_context_free(re->mctx);
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	free(re);
}

static int
match(const struct pe_re *re, const char *subject, size_t n, size_t start,
    size_t *ov, int nov, uint32_t opts)
{
	PCRE2_SIZE *pv;
	int rc, k;

	if (start > n)
		return 0;
	if (subject == NULL)
		subject = "";
	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, n, start,
	    opts | PCRE2_NO_UTF_CHECK, re->md, re->mctx);
	switch (rc) {
	case PCRE2_ERROR_NOMATCH:
	case PCRE2_ERROR_PARTIAL:
		return 0;
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return -1;
	}
	if (rc < 0) {
		PCRE2_UCHAR msg[256];

		if (pcre2_get_error_message(rc, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", rc);
		pe_warn("pattern match: %s", (char *)msg);
		return -1;
	}
	/* The match data is sized for the pattern, so rc is never 0. */
	pv = pcre2_get_ovector_pointer(re->md);
	for (k = 0; k < nov; k++) {
		if (k < rc) {
			ov[2 * k] = pv[2 * k];
			ov[2 * k + 1] = pv[2 * k + 1];
		} else
			ov[2 * k] = ov[2 * k + 1] = (size_t)-1;
	}
	return rc;
}

int
pe_re_match(const struct pe_re *re, const char *subject, size_t n,
    size_t start, size_t *ov, int nov)
{
	return match(re, subject, n, start, ov, nov, 0);
}

int
pe_re_match_at(const struct pe_re *re, const char *subject, size_t n,
    size_t start, size_t *ov, int nov)
{
	return match(re, subject, n, start, ov, nov, PCRE2_ANCHORED);
}
