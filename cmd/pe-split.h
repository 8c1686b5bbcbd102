/*
 * pe-split.h - the segmenter's interface, private to pe-split (and its
 * unit tests and fuzz target).
 *
 * seg_run() takes one decoded document (valid UTF-8) and returns its
 * units in reading order: each with a kind, the repaired text, the byte
 * span it covers in the document, and the line and paragraph where it
 * starts.  Byte spans become code points in pe-split.c, the one place
 * that writes records.
 */
#ifndef PE_SPLIT_H
#define PE_SPLIT_H

#include <stddef.h>

enum seg_kind {
	K_TITLE, K_HEADING, K_SENTENCE, K_LIST, K_QUOTE, K_FOOTNOTE,
	K_REFERENCE, K_URL, K_META, K_PAGE, K_BOILER, K_NKINDS
};

extern const char *const seg_kind_name[K_NKINDS];

enum seg_unit_mode { SEG_SENTENCE, SEG_PARAGRAPH, SEG_LINE };

struct seg_opts {
	enum seg_unit_mode unit;
	int keep_layout;	/* no repair: text is the source between span ends */
};

struct seg_unit {
	int kind;
	size_t b0, b1;		/* bytes [b0, b1) of the document */
	unsigned long line;	/* 1-based line of b0 */
	unsigned long para;	/* 1-based paragraph */
	char *text;		/* owned, NUL-terminated */
	size_t len;
};

struct seg_result {
	struct seg_unit *u;
	size_t n, cap;
	const char *title;	/* borrowed from u[]: the title unit's text, or NULL */
	unsigned long lines;	/* physical lines in the document */
};

/*
 * Load the word lists the rules read (data/abbrev-en.txt and friends)
 * from dir; returns 0, or -1 with a warning when a file is missing or
 * malformed.  Call once before seg_run(); seg_fini() frees them.
 */
int seg_init(const char *datadir);
void seg_fini(void);

/* Segment s[0..n) (valid UTF-8) into r (emptied first). */
void seg_run(const char *s, size_t n, const struct seg_opts *o,
    struct seg_result *r);

void seg_result_free(struct seg_result *r);

#endif
