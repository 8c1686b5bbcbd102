/*
 * pe-diff - what changed between two versions of a document, and where
 * documents disagree.
 *
 * Three questions, one program (DESIGN.md):
 *
 *	pe-diff OLD NEW			the edit script between two record
 *					streams of one document
 *	pe-diff --by FIELD A B		an order-free keyed comparison
 *	pe-diff --conflicts DOC...	facts the documents state differently
 *
 * The work is in cmd/pe-diff-*.c (see pe-diff.h); this file is the
 * command line.  Exit status: 0, 1 for bad input, 2 for trouble; with
 * --exit-code, as diff(1): 0 same, 1 different, 2 trouble (bad input
 * included, since the comparison cannot be trusted).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/out.h"
#include "pe-diff.h"

static const char help[] =
"Usage: pe-diff [OPTION]... OLD NEW\n"
"  or:  pe-diff --by=FIELD [OPTION]... A B\n"
"  or:  pe-diff --conflicts [--agreements] [OPTION]... FILE...\n"
"Compare two versions of a document as pe record streams and write one\n"
"edit record per change: change, insert, delete, move, split, merge,\n"
"retag (kind), annot (annotations); or compare two streams keyed by FIELD\n"
"(entities, dates, cites or any field); or find the facts that documents\n"
"state differently.  A file - is standard input.\n"
"\n"
"  -a, --all                also write the records that stayed the same\n"
"  -U, --unified=N          N same records around each edit (unified: 3)\n"
"      --min-sim=X          least similarity (0..1, character bigrams) of\n"
"                           a changed record (default 0.5)\n"
"      --no-moves           report moved records as deleted and inserted\n"
"      --granularity=G      text edits by word (default), char or none\n"
"  -w, --ignore-all-space   ignore all white space in texts\n"
"  -i, --ignore-case        ignore case in texts\n"
"      --format=FORMAT      json (default), tsv, csv, unified, or patch\n"
"                           (RFC 6902 JSON Patch)\n"
"      --summary            write only the number of records of each op\n"
"      --exit-code          exit 0 if the same, 1 if different, 2 on trouble\n"
"      --by=FIELD           keyed comparison of FIELD: added, removed, changed\n"
"      --conflicts          facts that two or more documents state differently\n"
"      --agreements         with --conflicts: also the facts that agree\n"
"      --acts=FILE          with --conflicts: more act words (word TAB act)\n"
"      --doc=NAME           name the document NAME in the edit records\n"
"      --each               one record per text edit (or conflicting value)\n"
"      --unbuffered         flush after every record\n"
"      --keep-going         compare a line that is not JSON as opaque text\n"
"  -h, --help               display this help and exit\n"
"      --version            output version information and exit\n"
"\n"
"Exit status: 0 if all went well, 1 if some input was bad, 2 on a usage or\n"
"write error; with --exit-code, 0 if the inputs are the same, 1 if they\n"
"differ, 2 on trouble.  See pe-diff(1), pe-record(5) and pe(7).\n";

enum {
	OPT_MIN_SIM = PE_OPT_FIRST_PRIVATE, OPT_NO_MOVES, OPT_GRAN,
	OPT_SUMMARY, OPT_EXIT_CODE, OPT_BY, OPT_CONFLICTS, OPT_AGREEMENTS,
	OPT_ACTS
};

static const struct option longopts[] = {
	PE_COMMON_LONGOPTS,
	{ "all", no_argument, NULL, 'a' },
	{ "unified", required_argument, NULL, 'U' },
	{ "min-sim", required_argument, NULL, OPT_MIN_SIM },
	{ "no-moves", no_argument, NULL, OPT_NO_MOVES },
	{ "granularity", required_argument, NULL, OPT_GRAN },
	{ "ignore-all-space", no_argument, NULL, 'w' },
	{ "ignore-case", no_argument, NULL, 'i' },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "exit-code", no_argument, NULL, OPT_EXIT_CODE },
	{ "by", required_argument, NULL, OPT_BY },
	{ "conflicts", no_argument, NULL, OPT_CONFLICTS },
	{ "agreements", no_argument, NULL, OPT_AGREEMENTS },
	{ "acts", required_argument, NULL, OPT_ACTS },
	{ NULL, 0, NULL, 0 }
};

static long
number(const char *opt, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 1000000000L)
		pe_usage_error("%s: '%s' is not a number of records", opt, s);
	return v;
}

/* The status to exit with under --exit-code: 2 for any trouble. */
static int
finish(int differ)
{
	int st = pe_exit();

	if (!diff_opt.exit_code)
		return st;
	return st != 0 ? PE_EXIT_TROUBLE : differ ? 1 : 0;
}

int
main(int argc, char *argv[])
{
	struct diff_file fa, fb, *files;
	struct diff_script s;
	const char *by = NULL, *acts = NULL, *dir;
	char *end;
	int ch, conflicts = 0, differ, k;

	pe_cli_init(argc, argv, help);
	diff_opts_default();
	while ((ch = getopt_long(argc, argv, ":ahiwU:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			diff_opt.all = 1;
			break;
		case 'U':
			diff_opt.context = number("-U", optarg);
			break;
		case 'w':
			diff_opt.ignore_space = 1;
			break;
		case 'i':
			diff_opt.ignore_case = 1;
			break;
		case OPT_MIN_SIM:
			diff_opt.min_sim = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' ||
			    !(diff_opt.min_sim >= 0 && diff_opt.min_sim <= 1))
				pe_usage_error("--min-sim: '%s' is not a number "
				    "from 0 to 1", optarg);
			break;
		case OPT_NO_MOVES:
			diff_opt.no_moves = 1;
			break;
		case OPT_GRAN:
			if (strcmp(optarg, "word") == 0)
				diff_opt.gran = DIFF_GRAN_WORD;
			else if (strcmp(optarg, "char") == 0)
				diff_opt.gran = DIFF_GRAN_CHAR;
			else if (strcmp(optarg, "none") == 0)
				diff_opt.gran = DIFF_GRAN_NONE;
			else
				pe_usage_error("--granularity: '%s' is not word, "
				    "char or none", optarg);
			break;
		case OPT_SUMMARY:
			diff_opt.summary = 1;
			break;
		case OPT_EXIT_CODE:
			diff_opt.exit_code = 1;
			break;
		case OPT_BY:
			if (*optarg == '\0')
				pe_usage_error("--by: an empty field name");
			by = optarg;
			break;
		case OPT_CONFLICTS:
			conflicts = 1;
			break;
		case OPT_AGREEMENTS:
			diff_opt.agreements = 1;
			break;
		case OPT_ACTS:
			acts = optarg;
			break;
		case PE_OPT_FORMAT:
			/* two formats of pe-diff's own; the rest are common */
			if (strcmp(optarg, "unified") == 0)
				diff_opt.fmt = DIFF_FMT_UNIFIED;
			else if (strcmp(optarg, "patch") == 0)
				diff_opt.fmt = DIFF_FMT_PATCH;
			else {
				if (strcmp(optarg, "json") != 0 &&
				    strcmp(optarg, "tsv") != 0 &&
				    strcmp(optarg, "csv") != 0)
					pe_usage_error("--format: '%s' is not json, "
					    "tsv, csv, unified or patch", optarg);
				pe_cli_common(ch, optarg);
				diff_opt.fmt = pe_opt.format == PE_FMT_TSV ?
				    DIFF_FMT_TSV : pe_opt.format == PE_FMT_CSV ?
				    DIFF_FMT_CSV : DIFF_FMT_JSON;
			}
			break;
		default:
			pe_cli_common(ch, optarg);
		}
	}
	argc -= optind;
	argv += optind;
	if (by != NULL && conflicts)
		pe_usage_error("--by and --conflicts are two different questions");
	if ((by != NULL || conflicts) && (diff_opt.fmt == DIFF_FMT_UNIFIED ||
	    diff_opt.fmt == DIFF_FMT_PATCH))
		pe_usage_error("--format unified and patch are for OLD NEW only");

	if (conflicts) {
		if (argc < 1)
			pe_usage_error("--conflicts needs at least one file");
		if ((dir = pe_datadir("acts.tsv")) == NULL)
			pe_die(PE_EXIT_TROUBLE, "cannot find the data files "
			    "(acts.tsv); set PE_DATA");
		{
			char path[4096];

			snprintf(path, sizeof(path), "%s/acts.tsv", dir);
			diff_acts_load(path);
		}
		if (acts != NULL)
			diff_acts_load(acts);
		files = pe_xcalloc((size_t)argc, sizeof(*files));
		for (k = 0; k < argc; k++)
			if (diff_file_open(&files[k], argv[k]) < 0 ||
			    files[k].stop)
				break;
		if (k < argc) {
			/* nothing is compared on half an input */
			while (k >= 0)
				diff_file_close(&files[k--]);
			free(files);
			diff_acts_free();
			return finish(0);
		}
		differ = diff_conflicts(files, (size_t)argc) > 0;
		for (k = 0; k < argc; k++)
			diff_file_close(&files[k]);
		free(files);
		diff_acts_free();
		diff_words_fini();
		return finish(differ);
	}

	if (argc != 2)
		pe_usage_error(argc < 2 ? "two files to compare are needed" :
		    "%d files given; compare two (or use --conflicts)", argc);
	if (strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0)
		pe_usage_error("standard input can be only one of the two files");
	if (diff_file_open2(&fa, argv[0], &fb, argv[1]) < 0 || fa.stop ||
	    fb.stop) {
		diff_file_close(&fa);
		diff_file_close(&fb);
		return finish(0);
	}
	if (by != NULL) {
		differ = diff_by(&fa, &fb, by);
	} else {
		diff_edits(&fa, &fb, &s);
		diff_write(&fa, &fb, &s);
		differ = s.count[DIFF_SAME] != fa.n || fa.n != fb.n;
		diff_script_free(&s);
	}
	diff_file_close(&fa);
	diff_file_close(&fb);
	diff_words_fini();
	return finish(differ);
}
