/*
 * out.c - records to stdout as JSON Lines, TSV or CSV.
 *
 * JSON is written by hand, not through jansson, because pe-split must
 * keep up with its input (60 MB/s): strings are copied in runs and only
 * '"', '\\' and control characters are escaped; everything else,
 * Japanese included, is written as UTF-8.  TSV escapes \t \n \r \\;
 * CSV follows RFC 4180 (quote a cell holding , " CR or LF; double the
 * quotes).  Records collect in one buffer that is written when it passes
 * 64 KiB, or after every record with --unbuffered.  A short write is
 * fatal: message, status 2 (a closed pipe never gets here: SIGPIPE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/out.h"

#define OUT_FLUSH_AT 65536

static enum pe_format out_fmt = PE_FMT_JSON;
static const char *const *out_cols;
static int out_ncols;
static struct pe_buf out;		/* what is waiting to be written */
static struct pe_buf *cells;		/* TSV/CSV: the current row */
static int header_done, nfields;

void
pe_buf_reserve(struct pe_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = pe_xrealloc(b->s, cap);
		b->cap = cap;
	}
}

void
pe_buf_add(struct pe_buf *b, const char *s, size_t n)
{
	pe_buf_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
pe_buf_addc(struct pe_buf *b, char c)
{
	pe_buf_add(b, &c, 1);
}

void
pe_buf_free(struct pe_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

void
pe_buf_json(struct pe_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	char esc[6];

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = NULL;
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\n': e = "\\n"; break;
		case '\t': e = "\\t"; break;
		case '\r': e = "\\r"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			e = esc;
			elen = 6;
		}
		pe_buf_add(b, s + run, i - run);
		pe_buf_add(b, e, elen);
		run = i + 1;
	}
	pe_buf_add(b, s + run, n - run);
}

static void
write_all(const char *s, size_t n)
{
	if (n > 0 && fwrite(s, 1, n, stdout) != n)
		pe_die(PE_EXIT_TROUBLE, "write error:");
}

void
pe_out_flush(void)
{
	write_all(out.s, out.len);
	out.len = 0;
	if (fflush(stdout) == EOF)
		pe_die(PE_EXIT_TROUBLE, "write error:");
}

void
pe_out_init(enum pe_format fmt, const char *const *columns)
{
	out_fmt = fmt;
	out_cols = columns;
	for (out_ncols = 0; columns && columns[out_ncols]; out_ncols++)
		;
	if (fmt != PE_FMT_JSON && out_ncols > 0 && cells == NULL)
		cells = pe_xcalloc((size_t)out_ncols, sizeof(*cells));
}

static void
cell_text(struct pe_buf *b, const char *s, size_t n)
{
	size_t i;

	if (out_fmt == PE_FMT_TSV) {
		for (i = 0; i < n; i++) {
			switch (s[i]) {
			case '\t': pe_buf_add(b, "\\t", 2); break;
			case '\n': pe_buf_add(b, "\\n", 2); break;
			case '\r': pe_buf_add(b, "\\r", 2); break;
			case '\\': pe_buf_add(b, "\\\\", 2); break;
			default: pe_buf_addc(b, s[i]);
			}
		}
		return;
	}
	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			break;
	if (i == n) {
		pe_buf_add(b, s, n);
		return;
	}
	pe_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			pe_buf_addc(b, '"');
		pe_buf_addc(b, s[i]);
	}
	pe_buf_addc(b, '"');
}

static struct pe_buf *
cell_for(const char *key)
{
	int i;

	for (i = 0; i < out_ncols; i++)
		if (strcmp(out_cols[i], key) == 0)
			return &cells[i];
	return NULL;
}

void
pe_out_begin(void)
{
	int i;

	nfields = 0;
	if (out_fmt == PE_FMT_JSON) {
		pe_buf_addc(&out, '{');
		return;
	}
	if (!header_done) {
		header_done = 1;
		for (i = 0; i < out_ncols; i++) {
			if (i > 0)
				pe_buf_addc(&out, out_fmt == PE_FMT_TSV ? '\t' : ',');
			cell_text(&out, out_cols[i], strlen(out_cols[i]));
		}
		pe_buf_add(&out, out_fmt == PE_FMT_CSV ? "\r\n" : "\n",
		    out_fmt == PE_FMT_CSV ? 2 : 1);
	}
	for (i = 0; i < out_ncols; i++)
		cells[i].len = 0;
}

static void
json_key(const char *key)
{
	if (nfields++ > 0)
		pe_buf_addc(&out, ',');
	pe_buf_addc(&out, '"');
	pe_buf_add(&out, key, strlen(key));
	pe_buf_add(&out, "\":", 2);
}

void
pe_out_str(const char *key, const char *s, size_t n)
{
	struct pe_buf *c;

	if (out_fmt == PE_FMT_JSON) {
		json_key(key);
		pe_buf_addc(&out, '"');
		pe_buf_json(&out, s, n);
		pe_buf_addc(&out, '"');
	} else if ((c = cell_for(key)) != NULL) {
		cell_text(c, s, n);
	}
}

/* Decimal digits of v into buf (at least 24 bytes); returns the length.
 * By hand: snprintf showed in pe-split's profile. */
static int
fmt_int(char *buf, long long v)
{
	char tmp[24];
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	int n = 0, k = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[k++] = '-';
	while (n > 0)
		buf[k++] = tmp[--n];
	return k;
}

void
pe_out_int(const char *key, long long v)
{
	char num[32];
	int n = fmt_int(num, v);

	if (out_fmt == PE_FMT_JSON) {
		json_key(key);
		pe_buf_add(&out, num, (size_t)n);
	} else {
		struct pe_buf *c = cell_for(key);

		if (c != NULL)
			pe_buf_add(c, num, (size_t)n);
	}
}

void
pe_out_raw(const char *key, const char *json, size_t n)
{
	struct pe_buf *c;

	if (out_fmt == PE_FMT_JSON) {
		json_key(key);
		pe_buf_add(&out, json, n);
	} else if ((c = cell_for(key)) != NULL) {
		cell_text(c, json, n);
	}
}

void
pe_out_end(void)
{
	int i;

	if (out_fmt == PE_FMT_JSON) {
		pe_buf_add(&out, "}\n", 2);
	} else {
		for (i = 0; i < out_ncols; i++) {
			if (i > 0)
				pe_buf_addc(&out, out_fmt == PE_FMT_TSV ? '\t' : ',');
			pe_buf_add(&out, cells[i].s ? cells[i].s : "", cells[i].len);
		}
		pe_buf_add(&out, out_fmt == PE_FMT_CSV ? "\r\n" : "\n",
		    out_fmt == PE_FMT_CSV ? 2 : 1);
	}
	if (pe_opt.unbuffered || out.len >= OUT_FLUSH_AT) {
		write_all(out.s, out.len);
		out.len = 0;
		if (pe_opt.unbuffered && fflush(stdout) == EOF)
			pe_die(PE_EXIT_TROUBLE, "write error:");
	}
}

void
pe_out_line(const char *s, size_t n)
{
	pe_buf_add(&out, s, n);
	pe_buf_addc(&out, '\n');
	if (pe_opt.unbuffered || out.len >= OUT_FLUSH_AT) {
		write_all(out.s, out.len);
		out.len = 0;
		if (pe_opt.unbuffered && fflush(stdout) == EOF)
			pe_die(PE_EXIT_TROUBLE, "write error:");
	}
}
