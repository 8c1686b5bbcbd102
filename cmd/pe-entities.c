/*
 * pe-entities - add entities[] to records: people, organizations,
 * countries and places, treaties and laws, events, works, money,
 * percentages and quantities.
 *
 * A document at a time (the records sharing "doc"): every record with a
 * string "text" is read twice, first to learn the names the document
 * defines ("long form (ACRONYM)", a full name before the bare family
 * name), then to find its entities (pe-entities-scan.c).  The array is
 * added only to records where something was found; every record is
 * written back as it came, byte for byte, plus that field.  The
 * gazetteers and word lists are data files (pe-entities(1), FILES).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "pe/out.h"
#include "pe/rec.h"
#include "pe/text.h"
#include "pe-entities.h"

static const char help[] =
"Usage: pe-entities [OPTION]... [FILE]...\n"
"Add \"entities\" to pe records: people, organizations, countries and\n"
"places, treaties, laws, events, works, money, percentages, quantities,\n"
"each with text, type, start and end (code points of the record's text)\n"
"and, where known, norm, abbr, title, amount and unit.\n"
"With no FILE, or when FILE is -, read standard input.\n"
"\n"
"      --gazetteer=FILE   also read names from FILE (surface, type, norm,\n"
"                         abbr; tab-separated); may be repeated\n"
"      --format=FORMAT    json (default), tsv or csv\n"
"      --each             one record per entity instead of per record\n"
"      --unbuffered       flush after every record\n"
"      --keep-going       pass lines that are not JSON through, exit 1\n"
"  -h, --help             display this help and exit\n"
"      --version          output version information and exit\n"
"\n"
"Exit status: 0 if all went well, 1 if some input was bad, 2 on a usage or\n"
"write error.  See pe-entities(1), pe-record(5) and pe(7).\n";

enum { OPT_GAZETTEER = PE_OPT_FIRST_PRIVATE };

static const struct option longopts[] = {
	PE_COMMON_LONGOPTS,
	{ "gazetteer", required_argument, NULL, OPT_GAZETTEER },
	{ NULL, 0, NULL, 0 }
};

static const char *const columns[] = {
	"doc", "id", "kind", "text", "entities", NULL
};

static const char *const each_columns[] = {
	"doc", "id", "text", "type", "start", "end", "norm", "abbr", "title",
	"amount", "unit", NULL
};

/* The data files every run reads, in this order. */
static const char *const word_files[] = {
	"entity-words.tsv", "names-ja.tsv"
};
static const char *const data_files[] = {
	"countries.tsv", "gazetteer.tsv"
};

static void
load(char **user, int nuser)
{
	char path[4096];
	const char *dir;
	size_t i;
	int k;

	if ((dir = pe_datadir("entity-words.tsv")) == NULL)
		pe_die(PE_EXIT_TROUBLE, "cannot find the data files "
		    "(entity-words.tsv); set PE_DATA");
	for (i = 0; i < sizeof(word_files) / sizeof(word_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, word_files[i]);
		if (ent_load_words(path) < 0)
			pe_die(PE_EXIT_TROUBLE, "cannot read %s", path);
	}
	snprintf(path, sizeof(path), "%s/lexicon-ja.tsv", dir);
	if (ent_load_lexicon(path) < 0)
		pe_die(PE_EXIT_TROUBLE, "cannot read %s", path);
	for (i = 0; i < sizeof(data_files) / sizeof(data_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, data_files[i]);
		if (ent_load_gazetteer(path) < 0)
			pe_die(PE_EXIT_TROUBLE, "cannot read %s", path);
	}
	for (k = 0; k < nuser; k++)
		ent_load_gazetteer(user[k]);
}

/* --each: one row per entity. */
static void
write_each(const struct pe_rec *r, const struct ent_list *l)
{
	struct pe_cpcursor cur;
	const struct ent_mention *m;
	size_t i, s, e;

	pe_cpcursor_init(&cur, r->text);
	for (i = 0; i < l->n; i++) {
		m = &l->m[i];
		s = pe_cpcursor_at(&cur, m->b0);
		e = pe_cpcursor_at(&cur, m->b1);
		pe_out_begin();
		if (r->doc != NULL)
			pe_out_str("doc", r->doc, strlen(r->doc));
		if (r->id != NULL)
			pe_out_str("id", r->id, strlen(r->id));
		pe_out_str("text", r->text + m->b0, m->b1 - m->b0);
		pe_out_str("type", ent_type_name[m->type],
		    strlen(ent_type_name[m->type]));
		pe_out_int("start", (long long)s);
		pe_out_int("end", (long long)e);
		if (m->norm != NULL)
			pe_out_str("norm", m->norm, strlen(m->norm));
		if (m->abbr != NULL)
			pe_out_str("abbr", m->abbr, strlen(m->abbr));
		if (m->t1 > m->t0)
			pe_out_str("title", r->text + m->t0, m->t1 - m->t0);
		if (m->amount != NULL)
			pe_out_raw("amount", m->amount, strlen(m->amount));
		if (m->unit != NULL)
			pe_out_str("unit", m->unit, strlen(m->unit));
		pe_out_end();
	}
}

/*
 * One document, read once with learning, then again for the records read
 * before the document last learned a name.  The JSON of each record's
 * entities collects in b (start and length per record) until the end.
 */
static void
annotate_doc(struct pe_doc *doc, struct ent_list *l, struct pe_buf *b)
{
	static size_t *at, *len, cap;
	static unsigned long *gen;
	unsigned long last;
	size_t i;

	if (doc->n > cap) {
		cap = doc->n;
		at = pe_xrealloc(at, cap * sizeof(*at));
		len = pe_xrealloc(len, cap * sizeof(*len));
		gen = pe_xrealloc(gen, cap * sizeof(*gen));
	}
	b->len = 0;
	ent_doc_begin();
	for (i = 0; i < doc->n; i++) {
		struct pe_rec *r = &doc->r[i];

		len[i] = 0;
		if (r->text == NULL)
			continue;
		gen[i] = ent_doc_changes();
		ent_scan(r->text, r->textlen, r->kind, 1, l);
		at[i] = b->len;
		if (l->n > 0)
			ent_json(r->text, r->textlen, l, b);
		len[i] = b->len - at[i];
	}
	last = ent_doc_changes();
	for (i = 0; i < doc->n; i++) {
		struct pe_rec *r = &doc->r[i];

		if (r->text == NULL || gen[i] == last)
			continue;
		ent_scan(r->text, r->textlen, r->kind, 0, l);
		at[i] = b->len;
		if (l->n > 0)
			ent_json(r->text, r->textlen, l, b);
		len[i] = b->len - at[i];
	}
	for (i = 0; i < doc->n; i++)
		if (len[i] > 0)
			pe_rec_add(&doc->r[i], "entities", b->s + at[i], len[i]);
	if (doc->n == 0) {
		free(at);
		free(len);
		free(gen);
		at = len = NULL;
		gen = NULL;
		cap = 0;
	}
}

/* --each: the document read to learn, then again to write. */
static void
each_doc(struct pe_doc *doc, struct ent_list *l)
{
	size_t i;

	ent_doc_begin();
	for (i = 0; i < doc->n; i++)
		if (doc->r[i].text != NULL)
			ent_scan(doc->r[i].text, doc->r[i].textlen,
			    doc->r[i].kind, 1, l);
	for (i = 0; i < doc->n; i++) {
		struct pe_rec *r = &doc->r[i];

		if (r->text == NULL)
			continue;
		ent_scan(r->text, r->textlen, r->kind, 0, l);
		write_each(r, l);
	}
}

int
main(int argc, char *argv[])
{
	struct pe_recin ri;
	struct pe_doc doc = { 0 };
	struct ent_list l = { 0 };
	struct pe_buf b = { 0 };
	char **user = NULL;
	int ch, nuser = 0;

	pe_cli_init(argc, argv, help);
	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_GAZETTEER:
			user = pe_xrealloc(user, (size_t)(nuser + 1) *
			    sizeof(*user));
			user[nuser++] = optarg;
			break;
		default:
			pe_cli_common(ch, optarg);
		}
	}
	argc -= optind;
	argv += optind;

	load(user, nuser);
	pe_out_init(pe_opt.format, pe_opt.each ? each_columns : columns);
	pe_recin_open(&ri, argc, argv);
	while (pe_doc_next(&ri, &doc)) {
		int stop = doc.stop;

		if (pe_opt.each)
			each_doc(&doc, &l);
		else
			annotate_doc(&doc, &l, &b);
		if (!pe_opt.each)
			pe_doc_write(&doc);
		pe_doc_clear(&doc);
		if (stop)
			break;
		if (pe_opt.unbuffered)
			pe_out_flush();
	}
	annotate_doc(&doc, &l, &b);	/* n == 0: frees its arrays */
	free(doc.r);
	pe_recin_close(&ri);
	pe_buf_free(&b);
	ent_list_free(&l);
	free(user);
	ent_fini();
	return pe_exit();
}
