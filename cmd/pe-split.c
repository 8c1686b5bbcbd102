/*
 * pe-split - raw documents in, one record per unit out.
 *
 * Each input file (or stdin) is one document: decoded (encoding detected
 * or forced), segmented by pe-split-seg.c, and written as a doc record
 * followed by its units in reading order.  Spans are code points of the
 * decoded document; everything else about the records is in
 * pe-record(5).  Bad bytes become U+FFFD with a warning naming the byte
 * offset; the document is still written whole.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/enc.h"
#include "pe/in.h"
#include "pe/out.h"
#include "pe/text.h"
#include "pe-split.h"

static const char help[] =
"Usage: pe-split [OPTION]... [FILE]...\n"
"Split raw documents into one JSON record per unit: title, heading,\n"
"sentence, list-item, quote, footnote, reference, url, meta, page-number,\n"
"each with text, span, line and para, after a doc record per document.\n"
"With no FILE, or when FILE is -, read standard input.\n"
"\n"
"      --unit=UNIT        sentence (default), paragraph or line\n"
"      --keep-layout      no repair: text is the source between the span ends\n"
"      --encoding=NAME    decode input as NAME (default: detect)\n"
"      --doc=NAME         name the document NAME instead of its path\n"
"      --format=FORMAT    json (default), tsv or csv\n"
"      --each             one record per unit (what pe-split always writes)\n"
"      --unbuffered       flush after every record\n"
"      --keep-going       accepted for symmetry with the filters\n"
"  -h, --help             display this help and exit\n"
"      --version          output version information and exit\n"
"\n"
"Exit status: 0 if all went well, 1 if some input was bad, 2 on a usage or\n"
"write error.  See pe-split(1), pe-record(5) and pe(7).\n";

enum { OPT_UNIT = PE_OPT_FIRST_PRIVATE, OPT_KEEP_LAYOUT, OPT_ENCODING };

static const struct option longopts[] = {
	PE_COMMON_LONGOPTS,
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "keep-layout", no_argument, NULL, OPT_KEEP_LAYOUT },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ NULL, 0, NULL, 0 }
};

static const char *const columns[] = {
	"doc", "id", "kind", "line", "para", "span", "text", "encoding",
	"bom", "lines", "chars", "title", NULL
};

static void
write_doc(const char *name, const struct pe_decoded *dec, size_t chars,
    const struct seg_result *r)
{
	pe_out_begin();
	pe_out_str("doc", name, strlen(name));
	pe_out_str("id", "doc", 3);
	pe_out_str("kind", "doc", 3);
	pe_out_str("encoding", dec->encoding, strlen(dec->encoding));
	if (dec->bom)
		pe_out_raw("bom", "true", 4);
	pe_out_int("lines", (long long)r->lines);
	pe_out_int("chars", (long long)chars);
	if (r->title != NULL)
		pe_out_str("title", r->title, strlen(r->title));
	pe_out_end();
}

/* Decimal digits of v at buf (room for 20); returns their number. */
static int
put_num(char *buf, size_t v)
{
	char tmp[24];
	int n = 0, k = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		buf[k++] = tmp[--n];
	return k;
}

static void
write_units(const char *name, const char *text, const struct seg_result *r)
{
	struct pe_cpcursor cur;
	char id[32], span[64];
	size_t i, a, b;
	int n;

	pe_cpcursor_init(&cur, text);
	for (i = 0; i < r->n; i++) {
		const struct seg_unit *u = &r->u[i];

		a = pe_cpcursor_at(&cur, u->b0);
		b = pe_cpcursor_at(&cur, u->b1);
		pe_out_begin();
		pe_out_str("doc", name, strlen(name));
		id[0] = 's';
		n = 1 + put_num(id + 1, i + 1);
		pe_out_str("id", id, (size_t)n);
		pe_out_str("kind", seg_kind_name[u->kind],
		    strlen(seg_kind_name[u->kind]));
		pe_out_int("line", (long long)u->line);
		pe_out_int("para", (long long)u->para);
		span[0] = '[';
		n = 1 + put_num(span + 1, a);
		span[n++] = ',';
		n += put_num(span + n, b);
		span[n++] = ']';
		pe_out_raw("span", span, (size_t)n);
		pe_out_str("text", u->text, u->len);
		pe_out_end();
	}
}

/* The 1-based line holding byte off of s (UTF-16 input: approximate). */
static unsigned long
line_of(const char *s, size_t n, size_t off)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < off && i < n; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* NUL bytes in text are rare; many of them mean a binary file. */
static int
looks_binary(const char *s, size_t n)
{
	size_t i, nul = 0, lim = n < 65536 ? n : 65536;

	for (i = 0; i < lim; i++)
		if (s[i] == '\0')
			nul++;
	return lim > 0 && nul * 100 > lim;
}

int
main(int argc, char *argv[])
{
	struct seg_opts so = { SEG_SENTENCE, 0 };
	struct seg_result res = { 0 };
	struct pe_decoded dec;
	struct pe_in in;
	const char *encoding = NULL, *data, *dir, *name;
	size_t len;
	int ch;

	pe_cli_init(argc, argv, help);
	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_UNIT:
			if (strcmp(optarg, "sentence") == 0)
				so.unit = SEG_SENTENCE;
			else if (strcmp(optarg, "paragraph") == 0)
				so.unit = SEG_PARAGRAPH;
			else if (strcmp(optarg, "line") == 0)
				so.unit = SEG_LINE;
			else
				pe_usage_error("--unit: '%s' is not sentence, "
				    "paragraph or line", optarg);
			break;
		case OPT_KEEP_LAYOUT:
			so.keep_layout = 1;
			break;
		case OPT_ENCODING:
			if (!pe_encoding_known(optarg))
				pe_usage_error("--encoding: unknown encoding '%s'",
				    optarg);
			encoding = optarg;
			break;
		default:
			pe_cli_common(ch, optarg);
		}
	}
	argc -= optind;
	argv += optind;
	if (pe_opt.doc != NULL && argc > 1)
		pe_usage_error("--doc names one document, but %d files were given",
		    argc);

	if ((dir = pe_datadir("abbrev-en.tsv")) == NULL)
		pe_die(PE_EXIT_TROUBLE, "cannot find the data files "
		    "(abbrev-en.tsv); set PE_DATA");
	if (seg_init(dir) < 0)
		pe_die(PE_EXIT_TROUBLE, "bad data files in %s", dir);
	pe_out_init(pe_opt.format, columns);

	pe_in_init(&in, argc, argv);
	while (pe_in_file(&in, &data, &len)) {
		name = pe_opt.doc ? pe_opt.doc : in.name;
		if (pe_decode(data, len, encoding, &dec) < 0)
			pe_die(PE_EXIT_TROUBLE, "--encoding: cannot decode as '%s'",
			    encoding);
		/* after decoding: UTF-16 is full of NUL bytes, its text is not */
		if (looks_binary(dec.text, dec.len)) {
			pe_inwarn(&in, "looks like a binary file; "
			    "reading it as text");
			pe_status(PE_EXIT_INPUT);
		}
		if (dec.nbad > 0) {
			in.line = line_of(data, len, dec.firstbad);
			pe_inwarn(&in, "invalid %s at byte %zu replaced by U+FFFD "
			    "(%zu bad byte%s in all)", dec.encoding, dec.firstbad,
			    dec.nbad, dec.nbad == 1 ? "" : "s");
			in.line = 0;
			pe_status(PE_EXIT_INPUT);
		}
		seg_run(dec.text, dec.len, &so, &res);
		write_doc(name, &dec, pe_utf8_count(dec.text, dec.len), &res);
		write_units(name, dec.text, &res);
		seg_result_free(&res);
		free(dec.text);
	}
	pe_in_free(&in);
	seg_fini();
	return pe_exit();
}
