/*
 * in.c - files in order, stdin for "-" or none, and where we are.
 *
 * Policy (STYLE.md): a file that cannot be opened or read is reported
 * with its name and the system's reason, the remaining files are still
 * read, and the status is raised to 1.  Lines may be of any length: the
 * buffer grows to hold the longest one.  A read error in the middle of a
 * file is reported and ends that file only.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pe/cli.h"
#include "pe/in.h"

static char *stdin_name[] = { "-" };

void
pe_in_init(struct pe_in *in, int argc, char *argv[])
{
	memset(in, 0, sizeof(*in));
	if (argc > 0) {
		in->names = argv;
		in->nnames = argc;
	} else {
		in->names = stdin_name;
		in->nnames = 1;
	}
}

static void
close_current(struct pe_in *in)
{
	if (in->fp != NULL && in->fp != stdin)
		fclose(in->fp);
	in->fp = NULL;
}

/* Open the next readable file; 0 when there is none left. */
static int
open_next(struct pe_in *in)
{
	struct stat st;

	close_current(in);
	while (in->next < in->nnames) {
		in->name = in->names[in->next++];
		in->line = 0;
		if (strcmp(in->name, "-") == 0) {
			in->fp = stdin;
			return 1;
		}
		if ((in->fp = fopen(in->name, "rb")) == NULL) {
			pe_warn("%s:", in->name);
			pe_status(PE_EXIT_INPUT);
			continue;
		}
		if (fstat(fileno(in->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			pe_warn("%s:", in->name);
			pe_status(PE_EXIT_INPUT);
			close_current(in);
			continue;
		}
		return 1;
	}
	return 0;
}

static void
grow(struct pe_in *in, size_t need)
{
	size_t cap = in->cap ? in->cap : 65536;

	while (cap < need)
		cap *= 2;
	if (cap != in->cap) {
		in->buf = pe_xrealloc(in->buf, cap);
		in->cap = cap;
	}
}

int
pe_in_file(struct pe_in *in, const char **data, size_t *len)
{
	struct stat st;
	size_t n, got;

	while (open_next(in)) {
		n = 0;
		if (fstat(fileno(in->fp), &st) == 0 && S_ISREG(st.st_mode))
			grow(in, (size_t)st.st_size + 1);
		else
			grow(in, 65536);
		for (;;) {
			if (in->cap - n < 2)
				grow(in, in->cap * 2);
			got = fread(in->buf + n, 1, in->cap - n - 1, in->fp);
			n += got;
			if (got == 0)
				break;
		}
		if (ferror(in->fp)) {
			pe_warn("%s: read error:", in->name);
			pe_status(PE_EXIT_INPUT);
			clearerr(in->fp);
			continue;
		}
		in->buf[n] = '\0';
		*data = in->buf;
		*len = n;
		close_current(in);
		return 1;
	}
	return 0;
}

int
pe_in_line(struct pe_in *in, char **line, size_t *len)
{
	ssize_t n;

	for (;;) {
		if (in->fp == NULL && !open_next(in))
			return 0;
		n = getline(&in->buf, &in->cap, in->fp);
		if (n >= 0) {
			in->line++;
			if (n > 0 && in->buf[n - 1] == '\n')
				in->buf[--n] = '\0';
			*line = in->buf;
			*len = (size_t)n;
			return 1;
		}
		if (ferror(in->fp)) {
			pe_warn("%s: read error:", in->name);
			pe_status(PE_EXIT_INPUT);
		}
		close_current(in);
	}
}

void
pe_inwarn(const struct pe_in *in, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (in->line > 0)
		pe_warn("%s:%lu: %s", in->name, in->line, msg);
	else
		pe_warn("%s: %s", in->name, msg);
}

void
pe_in_free(struct pe_in *in)
{
	close_current(in);
	free(in->buf);
	in->buf = NULL;
	in->cap = 0;
}
