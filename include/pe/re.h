/*
 * re.h - PCRE2 patterns compiled once, with UTF, UCP, JIT and limits.
 *
 * struct pe_re is opaque so that PCRE2 types stay out of programs.  A
 * pattern is compiled with PCRE2_UTF | PCRE2_UCP and JIT-compiled when
 * the platform has a JIT; every match runs under a match limit and a
 * depth limit, so a pathological subject is a warning for that record,
 * never a hang.  Subjects must be valid UTF-8 (pe_utf8_repair() first):
 * matching uses PCRE2_NO_UTF_CHECK for speed.
 */
#ifndef PE_RE_H
#define PE_RE_H

#include <stddef.h>

struct pe_re;

enum {
	PE_RE_CASELESS = 1,	/* PCRE2_CASELESS */
	PE_RE_MULTILINE = 2,	/* PCRE2_MULTILINE */
	PE_RE_EXTENDED = 4	/* PCRE2_EXTENDED */
};

/*
 * Compile pattern (NUL-terminated) with PE_RE_* flags.  A bad pattern is
 * a programming error or a bad data file: exits 2 with the pattern, the
 * offset and PCRE2's message.  Returns a new pattern; free with
 * pe_re_free().
 */
struct pe_re *pe_re_compile(const char *pattern, int flags);

/* Like pe_re_compile(), but returns NULL and writes PCRE2's message and
 * offset into err (errsz bytes) instead of exiting. */
struct pe_re *pe_re_try(const char *pattern, int flags, char *err,
    size_t errsz);

void pe_re_free(struct pe_re *re);

/*
 * Match re against subject[0..n) starting at byte offset start.  On a
 * match, returns the number of captured pairs (>= 1) and fills ov with up
 * to nov pairs of byte offsets (ov[2k], ov[2k+1]; unset groups are
 * (size_t)-1).  Returns 0 when there is no match and -1 when a match or
 * depth limit was hit (the caller warns and treats it as no match).
 */
int pe_re_match(const struct pe_re *re, const char *subject, size_t n,
    size_t start, size_t *ov, int nov);

/* Anchored variant: the match must start exactly at start. */
int pe_re_match_at(const struct pe_re *re, const char *subject, size_t n,
    size_t start, size_t *ov, int nov);

#endif
