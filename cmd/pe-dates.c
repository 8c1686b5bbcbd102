/*
 * pe-dates - find every temporal expression in pe's records and
 * normalize it to a TIMEX3 value.
 *
 * Reads records (pe-split's, or any JSON Lines with "text") a document
 * at a time and adds "dates" to each record where it found some: text,
 * type, value, start/end (code points of the record's text), and mod,
 * anchor, freq/quant and range where they apply.  Partial and relative
 * dates are resolved against the document creation date (--dct, else
 * the doc record's dct, else inferred from the document and written on
 * its doc record).  Records without a text pass through unchanged; the
 * reader (lib/rec.c) reports lines that are not JSON.  The rules are in
 * pe-dates-scan.c and pe-dates-value.c, the words in data/.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/out.h"
#include "pe/rec.h"
#include "pe-dates.h"

static const char help[] =
"Usage: pe-dates [OPTION]... [FILE]...\n"
"Find every temporal expression in pe records and normalize it: add\n"
"\"dates\" (text, type, TIMEX3 value, start, end, mod, anchor, freq,\n"
"quant, range) to each record whose text holds some.\n"
"With no FILE, or when FILE is -, read standard input.\n"
"\n"
"      --dct=DATE         document creation date, YYYY[-MM[-DD]]\n"
"                         (default: the doc record's dct, else inferred)\n"
"      --format=FORMAT    json (default), tsv or csv\n"
"      --each             one record per date found\n"
"      --unbuffered       flush after every record\n"
"      --keep-going       pass lines that are not JSON through, exit 1\n"
"  -h, --help             display this help and exit\n"
"      --version          output version information and exit\n"
"\n"
"Exit status: 0 if all went well, 1 if some input was bad, 2 on a usage or\n"
"write error.  See pe-dates(1), pe-record(5) and pe(7).\n";

enum { OPT_DCT = PE_OPT_FIRST_PRIVATE };

static const struct option longopts[] = {
	PE_COMMON_LONGOPTS,
	{ "dct", required_argument, NULL, OPT_DCT },
	{ NULL, 0, NULL, 0 }
};

static const char *const columns[] = {
	"doc", "id", "kind", "dct", "dct_from", "text", "dates", NULL
};

static const char *const each_columns[] = {
	"doc", "id", "text", "type", "value", "start", "end", "mod", "anchor",
	"freq", "quant", "range", NULL
};

int
main(int argc, char *argv[])
{
	struct dates_point dct, *optdct = NULL;
	struct dates_lex lex;
	struct dates_text text;
	struct pe_recin in;
	struct pe_doc doc;
	const char *dir;
	int ch;

	pe_cli_init(argc, argv, help);
	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_DCT:
			if (dates_parse_dct(optarg, &dct) < 0)
				pe_usage_error("--dct: '%s' is not a date "
				    "(YYYY, YYYY-MM or YYYY-MM-DD)", optarg);
			optdct = &dct;
			break;
		default:
			pe_cli_common(ch, optarg);
		}
	}
	argc -= optind;
	argv += optind;

	if ((dir = pe_datadir("dates-words.tsv")) == NULL)
		pe_die(PE_EXIT_TROUBLE, "cannot find the data files "
		    "(dates-words.tsv); set PE_DATA");
	if (dates_lex_load(&lex, dir) < 0)
		pe_die(PE_EXIT_TROUBLE, "bad data files in %s", dir);
	pe_out_init(pe_opt.format, pe_opt.each ? each_columns : columns);

	memset(&text, 0, sizeof(text));
	memset(&doc, 0, sizeof(doc));
	pe_recin_open(&in, argc, argv);
	while (pe_doc_next(&in, &doc)) {
		int stop = doc.stop;

		dates_doc(&lex, &text, &doc, optdct);
		if (!pe_opt.each)
			pe_doc_write(&doc);
		pe_doc_clear(&doc);
		if (stop)
			break;
	}
	free(doc.r);
	pe_recin_close(&in);
	dates_doc_free();
	dates_text_free(&text);
	dates_lex_free(&lex);
	return pe_exit();
}
