/*
 * pe-entities-int.h - what pe-entities-tab.c and pe-entities-scan.c
 * share: the tries, the folded text, the word classes.  Private to
 * pe-entities; its unit tests include it to test the parts.
 */
#ifndef PE_ENTITIES_INT_H
#define PE_ENTITIES_INT_H

#include <stddef.h>
#include <stdint.h>

/*
 * ENT_HOT marks the lookup primitives every character goes through (trie
 * steps, class tests).  Under libFuzzer their comparisons would be traced
 * as coverage and take most of the run though they hold no branches worth
 * exploring, so clang leaves them uninstrumented; elsewhere it is empty.
 */
#if defined(__clang__) && __clang_major__ >= 13
#define ENT_HOT __attribute__((no_sanitize("coverage")))
#else
#define ENT_HOT
#endif

/* A chunked string arena: strings never move once made. */
struct ent_chunk;
struct ent_arena {
	struct ent_chunk *head;
};

/* Returns a NUL-terminated copy of s[0..n), valid until reset/free. */
char *ent_arena_dup(struct ent_arena *a, const char *s, size_t n);
void ent_arena_reset(struct ent_arena *a);	/* keeps one chunk */
void ent_arena_free(struct ent_arena *a);

/* What a trie node that ends a surface holds. */
struct ent_entry {
	int type;		/* enum ent_type, ENT_BLOCK; a word's type */
	int flags;		/* A_* for abbr, P_* for percent, MIN for suffix */
	const char *norm;	/* borrowed from an arena, or NULL */
	const char *abbr;
};

enum { A_RUN = 1, A_PREFIX = 2, A_ALONE = 4, A_NOTFIRST = 8 };
enum { P_PCT = 1, P_TENTH, P_POINTS };
enum { T_WEAK = 1 };			/* title flags */
enum { S_MIN = 0xFF, S_NAME = 0x100 };	/* suffix flags */

/*
 * A trie of code points: node 0 is the root; the edges are one
 * open-addressing hash table keyed by (node << 21 | code point) + 1 (0
 * marks a free slot), key and child side by side so that a step costs
 * one cache line: a step a character, where a trie of bytes took three.
 */
struct ent_edge {
	uint64_t key;
	uint32_t child;
};

struct ent_trie {
	uint32_t nnodes, capnodes;
	int32_t *entry;		/* per node: index into e[], or -1 */
	struct ent_edge *h;
	size_t hcap, hn;
	struct ent_entry *e;
	size_t ne, cape;
	uint8_t first[8192];	/* bit c: some surface starts with U+c
				   (BMP); non-BMP starts are always tried */
};

/* Can a surface of t start with code point c? */
static inline int
ent_trie_may_start(const struct ent_trie *t, uint32_t c)
{
	return c > 0xFFFF || (t->first[c >> 3] & (1u << (c & 7)));
}

/* Empty t (keeping its memory); ent_trie_add() on a zeroed trie works. */
void ent_trie_clear(struct ent_trie *t);
void ent_trie_free(struct ent_trie *t);
/* The entry for s[0..n), made empty (all zero) when new. */
struct ent_entry *ent_trie_add(struct ent_trie *t, const char *s, size_t n);
/* The child of node by code point c, or 0 when there is none. */
uint32_t ent_trie_step(const struct ent_trie *t, uint32_t node, uint32_t c);
/* The entry for exactly s[0..n), or NULL. */
const struct ent_entry *ent_trie_get(const struct ent_trie *t,
    const char *s, size_t n);

/* The word classes of data/entity-words.tsv. */
enum {
	W_ABBR, W_ABBR_PREFIX, W_ABBR_NOUN, W_NAT, W_NAT_NOT, W_TITLE,
	W_TITLE_EN, W_GIVEN, W_GIVEN_EN, W_ADMIN, W_SUFFIX, W_GENERIC,
	W_CURRENCY, W_CURSYM, W_PERCENT, W_UNIT, W_WORKCUE, W_ENORG,
	W_ENCONNECT, W_COUNTER, W_COUNT_NEXT, W_KIND_WORD, W_SURNAME,
	W_GIVEN_JA, W_NCLASSES
};

extern struct ent_trie ent_gaz;
extern struct ent_trie ent_lex;		/* lexicon-ja.tsv: whole words only */
extern struct ent_trie ent_words[W_NCLASSES];
extern struct ent_arena ent_strings;

/* Character classes on folded text. */
enum {
	C_OTHER, C_KANJI, C_KATA, C_HIRA, C_UPPER, C_LOWER, C_DIGIT,
	C_SPACE, C_DOT
};
int ent_class(uint32_t c);

/*
 * A record's text folded for matching: NFKC, then every run of spaces
 * (line breaks included) dropped when a Japanese character stands on
 * either side, else made one space.  Character k of the folded text is
 * cp[k], at byte off[k] of s, and came from bytes [src0[k], src1[k]) of
 * the source; off[n] is len and src0[n] the source length.
 */
struct ent_fold {
	char *s;
	size_t len, cap;
	uint32_t *cp;
	size_t *off, *src0, *src1;
	unsigned char *cls;
	size_t n, cpcap;
	uint32_t *tcp;		/* scratch: the NFKC text's characters */
	size_t *t0, *t1, tcap;
};

void ent_fold(struct ent_fold *f, const char *src, size_t len);
void ent_fold_free(struct ent_fold *f);

/* A money, percentage or quantity ent_numbers() found. */
struct ent_num {
	size_t a, b;		/* folded characters [a, b) */
	int type;		/* ENT_MONEY, ENT_PERCENT or ENT_QUANTITY */
	const char *norm;	/* these three in the arena given, or NULL */
	const char *amount;	/* JSON: a number, or [lo,hi] for a range */
	const char *unit;
};

/*
 * Append to (*out)[*n..] (growing *out and *cap) the amounts of the
 * folded text f, their strings made in a (pe-entities-num.c).
 */
void ent_numbers(const struct ent_fold *f, struct ent_arena *a,
    struct ent_num **out, size_t *n, size_t *cap);

/* 0..9 for 〇一二三四五六七八九, else -1. */
int ent_kanji_digit(uint32_t c);

/*
 * Parse one gazetteer line (NUL-terminated, len bytes, no newline; it is
 * cut up in place) into the trie into.  Returns NULL, or the message a
 * malformed line is reported with.  For tests and the fuzz target.
 */
const char *ent_gaz_parse(char *line, size_t len, struct ent_trie *into);

/* Free what pe-entities-scan.c keeps between records. */
void ent_scan_fini(void);

#endif
