/*
 * pe-diff-edit.c - from an alignment to an edit script.
 *
 * diff_align() pairs the records whose content is byte for byte the
 * same and keeps the pairs in order.  What it leaves is read here, in
 * three passes:
 *
 *  1. moves: an unpaired old record with an exact partner among the
 *     unpaired new ones moved (unless --no-moves);
 *  2. in each gap between two runs of same records, the rest are
 *     aligned by similarity with a small dynamic programme, as sentence
 *     aligners do (Gale and Church): a pair whose character bigrams
 *     agree at least --min-sim (Dice) is one record changed, an old
 *     record whose text is two consecutive new ones a split (1:2), two
 *     old ones joined a merge (2:1), anything else an insertion or a
 *     deletion.  The programme maximises the bigrams shared, so a split
 *     is taken only when both new pieces come out of the old text and
 *     together match it better than either alone.  Gaps wider than a
 *     few hundred records are aligned in a band along their diagonal;
 *  3. moves again among what is left: a deleted record whose folded
 *     text (pe-diff-words.c) equals an inserted one's moved and was
 *     re-wrapped; one at least 0.8 alike moved and was edited (with a
 *     budget on the comparisons, so no input goes quadratic).
 *
 * A pair is then named by what differs: the text (change), only the
 * kind (retag), only other fields such as the annotations (annot), or
 * nothing once folded (same: a re-wrap that changed line breaks or
 * spacing).
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe-diff.h"

#define FULL_DP 250000		/* cells: above this the DP runs in a band */
#define BAND 150		/* half-width of the band, in records */
#define MOVE_SIM 0.8		/* least similarity of a moved and edited record */
#define MOVE_BUDGET 2000000	/* comparisons for pass 3's similar moves */

struct diff_opts diff_opt;

void
diff_opts_default(void)
{
	memset(&diff_opt, 0, sizeof(diff_opt));
	diff_opt.context = -1;
	diff_opt.gran = DIFF_GRAN_WORD;
	diff_opt.fmt = DIFF_FMT_JSON;
	diff_opt.min_sim = 0.5;
}

const char *const diff_op_name[DIFF_NOPS] = {
	"same", "change", "insert", "delete", "move", "split", "merge",
	"retag", "annot", "moved-out"
};

static void
push(struct diff_script *s, enum diff_op op, size_t a0, size_t a1, size_t b0,
    size_t b1)
{
	struct diff_edit *e;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->e = pe_xrealloc(s->e, s->cap * sizeof(*s->e));
	}
	e = &s->e[s->n++];
	e->op = op;
	e->a0 = a0;
	e->a1 = a1;
	e->b0 = b0;
	e->b1 = b1;
}

void
diff_script_free(struct diff_script *s)
{
	free(s->e);
	memset(s, 0, sizeof(*s));
}

/* ---- comparing two records ---------------------------------------------- */

/* An annotation element without its offsets, which shift with the text. */
static int
elem_equal(json_t *x, json_t *y)
{
	const char *k;
	json_t *v;

	if (!json_is_object(x) || !json_is_object(y))
		return json_equal(x, y);
	json_object_foreach(x, k, v) {
		if (strcmp(k, "start") == 0 || strcmp(k, "end") == 0)
			continue;
		if (!json_equal(v, json_object_get(y, k)))
			return 0;
	}
	json_object_foreach(y, k, v) {
		if (strcmp(k, "start") == 0 || strcmp(k, "end") == 0)
			continue;
		if (json_object_get(x, k) == NULL)
			return 0;
	}
	return 1;
}

static int
value_equal(json_t *x, json_t *y)
{
	size_t i;

	if (json_is_array(x) && json_is_array(y)) {
		if (json_array_size(x) != json_array_size(y))
			return 0;
		for (i = 0; i < json_array_size(x); i++)
			if (!elem_equal(json_array_get(x, i), json_array_get(y, i)))
				return 0;
		return 1;
	}
	return json_equal(x, y);
}

static int
own_field(const char *k)
{
	return diff_ignored_key(k, strlen(k)) || strcmp(k, "text") == 0 ||
	    strcmp(k, "kind") == 0;
}

/* 1 when the fields other than text, kind and the positional ones are
 * equal (annotation offsets aside). */
static int
fields_equal(const struct diff_rec *x, const struct diff_rec *y)
{
	const char *k;
	json_t *v, *jx, *jy;

	if (!x->ok || !y->ok)
		return x->ok == y->ok && x->rawlen == y->rawlen &&
		    memcmp(x->raw, y->raw, x->rawlen) == 0;
	if (diff_rest_same(x, y))
		return 1;		/* no tree needed */
	jx = diff_rec_json(x);
	jy = diff_rec_json(y);
	json_object_foreach(jx, k, v) {
		if (own_field(k))
			continue;
		if (!value_equal(v, json_object_get(jy, k)))
			return 0;
	}
	json_object_foreach(jy, k, v) {
		if (!own_field(k) && json_object_get(jx, k) == NULL)
			return 0;
	}
	return 1;
}

static int
same_kind(const struct diff_rec *x, const struct diff_rec *y)
{
	if (x->kind == NULL || y->kind == NULL)
		return x->kind == y->kind;
	return strcmp(x->kind, y->kind) == 0;
}

static int
same_text(const struct diff_rec *x, const struct diff_rec *y)
{
	if ((x->text == NULL) != (y->text == NULL))
		return 0;
	return x->foldlen == y->foldlen && memcmp(x->fold, y->fold,
	    x->foldlen) == 0;
}

/* What a 1:1 pair of records is: same, change, retag or annot. */
static enum diff_op
classify(const struct diff_rec *x, const struct diff_rec *y)
{
	if (!same_text(x, y))
		return DIFF_CHANGE;
	if (!same_kind(x, y))
		return DIFF_RETAG;
	if (!fields_equal(x, y))
		return DIFF_ANNOT;
	return DIFF_SAME;
}

static struct diff_rec *
get(struct diff_file *f, size_t i)
{
	struct diff_rec *r = diff_rec_get(f, i);

	diff_fold(r);
	return r;
}

/* ---- the similarity programme ------------------------------------------- */

enum { ST_NONE, ST_DEL, ST_INS, ST_PAIR, ST_SPLIT, ST_MERGE };

struct step {
	int kind;
	size_t i, j;		/* candidate indexes of the first records */
};

/* |x ∩ (y1 ⊎ y2)|: y1 and y2 merged on the fly. */
static size_t
common3(const struct diff_rec *x, const struct diff_rec *y1,
    const struct diff_rec *y2)
{
	size_t i = 0, p = 0, q = 0, c = 0;
	uint32_t v;

	while (i < x->nbi && (p < y1->nbi || q < y2->nbi)) {
		if (q >= y2->nbi || (p < y1->nbi && y1->bi[p] <= y2->bi[q]))
			v = y1->bi[p++];
		else
			v = y2->bi[q++];
		while (i < x->nbi && x->bi[i] < v)
			i++;
		if (i < x->nbi && x->bi[i] == v) {
			c++;
			i++;
		}
	}
	return c;
}

/* Gain of one record against two (a split, or a merge read backwards):
 * 0 unless both pieces come out of x and together match x better than
 * either alone. */
static double
gain2(const struct diff_rec *x, const struct diff_rec *y1,
    const struct diff_rec *y2)
{
	double c1, c2, c, d, d1, d2, contain = 0.5 + diff_opt.min_sim / 2;

	if (x->text == NULL || y1->text == NULL || y2->text == NULL ||
	    y1->nbi == 0 || y2->nbi == 0)
		return 0;
	c1 = (double)diff_common(x->bi, x->nbi, y1->bi, y1->nbi);
	if (c1 < contain * (double)y1->nbi)
		return 0;
	c2 = (double)diff_common(x->bi, x->nbi, y2->bi, y2->nbi);
	if (c2 < contain * (double)y2->nbi)
		return 0;
	c = (double)common3(x, y1, y2);
	d = 2 * c / (double)(x->nbi + y1->nbi + y2->nbi);
	d1 = 2 * c1 / (double)(x->nbi + y1->nbi);
	d2 = 2 * c2 / (double)(x->nbi + y2->nbi);
	if (d < diff_opt.min_sim || d < d1 + 0.05 || d < d2 + 0.05)
		return 0;
	return c + 1;
}

/* Gain of a 1:1 pair: the bigrams shared, or 0 when too unlike. */
static double
gain1(const struct diff_rec *x, const struct diff_rec *y)
{
	double s = diff_sim(x, y);

	if (s < diff_opt.min_sim || s <= 0)
		return 0;
	if (x->text == NULL)
		return 1;
	return (double)diff_common(x->bi, x->nbi, y->bi, y->nbi) + 1;
}

/*
 * Align candidates A[0..p) and B[0..q) (record indexes ia[], ib[]) and
 * return the steps in order in *out (new array), their number as the
 * result.  Cells outside the band around the diagonal are unreachable.
 */
static size_t
dp_align(struct diff_file *old, struct diff_file *new, const size_t *ia,
    size_t p, const size_t *ib, size_t q, struct step **out)
{
	size_t i, j, *lo, *hi, *base, ncell, nst = 0;
	double *sc, g, best;
	unsigned char *bk;
	struct step *st;
	int band = p * q > FULL_DP;

	lo = pe_xmalloc((p + 1) * sizeof(*lo));
	hi = pe_xmalloc((p + 1) * sizeof(*hi));
	base = pe_xmalloc((p + 2) * sizeof(*base));
	ncell = 0;
	for (i = 0; i <= p; i++) {
		if (band) {
			double c = (double)i * (double)q / (double)p;

			lo[i] = c > BAND ? (size_t)(c - BAND) : 0;
			hi[i] = (size_t)(c + BAND) < q ? (size_t)(c + BAND) : q;
		} else {
			lo[i] = 0;
			hi[i] = q;
		}
		base[i] = ncell;
		ncell += hi[i] - lo[i] + 1;
	}
	sc = pe_xmalloc(ncell * sizeof(*sc));
	bk = pe_xmalloc(ncell);
#define IN(i, j) ((j) >= lo[i] && (j) <= hi[i])
#define AT(i, j) (base[i] + (j) - lo[i])
	for (i = 0; i <= p; i++) {
		for (j = lo[i]; j <= hi[i]; j++) {
			size_t c = AT(i, j);

			best = -1;
			bk[c] = ST_NONE;
			if (i == 0 && j == 0) {
				best = 0;
			}
			/* insertion first: on a tie the last step inserts,
			 * so deletions come before insertions, as in diff */
			if (j > 0 && IN(i, j - 1) && sc[AT(i, j - 1)] >= 0 &&
			    sc[AT(i, j - 1)] > best) {
				best = sc[AT(i, j - 1)];
				bk[c] = ST_INS;
			}
			if (i > 0 && IN(i - 1, j) && sc[AT(i - 1, j)] >= 0 &&
			    sc[AT(i - 1, j)] > best) {
				best = sc[AT(i - 1, j)];
				bk[c] = ST_DEL;
			}
			if (i > 0 && j > 0 && IN(i - 1, j - 1) &&
			    sc[AT(i - 1, j - 1)] >= 0) {
				g = gain1(get(old, ia[i - 1]), get(new, ib[j - 1]));
				if (g > 0 && sc[AT(i - 1, j - 1)] + g > best) {
					best = sc[AT(i - 1, j - 1)] + g;
					bk[c] = ST_PAIR;
				}
			}
			if (i > 0 && j > 1 && IN(i - 1, j - 2) &&
			    sc[AT(i - 1, j - 2)] >= 0) {
				g = gain2(get(old, ia[i - 1]), get(new, ib[j - 2]),
				    get(new, ib[j - 1]));
				if (g > 0 && sc[AT(i - 1, j - 2)] + g > best) {
					best = sc[AT(i - 1, j - 2)] + g;
					bk[c] = ST_SPLIT;
				}
			}
			if (i > 1 && j > 0 && IN(i - 2, j - 1) &&
			    sc[AT(i - 2, j - 1)] >= 0) {
				g = gain2(get(new, ib[j - 1]), get(old, ia[i - 2]),
				    get(old, ia[i - 1]));
				if (g > 0 && sc[AT(i - 2, j - 1)] + g > best) {
					best = sc[AT(i - 2, j - 1)] + g;
					bk[c] = ST_MERGE;
				}
			}
			sc[c] = best;
		}
	}
	st = pe_xmalloc((p + q + 1) * sizeof(*st));
	i = p;
	j = q;
	while (i > 0 || j > 0) {
		int k = IN(i, j) ? bk[AT(i, j)] : ST_NONE;

		if (k == ST_NONE)	/* off the band: cannot be reached */
			k = i > 0 ? ST_DEL : ST_INS;
		switch (k) {
		case ST_DEL: i--; break;
		case ST_INS: j--; break;
		case ST_PAIR: i--; j--; break;
		case ST_SPLIT: i--; j -= 2; break;
		case ST_MERGE: i -= 2; j--; break;
		}
		st[nst].kind = k;
		st[nst].i = i;
		st[nst].j = j;
		nst++;
	}
#undef IN
#undef AT
	/* backwards: turn them round */
	for (i = 0; i < nst / 2; i++) {
		struct step t = st[i];

		st[i] = st[nst - 1 - i];
		st[nst - 1 - i] = t;
	}
	free(lo);
	free(hi);
	free(base);
	free(sc);
	free(bk);
	*out = st;
	return nst;
}

/* ---- the script ---------------------------------------------------------- */

struct walk {
	struct diff_file *old, *new;
	struct diff_script *s;
	int32_t *mva, *mvb;	/* move partners, or -1 */
};

static void
add(struct diff_script *s, enum diff_op op, size_t a0, size_t a1, size_t b0,
    size_t b1)
{
	push(s, op, a0, a1, b0, b1);
	if (op != DIFF_MOVED_OUT)
		s->count[op] += op == DIFF_SAME ? b1 - b0 : 1;
}

/* One gap: old [i0, i1), new [j0, j1), none of them paired as same. */
static void
gap(struct walk *w, size_t i0, size_t i1, size_t j0, size_t j1)
{
	size_t *ia, *ib, p = 0, q = 0, k, nst, ma, mb, x, y;
	struct step *st = NULL;

	ia = pe_xmalloc((i1 - i0 + 1) * sizeof(*ia));
	ib = pe_xmalloc((j1 - j0 + 1) * sizeof(*ib));
	for (k = i0; k < i1; k++)
		if (w->mva[k] < 0)
			ia[p++] = k;
	for (k = j0; k < j1; k++)
		if (w->mvb[k] < 0)
			ib[q++] = k;
	if (p > 0 && q > 0)
		nst = dp_align(w->old, w->new, ia, p, ib, q, &st);
	else {
		st = pe_xmalloc((p + q + 1) * sizeof(*st));
		for (nst = 0; nst < p; nst++) {
			st[nst].kind = ST_DEL;
			st[nst].i = nst;
			st[nst].j = 0;
		}
		for (k = 0; k < q; k++, nst++) {
			st[nst].kind = ST_INS;
			st[nst].i = 0;
			st[nst].j = k;
		}
	}
	/* the steps, with the moved records where they stand */
	ma = i0;
	mb = j0;
	for (k = 0; k <= nst; k++) {
		int kind = k < nst ? st[k].kind : ST_NONE;
		/* flush the moved records before this step's first ones */
		size_t at = kind == ST_NONE ? i1 : kind == ST_INS ? 0 :
		    ia[st[k].i];
		size_t bt = kind == ST_NONE ? j1 : kind == ST_DEL ? 0 :
		    ib[st[k].j];

		for (; ma < i1 && ma < at; ma++)
			if (w->mva[ma] >= 0)
				add(w->s, DIFF_MOVED_OUT, ma, ma + 1,
				    (size_t)w->mva[ma], (size_t)w->mva[ma] + 1);
		for (; mb < j1 && mb < bt; mb++)
			if (w->mvb[mb] >= 0)
				add(w->s, DIFF_MOVE, (size_t)w->mvb[mb],
				    (size_t)w->mvb[mb] + 1, mb, mb + 1);
		if (kind == ST_NONE)
			break;
		x = kind != ST_INS ? ia[st[k].i] : 0;
		y = kind != ST_DEL ? ib[st[k].j] : 0;
		switch (kind) {
		case ST_DEL:
			add(w->s, DIFF_DELETE, x, x + 1, 0, 0);
			ma = x + 1;
			break;
		case ST_INS:
			add(w->s, DIFF_INSERT, 0, 0, y, y + 1);
			mb = y + 1;
			break;
		case ST_PAIR:
			add(w->s, classify(get(w->old, x), get(w->new, y)),
			    x, x + 1, y, y + 1);
			ma = x + 1;
			mb = y + 1;
			break;
		case ST_SPLIT:
			add(w->s, DIFF_SPLIT, x, x + 1, y, ib[st[k].j + 1] + 1);
			ma = x + 1;
			mb = ib[st[k].j + 1] + 1;
			break;
		case ST_MERGE:
			add(w->s, DIFF_MERGE, x, ia[st[k].i + 1] + 1, y, y + 1);
			ma = ia[st[k].i + 1] + 1;
			mb = y + 1;
			break;
		}
	}
	free(st);
	free(ia);
	free(ib);
}

/* Pass 1: exact partners among the unpaired records are moves. */
static void
exact_moves(struct diff_file *old, struct diff_file *new, const int32_t *ma,
    const int32_t *mb, int32_t *mva, int32_t *mvb)
{
	size_t i, s, cap = 16, nun = 0;
	uint32_t *head, *next;
	uint64_t *key;

	for (i = 0; i < old->n; i++)
		if (ma[i] < 0)
			nun++;
	if (nun == 0)
		return;
	while (cap < 2 * nun)
		cap *= 2;
	key = pe_xmalloc(cap * sizeof(*key));
	head = pe_xmalloc(cap * sizeof(*head));
	next = pe_xmalloc(old->n * sizeof(*next));
	for (s = 0; s < cap; s++)
		head[s] = UINT32_MAX;
	/* chains in increasing old order: push from the back */
	for (i = old->n; i-- > 0;) {
		uint64_t h = old->hash[i];

		if (ma[i] >= 0)
			continue;
		for (s = h & (cap - 1); head[s] != UINT32_MAX && key[s] != h;
		    s = (s + 1) & (cap - 1))
			;
		key[s] = h;
		next[i] = head[s];
		head[s] = (uint32_t)i;
	}
	for (i = 0; i < new->n; i++) {
		uint64_t h = new->hash[i];

		if (mb[i] >= 0)
			continue;
		for (s = h & (cap - 1); head[s] != UINT32_MAX && key[s] != h;
		    s = (s + 1) & (cap - 1))
			;
		if (head[s] >= UINT32_MAX - 1 || key[s] != h)
			continue;
		mvb[i] = (int32_t)head[s];
		mva[head[s]] = (int32_t)i;
		head[s] = next[head[s]];
		/* an emptied chain keeps its slot: mark it spent */
		if (head[s] == UINT32_MAX)
			head[s] = UINT32_MAX - 1;
	}
	free(key);
	free(head);
	free(next);
}

/* Pass 3: deleted and inserted records that are one record moved, with
 * a re-wrap (same folded text: found through a hash table) or an edit
 * (MOVE_SIM alike: tried only when there are few enough pairs). */
static void
late_moves(struct walk *w)
{
	struct diff_script *s = w->s;
	size_t *del, *ins, nd = 0, ni = 0, k, m, best, cap = 16, h;
	uint32_t *slot;
	double bs, sim, least;

	del = pe_xmalloc((s->n + 1) * sizeof(*del));
	ins = pe_xmalloc((s->n + 1) * sizeof(*ins));
	for (k = 0; k < s->n; k++) {
		if (s->e[k].op == DIFF_DELETE)
			del[nd++] = k;
		else if (s->e[k].op == DIFF_INSERT)
			ins[ni++] = k;
	}
	if (nd == 0 || ni == 0)
		goto out;
	while (cap < 2 * nd)
		cap *= 2;
	slot = pe_xmalloc(cap * sizeof(*slot));
	for (h = 0; h < cap; h++)
		slot[h] = UINT32_MAX;
	for (m = 0; m < nd; m++) {
		struct diff_rec *x = get(w->old, s->e[del[m]].a0);

		for (h = x->foldhash & (cap - 1); slot[h] != UINT32_MAX;
		    h = (h + 1) & (cap - 1))
			;
		slot[h] = (uint32_t)m;
	}
	least = MOVE_SIM > diff_opt.min_sim ? MOVE_SIM : diff_opt.min_sim;
	for (k = 0; k < ni; k++) {
		struct diff_edit *e = &s->e[ins[k]];
		struct diff_rec *y = get(w->new, e->b0);

		best = SIZE_MAX;
		for (h = y->foldhash & (cap - 1); slot[h] != UINT32_MAX;
		    h = (h + 1) & (cap - 1)) {
			struct diff_edit *d = &s->e[del[slot[h]]];
			struct diff_rec *x = get(w->old, d->a0);

			if (d->op == DIFF_DELETE && x->foldhash == y->foldhash &&
			    same_text(x, y) && same_kind(x, y)) {
				best = slot[h];
				break;
			}
		}
		if (best == SIZE_MAX && (double)nd * (double)ni <= MOVE_BUDGET) {
			bs = 0;
			for (m = 0; m < nd; m++) {
				struct diff_edit *d = &s->e[del[m]];

				if (d->op != DIFF_DELETE)
					continue;
				sim = diff_sim(get(w->old, d->a0), y);
				if (sim >= least && sim > bs) {
					best = m;
					bs = sim;
				}
			}
		}
		if (best == SIZE_MAX)
			continue;
		s->count[DIFF_INSERT]--;
		s->count[DIFF_DELETE]--;
		s->count[DIFF_MOVE]++;
		e->op = DIFF_MOVE;
		e->a0 = s->e[del[best]].a0;
		e->a1 = e->a0 + 1;
		s->e[del[best]].op = DIFF_MOVED_OUT;
		s->e[del[best]].b0 = e->b0;
		s->e[del[best]].b1 = e->b1;
	}
	free(slot);
out:
	free(del);
	free(ins);
}

void
diff_edits(struct diff_file *old, struct diff_file *new, struct diff_script *s)
{
	struct walk w;
	int32_t *ma, *mb;
	size_t i = 0, j = 0, i0, j0, na = old->n, nb = new->n;

	memset(s, 0, sizeof(*s));
	ma = pe_xmalloc((na + 1) * sizeof(*ma));
	mb = pe_xmalloc((nb + 1) * sizeof(*mb));
	w.mva = pe_xmalloc((na + 1) * sizeof(*w.mva));
	w.mvb = pe_xmalloc((nb + 1) * sizeof(*w.mvb));
	for (i = 0; i < na; i++)
		w.mva[i] = -1;
	for (j = 0; j < nb; j++)
		w.mvb[j] = -1;
	w.old = old;
	w.new = new;
	w.s = s;
	diff_align(old->hash, na, new->hash, nb, ma, mb);
	if (!diff_opt.no_moves)
		exact_moves(old, new, ma, mb, w.mva, w.mvb);
	i = j = 0;
	while (i < na || j < nb) {
		i0 = i;
		j0 = j;
		while (i < na && j < nb && ma[i] == (int32_t)j) {
			i++;
			j++;
		}
		if (i > i0)
			add(s, DIFF_SAME, i0, i, j0, j);
		i0 = i;
		j0 = j;
		while (i < na && ma[i] < 0)
			i++;
		while (j < nb && mb[j] < 0)
			j++;
		if (i > i0 || j > j0)
			gap(&w, i0, i, j0, j);
	}
	if (!diff_opt.no_moves)
		late_moves(&w);
	free(ma);
	free(mb);
	free(w.mva);
	free(w.mvb);
}
