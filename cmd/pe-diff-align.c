/*
 * pe-diff-align.c - which records of two versions are the same record.
 *
 * Input is two sequences of 64-bit content hashes; output is a monotone
 * pairing of equal hashes (an increasing common subsequence).  The
 * method is patience diff's (Bram Cohen; git's --patience and, in
 * spirit, --histogram): records that occur exactly once in each side
 * are the anchors, because they cannot be paired wrongly; the longest
 * increasing run of them (an LIS, O(k log k)) is kept, and every gap
 * between two anchors is aligned again the same way, its common prefix
 * and suffix first.  A gap with no record unique in both goes to Myers'
 * O(ND) algorithm (E. Myers, "An O(ND) difference algorithm and its
 * variations", 1986) under a cost cap: when the edit distance passes
 * the cap, equal hashes are paired greedily in order instead, so that
 * no input, shuffled or adversarial, takes quadratic time or memory.
 *
 * What is left unpaired is not yet an insertion or a deletion: the edit
 * script (pe-diff-edit.c) looks for moves, changes, splits and merges
 * among it.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/cli.h"
#include "pe-diff.h"

#define NONE 0xFFFFFFFFu	/* no record with this hash on that side */
#define MANY 0xFFFFFFFEu	/* more than one */
#define SMALL_GAP 64		/* at most this many a side: Myers directly */
#define MAX_DEPTH 48		/* nested anchor passes before Myers */
#define WORK_CAP 40000000L	/* Myers: (na + nb) * D at most about this */

struct slot {
	uint64_t h;
	uint32_t ia, ib;
};

struct ctx {
	const uint64_t *a, *b;
	int32_t *ma, *mb;
	long budget;		/* Myers work left, in snake steps */
};

static void
pair(struct ctx *c, size_t i, size_t j)
{
	c->ma[i] = (int32_t)j;
	c->mb[j] = (int32_t)i;
}

/* ---- Myers -------------------------------------------------------------- */

/*
 * Myers' greedy forward algorithm on a[0..na), b[0..nb) with the trace
 * of every round kept for the way back: round d keeps V[-d..d], so the
 * memory is (D + 1)^2 longs, bounded by the cap.  Pairs are written with
 * offsets ao, bo added.  Returns 0, or -1 past maxd.
 */
static int
myers(struct ctx *c, size_t ao, size_t na, size_t bo, size_t nb, long maxd)
{
	const uint64_t *a = c->a + ao, *b = c->b + bo;
	long n = (long)na, m = (long)nb, d, k, x, y, max, rounds;
	long *v, **trace;
	int found = 0;

	if (n == 0 || m == 0)
		return 0;
	max = n + m;
	if (maxd > max)
		maxd = max;
	v = pe_xcalloc((size_t)(2 * maxd + 3), sizeof(*v));
	trace = pe_xcalloc((size_t)maxd + 1, sizeof(*trace));
	v += maxd + 1;
	v[1] = 0;
	for (d = 0; d <= maxd && !found; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[k - 1] < v[k + 1]))
				x = v[k + 1];
			else
				x = v[k - 1] + 1;
			y = x - k;
			while (x < n && y < m && a[x] == b[y]) {
				x++;
				y++;
			}
			v[k] = x;
			if (x >= n && y >= m) {
				found = 1;
				break;
			}
		}
		trace[d] = pe_xmalloc((size_t)(2 * d + 1) * sizeof(long));
		memcpy(trace[d], v - d, (size_t)(2 * d + 1) * sizeof(long));
		if (found)
			break;
	}
	rounds = d;	/* trace[0..rounds] hold arrays */
	if (found) {
		/* back from (n, m): each round undoes one edit and the
		 * diagonal run (snake) after it */
		x = n;
		y = m;
		for (; d > 0; d--) {
			long *pv = trace[d - 1] + (d - 1);	/* V[k] at pv[k] */
			long pk, px, py, mx, my;

			k = x - y;
			if (k == -d || (k != d && pv[k - 1] < pv[k + 1]))
				pk = k + 1;	/* down: an insertion */
			else
				pk = k - 1;	/* right: a deletion */
			px = pv[pk];
			py = px - pk;
			mx = pk == k + 1 ? px : px + 1;
			my = pk == k + 1 ? py + 1 : py;
			while (x > mx && y > my) {
				x--;
				y--;
				pair(c, ao + (size_t)x, bo + (size_t)y);
			}
			x = px;
			y = py;
		}
		while (x > 0 && y > 0) {
			x--;
			y--;
			pair(c, ao + (size_t)x, bo + (size_t)y);
		}
	}
	for (k = 0; k <= maxd && k <= rounds; k++)
		free(trace[k]);
	free(trace);
	free(v - (maxd + 1));
	return found ? 0 : -1;
}

/* When Myers gives up: equal hashes paired in order, each a[i] with the
 * first unused equal b[j] after the last pair.  Linear: one list of b
 * positions per hash, each walked once. */
static void
greedy(struct ctx *c, size_t alo, size_t ahi, size_t blo, size_t bhi)
{
	size_t nb = bhi - blo, cap = 16, i, s, last = blo;
	uint32_t *head, *next;
	struct slot *t;

	while (cap < 2 * nb)
		cap *= 2;
	t = pe_xmalloc(cap * sizeof(*t));
	head = pe_xmalloc(cap * sizeof(*head));
	next = pe_xmalloc((nb + 1) * sizeof(*next));
	for (s = 0; s < cap; s++)
		t[s].ia = NONE;
	/* lists in increasing b order: push from the back */
	for (i = nb; i-- > 0;) {
		uint64_t h = c->b[blo + i];

		for (s = h & (cap - 1); t[s].ia != NONE && t[s].h != h;
		    s = (s + 1) & (cap - 1))
			;
		if (t[s].ia == NONE) {
			t[s].h = h;
			t[s].ia = 0;
			head[s] = NONE;
		}
		next[i] = head[s];
		head[s] = (uint32_t)i;
	}
	for (i = alo; i < ahi && last < bhi; i++) {
		uint64_t h = c->a[i];

		for (s = h & (cap - 1); t[s].ia != NONE && t[s].h != h;
		    s = (s + 1) & (cap - 1))
			;
		if (t[s].ia == NONE)
			continue;
		while (head[s] != NONE && blo + head[s] < last)
			head[s] = next[head[s]];
		if (head[s] == NONE)
			continue;
		pair(c, i, blo + head[s]);
		last = blo + head[s] + 1;
		head[s] = next[head[s]];
	}
	free(t);
	free(head);
	free(next);
}

/* Myers on a gap, its cost cap drawn from a budget for the whole
 * input, so that many mid-sized gaps cannot add up to quadratic time. */
static void
gap_myers(struct ctx *c, size_t alo, size_t ahi, size_t blo, size_t bhi)
{
	long n = (long)((ahi - alo) + (bhi - blo)), cap;

	cap = c->budget / (n ? n : 1);
	if (cap > WORK_CAP / (n ? n : 1))
		cap = WORK_CAP / (n ? n : 1);
	if (cap > 4000)
		cap = 4000;
	if (cap < 64)
		cap = 64;
	c->budget -= cap * n;
	if (myers(c, alo, ahi - alo, blo, bhi - blo, cap) < 0)
		greedy(c, alo, ahi, blo, bhi);
}

/* ---- patience ----------------------------------------------------------- */

struct cand {
	uint32_t i, j;
};

/* The longest run of cand[0..n) increasing in j (i increases already);
 * returns its length, the run in cand[0..len). */
static size_t
lis(struct cand *cand, size_t n)
{
	uint32_t *tail = pe_xmalloc((n + 1) * sizeof(*tail));
	uint32_t *prev = pe_xmalloc((n + 1) * sizeof(*prev));
	size_t len = 0, k, lo, hi, mid;
	struct cand *out;

	for (k = 0; k < n; k++) {
		lo = 0;
		hi = len;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (cand[tail[mid]].j < cand[k].j)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo > 0 ? tail[lo - 1] : NONE;
		tail[lo] = (uint32_t)k;
		if (lo == len)
			len++;
	}
	out = pe_xmalloc((len + 1) * sizeof(*out));
	for (k = len, lo = len ? tail[len - 1] : NONE; k > 0; k--) {
		out[k - 1] = cand[lo];
		lo = prev[lo];
	}
	memcpy(cand, out, len * sizeof(*out));
	free(out);
	free(tail);
	free(prev);
	return len;
}

static void
align_range(struct ctx *c, size_t alo, size_t ahi, size_t blo, size_t bhi,
    int depth)
{
	size_t cap = 16, s, i, ncand = 0, k, na, nb, common = 0;
	struct slot *t;
	struct cand *cand;

	while (alo < ahi && blo < bhi && c->a[alo] == c->b[blo])
		pair(c, alo++, blo++);
	while (alo < ahi && blo < bhi && c->a[ahi - 1] == c->b[bhi - 1])
		pair(c, --ahi, --bhi);
	na = ahi - alo;
	nb = bhi - blo;
	if (na == 0 || nb == 0)
		return;
	if ((na <= SMALL_GAP && nb <= SMALL_GAP) || depth > MAX_DEPTH) {
		gap_myers(c, alo, ahi, blo, bhi);
		return;
	}

	while (cap < 2 * (na + nb))
		cap *= 2;
	t = pe_xmalloc(cap * sizeof(*t));
	for (s = 0; s < cap; s++)
		t[s].ia = t[s].ib = NONE;
	for (i = alo; i < ahi; i++) {
		uint64_t h = c->a[i];

		for (s = h & (cap - 1); (t[s].ia != NONE || t[s].ib != NONE) &&
		    t[s].h != h; s = (s + 1) & (cap - 1))
			;
		t[s].h = h;
		t[s].ia = t[s].ia == NONE ? (uint32_t)i : MANY;
	}
	for (i = blo; i < bhi; i++) {
		uint64_t h = c->b[i];

		for (s = h & (cap - 1); (t[s].ia != NONE || t[s].ib != NONE) &&
		    t[s].h != h; s = (s + 1) & (cap - 1))
			;
		t[s].h = h;
		t[s].ib = t[s].ib == NONE ? (uint32_t)i : MANY;
	}
	cand = pe_xmalloc((na + 1) * sizeof(*cand));
	for (i = alo; i < ahi; i++) {
		uint64_t h = c->a[i];

		for (s = h & (cap - 1); t[s].h != h; s = (s + 1) & (cap - 1))
			;
		if (t[s].ib != NONE)
			common++;
		if (t[s].ia == (uint32_t)i && t[s].ib < MANY) {
			cand[ncand].i = (uint32_t)i;
			cand[ncand].j = t[s].ib;
			ncand++;
		}
	}
	free(t);
	if (common == 0) {
		/* nothing in the gap has a partner in it (a shuffle) */
		free(cand);
		return;
	}
	if (ncand == 0) {
		free(cand);
		gap_myers(c, alo, ahi, blo, bhi);
		return;
	}
	ncand = lis(cand, ncand);
	for (k = 0; k < ncand; k++)
		pair(c, cand[k].i, cand[k].j);
	/* the gaps before, between and after the anchors */
	for (k = 0; k <= ncand; k++) {
		size_t a0 = k == 0 ? alo : cand[k - 1].i + 1;
		size_t a1 = k == ncand ? ahi : cand[k].i;
		size_t b0 = k == 0 ? blo : cand[k - 1].j + 1;
		size_t b1 = k == ncand ? bhi : cand[k].j;

		if (a0 < a1 && b0 < b1)
			align_range(c, a0, a1, b0, b1, depth + 1);
	}
	free(cand);
}

void
diff_align(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
    int32_t *ma, int32_t *mb)
{
	struct ctx c = { a, b, ma, mb, 0 };
	size_t i;

	for (i = 0; i < na; i++)
		ma[i] = -1;
	for (i = 0; i < nb; i++)
		mb[i] = -1;
	c.budget = WORK_CAP + 64 * (long)(na + nb);
	align_range(&c, 0, na, 0, nb, 0);
}

int
diff_myers(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
    int32_t *ma, int32_t *mb, long maxd)
{
	struct ctx c = { a, b, ma, mb, 0 };
	size_t i, lo = 0, ha = na, hb = nb;

	for (i = 0; i < na; i++)
		ma[i] = -1;
	for (i = 0; i < nb; i++)
		mb[i] = -1;
	while (lo < ha && lo < hb && a[lo] == b[lo]) {
		pair(&c, lo, lo);
		lo++;
	}
	while (ha > lo && hb > lo && a[ha - 1] == b[hb - 1])
		pair(&c, --ha, --hb);
	return myers(&c, lo, ha - lo, lo, hb - lo, maxd);
}
