/*
 * pe-entities-scan.c - the entities of one record's text.
 *
 * A record's text is folded (pe-entities-tab.c: NFKC, spaces inside
 * Japanese dropped) and scanned once for candidates, each a span of
 * folded characters with a type:
 *
 *  - gazetteer names, and the names this document defined (below), at
 *    every character where a word can start: a Latin name must stand
 *    between non-letters, a katakana name between non-katakana;
 *  - one-character country abbreviations (gold rule 4): 日米 is 日 and
 *    米, 対中 is 中, 米政府 is 米, each by the flags of data/entity-words.tsv;
 *  - a country name followed by 人 or 語 (米国人, 日本語) is a nationality
 *    or language, blocked as a whole (gold rule 7);
 *  - a name before a title (トランプ大統領, 石破首相, President X), a
 *    given name and a family name (ジョン・ボルトン, Hal Brands), a byline;
 *  - X政権 (gold rule 3), a name ending in a suffix that makes it an
 *    organization, treaty, law, event, facility or place (…研究所,
 *    …条約, …戦争), unless the words before it make a common noun;
 *  - "long form (ACRONYM)" and "ACRONYM (long form)": both mentions,
 *    one norm (gold rule 6);
 *  - cited titles: 『…』, 「…」 after a cue word (記事「…」), *italics*
 *    and "…" in notes, "Title | Site" lines;
 *  - money, percentages and measures (gold rule 10).
 *
 * Of overlapping candidates the leftmost wins, then the longest, then
 * the one of higher priority (gold rule 1: spans are flat and never
 * overlap).  While reading a document, ent_scan() keeps what the
 * patterns typed (a name, an acronym, a family name after the full name)
 * in a per-document trie, so that ent_scan() gives every mention of it
 * the same type and norm (consistency within a document).  A record read
 * before the document learned something new is read again.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe/out.h"
#include "pe/text.h"
#include "pe-entities.h"
#include "pe-entities-int.h"

/* Candidates of equal span: the higher priority wins. */
enum { PR_ABBR = 1, PR_LEX, PR_PATTERN, PR_GAZ, PR_DOC, PR_BLOCK };

struct cand {
	size_t a, b;		/* folded characters [a, b) */
	int type;		/* enum ent_type or ENT_BLOCK */
	int prio;
	int learn;		/* the document keeps it (first pass) */
	const char *norm, *abbr, *amount, *unit;
	size_t ta, tb;		/* title characters; ta == tb: none */
};

static struct ent_fold F;		/* the record being scanned */
static struct ent_trie doc;		/* names the document defined */
static struct ent_arena docstr;		/* their strings */
static struct ent_arena recstr;		/* strings made for one record */
static struct cand *cand;
static size_t ncand, capcand;
static struct cand *pick;		/* the chosen ones */
static size_t npick, cappick;
static const char *reckind;		/* kind of the record being scanned */

/* --- small helpers ----------------------------------------------------- */

ENT_HOT static int
cls(size_t k)
{
	return k < F.n ? F.cls[k] : C_OTHER;
}

ENT_HOT static int
latin(int c)
{
	return c == C_UPPER || c == C_LOWER || c == C_DIGIT;
}

ENT_HOT static int
letter(int c)
{
	return c == C_UPPER || c == C_LOWER;
}

static int
kind_is(const char *k)
{
	return reckind != NULL && strcmp(reckind, k) == 0;
}

/* A note or reference: by its kind, or by a note number leading it. */
static int
note_like(void)
{
	size_t k;

	if (kind_is("footnote") || kind_is("reference"))
		return 1;
	for (k = 0; k < F.n && k < 3 && F.cls[k] == C_DIGIT; k++)
		;
	return k > 0 && k < F.n && F.cp[k] == ' ' && cls(k + 1) == C_UPPER;
}

static struct cand *
add(size_t a, size_t b, int type, int prio)
{
	struct cand *c;

	if (ncand == capcand) {
		capcand = capcand ? capcand * 2 : 64;
		cand = pe_xrealloc(cand, capcand * sizeof(*cand));
	}
	c = &cand[ncand++];
	memset(c, 0, sizeof(*c));
	c->a = a;
	c->b = b;
	c->type = type;
	c->prio = prio;
	return c;
}

/* Bytes of folded chars [a, b). */
static const char *
fs(size_t a)
{
	return F.s + F.off[a];
}

static size_t
flen(size_t a, size_t b)
{
	return F.off[b] - F.off[a];
}

/* The entry of class w for exactly chars [a, b), or NULL. */
ENT_HOT static const struct ent_entry *
word_is(int w, size_t a, size_t b)
{
	if (a >= b || b > F.n || !ent_trie_may_start(&ent_words[w], F.cp[a]))
		return NULL;
	return ent_trie_get(&ent_words[w], fs(a), flen(a, b));
}

static int whole_end(size_t a, size_t b);
static void person(size_t a, size_t b, size_t ta, size_t tb,
    const char *norm);

/*
 * The longest word of trie t starting at char k: its entry, and its end
 * char in *end.  When bound is set, a Latin word must end where a word
 * ends and a katakana word where katakana ends; bound 2 asks the same of
 * a kanji word (whole_end()).
 */
ENT_HOT static const struct ent_entry *
longest(const struct ent_trie *t, size_t k, size_t *end, int bound)
{
	const struct ent_entry *best = NULL;
	uint32_t node = 0;
	size_t j;

	if (t->nnodes == 0 || k >= F.n || !ent_trie_may_start(t, F.cp[k]))
		return NULL;
	for (j = k; j < F.n; j++) {
		if ((node = ent_trie_step(t, node, F.cp[j])) == 0)
			return best;
		if (t->entry[node] < 0)
			continue;
		if (bound) {
			int last = cls(j), next = cls(j + 1);

			if (latin(last) && latin(next))
				continue;
			if (last == C_KATA && next == C_KATA)
				continue;
			if (bound == 2 && !whole_end(k, j + 1))
				continue;
		}
		best = &t->e[t->entry[node]];
		*end = j + 1;
	}
	return best;
}

ENT_HOT static const struct ent_entry *
word_at(int w, size_t k, size_t *end)
{
	return longest(&ent_words[w], k, end, 0);
}

/* The gazetteer or document entry for exactly chars [a, b). */
ENT_HOT static const struct ent_entry *
known(size_t a, size_t b)
{
	const struct ent_entry *e;

	if (a >= b)
		return NULL;
	if ((e = ent_trie_get(&doc, fs(a), flen(a, b))) != NULL)
		return e;
	return ent_trie_get(&ent_gaz, fs(a), flen(a, b));
}

static char *
rdup(const char *s, size_t n)
{
	return ent_arena_dup(&recstr, s, n);
}

/* Is the head [a, b) a common noun before a suffix (gold: 軍縮条約 is no
 * treaty)?  The whole head, or its last character, is listed generic. */
static int
generic_head(size_t a, size_t b, int onechar, int tails)
{
	size_t x;

	/* the head, or its last word when tails is set: 軍縮条約, 長年軍縮条約
	 * (東アジア安全保障研究会 is a name); a one-character last word only
	 * before a one-character suffix: 方法, 政党 */
	for (x = a; x < b; x++)
		if (word_is(W_GENERIC, x, b) != NULL && (x == a ||
		    (x + 1 < b && tails) || (x + 1 == b && onechar)))
			return 1;
	return 0;
}

/* --- gazetteer and document names ---------------------------------------- */

ENT_HOT static int
starts_word(size_t k)
{
	int c = cls(k), p = k > 0 ? cls(k - 1) : C_OTHER;

	if (latin(c) && latin(p))
		return 0;
	if (c == C_KATA && p == C_KATA)
		return 0;
	return 1;
}

/* A nationality or language word after a place name (米国人): the end of
 * the blocked span, or 0. */
static size_t
nationality(size_t e)
{
	size_t end, end2;

	if (word_at(W_NAT, e, &end) == NULL)
		return 0;
	if (word_at(W_NAT_NOT, e, &end2) != NULL)
		return 0;
	/* 日本人口 */
	return end;
}

static void
gazetteer(void)
{
	const struct ent_entry *g, *d, *e;
	size_t k, ge = 0, de = 0, end, nat;
	struct cand *c;

	for (k = 0; k < F.n; k++) {
		if (!starts_word(k) || F.cls[k] == C_SPACE)
			continue;
		g = longest(&ent_gaz, k, &ge, 1);
		d = longest(&doc, k, &de, 1);
		if (g == NULL && d == NULL)
			continue;
		if (d != NULL && (g == NULL || de >= ge)) {
			e = d;
			end = de;
		} else {
			e = g;
			end = ge;
		}
		if ((e->type == ENT_GPE || e->type == ENT_LOC) &&
		    (nat = nationality(end)) != 0) {
			add(k, nat, ENT_BLOCK, PR_BLOCK);
			continue;
		}
		c = add(k, end, e->type, e->type == ENT_BLOCK ? PR_BLOCK :
		    e == d ? PR_DOC : PR_GAZ);
		c->norm = e->norm;
		c->abbr = e->abbr;
		/* a shorter name inside a blocked span stays blocked, but a
		 * name that continues past it competes */
	}
}

/* --- the lexicon: names as whole words --------------------------------------- */

/* A kanji word [a, b) ends at b: no kanji follows, unless a title starts
 * there (鈴木氏; 平塚市 is the suffix pattern's). */
ENT_HOT static int
whole_end(size_t a, size_t b)
{
	size_t end;

	(void)a;
	if (cls(b - 1) != C_KANJI || cls(b) != C_KANJI)
		return 1;
	return word_at(W_TITLE, b, &end) != NULL;
}

/* A kanji word can start at k: no kanji or digit before it. */
ENT_HOT static int
whole_start(size_t k)
{
	return cls(k) != C_KANJI || k == 0 ||
	    (cls(k - 1) != C_KANJI && cls(k - 1) != C_DIGIT);
}

/* [a, b) is a person's name we know: the gazetteer, the document, the
 * lexicon, a family name, a given name or both. */
static int
known_person(size_t a, size_t b)
{
	const struct ent_entry *e = known(a, b);
	size_t x;

	if (e != NULL)
		return e->type == ENT_PERSON;
	/* one-character names make too many words (神 + 学) */
	if (b - a >= 2 && (word_is(W_SURNAME, a, b) ||
	    word_is(W_GIVEN_JA, a, b)))
		return 1;
	if ((e = ent_trie_get(&ent_lex, fs(a), flen(a, b))) != NULL)
		return e->type == ENT_PERSON;
	for (x = a + 1; b - a >= 3 && x < b; x++)
		if (word_is(W_SURNAME, a, x) && word_is(W_GIVEN_JA, x, b))
			return 1;
	return 0;
}

/*
 * A lexicon word [a, b) stands for a name here: not a run of country
 * abbreviations (欧米 is 欧 and 米), and not a katakana word quoted
 * alone (「デイトン」 names a doctrine, 「アトラス」 a myth).
 */
static int
lexical(size_t a, size_t b)
{
	size_t k;

	for (k = a; k < b && word_is(W_ABBR, k, k + 1) != NULL; k++)
		;
	if (k == b)
		return 0;
	if (cls(a) == C_KATA && a > 0 && (F.cp[a - 1] == 0x300C ||
	    F.cp[a - 1] == 0x300E) && (F.cp[b] == 0x300D || F.cp[b] == 0x300F ||
	    F.cls[b] == C_DOT))
		return 0;
	if (cls(a) == C_KATA && (cls(b) == C_DOT || (a > 0 &&
	    cls(a - 1) == C_DOT)))
		return 0;		/* デイトン・パラダイム, グローバル・サウス */
	if (word_at(W_KIND_WORD, b, &k) != NULL)
		return 0;		/* デイトン型 */
	return 1;
}

/* Case particles that may follow a name. */
static int
particle(uint32_t c)
{
	return c == 0x306F || c == 0x304C || c == 0x3092 || c == 0x306B ||
	    c == 0x306E || c == 0x3068 || c == 0x3082 || c == 0x3078;
}				/* は が を に の と も へ */

static void
lexicon(void)
{
	const struct ent_entry *e;
	size_t k, le, se, ge, ke;
	struct cand *c;

	for (k = 0; k < F.n; k++) {
		if (!starts_word(k) || !whole_start(k) || F.cls[k] == C_SPACE)
			continue;
		if ((e = longest(&ent_lex, k, &le, 2)) != NULL &&
		    e->type != ENT_BLOCK && lexical(k, le)) {
			if ((e->type == ENT_GPE || e->type == ENT_LOC) &&
			    (ke = nationality(le)) != 0)
				add(k, ke, ENT_BLOCK, PR_BLOCK);
			else
				add(k, le, e->type, PR_LEX);
		}
		/* a family and a given name: 高橋由美子, 町田修; not a word
		 * the lexicon gives another type (富士通 is no 富士 + 通) */
		if (cls(k) == C_KANJI &&
		    longest(&ent_words[W_SURNAME], k, &se, 0) != NULL &&
		    se - k >= 2 &&
		    longest(&ent_words[W_GIVEN_JA], se, &ge, 2) != NULL &&
		    cls(ge - 1) == C_KANJI &&
		    (e == NULL || le != ge || e->type == ENT_PERSON)) {
			c = add(k, ge, ENT_PERSON, PR_PATTERN);
			c->learn = 1;
		}
		/* a given name alone before a particle: ジェニファーは */
		if (cls(k) == C_KATA &&
		    longest(&ent_words[W_GIVEN], k, &ge, 1) != NULL &&
		    ge - k >= 3 && cls(ge) == C_HIRA && (k == 0 ||
		    cls(k - 1) != C_DOT) && particle(F.cp[ge]))
			add(k, ge, ENT_PERSON, PR_LEX);
		/* a regnal name: ヘンリー8世 */
		if (cls(k) == C_KATA) {
			for (ke = k; cls(ke) == C_KATA || (F.cls[ke] == C_DOT &&
			    cls(ke + 1) == C_KATA); ke++)
				;
			for (se = ke; se < F.n && (F.cls[se] == C_DIGIT ||
			    ent_kanji_digit(F.cp[se]) >= 0 || F.cp[se] == 0x5341); se++)
				;
			if (se > ke && ke - k >= 2 && se < F.n &&
			    F.cp[se] == 0x4E16)	/* 世 */
				person(k, se + 1, 0, 0, NULL);
		}
	}
}

/* --- one-character country abbreviations ------------------------------------ */

ENT_HOT static const struct ent_entry *
abbr_at(size_t k)
{
	const struct ent_entry *e;

	if (k >= F.n || (F.cls[k] != C_KANJI && F.cls[k] != C_KATA))
		return NULL;
	if ((e = word_is(W_ABBR, k, k + 1)) == NULL)
		return NULL;
	/* katakana ロ, ソ: only outside katakana words (米ロ, not ロシア) */
	if (F.cls[k] == C_KATA && (cls(k + 1) == C_KATA ||
	    (k > 0 && cls(k - 1) == C_KATA)))
		return NULL;
	return e;
}

/* k holds an abbr-prefix (対, 反) that starts a word. */
static int
prefix_at(size_t k)
{
	if (k >= F.n || word_is(W_ABBR_PREFIX, k, k + 1) == NULL)
		return 0;
	return k == 0 || (cls(k - 1) != C_KANJI && cls(k - 1) != C_DIGIT);
}

static void
abbreviations(void)
{
	const struct ent_entry *e, *f;
	size_t k, r0, r1, j, end;
	int before, ok, n;
	struct cand *c;

	for (k = 0; k < F.n; k++) {
		if ((e = abbr_at(k)) == NULL)
			continue;
		/* the run of abbreviations holding k (日・米 counts) */
		for (r0 = k; r0 > 0; r0--) {
			if (abbr_at(r0 - 1) && (abbr_at(r0 - 1)->flags & A_RUN))
				continue;
			if (r0 >= 2 && F.cp[r0 - 1] == 0x30FB &&
			    abbr_at(r0 - 2) && (abbr_at(r0 - 2)->flags & A_RUN))
				continue;
			break;
		}
		if (r0 < k && !(e->flags & A_RUN))
			r0 = k;
		for (r1 = k + 1, n = 1; r1 < F.n; r1++, n++) {
			if (abbr_at(r1) && (abbr_at(r1)->flags & A_RUN) &&
			    (e->flags & A_RUN))
				continue;
			if (F.cp[r1] == 0x30FB && abbr_at(r1 + 1) &&
			    (abbr_at(r1 + 1)->flags & A_RUN) &&
			    (e->flags & A_RUN)) {
				r1++;
				continue;
			}
			break;
		}
		n = 0;
		for (j = r0; j < r1; j++)
			n += abbr_at(j) != NULL;
		before = r0 > 0 ? cls(r0 - 1) : C_OTHER;
		ok = 0;
		if (n >= 2) {
			/* 日米, 米中ロ: not after a kanji word (今日中) or a
			 * number (7日中), nor led by a notfirst one (朝日) */
			f = abbr_at(r0);
			ok = (before != C_KANJI && before != C_DIGIT) ||
			    (r0 > 0 && prefix_at(r0 - 1));
			if (f != NULL && (f->flags & A_NOTFIRST))
				ok = 0;
		} else {
			if ((e->flags & A_PREFIX) && k > 0 && prefix_at(k - 1))
				ok = 1;
			else if (before != C_KANJI && before != C_DIGIT) {
				int next = cls(k + 1);

				if ((e->flags & A_ALONE) && (next == C_KANJI ||
				    next == C_KATA || next == C_UPPER))
					ok = 1;
				else if ((e->flags & A_PREFIX) &&
				    word_at(W_ABBR_NOUN, k + 1, &end) != NULL)
					ok = 1;
			}
		}
		if (!ok)
			continue;
		c = add(k, k + 1, e->type, PR_ABBR);
		c->norm = e->norm;
	}
}

/* --- people -------------------------------------------------------------------- */

/* Start of the katakana name ending at e (katakana joined by ・ or =). */
static size_t
kata_name_start(size_t e)
{
	size_t s = e;

	while (s > 0) {
		if (cls(s - 1) == C_KATA)
			s--;
		else if (s >= 2 && (F.cls[s - 1] == C_DOT || F.cp[s - 1] == '=') &&
		    cls(s - 2) == C_KATA && cls(s) == C_KATA)
			s--;
		else
			break;
	}
	return s;
}

static int
not_person(size_t a, size_t b)
{
	const struct ent_entry *e = known(a, b);
	size_t end;

	if (e != NULL && e->type != ENT_PERSON)
		return 1;
	/* a name does not start with a place or an organization we know */
	e = longest(&ent_gaz, a, &end, 1);
	return e != NULL && e->type != ENT_PERSON && end <= b;
}

static void
person(size_t a, size_t b, size_t ta, size_t tb, const char *norm)
{
	struct cand *c = add(a, b, ENT_PERSON, PR_PATTERN);
	const struct ent_entry *e = known(a, b);

	c->ta = ta;
	c->tb = tb;
	c->norm = norm ? norm : e && e->type == ENT_PERSON ? e->norm : NULL;
	c->learn = 1;
}

static void
titles(void)
{
	const struct ent_entry *t;
	size_t k, te, e, s;

	for (k = 1; k < F.n; k++) {
		if ((t = word_at(W_TITLE, k, &te)) == NULL)
			continue;
		/* the name ends before the title, or before a country
		 * abbreviation leading it (トランプ米大統領) */
		e = k;
		if (abbr_at(e - 1) != NULL && e >= 2 &&
		    (cls(e - 2) == C_KATA || cls(e - 2) == C_KANJI) &&
		    e - 1 > 0)
			e--;
		if (cls(e - 1) == C_KATA) {
			size_t d;
			int full = 0;

			s = kata_name_start(e);
			for (d = s; d < e; d++)
				full |= F.cls[d] == C_DOT;
			/* before さん or 選手, スタッフ and テニス are no names */
			if (e - s >= 2 && !not_person(s, e) &&
			    (!(t->flags & T_WEAK) || full || known_person(s, e)))
				person(s, e, e, te, NULL);
		} else if (cls(e - 1) == C_KANJI && e == k) {
			/* two to four kanji we know as a name: 石破首相, not
			 * 神学教授 */
			for (s = e >= 4 ? e - 4 : 0; s + 2 <= e; s++)
				if (whole_start(s) && known_person(s, e)) {
					person(s, e, k, te, NULL);
					break;
				}
			/* before a title that only follows names (氏, not
			 * 教授): a family name we know and a given name we
			 * do not, all kanji (高木守道氏) */
			if (s + 2 > e && !(t->flags & T_WEAK))
				for (s = e >= 4 ? e - 4 : 0; s + 3 <= e; s++)
					if (whole_start(s) && cls(s) == C_KANJI &&
					    cls(s + 1) == C_KANJI &&
					    cls(s + 2) == C_KANJI &&
					    cls(e - 1) == C_KANJI &&
					    word_is(W_SURNAME, s, s + 2) &&
					    known(s, e) == NULL) {
						person(s, e, k, te, NULL);
						break;
					}
		}
		k = te - 1;
	}
}

/* A capitalized Latin word at k: its end, or 0. */
static size_t
cap_word(size_t k)
{
	size_t j;

	if (cls(k) != C_UPPER || (k > 0 && latin(cls(k - 1))))
		return 0;
	for (j = k + 1; j < F.n && (letter(cls(j)) || ((F.cp[j] == '\'' ||
	    F.cp[j] == '-' || F.cp[j] == 0x2019) && letter(cls(j + 1)))); j++)
		if ((F.cp[j] == '\'' || F.cp[j] == 0x2019) && F.cp[j + 1] == 's' &&
		    !letter(cls(j + 2)))
			break;		/* Trump's */
	if (j < F.n && F.cp[j] == '.' && j - k == 1)
		j++;			/* an initial: R. */
	return j;
}

static void
given_names(void)
{
	size_t k, ge, e, j, w, fam;
	const struct ent_entry *g;
	char buf[512];

	for (k = 0; k < F.n; k++) {
		if (F.cls[k] == C_KATA) {
			if (!starts_word(k) ||
			    (g = word_at(W_GIVEN, k, &ge)) == NULL)
				continue;
			if (ge >= F.n || (F.cls[ge] != C_DOT && F.cp[ge] != '='))
				continue;
			/* ジョン・F・ケネディ */
			j = ge + 1;
			if (cls(j) == C_UPPER && (F.cp[j + 1] == 0x30FB ||
			    F.cp[j + 1] == '.'))
				j += 2;
			for (e = j; cls(e) == C_KATA; e++)
				;
			while (e + 1 < F.n && F.cls[e] == C_DOT &&
			    cls(e + 1) == C_KATA)
				for (j = ++e; cls(e) == C_KATA; e++)
					;
			if (e - j < 2 || not_person(k, e))
				continue;
			fam = j;
			person(k, e, 0, 0, NULL);
			/* the family name alone is this person too */
			if (ent_trie_get(&ent_gaz, fs(fam), flen(fam, e)) == NULL) {
				struct cand *c = add(fam, e, ENT_PERSON,
				    PR_PATTERN);

				c->learn = 2;	/* learned, never a mention */
				c->norm = cand[ncand - 2].norm;
			}
			k = e - 1;
		} else if (F.cls[k] == C_UPPER) {
			if ((w = cap_word(k)) == 0 ||
			    word_is(W_GIVEN_EN, k, w) == NULL)
				continue;
			/* John Smith, John R. Bolton: initials go on */
			j = w;
			e = 0;
			while (j + 1 < F.n && F.cp[j] == ' ' &&
			    (w = cap_word(j + 1)) != 0) {
				e = j = w;
				if (F.cp[w - 1] != '.')
					break;
			}
			if (e > 0 && F.cp[e - 1] == '.')
				e = 0;
			if (e == 0 || not_person(k, e))
				continue;
			person(k, e, 0, 0, NULL);
			if (cand[ncand - 1].norm == NULL && flen(k, e) < sizeof(buf))
				cand[ncand - 1].norm = rdup(fs(k), flen(k, e));
			k = e - 1;
		}
	}
}

/* "Bolton, John R." at the start of a reference. */
static void
reference_name(void)
{
	size_t f, g, e, j;
	char buf[256];
	int n;

	if (!note_like())
		return;
	for (j = 0; j < F.n && !letter(cls(j)); j++)
		;
	if ((f = cap_word(j)) == 0 || f + 2 >= F.n || F.cp[f] != ',' ||
	    F.cp[f + 1] != ' ' || (g = cap_word(f + 2)) == 0 ||
	    word_is(W_GIVEN_EN, f + 2, g) == NULL)
		return;
	e = g;
	if (e + 1 < F.n && F.cp[e] == ' ' && cls(e + 1) == C_UPPER &&
	    e + 2 < F.n && F.cp[e + 2] == '.')
		e += 3;
	n = snprintf(buf, sizeof(buf), "%.*s %.*s", (int)flen(f + 2, e),
	    fs(f + 2), (int)flen(j, f), fs(j));
	if (n > 0 && (size_t)n < sizeof(buf)) {
		person(j, e, 0, 0, rdup(buf, (size_t)n));
		cand[ncand - 1].learn = 0;
	}
}

/* A byline: a meta record that is only a name (都築正泰, By onozn). */
static void
byline(void)
{
	size_t k, e;

	if (!kind_is("meta") || F.n == 0)
		return;
	if (F.n >= 4 && memcmp(F.s, "By ", 3) == 0 && letter(cls(3))) {
		for (e = 3; e < F.n && (latin(cls(e)) || F.cp[e] == '.'); e++)
			;
		if (e == F.n)
			person(3, e, 0, 0, rdup(fs(3), flen(3, e)));
		return;
	}
	for (k = 0; k < F.n && F.cls[k] == C_KANJI; k++)
		;
	if (k == F.n && F.n >= 3 && F.n <= 5 && !not_person(0, F.n))
		person(0, F.n, 0, 0, NULL);
	/* Two capitalized words: Hal Brands */
	if ((e = cap_word(0)) != 0 && e + 1 < F.n && F.cp[e] == ' ' &&
	    (k = cap_word(e + 1)) == F.n && !not_person(0, F.n))
		person(0, F.n, 0, 0, rdup(F.s, F.len));
}

/* English titles before a name: President Donald Trump. */
static void
titles_en(void)
{
	size_t k, te, s, e, w;

	for (k = 0; k < F.n; k++) {
		if (F.cls[k] != C_UPPER || (k > 0 && latin(cls(k - 1))))
			continue;
		if (word_at(W_TITLE_EN, k, &te) == NULL || te >= F.n ||
		    F.cp[te] != ' ' || latin(cls(te - 1)) == 0)
			continue;
		s = te + 1;
		e = 0;
		for (w = s; (w = cap_word(w)) != 0 && word_is(W_TITLE_EN,
		    e ? e + 1 : s, w) == NULL;) {
			e = w;
			if (w + 1 >= F.n || F.cp[w] != ' ')
				break;
			w++;
		}
		if (e == 0 || not_person(s, e))
			continue;
		person(s, e, k, te, NULL);
		if (cand[ncand - 1].norm == NULL)
			cand[ncand - 1].norm = rdup(fs(s), flen(s, e));
	}
}

/* --- X政権 ---------------------------------------------------------------------- */

static const char *const ordinal_en[] = {
	NULL, "first", "second", "third", "fourth", "fifth"
};

/* 第二次, 第2次 ending at e: its start and the number, or 0. */
static int
ordinal_before(size_t e, size_t *start)
{
	static const char kanji[] = "一二三四五";
	size_t k;
	int n = 0;
	uint32_t c;

	if (e < 3 || F.cp[e - 1] != 0x6B21)	/* 次 */
		return 0;
	c = F.cp[e - 2];
	if (c >= '1' && c <= '5')
		n = (int)(c - '0');
	else
		for (k = 0; k < 5; k++) {
			size_t i = k * 3;
			uint32_t kc = pe_utf8_next(kanji, sizeof(kanji) - 1, &i);

			if (c == kc)
				n = (int)k + 1;
		}
	if (n == 0 || F.cp[e - 3] != 0x7B2C)	/* 第 */
		return 0;
	*start = e - 3;
	return n;
}

static void
administrations(void)
{
	const struct ent_entry *ad, *p;
	size_t k, ae, e, s, os;
	struct cand *c;
	char buf[512];
	const char *fam;
	int ord, n;

	for (k = 1; k < F.n; k++) {
		if ((ad = word_at(W_ADMIN, k, &ae)) == NULL)
			continue;
		e = k;
		if (F.cp[k - 1] == ' ' && cls(k) == C_UPPER)
			e = k - 1;	/* Trump Administration */
		if (e >= 2 && abbr_at(e - 1) != NULL &&
		    (cls(e - 2) == C_KATA || cls(e - 2) == C_KANJI))
			e--;		/* トランプ米政権 */
		if (e == 0)
			continue;
		if (cls(e - 1) == C_KATA)
			s = kata_name_start(e);
		else if (cls(e - 1) == C_KANJI) {
			/* a kanji name must be a person we know (安倍政権,
			 * not 軍事政権) */
			for (s = e - 1; s > 0 && e - s < 4 &&
			    cls(s - 1) == C_KANJI; s--)
				if ((p = known(s, e)) && p->type == ENT_PERSON)
					break;
			if ((p = known(s, e)) == NULL || p->type != ENT_PERSON)
				continue;
		} else if (letter(cls(e - 1))) {
			for (s = e; s > 0 && letter(cls(s - 1)); s--)
				;
			if (cls(s) != C_UPPER)
				continue;
		} else
			continue;
		if (e - s < 2 || not_person(s, e))
			continue;
		p = known(s, e);
		ord = ordinal_before(s, &os);
		c = add(ord ? os : s, ae, ENT_ORG, PR_PATTERN);
		c->learn = 1;
		fam = NULL;
		if (p != NULL && p->type == ENT_PERSON && p->norm != NULL) {
			fam = strrchr(p->norm, ' ');
			fam = fam ? fam + 1 : p->norm;
		} else if (letter(cls(s)))
			fam = rdup(fs(s), flen(s, e));
		if (fam != NULL && ad->norm != NULL) {
			n = snprintf(buf, sizeof(buf), "%s%s%s %s",
			    ord && ord < 6 ? ordinal_en[ord] : "",
			    ord && ord < 6 ? " " : "", fam, ad->norm);
			if (n > 0 && (size_t)n < sizeof(buf))
				c->norm = rdup(buf, (size_t)n);
		}
		/* a whole-name entry (トランプ政権) says it better */
		if (!ord && (p = known(s, ae)) != NULL && p->type == ENT_ORG)
			c->norm = p->norm;
		k = ae - 1;
	}
}

/* --- names ending in a suffix ---------------------------------------------------- */

/* Start of the run of name characters (kanji, katakana, ・ inside
 * katakana) ending at e. */
static size_t
run_start(size_t e)
{
	size_t s = e;

	while (s > 0) {
		int c = cls(s - 1);

		if (c == C_KANJI || c == C_KATA)
			s--;
		else if (c == C_DOT && s >= 2 && cls(s - 2) == C_KATA &&
		    cls(s) == C_KATA)
			s--;
		else
			break;
	}
	return s;
}

/* [a, b) is a place, organization or country we know. */
static int
known_place(size_t a, size_t b)
{
	const struct ent_entry *e;

	if (a >= b)
		return 0;
	if ((e = known(a, b)) == NULL)
		e = ent_trie_get(&ent_lex, fs(a), flen(a, b));
	return e != NULL && (e->type == ENT_GPE || e->type == ENT_LOC ||
	    e->type == ENT_ORG);
}

/* The end of the longest name we know starting at a, up to b (a when
 * none). */
static size_t
run_end(size_t a, size_t b)
{
	size_t e;

	for (e = b; e > a + 1; e--)
		if (known_place(a, e))
			return e;
	return a;
}

static int
place_suffix(int type)
{
	return type == ENT_GPE;
}

static void
suffixes(void)
{
	const struct ent_entry *sx, *g;
	size_t k, se, s, j, ge, min;
	struct cand *c;

	for (k = 1; k < F.n; k++) {
		if (F.cls[k] != C_KANJI && F.cls[k] != C_KATA)
			continue;
		if ((sx = word_at(W_SUFFIX, k, &se)) == NULL)
			continue;
		/* a one-character suffix ends a word: 軍 in 米国軍事 does not,
		 * but a place's 市 may go on (横浜市内) */
		if (se - k == 1 && cls(se) == C_KANJI && !(sx->type == ENT_GPE &&
		    known_place(run_start(k), k)))
			continue;
		if (sx->type == ENT_FAC || F.cls[k] == C_KATA) {
			/* katakana suffixes end katakana words */
			if (cls(se) == C_KATA)
				continue;
		}
		s = run_start(k);
		/* an address: 東京都新宿区 is two places */
		if (place_suffix(sx->type) && se - k == 1)
			for (j = s; j < k; j++)
				if ((g = longest(&ent_gaz, j, &ge, 1)) != NULL &&
				    (g->type == ENT_GPE) && ge < k &&
				    ge - j >= 2)
					s = ge, j = ge - 1;
		min = (size_t)(sx->flags & S_MIN);
		/* a prefix is no part of the name: 元広島県議会 */
		while (k - s > min && word_is(W_GENERIC, s, s + 1) != NULL &&
		    cls(s + 1) == C_KANJI && flen(s, s + 1) == 3 &&
		    known_place(s + 1, run_end(s + 1, k)))
			s++;
		if (sx->flags & S_NAME) {
			/* the name the head ends in: 仙台藩伊達家 is 伊達家 */
			for (j = s; j + 1 < k; j++)
				if (known_person(j, k) || known_place(j, k))
					break;
			if (j + 1 < k)
				s = j;
			else if (cls(k - 1) != C_KATA)
				continue;
		}
		if (k - s < min || generic_head(s, k, se - k == 1,
		    sx->type != ENT_ORG && sx->type != ENT_FAC))
			continue;
		/* a name we know ends here: what stands before it must be a
		 * name too (駐留米軍 is 米軍; マイラン大統領経済諮問委員会 is a
		 * person and a council) */
		for (j = s + 1; j < k; j++)
			if ((g = known(j, se)) != NULL && g->type == sx->type)
				break;
		if (j < k && (known_person(s, j) || !known_place(s, j)))
			continue;
		/* wars and crises of a place or a named thing: ウクライナ戦争,
		 * not 本格的戦争 or 対テロ戦争 */
		if (sx->type == ENT_EVENT && !(cls(k - 1) == C_KATA &&
		    word_is(W_GENERIC, s, s + 1) == NULL) && !known_place(s, k))
			continue;
		/* laws are kanji compounds (療法 and ショック療法 are none) */
		if (sx->type == ENT_LAW)
			for (j = s; j < k; j++)
				if (F.cls[j] != C_KANJI)
					break;
		if (sx->type == ENT_LAW && j < k)
			continue;
		c = add(s, se, sx->type, PR_PATTERN);
		c->learn = 1;
		if ((g = known(s, se)) != NULL && g->type == sx->type) {
			c->norm = g->norm;
			c->abbr = g->abbr;
		}
	}
}

/* --- acronyms ------------------------------------------------------------------- */

static int
open_paren(uint32_t c)
{
	return c == '(';
}

static int
close_paren(uint32_t c)
{
	return c == ')';
}

/* An acronym at [k, e): two or more capitals, digits and &-. */
static size_t
acronym(size_t k)
{
	size_t e;
	int caps = 0;

	if (cls(k) != C_UPPER)
		return 0;
	for (e = k; e < F.n && e - k < 12; e++) {
		if (F.cls[e] == C_UPPER)
			caps++;
		else if (!(F.cls[e] == C_DIGIT || F.cp[e] == '&' ||
		    F.cp[e] == '-' || (F.cls[e] == C_LOWER && e > k)))
			break;
	}
	return caps >= 2 && !latin(cls(e)) ? e : 0;
}

/* The long form ending at e (before a parenthesis): the start, or e. */
static size_t
long_form(size_t e)
{
	size_t s, k, best = e;

	/* a name found already (gazetteer, pattern) */
	for (k = 0; k < ncand; k++)
		if (cand[k].b == e && cand[k].type != ENT_BLOCK &&
		    cand[k].a < best && cand[k].type != ENT_PERSON)
			best = cand[k].a;
	if (best < e)
		return best;
	if (e > 0 && (cls(e - 1) == C_KANJI || cls(e - 1) == C_KATA)) {
		s = run_start(e);
		/* シンクタンク新外交イニシアティブ: katakana leading kanji is
		 * a word of its own */
		for (k = s; k + 1 < e; k++)
			if (cls(k) == C_KATA && cls(k + 1) == C_KANJI) {
				s = k + 1;
				break;
			}
		return e - s >= 2 ? s : e;
	}
	/* English: capitalized words */
	s = e;
	while (s > 1 && F.cp[s - 1] == ' ') {
		k = s - 1;
		while (k > 0 && (letter(cls(k - 1)) || F.cp[k - 1] == '-'))
			k--;
		if (cls(k) != C_UPPER && word_is(W_ENCONNECT, k, s - 1) == NULL)
			break;
		s = k;
	}
	if (s == e && e > 0 && letter(cls(e - 1))) {
		for (s = e; s > 0 && (letter(cls(s - 1)) || F.cp[s - 1] == '-');
		    s--)
			;
	}
	while (s < e && cls(s) != C_UPPER)
		s++;
	return s;
}

/* The type a long form [s, e) gets from its last word. */
static int
suffix_type(size_t s, size_t e)
{
	const struct ent_entry *sx;
	size_t k, se;

	for (k = s + 1; k < e; k++)
		if ((sx = word_at(W_SUFFIX, k, &se)) != NULL && se == e)
			return sx->type;
	return -1;
}

static void
define(size_t ls, size_t le, size_t as, size_t ae)
{
	const struct ent_entry *l = known(ls, le), *a = known(as, ae);
	const struct ent_entry *src = l ? l : a;
	const char *abbr;
	struct cand *c;
	int type;

	if (src != NULL && src->type == ENT_BLOCK)
		return;
	if (src != NULL)
		type = src->type;
	else if ((type = suffix_type(ls, le)) < 0)
		return;
	if (type == ENT_PERSON || type == ENT_MONEY || type == ENT_PERCENT ||
	    type == ENT_QUANTITY)
		return;
	abbr = a && a->abbr ? a->abbr : rdup(fs(as), flen(as, ae));
	c = add(ls, le, type, PR_DOC + 1);
	c->norm = l && l->norm ? l->norm : a ? a->norm : NULL;
	c->abbr = abbr;
	c->learn = 1;
	c = add(as, ae, type, PR_DOC + 1);
	c->norm = cand[ncand - 2].norm;
	c->abbr = abbr;
	c->learn = 1;
}

static void
acronyms(void)
{
	size_t k, ae, ls, j, e;

	for (k = 1; k + 2 < F.n; k++) {
		if (!open_paren(F.cp[k]))
			continue;
		/* long form (ACR) */
		if ((ae = acronym(k + 1)) != 0 && ae < F.n &&
		    close_paren(F.cp[ae])) {
			e = k;
			if (F.cp[e - 1] == ' ')
				e--;
			ls = long_form(e);
			if (ls < e)
				define(ls, e, k + 1, ae);
			continue;
		}
		/* (Long Form: ACR) */
		for (j = k + 1; j < F.n && !close_paren(F.cp[j]) &&
		    F.cp[j] != ':' && j - k < 120; j++)
			;
		if (j + 2 < F.n && F.cp[j] == ':') {
			e = j;
			for (j++; j < F.n && F.cp[j] == ' '; j++)
				;
			if ((ae = acronym(j)) != 0 && ae < F.n &&
			    close_paren(F.cp[ae]) && cls(k + 1) == C_UPPER)
				define(k + 1, e, j, ae);
			continue;
		}
		/* ACR(long form) */
		if (k >= 2 && latin(cls(k - 1))) {
			for (j = k; j > 0 && latin(cls(j - 1)); j--)
				;
			if (acronym(j) == k) {
				for (e = k + 1; e < F.n && !close_paren(F.cp[e]) &&
				    e - k < 40 && (F.cls[e] == C_KANJI ||
				    F.cls[e] == C_KATA || F.cls[e] == C_DOT); e++)
					;
				if (e < F.n && close_paren(F.cp[e]) && e - k > 2)
					define(k + 1, e, j, k);
			}
		}
	}
}

/* --- English names ------------------------------------------------------------- */

static void
english(void)
{
	const struct ent_entry *sx;
	size_t k, s, e, w, lastcap, se;
	int org, type;
	struct cand *c;

	for (k = 0; k < F.n; k++) {
		if ((w = cap_word(k)) == 0)
			continue;
		s = k;
		if (word_is(W_ENCONNECT, s, w) != NULL && flen(s, w) == 3)
			s = w + 1;	/* The */
		org = 0;
		type = -1;
		e = w;
		lastcap = s;
		for (;;) {
			if (word_is(W_ENORG, lastcap, e) != NULL)
				org = 1;
			if (e + 1 >= F.n || F.cp[e] != ' ')
				break;
			if ((w = cap_word(e + 1)) != 0) {
				if (word_is(W_ENORG, e + 1, w) != NULL)
					org = 1;
				lastcap = e + 1;
				e = w;
				continue;
			}
			/* of, on, for, and between capitalized words */
			for (w = e + 1; w < F.n && (F.cls[w] == C_LOWER ||
			    F.cp[w] == '&'); w++)
				;
			if (w > e + 1 && word_is(W_ENCONNECT, e + 1, w) &&
			    w + 1 < F.n && F.cp[w] == ' ' && cap_word(w + 1)) {
				lastcap = w + 1;
				e = cap_word(w + 1);
				if (word_is(W_ENORG, lastcap, e) != NULL)
					org = 1;
				continue;
			}
			break;
		}
		if ((sx = word_at(W_SUFFIX, lastcap, &se)) != NULL &&
		    se == e && cls(lastcap) == C_UPPER)
			type = sx->type;
		if (type < 0 && org)
			type = ENT_ORG;
		if (type >= 0 && e > s && (lastcap > s || type != ENT_ORG)) {
			c = add(s, e, type, PR_PATTERN);
			c->norm = rdup(fs(s), flen(s, e));
			c->learn = 1;
		}
		k = e;
	}
}

/* --- cited titles ---------------------------------------------------------------- */

static size_t
find_close(size_t k, uint32_t close, size_t max)
{
	size_t j;

	for (j = k; j < F.n && j - k < max; j++)
		if (F.cp[j] == close)
			return j;
	return 0;
}

static void
work(size_t a, size_t b, int type, int english_norm)
{
	struct cand *c;
	size_t n, i;
	char *norm;

	if (b <= a)
		return;
	c = add(a, b, type, PR_PATTERN + 1);
	if (english_norm && cls(a) == C_UPPER) {
		/* the norm spells apostrophes plainly */
		n = flen(a, b);
		norm = rdup(fs(a), n);
		for (i = 0; i + 2 < n; i++)
			if ((unsigned char)norm[i] == 0xE2 &&
			    (unsigned char)norm[i + 1] == 0x80 &&
			    (unsigned char)norm[i + 2] == 0x99) {
				norm[i] = '\'';
				memmove(norm + i + 1, norm + i + 3, n - i - 2);
				n -= 2;
			}
		c->norm = norm;
	}
}

static int
title_like(size_t a, size_t b)
{
	size_t k;

	if (cls(a) != C_UPPER)
		return 0;
	for (k = a; k < b; k++)
		if (F.cp[k] == ' ')
			return 1;
	return 0;
}

static void
quotes(void)
{
	const struct ent_entry *cue;
	size_t k, j, a, b, ce;
	int notes = note_like();

	for (k = 0; k < F.n; k++) {
		uint32_t c = F.cp[k];

		if (c == 0x300E && (j = find_close(k + 1, 0x300F, 120)) > k + 1) {
			work(k + 1, j, ENT_WORK, 1);	/* 『…』 */
			continue;
		}
		if (c == 0x300C && (j = find_close(k + 1, 0x300D, 120)) > k + 1) {
			size_t s;

			/* 「…」 after a cue word: 記事「…」, 演習「…」 */
			for (s = k; s > 0 && k - s < 6 && cls(s - 1) != C_HIRA &&
			    cls(s - 1) != C_OTHER && cls(s - 1) != C_DIGIT; s--)
				;
			for (; s < k; s++)
				if ((cue = word_at(W_WORKCUE, s, &ce)) != NULL &&
				    ce == k) {
					work(k + 1, j, cue->type, 0);
					break;
				}
			continue;
		}
		if (c == '*' && k + 1 < F.n && F.cp[k + 1] != '*' &&
		    (k == 0 || F.cp[k - 1] != '*') &&
		    (j = find_close(k + 1, '*', 200)) > k + 1 &&
		    (j + 1 >= F.n || F.cp[j + 1] != '*') && title_like(k + 1, j)) {
			work(k + 1, j, ENT_WORK, 1);
			k = j;
			continue;
		}
		if (notes && (c == '"' || c == 0x201C)) {
			uint32_t close = c == '"' ? '"' : 0x201D;

			if ((j = find_close(k + 1, close, 300)) == 0)
				continue;
			a = k + 1;
			b = j;
			while (b > a && (F.cp[b - 1] == ',' || F.cp[b - 1] == '.' ||
			    F.cp[b - 1] == ' '))
				b--;
			if (title_like(a, b))
				work(a, b, ENT_WORK, 1);
			k = j;
		}
	}
}

/* "Title | Site": a reference line names a work and where it appeared. */
static void
title_site(const char *text, size_t len)
{
	const char *bar = NULL, *p;
	size_t k, bk = 0, a, b;
	struct cand *c;

	for (p = text; (p = memchr(p, '|', len - (size_t)(p - text))) != NULL;
	    p++) {
		if (p > text && p[-1] == ' ' && p + 1 < text + len &&
		    p[1] == ' ') {
			if (bar != NULL)
				return;	/* more than one: a table */
			bar = p;
		}
	}
	if (bar == NULL)
		return;
	for (k = 0; k < F.n; k++)
		if (F.src0[k] == (size_t)(bar - text)) {
			bk = k;
			break;
		}
	if (k == F.n || bk == 0)
		return;
	for (a = 0; a < bk && F.cp[a] == ' '; a++)
		;
	b = bk;
	while (b > a && F.cp[b - 1] == ' ')
		b--;
	if (b - a >= 4)
		work(a, b, ENT_WORK, 1);
	for (a = bk + 1; a < F.n && F.cp[a] == ' '; a++)
		;
	if (F.n - a >= 2 && F.n - a < 60) {
		const struct ent_entry *e = known(a, F.n);

		c = add(a, F.n, e ? e->type : ENT_ORG, PR_PATTERN);
		c->norm = e ? e->norm : rdup(fs(a), flen(a, F.n));
		c->abbr = e ? e->abbr : NULL;
	}
}

/* --- money, percentages, quantities (pe-entities-num.c) ---------------------- */

static struct ent_num *num;		/* the amounts of the record */
static size_t capnum;

static void
numbers(void)
{
	size_t i, n = 0;
	struct cand *c;

	ent_numbers(&F, &recstr, &num, &n, &capnum);
	for (i = 0; i < n; i++) {
		/* an amount claims its characters before any name: 3人 */
		c = add(num[i].a, num[i].b, num[i].type, PR_PATTERN + 2);
		c->norm = num[i].norm;
		c->amount = num[i].amount;
		c->unit = num[i].unit;
	}
}
/* --- choosing ------------------------------------------------------------------ */

static int
cand_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	if (a->b != b->b)
		return a->b > b->b ? -1 : 1;
	if (a->prio != b->prio)
		return a->prio > b->prio ? -1 : 1;
	return a->learn < b->learn ? -1 : a->learn > b->learn;
}

static void
choose(void)
{
	size_t i, end = 0;

	if (ncand > 1)
		qsort(cand, ncand, sizeof(*cand), cand_cmp);
	npick = 0;
	for (i = 0; i < ncand; i++) {
		struct cand *p;
		size_t j;

		if (cand[i].learn == 2 || cand[i].a < end)
			continue;
		if (npick == cappick) {
			cappick = cappick ? cappick * 2 : 64;
			pick = pe_xrealloc(pick, cappick * sizeof(*pick));
		}
		p = &pick[npick++];
		*p = cand[i];
		end = cand[i].b;
		/* what a losing candidate of the same span knew: the title
		 * a pattern saw next to a gazetteer name */
		for (j = i + 1; j < ncand && cand[j].a == p->a &&
		    cand[j].b == p->b; j++) {
			if (cand[j].type != p->type)
				continue;
			if (p->tb == p->ta && cand[j].tb > cand[j].ta) {
				p->ta = cand[j].ta;
				p->tb = cand[j].tb;
			}
			if (p->norm == NULL && cand[j].norm != NULL)
				p->norm = cand[j].norm;
		}
	}
}

/* Does the span ending at character b end in one of set? */
static int
ends_in(size_t b, const uint32_t *set)
{
	for (; *set; set++)
		if (F.cp[b - 1] == *set)
			return 1;
	return 0;
}

/*
 * An address is one place: a prefecture followed at once by its city,
 * a city by its ward (神奈川県藤沢市, 横浜市中区), as one GPE with no
 * norm of its own.
 */
static void
addresses(void)
{
	static const uint32_t outer[] = {
		0x90FD, 0x9053, 0x5E9C, 0x770C, 0x5E02, 0x90E1, 0
	};				/* 都 道 府 県 市 郡 */
	static const uint32_t inner[] = {
		0x5E02, 0x533A, 0x753A, 0x6751, 0x90E1, 0
	};				/* 市 区 町 村 郡 */
	size_t i, k = 0, e, lim;

	for (i = 0; i < npick; i++) {
		struct cand *p = k > 0 ? &pick[k - 1] : NULL;

		if (p != NULL && p->type == ENT_GPE && pick[i].type == ENT_GPE &&
		    p->b == pick[i].a && ends_in(p->b, outer) &&
		    ends_in(pick[i].b, inner) && pick[i].b - pick[i].a >= 2) {
			p->b = pick[i].b;
			p->norm = p->abbr = NULL;
			p->learn = 0;
			continue;
		}
		pick[k++] = pick[i];
		/* a ward or town no list has: 横浜市中区, 藤沢市辻堂町 */
		p = &pick[k - 1];
		if (p->type != ENT_GPE || !ends_in(p->b, outer))
			continue;
		lim = i + 1 < npick ? pick[i + 1].a : F.n;
		for (e = p->b; e < lim && e < p->b + 4 && cls(e) == C_KANJI; e++)
			;
		if (e >= p->b + 2 && ends_in(e, inner) && cls(e) != C_KANJI) {
			p->b = e;
			p->norm = p->abbr = NULL;
			p->learn = 0;
		}
	}
	npick = k;
}

static void
candidates(const char *text, size_t len, const char *kind)
{
	ent_arena_reset(&recstr);
	reckind = kind;
	ent_fold(&F, text, len);
	ncand = 0;
	gazetteer();
	lexicon();
	abbreviations();
	titles();
	titles_en();
	given_names();
	reference_name();
	byline();
	administrations();
	suffixes();
	english();
	acronyms();
	quotes();
	title_site(text, len);
	numbers();
	choose();
	addresses();
}

/* --- the document's own names -------------------------------------------------- */

static unsigned long docgen;		/* changes to doc, for ent_doc_changes() */

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static const char *
keep(const char *s)
{
	return s ? ent_arena_dup(&docstr, s, strlen(s)) : NULL;
}

static void
learn(const struct cand *c)
{
	struct ent_entry *e;

	if (c->type >= ENT_NTYPES || c->type == ENT_WORK ||
	    c->type == ENT_MONEY || c->type == ENT_PERCENT ||
	    c->type == ENT_QUANTITY || c->b - c->a < 2)
		return;
	if (ent_trie_get(&ent_gaz, fs(c->a), flen(c->a, c->b)) != NULL &&
	    c->prio <= PR_GAZ)
		return;
	e = ent_trie_add(&doc, fs(c->a), flen(c->a, c->b));
	if (e->flags == 0)
		e->flags = 1;		/* new */
	else if (e->norm != NULL && c->norm == NULL)
		return;			/* keep what a better mention said */
	else if (e->type == c->type && same(e->norm, c->norm) &&
	    same(e->abbr, c->abbr))
		return;			/* nothing new */
	e->type = c->type;
	e->norm = keep(c->norm);
	e->abbr = keep(c->abbr);
	docgen++;
}

void
ent_doc_begin(void)
{
	ent_trie_clear(&doc);
	ent_arena_reset(&docstr);
	docgen = 0;
}

unsigned long
ent_doc_changes(void)
{
	return docgen;
}

void
ent_scan(const char *text, size_t len, const char *kind, int learning,
    struct ent_list *out)
{
	size_t i;
	struct ent_mention *m;

	out->n = 0;
	candidates(text, len, kind);
	if (learning) {
		for (i = 0; i < npick; i++)
			if (pick[i].learn)
				learn(&pick[i]);
		/* family names after full names, chosen or not */
		for (i = 0; i < ncand; i++)
			if (cand[i].learn == 2)
				learn(&cand[i]);
	}
	for (i = 0; i < npick; i++) {
		const struct cand *c = &pick[i];

		if (c->type >= ENT_NTYPES)
			continue;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			out->m = pe_xrealloc(out->m, out->cap * sizeof(*out->m));
		}
		m = &out->m[out->n++];
		m->b0 = F.src0[c->a];
		m->b1 = F.src1[c->b - 1];
		m->type = c->type;
		m->norm = c->norm;
		m->abbr = c->abbr;
		m->t0 = m->t1 = 0;
		if (c->tb > c->ta) {
			m->t0 = F.src0[c->ta];
			m->t1 = F.src1[c->tb - 1];
		}
		m->amount = c->amount;
		m->unit = c->unit;
	}
}

void
ent_list_free(struct ent_list *l)
{
	free(l->m);
	memset(l, 0, sizeof(*l));
}

void
ent_scan_fini(void)
{
	ent_fold_free(&F);
	ent_trie_free(&doc);
	ent_arena_free(&docstr);
	ent_arena_free(&recstr);
	free(cand);
	free(pick);
	free(num);
	num = NULL;
	capnum = 0;
	cand = pick = NULL;
	ncand = capcand = npick = cappick = 0;
}
