/*
 * pe-diff-read.c - two record files read whole, without parsing them.
 *
 * pe-diff compares files of a million records in about the time GNU diff
 * takes, and parsing every record with jansson would cost more than
 * that alone.  So a file is read once, in large blocks, and each line
 * gets only a structural scan: it must be one JSON object, and the bytes
 * of its fields, the positional ones left out (id, doc, span, line,
 * para, and a doc record's lines and chars, which any edit upstream
 * shifts), are hashed.  Two records with the same hash are the same
 * record; only those without an exact partner are read again (pread)
 * and parsed, when the edit script asks for them.  The bytes are not
 * kept in memory unless the input cannot be read twice (a pipe).
 *
 * Bad input policy: a line the scan rejects is checked by lib/json.c for a
 * precise message, reported as FILE:LINE, and either stops the reading
 * (f->stop; pe-diff then compares nothing) or, with --keep-going, is kept
 * as an opaque record compared by its bytes.  A line with an exact
 * partner is never parsed, so an error the scan cannot see (an invalid
 * escape or UTF-8 sequence inside a string) is found only in records
 * that differ; those are reported when they are parsed.
 *
 * The two files are read in two threads (diff_file_open2()); messages
 * are collected and printed after both are read, the first file's first.
 */
#define _DEFAULT_SOURCE		/* pread */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pe/cli.h"
#include "pe/json.h"
#include "pe/text.h"
#include "pe-diff.h"

#define BLOCK (4u << 20)	/* bytes read at a time */

/* ---- hashing ------------------------------------------------------------- */

static inline uint64_t
mix(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t
load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* A wyhash-style multiply-mix over 16 bytes a round: fast enough to run
 * at memory speed, and 64 bits make a collision among a few million
 * records unlikely (about 1 in 10^7 for 2 million). */
uint64_t
diff_hash(const void *s, size_t n, uint64_t h)
{
	static const uint64_t k0 = 0xa0761d6478bd642fULL,
	    k1 = 0xe7037ed1a0b428dbULL, k2 = 0x8ebc6af09c88c6e3ULL;
	const unsigned char *p = s;
	uint64_t a, b;
	size_t i = n;

	h ^= k0 + n;
	while (i > 16) {
		h = mix(load64(p) ^ k1, load64(p + 8) ^ h);
		p += 16;
		i -= 16;
	}
	if (i > 8) {
		a = load64(p);
		b = load64(p + i - 8);
	} else if (i >= 4) {
		uint32_t x, y;

		memcpy(&x, p, 4);
		memcpy(&y, p + i - 4, 4);
		a = x;
		b = y;
	} else if (i > 0) {
		a = ((uint64_t)p[0] << 16) | ((uint64_t)p[i >> 1] << 8) | p[i - 1];
		b = 0;
	} else {
		a = b = 0;
	}
	return mix(k2 ^ n, mix(a ^ k1, b ^ h));
}

int
diff_ignored_key(const char *k, size_t n)
{
	switch (n) {
	case 2:
		return memcmp(k, "id", 2) == 0;
	case 3:
		return memcmp(k, "doc", 3) == 0;
	case 4:
		return memcmp(k, "span", 4) == 0 || memcmp(k, "line", 4) == 0 ||
		    memcmp(k, "para", 4) == 0;
	case 5:
		return memcmp(k, "lines", 5) == 0 || memcmp(k, "chars", 5) == 0;
	}
	return 0;
}

/* ---- the structural scan ------------------------------------------------- */

static inline const char *
skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* p is just past an opening quote: the position after the closing one,
 * or NULL.  A quote preceded by an odd run of backslashes is escaped. */
static const char *
skip_string(const char *p, const char *e)
{
	const char *q, *r;

	for (;;) {
		q = memchr(p, '"', (size_t)(e - p));
		if (q == NULL)
			return NULL;
		for (r = q; r > p && r[-1] == '\\'; r--)
			;
		if (((q - r) & 1) == 0)
			return q + 1;
		p = q + 1;
	}
}

/* A value starting at p: the position after it, or NULL. */
static const char *
skip_value(const char *p, const char *e)
{
	int depth = 0;

	if (p >= e)
		return NULL;
	switch (*p) {
	case '"':
		return skip_string(p + 1, e);
	case '{':
	case '[':
		for (; p < e; p++) {
			switch (*p) {
			case '"':
				if ((p = skip_string(p + 1, e)) == NULL)
					return NULL;
				p--;
				break;
			case '{':
			case '[':
				if (++depth > 512)
					return NULL;
				break;
			case '}':
			case ']':
				if (--depth == 0)
					return p + 1;
				break;
			}
		}
		return NULL;
	default:
		if (!(*p == '-' || (*p >= '0' && *p <= '9') || *p == 't' ||
		    *p == 'f' || *p == 'n'))
			return NULL;
		while (p < e && *p != ',' && *p != '}' && *p != ']' &&
		    *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		return p;
	}
}

int
diff_scan_line(const char *s, size_t n, uint64_t *hash)
{
	const char *p = s, *e = s + n, *k0, *k1, *v1;
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	int first = 1;

	p = skip_ws(p, e);
	if (p == e || *p++ != '{')
		return 0;
	for (;;) {
		p = skip_ws(p, e);
		if (p == e)
			return 0;
		if (*p == '}') {
			if (!first)
				return 0;	/* "{... ,}" */
			p++;
			break;
		}
		if (*p != '"')
			return 0;
		k0 = p;
		if ((p = skip_string(p + 1, e)) == NULL)
			return 0;
		k1 = p;
		p = skip_ws(p, e);
		if (p == e || *p++ != ':')
			return 0;
		p = skip_ws(p, e);
		if ((v1 = skip_value(p, e)) == NULL || v1 == p)
			return 0;
		if (!diff_ignored_key(k0 + 1, (size_t)(k1 - k0 - 2)))
			h = diff_hash(k0, (size_t)(v1 - k0), h);
		p = skip_ws(v1, e);
		if (p == e)
			return 0;
		if (*p == ',') {
			p++;
			first = 0;
			/* a comma must be followed by another key */
			p = skip_ws(p, e);
			if (p == e || *p != '"')
				return 0;
			continue;
		}
		if (*p != '}')
			return 0;
		p++;
		break;
	}
	if (skip_ws(p, e) != e)
		return 0;
	*hash = h;
	return 1;
}

int
diff_line_fields(const char *s, size_t n, const char *const *keys,
    size_t nkeys, const char **val, size_t *vlen)
{
	const char *p = s, *e = s + n, *k0, *k1, *v1;
	size_t i;

	for (i = 0; i < nkeys; i++)
		val[i] = NULL;
	p = skip_ws(p, e);
	if (p == e || *p++ != '{')
		return 0;
	for (;;) {
		p = skip_ws(p, e);
		if (p == e)
			return 0;
		if (*p != '"')
			return *p == '}';
		k0 = p + 1;
		if ((p = skip_string(p + 1, e)) == NULL)
			return 0;
		k1 = p - 1;
		p = skip_ws(p, e);
		if (p == e || *p++ != ':')
			return 0;
		p = skip_ws(p, e);
		if ((v1 = skip_value(p, e)) == NULL)
			return 0;
		for (i = 0; i < nkeys; i++)
			if (val[i] == NULL && strlen(keys[i]) == (size_t)(k1 - k0) &&
			    memcmp(keys[i], k0, (size_t)(k1 - k0)) == 0) {
				val[i] = p;
				vlen[i] = (size_t)(v1 - p);
			}
		p = skip_ws(v1, e);
		if (p == e)
			return 0;
		if (*p == '}')
			return 1;
		if (*p++ != ',')
			return 0;
	}
}

/* ---- reading ------------------------------------------------------------- */

/* Messages collected while reading (in a thread), printed afterwards. */
struct msgs {
	char **m;
	size_t n;
	int status;
};

static void
msg_add(struct msgs *ms, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ms->m = pe_xrealloc(ms->m, (ms->n + 1) * sizeof(*ms->m));
	ms->m[ms->n++] = pe_xstrdup(buf);
}

static void
msg_flush(struct msgs *ms)
{
	size_t i;

	for (i = 0; i < ms->n; i++) {
		pe_warn("%s", ms->m[i]);
		free(ms->m[i]);
	}
	free(ms->m);
	pe_status(ms->status);
	memset(ms, 0, sizeof(*ms));
}

struct reader {
	struct diff_file *f;
	struct msgs ms;
	size_t cap;		/* of f->off and f->hash */
	uint64_t end;		/* one past the last line read and its '\n' */
	int rc;
};

/* Why a line is not a JSON object, in jansson's words. */
static void
bad_line(struct reader *rd, const char *s, size_t n, unsigned long lineno)
{
	json_error_t err;
	json_t *j = json_loadb(s, n, JSON_ALLOW_NUL, &err);

	if (j == NULL)
		msg_add(&rd->ms, "%s:%lu: not JSON: %s (column %d)", rd->f->name,
		    lineno, err.text, err.column);
	else if (!json_is_object(j))
		msg_add(&rd->ms, "%s:%lu: not a JSON object", rd->f->name, lineno);
	else
		msg_add(&rd->ms, "%s:%lu: not a JSON object on one line",
		    rd->f->name, lineno);
	json_decref(j);
	rd->ms.status = PE_EXIT_INPUT;
}

/* Record one line at offset off; returns 0 to go on, -1 to stop. */
static int
add_line(struct reader *rd, const char *s, size_t n, uint64_t off)
{
	struct diff_file *f = rd->f;
	uint64_t h;

	if (f->n + 1 >= rd->cap) {
		rd->cap = rd->cap ? rd->cap * 2 : 4096;
		f->off = pe_xrealloc(f->off, rd->cap * sizeof(*f->off));
		f->hash = pe_xrealloc(f->hash, rd->cap * sizeof(*f->hash));
	}
	if (!diff_scan_line(s, n, &h)) {
		bad_line(rd, s, n, (unsigned long)f->n + 1);
		f->nbad++;
		if (!pe_opt.keep_going) {
			f->stop = 1;
			f->stopline = (unsigned long)f->n + 1;
			return -1;
		}
		/* an opaque record: its own bytes, apart from any record */
		h = diff_hash(s, n, 0x5bd1e9955bd1e995ULL);
	}
	f->off[f->n] = off;
	f->hash[f->n] = h;
	f->n++;
	rd->end = off + n + 1;
	return 0;
}

static void
read_file(struct reader *rd)
{
	struct diff_file *f = rd->f;
	struct stat st;
	char *buf = NULL;
	size_t cap = BLOCK, have = 0, start, i;
	uint64_t base = 0;	/* file offset of buf[0] */
	ssize_t got;
	int keep;

	rd->rc = 0;
	if (f->fd < 0) {
		msg_add(&rd->ms, "%s: %s", f->name, strerror(errno));
		rd->ms.status = PE_EXIT_INPUT;
		f->failed = 1;
		rd->rc = -1;
		return;
	}
	if (fstat(f->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		msg_add(&rd->ms, "%s: %s", f->name, strerror(EISDIR));
		rd->ms.status = PE_EXIT_INPUT;
		f->failed = 1;
		rd->rc = -1;
		return;
	}
	/* A file we can read twice need not stay in memory. */
	keep = !(S_ISREG(st.st_mode) &&
	    lseek(f->fd, 0, SEEK_CUR) == 0);
	if (keep && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	buf = pe_xmalloc(cap);
	for (;;) {
		if (have == cap) {
			cap *= 2;
			buf = pe_xrealloc(buf, cap);
		}
		got = read(f->fd, buf + have, cap - have);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			msg_add(&rd->ms, "%s: read error: %s", f->name,
			    strerror(errno));
			rd->ms.status = PE_EXIT_INPUT;
			f->failed = 1;
			rd->rc = -1;
			break;
		}
		if (got == 0)
			break;
		start = 0;
		if (!keep) {
			/* lines complete in this block */
			char *nl;

			i = have;
			have += (size_t)got;
			while ((nl = memchr(buf + i, '\n', have - i)) != NULL) {
				size_t e = (size_t)(nl - buf);

				if (add_line(rd, buf + start, e - start,
				    base + start) < 0)
					goto done;
				start = e + 1;
				i = start;
			}
			/* keep the partial line at the front */
			memmove(buf, buf + start, have - start);
			have -= start;
			base += start;
		} else {
			have += (size_t)got;
		}
	}
	if (keep) {
		/* all of it in memory: split it now */
		char *nl;

		start = 0;
		while (start < have &&
		    (nl = memchr(buf + start, '\n', have - start)) != NULL) {
			if (add_line(rd, buf + start,
			    (size_t)(nl - buf) - start, start) < 0)
				goto done;
			start = (size_t)(nl - buf) + 1;
		}
		if (start < have && add_line(rd, buf + start, have - start,
		    start) < 0)
			goto done;
		f->data = buf;
		buf = NULL;
		f->size = have;
	} else {
		if (have > 0 && add_line(rd, buf, have, base) < 0)
			goto done;
		f->size = base + have;
	}
done:
	free(buf);
	if (f->off == NULL) {
		f->off = pe_xmalloc(sizeof(*f->off));
		f->hash = pe_xmalloc(sizeof(*f->hash));
	}
	/* off[n]: one past the last line's '\n', real or not, so that
	 * line i is always [off[i], off[i + 1] - 1) */
	f->off[f->n] = rd->end;
	f->rec = pe_xcalloc(f->n + 1, sizeof(*f->rec));
}

static void
file_init(struct diff_file *f, const char *name)
{
	memset(f, 0, sizeof(*f));
	if (name == NULL || strcmp(name, "-") == 0) {
		f->name = "-";
		f->fd = STDIN_FILENO;
	} else {
		f->name = name;
		f->fd = open(name, O_RDONLY);
	}
}

int
diff_file_open(struct diff_file *f, const char *name)
{
	struct reader rd = { 0 };

	file_init(f, name);
	rd.f = f;
	read_file(&rd);
	msg_flush(&rd.ms);
	return rd.rc;
}

int
diff_file_mem(struct diff_file *f, const char *name, const char *data,
    size_t n)
{
	struct reader rd = { 0 };
	const char *nl;
	size_t start = 0;

	memset(f, 0, sizeof(*f));
	f->name = name;
	f->fd = -1;
	rd.f = f;
	f->data = pe_xmalloc(n + 1);
	memcpy(f->data, data, n);
	f->data[n] = '\0';
	f->size = n;
	while (start < n && (nl = memchr(f->data + start, '\n', n - start))) {
		if (add_line(&rd, f->data + start, (size_t)(nl - f->data) - start,
		    start) < 0)
			break;
		start = (size_t)(nl - f->data) + 1;
	}
	if (!f->stop && start < n)
		add_line(&rd, f->data + start, n - start, start);
	if (f->off == NULL) {
		f->off = pe_xmalloc(sizeof(*f->off));
		f->hash = pe_xmalloc(sizeof(*f->hash));
	}
	f->off[f->n] = rd.end;
	f->rec = pe_xcalloc(f->n + 1, sizeof(*f->rec));
	msg_flush(&rd.ms);
	return 0;
}

static void *
reader_main(void *arg)
{
	read_file(arg);
	return NULL;
}

int
diff_file_open2(struct diff_file *a, const char *na, struct diff_file *b,
    const char *nb)
{
	struct reader ra = { 0 }, rb = { 0 };
	pthread_t t;
	int threaded;

	file_init(a, na);
	file_init(b, nb);
	ra.f = a;
	rb.f = b;
	/* stdin twice cannot be read in parallel; nor is it worth it */
	threaded = a->fd != STDIN_FILENO && b->fd != STDIN_FILENO &&
	    pthread_create(&t, NULL, reader_main, &ra) == 0;
	if (!threaded)
		read_file(&ra);
	read_file(&rb);
	if (threaded)
		pthread_join(t, NULL);
	msg_flush(&ra.ms);
	msg_flush(&rb.ms);
	return ra.rc < 0 || rb.rc < 0 ? -1 : 0;
}

size_t
diff_line(struct diff_file *f, size_t i, char **buf, size_t *cap)
{
	uint64_t a = f->off[i], b = f->off[i + 1];
	size_t n;
	ssize_t got;

	n = (size_t)(b - a - 1);
	if (*cap < n + 1) {
		*cap = n + 1;
		*buf = pe_xrealloc(*buf, *cap);
	}
	if (f->data != NULL) {
		memcpy(*buf, f->data + a, n);
	} else {
		size_t done = 0;

		while (done < n) {
			got = pread(f->fd, *buf + done, n - done,
			    (off_t)(a + done));
			if (got <= 0) {
				if (got < 0 && errno == EINTR)
					continue;
				pe_die(PE_EXIT_TROUBLE, "%s: read error:", f->name);
			}
			done += (size_t)got;
		}
	}
	/* a CR before the newline is not part of the record */
	if (n > 0 && (*buf)[n - 1] == '\r')
		n--;
	(*buf)[n] = '\0';
	return n;
}

struct diff_rec *
diff_rec_get(struct diff_file *f, size_t i)
{
	static char *buf;
	static size_t cap;
	struct diff_rec *r;
	const char *msg;
	char *line;
	size_t n, len, col, nbad = 0, first = 0;

	if (f->rec[i] != NULL)
		return f->rec[i];
	n = diff_line(f, i, &buf, &cap);
	r = pe_xcalloc(1, sizeof(*r));
	r->lineno = (unsigned long)i + 1;
	len = n;
	if (pe_utf8_valid(buf, n) == n) {
		line = pe_xmalloc(n + 1);
		memcpy(line, buf, n + 1);
	} else {
		line = pe_utf8_repair(buf, n, &len, &nbad, &first);
		pe_warn("%s:%lu: invalid UTF-8 at byte %zu replaced by U+FFFD "
		    "(%zu bad byte%s)", f->name, r->lineno, first, nbad,
		    nbad == 1 ? "" : "s");
		pe_status(PE_EXIT_INPUT);
	}
	msg = pe_rec_parse(&r->rec, line, len, &col);
	r->raw = r->rec.line;
	r->rawlen = r->rec.len;
	r->ok = r->rec.ok;
	if (!r->ok && diff_scan_line(buf, n, &(uint64_t){ 0 })) {
		/* the scan let it through: the fault is inside a string */
		if (col > 0)
			pe_warn("%s:%lu: not JSON: %s (column %zu)", f->name,
			    r->lineno, msg, col);
		else
			pe_warn("%s:%lu: %s", f->name, r->lineno, msg);
		pe_status(PE_EXIT_INPUT);
	}
	r->doc = r->rec.doc;
	r->id = r->rec.id;
	r->kind = r->rec.kind;
	r->text = r->rec.text;
	r->textlen = r->rec.textlen;
	f->rec[i] = r;
	return r;
}

json_t *
diff_rec_json(const struct diff_rec *r)
{
	struct diff_rec *w = (struct diff_rec *)r;	/* a cache */

	if (!r->parsed) {
		w->parsed = 1;
		/* NULL too for what jansson alone refuses (a number too big
		 * for it): such a record then has no fields to compare */
		if (r->ok)
			w->j = json_loadb(r->raw, r->rawlen, JSON_ALLOW_NUL, NULL);
	}
	return r->j;
}

/* The members of r but text, kind and the positional ones, in order. */
static size_t
rest(const struct diff_rec *r, struct pe_jmember **m, size_t *cap)
{
	struct pe_jmember x;
	size_t pos = 0, n = 0;

	while (pe_json_next(r->raw, r->rawlen, &pos, &x)) {
		if (diff_ignored_key(x.key, x.keylen) ||
		    pe_json_key_is(x.key, x.keylen, "text") ||
		    pe_json_key_is(x.key, x.keylen, "kind"))
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*m = pe_xrealloc(*m, *cap * sizeof(**m));
		}
		(*m)[n++] = x;
	}
	return n;
}

/* Two checked JSON values the same but for whitespace outside strings. */
static int
same_text(const char *a, size_t na, const char *b, size_t nb)
{
	static struct pe_buf x, y;

	if (na == nb && memcmp(a, b, na) == 0)
		return 1;
	x.len = y.len = 0;
	pe_buf_reserve(&x, na);
	pe_buf_reserve(&y, nb);
	na = pe_json_compact(a, na, x.s);
	nb = pe_json_compact(b, nb, y.s);
	return na == nb && memcmp(x.s, y.s, na) == 0;
}

int
diff_rest_same(const struct diff_rec *x, const struct diff_rec *y)
{
	static struct pe_jmember *mx, *my;
	static size_t capx, capy;
	size_t nx, ny, k;

	if (!x->ok || !y->ok)
		return 0;
	nx = rest(x, &mx, &capx);
	ny = rest(y, &my, &capy);
	if (nx != ny)
		return 0;
	for (k = 0; k < nx; k++)
		if (mx[k].keylen != my[k].keylen ||
		    memcmp(mx[k].key, my[k].key, mx[k].keylen) != 0 ||
		    !same_text(mx[k].val, mx[k].vallen, my[k].val, my[k].vallen))
			return 0;
	return 1;
}

static void
rec_free(struct diff_rec *r)
{
	if (r == NULL)
		return;
	json_decref(r->j);
	free(r->rec.line);
	free(r->rec.strs);
	free(r->fold);
	free(r->bi);
	free(r);
}

void
diff_rec_drop(struct diff_file *f, size_t i)
{
	rec_free(f->rec[i]);
	f->rec[i] = NULL;
}

void
diff_file_close(struct diff_file *f)
{
	size_t i;

	if (f->rec != NULL)
		for (i = 0; i < f->n; i++)
			rec_free(f->rec[i]);
	free(f->rec);
	free(f->off);
	free(f->hash);
	free(f->data);
	if (f->fd > STDIN_FILENO)
		close(f->fd);
	memset(f, 0, sizeof(*f));
	f->fd = -1;
}
