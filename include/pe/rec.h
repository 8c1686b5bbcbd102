/*
 * rec.h - the record stream the filters read and write.
 *
 * A filter (pe-entities, pe-dates, pe-cite) reads JSON Lines, one record
 * a physical line, and holds one document at a time: the records that
 * share a "doc" value and stand together in the stream (DESIGN.md).  It
 * writes every record it read, in order, adding its field to those it
 * annotates by appending to the bytes of the input line, so that fields
 * it does not own pass through untouched and unparsed output costs
 * nothing.
 *
 * A line is checked to be JSON and its members read where they stand
 * (json.h); no tree is built.  Fields a filter needs beyond doc, id, kind
 * and text it asks for by name (pe_rec_has(), pe_rec_str()).
 *
 * Bad input policy (STYLE.md conventions 4-6): a line that is not a JSON
 * object is reported with its file and line; without --keep-going the
 * records read before it are written and the program stops with status
 * 1; with --keep-going the line is passed through as it was, and the
 * status is 1 at the end.  A record without "text", or whose "text" is
 * not a string, passes through unchanged.  A UTF-8 byte order mark
 * before the first line of a file is skipped.
 */
#ifndef PE_REC_H
#define PE_REC_H

#include <stddef.h>

#include "pe/in.h"
#include "pe/out.h"

struct pe_rec {
	char *line;		/* owned: the input line, without its '\n' */
	size_t len;
	int ok;			/* the line is a JSON object */
	const char *file;	/* borrowed: where it came from */
	unsigned long lineno;
	/* The string values of these members, decoded (NUL-terminated, in
	 * the record's own memory), or NULL when absent or not strings: */
	const char *doc;
	const char *id;
	const char *kind;
	const char *text;
	size_t textlen;		/* text's length in bytes */
	char *strs;		/* owned: where the four are kept */
	struct pe_field *add;	/* owned: fields to append */
	size_t nadd;
};

/* A field a filter adds: key and value as JSON text (both owned). */
struct pe_field {
	char *key;
	char *json;
	size_t n;
};

/* One document's records, in stream order. */
struct pe_doc {
	struct pe_rec *r;
	size_t n, cap;
	int stop;		/* a bad line ended the input: write and stop */
};

/* The reader: the input plus one record of lookahead. */
struct pe_recin {
	struct pe_in in;
	struct pe_rec next;	/* the first record of the next document */
	int have_next, done;
};

/* Open the files of argv[0..argc) (none: stdin) for reading records. */
void pe_recin_open(struct pe_recin *ri, int argc, char *argv[]);

/*
 * Read the next document into doc (emptied first).  Returns 1 when doc
 * holds records, 0 at the end of the input.  A bad line is reported
 * here; with --keep-going it is kept as a record with ok == 0 and
 * passes through, else doc->stop is set and the line is not kept.
 */
int pe_doc_next(struct pe_recin *ri, struct pe_doc *doc);

/*
 * Make r (its old contents ignored) the record of line[0..len): valid
 * UTF-8, malloc'd, NUL-terminated at len, and owned by r from now on.
 * Returns NULL, or what is wrong with the line (then r->ok is 0) and in
 * *col (when not NULL) its 1-based column, 0 when the line is JSON but
 * not an object.  pe_doc_next() reads every line through it.
 */
const char *pe_rec_parse(struct pe_rec *r, char *line, size_t len,
    size_t *col);

/*
 * Add a field to record r, written after its own fields: key and the
 * JSON text json[0..n) (an array or object built by the caller).  A
 * member of the record with the same key is dropped when it is written
 * (a filter run twice replaces its field); adding a key twice keeps
 * both (the caller's mistake).
 */
void pe_rec_add(struct pe_rec *r, const char *key, const char *json, size_t n);

/*
 * Write the document's records in order: each as its input line with
 * the added fields appended before the closing brace (JSON), or as a
 * TSV/CSV row of the columns given to pe_out_init() (a field a record
 * lacks is an empty cell; nested values as JSON text).  Lines that are
 * not JSON objects (kept under --keep-going) are written as they were
 * in JSON mode and skipped in TSV/CSV.
 */
void pe_doc_write(const struct pe_doc *doc);

/* Has record r (ok) a member named key? */
int pe_rec_has(const struct pe_rec *r, const char *key);

/*
 * The string value of r's member key, decoded and NUL-terminated (a new
 * string the caller frees), its length in *len when len is not NULL; NULL
 * when r has no such member or its value is not a string.
 */
char *pe_rec_str(const struct pe_rec *r, const char *key, size_t *len);

/* Free the records of doc (doc itself is reused). */
void pe_doc_clear(struct pe_doc *doc);

/* Free everything the reader holds. */
void pe_recin_close(struct pe_recin *ri);

/*
 * Code points of text[0..byte) (valid UTF-8): the offsets annotations
 * carry.  Callers converting many increasing offsets of one text should
 * use struct pe_cpcursor from text.h.
 */
size_t pe_rec_cp(const char *text, size_t byte);

/* The doc record of a document (kind "doc"), or NULL. */
struct pe_rec *pe_doc_record(struct pe_doc *doc);

#endif
