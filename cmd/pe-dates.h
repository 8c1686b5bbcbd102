/*
 * pe-dates.h - private to pe-dates: the word lists, the scanner that
 * finds temporal expressions in a record's text, and the resolver that
 * turns them into TIMEX3 values against the document creation date.
 *
 * The work is split in two so that a document can be scanned once and
 * resolved once its creation date is known (it may be inferred from the
 * document's last line):
 *
 *	dates_text_set()	decode a text into code points
 *	dates_scan()		find expressions; each keeps what was written
 *				(absolute parts, offsets from the DCT or the
 *				previous date, granularity, modifiers)
 *	dates_resolve()		compute the value of each against a DCT and
 *				the context of the dates before it
 *
 * Offsets in struct dates_expr are code points of the text, the unit
 * records carry (half-open).  Every symbol here starts with dates_ so
 * that fuzz targets and unit tests can link all programs' objects.
 */
#ifndef PE_DATES_H
#define PE_DATES_H

#include <stddef.h>
#include <stdint.h>

/* ---- word lists (pe-dates-lex.c) ---------------------------------- */

/* What a word in dates-words.tsv is; see that file for each class. */
enum dates_wclass {
	DW_NONE_CLASS, DW_YEAR, DW_MONTH, DW_DAY, DW_WEEK, DW_FY, DW_CENTURY,
	DW_SEASONREL, DW_SAME, DW_CTX, DW_SEASON, DW_PART, DW_HALF, DW_SET,
	DW_EVERY, DW_MONTHEN, DW_WEEKDAY, DW_WDCHAR, DW_WDREL, DW_TZ,
	DW_TIMEWORD, DW_AMPM, DW_APPROXPRE, DW_APPROXPOST, DW_KEEP,
	DW_COUNTCUE, DW_FUTURE, DW_UNIT, DW_NUMEN, DW_VAGUE, DW_YEARNEXT,
	DW_YEARPREV, DW_NOTDATE, DW_YEARPART, DW_MONTHPART, DW_FYSTART,
	DW_PAST, DW_ENPREP, DW_UNITSTOP, DW_DUR, DW_NCLASS
};

/* Units of durations, relative offsets and granularities. */
enum dates_unit {
	DU_NONE, DU_CENTURY, DU_DECADE, DU_YEAR, DU_FY, DU_HALF, DU_QUARTER,
	DU_SEASON, DU_MONTH, DU_WEEK, DU_DAY, DU_HOUR, DU_MIN, DU_SEC
};

enum dates_mod { DM_NONE, DM_START, DM_MID, DM_END, DM_APPROX, DM_BEFORE,
	DM_AFTER };

struct dates_word {
	uint32_t *cp;		/* owned: the word, full-width forms folded */
	size_t n;
	int cls;		/* enum dates_wclass */
	int a, b;		/* numeric arguments (class-specific) */
	char s[12];		/* string argument ("SP", "P1Y", "EACH") */
};

struct dates_era {
	uint32_t *cp;		/* owned: the era's name (令和) */
	size_t n;
	uint32_t abbr;		/* its letter (R), or 0 */
	int y, m, d;		/* first day of the era */
};

struct dates_lex {
	struct dates_word *w;	/* sorted by first code point, longest first */
	size_t nw;
	struct dates_era *era;
	size_t nera;
	int fystart;		/* month the fiscal year starts (4 in Japan) */
	unsigned char first[8192]; /* bitmap: code points (BMP) that start a word */
	unsigned char start[8192]; /* the same for the words (and eras) that
				      can start an expression */
};

/*
 * Load dates-words.tsv and dates-eras.tsv from directory dir into lex.
 * Returns 0, or -1 after a message naming FILE:LINE (missing file,
 * unknown class, bad argument).
 */
int dates_lex_load(struct dates_lex *lex, const char *dir);
void dates_lex_free(struct dates_lex *lex);

/*
 * The longest word of lex matching c[i..n) whose class bit is set in
 * mask (1u << DW_*), or NULL.  Latin words match only whole (not
 * followed by a letter).
 */
const struct dates_word *dates_lex_match(const struct dates_lex *lex,
    const uint32_t *c, size_t n, size_t i, uint64_t mask);

#define DATES_BIT(cls) ((uint64_t)1 << (cls))

/* ---- a text ------------------------------------------------------- */

/*
 * A record's text as code points.  c[] has full-width ASCII folded to
 * ASCII and U+3000 to a space (rules are written once for both widths);
 * boff[i] is the byte offset of code point i, boff[n] the length.
 */
struct dates_text {
	const char *s;		/* borrowed: the UTF-8 text */
	size_t len;
	uint32_t *c;		/* owned arrays, reused between texts */
	size_t *boff;
	unsigned char *blocked;	/* 1: inside a URL, an e-mail or a symbol */
	size_t n, cap;
};

/* Decode s[0..len) (valid UTF-8, as jansson gives) into t. */
void dates_text_set(struct dates_text *t, const char *s, size_t len);
void dates_text_free(struct dates_text *t);

/* ---- expressions (pe-dates-scan.c) -------------------------------- */

enum dates_type { DT_DATE, DT_TIME, DT_DURATION, DT_SET };
enum dates_base { DB_NONE, DB_DCT, DB_CTX };

#define DATES_NA (-32768)

struct dates_expr {
	size_t start, end;	/* code points of the text, half-open */
	size_t bstart, bend;	/* the same in bytes (set by dates_scan) */
	int type;		/* enum dates_type */
	int mod;		/* enum dates_mod */
	int gran;		/* enum dates_unit: the finest part written */
	/* the date part, as written */
	int y;			/* absolute year, or DATES_NA */
	int y2;			/* a two-digit year or decade digit whose
				   century is not written, or DATES_NA */
	int m, d;		/* 1-12, 1-31, or 0 */
	int sub;		/* season 1-4 (SP SU FA WI), quarter, half */
	int cent;		/* century (TIMEX: 19 = 1900s), decade (194) */
	int rel_unit;		/* enum dates_unit: offset unit, or DU_NONE */
	int rel_n;		/* the offset */
	int rel_base;		/* enum dates_base */
	int wd, wdmode;		/* weekday 1 (Mon)..7; -1 last, 0 nearest,
				   1 next, 2 of the week rel_n weeks away */
	int h, mi, s;		/* time, or -1 */
	int ampm;		/* 0 none written, 1 a.m., 2 p.m. */
	int dayshift;		/* days added after resolving (ranges) */
	int vague;		/* 1 PAST_REF, 2 FUTURE_REF */
	int inherited;		/* parts taken from the range's start */
	int fy;			/* a fiscal year (年度, FY) */
	char dur[56];		/* DURATION and SET values */
	char freq[8], quant[8];	/* SET */
	long range;		/* index of the other end of a range, or -1 */
	int range_first;	/* 1 on the start of a range */
};

struct dates_list {
	struct dates_expr *e;
	size_t n, cap;
};

/*
 * Append to out the expressions found in t, in text order, never
 * overlapping.  lex is borrowed.
 */
void dates_scan(const struct dates_lex *lex, struct dates_text *t,
    struct dates_list *out);

/* 1 when the text holds a word marking the future (予定, 見込み...). */
int dates_future(const struct dates_lex *lex, const struct dates_text *t);

/*
 * Quick byte test: 0 when s[0..n) cannot hold a temporal expression:
 * ASCII without a digit or an upper-case letter, and no word of lex
 * (English durations: "six months") starts in it.
 */
int dates_maybe(const struct dates_lex *lex, const char *s, size_t n);

/* ---- values (pe-dates-value.c) ------------------------------------ */

/* A calendar point known to some precision: m == 0 (year only), d == 0
 * (month); y == 0 when there is none. */
struct dates_point {
	int y, m, d;
};

/* What resolving one record's expressions needs from the ones before. */
struct dates_ctx {
	struct dates_point dct;	/* the document creation date, or y == 0 */
	struct dates_point last;/* the last date mentioned, or y == 0 */
	struct dates_point day_in_text; /* the last full date of the text
				   being resolved (reset per text), or y == 0 */
	int future;		/* the text marks the future */
	int decade_cent;	/* century (19, 20) of the last 4-digit year
				   written, or 0 */
	int fystart;		/* month the fiscal year starts */
};

struct dates_value {
	char value[80];
	const char *anchor;	/* "absolute", "dct" or "context" */
	struct dates_point at;	/* the date it names, for the context */
	int has_at;
};

/*
 * The TIMEX3 value of e against ctx, whose last dates are updated when e
 * names one.  Call in text order; clear ctx->day_in_text before each
 * text (a time alone takes its day from a full date before it in the
 * same text, else from the DCT).
 */
void dates_resolve(const struct dates_expr *e, struct dates_ctx *ctx,
    struct dates_value *v);

/*
 * Parse a DCT written YYYY, YYYY-MM or YYYY-MM-DD (a time after 'T' is
 * ignored).  Returns 0 and fills p, or -1 when s is not a valid date.
 */
int dates_parse_dct(const char *s, struct dates_point *p);

/* Write p as YYYY, YYYY-MM or YYYY-MM-DD into buf (>= 16 bytes). */
void dates_point_str(const struct dates_point *p, char *buf);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long dates_days(int y, int m, int d);
void dates_civil(long days, int *y, int *m, int *d);
int dates_mdays(int y, int m);

/* ---- a document (pe-dates-doc.c) ---------------------------------- */

struct pe_doc;

/*
 * Find the dates of one document's records and add "dates" to each that
 * has some (with --each, write one record per annotation instead); set
 * the DCT (optdct, else the doc record's, else inferred) and write it on
 * the doc record when it had none.  lex and t are borrowed; doc's
 * records get the fields.
 */
void dates_doc(const struct dates_lex *lex, struct dates_text *t,
    struct pe_doc *doc, const struct dates_point *optdct);

/* Free what dates_doc() keeps between documents. */
void dates_doc_free(void);


#endif
