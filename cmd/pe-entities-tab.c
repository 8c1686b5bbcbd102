/*
 * pe-entities-tab.c - the data pe-entities reads: gazetteers and word
 * lists, kept in byte tries over NFKC-folded text.
 *
 * Every surface a data file lists is folded exactly as a record's text
 * is (ent_fold(): NFKC, spaces next to Japanese dropped, other space runs
 * made one space) and stored in a trie whose edges sit in one hash table
 * keyed by (node, byte), so matching costs one probe per byte whatever
 * the size of the gazetteer.  A node that ends a surface points to its
 * entry: type, norm and abbr for the gazetteer; class values for the
 * word lists.  Strings live in a chunked arena and never move, so
 * entries and the mentions made from them can borrow them.
 *
 * Bad data policy: a malformed line (wrong number of columns, unknown
 * type or class, an empty surface, invalid UTF-8) is reported as
 * "FILE:LINE: what is wrong" and skipped; the rest of the file is still
 * read and the exit status says so (1).  A file that cannot be opened is
 * reported the same way.  Later lines override earlier ones for the same
 * surface, so a user's --gazetteer can correct the shipped one.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/norm.h"
#include "pe/text.h"
#include "pe-entities.h"
#include "pe-entities-int.h"

const char *const ent_type_name[ENT_NTYPES] = {
	"PERSON", "ORG", "GPE", "LOC", "FAC", "TREATY", "LAW", "EVENT",
	"WORK", "MONEY", "PERCENT", "QUANTITY"
};

static const char *const class_name[W_NCLASSES] = {
	"abbr", "abbr-prefix", "abbr-noun", "nat", "nat-not", "title",
	"title-en", "given", "given-en", "admin", "suffix", "generic",
	"currency", "currency-sym", "percent", "unit", "work-cue", "en-org",
	"en-connect", "counter", "count-next", "kind-word", "surname",
	"given-ja"
};

struct ent_trie ent_gaz;		/* the gazetteers */
struct ent_trie ent_lex;		/* the lexicon */
struct ent_trie ent_words[W_NCLASSES];	/* the word lists, by class */
struct ent_arena ent_strings;		/* their strings */

int
ent_type_parse(const char *s, size_t n)
{
	int t;

	if (n == 1 && s[0] == '-')
		return ENT_BLOCK;
	for (t = 0; t < ENT_NTYPES; t++)
		if (strlen(ent_type_name[t]) == n &&
		    memcmp(ent_type_name[t], s, n) == 0)
			return t;
	return -1;
}

/* --- arena ----------------------------------------------------------- */

#define CHUNK 65536

struct ent_chunk {
	struct ent_chunk *next;
	size_t used, cap;
	char s[];
};

char *
ent_arena_dup(struct ent_arena *a, const char *s, size_t n)
{
	struct ent_chunk *c = a->head;
	char *p;

	if (c == NULL || c->cap - c->used < n + 1) {
		/* a reset arena keeps its first chunk: reuse it when empty */
		size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;

		c = pe_xmalloc(sizeof(*c) + cap);
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
	}
	p = c->s + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

void
ent_arena_reset(struct ent_arena *a)
{
	struct ent_chunk *c, *next;

	if (a->head == NULL)
		return;
	for (c = a->head->next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->head->used = 0;
}

void
ent_arena_free(struct ent_arena *a)
{
	ent_arena_reset(a);
	free(a->head);
	a->head = NULL;
}

/* --- trie ------------------------------------------------------------ */

static uint64_t
edge_hash(uint64_t key)
{
	key ^= key >> 29;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 32;
	return key;
}

static void
trie_grow_edges(struct ent_trie *t)
{
	size_t cap = t->hcap ? t->hcap * 2 : 1024, i, j;
	struct ent_edge *h = pe_xcalloc(cap, sizeof(*h));

	for (i = 0; i < t->hcap; i++) {
		if (t->h[i].key == 0)
			continue;
		for (j = edge_hash(t->h[i].key) & (cap - 1); h[j].key != 0;
		    j = (j + 1) & (cap - 1))
			;
		h[j] = t->h[i];
	}
	free(t->h);
	t->h = h;
	t->hcap = cap;
}

/* The hot loop of every match (ENT_HOT: see pe-entities-int.h). */
ENT_HOT uint32_t
ent_trie_step(const struct ent_trie *t, uint32_t node, uint32_t c)
{
	uint64_t key = ((uint64_t)node << 21 | c) + 1;
	size_t j;

	if (t->hcap == 0)
		return 0;
	for (j = edge_hash(key) & (t->hcap - 1); t->h[j].key != 0;
	    j = (j + 1) & (t->hcap - 1))
		if (t->h[j].key == key)
			return t->h[j].child;
	return 0;
}

static uint32_t
trie_child(struct ent_trie *t, uint32_t node, uint32_t c)
{
	uint64_t key = ((uint64_t)node << 21 | c) + 1;
	uint32_t child;
	size_t j;

	if ((child = ent_trie_step(t, node, c)) != 0)
		return child;
	if ((t->hn + 1) * 2 > t->hcap)
		trie_grow_edges(t);
	if (t->nnodes == t->capnodes) {
		t->capnodes = t->capnodes ? t->capnodes * 2 : 256;
		t->entry = pe_xrealloc(t->entry,
		    t->capnodes * sizeof(*t->entry));
	}
	child = t->nnodes++;
	t->entry[child] = -1;
	for (j = edge_hash(key) & (t->hcap - 1); t->h[j].key != 0;
	    j = (j + 1) & (t->hcap - 1))
		;
	t->h[j].key = key;
	t->h[j].child = child;
	t->hn++;
	return child;
}

void
ent_trie_clear(struct ent_trie *t)
{
	if (t->capnodes == 0) {
		t->capnodes = 256;
		t->entry = pe_xmalloc(t->capnodes * sizeof(*t->entry));
	}
	t->nnodes = 1;			/* the root */
	t->entry[0] = -1;
	if (t->hcap > 0 && t->hn > 0)
		memset(t->h, 0, t->hcap * sizeof(*t->h));
	t->hn = 0;
	t->ne = 0;
	memset(t->first, 0, sizeof(t->first));
}

void
ent_trie_free(struct ent_trie *t)
{
	free(t->entry);
	free(t->h);
	free(t->e);
	memset(t, 0, sizeof(*t));
}

struct ent_entry *
ent_trie_add(struct ent_trie *t, const char *s, size_t n)
{
	uint32_t node = 0;
	size_t i;

	if (t->nnodes == 0)
		ent_trie_clear(t);
	for (i = 0; i < n; ) {
		uint32_t c = pe_utf8_next(s, n, &i);

		if (node == 0 && c <= 0xFFFF)
			t->first[c >> 3] |= (uint8_t)(1u << (c & 7));
		node = trie_child(t, node, c);
	}
	if (t->entry[node] < 0) {
		if (t->ne == t->cape) {
			t->cape = t->cape ? t->cape * 2 : 64;
			t->e = pe_xrealloc(t->e, t->cape * sizeof(*t->e));
		}
		t->entry[node] = (int32_t)t->ne;
		memset(&t->e[t->ne], 0, sizeof(t->e[0]));
		t->ne++;
	}
	return &t->e[t->entry[node]];
}

ENT_HOT const struct ent_entry *
ent_trie_get(const struct ent_trie *t, const char *s, size_t n)
{
	uint32_t node = 0;
	size_t i;

	if (t->nnodes == 0)
		return NULL;
	for (i = 0; i < n; )
		if ((node = ent_trie_step(t, node, pe_utf8_next(s, n, &i))) == 0)
			return NULL;
	return t->entry[node] >= 0 ? &t->e[t->entry[node]] : NULL;
}

/* --- folding ------------------------------------------------------------ */

static void
fold_reserve(struct ent_fold *f, size_t chars, size_t bytes)
{
	if (chars + 1 > f->cpcap) {
		f->cpcap = chars + 1 > 2 * f->cpcap ? chars + 1 : 2 * f->cpcap;
		f->cp = pe_xrealloc(f->cp, f->cpcap * sizeof(*f->cp));
		f->off = pe_xrealloc(f->off, f->cpcap * sizeof(*f->off));
		f->src0 = pe_xrealloc(f->src0, f->cpcap * sizeof(*f->src0));
		f->src1 = pe_xrealloc(f->src1, f->cpcap * sizeof(*f->src1));
		f->cls = pe_xrealloc(f->cls, f->cpcap * sizeof(*f->cls));
	}
	if (bytes + 1 > f->cap) {
		f->cap = bytes + 1 > 2 * f->cap ? bytes + 1 : 2 * f->cap;
		f->s = pe_xrealloc(f->s, f->cap);
	}
}

ENT_HOT int
ent_class(uint32_t c)
{
	if (c >= 0x30A1 && c <= 0x30FA)
		return C_KATA;
	if (c == 0x30FC || c == 0x30FD || c == 0x30FE)
		return C_KATA;		/* ー ヽ ヾ */
	if (c == 0x30FB)
		return C_DOT;		/* ・ */
	if (c >= 0x3041 && c <= 0x309F)
		return C_HIRA;
	if (pe_is_han(c))
		return C_KANJI;
	if (c >= 'A' && c <= 'Z')
		return C_UPPER;
	if (c >= 'a' && c <= 'z')
		return C_LOWER;
	if (c >= '0' && c <= '9')
		return C_DIGIT;
	if (c == ' ')
		return C_SPACE;
	if (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
		return C_LOWER;		/* accented Latin: inside words */
	return C_OTHER;
}

static int
japanese(uint32_t c)
{
	return pe_is_japanese(c) || c == 0x30FB;
}

/* The source character at byte i is Japanese or full-width. */
static int
japanese_at(const char *src, size_t len, size_t i)
{
	return i < len && (unsigned char)src[i] >= 0xE3 &&
	    japanese(pe_utf8_next(src, len, &i));
}

static void
fold_put(struct ent_fold *f, uint32_t c, size_t s0, size_t s1)
{
	char u[4];
	int k = pe_utf8_put(c, u);

	fold_reserve(f, f->n + 1, f->len + 4);
	f->cp[f->n] = c;
	f->off[f->n] = f->len;
	f->src0[f->n] = s0;
	f->src1[f->n] = s1;
	f->cls[f->n] = (unsigned char)ent_class(c);
	f->n++;
	memcpy(f->s + f->len, u, (size_t)k);
	f->len += (size_t)k;
}

void
ent_fold(struct ent_fold *f, const char *src, size_t len)
{
	struct pe_nfkc nf;
	size_t i, k, nch, sp0 = 0, sp1 = 0;
	uint32_t c;
	int pending = 0;

	f->n = 0;
	f->len = 0;
	if (pe_nfkc(src, len, &nf) != 0 || (nf.len == 0 && len > 0)) {
		/* ICU failed (warned): match on the text as it is */
		pe_nfkc_free(&nf);
		nf.s = pe_xmalloc(len + 1);
		memcpy(nf.s, src, len);
		nf.s[len] = '\0';
		nf.len = len;
		nf.map = pe_xmalloc((len + 1) * sizeof(*nf.map));
		for (i = 0; i <= len; i++)
			nf.map[i] = i;
	}
	/* The characters of the normalized text with their source starts;
	 * f->src1 is filled backwards: the next different source start. */
	fold_reserve(f, nf.len, nf.len + 4);
	if (f->tcap < nf.len + 1) {
		f->tcap = nf.len + 1;
		f->tcp = pe_xrealloc(f->tcp, f->tcap * sizeof(*f->tcp));
		f->t0 = pe_xrealloc(f->t0, f->tcap * sizeof(*f->t0));
		f->t1 = pe_xrealloc(f->t1, f->tcap * sizeof(*f->t1));
	}
	for (i = 0, nch = 0; i < nf.len; nch++) {
		f->t0[nch] = nf.map[i];
		f->tcp[nch] = pe_utf8_next(nf.s, nf.len, &i);
	}
	for (k = nch; k-- > 0;)
		f->t1[k] = k + 1 < nch && f->t0[k + 1] != f->t0[k] ?
		    f->t0[k + 1] : (k + 1 < nch ? f->t1[k + 1] : len);
	for (k = 0; k < nch; k++) {
		c = f->tcp[k];
		if (pe_is_space(c) || c == '\n' || c == '\r' || c == '\t') {
			if (!pending)
				sp0 = f->t0[k];
			sp1 = f->t1[k];
			pending = 1;
			continue;
		}
		/* A space run stays (as one space) only between two
		 * characters that are not Japanese, as written (Ｗ　ＴＯ is
		 * full-width): PDF text breaks and letter-spacing put spaces
		 * inside Japanese words. */
		if (pending && f->n > 0 && !japanese(f->cp[f->n - 1]) &&
		    !japanese(c) && !japanese_at(src, len, f->src0[f->n - 1]) &&
		    !japanese_at(src, len, f->t0[k]))
			fold_put(f, ' ', sp0, sp1);
		pending = 0;
		fold_put(f, c, f->t0[k], f->t1[k]);
		/* ① folds to 1, but a list number is no quantity */
		if (c >= '0' && c <= '9' && f->t1[k] - f->t0[k] == 3) {
			size_t i = f->t0[k];
			uint32_t o = pe_utf8_next(src, len, &i);

			if ((o >= 0x2460 && o <= 0x24FF) ||
			    (o >= 0x2776 && o <= 0x2793) ||
			    (o >= 0x3251 && o <= 0x32BF))
				f->cls[f->n - 1] = C_OTHER;
		}
	}
	fold_reserve(f, f->n + 1, f->len + 1);
	f->off[f->n] = f->len;
	f->src0[f->n] = len;
	f->s[f->len] = '\0';
	pe_nfkc_free(&nf);
}

void
ent_fold_free(struct ent_fold *f)
{
	free(f->s);
	free(f->cp);
	free(f->off);
	free(f->src0);
	free(f->src1);
	free(f->cls);
	free(f->tcp);
	free(f->t0);
	free(f->t1);
	memset(f, 0, sizeof(*f));
}

/* --- loading ------------------------------------------------------------ */

static struct ent_fold loadfold;

/* The folded form of s[0..n), in loadfold.s (valid until the next call). */
static const char *
fold_key(const char *s, size_t n, size_t *klen)
{
	ent_fold(&loadfold, s, n);
	*klen = loadfold.len;
	return loadfold.s;
}

/* Split line into at most max tab-separated fields; returns the count,
 * or max + 1 when there are more. */
static int
split_tabs(char *line, char **f, size_t *fl, int max)
{
	int n = 0;
	char *p = line, *t;

	for (;;) {
		if (n == max)
			return max + 1;
		f[n] = p;
		t = strchr(p, '\t');
		fl[n] = t ? (size_t)(t - p) : strlen(p);
		n++;
		if (t == NULL)
			return n;
		*t = '\0';
		p = t + 1;
	}
}

/*
 * Read path line by line, calling fn for every line that is not a
 * comment or empty.  fn returns NULL for a good line, else a message.
 * Returns the number of bad lines, or -1 when the file cannot be read.
 */
static int
read_table(const char *path, const char *(*fn)(char *line, size_t len))
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	unsigned long lineno = 0;
	const char *msg;
	int bad = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		pe_warn("%s:", path);
		pe_status(PE_EXIT_INPUT);
		return -1;
	}
	while ((got = getline(&line, &cap, fp)) != -1) {
		size_t len = (size_t)got;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (memchr(line, '\0', len) != NULL)
			msg = "NUL byte in line";
		else if (pe_utf8_valid(line, len) != len)
			msg = "invalid UTF-8";
		else
			msg = fn(line, len);
		if (msg != NULL) {
			pe_warn("%s:%lu: %s", path, lineno, msg);
			pe_status(PE_EXIT_INPUT);
			bad++;
		}
	}
	if (ferror(fp)) {
		pe_warn("%s:", path);
		pe_status(PE_EXIT_INPUT);
		bad = bad ? bad : -1;
	}
	free(line);
	fclose(fp);
	return bad;
}

static const char *
empty_null(const char *s, size_t n)
{
	return n == 0 ? NULL : ent_arena_dup(&ent_strings, s, n);
}

static struct ent_trie *gaz_into = &ent_gaz;

static const char *
gaz_line(char *line, size_t len)
{
	char *f[5];
	size_t fl[5], klen;
	const char *key;
	struct ent_entry *e;
	int nf, type;

	(void)len;
	nf = split_tabs(line, f, fl, 4);
	if (nf > 4)
		return "more than 4 tab-separated fields "
		    "(surface, type, norm, abbr)";
	if (nf < 2)
		return "no type: want surface<TAB>type[<TAB>norm[<TAB>abbr]]";
	if (fl[0] == 0)
		return "empty surface";
	if ((type = ent_type_parse(f[1], fl[1])) < 0)
		return "unknown type (want PERSON, ORG, GPE, LOC, FAC, TREATY, "
		    "LAW, EVENT, WORK, MONEY, PERCENT, QUANTITY or -)";
	key = fold_key(f[0], fl[0], &klen);
	if (klen == 0)
		return "surface is only spaces";
	e = ent_trie_add(gaz_into, key, klen);
	e->type = type;
	e->norm = nf > 2 ? empty_null(f[2], fl[2]) : NULL;
	e->abbr = nf > 3 ? empty_null(f[3], fl[3]) : NULL;
	return NULL;
}

static const char *
words_line(char *line, size_t len)
{
	char *f[5];
	size_t fl[5], klen;
	const char *key;
	struct ent_entry *e;
	int nf, c;

	(void)len;
	nf = split_tabs(line, f, fl, 4);
	if (nf > 4)
		return "more than 4 tab-separated fields "
		    "(class, word, value, value)";
	if (nf < 2 || fl[1] == 0)
		return "no word: want class<TAB>word[<TAB>value[<TAB>value]]";
	for (c = 0; c < W_NCLASSES; c++)
		if (strlen(class_name[c]) == fl[0] &&
		    memcmp(class_name[c], f[0], fl[0]) == 0)
			break;
	if (c == W_NCLASSES)
		return "unknown class";
	switch (c) {
	case W_ABBR:
		if (nf < 4)
			return "abbr wants CHAR, NORM and \"TYPE FLAGS\"";
		break;
	case W_SUFFIX:
		if (nf < 3)
			return "suffix wants WORD and \"TYPE MIN\"";
		break;
	case W_ADMIN:
	case W_CURRENCY:
	case W_CURSYM:
	case W_PERCENT:
	case W_UNIT:
	case W_WORKCUE:
		if (nf < 3 || fl[2] == 0)
			return "this class wants a value after the word";
		break;
	}
	e = NULL;
	if (c == W_ABBR || c == W_SUFFIX || c == W_WORKCUE) {
		/* the type comes first in the last field */
		int tcol = c == W_ABBR ? 3 : 2;
		char *sp = strchr(f[tcol], ' ');
		const char *tf = f[tcol];
		size_t tl = sp ? (size_t)(sp - tf) : strlen(tf);
		int type = ent_type_parse(tf, tl);

		if (type < 0 || type == ENT_BLOCK)
			return "unknown type";
		if (c == W_SUFFIX && (sp == NULL || atoi(sp + 1) < 1))
			return "suffix wants a least head length >= 1 after "
			    "the type";
		key = fold_key(f[1], fl[1], &klen);
		if (klen == 0)
			return "word is only spaces";
		e = ent_trie_add(&ent_words[c], key, klen);
		e->type = type;
		e->flags = 0;
		if (c == W_SUFFIX)
			e->flags = atoi(sp + 1) |
			    (strstr(sp + 1, " name") ? S_NAME : 0);
		else if (c == W_ABBR && sp != NULL) {
			if (strstr(sp, " run"))
				e->flags |= A_RUN;
			if (strstr(sp, " prefix"))
				e->flags |= A_PREFIX;
			if (strstr(sp, " alone"))
				e->flags |= A_ALONE;
			if (strstr(sp, " notfirst"))
				e->flags |= A_NOTFIRST;
		}
		e->norm = c == W_ABBR ? empty_null(f[2], fl[2]) : NULL;
		return NULL;
	}
	key = fold_key(f[1], fl[1], &klen);
	if (klen == 0)
		return "word is only spaces";
	e = ent_trie_add(&ent_words[c], key, klen);
	e->type = 0;
	e->flags = 0;
	e->norm = nf > 2 ? empty_null(f[2], fl[2]) : NULL;
	e->abbr = nf > 3 ? empty_null(f[3], fl[3]) : NULL;
	if (c == W_TITLE && e->norm != NULL && strcmp(e->norm, "weak") == 0)
		e->flags = T_WEAK;
	if (c == W_PERCENT && e->norm != NULL)
		e->flags = strcmp(e->norm, "tenth") == 0 ? P_TENTH :
		    strcmp(e->norm, "points") == 0 ? P_POINTS : P_PCT;
	return NULL;
}

const char *
ent_gaz_parse(char *line, size_t len, struct ent_trie *into)
{
	const char *msg;

	gaz_into = into;
	if (memchr(line, '\0', len) != NULL)
		msg = "NUL byte in line";
	else if (pe_utf8_valid(line, len) != len)
		msg = "invalid UTF-8";
	else
		msg = gaz_line(line, len);
	gaz_into = &ent_gaz;
	return msg;
}

int
ent_load_gazetteer(const char *path)
{
	if (ent_gaz.nnodes == 0)
		ent_trie_clear(&ent_gaz);
	return read_table(path, gaz_line);
}

int
ent_load_lexicon(const char *path)
{
	int bad;

	if (ent_lex.nnodes == 0)
		ent_trie_clear(&ent_lex);
	gaz_into = &ent_lex;
	bad = read_table(path, gaz_line);
	gaz_into = &ent_gaz;
	return bad;
}

int
ent_load_words(const char *path)
{
	int c;

	for (c = 0; c < W_NCLASSES; c++)
		if (ent_words[c].nnodes == 0)
			ent_trie_clear(&ent_words[c]);
	return read_table(path, words_line);
}

void
ent_fini(void)
{
	int c;

	ent_trie_free(&ent_gaz);
	ent_trie_free(&ent_lex);
	for (c = 0; c < W_NCLASSES; c++)
		ent_trie_free(&ent_words[c]);
	ent_arena_free(&ent_strings);
	ent_fold_free(&loadfold);
	ent_scan_fini();
}
