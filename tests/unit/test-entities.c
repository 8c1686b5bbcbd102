/*
 * test-entities.c - pe-entities' parts: folding with its offset map, the
 * trie, the gazetteer line parser, and the scanner on short texts.
 *
 * The scanner tests load the shipped data files ($PE_DATA, else data/
 * under the current directory, where `make check` runs), so they pin
 * behaviour the data and the code make together; the fold and trie tests
 * need no data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/data.h"
#include "unit.h"
#include "../../cmd/pe-entities.h"
#include "../../cmd/pe-entities-int.h"

/* The folded text of s as a string, and the source bytes of char k. */
static void
test_fold(void)
{
	struct ent_fold f = { 0 };
	const char *s = "ＮＡＴＯ に ロ シ ア\n米 国 and the U S";

	ent_fold(&f, s, strlen(s));
	T("fold: NFKC and spaces dropped next to Japanese",
	    strcmp(f.s, "NATOにロシア米国and the U S") == 0);
	T("fold: N comes from the full-width Ｎ at byte 0",
	    f.src0[0] == 0 && f.src1[0] == 3);
	/* ロ is char 5 of the folded text; シ came after a space */
	T("fold: ロ maps to its source bytes", f.src0[5] == 17 &&
	    f.src1[5] == 20);
	T("fold: シ skips the space before it", f.src0[6] == 21);
	T("fold: the end sentinel is the source length",
	    f.src0[f.n] == strlen(s) && f.off[f.n] == f.len);
	T("fold: classes", f.cls[0] == C_UPPER && f.cls[4] == C_HIRA &&
	    f.cls[5] == C_KATA && f.cls[8] == C_KANJI);

	s = "\xf0\xa0\xae\xb7\xe9\x87\x8e \xef\xbf\xbd";	/* 𠮷野 U+FFFD */
	ent_fold(&f, s, strlen(s));
	T("fold: a non-BMP character is one char of four bytes",
	    f.n == 3 && f.cp[0] == 0x20BB7 && f.src1[0] == 4);
	s = "\xe2\x91\xa0 \xe5\x8f\xb0";			/* ① 台 */
	ent_fold(&f, s, strlen(s));
	T("fold: ① folds to 1 but is no digit", f.cp[0] == '1' &&
	    f.cls[0] == C_OTHER);
	ent_fold(&f, "", 0);
	T("fold: empty text", f.n == 0 && f.len == 0);
	ent_fold_free(&f);
}

static void
test_trie(void)
{
	struct ent_trie t = { 0 };
	struct ent_entry *e;

	e = ent_trie_add(&t, "abc", 3);
	e->type = ENT_ORG;
	T("trie: a new entry is found", ent_trie_get(&t, "abc", 3) == e);
	T("trie: a prefix is no entry", ent_trie_get(&t, "ab", 2) == NULL);
	T("trie: a longer string is no entry",
	    ent_trie_get(&t, "abcd", 4) == NULL);
	T("trie: adding again gives the same entry",
	    ent_trie_add(&t, "abc", 3) == e);
	T("trie: first-character filter", ent_trie_may_start(&t, 'a') &&
	    !ent_trie_may_start(&t, 'b'));
	ent_trie_clear(&t);
	T("trie: cleared", ent_trie_get(&t, "abc", 3) == NULL &&
	    !ent_trie_may_start(&t, 'a'));
	ent_trie_free(&t);
}

static void
test_gaz_line(void)
{
	struct ent_trie t = { 0 };
	char l1[] = "北方研究会\tORG\tNorthern Society\tNS";
	char l2[] = "no type";
	char l3[] = "a\tPLANET";
	char l4[] = "a\tORG\tb\tc\td";
	char l5[] = "\tORG";
	char l6[] = "ＮＡＴＯ\t-";
	const struct ent_entry *e;

	T("gaz: a full line parses", ent_gaz_parse(l1, strlen(l1), &t) == NULL);
	e = ent_trie_get(&t, "北方研究会", strlen("北方研究会"));
	T("gaz: its entry", e && e->type == ENT_ORG &&
	    strcmp(e->norm, "Northern Society") == 0 && strcmp(e->abbr, "NS") == 0);
	T("gaz: a line without a type is refused",
	    ent_gaz_parse(l2, strlen(l2), &t) != NULL);
	T("gaz: an unknown type is refused",
	    ent_gaz_parse(l3, strlen(l3), &t) != NULL);
	T("gaz: five fields are refused",
	    ent_gaz_parse(l4, strlen(l4), &t) != NULL);
	T("gaz: an empty surface is refused",
	    ent_gaz_parse(l5, strlen(l5), &t) != NULL);
	T("gaz: a block entry is stored folded",
	    ent_gaz_parse(l6, strlen(l6), &t) == NULL &&
	    (e = ent_trie_get(&t, "NATO", 4)) && e->type == ENT_BLOCK);
	T("gaz: type names", ent_type_parse("QUANTITY", 8) == ENT_QUANTITY &&
	    ent_type_parse("-", 1) == ENT_BLOCK && ent_type_parse("X", 1) < 0);
	ent_trie_free(&t);
}

/* The entities of text as "TYPE:text" joined by spaces: read once to
 * learn, as pe-entities reads a document, then again to find. */
static const char *
scan(const char *text)
{
	static char out[1024];
	static struct ent_list l;
	size_t i, n = 0;

	ent_scan(text, strlen(text), "sentence", 1, &l);
	ent_scan(text, strlen(text), "sentence", 0, &l);
	out[0] = '\0';
	for (i = 0; i < l.n && n < sizeof(out) - 64; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s:%.*s",
		    i ? " " : "", ent_type_name[l.m[i].type],
		    (int)(l.m[i].b1 - l.m[i].b0), text + l.m[i].b0);
	return out;
}

static int
load(void)
{
	static const char *const words[] = { "entity-words.tsv", "names-ja.tsv" };
	static const char *const gaz[] = { "countries.tsv", "gazetteer.tsv" };
	const char *dir = pe_datadir("entity-words.tsv");
	char path[4096];
	size_t i;

	if (dir == NULL)
		dir = "data";
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, words[i]);
		if (ent_load_words(path) != 0)
			return -1;
		snprintf(path, sizeof(path), "%s/%s", dir, gaz[i]);
		if (ent_load_gazetteer(path) != 0)
			return -1;
	}
	snprintf(path, sizeof(path), "%s/lexicon-ja.tsv", dir);
	return ent_load_lexicon(path) == 0 ? 0 : -1;
}

static void
test_scan(void)
{
	if (load() != 0) {
		T("scan: the data files load", 0);
		return;
	}
	ent_doc_begin();
	T("scan: country abbreviations in a compound",
	    strcmp(scan("日米韓の協力"), "GPE:日 GPE:米 GPE:韓") == 0);
	T("scan: a gazetteer name with spaces inside Japanese",
	    strcmp(scan("中 国 の 話"), "GPE:中 国") == 0);
	T("scan: nationality words are blocked",
	    strcmp(scan("中国人と日本語"), "") == 0);
	T("scan: money without 約",
	    strcmp(scan("約55兆円"), "MONEY:55兆円") == 0);
	T("scan: a kanji name needs to be known before a title",
	    strcmp(scan("神学教授が来た"), "") == 0);
	T("scan: an acronym defined then used",
	    strcmp(scan("海洋安全保障機構(MSO)とMSO"),
	    "ORG:海洋安全保障機構 ORG:MSO ORG:MSO") == 0);
	ent_doc_begin();
	T("scan: a new document forgets the acronym",
	    strcmp(scan("MSOの話"), "") == 0);
	T("scan: empty text", strcmp(scan(""), "") == 0);
	ent_fini();
}

int
main(int argc, char *argv[])
{
	pe_cli_init(argc, argv, "test-entities");
	test_fold();
	test_trie();
	test_gaz_line();
	test_scan();
	return T_REPORT();
}
