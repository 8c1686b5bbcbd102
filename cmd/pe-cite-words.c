/*
 * pe-cite-words.c - the word lists pe-cite's rules are written in.
 *
 * What a reader of references knows about words (that London is a
 * publisher's place, that "van" is part of a family name, that 書店 ends
 * a Japanese publisher's name, that 年 after a digit makes it a year and
 * not a note number) lives in data files users can read and extend:
 *
 *	cite-places.txt		one publisher place a line
 *	cite-particles.txt	one name particle a line
 *	cite-words.tsv		CLASS <tab> WORD [<tab> VALUE]
 *	cite-ja.tsv		CLASS <tab> WORD [<tab> VALUE]
 *	cite-symbols.tsv	PREFIX <tab> ISSUING BODY
 *
 * Blank lines and lines starting with '#' are skipped.  Each class is an
 * open-addressing hash set of its words, ASCII letters folded to lower
 * case; a value is a number (a month) or a string (a CSL type, a role,
 * an issuing body).  A line that does not fit is an error naming the
 * file and line: a bad word list must not quietly change the output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe-cite.h"

struct wentry {
	char *w;		/* owned, folded */
	size_t n;
	int val;
	char *str;		/* owned, or NULL */
};

struct wset {
	struct wentry *t;	/* open addressing; t[i].w == NULL is free */
	size_t cap, n;
	size_t maxlen;		/* longest word, for suffix look-ups */
};

static struct wset sets[CW_NCLASS];

static const struct {
	const char *name;
	enum cite_class c;
} class_names[] = {
	{ "place", CW_PLACE }, { "particle", CW_PARTICLE },
	{ "month", CW_MONTH }, { "stop", CW_STOP },
	{ "pubword", CW_PUBWORD }, { "confword", CW_CONFWORD },
	{ "genre", CW_GENRE }, { "titleword", CW_TITLEWORD },
	{ "reportword", CW_REPORTWORD }, { "treatyword", CW_TREATYWORD },
	{ "notehead", CW_NOTEHEAD }, { "suffix", CW_SUFFIX },
	{ "newsword", CW_NEWSWORD }, { "role", CW_JA_ROLE },
	{ "pubsuf", CW_JA_PUBSUF }, { "affil", CW_JA_AFFIL },
	{ "counter", CW_JA_COUNTER }, { "prefix", CW_JA_PREFIX },
	{ "surname", CW_JA_SURNAME }, { "org", CW_JA_ORG },
	{ "symbol", CW_SYMBOL }, { "refword", CW_REFWORD }
};

static unsigned char
fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* FNV-1a over the folded bytes. */
static size_t
hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++) {
		h ^= fold((unsigned char)s[i]);
		h *= 16777619u;
	}
	return h;
}

static int
same(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

static struct wentry *
find(const struct wset *ws, const char *s, size_t n)
{
	size_t i;

	if (ws->cap == 0 || n == 0 || n > ws->maxlen)
		return NULL;
	for (i = hash(s, n) & (ws->cap - 1); ws->t[i].w != NULL;
	    i = (i + 1) & (ws->cap - 1))
		if (ws->t[i].n == n && same(ws->t[i].w, s, n))
			return &ws->t[i];
	return NULL;
}

static void
insert(struct wset *ws, const char *s, size_t n, int val, const char *str)
{
	struct wentry *e;
	size_t i, k;

	if ((e = find(ws, s, n)) != NULL) {
		/* a later line overrides: users extend the shipped lists */
		e->val = val;
		free(e->str);
		e->str = str ? pe_xstrdup(str) : NULL;
		return;
	}
	if ((ws->n + 1) * 2 > ws->cap) {
		struct wset old = *ws;

		ws->cap = ws->cap ? ws->cap * 2 : 64;
		ws->t = pe_xcalloc(ws->cap, sizeof(*ws->t));
		ws->n = 0;
		for (k = 0; k < old.cap; k++) {
			if (old.t[k].w == NULL)
				continue;
			for (i = hash(old.t[k].w, old.t[k].n) & (ws->cap - 1);
			    ws->t[i].w != NULL; i = (i + 1) & (ws->cap - 1))
				;
			ws->t[i] = old.t[k];
			ws->n++;
		}
		free(old.t);
	}
	for (i = hash(s, n) & (ws->cap - 1); ws->t[i].w != NULL;
	    i = (i + 1) & (ws->cap - 1))
		;
	e = &ws->t[i];
	e->w = pe_xmalloc(n + 1);
	for (k = 0; k < n; k++)
		e->w[k] = (char)fold((unsigned char)s[k]);
	e->w[n] = '\0';
	e->n = n;
	e->val = val;
	e->str = str ? pe_xstrdup(str) : NULL;
	ws->n++;
	if (n > ws->maxlen)
		ws->maxlen = n;
}

static int
class_of(const char *name, enum cite_class *c)
{
	size_t i;

	for (i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
		if (strcmp(class_names[i].name, name) == 0) {
			*c = class_names[i].c;
			return 0;
		}
	return -1;
}

/*
 * Read one data file.  deflt >= 0: a plain list of words of that class
 * (an optional tab and value after the word); deflt < 0: CLASS WORD
 * [VALUE] lines, or PREFIX BODY lines when deflt is -2 (symbols).
 */
static int
load_file(const char *dir, const char *file, int deflt)
{
	char path[4096], *line = NULL, *f[3], *p;
	size_t cap = 0, len;
	unsigned long lineno = 0;
	enum cite_class c;
	FILE *fp;
	int nf, val;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((fp = fopen(path, "r")) == NULL) {
		pe_warn("%s:", path);
		return -1;
	}
	while (getline(&line, &cap, fp) != -1) {
		lineno++;
		len = strlen(line);
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		nf = 0;
		for (p = line; nf < 3; nf++) {
			f[nf] = p;
			if ((p = strchr(p, '\t')) == NULL) {
				nf++;
				break;
			}
			*p++ = '\0';
		}
		if (deflt >= 0) {
			c = (enum cite_class)deflt;
			f[2] = nf > 1 ? f[1] : NULL;
			f[1] = f[0];
			nf = nf > 1 ? 3 : 2;
		} else if (deflt == -2) {
			if (nf < 2 || *f[0] == '\0' || *f[1] == '\0')
				goto bad;
			c = CW_SYMBOL;
			f[2] = f[1];
			f[1] = f[0];
			nf = 3;
		} else if (nf < 2 || class_of(f[0], &c) < 0 || *f[1] == '\0') {
			goto bad;
		}
		val = 1;
		if (nf == 3 && f[2] != NULL && *f[2] != '\0') {
			char *end;
			long v;

			errno = 0;
			v = strtol(f[2], &end, 10);
			if (*end == '\0' && errno == 0 && v > 0 && v < 1000000)
				val = (int)v;
			insert(&sets[c], f[1], strlen(f[1]), val, f[2]);
		} else {
			insert(&sets[c], f[1], strlen(f[1]), val, NULL);
		}
	}
	free(line);
	fclose(fp);
	return 0;
bad:
	pe_warn("%s:%lu: expected CLASS, a tab and a WORD (classes: place, "
	    "particle, month, stop, pubword, ...)", path, lineno);
	free(line);
	fclose(fp);
	return -1;
}

int
cite_words_load(const char *dir)
{
	if (load_file(dir, "cite-places.txt", CW_PLACE) < 0 ||
	    load_file(dir, "cite-particles.txt", CW_PARTICLE) < 0 ||
	    load_file(dir, "cite-words.tsv", -1) < 0 ||
	    load_file(dir, "cite-ja.tsv", -1) < 0 ||
	    load_file(dir, "cite-symbols.tsv", -2) < 0)
		return -1;
	return 0;
}

void
cite_words_free(void)
{
	size_t c, i;

	for (c = 0; c < CW_NCLASS; c++) {
		for (i = 0; i < sets[c].cap; i++) {
			free(sets[c].t[i].w);
			free(sets[c].t[i].str);
		}
		free(sets[c].t);
		memset(&sets[c], 0, sizeof(sets[c]));
	}
}

int
cite_word(enum cite_class c, const char *s, size_t n)
{
	const struct wentry *e = find(&sets[c], s, n);

	return e ? e->val : 0;
}

const char *
cite_word_str(enum cite_class c, const char *s, size_t n)
{
	const struct wentry *e = find(&sets[c], s, n);

	return e ? e->str : NULL;
}

size_t
cite_word_suffix(enum cite_class c, const char *s, size_t n)
{
	const struct wset *ws = &sets[c];
	size_t k, best = 0;

	for (k = 1; k <= n && k <= ws->maxlen; k++) {
		/* only at character boundaries */
		if (((unsigned char)s[n - k] & 0xC0) == 0x80)
			continue;
		if (find(ws, s + n - k, k) != NULL)
			best = k;
	}
	return best;
}
