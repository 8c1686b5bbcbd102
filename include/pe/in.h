/*
 * in.h - the input side of every program: files in order, "-" or no
 * file for stdin, and always the file and line a message is about.
 *
 * pe-split reads whole documents (pe_in_file()); the filters read JSON
 * Lines (pe_in_line()), one record per physical line of any length.  A
 * file that cannot be opened or read is reported, the rest is still
 * read, and the exit status says so at the end (STYLE.md, conventions 1
 * and 2).
 */
#ifndef PE_IN_H
#define PE_IN_H

#include <stddef.h>
#include <stdio.h>

struct pe_in {
	char **names;		/* borrowed from argv */
	int nnames, next;	/* files, and the next to open */
	FILE *fp;		/* the current file, or NULL */
	const char *name;	/* its name as given ("-" for stdin) */
	unsigned long line;	/* line number of the last line returned */
	char *buf;		/* owned: the current line or document */
	size_t cap;
};

/* Take the files named in argv[0..argc) (none: stdin). */
void pe_in_init(struct pe_in *in, int argc, char *argv[]);

/*
 * Read the next file whole.  *data points into in's buffer (valid until
 * the next call; NUL-terminated; may contain NUL bytes) and *len is its
 * length.  Returns 1, or 0 when every file has been read.  Files that
 * cannot be read are reported and skipped (status 1).
 */
int pe_in_file(struct pe_in *in, const char **data, size_t *len);

/*
 * Read the next line of the stream of all files, without its '\n'.
 * *line points into in's buffer (valid until the next call;
 * NUL-terminated) and *len is its length.  in->line and in->name say
 * where it came from.  Returns 1, or 0 at the end of the last file.
 */
int pe_in_line(struct pe_in *in, char **line, size_t *len);

/* "PROG: FILE:LINE: message" on stderr (FILE: alone when line is 0). */
void pe_inwarn(const struct pe_in *in, const char *fmt, ...);

/* Close the current file and free the buffer. */
void pe_in_free(struct pe_in *in);

#endif
