/*
 * pe-diff.h - pe-diff's parts, private to pe-diff (and its unit tests and
 * fuzz target).
 *
 * pe-diff answers three questions about record streams (DESIGN.md): what
 * changed between two versions of a document (diff_align(), diff_edits()),
 * what was added, removed or changed in an order-free keyed comparison
 * (diff_by()), and where documents disagree about a fact
 * (diff_conflicts()).  The pieces:
 *
 *   pe-diff-read.c   files read whole, one content hash per line, records
 *                    parsed only when asked for
 *   pe-diff-align.c  the monotone alignment of two hash sequences
 *   pe-diff-edit.c   moves, changes, splits, merges, retags, annotation
 *                    changes: the edit script
 *   pe-diff-words.c  text folding, similarity, word-level edits (ICU)
 *   pe-diff-out.c    the edit script as JSON, TSV/CSV, unified, RFC 6902
 *   pe-diff-keyed.c  --by
 *   pe-diff-conflict.c  --conflicts
 *
 * Offsets are bytes inside pe-diff; nothing here writes code points.
 */
#ifndef PE_DIFF_H
#define PE_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "pe/out.h"
#include "pe/rec.h"

/* ---- options ----------------------------------------------------------- */

enum diff_gran { DIFF_GRAN_WORD, DIFF_GRAN_CHAR, DIFF_GRAN_NONE };
enum diff_fmt { DIFF_FMT_JSON, DIFF_FMT_TSV, DIFF_FMT_CSV, DIFF_FMT_UNIFIED,
	DIFF_FMT_PATCH };

struct diff_opts {
	int all;		/* --all: same records too */
	long context;		/* -U N: same records around each edit; -1 unset */
	int no_moves;		/* --no-moves */
	enum diff_gran gran;	/* --granularity */
	enum diff_fmt fmt;	/* --format */
	int summary;		/* --summary: the counts only */
	int exit_code;		/* --exit-code: 0 same, 1 different, 2 trouble */
	int ignore_space;	/* -w: all white space ignored */
	int ignore_case;	/* -i */
	double min_sim;		/* --min-sim: least similarity of a change */
	int agreements;		/* --agreements (--conflicts) */
};
extern struct diff_opts diff_opt;

/* Set diff_opt to the defaults. */
void diff_opts_default(void);

/* ---- input: pe-diff-read.c ---------------------------------------------- */

/*
 * A record, read on demand: checked and its doc, id, kind and text
 * decoded (lib/rec.c); the jansson tree of the other fields is built
 * only when asked for (diff_rec_json()).
 */
struct diff_rec {
	struct pe_rec rec;	/* owned: the line and its four strings */
	int ok;			/* a JSON object (0: a bad line kept under
				   --keep-going) */
	json_t *j;		/* owned: diff_rec_json()'s tree, or NULL */
	int parsed;		/* j was asked for */
	const char *doc, *id, *kind, *text;	/* borrowed from rec */
	size_t textlen;
	char *raw;		/* borrowed from rec: the line as read (for
				   output of a bad line, RFC 6902 values) */
	size_t rawlen;
	unsigned long lineno;	/* 1-based line in its file */
	/* filled by diff_fold() */
	char *fold;		/* owned: text folded for comparison */
	size_t foldlen;
	uint64_t foldhash;	/* of fold, kind and the annotations */
	uint32_t *bi;		/* owned: sorted character bigrams of fold */
	size_t nbi;
	int folded;
};

/*
 * One input read whole.  Only the line starts and a hash of each line's
 * content are kept in memory; a line is read again (pread) when its
 * record is asked for, except when the input is not seekable (a pipe),
 * whose bytes are kept.  The content hash covers every field but the
 * positional ones (DIFF_IGNORED: id, doc, span, line, para, lines,
 * chars), so a record that only moved down a line or got a new id
 * hashes the same.
 */
struct diff_file {
	const char *name;	/* borrowed: as given ("-" for stdin) */
	int fd;			/* open while records may be read; -1 after */
	char *data;		/* owned: the bytes, when not seekable */
	uint64_t size;
	size_t n;		/* lines */
	uint64_t *off;		/* n + 1 entries: where each line starts */
	uint64_t *hash;		/* n content hashes */
	struct diff_rec **rec;	/* n: parsed records or NULL */
	unsigned long nbad;	/* lines that are not JSON objects */
	int failed;		/* could not be opened or read */
	int stop;		/* a bad line without --keep-going: the line
				   number is in stopline */
	unsigned long stopline;
};

/*
 * Open and hash name (NULL or "-": stdin).  Returns 0, or -1 when it
 * cannot be read (reported, status 1).  A line that is not a JSON object
 * is reported as FILE:LINE here; without --keep-going f->stop is set and
 * the lines after it are not read.
 */
int diff_file_open(struct diff_file *f, const char *name);

/* The same from data[0..n) in memory (copied), named name (borrowed):
 * for tests and the fuzz target. */
int diff_file_mem(struct diff_file *f, const char *name, const char *data,
    size_t n);

/* diff_file_open() on two files at once, in two threads. */
int diff_file_open2(struct diff_file *a, const char *na, struct diff_file *b,
    const char *nb);

/* Read and parse line i (borrowed from f, freed by diff_file_close()). */
struct diff_rec *diff_rec_get(struct diff_file *f, size_t i);

/* Forget the parsed record of line i (it is parsed again if asked). */
void diff_rec_drop(struct diff_file *f, size_t i);

/* The record as a jansson object, parsed on the first call (owned by
 * r), or NULL for a bad line. */
json_t *diff_rec_json(const struct diff_rec *r);

/*
 * 1 when the fields of x and y other than text, kind and the positional
 * ones (DIFF_IGNORED) are the same JSON text, whitespace outside strings
 * aside; 0 when they may differ (compare their trees then).
 */
int diff_rest_same(const struct diff_rec *x, const struct diff_rec *y);

/*
 * The raw JSON values of the top-level keys[0..nkeys) of the object
 * s[0..n), without parsing it: val[k] points into s (NULL when the key
 * is absent) and vlen[k] is its length.  Returns 0 when s does not scan
 * as an object.
 */
int diff_line_fields(const char *s, size_t n, const char *const *keys,
    size_t nkeys, const char **val, size_t *vlen);

/* The bytes of line i into *buf (grown as needed); returns its length. */
size_t diff_line(struct diff_file *f, size_t i, char **buf, size_t *cap);

void diff_file_close(struct diff_file *f);

/*
 * The content hash of one line, and whether it is a JSON object as far
 * as a quick structural scan can tell (1) or not (0).  Exposed for the
 * fuzz target and unit tests.
 */
int diff_scan_line(const char *s, size_t n, uint64_t *hash);

/* 64-bit hash of s[0..n) mixed into h. */
uint64_t diff_hash(const void *s, size_t n, uint64_t h);

/* 1 when key[0..n) is a positional field left out of comparisons. */
int diff_ignored_key(const char *key, size_t n);

/* ---- alignment: pe-diff-align.c ----------------------------------------- */

/*
 * Align a[0..na) with b[0..nb) (hashes): ma[i] gets the index in b that
 * a[i] is paired with, or -1, and mb the reverse; the pairs are equal
 * hashes and increase in both sequences.  Records unique in both are
 * anchors first (patience), then the gaps are aligned again, and Myers'
 * algorithm runs in gaps without unique records, under a cost cap past
 * which equal hashes are paired greedily in order (no quadratic input).
 */
void diff_align(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
    int32_t *ma, int32_t *mb);

/*
 * Myers' O(ND) shortest edit script between token sequences a and b
 * (hashes), at most maxd edits: fills ma/mb as diff_align() does and
 * returns 0, or returns -1 when the cost passes maxd (ma/mb then hold
 * only the common prefix and suffix).
 */
int diff_myers(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
    int32_t *ma, int32_t *mb, long maxd);

/* ---- edits: pe-diff-edit.c ---------------------------------------------- */

enum diff_op {
	DIFF_SAME, DIFF_CHANGE, DIFF_INSERT, DIFF_DELETE, DIFF_MOVE,
	DIFF_SPLIT, DIFF_MERGE, DIFF_RETAG, DIFF_ANNOT,
	DIFF_MOVED_OUT,		/* where a moved record was: unified only */
	DIFF_NOPS
};
extern const char *const diff_op_name[DIFF_NOPS];

/*
 * One entry of the edit script.  Old records [a0, a1), new [b0, b1): a
 * same run may be long, a change is 1:1, a split 1:2, a merge 2:1, an
 * insert 0:1, a delete 1:0.  A move's a0 is where the record was.
 */
struct diff_edit {
	enum diff_op op;
	size_t a0, a1, b0, b1;
};

struct diff_script {
	struct diff_edit *e;
	size_t n, cap;
	size_t count[DIFF_NOPS];	/* records per op (a same run counts
					   its length) */
};

/* The edit script of old against new, in reading order (new's, with
 * deletions where they stood). */
void diff_edits(struct diff_file *old, struct diff_file *new,
    struct diff_script *s);
void diff_script_free(struct diff_script *s);

/* ---- text: pe-diff-words.c ---------------------------------------------- */

/* Fill r's fold, foldhash and bigrams (once). */
void diff_fold(struct diff_rec *r);

/* Dice coefficient of two records' bigrams, 0..1. */
double diff_sim(const struct diff_rec *x, const struct diff_rec *y);

/* |x ∩ y| of two sorted bigram multisets. */
size_t diff_common(const uint32_t *x, size_t nx, const uint32_t *y, size_t ny);

/*
 * Word-level edits of old[0..no) into new[0..nn) (valid UTF-8) at the
 * granularity of diff_opt.gran, appended to b as a JSON array of
 * ["=", s], ["-", s], ["+", s] pairs; within a replaced stretch the "-"
 * comes before the "+".  Returns the number of pairs that are not "=".
 */
size_t diff_words(const char *old, size_t no, const char *new, size_t nn,
    struct pe_buf *b);

/* Join two texts as a re-wrap would: no space between Japanese text,
 * one between Latin words.  Returns a new string. */
char *diff_join(const char *x, size_t nx, const char *y, size_t ny,
    size_t *len);

/* Free ICU objects and caches (at exit). */
void diff_words_fini(void);

/* ---- output: pe-diff-out.c ---------------------------------------------- */

void diff_write(struct diff_file *old, struct diff_file *new,
    const struct diff_script *s);

/* Annotation changes between two records as a JSON array into b;
 * returns how many. */
size_t diff_annots(const struct diff_rec *x, const struct diff_rec *y,
    struct pe_buf *b);

/* ---- --by: pe-diff-keyed.c ---------------------------------------------- */

/* Keyed comparison of field in a and b; returns 1 when they differ. */
int diff_by(struct diff_file *a, struct diff_file *b, const char *field);

/* ---- --conflicts: pe-diff-conflict.c ------------------------------------ */

/* Load data/acts.tsv (and files given with --acts); exits 2 on a bad
 * file. */
void diff_acts_load(const char *path);
void diff_acts_free(void);

/* Facts stated differently by the documents of files[0..n); returns the
 * number of conflicts written. */
size_t diff_conflicts(struct diff_file *files, size_t n);

/*
 * Compare two TIMEX3 date values at the coarser granularity of the two:
 * 1 agree, 0 differ, -1 not comparable (a duration, a relative value,
 * nothing in common).  *differ gets a bit per component compared that
 * differs (1 year, 2 month, 4 day), *agree one per component that
 * agrees.
 */
int diff_date_cmp(const char *x, const char *y, int *differ, int *agree);

#endif
