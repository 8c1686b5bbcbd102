/*
 * pe-entities.h - named entities, private to pe-entities (and its unit
 * tests and fuzz target).
 *
 * Two parts.  pe-entities-tab.c holds what the data files say: the
 * gazetteer (surface, type, norm, abbr; data/countries.tsv,
 * data/gazetteer.tsv and the user's --gazetteer files) in a byte trie
 * matched on NFKC-folded text, and the word lists the patterns are made
 * of (data/entity-words.tsv: titles, suffixes, currencies, units, ...).
 * pe-entities-scan.c finds the entities of one record's text: gazetteer
 * matches, patterns, one-character country abbreviations, numbers, and
 * the names a document defines for itself ("long form (ACRONYM)", a
 * full name before a bare family name), then keeps the leftmost-longest
 * non-overlapping set.  Offsets are bytes of the record's text inside
 * and code points in the JSON written (ent_json()).
 *
 * Every non-static symbol starts with ent_ (the Makefile links all
 * cmd/pe-*-*.c objects into the fuzz targets and unit tests together).
 */
#ifndef PE_ENTITIES_H
#define PE_ENTITIES_H

#include <stddef.h>

#include "pe/out.h"

enum ent_type {
	ENT_PERSON, ENT_ORG, ENT_GPE, ENT_LOC, ENT_FAC, ENT_TREATY, ENT_LAW,
	ENT_EVENT, ENT_WORK, ENT_MONEY, ENT_PERCENT, ENT_QUANTITY, ENT_NTYPES,
	ENT_BLOCK = ENT_NTYPES	/* gazetteer type "-": never an entity */
};

extern const char *const ent_type_name[ENT_NTYPES];

/* The type named s[0..n) (ENT_BLOCK for "-"), or -1. */
int ent_type_parse(const char *s, size_t n);

/*
 * Load data/entity-words.tsv (path; also names-ja.tsv) and the
 * gazetteers.  Each reports a
 * malformed line as "FILE:LINE: message", skips it and goes on; the
 * return value is the number of such lines, or -1 when the file cannot
 * be read (reported too).  Gazetteers loaded later override earlier
 * entries for the same surface.  ent_fini() frees all of it.
 */
int ent_load_words(const char *path);
int ent_load_gazetteer(const char *path);
/* The lexicon (gazetteer format): names matched only as whole words, and
 * losing to any other candidate of the same span. */
int ent_load_lexicon(const char *path);
void ent_fini(void);

/* One entity found in a record's text. */
struct ent_mention {
	size_t b0, b1;		/* bytes [b0, b1) of the text */
	int type;		/* enum ent_type */
	const char *norm;	/* canonical name, or NULL; borrowed */
	const char *abbr;	/* abbreviation, or NULL; borrowed */
	size_t t0, t1;		/* the title's bytes in the text (t0 == t1:
				   none) */
	const char *amount;	/* JSON number or [lo,hi], or NULL */
	const char *unit;	/* currency code, "%", unit, or NULL */
};

/* The entities of one record, in text order.  Strings they borrow live
 * until the next ent_scan() or ent_doc_begin(). */
struct ent_list {
	struct ent_mention *m;
	size_t n, cap;
};

/* Forget the names the previous document defined. */
void ent_doc_begin(void);

/*
 * The entities of a record's text (valid UTF-8, len bytes; kind is the
 * record's kind or NULL) into out (emptied first).  When learning is set,
 * the names the text defines (an acronym after its long form, a person
 * before a title, a family name after the full name) are kept for the
 * rest of the document: a record scanned before ent_doc_changes() last
 * grew should be scanned again (learning 0) to find them too.
 */
void ent_scan(const char *text, size_t len, const char *kind, int learning,
    struct ent_list *out);

/* How many times the document's names changed since ent_doc_begin(). */
unsigned long ent_doc_changes(void);

void ent_list_free(struct ent_list *l);

/*
 * Append to b the JSON array of l's entities, with text[start:end] in
 * code points of text (the record's text, len bytes).
 */
void ent_json(const char *text, size_t len, const struct ent_list *l,
    struct pe_buf *b);

#endif
