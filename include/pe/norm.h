/*
 * norm.h - NFKC normalization with a map back to the source.
 *
 * Rules match on normalized text (full-width digits, compatibility
 * ideographs, half-width katakana fold to one form) but records report
 * offsets into the text as written.  pe_nfkc() therefore returns, for
 * every byte of its output, the byte offset in the input where the
 * character it came from starts.  Normalization works segment by segment
 * (ICU normalizer2, quick-check boundaries), so a composed character maps
 * to the start of the segment that produced it.
 */
#ifndef PE_NORM_H
#define PE_NORM_H

#include <stddef.h>

struct pe_nfkc {
	char *s;	/* normalized UTF-8, NUL-terminated */
	size_t len;	/* bytes in s */
	size_t *map;	/* len + 1 entries: source byte offset of each byte of s;
			   map[len] = the source length */
};

/*
 * Normalize valid UTF-8 src[0..n) to NFKC into out (fields owned by out;
 * free with pe_nfkc_free()).  Returns 0, or -1 when ICU fails (out is
 * then empty and a warning has been printed).  The ICU normalizer is
 * opened once and kept (an ICU singleton: never closed).
 */
int pe_nfkc(const char *src, size_t n, struct pe_nfkc *out);
void pe_nfkc_free(struct pe_nfkc *out);

#endif
