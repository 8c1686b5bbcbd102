/*
 * pe-cite - footnotes linked to their markers, references parsed into
 * CSL-JSON, URLs and document symbols found.
 *
 * A filter over pe-split's records, a document at a time (pe-cite-doc.c
 * needs the whole document: notes may stand before or after the markers
 * that cite them).  Records come out as they went in, in order, with
 * "cites" added to records that hold markers, URLs, document symbols or
 * credited quotations, and "csl" to notes, references and quotation
 * credits.  Everything about the fields is in pe-cite(1).
 */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/out.h"
#include "pe/rec.h"
#include "pe-cite.h"

static const char help[] =
"Usage: pe-cite [OPTION]... [FILE]...\n"
"Link note markers to their notes, parse notes and references into\n"
"CSL-JSON, and find URLs and document symbols in pe-split's records.\n"
"Adds \"cites\" (markers, URLs, symbols, quotation credits) and \"csl\"\n"
"(footnotes, references, quote sources) to the records that have them.\n"
"With no FILE, or when FILE is -, read standard input.\n"
"\n"
"  -q, --quiet            do not report markers without a note and notes\n"
"                         no marker cites\n"
"      --each             one object per citation item instead of records\n"
"      --format=FORMAT    json (default), tsv or csv\n"
"      --unbuffered       flush after every record\n"
"      --keep-going       pass lines that are not JSON through, exit 1\n"
"  -h, --help             display this help and exit\n"
"      --version          output version information and exit\n"
"\n"
"Exit status: 0 if all went well, 1 if some input was bad, 2 on a usage or\n"
"write error.  See pe-cite(1), pe-record(5) and pe(7).\n";

static const struct option longopts[] = {
	PE_COMMON_LONGOPTS,
	{ "quiet", no_argument, NULL, 'q' },
	{ NULL, 0, NULL, 0 }
};

static const char *const columns[] = {
	"doc", "id", "kind", "text", "cites", "csl", NULL
};

static const char *const each_columns[] = {
	"doc", "id", "kind", "text", "start", "end", "marker", "note", "url",
	"repeat", "symbol", "authority", "locator", "csl", NULL
};

int
main(int argc, char *argv[])
{
	struct cite_opts o = { 1, 0 };
	struct pe_recin in;
	struct pe_doc doc = { 0 };
	const char *dir;
	int ch;

	/* A document's records are freed together: keep the heap instead of
	 * handing it back to the kernel and faulting it in again for the
	 * next document (glibc; elsewhere a no-op is compiled). */
#ifdef M_TRIM_THRESHOLD
	mallopt(M_MXFAST, 0);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
	pe_cli_init(argc, argv, help);
	while ((ch = getopt_long(argc, argv, ":hq", longopts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			o.warn_links = 0;
			break;
		default:
			pe_cli_common(ch, optarg);
		}
	}
	argc -= optind;
	argv += optind;
	o.each = pe_opt.each;

	if ((dir = pe_datadir("cite-words.tsv")) == NULL)
		pe_die(PE_EXIT_TROUBLE, "cannot find the data files "
		    "(cite-words.tsv); set PE_DATA");
	if (cite_words_load(dir) < 0)
		pe_die(PE_EXIT_TROUBLE, "bad data files in %s", dir);
	pe_out_init(pe_opt.format, o.each ? each_columns : columns);

	pe_recin_open(&in, argc, argv);
	while (pe_doc_next(&in, &doc)) {
		cite_doc(&doc, &o);
		if (!o.each)
			pe_doc_write(&doc);
		if (doc.stop)
			break;
	}
	pe_doc_clear(&doc);
	free(doc.r);
	pe_recin_close(&in);
	cite_words_free();
	return pe_exit();
}
