/*
 * out.h - writing records: JSON Lines, TSV or CSV, to stdout.
 *
 * A record is written field by field between pe_out_begin() and
 * pe_out_end().  In JSON the fields appear in the order written; in
 * TSV/CSV they are placed in the columns given to pe_out_init(), a
 * header row first, a missing field an empty cell, a nested value as its
 * JSON text (STYLE.md, convention 11).  Output is block-buffered, or
 * flushed per record with --unbuffered.  A write error (full disk) ends
 * the program with a message and status 2; a closed pipe ends it
 * quietly through SIGPIPE.
 */
#ifndef PE_OUT_H
#define PE_OUT_H

#include <stddef.h>

#include "pe/cli.h"

/*
 * Choose the format and, for TSV/CSV, the columns (a NULL-terminated
 * list, borrowed for the life of the program).
 */
void pe_out_init(enum pe_format fmt, const char *const *columns);

void pe_out_begin(void);
/* A string field: s[0..n) is valid UTF-8 (NUL bytes allowed). */
void pe_out_str(const char *key, const char *s, size_t n);
void pe_out_int(const char *key, long long v);
/* A field whose value is the JSON text json[0..n) (an array, object...). */
void pe_out_raw(const char *key, const char *json, size_t n);
void pe_out_end(void);

/* Write a line as it is, plus '\n' (filters passing a record through). */
void pe_out_line(const char *s, size_t n);

/* Append s[0..n) to buf as a JSON string body (no quotes); for callers
 * building nested JSON for pe_out_raw(). buf grows as needed. */
struct pe_buf {
	char *s;
	size_t len, cap;
};
void pe_buf_add(struct pe_buf *b, const char *s, size_t n);
/* Room for n more bytes and a NUL after b->s[b->len] (len unchanged). */
void pe_buf_reserve(struct pe_buf *b, size_t n);
void pe_buf_addc(struct pe_buf *b, char c);
void pe_buf_json(struct pe_buf *b, const char *s, size_t n);
void pe_buf_free(struct pe_buf *b);

/* Flush what is buffered (exits 2 on a write error). */
void pe_out_flush(void);

#endif
