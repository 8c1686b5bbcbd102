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
 * Bad input policy (STYLE.md conventions 4-6): a line that is not a JSON
 * object is reported with its file and line; without --keep-going the
 * records read before it are written and the program stops with status
 * 1; with --keep-going the line is passed through as it was, and the
 * status is 1 at the end.  A record without "text", or whose "text" is
 * not a string, passes through unchanged.
 */
#ifndef PE_REC_H
#define PE_REC_H

#include <stddef.h>

#include <jansson.h>

#include "pe/in.h"
#include "pe/out.h"

struct pe_rec {
	char *line;		/* owned: the input line, without its '\n' */
	size_t len;
	json_t *j;		/* owned reference: the parsed object, or NULL
				   when the line is not a JSON object */
	const char *file;	/* borrowed: where it came from */
	unsigned long lineno;
	const char *doc;	/* borrowed from j: "doc", or NULL */
	const char *id;		/* borrowed from j: "id", or NULL */
	const char *kind;	/* borrowed from j: "kind", or NULL */
	const char *text;	/* borrowed from j: "text" when a string, or NULL */
	size_t textlen;		/* its length in bytes */
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
 * here; with --keep-going it is kept as a record with j == NULL and
 * passes through, else doc->stop is set and the line is not kept.
 */
int pe_doc_next(struct pe_recin *ri, struct pe_doc *doc);

/*
 * Add a field to record r, written after its own fields: key and the
 * JSON text json[0..n) (an array or object built by the caller).  A
 * record gets at most one value per key; adding a key twice keeps both
 * (the caller's mistake).
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
