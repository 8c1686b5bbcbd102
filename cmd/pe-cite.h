/*
 * pe-cite.h - private interface of pe-cite: word lists, the reference
 * parsers, CSL-JSON output and the document pass.
 *
 * pe-cite.c holds main() only.  The parts:
 *
 *	pe-cite-words.c	the data files (places, particles, Japanese
 *			markers, ...) loaded once into word sets
 *	pe-cite-ref.c	one English reference string -> struct cite_item
 *	pe-cite-ja.c	Japanese references, "Title | Site" lines, quote
 *			credits, UN document symbols
 *	pe-cite-csl.c	struct cite_item -> CSL-JSON text, dates, names
 *	pe-cite-scan.c	markers, URLs and symbols inside one text
 *	pe-cite-doc.c	one document: notes found, markers linked, fields
 *			added to the records
 *
 * Offsets inside pe-cite are bytes of valid UTF-8 (the record's text as
 * jansson decoded it); they become code points only when written.  Every
 * string a struct here owns is NUL-terminated and malloc'd.
 */
#ifndef PE_CITE_H
#define PE_CITE_H

#include <stddef.h>

#include "pe/out.h"
#include "pe/rec.h"

/* ---- word lists (pe-cite-words.c) ----------------------------------- */

/* Classes of words; one set each.  Matching is on the lower-cased
 * (ASCII) form unless the class says otherwise. */
enum cite_class {
	CW_PLACE,		/* publisher places: London, New York, Paris */
	CW_PARTICLE,		/* name particles: van, de, von der */
	CW_MONTH,		/* month names and abbreviations -> 1..12 */
	CW_STOP,		/* words that start titles, never names: The, A */
	CW_PUBWORD,		/* words inside publisher names: Press, Verlag */
	CW_CONFWORD,		/* words of proceedings: Proceedings, Conference */
	CW_GENRE,		/* genre cues -> a CSL type: thesis, report */
	CW_TITLEWORD,		/* a person's title: President, Senator */
	CW_REPORTWORD,		/* words naming a report: Report, Strategy */
	CW_TREATYWORD,		/* words naming a treaty: Treaty, Convention */
	CW_NOTEHEAD,		/* headings of note sections: Notes, 注 */
	CW_SUFFIX,		/* name suffixes: Jr, Sr, III */
	CW_NEWSWORD,		/* newspaper outlet words: Times, Post, 新聞 */
	CW_JA_ROLE,		/* Japanese role markers: 著, 編, 訳 -> role */
	CW_JA_PUBSUF,		/* endings of Japanese publisher names: 書店 */
	CW_JA_AFFIL,		/* endings of titles/affiliations: 教授 */
	CW_JA_COUNTER,		/* after a digit: not a note marker (年, 人) */
	CW_JA_PREFIX,		/* before a digit: not a note marker (第, 約) */
	CW_JA_SURNAME,		/* Japanese surnames of 1 or 3+ characters */
	CW_JA_ORG,		/* endings of organization names: 委員会 */
	CW_SYMBOL,		/* document-symbol prefixes -> issuing body */
	CW_REFWORD,		/* words of a reference's syntax -> role:
				   1 volume, 2 issue, 3 page, 4 editor,
				   5 translator, 6 chapter, 7 abbreviation */
	CW_NCLASS
};

/*
 * Load the word lists from the data directory dir.  Returns 0, or -1
 * after a warning naming the file and line that could not be read.
 */
int cite_words_load(const char *dir);

/* Free the word lists. */
void cite_words_free(void);

/*
 * Look s[0..n) up in class c.  Returns its value (the number after a tab
 * in the data file, 1 when there is none), or 0 when it is not there.
 * ASCII letters are compared without case.
 */
int cite_word(enum cite_class c, const char *s, size_t n);

/* The string value of s[0..n) in class c (CW_GENRE, CW_SYMBOL,
 * CW_JA_ROLE), or NULL.  Borrowed from the word lists. */
const char *cite_word_str(enum cite_class c, const char *s, size_t n);

/* The longest word of class c that s[0..n) ends with (c: CW_JA_PUBSUF,
 * CW_JA_AFFIL, CW_JA_ORG, CW_NEWSWORD): its length in bytes, or 0. */
size_t cite_word_suffix(enum cite_class c, const char *s, size_t n);

/* ---- parsed citations (pe-cite-csl.c) ------------------------------- */

struct cite_name {
	char *family, *given, *particle, *suffix, *literal;
};

struct cite_names {
	struct cite_name *v;
	size_t n, cap;
};

/* A date: year, month, day; 0 where unknown (y == 0: no date). */
struct cite_date {
	int y, m, d;
};

/* The CSL variables pe-cite fills, in the order they are written. */
enum cite_var {
	CV_TITLE, CV_CONTAINER, CV_COLLECTION, CV_PUBLISHER, CV_PLACE,
	CV_VOLUME, CV_ISSUE, CV_PAGE, CV_CHAPTER, CV_SECTION, CV_NUMBER,
	CV_AUTHORITY, CV_LOCATOR, CV_GENRE, CV_EDITION, CV_URL, CV_DOI,
	CV_ISBN, CV_CITNUM, CV_NOTE, CV_NVAR
};

struct cite_item {
	const char *type;		/* a CSL type name (static string) */
	struct cite_names author, editor, translator;
	struct cite_date issued, accessed;
	char *v[CV_NVAR];		/* owned, or NULL */
};

void cite_item_init(struct cite_item *it);
void cite_item_free(struct cite_item *it);

/* Set variable v of it to s[0..n) with spaces collapsed and the edges
 * trimmed of spaces and of the characters in trim; an empty result
 * leaves v unset.  Replaces an earlier value. */
void cite_set(struct cite_item *it, enum cite_var v, const char *s, size_t n,
    const char *trim);

/* Add a name to list l (strings copied; NULL or empty parts left out). */
void cite_name_add(struct cite_names *l, const char *family, size_t nf,
    const char *given, size_t ng);
void cite_name_literal(struct cite_names *l, const char *s, size_t n);

/* Does it hold anything besides its type? */
int cite_item_empty(const struct cite_item *it);

/*
 * Append it to b as one CSL-JSON object with "id" set to id.  Only CSL
 * variables are written; a field with no value is left out.
 */
void cite_item_json(struct pe_buf *b, const struct cite_item *it,
    const char *id);

/*
 * Read a date at s[0..n): "2026", "March 2016", "January 7, 2026",
 * "7 March 2017", "2012-01-16", "2026年1月8日", "(Jul., 1981)".
 * Returns the bytes the date takes (0 when there is none there) and
 * fills d.  Months come from CW_MONTH.
 */
size_t cite_date_at(const char *s, size_t n, struct cite_date *d);

/* A day and month without a year at s[0..n): "31 December", "December
 * 31st".  Returns the bytes they take, or 0; fills d (y 0). */
size_t cite_daymonth_at(const char *s, size_t n, struct cite_date *d);

/* Is s[0..n) a plausible year (1400..2099), ASCII or full-width? */
int cite_is_year(const char *s, size_t n);

/* ---- reference parsers (pe-cite-ref.c, pe-cite-ja.c) ---------------- */

/* What the document tells the parsers. */
struct cite_ctx {
	struct cite_date dct;		/* the document's date, or y == 0 */
};

/*
 * Parse one English (Latin-script) reference s[0..n) into it (which
 * the caller has initialized).  Always sets a type.
 */
void cite_parse_en(const char *s, size_t n, struct cite_item *it);

/*
 * Parse one Japanese reference or note s[0..n) into it.  Returns 1 when
 * it found a citation's parts, 0 when the text did not read as one
 * (it then holds what little was found).
 */
int cite_parse_ja(const char *s, size_t n, const struct cite_ctx *ctx,
    struct cite_item *it);

/* "Title | Site" (also " - " and " – " before a known site shape):
 * fills a webpage item and returns 1, else 0. */
int cite_parse_web(const char *s, size_t n, struct cite_item *it);

/*
 * A quotation's credit line ("Munich Security Conference, Security
 * Report 2019", "President Donald Trump, March 2016", "Article XV –
 * Intermediate-Range Nuclear Forces Treaty"): fills it and returns 1,
 * or returns 0 when s does not read as a credit.
 */
int cite_parse_credit(const char *s, size_t n, struct cite_item *it);

/*
 * Parse any note or reference: picks the parser by script and shape.
 * Several UN document symbols make several items: up to max items are
 * filled (each initialized here) and their number returned (>= 1).
 */
int cite_parse_any(const char *s, size_t n, const struct cite_ctx *ctx,
    struct cite_item *items, int max);

/* ---- scanning one text (pe-cite-scan.c) ---------------------------- */

enum cite_kind { CK_MARKER, CK_URL, CK_SYMBOL, CK_QUOTE };

/* Styles of note markers, so that a body marker finds a note written
 * the same way. */
enum cite_style {
	CS_SUP,			/* <sup>i</sup> */
	CS_CARET,		/* ^1 */
	CS_BRACKET,		/* [1] */
	CS_FOOT,		/* [^1] (Markdown footnote) */
	CS_KOME,		/* ※1 */
	CS_CHU,			/* 注1, （注1） */
	CS_SUPDIGIT,		/* ¹²³ */
	CS_BARE,		/* 1 after a quote or a word (PDF extraction) */
	CS_PAREN		/* (1) */
};

struct cite_hit {
	enum cite_kind kind;
	enum cite_style style;
	size_t b, e;		/* bytes of the text */
	char key[16];		/* marker: normalized ("iv", "12") */
	char *url;		/* owned: the clean URL (CK_URL) */
	char *symbol;		/* owned: the symbol (CK_SYMBOL) */
	char *locator;		/* owned: "114" for "para.114", or NULL */
	const char *authority;	/* borrowed from the word lists: the
				   issuing body of a symbol, or NULL */
};

struct cite_hits {
	struct cite_hit *v;
	size_t n, cap;
};

void cite_hits_clear(struct cite_hits *h);
void cite_hits_free(struct cite_hits *h);

/*
 * Find the note markers in text[0..n) (body text, after skip bytes: a
 * note's own leading marker is not a marker in it).  Bare digits are
 * taken only when bare_ok says a note of that number exists
 * (bare_ok[k] for k < nbare).  Appends to h in text order.
 */
void cite_scan_markers(const char *text, size_t n, size_t skip,
    const unsigned char *bare_ok, size_t nbare, struct cite_hits *h);

/* Find URLs and e-mail addresses in text[0..n); appends to h. */
void cite_scan_urls(const char *text, size_t n, struct cite_hits *h);

/* Find document symbols (S/RES/1645) in text[0..n); appends to h. */
void cite_scan_symbols(const char *text, size_t n, struct cite_hits *h);

/*
 * Does text[0..n) start with a note's own marker ("<sup>i</sup> ",
 * "[^1]: ", "1 ", "※1", "注1", "(1)", "1.")?  Returns the bytes of
 * marker and the space after it (0 when there is none) and fills key
 * and style.  loose allows the shapes that need a note section to be
 * believed ("1 ", "1.", "(1)").
 */
size_t cite_note_marker(const char *text, size_t n, int loose,
    char key[16], enum cite_style *style);

/* ---- the document pass (pe-cite-doc.c) ------------------------------ */

struct cite_opts {
	int warn_links;		/* report unlinked markers and notes */
	int each;		/* write one object per entry (--each) instead
				   of adding fields to the records */
};

/*
 * Annotate one document: add "cites" and "csl" to its records with
 * pe_rec_add(), or with o->each write one object per entry and per
 * parsed citation (pe_out_*) and add nothing.  Messages name the file
 * and line each record came from.
 */
void cite_doc(struct pe_doc *doc, const struct cite_opts *o);

#endif
